/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"
#include "crm-event.h"
#include "crm-recurrence.h"

/* Local times are Vietnam's (TZ is ICT-7 in main, UTC+7 all year). */
static GDateTime *
local (int year,
       int month,
       int day,
       int hour,
       int minute)
{
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

/* "2026-01-31 09:00, 2026-02-01 09:00" in local time. */
static char *
format_times (GPtrArray  *times,
              const char *format)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times->len; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_to_local (g_ptr_array_index (times, i));
      g_autofree char *one = g_date_time_format (time, format);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", one);
    }
  return g_string_free (text, FALSE);
}

static char *
format_utc (GPtrArray *times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times->len; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_to_utc (g_ptr_array_index (times, i));
      g_autofree char *one = g_date_time_format (time, "%Y-%m-%dT%H:%MZ");

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", one);
    }
  return g_string_free (text, FALSE);
}

static char *
expand_days (const CrmRecurrence *rule,
             GDateTime           *start,
             GTimeSpan            duration,
             GDateTime           *from,
             GDateTime           *to)
{
  g_autoptr(GPtrArray) times = crm_recurrence_expand (rule, start, duration, from, to, NULL);

  return format_times (times, "%Y-%m-%d %H:%M");
}

static void
test_daily_across_month_end (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GDateTime) start = local (2026, 1, 30, 9, 0);
  g_autoptr(GDateTime) from = local (2026, 1, 31, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 2, 3, 0, 0);
  g_autofree char *days = expand_days (rule, start, G_TIME_SPAN_HOUR, from, to);

  g_assert_cmpstr (days, ==, "2026-01-31 09:00, 2026-02-01 09:00, 2026-02-02 09:00");
}

static void
test_monthly_31st_clamps (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_MONTHLY);
  g_autoptr(GDateTime) start = local (2026, 1, 31, 10, 0);
  g_autoptr(GDateTime) from = local (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 7, 1, 0, 0);
  g_autofree char *days = expand_days (rule, start, 0, from, to);
  g_autoptr(GDateTime) leap_from = local (2028, 2, 1, 0, 0);
  g_autoptr(GDateTime) leap_to = local (2028, 3, 1, 0, 0);
  g_autofree char *leap = expand_days (rule, start, 0, leap_from, leap_to);

  /* Clamped to the last day, and back to the 31st when the month has it. */
  g_assert_cmpstr (days, ==,
                   "2026-01-31 10:00, 2026-02-28 10:00, 2026-03-31 10:00, 2026-04-30 10:00, "
                   "2026-05-31 10:00, 2026-06-30 10:00");
  g_assert_cmpstr (leap, ==, "2028-02-29 10:00");
}

static void
test_monthly_interval_across_year_end (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_MONTHLY);
  g_autoptr(GDateTime) start = local (2026, 8, 30, 14, 0);
  g_autoptr(GDateTime) from = local (2026, 10, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2027, 5, 1, 0, 0);
  g_autofree char *days = NULL;

  rule->interval = 3;
  days = expand_days (rule, start, 0, from, to);
  g_assert_cmpstr (days, ==, "2026-11-30 14:00, 2027-02-28 14:00");
}

static void
test_yearly_february_29 (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_YEARLY);
  g_autoptr(GDateTime) start = local (2024, 2, 29, 0, 0);
  g_autoptr(GDateTime) from = local (2024, 1, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2029, 1, 1, 0, 0);
  g_autofree char *days = expand_days (rule, start, G_TIME_SPAN_DAY, from, to);

  g_assert_cmpstr (days, ==,
                   "2024-02-29 00:00, 2025-02-28 00:00, 2026-02-28 00:00, 2027-02-28 00:00, "
                   "2028-02-29 00:00");
}

static void
test_across_year_end (void)
{
  g_autoptr(CrmRecurrence) weekly = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(CrmRecurrence) daily = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GDateTime) monday = local (2026, 12, 28, 8, 30);
  g_autoptr(GDateTime) from = local (2026, 12, 20, 0, 0);
  g_autoptr(GDateTime) to = local (2027, 1, 15, 0, 0);
  g_autoptr(GDateTime) evening = local (2026, 12, 30, 17, 0);
  g_autofree char *weeks = expand_days (weekly, monday, G_TIME_SPAN_HOUR, from, to);
  g_autofree char *days = NULL;

  g_assert_cmpstr (weeks, ==, "2026-12-28 08:30, 2027-01-04 08:30, 2027-01-11 08:30");

  daily->until = g_strdup ("2027-01-02");
  days = expand_days (daily, evening, 0, from, to);
  g_assert_cmpstr (days, ==, "2026-12-30 17:00, 2026-12-31 17:00, 2027-01-01 17:00, 2027-01-02 17:00");
}

static void
test_weekly_several_days_with_count (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(GDateTime) wednesday = local (2026, 3, 4, 8, 0);
  g_autoptr(GDateTime) from = local (2026, 3, 1, 0, 0);
  g_autoptr(GDateTime) later = local (2026, 3, 10, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 4, 1, 0, 0);
  g_autofree char *all = NULL;
  g_autofree char *tail = NULL;

  rule->weekdays = CRM_WEEKDAY_MONDAY | CRM_WEEKDAY_WEDNESDAY | CRM_WEEKDAY_FRIDAY;
  rule->count = 5;
  all = expand_days (rule, wednesday, G_TIME_SPAN_HOUR, from, to);
  /* Monday 2 March is before the start: not an occurrence, not counted. */
  g_assert_cmpstr (all, ==,
                   "2026-03-04 08:00, 2026-03-06 08:00, 2026-03-09 08:00, 2026-03-11 08:00, "
                   "2026-03-13 08:00");
  /* The count runs from the first occurrence, whatever range is asked. */
  tail = expand_days (rule, wednesday, G_TIME_SPAN_HOUR, later, to);
  g_assert_cmpstr (tail, ==, "2026-03-11 08:00, 2026-03-13 08:00");
}

static void
test_weekly_interval_and_other_start_day (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(GDateTime) tuesday = local (2026, 3, 3, 15, 0);
  g_autoptr(GDateTime) thursday = local (2026, 3, 5, 15, 0);
  g_autoptr(GDateTime) from = local (2026, 3, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 4, 15, 0, 0);
  g_autofree char *every_other = NULL;
  g_autofree char *mondays = NULL;

  rule->interval = 2;
  every_other = expand_days (rule, tuesday, 0, from, to);
  g_assert_cmpstr (every_other, ==, "2026-03-03 15:00, 2026-03-17 15:00, 2026-03-31 15:00, 2026-04-14 15:00");

  /* Starting on Thursday 5 March, every other week on Mondays: the weeks
   * counted from the start's (2, 16, 30 March...); Monday 2 March is
   * before the start. */
  rule->weekdays = CRM_WEEKDAY_MONDAY;
  mondays = expand_days (rule, thursday, 0, from, to);
  g_assert_cmpstr (mondays, ==, "2026-03-16 15:00, 2026-03-30 15:00, 2026-04-13 15:00");
}

static void
test_count_and_until (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GDateTime) start = local (2026, 5, 10, 7, 0);
  g_autoptr(GDateTime) from = local (2026, 5, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 6, 1, 0, 0);
  g_autofree char *counted = NULL;
  g_autofree char *until = NULL;

  rule->count = 3;
  rule->interval = 2;
  counted = expand_days (rule, start, 0, from, to);
  g_assert_cmpstr (counted, ==, "2026-05-10 07:00, 2026-05-12 07:00, 2026-05-14 07:00");

  rule->count = 0;
  rule->until = g_strdup ("2026-05-16");
  until = expand_days (rule, start, 0, from, to);
  g_assert_cmpstr (until, ==, "2026-05-10 07:00, 2026-05-12 07:00, 2026-05-14 07:00, 2026-05-16 07:00");
}

/* Occurrences keep Vietnamese wall-clock time: 06:00 in Hồ Chí Minh City is
 * 23:00 UTC the day before, every day of the year (no daylight saving). */
static void
test_vietnam_local_time (void)
{
  g_autoptr(GTimeZone) saigon = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_MONTHLY);
  g_autoptr(GDateTime) start = g_date_time_new (saigon, 2026, 1, 1, 6, 0, 0);
  g_autoptr(GDateTime) from = g_date_time_new_utc (2025, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2026, 12, 31, 0, 0, 0);
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GPtrArray) local_times = NULL;
  g_autofree char *utc = NULL;

  g_assert_nonnull (saigon);
  times = crm_recurrence_expand (rule, start, 0, from, to, saigon);
  g_assert_cmpuint (times->len, ==, 12);
  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *time = g_ptr_array_index (times, i);

      g_assert_cmpint (g_date_time_get_day_of_month (time), ==, 1);
      g_assert_cmpint (g_date_time_get_hour (time), ==, 6);
      g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 7 * G_TIME_SPAN_HOUR);
    }
  g_ptr_array_set_size (times, 3);
  utc = format_utc (times);
  g_assert_cmpstr (utc, ==, "2025-12-31T23:00Z 2026-01-31T23:00Z 2026-02-28T23:00Z");

  /* The local zone of the tests (ICT-7) gives the same instants. */
  local_times = crm_recurrence_expand (rule, start, 0, from, to, NULL);
  g_assert_cmpuint (local_times->len, ==, 12);
  for (guint i = 0; i < times->len; i++)
    g_assert_true (g_date_time_equal (g_ptr_array_index (local_times, i), g_ptr_array_index (times, i)));
}

static void
test_overlap_from_previous_day (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GDateTime) start = local (2026, 6, 1, 23, 0);
  g_autoptr(GDateTime) from = local (2026, 6, 5, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 6, 6, 0, 0);
  g_autofree char *days = expand_days (rule, start, 2 * G_TIME_SPAN_HOUR, from, to);
  g_autofree char *instants = expand_days (rule, start, 0, from, to);

  /* The night shift of the 4th runs into the 5th. */
  g_assert_cmpstr (days, ==, "2026-06-04 23:00, 2026-06-05 23:00");
  g_assert_cmpstr (instants, ==, "2026-06-05 23:00");
}

static void
test_long_running_series_skips_ahead (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_DAILY);
  g_autoptr(GDateTime) start = local (2000, 1, 1, 9, 0);
  g_autoptr(GDateTime) from = local (2026, 3, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 3, 4, 0, 0);
  g_autoptr(GDateTime) after = local (2026, 3, 1, 9, 0);
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *days = NULL;

  rule->interval = 3;
  /* 2000-01-01 + 3k days: 2026-03-01 is day 9556 = 3 * 3185 + 1, so the
   * occurrences around it are 28 February and 3 March. */
  days = expand_days (rule, start, 0, from, to);
  g_assert_cmpstr (days, ==, "2026-03-03 09:00");
  next = crm_recurrence_next_start (rule, start, after, NULL);
  g_assert_nonnull (next);
  g_assert_cmpint (g_date_time_get_month (next), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (next), ==, 3);
}

static void
test_no_rule_is_single (void)
{
  g_autoptr(GDateTime) start = local (2026, 6, 1, 9, 0);
  g_autoptr(GDateTime) from = local (2026, 6, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 6, 2, 0, 0);
  g_autoptr(GDateTime) after = local (2026, 6, 1, 9, 0);
  g_autoptr(GDateTime) next = crm_recurrence_next_start (NULL, start, after, NULL);
  g_autofree char *days = expand_days (NULL, start, G_TIME_SPAN_HOUR, from, to);

  g_assert_cmpstr (days, ==, "2026-06-01 09:00");
  g_assert_null (next);
}

static void
test_validate (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(GDateTime) start = local (2026, 6, 10, 9, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_recurrence_validate (rule, start, NULL, &error));
  g_assert_no_error (error);

  rule->interval = 0;
  g_assert_false (crm_recurrence_validate (rule, start, NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  rule->interval = 1;

  rule->weekdays = 0x80;
  g_assert_false (crm_recurrence_validate (rule, start, NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  rule->weekdays = CRM_WEEKDAY_MONDAY;

  rule->count = 4;
  rule->until = g_strdup ("2026-12-31");
  g_assert_false (crm_recurrence_validate (rule, start, NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  rule->count = 0;

  g_free (rule->until);
  rule->until = g_strdup ("2026-06-09");
  g_assert_false (crm_recurrence_validate (rule, start, NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);

  g_free (rule->until);
  rule->until = g_strdup ("2026-02-30");
  g_assert_false (crm_recurrence_validate (rule, start, NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);

  g_free (rule->until);
  rule->until = g_strdup ("2026-06-10");
  g_assert_true (crm_recurrence_validate (rule, start, NULL, &error));
  g_assert_no_error (error);
}

static void
test_rule_text (void)
{
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autofree char *text = NULL;
  g_autofree char *none = crm_recurrence_to_rule (NULL);
  CrmRecurrenceFrequency frequency = CRM_RECURRENCE_NONE;

  rule->interval = 2;
  rule->weekdays = CRM_WEEKDAY_MONDAY | CRM_WEEKDAY_WEDNESDAY;
  rule->until = g_strdup ("2026-12-31");
  text = crm_recurrence_to_rule (rule);
  g_assert_cmpstr (text, ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=2026-12-31");
  g_assert_null (none);
  g_assert_true (crm_recurrence_frequency_from_string ("monthly", &frequency));
  g_assert_cmpint (frequency, ==, CRM_RECURRENCE_MONTHLY);
  g_assert_false (crm_recurrence_frequency_from_string ("hourly", &frequency));
}

/* Events ------------------------------------------------------------------- */

static CrmEvent *
make_event (CrmEventKind kind,
            GDateTime   *start,
            GDateTime   *end)
{
  CrmEvent *event = crm_event_new ();

  crm_event_set_kind (event, kind);
  crm_event_set_title (event, "  Gọi chăm sóc khách  ");
  crm_event_set_times (event, start, end);
  return event;
}

static void
test_event_validate (void)
{
  g_autoptr(GDateTime) start = local (2026, 6, 10, 9, 0);
  g_autoptr(GDateTime) end = local (2026, 6, 10, 10, 0);
  g_autoptr(CrmEvent) event = make_event (CRM_EVENT_KIND_MEETING, start, end);
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_event_validate (event, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_event_get_title (event), ==, "Gọi chăm sóc khách");

  /* End before start. */
  crm_event_set_times (event, end, start);
  g_assert_false (crm_event_validate (event, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);
  crm_event_set_times (event, start, end);

  /* A reminder after the start. */
  crm_event_add_reminder (event, -5);
  g_assert_false (crm_event_validate (event, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  crm_event_set_reminders (event, (const gint[]) { 1440, 15, 60, 15 }, 4);
  g_assert_true (crm_event_validate (event, &error));
  g_assert_cmpuint (crm_event_get_reminders (event)->len, ==, 3);
  g_assert_cmpint (g_array_index (crm_event_get_reminders (event), gint, 0), ==, 15);
  g_assert_cmpint (g_array_index (crm_event_get_reminders (event), gint, 2), ==, 1440);

  /* A recurring meeting may go on for ever; a recurring task must end. */
  crm_event_set_recurrence (event, rule);
  g_assert_true (crm_event_validate (event, &error));
  crm_event_set_kind (event, CRM_EVENT_KIND_TASK);
  g_assert_false (crm_event_validate (event, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  rule->count = 10;
  crm_event_set_recurrence (event, rule);
  g_assert_true (crm_event_validate (event, &error));
  g_assert_no_error (error);

  /* No title. */
  crm_event_set_title (event, "   ");
  g_assert_false (crm_event_validate (event, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
}

static void
test_event_all_day_snaps (void)
{
  g_autoptr(GDateTime) start = local (2026, 6, 10, 9, 30);
  g_autoptr(GDateTime) end = local (2026, 6, 12, 11, 0);
  g_autoptr(GDateTime) first = local (2026, 6, 10, 0, 0);
  g_autoptr(GDateTime) after_last = local (2026, 6, 13, 0, 0);
  g_autoptr(CrmEvent) event = make_event (CRM_EVENT_KIND_DEADLINE, start, end);
  g_autoptr(CrmEvent) one_day = make_event (CRM_EVENT_KIND_DEADLINE, first, first);
  g_autoptr(GDateTime) next_day = local (2026, 6, 11, 0, 0);
  g_autofree char *label = NULL;
  g_autofree char *single = NULL;

  crm_event_set_all_day (event, TRUE);
  g_assert_true (crm_event_validate (event, NULL));
  g_assert_true (g_date_time_equal (crm_event_get_start (event), first));
  g_assert_true (g_date_time_equal (crm_event_get_end (event), after_last));
  label = crm_event_format_time (event);
  g_assert_cmpstr (label, ==, "10/06/2026 – 12/06/2026");

  crm_event_set_all_day (one_day, TRUE);
  g_assert_true (crm_event_validate (one_day, NULL));
  g_assert_true (g_date_time_equal (crm_event_get_end (one_day), next_day));
  single = crm_event_format_time (one_day);
  g_assert_cmpstr (single, ==, "All day");
}

static void
test_event_expand_and_series (void)
{
  g_autoptr(GDateTime) start = local (2026, 6, 1, 9, 0);
  g_autoptr(GDateTime) end = local (2026, 6, 1, 10, 30);
  g_autoptr(GDateTime) from = local (2026, 6, 8, 0, 0);
  g_autoptr(GDateTime) to = local (2026, 6, 15, 0, 0);
  g_autoptr(CrmEvent) event = make_event (CRM_EVENT_KIND_MEETING, start, end);
  g_autoptr(CrmRecurrence) rule = crm_recurrence_new (CRM_RECURRENCE_WEEKLY);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(CrmEvent) series = NULL;
  g_autoptr(GDateTime) moved_start = NULL;
  g_autoptr(GDateTime) moved_end = NULL;
  g_autoptr(GDateTime) expected_start = local (2026, 6, 2, 14, 0);
  g_autofree char *label = NULL;
  CrmEvent *occurrence;

  rule->weekdays = CRM_WEEKDAY_MONDAY | CRM_WEEKDAY_THURSDAY;
  crm_event_set_id (event, 42);
  crm_event_set_recurrence (event, rule);
  occurrences = crm_event_expand (event, from, to);
  g_assert_cmpuint (occurrences->len, ==, 2);
  occurrence = g_ptr_array_index (occurrences, 1);
  g_assert_true (crm_event_is_occurrence (occurrence));
  g_assert_cmpint (crm_event_get_id (occurrence), ==, 42);
  g_assert_cmpint (g_date_time_get_day_of_month (crm_event_get_start (occurrence)), ==, 11);
  g_assert_cmpint (g_date_time_difference (crm_event_get_end (occurrence), crm_event_get_start (occurrence)),
                   ==, 90 * G_TIME_SPAN_MINUTE);
  label = crm_event_format_time (occurrence);
  g_assert_cmpstr (label, ==, "09:00–10:30");

  /* Thursday the 11th dragged to Friday the 12th at 14:00, one hour long:
   * the series moves one day and five hours, to Tuesday the 2nd 14:00. */
  moved_start = local (2026, 6, 12, 14, 0);
  moved_end = local (2026, 6, 12, 15, 0);
  crm_event_set_times (occurrence, moved_start, moved_end);
  series = crm_event_to_series (occurrence);
  g_assert_false (crm_event_is_occurrence (series));
  g_assert_true (g_date_time_equal (crm_event_get_start (series), expected_start));
  g_assert_cmpint (g_date_time_difference (crm_event_get_end (series), crm_event_get_start (series)),
                   ==, G_TIME_SPAN_HOUR);
}

static void
test_event_overdue (void)
{
  g_autoptr(GDateTime) start = local (2026, 6, 1, 9, 0);
  g_autoptr(GDateTime) end = local (2026, 6, 1, 10, 0);
  g_autoptr(GDateTime) now = local (2026, 6, 2, 8, 0);
  g_autoptr(CrmEvent) task = make_event (CRM_EVENT_KIND_TASK, start, end);
  g_autoptr(CrmEvent) meeting = make_event (CRM_EVENT_KIND_MEETING, start, end);

  g_assert_true (crm_event_is_overdue (task, now));
  g_assert_false (crm_event_is_overdue (meeting, now));
  crm_event_set_done (task, TRUE, now);
  g_assert_false (crm_event_is_overdue (task, now));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/daily-across-month-end", test_daily_across_month_end);
  g_test_add_func ("/recurrence/monthly-31st-clamps-to-month-end", test_monthly_31st_clamps);
  g_test_add_func ("/recurrence/monthly-interval-across-year-end", test_monthly_interval_across_year_end);
  g_test_add_func ("/recurrence/yearly-february-29", test_yearly_february_29);
  g_test_add_func ("/recurrence/across-year-end", test_across_year_end);
  g_test_add_func ("/recurrence/weekly-several-days-with-count", test_weekly_several_days_with_count);
  g_test_add_func ("/recurrence/weekly-interval", test_weekly_interval_and_other_start_day);
  g_test_add_func ("/recurrence/count-and-until", test_count_and_until);
  g_test_add_func ("/recurrence/vietnam-local-time", test_vietnam_local_time);
  g_test_add_func ("/recurrence/overlap-from-previous-day", test_overlap_from_previous_day);
  g_test_add_func ("/recurrence/long-series-skips-ahead", test_long_running_series_skips_ahead);
  g_test_add_func ("/recurrence/no-rule-is-single", test_no_rule_is_single);
  g_test_add_func ("/recurrence/validate", test_validate);
  g_test_add_func ("/recurrence/rule-text", test_rule_text);
  g_test_add_func ("/event/validate", test_event_validate);
  g_test_add_func ("/event/all-day-snaps-to-days", test_event_all_day_snaps);
  g_test_add_func ("/event/expand-and-move-series", test_event_expand_and_series);
  g_test_add_func ("/event/overdue", test_event_overdue);

  return g_test_run ();
}
