/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-store.h"
#include "crm-user-store.h"

#define CRM_APPLICATION_ID 1397441096 /* 'SoKH', as data/sql/0001 sets it */

/* Each test gets an empty private folder; what it leaves there goes with it. */
typedef struct
{
  char *dir;
  char *path;
} StoreFixture;

/* The bytes and modification time of a file, to prove a refusal left it
 * exactly as it was. */
typedef struct
{
  GBytes          *bytes;
  struct timespec  mtime;
} FileSnapshot;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
store_fixture_setup (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sokhach-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
}

static void
store_fixture_teardown (StoreFixture  *fixture,
                        gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
fixture_file (StoreFixture *fixture,
              const char   *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
snapshot_take (FileSnapshot *snapshot,
               const char   *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  struct stat st;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  snapshot->bytes = g_bytes_new_take (contents, length);
  snapshot->mtime = st.st_mtim;
}

static void
snapshot_assert_unchanged (FileSnapshot *snapshot,
                           const char   *path)
{
  FileSnapshot now;

  snapshot_take (&now, path);
  g_assert_true (g_bytes_equal (snapshot->bytes, now.bytes));
  g_assert_cmpint (snapshot->mtime.tv_sec, ==, now.mtime.tv_sec);
  g_assert_cmpint (snapshot->mtime.tv_nsec, ==, now.mtime.tv_nsec);
  g_bytes_unref (now.bytes);
}

static void
snapshot_clear (FileSnapshot *snapshot)
{
  g_clear_pointer (&snapshot->bytes, g_bytes_unref);
}

/* Direct SQLite access, as another program or a second window would have. */

static sqlite3 *
raw_open (const char *path,
          int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
file_query_int (const char *path,
                const char *sql)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READONLY);
  gint64 value = raw_query_int (db, sql);

  sqlite3_close (db);
  return value;
}

/* Persistent, so a second connection sees what the store set. */
static char *
file_journal_mode (const char *path)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READONLY);
  char *mode = raw_query_text (db, "PRAGMA journal_mode");

  sqlite3_close (db);
  return mode;
}

/* Everything that defines a schema, in a stable order. */
static char *
dump_schema (const char *path)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;
  GString *dump = g_string_new (NULL);
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (dump, "%s|%s|%s\n",
                            sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1),
                            sqlite3_column_type (stmt, 2) == SQLITE_NULL
                              ? "NULL" : (const char *) sqlite3_column_text (stmt, 2));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_string_append_printf (dump, "user_version=%" G_GINT64_FORMAT "\n",
                          raw_query_int (db, "PRAGMA user_version"));
  g_string_append_printf (dump, "application_id=%" G_GINT64_FORMAT "\n",
                          raw_query_int (db, "PRAGMA application_id"));
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

/* Row counts of every ordinary table: seed rows a migration inserts must
 * arrive whichever way the database got to the current version. */
static char *
dump_row_counts (const char *path)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READONLY);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  GString *dump = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                       "ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"",
                                              (const char *) g_ptr_array_index (tables, i));
      g_string_append_printf (dump, "%s=%" G_GINT64_FORMAT "\n",
                              (const char *) g_ptr_array_index (tables, i),
                              raw_query_int (db, sql));
    }
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

/* Store helpers ------------------------------------------------------------ */

static CrmStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static CrmSession *
admin_session (CrmStore *store)
{
  g_autoptr(GError) error = NULL;
  CrmSession *admin = crm_user_store_ensure_admin (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (admin);
  return admin;
}

static gint64
add_customer (CrmStore   *store,
              CrmSession *session,
              const char *name,
              const char *phone,
              const char *email)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  if (phone != NULL)
    g_ptr_array_add (customer->phones, g_strdup (phone));
  if (email != NULL)
    g_ptr_array_add (customer->emails, g_strdup (email));
  id = crm_customer_store_create (store, session, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
count_customers (CrmStore   *store,
                 CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  gint64 count = crm_customer_store_count (store, session, &error);

  g_assert_no_error (error);
  return count;
}

static void
assert_customer_name (CrmStore   *store,
                      CrmSession *session,
                      gint64      id,
                      const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (store, session, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpstr (customer->full_name, ==, name);
}

static void
assert_customer_missing (CrmStore   *store,
                         CrmSession *session,
                         gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (store, session, id, &error);

  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_null (customer);
}

/* A closed, checkpointed database with an administrator and one customer. */
static void
make_database (const char *path,
               guint       n_customers)
{
  g_autoptr(CrmStore) store = open_store (path);
  g_autoptr(CrmSession) admin = admin_session (store);

  for (guint i = 0; i < n_customers; i++)
    {
      g_autofree char *name = g_strdup_printf ("Khách mẫu %u", i + 1);
      add_customer (store, admin, name, NULL, NULL);
    }
}

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);

  g_assert_error (error, CRM_STORE_ERROR, code);
  g_assert_null (store);
}

static void
assert_no_sidecar_files (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }
}

/* Opening ------------------------------------------------------------------ */

static void
test_open_creates_private_files (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autofree char *parent = fixture_file (fixture, "cong-ty");
  g_autofree char *folder = g_build_filename (parent, "du-lieu", NULL);
  g_autofree char *path = g_build_filename (folder, "sokhach.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) admin = NULL;
  mode_t old_umask = umask (0);

  /* Even with a permissive umask nothing may be readable by others. */
  store = open_store (path);
  umask (old_umask);
  admin = admin_session (store);
  add_customer (store, admin, "Nguyễn Văn An", NULL, NULL);

  g_assert_cmpuint (file_mode (parent), ==, 0700);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

static void
test_open_schema_is_latest (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CrmStore) store = open_store (fixture->path);
  int latest = crm_store_latest_schema_version ();

  g_assert_cmpint (latest, >=, 1);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, latest);
  g_assert_cmpstr (crm_store_get_path (store), ==, fixture->path);
  g_assert_cmpint (file_query_int (fixture->path, "PRAGMA user_version"), ==, latest);
  g_assert_cmpint (file_query_int (fixture->path, "PRAGMA application_id"), ==, CRM_APPLICATION_ID);
}

static void
test_open_reopen_keeps_data (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 admin_id = crm_session_get_user_id (admin);
  gint64 id = add_customer (store, admin, "Trần Thị Bích Ngọc", "0912 345 678", "ngoc@example.vn");

  g_clear_object (&admin);
  g_clear_object (&store);

  store = crm_store_open (fixture->path, CRM_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  admin = admin_session (store);
  g_assert_cmpint (crm_session_get_user_id (admin), ==, admin_id);
  g_assert_cmpint (crm_user_store_count (store, NULL), ==, 1);

  customer = crm_customer_store_get (store, admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->full_name, ==, "Trần Thị Bích Ngọc");
  g_assert_cmpstr (customer->code, ==, "KH000001");
  g_assert_cmpuint (customer->phones->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (customer->phones, 0), ==, "+84912345678");
  g_assert_cmpuint (customer->emails->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (customer->emails, 0), ==, "ngoc@example.vn");
  g_assert_cmpint (count_customers (store, admin), ==, 1);
}

static void
test_open_refuses_text_file (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FileSnapshot before;

  g_file_set_contents (fixture->path, "Danh sách khách hàng\nNguyễn Văn An;0912345678\n", -1, &error);
  g_assert_no_error (error);
  snapshot_take (&before, fixture->path);

  assert_open_fails (fixture->path, CRM_STORE_ERROR_FOREIGN_FILE);
  g_assert_false (crm_store_check_file (fixture->path, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FOREIGN_FILE);

  snapshot_assert_unchanged (&before, fixture->path);
  assert_no_sidecar_files (fixture->path);
  snapshot_clear (&before);
}

static void
test_open_refuses_foreign_sqlite (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  sqlite3 *db = raw_open (fixture->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  FileSnapshot before;

  raw_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                "INSERT INTO notes (body) VALUES ('thuộc về chương trình khác');");
  sqlite3_close (db);
  snapshot_take (&before, fixture->path);

  assert_open_fails (fixture->path, CRM_STORE_ERROR_FOREIGN_FILE);
  g_assert_false (crm_store_check_file (fixture->path, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FOREIGN_FILE);

  snapshot_assert_unchanged (&before, fixture->path);
  assert_no_sidecar_files (fixture->path);
  g_assert_cmpint (file_query_int (fixture->path, "PRAGMA application_id"), ==, 0);
  g_assert_cmpint (file_query_int (fixture->path, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  snapshot_clear (&before);
}

static void
test_open_refuses_too_new (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autofree char *too_new = g_strdup_printf ("PRAGMA user_version = %d",
                                              crm_store_latest_schema_version () + 998);
  g_autoptr(GError) error = NULL;
  FileSnapshot before;
  sqlite3 *db;

  make_database (fixture->path, 1);
  db = raw_open (fixture->path, SQLITE_OPEN_READWRITE);
  raw_exec (db, too_new);
  sqlite3_close (db);
  snapshot_take (&before, fixture->path);

  assert_open_fails (fixture->path, CRM_STORE_ERROR_TOO_NEW);
  snapshot_assert_unchanged (&before, fixture->path);
  assert_no_sidecar_files (fixture->path);

  /* A read-only connection leaves an empty -wal beside a WAL database;
   * the database itself must not change. */
  g_assert_false (crm_store_check_file (fixture->path, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_TOO_NEW);
  snapshot_assert_unchanged (&before, fixture->path);
  g_assert_cmpint (file_query_int (fixture->path, "PRAGMA user_version"), ==,
                   crm_store_latest_schema_version () + 998);
  snapshot_clear (&before);
}

static void
test_open_read_only (StoreFixture  *fixture,
                     gconstpointer  data)
{
  FileSnapshot before;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to a file of mode 0400, so a read-only database cannot be made");
      return;
    }

  make_database (fixture->path, 1);
  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  snapshot_take (&before, fixture->path);

  assert_open_fails (fixture->path, CRM_STORE_ERROR_READ_ONLY);

  snapshot_assert_unchanged (&before, fixture->path);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0400);
  snapshot_clear (&before);
}

static void
test_open_missing_without_create (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autofree char *folder = fixture_file (fixture, "khong-co");
  g_autofree char *in_folder = g_build_filename (folder, "sokhach.db", NULL);
  const char *paths[] = { fixture->path, in_folder };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmStore) store = crm_store_open (paths[i], CRM_STORE_OPEN_EXISTING, &error);

      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
      g_assert_null (store);
      g_assert_false (g_file_test (paths[i], G_FILE_TEST_EXISTS));
      assert_no_sidecar_files (paths[i]);
    }
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* Damage ------------------------------------------------------------------- */

static gsize
page_size_of (GBytes *bytes)
{
  const guint8 *header = g_bytes_get_data (bytes, NULL);
  guint size;

  g_assert_cmpuint (g_bytes_get_size (bytes), >=, 100);
  size = (header[16] << 8) | header[17];
  return size == 1 ? 65536 : size;
}

/* Overwrites whole pages of @path (1-based numbers) with a pattern that is
 * no valid b-tree page; the header on page 1 stays. */
static void
damage_pages (const char *path,
              guint       first_page,
              guint       n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length, page_size;

  g_assert_cmpuint (first_page, >=, 2);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_static (contents, length);
  page_size = page_size_of (bytes);
  g_assert_cmpuint ((first_page - 1 + n_pages) * page_size, <=, length);

  for (gsize i = 0; i < n_pages * page_size; i++)
    contents[(first_page - 1) * page_size + i] = (char) (0xA5 ^ (i * 7));
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static guint
page_count (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_static (contents, length);
  return length / page_size_of (bytes);
}

static void
assert_check_finds_damage (const char *path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  FileSnapshot before;

  snapshot_take (&before, path);
  g_assert_false (crm_store_check_file (path, &problems, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
  g_test_message ("check of damaged file: %s (%u problems listed)",
                  error->message, problems ? problems->len : 0);
  snapshot_assert_unchanged (&before, path);
  snapshot_clear (&before);
}

/* A damaged index leaves the schema readable: the store opens (it cannot
 * know without a full check), and the check names the damage. */
static void
test_check_damaged_index (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint root;

  make_database (fixture->path, 20);
  g_assert_true (crm_store_check_file (fixture->path, NULL, &error));
  g_assert_no_error (error);

  root = file_query_int (fixture->path, "SELECT rootpage FROM sqlite_schema WHERE name = 'customers_sort'");
  damage_pages (fixture->path, root, 1);
  assert_check_finds_damage (fixture->path);

  store = crm_store_open (fixture->path, CRM_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* Garbage over the middle third of the file, as a failing disk leaves it. */
static void
test_check_garbage_pages (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages;

  make_database (fixture->path, 200);
  n_pages = page_count (fixture->path);
  g_assert_cmpuint (n_pages, >=, 9);
  damage_pages (fixture->path, n_pages / 3, n_pages / 3);
  assert_check_finds_damage (fixture->path);

  /* Whether opening notices depends on which pages were hit; if it does,
   * it must say "damaged", never "not ours" or a generic failure. */
  store = crm_store_open (fixture->path, CRM_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
  else
    g_assert_no_error (error);
  g_test_message ("opening the damaged file %s", store ? "succeeded" : "failed as CORRUPT");
}

/* Concurrency ------------------------------------------------------------- */

static void
test_write_locked (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *other = raw_open (fixture->path, SQLITE_OPEN_READWRITE);
  gint64 started, waited;

  add_customer (store, admin, "Lê Văn Cường", NULL, NULL);
  raw_exec (other, "BEGIN EXCLUSIVE;"
                   "INSERT INTO tags (name, created_at) VALUES ('khách quen', '2026-01-01T00:00:00Z');");

  /* Readers are not blocked by a writer in WAL mode. */
  g_assert_cmpint (count_customers (store, admin), ==, 1);

  customer->full_name = g_strdup ("Phạm Thị Dung");
  started = g_get_monotonic_time ();
  g_assert_cmpint (crm_customer_store_create (store, admin, customer, &error), ==, 0);
  waited = g_get_monotonic_time () - started;
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_LOCKED);
  g_test_message ("write gave up after %.1f s", waited / 1e6);
  /* It waited for the other writer rather than failing at once. */
  g_assert_cmpint (waited, >=, 4 * G_USEC_PER_SEC);

  raw_exec (other, "ROLLBACK");
  sqlite3_close (other);

  g_assert_cmpint (count_customers (store, admin), ==, 1);
  add_customer (store, admin, "Phạm Thị Dung", NULL, NULL);
  g_assert_cmpint (count_customers (store, admin), ==, 2);
}

static void
test_changed_elsewhere (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);
  sqlite3 *other;

  g_assert_false (crm_store_changed_elsewhere (store));
  add_customer (store, admin, "Võ Minh Khang", NULL, NULL);
  g_assert_false (crm_store_changed_elsewhere (store));

  other = raw_open (fixture->path, SQLITE_OPEN_READWRITE);
  raw_exec (other, "INSERT INTO tags (name, created_at) VALUES ('đại lý', '2026-01-01T00:00:00Z')");
  sqlite3_close (other);

  g_assert_true (crm_store_changed_elsewhere (store));
  /* Once per change. */
  g_assert_false (crm_store_changed_elsewhere (store));
}

/* Backup and restore ------------------------------------------------------ */

static void
test_backup_round_trip (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autofree char *backup = fixture_file (fixture, "sao-luu.db");
  g_autofree char *partial = g_strconcat (backup, ".partial", NULL);
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  gint64 an, binh, cuong;

  an = add_customer (store, admin, "Nguyễn Văn An", "0912 345 678", "an@example.vn");
  binh = add_customer (store, admin, "Trần Thị Bình", NULL, NULL);

  g_assert_true (crm_store_backup (store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  assert_no_sidecar_files (backup);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (crm_store_check_file (backup, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_no_sidecar_files (backup);
  g_assert_cmpint (file_query_int (backup, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (file_query_int (backup, "PRAGMA application_id"), ==, CRM_APPLICATION_ID);

  /* Work goes on after the backup, then is undone by the restore. */
  cuong = add_customer (store, admin, "Lê Văn Cường", NULL, NULL);
  g_assert_cmpint (count_customers (store, admin), ==, 3);

  g_assert_true (crm_store_restore (store, backup, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_customers (store, admin), ==, 2);
  assert_customer_name (store, admin, an, "Nguyễn Văn An");
  assert_customer_name (store, admin, binh, "Trần Thị Bình");
  assert_customer_missing (store, admin, cuong);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, crm_store_latest_schema_version ());

  /* The live database is still a WAL database and keeps working. */
  add_customer (store, admin, "Đỗ Thị Hạnh", NULL, NULL);
  g_assert_cmpint (count_customers (store, admin), ==, 3);
  journal_mode = file_journal_mode (fixture->path);
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_true (crm_store_check_file (fixture->path, NULL, &error));
  g_assert_no_error (error);
}

static void
test_backup_refuses_live_path (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autofree char *roundabout = g_build_filename (fixture->dir, ".", "test.db", NULL);
  const char *targets[] = { fixture->path, roundabout };
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);

  add_customer (store, admin, "Hoàng Văn Em", NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (crm_store_backup (store, targets[i], &error));
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
    }
  g_assert_cmpint (count_customers (store, admin), ==, 1);
  add_customer (store, admin, "Hoàng Thị Gấm", NULL, NULL);
  g_assert_cmpint (count_customers (store, admin), ==, 2);
}

static void
test_restore_refuses_foreign_file (StoreFixture  *fixture,
                                   gconstpointer  data)
{
  g_autofree char *foreign = fixture_file (fixture, "khac.db");
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = raw_open (foreign, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  gint64 id;

  raw_exec (db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('khác');");
  sqlite3_close (db);
  id = add_customer (store, admin, "Bùi Thị Hoa", NULL, NULL);

  g_assert_false (crm_store_restore (store, foreign, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FOREIGN_FILE);
  assert_customer_name (store, admin, id, "Bùi Thị Hoa");
  g_assert_cmpint (count_customers (store, admin), ==, 1);
}

/* Migrations --------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_migrations (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children (RESOURCE_BASE "/sql", 0, &error);
  GPtrArray *migrations = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql") && g_ascii_isdigit (names[i][0]))
      g_ptr_array_add (migrations, g_strdup (names[i]));
  g_ptr_array_sort (migrations, compare_names);
  return migrations;
}

/* What an older Sổ Khách left behind: migrations 1..@k applied one
 * transaction each, exactly as that version would have. */
static void
build_database_at (const char *path,
                   GPtrArray  *migrations,
                   guint       k)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  for (guint i = 0; i < k; i++)
    {
      const char *name = g_ptr_array_index (migrations, i);
      g_autofree char *resource = g_build_path ("/", RESOURCE_BASE "/sql", name, NULL);
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", atoi (name));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, &error);
      g_autofree char *sql = NULL;

      g_assert_no_error (error);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      raw_exec (db, "BEGIN IMMEDIATE");
      raw_exec (db, sql);
      raw_exec (db, set_version);
      raw_exec (db, "COMMIT");
    }
  sqlite3_close (db);
}

static void
test_migrations_stepwise_equal_fresh (StoreFixture  *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autofree char *fresh_schema = NULL;
  g_autofree char *fresh_counts = NULL;
  CrmStore *fresh;
  int latest = crm_store_latest_schema_version ();

  g_assert_cmpuint (migrations->len, >=, 1);
  g_assert_cmpint (atoi (g_ptr_array_index (migrations, migrations->len - 1)), ==, latest);
  /* Versions are 1, 2, 3…: a gap would be a version nobody can upgrade from. */
  for (guint i = 0; i < migrations->len; i++)
    g_assert_cmpint (atoi (g_ptr_array_index (migrations, i)), ==, (int) i + 1);

  fresh = open_store (fixture->path);
  g_clear_object (&fresh);
  fresh_schema = dump_schema (fixture->path);
  fresh_counts = dump_row_counts (fixture->path);

  for (guint k = 0; k <= migrations->len; k++)
    {
      g_autofree char *name = g_strdup_printf ("version-%u.db", k);
      g_autofree char *path = fixture_file (fixture, name);
      g_autoptr(CrmStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *schema = NULL;
      g_autofree char *counts = NULL;

      build_database_at (path, migrations, k);
      store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (crm_store_get_schema_version (store), ==, latest);
      g_clear_object (&store);

      schema = dump_schema (path);
      counts = dump_row_counts (path);
      g_test_message ("database at version %u upgraded to %d", k, latest);
      g_assert_cmpstr (schema, ==, fresh_schema);
      g_assert_cmpstr (counts, ==, fresh_counts);
      g_assert_true (crm_store_check_file (path, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Rules the schema enforces ------------------------------------------------- */

static void
test_audit_log_append_only (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);
  const char *tampering[] = {
    "UPDATE audit_log SET action = 'nothing happened'",
    "DELETE FROM audit_log",
  };
  sqlite3 *other;
  gint64 rows;

  add_customer (store, admin, "Đặng Văn Long", NULL, NULL);
  other = raw_open (fixture->path, SQLITE_OPEN_READWRITE);
  rows = raw_query_int (other, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (rows, >=, 1);

  for (guint i = 0; i < G_N_ELEMENTS (tampering); i++)
    {
      int rc = sqlite3_exec (other, tampering[i], NULL, NULL, NULL);

      g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (sqlite3_errmsg (other), "audit log cannot be changed"));
    }
  g_assert_cmpint (raw_query_int (other, "SELECT count(*) FROM audit_log"), ==, rows);
  g_assert_cmpint (raw_query_int (other, "SELECT count(*) FROM audit_log WHERE action = 'create' "
                                         "AND entity = 'customer'"), ==, 1);
  sqlite3_close (other);
}

/* foreign_keys is per connection and off by default: only a store
 * connection that switched it on refuses a dangling reference. */
static void
test_foreign_keys_enforced (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autoptr(CrmSession) admin = admin_session (store);
  gint64 audit_rows;

  add_customer (store, admin, "Ngô Thị Mai", NULL, NULL);
  audit_rows = file_query_int (fixture->path, "SELECT count(*) FROM audit_log");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_new ();
      g_autoptr(GError) error = NULL;

      customer->full_name = g_strdup ("Khách không hợp lệ");
      if (i == 0)
        customer->category_id = 4242;   /* no such category */
      else
        customer->assigned_to = 4242;   /* no such user */
      g_assert_cmpint (crm_customer_store_create (store, admin, customer, &error), ==, 0);
      /* A missing category is refused in words before the schema would. */
      if (i == 0)
        g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
      else
        g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
      g_assert_cmpint (customer->id, ==, 0);
    }

  /* Nothing of the refused transactions stayed behind. */
  g_assert_cmpint (count_customers (store, admin), ==, 1);
  g_assert_cmpint (file_query_int (fixture->path, "SELECT count(*) FROM audit_log"), ==, audit_rows);
  g_assert_cmpint (file_query_int (fixture->path, "SELECT count(*) FROM search_docs"), ==, 1);
  g_assert_cmpint (file_query_int (fixture->path, "SELECT value FROM counters WHERE name = 'customer'"), ==, 1);
}

static void
test_journal_mode_wal (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(CrmStore) store = open_store (fixture->path);
  g_autofree char *mode = NULL;

  g_assert_nonnull (store);
  mode = file_journal_mode (fixture->path);
  g_assert_cmpstr (mode, ==, "wal");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)

  ADD ("/store/open/creates-file-0600", test_open_creates_private_files);
  ADD ("/store/open/schema-is-latest", test_open_schema_is_latest);
  ADD ("/store/open/reopen-keeps-data", test_open_reopen_keeps_data);
  ADD ("/store/open/refuses-text-file", test_open_refuses_text_file);
  ADD ("/store/open/refuses-foreign-sqlite", test_open_refuses_foreign_sqlite);
  ADD ("/store/open/refuses-too-new", test_open_refuses_too_new);
  ADD ("/store/open/read-only", test_open_read_only);
  ADD ("/store/open/missing-without-create", test_open_missing_without_create);
  ADD ("/store/check/damaged-index", test_check_damaged_index);
  ADD ("/store/check/garbage-pages", test_check_garbage_pages);
  ADD ("/store/write/locked-after-busy-timeout", test_write_locked);
  ADD ("/store/changed-elsewhere", test_changed_elsewhere);
  ADD ("/store/backup/round-trip", test_backup_round_trip);
  ADD ("/store/backup/refuses-live-path", test_backup_refuses_live_path);
  ADD ("/store/restore/refuses-foreign-file", test_restore_refuses_foreign_file);
  ADD ("/store/migrations/stepwise-equals-fresh", test_migrations_stepwise_equal_fresh);
  ADD ("/store/schema/audit-log-append-only", test_audit_log_append_only);
  ADD ("/store/schema/foreign-keys-enforced", test_foreign_keys_enforced);
  ADD ("/store/schema/journal-mode-wal", test_journal_mode_wal);

#undef ADD

  return g_test_run ();
}
