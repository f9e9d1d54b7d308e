/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-list"

#include "config.h"

#include "crm-page-cache.h"
#include "crm-contract-list.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-money.h"
#include "crm-text.h"
#include "crm-validate.h"

/* Every contract an office ever signed: a view reads 200 rows at a time
 * and keeps eight pages, never the whole table. */
#define PAGE_SIZE 200
#define MAX_PAGES 8

/* The text columns of an item, by property name. */
enum
{
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_TITLE,
  COLUMN_SIGNED,
  COLUMN_STARTS,
  COLUMN_ENDS,
  COLUMN_VALUE,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_ENDS_NOTE,
  N_COLUMNS
};

static const char *const column_names[N_COLUMNS] = {
  "code", "customer", "title", "signed", "starts", "ends", "value", "status", "owner", "ends-note",
};

struct _CrmContractListItem
{
  GObject         parent_instance;

  CrmContractRow *row;
  char           *text[N_COLUMNS];
  gboolean        ending_soon;
};

struct _CrmContractList
{
  GObject            parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmContractFilter *filter;
  GDate              today;
  gboolean           today_fixed;    /* by crm_contract_list_set_today() */
  guint              n_items;
  gboolean           loaded;
  CrmPageCache      cache;
};

static void crm_contract_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (CrmContractListItem, crm_contract_list_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (CrmContractList, crm_contract_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_contract_list_model_init))

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_ENDING_SOON,
  ITEM_PROP_FIRST_TEXT,
  N_ITEM_PROPS = ITEM_PROP_FIRST_TEXT + N_COLUMNS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_PAGES_FETCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Items --------------------------------------------------------------------------- */

/* "yyyy-MM-dd" into @day; FALSE (and @day invalid) for anything else. */
static gboolean
parse_iso_day (const char *iso,
               GDate      *day)
{
  guint year = 0, month = 0, mday = 0;

  g_date_clear (day, 1);
  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &year, &month, &mday) != 3 ||
      !g_date_valid_dmy (mday, month, year))
    return FALSE;
  g_date_set_dmy (day, mday, month, year);
  return TRUE;
}

static char *
day_text (const char *iso)
{
  char *text = crm_date_format (iso);

  return text != NULL ? text : g_strdup ("");
}

/* An active contract ending between @today and 30 days later is ending
 * soon; its note says in how many days. */
static void
item_set_ending (CrmContractListItem *self,
                 const GDate         *today)
{
  GDate ends;
  gint days;

  if (self->row->status != CRM_CONTRACT_STATUS_ACTIVE || !g_date_valid (today) ||
      !parse_iso_day (self->row->ends_on, &ends))
    return;
  days = g_date_days_between (today, &ends);
  if (days < 0 || days > CRM_CONTRACT_END_REMINDER_DAYS)
    return;
  self->ending_soon = TRUE;
  self->text[COLUMN_ENDS_NOTE] = days == 0 ? g_strdup (_("Ends today"))
                                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ends in %d day",
                                                                           "Ends in %d days", days), days);
}

static CrmContractListItem *
item_new (const CrmContractRow *row,
          const GDate          *today)
{
  CrmContractListItem *self = g_object_new (CRM_TYPE_CONTRACT_LIST_ITEM, NULL);

  self->row = crm_contract_row_copy (row);
  self->text[COLUMN_CODE] = g_strdup (row->code ? row->code : "");
  self->text[COLUMN_CUSTOMER] = g_strdup (row->customer_name ? row->customer_name : "");
  self->text[COLUMN_TITLE] = g_strdup (row->title ? row->title : "");
  self->text[COLUMN_SIGNED] = day_text (row->signed_on);
  self->text[COLUMN_STARTS] = day_text (row->starts_on);
  self->text[COLUMN_ENDS] = day_text (row->ends_on);
  self->text[COLUMN_VALUE] = row->id > 0 ? crm_money_format (row->value) : g_strdup ("");
  self->text[COLUMN_STATUS] = g_strdup (row->id > 0 ? crm_contract_status_label (row->status) : "");
  self->text[COLUMN_OWNER] = g_strdup (row->owner_name ? row->owner_name : "");
  item_set_ending (self, today);
  return self;
}

static void
crm_contract_list_item_finalize (GObject *object)
{
  CrmContractListItem *self = CRM_CONTRACT_LIST_ITEM (object);

  g_clear_pointer (&self->row, crm_contract_row_free);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->text[i]);

  G_OBJECT_CLASS (crm_contract_list_item_parent_class)->finalize (object);
}

static void
crm_contract_list_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmContractListItem *self = CRM_CONTRACT_LIST_ITEM (object);

  if (prop_id == ITEM_PROP_ID)
    g_value_set_int64 (value, self->row->id);
  else if (prop_id == ITEM_PROP_ENDING_SOON)
    g_value_set_boolean (value, self->ending_soon);
  else if (prop_id >= ITEM_PROP_FIRST_TEXT && prop_id < N_ITEM_PROPS)
    g_value_set_string (value, self->text[prop_id - ITEM_PROP_FIRST_TEXT]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contract_list_item_class_init (CrmContractListItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_contract_list_item_finalize;
  object_class->get_property = crm_contract_list_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ENDING_SOON] =
    g_param_spec_boolean ("ending-soon", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_COLUMNS; i++)
    item_properties[ITEM_PROP_FIRST_TEXT + i] =
      g_param_spec_string (column_names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
crm_contract_list_item_init (CrmContractListItem *self)
{
}

const CrmContractRow *
crm_contract_list_item_get_row (CrmContractListItem *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LIST_ITEM (self), NULL);
  return self->row;
}

gint64
crm_contract_list_item_get_id (CrmContractListItem *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LIST_ITEM (self), 0);
  return self->row->id;
}

gboolean
crm_contract_list_item_get_ending_soon (CrmContractListItem *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LIST_ITEM (self), FALSE);
  return self->ending_soon;
}

const char *
crm_contract_list_item_get_ends_note (CrmContractListItem *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LIST_ITEM (self), NULL);
  return self->text[COLUMN_ENDS_NOTE];
}

/**
 * crm_contract_list_item_get_text:
 * @column: a column's property name ("code", "customer", "value", …)
 *
 * Returns: the column as shown, or %NULL for an unknown column
 */
const char *
crm_contract_list_item_get_text (CrmContractListItem *self,
                                 const char          *column)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LIST_ITEM (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_str_equal (column_names[i], column))
      return self->text[i];
  return NULL;
}

/* Pages ----------------------------------------------------------------------------- */

/* One page of rows for the cache, as the items the model hands out. */
static GPtrArray *
fetch_items (gpointer   owner,
             guint      offset,
             guint      limit,
             GError   **error)
{
  CrmContractList *self = owner;

  g_autoptr(GPtrArray) rows = crm_contract_store_fetch (self->store, self->session, self->filter->status,
                                                       self->filter->search, self->filter->sort,
                                                       self->filter->ascending, offset, limit, error);
  GPtrArray *items;

  if (rows == NULL)
    return NULL;
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, item_new (g_ptr_array_index (rows, i), &self->today));
  return items;
}

/* GListModel ------------------------------------------------------------------------ */

static GType
crm_contract_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_CONTRACT_LIST_ITEM;
}

static guint
crm_contract_list_get_n_items (GListModel *model)
{
  return CRM_CONTRACT_LIST (model)->n_items;
}

/* A row that went missing since the count (deleted meanwhile, a failed
 * read) shows empty rather than breaking the view; the next reload puts
 * things right. */
static gpointer
crm_contract_list_get_item (GListModel *model,
                            guint       position)
{
  CrmContractList *self = CRM_CONTRACT_LIST (model);
  CrmContractRow empty = { 0 };
  gboolean fetched = FALSE;
  gpointer item;

  if (position >= self->n_items)
    return NULL;
  item = crm_page_cache_get (&self->cache, position, fetch_items, self, &fetched);
  if (fetched)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_FETCHED]);
  return item != NULL ? item : item_new (&empty, &self->today);
}

static void
crm_contract_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_contract_list_get_item_type;
  iface->get_n_items = crm_contract_list_get_n_items;
  iface->get_item = crm_contract_list_get_item;
}

/* GObject --------------------------------------------------------------------------- */

static void
crm_contract_list_dispose (GObject *object)
{
  CrmContractList *self = CRM_CONTRACT_LIST (object);

  crm_page_cache_clear (&self->cache);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_contract_list_parent_class)->dispose (object);
}

static void
crm_contract_list_finalize (GObject *object)
{
  CrmContractList *self = CRM_CONTRACT_LIST (object);

  g_clear_pointer (&self->filter, crm_contract_filter_free);

  G_OBJECT_CLASS (crm_contract_list_parent_class)->finalize (object);
}

static void
crm_contract_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmContractList *self = CRM_CONTRACT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_PAGES_FETCHED:
      g_value_set_uint (value, self->cache.pages_fetched);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contract_list_class_init (CrmContractListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_contract_list_dispose;
  object_class->finalize = crm_contract_list_finalize;
  object_class->get_property = crm_contract_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many pages were read from the store so far: lets tests see that
   * the list stays lazy. */
  properties[PROP_PAGES_FETCHED] =
    g_param_spec_uint ("pages-fetched", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_contract_list_init (CrmContractList *self)
{
  self->filter = crm_contract_filter_new ();
  g_date_clear (&self->today, 1);
  crm_page_cache_init (&self->cache, PAGE_SIZE, MAX_PAGES, "contracts");
}

/* Public API ------------------------------------------------------------------------ */

CrmContractList *
crm_contract_list_new (CrmStore   *store,
                       CrmSession *session)
{
  CrmContractList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CONTRACT_LIST, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return self;
}

/* Replaces every item by @count fresh ones. */
static void
replace_items (CrmContractList *self,
               gint64           count)
{
  guint old_n_items = self->n_items;

  crm_page_cache_clear (&self->cache);
  self->n_items = (guint) CLAMP (count, 0, G_MAXUINT);
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gint64
count_rows (CrmContractList         *self,
            const CrmContractFilter *filter,
            GError                 **error)
{
  return crm_contract_store_count (self->store, self->session, filter->status, filter->search, error);
}

/**
 * crm_contract_list_reload:
 *
 * Counts again and drops every cached page, then tells views that all
 * items changed; the day "ending soon" counts from is today again unless
 * crm_contract_list_set_today() fixed it.  On failure the list is empty.
 */
gboolean
crm_contract_list_reload (CrmContractList  *self,
                          GError          **error)
{
  gint64 count;

  g_return_val_if_fail (CRM_IS_CONTRACT_LIST (self), FALSE);

  if (!self->today_fixed)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  count = count_rows (self, self->filter, error);
  self->loaded = TRUE;
  replace_items (self, count);
  return count >= 0;
}

const CrmContractFilter *
crm_contract_list_get_filter (CrmContractList *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LIST (self), NULL);
  return self->filter;
}

/**
 * crm_contract_list_set_filter:
 *
 * Shows the rows @filter lets through in its order (re-querying once
 * loaded).  A filter the store refuses leaves the list as it was.
 */
gboolean
crm_contract_list_set_filter (CrmContractList          *self,
                              const CrmContractFilter  *filter,
                              GError                  **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_CONTRACT_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (crm_contract_filter_equal (self->filter, filter))
    return TRUE;
  if (self->loaded && (count = count_rows (self, filter, error)) < 0)
    return FALSE;
  crm_contract_filter_free (self->filter);
  self->filter = crm_contract_filter_copy (filter);
  if (self->loaded)
    replace_items (self, count);
  return TRUE;
}

/* Tests fix the day so "ending soon" does not depend on the calendar;
 * the cached pages are dropped so every item follows it. */
void
crm_contract_list_set_today (CrmContractList *self,
                             const char      *iso_day)
{
  g_return_if_fail (CRM_IS_CONTRACT_LIST (self));
  g_return_if_fail (iso_day != NULL);

  if (!parse_iso_day (iso_day, &self->today))
    g_return_if_reached ();
  self->today_fixed = TRUE;
  if (self->loaded)
    replace_items (self, self->n_items);
}

guint
crm_contract_list_get_pages_fetched (CrmContractList *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LIST (self), 0);
  return self->cache.pages_fetched;
}
