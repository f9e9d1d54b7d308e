/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"
#include "crm-recording-notifier.h"
#include "crm-reminder-scheduler.h"
#include "test-calendar-fixture.h"

/* A scheduler for one user, with a recording notifier and a clock the
 * test sets. */
typedef struct
{
  CrmReminderScheduler  *scheduler;
  CrmRecordingNotifier  *notifier;
  GDateTime             *now;
} Desk;

static GDateTime *
desk_clock (gpointer data)
{
  Desk *desk = data;

  return g_date_time_ref (desk->now);
}

static void
desk_open (Desk       *desk,
           Office     *office,
           CrmSession *session)
{
  desk->notifier = crm_recording_notifier_new ();
  desk->scheduler = crm_reminder_scheduler_new (office->db.store, session, CRM_NOTIFIER (desk->notifier));
  crm_reminder_scheduler_set_clock (desk->scheduler, desk_clock, desk, NULL);
}

static void
desk_close (Desk *desk)
{
  g_clear_object (&desk->scheduler);
  g_clear_object (&desk->notifier);
  g_clear_pointer (&desk->now, g_date_time_unref);
}

static void
desk_set_time (Desk *desk,
               int   month,
               int   day,
               int   hour,
               int   minute)
{
  g_clear_pointer (&desk->now, g_date_time_unref);
  desk->now = office_time (2026, month, day, hour, minute);
}

/* Starts (or checks) at the given local time of November 2026. */
static GPtrArray *
desk_look (Desk     *desk,
           gboolean  start,
           int       day,
           int       hour,
           int       minute)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *due;

  desk_set_time (desk, 11, day, hour, minute);
  due = start ? crm_reminder_scheduler_start (desk->scheduler, desk->now, &error)
              : crm_reminder_scheduler_check (desk->scheduler, desk->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (due);
  return due;
}

static CrmNotification *
last_shown (Desk *desk)
{
  GPtrArray *shown = crm_recording_notifier_get_shown (desk->notifier);

  g_assert_cmpuint (shown->len, >, 0);
  return g_ptr_array_index (shown, shown->len - 1);
}

static gint64
add_visit (Office *office)
{
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 9, 0);
  g_autoptr(CrmEvent) visit = office_event (0, CRM_EVENT_KIND_VISIT, "Khảo sát lắp đặt", start, 90);

  crm_event_set_customer_id (visit, office->customer);
  crm_event_set_reminders (visit, (const gint[]) { 15, 60 }, 2);
  return office_save (office, office->lan_session, visit);
}

static void
test_due_reminders_are_notified (Office        *office,
                                 gconstpointer  data)
{
  Desk desk = { 0 };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) hour_before = NULL;
  g_autoptr(GPtrArray) quiet = NULL;
  g_autoptr(GPtrArray) quarter_before = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GDateTime) eight = office_time (2026, 11, 24, 8, 0);
  static const char *const action_ids[] = { "open", "snooze", NULL };
  static const char *const action_labels[] = { "Open", "Snooze 10 minutes", NULL };
  g_autofree char *expected_id = NULL;
  CrmDueReminder *due;
  CrmNotification *notification;
  gint64 event_id = add_visit (office);

  desk_open (&desk, office, office->lan_session);
  /* The very first look starts the windows: nothing is old news. */
  first = desk_look (&desk, TRUE, 24, 7, 0);
  g_assert_cmpuint (first->len, ==, 0);
  g_assert_true (crm_reminder_scheduler_get_pending (desk.scheduler));
  g_assert_true (g_date_time_equal (crm_reminder_scheduler_get_next_due (desk.scheduler), eight));

  hour_before = desk_look (&desk, FALSE, 24, 8, 5);
  g_assert_cmpuint (hour_before->len, ==, 1);
  due = g_ptr_array_index (hour_before, 0);
  g_assert_cmpint (due->event_id, ==, event_id);
  g_assert_cmpint (due->offset_minutes, ==, 60);
  g_assert_false (due->missed);
  g_assert_true (g_date_time_equal (due->due_at, eight));

  notification = last_shown (&desk);
  expected_id = g_strdup_printf ("reminder-%" G_GINT64_FORMAT, due->id);
  g_assert_cmpstr (notification->id, ==, expected_id);
  g_assert_cmpstr (notification->title, ==, "Khảo sát lắp đặt");
  g_assert_cmpstr (notification->body, ==,
                   "Starts at 09:00 on 24/11/2026\n"
                   "12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh\n"
                   "Customer: Công ty TNHH Hoa Sen");
  g_assert_cmpstrv (notification->action_ids, action_ids);
  g_assert_cmpstrv (notification->action_labels, action_labels);

  quiet = desk_look (&desk, FALSE, 24, 8, 30);
  g_assert_cmpuint (quiet->len, ==, 0);
  quarter_before = desk_look (&desk, FALSE, 24, 8, 45);
  g_assert_cmpuint (quarter_before->len, ==, 1);
  g_assert_cmpint (((CrmDueReminder *) g_ptr_array_index (quarter_before, 0))->offset_minutes, ==, 15);
  again = desk_look (&desk, FALSE, 24, 8, 50);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (crm_recording_notifier_get_shown (desk.notifier)->len, ==, 2);
  g_assert_false (crm_reminder_scheduler_get_pending (desk.scheduler));
  desk_close (&desk);
}

static void
test_snooze_and_dismiss (Office        *office,
                         gconstpointer  data)
{
  Desk desk = { 0 };
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) too_early = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) after_dismiss = NULL;
  g_autofree char *id = NULL;
  GPtrArray *withdrawn;
  gint64 due_id;

  add_visit (office);
  desk_open (&desk, office, office->lan_session);
  g_ptr_array_unref (desk_look (&desk, TRUE, 24, 8, 10));
  due = desk_look (&desk, FALSE, 24, 8, 46);
  g_assert_cmpuint (due->len, ==, 1);
  due_id = ((CrmDueReminder *) g_ptr_array_index (due, 0))->id;
  id = g_strdup (last_shown (&desk)->id);

  /* "Snooze 10 minutes" clicked at 08:46: back at 08:56, not before. */
  crm_notifier_action_invoked (CRM_NOTIFIER (desk.notifier), id, CRM_REMINDER_ACTION_SNOOZE);
  withdrawn = crm_recording_notifier_get_withdrawn (desk.notifier);
  g_assert_cmpuint (withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (withdrawn, 0), ==, id);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders "
                                             "WHERE snoozed_until = '2026-11-24T01:56:00Z'"), ==, 1);
  g_assert_true (crm_reminder_scheduler_get_pending (desk.scheduler));

  too_early = desk_look (&desk, FALSE, 24, 8, 55);
  g_assert_cmpuint (too_early->len, ==, 0);
  back = desk_look (&desk, FALSE, 24, 8, 57);
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpint (((CrmDueReminder *) g_ptr_array_index (back, 0))->id, ==, due_id);
  g_assert_true (((CrmDueReminder *) g_ptr_array_index (back, 0))->snoozed);
  g_assert_cmpstr (last_shown (&desk)->id, ==, id);

  /* Snoozed again, then closed: it does not come back. */
  crm_notifier_action_invoked (CRM_NOTIFIER (desk.notifier), id, CRM_REMINDER_ACTION_SNOOZE);
  crm_notifier_action_invoked (CRM_NOTIFIER (desk.notifier), id, CRM_NOTIFICATION_ACTION_DISMISSED);
  after_dismiss = desk_look (&desk, FALSE, 24, 9, 30);
  g_assert_cmpuint (after_dismiss->len, ==, 0);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders "
                                             "WHERE dismissed_at IS NOT NULL AND snoozed_until IS NULL"), ==, 1);
  desk_close (&desk);
}

static void
test_missed_reminders_on_start (Office        *office,
                                gconstpointer  data)
{
  Desk before = { 0 };
  Desk after = { 0 };
  g_autoptr(GDateTime) care_start = office_time (2026, 11, 18, 16, 0);
  g_autoptr(GDateTime) done_start = office_time (2026, 11, 23, 11, 0);
  g_autoptr(CrmEvent) care = office_event (0, CRM_EVENT_KIND_CARE, "Gọi chăm sóc khách VIP", care_start, 15);
  g_autoptr(CrmEvent) done = office_event (0, CRM_EVENT_KIND_TASK, "Đã làm xong", done_start, 30);
  g_autoptr(CrmRecurrence) daily = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GPtrArray) missed = NULL;
  g_autoptr(GPtrArray) nothing_new = NULL;
  g_autoptr(GError) error = NULL;
  CrmDueReminder *first, *second;
  GPtrArray *shown;

  daily->count = 10;
  crm_event_set_recurrence (care, daily);
  crm_event_add_reminder (care, 15);
  office_save (office, office->lan_session, care);
  crm_event_add_reminder (done, 30);
  crm_event_store_set_done (office->db.store, office->lan_session,
                            office_save (office, office->lan_session, done), TRUE, &error);
  g_assert_no_error (error);
  add_visit (office);

  /* Last looked on the evening of the 20th, then the application closed. */
  desk_open (&before, office, office->lan_session);
  g_ptr_array_unref (desk_look (&before, TRUE, 20, 18, 0));
  desk_close (&before);

  /* Started again on the 24th at 10:00: the care calls of the 21st, 22nd
   * and 23rd come as one (the latest), then the visit's two reminders of
   * this morning; the task done is quiet. */
  desk_open (&after, office, office->lan_session);
  missed = desk_look (&after, TRUE, 24, 10, 0);
  g_assert_cmpuint (missed->len, ==, 3);
  first = g_ptr_array_index (missed, 0);
  second = g_ptr_array_index (missed, 1);
  g_assert_cmpstr (first->title, ==, "Gọi chăm sóc khách VIP");
  g_assert_true (first->missed);
  g_assert_cmpint (g_date_time_get_day_of_month (first->occurrence_start), ==, 23);
  g_assert_cmpstr (second->title, ==, "Khảo sát lắp đặt");
  g_assert_cmpint (second->offset_minutes, ==, 60);
  g_assert_true (((CrmDueReminder *) g_ptr_array_index (missed, 2))->missed);

  shown = crm_recording_notifier_get_shown (after.notifier);
  g_assert_cmpuint (shown->len, ==, 3);
  g_assert_cmpstr (((CrmNotification *) g_ptr_array_index (shown, 0))->body, ==,
                   "Missed while Sổ Khách was not running.\nStarts at 16:00 on 23/11/2026");

  nothing_new = desk_look (&after, FALSE, 24, 10, 1);
  g_assert_cmpuint (nothing_new->len, ==, 0);
  desk_close (&after);
}

static void
test_participants_and_visibility (Office        *office,
                                  gconstpointer  data)
{
  Desk hung = { 0 };
  Desk mai = { 0 };
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 14, 0);
  g_autoptr(CrmEvent) meeting = office_event (0, CRM_EVENT_KIND_MEETING, "Họp với khách", start, 60);
  g_autoptr(GPtrArray) hung_due = NULL;
  g_autoptr(GPtrArray) mai_due = NULL;

  crm_event_add_reminder (meeting, 30);
  crm_event_add_participant (meeting, office->hung);
  office_save (office, office->lan_session, meeting);

  desk_open (&hung, office, office->hung_session);
  desk_open (&mai, office, office->mai_session);
  g_ptr_array_unref (desk_look (&hung, TRUE, 24, 8, 0));
  g_ptr_array_unref (desk_look (&mai, TRUE, 24, 8, 0));
  hung_due = desk_look (&hung, FALSE, 24, 13, 31);
  mai_due = desk_look (&mai, FALSE, 24, 13, 31);
  g_assert_cmpuint (hung_due->len, ==, 1);
  g_assert_cmpstr (last_shown (&hung)->title, ==, "Họp với khách");
  g_assert_cmpuint (mai_due->len, ==, 0);
  g_assert_cmpuint (crm_recording_notifier_get_shown (mai.notifier)->len, ==, 0);
  desk_close (&hung);
  desk_close (&mai);
}

static void
on_open_event_cb (CrmReminderScheduler *scheduler,
                  gint64                event_id,
                  gpointer              data)
{
  *(gint64 *) data = event_id;
}

static void
test_open_and_mark_done (Office        *office,
                         gconstpointer  data)
{
  Desk desk = { 0 };
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(CrmEvent) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 opened = 0;
  gint64 event_id = add_visit (office);

  desk_open (&desk, office, office->lan_session);
  g_signal_connect (desk.scheduler, "open-event", G_CALLBACK (on_open_event_cb), &opened);
  g_ptr_array_unref (desk_look (&desk, TRUE, 24, 7, 0));
  due = desk_look (&desk, FALSE, 24, 8, 1);
  id = g_strdup (last_shown (&desk)->id);

  crm_notifier_action_invoked (CRM_NOTIFIER (desk.notifier), id, CRM_REMINDER_ACTION_OPEN);
  g_assert_cmpint (opened, ==, event_id);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders WHERE dismissed_at IS NOT NULL"),
                   ==, 1);

  /* Marking done from the reminder closes the event: the 15-minute
   * reminder stays quiet. */
  g_assert_true (crm_reminder_scheduler_mark_done (desk.scheduler,
                                                   ((CrmDueReminder *) g_ptr_array_index (due, 0))->id,
                                                   desk.now, &error));
  g_assert_no_error (error);
  read = crm_event_store_get (office->db.store, office->lan_session, event_id, &error);
  g_assert_true (crm_event_get_done (read));
  g_ptr_array_unref (due);
  due = desk_look (&desk, FALSE, 24, 8, 50);
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_false (crm_reminder_scheduler_get_pending (desk.scheduler));
  desk_close (&desk);
}

static void
test_clock_going_back_shows_nothing_twice (Office        *office,
                                           gconstpointer  data)
{
  Desk desk = { 0 };
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) forward = NULL;

  add_visit (office);
  desk_open (&desk, office, office->lan_session);
  g_ptr_array_unref (desk_look (&desk, TRUE, 24, 7, 0));
  due = desk_look (&desk, FALSE, 24, 8, 5);
  g_assert_cmpuint (due->len, ==, 1);
  back = desk_look (&desk, FALSE, 24, 7, 30);
  g_assert_cmpuint (back->len, ==, 0);
  forward = desk_look (&desk, FALSE, 24, 8, 10);
  g_assert_cmpuint (forward->len, ==, 0);
  g_assert_cmpuint (crm_recording_notifier_get_shown (desk.notifier)->len, ==, 1);
  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/reminders/" path, Office, NULL, office_setup, func, office_teardown)

  ADD ("due-reminders-are-notified", test_due_reminders_are_notified);
  ADD ("snooze-and-dismiss", test_snooze_and_dismiss);
  ADD ("missed-reminders-on-start", test_missed_reminders_on_start);
  ADD ("participants-and-visibility", test_participants_and_visibility);
  ADD ("open-and-mark-done", test_open_and_mark_done);
  ADD ("clock-going-back-shows-nothing-twice", test_clock_going_back_shows_nothing_twice);

#undef ADD
  return g_test_run ();
}
