/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "crm-error.h"
#include "crm-user-store-private.h"
#include "test-fixture.h"

#define STAFF_PASSWORD   "nhanvien-2026"
#define MANAGER_PASSWORD "quanly-2026"
#define ADMIN_PASSWORD   "quantri-2026"

typedef struct
{
  CrmTestDb  db;
  gint64     team_a;
  gint64     team_b;
  gint64     manager;      /* team A */
  gint64     staff;        /* team A */
  gint64     other_staff;  /* team B */
} Office;

/* The clock of locks while a test runs. */
static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
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

static gint64
office_count (Office     *office,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static gint64
office_count (Office     *office,
              const char *format,
              ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return query_int (office->db.path, sql);
}

static void
set_password (Office     *office,
              gint64      user_id,
              const char *password)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_user_store_set_password (office->db.store, office->db.admin, user_id, password, NULL,
                                              &error));
  g_assert_no_error (error);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  crm_test_db_setup (&office->db, data);
  store = office->db.store;
  office->team_a = crm_user_store_create_team (store, office->db.admin, "Kinh doanh miền Bắc", &error);
  g_assert_no_error (error);
  office->team_b = crm_user_store_create_team (store, office->db.admin, "Kinh doanh miền Nam", &error);
  g_assert_no_error (error);
  office->manager = crm_user_store_create (store, office->db.admin, "lan.nguyen", "Nguyễn Thị Lan",
                                           CRM_ROLE_MANAGER, office->team_a, &error);
  g_assert_no_error (error);
  office->staff = crm_user_store_create (store, office->db.admin, "hung.tran", "Trần Văn Hùng",
                                         CRM_ROLE_STAFF, office->team_a, &error);
  g_assert_no_error (error);
  office->other_staff = crm_user_store_create (store, office->db.admin, "mai.vo", "Võ Thị Mai",
                                               CRM_ROLE_STAFF, office->team_b, &error);
  g_assert_no_error (error);
  set_password (office, office->manager, MANAGER_PASSWORD);
  set_password (office, office->staff, STAFF_PASSWORD);

  fake_now = g_get_real_time () / G_USEC_PER_SEC;
  _crm_user_store_set_clock (fake_clock);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  _crm_user_store_set_clock (NULL);
  crm_test_db_teardown (&office->db, data);
}

static CrmSession *
sign_in_ok (Office     *office,
            const char *login,
            const char *password)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_sign_in (office->db.store, login, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

/* The message of a refused sign-in, checking its domain and code. */
static char *
sign_in_refused (Office     *office,
                 const char *login,
                 const char *password,
                 int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_user_store_sign_in (office->db.store, login, password, &error);

  g_assert_null (session);
  g_assert_error (error, CRM_PERMISSION_ERROR, code);
  return g_strdup (error->message);
}

/* Sign-in --------------------------------------------------------------------------- */

static void
test_success (Office        *office,
              gconstpointer  data)
{
  g_autoptr(CrmSession) session = sign_in_ok (office, " hung.tran ", STAFF_PASSWORD);

  g_assert_cmpint (crm_session_get_user_id (session), ==, office->staff);
  g_assert_cmpstr (crm_session_get_login (session), ==, "hung.tran");
  g_assert_cmpstr (crm_session_get_full_name (session), ==, "Trần Văn Hùng");
  g_assert_cmpint (crm_session_get_role (session), ==, CRM_ROLE_STAFF);
  g_assert_cmpint (crm_session_get_team_id (session), ==, office->team_a);

  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'sign_in' "
                                 "AND entity = 'user' AND entity_id = %" G_GINT64_FORMAT
                                 " AND user_id = %" G_GINT64_FORMAT, office->staff, office->staff), ==, 1);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM users WHERE id = %" G_GINT64_FORMAT
                                 " AND last_sign_in_at IS NOT NULL AND failed_logins = 0",
                                 office->staff), ==, 1);
}

static void
test_generic_failure (Office        *office,
                      gconstpointer  data)
{
  g_autofree char *wrong_password = sign_in_refused (office, "hung.tran", "sai-mat-khau",
                                                     CRM_PERMISSION_ERROR_DENIED);
  g_autofree char *unknown_login = sign_in_refused (office, "khong.co", STAFF_PASSWORD,
                                                    CRM_PERMISSION_ERROR_DENIED);
  /* mai.vo never got a password. */
  g_autofree char *no_password = sign_in_refused (office, "mai.vo", "", CRM_PERMISSION_ERROR_DENIED);
  g_autofree char *empty_login = sign_in_refused (office, "", STAFF_PASSWORD, CRM_PERMISSION_ERROR_DENIED);

  g_assert_cmpstr (wrong_password, ==, unknown_login);
  g_assert_cmpstr (wrong_password, ==, no_password);
  g_assert_cmpstr (wrong_password, ==, empty_login);
  g_assert_null (strstr (wrong_password, "hung.tran"));

  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed' "
                                 "AND entity = 'user' AND entity_id = %" G_GINT64_FORMAT, office->staff), ==, 1);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed' "
                                 "AND entity_id IS NULL AND new_value = 'khong.co'"), ==, 1);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'sign_in'"), ==, 0);
  g_assert_cmpint (office_count (office, "SELECT failed_logins FROM users WHERE id = %" G_GINT64_FORMAT,
                                 office->staff), ==, 1);
}

static char *
local_time_text (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%H:%M %d/%m/%Y");
}

static void
test_lockout (Office        *office,
              gconstpointer  data)
{
  g_autofree char *generic = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *until = NULL;
  g_autoptr(CrmSession) session = NULL;
  gint64 locked_at;

  /* Four wrong, then right: the count starts again. */
  for (guint i = 0; i < CRM_SIGN_IN_MAX_FAILURES - 1; i++)
    g_free (sign_in_refused (office, "hung.tran", "sai", CRM_PERMISSION_ERROR_DENIED));
  g_assert_cmpint (office_count (office, "SELECT failed_logins FROM users WHERE id = %" G_GINT64_FORMAT,
                                 office->staff), ==, 4);
  g_clear_object (&session);
  session = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
  g_assert_cmpint (office_count (office, "SELECT failed_logins FROM users WHERE id = %" G_GINT64_FORMAT,
                                 office->staff), ==, 0);

  /* Five wrong in a row lock the account; the fifth still says only
   * "wrong". */
  for (guint i = 0; i < CRM_SIGN_IN_MAX_FAILURES; i++)
    {
      g_free (generic);
      generic = sign_in_refused (office, "hung.tran", "sai", CRM_PERMISSION_ERROR_DENIED);
    }
  locked_at = fake_now;
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM users WHERE id = %" G_GINT64_FORMAT
                                 " AND locked_until IS NOT NULL", office->staff), ==, 1);

  /* The right password is refused too, with the time the lock ends. */
  locked = sign_in_refused (office, "hung.tran", STAFF_PASSWORD, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (locked, !=, generic);
  until = local_time_text (locked_at + CRM_SIGN_IN_LOCK_MINUTES * 60);
  g_assert_nonnull (strstr (locked, until));

  fake_now = locked_at + 14 * 60;
  g_free (sign_in_refused (office, "hung.tran", STAFF_PASSWORD, CRM_PERMISSION_ERROR_DENIED));
  /* Other accounts are not affected. */
  g_clear_object (&session);
  session = sign_in_ok (office, "lan.nguyen", MANAGER_PASSWORD);

  /* Every refused attempt was written, although each call failed. */
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed' "
                                 "AND entity_id = %" G_GINT64_FORMAT, office->staff), ==, 4 + 5 + 2);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'lock' "
                                 "AND entity_id = %" G_GINT64_FORMAT, office->staff), ==, 1);

  /* After fifteen minutes the lock is over and the count starts again. */
  fake_now = locked_at + CRM_SIGN_IN_LOCK_MINUTES * 60 + 1;
  g_free (sign_in_refused (office, "hung.tran", "sai", CRM_PERMISSION_ERROR_DENIED));
  g_assert_cmpint (office_count (office, "SELECT failed_logins FROM users WHERE id = %" G_GINT64_FORMAT
                                 " AND locked_until IS NULL", office->staff), ==, 1);
  g_clear_object (&session);
  session = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
  g_assert_cmpint (crm_session_get_user_id (session), ==, office->staff);
}

static void
test_reset_lifts_lock (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmSession) session = NULL;

  for (guint i = 0; i < CRM_SIGN_IN_MAX_FAILURES; i++)
    g_free (sign_in_refused (office, "hung.tran", "sai", CRM_PERMISSION_ERROR_DENIED));
  g_free (sign_in_refused (office, "hung.tran", STAFF_PASSWORD, CRM_PERMISSION_ERROR_DENIED));

  set_password (office, office->staff, "mat-khau-moi");
  session = sign_in_ok (office, "hung.tran", "mat-khau-moi");
  g_assert_cmpint (crm_session_get_user_id (session), ==, office->staff);
}

static void
test_deactivated (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *generic = NULL;

  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->staff, FALSE, &error));
  g_assert_no_error (error);

  message = sign_in_refused (office, "hung.tran", STAFF_PASSWORD, CRM_PERMISSION_ERROR_INACTIVE);
  /* A wrong password does not tell that the account exists. */
  generic = sign_in_refused (office, "hung.tran", "sai", CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (message, !=, generic);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed' "
                                 "AND entity_id = %" G_GINT64_FORMAT " AND field = 'active'",
                                 office->staff), ==, 1);

  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->staff, TRUE, &error));
  g_assert_no_error (error);
  g_object_unref (sign_in_ok (office, "hung.tran", STAFF_PASSWORD));
}

static void
test_sign_in_list (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = crm_user_store_list_for_sign_in (office->db.store, &error);

  g_assert_no_error (error);
  /* Lan and Hùng have passwords; the administrator and Mai none yet. */
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_cmpstr (((CrmUserEntry *) g_ptr_array_index (users, 0))->login, ==, "hung.tran");
  g_assert_cmpstr (((CrmUserEntry *) g_ptr_array_index (users, 1))->login, ==, "lan.nguyen");
}

/* Set-up ----------------------------------------------------------------------------- */

static void
test_setup_flow (Office        *office,
                 gconstpointer  data)
{
  static const guint8 logo_bytes[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3 };
  g_autoptr(GBytes) logo = g_bytes_new_static (logo_bytes, sizeof logo_bytes);
  CrmCompanyInfo company = {
    .name = "  Công ty TNHH Thương mại Sông Hồng ",
    .address = "12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội",
    .tax_code = "0100109106",
    .phone = "024 3825 1234",
    .logo = logo,
  };
  CrmCompanyInfo nameless = { .name = " " };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) admin = NULL;
  g_autoptr(CrmSession) again = NULL;
  g_autoptr(CrmSession) signed_in = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *logo_text = NULL;
  g_autofree guchar *decoded = NULL;
  gboolean needs = FALSE;
  gsize decoded_size = 0;

  g_assert_true (crm_user_store_needs_setup (office->db.store, &needs, &error));
  g_assert_no_error (error);
  g_assert_true (needs);

  /* Refusals change nothing. */
  g_assert_null (crm_user_store_finish_setup (office->db.store, "Phạm Quốc Bảo", "bao.pham", "ngan",
                                              &company, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (crm_user_store_finish_setup (office->db.store, "Phạm Quốc Bảo", "bao pham", ADMIN_PASSWORD,
                                              &company, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (crm_user_store_finish_setup (office->db.store, "Phạm Quốc Bảo", "bao.pham", ADMIN_PASSWORD,
                                              &nameless, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  /* Another user's login. */
  g_assert_null (crm_user_store_finish_setup (office->db.store, "Phạm Quốc Bảo", "hung.tran", ADMIN_PASSWORD,
                                              &company, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (crm_user_store_needs_setup (office->db.store, &needs, &error));
  g_assert_true (needs);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM settings WHERE key LIKE 'company_%%'"), ==, 0);

  admin = crm_user_store_finish_setup (office->db.store, "Phạm Quốc Bảo", "bao.pham", ADMIN_PASSWORD,
                                       &company, &error);
  g_assert_no_error (error);
  g_assert_nonnull (admin);
  g_assert_cmpint (crm_session_get_role (admin), ==, CRM_ROLE_ADMIN);
  /* The account ensure_admin() made is the one that was set up. */
  g_assert_cmpint (crm_session_get_user_id (admin), ==, crm_session_get_user_id (office->db.admin));
  g_assert_cmpstr (crm_session_get_login (admin), ==, "bao.pham");
  g_assert_cmpstr (crm_session_get_full_name (admin), ==, "Phạm Quốc Bảo");

  g_assert_true (crm_user_store_needs_setup (office->db.store, &needs, &error));
  g_assert_false (needs);
  name = crm_settings_get (office->db.store, CRM_SETTING_COMPANY_NAME, &error);
  g_assert_cmpstr (name, ==, "Công ty TNHH Thương mại Sông Hồng");
  phone = crm_settings_get (office->db.store, CRM_SETTING_COMPANY_PHONE, &error);
  g_assert_cmpstr (phone, ==, "+842438251234");
  logo_text = crm_settings_get (office->db.store, CRM_SETTING_COMPANY_LOGO, &error);
  decoded = g_base64_decode (logo_text, &decoded_size);
  g_assert_cmpmem (decoded, decoded_size, logo_bytes, sizeof logo_bytes);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE entity = 'setting' "
                                 "AND field LIKE 'company_%%'"), ==, 5);
  /* The logo is not copied into the audit log. */
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE new_value = '%s'", logo_text), ==, 0);

  /* Only once. */
  again = crm_user_store_finish_setup (office->db.store, "Kẻ Lạ", "ke.la", "mat-khau-khac", &company, &error);
  g_assert_null (again);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  signed_in = sign_in_ok (office, "bao.pham", ADMIN_PASSWORD);
  g_assert_cmpint (crm_session_get_role (signed_in), ==, CRM_ROLE_ADMIN);
  g_free (sign_in_refused (office, "admin", ADMIN_PASSWORD, CRM_PERMISSION_ERROR_DENIED));
}

static void
test_setup_empty_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sokhach-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);
  g_autoptr(CrmSession) admin = NULL;
  g_autoptr(CrmSession) signed_in = NULL;
  CrmCompanyInfo company = { .name = "Hộ kinh doanh Minh Anh" };
  gboolean needs = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_count (store, &error), ==, 0);
  g_assert_true (crm_user_store_needs_setup (store, &needs, &error));
  g_assert_true (needs);

  admin = crm_user_store_finish_setup (store, "Trịnh Minh Anh", "minhanh", ADMIN_PASSWORD, &company, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_count (store, &error), ==, 1);
  signed_in = crm_user_store_sign_in (store, "minhanh", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_session_get_user_id (signed_in), ==, crm_session_get_user_id (admin));

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Passwords ------------------------------------------------------------------------ */

static void
test_change_own_password (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(CrmSession) staff = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
  g_autoptr(CrmSession) again = NULL;
  g_autoptr(GError) error = NULL;
  CrmStore *store = office->db.store;

  g_assert_false (crm_user_store_set_password (store, staff, office->staff, "mat-khau-moi", NULL, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_user_store_set_password (store, staff, office->staff, "mat-khau-moi", "sai", &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_user_store_set_password (store, staff, office->staff, "ngan", STAFF_PASSWORD, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  /* Staff cannot set someone else's. */
  g_assert_false (crm_user_store_set_password (store, staff, office->other_staff, "mat-khau-moi", NULL, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_free (sign_in_refused (office, "mai.vo", "mat-khau-moi", CRM_PERMISSION_ERROR_DENIED));

  g_assert_true (crm_user_store_set_password (store, staff, office->staff, "mat-khau-moi", STAFF_PASSWORD,
                                              &error));
  g_assert_no_error (error);
  g_free (sign_in_refused (office, "hung.tran", STAFF_PASSWORD, CRM_PERMISSION_ERROR_DENIED));
  again = sign_in_ok (office, "hung.tran", "mat-khau-moi");

  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'update' "
                                 "AND entity_id = %" G_GINT64_FORMAT " AND field = 'password' "
                                 "AND new_value = 'changed' AND user_id = %" G_GINT64_FORMAT,
                                 office->staff, office->staff), ==, 1);
}

static void
test_admin_reset (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;

  set_password (office, office->other_staff, "mai-vo-2026");
  staff = sign_in_ok (office, "mai.vo", "mai-vo-2026");

  /* A weak password is refused even to an administrator. */
  g_assert_false (crm_user_store_set_password (office->db.store, office->db.admin, office->staff, "1234",
                                               NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_user_store_set_password (office->db.store, office->db.admin, 9999, "mat-khau-moi",
                                               NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE field = 'password' "
                                 "AND new_value = 'reset' AND entity_id = %" G_GINT64_FORMAT
                                 " AND user_id = %" G_GINT64_FORMAT, office->other_staff,
                                 crm_session_get_user_id (office->db.admin)), ==, 1);
  /* Neither passwords nor hashes reach the audit log. */
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE "
                                 "coalesce (old_value, '') || coalesce (new_value, '') LIKE '%%argon2%%' "
                                 "OR coalesce (old_value, '') || coalesce (new_value, '') LIKE '%%2026%%'"), ==, 0);
}

/* Administration -------------------------------------------------------------------- */

static gboolean
has_user (GPtrArray *users,
          gint64     id)
{
  for (guint i = 0; i < users->len; i++)
    if (((CrmUserInfo *) g_ptr_array_index (users, i))->id == id)
      return TRUE;
  return FALSE;
}

static CrmUserInfo *
find_user (GPtrArray *users,
           gint64     id)
{
  for (guint i = 0; i < users->len; i++)
    if (((CrmUserInfo *) g_ptr_array_index (users, i))->id == id)
      return g_ptr_array_index (users, i);
  g_assert_not_reached ();
}

static CrmUserInfo *
get_user (Office *office,
          gint64  id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = crm_user_store_list_users (office->db.store, office->db.admin, TRUE, &error);
  g_assert_no_error (error);
  return crm_user_info_copy (find_user (users, id));
}

/* The session a password opens carries the user's switches, which decide
 * the buttons shown: export, print, delete, see cost prices. */
static void
test_session_permissions (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(CrmUserInfo) info = get_user (office, office->staff);
  g_autoptr(CrmSession) before = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
  g_autoptr(CrmSession) after = NULL;
  g_autoptr(GError) error = NULL;
  CrmUserUpdate update;

  g_assert_true (crm_session_may (before, CRM_PERMISSION_EXPORT));
  g_assert_true (crm_session_may (before, CRM_PERMISSION_PRINT));
  g_assert_false (crm_session_may (before, CRM_PERMISSION_DELETE));

  crm_user_update_init (&update, info);
  update.may_export = FALSE;
  update.may_delete = TRUE;
  g_assert_true (crm_user_store_update_user (office->db.store, office->db.admin, &update, &error));
  g_assert_no_error (error);
  after = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
  g_assert_false (crm_session_may (after, CRM_PERMISSION_EXPORT));
  g_assert_true (crm_session_may (after, CRM_PERMISSION_PRINT));
  g_assert_true (crm_session_may (after, CRM_PERMISSION_DELETE));
}

static void
test_update_user (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(CrmUserInfo) before = get_user (office, office->staff);
  g_autoptr(CrmUserInfo) after = NULL;
  g_autoptr(CrmSession) manager = sign_in_ok (office, "lan.nguyen", MANAGER_PASSWORD);
  g_autoptr(GError) error = NULL;
  CrmUserUpdate update;

  g_assert_cmpstr (before->login, ==, "hung.tran");
  g_assert_true (before->has_password);
  g_assert_true (before->active);
  g_assert_cmpstr (before->team_name, ==, "Kinh doanh miền Bắc");

  crm_user_update_init (&update, before);
  update.email = "hung.tran@songhong.vn";
  update.phone = "0912 345 678";
  update.team_id = office->team_b;
  update.may_delete = TRUE;
  update.may_export = FALSE;

  /* Only administrators. */
  g_assert_false (crm_user_store_update_user (office->db.store, manager, &update, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  update.email = "hung.tran@";
  g_assert_false (crm_user_store_update_user (office->db.store, office->db.admin, &update, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_EMAIL);
  g_clear_error (&error);
  update.email = "hung.tran@songhong.vn";
  update.team_id = 4242;
  g_assert_false (crm_user_store_update_user (office->db.store, office->db.admin, &update, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  update.team_id = office->team_b;

  g_assert_true (crm_user_store_update_user (office->db.store, office->db.admin, &update, &error));
  g_assert_no_error (error);
  after = get_user (office, office->staff);
  g_assert_cmpstr (after->email, ==, "hung.tran@songhong.vn");
  g_assert_cmpstr (after->phone, ==, "+84912345678");
  g_assert_cmpint (after->team_id, ==, office->team_b);
  g_assert_true (after->may_delete);
  g_assert_false (after->may_export);
  g_assert_cmpstr (after->full_name, ==, "Trần Văn Hùng");

  /* One audit row per changed field, none for the others. */
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'update' AND "
                                 "entity = 'user' AND entity_id = %" G_GINT64_FORMAT
                                 " AND field IN ('email', 'phone', 'team_id', 'may_delete', 'may_export')",
                                 office->staff), ==, 5);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE action = 'update' AND "
                                 "entity = 'user' AND entity_id = %" G_GINT64_FORMAT
                                 " AND field IN ('full_name', 'role', 'active', 'may_print', 'may_see_cost')",
                                 office->staff), ==, 0);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE field = 'team_id' AND "
                                 "old_value = '%" G_GINT64_FORMAT "' AND new_value = '%" G_GINT64_FORMAT "'",
                                 office->team_a, office->team_b), ==, 1);

  /* The next sign-in gives the new team. */
  {
    g_autoptr(CrmSession) staff = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
    g_assert_cmpint (crm_session_get_team_id (staff), ==, office->team_b);
  }
}

static void
test_last_admin (Office        *office,
                 gconstpointer  data)
{
  gint64 admin_id = crm_session_get_user_id (office->db.admin);
  g_autoptr(CrmUserInfo) admin = get_user (office, admin_id);
  g_autoptr(CrmUserInfo) manager = get_user (office, office->manager);
  g_autoptr(CrmSession) new_admin = NULL;
  g_autoptr(GError) error = NULL;
  CrmUserUpdate update;

  crm_user_update_init (&update, admin);
  update.role = CRM_ROLE_MANAGER;
  g_assert_false (crm_user_store_update_user (office->db.store, office->db.admin, &update, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_user_store_set_active (office->db.store, office->db.admin, admin_id, FALSE, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"), ==, 1);

  /* With a second administrator the first may step down. */
  crm_user_update_init (&update, manager);
  update.role = CRM_ROLE_ADMIN;
  g_assert_true (crm_user_store_update_user (office->db.store, office->db.admin, &update, &error));
  g_assert_no_error (error);
  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, admin_id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"), ==, 1);
  /* The switched-off administrator's session may change nothing now, */
  g_assert_false (crm_user_store_set_active (office->db.store, office->db.admin, office->staff, FALSE, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
  g_clear_error (&error);
  /* and the new administrator is the last one. */
  new_admin = sign_in_ok (office, "lan.nguyen", MANAGER_PASSWORD);
  g_assert_cmpint (crm_session_get_role (new_admin), ==, CRM_ROLE_ADMIN);
  g_assert_false (crm_user_store_set_active (office->db.store, new_admin, office->manager, FALSE, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (crm_user_store_set_active (office->db.store, new_admin, admin_id, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_list_users (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmSession) manager = sign_in_ok (office, "lan.nguyen", MANAGER_PASSWORD);
  g_autoptr(CrmSession) staff = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) self = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->other_staff, FALSE,
                                            &error));
  g_assert_no_error (error);

  all = crm_user_store_list_users (office->db.store, office->db.admin, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_false (find_user (all, office->other_staff)->active);
  active = crm_user_store_list_users (office->db.store, office->db.admin, FALSE, &error);
  g_assert_cmpuint (active->len, ==, 3);
  g_assert_false (has_user (active, office->other_staff));

  team = crm_user_store_list_users (office->db.store, manager, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 2);
  g_assert_true (has_user (team, office->manager));
  g_assert_true (has_user (team, office->staff));
  g_assert_nonnull (find_user (team, office->staff)->last_sign_in_at);

  self = crm_user_store_list_users (office->db.store, staff, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (self->len, ==, 1);
  g_assert_cmpint (((CrmUserInfo *) g_ptr_array_index (self, 0))->id, ==, office->staff);
}

static CrmTeamInfo *
find_team (GPtrArray *teams,
           gint64     id)
{
  for (guint i = 0; i < teams->len; i++)
    if (((CrmTeamInfo *) g_ptr_array_index (teams, i))->id == id)
      return g_ptr_array_index (teams, i);
  g_assert_not_reached ();
}

static void
test_teams (Office        *office,
            gconstpointer  data)
{
  g_autoptr(CrmSession) staff = sign_in_ok (office, "hung.tran", STAFF_PASSWORD);
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(CrmUserInfo) manager = get_user (office, office->manager);
  g_autoptr(GError) error = NULL;
  CrmStore *store = office->db.store;
  CrmUserUpdate update;

  g_assert_false (crm_user_store_rename_team (store, staff, office->team_a, "Miền Bắc", &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_user_store_rename_team (store, office->db.admin, office->team_a, "Kinh doanh miền Nam",
                                              &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (crm_user_store_rename_team (store, office->db.admin, office->team_a, "  ", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_true (crm_user_store_rename_team (store, office->db.admin, office->team_a, " Miền Bắc ", &error));
  g_assert_no_error (error);

  /* Staff cannot lead a team; the team's manager can. */
  g_assert_false (crm_user_store_set_team_manager (store, office->db.admin, office->team_a, office->staff, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (crm_user_store_set_team_manager (store, office->db.admin, office->team_b, office->manager,
                                                   &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_true (crm_user_store_set_team_manager (store, office->db.admin, office->team_a, office->manager,
                                                  &error));
  g_assert_no_error (error);

  teams = crm_user_store_list_teams (store, staff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (teams->len, ==, 2);
  /* Vietnamese order: "Kinh doanh miền Nam" before "Miền Bắc". */
  g_assert_cmpstr (((CrmTeamInfo *) g_ptr_array_index (teams, 0))->name, ==, "Kinh doanh miền Nam");
  g_assert_cmpstr (find_team (teams, office->team_a)->name, ==, "Miền Bắc");
  g_assert_cmpint (find_team (teams, office->team_a)->manager_id, ==, office->manager);
  g_assert_cmpstr (find_team (teams, office->team_a)->manager_name, ==, "Nguyễn Thị Lan");
  g_assert_cmpuint (find_team (teams, office->team_a)->n_members, ==, 2);
  g_assert_cmpuint (find_team (teams, office->team_b)->n_members, ==, 1);

  /* A manager who moves to another team no longer leads the old one. */
  crm_user_update_init (&update, manager);
  update.team_id = office->team_b;
  g_assert_true (crm_user_store_update_user (store, office->db.admin, &update, &error));
  g_assert_no_error (error);
  later = crm_user_store_list_teams (store, office->db.admin, &error);
  g_assert_cmpint (find_team (later, office->team_a)->manager_id, ==, 0);
  g_assert_null (find_team (later, office->team_a)->manager_name);

  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE entity = 'team' AND "
                                 "entity_id = %" G_GINT64_FORMAT " AND field = 'manager_id'",
                                 office->team_a), ==, 2);
  g_assert_cmpint (office_count (office, "SELECT count(*) FROM audit_log WHERE entity = 'team' AND "
                                 "field = 'name' AND new_value = 'Miền Bắc'"), ==, 1);
}

/* Files ------------------------------------------------------------------------------ */

static guint
file_mode (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_mode & 0777;
}

static void
test_private_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sokhach-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "private.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) admin = NULL;
  mode_t saved = umask (0);

  /* A careless umask must not make the customer file readable. */
  store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = crm_user_store_ensure_admin (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  g_assert_true (crm_store_backup (store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  umask (saved);

  g_clear_object (&store);
  g_unlink (backup);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define OFFICE_TEST(name, func) \
  g_test_add ("/sign-in/" name, Office, NULL, office_setup, func, office_teardown)

  OFFICE_TEST ("success", test_success);
  OFFICE_TEST ("session-permissions", test_session_permissions);
  OFFICE_TEST ("generic-failure", test_generic_failure);
  OFFICE_TEST ("lockout", test_lockout);
  OFFICE_TEST ("reset-lifts-lock", test_reset_lifts_lock);
  OFFICE_TEST ("deactivated", test_deactivated);
  OFFICE_TEST ("sign-in-list", test_sign_in_list);
  OFFICE_TEST ("setup-flow", test_setup_flow);
  g_test_add_func ("/sign-in/setup-empty-database", test_setup_empty_database);
  OFFICE_TEST ("change-own-password", test_change_own_password);
  OFFICE_TEST ("admin-reset", test_admin_reset);
  OFFICE_TEST ("update-user", test_update_user);
  OFFICE_TEST ("last-admin", test_last_admin);
  OFFICE_TEST ("list-users", test_list_users);
  OFFICE_TEST ("teams", test_teams);
  g_test_add_func ("/sign-in/private-files", test_private_files);

#undef OFFICE_TEST

  return g_test_run ();
}
