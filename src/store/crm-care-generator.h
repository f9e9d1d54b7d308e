/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* A customer overdue for care: the oldest of their open care tasks whose
 * day has passed (@due_on, "YYYY-MM-DD" local), its owner, and how many
 * such tasks the customer has. */
typedef struct
{
  gint64  customer_id;
  char   *customer_code;
  char   *customer_name;
  gint64  event_id;
  char   *title;
  char   *due_on;
  gint64  owner_id;
  char   *owner_name;
  guint   n_overdue;
} CrmCareOverdue;

#define CRM_TYPE_CARE_OVERDUE (crm_care_overdue_get_type ())

GType           crm_care_overdue_get_type        (void) G_GNUC_CONST;
CrmCareOverdue *crm_care_overdue_copy            (const CrmCareOverdue  *self);
void            crm_care_overdue_free            (CrmCareOverdue        *self);

/* Makes the care tasks that have fallen due by @today ("YYYY-MM-DD", local
 * date: crm_care_today() of crm-care-case.h).  For each active standard
 * and each customer of its category or a sub-category (every customer for a standard without one) that the
 * session may see — not merged, not inactive — the due dates are:
 *   contract_signed   signed_on + offset of each contract signed (active,
 *                     completed or expired);
 *   order_delivered   delivered_on + offset of each delivered order;
 *   customer_created  the day the customer was added + offset;
 *   periodic          every every_days after the last task of the
 *                     standard for the customer, the first one offset +
 *                     every days after the customer was added.  Periods
 *                     missed while nobody generated collapse into one
 *                     task, on the latest due date not after @today.
 * Only triggers on or after the day the standard was created count, so a
 * new standard does not bury the staff in tasks for the past.
 *
 * Each task is an all-day calendar event of kind care on its due date,
 * titled "<action> — <customer>" with the standard's name as notes, at the
 * customer's address, owned by the customer's staff (when that account is
 * switched off or there is none: the standard's author, else the signed-in
 * user).  A care_runs row remembers (standard, customer, due date): a task
 * is never made twice, even after it was deleted.  All in one transaction
 * with an audit row per task.  @n_created (may be NULL) is how many were
 * made. */
gboolean        crm_care_generate_due            (CrmStore              *store,
                                                  CrmSession            *session,
                                                  const char            *today,
                                                  guint                 *n_created,
                                                  GError               **error);

/* The customers the session may see with a care task (generated or
 * planned by hand; not repeating) that is not done and whose day ended
 * before @today, restricted to the tasks the session may see (one's own
 * for staff, the team's for managers).  Oldest due first.  Element type
 * CrmCareOverdue. */
GPtrArray      *crm_care_list_overdue_customers  (CrmStore              *store,
                                                  CrmSession            *session,
                                                  const char            *today,
                                                  GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCareOverdue, crm_care_overdue_free)

G_END_DECLS
