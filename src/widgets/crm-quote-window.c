/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-document.h"
#include "crm-money.h"
#include "crm-print.h"
#include "crm-product.h"
#include "crm-quote-editor.h"
#include "crm-quote-store.h"
#include "crm-quote-window.h"
#include "crm-validate.h"

/* The quote editor: a thin view of a CrmQuoteEditor.  Header entries and
 * line cells hand what was typed to the editor when the user leaves them
 * or presses Enter (one undo step per change, not per key); the editor's
 * properties flow back into the widgets.  Enter moves to the next cell,
 * and on the last cell of a line adds a line after it; the description
 * cell offers the catalogue as the user types.  The revisions panel lists
 * the saved versions and shows, line by line, what changed between two. */

struct _CrmQuoteWindow
{
  GtkWindow         parent_instance;

  CrmStore         *store;
  CrmSession       *session;
  CrmQuoteEditor   *editor;
  GtkNoSelection   *lines_selection;
  GPtrArray        *contacts;         /* CrmContact, in the contact drop-down's order after "none" */
  GPtrArray        *revisions;        /* CrmQuoteRevision, v1 first */
  gboolean          syncing;          /* widgets follow the editor: their signals are not edits */
  gboolean          closing;          /* the user chose to close */
  gboolean          read_only_shown;
  GHashTable       *pending;          /* GtkEntry whose text waits for the pause in typing */
  CrmQuoteLineItem *focus_item;       /* whose description gets the focus once it has a row */
  guint             focus_source;

  /* template */
  GtkLabel         *locked_label;
  GtkLabel         *message_label;
  GtkLabel         *code_label;
  GtkLabel         *status_label;
  GtkLabel         *customer_label;
  GtkDropDown      *contact_dropdown;
  GtkLabel         *opportunity_label;
  GtkLabel         *sends_label;
  GtkEntry         *issue_date_entry;
  GtkEntry         *valid_until_entry;
  GtkEntry         *terms_entry;
  GtkEntry         *notes_entry;
  GtkLabel         *issue_date_error;
  GtkLabel         *valid_until_error;
  GtkLabel         *terms_error;
  GtkLabel         *notes_error;
  GtkColumnView    *lines_view;
  GtkLabel         *totals_error_label;
  GtkLabel         *subtotal_label;
  GtkLabel         *discount_label;
  GtkLabel         *net_label;
  GtkLabel         *vat_label;
  GtkLabel         *grand_total_label;
  GtkLabel         *words_label;
  GtkToggleButton  *revisions_button;
  GtkListBox       *revisions_list;
  GtkDropDown      *from_dropdown;
  GtkDropDown      *to_dropdown;
  GtkBox           *diff_box;
};

G_DEFINE_FINAL_TYPE (CrmQuoteWindow, crm_quote_window, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark description_entry_quark;

/* The columns of the lines: an editable cell, or one of these. */
enum {
  COLUMN_SOURCE = CRM_QUOTE_N_CELLS,
  COLUMN_REMOVE,
};

static void refresh (CrmQuoteWindow *self);

/* Small helpers -------------------------------------------------------------------------- */

static void
show_error (CrmQuoteWindow *self,
            const char     *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

/* Sets @entry's text when it differs, as the editor's, not as an edit. */
static void
set_entry_text (CrmQuoteWindow *self,
                GtkEntry       *entry,
                const char     *text)
{
  gboolean syncing = self->syncing;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") == 0)
    return;
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
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

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

/* Takes the focus away, so the entry being typed in hands its text to the
 * editor; returns the widget to give it back to. */
static void flush_commits (CrmQuoteWindow *self);

static GtkWidget *
blur (CrmQuoteWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  flush_commits (self);

  if (focus == NULL)
    return NULL;
  g_object_ref (focus);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  return focus;
}

static void
restore_focus (CrmQuoteWindow *self,
               GtkWidget      *focus)
{
  if (focus == NULL)
    return;
  if (gtk_widget_get_root (focus) == GTK_ROOT (self) && gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
  g_object_unref (focus);
}

static gint
item_position (CrmQuoteWindow   *self,
               CrmQuoteLineItem *item)
{
  GListModel *lines = crm_quote_editor_get_lines (self->editor);
  guint n = g_list_model_get_n_items (lines);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmQuoteLineItem) other = g_list_model_get_item (lines, i);

      if (other == item)
        return (gint) i;
    }
  return -1;
}

/* What is typed reaches the editor when the user leaves the entry or
 * presses Enter, or after a pause in typing (left as typed until the
 * user leaves it). */
#define COMMIT_DELAY_MS 700

static void commit_field (CrmQuoteWindow *self, GtkEntry *entry, gboolean reformat);
static void commit_cell (CrmQuoteWindow *self, GtkEntry *entry, gboolean reformat);

static CrmQuoteWindow *
window_of (GtkEntry *entry)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (entry));

  return CRM_IS_QUOTE_WINDOW (root) ? CRM_QUOTE_WINDOW (root) : NULL;
}

static void
cancel_commit (GtkEntry *entry)
{
  guint source = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "commit-source"));
  CrmQuoteWindow *self = window_of (entry);

  if (source != 0)
    g_source_remove (source);
  g_object_set_data (G_OBJECT (entry), "commit-source", NULL);
  if (self != NULL && self->pending != NULL)
    g_hash_table_remove (self->pending, entry);
}

static void
commit_now (CrmQuoteWindow *self,
            GtkEntry       *entry)
{
  if (g_object_get_data (G_OBJECT (entry), "field") != NULL)
    commit_field (self, entry, FALSE);
  else
    commit_cell (self, entry, FALSE);
}

static gboolean
on_commit_timeout_cb (gpointer user_data)
{
  GtkEntry *entry = user_data;
  CrmQuoteWindow *self = window_of (entry);

  g_object_set_data (G_OBJECT (entry), "commit-source", NULL);
  /* An entry gone from its window (closed, row recycled) commits nothing. */
  if (self == NULL || self->editor == NULL)
    return G_SOURCE_REMOVE;
  g_hash_table_remove (self->pending, entry);
  commit_now (self, entry);
  return G_SOURCE_REMOVE;
}

static void
on_entry_changed_cb (GtkEntry       *entry,
                     CrmQuoteWindow *self)
{
  guint source;

  if (self->syncing)
    return;
  cancel_commit (entry);
  source = g_timeout_add_full (G_PRIORITY_DEFAULT, COMMIT_DELAY_MS, on_commit_timeout_cb,
                               g_object_ref (entry), g_object_unref);
  g_object_set_data (G_OBJECT (entry), "commit-source", GUINT_TO_POINTER (source));
  g_hash_table_add (self->pending, entry);
  /* Ctrl+S right after typing saves what was typed. */
  if (!crm_quote_editor_get_read_only (self->editor))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "quote.save", TRUE);
}

/* Everything typed reaches the editor now, before a save or an undo. */
static void
flush_commits (CrmQuoteWindow *self)
{
  GList *entries = g_hash_table_get_keys (self->pending);

  for (GList *link = entries; link != NULL; link = link->next)
    {
      g_autoptr(GtkEntry) entry = g_object_ref (link->data);

      cancel_commit (entry);
      commit_now (self, entry);
    }
  g_list_free (entries);
}

/* Header fields ------------------------------------------------------------------------- */

static GtkEntry *
field_entry (CrmQuoteWindow      *self,
             CrmQuoteEditorField  field)
{
  GtkEntry *entries[CRM_QUOTE_EDITOR_N_FIELDS] = {
    self->issue_date_entry, self->valid_until_entry, self->terms_entry, self->notes_entry,
  };

  return entries[field];
}

static GtkLabel *
field_error (CrmQuoteWindow      *self,
             CrmQuoteEditorField  field)
{
  GtkLabel *labels[CRM_QUOTE_EDITOR_N_FIELDS] = {
    self->issue_date_error, self->valid_until_error, self->terms_error, self->notes_error,
  };

  return labels[field];
}

static void
commit_field (CrmQuoteWindow *self,
              GtkEntry       *entry,
              gboolean        reformat)
{
  CrmQuoteEditorField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "field")) - 1;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *current = crm_quote_editor_get_field (self->editor, field);

  if (self->syncing || crm_quote_editor_get_read_only (self->editor) ||
      g_strcmp0 (text, current ? current : "") == 0)
    return;
  crm_quote_editor_set_field (self->editor, field, text, NULL);
  if (reformat)
    set_entry_text (self, entry, crm_quote_editor_get_field (self->editor, field));
}

static void
on_field_activated_cb (GtkEntry       *entry,
                       CrmQuoteWindow *self)
{
  cancel_commit (entry);
  commit_field (self, entry, TRUE);
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
on_field_focus_left_cb (GtkEventControllerFocus *controller,
                        CrmQuoteWindow          *self)
{
  GtkEntry *entry = GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  cancel_commit (entry);
  commit_field (self, entry, TRUE);
}

static void
refresh_fields (CrmQuoteWindow *self)
{
  gboolean read_only = crm_quote_editor_get_read_only (self->editor);

  for (guint field = 0; field < CRM_QUOTE_EDITOR_N_FIELDS; field++)
    {
      GtkEntry *entry = field_entry (self, field);
      GtkLabel *label = field_error (self, field);
      const char *error = crm_quote_editor_get_field_error (self->editor, field);

      if (!has_focus_within (GTK_WIDGET (entry)))
        set_entry_text (self, entry, crm_quote_editor_get_field (self->editor, field));
      gtk_editable_set_editable (GTK_EDITABLE (entry), !read_only);
      mark_error (GTK_WIDGET (entry), error);
      gtk_label_set_label (label, error ? error : "");
      gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
    }
}

/* Contact and opportunity ------------------------------------------------------------------ */

static gint64
editor_int64 (CrmQuoteWindow *self,
              const char     *property)
{
  gint64 value = 0;

  g_object_get (self->editor, property, &value, NULL);
  return value;
}

static void
load_contacts (CrmQuoteWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 customer_id = editor_int64 (self, "customer-id");

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  self->contacts = crm_contact_store_list_for_customer (self->store, self->session, customer_id, &error);
  if (self->contacts == NULL)
    {
      g_debug ("Cannot list the contacts: %s", error->message);
      self->contacts = g_ptr_array_new ();
    }
  gtk_string_list_append (names, _("No contact"));
  for (guint i = 0; i < self->contacts->len; i++)
    gtk_string_list_append (names, crm_contact_get_full_name (g_ptr_array_index (self->contacts, i)));
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->contact_dropdown, G_LIST_MODEL (names));
  self->syncing = FALSE;
}

static CrmContact *
chosen_contact (CrmQuoteWindow *self)
{
  gint64 contact_id = editor_int64 (self, "contact-id");

  for (guint i = 0; self->contacts != NULL && i < self->contacts->len; i++)
    if (crm_contact_get_id (g_ptr_array_index (self->contacts, i)) == contact_id)
      return g_ptr_array_index (self->contacts, i);
  return NULL;
}

static void
refresh_contact (CrmQuoteWindow *self)
{
  CrmContact *contact = chosen_contact (self);
  guint selected = 0;

  for (guint i = 0; contact != NULL && i < self->contacts->len; i++)
    if (g_ptr_array_index (self->contacts, i) == contact)
      selected = i + 1;
  self->syncing = TRUE;
  if (gtk_drop_down_get_selected (self->contact_dropdown) != selected)
    gtk_drop_down_set_selected (self->contact_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_dropdown), !crm_quote_editor_get_read_only (self->editor));
  self->syncing = FALSE;
}

static void
on_contact_dropdown_selected_cb (CrmQuoteWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->contact_dropdown);
  gint64 contact_id = 0;

  if (self->syncing || self->editor == NULL || self->contacts == NULL)
    return;
  if (selected > 0 && selected <= self->contacts->len)
    contact_id = crm_contact_get_id (g_ptr_array_index (self->contacts, selected - 1));
  if (contact_id != editor_int64 (self, "contact-id"))
    crm_quote_editor_set_contact_id (self->editor, contact_id, NULL);
}

static void
refresh_opportunity (CrmQuoteWindow *self)
{
  gint64 opportunity_id = editor_int64 (self, "opportunity-id");
  g_autofree char *title = NULL;
  gint64 customer_id = 0;

  if (opportunity_id > 0 &&
      crm_quote_store_get_opportunity (self->store, self->session, opportunity_id, &customer_id, &title, NULL))
    gtk_label_set_label (self->opportunity_label, title);
  else
    gtk_label_set_label (self->opportunity_label, opportunity_id > 0 ? "…" : _("None"));
}

/* State, totals, actions ------------------------------------------------------------------ */

static void
refresh_totals (CrmQuoteWindow *self)
{
  const CrmQuoteTotals *totals = crm_quote_editor_get_totals (self->editor);
  g_autofree char *vat_summary = NULL;
  g_autofree char *totals_error = NULL;

  g_object_get (self->editor, "vat-summary", &vat_summary, "totals-error", &totals_error, NULL);
  set_money (self->subtotal_label, totals->subtotal);
  set_money (self->discount_label, totals->discount_total);
  set_money (self->net_label, totals->net_total);
  set_money (self->grand_total_label, totals->grand_total);
  gtk_label_set_label (self->vat_label, vat_summary ? vat_summary : "");
  gtk_label_set_label (self->words_label, crm_quote_editor_get_amount_in_words (self->editor));
  gtk_label_set_label (self->totals_error_label, totals_error ? totals_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->totals_error_label), totals_error != NULL);
}

static void
refresh_actions (CrmQuoteWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CrmQuoteStatus status = crm_quote_editor_get_status (self->editor);
  gboolean read_only = crm_quote_editor_get_read_only (self->editor);
  gboolean saved = crm_quote_editor_get_id (self->editor) > 0;
  gboolean accepted = saved && status == CRM_QUOTE_STATUS_ACCEPTED;

  gtk_widget_action_set_enabled (widget, "quote.save", crm_quote_editor_get_can_save (self->editor) ||
                                 (!read_only && g_hash_table_size (self->pending) > 0));
  gtk_widget_action_set_enabled (widget, "quote.undo", crm_quote_editor_get_can_undo (self->editor));
  gtk_widget_action_set_enabled (widget, "quote.redo", crm_quote_editor_get_can_redo (self->editor));
  gtk_widget_action_set_enabled (widget, "quote.send", !read_only && (saved || crm_quote_editor_get_can_save (self->editor)));
  gtk_widget_action_set_enabled (widget, "quote.accept", !read_only && saved && status == CRM_QUOTE_STATUS_SENT);
  gtk_widget_action_set_enabled (widget, "quote.reject", !read_only && saved && status == CRM_QUOTE_STATUS_SENT);
  gtk_widget_action_set_enabled (widget, "quote.make-contract", accepted);
  gtk_widget_action_set_enabled (widget, "quote.make-order", accepted);
  gtk_widget_action_set_enabled (widget, "quote.print", saved);
  gtk_widget_action_set_enabled (widget, "quote.pdf", saved);
  gtk_widget_action_set_enabled (widget, "quote.add-line", !read_only);
  gtk_widget_action_set_enabled (widget, "quote.compare", self->revisions != NULL && self->revisions->len > 0);
}

static void
refresh_state (CrmQuoteWindow *self)
{
  const char *code = crm_quote_editor_get_quote (self->editor)->code;
  gboolean saved = crm_quote_editor_get_id (self->editor) > 0;
  g_autofree char *customer_name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;

  g_object_get (self->editor, "customer-name", &customer_name, NULL);
  if (saved)
    {
      heading = g_strdup_printf ("%s  v%d", code, crm_quote_editor_get_revision (self->editor));
      /* TRANSLATORS: the window title of a quote: its code */
      title = g_strdup_printf (_("Quote %s"), code);
    }
  else
    {
      heading = g_strdup (_("New quote, not saved yet"));
      title = g_strdup (_("New Quote"));
    }
  if (crm_quote_editor_get_dirty (self->editor))
    {
      char *marked = g_strconcat ("• ", title, NULL);

      g_free (title);
      title = marked;
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->code_label, heading);
  gtk_label_set_label (self->status_label, crm_quote_status_label (crm_quote_editor_get_status (self->editor)));
  gtk_label_set_label (self->customer_label, customer_name ? customer_name : "");
  gtk_label_set_label (self->sends_label, saved ? crm_quote_editor_get_sends_text (self->editor) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), crm_quote_editor_get_read_only (self->editor));
  show_error (self, crm_quote_editor_get_message (self->editor));
}

/* The cells follow the read-only state when they are bound: bind again. */
static void
rebind_lines (CrmQuoteWindow *self)
{
  gtk_column_view_set_model (self->lines_view, NULL);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->lines_selection));
  self->read_only_shown = crm_quote_editor_get_read_only (self->editor);
}

static void
refresh (CrmQuoteWindow *self)
{
  if (self->editor == NULL)
    return;
  refresh_state (self);
  refresh_fields (self);
  refresh_contact (self);
  refresh_totals (self);
  refresh_actions (self);
  if (self->read_only_shown != crm_quote_editor_get_read_only (self->editor))
    rebind_lines (self);
}

static void
on_editor_notify_cb (CrmQuoteWindow *self,
                     GParamSpec     *pspec)
{
  if (g_strcmp0 (pspec->name, "opportunity-id") == 0)
    refresh_opportunity (self);
  refresh (self);
}

/* Line cells ------------------------------------------------------------------------------ */

static const char *const cell_properties[CRM_QUOTE_N_CELLS] = {
  "description", "unit", "quantity", "unit-price", "discount", "vat-rate", "override-reason", "amount-text",
};

static const char *
column_title (guint column)
{
  switch (column)
    {
    case CRM_QUOTE_CELL_DESCRIPTION: return _("Product or description");
    case CRM_QUOTE_CELL_UNIT: return _("Unit");
    case CRM_QUOTE_CELL_QUANTITY: return _("Quantity");
    case CRM_QUOTE_CELL_UNIT_PRICE: return _("Unit price");
    case CRM_QUOTE_CELL_DISCOUNT: return _("Discount");
    case CRM_QUOTE_CELL_VAT_RATE: return _("VAT");
    case CRM_QUOTE_CELL_OVERRIDE_REASON: return _("Reason for the price");
    case CRM_QUOTE_CELL_AMOUNT: return _("Amount");
    case COLUMN_SOURCE: return _("Price from");
    case COLUMN_REMOVE: return "";
    default: g_assert_not_reached ();
    }
}

static GtkEntry *
entry_of_cell (GtkWidget *child)
{
  return GTK_IS_ENTRY (child) ? GTK_ENTRY (child) : GTK_ENTRY (gtk_widget_get_first_child (child));
}

static CrmQuoteCell
cell_of (GtkEntry *entry)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "cell"));
}

static CrmQuoteLineItem *
item_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "item");
}

static void
commit_cell (CrmQuoteWindow *self,
             GtkEntry       *entry,
             gboolean        reformat)
{
  CrmQuoteLineItem *item = item_of (GTK_WIDGET (entry));
  CrmQuoteCell cell = cell_of (entry);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *current;

  if (item == NULL || self->syncing || crm_quote_editor_get_read_only (self->editor))
    return;
  current = crm_quote_line_item_get_text (item, cell);
  if (g_strcmp0 (text, current ? current : "") == 0)
    return;
  crm_quote_line_item_set_text (item, cell, text, NULL);
  if (reformat)
    set_entry_text (self, entry, crm_quote_line_item_get_text (item, cell));
}

static gboolean
on_focus_line_idle_cb (gpointer user_data)
{
  CrmQuoteWindow *self = user_data;
  GtkWidget *entry = self->focus_item != NULL
                     ? g_object_get_qdata (G_OBJECT (self->focus_item), description_entry_quark) : NULL;

  self->focus_source = 0;
  if (entry != NULL)
    gtk_widget_grab_focus (entry);
  g_clear_object (&self->focus_item);
  return G_SOURCE_REMOVE;
}

/* Gives the description of line @position the focus once its row exists. */
static void
focus_line (CrmQuoteWindow *self,
            guint           position)
{
  g_clear_object (&self->focus_item);
  self->focus_item = g_list_model_get_item (crm_quote_editor_get_lines (self->editor), position);
  if (self->focus_source == 0)
    self->focus_source = g_idle_add_full (G_PRIORITY_LOW, on_focus_line_idle_cb, self, NULL);
}

static void
add_line_after (CrmQuoteWindow *self,
                gint            position)
{
  gint added = crm_quote_editor_add_line_after (self->editor, position, NULL);

  if (added >= 0)
    focus_line (self, added);
}

/* Enter: the next cell, or a new line after the last cell of this one. */
static void
on_cell_activated_cb (GtkEntry       *entry,
                      CrmQuoteWindow *self)
{
  CrmQuoteLineItem *item = item_of (GTK_WIDGET (entry));
  CrmQuoteCell cell = cell_of (entry);
  gboolean last;

  cancel_commit (entry);
  commit_cell (self, entry, TRUE);
  if (item == NULL)
    return;
  last = cell == CRM_QUOTE_CELL_OVERRIDE_REASON ||
         (cell == CRM_QUOTE_CELL_VAT_RATE && !crm_quote_line_item_get_overridden (item));
  if (last && !crm_quote_editor_get_read_only (self->editor))
    add_line_after (self, item_position (self, item));
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
on_cell_focus_left_cb (GtkEventControllerFocus *controller,
                       CrmQuoteWindow          *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *popover = g_object_get_data (G_OBJECT (entry), "popover");

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  cancel_commit (GTK_ENTRY (entry));
  commit_cell (self, GTK_ENTRY (entry), TRUE);
}

static void
sync_cell (GtkEntry *entry)
{
  CrmQuoteWindow *self = g_object_get_data (G_OBJECT (entry), "window");
  CrmQuoteLineItem *item = item_of (GTK_WIDGET (entry));
  CrmQuoteCell cell = cell_of (entry);

  if (item == NULL || self == NULL)
    return;
  if (!has_focus_within (GTK_WIDGET (entry)))
    set_entry_text (self, entry, crm_quote_line_item_get_text (item, cell));
  mark_error (GTK_WIDGET (entry), crm_quote_line_item_get_error (item, cell));
  if (cell == CRM_QUOTE_CELL_OVERRIDE_REASON)
    gtk_widget_set_sensitive (GTK_WIDGET (entry), crm_quote_line_item_get_overridden (item));
}

/* The product picker: the catalogue as the user types a description. */
static void
pick_product (CrmQuoteWindow *self,
              GtkEntry       *entry,
              GtkListBoxRow  *row)
{
  CrmQuoteLineItem *item = item_of (GTK_WIDGET (entry));
  gint64 *product_id = g_object_get_data (G_OBJECT (row), "product-id");
  gint position = item != NULL ? item_position (self, item) : -1;

  gtk_popover_popdown (GTK_POPOVER (g_object_get_data (G_OBJECT (entry), "popover")));
  if (position < 0 || product_id == NULL)
    return;
  if (crm_quote_editor_set_line_product (self->editor, position, *product_id, NULL))
    {
      set_entry_text (self, entry, crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_DESCRIPTION));
      gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
    }
}

static void
on_product_row_activated_cb (GtkListBox     *list,
                             GtkListBoxRow  *row,
                             CrmQuoteWindow *self)
{
  pick_product (self, g_object_get_data (G_OBJECT (list), "entry"), row);
}

static GtkWidget *
product_row (CrmProduct *product)
{
  g_autofree char *price = crm_money_format (crm_product_get_list_price (product));
  g_autofree char *text = g_strdup_printf ("%s — %s · %s", crm_product_get_code (product),
                                           crm_product_get_name (product), price);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);
  gint64 id = crm_product_get_id (product);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_set_data_full (G_OBJECT (row), "product-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static void
on_description_changed_cb (GtkEditable    *editable,
                           CrmQuoteWindow *self)
{
  GtkPopover *popover = g_object_get_data (G_OBJECT (editable), "popover");
  GtkListBox *list = g_object_get_data (G_OBJECT (editable), "list");
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GPtrArray) products = NULL;
  GtkWidget *child;

  if (self->syncing || !has_focus_within (GTK_WIDGET (editable)) || crm_quote_editor_get_read_only (self->editor))
    return;
  if (g_utf8_strlen (text, -1) < 2 ||
      !(products = crm_quote_editor_search_products (self->editor, text, 8, NULL)) || products->len == 0)
    {
      gtk_popover_popdown (popover);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < products->len; i++)
    gtk_list_box_append (list, product_row (g_ptr_array_index (products, i)));
  gtk_popover_popup (popover);
  gtk_popover_present (popover);
}

/* Up and Down choose in the picker, Enter takes the product, Escape
 * closes it; the entry keeps the focus. */
static gboolean
on_description_key_pressed_cb (GtkEventControllerKey *controller,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               CrmQuoteWindow        *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkPopover *popover = g_object_get_data (G_OBJECT (entry), "popover");
  GtkListBox *list = g_object_get_data (G_OBJECT (entry), "list");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (!gtk_widget_get_visible (GTK_WIDGET (popover)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      index += keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down ? 1 : -1;
      if ((row = gtk_list_box_get_row_at_index (list, MAX (index, 0))))
        gtk_list_box_select_row (list, row);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (row == NULL)
        {
          gtk_popover_popdown (popover);
          return FALSE;
        }
      pick_product (self, GTK_ENTRY (entry), row);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_popover_popdown (popover);
      return TRUE;
    default:
      return FALSE;
    }
}

static GtkWidget *
description_cell (CrmQuoteWindow *self,
                  GtkWidget      *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Products"), -1);
  gtk_popover_set_child (GTK_POPOVER (popover), list);
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, box);
  g_object_set_data (G_OBJECT (entry), "popover", popover);
  g_object_set_data (G_OBJECT (entry), "list", list);
  g_object_set_data (G_OBJECT (list), "entry", entry);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_product_row_activated_cb), self);
  g_signal_connect (entry, "changed", G_CALLBACK (on_description_changed_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_description_key_pressed_cb), self);
  gtk_widget_add_controller (entry, keys);
  return box;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  CrmQuoteWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  CrmQuoteCell cell = GPOINTER_TO_UINT (user_data);
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  if (cell == CRM_QUOTE_CELL_QUANTITY || cell == CRM_QUOTE_CELL_UNIT_PRICE ||
      cell == CRM_QUOTE_CELL_DISCOUNT || cell == CRM_QUOTE_CELL_VAT_RATE)
    {
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
      gtk_widget_add_css_class (entry, "numeric");
    }
  if (cell == CRM_QUOTE_CELL_OVERRIDE_REASON)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why this price?"));
  if (cell == CRM_QUOTE_CELL_DESCRIPTION)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Type a product or a description"));
  g_object_set_data (G_OBJECT (entry), "cell", GUINT_TO_POINTER (cell));
  g_object_set_data (G_OBJECT (entry), "window", self);
  g_signal_connect (entry, "activate", G_CALLBACK (on_cell_activated_cb), self);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_cell_focus_left_cb), self);
  gtk_widget_add_controller (entry, focus);
  gtk_list_item_set_child (list_item, cell == CRM_QUOTE_CELL_DESCRIPTION ? description_cell (self, entry) : entry);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  CrmQuoteWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  CrmQuoteLineItem *item = gtk_list_item_get_item (list_item);
  GtkEntry *entry = entry_of_cell (gtk_list_item_get_child (list_item));
  CrmQuoteCell cell = GPOINTER_TO_UINT (user_data);
  g_autofree char *notify_text = g_strdup_printf ("notify::%s", cell_properties[cell]);
  g_autofree char *notify_error = g_strdup_printf ("notify::%s-error", cell_properties[cell]);
  /* TRANSLATORS: the accessible name of a cell: its column and line number */
  g_autofree char *name = g_strdup_printf (_("%s, line %u"), column_title (cell),
                                           gtk_list_item_get_position (list_item) + 1);

  g_object_set_data (G_OBJECT (entry), "item", item);
  g_signal_connect_swapped (item, notify_text, G_CALLBACK (sync_cell), entry);
  g_signal_connect_swapped (item, notify_error, G_CALLBACK (sync_cell), entry);
  if (cell == CRM_QUOTE_CELL_OVERRIDE_REASON)
    g_signal_connect_swapped (item, "notify::overridden", G_CALLBACK (sync_cell), entry);
  if (cell == CRM_QUOTE_CELL_DESCRIPTION)
    g_object_set_qdata (G_OBJECT (item), description_entry_quark, entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_editable_set_editable (GTK_EDITABLE (entry), !crm_quote_editor_get_read_only (self->editor));
  set_entry_text (self, entry, crm_quote_line_item_get_text (item, cell));
  sync_cell (entry);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  CrmQuoteLineItem *item = gtk_list_item_get_item (list_item);
  GtkEntry *entry = entry_of_cell (gtk_list_item_get_child (list_item));

  cancel_commit (entry);
  g_signal_handlers_disconnect_by_data (item, entry);
  if (g_object_get_qdata (G_OBJECT (item), description_entry_quark) == entry)
    g_object_set_qdata (G_OBJECT (item), description_entry_quark, NULL);
  g_object_set_data (G_OBJECT (entry), "item", NULL);
}

/* Read-only cells: where the price came from, the amount. */
static void
sync_label (GtkLabel *label)
{
  CrmQuoteLineItem *item = item_of (GTK_WIDGET (label));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "column"));

  if (item == NULL)
    return;
  if (column == COLUMN_SOURCE)
    {
      const char *source = crm_quote_line_item_get_price_source (item);

      gtk_label_set_label (label, source ? source : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), source);
      return;
    }
  gtk_label_set_label (label, crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_AMOUNT));
  mark_error (GTK_WIDGET (label), crm_quote_line_item_get_error (item, CRM_QUOTE_CELL_AMOUNT));
}

static void
on_label_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint column = GPOINTER_TO_UINT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_SOURCE ? 0.0 : 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_add_css_class (label, column == COLUMN_SOURCE ? "dim-label" : "numeric");
  g_object_set_data (G_OBJECT (label), "column", user_data);
  gtk_list_item_set_child (list_item, label);
}

static void
on_label_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  CrmQuoteLineItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *name = g_strdup_printf (_("%s, line %u"), column_title (GPOINTER_TO_UINT (user_data)),
                                           gtk_list_item_get_position (list_item) + 1);

  g_object_set_data (G_OBJECT (label), "item", item);
  g_signal_connect_swapped (item, "notify::price-source", G_CALLBACK (sync_label), label);
  g_signal_connect_swapped (item, "notify::amount-text", G_CALLBACK (sync_label), label);
  g_signal_connect_swapped (item, "notify::amount-error", G_CALLBACK (sync_label), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  sync_label (GTK_LABEL (label));
}

static void
on_label_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (list_item), label);
  g_object_set_data (G_OBJECT (label), "item", NULL);
}

static void
on_remove_clicked_cb (GtkButton      *button,
                      CrmQuoteWindow *self)
{
  CrmQuoteLineItem *item = item_of (GTK_WIDGET (button));
  gint position = item != NULL ? item_position (self, item) : -1;

  if (position >= 0)
    crm_quote_editor_remove_line (self->editor, position, NULL);
}

static void
on_remove_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  CrmQuoteWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove this line"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_list_item_set_child (list_item, button);
}

static void
on_remove_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  CrmQuoteWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  GtkWidget *button = gtk_list_item_get_child (list_item);
  g_autofree char *name = g_strdup_printf (_("Remove line %u"), gtk_list_item_get_position (list_item) + 1);

  g_object_set_data (G_OBJECT (button), "item", gtk_list_item_get_item (list_item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_sensitive (button, !crm_quote_editor_get_read_only (self->editor));
}

static void
add_line_columns (CrmQuoteWindow *self)
{
  static const struct
  {
    guint    column;
    int      width;
    gboolean expand;
  } columns[] = {
    { CRM_QUOTE_CELL_DESCRIPTION, 260, TRUE },
    { CRM_QUOTE_CELL_UNIT, 70, FALSE },
    { CRM_QUOTE_CELL_QUANTITY, 80, FALSE },
    { CRM_QUOTE_CELL_UNIT_PRICE, 120, FALSE },
    { CRM_QUOTE_CELL_DISCOUNT, 80, FALSE },
    { CRM_QUOTE_CELL_VAT_RATE, 70, FALSE },
    { COLUMN_SOURCE, 110, FALSE },
    { CRM_QUOTE_CELL_OVERRIDE_REASON, 150, FALSE },
    { CRM_QUOTE_CELL_AMOUNT, 130, FALSE },
    { COLUMN_REMOVE, 40, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      gpointer data = GUINT_TO_POINTER (columns[i].column);
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "window", self);
      if (columns[i].column == COLUMN_REMOVE)
        {
          g_signal_connect (factory, "setup", G_CALLBACK (on_remove_setup_cb), data);
          g_signal_connect (factory, "bind", G_CALLBACK (on_remove_bind_cb), data);
        }
      else if (columns[i].column == COLUMN_SOURCE || columns[i].column == CRM_QUOTE_CELL_AMOUNT)
        {
          g_signal_connect (factory, "setup", G_CALLBACK (on_label_setup_cb), data);
          g_signal_connect (factory, "bind", G_CALLBACK (on_label_bind_cb), data);
          g_signal_connect (factory, "unbind", G_CALLBACK (on_label_unbind_cb), data);
        }
      else
        {
          g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), data);
          g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), data);
          g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), data);
        }
      column = gtk_column_view_column_new (column_title (columns[i].column), factory);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, columns[i].column != COLUMN_REMOVE);
      gtk_column_view_append_column (self->lines_view, column);
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
  GtkWidget *label = gtk_label_new (NULL);
  /* Added green, removed red, changed orange (the symbols +, −, ~ say
   * the same for those who do not see colours). */
  const char *colour = g_strcmp0 (css_class, "success") == 0 ? "#26a269"
                       : g_strcmp0 (css_class, "error") == 0 ? "#c01c28"
                       : g_strcmp0 (css_class, "warning") == 0 ? "#c64600" : NULL;

  if (colour != NULL && text != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">%s</span>", colour, text);

      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
  else
    gtk_label_set_label (GTK_LABEL (label), text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "v2", …, then the draft as it stands. */
static GListModel *
revision_choices (CrmQuoteWindow *self)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->revisions->len; i++)
    {
      const CrmQuoteRevision *revision = g_ptr_array_index (self->revisions, i);
      g_autofree char *name = g_strdup_printf ("v%d", revision->revision);

      gtk_string_list_append (choices, name);
    }
  gtk_string_list_append (choices, _("As it stands"));
  return G_LIST_MODEL (choices);
}

static void
refresh_revisions (CrmQuoteWindow *self)
{
  g_autoptr(GListModel) from_choices = NULL;
  g_autoptr(GListModel) to_choices = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->revisions_list))))
    gtk_list_box_remove (self->revisions_list, child);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  if (crm_quote_editor_get_id (self->editor) > 0)
    self->revisions = crm_quote_editor_list_revisions (self->editor, NULL);
  if (self->revisions == NULL)
    self->revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_revision_free);
  n = self->revisions->len;
  for (guint i = 0; i < n; i++)
    {
      const CrmQuoteRevision *revision = g_ptr_array_index (self->revisions, i);
      g_autofree char *when = local_time (revision->created_at);
      g_autofree char *total = crm_money_format (revision->grand_total);
      g_autofree char *text = g_strdup_printf ("v%d · %s · %s · %s", revision->revision,
                                               revision->created_by_name ? revision->created_by_name : "",
                                               when, total);
      GtkWidget *label = wrapped_label (text, NULL);

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_end (label, 8);
      gtk_list_box_append (self->revisions_list, label);
    }
  if (n == 0)
    gtk_list_box_append (self->revisions_list,
                         wrapped_label (_("No saved versions yet: the first is kept when the quote is sent."),
                                        "dim-label"));
  from_choices = revision_choices (self);
  to_choices = revision_choices (self);
  gtk_drop_down_set_model (self->from_dropdown, from_choices);
  gtk_drop_down_set_model (self->to_dropdown, to_choices);
  gtk_drop_down_set_selected (self->from_dropdown, n >= 2 ? n - 2 : 0);
  gtk_drop_down_set_selected (self->to_dropdown, n >= 2 ? n - 1 : n);
  refresh_actions (self);
}

static gint
chosen_revision (CrmQuoteWindow *self,
                 GtkDropDown    *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < self->revisions->len)
    return ((CrmQuoteRevision *) g_ptr_array_index (self->revisions, selected))->revision;
  return 0;
}

static const CrmQuote *
quote_of_revision (CrmQuoteWindow *self,
                   gint            number)
{
  for (guint i = 0; i < self->revisions->len; i++)
    {
      const CrmQuoteRevision *revision = g_ptr_array_index (self->revisions, i);

      if (revision->revision == number)
        return revision->quote;
    }
  return crm_quote_editor_get_quote (self->editor);
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
  g_string_append_printf (text, "\n    %s: %s → %s", label, old_value ? old_value : "—", new_value ? new_value : "—");
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
show_header_changes (CrmQuoteWindow *self,
                     const CrmQuote *a,
                     const CrmQuote *b)
{
  CrmQuoteFields fields = crm_quote_diff_header (a, b);
  g_autoptr(GString) text = g_string_new (NULL);

  if (fields == 0)
    return;
  g_string_append (text, _("~ Header changed:"));
  if (fields & CRM_QUOTE_FIELD_CONTACT)
    append_change (text, _("Contact"), g_strdup (a->contact_name), g_strdup (b->contact_name));
  if (fields & CRM_QUOTE_FIELD_OPPORTUNITY)
    append_change (text, _("Opportunity"), g_strdup_printf ("#%" G_GINT64_FORMAT, a->opportunity_id),
                   g_strdup_printf ("#%" G_GINT64_FORMAT, b->opportunity_id));
  if (fields & CRM_QUOTE_FIELD_ISSUE_DATE)
    append_change (text, _("Issue date"), crm_date_format (a->issue_date), crm_date_format (b->issue_date));
  if (fields & CRM_QUOTE_FIELD_VALID_UNTIL)
    append_change (text, _("Valid until"), crm_date_format (a->valid_until), crm_date_format (b->valid_until));
  if (fields & CRM_QUOTE_FIELD_CURRENCY)
    append_change (text, _("Currency"), g_strdup (a->currency), g_strdup (b->currency));
  if (fields & CRM_QUOTE_FIELD_TERMS)
    append_change (text, _("Terms"), g_strdup (a->terms), g_strdup (b->terms));
  if (fields & CRM_QUOTE_FIELD_NOTES)
    append_change (text, _("Notes"), g_strdup (a->notes), g_strdup (b->notes));
  gtk_box_append (self->diff_box, wrapped_label (text->str, "warning"));
}

static void
show_line_diff (CrmQuoteWindow         *self,
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
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (widget);
  gint from = chosen_revision (self, self->from_dropdown);
  gint to = chosen_revision (self, self->to_dropdown);
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_name = from > 0 ? g_strdup_printf ("v%d", from) : g_strdup (_("as it stands"));
  g_autofree char *to_name = to > 0 ? g_strdup_printf ("v%d", to) : g_strdup (_("as it stands"));
  g_autofree char *heading = g_strdup_printf (_("From %s to %s"), from_name, to_name);
  guint n_changes = 0;

  clear_box (self->diff_box);
  if (!(diffs = crm_quote_editor_diff_revisions (self->editor, from, to, &error)))
    {
      gtk_box_append (self->diff_box, wrapped_label (error->message, "error"));
      return;
    }
  gtk_box_append (self->diff_box, wrapped_label (heading, "heading"));
  show_header_changes (self, quote_of_revision (self, from), quote_of_revision (self, to));
  for (guint i = 0; i < diffs->len; i++)
    {
      const CrmQuoteLineDiff *diff = g_ptr_array_index (diffs, i);

      show_line_diff (self, diff);
      n_changes += diff->change != CRM_QUOTE_LINE_SAME;
    }
  if (n_changes == 0 && crm_quote_diff_header (quote_of_revision (self, from), quote_of_revision (self, to)) == 0)
    gtk_box_append (self->diff_box, wrapped_label (_("No differences."), "dim-label"));
}

/* Store actions ------------------------------------------------------------------------------ */

static void
after_change (CrmQuoteWindow *self)
{
  refresh_revisions (self);
  refresh (self);
  g_signal_emit (self, signals[SAVED], 0);
}

static gboolean
save (CrmQuoteWindow *self)
{
  GtkWidget *focus = blur (self);
  g_autoptr(GError) error = NULL;
  gboolean saved = crm_quote_editor_save (self->editor, &error);

  if (saved)
    after_change (self);
  else
    show_error (self, error->message);
  restore_focus (self, focus);
  return saved;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (CRM_QUOTE_WINDOW (widget));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (widget);
  GtkWidget *focus = blur (self);

  if (g_str_equal (action_name, "quote.undo"))
    crm_quote_editor_undo (self->editor, NULL);
  else
    crm_quote_editor_redo (self->editor, NULL);
  refresh (self);
  restore_focus (self, focus);
}

static void
decide_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;

  g_clear_object (&self->focus_item);
  if (g_str_equal (action_name, "quote.accept"))
    done = crm_quote_editor_accept (self->editor, &error);
  else
    done = crm_quote_editor_reject (self->editor, &error);
  if (done)
    after_change (self);
  else
    show_error (self, error->message);
}

static void
make_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *target = g_str_equal (action_name, "quote.make-contract") ? "contracts" : "orders";

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.make-record", "(ssx)", target, "quote",
                                crm_quote_editor_get_id (self->editor));
}

static CrmDocumentLayout *
document (CrmQuoteWindow *self)
{
  g_autoptr(GError) error = NULL;
  CrmDocumentLayout *layout = crm_document_layout_new_for_quote (self->store, self->session,
                                                                 crm_quote_editor_get_id (self->editor), 0,
                                                                 &error);

  if (layout == NULL)
    show_error (self, error->message);
  else if (crm_quote_editor_get_dirty (self->editor))
    show_error (self, _("The document shows the quote as last saved; your newer changes are not in it."));
  return layout;
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (widget);
  CrmDocumentLayout *layout = document (self);

  if (layout == NULL)
    return;
  if (g_str_equal (action_name, "quote.print"))
    {
      crm_print_document (GTK_WINDOW (self), layout);
    }
  else
    {
      g_autofree char *name = g_strdup_printf ("%s-v%d.pdf", crm_quote_editor_get_quote (self->editor)->code,
                                               crm_quote_editor_get_revision (self->editor));

      crm_save_document_pdf (GTK_WINDOW (self), layout, name);
    }
}

static void
add_line_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (widget);
  guint n = g_list_model_get_n_items (crm_quote_editor_get_lines (self->editor));

  add_line_after (self, (gint) n - 1);
}

/* Sending ------------------------------------------------------------------------------------- */

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Records a send on @day: now when it is today, else at 09:00 that day. */
static gboolean
send_on (CrmQuoteWindow   *self,
         const char       *day_text,
         const char       *recipient,
         CrmQuoteChannel   channel,
         GError          **error)
{
  g_autofree char *day = NULL;
  g_autofree char *today = today_iso ();
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int year, month, date;

  if (!crm_date_parse (day_text, &day, error))
    return FALSE;
  if (g_strcmp0 (day, today) == 0)
    return crm_quote_editor_send (self->editor, recipient, channel, error);
  if (g_strcmp0 (day, today) > 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("A quote cannot be sent on a day still to come."));
      return FALSE;
    }
  if (crm_quote_editor_get_dirty (self->editor) && !crm_quote_editor_save (self->editor, error))
    return FALSE;
  if (sscanf (day, "%d-%d-%d", &year, &month, &date) != 3)
    return FALSE;
  local = g_date_time_new_local (year, month, date, 9, 0, 0);
  utc = g_date_time_to_utc (local);
  send->sent_at = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  send->recipient = g_strdup (recipient);
  send->channel = channel;
  return crm_quote_store_send (self->store, self->session, crm_quote_editor_get_id (self->editor), send, error) &&
         crm_quote_editor_load (self->editor, crm_quote_editor_get_id (self->editor), error);
}

static void
on_send_dialog_response_cb (GtkDialog      *dialog,
                            int             response,
                            CrmQuoteWindow *self)
{
  GtkEditable *date_entry = g_object_get_data (G_OBJECT (dialog), "date");
  GtkEditable *recipient_entry = g_object_get_data (G_OBJECT (dialog), "recipient");
  GtkDropDown *channel = g_object_get_data (G_OBJECT (dialog), "channel");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (dialog), "error");
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  if (!send_on (self, gtk_editable_get_text (date_entry), gtk_editable_get_text (recipient_entry),
                gtk_drop_down_get_selected (channel), &error))
    {
      gtk_label_set_label (error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      refresh (self);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  after_change (self);
}

static GtkWidget *
dialog_row (GtkGrid    *grid,
            int         row,
            const char *mnemonic,
            GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

/* Who the quote goes to: the contact's address or name, else the customer. */
static char *
default_recipient (CrmQuoteWindow *self)
{
  CrmContact *contact = chosen_contact (self);
  char *customer_name = NULL;

  if (contact != NULL && crm_contact_get_email (contact) != NULL && *crm_contact_get_email (contact) != '\0')
    return g_strdup (crm_contact_get_email (contact));
  if (contact != NULL)
    return g_strdup (crm_contact_get_full_name (contact));
  g_object_get (self->editor, "customer-name", &customer_name, NULL);
  return customer_name;
}

static void
send_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
  g_autofree char *recipient = NULL;
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  GtkWidget *dialog, *grid, *date, *to, *channel, *error_label;

  /* What is being typed counts before the quote goes out. */
  restore_focus (self, blur (self));
  recipient = default_recipient (self);
  for (guint i = 0; i < CRM_QUOTE_N_CHANNELS; i++)
    gtk_string_list_append (channels, crm_quote_channel_label (i));
  dialog = gtk_dialog_new_with_buttons (_("Send Quote"), GTK_WINDOW (self),
                                        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Send"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  date = dialog_row (GTK_GRID (grid), 0, _("_Date sent"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  gtk_entry_set_activates_default (GTK_ENTRY (date), TRUE);
  to = dialog_row (GTK_GRID (grid), 1, _("_Recipient"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (to), recipient ? recipient : "");
  gtk_entry_set_activates_default (GTK_ENTRY (to), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (to), 32);
  channel = dialog_row (GTK_GRID (grid), 2, _("C_hannel"),
                        gtk_drop_down_new (G_LIST_MODEL (g_object_ref (channels)), NULL));
  error_label = wrapped_label (NULL, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_grid_attach (GTK_GRID (grid), error_label, 0, 3, 2, 1);
  gtk_box_append (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), grid);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "recipient", to);
  g_object_set_data (G_OBJECT (dialog), "channel", channel);
  g_object_set_data (G_OBJECT (dialog), "error", error_label);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_send_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (to);
}

/* Closing ------------------------------------------------------------------------------------- */

static void
on_close_dialog_response_cb (GtkDialog      *dialog,
                             int             response,
                             CrmQuoteWindow *self)
{
  /* The dialog outlives this handler, and this window may not: part now. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT && !save (self))
    return;
  if (response == GTK_RESPONSE_ACCEPT || response == GTK_RESPONSE_REJECT)
    {
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
crm_quote_window_close_request (GtkWindow *window)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (window);
  GtkWidget *focus;
  GtkWidget *dialog;

  if (self->closing || self->editor == NULL)
    return GTK_WINDOW_CLASS (crm_quote_window_parent_class)->close_request (window);
  focus = blur (self);
  if (!crm_quote_editor_get_dirty (self->editor))
    {
      g_clear_object (&focus);
      return GTK_WINDOW_CLASS (crm_quote_window_parent_class)->close_request (window);
    }
  restore_focus (self, focus);
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Save the changes to this quote before closing?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
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
crm_quote_window_dispose (GObject *object)
{
  CrmQuoteWindow *self = CRM_QUOTE_WINDOW (object);

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_object (&self->focus_item);
  if (self->lines_view != NULL)
    gtk_column_view_set_model (self->lines_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_QUOTE_WINDOW);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_object (&self->lines_selection);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_quote_window_parent_class)->dispose (object);
}

static void
crm_quote_window_class_init (CrmQuoteWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_quote_window_dispose;
  window_class->close_request = crm_quote_window_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  description_entry_quark = g_quark_from_static_string ("crm-quote-window-description-entry");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-quote-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, locked_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, code_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, contact_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, opportunity_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, sends_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, issue_date_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, valid_until_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, terms_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, issue_date_error);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, valid_until_error);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, terms_error);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, notes_error);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, lines_view);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, totals_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, subtotal_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, discount_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, net_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, vat_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, grand_total_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, words_label);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, revisions_button);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, revisions_list);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmQuoteWindow, diff_box);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_dropdown_selected_cb);

  gtk_widget_class_install_action (widget_class, "quote.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "quote.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "quote.redo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "quote.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "quote.accept", NULL, decide_activated);
  gtk_widget_class_install_action (widget_class, "quote.reject", NULL, decide_activated);
  gtk_widget_class_install_action (widget_class, "quote.make-contract", NULL, make_activated);
  gtk_widget_class_install_action (widget_class, "quote.make-order", NULL, make_activated);
  gtk_widget_class_install_action (widget_class, "quote.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "quote.pdf", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "quote.add-line", NULL, add_line_activated);
  gtk_widget_class_install_action (widget_class, "quote.compare", NULL, compare_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* Ctrl+S, Ctrl+Z and Ctrl+Shift+Z act on the quote even while an entry
 * (which has its own undo) has the focus. */
static void
add_shortcuts (CrmQuoteWindow *self)
{
  static const struct
  {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "<Control>s", "quote.save" },
    { "<Control>z", "quote.undo" },
    { "<Control><Shift>z", "quote.redo" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
crm_quote_window_init (CrmQuoteWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending = g_hash_table_new (NULL, NULL);
  add_shortcuts (self);
  add_line_columns (self);
  for (guint field = 0; field < CRM_QUOTE_EDITOR_N_FIELDS; field++)
    {
      GtkEntry *entry = field_entry (self, field);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_object_set_data (G_OBJECT (entry), "field", GUINT_TO_POINTER (field + 1));
      g_object_set_data (G_OBJECT (entry), "window", self);
      g_signal_connect (entry, "activate", G_CALLBACK (on_field_activated_cb), self);
      g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_left_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (entry), focus);
    }
}

/* Public API --------------------------------------------------------------------------------------- */

CrmQuoteWindow *
crm_quote_window_new (GtkWindow  *parent,
                      CrmStore   *store,
                      CrmSession *session)
{
  CrmQuoteWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_QUOTE_WINDOW, "transient-for", parent, NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->editor = crm_quote_editor_new (store, session);
  self->lines_selection = gtk_no_selection_new (g_object_ref (crm_quote_editor_get_lines (self->editor)));
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->lines_selection));
  g_signal_connect_object (self->editor, "notify", G_CALLBACK (on_editor_notify_cb), self, G_CONNECT_SWAPPED);
  return self;
}

static void
after_load (CrmQuoteWindow *self)
{
  load_contacts (self);
  refresh_opportunity (self);
  refresh_revisions (self);
  clear_box (self->diff_box);
  rebind_lines (self);
  refresh (self);
}

/**
 * crm_quote_window_load:
 *
 * Shows the saved quote @quote_id; %CRM_STORE_ERROR_NOT_FOUND when it is
 * gone or not the user's to see.
 */
gboolean
crm_quote_window_load (CrmQuoteWindow  *self,
                       gint64           quote_id,
                       GError         **error)
{
  g_return_val_if_fail (CRM_IS_QUOTE_WINDOW (self), FALSE);

  if (!crm_quote_editor_load (self->editor, quote_id, error))
    return FALSE;
  after_load (self);
  return TRUE;
}

/**
 * crm_quote_window_start_new:
 * @contact_id: the customer's contact, or 0
 * @opportunity_id: the customer's opportunity the quote answers, or 0
 *
 * A new draft for the customer, not saved until the user saves it, with
 * one empty line to type in.
 */
gboolean
crm_quote_window_start_new (CrmQuoteWindow  *self,
                            gint64           customer_id,
                            gint64           contact_id,
                            gint64           opportunity_id,
                            GError         **error)
{
  g_return_val_if_fail (CRM_IS_QUOTE_WINDOW (self), FALSE);

  if (!crm_quote_editor_start_new (self->editor, customer_id, contact_id, opportunity_id, error))
    return FALSE;
  after_load (self);
  add_line_after (self, -1);
  return TRUE;
}

gint64
crm_quote_window_get_quote_id (CrmQuoteWindow *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_WINDOW (self), 0);
  return crm_quote_editor_get_id (self->editor);
}
