/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-campaign"

#include "config.h"

#include "crm-campaign.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"
#include "crm-validate.h"

/* In the order of the enums, which is the order of the schema's CHECKs. */
static const char *const channel_names[CRM_CAMPAIGN_N_CHANNELS] = {
  "email", "sms", "zalo", "phone", "event", "print", "social", "other",
};

static const char *const response_names[CRM_CAMPAIGN_N_RESPONSES] = {
  "none", "contacted", "responded", "converted",
};

const char *
crm_campaign_channel_to_string (CrmCampaignChannel channel)
{
  if ((guint) channel >= G_N_ELEMENTS (channel_names))
    return NULL;
  return channel_names[channel];
}

gboolean
crm_campaign_channel_from_string (const char         *text,
                                  CrmCampaignChannel *channel)
{
  g_return_val_if_fail (channel != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (channel_names); i++)
    if (g_strcmp0 (text, channel_names[i]) == 0)
      {
        *channel = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_campaign_channel_label (CrmCampaignChannel channel)
{
  switch (channel)
    {
    case CRM_CAMPAIGN_CHANNEL_EMAIL:
      return C_("campaign channel", "Email");
    case CRM_CAMPAIGN_CHANNEL_SMS:
      return C_("campaign channel", "SMS");
    case CRM_CAMPAIGN_CHANNEL_ZALO:
      return C_("campaign channel", "Zalo");
    case CRM_CAMPAIGN_CHANNEL_PHONE:
      return C_("campaign channel", "Phone");
    case CRM_CAMPAIGN_CHANNEL_EVENT:
      return C_("campaign channel", "Event");
    case CRM_CAMPAIGN_CHANNEL_PRINT:
      return C_("campaign channel", "Print");
    case CRM_CAMPAIGN_CHANNEL_SOCIAL:
      return C_("campaign channel", "Social media");
    case CRM_CAMPAIGN_CHANNEL_OTHER:
    default:
      return C_("campaign channel", "Other");
    }
}

const char *
crm_campaign_response_to_string (CrmCampaignResponse response)
{
  if ((guint) response >= G_N_ELEMENTS (response_names))
    return NULL;
  return response_names[response];
}

gboolean
crm_campaign_response_from_string (const char          *text,
                                   CrmCampaignResponse *response)
{
  g_return_val_if_fail (response != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (response_names); i++)
    if (g_strcmp0 (text, response_names[i]) == 0)
      {
        *response = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_campaign_response_label (CrmCampaignResponse response)
{
  switch (response)
    {
    case CRM_CAMPAIGN_RESPONSE_NONE:
      return C_("campaign response", "Not contacted");
    case CRM_CAMPAIGN_RESPONSE_CONTACTED:
      return C_("campaign response", "Contacted");
    case CRM_CAMPAIGN_RESPONSE_RESPONDED:
      return C_("campaign response", "Responded");
    case CRM_CAMPAIGN_RESPONSE_CONVERTED:
    default:
      return C_("campaign response", "Converted");
    }
}

/* The campaign ------------------------------------------------------------------ */

G_DEFINE_FINAL_TYPE (CrmCampaign, crm_campaign, G_TYPE_OBJECT)

static void
crm_campaign_finalize (GObject *object)
{
  CrmCampaign *self = CRM_CAMPAIGN (object);

  g_free (self->name);
  g_free (self->starts_on);
  g_free (self->ends_on);
  g_free (self->target);
  g_free (self->notes);
  g_free (self->owner_name);
  g_free (self->created_at);
  g_free (self->updated_at);
  G_OBJECT_CLASS (crm_campaign_parent_class)->finalize (object);
}

static void
crm_campaign_class_init (CrmCampaignClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_campaign_finalize;
}

static void
crm_campaign_init (CrmCampaign *self)
{
  self->channel = CRM_CAMPAIGN_CHANNEL_EMAIL;
}

CrmCampaign *
crm_campaign_new (void)
{
  return g_object_new (CRM_TYPE_CAMPAIGN, NULL);
}

CrmCampaign *
crm_campaign_copy (CrmCampaign *self)
{
  CrmCampaign *copy;

  g_return_val_if_fail (CRM_IS_CAMPAIGN (self), NULL);

  copy = crm_campaign_new ();
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->channel = self->channel;
  copy->starts_on = g_strdup (self->starts_on);
  copy->ends_on = g_strdup (self->ends_on);
  copy->budget = self->budget;
  copy->target = g_strdup (self->target);
  copy->owner_id = self->owner_id;
  copy->notes = g_strdup (self->notes);
  copy->owner_name = g_strdup (self->owner_name);
  copy->n_members = self->n_members;
  copy->n_converted = self->n_converted;
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

static void
normalise_text (char **field)
{
  if (crm_text_is_blank (*field))
    g_clear_pointer (field, g_free);
  else
    g_strstrip (*field);
}

static gboolean
fail (GError             **error,
      CrmValidationError   code,
      const char          *message)
{
  g_set_error_literal (error, CRM_VALIDATION_ERROR, code, message);
  return FALSE;
}

/* Parses a typed date in place, saying which one is wrong when it is. */
static gboolean
normalise_date (char       **field,
                gboolean     is_end,
                GError     **error)
{
  g_autofree char *iso = NULL;
  g_autoptr(GError) local_error = NULL;

  if (*field == NULL)
    return TRUE;
  if (!crm_date_parse (*field, &iso, &local_error))
    {
      if (is_end)
        g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                     _("The end date is not valid: %s"), local_error->message);
      else
        g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                     _("The start date is not valid: %s"), local_error->message);
      return FALSE;
    }
  g_free (*field);
  *field = g_steal_pointer (&iso);
  return TRUE;
}

gboolean
crm_campaign_validate (CrmCampaign  *self,
                       GError      **error)
{
  g_return_val_if_fail (CRM_IS_CAMPAIGN (self), FALSE);

  normalise_text (&self->name);
  normalise_text (&self->starts_on);
  normalise_text (&self->ends_on);
  normalise_text (&self->target);
  normalise_text (&self->notes);
  if (self->name == NULL)
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Enter a name for the campaign."));
  if ((guint) self->channel >= CRM_CAMPAIGN_N_CHANNELS)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("Choose the campaign’s channel."));
  if (!normalise_date (&self->starts_on, FALSE, error) ||
      !normalise_date (&self->ends_on, TRUE, error))
    return FALSE;
  if (self->starts_on != NULL && self->ends_on != NULL && strcmp (self->ends_on, self->starts_on) < 0)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("The campaign cannot end before it starts."));
  if (self->budget < 0 || self->budget > CRM_CAMPAIGN_MAX_BUDGET)
    return fail (error, CRM_VALIDATION_ERROR_RANGE,
                 _("The budget must be zero or more, and below a million billion đồng."));
  if (self->owner_id < 0)
    self->owner_id = 0;
  return TRUE;
}

char *
crm_campaign_format_period (CrmCampaign *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (CRM_IS_CAMPAIGN (self), NULL);

  if (self->starts_on == NULL && self->ends_on == NULL)
    return g_strdup ("");
  first = self->starts_on != NULL ? crm_date_format (self->starts_on) : NULL;
  last = self->ends_on != NULL ? crm_date_format (self->ends_on) : NULL;
  return g_strdup_printf ("%s – %s", first != NULL ? first : "…", last != NULL ? last : "…");
}

/* Members ---------------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (CrmCampaignMember, crm_campaign_member, G_TYPE_OBJECT)

static void
crm_campaign_member_finalize (GObject *object)
{
  CrmCampaignMember *self = CRM_CAMPAIGN_MEMBER (object);

  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->customer_status);
  g_free (self->opportunity_title);
  g_free (self->order_code);
  g_free (self->updated_at);
  G_OBJECT_CLASS (crm_campaign_member_parent_class)->finalize (object);
}

static void
crm_campaign_member_class_init (CrmCampaignMemberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_campaign_member_finalize;
}

static void
crm_campaign_member_init (CrmCampaignMember *self)
{
}

CrmCampaignMember *
crm_campaign_member_new (void)
{
  return g_object_new (CRM_TYPE_CAMPAIGN_MEMBER, NULL);
}
