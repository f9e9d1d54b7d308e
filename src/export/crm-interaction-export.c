/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction-export"

#include "config.h"

#include "crm-interaction-export.h"

#include <glib/gi18n-lib.h>

#include "crm-interaction-list.h"
#include "crm-money.h"

/* The customers' history as a document: every entry the session may read
 * (crm-interaction-list.c applies the visibility), a page at a time,
 * with the period under the title. */

#define PAGE_SIZE          1000
#define INTERACTION_ENTITY "interaction"

enum
{
  COLUMN_OCCURRED,
  COLUMN_CUSTOMER,
  COLUMN_KIND,
  COLUMN_CHANNEL,
  COLUMN_SUMMARY,
  COLUMN_OUTCOME,
  COLUMN_NEXT_DUE,
  COLUMN_USER,
};

/* What the export reads: a copy of the period, or none for all entries. */
typedef struct
{
  gboolean  has_period;
  CrmPeriod period;
} InteractionFilter;

typedef struct
{
  CrmStore          *store;
  CrmSession        *session;
  InteractionFilter  filter;
} InteractionSource;

static InteractionFilter *
interaction_filter_new (const CrmPeriod *period)
{
  InteractionFilter *filter = g_new0 (InteractionFilter, 1);

  if (period != NULL)
    {
      filter->has_period = TRUE;
      filter->period = *period;
    }
  return filter;
}

static const CrmPeriod *
interaction_filter_get_period (const InteractionFilter *filter)
{
  return filter->has_period ? &filter->period : NULL;
}

static void
interaction_source_free (gpointer data)
{
  InteractionSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_free (source);
}

static GPtrArray *
fetch_rows (gpointer   user_data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  InteractionSource *source = user_data;

  return crm_interaction_list_fetch (source->store, source->session,
                                     interaction_filter_get_period (&source->filter),
                                     offset, limit, error);
}

static void
fill_row (gpointer      user_data,
          gpointer      item,
          CrmExportRow *row)
{
  CrmInteraction *interaction = item;
  g_autoptr(GDateTime) occurred = crm_interaction_dup_occurred_local (interaction);
  const char *next_due = crm_interaction_get_next_due_on (interaction);

  if (occurred != NULL)
    crm_export_row_set_datetime (row, COLUMN_OCCURRED, occurred);
  crm_export_row_set_text (row, COLUMN_CUSTOMER, crm_interaction_get_customer_name (interaction));
  crm_export_row_set_text (row, COLUMN_KIND, crm_interaction_kind_label (crm_interaction_get_kind (interaction)));
  crm_export_row_set_text (row, COLUMN_CHANNEL, crm_interaction_get_channel (interaction));
  crm_export_row_set_text (row, COLUMN_SUMMARY, crm_interaction_get_summary (interaction));
  crm_export_row_set_text (row, COLUMN_OUTCOME, crm_interaction_get_outcome (interaction));
  if (next_due != NULL)
    crm_export_row_set_date (row, COLUMN_NEXT_DUE, next_due);
  crm_export_row_set_text (row, COLUMN_USER, crm_interaction_get_user_name (interaction));
}

static void
add_columns (CrmExportTable *table)
{
  static const struct
  {
    const char    *heading;
    CrmExportKind  kind;
    double         width;
  } columns[] = {
    [COLUMN_OCCURRED] = { N_("Date"), CRM_EXPORT_DATETIME, 17 },
    [COLUMN_CUSTOMER] = { N_("Customer"), CRM_EXPORT_TEXT, 30 },
    [COLUMN_KIND] = { N_("Kind"), CRM_EXPORT_TEXT, 16 },
    [COLUMN_CHANNEL] = { N_("Channel"), CRM_EXPORT_TEXT, 12 },
    [COLUMN_SUMMARY] = { N_("Summary"), CRM_EXPORT_TEXT, 40 },
    [COLUMN_OUTCOME] = { N_("Outcome"), CRM_EXPORT_TEXT, 28 },
    [COLUMN_NEXT_DUE] = { N_("Next contact"), CRM_EXPORT_DATE, 12 },
    [COLUMN_USER] = { N_("Staff member"), CRM_EXPORT_TEXT, 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind, columns[i].width,
                                 CRM_EXPORT_ALIGN_AUTO);
}

static CrmExportTable *
build_table (CrmStore         *store,
             CrmSession       *session,
             const CrmPeriod  *period,
             GError          **error)
{
  g_autoptr(CrmExportTable) table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  InteractionSource *source;
  gint64 n_total;

  if ((n_total = crm_interaction_list_count (store, session, period, error)) < 0)
    return NULL;

  table = crm_export_table_new (_("Customer interactions"));
  if (period != NULL)
    {
      g_autofree char *formatted = crm_period_format (period);
      description = g_strdup_printf ("%s: %s", _("Period"), formatted);
    }
  else
    description = g_strdup (_("All interactions"));
  count = crm_money_format_plain (n_total);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s interaction", "%s interactions", n_total),
                                count);
  if (!crm_export_add_title_block (table, store, session, description, count_line, error))
    return NULL;
  add_columns (table);

  source = g_new0 (InteractionSource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  if (period != NULL)
    {
      source->filter.has_period = TRUE;
      source->filter.period = *period;
    }
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_rows, fill_row, source,
                                     interaction_source_free);
  return g_steal_pointer (&table);
}

/**
 * crm_interaction_export_table:
 * @period: (nullable): only the entries of these days
 *
 * The history entries @session may read as a table for any writer, with
 * the company, the period, the count and who exported it when under the
 * title.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_interaction_export_table (CrmStore         *store,
                              CrmSession       *session,
                              const CrmPeriod  *period,
                              GError          **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return build_table (store, session, period, error);
}

static CrmExportTable *
build_spec_table (CrmStore       *store,
                  CrmSession     *session,
                  gconstpointer   filter,
                  GError        **error)
{
  return build_table (store, session, interaction_filter_get_period (filter), error);
}

static const CrmExportSpec interaction_export = {
  .what = INTERACTION_ENTITY,
  .build = build_spec_table,
  .check = NULL,
};

/**
 * crm_interaction_export:
 * @period: (nullable): only the entries of these days
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 * @n_rows: (out) (optional): how many entries were written
 *
 * Writes the history entries to @dest, if @session may export
 * (%CRM_PERMISSION_ERROR otherwise), and records the export in the audit
 * log before the file appears.  On failure @dest is left as it was.
 */
gboolean
crm_interaction_export (CrmStore         *store,
                        CrmSession       *session,
                        const CrmPeriod  *period,
                        CrmExportFormat   format,
                        GFile            *dest,
                        GCancellable     *cancellable,
                        guint64          *n_rows,
                        GError          **error)
{
  g_autofree InteractionFilter *filter = interaction_filter_new (period);

  return crm_export_run (&interaction_export, store, session, filter, format, dest, cancellable,
                         n_rows, error);
}

/**
 * crm_interaction_export_async:
 *
 * crm_interaction_export() without blocking, as crm_export_run_async().
 */
void
crm_interaction_export_async (CrmStore            *store,
                              CrmSession          *session,
                              const CrmPeriod     *period,
                              CrmExportFormat      format,
                              GFile               *dest,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  crm_export_run_async (&interaction_export, store, session, interaction_filter_new (period), g_free,
                        format, dest, cancellable, crm_interaction_export_async, callback, user_data);
}

/**
 * crm_interaction_export_finish:
 * @n_rows: (out) (optional): how many entries were written
 */
gboolean
crm_interaction_export_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               guint64       *n_rows,
                               GError       **error)
{
  return crm_export_run_finish (store, result, crm_interaction_export_async, n_rows, error);
}
