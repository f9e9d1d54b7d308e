/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-xlsx-writer"

#include "config.h"

#include "crm-xlsx-writer.h"

#include <locale.h>
#include <string.h>

#include <xlsxwriter.h>

#include <glib/gi18n-lib.h>

/* A table as one Excel sheet: the title block, a bold header row that
 * stays in view and carries the filter buttons, then one typed row per
 * source row: numbers are numbers, money counts đồng without decimals,
 * percentages are fractions in a percent format, dates are real dates;
 * a report's table carries a native chart of its figures beside it.  libxlsxwriter's constant-memory mode streams
 * each row to disk as it is written, so a list of any length costs the
 * memory of one row. */

#define CHECK_CANCEL_EVERY 1024
#define MIN_COLUMN_WIDTH   6.0
#define MAX_COLUMN_WIDTH   60.0
/* Past this total width (characters) the sheet prints in landscape. */
#define PORTRAIT_MAX_WIDTH 100.0
/* Excel keeps at most this many characters in a cell. */
#define MAX_CELL_CHARS     32767
#define PAPER_A4           9

#define MONEY_FORMAT       "#,##0 \"₫\""
#define INTEGER_FORMAT     "#,##0"
#define DATE_FORMAT        "dd/mm/yyyy"
#define DATETIME_FORMAT    "dd/mm/yyyy hh:mm"
#define PERCENT_FORMAT     "0.0%"

/* GDate's Julian day of 30/12/1899, where Excel dates count from (which
 * absorbs Lotus' 1900 leap-year bug for every date after February 1900). */
#define EXCEL_EPOCH_JULIAN 693594

typedef struct
{
  lxw_workbook   *workbook;
  lxw_worksheet  *sheet;
  lxw_format     *title;
  lxw_format     *subtitle;
  lxw_format    **headings;   /* one per column */
  lxw_format    **cells;      /* one per column */
  CrmExportKind  *kinds;      /* one per column */
  guint           n_columns;
} Sheet;

static double
excel_date (const GDate *date)
{
  return (double) g_date_get_julian (date) - EXCEL_EPOCH_JULIAN;
}

static double
excel_datetime (GDateTime *when)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                  g_date_time_get_year (when));
  return excel_date (&date) +
         (g_date_time_get_hour (when) * 3600 + g_date_time_get_minute (when) * 60 +
          g_date_time_get_second (when)) / 86400.0;
}

/* Sheet names are at most 31 characters, without []:*?/\ */
static char *
sheet_name (const char *title)
{
  g_autofree char *prefix = g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 31));

  g_strdelimit (prefix, "[]:*?/\\", ' ');
  g_strstrip (prefix);
  if (*prefix == '\0' || *prefix == '\'')
    return NULL;
  return g_steal_pointer (&prefix);
}

static uint8_t
lxw_align (CrmExportAlign align)
{
  switch (align)
    {
    case CRM_EXPORT_ALIGN_END:
      return LXW_ALIGN_RIGHT;
    case CRM_EXPORT_ALIGN_CENTER:
      return LXW_ALIGN_CENTER;
    case CRM_EXPORT_ALIGN_AUTO:
    case CRM_EXPORT_ALIGN_START:
    default:
      return LXW_ALIGN_LEFT;
    }
}

static const char *
number_format (CrmExportKind kind)
{
  switch (kind)
    {
    case CRM_EXPORT_INTEGER:
      return INTEGER_FORMAT;
    case CRM_EXPORT_MONEY:
      return MONEY_FORMAT;
    case CRM_EXPORT_DATE:
      return DATE_FORMAT;
    case CRM_EXPORT_DATETIME:
      return DATETIME_FORMAT;
    case CRM_EXPORT_PERCENT:
      return PERCENT_FORMAT;
    case CRM_EXPORT_TEXT:
    default:
      return NULL;
    }
}

static void
add_formats (Sheet          *sheet,
             CrmExportTable *table)
{
  guint n_columns = crm_export_table_get_n_columns (table);

  sheet->title = workbook_add_format (sheet->workbook);
  format_set_bold (sheet->title);
  format_set_font_size (sheet->title, 14);
  sheet->subtitle = workbook_add_format (sheet->workbook);
  format_set_italic (sheet->subtitle);
  format_set_font_color (sheet->subtitle, 0x555555);

  sheet->n_columns = n_columns;
  sheet->headings = g_new0 (lxw_format *, n_columns);
  sheet->cells = g_new0 (lxw_format *, n_columns);
  sheet->kinds = g_new0 (CrmExportKind, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      const CrmExportColumn *column = crm_export_table_get_column (table, i);
      const char *num_format = number_format (column->kind);

      sheet->kinds[i] = column->kind;
      sheet->headings[i] = workbook_add_format (sheet->workbook);
      format_set_bold (sheet->headings[i]);
      format_set_bg_color (sheet->headings[i], 0xE0E0E0);
      format_set_bottom (sheet->headings[i], LXW_BORDER_THIN);
      format_set_align (sheet->headings[i], lxw_align (column->align));
      format_set_align (sheet->headings[i], LXW_ALIGN_VERTICAL_CENTER);
      format_set_text_wrap (sheet->headings[i]);

      /* Text at the start needs no format, and a cell without one is
       * written faster: libxlsxwriter hashes a format at every use. */
      if (num_format == NULL && column->align == CRM_EXPORT_ALIGN_START)
        continue;
      sheet->cells[i] = workbook_add_format (sheet->workbook);
      format_set_align (sheet->cells[i], lxw_align (column->align));
      if (num_format != NULL)
        format_set_num_format (sheet->cells[i], num_format);
    }
}

/* Title, subtitles and a blank row; returns the row of the headings. */
static lxw_row_t
write_title_block (Sheet          *sheet,
                   CrmExportTable *table)
{
  guint n_subtitles = crm_export_table_get_n_subtitles (table);
  lxw_row_t row = 0;

  worksheet_write_string (sheet->sheet, row++, 0, crm_export_table_get_title (table), sheet->title);
  for (guint i = 0; i < n_subtitles; i++)
    worksheet_write_string (sheet->sheet, row++, 0, crm_export_table_get_subtitle (table, i),
                            sheet->subtitle);
  row++;
  for (guint i = 0; i < crm_export_table_get_n_columns (table); i++)
    worksheet_write_string (sheet->sheet, row, i, crm_export_table_get_column (table, i)->heading,
                            sheet->headings[i]);
  return row;
}

static lxw_error
write_text (Sheet      *sheet,
            lxw_row_t   r,
            lxw_col_t   c,
            const char *text)
{
  g_autofree char *cut = NULL;

  /* No character is shorter than a byte: most texts need no counting. */
  if (strlen (text) > MAX_CELL_CHARS && g_utf8_strlen (text, MAX_CELL_CHARS * 4 + 1) > MAX_CELL_CHARS)
    text = cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
  return worksheet_write_string (sheet->sheet, r, c, text, sheet->cells[c]);
}

static lxw_error
write_row (Sheet        *sheet,
           CrmExportRow *row,
           lxw_row_t     r)
{
  lxw_error err = LXW_NO_ERROR;

  for (lxw_col_t c = 0; c < sheet->n_columns && err == LXW_NO_ERROR; c++)
    {
      if (crm_export_row_is_empty (row, c))
        continue;
      switch (sheet->kinds[c])
        {
        case CRM_EXPORT_TEXT:
          err = write_text (sheet, r, c, crm_export_row_get_text (row, c));
          break;
        case CRM_EXPORT_INTEGER:
        case CRM_EXPORT_MONEY:
          err = worksheet_write_number (sheet->sheet, r, c, (double) crm_export_row_get_number (row, c),
                                        sheet->cells[c]);
          break;
        case CRM_EXPORT_PERCENT:
          /* Basis points as the fraction Excel's percent format shows. */
          err = worksheet_write_number (sheet->sheet, r, c, crm_export_row_get_number (row, c) / 10000.0,
                                        sheet->cells[c]);
          break;
        case CRM_EXPORT_DATE:
          err = worksheet_write_number (sheet->sheet, r, c, excel_date (crm_export_row_get_date (row, c)),
                                        sheet->cells[c]);
          break;
        case CRM_EXPORT_DATETIME:
          err = worksheet_write_number (sheet->sheet, r, c,
                                        excel_datetime (crm_export_row_get_datetime (row, c)),
                                        sheet->cells[c]);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return err;
}

/* Column widths, the frozen header with its filter buttons, and how the
 * sheet prints: A4, one page wide, the header row on every page. */
static void
finish_sheet (Sheet          *sheet,
              CrmExportTable *table,
              lxw_row_t       header,
              lxw_row_t       last_row)
{
  guint n_columns = crm_export_table_get_n_columns (table);

  for (guint i = 0; i < n_columns; i++)
    {
      double width = crm_export_table_get_column (table, i)->width + 2;

      worksheet_set_column (sheet->sheet, i, i, CLAMP (width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH), NULL);
    }
  worksheet_freeze_panes (sheet->sheet, header + 1, 0);
  if (n_columns > 0)
    {
      worksheet_autofilter (sheet->sheet, header, 0, last_row, n_columns - 1);
      worksheet_repeat_rows (sheet->sheet, header, header);
    }
  worksheet_set_paper (sheet->sheet, PAPER_A4);
  if (crm_export_table_get_total_width (table) > PORTRAIT_MAX_WIDTH)
    worksheet_set_landscape (sheet->sheet);
  worksheet_fit_to_pages (sheet->sheet, 1, 0);
}

/* The chart's series in the colours crm_chart_draw() uses on paper. */
static const lxw_color_t series_colours[] = { 0x215192, 0xF19533, 0x39946B, 0xA6CCEF };

/* A native chart of the table's report over the cells just written: the
 * category column against each value column, for the report's chart
 * rows; to the right of the table, level with its header. */
static void
add_chart (Sheet          *sheet,
           CrmExportTable *table,
           lxw_row_t       header,
           lxw_row_t       last_row)
{
  CrmReport *report = crm_export_table_get_report_chart (table);
  guint n_columns = crm_export_table_get_n_columns (table);
  lxw_chart_options options = { .x_offset = 8, .y_offset = 4, .x_scale = 1.4, .y_scale = 1.4 };
  const char *title;
  lxw_chart *chart;
  CrmChartKind kind;
  guint category, n_series;
  lxw_row_t first = header + 1, last;

  if (report == NULL || last_row <= header)
    return;
  kind = crm_report_get_chart_kind (report);
  category = crm_report_get_chart_category (report);
  n_series = crm_report_get_chart_n_series (report);
  last = MIN (last_row, header + MIN (crm_report_get_chart_rows (report), crm_report_get_n_rows (report)));
  if (kind == CRM_CHART_NONE || n_series == 0 || last < first || category >= n_columns)
    return;
  if (kind == CRM_CHART_FUNNEL)
    n_series = 1;

  switch (kind)
    {
    case CRM_CHART_LINE:
      chart = workbook_add_chart (sheet->workbook, LXW_CHART_LINE);
      break;
    case CRM_CHART_FUNNEL:
      chart = workbook_add_chart (sheet->workbook, LXW_CHART_BAR);
      break;
    case CRM_CHART_BAR:
    case CRM_CHART_NONE:
    default:
      chart = workbook_add_chart (sheet->workbook, LXW_CHART_COLUMN);
      break;
    }
  if (chart == NULL)
    return;

  for (guint i = 0; i < n_series; i++)
    {
      guint column = crm_report_get_chart_series (report, i);
      lxw_chart_series *series;

      if (column >= n_columns)
        continue;
      series = chart_add_series (chart, NULL, NULL);
      chart_series_set_categories (series, sheet->sheet->name, first, category, last, category);
      chart_series_set_values (series, sheet->sheet->name, first, column, last, column);
      chart_series_set_name_range (series, sheet->sheet->name, header, column);
      if (kind == CRM_CHART_LINE)
        {
          lxw_chart_line line = { .color = series_colours[i % G_N_ELEMENTS (series_colours)], .width = 2.25 };

          chart_series_set_line (series, &line);
        }
      else
        {
          lxw_chart_fill fill = { .color = series_colours[i % G_N_ELEMENTS (series_colours)] };

          chart_series_set_fill (series, &fill);
        }
    }

  title = crm_report_get_chart_title (report);
  if (title == NULL || *title == '\0')
    title = crm_report_get_title (report);
  /* A name starting with "=" would be read as a formula. */
  if (title != NULL && *title != '\0' && *title != '=')
    chart_title_set_name (chart, title);
  else
    chart_title_off (chart);
  if (n_series < 2)
    chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  else
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  /* The funnel's first step on top. */
  if (kind == CRM_CHART_FUNNEL)
    chart_axis_set_reverse (chart->x_axis);
  worksheet_insert_chart_opt (sheet->sheet, header, n_columns + 1, chart, &options);
}

/* Streams the rows; returns FALSE with @error set on failure. */
static gboolean
write_rows (Sheet           *sheet,
            CrmExportTable  *table,
            CrmExportTarget *target,
            lxw_row_t        header,
            lxw_row_t       *last_row,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(CrmExportReader) reader = crm_export_reader_new (table);
  g_autoptr(GError) local_error = NULL;
  lxw_row_t r = header + 1;
  CrmExportRow *row;

  /* The next rows are read (from the database, say) while libxlsxwriter
   * writes these: two cores busy instead of one taking turns. */
  while ((row = crm_export_reader_next (reader, &local_error)) != NULL)
    {
      lxw_error err;

      if (r >= LXW_ROW_MAX)
        {
          crm_export_set_write_error (target, _("a spreadsheet holds at most 1,048,576 rows"), error);
          return FALSE;
        }
      if ((err = write_row (sheet, row, r)) != LXW_NO_ERROR)
        {
          crm_export_set_write_error (target, lxw_strerror (err), error);
          return FALSE;
        }
      *last_row = r++;
      if (r % CHECK_CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_workbook (CrmExportTable   *table,
                CrmExportTarget  *target,
                GCancellable     *cancellable,
                GError          **error)
{
  /* A report's few thousand rows are kept in memory, so that its chart
   * gets the cached values (and text categories) spreadsheet readers
   * show before any recalculation; lists of any length are streamed. */
  lxw_workbook_options options = {
    .constant_memory = crm_export_table_get_report_chart (table) == NULL ? LXW_TRUE : LXW_FALSE,
  };
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  lxw_doc_properties properties = { 0 };
  Sheet sheet = { 0 };
  lxw_row_t header, last_row;
  lxw_error err;
  gboolean written;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  sheet.workbook = workbook_new_opt (crm_export_target_get_temp_path (target), &options);
  if (sheet.workbook == NULL)
    {
      crm_export_set_write_error (target, lxw_strerror (LXW_ERROR_MEMORY_MALLOC_FAILED), error);
      return FALSE;
    }
  properties.title = (char *) crm_export_table_get_title (table);
  workbook_set_properties (sheet.workbook, &properties);
  name = sheet_name (crm_export_table_get_title (table));
  if ((sheet.sheet = workbook_add_worksheet (sheet.workbook, name)) == NULL)
    {
      workbook_close (sheet.workbook);
      crm_export_set_write_error (target, lxw_strerror (LXW_ERROR_CREATING_TMPFILE), error);
      return FALSE;
    }

  add_formats (&sheet, table);
  last_row = header = write_title_block (&sheet, table);
  written = write_rows (&sheet, table, target, header, &last_row, cancellable, &local_error);
  finish_sheet (&sheet, table, header, last_row);
  if (written)
    add_chart (&sheet, table, header, last_row);
  /* Closing also frees the workbook, so it runs after a failure too; the
   * temporary file it wrote is then deleted with the target. */
  err = workbook_close (sheet.workbook);
  g_free (sheet.headings);
  g_free (sheet.cells);
  g_free (sheet.kinds);

  if (!written)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (err != LXW_NO_ERROR)
    {
      crm_export_set_write_error (target, lxw_strerror (err), error);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_xlsx_writer_write_target:
 *
 * Writes @table as a one-sheet workbook into @target's temporary file;
 * see crm_export_write_target().
 */
gboolean
crm_xlsx_writer_write_target (CrmExportTable   *table,
                              CrmExportTarget  *target,
                              GCancellable     *cancellable,
                              GError          **error)
{
  locale_t base, c_numeric, previous;
  gboolean written;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  /* libxlsxwriter prints numbers with printf: under a Vietnamese locale
   * 0.2 would come out "0,2" and Excel would find the file broken.  This
   * thread writes with C numbers; messages stay in the user's language. */
  if ((base = duplocale (LC_GLOBAL_LOCALE)) == (locale_t) 0)
    return write_workbook (table, target, cancellable, error);
  if ((c_numeric = newlocale (LC_NUMERIC_MASK, "C", base)) == (locale_t) 0)
    {
      freelocale (base);
      return write_workbook (table, target, cancellable, error);
    }
  previous = uselocale (c_numeric);
  written = write_workbook (table, target, cancellable, error);
  uselocale (previous);
  freelocale (c_numeric);
  return written;
}

/**
 * crm_xlsx_writer_write:
 * @dest: the .xlsx file to create or replace
 *
 * Writes @table to @dest; on failure @dest is left as it was.
 */
gboolean
crm_xlsx_writer_write (CrmExportTable  *table,
                       GFile           *dest,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(CrmExportTarget) target = NULL;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  return (target = crm_export_target_new (dest, error)) != NULL &&
         crm_xlsx_writer_write_target (table, target, cancellable, error) &&
         crm_export_target_commit (target, error);
}
