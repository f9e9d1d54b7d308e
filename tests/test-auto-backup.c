/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/stat.h>

#include <sqlite3.h>

#include "crm-audit-store.h"
#include "crm-auto-backup.h"
#include "crm-error.h"
#include "test-fixture.h"

/* A database with its administrator, a staff member and an empty backup
 * folder beside it. */
typedef struct
{
  CrmTestDb   db;
  CrmSession *staff;
  char       *folder;
} Office;

static void
remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id;

  crm_test_db_setup (&office->db, data);
  staff_id = crm_user_store_create (office->db.store, office->db.admin, "lan.nguyen", "Nguyễn Thị Lan",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->staff = crm_user_store_open_session (office->db.store, staff_id, &error);
  g_assert_no_error (error);
  office->folder = g_build_filename (office->db.dir, "sao-luu", NULL);
  g_assert_cmpint (g_mkdir (office->folder, 0700), ==, 0);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (office->db.dir, 0, NULL);
  const char *name;

  /* Everything a test left beside the database goes, the database last. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (office->db.dir, name, NULL);

      if (!g_str_has_prefix (name, "test.db"))
        remove_tree (path);
    }
  g_clear_object (&office->staff);
  g_free (office->folder);
  crm_test_db_teardown (&office->db, data);
}

static GDateTime *
at (int month,
    int day,
    int hour,
    int minute)
{
  return g_date_time_new_utc (2026, month, day, hour, minute, 0);
}

static void
touch (const char *folder,
       const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "không phải cơ sở dữ liệu", -1, &error);
  g_assert_no_error (error);
}

static gboolean
exists_in (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @folder, sorted, joined by spaces. */
static char *
folder_listing (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static GPtrArray *
backup_audit_rows (Office *office)
{
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  filter->action = g_strdup ("backup");
  rows = crm_audit_store_query (office->db.store, office->db.admin, filter, 0, 100, &error);
  g_assert_no_error (error);
  return rows;
}

static void
turn_on (Office *office,
         guint   keep)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_auto_backup_set_folder (office->db.store, office->db.admin, office->folder, &error));
  g_assert_no_error (error);
  g_assert_true (crm_auto_backup_set_keep (office->db.store, office->db.admin, keep, &error));
  g_assert_no_error (error);
}

static void
assert_due (Office    *office,
            GDateTime *now,
            gboolean   expected)
{
  g_autoptr(GError) error = NULL;
  gboolean due = !expected;

  g_assert_true (crm_store_auto_backup_due (office->db.store, now, &due, &error));
  g_assert_no_error (error);
  g_assert_cmpint (due, ==, expected);
}

static void
run_at (Office    *office,
        GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) written = NULL;

  g_assert_true (crm_store_auto_backup_run (office->db.store, now, &written, &error));
  g_assert_no_error (error);
  g_assert_nonnull (written);
}

/* Settings ------------------------------------------------------------------ */

static void
test_settings_default_off (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at (11, 30, 9, 30);
  g_autofree char *folder = NULL;
  g_autofree char *listing = NULL;
  guint keep = 0;

  g_assert_true (crm_store_get_auto_backup (office->db.store, &folder, &keep, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (folder, ==, "");
  g_assert_cmpuint (keep, ==, 7);
  assert_due (office, now, FALSE);

  g_assert_false (crm_store_auto_backup_run (office->db.store, now, NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  listing = folder_listing (office->folder);
  g_assert_cmpstr (listing, ==, "");

  /* A value written around the setter falls back to the default. */
  g_assert_true (crm_settings_set (office->db.store, office->db.admin, CRM_SETTING_AUTO_BACKUP_KEEP, "0", NULL));
  g_assert_true (crm_store_get_auto_backup (office->db.store, NULL, &keep, NULL));
  g_assert_cmpuint (keep, ==, 7);
}

static void
test_settings_validated (Office        *office,
                         gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (office->folder, "khong-co", NULL);
  g_autofree char *file = g_build_filename (office->db.dir, "test.db", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *untidy = g_strconcat (office->folder, "/./", NULL);
  guint keep = 0;
  GError *error = NULL;

  g_assert_false (crm_auto_backup_set_folder (office->db.store, office->db.admin, "sao-luu", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (crm_auto_backup_set_folder (office->db.store, office->db.admin, missing, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_false (crm_auto_backup_set_folder (office->db.store, office->db.admin, file, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (crm_auto_backup_set_keep (office->db.store, office->db.admin, 0, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_auto_backup_set_keep (office->db.store, office->db.admin, 366, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  /* The folder is kept canonical; 365 is allowed; empty turns it off. */
  g_assert_true (crm_auto_backup_set_folder (office->db.store, office->db.admin, untidy, &error));
  g_assert_no_error (error);
  g_assert_true (crm_auto_backup_set_keep (office->db.store, office->db.admin, 365, &error));
  g_assert_no_error (error);
  g_assert_true (crm_store_get_auto_backup (office->db.store, &folder, &keep, &error));
  g_assert_cmpstr (folder, ==, office->folder);
  g_assert_cmpuint (keep, ==, 365);
  g_clear_pointer (&folder, g_free);
  g_assert_true (crm_auto_backup_set_folder (office->db.store, office->db.admin, "  ", &error));
  g_assert_true (crm_store_get_auto_backup (office->db.store, &folder, NULL, &error));
  g_assert_cmpstr (folder, ==, "");
}

static void
test_settings_admin_only (Office        *office,
                          gconstpointer  data)
{
  g_autofree char *folder = NULL;
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  guint keep = 0;
  GError *error = NULL;

  g_assert_false (crm_auto_backup_set_folder (office->db.store, office->staff, office->folder, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_auto_backup_set_keep (office->db.store, office->staff, 3, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  /* Even with a value that would be refused anyway, the role comes first. */
  g_assert_false (crm_auto_backup_set_keep (office->db.store, office->staff, 0, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_settings_set (office->db.store, office->staff, CRM_SETTING_AUTO_BACKUP_DIR,
                                    office->folder, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (crm_store_get_auto_backup (office->db.store, &folder, &keep, &error));
  g_assert_cmpstr (folder, ==, "");
  g_assert_cmpuint (keep, ==, 7);

  /* The administrator's change is audited once; setting it again is not. */
  turn_on (office, 3);
  turn_on (office, 3);
  filter->entity = g_strdup ("setting");
  rows = crm_audit_store_query (office->db.store, office->db.admin, filter, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmAuditEntry *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->user_id, ==, crm_session_get_user_id (office->db.admin));
      if (g_str_equal (row->field, CRM_SETTING_AUTO_BACKUP_DIR))
        g_assert_cmpstr (row->new_value, ==, office->folder);
      else
        g_assert_cmpstr (row->new_value, ==, "3");
    }
}

/* Due ------------------------------------------------------------------------- */

static void
test_due_by_time (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) before = at (11, 30, 9, 29);
  g_autoptr(GDateTime) day_after = at (11, 30, 9, 30);
  g_autoptr(GDateTime) later = at (12, 2, 8, 0);
  g_autoptr(GDateTime) earlier = at (11, 29, 9, 0);

  turn_on (office, 7);
  /* None yet. */
  assert_due (office, day_after, TRUE);
  /* Files that only look like ours do not count. */
  touch (office->folder, "sokhach-2026-11-30-0000.db.partial");
  touch (office->folder, "sokhach-2026-13-30-0000.db");
  touch (office->folder, "sokhach-2026-11-30-2460.db");
  touch (office->folder, "ban-sao-sokhach-2026-11-30-0000.db");
  touch (office->folder, "sokhach.db");
  assert_due (office, day_after, TRUE);

  /* Yesterday 09:30: not due before 09:30 today, due from then on. */
  touch (office->folder, "sokhach-2026-11-29-0930.db");
  assert_due (office, before, FALSE);
  assert_due (office, day_after, TRUE);
  assert_due (office, later, TRUE);
  /* A backup named after a time still to come is not a recent one. */
  assert_due (office, earlier, TRUE);

  /* The name decides, not the file's time stamp. */
  touch (office->folder, "sokhach-2026-12-01-2000.db");
  assert_due (office, later, FALSE);

  /* Off again: never due. */
  g_assert_true (crm_auto_backup_set_folder (office->db.store, office->db.admin, "", NULL));
  assert_due (office, later, FALSE);
}

/* Run ----------------------------------------------------------------------------- */

static void
test_run_writes_private_database (Office        *office,
                                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = at (11, 30, 9, 30);
  g_autoptr(GFile) written = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) copy = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = g_build_filename (office->folder, "sokhach-2026-11-30-0930.db", NULL);
  g_autofree char *listing = NULL;
  struct stat st;

  crm_test_add_customer (&office->db, NULL, "Công ty TNHH Minh Phát", "ha-noi", NULL, 0);
  crm_test_add_customer (&office->db, NULL, "Trần Văn Hùng", "da-nang", NULL, 0);
  turn_on (office, 7);

  g_assert_true (crm_store_auto_backup_run (office->db.store, now, &written, &error));
  g_assert_no_error (error);
  path = g_file_get_path (written);
  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  listing = folder_listing (office->folder);
  g_assert_cmpstr (listing, ==, "sokhach-2026-11-30-0930.db");

  g_assert_true (crm_store_check_file (path, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM customers"), ==, 2);
  copy = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  /* Just made: no longer due, until a day has passed. */
  assert_due (office, now, FALSE);
}

static void
test_run_audited (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = at (11, 30, 9, 30);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *expected = g_build_filename (office->folder, "sokhach-2026-11-30-0930.db", NULL);
  const CrmAuditEntry *row;

  turn_on (office, 7);
  rows = backup_audit_rows (office);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  run_at (office, now);
  rows = backup_audit_rows (office);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->action, ==, "backup");
  g_assert_cmpstr (row->entity, ==, "database");
  g_assert_cmpstr (row->field, ==, "file");
  g_assert_cmpstr (row->new_value, ==, expected);
  g_assert_cmpint (row->user_id, ==, 0);
}

static void
test_run_keeps_last_n (Office        *office,
                       gconstpointer  data)
{
  static const char *const foreign[] = {
    "ghi-chu.txt", "sokhach.db", "sokhach-2026-11-01-0930.db.partial",
    "sokhach-2026-13-01-0930.db", "ban-sao-sokhach-2026-11-01-0930.db",
  };
  g_autofree char *lookalike_dir = g_build_filename (office->folder, "sokhach-2026-10-01-0930.db", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  turn_on (office, 3);
  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    touch (office->folder, foreign[i]);
  g_assert_cmpint (g_mkdir (lookalike_dir, 0700), ==, 0);
  /* An older backup of ours (by its name) is the first to go. */
  touch (office->folder, "sokhach-2026-10-15-0800.db");

  for (int day = 25; day <= 29; day++)
    {
      g_autoptr(GDateTime) now = at (11, day, 9, 30);
      run_at (office, now);
    }
  listing = folder_listing (office->folder);
  g_assert_cmpstr (listing, ==,
                   "ban-sao-sokhach-2026-11-01-0930.db ghi-chu.txt sokhach-2026-10-01-0930.db "
                   "sokhach-2026-11-01-0930.db.partial sokhach-2026-11-27-0930.db "
                   "sokhach-2026-11-28-0930.db sokhach-2026-11-29-0930.db sokhach-2026-13-01-0930.db "
                   "sokhach.db");
  rows = backup_audit_rows (office);
  g_assert_cmpuint (rows->len, ==, 5);

  /* Keeping fewer takes effect at the next backup. */
  g_assert_true (crm_auto_backup_set_keep (office->db.store, office->db.admin, 1, NULL));
  {
    g_autoptr(GDateTime) now = at (11, 30, 9, 30);
    run_at (office, now);
  }
  g_assert_true (exists_in (office->folder, "sokhach-2026-11-30-0930.db"));
  g_assert_false (exists_in (office->folder, "sokhach-2026-11-29-0930.db"));
  g_assert_false (exists_in (office->folder, "sokhach-2026-11-27-0930.db"));
  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    g_assert_true (exists_in (office->folder, foreign[i]));
  g_assert_true (g_file_test (lookalike_dir, G_FILE_TEST_IS_DIR));
}

static void
test_run_missing_folder (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) first = at (11, 29, 9, 30);
  g_autoptr(GDateTime) now = at (11, 30, 9, 30);
  g_autofree char *away = g_build_filename (office->db.dir, "o-dia-rut-ra", NULL);
  g_autofree char *taken = g_build_filename (office->folder, "sokhach-2026-11-30-0930.db", NULL);
  g_autofree char *inside = g_build_filename (taken, "x", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;

  turn_on (office, 1);
  run_at (office, first);
  touch (office->folder, "ghi-chu.txt");
  before = folder_listing (office->folder);

  /* The disk is unplugged: the folder is gone. */
  g_assert_cmpint (g_rename (office->folder, away), ==, 0);
  assert_due (office, now, TRUE);
  g_assert_false (crm_store_auto_backup_run (office->db.store, now, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, office->folder));
  g_clear_error (&error);
  g_assert_false (g_file_test (office->folder, G_FILE_TEST_EXISTS));

  /* A file where the folder was. */
  touch (office->db.dir, "sao-luu");
  g_assert_false (crm_store_auto_backup_run (office->db.store, now, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, office->folder));
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (office->folder), ==, 0);

  /* Back again, but the backup cannot be put in place (its name is taken
   * by a folder): the one backup there is kept although only one is to
   * be kept, and no partial file is left. */
  g_assert_cmpint (g_rename (away, office->folder), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (inside, 0700), ==, 0);
  g_assert_false (crm_store_auto_backup_run (office->db.store, now, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, office->folder));
  g_clear_error (&error);
  remove_tree (taken);
  after = folder_listing (office->folder);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (exists_in (office->folder, "sokhach-2026-11-29-0930.db"));

  /* Only the successful backup was recorded. */
  rows = backup_audit_rows (office);
  g_assert_cmpuint (rows->len, ==, 1);
}

/* Schedule ---------------------------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  guint      n_finished;
  GFile     *written;
  GError    *error;
} Heard;

static void
on_finished_cb (CrmAutoBackup *backup,
                GFile         *written,
                GError        *error,
                Heard         *heard)
{
  heard->n_finished++;
  g_clear_object (&heard->written);
  g_clear_error (&heard->error);
  heard->written = written ? g_object_ref (written) : NULL;
  heard->error = error ? g_error_copy (error) : NULL;
  g_main_loop_quit (heard->loop);
}

static gboolean
on_too_long_cb (gpointer user_data)
{
  g_error ("the automatic backup did not finish");
  return G_SOURCE_REMOVE;
}

static void
check_and_wait (CrmAutoBackup *backup,
                Heard         *heard)
{
  guint before = heard->n_finished;
  guint guard = g_timeout_add_seconds (60, on_too_long_cb, NULL);

  crm_auto_backup_check (backup);
  g_assert_true (crm_auto_backup_get_busy (backup));
  g_main_loop_run (heard->loop);
  g_source_remove (guard);
  g_assert_cmpuint (heard->n_finished, ==, before + 1);
  g_assert_false (crm_auto_backup_get_busy (backup));
}

static void
test_schedule_runs_when_due (Office        *office,
                             gconstpointer  data)
{
  CrmAutoBackup *backup = crm_auto_backup_new (office->db.store);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *path = NULL;
  g_autofree char *away = g_build_filename (office->db.dir, "o-dia-rut-ra", NULL);
  Heard heard = { g_main_loop_new (NULL, FALSE), 0, NULL, NULL };
  guint heard_before;

  g_signal_connect (backup, "finished", G_CALLBACK (on_finished_cb), &heard);

  /* Off: nothing written, no error, no folder. */
  check_and_wait (backup, &heard);
  g_assert_null (heard.written);
  g_assert_no_error (heard.error);
  g_assert_null (crm_auto_backup_get_folder (backup));

  /* On: a backup on the worker thread, recorded on this one. */
  turn_on (office, 7);
  crm_test_add_customer (&office->db, NULL, "Công ty TNHH Minh Phát", "ha-noi", NULL, 0);
  check_and_wait (backup, &heard);
  g_assert_no_error (heard.error);
  g_assert_nonnull (heard.written);
  path = g_file_get_path (heard.written);
  g_assert_true (g_str_has_prefix (path, office->folder));
  g_assert_true (crm_store_check_file (path, NULL, NULL));
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpstr (crm_auto_backup_get_folder (backup), ==, office->folder);
  g_assert_nonnull (crm_auto_backup_get_last_time (backup));
  rows = backup_audit_rows (office);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Not due again within the day. */
  check_and_wait (backup, &heard);
  g_assert_null (heard.written);
  g_assert_no_error (heard.error);
  g_assert_nonnull (crm_auto_backup_get_last_time (backup));

  /* Folder gone: an error naming it; nothing recorded. */
  g_assert_cmpint (g_rename (office->folder, away), ==, 0);
  check_and_wait (backup, &heard);
  g_assert_error (heard.error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO);
  g_assert_nonnull (strstr (heard.error->message, office->folder));
  g_assert_nonnull (crm_auto_backup_get_error (backup));
  rows = backup_audit_rows (office);
  g_assert_cmpuint (rows->len, ==, 1);

  /* Stopped while a look runs: it ends unheard, and lets go of the
   * scheduler once the thread is done. */
  crm_auto_backup_start (backup);
  crm_auto_backup_stop (backup);
  g_assert_false (crm_auto_backup_get_busy (backup));
  heard_before = heard.n_finished;
  g_object_add_weak_pointer (G_OBJECT (backup), (gpointer *) &backup);
  g_object_unref (backup);
  /* The last reference may go on the worker thread: poll. */
  for (guint i = 0; i < 30000 && g_atomic_pointer_get (&backup) != NULL; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (g_atomic_pointer_get (&backup));
  g_assert_cmpuint (heard.n_finished, ==, heard_before);

  g_clear_object (&heard.written);
  g_clear_error (&heard.error);
  g_main_loop_unref (heard.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/auto-backup/settings/default-off", test_settings_default_off);
  ADD ("/auto-backup/settings/validated", test_settings_validated);
  ADD ("/auto-backup/settings/admin-only", test_settings_admin_only);
  ADD ("/auto-backup/due/by-time", test_due_by_time);
  ADD ("/auto-backup/run/writes-private-database", test_run_writes_private_database);
  ADD ("/auto-backup/run/audited", test_run_audited);
  ADD ("/auto-backup/run/keeps-last-n", test_run_keeps_last_n);
  ADD ("/auto-backup/run/missing-folder", test_run_missing_folder);
  ADD ("/auto-backup/schedule/runs-when-due", test_schedule_runs_when_due);
#undef ADD

  return g_test_run ();
}
