/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"
#include "crm-interaction-list.h"
#include "crm-interaction-store.h"
#include "test-fixture.h"

/* The history of all customers at once (the "interactions" export): the
 * period is in local days, the reading rule is the customer's. */

typedef struct
{
  CrmTestDb   db;
  gint64      staff[2];
  CrmSession *lan;
  CrmSession *hung;
} Office;

static CrmSession *
session_of (Office *office,
            gint64  user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (office->db.store, user_id, &error);

  g_assert_no_error (error);
  return session;
}

static void
add_entry (Office     *office,
           CrmSession *session,
           gint64      customer_id,
           const char *occurred_at,
           const char *summary)
{
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
  g_autoptr(GError) error = NULL;

  crm_interaction_set_customer_id (interaction, customer_id);
  crm_interaction_set_kind (interaction, CRM_INTERACTION_KIND_CALL);
  crm_interaction_set_occurred_at (interaction, occurred_at);
  crm_interaction_set_summary (interaction, summary);
  g_assert_cmpint (crm_interaction_store_add (office->db.store, session, interaction, &error), >, 0);
  g_assert_no_error (error);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 minh_phat, an_khang;

  crm_test_db_setup (&office->db, data);
  office->staff[0] = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->staff[1] = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->lan = session_of (office, office->staff[0]);
  office->hung = session_of (office, office->staff[1]);
  minh_phat = crm_test_add_customer (&office->db, NULL, "Công ty TNHH Minh Phát", "ha-noi", NULL,
                                     office->staff[0]);
  an_khang = crm_test_add_customer (&office->db, NULL, "Nhà thuốc An Khang", "da-nang", NULL,
                                    office->staff[1]);

  /* Local time is UTC+7: 17:00Z is midnight of the next local day. */
  add_entry (office, office->lan, minh_phat, "2025-10-31T16:59:59Z", "last of October");
  add_entry (office, office->lan, minh_phat, "2025-10-31T17:00:00Z", "first of November");
  add_entry (office, office->lan, minh_phat, "2025-11-30T16:59:00Z", "last of November");
  add_entry (office, office->hung, an_khang, "2025-11-15T03:00:00Z", "mid November");
  add_entry (office, office->hung, an_khang, "2025-11-30T17:00:00Z", "first of December");
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  crm_test_db_teardown (&office->db, data);
}

/* The summaries @session gets for @period_text (NULL: all), joined by "|". */
static char *
summaries (Office     *office,
           CrmSession *session,
           const char *period_text,
           guint       offset,
           guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  CrmPeriod period;
  gint64 count;

  if (period_text != NULL)
    g_assert_true (crm_period_parse (period_text, &period, NULL));
  count = crm_interaction_list_count (office->db.store, session, period_text ? &period : NULL, &error);
  g_assert_no_error (error);
  rows = crm_interaction_list_fetch (office->db.store, session, period_text ? &period : NULL,
                                     offset, limit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  if (offset == 0 && limit >= count)
    g_assert_cmpint (rows->len, ==, count);
  for (guint i = 0; i < rows->len; i++)
    {
      CrmInteraction *interaction = g_ptr_array_index (rows, i);

      g_assert_nonnull (crm_interaction_get_customer_name (interaction));
      g_assert_nonnull (crm_interaction_get_user_name (interaction));
      g_ptr_array_add (texts, (gpointer) crm_interaction_get_summary (interaction));
    }
  g_ptr_array_add (texts, NULL);
  return g_strjoinv ("|", (char **) texts->pdata);
}

static void
test_period_in_local_days (Office        *office,
                           gconstpointer  data)
{
  g_autofree char *all = summaries (office, office->db.admin, NULL, 0, 100);
  g_autofree char *november = summaries (office, office->db.admin, "2025-11", 0, 100);
  g_autofree char *october = summaries (office, office->db.admin, "2025-10", 0, 100);
  g_autofree char *first_day = summaries (office, office->db.admin, "01/11/2025..01/11/2025", 0, 100);
  g_autofree char *page = summaries (office, office->db.admin, "2025-11", 1, 1);

  g_assert_cmpstr (all, ==, "first of December|last of November|mid November|first of November|last of October");
  g_assert_cmpstr (november, ==, "last of November|mid November|first of November");
  g_assert_cmpstr (october, ==, "last of October");
  g_assert_cmpstr (first_day, ==, "first of November");
  g_assert_cmpstr (page, ==, "mid November");
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lan_shared = NULL;
  g_autofree char *lan_own = NULL;
  g_autofree char *hung_own = NULL;

  lan_shared = summaries (office, office->lan, "2025-11", 0, 100);
  g_assert_cmpstr (lan_shared, ==, "last of November|mid November|first of November");

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  office->lan = session_of (office, office->staff[0]);
  office->hung = session_of (office, office->staff[1]);

  lan_own = summaries (office, office->lan, "2025-11", 0, 100);
  hung_own = summaries (office, office->hung, NULL, 0, 100);
  g_assert_cmpstr (lan_own, ==, "last of November|first of November");
  g_assert_cmpstr (hung_own, ==, "first of December|mid November");
}

int
main (int   argc,
      char *argv[])
{
  /* Vietnam, without needing tzdata: local time is UTC+7. */
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/interaction-list/period-in-local-days", Office, NULL,
              office_setup, test_period_in_local_days, office_teardown);
  g_test_add ("/store/interaction-list/visibility", Office, NULL,
              office_setup, test_visibility, office_teardown);

  return g_test_run ();
}
