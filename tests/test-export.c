/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "crm-customer-export.h"
#include "crm-export.h"
#include "crm-pdf-writer.h"
#include "crm-xlsx-writer.h"
#include "test-fixture.h"

/* A small table ---------------------------------------------------------------- */

static const char *const names[] = {
  "Nguyễn Thị Ánh", "Trần Văn Đức", "Lê Hoàng Yến", "Phạm Quỳnh Hương", "Đỗ Mạnh Cường",
  "Võ Thị Ngọc Trâm", "Huỳnh Bảo Ngữ", "Công ty TNHH Thương mại và Dịch vụ Xuất nhập khẩu Ánh Dương Việt Nam",
};

enum { COL_CODE, COL_NAME, COL_QUANTITY, COL_AMOUNT, COL_DUE, COL_SEEN };

typedef struct
{
  guint  n_rows;
  guint  next;
  guint  fail_after;  /* 0: never */
  guint  n_names;     /* of names[] used */
} Rows;

/* Row i: code KH-0001…, a Vietnamese name, i pieces, i × 1.234.567 ₫,
 * due 1 + i % 28 November 2026, seen on 23/11/2026 08:15 UTC. */
static gboolean
next_sample_row (gpointer       user_data,
                 CrmExportRow  *row,
                 GError       **error)
{
  Rows *rows = user_data;
  g_autoptr(GDateTime) seen = g_date_time_new_utc (2026, 11, 23, 8, 15, 0);
  g_autofree char *code = NULL;
  g_autofree char *due = NULL;
  guint i;

  if (rows->fail_after > 0 && rows->next == rows->fail_after)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_LOCKED, "database is locked");
      return FALSE;
    }
  if (rows->next >= rows->n_rows)
    return FALSE;
  i = ++rows->next;
  code = g_strdup_printf ("KH-%04u", i);
  due = g_strdup_printf ("2026-11-%02u", 1 + i % 28);
  crm_export_row_set_text (row, COL_CODE, code);
  crm_export_row_set_text (row, COL_NAME, names[i % rows->n_names]);
  crm_export_row_set_number (row, COL_QUANTITY, i);
  crm_export_row_set_number (row, COL_AMOUNT, (gint64) i * 1234567);
  g_assert_true (crm_export_row_set_date (row, COL_DUE, due));
  crm_export_row_set_datetime (row, COL_SEEN, seen);
  return TRUE;
}

/* With @one_line, only the names that fit their cell on one line. */
static CrmExportTable *
new_sample_table (guint    n_rows,
                  guint    fail_after,
                  gboolean one_line)
{
  CrmExportTable *table = crm_export_table_new ("Danh sách khách hàng");
  Rows *rows = g_new0 (Rows, 1);

  rows->n_rows = n_rows;
  rows->fail_after = fail_after;
  rows->n_names = G_N_ELEMENTS (names) - (one_line ? 1 : 0);
  crm_export_table_add_subtitle (table, "Công ty Cổ phần Sổ Khách");
  crm_export_table_add_subtitle (table, "Trạng thái: Khách hàng");
  crm_export_table_add_column (table, "Mã", CRM_EXPORT_TEXT, 9, CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_add_column (table, "Tên khách hàng", CRM_EXPORT_TEXT, 30, CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_add_column (table, "Số lượng", CRM_EXPORT_INTEGER, 8, CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_add_column (table, "Thành tiền", CRM_EXPORT_MONEY, 16, CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_add_column (table, "Hạn", CRM_EXPORT_DATE, 10, CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_add_column (table, "Lần gặp", CRM_EXPORT_DATETIME, 14, CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_set_source (table, next_sample_row, rows, g_free);
  return table;
}

static CrmExportTable *
sample_table (guint n_rows,
              guint fail_after)
{
  return new_sample_table (n_rows, fail_after, FALSE);
}

/* Files -------------------------------------------------------------------------- */

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sokhach-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The names in @dir, sorted, space separated. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)))
    g_ptr_array_add (entries, g_strdup (name));
  g_ptr_array_sort (entries, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (entries, NULL);
  return g_strjoinv (" ", (char **) entries->pdata);
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

/* Runs a tool and returns its output, or NULL (the test skipped) when
 * the tool is not installed. */
static char *
run_tool (const char *const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", argv[0]);
      g_test_skip (message);
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* The cell @ref of a sheet's XML holds a plain number starting with @value. */
static void
assert_number_cell (const char *sheet,
                    const char *ref,
                    const char *value)
{
  g_autofree char *open = g_strdup_printf ("<c r=\"%s\"", ref);
  g_autofree char *expected = g_strdup_printf ("<v>%s", value);
  g_autofree char *cell = NULL;
  const char *start = strstr (sheet, open);
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start, "</c>");
  g_assert_nonnull (end);
  cell = g_strndup (start, end - start);
  g_assert_null (strstr (cell, " t=\""));  /* no type: a number */
  g_assert_nonnull (strstr (cell, expected));
}

/* Whether @data (binary, NULs allowed) holds @needle. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The table -------------------------------------------------------------------------- */

static void
test_cells_format_vietnamese (void)
{
  g_autoptr(CrmExportTable) table = sample_table (3, 0);
  g_autoptr(CrmExportRow) row = crm_export_row_new (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) seen = g_date_time_new_utc (2026, 11, 23, 8, 15, 0);
  g_autoptr(GDateTime) local = g_date_time_to_local (seen);
  g_autofree char *seen_text = g_date_time_format (local, "%d/%m/%Y %H:%M");
  g_autofree char *amount = NULL, *quantity = NULL, *due = NULL, *when = NULL;

  g_assert_cmpuint (crm_export_table_get_n_columns (table), ==, 6);
  g_assert_cmpint (crm_export_table_get_column (table, COL_AMOUNT)->align, ==, CRM_EXPORT_ALIGN_END);
  g_assert_cmpint (crm_export_table_get_column (table, COL_DUE)->align, ==, CRM_EXPORT_ALIGN_CENTER);
  g_assert_cmpint (crm_export_table_get_column (table, COL_NAME)->align, ==, CRM_EXPORT_ALIGN_START);

  for (guint i = 0; i < 2; i++)
    g_assert_true (crm_export_table_next_row (table, row, &error));
  g_assert_cmpstr (crm_export_row_get_text (row, COL_CODE), ==, "KH-0002");
  g_assert_cmpint (crm_export_row_get_number (row, COL_AMOUNT), ==, 2469134);
  amount = crm_export_row_format (row, COL_AMOUNT);
  g_assert_cmpstr (amount, ==, "2.469.134 ₫");
  quantity = crm_export_row_format (row, COL_QUANTITY);
  g_assert_cmpstr (quantity, ==, "2");
  due = crm_export_row_format (row, COL_DUE);
  g_assert_cmpstr (due, ==, "03/11/2026");
  when = crm_export_row_format (row, COL_SEEN);
  g_assert_cmpstr (when, ==, seen_text);

  /* Bad dates leave the cell empty; control characters become spaces. */
  g_assert_false (crm_export_row_set_date (row, COL_DUE, "2026-02-30"));
  g_assert_true (crm_export_row_is_empty (row, COL_DUE));
  crm_export_row_set_text (row, COL_NAME, "Lê\x01Văn\rA");
  g_assert_cmpstr (crm_export_row_get_text (row, COL_NAME), ==, "Lê Văn A");

  g_assert_true (crm_export_table_next_row (table, row, &error));
  g_assert_false (crm_export_table_next_row (table, row, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_export_table_get_n_rows_read (table), ==, 3);
}

/* The paged source asks for pages until a short one and fills rows from
 * each item. */
static GPtrArray *
fetch_numbers (gpointer   user_data,
               guint      offset,
               guint      limit,
               GError   **error)
{
  guint *calls = user_data;
  GPtrArray *page = g_ptr_array_new ();

  (*calls)++;
  for (guint i = offset; i < MIN (offset + limit, 25); i++)
    g_ptr_array_add (page, GUINT_TO_POINTER (i + 1));
  return page;
}

static void
fill_number (gpointer      user_data,
             gpointer      item,
             CrmExportRow *row)
{
  crm_export_row_set_number (row, 0, GPOINTER_TO_UINT (item));
}

static void
test_paged_source (void)
{
  g_autoptr(CrmExportTable) table = crm_export_table_new ("Số");
  g_autoptr(CrmExportRow) row = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;
  gint64 sum = 0;

  crm_export_table_add_column (table, "N", CRM_EXPORT_INTEGER, 5, CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_set_paged_source (table, 10, fetch_numbers, fill_number, &calls, NULL);
  row = crm_export_row_new (table);
  while (crm_export_table_next_row (table, row, &error))
    sum += crm_export_row_get_number (row, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sum, ==, 25 * 26 / 2);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_cmpuint (crm_export_table_get_n_rows_read (table), ==, 25);
}

/* Spreadsheet --------------------------------------------------------------------------- */

static void
test_xlsx_typed_cells (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "ds.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmExportTable) table = sample_table (3, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *head = NULL;
  gsize length = 0;

  g_assert_true (crm_xlsx_writer_write (table, dest, NULL, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "ds.xlsx");
  g_assert_true (g_file_get_contents (path, &head, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (head, 2, "PK", 2);

  {
    const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL };
    const char *styles_argv[] = { "unzip", "-p", path, "xl/styles.xml", NULL };

    if (!(sheet = run_tool (argv)) || !(styles = run_tool (styles_argv)))
      {
        remove_dir (dir);
        return;
      }
  }
  /* Title block in rows 1-3, a blank row, headings in row 5, frozen
   * under it with the filter over headings and data. */
  g_assert_nonnull (strstr (sheet, "<t>Danh sách khách hàng</t>"));
  g_assert_nonnull (strstr (sheet, "t=\"inlineStr\"><is><t>Tên khách hàng</t>"));
  g_assert_nonnull (strstr (sheet, "<pane ySplit=\"5\" topLeftCell=\"A6\""));
  g_assert_nonnull (strstr (sheet, "<autoFilter ref=\"A5:F8\"/>"));
  /* Row 2 of data (sheet row 7): text, numbers as numbers, a date as its
   * serial 46329 (03/11/2026), a date-time as a fraction of a day. */
  g_assert_nonnull (strstr (sheet, "<t>Lê Hoàng Yến</t>"));
  assert_number_cell (sheet, "C7", "2");
  assert_number_cell (sheet, "D7", "2469134");
  assert_number_cell (sheet, "E7", "46329");
  assert_number_cell (sheet, "F7", "46349.");
  g_assert_nonnull (strstr (styles, "formatCode=\"#,##0 &quot;₫&quot;\""));
  g_assert_nonnull (strstr (styles, "formatCode=\"dd/mm/yyyy\""));
  remove_dir (dir);
}

/* PDF -------------------------------------------------------------------------------------- */

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  return run_tool (argv);
}

/* 120 one-line rows on portrait A4: 45 to 50 rows fit a page under the
 * header (fewer on the first, under the title block) whichever of Noto
 * Sans or DejaVu Sans is installed, so three pages. */
static void
test_pdf_pages_and_footer (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "ds.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmExportTable) table = new_sample_table (120, 0, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autofree char *page2 = g_strdup_printf (_("Page %u/%u"), 2, 3);
  g_autofree char *page3 = g_strdup_printf (_("Page %u/%u"), 3, 3);
  g_autofree char *page4 = g_strdup_printf (_("Page %u/%u"), 4, 3);
  g_auto(GStrv) pages = NULL;

  g_assert_true (crm_pdf_writer_write (table, CRM_PAGE_ORIENTATION_PORTRAIT, dest, NULL, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "ds.pdf");
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_true (contains_bytes (data, length, "/MediaBox [ 0 0 595.276 841.89 ]"));  /* A4 portrait */

  if (!(text = pdf_text (path)))
    {
      remove_dir (dir);
      return;
    }
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, 4);  /* 3 pages and what follows the last \f */
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (pages[i], "Tên khách hàng"));
  g_assert_nonnull (strstr (pages[0], "Danh sách khách hàng"));
  g_assert_nonnull (strstr (pages[0], "Công ty Cổ phần Sổ Khách"));
  g_assert_null (strstr (pages[1], "Danh sách khách hàng"));
  g_assert_nonnull (strstr (pages[1], page2));
  g_assert_nonnull (strstr (pages[2], page3));
  g_assert_null (strstr (text, page4));
  /* Every row once, the tones intact, money and dates Vietnamese style. */
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *code = g_strdup_printf ("KH-%04u", i);
      g_assert_cmpuint (count_substrings (text, code), ==, 1);
    }
  g_assert_nonnull (strstr (text, "Phạm Quỳnh Hương"));
  g_assert_nonnull (strstr (text, "Đỗ Mạnh Cường"));
  g_assert_nonnull (strstr (text, "148.148.040 ₫"));
  g_assert_nonnull (strstr (text, "03/11/2026"));
  remove_dir (dir);
}

static void
test_pdf_fonts_embedded (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "ds.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmExportTable) table = sample_table (10, 0);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  g_assert_true (crm_pdf_writer_write (table, CRM_PAGE_ORIENTATION_AUTO, dest, NULL, &error));
  g_assert_no_error (error);
  if (!(fonts = run_tool (argv)))
    {
      remove_dir (dir);
      return;
    }
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      /* name type [type] encoding emb sub uni object ID: emb is 5th from the end */
      fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      {
        g_autoptr(GPtrArray) words = g_ptr_array_new ();

        for (guint j = 0; fields[j] != NULL; j++)
          if (*fields[j] != '\0')
            g_ptr_array_add (words, fields[j]);
        n = words->len;
        g_assert_cmpuint (n, >=, 7);
        g_assert_cmpstr (g_ptr_array_index (words, n - 5), ==, "yes");
        g_assert_true (strstr (g_ptr_array_index (words, 0), "NotoSans") != NULL ||
                       strstr (g_ptr_array_index (words, 0), "DejaVuSans") != NULL);
      }
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  remove_dir (dir);
}

/* The page renderer draws any page, in any order, on any cairo context:
 * what printing will do. */
static void
test_layout_draws_pages_in_any_order (void)
{
  g_autoptr(CrmExportTable) table = sample_table (200, 0);
  g_autoptr(CrmPdfLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  guint n_pages;

  crm_pdf_page_size (table, CRM_PAGE_ORIENTATION_AUTO, &width, &height);
  g_assert_cmpfloat (width, <, height);  /* 87 characters fit a portrait page */
  layout = crm_pdf_layout_new (table, width, height, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_pdf_layout_get_n_rows (layout), ==, 200);
  n_pages = crm_pdf_layout_get_n_pages (layout);
  g_assert_cmpuint (n_pages, >=, 4);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  for (guint k = 0; k < 3; k++)
    {
      guint page = (n_pages - 1) * (k % 2);  /* last, first, last */

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      g_assert_true (crm_pdf_layout_draw_page (layout, cr, page, &error));
      g_assert_no_error (error);
    }
  cairo_surface_flush (surface);
  {
    const guint32 *pixels = (const guint32 *) cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface) / 4;
    guint dark = 0;

    for (int y = 0; y < (int) height; y++)
      for (int x = 0; x < (int) width; x++)
        if ((pixels[y * stride + x] & 0xff) < 0x80)
          dark++;
    g_assert_cmpuint (dark, >, 1000);
  }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Landscape when the columns need it. */
  {
    g_autoptr(CrmExportTable) wide = sample_table (1, 0);

    crm_export_table_add_column (wide, "Ghi chú", CRM_EXPORT_TEXT, 60, CRM_EXPORT_ALIGN_AUTO);
    crm_pdf_page_size (wide, CRM_PAGE_ORIENTATION_AUTO, &width, &height);
    g_assert_cmpfloat (width, >, height);
    crm_pdf_page_size (wide, CRM_PAGE_ORIENTATION_PORTRAIT, &width, &height);
    g_assert_cmpfloat (width, <, height);
  }
}

/* Where the user can read Vietnamese, the footer is "Trang 2/3". */
static void
test_pdf_footer_in_vietnamese (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (setlocale (LC_ALL, "vi_VN.UTF-8") == NULL)
    {
      g_test_skip ("the vi_VN.UTF-8 locale is not generated");
      return;
    }
  if (g_strcmp0 (_("Page %u/%u"), "Trang %u/%u") != 0)
    {
      setlocale (LC_ALL, saved);
      g_test_skip ("the Vietnamese catalogue has no translation of the footer");
      return;
    }
  dir = make_dir ();
  path = g_build_filename (dir, "ds.pdf", NULL);
  dest = g_file_new_for_path (path);
  table = new_sample_table (120, 0, TRUE);
  g_assert_true (crm_pdf_writer_write (table, CRM_PAGE_ORIENTATION_PORTRAIT, dest, NULL, &error));
  setlocale (LC_ALL, saved);
  g_assert_no_error (error);
  if ((text = pdf_text (path)))
    {
      g_assert_nonnull (strstr (text, "Trang 1/3"));
      g_assert_nonnull (strstr (text, "Trang 2/3"));
    }
  remove_dir (dir);
}

/* Failures ----------------------------------------------------------------------------- */

static void
test_missing_directory (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *missing = g_build_filename (dir, "không-có", NULL);
  g_autofree char *listing = NULL;

  for (CrmExportFormat format = CRM_EXPORT_FORMAT_XLSX; format <= CRM_EXPORT_FORMAT_PDF; format++)
    {
      g_autofree char *name = g_strdup_printf ("ds.%s", crm_export_format_to_string (format));
      g_autofree char *path = g_build_filename (missing, name, NULL);
      g_autoptr(GFile) dest = g_file_new_for_path (path);
      g_autoptr(CrmExportTable) table = sample_table (5, 0);
      g_autoptr(GError) error = NULL;

      g_assert_false (crm_export_write (table, format, dest, NULL, &error));
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "không-có"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      /* Nothing was read from the source: the folder is checked first. */
      g_assert_cmpuint (crm_export_table_get_n_rows_read (table), ==, 0);
    }
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  remove_dir (dir);
}

/* A source failing half way, or a cancel, leaves the old file as it was
 * and no temporary file behind. */
static void
test_failure_keeps_old_file (void)
{
  g_autofree char *dir = make_dir ();

  for (CrmExportFormat format = CRM_EXPORT_FORMAT_XLSX; format <= CRM_EXPORT_FORMAT_PDF; format++)
    {
      g_autofree char *name = g_strdup_printf ("ds.%s", crm_export_format_to_string (format));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) dest = g_file_new_for_path (path);
      g_autoptr(CrmExportTable) failing = sample_table (3000, 2500);
      g_autoptr(CrmExportTable) cancelled = sample_table (3000, 0);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *content = NULL;
      g_autofree char *listing = NULL;

      g_assert_true (g_file_set_contents (path, "cũ", -1, NULL));
      g_assert_false (crm_export_write (failing, format, dest, NULL, &error));
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_LOCKED);
      g_clear_error (&error);

      g_cancellable_cancel (cancellable);
      g_assert_false (crm_export_write (cancelled, format, dest, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
      g_assert_cmpstr (content, ==, "cũ");
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, name);
      g_unlink (path);
    }
  remove_dir (dir);
}

/* The customer list ------------------------------------------------------------------ */

static void
exec_sql (CrmTestDb  *fixture,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

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

static gint64
add_customer (CrmTestDb         *fixture,
              const char        *name,
              const char        *province,
              const char        *phone,
              CrmCustomerStatus  status,
              gint64             assigned_to)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->province_code = g_strdup (province);
  customer->status = status;
  customer->assigned_to = assigned_to;
  if (phone != NULL)
    g_ptr_array_add (customer->phones, g_strdup (phone));
  id = crm_customer_store_create (fixture->store, fixture->admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

/* Four customers, two of them the staff member's; returns the staff id. */
static gint64
add_office (CrmTestDb *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id = crm_user_store_create (fixture->store, fixture->admin, "lan", "Trần Thị Lan",
                                           CRM_ROLE_STAFF, 0, &error);
  gint64 anh;

  g_assert_no_error (error);
  anh = add_customer (fixture, "Nguyễn Thị Ánh", "ha-noi", "0912345678", CRM_CUSTOMER_STATUS_CUSTOMER, staff_id);
  add_customer (fixture, "Trần Văn Đức", "da-nang", NULL, CRM_CUSTOMER_STATUS_LEAD, staff_id);
  add_customer (fixture, "Lê Hoàng Yến", "ho-chi-minh", "0283 825 1234", CRM_CUSTOMER_STATUS_CUSTOMER, 0);
  add_customer (fixture, "Phạm Quỳnh Hương", "ha-noi", "0987654321", CRM_CUSTOMER_STATUS_PROSPECT, 0);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE customers SET revenue = 12345678, "
                                            "last_contact_at = '2026-11-23' WHERE id = %" G_GINT64_FORMAT, anh);
    exec_sql (fixture, sql);
  }
  exec_sql (fixture, "INSERT INTO settings (key, value, updated_at) "
                     "VALUES ('company_name', 'Công ty TNHH Ánh Dương', '2026-01-01T00:00:00Z')");
  return staff_id;
}

static void
test_customer_table (CrmTestDb     *fixture,
                     gconstpointer  data)
{
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportRow) row = NULL;
  g_autoptr(GError) error = NULL;
  const GDate *date;

  add_office (fixture);
  filter->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  table = crm_customer_export_table (fixture->store, fixture->admin, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_export_table_get_title (table), ==, _("Customer list"));
  g_assert_cmpuint (crm_export_table_get_n_subtitles (table), ==, 4);
  g_assert_cmpstr (crm_export_table_get_subtitle (table, 0), ==, "Công ty TNHH Ánh Dương");
  g_assert_nonnull (strstr (crm_export_table_get_subtitle (table, 1), _("Customer")));
  g_assert_true (g_str_has_prefix (crm_export_table_get_subtitle (table, 2), "2 "));
  g_assert_nonnull (strstr (crm_export_table_get_subtitle (table, 3), "Administrator"));
  g_assert_cmpuint (crm_export_table_get_n_columns (table), ==, 9);
  g_assert_cmpint (crm_export_table_get_column (table, 8)->kind, ==, CRM_EXPORT_MONEY);
  g_assert_cmpint (crm_export_table_get_column (table, 7)->kind, ==, CRM_EXPORT_DATE);

  /* By name: people sort by given name, so Ánh comes before Yến. */
  row = crm_export_row_new (table);
  g_assert_true (crm_export_table_next_row (table, row, &error));
  g_assert_cmpstr (crm_export_row_get_text (row, 1), ==, "Nguyễn Thị Ánh");
  g_assert_cmpstr (crm_export_row_get_text (row, 3), ==, "0912 345 678");
  g_assert_cmpstr (crm_export_row_get_text (row, 4), ==, "Hà Nội");
  g_assert_cmpstr (crm_export_row_get_text (row, 6), ==, "Trần Thị Lan");
  g_assert_cmpint (crm_export_row_get_number (row, 8), ==, 12345678);
  date = crm_export_row_get_date (row, 7);
  g_assert_nonnull (date);
  g_assert_cmpuint (g_date_get_day (date), ==, 23);
  g_assert_true (crm_export_table_next_row (table, row, &error));
  g_assert_cmpstr (crm_export_row_get_text (row, 1), ==, "Lê Hoàng Yến");
  g_assert_cmpstr (crm_export_row_get_text (row, 3), ==, "028 3825 1234");
  g_assert_cmpstr (crm_export_row_get_text (row, 4), ==, "TP. Hồ Chí Minh");
  g_assert_true (crm_export_row_is_empty (row, 7));
  g_assert_false (crm_export_table_next_row (table, row, &error));
  g_assert_no_error (error);
}

static void
test_customer_export_audited (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "khach.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  add_office (fixture);
  g_assert_true (crm_customer_export (fixture->store, fixture->admin, NULL, CRM_EXPORT_FORMAT_XLSX,
                                      dest, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 4);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                       "AND entity = 'customer'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT new_value FROM audit_log WHERE action = 'export' "
                                       "AND field = 'rows'"), ==, 4);
  remove_dir (dir);
}

/* Staff in "own" mode export their own customers only; a user without
 * the export right exports nothing. */
static void
test_customer_export_visibility (CrmTestDb     *fixture,
                                 gconstpointer  data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "khach.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint64 n_rows = 0;
  gint64 staff_id;

  staff_id = add_office (fixture);
  g_assert_true (crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  table = crm_customer_export_table (fixture->store, staff, NULL, &error);
  g_assert_no_error (error);
  row = crm_export_row_new (table);
  while (crm_export_table_next_row (table, row, &error))
    g_assert_cmpstr (crm_export_row_get_text (row, 6), ==, "Trần Thị Lan");
  g_assert_no_error (error);
  g_assert_cmpuint (crm_export_table_get_n_rows_read (table), ==, 2);

  g_assert_true (crm_customer_export (fixture->store, staff, NULL, CRM_EXPORT_FORMAT_PDF,
                                      dest, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_unlink (path);

  sql = g_strdup_printf ("UPDATE users SET may_export = 0 WHERE id = %" G_GINT64_FORMAT, staff_id);
  exec_sql (fixture, sql);
  g_assert_false (crm_customer_export (fixture->store, staff, NULL, CRM_EXPORT_FORMAT_PDF,
                                       dest, NULL, &n_rows, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 2);
  remove_dir (dir);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  guint64    n_rows;
  GError    *error;
} AsyncResult;

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *outcome = user_data;

  outcome->ok = crm_customer_export_finish (CRM_STORE (source), result, &outcome->n_rows, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static void
test_customer_export_async (CrmTestDb     *fixture,
                            gconstpointer  data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "khach.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  AsyncResult outcome = { g_main_loop_new (NULL, FALSE), FALSE, 0, NULL };

  add_office (fixture);
  filter->province_code = g_strdup ("ha-noi");
  crm_customer_export_async (fixture->store, fixture->admin, filter, CRM_EXPORT_FORMAT_PDF, dest, NULL,
                             on_exported_cb, &outcome);
  g_main_loop_run (outcome.loop);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpuint (outcome.n_rows, ==, 2);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 2);
  g_main_loop_unref (outcome.loop);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SOKHACH_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/table/cells-format-vietnamese", test_cells_format_vietnamese);
  g_test_add_func ("/export/table/paged-source", test_paged_source);
  g_test_add_func ("/export/xlsx/typed-cells", test_xlsx_typed_cells);
  g_test_add_func ("/export/pdf/pages-and-footer", test_pdf_pages_and_footer);
  g_test_add_func ("/export/pdf/fonts-embedded", test_pdf_fonts_embedded);
  g_test_add_func ("/export/pdf/layout-draws-pages-in-any-order", test_layout_draws_pages_in_any_order);
  g_test_add_func ("/export/pdf/footer-in-vietnamese", test_pdf_footer_in_vietnamese);
  g_test_add_func ("/export/file/missing-directory", test_missing_directory);
  g_test_add_func ("/export/file/failure-keeps-old-file", test_failure_keeps_old_file);
  g_test_add ("/export/customers/table", CrmTestDb, NULL,
              crm_test_db_setup, test_customer_table, crm_test_db_teardown);
  g_test_add ("/export/customers/audited", CrmTestDb, NULL,
              crm_test_db_setup, test_customer_export_audited, crm_test_db_teardown);
  g_test_add ("/export/customers/visibility-and-right", CrmTestDb, NULL,
              crm_test_db_setup, test_customer_export_visibility, crm_test_db_teardown);
  g_test_add ("/export/customers/async", CrmTestDb, NULL,
              crm_test_db_setup, test_customer_export_async, crm_test_db_teardown);

  return g_test_run ();
}
