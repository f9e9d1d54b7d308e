/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customers-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-category-pane.h"
#include "crm-customer-dialog.h"
#include "crm-customer-list.h"
#include "crm-customer-row.h"
#include "crm-customers-page.h"
#include "crm-assignment-store.h"
#include "crm-category-store.h"
#include "crm-customer-export.h"
#include "crm-customer-store.h"
#include "crm-form-dialog.h"
#include "crm-import-dialog.h"
#include "crm-province.h"
#include "crm-user-store.h"

/* The Customers section: a lazy list of every customer the user may see,
 * filtered and sorted in SQL by the controller; this widget only maps the
 * filter controls onto it. */
struct _CrmCustomersPage
{
  GtkWidget        parent_instance;

  CrmStore        *store;
  CrmSession      *session;
  CrmCustomerList *list;
  CrmCategoryPane *category_pane;
  GtkMultiSelection *selection;
  GCancellable    *export_cancellable;
  GArray          *owner_ids;     /* gint64 per owner choice; 0 first */
  GStrv            industries;    /* per industry choice after "All" */

  /* template */
  GtkSearchEntry  *filter_entry;
  GtkDropDown     *status_dropdown;
  GtkDropDown     *province_dropdown;
  GtkDropDown     *source_dropdown;
  GtkDropDown     *owner_dropdown;
  GtkDropDown     *industry_dropdown;
  GtkBox          *tree_box;
  GtkDropDown     *sort_dropdown;
  GtkToggleButton *descending_button;
  GtkLabel        *count_label;
  GtkColumnView   *column_view;
};

G_DEFINE_FINAL_TYPE (CrmCustomersPage, crm_customers_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Sort choices in the order of the sort drop-down. */
static const CrmCustomerSort sort_choices[] = {
  CRM_CUSTOMER_SORT_CODE, CRM_CUSTOMER_SORT_NAME, CRM_CUSTOMER_SORT_PROVINCE,
  CRM_CUSTOMER_SORT_STATUS, CRM_CUSTOMER_SORT_OWNER, CRM_CUSTOMER_SORT_LAST_CONTACT,
  CRM_CUSTOMER_SORT_REVENUE,
};

static void
update_count (CrmCustomersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", n), n);

  gtk_label_set_label (self->count_label, text);
}

static void
on_list_items_changed_cb (CrmCustomersPage *self,
                          guint             position,
                          guint             removed,
                          guint             added,
                          GListModel       *list)
{
  update_count (self);
}

static void
on_filter_entry_search_changed_cb (CrmCustomersPage *self,
                                   GtkSearchEntry   *entry)
{
  if (self->list == NULL)
    return;
  crm_customer_list_set_search_text (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Index 0 is "All statuses"; the rest follow CrmCustomerStatus. */
static void
on_status_dropdown_selected_cb (CrmCustomersPage *self,
                                GParamSpec       *pspec,
                                GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* Template set-up notifies before the list exists. */
  if (self->list == NULL)
    return;

  crm_customer_list_set_status (self->list, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                            ? -1 : (int) selected - 1);
}

static void
on_province_dropdown_selected_cb (CrmCustomersPage *self,
                                  GParamSpec       *pspec,
                                  GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint n_provinces = 0;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  /* Template set-up notifies before the list exists. */
  if (self->list == NULL)
    return;

  crm_customer_list_set_province_code (self->list, selected == 0 || selected > n_provinces
                                                   ? NULL : provinces[selected - 1].code);
}

/* Source codes in the order of the source drop-down, after "All sources". */
static const char *const source_choices[] = {
  "website", "store", "referral", "phone", "social", "marketplace", "campaign", "other",
};

static void
on_source_dropdown_selected_cb (CrmCustomersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);

  if (self->list == NULL)
    return;
  crm_customer_list_set_source (self->list, selected == 0 || selected > G_N_ELEMENTS (source_choices)
                                            ? NULL : source_choices[selected - 1]);
}

static void
on_owner_dropdown_selected_cb (CrmCustomersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  if (self->list == NULL || self->owner_ids == NULL)
    return;
  crm_customer_list_set_assigned_to (self->list, selected < self->owner_ids->len
                                                 ? g_array_index (self->owner_ids, gint64, selected) : 0);
}

static void
on_industry_dropdown_selected_cb (CrmCustomersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->industry_dropdown);

  if (self->list == NULL || self->industries == NULL)
    return;
  crm_customer_list_set_industry (self->list, selected == 0 || selected > g_strv_length (self->industries)
                                              ? NULL : self->industries[selected - 1]);
}

/* The staff a user may filter by: those they may see the customers of. */
static void
fill_owner_choices (CrmCustomersPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = crm_user_store_list_assignees (self->store, self->session, NULL);
  gint64 anyone = 0;

  g_array_set_size (self->owner_ids, 0);
  gtk_string_list_append (names, _("All staff"));
  g_array_append_val (self->owner_ids, anyone);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const CrmUserEntry *user = g_ptr_array_index (users, i);

      gtk_string_list_append (names, user->full_name);
      g_array_append_val (self->owner_ids, user->id);
    }
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (names));
}

/* Industries are what the office typed: offered as recorded. */
static void
fill_industry_choices (CrmCustomersPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = crm_customer_list_get_filter (self->list)->industry;
  guint selected = 0;

  g_clear_pointer (&self->industries, g_strfreev);
  self->industries = crm_customer_query_industries (self->store, self->session, NULL);
  gtk_string_list_append (names, _("All industries"));
  for (guint i = 0; self->industries != NULL && self->industries[i] != NULL; i++)
    {
      gtk_string_list_append (names, self->industries[i]);
      if (g_strcmp0 (current, self->industries[i]) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->industry_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->industry_dropdown, selected);
}

static void
on_category_filter_changed_cb (CrmCustomersPage *self)
{
  g_autoptr(GArray) ids = crm_category_pane_get_filter_ids (self->category_pane);

  crm_customer_list_set_categories (self->list, ids);
}

static void
on_sort_changed_cb (CrmCustomersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  /* Template set-up notifies before the list exists. */
  if (self->list == NULL)
    return;

  if (selected >= G_N_ELEMENTS (sort_choices))
    selected = 1;
  crm_customer_list_set_sort (self->list, sort_choices[selected],
                              !gtk_toggle_button_get_active (self->descending_button));
}

static void
on_customer_saved_cb (CrmCustomersPage *self,
                      gint64            customer_id)
{
  crm_customers_page_reload (self);
  crm_category_pane_reload (self->category_pane);
  fill_industry_choices (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Opens the profile form of @customer_id, or of a new customer when 0. */
void
crm_customers_page_open_customer (CrmCustomersPage *self,
                                  gint64            customer_id)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  CrmCustomerDialog *dialog = crm_customer_dialog_new (parent, self->store, self->session, customer_id,
                                                       crm_category_pane_get_selected_id (self->category_pane),
                                                       &error);

  if (dialog == NULL)
    {
      gtk_label_set_label (self->count_label, error->message);
      return;
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_customer_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_column_view_activate_cb (CrmCustomersPage *self,
                            guint             position,
                            GtkColumnView    *view)
{
  g_autoptr(CrmCustomerRow) row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  gint64 id = 0;

  if (row == NULL)
    return;
  g_object_get (row, "id", &id, NULL);
  crm_customers_page_open_customer (self, id);
}

/* Bulk changes -------------------------------------------------------------- */

/* The ids of the selected rows.  Rows come from the lazy list page by
 * page, so even "select all" on a long list reads ids, not profiles. */
static GArray *
selected_ids (CrmCustomersPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CrmCustomerRow) row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
      gint64 id = 0;

      if (row == NULL)
        continue;
      g_object_get (row, "id", &id, NULL);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
update_actions (CrmCustomersPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  guint64 n;

  /* An export may finish after the page is gone. */
  if (self->selection == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n = gtk_bitset_get_size (selected);
  gboolean manages = crm_session_get_role (self->session) != CRM_ROLE_STAFF;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.assign", manages && n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.move", manages && n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.merge", manages && n == 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.export",
                                 self->export_cancellable == NULL &&
                                 crm_session_may (self->session, CRM_PERMISSION_EXPORT));
}

/* After a change to many customers: the list, the tree and the counts. */
static void
after_bulk_change (CrmCustomersPage *self)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  crm_customers_page_reload (self);
  crm_category_pane_reload (self->category_pane);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_tree_changed_cb (CrmCustomersPage *self)
{
  crm_customers_page_reload (self);
}

typedef struct
{
  CrmCustomersPage *self;
  GArray           *customers;  /* gint64: the selected customers */
  GArray           *choices;    /* gint64 per drop-down position */
} Bulk;

static void
bulk_free (Bulk *bulk)
{
  g_object_unref (bulk->self);
  g_array_unref (bulk->customers);
  g_array_unref (bulk->choices);
  g_free (bulk);
}

static Bulk *
bulk_new (CrmCustomersPage *self)
{
  Bulk *bulk = g_new0 (Bulk, 1);

  bulk->self = g_object_ref (self);
  bulk->customers = selected_ids (self);
  bulk->choices = g_array_new (FALSE, FALSE, sizeof (gint64));
  return bulk;
}

static gint64
bulk_choice (Bulk  *bulk,
             guint  selected)
{
  return selected < bulk->choices->len ? g_array_index (bulk->choices, gint64, selected) : 0;
}

static gboolean
accept_assign (gpointer     user_data,
               const char  *text,
               guint        selected,
               GError     **error)
{
  Bulk *bulk = user_data;

  if (!crm_assignment_store_reassign (bulk->self->store, bulk->self->session, bulk->customers,
                                      bulk_choice (bulk, selected), error))
    return FALSE;
  after_bulk_change (bulk->self);
  return TRUE;
}

static void
assign_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);
  Bulk *bulk = bulk_new (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = crm_user_store_list_assignees (self->store, self->session, NULL);
  g_autofree char *explanation = NULL;
  CrmFormSpec spec = {
    .title = _("Assign to Staff"),
    .choice_label = _("Assigned staff"),
    .accept_label = _("_Assign"),
  };

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const CrmUserEntry *user = g_ptr_array_index (users, i);

      gtk_string_list_append (names, user->full_name);
      g_array_append_val (bulk->choices, user->id);
    }
  explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Give the %u selected customer to:",
                                              "Give the %u selected customers to:", bulk->customers->len),
                                 bulk->customers->len);
  spec.explanation = explanation;
  spec.choices = G_LIST_MODEL (names);
  crm_form_dialog_open (widget, &spec, accept_assign, bulk, (GDestroyNotify) bulk_free);
}

static gboolean
accept_move (gpointer     user_data,
             const char  *text,
             guint        selected,
             GError     **error)
{
  Bulk *bulk = user_data;

  if (!crm_category_store_set_customer_category (bulk->self->store, bulk->self->session, bulk->customers,
                                                 bulk_choice (bulk, selected), error))
    return FALSE;
  after_bulk_change (bulk->self);
  return TRUE;
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);
  Bulk *bulk = bulk_new (self);
  g_autoptr(GPtrArray) categories = crm_category_store_list_names (self->store, NULL);
  g_autoptr(GtkStringList) names = crm_category_choices_new (categories, _("No category"), 0, bulk->choices);
  g_autofree char *explanation = NULL;
  CrmFormSpec spec = {
    .title = _("Move to Category"),
    .choice_label = _("Category"),
    .accept_label = _("_Move"),
  };

  explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Put the %u selected customer in:",
                                              "Put the %u selected customers in:", bulk->customers->len),
                                 bulk->customers->len);
  spec.explanation = explanation;
  spec.choices = G_LIST_MODEL (names);
  spec.selected = 0;
  crm_form_dialog_open (widget, &spec, accept_move, bulk, (GDestroyNotify) bulk_free);
}

/* Merging two: the user picks the one to keep; the other's contacts,
 * history, documents and sales move to it in one transaction. */
static gboolean
accept_merge (gpointer     user_data,
              const char  *text,
              guint        selected,
              GError     **error)
{
  Bulk *bulk = user_data;
  gint64 survivor = bulk_choice (bulk, selected);
  gint64 duplicate = bulk_choice (bulk, selected == 0 ? 1 : 0);

  if (!crm_customer_store_merge (bulk->self->store, bulk->self->session, survivor, duplicate, error))
    return FALSE;
  after_bulk_change (bulk->self);
  return TRUE;
}

static void
merge_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);
  Bulk *bulk = bulk_new (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  CrmFormSpec spec = {
    .title = _("Merge Two Customers"),
    .explanation = _("Everything recorded for the other customer — contacts, history, documents, "
                     "opportunities, quotes, contracts, orders and events — moves to the one you keep. "
                     "The merge is recorded in the audit log. Keep:"),
    .choice_label = _("Customer to keep"),
    .accept_label = _("_Merge"),
    .destructive = TRUE,
  };

  if (bulk->customers->len != 2)
    {
      bulk_free (bulk);
      return;
    }
  for (guint i = 0; i < 2; i++)
    {
      gint64 id = g_array_index (bulk->customers, gint64, i);
      g_autoptr(CrmCustomer) customer = crm_customer_store_get (self->store, self->session, id, NULL);
      g_autofree char *label = customer ? g_strdup_printf ("%s %s", customer->code, customer->full_name) : NULL;

      gtk_string_list_append (names, label ? label : "?");
      g_array_append_val (bulk->choices, id);
    }
  spec.choices = G_LIST_MODEL (names);
  crm_form_dialog_open (widget, &spec, accept_merge, bulk, (GDestroyNotify) bulk_free);
}

/* Export --------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmCustomersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (!crm_customer_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->count_label, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer exported.",
                                                            "%u customers exported.", (gulong) n_rows),
                                               (guint) n_rows);
      gtk_label_set_label (self->count_label, text);
    }
  g_clear_object (&self->export_cancellable);
  update_actions (self);
}

static void
on_export_file_cb (GtkNativeDialog  *chooser,
                   int               response,
                   CrmCustomersPage *self)
{
  CrmExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.export", FALSE);
      crm_customer_export_async (self->store, self->session, crm_customer_list_get_filter (self->list),
                                 format, file, self->export_cancellable, on_export_done_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

/* "xlsx" or "pdf": the current list, whatever the tree node, filters and
 * search, as a spreadsheet or a printable "danh sách khách hàng". */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);
  CrmExportFormat format = CRM_EXPORT_FORMAT_XLSX;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!crm_export_format_from_string (g_variant_get_string (parameter, NULL), &format))
    return;
  /* TRANSLATORS: the file name offered for an exported customer list. */
  name = g_strdup_printf ("%s-%s.%s", _("customer-list"), day, crm_export_format_to_string (format));
  chooser = gtk_file_chooser_native_new (format == CRM_EXPORT_FORMAT_PDF ? _("Save the List as PDF")
                                                                         : _("Export the List to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_done_cb (CrmCustomersPage *self)
{
  after_bulk_change (self);
}

/* Customers or their contacts from a CSV file (or contacts from vCard). */
static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);
  CrmImportDialog *dialog = crm_import_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                                   self->session, CRM_IMPORT_KIND_CUSTOMERS);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_customer_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  crm_customers_page_open_customer (CRM_CUSTOMERS_PAGE (widget), 0);
}

static GListModel *
province_choices (void)
{
  GtkStringList *choices = gtk_string_list_new (NULL);
  guint n_provinces = 0;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  gtk_string_list_append (choices, _("All provinces"));
  for (guint i = 0; i < n_provinces; i++)
    gtk_string_list_append (choices, provinces[i].short_name);
  return G_LIST_MODEL (choices);
}

static void
crm_customers_page_constructed (GObject *object)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);

  G_OBJECT_CLASS (crm_customers_page_parent_class)->constructed (object);

  self->list = crm_customer_list_new (self->store, self->session);
  self->category_pane = CRM_CATEGORY_PANE (crm_category_pane_new (self->store, self->session));
  gtk_box_append (self->tree_box, GTK_WIDGET (self->category_pane));
  g_signal_connect_object (self->category_pane, "filter-changed", G_CALLBACK (on_category_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  fill_owner_choices (self);
  fill_industry_choices (self);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_list_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_pane, "changed", G_CALLBACK (on_tree_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  crm_customers_page_reload (self);
}

static void
crm_customers_page_dispose (GObject *object)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->industries, g_strfreev);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_customers_page_parent_class)->dispose (object);
}

static void
crm_customers_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customers_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customers_page_class_init (CrmCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_customers_page_constructed;
  object_class->dispose = crm_customers_page_dispose;
  object_class->get_property = crm_customers_page_get_property;
  object_class->set_property = crm_customers_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_CUSTOMER_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-customers-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, province_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, industry_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, tree_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, descending_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_province_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_industry_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_install_action (widget_class, "customers.new", NULL, new_customer_activated);
  gtk_widget_class_install_action (widget_class, "customers.assign", NULL, assign_activated);
  gtk_widget_class_install_action (widget_class, "customers.move", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "customers.merge", NULL, merge_activated);
  gtk_widget_class_install_action (widget_class, "customers.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "customers.import", NULL, import_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "customers.new", NULL);

  /* A customer was created or changed here: counts elsewhere may follow. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_customers_page_init (CrmCustomersPage *self)
{
  g_autoptr(GListModel) provinces = province_choices ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->province_dropdown, provinces);
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GtkWidget *
crm_customers_page_new (CrmStore   *store,
                        CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_CUSTOMERS_PAGE, "store", store, "session", session, NULL);
}

/* Re-reads the list after a change made elsewhere. */
void
crm_customers_page_reload (CrmCustomersPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));

  if (!crm_customer_list_reload (self->list, &error))
    {
      g_warning ("Cannot list customers: %s", error->message);
      gtk_label_set_label (self->count_label, error->message);
      return;
    }
  update_count (self);
}
