/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contract-document.h"
#include "crm-contract-editor.h"
#include "crm-contract-window.h"
#include "crm-customer-picker.h"
#include "crm-error.h"
#include "crm-money.h"
#include "crm-print.h"
#include "crm-validate.h"

/* A contract's window over a CrmContractEditor: every text the user types
 * goes to the editor when the entry is left (or on Enter), and everything
 * shown — texts, errors, totals, what may be done — is read back from the
 * editor whenever it notifies.  Lines and instalments are editable column
 * views over the editor's list models: Tab goes from cell to cell, Enter
 * to the next cell and, from the last one, adds a line (an instalment). */

/* What a column of the lines or the schedule holds. */
typedef enum
{
  KIND_LINE_ENTRY,
  KIND_LINE_AMOUNT,
  KIND_LINE_REMOVE,
  KIND_INSTALMENT_ENTRY,
  KIND_INSTALMENT_PAID,
  KIND_INSTALMENT_REMOVE,
} CellKind;

typedef struct
{
  CellKind    kind;
  guint       cell;       /* CrmQuoteCell or CrmContractInstalmentCell */
  const char *property;   /* the item's text property */
  const char *title;
  int         width;
  gboolean    expand;
  gboolean    numeric;
  gboolean    last;       /* Enter here adds a row */
} CellSpec;

static const CellSpec line_columns[] = {
  { KIND_LINE_ENTRY, CRM_QUOTE_CELL_DESCRIPTION, "description", N_("Description"), 220, TRUE, FALSE, FALSE },
  { KIND_LINE_ENTRY, CRM_QUOTE_CELL_UNIT, "unit", N_("Unit"), 70, FALSE, FALSE, FALSE },
  { KIND_LINE_ENTRY, CRM_QUOTE_CELL_QUANTITY, "quantity", N_("Quantity"), 80, FALSE, TRUE, FALSE },
  { KIND_LINE_ENTRY, CRM_QUOTE_CELL_UNIT_PRICE, "unit-price", N_("Unit price"), 120, FALSE, TRUE, FALSE },
  { KIND_LINE_ENTRY, CRM_QUOTE_CELL_DISCOUNT, "discount", N_("Discount"), 80, FALSE, TRUE, FALSE },
  { KIND_LINE_ENTRY, CRM_QUOTE_CELL_VAT_RATE, "vat-rate", N_("VAT"), 70, FALSE, TRUE, TRUE },
  { KIND_LINE_AMOUNT, CRM_QUOTE_CELL_AMOUNT, "amount-text", N_("Amount"), 120, FALSE, TRUE, FALSE },
  { KIND_LINE_REMOVE, 0, NULL, NULL, 40, FALSE, FALSE, FALSE },
};

static const CellSpec instalment_columns[] = {
  { KIND_INSTALMENT_ENTRY, CRM_CONTRACT_INSTALMENT_CELL_DUE_ON, "due-on", N_("Due on"), 110, FALSE, FALSE, FALSE },
  { KIND_INSTALMENT_ENTRY, CRM_CONTRACT_INSTALMENT_CELL_AMOUNT, "amount", N_("Amount"), 130, FALSE, TRUE, FALSE },
  { KIND_INSTALMENT_PAID, 0, "paid", N_("Paid"), 70, FALSE, FALSE, FALSE },
  { KIND_INSTALMENT_ENTRY, CRM_CONTRACT_INSTALMENT_CELL_PAID_ON, "paid-on", N_("Paid on"), 110, FALSE, FALSE, FALSE },
  { KIND_INSTALMENT_ENTRY, CRM_CONTRACT_INSTALMENT_CELL_NOTE, "note", N_("Note"), 220, TRUE, FALSE, TRUE },
  { KIND_INSTALMENT_REMOVE, 0, NULL, NULL, 40, FALSE, FALSE, FALSE },
};

struct _CrmContractWindow
{
  GtkWindow           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  CrmContractEditor  *editor;
  GtkWidget          *customer_picker;    /* a new contract's customer; hidden once chosen */
  GPtrArray          *revisions;          /* CrmContractRevision, v1 first */
  GtkNoSelection     *lines_selection;
  GtkNoSelection     *instalments_selection;
  GObject            *focus_item;         /* whose first cell gets the focus once it has a row */
  guint               focus_source;
  gboolean            started;            /* a contract is loaded or begun */
  gboolean            syncing;            /* entries are being set from the editor */
  gboolean            read_only_shown;
  gboolean            closing;
  gint64              saved_id;           /* the id "saved" was last emitted for */

  /* template */
  GtkLabel           *message_label;
  GtkLabel           *locked_label;
  GtkWidget          *form_box;
  GtkLabel           *code_label;
  GtkLabel           *status_label;
  GtkBox             *customer_box;
  GtkLabel           *customer_label;
  GtkButton          *quote_button;
  GtkWidget          *fields_grid;
  GtkEntry           *title_entry;
  GtkEntry           *customer_rep_entry;
  GtkEntry           *customer_rep_title_entry;
  GtkEntry           *company_rep_entry;
  GtkEntry           *company_rep_title_entry;
  GtkEntry           *signed_on_entry;
  GtkEntry           *starts_on_entry;
  GtkEntry           *ends_on_entry;
  GtkEntry           *payment_terms_entry;
  GtkTextView        *terms_view;
  GtkLabel           *title_error;
  GtkLabel           *customer_rep_error;
  GtkLabel           *customer_rep_title_error;
  GtkLabel           *company_rep_error;
  GtkLabel           *company_rep_title_error;
  GtkLabel           *signed_on_error;
  GtkLabel           *starts_on_error;
  GtkLabel           *ends_on_error;
  GtkLabel           *payment_terms_error;
  GtkLabel           *terms_error;
  GtkColumnView      *lines_view;
  GtkColumnView      *instalments_view;
  GtkLabel           *words_label;
  GtkLabel           *subtotal_label;
  GtkLabel           *discount_label;
  GtkLabel           *vat_label;
  GtkLabel           *value_label;
  GtkLabel           *schedule_label;
  GtkLabel           *schedule_error_label;
  GtkListBox         *revisions_list;
  GtkDropDown        *from_dropdown;
  GtkDropDown        *to_dropdown;
  GtkBox             *diff_box;
};

G_DEFINE_FINAL_TYPE (CrmContractWindow, crm_contract_window, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark first_entry_quark;

static void refresh (CrmContractWindow *self);
static void refresh_revisions (CrmContractWindow *self);

/* Small helpers -------------------------------------------------------------------------- */

static void
show_message (CrmContractWindow *self,
              const char        *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

/* A refusal of an explicit action, in the window and in a dialog. */
static void
tell_failure (CrmContractWindow *self,
              const char        *primary,
              const GError      *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  const char *secondary = error->message;

  if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT))
    secondary = _("Someone saved this contract in another window since you opened it. Close this window "
                  "without saving and open the contract again to see their changes.");
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  show_message (self, secondary);
}

static void
set_entry_text (CrmContractWindow *self,
                GtkEditable       *entry,
                const char        *text)
{
  gboolean syncing = self->syncing;

  if (g_strcmp0 (gtk_editable_get_text (entry), text ? text : "") == 0)
    return;
  self->syncing = TRUE;
  gtk_editable_set_text (entry, text ? text : "");
  self->syncing = syncing;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
mark_error (GtkWidget  *widget,
            const char *error)
{
  if (error != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, error);
}

static void
set_money (GtkLabel *label,
           gint64    amount)
{
  g_autofree char *text = crm_money_format (amount);

  gtk_label_set_label (label, text);
}

static gint64
editor_int64 (CrmContractWindow *self,
              const char        *property)
{
  gint64 value = 0;

  g_object_get (self->editor, property, &value, NULL);
  return value;
}

static gboolean
editor_boolean (CrmContractWindow *self,
                const char        *property)
{
  gboolean value = FALSE;

  g_object_get (self->editor, property, &value, NULL);
  return value;
}

/* Takes the focus away, so the entry being typed in hands its text to the
 * editor; returns the widget to give it back to. */
static GtkWidget *
blur (CrmContractWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return NULL;
  g_object_ref (focus);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  return focus;
}

static void
restore_focus (CrmContractWindow *self,
               GtkWidget         *focus)
{
  if (focus == NULL)
    return;
  if (gtk_widget_get_root (focus) == GTK_ROOT (self) && gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
  g_object_unref (focus);
}

static gint
item_position (GListModel *model,
               gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return (gint) i;
    }
  return -1;
}

/* Header fields ------------------------------------------------------------------------- */

static GtkWidget *
field_widget (CrmContractWindow      *self,
              CrmContractEditorField  field)
{
  GtkWidget *widgets[CRM_CONTRACT_EDITOR_N_FIELDS] = {
    GTK_WIDGET (self->title_entry), GTK_WIDGET (self->customer_rep_entry),
    GTK_WIDGET (self->customer_rep_title_entry), GTK_WIDGET (self->company_rep_entry),
    GTK_WIDGET (self->company_rep_title_entry), GTK_WIDGET (self->signed_on_entry),
    GTK_WIDGET (self->starts_on_entry), GTK_WIDGET (self->ends_on_entry),
    GTK_WIDGET (self->payment_terms_entry), GTK_WIDGET (self->terms_view),
  };

  return widgets[field];
}

static GtkLabel *
field_error_label (CrmContractWindow      *self,
                   CrmContractEditorField  field)
{
  GtkLabel *labels[CRM_CONTRACT_EDITOR_N_FIELDS] = {
    self->title_error, self->customer_rep_error, self->customer_rep_title_error, self->company_rep_error,
    self->company_rep_title_error, self->signed_on_error, self->starts_on_error, self->ends_on_error,
    self->payment_terms_error, self->terms_error,
  };

  return labels[field];
}

static char *
terms_text (CrmContractWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->terms_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
commit_field (CrmContractWindow      *self,
              CrmContractEditorField  field)
{
  GtkWidget *widget = field_widget (self, field);
  g_autofree char *text = NULL;
  const char *current;

  if (self->syncing || !self->started || crm_contract_editor_get_read_only (self->editor))
    return;
  text = GTK_IS_TEXT_VIEW (widget) ? terms_text (self) : g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  current = crm_contract_editor_get_field (self->editor, field);
  if (g_strcmp0 (text, current ? current : "") == 0)
    return;
  crm_contract_editor_set_field (self->editor, field, text, NULL);
  refresh (self);
}

static void
on_field_activated_cb (GtkEntry          *entry,
                       CrmContractWindow *self)
{
  commit_field (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "field")));
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* As for cells: text set without the focus is taken at once. */
static void
on_field_changed_cb (GtkEditable       *entry,
                     CrmContractWindow *self)
{
  if (!self->syncing && !has_focus_within (GTK_WIDGET (entry)))
    commit_field (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "field")));
}

static void
on_field_focus_left_cb (GtkEventControllerFocus *controller,
                        CrmContractWindow       *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_field (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "field")));
}

static void
refresh_fields (CrmContractWindow *self)
{
  gboolean read_only = crm_contract_editor_get_read_only (self->editor);

  for (guint field = 0; field < CRM_CONTRACT_EDITOR_N_FIELDS; field++)
    {
      GtkWidget *widget = field_widget (self, field);
      GtkLabel *label = field_error_label (self, field);
      const char *text = crm_contract_editor_get_field (self->editor, field);
      const char *error = crm_contract_editor_get_field_error (self->editor, field);

      if (!has_focus_within (widget))
        {
          if (GTK_IS_TEXT_VIEW (widget))
            {
              g_autofree char *shown = terms_text (self);

              if (g_strcmp0 (shown, text ? text : "") != 0)
                gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->terms_view), text ? text : "", -1);
            }
          else
            set_entry_text (self, GTK_EDITABLE (widget), text);
        }
      if (GTK_IS_TEXT_VIEW (widget))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), !read_only);
      else
        gtk_editable_set_editable (GTK_EDITABLE (widget), !read_only);
      mark_error (widget, error);
      gtk_label_set_label (label, error ? error : "");
      gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
    }
}

static void
connect_fields (CrmContractWindow *self)
{
  for (guint field = 0; field < CRM_CONTRACT_EDITOR_N_FIELDS; field++)
    {
      GtkWidget *widget = field_widget (self, field);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_object_set_data (G_OBJECT (widget), "field", GUINT_TO_POINTER (field));
      if (GTK_IS_ENTRY (widget))
        {
          g_signal_connect (widget, "activate", G_CALLBACK (on_field_activated_cb), self);
          g_signal_connect (widget, "changed", G_CALLBACK (on_field_changed_cb), self);
        }
      g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_left_cb), self);
      gtk_widget_add_controller (widget, focus);
    }
}

/* State, totals, actions ------------------------------------------------------------------ */

static const char *
locked_text (CrmContractStatus status)
{
  switch (status)
    {
    case CRM_CONTRACT_STATUS_COMPLETED:
      return _("This contract is completed: it can no longer be changed. Payments may still be recorded.");
    case CRM_CONTRACT_STATUS_CANCELLED:
      return _("This contract is cancelled: it can no longer be changed.");
    case CRM_CONTRACT_STATUS_EXPIRED:
      return _("This contract has expired: it can no longer be changed. Payments may still be recorded.");
    case CRM_CONTRACT_STATUS_DRAFT:
    case CRM_CONTRACT_STATUS_ACTIVE:
    default:
      return _("This contract can no longer be changed.");
    }
}

static void
refresh_state (CrmContractWindow *self)
{
  const CrmContract *contract = crm_contract_editor_get_contract (self->editor);
  gboolean saved = crm_contract_editor_get_id (self->editor) > 0;
  gint64 quote_id = self->started ? editor_int64 (self, "quote-id") : 0;
  g_autofree char *customer_name = NULL;
  g_autofree char *quote_code = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;

  if (self->started)
    g_object_get (self->editor, "customer-name", &customer_name, "quote-code", &quote_code, NULL);
  if (saved)
    {
      /* TRANSLATORS: a contract's code and the number of its version */
      heading = g_strdup_printf (_("%s · version %d"), contract->code, crm_contract_editor_get_revision (self->editor));
      /* TRANSLATORS: the window title of a contract: its code */
      title = g_strdup_printf (_("Contract %s"), contract->code);
    }
  else
    {
      heading = g_strdup (_("New contract, not saved yet"));
      title = g_strdup (_("New Contract"));
    }
  if (crm_contract_editor_get_dirty (self->editor))
    {
      char *marked = g_strconcat ("• ", title, NULL);

      g_free (title);
      title = marked;
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->code_label, heading);
  gtk_label_set_label (self->status_label, crm_contract_status_label (crm_contract_editor_get_status (self->editor)));
  gtk_label_set_label (self->customer_label, customer_name ? customer_name : "");
  gtk_button_set_label (self->quote_button, quote_id > 0 && quote_code != NULL ? quote_code : _("None"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->quote_button), quote_id > 0);
  gtk_label_set_label (self->locked_label, locked_text (crm_contract_editor_get_status (self->editor)));
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), self->started &&
                          crm_contract_editor_get_read_only (self->editor));
  show_message (self, crm_contract_editor_get_message (self->editor));
}

static void
refresh_totals (CrmContractWindow *self)
{
  const CrmQuoteTotals *totals = crm_contract_editor_get_totals (self->editor);
  const char *schedule_error = crm_contract_editor_get_schedule_error (self->editor);
  gint64 scheduled = crm_contract_editor_get_instalments_total (self->editor);
  g_autofree char *scheduled_text = crm_money_format (scheduled);
  g_autofree char *value_text = crm_money_format (totals->grand_total);
  g_autofree char *schedule = NULL;

  set_money (self->subtotal_label, totals->subtotal);
  set_money (self->discount_label, totals->discount_total);
  set_money (self->vat_label, totals->vat_total);
  set_money (self->value_label, totals->grand_total);
  gtk_label_set_label (self->words_label, crm_contract_editor_get_amount_in_words (self->editor));
  if (scheduled == totals->grand_total)
    /* TRANSLATORS: the sum of the instalments, equal to the contract's value */
    schedule = g_strdup_printf (_("Scheduled: %s, the whole contract value"), scheduled_text);
  else
    /* TRANSLATORS: the sum of the instalments and the contract's value */
    schedule = g_strdup_printf (_("Scheduled: %s of the contract value %s"), scheduled_text, value_text);
  gtk_label_set_label (self->schedule_label, schedule);
  gtk_label_set_label (self->schedule_error_label, schedule_error ? schedule_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_error_label), schedule_error != NULL);
}

static void
refresh_actions (CrmContractWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CrmContractStatus status = crm_contract_editor_get_status (self->editor);
  gboolean started = self->started;
  gboolean read_only = !started || crm_contract_editor_get_read_only (self->editor);
  gboolean saved = crm_contract_editor_get_id (self->editor) > 0;
  gboolean clean = saved && !crm_contract_editor_get_dirty (self->editor);

  gtk_widget_action_set_enabled (widget, "contract.save", started && crm_contract_editor_get_can_save (self->editor));
  gtk_widget_action_set_enabled (widget, "contract.undo", started && crm_contract_editor_get_can_undo (self->editor));
  gtk_widget_action_set_enabled (widget, "contract.redo", started && crm_contract_editor_get_can_redo (self->editor));
  gtk_widget_action_set_enabled (widget, "contract.activate",
                                 started && crm_contract_editor_get_can_activate (self->editor));
  gtk_widget_action_set_enabled (widget, "contract.complete", started && saved &&
                                 editor_boolean (self, "can-complete"));
  gtk_widget_action_set_enabled (widget, "contract.cancel", started && saved && editor_boolean (self, "can-cancel"));
  gtk_widget_action_set_enabled (widget, "contract.make-order", clean && status == CRM_CONTRACT_STATUS_ACTIVE);
  gtk_widget_action_set_enabled (widget, "contract.print", clean);
  gtk_widget_action_set_enabled (widget, "contract.pdf", clean);
  gtk_widget_action_set_enabled (widget, "contract.add-line", !read_only);
  /* Instalments of a locked contract are still marked paid, not added. */
  gtk_widget_action_set_enabled (widget, "contract.add-instalment", !read_only);
  gtk_widget_action_set_enabled (widget, "contract.open-quote", started && editor_int64 (self, "quote-id") > 0);
  gtk_widget_action_set_enabled (widget, "contract.compare", self->revisions != NULL && self->revisions->len > 0);
  gtk_widget_set_sensitive (self->fields_grid, started);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lines_view), started);
  gtk_widget_set_sensitive (GTK_WIDGET (self->instalments_view), started);
}

/* The cells follow the read-only state when they are bound: bind again. */
static void
rebind_views (CrmContractWindow *self)
{
  gtk_column_view_set_model (self->lines_view, NULL);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->lines_selection));
  gtk_column_view_set_model (self->instalments_view, NULL);
  gtk_column_view_set_model (self->instalments_view, GTK_SELECTION_MODEL (self->instalments_selection));
  self->read_only_shown = crm_contract_editor_get_read_only (self->editor);
}

static void
refresh (CrmContractWindow *self)
{
  if (self->editor == NULL)
    return;
  refresh_state (self);
  refresh_fields (self);
  refresh_totals (self);
  refresh_actions (self);
  if (self->read_only_shown != crm_contract_editor_get_read_only (self->editor))
    rebind_views (self);
}

static void
on_editor_notify_cb (CrmContractWindow *self)
{
  refresh (self);
}

/* Cells of the lines and the schedule ---------------------------------------------------- */

static const char *
cell_text (const CellSpec *spec,
           gpointer        item)
{
  if (spec->kind == KIND_LINE_ENTRY || spec->kind == KIND_LINE_AMOUNT)
    return crm_contract_line_item_get_text (item, spec->cell);
  return crm_contract_instalment_item_get_text (item, spec->cell);
}

static const char *
cell_error (const CellSpec *spec,
            gpointer        item)
{
  if (spec->kind == KIND_LINE_ENTRY || spec->kind == KIND_LINE_AMOUNT)
    return crm_contract_line_item_get_error (item, spec->cell);
  return crm_contract_instalment_item_get_error (item, spec->cell);
}

static gboolean
is_line_kind (CellKind kind)
{
  return kind == KIND_LINE_ENTRY || kind == KIND_LINE_AMOUNT || kind == KIND_LINE_REMOVE;
}

static GListModel *
model_of (CrmContractWindow *self,
          const CellSpec    *spec)
{
  return is_line_kind (spec->kind) ? crm_contract_editor_get_lines (self->editor)
                                   : crm_contract_editor_get_instalments (self->editor);
}

/* "Description, line 2", "Amount, instalment 1". */
static char *
cell_name (const CellSpec *spec,
           guint           position)
{
  const char *title = spec->title != NULL ? _(spec->title) : "";

  if (spec->kind == KIND_LINE_REMOVE)
    return g_strdup_printf (_("Remove line %u"), position + 1);
  if (spec->kind == KIND_INSTALMENT_REMOVE)
    return g_strdup_printf (_("Remove instalment %u"), position + 1);
  if (is_line_kind (spec->kind))
    /* TRANSLATORS: the accessible name of a cell: its column and line number */
    return g_strdup_printf (_("%s, line %u"), title, position + 1);
  /* TRANSLATORS: the accessible name of a cell: its column and instalment number */
  return g_strdup_printf (_("%s, instalment %u"), title, position + 1);
}

static void
commit_cell (CrmContractWindow *self,
             GtkEntry          *entry)
{
  const CellSpec *spec = g_object_get_data (G_OBJECT (entry), "spec");
  gpointer item = g_object_get_data (G_OBJECT (entry), "item");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *current;

  if (item == NULL || self->syncing || crm_contract_editor_get_read_only (self->editor))
    return;
  current = cell_text (spec, item);
  if (g_strcmp0 (text, current ? current : "") == 0)
    return;
  if (spec->kind == KIND_LINE_ENTRY)
    crm_contract_line_item_set_text (item, spec->cell, text, NULL);
  else
    crm_contract_instalment_item_set_text (item, spec->cell, text, NULL);
  set_entry_text (self, GTK_EDITABLE (entry), cell_text (spec, item));
}

static gboolean
on_focus_row_idle_cb (gpointer user_data)
{
  CrmContractWindow *self = user_data;
  GtkWidget *entry = self->focus_item != NULL ? g_object_get_qdata (self->focus_item, first_entry_quark) : NULL;

  self->focus_source = 0;
  if (entry != NULL)
    gtk_widget_grab_focus (entry);
  g_clear_object (&self->focus_item);
  return G_SOURCE_REMOVE;
}

/* Gives the first cell of row @position of @model the focus once the row
 * exists. */
static void
focus_row (CrmContractWindow *self,
           GListModel        *model,
           gint               position)
{
  if (position < 0)
    return;
  g_clear_object (&self->focus_item);
  self->focus_item = g_list_model_get_item (model, (guint) position);
  if (self->focus_source == 0)
    self->focus_source = g_idle_add_full (G_PRIORITY_LOW, on_focus_row_idle_cb, self, NULL);
}

static void
add_line_after (CrmContractWindow *self,
                gint               position)
{
  g_autoptr(GError) error = NULL;
  gint added = crm_contract_editor_add_line_after (self->editor, position, &error);

  if (added < 0)
    show_message (self, error ? error->message : NULL);
  else
    focus_row (self, crm_contract_editor_get_lines (self->editor), added);
}

static void
add_instalment (CrmContractWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint added = crm_contract_editor_add_instalment (self->editor, &error);

  if (added < 0)
    show_message (self, error ? error->message : NULL);
  else
    focus_row (self, crm_contract_editor_get_instalments (self->editor), added);
}

/* Enter: the next cell, or a new row after the last cell of this one. */
static void
on_cell_activated_cb (GtkEntry          *entry,
                      CrmContractWindow *self)
{
  const CellSpec *spec = g_object_get_data (G_OBJECT (entry), "spec");
  gpointer item = g_object_get_data (G_OBJECT (entry), "item");

  commit_cell (self, entry);
  if (item == NULL)
    return;
  if (!spec->last || crm_contract_editor_get_read_only (self->editor))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
  else if (spec->kind == KIND_LINE_ENTRY)
    add_line_after (self, item_position (model_of (self, spec), item));
  else
    add_instalment (self);
}

/* Text set without the keyboard focus (by an assistive technology, say)
 * is taken at once: no focus will leave to hand it over. */
static void
on_cell_changed_cb (GtkEntry          *entry,
                    CrmContractWindow *self)
{
  if (!self->syncing && !has_focus_within (GTK_WIDGET (entry)))
    commit_cell (self, entry);
}

static void
on_cell_focus_left_cb (GtkEventControllerFocus *controller,
                       CrmContractWindow       *self)
{
  commit_cell (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
sync_cell (GtkWidget *widget)
{
  CrmContractWindow *self = g_object_get_data (G_OBJECT (widget), "window");
  const CellSpec *spec = g_object_get_data (G_OBJECT (widget), "spec");
  gpointer item = g_object_get_data (G_OBJECT (widget), "item");

  if (item == NULL || self == NULL)
    return;
  if (GTK_IS_LABEL (widget))
    gtk_label_set_label (GTK_LABEL (widget), cell_text (spec, item));
  else if (!has_focus_within (widget))
    set_entry_text (self, GTK_EDITABLE (widget), cell_text (spec, item));
  mark_error (widget, cell_error (spec, item));
}

static void
sync_paid (GtkSwitch *button)
{
  CrmContractWindow *self = g_object_get_data (G_OBJECT (button), "window");
  gpointer item = g_object_get_data (G_OBJECT (button), "item");
  gboolean syncing;

  if (item == NULL || self == NULL)
    return;
  syncing = self->syncing;
  self->syncing = TRUE;
  gtk_switch_set_active (button, crm_contract_instalment_item_get_paid (item));
  self->syncing = syncing;
}

static void
on_paid_switched_cb (GtkSwitch         *button,
                     GParamSpec        *pspec,
                     CrmContractWindow *self)
{
  gpointer item = g_object_get_data (G_OBJECT (button), "item");
  g_autoptr(GError) error = NULL;

  if (item == NULL || self->syncing)
    return;
  if (!crm_contract_instalment_item_set_paid (item, gtk_switch_get_active (button), &error))
    {
      show_message (self, error->message);
      sync_paid (button);
    }
}

static void
on_remove_clicked_cb (GtkButton         *button,
                      CrmContractWindow *self)
{
  const CellSpec *spec = g_object_get_data (G_OBJECT (button), "spec");
  gpointer item = g_object_get_data (G_OBJECT (button), "item");
  gint position = item != NULL ? item_position (model_of (self, spec), item) : -1;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  if (position < 0)
    return;
  if (spec->kind == KIND_LINE_REMOVE)
    removed = crm_contract_editor_remove_line (self->editor, (guint) position, &error);
  else
    removed = crm_contract_editor_remove_instalment (self->editor, (guint) position, &error);
  if (!removed)
    show_message (self, error->message);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  const CellSpec           *spec)
{
  CrmContractWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  GtkWidget *widget;

  switch (spec->kind)
    {
    case KIND_LINE_ENTRY:
    case KIND_INSTALMENT_ENTRY:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        widget = gtk_entry_new ();
        gtk_entry_set_has_frame (GTK_ENTRY (widget), FALSE);
        if (spec->numeric)
          {
            gtk_entry_set_alignment (GTK_ENTRY (widget), 1.0);
            gtk_widget_add_css_class (widget, "numeric");
          }
        if (spec->kind == KIND_INSTALMENT_ENTRY && spec->cell != CRM_CONTRACT_INSTALMENT_CELL_AMOUNT &&
            spec->cell != CRM_CONTRACT_INSTALMENT_CELL_NOTE)
          gtk_entry_set_placeholder_text (GTK_ENTRY (widget), _("dd/mm/yyyy"));
        g_signal_connect (widget, "activate", G_CALLBACK (on_cell_activated_cb), self);
        g_signal_connect (widget, "changed", G_CALLBACK (on_cell_changed_cb), self);
        g_signal_connect (focus, "leave", G_CALLBACK (on_cell_focus_left_cb), self);
        gtk_widget_add_controller (widget, focus);
        break;
      }
    case KIND_LINE_AMOUNT:
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 1.0);
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (widget, 6);
      gtk_widget_set_margin_end (widget, 6);
      gtk_widget_add_css_class (widget, "numeric");
      break;
    case KIND_INSTALMENT_PAID:
      widget = gtk_switch_new ();
      gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      g_signal_connect (widget, "notify::active", G_CALLBACK (on_paid_switched_cb), self);
      break;
    case KIND_LINE_REMOVE:
    case KIND_INSTALMENT_REMOVE:
    default:
      widget = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_add_css_class (widget, "flat");
      gtk_widget_set_tooltip_text (widget, spec->kind == KIND_LINE_REMOVE ? _("Remove this line")
                                                                          : _("Remove this instalment"));
      g_signal_connect (widget, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
      break;
    }
  g_object_set_data (G_OBJECT (widget), "spec", (gpointer) spec);
  g_object_set_data (G_OBJECT (widget), "window", self);
  gtk_list_item_set_child (list_item, widget);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 const CellSpec           *spec)
{
  CrmContractWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *widget = gtk_list_item_get_child (list_item);
  gboolean read_only = crm_contract_editor_get_read_only (self->editor);
  g_autofree char *name = cell_name (spec, gtk_list_item_get_position (list_item));

  g_object_set_data (G_OBJECT (widget), "item", item);
  /* An amount is read as itself; what it is, is its description. */
  if (GTK_IS_LABEL (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (spec->kind == KIND_LINE_REMOVE || spec->kind == KIND_INSTALMENT_REMOVE)
    {
      gtk_widget_set_sensitive (widget, !read_only);
      return;
    }
  if (spec->kind == KIND_INSTALMENT_PAID)
    {
      g_signal_connect_swapped (item, "notify::paid", G_CALLBACK (sync_paid), widget);
      /* Payments come in on locked contracts too; the store says when not. */
      gtk_widget_set_sensitive (widget, crm_contract_editor_get_status (self->editor) != CRM_CONTRACT_STATUS_CANCELLED);
      sync_paid (GTK_SWITCH (widget));
      return;
    }
  {
    g_autofree char *notify_text = g_strdup_printf ("notify::%s", spec->property);
    g_autofree char *notify_error = g_strdup_printf ("notify::%s-error",
                                                     spec->kind == KIND_LINE_AMOUNT ? "amount" : spec->property);

    g_signal_connect_swapped (item, notify_text, G_CALLBACK (sync_cell), widget);
    g_signal_connect_swapped (item, notify_error, G_CALLBACK (sync_cell), widget);
  }
  if (GTK_IS_ENTRY (widget))
    {
      gboolean editable = !read_only || (spec->kind == KIND_INSTALMENT_ENTRY &&
                                         spec->cell == CRM_CONTRACT_INSTALMENT_CELL_PAID_ON &&
                                         crm_contract_editor_get_status (self->editor) != CRM_CONTRACT_STATUS_CANCELLED);

      if (spec == &line_columns[0] || spec == &instalment_columns[0])
        g_object_set_qdata (item, first_entry_quark, widget);
      gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
      set_entry_text (self, GTK_EDITABLE (widget), "");
    }
  sync_cell (widget);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   const CellSpec           *spec)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *widget = gtk_list_item_get_child (list_item);

  g_signal_handlers_disconnect_by_data (item, widget);
  if (g_object_get_qdata (item, first_entry_quark) == widget)
    g_object_set_qdata (item, first_entry_quark, NULL);
  g_object_set_data (G_OBJECT (widget), "item", NULL);
}

static void
add_columns (CrmContractWindow *self,
             GtkColumnView     *view,
             const CellSpec    *specs,
             guint              n_specs)
{
  for (guint i = 0; i < n_specs; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "window", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), (gpointer) &specs[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), (gpointer) &specs[i]);
      if (specs[i].kind != KIND_LINE_REMOVE && specs[i].kind != KIND_INSTALMENT_REMOVE)
        g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), (gpointer) &specs[i]);
      column = gtk_column_view_column_new (specs[i].title != NULL ? _(specs[i].title) : "", factory);
      gtk_column_view_column_set_fixed_width (column, specs[i].width);
      gtk_column_view_column_set_expand (column, specs[i].expand);
      gtk_column_view_column_set_resizable (column, specs[i].title != NULL);
      gtk_column_view_append_column (view, column);
    }
}

/* Revisions ------------------------------------------------------------------------------- */

static char *
local_time (const char *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%d/%m/%Y %H:%M") : g_strdup (timestamp ? timestamp : "");
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "v1", "v2", …, then the contract as it stands. */
static GListModel *
revision_choices (CrmContractWindow *self)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->revisions->len; i++)
    {
      const CrmContractRevision *revision = g_ptr_array_index (self->revisions, i);
      g_autofree char *name = g_strdup_printf ("v%d", revision->revision);

      gtk_string_list_append (choices, name);
    }
  gtk_string_list_append (choices, _("As it stands"));
  return G_LIST_MODEL (choices);
}

static void
refresh_revisions (CrmContractWindow *self)
{
  g_autoptr(GListModel) from_choices = NULL;
  g_autoptr(GListModel) to_choices = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->revisions_list))))
    gtk_list_box_remove (self->revisions_list, child);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  if (self->started && crm_contract_editor_get_id (self->editor) > 0)
    self->revisions = crm_contract_editor_list_revisions (self->editor, NULL);
  if (self->revisions == NULL)
    self->revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contract_revision_free);
  n = self->revisions->len;
  for (guint i = 0; i < n; i++)
    {
      const CrmContractRevision *revision = g_ptr_array_index (self->revisions, i);
      g_autofree char *when = local_time (revision->created_at);
      g_autofree char *value = crm_money_format (revision->value);
      g_autofree char *text = g_strdup_printf ("v%d · %s · %s · %s", revision->revision,
                                               revision->created_by_name ? revision->created_by_name : "",
                                               when, value);
      GtkWidget *label = wrapped_label (text, NULL);

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_end (label, 8);
      gtk_list_box_append (self->revisions_list, label);
    }
  if (n == 0)
    gtk_list_box_append (self->revisions_list,
                         wrapped_label (_("No saved versions yet: the first is kept when the contract is signed."),
                                        "dim-label"));
  from_choices = revision_choices (self);
  to_choices = revision_choices (self);
  gtk_drop_down_set_model (self->from_dropdown, from_choices);
  gtk_drop_down_set_model (self->to_dropdown, to_choices);
  gtk_drop_down_set_selected (self->from_dropdown, n >= 2 ? n - 2 : 0);
  gtk_drop_down_set_selected (self->to_dropdown, n >= 2 ? n - 1 : n);
  if (self->editor != NULL)
    refresh_actions (self);
}

static gint
chosen_revision (CrmContractWindow *self,
                 GtkDropDown       *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < self->revisions->len)
    return ((CrmContractRevision *) g_ptr_array_index (self->revisions, selected))->revision;
  return 0;
}

static const CrmContract *
contract_of_revision (CrmContractWindow *self,
                      gint               number)
{
  for (guint i = 0; i < self->revisions->len; i++)
    {
      const CrmContractRevision *revision = g_ptr_array_index (self->revisions, i);

      if (revision->revision == number)
        return revision->contract;
    }
  return crm_contract_editor_get_contract (self->editor);
}

/* "Máy in laser — 2 cái × 3.500.000 ₫, −5 %, VAT 10 %" */
static char *
describe_line (const CrmQuoteLine *line)
{
  g_autofree char *quantity = crm_quote_format_quantity (line->quantity_milli);
  g_autofree char *price = crm_money_format (line->unit_price);
  g_autofree char *vat = crm_rate_format (line->vat_rate_bp);
  g_autofree char *discount = line->discount_bp != 0 ? crm_rate_format (line->discount_bp) : NULL;

  return g_strdup_printf ("%s — %s%s%s × %s%s%s, VAT %s", line->description ? line->description : "",
                          quantity, line->unit && *line->unit ? " " : "", line->unit ? line->unit : "",
                          price, discount ? ", −" : "", discount ? discount : "", vat);
}

static void
append_change (GString    *text,
               const char *label,
               char       *old_value,
               char       *new_value)
{
  g_string_append_printf (text, "\n    %s: %s → %s", label, old_value ? old_value : "—",
                          new_value ? new_value : "—");
  g_free (old_value);
  g_free (new_value);
}

/* What changed in a line, one field a row. */
static char *
describe_line_change (const CrmQuoteLineDiff *diff)
{
  const CrmQuoteLine *a = diff->old_line;
  const CrmQuoteLine *b = diff->new_line;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_printf (text, _("~ Line %u changed: %s"), diff->new_position, b->description ? b->description : "");
  if (diff->fields & (CRM_QUOTE_LINE_FIELD_DESCRIPTION | CRM_QUOTE_LINE_FIELD_PRODUCT))
    append_change (text, _("Description"), g_strdup (a->description), g_strdup (b->description));
  if (diff->fields & CRM_QUOTE_LINE_FIELD_QUANTITY)
    append_change (text, _("Quantity"), crm_quote_format_quantity (a->quantity_milli),
                   crm_quote_format_quantity (b->quantity_milli));
  if (diff->fields & CRM_QUOTE_LINE_FIELD_UNIT)
    append_change (text, _("Unit"), g_strdup (a->unit), g_strdup (b->unit));
  if (diff->fields & CRM_QUOTE_LINE_FIELD_UNIT_PRICE)
    append_change (text, _("Unit price"), crm_money_format (a->unit_price), crm_money_format (b->unit_price));
  if (diff->fields & CRM_QUOTE_LINE_FIELD_DISCOUNT)
    append_change (text, _("Discount"), crm_rate_format (a->discount_bp), crm_rate_format (b->discount_bp));
  if (diff->fields & CRM_QUOTE_LINE_FIELD_VAT_RATE)
    append_change (text, _("VAT"), crm_rate_format (a->vat_rate_bp), crm_rate_format (b->vat_rate_bp));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
compare_text (GString    *text,
              const char *label,
              const char *a,
              const char *b)
{
  if (g_strcmp0 (a, b) != 0)
    append_change (text, label, g_strdup (a), g_strdup (b));
}

static void
compare_day (GString    *text,
             const char *label,
             const char *a,
             const char *b)
{
  if (g_strcmp0 (a, b) != 0)
    append_change (text, label, crm_date_format (a), crm_date_format (b));
}

static void
show_header_changes (CrmContractWindow *self,
                     const CrmContract *a,
                     const CrmContract *b)
{
  g_autoptr(GString) text = g_string_new (_("~ Header changed:"));
  gsize bare = text->len;

  compare_text (text, _("Title"), a->title, b->title);
  compare_text (text, _("Customer's representative"), a->customer_rep, b->customer_rep);
  compare_text (text, _("Our representative"), a->company_rep, b->company_rep);
  compare_day (text, _("Signed on"), a->signed_on, b->signed_on);
  compare_day (text, _("Starts on"), a->starts_on, b->starts_on);
  compare_day (text, _("Ends on"), a->ends_on, b->ends_on);
  compare_text (text, _("Payment terms"), a->payment_terms, b->payment_terms);
  compare_text (text, _("Terms"), a->terms, b->terms);
  if (text->len > bare)
    gtk_box_append (self->diff_box, wrapped_label (text->str, "warning"));
}

static void
show_line_diff (CrmContractWindow      *self,
                const CrmQuoteLineDiff *diff)
{
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  const char *css_class = NULL;

  switch (diff->change)
    {
    case CRM_QUOTE_LINE_ADDED:
      line = describe_line (diff->new_line);
      text = g_strdup_printf (_("+ Line %u added: %s"), diff->new_position, line);
      css_class = "success";
      break;
    case CRM_QUOTE_LINE_REMOVED:
      line = describe_line (diff->old_line);
      text = g_strdup_printf (_("− Line %u removed: %s"), diff->old_position, line);
      css_class = "error";
      break;
    case CRM_QUOTE_LINE_CHANGED:
      text = describe_line_change (diff);
      css_class = "warning";
      break;
    case CRM_QUOTE_LINE_SAME:
    default:
      line = describe_line (diff->new_line);
      text = g_strdup_printf (_("  Line %u unchanged: %s"), diff->new_position, line);
      css_class = "dim-label";
      break;
    }
  gtk_box_append (self->diff_box, wrapped_label (text, css_class));
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);
  gint from = chosen_revision (self, self->from_dropdown);
  gint to = chosen_revision (self, self->to_dropdown);
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *child;
  guint changes = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->diff_box))))
    gtk_box_remove (self->diff_box, child);
  if (!(diffs = crm_contract_editor_diff_revisions (self->editor, from, to, &error)))
    {
      gtk_box_append (self->diff_box, wrapped_label (error->message, "error"));
      return;
    }
  for (guint i = 0; i < diffs->len; i++)
    if (((CrmQuoteLineDiff *) g_ptr_array_index (diffs, i))->change != CRM_QUOTE_LINE_SAME)
      changes++;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line differs", "%u lines differ", changes),
                             changes);
  gtk_box_append (self->diff_box, wrapped_label (heading, "heading"));
  show_header_changes (self, contract_of_revision (self, from), contract_of_revision (self, to));
  for (guint i = 0; i < diffs->len; i++)
    show_line_diff (self, g_ptr_array_index (diffs, i));
}

/* Store actions ----------------------------------------------------------------------------- */

static void
emit_saved (CrmContractWindow *self)
{
  self->saved_id = crm_contract_editor_get_id (self->editor);
  g_signal_emit (self, signals[SAVED], 0, self->saved_id);
}

typedef gboolean (*EditorAction) (CrmContractEditor *editor,
                                  GError           **error);

/* Runs a store action with what is being typed committed first; tells a
 * refusal, and everyone else a success. */
static gboolean
run_store_action (CrmContractWindow *self,
                  EditorAction       action,
                  const char        *failure)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *focus = blur (self);
  gboolean done = action (self->editor, &error);

  restore_focus (self, focus);
  if (!done)
    {
      tell_failure (self, failure, error);
      refresh (self);
      return FALSE;
    }
  emit_saved (self);
  refresh_revisions (self);
  refresh (self);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run_store_action (CRM_CONTRACT_WINDOW (widget), crm_contract_editor_save, _("The contract was not saved"));
}

static void
activate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_store_action (CRM_CONTRACT_WINDOW (widget), crm_contract_editor_activate,
                    _("The contract cannot be activated yet"));
}

static void
complete_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_store_action (CRM_CONTRACT_WINDOW (widget), crm_contract_editor_complete,
                    _("The contract cannot be completed"));
}

static void
on_cancel_response_cb (GtkDialog         *dialog,
                       int                response,
                       CrmContractWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    run_store_action (self, crm_contract_editor_cancel, _("The contract cannot be cancelled"));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);
  const CrmContract *contract = crm_contract_editor_get_contract (self->editor);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                              _("Cancel contract %s?"), contract->code ? contract->code : "");

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("A cancelled contract can no longer be changed or signed. "
                                              "The cancellation is recorded in the audit log."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Keep the Contract"), GTK_RESPONSE_CANCEL,
                          _("Cancel the _Contract"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);

  g_clear_object (&self->focus_item);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  crm_contract_editor_undo (self->editor, NULL);
  refresh (self);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  crm_contract_editor_redo (self->editor, NULL);
  refresh (self);
}

static void
add_line_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);
  guint n = g_list_model_get_n_items (crm_contract_editor_get_lines (self->editor));

  add_line_after (self, (gint) n - 1);
}

static void
add_instalment_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  add_instalment (CRM_CONTRACT_WINDOW (widget));
}

static GtkWidget *
main_window (CrmContractWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  return parent != NULL ? GTK_WIDGET (parent) : NULL;
}

static void
make_order_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);
  GtkWidget *parent = main_window (self);

  if (parent == NULL ||
      !gtk_widget_activate_action (parent, "win.make-record", "(ssx)", "orders", "contract",
                                   crm_contract_editor_get_id (self->editor)))
    show_message (self, _("Orders cannot be made from this window."));
}

static void
open_quote_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);
  GtkWidget *parent = main_window (self);

  if (parent != NULL)
    gtk_widget_activate_action (parent, "win.open-record", "(sx)", "quote", editor_int64 (self, "quote-id"));
}

static CrmDocumentLayout *
layout_for_printing (CrmContractWindow *self)
{
  g_autoptr(GError) error = NULL;
  CrmDocumentLayout *layout = crm_document_layout_new_for_contract (self->store, self->session,
                                                                    crm_contract_editor_get_id (self->editor),
                                                                    0, &error);

  if (layout == NULL)
    tell_failure (self, _("The contract cannot be printed"), error);
  return layout;
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);
  CrmDocumentLayout *layout = layout_for_printing (self);

  if (layout != NULL)
    crm_print_document (GTK_WINDOW (self), layout);
}

static void
pdf_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (widget);
  CrmDocumentLayout *layout = layout_for_printing (self);
  g_autofree char *name = NULL;

  if (layout == NULL)
    return;
  name = g_strdup_printf ("%s.pdf", crm_contract_editor_get_contract (self->editor)->code);
  crm_save_document_pdf (GTK_WINDOW (self), layout, name);
}

/* A new contract's customer ----------------------------------------------------------------- */

static void
begin (CrmContractWindow *self)
{
  self->started = TRUE;
  /* The picker is still finishing its choice: hidden, not destroyed. */
  if (self->customer_picker != NULL)
    {
      gtk_widget_set_visible (self->customer_picker, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->customer_label), TRUE);
    }
  rebind_views (self);
  refresh_revisions (self);
  refresh (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_entry));
}

static void
on_customer_picked_cb (CrmContractWindow *self)
{
  gint64 customer_id = crm_customer_picker_get_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker));
  g_autoptr(GError) error = NULL;

  if (customer_id <= 0 || self->started)
    return;
  if (!crm_contract_editor_start_new (self->editor, customer_id, &error))
    {
      show_message (self, error->message);
      return;
    }
  begin (self);
}

/* Closing ---------------------------------------------------------------------------------------- */

static void
on_close_dialog_response_cb (GtkDialog         *dialog,
                             int                response,
                             CrmContractWindow *self)
{
  /* The dialog outlives this handler, and this window may not: part now. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT &&
      !run_store_action (self, crm_contract_editor_save, _("The contract was not saved")))
    return;
  if (response == GTK_RESPONSE_ACCEPT || response == GTK_RESPONSE_REJECT)
    {
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
crm_contract_window_close_request (GtkWindow *window)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (window);
  GtkWidget *focus;
  GtkWidget *dialog;

  if (self->closing || !self->started)
    return GTK_WINDOW_CLASS (crm_contract_window_parent_class)->close_request (window);
  focus = blur (self);
  if (!crm_contract_editor_get_dirty (self->editor))
    {
      g_clear_object (&focus);
      return GTK_WINDOW_CLASS (crm_contract_window_parent_class)->close_request (window);
    }
  restore_focus (self, focus);
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                   _("Save the changes to this contract before closing?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("If you close without saving, your changes are lost."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Discard"), GTK_RESPONSE_REJECT, _("_Cancel"),
                          GTK_RESPONSE_CANCEL, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject ---------------------------------------------------------------------------------------- */

static void
crm_contract_window_dispose (GObject *object)
{
  CrmContractWindow *self = CRM_CONTRACT_WINDOW (object);

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_object (&self->focus_item);
  if (self->lines_view != NULL)
    gtk_column_view_set_model (self->lines_view, NULL);
  if (self->instalments_view != NULL)
    gtk_column_view_set_model (self->instalments_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTRACT_WINDOW);
  g_clear_object (&self->lines_selection);
  g_clear_object (&self->instalments_selection);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_contract_window_parent_class)->dispose (object);
}

static void
crm_contract_window_class_init (CrmContractWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_contract_window_dispose;
  window_class->close_request = crm_contract_window_close_request;

  /* The contract was written to the store (saved, signed, completed,
   * cancelled): lists showing it may read it again. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  first_entry_quark = g_quark_from_static_string ("crm-contract-window-first-entry");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-contract-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, locked_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, form_box);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, code_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, customer_box);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, quote_button);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, title_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, customer_rep_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, customer_rep_title_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, company_rep_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, company_rep_title_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, signed_on_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, starts_on_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, ends_on_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, payment_terms_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, terms_view);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, title_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, customer_rep_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, customer_rep_title_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, company_rep_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, company_rep_title_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, signed_on_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, starts_on_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, ends_on_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, payment_terms_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, terms_error);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, lines_view);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, instalments_view);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, words_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, subtotal_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, discount_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, vat_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, schedule_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, revisions_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmContractWindow, diff_box);

  gtk_widget_class_install_action (widget_class, "contract.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "contract.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "contract.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "contract.activate", NULL, activate_activated);
  gtk_widget_class_install_action (widget_class, "contract.complete", NULL, complete_activated);
  gtk_widget_class_install_action (widget_class, "contract.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "contract.add-line", NULL, add_line_activated);
  gtk_widget_class_install_action (widget_class, "contract.add-instalment", NULL, add_instalment_activated);
  gtk_widget_class_install_action (widget_class, "contract.make-order", NULL, make_order_activated);
  gtk_widget_class_install_action (widget_class, "contract.open-quote", NULL, open_quote_activated);
  gtk_widget_class_install_action (widget_class, "contract.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "contract.pdf", NULL, pdf_activated);
  gtk_widget_class_install_action (widget_class, "contract.compare", NULL, compare_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "contract.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "contract.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contract.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_contract_window_init (CrmContractWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  connect_fields (self);
  add_columns (self, self->lines_view, line_columns, G_N_ELEMENTS (line_columns));
  add_columns (self, self->instalments_view, instalment_columns, G_N_ELEMENTS (instalment_columns));
}

/* Public API ------------------------------------------------------------------------------------- */

CrmContractWindow *
crm_contract_window_new (GtkWindow  *parent,
                         CrmStore   *store,
                         CrmSession *session)
{
  CrmContractWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CONTRACT_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->editor = crm_contract_editor_new (store, session);
  self->lines_selection = gtk_no_selection_new (g_object_ref (crm_contract_editor_get_lines (self->editor)));
  self->instalments_selection =
    gtk_no_selection_new (g_object_ref (crm_contract_editor_get_instalments (self->editor)));
  g_signal_connect_object (self->editor, "notify", G_CALLBACK (on_editor_notify_cb), self, G_CONNECT_SWAPPED);
  rebind_views (self);
  refresh_revisions (self);
  refresh (self);
  return self;
}

gboolean
crm_contract_window_load (CrmContractWindow  *self,
                          gint64              contract_id,
                          GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_WINDOW (self), FALSE);
  g_return_val_if_fail (contract_id > 0, FALSE);

  if (!crm_contract_editor_load (self->editor, contract_id, error))
    return FALSE;
  begin (self);
  return TRUE;
}

void
crm_contract_window_start_blank (CrmContractWindow *self)
{
  g_return_if_fail (CRM_IS_CONTRACT_WINDOW (self));
  g_return_if_fail (!self->started && self->customer_picker == NULL);

  self->customer_picker = crm_customer_picker_new (self->store, self->session);
  gtk_widget_set_hexpand (self->customer_picker, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_label), FALSE);
  gtk_box_append (self->customer_box, self->customer_picker);
  g_signal_connect_object (self->customer_picker, "notify::customer-id", G_CALLBACK (on_customer_picked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (self->customer_picker);
}

gboolean
crm_contract_window_start_from_quote (CrmContractWindow  *self,
                                      gint64              quote_id,
                                      gboolean            allow_another,
                                      GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_WINDOW (self), FALSE);
  g_return_val_if_fail (quote_id > 0, FALSE);

  if (!crm_contract_editor_start_from_quote (self->editor, quote_id, allow_another, error))
    return FALSE;
  begin (self);
  return TRUE;
}

gint64
crm_contract_window_get_contract_id (CrmContractWindow *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_WINDOW (self), 0);
  return crm_contract_editor_get_id (self->editor);
}
