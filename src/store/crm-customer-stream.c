/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-stream"

#include "config.h"

#include "crm-customer-stream.h"

#include "crm-customer.h"
#include "crm-customer-query-private.h"

/* The customer list read once, front to back, for exports: the same
 * filter, visibility and order as the list (crm-customer-query.c), but
 * one statement stepped through every row instead of a query per page,
 * with each customer's main phone read alongside.  A page query re-sorts
 * and skips everything before its OFFSET; over 100 000 customers that
 * cost more than writing the spreadsheet.
 *
 * Orders an index serves (name, code) are walked in one statement, so a
 * list of any length costs the memory of a row; by name, the walk reads
 * the list's covering index alone (schema version 5).  The others sort the
 * customers' ids alone first, as the list's pages do, and read each row
 * by its id: sorting whole rows would hold the whole list in memory. */

/* The one marked primary, else the first: the first entry of
 * customer_phones_main (customer_id, is_primary DESC, id, phone), read
 * from that index alone. */
#define MAIN_PHONE \
  "(SELECT p.phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.is_primary DESC, p.id LIMIT 1)"

/* Read by row_from_statement() in this order. */
#define ROW_COLUMNS \
  "c.id, c.code, c.kind, c.full_name, c.province_code, c.status, u.full_name, " \
  "c.last_contact_at, c.revenue, " MAIN_PHONE " "

#define ROW_FROM "FROM customers c LEFT JOIN users u ON u.id = c.assigned_to "

#define ROWS_SQL(filters, order) "SELECT " ROW_COLUMNS ROW_FROM "WHERE " filters "ORDER BY " order
#define IDS_SQL(filters, order)  "SELECT c.id " ROW_FROM "WHERE " filters "ORDER BY " order

/* [sort][descending], for the orders order_has_index() names. */
static const char *const rows_sql[CRM_CUSTOMER_SORT_NAME + 1][2] = {
  [CRM_CUSTOMER_SORT_CODE] = BOTH_WAYS (ROWS_SQL, LIST_FILTERS, BY_CODE),
  [CRM_CUSTOMER_SORT_NAME] = BOTH_WAYS (ROWS_SQL, LIST_FILTERS, BY_NAME),
};

/* [searching][sort][descending] */
static const char *const ids_sql[2][CRM_CUSTOMER_SORT_N][2] = {
  ALL_ORDERS (IDS_SQL, LIST_FILTERS),
  ALL_ORDERS (IDS_SQL, LIST_FILTERS SEARCH_FILTER),
};

/* The ids come from a statement that checked visibility already; the
 * check again costs nothing and keeps every read of a customer guarded. */
static const char row_by_id_sql[] =
  "SELECT " ROW_COLUMNS ROW_FROM
  "WHERE c.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");

struct _CrmCustomerStream
{
  CrmStore     *store;
  sqlite3_stmt *walk;   /* the rows, or their ids when by_id is set */
  sqlite3_stmt *by_id;  /* NULL when walk gives the rows */
  gboolean      done;
};

/* Helpers ------------------------------------------------------------------- */

/* Whether an index gives the rows in this order without a sort:
 * customers_list (sort_key, id, …) and the unique index on code.  With a
 * search, SQLite may start from the matches and sort them instead. */
static gboolean
order_has_index (const CrmCustomerFilter *filter,
                 const char              *match)
{
  return match == NULL && (filter->sort == CRM_CUSTOMER_SORT_NAME || filter->sort == CRM_CUSTOMER_SORT_CODE);
}

/* A cursor's own statement rather than the store's cached one: it stays
 * open across calls, and another read of the same text must not reset it
 * under the cursor. */
static sqlite3_stmt *
prepare (CrmStore    *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_crm_store_get_db (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      g_warning ("Cannot prepare %s: %s", sql, sqlite3_errmsg (_crm_store_get_db (store)));
      _crm_store_set_error (store, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static void
row_from_statement (sqlite3_stmt         *stmt,
                    CrmCustomerStreamRow *row)
{
  CrmCustomerKind kind = CRM_CUSTOMER_KIND_PERSON;
  CrmCustomerStatus status = CRM_CUSTOMER_STATUS_LEAD;

  crm_customer_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  crm_customer_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &status);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->code = (const char *) sqlite3_column_text (stmt, 1);
  row->full_name = (const char *) sqlite3_column_text (stmt, 3);
  row->kind = kind;
  row->province_code = (const char *) sqlite3_column_text (stmt, 4);
  row->status = status;
  row->owner_name = (const char *) sqlite3_column_text (stmt, 6);
  row->last_contact_at = (const char *) sqlite3_column_text (stmt, 7);
  row->revenue = sqlite3_column_int64 (stmt, 8);
  row->phone = (const char *) sqlite3_column_text (stmt, 9);
}

/* Ends the read: the statements let go of the database snapshot. */
static void
finish (CrmCustomerStream *stream)
{
  stream->done = TRUE;
  g_clear_pointer (&stream->walk, sqlite3_finalize);
  g_clear_pointer (&stream->by_id, sqlite3_finalize);
}

static gboolean
fail (CrmCustomerStream  *stream,
      int                 rc,
      GError            **error)
{
  _crm_store_set_error (stream->store, rc, error);
  finish (stream);
  return FALSE;
}

/* Public API ------------------------------------------------------------------ */

/**
 * crm_customer_stream_open:
 * @filter: (nullable): what the list shows; %NULL for every customer by name
 *
 * Starts reading the customers @session may see that pass @filter, in
 * the list's order, for crm_customer_stream_next().  The read sees the
 * database as it was at the first row.
 *
 * Returns: (transfer full): the stream, or %NULL with @error set
 */
CrmCustomerStream *
crm_customer_stream_open (CrmStore                 *store,
                          CrmSession               *session,
                          const CrmCustomerFilter  *filter,
                          GError                  **error)
{
  g_autoptr(CrmCustomerFilter) default_filter = NULL;
  g_autoptr(CrmCustomerStream) stream = NULL;
  g_autofree char *match = NULL;
  gboolean walk_rows;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter == NULL || _crm_customer_filter_is_valid (filter), NULL);

  if (filter == NULL)
    filter = default_filter = crm_customer_filter_new ();
  match = _crm_customer_filter_build_match (filter);
  walk_rows = order_has_index (filter, match);

  stream = g_new0 (CrmCustomerStream, 1);
  stream->store = g_object_ref (store);
  if (walk_rows)
    stream->walk = prepare (store, rows_sql[filter->sort][!filter->ascending], error);
  else
    stream->walk = prepare (store, ids_sql[match != NULL][filter->sort][!filter->ascending], error);
  if (stream->walk == NULL)
    return NULL;
  _crm_customer_query_bind_filter (stream->walk, session, filter, match);
  if (!walk_rows)
    {
      if (!(stream->by_id = prepare (store, row_by_id_sql, error)))
        return NULL;
      _crm_store_bind_viewer (stream->by_id, session);
    }
  return g_steal_pointer (&stream);
}

/**
 * crm_customer_stream_next:
 * @row: (out caller-allocates): the next customer; its strings stay valid
 *   until the next call
 *
 * Returns: %TRUE with @row filled, %FALSE after the last customer or with
 *   @error set
 */
gboolean
crm_customer_stream_next (CrmCustomerStream     *stream,
                          CrmCustomerStreamRow  *row,
                          GError               **error)
{
  int rc;

  g_return_val_if_fail (stream != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  if (stream->done)
    return FALSE;
  while ((rc = sqlite3_step (stream->walk)) == SQLITE_ROW)
    {
      if (stream->by_id == NULL)
        {
          row_from_statement (stream->walk, row);
          return TRUE;
        }
      sqlite3_reset (stream->by_id);
      _crm_bind_int64 (stream->by_id, ":id", sqlite3_column_int64 (stream->walk, 0));
      if ((rc = sqlite3_step (stream->by_id)) == SQLITE_ROW)
        {
          row_from_statement (stream->by_id, row);
          return TRUE;
        }
      /* Both statements read one snapshot, so the row is there; were it
       * not, it would be left out rather than fail the export. */
      if (rc != SQLITE_DONE)
        return fail (stream, rc, error);
    }
  if (rc != SQLITE_DONE)
    return fail (stream, rc, error);
  finish (stream);
  return FALSE;
}

void
crm_customer_stream_free (CrmCustomerStream *stream)
{
  if (stream == NULL)
    return;
  finish (stream);
  g_clear_object (&stream->store);
  g_free (stream);
}
