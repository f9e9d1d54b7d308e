/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-order-list"

#include "config.h"

#include "crm-page-cache.h"
#include "crm-order-list.h"

#include "crm-money.h"
#include "crm-validate.h"

/* Orders grow without end: a view reads 200 rows at a time and keeps
 * eight pages, never the whole table. */
#define PAGE_SIZE 200
#define MAX_PAGES 8

/* Items --------------------------------------------------------------------------- */

struct _CrmOrderListItem
{
  GObject      parent_instance;

  CrmOrderRow *row;
  gboolean     overdue;
};

G_DEFINE_FINAL_TYPE (CrmOrderListItem, crm_order_list_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_CODE,
  ITEM_PROP_CUSTOMER,
  ITEM_PROP_DATE,
  ITEM_PROP_PROMISED,
  ITEM_PROP_STATUS,
  ITEM_PROP_TOTAL,
  ITEM_PROP_OWNER,
  ITEM_PROP_OVERDUE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
crm_order_list_item_finalize (GObject *object)
{
  CrmOrderListItem *self = CRM_ORDER_LIST_ITEM (object);

  g_clear_pointer (&self->row, crm_order_row_free);

  G_OBJECT_CLASS (crm_order_list_item_parent_class)->finalize (object);
}

static void
crm_order_list_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmOrderListItem *self = CRM_ORDER_LIST_ITEM (object);
  const CrmOrderRow *row = self->row;

  switch (prop_id)
    {
    case ITEM_PROP_CODE:
      g_value_set_string (value, row->code);
      break;
    case ITEM_PROP_CUSTOMER:
      g_value_set_string (value, row->customer_name);
      break;
    case ITEM_PROP_DATE:
      g_value_take_string (value, row->order_date ? crm_date_format (row->order_date) : NULL);
      break;
    case ITEM_PROP_PROMISED:
      g_value_take_string (value, row->promised_on ? crm_date_format (row->promised_on) : NULL);
      break;
    case ITEM_PROP_STATUS:
      g_value_set_string (value, row->code ? crm_order_status_label (row->status) : NULL);
      break;
    case ITEM_PROP_TOTAL:
      g_value_take_string (value, row->code ? crm_money_format (row->grand_total) : NULL);
      break;
    case ITEM_PROP_OWNER:
      g_value_set_string (value, row->owner_name);
      break;
    case ITEM_PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_order_list_item_class_init (CrmOrderListItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "code", "customer", "date", "promised", "status", "total", "owner" };

  object_class->finalize = crm_order_list_item_finalize;
  object_class->get_property = crm_order_list_item_get_property;

  for (guint i = ITEM_PROP_CODE; i <= ITEM_PROP_OWNER; i++)
    item_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_OVERDUE] =
    g_param_spec_boolean ("overdue", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
crm_order_list_item_init (CrmOrderListItem *self)
{
}

/* Takes @row. */
static CrmOrderListItem *
item_new (CrmOrderRow *row,
          const char  *today)
{
  CrmOrderListItem *self = g_object_new (CRM_TYPE_ORDER_LIST_ITEM, NULL);

  self->row = row;
  self->overdue = crm_order_is_overdue (row->status, row->promised_on, today);
  return self;
}

gint64
crm_order_list_item_get_id (CrmOrderListItem *self)
{
  g_return_val_if_fail (CRM_IS_ORDER_LIST_ITEM (self), 0);
  return self->row->id;
}

const CrmOrderRow *
crm_order_list_item_get_row (CrmOrderListItem *self)
{
  g_return_val_if_fail (CRM_IS_ORDER_LIST_ITEM (self), NULL);
  return self->row;
}

gboolean
crm_order_list_item_get_overdue (CrmOrderListItem *self)
{
  g_return_val_if_fail (CRM_IS_ORDER_LIST_ITEM (self), FALSE);
  return self->overdue;
}

/* The list ---------------------------------------------------------------------- */

struct _CrmOrderList
{
  GObject         parent_instance;

  CrmStore       *store;
  CrmSession     *session;
  CrmOrderFilter *filter;
  char           *today;
  guint           n_items;
  gboolean        loaded;
  CrmPageCache      cache;
};

static void crm_order_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmOrderList, crm_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_order_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_PAGES_FETCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One page of rows for the cache, as the items the model hands out. */
static GPtrArray *
fetch_items (gpointer   owner,
             guint      offset,
             guint      limit,
             GError   **error)
{
  CrmOrderList *self = owner;

  g_autoptr(GPtrArray) rows = crm_order_store_fetch (self->store, self->session, self->filter, offset, limit, error);
  GPtrArray *items;

  if (rows == NULL)
    return NULL;
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  /* The rows move into the items. */
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, item_new (g_ptr_array_index (rows, i), self->today));
  return items;
}

static GType
crm_order_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_ORDER_LIST_ITEM;
}

static guint
crm_order_list_get_n_items (GListModel *model)
{
  return CRM_ORDER_LIST (model)->n_items;
}

/* A row that went missing since the count (a failed read, an order
 * deleted meanwhile) shows empty rather than breaking the view; the next
 * reload puts things right. */
static gpointer
crm_order_list_get_item (GListModel *model,
                         guint       position)
{
  CrmOrderList *self = CRM_ORDER_LIST (model);
  gboolean fetched = FALSE;
  gpointer item;

  if (position >= self->n_items)
    return NULL;
  item = crm_page_cache_get (&self->cache, position, fetch_items, self, &fetched);
  if (fetched)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_FETCHED]);
  return item != NULL ? item : item_new (g_new0 (CrmOrderRow, 1), NULL);
}

static void
crm_order_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_order_list_get_item_type;
  iface->get_n_items = crm_order_list_get_n_items;
  iface->get_item = crm_order_list_get_item;
}

static void
crm_order_list_dispose (GObject *object)
{
  CrmOrderList *self = CRM_ORDER_LIST (object);

  crm_page_cache_clear (&self->cache);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_order_list_parent_class)->dispose (object);
}

static void
crm_order_list_finalize (GObject *object)
{
  CrmOrderList *self = CRM_ORDER_LIST (object);

  g_clear_pointer (&self->filter, crm_order_filter_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (crm_order_list_parent_class)->finalize (object);
}

static void
crm_order_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmOrderList *self = CRM_ORDER_LIST (object);

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
crm_order_list_class_init (CrmOrderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_order_list_dispose;
  object_class->finalize = crm_order_list_finalize;
  object_class->get_property = crm_order_list_get_property;

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
crm_order_list_init (CrmOrderList *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->filter = crm_order_filter_new ();
  self->today = g_date_time_format (now, "%Y-%m-%d");
  crm_page_cache_init (&self->cache, PAGE_SIZE, MAX_PAGES, "orders");
}

CrmOrderList *
crm_order_list_new (CrmStore   *store,
                    CrmSession *session)
{
  CrmOrderList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_ORDER_LIST, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return self;
}

/* Replaces every item by @count fresh ones. */
static void
replace_items (CrmOrderList *self,
               gint64        count)
{
  guint old_n_items = self->n_items;

  crm_page_cache_clear (&self->cache);
  self->n_items = (guint) CLAMP (count, 0, G_MAXUINT);
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * crm_order_list_reload:
 *
 * Counts again and drops every cached page, then tells views that all
 * items changed.  On failure the list is empty.
 */
gboolean
crm_order_list_reload (CrmOrderList  *self,
                       GError       **error)
{
  gint64 count;

  g_return_val_if_fail (CRM_IS_ORDER_LIST (self), FALSE);

  count = crm_order_store_count (self->store, self->session, self->filter, error);
  self->loaded = TRUE;
  replace_items (self, count);
  return count >= 0;
}

const CrmOrderFilter *
crm_order_list_get_filter (CrmOrderList *self)
{
  g_return_val_if_fail (CRM_IS_ORDER_LIST (self), NULL);
  return self->filter;
}

/**
 * crm_order_list_set_filter:
 *
 * Shows the rows @filter lets through, in its order (re-querying once
 * loaded).  A filter the store refuses (%CRM_VALIDATION_ERROR for a date
 * that is not one) leaves the list as it was.
 */
gboolean
crm_order_list_set_filter (CrmOrderList          *self,
                           const CrmOrderFilter  *filter,
                           GError               **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_ORDER_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (crm_order_filter_equal (self->filter, filter))
    return TRUE;
  if (self->loaded && (count = crm_order_store_count (self->store, self->session, filter, error)) < 0)
    return FALSE;
  crm_order_filter_free (self->filter);
  self->filter = crm_order_filter_copy (filter);
  if (self->loaded)
    replace_items (self, count);
  return TRUE;
}

void
crm_order_list_set_today (CrmOrderList *self,
                          const char   *today)
{
  g_return_if_fail (CRM_IS_ORDER_LIST (self));
  g_return_if_fail (today != NULL);

  g_free (self->today);
  self->today = g_strdup (today);
  if (self->loaded)
    replace_items (self, self->n_items);
}

guint
crm_order_list_get_pages_fetched (CrmOrderList *self)
{
  g_return_val_if_fail (CRM_IS_ORDER_LIST (self), 0);
  return self->cache.pages_fetched;
}
