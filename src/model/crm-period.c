/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-period"

#include "config.h"

#include "crm-period.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"

#define MIN_YEAR        1900
#define MAX_YEAR        2200
#define ECHO_MAX_CHARS  40
#define RANGE_SEPARATOR ".."

/* Bucket thresholds of crm_period_bucket_unit(), in days. */
#define DAYS_BUCKET_MAX    31   /* a month */
#define WEEKS_BUCKET_MAX   92   /* a quarter */
#define MONTHS_BUCKET_MAX  731  /* two years, one of them leap */

/* What the user typed, quoted in a message: valid UTF-8, not too long. */
static char *
echo_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) > ECHO_MAX_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, ECHO_MAX_CHARS);
      return g_strconcat (head, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

static void
set_format_error (GError     **error,
                  const char  *text)
{
  g_autofree char *echo = echo_text (text);

  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
               _("“%s” is not a period. Use a day (2026-11-23), a week "
                 "(2026-W48), a month (2026-11), a quarter (2026-Q3), a year "
                 "(2026) or a range of days (2026-07-01..2026-09-30 or "
                 "01/07/2026..30/09/2026)."),
               echo);
}

/* Reads exactly @n_digits ASCII digits at *@p into @value. */
static gboolean
read_digits (const char **p,
             guint        n_digits,
             guint       *value)
{
  guint v = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + (guint) ((*p)[i] - '0');
    }
  *p += n_digits;
  *value = v;
  return TRUE;
}

/* Reads one or two digits (a day or month written "1/7/2026"). */
static gboolean
read_short_number (const char **p,
                   guint       *value)
{
  if (!g_ascii_isdigit (**p))
    return FALSE;
  if (g_ascii_isdigit ((*p)[1]))
    return read_digits (p, 2, value);
  return read_digits (p, 1, value);
}

static gboolean
year_in_range (guint year)
{
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

static gboolean
set_dmy (GDate *date,
         guint  day,
         guint  month,
         guint  year)
{
  if (!year_in_range (year) || month < 1 || month > 12 || day < 1
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* One day, "yyyy-MM-dd" or "dd/MM/yyyy" (day and month may have one
 * digit), and nothing after it. */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  const char *p = text;
  guint year, month, day;

  if (strchr (text, '/') != NULL)
    {
      if (!read_short_number (&p, &day) || *p++ != '/'
          || !read_short_number (&p, &month) || *p++ != '/'
          || !read_digits (&p, 4, &year) || *p != '\0')
        return FALSE;
    }
  else
    {
      if (!read_digits (&p, 4, &year) || *p++ != '-'
          || !read_digits (&p, 2, &month) || *p++ != '-'
          || !read_digits (&p, 2, &day) || *p != '\0')
        return FALSE;
    }
  return set_dmy (date, day, month, year);
}

/* The Monday of ISO week 1 of @year: the week holding 4 January. */
static void
iso_week_one_monday (guint  year,
                     GDate *monday)
{
  g_date_clear (monday, 1);
  g_date_set_dmy (monday, 4, G_DATE_JANUARY, (GDateYear) year);
  g_date_subtract_days (monday, g_date_get_weekday (monday) - G_DATE_MONDAY);
}

/* 52 or 53: 28 December is always in the last ISO week of its year. */
static guint
iso_weeks_in_year (guint year)
{
  GDate dec28;

  g_date_clear (&dec28, 1);
  g_date_set_dmy (&dec28, 28, G_DATE_DECEMBER, (GDateYear) year);
  return g_date_get_iso8601_week_of_year (&dec28);
}

/* The ISO week-numbering year of @day: the year of its week's Thursday. */
static guint
iso_week_year (const GDate *day)
{
  GDate thursday = *day;
  int offset = (int) G_DATE_THURSDAY - (int) g_date_get_weekday (day);

  if (offset > 0)
    g_date_add_days (&thursday, (guint) offset);
  else if (offset < 0)
    g_date_subtract_days (&thursday, (guint) -offset);
  return g_date_get_year (&thursday);
}

static guint
quarter_of (const GDate *day)
{
  return (g_date_get_month (day) - 1) / 3 + 1;
}

/* One period without "..": a day, a week, a month, a quarter, a year. */
static gboolean
parse_unit (const char *text,
            CrmPeriod  *period,
            gboolean   *week_out_of_range)
{
  const char *p = text;
  guint year, number;
  GDate date;

  if (parse_day (text, &date))
    {
      crm_period_init (period, CRM_PERIOD_DAY, &date);
      return TRUE;
    }

  if (!read_digits (&p, 4, &year) || !year_in_range (year))
    return FALSE;
  if (*p == '\0')
    {
      set_dmy (&date, 1, 1, year);
      crm_period_init (period, CRM_PERIOD_YEAR, &date);
      return TRUE;
    }
  if (*p++ != '-')
    return FALSE;

  if (*p == 'W' || *p == 'w')
    {
      p++;
      if (!read_digits (&p, 2, &number) || *p != '\0' || number < 1)
        return FALSE;
      if (number > iso_weeks_in_year (year))
        {
          *week_out_of_range = TRUE;
          return FALSE;
        }
      iso_week_one_monday (year, &date);
      g_date_add_days (&date, (number - 1) * 7);
      crm_period_init (period, CRM_PERIOD_WEEK, &date);
      return TRUE;
    }

  if (*p == 'Q' || *p == 'q')
    {
      p++;
      if (!read_digits (&p, 1, &number) || *p != '\0' || number < 1 || number > 4)
        return FALSE;
      set_dmy (&date, 1, (number - 1) * 3 + 1, year);
      crm_period_init (period, CRM_PERIOD_QUARTER, &date);
      return TRUE;
    }

  if (!read_digits (&p, 2, &number) || *p != '\0' || !set_dmy (&date, 1, number, year))
    return FALSE;
  crm_period_init (period, CRM_PERIOD_MONTH, &date);
  return TRUE;
}

gboolean
crm_period_parse (const char  *text,
                  CrmPeriod   *period,
                  GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *separator;
  gboolean week_out_of_range = FALSE;
  CrmPeriod parsed;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  separator = strstr (trimmed, RANGE_SEPARATOR);

  if (separator != NULL)
    {
      g_autofree char *first_text = g_strstrip (g_strndup (trimmed, separator - trimmed));
      g_autofree char *last_text = g_strstrip (g_strdup (separator + strlen (RANGE_SEPARATOR)));
      GDate first, last;

      if (!parse_day (first_text, &first) || !parse_day (last_text, &last))
        {
          set_format_error (error, text);
          return FALSE;
        }
      if (g_date_compare (&last, &first) < 0)
        {
          g_autofree char *echo = echo_text (trimmed);
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("The period “%s” ends before it starts."), echo);
          return FALSE;
        }
      crm_period_init_range (period, &first, &last);
      return TRUE;
    }

  if (!parse_unit (trimmed, &parsed, &week_out_of_range))
    {
      if (week_out_of_range)
        {
          g_autofree char *echo = echo_text (trimmed);
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("“%s” is not a period: that year has only 52 weeks."), echo);
        }
      else
        set_format_error (error, text);
      return FALSE;
    }
  *period = parsed;
  return TRUE;
}

void
crm_period_init (CrmPeriod     *period,
                 CrmPeriodUnit  unit,
                 const GDate   *day)
{
  guint year, month;

  g_return_if_fail (period != NULL);
  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (unit != CRM_PERIOD_CUSTOM);

  year = g_date_get_year (day);
  month = g_date_get_month (day);
  period->unit = unit;
  g_date_clear (&period->first, 1);
  g_date_clear (&period->last, 1);

  switch (unit)
    {
    case CRM_PERIOD_DAY:
      period->first = *day;
      period->last = *day;
      break;

    case CRM_PERIOD_WEEK:
      period->first = *day;
      g_date_subtract_days (&period->first, g_date_get_weekday (day) - G_DATE_MONDAY);
      period->last = period->first;
      g_date_add_days (&period->last, 6);
      break;

    case CRM_PERIOD_MONTH:
      g_date_set_dmy (&period->first, 1, (GDateMonth) month, (GDateYear) year);
      g_date_set_dmy (&period->last,
                      g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year),
                      (GDateMonth) month, (GDateYear) year);
      break;

    case CRM_PERIOD_QUARTER:
      {
        guint first_month = (quarter_of (day) - 1) * 3 + 1;
        guint last_month = first_month + 2;

        g_date_set_dmy (&period->first, 1, (GDateMonth) first_month, (GDateYear) year);
        g_date_set_dmy (&period->last,
                        g_date_get_days_in_month ((GDateMonth) last_month, (GDateYear) year),
                        (GDateMonth) last_month, (GDateYear) year);
      }
      break;

    case CRM_PERIOD_YEAR:
      g_date_set_dmy (&period->first, 1, G_DATE_JANUARY, (GDateYear) year);
      g_date_set_dmy (&period->last, 31, G_DATE_DECEMBER, (GDateYear) year);
      break;

    case CRM_PERIOD_CUSTOM:
    default:
      g_assert_not_reached ();
    }
}

void
crm_period_init_range (CrmPeriod   *period,
                       const GDate *first,
                       const GDate *last)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (first != NULL && g_date_valid (first));
  g_return_if_fail (last != NULL && g_date_valid (last));

  period->unit = CRM_PERIOD_CUSTOM;
  if (g_date_compare (first, last) <= 0)
    {
      period->first = *first;
      period->last = *last;
    }
  else
    {
      period->first = *last;
      period->last = *first;
    }
}

void
crm_period_previous (const CrmPeriod *period,
                     CrmPeriod       *previous)
{
  GDate day;

  g_return_if_fail (period != NULL);
  g_return_if_fail (previous != NULL);

  day = period->first;
  g_date_subtract_days (&day, 1);
  if (period->unit == CRM_PERIOD_CUSTOM)
    {
      GDate first = day;

      g_date_subtract_days (&first, crm_period_n_days (period) - 1);
      crm_period_init_range (previous, &first, &day);
    }
  else
    crm_period_init (previous, period->unit, &day);
}

void
crm_period_next (const CrmPeriod *period,
                 CrmPeriod       *next)
{
  GDate day;

  g_return_if_fail (period != NULL);
  g_return_if_fail (next != NULL);

  day = period->last;
  g_date_add_days (&day, 1);
  if (period->unit == CRM_PERIOD_CUSTOM)
    {
      GDate last = day;

      g_date_add_days (&last, crm_period_n_days (period) - 1);
      crm_period_init_range (next, &day, &last);
    }
  else
    crm_period_init (next, period->unit, &day);
}

guint
crm_period_n_days (const CrmPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);

  return (guint) g_date_days_between (&period->first, &period->last) + 1;
}

static char *
date_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static char *
date_dmy (const GDate *date)
{
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date),
                          g_date_get_month (date), g_date_get_year (date));
}

char *
crm_period_first_iso (const CrmPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);
  return date_iso (&period->first);
}

char *
crm_period_last_iso (const CrmPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);
  return date_iso (&period->last);
}

char *
crm_period_to_string (const CrmPeriod *period)
{
  const GDate *first;

  g_return_val_if_fail (period != NULL, NULL);

  first = &period->first;
  switch (period->unit)
    {
    case CRM_PERIOD_DAY:
      return date_iso (first);
    case CRM_PERIOD_WEEK:
      return g_strdup_printf ("%04u-W%02u", iso_week_year (first),
                              g_date_get_iso8601_week_of_year (first));
    case CRM_PERIOD_MONTH:
      return g_strdup_printf ("%04u-%02u", g_date_get_year (first), g_date_get_month (first));
    case CRM_PERIOD_QUARTER:
      return g_strdup_printf ("%04u-Q%u", g_date_get_year (first), quarter_of (first));
    case CRM_PERIOD_YEAR:
      return g_strdup_printf ("%04u", g_date_get_year (first));
    case CRM_PERIOD_CUSTOM:
    default:
      {
        g_autofree char *from = date_iso (first);
        g_autofree char *to = date_iso (&period->last);
        return g_strconcat (from, RANGE_SEPARATOR, to, NULL);
      }
    }
}

char *
crm_period_format (const CrmPeriod *period)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const GDate *first;

  g_return_val_if_fail (period != NULL, NULL);

  first = &period->first;
  from = date_dmy (first);
  to = date_dmy (&period->last);
  switch (period->unit)
    {
    case CRM_PERIOD_DAY:
      return g_steal_pointer (&from);
    case CRM_PERIOD_WEEK:
      /* TRANSLATORS: an ISO week number, its year, then its first and last day */
      return g_strdup_printf (_("Week %u/%u (%s – %s)"),
                              g_date_get_iso8601_week_of_year (first),
                              iso_week_year (first), from, to);
    case CRM_PERIOD_MONTH:
      /* TRANSLATORS: month number/year, then its first and last day */
      return g_strdup_printf (_("Month %u/%u (%s – %s)"),
                              g_date_get_month (first), g_date_get_year (first), from, to);
    case CRM_PERIOD_QUARTER:
      /* TRANSLATORS: quarter number/year, then its first and last day */
      return g_strdup_printf (_("Quarter %u/%u (%s – %s)"),
                              quarter_of (first), g_date_get_year (first), from, to);
    case CRM_PERIOD_YEAR:
      /* TRANSLATORS: a year, then its first and last day */
      return g_strdup_printf (_("Year %u (%s – %s)"), g_date_get_year (first), from, to);
    case CRM_PERIOD_CUSTOM:
    default:
      return g_strdup_printf ("%s – %s", from, to);
    }
}

char *
crm_period_bucket_label (CrmPeriodUnit  unit,
                         const GDate   *day)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  switch (unit)
    {
    case CRM_PERIOD_WEEK:
      /* TRANSLATORS: short label of ISO week 48 on a chart axis: "W48" */
      return g_strdup_printf (_("W%02u"), g_date_get_iso8601_week_of_year (day));
    case CRM_PERIOD_MONTH:
      return g_strdup_printf ("%02u/%04u", g_date_get_month (day), g_date_get_year (day));
    case CRM_PERIOD_QUARTER:
      /* TRANSLATORS: short label of quarter 3 of 2026 on a chart axis: "Q3/2026" */
      return g_strdup_printf (_("Q%u/%u"), quarter_of (day), g_date_get_year (day));
    case CRM_PERIOD_YEAR:
      return g_strdup_printf ("%04u", g_date_get_year (day));
    case CRM_PERIOD_DAY:
    case CRM_PERIOD_CUSTOM:
    default:
      return g_strdup_printf ("%02u/%02u", g_date_get_day (day), g_date_get_month (day));
    }
}

CrmPeriodUnit
crm_period_bucket_unit (const CrmPeriod *period)
{
  guint n_days;

  g_return_val_if_fail (period != NULL, CRM_PERIOD_DAY);

  n_days = crm_period_n_days (period);
  if (n_days <= DAYS_BUCKET_MAX)
    return CRM_PERIOD_DAY;
  if (n_days <= WEEKS_BUCKET_MAX)
    return CRM_PERIOD_WEEK;
  if (n_days <= MONTHS_BUCKET_MAX)
    return CRM_PERIOD_MONTH;
  return CRM_PERIOD_QUARTER;
}
