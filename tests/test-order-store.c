/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-document.h"
#include "crm-error.h"
#include "crm-money.h"
#include "crm-order-document.h"
#include "crm-order-export.h"
#include "crm-order-store.h"
#include "crm-quote-store.h"
#include "test-fixture.h"

/* An office with two staff (Lan in the manager's team, Hùng alone), a
 * manager, a customer of Lan's and two products with cost prices. */

#define CUSTOMER_NAME "Công ty TNHH Thương mại Ánh Dương Đà Nẵng"

typedef struct
{
  CrmTestDb   db;
  gint64      staff[2];
  gint64      manager;
  CrmSession *lan;
  CrmSession *hung;
  CrmSession *boss;
  gint64      customer;
  gint64      printer;   /* cost 2 800 000 ₫ */
  gint64      paper;     /* cost 50 000 ₫ */
} Office;

/* A second connection, as another program would see the file. */
static sqlite3 *
open_side (Office *office)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
query_int (Office     *office,
           const char *sql)
{
  sqlite3 *db = open_side (office);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gint64
query_intf (Office     *office,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gint64
query_intf (Office     *office,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return query_int (office, sql);
}

static void
exec_side (Office     *office,
           const char *sql)
{
  sqlite3 *db = open_side (office);

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
open_sessions (Office *office)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  office->lan = session_of (office, office->staff[0]);
  office->hung = session_of (office, office->staff[1]);
  office->boss = session_of (office, office->manager);
}

static void
set_setting (Office     *office,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, key, value, &error));
  g_assert_no_error (error);
  open_sessions (office);
}

static gint64
add_product (Office     *office,
             const char *code,
             const char *name,
             gint64      price,
             gint64      cost)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO products (code, name, unit, list_price, cost_price, created_at, updated_at) "
    "VALUES ('%s', '%s', 'cái', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'x', 'x')",
    code, name, price, cost);

  exec_side (office, sql);
  return query_intf (office, "SELECT id FROM products WHERE code = '%s'", code);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 team;

  crm_test_db_setup (&office->db, data);
  team = crm_user_store_create_team (office->db.store, office->db.admin, "Kinh doanh", &error);
  g_assert_no_error (error);
  office->staff[0] = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                            CRM_ROLE_STAFF, team, &error);
  g_assert_no_error (error);
  office->staff[1] = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->manager = crm_user_store_create (office->db.store, office->db.admin, "minh.do", "Đỗ Văn Minh",
                                           CRM_ROLE_MANAGER, team, &error);
  g_assert_no_error (error);
  open_sessions (office);
  office->customer = crm_test_add_customer (&office->db, NULL, CUSTOMER_NAME, "da-nang", NULL,
                                            office->staff[0]);
  office->printer = add_product (office, "MI01", "Máy in laser", 3500000, 2800000);
  office->paper = add_product (office, "GA4", "Giấy A4", 65000, 50000);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  crm_test_db_teardown (&office->db, data);
}

static CrmQuoteLine *
make_line (gint64      product_id,
           const char *description,
           gint64      quantity_milli,
           gint64      unit_price,
           gint        discount_bp,
           gint        vat_rate_bp)
{
  CrmQuoteLine *line = crm_quote_line_new ();

  line->product_id = product_id;
  line->description = g_strdup (description);
  line->quantity_milli = quantity_milli;
  line->unit_price = unit_price;
  line->discount_bp = discount_bp;
  line->vat_rate_bp = vat_rate_bp;
  return line;
}

/* Two printers at 3 500 000 ₫ less 5 % (VAT 10 %), ten reams at 65 000 ₫
 * (VAT 8 %), 1,5 hours of set-up at 333 333 ₫ less 7 % (VAT 10 %):
 * amounts that round. */
static void
add_lines (GPtrArray *lines,
           Office    *office,
           gboolean   as_order)
{
  CrmQuoteLine *quote_lines[] = {
    make_line (office->printer, "Máy in laser", 2000, 3500000, 500, 1000),
    make_line (office->paper, "Giấy A4", 10000, 65000, 0, 800),
    make_line (0, "Cài đặt", 1500, 333333, 700, 1000),
  };

  for (guint i = 0; i < G_N_ELEMENTS (quote_lines); i++)
    {
      if (as_order)
        {
          CrmOrderLine *line = crm_order_line_new ();

          crm_quote_line_free (line->line);
          line->line = quote_lines[i];
          g_ptr_array_add (lines, line);
        }
      else
        g_ptr_array_add (lines, quote_lines[i]);
    }
}

static CrmOrder *
new_order (Office     *office,
           const char *order_date)
{
  CrmOrder *order = crm_order_new ();

  order->customer_id = office->customer;
  order->order_date = g_strdup (order_date);
  order->promised_on = g_strdup ("10/03/2026");
  order->notes = g_strdup ("Giao giờ hành chính");
  add_lines (order->lines, office, TRUE);
  return order;
}

static gint64
create_order (Office     *office,
              CrmSession *session,
              const char *order_date)
{
  g_autoptr(CrmOrder) order = new_order (office, order_date);
  g_autoptr(GError) error = NULL;
  gint64 id = crm_order_store_create (office->db.store, session, order, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (order->id, ==, id);
  return id;
}

static CrmOrder *
get_order (Office     *office,
           CrmSession *session,
           gint64      id)
{
  g_autoptr(GError) error = NULL;
  CrmOrder *order = crm_order_store_get (office->db.store, session, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  return order;
}

/* An accepted quote of Lan's with the same lines. */
static gint64
accepted_quote (Office *office)
{
  g_autoptr(CrmQuote) quote = crm_quote_new ();
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  quote->customer_id = office->customer;
  quote->issue_date = g_strdup ("2026-03-02");
  quote->valid_until = g_strdup ("2026-04-01");
  add_lines (quote->lines, office, FALSE);
  id = crm_quote_store_create (office->db.store, office->lan, quote, &error);
  g_assert_no_error (error);
  send->sent_at = g_strdup ("2026-03-03T09:00:00+07:00");
  send->recipient = g_strdup ("mua@anhduong.vn");
  send->channel = CRM_QUOTE_CHANNEL_EMAIL;
  g_assert_true (crm_quote_store_send (office->db.store, office->lan, id, send, &error));
  g_assert_no_error (error);
  g_assert_true (crm_quote_store_accept (office->db.store, office->lan, id, &error));
  g_assert_no_error (error);
  return id;
}

/* A contract of Lan's for the customer, by SQL (the contract store is
 * another module): one line of five printers. */
static gint64
insert_contract (Office     *office,
                 const char *status)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contracts (code, customer_id, owner_id, status, value, created_at, updated_at) "
    "VALUES ('HD-2026-%04d', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', 17500000, 'x', 'x');"
    "INSERT INTO contract_lines (contract_id, position, product_id, description, quantity_milli, unit, "
    "  unit_price, discount_bp, vat_rate_bp) "
    "VALUES (last_insert_rowid (), 1, %" G_GINT64_FORMAT ", 'Máy in laser theo hợp đồng', 5000, 'cái', "
    "  3500000, 0, 1000);",
    g_random_int_range (1, 9999), office->customer, office->staff[0], status, office->printer);

  exec_side (office, sql);
  return query_int (office, "SELECT max (id) FROM contracts");
}

/* Tests --------------------------------------------------------------------------- */

static void
test_codes (Office        *office,
            gconstpointer  data)
{
  gint64 a = create_order (office, office->lan, "02/03/2026");
  gint64 b = create_order (office, office->lan, "2026-03-05");
  gint64 c = create_order (office, office->db.admin, "2025-12-30");
  g_autoptr(CrmOrder) first = get_order (office, office->db.admin, a);
  g_autoptr(CrmOrder) second = get_order (office, office->db.admin, b);
  g_autoptr(CrmOrder) old = get_order (office, office->db.admin, c);

  g_assert_cmpstr (first->code, ==, "DH-2026-0001");
  g_assert_cmpstr (second->code, ==, "DH-2026-0002");
  g_assert_cmpstr (old->code, ==, "DH-2025-0001");
  g_assert_cmpstr (first->order_date, ==, "2026-03-02");
  g_assert_cmpint (first->owner_id, ==, office->staff[0]);
  g_assert_cmpint (first->status, ==, CRM_ORDER_STATUS_PENDING);
  g_assert_cmpuint (first->lines->len, ==, 3);
  g_assert_cmpint (query_intf (office, "SELECT count(*) FROM audit_log WHERE entity = 'order' AND "
                               "action = 'create' AND entity_id = %" G_GINT64_FORMAT, a), ==, 1);
  g_assert_cmpint (query_intf (office, "SELECT count(*) FROM search_docs WHERE kind = 'order' AND "
                               "ref_id = %" G_GINT64_FORMAT " AND body LIKE '%%anh duong%%'", a), ==, 1);
}

static void
test_validation (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmOrder) order = new_order (office, "2026-03-02");
  g_autoptr(GError) error = NULL;
  CrmOrderLine *line;

  g_free (order->promised_on);
  order->promised_on = g_strdup ("01/03/2026");
  g_assert_false (crm_order_validate (order, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_clear_pointer (&order->promised_on, g_free);
  line = g_ptr_array_index (order->lines, 0);
  line->line->quantity_milli = 0;
  g_assert_false (crm_order_validate (order, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  line->line->quantity_milli = 1000;
  line->line->discount_bp = 10001;
  g_assert_false (crm_order_validate (order, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  line->line->discount_bp = 10000;
  g_assert_true (crm_order_validate (order, &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (order->lines, 0);
  g_assert_cmpint (crm_order_store_create (office->db.store, office->lan, order, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM orders"), ==, 0);
}

/* The same lines total exactly what the quote totals, in the model and
 * in the stored columns. */
static void
test_totals_equal_quote (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(CrmQuote) quote = crm_quote_new ();
  g_autoptr(CrmOrder) order = new_order (office, "2026-03-02");
  g_auto(CrmQuoteTotals) quote_totals = { 0 };
  g_auto(CrmQuoteTotals) order_totals = { 0 };
  gint64 id;

  add_lines (quote->lines, office, FALSE);
  g_assert_true (crm_quote_compute_totals (quote, &quote_totals, NULL));
  g_assert_true (crm_order_compute_totals (order, &order_totals, NULL));
  /* 7 000 000 − 350 000 + 650 000 + 500 000 − 35 000 = 7 765 000 net;
   * VAT 10 % on 7 115 000 = 711 500, 8 % on 650 000 = 52 000. */
  g_assert_cmpint (quote_totals.net_total, ==, 7765000);
  g_assert_cmpint (order_totals.subtotal, ==, quote_totals.subtotal);
  g_assert_cmpint (order_totals.discount_total, ==, quote_totals.discount_total);
  g_assert_cmpint (order_totals.vat_total, ==, quote_totals.vat_total);
  g_assert_cmpint (order_totals.grand_total, ==, quote_totals.grand_total);
  g_assert_cmpint (order_totals.grand_total, ==, 7765000 + 711500 + 52000);

  id = create_order (office, office->lan, "2026-03-02");
  g_assert_cmpint (query_intf (office, "SELECT grand_total FROM orders WHERE id = %" G_GINT64_FORMAT, id),
                   ==, quote_totals.grand_total);
  g_assert_cmpint (query_intf (office, "SELECT vat_total FROM orders WHERE id = %" G_GINT64_FORMAT, id),
                   ==, quote_totals.vat_total);
  g_assert_cmpint (query_intf (office, "SELECT subtotal FROM orders WHERE id = %" G_GINT64_FORMAT, id),
                   ==, quote_totals.subtotal);
  g_assert_cmpint (query_intf (office, "SELECT discount_total FROM orders WHERE id = %" G_GINT64_FORMAT, id),
                   ==, quote_totals.discount_total);
}

static void
test_from_quote (Office        *office,
                 gconstpointer  data)
{
  gint64 quote_id = accepted_quote (office);
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(CrmOrder) order = NULL;
  g_autoptr(CrmQuote) draft_quote = crm_quote_new ();
  g_autoptr(GError) error = NULL;
  gint64 draft_id, id;

  id = crm_order_store_create_from_quote (office->db.store, office->lan, quote_id, "2026-03-06", &error);
  g_assert_no_error (error);
  order = get_order (office, office->lan, id);
  quote = crm_quote_store_get (office->db.store, office->lan, quote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order->quote_id, ==, quote_id);
  g_assert_cmpstr (order->quote_code, ==, quote->code);
  g_assert_cmpint (order->customer_id, ==, office->customer);
  g_assert_cmpuint (order->lines->len, ==, quote->lines->len);
  for (guint i = 0; i < quote->lines->len; i++)
    {
      CrmOrderLine *line = g_ptr_array_index (order->lines, i);

      g_assert_cmpint (crm_quote_line_compare (line->line, g_ptr_array_index (quote->lines, i)), ==, 0);
    }
  g_assert_cmpint (query_intf (office, "SELECT grand_total FROM orders WHERE id = %" G_GINT64_FORMAT, id), ==,
                   query_intf (office, "SELECT grand_total FROM quotes WHERE id = %" G_GINT64_FORMAT, quote_id));

  /* A draft quote is not an order yet. */
  draft_quote->customer_id = office->customer;
  draft_quote->issue_date = g_strdup ("2026-03-02");
  draft_quote->valid_until = g_strdup ("2026-04-01");
  add_lines (draft_quote->lines, office, FALSE);
  draft_id = crm_quote_store_create (office->db.store, office->lan, draft_quote, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_order_store_create_from_quote (office->db.store, office->lan, draft_id, NULL, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  /* Nor may an order claim it as its source. */
  g_clear_pointer (&order, crm_order_free);
  order = new_order (office, "2026-03-06");
  order->quote_id = draft_id;
  g_assert_cmpint (crm_order_store_create (office->db.store, office->lan, order, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM orders"), ==, 1);
}

static void
test_from_contract (Office        *office,
                    gconstpointer  data)
{
  gint64 active = insert_contract (office, "active");
  gint64 draft = insert_contract (office, "draft");
  g_autoptr(CrmOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  CrmOrderLine *line;
  gint64 id;

  id = crm_order_store_create_from_contract (office->db.store, office->boss, active, "2026-03-06", &error);
  g_assert_no_error (error);
  order = get_order (office, office->db.admin, id);
  g_assert_cmpint (order->contract_id, ==, active);
  g_assert_nonnull (order->contract_code);
  g_assert_cmpint (order->owner_id, ==, office->manager);
  g_assert_cmpuint (order->lines->len, ==, 1);
  line = g_ptr_array_index (order->lines, 0);
  g_assert_cmpstr (line->line->description, ==, "Máy in laser theo hợp đồng");
  g_assert_cmpint (line->line->quantity_milli, ==, 5000);
  g_assert_cmpint (line->unit_cost, ==, 2800000);
  /* 17 500 000 + 10 % */
  g_assert_cmpint (query_intf (office, "SELECT grand_total FROM orders WHERE id = %" G_GINT64_FORMAT, id), ==,
                   19250000);

  g_assert_null (crm_order_store_draft_from_contract (office->db.store, office->lan, draft, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  /* Hùng does not see Lan's customer's contracts in "own" mode. */
  set_setting (office, "customer_visibility", "own");
  g_assert_null (crm_order_store_draft_from_contract (office->db.store, office->hung, active, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

/* The cost is the product's when the line is ordered, kept across saves
 * and price changes, and read only with the right to see costs. */
static void
test_unit_cost (Office        *office,
                gconstpointer  data)
{
  gint64 id = create_order (office, office->lan, "2026-03-02");
  g_autoptr(CrmOrder) as_lan = get_order (office, office->lan, id);
  g_autoptr(CrmOrder) as_admin = get_order (office, office->db.admin, id);
  g_autoptr(CrmOrder) saved = NULL;
  g_autoptr(GError) error = NULL;
  CrmOrderLine *line;

  g_assert_cmpint (query_intf (office, "SELECT unit_cost FROM order_lines WHERE order_id = %" G_GINT64_FORMAT
                               " AND position = 1", id), ==, 2800000);
  g_assert_cmpint (query_intf (office, "SELECT unit_cost FROM order_lines WHERE order_id = %" G_GINT64_FORMAT
                               " AND position = 3", id), ==, 0);
  /* Lan may not see costs: 0, and says so. */
  g_assert_true (as_lan->cost_hidden);
  for (guint i = 0; i < as_lan->lines->len; i++)
    g_assert_cmpint (((CrmOrderLine *) g_ptr_array_index (as_lan->lines, i))->unit_cost, ==, 0);
  g_assert_false (as_admin->cost_hidden);
  line = g_ptr_array_index (as_admin->lines, 0);
  g_assert_cmpint (line->unit_cost, ==, 2800000);
  g_assert_cmpint (crm_order_cost_total (as_admin), ==, 2 * 2800000 + 10 * 50000);

  /* The product costs more now: the ordered line keeps its cost, a new
   * line gets today's; what Lan sends (0) changes nothing. */
  exec_side (office, "UPDATE products SET cost_price = 3000000 WHERE code = 'MI01'");
  crm_order_add_line (as_lan, crm_order_line_new_from_quote_line (((CrmOrderLine *) g_ptr_array_index (as_lan->lines, 0))->line));
  g_assert_true (crm_order_store_save (office->db.store, office->lan, as_lan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_intf (office, "SELECT unit_cost FROM order_lines WHERE order_id = %" G_GINT64_FORMAT
                               " AND position = 1", id), ==, 2800000);
  g_assert_cmpint (query_intf (office, "SELECT unit_cost FROM order_lines WHERE order_id = %" G_GINT64_FORMAT
                               " AND position = 4", id), ==, 3000000);

  /* A user given the right sees them. */
  exec_side (office, "UPDATE users SET may_see_cost = 1 WHERE login = 'lan.tran'");
  open_sessions (office);
  saved = get_order (office, office->lan, id);
  g_assert_false (saved->cost_hidden);
  g_assert_cmpint (((CrmOrderLine *) g_ptr_array_index (saved->lines, 3))->unit_cost, ==, 3000000);
}

static void
test_delivery_flow (Office        *office,
                    gconstpointer  data)
{
  gint64 id = create_order (office, office->lan, "2026-03-02");
  g_autoptr(CrmOrder) before = get_order (office, office->lan, id);
  g_autoptr(CrmOrder) partial = NULL;
  g_autoptr(CrmOrder) delivered = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_order_store_record_delivery (office->db.store, office->lan, id, "01/03/2026", NULL, FALSE,
                                                   &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_order_store_record_delivery (office->db.store, office->hung, id, "04/03/2026", NULL, FALSE,
                                                   &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_true (crm_order_store_record_delivery (office->db.store, office->lan, id, "04/03/2026", " Giao đợt 1 ",
                                                  FALSE, &error));
  g_assert_no_error (error);
  partial = get_order (office, office->lan, id);
  g_assert_cmpint (partial->status, ==, CRM_ORDER_STATUS_PARTIAL);
  g_assert_null (partial->delivered_on);
  g_assert_cmpuint (partial->deliveries->len, ==, 1);
  g_assert_cmpstr (((CrmOrderDelivery *) g_ptr_array_index (partial->deliveries, 0))->note, ==, "Giao đợt 1");
  g_assert_cmpint (partial->row_version, >, before->row_version);

  g_assert_true (crm_order_store_record_delivery (office->db.store, office->boss, id, "2026-03-08",
                                                  "Giao đủ phần còn lại", TRUE, &error));
  g_assert_no_error (error);
  delivered = get_order (office, office->lan, id);
  g_assert_cmpint (delivered->status, ==, CRM_ORDER_STATUS_DELIVERED);
  g_assert_cmpstr (delivered->delivered_on, ==, "2026-03-08");
  g_assert_cmpuint (delivered->deliveries->len, ==, 2);
  g_assert_cmpint (query_intf (office, "SELECT count(*) FROM audit_log WHERE entity = 'order' AND "
                               "action = 'status' AND entity_id = %" G_GINT64_FORMAT, id), ==, 2);

  /* Locked: no more deliveries, changes or cancelling. */
  g_assert_false (crm_order_store_record_delivery (office->db.store, office->lan, id, "2026-03-09", NULL, TRUE,
                                                   &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_free (delivered->notes);
  delivered->notes = g_strdup ("Sửa sau khi giao");
  g_assert_false (crm_order_store_save (office->db.store, office->db.admin, delivered, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_order_store_cancel (office->db.store, office->db.admin, id, "Khách đổi ý", &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (query_intf (office, "SELECT count(*) FROM order_deliveries WHERE order_id = %" G_GINT64_FORMAT,
                               id), ==, 2);

  g_assert_true (crm_order_status_can_move (CRM_ORDER_STATUS_PENDING, CRM_ORDER_STATUS_CANCELLED));
  g_assert_true (crm_order_status_can_move (CRM_ORDER_STATUS_PARTIAL, CRM_ORDER_STATUS_CANCELLED));
  g_assert_false (crm_order_status_can_move (CRM_ORDER_STATUS_DELIVERED, CRM_ORDER_STATUS_CANCELLED));
  g_assert_false (crm_order_status_can_move (CRM_ORDER_STATUS_CANCELLED, CRM_ORDER_STATUS_PENDING));
  g_assert_false (crm_order_status_can_move (CRM_ORDER_STATUS_PARTIAL, CRM_ORDER_STATUS_PENDING));
}

static void
test_cancel (Office        *office,
             gconstpointer  data)
{
  gint64 id = create_order (office, office->lan, "2026-03-02");
  g_autoptr(CrmOrder) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_order_store_cancel (office->db.store, office->lan, id, "  ", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_true (crm_order_store_cancel (office->db.store, office->lan, id, "Khách đổi ý", &error));
  g_assert_no_error (error);
  cancelled = get_order (office, office->lan, id);
  g_assert_cmpint (cancelled->status, ==, CRM_ORDER_STATUS_CANCELLED);
  g_assert_true (g_str_has_prefix (cancelled->notes, "Giao giờ hành chính\n"));
  g_assert_nonnull (strstr (cancelled->notes, "Khách đổi ý"));
  g_assert_false (crm_order_store_record_delivery (office->db.store, office->lan, id, "2026-03-04", NULL, FALSE,
                                                   &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
}

static void
test_stale_save (Office        *office,
                 gconstpointer  data)
{
  gint64 id = create_order (office, office->lan, "2026-03-02");
  g_autoptr(CrmOrder) mine = get_order (office, office->lan, id);
  g_autoptr(CrmOrder) theirs = get_order (office, office->boss, id);
  g_autoptr(CrmOrder) unchanged = NULL;
  g_autoptr(GError) error = NULL;
  CrmOrderLine *line;

  line = g_ptr_array_index (theirs->lines, 1);
  line->line->quantity_milli = 20000;
  g_assert_true (crm_order_store_save (office->db.store, office->boss, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs->row_version, ==, mine->row_version + 1);

  g_free (mine->notes);
  mine->notes = g_strdup ("Đổi ghi chú");
  g_assert_false (crm_order_store_save (office->db.store, office->lan, mine, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "DH-2026-0001"));
  unchanged = get_order (office, office->lan, id);
  g_assert_cmpstr (unchanged->notes, ==, "Giao giờ hành chính");
  g_assert_cmpint (((CrmOrderLine *) g_ptr_array_index (unchanged->lines, 1))->line->quantity_milli, ==, 20000);
  g_assert_cmpstr (mine->notes, ==, "Đổi ghi chú");
  g_assert_cmpint (query_intf (office, "SELECT count(*) FROM audit_log WHERE entity = 'order' AND "
                               "field = 'notes' AND entity_id = %" G_GINT64_FORMAT, id), ==, 0);
}

static void
test_staff_own_mode (Office        *office,
                     gconstpointer  data)
{
  gint64 id = create_order (office, office->lan, "2026-03-02");
  g_autoptr(CrmOrder) copy = get_order (office, office->lan, id);
  g_autoptr(CrmOrder) none = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CrmOrderFilter) filter = crm_order_filter_new ();
  g_autoptr(GError) error = NULL;

  /* Shared office: Hùng reads it but may not change it. */
  g_assert_cmpint (crm_order_store_count (office->db.store, office->hung, NULL, &error), ==, 1);
  g_assert_false (crm_order_store_save (office->db.store, office->hung, copy, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  set_setting (office, "customer_visibility", "own");
  none = crm_order_store_get (office->db.store, office->hung, id, &error);
  g_assert_null (none);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = crm_order_store_list_for_customer (office->db.store, office->hung, office->customer, &error);
  g_assert_null (rows);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_order_store_save (office->db.store, office->hung, copy, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_order_store_record_delivery (office->db.store, office->hung, id, "2026-03-04", NULL, TRUE,
                                                   &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_order_store_cancel (office->db.store, office->hung, id, "x", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_order_store_count (office->db.store, office->hung, filter, &error), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = crm_order_store_fetch (office->db.store, office->hung, filter, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Lan and her manager still read it. */
  g_assert_cmpint (crm_order_store_count (office->db.store, office->lan, filter, &error), ==, 1);
  g_assert_cmpint (crm_order_store_count (office->db.store, office->boss, filter, &error), ==, 1);
  rows = crm_order_store_list_for_customer (office->db.store, office->lan, office->customer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_list_filter_sort_search (Office        *office,
                              gconstpointer  data)
{
  g_autoptr(CrmOrderFilter) filter = crm_order_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other = crm_test_add_customer (&office->db, NULL, "Nguyễn Văn Đức", "ha-noi", NULL, office->staff[0]);
  g_autoptr(CrmOrder) third = new_order (office, "2026-02-01");
  gint64 a = create_order (office, office->lan, "2026-03-02");
  gint64 b = create_order (office, office->lan, "2026-03-09");

  third->customer_id = other;
  g_ptr_array_set_size (third->lines, 1);
  g_clear_pointer (&third->promised_on, g_free);
  g_assert_cmpint (crm_order_store_create (office->db.store, office->lan, third, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (crm_order_store_record_delivery (office->db.store, office->lan, b, "2026-03-10", NULL, FALSE,
                                                  &error));

  /* Code, newest first: DH-2026-0003, 0002, 0001. */
  rows = crm_order_store_fetch (office->db.store, office->lan, filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((CrmOrderRow *) g_ptr_array_index (rows, 0))->code, ==, "DH-2026-0003");
  g_assert_cmpstr (((CrmOrderRow *) g_ptr_array_index (rows, 2))->code, ==, "DH-2026-0001");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* By date ascending, paged. */
  filter->sort = CRM_ORDER_SORT_DATE;
  filter->ascending = TRUE;
  rows = crm_order_store_fetch (office->db.store, office->lan, filter, 1, 1, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CrmOrderRow *) g_ptr_array_index (rows, 0))->id, ==, a);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* By total: the one-line order is the smallest. */
  filter->sort = CRM_ORDER_SORT_TOTAL;
  rows = crm_order_store_fetch (office->db.store, office->lan, filter, 0, 1, &error);
  g_assert_cmpstr (((CrmOrderRow *) g_ptr_array_index (rows, 0))->customer_name, ==, "Nguyễn Văn Đức");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Status and period filters. */
  filter->status = CRM_ORDER_STATUS_PARTIAL;
  g_assert_cmpint (crm_order_store_count (office->db.store, office->lan, filter, &error), ==, 1);
  filter->status = -1;
  filter->from_date = g_strdup ("01/03/2026");
  filter->to_date = g_strdup ("2026-03-05");
  g_assert_cmpint (crm_order_store_count (office->db.store, office->lan, filter, &error), ==, 1);
  g_clear_pointer (&filter->to_date, g_free);
  g_assert_cmpint (crm_order_store_count (office->db.store, office->lan, filter, &error), ==, 2);
  g_clear_pointer (&filter->from_date, g_free);

  /* Search on the customer without tones, and on the code's number. */
  filter->search = g_strdup ("nguyen van duc");
  g_assert_cmpint (crm_order_store_count (office->db.store, office->lan, filter, &error), ==, 1);
  g_free (filter->search);
  filter->search = g_strdup ("dh-2026-2");
  rows = crm_order_store_fetch (office->db.store, office->lan, filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 1);
  g_assert_cmpstr (((CrmOrderRow *) g_ptr_array_index (rows, rows->len - 1))->code, ==, "DH-2026-0002");
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_free (filter->search);
  filter->search = NULL;
  filter->from_date = g_strdup ("31/02/2026");
  g_assert_cmpint (crm_order_store_count (office->db.store, office->lan, filter, &error), ==, -1);
  g_assert_true (error != NULL && error->domain == CRM_VALIDATION_ERROR);
}

/* Files -------------------------------------------------------------------------- */

static char *
run_tool (const char *const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_document_pdf (Office        *office,
                   gconstpointer  data)
{
  gint64 id = create_order (office, office->lan, "2026-03-02");
  g_autoptr(CrmDocumentLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sokhach-order-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "don-hang.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *total = crm_money_format (7765000 + 711500 + 52000);
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  const char *text_argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  const char *fonts_argv[] = { "pdffonts", path, NULL };

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, CRM_SETTING_COMPANY_NAME,
                                   "Công ty Cổ phần Sổ Khách Việt", &error));
  exec_side (office, "UPDATE users SET may_print = 1");
  open_sessions (office);
  layout = crm_document_layout_new_for_order (office->db.store, office->lan, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layout);
  g_assert_cmpstr (crm_document_layout_get_content (layout)->entity, ==, "order");
  g_assert_true (crm_document_write_pdf (layout, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if ((text = run_tool (text_argv)) != NULL)
    {
      g_assert_nonnull (strstr (text, CUSTOMER_NAME));
      g_assert_nonnull (strstr (text, total));
      g_assert_nonnull (strstr (text, "DH-2026-0001"));
      g_assert_nonnull (strstr (text, "Máy in laser"));
    }
  if ((fonts = run_tool (fonts_argv)) != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
      guint n_fonts = 0;

      for (guint i = 2; lines[i] != NULL; i++)
        {
          g_auto(GStrv) words = NULL;
          g_autoptr(GPtrArray) fields = g_ptr_array_new ();

          if (*g_strstrip (lines[i]) == '\0')
            continue;
          words = g_strsplit (lines[i], " ", -1);
          for (guint j = 0; words[j] != NULL; j++)
            if (*words[j] != '\0')
              g_ptr_array_add (fields, words[j]);
          g_assert_cmpuint (fields->len, >=, 7);
          g_assert_cmpstr (g_ptr_array_index (fields, fields->len - 5), ==, "yes");
          n_fonts++;
        }
      g_assert_cmpuint (n_fonts, >, 0);
    }
  g_unlink (path);
  g_rmdir (dir);
  if (text == NULL || fonts == NULL)
    g_test_skip ("pdftotext or pdffonts is not installed");
}

static void
test_export_read_back (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmOrderFilter) filter = crm_order_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sokhach-order-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "don-hang.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL };
  g_autofree char *sheet = NULL;
  guint64 n_rows = 0;

  create_order (office, office->lan, "2026-03-02");
  create_order (office, office->lan, "2026-03-03");
  exec_side (office, "UPDATE users SET may_export = 1");
  open_sessions (office);
  filter->sort = CRM_ORDER_SORT_CODE;
  filter->ascending = TRUE;
  g_assert_true (crm_order_export (office->db.store, office->lan, filter, CRM_EXPORT_FORMAT_XLSX, file, NULL,
                                   &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpint (query_int (office, "SELECT new_value FROM audit_log WHERE action = 'export' AND entity = 'orders' AND field = 'rows'"), ==, 2);
  if ((sheet = run_tool (argv)) != NULL)
    {
      const char *first = strstr (sheet, "DH-2026-0001");
      const char *second = strstr (sheet, "DH-2026-0002");

      g_assert_nonnull (first);
      g_assert_nonnull (second);
      g_assert_true (first < second);
      g_assert_nonnull (strstr (sheet, CUSTOMER_NAME));
      g_assert_nonnull (strstr (sheet, "8528500"));
    }
  else
    g_test_skip ("unzip is not installed");
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/order/codes", test_codes);
  ADD ("/store/order/validation", test_validation);
  ADD ("/store/order/totals-equal-quote", test_totals_equal_quote);
  ADD ("/store/order/from-quote", test_from_quote);
  ADD ("/store/order/from-contract", test_from_contract);
  ADD ("/store/order/unit-cost", test_unit_cost);
  ADD ("/store/order/delivery-flow", test_delivery_flow);
  ADD ("/store/order/cancel", test_cancel);
  ADD ("/store/order/stale-save-refused", test_stale_save);
  ADD ("/store/order/staff-own-mode", test_staff_own_mode);
  ADD ("/store/order/list-filter-sort-search", test_list_filter_sort_search);
  ADD ("/document/order/pdf", test_document_pdf);
  ADD ("/export/order/xlsx-read-back", test_export_read_back);
#undef ADD

  return g_test_run ();
}
