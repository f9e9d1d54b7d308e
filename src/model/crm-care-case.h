/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-interaction.h"

G_BEGIN_DECLS

/* After-sales care cases (chăm sóc khách hàng): a complaint, a question,
 * a warranty claim, a care call, a thank-you or a survey with one
 * customer, moving new → in progress → waiting for the customer →
 * resolved → closed, with a due date (an ISO "yyyy-MM-dd" business date
 * once validated, typed and shown dd/MM/yyyy) and a timeline of actions.
 * Each action is also an entry of the customer's history (an
 * interaction).  Ids of 0 mean "none". */

typedef enum
{
  CRM_CARE_KIND_COMPLAINT,
  CRM_CARE_KIND_QUESTION,
  CRM_CARE_KIND_WARRANTY,
  CRM_CARE_KIND_CARE_CALL,
  CRM_CARE_KIND_THANKS,
  CRM_CARE_KIND_SURVEY,
} CrmCareKind;

#define CRM_CARE_N_KINDS (CRM_CARE_KIND_SURVEY + 1)

typedef enum
{
  CRM_CARE_PRIORITY_LOW,
  CRM_CARE_PRIORITY_NORMAL,
  CRM_CARE_PRIORITY_HIGH,
  CRM_CARE_PRIORITY_URGENT,
} CrmCarePriority;

#define CRM_CARE_N_PRIORITIES (CRM_CARE_PRIORITY_URGENT + 1)

typedef enum
{
  CRM_CARE_STATUS_NEW,
  CRM_CARE_STATUS_IN_PROGRESS,
  CRM_CARE_STATUS_WAITING,
  CRM_CARE_STATUS_RESOLVED,
  CRM_CARE_STATUS_CLOSED,
} CrmCareStatus;

#define CRM_CARE_N_STATUSES (CRM_CARE_STATUS_CLOSED + 1)

#define CRM_TYPE_CARE_CASE   (crm_care_case_get_type ())
#define CRM_TYPE_CARE_ACTION (crm_care_action_get_type ())

/* One case.  The fields after row_version are filled in by the store
 * when it reads and ignored when it writes.  row_version is the version
 * the case was read at: saving over a newer one is refused. */
typedef struct
{
  gint64           id;
  gint64           customer_id;
  gint64           assignee_id;
  gint64           standard_id;
  CrmCareKind      kind;
  CrmCarePriority  priority;
  CrmCareStatus    status;
  char            *subject;
  char            *description;
  char            *due_on;        /* "yyyy-MM-dd" or NULL */
  gint64           row_version;

  char            *customer_code;
  char            *customer_name;
  char            *assignee_name;
  char            *resolved_at;
  char            *created_at;
  char            *updated_at;
} CrmCareCase;

/* One step of a case's timeline: what was done (note), when (ISO-8601
 * UTC), how (the kind of the history entry it makes) and with what
 * outcome.  interaction_id and user_name are set by the store. */
typedef struct
{
  gint64              id;
  gint64              case_id;
  gint64              user_id;
  gint64              interaction_id;
  CrmInteractionKind  how;
  char               *occurred_at;
  char               *note;
  char               *outcome;

  char               *user_name;
} CrmCareAction;

GType            crm_care_case_get_type            (void) G_GNUC_CONST;
GType            crm_care_action_get_type          (void) G_GNUC_CONST;

/* The database codes ("complaint", "care_call", "in_progress", …); NULL
 * out of range. */
const char      *crm_care_kind_to_string           (CrmCareKind       kind);
gboolean         crm_care_kind_from_string         (const char       *text,
                                                    CrmCareKind      *kind);
const char      *crm_care_priority_to_string       (CrmCarePriority   priority);
gboolean         crm_care_priority_from_string     (const char       *text,
                                                    CrmCarePriority  *priority);
const char      *crm_care_status_to_string         (CrmCareStatus     status);
gboolean         crm_care_status_from_string       (const char       *text,
                                                    CrmCareStatus    *status);
/* Translated labels: "Complaint", "Urgent", "Waiting for customer", … */
const char      *crm_care_kind_label               (CrmCareKind       kind);
const char      *crm_care_priority_label           (CrmCarePriority   priority);
const char      *crm_care_status_label             (CrmCareStatus     status);
/* Resolved and closed cases are finished: never overdue. */
gboolean         crm_care_status_is_finished       (CrmCareStatus     status);
/* The moves a case may make: new → in progress, waiting, resolved or
 * closed (a duplicate); in progress ⇄ waiting; either → resolved;
 * resolved → closed, or back to in progress when the problem returns.
 * Closed is final.  Staying where it is always allowed. */
gboolean         crm_care_status_can_move          (CrmCareStatus     from,
                                                    CrmCareStatus     to);
/* The kind of history entry an action of a @kind case makes by default:
 * a care call, thank-you or survey for those; a phone call otherwise. */
CrmInteractionKind crm_care_kind_default_action    (CrmCareKind       kind);

/* A new case: a complaint of normal priority, new. */
CrmCareCase     *crm_care_case_new                 (void);
CrmCareCase     *crm_care_case_copy                (const CrmCareCase *self);
void             crm_care_case_free                (CrmCareCase       *self);
/* Checks what a user typed and normalises it in place: texts trimmed
 * (blank to NULL), the due date to ISO.  The customer and the subject
 * are required. */
gboolean         crm_care_case_validate            (CrmCareCase       *self,
                                                    GError           **error);
/* Due before @today ("yyyy-MM-dd") and not finished. */
gboolean         crm_care_case_is_overdue          (const CrmCareCase *self,
                                                    const char        *today);
/* The due date as dd/MM/yyyy, or "" when none. */
char            *crm_care_case_format_due          (const CrmCareCase *self);
/* Today in the local time zone as "yyyy-MM-dd". */
char            *crm_care_today                    (void);

/* A new action: a phone call happening now. */
CrmCareAction   *crm_care_action_new               (void);
CrmCareAction   *crm_care_action_copy              (const CrmCareAction *self);
void             crm_care_action_free              (CrmCareAction       *self);
/* What was done is required; occurred_at, typed "dd/MM/yyyy HH:mm" in
 * local time or ISO-8601, becomes UTC "yyyy-MM-ddTHH:MM:SSZ" and may not
 * be more than a day ahead (the history's own rules); texts trimmed (a
 * blank outcome to NULL). */
gboolean         crm_care_action_validate          (CrmCareAction       *self,
                                                    GError             **error);
/* An ISO-8601 UTC timestamp as "dd/MM/yyyy HH:mm" in local time; "" if
 * it is not one. */
char            *crm_care_format_when              (const char          *iso_utc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCareCase, crm_care_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCareAction, crm_care_action_free)

G_END_DECLS
