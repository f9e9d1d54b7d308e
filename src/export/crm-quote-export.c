/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote-export"

#include "config.h"

#include "crm-quote-export.h"

#include <glib/gi18n-lib.h>

#include "crm-money.h"
#include "crm-text.h"

/* The list of quotes as a document: the rows the Quotes page shows for
 * the same filter (the same query, so the same visibility and order), a
 * page at a time, with the filter described under the title. */

#define PAGE_SIZE    1000
#define QUOTE_ENTITY "quote"

enum
{
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_ISSUE_DATE,
  COLUMN_VALID_UNTIL,
  COLUMN_STATUS,
  COLUMN_REVISION,
  COLUMN_TOTAL,
  COLUMN_OWNER,
};

typedef struct
{
  CrmStore       *store;
  CrmSession     *session;
  CrmQuoteFilter *filter;
} QuoteSource;

static void
quote_source_free (gpointer data)
{
  QuoteSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_clear_pointer (&source->filter, crm_quote_filter_free);
  g_free (source);
}

static GPtrArray *
fetch_rows (gpointer   user_data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  QuoteSource *source = user_data;

  return crm_quote_store_fetch_filtered (source->store, source->session, source->filter, offset, limit, error);
}

static void
fill_row (gpointer      user_data,
          gpointer      item,
          CrmExportRow *row)
{
  CrmQuoteRow *quote = item;

  crm_export_row_set_text (row, COLUMN_CODE, quote->code);
  crm_export_row_set_text (row, COLUMN_CUSTOMER, quote->customer_name);
  if (quote->issue_date != NULL)
    crm_export_row_set_date (row, COLUMN_ISSUE_DATE, quote->issue_date);
  if (quote->valid_until != NULL)
    crm_export_row_set_date (row, COLUMN_VALID_UNTIL, quote->valid_until);
  crm_export_row_set_text (row, COLUMN_STATUS, crm_quote_status_label (quote->status));
  crm_export_row_set_number (row, COLUMN_REVISION, quote->revision);
  crm_export_row_set_number (row, COLUMN_TOTAL, quote->grand_total);
  crm_export_row_set_text (row, COLUMN_OWNER, quote->owner_name);
}

/* "Status: Sent; Search: minh phat", or "All quotes". */
static char *
describe_filter (const CrmQuoteFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter->status >= 0)
    g_ptr_array_add (parts, g_strdup_printf ("%s: %s", _("Status"),
                                             crm_quote_status_label ((CrmQuoteStatus) filter->status)));
  if (!crm_text_is_blank (filter->search))
    g_ptr_array_add (parts, g_strdup_printf ("%s: %s", _("Search"), filter->search));
  if (parts->len == 0)
    return g_strdup (_("All quotes"));
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
    [COLUMN_CODE] = { N_("Code"), CRM_EXPORT_TEXT, 15 },
    [COLUMN_CUSTOMER] = { N_("Customer"), CRM_EXPORT_TEXT, 32 },
    [COLUMN_ISSUE_DATE] = { N_("Issue date"), CRM_EXPORT_DATE, 12 },
    [COLUMN_VALID_UNTIL] = { N_("Valid until"), CRM_EXPORT_DATE, 12 },
    [COLUMN_STATUS] = { N_("Status"), CRM_EXPORT_TEXT, 13 },
    [COLUMN_REVISION] = { N_("Revision"), CRM_EXPORT_INTEGER, 9 },
    [COLUMN_TOTAL] = { N_("Total"), CRM_EXPORT_MONEY, 17 },
    [COLUMN_OWNER] = { N_("Owner"), CRM_EXPORT_TEXT, 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind, columns[i].width,
                                 CRM_EXPORT_ALIGN_AUTO);
}

/**
 * crm_quote_export_table:
 * @filter: (nullable): what the Quotes page shows; %NULL for every quote
 *
 * The quotes @session sees through @filter as a table for any writer:
 * code, customer, issue date, validity, status, revision, grand total and
 * owner, in the page's order, with the company, the filter in words, the
 * count and who exported it when under the title.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_quote_export_table (CrmStore              *store,
                        CrmSession            *session,
                        const CrmQuoteFilter  *filter,
                        GError               **error)
{
  g_autoptr(CrmQuoteFilter) own_filter = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  QuoteSource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  own_filter = filter != NULL ? crm_quote_filter_copy (filter) : crm_quote_filter_new ();
  if ((n_total = crm_quote_store_count_filtered (store, session, own_filter, error)) < 0)
    return NULL;

  table = crm_export_table_new (_("Quotes"));
  description = describe_filter (own_filter);
  count = crm_money_format_plain (n_total);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s quote", "%s quotes", n_total), count);
  if (!crm_export_add_title_block (table, store, session, description, count_line, error))
    return NULL;
  add_columns (table);

  source = g_new0 (QuoteSource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->filter = g_steal_pointer (&own_filter);
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_rows, fill_row, source, quote_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_quote_export_table (store, session, filter, error);
}

static const CrmExportSpec quote_export = {
  .what = QUOTE_ENTITY,
  .build = build_table,
  .check = NULL,
};

/**
 * crm_quote_export:
 * @filter: (nullable): what the Quotes page shows; %NULL for every quote
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 * @n_rows: (out) (optional): how many quotes were written
 *
 * Writes the list of quotes to @dest, if @session may export
 * (%CRM_PERMISSION_ERROR otherwise), and records the export in the audit
 * log before the file appears.  On failure @dest is left as it was.  Runs
 * in the calling thread; see crm_quote_export_async().
 */
gboolean
crm_quote_export (CrmStore              *store,
                  CrmSession            *session,
                  const CrmQuoteFilter  *filter,
                  CrmExportFormat        format,
                  GFile                 *dest,
                  GCancellable          *cancellable,
                  guint64               *n_rows,
                  GError               **error)
{
  g_autoptr(CrmQuoteFilter) own_filter = filter != NULL ? crm_quote_filter_copy (filter) : crm_quote_filter_new ();

  return crm_export_run (&quote_export, store, session, own_filter, format, dest, cancellable, n_rows, error);
}

/**
 * crm_quote_export_async:
 *
 * crm_quote_export() without blocking, as crm_export_run_async().
 */
void
crm_quote_export_async (CrmStore              *store,
                        CrmSession            *session,
                        const CrmQuoteFilter  *filter,
                        CrmExportFormat        format,
                        GFile                 *dest,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  crm_export_run_async (&quote_export, store, session,
                        filter != NULL ? crm_quote_filter_copy (filter) : crm_quote_filter_new (),
                        (GDestroyNotify) crm_quote_filter_free, format, dest, cancellable,
                        crm_quote_export_async, callback, user_data);
}

/**
 * crm_quote_export_finish:
 * @n_rows: (out) (optional): how many quotes were written
 */
gboolean
crm_quote_export_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         guint64       *n_rows,
                         GError       **error)
{
  return crm_export_run_finish (store, result, crm_quote_export_async, n_rows, error);
}
