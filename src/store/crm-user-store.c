/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-user-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-password.h"
#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-user-store-private.h"
#include "crm-validate.h"

/* Users, teams, sign-in and company settings.  Passwords are kept only as
 * Argon2id hashes (crm-password.c); a session comes from signing in, or,
 * for tests and demo data, by user id. */

G_DEFINE_BOXED_TYPE (CrmUserInfo, crm_user_info, crm_user_info_copy, crm_user_info_free)
G_DEFINE_BOXED_TYPE (CrmTeamInfo, crm_team_info, crm_team_info_copy, crm_team_info_free)

/* The clock of locks: Unix seconds; replaced by tests. */
static gint64 (*sign_in_clock) (void) = NULL;

/* The columns of CrmUserInfo, in the order read_user_info() reads them. */
#define USER_INFO_COLUMNS \
  "u.id, u.login, u.full_name, u.email, u.phone, u.role, coalesce (u.team_id, 0), t.name, " \
  "u.active, u.password_hash IS NOT NULL, u.failed_logins, u.locked_until, u.may_export, " \
  "u.may_print, u.may_delete, u.may_see_cost, u.last_sign_in_at, u.created_at, u.updated_at, " \
  "coalesce (u.created_by, 0) "

/* An administrator whose account is still active: a session outlives the
 * deactivation of its user. */
static gboolean
require_admin (CrmStore    *store,
               CrmSession  *session,
               GError     **error)
{
  if (crm_session_get_role (session) != CRM_ROLE_ADMIN)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only an administrator may do this."));
      return FALSE;
    }
  return _crm_store_require_active (store, session, error);
}

static CrmVisibility
read_visibility (CrmStore *store)
{
  g_autofree char *value = NULL;

  if (!_crm_store_get_setting (store, "customer_visibility", &value, NULL))
    return CRM_VISIBILITY_OWN;
  return g_strcmp0 (value, "shared") == 0 ? CRM_VISIBILITY_SHARED : CRM_VISIBILITY_OWN;
}

static gint64
now_unix (void)
{
  return sign_in_clock != NULL ? sign_in_clock () : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
format_utc (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* Seconds since 1970 of a stored ISO-8601 UTC time; 0 for none. */
static gint64
parse_utc (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || !(time = g_date_time_new_from_iso8601 (text, NULL)))
    return 0;
  return g_date_time_to_unix (time);
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
set_wrong_login_error (GError **error)
{
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("The login or the password is wrong."));
}

static void
set_locked_error (gint64    until,
                  GError  **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *when = g_date_time_format (local, "%H:%M %d/%m/%Y");

  g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
               _("Too many wrong passwords: this account is locked until %s. Try again then, or ask an administrator to set a new password."),
               when);
}

static void
set_no_user_error (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("There is no such user."));
}

static void
set_no_team_error (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("There is no such team."));
}

/* Validation ------------------------------------------------------------------ */

/* A login as it is stored and looked up: trimmed and in NFC, so that "hùng"
 * typed with a combining accent finds "hùng"; "" for text that is not UTF-8. */
static char *
normalize_login (const char *login)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (login ? login : ""));
  char *normalized = g_utf8_validate (trimmed, -1, NULL)
                     ? g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC) : NULL;

  return normalized != NULL ? normalized : g_strdup ("");
}

/* A login fit to store; logins are typed at every sign-in, so they have
 * no spaces inside. */
static char *
check_login (const char  *login,
             GError     **error)
{
  g_autofree char *trimmed = normalize_login (login);

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A user needs a login."));
      return NULL;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                             _("A login cannot contain spaces."));
        return NULL;
      }
  return g_steal_pointer (&trimmed);
}

static char *
check_full_name (const char  *full_name,
                 GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (full_name ? full_name : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A user needs a full name."));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

/* An optional field checked by @check: blank gives *value NULL. */
static gboolean
check_optional (const char  *text,
                gboolean   (*check) (const char *, char **, GError **),
                char       **value,
                GError     **error)
{
  *value = NULL;
  if (crm_text_is_blank (text))
    return TRUE;
  return check (text, value, error);
}

/* Sessions ---------------------------------------------------------------------- */

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
      crm_session_set_permissions (session,
                                   (sqlite3_column_int (stmt, 6) ? CRM_PERMISSION_EXPORT : 0) |
                                   (sqlite3_column_int (stmt, 7) ? CRM_PERMISSION_PRINT : 0) |
                                   (sqlite3_column_int (stmt, 8) ? CRM_PERMISSION_DELETE : 0) |
                                   (sqlite3_column_int (stmt, 9) ? CRM_PERMISSION_SEE_COST : 0));
    }
  else if (rc == SQLITE_DONE)
    set_no_user_error (error);
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
    "SELECT id, login, full_name, role, team_id, active, may_export, may_print, may_delete, may_see_cost FROM users WHERE id = :id";
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
    "SELECT id, login, full_name, role, team_id, active, may_export, may_print, may_delete, may_see_cost FROM users WHERE login = :login";
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

/* Value types -------------------------------------------------------------------- */

void
crm_user_entry_free (CrmUserEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->login);
  g_free (entry->full_name);
  g_free (entry);
}

CrmUserInfo *
crm_user_info_copy (const CrmUserInfo *self)
{
  CrmUserInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->login = g_strdup (self->login);
  copy->full_name = g_strdup (self->full_name);
  copy->email = g_strdup (self->email);
  copy->phone = g_strdup (self->phone);
  copy->team_name = g_strdup (self->team_name);
  copy->locked_until = g_strdup (self->locked_until);
  copy->last_sign_in_at = g_strdup (self->last_sign_in_at);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
crm_user_info_free (CrmUserInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->login);
  g_free (self->full_name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->team_name);
  g_free (self->locked_until);
  g_free (self->last_sign_in_at);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

void
crm_user_update_init (CrmUserUpdate     *update,
                      const CrmUserInfo *info)
{
  g_return_if_fail (update != NULL);
  g_return_if_fail (info != NULL);

  update->id = info->id;
  update->full_name = info->full_name;
  update->email = info->email;
  update->phone = info->phone;
  update->role = info->role;
  update->team_id = info->team_id;
  update->active = info->active;
  update->may_export = info->may_export;
  update->may_print = info->may_print;
  update->may_delete = info->may_delete;
  update->may_see_cost = info->may_see_cost;
}

CrmTeamInfo *
crm_team_info_copy (const CrmTeamInfo *self)
{
  CrmTeamInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->manager_name = g_strdup (self->manager_name);
  return copy;
}

void
crm_team_info_free (CrmTeamInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->manager_name);
  g_free (self);
}

/* Reads a row of USER_INFO_COLUMNS. */
static CrmUserInfo *
read_user_info (sqlite3_stmt *stmt)
{
  CrmUserInfo *info = g_new0 (CrmUserInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->login = _crm_column_text (stmt, 1);
  info->full_name = _crm_column_text (stmt, 2);
  info->email = _crm_column_text (stmt, 3);
  info->phone = _crm_column_text (stmt, 4);
  if (!crm_role_from_string ((const char *) sqlite3_column_text (stmt, 5), &info->role))
    info->role = CRM_ROLE_STAFF;
  info->team_id = sqlite3_column_int64 (stmt, 6);
  info->team_name = _crm_column_text (stmt, 7);
  info->active = sqlite3_column_int (stmt, 8) != 0;
  info->has_password = sqlite3_column_int (stmt, 9) != 0;
  info->failed_logins = (guint) MAX (sqlite3_column_int (stmt, 10), 0);
  info->locked_until = _crm_column_text (stmt, 11);
  info->may_export = sqlite3_column_int (stmt, 12) != 0;
  info->may_print = sqlite3_column_int (stmt, 13) != 0;
  info->may_delete = sqlite3_column_int (stmt, 14) != 0;
  info->may_see_cost = sqlite3_column_int (stmt, 15) != 0;
  info->last_sign_in_at = _crm_column_text (stmt, 16);
  info->created_at = _crm_column_text (stmt, 17);
  info->updated_at = _crm_column_text (stmt, 18);
  info->created_by = sqlite3_column_int64 (stmt, 19);
  return info;
}

/* One user's row; NOT_FOUND for an unknown id. */
static CrmUserInfo *
get_user_info (CrmStore  *store,
               gint64     user_id,
               GError   **error)
{
  static const char sql[] =
    "SELECT " USER_INFO_COLUMNS "FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = :id";
  CrmUserInfo *info = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    info = read_user_info (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (info == NULL)
    set_no_user_error (error);
  return info;
}

/* Rows of (id, login, full_name, role, team_id) as CrmUserEntry. */
static GPtrArray *
collect_entries (CrmStore      *store,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_user_entry_free);
  int rc;

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
    set_no_user_error (error);
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
    "WHERE u.active = 1 AND " CRM_ACTIVE_VIEWER " "
    "AND (:v_admin = 1 OR u.id = :v_uid OR (:v_team > 0 AND u.team_id = :v_team)) "
    "ORDER BY u.sort_key, u.id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  return collect_entries (store, stmt, error);
}

/**
 * crm_user_store_list_for_sign_in:
 *
 * Returns: (transfer full) (element-type CrmUserEntry): the active users
 * who can sign in, by given name.
 */
GPtrArray *
crm_user_store_list_for_sign_in (CrmStore  *store,
                                 GError   **error)
{
  static const char sql[] =
    "SELECT id, login, full_name, role, coalesce (team_id, 0) FROM users "
    "WHERE active = 1 AND password_hash IS NOT NULL ORDER BY sort_key, id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  return collect_entries (store, stmt, error);
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
 * administrator account "admin" (without a password) in a database that
 * has no user yet.  For tests and demo data: it lets no one in.
 */
CrmSession *
crm_user_store_ensure_admin (CrmStore  *store,
                             GError   **error)
{
  static const char sql[] =
    "SELECT id, login, full_name, role, team_id, active, may_export, may_print, may_delete, may_see_cost FROM users "
    "WHERE role = 'admin' AND active = 1 ORDER BY id LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 count;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if ((count = crm_user_store_count (store, error)) < 0)
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
  g_autofree char *clean_login = NULL;
  g_autofree char *clean_name = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  if (!require_admin (store, session, error) ||
      !(clean_login = check_login (login, error)) ||
      !(clean_name = check_full_name (full_name, error)))
    return 0;
  if (!_crm_store_begin (store, error))
    return 0;
  id = insert_user (store, crm_session_get_user_id (session), clean_login, clean_name, role, team_id, error);
  if (id == 0 ||
      !_crm_store_audit (store, session, "create", "user", id, NULL, NULL, clean_login, error) ||
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

  if (!require_admin (store, session, error) || !_crm_store_begin (store, error))
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
  g_autoptr(CrmUserInfo) info = NULL;
  CrmUserUpdate update;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_admin (store, session, error) || !(info = get_user_info (store, user_id, error)))
    return FALSE;
  crm_user_update_init (&update, info);
  update.active = active;
  return crm_user_store_update_user (store, session, &update, error);
}

/* Sign-in ------------------------------------------------------------------------- */

void
_crm_user_store_set_clock (gint64 (*now) (void))
{
  sign_in_clock = now;
}

/* What sign-in reads before checking the password. */
typedef struct
{
  gint64   id;
  char    *login;
  char    *full_name;
  CrmRole  role;
  gint64   team_id;
  gboolean active;
  char    *hash;
  guint    permissions;   /* CrmPermission flags */
} SignInRow;

static void
sign_in_row_clear (SignInRow *row)
{
  g_free (row->login);
  g_free (row->full_name);
  g_free (row->hash);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SignInRow, sign_in_row_clear)

/* row->id stays 0 for an unknown login. */
static gboolean
read_sign_in_row (CrmStore    *store,
                  const char  *login,
                  SignInRow   *row,
                  GError     **error)
{
  static const char sql[] =
    "SELECT id, login, full_name, role, coalesce (team_id, 0), active, password_hash, "
    "  may_export, may_print, may_delete, may_see_cost "
    "FROM users WHERE login = :login";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":login", login);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = sqlite3_column_int64 (stmt, 0);
      row->login = _crm_column_text (stmt, 1);
      row->full_name = _crm_column_text (stmt, 2);
      if (!crm_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &row->role))
        row->role = CRM_ROLE_STAFF;
      row->team_id = sqlite3_column_int64 (stmt, 4);
      row->active = sqlite3_column_int (stmt, 5) != 0;
      row->hash = _crm_column_text (stmt, 6);
      row->permissions = (sqlite3_column_int (stmt, 7) ? CRM_PERMISSION_EXPORT : 0) |
                         (sqlite3_column_int (stmt, 8) ? CRM_PERMISSION_PRINT : 0) |
                         (sqlite3_column_int (stmt, 9) ? CRM_PERMISSION_DELETE : 0) |
                         (sqlite3_column_int (stmt, 10) ? CRM_PERMISSION_SEE_COST : 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The failure count and lock end as they are now, inside the transaction,
 * so that two wrong attempts at once both count. */
static gboolean
read_lock_state (CrmStore  *store,
                 gint64     user_id,
                 gint64    *failed,
                 gint64    *locked_until,
                 GError   **error)
{
  static const char sql[] = "SELECT failed_logins, locked_until FROM users WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", user_id);
  rc = sqlite3_step (stmt);
  *failed = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *locked_until = rc == SQLITE_ROW ? parse_utc ((const char *) sqlite3_column_text (stmt, 1)) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_no_user_error (error);
      else
        _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_lock_state (CrmStore    *store,
                  gint64       user_id,
                  gint64       failed,
                  const char  *locked_until,
                  const char  *signed_in_at,
                  GError     **error)
{
  static const char sql[] =
    "UPDATE users SET failed_logins = :failed, locked_until = :until, "
    "last_sign_in_at = coalesce (:signed_in, last_sign_in_at) WHERE id = :id";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":failed", failed);
  _crm_bind_text (stmt, ":until", locked_until);
  _crm_bind_text (stmt, ":signed_in", signed_in_at);
  _crm_bind_int64 (stmt, ":id", user_id);
  return _crm_store_step_done (store, stmt, error);
}

/* Writes the outcome of one attempt inside the caller's transaction.
 * Returns FALSE only when the database fails (@error); a refused attempt
 * returns TRUE with @refusal set, so that its rows are committed. */
static gboolean
record_attempt (CrmStore     *store,
                const char   *login,
                SignInRow    *row,
                gboolean      verified,
                CrmSession  **session,
                GError      **refusal,
                GError      **error)
{
  gint64 now = now_unix ();
  gint64 failed, locked_until;
  g_autofree char *old_count = NULL;
  g_autofree char *new_count = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *now_text = NULL;

  if (row->id == 0)
    {
      set_wrong_login_error (refusal);
      return _crm_store_audit (store, NULL, "sign_in_failed", "user", 0, "login", NULL, login, error);
    }
  if (!read_lock_state (store, row->id, &failed, &locked_until, error))
    return FALSE;

  if (locked_until > now)
    {
      until_text = format_utc (locked_until);
      set_locked_error (locked_until, refusal);
      return _crm_store_audit (store, NULL, "sign_in_failed", "user", row->id, "locked_until",
                               NULL, until_text, error);
    }

  if (!verified)
    {
      /* A lock that has run out gives a fresh count. */
      gint64 count = (locked_until > 0 ? 0 : failed) + 1;

      if (count >= CRM_SIGN_IN_MAX_FAILURES)
        until_text = format_utc (now + CRM_SIGN_IN_LOCK_MINUTES * 60);
      old_count = int_text (failed);
      new_count = int_text (count);
      set_wrong_login_error (refusal);
      return write_lock_state (store, row->id, count, until_text, NULL, error) &&
             _crm_store_audit (store, NULL, "sign_in_failed", "user", row->id, "failed_logins",
                               old_count, new_count, error) &&
             (until_text == NULL ||
              _crm_store_audit (store, NULL, "lock", "user", row->id, "locked_until",
                                NULL, until_text, error));
    }

  if (!row->active)
    {
      g_set_error_literal (refusal, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE,
                           _("This user account has been deactivated."));
      return _crm_store_audit (store, NULL, "sign_in_failed", "user", row->id, "active",
                               NULL, "0", error);
    }

  now_text = _crm_now_utc ();
  *session = crm_session_new (row->id, row->login, row->full_name, row->role, row->team_id,
                              read_visibility (store));
  /* The buttons a user sees follow these; the store checks the row again. */
  crm_session_set_permissions (*session, row->permissions);
  return write_lock_state (store, row->id, 0, NULL, now_text, error) &&
         _crm_store_audit (store, *session, "sign_in", "user", row->id, NULL, NULL, NULL, error);
}

/**
 * crm_user_store_sign_in:
 * @login: as typed; spaces around it are ignored
 * @password: as typed
 *
 * See the header for the rules.  The password is checked before the
 * write transaction starts: hashing takes a tenth of a second, which
 * other writers should not wait for.
 *
 * Returns: (transfer full): the user's session, or %NULL with @error
 */
CrmSession *
crm_user_store_sign_in (CrmStore    *store,
                        const char  *login,
                        const char  *password,
                        GError     **error)
{
  g_auto(SignInRow) row = { 0, };
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autofree char *clean_login = NULL;
  gboolean verified;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean_login = normalize_login (login);
  if (!read_sign_in_row (store, clean_login, &row, error))
    return NULL;
  verified = row.id > 0 && password != NULL && crm_password_verify (row.hash, password);

  if (!_crm_store_begin (store, error))
    return NULL;
  if (!record_attempt (store, clean_login, &row, verified, &session, &refusal, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return NULL;
    }
  if (refusal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refusal));
      return NULL;
    }
  return g_steal_pointer (&session);
}

/* Passwords ------------------------------------------------------------------------ */

static gboolean
read_password_hash (CrmStore   *store,
                    gint64      user_id,
                    char      **hash,
                    GError    **error)
{
  static const char sql[] = "SELECT password_hash FROM users WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  *hash = NULL;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *hash = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    set_no_user_error (error);
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  return rc == SQLITE_ROW;
}

/* Writes a hash made outside the transaction; a new password also lifts a
 * lock. */
static gboolean
write_password_hash (CrmStore    *store,
                     CrmSession  *session,
                     gint64       user_id,
                     const char  *hash,
                     const char  *audit_value,
                     GError     **error)
{
  static const char sql[] =
    "UPDATE users SET password_hash = :hash, failed_logins = 0, locked_until = NULL, "
    "updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":hash", hash);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", user_id);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (store)) == 0)
    {
      set_no_user_error (error);
      return FALSE;
    }
  return _crm_store_audit (store, session, "update", "user", user_id, "password", NULL, audit_value, error);
}

gboolean
_crm_user_store_put_password (CrmStore     *store,
                              CrmSession   *session,
                              gint64        user_id,
                              const char   *password,
                              gboolean      only_if_unset,
                              GError      **error)
{
  g_autofree char *old_hash = NULL;
  g_autofree char *hash = NULL;

  g_assert (!sqlite3_get_autocommit (_crm_store_get_db (store)));

  if (only_if_unset)
    {
      if (!read_password_hash (store, user_id, &old_hash, error))
        return FALSE;
      if (old_hash != NULL)
        return TRUE;
    }
  return (hash = crm_password_hash (password, error)) != NULL &&
         write_password_hash (store, session, user_id, hash, "reset", error);
}

gboolean
crm_user_store_set_password (CrmStore    *store,
                             CrmSession  *session,
                             gint64       user_id,
                             const char  *new_password,
                             const char  *old_password,
                             GError     **error)
{
  gboolean own;
  g_autofree char *old_hash = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_crm_store_require_active (store, session, error))
    return FALSE;
  own = user_id == crm_session_get_user_id (session);
  if (!own && crm_session_get_role (session) != CRM_ROLE_ADMIN)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only an administrator may set another user's password."));
      return FALSE;
    }
  if (!read_password_hash (store, user_id, &old_hash, error))
    return FALSE;
  if (own && (old_password == NULL || !crm_password_verify (old_hash, old_password)))
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("The current password is wrong."));
      return FALSE;
    }
  if (!crm_password_check_strength (new_password, error) ||
      !(hash = crm_password_hash (new_password, error)))
    return FALSE;

  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!write_password_hash (store, session, user_id, hash, own ? "changed" : "reset", error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Settings -------------------------------------------------------------------------- */

/* Writes one setting with its audit row; @audit_value replaces the value
 * in the audit log when the value is too big to copy there (a logo). */
static gboolean
put_setting (CrmStore    *store,
             CrmSession  *session,
             const char  *key,
             const char  *value,
             const char  *audit_value,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (:key, :value, :now, :by) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
    "updated_by = excluded.updated_by";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  if (!_crm_store_get_setting (store, key, &old_value, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":key", key);
  _crm_bind_text (stmt, ":value", value);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":by", crm_session_get_user_id (session));
  if (audit_value != NULL && old_value != NULL)
    g_clear_pointer (&old_value, g_free);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "setting", 0, key, old_value,
                           audit_value ? audit_value : value, error);
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
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!require_admin (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!put_setting (store, session, key, value, NULL, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* First start ----------------------------------------------------------------------- */

gboolean
crm_user_store_needs_setup (CrmStore  *store,
                            gboolean  *needs,
                            GError   **error)
{
  static const char sql[] =
    "SELECT NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1 "
    "AND password_hash IS NOT NULL)";
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (needs != NULL, FALSE);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  *needs = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The company as it will be stored: trimmed, normalised, checked. */
typedef struct
{
  char *name;
  char *address;
  char *tax_code;
  char *phone;
  char *logo;
  char *logo_note;
} CleanCompany;

static void
clean_company_clear (CleanCompany *company)
{
  g_free (company->name);
  g_free (company->address);
  g_free (company->tax_code);
  g_free (company->phone);
  g_free (company->logo);
  g_free (company->logo_note);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CleanCompany, clean_company_clear)

static gboolean
check_company (const CrmCompanyInfo  *company,
               CleanCompany          *clean,
               GError               **error)
{
  if (crm_text_is_blank (company->name))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Type the company's name."));
      return FALSE;
    }
  clean->name = g_strstrip (g_strdup (company->name));
  if (!crm_text_is_blank (company->address))
    clean->address = g_strstrip (g_strdup (company->address));
  if (!check_optional (company->tax_code, crm_tax_code_validate, &clean->tax_code, error) ||
      !check_optional (company->phone, crm_phone_normalize, &clean->phone, error))
    return FALSE;
  if (company->logo != NULL && g_bytes_get_size (company->logo) > 0)
    {
      gsize size = g_bytes_get_size (company->logo);

      clean->logo = g_base64_encode (g_bytes_get_data (company->logo, NULL), size);
      clean->logo_note = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", size);
    }
  return TRUE;
}

/* The first administrator (the account ensure_admin() made, or one of an
 * older database), or 0 when there is none. */
static gboolean
find_first_admin (CrmStore  *store,
                  gint64    *id,
                  char     **login,
                  char     **full_name,
                  GError   **error)
{
  static const char sql[] =
    "SELECT id, login, full_name FROM users WHERE role = 'admin' ORDER BY active DESC, id LIMIT 1";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *login = rc == SQLITE_ROW ? _crm_column_text (stmt, 1) : NULL;
  *full_name = rc == SQLITE_ROW ? _crm_column_text (stmt, 2) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rename_admin (CrmStore    *store,
              gint64       id,
              const char  *login,
              const char  *full_name,
              GError     **error)
{
  static const char sql[] =
    "UPDATE users SET login = :login, full_name = :name, sort_key = :sort, active = 1, "
    "updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *sort_key = crm_text_person_sort_key (full_name);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":login", login);
  _crm_bind_text (stmt, ":name", full_name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("The login “%s” is already taken."), login);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Inside the transaction: names the administrator, sets the password and
 * writes the company, audited as the new administrator. */
static CrmSession *
write_setup (CrmStore            *store,
             const char          *login,
             const char          *full_name,
             const char          *hash,
             const CleanCompany  *company,
             GError             **error)
{
  g_autoptr(CrmSession) admin = NULL;
  g_autofree char *old_login = NULL;
  g_autofree char *old_name = NULL;
  gboolean needs = FALSE;
  gint64 id = 0;

  if (!crm_user_store_needs_setup (store, &needs, error))
    return NULL;
  if (!needs)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Sổ Khách has already been set up. Sign in as an administrator to change the company's details."));
      return NULL;
    }
  if (!find_first_admin (store, &id, &old_login, &old_name, error))
    return NULL;
  if (id == 0)
    {
      if (!(id = insert_user (store, 0, login, full_name, CRM_ROLE_ADMIN, 0, error)) ||
          !(admin = crm_user_store_open_session (store, id, error)) ||
          !_crm_store_audit (store, admin, "create", "user", id, NULL, NULL, login, error))
        return NULL;
    }
  else if (!rename_admin (store, id, login, full_name, error) ||
           !(admin = crm_user_store_open_session (store, id, error)) ||
           (g_strcmp0 (old_login, login) != 0 &&
            !_crm_store_audit (store, admin, "update", "user", id, "login", old_login, login, error)) ||
           (g_strcmp0 (old_name, full_name) != 0 &&
            !_crm_store_audit (store, admin, "update", "user", id, "full_name", old_name, full_name, error)))
    return NULL;

  if (!write_password_hash (store, admin, id, hash, "set", error) ||
      !put_setting (store, admin, CRM_SETTING_COMPANY_NAME, company->name, NULL, error) ||
      (company->address != NULL &&
       !put_setting (store, admin, CRM_SETTING_COMPANY_ADDRESS, company->address, NULL, error)) ||
      (company->tax_code != NULL &&
       !put_setting (store, admin, CRM_SETTING_COMPANY_TAX_CODE, company->tax_code, NULL, error)) ||
      (company->phone != NULL &&
       !put_setting (store, admin, CRM_SETTING_COMPANY_PHONE, company->phone, NULL, error)) ||
      (company->logo != NULL &&
       !put_setting (store, admin, CRM_SETTING_COMPANY_LOGO, company->logo, company->logo_note, error)))
    return NULL;
  return g_steal_pointer (&admin);
}

/**
 * crm_user_store_finish_setup:
 *
 * See the header.  Everything is checked and the password hashed before
 * the transaction; whether set-up is still needed is checked again inside
 * it, so two assistants finishing at once cannot both succeed.
 *
 * Returns: (transfer full): the administrator's session
 */
CrmSession *
crm_user_store_finish_setup (CrmStore              *store,
                             const char            *admin_full_name,
                             const char            *admin_login,
                             const char            *password,
                             const CrmCompanyInfo  *company,
                             GError               **error)
{
  g_auto(CleanCompany) clean = { 0, };
  g_autofree char *login = NULL;
  g_autofree char *full_name = NULL;
  g_autofree char *hash = NULL;
  CrmSession *admin;
  gboolean needs = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (company != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!crm_user_store_needs_setup (store, &needs, error))
    return NULL;
  if (!needs)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Sổ Khách has already been set up. Sign in as an administrator to change the company's details."));
      return NULL;
    }
  if (!(full_name = check_full_name (admin_full_name, error)) ||
      !(login = check_login (admin_login, error)) ||
      !crm_password_check_strength (password, error) ||
      !check_company (company, &clean, error) ||
      !(hash = crm_password_hash (password, error)))
    return NULL;

  if (!_crm_store_begin (store, error))
    return NULL;
  if (!(admin = write_setup (store, login, full_name, hash, &clean, error)))
    {
      _crm_store_rollback (store);
      return NULL;
    }
  if (!_crm_store_commit (store, error))
    {
      g_object_unref (admin);
      return NULL;
    }
  return admin;
}

/* Administration ------------------------------------------------------------------ */

static gboolean
count_other_active_admins (CrmStore  *store,
                           gint64     user_id,
                           gint64    *count,
                           GError   **error)
{
  static const char sql[] =
    "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND id != :id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", user_id);
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
team_exists (CrmStore  *store,
             gint64     team_id,
             GError   **error)
{
  static const char sql[] = "SELECT 1 FROM teams WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", team_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    set_no_team_error (error);
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  return rc == SQLITE_ROW;
}

static gboolean
audit_if_changed (CrmStore    *store,
                  CrmSession  *session,
                  gint64       user_id,
                  const char  *field,
                  const char  *old_value,
                  const char  *new_value,
                  GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return _crm_store_audit (store, session, "update", "user", user_id, field, old_value, new_value, error);
}

static gboolean
audit_flag (CrmStore    *store,
            CrmSession  *session,
            gint64       user_id,
            const char  *field,
            gboolean     old_value,
            gboolean     new_value,
            GError     **error)
{
  return audit_if_changed (store, session, user_id, field, old_value ? "1" : "0", new_value ? "1" : "0",
                           error);
}

/* A team stops being led by someone who is no longer its active manager. */
static gboolean
release_led_teams (CrmStore    *store,
                   CrmSession  *session,
                   gint64       user_id,
                   GError     **error)
{
  static const char sql[] =
    "UPDATE teams SET manager_id = NULL, updated_at = :now WHERE manager_id = :id AND "
    "NOT EXISTS (SELECT 1 FROM users u WHERE u.id = :id AND u.active = 1 AND u.role = 'manager' "
    "            AND u.team_id = teams.id) "
    "RETURNING id";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *old_value = int_text (user_id);
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 team_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (teams, team_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < teams->len; i++)
    if (!_crm_store_audit (store, session, "update", "team", g_array_index (teams, gint64, i),
                           "manager_id", old_value, NULL, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_user_update (CrmStore             *store,
                   CrmSession           *session,
                   const CrmUserUpdate  *update,
                   const char           *full_name,
                   const char           *email,
                   const char           *phone,
                   GError              **error)
{
  static const char sql[] =
    "UPDATE users SET full_name = :name, sort_key = :sort, email = :email, phone = :phone, "
    "role = :role, team_id = :team, active = :active, may_export = :export, may_print = :print, "
    "may_delete = :delete, may_see_cost = :cost, updated_at = :now WHERE id = :id";
  g_autoptr(CrmUserInfo) old = NULL;
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *sort_key = crm_text_person_sort_key (full_name);
  g_autofree char *old_team = NULL;
  g_autofree char *new_team = NULL;
  sqlite3_stmt *stmt;
  gint64 other_admins = 0;

  if (!(old = get_user_info (store, update->id, error)))
    return FALSE;
  if (update->team_id > 0 && update->team_id != old->team_id && !team_exists (store, update->team_id, error))
    return FALSE;
  if (old->role == CRM_ROLE_ADMIN && old->active &&
      (update->role != CRM_ROLE_ADMIN || !update->active))
    {
      if (!count_other_active_admins (store, update->id, &other_admins, error))
        return FALSE;
      if (other_admins == 0)
        {
          g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                               _("This is the last active administrator. Make another user an administrator first."));
          return FALSE;
        }
    }

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":name", full_name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":email", email);
  _crm_bind_text (stmt, ":phone", phone);
  _crm_bind_text (stmt, ":role", crm_role_to_string (update->role));
  _crm_bind_id (stmt, ":team", update->team_id);
  _crm_bind_int64 (stmt, ":active", update->active ? 1 : 0);
  _crm_bind_int64 (stmt, ":export", update->may_export ? 1 : 0);
  _crm_bind_int64 (stmt, ":print", update->may_print ? 1 : 0);
  _crm_bind_int64 (stmt, ":delete", update->may_delete ? 1 : 0);
  _crm_bind_int64 (stmt, ":cost", update->may_see_cost ? 1 : 0);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", update->id);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  old_team = old->team_id > 0 ? int_text (old->team_id) : NULL;
  new_team = update->team_id > 0 ? int_text (update->team_id) : NULL;
  return audit_if_changed (store, session, update->id, "full_name", old->full_name, full_name, error) &&
         audit_if_changed (store, session, update->id, "email", old->email, email, error) &&
         audit_if_changed (store, session, update->id, "phone", old->phone, phone, error) &&
         audit_if_changed (store, session, update->id, "role", crm_role_to_string (old->role),
                           crm_role_to_string (update->role), error) &&
         audit_if_changed (store, session, update->id, "team_id", old_team, new_team, error) &&
         audit_flag (store, session, update->id, "active", old->active, update->active, error) &&
         audit_flag (store, session, update->id, "may_export", old->may_export, update->may_export, error) &&
         audit_flag (store, session, update->id, "may_print", old->may_print, update->may_print, error) &&
         audit_flag (store, session, update->id, "may_delete", old->may_delete, update->may_delete, error) &&
         audit_flag (store, session, update->id, "may_see_cost", old->may_see_cost, update->may_see_cost,
                     error) &&
         release_led_teams (store, session, update->id, error);
}

gboolean
crm_user_store_update_user (CrmStore             *store,
                            CrmSession           *session,
                            const CrmUserUpdate  *update,
                            GError              **error)
{
  g_autofree char *full_name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  CrmRole role;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_admin (store, session, error) ||
      !(full_name = check_full_name (update->full_name, error)) ||
      !check_optional (update->email, crm_email_validate, &email, error) ||
      !check_optional (update->phone, crm_phone_normalize, &phone, error))
    return FALSE;
  if (!crm_role_from_string (crm_role_to_string (update->role), &role) || role != update->role)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Choose a role: administrator, manager or staff."));
      return FALSE;
    }

  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!write_user_update (store, session, update, full_name, email, phone, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_user_store_list_users:
 *
 * Returns: (transfer full) (element-type CrmUserInfo)
 */
GPtrArray *
crm_user_store_list_users (CrmStore    *store,
                           CrmSession  *session,
                           gboolean     include_inactive,
                           GError     **error)
{
  static const char sql[] =
    "SELECT " USER_INFO_COLUMNS "FROM users u LEFT JOIN teams t ON t.id = u.team_id "
    "WHERE (:inactive = 1 OR u.active = 1) AND " CRM_ACTIVE_VIEWER " "
    "AND (:v_admin = 1 OR u.id = :v_uid OR (:v_team > 0 AND u.team_id = :v_team)) "
    "ORDER BY u.sort_key, u.id";
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_user_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":inactive", include_inactive ? 1 : 0);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, read_user_info (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}

static int
compare_team_names (gconstpointer a,
                    gconstpointer b)
{
  const CrmTeamInfo *team_a = *(CrmTeamInfo * const *) a;
  const CrmTeamInfo *team_b = *(CrmTeamInfo * const *) b;
  g_autofree char *key_a = crm_text_sort_key (team_a->name);
  g_autofree char *key_b = crm_text_sort_key (team_b->name);

  return strcmp (key_a, key_b);
}

/**
 * crm_user_store_list_teams:
 *
 * Team names and their managers are no secret: every session sees them.
 *
 * Returns: (transfer full) (element-type CrmTeamInfo): in Vietnamese order
 */
GPtrArray *
crm_user_store_list_teams (CrmStore    *store,
                           CrmSession  *session,
                           GError     **error)
{
  static const char sql[] =
    "SELECT t.id, t.name, coalesce (t.manager_id, 0), m.full_name, "
    "  (SELECT count(*) FROM users u WHERE u.team_id = t.id AND u.active = 1) "
    "FROM teams t LEFT JOIN users m ON m.id = t.manager_id";
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_team_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTeamInfo *team = g_new0 (CrmTeamInfo, 1);

      team->id = sqlite3_column_int64 (stmt, 0);
      team->name = _crm_column_text (stmt, 1);
      team->manager_id = sqlite3_column_int64 (stmt, 2);
      team->manager_name = _crm_column_text (stmt, 3);
      team->n_members = (guint) sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (teams, team);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  g_ptr_array_sort (teams, compare_team_names);
  return g_steal_pointer (&teams);
}

static gboolean
read_team (CrmStore  *store,
           gint64     team_id,
           char     **name,
           gint64    *manager_id,
           GError   **error)
{
  static const char sql[] = "SELECT name, coalesce (manager_id, 0) FROM teams WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", team_id);
  rc = sqlite3_step (stmt);
  *name = rc == SQLITE_ROW ? _crm_column_text (stmt, 0) : NULL;
  *manager_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0;
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    set_no_team_error (error);
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  return rc == SQLITE_ROW;
}

static gboolean
write_team_name (CrmStore    *store,
                 CrmSession  *session,
                 gint64       team_id,
                 const char  *name,
                 GError     **error)
{
  static const char sql[] = "UPDATE teams SET name = :name, updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *old_name = NULL;
  sqlite3_stmt *stmt;
  gint64 manager_id;
  int rc;

  if (!read_team (store, team_id, &old_name, &manager_id, error))
    return FALSE;
  if (g_strcmp0 (old_name, name) == 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":name", name);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", team_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("There is already a team named “%s”."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return _crm_store_audit (store, session, "update", "team", team_id, "name", old_name, name, error);
}

gboolean
crm_user_store_rename_team (CrmStore    *store,
                            CrmSession  *session,
                            gint64       team_id,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_admin (store, session, error))
    return FALSE;
  if (crm_text_is_blank (name))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A team needs a name."));
      return FALSE;
    }
  clean = g_strstrip (g_strdup (name));
  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!write_team_name (store, session, team_id, clean, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* A team's leader is an active manager who belongs to it. */
static gboolean
check_team_leader (CrmStore  *store,
                   gint64     team_id,
                   gint64     user_id,
                   GError   **error)
{
  g_autoptr(CrmUserInfo) user = get_user_info (store, user_id, error);

  if (user == NULL)
    return FALSE;
  if (!user->active || user->role != CRM_ROLE_MANAGER || user->team_id != team_id)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("A team is led by an active manager who belongs to it."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_team_manager (CrmStore    *store,
                    CrmSession  *session,
                    gint64       team_id,
                    gint64       user_id,
                    GError     **error)
{
  static const char sql[] = "UPDATE teams SET manager_id = :manager, updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *name = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  sqlite3_stmt *stmt;
  gint64 old_manager;

  if (!read_team (store, team_id, &name, &old_manager, error) ||
      (user_id > 0 && !check_team_leader (store, team_id, user_id, error)))
    return FALSE;
  if (old_manager == MAX (user_id, 0))
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_id (stmt, ":manager", user_id);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", team_id);
  old_value = old_manager > 0 ? int_text (old_manager) : NULL;
  new_value = user_id > 0 ? int_text (user_id) : NULL;
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "team", team_id, "manager_id", old_value, new_value, error);
}

gboolean
crm_user_store_set_team_manager (CrmStore    *store,
                                 CrmSession  *session,
                                 gint64       team_id,
                                 gint64       user_id,
                                 GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_admin (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_team_manager (store, session, team_id, user_id, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
