/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-overview-store"

#include "config.h"

#include "crm-overview-store.h"
#include "crm-store-private.h"

/* One statement so the figures come from one snapshot of the file.
 * Opportunities, quotes, contracts and orders are transactions: staff of
 * an office that keeps them apart count only their own on customers
 * shared with them.  An inactive user counts nothing. */
#define TRANSACTIONS(table, alias) \
  "(SELECT count(*) FROM " table " " alias " JOIN customers c ON c.id = " alias ".customer_id WHERE " \
  CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", alias ".owner_id") ")"

static const char count_sql[] =
  "SELECT "
  " (SELECT count(*) FROM customers c WHERE c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") "),"
  " " TRANSACTIONS ("opportunities", "o") ","
  " " TRANSACTIONS ("quotes", "q") ","
  " " TRANSACTIONS ("contracts", "k") ","
  " " TRANSACTIONS ("orders", "r") ","
  " (SELECT count(*) FROM events e WHERE " CRM_ACTIVE_VIEWER " AND (" CRM_VISIBLE_OWNER ("e.owner_id")
      " OR e.id IN (SELECT p.event_id FROM event_participants p WHERE p.user_id = :v_uid))),"
  " (SELECT count(*) FROM care_cases k JOIN customers c ON c.id = k.customer_id WHERE "
      CRM_VISIBLE_CUSTOMER ("c") "),"
  " (SELECT count(*) FROM campaigns WHERE " CRM_ACTIVE_VIEWER "),"
  " (SELECT count(*) FROM products WHERE active = 1 AND " CRM_ACTIVE_VIEWER ")";

gboolean
crm_overview_store_count (CrmStore           *store,
                          CrmSession         *session,
                          CrmOverviewCounts  *counts,
                          GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (!(stmt = _crm_store_prepare (store, count_sql, error)))
    return FALSE;
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      counts->customers = sqlite3_column_int64 (stmt, 0);
      counts->opportunities = sqlite3_column_int64 (stmt, 1);
      counts->quotes = sqlite3_column_int64 (stmt, 2);
      counts->contracts = sqlite3_column_int64 (stmt, 3);
      counts->orders = sqlite3_column_int64 (stmt, 4);
      counts->events = sqlite3_column_int64 (stmt, 5);
      counts->care_cases = sqlite3_column_int64 (stmt, 6);
      counts->campaigns = sqlite3_column_int64 (stmt, 7);
      counts->products = sqlite3_column_int64 (stmt, 8);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
