/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-product-list"

#include "config.h"

#include "crm-page-cache.h"
#include "crm-product-list.h"

/* A catalogue can hold tens of thousands of products: a view reads 100
 * at a time and keeps eight pages. */
#define PAGE_SIZE 100
#define MAX_PAGES 8

struct _CrmProductList
{
  GObject           parent_instance;

  CrmStore         *store;
  CrmSession       *session;
  CrmProductFilter *filter;
  guint             n_items;
  gboolean          loaded;
  CrmPageCache      cache;
};

static void crm_product_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmProductList, crm_product_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_product_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_PAGES_FETCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages ----------------------------------------------------------------------------- */

/* One page of rows for the cache, as the items the model hands out. */
static GPtrArray *
fetch_items (gpointer   owner,
             guint      offset,
             guint      limit,
             GError   **error)
{
  CrmProductList *self = owner;

  return crm_product_store_fetch (self->store, self->session, self->filter, offset, limit, error);
}

/* GListModel ------------------------------------------------------------------------ */

static GType
crm_product_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_PRODUCT;
}

static guint
crm_product_list_get_n_items (GListModel *model)
{
  return CRM_PRODUCT_LIST (model)->n_items;
}

/* A row that went missing since the count (a failed read, a product
 * deleted meanwhile) shows as an empty product rather than breaking the
 * view; the next reload puts things right. */
static gpointer
crm_product_list_get_item (GListModel *model,
                           guint       position)
{
  CrmProductList *self = CRM_PRODUCT_LIST (model);
  gboolean fetched = FALSE;
  gpointer item;

  if (position >= self->n_items)
    return NULL;
  item = crm_page_cache_get (&self->cache, position, fetch_items, self, &fetched);
  if (fetched)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_FETCHED]);
  return item != NULL ? item : crm_product_new ();
}

static void
crm_product_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_product_list_get_item_type;
  iface->get_n_items = crm_product_list_get_n_items;
  iface->get_item = crm_product_list_get_item;
}

/* GObject --------------------------------------------------------------------------- */

static void
crm_product_list_dispose (GObject *object)
{
  CrmProductList *self = CRM_PRODUCT_LIST (object);

  crm_page_cache_clear (&self->cache);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_product_list_parent_class)->dispose (object);
}

static void
crm_product_list_finalize (GObject *object)
{
  CrmProductList *self = CRM_PRODUCT_LIST (object);

  g_clear_pointer (&self->filter, crm_product_filter_free);

  G_OBJECT_CLASS (crm_product_list_parent_class)->finalize (object);
}

static void
crm_product_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmProductList *self = CRM_PRODUCT_LIST (object);

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
crm_product_list_class_init (CrmProductListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_product_list_dispose;
  object_class->finalize = crm_product_list_finalize;
  object_class->get_property = crm_product_list_get_property;

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
crm_product_list_init (CrmProductList *self)
{
  self->filter = crm_product_filter_new ();
  crm_page_cache_init (&self->cache, PAGE_SIZE, MAX_PAGES, "products");
}

/* Public API ------------------------------------------------------------------------ */

CrmProductList *
crm_product_list_new (CrmStore   *store,
                      CrmSession *session)
{
  CrmProductList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_PRODUCT_LIST, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return self;
}

/* Replaces every item by @count fresh ones. */
static void
replace_items (CrmProductList *self,
               gint64          count)
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
 * crm_product_list_reload:
 *
 * Counts again and drops every cached page, then tells views that all
 * items changed.  On failure (an account switched off) the list is empty.
 */
gboolean
crm_product_list_reload (CrmProductList  *self,
                         GError         **error)
{
  gint64 count;

  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), FALSE);

  count = crm_product_store_count (self->store, self->session, self->filter, error);
  self->loaded = TRUE;
  replace_items (self, count);
  return count >= 0;
}

const CrmProductFilter *
crm_product_list_get_filter (CrmProductList *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), NULL);
  return self->filter;
}

static gboolean
filter_equal (const CrmProductFilter *a,
              const CrmProductFilter *b)
{
  return a->category_id == b->category_id && a->active == b->active && a->sort == b->sort &&
         !a->ascending == !b->ascending && g_strcmp0 (a->search, b->search) == 0;
}

/**
 * crm_product_list_set_filter:
 *
 * Shows the products @filter lets through, re-querying once loaded.  On
 * a failure to count, the list is left as it was.
 */
gboolean
crm_product_list_set_filter (CrmProductList          *self,
                             const CrmProductFilter  *filter,
                             GError                 **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (filter->active >= -1 && filter->active <= 1, FALSE);

  if (filter_equal (self->filter, filter))
    return TRUE;
  if (self->loaded && (count = crm_product_store_count (self->store, self->session, filter, error)) < 0)
    return FALSE;
  crm_product_filter_free (self->filter);
  self->filter = crm_product_filter_copy (filter);
  if (self->loaded)
    replace_items (self, count);
  return TRUE;
}

/**
 * crm_product_list_set_search_text:
 * @text: (nullable): code or name as typed, tones and case do not matter
 */
gboolean
crm_product_list_set_search_text (CrmProductList  *self,
                                  const char      *text,
                                  GError         **error)
{
  g_autoptr(CrmProductFilter) filter = NULL;

  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), FALSE);

  filter = crm_product_filter_copy (self->filter);
  g_free (filter->search);
  filter->search = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  return crm_product_list_set_filter (self, filter, error);
}

/**
 * crm_product_list_set_category:
 * @category_id: 0 for any; else that category and its sub-categories
 */
gboolean
crm_product_list_set_category (CrmProductList  *self,
                               gint64           category_id,
                               GError         **error)
{
  g_autoptr(CrmProductFilter) filter = NULL;

  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), FALSE);
  g_return_val_if_fail (category_id >= 0, FALSE);

  filter = crm_product_filter_copy (self->filter);
  filter->category_id = category_id;
  return crm_product_list_set_filter (self, filter, error);
}

/**
 * crm_product_list_set_active:
 * @active: 1 for products on sale, 0 for those taken off, -1 for both
 */
gboolean
crm_product_list_set_active (CrmProductList  *self,
                             int              active,
                             GError         **error)
{
  g_autoptr(CrmProductFilter) filter = NULL;

  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), FALSE);

  filter = crm_product_filter_copy (self->filter);
  filter->active = active;
  return crm_product_list_set_filter (self, filter, error);
}

gboolean
crm_product_list_set_sort (CrmProductList  *self,
                           CrmProductSort   sort,
                           gboolean         ascending,
                           GError         **error)
{
  g_autoptr(CrmProductFilter) filter = NULL;

  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), FALSE);
  g_return_val_if_fail (sort == CRM_PRODUCT_SORT_CODE || sort == CRM_PRODUCT_SORT_NAME, FALSE);

  filter = crm_product_filter_copy (self->filter);
  filter->sort = sort;
  filter->ascending = !!ascending;
  return crm_product_list_set_filter (self, filter, error);
}

guint
crm_product_list_get_pages_fetched (CrmProductList *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT_LIST (self), 0);
  return self->cache.pages_fetched;
}
