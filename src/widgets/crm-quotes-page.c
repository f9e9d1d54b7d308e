/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quotes-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-picker.h"
#include "crm-money.h"
#include "crm-quote-export.h"
#include "crm-quote-store.h"
#include "crm-quote-window.h"
#include "crm-quotes-page.h"
#include "crm-validate.h"

/* The Quotes section: every quote the user sees, read a page at a time
 * (filtered by status and by words of the code or customer, sorted by the
 * column header clicked, all in SQL), opened in a CrmQuoteWindow by
 * double-click or Enter, exported to a spreadsheet as shown.  Quotes past
 * their validity are marked expired whenever the page is shown. */

#define PAGE_SIZE 200
#define MAX_PAGES 6

/* One row of the list: a CrmQuoteRow in a GObject for the view. */
#define CRM_TYPE_QUOTES_PAGE_ROW (crm_quotes_page_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmQuotesPageRow, crm_quotes_page_row, CRM, QUOTES_PAGE_ROW, GObject)

struct _CrmQuotesPageRow
{
  GObject      parent_instance;
  CrmQuoteRow *row;   /* NULL for a row that could not be read */
};

G_DEFINE_FINAL_TYPE (CrmQuotesPageRow, crm_quotes_page_row, G_TYPE_OBJECT)

/* The lazy list: the count of the filter and a few cached pages. */
#define CRM_TYPE_QUOTES_PAGE_MODEL (crm_quotes_page_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmQuotesPageModel, crm_quotes_page_model, CRM, QUOTES_PAGE_MODEL, GObject)

typedef struct
{
  guint      index;
  GPtrArray *rows;   /* CrmQuotesPageRow */
} Page;

struct _CrmQuotesPageModel
{
  GObject         parent_instance;
  CrmStore       *store;
  CrmSession     *session;
  CrmQuoteFilter *filter;
  guint           n_items;
  GQueue          pages;   /* Page *, most recently used first */
};

static void crm_quotes_page_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmQuotesPageModel, crm_quotes_page_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_quotes_page_model_list_init))

/* Sortable columns, by CrmQuoteSort. */
typedef struct
{
  CrmQuotesPage *page;
  CrmQuoteSort   sort;
} SortKey;

struct _CrmQuotesPage
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  CrmQuotesPageModel *model;
  GtkSingleSelection *selection;
  GHashTable         *windows;          /* quote id -> CrmQuoteWindow (not owned) */
  GCancellable       *export_cancellable;
  SortKey             sort_keys[CRM_QUOTE_SORT_N];
  int                 probed_sort;      /* set while the view's sorter is probed */

  /* template */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkLabel           *count_label;
  GtkLabel           *message_label;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (CrmQuotesPage, crm_quotes_page, GTK_TYPE_WIDGET)

/* Rows ------------------------------------------------------------------------------ */

static void
crm_quotes_page_row_finalize (GObject *object)
{
  g_clear_pointer (&CRM_QUOTES_PAGE_ROW (object)->row, crm_quote_row_free);
  G_OBJECT_CLASS (crm_quotes_page_row_parent_class)->finalize (object);
}

static void
crm_quotes_page_row_class_init (CrmQuotesPageRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_quotes_page_row_finalize;
}

static void
crm_quotes_page_row_init (CrmQuotesPageRow *self)
{
}

static CrmQuotesPageRow *
row_new (CrmQuoteRow *row)
{
  CrmQuotesPageRow *self = g_object_new (CRM_TYPE_QUOTES_PAGE_ROW, NULL);

  self->row = row;
  return self;
}

/* The lazy model ------------------------------------------------------------------- */

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static Page *
model_page (CrmQuotesPageModel *self,
            guint               index)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  for (GList *link = self->pages.head; link != NULL; link = link->next)
    if (((Page *) link->data)->index == index)
      {
        g_queue_unlink (&self->pages, link);
        g_queue_push_head_link (&self->pages, link);
        return link->data;
      }
  rows = crm_quote_store_fetch_filtered (self->store, self->session, self->filter, index * PAGE_SIZE,
                                         PAGE_SIZE, &error);
  if (rows == NULL)
    {
      g_warning ("Cannot read the quotes from row %u: %s", index * PAGE_SIZE, error->message);
      return NULL;
    }
  page = g_new0 (Page, 1);
  page->index = index;
  page->rows = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (page->rows, row_new (crm_quote_row_copy (g_ptr_array_index (rows, i))));
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static GType
model_get_item_type (GListModel *model)
{
  return CRM_TYPE_QUOTES_PAGE_ROW;
}

static guint
model_get_n_items (GListModel *model)
{
  return CRM_QUOTES_PAGE_MODEL (model)->n_items;
}

/* A row gone since the count shows empty until the next reload. */
static gpointer
model_get_item (GListModel *model,
                guint       position)
{
  CrmQuotesPageModel *self = CRM_QUOTES_PAGE_MODEL (model);
  Page *page;

  if (position >= self->n_items)
    return NULL;
  page = model_page (self, position / PAGE_SIZE);
  if (page != NULL && position % PAGE_SIZE < page->rows->len)
    return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
  return row_new (NULL);
}

static void
crm_quotes_page_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = model_get_item_type;
  iface->get_n_items = model_get_n_items;
  iface->get_item = model_get_item;
}

static void
crm_quotes_page_model_dispose (GObject *object)
{
  CrmQuotesPageModel *self = CRM_QUOTES_PAGE_MODEL (object);

  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->filter, crm_quote_filter_free);
  G_OBJECT_CLASS (crm_quotes_page_model_parent_class)->dispose (object);
}

static void
crm_quotes_page_model_class_init (CrmQuotesPageModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_quotes_page_model_dispose;
}

static void
crm_quotes_page_model_init (CrmQuotesPageModel *self)
{
  self->filter = crm_quote_filter_new ();
  g_queue_init (&self->pages);
}

/* Counts @filter's quotes again and drops every cached page. */
static gboolean
model_reload (CrmQuotesPageModel    *self,
              const CrmQuoteFilter  *filter,
              GError               **error)
{
  guint old_n_items = self->n_items;
  gint64 count = crm_quote_store_count_filtered (self->store, self->session, filter, error);

  if (count < 0)
    return FALSE;
  crm_quote_filter_free (self->filter);
  self->filter = crm_quote_filter_copy (filter);
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
  self->n_items = (guint) MIN (count, G_MAXUINT);
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  return TRUE;
}

/* Messages ---------------------------------------------------------------------------- */

static void
show_message (CrmQuotesPage *self,
              const char    *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_count (CrmQuotesPage *self)
{
  guint n = self->model->n_items;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", n), n);

  gtk_label_set_label (self->count_label, text);
}

/* Filter and sort ------------------------------------------------------------------------ */

/* The view's sorter does not say which column leads in GTK 4.8: compare
 * two rows through it, and the first column sorter it asks is the one;
 * the sign tells the direction. */
static int
on_sort_key_compared_cb (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  SortKey *key = user_data;

  if (key->page->probed_sort < 0)
    key->page->probed_sort = key->sort;
  return GTK_ORDERING_SMALLER;
}

static void
read_sort (CrmQuotesPage  *self,
           CrmQuoteFilter *filter)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(CrmQuotesPageRow) a = row_new (NULL);
  g_autoptr(CrmQuotesPageRow) b = row_new (NULL);
  GtkOrdering order;

  self->probed_sort = -1;
  order = sorter != NULL ? gtk_sorter_compare (sorter, a, b) : GTK_ORDERING_EQUAL;
  if (self->probed_sort < 0 || order == GTK_ORDERING_EQUAL)
    {
      filter->sort = CRM_QUOTE_SORT_CODE;
      filter->ascending = FALSE;
      return;
    }
  filter->sort = self->probed_sort;
  filter->ascending = order == GTK_ORDERING_SMALLER;
}

static CrmQuoteFilter *
current_filter (CrmQuotesPage *self)
{
  CrmQuoteFilter *filter = crm_quote_filter_new ();
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  filter->status = status > 0 && status <= CRM_QUOTE_N_STATUSES ? (int) status - 1 : -1;
  filter->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
  read_sort (self, filter);
  return filter;
}

static gboolean
apply_filter (CrmQuotesPage *self)
{
  g_autoptr(CrmQuoteFilter) filter = current_filter (self);
  g_autoptr(GError) error = NULL;

  if (!model_reload (self->model, filter, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  update_count (self);
  return TRUE;
}

static void
on_filter_changed_cb (CrmQuotesPage *self)
{
  if (self->model != NULL)
    apply_filter (self);
}

/* Opening ---------------------------------------------------------------------------------- */

static gboolean
forget_window (gpointer key,
               gpointer value,
               gpointer window)
{
  return value == window;
}

static void
on_quote_window_saved_cb (CrmQuoteWindow *window,
                          CrmQuotesPage  *self)
{
  gint64 id = crm_quote_window_get_quote_id (window);

  /* A new quote gets its id on the first save. */
  if (id > 0 && g_hash_table_lookup (self->windows, &id) == NULL)
    {
      g_hash_table_foreach_remove (self->windows, forget_window, window);
      g_hash_table_insert (self->windows, g_memdup2 (&id, sizeof id), window);
    }
  crm_quotes_page_reload (self);
}

static void
on_quote_window_destroyed_cb (CrmQuoteWindow *window,
                              CrmQuotesPage  *self)
{
  g_hash_table_foreach_remove (self->windows, forget_window, window);
}

static CrmQuoteWindow *
new_window (CrmQuotesPage *self)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  CrmQuoteWindow *window = crm_quote_window_new (parent, self->store, self->session);

  g_signal_connect_object (window, "saved", G_CALLBACK (on_quote_window_saved_cb), self, 0);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_quote_window_destroyed_cb), self, 0);
  return window;
}

GtkWindow *
crm_quotes_page_get_window (CrmQuotesPage *self,
                            gint64         quote_id)
{
  g_return_val_if_fail (CRM_IS_QUOTES_PAGE (self), NULL);
  return g_hash_table_lookup (self->windows, &quote_id);
}

/**
 * crm_quotes_page_open_record:
 *
 * Shows the quote in its window: the one already open, or a new one.
 */
void
crm_quotes_page_open_record (GtkWidget *page,
                             gint64     quote_id)
{
  CrmQuotesPage *self = CRM_QUOTES_PAGE (page);
  g_autoptr(GError) error = NULL;
  CrmQuoteWindow *window;

  g_return_if_fail (CRM_IS_QUOTES_PAGE (page));

  if ((window = g_hash_table_lookup (self->windows, &quote_id)))
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  window = new_window (self);
  if (!crm_quote_window_load (window, quote_id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      show_message (self, error->message);
      return;
    }
  g_hash_table_insert (self->windows, g_memdup2 (&quote_id, sizeof quote_id), window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
start_new (CrmQuotesPage *self,
           gint64         customer_id,
           gint64         opportunity_id)
{
  g_autoptr(GError) error = NULL;
  CrmQuoteWindow *window = new_window (self);

  if (!crm_quote_window_start_new (window, customer_id, 0, opportunity_id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/**
 * crm_quotes_page_make_from:
 * @source_kind: "opportunity" (a quote for it and its customer) or
 *   "customer" (a quote for that customer)
 *
 * Starts a new quote for the opportunity's customer, with the
 * opportunity set, or for the customer.
 */
void
crm_quotes_page_make_from (GtkWidget  *page,
                           const char *source_kind,
                           gint64      source_id)
{
  CrmQuotesPage *self = CRM_QUOTES_PAGE (page);
  g_autoptr(GError) error = NULL;
  gint64 customer_id = 0;

  g_return_if_fail (CRM_IS_QUOTES_PAGE (page));

  if (g_strcmp0 (source_kind, "customer") == 0)
    {
      start_new (self, source_id, 0);
      return;
    }
  if (g_strcmp0 (source_kind, "opportunity") != 0)
    {
      g_autofree char *text = g_strdup_printf (_("A quote cannot be made from a %s."), source_kind);
      show_message (self, text);
      return;
    }
  if (!crm_quote_store_get_opportunity (self->store, self->session, source_id, &customer_id, NULL, &error))
    {
      show_message (self, error->message);
      return;
    }
  start_new (self, customer_id, source_id);
}

static void
on_column_view_activated_cb (CrmQuotesPage *self,
                             guint          position)
{
  g_autoptr(CrmQuotesPageRow) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL && item->row != NULL)
    crm_quotes_page_open_record (GTK_WIDGET (self), item->row->id);
}

/* New quote: ask for the customer ---------------------------------------------------------- */

/* The customer chosen last and the text the picker showed for it: the
 * choice stands as long as that text does. */
static void
on_picker_customer_changed_cb (CrmCustomerPicker *picker,
                               GParamSpec        *pspec,
                               GtkDialog         *dialog)
{
  gint64 customer_id = crm_customer_picker_get_customer_id (picker);
  GtkEditable *entry = GTK_EDITABLE (crm_customer_picker_get_entry (picker));

  if (customer_id <= 0)
    return;
  g_object_set_data_full (G_OBJECT (dialog), "chosen-id", g_memdup2 (&customer_id, sizeof customer_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "chosen-text", g_strdup (gtk_editable_get_text (entry)), g_free);
}

static gint64
chosen_customer (GtkDialog         *dialog,
                 CrmCustomerPicker *picker)
{
  gint64 customer_id = crm_customer_picker_get_customer_id (picker);
  const gint64 *chosen = g_object_get_data (G_OBJECT (dialog), "chosen-id");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (crm_customer_picker_get_entry (picker)));

  if (customer_id <= 0 && chosen != NULL &&
      g_strcmp0 (text, g_object_get_data (G_OBJECT (dialog), "chosen-text")) == 0)
    customer_id = *chosen;
  return customer_id;
}

static void
on_new_dialog_response_cb (GtkDialog     *dialog,
                           int            response,
                           CrmQuotesPage *self)
{
  CrmCustomerPicker *picker = g_object_get_data (G_OBJECT (dialog), "picker");
  gint64 customer_id = chosen_customer (dialog, picker);

  if (response == GTK_RESPONSE_ACCEPT && customer_id <= 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (picker));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    start_new (self, customer_id, 0);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmQuotesPage *self = CRM_QUOTES_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *picker;

  dialog = gtk_dialog_new_with_buttons (_("New Quote"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL,
                                        _("C_reate"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  label = gtk_label_new (_("Customer"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  picker = crm_customer_picker_new (self->store, self->session);
  gtk_widget_set_size_request (picker, 360, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), picker);
  gtk_box_append (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), box);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, -1);
  g_object_set_data (G_OBJECT (dialog), "picker", picker);
  g_signal_connect_object (picker, "notify::customer-id", G_CALLBACK (on_picker_customer_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (crm_customer_picker_get_entry (CRM_CUSTOMER_PICKER (picker)));
}

/* Export --------------------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmQuotesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (!crm_quote_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote exported.",
                                                            "%u quotes exported.", (gulong) n_rows),
                                               (guint) n_rows);

      show_message (self, NULL);
      gtk_label_set_label (self->count_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.export",
                                 crm_session_may (self->session, CRM_PERMISSION_EXPORT));
}

static void
on_export_file_cb (GtkNativeDialog *chooser,
                   int              response,
                   CrmQuotesPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(CrmQuoteFilter) filter = current_filter (self);

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.export", FALSE);
      crm_quote_export_async (self->store, self->session, filter, CRM_EXPORT_FORMAT_XLSX, file,
                              self->export_cancellable, on_export_done_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

/* The list as shown (filter and order), as a spreadsheet. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* TRANSLATORS: the file name offered for an exported list of quotes. */
  name = g_strdup_printf ("%s-%s.xlsx", _("quotes"), day);
  chooser = gtk_file_chooser_native_new (_("Export the Quotes to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Columns ---------------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_ISSUE_DATE,
  COLUMN_VALID_UNTIL,
  COLUMN_STATUS,
  COLUMN_REVISION,
  COLUMN_TOTAL,
  COLUMN_OWNER,
  N_COLUMNS
} Column;

static char *
cell_text (const CrmQuoteRow *row,
           Column             column)
{
  switch (column)
    {
    case COLUMN_CODE:
      return g_strdup (row->code);
    case COLUMN_CUSTOMER:
      return g_strdup (row->customer_name);
    case COLUMN_ISSUE_DATE:
      return crm_date_format (row->issue_date);
    case COLUMN_VALID_UNTIL:
      return crm_date_format (row->valid_until);
    case COLUMN_STATUS:
      return g_strdup (crm_quote_status_label (row->status));
    case COLUMN_REVISION:
      return g_strdup_printf ("v%d", row->revision);
    case COLUMN_TOTAL:
      return crm_money_format (row->grand_total);
    case COLUMN_OWNER:
      return g_strdup (row->owner_name);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean number = column == COLUMN_TOTAL || column == COLUMN_REVISION;

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  CrmQuotesPageRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = row->row != NULL ? cell_text (row->row, GPOINTER_TO_UINT (user_data)) : NULL;

  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
add_columns (CrmQuotesPage *self)
{
  static const struct
  {
    const char *title;
    int         width;
    gboolean    expand;
    int         sort;  /* CrmQuoteSort, -1 for none */
  } columns[N_COLUMNS] = {
    [COLUMN_CODE] = { N_("Code"), 130, FALSE, CRM_QUOTE_SORT_CODE },
    [COLUMN_CUSTOMER] = { N_("Customer"), 260, TRUE, -1 },
    [COLUMN_ISSUE_DATE] = { N_("Issue date"), 100, FALSE, CRM_QUOTE_SORT_ISSUE_DATE },
    [COLUMN_VALID_UNTIL] = { N_("Valid until"), 100, FALSE, -1 },
    [COLUMN_STATUS] = { N_("Status"), 110, FALSE, CRM_QUOTE_SORT_STATUS },
    [COLUMN_REVISION] = { N_("Revision"), 70, FALSE, -1 },
    [COLUMN_TOTAL] = { N_("Total"), 140, FALSE, CRM_QUOTE_SORT_TOTAL },
    [COLUMN_OWNER] = { N_("Owner"), 160, FALSE, -1 },
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].sort >= 0)
        {
          SortKey *key = &self->sort_keys[columns[i].sort];

          key->page = self;
          key->sort = columns[i].sort;
          gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (on_sort_key_compared_cb,
                                                                                        key, NULL)));
        }
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* GObject ------------------------------------------------------------------------------- */

static void
on_map_cb (CrmQuotesPage *self)
{
  crm_quotes_page_reload (self);
}

static void
on_sorter_changed_cb (GtkSorter       *sorter,
                      GtkSorterChange  change,
                      CrmQuotesPage   *self)
{
  on_filter_changed_cb (self);
}

static void
crm_quotes_page_dispose (GObject *object)
{
  CrmQuotesPage *self = CRM_QUOTES_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_QUOTES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->windows, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_quotes_page_parent_class)->dispose (object);
}

static void
crm_quotes_page_class_init (CrmQuotesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_quotes_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-quotes-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmQuotesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmQuotesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmQuotesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuotesPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuotesPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activated_cb);
  gtk_widget_class_install_action (widget_class, "quotes.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "quotes.export", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "quotes.new", NULL);
}

static void
crm_quotes_page_init (CrmQuotesPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->windows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_string_list_append (statuses, _("All statuses"));
  for (guint i = 0; i < CRM_QUOTE_N_STATUSES; i++)
    gtk_string_list_append (statuses, crm_quote_status_label (i));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  add_columns (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, 0);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
crm_quotes_page_new (CrmStore   *store,
                     CrmSession *session)
{
  CrmQuotesPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_QUOTES_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->model = g_object_new (CRM_TYPE_QUOTES_PAGE_MODEL, NULL);
  self->model->store = g_object_ref (store);
  self->model->session = g_object_ref (session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* The store refuses too; the button says so at once. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.export",
                                 crm_session_may (session, CRM_PERMISSION_EXPORT));
  return GTK_WIDGET (self);
}

/**
 * crm_quotes_page_reload:
 *
 * Marks the quotes past their validity as expired, then reads the list
 * again.
 */
gboolean
crm_quotes_page_reload (CrmQuotesPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_QUOTES_PAGE (self), FALSE);

  if (crm_quote_store_expire_due (self->store, self->session, today, &error) < 0)
    g_debug ("Expiring quotes: %s", error->message);
  return apply_filter (self);
}
