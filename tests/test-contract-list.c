/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-contract-export.h"
#include "crm-contract-list.h"
#include "test-contract-fixture.h"

/* The Contracts section's lazy model (it counts, reads only the pages
 * asked for, shows rows in words, marks those ending soon, follows its
 * filter and the user's visibility) and the export of what it shows. */

static void
office_exec (Office     *office,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A draft contract of the office's customer, made by lan. */
static gint64
add_contract (Office     *office,
              const char *title,
              const char *starts_on,
              const char *ends_on)
{
  g_autoptr(CrmContract) contract = crm_contract_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  contract->customer_id = office->customer;
  contract->title = g_strdup (title);
  contract->starts_on = g_strdup (starts_on);
  contract->ends_on = g_strdup (ends_on);
  id = crm_contract_store_create (office->db.store, office->lan, contract, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Status and value set behind the store's back: activation rules are the
 * store's tests' business, the list only shows what is recorded. */
static void
set_contract (Office     *office,
              gint64      id,
              const char *status,
              gint64      value)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE contracts SET status = '%s', value = %" G_GINT64_FORMAT
                                          ", signed_on = starts_on WHERE id = %" G_GINT64_FORMAT,
                                          status, value, id);

  office_exec (office, sql);
}

static void
test_lazy_pages (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmContractList) list = crm_contract_list_new (office->db.store, office->lan);
  g_autoptr(CrmContractListItem) first = NULL;
  g_autoptr(CrmContractListItem) last = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  for (guint i = 0; i < 230; i++)
    add_contract (office, "Cung cấp máy in", "2026-02-01", "2026-12-31");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (crm_contract_list_reload (list, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 230);
  g_assert_cmpuint (crm_contract_list_get_pages_fetched (list), ==, 0);

  /* Newest code first by default; the two ends are two pages. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  g_assert_cmpuint (crm_contract_list_get_pages_fetched (list), ==, 2);
  g_assert_cmpstr (crm_contract_list_item_get_text (first, "code"), ==, "HĐ-2026-0230");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "code"), ==, "HĐ-2026-0001");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "customer"), ==, "Công ty TNHH Đức Phát");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "title"), ==, "Cung cấp máy in");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "starts"), ==, "01/02/2026");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "ends"), ==, "31/12/2026");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "signed"), ==, "");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "value"), ==, "0 ₫");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "status"), ==, "Draft");
  g_assert_cmpstr (crm_contract_list_item_get_text (last, "owner"), ==, "Trần Thị Lan");
  g_assert_false (crm_contract_list_item_get_ending_soon (last));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  /* Reading the first page again costs nothing. */
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpuint (crm_contract_list_get_pages_fetched (list), ==, 2);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

static void
test_filter_sort_and_ending (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(CrmContractList) list = crm_contract_list_new (office->db.store, office->boss);
  g_autoptr(CrmContractFilter) filter = crm_contract_filter_new ();
  g_autoptr(CrmContractListItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 soon, later, draft;
  guint calls = 0;

  soon = add_contract (office, "Bảo trì", "2026-01-01", "2026-06-11");
  later = add_contract (office, "Thuê máy", "2026-01-01", "2026-08-01");
  draft = add_contract (office, "Nháp", "2026-01-01", "2026-06-05");
  set_contract (office, soon, "active", 12000000);
  set_contract (office, later, "active", 5000000);

  crm_contract_list_set_today (list, "2026-06-01");
  g_assert_true (crm_contract_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &calls);

  /* Active ones, the one ending first first. */
  filter->status = CRM_CONTRACT_STATUS_ACTIVE;
  filter->sort = CRM_CONTRACT_SORT_ENDS_ON;
  filter->ascending = TRUE;
  g_assert_true (crm_contract_list_set_filter (list, filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  /* The same filter again changes nothing. */
  g_assert_true (crm_contract_list_set_filter (list, filter, &error));
  g_assert_cmpuint (calls, ==, 1);

  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (crm_contract_list_item_get_id (item), ==, soon);
  g_assert_true (crm_contract_list_item_get_ending_soon (item));
  g_assert_cmpstr (crm_contract_list_item_get_ends_note (item), ==, "Ends in 10 days");
  g_assert_cmpstr (crm_contract_list_item_get_text (item, "value"), ==, "12.000.000 ₫");
  g_assert_cmpstr (crm_contract_list_item_get_text (item, "status"), ==, "Active");
  g_assert_cmpstr (crm_contract_list_item_get_text (item, "signed"), ==, "01/01/2026");
  g_clear_object (&item);
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (crm_contract_list_item_get_id (item), ==, later);
  g_assert_false (crm_contract_list_item_get_ending_soon (item));
  g_assert_null (crm_contract_list_item_get_ends_note (item));
  g_clear_object (&item);

  /* A draft ending in four days is not "ending soon": it never began. */
  filter->status = CRM_CONTRACT_STATUS_DRAFT;
  g_assert_true (crm_contract_list_set_filter (list, filter, &error));
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (crm_contract_list_item_get_id (item), ==, draft);
  g_assert_false (crm_contract_list_item_get_ending_soon (item));
  g_clear_object (&item);

  /* The day it ends, and past it. */
  filter->status = CRM_CONTRACT_STATUS_ACTIVE;
  g_assert_true (crm_contract_list_set_filter (list, filter, &error));
  crm_contract_list_set_today (list, "2026-06-11");
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (crm_contract_list_item_get_ends_note (item), ==, "Ends today");
  g_clear_object (&item);
  crm_contract_list_set_today (list, "2026-06-12");
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_false (crm_contract_list_item_get_ending_soon (item));
  g_clear_object (&item);

  /* Words: the code typed without its tone mark. */
  filter->status = -1;
  g_free (filter->search);
  filter->search = g_strdup ("hd-2026-0002");
  g_assert_true (crm_contract_list_set_filter (list, filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (crm_contract_list_item_get_id (item), ==, later);
}

/* Staff who see only their own customers see none of another's contracts. */
static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmContractList) theirs = NULL;
  g_autoptr(CrmContractList) own = NULL;
  g_autoptr(GError) error = NULL;

  add_contract (office, "Bảo trì", "2026-01-01", "2026-06-11");
  add_contract (office, "Thuê máy", "2026-01-01", "2026-08-01");
  office_set_setting (office, "customer_visibility", "own");
  theirs = crm_contract_list_new (office->db.store, office->hung);
  own = crm_contract_list_new (office->db.store, office->lan);
  g_assert_true (crm_contract_list_reload (theirs, &error));
  g_assert_no_error (error);
  g_assert_true (crm_contract_list_reload (own, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (theirs)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (own)), ==, 2);
}

/* Export -------------------------------------------------------------------------- */

static char *
sheet_xml (const char *path)
{
  const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    {
      g_test_skip ("unzip is not installed");
      return NULL;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_export_read_back (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmContractFilter) filter = crm_contract_filter_new ();
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sokhach-contracts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hop-dong.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autofree char *sheet = NULL;
  g_autofree char *sql = NULL;
  guint64 n_rows = 0;
  gint64 active;

  active = add_contract (office, "Bảo trì máy in năm 2026", "2026-01-01", "2026-06-11");
  add_contract (office, "Nháp", "2026-01-01", "2026-06-05");
  set_contract (office, active, "active", 12345678);

  /* The table: the list's columns, typed, the filter under the title. */
  filter->status = CRM_CONTRACT_STATUS_ACTIVE;
  table = crm_contract_export_table (office->db.store, office->lan, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_export_table_get_title (table), ==, "Contract list");
  g_assert_cmpuint (crm_export_table_get_n_columns (table), ==, 9);
  g_assert_cmpint (crm_export_table_get_column (table, 3)->kind, ==, CRM_EXPORT_DATE);
  g_assert_cmpint (crm_export_table_get_column (table, 6)->kind, ==, CRM_EXPORT_MONEY);
  g_assert_cmpstr (crm_export_table_get_subtitle (table, 0), ==, "Status: Active");
  g_assert_cmpstr (crm_export_table_get_subtitle (table, 1), ==, "1 contract");
  row = crm_export_row_new (table);
  g_assert_true (crm_export_table_next_row (table, row, &error));
  g_assert_cmpstr (crm_export_row_get_text (row, 0), ==, "HĐ-2026-0001");
  g_assert_cmpstr (crm_export_row_get_text (row, 2), ==, "Bảo trì máy in năm 2026");
  g_assert_cmpint (crm_export_row_get_number (row, 6), ==, 12345678);
  g_assert_cmpuint (g_date_get_day (crm_export_row_get_date (row, 5)), ==, 11);
  g_assert_false (crm_export_table_next_row (table, row, &error));
  g_assert_no_error (error);

  /* The file, read back. */
  g_assert_true (crm_contract_export (office->db.store, office->lan, filter, CRM_EXPORT_FORMAT_XLSX, dest,
                                      NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                             "AND entity = 'contract'"), >=, 1);
  if ((sheet = sheet_xml (path)) != NULL)
    {
      g_assert_nonnull (strstr (sheet, "<t>Contract list</t>"));
      g_assert_nonnull (strstr (sheet, "<t>HĐ-2026-0001</t>"));
      g_assert_nonnull (strstr (sheet, "<t>Bảo trì máy in năm 2026</t>"));
      g_assert_nonnull (strstr (sheet, "<v>12345678</v>"));
      g_assert_null (strstr (sheet, "<t>Nháp</t>"));
    }
  g_unlink (path);

  /* Without the export right: refused, no file. */
  sql = g_strdup_printf ("UPDATE users SET may_export = 0 WHERE id = %" G_GINT64_FORMAT, office->staff[0]);
  office_exec (office, sql);
  office_open_sessions (office);
  g_assert_false (crm_contract_export (office->db.store, office->lan, NULL, CRM_EXPORT_FORMAT_XLSX, dest,
                                       NULL, &n_rows, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/contract-list/lazy-pages", Office, NULL, office_setup, test_lazy_pages, office_teardown);
  g_test_add ("/contract-list/filter-sort-and-ending-soon", Office, NULL, office_setup,
              test_filter_sort_and_ending, office_teardown);
  g_test_add ("/contract-list/visibility", Office, NULL, office_setup, test_visibility, office_teardown);
  g_test_add ("/contract-list/export-read-back", Office, NULL, office_setup, test_export_read_back,
              office_teardown);
  return g_test_run ();
}
