/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-order-export"

#include "config.h"

#include "crm-order-export.h"

#include <glib/gi18n-lib.h>

#include "crm-money.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The order list as a document: the rows the orders page shows for the
 * same filter and sort (the same query, so only the orders the user may
 * see), a page at a time, with the filter described under the title.
 * The export itself is audited like any other. */

#define PAGE_SIZE    1000
#define AUDIT_ENTITY "orders"

enum
{
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_DATE,
  COLUMN_PROMISED,
  COLUMN_STATUS,
  COLUMN_TOTAL,
  COLUMN_OWNER,
};

typedef struct
{
  CrmStore       *store;
  CrmSession     *session;
  CrmOrderFilter *filter;
} OrderSource;

/* Rows ------------------------------------------------------------------------ */

static void
order_source_free (gpointer data)
{
  OrderSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_clear_pointer (&source->filter, crm_order_filter_free);
  g_free (source);
}

static GPtrArray *
fetch_rows (gpointer   user_data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  OrderSource *source = user_data;

  return crm_order_store_fetch (source->store, source->session, source->filter, offset, limit, error);
}

static void
fill_row (gpointer      user_data,
          gpointer      item,
          CrmExportRow *row)
{
  CrmOrderRow *order = item;

  crm_export_row_set_text (row, COLUMN_CODE, order->code);
  crm_export_row_set_text (row, COLUMN_CUSTOMER, order->customer_name);
  crm_export_row_set_date (row, COLUMN_DATE, order->order_date);
  if (order->promised_on != NULL)
    crm_export_row_set_date (row, COLUMN_PROMISED, order->promised_on);
  crm_export_row_set_text (row, COLUMN_STATUS, crm_order_status_label (order->status));
  crm_export_row_set_number (row, COLUMN_TOTAL, order->grand_total);
  crm_export_row_set_text (row, COLUMN_OWNER, order->owner_name);
}

/* The title block ------------------------------------------------------------- */

static void
add_part (GPtrArray  *parts,
          const char *label,
          const char *value)
{
  g_ptr_array_add (parts, g_strdup_printf ("%s: %s", label, value));
}

/* "Status: Pending; Period: 01/11/2026 – 30/11/2026; Search: …", or
 * "All orders". */
static char *
describe_filter (const CrmOrderFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!crm_text_is_blank (filter->from_date) && crm_date_parse (filter->from_date, &from_iso, NULL))
    from = crm_date_format (from_iso);
  if (!crm_text_is_blank (filter->to_date) && crm_date_parse (filter->to_date, &to_iso, NULL))
    to = crm_date_format (to_iso);
  if (filter->status >= 0)
    add_part (parts, _("Status"), crm_order_status_label ((CrmOrderStatus) filter->status));
  if (from != NULL || to != NULL)
    {
      g_autofree char *period = g_strdup_printf ("%s – %s", from != NULL ? from : "…", to != NULL ? to : "…");

      add_part (parts, _("Period"), period);
    }
  if (!crm_text_is_blank (filter->search))
    add_part (parts, _("Search"), filter->search);
  if (parts->len == 0)
    return g_strdup (_("All orders"));
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
    [COLUMN_CUSTOMER] = { N_("Customer"), CRM_EXPORT_TEXT, 34 },
    [COLUMN_DATE] = { N_("Order date"), CRM_EXPORT_DATE, 12 },
    [COLUMN_PROMISED] = { N_("Delivery by"), CRM_EXPORT_DATE, 12 },
    [COLUMN_STATUS] = { N_("Delivery"), CRM_EXPORT_TEXT, 16 },
    [COLUMN_TOTAL] = { N_("Total"), CRM_EXPORT_MONEY, 16 },
    [COLUMN_OWNER] = { N_("Owner"), CRM_EXPORT_TEXT, 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind, columns[i].width,
                                 CRM_EXPORT_ALIGN_AUTO);
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_order_export_table:
 * @filter: (nullable): what the orders page shows; %NULL for every order
 *
 * The orders @session may see through @filter, in its order, as a table
 * for any writer: code, customer, order date, promised delivery date,
 * delivery status, total and owner, with the company, the filter in
 * words, the count and who exported it when under the title.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_order_export_table (CrmStore              *store,
                        CrmSession            *session,
                        const CrmOrderFilter  *filter,
                        GError               **error)
{
  g_autoptr(CrmOrderFilter) own_filter = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  OrderSource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  own_filter = filter != NULL ? crm_order_filter_copy (filter) : crm_order_filter_new ();
  if ((n_total = crm_order_store_count (store, session, own_filter, error)) < 0)
    return NULL;

  table = crm_export_table_new (_("Orders"));
  description = describe_filter (own_filter);
  count = crm_money_format_plain (n_total);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", n_total), count);
  if (!crm_export_add_title_block (table, store, session, description, count_line, error))
    return NULL;
  add_columns (table);

  source = g_new0 (OrderSource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->filter = g_steal_pointer (&own_filter);
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_rows, fill_row, source, order_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_order_export_table (store, session, filter, error);
}

/* A filter the store refuses (a date that is not one) before any file. */
static gboolean
check_filter (CrmStore       *store,
              CrmSession     *session,
              gconstpointer   filter,
              GError        **error)
{
  return crm_order_store_count (store, session, filter, error) >= 0;
}

static const CrmExportSpec order_export = {
  .what = AUDIT_ENTITY,
  .build = build_table,
  .check = check_filter,
};

/**
 * crm_order_export:
 * @filter: (nullable): what the orders page shows; %NULL for every order
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 * @n_rows: (out) (optional): how many orders were written
 *
 * Writes the orders to @dest, if @session may export, and records the
 * export in the audit log before the file appears.  On failure @dest is
 * left as it was.  Runs in the calling thread; see
 * crm_order_export_async().
 */
gboolean
crm_order_export (CrmStore              *store,
                  CrmSession            *session,
                  const CrmOrderFilter  *filter,
                  CrmExportFormat        format,
                  GFile                 *dest,
                  GCancellable          *cancellable,
                  guint64               *n_rows,
                  GError               **error)
{
  return crm_export_run (&order_export, store, session, filter, format, dest, cancellable, n_rows, error);
}

/**
 * crm_order_export_async:
 *
 * crm_order_export() without blocking, as crm_export_run_async().
 */
void
crm_order_export_async (CrmStore              *store,
                        CrmSession            *session,
                        const CrmOrderFilter  *filter,
                        CrmExportFormat        format,
                        GFile                 *dest,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  crm_export_run_async (&order_export, store, session,
                        filter != NULL ? crm_order_filter_copy (filter) : crm_order_filter_new (),
                        (GDestroyNotify) crm_order_filter_free, format, dest, cancellable,
                        crm_order_export_async, callback, user_data);
}

/**
 * crm_order_export_finish:
 * @n_rows: (out) (optional): how many orders were written
 */
gboolean
crm_order_export_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         guint64       *n_rows,
                         GError       **error)
{
  return crm_export_run_finish (store, result, crm_order_export_async, n_rows, error);
}
