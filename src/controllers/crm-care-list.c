/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-list"

#include "config.h"

#include "crm-care-list.h"

/* The Care list may hold thousands of cases: read 100 rows at a time and
 * keep eight pages. */
#define PAGE_SIZE 100
#define MAX_PAGES 8

/* Rows ------------------------------------------------------------------------------- */

struct _CrmCareRow
{
  GObject       parent_instance;

  CrmCareCase  *care;
  char         *due_text;
  gboolean      overdue;
};

G_DEFINE_FINAL_TYPE (CrmCareRow, crm_care_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_ID,
  ROW_PROP_CUSTOMER_NAME,
  ROW_PROP_KIND_LABEL,
  ROW_PROP_SUBJECT,
  ROW_PROP_PRIORITY_LABEL,
  ROW_PROP_ASSIGNEE_NAME,
  ROW_PROP_DUE_TEXT,
  ROW_PROP_STATUS_LABEL,
  ROW_PROP_OVERDUE,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static void
crm_care_row_finalize (GObject *object)
{
  CrmCareRow *self = CRM_CARE_ROW (object);

  g_clear_pointer (&self->care, crm_care_case_free);
  g_free (self->due_text);

  G_OBJECT_CLASS (crm_care_row_parent_class)->finalize (object);
}

static void
crm_care_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrmCareRow *self = CRM_CARE_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_ID:
      g_value_set_int64 (value, self->care->id);
      break;
    case ROW_PROP_CUSTOMER_NAME:
      g_value_set_string (value, or_empty (self->care->customer_name));
      break;
    case ROW_PROP_KIND_LABEL:
      g_value_set_string (value, self->care->id > 0 ? crm_care_kind_label (self->care->kind) : "");
      break;
    case ROW_PROP_SUBJECT:
      g_value_set_string (value, or_empty (self->care->subject));
      break;
    case ROW_PROP_PRIORITY_LABEL:
      g_value_set_string (value, self->care->id > 0 ? crm_care_priority_label (self->care->priority) : "");
      break;
    case ROW_PROP_ASSIGNEE_NAME:
      g_value_set_string (value, or_empty (self->care->assignee_name));
      break;
    case ROW_PROP_DUE_TEXT:
      g_value_set_string (value, self->due_text);
      break;
    case ROW_PROP_STATUS_LABEL:
      g_value_set_string (value, self->care->id > 0 ? crm_care_status_label (self->care->status) : "");
      break;
    case ROW_PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
crm_care_row_class_init (CrmCareRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_care_row_finalize;
  object_class->get_property = crm_care_row_get_property;

  row_properties[ROW_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  row_properties[ROW_PROP_CUSTOMER_NAME] = string_property ("customer-name");
  row_properties[ROW_PROP_KIND_LABEL] = string_property ("kind-label");
  row_properties[ROW_PROP_SUBJECT] = string_property ("subject");
  row_properties[ROW_PROP_PRIORITY_LABEL] = string_property ("priority-label");
  row_properties[ROW_PROP_ASSIGNEE_NAME] = string_property ("assignee-name");
  row_properties[ROW_PROP_DUE_TEXT] = string_property ("due-text");
  row_properties[ROW_PROP_STATUS_LABEL] = string_property ("status-label");
  row_properties[ROW_PROP_OVERDUE] =
    g_param_spec_boolean ("overdue", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
crm_care_row_init (CrmCareRow *self)
{
}

CrmCareRow *
crm_care_row_new (const CrmCareCase *care,
                  const char        *today)
{
  CrmCareRow *self;

  g_return_val_if_fail (care != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  self = g_object_new (CRM_TYPE_CARE_ROW, NULL);
  self->care = crm_care_case_copy (care);
  self->due_text = crm_care_case_format_due (care);
  self->overdue = care->id > 0 && crm_care_case_is_overdue (care, today);
  return self;
}

const CrmCareCase *
crm_care_row_get_case (CrmCareRow *self)
{
  g_return_val_if_fail (CRM_IS_CARE_ROW (self), NULL);
  return self->care;
}

gint64
crm_care_row_get_id (CrmCareRow *self)
{
  g_return_val_if_fail (CRM_IS_CARE_ROW (self), 0);
  return self->care->id;
}

gboolean
crm_care_row_get_overdue (CrmCareRow *self)
{
  g_return_val_if_fail (CRM_IS_CARE_ROW (self), FALSE);
  return self->overdue;
}

const char *
crm_care_row_get_due_text (CrmCareRow *self)
{
  g_return_val_if_fail (CRM_IS_CARE_ROW (self), NULL);
  return self->due_text;
}

/* List ---------------------------------------------------------------------------------- */

typedef struct
{
  guint      index;
  GPtrArray *rows;   /* CrmCareRow */
} Page;

struct _CrmCareList
{
  GObject        parent_instance;

  CrmStore      *store;
  CrmSession    *session;
  CrmCareFilter *filter;
  char          *today;         /* what "overdue" meant at the last reload */
  guint          n_items;
  gboolean       loaded;
  GQueue         pages;         /* Page *, most recently used first */
  guint          pages_fetched;
};

static void crm_care_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmCareList, crm_care_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_care_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
clear_pages (CrmCareList *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

static Page *
find_page (CrmCareList *self,
           guint        index)
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
fetch_page (CrmCareList *self,
            guint        index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  Page *page;

  rows = crm_care_store_fetch (self->store, self->session, self->filter, index * PAGE_SIZE, PAGE_SIZE, &error);
  if (rows == NULL)
    {
      g_warning ("Cannot read care cases from row %u: %s", index * PAGE_SIZE, error->message);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->rows = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (page->rows, crm_care_row_new (g_ptr_array_index (rows, i), self->today));
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  self->pages_fetched++;
  return page;
}

static GType
crm_care_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_CARE_ROW;
}

static guint
crm_care_list_get_n_items (GListModel *model)
{
  return CRM_CARE_LIST (model)->n_items;
}

/* A row that went missing since the count shows empty rather than
 * breaking the view; the next reload puts things right. */
static gpointer
crm_care_list_get_item (GListModel *model,
                        guint       position)
{
  CrmCareList *self = CRM_CARE_LIST (model);
  g_autoptr(CrmCareCase) empty = NULL;
  guint index = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;
  if (!(page = find_page (self, index)))
    page = fetch_page (self, index);
  if (page != NULL && position % PAGE_SIZE < page->rows->len)
    return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
  empty = crm_care_case_new ();
  return crm_care_row_new (empty, self->today);
}

static void
crm_care_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_care_list_get_item_type;
  iface->get_n_items = crm_care_list_get_n_items;
  iface->get_item = crm_care_list_get_item;
}

static void
crm_care_list_dispose (GObject *object)
{
  CrmCareList *self = CRM_CARE_LIST (object);

  clear_pages (self);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_care_list_parent_class)->dispose (object);
}

static void
crm_care_list_finalize (GObject *object)
{
  CrmCareList *self = CRM_CARE_LIST (object);

  g_clear_pointer (&self->filter, crm_care_filter_free);
  g_free (self->today);

  G_OBJECT_CLASS (crm_care_list_parent_class)->finalize (object);
}

static void
crm_care_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrmCareList *self = CRM_CARE_LIST (object);

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
crm_care_list_class_init (CrmCareListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_care_list_dispose;
  object_class->finalize = crm_care_list_finalize;
  object_class->get_property = crm_care_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_care_list_init (CrmCareList *self)
{
  self->filter = crm_care_filter_new ();
  self->today = crm_care_today ();
  g_queue_init (&self->pages);
}

CrmCareList *
crm_care_list_new (CrmStore   *store,
                   CrmSession *session)
{
  CrmCareList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CARE_LIST, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return self;
}

/* Replaces every item by @count fresh ones. */
static void
replace_items (CrmCareList *self,
               gint64       count)
{
  guint old_n_items = self->n_items;

  clear_pages (self);
  self->n_items = (guint) CLAMP (count, 0, G_MAXUINT);
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Overdue is counted from the filter's day, or from today as of now. */
static void
update_today (CrmCareList *self)
{
  g_free (self->today);
  self->today = self->filter->today != NULL ? g_strdup (self->filter->today) : crm_care_today ();
}

/**
 * crm_care_list_reload:
 *
 * Counts again and drops every cached page, then tells views that all
 * items changed.  On failure the list is empty.
 */
gboolean
crm_care_list_reload (CrmCareList  *self,
                      GError      **error)
{
  gint64 count;

  g_return_val_if_fail (CRM_IS_CARE_LIST (self), FALSE);

  update_today (self);
  count = crm_care_store_count (self->store, self->session, self->filter, error);
  self->loaded = TRUE;
  replace_items (self, count);
  return count >= 0;
}

const CrmCareFilter *
crm_care_list_get_filter (CrmCareList *self)
{
  g_return_val_if_fail (CRM_IS_CARE_LIST (self), NULL);
  return self->filter;
}

/**
 * crm_care_list_set_filter:
 *
 * Shows the rows @filter lets through (re-querying once loaded).
 */
gboolean
crm_care_list_set_filter (CrmCareList          *self,
                          const CrmCareFilter  *filter,
                          GError              **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_CARE_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (crm_care_filter_equal (self->filter, filter))
    return TRUE;
  if (self->loaded && (count = crm_care_store_count (self->store, self->session, filter, error)) < 0)
    return FALSE;
  crm_care_filter_free (self->filter);
  self->filter = crm_care_filter_copy (filter);
  update_today (self);
  if (self->loaded)
    replace_items (self, count);
  return TRUE;
}

guint
crm_care_list_get_pages_fetched (CrmCareList *self)
{
  g_return_val_if_fail (CRM_IS_CARE_LIST (self), 0);
  return self->pages_fetched;
}
