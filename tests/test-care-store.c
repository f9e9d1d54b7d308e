/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-care-store.h"
#include "crm-error.h"
#include "crm-interaction-store.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb   db;
  gint64      staff[2];
  gint64      manager;
  CrmSession *lan;        /* staff[0], in the manager's team */
  CrmSession *hung;       /* staff[1] */
  CrmSession *boss;       /* manager of staff[0]'s team */
  gint64      customer;   /* assigned to staff[0] */
  gint64      other;      /* assigned to staff[1] */
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

static CrmSession *
session_of (Office *office,
            gint64  user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (office->db.store, user_id, &error);

  g_assert_no_error (error);
  return session;
}

static void
open_sessions (Office *office)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  office->lan = session_of (office, office->staff[0]);
  office->hung = session_of (office, office->staff[1]);
  office->boss = session_of (office, office->manager);
}

static void
set_setting (Office     *office,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, key, value, &error));
  g_assert_no_error (error);
  open_sessions (office);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 team;

  crm_test_db_setup (&office->db, data);
  team = crm_user_store_create_team (office->db.store, office->db.admin, "Kinh doanh", &error);
  g_assert_no_error (error);
  office->staff[0] = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                            CRM_ROLE_STAFF, team, &error);
  g_assert_no_error (error);
  office->staff[1] = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->manager = crm_user_store_create (office->db.store, office->db.admin, "minh.do", "Đỗ Văn Minh",
                                           CRM_ROLE_MANAGER, team, &error);
  g_assert_no_error (error);
  open_sessions (office);
  office->customer = crm_test_add_customer (&office->db, NULL, "Công ty TNHH Minh Phát", "ha-noi",
                                            NULL, office->staff[0]);
  office->other = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai", NULL, NULL, office->staff[1]);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  crm_test_db_teardown (&office->db, data);
}

static gint64
add_case (Office      *office,
          CrmSession  *session,
          gint64       customer_id,
          const char  *subject,
          const char  *due)
{
  g_autoptr(CrmCareCase) care = crm_care_case_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  care->customer_id = customer_id;
  care->subject = g_strdup (subject);
  care->due_on = g_strdup (due);
  id = crm_care_store_create (office->db.store, session, care, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

static void
test_model (void)
{
  g_autoptr(CrmCareCase) care = crm_care_case_new ();
  g_autoptr(GError) error = NULL;
  CrmCareKind kind;

  g_assert_cmpstr (crm_care_kind_to_string (CRM_CARE_KIND_THANKS), ==, "thanks");
  g_assert_true (crm_care_kind_from_string ("care_call", &kind));
  g_assert_cmpint (kind, ==, CRM_CARE_KIND_CARE_CALL);
  g_assert_cmpstr (crm_care_status_to_string (CRM_CARE_STATUS_IN_PROGRESS), ==, "in_progress");
  g_assert_cmpint (crm_care_kind_default_action (CRM_CARE_KIND_SURVEY), ==, CRM_INTERACTION_KIND_CARE_SURVEY);

  g_assert_false (crm_care_case_validate (care, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  care->customer_id = 1;
  care->subject = g_strdup ("  Máy in kẹt giấy  ");
  care->due_on = g_strdup ("05/03/2027");
  g_assert_true (crm_care_case_validate (care, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (care->subject, ==, "Máy in kẹt giấy");
  g_assert_cmpstr (care->due_on, ==, "2027-03-05");
  g_assert_true (crm_care_case_is_overdue (care, "2027-03-06"));
  g_assert_false (crm_care_case_is_overdue (care, "2027-03-05"));
  care->status = CRM_CARE_STATUS_RESOLVED;
  g_assert_false (crm_care_case_is_overdue (care, "2027-03-06"));
  {
    g_autofree char *shown = crm_care_case_format_due (care);
    g_assert_cmpstr (shown, ==, "05/03/2027");
  }
  g_free (care->due_on);
  care->due_on = g_strdup ("31/02/2027");
  g_assert_false (crm_care_case_validate (care, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
}

static void
test_transitions (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCareCase) read = NULL;
  gint64 id = add_case (office, office->lan, office->customer, "Giao hàng trễ", NULL);
  CrmStore *store = office->db.store;

  /* The pure rule. */
  g_assert_true (crm_care_status_can_move (CRM_CARE_STATUS_NEW, CRM_CARE_STATUS_IN_PROGRESS));
  g_assert_true (crm_care_status_can_move (CRM_CARE_STATUS_WAITING, CRM_CARE_STATUS_IN_PROGRESS));
  g_assert_true (crm_care_status_can_move (CRM_CARE_STATUS_RESOLVED, CRM_CARE_STATUS_IN_PROGRESS));
  g_assert_false (crm_care_status_can_move (CRM_CARE_STATUS_IN_PROGRESS, CRM_CARE_STATUS_NEW));
  g_assert_false (crm_care_status_can_move (CRM_CARE_STATUS_IN_PROGRESS, CRM_CARE_STATUS_CLOSED));
  g_assert_false (crm_care_status_can_move (CRM_CARE_STATUS_CLOSED, CRM_CARE_STATUS_IN_PROGRESS));

  read = crm_care_store_get (store, office->lan, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->status, ==, CRM_CARE_STATUS_NEW);
  g_assert_cmpint (read->assignee_id, ==, office->staff[0]);
  g_assert_cmpstr (read->assignee_name, ==, "Trần Thị Lan");
  g_assert_cmpint (read->row_version, ==, 1);
  g_clear_pointer (&read, crm_care_case_free);

  g_assert_true (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_IN_PROGRESS, &error));
  g_assert_no_error (error);
  g_assert_true (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_WAITING, &error));
  g_assert_no_error (error);
  /* Back to new is refused, nothing written. */
  g_assert_false (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_NEW, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT status = 'waiting' AND resolved_at IS NULL FROM care_cases"), ==, 1);

  g_assert_true (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (office, "SELECT resolved_at IS NOT NULL FROM care_cases"), ==, 1);
  g_assert_true (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_CLOSED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (office, "SELECT status = 'closed' AND resolved_at IS NOT NULL AND row_version = 5 "
                                      "FROM care_cases"), ==, 1);
  g_assert_false (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_IN_PROGRESS, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  /* Each move is audited as a status change. */
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'care_case' "
                                      "AND action = 'status'"), ==, 4);

  /* Reopening a resolved case clears resolved_at. */
  id = add_case (office, office->lan, office->customer, "Hỏi gia hạn", NULL);
  g_assert_true (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_RESOLVED, &error));
  g_assert_true (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_IN_PROGRESS, &error));
  g_assert_no_error (error);
  read = crm_care_store_get (store, office->lan, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->status, ==, CRM_CARE_STATUS_IN_PROGRESS);
  g_assert_null (read->resolved_at);
}

static void
test_actions (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCareAction) action = crm_care_action_new ();
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 id = add_case (office, office->lan, office->customer, "Máy in kẹt giấy", NULL);
  CrmStore *store = office->db.store;
  CrmInteraction *entry;

  action->case_id = id;
  action->note = g_strdup ("  Đã gọi điện hướng dẫn khách  ");
  action->outcome = g_strdup ("Khách đã in được");
  g_free (action->occurred_at);
  action->occurred_at = g_strdup ("2026-01-15T02:30:00Z");
  g_assert_cmpint (crm_care_store_add_action (store, office->lan, action, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (action->interaction_id, >, 0);
  g_assert_cmpstr (action->note, ==, "Đã gọi điện hướng dẫn khách");

  /* The action is in the customer's history, linked to the case. */
  history = crm_interaction_store_list_for_customer (store, office->lan, office->customer, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpint (crm_interaction_get_id (entry), ==, action->interaction_id);
  g_assert_cmpint (crm_interaction_get_kind (entry), ==, CRM_INTERACTION_KIND_CALL);
  g_assert_cmpstr (crm_interaction_get_outcome (entry), ==, "Khách đã in được");
  g_assert_cmpstr (crm_interaction_get_summary (entry), ==,
                   "Care case “Máy in kẹt giấy”: Đã gọi điện hướng dẫn khách");
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions WHERE ref_kind = 'care_case'"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT last_contact_at = '2026-01-15T02:30:00Z' FROM customers "
                                      "WHERE full_name = 'Công ty TNHH Minh Phát'"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'care_action'"), ==, 1);

  actions = crm_care_store_list_actions (store, office->lan, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 1);
  {
    CrmCareAction *read = g_ptr_array_index (actions, 0);

    g_assert_cmpstr (read->note, ==, "Đã gọi điện hướng dẫn khách");
    g_assert_cmpstr (read->outcome, ==, "Khách đã in được");
    g_assert_cmpstr (read->user_name, ==, "Trần Thị Lan");
    g_assert_cmpint (read->how, ==, CRM_INTERACTION_KIND_CALL);
  }

  /* A blank action is refused and leaves nothing behind. */
  {
    g_autoptr(CrmCareAction) blank = crm_care_action_new ();

    blank->case_id = id;
    blank->note = g_strdup ("   ");
    g_assert_cmpint (crm_care_store_add_action (store, office->lan, blank, &error), ==, 0);
    g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
    g_clear_error (&error);
  }
  /* Neither is one on a closed case. */
  g_assert_true (crm_care_store_set_status (store, office->lan, id, CRM_CARE_STATUS_CLOSED, &error));
  {
    g_autoptr(CrmCareAction) late = crm_care_action_new ();

    late->case_id = id;
    late->note = g_strdup ("Gọi lại");
    g_assert_cmpint (crm_care_store_add_action (store, office->lan, late, &error), ==, 0);
    g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
    g_clear_error (&error);
  }
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM care_actions"), ==, 1);
}

static void
test_overdue (Office        *office,
              gconstpointer  data)
{
  g_autoptr(CrmCareFilter) filter = crm_care_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = day_from_today (-1);
  g_autofree char *last_week = day_from_today (-7);
  g_autofree char *today = day_from_today (0);
  g_autofree char *tomorrow = day_from_today (1);
  CrmStore *store = office->db.store;
  gint64 late, done;

  late = add_case (office, office->boss, office->customer, "Bảo hành màn hình", last_week);
  add_case (office, office->boss, office->customer, "Hỏi hóa đơn", yesterday);
  add_case (office, office->boss, office->customer, "Gọi chăm sóc", today);
  add_case (office, office->boss, office->customer, "Khảo sát", tomorrow);
  add_case (office, office->boss, office->customer, "Không hạn", NULL);
  done = add_case (office, office->boss, office->customer, "Đã xong", last_week);
  g_assert_true (crm_care_store_set_status (store, office->boss, done, CRM_CARE_STATUS_RESOLVED, &error));
  g_assert_no_error (error);

  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 6);
  filter->overdue = TRUE;
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 2);
  rows = crm_care_store_fetch (store, office->boss, filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Soonest due first. */
  g_assert_cmpint (((CrmCareCase *) g_ptr_array_index (rows, 0))->id, ==, late);
  /* A status filter is ignored while looking at the overdue ones. */
  filter->status = CRM_CARE_STATUS_RESOLVED;
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 2);
  /* "Overdue" counts from the day given. */
  g_free (filter->today);
  filter->today = g_strdup (tomorrow);
  filter->status = -1;
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 3);

  filter->overdue = FALSE;
  g_clear_pointer (&filter->today, g_free);
  filter->status = CRM_CARE_STATUS_RESOLVED;
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 1);
  filter->status = -1;
  filter->search = g_strdup ("bao hanh");
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 1);
  g_free (filter->search);
  filter->search = g_strdup ("minh phat");
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 6);
  g_clear_pointer (&filter->search, g_free);
  /* The manager opened them: they went to the customer's staff. */
  filter->assignee_id = office->staff[0];
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 6);
  filter->assignee_id = office->manager;
  g_assert_cmpint (crm_care_store_count (store, office->boss, filter, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCareCase) read = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CrmCareAction) action = crm_care_action_new ();
  gint64 mine = add_case (office, office->db.admin, office->customer, "Của Lan", NULL);
  gint64 theirs = add_case (office, office->db.admin, office->other, "Của Hùng", NULL);
  CrmStore *store = office->db.store;

  /* Shared mode: staff read both, change only their own. */
  g_assert_cmpint (crm_care_store_count (store, office->lan, NULL, &error), ==, 2);
  g_assert_false (crm_care_store_set_status (store, office->lan, theirs, CRM_CARE_STATUS_IN_PROGRESS, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  set_setting (office, "customer_visibility", "own");
  g_assert_cmpint (crm_care_store_count (store, office->lan, NULL, &error), ==, 1);
  rows = crm_care_store_fetch (store, office->lan, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CrmCareCase *) g_ptr_array_index (rows, 0))->id, ==, mine);
  g_assert_null (crm_care_store_get (store, office->lan, theirs, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_care_store_list_actions (store, office->lan, theirs, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_care_store_list_for_customer (store, office->lan, office->other, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  action->case_id = theirs;
  action->note = g_strdup ("Gọi hỏi thăm");
  g_assert_cmpint (crm_care_store_add_action (store, office->lan, action, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 0);

  /* Staff cannot open a case for a customer they do not see… */
  {
    g_autoptr(CrmCareCase) care = crm_care_case_new ();

    care->customer_id = office->other;
    care->subject = g_strdup ("Không được");
    g_assert_cmpint (crm_care_store_create (store, office->lan, care, &error), ==, 0);
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
  }
  /* …nor give one to someone else. */
  read = crm_care_store_get (store, office->lan, mine, &error);
  g_assert_no_error (error);
  read->assignee_id = office->staff[1];
  g_assert_false (crm_care_store_save (store, office->lan, read, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* The manager sees the team's; the admin everything. */
  g_assert_cmpint (crm_care_store_count (store, office->boss, NULL, &error), ==, 1);
  g_assert_cmpint (crm_care_store_count (store, office->db.admin, NULL, &error), ==, 2);
  rows = (g_ptr_array_unref (rows), crm_care_store_list_for_customer (store, office->lan, office->customer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_stale_save (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCareCase) first = NULL;
  g_autoptr(CrmCareCase) second = NULL;
  gint64 id = add_case (office, office->lan, office->customer, "Bộ lưu điện không sạc", NULL);
  CrmStore *store = office->db.store;

  first = crm_care_store_get (store, office->lan, id, &error);
  second = crm_care_store_get (store, office->boss, id, &error);
  g_assert_no_error (error);

  first->priority = CRM_CARE_PRIORITY_URGENT;
  first->status = CRM_CARE_STATUS_IN_PROGRESS;
  g_assert_true (crm_care_store_save (store, office->lan, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->row_version, ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'care_case' "
                                      "AND field IN ('priority', 'status')"), ==, 2);

  second->priority = CRM_CARE_PRIORITY_LOW;
  g_assert_false (crm_care_store_save (store, office->boss, second, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT priority = 'urgent' AND row_version = 2 FROM care_cases"), ==, 1);
  g_assert_cmpint (second->row_version, ==, 1);

  /* Saving a move that is not allowed is refused too. */
  first->status = CRM_CARE_STATUS_NEW;
  g_assert_false (crm_care_store_save (store, office->lan, first, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  g_test_add_func ("/model/care-case/validate", test_model);
  ADD ("/store/care/transitions", test_transitions);
  ADD ("/store/care/actions-become-interactions", test_actions);
  ADD ("/store/care/overdue-filter", test_overdue);
  ADD ("/store/care/visibility", test_visibility);
  ADD ("/store/care/stale-save-refused", test_stale_save);
#undef ADD

  return g_test_run ();
}
