/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-calendar.h"
#include "crm-error.h"
#include "test-calendar-fixture.h"

static char *
format_local (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M %a");
}

static void
assert_range (CrmCalendarView  view,
              GDateTime       *day,
              const char      *expected_start,
              const char      *expected_end)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  crm_calendar_range_for (view, day, &start, &end);
  start_text = format_local (start);
  end_text = format_local (end);
  g_assert_cmpstr (start_text, ==, expected_start);
  g_assert_cmpstr (end_text, ==, expected_end);
}

static void
test_ranges_weeks_start_monday (void)
{
  g_autoptr(GDateTime) november = office_time (2026, 11, 15, 17, 45);
  g_autoptr(GDateTime) february = office_time (2027, 2, 10, 8, 0);
  g_autoptr(GDateTime) december = office_time (2026, 12, 31, 23, 59);
  g_autoptr(GDateTime) sunday = office_time (2026, 11, 29, 12, 0);
  g_autoptr(GDateTime) thursday = office_time (2026, 11, 26, 9, 0);

  /* November 2026 starts on a Sunday and ends on a Monday: six weeks. */
  assert_range (CRM_CALENDAR_VIEW_MONTH, november, "2026-10-26 00:00 Mon", "2026-12-07 00:00 Mon");
  /* February 2027 is exactly four weeks, Monday 1 to Sunday 28. */
  assert_range (CRM_CALENDAR_VIEW_MONTH, february, "2027-02-01 00:00 Mon", "2027-03-01 00:00 Mon");
  /* December 2026 runs into January 2027. */
  assert_range (CRM_CALENDAR_VIEW_MONTH, december, "2026-11-30 00:00 Mon", "2027-01-04 00:00 Mon");
  assert_range (CRM_CALENDAR_VIEW_WEEK, thursday, "2026-11-23 00:00 Mon", "2026-11-30 00:00 Mon");
  /* Sunday belongs to the week that started the Monday before. */
  assert_range (CRM_CALENDAR_VIEW_WEEK, sunday, "2026-11-23 00:00 Mon", "2026-11-30 00:00 Mon");
  assert_range (CRM_CALENDAR_VIEW_WEEK, december, "2026-12-28 00:00 Mon", "2027-01-04 00:00 Mon");
  assert_range (CRM_CALENDAR_VIEW_DAY, december, "2026-12-31 00:00 Thu", "2027-01-01 00:00 Fri");
}

static void
assert_date (CrmCalendarController *calendar,
             const char            *expected)
{
  g_autofree char *text = format_local (crm_calendar_controller_get_date (calendar));

  g_assert_cmpstr (text, ==, expected);
}

static void
test_navigation (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmCalendarController) calendar = crm_calendar_controller_new (office->db.store,
                                                                          office->lan_session);
  g_autoptr(GDateTime) day = office_time (2026, 11, 15, 10, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;

  g_assert_true (crm_calendar_controller_set_date (calendar, day, &error));
  g_assert_true (crm_calendar_controller_set_view (calendar, CRM_CALENDAR_VIEW_MONTH, &error));
  g_assert_no_error (error);
  assert_date (calendar, "2026-11-15 00:00 Sun");
  g_assert_true (crm_calendar_controller_go_next (calendar, &error));
  assert_date (calendar, "2026-12-01 00:00 Tue");
  start = format_local (crm_calendar_controller_get_range_start (calendar));
  g_assert_cmpstr (start, ==, "2026-11-30 00:00 Mon");
  g_assert_true (crm_calendar_controller_go_previous (calendar, &error));
  g_assert_true (crm_calendar_controller_go_previous (calendar, &error));
  assert_date (calendar, "2026-10-01 00:00 Thu");

  g_assert_true (crm_calendar_controller_set_view (calendar, CRM_CALENDAR_VIEW_WEEK, &error));
  g_assert_true (crm_calendar_controller_go_next (calendar, &error));
  assert_date (calendar, "2026-10-08 00:00 Thu");
  g_assert_true (crm_calendar_controller_set_view (calendar, CRM_CALENDAR_VIEW_DAY, &error));
  g_assert_true (crm_calendar_controller_go_previous (calendar, &error));
  assert_date (calendar, "2026-10-07 00:00 Wed");
  g_assert_no_error (error);
}

static CrmEvent *
item (GListModel *model,
      guint       position)
{
  CrmEvent *event = g_list_model_get_item (model, position);

  g_object_unref (event);
  return event;
}

static void
test_events_expanded_in_range (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(CrmCalendarController) calendar = crm_calendar_controller_new (office->db.store,
                                                                          office->lan_session);
  g_autoptr(GDateTime) monday = office_time (2026, 11, 2, 8, 30);
  g_autoptr(GDateTime) thursday = office_time (2026, 11, 19, 15, 0);
  g_autoptr(GDateTime) day = office_time (2026, 11, 15, 10, 0);
  g_autoptr(GDateTime) cell = office_time (2026, 11, 16, 0, 0);
  g_autoptr(CrmEvent) meeting = office_event (0, CRM_EVENT_KIND_MEETING, "Giao ban", monday, 60);
  g_autoptr(CrmEvent) visit = office_event (0, CRM_EVENT_KIND_VISIT, "Thăm khách", thursday, 120);
  g_autoptr(CrmRecurrence) weekly = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(GPtrArray) on_monday = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *events = crm_calendar_controller_get_events (calendar);

  crm_event_set_recurrence (meeting, weekly);
  office_save (office, office->lan_session, meeting);
  office_save (office, office->lan_session, visit);

  g_assert_true (crm_calendar_controller_set_date (calendar, day, &error));
  g_assert_true (crm_calendar_controller_set_view (calendar, CRM_CALENDAR_VIEW_MONTH, &error));
  g_assert_no_error (error);
  /* Mondays 2, 9, 16, 23 and 30 November, and the visit. */
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 6);
  g_assert_true (g_list_model_get_item_type (events) == CRM_TYPE_EVENT);
  g_assert_true (crm_event_is_occurrence (item (events, 0)));
  g_assert_cmpint (g_date_time_get_day_of_month (crm_event_get_start (item (events, 2))), ==, 16);
  g_assert_cmpstr (crm_event_get_title (item (events, 3)), ==, "Thăm khách");
  g_assert_cmpint (g_date_time_get_day_of_month (crm_event_get_start (item (events, 5))), ==, 30);

  on_monday = crm_calendar_controller_list_day (calendar, cell);
  g_assert_cmpuint (on_monday->len, ==, 1);
  g_assert_cmpstr (crm_event_get_title (g_ptr_array_index (on_monday, 0)), ==, "Giao ban");

  g_assert_true (crm_calendar_controller_set_view (calendar, CRM_CALENDAR_VIEW_WEEK, &error));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  g_assert_true (crm_calendar_controller_go_next (calendar, &error));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  g_assert_no_error (error);
}

static void
test_today_plan_overdue_first (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(CrmCalendarController) calendar = crm_calendar_controller_new (office->db.store,
                                                                          office->lan_session);
  g_autoptr(GDateTime) now = office_time (2026, 11, 24, 10, 0);
  g_autoptr(GDateTime) last_week = office_time (2026, 11, 20, 9, 0);
  g_autoptr(GDateTime) early = office_time (2026, 11, 24, 8, 0);
  g_autoptr(GDateTime) afternoon = office_time (2026, 11, 24, 14, 0);
  g_autoptr(GDateTime) evening = office_time (2026, 11, 1, 16, 0);
  g_autoptr(GDateTime) tomorrow = office_time (2026, 11, 25, 9, 0);
  g_autoptr(CrmEvent) old_task = office_event (0, CRM_EVENT_KIND_TASK, "Gửi hợp đồng", last_week, 60);
  g_autoptr(CrmEvent) done_task = office_event (0, CRM_EVENT_KIND_TASK, "Đã gọi", last_week, 30);
  g_autoptr(CrmEvent) morning_task = office_event (0, CRM_EVENT_KIND_TASK, "Lập báo giá", early, 60);
  g_autoptr(CrmEvent) meeting = office_event (0, CRM_EVENT_KIND_MEETING, "Gặp khách", afternoon, 60);
  g_autoptr(CrmEvent) care = office_event (0, CRM_EVENT_KIND_CARE, "Gọi chăm sóc", evening, 15);
  g_autoptr(CrmEvent) later = office_event (0, CRM_EVENT_KIND_TASK, "Việc ngày mai", tomorrow, 60);
  g_autoptr(CrmEvent) hung_task = office_event (0, CRM_EVENT_KIND_TASK, "Việc của Hùng", last_week, 60);
  g_autoptr(CrmRecurrence) daily = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GError) error = NULL;
  GListModel *plan = crm_calendar_controller_get_today_plan (calendar);
  static const char *const expected[] = { "Gửi hợp đồng", "Lập báo giá", "Gặp khách", "Gọi chăm sóc" };

  crm_event_set_recurrence (care, daily);
  office_save (office, office->lan_session, old_task);
  crm_event_store_set_done (office->db.store, office->lan_session,
                            office_save (office, office->lan_session, done_task), TRUE, &error);
  g_assert_no_error (error);
  office_save (office, office->lan_session, morning_task);
  office_save (office, office->lan_session, meeting);
  office_save (office, office->lan_session, care);
  office_save (office, office->lan_session, later);
  office_save (office, office->hung_session, hung_task);

  g_assert_true (crm_calendar_controller_load_today (calendar, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (crm_event_get_title (item (plan, i)), ==, expected[i]);
  g_assert_true (crm_event_is_overdue (item (plan, 0), now));
  g_assert_true (crm_event_is_overdue (item (plan, 1), now));
  g_assert_false (crm_event_is_overdue (item (plan, 2), now));
  g_assert_true (crm_event_is_occurrence (item (plan, 3)));
}

static void
test_team_calendars (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(CrmCalendarController) staff = crm_calendar_controller_new (office->db.store, office->hung_session);
  g_autoptr(CrmCalendarController) manager = crm_calendar_controller_new (office->db.store,
                                                                         office->manager_session);
  g_autoptr(CrmCalendarController) admin = crm_calendar_controller_new (office->db.store, office->db.admin);
  g_autoptr(GDateTime) day = office_time (2026, 11, 24, 9, 0);
  g_autoptr(CrmEvent) lan_call = office_event (0, CRM_EVENT_KIND_CALL, "Lan gọi khách", day, 15);
  g_autoptr(CrmEvent) hung_visit = office_event (0, CRM_EVENT_KIND_VISIT, "Hùng thăm khách", day, 60);
  g_autoptr(CrmEvent) mai_task = office_event (0, CRM_EVENT_KIND_TASK, "Mai làm hồ sơ", day, 60);
  g_autoptr(CrmEvent) draft = NULL;
  g_autoptr(GError) error = NULL;

  office_save (office, office->lan_session, lan_call);
  office_save (office, office->hung_session, hung_visit);
  office_save (office, office->mai_session, mai_task);
  g_assert_true (crm_calendar_controller_set_date (staff, day, &error));
  g_assert_true (crm_calendar_controller_set_date (manager, day, &error));
  g_assert_true (crm_calendar_controller_set_date (admin, day, &error));
  g_assert_no_error (error);

  /* Staff: their own calendar, nobody else's, not the team's. */
  g_assert_cmpuint (g_list_model_get_n_items (crm_calendar_controller_get_events (staff)), ==, 1);
  g_assert_false (crm_calendar_controller_show_user (staff, office->lan, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_calendar_controller_show_team (staff, 0, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (crm_calendar_controller_get_scope (staff), ==, CRM_CALENDAR_SCOPE_SELF);
  g_assert_cmpstr (crm_event_get_title (item (crm_calendar_controller_get_events (staff), 0)), ==,
                   "Hùng thăm khách");

  /* The manager: a member's calendar, the whole team's, not another team's. */
  g_assert_true (crm_calendar_controller_show_user (manager, office->lan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_calendar_controller_get_scope (manager), ==, CRM_CALENDAR_SCOPE_USER);
  g_assert_cmpuint (g_list_model_get_n_items (crm_calendar_controller_get_events (manager)), ==, 1);
  g_assert_cmpstr (crm_event_get_title (item (crm_calendar_controller_get_events (manager), 0)), ==,
                   "Lan gọi khách");
  draft = crm_calendar_controller_new_event_at (manager, day, FALSE);
  g_assert_cmpint (crm_event_get_owner_id (draft), ==, office->lan);
  g_assert_cmpuint (crm_event_get_reminders (draft)->len, ==, 1);
  g_assert_true (crm_calendar_controller_show_team (manager, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_calendar_controller_get_scope_id (manager), ==, office->team_a);
  g_assert_cmpuint (g_list_model_get_n_items (crm_calendar_controller_get_events (manager)), ==, 2);
  g_assert_false (crm_calendar_controller_show_user (manager, office->mai, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_calendar_controller_show_team (manager, office->team_b, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (crm_calendar_controller_get_events (manager)), ==, 2);

  /* The administrator: any team. */
  g_assert_true (crm_calendar_controller_show_team (admin, office->team_b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (crm_calendar_controller_get_events (admin)), ==, 1);
  g_assert_cmpstr (crm_event_get_title (item (crm_calendar_controller_get_events (admin), 0)), ==,
                   "Mai làm hồ sơ");
}

static void
test_move_occurrence_moves_series (Office        *office,
                                   gconstpointer  data)
{
  g_autoptr(CrmCalendarController) calendar = crm_calendar_controller_new (office->db.store,
                                                                          office->lan_session);
  g_autoptr(GDateTime) first = office_time (2026, 11, 2, 8, 30);
  g_autoptr(GDateTime) week = office_time (2026, 11, 18, 0, 0);
  g_autoptr(GDateTime) new_start = office_time (2026, 11, 16, 9, 30);
  g_autoptr(GDateTime) new_end = office_time (2026, 11, 16, 10, 30);
  g_autoptr(GDateTime) series_start = office_time (2026, 11, 2, 9, 30);
  g_autoptr(CrmEvent) meeting = office_event (0, CRM_EVENT_KIND_MEETING, "Giao ban", first, 60);
  g_autoptr(CrmRecurrence) weekly = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(CrmEvent) stored = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *events = crm_calendar_controller_get_events (calendar);
  gint64 id;

  crm_event_set_recurrence (meeting, weekly);
  id = office_save (office, office->lan_session, meeting);
  g_assert_true (crm_calendar_controller_set_date (calendar, week, &error));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);

  g_assert_true (crm_calendar_controller_move (calendar, item (events, 0), new_start, new_end, &error));
  g_assert_no_error (error);
  stored = crm_event_store_get (office->db.store, office->lan_session, id, &error);
  g_assert_true (g_date_time_equal (crm_event_get_start (stored), series_start));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  g_assert_true (g_date_time_equal (crm_event_get_start (item (events, 0)), new_start));

  g_assert_true (crm_calendar_controller_set_done (calendar, item (events, 0), TRUE, &error));
  g_assert_true (crm_event_get_done (item (events, 0)));
  g_assert_true (crm_calendar_controller_delete (calendar, item (events, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 0);
}

static void
test_period_titles (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 25, 15, 30, 0);
  g_autoptr(GDateTime) year_end = g_date_time_new_local (2026, 12, 31, 0, 0, 0);
  g_autofree char *month = crm_calendar_format_period (CRM_CALENDAR_VIEW_MONTH, day);
  g_autofree char *week = crm_calendar_format_period (CRM_CALENDAR_VIEW_WEEK, day);
  g_autofree char *one = crm_calendar_format_period (CRM_CALENDAR_VIEW_DAY, day);
  g_autofree char *across = crm_calendar_format_period (CRM_CALENDAR_VIEW_WEEK, year_end);

  g_assert_cmpstr (month, ==, "November 2026");
  g_assert_cmpstr (week, ==, "23/11/2026 – 29/11/2026");
  g_assert_cmpstr (one, ==, "Wednesday, 25/11/2026");
  g_assert_cmpstr (across, ==, "28/12/2026 – 03/01/2027");
  g_assert_cmpstr (crm_calendar_weekday_short (1), ==, "Mon");
  g_assert_cmpstr (crm_calendar_weekday_short (7), ==, "Sun");
}

static void
assert_parsed (const char *text,
               gboolean    date_only,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = crm_calendar_parse_date_time (text, date_only, &error);
  g_autofree char *shown = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (time);
  shown = crm_calendar_format_date_time (time, FALSE);
  g_assert_cmpstr (shown, ==, expected);
}

static void
assert_refused (const char *text,
                gboolean    date_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = crm_calendar_parse_date_time (text, date_only, &error);

  g_assert_null (time);
  g_assert_true (error != NULL && error->domain == CRM_VALIDATION_ERROR);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_parse_typed_times (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (2027, 1, 2, 7, 5, 0);
  g_autofree char *shown = crm_calendar_format_date_time (time, FALSE);
  g_autofree char *day = crm_calendar_format_date_time (time, TRUE);

  g_assert_cmpstr (shown, ==, "02/01/2027 07:05");
  g_assert_cmpstr (day, ==, "02/01/2027");
  assert_parsed ("23/11/2026 09:00", FALSE, "23/11/2026 09:00");
  assert_parsed ("  3/2/2027   9h30 ", FALSE, "03/02/2027 09:30");
  assert_parsed ("31/12/2026 23:59", FALSE, "31/12/2026 23:59");
  assert_parsed ("23/11/2026 14h", FALSE, "23/11/2026 14:00");
  assert_parsed ("23/11/2026", TRUE, "23/11/2026 00:00");
  assert_refused ("", FALSE);
  assert_refused ("23/11/2026", FALSE);
  assert_refused ("23/11/2026 24:00", FALSE);
  assert_refused ("23/11/2026 9:5", FALSE);
  assert_refused ("31/11/2026 09:00", FALSE);
  assert_refused ("23/11/2026 09:00", TRUE);
  assert_refused ("tomorrow", TRUE);
}

/* The dialog's default location: the customer's address, only for a
 * customer the user may see. */
static void
test_customer_address (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(CrmCustomer) bare = crm_customer_new ();
  g_autofree char *none = NULL;
  g_autoptr(CrmSession) mai = NULL;
  gint64 bare_id;

  g_assert_true (crm_event_store_customer_address (office->db.store, office->lan_session, office->customer,
                                                   &address, &error));
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_assert_true (g_str_has_prefix (address, "12 Lê Lợi, Phường Bến Thành, "));

  bare->full_name = g_strdup ("Anh Bình");
  bare->kind = CRM_CUSTOMER_KIND_PERSON;
  bare->assigned_to = office->lan;
  bare_id = crm_customer_store_create (office->db.store, office->db.admin, bare, &error);
  g_assert_no_error (error);
  g_assert_true (crm_event_store_customer_address (office->db.store, office->lan_session, bare_id, &none, &error));
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  /* A session reads the visibility rule when it opens. */
  mai = office_session (office, office->mai);
  g_assert_false (crm_event_store_customer_address (office->db.store, mai, office->customer, &refused, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_null (refused);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/calendar/" path, Office, NULL, office_setup, func, office_teardown)

  g_test_add_func ("/calendar/ranges-weeks-start-monday", test_ranges_weeks_start_monday);
  ADD ("navigation", test_navigation);
  ADD ("events-expanded-in-range", test_events_expanded_in_range);
  ADD ("today-plan-overdue-first", test_today_plan_overdue_first);
  ADD ("team-calendars", test_team_calendars);
  ADD ("move-occurrence-moves-series", test_move_occurrence_moves_series);
  g_test_add_func ("/calendar/period-titles", test_period_titles);
  g_test_add_func ("/calendar/parse-typed-times", test_parse_typed_times);
  ADD ("customer-address", test_customer_address);

#undef ADD
  return g_test_run ();
}
