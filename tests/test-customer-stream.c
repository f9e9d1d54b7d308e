/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include "crm-customer-export.h"
#include "crm-customer-stream.h"
#include "crm-province.h"
#include "crm-sample.h"
#include "crm-validate.h"
#include "test-fixture.h"

/* The export's stream of the customer list must give what the list's
 * pages give: the same customers, in the same order, with the same
 * fields, for every order and filter, and for staff who see only their
 * own customers. */

#define N_CUSTOMERS 240
#define STAFF_LOGIN "hung.tran"

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

/* A sample office whose phones cover every case: the primary second,
 * several phones and none primary, no phone at all. */
static void
fill_office (CrmTestDb *fixture)
{
  CrmSampleSpec spec = { N_CUSTOMERS, 1, 0, 7, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_sample_fill (fixture->store, fixture->admin, &spec, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  exec_sql (fixture,
            "INSERT INTO customer_phones (customer_id, phone, is_primary) "
            "  SELECT id, '+8491' || printf ('%07d', id), 1 FROM customers WHERE id % 3 = 0;"
            "UPDATE customer_phones SET is_primary = 0 WHERE id = "
            "  (SELECT min (p.id) FROM customer_phones p WHERE p.customer_id = customer_phones.customer_id) "
            "  AND customer_id % 3 = 0;"
            "UPDATE customer_phones SET is_primary = 0 WHERE customer_id % 5 = 0;"
            "DELETE FROM customer_phones WHERE customer_id % 7 = 0;"
            "UPDATE customers SET last_contact_at = '2026-11-23' WHERE id % 11 = 0;");
}

/* The main phone as the old page-by-page export looked it up. */
static char *
expected_phone (CrmTestDb *fixture,
                gint64     customer_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT phone FROM customer_phones WHERE customer_id = %"
                                          G_GINT64_FORMAT " ORDER BY is_primary DESC, id LIMIT 1",
                                          customer_id);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *phone = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    phone = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return phone;
}

static void
assert_row_matches (CrmTestDb                  *fixture,
                    const CrmCustomerStreamRow *streamed,
                    CrmCustomerRow             *listed)
{
  const CrmProvince *province = crm_province_get (streamed->province_code);
  g_autofree char *last_contact = crm_day_format (streamed->last_contact_at);
  g_autofree char *phone = expected_phone (fixture, streamed->id);

  g_assert_cmpint (streamed->id, ==, crm_customer_row_get_id (listed));
  g_assert_cmpstr (streamed->code, ==, crm_customer_row_get_code (listed));
  g_assert_cmpstr (streamed->full_name, ==, crm_customer_row_get_full_name (listed));
  g_assert_cmpint (streamed->kind, ==, crm_customer_row_get_kind (listed));
  g_assert_cmpstr (province ? province->short_name : "", ==, crm_customer_row_get_province_name (listed));
  g_assert_cmpint (streamed->status, ==, crm_customer_row_get_status (listed));
  g_assert_cmpstr (streamed->owner_name ? streamed->owner_name : "", ==,
                   crm_customer_row_get_owner_name (listed));
  g_assert_cmpstr (last_contact, ==, crm_customer_row_get_last_contact (listed));
  g_assert_cmpint (streamed->revenue, ==, crm_customer_row_get_revenue (listed));
  g_assert_cmpstr (streamed->phone, ==, phone);
}

/* Streams @filter and checks it row by row against the list's pages;
 * returns how many rows there were. */
static guint
assert_same_as_list (CrmTestDb               *fixture,
                     CrmSession              *session,
                     const CrmCustomerFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = crm_customer_query_fetch (fixture->store, session, filter, 0,
                                                          N_CUSTOMERS * 2, &error);
  g_autoptr(CrmCustomerStream) stream = NULL;
  CrmCustomerStreamRow row;
  guint n = 0;

  g_assert_no_error (error);
  stream = crm_customer_stream_open (fixture->store, session, filter, &error);
  g_assert_no_error (error);
  while (crm_customer_stream_next (stream, &row, &error))
    {
      g_assert_cmpuint (n, <, listed->len);
      assert_row_matches (fixture, &row, g_ptr_array_index (listed, n));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, listed->len);
  /* The end stays the end. */
  g_assert_false (crm_customer_stream_next (stream, &row, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_every_order (CrmTestDb     *fixture,
                  gconstpointer  data)
{
  fill_office (fixture);
  for (guint searching = 0; searching < 2; searching++)
    for (guint sort = 0; sort < CRM_CUSTOMER_SORT_N; sort++)
      for (guint ascending = 0; ascending < 2; ascending++)
        {
          g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
          guint n;

          filter->sort = sort;
          filter->ascending = ascending;
          filter->search = searching ? g_strdup ("nguyen") : NULL;
          n = assert_same_as_list (fixture, fixture->admin, filter);
          if (searching)
            g_assert_cmpuint (n, >, 0);
          else
            g_assert_cmpuint (n, ==, N_CUSTOMERS);
        }
}

static void
test_filters (CrmTestDb     *fixture,
              gconstpointer  data)
{
  g_autoptr(CrmCustomerFilter) by_status = crm_customer_filter_new ();
  g_autoptr(CrmCustomerFilter) by_province = crm_customer_filter_new ();
  g_autoptr(CrmCustomerFilter) nothing = crm_customer_filter_new ();

  fill_office (fixture);
  by_status->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  by_status->sort = CRM_CUSTOMER_SORT_REVENUE;
  g_assert_cmpuint (assert_same_as_list (fixture, fixture->admin, by_status), >, 0);
  by_province->province_code = g_strdup ("ha-noi");
  g_assert_cmpuint (assert_same_as_list (fixture, fixture->admin, by_province), >, 0);
  nothing->search = g_strdup ("zzzzqqq");
  g_assert_cmpuint (assert_same_as_list (fixture, fixture->admin, nothing), ==, 0);
}

/* Staff of an office in "own" mode stream their own customers only, in
 * both ways of reading (an index walk by name, ids then rows by revenue). */
static void
test_staff_see_their_own (CrmTestDb     *fixture,
                          gconstpointer  data)
{
  g_autoptr(CrmCustomerFilter) by_revenue = crm_customer_filter_new ();
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  fill_office (fixture);
  g_assert_true (crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  staff = crm_user_store_session_for (fixture->store, STAFF_LOGIN, &error);
  g_assert_no_error (error);

  n = assert_same_as_list (fixture, staff, NULL);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_CUSTOMERS);
  g_assert_cmpint (n, ==, crm_customer_query_count (fixture->store, staff, NULL, NULL));
  by_revenue->sort = CRM_CUSTOMER_SORT_REVENUE;
  g_assert_cmpuint (assert_same_as_list (fixture, staff, by_revenue), ==, n);
}

/* Each stream owns its statement: two at once, or one left half read,
 * do not disturb each other or the list. */
static void
test_streams_are_independent (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  g_autoptr(CrmCustomerStream) first = NULL;
  g_autoptr(CrmCustomerStream) second = NULL;
  g_autoptr(GError) error = NULL;
  CrmCustomerStreamRow a, b;
  g_autofree char *first_code = NULL;

  fill_office (fixture);
  first = crm_customer_stream_open (fixture->store, fixture->admin, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_customer_stream_next (first, &a, &error));
  first_code = g_strdup (a.code);
  second = crm_customer_stream_open (fixture->store, fixture->admin, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_customer_stream_next (second, &b, &error));
  g_assert_cmpstr (b.code, ==, first_code);
  g_assert_true (crm_customer_stream_next (first, &a, &error));
  g_assert_cmpstr (a.code, !=, first_code);
  g_clear_pointer (&first, crm_customer_stream_free);
  assert_same_as_list (fixture, fixture->admin, NULL);
  g_assert_true (crm_customer_stream_next (second, &b, &error));
  g_assert_cmpstr (b.code, !=, first_code);
}

/* The export shows a last contact as the day it fell on where the user
 * is, exactly as the list does, whatever form it was stored in. */
static void
test_export_last_contact_day (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  static const char *const stored[] = {
    "2026-11-23T16:59:59Z",       /* 23:59:59 in Hà Nội */
    "2026-11-23T17:00:00Z",       /* the next day there */
    "2026-12-31T23:30:00Z",       /* and the next year */
    "2026-11-23",                 /* a plain day */
    "2026-11-23T17:00:00+07:00",  /* another form of instant */
    "2026-11-23T08:15:00.250Z",
    "2026-02-30T08:00:00Z",       /* no such day */
    "1899-12-31",                 /* before the years shown */
    "hôm qua",
  };
  g_autoptr(GHashTable) by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportRow) row = NULL;
  g_autoptr(GError) error = NULL;
  guint n_dates = 0;

  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    {
      g_autofree char *name = g_strdup_printf ("Khách %u", i);
      gint64 id = crm_test_add_customer (fixture, NULL, name, "ha-noi", NULL, 0);
      g_autofree char *sql = g_strdup_printf ("UPDATE customers SET last_contact_at = '%s' WHERE id = %"
                                              G_GINT64_FORMAT, stored[i], id);
      g_autoptr(CrmCustomer) customer = NULL;

      exec_sql (fixture, sql);
      customer = crm_customer_store_get (fixture->store, fixture->admin, id, &error);
      g_assert_no_error (error);
      g_hash_table_insert (by_code, g_strdup (customer->code), (gpointer) stored[i]);
    }

  table = crm_customer_export_table (fixture->store, fixture->admin, NULL, &error);
  g_assert_no_error (error);
  row = crm_export_row_new (table);
  while (crm_export_table_next_row (table, row, &error))
    {
      const char *value = g_hash_table_lookup (by_code, crm_export_row_get_text (row, 0));
      g_autofree char *shown = crm_day_format (value);
      const GDate *date = crm_export_row_get_date (row, 7);
      g_autofree char *written = NULL;
      g_autofree char *iso = NULL;

      g_assert_nonnull (value);
      if (date != NULL)
        written = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), (guint) g_date_get_month (date),
                                   g_date_get_year (date));
      /* The list's text, when it reads back as a date, is the date. */
      g_assert_cmpstr (written, ==, crm_date_parse (shown, &iso, NULL) ? shown : NULL);
      n_dates += date != NULL;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (crm_export_table_get_n_rows_read (table), ==, G_N_ELEMENTS (stored));
  g_assert_cmpuint (n_dates, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  /* Vietnam, where a day starts at 17:00 UTC. */
  g_setenv ("TZ", "Asia/Ho_Chi_Minh", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/customer-stream/every-order-as-the-list", CrmTestDb, NULL,
              crm_test_db_setup, test_every_order, crm_test_db_teardown);
  g_test_add ("/customer-stream/filters-as-the-list", CrmTestDb, NULL,
              crm_test_db_setup, test_filters, crm_test_db_teardown);
  g_test_add ("/customer-stream/staff-see-their-own", CrmTestDb, NULL,
              crm_test_db_setup, test_staff_see_their_own, crm_test_db_teardown);
  g_test_add ("/customer-stream/streams-are-independent", CrmTestDb, NULL,
              crm_test_db_setup, test_streams_are_independent, crm_test_db_teardown);
  g_test_add ("/customer-stream/export-last-contact-day", CrmTestDb, NULL,
              crm_test_db_setup, test_export_last_contact_day, crm_test_db_teardown);

  return g_test_run ();
}
