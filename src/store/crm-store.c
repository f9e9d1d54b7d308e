/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-store-private.h"
#include "crm-text.h"

#define CRM_APPLICATION_ID 1397441096 /* 'SoKH' */
#define SQL_RESOURCE_DIR   RESOURCE_BASE "/sql"
#define BUSY_TIMEOUT_MS    5000

struct _CrmStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* const char *sql → sqlite3_stmt * */
  int         schema_version;
  gint64      data_version;
};

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)

/* Local file systems only: SQLite's WAL needs shared memory that network
 * file systems do not give, and locking over them is unreliable. */
static const struct
{
  unsigned long magic;
  const char   *name;
} network_filesystems[] = {
  { 0x6969, "NFS" },
  { 0x517B, "SMB" },
  { 0xFE534D42, "SMB2" },
  { 0xFF534D42, "CIFS" },
  { 0x65735546, "FUSE" },
  { 0x564C, "NCP" },
  { 0x01021997, "9P" },
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = CRM_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_store_finalize;
}

static void
crm_store_init (CrmStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

/* Errors ------------------------------------------------------------------ */

void
_crm_set_error_from_rc (sqlite3    *db,
                        int         rc,
                        const char *path,
                        GError    **error)
{
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *name = path ? path : "";

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_LOCKED,
                   _("The database “%s” is busy: another program is writing to it. Try again in a moment."),
                   name);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written: check that the file and its folder are writable."),
                   name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged or is not a database. Restore it from a backup."),
                   name);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("The change was refused because it breaks a data rule (%s)."),
                   detail);
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("The database “%s” could not be read or written (%s)."),
                   name, detail);
      break;
    default:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                   _("Database error: %s"), detail);
    }
}

void
_crm_store_set_error (CrmStore *self,
                      int       rc,
                      GError  **error)
{
  _crm_set_error_from_rc (self->db, rc, self->path, error);
}

/* Statements and transactions --------------------------------------------- */

sqlite3 *
_crm_store_get_db (CrmStore *self)
{
  return self->db;
}

/* Statements are keyed by their text, which callers keep in static
 * strings, and prepared once per connection. */
sqlite3_stmt *
_crm_store_prepare (CrmStore    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_warning ("Cannot prepare %s: %s", sql, sqlite3_errmsg (self->db));
      _crm_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_crm_store_exec (CrmStore    *self,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* IMMEDIATE takes the write lock at once: a deferred transaction that
 * reads and then writes fails without waiting when another writer holds
 * the lock. */
gboolean
_crm_store_begin (CrmStore  *self,
                  GError   **error)
{
  return _crm_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_crm_store_commit (CrmStore  *self,
                   GError   **error)
{
  if (!_crm_store_exec (self, "COMMIT", error))
    {
      _crm_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_crm_store_rollback (CrmStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_crm_store_step_done (CrmStore      *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Binding helpers: parameters are named, so one helper binds a viewer
 * into any statement that uses CRM_VISIBLE_CUSTOMER(). */

void
_crm_bind_text (sqlite3_stmt *stmt,
                const char   *name,
                const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
_crm_bind_int64 (sqlite3_stmt *stmt,
                 const char   *name,
                 gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);
  sqlite3_bind_int64 (stmt, index, value);
}

/* Ids of 0 mean "none" in the model and NULL in the database. */
void
_crm_bind_id (sqlite3_stmt *stmt,
              const char   *name,
              gint64        id)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

void
_crm_store_bind_viewer (sqlite3_stmt *stmt,
                        CrmSession   *session)
{
  _crm_bind_int64 (stmt, ":v_all", crm_session_sees_all_customers (session) ? 1 : 0);
  _crm_bind_int64 (stmt, ":v_uid", crm_session_get_user_id (session));
  _crm_bind_int64 (stmt, ":v_team", crm_session_get_visible_team (session));
}

char *
_crm_column_text (sqlite3_stmt *stmt,
                  int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

char *
_crm_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Shared repository helpers ------------------------------------------------ */

gboolean
_crm_store_audit (CrmStore    *self,
                  CrmSession  *session,
                  const char  *action,
                  const char  *entity,
                  gint64       entity_id,
                  const char  *field,
                  const char  *old_value,
                  const char  *new_value,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO audit_log (at, user_id, action, entity, entity_id, field, old_value, new_value) "
    "VALUES (:at, :user, :action, :entity, :entity_id, :field, :old, :new)";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  g_assert (!sqlite3_get_autocommit (self->db));

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":at", now);
  _crm_bind_id (stmt, ":user", session ? crm_session_get_user_id (session) : 0);
  _crm_bind_text (stmt, ":action", action);
  _crm_bind_text (stmt, ":entity", entity);
  _crm_bind_id (stmt, ":entity_id", entity_id);
  _crm_bind_text (stmt, ":field", field);
  _crm_bind_text (stmt, ":old", old_value);
  _crm_bind_text (stmt, ":new", new_value);
  return _crm_store_step_done (self, stmt, error);
}

/* Next number of a document sequence; only inside a write transaction so
 * that two offices never get the same code. */
gint64
_crm_store_next_counter (CrmStore    *self,
                         const char  *name,
                         GError     **error)
{
  static const char sql[] =
    "INSERT INTO counters (name, value) VALUES (:name, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value";
  sqlite3_stmt *stmt;
  gint64 value;
  int rc;

  g_assert (!sqlite3_get_autocommit (self->db));

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return 0;
  _crm_bind_text (stmt, ":name", name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _crm_store_set_error (self, rc, error);
      return 0;
    }
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
_crm_store_get_setting (CrmStore    *self,
                        const char  *key,
                        char       **value,
                        GError     **error)
{
  static const char sql[] = "SELECT value FROM settings WHERE key = :key";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":key", key);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? _crm_column_text (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* One search document per record; body_source is raw text that is folded
 * here so every caller indexes the same way the query side folds. */
gboolean
_crm_store_put_search_doc (CrmStore    *self,
                           const char  *kind,
                           gint64       ref_id,
                           gint64       customer_id,
                           const char  *code,
                           const char  *title,
                           const char  *body_source,
                           GError     **error)
{
  static const char sql[] =
    "INSERT INTO search_docs (kind, ref_id, customer_id, code, title, body) "
    "VALUES (:kind, :ref, :customer, :code, :title, :body) "
    "ON CONFLICT (kind, ref_id) DO UPDATE SET customer_id = excluded.customer_id, "
    "code = excluded.code, title = excluded.title, body = excluded.body";
  g_autofree char *body = crm_text_fold (body_source);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":kind", kind);
  _crm_bind_int64 (stmt, ":ref", ref_id);
  _crm_bind_id (stmt, ":customer", customer_id);
  _crm_bind_text (stmt, ":code", code ? code : "");
  _crm_bind_text (stmt, ":title", title ? title : "");
  _crm_bind_text (stmt, ":body", body);
  return _crm_store_step_done (self, stmt, error);
}

/* Opening ------------------------------------------------------------------ */

char *
crm_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sokhach", "sokhach.db", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Migration files are named NNNN-what.sql; their number is the schema
 * version they lead to. */
static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SQL_RESOURCE_DIR, 0, NULL);
  GPtrArray *migrations = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql") && g_ascii_isdigit (names[i][0]))
      g_ptr_array_add (migrations, g_strdup (names[i]));
  g_ptr_array_sort (migrations, compare_names);
  return migrations;
}

int
crm_store_latest_schema_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;
  return atoi (g_ptr_array_index (migrations, migrations->len - 1));
}

gboolean
_crm_query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           const char  *path,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_set_error_from_rc (db, rc, path, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_network_filesystem (const char  *path,
                           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statfs info;

  if (statfs (dir, &info) != 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (network_filesystems); i++)
    {
      if ((unsigned long) info.f_type == network_filesystems[i].magic)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NETWORK_FS,
                       _("The database “%s” is on a network drive (%s). Sổ Khách keeps its database on this computer's own disk; copy the file there and open the copy."),
                       path, network_filesystems[i].name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The folder is private (0700) and the file is created 0600 before SQLite
 * touches it, so the -wal and -shm files inherit the same mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Cannot create the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

/* Looks at the first bytes ourselves so that a foreign file is refused
 * before SQLite could write anything to it.  An empty file is a new
 * database. */
gboolean
_crm_check_header (const char  *path,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  gssize n;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR,
                   saved_errno == ENOENT ? CRM_STORE_ERROR_NOT_FOUND : CRM_STORE_ERROR_READ_ONLY,
                   saved_errno == ENOENT ? _("The database “%s” does not exist.")
                                         : _("The database “%s” cannot be opened."),
                   path);
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n == 0)
    return TRUE;
  if (n != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FOREIGN_FILE,
                   _("“%s” is not a Sổ Khách database. It was left untouched."), path);
      return FALSE;
    }
  return TRUE;
}

/* A database made by someone else, or by a newer Sổ Khách, is refused
 * before any write: we would not know how to keep its data safe. */
gboolean
_crm_check_identity (sqlite3     *db,
                     const char  *path,
                     int         *schema_version,
                     GError     **error)
{
  gint64 app_id = 0, version = 0, n_tables = 0;

  if (!_crm_query_int (db, "PRAGMA application_id", &app_id, path, error) ||
      !_crm_query_int (db, "PRAGMA user_version", &version, path, error) ||
      !_crm_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, path, error))
    return FALSE;

  if (app_id != CRM_APPLICATION_ID && !(app_id == 0 && n_tables == 0 && version == 0))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FOREIGN_FILE,
                   _("“%s” is not a Sổ Khách database. It was left untouched."), path);
      return FALSE;
    }
  if (version > crm_store_latest_schema_version ())
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was made by a newer version of Sổ Khách (schema %d; this version knows %d). Update Sổ Khách to open it."),
                   path, (int) version, crm_store_latest_schema_version ());
      return FALSE;
    }
  *schema_version = (int) version;
  return TRUE;
}

static gboolean
configure_connection (CrmStore  *self,
                      GError   **error)
{
  g_autofree char *mode = NULL;
  sqlite3_stmt *stmt = NULL;

  sqlite3_extended_result_codes (self->db, TRUE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (mode, "wal") != 0)
    {
      _crm_store_set_error (self, sqlite3_errcode (self->db) ? sqlite3_errcode (self->db) : SQLITE_IOERR,
                            error);
      return FALSE;
    }

  /* FULL, explicitly: with WAL the default NORMAL may lose the last
   * commits on power failure, and we promise nothing is ever lost. */
  return _crm_store_exec (self,
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA trusted_schema = OFF;"
                          "PRAGMA temp_store = MEMORY;"
                          "PRAGMA cache_size = -32768;",
                          error);
}

static gboolean
apply_migration (CrmStore    *self,
                 const char  *name,
                 int          version,
                 GError     **error)
{
  g_autofree char *resource = g_build_path ("/", SQL_RESOURCE_DIR, name, NULL);
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, error);
  g_autofree char *sql = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (!_crm_store_begin (self, error))
    return FALSE;
  if (!_crm_store_exec (self, sql, error) ||
      !_crm_store_exec (self, set_version, error) ||
      !_crm_store_commit (self, error))
    {
      _crm_store_rollback (self);
      g_prefix_error (error, _("Upgrading the database to version %d failed: "), version);
      return FALSE;
    }
  self->schema_version = version;
  return TRUE;
}

gboolean
_crm_store_migrate (CrmStore  *self,
         GError   **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  for (guint i = 0; i < migrations->len; i++)
    {
      const char *name = g_ptr_array_index (migrations, i);
      int version = atoi (name);

      if (version > self->schema_version &&
          !apply_migration (self, name, version, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
open_connection (CrmStore           *self,
                 CrmStoreOpenFlags   flags,
                 GError            **error)
{
  int rc;

  if (!refuse_network_filesystem (self->path, error))
    return FALSE;
  if ((flags & CRM_STORE_OPEN_CREATE) && !create_private_file (self->path, error))
    return FALSE;
  if (!_crm_check_header (self->path, error))
    return FALSE;
  if (g_access (self->path, W_OK) != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only. Sổ Khách needs to write to it; check the file's permissions."),
                   self->path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (self, rc, error);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  return _crm_check_identity (self->db, self->path, &self->schema_version, error) &&
         configure_connection (self, error) &&
         _crm_store_migrate (self, error);
}

CrmStore *
crm_store_open (const char         *path,
                CrmStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(CrmStore) self = NULL;
  gint64 data_version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);

  if (!open_connection (self, flags, error))
    return NULL;
  if (_crm_query_int (self->db, "PRAGMA data_version", &data_version, self->path, NULL))
    self->data_version = data_version;

  return g_steal_pointer (&self);
}

const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->path;
}

int
crm_store_get_schema_version (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return self->schema_version;
}

/* TRUE once after another process committed to the file, so a window can
 * refresh what it shows. */
gboolean
crm_store_changed_elsewhere (CrmStore *self)
{
  gint64 version = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!_crm_query_int (self->db, "PRAGMA data_version", &version, self->path, NULL) ||
      version == self->data_version)
    return FALSE;
  self->data_version = version;
  return TRUE;
}

/* After a restore the schema may differ: prepared statements go. */
void
_crm_store_reset_statements (CrmStore *self)
{
  g_hash_table_remove_all (self->statements);
}

gboolean
_crm_store_reload_schema_version (CrmStore  *self,
                                  GError   **error)
{
  return _crm_check_identity (self->db, self->path, &self->schema_version, error);
}
