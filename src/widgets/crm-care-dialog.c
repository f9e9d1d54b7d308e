/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-dialog"

#include "config.h"

#include "crm-care-dialog.h"

#include <glib/gi18n-lib.h>

#include "crm-care-store.h"
#include "crm-customer-picker.h"
#include "crm-text.h"
#include "crm-user-store.h"

/* The editor works on a copy: `original` is the case as read (or a new
 * one), the fields are read into a draft on every check, and save hands
 * the draft to the store, which refuses a stale row_version.  A status
 * move or an added action saves pending edits first, so nothing typed is
 * lost or saved over. */
struct _CrmCareDialog
{
  GtkWindow     parent_instance;

  CrmStore     *store;
  CrmSession   *session;
  CrmCareCase  *original;
  GArray       *assignee_ids;     /* gint64 per assignee choice */
  gboolean      closing;
  gboolean      filling;

  GtkWidget    *customer_picker;
  gint64        picked_id;        /* the last customer the picker reported… */
  char         *picked_text;      /* …and the entry's text then */

  /* template */
  GtkLabel     *message_label;
  GtkBox       *customer_box;
  GtkDropDown  *kind_dropdown;
  GtkEntry     *subject_entry;
  GtkEntry     *description_entry;
  GtkDropDown  *priority_dropdown;
  GtkLabel     *assignee_label;
  GtkDropDown  *assignee_dropdown;
  GtkEntry     *due_entry;
  GtkLabel     *status_label;
  GtkWidget    *start_button;
  GtkWidget    *wait_button;
  GtkWidget    *resolve_button;
  GtkWidget    *close_button;
  GtkWidget    *reopen_button;
  GtkListBox   *timeline_list;
  GtkEntry     *note_entry;
  GtkEntry     *when_entry;
  GtkDropDown  *how_dropdown;
  GtkEntry     *outcome_entry;
};

G_DEFINE_FINAL_TYPE (CrmCareDialog, crm_care_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The ways an action may have reached the customer, in the "How" list. */
static const CrmInteractionKind action_kinds[] = {
  CRM_INTERACTION_KIND_CALL,
  CRM_INTERACTION_KIND_CARE_CALL,
  CRM_INTERACTION_KIND_CARE_VISIT,
  CRM_INTERACTION_KIND_MEETING,
  CRM_INTERACTION_KIND_EMAIL,
  CRM_INTERACTION_KIND_CHAT,
  CRM_INTERACTION_KIND_CARE_THANKS,
  CRM_INTERACTION_KIND_CARE_SURVEY,
  CRM_INTERACTION_KIND_NOTE,
};

static void
show_message (CrmCareDialog *self,
              const char    *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static const char *
entry_text (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Draft ------------------------------------------------------------------------ */

static const char *
picker_text (CrmCareDialog *self)
{
  return entry_text (GTK_ENTRY (crm_customer_picker_get_entry (CRM_CUSTOMER_PICKER (self->customer_picker))));
}

/* The picker's customer.  GtkSearchEntry reports a text change a moment
 * after it happens, and the picker drops its choice on that report even
 * when the change was its own; a customer stays chosen for as long as
 * the entry shows what it showed when the picker reported it. */
static gint64
chosen_customer (CrmCareDialog *self)
{
  gint64 id = crm_customer_picker_get_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker));

  if (id > 0)
    return id;
  if (self->picked_id > 0 && g_strcmp0 (picker_text (self), self->picked_text) == 0)
    return self->picked_id;
  return 0;
}

static void
on_customer_picked_cb (CrmCareDialog *self)
{
  gint64 id = crm_customer_picker_get_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker));

  if (id > 0)
    {
      self->picked_id = id;
      g_free (self->picked_text);
      self->picked_text = g_strdup (picker_text (self));
    }
  if (!self->filling)
    show_message (self, NULL);
}

static CrmCareCase *
read_draft (CrmCareDialog  *self,
            GError        **error)
{
  g_autoptr(CrmCareCase) draft = crm_care_case_copy (self->original);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint priority = gtk_drop_down_get_selected (self->priority_dropdown);
  guint assignee = gtk_drop_down_get_selected (self->assignee_dropdown);

  draft->customer_id = chosen_customer (self);
  if (kind < CRM_CARE_N_KINDS)
    draft->kind = kind;
  if (priority < CRM_CARE_N_PRIORITIES)
    draft->priority = priority;
  g_free (draft->subject);
  draft->subject = g_strdup (entry_text (self->subject_entry));
  g_free (draft->description);
  draft->description = g_strdup (entry_text (self->description_entry));
  g_free (draft->due_on);
  draft->due_on = g_strdup (entry_text (self->due_entry));
  if (assignee < self->assignee_ids->len)
    draft->assignee_id = g_array_index (self->assignee_ids, gint64, assignee);
  if (!crm_care_case_validate (draft, error))
    return NULL;
  return g_steal_pointer (&draft);
}

/* Whether the fields differ from what was read. */
static gboolean
is_dirty (CrmCareDialog *self)
{
  g_autoptr(CrmCareCase) original = crm_care_case_copy (self->original);
  g_autoptr(CrmCareCase) draft = read_draft (self, NULL);

  /* A new one left blank is nothing to lose; anything else that does not
   * read is something the user typed. */
  if (draft == NULL)
    return self->original->id > 0 || chosen_customer (self) > 0 ||
           !crm_text_is_blank (entry_text (self->subject_entry)) ||
           !crm_text_is_blank (entry_text (self->description_entry)) ||
           !crm_text_is_blank (entry_text (self->due_entry));
  if (self->original->id == 0)
    return TRUE;
  crm_care_case_validate (original, NULL);
  return draft->customer_id != original->customer_id || draft->kind != original->kind ||
         draft->priority != original->priority || g_strcmp0 (draft->subject, original->subject) != 0 ||
         g_strcmp0 (draft->description, original->description) != 0 ||
         g_strcmp0 (draft->due_on, original->due_on) != 0 ||
         (draft->assignee_id != original->assignee_id && original->assignee_id != 0);
}

/* An action typed but not added is something to lose too. */
static gboolean
has_pending_action (CrmCareDialog *self)
{
  return !crm_text_is_blank (entry_text (self->note_entry)) ||
         !crm_text_is_blank (entry_text (self->outcome_entry));
}

/* Filling ------------------------------------------------------------------------ */

static void
update_title (CrmCareDialog *self)
{
  g_autofree char *title = NULL;

  if (self->original->id == 0)
    title = g_strdup (_("New Care Case"));
  else
    /* TRANSLATORS: the window title of a care case's editor. */
    title = g_strdup_printf (_("Care Case: %s"), self->original->subject);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* "Status: In progress", the buttons of the moves the case may make. */
static void
update_status (CrmCareDialog *self)
{
  const struct { GtkWidget *button; CrmCareStatus status; } moves[] = {
    { self->start_button, CRM_CARE_STATUS_IN_PROGRESS },
    { self->wait_button, CRM_CARE_STATUS_WAITING },
    { self->resolve_button, CRM_CARE_STATUS_RESOLVED },
    { self->close_button, CRM_CARE_STATUS_CLOSED },
  };
  gboolean exists = self->original->id > 0;
  CrmCareStatus status = self->original->status;
  g_autofree char *text = NULL;

  /* TRANSLATORS: the status of a care case in its editor. */
  text = g_strdup_printf (_("Status: %s"), crm_care_status_label (status));
  gtk_label_set_label (self->status_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_set_visible (moves[i].button, exists && moves[i].status != status &&
                                             crm_care_status_can_move (status, moves[i].status) &&
                                             !(status == CRM_CARE_STATUS_RESOLVED &&
                                               moves[i].status == CRM_CARE_STATUS_IN_PROGRESS));
  gtk_widget_set_visible (self->reopen_button, exists && status == CRM_CARE_STATUS_RESOLVED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "care.move", exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "care.add-action", status != CRM_CARE_STATUS_CLOSED);
}

static GtkWidget *
timeline_row (const CrmCareAction *action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (action->note);
  g_autofree char *when = crm_care_format_when (action->occurred_at);
  g_autofree char *head_text = NULL;
  g_autofree char *name = NULL;

  /* TRANSLATORS: a step of a care case's timeline: when, how, who. */
  head_text = g_strdup_printf (_("%s · %s · %s"), when, crm_interaction_kind_label (action->how),
                               action->user_name != NULL ? action->user_name : "");
  gtk_label_set_label (GTK_LABEL (head), head_text);
  gtk_widget_add_css_class (head, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), note);
  if (action->outcome != NULL)
    {
      g_autofree char *outcome_text = g_strdup_printf (_("Outcome: %s"), action->outcome);
      GtkWidget *outcome = gtk_label_new (outcome_text);

      gtk_label_set_xalign (GTK_LABEL (outcome), 0);
      gtk_label_set_wrap (GTK_LABEL (outcome), TRUE);
      gtk_box_append (GTK_BOX (box), outcome);
    }
  g_object_set (box, "margin-top", 6, "margin-bottom", 6, "margin-start", 8, "margin-end", 8, NULL);
  name = g_strdup_printf ("%s: %s", when, action->note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return box;
}

static void
fill_timeline (CrmCareDialog *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))))
    gtk_list_box_remove (self->timeline_list, child);
  if (self->original->id <= 0)
    return;
  if (!(actions = crm_care_store_list_actions (self->store, self->session, self->original->id, &error)))
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < actions->len; i++)
    gtk_list_box_append (self->timeline_list, timeline_row (g_ptr_array_index (actions, i)));
}

/* The action form ready for the next step: now, the case's usual way. */
static void
reset_action_form (CrmCareDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%d/%m/%Y %H:%M");
  CrmInteractionKind how = crm_care_kind_default_action (self->original->kind);

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->outcome_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->when_entry), when);
  for (guint i = 0; i < G_N_ELEMENTS (action_kinds); i++)
    if (action_kinds[i] == how)
      gtk_drop_down_set_selected (self->how_dropdown, i);
}

/* Managers and administrators give the case to anyone they may assign
 * work to; staff see no choice. */
static void
fill_assignees (CrmCareDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = NULL;
  gboolean choose = crm_session_get_role (self->session) != CRM_ROLE_STAFF;
  guint selected = GTK_INVALID_LIST_POSITION;
  gint64 assignee = self->original->assignee_id;

  g_array_set_size (self->assignee_ids, 0);
  if (choose && (users = crm_user_store_list_assignees (self->store, self->session, NULL)) != NULL)
    for (guint i = 0; i < users->len; i++)
      {
        const CrmUserEntry *user = g_ptr_array_index (users, i);

        if (user->id == assignee)
          selected = self->assignee_ids->len;
        gtk_string_list_append (names, user->full_name);
        g_array_append_val (self->assignee_ids, user->id);
      }
  /* An assignee outside the list (another team, switched off) stays. */
  if (choose && selected == GTK_INVALID_LIST_POSITION && assignee > 0)
    {
      selected = self->assignee_ids->len;
      gtk_string_list_append (names, self->original->assignee_name ? self->original->assignee_name : "");
      g_array_append_val (self->assignee_ids, assignee);
    }
  gtk_drop_down_set_model (self->assignee_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->assignee_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->assignee_label), choose);
  gtk_widget_set_visible (GTK_WIDGET (self->assignee_dropdown), choose);
}

static void
fill (CrmCareDialog *self)
{
  g_autofree char *due = crm_care_case_format_due (self->original);

  self->filling = TRUE;
  if (chosen_customer (self) != self->original->customer_id)
    crm_customer_picker_set_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker),
                                         self->original->customer_id);
  gtk_drop_down_set_selected (self->kind_dropdown, self->original->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry),
                         self->original->subject ? self->original->subject : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_entry),
                         self->original->description ? self->original->description : "");
  gtk_drop_down_set_selected (self->priority_dropdown, self->original->priority);
  gtk_editable_set_text (GTK_EDITABLE (self->due_entry), due);
  fill_assignees (self);
  self->filling = FALSE;
  update_title (self);
  update_status (self);
  fill_timeline (self);
}

/* Saving ----------------------------------------------------------------------- */

static void
on_field_changed_cb (CrmCareDialog *self)
{
  if (!self->filling)
    show_message (self, NULL);
}

/* Saves what the fields say (a new case is created); TRUE when the case
 * is stored as shown. */
static gboolean
save (CrmCareDialog *self)
{
  g_autoptr(CrmCareCase) draft = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!(draft = read_draft (self, &error)))
    {
      show_message (self, error->message);
      return FALSE;
    }
  if (draft->id == 0)
    ok = crm_care_store_create (self->store, self->session, draft, &error) > 0;
  else
    ok = crm_care_store_save (self->store, self->session, draft, &error);
  if (!ok)
    {
      show_message (self, error->message);
      return FALSE;
    }
  crm_care_case_free (self->original);
  self->original = g_steal_pointer (&draft);
  show_message (self, NULL);
  fill (self);
  g_signal_emit (self, signals[SAVED], 0, self->original->id);
  return TRUE;
}

/* Reads the case again after a change made outside the fields. */
static gboolean
reload (CrmCareDialog *self)
{
  g_autoptr(GError) error = NULL;
  CrmCareCase *fresh = crm_care_store_get (self->store, self->session, self->original->id, &error);

  if (fresh == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }
  crm_care_case_free (self->original);
  self->original = fresh;
  fill (self);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (CRM_CARE_DIALOG (widget));
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmCareDialog *self = CRM_CARE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  CrmCareStatus status;

  if (!crm_care_status_from_string (g_variant_get_string (parameter, NULL), &status) ||
      self->original->id <= 0)
    return;
  if (is_dirty (self) && !save (self))
    return;
  if (!crm_care_store_set_status (self->store, self->session, self->original->id, status, &error))
    {
      show_message (self, error->message);
      return;
    }
  if (reload (self))
    show_message (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->original->id);
}

static void
add_action_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmCareDialog *self = CRM_CARE_DIALOG (widget);
  g_autoptr(CrmCareAction) action = crm_care_action_new ();
  g_autoptr(GError) error = NULL;
  guint how = gtk_drop_down_get_selected (self->how_dropdown);

  if ((self->original->id == 0 || is_dirty (self)) && !save (self))
    return;
  action->case_id = self->original->id;
  action->note = g_strdup (entry_text (self->note_entry));
  action->outcome = g_strdup (entry_text (self->outcome_entry));
  g_free (action->occurred_at);
  action->occurred_at = g_strdup (entry_text (self->when_entry));
  action->how = how < G_N_ELEMENTS (action_kinds) ? action_kinds[how] : CRM_INTERACTION_KIND_NOTE;
  if (crm_care_store_add_action (self->store, self->session, action, &error) == 0)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  reset_action_form (self);
  fill_timeline (self);
  g_signal_emit (self, signals[SAVED], 0, self->original->id);
}

static void
on_close_response_cb (GtkDialog     *dialog,
                      int            response,
                      CrmCareDialog *self)
{
  /* The dialog outlives this handler, and this window may not: part now. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_CANCEL || response == GTK_RESPONSE_DELETE_EVENT)
    return;
  if (response == GTK_RESPONSE_ACCEPT && !save (self))
    return;
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Unsaved changes are never dropped silently: Save, Discard or Cancel. */
static gboolean
crm_care_dialog_close_request (GtkWindow *window)
{
  CrmCareDialog *self = CRM_CARE_DIALOG (window);
  GtkWidget *dialog;

  if (self->closing || (!is_dirty (self) && !has_pending_action (self)))
    return GTK_WINDOW_CLASS (crm_care_dialog_parent_class)->close_request (window);
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Save the changes to this care case?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            is_dirty (self)
                                            ? _("What you typed has not been saved.")
                                            : _("The action you typed has not been added to the timeline; saving keeps only the case."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject ------------------------------------------------------------------------- */

static void
crm_care_dialog_dispose (GObject *object)
{
  CrmCareDialog *self = CRM_CARE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CARE_DIALOG);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_care_dialog_parent_class)->dispose (object);
}

static void
crm_care_dialog_finalize (GObject *object)
{
  CrmCareDialog *self = CRM_CARE_DIALOG (object);

  g_clear_pointer (&self->original, crm_care_case_free);
  g_clear_pointer (&self->assignee_ids, g_array_unref);
  g_free (self->picked_text);

  G_OBJECT_CLASS (crm_care_dialog_parent_class)->finalize (object);
}

static void
crm_care_dialog_class_init (CrmCareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_care_dialog_dispose;
  object_class->finalize = crm_care_dialog_finalize;
  window_class->close_request = crm_care_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-care-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, customer_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, description_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, priority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, assignee_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, due_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, wait_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, when_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, how_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCareDialog, outcome_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "care.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "care.move", "s", move_activated);
  gtk_widget_class_install_action (widget_class, "care.add-action", NULL, add_action_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "care.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_care_dialog_init (CrmCareDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) priorities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) hows = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->assignee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint kind = 0; kind < CRM_CARE_N_KINDS; kind++)
    gtk_string_list_append (kinds, crm_care_kind_label (kind));
  for (guint priority = 0; priority < CRM_CARE_N_PRIORITIES; priority++)
    gtk_string_list_append (priorities, crm_care_priority_label (priority));
  for (guint i = 0; i < G_N_ELEMENTS (action_kinds); i++)
    gtk_string_list_append (hows, crm_interaction_kind_label (action_kinds[i]));
  self->filling = TRUE;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->priority_dropdown, G_LIST_MODEL (priorities));
  gtk_drop_down_set_model (self->how_dropdown, G_LIST_MODEL (hows));
  self->filling = FALSE;
}

/**
 * crm_care_dialog_new:
 *
 * Returns: (transfer none): the editor, shown; or %NULL with @error set
 */
CrmCareDialog *
crm_care_dialog_new (GtkWindow   *parent,
                     CrmStore    *store,
                     CrmSession  *session,
                     gint64       case_id,
                     gint64       customer_id,
                     GError     **error)
{
  g_autoptr(CrmCareCase) original = NULL;
  CrmCareDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (case_id > 0)
    {
      if (!(original = crm_care_store_get (store, session, case_id, error)))
        return NULL;
    }
  else
    {
      original = crm_care_case_new ();
      original->customer_id = MAX (customer_id, 0);
    }

  self = g_object_new (CRM_TYPE_CARE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->original = g_steal_pointer (&original);
  self->customer_picker = crm_customer_picker_new (store, session);
  gtk_widget_set_hexpand (self->customer_picker, TRUE);
  gtk_box_append (self->customer_box, self->customer_picker);
  /* The picker names its entry "Customer" itself. */
  g_signal_connect_swapped (self->customer_picker, "notify::customer-id", G_CALLBACK (on_customer_picked_cb), self);
  fill (self);
  reset_action_form (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->original->id > 0 ? GTK_WIDGET (self->subject_entry)
                                                : crm_customer_picker_get_entry (CRM_CUSTOMER_PICKER (self->customer_picker)));
  return self;
}
