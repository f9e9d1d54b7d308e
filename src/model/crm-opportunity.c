/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-opportunity"

#include "config.h"

#include "crm-opportunity.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"
#include "crm-validate.h"

G_DEFINE_ENUM_TYPE (CrmOpportunityStage, crm_opportunity_stage,
  G_DEFINE_ENUM_VALUE (CRM_OPPORTUNITY_STAGE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (CRM_OPPORTUNITY_STAGE_QUALIFIED, "qualified"),
  G_DEFINE_ENUM_VALUE (CRM_OPPORTUNITY_STAGE_PROPOSAL, "proposal"),
  G_DEFINE_ENUM_VALUE (CRM_OPPORTUNITY_STAGE_NEGOTIATION, "negotiation"),
  G_DEFINE_ENUM_VALUE (CRM_OPPORTUNITY_STAGE_WON, "won"),
  G_DEFINE_ENUM_VALUE (CRM_OPPORTUNITY_STAGE_LOST, "lost"))

G_DEFINE_BOXED_TYPE (CrmOpportunity, crm_opportunity, crm_opportunity_copy, crm_opportunity_free)

#define FULL_PROBABILITY 10000

/* In the order of the enum, which is the order of the schema's CHECK. */
static const struct
{
  const char *name;
  gint        probability_bp;
} stages[CRM_OPPORTUNITY_N_STAGES] = {
  { "new", 1000 },
  { "qualified", 2500 },
  { "proposal", 5000 },
  { "negotiation", 7500 },
  { "won", 10000 },
  { "lost", 0 },
};

/* Stages -------------------------------------------------------------------- */

const char *
crm_opportunity_stage_to_string (CrmOpportunityStage stage)
{
  if ((guint) stage >= G_N_ELEMENTS (stages))
    return NULL;
  return stages[stage].name;
}

gboolean
crm_opportunity_stage_from_string (const char          *text,
                                   CrmOpportunityStage *stage)
{
  g_return_val_if_fail (stage != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_strcmp0 (text, stages[i].name) == 0)
      {
        *stage = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_opportunity_stage_label (CrmOpportunityStage stage)
{
  switch (stage)
    {
    case CRM_OPPORTUNITY_STAGE_NEW:
      return C_("opportunity stage", "New");
    case CRM_OPPORTUNITY_STAGE_QUALIFIED:
      return C_("opportunity stage", "Qualified");
    case CRM_OPPORTUNITY_STAGE_PROPOSAL:
      return C_("opportunity stage", "Proposal");
    case CRM_OPPORTUNITY_STAGE_NEGOTIATION:
      return C_("opportunity stage", "Negotiation");
    case CRM_OPPORTUNITY_STAGE_WON:
      return C_("opportunity stage", "Won");
    case CRM_OPPORTUNITY_STAGE_LOST:
      return C_("opportunity stage", "Lost");
    default:
      return "";
    }
}

gint
crm_opportunity_stage_default_probability (CrmOpportunityStage stage)
{
  if ((guint) stage >= G_N_ELEMENTS (stages))
    return 0;
  return stages[stage].probability_bp;
}

gboolean
crm_opportunity_stage_is_closed (CrmOpportunityStage stage)
{
  return stage == CRM_OPPORTUNITY_STAGE_WON || stage == CRM_OPPORTUNITY_STAGE_LOST;
}

/* Values ---------------------------------------------------------------------- */

CrmOpportunity *
crm_opportunity_new (void)
{
  CrmOpportunity *self = g_new0 (CrmOpportunity, 1);

  self->stage = CRM_OPPORTUNITY_STAGE_NEW;
  self->probability_bp = crm_opportunity_stage_default_probability (self->stage);
  return self;
}

CrmOpportunity *
crm_opportunity_copy (const CrmOpportunity *self)
{
  CrmOpportunity *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->title = g_strdup (self->title);
  copy->lost_reason = g_strdup (self->lost_reason);
  copy->expected_close = g_strdup (self->expected_close);
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->owner_name = g_strdup (self->owner_name);
  copy->won_at = g_strdup (self->won_at);
  copy->lost_at = g_strdup (self->lost_at);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
crm_opportunity_free (CrmOpportunity *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->lost_reason);
  g_free (self->expected_close);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->owner_name);
  g_free (self->won_at);
  g_free (self->lost_at);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

/* Validation ------------------------------------------------------------------- */

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

gboolean
crm_opportunity_validate (CrmOpportunity  *self,
                          GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  normalise_text (&self->title);
  normalise_text (&self->lost_reason);
  normalise_text (&self->expected_close);
  if (self->customer_id <= 0)
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Choose the customer this opportunity is with."));
  if (self->title == NULL)
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Enter a title for the opportunity."));
  if ((guint) self->stage >= CRM_OPPORTUNITY_N_STAGES)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("Choose a stage of the sales funnel."));
  if (self->expected_value < 0 || self->expected_value > CRM_OPPORTUNITY_MAX_VALUE)
    return fail (error, CRM_VALIDATION_ERROR_RANGE,
                 _("The expected value must be zero or more, and below a million billion đồng."));
  if (self->probability_bp < 0 || self->probability_bp > FULL_PROBABILITY)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("The probability must be between 0 % and 100 %."));
  if (self->stage == CRM_OPPORTUNITY_STAGE_LOST && self->lost_reason == NULL)
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Say why the opportunity was lost."));
  if (self->expected_close != NULL)
    {
      g_autofree char *iso = NULL;

      if (!crm_date_parse (self->expected_close, &iso, error))
        return FALSE;
      g_free (self->expected_close);
      self->expected_close = g_steal_pointer (&iso);
    }
  if (self->owner_id < 0)
    self->owner_id = 0;
  if (self->campaign_id < 0)
    self->campaign_id = 0;
  return TRUE;
}

gint
crm_opportunity_probability_for_stage (const CrmOpportunity *self,
                                       CrmOpportunityStage   stage)
{
  g_return_val_if_fail (self != NULL, 0);

  if (crm_opportunity_stage_is_closed (stage))
    return crm_opportunity_stage_default_probability (stage);
  /* A probability the user chose stays, whatever the stage; one that only
   * followed the old stage follows the new one.  Coming back from won or
   * lost starts again from the stage's default. */
  if (!crm_opportunity_stage_is_closed (self->stage) &&
      self->probability_bp != crm_opportunity_stage_default_probability (self->stage))
    return self->probability_bp;
  return crm_opportunity_stage_default_probability (stage);
}

char *
crm_opportunity_format_close (const CrmOpportunity *self)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->expected_close == NULL || (text = crm_date_format (self->expected_close)) == NULL)
    return g_strdup ("");
  return text;
}
