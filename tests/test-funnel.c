/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"
#include "crm-funnel.h"
#include "crm-opportunity-list.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb   db;
  gint64      staff;
  CrmSession *lan;
  gint64      customer;
  gint64      ids[4];
} Funnel;

static gint64
add_opportunity (Funnel     *funnel,
                 CrmSession *session,
                 const char *title,
                 gint64      value,
                 const char *close)
{
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  opportunity->customer_id = funnel->customer;
  opportunity->title = g_strdup (title);
  opportunity->expected_value = value;
  opportunity->expected_close = g_strdup (close);
  id = crm_opportunity_store_create (funnel->db.store, session, opportunity, &error);
  g_assert_no_error (error);
  return id;
}

static void
funnel_setup (Funnel        *funnel,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&funnel->db, data);
  funnel->staff = crm_user_store_create (funnel->db.store, funnel->db.admin, "lan.tran", "Trần Thị Lan",
                                         CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  funnel->lan = crm_user_store_open_session (funnel->db.store, funnel->staff, &error);
  g_assert_no_error (error);
  funnel->customer = crm_test_add_customer (&funnel->db, NULL, "Công ty TNHH Minh Phát", NULL, NULL,
                                            funnel->staff);
  funnel->ids[0] = add_opportunity (funnel, funnel->lan, "Máy in", 1500000, "20/12/2026");
  funnel->ids[1] = add_opportunity (funnel, funnel->lan, "Máy tính", 2500000, "10/12/2026");
  funnel->ids[2] = add_opportunity (funnel, funnel->db.admin, "Mạng văn phòng", 4000000, NULL);
  funnel->ids[3] = add_opportunity (funnel, funnel->lan, "Camera", 8000000, "01/12/2026");
}

static void
funnel_teardown (Funnel        *funnel,
                 gconstpointer  data)
{
  g_clear_object (&funnel->lan);
  crm_test_db_teardown (&funnel->db, data);
}

static gint64
card_id (CrmFunnel           *funnel,
         CrmOpportunityStage  stage,
         guint                position)
{
  g_autoptr(CrmOpportunityRow) row = g_list_model_get_item (crm_funnel_get_stage_model (funnel, stage), position);

  g_assert_nonnull (row);
  return crm_opportunity_row_get_id (row);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_columns_and_totals (Funnel        *funnel,
                         gconstpointer  data)
{
  g_autoptr(CrmFunnel) controller = crm_funnel_new (funnel->db.store, funnel->db.admin);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOpportunityRow) row = NULL;
  gint64 count = -1, value = -1;

  g_assert_true (crm_funnel_get_may_choose_owner (controller));
  g_assert_cmpint (crm_funnel_get_owner_id (controller), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (crm_funnel_get_stage_model (controller, CRM_OPPORTUNITY_STAGE_NEW)), ==, 0);
  g_assert_true (crm_funnel_reload (controller, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (crm_funnel_get_stage_model (controller, CRM_OPPORTUNITY_STAGE_NEW)), ==, 4);
  g_assert_cmpint (crm_funnel_get_stage_count (controller, CRM_OPPORTUNITY_STAGE_NEW), ==, 4);
  g_assert_cmpint (crm_funnel_get_stage_value (controller, CRM_OPPORTUNITY_STAGE_NEW), ==, 16000000);
  g_object_get (controller, "new-count", &count, "new-value", &value, NULL);
  g_assert_cmpint (count, ==, 4);
  g_assert_cmpint (value, ==, 16000000);

  /* Cards by expected close, none last. */
  g_assert_cmpint (card_id (controller, CRM_OPPORTUNITY_STAGE_NEW, 0), ==, funnel->ids[3]);
  g_assert_cmpint (card_id (controller, CRM_OPPORTUNITY_STAGE_NEW, 1), ==, funnel->ids[1]);
  g_assert_cmpint (card_id (controller, CRM_OPPORTUNITY_STAGE_NEW, 3), ==, funnel->ids[2]);
  row = g_list_model_get_item (crm_funnel_get_stage_model (controller, CRM_OPPORTUNITY_STAGE_NEW), 0);
  g_assert_cmpstr (crm_opportunity_row_get_title (row), ==, "Camera");
  g_assert_cmpstr (crm_opportunity_row_get_customer_name (row), ==, "Công ty TNHH Minh Phát");
  g_assert_cmpstr (crm_opportunity_row_get_value_text (row), ==, "8.000.000 ₫");
  g_assert_cmpstr (crm_opportunity_row_get_close_text (row), ==, "01/12/2026");
  g_assert_cmpstr (crm_opportunity_row_get_owner_name (row), ==, "Trần Thị Lan");
  g_assert_cmpstr (crm_opportunity_row_get_probability_text (row), ==, "10 %");

  for (guint stage = CRM_OPPORTUNITY_STAGE_QUALIFIED; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    {
      g_assert_cmpint (crm_funnel_get_stage_count (controller, stage), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (crm_funnel_get_stage_model (controller, stage)), ==, 0);
    }
}

static void
test_move (Funnel        *funnel,
           gconstpointer  data)
{
  g_autoptr(CrmFunnel) controller = crm_funnel_new (funnel->db.store, funnel->db.admin);
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_true (crm_funnel_reload (controller, &error));
  g_signal_connect (controller, "notify::won-value", G_CALLBACK (count_notify), &notified);
  g_assert_true (crm_funnel_move (controller, funnel->ids[1], CRM_OPPORTUNITY_STAGE_WON, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (crm_funnel_get_stage_count (controller, CRM_OPPORTUNITY_STAGE_NEW), ==, 3);
  g_assert_cmpint (crm_funnel_get_stage_value (controller, CRM_OPPORTUNITY_STAGE_NEW), ==, 13500000);
  g_assert_cmpint (crm_funnel_get_stage_value (controller, CRM_OPPORTUNITY_STAGE_WON), ==, 2500000);
  g_assert_cmpuint (g_list_model_get_n_items (crm_funnel_get_stage_model (controller, CRM_OPPORTUNITY_STAGE_WON)), ==, 1);
  g_assert_cmpint (card_id (controller, CRM_OPPORTUNITY_STAGE_WON, 0), ==, funnel->ids[1]);

  /* Lost without a reason is refused and nothing moves. */
  g_assert_false (crm_funnel_move (controller, funnel->ids[0], CRM_OPPORTUNITY_STAGE_LOST, NULL, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (crm_funnel_get_stage_count (controller, CRM_OPPORTUNITY_STAGE_LOST), ==, 0);
  g_assert_true (crm_funnel_move (controller, funnel->ids[0], CRM_OPPORTUNITY_STAGE_LOST, "Hết ngân sách", &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_funnel_get_stage_count (controller, CRM_OPPORTUNITY_STAGE_LOST), ==, 1);
  g_assert_cmpint (crm_funnel_get_stage_value (controller, CRM_OPPORTUNITY_STAGE_LOST), ==, 1500000);
}

static void
test_owner_filter (Funnel        *funnel,
                   gconstpointer  data)
{
  g_autoptr(CrmFunnel) admin = crm_funnel_new (funnel->db.store, funnel->db.admin);
  g_autoptr(CrmFunnel) staff = crm_funnel_new (funnel->db.store, funnel->lan);
  g_autoptr(GError) error = NULL;

  /* A manager or administrator picks one staff member's funnel. */
  g_assert_true (crm_funnel_reload (admin, &error));
  g_assert_true (crm_funnel_set_owner_id (admin, funnel->staff, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_funnel_get_stage_count (admin, CRM_OPPORTUNITY_STAGE_NEW), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (crm_funnel_get_stage_model (admin, CRM_OPPORTUNITY_STAGE_NEW)), ==, 3);
  g_assert_true (crm_funnel_set_owner_id (admin, 0, &error));
  g_assert_cmpint (crm_funnel_get_stage_count (admin, CRM_OPPORTUNITY_STAGE_NEW), ==, 4);

  /* Staff see their own, and only that. */
  g_assert_false (crm_funnel_get_may_choose_owner (staff));
  g_assert_cmpint (crm_funnel_get_owner_id (staff), ==, funnel->staff);
  g_assert_true (crm_funnel_reload (staff, &error));
  g_assert_cmpint (crm_funnel_get_stage_count (staff, CRM_OPPORTUNITY_STAGE_NEW), ==, 3);
  g_assert_cmpint (crm_funnel_get_stage_value (staff, CRM_OPPORTUNITY_STAGE_NEW), ==, 12000000);
  g_assert_false (crm_funnel_set_owner_id (staff, 0, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (crm_funnel_get_owner_id (staff), ==, funnel->staff);
}

static void
test_list_is_lazy (Funnel        *funnel,
                   gconstpointer  data)
{
  g_autoptr(CrmOpportunityList) list = crm_opportunity_list_new (funnel->db.store, funnel->db.admin);
  g_autoptr(CrmOpportunityFilter) filter = crm_opportunity_filter_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *title = g_strdup_printf ("Cơ hội %u", i);
      add_opportunity (funnel, funnel->db.admin, title, i, NULL);
    }
  g_assert_true (crm_opportunity_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 254);
  g_assert_cmpuint (crm_opportunity_list_get_pages_fetched (list), ==, 0);
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), 253));
  g_assert_cmpuint (crm_opportunity_list_get_pages_fetched (list), ==, 1);

  filter->search = g_strdup ("co hoi 12");
  g_assert_true (crm_opportunity_list_set_filter (list, filter, &error));
  /* "Cơ hội 12" and "Cơ hội 120" … "Cơ hội 129" */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 11);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Funnel, NULL, funnel_setup, func, funnel_teardown)
  ADD ("/funnel/columns-and-totals", test_columns_and_totals);
  ADD ("/funnel/move", test_move);
  ADD ("/funnel/owner-filter", test_owner_filter);
  ADD ("/funnel/list-is-lazy", test_list_is_lazy);
#undef ADD

  return g_test_run ();
}
