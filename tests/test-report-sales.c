/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-error.h"
#include "crm-province.h"
#include "crm-reports.h"
#include "test-fixture.h"

/* The sales, profitability and quotes reports on a small office whose
 * every figure is worked out by hand below.
 *
 * Users: the administrator; Lan (staff, team "Kinh doanh"); Hùng (staff).
 * Customer tree: Bán lẻ > Tạp hóa, and Doanh nghiệp.
 * Customers: C1 "Cửa hàng An" (Tạp hóa, Hà Nội, Lan), C2 "Công ty Bình"
 * (Doanh nghiệp, Hồ Chí Minh, Hùng), C3 "Chị Cúc" (Bán lẻ, Hà Nội, Hùng).
 * Products: P1 Cà phê hạt and P2 Trà xanh (Đồ uống), P3 Bánh quy (Bánh
 * kẹo), costs captured on the lines: 120 000, 50 000, 40 000.
 *
 * Orders (net = revenue before VAT):
 *  O1 2026-01-10 C1 Lan:  P1 2 × 200 000 at 8 %       net 400 000 VAT 32 000
 *                         P2 3 × 80 000 −10 % at 10 %  net 216 000 VAT 21 600
 *                         subtotal 640 000, discount 24 000, VAT 53 600, total 669 600
 *  O2 2026-01-25 C2 Hùng: P3 10 × 35 000 at 8 %        net 350 000
 *                         P1 1 × 210 000 at 8 %        net 210 000
 *                         VAT 8 % of 560 000 = 44 800, total 604 800
 *  O3 2026-03-05 C3 Hùng: P2 5 × 80 000 at 10 %        net 400 000 VAT 40 000, total 440 000
 *  O4 2026-03-20 C1 Lan:  cancelled, P1 10 × 200 000   (left out)
 *  O7 2026-04-08 C2 Lan:  P2 1 × 80 000 at 10 %        net 80 000 VAT 8 000, total 88 000
 *  O5 2025-06-15 C1 Lan:  P1 4 × 200 000 at 8 %        net 800 000 (previous period)
 *  O6 2025-11-02 C2 Hùng: P2 5 × 80 000 at 10 %        net 400 000 (previous period)
 *
 * 2026: 4 orders, revenue 616 000 + 560 000 + 400 000 + 80 000 = 1 656 000,
 * VAT 53 600 + 44 800 + 40 000 + 8 000 = 146 400, total 1 802 400;
 * 2025: 1 200 000; change 456 000 / 1 200 000 = +38 %. */

#define PERIOD "2026"

typedef struct
{
  CrmTestDb   db;
  gint64      lan;
  gint64      hung;
  gint64      team;
  gint64      c1;
  gint64      c2;
  gint64      c3;
  CrmSession *lan_session;
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

static void
add_order (Office     *office,
           int         id,
           gint64      customer,
           gint64      owner,
           const char *date,
           const char *status,
           gint64      subtotal,
           gint64      discount,
           gint64      vat)
{
  execf (office,
         "INSERT INTO orders (id, code, customer_id, owner_id, order_date, delivery_status, subtotal, "
         "  discount_total, vat_total, grand_total, created_at, updated_at) "
         "VALUES (%d, 'DH-%d', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '%s', %" G_GINT64_FORMAT
         ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'x', 'x')",
         id, id, customer, owner, date, status, subtotal, discount, vat, subtotal - discount + vat);
}

static void
add_line (Office *office,
          int     order,
          int     position,
          int     product,
          gint64  quantity_milli,
          gint64  unit_price,
          gint64  unit_cost,
          int     discount_bp,
          int     vat_bp)
{
  execf (office,
         "INSERT INTO order_lines (order_id, position, product_id, description, quantity_milli, unit_price, "
         "  unit_cost, discount_bp, vat_rate_bp) "
         "VALUES (%d, %d, %d, 'Hàng', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %d, %d)",
         order, position, product, quantity_milli, unit_price, unit_cost, discount_bp, vat_bp);
}

static void
add_quote (Office     *office,
           int         id,
           gint64      customer,
           gint64      owner,
           const char *status,
           const char *valid_until,
           const char *accepted_at,
           const char *rejected_at)
{
  g_autofree char *accepted = accepted_at ? g_strdup_printf ("'%s'", accepted_at) : g_strdup ("NULL");
  g_autofree char *rejected = rejected_at ? g_strdup_printf ("'%s'", rejected_at) : g_strdup ("NULL");

  execf (office,
         "INSERT INTO quotes (id, code, customer_id, owner_id, status, issue_date, valid_until, accepted_at, "
         "  rejected_at, created_at, updated_at) "
         "VALUES (%d, 'BG-2026-%04d', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '2025-12-01', '%s', %s, %s, "
         "  'x', 'x')",
         id, id, customer, owner, status, valid_until, accepted, rejected);
}

static void
add_send (Office     *office,
          int         quote,
          const char *at)
{
  execf (office,
         "INSERT INTO quote_sends (quote_id, revision, sent_at, recipient, channel) "
         "VALUES (%d, 1, '%s', 'khach@example.vn', 'email')", quote, at);
}

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

  exec_side (office,
             "INSERT INTO categories (id, parent_id, name, created_at, updated_at) VALUES "
             "  (101, NULL, 'Bán lẻ', 'x', 'x'), (102, 101, 'Tạp hóa', 'x', 'x'), "
             "  (103, NULL, 'Doanh nghiệp', 'x', 'x');"
             "INSERT INTO product_categories (id, name, created_at, updated_at) VALUES "
             "  (201, 'Đồ uống', 'x', 'x'), (202, 'Bánh kẹo', 'x', 'x');"
             "INSERT INTO products (id, code, name, cost_price, vat_rate_bp, category_id, created_at, updated_at) VALUES "
             "  (1, 'SP1', 'Cà phê hạt', 120000, 800, 201, 'x', 'x'), "
             "  (2, 'SP2', 'Trà xanh', 50000, 1000, 201, 'x', 'x'), "
             "  (3, 'SP3', 'Bánh quy', 40000, 800, 202, 'x', 'x');");
  office->c1 = crm_test_add_customer (&office->db, NULL, "Cửa hàng An", "ha-noi", NULL, office->lan);
  office->c2 = crm_test_add_customer (&office->db, NULL, "Công ty Bình", "ho-chi-minh", NULL, office->hung);
  office->c3 = crm_test_add_customer (&office->db, NULL, "Chị Cúc", "ha-noi", NULL, office->hung);
  execf (office, "UPDATE customers SET category_id = 102 WHERE id = %" G_GINT64_FORMAT, office->c1);
  execf (office, "UPDATE customers SET category_id = 103 WHERE id = %" G_GINT64_FORMAT, office->c2);
  execf (office, "UPDATE customers SET category_id = 101 WHERE id = %" G_GINT64_FORMAT, office->c3);

  add_order (office, 1, office->c1, office->lan, "2026-01-10", "delivered", 640000, 24000, 53600);
  add_line (office, 1, 1, 1, 2000, 200000, 120000, 0, 800);
  add_line (office, 1, 2, 2, 3000, 80000, 50000, 1000, 1000);
  add_order (office, 2, office->c2, office->hung, "2026-01-25", "pending", 560000, 0, 44800);
  add_line (office, 2, 1, 3, 10000, 35000, 40000, 0, 800);
  add_line (office, 2, 2, 1, 1000, 210000, 120000, 0, 800);
  add_order (office, 3, office->c3, office->hung, "2026-03-05", "partial", 400000, 0, 40000);
  add_line (office, 3, 1, 2, 5000, 80000, 50000, 0, 1000);
  add_order (office, 4, office->c1, office->lan, "2026-03-20", "cancelled", 2000000, 0, 160000);
  add_line (office, 4, 1, 1, 10000, 200000, 120000, 0, 800);
  add_order (office, 7, office->c2, office->lan, "2026-04-08", "pending", 80000, 0, 8000);
  add_line (office, 7, 1, 2, 1000, 80000, 50000, 0, 1000);
  add_order (office, 5, office->c1, office->lan, "2025-06-15", "delivered", 800000, 0, 64000);
  add_line (office, 5, 1, 1, 4000, 200000, 120000, 0, 800);
  add_order (office, 6, office->c2, office->hung, "2025-11-02", "delivered", 400000, 0, 40000);
  add_line (office, 6, 1, 2, 5000, 80000, 50000, 0, 1000);

  /* Quotes: times at 03:00 UTC, the same local day anywhere from UTC−3
   * to UTC+14, and whole days apart. */
  add_quote (office, 1, office->c1, office->lan, "accepted", "2026-03-01", "2026-02-12T03:00:00Z", NULL);
  add_send (office, 1, "2026-02-02T03:00:00Z");
  add_send (office, 1, "2026-02-05T03:00:00Z");
  add_quote (office, 2, office->c2, office->hung, "accepted", "2026-03-31", "2026-03-05T03:00:00Z", NULL);
  add_send (office, 2, "2026-03-01T03:00:00Z");
  add_quote (office, 3, office->c3, office->hung, "rejected", "2026-04-10", NULL, "2026-03-20T03:00:00Z");
  add_send (office, 3, "2026-03-10T03:00:00Z");
  add_send (office, 3, "2026-03-12T03:00:00Z");
  add_send (office, 3, "2026-03-15T03:00:00Z");
  add_quote (office, 4, office->c2, office->hung, "expired", "2026-04-30", NULL, NULL);
  add_send (office, 4, "2026-04-01T03:00:00Z");
  add_quote (office, 5, office->c1, office->lan, "accepted", "2026-01-31", "2026-01-08T03:00:00Z", NULL);
  add_send (office, 5, "2025-12-20T03:00:00Z");
  add_quote (office, 6, office->c1, office->lan, "draft", "2026-05-31", NULL, NULL);

  /* Contracts: K1 ends 15 days after the period, K4 in it; K2 too late,
   * K3 cancelled. */
  execf (office,
         "INSERT INTO contracts (id, code, customer_id, owner_id, status, ends_on, value, created_at, updated_at) "
         "VALUES (1, 'HD-2026-0001', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'active', '2027-01-15', 5000000, 'x', 'x'), "
         "  (2, 'HD-2026-0002', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'active', '2027-06-30', 7000000, 'x', 'x'), "
         "  (3, 'HD-2026-0003', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'cancelled', '2026-12-01', 3000000, 'x', 'x'), "
         "  (4, 'HD-2026-0004', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'active', '2026-06-30', 2000000, 'x', 'x')",
         office->c1, office->lan, office->c2, office->hung, office->c3, office->hung, office->c2, office->hung);
  exec_side (office,
             "INSERT INTO contract_instalments (contract_id, position, due_on, amount, paid) VALUES "
             "  (1, 1, '2026-03-01', 1000000, 0), (1, 2, '2026-04-01', 1500000, 1), "
             "  (1, 3, '2099-01-01', 2500000, 0), (3, 1, '2026-02-01', 900000, 0)");

  office->lan_session = crm_user_store_open_session (office->db.store, office->lan, &error);
  g_assert_no_error (error);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan_session);
  crm_test_db_teardown (&office->db, data);
}

static CrmReport *
build (Office     *office,
       CrmSession *session,
       const char *name,
       const char *breakdown,
       gint64      staff_id,
       gint64      category_id)
{
  g_autoptr(GError) error = NULL;
  CrmReportFilter filter;
  CrmPeriod period;
  CrmReport *report;

  g_assert_true (crm_period_parse (PERIOD, &period, &error));
  crm_report_filter_init (&filter, &period);
  filter.breakdown = g_strdup (breakdown);
  filter.staff_id = staff_id;
  filter.category_id = category_id;
  report = crm_reports_build (office->db.store, session, name, &filter, NULL, &error);
  crm_report_filter_clear (&filter);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* @name over @period_text for @staff_id, by its first breakdown. */
static CrmReport *
build_in (Office     *office,
          CrmSession *session,
          const char *period_text,
          const char *name,
          gint64      staff_id)
{
  g_autoptr(GError) error = NULL;
  CrmReportFilter filter;
  CrmPeriod period;
  CrmReport *report;

  g_assert_true (crm_period_parse (period_text, &period, &error));
  crm_report_filter_init (&filter, &period);
  filter.staff_id = staff_id;
  report = crm_reports_build (office->db.store, session, name, &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The value of the figure labelled @label; fails when there is none. */
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

static gboolean
has_figure (CrmReport  *report,
            const char *label)
{
  for (guint i = 0; i < crm_report_get_n_figures (report); i++)
    if (g_str_equal (crm_report_get_figure_label (report, i), label))
      return TRUE;
  return FALSE;
}

/* One row of a grouped sales table: name, orders, revenue, VAT, total,
 * previous revenue, change (-1 for an empty change cell). */
static void
assert_group (CrmReport  *report,
              guint       row,
              const char *name,
              gint64      orders,
              gint64      revenue,
              gint64      vat,
              gint64      total,
              gint64      previous,
              gint64      change)
{
  g_assert_cmpstr (crm_report_get_text (report, row, 0), ==, name);
  g_assert_cmpint (crm_report_get_number (report, row, 1), ==, orders);
  g_assert_cmpint (crm_report_get_number (report, row, 2), ==, revenue);
  g_assert_cmpint (crm_report_get_number (report, row, 3), ==, vat);
  g_assert_cmpint (crm_report_get_number (report, row, 4), ==, total);
  g_assert_cmpint (crm_report_get_number (report, row, 5), ==, previous);
  if (change == -1)
    g_assert_true (crm_report_cell_is_empty (report, row, 6));
  else
    g_assert_cmpint (crm_report_get_number (report, row, 6), ==, change);
}

static void
assert_sales_figures (CrmReport *report,
                      gint64     orders,
                      gint64     revenue,
                      gint64     vat,
                      gint64     total,
                      gint64     previous,
                      gint64     change)
{
  g_assert_cmpint (figure (report, "Orders"), ==, orders);
  g_assert_cmpint (figure (report, "Revenue before VAT"), ==, revenue);
  g_assert_cmpint (figure (report, "VAT"), ==, vat);
  g_assert_cmpint (figure (report, "Total with VAT"), ==, total);
  g_assert_cmpint (figure (report, "Revenue of the previous period"), ==, previous);
  g_assert_cmpint (figure (report, "Change against the previous period"), ==, change);
}

/* Month by month, the empty months included, a line of revenue. */
static void
test_sales_by_month (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(CrmReport) report = build (office, office->db.admin, "sales", NULL, 0, 0);
  static const struct { const char *label; gint64 orders, revenue, vat, total; } months[] = {
    { "01/2026", 2, 1176000, 98400, 1274400 },
    { "02/2026", 0, 0, 0, 0 },
    { "03/2026", 1, 400000, 40000, 440000 },
    { "04/2026", 1, 80000, 8000, 88000 },
  };

  g_assert_cmpstr (crm_report_get_name (report), ==, "sales");
  g_assert_cmpstr (crm_report_get_title (report), ==, "Sales summary");
  g_assert_cmpuint (crm_report_get_n_subtitles (report), >=, 2);
  assert_sales_figures (report, 4, 1656000, 146400, 1802400, 1200000, 3800);

  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *label = g_strdup_printf ("%02u/2026", i + 1);

      g_assert_cmpstr (crm_report_get_text (report, i, 0), ==, label);
      g_assert_cmpint (crm_report_get_number (report, i, 1), ==, i < 4 ? months[i].orders : 0);
      g_assert_cmpint (crm_report_get_number (report, i, 2), ==, i < 4 ? months[i].revenue : 0);
      g_assert_cmpint (crm_report_get_number (report, i, 3), ==, i < 4 ? months[i].vat : 0);
      g_assert_cmpint (crm_report_get_number (report, i, 4), ==, i < 4 ? months[i].total : 0);
    }
  g_assert_false (crm_report_cell_is_empty (report, 1, 2));
  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_LINE);
  g_assert_cmpuint (crm_report_get_chart_category (report), ==, 0);
  g_assert_cmpuint (crm_report_get_chart_n_series (report), ==, 1);
  g_assert_cmpuint (crm_report_get_chart_series (report, 0), ==, 2);
}

/* By staff, product, customer category and province, revenue first,
 * against 2025. */
static void
test_sales_breakdowns (Office        *office,
                       gconstpointer  data)
{
  const CrmProvince *ha_noi = crm_province_get ("ha-noi");
  const CrmProvince *hcm = crm_province_get ("ho-chi-minh");
  CrmReport *report;

  /* Hùng: O2 + O3 = 960 000 against O6 400 000: +140 %; Lan: O1 + O7 =
   * 696 000 against O5 800 000: −13 %. */
  report = build (office, office->db.admin, "sales", "staff", 0, 0);
  assert_sales_figures (report, 4, 1656000, 146400, 1802400, 1200000, 3800);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  assert_group (report, 0, "Lê Văn Hùng", 2, 960000, 84800, 1044800, 400000, 14000);
  assert_group (report, 1, "Trần Thị Lan", 2, 696000, 61600, 757600, 800000, -1300);
  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_BAR);
  g_assert_cmpuint (crm_report_get_chart_series (report, 0), ==, 2);
  g_object_unref (report);

  /* Lines: P2 216 000 + 400 000 + 80 000 = 696 000 (VAT 69 600) against
   * 400 000: +74 %; P1 400 000 + 210 000 = 610 000 (VAT 48 800) against
   * 800 000: −23,75 %; P3 350 000 (VAT 28 000), nothing before. */
  report = build (office, office->db.admin, "sales", "product", 0, 0);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 3);
  assert_group (report, 0, "Trà xanh", 3, 696000, 69600, 765600, 400000, 7400);
  assert_group (report, 1, "Cà phê hạt", 2, 610000, 48800, 658800, 800000, -2375);
  assert_group (report, 2, "Bánh quy", 1, 350000, 28000, 378000, 0, -1);
  g_object_unref (report);

  /* Top-level nodes: Bán lẻ holds C1 (in Tạp hóa) and C3: O1 + O3 =
   * 1 016 000 against O5 800 000: +27 %; Doanh nghiệp: O2 + O7 = 640 000
   * against 400 000: +60 %. */
  report = build (office, office->db.admin, "sales", "category", 0, 0);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  assert_group (report, 0, "Bán lẻ", 2, 1016000, 93600, 1109600, 800000, 2700);
  assert_group (report, 1, "Doanh nghiệp", 2, 640000, 52800, 692800, 400000, 6000);
  g_object_unref (report);

  /* Filtered on Bán lẻ: its subtree only, one level down (Tạp hóa), and
   * the node itself for C3. */
  report = build (office, office->db.admin, "sales", "category", 0, 101);
  assert_sales_figures (report, 2, 1016000, 93600, 1109600, 800000, 2700);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  assert_group (report, 0, "Tạp hóa", 1, 616000, 53600, 669600, 800000, -2300);
  assert_group (report, 1, "Bán lẻ", 1, 400000, 40000, 440000, 0, -1);
  g_object_unref (report);

  report = build (office, office->db.admin, "sales", "province", 0, 0);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  assert_group (report, 0, ha_noi->name, 2, 1016000, 93600, 1109600, 800000, 2700);
  assert_group (report, 1, hcm->name, 2, 640000, 52800, 692800, 400000, 6000);
  g_object_unref (report);

  /* The team "Kinh doanh" is Lan alone: O1 and O7 against O5. */
  {
    g_autoptr(GError) error = NULL;
    CrmReportFilter filter;
    CrmPeriod period;

    g_assert_true (crm_period_parse (PERIOD, &period, &error));
    crm_report_filter_init (&filter, &period);
    filter.team_id = office->team;
    report = crm_reports_build (office->db.store, office->db.admin, "sales", &filter, NULL, &error);
    g_assert_no_error (error);
    assert_sales_figures (report, 2, 696000, 61600, 757600, 800000, -1300);
    g_assert_cmpstr (crm_report_get_subtitle (report, 2), ==, "Team: Kinh doanh");
    g_object_unref (report);
  }

  /* Hùng's work only. */
  report = build (office, office->db.admin, "sales", "period", office->hung, 0);
  assert_sales_figures (report, 2, 960000, 84800, 1044800, 400000, 14000);
  g_object_unref (report);
}

/* Lan, staff, in "own" visibility: her customer C1 and her own orders
 * only, whatever staff the filter names; O7, hers but on Hùng's
 * customer, is out of sight. */
static void
test_sales_own (Office        *office,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmReport *report;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  g_clear_object (&office->lan_session);
  office->lan_session = crm_user_store_open_session (office->db.store, office->lan, &error);
  g_assert_no_error (error);

  report = build (office, office->lan_session, "sales", "staff", office->hung, 0);
  assert_sales_figures (report, 1, 616000, 53600, 669600, 800000, -2300);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 1);
  assert_group (report, 0, "Trần Thị Lan", 1, 616000, 53600, 669600, 800000, -2300);
  g_object_unref (report);

  report = build (office, office->lan_session, "sales", "period", 0, 0);
  g_assert_cmpint (crm_report_get_number (report, 0, 2), ==, 616000);
  g_assert_cmpint (crm_report_get_number (report, 3, 2), ==, 0);
  g_object_unref (report);

  /* The quotes report likewise: Q1 and Q5, both Lan's on C1. */
  report = build (office, office->lan_session, "quote-results", "staff", 0, 0);
  g_assert_cmpint (figure (report, "Quotes sent"), ==, 1);
  g_assert_cmpint (figure (report, "Accepted"), ==, 2);
  g_assert_cmpint (figure (report, "Acceptance rate"), ==, 10000);
  g_assert_cmpint (figure (report, "Average days to acceptance"), ==, 15);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 1);
  g_object_unref (report);

  report = build (office, office->lan_session, "quote-results", "ending", 0, 0);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 1);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "HD-2026-0001");
  g_object_unref (report);
}

/* A period without revenue before it gives no change figure. */
static void
test_sales_no_previous (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReport) report = NULL;
  CrmReportFilter filter;
  CrmPeriod period;

  g_assert_true (crm_period_parse ("2025-06", &period, &error));
  crm_report_filter_init (&filter, &period);
  report = crm_reports_build (office->db.store, office->db.admin, "sales", &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (figure (report, "Revenue before VAT"), ==, 800000);
  g_assert_cmpint (figure (report, "Revenue of the previous period"), ==, 0);
  g_assert_false (has_figure (report, "Change against the previous period"));
  /* 30 days: one row a day. */
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 30);
  g_assert_cmpint (crm_report_get_number (report, 14, 2), ==, 800000);
}

/* Margins per product, the loss-maker last:
 *  P1 Cà phê hạt: revenue 610 000, cost 2 × 120 000 + 120 000 = 360 000,
 *     margin 250 000, 250 / 610 = 40,98 %;
 *  P2 Trà xanh: 696 000 − (3 + 5 + 1) × 50 000 = 246 000, 35,34 %;
 *  P3 Bánh quy: 350 000 − 10 × 40 000 = −50 000, −14,29 %.
 * Total: 1 656 000 − 1 210 000 = 446 000, 26,93 %; one product at a loss.
 * By category: Đồ uống 1 306 000 − 810 000 = 496 000, 37,98 %. */
static void
test_profit (Office        *office,
             gconstpointer  data)
{
  static const struct { const char *name; gint64 quantity, revenue, cost, margin, percent; } products[] = {
    { "Cà phê hạt", 3, 610000, 360000, 250000, 4098 },
    { "Trà xanh", 9, 696000, 450000, 246000, 3534 },
    { "Bánh quy", 10, 350000, 400000, -50000, -1429 },
  };
  g_autoptr(GError) error = NULL;
  CrmReportFilter filter;
  CrmPeriod period;
  CrmReport *report;

  report = build (office, office->db.admin, "profit", NULL, 0, 0);
  g_assert_cmpstr (crm_report_get_title (report), ==, "Product profitability");
  g_assert_cmpint (figure (report, "Revenue before VAT"), ==, 1656000);
  g_assert_cmpint (figure (report, "Cost"), ==, 1210000);
  g_assert_cmpint (figure (report, "Margin"), ==, 446000);
  g_assert_cmpint (figure (report, "Margin %"), ==, 2693);
  g_assert_cmpint (figure (report, "Products sold at a loss"), ==, 1);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (crm_report_get_text (report, i, 0), ==, products[i].name);
      g_assert_cmpint (crm_report_get_number (report, i, 1), ==, products[i].quantity);
      g_assert_cmpint (crm_report_get_number (report, i, 2), ==, products[i].revenue);
      g_assert_cmpint (crm_report_get_number (report, i, 3), ==, products[i].cost);
      g_assert_cmpint (crm_report_get_number (report, i, 4), ==, products[i].margin);
      g_assert_cmpint (crm_report_get_number (report, i, 5), ==, products[i].percent);
    }
  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_BAR);
  g_assert_cmpuint (crm_report_get_chart_series (report, 0), ==, 4);
  g_object_unref (report);

  report = build (office, office->db.admin, "profit", "category", 0, 0);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "Đồ uống");
  g_assert_cmpint (crm_report_get_number (report, 0, 1), ==, 12);
  g_assert_cmpint (crm_report_get_number (report, 0, 2), ==, 1306000);
  g_assert_cmpint (crm_report_get_number (report, 0, 3), ==, 810000);
  g_assert_cmpint (crm_report_get_number (report, 0, 4), ==, 496000);
  g_assert_cmpint (crm_report_get_number (report, 0, 5), ==, 3798);
  g_assert_cmpstr (crm_report_get_text (report, 1, 0), ==, "Bánh kẹo");
  g_assert_cmpint (crm_report_get_number (report, 1, 4), ==, -50000);
  g_assert_cmpint (crm_report_get_number (report, 1, 5), ==, -1429);
  g_object_unref (report);

  /* Lan may not see cost prices: refused, directly too. */
  g_assert_true (crm_period_parse (PERIOD, &period, &error));
  crm_report_filter_init (&filter, &period);
  g_assert_false (crm_reports_may_build (crm_reports_find ("profit"), office->lan_session));
  report = crm_reports_build (office->db.store, office->lan_session, "profit", &filter, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  report = crm_report_profit_build (office->db.store, office->lan_session, &filter, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
}

/* Quotes in 2026:
 *  sent (first send in 2026): Q1, Q2, Q3, Q4 = 4, with 2 + 1 + 3 + 1 = 7
 *    sends: 1,75 a quote, shown 2;
 *  accepted in 2026: Q1 (10 days after its first send), Q2 (4 days), Q5
 *    (first sent 20/12/2025, accepted 08/01/2026: 19 days) = 3, on
 *    average 33 / 3 = 11 days;
 *  rejected: Q3; expired: Q4; acceptance rate 3 / 5 = 60 %.
 *  Hùng: 3 sent, 1 accepted, 1 rejected, 1 expired, 33,33 %, 4 days,
 *    5 / 3 sends → 2; Lan: 1 sent, 2 accepted, 100 %, (10 + 19) / 2 =
 *    14,5 → 15 days, 2 sends. */
static void
test_quotes (Office        *office,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today, due;
  CrmReport *report;

  report = build (office, office->db.admin, "quote-results", NULL, 0, 0);
  g_assert_cmpstr (crm_report_get_title (report), ==, "Quotes and contracts");
  g_assert_cmpint (figure (report, "Quotes sent"), ==, 4);
  g_assert_cmpint (figure (report, "Accepted"), ==, 3);
  g_assert_cmpint (figure (report, "Rejected"), ==, 1);
  g_assert_cmpint (figure (report, "Expired"), ==, 1);
  g_assert_cmpint (figure (report, "Acceptance rate"), ==, 6000);
  g_assert_cmpint (figure (report, "Average days to acceptance"), ==, 11);
  g_assert_cmpint (figure (report, "Average times sent"), ==, 2);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "Lê Văn Hùng");
  g_assert_cmpint (crm_report_get_number (report, 0, 1), ==, 3);
  g_assert_cmpint (crm_report_get_number (report, 0, 2), ==, 1);
  g_assert_cmpint (crm_report_get_number (report, 0, 3), ==, 1);
  g_assert_cmpint (crm_report_get_number (report, 0, 4), ==, 1);
  g_assert_cmpint (crm_report_get_number (report, 0, 5), ==, 3333);
  g_assert_cmpint (crm_report_get_number (report, 0, 6), ==, 4);
  g_assert_cmpint (crm_report_get_number (report, 0, 7), ==, 2);
  g_assert_cmpstr (crm_report_get_text (report, 1, 0), ==, "Trần Thị Lan");
  g_assert_cmpint (crm_report_get_number (report, 1, 1), ==, 1);
  g_assert_cmpint (crm_report_get_number (report, 1, 2), ==, 2);
  g_assert_cmpint (crm_report_get_number (report, 1, 5), ==, 10000);
  g_assert_cmpint (crm_report_get_number (report, 1, 6), ==, 15);
  g_assert_cmpint (crm_report_get_number (report, 1, 7), ==, 2);
  g_object_unref (report);

  /* Hùng in April 2026: Q4 sent and expired, nothing accepted, so no
   * average time to acceptance rather than 0 days; Lan decided nothing
   * and sent nothing: no rate and no averages. */
  report = build_in (office, office->db.admin, "2026-04", "quote-results", office->hung);
  g_assert_cmpint (figure (report, "Quotes sent"), ==, 1);
  g_assert_cmpint (figure (report, "Expired"), ==, 1);
  g_assert_cmpint (figure (report, "Acceptance rate"), ==, 0);
  g_assert_false (has_figure (report, "Average days to acceptance"));
  g_assert_cmpint (figure (report, "Average times sent"), ==, 1);
  g_assert_true (crm_report_cell_is_empty (report, 0, 6));
  g_object_unref (report);
  report = build_in (office, office->db.admin, "2026-04", "quote-results", office->lan);
  g_assert_cmpint (figure (report, "Quotes sent"), ==, 0);
  g_assert_false (has_figure (report, "Acceptance rate"));
  g_assert_false (has_figure (report, "Average days to acceptance"));
  g_assert_false (has_figure (report, "Average times sent"));
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 0);
  g_object_unref (report);

  /* Active contracts ending from 01/01/2026 to 30/01/2027: K4, then K1. */
  report = build (office, office->db.admin, "quote-results", "ending", 0, 0);
  g_assert_cmpint (figure (report, "Quotes sent"), ==, 4);
  g_assert_cmpint (figure (report, "Contracts ending soon"), ==, 2);
  g_assert_cmpint (figure (report, "Value of the contracts ending"), ==, 7000000);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "HD-2026-0004");
  g_assert_cmpstr (crm_report_get_text (report, 0, 1), ==, "Công ty Bình");
  g_assert_cmpstr (crm_report_get_text (report, 0, 2), ==, "2026-06-30");
  g_assert_cmpint (crm_report_get_number (report, 0, 3), ==, 2000000);
  g_assert_cmpstr (crm_report_get_text (report, 0, 4), ==, "Lê Văn Hùng");
  g_assert_cmpstr (crm_report_get_text (report, 1, 0), ==, "HD-2026-0001");
  g_assert_cmpstr (crm_report_get_text (report, 1, 2), ==, "2027-01-15");
  g_object_unref (report);

  /* Overdue today: K1's first instalment only (the second is paid, the
   * third not due, K3 cancelled). */
  report = build (office, office->db.admin, "quote-results", "instalments", 0, 0);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_clear (&due, 1);
  g_date_set_dmy (&due, 1, G_DATE_MARCH, 2026);
  g_assert_cmpint (figure (report, "Overdue instalments"), ==, 1);
  g_assert_cmpint (figure (report, "Amount overdue"), ==, 1000000);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 1);
  g_assert_cmpstr (crm_report_get_text (report, 0, 0), ==, "HD-2026-0001");
  g_assert_cmpstr (crm_report_get_text (report, 0, 1), ==, "Cửa hàng An");
  g_assert_cmpstr (crm_report_get_text (report, 0, 2), ==, "2026-03-01");
  g_assert_cmpint (crm_report_get_number (report, 0, 3), ==, 1000000);
  g_assert_cmpint (crm_report_get_number (report, 0, 4), ==, g_date_days_between (&due, &today));
  g_object_unref (report);
}

/* A breakdown the report does not have is refused. */
static void
test_unknown_breakdown (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmReportFilter filter;
  CrmPeriod period;
  CrmReport *report;

  g_assert_true (crm_period_parse (PERIOD, &period, &error));
  crm_report_filter_init (&filter, &period);
  filter.breakdown = g_strdup ("ending");
  report = crm_reports_build (office->db.store, office->db.admin, "sales", &filter, NULL, &error);
  crm_report_filter_clear (&filter);
  g_assert_null (report);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
}

/* A cancelled build stops with G_IO_ERROR_CANCELLED and no report. */
static void
test_cancelled (Office        *office,
                gconstpointer  data)
{
  static const char *const names[] = { "sales", "profit", "quote-results" };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CrmReportFilter filter;
  CrmPeriod period;

  g_assert_true (crm_period_parse (PERIOD, &period, NULL));
  crm_report_filter_init (&filter, &period);
  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      CrmReport *report = crm_reports_build (office->db.store, office->db.admin, names[i], &filter,
                                             cancellable, &error);

      g_assert_null (report);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report-sales/by-month", Office, NULL, office_setup, test_sales_by_month, office_teardown);
  g_test_add ("/report-sales/breakdowns", Office, NULL, office_setup, test_sales_breakdowns, office_teardown);
  g_test_add ("/report-sales/own", Office, NULL, office_setup, test_sales_own, office_teardown);
  g_test_add ("/report-sales/no-previous", Office, NULL, office_setup, test_sales_no_previous, office_teardown);
  g_test_add ("/report-sales/profit", Office, NULL, office_setup, test_profit, office_teardown);
  g_test_add ("/report-sales/quotes", Office, NULL, office_setup, test_quotes, office_teardown);
  g_test_add ("/report-sales/unknown-breakdown", Office, NULL, office_setup, test_unknown_breakdown, office_teardown);
  g_test_add ("/report-sales/cancelled", Office, NULL, office_setup, test_cancelled, office_teardown);
  return g_test_run ();
}
