/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-customer-stage.h"
#include "crm-error.h"
#include "test-fixture.h"

/* Before, during and after the sale, from quotes, contracts and orders
 * written by hand: a customer of Lan's (in a team), Hùng alone. */

typedef struct
{
  CrmTestDb   db;
  gint64      lan_id;
  gint64      hung_id;
  CrmSession *lan;
  CrmSession *hung;
  gint64      customer;
  gint64      other;
} Office;

static void
exec_sql (Office     *office,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

/* Writes through a second connection, as another program would. */
static void
exec_sql (Office     *office,
          const char *format,
          ...)
{
  g_autofree char *sql = NULL;
  char *message = NULL;
  sqlite3 *db = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
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
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 team;

  crm_test_db_setup (&office->db, data);
  team = crm_user_store_create_team (office->db.store, office->db.admin, "Kinh doanh", &error);
  g_assert_no_error (error);
  office->lan_id = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                          CRM_ROLE_STAFF, team, &error);
  g_assert_no_error (error);
  office->hung_id = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                           CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->lan = session_of (office, office->lan_id);
  office->hung = session_of (office, office->hung_id);
  office->customer = crm_test_add_customer (&office->db, NULL, "Công ty TNHH Ánh Dương", "da-nang", NULL,
                                            office->lan_id);
  office->other = crm_test_add_customer (&office->db, NULL, "Cửa hàng Minh Phát", "ha-noi", NULL,
                                         office->hung_id);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  crm_test_db_teardown (&office->db, data);
}

static void
add_quote (Office     *office,
           gint64      id,
           gint64      customer,
           const char *status,
           const char *accepted_at)
{
  exec_sql (office,
            "INSERT INTO quotes (id, code, customer_id, status, issue_date, valid_until, accepted_at, "
            "created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", 'BG-%" G_GINT64_FORMAT "', %"
            G_GINT64_FORMAT ", '%s', '2026-01-01', '2026-12-31', %s, 'x', 'x')",
            id, id, customer, status, accepted_at ? accepted_at : "NULL");
}

static void
add_contract (Office     *office,
              gint64      id,
              gint64      quote,
              const char *status,
              const char *signed_on,
              const char *ends_on)
{
  g_autofree char *quote_text = quote ? g_strdup_printf ("%" G_GINT64_FORMAT, quote) : g_strdup ("NULL");

  exec_sql (office,
            "INSERT INTO contracts (id, code, customer_id, quote_id, status, signed_on, ends_on, "
            "created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", 'HD-%" G_GINT64_FORMAT "', %"
            G_GINT64_FORMAT ", %s, '%s', %s, %s, 'x', 'x')",
            id, id, office->customer, quote_text, status, signed_on, ends_on);
}

static void
add_order (Office     *office,
           gint64      id,
           gint64      quote,
           const char *order_date,
           const char *delivery_status,
           const char *delivered_on)
{
  g_autofree char *quote_text = quote ? g_strdup_printf ("%" G_GINT64_FORMAT, quote) : g_strdup ("NULL");

  exec_sql (office,
            "INSERT INTO orders (id, code, customer_id, quote_id, order_date, delivery_status, delivered_on, "
            "created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", 'DH-%" G_GINT64_FORMAT "', %"
            G_GINT64_FORMAT ", %s, '%s', '%s', %s, 'x', 'x')",
            id, id, office->customer, quote_text, order_date, delivery_status, delivered_on);
}

static CrmCustomerStage
stage_of (Office     *office,
          CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  CrmCustomerStage stage = CRM_CUSTOMER_STAGE_COUNT;

  g_assert_true (crm_customer_stage_get (office->db.store, session, office->customer, &stage, NULL, &error));
  g_assert_no_error (error);
  return stage;
}

/* Nothing bought: drafts, sent and rejected quotes, cancelled contracts
 * and orders leave the customer before the sale. */
static void
test_stage_before (Office        *office,
                   gconstpointer  data)
{
  g_assert_cmpint (stage_of (office, office->db.admin), ==, CRM_CUSTOMER_STAGE_BEFORE);
  add_quote (office, 1, office->customer, "draft", NULL);
  add_quote (office, 2, office->customer, "sent", NULL);
  add_quote (office, 3, office->customer, "rejected", NULL);
  add_contract (office, 1, 0, "cancelled", "'2026-02-01'", "NULL");
  add_contract (office, 2, 0, "draft", "NULL", "NULL");
  add_order (office, 1, 0, "2026-02-02", "cancelled", "NULL");
  /* Another customer's sale is not this one's. */
  exec_sql (office, "INSERT INTO orders (code, customer_id, order_date, created_at, updated_at) "
            "VALUES ('DH-X', %" G_GINT64_FORMAT ", '2026-02-03', 'x', 'x')", office->other);
  g_assert_cmpint (stage_of (office, office->db.admin), ==, CRM_CUSTOMER_STAGE_BEFORE);
  g_assert_cmpstr (crm_customer_stage_label (CRM_CUSTOMER_STAGE_BEFORE), ==, "Before sale");
}

/* An accepted quote starts the sale; its delivered order ends it; an
 * active contract or an undelivered order starts another. */
static void
test_stage_during_after (Office        *office,
                         gconstpointer  data)
{
  add_quote (office, 1, office->customer, "accepted", "'2026-02-10T03:00:00Z'");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_DURING);
  add_order (office, 1, 1, "2026-02-12", "partial", "NULL");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_DURING);
  exec_sql (office, "UPDATE orders SET delivery_status = 'delivered', delivered_on = '2026-02-20' WHERE id = 1");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_AFTER);

  add_contract (office, 1, 0, "active", "'2026-03-01'", "'2026-06-30'");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_DURING);
  exec_sql (office, "UPDATE contracts SET status = 'completed' WHERE id = 1");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_AFTER);

  add_order (office, 2, 0, "2026-07-01", "pending", "NULL");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_DURING);
  exec_sql (office, "UPDATE orders SET delivery_status = 'cancelled' WHERE id = 2");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_AFTER);

  /* A contract completed from an accepted quote fulfils the quote. */
  add_quote (office, 2, office->customer, "accepted", "'2026-08-01T03:00:00Z'");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_DURING);
  add_contract (office, 2, 2, "completed", "'2026-08-02'", "'2026-08-30'");
  g_assert_cmpint (stage_of (office, office->lan), ==, CRM_CUSTOMER_STAGE_AFTER);
}

static void
add_case (Office     *office,
          gint64      id,
          gint64      customer,
          const char *kind,
          const char *status,
          const char *subject,
          const char *created_at)
{
  exec_sql (office,
            "INSERT INTO care_cases (id, customer_id, assignee_id, kind, status, subject, created_at, updated_at) "
            "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '%s', '%s', '%s', 'x')",
            id, customer, office->lan_id, kind, status, subject, created_at);
}

static void
add_event (Office     *office,
           gint64      id,
           const char *kind,
           const char *title,
           const char *starts_at,
           gboolean    done)
{
  exec_sql (office,
            "INSERT INTO events (id, owner_id, kind, title, starts_at, ends_at, customer_id, done, "
            "created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '%s', '%s', '%s', %"
            G_GINT64_FORMAT ", %d, 'x', 'x')",
            id, office->lan_id, kind, title, starts_at, starts_at, office->customer, done ? 1 : 0);
}

/* The sale ran from the order of 01/03 to its delivery on 10/03: care
 * before, during and after it lands in the matching group. */
static void
test_items_by_stage (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  CrmCustomerStage stage = CRM_CUSTOMER_STAGE_COUNT;
  const CrmCareItem *item;

  add_order (office, 1, 0, "2026-03-01", "delivered", "'2026-03-10'");
  add_case (office, 1, office->customer, "question", "resolved", "Hỏi giá máy in", "2026-02-01T05:00:00Z");
  add_event (office, 1, "care", "Gọi xác nhận lịch giao", "2026-03-05T02:00:00Z", TRUE);
  add_case (office, 2, office->customer, "complaint", "in_progress", "Máy in kẹt giấy", "2026-03-20T05:00:00Z");
  add_event (office, 2, "care", "Khảo sát hài lòng", "2026-03-17T02:00:00Z", FALSE);
  add_event (office, 3, "call", "Gọi chào hàng", "2026-02-15T02:00:00Z", FALSE);
  add_case (office, 3, office->other, "survey", "new", "Khảo sát khách khác", "2026-03-20T05:00:00Z");

  g_assert_true (crm_customer_stage_get (office->db.store, office->lan, office->customer, &stage, &items, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage, ==, CRM_CUSTOMER_STAGE_AFTER);
  g_assert_cmpuint (items->len, ==, 4);

  item = g_ptr_array_index (items, 0);
  g_assert_true (item->is_case);
  g_assert_cmpint (item->id, ==, 1);
  g_assert_cmpstr (item->date, ==, "2026-02-01");
  g_assert_cmpint (item->stage, ==, CRM_CUSTOMER_STAGE_BEFORE);
  g_assert_cmpstr (item->kind_label, ==, "Question");
  g_assert_cmpstr (item->status_label, ==, "Resolved");
  g_assert_true (item->done);

  item = g_ptr_array_index (items, 1);
  g_assert_false (item->is_case);
  g_assert_cmpint (item->id, ==, 1);
  g_assert_cmpint (item->stage, ==, CRM_CUSTOMER_STAGE_DURING);
  g_assert_cmpstr (item->title, ==, "Gọi xác nhận lịch giao");
  g_assert_cmpstr (item->kind_label, ==, "Care task");
  g_assert_cmpstr (item->status_label, ==, "Done");
  g_assert_true (item->done);

  item = g_ptr_array_index (items, 2);
  g_assert_false (item->is_case);
  g_assert_cmpint (item->id, ==, 2);
  g_assert_cmpint (item->stage, ==, CRM_CUSTOMER_STAGE_AFTER);
  g_assert_cmpstr (item->status_label, ==, "Overdue");
  g_assert_false (item->done);

  item = g_ptr_array_index (items, 3);
  g_assert_true (item->is_case);
  g_assert_cmpint (item->id, ==, 2);
  g_assert_cmpint (item->stage, ==, CRM_CUSTOMER_STAGE_AFTER);
  g_assert_cmpstr (item->kind_label, ==, "Complaint");
  g_assert_cmpstr (item->status_label, ==, "In progress");
  g_assert_false (item->done);

  /* Before any sale everything is before it. */
  exec_sql (office, "UPDATE orders SET delivery_status = 'cancelled' WHERE id = 1");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_true (crm_customer_stage_get (office->db.store, office->lan, office->customer, &stage, &items, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage, ==, CRM_CUSTOMER_STAGE_BEFORE);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (((CrmCareItem *) g_ptr_array_index (items, i))->stage, ==, CRM_CUSTOMER_STAGE_BEFORE);
}

/* With customers seen by their own staff only, Hùng cannot read Lan's
 * customer; Lan can. */
static void
test_own_refused (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  CrmCustomerStage stage = CRM_CUSTOMER_STAGE_COUNT;

  add_order (office, 1, 0, "2026-03-01", "pending", "NULL");
  add_case (office, 1, office->customer, "question", "new", "Hỏi giá", "2026-02-01T05:00:00Z");
  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  office->lan = session_of (office, office->lan_id);
  office->hung = session_of (office, office->hung_id);

  g_assert_false (crm_customer_stage_get (office->db.store, office->hung, office->customer, &stage, &items,
                                          &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_null (items);
  g_assert_cmpint (stage, ==, CRM_CUSTOMER_STAGE_COUNT);
  g_clear_error (&error);

  g_assert_true (crm_customer_stage_get (office->db.store, office->lan, office->customer, &stage, &items, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage, ==, CRM_CUSTOMER_STAGE_DURING);
  g_assert_cmpuint (items->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/customer-stage/before", Office, NULL, office_setup, test_stage_before, office_teardown);
  g_test_add ("/customer-stage/during-after", Office, NULL, office_setup, test_stage_during_after,
              office_teardown);
  g_test_add ("/customer-stage/items-by-stage", Office, NULL, office_setup, test_items_by_stage, office_teardown);
  g_test_add ("/customer-stage/own-refused", Office, NULL, office_setup, test_own_refused, office_teardown);
  return g_test_run ();
}
