/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* One staff member's work over a period (local days, both included). */
typedef struct
{
  gint64  user_id;
  char   *full_name;
  gint64  events_planned;   /* events starting in the period */
  gint64  events_done;      /* of those, marked done */
  gint64  tasks_overdue;    /* tasks, deadlines and care to-dos ending in the period before today, not done */
  gint64  interactions;     /* interactions logged as occurring in the period */
  gint64  quotes_sent;      /* quote sends in the period */
  gint64  cases_resolved;   /* care cases assigned to them resolved in the period */
} CrmStaffReportRow;

void       crm_staff_report_row_free (CrmStaffReportRow  *row);

GPtrArray *crm_staff_report_build    (CrmStore           *store,
                                      CrmSession         *session,
                                      const char         *from_day,
                                      const char         *to_day,
                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmStaffReportRow, crm_staff_report_row_free)

G_END_DECLS
