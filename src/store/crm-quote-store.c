/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-money.h"
#include "crm-quote-snapshot.h"
#include "crm-quote-store-private.h"
#include "crm-search-store.h"
#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-validate.h"

/* Quotes: codes BG-YYYY-NNNN numbered per year of the quote's date, lines,
 * totals computed here in C (crm_quote_compute_totals()) and stored with
 * the header, sends, revisions.
 *
 * Life of a quote: a draft is changed freely (lines replaced in the same
 * transaction as the header).  Sending records a quote_sends row and a
 * "quote_sent" entry in the customer's history, and moves it to sent; the
 * first send keeps revision 1 as an immutable snapshot.  From then on every
 * saved change makes a new revision (v2, v3, …) under the same code, with
 * its snapshot, who and when; snapshots are only ever inserted.  A sent
 * quote is accepted or rejected, or expires the day after its validity
 * date (crm_quote_store_expire_due()); a rejected or expired quote may be
 * revised and sent again, which makes it sent.  An accepted quote is
 * locked.  Every action bumps row_version, so an editor opened before it
 * cannot save over it.
 *
 * Who: a quote is read by whoever sees its customer (CRM_VISIBLE_CUSTOMER)
 * and its owner's transactions (CRM_VISIBLE_TRANSACTION); refused reads
 * look like missing quotes.  Staff change (save, send, accept, reject)
 * their own quotes and any quote of the customers assigned to them;
 * managers and administrators any quote they see.  A new quote belongs to
 * the user who makes it.  Sending and reading sends and revisions are in
 * crm-quote-send.c. */

#define QUOTE_COLUMNS \
  "q.id, q.code, q.customer_id, q.contact_id, q.opportunity_id, q.owner_id, q.status, q.revision, " \
  "q.issue_date, q.valid_until, q.currency, q.terms, q.notes, q.row_version, c.code, c.full_name, " \
  "k.full_name, u.full_name, q.accepted_at, q.rejected_at, q.created_at, q.updated_at, c.assigned_to "

#define QUOTE_FROM \
  "FROM quotes q JOIN customers c ON c.id = q.customer_id " \
  "LEFT JOIN contacts k ON k.id = q.contact_id LEFT JOIN users u ON u.id = q.owner_id "

/* The reading rule above, for rows aliased q (quotes) and c (customers);
 * bind with _crm_store_bind_viewer(). */
#define VISIBLE_QUOTE \
  "(c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", "q.owner_id") ")"

#define ROW_COLUMNS \
  "q.id, q.code, q.customer_id, c.code, c.full_name, q.owner_id, u.full_name, q.status, " \
  "q.revision, q.issue_date, q.valid_until, q.grand_total "

#define ROW_FROM \
  "FROM quotes q JOIN customers c ON c.id = q.customer_id LEFT JOIN users u ON u.id = q.owner_id "

#define LINE_COLUMNS \
  "id, product_id, description, quantity_milli, unit, unit_price, discount_bp, vat_rate_bp, " \
  "price_source, override_reason"

/* Reading ------------------------------------------------------------------- */

static CrmQuoteStatus
status_of (sqlite3_stmt *stmt,
           int           column)
{
  CrmQuoteStatus status = CRM_QUOTE_STATUS_DRAFT;

  crm_quote_status_from_string ((const char *) sqlite3_column_text (stmt, column), &status);
  return status;
}

static CrmQuote *
quote_from_row (sqlite3_stmt *stmt,
                gint64       *assigned_to)
{
  CrmQuote *quote = crm_quote_new ();

  quote->id = sqlite3_column_int64 (stmt, 0);
  quote->code = _crm_column_text (stmt, 1);
  quote->customer_id = sqlite3_column_int64 (stmt, 2);
  quote->contact_id = sqlite3_column_int64 (stmt, 3);
  quote->opportunity_id = sqlite3_column_int64 (stmt, 4);
  quote->owner_id = sqlite3_column_int64 (stmt, 5);
  quote->status = status_of (stmt, 6);
  quote->revision = sqlite3_column_int (stmt, 7);
  quote->issue_date = _crm_column_text (stmt, 8);
  quote->valid_until = _crm_column_text (stmt, 9);
  g_free (quote->currency);
  quote->currency = _crm_column_text (stmt, 10);
  quote->terms = _crm_column_text (stmt, 11);
  quote->notes = _crm_column_text (stmt, 12);
  quote->row_version = sqlite3_column_int64 (stmt, 13);
  quote->customer_code = _crm_column_text (stmt, 14);
  quote->customer_name = _crm_column_text (stmt, 15);
  quote->contact_name = _crm_column_text (stmt, 16);
  quote->owner_name = _crm_column_text (stmt, 17);
  quote->accepted_at = _crm_column_text (stmt, 18);
  quote->rejected_at = _crm_column_text (stmt, 19);
  quote->created_at = _crm_column_text (stmt, 20);
  quote->updated_at = _crm_column_text (stmt, 21);
  if (assigned_to != NULL)
    *assigned_to = sqlite3_column_int64 (stmt, 22);
  return quote;
}

static gboolean
load_lines (CrmStore  *store,
            CrmQuote  *quote,
            GError   **error)
{
  static const char sql[] =
    "SELECT " LINE_COLUMNS " FROM quote_lines WHERE quote_id = :quote ORDER BY position";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":quote", quote->id);
  g_ptr_array_set_size (quote->lines, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmQuoteLine *line = crm_quote_line_new ();

      g_free (line->unit);
      line->id = sqlite3_column_int64 (stmt, 0);
      line->product_id = sqlite3_column_int64 (stmt, 1);
      line->description = _crm_column_text (stmt, 2);
      line->quantity_milli = sqlite3_column_int64 (stmt, 3);
      line->unit = _crm_column_text (stmt, 4);
      line->unit_price = sqlite3_column_int64 (stmt, 5);
      line->discount_bp = sqlite3_column_int (stmt, 6);
      line->vat_rate_bp = sqlite3_column_int (stmt, 7);
      line->price_source = _crm_column_text (stmt, 8);
      line->override_reason = _crm_column_text (stmt, 9);
      g_ptr_array_add (quote->lines, line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("This quote does not exist or is not yours to see."));
}

/* The quote with its lines if @session may read it; the customer's
 * assigned staff for the caller's rights check. */
CrmQuote *
_crm_quote_store_load_visible (CrmStore    *store,
                               CrmSession  *session,
                               gint64       quote_id,
                               gint64      *assigned_to,
                               GError     **error)
{
  static const char sql[] =
    "SELECT " QUOTE_COLUMNS QUOTE_FROM "WHERE q.id = :id AND " VISIBLE_QUOTE;
  g_autoptr(CrmQuote) quote = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", quote_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    quote = quote_from_row (stmt, assigned_to);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (quote == NULL)
    {
      set_not_found (error);
      return NULL;
    }
  if (!load_lines (store, quote, error))
    return NULL;
  return g_steal_pointer (&quote);
}

/**
 * crm_quote_store_get:
 *
 * Returns: (transfer full): the quote with its lines, customer, contact and
 *   owner names, or %NULL with %CRM_STORE_ERROR_NOT_FOUND when it does not
 *   exist or @session may not read it.
 */
CrmQuote *
crm_quote_store_get (CrmStore    *store,
                     CrmSession  *session,
                     gint64       quote_id,
                     GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return _crm_quote_store_load_visible (store, session, quote_id, NULL, error);
}

/* Checks shared by every change ---------------------------------------------- */

static gboolean
is_staff (CrmSession *session)
{
  return crm_session_get_role (session) == CRM_ROLE_STAFF;
}

/* Staff change their own quotes and those of their own customers. */
static gboolean
require_editor (CrmSession      *session,
                const CrmQuote  *quote,
                gint64           assigned_to,
                GError         **error)
{
  gint64 user_id = crm_session_get_user_id (session);

  if (!is_staff (session) || quote->owner_id == user_id || assigned_to == user_id)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only the quote's owner, the customer's assigned staff, a manager or an administrator may change this quote."));
  return FALSE;
}

gboolean
_crm_quote_store_require_unlocked (const CrmQuote  *quote,
                                   GError         **error)
{
  if (quote->status != CRM_QUOTE_STATUS_ACCEPTED)
    return TRUE;
  g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
               _("Quote %s was accepted by the customer and is locked: it can no longer be changed or sent."),
               quote->code);
  return FALSE;
}

/* The quote as the editor holds it against the quote as it is now: both
 * loaded, checked for reading and changing rights. */
CrmQuote *
_crm_quote_store_load_for_change (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       quote_id,
                                  GError     **error)
{
  g_autoptr(CrmQuote) current = NULL;
  gint64 assigned_to = 0;

  if (!(current = _crm_quote_store_load_visible (store, session, quote_id, &assigned_to, error)) ||
      !require_editor (session, current, assigned_to, error))
    return NULL;
  return g_steal_pointer (&current);
}

/* The contact must be one of the customer's own; its name for the caller. */
static gboolean
check_contact (CrmStore  *store,
               CrmQuote  *quote,
               GError   **error)
{
  static const char sql[] =
    "SELECT full_name FROM contacts WHERE id = :contact AND customer_id = :customer";
  sqlite3_stmt *stmt;
  int rc;

  g_clear_pointer (&quote->contact_name, g_free);
  if (quote->contact_id <= 0)
    {
      quote->contact_id = 0;
      return TRUE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contact", quote->contact_id);
  _crm_bind_int64 (stmt, ":customer", quote->customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    quote->contact_name = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose one of this customer's own contacts."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_opportunity (CrmStore        *store,
                   const CrmQuote  *quote,
                   GError         **error)
{
  static const char sql[] =
    "SELECT EXISTS (SELECT 1 FROM opportunities WHERE id = :opportunity AND customer_id = :customer)";
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  if (quote->opportunity_id <= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":opportunity", quote->opportunity_id);
  _crm_bind_int64 (stmt, ":customer", quote->customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!found)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose one of this customer's own opportunities."));
      return FALSE;
    }
  return TRUE;
}

/* Writing helpers ------------------------------------------------------------- */

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static gboolean
audit_field (CrmStore    *store,
             CrmSession  *session,
             gint64       quote_id,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return _crm_store_audit (store, session, "update", "quote", quote_id, field, old_value, new_value, error);
}

/* The lines for the audit trail, one per row:
 * "Máy in A4 × 2 cái × 1.200.000 ₫ − 5 %, VAT 10 %". */
static char *
lines_summary (const CrmQuote *quote)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < quote->lines->len; i++)
    {
      const CrmQuoteLine *line = g_ptr_array_index (quote->lines, i);
      g_autofree char *quantity = crm_quote_format_quantity (line->quantity_milli);
      g_autofree char *price = crm_money_format (line->unit_price);
      g_autofree char *vat = crm_rate_format (line->vat_rate_bp);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s × %s%s%s × %s", line->description, quantity,
                              line->unit && *line->unit ? " " : "", line->unit ? line->unit : "", price);
      if (line->discount_bp != 0)
        {
          g_autofree char *discount = crm_rate_format (line->discount_bp);
          g_string_append_printf (text, " − %s", discount);
        }
      g_string_append_printf (text, ", VAT %s", vat);
    }
  return g_string_free (text, FALSE);
}

static void
bind_totals (sqlite3_stmt         *stmt,
             const CrmQuoteTotals *totals)
{
  _crm_bind_int64 (stmt, ":subtotal", totals->subtotal);
  _crm_bind_int64 (stmt, ":discount", totals->discount_total);
  _crm_bind_int64 (stmt, ":vat", totals->vat_total);
  _crm_bind_int64 (stmt, ":total", totals->grand_total);
}

/* The columns a user edits, shared by INSERT and UPDATE. */
static void
bind_header (sqlite3_stmt   *stmt,
             const CrmQuote *quote)
{
  _crm_bind_id (stmt, ":contact", quote->contact_id);
  _crm_bind_id (stmt, ":opportunity", quote->opportunity_id);
  _crm_bind_text (stmt, ":issue", quote->issue_date);
  _crm_bind_text (stmt, ":valid", quote->valid_until);
  _crm_bind_text (stmt, ":currency", quote->currency);
  _crm_bind_text (stmt, ":terms", quote->terms);
  _crm_bind_text (stmt, ":notes", quote->notes);
}

/* Lines are replaced as a whole.  A line keeps its id when it already was
 * one of this quote's (@kept_ids), so revisions can follow it; any other id
 * (a line copied from elsewhere) gets a new one. */
static gboolean
write_lines (CrmStore    *store,
             CrmQuote    *quote,
             GHashTable  *kept_ids,
             GError     **error)
{
  static const char delete_sql[] = "DELETE FROM quote_lines WHERE quote_id = :quote";
  static const char insert_sql[] =
    "INSERT INTO quote_lines (id, quote_id, position, product_id, description, quantity_milli, unit, "
    "  unit_price, discount_bp, vat_rate_bp, price_source, override_reason) "
    "VALUES (:id, :quote, :position, :product, :description, :quantity, :unit, :price, :discount, "
    "  :vat, :source, :reason)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, delete_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":quote", quote->id);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < quote->lines->len; i++)
    {
      CrmQuoteLine *line = g_ptr_array_index (quote->lines, i);

      /* Each kept id once: a line duplicated with its id becomes a new one. */
      if (kept_ids == NULL || !g_hash_table_remove (kept_ids, &line->id))
        line->id = 0;
      if (!(stmt = _crm_store_prepare (store, insert_sql, error)))
        return FALSE;
      _crm_bind_id (stmt, ":id", line->id);
      _crm_bind_int64 (stmt, ":quote", quote->id);
      _crm_bind_int64 (stmt, ":position", i + 1);
      _crm_bind_id (stmt, ":product", line->product_id);
      _crm_bind_text (stmt, ":description", line->description);
      _crm_bind_int64 (stmt, ":quantity", line->quantity_milli);
      _crm_bind_text (stmt, ":unit", line->unit ? line->unit : "");
      _crm_bind_int64 (stmt, ":price", line->unit_price);
      _crm_bind_int64 (stmt, ":discount", line->discount_bp);
      _crm_bind_int64 (stmt, ":vat", line->vat_rate_bp);
      _crm_bind_text (stmt, ":source", line->price_source);
      _crm_bind_text (stmt, ":reason", line->override_reason);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
      line->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
    }
  return TRUE;
}

/* The immutable snapshot of the quote's current revision. */
gboolean
_crm_quote_store_write_snapshot (CrmStore              *store,
                                 CrmSession            *session,
                                 const CrmQuote        *quote,
                                 const CrmQuoteTotals  *totals,
                                 const char            *now,
                                 GError               **error)
{
  static const char sql[] =
    "INSERT INTO quote_revisions (quote_id, revision, snapshot, grand_total, created_at, created_by) "
    "VALUES (:quote, :revision, :snapshot, :total, :now, :user)";
  g_autofree char *snapshot = crm_quote_snapshot_write (quote, totals);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":quote", quote->id);
  _crm_bind_int64 (stmt, ":revision", quote->revision);
  _crm_bind_text (stmt, ":snapshot", snapshot);
  _crm_bind_int64 (stmt, ":total", totals->grand_total);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  return _crm_store_step_done (store, stmt, error);
}

static gboolean
put_search_doc (CrmStore        *store,
                const CrmQuote  *quote,
                GError         **error)
{
  g_autofree char *code_terms = crm_text_code_search_terms (quote->code);
  g_autofree char *body = g_strjoin (" ", code_terms, quote->customer_name, quote->customer_code, NULL);

  return _crm_store_put_search_doc (store, "quote", quote->id, quote->customer_id, quote->code,
                                    quote->customer_name, body, error);
}

/* Swaps the caller's quote with the one written, once it is committed:
 * a failed write leaves the caller's copy as it was (ids included). */
static void
hand_back (CrmQuote *target,
           CrmQuote *written)
{
  CrmQuote old = *target;

  *target = *written;
  *written = old;
}

/* Creating ---------------------------------------------------------------------- */

static char *
next_code (CrmStore    *store,
           const char  *issue_date,
           GError     **error)
{
  return _crm_store_next_document_code (store, "BG", "quote", atoi (issue_date), error);
}

static gboolean
insert_quote (CrmStore              *store,
              CrmSession            *session,
              CrmQuote              *quote,
              const CrmQuoteTotals  *totals,
              const char            *now,
              GError               **error)
{
  static const char sql[] =
    "INSERT INTO quotes (code, customer_id, contact_id, opportunity_id, owner_id, status, revision, "
    "  issue_date, valid_until, currency, terms, notes, subtotal, discount_total, vat_total, "
    "  grand_total, row_version, created_at, updated_at, created_by) "
    "VALUES (:code, :customer, :contact, :opportunity, :owner, 'draft', 1, :issue, :valid, :currency, "
    "  :terms, :notes, :subtotal, :discount, :vat, :total, 1, :now, :now, :owner)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_header (stmt, quote);
  bind_totals (stmt, totals);
  _crm_bind_text (stmt, ":code", quote->code);
  _crm_bind_int64 (stmt, ":customer", quote->customer_id);
  _crm_bind_id (stmt, ":owner", quote->owner_id);
  _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  quote->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return TRUE;
}

static gboolean
write_create (CrmStore     *store,
              CrmSession   *session,
              CrmQuote     *quote,
              GError      **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *now = _crm_now_utc ();

  g_clear_pointer (&quote->customer_name, g_free);
  g_clear_pointer (&quote->customer_code, g_free);
  if (!_crm_contact_store_require_customer (store, session, quote->customer_id, &quote->customer_name,
                                            &quote->customer_code, error) ||
      !check_contact (store, quote, error) ||
      !check_opportunity (store, quote, error) ||
      !crm_quote_compute_totals (quote, &totals, error))
    return FALSE;

  g_free (quote->code);
  if (!(quote->code = next_code (store, quote->issue_date, error)))
    return FALSE;
  quote->owner_id = crm_session_get_user_id (session);
  quote->status = CRM_QUOTE_STATUS_DRAFT;
  quote->revision = 1;
  quote->row_version = 1;
  if (!insert_quote (store, session, quote, &totals, now, error) ||
      !write_lines (store, quote, NULL, error) ||
      !put_search_doc (store, quote, error) ||
      !_crm_store_audit (store, session, "create", "quote", quote->id, NULL, NULL, quote->code, error))
    return FALSE;

  g_free (quote->owner_name);
  quote->owner_name = g_strdup (crm_session_get_full_name (session));
  g_clear_pointer (&quote->accepted_at, g_free);
  g_clear_pointer (&quote->rejected_at, g_free);
  g_free (quote->created_at);
  quote->created_at = g_strdup (now);
  g_free (quote->updated_at);
  quote->updated_at = g_strdup (now);
  return TRUE;
}

/**
 * crm_quote_store_create:
 * @quote: (inout): the new quote (id 0), validated and normalised; on
 *   success it gets its id, code, line ids, owner (the signed-in user),
 *   status draft, revision 1 and the names the store reads; on failure it
 *   is left as it was
 *
 * Makes a draft quote for a customer @session may see; the contact and the
 * opportunity, when given, must be the customer's.  The quote may have no
 * lines yet.  With its lines, totals, search document and audit row, all
 * or nothing.
 *
 * Returns: the new id, or 0 on error (%CRM_VALIDATION_ERROR,
 *   %CRM_PERMISSION_ERROR, %CRM_STORE_ERROR).
 */
gint64
crm_quote_store_create (CrmStore    *store,
                        CrmSession  *session,
                        CrmQuote    *quote,
                        GError     **error)
{
  g_autoptr(CrmQuote) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (quote != NULL, 0);
  g_return_val_if_fail (quote->id == 0, 0);

  draft = crm_quote_copy (quote);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_quote_validate (draft, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_create (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  hand_back (quote, draft);
  return quote->id;
}

/* Saving --------------------------------------------------------------------------- */

static gboolean
update_quote (CrmStore              *store,
              const CrmQuote        *quote,
              const CrmQuoteTotals  *totals,
              gint64                 version,
              const char            *now,
              GError               **error)
{
  static const char sql[] =
    "UPDATE quotes SET contact_id = :contact, opportunity_id = :opportunity, issue_date = :issue, "
    "  valid_until = :valid, currency = :currency, terms = :terms, notes = :notes, "
    "  revision = :revision, subtotal = :subtotal, discount_total = :discount, vat_total = :vat, "
    "  grand_total = :total, row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id AND row_version = :version";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_header (stmt, quote);
  bind_totals (stmt, totals);
  _crm_bind_int64 (stmt, ":revision", quote->revision);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", quote->id);
  _crm_bind_int64 (stmt, ":version", version);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (store)) != 1)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
                   _("Quote %s was changed by someone else after you opened it. Your changes were not saved; reopen the quote to see theirs."),
                   quote->code);
      return FALSE;
    }
  return TRUE;
}

/* One audit row per header field that changed, one for the lines, one
 * for the total. */
static gboolean
audit_changes (CrmStore              *store,
               CrmSession            *session,
               const CrmQuote        *old,
               const CrmQuote        *new,
               gint64                 old_total,
               const CrmQuoteTotals  *totals,
               GError               **error)
{
  g_autofree char *old_contact = id_text (old->contact_id);
  g_autofree char *new_contact = id_text (new->contact_id);
  g_autofree char *old_opportunity = id_text (old->opportunity_id);
  g_autofree char *new_opportunity = id_text (new->opportunity_id);
  g_autofree char *old_lines = lines_summary (old);
  g_autofree char *new_lines = lines_summary (new);
  g_autofree char *old_grand = g_strdup_printf ("%" G_GINT64_FORMAT, old_total);
  g_autofree char *new_grand = g_strdup_printf ("%" G_GINT64_FORMAT, totals->grand_total);
  g_autofree char *old_revision = g_strdup_printf ("%d", old->revision);
  g_autofree char *new_revision = g_strdup_printf ("%d", new->revision);
  const char *fields[][3] = {
    { "revision", old_revision, new_revision },
    { "contact_id", old_contact, new_contact },
    { "opportunity_id", old_opportunity, new_opportunity },
    { "issue_date", old->issue_date, new->issue_date },
    { "valid_until", old->valid_until, new->valid_until },
    { "terms", old->terms, new->terms },
    { "notes", old->notes, new->notes },
    { "lines", old_lines, new_lines },
    { "grand_total", old_grand, new_grand },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!audit_field (store, session, new->id, fields[i][0], fields[i][1], fields[i][2], error))
      return FALSE;
  return TRUE;
}

/* Ids of the lines the quote has now: the ones a save may keep. */
static GHashTable *
line_ids (const CrmQuote *quote)
{
  GHashTable *ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < quote->lines->len; i++)
    {
      CrmQuoteLine *line = g_ptr_array_index (quote->lines, i);
      g_hash_table_add (ids, &line->id);
    }
  return ids;
}

static gboolean
total_of (const CrmQuote  *quote,
          gint64          *grand_total,
          GError         **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };

  if (!crm_quote_compute_totals (quote, &totals, error))
    return FALSE;
  *grand_total = totals.grand_total;
  return TRUE;
}

/* The read-only fields of @quote as they are in @current, after a save. */
static void
copy_stored_fields (CrmQuote       *quote,
                    const CrmQuote *current,
                    const char     *now)
{
  g_free (quote->code);
  quote->code = g_strdup (current->code);
  quote->owner_id = current->owner_id;
  quote->status = current->status;
  g_free (quote->customer_code);
  quote->customer_code = g_strdup (current->customer_code);
  g_free (quote->customer_name);
  quote->customer_name = g_strdup (current->customer_name);
  g_free (quote->owner_name);
  quote->owner_name = g_strdup (current->owner_name);
  g_free (quote->accepted_at);
  quote->accepted_at = g_strdup (current->accepted_at);
  g_free (quote->rejected_at);
  quote->rejected_at = g_strdup (current->rejected_at);
  g_free (quote->created_at);
  quote->created_at = g_strdup (current->created_at);
  g_free (quote->updated_at);
  quote->updated_at = g_strdup (now ? now : current->updated_at);
}

static gboolean
write_save (CrmStore    *store,
            CrmSession  *session,
            CrmQuote    *quote,
            GError     **error)
{
  g_autoptr(CrmQuote) current = NULL;
  g_autoptr(GHashTable) kept_ids = NULL;
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *now = _crm_now_utc ();
  gint64 old_total = 0;
  gboolean revise;

  if (!(current = _crm_quote_store_load_for_change (store, session, quote->id, error)))
    return FALSE;
  if (current->row_version != quote->row_version)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
                   _("Quote %s was changed by someone else after you opened it. Your changes were not saved; reopen the quote to see theirs."),
                   current->code);
      return FALSE;
    }
  if (quote->customer_id != current->customer_id)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("A quote stays with its customer. Make a new quote for the other customer."));
      return FALSE;
    }
  if (crm_quote_same_content (current, quote))
    {
      quote->revision = current->revision;
      copy_stored_fields (quote, current, NULL);
      return TRUE;
    }
  if (!_crm_quote_store_require_unlocked (current, error) ||
      !check_contact (store, quote, error) ||
      !check_opportunity (store, quote, error) ||
      !crm_quote_compute_totals (quote, &totals, error) ||
      !total_of (current, &old_total, error))
    return FALSE;

  /* Once the customer has had a version, every change is a new one. */
  revise = current->status != CRM_QUOTE_STATUS_DRAFT;
  quote->revision = current->revision + (revise ? 1 : 0);
  copy_stored_fields (quote, current, now);
  kept_ids = line_ids (current);
  /* The customer's name may have changed since the quote was made. */
  if (!write_lines (store, quote, kept_ids, error) ||
      !update_quote (store, quote, &totals, current->row_version, now, error) ||
      !put_search_doc (store, quote, error) ||
      !audit_changes (store, session, current, quote, old_total, &totals, error) ||
      (revise && !_crm_quote_store_write_snapshot (store, session, quote, &totals, now, error)))
    return FALSE;
  quote->row_version = current->row_version + 1;
  return TRUE;
}

/**
 * crm_quote_store_save:
 * @quote: (inout): the edited quote, with the row_version it was read at;
 *   validated and normalised; on success it gets the new row_version,
 *   revision and line ids; on failure it is left as it was
 *
 * Saves the header and the lines, with the totals recomputed here, one
 * audit row per changed field, all or nothing; saving an unchanged quote
 * writes nothing.  A draft is changed in place; a quote that has been sent
 * gets a new revision with its immutable snapshot.  Refused with
 * %CRM_PERMISSION_ERROR for an accepted (locked) quote or a user who may
 * not change it, %CRM_STORE_ERROR_CONFLICT when someone saved it since it
 * was read, %CRM_STORE_ERROR_NOT_FOUND when it is gone or not visible, and
 * %CRM_VALIDATION_ERROR for bad input (a quote stays with its customer).
 */
gboolean
crm_quote_store_save (CrmStore    *store,
                      CrmSession  *session,
                      CrmQuote    *quote,
                      GError     **error)
{
  g_autoptr(CrmQuote) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);
  g_return_val_if_fail (quote->id > 0, FALSE);

  draft = crm_quote_copy (quote);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_quote_validate (draft, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_save (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  hand_back (quote, draft);
  return TRUE;
}

/* Status ------------------------------------------------------------------------------ */

/* Moves the quote to @status and stamps the decision dates, audited. */
gboolean
_crm_quote_store_set_status (CrmStore        *store,
                             CrmSession      *session,
                             const CrmQuote  *quote,
                             CrmQuoteStatus   status,
                             const char      *now,
                             GError         **error)
{
  static const char sql[] =
    "UPDATE quotes SET status = :status, accepted_at = :accepted, rejected_at = :rejected, "
    "  row_version = row_version + 1, updated_at = :now WHERE id = :id";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":status", crm_quote_status_to_string (status));
  _crm_bind_text (stmt, ":accepted", status == CRM_QUOTE_STATUS_ACCEPTED ? now : NULL);
  _crm_bind_text (stmt, ":rejected", status == CRM_QUOTE_STATUS_REJECTED ? now : NULL);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", quote->id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "status", "quote", quote->id, "status",
                           crm_quote_status_to_string (quote->status),
                           crm_quote_status_to_string (status), error);
}

static gboolean
write_decision (CrmStore        *store,
                CrmSession      *session,
                gint64           quote_id,
                CrmQuoteStatus   status,
                GError         **error)
{
  g_autoptr(CrmQuote) current = NULL;
  g_autofree char *now = _crm_now_utc ();

  if (!(current = _crm_quote_store_load_for_change (store, session, quote_id, error)) ||
      !_crm_quote_store_require_unlocked (current, error))
    return FALSE;
  if (current->status != CRM_QUOTE_STATUS_SENT)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Only a sent quote can be accepted or rejected. Quote %s is “%s”."),
                   current->code, crm_quote_status_label (current->status));
      return FALSE;
    }
  return _crm_quote_store_set_status (store, session, current, status, now, error);
}

static gboolean
decide (CrmStore        *store,
        CrmSession      *session,
        gint64           quote_id,
        CrmQuoteStatus   status,
        GError         **error)
{
  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_decision (store, session, quote_id, status, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_quote_store_accept:
 *
 * The customer accepted the sent quote: it is locked from now on.
 * Audited; refused unless the quote is sent.
 */
gboolean
crm_quote_store_accept (CrmStore    *store,
                        CrmSession  *session,
                        gint64       quote_id,
                        GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return decide (store, session, quote_id, CRM_QUOTE_STATUS_ACCEPTED, error);
}

/**
 * crm_quote_store_reject:
 *
 * The customer turned the sent quote down; it may still be revised and
 * sent again.  Audited; refused unless the quote is sent.
 */
gboolean
crm_quote_store_reject (CrmStore    *store,
                        CrmSession  *session,
                        gint64       quote_id,
                        GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return decide (store, session, quote_id, CRM_QUOTE_STATUS_REJECTED, error);
}

static gboolean
write_expiry (CrmStore     *store,
              CrmSession   *session,
              const char   *today,
              gint         *n_expired,
              GError      **error)
{
  static const char sql[] =
    "UPDATE quotes SET status = 'expired', row_version = row_version + 1, updated_at = :now "
    "WHERE status = 'sent' AND valid_until < :today RETURNING id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_text (stmt, ":today", today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    if (!_crm_store_audit (store, session, "status", "quote", g_array_index (ids, gint64, i),
                           "status", "sent", "expired", error))
      return FALSE;
  *n_expired = (gint) ids->len;
  return TRUE;
}

/**
 * crm_quote_store_expire_due:
 * @today: the business date ("yyyy-MM-dd" or "dd/MM/yyyy")
 *
 * Moves every sent quote whose validity date is before @today to expired,
 * one audit row each in @session's name.  A rule of the office rather
 * than a user's reading: it applies to every quote, whoever may see it,
 * and tells only how many expired.
 *
 * Returns: how many quotes expired, or -1 on error.
 */
gint
crm_quote_store_expire_due (CrmStore    *store,
                            CrmSession  *session,
                            const char  *today,
                            GError     **error)
{
  g_autofree char *day = NULL;
  gint n_expired = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!crm_date_parse (today, &day, error) ||
      !_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return -1;
  if (!write_expiry (store, session, day, &n_expired, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return -1;
    }
  return n_expired;
}

/* Lists ------------------------------------------------------------------------------ */

static CrmQuoteRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  CrmQuoteRow *row = g_new0 (CrmQuoteRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->code = _crm_column_text (stmt, 1);
  row->customer_id = sqlite3_column_int64 (stmt, 2);
  row->customer_code = _crm_column_text (stmt, 3);
  row->customer_name = _crm_column_text (stmt, 4);
  row->owner_id = sqlite3_column_int64 (stmt, 5);
  row->owner_name = _crm_column_text (stmt, 6);
  row->status = status_of (stmt, 7);
  row->revision = sqlite3_column_int (stmt, 8);
  row->issue_date = _crm_column_text (stmt, 9);
  row->valid_until = _crm_column_text (stmt, 10);
  row->grand_total = sqlite3_column_int64 (stmt, 11);
  return row;
}

static GPtrArray *
collect_rows (CrmStore      *store,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_row_free);
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

/**
 * crm_quote_store_list_for_customer:
 *
 * Returns: (transfer full) (element-type CrmQuoteRow): the customer's
 *   quotes @session may read, newest first, or %NULL with
 *   %CRM_PERMISSION_ERROR when the customer is not visible.
 */
GPtrArray *
crm_quote_store_list_for_customer (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       customer_id,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT " ROW_COLUMNS ROW_FROM "WHERE q.customer_id = :customer AND " VISIBLE_QUOTE " "
    "ORDER BY q.issue_date DESC, q.id DESC";
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

#define STATUS_FILTER "(:status IS NULL OR q.status = :status)"

/* CROSS JOIN keeps SQLite from running the full-text query once per
 * quote; the search documents hold the code, its numbers and the
 * customer's name and code, folded. */
#define SEARCH_FILTER \
  " AND q.id IN (SELECT d.ref_id FROM search_fts f CROSS JOIN search_docs d ON d.id = f.rowid " \
  "              WHERE search_fts MATCH :match AND d.kind = 'quote')"

/* Codes share their "BG-YYYY-" prefix within a year; a longer number is a
 * larger one. */
#define ORDER_CODE(dir)   "substr (q.code, 1, 8) " dir ", length (q.code) " dir ", q.code " dir
#define ORDER_STATUS(dir) \
  "CASE q.status WHEN 'draft' THEN 0 WHEN 'sent' THEN 1 WHEN 'accepted' THEN 2 " \
  "WHEN 'rejected' THEN 3 ELSE 4 END " dir ", " ORDER_CODE (dir)

/* The id breaks ties in the order's direction, so that the indexes of
 * migration 0007 serve the whole ORDER BY. */
#define PAGE_SQL(filters, order, dir) \
  "SELECT " ROW_COLUMNS ROW_FROM "WHERE " VISIBLE_QUOTE " AND " STATUS_FILTER filters " " \
  "ORDER BY " order ", q.id " dir " LIMIT :limit OFFSET :offset"

#define SORTS(filters) \
  { \
    [CRM_QUOTE_SORT_CODE] = { PAGE_SQL (filters, ORDER_CODE ("DESC"), "DESC"), \
                              PAGE_SQL (filters, ORDER_CODE ("ASC"), "ASC") }, \
    [CRM_QUOTE_SORT_ISSUE_DATE] = { PAGE_SQL (filters, "q.issue_date DESC, " ORDER_CODE ("DESC"), "DESC"), \
                                    PAGE_SQL (filters, "q.issue_date ASC, " ORDER_CODE ("ASC"), "ASC") }, \
    [CRM_QUOTE_SORT_TOTAL] = { PAGE_SQL (filters, "q.grand_total DESC, " ORDER_CODE ("DESC"), "DESC"), \
                               PAGE_SQL (filters, "q.grand_total ASC, " ORDER_CODE ("ASC"), "ASC") }, \
    [CRM_QUOTE_SORT_STATUS] = { PAGE_SQL (filters, ORDER_STATUS ("DESC"), "DESC"), \
                                PAGE_SQL (filters, ORDER_STATUS ("ASC"), "ASC") }, \
  }

/* One statement per search, sort and direction (descending first):
 * statements are cached by their text, and ORDER BY cannot be bound. */
static const char *const page_sql[2][CRM_QUOTE_SORT_N][2] = { SORTS (""), SORTS (SEARCH_FILTER) };

#define COUNT_SQL(filters) \
  "SELECT count(*) FROM quotes q JOIN customers c ON c.id = q.customer_id " \
  "WHERE " VISIBLE_QUOTE " AND " STATUS_FILTER filters

static const char *const count_sql[2] = { COUNT_SQL (""), COUNT_SQL (SEARCH_FILTER) };

/* The filter's statement bound: visibility, status, search. */
static sqlite3_stmt *
prepare_filtered (CrmStore              *store,
                  CrmSession            *session,
                  const char *const     *statements,
                  const CrmQuoteFilter  *filter,
                  GError               **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  if (filter->search != NULL && !crm_text_is_blank (filter->search))
    match = crm_search_build_match (filter->search);
  if (!(stmt = _crm_store_prepare (store, statements[match != NULL], error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_text (stmt, ":status", filter->status >= 0
                                   ? crm_quote_status_to_string ((CrmQuoteStatus) filter->status) : NULL);
  if (match != NULL)
    _crm_bind_text (stmt, ":match", match);
  return stmt;
}

/**
 * crm_quote_filter_new:
 *
 * Returns: (transfer full): a filter for every quote, by code descending
 */
CrmQuoteFilter *
crm_quote_filter_new (void)
{
  CrmQuoteFilter *filter = g_new0 (CrmQuoteFilter, 1);

  filter->status = -1;
  filter->sort = CRM_QUOTE_SORT_CODE;
  return filter;
}

CrmQuoteFilter *
crm_quote_filter_copy (const CrmQuoteFilter *filter)
{
  CrmQuoteFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->search = g_strdup (filter->search);
  return copy;
}

void
crm_quote_filter_free (CrmQuoteFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->search);
  g_free (filter);
}

gboolean
crm_quote_filter_equal (const CrmQuoteFilter *a,
                        const CrmQuoteFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->status == b->status && a->sort == b->sort && !a->ascending == !b->ascending &&
         g_strcmp0 (a->search, b->search) == 0;
}

/**
 * crm_quote_store_count_filtered:
 *
 * Returns: how many quotes @session reads through @filter (its sort
 *   aside), for a lazy list; -1 on error.
 */
gint64
crm_quote_store_count_filtered (CrmStore              *store,
                                CrmSession            *session,
                                const CrmQuoteFilter  *filter,
                                GError               **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);
  g_return_val_if_fail (filter != NULL, -1);

  if (!(stmt = prepare_filtered (store, session, count_sql, filter, error)))
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_quote_store_fetch_filtered:
 * @limit: how many at most
 *
 * One page of the quotes @session reads through @filter: a status, words
 * of the code or of the customer's name or code (tones and case aside),
 * sorted in SQL.
 *
 * Returns: (transfer full) (element-type CrmQuoteRow): the rows
 */
GPtrArray *
crm_quote_store_fetch_filtered (CrmStore              *store,
                                CrmSession            *session,
                                const CrmQuoteFilter  *filter,
                                guint                  offset,
                                guint                  limit,
                                GError               **error)
{
  const char *statements[2];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail ((guint) filter->sort < CRM_QUOTE_SORT_N, NULL);

  for (guint i = 0; i < 2; i++)
    statements[i] = page_sql[i][filter->sort][filter->ascending ? 1 : 0];
  if (!(stmt = prepare_filtered (store, session, statements, filter, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  return collect_rows (store, stmt, error);
}

/**
 * crm_quote_store_count:
 * @status: a #CrmQuoteStatus, or -1 for any
 *
 * Returns: how many quotes @session reads, for a lazy list; -1 on error.
 */
gint64
crm_quote_store_count (CrmStore    *store,
                       CrmSession  *session,
                       int          status,
                       GError     **error)
{
  CrmQuoteFilter filter = { .status = status };

  return crm_quote_store_count_filtered (store, session, &filter, error);
}

/**
 * crm_quote_store_fetch:
 * @status: a #CrmQuoteStatus, or -1 for any
 * @limit: how many at most
 *
 * One page of the quotes @session reads, sorted in SQL.
 *
 * Returns: (transfer full) (element-type CrmQuoteRow): the rows
 */
GPtrArray *
crm_quote_store_fetch (CrmStore      *store,
                       CrmSession    *session,
                       int            status,
                       CrmQuoteSort   sort,
                       gboolean       ascending,
                       guint          offset,
                       guint          limit,
                       GError       **error)
{
  CrmQuoteFilter filter = { .status = status, .sort = sort, .ascending = ascending };

  return crm_quote_store_fetch_filtered (store, session, &filter, offset, limit, error);
}

/**
 * crm_quote_store_get_opportunity:
 * @customer_id: (out): the opportunity's customer
 * @title: (out) (optional): its title
 *
 * The customer of an opportunity @session sees, to start a quote for it.
 * %CRM_STORE_ERROR_NOT_FOUND when it does not exist or is not visible.
 */
gboolean
crm_quote_store_get_opportunity (CrmStore    *store,
                                 CrmSession  *session,
                                 gint64       opportunity_id,
                                 gint64      *customer_id,
                                 char       **title,
                                 GError     **error)
{
  static const char sql[] =
    "SELECT o.customer_id, o.title FROM opportunities o JOIN customers c ON c.id = o.customer_id "
    "WHERE o.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND "
    CRM_VISIBLE_TRANSACTION ("c", "o.owner_id");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", opportunity_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *customer_id = sqlite3_column_int64 (stmt, 0);
      if (title != NULL)
        *title = _crm_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This opportunity does not exist or is not yours to see."));
  return FALSE;
}
