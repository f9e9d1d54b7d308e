/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interactions-pane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contact.h"
#include "crm-interaction-store.h"
#include "crm-interactions-pane.h"
#include "crm-validate.h"

/* The Interactions tab: every contact with the customer, newest first,
 * and a line to log one in a few keystrokes — pick the kind, type what
 * was said, press Enter.  The time defaults to now; the next contact
 * date, when given, becomes the customer's next contact due. */

#define PAGE_SIZE 100

struct _CrmInteractionsPane
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  gint64              customer_id;
  GListStore         *entries;
  GtkSingleSelection *selection;
  GListModel         *contacts;      /* CrmContact, may be NULL */
  GArray             *contact_ids;   /* per contact choice; 0 first */
  gint64              n_total;

  GtkDropDown        *kind_dropdown;
  GtkEntry           *when_entry;
  GtkDropDown        *contact_dropdown;
  GtkEntry           *summary_entry;
  GtkEntry           *outcome_entry;
  GtkEntry           *next_entry;
  GtkLabel           *message_label;
  GtkLabel           *count_label;
  GtkWidget          *more_button;
  GtkWidget          *delete_button;
  GtkStack           *stack;
};

G_DEFINE_FINAL_TYPE (CrmInteractionsPane, crm_interactions_pane, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (CrmInteractionsPane *self,
              const char          *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_state (CrmInteractionsPane *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries",
                                                         (gulong) self->n_total), (guint) self->n_total);

  gtk_label_set_label (self->count_label, self->n_total > 0 ? count : "");
  gtk_widget_set_visible (self->more_button, shown < self->n_total);
  gtk_widget_set_sensitive (self->delete_button, gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_set_visible (self->delete_button,
                          self->session != NULL && crm_session_may (self->session, CRM_PERMISSION_DELETE));
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

/* Reads the newest entries again, as many as were shown (at least a page). */
gboolean
crm_interactions_pane_reload (CrmInteractionsPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint wanted;

  g_return_val_if_fail (CRM_IS_INTERACTIONS_PANE (self), FALSE);

  wanted = MAX (PAGE_SIZE, g_list_model_get_n_items (G_LIST_MODEL (self->entries)));
  if ((self->n_total = crm_interaction_store_count_for_customer (self->store, self->session, self->customer_id,
                                                                 &error)) < 0 ||
      !(entries = crm_interaction_store_list_for_customer (self->store, self->session, self->customer_id,
                                                           0, wanted, &error)))
    {
      self->n_total = 0;
      show_message (self, error->message);
      update_state (self);
      return FALSE;
    }
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  update_state (self);
  return TRUE;
}

static void
on_more_clicked_cb (CrmInteractionsPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) older = NULL;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  if (!(older = crm_interaction_store_list_for_customer (self->store, self->session, self->customer_id,
                                                         shown, PAGE_SIZE, &error)))
    {
      show_message (self, error->message);
      return;
    }
  g_list_store_splice (self->entries, shown, 0, older->pdata, older->len);
  update_state (self);
}

/* Contacts to say who was spoken to; follows the Contacts tab. */
static void
fill_contacts (CrmInteractionsPane *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 nobody = 0;

  g_array_set_size (self->contact_ids, 0);
  gtk_string_list_append (names, _("No particular contact"));
  g_array_append_val (self->contact_ids, nobody);
  for (guint i = 0; self->contacts != NULL && i < g_list_model_get_n_items (self->contacts); i++)
    {
      g_autoptr(CrmContact) contact = g_list_model_get_item (self->contacts, i);
      gint64 id = crm_contact_get_id (contact);

      gtk_string_list_append (names, crm_contact_get_full_name (contact));
      g_array_append_val (self->contact_ids, id);
    }
  gtk_drop_down_set_model (self->contact_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->contact_dropdown), self->contact_ids->len > 1);
}

void
crm_interactions_pane_set_contacts (CrmInteractionsPane *self,
                                    GListModel          *contacts)
{
  g_return_if_fail (CRM_IS_INTERACTIONS_PANE (self));

  if (self->contacts != NULL)
    g_signal_handlers_disconnect_by_func (self->contacts, fill_contacts, self);
  g_set_object (&self->contacts, contacts);
  if (contacts != NULL)
    g_signal_connect_object (contacts, "items-changed", G_CALLBACK (fill_contacts), self, G_CONNECT_SWAPPED);
  fill_contacts (self);
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%d/%m/%Y %H:%M");
}

/* Logging ----------------------------------------------------------------------- */

static void
on_add_cb (CrmInteractionsPane *self)
{
  g_autoptr(CrmInteraction) entry = crm_interaction_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint contact = gtk_drop_down_get_selected (self->contact_dropdown);

  crm_interaction_set_customer_id (entry, self->customer_id);
  crm_interaction_set_kind (entry, kind < CRM_INTERACTION_N_KINDS ? kind : CRM_INTERACTION_KIND_CALL);
  crm_interaction_set_occurred_at (entry, gtk_editable_get_text (GTK_EDITABLE (self->when_entry)));
  crm_interaction_set_contact_id (entry, contact < self->contact_ids->len
                                         ? g_array_index (self->contact_ids, gint64, contact) : 0);
  crm_interaction_set_summary (entry, gtk_editable_get_text (GTK_EDITABLE (self->summary_entry)));
  crm_interaction_set_outcome (entry, gtk_editable_get_text (GTK_EDITABLE (self->outcome_entry)));
  crm_interaction_set_next_due_on (entry, gtk_editable_get_text (GTK_EDITABLE (self->next_entry)));

  /* The line keeps what was typed when the entry is refused. */
  if (crm_interaction_store_add (self->store, self->session, entry, &error) == 0)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  now = now_text ();
  gtk_editable_set_text (GTK_EDITABLE (self->when_entry), now);
  gtk_editable_set_text (GTK_EDITABLE (self->summary_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->outcome_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->next_entry), "");
  crm_interactions_pane_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_entry));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_delete_response_cb (GtkDialog           *dialog,
                       int                  response,
                       CrmInteractionsPane *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "entry-id"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  if (!crm_interaction_store_delete (self->store, self->session, id, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  crm_interactions_pane_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_delete_clicked_cb (CrmInteractionsPane *self)
{
  CrmInteraction *entry = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *when = NULL;
  GtkWidget *dialog;

  if (entry == NULL)
    return;
  when = crm_interaction_format_occurred_at (entry);
  dialog = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
                                   GTK_BUTTONS_NONE, _("Remove the entry of %s from the history?"), when);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            crm_interaction_get_summary (entry));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Keep"), GTK_RESPONSE_CANCEL,
                          _("_Remove"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "entry-id", GSIZE_TO_POINTER (crm_interaction_get_id (entry)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rows ----------------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (gtk_widget_get_first_child (box), "dim-label");
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmInteraction *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *head = gtk_widget_get_first_child (box);
  GtkWidget *summary = gtk_widget_get_next_sibling (head);
  GtkWidget *tail = gtk_widget_get_next_sibling (summary);
  g_autofree char *when = crm_interaction_format_occurred_at (entry);
  g_autofree char *next = crm_day_format (crm_interaction_get_next_due_on (entry));
  g_autoptr(GString) line = g_string_new (when);
  g_autoptr(GString) after = g_string_new (NULL);
  const char *by = crm_interaction_get_user_name (entry);
  const char *with = crm_interaction_get_contact_name (entry);
  const char *outcome = crm_interaction_get_outcome (entry);

  g_string_append_printf (line, " · %s", crm_interaction_kind_label (crm_interaction_get_kind (entry)));
  if (by != NULL)
    g_string_append_printf (line, " · %s", by);
  if (with != NULL)
    g_string_append_printf (line, _(" · with %s"), with);
  gtk_label_set_label (GTK_LABEL (head), line->str);
  gtk_label_set_label (GTK_LABEL (summary), crm_interaction_get_summary (entry));
  if (outcome != NULL && *outcome != '\0')
    g_string_append_printf (after, _("Outcome: %s"), outcome);
  if (*next != '\0')
    {
      if (after->len > 0)
        g_string_append (after, " · ");
      g_string_append_printf (after, _("Next contact: %s"), next);
    }
  gtk_label_set_label (GTK_LABEL (tail), after->str);
  gtk_widget_set_visible (tail, after->len > 0);
}

/* GObject --------------------------------------------------------------------------- */

static GtkEntry *
labelled_entry (const char *label,
                const char *placeholder,
                int         width_chars)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_entry_set_placeholder_text (entry, placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return entry;
}

static void
crm_interactions_pane_dispose (GObject *object)
{
  CrmInteractionsPane *self = CRM_INTERACTIONS_PANE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  if (self->contacts != NULL)
    g_signal_handlers_disconnect_by_func (self->contacts, fill_contacts, self);
  g_clear_object (&self->contacts);
  g_clear_pointer (&self->contact_ids, g_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_interactions_pane_parent_class)->dispose (object);
}

static void
crm_interactions_pane_class_init (CrmInteractionsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_interactions_pane_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /* An entry was logged or removed: last contact and next due moved. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_interactions_pane_init (CrmInteractionsPane *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *quick = gtk_grid_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Log"));
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *empty = gtk_label_new (_("Nothing logged yet. Type what was said above and press Enter."));
  GtkWidget *view;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *now = now_text ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->entries = g_list_store_new (CRM_TYPE_INTERACTION);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint kind = 0; kind < CRM_INTERACTION_N_KINDS; kind++)
    gtk_string_list_append (kinds, crm_interaction_kind_label (kind));
  self->kind_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind of contact"), -1);
  self->when_entry = labelled_entry (_("When"), _("dd/mm/yyyy hh:mm"), 16);
  gtk_editable_set_text (GTK_EDITABLE (self->when_entry), now);
  self->contact_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->contact_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Contact person"), -1);
  self->summary_entry = labelled_entry (_("What was said or done"), _("What was said or done"), 30);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary_entry), TRUE);
  self->outcome_entry = labelled_entry (_("Outcome"), _("Outcome"), 20);
  self->next_entry = labelled_entry (_("Next contact date"), _("Next contact dd/mm/yyyy"), 14);
  g_signal_connect_swapped (self->summary_entry, "activate", G_CALLBACK (on_add_cb), self);
  g_signal_connect_swapped (self->outcome_entry, "activate", G_CALLBACK (on_add_cb), self);
  g_signal_connect_swapped (self->next_entry, "activate", G_CALLBACK (on_add_cb), self);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_cb), self);
  gtk_widget_add_css_class (add, "suggested-action");

  gtk_grid_set_row_spacing (GTK_GRID (quick), 6);
  gtk_grid_set_column_spacing (GTK_GRID (quick), 6);
  gtk_grid_attach (GTK_GRID (quick), GTK_WIDGET (self->kind_dropdown), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (quick), GTK_WIDGET (self->when_entry), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (quick), GTK_WIDGET (self->contact_dropdown), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (quick), GTK_WIDGET (self->summary_entry), 0, 1, 3, 1);
  gtk_grid_attach (GTK_GRID (quick), GTK_WIDGET (self->outcome_entry), 0, 2, 2, 1);
  gtk_grid_attach (GTK_GRID (quick), GTK_WIDGET (self->next_entry), 2, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (quick), add, 3, 1, 1, 1);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_label_set_xalign (self->count_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  self->delete_button = gtk_button_new_with_mnemonic (_("_Remove…"));
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (bar), self->delete_button);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("History"), -1);
  gtk_widget_set_vexpand (view, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  self->more_button = gtk_button_new_with_mnemonic (_("Show _Older Entries"));
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (on_more_clicked_cb), self);
  gtk_box_append (GTK_BOX (list), view);
  gtk_box_append (GTK_BOX (list), self->more_button);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_widget_add_css_class (empty, "dim-label");
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, scrolled, "list");

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), quick);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  fill_contacts (self);
}

GtkWidget *
crm_interactions_pane_new (CrmStore   *store,
                           CrmSession *session,
                           gint64      customer_id)
{
  CrmInteractionsPane *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);

  self = g_object_new (CRM_TYPE_INTERACTIONS_PANE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->customer_id = customer_id;
  crm_interactions_pane_reload (self);
  return GTK_WIDGET (self);
}
