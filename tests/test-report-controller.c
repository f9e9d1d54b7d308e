/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-report-controller.h"
#include "crm-sample.h"
#include "test-fixture.h"

/* The controller over the demo company: whichever reports the registry
 * holds are built for real, on worker threads. */

static void
demo_setup (CrmTestDb     *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (fixture, data);
  crm_sample_fill_demo (fixture->store, fixture->admin, &error);
  g_assert_no_error (error);
}

static void
wait_until_idle (CrmReportController *controller)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (crm_report_controller_get_busy (controller) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (crm_report_controller_get_busy (controller));
}

/* Runs the main loop for @ms milliseconds, so late results get a chance
 * to arrive. */
static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* Whether one of @report's subtitles mentions @period as crm_period_format() says it. */
static gboolean
report_covers (CrmReport       *report,
               const CrmPeriod *period)
{
  g_autofree char *text = crm_period_format (period);

  for (guint i = 0; i < crm_report_get_n_subtitles (report); i++)
    if (strstr (crm_report_get_subtitle (report, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_filters_rebuild (CrmTestDb     *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmReportController) controller = crm_report_controller_new (fixture->store, fixture->admin);
  g_autoptr(GPtrArray) reports = crm_report_controller_list_reports (controller);
  g_autoptr(CrmReport) first = NULL;
  const CrmReportInfo *info;
  CrmPeriod before, after, expected;

  g_assert_cmpuint (reports->len, >, 0);
  info = reports->pdata[0];
  g_assert_cmpstr (crm_report_controller_get_report_name (controller), ==, info->name);
  g_assert_true (crm_report_controller_get_busy (controller));
  wait_until_idle (controller);
  g_assert_null (crm_report_controller_get_error_message (controller));
  first = g_object_ref (crm_report_controller_get_report (controller));
  g_assert_nonnull (first);
  g_assert_cmpstr (crm_report_get_name (first), ==, info->name);
  g_assert_cmpstr (crm_report_controller_get_breakdown (controller), ==, info->breakdowns[0].name);

  /* The previous month: a new report over it. */
  crm_report_controller_get_period (controller, &before);
  g_assert_cmpint (before.unit, ==, CRM_PERIOD_MONTH);
  crm_report_controller_previous_period (controller);
  g_assert_true (crm_report_controller_get_busy (controller));
  wait_until_idle (controller);
  crm_report_controller_get_period (controller, &after);
  crm_period_previous (&before, &expected);
  g_assert_cmpint (g_date_compare (&after.first, &expected.first), ==, 0);
  g_assert_cmpint (g_date_compare (&after.last, &expected.last), ==, 0);
  g_assert_true (crm_report_controller_get_report (controller) != first);
  g_assert_true (report_covers (crm_report_controller_get_report (controller), &after));

  /* Another unit: the quarter holding that month. */
  crm_report_controller_set_unit (controller, CRM_PERIOD_QUARTER);
  wait_until_idle (controller);
  crm_report_controller_get_period (controller, &after);
  g_assert_cmpint (after.unit, ==, CRM_PERIOD_QUARTER);
  g_assert_cmpuint (crm_period_n_days (&after), >=, 90);
  g_assert_true (report_covers (crm_report_controller_get_report (controller), &after));

  /* A custom range of days, then the same number of days before it. */
  {
    GDate from, to;

    g_date_clear (&from, 1);
    g_date_clear (&to, 1);
    g_date_set_dmy (&from, 10, G_DATE_MARCH, 2026);
    g_date_set_dmy (&to, 19, G_DATE_MARCH, 2026);
    crm_report_controller_set_range (controller, &from, &to);
    g_assert_true (crm_report_controller_get_busy (controller));
    wait_until_idle (controller);
    crm_report_controller_get_period (controller, &after);
    g_assert_cmpint (after.unit, ==, CRM_PERIOD_CUSTOM);
    g_assert_cmpuint (crm_period_n_days (&after), ==, 10);
    g_assert_true (report_covers (crm_report_controller_get_report (controller), &after));
    crm_report_controller_previous_period (controller);
    wait_until_idle (controller);
    crm_report_controller_get_period (controller, &after);
    g_assert_cmpuint (crm_period_n_days (&after), ==, 10);
    g_assert_cmpint (g_date_get_day (&after.last), ==, 9);
  }

  /* Each other breakdown of the report. */
  for (guint i = 1; info->breakdowns[i].name != NULL; i++)
    {
      CrmReport *previous = crm_report_controller_get_report (controller);

      crm_report_controller_set_breakdown (controller, info->breakdowns[i].name);
      g_assert_true (crm_report_controller_get_busy (controller));
      wait_until_idle (controller);
      g_assert_null (crm_report_controller_get_error_message (controller));
      g_assert_cmpstr (crm_report_controller_get_breakdown (controller), ==, info->breakdowns[i].name);
      g_assert_true (crm_report_controller_get_report (controller) != previous);
    }

  /* Each other report: built under its own name, breakdown back to its first. */
  for (guint i = 1; i < reports->len; i++)
    {
      const CrmReportInfo *other = reports->pdata[i];

      crm_report_controller_set_report_name (controller, other->name);
      g_assert_cmpstr (crm_report_controller_get_breakdown (controller), ==, other->breakdowns[0].name);
      wait_until_idle (controller);
      g_assert_null (crm_report_controller_get_error_message (controller));
      g_assert_cmpstr (crm_report_get_name (crm_report_controller_get_report (controller)), ==, other->name);
    }

  /* A filter by staff member rebuilds too. */
  {
    CrmReport *previous = crm_report_controller_get_report (controller);

    crm_report_controller_set_staff_id (controller, crm_session_get_user_id (fixture->admin));
    g_assert_true (crm_report_controller_get_busy (controller));
    wait_until_idle (controller);
    g_assert_true (crm_report_controller_get_report (controller) != previous);
  }
}

static void
test_stale_result_dropped (CrmTestDb     *fixture,
                           gconstpointer  data)
{
  g_autoptr(CrmReportController) controller = crm_report_controller_new (fixture->store, fixture->admin);
  CrmPeriod start, final;
  guint reports_shown = 0;

  wait_until_idle (controller);
  crm_report_controller_get_period (controller, &start);
  g_signal_connect (controller, "notify::report", G_CALLBACK (count_cb), &reports_shown);

  /* Three requests in a row: only the last one's report is shown. */
  crm_report_controller_previous_period (controller);
  crm_report_controller_previous_period (controller);
  crm_report_controller_next_period (controller);
  wait_until_idle (controller);
  spin (300);
  g_assert_cmpuint (reports_shown, ==, 1);
  crm_report_controller_get_period (controller, &final);
  crm_period_previous (&start, &start);
  g_assert_cmpint (g_date_compare (&final.first, &start.first), ==, 0);
  g_assert_true (report_covers (crm_report_controller_get_report (controller), &final));
}

static void
test_cancel (CrmTestDb     *fixture,
             gconstpointer  data)
{
  g_autoptr(CrmReportController) controller = crm_report_controller_new (fixture->store, fixture->admin);
  CrmReport *shown;
  guint reports_shown = 0;

  wait_until_idle (controller);
  shown = crm_report_controller_get_report (controller);
  g_assert_nonnull (shown);
  g_signal_connect (controller, "notify::report", G_CALLBACK (count_cb), &reports_shown);

  crm_report_controller_previous_period (controller);
  g_assert_true (crm_report_controller_get_busy (controller));
  crm_report_controller_cancel (controller);
  g_assert_false (crm_report_controller_get_busy (controller));
  spin (1000);
  /* Nothing arrives after the cancel; the last report stays, without error. */
  g_assert_cmpuint (reports_shown, ==, 0);
  g_assert_true (crm_report_controller_get_report (controller) == shown);
  g_assert_null (crm_report_controller_get_error_message (controller));
  g_assert_false (crm_report_controller_get_busy (controller));

  /* And building again works. */
  crm_report_controller_rebuild (controller);
  wait_until_idle (controller);
  g_assert_cmpuint (reports_shown, ==, 1);
  g_assert_null (crm_report_controller_get_error_message (controller));
}

static void
test_staff_see_allowed_reports (CrmTestDb     *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) staff = crm_user_store_session_for (fixture->store, "hung.tran", &error);
  g_autoptr(CrmReportController) controller = NULL;
  g_autoptr(CrmReportController) admin_controller = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) admin_listed = NULL;
  const CrmReportInfo *all;
  guint n_all = 0;

  g_assert_no_error (error);
  g_assert_cmpint (crm_session_get_role (staff), ==, CRM_ROLE_STAFF);
  all = crm_reports_get_all (&n_all);
  controller = crm_report_controller_new (fixture->store, staff);
  admin_controller = crm_report_controller_new (fixture->store, fixture->admin);
  listed = crm_report_controller_list_reports (controller);
  admin_listed = crm_report_controller_list_reports (admin_controller);

  /* Administrators see every report. */
  g_assert_cmpuint (admin_listed->len, ==, n_all);
  for (guint i = 0; i < n_all; i++)
    {
      gboolean allowed = !all[i].managers_only &&
                         (!all[i].needs_cost || crm_session_may (staff, CRM_PERMISSION_SEE_COST));
      gboolean found = FALSE;

      for (guint j = 0; j < listed->len; j++)
        found |= listed->pdata[j] == &all[i];
      g_assert_true (found == allowed);
      if (!allowed)
        {
          /* Asking for it by name is refused. */
          crm_report_controller_set_report_name (controller, all[i].name);
          g_assert_null (crm_report_controller_get_report_name (controller));
          g_assert_nonnull (crm_report_controller_get_error_message (controller));
          g_assert_false (crm_report_controller_get_busy (controller));
          g_assert_null (crm_report_controller_get_report (controller));
        }
    }

  /* What staff may open builds for them. */
  if (listed->len > 0)
    {
      const CrmReportInfo *info = listed->pdata[0];

      crm_report_controller_set_report_name (controller, info->name);
      wait_until_idle (controller);
      g_assert_null (crm_report_controller_get_error_message (controller));
      g_assert_nonnull (crm_report_controller_get_report (controller));
    }

  /* An unknown name is refused too. */
  crm_report_controller_set_report_name (controller, "no-such-report");
  g_assert_null (crm_report_controller_get_report (controller));
  g_assert_nonnull (crm_report_controller_get_error_message (controller));
  wait_until_idle (admin_controller);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report-controller/filters-rebuild", CrmTestDb, NULL,
              demo_setup, test_filters_rebuild, crm_test_db_teardown);
  g_test_add ("/report-controller/stale-result-dropped", CrmTestDb, NULL,
              demo_setup, test_stale_result_dropped, crm_test_db_teardown);
  g_test_add ("/report-controller/cancel", CrmTestDb, NULL,
              demo_setup, test_cancel, crm_test_db_teardown);
  g_test_add ("/report-controller/staff-see-allowed-reports", CrmTestDb, NULL,
              demo_setup, test_staff_see_allowed_reports, crm_test_db_teardown);

  return g_test_run ();
}
