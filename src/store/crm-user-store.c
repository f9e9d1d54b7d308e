/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-user-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-user-store.h"

/* Users, teams and company settings.  Sign-in with passwords arrives with
 * the users issue; until then the store opens sessions by user id, and a new
 * database gets one administrator. */

static gboolean
require_admin (CrmSession  *session,
               GError     **error)
{
  if (crm_session_get_role (session) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only an administrator may do this."));
  return FALSE;
}

static CrmVisibility
read_visibility (CrmStore *store)
{
  g_autofree char *value = NULL;

  if (!_crm_store_get_setting (store, "customer_visibility", &value, NULL))
    return CRM_VISIBILITY_OWN;
  return g_strcmp0 (value, "shared") == 0 ? CRM_VISIBILITY_SHARED : CRM_VISIBILITY_OWN;
}

static CrmSession *
session_from_stmt (CrmStore      *store,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  CrmSession *session = NULL;
  CrmRole role = CRM_ROLE_STAFF;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW && !sqlite3_column_int (stmt, 5))
    g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE,
                         _("This user account has been deactivated."));
  else if (rc == SQLITE_ROW)
    {
      crm_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &role);
      session = crm_session_new (sqlite3_column_int64 (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2),
                                 role,
                                 sqlite3_column_int64 (stmt, 4),
                                 read_visibility (store));
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("There is no such user."));
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return session;
}

CrmSession *
crm_user_store_open_session (CrmStore  *store,
                             gint64     user_id,
                             GError   **error)
{
  static const char sql[] =
    "SELECT id, login, full_name, role, team_id, active FROM users WHERE id = :id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", user_id);
  return session_from_stmt (store, stmt, error);
}

CrmSession *
crm_user_store_session_for (CrmStore    *store,
                            const char  *login,
                            GError     **error)
{
  static const char sql[] =
    "SELECT id, login, full_name, role, team_id, active FROM users WHERE login = :login";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (login != NULL, NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":login", login);
  return session_from_stmt (store, stmt, error);
}

static gint64
insert_user (CrmStore    *store,
             gint64       created_by,
             const char  *login,
             const char  *full_name,
             CrmRole      role,
             gint64       team_id,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO users (login, full_name, sort_key, role, team_id, created_at, updated_at, created_by) "
    "VALUES (:login, :name, :sort, :role, :team, :now, :now, :by)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *sort_key = crm_text_person_sort_key (full_name);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_text (stmt, ":login", login);
  _crm_bind_text (stmt, ":name", full_name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":role", crm_role_to_string (role));
  _crm_bind_id (stmt, ":team", team_id);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":by", created_by);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("The login “%s” is already taken."), login);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return 0;
    }
  return sqlite3_last_insert_rowid (_crm_store_get_db (store));
}

void
crm_user_entry_free (CrmUserEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->login);
  g_free (entry->full_name);
  g_free (entry);
}

/* The name people know a user by; NOT_FOUND for an unknown id.  Names
 * are not secret: they appear on every record a user touched. */
char *
crm_user_store_get_full_name (CrmStore  *store,
                              gint64     user_id,
                              GError   **error)
{
  static const char sql[] = "SELECT full_name FROM users WHERE id = :id";
  char *name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (name == NULL)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("There is no such user."));
  return name;
}

/**
 * crm_user_store_list_assignees:
 *
 * The active users @session may give customers to, by given name:
 * everyone for an administrator, the team and themselves for a manager,
 * only themselves for staff (who cannot reassign).
 *
 * Returns: (transfer full) (element-type CrmUserEntry)
 */
GPtrArray *
crm_user_store_list_assignees (CrmStore    *store,
                               CrmSession  *session,
                               GError     **error)
{
  static const char sql[] =
    "SELECT u.id, u.login, u.full_name, u.role, coalesce (u.team_id, 0) FROM users u "
    "WHERE u.active = 1 AND (:v_admin = 1 OR u.id = :v_uid OR (:v_team > 0 AND u.team_id = :v_team)) "
    "ORDER BY u.sort_key, u.id";
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_user_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmUserEntry *entry = g_new0 (CrmUserEntry, 1);
      g_autofree char *role = _crm_column_text (stmt, 3);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->login = _crm_column_text (stmt, 1);
      entry->full_name = _crm_column_text (stmt, 2);
      if (!crm_role_from_string (role, &entry->role))
        entry->role = CRM_ROLE_STAFF;
      entry->team_id = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (users, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}

gint64
crm_user_store_count (CrmStore  *store,
                      GError   **error)
{
  gint64 count = -1;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);

  if (!_crm_query_int (_crm_store_get_db (store), "SELECT count(*) FROM users", &count,
                       crm_store_get_path (store), error))
    return -1;
  return count;
}

/**
 * crm_user_store_ensure_admin:
 *
 * Returns a session for the first active administrator, creating the
 * administrator account "admin" in a database that has no user yet.
 */
CrmSession *
crm_user_store_ensure_admin (CrmStore  *store,
                             GError   **error)
{
  static const char sql[] =
    "SELECT id, login, full_name, role, team_id, active FROM users "
    "WHERE role = 'admin' AND active = 1 ORDER BY id LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 count = crm_user_store_count (store, error);
  gint64 id;

  if (count < 0)
    return NULL;
  if (count == 0)
    {
      if (!_crm_store_begin (store, error))
        return NULL;
      id = insert_user (store, 0, "admin", _("Administrator"), CRM_ROLE_ADMIN, 0, error);
      /* Nobody is signed in yet: the audit row names no user. */
      if (id == 0 ||
          !_crm_store_audit (store, NULL, "create", "user", id, NULL, NULL, "admin", error) ||
          !_crm_store_commit (store, error))
        {
          _crm_store_rollback (store);
          return NULL;
        }
    }

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  return session_from_stmt (store, stmt, error);
}

gint64
crm_user_store_create (CrmStore    *store,
                       CrmSession  *session,
                       const char  *login,
                       const char  *full_name,
                       CrmRole      role,
                       gint64       team_id,
                       GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  if (!require_admin (session, error))
    return 0;
  if (login == NULL || *login == '\0' || full_name == NULL || *full_name == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A user needs a login and a full name."));
      return 0;
    }
  if (!_crm_store_begin (store, error))
    return 0;
  id = insert_user (store, crm_session_get_user_id (session), login, full_name, role, team_id, error);
  if (id == 0 ||
      !_crm_store_audit (store, session, "create", "user", id, NULL, NULL, login, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  return id;
}

gint64
crm_user_store_create_team (CrmStore    *store,
                            CrmSession  *session,
                            const char  *name,
                            GError     **error)
{
  static const char sql[] =
    "INSERT INTO teams (name, created_at, updated_at, created_by) VALUES (:name, :now, :now, :by)";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  if (!require_admin (session, error) || !_crm_store_begin (store, error))
    return 0;
  if ((stmt = _crm_store_prepare (store, sql, error)))
    {
      _crm_bind_text (stmt, ":name", name);
      _crm_bind_text (stmt, ":now", now);
      _crm_bind_id (stmt, ":by", crm_session_get_user_id (session));
      if (_crm_store_step_done (store, stmt, error))
        id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
    }
  if (id == 0 ||
      !_crm_store_audit (store, session, "create", "team", id, NULL, NULL, name, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  return id;
}

gboolean
crm_user_store_set_active (CrmStore    *store,
                           CrmSession  *session,
                           gint64       user_id,
                           gboolean     active,
                           GError     **error)
{
  static const char sql[] =
    "UPDATE users SET active = :active, updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!require_admin (session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  _crm_bind_int64 (stmt, ":active", active ? 1 : 0);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", user_id);
  if (!_crm_store_step_done (store, stmt, error) ||
      !_crm_store_audit (store, session, "update", "user", user_id, "active",
                         active ? "0" : "1", active ? "1" : "0", error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

char *
crm_settings_get (CrmStore    *store,
                  const char  *key,
                  GError     **error)
{
  char *value = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!_crm_store_get_setting (store, key, &value, error))
    return NULL;
  return value;
}

gboolean
crm_settings_set (CrmStore    *store,
                  CrmSession  *session,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (:key, :value, :now, :by) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
    "updated_by = excluded.updated_by";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!require_admin (session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!_crm_store_get_setting (store, key, &old_value, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  _crm_bind_text (stmt, ":key", key);
  _crm_bind_text (stmt, ":value", value);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":by", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error) ||
      !_crm_store_audit (store, session, "update", "setting", 0, key, old_value, value, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
