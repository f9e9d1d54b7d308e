/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-opportunity-list"

#include "config.h"

#include "crm-page-cache.h"
#include "crm-opportunity-list.h"

/* A funnel column or the list may hold thousands of deals: read 100 rows
 * at a time and keep eight pages. */
#define PAGE_SIZE 100
#define MAX_PAGES 8

struct _CrmOpportunityList
{
  GObject               parent_instance;

  CrmStore             *store;
  CrmSession           *session;
  CrmOpportunityFilter *filter;
  guint                 n_items;
  gboolean              loaded;
  CrmPageCache      cache;
};

static void crm_opportunity_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmOpportunityList, crm_opportunity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_opportunity_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages ------------------------------------------------------------------------------ */

/* One page of rows for the cache, as the items the model hands out. */
static GPtrArray *
fetch_items (gpointer   owner,
             guint      offset,
             guint      limit,
             GError   **error)
{
  CrmOpportunityList *self = owner;

  g_autoptr(GPtrArray) rows = crm_opportunity_store_fetch (self->store, self->session, self->filter, offset, limit,
                                                          error);
  GPtrArray *items;

  if (rows == NULL)
    return NULL;
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, crm_opportunity_row_new (g_ptr_array_index (rows, i)));
  return items;
}

/* GListModel ------------------------------------------------------------------------- */

static GType
crm_opportunity_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_OPPORTUNITY_ROW;
}

static guint
crm_opportunity_list_get_n_items (GListModel *model)
{
  return CRM_OPPORTUNITY_LIST (model)->n_items;
}

/* A row that went missing since the count shows empty rather than
 * breaking the view; the next reload puts things right. */
static gpointer
crm_opportunity_list_get_item (GListModel *model,
                               guint       position)
{
  CrmOpportunityList *self = CRM_OPPORTUNITY_LIST (model);
  g_autoptr(CrmOpportunity) empty = NULL;
  gpointer item;

  if (position >= self->n_items)
    return NULL;
  item = crm_page_cache_get (&self->cache, position, fetch_items, self, NULL);
  if (item != NULL)
    return item;
  empty = crm_opportunity_new ();
  return crm_opportunity_row_new (empty);
}

static void
crm_opportunity_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_opportunity_list_get_item_type;
  iface->get_n_items = crm_opportunity_list_get_n_items;
  iface->get_item = crm_opportunity_list_get_item;
}

/* GObject ----------------------------------------------------------------------------- */

static void
crm_opportunity_list_dispose (GObject *object)
{
  CrmOpportunityList *self = CRM_OPPORTUNITY_LIST (object);

  crm_page_cache_clear (&self->cache);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_opportunity_list_parent_class)->dispose (object);
}

static void
crm_opportunity_list_finalize (GObject *object)
{
  CrmOpportunityList *self = CRM_OPPORTUNITY_LIST (object);

  g_clear_pointer (&self->filter, crm_opportunity_filter_free);

  G_OBJECT_CLASS (crm_opportunity_list_parent_class)->finalize (object);
}

static void
crm_opportunity_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CrmOpportunityList *self = CRM_OPPORTUNITY_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_list_class_init (CrmOpportunityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_opportunity_list_dispose;
  object_class->finalize = crm_opportunity_list_finalize;
  object_class->get_property = crm_opportunity_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_opportunity_list_init (CrmOpportunityList *self)
{
  self->filter = crm_opportunity_filter_new ();
  crm_page_cache_init (&self->cache, PAGE_SIZE, MAX_PAGES, "opportunities");
}

/* Public API -------------------------------------------------------------------------- */

CrmOpportunityList *
crm_opportunity_list_new (CrmStore   *store,
                          CrmSession *session)
{
  CrmOpportunityList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_OPPORTUNITY_LIST, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return self;
}

/* Replaces every item by @count fresh ones. */
static void
replace_items (CrmOpportunityList *self,
               gint64              count)
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
 * crm_opportunity_list_reload:
 *
 * Counts again and drops every cached page, then tells views that all
 * items changed.  On failure the list is empty.
 */
gboolean
crm_opportunity_list_reload (CrmOpportunityList  *self,
                             GError             **error)
{
  gint64 count;

  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST (self), FALSE);

  count = crm_opportunity_store_count (self->store, self->session, self->filter, error);
  self->loaded = TRUE;
  replace_items (self, count);
  return count >= 0;
}

const CrmOpportunityFilter *
crm_opportunity_list_get_filter (CrmOpportunityList *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST (self), NULL);
  return self->filter;
}

/**
 * crm_opportunity_list_set_filter:
 *
 * Shows the rows @filter lets through (re-querying once loaded).
 */
gboolean
crm_opportunity_list_set_filter (CrmOpportunityList          *self,
                                 const CrmOpportunityFilter  *filter,
                                 GError                     **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (crm_opportunity_filter_equal (self->filter, filter))
    return TRUE;
  if (self->loaded && (count = crm_opportunity_store_count (self->store, self->session, filter, error)) < 0)
    return FALSE;
  crm_opportunity_filter_free (self->filter);
  self->filter = crm_opportunity_filter_copy (filter);
  if (self->loaded)
    replace_items (self, count);
  return TRUE;
}

guint
crm_opportunity_list_get_pages_fetched (CrmOpportunityList *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST (self), 0);
  return self->cache.pages_fetched;
}
