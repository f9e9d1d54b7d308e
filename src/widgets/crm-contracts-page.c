/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contracts-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contract-export.h"
#include "crm-contract-list.h"
#include "crm-contract-window.h"
#include "crm-contracts-page.h"
#include "crm-error.h"

/* The Contracts section: a lazy list of every contract the user may see,
 * filtered and sorted in SQL by CrmContractList, those ending within 30
 * days marked; new contracts, the contract windows and the export to a
 * spreadsheet start here. */
struct _CrmContractsPage
{
  GtkWidget          parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmContractList   *list;
  GtkSingleSelection *selection;
  GCancellable      *export_cancellable;
  GHashTable        *windows;        /* contract id -> CrmContractWindow (not owned) */

  /* template */
  GtkSearchEntry    *filter_entry;
  GtkDropDown       *status_dropdown;
  GtkDropDown       *sort_dropdown;
  GtkToggleButton   *descending_button;
  GtkLabel          *count_label;
  GtkLabel          *message_label;
  GtkWidget         *export_button;
  GtkColumnView     *column_view;
};

G_DEFINE_FINAL_TYPE (CrmContractsPage, crm_contracts_page, GTK_TYPE_WIDGET)

/* Sort choices in the order of the sort drop-down. */
static const CrmContractSort sort_choices[] = {
  CRM_CONTRACT_SORT_CODE, CRM_CONTRACT_SORT_SIGNED_ON, CRM_CONTRACT_SORT_ENDS_ON,
  CRM_CONTRACT_SORT_VALUE, CRM_CONTRACT_SORT_STATUS,
};

static void
show_message (CrmContractsPage *self,
              const char       *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_count (CrmContractsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contract", "%u contracts", n), n);

  gtk_label_set_label (self->count_label, text);
}

/* The contract of the selected row, or 0. */
static gint64
selected_id (CrmContractsPage *self)
{
  g_autoptr(CrmContractListItem) item = NULL;
  guint position;

  if (self->selection == NULL)
    return 0;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION ||
      !(item = g_list_model_get_item (G_LIST_MODEL (self->list), position)))
    return 0;
  return crm_contract_list_item_get_id (item);
}

static void
update_actions (CrmContractsPage *self)
{
  /* An export may finish after the page is gone. */
  if (self->list == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contracts.open", selected_id (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contracts.export",
                                 self->export_cancellable == NULL &&
                                 crm_session_may (self->session, CRM_PERMISSION_EXPORT));
}

/* Filtering -------------------------------------------------------------------- */

static void
on_filter_changed_cb (CrmContractsPage *self)
{
  g_autoptr(CrmContractFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  /* Template set-up notifies before the list exists. */
  if (self->list == NULL)
    return;

  filter = crm_contract_filter_copy (crm_contract_list_get_filter (self->list));
  filter->status = status == 0 || status > CRM_CONTRACT_N_STATUSES ? -1 : (int) status - 1;
  g_free (filter->search);
  filter->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
  filter->sort = sort_choices[sort < G_N_ELEMENTS (sort_choices) ? sort : 0];
  filter->ascending = !gtk_toggle_button_get_active (self->descending_button);
  if (!crm_contract_list_set_filter (self->list, filter, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  update_count (self);
}

/* Windows ---------------------------------------------------------------------- */

static void
on_contract_saved_cb (CrmContractsPage  *self,
                      gint64             contract_id,
                      CrmContractWindow *window)
{
  g_hash_table_insert (self->windows, g_memdup2 (&contract_id, sizeof contract_id), window);
  crm_contracts_page_reload (self);
}

static gboolean
forget_window (gpointer key,
               gpointer value,
               gpointer user_data)
{
  return value == user_data;
}

static void
on_window_destroyed_cb (gpointer  user_data,
                        GObject  *window)
{
  CrmContractsPage *self = user_data;

  g_hash_table_foreach_remove (self->windows, forget_window, window);
}

static CrmContractWindow *
new_window (CrmContractsPage *self)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  CrmContractWindow *window = crm_contract_window_new (parent, self->store, self->session);

  g_signal_connect_object (window, "saved", G_CALLBACK (on_contract_saved_cb), self, G_CONNECT_SWAPPED);
  g_object_weak_ref (G_OBJECT (window), on_window_destroyed_cb, self);
  return window;
}

static void
open_contract (CrmContractsPage *self,
               gint64            contract_id)
{
  g_autoptr(GError) error = NULL;
  CrmContractWindow *window = g_hash_table_lookup (self->windows, &contract_id);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  window = new_window (self);
  if (!crm_contract_window_load (window, contract_id, &error))
    {
      show_message (self, error->message);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_hash_table_insert (self->windows, g_memdup2 (&contract_id, sizeof contract_id), window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_column_view_activate_cb (CrmContractsPage *self,
                            guint             position,
                            GtkColumnView    *view)
{
  g_autoptr(CrmContractListItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item != NULL && crm_contract_list_item_get_id (item) > 0)
    open_contract (self, crm_contract_list_item_get_id (item));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmContractsPage *self = CRM_CONTRACTS_PAGE (widget);
  gint64 id = selected_id (self);

  if (id > 0)
    open_contract (self, id);
}

static void
new_contract_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmContractWindow *window = new_window (CRM_CONTRACTS_PAGE (widget));

  crm_contract_window_start_blank (window);
  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  CrmContractsPage *self;
  gint64            quote_id;
} MakeFrom;

static void
make_from_free (MakeFrom *make)
{
  g_object_unref (make->self);
  g_free (make);
}

static void
start_from_quote (CrmContractsPage *self,
                  gint64            quote_id,
                  gboolean          allow_another);

static void
on_another_response_cb (GtkDialog *dialog,
                        int        response,
                        MakeFrom  *make)
{
  if (response == GTK_RESPONSE_ACCEPT)
    start_from_quote (make->self, make->quote_id, TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  make_from_free (make);
}

/* A quote that has a contract already: one more only if the user says so. */
static void
ask_for_another (CrmContractsPage *self,
                 gint64            quote_id)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              _("This quote already has a contract"));
  MakeFrom *make = g_new0 (MakeFrom, 1);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Make another contract from the same quote?"));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Make Another"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  make->self = g_object_ref (self);
  make->quote_id = quote_id;
  g_signal_connect (dialog, "response", G_CALLBACK (on_another_response_cb), make);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_from_quote (CrmContractsPage *self,
                  gint64            quote_id,
                  gboolean          allow_another)
{
  g_autoptr(GError) error = NULL;
  CrmContractWindow *window = new_window (self);

  if (!crm_contract_window_start_from_quote (window, quote_id, allow_another, &error))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS))
        ask_for_another (self, quote_id);
      else
        show_message (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* Export --------------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmContractsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (!crm_contract_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      update_count (self);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contract exported.",
                                                            "%u contracts exported.", (gulong) n_rows),
                                               (guint) n_rows);

      show_message (self, NULL);
      gtk_label_set_label (self->count_label, text);
    }
  g_clear_object (&self->export_cancellable);
  update_actions (self);
}

static void
on_export_file_cb (GtkNativeDialog  *chooser,
                   int               response,
                   CrmContractsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      update_actions (self);
      crm_contract_export_async (self->store, self->session, crm_contract_list_get_filter (self->list),
                                 CRM_EXPORT_FORMAT_XLSX, file, self->export_cancellable, on_export_done_cb,
                                 g_object_ref (self));
    }
  g_object_unref (chooser);
}

/* The list as filtered and sorted, as a spreadsheet. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmContractsPage *self = CRM_CONTRACTS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* TRANSLATORS: the file name offered for an exported contract list. */
  name = g_strdup_printf ("%s-%s.xlsx", _("contract-list"), day);
  chooser = gtk_file_chooser_native_new (_("Export the Contract List to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject ------------------------------------------------------------------------- */

static GListModel *
status_choices (void)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("All statuses"));
  for (int status = 0; status < CRM_CONTRACT_N_STATUSES; status++)
    gtk_string_list_append (choices, crm_contract_status_label ((CrmContractStatus) status));
  return G_LIST_MODEL (choices);
}

static void
crm_contracts_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (crm_contracts_page_parent_class)->map (widget);
  crm_contracts_page_reload (CRM_CONTRACTS_PAGE (widget));
}

static void
disconnect_window (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  g_object_weak_unref (value, on_window_destroyed_cb, user_data);
}

static void
crm_contracts_page_dispose (GObject *object)
{
  CrmContractsPage *self = CRM_CONTRACTS_PAGE (object);
  GtkWidget *child;

  if (self->windows != NULL)
    {
      g_hash_table_foreach (self->windows, disconnect_window, self);
      g_clear_pointer (&self->windows, g_hash_table_unref);
    }
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTRACTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_contracts_page_parent_class)->dispose (object);
}

static void
crm_contracts_page_class_init (CrmContractsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_contracts_page_dispose;
  widget_class->map = crm_contracts_page_map;

  /* The column factories look the row type up by name. */
  g_type_ensure (CRM_TYPE_CONTRACT_LIST_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-contracts-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, descending_button);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CrmContractsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_install_action (widget_class, "contracts.new", NULL, new_contract_activated);
  gtk_widget_class_install_action (widget_class, "contracts.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "contracts.export", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "contracts.new", NULL);
}

static void
crm_contracts_page_init (CrmContractsPage *self)
{
  g_autoptr(GListModel) statuses = status_choices ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->status_dropdown, statuses);
  self->windows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

GtkWidget *
crm_contracts_page_new (CrmStore   *store,
                        CrmSession *session)
{
  CrmContractsPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CONTRACTS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->list = crm_contract_list_new (store, session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  /* Users who may not export are not offered it. */
  gtk_widget_set_visible (self->export_button, crm_session_may (session, CRM_PERMISSION_EXPORT));
  on_filter_changed_cb (self);
  update_actions (self);
  return GTK_WIDGET (self);
}

/* Re-reads the list after a change made elsewhere (and when shown). */
void
crm_contracts_page_reload (CrmContractsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_CONTRACTS_PAGE (self));

  if (!crm_contract_list_reload (self->list, &error))
    {
      show_message (self, error->message);
      return;
    }
  update_count (self);
}

void
crm_contracts_page_open_record (GtkWidget *page,
                                gint64     contract_id)
{
  g_return_if_fail (CRM_IS_CONTRACTS_PAGE (page));
  g_return_if_fail (contract_id > 0);

  open_contract (CRM_CONTRACTS_PAGE (page), contract_id);
}

void
crm_contracts_page_make_from (GtkWidget  *page,
                              const char *source_kind,
                              gint64      source_id)
{
  CrmContractsPage *self = CRM_CONTRACTS_PAGE (page);

  g_return_if_fail (CRM_IS_CONTRACTS_PAGE (page));
  g_return_if_fail (source_kind != NULL);

  if (g_strcmp0 (source_kind, "quote") != 0)
    {
      show_message (self, _("Contracts are made from accepted quotes only."));
      return;
    }
  start_from_quote (self, source_id, FALSE);
}
