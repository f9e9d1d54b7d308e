/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-audit-list"

#include "config.h"

#include "crm-audit-list.h"

/* The log grows without end: a view over it reads 200 rows at a time and
 * keeps eight pages, never the whole log. */
#define PAGE_SIZE 200
#define MAX_PAGES 8

typedef struct
{
  guint      index;
  GPtrArray *rows;   /* CrmAuditRow */
} Page;

struct _CrmAuditList
{
  GObject         parent_instance;

  CrmStore       *store;
  CrmSession     *session;
  CrmAuditFilter *filter;
  GHashTable     *names;          /* user and category names, for every page */
  guint           n_items;
  gboolean        loaded;
  GQueue          pages;          /* Page *, most recently used first */
  guint           pages_fetched;
};

static void crm_audit_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmAuditList, crm_audit_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_audit_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_PAGES_FETCHED,
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
clear_pages (CrmAuditList *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

static Page *
find_page (CrmAuditList *self,
           guint         index)
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
fetch_page (CrmAuditList *self,
            guint         index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  Page *page;

  entries = crm_audit_store_query (self->store, self->session, self->filter, index * PAGE_SIZE, PAGE_SIZE,
                                   &error);
  if (entries == NULL)
    {
      g_warning ("Cannot read the audit log from row %u: %s", index * PAGE_SIZE, error->message);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->rows = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (page->rows, crm_audit_row_new (self->store, self->names, g_ptr_array_index (entries, i)));
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));

  self->pages_fetched++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_FETCHED]);
  return page;
}

/* GListModel ------------------------------------------------------------------------ */

static GType
crm_audit_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_AUDIT_ROW;
}

static guint
crm_audit_list_get_n_items (GListModel *model)
{
  return CRM_AUDIT_LIST (model)->n_items;
}

/* A row that went missing since the count (a failed read) shows empty
 * rather than breaking the view; the next reload puts things right.  New
 * rows written meanwhile shift the pages by as many: reload to see them. */
static gpointer
crm_audit_list_get_item (GListModel *model,
                         guint       position)
{
  CrmAuditList *self = CRM_AUDIT_LIST (model);
  guint index = position / PAGE_SIZE;
  CrmAuditEntry empty = { 0 };
  Page *page;

  if (position >= self->n_items)
    return NULL;
  if (!(page = find_page (self, index)))
    page = fetch_page (self, index);
  if (page != NULL && position % PAGE_SIZE < page->rows->len)
    return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
  return crm_audit_row_new (self->store, NULL, &empty);
}

static void
crm_audit_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_audit_list_get_item_type;
  iface->get_n_items = crm_audit_list_get_n_items;
  iface->get_item = crm_audit_list_get_item;
}

/* GObject --------------------------------------------------------------------------- */

static void
crm_audit_list_dispose (GObject *object)
{
  CrmAuditList *self = CRM_AUDIT_LIST (object);

  clear_pages (self);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_audit_list_parent_class)->dispose (object);
}

static void
crm_audit_list_finalize (GObject *object)
{
  CrmAuditList *self = CRM_AUDIT_LIST (object);

  g_clear_pointer (&self->filter, crm_audit_filter_free);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (crm_audit_list_parent_class)->finalize (object);
}

static void
crm_audit_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmAuditList *self = CRM_AUDIT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_PAGES_FETCHED:
      g_value_set_uint (value, self->pages_fetched);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_audit_list_class_init (CrmAuditListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_audit_list_dispose;
  object_class->finalize = crm_audit_list_finalize;
  object_class->get_property = crm_audit_list_get_property;

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
crm_audit_list_init (CrmAuditList *self)
{
  self->filter = crm_audit_filter_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->pages);
}

/* Public API ------------------------------------------------------------------------ */

CrmAuditList *
crm_audit_list_new (CrmStore   *store,
                    CrmSession *session)
{
  CrmAuditList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_AUDIT_LIST, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return self;
}

/* Replaces every item by @count fresh ones. */
static void
replace_items (CrmAuditList *self,
               gint64        count)
{
  guint old_n_items = self->n_items;

  clear_pages (self);
  g_hash_table_remove_all (self->names);
  self->n_items = (guint) CLAMP (count, 0, G_MAXUINT);
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * crm_audit_list_reload:
 *
 * Counts again and drops every cached page (and name), then tells views
 * that all items changed.  On failure (%CRM_PERMISSION_ERROR for anyone
 * but an active administrator) the list is empty.
 */
gboolean
crm_audit_list_reload (CrmAuditList  *self,
                       GError       **error)
{
  gint64 count;

  g_return_val_if_fail (CRM_IS_AUDIT_LIST (self), FALSE);

  count = crm_audit_store_count (self->store, self->session, self->filter, error);
  self->loaded = TRUE;
  replace_items (self, count);
  return count >= 0;
}

const CrmAuditFilter *
crm_audit_list_get_filter (CrmAuditList *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_LIST (self), NULL);
  return self->filter;
}

/**
 * crm_audit_list_set_filter:
 *
 * Shows the rows @filter lets through (re-querying once loaded).  A
 * filter the store refuses (%CRM_VALIDATION_ERROR for a period that is
 * not one) leaves the list as it was.
 */
gboolean
crm_audit_list_set_filter (CrmAuditList          *self,
                           const CrmAuditFilter  *filter,
                           GError               **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_AUDIT_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (crm_audit_filter_equal (self->filter, filter))
    return TRUE;
  if (self->loaded && (count = crm_audit_store_count (self->store, self->session, filter, error)) < 0)
    return FALSE;
  crm_audit_filter_free (self->filter);
  self->filter = crm_audit_filter_copy (filter);
  if (self->loaded)
    replace_items (self, count);
  return TRUE;
}

guint
crm_audit_list_get_pages_fetched (CrmAuditList *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_LIST (self), 0);
  return self->pages_fetched;
}
