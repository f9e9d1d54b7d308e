/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-store-private.h"

/* One statement, one snapshot.  The customer row itself carries the
 * visibility test: a customer the session may not see gives no row.  The
 * business done on it counts what the session may read of it: staff of an
 * office that keeps transactions apart (staff_see_others_transactions =
 * '0') count only their own on customers shared with them. */
#define MINE(owner) " AND " CRM_VISIBLE_TRANSACTION ("c", owner)

static const char summary_sql[] =
  "SELECT "
  " (SELECT count(*) FROM opportunities o WHERE o.customer_id = c.id AND o.stage NOT IN ('won', 'lost')"
  "    " MINE ("o.owner_id") "),"
  " (SELECT coalesce (sum (o.expected_value), 0) FROM opportunities o "
  "    WHERE o.customer_id = c.id AND o.stage NOT IN ('won', 'lost')" MINE ("o.owner_id") "),"
  " (SELECT count(*) FROM quotes q WHERE q.customer_id = c.id" MINE ("q.owner_id") "),"
  " (SELECT count(*) FROM quotes q WHERE q.customer_id = c.id AND q.status IN ('draft', 'sent')"
  "    " MINE ("q.owner_id") "),"
  " (SELECT count(*) FROM contracts k WHERE k.customer_id = c.id" MINE ("k.owner_id") "),"
  " (SELECT count(*) FROM contracts k WHERE k.customer_id = c.id AND k.status = 'active'"
  "    " MINE ("k.owner_id") "),"
  " (SELECT count(*) FROM orders r WHERE r.customer_id = c.id AND r.delivery_status <> 'cancelled'"
  "    " MINE ("r.owner_id") "),"
  " (SELECT coalesce (sum (r.grand_total), 0) FROM orders r "
  "    WHERE r.customer_id = c.id AND r.delivery_status <> 'cancelled'" MINE ("r.owner_id") "),"
  " (SELECT count(*) FROM interactions i WHERE i.customer_id = c.id" MINE ("i.user_id") "),"
  " (SELECT count(*) FROM contacts t WHERE t.customer_id = c.id),"
  " (SELECT count(*) FROM attachments a WHERE a.customer_id = c.id) "
  "FROM customers c WHERE c.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");

/**
 * crm_customer_store_summary:
 *
 * Fills @summary with the counts the profile header shows.  A customer
 * that does not exist or that @session may not see is
 * %CRM_STORE_ERROR_NOT_FOUND, as for crm_customer_store_get().
 */
gboolean
crm_customer_store_summary (CrmStore           *store,
                            CrmSession         *session,
                            gint64              customer_id,
                            CrmCustomerSummary *summary,
                            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!(stmt = _crm_store_prepare (store, summary_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", customer_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *summary = (CrmCustomerSummary) {
        .open_opportunities = sqlite3_column_int (stmt, 0),
        .pipeline_value = sqlite3_column_int64 (stmt, 1),
        .quotes = sqlite3_column_int (stmt, 2),
        .open_quotes = sqlite3_column_int (stmt, 3),
        .contracts = sqlite3_column_int (stmt, 4),
        .active_contracts = sqlite3_column_int (stmt, 5),
        .orders = sqlite3_column_int (stmt, 6),
        .revenue = sqlite3_column_int64 (stmt, 7),
        .interactions = sqlite3_column_int (stmt, 8),
        .contacts = sqlite3_column_int (stmt, 9),
        .attachments = sqlite3_column_int (stmt, 10),
      };
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This customer does not exist or is not yours to see."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
