/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-error.h"
#include "crm-reports.h"
#include "test-fixture.h"

/* The funnel, customers and staff activity reports over a small office,
 * every figure worked out by hand.  The period is the first half of 2026
 * in Vietnamese local time (UTC+7, TZ set in main): 2026-01-01 to
 * 2026-06-30, i.e. 2025-12-31T17:00:00Z to 2026-06-30T17:00:00Z; the
 * buckets of new customers are months.
 *
 * People: Lan (staff, team "Kinh doanh"), Hùng (staff, no team), Minh
 * (manager of the team).
 *
 * Customers (created_at local day; source; status; category):
 *   1 KH001 An Phát     Lan   2026-01-10  website   customer  Hà Nội (under Bán lẻ)
 *   2 KH002 Bình Minh   Lan   2026-01-20  website   customer  Bán lẻ
 *   3 KH003 Cát Tường   Hùng  2026-02-05  referral  prospect  Doanh nghiệp
 *   4 KH004 Đại Lộc     Hùng  2026-04-01 00:30 local (03-31 17:30Z)  referral  lead
 *   5 KH005 Gia Huy     Lan   2026-06-30 23:59 local  (no source)  lead
 *   6 KH006 Hòa Bình    Hùng  2025-11-01  store     customer
 *   7 KH007 Kim Long    Lan   2025-12-31 23:59 local  store  inactive
 *   8 KH008 Long Thành  Hùng  2026-07-01 00:00 local  website  customer
 *   9 KH009 (merged into 1, created in the period: never counted)
 * Leads (created in the period): 1, 2, 3, 4, 5. */

typedef struct
{
  CrmTestDb   db;
  gint64      lan;
  gint64      hung;
  gint64      minh;
  gint64      team;
  CrmPeriod   period;
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

/* @sql with {lan} and {hung} replaced by their user ids. */
static void
exec_people (Office     *office,
             const char *sql)
{
  g_autofree char *lan = g_strdup_printf ("%" G_GINT64_FORMAT, office->lan);
  g_autofree char *hung = g_strdup_printf ("%" G_GINT64_FORMAT, office->hung);
  g_auto(GStrv) parts = g_strsplit (sql, "{lan}", -1);
  g_autofree char *with_lan = g_strjoinv (lan, parts);
  g_auto(GStrv) more = g_strsplit (with_lan, "{hung}", -1);
  g_autofree char *done = g_strjoinv (hung, more);

  exec_side (office, done);
}

static const char customers_sql[] =
  "INSERT INTO categories (id, parent_id, name, created_at, updated_at) VALUES"
  " (1, NULL, 'Bán lẻ', 'x', 'x'), (2, 1, 'Hà Nội', 'x', 'x'), (3, NULL, 'Doanh nghiệp', 'x', 'x');"
  "INSERT INTO customers (id, code, full_name, assigned_to, source, status, category_id, province_code,"
  " created_at, updated_at) VALUES"
  " (1, 'KH001', 'An Phát', {lan}, 'website', 'customer', 2, 'ha-noi', '2026-01-10T03:00:00Z', 'x'),"
  " (2, 'KH002', 'Bình Minh', {lan}, 'website', 'customer', 1, 'ha-noi', '2026-01-20T03:00:00Z', 'x'),"
  " (3, 'KH003', 'Cát Tường', {hung}, 'referral', 'prospect', 3, 'da-nang', '2026-02-05T03:00:00Z', 'x'),"
  " (4, 'KH004', 'Đại Lộc', {hung}, 'referral', 'lead', NULL, NULL, '2026-03-31T17:30:00Z', 'x'),"
  " (5, 'KH005', 'Gia Huy', {lan}, NULL, 'lead', NULL, 'ha-noi', '2026-06-30T16:59:00Z', 'x'),"
  " (6, 'KH006', 'Hòa Bình', {hung}, 'store', 'customer', NULL, 'da-nang', '2025-11-01T03:00:00Z', 'x'),"
  " (7, 'KH007', 'Kim Long', {lan}, 'store', 'inactive', NULL, NULL, '2025-12-31T16:59:00Z', 'x'),"
  " (8, 'KH008', 'Long Thành', {hung}, 'website', 'customer', NULL, NULL, '2026-06-30T17:00:00Z', 'x');"
  "INSERT INTO customers (id, code, full_name, assigned_to, status, merged_into, created_at, updated_at)"
  " VALUES (9, 'KH009', 'An Phát (trùng)', {hung}, 'lead', 1, '2026-01-11T03:00:00Z', 'x');";

/* Opened in the period: 1, 2, 3, 5 (4 by Lan 2, Hùng 2; 260 000 000 ₫).
 * Open with a close in the period: 2 (May, 50 M × 30 % = 15 M), 3 (May,
 * 80 M × 25 % = 20 M), 4 (June, 40 M × 75 % = 30 M), 7 (March, 333 ×
 * 33,33 % = 110,99 → 111); 5 is lost, 6 closes in August. */
static const char opportunities_sql[] =
  "INSERT INTO opportunities (id, customer_id, owner_id, title, stage, expected_value, probability_bp,"
  " expected_close, won_at, created_at, updated_at) VALUES"
  " (1, 1, {lan}, 'Máy in', 'won', 100000000, 5000, '2026-02-28', '2026-02-10T03:00:00Z', '2026-01-15T03:00:00Z', 'x'),"
  " (2, 2, {lan}, 'Giấy', 'proposal', 50000000, 3000, '2026-05-15', NULL, '2026-02-01T03:00:00Z', 'x'),"
  " (3, 3, {hung}, 'Bàn', 'negotiation', 80000000, 2500, '2026-05-20', NULL, '2026-03-01T03:00:00Z', 'x'),"
  " (4, 6, {hung}, 'Ghế', 'qualified', 40000000, 7500, '2026-06-10', NULL, '2025-12-01T03:00:00Z', 'x'),"
  " (5, 4, {hung}, 'Tủ', 'lost', 30000000, 1000, '2026-04-30', NULL, '2026-04-02T03:00:00Z', 'x'),"
  " (6, 8, {hung}, 'Kệ', 'new', 20000000, 5000, '2026-08-01', NULL, '2026-07-02T03:00:00Z', 'x'),"
  " (7, 2, {lan}, 'Bút', 'new', 333, 3333, '2026-03-31', NULL, '2025-12-15T03:00:00Z', 'x');";

/* Quotes made: 1, 2, 4 (3 is a draft, 5 is before the period).
 * Contracts signed: 1 (Lan, website) and 3 (Hùng, store); 2 is a draft. */
static const char documents_sql[] =
  "INSERT INTO quotes (id, code, customer_id, owner_id, status, issue_date, valid_until, grand_total,"
  " created_at, updated_at) VALUES"
  " (1, 'BG-2026-0001', 1, {lan}, 'sent', '2026-01-20', '2026-02-20', 110000000, 'x', 'x'),"
  " (2, 'BG-2026-0002', 2, {lan}, 'accepted', '2026-02-15', '2026-03-15', 55000000, 'x', 'x'),"
  " (3, 'BG-2026-0003', 3, {hung}, 'draft', '2026-03-05', '2026-04-05', 88000000, 'x', 'x'),"
  " (4, 'BG-2026-0004', 3, {hung}, 'rejected', '2026-03-10', '2026-04-10', 77000000, 'x', 'x'),"
  " (5, 'BG-2025-0005', 6, {hung}, 'expired', '2025-12-20', '2026-01-20', 66000000, 'x', 'x');"
  "INSERT INTO contracts (id, code, customer_id, owner_id, status, signed_on, value, created_at, updated_at) VALUES"
  " (1, 'HD-2026-0001', 1, {lan}, 'active', '2026-02-20', 100000000, 'x', 'x'),"
  " (2, 'HD-2026-0002', 2, {lan}, 'draft', NULL, 50000000, 'x', 'x'),"
  " (3, 'HD-2026-0003', 6, {hung}, 'completed', '2026-03-15', 60000000, 'x', 'x');";

/* Orders of the period (not cancelled), 8 for 236 000 000 ₫:
 *   customer 1: 2026-02-25 100 M, 2026-06-20 20 M   (Lan)
 *   customer 2: 2026-06-28 10 M                      (Lan)
 *   customer 3: 2026-01-05 5 M                       (Hùng)
 *   customer 6: 2026-03-01 30 M, 03-10 30 M, 04-01 40 M (Hùng)
 *   customer 7: 2026-05-15 1 M (Lan); its 05-20 order is cancelled
 *   customer 8: 2026-07-05, after the period. */
static const char orders_sql[] =
  "INSERT INTO orders (id, code, customer_id, owner_id, order_date, delivery_status, grand_total,"
  " created_at, updated_at) VALUES"
  " (1, 'DH-1', 1, {lan}, '2026-02-25', 'delivered', 100000000, 'x', 'x'),"
  " (2, 'DH-2', 1, {lan}, '2026-06-20', 'pending', 20000000, 'x', 'x'),"
  " (3, 'DH-3', 2, {lan}, '2026-06-28', 'pending', 10000000, 'x', 'x'),"
  " (4, 'DH-4', 3, {hung}, '2026-01-05', 'delivered', 5000000, 'x', 'x'),"
  " (5, 'DH-5', 6, {hung}, '2026-03-01', 'delivered', 30000000, 'x', 'x'),"
  " (6, 'DH-6', 6, {hung}, '2026-03-10', 'delivered', 30000000, 'x', 'x'),"
  " (7, 'DH-7', 6, {hung}, '2026-04-01', 'partial', 40000000, 'x', 'x'),"
  " (8, 'DH-8', 7, {lan}, '2026-05-15', 'delivered', 1000000, 'x', 'x'),"
  " (9, 'DH-9', 7, {lan}, '2026-05-20', 'cancelled', 9000000, 'x', 'x'),"
  " (10, 'DH-10', 8, {hung}, '2026-07-05', 'pending', 7000000, 'x', 'x');";

/* Staff work in the period:
 *   Lan   calls 3 (call, care_call, call at 2026-01-02 00:00 local),
 *         meetings 1, emails 1, other 1 (a note); a call on 07-01 is after;
 *         events 3 planned, 2 done; quotes sent 2; deal won 1 (100 M);
 *         case resolved 1.
 *   Hùng  meetings 2 (meeting, care_visit), emails 1 (01-01 23:59 local),
 *         other 1 (chat); 1 event planned, none done; quotes sent 1 (one
 *         more in 2025); no deal; cases resolved 1 (one more in July).
 * Open events are meetings or visits, so no task is ever overdue. */
static const char work_sql[] =
  "INSERT INTO interactions (customer_id, user_id, kind, occurred_at, created_at, updated_at) VALUES"
  " (1, {lan}, 'call', '2026-01-05T03:00:00Z', 'x', 'x'),"
  " (2, {lan}, 'care_call', '2026-02-01T03:00:00Z', 'x', 'x'),"
  " (5, {lan}, 'call', '2026-01-01T17:00:00Z', 'x', 'x'),"
  " (1, {lan}, 'meeting', '2026-03-01T03:00:00Z', 'x', 'x'),"
  " (2, {lan}, 'email', '2026-04-01T03:00:00Z', 'x', 'x'),"
  " (1, {lan}, 'note', '2026-05-01T03:00:00Z', 'x', 'x'),"
  " (1, {lan}, 'call', '2026-07-01T03:00:00Z', 'x', 'x'),"
  " (3, {hung}, 'meeting', '2026-02-02T03:00:00Z', 'x', 'x'),"
  " (6, {hung}, 'care_visit', '2026-02-03T03:00:00Z', 'x', 'x'),"
  " (4, {hung}, 'email', '2026-01-01T16:59:00Z', 'x', 'x'),"
  " (6, {hung}, 'chat', '2026-03-03T03:00:00Z', 'x', 'x');"
  "INSERT INTO events (owner_id, kind, title, starts_at, ends_at, done, created_at, updated_at) VALUES"
  " ({lan}, 'meeting', 'Gặp', '2026-01-10T02:00:00Z', '2026-01-10T03:00:00Z', 1, 'x', 'x'),"
  " ({lan}, 'call', 'Gọi', '2026-02-10T02:00:00Z', '2026-02-10T03:00:00Z', 1, 'x', 'x'),"
  " ({lan}, 'meeting', 'Gặp', '2026-03-10T02:00:00Z', '2026-03-10T03:00:00Z', 0, 'x', 'x'),"
  " ({hung}, 'visit', 'Thăm', '2026-04-10T02:00:00Z', '2026-04-10T03:00:00Z', 0, 'x', 'x');"
  "INSERT INTO quote_sends (quote_id, revision, sent_at, recipient, channel, user_id) VALUES"
  " (1, 1, '2026-01-20T03:00:00Z', 'a@example.vn', 'email', {lan}),"
  " (2, 1, '2026-02-15T03:00:00Z', 'b@example.vn', 'email', {lan}),"
  " (4, 1, '2026-03-10T03:00:00Z', 'c@example.vn', 'print', {hung}),"
  " (5, 1, '2025-12-20T03:00:00Z', 'd@example.vn', 'email', {hung});"
  "INSERT INTO care_cases (customer_id, assignee_id, kind, status, subject, resolved_at, created_at, updated_at) VALUES"
  " (1, {lan}, 'question', 'resolved', 'Hỏi', '2026-03-01T03:00:00Z', 'x', 'x'),"
  " (6, {hung}, 'complaint', 'closed', 'Khiếu nại', '2026-04-01T03:00:00Z', 'x', 'x'),"
  " (6, {hung}, 'warranty', 'resolved', 'Bảo hành', '2026-07-10T03:00:00Z', 'x', 'x'),"
  " (3, {hung}, 'question', 'in_progress', 'Hỏi', NULL, 'x', 'x');";

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&office->db, data);
  office->team = crm_user_store_create_team (office->db.store, office->db.admin, "Kinh doanh", &error);
  g_assert_no_error (error);
  office->lan = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                       CRM_ROLE_STAFF, office->team, &error);
  g_assert_no_error (error);
  office->hung = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                        CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->minh = crm_user_store_create (office->db.store, office->db.admin, "minh.do", "Đỗ Văn Minh",
                                        CRM_ROLE_MANAGER, office->team, &error);
  g_assert_no_error (error);
  exec_people (office, customers_sql);
  exec_people (office, opportunities_sql);
  exec_people (office, documents_sql);
  exec_people (office, orders_sql);
  exec_people (office, work_sql);
  g_assert_true (crm_period_parse ("2026-01-01..2026-06-30", &office->period, &error));
  g_assert_no_error (error);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  crm_test_db_teardown (&office->db, data);
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

static CrmReport *
build (Office     *office,
       CrmSession *session,
       const char *name,
       const char *breakdown,
       gint64      staff_id,
       gint64      team_id,
       gint64      category_id)
{
  g_autoptr(GError) error = NULL;
  CrmReportFilter filter;
  CrmReport *report;

  crm_report_filter_init (&filter, &office->period);
  filter.breakdown = g_strdup (breakdown);
  filter.staff_id = staff_id;
  filter.team_id = team_id;
  filter.category_id = category_id;
  report = crm_reports_build (office->db.store, session, name, &filter, NULL, &error);
  crm_report_filter_clear (&filter);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static guint
column_of (CrmReport  *report,
           const char *heading)
{
  for (guint i = 0; i < crm_report_get_n_columns (report); i++)
    if (g_str_equal (crm_report_get_column_heading (report, i), heading))
      return i;
  g_error ("no column “%s”", heading);
  return 0;
}

static guint
row_of (CrmReport  *report,
        const char *label)
{
  for (guint i = 0; i < crm_report_get_n_rows (report); i++)
    if (g_strcmp0 (crm_report_get_text (report, i, 0), label) == 0)
      return i;
  g_error ("no row “%s”", label);
  return 0;
}

/* The number in the row labelled @label, column headed @heading. */
static gint64
cell (CrmReport  *report,
      const char *label,
      const char *heading)
{
  return crm_report_get_number (report, row_of (report, label), column_of (report, heading));
}

static gint64
figure (CrmReport  *report,
        const char *label)
{
  for (guint i = 0; i < crm_report_get_n_figures (report); i++)
    if (g_str_equal (crm_report_get_figure_label (report, i), label))
      return crm_report_get_figure_value (report, i);
  g_error ("no figure “%s”", label);
  return 0;
}

/* Funnel ------------------------------------------------------------------------------ */

static void
test_funnel_steps (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(CrmReport) report = build (office, office->db.admin, "funnel", NULL, 0, 0, 0);

  g_assert_cmpstr (crm_report_get_name (report), ==, "funnel");
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 5);
  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_FUNNEL);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "Leads");
  g_assert_cmpstr (crm_report_get_text (report, 4, 0), ==, "Orders");

  g_assert_cmpint (cell (report, "Leads", "Count"), ==, 5);
  g_assert_cmpint (cell (report, "Opportunities", "Count"), ==, 4);
  g_assert_cmpint (cell (report, "Quotes", "Count"), ==, 3);
  g_assert_cmpint (cell (report, "Contracts", "Count"), ==, 2);
  g_assert_cmpint (cell (report, "Orders", "Count"), ==, 8);

  g_assert_true (crm_report_cell_is_empty (report, 0, column_of (report, "Value")));
  g_assert_cmpint (cell (report, "Opportunities", "Value"), ==, 260000000);
  g_assert_cmpint (cell (report, "Quotes", "Value"), ==, 242000000);
  g_assert_cmpint (cell (report, "Contracts", "Value"), ==, 160000000);
  g_assert_cmpint (cell (report, "Orders", "Value"), ==, 236000000);

  /* 4/5, 3/4, 2/3, 8/2 and 4/5, 3/5, 2/5, 8/5. */
  g_assert_true (crm_report_cell_is_empty (report, 0, column_of (report, "From previous step")));
  g_assert_cmpint (cell (report, "Opportunities", "From previous step"), ==, 8000);
  g_assert_cmpint (cell (report, "Quotes", "From previous step"), ==, 7500);
  g_assert_cmpint (cell (report, "Contracts", "From previous step"), ==, 6667);
  g_assert_cmpint (cell (report, "Orders", "From previous step"), ==, 40000);
  g_assert_cmpint (cell (report, "Leads", "From leads"), ==, 10000);
  g_assert_cmpint (cell (report, "Opportunities", "From leads"), ==, 8000);
  g_assert_cmpint (cell (report, "Quotes", "From leads"), ==, 6000);
  g_assert_cmpint (cell (report, "Contracts", "From leads"), ==, 4000);
  g_assert_cmpint (cell (report, "Orders", "From leads"), ==, 16000);

  g_assert_cmpint (figure (report, "Leads"), ==, 5);
  g_assert_cmpint (figure (report, "Orders"), ==, 8);
  g_assert_cmpint (figure (report, "Order value"), ==, 236000000);
  g_assert_cmpint (figure (report, "Conversion lead → order"), ==, 16000);
  g_assert_cmpuint (crm_report_get_n_subtitles (report), ==, 1);
}

static void
test_funnel_staff_source (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(CrmReport) staff = build (office, office->db.admin, "funnel", "staff", 0, 0, 0);
  g_autoptr(CrmReport) source = build (office, office->db.admin, "funnel", "source", 0, 0, 0);

  /* Hùng, Lan, then the total. */
  g_assert_cmpuint (crm_report_get_n_rows (staff), ==, 3);
  g_assert_cmpstr (crm_report_get_text (staff, 0, 0), ==, "Lê Văn Hùng");
  g_assert_cmpstr (crm_report_get_text (staff, 2, 0), ==, "Total");
  g_assert_cmpuint (crm_report_get_chart_rows (staff), ==, 2);
  g_assert_cmpint (crm_report_get_chart_kind (staff), ==, CRM_CHART_BAR);
  g_assert_cmpint (cell (staff, "Trần Thị Lan", "Leads"), ==, 3);
  g_assert_cmpint (cell (staff, "Trần Thị Lan", "Opportunities"), ==, 2);
  g_assert_cmpint (cell (staff, "Trần Thị Lan", "Quotes"), ==, 2);
  g_assert_cmpint (cell (staff, "Trần Thị Lan", "Contracts"), ==, 1);
  g_assert_cmpint (cell (staff, "Trần Thị Lan", "Orders"), ==, 4);
  g_assert_cmpint (cell (staff, "Trần Thị Lan", "Order value"), ==, 131000000);
  g_assert_cmpint (cell (staff, "Trần Thị Lan", "Lead → order"), ==, 13333);
  g_assert_cmpint (cell (staff, "Lê Văn Hùng", "Leads"), ==, 2);
  g_assert_cmpint (cell (staff, "Lê Văn Hùng", "Opportunities"), ==, 2);
  g_assert_cmpint (cell (staff, "Lê Văn Hùng", "Quotes"), ==, 1);
  g_assert_cmpint (cell (staff, "Lê Văn Hùng", "Contracts"), ==, 1);
  g_assert_cmpint (cell (staff, "Lê Văn Hùng", "Orders"), ==, 4);
  g_assert_cmpint (cell (staff, "Lê Văn Hùng", "Lead → order"), ==, 20000);
  g_assert_cmpint (cell (staff, "Total", "Leads"), ==, 5);
  g_assert_cmpint (cell (staff, "Total", "Orders"), ==, 8);
  g_assert_cmpint (cell (staff, "Total", "Lead → order"), ==, 16000);

  /* Website, store, referral, then no source, then the total. */
  g_assert_cmpuint (crm_report_get_n_rows (source), ==, 5);
  g_assert_cmpstr (crm_report_get_text (source, 0, 0), ==, "Website");
  g_assert_cmpstr (crm_report_get_text (source, 1, 0), ==, "Store");
  g_assert_cmpstr (crm_report_get_text (source, 2, 0), ==, "Referral");
  g_assert_cmpstr (crm_report_get_text (source, 3, 0), ==, "Not set");
  g_assert_cmpint (cell (source, "Website", "Leads"), ==, 2);
  g_assert_cmpint (cell (source, "Website", "Opportunities"), ==, 2);
  g_assert_cmpint (cell (source, "Website", "Quotes"), ==, 2);
  g_assert_cmpint (cell (source, "Website", "Contracts"), ==, 1);
  g_assert_cmpint (cell (source, "Website", "Orders"), ==, 3);
  g_assert_cmpint (cell (source, "Website", "Order value"), ==, 130000000);
  g_assert_cmpint (cell (source, "Website", "Lead → order"), ==, 15000);
  g_assert_cmpint (cell (source, "Store", "Leads"), ==, 0);
  g_assert_cmpint (cell (source, "Store", "Contracts"), ==, 1);
  g_assert_cmpint (cell (source, "Store", "Orders"), ==, 4);
  g_assert_cmpint (cell (source, "Store", "Lead → order"), ==, 0);
  g_assert_cmpint (cell (source, "Referral", "Leads"), ==, 2);
  g_assert_cmpint (cell (source, "Referral", "Opportunities"), ==, 2);
  g_assert_cmpint (cell (source, "Referral", "Quotes"), ==, 1);
  g_assert_cmpint (cell (source, "Referral", "Orders"), ==, 1);
  g_assert_cmpint (cell (source, "Not set", "Leads"), ==, 1);
  g_assert_cmpint (cell (source, "Total", "Orders"), ==, 8);
}

static void
test_funnel_forecast (Office        *office,
                      gconstpointer  data)
{
  g_autoptr(CrmReport) report = build (office, office->db.admin, "funnel", "forecast", 0, 0, 0);

  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 6);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "01/2026");
  g_assert_cmpstr (crm_report_get_text (report, 5, 0), ==, "06/2026");
  g_assert_cmpint (cell (report, "01/2026", "Open opportunities"), ==, 0);
  g_assert_cmpint (cell (report, "02/2026", "Open opportunities"), ==, 0);  /* the won one */
  g_assert_cmpint (cell (report, "03/2026", "Open opportunities"), ==, 1);
  g_assert_cmpint (cell (report, "03/2026", "Value"), ==, 333);
  g_assert_cmpint (cell (report, "03/2026", "Weighted value"), ==, 111);
  g_assert_cmpint (cell (report, "04/2026", "Open opportunities"), ==, 0);  /* the lost one */
  g_assert_cmpint (cell (report, "05/2026", "Open opportunities"), ==, 2);
  g_assert_cmpint (cell (report, "05/2026", "Value"), ==, 130000000);
  g_assert_cmpint (cell (report, "05/2026", "Weighted value"), ==, 35000000);
  g_assert_cmpint (cell (report, "06/2026", "Open opportunities"), ==, 1);
  g_assert_cmpint (cell (report, "06/2026", "Weighted value"), ==, 30000000);
  g_assert_cmpint (figure (report, "Open opportunities"), ==, 4);
  g_assert_cmpint (figure (report, "Pipeline value"), ==, 170000333);
  g_assert_cmpint (figure (report, "Weighted value"), ==, 65000111);
  g_assert_cmpuint (crm_report_get_chart_series (report, 0), ==, column_of (report, "Weighted value"));
}

static void
test_funnel_filters (Office        *office,
                     gconstpointer  data)
{
  /* The team (Lan and Minh): Lan's figures; the Bán lẻ subtree: customers 1 and 2. */
  g_autoptr(CrmReport) team = build (office, office->db.admin, "funnel", NULL, 0, office->team, 0);
  g_autoptr(CrmReport) hung = build (office, office->db.admin, "funnel", NULL, office->hung, 0, 0);
  g_autoptr(CrmReport) retail = build (office, office->db.admin, "funnel", NULL, 0, 0, 1);
  g_autoptr(CrmReport) hanoi = build (office, office->db.admin, "funnel", NULL, 0, 0, 2);

  g_assert_cmpint (cell (team, "Leads", "Count"), ==, 3);
  g_assert_cmpint (cell (team, "Orders", "Count"), ==, 4);
  g_assert_cmpstr (crm_report_get_subtitle (team, 1), ==, "Team: Kinh doanh");
  g_assert_cmpint (cell (hung, "Leads", "Count"), ==, 2);
  g_assert_cmpint (cell (hung, "Quotes", "Count"), ==, 1);
  g_assert_cmpstr (crm_report_get_subtitle (hung, 1), ==, "Staff: Lê Văn Hùng");
  g_assert_cmpint (cell (retail, "Leads", "Count"), ==, 2);
  g_assert_cmpint (cell (retail, "Opportunities", "Count"), ==, 2);
  g_assert_cmpint (cell (retail, "Contracts", "Count"), ==, 1);
  g_assert_cmpint (cell (retail, "Orders", "Count"), ==, 3);
  g_assert_cmpstr (crm_report_get_subtitle (retail, 1), ==, "Customer group: Bán lẻ");
  g_assert_cmpint (cell (hanoi, "Leads", "Count"), ==, 1);
  g_assert_cmpint (cell (hanoi, "Orders", "Count"), ==, 2);
}

/* Customers --------------------------------------------------------------------------- */

static void
test_customers_figures (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(CrmReport) report = build (office, office->db.admin, "customer-analysis", NULL, 0, 0, 0);
  static const char *const months[] = { "01/2026", "02/2026", "03/2026", "04/2026", "05/2026", "06/2026" };
  static const gint64 fresh[] = { 2, 1, 0, 1, 0, 1 };

  /* Eight customers (the merged one left out), five new; active: 1, 2, 3,
   * 6, 7 by orders and 5 by a call on 2026-01-02 00:00 local, the first
   * day of the 180; 4 (a call on 01-01 23:59) and 8 are not. */
  g_assert_cmpint (figure (report, "Customers"), ==, 8);
  g_assert_cmpint (figure (report, "New in the period"), ==, 5);
  g_assert_cmpint (figure (report, "Active (an order or contact in the last 180 days)"), ==, 6);
  g_assert_cmpint (figure (report, "Inactive"), ==, 2);
  /* Buyers 1, 2, 3, 6, 7; two orders or more: 1 and 6. */
  g_assert_cmpint (figure (report, "Repeat purchase rate"), ==, 4000);

  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_LINE);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, G_N_ELEMENTS (months));
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_assert_cmpstr (crm_report_get_text (report, i, 0), ==, months[i]);
      g_assert_cmpint (crm_report_get_number (report, i, 1), ==, fresh[i]);
    }
}

static void
test_customers_groups (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmReport) status = build (office, office->db.admin, "customer-analysis", "status", 0, 0, 0);
  g_autoptr(CrmReport) category = build (office, office->db.admin, "customer-analysis", "category", 0, 0, 0);
  g_autoptr(CrmReport) province = build (office, office->db.admin, "customer-analysis", "province", 0, 0, 0);
  g_autoptr(CrmReport) source = build (office, office->db.admin, "customer-analysis", "source", 0, 0, 0);

  g_assert_cmpuint (crm_report_get_n_rows (status), ==, 4);
  g_assert_cmpstr (crm_report_get_text (status, 0, 0), ==, "Lead");
  g_assert_cmpint (cell (status, "Lead", "Customers"), ==, 2);
  g_assert_cmpint (cell (status, "Lead", "New in the period"), ==, 2);
  g_assert_cmpint (cell (status, "Prospect", "Customers"), ==, 1);
  g_assert_cmpint (cell (status, "Customer", "Customers"), ==, 4);
  g_assert_cmpint (cell (status, "Customer", "New in the period"), ==, 2);
  g_assert_cmpint (cell (status, "Inactive", "Customers"), ==, 1);
  g_assert_cmpint (cell (status, "Inactive", "New in the period"), ==, 0);

  g_assert_cmpuint (crm_report_get_n_rows (category), ==, 4);
  g_assert_cmpint (cell (category, "Hà Nội", "Customers"), ==, 1);
  g_assert_cmpint (cell (category, "Bán lẻ", "Customers"), ==, 1);
  g_assert_cmpint (cell (category, "Doanh nghiệp", "Customers"), ==, 1);
  g_assert_cmpint (cell (category, "No category", "Customers"), ==, 5);
  g_assert_cmpstr (crm_report_get_text (category, 3, 0), ==, "No category");

  g_assert_cmpstr (crm_report_get_text (province, 0, 0), ==, "Hà Nội");
  g_assert_cmpint (cell (province, "Hà Nội", "Customers"), ==, 3);
  g_assert_cmpint (cell (province, "Đà Nẵng", "Customers"), ==, 2);
  g_assert_cmpint (cell (province, "No province", "Customers"), ==, 3);

  g_assert_cmpint (cell (source, "Website", "Customers"), ==, 3);
  g_assert_cmpint (cell (source, "Website", "New in the period"), ==, 2);
  g_assert_cmpint (cell (source, "Store", "Customers"), ==, 2);
  g_assert_cmpint (cell (source, "Referral", "Customers"), ==, 2);
  g_assert_cmpint (cell (source, "Not set", "Customers"), ==, 1);
}

static void
test_customers_top (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(CrmReport) report = build (office, office->db.admin, "customer-analysis", "top", 0, 0, 0);

  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 5);
  g_assert_cmpuint (crm_report_get_chart_rows (report), ==, 5);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "KH001");
  g_assert_cmpstr (crm_report_get_text (report, 0, 1), ==, "An Phát");
  g_assert_cmpint (crm_report_get_number (report, 0, 2), ==, 2);
  g_assert_cmpint (crm_report_get_number (report, 0, 3), ==, 120000000);
  g_assert_cmpstr (crm_report_get_text (report, 1, 0), ==, "KH006");
  g_assert_cmpint (crm_report_get_number (report, 1, 2), ==, 3);
  g_assert_cmpint (crm_report_get_number (report, 1, 3), ==, 100000000);
  g_assert_cmpstr (crm_report_get_text (report, 4, 0), ==, "KH007");
  g_assert_cmpint (crm_report_get_number (report, 4, 3), ==, 1000000);
}

/* RFM as of 2026-06-30 over five buyers:
 *            last order  R days  F  M       R  F  M  segment
 *   KH001    06-20        10     2  120 M   4  4  5  Champions
 *   KH006    04-01        90     3  100 M   2  5  4  At risk
 *   KH002    06-28         2     1   10 M   5  1  3  New
 *   KH003    01-05       176     1    5 M   1  1  2  Hibernating
 *   KH007    05-15        46     1    1 M   3  1  1  Others
 * e.g. KH001's recency: 3 of 5 have waited longer, 1 + 5 × 3 / 5 = 4. */
static void
test_customers_rfm (Office        *office,
                    gconstpointer  data)
{
  static const struct
  {
    const char *code;
    const char *last;
    gint64 days, orders, revenue;
    gint64 r, f, m;
    const char *segment;
  } expected[] = {
    { "KH001", "2026-06-20", 10, 2, 120000000, 4, 4, 5, "Champions" },
    { "KH006", "2026-04-01", 90, 3, 100000000, 2, 5, 4, "At risk" },
    { "KH002", "2026-06-28", 2, 1, 10000000, 5, 1, 3, "New" },
    { "KH003", "2026-01-05", 176, 1, 5000000, 1, 1, 2, "Hibernating" },
    { "KH007", "2026-05-15", 46, 1, 1000000, 3, 1, 1, "Others" },
  };
  g_autoptr(CrmReport) report = build (office, office->db.admin, "customer-analysis", "rfm", 0, 0, 0);
  g_autoptr(CrmReport) segments = build (office, office->db.admin, "customer-analysis", "rfm-segments", 0, 0, 0);

  g_assert_cmpuint (crm_report_get_n_rows (report), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (crm_report_get_text (report, i, column_of (report, "Code")), ==, expected[i].code);
      g_assert_cmpstr (crm_report_get_text (report, i, column_of (report, "Last order")), ==, expected[i].last);
      g_assert_cmpint (crm_report_get_number (report, i, column_of (report, "Days since")), ==, expected[i].days);
      g_assert_cmpint (crm_report_get_number (report, i, column_of (report, "Orders")), ==, expected[i].orders);
      g_assert_cmpint (crm_report_get_number (report, i, column_of (report, "Revenue")), ==, expected[i].revenue);
      g_assert_cmpint (crm_report_get_number (report, i, column_of (report, "R")), ==, expected[i].r);
      g_assert_cmpint (crm_report_get_number (report, i, column_of (report, "F")), ==, expected[i].f);
      g_assert_cmpint (crm_report_get_number (report, i, column_of (report, "M")), ==, expected[i].m);
      g_assert_cmpstr (crm_report_get_text (report, i, column_of (report, "Segment")), ==, expected[i].segment);
    }

  g_assert_cmpuint (crm_report_get_n_rows (segments), ==, 6);
  g_assert_cmpint (crm_report_get_chart_kind (segments), ==, CRM_CHART_BAR);
  g_assert_cmpstr (crm_report_get_text (segments, 0, 0), ==, "Champions");
  g_assert_cmpint (cell (segments, "Champions", "Customers"), ==, 1);
  g_assert_cmpint (cell (segments, "Champions", "Revenue"), ==, 120000000);
  g_assert_cmpint (cell (segments, "Champions", "Share of customers"), ==, 2000);
  g_assert_cmpint (cell (segments, "Loyal", "Customers"), ==, 0);
  g_assert_cmpint (cell (segments, "At risk", "Revenue"), ==, 100000000);
  g_assert_cmpint (cell (segments, "New", "Customers"), ==, 1);
  g_assert_cmpint (cell (segments, "Hibernating", "Revenue"), ==, 5000000);
  g_assert_cmpint (cell (segments, "Others", "Customers"), ==, 1);
}

/* Staff activity ---------------------------------------------------------------------- */

static void
test_staff_activity (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(CrmReport) report = build (office, office->db.admin, "staff", NULL, 0, 0, 0);
  g_autoptr(CrmReport) team = build (office, office->db.admin, "staff", NULL, 0, office->team, 0);
  guint last = crm_report_get_n_rows (report) - 1;

  /* Everyone active (the administrator, Minh, Hùng, Lan) and the total. */
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 5);
  g_assert_cmpstr (crm_report_get_text (report, last, 0), ==, "Total");
  g_assert_cmpuint (crm_report_get_chart_rows (report), ==, 4);

  g_assert_cmpint (cell (report, "Trần Thị Lan", "Calls"), ==, 3);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Meetings"), ==, 1);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Emails"), ==, 1);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Other contacts"), ==, 1);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Interactions"), ==, 6);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Events planned"), ==, 3);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Events done"), ==, 2);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Tasks overdue"), ==, 0);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Quotes sent"), ==, 2);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Deals won"), ==, 1);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Value won"), ==, 100000000);
  g_assert_cmpint (cell (report, "Trần Thị Lan", "Care cases resolved"), ==, 1);

  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Calls"), ==, 0);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Meetings"), ==, 2);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Emails"), ==, 1);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Other contacts"), ==, 1);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Events planned"), ==, 1);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Events done"), ==, 0);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Quotes sent"), ==, 1);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Deals won"), ==, 0);
  g_assert_cmpint (cell (report, "Lê Văn Hùng", "Care cases resolved"), ==, 1);

  g_assert_cmpint (cell (report, "Đỗ Văn Minh", "Interactions"), ==, 0);
  g_assert_cmpint (cell (report, "Total", "Interactions"), ==, 10);
  g_assert_cmpint (cell (report, "Total", "Events planned"), ==, 4);
  g_assert_cmpint (cell (report, "Total", "Quotes sent"), ==, 3);
  g_assert_cmpint (figure (report, "Interactions"), ==, 10);
  g_assert_cmpint (figure (report, "Events done of planned"), ==, 5000);
  g_assert_cmpint (figure (report, "Quotes sent"), ==, 3);
  g_assert_cmpint (figure (report, "Deals won"), ==, 1);
  g_assert_cmpint (figure (report, "Value won"), ==, 100000000);
  g_assert_cmpint (figure (report, "Care cases resolved"), ==, 2);

  /* The team: Minh and Lan. */
  g_assert_cmpuint (crm_report_get_n_rows (team), ==, 3);
  g_assert_cmpint (cell (team, "Total", "Interactions"), ==, 6);
}

/* Own visibility ---------------------------------------------------------------------- */

/* Lan, staff, with customers visible to their own staff only: her
 * customers are 1, 2, 5 and 7, her work only, whatever staff is asked. */
static void
test_own_visibility (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) lan = NULL;
  g_autoptr(CrmReport) funnel = NULL;
  g_autoptr(CrmReport) forecast = NULL;
  g_autoptr(CrmReport) customers = NULL;
  g_autoptr(CrmReport) top = NULL;
  g_autoptr(CrmReport) staff = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  lan = session_of (office, office->lan);
  g_assert_cmpint (crm_session_get_visibility (lan), ==, CRM_VISIBILITY_OWN);

  funnel = build (office, lan, "funnel", NULL, office->hung, 0, 0);
  g_assert_cmpint (cell (funnel, "Leads", "Count"), ==, 3);
  g_assert_cmpint (cell (funnel, "Opportunities", "Count"), ==, 2);
  g_assert_cmpint (cell (funnel, "Quotes", "Count"), ==, 2);
  g_assert_cmpint (cell (funnel, "Contracts", "Count"), ==, 1);
  g_assert_cmpint (cell (funnel, "Orders", "Count"), ==, 4);
  g_assert_cmpint (cell (funnel, "Orders", "Value"), ==, 131000000);
  g_assert_cmpstr (crm_report_get_subtitle (funnel, 1), ==, "Staff: Trần Thị Lan");

  forecast = build (office, lan, "funnel", "forecast", 0, 0, 0);
  g_assert_cmpint (figure (forecast, "Open opportunities"), ==, 2);
  g_assert_cmpint (figure (forecast, "Weighted value"), ==, 15000111);

  customers = build (office, lan, "customer-analysis", NULL, 0, 0, 0);
  g_assert_cmpint (figure (customers, "Customers"), ==, 4);
  g_assert_cmpint (figure (customers, "New in the period"), ==, 3);
  g_assert_cmpint (figure (customers, "Active (an order or contact in the last 180 days)"), ==, 4);
  g_assert_cmpint (figure (customers, "Inactive"), ==, 0);
  g_assert_cmpint (figure (customers, "Repeat purchase rate"), ==, 3333);

  top = build (office, lan, "customer-analysis", "top", 0, 0, 0);
  g_assert_cmpuint (crm_report_get_n_rows (top), ==, 3);
  for (guint i = 0; i < crm_report_get_n_rows (top); i++)
    g_assert_cmpstr (crm_report_get_text (top, i, 0), !=, "KH006");

  staff = build (office, lan, "staff", NULL, 0, 0, 0);
  g_assert_cmpuint (crm_report_get_n_rows (staff), ==, 2);
  g_assert_cmpstr (crm_report_get_text (staff, 0, 0), ==, "Trần Thị Lan");
  g_assert_cmpint (cell (staff, "Total", "Interactions"), ==, 6);
  g_assert_cmpint (cell (staff, "Total", "Quotes sent"), ==, 2);
  g_assert_cmpint (cell (staff, "Total", "Care cases resolved"), ==, 1);
}

static void
test_unknown_breakdown (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReport) report = NULL;
  CrmReportFilter filter;

  crm_report_filter_init (&filter, &office->period);
  filter.breakdown = g_strdup ("product");
  report = crm_reports_build (office->db.store, office->db.admin, "customer-analysis", &filter, NULL, &error);
  crm_report_filter_clear (&filter);
  g_assert_null (report);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
}

static void
test_cancelled (Office        *office,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CrmReport) report = NULL;
  CrmReportFilter filter;

  g_cancellable_cancel (cancellable);
  crm_report_filter_init (&filter, &office->period);
  report = crm_report_funnel_build (office->db.store, office->db.admin, &filter, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  report = crm_report_customers_build (office->db.store, office->db.admin, &filter, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  report = crm_report_staff_build (office->db.store, office->db.admin, &filter, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Asia/Ho_Chi_Minh", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/report-customers/funnel/steps", test_funnel_steps);
  ADD ("/report-customers/funnel/staff-source", test_funnel_staff_source);
  ADD ("/report-customers/funnel/forecast", test_funnel_forecast);
  ADD ("/report-customers/funnel/filters", test_funnel_filters);
  ADD ("/report-customers/customers/figures", test_customers_figures);
  ADD ("/report-customers/customers/groups", test_customers_groups);
  ADD ("/report-customers/customers/top", test_customers_top);
  ADD ("/report-customers/customers/rfm", test_customers_rfm);
  ADD ("/report-customers/staff/activity", test_staff_activity);
  ADD ("/report-customers/own-visibility", test_own_visibility);
  ADD ("/report-customers/unknown-breakdown", test_unknown_breakdown);
  ADD ("/report-customers/cancelled", test_cancelled);
#undef ADD
  return g_test_run ();
}
