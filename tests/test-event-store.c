/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"
#include "test-calendar-fixture.h"

static void
test_create_fills_owner_and_location (Office        *office,
                                      gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 9, 0);
  g_autoptr(CrmEvent) event = office_event (0, CRM_EVENT_KIND_VISIT, "Khảo sát lắp đặt", start, 90);
  g_autoptr(CrmEvent) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;
  gint64 id;

  crm_event_set_customer_id (event, office->customer);
  crm_event_set_reminders (event, (const gint[]) { 60, 15 }, 2);
  crm_event_add_participant (event, office->hung);
  id = office_save (office, office->lan_session, event);

  read = crm_event_store_get (office->db.store, office->lan_session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_event_get_owner_id (read), ==, office->lan);
  g_assert_cmpstr (crm_event_get_owner_name (read), ==, "Nguyễn Thị Lan");
  g_assert_cmpstr (crm_event_get_location (read), ==, "12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh");
  g_assert_cmpstr (crm_event_get_customer_name (read), ==, "Công ty TNHH Hoa Sen");
  g_assert_true (g_date_time_equal (crm_event_get_start (read), start));
  g_assert_cmpuint (crm_event_get_reminders (read)->len, ==, 2);
  g_assert_cmpint (g_array_index (crm_event_get_reminders (read), gint, 0), ==, 15);
  g_assert_true (crm_event_has_participant (read, office->hung));
  g_assert_cmpint (crm_event_get_row_version (read), ==, 1);

  /* Stored in UTC; the 15-minute reminder falls due at 08:45 local. */
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM events "
                                             "WHERE starts_at = '2026-11-24T02:00:00Z' "
                                             "AND ends_at = '2026-11-24T03:30:00Z'"), ==, 1);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders "
                                             "WHERE offset_minutes = 15 AND fire_at = '2026-11-24T01:45:00Z'"),
                   ==, 1);
  audit = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'event' AND action = 'create' "
                           "AND entity_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (office_query_int (office, audit), ==, 1);
}

static void
assert_refused (Office       *office,
                CrmEvent     *event,
                GQuark        domain,
                gint          code)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_event_store_create (office->db.store, office->lan_session, event, &error), ==, 0);
  g_assert_error (error, domain, code);
  g_assert_cmpint (crm_event_get_id (event), ==, 0);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM events"), ==, 0);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders"), ==, 0);
}

static void
test_bad_input_refused (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 9, 0);
  g_autoptr(GDateTime) earlier = office_time (2026, 11, 24, 8, 0);
  g_autoptr(CrmEvent) backwards = office_event (0, CRM_EVENT_KIND_MEETING, "Họp", start, 30);
  g_autoptr(CrmEvent) late_reminder = office_event (0, CRM_EVENT_KIND_MEETING, "Họp", start, 30);
  g_autoptr(CrmEvent) endless_task = office_event (0, CRM_EVENT_KIND_TASK, "Báo cáo tuần", start, 30);
  g_autoptr(CrmEvent) for_someone_else = office_event (office->hung, CRM_EVENT_KIND_CALL, "Gọi", start, 15);
  g_autoptr(CrmRecurrence) weekly = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);

  crm_event_set_times (backwards, start, earlier);
  assert_refused (office, backwards, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);

  crm_event_add_reminder (late_reminder, -10);
  assert_refused (office, late_reminder, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);

  crm_event_set_recurrence (endless_task, weekly);
  assert_refused (office, endless_task, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);

  /* Staff plan only their own calendar. */
  assert_refused (office, for_someone_else, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 14, 0);
  g_autoptr(GDateTime) from = office_time (2026, 11, 23, 0, 0);
  g_autoptr(GDateTime) to = office_time (2026, 11, 30, 0, 0);
  g_autoptr(CrmEvent) private_call = office_event (0, CRM_EVENT_KIND_CALL, "Gọi lại anh Tuấn", start, 15);
  g_autoptr(CrmEvent) shared_meeting = office_event (0, CRM_EVENT_KIND_MEETING, "Họp với khách", start, 60);
  g_autoptr(CrmEvent) mai_task = office_event (0, CRM_EVENT_KIND_TASK, "Chuẩn bị hồ sơ", start, 60);
  g_autoptr(CrmEvent) read = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  CrmEventScope lan_calendar = { office->lan, 0 };
  CrmEventScope hung_calendar = { office->hung, 0 };
  CrmEventScope mai_calendar = { office->mai, 0 };
  CrmEventScope team_a = { 0, office->team_a };
  CrmEventScope everyone = { 0, 0 };
  gint64 private_id, shared_id;

  private_id = office_save (office, office->lan_session, private_call);
  crm_event_add_participant (shared_meeting, office->hung);
  shared_id = office_save (office, office->lan_session, shared_meeting);
  office_save (office, office->mai_session, mai_task);

  /* Hùng sees the meeting he takes part in, not Lan's private call. */
  read = crm_event_store_get (office->db.store, office->hung_session, private_id, &error);
  g_assert_null (read);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  read = crm_event_store_get (office->db.store, office->hung_session, shared_id, &error);
  g_assert_no_error (error);
  g_clear_object (&read);
  events = crm_event_store_list_range (office->db.store, office->hung_session, &hung_calendar, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (crm_event_get_id (g_ptr_array_index (events, 0)), ==, shared_id);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Staff may not open another's calendar or the team's. */
  g_assert_null (crm_event_store_list_range (office->db.store, office->hung_session, &lan_calendar,
                                             from, to, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (crm_event_store_list_range (office->db.store, office->hung_session, &team_a,
                                             from, to, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* A participant does not change the event. */
  g_assert_false (crm_event_store_set_done (office->db.store, office->hung_session, shared_id, TRUE, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* The manager sees the team's two events and Lan's calendar, not Mai's. */
  events = crm_event_store_list_range (office->db.store, office->manager_session, &team_a, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = crm_event_store_list_range (office->db.store, office->manager_session, &lan_calendar, from, to,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_assert_null (crm_event_store_list_range (office->db.store, office->manager_session, &mai_calendar,
                                             from, to, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* The administrator sees everyone's. */
  events = crm_event_store_list_range (office->db.store, office->db.admin, &everyone, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
}

static void
test_update_audits_and_detects_conflicts (Office        *office,
                                          gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 25, 10, 0);
  g_autoptr(CrmEvent) event = office_event (0, CRM_EVENT_KIND_MEETING, "Họp giao ban", start, 60);
  g_autoptr(CrmEvent) stale = NULL;
  g_autoptr(CrmEvent) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;
  gint64 id = office_save (office, office->lan_session, event);

  stale = crm_event_copy (event);
  crm_event_set_title (event, "Họp giao ban tuần");
  crm_event_add_reminder (event, 30);
  g_assert_true (crm_event_store_update (office->db.store, office->lan_session, event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_event_get_row_version (event), ==, 2);

  audit = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'event' AND entity_id = %"
                           G_GINT64_FORMAT " AND ((field = 'title' AND old_value = 'Họp giao ban' "
                           "AND new_value = 'Họp giao ban tuần') OR (field = 'reminders' AND new_value = '30'))",
                           id);
  g_assert_cmpint (office_query_int (office, audit), ==, 2);

  crm_event_set_notes (stale, "Mang theo báo giá");
  g_assert_false (crm_event_store_update (office->db.store, office->lan_session, stale, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  read = crm_event_store_get (office->db.store, office->lan_session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_event_get_title (read), ==, "Họp giao ban tuần");
  g_assert_null (crm_event_get_notes (read));
}

static void
test_move_and_done (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 25, 10, 0);
  g_autoptr(GDateTime) new_start = office_time (2026, 11, 26, 15, 0);
  g_autoptr(GDateTime) new_end = office_time (2026, 11, 26, 16, 30);
  g_autoptr(CrmEvent) event = office_event (0, CRM_EVENT_KIND_TASK, "Gửi báo giá", start, 60);
  g_autoptr(CrmEvent) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_event_add_reminder (event, 60);
  id = office_save (office, office->lan_session, event);

  g_assert_true (crm_event_store_move (office->db.store, office->lan_session, id, new_start, new_end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders "
                                             "WHERE fire_at = '2026-11-26T07:00:00Z'"), ==, 1);
  g_assert_false (crm_event_store_move (office->db.store, office->lan_session, id, new_end, new_start, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);

  g_assert_true (crm_event_store_set_done (office->db.store, office->lan_session, id, TRUE, &error));
  read = crm_event_store_get (office->db.store, office->lan_session, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (crm_event_get_start (read), new_start));
  g_assert_true (crm_event_get_done (read));
  g_assert_nonnull (crm_event_get_done_at (read));
  g_clear_object (&read);

  g_assert_true (crm_event_store_set_done (office->db.store, office->lan_session, id, FALSE, &error));
  read = crm_event_store_get (office->db.store, office->lan_session, id, &error);
  g_assert_false (crm_event_get_done (read));
  g_assert_null (crm_event_get_done_at (read));
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'event' "
                                             "AND field IN ('starts_at', 'ends_at', 'done')"), ==, 4);
}

static void
test_delete_rules (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 25, 10, 0);
  g_autoptr(CrmEvent) first = office_event (0, CRM_EVENT_KIND_CALL, "Gọi khách", start, 15);
  g_autoptr(CrmEvent) second = office_event (0, CRM_EVENT_KIND_CALL, "Gọi lại", start, 15);
  g_autoptr(GError) error = NULL;
  gint64 first_id, second_id;

  crm_event_add_reminder (first, 10);
  crm_event_add_participant (first, office->hung);
  first_id = office_save (office, office->lan_session, first);
  second_id = office_save (office, office->lan_session, second);

  /* Hùng takes part but may not delete; Mai does not even see it. */
  g_assert_false (crm_event_store_delete (office->db.store, office->hung_session, first_id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_event_store_delete (office->db.store, office->mai_session, first_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The owner deletes their own (no special right needed), the manager the team's. */
  g_assert_true (crm_event_store_delete (office->db.store, office->lan_session, first_id, &error));
  g_assert_no_error (error);
  g_assert_true (crm_event_store_delete (office->db.store, office->manager_session, second_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM events"), ==, 0);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders"), ==, 0);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM event_participants"), ==, 0);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'event' "
                                             "AND action = 'delete'"), ==, 2);
}

static void
test_manager_plans_for_team (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 27, 8, 0);
  g_autoptr(CrmEvent) for_lan = office_event (office->lan, CRM_EVENT_KIND_VISIT, "Thăm khách", start, 60);
  g_autoptr(CrmEvent) for_mai = office_event (office->mai, CRM_EVENT_KIND_VISIT, "Thăm khách", start, 60);
  g_autoptr(GError) error = NULL;

  office_save (office, office->manager_session, for_lan);
  g_assert_cmpint (crm_event_get_owner_id (for_lan), ==, office->lan);
  g_assert_cmpint (crm_event_store_create (office->db.store, office->manager_session, for_mai, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
}

static void
test_range_reads_series_and_single_events (Office        *office,
                                           gconstpointer  data)
{
  g_autoptr(GDateTime) long_ago = office_time (2026, 1, 5, 8, 30);
  g_autoptr(GDateTime) last_year = office_time (2025, 6, 2, 8, 0);
  g_autoptr(GDateTime) inside = office_time (2026, 11, 24, 9, 0);
  g_autoptr(GDateTime) outside = office_time (2026, 12, 24, 9, 0);
  g_autoptr(GDateTime) from = office_time (2026, 11, 23, 0, 0);
  g_autoptr(GDateTime) to = office_time (2026, 11, 30, 0, 0);
  g_autoptr(CrmEvent) weekly = office_event (0, CRM_EVENT_KIND_MEETING, "Giao ban", long_ago, 60);
  g_autoptr(CrmEvent) ended = office_event (0, CRM_EVENT_KIND_CARE, "Gọi chăm sóc", last_year, 15);
  g_autoptr(CrmEvent) single = office_event (0, CRM_EVENT_KIND_CALL, "Gọi", inside, 15);
  g_autoptr(CrmEvent) later = office_event (0, CRM_EVENT_KIND_CALL, "Gọi sau", outside, 15);
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(CrmRecurrence) short_rule = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  CrmEventScope mine = { office->lan, 0 };

  crm_event_set_recurrence (weekly, rule);
  short_rule->until = g_strdup ("2025-06-20");
  crm_event_set_recurrence (ended, short_rule);
  office_save (office, office->lan_session, weekly);
  office_save (office, office->lan_session, ended);
  office_save (office, office->lan_session, single);
  office_save (office, office->lan_session, later);

  events = crm_event_store_list_range (office->db.store, office->lan_session, &mine, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (crm_event_get_title (g_ptr_array_index (events, 0)), ==, "Giao ban");
  g_assert_true (crm_event_is_recurring (g_ptr_array_index (events, 0)));
  occurrences = crm_event_expand (g_ptr_array_index (events, 0), from, to);
  g_assert_cmpuint (occurrences->len, ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (crm_event_get_start (g_ptr_array_index (occurrences, 0))),
                   ==, 23);
  g_assert_cmpstr (crm_event_get_title (g_ptr_array_index (events, 1)), ==, "Gọi");
}

/* In an office where staff see only their customers, linking someone
 * else's customer is refused, and a customer taken away is not named. */
static void
test_customer_visibility (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 9, 0);
  g_autoptr(CrmEvent) hung_visit = office_event (0, CRM_EVENT_KIND_VISIT, "Thăm", start, 60);
  g_autoptr(CrmEvent) lan_visit = office_event (0, CRM_EVENT_KIND_VISIT, "Thăm", start, 60);
  g_autoptr(CrmEvent) read = NULL;
  g_autoptr(CrmSession) hung = NULL;
  g_autoptr(CrmSession) lan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reassign = NULL;
  gint64 id;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  hung = office_session (office, office->hung);
  lan = office_session (office, office->lan);

  crm_event_set_customer_id (hung_visit, office->customer);
  g_assert_cmpint (crm_event_store_create (office->db.store, hung, hung_visit, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  crm_event_set_customer_id (lan_visit, office->customer);
  id = office_save (office, lan, lan_visit);
  reassign = g_strdup_printf ("UPDATE customers SET assigned_to = %" G_GINT64_FORMAT, office->mai);
  office_exec (office, reassign);
  read = crm_event_store_get (office->db.store, lan, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_event_get_customer_id (read), ==, office->customer);
  g_assert_null (crm_event_get_customer_name (read));
}

static void
test_linked_document_gives_customer (Office        *office,
                                     gconstpointer  data)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 9, 0);
  g_autoptr(CrmEvent) follow_up = office_event (0, CRM_EVENT_KIND_CALL, "Theo dõi cơ hội", start, 15);
  g_autoptr(CrmEvent) mismatch = office_event (0, CRM_EVENT_KIND_CALL, "Sai khách", start, 15);
  g_autoptr(GError) error = NULL;
  g_autofree char *insert = NULL;
  gint64 other = crm_test_add_customer (&office->db, NULL, "Khách khác", NULL, NULL, office->lan);
  gint64 opportunity;

  insert = g_strdup_printf ("INSERT INTO opportunities (customer_id, owner_id, title, created_at, updated_at) "
                            "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'Máy lạnh văn phòng', "
                            "'2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')", office->customer, office->lan);
  office_exec (office, insert);
  opportunity = office_query_int (office, "SELECT max(id) FROM opportunities");

  crm_event_set_opportunity_id (follow_up, opportunity);
  office_save (office, office->lan_session, follow_up);
  g_assert_cmpint (crm_event_get_customer_id (follow_up), ==, office->customer);

  crm_event_set_opportunity_id (mismatch, opportunity);
  crm_event_set_customer_id (mismatch, other);
  g_assert_cmpint (crm_event_store_create (office->db.store, office->lan_session, mismatch, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
}

static void
test_open_todos (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) last_week = office_time (2026, 11, 17, 9, 0);
  g_autoptr(GDateTime) today = office_time (2026, 11, 24, 9, 0);
  g_autoptr(GDateTime) tomorrow = office_time (2026, 11, 25, 0, 0);
  g_autoptr(CrmEvent) old_task = office_event (0, CRM_EVENT_KIND_TASK, "Báo giá cũ", last_week, 60);
  g_autoptr(CrmEvent) done_task = office_event (0, CRM_EVENT_KIND_TASK, "Đã xong", last_week, 60);
  g_autoptr(CrmEvent) meeting = office_event (0, CRM_EVENT_KIND_MEETING, "Họp", last_week, 60);
  g_autoptr(CrmEvent) deadline = office_event (0, CRM_EVENT_KIND_DEADLINE, "Hạn nộp", today, 0);
  g_autoptr(GPtrArray) todos = NULL;
  g_autoptr(GError) error = NULL;
  CrmEventScope mine = { office->lan, 0 };

  office_save (office, office->lan_session, old_task);
  crm_event_store_set_done (office->db.store, office->lan_session,
                            office_save (office, office->lan_session, done_task), TRUE, &error);
  g_assert_no_error (error);
  office_save (office, office->lan_session, meeting);
  office_save (office, office->lan_session, deadline);

  todos = crm_event_store_list_open_todos (office->db.store, office->lan_session, &mine, tomorrow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (todos->len, ==, 2);
  g_assert_cmpstr (crm_event_get_title (g_ptr_array_index (todos, 0)), ==, "Báo giá cũ");
  g_assert_cmpstr (crm_event_get_title (g_ptr_array_index (todos, 1)), ==, "Hạn nộp");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/event-store/" path, Office, NULL, office_setup, func, office_teardown)

  ADD ("create-fills-owner-and-location", test_create_fills_owner_and_location);
  ADD ("bad-input-refused-nothing-written", test_bad_input_refused);
  ADD ("visibility-of-team-calendars", test_visibility);
  ADD ("update-audits-and-detects-conflicts", test_update_audits_and_detects_conflicts);
  ADD ("move-and-done", test_move_and_done);
  ADD ("delete-rules", test_delete_rules);
  ADD ("manager-plans-for-team", test_manager_plans_for_team);
  ADD ("range-reads-series-and-single-events", test_range_reads_series_and_single_events);
  ADD ("customer-visibility", test_customer_visibility);
  ADD ("linked-document-gives-customer", test_linked_document_gives_customer);
  ADD ("open-todos", test_open_todos);

#undef ADD
  return g_test_run ();
}
