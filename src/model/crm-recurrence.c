/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-recurrence"

#include "config.h"

#include "crm-recurrence.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"

/* Far enough for any plan, near enough that date arithmetic never
 * overflows a GDate. */
#define LAST_YEAR 9999

/* A runaway rule (a daily series read from a foreign file, a range of
 * centuries) stops here rather than hanging the calendar. */
#define MAX_STEPS 200000

G_DEFINE_BOXED_TYPE (CrmRecurrence, crm_recurrence, crm_recurrence_copy, crm_recurrence_free)

static const char *const frequency_names[] = {
  NULL, "daily", "weekly", "monthly", "yearly",
};

/* Walks the local days of a series in order. */
typedef struct
{
  CrmRecurrenceFrequency  frequency;
  guint                   interval;
  guint                   count;
  guint                   mask;
  GDate                   first;
  GDate                   monday;
  GDate                   until;
  guint64                 period;
  guint                   weekday;
  guint                   emitted;
  gboolean                finished;
} Walker;

CrmRecurrence *
crm_recurrence_new (CrmRecurrenceFrequency frequency)
{
  CrmRecurrence *self = g_new0 (CrmRecurrence, 1);

  self->frequency = frequency;
  self->interval = 1;
  return self;
}

CrmRecurrence *
crm_recurrence_copy (const CrmRecurrence *self)
{
  CrmRecurrence *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->until = g_strdup (self->until);
  return copy;
}

void
crm_recurrence_free (CrmRecurrence *self)
{
  if (self == NULL)
    return;
  g_free (self->until);
  g_free (self);
}

static gboolean
repeats (const CrmRecurrence *self)
{
  return self != NULL && self->frequency != CRM_RECURRENCE_NONE;
}

/* Two rules are equal when they give the same series; NULL and
 * CRM_RECURRENCE_NONE both mean "does not repeat". */
gboolean
crm_recurrence_equal (const CrmRecurrence *a,
                      const CrmRecurrence *b)
{
  if (!repeats (a) || !repeats (b))
    return repeats (a) == repeats (b);
  return a->frequency == b->frequency && a->interval == b->interval &&
         (a->frequency != CRM_RECURRENCE_WEEKLY || a->weekdays == b->weekdays) &&
         a->count == b->count && g_strcmp0 (a->until, b->until) == 0;
}

const char *
crm_recurrence_frequency_to_string (CrmRecurrenceFrequency frequency)
{
  if ((guint) frequency >= G_N_ELEMENTS (frequency_names))
    return NULL;
  return frequency_names[frequency];
}

gboolean
crm_recurrence_frequency_from_string (const char             *text,
                                      CrmRecurrenceFrequency *frequency)
{
  g_return_val_if_fail (frequency != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      *frequency = CRM_RECURRENCE_NONE;
      return TRUE;
    }
  for (guint i = 1; i < G_N_ELEMENTS (frequency_names); i++)
    if (strcmp (text, frequency_names[i]) == 0)
      {
        *frequency = i;
        return TRUE;
      }
  return FALSE;
}

char *
crm_recurrence_to_rule (const CrmRecurrence *self)
{
  static const char *const days[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  GString *rule;

  if (!repeats (self) || crm_recurrence_frequency_to_string (self->frequency) == NULL)
    return NULL;
  rule = g_string_new ("FREQ=");
  for (const char *c = crm_recurrence_frequency_to_string (self->frequency); *c != '\0'; c++)
    g_string_append_c (rule, g_ascii_toupper (*c));
  g_string_append_printf (rule, ";INTERVAL=%u", self->interval);
  if (self->frequency == CRM_RECURRENCE_WEEKLY && self->weekdays != 0)
    {
      g_string_append (rule, ";BYDAY=");
      for (guint i = 0, n = 0; i < G_N_ELEMENTS (days); i++)
        if ((self->weekdays & (1u << i)) != 0)
          g_string_append_printf (rule, "%s%s", n++ > 0 ? "," : "", days[i]);
    }
  if (self->count > 0)
    g_string_append_printf (rule, ";COUNT=%u", self->count);
  if (self->until != NULL && *self->until != '\0')
    g_string_append_printf (rule, ";UNTIL=%s", self->until);
  return g_string_free (rule, FALSE);
}

gboolean
crm_recurrence_has_end (const CrmRecurrence *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->count > 0 || (self->until != NULL && *self->until != '\0');
}

/* "yyyy-MM-dd", a real day; nothing else. */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int year, month, day, end = 0;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &end) != 3 ||
      end != 10 || text[end] != '\0' || year < 1 || year > LAST_YEAR ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
local_day (GDateTime *time,
           GDate     *date)
{
  int year, month, day;

  g_date_time_get_ymd (time, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

gboolean
crm_recurrence_validate (const CrmRecurrence  *self,
                         GDateTime            *start,
                         GTimeZone            *tz,
                         GError              **error)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) start_local = NULL;
  GDate until, first;

  g_return_val_if_fail (start != NULL, FALSE);

  if (!repeats (self))
    return TRUE;
  if ((guint) self->frequency >= G_N_ELEMENTS (frequency_names))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose how often the event repeats."));
      return FALSE;
    }
  if (self->interval < 1 || self->interval > CRM_RECURRENCE_MAX_INTERVAL)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("An event repeats every 1 to %d days, weeks, months or years."),
                   CRM_RECURRENCE_MAX_INTERVAL);
      return FALSE;
    }
  if ((self->weekdays & ~CRM_WEEKDAYS_ALL) != 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose the days of the week from Monday to Sunday."));
      return FALSE;
    }
  if (self->count > CRM_RECURRENCE_MAX_COUNT)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("An event repeats at most %d times."), CRM_RECURRENCE_MAX_COUNT);
      return FALSE;
    }
  if (self->until == NULL || *self->until == '\0')
    return TRUE;
  if (self->count > 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Give either the date of the last time or how many times the event repeats, not both."));
      return FALSE;
    }
  if (!parse_day (self->until, &until))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           _("The date of the last time is not a valid date."));
      return FALSE;
    }
  local = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  start_local = g_date_time_to_timezone (start, local);
  local_day (start_local, &first);
  if (g_date_compare (&until, &first) < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           _("The repetition ends before the event starts."));
      return FALSE;
    }
  return TRUE;
}

/* Walking the days ---------------------------------------------------------- */

static void
walker_init (Walker              *walker,
             const CrmRecurrence *rule,
             GDateTime           *start_local)
{
  memset (walker, 0, sizeof *walker);
  walker->frequency = repeats (rule) ? rule->frequency : CRM_RECURRENCE_NONE;
  walker->interval = repeats (rule) ? MAX (rule->interval, 1) : 1;
  walker->count = repeats (rule) ? rule->count : 0;
  local_day (start_local, &walker->first);
  walker->monday = walker->first;
  g_date_subtract_days (&walker->monday, g_date_get_weekday (&walker->first) - G_DATE_MONDAY);
  walker->mask = repeats (rule) ? rule->weekdays & CRM_WEEKDAYS_ALL : 0;
  if (walker->mask == 0)
    walker->mask = 1u << (g_date_get_weekday (&walker->first) - G_DATE_MONDAY);
  if (!repeats (rule) || !parse_day (rule->until, &walker->until))
    g_date_clear (&walker->until, 1);
}

/* Julian day of 31 December 9999 (LAST_YEAR). */
#define LAST_JULIAN 3652059

static gboolean
set_julian (GDate   *date,
            guint64  julian)
{
  if (julian < 1 || julian > LAST_JULIAN)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) julian);
  return TRUE;
}

/* Day @day of month @months after January of year 0, clamped to the
 * month's last day. */
static gboolean
set_month_day (GDate   *date,
               guint64  months,
               guint    day)
{
  guint64 year = months / 12;
  GDateMonth month = (GDateMonth) (months % 12 + 1);

  if (year < 1 || year > LAST_YEAR)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, MIN (day, g_date_get_days_in_month (month, (GDateYear) year)),
                  month, (GDateYear) year);
  return TRUE;
}

static guint64
first_month_index (const Walker *walker)
{
  return (guint64) g_date_get_year (&walker->first) * 12 + g_date_get_month (&walker->first) - 1;
}

/* The next day of the series before any limit is applied. */
static gboolean
walker_candidate (Walker *walker,
                  GDate  *day)
{
  guint64 step = walker->period * walker->interval;

  switch (walker->frequency)
    {
    case CRM_RECURRENCE_NONE:
      if (walker->period++ > 0)
        return FALSE;
      *day = walker->first;
      return TRUE;
    case CRM_RECURRENCE_DAILY:
      walker->period++;
      return set_julian (day, g_date_get_julian (&walker->first) + step);
    case CRM_RECURRENCE_WEEKLY:
      for (;;)
        {
          if (walker->weekday >= 7)
            {
              walker->period++;
              walker->weekday = 0;
              step = walker->period * walker->interval;
            }
          if ((walker->mask & (1u << walker->weekday)) != 0)
            break;
          walker->weekday++;
        }
      return set_julian (day, g_date_get_julian (&walker->monday) + step * 7 + walker->weekday++);
    case CRM_RECURRENCE_MONTHLY:
      walker->period++;
      return set_month_day (day, first_month_index (walker) + step, g_date_get_day (&walker->first));
    case CRM_RECURRENCE_YEARLY:
      walker->period++;
      return set_month_day (day, first_month_index (walker) + step * 12, g_date_get_day (&walker->first));
    default:
      return FALSE;
    }
}

/* The next local day an occurrence starts on; FALSE when the series is
 * over (count, until, or the end of the calendar). */
static gboolean
walker_next (Walker *walker,
             GDate  *day)
{
  while (!walker->finished)
    {
      if ((walker->count > 0 && walker->emitted >= walker->count) || !walker_candidate (walker, day))
        break;
      if (g_date_compare (day, &walker->first) < 0)
        continue;
      if (g_date_valid (&walker->until) && g_date_compare (day, &walker->until) > 0)
        break;
      walker->emitted++;
      return TRUE;
    }
  walker->finished = TRUE;
  return FALSE;
}

/* Jumps close to (never past) @target.  Only for series without a count,
 * which must be counted from the first occurrence. */
static void
walker_skip_to (Walker      *walker,
                const GDate *target)
{
  gint64 periods = 0;

  if (walker->count > 0 || walker->frequency == CRM_RECURRENCE_NONE ||
      g_date_compare (target, &walker->first) <= 0)
    return;
  switch (walker->frequency)
    {
    case CRM_RECURRENCE_DAILY:
      periods = (gint64) g_date_days_between (&walker->first, target) / walker->interval;
      break;
    case CRM_RECURRENCE_WEEKLY:
      periods = (gint64) g_date_days_between (&walker->monday, target) / 7 / walker->interval;
      break;
    case CRM_RECURRENCE_MONTHLY:
      periods = ((gint64) g_date_get_year (target) * 12 + g_date_get_month (target) - 1 -
                 (gint64) first_month_index (walker)) / walker->interval;
      break;
    case CRM_RECURRENCE_YEARLY:
      periods = ((gint64) g_date_get_year (target) - g_date_get_year (&walker->first)) / walker->interval;
      break;
    default:
      break;
    }
  periods -= 1;
  if (periods > 0)
    {
      walker->period = (guint64) periods;
      walker->weekday = 0;
    }
}

static GDateTime *
occurrence_at (GDateTime   *start_local,
               GTimeZone   *tz,
               const GDate *day)
{
  return g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                          g_date_time_get_hour (start_local), g_date_time_get_minute (start_local),
                          g_date_time_get_seconds (start_local));
}

/* Calls @visit on every occurrence from the local day of @not_before
 * (roughly: a little earlier is fine, callers compare times) until it
 * returns FALSE. */
static void
walk (const CrmRecurrence *rule,
      GDateTime           *start,
      GDateTime           *not_before,
      GTimeZone           *tz,
      gboolean           (*visit) (GDateTime *occurrence,
                                   gpointer   data),
      gpointer             data)
{
  g_autoptr(GTimeZone) zone = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) start_local = g_date_time_to_timezone (start, zone);
  Walker walker;
  GDate day;

  walker_init (&walker, rule, start_local);
  if (not_before != NULL)
    {
      g_autoptr(GDateTime) earlier = g_date_time_add_days (not_before, -1);
      g_autoptr(GDateTime) target_local = earlier != NULL ? g_date_time_to_timezone (earlier, zone) : NULL;

      if (target_local != NULL)
        {
          local_day (target_local, &day);
          walker_skip_to (&walker, &day);
        }
    }
  for (guint steps = 0; steps < MAX_STEPS && walker_next (&walker, &day); steps++)
    {
      g_autoptr(GDateTime) occurrence = occurrence_at (start_local, zone, &day);

      if (occurrence != NULL && !visit (occurrence, data))
        return;
    }
}

typedef struct
{
  GDateTime  *from;
  GDateTime  *to;
  GDateTime  *lower;
  GPtrArray  *found;
} Window;

static gboolean
collect_overlapping (GDateTime *occurrence,
                     gpointer   data)
{
  Window *window = data;

  if (g_date_time_compare (occurrence, window->to) >= 0)
    return FALSE;
  if (window->lower != NULL ? g_date_time_compare (occurrence, window->lower) > 0
                            : g_date_time_compare (occurrence, window->from) >= 0)
    g_ptr_array_add (window->found, g_date_time_ref (occurrence));
  return TRUE;
}

GPtrArray *
crm_recurrence_expand (const CrmRecurrence *self,
                       GDateTime           *start,
                       GTimeSpan            duration,
                       GDateTime           *from,
                       GDateTime           *to,
                       GTimeZone           *tz)
{
  g_autoptr(GDateTime) lower = NULL;
  Window window = { from, to, NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref) };

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);

  /* start + duration > from  <=>  start > from - duration */
  if (duration > 0)
    window.lower = lower = g_date_time_add (from, -duration);
  walk (self, start, window.lower != NULL ? window.lower : from, tz, collect_overlapping, &window);
  return window.found;
}

typedef struct
{
  GDateTime  *after;
  GDateTime  *next;
} Next;

static gboolean
find_next (GDateTime *occurrence,
           gpointer   data)
{
  Next *next = data;

  if (g_date_time_compare (occurrence, next->after) <= 0)
    return TRUE;
  next->next = g_date_time_ref (occurrence);
  return FALSE;
}

GDateTime *
crm_recurrence_next_start (const CrmRecurrence *self,
                           GDateTime           *start,
                           GDateTime           *after,
                           GTimeZone           *tz)
{
  Next next = { after, NULL };

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  walk (self, start, after, tz, find_next, &next);
  return next.next;
}
