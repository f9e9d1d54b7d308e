/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-list"

#include "config.h"

#include "crm-customer-list.h"

/* 200 rows fill a few screens; eight pages keep the rows around the view
 * and a jump back without holding more than 1 600 rows. */
#define PAGE_SIZE 200
#define MAX_PAGES 8

typedef struct
{
  guint      index;
  GPtrArray *rows;
} Page;

struct _CrmCustomerList
{
  GObject            parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmCustomerFilter *filter;
  guint              n_items;
  gboolean           loaded;
  GQueue             pages;          /* Page *, most recently used first */
  guint              pages_fetched;
};

static void crm_customer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmCustomerList, crm_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_customer_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_N_ITEMS,
  PROP_PAGES_FETCHED,
  PROP_STATUS,
  PROP_PROVINCE_CODE,
  PROP_INDUSTRY,
  PROP_SOURCE,
  PROP_ASSIGNED_TO,
  PROP_SEARCH_TEXT,
  PROP_SORT_COLUMN,
  PROP_SORT_ASCENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages ----------------------------------------------------------------------------- */

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
clear_pages (CrmCustomerList *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

static Page *
find_page (CrmCustomerList *self,
           guint            index)
{
  for (GList *link = self->pages.head; link != NULL; link = link->next)
    {
      Page *page = link->data;

      if (page->index == index)
        {
          g_queue_unlink (&self->pages, link);
          g_queue_push_head_link (&self->pages, link);
          return page;
        }
    }
  return NULL;
}

static Page *
fetch_page (CrmCustomerList *self,
            guint            index)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  Page *page;

  rows = crm_customer_query_fetch_window (self->store, self->session, self->filter,
                                          index * PAGE_SIZE, PAGE_SIZE, self->n_items, &error);
  if (rows == NULL)
    {
      g_warning ("Cannot read customers %u to %u: %s",
                 index * PAGE_SIZE, (index + 1) * PAGE_SIZE - 1, error->message);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->rows = rows;
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));

  self->pages_fetched++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_FETCHED]);
  return page;
}

/* GListModel ------------------------------------------------------------------------ */

static GType
crm_customer_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_CUSTOMER_ROW;
}

static guint
crm_customer_list_get_n_items (GListModel *model)
{
  return CRM_CUSTOMER_LIST (model)->n_items;
}

/* A row that went missing since the count (a failed read, or another
 * program deleted customers) shows empty rather than breaking the view;
 * the next reload puts things right. */
static gpointer
crm_customer_list_get_item (GListModel *model,
                            guint       position)
{
  CrmCustomerList *self = CRM_CUSTOMER_LIST (model);
  guint index = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;
  if (!(page = find_page (self, index)))
    page = fetch_page (self, index);
  if (page != NULL && position % PAGE_SIZE < page->rows->len)
    return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
  return crm_customer_row_new (0, NULL, NULL, CRM_CUSTOMER_KIND_PERSON, NULL,
                               CRM_CUSTOMER_STATUS_LEAD, NULL, NULL, 0);
}

static void
crm_customer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_customer_list_get_item_type;
  iface->get_n_items = crm_customer_list_get_n_items;
  iface->get_item = crm_customer_list_get_item;
}

/* Filters --------------------------------------------------------------------------- */

static void
notify_changed_fields (CrmCustomerList         *self,
                       const CrmCustomerFilter *old,
                       const CrmCustomerFilter *now)
{
  GObject *object = G_OBJECT (self);

  if (old->status != now->status)
    g_object_notify_by_pspec (object, properties[PROP_STATUS]);
  if (g_strcmp0 (old->province_code, now->province_code) != 0)
    g_object_notify_by_pspec (object, properties[PROP_PROVINCE_CODE]);
  if (g_strcmp0 (old->industry, now->industry) != 0)
    g_object_notify_by_pspec (object, properties[PROP_INDUSTRY]);
  if (g_strcmp0 (old->source, now->source) != 0)
    g_object_notify_by_pspec (object, properties[PROP_SOURCE]);
  if (old->assigned_to != now->assigned_to)
    g_object_notify_by_pspec (object, properties[PROP_ASSIGNED_TO]);
  if (g_strcmp0 (old->search, now->search) != 0)
    g_object_notify_by_pspec (object, properties[PROP_SEARCH_TEXT]);
  if (old->sort != now->sort)
    g_object_notify_by_pspec (object, properties[PROP_SORT_COLUMN]);
  if (!old->ascending != !now->ascending)
    g_object_notify_by_pspec (object, properties[PROP_SORT_ASCENDING]);
}

/* Takes @filter.  Re-queries once loaded; before that only remembers. */
static void
change_filter (CrmCustomerList   *self,
               CrmCustomerFilter *filter)
{
  g_autoptr(CrmCustomerFilter) old = NULL;
  g_autoptr(GError) error = NULL;

  if (crm_customer_filter_equal (self->filter, filter))
    {
      crm_customer_filter_free (filter);
      return;
    }

  old = g_steal_pointer (&self->filter);
  self->filter = filter;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->loaded && !crm_customer_list_reload (self, &error))
    g_warning ("Cannot list customers: %s", error->message);
  notify_changed_fields (self, old, self->filter);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_text_field (CrmCustomerList *self,
                gsize            offset,
                const char      *value)
{
  CrmCustomerFilter *filter = crm_customer_filter_copy (self->filter);
  char **field = G_STRUCT_MEMBER_P (filter, offset);

  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  change_filter (self, filter);
}

/* GObject --------------------------------------------------------------------------- */

static void
crm_customer_list_dispose (GObject *object)
{
  CrmCustomerList *self = CRM_CUSTOMER_LIST (object);

  clear_pages (self);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_customer_list_parent_class)->dispose (object);
}

static void
crm_customer_list_finalize (GObject *object)
{
  CrmCustomerList *self = CRM_CUSTOMER_LIST (object);

  g_clear_pointer (&self->filter, crm_customer_filter_free);

  G_OBJECT_CLASS (crm_customer_list_parent_class)->finalize (object);
}

static void
crm_customer_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmCustomerList *self = CRM_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_PAGES_FETCHED:
      g_value_set_uint (value, self->pages_fetched);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->filter->status);
      break;
    case PROP_PROVINCE_CODE:
      g_value_set_string (value, self->filter->province_code);
      break;
    case PROP_INDUSTRY:
      g_value_set_string (value, self->filter->industry);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->filter->source);
      break;
    case PROP_ASSIGNED_TO:
      g_value_set_int64 (value, self->filter->assigned_to);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->filter->search);
      break;
    case PROP_SORT_COLUMN:
      g_value_set_enum (value, self->filter->sort);
      break;
    case PROP_SORT_ASCENDING:
      g_value_set_boolean (value, self->filter->ascending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmCustomerList *self = CRM_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_STATUS:
      crm_customer_list_set_status (self, g_value_get_int (value));
      break;
    case PROP_PROVINCE_CODE:
      crm_customer_list_set_province_code (self, g_value_get_string (value));
      break;
    case PROP_INDUSTRY:
      crm_customer_list_set_industry (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      crm_customer_list_set_source (self, g_value_get_string (value));
      break;
    case PROP_ASSIGNED_TO:
      crm_customer_list_set_assigned_to (self, g_value_get_int64 (value));
      break;
    case PROP_SEARCH_TEXT:
      crm_customer_list_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_SORT_COLUMN:
      crm_customer_list_set_sort (self, g_value_get_enum (value), self->filter->ascending);
      break;
    case PROP_SORT_ASCENDING:
      crm_customer_list_set_sort (self, self->filter->sort, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
filter_text_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
crm_customer_list_class_init (CrmCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags filter_flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = crm_customer_list_dispose;
  object_class->finalize = crm_customer_list_finalize;
  object_class->get_property = crm_customer_list_get_property;
  object_class->set_property = crm_customer_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many pages were read from the store so far: lets tests see that
   * the list stays lazy. */
  properties[PROP_PAGES_FETCHED] =
    g_param_spec_uint ("pages-fetched", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, -1, CRM_CUSTOMER_STATUS_INACTIVE, -1, filter_flags);
  properties[PROP_PROVINCE_CODE] = filter_text_property ("province-code");
  properties[PROP_INDUSTRY] = filter_text_property ("industry");
  properties[PROP_SOURCE] = filter_text_property ("source");
  properties[PROP_ASSIGNED_TO] =
    g_param_spec_int64 ("assigned-to", NULL, NULL, 0, G_MAXINT64, 0, filter_flags);
  properties[PROP_SEARCH_TEXT] = filter_text_property ("search-text");
  properties[PROP_SORT_COLUMN] =
    g_param_spec_enum ("sort-column", NULL, NULL, CRM_TYPE_CUSTOMER_SORT, CRM_CUSTOMER_SORT_NAME,
                       filter_flags);
  properties[PROP_SORT_ASCENDING] =
    g_param_spec_boolean ("sort-ascending", NULL, NULL, TRUE, filter_flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_customer_list_init (CrmCustomerList *self)
{
  self->filter = crm_customer_filter_new ();
  g_queue_init (&self->pages);
}

/* Public API ------------------------------------------------------------------------ */

CrmCustomerList *
crm_customer_list_new (CrmStore   *store,
                       CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_CUSTOMER_LIST, "store", store, "session", session, NULL);
}

/**
 * crm_customer_list_reload:
 *
 * Counts again and drops every cached page, then tells views that all
 * items changed: after the customers changed, or another program wrote
 * to the file.  On failure the list is empty.
 */
gboolean
crm_customer_list_reload (CrmCustomerList  *self,
                          GError          **error)
{
  guint old_n_items;
  gint64 count;

  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST (self), FALSE);

  old_n_items = self->n_items;
  count = crm_customer_query_count (self->store, self->session, self->filter, error);
  self->loaded = TRUE;
  clear_pages (self);
  self->n_items = (guint) CLAMP (count, 0, G_MAXUINT);
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return count >= 0;
}

/* The filter and sort now in force, for an export of "what is listed". */
const CrmCustomerFilter *
crm_customer_list_get_filter (CrmCustomerList *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST (self), NULL);
  return self->filter;
}

void
crm_customer_list_set_filter (CrmCustomerList         *self,
                              const CrmCustomerFilter *filter)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  g_return_if_fail (filter != NULL);

  change_filter (self, crm_customer_filter_copy (filter));
}

/**
 * crm_customer_list_set_categories:
 * @category_ids: (nullable) (element-type gint64): the selected node and,
 *   if wanted, its sub-categories; %NULL for every category
 */
void
crm_customer_list_set_categories (CrmCustomerList *self,
                                  GArray          *category_ids)
{
  CrmCustomerFilter *filter;

  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));

  filter = crm_customer_filter_copy (self->filter);
  crm_customer_filter_set_categories (filter, category_ids);
  change_filter (self, filter);
}

/* A CrmCustomerStatus, or -1 for any. */
void
crm_customer_list_set_status (CrmCustomerList *self,
                              int              status)
{
  CrmCustomerFilter *filter;

  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  g_return_if_fail (status >= -1 && status <= CRM_CUSTOMER_STATUS_INACTIVE);

  filter = crm_customer_filter_copy (self->filter);
  filter->status = status;
  change_filter (self, filter);
}

void
crm_customer_list_set_province_code (CrmCustomerList *self,
                                     const char      *province_code)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  set_text_field (self, G_STRUCT_OFFSET (CrmCustomerFilter, province_code), province_code);
}

void
crm_customer_list_set_industry (CrmCustomerList *self,
                                const char      *industry)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  set_text_field (self, G_STRUCT_OFFSET (CrmCustomerFilter, industry), industry);
}

void
crm_customer_list_set_source (CrmCustomerList *self,
                              const char      *source)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  set_text_field (self, G_STRUCT_OFFSET (CrmCustomerFilter, source), source);
}

/* 0 for anyone's customers. */
void
crm_customer_list_set_assigned_to (CrmCustomerList *self,
                                   gint64           user_id)
{
  CrmCustomerFilter *filter;

  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  g_return_if_fail (user_id >= 0);

  filter = crm_customer_filter_copy (self->filter);
  filter->assigned_to = user_id;
  change_filter (self, filter);
}

void
crm_customer_list_set_search_text (CrmCustomerList *self,
                                   const char      *text)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  set_text_field (self, G_STRUCT_OFFSET (CrmCustomerFilter, search), text);
}

void
crm_customer_list_set_sort (CrmCustomerList *self,
                            CrmCustomerSort  sort,
                            gboolean         ascending)
{
  CrmCustomerFilter *filter;

  g_return_if_fail (CRM_IS_CUSTOMER_LIST (self));
  g_return_if_fail ((guint) sort < CRM_CUSTOMER_SORT_N);

  filter = crm_customer_filter_copy (self->filter);
  filter->sort = sort;
  filter->ascending = !!ascending;
  change_filter (self, filter);
}

guint
crm_customer_list_get_pages_fetched (CrmCustomerList *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST (self), 0);
  return self->pages_fetched;
}
