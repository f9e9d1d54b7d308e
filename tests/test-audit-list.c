/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-audit-list.h"
#include "crm-error.h"
#include "test-fixture.h"

/* The audit viewer's lazy model: it counts, reads only the pages asked
 * for, shows rows in words and follows its filter. */

static void
add_rows (CrmTestDb  *fixture,
          guint       n,
          const char *entity)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO audit_log (at, user_id, action, entity, entity_id, field, old_value, new_value) "
                         "VALUES ('2026-05-0%uT01:00:00Z', 1, 'update', '%s', %u, 'province_code', 'ha-noi', 'hue')",
                         1 + i % 9, entity, i + 1);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (db);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

static void
test_lazy_pages (CrmTestDb     *fixture,
                 gconstpointer  data)
{
  g_autoptr(CrmAuditList) list = crm_audit_list_new (fixture->store, fixture->admin);
  g_autoptr(CrmAuditRow) first = NULL;
  g_autoptr(CrmAuditRow) last = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  add_rows (fixture, 1000, "customer");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (crm_audit_list_reload (list, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 1001);   /* and the administrator's creation */
  g_assert_cmpuint (crm_audit_list_get_pages_fetched (list), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  g_assert_cmpuint (crm_audit_list_get_pages_fetched (list), ==, 2);
  /* Newest first: the administrator's account, made just now. */
  g_assert_cmpstr (crm_audit_row_get_action (first), ==, "Created");
  g_assert_cmpstr (crm_audit_row_get_user (first), ==, "System");
  g_assert_cmpstr (crm_audit_row_get_field (last), ==, "Province");
  g_assert_cmpstr (crm_audit_row_get_change (last), ==, "Hà Nội → Huế");
  g_assert_cmpstr (crm_audit_row_get_when (last), ==, "01/05/2026 08:00");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
}

static void
test_filter (CrmTestDb     *fixture,
             gconstpointer  data)
{
  g_autoptr(CrmAuditList) list = crm_audit_list_new (fixture->store, fixture->admin);
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  add_rows (fixture, 30, "contact");
  add_rows (fixture, 5, "interaction");
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &calls);
  crm_audit_list_reload (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);

  filter->entity = g_strdup ("interaction");
  g_assert_true (crm_audit_list_set_filter (list, filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (calls, ==, 2);
  g_assert_true (crm_audit_list_set_filter (list, filter, &error));
  g_assert_cmpuint (calls, ==, 2);

  /* A period that is not one leaves the list as it was. */
  filter->from_date = g_strdup ("2026-05-09");
  filter->to_date = g_strdup ("2026-05-01");
  g_assert_false (crm_audit_list_set_filter (list, filter, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpstr (crm_audit_list_get_filter (list)->from_date, ==, NULL);
}

static void
test_staff_get_nothing (CrmTestDb     *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id = crm_user_store_create (fixture->store, fixture->admin, "lan", "Lan", CRM_ROLE_STAFF, 0,
                                           &error);
  g_autoptr(CrmSession) staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_autoptr(CrmAuditList) list = crm_audit_list_new (fixture->store, staff);

  g_assert_no_error (error);
  g_assert_false (crm_audit_list_reload (list, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, CrmTestDb, NULL, crm_test_db_setup, func, crm_test_db_teardown)
  ADD ("/audit/list/lazy-pages", test_lazy_pages);
  ADD ("/audit/list/filter", test_filter);
  ADD ("/audit/list/staff-get-nothing", test_staff_get_nothing);
#undef ADD

  return g_test_run ();
}
