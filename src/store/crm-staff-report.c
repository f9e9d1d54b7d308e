/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-staff-report"

#include "config.h"

#include "crm-staff-report.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"
#include "crm-report-private.h"
#include "crm-store-private.h"

/* The staff work report: for each active user the viewer may see (one's
 * own row for staff, the team's for managers, everyone for
 * administrators, per CRM_VISIBLE_OWNER), what they planned, did, let run
 * late, logged, sent and resolved over a period of local days.  One
 * statement, so the figures come from one snapshot of the file.  A
 * recurring event counts once, by the start of its series. */

static const char report_sql[] =
  "SELECT u.id, u.full_name,"
  " (SELECT count(*) FROM events e WHERE e.owner_id = u.id"
  "    AND e.starts_at >= :from AND e.starts_at < :to),"
  " (SELECT count(*) FROM events e WHERE e.owner_id = u.id AND e.done = 1"
  "    AND e.starts_at >= :from AND e.starts_at < :to),"
  " (SELECT count(*) FROM events e WHERE e.owner_id = u.id AND e.done = 0 AND e.recur_freq IS NULL"
  "    AND e.kind IN ('task', 'deadline', 'care') AND e.ends_at >= :from AND e.ends_at < :late),"
  " (SELECT count(*) FROM interactions i WHERE i.user_id = u.id"
  "    AND i.occurred_at >= :from AND i.occurred_at < :to),"
  " (SELECT count(*) FROM quote_sends s WHERE s.user_id = u.id"
  "    AND s.sent_at >= :from AND s.sent_at < :to),"
  " (SELECT count(*) FROM care_cases k WHERE k.assignee_id = u.id AND k.status IN ('resolved', 'closed')"
  "    AND k.resolved_at >= :from AND k.resolved_at < :to) "
  "FROM users u WHERE u.active = 1 AND " CRM_VISIBLE_OWNER ("u.id") " "
  "ORDER BY u.sort_key, u.id";

void
crm_staff_report_row_free (CrmStaffReportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->full_name);
  g_free (row);
}

/* @text as a day ("yyyy-MM-dd"), or FALSE with @message as a validation error. */
static gboolean
parse_day (const char  *text,
           const char  *message,
           GDate       *day,
           GError     **error)
{
  g_date_clear (day, 1);
  if (text != NULL && strlen (text) == 10)
    g_date_set_parse (day, text);
  if (text == NULL || strlen (text) != 10 || !g_date_valid (day) || text[4] != '-' || text[7] != '-')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE, message);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_staff_report_build:
 * @from_day: the first day of the period, "yyyy-MM-dd"
 * @to_day: the last day of the period, "yyyy-MM-dd", included
 *
 * The work of each staff member @session may see over the period, ordered
 * by name.  A period that ends before it starts is refused with
 * %CRM_VALIDATION_ERROR; an inactive viewer gets no rows.
 *
 * Returns: (transfer full) (element-type CrmStaffReportRow): the rows, or
 *   %NULL with @error set
 */
GPtrArray *
crm_staff_report_build (CrmStore    *store,
                        CrmSession  *session,
                        const char  *from_day,
                        const char  *to_day,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *today = NULL;
  GDate first, last, current;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!parse_day (from_day, _("The first day of the period is not a date."), &first, error) ||
      !parse_day (to_day, _("The last day of the period is not a date."), &last, error))
    return NULL;
  if (g_date_compare (&last, &first) < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The period ends before it starts."));
      return NULL;
    }
  g_date_clear (&current, 1);
  g_date_set_dmy (&current, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  from = _crm_report_day_start_utc (&first, 0);
  to = _crm_report_day_start_utc (&last, 1);
  today = _crm_report_day_start_utc (&current, 0);

  if (!(stmt = _crm_store_prepare (store, report_sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":from", from);
  _crm_bind_text (stmt, ":to", to);
  _crm_bind_text (stmt, ":late", strcmp (today, to) < 0 ? today : to);
  _crm_store_bind_viewer (stmt, session);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_staff_report_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmStaffReportRow *row = g_new0 (CrmStaffReportRow, 1);

      row->user_id = sqlite3_column_int64 (stmt, 0);
      row->full_name = _crm_column_text (stmt, 1);
      row->events_planned = sqlite3_column_int64 (stmt, 2);
      row->events_done = sqlite3_column_int64 (stmt, 3);
      row->tasks_overdue = sqlite3_column_int64 (stmt, 4);
      row->interactions = sqlite3_column_int64 (stmt, 5);
      row->quotes_sent = sqlite3_column_int64 (stmt, 6);
      row->cases_resolved = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
