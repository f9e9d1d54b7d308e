/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-search-store.h"
#include "test-fixture.h"

static void
test_build_match (void)
{
  static const struct
  {
    const char *query;
    const char *match;
  } cases[] = {
    { "Nguyễn  Văn", "\"nguyen\" \"van\"*" },
    { "ĐẠI PHÁT", "\"dai\" \"phat\"*" },
    { "0912 345 678", "\"0912345678\"*" },
    { "+84 912-345-678", "\"84912345678\"*" },
    { "BG-2026-4", "\"bg\" \"2026\" \"4\"*" },
    { "\"quoted\" OR x", "\"quoted\" \"or\" \"x\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = crm_search_build_match (cases[i].query);
      g_assert_cmpstr (match, ==, cases[i].match);
    }
  g_assert_null (crm_search_build_match (""));
  g_assert_null (crm_search_build_match ("  -- ,, "));
  g_assert_null (crm_search_build_match (NULL));
}

static gboolean
hits_contain (GPtrArray  *hits,
              const char *title)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (((CrmSearchHit *) g_ptr_array_index (hits, i))->title, title) == 0)
      return TRUE;
  return FALSE;
}

static void
add_sample_customers (CrmTestDb *fixture)
{
  g_autoptr(CrmCustomer) company = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_test_add_customer (fixture, NULL, "Nguyễn Văn Đức", "ha-noi", "0912 345 678", 0);
  crm_test_add_customer (fixture, NULL, "Nguyễn Thị Ngọc Ánh", "ho-chi-minh", "0983 111 222", 0);
  crm_test_add_customer (fixture, NULL, "Trần Văn Đông", "da-nang", NULL, 0);

  company->kind = CRM_CUSTOMER_KIND_ORGANISATION;
  company->full_name = g_strdup ("Công ty TNHH Đại Phát");
  company->tax_code = g_strdup ("0100109106");
  company->province_code = g_strdup ("ho-chi-minh");
  company->street = g_strdup ("12 Lê Lợi");
  company->ward = g_strdup ("Phường Bến Thành");
  g_ptr_array_add (company->emails, g_strdup ("lienhe@daiphat.vn"));
  crm_customer_store_create (fixture->store, fixture->admin, company, &error);
  g_assert_no_error (error);
}

static void
test_vietnamese_queries (CrmTestDb     *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    const char *query;
    const char *expected;   /* must be among the hits */
    const char *unexpected; /* must not be, or NULL */
  } cases[] = {
    { "nguyen van duc", "Nguyễn Văn Đức", "Nguyễn Thị Ngọc Ánh" },
    { "NGUYEN", "Nguyễn Thị Ngọc Ánh", "Trần Văn Đông" },
    { "ngoc anh", "Nguyễn Thị Ngọc Ánh", "Nguyễn Văn Đức" },
    { "dai phat", "Công ty TNHH Đại Phát", NULL },
    { "đại phát", "Công ty TNHH Đại Phát", NULL },
    { "dong", "Trần Văn Đông", NULL },
    { "0912345678", "Nguyễn Văn Đức", "Nguyễn Thị Ngọc Ánh" },
    { "0912 345 678", "Nguyễn Văn Đức", NULL },
    { "+84 912 345 678", "Nguyễn Văn Đức", NULL },
    { "912345", "Nguyễn Văn Đức", NULL },
    { "0100109106", "Công ty TNHH Đại Phát", NULL },
    { "lienhe@daiphat", "Công ty TNHH Đại Phát", NULL },
    { "KH00000", "Nguyễn Văn Đức", NULL },
    { "KH000003", "Trần Văn Đông", "Nguyễn Văn Đức" },
    { "ben thanh", "Công ty TNHH Đại Phát", NULL },
    { "binh duong", "Nguyễn Thị Ngọc Ánh", "Nguyễn Văn Đức" },
    { "tp hcm", "Công ty TNHH Đại Phát", "Trần Văn Đông" },
  };

  add_sample_customers (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = crm_search_store_find (fixture->store, fixture->admin,
                                                         cases[i].query, 50, &error);

      g_assert_no_error (error);
      if (!hits_contain (hits, cases[i].expected))
        g_error ("“%s” did not find “%s”", cases[i].query, cases[i].expected);
      if (cases[i].unexpected != NULL && hits_contain (hits, cases[i].unexpected))
        g_error ("“%s” wrongly found “%s”", cases[i].query, cases[i].unexpected);
    }
}

static void
test_nothing_found (CrmTestDb     *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  add_sample_customers (fixture);
  hits = crm_search_store_find (fixture->store, fixture->admin, "zzzz khong co", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_staff_finds_only_own (CrmTestDb     *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 staff_id;

  staff_id = crm_user_store_create (fixture->store, fixture->admin, "lan.tran", "Trần Thị Lan",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  crm_test_add_customer (fixture, NULL, "Nguyễn Văn Bình", "hue", NULL, staff_id);
  crm_test_add_customer (fixture, NULL, "Nguyễn Văn Cường", "hue", NULL, 0);
  crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error);
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  hits = crm_search_store_find (fixture->store, staff, "nguyen van", 50, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, "Nguyễn Văn Bình"));
  g_assert_false (hits_contain (hits, "Nguyễn Văn Cường"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/build-match", test_build_match);
  g_test_add ("/search/vietnamese-queries", CrmTestDb, NULL,
              crm_test_db_setup, test_vietnamese_queries, crm_test_db_teardown);
  g_test_add ("/search/nothing-found", CrmTestDb, NULL,
              crm_test_db_setup, test_nothing_found, crm_test_db_teardown);
  g_test_add ("/search/staff-finds-only-own", CrmTestDb, NULL,
              crm_test_db_setup, test_staff_finds_only_own, crm_test_db_teardown);

  return g_test_run ();
}
