/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sqlite3.h>

#include "crm-attachment-store.h"
#include "crm-error.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb  db;
  gint64     customer_id;
  char      *files;      /* files to attach and copies written out */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&fixture->db, data);
  fixture->customer_id = crm_test_add_customer (&fixture->db, NULL, "Phạm Minh Đức", "da-nang", NULL, 0);
  fixture->files = g_dir_make_tmp ("sokhach-files-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->files);
  g_free (fixture->files);
  crm_test_db_teardown (&fixture->db, data);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Changes the schema behind the store's back, as a test of what the store
 * reads and of what happens when a statement fails half way. */
static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GFile *
write_file (Fixture      *fixture,
            const char   *name,
            gconstpointer data,
            gsize         size)
{
  g_autofree char *path = g_build_filename (fixture->files, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

static GdkPixbuf *
decode (GBytes *png)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);

  g_assert_no_error (error);
  return pixbuf;
}

static gint64
add_bytes (Fixture    *fixture,
           const char *name,
           const char *text)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  gint64 id = crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                              name, data, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
assert_same_bytes (GBytes *actual,
                   GBytes *expected)
{
  gsize actual_size, expected_size;
  gconstpointer a = g_bytes_get_data (actual, &actual_size);
  gconstpointer e = g_bytes_get_data (expected, &expected_size);

  g_assert_nonnull (actual);
  g_assert_cmpmem (a, actual_size, e, expected_size);
}

/* Model -------------------------------------------------------------------- */

static void
test_format_size (void)
{
  static const struct
  {
    guint64     size;
    const char *text;
  } cases[] = {
    { 0, "0 B" },
    { 1023, "1023 B" },
    { 1024, "1 KB" },
    { 1536, "1,5 KB" },
    { 1048575, "1 MB" },
    { 1258291, "1,2 MB" },
    { 50 * 1024 * 1024, "50 MB" },
    { (guint64) 5 * 1024 * 1024 * 1024, "5 GB" },
    { (guint64) 3 * 1024 * 1024 * 1024 * 1024 + (guint64) 512 * 1024 * 1024 * 1024, "3,5 TB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_attachment_format_size (cases[i].size);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_is_image (void)
{
  g_autoptr(CrmAttachment) photo = g_object_new (CRM_TYPE_ATTACHMENT, "mime-type", "image/jpeg", NULL);
  g_autoptr(CrmAttachment) contract = g_object_new (CRM_TYPE_ATTACHMENT, "mime-type", "application/pdf", NULL);

  g_assert_true (crm_attachment_is_image (photo));
  g_assert_false (crm_attachment_is_image (contract));
}

static void
test_safe_file_name (void)
{
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *escaped = crm_attachment_safe_file_name ("../../etc/passwd");
  g_autofree char *hidden = crm_attachment_safe_file_name (".bashrc");
  g_autofree char *dots = crm_attachment_safe_file_name ("..");
  g_autofree char *empty = crm_attachment_safe_file_name ("  ");
  g_autofree char *control = crm_attachment_safe_file_name ("Hợp đồng\n1\\2.pdf");
  g_autofree char *cut = NULL;

  g_assert_cmpstr (escaped, ==, "_.._etc_passwd");
  g_assert_cmpstr (hidden, ==, "bashrc");
  g_assert_cmpstr (dots, ==, "attachment");
  g_assert_cmpstr (empty, ==, "attachment");
  g_assert_cmpstr (control, ==, "Hợp đồng_1_2.pdf");

  for (guint i = 0; i < 150; i++)
    g_string_append (long_name, "ắ");
  g_string_append (long_name, ".pdf");
  cut = crm_attachment_safe_file_name (long_name->str);
  g_assert_cmpuint (strlen (cut), <=, 200);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_true (g_str_has_suffix (cut, "ắ.pdf"));
}

/* Adding ------------------------------------------------------------------- */

static void
test_add_text_file (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char text[] = "Hợp đồng bảo hiểm số 12/2026\n";
  g_autoptr(GFile) file = write_file (fixture, "ghi-chu.txt", text, strlen (text));
  g_autoptr(GBytes) expected = g_bytes_new_static (text, strlen (text));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  CrmAttachment *attachment;
  gint64 id;

  id = crm_attachment_store_add_file (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                      file, "  Bản gốc  ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  list = crm_attachment_store_list (fixture->db.store, fixture->db.admin, fixture->customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  attachment = g_ptr_array_index (list, 0);
  g_assert_cmpint (crm_attachment_get_id (attachment), ==, id);
  g_assert_cmpint (crm_attachment_get_customer_id (attachment), ==, fixture->customer_id);
  g_assert_cmpstr (crm_attachment_get_file_name (attachment), ==, "ghi-chu.txt");
  g_assert_cmpstr (crm_attachment_get_mime_type (attachment), ==, "text/plain");
  g_assert_cmpint (crm_attachment_get_byte_size (attachment), ==, strlen (text));
  g_assert_cmpstr (crm_attachment_get_description (attachment), ==, "Bản gốc");
  g_assert_cmpstr (crm_attachment_get_created_by_name (attachment), ==,
                   crm_session_get_full_name (fixture->db.admin));
  g_assert_nonnull (crm_attachment_get_created_at (attachment));
  g_assert_null (crm_attachment_get_thumbnail (attachment));
  g_assert_false (crm_attachment_is_image (attachment));

  stored = crm_attachment_store_get_data (fixture->db.store, fixture->db.admin, id, &error);
  g_assert_no_error (error);
  assert_same_bytes (stored, expected);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'attachment' "
                                       "AND action = 'create' AND field = 'file_name' "
                                       "AND new_value = 'ghi-chu.txt'"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'attachment' "
                                       "AND action = 'create' AND field = 'customer_id'"), ==, 1);
}

static void
test_png_gets_thumbnail (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (400, 200);
  g_autoptr(GFile) file = write_file (fixture, "ảnh cửa hàng.png", g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png));
  g_autoptr(CrmAttachment) attachment = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = crm_attachment_store_add_file (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                      file, NULL, &error);
  g_assert_no_error (error);
  attachment = crm_attachment_store_get (fixture->db.store, fixture->db.admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_attachment_get_file_name (attachment), ==, "ảnh cửa hàng.png");
  g_assert_cmpstr (crm_attachment_get_mime_type (attachment), ==, "image/png");
  g_assert_true (crm_attachment_is_image (attachment));
  g_assert_null (crm_attachment_get_description (attachment));
  g_assert_nonnull (crm_attachment_get_thumbnail (attachment));

  thumbnail = decode (crm_attachment_get_thumbnail (attachment));
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 160);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 80);

  stored = crm_attachment_store_get_data (fixture->db.store, fixture->db.admin, id, &error);
  g_assert_no_error (error);
  assert_same_bytes (stored, png);
}

static void
test_small_and_tall_images (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) tall = make_png (90, 300);
  g_autoptr(GBytes) small = make_png (40, 30);
  g_autoptr(CrmAttachment) tall_attachment = NULL;
  g_autoptr(CrmAttachment) small_attachment = NULL;
  g_autoptr(GdkPixbuf) tall_thumbnail = NULL;
  g_autoptr(GdkPixbuf) small_thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  gint64 tall_id, small_id;

  tall_id = crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                            "cao.png", tall, NULL, &error);
  g_assert_no_error (error);
  small_id = crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                             "nho.png", small, NULL, &error);
  g_assert_no_error (error);

  tall_attachment = crm_attachment_store_get (fixture->db.store, fixture->db.admin, tall_id, &error);
  g_assert_no_error (error);
  tall_thumbnail = decode (crm_attachment_get_thumbnail (tall_attachment));
  g_assert_cmpint (gdk_pixbuf_get_width (tall_thumbnail), ==, 48);
  g_assert_cmpint (gdk_pixbuf_get_height (tall_thumbnail), ==, 160);

  /* Never enlarged. */
  small_attachment = crm_attachment_store_get (fixture->db.store, fixture->db.admin, small_id, &error);
  g_assert_no_error (error);
  small_thumbnail = decode (crm_attachment_get_thumbnail (small_attachment));
  g_assert_cmpint (gdk_pixbuf_get_width (small_thumbnail), ==, 40);
  g_assert_cmpint (gdk_pixbuf_get_height (small_thumbnail), ==, 30);
}

static void
test_corrupt_image_attaches (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char junk[] = "\x89PNG\r\n\x1a\n this is not really an image";
  g_autoptr(GBytes) bytes = g_bytes_new_static (junk, sizeof junk - 1);
  g_autoptr(CrmAttachment) attachment = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                       "anh-hong.png", bytes, "ảnh bị hỏng", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  attachment = crm_attachment_store_get (fixture->db.store, fixture->db.admin, id, &error);
  g_assert_no_error (error);
  g_assert_null (crm_attachment_get_thumbnail (attachment));
  g_assert_cmpint (crm_attachment_get_byte_size (attachment), ==, sizeof junk - 1);
  stored = crm_attachment_store_get_data (fixture->db.store, fixture->db.admin, id, &error);
  g_assert_no_error (error);
  assert_same_bytes (stored, bytes);
}

static void
test_empty_file_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "trong.pdf", "", 0);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_attachment_store_add_file (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                                  file, NULL, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "trong.pdf"));
  g_clear_error (&error);

  g_assert_cmpint (crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                                   "trong.pdf", empty, NULL, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_cmpint (crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                                   "   ", empty, NULL, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments"), ==, 0);
}

static void
test_too_big_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->files, "video.mp4", NULL);
  g_autofree char *limit = crm_attachment_format_size (CRM_ATTACHMENT_MAX_BYTES);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  int fd;

  /* Sparse: limit + 1 bytes that take no room on the disk. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, CRM_ATTACHMENT_MAX_BYTES + 1), ==, 0);
  close (fd);

  g_assert_cmpint (crm_attachment_store_add_file (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                                  file, NULL, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (limit, ==, "50 MB");
  g_assert_nonnull (strstr (error->message, limit));
  g_assert_nonnull (strstr (error->message, "video.mp4"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments"), ==, 0);
}

static void
test_folder_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->files);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_attachment_store_add_file (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                                  folder, NULL, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments"), ==, 0);
}

static void
test_unknown_customer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, 9999,
                                                   "a.txt", bytes, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = crm_attachment_store_list (fixture->db.store, fixture->db.admin, 9999, &error);
  g_assert_null (list);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_attachment_store_get_data (fixture->db.store, fixture->db.admin, 9999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

/* Reading ------------------------------------------------------------------ */

static void
test_list_newest_first_without_data (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backdate = NULL;
  gint64 first, second;

  first = add_bytes (fixture, "bao-gia.txt", "báo giá");
  second = add_bytes (fixture, "hop-dong.txt", "hợp đồng ký ngày 01/02/2026");
  /* Order by when a file was added, not by id (an imported file may carry
   * an older date). */
  backdate = g_strdup_printf ("UPDATE attachments SET created_at = '2020-01-01T08:00:00Z' "
                              "WHERE id = %" G_GINT64_FORMAT, second);
  exec_sql (fixture, backdate);
  stored = crm_attachment_store_get_data (fixture->db.store, fixture->db.admin, second, &error);
  g_assert_no_error (error);

  /* Listing must never touch the bytes: without their table it still works. */
  exec_sql (fixture, "DROP TABLE attachment_data");
  list = crm_attachment_store_list (fixture->db.store, fixture->db.admin, fixture->customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (crm_attachment_get_id (g_ptr_array_index (list, 0)), ==, first);
  g_assert_cmpint (crm_attachment_get_id (g_ptr_array_index (list, 1)), ==, second);
  g_assert_cmpstr (crm_attachment_get_created_at (g_ptr_array_index (list, 1)), ==, "2020-01-01T08:00:00Z");
  g_assert_cmpint (crm_attachment_get_byte_size (g_ptr_array_index (list, 1)), ==,
                   strlen ("hợp đồng ký ngày 01/02/2026"));

  g_clear_pointer (&stored, g_bytes_unref);
  stored = crm_attachment_store_get_data (fixture->db.store, fixture->db.admin, second, &error);
  g_assert_null (stored);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED);
}

static void
test_binary_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GByteArray) random = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 id;

  for (guint i = 0; i < 200 * 1024; i++)
    {
      guint8 byte = i % 7 == 0 ? 0 : (guint8) g_rand_int_range (rand, 0, 256);
      g_byte_array_append (random, &byte, 1);
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&random));
  id = crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                       "du-lieu.bin", bytes, NULL, &error);
  g_assert_no_error (error);
  stored = crm_attachment_store_get_data (fixture->db.store, fixture->db.admin, id, &error);
  g_assert_no_error (error);
  assert_same_bytes (stored, bytes);
}

/* Writing copies ----------------------------------------------------------- */

static void
assert_file_holds (GFile      *file,
                   const char *text)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_load_contents (file, NULL, &contents, &length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, text, strlen (text));
}

static guint
mode_of (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_export_private_copy (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char text[] = "root:x:0:0";
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->files);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) expected_parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *base = NULL;
  gint64 id = add_bytes (fixture, "../../etc/passwd", text);

  g_assert_true (crm_attachment_store_export (fixture->db.store, fixture->db.admin, id, dir, &file, &error));
  g_assert_no_error (error);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  expected_parent = g_file_get_child (dir, id_text);
  parent = g_file_get_parent (file);
  g_assert_true (g_file_equal (parent, expected_parent));
  base = g_file_get_basename (file);
  g_assert_null (strchr (base, '/'));
  g_assert_cmpint (base[0], !=, '.');
  assert_file_holds (file, text);
  g_assert_cmpuint (mode_of (file), ==, 0600);
  g_assert_cmpuint (mode_of (parent), ==, 0700);

  /* Opening twice replaces the copy. */
  g_assert_true (crm_attachment_store_export (fixture->db.store, fixture->db.admin, id, dir, &again, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (file, again));
  g_assert_cmpuint (mode_of (again), ==, 0600);
}

static void
test_export_to_cache (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *open_dir = g_build_filename (g_get_user_cache_dir (), "sokhach", "open", NULL);
  gint64 id = add_bytes (fixture, "Hợp đồng.txt", "nội dung");

  g_assert_true (crm_attachment_store_export (fixture->db.store, fixture->db.admin, id, NULL, &file, &error));
  g_assert_no_error (error);
  path = g_file_get_path (file);
  g_assert_true (g_str_has_prefix (path, open_dir));
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "Hợp đồng.txt"));
  assert_file_holds (file, "nội dung");
  g_assert_cmpuint (mode_of (file), ==, 0600);
}

static void
test_save_as (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->files, "ban-sao.txt", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id = add_bytes (fixture, "goc.txt", "bản chính");

  g_assert_true (g_file_set_contents (path, "cũ", -1, NULL));
  g_assert_true (crm_attachment_store_save_as (fixture->db.store, fixture->db.admin, id, dest, &error));
  g_assert_no_error (error);
  assert_file_holds (dest, "bản chính");
}

/* Changing ----------------------------------------------------------------- */

static void
test_update_audited (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CrmAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_bytes (fixture, "scan.pdf", "%PDF-1.4");

  g_assert_true (crm_attachment_store_update (fixture->db.store, fixture->db.admin, id,
                                              " Hợp đồng 2026.pdf ", "Bản có chữ ký", &error));
  g_assert_no_error (error);
  attachment = crm_attachment_store_get (fixture->db.store, fixture->db.admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_attachment_get_file_name (attachment), ==, "Hợp đồng 2026.pdf");
  g_assert_cmpstr (crm_attachment_get_description (attachment), ==, "Bản có chữ ký");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'attachment' "
                                       "AND action = 'update' AND field = 'file_name' "
                                       "AND old_value = 'scan.pdf' AND new_value = 'Hợp đồng 2026.pdf'"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'attachment' "
                                       "AND action = 'update' AND field = 'description' "
                                       "AND old_value IS NULL AND new_value = 'Bản có chữ ký'"), ==, 1);

  /* The same again changes nothing; a blank note removes it. */
  g_assert_true (crm_attachment_store_update (fixture->db.store, fixture->db.admin, id,
                                              "Hợp đồng 2026.pdf", "Bản có chữ ký", &error));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'attachment' "
                                       "AND action = 'update'"), ==, 2);
  g_assert_true (crm_attachment_store_update (fixture->db.store, fixture->db.admin, id,
                                              "Hợp đồng 2026.pdf", "  ", &error));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments WHERE description IS NULL"), ==, 1);

  g_assert_false (crm_attachment_store_update (fixture->db.store, fixture->db.admin, id, "", NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (crm_attachment_store_update (fixture->db.store, fixture->db.admin, id + 100, "x.pdf",
                                               NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_removes_both_rows (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (400, 200);
  g_autoptr(GError) error = NULL;
  gint64 kept = add_bytes (fixture, "giu-lai.txt", "giữ lại");
  gint64 id = crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                              "xoa.png", png, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachment_data"), ==, 2);
  g_assert_true (crm_attachment_store_delete (fixture->db.store, fixture->db.admin, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachment_data"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT attachment_id FROM attachment_data"), ==, kept);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'attachment' "
                                       "AND action = 'delete' AND field = 'file_name' "
                                       "AND old_value = 'xoa.png'"), ==, 1);

  g_assert_false (crm_attachment_store_delete (fixture->db.store, fixture->db.admin, id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_failed_add_leaves_nothing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("nội dung", strlen ("nội dung"));
  g_autoptr(GError) error = NULL;

  /* The attachments row goes in, then the bytes fail. */
  exec_sql (fixture, "CREATE TRIGGER fail_data BEFORE INSERT ON attachment_data "
                     "BEGIN SELECT RAISE (ABORT, 'disk on fire'); END");
  g_assert_cmpint (crm_attachment_store_add_bytes (fixture->db.store, fixture->db.admin, fixture->customer_id,
                                                   "a.txt", bytes, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'attachment'"), ==, 0);

  /* And the store is usable afterwards. */
  exec_sql (fixture, "DROP TRIGGER fail_data");
  add_bytes (fixture, "a.txt", "nội dung");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments"), ==, 1);
}

/* Visibility --------------------------------------------------------------- */

#define assert_refused(call)                                              \
  G_STMT_START {                                                          \
    g_assert_false (call);                                                \
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED); \
    g_clear_error (&error);                                               \
  } G_STMT_END

static void
test_own_mode_staff_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CrmSession) lan = NULL;
  g_autoptr(CrmSession) hung = NULL;
  g_autoptr(GPtrArray) hung_list = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->files);
  g_autofree char *copy_path = g_build_filename (fixture->files, "copy.txt", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  gint64 lan_id, hung_id, customer, id;

  lan_id = crm_user_store_create (fixture->db.store, fixture->db.admin, "lan.nguyen", "Nguyễn Thị Lan",
                                  CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  hung_id = crm_user_store_create (fixture->db.store, fixture->db.admin, "hung.tran", "Trần Văn Hùng",
                                   CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  customer = crm_test_add_customer (&fixture->db, NULL, "Khách của Hùng", NULL, NULL, hung_id);
  fixture->customer_id = customer;
  id = add_bytes (fixture, "hop-dong.txt", "bí mật");
  g_assert_true (crm_settings_set (fixture->db.store, fixture->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  lan = crm_user_store_open_session (fixture->db.store, lan_id, &error);
  g_assert_no_error (error);
  hung = crm_user_store_open_session (fixture->db.store, hung_id, &error);
  g_assert_no_error (error);

  assert_refused (crm_attachment_store_list (fixture->db.store, lan, customer, &error) != NULL);
  assert_refused (crm_attachment_store_get (fixture->db.store, lan, id, &error) != NULL);
  assert_refused (crm_attachment_store_get_data (fixture->db.store, lan, id, &error) != NULL);
  assert_refused (crm_attachment_store_export (fixture->db.store, lan, id, dir, NULL, &error));
  assert_refused (crm_attachment_store_save_as (fixture->db.store, lan, id, copy, &error));
  assert_refused (crm_attachment_store_update (fixture->db.store, lan, id, "x.txt", NULL, &error));
  assert_refused (crm_attachment_store_delete (fixture->db.store, lan, id, &error));
  assert_refused (crm_attachment_store_add_bytes (fixture->db.store, lan, customer, "b.txt", bytes,
                                                  NULL, &error) != 0);

  g_assert_false (g_file_query_exists (copy, NULL));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachments WHERE file_name = 'hop-dong.txt'"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attachment_data"), ==, 1);

  /* The customer's own staff member sees and adds. */
  hung_list = crm_attachment_store_list (fixture->db.store, hung, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hung_list->len, ==, 1);
  g_assert_cmpint (crm_attachment_store_add_bytes (fixture->db.store, hung, customer, "b.txt", bytes,
                                                   NULL, &error), >, 0);
  g_assert_no_error (error);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int status;

  /* A private cache folder for the copies opened with other applications;
   * not G_TEST_OPTION_ISOLATE_DIRS, which hides the MIME database too. */
  cache = g_dir_make_tmp ("sokhach-cache-XXXXXX", NULL);
  g_assert_nonnull (cache);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/attachment/format-size", test_format_size);
  g_test_add_func ("/model/attachment/is-image", test_is_image);
  g_test_add_func ("/store/attachment/safe-file-name", test_safe_file_name);
  ADD ("/store/attachment/add-text-file", test_add_text_file);
  ADD ("/store/attachment/png-gets-thumbnail", test_png_gets_thumbnail);
  ADD ("/store/attachment/thumbnail-keeps-aspect-never-enlarges", test_small_and_tall_images);
  ADD ("/store/attachment/corrupt-image-attaches-without-thumbnail", test_corrupt_image_attaches);
  ADD ("/store/attachment/empty-file-refused", test_empty_file_refused);
  ADD ("/store/attachment/too-big-refused-before-reading", test_too_big_refused);
  ADD ("/store/attachment/folder-refused", test_folder_refused);
  ADD ("/store/attachment/unknown-customer-not-found", test_unknown_customer);
  ADD ("/store/attachment/list-newest-first-without-data", test_list_newest_first_without_data);
  ADD ("/store/attachment/binary-data-round-trips", test_binary_round_trip);
  ADD ("/store/attachment/export-private-sanitised-copy", test_export_private_copy);
  ADD ("/store/attachment/export-default-to-cache", test_export_to_cache);
  ADD ("/store/attachment/save-as-replaces", test_save_as);
  ADD ("/store/attachment/update-audited", test_update_audited);
  ADD ("/store/attachment/delete-removes-both-rows", test_delete_removes_both_rows);
  ADD ("/store/attachment/failed-add-leaves-nothing", test_failed_add_leaves_nothing);
  ADD ("/store/attachment/own-mode-staff-refused", test_own_mode_staff_refused);

  status = g_test_run ();
  remove_tree (cache);
  return status;
}
