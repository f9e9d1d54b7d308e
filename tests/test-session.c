/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-error.h"
#include "crm-search-store.h"
#include "test-fixture.h"

/* An office of two teams: a manager and two staff in team A, one staff in
 * team B, and customers assigned to each of them and to the admin. */
typedef struct
{
  CrmTestDb  db;
  gint64     team_a, team_b;
  gint64     manager_id, a1_id, a2_id, b1_id;
  gint64     admin_customer, manager_customer, a1_customer, a1_second, a2_customer, b1_customer;
} Office;

#define N_CUSTOMERS 6

static gint64
count_audit (Office     *office,
             const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE %s", where);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gint64
count_all_audit (Office *office)
{
  return count_audit (office, "1");
}

static gint64
add_team (Office     *office,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count_all_audit (office);
  gint64 id = crm_user_store_create_team (office->db.store, office->db.admin, name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (count_all_audit (office), >, before);
  return id;
}

static gint64
add_user (Office     *office,
          const char *login,
          const char *full_name,
          CrmRole     role,
          gint64      team_id)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count_all_audit (office);
  gint64 id = crm_user_store_create (office->db.store, office->db.admin, login, full_name,
                                     role, team_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (count_all_audit (office), >, before);
  return id;
}

static gint64
add_customer (Office     *office,
              const char *name,
              gint64      assigned_to)
{
  gint64 before = count_all_audit (office);
  gint64 id = crm_test_add_customer (&office->db, NULL, name, NULL, NULL, assigned_to);

  g_assert_cmpint (count_all_audit (office), >, before);
  return id;
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  crm_test_db_setup (&office->db, data);

  office->team_a = add_team (office, "Phòng kinh doanh miền Bắc");
  office->team_b = add_team (office, "Phòng kinh doanh miền Nam");
  office->manager_id = add_user (office, "lan.truong", "Trương Thị Lan", CRM_ROLE_MANAGER, office->team_a);
  office->a1_id = add_user (office, "an.nguyen", "Nguyễn Văn An", CRM_ROLE_STAFF, office->team_a);
  office->a2_id = add_user (office, "binh.tran", "Trần Thị Bình", CRM_ROLE_STAFF, office->team_a);
  office->b1_id = add_user (office, "cuong.le", "Lê Văn Cường", CRM_ROLE_STAFF, office->team_b);

  office->admin_customer = add_customer (office, "Công ty TNHH Hòa Bình", 0);
  office->manager_customer = add_customer (office, "Đinh Quang Huy", office->manager_id);
  office->a1_customer = add_customer (office, "Phạm Minh Khoa", office->a1_id);
  office->a1_second = add_customer (office, "Vũ Thị Hằng", office->a1_id);
  office->a2_customer = add_customer (office, "Hoàng Đức Thịnh", office->a2_id);
  office->b1_customer = add_customer (office, "Lý Thu Trang", office->b1_id);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  crm_test_db_teardown (&office->db, data);
}

static CrmSession *
open_session (Office *office,
              gint64  user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (office->db.store, user_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpint (crm_session_get_user_id (session), ==, user_id);
  return session;
}

static gint64
count_visible (Office     *office,
               CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  gint64 count = crm_customer_store_count (office->db.store, session, &error);

  g_assert_no_error (error);
  return count;
}

static gboolean
can_get (Office     *office,
         CrmSession *session,
         gint64      customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (office->db.store, session, customer_id, &error);

  if (customer == NULL)
    {
      /* Not visible and not existing look the same. */
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
      return FALSE;
    }
  g_assert_no_error (error);
  g_assert_cmpint (customer->id, ==, customer_id);
  return TRUE;
}

static gboolean
search_finds (Office     *office,
              CrmSession *session,
              const char *query,
              gint64      customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = crm_search_store_find (office->db.store, session, query, 20, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (((CrmSearchHit *) g_ptr_array_index (hits, i))->customer_id == customer_id)
      return TRUE;
  return FALSE;
}

static void
set_visibility_own (Office *office)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 before = count_all_audit (office);

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  value = crm_settings_get (office->db.store, "customer_visibility", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "own");
  g_assert_cmpint (count_all_audit (office), ==, before + 1);
  g_assert_cmpint (count_audit (office, "entity = 'setting' AND field = 'customer_visibility' "
                                        "AND old_value = 'shared' AND new_value = 'own' "
                                        "AND user_id IS NOT NULL"), ==, 1);
}

static void
test_shared_everyone_sees_all (Office        *office,
                               gconstpointer  data)
{
  gint64 users[] = { office->manager_id, office->a1_id, office->a2_id, office->b1_id };
  g_autofree char *value = crm_settings_get (office->db.store, "customer_visibility", NULL);

  g_assert_cmpstr (value, ==, "shared");
  g_assert_cmpint (count_visible (office, office->db.admin), ==, N_CUSTOMERS);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(CrmSession) session = open_session (office, users[i]);

      g_assert_true (crm_session_sees_all_customers (session));
      g_assert_cmpint (count_visible (office, session), ==, N_CUSTOMERS);
      g_assert_true (can_get (office, session, office->b1_customer));
      g_assert_true (can_get (office, session, office->a2_customer));
    }
}

static void
test_own_staff_sees_only_theirs (Office        *office,
                                 gconstpointer  data)
{
  g_autoptr(CrmSession) a1 = NULL;
  g_autoptr(CrmSession) a2 = NULL;
  g_autoptr(CrmSession) b1 = NULL;

  set_visibility_own (office);
  a1 = open_session (office, office->a1_id);
  a2 = open_session (office, office->a2_id);
  b1 = open_session (office, office->b1_id);

  g_assert_false (crm_session_sees_all_customers (a1));
  g_assert_cmpint (count_visible (office, a1), ==, 2);
  g_assert_true (can_get (office, a1, office->a1_customer));
  g_assert_true (can_get (office, a1, office->a1_second));
  g_assert_false (can_get (office, a1, office->a2_customer));
  g_assert_false (can_get (office, a1, office->manager_customer));
  g_assert_false (can_get (office, a1, office->b1_customer));
  g_assert_false (can_get (office, a1, office->admin_customer));

  g_assert_cmpint (count_visible (office, a2), ==, 1);
  g_assert_true (can_get (office, a2, office->a2_customer));
  g_assert_false (can_get (office, a2, office->a1_customer));

  g_assert_cmpint (count_visible (office, b1), ==, 1);
  g_assert_true (can_get (office, b1, office->b1_customer));
  g_assert_false (can_get (office, b1, office->a1_customer));

  /* Search applies the same rule. */
  g_assert_true (search_finds (office, a1, "pham minh khoa", office->a1_customer));
  g_assert_false (search_finds (office, a1, "ly thu trang", office->b1_customer));
  g_assert_true (search_finds (office, b1, "ly thu trang", office->b1_customer));
}

static void
test_own_manager_sees_team (Office        *office,
                            gconstpointer  data)
{
  g_autoptr(CrmSession) manager = NULL;

  set_visibility_own (office);
  manager = open_session (office, office->manager_id);

  /* The manager's own customer and those of a1 (two) and a2. */
  g_assert_cmpint (count_visible (office, manager), ==, 4);
  g_assert_true (can_get (office, manager, office->manager_customer));
  g_assert_true (can_get (office, manager, office->a1_customer));
  g_assert_true (can_get (office, manager, office->a1_second));
  g_assert_true (can_get (office, manager, office->a2_customer));
  g_assert_false (can_get (office, manager, office->b1_customer));
  g_assert_false (can_get (office, manager, office->admin_customer));
  g_assert_true (search_finds (office, manager, "hoang duc thinh", office->a2_customer));
  g_assert_false (search_finds (office, manager, "ly thu trang", office->b1_customer));
}

static void
test_own_admin_sees_all (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(CrmSession) admin = NULL;
  g_autoptr(GError) error = NULL;

  set_visibility_own (office);
  admin = crm_user_store_ensure_admin (office->db.store, &error);
  g_assert_no_error (error);

  g_assert_cmpint (count_visible (office, admin), ==, N_CUSTOMERS);
  g_assert_true (can_get (office, admin, office->b1_customer));
  g_assert_true (can_get (office, admin, office->a2_customer));
  g_assert_true (search_finds (office, admin, "ly thu trang", office->b1_customer));
}

static void
test_staff_cannot_change_settings (Office        *office,
                                   gconstpointer  data)
{
  CrmRole roles[] = { CRM_ROLE_STAFF, CRM_ROLE_MANAGER };
  gint64 users[] = { office->a1_id, office->manager_id };
  gint64 before = count_all_audit (office);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(CrmSession) session = open_session (office, users[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      g_assert_cmpint (crm_session_get_role (session), ==, roles[i]);
      g_assert_false (crm_settings_set (office->db.store, session, "customer_visibility", "own", &error));
      g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
      value = crm_settings_get (office->db.store, "customer_visibility", NULL);
      g_assert_cmpstr (value, ==, "shared");
    }
  g_assert_cmpint (count_all_audit (office), ==, before);
}

static void
test_staff_cannot_manage_users (Office        *office,
                                gconstpointer  data)
{
  g_autoptr(CrmSession) a1 = open_session (office, office->a1_id);
  g_autoptr(GError) error = NULL;
  gint64 users = crm_user_store_count (office->db.store, NULL);
  gint64 before = count_all_audit (office);
  g_autoptr(CrmSession) b1 = NULL;

  g_assert_cmpint (crm_user_store_create (office->db.store, a1, "ke.gian", "Kẻ Gian",
                                          CRM_ROLE_ADMIN, 0, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (crm_user_store_create_team (office->db.store, a1, "Phòng riêng", &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_user_store_set_active (office->db.store, a1, office->b1_id, FALSE, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);

  g_assert_cmpint (crm_user_store_count (office->db.store, NULL), ==, users);
  g_assert_cmpint (count_all_audit (office), ==, before);
  b1 = open_session (office, office->b1_id);
}

static void
test_deactivated_user_cannot_sign_in (Office        *office,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  gint64 before = count_all_audit (office);

  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->a2_id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_all_audit (office), ==, before + 1);
  g_assert_cmpint (count_audit (office, "entity = 'user' AND action = 'update' AND field = 'active' "
                                        "AND old_value = '1' AND new_value = '0'"), ==, 1);

  session = crm_user_store_open_session (office->db.store, office->a2_id, &error);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
  g_assert_null (session);
  g_clear_error (&error);
  session = crm_user_store_session_for (office->db.store, "binh.tran", &error);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
  g_assert_null (session);
  g_clear_error (&error);

  /* The others are not affected, and the account can come back. */
  g_clear_object (&session);
  session = open_session (office, office->a1_id);
  g_clear_object (&session);
  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->a2_id, TRUE, &error));
  g_assert_no_error (error);
  session = open_session (office, office->a2_id);
}

static gint64
count_audit_printf (Office     *office,
                    const char *format,
                    ...) G_GNUC_PRINTF (2, 3);

static gint64
count_audit_printf (Office     *office,
                    const char *format,
                    ...)
{
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  where = g_strdup_vprintf (format, args);
  va_end (args);
  return count_audit (office, where);
}

static void
test_changes_are_audited (Office        *office,
                          gconstpointer  data)
{
  gint64 admin_id = crm_session_get_user_id (office->db.admin);
  g_autoptr(GError) error = NULL;

  /* What the fixture did, each change once, by the administrator. */
  g_assert_cmpint (count_audit (office, "entity = 'team' AND action = 'create'"), ==, 2);
  g_assert_cmpint (count_audit_printf (office, "entity = 'team' AND entity_id IN (%" G_GINT64_FORMAT
                                               ", %" G_GINT64_FORMAT ")",
                                       office->team_a, office->team_b), ==, 2);
  g_assert_cmpint (count_audit_printf (office, "entity = 'user' AND action = 'create' AND entity_id <> %"
                                               G_GINT64_FORMAT, admin_id), ==, 4);
  g_assert_cmpint (count_audit_printf (office, "entity = 'user' AND entity_id = %" G_GINT64_FORMAT
                                               " AND new_value = 'cuong.le'", office->b1_id), ==, 1);
  g_assert_cmpint (count_audit (office, "entity = 'customer' AND action = 'create'"), ==, N_CUSTOMERS);
  g_assert_cmpint (count_audit_printf (office, "entity = 'customer' AND entity_id = %" G_GINT64_FORMAT,
                                       office->b1_customer), ==, 1);
  /* The first administrator's own creation is the one row with no user:
   * nobody was signed in yet. */
  g_assert_cmpint (count_audit_printf (office, "user_id IS NOT %" G_GINT64_FORMAT, admin_id), ==, 1);
  g_assert_cmpint (count_audit_printf (office, "user_id IS NULL AND entity = 'user' AND entity_id = %"
                                               G_GINT64_FORMAT, admin_id), ==, 1);
  g_assert_cmpint (count_audit (office, "at IS NULL OR at = ''"), ==, 0);

  set_visibility_own (office);
  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->b1_id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit_printf (office, "entity = 'user' AND action = 'update' AND field = 'active' "
                                               "AND entity_id = %" G_GINT64_FORMAT, office->b1_id), ==, 1);
  /* The first administrator's own creation is the one row with no user:
   * nobody was signed in yet. */
  g_assert_cmpint (count_audit_printf (office, "user_id IS NOT %" G_GINT64_FORMAT, admin_id), ==, 1);
  g_assert_cmpint (count_audit_printf (office, "user_id IS NULL AND entity = 'user' AND entity_id = %"
                                               G_GINT64_FORMAT, admin_id), ==, 1);
}

static char *
assignee_logins (Office     *office,
                 CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = crm_user_store_list_assignees (office->db.store, session, &error);
  g_autoptr(GString) logins = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < users->len; i++)
    {
      const CrmUserEntry *user = g_ptr_array_index (users, i);
      g_string_append_printf (logins, "%s%s", i ? " " : "", user->login);
    }
  return g_string_free (g_steal_pointer (&logins), FALSE);
}

/* Pickers offer only the active people a user may hand customers to. */
static void
test_assignees_follow_role (Office        *office,
                            gconstpointer  data)
{
  g_autoptr(CrmSession) manager = open_session (office, office->manager_id);
  g_autoptr(CrmSession) a1 = open_session (office, office->a1_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *for_admin = assignee_logins (office, office->db.admin);
  g_autofree char *for_manager = assignee_logins (office, manager);
  g_autofree char *for_staff = assignee_logins (office, a1);
  g_autofree char *after = NULL;

  /* By given name: Administrator, An, Bình, Cường, Lan. */
  g_assert_cmpstr (for_admin, ==, "admin an.nguyen binh.tran cuong.le lan.truong");
  g_assert_cmpstr (for_manager, ==, "an.nguyen binh.tran lan.truong");
  g_assert_cmpstr (for_staff, ==, "an.nguyen");

  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->a2_id, FALSE, &error));
  g_assert_no_error (error);
  after = assignee_logins (office, manager);
  g_assert_cmpstr (after, ==, "an.nguyen lan.truong");
}

/* Sessions carry the extra rights so screens can hide what the store
 * would refuse; administrators have them all. */
static void
test_session_permissions (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(CrmSession) before = open_session (office, office->a1_id);
  g_autoptr(CrmSession) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  CrmUserUpdate update = { 0 };

  g_assert_true (crm_session_may (office->db.admin, CRM_PERMISSION_DELETE | CRM_PERMISSION_SEE_COST));
  g_assert_true (crm_session_may (before, CRM_PERMISSION_EXPORT));
  g_assert_false (crm_session_may (before, CRM_PERMISSION_DELETE));
  g_assert_false (crm_session_may (before, CRM_PERMISSION_SEE_COST));

  users = crm_user_store_list_users (office->db.store, office->db.admin, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < users->len; i++)
    if (((CrmUserInfo *) g_ptr_array_index (users, i))->id == office->a1_id)
      crm_user_update_init (&update, g_ptr_array_index (users, i));
  g_assert_cmpint (update.id, ==, office->a1_id);
  update.may_delete = TRUE;
  update.may_export = FALSE;
  g_assert_true (crm_user_store_update_user (office->db.store, office->db.admin, &update, &error));
  g_assert_no_error (error);

  after = open_session (office, office->a1_id);
  g_assert_true (crm_session_may (after, CRM_PERMISSION_DELETE));
  g_assert_false (crm_session_may (after, CRM_PERMISSION_EXPORT));
  g_assert_false (crm_session_may (after, CRM_PERMISSION_DELETE | CRM_PERMISSION_EXPORT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Office, NULL, office_setup, func, office_teardown)

  ADD ("/session/shared/everyone-sees-all", test_shared_everyone_sees_all);
  ADD ("/session/own/staff-sees-only-own", test_own_staff_sees_only_theirs);
  ADD ("/session/own/manager-sees-team", test_own_manager_sees_team);
  ADD ("/session/own/admin-sees-all", test_own_admin_sees_all);
  ADD ("/session/settings/staff-denied", test_staff_cannot_change_settings);
  ADD ("/session/users/staff-denied", test_staff_cannot_manage_users);
  ADD ("/session/users/deactivated-cannot-sign-in", test_deactivated_user_cannot_sign_in);
  ADD ("/session/audit/every-change-recorded", test_changes_are_audited);
  ADD ("/session/users/assignees-follow-role", test_assignees_follow_role);
  ADD ("/session/users/permissions-on-the-session", test_session_permissions);

#undef ADD

  return g_test_run ();
}
