/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction-list"

#include "config.h"

#include "crm-interaction-list.h"

#include "crm-report-private.h"
#include "crm-store-private.h"

/* The history of every customer at once, for the "interactions" export.
 * The reading rule is crm-interaction-store.c's: the customer must be
 * visible and, on customers only shared with them, staff read only what
 * they logged themselves. */

#define LIST_COLUMNS \
  "i.id, i.customer_id, c.full_name, i.contact_id, k.full_name, i.user_id, u.full_name, i.kind, " \
  "i.channel, i.occurred_at, i.summary, i.outcome, i.next_due_on "

#define LIST_FROM \
  "FROM interactions i JOIN customers c ON c.id = i.customer_id " \
  "LEFT JOIN contacts k ON k.id = i.contact_id LEFT JOIN users u ON u.id = i.user_id "

#define LIST_WHERE \
  "WHERE c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", "i.user_id") " " \
  "AND (:from IS NULL OR i.occurred_at >= :from) AND (:to IS NULL OR i.occurred_at < :to) "

static void
bind_filter (sqlite3_stmt    *stmt,
             CrmSession      *session,
             const CrmPeriod *period)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (period != NULL)
    {
      from = _crm_report_day_start_utc (&period->first, 0);
      to = _crm_report_day_start_utc (&period->last, 1);
    }
  _crm_bind_text (stmt, ":from", from);
  _crm_bind_text (stmt, ":to", to);
  _crm_store_bind_viewer (stmt, session);
}

static CrmInteraction *
interaction_from_row (sqlite3_stmt *stmt)
{
  CrmInteraction *interaction = crm_interaction_new ();
  CrmInteractionKind kind = CRM_INTERACTION_KIND_NOTE;

  crm_interaction_set_id (interaction, sqlite3_column_int64 (stmt, 0));
  crm_interaction_set_customer_id (interaction, sqlite3_column_int64 (stmt, 1));
  crm_interaction_set_customer_name (interaction, (const char *) sqlite3_column_text (stmt, 2));
  crm_interaction_set_contact_id (interaction, sqlite3_column_int64 (stmt, 3));
  crm_interaction_set_contact_name (interaction, (const char *) sqlite3_column_text (stmt, 4));
  crm_interaction_set_user_id (interaction, sqlite3_column_int64 (stmt, 5));
  crm_interaction_set_user_name (interaction, (const char *) sqlite3_column_text (stmt, 6));
  crm_interaction_kind_from_string ((const char *) sqlite3_column_text (stmt, 7), &kind);
  crm_interaction_set_kind (interaction, kind);
  crm_interaction_set_channel (interaction, (const char *) sqlite3_column_text (stmt, 8));
  crm_interaction_set_occurred_at (interaction, (const char *) sqlite3_column_text (stmt, 9));
  crm_interaction_set_summary (interaction, (const char *) sqlite3_column_text (stmt, 10));
  crm_interaction_set_outcome (interaction, (const char *) sqlite3_column_text (stmt, 11));
  crm_interaction_set_next_due_on (interaction, (const char *) sqlite3_column_text (stmt, 12));
  return interaction;
}

/**
 * crm_interaction_list_count:
 * @period: (nullable): only the entries of these days
 *
 * Returns: how many entries crm_interaction_list_fetch() would give in
 *   all, or -1 with @error set
 */
gint64
crm_interaction_list_count (CrmStore         *store,
                            CrmSession       *session,
                            const CrmPeriod  *period,
                            GError          **error)
{
  static const char sql[] = "SELECT count(*) " LIST_FROM LIST_WHERE;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return -1;
  bind_filter (stmt, session, period);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  return count;
}

/**
 * crm_interaction_list_fetch:
 * @period: (nullable): only the entries of these days
 *
 * Returns: (transfer full) (element-type CrmInteraction): entries @offset
 *   to @offset + @limit, newest first, with their customer, contact and
 *   user names, or %NULL with @error set
 */
GPtrArray *
crm_interaction_list_fetch (CrmStore         *store,
                            CrmSession       *session,
                            const CrmPeriod  *period,
                            guint             offset,
                            guint             limit,
                            GError          **error)
{
  static const char sql[] =
    "SELECT " LIST_COLUMNS LIST_FROM LIST_WHERE
    "ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit OFFSET :offset";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  bind_filter (stmt, session, period);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, interaction_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
