/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-store-private.h"

/* Whole-file operations: integrity check, online backup and restore.  They
 * go through sqlite3_backup so a backup taken while staff keep working is
 * still a consistent snapshot. */

#define BACKUP_PAGES_PER_STEP 256

static sqlite3 *
open_read_only (const char  *path,
                GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!_crm_check_header (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_set_error_from_rc (db, rc, path, error);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, TRUE);
  return db;
}

/* Collects what a pragma reports; integrity_check says "ok" when sound. */
static gboolean
collect_problems (sqlite3     *db,
                  const char  *sql,
                  const char  *path,
                  GPtrArray   *problems,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          if (i > 0)
            g_string_append (line, " | ");
          g_string_append (line, text ? text : "NULL");
        }
      if (g_strcmp0 (line->str, "ok") == 0)
        g_string_free (line, TRUE);
      else
        g_ptr_array_add (problems, g_string_free (line, FALSE));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_set_error_from_rc (db, rc, path, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_store_check_file:
 * @path: a database file
 * @problems: (out) (optional): what is wrong, one line each
 *
 * Opens @path read-only and runs SQLite's integrity and foreign-key checks.
 * Returns %FALSE with %CRM_STORE_ERROR_CORRUPT when the file is damaged, or
 * another error when it cannot be checked at all.  Never writes to @path.
 */
gboolean
crm_store_check_file (const char  *path,
                      GPtrArray  **problems,
                      GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  int version = 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(db = open_read_only (path, error)))
    return FALSE;

  ok = _crm_check_identity (db, path, &version, &local_error) &&
       collect_problems (db, "PRAGMA integrity_check", path, found, &local_error) &&
       collect_problems (db, "PRAGMA foreign_key_check", path, found, &local_error);
  sqlite3_close_v2 (db);

  if (!ok)
    {
      /* A file too damaged to be read at all is damage, not a usage error. */
      if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO))
        local_error->code = CRM_STORE_ERROR_CORRUPT;
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (found->len > 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The database “%s” is damaged: %u problem found. Restore it from a backup.",
                                "The database “%s” is damaged: %u problems found. Restore it from a backup.",
                                found->len),
                   path, found->len);
      ok = FALSE;
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return ok;
}

static gboolean
copy_database (sqlite3     *destination,
               sqlite3     *source,
               const char  *path,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (destination, "main", source, "main");
  int rc;

  if (backup == NULL)
    {
      _crm_set_error_from_rc (destination, sqlite3_errcode (destination), path, error);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, BACKUP_PAGES_PER_STEP);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _crm_set_error_from_rc (destination, rc, path, error);
      return FALSE;
    }
  return TRUE;
}

/* The copy is written beside its destination and renamed into place, so a
 * failed or interrupted backup never leaves a half file under the name the
 * user chose.  It is made self-contained (no -wal) and checked. */
static gboolean
write_backup (sqlite3     *source,
              const char  *destination,
              GError     **error)
{
  g_autofree char *partial = g_strconcat (destination, ".partial", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int fd, rc;

  g_unlink (partial);
  fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Cannot write the backup “%s”: %s"), destination, g_strerror (saved_errno));
      return FALSE;
    }
  /* Private whatever the umask: a backup holds every customer. */
  if (fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_unlink (partial);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Cannot write the backup “%s”: %s"), destination, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (partial, &db, SQLITE_OPEN_READWRITE, NULL);
  ok = rc == SQLITE_OK;
  if (!ok)
    _crm_set_error_from_rc (db, rc, destination, error);
  ok = ok && copy_database (db, source, destination, error);
  if (ok && sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    ok = (_crm_set_error_from_rc (db, sqlite3_errcode (db), destination, error), FALSE);
  sqlite3_close_v2 (db);

  ok = ok && crm_store_check_file (partial, &problems, error);
  if (ok && g_rename (partial, destination) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Cannot write the backup “%s”: %s"), destination, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (partial);
  return ok;
}

gboolean
crm_store_backup (CrmStore    *self,
                  const char  *destination,
                  GError     **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  target = g_canonicalize_filename (destination, NULL);
  if (g_strcmp0 (target, crm_store_get_path (self)) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("A backup cannot overwrite the database it is made of."));
      return FALSE;
    }
  return write_backup (_crm_store_get_db (self), target, error);
}

/**
 * crm_store_restore:
 * @source: a backup made by crm_store_backup() or any Sổ Khách database
 *
 * Replaces the whole content of the open database with @source, after
 * checking that @source is a sound Sổ Khách database, then upgrades it to the
 * current schema.  Nothing changes when @source is refused.
 */
gboolean
crm_store_restore (CrmStore    *self,
                   const char  *source,
                   GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!crm_store_check_file (source, &problems, error))
    return FALSE;
  if (!(db = open_read_only (source, error)))
    return FALSE;

  _crm_store_reset_statements (self);
  ok = copy_database (_crm_store_get_db (self), db, crm_store_get_path (self), error);
  sqlite3_close_v2 (db);

  return ok && _crm_store_reload_schema_version (self, error) && _crm_store_migrate (self, error);
}
