/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-error.h"
#include "crm-report-export.h"
#include "crm-reports.h"
#include "crm-staff-report.h"
#include "test-fixture.h"

/* An office with a team (Lan, staff, and Minh, its manager) and Hùng, a
 * staff member alone.  The report runs over January 2026 in Vietnamese
 * local time (UTC+7): the period is 2025-12-31T17:00:00Z to
 * 2026-01-31T17:00:00Z. */

typedef struct
{
  CrmTestDb   db;
  gint64      lan;
  gint64      hung;
  gint64      minh;
  CrmSession *lan_session;
  CrmSession *hung_session;
  CrmSession *minh_session;
  gint64      customer;
} Office;

static void
exec_side (Office     *office,
           const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
execf (Office     *office,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
execf (Office     *office,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec_side (office, sql);
}

static CrmSession *
session_of (Office *office,
            gint64  user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (office->db.store, user_id, &error);

  g_assert_no_error (error);
  return session;
}

static void
open_sessions (Office *office)
{
  g_clear_object (&office->lan_session);
  g_clear_object (&office->hung_session);
  g_clear_object (&office->minh_session);
  office->lan_session = session_of (office, office->lan);
  office->hung_session = session_of (office, office->hung);
  office->minh_session = session_of (office, office->minh);
}

static void
add_event (Office     *office,
           gint64      owner,
           const char *kind,
           const char *starts,
           const char *ends,
           int         done)
{
  execf (office,
         "INSERT INTO events (owner_id, kind, title, starts_at, ends_at, done, created_at, updated_at) "
         "VALUES (%" G_GINT64_FORMAT ", '%s', 'Việc', '%s', '%s', %d, 'x', 'x')",
         owner, kind, starts, ends, done);
}

static void
add_interaction (Office     *office,
                 gint64      user,
                 const char *at)
{
  execf (office,
         "INSERT INTO interactions (customer_id, user_id, kind, occurred_at, created_at, updated_at) "
         "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'call', '%s', 'x', 'x')",
         office->customer, user, at);
}

static void
add_quote_send (Office     *office,
                gint64      user,
                const char *at)
{
  execf (office,
         "INSERT INTO quote_sends (quote_id, revision, sent_at, recipient, channel, user_id) "
         "VALUES (1, 1, '%s', 'khach@example.vn', 'email', %" G_GINT64_FORMAT ")", at, user);
}

static void
add_case (Office     *office,
          gint64      assignee,
          const char *status,
          const char *resolved_at)
{
  g_autofree char *resolved = resolved_at != NULL ? g_strdup_printf ("'%s'", resolved_at) : g_strdup ("NULL");

  execf (office,
         "INSERT INTO care_cases (customer_id, assignee_id, kind, status, subject, resolved_at, created_at, updated_at) "
         "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'question', '%s', 'Hỏi', %s, 'x', 'x')",
         office->customer, assignee, status, resolved);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 team;

  crm_test_db_setup (&office->db, data);
  team = crm_user_store_create_team (office->db.store, office->db.admin, "Kinh doanh", &error);
  g_assert_no_error (error);
  office->lan = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                       CRM_ROLE_STAFF, team, &error);
  g_assert_no_error (error);
  office->hung = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                        CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->minh = crm_user_store_create (office->db.store, office->db.admin, "minh.do", "Đỗ Văn Minh",
                                        CRM_ROLE_MANAGER, team, &error);
  g_assert_no_error (error);
  open_sessions (office);
  office->customer = crm_test_add_customer (&office->db, NULL, "Công ty Ánh Dương", "da-nang", NULL, office->lan);
  execf (office,
         "INSERT INTO quotes (id, code, customer_id, issue_date, valid_until, created_at, updated_at) "
         "VALUES (1, 'BG-2026-0001', %" G_GINT64_FORMAT ", '2026-01-02', '2026-02-02', 'x', 'x')",
         office->customer);

  /* Lan: six events in the period (three done), two open tasks overdue. */
  add_event (office, office->lan, "meeting", "2026-01-05T02:00:00Z", "2026-01-05T03:00:00Z", 1);
  add_event (office, office->lan, "call", "2026-01-10T02:00:00Z", "2026-01-10T02:30:00Z", 0);
  add_event (office, office->lan, "task", "2026-01-20T02:00:00Z", "2026-01-20T03:00:00Z", 0);
  add_event (office, office->lan, "visit", "2025-12-31T17:00:00Z", "2025-12-31T18:00:00Z", 1);  /* 1/1 00:00 */
  add_event (office, office->lan, "task", "2026-01-31T16:59:00Z", "2026-01-31T16:59:30Z", 0);  /* 31/1 23:59 */
  add_event (office, office->lan, "task", "2026-01-15T02:00:00Z", "2026-01-15T03:00:00Z", 1);
  /* Just outside: 31/12 23:59 and 1/2 00:00 local. */
  add_event (office, office->lan, "deadline", "2025-12-31T16:59:00Z", "2025-12-31T16:59:30Z", 0);
  add_event (office, office->lan, "meeting", "2026-01-31T17:00:00Z", "2026-01-31T18:00:00Z", 0);
  /* Hùng: a meeting (not a task) and a care to-do, both open. */
  add_event (office, office->hung, "meeting", "2026-01-12T02:00:00Z", "2026-01-12T03:00:00Z", 0);
  add_event (office, office->hung, "care", "2026-01-13T02:00:00Z", "2026-01-13T03:00:00Z", 0);

  add_interaction (office, office->lan, "2026-01-03T05:00:00Z");
  add_interaction (office, office->lan, "2026-01-31T16:00:00Z");
  add_interaction (office, office->lan, "2026-02-01T01:00:00Z");
  add_interaction (office, office->hung, "2026-01-08T05:00:00Z");

  add_quote_send (office, office->lan, "2026-01-04T03:00:00Z");
  add_quote_send (office, office->hung, "2026-01-06T03:00:00Z");
  add_quote_send (office, office->hung, "2026-01-07T03:00:00Z");
  add_quote_send (office, office->hung, "2025-12-30T03:00:00Z");

  add_case (office, office->lan, "resolved", "2026-01-10T03:00:00Z");
  add_case (office, office->lan, "closed", "2026-01-20T03:00:00Z");
  add_case (office, office->lan, "resolved", "2026-02-03T03:00:00Z");
  add_case (office, office->lan, "in_progress", NULL);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan_session);
  g_clear_object (&office->hung_session);
  g_clear_object (&office->minh_session);
  crm_test_db_teardown (&office->db, data);
}

static GPtrArray *
build (Office     *office,
       CrmSession *session,
       const char *from,
       const char *to)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = crm_staff_report_build (office->db.store, session, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static const CrmStaffReportRow *
find_row (GPtrArray *rows,
          gint64     user_id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmStaffReportRow *row = g_ptr_array_index (rows, i);

      if (row->user_id == user_id)
        return row;
    }
  return NULL;
}

static void
assert_row (const CrmStaffReportRow *row,
            gint64 planned, gint64 done, gint64 overdue, gint64 interactions, gint64 quotes, gint64 cases)
{
  g_assert_nonnull (row);
  g_assert_cmpint (row->events_planned, ==, planned);
  g_assert_cmpint (row->events_done, ==, done);
  g_assert_cmpint (row->tasks_overdue, ==, overdue);
  g_assert_cmpint (row->interactions, ==, interactions);
  g_assert_cmpint (row->quotes_sent, ==, quotes);
  g_assert_cmpint (row->cases_resolved, ==, cases);
}

static void
test_figures (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = build (office, office->db.admin, "2026-01-01", "2026-01-31");

  /* Everyone, the administrator included, ordered by given name. */
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (find_row (rows, office->lan), 6, 3, 2, 2, 1, 2);
  assert_row (find_row (rows, office->hung), 2, 0, 1, 1, 2, 0);
  assert_row (find_row (rows, office->minh), 0, 0, 0, 0, 0, 0);
  g_assert_cmpstr (((CrmStaffReportRow *) g_ptr_array_index (rows, 1))->full_name, ==, "Lê Văn Hùng");
  g_assert_cmpstr (((CrmStaffReportRow *) g_ptr_array_index (rows, 2))->full_name, ==, "Trần Thị Lan");
  g_assert_cmpstr (((CrmStaffReportRow *) g_ptr_array_index (rows, 3))->full_name, ==, "Đỗ Văn Minh");
}

static void
test_period_bounds (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) first_day = build (office, office->db.admin, "2026-01-01", "2026-01-01");
  g_autoptr(GPtrArray) last_day = build (office, office->db.admin, "2026-01-31", "2026-01-31");
  g_autoptr(GPtrArray) february = build (office, office->db.admin, "2026-02-01", "2026-02-28");
  g_autoptr(GPtrArray) december = build (office, office->db.admin, "2025-12-01", "2025-12-31");

  /* 1/1: the visit at 00:00 local; 31/1: the task at 23:59 and the call at 23:00. */
  assert_row (find_row (first_day, office->lan), 1, 1, 0, 0, 0, 0);
  assert_row (find_row (last_day, office->lan), 1, 0, 1, 1, 0, 0);
  assert_row (find_row (february, office->lan), 1, 0, 0, 1, 0, 1);
  assert_row (find_row (december, office->lan), 1, 0, 1, 0, 0, 0);
  assert_row (find_row (december, office->hung), 0, 0, 0, 0, 1, 0);
}

static void
test_overdue_not_future (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *start = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *from = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 10);
  g_autofree char *to = g_date_time_format (end, "%Y-%m-%d");
  g_autoptr(GPtrArray) rows = NULL;

  /* An open task due in three days is planned, not late. */
  add_event (office, office->hung, "task", start, start, 0);
  rows = build (office, office->db.admin, from, to);
  assert_row (find_row (rows, office->hung), 1, 0, 0, 0, 0, 0);
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) lan_rows = build (office, office->lan_session, "2026-01-01", "2026-01-31");
  g_autoptr(GPtrArray) hung_rows = build (office, office->hung_session, "2026-01-01", "2026-01-31");
  g_autoptr(GPtrArray) minh_rows = build (office, office->minh_session, "2026-01-01", "2026-01-31");
  g_autoptr(GPtrArray) gone_rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (lan_rows->len, ==, 1);
  assert_row (find_row (lan_rows, office->lan), 6, 3, 2, 2, 1, 2);
  g_assert_cmpuint (hung_rows->len, ==, 1);
  assert_row (find_row (hung_rows, office->hung), 2, 0, 1, 1, 2, 0);
  /* The manager sees the team: Lan and himself, not Hùng. */
  g_assert_cmpuint (minh_rows->len, ==, 2);
  g_assert_nonnull (find_row (minh_rows, office->lan));
  g_assert_nonnull (find_row (minh_rows, office->minh));
  g_assert_null (find_row (minh_rows, office->hung));

  /* A switched-off account sees nothing. */
  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->hung, FALSE, &error));
  g_assert_no_error (error);
  gone_rows = build (office, office->hung_session, "2026-01-01", "2026-01-31");
  g_assert_cmpuint (gone_rows->len, ==, 0);
}

static void
test_bad_period (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (crm_staff_report_build (office->db.store, office->db.admin, "2026-01-31", "2026-01-01", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (crm_staff_report_build (office->db.store, office->db.admin, "31/01/2026", "2026-02-01", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);
  g_assert_null (crm_staff_report_build (office->db.store, office->db.admin, "2026-01-01", "2026-02-30", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
}

static char *
run_tool (const char *const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_non_empty (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_size, >, 0);
}

/* The staff activity report of January 2026 as @session sees it, written
 * to @file; the number of staff rows in *n_rows. */
static gboolean
export_january (Office           *office,
                CrmSession       *session,
                CrmExportFormat   format,
                GFile            *file,
                guint            *n_rows,
                GError          **error)
{
  g_autoptr(CrmReport) report = NULL;
  CrmReportFilter filter;
  CrmPeriod period;

  g_assert_true (crm_period_parse ("2026-01", &period, NULL));
  crm_report_filter_init (&filter, &period);
  report = crm_reports_build (office->db.store, session, "staff", &filter, NULL, error);
  crm_report_filter_clear (&filter);
  if (report == NULL)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = crm_report_get_n_rows (report);
  return crm_report_export (report, office->db.store, session, format, file, NULL, error);
}

static void
test_export (Office        *office,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sokhach-staff-report-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "bao-cao.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "bao-cao.pdf", NULL);
  g_autofree char *refused = g_build_filename (dir, "tu-choi.pdf", NULL);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) refused_file = g_file_new_for_path (refused);
  /* Report workbooks keep their strings shared, lists inline: read both. */
  const char *argv[] = { "unzip", "-p", xlsx, "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", NULL };
  g_autofree char *sheet = NULL;
  guint n_rows = 0;

  /* The manager's report: his team's two rows and their total. */
  g_assert_true (export_january (office, office->minh_session, CRM_EXPORT_FORMAT_XLSX, xlsx_file, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  assert_non_empty (xlsx);
  g_assert_true (export_january (office, office->minh_session, CRM_EXPORT_FORMAT_PDF, pdf_file, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  assert_non_empty (pdf);
  if ((sheet = run_tool (argv)) != NULL)
    {
      g_assert_nonnull (strstr (sheet, "Trần Thị Lan"));
      g_assert_nonnull (strstr (sheet, "Đỗ Văn Minh"));
      g_assert_null (strstr (sheet, "Lê Văn Hùng"));
      g_assert_nonnull (strstr (sheet, "01/01/2026"));
    }

  /* No export permission: refused, no file. */
  exec_side (office, "UPDATE users SET may_export = 0 WHERE login = 'hung.le'");
  open_sessions (office);
  g_assert_false (export_january (office, office->hung_session, CRM_EXPORT_FORMAT_PDF, refused_file, NULL, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  g_unlink (xlsx);
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Days are local days; the figures above are for Vietnam (UTC+7). */
  g_setenv ("TZ", "Asia/Ho_Chi_Minh", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/staff-report/figures", test_figures);
  ADD ("/store/staff-report/period-bounds", test_period_bounds);
  ADD ("/store/staff-report/overdue-not-future", test_overdue_not_future);
  ADD ("/store/staff-report/visibility", test_visibility);
  ADD ("/store/staff-report/bad-period", test_bad_period);
  ADD ("/export/staff-report/xlsx-pdf", test_export);
#undef ADD

  return g_test_run ();
}
