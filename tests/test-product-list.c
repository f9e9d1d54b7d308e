/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "crm-error.h"
#include "crm-product-export.h"
#include "crm-product-list.h"
#include "crm-product-store.h"
#include "test-fixture.h"

/* The Products page's lazy model (counts, pages, tone-insensitive search,
 * filters, sort, costs hidden from staff) and its spreadsheet export. */

typedef struct
{
  CrmTestDb   db;
  CrmSession *staff;
  gint64      drinks, coffee, food;
} Shop;

static gint64
add_product (Shop       *shop,
             const char *code,
             const char *name,
             gint64      list_price,
             gint64      cost_price,
             gint64      category_id)
{
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_product_set_code (product, code);
  crm_product_set_name (product, name);
  crm_product_set_unit (product, "ly");
  crm_product_set_list_price (product, list_price);
  crm_product_set_cost_price (product, cost_price);
  crm_product_set_vat_rate_bp (product, 800);
  crm_product_set_category_id (product, category_id);
  id = crm_product_store_create (shop->db.store, shop->db.admin, product, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
shop_setup (Shop          *shop,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id;

  crm_test_db_setup (&shop->db, data);
  staff_id = crm_user_store_create (shop->db.store, shop->db.admin, "lan.tran", "Trần Thị Lan",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  shop->staff = crm_user_store_open_session (shop->db.store, staff_id, &error);
  g_assert_no_error (error);

  shop->drinks = crm_product_store_create_category (shop->db.store, shop->db.admin, "Đồ uống", 0, &error);
  g_assert_no_error (error);
  shop->coffee = crm_product_store_create_category (shop->db.store, shop->db.admin, "Cà phê", shop->drinks,
                                                    &error);
  g_assert_no_error (error);
  shop->food = crm_product_store_create_category (shop->db.store, shop->db.admin, "Đồ ăn", 0, &error);
  g_assert_no_error (error);

  add_product (shop, "CF01", "Cà phê sữa đá", 29000, 12000, shop->coffee);
  add_product (shop, "CF02", "Cà phê đen", 25000, 9000, shop->coffee);
  add_product (shop, "TR01", "Trà đào", 35000, 15000, shop->drinks);
  add_product (shop, "BM01", "Bánh mì thịt", 30000, 14000, shop->food);
}

static void
shop_teardown (Shop          *shop,
               gconstpointer  data)
{
  g_clear_object (&shop->staff);
  crm_test_db_teardown (&shop->db, data);
}

static CrmProduct *
item (CrmProductList *list,
      guint           position)
{
  return g_list_model_get_item (G_LIST_MODEL (list), position);
}

/* The codes of every item, joined by "|". */
static char *
codes (CrmProductList *list)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmProduct) product = item (list, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", crm_product_get_code (product));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
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
test_lazy_pages (Shop          *shop,
                 gconstpointer  data)
{
  g_autoptr(CrmProductList) list = crm_product_list_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProduct) first = NULL;
  g_autoptr(CrmProduct) last = NULL;
  g_autoptr(CrmProduct) again = NULL;
  guint calls = 0;

  for (guint i = 0; i < 246; i++)
    {
      g_autofree char *code = g_strdup_printf ("HH%03u", i);
      g_autofree char *name = g_strdup_printf ("Hàng mẫu %03u", i);

      add_product (shop, code, name, 1000 + i, 500, 0);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &calls);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (crm_product_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (g_list_model_get_item_type (G_LIST_MODEL (list)), ==, CRM_TYPE_PRODUCT);
  g_assert_cmpuint (crm_product_list_get_pages_fetched (list), ==, 0);

  /* By code: the last page only is read for the last item. */
  g_assert_true (crm_product_list_set_sort (list, CRM_PRODUCT_SORT_CODE, TRUE, &error));
  last = item (list, 249);
  g_assert_cmpstr (crm_product_get_code (last), ==, "TR01");
  g_assert_cmpuint (crm_product_list_get_pages_fetched (list), ==, 1);
  first = item (list, 0);
  g_assert_cmpstr (crm_product_get_code (first), ==, "BM01");
  g_assert_cmpuint (crm_product_list_get_pages_fetched (list), ==, 2);
  again = item (list, 1);
  g_assert_cmpstr (crm_product_get_code (again), ==, "CF01");
  g_assert_cmpuint (crm_product_list_get_pages_fetched (list), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 250));

  /* Descending puts it first. */
  g_clear_object (&first);
  g_assert_true (crm_product_list_set_sort (list, CRM_PRODUCT_SORT_CODE, FALSE, &error));
  first = item (list, 0);
  g_assert_cmpstr (crm_product_get_code (first), ==, "TR01");
}

static void
test_search_without_tones (Shop          *shop,
                           gconstpointer  data)
{
  g_autoptr(CrmProductList) list = crm_product_list_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *by_code = NULL;
  g_autofree char *by_word = NULL;
  g_autofree char *nothing = NULL;
  g_autofree char *cleared = NULL;

  g_assert_true (crm_product_list_reload (list, &error));
  g_assert_true (crm_product_list_set_sort (list, CRM_PRODUCT_SORT_CODE, TRUE, &error));
  g_assert_true (crm_product_list_set_search_text (list, "ca phe", &error));
  g_assert_no_error (error);
  found = codes (list);
  g_assert_cmpstr (found, ==, "CF01|CF02");
  g_assert_true (crm_product_list_set_search_text (list, "CÀ PHÊ SỮA", &error));
  g_clear_pointer (&found, g_free);
  found = codes (list);
  g_assert_cmpstr (found, ==, "CF01");
  g_assert_true (crm_product_list_set_search_text (list, "tr01", &error));
  by_code = codes (list);
  g_assert_cmpstr (by_code, ==, "TR01");
  g_assert_true (crm_product_list_set_search_text (list, "dao", &error));
  by_word = codes (list);
  g_assert_cmpstr (by_word, ==, "TR01");
  g_assert_true (crm_product_list_set_search_text (list, "pho bo", &error));
  nothing = codes (list);
  g_assert_cmpstr (nothing, ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (crm_product_list_set_search_text (list, "", &error));
  g_assert_no_error (error);
  cleared = codes (list);
  g_assert_cmpstr (cleared, ==, "BM01|CF01|CF02|TR01");
  g_assert_null (crm_product_list_get_filter (list)->search);
}

static void
test_filters (Shop          *shop,
              gconstpointer  data)
{
  g_autoptr(CrmProductList) list = crm_product_list_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;
  g_autofree char *drinks = NULL;
  g_autofree char *coffee = NULL;
  g_autofree char *active = NULL;
  g_autofree char *inactive = NULL;
  g_autofree char *by_name = NULL;
  gint64 tea_id = 0;
  guint calls = 0;

  g_assert_true (crm_product_list_set_sort (list, CRM_PRODUCT_SORT_CODE, TRUE, &error));
  /* Not loaded yet: filters do not query. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &calls);
  g_assert_true (crm_product_list_set_category (list, shop->drinks, &error));
  g_assert_cmpuint (calls, ==, 0);
  g_assert_true (crm_product_list_reload (list, &error));
  /* A category includes its sub-categories. */
  drinks = codes (list);
  g_assert_cmpstr (drinks, ==, "CF01|CF02|TR01");
  g_assert_true (crm_product_list_set_category (list, shop->coffee, &error));
  coffee = codes (list);
  g_assert_cmpstr (coffee, ==, "CF01|CF02");
  g_assert_true (crm_product_list_set_category (list, 0, &error));

  {
    g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();
    g_autoptr(GPtrArray) tea = NULL;

    filter->search = g_strdup ("TR01");
    tea = crm_product_store_fetch (shop->db.store, shop->db.admin, filter, 0, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tea->len, ==, 1);
    tea_id = crm_product_get_id (g_ptr_array_index (tea, 0));
  }
  g_assert_true (crm_product_store_set_active (shop->db.store, shop->db.admin, tea_id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (crm_product_list_set_active (list, 1, &error));
  active = codes (list);
  g_assert_cmpstr (active, ==, "BM01|CF01|CF02");
  g_assert_true (crm_product_list_set_active (list, 0, &error));
  inactive = codes (list);
  g_assert_cmpstr (inactive, ==, "TR01");
  g_assert_true (crm_product_list_set_active (list, -1, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);

  /* Vietnamese alphabetical order: B, C, T. */
  g_assert_true (crm_product_list_set_sort (list, CRM_PRODUCT_SORT_NAME, TRUE, &error));
  by_name = codes (list);
  g_assert_cmpstr (by_name, ==, "BM01|CF02|CF01|TR01");

  /* Setting the same filter again does not re-query. */
  calls = 0;
  g_assert_true (crm_product_list_set_sort (list, CRM_PRODUCT_SORT_NAME, TRUE, &error));
  g_assert_cmpuint (calls, ==, 0);
  g_assert_no_error (error);
}

/* Staff without the cost right read every product, but their costs as 0
 * and hidden; the administrator reads them. */
static void
test_costs_hidden_from_staff (Shop          *shop,
                              gconstpointer  data)
{
  g_autoptr(CrmProductList) staff_list = crm_product_list_new (shop->db.store, shop->staff);
  g_autoptr(CrmProductList) admin_list = crm_product_list_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_session_may (shop->staff, CRM_PERMISSION_SEE_COST));
  g_assert_true (crm_product_list_set_sort (staff_list, CRM_PRODUCT_SORT_CODE, TRUE, &error));
  g_assert_true (crm_product_list_set_sort (admin_list, CRM_PRODUCT_SORT_CODE, TRUE, &error));
  g_assert_true (crm_product_list_reload (staff_list, &error));
  g_assert_true (crm_product_list_reload (admin_list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staff_list)), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CrmProduct) seen = item (staff_list, i);
      g_autoptr(CrmProduct) full = item (admin_list, i);

      g_assert_cmpstr (crm_product_get_code (seen), ==, crm_product_get_code (full));
      g_assert_cmpint (crm_product_get_list_price (seen), ==, crm_product_get_list_price (full));
      g_assert_cmpint (crm_product_get_cost_price (seen), ==, 0);
      g_assert_true (crm_product_get_cost_hidden (seen));
      g_assert_cmpint (crm_product_get_cost_price (full), >, 0);
      g_assert_false (crm_product_get_cost_hidden (full));
    }
}

/* Renaming a category refuses a sibling's name, and the new name is
 * searchable at once. */
static void
test_rename_category (Shop          *shop,
                      gconstpointer  data)
{
  g_autoptr(CrmProductList) list = crm_product_list_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_false (crm_product_store_rename_category (shop->db.store, shop->db.admin, shop->food, "đồ uống",
                                                     &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_product_store_rename_category (shop->db.store, shop->staff, shop->food, "Bánh", &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_product_store_rename_category (shop->db.store, shop->db.admin, shop->food, "  ", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  g_assert_true (crm_product_store_rename_category (shop->db.store, shop->db.admin, shop->food,
                                                   " Bánh ngọt ", &error));
  g_assert_no_error (error);
  g_assert_true (crm_product_list_reload (list, &error));
  g_assert_true (crm_product_list_set_search_text (list, "banh ngot", &error));
  found = codes (list);
  g_assert_cmpstr (found, ==, "BM01");
  {
    g_autoptr(CrmProduct) bread = item (list, 0);

    g_assert_cmpstr (crm_product_get_category_name (bread), ==, "Bánh ngọt");
  }
}

/* Export --------------------------------------------------------------------------------- */

static char *
unzip_sheet (const char *path)
{
  const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL };
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
remove_file (const char *dir,
             const char *path)
{
  g_unlink (path);
  g_rmdir (dir);
}

/* The list as filtered, read back from the file: the coffee only, by
 * code, prices as numbers; the cost column for the administrator only. */
static void
test_export_read_back (Shop          *shop,
                       gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("sokhach-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "san-pham.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *staff_sheet = NULL;
  guint64 n_rows = 0;

  filter->category_id = shop->coffee;
  filter->sort = CRM_PRODUCT_SORT_CODE;
  g_assert_true (crm_product_export (shop->db.store, shop->db.admin, filter, CRM_EXPORT_FORMAT_XLSX, dest,
                                     NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  if (!(sheet = unzip_sheet (path)))
    {
      remove_file (dir, path);
      g_test_skip ("unzip is not installed");
      return;
    }
  g_assert_nonnull (strstr (sheet, "<t>Cà phê sữa đá</t>"));
  g_assert_nonnull (strstr (sheet, "<t>Cà phê đen</t>"));
  g_assert_null (strstr (sheet, "Trà đào"));
  g_assert_null (strstr (sheet, "Bánh mì"));
  g_assert_nonnull (strstr (sheet, "<t>Product category: Cà phê</t>"));
  /* Headings in row 5 (title block above), CF01 in row 6, CF02 in 7. */
  g_assert_nonnull (strstr (sheet, "<c r=\"A6\""));
  g_assert_nonnull (strstr (sheet, "<t>CF01</t>"));
  g_assert_true (strstr (sheet, "<t>CF01</t>") < strstr (sheet, "<t>CF02</t>"));
  g_assert_nonnull (strstr (sheet, "<c r=\"D6\" s=\""));
  g_assert_nonnull (strstr (sheet, "<v>29000</v>"));
  g_assert_nonnull (strstr (sheet, "<t>Cost price</t>"));
  g_assert_nonnull (strstr (sheet, "<v>12000</v>"));
  g_assert_nonnull (strstr (sheet, "<t>8 %</t>"));
  g_assert_cmpint (g_file_test (path, G_FILE_TEST_IS_REGULAR), ==, TRUE);

  /* Staff: no cost column, the prices still there. */
  g_assert_true (crm_product_export (shop->db.store, shop->staff, filter, CRM_EXPORT_FORMAT_XLSX, dest,
                                     NULL, &n_rows, &error));
  g_assert_no_error (error);
  staff_sheet = unzip_sheet (path);
  g_assert_nonnull (strstr (staff_sheet, "<v>29000</v>"));
  g_assert_null (strstr (staff_sheet, "Cost price"));
  g_assert_null (strstr (staff_sheet, "<v>12000</v>"));
  remove_file (dir, path);
}

/* A user without the export right writes no file. */
static void
test_export_refused (Shop          *shop,
                     gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("sokhach-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "san-pham.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (shop->db.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE users SET may_export = 0 WHERE login = 'lan.tran'", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (crm_product_export (shop->db.store, shop->staff, NULL, CRM_EXPORT_FORMAT_XLSX, dest, NULL,
                                      NULL, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Shop, NULL, shop_setup, func, shop_teardown)
  ADD ("/product-list/lazy-pages", test_lazy_pages);
  ADD ("/product-list/search-without-tones", test_search_without_tones);
  ADD ("/product-list/filters", test_filters);
  ADD ("/product-list/costs-hidden-from-staff", test_costs_hidden_from_staff);
  ADD ("/product-list/rename-category", test_rename_category);
  ADD ("/product-list/export-read-back", test_export_read_back);
  ADD ("/product-list/export-refused", test_export_refused);
#undef ADD

  return g_test_run ();
}
