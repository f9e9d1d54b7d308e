/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-case"

#include "config.h"

#include "crm-care-case.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"
#include "crm-validate.h"

G_DEFINE_BOXED_TYPE (CrmCareCase, crm_care_case, crm_care_case_copy, crm_care_case_free)
G_DEFINE_BOXED_TYPE (CrmCareAction, crm_care_action, crm_care_action_copy, crm_care_action_free)

/* In the order of the enums, which is the order of the schema's CHECKs. */
static const char *const kinds[CRM_CARE_N_KINDS] = {
  "complaint", "question", "warranty", "care_call", "thanks", "survey",
};
static const char *const priorities[CRM_CARE_N_PRIORITIES] = {
  "low", "normal", "high", "urgent",
};
static const char *const statuses[CRM_CARE_N_STATUSES] = {
  "new", "in_progress", "waiting", "resolved", "closed",
};

/* Codes ---------------------------------------------------------------------- */

static gboolean
code_from_string (const char        *text,
                  const char *const *codes,
                  guint              n_codes,
                  guint             *value)
{
  for (guint i = 0; i < n_codes; i++)
    if (g_strcmp0 (text, codes[i]) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_care_kind_to_string (CrmCareKind kind)
{
  return (guint) kind < CRM_CARE_N_KINDS ? kinds[kind] : NULL;
}

gboolean
crm_care_kind_from_string (const char  *text,
                           CrmCareKind *kind)
{
  guint value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!code_from_string (text, kinds, CRM_CARE_N_KINDS, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
crm_care_priority_to_string (CrmCarePriority priority)
{
  return (guint) priority < CRM_CARE_N_PRIORITIES ? priorities[priority] : NULL;
}

gboolean
crm_care_priority_from_string (const char      *text,
                               CrmCarePriority *priority)
{
  guint value;

  g_return_val_if_fail (priority != NULL, FALSE);

  if (!code_from_string (text, priorities, CRM_CARE_N_PRIORITIES, &value))
    return FALSE;
  *priority = value;
  return TRUE;
}

const char *
crm_care_status_to_string (CrmCareStatus status)
{
  return (guint) status < CRM_CARE_N_STATUSES ? statuses[status] : NULL;
}

gboolean
crm_care_status_from_string (const char    *text,
                             CrmCareStatus *status)
{
  guint value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!code_from_string (text, statuses, CRM_CARE_N_STATUSES, &value))
    return FALSE;
  *status = value;
  return TRUE;
}

const char *
crm_care_kind_label (CrmCareKind kind)
{
  switch (kind)
    {
    case CRM_CARE_KIND_COMPLAINT:
      return C_("care kind", "Complaint");
    case CRM_CARE_KIND_QUESTION:
      return C_("care kind", "Question");
    case CRM_CARE_KIND_WARRANTY:
      return C_("care kind", "Warranty");
    case CRM_CARE_KIND_CARE_CALL:
      return C_("care kind", "Care call");
    case CRM_CARE_KIND_THANKS:
      return C_("care kind", "Thank-you");
    case CRM_CARE_KIND_SURVEY:
      return C_("care kind", "Survey");
    default:
      return "";
    }
}

const char *
crm_care_priority_label (CrmCarePriority priority)
{
  switch (priority)
    {
    case CRM_CARE_PRIORITY_LOW:
      return C_("care priority", "Low");
    case CRM_CARE_PRIORITY_NORMAL:
      return C_("care priority", "Normal");
    case CRM_CARE_PRIORITY_HIGH:
      return C_("care priority", "High");
    case CRM_CARE_PRIORITY_URGENT:
      return C_("care priority", "Urgent");
    default:
      return "";
    }
}

const char *
crm_care_status_label (CrmCareStatus status)
{
  switch (status)
    {
    case CRM_CARE_STATUS_NEW:
      return C_("care status", "New");
    case CRM_CARE_STATUS_IN_PROGRESS:
      return C_("care status", "In progress");
    case CRM_CARE_STATUS_WAITING:
      return C_("care status", "Waiting for customer");
    case CRM_CARE_STATUS_RESOLVED:
      return C_("care status", "Resolved");
    case CRM_CARE_STATUS_CLOSED:
      return C_("care status", "Closed");
    default:
      return "";
    }
}

gboolean
crm_care_status_is_finished (CrmCareStatus status)
{
  return status == CRM_CARE_STATUS_RESOLVED || status == CRM_CARE_STATUS_CLOSED;
}

gboolean
crm_care_status_can_move (CrmCareStatus from,
                          CrmCareStatus to)
{
  if ((guint) from >= CRM_CARE_N_STATUSES || (guint) to >= CRM_CARE_N_STATUSES)
    return FALSE;
  if (from == to)
    return TRUE;
  switch (from)
    {
    case CRM_CARE_STATUS_NEW:
      return TRUE;
    case CRM_CARE_STATUS_IN_PROGRESS:
      return to == CRM_CARE_STATUS_WAITING || to == CRM_CARE_STATUS_RESOLVED;
    case CRM_CARE_STATUS_WAITING:
      return to == CRM_CARE_STATUS_IN_PROGRESS || to == CRM_CARE_STATUS_RESOLVED;
    case CRM_CARE_STATUS_RESOLVED:
      return to == CRM_CARE_STATUS_CLOSED || to == CRM_CARE_STATUS_IN_PROGRESS;
    case CRM_CARE_STATUS_CLOSED:
    default:
      return FALSE;
    }
}

CrmInteractionKind
crm_care_kind_default_action (CrmCareKind kind)
{
  switch (kind)
    {
    case CRM_CARE_KIND_CARE_CALL:
      return CRM_INTERACTION_KIND_CARE_CALL;
    case CRM_CARE_KIND_THANKS:
      return CRM_INTERACTION_KIND_CARE_THANKS;
    case CRM_CARE_KIND_SURVEY:
      return CRM_INTERACTION_KIND_CARE_SURVEY;
    case CRM_CARE_KIND_COMPLAINT:
    case CRM_CARE_KIND_QUESTION:
    case CRM_CARE_KIND_WARRANTY:
    default:
      return CRM_INTERACTION_KIND_CALL;
    }
}

/* Cases ------------------------------------------------------------------------ */

CrmCareCase *
crm_care_case_new (void)
{
  CrmCareCase *self = g_new0 (CrmCareCase, 1);

  self->kind = CRM_CARE_KIND_COMPLAINT;
  self->priority = CRM_CARE_PRIORITY_NORMAL;
  self->status = CRM_CARE_STATUS_NEW;
  return self;
}

CrmCareCase *
crm_care_case_copy (const CrmCareCase *self)
{
  CrmCareCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->subject = g_strdup (self->subject);
  copy->description = g_strdup (self->description);
  copy->due_on = g_strdup (self->due_on);
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->assignee_name = g_strdup (self->assignee_name);
  copy->resolved_at = g_strdup (self->resolved_at);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
crm_care_case_free (CrmCareCase *self)
{
  if (self == NULL)
    return;
  g_free (self->subject);
  g_free (self->description);
  g_free (self->due_on);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->assignee_name);
  g_free (self->resolved_at);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
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

gboolean
crm_care_case_validate (CrmCareCase  *self,
                        GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  normalise_text (&self->subject);
  normalise_text (&self->description);
  normalise_text (&self->due_on);
  if (self->customer_id <= 0)
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Choose the customer this care case is for."));
  if (self->subject == NULL)
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Enter a title for the care case."));
  if ((guint) self->kind >= CRM_CARE_N_KINDS)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("Choose what kind of care case this is."));
  if ((guint) self->priority >= CRM_CARE_N_PRIORITIES)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("Choose the priority of the care case."));
  if ((guint) self->status >= CRM_CARE_N_STATUSES)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("Choose the status of the care case."));
  if (self->due_on != NULL)
    {
      g_autofree char *iso = NULL;

      if (!crm_date_parse (self->due_on, &iso, error))
        return FALSE;
      g_free (self->due_on);
      self->due_on = g_steal_pointer (&iso);
    }
  if (self->assignee_id < 0)
    self->assignee_id = 0;
  if (self->standard_id < 0)
    self->standard_id = 0;
  return TRUE;
}

gboolean
crm_care_case_is_overdue (const CrmCareCase *self,
                          const char        *today)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return self->due_on != NULL && !crm_care_status_is_finished (self->status) &&
         g_strcmp0 (self->due_on, today) < 0;
}

char *
crm_care_case_format_due (const CrmCareCase *self)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->due_on == NULL || (text = crm_date_format (self->due_on)) == NULL)
    return g_strdup ("");
  return text;
}

char *
crm_care_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Actions ------------------------------------------------------------------------ */

CrmCareAction *
crm_care_action_new (void)
{
  CrmCareAction *self = g_new0 (CrmCareAction, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->how = CRM_INTERACTION_KIND_CALL;
  self->occurred_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  return self;
}

CrmCareAction *
crm_care_action_copy (const CrmCareAction *self)
{
  CrmCareAction *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->occurred_at = g_strdup (self->occurred_at);
  copy->note = g_strdup (self->note);
  copy->outcome = g_strdup (self->outcome);
  copy->user_name = g_strdup (self->user_name);
  return copy;
}

void
crm_care_action_free (CrmCareAction *self)
{
  if (self == NULL)
    return;
  g_free (self->occurred_at);
  g_free (self->note);
  g_free (self->outcome);
  g_free (self->user_name);
  g_free (self);
}

/* The timestamp rules are those of the customer's history, which the
 * action also becomes: checked by an interaction of the same time. */
gboolean
crm_care_action_validate (CrmCareAction  *self,
                          GError        **error)
{
  g_autoptr(CrmInteraction) probe = crm_interaction_new ();

  g_return_val_if_fail (self != NULL, FALSE);

  normalise_text (&self->note);
  normalise_text (&self->outcome);
  if (self->note == NULL)
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Say what was done for the customer."));
  if (crm_interaction_kind_to_string (self->how) == NULL)
    return fail (error, CRM_VALIDATION_ERROR_RANGE, _("Choose how the customer was contacted."));
  if (crm_text_is_blank (self->occurred_at))
    return fail (error, CRM_VALIDATION_ERROR_REQUIRED, _("Enter when it was done, as dd/mm/yyyy hh:mm."));
  crm_interaction_set_kind (probe, self->how);
  crm_interaction_set_occurred_at (probe, self->occurred_at);
  crm_interaction_set_summary (probe, self->note);
  if (!crm_interaction_validate (probe, error))
    return FALSE;
  g_free (self->occurred_at);
  self->occurred_at = g_strdup (crm_interaction_get_occurred_at (probe));
  return TRUE;
}

char *
crm_care_format_when (const char *iso_utc)
{
  g_autoptr(CrmInteraction) probe = crm_interaction_new ();

  crm_interaction_set_occurred_at (probe, iso_utc);
  return crm_interaction_format_occurred_at (probe);
}
