/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "crm-error.h"
#include "crm-period.h"

static void
set_day (GDate *date,
         guint  day,
         guint  month,
         guint  year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
assert_period (const CrmPeriod *period,
               CrmPeriodUnit    unit,
               const char      *first,
               const char      *last)
{
  g_autofree char *first_iso = crm_period_first_iso (period);
  g_autofree char *last_iso = crm_period_last_iso (period);

  g_assert_cmpint (period->unit, ==, unit);
  g_assert_cmpstr (first_iso, ==, first);
  g_assert_cmpstr (last_iso, ==, last);
}

/* Parses @text, checks the range, and that crm_period_to_string() gives
 * @canonical, which parses back to the same period. */
static void
assert_parses (const char    *text,
               CrmPeriodUnit  unit,
               const char    *first,
               const char    *last,
               const char    *canonical)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *string = NULL;
  CrmPeriod period, again;

  if (!crm_period_parse (text, &period, &error))
    g_error ("“%s” refused: %s", text, error->message);
  assert_period (&period, unit, first, last);

  string = crm_period_to_string (&period);
  g_assert_cmpstr (string, ==, canonical);
  g_assert_true (crm_period_parse (string, &again, NULL));
  assert_period (&again, unit, first, last);
}

static void
assert_refuses (const char *text,
                const char *in_message)
{
  g_autoptr(GError) error = NULL;
  CrmPeriod period;

  if (crm_period_parse (text, &period, &error))
    g_error ("“%s” accepted", text);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s”: message “%s” does not say “%s”", text, error->message, in_message);
}

static void
test_parse_units (void)
{
  assert_parses ("2026-11-23", CRM_PERIOD_DAY, "2026-11-23", "2026-11-23", "2026-11-23");
  assert_parses ("23/11/2026", CRM_PERIOD_DAY, "2026-11-23", "2026-11-23", "2026-11-23");
  assert_parses ("2026-W48", CRM_PERIOD_WEEK, "2026-11-23", "2026-11-29", "2026-W48");
  assert_parses ("2026-w01", CRM_PERIOD_WEEK, "2025-12-29", "2026-01-04", "2026-W01");
  assert_parses ("2026-11", CRM_PERIOD_MONTH, "2026-11-01", "2026-11-30", "2026-11");
  assert_parses ("2024-02", CRM_PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024-02");
  assert_parses ("2026-02", CRM_PERIOD_MONTH, "2026-02-01", "2026-02-28", "2026-02");
  assert_parses ("2026-Q1", CRM_PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1");
  assert_parses ("2026-Q3", CRM_PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3");
  assert_parses ("2026-q4", CRM_PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4");
  assert_parses ("2026", CRM_PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026");
  assert_parses ("  2026-Q2 \n", CRM_PERIOD_QUARTER, "2026-04-01", "2026-06-30", "2026-Q2");
}

static void
test_parse_ranges (void)
{
  assert_parses ("2026-07-01..2026-09-30", CRM_PERIOD_CUSTOM, "2026-07-01", "2026-09-30",
                 "2026-07-01..2026-09-30");
  assert_parses ("01/07/2026..15/08/2026", CRM_PERIOD_CUSTOM, "2026-07-01", "2026-08-15",
                 "2026-07-01..2026-08-15");
  assert_parses ("1/7/2026..2026-08-15", CRM_PERIOD_CUSTOM, "2026-07-01", "2026-08-15",
                 "2026-07-01..2026-08-15");
  assert_parses ("2026-07-01 .. 31/12/2026", CRM_PERIOD_CUSTOM, "2026-07-01", "2026-12-31",
                 "2026-07-01..2026-12-31");
  /* A range of one day stays a range. */
  assert_parses ("2026-07-01..2026-07-01", CRM_PERIOD_CUSTOM, "2026-07-01", "2026-07-01",
                 "2026-07-01..2026-07-01");
}

static void
test_parse_refuses (void)
{
  static const char *const bad[] = {
    "", "   ", "quý 3", "2026-Q5", "2026-Q0", "2026-Q", "2026-13", "2026-00",
    "2026-1", "26-11", "2026-11-31", "2026-02-29", "30/02/2026", "2026/11",
    "2026-W00", "2026-W4", "2026-W48x", "20261", "1899", "2026-11-23..",
    "..2026-11-23", "2026-11-23..2026-Q4", "2026-11-23...2026-11-30",
    "32/01/2026..02/02/2026", "2026-11-23-", "x2026",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refuses (bad[i], "is not a period");

  /* Says what is accepted. */
  assert_refuses ("2026-Q5", "2026-Q3");
  assert_refuses ("2026-Q5", "01/07/2026..30/09/2026");
  assert_refuses ("2026-09-30..2026-07-01", "ends before it starts");
  assert_refuses ("2027-W53", "52 weeks");
  /* Not valid UTF-8: still a valid message. */
  assert_refuses ("2026-\xff", "is not a period");
}

static void
test_iso_weeks (void)
{
  /* 2026 starts on a Thursday: 53 weeks, week 53 ends on 3 January 2027. */
  assert_parses ("2026-W53", CRM_PERIOD_WEEK, "2026-12-28", "2027-01-03", "2026-W53");
  /* 2020 (leap, starts Wednesday) has 53 weeks too; 2021 has 52. */
  assert_parses ("2020-W53", CRM_PERIOD_WEEK, "2020-12-28", "2021-01-03", "2020-W53");
  assert_refuses ("2021-W53", "52 weeks");
  assert_parses ("2021-W52", CRM_PERIOD_WEEK, "2021-12-27", "2022-01-02", "2021-W52");
  /* Week 1 of 2025 starts in 2024; 1 January 2021 belongs to 2020-W53. */
  assert_parses ("2025-W01", CRM_PERIOD_WEEK, "2024-12-30", "2025-01-05", "2025-W01");
  {
    CrmPeriod period;
    GDate day;
    g_autofree char *string = NULL;
    g_autofree char *label = NULL;

    set_day (&day, 1, 1, 2021);
    crm_period_init (&period, CRM_PERIOD_WEEK, &day);
    assert_period (&period, CRM_PERIOD_WEEK, "2020-12-28", "2021-01-03");
    string = crm_period_to_string (&period);
    g_assert_cmpstr (string, ==, "2020-W53");
    label = crm_period_bucket_label (CRM_PERIOD_WEEK, &day);
    g_assert_cmpstr (label, ==, "W53");
  }
  {
    CrmPeriod period;
    GDate day;
    g_autofree char *string = NULL;

    /* 30 December 2024 is in week 1 of 2025. */
    set_day (&day, 30, 12, 2024);
    crm_period_init (&period, CRM_PERIOD_WEEK, &day);
    string = crm_period_to_string (&period);
    g_assert_cmpstr (string, ==, "2025-W01");
  }
}

static void
assert_previous_next (const char *text,
                      const char *previous_string,
                      const char *next_string)
{
  CrmPeriod period, previous, next, back;
  g_autofree char *p = NULL;
  g_autofree char *n = NULL;
  g_autofree char *b = NULL;
  g_autofree char *original = NULL;

  g_assert_true (crm_period_parse (text, &period, NULL));
  crm_period_previous (&period, &previous);
  crm_period_next (&period, &next);
  p = crm_period_to_string (&previous);
  n = crm_period_to_string (&next);
  g_assert_cmpstr (p, ==, previous_string);
  g_assert_cmpstr (n, ==, next_string);
  g_assert_cmpint (previous.unit, ==, period.unit);
  g_assert_cmpint (next.unit, ==, period.unit);

  /* Adjacent: the previous ends the day before, the next starts the day after. */
  g_assert_cmpint (g_date_days_between (&previous.last, &period.first), ==, 1);
  g_assert_cmpint (g_date_days_between (&period.last, &next.first), ==, 1);

  /* next (previous (p)) == p */
  crm_period_next (&previous, &back);
  b = crm_period_to_string (&back);
  original = crm_period_to_string (&period);
  g_assert_cmpstr (b, ==, original);
}

static void
test_previous_next (void)
{
  assert_previous_next ("2026-11-23", "2026-11-22", "2026-11-24");
  assert_previous_next ("2026-01-01", "2025-12-31", "2026-01-02");
  assert_previous_next ("2024-02-28", "2024-02-27", "2024-02-29");
  assert_previous_next ("2026-W48", "2026-W47", "2026-W49");
  assert_previous_next ("2026-W01", "2025-W52", "2026-W02");
  assert_previous_next ("2026-W53", "2026-W52", "2027-W01");
  assert_previous_next ("2026-11", "2026-10", "2026-12");
  assert_previous_next ("2026-01", "2025-12", "2026-02");
  assert_previous_next ("2026-12", "2026-11", "2027-01");
  assert_previous_next ("2026-Q3", "2026-Q2", "2026-Q4");
  assert_previous_next ("2026-Q1", "2025-Q4", "2026-Q2");
  assert_previous_next ("2026-Q4", "2026-Q3", "2027-Q1");
  assert_previous_next ("2026", "2025", "2027");
  /* A custom range moves by its own length: 10 days. */
  assert_previous_next ("2026-07-01..2026-07-10",
                        "2026-06-21..2026-06-30", "2026-07-11..2026-07-20");
  /* Across the end of a year, 3 days. */
  assert_previous_next ("30/12/2026..01/01/2027",
                        "2026-12-27..2026-12-29", "2027-01-02..2027-01-04");
  /* Across February of a leap year, 31 days. */
  assert_previous_next ("2024-02-15..2024-03-16",
                        "2024-01-15..2024-02-14", "2024-03-17..2024-04-16");
}

static void
test_init_and_days (void)
{
  CrmPeriod period;
  GDate a, b;

  set_day (&a, 15, 8, 2026);
  crm_period_init (&period, CRM_PERIOD_QUARTER, &a);
  assert_period (&period, CRM_PERIOD_QUARTER, "2026-07-01", "2026-09-30");
  g_assert_cmpuint (crm_period_n_days (&period), ==, 92);

  crm_period_init (&period, CRM_PERIOD_MONTH, &a);
  g_assert_cmpuint (crm_period_n_days (&period), ==, 31);
  crm_period_init (&period, CRM_PERIOD_DAY, &a);
  g_assert_cmpuint (crm_period_n_days (&period), ==, 1);
  crm_period_init (&period, CRM_PERIOD_WEEK, &a);   /* a Saturday */
  assert_period (&period, CRM_PERIOD_WEEK, "2026-08-10", "2026-08-16");
  g_assert_cmpuint (crm_period_n_days (&period), ==, 7);
  crm_period_init (&period, CRM_PERIOD_YEAR, &a);
  g_assert_cmpuint (crm_period_n_days (&period), ==, 365);
  set_day (&b, 1, 3, 2024);
  crm_period_init (&period, CRM_PERIOD_YEAR, &b);
  g_assert_cmpuint (crm_period_n_days (&period), ==, 366);

  /* A reversed range is swapped. */
  crm_period_init_range (&period, &a, &b);
  assert_period (&period, CRM_PERIOD_CUSTOM, "2024-03-01", "2026-08-15");
}

static void
test_format (void)
{
  static const struct
  {
    const char *text;
    const char *formatted;
  } cases[] = {
    { "2026-Q3", "Quarter 3/2026 (01/07/2026 – 30/09/2026)" },
    { "2026-11", "Month 11/2026 (01/11/2026 – 30/11/2026)" },
    { "2026-W48", "Week 48/2026 (23/11/2026 – 29/11/2026)" },
    { "2026-W53", "Week 53/2026 (28/12/2026 – 03/01/2027)" },
    { "2025-W01", "Week 1/2025 (30/12/2024 – 05/01/2025)" },
    { "2026", "Year 2026 (01/01/2026 – 31/12/2026)" },
    { "2026-11-23", "23/11/2026" },
    { "2026-07-01..2026-08-15", "01/07/2026 – 15/08/2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CrmPeriod period;
      g_autofree char *formatted = NULL;

      g_assert_true (crm_period_parse (cases[i].text, &period, NULL));
      formatted = crm_period_format (&period);
      g_assert_cmpstr (formatted, ==, cases[i].formatted);
    }
}

static void
test_bucket_labels (void)
{
  static const struct
  {
    CrmPeriodUnit unit;
    const char   *label;
  } cases[] = {
    { CRM_PERIOD_DAY, "23/11" },
    { CRM_PERIOD_WEEK, "W48" },
    { CRM_PERIOD_MONTH, "11/2026" },
    { CRM_PERIOD_QUARTER, "Q4/2026" },
    { CRM_PERIOD_YEAR, "2026" },
  };
  GDate day;

  set_day (&day, 23, 11, 2026);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = crm_period_bucket_label (cases[i].unit, &day);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
  {
    g_autofree char *label = NULL;

    set_day (&day, 5, 1, 2026);
    label = crm_period_bucket_label (CRM_PERIOD_WEEK, &day);
    g_assert_cmpstr (label, ==, "W02");
    g_clear_pointer (&label, g_free);
    label = crm_period_bucket_label (CRM_PERIOD_MONTH, &day);
    g_assert_cmpstr (label, ==, "01/2026");
    g_clear_pointer (&label, g_free);
    label = crm_period_bucket_label (CRM_PERIOD_QUARTER, &day);
    g_assert_cmpstr (label, ==, "Q1/2026");
  }
}

static void
test_bucket_unit (void)
{
  static const struct
  {
    const char   *text;
    CrmPeriodUnit bucket;
  } cases[] = {
    { "2026-11-23", CRM_PERIOD_DAY },
    { "2026-W48", CRM_PERIOD_DAY },
    { "2026-11", CRM_PERIOD_DAY },
    { "2026-01", CRM_PERIOD_DAY },
    { "2026-01-01..2026-02-01", CRM_PERIOD_WEEK },   /* 32 days */
    { "2026-Q3", CRM_PERIOD_WEEK },                  /* 92 days */
    { "2026-07-01..2026-10-01", CRM_PERIOD_MONTH },  /* 93 days */
    { "2026", CRM_PERIOD_MONTH },
    { "2024-01-01..2025-12-31", CRM_PERIOD_MONTH },  /* 731 days */
    { "2024-01-01..2026-01-01", CRM_PERIOD_QUARTER },
    { "2020-01-01..2026-12-31", CRM_PERIOD_QUARTER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CrmPeriod period;

      g_assert_true (crm_period_parse (cases[i].text, &period, NULL));
      if (crm_period_bucket_unit (&period) != cases[i].bucket)
        g_error ("%s: bucket unit %d, expected %d", cases[i].text,
                 crm_period_bucket_unit (&period), cases[i].bucket);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/period/parse-units", test_parse_units);
  g_test_add_func ("/model/period/parse-ranges", test_parse_ranges);
  g_test_add_func ("/model/period/parse-refuses", test_parse_refuses);
  g_test_add_func ("/model/period/iso-weeks", test_iso_weeks);
  g_test_add_func ("/model/period/previous-next", test_previous_next);
  g_test_add_func ("/model/period/init-and-days", test_init_and_days);
  g_test_add_func ("/model/period/format", test_format);
  g_test_add_func ("/model/period/bucket-labels", test_bucket_labels);
  g_test_add_func ("/model/period/bucket-unit", test_bucket_unit);

  return g_test_run ();
}
