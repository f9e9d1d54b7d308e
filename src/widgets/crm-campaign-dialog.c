/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-campaign-dialog"

#include "config.h"

#include "crm-campaign-dialog.h"

#include <glib/gi18n-lib.h>

#include "crm-campaign-store.h"
#include "crm-category.h"
#include "crm-category-store.h"
#include "crm-customer.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-text.h"
#include "crm-validate.h"

struct _CrmCampaignDialog
{
  GtkWindow     parent_instance;

  CrmStore     *store;
  CrmSession   *session;
  CrmCampaign  *original;
  char         *shown;      /* the fields as filled, to tell unsaved changes */
  gboolean      filling;
  gboolean      closing;

  GtkLabel     *message_label;
  GtkEntry     *name_entry;
  GtkDropDown  *channel_dropdown;
  GtkEntry     *starts_entry;
  GtkEntry     *ends_entry;
  GtkEntry     *budget_entry;
  GtkLabel     *target_label;
  GtkTextView  *notes_view;
};

G_DEFINE_FINAL_TYPE (CrmCampaignDialog, crm_campaign_dialog, GTK_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Targets in words ------------------------------------------------------------- */

static char *
category_name (CrmStore   *store,
               CrmSession *session,
               gint64      id)
{
  g_autoptr(GPtrArray) categories = crm_category_store_list (store, session, NULL);

  for (guint i = 0; categories != NULL && i < categories->len; i++)
    if (crm_category_get_id (g_ptr_array_index (categories, i)) == id)
      return g_strdup (crm_category_get_name (g_ptr_array_index (categories, i)));
  return g_strdup ("?");
}

char *
crm_campaign_describe_target (CrmStore   *store,
                              CrmSession *session,
                              const char *target)
{
  g_autoptr(CrmCampaignTarget) parsed = crm_campaign_target_parse (target);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  CrmCustomerStatus status;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (parsed->category_id > 0)
    {
      g_autofree char *name = category_name (store, session, parsed->category_id);
      g_ptr_array_add (parts, g_strdup_printf (_("Customer group: %s"), name));
    }
  if (parsed->tags != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", parsed->tags);
      g_ptr_array_add (parts, g_strdup_printf (_("Tag: %s"), tags));
    }
  if (parsed->status != NULL && crm_customer_status_from_string (parsed->status, &status))
    g_ptr_array_add (parts, g_strdup_printf (_("Status: %s"), crm_customer_status_label (status)));
  if (parsed->province_code != NULL)
    {
      const CrmProvince *province = crm_province_get (parsed->province_code);
      g_ptr_array_add (parts, g_strdup_printf (_("Province: %s"),
                                               province != NULL ? province->short_name : parsed->province_code));
    }
  if (parts->len == 0)
    return g_strdup (_("No saved filter"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* Filling and reading ----------------------------------------------------------- */

static void
show_message (CrmCampaignDialog *self,
              const char        *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static char *
notes_text (CrmCampaignDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Every field as one string, to tell whether anything was typed. */
static char *
snapshot (CrmCampaignDialog *self)
{
  g_autofree char *notes = notes_text (self);

  return g_strdup_printf ("%s\x1f%u\x1f%s\x1f%s\x1f%s\x1f%s",
                          gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                          gtk_drop_down_get_selected (self->channel_dropdown),
                          gtk_editable_get_text (GTK_EDITABLE (self->starts_entry)),
                          gtk_editable_get_text (GTK_EDITABLE (self->ends_entry)),
                          gtk_editable_get_text (GTK_EDITABLE (self->budget_entry)),
                          notes);
}

static gboolean
is_dirty (CrmCampaignDialog *self)
{
  g_autofree char *now = snapshot (self);

  return g_strcmp0 (now, self->shown) != 0;
}

static void
set_date (GtkEntry   *entry,
          const char *iso)
{
  g_autofree char *text = iso != NULL ? crm_date_format (iso) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
fill (CrmCampaignDialog *self)
{
  CrmCampaign *campaign = self->original;
  g_autofree char *budget = campaign->budget > 0 ? crm_money_format_plain (campaign->budget) : g_strdup ("");
  g_autofree char *target = crm_campaign_describe_target (self->store, self->session, campaign->target);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), campaign->name != NULL ? campaign->name : "");
  gtk_drop_down_set_selected (self->channel_dropdown, campaign->channel);
  set_date (self->starts_entry, campaign->starts_on);
  set_date (self->ends_entry, campaign->ends_on);
  gtk_editable_set_text (GTK_EDITABLE (self->budget_entry), budget);
  gtk_label_set_label (self->target_label, target);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            campaign->notes != NULL ? campaign->notes : "", -1);
  gtk_window_set_title (GTK_WINDOW (self), campaign->id > 0 ? campaign->name : _("New Campaign"));
  g_free (self->shown);
  self->shown = snapshot (self);
  self->filling = FALSE;
}

static CrmCampaign *
read_draft (CrmCampaignDialog  *self,
            GError            **error)
{
  g_autoptr(CrmCampaign) draft = crm_campaign_copy (self->original);
  const char *budget = gtk_editable_get_text (GTK_EDITABLE (self->budget_entry));

  g_free (draft->name);
  draft->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  draft->channel = gtk_drop_down_get_selected (self->channel_dropdown);
  g_free (draft->starts_on);
  draft->starts_on = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->starts_entry)));
  g_free (draft->ends_on);
  draft->ends_on = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ends_entry)));
  draft->budget = 0;
  if (!crm_text_is_blank (budget) && !crm_money_parse (budget, &draft->budget, error))
    return NULL;
  g_free (draft->notes);
  draft->notes = notes_text (self);
  if (!crm_campaign_validate (draft, error))
    return NULL;
  return g_steal_pointer (&draft);
}

/* Actions ---------------------------------------------------------------------- */

static void
on_field_changed_cb (CrmCampaignDialog *self)
{
  if (!self->filling)
    show_message (self, NULL);
}

static gboolean
save (CrmCampaignDialog *self)
{
  g_autoptr(CrmCampaign) draft = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!(draft = read_draft (self, &error)))
    {
      show_message (self, error->message);
      return FALSE;
    }
  if (draft->id == 0)
    ok = crm_campaign_store_create (self->store, self->session, draft, &error) > 0;
  else
    ok = crm_campaign_store_update (self->store, self->session, draft, &error);
  if (!ok)
    {
      show_message (self, error->message);
      return FALSE;
    }
  g_set_object (&self->original, draft);
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
  save (CRM_CAMPAIGN_DIALOG (widget));
}

static void
on_close_response_cb (GtkDialog         *dialog,
                      int                response,
                      CrmCampaignDialog *self)
{
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
crm_campaign_dialog_close_request (GtkWindow *window)
{
  CrmCampaignDialog *self = CRM_CAMPAIGN_DIALOG (window);
  GtkWidget *dialog;

  if (self->closing || !is_dirty (self))
    return GTK_WINDOW_CLASS (crm_campaign_dialog_parent_class)->close_request (window);
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Save the changes to this campaign?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("What you typed has not been saved."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject ---------------------------------------------------------------------- */

static void
crm_campaign_dialog_dispose (GObject *object)
{
  CrmCampaignDialog *self = CRM_CAMPAIGN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CAMPAIGN_DIALOG);
  g_clear_object (&self->original);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_campaign_dialog_parent_class)->dispose (object);
}

static void
crm_campaign_dialog_finalize (GObject *object)
{
  CrmCampaignDialog *self = CRM_CAMPAIGN_DIALOG (object);

  g_free (self->shown);

  G_OBJECT_CLASS (crm_campaign_dialog_parent_class)->finalize (object);
}

static void
crm_campaign_dialog_class_init (CrmCampaignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_campaign_dialog_dispose;
  object_class->finalize = crm_campaign_dialog_finalize;
  window_class->close_request = crm_campaign_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-campaign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, starts_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, ends_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, budget_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, target_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignDialog, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "campaign.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "campaign.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_campaign_dialog_init (CrmCampaignDialog *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint channel = 0; channel < CRM_CAMPAIGN_N_CHANNELS; channel++)
    gtk_string_list_append (channels, crm_campaign_channel_label (channel));
  self->filling = TRUE;
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  self->filling = FALSE;
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
}

CrmCampaignDialog *
crm_campaign_dialog_new (GtkWindow   *parent,
                         CrmStore    *store,
                         CrmSession  *session,
                         gint64       campaign_id,
                         GError     **error)
{
  g_autoptr(CrmCampaign) campaign = NULL;
  CrmCampaignDialog *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (campaign_id > 0)
    campaign = crm_campaign_store_get (store, session, campaign_id, error);
  else
    campaign = crm_campaign_new ();
  if (campaign == NULL)
    return NULL;
  self = g_object_new (CRM_TYPE_CAMPAIGN_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->original = g_steal_pointer (&campaign);
  fill (self);
  return self;
}
