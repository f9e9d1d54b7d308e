/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-customer-list.h"
#include "crm-customer-query.h"
#include "crm-sample.h"
#include "test-fixture.h"

/* Writes what the store has no API for yet (categories, merges,
 * revenue, last contact) through a second connection. */
static void
exec_sql (CrmTestDb  *fixture,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
add_staff (CrmTestDb  *fixture,
           const char *login,
           const char *full_name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_user_store_create (fixture->store, fixture->admin, login, full_name,
                                     CRM_ROLE_STAFF, 0, &error);

  g_assert_no_error (error);
  return id;
}

typedef struct
{
  const char        *name;
  CrmCustomerKind    kind;
  const char        *province;
  CrmCustomerStatus  status;
  gint64             category;
  const char        *industry;
  const char        *source;
  gboolean           staff;
} Sample;

static gint64
add_sample (CrmTestDb    *fixture,
            const Sample *sample,
            gint64        staff_id)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (sample->name);
  customer->kind = sample->kind;
  customer->province_code = g_strdup (sample->province);
  customer->status = sample->status;
  customer->category_id = sample->category;
  customer->industry = g_strdup (sample->industry);
  customer->source = g_strdup (sample->source);
  customer->assigned_to = sample->staff ? staff_id : 0;
  id = crm_customer_store_create (fixture->store, fixture->admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

#define PERSON CRM_CUSTOMER_KIND_PERSON
#define ORG    CRM_CUSTOMER_KIND_ORGANISATION
#define LEAD   CRM_CUSTOMER_STATUS_LEAD
#define PROS   CRM_CUSTOMER_STATUS_PROSPECT
#define CUST   CRM_CUSTOMER_STATUS_CUSTOMER
#define GONE   CRM_CUSTOMER_STATUS_INACTIVE

/* Categories 1 to 3, seven customers, and a merged duplicate of the
 * first that no list may show.  Returns the staff member's id. */
static gint64
add_office (CrmTestDb *fixture)
{
  static const Sample samples[] = {
    { "Nguyễn Văn An", PERSON, "ha-noi", CUST, 1, "Bán lẻ", "referral", FALSE },
    { "Trần Thị Ánh", PERSON, "ha-noi", LEAD, 1, "Bán lẻ", "website", TRUE },
    { "Lê Văn Bình", PERSON, "hue", CUST, 2, "Xây dựng", "phone", TRUE },
    { "Phạm Minh Đức", PERSON, "ha-noi", CUST, 2, "Xây dựng", "referral", FALSE },
    { "Công ty TNHH Đại Phát", ORG, "ho-chi-minh", PROS, 3, "Xây dựng", "website", FALSE },
    { "Nguyễn Thị Cúc", PERSON, "ha-noi", CUST, 3, "Bán lẻ", "store", TRUE },
    { "Hoàng Văn Em", PERSON, NULL, GONE, 0, NULL, NULL, FALSE },
    { "Nguyễn Văn An", PERSON, "ha-noi", CUST, 1, "Bán lẻ", "referral", FALSE },
  };
  gint64 staff_id = add_staff (fixture, "lan.tran", "Trần Thị Lan");

  exec_sql (fixture,
            "INSERT INTO categories (id, name, created_at, updated_at) VALUES "
            "(1, 'Tiềm năng', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
            "(2, 'Khách hàng', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
            "(3, 'VIP', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_assert_cmpint (add_sample (fixture, &samples[i], staff_id), ==, i + 1);
  exec_sql (fixture, "UPDATE customers SET merged_into = 1 WHERE id = 8");
  return staff_id;
}

static GArray *
ids_array (const gint64 *ids,
           guint         n_ids)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (array, ids, n_ids);
  return array;
}

static gint64
count_of (CrmTestDb               *fixture,
          const CrmCustomerFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 count = crm_customer_query_count (fixture->store, fixture->admin, filter, &error);

  g_assert_no_error (error);
  return count;
}

/* The names of every row @filter lists, joined by "|". */
static char *
names_of (CrmStore                *store,
          CrmSession              *session,
          const CrmCustomerFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_customer_query_fetch (store, session, filter, 0, 1000, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            crm_customer_row_get_full_name (g_ptr_array_index (rows, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_count_filters (CrmTestDb     *fixture,
                    gconstpointer  data)
{
  static const gint64 first_two[] = { 1, 2 };
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(GArray) categories = ids_array (first_two, G_N_ELEMENTS (first_two));
  g_autoptr(GArray) no_categories = ids_array (NULL, 0);
  gint64 staff_id = add_office (fixture);

  g_assert_cmpint (count_of (fixture, NULL), ==, 7);
  g_assert_cmpint (count_of (fixture, filter), ==, 7);

  filter->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  g_assert_cmpint (count_of (fixture, filter), ==, 4);
  filter->status = -1;

  filter->province_code = g_strdup ("ha-noi");
  g_assert_cmpint (count_of (fixture, filter), ==, 4);
  g_clear_pointer (&filter->province_code, g_free);

  crm_customer_filter_set_categories (filter, categories);
  g_assert_cmpint (count_of (fixture, filter), ==, 4);
  crm_customer_filter_set_categories (filter, no_categories);
  g_assert_cmpint (count_of (fixture, filter), ==, 0);
  crm_customer_filter_set_categories (filter, NULL);

  filter->industry = g_strdup ("Xây dựng");
  g_assert_cmpint (count_of (fixture, filter), ==, 3);
  g_clear_pointer (&filter->industry, g_free);

  filter->source = g_strdup ("referral");
  g_assert_cmpint (count_of (fixture, filter), ==, 2);
  g_clear_pointer (&filter->source, g_free);

  filter->assigned_to = staff_id;
  g_assert_cmpint (count_of (fixture, filter), ==, 3);
  filter->assigned_to = 0;

  filter->search = g_strdup ("nguyen");
  g_assert_cmpint (count_of (fixture, filter), ==, 2);
  g_free (filter->search);
  filter->search = g_strdup ("NGUYỄN  văn an");
  g_assert_cmpint (count_of (fixture, filter), ==, 1);
  g_free (filter->search);
  filter->search = g_strdup ("   ");
  g_assert_cmpint (count_of (fixture, filter), ==, 7);
  g_clear_pointer (&filter->search, g_free);
}

static void
test_count_combined (CrmTestDb     *fixture,
                     gconstpointer  data)
{
  static const gint64 first_two[] = { 1, 2 };
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(GArray) categories = ids_array (first_two, G_N_ELEMENTS (first_two));
  g_autofree char *names = NULL;

  add_office (fixture);
  filter->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  filter->province_code = g_strdup ("ha-noi");
  crm_customer_filter_set_categories (filter, categories);
  g_assert_cmpint (count_of (fixture, filter), ==, 2);
  names = names_of (fixture->store, fixture->admin, filter);
  g_assert_cmpstr (names, ==, "Nguyễn Văn An|Phạm Minh Đức");

  filter->search = g_strdup ("duc");
  g_assert_cmpint (count_of (fixture, filter), ==, 1);
  g_clear_pointer (&names, g_free);
  names = names_of (fixture->store, fixture->admin, filter);
  g_assert_cmpstr (names, ==, "Phạm Minh Đức");

  g_free (filter->search);
  filter->search = g_strdup ("dai phat");
  g_assert_cmpint (count_of (fixture, filter), ==, 0);
  filter->status = -1;
  g_clear_pointer (&filter->province_code, g_free);
  crm_customer_filter_set_categories (filter, NULL);
  g_assert_cmpint (count_of (fixture, filter), ==, 1);
}

static void
test_sort_name_vietnamese (CrmTestDb     *fixture,
                           gconstpointer  data)
{
  /* Added out of order; people sort by given name, then family name;
   * organisations by their whole name; d before đ; equal names by id. */
  static const Sample samples[] = {
    { "Phạm Văn Đức", PERSON }, { "Đại Phát", ORG }, { "Trần Bình", PERSON },
    { "Nguyễn Thị Ánh", PERSON }, { "Công ty Bình An", ORG }, { "Lê Thị Dung", PERSON },
    { "Võ An", PERSON }, { "Lê Bình", PERSON }, { "Trần Bình", PERSON },
  };
  static const char expected[] =
    "Võ An|Nguyễn Thị Ánh|Lê Bình|Trần Bình|Trần Bình|Công ty Bình An|Lê Thị Dung|"
    "Đại Phát|Phạm Văn Đức";
  static const char reversed[] =
    "Phạm Văn Đức|Đại Phát|Lê Thị Dung|Công ty Bình An|Trần Bình|Trần Bình|Lê Bình|"
    "Nguyễn Thị Ánh|Võ An";
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *reverse_names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    add_sample (fixture, &samples[i], 0);

  names = names_of (fixture->store, fixture->admin, filter);
  g_assert_cmpstr (names, ==, expected);
  rows = crm_customer_query_fetch (fixture->store, fixture->admin, filter, 3, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_row_get_id (g_ptr_array_index (rows, 0)), ==, 3);
  g_assert_cmpint (crm_customer_row_get_id (g_ptr_array_index (rows, 1)), ==, 9);

  filter->ascending = FALSE;
  reverse_names = names_of (fixture->store, fixture->admin, filter);
  g_assert_cmpstr (reverse_names, ==, reversed);
}

/* Revenue, last contact, province, status, owner and code orders, each
 * with the id breaking ties. */
static void
test_sort_columns (CrmTestDb     *fixture,
                   gconstpointer  data)
{
  static const Sample samples[] = {
    { "Cần", PERSON, "can-tho", CUST, 0, NULL, NULL, FALSE },
    { "Cao", PERSON, "cao-bang", LEAD, 0, NULL, NULL, TRUE },
    { "Hà", PERSON, "ha-noi", GONE, 0, NULL, NULL, FALSE },
    { "Không", PERSON, NULL, PROS, 0, NULL, NULL, TRUE },
  };
  static const struct
  {
    CrmCustomerSort  sort;
    const char      *expected;
  } cases[] = {
    { CRM_CUSTOMER_SORT_CODE, "Cần|Cao|Hà|Không" },
    { CRM_CUSTOMER_SORT_REVENUE, "Cao|Không|Hà|Cần" },
    { CRM_CUSTOMER_SORT_LAST_CONTACT, "Hà|Cao|Cần|Không" },
    { CRM_CUSTOMER_SORT_PROVINCE, "Không|Cao|Cần|Hà" },
    { CRM_CUSTOMER_SORT_STATUS, "Cao|Không|Cần|Hà" },
    { CRM_CUSTOMER_SORT_OWNER, "Cần|Hà|Cao|Không" },
  };
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  gint64 staff_id = add_staff (fixture, "hung.nguyen", "Nguyễn Văn Hùng");
  gint64 other_id = add_staff (fixture, "an.tran", "Trần Văn An");
  g_autofree char *update = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    add_sample (fixture, &samples[i], staff_id);
  /* Owners by given name: An before Hùng. */
  update = g_strdup_printf ("UPDATE customers SET assigned_to = %" G_GINT64_FORMAT
                            " WHERE id IN (1, 3)", other_id);
  exec_sql (fixture, update);
  exec_sql (fixture,
            "UPDATE customers "
            "SET revenue = CASE id WHEN 1 THEN 900000 WHEN 3 THEN 5000 ELSE 0 END, "
            "last_contact_at = CASE id WHEN 1 THEN '2026-02-01T09:00:00Z' "
            "WHEN 2 THEN '2026-01-15T09:00:00Z' WHEN 4 THEN '2026-03-01T09:00:00Z' END");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *names = NULL;

      filter->sort = cases[i].sort;
      names = names_of (fixture->store, fixture->admin, filter);
      g_assert_cmpstr (names, ==, cases[i].expected);
    }
}

static void
test_row_properties (CrmTestDb     *fixture,
                     gconstpointer  data)
{
  static const Sample sample = { "Công ty TNHH Đại Phát", ORG, "ho-chi-minh", CUST };
  g_autoptr(CrmCustomerFilter) by_code = crm_customer_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *province = NULL;
  g_autofree char *last_contact = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *label = NULL;
  g_autofree char *owner = NULL;
  CrmCustomerStatus status;
  CrmCustomerKind kind;
  CrmCustomerRow *row;

  add_sample (fixture, &sample, 0);
  add_sample (fixture, &(Sample) { "Trần Văn Bảo", PERSON, NULL, LEAD }, 0);
  /* 20:00 UTC is 03:00 the next morning in Vietnam (TZ set in main). */
  exec_sql (fixture,
            "UPDATE customers SET revenue = 1234567, last_contact_at = '2026-03-04T20:00:00Z' "
            "WHERE id = 1");
  by_code->sort = CRM_CUSTOMER_SORT_CODE;
  rows = crm_customer_query_fetch (fixture->store, fixture->admin, by_code, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);

  row = g_ptr_array_index (rows, 0);
  g_object_get (row, "province-name", &province, "last-contact", &last_contact,
                "revenue-text", &revenue, "status-label", &label, "owner-name", &owner,
                "status", &status, "kind", &kind, NULL);
  g_assert_cmpstr (crm_customer_row_get_code (row), ==, "KH000001");
  g_assert_cmpstr (crm_customer_row_get_full_name (row), ==, "Công ty TNHH Đại Phát");
  g_assert_cmpstr (province, ==, "TP. Hồ Chí Minh");
  g_assert_cmpstr (last_contact, ==, "05/03/2026");
  g_assert_cmpstr (revenue, ==, "1.234.567 ₫");
  g_assert_cmpint (crm_customer_row_get_revenue (row), ==, 1234567);
  g_assert_cmpstr (label, ==, crm_customer_status_label (CRM_CUSTOMER_STATUS_CUSTOMER));
  g_assert_cmpstr (owner, ==, crm_session_get_full_name (fixture->admin));
  g_assert_cmpint (status, ==, CRM_CUSTOMER_STATUS_CUSTOMER);
  g_assert_cmpint (kind, ==, CRM_CUSTOMER_KIND_ORGANISATION);

  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (crm_customer_row_get_province_name (row), ==, "");
  g_assert_cmpstr (crm_customer_row_get_last_contact (row), ==, "");
  g_assert_cmpstr (crm_customer_row_get_revenue_text (row), ==, "0 ₫");
}

/* 3 000 generated customers, as a bigger office has them. */
static void
fill_sample (CrmTestDb *fixture)
{
  CrmSampleSpec spec = { 3000, 0, 0, 7, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_sample_fill (fixture->store, fixture->admin, &spec, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (crm_customer_row_get_id (g_ptr_array_index (a, i)), ==,
                     crm_customer_row_get_id (g_ptr_array_index (b, i)));
}

/* Windows in the second half are read backwards from the end: they must
 * be exactly what a plain OFFSET gives, in every order. */
static void
test_window_from_either_end (CrmTestDb     *fixture,
                             gconstpointer  data)
{
  static const guint offsets[] = { 0, 1234, 1999, 2790, 2999, 3000, 5000 };
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  gint64 total;

  fill_sample (fixture);
  filter->status = -1;
  total = count_of (fixture, filter);
  g_assert_cmpint (total, ==, 3000);
  for (int sort = 0; sort < CRM_CUSTOMER_SORT_N; sort++)
    for (int ascending = 0; ascending < 2; ascending++)
      for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
        {
          g_autoptr(GPtrArray) plain = NULL;
          g_autoptr(GPtrArray) window = NULL;
          g_autoptr(GError) error = NULL;

          filter->sort = sort;
          filter->ascending = ascending;
          plain = crm_customer_query_fetch (fixture->store, fixture->admin, filter,
                                            offsets[i], 200, &error);
          g_assert_no_error (error);
          window = crm_customer_query_fetch_window (fixture->store, fixture->admin, filter,
                                                    offsets[i], 200, total, &error);
          g_assert_no_error (error);
          assert_same_ids (plain, window);
        }
}

/* The same count a plain query over the table gives, on generated data. */
static void
test_count_sample (CrmTestDb     *fixture,
                   gconstpointer  data)
{
  static const gint64 some[] = { 1, 3 };
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(GArray) categories = ids_array (some, G_N_ELEMENTS (some));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 expected;

  fill_sample (fixture);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*) FROM customers WHERE status = 'customer' "
                                       "AND province_code = 'ha-noi' AND category_id IN (1, 3)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  expected = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  filter->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  filter->province_code = g_strdup ("ha-noi");
  crm_customer_filter_set_categories (filter, categories);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (count_of (fixture, filter), ==, expected);
}

static guint
pages_fetched (CrmCustomerList *list)
{
  guint pages = 0;

  g_object_get (list, "pages-fetched", &pages, NULL);
  return pages;
}

static gint64
item_id (CrmCustomerList *list,
         guint            position)
{
  g_autoptr(CrmCustomerRow) row = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (row);
  return crm_customer_row_get_id (row);
}

static void
test_model_lazy_pages (CrmTestDb     *fixture,
                       gconstpointer  data)
{
  g_autoptr(CrmCustomerList) list = crm_customer_list_new (fixture->store, fixture->admin);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;

  fill_sample (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (crm_customer_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_of (fixture, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3000);
  g_assert_true (g_list_model_get_item_type (model) == CRM_TYPE_CUSTOMER_ROW);
  g_assert_cmpuint (pages_fetched (list), ==, 0);

  /* Row 2500 reads its page, 2400 to 2599, and nothing else. */
  expected = crm_customer_query_fetch (fixture->store, fixture->admin, NULL, 2400, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item_id (list, 2500), ==,
                   crm_customer_row_get_id (g_ptr_array_index (expected, 100)));
  g_assert_cmpuint (pages_fetched (list), ==, 1);
  for (guint i = 2400; i < 2600; i++)
    g_assert_cmpint (item_id (list, i), ==,
                     crm_customer_row_get_id (g_ptr_array_index (expected, i - 2400)));
  g_assert_cmpuint (pages_fetched (list), ==, 1);
  g_assert_null (g_list_model_get_item (model, 3000));

  /* Eight pages stay: the ninth pushes out the least recently used. */
  for (guint page = 0; page < 8; page++)
    item_id (list, page * 200);
  g_assert_cmpuint (pages_fetched (list), ==, 9);
  item_id (list, 7 * 200 + 5);
  g_assert_cmpuint (pages_fetched (list), ==, 9);
  item_id (list, 2500);
  g_assert_cmpuint (pages_fetched (list), ==, 10);
  item_id (list, 0);
  g_assert_cmpuint (pages_fetched (list), ==, 11);
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  ItemsChanged *change = data;

  change->calls++;
  change->position = position;
  change->removed = removed;
  change->added = added;
}

static void
assert_change (ItemsChanged *change,
               guint         calls,
               guint         removed,
               guint         added)
{
  g_assert_cmpuint (change->calls, ==, calls);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
test_model_items_changed (CrmTestDb     *fixture,
                          gconstpointer  data)
{
  g_autoptr(CrmCustomerList) list = crm_customer_list_new (fixture->store, fixture->admin);
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(GError) error = NULL;
  ItemsChanged change = { 0 };
  gint64 customers;

  fill_sample (fixture);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  /* Filters set before the first load do not query. */
  crm_customer_list_set_sort (list, CRM_CUSTOMER_SORT_REVENUE, FALSE);
  g_assert_cmpuint (change.calls, ==, 0);
  g_assert_true (crm_customer_list_reload (list, &error));
  assert_change (&change, 1, 0, 3000);

  filter->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  customers = count_of (fixture, filter);
  g_assert_cmpint (customers, >, 0);
  g_assert_cmpint (customers, <, 3000);
  crm_customer_list_set_status (list, CRM_CUSTOMER_STATUS_CUSTOMER);
  assert_change (&change, 2, 3000, customers);
  crm_customer_list_set_status (list, CRM_CUSTOMER_STATUS_CUSTOMER);
  g_assert_cmpuint (change.calls, ==, 2);

  g_object_set (list, "search-text", "zzzz khong ai", NULL);
  assert_change (&change, 3, customers, 0);
  crm_customer_list_set_search_text (list, NULL);
  assert_change (&change, 4, 0, customers);
  crm_customer_list_set_search_text (list, "");
  g_assert_cmpuint (change.calls, ==, 4);

  crm_customer_list_set_sort (list, CRM_CUSTOMER_SORT_NAME, TRUE);
  assert_change (&change, 5, customers, customers);
  g_assert_cmpint (crm_customer_list_get_filter (list)->sort, ==, CRM_CUSTOMER_SORT_NAME);

  filter->sort = CRM_CUSTOMER_SORT_CODE;
  crm_customer_list_set_filter (list, filter);
  assert_change (&change, 6, customers, customers);
  g_assert_true (crm_customer_filter_equal (crm_customer_list_get_filter (list), filter));
  crm_customer_list_set_status (list, -1);
  assert_change (&change, 7, customers, 3000);
}

static void
test_staff_sees_own (CrmTestDb     *fixture,
                     gconstpointer  data)
{
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(CrmCustomerList) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id;

  staff_id = add_office (fixture);
  g_assert_true (crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own",
                                   &error));
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  list = crm_customer_list_new (fixture->store, staff);
  g_assert_true (crm_customer_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CrmCustomerRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpstr (crm_customer_row_get_owner_name (row), ==, "Trần Thị Lan");
    }

  /* Asking for someone else's customers gives nothing, not theirs. */
  crm_customer_list_set_assigned_to (list, crm_session_get_user_id (fixture->admin));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  crm_customer_list_set_assigned_to (list, 0);
  crm_customer_list_set_search_text (list, "nguyen");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* The administrator still sees everyone. */
  g_assert_cmpint (count_of (fixture, NULL), ==, 7);
}

/* The industry filter offers what the user's customers are in, in
 * Vietnamese order, and nothing from customers they may not see. */
static void
test_industries_follow_visibility (CrmTestDb     *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) for_admin = NULL;
  g_auto(GStrv) for_staff = NULL;
  g_autofree char *admin_text = NULL;
  g_autofree char *staff_text = NULL;
  gint64 staff_id = add_office (fixture);

  exec_sql (fixture, "UPDATE customers SET industry = 'Ăn uống' WHERE id = 5;"
                     "UPDATE customers SET industry = 'Dệt may' WHERE id = 8");
  g_assert_true (crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  for_admin = crm_customer_query_industries (fixture->store, fixture->admin, &error);
  g_assert_no_error (error);
  for_staff = crm_customer_query_industries (fixture->store, staff, &error);
  g_assert_no_error (error);
  admin_text = g_strjoinv ("|", for_admin);
  staff_text = g_strjoinv ("|", for_staff);
  /* Ă sorts after A and before B; the merged customer's industry is gone. */
  g_assert_cmpstr (admin_text, ==, "Ăn uống|Bán lẻ|Xây dựng");
  g_assert_cmpstr (staff_text, ==, "Bán lẻ|Xây dựng");
}

int
main (int   argc,
      char *argv[])
{
  /* Vietnam, without needing tzdata: last contact shows the local date. */
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/customer-list/query/count-filters", CrmTestDb, NULL,
              crm_test_db_setup, test_count_filters, crm_test_db_teardown);
  g_test_add ("/customer-list/query/count-combined", CrmTestDb, NULL,
              crm_test_db_setup, test_count_combined, crm_test_db_teardown);
  g_test_add ("/customer-list/query/count-matches-sample", CrmTestDb, NULL,
              crm_test_db_setup, test_count_sample, crm_test_db_teardown);
  g_test_add ("/customer-list/query/sort-name-vietnamese", CrmTestDb, NULL,
              crm_test_db_setup, test_sort_name_vietnamese, crm_test_db_teardown);
  g_test_add ("/customer-list/query/sort-columns", CrmTestDb, NULL,
              crm_test_db_setup, test_sort_columns, crm_test_db_teardown);
  g_test_add ("/customer-list/query/window-from-either-end", CrmTestDb, NULL,
              crm_test_db_setup, test_window_from_either_end, crm_test_db_teardown);
  g_test_add ("/customer-list/row/properties", CrmTestDb, NULL,
              crm_test_db_setup, test_row_properties, crm_test_db_teardown);
  g_test_add ("/customer-list/model/lazy-pages", CrmTestDb, NULL,
              crm_test_db_setup, test_model_lazy_pages, crm_test_db_teardown);
  g_test_add ("/customer-list/model/items-changed", CrmTestDb, NULL,
              crm_test_db_setup, test_model_items_changed, crm_test_db_teardown);
  g_test_add ("/customer-list/model/staff-sees-own", CrmTestDb, NULL,
              crm_test_db_setup, test_staff_sees_own, crm_test_db_teardown);
  g_test_add ("/customer-list/query/industries-follow-visibility", CrmTestDb, NULL,
              crm_test_db_setup, test_industries_follow_visibility, crm_test_db_teardown);

  return g_test_run ();
}
