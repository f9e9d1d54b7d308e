/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-category-store.h"
#include "crm-error.h"
#include "crm-money-words.h"
#include "crm-pricing.h"
#include "crm-product-store.h"
#include "crm-quote-editor.h"
#include "crm-quote-store.h"
#include "test-fixture.h"

/* A shop with one category of customers ("Đại lý") and its price list,
 * two promotions early in 2026 and three products:
 *
 *   BP-01  Bàn phím cơ      1 000 000 (10 %), 900 000 on "Giá đại lý",
 *                           −10 % "Khuyến mãi Tết" 01/01–28/02/2026
 *   MI-01  Máy in laser     5 000 000 (8 %), −500 000 ₫ "Giảm giá máy in"
 *                           01/03–31/03/2026
 *   CU-01  Chuột cũ         inactive
 */
typedef struct
{
  CrmTestDb db;
  gint64    agents;
  gint64    agent;       /* a customer in "Đại lý" */
  gint64    walk_in;     /* a customer in no category */
  gint64    price_list;
  gint64    keyboard, printer, old_mouse;
  gint64    tet;         /* the keyboard's promotion */
} Shop;

static gint64
add_product (Shop       *shop,
             const char *code,
             const char *name,
             const char *unit,
             gint64      list_price,
             int         vat_bp)
{
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_product_set_code (product, code);
  crm_product_set_name (product, name);
  crm_product_set_unit (product, unit);
  crm_product_set_list_price (product, list_price);
  crm_product_set_vat_rate_bp (product, vat_bp);
  id = crm_product_store_create (shop->db.store, shop->db.admin, product, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_promotion (Shop            *shop,
               const char      *name,
               gint64           product_id,
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
  promotion->discount_kind = kind;
  promotion->discount_value = value;
  promotion->starts_on = g_strdup (starts);
  promotion->ends_on = g_strdup (ends);
  id = crm_pricing_create_promotion (shop->db.store, shop->db.admin, promotion, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
shop_setup (Shop          *shop,
            gconstpointer  data)
{
  g_autoptr(CrmPriceList) list = crm_price_list_new ();
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&shop->db, data);
  shop->agents = crm_category_store_create (shop->db.store, shop->db.admin, "Đại lý", 0, &error);
  g_assert_no_error (error);
  customer->full_name = g_strdup ("Công ty TNHH Minh Phát");
  customer->category_id = shop->agents;
  shop->agent = crm_customer_store_create (shop->db.store, shop->db.admin, customer, &error);
  g_assert_no_error (error);
  shop->walk_in = crm_test_add_customer (&shop->db, NULL, "Nguyễn Văn An", "ha-noi", NULL, 0);

  shop->keyboard = add_product (shop, "BP-01", "Bàn phím cơ", "cái", 1000000, 1000);
  shop->printer = add_product (shop, "MI-01", "Máy in laser", "chiếc", 5000000, 800);
  shop->old_mouse = add_product (shop, "CU-01", "Chuột cũ", "cái", 50000, 1000);
  g_assert_true (crm_product_store_set_active (shop->db.store, shop->db.admin, shop->old_mouse, FALSE, &error));
  g_assert_no_error (error);

  list->name = g_strdup ("Giá đại lý");
  list->customer_category_id = shop->agents;
  shop->price_list = crm_pricing_create_price_list (shop->db.store, shop->db.admin, list, &error);
  g_assert_no_error (error);
  g_assert_true (crm_pricing_set_item (shop->db.store, shop->db.admin, shop->price_list, shop->keyboard,
                                       900000, &error));
  g_assert_no_error (error);
  shop->tet = add_promotion (shop, "Khuyến mãi Tết", shop->keyboard, CRM_DISCOUNT_PERCENT, 1000,
                 "2026-01-01", "2026-02-28");
  add_promotion (shop, "Giảm giá máy in", shop->printer, CRM_DISCOUNT_FIXED, 500000,
                 "2026-03-01", "2026-03-31");
}

static void
shop_teardown (Shop          *shop,
               gconstpointer  data)
{
  crm_test_db_teardown (&shop->db, data);
}

/* Helpers ------------------------------------------------------------------------------ */

static CrmQuoteEditor *
new_editor (Shop   *shop,
            gint64  customer_id)
{
  CrmQuoteEditor *editor = crm_quote_editor_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_quote_editor_start_new (editor, customer_id, 0, 0, &error));
  g_assert_no_error (error);
  return editor;
}

static void
set_cell (CrmQuoteEditor *editor,
          guint           position,
          CrmQuoteCell    cell,
          const char     *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_quote_editor_set_cell (editor, position, cell, text, &error));
  g_assert_no_error (error);
}

static void
set_field (CrmQuoteEditor      *editor,
           CrmQuoteEditorField  field,
           const char          *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_quote_editor_set_field (editor, field, text, &error));
  g_assert_no_error (error);
}

/* A free-text line after the last one, filled in; its position. */
static guint
add_text_line (CrmQuoteEditor *editor,
               const char     *description,
               const char     *quantity,
               const char     *price,
               const char     *discount,
               const char     *vat)
{
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (crm_quote_editor_get_lines (editor));
  gint position = crm_quote_editor_add_line_after (editor, (gint) n - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (position, ==, n);
  set_cell (editor, position, CRM_QUOTE_CELL_DESCRIPTION, description);
  set_cell (editor, position, CRM_QUOTE_CELL_QUANTITY, quantity);
  set_cell (editor, position, CRM_QUOTE_CELL_UNIT_PRICE, price);
  set_cell (editor, position, CRM_QUOTE_CELL_DISCOUNT, discount);
  set_cell (editor, position, CRM_QUOTE_CELL_VAT_RATE, vat);
  return position;
}

static guint
pick_product (CrmQuoteEditor *editor,
              gint64          product_id)
{
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (crm_quote_editor_get_lines (editor));
  gint position = crm_quote_editor_add_product_line (editor, (gint) n - 1, product_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (position, ==, n);
  return position;
}

static CrmQuoteLineItem *
item_at (CrmQuoteEditor *editor,
         guint           position)
{
  CrmQuoteLineItem *item = g_list_model_get_item (crm_quote_editor_get_lines (editor), position);

  g_assert_nonnull (item);
  /* The list keeps it alive; tests only look. */
  g_object_unref (item);
  return item;
}

static guint
n_lines (CrmQuoteEditor *editor)
{
  return g_list_model_get_n_items (crm_quote_editor_get_lines (editor));
}

static void
save (CrmQuoteEditor *editor)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_quote_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_false (crm_quote_editor_get_dirty (editor));
}

static gint64
grand_total (CrmQuoteEditor *editor)
{
  gint64 total = -1;

  g_object_get (editor, "grand-total", &total, NULL);
  return total;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

/* Tests ---------------------------------------------------------------------------------- */

static void
test_new_and_load (Shop          *shop,
                   gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->walk_in);
  g_autoptr(CrmQuoteEditor) other = crm_quote_editor_new (shop->db.store, shop->db.admin);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = g_date_time_add_days (today, 30);
  g_autofree char *today_text = g_date_time_format (today, "%d/%m/%Y");
  g_autofree char *until_text = g_date_time_format (until, "%d/%m/%Y");
  g_autofree char *code = NULL;
  g_autofree char *customer_name = NULL;
  g_autoptr(GError) error = NULL;
  const CrmQuote *quote;

  /* Dated today, valid for 30 days, nothing stored yet. */
  g_assert_cmpstr (crm_quote_editor_get_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE), ==, today_text);
  g_assert_cmpstr (crm_quote_editor_get_field (editor, CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL), ==, until_text);
  g_assert_cmpint (crm_quote_editor_get_id (editor), ==, 0);
  g_assert_cmpint (crm_quote_editor_get_status (editor), ==, CRM_QUOTE_STATUS_DRAFT);
  g_assert_cmpuint (n_lines (editor), ==, 0);
  g_assert_true (crm_quote_editor_get_dirty (editor));
  g_assert_true (crm_quote_editor_get_can_save (editor));
  g_assert_false (crm_quote_editor_get_can_undo (editor));
  g_assert_cmpstr (crm_quote_editor_get_sends_text (editor), ==, "Not sent yet");
  g_object_get (editor, "customer-name", &customer_name, NULL);
  g_assert_cmpstr (customer_name, ==, "Nguyễn Văn An");

  add_text_line (editor, "Lắp đặt tại chỗ", "2", "350000", "", "10");
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_TERMS, "  Giao hàng trong 7 ngày.  ");
  save (editor);
  g_assert_cmpint (crm_quote_editor_get_id (editor), >, 0);
  g_object_get (editor, "code", &code, NULL);
  g_assert_true (g_regex_match_simple ("^BG-\\d{4}-\\d{4}$", code, 0, 0));
  g_assert_cmpint (crm_quote_editor_get_revision (editor), ==, 1);
  g_assert_cmpstr (crm_quote_editor_get_field (editor, CRM_QUOTE_EDITOR_FIELD_TERMS), ==,
                   "Giao hàng trong 7 ngày.");

  /* Another editor opens the same quote as stored. */
  g_assert_true (crm_quote_editor_load (other, crm_quote_editor_get_id (editor), &error));
  g_assert_no_error (error);
  quote = crm_quote_editor_get_quote (other);
  g_assert_cmpstr (quote->code, ==, code);
  g_assert_cmpuint (n_lines (other), ==, 1);
  g_assert_cmpstr (crm_quote_editor_get_cell (other, 0, CRM_QUOTE_CELL_DESCRIPTION), ==, "Lắp đặt tại chỗ");
  g_assert_cmpstr (crm_quote_editor_get_cell (other, 0, CRM_QUOTE_CELL_QUANTITY), ==, "2");
  g_assert_cmpstr (crm_quote_editor_get_cell (other, 0, CRM_QUOTE_CELL_UNIT_PRICE), ==, "350.000");
  g_assert_cmpstr (crm_quote_editor_get_cell (other, 0, CRM_QUOTE_CELL_AMOUNT), ==, "700.000");
  g_assert_cmpint (grand_total (other), ==, 770000);
  g_assert_false (crm_quote_editor_get_dirty (other));
  g_assert_false (crm_quote_editor_get_can_save (other));
  g_assert_false (crm_quote_editor_get_can_undo (other));
  g_assert_false (crm_quote_editor_get_read_only (other));

  /* A quote that does not exist. */
  g_assert_false (crm_quote_editor_load (other, 9999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (crm_quote_editor_get_message (other), ==, error->message);
}

static void
test_price_pickup (Shop          *shop,
                   gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->agent);
  g_autoptr(CrmQuoteEditor) reopened = crm_quote_editor_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;
  g_autofree char *line_source = NULL;
  CrmQuoteLineItem *item;
  guint line;

  /* In the Tết promotion: the agents' price, less 10 %; VAT 8 % then. */
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE, "10/02/2026");
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL, "10/06/2026");
  line = pick_product (editor, shop->keyboard);
  item = item_at (editor, line);
  g_assert_cmpint (crm_quote_line_item_get_product_id (item), ==, shop->keyboard);
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_DESCRIPTION), ==, "Bàn phím cơ");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_UNIT), ==, "cái");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_UNIT_PRICE), ==, "900.000");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_DISCOUNT), ==, "10 %");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_VAT_RATE), ==, "8 %");
  g_assert_cmpint (crm_quote_line_item_get_amount (item), ==, 810000);
  g_assert_cmpstr (crm_quote_line_item_get_price_source (item), ==,
                   "Price list “Giá đại lý”; promotion “Khuyến mãi Tết”: −10 %");
  g_assert_false (crm_quote_line_item_get_overridden (item));

  /* In March the printer's fixed discount lowers its price. */
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE, "10/03/2026");
  line = pick_product (editor, shop->printer);
  item = item_at (editor, line);
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_UNIT_PRICE), ==, "4.500.000");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_DISCOUNT), ==, "0 %");
  g_assert_cmpstr (crm_quote_line_item_get_price_source (item), ==,
                   "List price; promotion “Giảm giá máy in”: −500.000 ₫");

  /* After the promotions: the price list alone. */
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE, "04/05/2026");
  line = pick_product (editor, shop->keyboard);
  item = item_at (editor, line);
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_UNIT_PRICE), ==, "900.000");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_DISCOUNT), ==, "0 %");
  g_assert_cmpstr (crm_quote_line_item_get_price_source (item), ==, "Price list “Giá đại lý”");

  /* Choosing a product on a line typed by hand prices it; free text has no source. */
  line = add_text_line (editor, "Phí vận chuyển", "1", "150.000", "", "8");
  g_assert_null (crm_quote_line_item_get_price_source (item_at (editor, line)));
  g_assert_true (crm_quote_editor_set_line_product (editor, line, shop->printer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, line, CRM_QUOTE_CELL_DESCRIPTION), ==, "Máy in laser");
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, line, CRM_QUOTE_CELL_UNIT_PRICE), ==, "5.000.000");
  g_assert_true (crm_quote_editor_undo (editor, &error));
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, line, CRM_QUOTE_CELL_DESCRIPTION), ==, "Phí vận chuyển");

  /* An unknown product is refused and changes nothing. */
  g_assert_cmpint (crm_quote_editor_add_product_line (editor, 0, 987654, &error), ==, -1);
  g_assert_nonnull (error);
  g_assert_cmpuint (n_lines (editor), ==, 4);
  g_clear_error (&error);

  /* Saved and read back: the sources are kept and described. */
  save (editor);
  g_assert_true (crm_quote_editor_load (reopened, crm_quote_editor_get_id (editor), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_quote_line_item_get_price_source (item_at (reopened, 0)), ==,
                   "Price list “Giá đại lý”; promotion “Khuyến mãi Tết”");
  g_assert_cmpstr (crm_quote_line_item_get_price_source (item_at (reopened, 2)), ==,
                   "Price list “Giá đại lý”");
  line_source = g_strdup_printf ("price_list:%" G_GINT64_FORMAT ";promotion:%" G_GINT64_FORMAT,
                                 shop->price_list, shop->tet);
  g_assert_cmpstr (((CrmQuoteLine *) g_ptr_array_index (crm_quote_editor_get_quote (reopened)->lines, 0))->price_source,
                   ==, line_source);
}

static void
test_override_needs_reason (Shop          *shop,
                            gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->agent);
  g_autoptr(CrmQuote) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason_error = NULL;
  g_autofree char *price = NULL;
  CrmQuoteLineItem *item;
  const CrmQuoteLine *line;

  set_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE, "04/05/2026");
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL, "04/06/2026");
  item = item_at (editor, pick_product (editor, shop->keyboard));
  g_assert_true (crm_quote_editor_get_can_save (editor));

  /* Another price than the catalogue's is an override: it needs a reason. */
  set_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE, "850.000");
  g_assert_true (crm_quote_line_item_get_overridden (item));
  g_object_get (item, "override-reason-error", &reason_error, NULL);
  g_assert_cmpstr (reason_error, ==, "Give the reason for changing the catalogue price.");
  g_assert_false (crm_quote_editor_get_can_save (editor));
  g_assert_cmpstr (crm_quote_line_item_get_price_source (item), ==,
                   "Changed by hand from 900.000 ₫ (Price list “Giá đại lý”)");
  g_assert_false (crm_quote_editor_save (editor, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  set_cell (editor, 0, CRM_QUOTE_CELL_OVERRIDE_REASON, "Khách mua 50 cái");
  g_assert_null (crm_quote_line_item_get_error (item, CRM_QUOTE_CELL_OVERRIDE_REASON));
  g_assert_true (crm_quote_editor_get_can_save (editor));

  /* The catalogue's price typed back is no override any more. */
  set_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE, "900000");
  g_assert_false (crm_quote_line_item_get_overridden (item));
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_OVERRIDE_REASON), ==, "");
  g_assert_cmpstr (crm_quote_line_item_get_price_source (item), ==, "Price list “Giá đại lý”");

  /* Through the item's properties, as a column view binds them. */
  g_object_set (item, "unit-price", "800.000", NULL);
  g_object_get (item, "unit-price", &price, NULL);
  g_assert_cmpstr (price, ==, "800.000");
  g_assert_true (crm_quote_line_item_get_overridden (item));
  g_assert_nonnull (crm_quote_line_item_get_error (item, CRM_QUOTE_CELL_OVERRIDE_REASON));
  g_object_set (item, "override-reason", "Khách mua 50 cái", NULL);
  g_assert_null (crm_quote_line_item_get_error (item, CRM_QUOTE_CELL_OVERRIDE_REASON));
  save (editor);

  stored = crm_quote_store_get (shop->db.store, shop->db.admin, crm_quote_editor_get_id (editor), &error);
  g_assert_no_error (error);
  line = g_ptr_array_index (stored->lines, 0);
  g_assert_cmpint (line->unit_price, ==, 800000);
  g_assert_cmpstr (line->price_source, ==, "manual");
  g_assert_cmpstr (line->override_reason, ==, "Khách mua 50 cái");

  /* A free-text line takes any price without a reason. */
  add_text_line (editor, "Lắp đặt", "1", "200.000", "", "8");
  g_assert_false (crm_quote_line_item_get_overridden (item_at (editor, 1)));
  g_assert_true (crm_quote_editor_get_can_save (editor));
}

static void
test_totals_and_words (Shop          *shop,
                       gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->walk_in);
  const CrmQuoteTotals *totals;
  const CrmQuoteVat *vat;
  g_autofree char *words = NULL;
  g_autofree char *summary = NULL;
  gint64 subtotal = 0, discount = 0, vat_total = 0;
  guint notified = 0;

  g_assert_cmpint (grand_total (editor), ==, 0);
  g_assert_cmpstr (crm_quote_editor_get_amount_in_words (editor), ==, "Không đồng");

  /* Two printers at 3 500 000 ₫ less 5 % (VAT 10 %), ten reams at
   * 65 000 ₫ (VAT 8 %): 6 650 000 + 665 000 + 650 000 + 52 000. */
  add_text_line (editor, "Máy in laser", "2", "3.500.000", "5", "10");
  add_text_line (editor, "Giấy A4", "10", "65.000", "0", "8 %");
  g_object_get (editor, "subtotal", &subtotal, "discount-total", &discount, "vat-total", &vat_total,
                "amount-in-words", &words, "vat-summary", &summary, NULL);
  g_assert_cmpint (subtotal, ==, 7650000);
  g_assert_cmpint (discount, ==, 350000);
  g_assert_cmpint (vat_total, ==, 717000);
  g_assert_cmpint (grand_total (editor), ==, 8017000);
  g_assert_cmpstr (words, ==, "Tám triệu không trăm mười bảy nghìn đồng chẵn");
  g_assert_cmpstr (summary, ==, "VAT 8 %: 52.000 ₫\nVAT 10 %: 665.000 ₫");
  totals = crm_quote_editor_get_totals (editor);
  g_assert_cmpuint (totals->vat->len, ==, 2);
  vat = &g_array_index (totals->vat, CrmQuoteVat, 0);
  g_assert_cmpint (vat->rate_bp, ==, 800);
  g_assert_cmpint (vat->base, ==, 650000);
  g_assert_cmpint (vat->amount, ==, 52000);
  g_assert_cmpint (totals->net_total, ==, 7300000);

  /* Every change recomputes them, and says so. */
  g_signal_connect (editor, "notify::grand-total", G_CALLBACK (count_notify), &notified);
  set_cell (editor, 1, CRM_QUOTE_CELL_QUANTITY, "12,5");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (grand_total (editor), ==, 6650000 + 665000 + 812500 + 65000);
  g_assert_cmpstr (crm_quote_editor_get_amount_in_words (editor), ==,
                   "Tám triệu một trăm chín mươi hai nghìn năm trăm đồng");
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, 1, CRM_QUOTE_CELL_AMOUNT), ==, "812.500");

  /* A blank line does not count; a removed one no longer does. */
  g_assert_cmpint (crm_quote_editor_add_line_after (editor, 0, NULL), ==, 1);
  g_assert_cmpint (grand_total (editor), ==, 8192500);
  g_assert_true (crm_quote_editor_remove_line (editor, 0, NULL));
  g_assert_cmpint (grand_total (editor), ==, 812500 + 65000);
  g_assert_cmpstr (crm_quote_editor_get_amount_in_words (editor), ==,
                   "Tám trăm bảy mươi bảy nghìn năm trăm đồng");
  g_assert_cmpuint (notified, ==, 2);
}

static const char *
description (CrmQuoteEditor *editor,
             guint           position)
{
  return crm_quote_editor_get_cell (editor, position, CRM_QUOTE_CELL_DESCRIPTION);
}

static void
test_undo_redo (Shop          *shop,
                gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->walk_in);
  g_autoptr(GError) error = NULL;
  gboolean can_undo = FALSE;
  gint64 subtotal = -1;
  guint undone = 0;

  g_assert_false (crm_quote_editor_undo (editor, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_cmpint (crm_quote_editor_add_line_after (editor, -1, &error), ==, 0);       /* 1 */
  set_cell (editor, 0, CRM_QUOTE_CELL_DESCRIPTION, "Máy chiếu");                        /* 2 */
  set_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE, "12.000.000");                        /* 3 */
  g_assert_cmpint (crm_quote_editor_add_line_after (editor, 0, &error), ==, 1);        /* 4 */
  set_cell (editor, 1, CRM_QUOTE_CELL_DESCRIPTION, "Màn chiếu");                        /* 5 */
  g_assert_true (crm_quote_editor_remove_line (editor, 0, &error));                     /* 6 */
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_TERMS, "Bảo hành 12 tháng");                /* 7 */
  g_assert_no_error (error);
  g_assert_cmpuint (n_lines (editor), ==, 1);
  g_assert_cmpstr (description (editor, 0), ==, "Màn chiếu");
  g_object_get (editor, "can-undo", &can_undo, NULL);
  g_assert_true (can_undo);

  /* Typing the same text again is no step. */
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_TERMS, "Bảo hành 12 tháng");

  g_assert_true (crm_quote_editor_undo (editor, &error));                               /* 7 */
  g_assert_cmpstr (crm_quote_editor_get_field (editor, CRM_QUOTE_EDITOR_FIELD_TERMS), ==, "");
  g_assert_true (crm_quote_editor_undo (editor, &error));                               /* 6 */
  g_assert_cmpuint (n_lines (editor), ==, 2);
  g_assert_cmpstr (description (editor, 0), ==, "Máy chiếu");
  g_assert_cmpstr (description (editor, 1), ==, "Màn chiếu");
  g_object_get (editor, "subtotal", &subtotal, NULL);
  g_assert_cmpint (subtotal, ==, 12000000);
  g_assert_true (crm_quote_editor_undo (editor, &error));                               /* 5 */
  g_assert_cmpstr (description (editor, 1), ==, "");
  g_assert_true (crm_quote_editor_undo (editor, &error));                               /* 4 */
  g_assert_cmpuint (n_lines (editor), ==, 1);
  g_assert_true (crm_quote_editor_undo (editor, &error));                               /* 3 */
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE), ==, "0");
  g_assert_cmpint (grand_total (editor), ==, 0);
  g_assert_true (crm_quote_editor_get_can_redo (editor));

  g_assert_true (crm_quote_editor_redo (editor, &error));                               /* 3 */
  g_assert_true (crm_quote_editor_redo (editor, &error));                               /* 4 */
  g_assert_true (crm_quote_editor_redo (editor, &error));                               /* 5 */
  g_assert_true (crm_quote_editor_redo (editor, &error));                               /* 6 */
  g_assert_no_error (error);
  g_assert_cmpuint (n_lines (editor), ==, 1);
  g_assert_cmpstr (description (editor, 0), ==, "Màn chiếu");
  g_assert_true (crm_quote_editor_get_can_redo (editor));

  /* A new change forgets what could be redone. */
  set_cell (editor, 0, CRM_QUOTE_CELL_QUANTITY, "3");
  g_assert_false (crm_quote_editor_get_can_redo (editor));
  g_assert_false (crm_quote_editor_redo (editor, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  /* Moving a line is a step too. */
  add_text_line (editor, "Cáp HDMI", "1", "150.000", "", "10");
  g_assert_true (crm_quote_editor_move_line (editor, 1, 0, &error));
  g_assert_cmpstr (description (editor, 0), ==, "Cáp HDMI");
  g_assert_true (crm_quote_editor_undo (editor, &error));
  g_assert_cmpstr (description (editor, 0), ==, "Màn chiếu");
  g_assert_cmpstr (description (editor, 1), ==, "Cáp HDMI");

  /* The history is bounded. */
  for (guint i = 0; i < CRM_QUOTE_EDITOR_MAX_UNDO + 50; i++)
    {
      g_autofree char *notes = g_strdup_printf ("Ghi chú %u", i);
      set_field (editor, CRM_QUOTE_EDITOR_FIELD_NOTES, notes);
    }
  while (crm_quote_editor_undo (editor, NULL))
    undone++;
  g_assert_cmpuint (undone, ==, CRM_QUOTE_EDITOR_MAX_UNDO);
  g_assert_cmpstr (crm_quote_editor_get_field (editor, CRM_QUOTE_EDITOR_FIELD_NOTES), ==, "Ghi chú 49");
}

static void
test_revision_after_send (Shop          *shop,
                          gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->walk_in);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GError) error = NULL;
  CrmQuoteLineDiff *changed;
  CrmQuoteStatus status = CRM_QUOTE_STATUS_DRAFT;
  gint revision = 0;

  add_text_line (editor, "Máy in laser", "2", "3.500.000", "5", "10");
  add_text_line (editor, "Giấy A4", "10", "65.000", "", "8");
  revisions = crm_quote_editor_list_revisions (editor, &error);
  g_assert_cmpuint (revisions->len, ==, 0);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* Sending saves the draft first, then records the send. */
  g_assert_true (crm_quote_editor_send (editor, "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL, &error));
  g_assert_no_error (error);
  g_object_get (editor, "status", &status, "revision", &revision, NULL);
  g_assert_cmpint (status, ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpint (revision, ==, 1);
  g_assert_true (g_str_has_prefix (crm_quote_editor_get_sends_text (editor), "Sent on "));
  g_assert_true (g_str_has_suffix (crm_quote_editor_get_sends_text (editor), " to an@minhphat.vn"));
  g_assert_false (crm_quote_editor_get_dirty (editor));

  /* A change saved after the send is revision 2. */
  set_cell (editor, 1, CRM_QUOTE_CELL_QUANTITY, "20");
  save (editor);
  g_assert_cmpint (crm_quote_editor_get_revision (editor), ==, 2);
  g_assert_cmpint (crm_quote_editor_get_status (editor), ==, CRM_QUOTE_STATUS_SENT);
  revisions = crm_quote_editor_list_revisions (editor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (((CrmQuoteRevision *) g_ptr_array_index (revisions, 0))->revision, ==, 1);
  g_assert_cmpint (((CrmQuoteRevision *) g_ptr_array_index (revisions, 1))->revision, ==, 2);
  g_assert_cmpint (((CrmQuoteRevision *) g_ptr_array_index (revisions, 1))->grand_total, ==, grand_total (editor));

  diff = crm_quote_editor_diff_revisions (editor, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->len, ==, 2);
  g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, 0))->change, ==, CRM_QUOTE_LINE_SAME);
  changed = g_ptr_array_index (diff, 1);
  g_assert_cmpint (changed->change, ==, CRM_QUOTE_LINE_CHANGED);
  g_assert_cmpint (changed->fields, ==, CRM_QUOTE_LINE_FIELD_QUANTITY);
  g_assert_cmpint (changed->old_line->quantity_milli, ==, 10000);
  g_assert_cmpint (changed->new_line->quantity_milli, ==, 20000);

  /* The draft against the last revision: nothing yet; then the new line. */
  same = crm_quote_editor_diff_revisions (editor, 2, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < same->len; i++)
    g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (same, i))->change, ==, CRM_QUOTE_LINE_SAME);
  g_clear_pointer (&diff, g_ptr_array_unref);
  add_text_line (editor, "Mực in", "1", "450.000", "", "10");
  diff = crm_quote_editor_diff_revisions (editor, 2, 0, &error);
  g_assert_cmpuint (diff->len, ==, 3);
  g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, 2))->change, ==, CRM_QUOTE_LINE_ADDED);

  /* Undo reaches back past the save; saving again is revision 3. */
  while (n_lines (editor) > 2)
    g_assert_true (crm_quote_editor_undo (editor, &error));
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, 1, CRM_QUOTE_CELL_QUANTITY), ==, "20");
  g_assert_false (crm_quote_editor_get_dirty (editor));
  g_assert_true (crm_quote_editor_undo (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, 1, CRM_QUOTE_CELL_QUANTITY), ==, "10");
  g_assert_true (crm_quote_editor_get_dirty (editor));
  save (editor);
  g_assert_cmpint (crm_quote_editor_get_revision (editor), ==, 3);
  g_clear_pointer (&diff, g_ptr_array_unref);
  diff = crm_quote_editor_diff_revisions (editor, 2, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->len, ==, 2);
  /* The line kept its id across the undo, so it shows as changed, not replaced. */
  g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, 1))->change, ==, CRM_QUOTE_LINE_CHANGED);
}

static void
test_locked_refuses_edits (Shop          *shop,
                           gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->agent);
  g_autoptr(CrmQuoteEditor) reopened = crm_quote_editor_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean read_only = FALSE;

  add_text_line (editor, "Bảo trì máy in", "1", "1.200.000", "", "10");
  set_cell (editor, 0, CRM_QUOTE_CELL_UNIT, "lần");
  g_assert_false (crm_quote_editor_accept (editor, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_true (crm_quote_editor_send (editor, "Anh Minh", CRM_QUOTE_CHANNEL_HAND, &error));
  g_assert_true (crm_quote_editor_accept (editor, &error));
  g_assert_no_error (error);
  g_object_get (editor, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_cmpint (crm_quote_editor_get_status (editor), ==, CRM_QUOTE_STATUS_ACCEPTED);
  g_assert_false (crm_quote_editor_get_can_undo (editor));
  g_assert_false (crm_quote_editor_get_can_save (editor));

#define ASSERT_LOCKED() \
  G_STMT_START { \
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED); \
    g_assert_nonnull (strstr (error->message, "is locked")); \
    g_assert_cmpstr (crm_quote_editor_get_message (editor), ==, error->message); \
    g_clear_error (&error); \
  } G_STMT_END

  g_assert_false (crm_quote_editor_set_cell (editor, 0, CRM_QUOTE_CELL_QUANTITY, "5", &error));
  ASSERT_LOCKED ();
  g_assert_cmpint (crm_quote_editor_add_line_after (editor, 0, &error), ==, -1);
  ASSERT_LOCKED ();
  g_assert_cmpint (crm_quote_editor_add_product_line (editor, 0, shop->keyboard, &error), ==, -1);
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_set_line_product (editor, 0, shop->keyboard, &error));
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_remove_line (editor, 0, &error));
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_set_field (editor, CRM_QUOTE_EDITOR_FIELD_TERMS, "Khác", &error));
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_set_contact_id (editor, 1, &error));
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_undo (editor, &error));
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_revert (editor, &error));
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_save (editor, &error));
  ASSERT_LOCKED ();
  g_assert_false (crm_quote_editor_send (editor, "Anh Minh", CRM_QUOTE_CHANNEL_PRINT, &error));
  ASSERT_LOCKED ();

  /* Through the item as well: the text stays, the refusal is the message. */
  g_object_set (item_at (editor, 0), "quantity", "7", NULL);
  g_object_get (item_at (editor, 0), "quantity", &text, NULL);
  g_assert_cmpstr (text, ==, "1");
  g_assert_nonnull (strstr (crm_quote_editor_get_message (editor), "is locked"));
  g_assert_cmpuint (n_lines (editor), ==, 1);
  g_assert_cmpstr (crm_quote_editor_get_cell (editor, 0, CRM_QUOTE_CELL_UNIT), ==, "lần");

  /* Opened again later, it is read only from the start. */
  g_assert_true (crm_quote_editor_load (reopened, crm_quote_editor_get_id (editor), &error));
  g_assert_true (crm_quote_editor_get_read_only (reopened));
  g_assert_false (crm_quote_editor_set_cell (reopened, 0, CRM_QUOTE_CELL_DESCRIPTION, "Khác", &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
#undef ASSERT_LOCKED
}

static void
test_invalid_cells (Shop          *shop,
                    gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->walk_in);
  g_autoptr(GError) error = NULL;
  g_autofree char *quantity_error = NULL;
  CrmQuoteLineItem *item;

  add_text_line (editor, "Bàn làm việc", "2", "2.000.000", "", "10");
  item = item_at (editor, 0);
  g_assert_true (crm_quote_editor_get_can_save (editor));

#define ASSERT_CELL_ERROR(cell, text, message) \
  G_STMT_START { \
    set_cell (editor, 0, cell, text); \
    g_assert_cmpstr (crm_quote_line_item_get_text (item, cell), ==, text); \
    g_assert_cmpstr (crm_quote_line_item_get_error (item, cell), ==, message); \
    g_assert_false (crm_quote_editor_get_can_save (editor)); \
  } G_STMT_END

  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_QUANTITY, "abc", "Enter a quantity such as 2 or 1,5.");
  /* The totals keep the last valid quantity meanwhile. */
  g_assert_cmpint (grand_total (editor), ==, 4400000);
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_QUANTITY, "-2", "The quantity must be more than zero.");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_QUANTITY, "0", "The quantity must be more than zero.");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_QUANTITY, "1,2345", "A quantity has at most three decimals.");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_QUANTITY, "", "Enter a quantity.");
  g_object_get (item, "quantity-error", &quantity_error, NULL);
  g_assert_cmpstr (quantity_error, ==, "Enter a quantity.");

  g_assert_false (crm_quote_editor_save (editor, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (crm_quote_editor_get_id (editor), ==, 0);
  g_clear_error (&error);

  set_cell (editor, 0, CRM_QUOTE_CELL_QUANTITY, "1.500");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_QUANTITY), ==, "1500");
  set_cell (editor, 0, CRM_QUOTE_CELL_QUANTITY, "1.5");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_QUANTITY), ==, "1,5");
  g_assert_null (crm_quote_line_item_get_error (item, CRM_QUOTE_CELL_QUANTITY));
  g_assert_true (crm_quote_editor_get_can_save (editor));

  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_DISCOUNT, "120", "The discount must be between 0 % and 100 %.");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_DISCOUNT, "-5", "The discount must be between 0 % and 100 %.");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_DISCOUNT, "mười", "Enter a percentage such as 10 or 12,5.");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_DISCOUNT, "12,345", "Enter a percentage such as 10 or 12,5.");
  set_cell (editor, 0, CRM_QUOTE_CELL_DISCOUNT, "12,5 %");
  g_assert_cmpstr (crm_quote_line_item_get_text (item, CRM_QUOTE_CELL_DISCOUNT), ==, "12,5 %");
  g_assert_cmpint (((CrmQuoteLine *) crm_quote_editor_get_quote (editor)->lines->pdata[0])->discount_bp, ==, 1250);

  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_UNIT_PRICE, "-5", "The unit price cannot be negative.");
  set_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE, "12.5");
  g_assert_nonnull (crm_quote_line_item_get_error (item, CRM_QUOTE_CELL_UNIT_PRICE));
  set_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE, "2 000 000 ₫");
  g_assert_null (crm_quote_line_item_get_error (item, CRM_QUOTE_CELL_UNIT_PRICE));

  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_VAT_RATE, "", "Enter the VAT rate.");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_VAT_RATE, "150", "The VAT rate must be between 0 % and 100 %.");
  set_cell (editor, 0, CRM_QUOTE_CELL_VAT_RATE, "8");
  ASSERT_CELL_ERROR (CRM_QUOTE_CELL_DESCRIPTION, "  ", "Enter a description.");
  set_cell (editor, 0, CRM_QUOTE_CELL_DESCRIPTION, "Bàn làm việc");
  g_assert_true (crm_quote_editor_get_can_save (editor));
#undef ASSERT_CELL_ERROR

  /* A blank line left by Enter is neither an error nor saved. */
  g_assert_cmpint (crm_quote_editor_add_line_after (editor, 0, &error), ==, 1);
  g_assert_null (crm_quote_editor_get_cell_error (editor, 1, CRM_QUOTE_CELL_DESCRIPTION));
  g_assert_true (crm_quote_editor_get_can_save (editor));

  /* Dates. */
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE, "31/02/2026");
  g_assert_cmpstr (crm_quote_editor_get_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE), ==, "31/02/2026");
  g_assert_nonnull (crm_quote_editor_get_field_error (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE));
  g_assert_false (crm_quote_editor_get_can_save (editor));
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE, "01/03/2026");
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL, "28/02/2026");
  g_assert_null (crm_quote_editor_get_field_error (editor, CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE));
  g_assert_cmpstr (crm_quote_editor_get_field_error (editor, CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL), ==,
                   "The quote cannot be valid until a date before its own date.");
  g_assert_false (crm_quote_editor_get_can_save (editor));
  set_field (editor, CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL, "31/03/2026");
  g_assert_true (crm_quote_editor_get_can_save (editor));
  save (editor);
  g_assert_cmpuint (crm_quote_editor_get_quote (editor)->lines->len, ==, 2);
  g_assert_cmpuint (n_lines (editor), ==, 2);

  /* A line that does not exist. */
  g_assert_false (crm_quote_editor_set_cell (editor, 7, CRM_QUOTE_CELL_UNIT, "cái", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
}

static void
test_conflict_keeps_draft (Shop          *shop,
                           gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) first = new_editor (shop, shop->walk_in);
  g_autoptr(CrmQuoteEditor) second = crm_quote_editor_new (shop->db.store, shop->db.admin);
  g_autoptr(GError) error = NULL;

  add_text_line (first, "Tủ hồ sơ", "1", "3.000.000", "", "10");
  save (first);
  g_assert_true (crm_quote_editor_load (second, crm_quote_editor_get_id (first), &error));
  g_assert_no_error (error);

  set_cell (first, 0, CRM_QUOTE_CELL_QUANTITY, "2");
  save (first);
  set_cell (second, 0, CRM_QUOTE_CELL_QUANTITY, "5");
  g_assert_false (crm_quote_editor_save (second, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (crm_quote_editor_get_message (second), ==, error->message);
  g_assert_true (crm_quote_editor_get_dirty (second));
  g_assert_cmpstr (crm_quote_editor_get_cell (second, 0, CRM_QUOTE_CELL_QUANTITY), ==, "5");
  g_assert_true (crm_quote_editor_get_can_undo (second));

  /* The next successful change clears the message. */
  set_cell (second, 0, CRM_QUOTE_CELL_QUANTITY, "6");
  g_assert_null (crm_quote_editor_get_message (second));
}

static void
test_product_picker (Shop          *shop,
                     gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) editor = new_editor (shop, shop->walk_in);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  CrmProduct *product;

  found = crm_quote_editor_search_products (editor, "ban phim", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  product = g_ptr_array_index (found, 0);
  g_assert_cmpstr (crm_product_get_code (product), ==, "BP-01");
  g_assert_cmpstr (crm_product_get_name (product), ==, "Bàn phím cơ");
  g_assert_cmpstr (crm_product_get_unit (product), ==, "cái");
  g_assert_cmpint (crm_product_get_list_price (product), ==, 1000000);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = crm_quote_editor_search_products (editor, "MÁY IN", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (crm_product_get_code (g_ptr_array_index (found, 0)), ==, "MI-01");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Products no longer sold are not offered. */
  found = crm_quote_editor_search_products (editor, "chuot", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = crm_quote_editor_search_products (editor, "", 1, &error);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_staff_sees_own_customers (Shop          *shop,
                               gconstpointer  data)
{
  g_autoptr(CrmQuoteEditor) admin_editor = new_editor (shop, shop->walk_in);
  g_autoptr(CrmQuoteEditor) editor = NULL;
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id, own;

  add_text_line (admin_editor, "Bàn họp", "1", "5.000.000", "", "10");
  save (admin_editor);
  staff_id = crm_user_store_create (shop->db.store, shop->db.admin, "lan.tran", "Trần Thị Lan",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  g_assert_true (crm_settings_set (shop->db.store, shop->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  own = crm_test_add_customer (&shop->db, NULL, "Lê Thị Hoa", "hue", NULL, staff_id);
  staff = crm_user_store_open_session (shop->db.store, staff_id, &error);
  g_assert_no_error (error);
  editor = crm_quote_editor_new (shop->db.store, staff);

  /* Someone else's customer and quote are out of sight. */
  g_assert_false (crm_quote_editor_start_new (editor, shop->walk_in, 0, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_quote_editor_load (editor, crm_quote_editor_get_id (admin_editor), &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Their own customer is fine. */
  g_assert_true (crm_quote_editor_start_new (editor, own, 0, 0, &error));
  g_assert_no_error (error);
  add_text_line (editor, "Ghế xoay", "4", "1.500.000", "", "10");
  save (editor);
  g_assert_cmpint (crm_quote_editor_get_quote (editor)->owner_id, ==, staff_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Shop, NULL, shop_setup, func, shop_teardown)
  ADD ("/controllers/quote-editor/new-and-load", test_new_and_load);
  ADD ("/controllers/quote-editor/price-pickup", test_price_pickup);
  ADD ("/controllers/quote-editor/override-needs-reason", test_override_needs_reason);
  ADD ("/controllers/quote-editor/totals-and-words", test_totals_and_words);
  ADD ("/controllers/quote-editor/undo-redo", test_undo_redo);
  ADD ("/controllers/quote-editor/revision-after-send", test_revision_after_send);
  ADD ("/controllers/quote-editor/locked-refuses-edits", test_locked_refuses_edits);
  ADD ("/controllers/quote-editor/invalid-cells", test_invalid_cells);
  ADD ("/controllers/quote-editor/conflict-keeps-draft", test_conflict_keeps_draft);
  ADD ("/controllers/quote-editor/product-picker", test_product_picker);
  ADD ("/controllers/quote-editor/staff-sees-own-customers", test_staff_sees_own_customers);
#undef ADD

  return g_test_run ();
}
