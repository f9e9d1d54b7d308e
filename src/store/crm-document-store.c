/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-document-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-document-store.h"
#include "crm-quote-store.h"
#include "crm-store-private.h"

/* A printed quote leaves the file as surely as an export does: who may
 * print is a per-user switch (users.may_print, which administrators do
 * not need), checked on the user's row at the moment of printing, and
 * every print or PDF of a document leaves audit rows. */

/**
 * crm_document_store_check_may_print:
 *
 * Refuses with %CRM_PERMISSION_ERROR_DENIED when the signed-in user is
 * neither an administrator nor allowed to print, or with
 * %CRM_PERMISSION_ERROR_INACTIVE once the account has been switched off.
 */
gboolean
crm_document_store_check_may_print (CrmStore    *store,
                                    CrmSession  *session,
                                    GError     **error)
{
  static const char sql[] = "SELECT role = 'admin' OR may_print = 1 FROM users WHERE id = :id";
  gboolean allowed = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!_crm_store_require_active (store, session, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", crm_session_get_user_id (session));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    allowed = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!allowed)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("You are not allowed to print documents. An administrator can allow it."));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_document_store_audit_print:
 * @entity: what was printed: "quote", "contract", "order"
 * @entity_id: its id
 * @revision: the version printed (1, 2, …)
 * @destination: the file written, or the printer
 *
 * Records that @session printed revision @revision of the document to
 * @destination: two audit rows with action "print" (fields "revision" and
 * "file") in one transaction.
 */
gboolean
crm_document_store_audit_print (CrmStore    *store,
                                CrmSession  *session,
                                const char  *entity,
                                gint64       entity_id,
                                gint         revision,
                                const char  *destination,
                                GError     **error)
{
  g_autofree char *version = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (entity != NULL && destination != NULL, FALSE);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  version = g_strdup_printf ("%d", revision);
  if (!_crm_store_audit (store, session, "print", entity, entity_id, "revision", NULL, version, error) ||
      !_crm_store_audit (store, session, "print", entity, entity_id, "file", NULL, destination, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_document_store_find_quote:
 * @code: "BG-2026-0042", in any case, spaces around ignored
 *
 * The quote with @code, if @session may read it.  A quote the user may
 * not see gets the same %CRM_STORE_ERROR_NOT_FOUND as a code that does
 * not exist, so codes cannot be probed.
 *
 * Returns: its id, or 0 with @error set
 */
gint64
crm_document_store_find_quote (CrmStore    *store,
                               CrmSession  *session,
                               const char  *code,
                               GError     **error)
{
  static const char sql[] = "SELECT id FROM quotes WHERE code = :code";
  g_autofree char *trimmed = NULL;
  g_autofree char *upper = NULL;
  g_autoptr(CrmQuote) quote = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (code != NULL, 0);

  trimmed = g_strstrip (g_strdup (code));
  upper = g_utf8_strup (trimmed, -1);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_text (stmt, ":code", upper);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return 0;
    }
  /* The quote store says "not found" alike for a missing and a hidden
   * quote: asking it for id 0 when nothing matched keeps the two the same. */
  if (!(quote = crm_quote_store_get (store, session, id, error)))
    return 0;
  return id;
}

#define FIND_IN(kind, table, alias) \
  "SELECT '" kind "', " alias ".id FROM " table " " alias " JOIN customers c ON c.id = " alias ".customer_id " \
  "WHERE " alias ".code = :code AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", alias ".owner_id")

/**
 * crm_document_store_find:
 * @code: a quote's, contract's or order's code ("HĐ-2026-0007"), in any
 *   case, spaces around ignored
 * @kind: (out): "quote", "contract" or "order"
 *
 * The sales document with @code, if @session may read it; one it may not
 * see is %CRM_STORE_ERROR_NOT_FOUND like a code that does not exist.
 *
 * Returns: its id, or 0 with @error set
 */
gint64
crm_document_store_find (CrmStore     *store,
                         CrmSession   *session,
                         const char   *code,
                         const char  **kind,
                         GError      **error)
{
  static const char sql[] =
    FIND_IN ("quote", "quotes", "q") " UNION ALL "
    FIND_IN ("contract", "contracts", "k") " UNION ALL "
    FIND_IN ("order", "orders", "r");
  g_autofree char *trimmed = NULL;
  g_autofree char *upper = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (code != NULL, 0);
  g_return_val_if_fail (kind != NULL, 0);

  trimmed = g_strstrip (g_strdup (code));
  upper = g_utf8_strup (trimmed, -1);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_text (stmt, ":code", upper);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *found = (const char *) sqlite3_column_text (stmt, 0);

      *kind = g_str_equal (found, "quote") ? "quote" : g_str_equal (found, "contract") ? "contract" : "order";
      id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return 0;
    }
  if (id == 0)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 _("No quote, contract or order has the code “%s”, or it is not yours to see."), trimmed);
  return id;
}
