/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A built report: what the report window shows, what prints and what
 * exports.  It is plain data, made by a report builder in the store
 * (crm-reports.h) off the main thread, then read on any thread:
 *
 *  - a title and subtitle lines (period, filters);
 *  - summary figures (label + typed value): "Revenue 1.234.567 ₫",
 *    "Change against the previous period +12,5 %";
 *  - one table of typed cells, at most a few thousand rows;
 *  - a chart over that table: one category column (the x axis or the
 *    funnel's steps) and one to four value columns (the series), over
 *    the first crm_report_get_chart_rows() rows.
 *
 * Cells are typed so each writer shows them its own way: the window and
 * the PDF format them ("1.234.567 ₫", "12,5 %", "dd/MM/yyyy"), the
 * spreadsheet keeps numbers as numbers and dates as dates. */

typedef enum
{
  CRM_REPORT_TEXT,      /* UTF-8 text */
  CRM_REPORT_INTEGER,   /* gint64 count, shown "1.234" */
  CRM_REPORT_MONEY,     /* gint64 đồng, shown "1.234.567 ₫" */
  CRM_REPORT_PERCENT,   /* gint64 basis points (1250 = 12,5 %), shown "12,5 %" */
  CRM_REPORT_DATE,      /* ISO yyyy-MM-dd business date, shown dd/MM/yyyy */
} CrmReportKind;

typedef enum
{
  CRM_CHART_NONE,
  CRM_CHART_BAR,        /* vertical bars, one colour per series, grouped */
  CRM_CHART_LINE,       /* one line per series over the categories (time series) */
  CRM_CHART_FUNNEL,     /* one centred bar per category, narrowing; first value column only */
} CrmChartKind;

#define CRM_TYPE_REPORT (crm_report_get_type ())

G_DECLARE_FINAL_TYPE (CrmReport, crm_report, CRM, REPORT, GObject)

CrmReport     *crm_report_new                (const char     *name,
                                              const char     *title);
/* The builder's name ("sales", "funnel"…) and the translated title. */
const char    *crm_report_get_name           (CrmReport      *self);
const char    *crm_report_get_title          (CrmReport      *self);

/* Lines under the title: the period ("01/07/2026 – 30/09/2026"), filters. */
void           crm_report_add_subtitle       (CrmReport      *self,
                                              const char     *line);
guint          crm_report_get_n_subtitles    (CrmReport      *self);
const char    *crm_report_get_subtitle       (CrmReport      *self,
                                              guint           index);

/* Summary figures shown above the table; @value is a count, đồng or
 * basis points by @kind (not TEXT or DATE). */
void           crm_report_add_figure         (CrmReport      *self,
                                              const char     *label,
                                              CrmReportKind   kind,
                                              gint64          value);
guint          crm_report_get_n_figures      (CrmReport      *self);
const char    *crm_report_get_figure_label   (CrmReport      *self,
                                              guint           index);
CrmReportKind  crm_report_get_figure_kind    (CrmReport      *self,
                                              guint           index);
gint64         crm_report_get_figure_value   (CrmReport      *self,
                                              guint           index);
char          *crm_report_format_figure      (CrmReport      *self,
                                              guint           index);

/* Columns: @width is a relative width in average characters. */
guint          crm_report_add_column         (CrmReport      *self,
                                              const char     *heading,
                                              CrmReportKind   kind,
                                              double          width);
guint          crm_report_get_n_columns      (CrmReport      *self);
const char    *crm_report_get_column_heading (CrmReport      *self,
                                              guint           column);
CrmReportKind  crm_report_get_column_kind    (CrmReport      *self,
                                              guint           column);
double         crm_report_get_column_width   (CrmReport      *self,
                                              guint           column);

/* Rows: append one, then set its cells; a cell never set is empty. */
guint          crm_report_add_row            (CrmReport      *self);
guint          crm_report_get_n_rows         (CrmReport      *self);
void           crm_report_set_text           (CrmReport      *self,
                                              guint           row,
                                              guint           column,
                                              const char     *text);
void           crm_report_set_number         (CrmReport      *self,
                                              guint           row,
                                              guint           column,
                                              gint64          value);
void           crm_report_set_date           (CrmReport      *self,
                                              guint           row,
                                              guint           column,
                                              const char     *iso_date);
gboolean       crm_report_cell_is_empty      (CrmReport      *self,
                                              guint           row,
                                              guint           column);
/* TEXT and DATE cells (the ISO date); NULL when empty. */
const char    *crm_report_get_text           (CrmReport      *self,
                                              guint           row,
                                              guint           column);
/* INTEGER, MONEY and PERCENT cells; 0 when empty. */
gint64         crm_report_get_number         (CrmReport      *self,
                                              guint           row,
                                              guint           column);
/* The cell as shown: "1.234.567 ₫", "12,5 %", "31/12/2026"; "" when empty. */
char          *crm_report_format_cell        (CrmReport      *self,
                                              guint           row,
                                              guint           column);

/* The chart: @category_column is a TEXT or DATE column, each value
 * column an INTEGER, MONEY or PERCENT one.  By default the chart covers
 * every row; set_chart_rows limits it (e.g. a total row at the end, or
 * the top 15 of a long list). */
void           crm_report_set_chart          (CrmReport      *self,
                                              CrmChartKind    kind,
                                              const char     *title,
                                              guint           category_column,
                                              const guint    *value_columns,
                                              guint           n_value_columns);
void           crm_report_set_chart_rows     (CrmReport      *self,
                                              guint           n_rows);
CrmChartKind   crm_report_get_chart_kind     (CrmReport      *self);
const char    *crm_report_get_chart_title    (CrmReport      *self);
guint          crm_report_get_chart_category (CrmReport      *self);
guint          crm_report_get_chart_n_series (CrmReport      *self);
guint          crm_report_get_chart_series   (CrmReport      *self,
                                              guint           index);
guint          crm_report_get_chart_rows     (CrmReport      *self);

/* Formatting shared by every report writer. */
char          *crm_report_format_value       (CrmReportKind   kind,
                                              gint64          value);
/* Basis points with a sign, for changes: "+12,5 %", "-3 %", "0 %". */
char          *crm_report_format_change      (gint64          basis_points);
/* (@part / @whole) in basis points, rounded; 0 when @whole is 0. */
gint64         crm_report_ratio_bp           (gint64          part,
                                              gint64          whole);

G_END_DECLS
