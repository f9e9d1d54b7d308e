/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-opportunity-export"

#include "config.h"

#include "crm-opportunity-export.h"

#include <glib/gi18n-lib.h>

#include "crm-export-lookup.h"
#include "crm-money.h"
#include "crm-text.h"

/* The opportunity list as a document: the rows the list shows for the
 * same filter (the same query, so the same visibility and order), a page
 * at a time, with the filter described under the title.  The export
 * itself is audited like any other. */

#define PAGE_SIZE          1000
#define OPPORTUNITY_ENTITY "opportunity"

enum
{
  COLUMN_TITLE,
  COLUMN_CUSTOMER,
  COLUMN_STAGE,
  COLUMN_VALUE,
  COLUMN_PROBABILITY,
  COLUMN_CLOSE,
  COLUMN_OWNER,
};

typedef struct
{
  CrmStore             *store;
  CrmSession           *session;
  CrmOpportunityFilter *filter;
} OpportunitySource;

/* Rows ------------------------------------------------------------------------ */

static void
opportunity_source_free (gpointer data)
{
  OpportunitySource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_clear_pointer (&source->filter, crm_opportunity_filter_free);
  g_free (source);
}

static GPtrArray *
fetch_opportunities (gpointer   user_data,
                     guint      offset,
                     guint      limit,
                     GError   **error)
{
  OpportunitySource *source = user_data;

  return crm_opportunity_store_fetch (source->store, source->session, source->filter, offset, limit, error);
}

static void
fill_opportunity (gpointer      user_data,
                  gpointer      item,
                  CrmExportRow *row)
{
  CrmOpportunity *opportunity = item;
  g_autofree char *probability = crm_rate_format (opportunity->probability_bp);

  crm_export_row_set_text (row, COLUMN_TITLE, opportunity->title);
  crm_export_row_set_text (row, COLUMN_CUSTOMER, opportunity->customer_name);
  crm_export_row_set_text (row, COLUMN_STAGE, crm_opportunity_stage_label (opportunity->stage));
  crm_export_row_set_number (row, COLUMN_VALUE, opportunity->expected_value);
  crm_export_row_set_text (row, COLUMN_PROBABILITY, probability);
  if (opportunity->expected_close != NULL)
    crm_export_row_set_date (row, COLUMN_CLOSE, opportunity->expected_close);
  if (opportunity->owner_name != NULL)
    crm_export_row_set_text (row, COLUMN_OWNER, opportunity->owner_name);
}

/* The title block ------------------------------------------------------------- */

static void
add_part (GPtrArray  *parts,
          const char *label,
          const char *value)
{
  g_ptr_array_add (parts, g_strdup_printf ("%s: %s", label, value));
}

/* "Stage: Proposal; Owner: …; Search: …", or "All opportunities". */
static char *
describe_filter (CrmStore                    *store,
                 const CrmOpportunityFilter  *filter,
                 GError                     **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter->stage >= 0)
    add_part (parts, _("Stage"), crm_opportunity_stage_label ((CrmOpportunityStage) filter->stage));
  if (filter->owner_id > 0)
    {
      g_autofree char *name = crm_export_lookup_user_name (store, filter->owner_id, error);

      if (name == NULL)
        return NULL;
      add_part (parts, _("Owner"), name);
    }
  if (!crm_text_is_blank (filter->search))
    add_part (parts, _("Search"), filter->search);
  if (parts->len == 0)
    return g_strdup (_("All opportunities"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
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
    [COLUMN_TITLE] = { N_("Title"), CRM_EXPORT_TEXT, 30 },
    [COLUMN_CUSTOMER] = { N_("Customer"), CRM_EXPORT_TEXT, 28 },
    [COLUMN_STAGE] = { N_("Stage"), CRM_EXPORT_TEXT, 14 },
    [COLUMN_VALUE] = { N_("Expected value"), CRM_EXPORT_MONEY, 16 },
    [COLUMN_PROBABILITY] = { N_("Probability"), CRM_EXPORT_TEXT, 10 },
    [COLUMN_CLOSE] = { N_("Expected close"), CRM_EXPORT_DATE, 12 },
    [COLUMN_OWNER] = { N_("Owner"), CRM_EXPORT_TEXT, 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind, columns[i].width,
                                 i == COLUMN_PROBABILITY ? CRM_EXPORT_ALIGN_END : CRM_EXPORT_ALIGN_AUTO);
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_opportunity_export_table:
 * @filter: (nullable): what the list shows; %NULL for every opportunity
 *
 * The opportunities @session reads through @filter as a table for any
 * writer: title, customer, stage, expected value, probability, expected
 * close and owner, in the list's order, with the company, the filter in
 * words, the count and who exported it when under the title.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_opportunity_export_table (CrmStore                    *store,
                              CrmSession                  *session,
                              const CrmOpportunityFilter  *filter,
                              GError                     **error)
{
  g_autoptr(CrmOpportunityFilter) own_filter = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  OpportunitySource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  own_filter = filter != NULL ? crm_opportunity_filter_copy (filter) : crm_opportunity_filter_new ();
  if ((n_total = crm_opportunity_store_count (store, session, own_filter, error)) < 0 ||
      !(description = describe_filter (store, own_filter, error)))
    return NULL;

  table = crm_export_table_new (_("Opportunities"));
  count = crm_money_format_plain (n_total);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s opportunity", "%s opportunities", n_total),
                                count);
  if (!crm_export_add_title_block (table, store, session, description, count_line, error))
    return NULL;
  add_columns (table);

  source = g_new0 (OpportunitySource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->filter = g_steal_pointer (&own_filter);
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_opportunities, fill_opportunity, source,
                                     opportunity_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_opportunity_export_table (store, session, filter, error);
}

static const CrmExportSpec opportunity_export = {
  .what = OPPORTUNITY_ENTITY,
  .build = build_table,
  .check = NULL,
};

/**
 * crm_opportunity_export:
 * @filter: (nullable): what the list shows; %NULL for every opportunity
 * @n_rows: (out) (optional): how many opportunities were written
 *
 * Writes the opportunities to @dest, if @session may export, and records
 * the export in the audit log before the file appears.  On failure @dest
 * is left as it was.  Runs in the calling thread; see
 * crm_opportunity_export_async().
 */
gboolean
crm_opportunity_export (CrmStore                    *store,
                        CrmSession                  *session,
                        const CrmOpportunityFilter  *filter,
                        CrmExportFormat              format,
                        GFile                       *dest,
                        GCancellable                *cancellable,
                        guint64                     *n_rows,
                        GError                     **error)
{
  return crm_export_run (&opportunity_export, store, session, filter, format, dest, cancellable, n_rows, error);
}

/**
 * crm_opportunity_export_async:
 *
 * crm_opportunity_export() without blocking, as crm_export_run_async().
 */
void
crm_opportunity_export_async (CrmStore                    *store,
                              CrmSession                  *session,
                              const CrmOpportunityFilter  *filter,
                              CrmExportFormat              format,
                              GFile                       *dest,
                              GCancellable                *cancellable,
                              GAsyncReadyCallback          callback,
                              gpointer                     user_data)
{
  crm_export_run_async (&opportunity_export, store, session,
                        filter != NULL ? crm_opportunity_filter_copy (filter) : crm_opportunity_filter_new (),
                        (GDestroyNotify) crm_opportunity_filter_free, format, dest, cancellable,
                        crm_opportunity_export_async, callback, user_data);
}

/**
 * crm_opportunity_export_finish:
 * @n_rows: (out) (optional): how many opportunities were written
 */
gboolean
crm_opportunity_export_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               guint64       *n_rows,
                               GError       **error)
{
  return crm_export_run_finish (store, result, crm_opportunity_export_async, n_rows, error);
}
