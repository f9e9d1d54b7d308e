/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-report.h"

/* Cells keep their kind: numbers stay numbers, dates ISO, and each is
 * shown the Vietnamese way whatever the locale. */
static void
test_cells (void)
{
  g_autoptr(CrmReport) report = crm_report_new ("sales", "Doanh số");
  guint name = crm_report_add_column (report, "Nhân viên", CRM_REPORT_TEXT, 20);
  guint count = crm_report_add_column (report, "Đơn hàng", CRM_REPORT_INTEGER, 8);
  guint revenue = crm_report_add_column (report, "Doanh thu", CRM_REPORT_MONEY, 14);
  guint change = crm_report_add_column (report, "Thay đổi", CRM_REPORT_PERCENT, 8);
  guint day = crm_report_add_column (report, "Ngày", CRM_REPORT_DATE, 10);
  guint row = crm_report_add_row (report);
  guint empty_row = crm_report_add_row (report);
  char *shown;

  crm_report_set_text (report, row, name, "Trần Hùng");
  crm_report_set_number (report, row, count, 12345);
  crm_report_set_number (report, row, revenue, 1234567);
  crm_report_set_number (report, row, change, 1250);
  crm_report_set_date (report, row, day, "2026-09-30T10:00:00Z");

  g_assert_cmpuint (crm_report_get_n_columns (report), ==, 5);
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 2);
  g_assert_cmpstr (crm_report_get_text (report, row, day), ==, "2026-09-30");
  g_assert_cmpint (crm_report_get_number (report, row, revenue), ==, 1234567);

  shown = crm_report_format_cell (report, row, count);
  g_assert_cmpstr (shown, ==, "12.345");
  g_free (shown);
  shown = crm_report_format_cell (report, row, revenue);
  g_assert_cmpstr (shown, ==, "1.234.567 ₫");
  g_free (shown);
  shown = crm_report_format_cell (report, row, change);
  g_assert_cmpstr (shown, ==, "12,5 %");
  g_free (shown);
  shown = crm_report_format_cell (report, row, day);
  g_assert_cmpstr (shown, ==, "30/09/2026");
  g_free (shown);

  g_assert_true (crm_report_cell_is_empty (report, empty_row, revenue));
  g_assert_false (crm_report_cell_is_empty (report, row, revenue));
  g_assert_cmpint (crm_report_get_number (report, empty_row, revenue), ==, 0);
  g_assert_null (crm_report_get_text (report, empty_row, name));
  shown = crm_report_format_cell (report, empty_row, revenue);
  g_assert_cmpstr (shown, ==, "");
  g_free (shown);
}

static void
test_figures_and_chart (void)
{
  g_autoptr(CrmReport) report = crm_report_new ("funnel", "Phễu bán hàng");
  guint step = crm_report_add_column (report, "Bước", CRM_REPORT_TEXT, 16);
  guint count = crm_report_add_column (report, "Số lượng", CRM_REPORT_INTEGER, 8);
  guint value = crm_report_add_column (report, "Giá trị", CRM_REPORT_MONEY, 14);
  const guint series[] = { count, value };
  char *shown;

  for (guint i = 0; i < 5; i++)
    {
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, step, "x");
      crm_report_set_number (report, row, count, 10 - i);
    }

  crm_report_add_figure (report, "Tỷ lệ chốt", CRM_REPORT_PERCENT, 3333);
  g_assert_cmpuint (crm_report_get_n_figures (report), ==, 1);
  shown = crm_report_format_figure (report, 0);
  g_assert_cmpstr (shown, ==, "33,33 %");
  g_free (shown);

  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_NONE);
  crm_report_set_chart (report, CRM_CHART_FUNNEL, NULL, step, series, 2);
  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_FUNNEL);
  g_assert_cmpstr (crm_report_get_chart_title (report), ==, "Phễu bán hàng");
  g_assert_cmpuint (crm_report_get_chart_n_series (report), ==, 2);
  g_assert_cmpuint (crm_report_get_chart_series (report, 1), ==, value);
  g_assert_cmpuint (crm_report_get_chart_rows (report), ==, 5);
  crm_report_set_chart_rows (report, 3);
  g_assert_cmpuint (crm_report_get_chart_rows (report), ==, 3);
  crm_report_set_chart_rows (report, 50);
  g_assert_cmpuint (crm_report_get_chart_rows (report), ==, 5);
}

static void
test_ratio_and_change (void)
{
  char *shown;

  g_assert_cmpint (crm_report_ratio_bp (1, 3), ==, 3333);
  g_assert_cmpint (crm_report_ratio_bp (2, 3), ==, 6667);
  g_assert_cmpint (crm_report_ratio_bp (-1, 8), ==, -1250);
  g_assert_cmpint (crm_report_ratio_bp (5, 0), ==, 0);
  g_assert_cmpint (crm_report_ratio_bp (G_GINT64_CONSTANT (3000000000000), G_GINT64_CONSTANT (2000000000000)), ==, 15000);

  shown = crm_report_format_change (1250);
  g_assert_cmpstr (shown, ==, "+12,5 %");
  g_free (shown);
  shown = crm_report_format_change (-300);
  g_assert_cmpstr (shown, ==, "-3 %");
  g_free (shown);
  shown = crm_report_format_change (0);
  g_assert_cmpstr (shown, ==, "0 %");
  g_free (shown);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/cells", test_cells);
  g_test_add_func ("/report/figures-and-chart", test_figures_and_chart);
  g_test_add_func ("/report/ratio-and-change", test_ratio_and_change);
  return g_test_run ();
}
