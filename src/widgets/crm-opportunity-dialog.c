/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-opportunity-dialog"

#include "config.h"

#include "crm-opportunity-dialog.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-picker.h"
#include "crm-money.h"
#include "crm-opportunity-store.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* The editor works on a copy: `original` is the opportunity as read (or
 * a new one), the fields are read into a draft on every check, and save
 * hands the draft to the store, which refuses a stale row_version. */
struct _CrmOpportunityDialog
{
  GtkWindow          parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmOpportunity    *original;
  GArray            *owner_ids;        /* gint64 per owner choice */
  CrmOpportunityStage shown_stage;     /* the stage the probability follows */
  gboolean           closing;
  gboolean           filling;

  GtkWidget         *customer_picker;
  gint64             picked_id;        /* the last customer the picker reported… */
  char              *picked_text;      /* …and the entry's text then */

  /* template */
  GtkLabel          *message_label;
  GtkBox            *customer_box;
  GtkEntry          *title_entry;
  GtkDropDown       *stage_dropdown;
  GtkLabel          *reason_label;
  GtkEntry          *reason_entry;
  GtkEntry          *value_entry;
  GtkSpinButton     *probability_spin;
  GtkEntry          *close_entry;
  GtkLabel          *owner_label;
  GtkDropDown       *owner_dropdown;
  GtkLabel          *dates_label;
  GtkWidget         *new_quote_button;
  GtkWidget         *delete_button;
};

G_DEFINE_FINAL_TYPE (CrmOpportunityDialog, crm_opportunity_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (CrmOpportunityDialog *self,
              const char           *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* Draft ------------------------------------------------------------------------ */

static const char *
picker_text (CrmOpportunityDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (crm_customer_picker_get_entry (CRM_CUSTOMER_PICKER (self->customer_picker))));
}

/* The picker's customer.  GtkSearchEntry reports a text change a moment
 * after it happens, and the picker drops its choice on that report even
 * when the change was its own; a customer stays chosen for as long as
 * the entry shows what it showed when the picker reported it. */
static gint64
chosen_customer (CrmOpportunityDialog *self)
{
  gint64 id = crm_customer_picker_get_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker));

  if (id > 0)
    return id;
  if (self->picked_id > 0 && g_strcmp0 (picker_text (self), self->picked_text) == 0)
    return self->picked_id;
  return 0;
}

static void
on_customer_picked_cb (CrmOpportunityDialog *self)
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

static CrmOpportunityStage
chosen_stage (CrmOpportunityDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->stage_dropdown);

  return selected < CRM_OPPORTUNITY_N_STAGES ? (CrmOpportunityStage) selected : CRM_OPPORTUNITY_STAGE_NEW;
}

/* What the fields say, over a copy of the original; FALSE with @error for
 * a value that is not an amount. */
static CrmOpportunity *
read_draft (CrmOpportunityDialog  *self,
            GError               **error)
{
  g_autoptr(CrmOpportunity) draft = crm_opportunity_copy (self->original);
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);

  draft->customer_id = chosen_customer (self);
  g_free (draft->title);
  draft->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  draft->stage = chosen_stage (self);
  g_free (draft->lost_reason);
  draft->lost_reason = draft->stage == CRM_OPPORTUNITY_STAGE_LOST
                       ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)))
                       : NULL;
  draft->expected_value = 0;
  if (!crm_text_is_blank (value) && !crm_money_parse (value, &draft->expected_value, error))
    return NULL;
  draft->probability_bp = (gint) gtk_spin_button_get_value_as_int (self->probability_spin) * 100;
  g_free (draft->expected_close);
  draft->expected_close = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->close_entry)));
  if (owner < self->owner_ids->len)
    draft->owner_id = g_array_index (self->owner_ids, gint64, owner);
  if (!crm_opportunity_validate (draft, error))
    return NULL;
  return g_steal_pointer (&draft);
}

/* Whether the fields differ from what was read. */
static gboolean
is_dirty (CrmOpportunityDialog *self)
{
  g_autoptr(CrmOpportunity) original = crm_opportunity_copy (self->original);
  g_autoptr(CrmOpportunity) draft = read_draft (self, NULL);

  /* A new one left blank is nothing to lose; anything else that does not
   * read is something the user typed. */
  if (draft == NULL)
    return self->original->id > 0 ||
           chosen_customer (self) > 0 ||
           !crm_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))) ||
           !crm_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->value_entry))) ||
           !crm_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->close_entry)));
  crm_opportunity_validate (original, NULL);
  return draft->customer_id != original->customer_id || g_strcmp0 (draft->title, original->title) != 0 ||
         draft->stage != original->stage || g_strcmp0 (draft->lost_reason, original->lost_reason) != 0 ||
         draft->expected_value != original->expected_value || draft->probability_bp != original->probability_bp ||
         g_strcmp0 (draft->expected_close, original->expected_close) != 0 ||
         (draft->owner_id != original->owner_id && original->owner_id != 0);
}

/* Filling ------------------------------------------------------------------------ */

static void
update_title (CrmOpportunityDialog *self)
{
  g_autofree char *title = NULL;

  if (self->original->id == 0)
    title = g_strdup (_("New Opportunity"));
  else
    /* TRANSLATORS: the window title of an opportunity's editor. */
    title = g_strdup_printf (_("Opportunity: %s"), self->original->title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_dates (CrmOpportunityDialog *self)
{
  g_autofree char *won = crm_day_format (self->original->won_at);
  g_autofree char *lost = crm_day_format (self->original->lost_at);
  g_autofree char *text = NULL;

  if (*won != '\0')
    text = g_strdup_printf (_("Won on %s."), won);
  else if (*lost != '\0')
    text = g_strdup_printf (_("Lost on %s."), lost);
  gtk_label_set_label (self->dates_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->dates_label), text != NULL);
}

static void
update_reason (CrmOpportunityDialog *self)
{
  gboolean lost = chosen_stage (self) == CRM_OPPORTUNITY_STAGE_LOST;

  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), lost);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_entry), lost);
}

static void
update_actions (CrmOpportunityDialog *self)
{
  gboolean exists = self->original->id > 0;

  gtk_widget_set_visible (self->new_quote_button, exists);
  gtk_widget_set_visible (self->delete_button, exists && crm_session_may (self->session, CRM_PERMISSION_DELETE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opportunity.new-quote", exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opportunity.delete",
                                 exists && crm_session_may (self->session, CRM_PERMISSION_DELETE));
}

/* Managers and administrators give the opportunity to anyone they may
 * assign work to; staff see no choice. */
static void
fill_owners (CrmOpportunityDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = NULL;
  gboolean choose = crm_session_get_role (self->session) != CRM_ROLE_STAFF;
  guint selected = GTK_INVALID_LIST_POSITION;
  gint64 owner = self->original->owner_id > 0 ? self->original->owner_id : crm_session_get_user_id (self->session);

  g_array_set_size (self->owner_ids, 0);
  if (choose && (users = crm_user_store_list_assignees (self->store, self->session, NULL)) != NULL)
    for (guint i = 0; i < users->len; i++)
      {
        const CrmUserEntry *user = g_ptr_array_index (users, i);

        if (user->id == owner)
          selected = self->owner_ids->len;
        gtk_string_list_append (names, user->full_name);
        g_array_append_val (self->owner_ids, user->id);
      }
  /* An owner outside the list (another team, switched off) stays. */
  if (choose && selected == GTK_INVALID_LIST_POSITION && self->original->owner_id > 0)
    {
      selected = self->owner_ids->len;
      gtk_string_list_append (names, self->original->owner_name ? self->original->owner_name : "");
      g_array_append_val (self->owner_ids, self->original->owner_id);
    }
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->owner_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), choose);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_dropdown), choose);
}

static void
fill (CrmOpportunityDialog *self)
{
  g_autofree char *value = self->original->expected_value > 0
                           ? crm_money_format_plain (self->original->expected_value) : g_strdup ("");
  g_autofree char *close = crm_opportunity_format_close (self->original);

  self->filling = TRUE;
  if (chosen_customer (self) != self->original->customer_id)
    crm_customer_picker_set_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker),
                                         self->original->customer_id);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), self->original->title ? self->original->title : "");
  gtk_drop_down_set_selected (self->stage_dropdown, self->original->stage);
  self->shown_stage = self->original->stage;
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry),
                         self->original->lost_reason ? self->original->lost_reason : "");
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), value);
  gtk_spin_button_set_value (self->probability_spin, self->original->probability_bp / 100.0);
  gtk_editable_set_text (GTK_EDITABLE (self->close_entry), close);
  fill_owners (self);
  self->filling = FALSE;
  update_reason (self);
  update_title (self);
  update_dates (self);
  update_actions (self);
}

/* Callbacks ----------------------------------------------------------------------- */

static void
on_field_changed_cb (CrmOpportunityDialog *self)
{
  if (!self->filling)
    show_message (self, NULL);
}

/* The probability follows the stage, unless the user typed their own. */
static void
on_stage_changed_cb (CrmOpportunityDialog *self)
{
  g_autoptr(CrmOpportunity) shown = NULL;
  CrmOpportunityStage stage = chosen_stage (self);

  update_reason (self);
  if (self->filling || self->original == NULL)
    return;
  shown = crm_opportunity_copy (self->original);
  shown->stage = self->shown_stage;
  shown->probability_bp = gtk_spin_button_get_value_as_int (self->probability_spin) * 100;
  gtk_spin_button_set_value (self->probability_spin,
                             crm_opportunity_probability_for_stage (shown, stage) / 100.0);
  self->shown_stage = stage;
  on_field_changed_cb (self);
}

static gboolean
save (CrmOpportunityDialog *self)
{
  g_autoptr(CrmOpportunity) draft = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!(draft = read_draft (self, &error)))
    {
      show_message (self, error->message);
      return FALSE;
    }
  if (draft->id == 0)
    ok = crm_opportunity_store_create (self->store, self->session, draft, &error) > 0;
  else
    ok = crm_opportunity_store_save (self->store, self->session, draft, &error);
  if (!ok)
    {
      show_message (self, error->message);
      return FALSE;
    }
  crm_opportunity_free (self->original);
  self->original = g_steal_pointer (&draft);
  show_message (self, NULL);
  fill (self);
  g_signal_emit (self, signals[SAVED], 0, self->original->id);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (CRM_OPPORTUNITY_DIALOG (widget));
}

static void
new_quote_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmOpportunityDialog *self = CRM_OPPORTUNITY_DIALOG (widget);
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->original->id <= 0 || main_window == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.make-record", "(ssx)",
                              "quotes", "opportunity", self->original->id);
}

static void
on_delete_response_cb (GtkDialog            *dialog,
                       int                   response,
                       CrmOpportunityDialog *self)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  if (!crm_opportunity_store_delete (self->store, self->session, self->original->id, &error))
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, (gint64) 0);
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmOpportunityDialog *self = CRM_OPPORTUNITY_DIALOG (widget);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              _("Delete the opportunity “%s”?"), self->original->title);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Quotes made for it are kept."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Delete"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_close_response_cb (GtkDialog            *dialog,
                      int                   response,
                      CrmOpportunityDialog *self)
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
crm_opportunity_dialog_close_request (GtkWindow *window)
{
  CrmOpportunityDialog *self = CRM_OPPORTUNITY_DIALOG (window);
  GtkWidget *dialog;

  if (self->closing || !is_dirty (self))
    return GTK_WINDOW_CLASS (crm_opportunity_dialog_parent_class)->close_request (window);
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Save the changes to this opportunity?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("What you typed has not been saved."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject ------------------------------------------------------------------------- */

static void
crm_opportunity_dialog_dispose (GObject *object)
{
  CrmOpportunityDialog *self = CRM_OPPORTUNITY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OPPORTUNITY_DIALOG);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_opportunity_dialog_parent_class)->dispose (object);
}

static void
crm_opportunity_dialog_finalize (GObject *object)
{
  CrmOpportunityDialog *self = CRM_OPPORTUNITY_DIALOG (object);

  g_clear_pointer (&self->original, crm_opportunity_free);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_free (self->picked_text);

  G_OBJECT_CLASS (crm_opportunity_dialog_parent_class)->finalize (object);
}

static void
crm_opportunity_dialog_class_init (CrmOpportunityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_opportunity_dialog_dispose;
  object_class->finalize = crm_opportunity_dialog_finalize;
  window_class->close_request = crm_opportunity_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-opportunity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, customer_box);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, value_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, close_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, owner_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, dates_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, new_quote_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_changed_cb);

  gtk_widget_class_install_action (widget_class, "opportunity.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "opportunity.new-quote", NULL, new_quote_activated);
  gtk_widget_class_install_action (widget_class, "opportunity.delete", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "opportunity.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_opportunity_dialog_init (CrmOpportunityDialog *self)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    gtk_string_list_append (stages, crm_opportunity_stage_label (stage));
  self->filling = TRUE;
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (stages));
  self->filling = FALSE;
}

/**
 * crm_opportunity_dialog_new:
 *
 * Returns: (transfer none): the editor, shown; or %NULL with @error set
 */
CrmOpportunityDialog *
crm_opportunity_dialog_new (GtkWindow   *parent,
                            CrmStore    *store,
                            CrmSession  *session,
                            gint64       opportunity_id,
                            gint64       customer_id,
                            GError     **error)
{
  g_autoptr(CrmOpportunity) original = NULL;
  CrmOpportunityDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (opportunity_id > 0)
    {
      if (!(original = crm_opportunity_store_get (store, session, opportunity_id, error)))
        return NULL;
    }
  else
    {
      original = crm_opportunity_new ();
      original->customer_id = MAX (customer_id, 0);
    }

  self = g_object_new (CRM_TYPE_OPPORTUNITY_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->original = g_steal_pointer (&original);
  self->customer_picker = crm_customer_picker_new (store, session);
  gtk_widget_set_hexpand (self->customer_picker, TRUE);
  gtk_box_append (self->customer_box, self->customer_picker);
  /* The picker names its entry "Customer" itself; a mnemonic label would
   * name it twice. */
  g_signal_connect_swapped (self->customer_picker, "notify::customer-id", G_CALLBACK (on_customer_picked_cb), self);
  fill (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->original->id > 0 ? GTK_WIDGET (self->title_entry)
                                                : crm_customer_picker_get_entry (CRM_CUSTOMER_PICKER (self->customer_picker)));
  return self;
}
