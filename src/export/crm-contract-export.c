/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-export"

#include "config.h"

#include "crm-contract-export.h"

#include <glib/gi18n-lib.h>

#include "crm-money.h"
#include "crm-text.h"

/* The Contracts section's list as a document: the rows the list shows
 * for the same filter (the same store query, so the same visibility and
 * order), a page at a time, with the filter described under the title.
 * The export itself is audited like any other. */

#define PAGE_SIZE       1000
#define CONTRACT_ENTITY "contract"

enum
{
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_TITLE,
  COLUMN_SIGNED,
  COLUMN_STARTS,
  COLUMN_ENDS,
  COLUMN_VALUE,
  COLUMN_STATUS,
  COLUMN_OWNER,
};

typedef struct
{
  CrmStore          *store;
  CrmSession        *session;
  CrmContractFilter *filter;
} ContractSource;

/* Filter ---------------------------------------------------------------------- */

CrmContractFilter *
crm_contract_filter_new (void)
{
  CrmContractFilter *self = g_new0 (CrmContractFilter, 1);

  self->status = -1;
  self->sort = CRM_CONTRACT_SORT_CODE;
  self->ascending = FALSE;
  return self;
}

CrmContractFilter *
crm_contract_filter_copy (const CrmContractFilter *self)
{
  CrmContractFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->search = g_strdup (self->search);
  return copy;
}

void
crm_contract_filter_free (CrmContractFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->search);
  g_free (self);
}

/* Blank and missing search words are the same filter. */
gboolean
crm_contract_filter_equal (const CrmContractFilter *a,
                           const CrmContractFilter *b)
{
  const char *a_search, *b_search;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  a_search = crm_text_is_blank (a->search) ? NULL : a->search;
  b_search = crm_text_is_blank (b->search) ? NULL : b->search;
  return a->status == b->status && a->sort == b->sort && !a->ascending == !b->ascending &&
         g_strcmp0 (a_search, b_search) == 0;
}

/* Rows ------------------------------------------------------------------------ */

static void
contract_source_free (gpointer data)
{
  ContractSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_clear_pointer (&source->filter, crm_contract_filter_free);
  g_free (source);
}

static GPtrArray *
fetch_rows (gpointer   user_data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  ContractSource *source = user_data;
  const CrmContractFilter *filter = source->filter;

  return crm_contract_store_fetch (source->store, source->session, filter->status, filter->search,
                                   filter->sort, filter->ascending, offset, limit, error);
}

static void
fill_row (gpointer      user_data,
          gpointer      item,
          CrmExportRow *row)
{
  CrmContractRow *contract = item;

  crm_export_row_set_text (row, COLUMN_CODE, contract->code);
  crm_export_row_set_text (row, COLUMN_CUSTOMER, contract->customer_name);
  crm_export_row_set_text (row, COLUMN_TITLE, contract->title);
  crm_export_row_set_date (row, COLUMN_SIGNED, contract->signed_on);
  crm_export_row_set_date (row, COLUMN_STARTS, contract->starts_on);
  crm_export_row_set_date (row, COLUMN_ENDS, contract->ends_on);
  crm_export_row_set_number (row, COLUMN_VALUE, contract->value);
  crm_export_row_set_text (row, COLUMN_STATUS, crm_contract_status_label (contract->status));
  crm_export_row_set_text (row, COLUMN_OWNER, contract->owner_name);
}

/* The title block ------------------------------------------------------------- */

/* "Status: Active; Containing: minh phat", or "All contracts". */
static char *
describe_filter (const CrmContractFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter->status >= 0 && filter->status < CRM_CONTRACT_N_STATUSES)
    g_ptr_array_add (parts, g_strdup_printf ("%s: %s", _("Status"),
                                             crm_contract_status_label ((CrmContractStatus) filter->status)));
  if (!crm_text_is_blank (filter->search))
    g_ptr_array_add (parts, g_strdup_printf ("%s: %s", _("Containing"), filter->search));
  if (parts->len == 0)
    return g_strdup (_("All contracts"));
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
    [COLUMN_CODE] = { N_("Code"), CRM_EXPORT_TEXT, 14 },
    [COLUMN_CUSTOMER] = { N_("Customer"), CRM_EXPORT_TEXT, 26 },
    [COLUMN_TITLE] = { N_("Title"), CRM_EXPORT_TEXT, 30 },
    [COLUMN_SIGNED] = { N_("Signed"), CRM_EXPORT_DATE, 11 },
    [COLUMN_STARTS] = { N_("Start"), CRM_EXPORT_DATE, 11 },
    [COLUMN_ENDS] = { N_("End"), CRM_EXPORT_DATE, 11 },
    [COLUMN_VALUE] = { N_("Value"), CRM_EXPORT_MONEY, 16 },
    [COLUMN_STATUS] = { N_("Status"), CRM_EXPORT_TEXT, 12 },
    [COLUMN_OWNER] = { N_("Owner"), CRM_EXPORT_TEXT, 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind, columns[i].width,
                                 CRM_EXPORT_ALIGN_AUTO);
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_contract_export_table:
 * @filter: (nullable): what the Contracts section shows; %NULL for every
 *   contract @session reads
 *
 * The contracts as a table for any writer, in the list's columns and
 * order, with the company, the filter in words, the count and who
 * exported it when under the title.  Only the contracts of customers
 * @session may see.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_contract_export_table (CrmStore                 *store,
                           CrmSession               *session,
                           const CrmContractFilter  *filter,
                           GError                  **error)
{
  g_autoptr(CrmContractFilter) own_filter = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  ContractSource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  own_filter = filter != NULL ? crm_contract_filter_copy (filter) : crm_contract_filter_new ();
  n_total = crm_contract_store_count (store, session, own_filter->status, own_filter->search, error);
  if (n_total < 0)
    return NULL;

  table = crm_export_table_new (_("Contract list"));
  description = describe_filter (own_filter);
  count = crm_money_format_plain (n_total);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s contract", "%s contracts", n_total), count);
  if (!crm_export_add_title_block (table, store, session, description, count_line, error))
    return NULL;
  add_columns (table);

  source = g_new0 (ContractSource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->filter = g_steal_pointer (&own_filter);
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_rows, fill_row, source, contract_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_contract_export_table (store, session, filter, error);
}

static const CrmExportSpec contract_export = {
  .what = CONTRACT_ENTITY,
  .build = build_table,
  .check = NULL,
};

/**
 * crm_contract_export:
 * @filter: (nullable): what the list shows; %NULL for every contract
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 * @n_rows: (out) (optional): how many contracts were written
 *
 * Writes the contract list to @dest, if @session may export
 * (%CRM_PERMISSION_ERROR otherwise), and records the export in the audit
 * log before the file appears.  On failure @dest is left as it was.
 * Runs in the calling thread; see crm_contract_export_async().
 */
gboolean
crm_contract_export (CrmStore                 *store,
                     CrmSession               *session,
                     const CrmContractFilter  *filter,
                     CrmExportFormat           format,
                     GFile                    *dest,
                     GCancellable             *cancellable,
                     guint64                  *n_rows,
                     GError                  **error)
{
  return crm_export_run (&contract_export, store, session, filter, format, dest, cancellable, n_rows, error);
}

/**
 * crm_contract_export_async:
 *
 * crm_contract_export() without blocking, as crm_export_run_async().
 */
void
crm_contract_export_async (CrmStore                 *store,
                           CrmSession               *session,
                           const CrmContractFilter  *filter,
                           CrmExportFormat           format,
                           GFile                    *dest,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  crm_export_run_async (&contract_export, store, session,
                        filter != NULL ? crm_contract_filter_copy (filter) : crm_contract_filter_new (),
                        (GDestroyNotify) crm_contract_filter_free, format, dest, cancellable,
                        crm_contract_export_async, callback, user_data);
}

/**
 * crm_contract_export_finish:
 * @n_rows: (out) (optional): how many contracts were written
 */
gboolean
crm_contract_export_finish (CrmStore      *store,
                            GAsyncResult  *result,
                            guint64       *n_rows,
                            GError       **error)
{
  return crm_export_run_finish (store, result, crm_contract_export_async, n_rows, error);
}
