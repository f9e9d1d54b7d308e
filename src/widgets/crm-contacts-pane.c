/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contacts-pane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-contacts-pane.h"

/* The Contacts tab: the people to talk to at an organisation, the main
 * one first.  Each is added or edited in a small form that keeps what
 * was typed when the store refuses it. */
struct _CrmContactsPane
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  gint64              customer_id;
  GListStore         *contacts;
  GtkSingleSelection *selection;

  GtkWidget          *edit_button;
  GtkWidget          *primary_button;
  GtkWidget          *delete_button;
  GtkLabel           *message_label;
  GtkStack           *stack;
};

G_DEFINE_FINAL_TYPE (CrmContactsPane, crm_contacts_pane, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (CrmContactsPane *self,
              const char      *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static CrmContact *
selected_contact (CrmContactsPane *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_buttons (CrmContactsPane *self)
{
  CrmContact *contact = selected_contact (self);

  gtk_widget_set_sensitive (self->edit_button, contact != NULL);
  gtk_widget_set_sensitive (self->delete_button, contact != NULL);
  gtk_widget_set_visible (self->delete_button,
                          self->session != NULL && crm_session_may (self->session, CRM_PERMISSION_DELETE));
  gtk_widget_set_sensitive (self->primary_button, contact != NULL && !crm_contact_get_is_primary (contact));
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (G_LIST_MODEL (self->contacts)) > 0
                                                 ? "list" : "empty");
}

/**
 * crm_contacts_pane_get_contacts:
 *
 * Returns: (transfer none): the customer's contacts as shown, main first
 */
GListModel *
crm_contacts_pane_get_contacts (CrmContactsPane *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_PANE (self), NULL);
  return G_LIST_MODEL (self->contacts);
}

gboolean
crm_contacts_pane_reload (CrmContactsPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_val_if_fail (CRM_IS_CONTACTS_PANE (self), FALSE);

  if (!(contacts = crm_contact_store_list_for_customer (self->store, self->session, self->customer_id, &error)))
    {
      show_message (self, error->message);
      return FALSE;
    }
  g_list_store_splice (self->contacts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->contacts)),
                       contacts->pdata, contacts->len);
  update_buttons (self);
  return TRUE;
}

static void
changed (CrmContactsPane *self)
{
  show_message (self, NULL);
  crm_contacts_pane_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Rows ---------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmContact *contact = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  g_autofree char *phone = crm_contact_dup_phone_display (contact);
  g_autofree char *title = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  const char *parts[] = { crm_contact_get_position (contact), phone, crm_contact_get_email (contact) };

  title = crm_contact_get_is_primary (contact)
          ? g_strdup_printf (_("%s (main contact)"), crm_contact_get_full_name (contact))
          : g_strdup (crm_contact_get_full_name (contact));
  gtk_label_set_label (GTK_LABEL (name), title);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", parts[i]);
  gtk_label_set_label (GTK_LABEL (details), line->str);
  gtk_widget_set_visible (details, line->len > 0);
}

/* The form -------------------------------------------------------------------- */

typedef struct
{
  CrmContactsPane *self;
  CrmContact      *contact;   /* a copy: the pane's row stays as stored */
  GtkWindow       *window;
  GtkEntry        *entries[5];
  GtkCheckButton  *primary_check;
  GtkLabel        *error_label;
} ContactForm;

static const char *const form_labels[] = {
  N_("Full name"), N_("Position"), N_("Phone"), N_("Email"), N_("Notes"),
};

static void
contact_form_free (ContactForm *form)
{
  g_object_unref (form->contact);
  g_object_unref (form->self);
  g_free (form);
}

static void
on_form_save_cb (GtkWidget   *widget,
                 ContactForm *form)
{
  void (*setters[]) (CrmContact *, const char *) = {
    crm_contact_set_full_name, crm_contact_set_position, crm_contact_set_phone,
    crm_contact_set_email, crm_contact_set_notes,
  };
  g_autoptr(GError) error = NULL;
  gboolean saved;

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (form->contact, gtk_editable_get_text (GTK_EDITABLE (form->entries[i])));
  crm_contact_set_is_primary (form->contact, gtk_check_button_get_active (form->primary_check));

  if (crm_contact_get_id (form->contact) == 0)
    saved = crm_contact_store_create (form->self->store, form->self->session, form->contact, &error) > 0;
  else
    saved = crm_contact_store_update (form->self->store, form->self->session, form->contact, &error);
  if (!saved)
    {
      gtk_label_set_label (form->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
      return;
    }
  changed (form->self);
  gtk_window_destroy (form->window);
}

static void
open_form (CrmContactsPane *self,
           CrmContact      *existing)
{
  ContactForm *form = g_new0 (ContactForm, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  const char *values[5] = { NULL };
  g_autofree char *phone = NULL;

  form->self = g_object_ref (self);
  form->window = GTK_WINDOW (window);
  if (existing != NULL)
    {
      form->contact = crm_contact_copy (existing);
      phone = crm_contact_dup_phone_display (existing);
      values[0] = crm_contact_get_full_name (existing);
      values[1] = crm_contact_get_position (existing);
      values[2] = phone;
      values[3] = crm_contact_get_email (existing);
      values[4] = crm_contact_get_notes (existing);
    }
  else
    {
      form->contact = crm_contact_new ();
      crm_contact_set_customer_id (form->contact, self->customer_id);
    }
  g_object_set_data_full (G_OBJECT (window), "form", form, (GDestroyNotify) contact_form_free);

  gtk_window_set_title (GTK_WINDOW (window), existing ? _("Edit Contact") : _("New Contact"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 440, -1);
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect (save, "clicked", G_CALLBACK (on_form_save_cb), form);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  for (guint i = 0; i < G_N_ELEMENTS (form_labels); i++)
    {
      GtkWidget *label = gtk_label_new (_(form_labels[i]));

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "dim-label");
      form->entries[i] = GTK_ENTRY (gtk_entry_new ());
      gtk_widget_set_hexpand (GTK_WIDGET (form->entries[i]), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (form->entries[i]), values[i] ? values[i] : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (form->entries[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(form_labels[i]), -1);
      g_signal_connect (form->entries[i], "activate", G_CALLBACK (on_form_save_cb), form);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (form->entries[i]), 1, i, 1, 1);
    }
  form->primary_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Main contact")));
  gtk_check_button_set_active (form->primary_check, existing ? crm_contact_get_is_primary (existing)
                                                             : g_list_model_get_n_items (G_LIST_MODEL (self->contacts)) == 0);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (form->primary_check), 1, G_N_ELEMENTS (form_labels), 1, 1);
  form->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->error_label, TRUE);
  gtk_label_set_xalign (form->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (form->error_label), 0, G_N_ELEMENTS (form_labels) + 1, 2, 1);
  gtk_window_set_child (GTK_WINDOW (window), grid);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_add_clicked_cb (CrmContactsPane *self)
{
  open_form (self, NULL);
}

static void
on_edit_clicked_cb (CrmContactsPane *self)
{
  CrmContact *contact = selected_contact (self);

  if (contact != NULL)
    open_form (self, contact);
}

static void
on_activate_cb (CrmContactsPane *self,
                guint            position)
{
  g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (self->contacts), position);

  if (contact != NULL)
    open_form (self, contact);
}

static void
on_primary_clicked_cb (CrmContactsPane *self)
{
  CrmContact *selected = selected_contact (self);
  g_autoptr(CrmContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  if (selected == NULL)
    return;
  contact = crm_contact_copy (selected);
  crm_contact_set_is_primary (contact, TRUE);
  if (!crm_contact_store_update (self->store, self->session, contact, &error))
    show_message (self, error->message);
  else
    changed (self);
}

static void
on_delete_response_cb (GtkDialog       *dialog,
                       int              response,
                       CrmContactsPane *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  if (!crm_contact_store_delete (self->store, self->session, id, &error))
    show_message (self, error->message);
  else
    changed (self);
}

static void
on_delete_clicked_cb (CrmContactsPane *self)
{
  CrmContact *contact = selected_contact (self);
  GtkWidget *dialog;

  if (contact == NULL)
    return;
  dialog = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
                                   GTK_BUTTONS_NONE, _("Remove the contact “%s”?"),
                                   crm_contact_get_full_name (contact));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The history keeps what was done with them."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Keep"), GTK_RESPONSE_CANCEL,
                          _("_Remove"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "contact-id", GSIZE_TO_POINTER (crm_contact_get_id (contact)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject --------------------------------------------------------------------- */

static GtkWidget *
toolbar_button (CrmContactsPane *self,
                const char      *label,
                GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
crm_contacts_pane_dispose (GObject *object)
{
  CrmContactsPane *self = CRM_CONTACTS_PANE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->contacts);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_contacts_pane_parent_class)->dispose (object);
}

static void
crm_contacts_pane_class_init (CrmContactsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_contacts_pane_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /* A contact was added, changed or removed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_contacts_pane_init (CrmContactsPane *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *add = toolbar_button (self, _("_Add Contact…"), G_CALLBACK (on_add_clicked_cb));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view;
  GtkWidget *empty;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->contacts = g_list_store_new (CRM_TYPE_CONTACT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->contacts)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Contacts"), -1);
  g_signal_connect_swapped (view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_buttons), self,
                           G_CONNECT_SWAPPED);

  self->edit_button = toolbar_button (self, _("_Edit…"), G_CALLBACK (on_edit_clicked_cb));
  self->primary_button = toolbar_button (self, _("Make _Main Contact"), G_CALLBACK (on_primary_clicked_cb));
  self->delete_button = toolbar_button (self, _("_Remove…"), G_CALLBACK (on_delete_clicked_cb));
  gtk_widget_add_css_class (self->delete_button, "destructive-action");
  gtk_box_append (GTK_BOX (bar), add);
  gtk_box_append (GTK_BOX (bar), self->edit_button);
  gtk_box_append (GTK_BOX (bar), self->primary_button);
  gtk_box_append (GTK_BOX (bar), self->delete_button);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);

  empty = gtk_label_new (_("No contacts yet. Add the people you deal with at this customer."));
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, scrolled, "list");

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  update_buttons (self);
}

GtkWidget *
crm_contacts_pane_new (CrmStore   *store,
                       CrmSession *session,
                       gint64      customer_id)
{
  CrmContactsPane *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);

  self = g_object_new (CRM_TYPE_CONTACTS_PANE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->customer_id = customer_id;
  crm_contacts_pane_reload (self);
  update_buttons (self);
  return GTK_WIDGET (self);
}
