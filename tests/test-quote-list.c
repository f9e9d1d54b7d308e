/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-error.h"
#include "crm-quote-export.h"
#include "crm-quote-store.h"
#include "crm-search-store.h"
#include "test-fixture.h"

/* The list of quotes: search documents kept on save, the filtered and
 * sorted pages the Quotes page reads, the opportunity a new quote starts
 * from, and the list exported to a spreadsheet, read back with openpyxl. */

typedef struct
{
  CrmTestDb   db;
  gint64      lan_id;
  gint64      hung_id;
  CrmSession *lan;
  CrmSession *hung;
  gint64      minh_phat;   /* assigned to Lan */
  gint64      hoa_mai;     /* assigned to Hùng */
} Office;

static void
exec_sql (Office     *office,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

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
set_visibility (Office     *office,
                const char *mode)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", mode, &error));
  g_assert_no_error (error);
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  office->lan = session_of (office, office->lan_id);
  office->hung = session_of (office, office->hung_id);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&office->db, data);
  office->lan_id = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                          CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->hung_id = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                           CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  set_visibility (office, "all");
  office->minh_phat = crm_test_add_customer (&office->db, NULL, "Công ty TNHH Minh Phát", "ha-noi", NULL,
                                             office->lan_id);
  office->hoa_mai = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai Đà Nẵng", "da-nang", NULL,
                                           office->hung_id);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  crm_test_db_teardown (&office->db, data);
}

/* A quote of one line: @quantity units at @price, VAT 10 %. */
static gint64
add_quote (Office     *office,
           CrmSession *session,
           gint64      customer_id,
           const char *issue_date,
           gint64      quantity,
           gint64      price)
{
  g_autoptr(CrmQuote) quote = crm_quote_new ();
  CrmQuoteLine *line = crm_quote_line_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  quote->customer_id = customer_id;
  quote->issue_date = g_strdup (issue_date);
  quote->valid_until = g_strdup ("2026-12-31");
  line->description = g_strdup ("Máy in laser");
  line->quantity_milli = quantity * 1000;
  line->unit_price = price;
  crm_quote_add_line (quote, line);
  id = crm_quote_store_create (office->db.store, session, quote, &error);
  g_assert_no_error (error);
  return id;
}

static guint
count_search_hits (Office     *office,
                   const char *query,
                   gint64      quote_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = crm_search_store_find (office->db.store, office->db.admin, query, 50, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      CrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (hit->kind, "quote") == 0 && hit->ref_id == quote_id)
        n++;
    }
  return n;
}

/* The codes of a page, space separated. */
static char *
fetch_codes (Office               *office,
             CrmSession           *session,
             const CrmQuoteFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_quote_store_fetch_filtered (office->db.store, session, filter, 0, 100, &error);
  g_autoptr(GString) codes = g_string_new (NULL);
  gint64 count;

  g_assert_no_error (error);
  count = crm_quote_store_count_filtered (office->db.store, session, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      CrmQuoteRow *row = g_ptr_array_index (rows, i);

      g_string_append_printf (codes, "%s%s", i > 0 ? " " : "", row->code);
    }
  return g_strdup (codes->str);
}

static void
test_search_follows_save (Office        *office,
                          gconstpointer  data)
{
  gint64 id = add_quote (office, office->db.admin, office->minh_phat, "2026-03-02", 2, 1000000);
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(GError) error = NULL;

  /* Found by code and by the customer's name typed without tones. */
  g_assert_cmpuint (count_search_hits (office, "BG-2026-1", id), ==, 1);
  g_assert_cmpuint (count_search_hits (office, "minh phat", id), ==, 1);
  g_assert_cmpuint (count_search_hits (office, "an khang", id), ==, 0);

  /* The customer is renamed: the next save of the quote indexes the new name. */
  exec_sql (office, "UPDATE customers SET full_name = 'Công ty CP An Khang' WHERE full_name LIKE 'Công ty TNHH%'");
  quote = crm_quote_store_get (office->db.store, office->db.admin, id, &error);
  g_assert_no_error (error);
  g_free (quote->notes);
  quote->notes = g_strdup ("Giao trước Tết.");
  g_assert_true (crm_quote_store_save (office->db.store, office->db.admin, quote, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_search_hits (office, "an khang", id), ==, 1);
  g_assert_cmpuint (count_search_hits (office, "minh phat", id), ==, 0);
  g_assert_cmpuint (count_search_hits (office, "bg 2026 1", id), ==, 1);
}

static void
test_filtered_pages (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(CrmQuoteFilter) filter = crm_quote_filter_new ();
  g_autoptr(CrmQuoteFilter) copy = NULL;
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  gint64 first = add_quote (office, office->lan, office->minh_phat, "2026-03-02", 3, 1000000);

  add_quote (office, office->hung, office->hoa_mai, "2026-03-05", 1, 1000000);
  add_quote (office, office->lan, office->minh_phat, "2026-03-09", 2, 1000000);
  send->sent_at = g_strdup ("2026-03-03T08:00:00Z");
  send->recipient = g_strdup ("an@minhphat.vn");
  g_assert_true (crm_quote_store_send (office->db.store, office->lan, first, send, &error));
  g_assert_no_error (error);

  /* Code descending by default; every filter is applied in SQL. */
  codes = fetch_codes (office, office->db.admin, filter);
  g_assert_cmpstr (codes, ==, "BG-2026-0003 BG-2026-0002 BG-2026-0001");
  g_clear_pointer (&codes, g_free);
  filter->search = g_strdup ("MINH phat");
  codes = fetch_codes (office, office->db.admin, filter);
  g_assert_cmpstr (codes, ==, "BG-2026-0003 BG-2026-0001");
  g_clear_pointer (&codes, g_free);
  g_free (filter->search);
  filter->search = g_strdup ("hoa mai da nang");
  codes = fetch_codes (office, office->db.admin, filter);
  g_assert_cmpstr (codes, ==, "BG-2026-0002");
  g_clear_pointer (&codes, g_free);
  g_free (filter->search);
  filter->search = g_strdup ("bg-2026-3");
  codes = fetch_codes (office, office->db.admin, filter);
  g_assert_cmpstr (codes, ==, "BG-2026-0003");
  g_clear_pointer (&codes, g_free);

  /* Status and search together; blank search means all. */
  g_free (filter->search);
  filter->search = g_strdup ("  ");
  filter->status = CRM_QUOTE_STATUS_SENT;
  codes = fetch_codes (office, office->db.admin, filter);
  g_assert_cmpstr (codes, ==, "BG-2026-0001");
  g_clear_pointer (&codes, g_free);
  filter->status = -1;
  filter->sort = CRM_QUOTE_SORT_TOTAL;
  filter->ascending = TRUE;
  codes = fetch_codes (office, office->db.admin, filter);
  g_assert_cmpstr (codes, ==, "BG-2026-0002 BG-2026-0003 BG-2026-0001");
  g_clear_pointer (&codes, g_free);

  copy = crm_quote_filter_copy (filter);
  g_assert_true (crm_quote_filter_equal (copy, filter));
  copy->ascending = FALSE;
  g_assert_false (crm_quote_filter_equal (copy, filter));

  /* Own mode: Hùng reads only his customer's quote, searched or not. */
  set_visibility (office, "own");
  codes = fetch_codes (office, office->hung, filter);
  g_assert_cmpstr (codes, ==, "BG-2026-0002");
  g_clear_pointer (&codes, g_free);
  g_free (filter->search);
  filter->search = g_strdup ("minh phat");
  codes = fetch_codes (office, office->hung, filter);
  g_assert_cmpstr (codes, ==, "");
}

static void
test_opportunity (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 customer_id = 0;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO opportunities (id, customer_id, owner_id, title, created_at, updated_at) "
    "VALUES (7, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'Trang bị văn phòng', "
    "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", office->minh_phat, office->lan_id);

  exec_sql (office, sql);
  g_assert_true (crm_quote_store_get_opportunity (office->db.store, office->lan, 7, &customer_id, &title, &error));
  g_assert_no_error (error);
  g_assert_cmpint (customer_id, ==, office->minh_phat);
  g_assert_cmpstr (title, ==, "Trang bị văn phòng");

  g_assert_false (crm_quote_store_get_opportunity (office->db.store, office->lan, 8, &customer_id, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  set_visibility (office, "own");
  g_assert_false (crm_quote_store_get_opportunity (office->db.store, office->hung, 7, &customer_id, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

/* The cells of the first sheet, row by row, as openpyxl reads them:
 * "A1|B1|…" lines; NULL (the test skipped) without python3-openpyxl. */
static char *
read_xlsx (const char *path)
{
  static const char script[] =
    "import sys, openpyxl\n"
    "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
    "for row in ws.iter_rows(values_only=True):\n"
    "    print('|'.join('' if v is None else (v.strftime('%Y-%m-%d') if hasattr(v, 'strftime') else str(v)) for v in row))\n"
    "print('FORMAT', ws['G7'].number_format)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PYTHONIOENCODING", "utf-8", TRUE);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("python3 is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_free (out);
      g_test_skip ("python3-openpyxl is not installed");
      return NULL;
    }
  return out;
}

static void
test_export_xlsx (Office        *office,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->db.dir, "bao-gia.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmQuoteFilter) filter = crm_quote_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cells = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 n_rows = 0;

  add_quote (office, office->lan, office->minh_phat, "2026-03-02", 3, 1000000);
  add_quote (office, office->hung, office->hoa_mai, "2026-03-05", 1, 1250000);
  add_quote (office, office->lan, office->minh_phat, "2026-03-09", 2, 1000000);

  /* As the page shows it: searched, by total ascending. */
  filter->search = g_strdup ("minh phat");
  filter->sort = CRM_QUOTE_SORT_TOTAL;
  filter->ascending = TRUE;
  g_assert_true (crm_quote_export (office->db.store, office->db.admin, filter, CRM_EXPORT_FORMAT_XLSX, dest,
                                   NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);

  if (!(cells = read_xlsx (path)))
    return;
  lines = g_strsplit (cells, "\n", -1);
  /* Title block (title, filter, count, who), a blank row, headings in row 6. */
  g_assert_cmpstr (lines[0], ==, "Quotes|||||||");
  g_assert_nonnull (strstr (cells, "Search: minh phat"));
  g_assert_nonnull (strstr (cells, "2 quotes"));
  g_assert_cmpstr (lines[5], ==, "Code|Customer|Issue date|Valid until|Status|Revision|Total|Owner");
  g_assert_cmpstr (lines[6], ==, "BG-2026-0003|Công ty TNHH Minh Phát|2026-03-09|2026-12-31|Draft|1|2200000|Trần Thị Lan");
  g_assert_cmpstr (lines[7], ==, "BG-2026-0001|Công ty TNHH Minh Phát|2026-03-02|2026-12-31|Draft|1|3300000|Trần Thị Lan");
  g_assert_cmpstr (lines[8], ==, "FORMAT #,##0 \"₫\"");

  /* Own mode: Hùng's export holds only what he sees. */
  set_visibility (office, "own");
  g_clear_pointer (&filter->search, g_free);
  g_assert_true (crm_quote_export (office->db.store, office->hung, filter, CRM_EXPORT_FORMAT_XLSX, dest,
                                   NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/quote/search-follows-save", test_search_follows_save);
  ADD ("/store/quote/filtered-pages", test_filtered_pages);
  ADD ("/store/quote/opportunity-for-new-quote", test_opportunity);
  ADD ("/export/quotes/xlsx-read-back", test_export_xlsx);
#undef ADD

  return g_test_run ();
}
