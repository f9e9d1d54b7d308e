/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-category-store.h"
#include "crm-error.h"
#include "crm-pricing.h"
#include "crm-product-store.h"
#include "test-fixture.h"

/* The customer tree
 *
 *   Khách hàng                 customer "direct"
 *     Đại lý                   customer "agent"
 *       Đại lý cấp 1           customers "first" and "first_vip" (tag VIP)
 *   Khách lẻ                   customer "walk_in"
 *   (none)                     customer "vip" (tag VIP), "nobody"
 *
 * and the products
 *
 *   Thiết bị văn phòng > Bàn phím và chuột   keyboard 1 000 000 (10 %), cheap 100 000 (10 %)
 *   (none)                                   printer  5 000 000 (8 %), software 2 000 000 (0 %)
 */
typedef struct
{
  CrmTestDb   db;
  CrmSession *staff;
  gint64      staff_id;
  gint64      customers, agents, first_level, walk_ins;
  gint64      direct, agent, first, first_vip, walk_in, vip, nobody;
  gint64      vip_tag;
  gint64      equipment, keyboards;
  gint64      keyboard, cheap, printer, software;
} Shop;

/* Reading and writing behind the store's back ---------------------------------------- */

static sqlite3 *
open_side (Shop *shop)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (shop->db.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
exec_sql (Shop       *shop,
          const char *sql)
{
  sqlite3 *db = open_side (shop);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
query_text (Shop       *shop,
            const char *sql)
{
  sqlite3 *db = open_side (shop);
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
query_int (Shop       *shop,
           const char *sql)
{
  g_autofree char *text = query_text (shop, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Everything price policies write, to check a refused change wrote nothing. */
static char *
snapshot (Shop *shop)
{
  g_autofree char *lists =
    query_text (shop, "SELECT id || ',' || name || ',' || coalesce (customer_category_id, '') || ',' "
                      "|| coalesce (tag_id, '') || ',' || coalesce (valid_from, '') || ',' "
                      "|| coalesce (valid_to, '') || ',' || active || ',' || updated_at "
                      "FROM price_lists ORDER BY id");
  g_autofree char *items =
    query_text (shop, "SELECT price_list_id || ',' || product_id || ',' || price "
                      "FROM price_list_items ORDER BY 1");
  g_autofree char *promotions =
    query_text (shop, "SELECT id || ',' || name || ',' || discount_kind || ',' || discount_value || ',' "
                      "|| starts_on || ',' || ends_on || ',' || active || ',' || updated_at "
                      "FROM promotions ORDER BY id");
  g_autofree char *audit = query_text (shop, "SELECT count(*) FROM audit_log");

  return g_strjoin ("\n", lists, items, promotions, audit, NULL);
}

/* Set-up -------------------------------------------------------------------------------- */

static gint64
add_category (Shop       *shop,
              const char *name,
              gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_category_store_create (shop->db.store, shop->db.admin, name, parent_id, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_customer (Shop       *shop,
              const char *name,
              gint64      category_id,
              const char *tag,
              gint64      assigned_to)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->category_id = category_id;
  customer->assigned_to = assigned_to;
  if (tag != NULL)
    {
      customer->tags = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (customer->tags, g_strdup (tag));
    }
  id = crm_customer_store_create (shop->db.store, shop->db.admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_product (Shop       *shop,
             const char *code,
             const char *name,
             gint64      list_price,
             int         vat_bp,
             gint64      category_id)
{
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_product_set_code (product, code);
  crm_product_set_name (product, name);
  crm_product_set_list_price (product, list_price);
  crm_product_set_vat_rate_bp (product, vat_bp);
  crm_product_set_category_id (product, category_id);
  id = crm_product_store_create (shop->db.store, shop->db.admin, product, &error);
  g_assert_no_error (error);
  return id;
}

static void
shop_setup (Shop          *shop,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 admin_id;

  crm_test_db_setup (&shop->db, data);
  admin_id = crm_session_get_user_id (shop->db.admin);
  shop->staff_id = crm_user_store_create (shop->db.store, shop->db.admin, "lan.tran", "Trần Thị Lan",
                                          CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  shop->staff = crm_user_store_open_session (shop->db.store, shop->staff_id, &error);
  g_assert_no_error (error);

  shop->customers = add_category (shop, "Khách hàng", 0);
  shop->agents = add_category (shop, "Đại lý", shop->customers);
  shop->first_level = add_category (shop, "Đại lý cấp 1", shop->agents);
  shop->walk_ins = add_category (shop, "Khách lẻ", 0);

  shop->direct = add_customer (shop, "Công ty An Phát", shop->customers, NULL, admin_id);
  shop->agent = add_customer (shop, "Đại lý Bình Minh", shop->agents, NULL, admin_id);
  shop->first = add_customer (shop, "Đại lý Hưng Thịnh", shop->first_level, NULL, shop->staff_id);
  shop->first_vip = add_customer (shop, "Đại lý Phát Đạt", shop->first_level, "VIP", admin_id);
  shop->walk_in = add_customer (shop, "Nguyễn Văn An", shop->walk_ins, NULL, admin_id);
  shop->vip = add_customer (shop, "Trần Thị Bích", 0, "VIP", admin_id);
  shop->nobody = add_customer (shop, "Lê Văn Cường", 0, NULL, admin_id);
  shop->vip_tag = query_int (shop, "SELECT id FROM tags WHERE name = 'VIP'");
  g_assert_cmpint (shop->vip_tag, >, 0);

  shop->equipment = crm_product_store_create_category (shop->db.store, shop->db.admin,
                                                       "Thiết bị văn phòng", 0, &error);
  g_assert_no_error (error);
  shop->keyboards = crm_product_store_create_category (shop->db.store, shop->db.admin,
                                                       "Bàn phím và chuột", shop->equipment, &error);
  g_assert_no_error (error);
  shop->keyboard = add_product (shop, "BP-01", "Bàn phím cơ", 1000000, 1000, shop->keyboards);
  shop->cheap = add_product (shop, "CH-01", "Chuột có dây", 100000, 1000, shop->keyboards);
  shop->printer = add_product (shop, "MI-01", "Máy in laser", 5000000, 800, 0);
  shop->software = add_product (shop, "PM-01", "Phần mềm kế toán", 2000000, 0, 0);
}

static void
shop_teardown (Shop          *shop,
               gconstpointer  data)
{
  g_clear_object (&shop->staff);
  crm_test_db_teardown (&shop->db, data);
}

static gint64
add_price_list (Shop       *shop,
                const char *name,
                gint64      category_id,
                gint64      tag_id,
                const char *from,
                const char *to)
{
  g_autoptr(CrmPriceList) list = crm_price_list_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  list->name = g_strdup (name);
  list->customer_category_id = category_id;
  list->tag_id = tag_id;
  list->valid_from = g_strdup (from);
  list->valid_to = g_strdup (to);
  id = crm_pricing_create_price_list (shop->db.store, shop->db.admin, list, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_price (Shop   *shop,
           gint64  list_id,
           gint64  product_id,
           gint64  price)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_pricing_set_item (shop->db.store, shop->db.admin, list_id, product_id, price, &error));
  g_assert_no_error (error);
}

static gint64
add_promotion (Shop            *shop,
               const char      *name,
               gint64           product_id,
               gint64           product_category_id,
               gint64           customer_category_id,
               CrmDiscountKind  kind,
               gint64           value,
               const char      *starts,
               const char      *ends)
{
  g_autoptr(CrmPromotion) promotion = crm_promotion_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  promotion->name = g_strdup (name);
  promotion->product_id = product_id;
  promotion->product_category_id = product_category_id;
  promotion->customer_category_id = customer_category_id;
  promotion->discount_kind = kind;
  promotion->discount_value = value;
  promotion->starts_on = g_strdup (starts);
  promotion->ends_on = g_strdup (ends);
  id = crm_pricing_create_promotion (shop->db.store, shop->db.admin, promotion, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The line for @customer and @product on @date, as the administrator. */
static void
quote (Shop         *shop,
       gint64        customer_id,
       gint64        product_id,
       const char   *date,
       CrmLinePrice *line)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_pricing_quote_line (shop->db.store, shop->db.admin, customer_id, product_id, date,
                                         line, &error));
  g_assert_no_error (error);
}

static gint64
unit_price (Shop       *shop,
            gint64      customer_id,
            gint64      product_id,
            const char *date)
{
  g_auto(CrmLinePrice) line = { 0, };

  quote (shop, customer_id, product_id, date, &line);
  return line.unit_price;
}

static gint64
net_price (Shop       *shop,
           gint64      customer_id,
           gint64      product_id,
           const char *date)
{
  g_auto(CrmLinePrice) line = { 0, };

  quote (shop, customer_id, product_id, date, &line);
  g_assert_cmpint (line.net_unit_price, ==, line.unit_price - line.discount_amount);
  g_assert_cmpint (line.net_unit_price, >=, 0);
  return line.net_unit_price;
}

/* Price lists ------------------------------------------------------------------------------ */

static void
test_list_price (Shop          *shop,
                 gconstpointer  data)
{
  g_auto(CrmLinePrice) line = { 0, };
  g_autofree char *text = NULL;

  quote (shop, shop->walk_in, shop->keyboard, "2026-05-04", &line);
  g_assert_cmpint (line.product_id, ==, shop->keyboard);
  g_assert_cmpint (line.list_price, ==, 1000000);
  g_assert_cmpint (line.unit_price, ==, 1000000);
  g_assert_cmpint (line.source, ==, CRM_PRICE_SOURCE_LIST_PRICE);
  g_assert_cmpint (line.price_list_id, ==, 0);
  g_assert_null (line.price_list_name);
  g_assert_cmpstr (line.price_source_code, ==, "list");
  g_assert_cmpint (line.promotion_id, ==, 0);
  g_assert_cmpint (line.discount_amount, ==, 0);
  g_assert_cmpint (line.net_unit_price, ==, 1000000);
  g_assert_cmpstr (line.on_date, ==, "2026-05-04");
  text = crm_line_price_describe (&line);
  g_assert_cmpstr (text, ==, "List price");

  /* No customer at all, and a date typed the Vietnamese way. */
  crm_line_price_clear (&line);
  quote (shop, 0, shop->printer, "04/05/2026", &line);
  g_assert_cmpint (line.unit_price, ==, 5000000);
  g_assert_cmpstr (line.on_date, ==, "2026-05-04");

  /* Today when no date is given. */
  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->printer, NULL, &line);
  g_assert_cmpuint (strlen (line.on_date), ==, 10);
}

static void
test_category_nearest (Shop          *shop,
                       gconstpointer  data)
{
  gint64 everyone = add_price_list (shop, "Khách hàng thân thiết", shop->customers, 0, NULL, NULL);
  gint64 agents = add_price_list (shop, "Giá đại lý", shop->agents, 0, NULL, NULL);
  g_auto(CrmLinePrice) line = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *source = g_strdup_printf ("price_list:%" G_GINT64_FORMAT, agents);

  set_price (shop, everyone, shop->keyboard, 900000);
  set_price (shop, everyone, shop->printer, 4800000);
  set_price (shop, agents, shop->keyboard, 850000);

  /* The nearest node with a price for the product wins. */
  quote (shop, shop->first, shop->keyboard, "2026-05-04", &line);
  g_assert_cmpint (line.unit_price, ==, 850000);
  g_assert_cmpint (line.source, ==, CRM_PRICE_SOURCE_CATEGORY_LIST);
  g_assert_cmpint (line.price_list_id, ==, agents);
  g_assert_cmpstr (line.price_list_name, ==, "Giá đại lý");
  g_assert_cmpstr (line.price_source_code, ==, source);
  text = crm_line_price_describe (&line);
  g_assert_cmpstr (text, ==, "Price list “Giá đại lý”");

  g_assert_cmpint (unit_price (shop, shop->agent, shop->keyboard, "2026-05-04"), ==, 850000);
  g_assert_cmpint (unit_price (shop, shop->direct, shop->keyboard, "2026-05-04"), ==, 900000);
  /* A product the nearer list has no price for comes from the farther one. */
  g_assert_cmpint (unit_price (shop, shop->first, shop->printer, "2026-05-04"), ==, 4800000);
  /* Outside the tree, and for products on no list: the list price. */
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2026-05-04"), ==, 1000000);
  g_assert_cmpint (unit_price (shop, shop->nobody, shop->keyboard, "2026-05-04"), ==, 1000000);
  g_assert_cmpint (unit_price (shop, shop->first, shop->software, "2026-05-04"), ==, 2000000);

  /* A price list may also ask more than the list price. */
  set_price (shop, agents, shop->software, 2100000);
  g_assert_cmpint (unit_price (shop, shop->agent, shop->software, "2026-05-04"), ==, 2100000);

  /* Two lists on the same node: the lower price, then the older list. */
  {
    gint64 second = add_price_list (shop, "Giá đại lý 2", shop->agents, 0, NULL, NULL);

    set_price (shop, second, shop->keyboard, 840000);
    g_assert_cmpint (unit_price (shop, shop->first, shop->keyboard, "2026-05-04"), ==, 840000);
    set_price (shop, second, shop->keyboard, 850000);
    crm_line_price_clear (&line);
    quote (shop, shop->first, shop->keyboard, "2026-05-04", &line);
    g_assert_cmpint (line.price_list_id, ==, agents);
  }

  /* Taking the product off the nearer list falls back to the farther. */
  {
    g_autoptr(GError) error = NULL;
    gint64 second = query_int (shop, "SELECT id FROM price_lists WHERE name = 'Giá đại lý 2'");

    g_assert_true (crm_pricing_remove_item (shop->db.store, shop->db.admin, agents, shop->keyboard, &error));
    g_assert_true (crm_pricing_remove_item (shop->db.store, shop->db.admin, second, shop->keyboard, &error));
    g_assert_no_error (error);
    g_assert_cmpint (unit_price (shop, shop->first, shop->keyboard, "2026-05-04"), ==, 900000);
  }
}

static void
test_tag_list (Shop          *shop,
               gconstpointer  data)
{
  gint64 agents = add_price_list (shop, "Giá đại lý", shop->agents, 0, NULL, NULL);
  gint64 vip = add_price_list (shop, "Giá VIP", 0, shop->vip_tag, NULL, NULL);
  g_auto(CrmLinePrice) line = { 0, };

  set_price (shop, agents, shop->keyboard, 850000);
  set_price (shop, vip, shop->keyboard, 950000);

  /* The tag's list beats the category's, even when it asks more. */
  quote (shop, shop->first_vip, shop->keyboard, "2026-05-04", &line);
  g_assert_cmpint (line.unit_price, ==, 950000);
  g_assert_cmpint (line.source, ==, CRM_PRICE_SOURCE_TAG_LIST);
  g_assert_cmpint (line.price_list_id, ==, vip);

  g_assert_cmpint (unit_price (shop, shop->vip, shop->keyboard, "2026-05-04"), ==, 950000);
  g_assert_cmpint (unit_price (shop, shop->first, shop->keyboard, "2026-05-04"), ==, 850000);
  g_assert_cmpint (unit_price (shop, shop->nobody, shop->keyboard, "2026-05-04"), ==, 1000000);
  /* For a product the tag's list does not price, the category's applies. */
  set_price (shop, agents, shop->printer, 4700000);
  g_assert_cmpint (unit_price (shop, shop->first_vip, shop->printer, "2026-05-04"), ==, 4700000);
}

static void
test_validity_dates (Shop          *shop,
                     gconstpointer  data)
{
  gint64 spring = add_price_list (shop, "Giá mùa xuân", shop->walk_ins, 0, "2026-01-01", "31/03/2026");
  g_autoptr(CrmPriceList) list = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;

  set_price (shop, spring, shop->keyboard, 800000);
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2025-12-31"), ==, 1000000);
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2026-01-01"), ==, 800000);
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2026-03-31"), ==, 800000);
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2026-04-01"), ==, 1000000);

  /* The dates were stored ISO; a list switched off no longer applies. */
  lists = crm_pricing_list_price_lists (shop->db.store, shop->staff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, 1);
  list = crm_price_list_copy (g_ptr_array_index (lists, 0));
  g_assert_cmpstr (list->valid_to, ==, "2026-03-31");
  list->active = FALSE;
  g_assert_true (crm_pricing_update_price_list (shop->db.store, shop->db.admin, list, &error));
  g_assert_no_error (error);
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2026-02-01"), ==, 1000000);

  /* Open-ended at one side. */
  list->active = TRUE;
  g_clear_pointer (&list->valid_to, g_free);
  g_assert_true (crm_pricing_update_price_list (shop->db.store, shop->db.admin, list, &error));
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2030-01-01"), ==, 800000);
  g_assert_cmpint (unit_price (shop, shop->walk_in, shop->keyboard, "2025-12-31"), ==, 1000000);
}

/* Promotions ------------------------------------------------------------------------------- */

static void
test_promotion_percent (Shop          *shop,
                        gconstpointer  data)
{
  gint64 june = add_promotion (shop, "Tháng 6 giảm 10 %", shop->keyboard, 0, 0, CRM_DISCOUNT_PERCENT, 1000,
                               "2026-06-01", "2026-06-30");
  g_auto(CrmLinePrice) line = { 0, };
  g_autofree char *text = NULL;

  quote (shop, shop->walk_in, shop->keyboard, "2026-06-15", &line);
  g_assert_cmpint (line.promotion_id, ==, june);
  g_assert_cmpstr (line.promotion_name, ==, "Tháng 6 giảm 10 %");
  g_assert_cmpint (line.discount_kind, ==, CRM_DISCOUNT_PERCENT);
  g_assert_cmpint (line.discount_value, ==, 1000);
  g_assert_cmpint (line.discount_bp, ==, 1000);
  g_assert_cmpint (line.discount_amount, ==, 100000);
  g_assert_cmpint (line.unit_price, ==, 1000000);
  g_assert_cmpint (line.net_unit_price, ==, 900000);
  text = crm_line_price_describe (&line);
  g_assert_cmpstr (text, ==, "List price; promotion “Tháng 6 giảm 10 %”: −10 %");

  /* First and last day included, not a day more. */
  g_assert_cmpint (net_price (shop, shop->walk_in, shop->keyboard, "2026-06-01"), ==, 900000);
  g_assert_cmpint (net_price (shop, shop->walk_in, shop->keyboard, "2026-06-30"), ==, 900000);
  g_assert_cmpint (net_price (shop, shop->walk_in, shop->keyboard, "2026-05-31"), ==, 1000000);
  g_assert_cmpint (net_price (shop, shop->walk_in, shop->keyboard, "2026-07-01"), ==, 1000000);
  /* Other products are untouched. */
  g_assert_cmpint (net_price (shop, shop->walk_in, shop->cheap, "2026-06-15"), ==, 100000);

  /* It applies on top of a price list's price, rounded half up. */
  {
    gint64 agents = add_price_list (shop, "Giá đại lý", shop->agents, 0, NULL, NULL);

    set_price (shop, agents, shop->keyboard, 833335);
    g_assert_cmpint (net_price (shop, shop->agent, shop->keyboard, "2026-06-15"), ==, 833335 - 83334);
  }
}

static void
test_promotion_fixed_category (Shop          *shop,
                               gconstpointer  data)
{
  gint64 fixed = add_promotion (shop, "Giảm 150.000 ₫ thiết bị", 0, shop->equipment, 0, CRM_DISCOUNT_FIXED,
                                150000, "2026-06-01", "2026-06-30");
  g_auto(CrmLinePrice) line = { 0, };
  g_autofree char *text = NULL;

  /* A promotion on a category covers its sub-categories' products. */
  quote (shop, shop->walk_in, shop->keyboard, "2026-06-10", &line);
  g_assert_cmpint (line.promotion_id, ==, fixed);
  g_assert_cmpint (line.discount_kind, ==, CRM_DISCOUNT_FIXED);
  g_assert_cmpint (line.discount_bp, ==, 0);
  g_assert_cmpint (line.discount_amount, ==, 150000);
  g_assert_cmpint (line.net_unit_price, ==, 850000);
  text = crm_line_price_describe (&line);
  g_assert_cmpstr (text, ==, "List price; promotion “Giảm 150.000 ₫ thiết bị”: −150.000 ₫");

  /* Never below 0: the fixed discount is cut to the price. */
  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->cheap, "2026-06-10", &line);
  g_assert_cmpint (line.discount_amount, ==, 100000);
  g_assert_cmpint (line.net_unit_price, ==, 0);

  /* Products outside the category are not covered. */
  g_assert_cmpint (net_price (shop, shop->walk_in, shop->printer, "2026-06-10"), ==, 5000000);
}

static void
test_promotion_customer_category (Shop          *shop,
                                  gconstpointer  data)
{
  gint64 agents_only = add_promotion (shop, "Đại lý giảm 20 %", shop->keyboard, 0, shop->agents,
                                      CRM_DISCOUNT_PERCENT, 2000, "2026-06-01", "2026-06-30");
  g_auto(CrmLinePrice) line = { 0, };

  /* Customers of the node and of its sub-nodes get it ... */
  quote (shop, shop->first, shop->keyboard, "2026-06-10", &line);
  g_assert_cmpint (line.promotion_id, ==, agents_only);
  g_assert_cmpint (line.net_unit_price, ==, 800000);
  g_assert_cmpint (net_price (shop, shop->agent, shop->keyboard, "2026-06-10"), ==, 800000);
  /* ... the others do not, nor does a line without a customer. */
  g_assert_cmpint (net_price (shop, shop->direct, shop->keyboard, "2026-06-10"), ==, 1000000);
  g_assert_cmpint (net_price (shop, shop->walk_in, shop->keyboard, "2026-06-10"), ==, 1000000);
  g_assert_cmpint (net_price (shop, shop->vip, shop->keyboard, "2026-06-10"), ==, 1000000);
  g_assert_cmpint (net_price (shop, 0, shop->keyboard, "2026-06-10"), ==, 1000000);
}

static void
test_combination_rule (Shop          *shop,
                       gconstpointer  data)
{
  gint64 agents = add_price_list (shop, "Giá đại lý", shop->agents, 0, NULL, NULL);
  gint64 fixed, winner;
  g_auto(CrmLinePrice) line = { 0, };

  set_price (shop, agents, shop->keyboard, 850000);
  add_promotion (shop, "Giảm 10 %", shop->keyboard, 0, 0, CRM_DISCOUNT_PERCENT, 1000,
                           "2026-06-01", "2026-06-30");
  fixed = add_promotion (shop, "Giảm 120.000 ₫", 0, shop->keyboards, 0, CRM_DISCOUNT_FIXED, 120000,
                         "2026-06-01", "2026-06-30");

  /* Not added up: the larger discount on this line wins. */
  quote (shop, shop->walk_in, shop->keyboard, "2026-06-10", &line);   /* 10 % of 1 000 000 = 100 000 */
  g_assert_cmpint (line.promotion_id, ==, fixed);
  g_assert_cmpint (line.net_unit_price, ==, 880000);
  crm_line_price_clear (&line);
  quote (shop, shop->agent, shop->keyboard, "2026-06-10", &line);     /* 10 % of 850 000 = 85 000 */
  g_assert_cmpint (line.promotion_id, ==, fixed);
  g_assert_cmpint (line.unit_price, ==, 850000);
  g_assert_cmpint (line.net_unit_price, ==, 730000);

  /* A bigger percentage takes over. */
  winner = add_promotion (shop, "Giảm 15 %", shop->keyboard, 0, 0, CRM_DISCOUNT_PERCENT, 1500,
                          "2026-06-01", "2026-06-30");
  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->keyboard, "2026-06-10", &line);
  g_assert_cmpint (line.promotion_id, ==, winner);
  g_assert_cmpint (line.net_unit_price, ==, 850000);

  /* Equal discounts: the product's beats the category's. */
  add_promotion (shop, "Thiết bị giảm 15 %", 0, shop->equipment, 0,
                                    CRM_DISCOUNT_PERCENT, 1500, "2026-06-01", "2026-06-30");
  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->keyboard, "2026-06-10", &line);
  g_assert_cmpint (line.promotion_id, ==, winner);
  /* On the cheap mouse only the category's apply: 120 000 cut to its 100 000
   * is more than 15 % (15 000), so the mouse is free. */
  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->cheap, "2026-06-10", &line);
  g_assert_cmpint (line.promotion_id, ==, fixed);
  g_assert_cmpint (line.net_unit_price, ==, 0);
}

/* VAT ----------------------------------------------------------------------------------------- */

static int
vat_on (Shop       *shop,
        int         product_rate,
        const char *date)
{
  g_autoptr(GError) error = NULL;
  int rate = -1;

  g_assert_true (crm_pricing_vat_rate_on (shop->db.store, product_rate, date, &rate, &error));
  g_assert_no_error (error);
  return rate;
}

static void
test_vat_by_date (Shop          *shop,
                  gconstpointer  data)
{
  g_auto(CrmLinePrice) line = { 0, };

  /* 8 % replaces 10 % until the last day of 2026. */
  quote (shop, shop->walk_in, shop->keyboard, "2026-12-31", &line);
  g_assert_cmpint (line.product_vat_rate_bp, ==, 1000);
  g_assert_cmpint (line.vat_rate_bp, ==, 800);
  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->keyboard, "2027-01-01", &line);
  g_assert_cmpint (line.vat_rate_bp, ==, 1000);

  g_assert_cmpint (vat_on (shop, 1000, "2025-06-30"), ==, 1000);
  g_assert_cmpint (vat_on (shop, 1000, "2025-07-01"), ==, 800);
  /* A product marked 8 % pays 10 % when 8 % is not in force. */
  g_assert_cmpint (vat_on (shop, 800, "2026-06-01"), ==, 800);
  g_assert_cmpint (vat_on (shop, 800, "2027-01-01"), ==, 1000);
  g_assert_cmpint (vat_on (shop, 800, "2025-06-30"), ==, 1000);
  /* 5 % and 0 % are not touched. */
  g_assert_cmpint (vat_on (shop, 500, "2026-06-01"), ==, 500);
  g_assert_cmpint (vat_on (shop, 0, "2026-06-01"), ==, 0);
  g_assert_cmpint (vat_on (shop, 0, "2027-06-01"), ==, 0);

  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->printer, "2027-03-01", &line);
  g_assert_cmpint (line.vat_rate_bp, ==, 1000);
  crm_line_price_clear (&line);
  quote (shop, shop->walk_in, shop->software, "2026-03-01", &line);
  g_assert_cmpint (line.vat_rate_bp, ==, 0);

  /* The rates are data: a new temporary rate is picked up as it is. */
  exec_sql (shop, "INSERT INTO vat_rates (rate_bp, valid_from, valid_to, label) "
                  "VALUES (300, '2028-01-01', '2028-12-31', '3%')");
  g_assert_cmpint (vat_on (shop, 500, "2028-06-01"), ==, 300);
  g_assert_cmpint (vat_on (shop, 1000, "2028-06-01"), ==, 1000);
}

/* Bad input ------------------------------------------------------------------------------------ */

static void
expect_refused_list (Shop         *shop,
                     CrmPriceList *list,
                     GQuark        domain,
                     int           code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (shop);
  g_autofree char *after = NULL;

  if (list->id > 0)
    g_assert_false (crm_pricing_update_price_list (shop->db.store, shop->db.admin, list, &error));
  else
    g_assert_cmpint (crm_pricing_create_price_list (shop->db.store, shop->db.admin, list, &error), ==, 0);
  g_assert_error (error, domain, code);
  after = snapshot (shop);
  g_assert_cmpstr (before, ==, after);
}

static void
expect_refused_promotion (Shop         *shop,
                          CrmPromotion *promotion,
                          GQuark        domain,
                          int           code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (shop);
  g_autofree char *after = NULL;

  if (promotion->id > 0)
    g_assert_false (crm_pricing_update_promotion (shop->db.store, shop->db.admin, promotion, &error));
  else
    g_assert_cmpint (crm_pricing_create_promotion (shop->db.store, shop->db.admin, promotion, &error), ==, 0);
  g_assert_error (error, domain, code);
  after = snapshot (shop);
  g_assert_cmpstr (before, ==, after);
}

static void
test_price_list_validation (Shop          *shop,
                            gconstpointer  data)
{
  g_autoptr(CrmPriceList) list = crm_price_list_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 existing;

  list->name = g_strdup ("  ");
  list->customer_category_id = shop->agents;
  expect_refused_list (shop, list, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);

  g_free (list->name);
  list->name = g_strdup ("Giá đại lý");
  list->customer_category_id = 0;
  expect_refused_list (shop, list, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  list->customer_category_id = shop->agents;
  list->tag_id = shop->vip_tag;
  expect_refused_list (shop, list, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);

  list->tag_id = 0;
  list->valid_from = g_strdup ("2026-05-01");
  list->valid_to = g_strdup ("30/04/2026");
  expect_refused_list (shop, list, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_free (list->valid_to);
  list->valid_to = g_strdup ("31/02/2026");
  expect_refused_list (shop, list, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);

  g_clear_pointer (&list->valid_to, g_free);
  list->customer_category_id = 9999;
  expect_refused_list (shop, list, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  list->customer_category_id = 0;
  list->tag_id = 9999;
  expect_refused_list (shop, list, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);

  /* An update with bad dates is refused the same way. */
  existing = add_price_list (shop, "Giá đại lý", shop->agents, 0, NULL, NULL);
  list->id = existing;
  list->tag_id = 0;
  list->customer_category_id = shop->agents;
  g_free (list->valid_to);
  list->valid_to = g_strdup ("2026-01-01");
  expect_refused_list (shop, list, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);

  /* Items: a negative price, an unknown product or list. */
  before = snapshot (shop);
  g_assert_false (crm_pricing_set_item (shop->db.store, shop->db.admin, existing, shop->keyboard, -1, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_pricing_set_item (shop->db.store, shop->db.admin, existing, 9999, 10, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_pricing_set_item (shop->db.store, shop->db.admin, 9999, shop->keyboard, 10, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  after = snapshot (shop);
  g_assert_cmpstr (before, ==, after);
}

static void
test_promotion_validation (Shop          *shop,
                           gconstpointer  data)
{
  g_autoptr(CrmPromotion) promotion = crm_promotion_new ();
  gint64 existing;

  promotion->product_id = shop->keyboard;
  promotion->discount_value = 1000;
  promotion->starts_on = g_strdup ("2026-06-01");
  promotion->ends_on = g_strdup ("2026-06-30");
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);

  promotion->name = g_strdup ("Giảm giá");
  promotion->product_id = 0;
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  promotion->product_id = shop->keyboard;
  promotion->product_category_id = shop->keyboards;
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  promotion->product_category_id = 0;

  /* Over 100 %, nothing, end before start, no end. */
  promotion->discount_value = 10001;
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  promotion->discount_value = 0;
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  promotion->discount_value = 10000;
  g_free (promotion->ends_on);
  promotion->ends_on = g_strdup ("2026-05-31");
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_pointer (&promotion->ends_on, g_free);
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  promotion->ends_on = g_strdup ("30/06/2026");

  /* A fixed discount above the product's list price is refused on saving. */
  promotion->discount_kind = CRM_DISCOUNT_FIXED;
  promotion->discount_value = 1000001;
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);

  /* Unknown targets. */
  promotion->discount_value = 1000000;
  promotion->customer_category_id = 9999;
  expect_refused_promotion (shop, promotion, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  promotion->customer_category_id = 0;
  promotion->product_id = 9999;
  expect_refused_promotion (shop, promotion, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);

  /* Fixed at exactly the list price (the product free) is allowed; 100 % too. */
  promotion->product_id = shop->keyboard;
  existing = add_promotion (shop, "Tặng", shop->keyboard, 0, 0, CRM_DISCOUNT_FIXED, 1000000,
                            "2026-06-01", "2026-06-30");
  g_assert_cmpint (add_promotion (shop, "Miễn phí", shop->keyboard, 0, 0, CRM_DISCOUNT_PERCENT, 10000,
                                  "2026-06-01", "2026-06-30"), >, 0);

  /* Updating into a bad state is refused and leaves it as it was. */
  promotion->id = existing;
  promotion->discount_kind = CRM_DISCOUNT_PERCENT;
  promotion->discount_value = 20000;
  expect_refused_promotion (shop, promotion, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
}

/* Permissions and audit ------------------------------------------------------------------------- */

static void
test_permissions (Shop          *shop,
                  gconstpointer  data)
{
  gint64 agents = add_price_list (shop, "Giá đại lý", shop->agents, 0, NULL, NULL);
  gint64 promo = add_promotion (shop, "Giảm 10 %", shop->keyboard, 0, 0, CRM_DISCOUNT_PERCENT, 1000,
                                "2026-06-01", "2026-06-30");
  g_autoptr(CrmPriceList) list = crm_price_list_new ();
  g_autoptr(CrmPromotion) promotion = crm_promotion_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) promotions = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(CrmLinePrice) line = { 0, };

  set_price (shop, agents, shop->keyboard, 850000);
  before = snapshot (shop);

  list->name = g_strdup ("Giá của tôi");
  list->customer_category_id = shop->agents;
  g_assert_cmpint (crm_pricing_create_price_list (shop->db.store, shop->staff, list, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  list->id = agents;
  g_assert_false (crm_pricing_update_price_list (shop->db.store, shop->staff, list, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_pricing_set_item (shop->db.store, shop->staff, agents, shop->keyboard, 1, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_pricing_remove_item (shop->db.store, shop->staff, agents, shop->keyboard, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  promotion->name = g_strdup ("Giảm hết");
  promotion->product_id = shop->keyboard;
  promotion->discount_value = 10000;
  promotion->starts_on = g_strdup ("2026-06-01");
  promotion->ends_on = g_strdup ("2026-06-30");
  g_assert_cmpint (crm_pricing_create_promotion (shop->db.store, shop->staff, promotion, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  promotion->id = promo;
  g_assert_false (crm_pricing_update_promotion (shop->db.store, shop->staff, promotion, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  after = snapshot (shop);
  g_assert_cmpstr (before, ==, after);

  /* Staff read the policies and quote lines for the customers they see. */
  items = crm_pricing_list_items (shop->db.store, shop->staff, agents, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((CrmPriceListItem *) g_ptr_array_index (items, 0))->product_code, ==, "BP-01");
  g_assert_cmpint (((CrmPriceListItem *) g_ptr_array_index (items, 0))->price, ==, 850000);
  promotions = crm_pricing_list_promotions (shop->db.store, shop->staff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (promotions->len, ==, 1);
  g_assert_true (crm_pricing_quote_line (shop->db.store, shop->staff, shop->agent, shop->keyboard,
                                         "2026-06-10", &line, &error));
  g_assert_no_error (error);
  g_assert_cmpint (line.net_unit_price, ==, 765000);
  crm_line_price_clear (&line);

  /* Where staff see only their own customers, others' are refused. */
  g_assert_true (crm_settings_set (shop->db.store, shop->db.admin, "customer_visibility", "own", &error));
  g_clear_object (&shop->staff);
  shop->staff = crm_user_store_open_session (shop->db.store, shop->staff_id, &error);
  g_assert_no_error (error);
  g_assert_false (crm_pricing_quote_line (shop->db.store, shop->staff, shop->agent, shop->keyboard,
                                          "2026-06-10", &line, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (line.unit_price, ==, 0);
  g_assert_null (line.on_date);
  g_clear_error (&error);
  g_assert_true (crm_pricing_quote_line (shop->db.store, shop->staff, shop->first, shop->keyboard,
                                         "2026-06-10", &line, &error));
  g_assert_cmpint (line.unit_price, ==, 850000);
  crm_line_price_clear (&line);

  /* Bad product, bad date. */
  g_assert_false (crm_pricing_quote_line (shop->db.store, shop->db.admin, shop->agent, 9999, "2026-06-10",
                                          &line, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_pricing_quote_line (shop->db.store, shop->db.admin, shop->agent, shop->keyboard,
                                          "32/13/2026", &line, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
}

static void
test_audit (Shop          *shop,
            gconstpointer  data)
{
  gint64 admin_id = crm_session_get_user_id (shop->db.admin);
  gint64 agents = add_price_list (shop, "Giá đại lý", shop->agents, 0, "2026-01-01", NULL);
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GPtrArray) promotions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  CrmPriceList *list;
  CrmPromotion *promotion;
  gint64 promo;

  set_price (shop, agents, shop->keyboard, 850000);
  set_price (shop, agents, shop->keyboard, 840000);
  set_price (shop, agents, shop->keyboard, 840000);   /* no change: no row */
  g_assert_true (crm_pricing_remove_item (shop->db.store, shop->db.admin, agents, shop->keyboard, &error));
  lists = crm_pricing_list_price_lists (shop->db.store, shop->db.admin, &error);
  g_assert_no_error (error);
  list = g_ptr_array_index (lists, 0);
  g_free (list->name);
  list->name = g_strdup ("Giá đại lý 2026");
  g_assert_true (crm_pricing_update_price_list (shop->db.store, shop->db.admin, list, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT action || ' ' || field || ':' || coalesce (old_value, '') || '>' "
                         "|| coalesce (new_value, '') || ' ' || user_id FROM audit_log "
                         "WHERE entity = 'price_list' AND entity_id = %" G_GINT64_FORMAT " ORDER BY id", agents);
  rows = query_text (shop, sql);
  expected = g_strdup_printf ("create name:>Giá đại lý %1$" G_GINT64_FORMAT
                              "|create customer_category_id:>%2$" G_GINT64_FORMAT " %1$" G_GINT64_FORMAT
                              "|create valid_from:>2026-01-01 %1$" G_GINT64_FORMAT
                              "|update item:>BP-01: 850000 %1$" G_GINT64_FORMAT
                              "|update item:BP-01: 850000>BP-01: 840000 %1$" G_GINT64_FORMAT
                              "|update item:BP-01: 840000> %1$" G_GINT64_FORMAT
                              "|update name:Giá đại lý>Giá đại lý 2026 %1$" G_GINT64_FORMAT,
                              admin_id, shop->agents);
  g_assert_cmpstr (rows, ==, expected);

  promo = add_promotion (shop, "Giảm 10 %", 0, shop->keyboards, shop->agents, CRM_DISCOUNT_PERCENT, 1000,
                         "2026-06-01", "2026-06-30");
  promotions = crm_pricing_list_promotions (shop->db.store, shop->db.admin, &error);
  promotion = g_ptr_array_index (promotions, 0);
  g_assert_cmpint (promotion->id, ==, promo);
  g_assert_cmpint (promotion->product_category_id, ==, shop->keyboards);
  g_assert_cmpint (promotion->customer_category_id, ==, shop->agents);
  g_free (promotion->ends_on);
  promotion->ends_on = g_strdup ("2026-06-15");
  promotion->active = FALSE;
  g_assert_true (crm_pricing_update_promotion (shop->db.store, shop->db.admin, promotion, &error));
  g_assert_no_error (error);

  g_free (sql);
  g_free (rows);
  g_free (expected);
  sql = g_strdup_printf ("SELECT action || ' ' || field || ':' || coalesce (old_value, '') || '>' "
                         "|| coalesce (new_value, '') FROM audit_log "
                         "WHERE entity = 'promotion' AND entity_id = %" G_GINT64_FORMAT " ORDER BY id", promo);
  rows = query_text (shop, sql);
  expected = g_strdup_printf ("create name:>Giảm 10 %%|create product_category_id:>%" G_GINT64_FORMAT
                              "|create customer_category_id:>%" G_GINT64_FORMAT
                              "|create discount_kind:>percent|create discount_value:>1000"
                              "|create starts_on:>2026-06-01|create ends_on:>2026-06-30"
                              "|update ends_on:2026-06-30>2026-06-15|update active:1>0",
                              shop->keyboards, shop->agents);
  g_assert_cmpstr (rows, ==, expected);

  /* Switched off, it no longer applies. */
  g_assert_cmpint (net_price (shop, shop->agent, shop->keyboard, "2026-06-10"), ==, 1000000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Shop, NULL, shop_setup, func, shop_teardown)

  ADD ("/pricing/list-price", test_list_price);
  ADD ("/pricing/price-list/nearest-category", test_category_nearest);
  ADD ("/pricing/price-list/tag", test_tag_list);
  ADD ("/pricing/price-list/validity-dates", test_validity_dates);
  ADD ("/pricing/promotion/percent", test_promotion_percent);
  ADD ("/pricing/promotion/fixed-on-category", test_promotion_fixed_category);
  ADD ("/pricing/promotion/customer-category", test_promotion_customer_category);
  ADD ("/pricing/promotion/larger-discount-wins", test_combination_rule);
  ADD ("/pricing/vat-by-date", test_vat_by_date);
  ADD ("/pricing/price-list/refused", test_price_list_validation);
  ADD ("/pricing/promotion/refused", test_promotion_validation);
  ADD ("/pricing/permissions", test_permissions);
  ADD ("/pricing/audit", test_audit);

#undef ADD

  return g_test_run ();
}
