/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "crm-chart-draw.h"
#include "crm-export.h"
#include "crm-pdf-writer.h"
#include "crm-report-export.h"
#include "test-fixture.h"

/* Reports as documents: the chart drawn on an image, the report written
 * as a workbook and a PDF (read back by test-report-export.py, which runs
 * this program with --write DIR), the export permission, the audit and
 * no partial file on a refusal or a cancel. */

#define N_ROWS       60
#define CHART_ROWS   12

enum { COL_DAY, COL_GROUP, COL_REVENUE, COL_COST, COL_PROFIT, COL_MARGIN, COL_ORDERS };

/* Row i (from 0): day 2026-07-01 + i, group "Nhóm hàng i+1", revenue
 * (i + 1) × 1.250.000 ₫, cost 1.000.000 ₫ × (i % 7 + 1) but 1.500.000 ₫
 * for the first row, profit the difference (a loss on the first row),
 * margin profit/revenue, i + 3 orders. */
static CrmReport *
sample_report (guint        n_rows,
               CrmChartKind kind)
{
  CrmReport *report = crm_report_new ("sales", "Doanh thu theo nhóm hàng");
  const guint series[] = { COL_REVENUE, COL_COST, COL_PROFIT };
  GDate day;

  crm_report_add_subtitle (report, "Kỳ: 01/07/2026 – 30/09/2026");
  crm_report_add_subtitle (report, "Nhân viên: Trần Văn Hùng");
  crm_report_add_figure (report, "Doanh thu", CRM_REPORT_MONEY, 1234567);
  crm_report_add_figure (report, "Thay đổi so với kỳ trước", CRM_REPORT_PERCENT, 1250);
  crm_report_add_column (report, "Ngày", CRM_REPORT_DATE, 11);
  crm_report_add_column (report, "Nhóm hàng", CRM_REPORT_TEXT, 22);
  crm_report_add_column (report, "Doanh thu", CRM_REPORT_MONEY, 16);
  crm_report_add_column (report, "Giá vốn", CRM_REPORT_MONEY, 16);
  crm_report_add_column (report, "Lãi", CRM_REPORT_MONEY, 16);
  crm_report_add_column (report, "Tỷ suất", CRM_REPORT_PERCENT, 9);
  crm_report_add_column (report, "Số đơn", CRM_REPORT_INTEGER, 8);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JULY, 2026);
  for (guint i = 0; i < n_rows; i++)
    {
      guint r = crm_report_add_row (report);
      gint64 revenue = (gint64) (i + 1) * 1250000;
      gint64 cost = i == 0 ? 1500000 : (gint64) (i % 7 + 1) * 1000000;
      char iso[16];
      g_autofree char *group = g_strdup_printf ("Nhóm hàng %u", i + 1);

      g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", g_date_get_year (&day), (guint) g_date_get_month (&day),
                  g_date_get_day (&day));
      crm_report_set_date (report, r, COL_DAY, iso);
      crm_report_set_text (report, r, COL_GROUP, group);
      crm_report_set_number (report, r, COL_REVENUE, revenue);
      crm_report_set_number (report, r, COL_COST, cost);
      crm_report_set_number (report, r, COL_PROFIT, revenue - cost);
      crm_report_set_number (report, r, COL_MARGIN, crm_report_ratio_bp (revenue - cost, revenue));
      crm_report_set_number (report, r, COL_ORDERS, i + 3);
      g_date_add_days (&day, 1);
    }
  crm_report_set_chart (report, kind, "Doanh thu, giá vốn và lãi", COL_GROUP, series,
                        kind == CRM_CHART_FUNNEL ? 1 : G_N_ELEMENTS (series));
  if (n_rows > CHART_ROWS)
    crm_report_set_chart_rows (report, CHART_ROWS);
  return report;
}

/* Chart drawing ------------------------------------------------------------------- */

/* Draws @report's chart on white and counts the pixels not white. */
static guint
count_drawn_pixels (CrmReport *report,
                    int        width,
                    int        height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  const guchar *data;
  int stride;
  guint drawn = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  crm_chart_draw (report, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (((const guint32 *) (data + y * stride))[x] != 0xFFFFFFFF)
        drawn++;
  cairo_surface_destroy (surface);
  return drawn;
}

/* Pixels of the series' colours (not grey): the bars, lines or steps. */
static guint
count_coloured_pixels (CrmReport *report,
                       int        width,
                       int        height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  const guchar *data;
  int stride;
  guint coloured = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  crm_chart_draw (report, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) > 60)
          coloured++;
      }
  cairo_surface_destroy (surface);
  return coloured;
}

static void
test_chart_kinds (void)
{
  const CrmChartKind kinds[] = { CRM_CHART_BAR, CRM_CHART_LINE, CRM_CHART_FUNNEL };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(CrmReport) report = sample_report (N_ROWS, kinds[k]);

      g_assert_cmpuint (count_drawn_pixels (report, 640, 280), >, 2000);
      g_assert_cmpuint (count_coloured_pixels (report, 640, 280), >, 500);
      /* Small and large boxes, a print page's chart in points. */
      g_assert_cmpuint (count_drawn_pixels (report, 180, 120), >, 100);
      g_assert_cmpuint (count_drawn_pixels (report, 1600, 900), >, 5000);
    }
}

static void
test_chart_none_draws_nothing (void)
{
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_BAR);

  crm_report_set_chart (report, CRM_CHART_NONE, NULL, 0, NULL, 0);
  g_assert_cmpuint (count_drawn_pixels (report, 640, 280), ==, 0);
}

static void
test_chart_edge_cases (void)
{
  const CrmChartKind kinds[] = { CRM_CHART_BAR, CRM_CHART_LINE, CRM_CHART_FUNNEL };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(CrmReport) empty = sample_report (0, kinds[k]);
      g_autoptr(CrmReport) one = sample_report (1, kinds[k]);
      g_autoptr(CrmReport) zeros = sample_report (20, kinds[k]);
      g_autoptr(CrmReport) losses = sample_report (20, kinds[k]);
      g_autoptr(CrmReport) many = sample_report (300, kinds[k]);

      /* The title and "no data" still show. */
      g_assert_cmpuint (count_drawn_pixels (empty, 640, 280), >, 100);
      g_assert_cmpuint (count_coloured_pixels (one, 640, 280), >, 100);

      for (guint r = 0; r < 20; r++)
        for (guint c = COL_REVENUE; c <= COL_PROFIT; c++)
          {
            crm_report_set_number (zeros, r, c, 0);
            crm_report_set_number (losses, r, c, -(gint64) (r + 1) * 3500000000);
          }
      g_assert_cmpuint (count_drawn_pixels (zeros, 640, 280), >, 100);
      if (kinds[k] != CRM_CHART_FUNNEL)
        g_assert_cmpuint (count_coloured_pixels (losses, 640, 280), >, 500);
      else
        g_assert_cmpuint (count_drawn_pixels (losses, 640, 280), >, 100);

      crm_report_set_chart_rows (many, 300);
      g_assert_cmpuint (count_coloured_pixels (many, 640, 280), >, 500);
      /* A box too small draws nothing, without complaint. */
      g_assert_cmpuint (count_drawn_pixels (many, 30, 20), ==, 0);
    }
}

/* Losses are drawn below the zero line: the first four groups gain, the
 * last four lose as much, so the gains' bars (on the left) stand above
 * the losses' (on the right). */
static void
test_chart_losses_below_zero (void)
{
  g_autoptr(CrmReport) report = sample_report (8, CRM_CHART_BAR);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  const guchar *data;
  int stride;
  double gains_y = 0, losses_y = 0;
  guint gains = 0, losses = 0;

  for (guint r = 0; r < 8; r++)
    for (guint c = COL_REVENUE; c <= COL_PROFIT; c++)
      crm_report_set_number (report, r, c, (r < 4 ? 1 : -1) * (gint64) (r % 4 + 1) * 1000000);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  crm_chart_draw (report, cr, 400, 300);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 60; y < 300; y++)
    for (int x = 0; x < 400; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) <= 60)
          continue;
        if (x < 170)
          {
            gains_y += y;
            gains++;
          }
        else if (x > 270)
          {
            losses_y += y;
            losses++;
          }
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (gains, >, 500);
  g_assert_cmpuint (losses, >, 500);
  g_assert_cmpfloat (gains_y / gains + 30, <, losses_y / losses);
}

/* The export table ------------------------------------------------------------------ */

static void
test_export_table (CrmTestDb     *fixture,
                   gconstpointer  data)
{
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_BAR);
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *money = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *date = NULL;
  gboolean found_figure = FALSE, found_period = FALSE;

  table = crm_report_export_table (report, fixture->store, fixture->admin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_export_table_get_title (table), ==, "Doanh thu theo nhóm hàng");
  g_assert_true (crm_export_table_get_report_chart (table) == report);
  g_assert_cmpuint (crm_export_table_get_n_columns (table), ==, 7);
  g_assert_cmpint (crm_export_table_get_column (table, COL_DAY)->kind, ==, CRM_EXPORT_DATE);
  g_assert_cmpint (crm_export_table_get_column (table, COL_REVENUE)->kind, ==, CRM_EXPORT_MONEY);
  g_assert_cmpint (crm_export_table_get_column (table, COL_MARGIN)->kind, ==, CRM_EXPORT_PERCENT);
  g_assert_cmpint (crm_export_table_get_column (table, COL_MARGIN)->align, ==, CRM_EXPORT_ALIGN_END);
  g_assert_cmpint (crm_export_table_get_column (table, COL_ORDERS)->kind, ==, CRM_EXPORT_INTEGER);
  for (guint i = 0; i < crm_export_table_get_n_subtitles (table); i++)
    {
      const char *line = crm_export_table_get_subtitle (table, i);

      found_figure |= strstr (line, "Doanh thu") != NULL && strstr (line, "1.234.567 ₫") != NULL;
      found_period |= strstr (line, "01/07/2026 – 30/09/2026") != NULL &&
                      strstr (line, "Trần Văn Hùng") != NULL;
    }
  g_assert_true (found_figure);
  g_assert_true (found_period);

  row = crm_export_row_new (table);
  g_assert_true (crm_export_table_next_row (table, row, &error));
  g_assert_true (crm_export_table_next_row (table, row, &error));
  money = crm_export_row_format (row, COL_REVENUE);
  percent = crm_export_row_format (row, COL_MARGIN);
  date = crm_export_row_format (row, COL_DAY);
  /* Row 1: revenue 2.500.000, cost 2.000.000: margin 20 %. */
  g_assert_cmpstr (money, ==, "2.500.000 ₫");
  g_assert_cmpstr (percent, ==, "20 %");
  g_assert_cmpstr (date, ==, "02/07/2026");
  g_assert_cmpint (crm_export_row_get_number (row, COL_MARGIN), ==, 2000);
  while (crm_export_table_next_row (table, row, &error))
    ;
  g_assert_no_error (error);
  g_assert_cmpuint (crm_export_table_get_n_rows_read (table), ==, N_ROWS);
}

static void
test_percent_cells_format (void)
{
  g_autoptr(CrmExportTable) table = crm_export_table_new ("Tỷ lệ");
  g_autoptr(CrmExportRow) row = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  crm_export_table_add_column (table, "Tỷ lệ", CRM_EXPORT_PERCENT, 8, CRM_EXPORT_ALIGN_AUTO);
  row = crm_export_row_new (table);
  crm_export_row_set_number (row, 0, 1250);
  a = crm_export_row_format (row, 0);
  g_assert_cmpstr (a, ==, "12,5 %");
  crm_export_row_set_number (row, 0, -300);
  b = crm_export_row_format (row, 0);
  g_assert_cmpstr (b, ==, "-3 %");
}

/* Writing ---------------------------------------------------------------------------- */

static gint64
query_int (CrmTestDb  *fixture,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
exec_sql (CrmTestDb  *fixture,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static gboolean
file_starts_with (const char *path,
                  const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &contents, &length, NULL) &&
         length > strlen (magic) && memcmp (contents, magic, strlen (magic)) == 0;
}

static void
test_export_writes_and_audits (CrmTestDb     *fixture,
                               gconstpointer  data)
{
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_BAR);
  g_autofree char *dir = g_dir_make_tmp ("sokhach-report-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "bao-cao.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "bao-cao.pdf", NULL);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_report_export (report, fixture->store, fixture->admin, CRM_EXPORT_FORMAT_XLSX,
                                    xlsx_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (crm_report_export (report, fixture->store, fixture->admin, CRM_EXPORT_FORMAT_PDF,
                                    pdf_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (xlsx, "PK"));
  g_assert_true (file_starts_with (pdf, "%PDF"));
  g_assert_cmpuint (count_files (dir), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                       "AND entity = 'report' AND field = 'rows' AND new_value = '60'"), ==, 2);

  /* A line chart and a funnel become native charts too. */
  for (CrmChartKind kind = CRM_CHART_LINE; kind <= CRM_CHART_FUNNEL; kind++)
    {
      g_autoptr(CrmReport) other = sample_report (N_ROWS, kind);

      g_assert_true (crm_report_export (other, fixture->store, fixture->admin, CRM_EXPORT_FORMAT_XLSX,
                                        xlsx_file, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (file_starts_with (xlsx, "PK"));
    }
  g_assert_cmpuint (count_files (dir), ==, 2);
  remove_dir (dir);
}

/* The chart is on the first page, above the table, and the table still
 * flows onto more pages with its header. */
static void
test_pdf_layout_with_chart (CrmTestDb     *fixture,
                            gconstpointer  data)
{
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_BAR);
  g_autoptr(CrmReport) plain = sample_report (N_ROWS, CRM_CHART_BAR);
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportTable) plain_table = NULL;
  g_autoptr(CrmPdfLayout) layout = NULL;
  g_autoptr(CrmPdfLayout) plain_layout = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;

  crm_report_set_chart (plain, CRM_CHART_NONE, NULL, 0, NULL, 0);
  table = crm_report_export_table (report, fixture->store, fixture->admin, &error);
  g_assert_no_error (error);
  plain_table = crm_report_export_table (plain, fixture->store, fixture->admin, &error);
  g_assert_no_error (error);
  g_assert_null (crm_export_table_get_report_chart (plain_table));
  crm_pdf_page_size (table, CRM_PAGE_ORIENTATION_AUTO, &width, &height);
  layout = crm_pdf_layout_new (table, width, height, 36, NULL, &error);
  g_assert_no_error (error);
  plain_layout = crm_pdf_layout_new (plain_table, width, height, 36, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_pdf_layout_get_n_rows (layout), ==, N_ROWS);
  /* The chart takes room from the first page's rows. */
  g_assert_cmpuint (crm_pdf_layout_get_n_pages (layout), >=, crm_pdf_layout_get_n_pages (plain_layout));
  g_assert_cmpuint (crm_pdf_layout_get_n_pages (layout), >=, 2);
}

static void
test_export_refused_writes_nothing (CrmTestDb     *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_BAR);
  g_autofree char *dir = g_dir_make_tmp ("sokhach-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "khong-duoc.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 staff_id;

  staff_id = crm_user_store_create (fixture->store, fixture->admin, "hung", "Trần Văn Hùng", CRM_ROLE_STAFF, 0,
                                    &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE users SET may_export = 0 WHERE id = %" G_GINT64_FORMAT, staff_id);
  exec_sql (fixture, sql);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  for (guint format = CRM_EXPORT_FORMAT_XLSX; format <= CRM_EXPORT_FORMAT_PDF; format++)
    {
      g_assert_false (crm_report_export (report, fixture->store, staff, format, dest, NULL, &error));
      g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
      g_clear_error (&error);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 0);
  remove_dir (dir);
}

static void
test_export_cancelled_writes_nothing (CrmTestDb     *fixture,
                                      gconstpointer  data)
{
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_LINE);
  g_autofree char *dir = g_dir_make_tmp ("sokhach-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huy.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  for (guint format = CRM_EXPORT_FORMAT_XLSX; format <= CRM_EXPORT_FORMAT_PDF; format++)
    {
      g_assert_false (crm_report_export (report, fixture->store, fixture->admin, format, dest, cancellable,
                                         &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 0);
  remove_dir (dir);
}

/* A report without columns is refused before any file appears. */
static void
test_export_without_columns (CrmTestDb     *fixture,
                             gconstpointer  data)
{
  g_autoptr(CrmReport) report = crm_report_new ("empty", "Trống");
  g_autofree char *dir = g_dir_make_tmp ("sokhach-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trong.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_null (crm_report_export_table (report, fixture->store, fixture->admin, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (crm_report_export (report, fixture->store, fixture->admin, CRM_EXPORT_FORMAT_PDF, dest, NULL,
                                     &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpuint (count_files (dir), ==, 0);
  remove_dir (dir);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Outcome;

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = crm_report_export_finish (CRM_STORE (source), result, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static void
test_export_async (CrmTestDb     *fixture,
                   gconstpointer  data)
{
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_FUNNEL);
  g_autofree char *dir = g_dir_make_tmp ("sokhach-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pheu.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  Outcome outcome = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

  crm_report_export_async (report, fixture->store, fixture->admin, CRM_EXPORT_FORMAT_PDF, dest, NULL,
                           on_exported_cb, &outcome);
  g_main_loop_run (outcome.loop);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_true (file_starts_with (path, "%PDF"));
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                       "AND entity = 'report'"), ==, 2);
  g_main_loop_unref (outcome.loop);
  remove_dir (dir);
}

/* --write DIR: the files test-report-export.py reads back ---------------------------- */

static int
write_files (const char *dir)
{
  CrmTestDb fixture = { 0 };
  g_autoptr(CrmReport) report = sample_report (N_ROWS, CRM_CHART_BAR);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  crm_test_db_setup (&fixture, NULL);
  ok = crm_settings_set (fixture.store, fixture.admin, CRM_SETTING_COMPANY_NAME, "Công ty TNHH Sổ Khách",
                         &error) &&
       crm_report_export (report, fixture.store, fixture.admin, CRM_EXPORT_FORMAT_XLSX, xlsx_file, NULL,
                          &error) &&
       crm_report_export (report, fixture.store, fixture.admin, CRM_EXPORT_FORMAT_PDF, pdf_file, NULL,
                          &error);
  if (!ok)
    g_printerr ("%s\n", error->message);
  crm_test_db_teardown (&fixture, NULL);
  return ok ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SOKHACH_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (argc == 3 && strcmp (argv[1], "--write") == 0)
    return write_files (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-export/chart/kinds", test_chart_kinds);
  g_test_add_func ("/report-export/chart/none", test_chart_none_draws_nothing);
  g_test_add_func ("/report-export/chart/edge-cases", test_chart_edge_cases);
  g_test_add_func ("/report-export/chart/losses-below-zero", test_chart_losses_below_zero);
  g_test_add_func ("/report-export/table/percent", test_percent_cells_format);
  g_test_add ("/report-export/table/from-report", CrmTestDb, NULL,
              crm_test_db_setup, test_export_table, crm_test_db_teardown);
  g_test_add ("/report-export/write/audited", CrmTestDb, NULL,
              crm_test_db_setup, test_export_writes_and_audits, crm_test_db_teardown);
  g_test_add ("/report-export/write/pdf-layout-with-chart", CrmTestDb, NULL,
              crm_test_db_setup, test_pdf_layout_with_chart, crm_test_db_teardown);
  g_test_add ("/report-export/write/refused", CrmTestDb, NULL,
              crm_test_db_setup, test_export_refused_writes_nothing, crm_test_db_teardown);
  g_test_add ("/report-export/write/cancelled", CrmTestDb, NULL,
              crm_test_db_setup, test_export_cancelled_writes_nothing, crm_test_db_teardown);
  g_test_add ("/report-export/write/without-columns", CrmTestDb, NULL,
              crm_test_db_setup, test_export_without_columns, crm_test_db_teardown);
  g_test_add ("/report-export/write/async", CrmTestDb, NULL,
              crm_test_db_setup, test_export_async, crm_test_db_teardown);

  return g_test_run ();
}
