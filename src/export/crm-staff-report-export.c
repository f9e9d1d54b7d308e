/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-staff-report-export"

#include "config.h"

#include "crm-staff-report-export.h"

#include <glib/gi18n-lib.h>

#include "crm-money.h"
#include "crm-staff-report.h"
#include "crm-validate.h"

/* The staff work report as a document: the rows the page shows for the
 * same period (the same query, so the same visibility), with the period
 * under the title.  The export itself is audited like any other. */

#define REPORT_ENTITY "staff_report"

enum
{
  COLUMN_STAFF,
  COLUMN_PLANNED,
  COLUMN_DONE,
  COLUMN_OVERDUE,
  COLUMN_INTERACTIONS,
  COLUMN_QUOTES,
  COLUMN_CASES,
};

/* The filter handed to the export machinery. */
typedef struct
{
  char *from_day;
  char *to_day;
} Period;

typedef struct
{
  GPtrArray *rows;   /* CrmStaffReportRow */
  guint      next;
} RowSource;

static Period *
period_new (const char *from_day,
            const char *to_day)
{
  Period *period = g_new0 (Period, 1);

  period->from_day = g_strdup (from_day);
  period->to_day = g_strdup (to_day);
  return period;
}

static void
period_free (gpointer data)
{
  Period *period = data;

  g_free (period->from_day);
  g_free (period->to_day);
  g_free (period);
}

static void
row_source_free (gpointer data)
{
  RowSource *source = data;

  g_ptr_array_unref (source->rows);
  g_free (source);
}

static gboolean
next_row (gpointer       user_data,
          CrmExportRow  *row,
          GError       **error)
{
  RowSource *source = user_data;
  const CrmStaffReportRow *item;

  if (source->next >= source->rows->len)
    return FALSE;
  item = g_ptr_array_index (source->rows, source->next++);
  crm_export_row_set_text (row, COLUMN_STAFF, item->full_name);
  crm_export_row_set_number (row, COLUMN_PLANNED, item->events_planned);
  crm_export_row_set_number (row, COLUMN_DONE, item->events_done);
  crm_export_row_set_number (row, COLUMN_OVERDUE, item->tasks_overdue);
  crm_export_row_set_number (row, COLUMN_INTERACTIONS, item->interactions);
  crm_export_row_set_number (row, COLUMN_QUOTES, item->quotes_sent);
  crm_export_row_set_number (row, COLUMN_CASES, item->cases_resolved);
  return TRUE;
}

static void
add_columns (CrmExportTable *table)
{
  static const struct
  {
    const char *heading;
    double      width;
  } columns[] = {
    [COLUMN_STAFF] = { N_("Staff member"), 26 },
    [COLUMN_PLANNED] = { N_("Events planned"), 12 },
    [COLUMN_DONE] = { N_("Events done"), 12 },
    [COLUMN_OVERDUE] = { N_("Tasks overdue"), 12 },
    [COLUMN_INTERACTIONS] = { N_("Interactions"), 12 },
    [COLUMN_QUOTES] = { N_("Quotes sent"), 12 },
    [COLUMN_CASES] = { N_("Care cases resolved"), 14 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading),
                                 i == COLUMN_STAFF ? CRM_EXPORT_TEXT : CRM_EXPORT_INTEGER,
                                 columns[i].width, CRM_EXPORT_ALIGN_AUTO);
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_staff_report_export_table:
 * @from_day: the first day of the period, "yyyy-MM-dd"
 * @to_day: the last day of the period, "yyyy-MM-dd", included
 *
 * The staff work report as a table for any writer, with the company, the
 * period, the number of staff and who exported it when under the title.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_staff_report_export_table (CrmStore    *store,
                               CrmSession  *session,
                               const char  *from_day,
                               const char  *to_day,
                               GError     **error)
{
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  RowSource *source;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(rows = crm_staff_report_build (store, session, from_day, to_day, error)))
    return NULL;
  from = crm_date_format (from_day);
  to = crm_date_format (to_day);
  period = g_strdup_printf ("%s: %s – %s", _("Period"), from, to);
  count = crm_money_format_plain (rows->len);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s staff member", "%s staff members", rows->len),
                                count);

  table = crm_export_table_new (_("Staff work report"));
  if (!crm_export_add_title_block (table, store, session, period, count_line, error))
    return NULL;
  add_columns (table);
  source = g_new0 (RowSource, 1);
  source->rows = g_steal_pointer (&rows);
  crm_export_table_set_source (table, next_row, source, row_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  const Period *period = filter;

  return crm_staff_report_export_table (store, session, period->from_day, period->to_day, error);
}

static const CrmExportSpec staff_report_export = {
  .what = REPORT_ENTITY,
  .build = build_table,
  .check = NULL,
};

/**
 * crm_staff_report_export:
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 * @n_rows: (out) (optional): how many staff rows were written
 *
 * Writes the staff work report to @dest, if @session may export, and
 * records the export in the audit log before the file appears.  On
 * failure @dest is left as it was.  Runs in the calling thread; see
 * crm_staff_report_export_async().
 */
gboolean
crm_staff_report_export (CrmStore         *store,
                         CrmSession       *session,
                         const char       *from_day,
                         const char       *to_day,
                         CrmExportFormat   format,
                         GFile            *dest,
                         GCancellable     *cancellable,
                         guint64          *n_rows,
                         GError          **error)
{
  Period period = { (char *) from_day, (char *) to_day };

  return crm_export_run (&staff_report_export, store, session, &period, format, dest, cancellable, n_rows, error);
}

/**
 * crm_staff_report_export_async:
 *
 * crm_staff_report_export() without blocking, as crm_export_run_async().
 */
void
crm_staff_report_export_async (CrmStore             *store,
                               CrmSession           *session,
                               const char           *from_day,
                               const char           *to_day,
                               CrmExportFormat       format,
                               GFile                *dest,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  crm_export_run_async (&staff_report_export, store, session, period_new (from_day, to_day), period_free,
                        format, dest, cancellable, crm_staff_report_export_async, callback, user_data);
}

/**
 * crm_staff_report_export_finish:
 * @n_rows: (out) (optional): how many staff rows were written
 */
gboolean
crm_staff_report_export_finish (CrmStore      *store,
                                GAsyncResult  *result,
                                guint64       *n_rows,
                                GError       **error)
{
  return crm_export_run_finish (store, result, crm_staff_report_export_async, n_rows, error);
}
