/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-error.h"
#include "crm-product-store.h"
#include "crm-search-store.h"
#include "test-fixture.h"

/* A catalogue with two levels of categories, a manager and two staff
 * members, one of whom may see costs. */
typedef struct
{
  CrmTestDb   db;
  gint64      manager_id, staff_id, costs_id;
  CrmSession *manager;
  CrmSession *staff;
  CrmSession *costs;
  gint64      office, computers, keyboards, furniture;
} Catalogue;

/* Reading and writing behind the store's back ---------------------------------- */

static sqlite3 *
open_side (Catalogue *cat)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (cat->db.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
exec_sql (Catalogue  *cat,
          const char *sql)
{
  sqlite3 *db = open_side (cat);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The first column of every row of @sql, joined with "|". */
static char *
query_text (Catalogue  *cat,
            const char *sql)
{
  sqlite3 *db = open_side (cat);
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                            sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0) : "");
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
query_int (Catalogue  *cat,
           const char *sql)
{
  g_autofree char *text = query_text (cat, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Everything the product code writes, to check that a refused change left
 * the file as it was. */
static char *
snapshot (Catalogue *cat)
{
  g_autofree char *products =
    query_text (cat, "SELECT id || ',' || code || ',' || name || ',' || unit || ',' || list_price || ',' "
                     "|| cost_price || ',' || vat_rate_bp || ',' || coalesce (category_id, '') || ',' "
                     "|| active || ',' || coalesce (description, '') || ',' || updated_at "
                     "FROM products ORDER BY id");
  g_autofree char *categories =
    query_text (cat, "SELECT id || ',' || name FROM product_categories ORDER BY id");
  g_autofree char *docs =
    query_text (cat, "SELECT ref_id || ',' || body FROM search_docs WHERE kind = 'product' ORDER BY id");
  g_autofree char *counter = query_text (cat, "SELECT coalesce (max (value), 0) FROM counters");
  g_autofree char *audit = query_text (cat, "SELECT count(*) FROM audit_log");

  return g_strjoin ("\n", products, categories, docs, counter, audit, NULL);
}

/* Set-up ------------------------------------------------------------------------ */

static gint64
add_category (Catalogue  *cat,
              const char *name,
              gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_product_store_create_category (cat->db.store, cat->db.admin, name, parent_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_product (Catalogue  *cat,
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
  crm_product_set_unit (product, "cái");
  crm_product_set_list_price (product, list_price);
  crm_product_set_cost_price (product, cost_price);
  crm_product_set_category_id (product, category_id);
  id = crm_product_store_create (cat->db.store, cat->db.admin, product, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CrmSession *
add_user (Catalogue  *cat,
          const char *login,
          const char *name,
          CrmRole     role,
          gint64     *id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session;

  *id = crm_user_store_create (cat->db.store, cat->db.admin, login, name, role, 0, &error);
  g_assert_no_error (error);
  session = crm_user_store_open_session (cat->db.store, *id, &error);
  g_assert_no_error (error);
  return session;
}

static void
catalogue_setup (Catalogue     *cat,
                 gconstpointer  data)
{
  g_autofree char *grant = NULL;

  crm_test_db_setup (&cat->db, data);
  cat->manager = add_user (cat, "hung.le", "Lê Văn Hùng", CRM_ROLE_MANAGER, &cat->manager_id);
  cat->staff = add_user (cat, "lan.tran", "Trần Thị Lan", CRM_ROLE_STAFF, &cat->staff_id);
  cat->costs = add_user (cat, "mai.pham", "Phạm Thị Mai", CRM_ROLE_STAFF, &cat->costs_id);
  grant = g_strdup_printf ("UPDATE users SET may_see_cost = 1 WHERE id = %" G_GINT64_FORMAT,
                           cat->costs_id);
  exec_sql (cat, grant);

  cat->office = add_category (cat, "Thiết bị văn phòng", 0);
  cat->computers = add_category (cat, "Máy tính", cat->office);
  cat->keyboards = add_category (cat, "Bàn phím và chuột", cat->computers);
  cat->furniture = add_category (cat, "Nội thất", 0);
}

static void
catalogue_teardown (Catalogue     *cat,
                    gconstpointer  data)
{
  g_clear_object (&cat->manager);
  g_clear_object (&cat->staff);
  g_clear_object (&cat->costs);
  crm_test_db_teardown (&cat->db, data);
}

/* "code" of every product of a page, joined by "|". */
static char *
codes_of (GPtrArray *products)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < products->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                            crm_product_get_code (g_ptr_array_index (products, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
fetch_codes (Catalogue              *cat,
             CrmSession             *session,
             const CrmProductFilter *filter,
             guint                   offset,
             guint                   limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = crm_product_store_fetch (cat->db.store, session, filter, offset,
                                                           limit, &error);

  g_assert_no_error (error);
  return codes_of (products);
}

static gint64
count (Catalogue              *cat,
       CrmSession             *session,
       const CrmProductFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = crm_product_store_count (cat->db.store, session, filter, &error);

  g_assert_no_error (error);
  return n;
}

/* Create, read, update ------------------------------------------------------------ */

static void
test_create_and_get (Catalogue     *cat,
                     gconstpointer  data)
{
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(CrmProduct) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *doc = NULL;
  gint64 id;

  crm_product_set_code (product, "  BP-01 ");
  crm_product_set_name (product, "  Bàn phím cơ Akko 3068 ");
  crm_product_set_unit (product, " cái ");
  crm_product_set_list_price (product, 1290000);
  crm_product_set_cost_price (product, 950000);
  crm_product_set_vat_rate_bp (product, 1000);
  crm_product_set_category_id (product, cat->keyboards);
  crm_product_set_description (product, "   ");
  id = crm_product_store_create (cat->db.store, cat->db.admin, product, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (crm_product_get_id (product), ==, id);
  g_assert_cmpstr (crm_product_get_code (product), ==, "BP-01");

  read = crm_product_store_get (cat->db.store, cat->db.admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_product_get_code (read), ==, "BP-01");
  g_assert_cmpstr (crm_product_get_name (read), ==, "Bàn phím cơ Akko 3068");
  g_assert_cmpstr (crm_product_get_unit (read), ==, "cái");
  g_assert_cmpint (crm_product_get_list_price (read), ==, 1290000);
  g_assert_cmpint (crm_product_get_cost_price (read), ==, 950000);
  g_assert_false (crm_product_get_cost_hidden (read));
  g_assert_cmpint (crm_product_get_vat_rate_bp (read), ==, 1000);
  g_assert_cmpint (crm_product_get_category_id (read), ==, cat->keyboards);
  g_assert_cmpstr (crm_product_get_category_name (read), ==, "Bàn phím và chuột");
  g_assert_true (crm_product_get_active (read));
  g_assert_null (crm_product_get_description (read));

  /* One audit row per field set, by the administrator who created it. */
  audit = query_text (cat, "SELECT action || ' ' || field || '=' || coalesce (new_value, '') || ' by ' "
                           "|| user_id FROM audit_log WHERE entity = 'product' ORDER BY id");
  {
    g_autofree char *expected =
      g_strdup_printf ("create code=BP-01 by %1$" G_GINT64_FORMAT "|create name=Bàn phím cơ Akko 3068 by %1$"
                       G_GINT64_FORMAT "|create unit=cái by %1$" G_GINT64_FORMAT
                       "|create list_price=1290000 by %1$" G_GINT64_FORMAT
                       "|create cost_price=950000 by %1$" G_GINT64_FORMAT
                       "|create vat_rate_bp=1000 by %1$" G_GINT64_FORMAT
                       "|create category_id=%2$" G_GINT64_FORMAT " by %1$" G_GINT64_FORMAT,
                       crm_session_get_user_id (cat->db.admin), cat->keyboards);
    g_assert_cmpstr (audit, ==, expected);
  }
  /* Its search document: folded code, number, name and category. */
  doc = query_text (cat, "SELECT body FROM search_docs WHERE kind = 'product'");
  g_assert_cmpstr (doc, ==, "bp-01 1 ban phim co akko 3068 ban phim va chuot");

  g_clear_error (&error);
  g_assert_null (crm_product_store_get (cat->db.store, cat->db.admin, id + 100, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
expect_invalid (Catalogue   *cat,
                CrmProduct  *product,
                int          code,
                const char  *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (cat);
  g_autofree char *after = NULL;

  g_assert_cmpint (crm_product_store_create (cat->db.store, cat->db.admin, product, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  after = snapshot (cat);
  g_assert_cmpstr (before, ==, after);
}

static void
test_validation (Catalogue     *cat,
                 gconstpointer  data)
{
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(CrmProduct) copy = NULL;

  crm_product_set_name (product, "   ");
  expect_invalid (cat, product, CRM_VALIDATION_ERROR_REQUIRED, "name");

  crm_product_set_name (product, "Ghế xoay");
  crm_product_set_code (product, "GX 01");
  expect_invalid (cat, product, CRM_VALIDATION_ERROR_FORMAT, "spaces");

  crm_product_set_code (product, "GX-0123456789012345678901234567890");
  expect_invalid (cat, product, CRM_VALIDATION_ERROR_RANGE, "32");

  crm_product_set_code (product, "GX-01");
  crm_product_set_list_price (product, -1);
  expect_invalid (cat, product, CRM_VALIDATION_ERROR_RANGE, "list price");

  crm_product_set_list_price (product, 2500000);
  crm_product_set_cost_price (product, -5);
  expect_invalid (cat, product, CRM_VALIDATION_ERROR_RANGE, "cost price");

  crm_product_set_cost_price (product, 0);
  crm_product_set_vat_rate_bp (product, 700);
  expect_invalid (cat, product, CRM_VALIDATION_ERROR_RANGE, "VAT");
  for (int rate = 0; rate <= 1000; rate += 100)
    g_assert_cmpint (crm_product_vat_rate_is_valid (rate), ==,
                     rate == 0 || rate == 500 || rate == 800 || rate == 1000);

  /* A category that does not exist is refused too, before anything is written. */
  crm_product_set_vat_rate_bp (product, 500);
  crm_product_set_category_id (product, 9999);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *before = snapshot (cat);
    g_autofree char *after = NULL;

    g_assert_cmpint (crm_product_store_create (cat->db.store, cat->db.admin, product, &error), ==, 0);
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
    after = snapshot (cat);
    g_assert_cmpstr (before, ==, after);
  }

  /* Fixed, it goes in; the copy an editor works on is equal. */
  crm_product_set_category_id (product, cat->furniture);
  copy = crm_product_copy (product);
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (crm_product_store_create (cat->db.store, cat->db.admin, copy, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (crm_product_get_vat_rate_bp (copy), ==, 500);
    g_assert_cmpstr (crm_product_get_code (copy), ==, "GX-01");
  }
}

static void
test_generated_codes (Catalogue     *cat,
                      gconstpointer  data)
{
  gint64 first = add_product (cat, NULL, "Giấy A4 Double A", 75000, 60000, 0);
  g_autofree char *codes = NULL;
  g_autoptr(CrmProduct) read = NULL;
  g_autoptr(GError) error = NULL;

  /* Someone typed the next code by hand: it is skipped. */
  add_product (cat, "sp0002", "Bút bi Thiên Long", 5000, 3500, 0);
  add_product (cat, "", "Kẹp giấy", 12000, 8000, 0);
  codes = query_text (cat, "SELECT code FROM products ORDER BY id");
  g_assert_cmpstr (codes, ==, "SP0001|sp0002|SP0003");

  read = crm_product_store_get (cat->db.store, cat->db.admin, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_product_get_code (read), ==, "SP0001");
}

static void
test_duplicate_code (Catalogue     *cat,
                     gconstpointer  data)
{
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(CrmProduct) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 second;

  add_product (cat, "BP-01", "Bàn phím cơ", 1290000, 950000, cat->keyboards);
  second = add_product (cat, "CH-01", "Chuột không dây", 250000, 150000, cat->keyboards);
  before = snapshot (cat);

  /* The same code in another case is the same code. */
  crm_product_set_code (product, "bp-01");
  crm_product_set_name (product, "Bàn phím giả");
  g_assert_cmpint (crm_product_store_create (cat->db.store, cat->manager, product, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“bp-01”"));
  g_assert_nonnull (strstr (error->message, "“Bàn phím cơ”"));
  g_assert_cmpint (crm_product_get_id (product), ==, 0);
  after = snapshot (cat);
  g_assert_cmpstr (before, ==, after);

  /* Renaming another product's code onto it is refused as well ... */
  g_clear_error (&error);
  other = crm_product_store_get (cat->db.store, cat->manager, second, &error);
  g_assert_no_error (error);
  crm_product_set_code (other, "BP-01");
  g_assert_false (crm_product_store_update (cat->db.store, cat->manager, other, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_free (after);
  after = snapshot (cat);
  g_assert_cmpstr (before, ==, after);

  /* ... while a product keeps its own code through an update. */
  g_clear_error (&error);
  crm_product_set_code (other, "CH-01");
  crm_product_set_name (other, "Chuột không dây Logitech");
  g_assert_true (crm_product_store_update (cat->db.store, cat->manager, other, &error));
  g_assert_no_error (error);
}

static void
test_update_audit (Catalogue     *cat,
                   gconstpointer  data)
{
  gint64 id = add_product (cat, "MI-01", "Máy in Canon", 3850000, 3200000, cat->office);
  g_autoptr(CrmProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *sql = NULL;

  product = crm_product_store_get (cat->db.store, cat->db.admin, id, &error);
  g_assert_no_error (error);
  crm_product_set_name (product, "Máy in laser Canon LBP 2900");
  crm_product_set_list_price (product, 3990000);
  crm_product_set_vat_rate_bp (product, 800);
  crm_product_set_category_id (product, cat->computers);
  crm_product_set_code (product, NULL);   /* blank: keeps the code */
  g_assert_true (crm_product_store_update (cat->db.store, cat->manager, product, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_product_get_code (product), ==, "MI-01");
  g_assert_cmpstr (crm_product_get_category_name (product), ==, "Máy tính");

  sql = g_strdup_printf ("SELECT field || ':' || coalesce (old_value, '') || '>' || coalesce (new_value, '') "
                         "FROM audit_log WHERE entity = 'product' AND action = 'update' "
                         "AND entity_id = %" G_GINT64_FORMAT " ORDER BY id", id);
  audit = query_text (cat, sql);
  {
    g_autofree char *expected =
      g_strdup_printf ("name:Máy in Canon>Máy in laser Canon LBP 2900|list_price:3850000>3990000|"
                       "vat_rate_bp:1000>800|category_id:%" G_GINT64_FORMAT ">%" G_GINT64_FORMAT,
                       cat->office, cat->computers);
    g_assert_cmpstr (audit, ==, expected);
  }

  /* The search document followed. */
  hits = crm_search_store_find (cat->db.store, cat->staff, "laser lbp", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((CrmSearchHit *) g_ptr_array_index (hits, 0))->ref_id, ==, id);

  /* Saving without a change writes no audit row. */
  {
    gint64 before = query_int (cat, "SELECT count(*) FROM audit_log");

    g_assert_true (crm_product_store_update (cat->db.store, cat->manager, product, &error));
    g_assert_cmpint (query_int (cat, "SELECT count(*) FROM audit_log"), ==, before);
  }
}

/* Costs --------------------------------------------------------------------------------- */

static void
assert_cost (Catalogue  *cat,
             CrmSession *session,
             gint64      id,
             gint64      expected,
             gboolean    hidden)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProduct) product = crm_product_store_get (cat->db.store, session, id, &error);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();

  g_assert_no_error (error);
  g_assert_cmpint (crm_product_get_cost_price (product), ==, expected);
  g_assert_cmpint (crm_product_get_cost_hidden (product), ==, hidden);

  /* The list reads it the same way. */
  filter->sort = CRM_PRODUCT_SORT_CODE;
  page = crm_product_store_fetch (cat->db.store, session, filter, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      CrmProduct *row = g_ptr_array_index (page, i);

      if (crm_product_get_id (row) != id)
        continue;
      g_assert_cmpint (crm_product_get_cost_price (row), ==, expected);
      g_assert_cmpint (crm_product_get_cost_hidden (row), ==, hidden);
    }
}

static void
test_cost_hidden (Catalogue     *cat,
                  gconstpointer  data)
{
  gint64 id = add_product (cat, "BP-01", "Bàn phím cơ", 1290000, 950000, cat->keyboards);
  g_autoptr(CrmProduct) product = NULL;
  g_autoptr(CrmProduct) created = crm_product_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 created_id;

  assert_cost (cat, cat->db.admin, id, 950000, FALSE);
  assert_cost (cat, cat->costs, id, 950000, FALSE);
  assert_cost (cat, cat->staff, id, 0, TRUE);
  assert_cost (cat, cat->manager, id, 0, TRUE);

  /* The switch is read from the account at every query. */
  exec_sql (cat, "UPDATE users SET may_see_cost = 0 WHERE login = 'mai.pham'");
  assert_cost (cat, cat->costs, id, 0, TRUE);
  exec_sql (cat, "UPDATE users SET may_see_cost = 1 WHERE login = 'mai.pham'");
  assert_cost (cat, cat->costs, id, 950000, FALSE);

  /* A manager who may not see costs edits the product: the cost stays. */
  product = crm_product_store_get (cat->db.store, cat->manager, id, &error);
  g_assert_no_error (error);
  crm_product_set_list_price (product, 1350000);
  g_assert_true (crm_product_store_update (cat->db.store, cat->manager, product, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT cost_price || ',' || list_price FROM products WHERE id = %" G_GINT64_FORMAT, id);
  {
    g_autofree char *stored = query_text (cat, sql);
    g_assert_cmpstr (stored, ==, "950000,1350000");
  }
  g_assert_cmpint (query_int (cat, "SELECT count(*) FROM audit_log WHERE field = 'cost_price' "
                                   "AND action = 'update'"), ==, 0);

  /* Typing a cost anyway changes nothing either. */
  crm_product_set_cost_price (product, 1);
  g_assert_true (crm_product_store_update (cat->db.store, cat->manager, product, &error));
  {
    g_autofree char *stored = query_text (cat, sql);
    g_assert_cmpstr (stored, ==, "950000,1350000");
  }

  /* And a product such a manager creates costs 0. */
  crm_product_set_name (created, "Chuột Logitech");
  crm_product_set_cost_price (created, 150000);
  created_id = crm_product_store_create (cat->db.store, cat->manager, created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_product_get_cost_price (created), ==, 0);
  g_assert_true (crm_product_get_cost_hidden (created));
  g_free (sql);
  sql = g_strdup_printf ("SELECT cost_price FROM products WHERE id = %" G_GINT64_FORMAT, created_id);
  g_assert_cmpint (query_int (cat, sql), ==, 0);
}

/* Lists ----------------------------------------------------------------------------------- */

static const struct
{
  const char *code;
  const char *name;
} names[] = {
  { "P01", "Đèn bàn LED" },
  { "P02", "Dây cáp mạng" },
  { "P03", "Bàn phím cơ" },
  { "P04", "Ấm đun nước" },
  { "P05", "Ăng-ten" },
  { "P06", "Áo mưa" },
  { "P07", "Bảng trắng" },
  { "P08", "Ổ cứng SSD" },
  { "P09", "Ống nhòm" },
  { "P10", "Ơ-ten" },
  { "P11", "Ghế xoay" },
  { "P12", "Giấy A4" },
  { "P13", "Chuột không dây" },
  { "P14", "Cặp tài liệu" },
  { "P15", "Ứng dụng kế toán" },
  { "P16", "Ưu đãi bảo hành" },
  { "P17", "Tủ hồ sơ" },
  { "P18", "Tai nghe" },
  { "P19", "Bàn làm việc" },
  { "P20", "Bút bi" },
  { "P21", "Ổ cắm điện" },
  { "P22", "Màn hình 24 inch" },
};

static void
add_many (Catalogue *cat)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_product (cat, names[i].code, names[i].name, 100000 + i, 0,
                 i % 3 == 0 ? cat->computers : i % 3 == 1 ? cat->office : cat->furniture);
}

static void
test_paging_and_sort (Catalogue     *cat,
                      gconstpointer  data)
{
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();
  g_autoptr(GString) paged = g_string_new (NULL);
  g_autofree char *all = NULL;
  g_autofree char *by_code = NULL;
  g_autofree char *by_code_desc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;

  add_many (cat);
  g_assert_cmpint (count (cat, cat->staff, filter), ==, G_N_ELEMENTS (names));

  /* Vietnamese order: a ă â, d before đ, o ô ơ, u ư. */
  first = crm_product_store_fetch (cat->db.store, cat->staff, filter, 0, 6, &error);
  g_assert_no_error (error);
  {
    const char *expected[] = { "Áo mưa", "Ăng-ten", "Ấm đun nước", "Bàn làm việc", "Bàn phím cơ", "Bảng trắng" };

    g_assert_cmpuint (first->len, ==, 6);
    for (guint i = 0; i < 6; i++)
      g_assert_cmpstr (crm_product_get_name (g_ptr_array_index (first, i)), ==, expected[i]);
  }
  all = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (all, ==, "P06|P05|P04|P19|P03|P07|P20|P14|P13|P02|P01|P11|P12|P22|P21|P08|P09|P10|"
                            "P18|P17|P15|P16");

  /* Pages of 5 put together are the whole list, without overlap. */
  for (guint offset = 0; offset < G_N_ELEMENTS (names); offset += 5)
    {
      g_autofree char *page = fetch_codes (cat, cat->staff, filter, offset, 5);

      g_string_append_printf (paged, "%s%s", offset > 0 ? "|" : "", page);
    }
  g_assert_cmpstr (paged->str, ==, all);
  {
    g_autofree char *past_end = fetch_codes (cat, cat->staff, filter, 100, 5);
    g_assert_cmpstr (past_end, ==, "");
  }

  filter->sort = CRM_PRODUCT_SORT_CODE;
  by_code = fetch_codes (cat, cat->staff, filter, 0, 3);
  g_assert_cmpstr (by_code, ==, "P01|P02|P03");
  filter->ascending = FALSE;
  by_code_desc = fetch_codes (cat, cat->staff, filter, 0, 3);
  g_assert_cmpstr (by_code_desc, ==, "P22|P21|P20");
}

static void
test_filters (Catalogue     *cat,
              gconstpointer  data)
{
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *computers = NULL;
  g_autofree char *inactive = NULL;

  add_many (cat);
  filter->sort = CRM_PRODUCT_SORT_CODE;

  /* A category takes its sub-categories with it. */
  filter->category_id = cat->office;
  g_assert_cmpint (count (cat, cat->staff, filter), ==, 15);
  filter->category_id = cat->computers;
  computers = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (computers, ==, "P01|P04|P07|P10|P13|P16|P19|P22");
  filter->category_id = cat->keyboards;
  g_assert_cmpint (count (cat, cat->staff, filter), ==, 0);
  filter->category_id = cat->furniture;
  g_assert_cmpint (count (cat, cat->staff, filter), ==, 7);

  /* Active and inactive. */
  filter->category_id = 0;
  g_assert_true (crm_product_store_set_active (cat->db.store, cat->manager,
                                               query_int (cat, "SELECT id FROM products WHERE code = 'P03'"),
                                               FALSE, &error));
  g_assert_no_error (error);
  filter->active = 0;
  inactive = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (inactive, ==, "P03");
  filter->active = 1;
  g_assert_cmpint (count (cat, cat->staff, filter), ==, G_N_ELEMENTS (names) - 1);
  filter->active = -1;
  g_assert_cmpint (count (cat, cat->staff, filter), ==, G_N_ELEMENTS (names));

  /* Switched-off accounts read nothing. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE users SET active = 0 WHERE id = %" G_GINT64_FORMAT,
                                            cat->staff_id);

    exec_sql (cat, sql);
    g_assert_cmpint (count (cat, cat->staff, filter), ==, 0);
  }
}

static void
test_search (Catalogue     *cat,
             gconstpointer  data)
{
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();
  g_autofree char *found = NULL;

  add_many (cat);
  add_product (cat, "BP-0042", "Bàn phím không dây Logitech K380", 790000, 0, cat->keyboards);
  filter->sort = CRM_PRODUCT_SORT_CODE;

  /* Without tones, in any case. */
  g_free (filter->search);
  filter->search = g_strdup ("ban phim");
  found = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (found, ==, "BP-0042|P03");
  g_assert_cmpint (count (cat, cat->staff, filter), ==, 2);

  g_free (filter->search);
  filter->search = g_strdup ("DEN");
  g_free (found);
  found = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (found, ==, "P01");

  /* A code, or its number, as it is being typed. */
  g_free (filter->search);
  filter->search = g_strdup ("bp-00");
  g_free (found);
  found = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (found, ==, "BP-0042");
  g_free (filter->search);
  filter->search = g_strdup ("42");
  g_free (found);
  found = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (found, ==, "BP-0042");

  /* By category name, and together with a category filter. */
  g_free (filter->search);
  filter->search = g_strdup ("noi that");
  g_assert_cmpint (count (cat, cat->staff, filter), ==, 7);
  filter->category_id = cat->computers;
  g_free (filter->search);
  filter->search = g_strdup ("ban");
  g_free (found);
  found = fetch_codes (cat, cat->staff, filter, 0, 100);
  g_assert_cmpstr (found, ==, "BP-0042|P01|P07|P19");

  /* Nothing matches: nothing. */
  filter->category_id = 0;
  g_free (filter->search);
  filter->search = g_strdup ("tu lanh");
  g_assert_cmpint (count (cat, cat->staff, filter), ==, 0);
}

/* Permissions, deactivation, deletion ------------------------------------------------------ */

static void
test_staff_refused (Catalogue     *cat,
                    gconstpointer  data)
{
  gint64 id = add_product (cat, "BP-01", "Bàn phím cơ", 1290000, 950000, cat->keyboards);
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(CrmProduct) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (cat);
  g_autofree char *after = NULL;

  crm_product_set_name (product, "Chuột");
  g_assert_cmpint (crm_product_store_create (cat->db.store, cat->costs, product, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  existing = crm_product_store_get (cat->db.store, cat->staff, id, &error);
  g_assert_no_error (error);
  crm_product_set_name (existing, "Bàn phím đã đổi");
  g_assert_false (crm_product_store_update (cat->db.store, cat->staff, existing, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_false (crm_product_store_set_active (cat->db.store, cat->staff, id, FALSE, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_false (crm_product_store_delete (cat->db.store, cat->staff, id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_cmpint (crm_product_store_create_category (cat->db.store, cat->staff, "Máy chiếu", 0, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  after = snapshot (cat);
  g_assert_cmpstr (before, ==, after);

  /* A manager switched off since signing in may change nothing either. */
  exec_sql (cat, "UPDATE users SET active = 0 WHERE login = 'hung.le'");
  g_assert_cmpint (crm_product_store_create (cat->db.store, cat->manager, product, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
}

static void
test_deactivate_and_delete (Catalogue     *cat,
                            gconstpointer  data)
{
  gint64 sold = add_product (cat, "BP-01", "Bàn phím cơ", 1290000, 950000, cat->keyboards);
  gint64 typo = add_product (cat, "BP-02", "Bàn phíím", 1, 0, cat->keyboards);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *audit = NULL;

  /* A quote line names the first product. */
  sql = g_strdup_printf (
    "INSERT INTO customers (code, full_name, created_at, updated_at) VALUES ('KH9', 'Khách', 'x', 'x');"
    "INSERT INTO quotes (code, customer_id, issue_date, valid_until, created_at, updated_at) "
    "  VALUES ('BG-2026-0001', last_insert_rowid (), '2026-01-01', '2026-01-31', 'x', 'x');"
    "INSERT INTO quote_lines (quote_id, position, product_id, description, quantity_milli, unit_price) "
    "  VALUES (last_insert_rowid (), 1, %" G_GINT64_FORMAT ", 'Bàn phím', 1000, 1290000);", sold);
  exec_sql (cat, sql);

  before = snapshot (cat);
  g_assert_false (crm_product_store_delete (cat->db.store, cat->manager, sold, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "Deactivate"));
  after = snapshot (cat);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* Deactivating it is the way, audited; doing it twice changes nothing. */
  g_assert_true (crm_product_store_set_active (cat->db.store, cat->manager, sold, FALSE, &error));
  g_assert_true (crm_product_store_set_active (cat->db.store, cat->manager, sold, FALSE, &error));
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT action || ' ' || field || ' ' || old_value || '>' || new_value "
                         "FROM audit_log WHERE entity = 'product' AND entity_id = %" G_GINT64_FORMAT
                         " AND action <> 'create'", sold);
  audit = query_text (cat, sql);
  g_assert_cmpstr (audit, ==, "update active 1>0");

  /* The unused one can go, with its search document. */
  g_assert_true (crm_product_store_delete (cat->db.store, cat->manager, typo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (cat, "SELECT count(*) FROM products"), ==, 1);
  g_assert_cmpint (query_int (cat, "SELECT count(*) FROM search_docs WHERE kind = 'product'"), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'delete' AND entity_id = %"
                         G_GINT64_FORMAT, typo);
  g_assert_cmpint (query_int (cat, sql), ==, 2);

  g_assert_false (crm_product_store_delete (cat->db.store, cat->manager, typo, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_categories (Catalogue     *cat,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_category (cat, "Dịch vụ", 0);
  add_category (cat, "Đồ dùng", 0);
  add_category (cat, "Ấn phẩm", 0);
  add_category (cat, "Chuột", cat->computers);

  list = crm_product_store_list_categories (cat->db.store, cat->staff, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      CrmProductCategory *node = g_ptr_array_index (list, i);

      g_string_append_printf (text, "%s%s %u", i > 0 ? "|" : "", node->name, node->depth);
    }
  g_assert_cmpstr (text->str, ==,
                   "Ấn phẩm 0|Dịch vụ 0|Đồ dùng 0|Nội thất 0|Thiết bị văn phòng 0|Máy tính 1|"
                   "Bàn phím và chuột 2|Chuột 2");
  g_assert_cmpint (((CrmProductCategory *) g_ptr_array_index (list, 5))->parent_id, ==, cat->office);

  /* Sibling names are compared without tones and case. */
  before = snapshot (cat);
  g_assert_cmpint (crm_product_store_create_category (cat->db.store, cat->manager, "CHUOT", cat->computers,
                                                      &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (crm_product_store_create_category (cat->db.store, cat->manager, "  ", 0, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (crm_product_store_create_category (cat->db.store, cat->manager, "Loa", 9999, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  after = snapshot (cat);
  g_assert_cmpstr (before, ==, after);

  /* The same name elsewhere in the tree is fine, and audited. */
  g_clear_error (&error);
  g_assert_cmpint (crm_product_store_create_category (cat->db.store, cat->manager, "Chuột", 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (cat, "SELECT count(*) FROM audit_log WHERE entity = 'product_category'"),
                   ==, 6 + 5 + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Catalogue, NULL, catalogue_setup, func, catalogue_teardown)

  ADD ("/store/product/create-and-get", test_create_and_get);
  ADD ("/store/product/validation", test_validation);
  ADD ("/store/product/generated-codes", test_generated_codes);
  ADD ("/store/product/duplicate-code", test_duplicate_code);
  ADD ("/store/product/update-audit", test_update_audit);
  ADD ("/store/product/cost-hidden", test_cost_hidden);
  ADD ("/store/product/paging-and-sort", test_paging_and_sort);
  ADD ("/store/product/filters", test_filters);
  ADD ("/store/product/search-without-tones", test_search);
  ADD ("/store/product/staff-refused", test_staff_refused);
  ADD ("/store/product/deactivate-and-delete", test_deactivate_and_delete);
  ADD ("/store/product/categories", test_categories);

#undef ADD

  return g_test_run ();
}
