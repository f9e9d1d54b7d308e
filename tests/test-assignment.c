/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-assignment-store.h"
#include "crm-error.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb  db;
  gint64     staff[3];
  CrmSession *staff_session;
} Office;

static gint64
query_int (Office     *office,
           const char *sql)
{
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

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  static const char *const logins[] = { "lan.nguyen", "hung.tran", "mai.le" };
  static const char *const names[] = { "Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Mai" };
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&office->db, data);
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      office->staff[i] = crm_user_store_create (office->db.store, office->db.admin, logins[i], names[i],
                                                CRM_ROLE_STAFF, 0, &error);
      g_assert_no_error (error);
    }
  office->staff_session = crm_user_store_open_session (office->db.store, office->staff[0], &error);
  g_assert_no_error (error);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->staff_session);
  crm_test_db_teardown (&office->db, data);
}

static void
set_rule (Office     *office,
          const char *rule)
{
  g_autoptr(GError) error = NULL;

  crm_settings_set (office->db.store, office->db.admin, "assignment_rule", rule, &error);
  g_assert_no_error (error);
}

static gint64
assignee_of (Office *office,
             gint64  customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (office->db.store, office->db.admin,
                                                            customer_id, &error);

  g_assert_no_error (error);
  return customer->assigned_to;
}

static void
test_manual_gives_creator (Office        *office,
                           gconstpointer  data)
{
  gint64 id = crm_test_add_customer (&office->db, office->staff_session, "Khách A", NULL, NULL, 0);

  g_assert_cmpint (assignee_of (office, id), ==, office->staff[0]);
}

static void
test_round_robin_skips_inactive (Office        *office,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 got[4];

  set_rule (office, "round_robin");
  crm_user_store_set_active (office->db.store, office->db.admin, office->staff[1], FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (got); i++)
    got[i] = assignee_of (office, crm_test_add_customer (&office->db, NULL, "Khách", NULL, NULL, 0));
  g_assert_cmpint (got[0], ==, office->staff[0]);
  g_assert_cmpint (got[1], ==, office->staff[2]);
  g_assert_cmpint (got[2], ==, office->staff[0]);
  g_assert_cmpint (got[3], ==, office->staff[2]);
}

static void
test_least_loaded (Office        *office,
                   gconstpointer  data)
{
  crm_test_add_customer (&office->db, NULL, "Khách 1", NULL, NULL, office->staff[0]);
  crm_test_add_customer (&office->db, NULL, "Khách 2", NULL, NULL, office->staff[0]);
  crm_test_add_customer (&office->db, NULL, "Khách 3", NULL, NULL, office->staff[1]);
  set_rule (office, "least_loaded");
  g_assert_cmpint (assignee_of (office, crm_test_add_customer (&office->db, NULL, "Mới 1", NULL, NULL, 0)),
                   ==, office->staff[2]);
  g_assert_cmpint (assignee_of (office, crm_test_add_customer (&office->db, NULL, "Mới 2", NULL, NULL, 0)),
                   ==, office->staff[1]);
}

static void
test_by_province_with_fallback (Office        *office,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *map = g_strdup_printf ("{\"da-nang\": %" G_GINT64_FORMAT ", \"hue\": %" G_GINT64_FORMAT "}",
                                          office->staff[2], office->staff[1]);

  crm_settings_set (office->db.store, office->db.admin, "assignment_map", map, &error);
  g_assert_no_error (error);
  set_rule (office, "by_province");
  g_assert_cmpint (assignee_of (office, crm_test_add_customer (&office->db, NULL, "Đà Nẵng", "da-nang", NULL, 0)),
                   ==, office->staff[2]);
  g_assert_cmpint (assignee_of (office, crm_test_add_customer (&office->db, NULL, "Huế", "hue", NULL, 0)),
                   ==, office->staff[1]);
  /* No one named for Hà Nội: round robin. */
  g_assert_cmpint (assignee_of (office, crm_test_add_customer (&office->db, NULL, "Hà Nội", "ha-noi", NULL, 0)),
                   ==, office->staff[0]);
}

static void
test_bulk_reassign_is_audited (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      gint64 id = crm_test_add_customer (&office->db, NULL, "Khách", NULL, NULL, office->staff[0]);
      g_array_append_val (ids, id);
    }
  g_assert_true (crm_assignment_store_reassign (office->db.store, office->db.admin, ids, office->staff[1], &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (assignee_of (office, g_array_index (ids, gint64, i)), ==, office->staff[1]);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'assign'"), ==, 3);
}

static void
test_reassign_refusals_change_nothing (Office        *office,
                                       gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_add_customer (&office->db, NULL, "Khách", NULL, NULL, office->staff[0]);
  gint64 missing = 424242;

  g_array_append_val (ids, id);
  g_assert_false (crm_assignment_store_reassign (office->db.store, office->staff_session, ids,
                                                 office->staff[1], &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  crm_user_store_set_active (office->db.store, office->db.admin, office->staff[2], FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (crm_assignment_store_reassign (office->db.store, office->db.admin, ids,
                                                 office->staff[2], &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_array_append_val (ids, missing);
  g_assert_false (crm_assignment_store_reassign (office->db.store, office->db.admin, ids,
                                                 office->staff[1], &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (assignee_of (office, id), ==, office->staff[0]);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'assign'"), ==, 0);
}

static void
test_hand_over_moves_all (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint moved = 0;

  for (guint i = 0; i < 5; i++)
    crm_test_add_customer (&office->db, NULL, "Khách cũ", NULL, NULL, office->staff[0]);
  crm_test_add_customer (&office->db, NULL, "Khách khác", NULL, NULL, office->staff[2]);
  g_assert_true (crm_assignment_store_hand_over (office->db.store, office->db.admin, office->staff[0],
                                                 office->staff[1], &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 5);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM customers WHERE assigned_to = 2"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM customers WHERE assigned_to = 3"), ==, 5);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM customers WHERE assigned_to = 4"), ==, 1);
}

/* Changing the assignee through the profile obeys the same rules as
 * reassigning, and an edit by its assignee that leaves it alone is fine. */
static void
test_profile_edit_obeys_assignment_rules (Office        *office,
                                          gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_add_customer (&office->db, NULL, "Khách của Lan", NULL, NULL, office->staff[0]);

  customer = crm_customer_store_get (office->db.store, office->staff_session, id, &error);
  g_assert_no_error (error);
  customer->assigned_to = office->staff[1];
  g_assert_false (crm_customer_store_update (office->db.store, office->staff_session, customer, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (assignee_of (office, id), ==, office->staff[0]);

  customer->assigned_to = office->staff[0];
  g_free (customer->occupation);
  customer->occupation = g_strdup ("Kế toán");
  g_assert_true (crm_customer_store_update (office->db.store, office->staff_session, customer, &error));
  g_assert_no_error (error);

  crm_user_store_set_active (office->db.store, office->db.admin, office->staff[2], FALSE, &error);
  g_assert_no_error (error);
  customer->assigned_to = office->staff[2];
  g_assert_false (crm_customer_store_update (office->db.store, office->db.admin, customer, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  customer->assigned_to = office->staff[1];
  g_assert_true (crm_customer_store_update (office->db.store, office->db.admin, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (assignee_of (office, id), ==, office->staff[1]);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE field = 'assigned_to'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/assignment/manual-gives-creator", test_manual_gives_creator);
  ADD ("/store/assignment/round-robin-skips-inactive", test_round_robin_skips_inactive);
  ADD ("/store/assignment/least-loaded", test_least_loaded);
  ADD ("/store/assignment/by-province-with-fallback", test_by_province_with_fallback);
  ADD ("/store/assignment/bulk-reassign-is-audited", test_bulk_reassign_is_audited);
  ADD ("/store/assignment/reassign-refusals-change-nothing", test_reassign_refusals_change_nothing);
  ADD ("/store/assignment/hand-over-moves-all", test_hand_over_moves_all);
  ADD ("/store/assignment/profile-edit-obeys-assignment-rules", test_profile_edit_obeys_assignment_rules);
#undef ADD

  return g_test_run ();
}
