/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
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

/* Automatic backup -------------------------------------------------------- */

/* The name of every automatic backup, '#' standing for a digit. */
static const char backup_name_pattern[] = "sokhach-####-##-##-####.db";

static int
digits_at (const char *text,
           guint       start,
           guint       length)
{
  int value = 0;

  for (guint i = start; i < start + length; i++)
    value = value * 10 + g_ascii_digit_value (text[i]);
  return value;
}

/* When a file named like an automatic backup was taken, in @tz; NULL for
 * any other name (and for impossible dates). */
static GDateTime *
parse_backup_name (const char *name,
                   GTimeZone  *tz)
{
  if (strlen (name) != sizeof backup_name_pattern - 1)
    return NULL;
  for (guint i = 0; backup_name_pattern[i] != '\0'; i++)
    if (backup_name_pattern[i] == '#' ? !g_ascii_isdigit (name[i]) : name[i] != backup_name_pattern[i])
      return NULL;
  return g_date_time_new (tz, digits_at (name, 8, 4), digits_at (name, 13, 2), digits_at (name, 16, 2),
                          digits_at (name, 19, 2), digits_at (name, 21, 2), 0);
}

static gboolean
is_backup_name (const char *name)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = parse_backup_name (name, utc);

  return when != NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names of the automatic backups in @folder, oldest first: the names
 * sort as the times they hold. */
static GPtrArray *
list_backups (const char  *folder,
              GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("The backup folder “%s” cannot be read: %s"), folder, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_backup_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

gboolean
crm_store_get_auto_backup (CrmStore    *self,
                           char       **folder,
                           guint       *keep,
                           GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *keep_text = NULL;
  guint64 value = CRM_AUTO_BACKUP_KEEP_DEFAULT;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!_crm_store_get_setting (self, CRM_SETTING_AUTO_BACKUP_DIR, &dir, error) ||
      !_crm_store_get_setting (self, CRM_SETTING_AUTO_BACKUP_KEEP, &keep_text, error))
    return FALSE;
  if (keep_text == NULL ||
      !g_ascii_string_to_unsigned (keep_text, 10, 1, CRM_AUTO_BACKUP_KEEP_MAX, &value, NULL))
    value = CRM_AUTO_BACKUP_KEEP_DEFAULT;
  if (folder != NULL)
    *folder = dir != NULL ? g_steal_pointer (&dir) : g_strdup ("");
  if (keep != NULL)
    *keep = (guint) value;
  return TRUE;
}

gboolean
crm_store_auto_backup_newest (const char  *folder,
                              GDateTime   *now,
                              GDateTime  **newest,
                              GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  GTimeZone *tz;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (newest != NULL, FALSE);

  *newest = NULL;
  if (!(names = list_backups (folder, error)))
    return FALSE;
  /* A name dated after @now (a clock put right since) must not stop the
   * backups: look for the newest one that is not in the future. */
  tz = g_date_time_get_timezone (now);
  for (guint i = names->len; i > 0 && *newest == NULL; i--)
    {
      g_autoptr(GDateTime) when = parse_backup_name (g_ptr_array_index (names, i - 1), tz);

      if (when != NULL && g_date_time_compare (when, now) <= 0)
        *newest = g_steal_pointer (&when);
    }
  return TRUE;
}

gboolean
crm_store_auto_backup_due (CrmStore   *self,
                           GDateTime  *now,
                           gboolean   *due,
                           GError    **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GDateTime) newest = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  *due = FALSE;
  if (!crm_store_get_auto_backup (self, &folder, NULL, error))
    return FALSE;
  if (folder[0] == '\0')
    return TRUE;
  /* An unreadable folder holds no backup: the run says what is wrong. */
  if (!crm_store_auto_backup_newest (folder, now, &newest, NULL) || newest == NULL)
    *due = TRUE;
  else
    *due = g_date_time_difference (now, newest) >= G_TIME_SPAN_DAY;
  return TRUE;
}

static gboolean
check_backup_folder (const char  *folder,
                     GError     **error)
{
  if (!g_path_is_absolute (folder) || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("The backup folder “%s” does not exist. Connect its disk or choose another folder in Settings."),
                   folder);
      return FALSE;
    }
  if (g_access (folder, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("The backup folder “%s” cannot be written to: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Deletes the oldest automatic backups in @folder beyond @keep, never the
 * one just written.  A backup that cannot be deleted is only a warning:
 * the new one is safe. */
static void
remove_old_backups (const char *folder,
                    guint       keep,
                    const char *written_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = list_backups (folder, &error);
  guint excess;

  if (names == NULL)
    {
      g_warning ("Old backups not removed: %s", error->message);
      return;
    }
  excess = names->len > keep ? names->len - keep : 0;
  for (guint i = 0; i < names->len && excess > 0; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = NULL;

      if (g_str_equal (name, written_name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_unlink (path) != 0)
        g_warning ("Cannot remove the old backup %s: %s", path, g_strerror (errno));
      excess--;
    }
}

gboolean
crm_store_auto_backup_write (CrmStore    *self,
                             const char  *folder,
                             guint        keep,
                             GDateTime   *now,
                             GFile      **written,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (keep >= 1, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!check_backup_folder (folder, error))
    return FALSE;
  name = g_date_time_format (now, "sokhach-%Y-%m-%d-%H%M.db");
  path = g_build_filename (folder, name, NULL);
  if (!crm_store_backup (self, path, &local_error))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("The automatic backup to the folder “%s” failed: %s"), folder, local_error->message);
      return FALSE;
    }
  remove_old_backups (folder, keep, name);
  if (written != NULL)
    *written = g_file_new_for_path (path);
  return TRUE;
}

gboolean
crm_store_auto_backup_record (CrmStore  *self,
                              GFile     *written,
                              GError   **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (written), FALSE);

  path = g_file_get_path (written);
  if (!_crm_store_begin (self, error))
    return FALSE;
  /* Nobody in particular takes an automatic backup: no user. */
  if (!_crm_store_audit (self, NULL, "backup", "database", 0, "file", NULL, path, error) ||
      !_crm_store_commit (self, error))
    {
      _crm_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_store_auto_backup_run (CrmStore    *self,
                           GDateTime   *now,
                           GFile      **written,
                           GError     **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GFile) file = NULL;
  guint keep = CRM_AUTO_BACKUP_KEEP_DEFAULT;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!crm_store_get_auto_backup (self, &folder, &keep, error))
    return FALSE;
  if (folder[0] == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("No folder is chosen for the automatic backup."));
      return FALSE;
    }
  if (!crm_store_auto_backup_write (self, folder, keep, now, &file, error) ||
      !crm_store_auto_backup_record (self, file, error))
    return FALSE;
  if (written != NULL)
    *written = g_steal_pointer (&file);
  return TRUE;
}
