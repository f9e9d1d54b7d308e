/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-care-generator.h"
#include "crm-care-standard-store.h"
#include "crm-category-store.h"
#include "crm-error.h"
#include "test-calendar-fixture.h"

/* The office of the calendar tests plus a customer tree: "Khách VIP" with
 * the sub-group "VIP Hà Nội".  Hoa Sen (Lan's) is filed in the sub-group,
 * Minh Long (Hùng's) in VIP itself, Bảo An (Mai's) in no group. */
typedef struct
{
  Office  office;
  gint64  vip;
  gint64  vip_hanoi;
  gint64  minh_long;
  gint64  bao_an;
} Care;

static void
care_setup (Care          *care,
            gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  office_setup (office, data);
  care->vip = crm_category_store_create (office->db.store, office->db.admin, "Khách VIP", 0, &error);
  g_assert_no_error (error);
  care->vip_hanoi = crm_category_store_create (office->db.store, office->db.admin, "VIP Hà Nội", care->vip,
                                               &error);
  g_assert_no_error (error);
  care->minh_long = crm_test_add_customer (&office->db, NULL, "Công ty Minh Long", "ha-noi", NULL, office->hung);
  care->bao_an = crm_test_add_customer (&office->db, NULL, "Bảo An", "ha-noi", NULL, office->mai);

  g_array_append_val (ids, office->customer);
  g_assert_true (crm_category_store_set_customer_category (office->db.store, office->db.admin, ids,
                                                           care->vip_hanoi, &error));
  g_assert_no_error (error);
  g_array_set_size (ids, 0);
  g_array_append_val (ids, care->minh_long);
  g_assert_true (crm_category_store_set_customer_category (office->db.store, office->db.admin, ids, care->vip,
                                                           &error));
  g_assert_no_error (error);
  /* Everyone joined on 1 December 2026, Vietnamese time. */
  office_exec (office, "UPDATE customers SET created_at = '2026-11-30T20:00:00Z'");
}

static void
care_teardown (Care          *care,
               gconstpointer  data)
{
  office_teardown (&care->office, data);
}

/* A saved standard for @category, dated as if created on 1 November 2026. */
static gint64
add_standard (Care           *care,
              gint64          category,
              const char     *name,
              CrmCareTrigger  trigger,
              gint            offset_days,
              gint            every_days,
              CrmCareStandardAction   action)
{
  Office *office = &care->office;
  g_autoptr(CrmCareStandard) standard = crm_care_standard_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backdate = NULL;
  gint64 id;

  standard->category_id = category;
  standard->name = g_strdup (name);
  standard->trigger = trigger;
  standard->offset_days = offset_days;
  standard->every_days = every_days;
  standard->action = action;
  id = crm_care_standard_store_create (office->db.store, office->manager_session, standard, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  backdate = g_strdup_printf ("UPDATE care_standards SET created_at = '2026-10-31T18:00:00Z' "
                              "WHERE id = %" G_GINT64_FORMAT, id);
  office_exec (office, backdate);
  return id;
}

static guint
generate (Care       *care,
          CrmSession *session,
          const char *today)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (crm_care_generate_due (care->office.db.store, session, today, &n, &error));
  g_assert_no_error (error);
  return n;
}

static gint64
count (Care       *care,
       const char *sql)
{
  return office_query_int (&care->office, sql);
}

/* The one care event of @customer due on @day, checked as the calendar
 * would show it: an all-day care task from local midnight to the next. */
static CrmEvent *
care_event_on (Care       *care,
               gint64      customer,
               const char *day)
{
  Office *office = &care->office;
  g_autofree char *sql = g_strdup_printf ("SELECT r.event_id FROM care_runs r WHERE r.customer_id = %" G_GINT64_FORMAT
                                          " AND r.due_on = '%s'", customer, day);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *start = NULL;
  g_autofree char *expected = g_strconcat (day, " 00:00", NULL);
  CrmEvent *event;

  event = crm_event_store_get (office->db.store, office->db.admin, count (care, sql), &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_assert_cmpint (crm_event_get_kind (event), ==, CRM_EVENT_KIND_CARE);
  g_assert_true (crm_event_get_all_day (event));
  g_assert_cmpint (crm_event_get_customer_id (event), ==, customer);
  local = g_date_time_to_local (crm_event_get_start (event));
  start = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (start, ==, expected);
  g_assert_cmpint (g_date_time_difference (crm_event_get_end (event), crm_event_get_start (event)), ==,
                   G_TIME_SPAN_DAY);
  return event;
}

static void
test_crud_and_permissions (Care          *care,
                           gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(CrmCareStandard) standard = crm_care_standard_new ();
  g_autoptr(CrmCareStandard) read = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schedule = NULL;
  gint64 id;

  standard->category_id = care->vip;
  standard->name = g_strdup ("  Gọi cảm ơn sau ký  ");
  standard->trigger = CRM_CARE_TRIGGER_CONTRACT_SIGNED;
  standard->offset_days = 3;
  standard->every_days = 9;
  standard->action = CRM_CARE_STANDARD_ACTION_THANKS;

  /* Staff may read the standards but not change them. */
  g_assert_cmpint (crm_care_standard_store_create (office->db.store, office->lan_session, standard, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  id = crm_care_standard_store_create (office->db.store, office->manager_session, standard, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (standard->name, ==, "Gọi cảm ơn sau ký");
  g_assert_cmpint (standard->every_days, ==, 0);

  read = crm_care_standard_store_get (office->db.store, office->lan_session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->category_name, ==, "Khách VIP");
  g_assert_cmpint (read->trigger, ==, CRM_CARE_TRIGGER_CONTRACT_SIGNED);
  g_assert_cmpint (read->action, ==, CRM_CARE_STANDARD_ACTION_THANKS);
  g_assert_cmpint (read->offset_days, ==, 3);
  g_assert_true (read->active);
  schedule = crm_care_standard_describe_schedule (read);
  g_assert_cmpstr (schedule, ==, "3 days after a contract is signed");

  /* Bad input. */
  read->trigger = CRM_CARE_TRIGGER_PERIODIC;
  read->every_days = 0;
  g_assert_false (crm_care_standard_store_update (office->db.store, office->manager_session, read, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  read->every_days = 30;
  read->offset_days = -1;
  g_assert_false (crm_care_standard_store_update (office->db.store, office->manager_session, read, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  read->offset_days = 0;
  read->category_id = 9999;
  g_assert_false (crm_care_standard_store_update (office->db.store, office->manager_session, read, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  read->category_id = care->vip;
  g_free (read->name);
  read->name = g_strdup ("   ");
  g_assert_false (crm_care_standard_store_update (office->db.store, office->manager_session, read, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (count (care, "SELECT offset_days FROM care_standards"), ==, 3);

  /* A good change is saved and audited field by field. */
  g_free (read->name);
  read->name = g_strdup ("Gọi chăm sóc VIP");
  read->action = CRM_CARE_STANDARD_ACTION_CARE_CALL;
  g_assert_true (crm_care_standard_store_update (office->db.store, office->manager_session, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (care, "SELECT every_days FROM care_standards"), ==, 30);
  g_assert_cmpint (count (care, "SELECT count(*) FROM audit_log WHERE entity = 'care_standard' "
                                "AND action = 'update'"), ==, 5);
  g_assert_cmpint (count (care, "SELECT count(*) FROM audit_log WHERE entity = 'care_standard' "
                                "AND action = 'create'"), ==, 1);

  /* Staff may not switch it off; a manager may. */
  g_assert_false (crm_care_standard_store_set_active (office->db.store, office->hung_session, id, FALSE, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (crm_care_standard_store_set_active (office->db.store, office->manager_session, id, FALSE, &error));
  g_assert_no_error (error);
  active = crm_care_standard_store_list (office->db.store, office->lan_session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, 0);
  all = crm_care_standard_store_list (office->db.store, office->db.admin, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_false (((CrmCareStandard *) g_ptr_array_index (all, 0))->active);

  g_assert_null (crm_care_standard_store_get (office->db.store, office->db.admin, id + 1, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
add_contract (Care       *care,
              gint64      customer,
              const char *code,
              const char *status,
              const char *signed_on)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contracts (code, customer_id, status, signed_on, created_at, updated_at) "
    "VALUES ('%s', %" G_GINT64_FORMAT ", '%s', '%s', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
    code, customer, status, signed_on);

  office_exec (&care->office, sql);
}

static void
test_contract_signed_across_year_end (Care          *care,
                                      gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(CrmEvent) event = NULL;

  add_standard (care, care->vip, "Cảm ơn sau ký hợp đồng", CRM_CARE_TRIGGER_CONTRACT_SIGNED, 3, 0,
                CRM_CARE_STANDARD_ACTION_THANKS);
  add_contract (care, office->customer, "HĐ-2026-0001", "active", "2026-12-30");
  /* A draft is not signed; a contract signed before the standard existed
   * does not count. */
  add_contract (care, office->customer, "HĐ-2026-0002", "draft", "2026-12-29");
  add_contract (care, office->customer, "HĐ-2026-0003", "completed", "2026-10-15");

  g_assert_cmpuint (generate (care, office->manager_session, "2027-01-01"), ==, 0);
  g_assert_cmpuint (generate (care, office->manager_session, "2027-01-02"), ==, 1);
  event = care_event_on (care, office->customer, "2027-01-02");
  g_assert_cmpint (crm_event_get_owner_id (event), ==, office->lan);
  g_assert_cmpstr (crm_event_get_title (event), ==, "Thank-you call — Công ty TNHH Hoa Sen");
  g_assert_cmpstr (crm_event_get_notes (event), ==, "Cảm ơn sau ký hợp đồng");
  g_assert_cmpstr (crm_event_get_location (event), ==, "12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh");

  /* Never twice, even when the task was deleted. */
  g_assert_cmpuint (generate (care, office->manager_session, "2027-01-02"), ==, 0);
  g_assert_cmpuint (generate (care, office->db.admin, "2027-02-10"), ==, 0);
  office_exec (office, "DELETE FROM events");
  g_assert_cmpuint (generate (care, office->db.admin, "2027-02-10"), ==, 0);
  g_assert_cmpint (count (care, "SELECT count(*) FROM audit_log WHERE entity = 'event' AND action = 'create'"),
                   ==, 1);
}

static void
test_order_delivered_across_month_end (Care          *care,
                                       gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(CrmEvent) event = NULL;
  g_autofree char *orders = NULL;

  add_standard (care, care->vip, "Khảo sát sau giao hàng", CRM_CARE_TRIGGER_ORDER_DELIVERED, 7, 0,
                CRM_CARE_STANDARD_ACTION_SURVEY);
  orders = g_strdup_printf (
    "INSERT INTO orders (code, customer_id, order_date, delivery_status, delivered_on, created_at, updated_at) "
    "VALUES ('DH-1', %" G_GINT64_FORMAT ", '2027-01-20', 'delivered', '2027-01-29', "
    "        '2027-01-20T00:00:00Z', '2027-01-20T00:00:00Z'), "
    "       ('DH-2', %" G_GINT64_FORMAT ", '2027-01-20', 'pending', NULL, "
    "        '2027-01-20T00:00:00Z', '2027-01-20T00:00:00Z')", care->minh_long, care->minh_long);
  office_exec (office, orders);

  g_assert_cmpuint (generate (care, office->manager_session, "2027-02-04"), ==, 0);
  g_assert_cmpuint (generate (care, office->manager_session, "2027-02-05"), ==, 1);
  event = care_event_on (care, care->minh_long, "2027-02-05");
  g_assert_cmpint (crm_event_get_owner_id (event), ==, office->hung);
  g_assert_cmpstr (crm_event_get_title (event), ==, "Satisfaction survey — Công ty Minh Long");
  g_assert_cmpuint (generate (care, office->manager_session, "2027-02-06"), ==, 0);
}

static void
test_customer_created_in_local_time (Care          *care,
                                     gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(CrmEvent) event = NULL;
  g_autofree char *sql = NULL;

  add_standard (care, 0, "Chào mừng khách mới", CRM_CARE_TRIGGER_CUSTOMER_CREATED, 1, 0,
                CRM_CARE_STANDARD_ACTION_CARE_CALL);
  /* 20:00 UTC on 27 February is already 28 February in Việt Nam; 2027 is
   * no leap year, so the call falls on 1 March.  The other customers
   * joined on 1 December: theirs fall on 2 December. */
  sql = g_strdup_printf ("UPDATE customers SET created_at = '2027-02-27T20:00:00Z' WHERE id = %" G_GINT64_FORMAT,
                         care->bao_an);
  office_exec (office, sql);

  g_assert_cmpuint (generate (care, office->db.admin, "2027-02-28"), ==, 2);
  g_assert_cmpuint (generate (care, office->db.admin, "2027-03-01"), ==, 1);
  event = care_event_on (care, care->bao_an, "2027-03-01");
  g_assert_cmpint (crm_event_get_owner_id (event), ==, office->mai);
  g_clear_object (&event);
  event = care_event_on (care, office->customer, "2026-12-02");
  g_assert_cmpint (crm_event_get_owner_id (event), ==, office->lan);
  g_assert_cmpuint (generate (care, office->db.admin, "2027-03-01"), ==, 0);
}

static void
test_periodic_cadence (Care          *care,
                       gconstpointer  data)
{
  Office *office = &care->office;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM care_runs WHERE customer_id = %" G_GINT64_FORMAT,
                                          office->customer);

  add_standard (care, care->vip_hanoi, "Gọi chăm sóc VIP", CRM_CARE_TRIGGER_PERIODIC, 0, 30,
                CRM_CARE_STANDARD_ACTION_CARE_CALL);

  /* Joined 1 December: the first call 30 days later, on New Year's Eve. */
  g_assert_cmpuint (generate (care, office->manager_session, "2026-12-30"), ==, 0);
  g_assert_cmpuint (generate (care, office->manager_session, "2026-12-31"), ==, 1);
  g_object_unref (care_event_on (care, office->customer, "2026-12-31"));
  g_assert_cmpuint (generate (care, office->manager_session, "2027-01-29"), ==, 0);
  g_assert_cmpuint (generate (care, office->manager_session, "2027-01-30"), ==, 1);
  g_object_unref (care_event_on (care, office->customer, "2027-01-30"));
  g_assert_cmpuint (generate (care, office->manager_session, "2027-01-30"), ==, 0);
  /* Nobody generated in February and March: the calls of 1 March and
   * 31 March collapse into one, on 31 March. */
  g_assert_cmpuint (generate (care, office->manager_session, "2027-04-15"), ==, 1);
  g_object_unref (care_event_on (care, office->customer, "2027-03-31"));
  g_assert_cmpint (count (care, sql), ==, 3);
  /* Only the sub-group's customer; Minh Long sits in the parent group. */
  g_assert_cmpint (count (care, "SELECT count(*) FROM care_runs"), ==, 3);
}

static void
test_sub_categories_and_owners (Care          *care,
                                gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(CrmEvent) hoa_sen = NULL;
  g_autoptr(CrmEvent) minh_long = NULL;
  g_autoptr(GError) error = NULL;

  add_standard (care, care->vip, "Thăm khách VIP", CRM_CARE_TRIGGER_CUSTOMER_CREATED, 10, 0,
                CRM_CARE_STANDARD_ACTION_VISIT);
  /* Hùng has left: his customer's task goes to the standard's author. */
  g_assert_true (crm_user_store_set_active (office->db.store, office->db.admin, office->hung, FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (generate (care, office->db.admin, "2026-12-11"), ==, 2);
  hoa_sen = care_event_on (care, office->customer, "2026-12-11");
  g_assert_cmpint (crm_event_get_owner_id (hoa_sen), ==, office->lan);
  minh_long = care_event_on (care, care->minh_long, "2026-12-11");
  g_assert_cmpint (crm_event_get_owner_id (minh_long), ==, office->manager);
  /* Bảo An belongs to no group. */
  g_assert_cmpint (count (care, "SELECT count(*) FROM events WHERE kind = 'care'"), ==, 2);
  g_assert_cmpint (count (care, "SELECT count(*) FROM audit_log WHERE entity = 'event' AND action = 'create'"),
                   ==, 2);
}

static void
test_staff_generate_only_what_they_see (Care          *care,
                                        gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(CrmSession) lan = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  lan = office_session (office, office->lan);
  add_standard (care, 0, "Chào mừng khách mới", CRM_CARE_TRIGGER_CUSTOMER_CREATED, 0, 0,
                CRM_CARE_STANDARD_ACTION_THANKS);

  g_assert_cmpuint (generate (care, lan, "2026-12-01"), ==, 1);
  g_object_unref (care_event_on (care, office->customer, "2026-12-01"));
  g_assert_cmpuint (generate (care, office->db.admin, "2026-12-01"), ==, 2);

  g_assert_false (crm_care_generate_due (office->db.store, lan, "2026-13-01", NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
}

static CrmCareOverdue *
overdue_at (GPtrArray *rows,
            guint      i)
{
  return g_ptr_array_index (rows, i);
}

static void
test_overdue_customers (Care          *care,
                        gconstpointer  data)
{
  Office *office = &care->office;
  g_autoptr(CrmSession) lan = NULL;
  g_autoptr(CrmSession) mai = NULL;
  g_autoptr(CrmSession) manager = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  add_standard (care, 0, "Gọi chăm sóc", CRM_CARE_TRIGGER_PERIODIC, 0, 30, CRM_CARE_STANDARD_ACTION_CARE_CALL);
  g_assert_cmpuint (generate (care, office->db.admin, "2026-12-31"), ==, 3);
  g_assert_cmpuint (generate (care, office->db.admin, "2027-01-30"), ==, 3);

  /* On the due day nothing is overdue yet. */
  rows = crm_care_list_overdue_customers (office->db.store, office->db.admin, "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Mai did her December call. */
  sql = g_strdup_printf ("SELECT event_id FROM care_runs WHERE customer_id = %" G_GINT64_FORMAT
                         " AND due_on = '2026-12-31'", care->bao_an);
  g_assert_true (crm_event_store_set_done (office->db.store, office->mai_session, count (care, sql), TRUE,
                                           &error));
  g_assert_no_error (error);

  rows = crm_care_list_overdue_customers (office->db.store, office->db.admin, "2027-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* Oldest first: Hoa Sen and Minh Long since 31 December, Bảo An since 30 January. */
  g_assert_cmpint (overdue_at (rows, 0)->customer_id, ==, office->customer);
  g_assert_cmpstr (overdue_at (rows, 0)->due_on, ==, "2026-12-31");
  g_assert_cmpuint (overdue_at (rows, 0)->n_overdue, ==, 2);
  g_assert_cmpint (overdue_at (rows, 0)->owner_id, ==, office->lan);
  g_assert_cmpstr (overdue_at (rows, 0)->owner_name, ==, "Nguyễn Thị Lan");
  g_assert_cmpstr (overdue_at (rows, 0)->title, ==, "Care call — Công ty TNHH Hoa Sen");
  g_assert_cmpint (overdue_at (rows, 1)->customer_id, ==, care->minh_long);
  g_assert_cmpint (overdue_at (rows, 2)->customer_id, ==, care->bao_an);
  g_assert_cmpstr (overdue_at (rows, 2)->due_on, ==, "2027-01-30");
  g_assert_cmpuint (overdue_at (rows, 2)->n_overdue, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Staff see only their own, managers their team's. */
  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  lan = office_session (office, office->lan);
  mai = office_session (office, office->mai);
  manager = office_session (office, office->manager);
  rows = crm_care_list_overdue_customers (office->db.store, lan, "2027-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (overdue_at (rows, 0)->customer_id, ==, office->customer);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = crm_care_list_overdue_customers (office->db.store, mai, "2027-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (overdue_at (rows, 0)->customer_id, ==, care->bao_an);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = crm_care_list_overdue_customers (office->db.store, manager, "2027-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Even where staff share every customer, a staff member's list holds
   * only the tasks that are theirs. */
  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "shared", &error));
  g_assert_no_error (error);
  g_clear_object (&lan);
  lan = office_session (office, office->lan);
  rows = crm_care_list_overdue_customers (office->db.store, lan, "2027-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_null (crm_care_list_overdue_customers (office->db.store, lan, "31/01/2027", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/care/" path, Care, NULL, care_setup, func, care_teardown)

  ADD ("standards/crud-and-permissions", test_crud_and_permissions);
  ADD ("generate/contract-signed-across-year-end", test_contract_signed_across_year_end);
  ADD ("generate/order-delivered-across-month-end", test_order_delivered_across_month_end);
  ADD ("generate/customer-created-in-local-time", test_customer_created_in_local_time);
  ADD ("generate/periodic-cadence", test_periodic_cadence);
  ADD ("generate/sub-categories-and-owners", test_sub_categories_and_owners);
  ADD ("generate/staff-only-what-they-see", test_staff_generate_only_what_they_see);
  ADD ("overdue/customers", test_overdue_customers);

#undef ADD
  return g_test_run ();
}
