/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-store"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-contract-store-private.h"
#include "crm-event-store.h"
#include "crm-quote-store.h"
#include "crm-search-store.h"

/* The contract store's revisions, end-date event, drafts from quotes and
 * lists (see crm-contract-store.h). */

/* Revisions ------------------------------------------------------------------------ */

gboolean
_crm_contract_store_write_snapshot (CrmStore              *store,
                                    CrmSession            *session,
                                    const CrmContract     *contract,
                                    const CrmQuoteTotals  *totals,
                                    const char            *now,
                                    GError               **error)
{
  static const char sql[] =
    "INSERT INTO contract_revisions (contract_id, revision, snapshot, value, created_at, created_by) "
    "VALUES (:contract, :revision, :snapshot, :value, :now, :user)";
  g_autofree char *snapshot = crm_contract_snapshot_write (contract, totals);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contract", contract->id);
  _crm_bind_int64 (stmt, ":revision", contract->revision);
  _crm_bind_text (stmt, ":snapshot", snapshot);
  _crm_bind_int64 (stmt, ":value", totals->grand_total);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  return _crm_store_step_done (store, stmt, error);
}

#define REVISION_SQL \
  "SELECT r.revision, r.snapshot, r.value, r.created_at, r.created_by, u.full_name " \
  "FROM contract_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.contract_id = :contract "

static GPtrArray *
collect_revisions (CrmStore      *store,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GPtrArray) revisions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contract_revision_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmContractRevision *revision = g_new0 (CrmContractRevision, 1);

      g_ptr_array_add (revisions, revision);
      revision->revision = sqlite3_column_int (stmt, 0);
      revision->snapshot = _crm_column_text (stmt, 1);
      revision->value = sqlite3_column_int64 (stmt, 2);
      revision->created_at = _crm_column_text (stmt, 3);
      revision->created_by = sqlite3_column_int64 (stmt, 4);
      revision->created_by_name = _crm_column_text (stmt, 5);
      if (!(revision->contract = crm_contract_snapshot_read (revision->snapshot, error)))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&revisions);
}

GPtrArray *
crm_contract_store_list_revisions (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       contract_id,
                                   GError     **error)
{
  static const char sql[] = REVISION_SQL "ORDER BY r.revision";
  g_autoptr(CrmContract) contract = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(contract = _crm_contract_store_load_visible (store, session, contract_id, NULL, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":contract", contract_id);
  return collect_revisions (store, stmt, error);
}

CrmContractRevision *
crm_contract_store_get_revision (CrmStore    *store,
                                 CrmSession  *session,
                                 gint64       contract_id,
                                 gint         revision,
                                 GError     **error)
{
  static const char sql[] = REVISION_SQL "AND r.revision = :revision";
  g_autoptr(CrmContract) contract = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(contract = _crm_contract_store_load_visible (store, session, contract_id, NULL, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":contract", contract_id);
  _crm_bind_int64 (stmt, ":revision", revision);
  if (!(revisions = collect_revisions (store, stmt, error)))
    return NULL;
  if (revisions->len == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("Contract %s has no saved version %d."), contract->code, revision);
      return NULL;
    }
  return crm_contract_revision_copy (g_ptr_array_index (revisions, 0));
}

/* The contract as saved in @revision, or as it is now for 0. */
static CrmContract *
contract_at (CrmStore    *store,
             CrmSession  *session,
             gint64       contract_id,
             gint         revision,
             GError     **error)
{
  g_autoptr(CrmContractRevision) saved = NULL;

  if (revision <= 0)
    return _crm_contract_store_load_visible (store, session, contract_id, NULL, error);
  if (!(saved = crm_contract_store_get_revision (store, session, contract_id, revision, error)))
    return NULL;
  return g_steal_pointer (&saved->contract);
}

GPtrArray *
crm_contract_store_diff_revisions (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       contract_id,
                                   gint         old_revision,
                                   gint         new_revision,
                                   GError     **error)
{
  g_autoptr(CrmContract) old_contract = NULL;
  g_autoptr(CrmContract) new_contract = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(old_contract = contract_at (store, session, contract_id, old_revision, error)) ||
      !(new_contract = contract_at (store, session, contract_id, new_revision, error)))
    return NULL;
  return crm_contract_diff_lines (old_contract, new_contract);
}

/* The end-date event ----------------------------------------------------------------- */

#define END_REMINDER_MINUTES (CRM_CONTRACT_END_REMINDER_DAYS * 24 * 60)

G_STATIC_ASSERT (END_REMINDER_MINUTES <= CRM_EVENT_MAX_REMINDER_MINUTES);

/* The contract's deadline event, 0 for none. */
static gboolean
find_end_event (CrmStore           *store,
                const CrmContract  *contract,
                gint64             *event_id,
                GError            **error)
{
  static const char sql[] =
    "SELECT id FROM events WHERE contract_id = :contract AND kind = 'deadline' ORDER BY id LIMIT 1";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contract", contract->id);
  rc = sqlite3_step (stmt);
  *event_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* An all-day deadline on the end date, as the calendar keeps one
 * (crm_event_validate() snaps it to local midnights). */
static CrmEvent *
end_event_new (const CrmContract  *contract,
               GError            **error)
{
  g_autoptr(CrmEvent) event = crm_event_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *title = NULL;
  int year, month, day;

  if (sscanf (contract->ends_on, "%d-%d-%d", &year, &month, &day) != 3 ||
      !(start = g_date_time_new (zone, year, month, day, 0, 0, 0)))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           _("Enter the end date as dd/MM/yyyy."));
      return NULL;
    }
  end = g_date_time_add_days (start, 1);
  title = g_strdup_printf (_("Contract %s ends"), contract->code);
  crm_event_set_kind (event, CRM_EVENT_KIND_DEADLINE);
  crm_event_set_title (event, title);
  crm_event_set_all_day (event, TRUE);
  crm_event_set_times (event, start, end);
  crm_event_set_owner_id (event, contract->owner_id);
  crm_event_set_customer_id (event, contract->customer_id);
  crm_event_set_contract_id (event, contract->id);
  crm_event_set_notes (event, contract->title);
  crm_event_add_reminder (event, END_REMINDER_MINUTES);
  if (!crm_event_validate (event, error))
    return NULL;
  return g_steal_pointer (&event);
}

static void
bind_event (sqlite3_stmt *stmt,
            CrmEvent     *event,
            const char   *now)
{
  g_autofree char *start = _crm_event_store_format_time (crm_event_get_start (event));
  g_autofree char *end = _crm_event_store_format_time (crm_event_get_end (event));

  _crm_bind_id (stmt, ":owner", crm_event_get_owner_id (event));
  _crm_bind_text (stmt, ":title", crm_event_get_title (event));
  _crm_bind_text (stmt, ":starts", start);
  _crm_bind_text (stmt, ":ends", end);
  _crm_bind_id (stmt, ":customer", crm_event_get_customer_id (event));
  _crm_bind_id (stmt, ":contract", crm_event_get_contract_id (event));
  _crm_bind_text (stmt, ":notes", crm_event_get_notes (event));
  _crm_bind_text (stmt, ":now", now);
}

/* The reminder row of the event's one offset, made or moved. */
static gboolean
write_end_reminder (CrmStore    *store,
                    CrmSession  *session,
                    CrmEvent    *event,
                    const char  *now,
                    GError     **error)
{
  static const char update_sql[] =
    "UPDATE reminders SET user_id = :owner, title = :title, fire_at = :fire, fired_at = NULL, "
    "  dismissed_at = NULL, snoozed_until = NULL "
    "WHERE event_id = :event AND ref_kind IS NULL AND offset_minutes = :minutes";
  static const char insert_sql[] =
    "INSERT INTO reminders (user_id, event_id, offset_minutes, fire_at, title, created_at, created_by) "
    "VALUES (:owner, :event, :minutes, :fire, :title, :now, :user)";
  g_autoptr(GDateTime) fire_time = g_date_time_add_minutes (crm_event_get_start (event), -END_REMINDER_MINUTES);
  g_autofree char *fire = _crm_event_store_format_time (fire_time);
  sqlite3_stmt *stmt;
  gboolean inserting = FALSE;

  for (;;)
    {
      if (!(stmt = _crm_store_prepare (store, inserting ? insert_sql : update_sql, error)))
        return FALSE;
      _crm_bind_id (stmt, ":owner", crm_event_get_owner_id (event));
      _crm_bind_text (stmt, ":title", crm_event_get_title (event));
      _crm_bind_text (stmt, ":fire", fire);
      _crm_bind_int64 (stmt, ":event", crm_event_get_id (event));
      _crm_bind_int64 (stmt, ":minutes", END_REMINDER_MINUTES);
      if (inserting)
        {
          _crm_bind_text (stmt, ":now", now);
          _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
        }
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
      if (inserting || sqlite3_changes (_crm_store_get_db (store)) > 0)
        return TRUE;
      inserting = TRUE;
    }
}

static gboolean
insert_end_event (CrmStore    *store,
                  CrmSession  *session,
                  CrmEvent    *event,
                  const char  *now,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO events (owner_id, kind, title, starts_at, ends_at, all_day, customer_id, contract_id, "
    "  notes, created_at, updated_at, created_by) "
    "VALUES (:owner, 'deadline', :title, :starts, :ends, 1, :customer, :contract, :notes, :now, :now, :user)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_event (stmt, event, now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_event_set_id (event, sqlite3_last_insert_rowid (_crm_store_get_db (store)));
  return _crm_store_audit (store, session, "create", "event", crm_event_get_id (event), NULL, NULL,
                           crm_event_get_title (event), error);
}

static gboolean
update_end_event (CrmStore    *store,
                  CrmSession  *session,
                  CrmEvent    *event,
                  const char  *now,
                  GError     **error)
{
  static const char sql[] =
    "UPDATE events SET owner_id = :owner, title = :title, starts_at = :starts, ends_at = :ends, "
    "  customer_id = :customer, contract_id = :contract, notes = :notes, done = 0, done_at = NULL, "
    "  row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id RETURNING (SELECT starts_at FROM events WHERE id = :id)";
  g_autofree char *start = _crm_event_store_format_time (crm_event_get_start (event));
  g_autofree char *old_start = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_event (stmt, event, now);
  _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      old_start = _crm_column_text (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return _crm_store_audit (store, session, "update", "event", crm_event_get_id (event), "starts_at",
                           old_start, start, error);
}

/* Closes (done) or removes the event of a contract that needs none. */
static gboolean
retire_end_event (CrmStore           *store,
                  CrmSession         *session,
                  const CrmContract  *contract,
                  gint64              event_id,
                  GError            **error)
{
  static const char done_sql[] =
    "UPDATE events SET done = 1, done_at = :now, row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id AND done = 0";
  static const char delete_sql[] = "DELETE FROM events WHERE id = :id";
  gboolean closing = crm_contract_status_is_locked (contract->status);
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, closing ? done_sql : delete_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", event_id);
  if (closing)
    _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (store)) == 0)
    return TRUE;
  return closing
         ? _crm_store_audit (store, session, "update", "event", event_id, "done", "0", "1", error)
         : _crm_store_audit (store, session, "delete", "event", event_id, NULL, NULL, NULL, error);
}

gboolean
_crm_contract_store_sync_end_event (CrmStore           *store,
                                    CrmSession         *session,
                                    const CrmContract  *contract,
                                    GError            **error)
{
  g_autoptr(CrmEvent) event = NULL;
  g_autofree char *now = _crm_now_utc ();
  gint64 event_id = 0;

  if (!find_end_event (store, contract, &event_id, error))
    return FALSE;
  if (contract->status != CRM_CONTRACT_STATUS_ACTIVE || contract->ends_on == NULL)
    return event_id == 0 || retire_end_event (store, session, contract, event_id, error);
  if (!(event = end_event_new (contract, error)))
    return FALSE;
  crm_event_set_id (event, event_id);
  if (event_id == 0 ? !insert_end_event (store, session, event, now, error)
                    : !update_end_event (store, session, event, now, error))
    return FALSE;
  return write_end_reminder (store, session, event, now, error);
}

/* From a quote ---------------------------------------------------------------------- */

/**
 * crm_contract_store_draft_from_quote:
 *
 * Returns: (transfer full): an unsaved draft from the accepted quote.
 */
CrmContract *
crm_contract_store_draft_from_quote (CrmStore    *store,
                                     CrmSession  *session,
                                     gint64       quote_id,
                                     GError     **error)
{
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(CrmContract) contract = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(quote = crm_quote_store_get (store, session, quote_id, error)))
    return NULL;
  if (quote->status != CRM_QUOTE_STATUS_ACCEPTED)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Only an accepted quote becomes a contract. Quote %s is “%s”."),
                   quote->code, crm_quote_status_label (quote->status));
      return NULL;
    }
  contract = crm_contract_new ();
  contract->customer_id = quote->customer_id;
  contract->quote_id = quote->id;
  contract->quote_code = g_strdup (quote->code);
  contract->customer_code = g_strdup (quote->customer_code);
  contract->customer_name = g_strdup (quote->customer_name);
  contract->owner_id = crm_session_get_user_id (session);
  contract->owner_name = g_strdup (crm_session_get_full_name (session));
  contract->customer_rep = g_strdup (quote->contact_name);
  contract->company_rep = g_strdup (crm_session_get_full_name (session));
  contract->terms = g_strdup (quote->terms);
  for (guint i = 0; i < quote->lines->len; i++)
    {
      CrmQuoteLine *line = crm_quote_line_copy (g_ptr_array_index (quote->lines, i));

      line->id = 0;
      crm_contract_add_line (contract, line);
    }
  return g_steal_pointer (&contract);
}

gint64
crm_contract_store_count_for_quote (CrmStore    *store,
                                    CrmSession  *session,
                                    gint64       quote_id,
                                    GError     **error)
{
  static const char sql[] = "SELECT count(*) FROM contracts WHERE quote_id = :quote";
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return -1;
  _crm_bind_int64 (stmt, ":quote", quote_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/* Lists ------------------------------------------------------------------------------ */

#define ROW_COLUMNS \
  "k.id, k.code, k.customer_id, c.code, c.full_name, k.owner_id, u.full_name, k.status, k.revision, " \
  "k.title, k.signed_on, k.starts_on, k.ends_on, k.value, " \
  "(SELECT coalesce (sum (i.amount), 0) FROM contract_instalments i " \
  " WHERE i.contract_id = k.id AND i.paid = 1) "

#define ROW_FROM \
  "FROM contracts k JOIN customers c ON c.id = k.customer_id LEFT JOIN users u ON u.id = k.owner_id "

static CrmContractRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  CrmContractRow *row = g_new0 (CrmContractRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->code = _crm_column_text (stmt, 1);
  row->customer_id = sqlite3_column_int64 (stmt, 2);
  row->customer_code = _crm_column_text (stmt, 3);
  row->customer_name = _crm_column_text (stmt, 4);
  row->owner_id = sqlite3_column_int64 (stmt, 5);
  row->owner_name = _crm_column_text (stmt, 6);
  crm_contract_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &row->status);
  row->revision = sqlite3_column_int (stmt, 8);
  row->title = _crm_column_text (stmt, 9);
  row->signed_on = _crm_column_text (stmt, 10);
  row->starts_on = _crm_column_text (stmt, 11);
  row->ends_on = _crm_column_text (stmt, 12);
  row->value = sqlite3_column_int64 (stmt, 13);
  row->paid_total = sqlite3_column_int64 (stmt, 14);
  return row;
}

static GPtrArray *
collect_rows (CrmStore      *store,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contract_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
crm_contract_store_list_for_customer (CrmStore    *store,
                                      CrmSession  *session,
                                      gint64       customer_id,
                                      GError     **error)
{
  static const char sql[] =
    "SELECT " ROW_COLUMNS ROW_FROM "WHERE k.customer_id = :customer AND " CRM_VISIBLE_CONTRACT " "
    "ORDER BY k.created_at DESC, k.id DESC";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  return collect_rows (store, stmt, error);
}

#define STATUS_FILTER "(:status IS NULL OR k.status = :status)"
#define SEARCH_FILTER \
  " AND k.id IN (SELECT d.ref_id FROM search_fts f JOIN search_docs d ON d.id = f.rowid " \
  "WHERE search_fts MATCH :match AND d.kind = 'contract')"

/* Codes share their "HĐ-YYYY-" prefix within a year; a longer number is
 * a larger one. */
#define ORDER_CODE(dir)   "substr (k.code, 1, 8) " dir ", length (k.code) " dir ", k.code " dir
#define ORDER_STATUS(dir) \
  "CASE k.status WHEN 'draft' THEN 0 WHEN 'active' THEN 1 WHEN 'completed' THEN 2 " \
  "WHEN 'cancelled' THEN 3 ELSE 4 END " dir ", " ORDER_CODE (dir)
#define ORDER_DATE(column, dir) "(" column " IS NULL), " column " " dir ", " ORDER_CODE (dir)

#define PAGE_SQL(order, search) \
  "SELECT " ROW_COLUMNS ROW_FROM "WHERE " CRM_VISIBLE_CONTRACT " AND " STATUS_FILTER search " " \
  "ORDER BY " order ", k.id LIMIT :limit OFFSET :offset"

#define PAGE_SQL_PAIR(order_desc, order_asc) \
  { { PAGE_SQL (order_desc, ""), PAGE_SQL (order_desc, SEARCH_FILTER) }, \
    { PAGE_SQL (order_asc, ""), PAGE_SQL (order_asc, SEARCH_FILTER) } }

/* One statement per sort, direction (descending first) and search: they
 * are cached by their text, and ORDER BY cannot be bound. */
static const char *const page_sql[CRM_CONTRACT_SORT_N][2][2] = {
  [CRM_CONTRACT_SORT_CODE] = PAGE_SQL_PAIR (ORDER_CODE ("DESC"), ORDER_CODE ("ASC")),
  [CRM_CONTRACT_SORT_SIGNED_ON] = PAGE_SQL_PAIR (ORDER_DATE ("k.signed_on", "DESC"),
                                                 ORDER_DATE ("k.signed_on", "ASC")),
  [CRM_CONTRACT_SORT_ENDS_ON] = PAGE_SQL_PAIR (ORDER_DATE ("k.ends_on", "DESC"),
                                               ORDER_DATE ("k.ends_on", "ASC")),
  [CRM_CONTRACT_SORT_VALUE] = PAGE_SQL_PAIR ("k.value DESC, " ORDER_CODE ("DESC"),
                                             "k.value ASC, " ORDER_CODE ("ASC")),
  [CRM_CONTRACT_SORT_STATUS] = PAGE_SQL_PAIR (ORDER_STATUS ("DESC"), ORDER_STATUS ("ASC")),
};

static void
bind_filters (sqlite3_stmt *stmt,
              CrmSession   *session,
              int           status,
              const char   *match)
{
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_text (stmt, ":status", status >= 0 ? crm_contract_status_to_string ((CrmContractStatus) status)
                                               : NULL);
  if (match != NULL)
    _crm_bind_text (stmt, ":match", match);
}

gint64
crm_contract_store_count (CrmStore    *store,
                          CrmSession  *session,
                          int          status,
                          const char  *search,
                          GError     **error)
{
  static const char *const sql[2] = {
    "SELECT count(*) FROM contracts k JOIN customers c ON c.id = k.customer_id "
    "WHERE " CRM_VISIBLE_CONTRACT " AND " STATUS_FILTER,
    "SELECT count(*) FROM contracts k JOIN customers c ON c.id = k.customer_id "
    "WHERE " CRM_VISIBLE_CONTRACT " AND " STATUS_FILTER SEARCH_FILTER,
  };
  g_autofree char *match = crm_search_build_match (search);
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!(stmt = _crm_store_prepare (store, sql[match != NULL], error)))
    return -1;
  bind_filters (stmt, session, status, match);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

GPtrArray *
crm_contract_store_fetch (CrmStore         *store,
                          CrmSession       *session,
                          int               status,
                          const char       *search,
                          CrmContractSort   sort,
                          gboolean          ascending,
                          guint             offset,
                          guint             limit,
                          GError          **error)
{
  g_autofree char *match = crm_search_build_match (search);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail ((guint) sort < CRM_CONTRACT_SORT_N, NULL);

  if (!(stmt = _crm_store_prepare (store, page_sql[sort][ascending ? 1 : 0][match != NULL], error)))
    return NULL;
  bind_filters (stmt, session, status, match);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  return collect_rows (store, stmt, error);
}
