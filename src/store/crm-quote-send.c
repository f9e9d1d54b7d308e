/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-quote-snapshot.h"
#include "crm-quote-store-private.h"
#include "crm-store-private.h"
#include "crm-validate.h"

/* The quote store's sends and revisions: recording that a quote went to
 * the customer (a quote_sends row and an entry in the customer's history,
 * in one transaction), and reading back the sends and the immutable saved
 * versions.  The rules are in crm-quote-store.c. */

/* Sending --------------------------------------------------------------------------- */

/* The history's channel for a send. */
static const char *
interaction_channel (CrmQuoteChannel channel)
{
  return channel == CRM_QUOTE_CHANNEL_HAND ? "in_person" : crm_quote_channel_to_string (channel);
}

/* Recipient trimmed and required, channel known, time to UTC (now when
 * not given; a time without a zone is local), not in the future. */
static gboolean
validate_send (CrmQuoteSend  *send,
               GError       **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (send->recipient == NULL || *g_strstrip (send->recipient) == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter to whom the quote was sent."));
      return FALSE;
    }
  if (crm_quote_channel_to_string (send->channel) == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Choose how the quote was sent."));
      return FALSE;
    }
  at = send->sent_at ? g_date_time_new_from_iso8601 (send->sent_at, local) : g_date_time_new_now_utc ();
  if (at == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           _("The time the quote was sent is not a valid date and time."));
      return FALSE;
    }
  /* Up to a day ahead is a clock slightly off; more is not a send. */
  now = g_date_time_new_now_utc ();
  if (g_date_time_difference (at, now) > G_TIME_SPAN_DAY)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("A quote cannot be recorded as sent in the future."));
      return FALSE;
    }
  utc = g_date_time_to_utc (at);
  g_free (send->sent_at);
  send->sent_at = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  return TRUE;
}

/* The send's local business date must fall within the quote's dates. */
static gboolean
check_send_date (const CrmQuote      *quote,
                 const CrmQuoteSend  *send,
                 GError             **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (send->sent_at, NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

  if (strcmp (day, quote->issue_date) < 0)
    {
      g_autofree char *issued = crm_date_format (quote->issue_date);

      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Quote %s cannot be sent before its own date, %s."), quote->code, issued);
      return FALSE;
    }
  if (strcmp (day, quote->valid_until) > 0)
    {
      g_autofree char *until = crm_date_format (quote->valid_until);

      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Quote %s was valid until %s. Change its validity date before sending it."),
                   quote->code, until);
      return FALSE;
    }
  return TRUE;
}

/* The customer's last contact moves forward to the send, as for any entry
 * of the history. */
static gboolean
touch_customer (CrmStore     *store,
                CrmSession   *session,
                gint64        customer_id,
                const char   *occurred_at,
                GError      **error)
{
  static const char read_sql[] = "SELECT last_contact_at FROM customers WHERE id = :id";
  static const char write_sql[] =
    "UPDATE customers SET last_contact_at = :last, row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id";
  g_autofree char *old_last = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, read_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    old_last = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (old_last != NULL && strcmp (old_last, occurred_at) >= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, write_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":last", occurred_at);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", customer_id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "customer", customer_id, "last_contact_at",
                           old_last, occurred_at, error);
}

/* The send as an entry of the customer's history, linked to the quote. */
static gboolean
insert_interaction (CrmStore        *store,
                    CrmSession      *session,
                    const CrmQuote  *quote,
                    CrmQuoteSend    *send,
                    GError         **error)
{
  static const char sql[] =
    "INSERT INTO interactions (customer_id, contact_id, user_id, kind, channel, occurred_at, summary, "
    "  ref_kind, ref_id, created_at, updated_at, created_by) "
    "VALUES (:customer, :contact, :user, 'quote_sent', :channel, :occurred, :summary, 'quote', :quote, "
    "  :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;

  if (quote->revision > 1)
    summary = g_strdup_printf (_("Quote %s (revision %d) sent to %s"), quote->code, quote->revision,
                               send->recipient);
  else
    summary = g_strdup_printf (_("Quote %s sent to %s"), quote->code, send->recipient);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", quote->customer_id);
  _crm_bind_id (stmt, ":contact", quote->contact_id);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":channel", interaction_channel (send->channel));
  _crm_bind_text (stmt, ":occurred", send->sent_at);
  _crm_bind_text (stmt, ":summary", summary);
  _crm_bind_int64 (stmt, ":quote", quote->id);
  _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  send->interaction_id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return _crm_store_audit (store, session, "create", "interaction", send->interaction_id, NULL, NULL,
                           "quote_sent", error) &&
         touch_customer (store, session, quote->customer_id, send->sent_at, error);
}

static gboolean
insert_send (CrmStore        *store,
             CrmSession      *session,
             const CrmQuote  *quote,
             CrmQuoteSend    *send,
             GError         **error)
{
  static const char sql[] =
    "INSERT INTO quote_sends (quote_id, revision, sent_at, recipient, channel, user_id, interaction_id) "
    "VALUES (:quote, :revision, :at, :recipient, :channel, :user, :interaction)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":quote", quote->id);
  _crm_bind_int64 (stmt, ":revision", quote->revision);
  _crm_bind_text (stmt, ":at", send->sent_at);
  _crm_bind_text (stmt, ":recipient", send->recipient);
  _crm_bind_text (stmt, ":channel", crm_quote_channel_to_string (send->channel));
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_id (stmt, ":interaction", send->interaction_id);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  send->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return _crm_store_audit (store, session, "send", "quote", quote->id, "recipient", NULL,
                           send->recipient, error);
}

static gboolean
write_send (CrmStore      *store,
            CrmSession    *session,
            gint64         quote_id,
            CrmQuoteSend  *send,
            GError       **error)
{
  g_autoptr(CrmQuote) current = NULL;
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *now = _crm_now_utc ();

  if (!(current = _crm_quote_store_load_for_change (store, session, quote_id, error)) ||
      !_crm_quote_store_require_unlocked (current, error))
    return FALSE;
  if (current->lines->len == 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Add at least one line before sending the quote."));
      return FALSE;
    }
  if (!check_send_date (current, send, error))
    return FALSE;
  /* The first version the customer sees is kept as it went out. */
  if (current->status == CRM_QUOTE_STATUS_DRAFT &&
      (!crm_quote_compute_totals (current, &totals, error) ||
       !_crm_quote_store_write_snapshot (store, session, current, &totals, now, error)))
    return FALSE;
  if (!insert_interaction (store, session, current, send, error) ||
      !insert_send (store, session, current, send, error))
    return FALSE;
  if (current->status != CRM_QUOTE_STATUS_SENT &&
      !_crm_quote_store_set_status (store, session, current, CRM_QUOTE_STATUS_SENT, now, error))
    return FALSE;
  send->quote_id = current->id;
  send->revision = current->revision;
  return TRUE;
}

/**
 * crm_quote_store_send:
 * @send: (inout): recipient and channel, sent_at (%NULL for now, else
 *   ISO-8601; without a zone it is local); on success it gets its id,
 *   UTC time, revision, user and the id of its history entry
 *
 * Records that the quote's current revision went to the customer: a
 * quote_sends row and a "quote_sent" entry in the customer's history (which
 * moves the customer's last contact), and moves a draft, rejected or
 * expired quote to sent; the first send keeps revision 1 as its snapshot.
 * All in one transaction, audited.  Refused for a quote without lines, an
 * accepted one, and a send dated outside the quote's date and validity.
 */
gboolean
crm_quote_store_send (CrmStore      *store,
                      CrmSession    *session,
                      gint64         quote_id,
                      CrmQuoteSend  *send,
                      GError       **error)
{
  g_autoptr(CrmQuoteSend) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (send != NULL, FALSE);

  draft = crm_quote_send_copy (send);
  draft->id = draft->interaction_id = 0;
  if (!_crm_store_require_active (store, session, error) ||
      !validate_send (draft, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_send (store, session, quote_id, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  draft->user_id = crm_session_get_user_id (session);
  g_free (draft->user_name);
  draft->user_name = g_strdup (crm_session_get_full_name (session));
  {
    CrmQuoteSend old = *send;

    *send = *draft;
    *draft = old;
  }
  return TRUE;
}

/* Sends and revisions ------------------------------------------------------------------ */

/**
 * crm_quote_store_list_sends:
 *
 * Returns: (transfer full) (element-type CrmQuoteSend): every send of the
 *   quote, oldest first (for crm_quote_describe_sends()), or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND when @session may not read the quote.
 */
GPtrArray *
crm_quote_store_list_sends (CrmStore    *store,
                            CrmSession  *session,
                            gint64       quote_id,
                            GError     **error)
{
  static const char sql[] =
    "SELECT s.id, s.quote_id, s.revision, s.sent_at, s.recipient, s.channel, s.user_id, u.full_name, "
    "  s.interaction_id "
    "FROM quote_sends s LEFT JOIN users u ON u.id = s.user_id "
    "WHERE s.quote_id = :quote ORDER BY s.sent_at, s.id";
  g_autoptr(GPtrArray) sends = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_send_free);
  g_autoptr(CrmQuote) quote = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(quote = _crm_quote_store_load_visible (store, session, quote_id, NULL, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":quote", quote_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmQuoteSend *send = crm_quote_send_new ();

      send->id = sqlite3_column_int64 (stmt, 0);
      send->quote_id = sqlite3_column_int64 (stmt, 1);
      send->revision = sqlite3_column_int (stmt, 2);
      send->sent_at = _crm_column_text (stmt, 3);
      send->recipient = _crm_column_text (stmt, 4);
      crm_quote_channel_from_string ((const char *) sqlite3_column_text (stmt, 5), &send->channel);
      send->user_id = sqlite3_column_int64 (stmt, 6);
      send->user_name = _crm_column_text (stmt, 7);
      send->interaction_id = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (sends, send);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sends);
}

#define REVISION_SQL \
  "SELECT r.revision, r.snapshot, r.grand_total, r.created_at, r.created_by, u.full_name " \
  "FROM quote_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.quote_id = :quote "

static GPtrArray *
collect_revisions (CrmStore      *store,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GPtrArray) revisions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_revision_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmQuoteRevision *revision = g_new0 (CrmQuoteRevision, 1);

      g_ptr_array_add (revisions, revision);
      revision->revision = sqlite3_column_int (stmt, 0);
      revision->snapshot = _crm_column_text (stmt, 1);
      revision->grand_total = sqlite3_column_int64 (stmt, 2);
      revision->created_at = _crm_column_text (stmt, 3);
      revision->created_by = sqlite3_column_int64 (stmt, 4);
      revision->created_by_name = _crm_column_text (stmt, 5);
      if (!(revision->quote = crm_quote_snapshot_read (revision->snapshot, error)))
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

/**
 * crm_quote_store_list_revisions:
 *
 * Returns: (transfer full) (element-type CrmQuoteRevision): the saved
 *   versions of the quote, v1 first, each with its snapshot read back; none
 *   for a quote never sent.  %NULL with %CRM_STORE_ERROR_NOT_FOUND when
 *   @session may not read the quote, %CRM_STORE_ERROR_CORRUPT when a
 *   snapshot cannot be read.
 */
GPtrArray *
crm_quote_store_list_revisions (CrmStore    *store,
                                CrmSession  *session,
                                gint64       quote_id,
                                GError     **error)
{
  static const char sql[] = REVISION_SQL "ORDER BY r.revision";
  g_autoptr(CrmQuote) quote = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(quote = _crm_quote_store_load_visible (store, session, quote_id, NULL, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":quote", quote_id);
  return collect_revisions (store, stmt, error);
}

/**
 * crm_quote_store_get_revision:
 * @revision: 1 for v1, …
 *
 * Returns: (transfer full): one saved version, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND when there is no such version or @session
 *   may not read the quote.
 */
CrmQuoteRevision *
crm_quote_store_get_revision (CrmStore    *store,
                              CrmSession  *session,
                              gint64       quote_id,
                              gint         revision,
                              GError     **error)
{
  static const char sql[] = REVISION_SQL "AND r.revision = :revision";
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(quote = _crm_quote_store_load_visible (store, session, quote_id, NULL, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":quote", quote_id);
  _crm_bind_int64 (stmt, ":revision", revision);
  if (!(revisions = collect_revisions (store, stmt, error)))
    return NULL;
  if (revisions->len == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("Quote %s has no saved version %d."), quote->code, revision);
      return NULL;
    }
  return crm_quote_revision_copy (g_ptr_array_index (revisions, 0));
}
