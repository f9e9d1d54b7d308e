/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-export"

#include "config.h"

#include "crm-report-export.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-money.h"

/* A built report (crm-report.h) as a document: its title, period and
 * filters, who exported it when and its summary figures above the
 * table, its typed cells for the writers to show their own way, and its
 * chart (a native chart in the workbook, a drawing on the PDF's first
 * page).  The report was built already, on the session's visibility;
 * exporting it checks the export permission and is audited like any
 * other export. */

#define REPORT_ENTITY "report"

typedef struct
{
  CrmReport *report;
  guint      next;
} RowSource;

static void
row_source_free (gpointer data)
{
  RowSource *source = data;

  g_object_unref (source->report);
  g_free (source);
}

static CrmExportKind
export_kind (CrmReportKind kind)
{
  switch (kind)
    {
    case CRM_REPORT_INTEGER:
      return CRM_EXPORT_INTEGER;
    case CRM_REPORT_MONEY:
      return CRM_EXPORT_MONEY;
    case CRM_REPORT_PERCENT:
      return CRM_EXPORT_PERCENT;
    case CRM_REPORT_DATE:
      return CRM_EXPORT_DATE;
    case CRM_REPORT_TEXT:
    default:
      return CRM_EXPORT_TEXT;
    }
}

static gboolean
next_row (gpointer       user_data,
          CrmExportRow  *row,
          GError       **error)
{
  RowSource *source = user_data;
  CrmReport *report = source->report;
  guint r = source->next;

  if (r >= crm_report_get_n_rows (report))
    return FALSE;
  source->next++;
  for (guint c = 0; c < crm_report_get_n_columns (report); c++)
    {
      if (crm_report_cell_is_empty (report, r, c))
        continue;
      switch (crm_report_get_column_kind (report, c))
        {
        case CRM_REPORT_INTEGER:
        case CRM_REPORT_MONEY:
        case CRM_REPORT_PERCENT:
          crm_export_row_set_number (row, c, crm_report_get_number (report, r, c));
          break;
        case CRM_REPORT_DATE:
          crm_export_row_set_date (row, c, crm_report_get_text (report, r, c));
          break;
        case CRM_REPORT_TEXT:
        default:
          crm_export_row_set_text (row, c, crm_report_get_text (report, r, c));
          break;
        }
    }
  return TRUE;
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_report_export_table:
 * @report: a built report
 *
 * @report as a table for any writer: under its title the company, the
 * report's subtitles (period, filters) on one line, the number of rows,
 * who exported it when, then one line per summary figure ("Revenue:
 * 1.234.567 ₫"); the report's columns and rows one for one; its chart.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 *   (%CRM_VALIDATION_ERROR_REQUIRED for a report without columns)
 */
CrmExportTable *
crm_report_export_table (CrmReport   *report,
                         CrmStore    *store,
                         CrmSession  *session,
                         GError     **error)
{
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  guint n_rows;
  RowSource *source;

  g_return_val_if_fail (CRM_IS_REPORT (report), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  /* Every writer needs a column to lay rows out in. */
  if (crm_report_get_n_columns (report) == 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("The report has no columns."));
      return NULL;
    }
  for (guint i = 0; i < crm_report_get_n_subtitles (report); i++)
    {
      if (description->len > 0)
        g_string_append (description, " · ");
      g_string_append (description, crm_report_get_subtitle (report, i));
    }
  if (description->len == 0)
    g_string_append (description, crm_report_get_title (report));
  n_rows = crm_report_get_n_rows (report);
  count = crm_money_format_plain (n_rows);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", n_rows), count);

  table = crm_export_table_new (crm_report_get_title (report));
  if (!crm_export_add_title_block (table, store, session, description->str, count_line, error))
    return NULL;
  for (guint i = 0; i < crm_report_get_n_figures (report); i++)
    {
      g_autofree char *value = crm_report_format_figure (report, i);
      /* TRANSLATORS: a report's summary figure under its title, e.g.
       * "Revenue: 1.234.567 ₫" */
      g_autofree char *line = g_strdup_printf (_("%s: %s"), crm_report_get_figure_label (report, i), value);

      crm_export_table_add_subtitle (table, line);
    }
  for (guint c = 0; c < crm_report_get_n_columns (report); c++)
    crm_export_table_add_column (table, crm_report_get_column_heading (report, c),
                                 export_kind (crm_report_get_column_kind (report, c)),
                                 MAX (crm_report_get_column_width (report, c), 1), CRM_EXPORT_ALIGN_AUTO);
  crm_export_table_set_report_chart (table, report);

  source = g_new0 (RowSource, 1);
  source->report = g_object_ref (report);
  crm_export_table_set_source (table, next_row, source, row_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_report_export_table (CRM_REPORT ((gpointer) filter), store, session, error);
}

static const CrmExportSpec report_export = {
  .what = REPORT_ENTITY,
  .build = build_table,
  .check = NULL,
};

/**
 * crm_report_export:
 * @report: a built report
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 *
 * Writes @report to @dest, if @session may export
 * (%CRM_PERMISSION_ERROR otherwise), and records the export in the audit
 * log before the file appears.  On failure or cancel @dest is left as it
 * was and no temporary file remains.  Runs in the calling thread; see
 * crm_report_export_async().
 */
gboolean
crm_report_export (CrmReport        *report,
                   CrmStore         *store,
                   CrmSession       *session,
                   CrmExportFormat   format,
                   GFile            *dest,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_return_val_if_fail (CRM_IS_REPORT (report), FALSE);

  return crm_export_run (&report_export, store, session, report, format, dest, cancellable, NULL, error);
}

/**
 * crm_report_export_async:
 *
 * crm_report_export() without blocking: the file is written in a worker
 * thread (@report is only read there), the audit row and the file's
 * appearance follow in the caller's thread; see crm_export_run_async().
 */
void
crm_report_export_async (CrmReport            *report,
                         CrmStore             *store,
                         CrmSession           *session,
                         CrmExportFormat       format,
                         GFile                *dest,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_return_if_fail (CRM_IS_REPORT (report));

  crm_export_run_async (&report_export, store, session, g_object_ref (report), g_object_unref,
                        format, dest, cancellable, crm_report_export_async, callback, user_data);
}

gboolean
crm_report_export_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return crm_export_run_finish (store, result, crm_report_export_async, NULL, error);
}
