/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-export-audit.h"
#include "crm-store-private.h"

/* Exports take data out of the file, where roles no longer protect it:
 * who may export is a per-user switch (users.may_export), and every
 * export leaves a line in the audit log. */

/**
 * crm_store_check_may_export:
 *
 * Refuses with %CRM_PERMISSION_ERROR_DENIED when the signed-in user is
 * not allowed to export, or %CRM_PERMISSION_ERROR_INACTIVE when the
 * account has been switched off since signing in.
 */
gboolean
crm_store_check_may_export (CrmStore    *store,
                            CrmSession  *session,
                            GError     **error)
{
  static const char sql[] = "SELECT may_export, active FROM users WHERE id = :id";
  sqlite3_stmt *stmt;
  gboolean may_export = FALSE, active = FALSE;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", crm_session_get_user_id (session));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      may_export = sqlite3_column_int (stmt, 0) != 0;
      active = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_ROW && !active)
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE,
                   _("This account has been switched off."));
      return FALSE;
    }
  if (!may_export)
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                   _("You are not allowed to export data. An administrator can allow it."));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_store_audit_export:
 * @what: the entity exported, e.g. "customer"
 * @destination: the file written
 * @n_rows: how many records it holds
 *
 * Records that @session exported @n_rows records of @what to
 * @destination: two audit rows (fields "rows" and "file") in one
 * transaction.  Refused with %CRM_PERMISSION_ERROR_INACTIVE once the
 * account has been switched off.
 */
gboolean
crm_store_audit_export (CrmStore    *store,
                        CrmSession  *session,
                        const char  *what,
                        const char  *destination,
                        guint64      n_rows,
                        GError     **error)
{
  g_autofree char *rows = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (what != NULL && destination != NULL, FALSE);

  if (!_crm_store_require_active (store, session, error))
    return FALSE;
  rows = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);
  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!_crm_store_audit (store, session, "export", what, 0, "rows", NULL, rows, error) ||
      !_crm_store_audit (store, session, "export", what, 0, "file", NULL, destination, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
