/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_RECURRENCE (crm_recurrence_get_type ())

typedef enum
{
  CRM_RECURRENCE_NONE,
  CRM_RECURRENCE_DAILY,
  CRM_RECURRENCE_WEEKLY,
  CRM_RECURRENCE_MONTHLY,
  CRM_RECURRENCE_YEARLY,
} CrmRecurrenceFrequency;

/* Days of a weekly recurrence; weeks start on Monday. */
typedef enum
{
  CRM_WEEKDAY_MONDAY    = 1 << 0,
  CRM_WEEKDAY_TUESDAY   = 1 << 1,
  CRM_WEEKDAY_WEDNESDAY = 1 << 2,
  CRM_WEEKDAY_THURSDAY  = 1 << 3,
  CRM_WEEKDAY_FRIDAY    = 1 << 4,
  CRM_WEEKDAY_SATURDAY  = 1 << 5,
  CRM_WEEKDAY_SUNDAY    = 1 << 6,
} CrmWeekdays;

#define CRM_WEEKDAYS_ALL              0x7f
#define CRM_RECURRENCE_MAX_INTERVAL   999
#define CRM_RECURRENCE_MAX_COUNT      1000

/* How an event repeats, as the events table keeps it (recur_freq,
 * recur_interval, recur_weekdays, recur_count, recur_until).
 *
 * Occurrences are computed in local wall-clock time: each keeps the
 * series' time of day (Vietnam has no daylight saving, but a zone that
 * has it keeps 9:00 at 9:00).  The first occurrence is the start itself,
 * except for a weekly rule whose days do not include the start's weekday:
 * then it is the first chosen day after the start.
 *
 * - daily: every @interval days;
 * - weekly: every @interval weeks (Monday to Sunday) on @weekdays, or on
 *   the start's weekday when @weekdays is 0;
 * - monthly: every @interval months on the start's day of month.  A month
 *   without that day (the 31st in April, the 30th in February) has its
 *   occurrence on its last day: the series is clamped, not thinned, so a
 *   "last day of the month" duty is never silently skipped; the next month
 *   that has the day gets it again;
 * - yearly: every @interval years on the start's day and month; 29
 *   February falls on 28 February in common years (the same clamping).
 *
 * @count counts every occurrence from the first (0: no limit); @until is
 * the last local day an occurrence may start on, inclusive ("yyyy-MM-dd",
 * NULL: no limit).  At most one of the two is set. */
typedef struct
{
  CrmRecurrenceFrequency  frequency;
  guint                   interval;
  guint                   weekdays;
  guint                   count;
  char                   *until;
} CrmRecurrence;

GType          crm_recurrence_get_type             (void) G_GNUC_CONST;
CrmRecurrence *crm_recurrence_new                  (CrmRecurrenceFrequency   frequency);
CrmRecurrence *crm_recurrence_copy                 (const CrmRecurrence     *self);
void           crm_recurrence_free                 (CrmRecurrence           *self);
gboolean       crm_recurrence_equal                (const CrmRecurrence     *a,
                                                    const CrmRecurrence     *b);

/* "daily", "weekly", "monthly", "yearly"; NULL for CRM_RECURRENCE_NONE. */
const char    *crm_recurrence_frequency_to_string  (CrmRecurrenceFrequency   frequency);
gboolean       crm_recurrence_frequency_from_string (const char             *text,
                                                     CrmRecurrenceFrequency *frequency);
/* For the audit trail: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=2026-12-31"
 * (iCalendar's words, the until date as a day); NULL when @self is NULL
 * or does not repeat. */
char          *crm_recurrence_to_rule              (const CrmRecurrence     *self);
/* Whether the series stops: an until date or a count. */
gboolean       crm_recurrence_has_end              (const CrmRecurrence     *self);
/* Interval 1..999, weekdays within CRM_WEEKDAYS_ALL, count 0..1000, not
 * both count and until, until a real date not before @start's local day.
 * CRM_VALIDATION_ERROR with a message for the person editing. */
gboolean       crm_recurrence_validate             (const CrmRecurrence     *self,
                                                    GDateTime               *start,
                                                    GTimeZone               *tz,
                                                    GError                 **error);

/* The occurrences of a series starting at @start and lasting @duration
 * that overlap [@from, @to): those with start < @to and start + duration
 * > @from, or, when @duration is 0, start in [@from, @to).  A NULL rule or
 * CRM_RECURRENCE_NONE has the single occurrence @start.  Computed in @tz
 * (NULL: the local zone).  Element type GDateTime (in @tz), in order. */
GPtrArray     *crm_recurrence_expand               (const CrmRecurrence     *self,
                                                    GDateTime               *start,
                                                    GTimeSpan                duration,
                                                    GDateTime               *from,
                                                    GDateTime               *to,
                                                    GTimeZone               *tz);
/* The first occurrence starting strictly after @after, or NULL when the
 * series has ended by then. */
GDateTime     *crm_recurrence_next_start           (const CrmRecurrence     *self,
                                                    GDateTime               *start,
                                                    GDateTime               *after,
                                                    GTimeZone               *tz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmRecurrence, crm_recurrence_free)

G_END_DECLS
