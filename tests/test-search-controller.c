/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-sample.h"
#include "crm-search.h"
#include "crm-search-result.h"
#include "crm-search-store.h"
#include "test-fixture.h"

static void
wait_until_idle (CrmSearch *search)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (crm_search_get_busy (search) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (crm_search_get_busy (search));
}

static gboolean
results_contain (CrmSearch  *search,
                 const char *title)
{
  GListModel *results = crm_search_get_results (search);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CrmSearchResult) result = g_list_model_get_item (results, i);
      if (g_strcmp0 (crm_search_result_get_title (result), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_results_arrive_off_thread (CrmTestDb     *fixture,
                                gconstpointer  data)
{
  g_autoptr(CrmSearch) search = crm_search_new (fixture->store, fixture->admin);

  crm_test_add_customer (fixture, NULL, "Nguyễn Văn Đức", "ha-noi", "0912345678", 0);
  crm_test_add_customer (fixture, NULL, "Trần Thị Mai", "hue", NULL, 0);

  crm_search_set_query (search, "nguyen van duc");
  g_assert_true (crm_search_get_busy (search));
  wait_until_idle (search);
  g_assert_cmpuint (g_list_model_get_n_items (crm_search_get_results (search)), ==, 1);
  g_assert_true (results_contain (search, "Nguyễn Văn Đức"));
  g_assert_null (crm_search_get_message (search));

  crm_search_set_query (search, "khong ai co ten nay");
  wait_until_idle (search);
  g_assert_cmpuint (g_list_model_get_n_items (crm_search_get_results (search)), ==, 0);
  g_assert_nonnull (crm_search_get_message (search));

  crm_search_set_query (search, "  ");
  g_assert_false (crm_search_get_busy (search));
  g_assert_cmpuint (g_list_model_get_n_items (crm_search_get_results (search)), ==, 0);
}

/* Typing fast: only the last query's results are shown. */
static void
test_only_the_last_keystroke_counts (CrmTestDb     *fixture,
                                     gconstpointer  data)
{
  static const char *const keystrokes[] = { "t", "tr", "tra", "tran", "tran t", "tran th", "tran thi m" };
  g_autoptr(CrmSearch) search = crm_search_new (fixture->store, fixture->admin);
  guint changes = 0;

  crm_test_add_customer (fixture, NULL, "Trần Thị Mai", "hue", NULL, 0);
  crm_test_add_customer (fixture, NULL, "Trần Văn Tùng", "hue", NULL, 0);
  crm_test_add_customer (fixture, NULL, "Tô Thị Thu", "hue", NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    crm_search_set_query (search, keystrokes[i]);
  g_signal_connect_swapped (crm_search_get_results (search), "items-changed",
                            G_CALLBACK (g_atomic_int_inc), &changes);
  wait_until_idle (search);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (crm_search_get_results (search)), ==, 1);
  g_assert_true (results_contain (search, "Trần Thị Mai"));
}

static void
test_cancelled_reader_stops (CrmTestDb     *fixture,
                             gconstpointer  data)
{
  CrmSampleSpec spec = { .customers = 400, .interactions_per_customer = 0,
                         .quotes_per_100_customers = 0, .seed = 11 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CrmStore) reader = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  crm_sample_fill (fixture->store, fixture->admin, &spec, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  reader = crm_store_open_reader (fixture->store, &error);
  g_assert_no_error (error);

  hits = crm_search_store_find (reader, fixture->admin, "n", 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_cancellable_cancel (cancellable);
  crm_store_set_cancellable (reader, cancellable);
  hits = crm_search_store_find (reader, fixture->admin, "n", 1000, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (hits);
}

static void
test_staff_search_is_filtered (CrmTestDb     *fixture,
                               gconstpointer  data)
{
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(CrmSearch) search = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id;

  staff_id = crm_user_store_create (fixture->store, fixture->admin, "thu.do", "Đỗ Thị Thu",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  crm_test_add_customer (fixture, NULL, "Phạm Minh Khôi", "hue", NULL, staff_id);
  crm_test_add_customer (fixture, NULL, "Phạm Minh Khang", "hue", NULL, 0);
  crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error);
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  search = crm_search_new (fixture->store, staff);
  crm_search_set_query (search, "pham minh");
  wait_until_idle (search);
  g_assert_true (results_contain (search, "Phạm Minh Khôi"));
  g_assert_false (results_contain (search, "Phạm Minh Khang"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/controller/search/results-arrive-off-thread", CrmTestDb, NULL,
              crm_test_db_setup, test_results_arrive_off_thread, crm_test_db_teardown);
  g_test_add ("/controller/search/only-the-last-keystroke-counts", CrmTestDb, NULL,
              crm_test_db_setup, test_only_the_last_keystroke_counts, crm_test_db_teardown);
  g_test_add ("/controller/search/cancelled-reader-stops", CrmTestDb, NULL,
              crm_test_db_setup, test_cancelled_reader_stops, crm_test_db_teardown);
  g_test_add ("/controller/search/staff-search-is-filtered", CrmTestDb, NULL,
              crm_test_db_setup, test_staff_search_is_filtered, crm_test_db_teardown);

  return g_test_run ();
}
