/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-error.h"
#include "crm-quote.h"
#include "crm-quote-snapshot.h"

static CrmQuoteLine *
make_line (gint64      id,
           const char *description,
           gint64      quantity_milli,
           gint64      unit_price,
           gint        discount_bp,
           gint        vat_rate_bp)
{
  CrmQuoteLine *line = crm_quote_line_new ();

  line->id = id;
  line->description = g_strdup (description);
  line->quantity_milli = quantity_milli;
  line->unit_price = unit_price;
  line->discount_bp = discount_bp;
  line->vat_rate_bp = vat_rate_bp;
  return line;
}

static CrmQuote *
make_quote (void)
{
  CrmQuote *quote = crm_quote_new ();

  quote->customer_id = 7;
  quote->issue_date = g_strdup ("2026-03-02");
  quote->valid_until = g_strdup ("2026-04-01");
  return quote;
}

/* Line amounts ------------------------------------------------------------------ */

static void
test_line_amounts (void)
{
  static const struct
  {
    gint64 quantity_milli;
    gint64 unit_price;
    gint   discount_bp;
    gint64 gross;
    gint64 discount;
    gint64 net;
  } cases[] = {
    { 1000, 100000, 0, 100000, 0, 100000 },
    { 1500, 333, 0, 500, 0, 500 },               /* 499,5 rounds up */
    { 1, 1, 0, 0, 0, 0 },                        /* 0,001 đồng */
    { 2500, 1, 0, 3, 0, 3 },                     /* 2,5 -> 3, half away from zero */
    { 1234, 999, 0, 1233, 0, 1233 },             /* 1232,766 */
    { 3000, 150000, 1250, 450000, 56250, 393750 },
    { 1000, 333, 500, 333, 17, 316 },            /* 16,65 */
    { 1000, 10, 250, 10, 0, 10 },                /* 0,25 */
    { 1000, 30, 500, 30, 2, 28 },                /* 1,5 -> 2 */
    { 1000, 12345, 10000, 12345, 12345, 0 },     /* 100 % */
    { 1000000, G_GINT64_CONSTANT (10000000000), 0,
      G_GINT64_CONSTANT (10000000000000), 0, G_GINT64_CONSTANT (10000000000000) },
    /* gross × 9999 is above G_MAXINT64: exact all the same */
    { 1000, G_GINT64_CONSTANT (999999999999999), 9999, G_GINT64_CONSTANT (999999999999999),
      G_GINT64_CONSTANT (999899999999999), G_GINT64_CONSTANT (100000000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmQuoteLine) line = make_line (0, "Hàng", cases[i].quantity_milli, cases[i].unit_price,
                                                cases[i].discount_bp, 1000);
      g_autoptr(GError) error = NULL;
      gint64 gross = -1, discount = -1, net = -1;

      g_assert_true (crm_quote_line_amounts (line, &gross, &discount, &net, &error));
      g_assert_no_error (error);
      g_assert_cmpint (gross, ==, cases[i].gross);
      g_assert_cmpint (discount, ==, cases[i].discount);
      g_assert_cmpint (net, ==, cases[i].net);
    }
}

static void
test_line_amounts_too_large (void)
{
  static const gint64 cases[][2] = {
    { G_GINT64_CONSTANT (1000000000000), G_GINT64_CONSTANT (10000000000000) },  /* wraps in 64 bits */
    { G_MAXINT64, G_MAXINT64 },
    { 1000000000, G_GINT64_CONSTANT (10000000000) },                            /* 10^16 */
    { 1000, CRM_QUOTE_MAX_AMOUNT + 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmQuoteLine) line = make_line (0, "Hàng", cases[i][0], cases[i][1], 0, 1000);
      g_autoptr(GError) error = NULL;
      gint64 gross = 0;

      g_assert_false (crm_quote_line_amounts (line, &gross, NULL, NULL, &error));
      g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
    }
}

/* Totals ------------------------------------------------------------------------- */

static void
assert_vat (const CrmQuoteTotals *totals,
            guint                 index,
            gint                  rate_bp,
            gint64                base,
            gint64                amount)
{
  const CrmQuoteVat *vat = &g_array_index (totals->vat, CrmQuoteVat, index);

  g_assert_cmpint (vat->rate_bp, ==, rate_bp);
  g_assert_cmpint (vat->base, ==, base);
  g_assert_cmpint (vat->amount, ==, amount);
}

/* 0 %, 8 % and 10 % on one quote; VAT once per rate, on the sum of nets. */
static void
test_totals_per_rate (void)
{
  g_autoptr(CrmQuote) quote = make_quote ();
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;

  crm_quote_add_line (quote, make_line (0, "Giấy A4", 1000, 10005, 0, 800));
  crm_quote_add_line (quote, make_line (0, "Bút bi", 1000, 10005, 0, 800));
  crm_quote_add_line (quote, make_line (0, "Mực in", 2500, 3333, 500, 1000));
  crm_quote_add_line (quote, make_line (0, "Sách", 1000, 50000, 0, 0));
  g_assert_true (crm_quote_compute_totals (quote, &totals, &error));
  g_assert_no_error (error);

  g_assert_cmpint (totals.subtotal, ==, 10005 + 10005 + 8333 + 50000);
  g_assert_cmpint (totals.discount_total, ==, 417);
  g_assert_cmpint (totals.net_total, ==, 77926);
  g_assert_cmpuint (totals.vat->len, ==, 3);
  assert_vat (&totals, 0, 0, 50000, 0);
  /* 20 010 × 8 % = 1 600,8 -> 1 601, where two line roundings give 1 600. */
  assert_vat (&totals, 1, 800, 20010, 1601);
  assert_vat (&totals, 2, 1000, 7916, 792);
  g_assert_cmpint (totals.vat_total, ==, 2393);
  g_assert_cmpint (totals.grand_total, ==, 80319);

  /* Recomputing overwrites; an empty quote totals zero. */
  g_ptr_array_set_size (quote->lines, 0);
  g_assert_true (crm_quote_compute_totals (quote, &totals, &error));
  g_assert_cmpint (totals.grand_total, ==, 0);
  g_assert_cmpuint (totals.vat->len, ==, 0);
}

static void
test_totals_large (void)
{
  g_autoptr(CrmQuote) quote = make_quote ();
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;

  crm_quote_add_line (quote, make_line (0, "Nhà xưởng", 1000000, G_GINT64_CONSTANT (9999999999), 0, 1000));
  crm_quote_add_line (quote, make_line (0, "Ốc vít", 500, 3, 0, 1000));
  crm_quote_add_line (quote, make_line (0, "Thép", 1234567, 7654321, 1500, 800));
  crm_quote_add_line (quote, make_line (0, "Tư vấn", 3, 999, 0, 0));
  g_assert_true (crm_quote_compute_totals (quote, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals.subtotal, ==, G_GINT64_CONSTANT (10009449771119));
  g_assert_cmpint (totals.discount_total, ==, 1417465817);
  g_assert_cmpint (totals.net_total, ==, G_GINT64_CONSTANT (10008032305302));
  assert_vat (&totals, 0, 0, 3, 0);
  assert_vat (&totals, 1, 800, 8032306297, 642584504);
  assert_vat (&totals, 2, 1000, G_GINT64_CONSTANT (9999999999002), G_GINT64_CONSTANT (999999999900));
  g_assert_cmpint (totals.vat_total, ==, G_GINT64_CONSTANT (1000642584404));
  g_assert_cmpint (totals.grand_total, ==, G_GINT64_CONSTANT (11008674889706));

  /* Two lines within the limit whose sum is not. */
  g_ptr_array_set_size (quote->lines, 0);
  crm_quote_add_line (quote, make_line (0, "A", 1000, G_GINT64_CONSTANT (600000000000000), 0, 0));
  crm_quote_add_line (quote, make_line (0, "B", 1000, G_GINT64_CONSTANT (600000000000000), 0, 0));
  g_assert_false (crm_quote_compute_totals (quote, &totals, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  /* The VAT pushes a total at the limit over it. */
  g_ptr_array_set_size (quote->lines, 0);
  crm_quote_add_line (quote, make_line (0, "A", 1000, CRM_QUOTE_MAX_AMOUNT, 0, 1000));
  g_assert_false (crm_quote_compute_totals (quote, &totals, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
}

static void
test_format_quantity (void)
{
  static const struct { gint64 milli; const char *text; } cases[] = {
    { 1500, "1,5" }, { 2000, "2" }, { 1, "0,001" }, { 1250, "1,25" }, { 0, "0" },
    { -1500, "-1,5" }, { 123456789, "123456,789" }, { 10010, "10,01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_quote_format_quantity (cases[i].milli);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Validation --------------------------------------------------------------------- */

static void
test_validate_normalises (void)
{
  g_autoptr(CrmQuote) quote = crm_quote_new ();
  g_autoptr(GError) error = NULL;
  CrmQuoteLine *line;

  quote->customer_id = 3;
  quote->issue_date = g_strdup (" 2/3/2026 ");
  quote->valid_until = g_strdup ("02/03/2026");
  g_free (quote->currency);
  quote->currency = g_strdup (" vnd ");
  quote->terms = g_strdup ("  Thanh toán trong 15 ngày  ");
  quote->notes = g_strdup ("   ");
  line = crm_quote_add_line (quote, make_line (0, "  Máy in  ", 1000, 0, 0, 0));
  g_free (line->unit);
  line->unit = NULL;
  line->price_source = g_strdup (" ");

  g_assert_true (crm_quote_validate (quote, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (quote->issue_date, ==, "2026-03-02");
  g_assert_cmpstr (quote->valid_until, ==, "2026-03-02");   /* the same day is fine */
  g_assert_cmpstr (quote->currency, ==, "VND");
  g_assert_cmpstr (quote->terms, ==, "Thanh toán trong 15 ngày");
  g_assert_null (quote->notes);
  g_assert_cmpstr (line->description, ==, "Máy in");
  g_assert_cmpstr (line->unit, ==, "");
  g_assert_null (line->price_source);

  /* A draft may have no lines. */
  g_ptr_array_set_size (quote->lines, 0);
  g_assert_true (crm_quote_validate (quote, &error));
}

static void
test_validate_refuses (void)
{
  static const struct
  {
    const char *issue;
    const char *valid;
    const char *currency;
    const char *description;
    gint64      quantity_milli;
    gint64      unit_price;
    gint        discount_bp;
    gint        vat_rate_bp;
    int         code;
    const char *message;
  } cases[] = {
    { "2026-03-10", "2026-03-09", "VND", "Máy in", 1000, 1, 0, 1000, CRM_VALIDATION_ERROR_RANGE,
      "The quote cannot be valid until a date before its own date." },
    { NULL, "2026-03-09", "VND", "Máy in", 1000, 1, 0, 1000, CRM_VALIDATION_ERROR_REQUIRED, NULL },
    { "2026-03-01", " ", "VND", "Máy in", 1000, 1, 0, 1000, CRM_VALIDATION_ERROR_REQUIRED, NULL },
    { "31/02/2026", "2026-03-09", "VND", "Máy in", 1000, 1, 0, 1000, CRM_VALIDATION_ERROR_DATE, NULL },
    { "2026-03-01", "2026-03-09", "USD", "Máy in", 1000, 1, 0, 1000, CRM_VALIDATION_ERROR_FORMAT, NULL },
    { "2026-03-01", "2026-03-09", "VND", " ", 1000, 1, 0, 1000, CRM_VALIDATION_ERROR_REQUIRED,
      "Line 2: enter a description." },
    { "2026-03-01", "2026-03-09", "VND", "Máy in", 0, 1, 0, 1000, CRM_VALIDATION_ERROR_RANGE,
      "Line 2: the quantity must be more than zero." },
    { "2026-03-01", "2026-03-09", "VND", "Máy in", -500, 1, 0, 1000, CRM_VALIDATION_ERROR_RANGE,
      "Line 2: the quantity must be more than zero." },
    { "2026-03-01", "2026-03-09", "VND", "Máy in", 1000, -1, 0, 1000, CRM_VALIDATION_ERROR_RANGE,
      "Line 2: the unit price cannot be negative." },
    { "2026-03-01", "2026-03-09", "VND", "Máy in", 1000, 1, 10001, 1000, CRM_VALIDATION_ERROR_RANGE,
      "Line 2: the discount must be between 0 % and 100 %." },
    { "2026-03-01", "2026-03-09", "VND", "Máy in", 1000, 1, -1, 1000, CRM_VALIDATION_ERROR_RANGE,
      "Line 2: the discount must be between 0 % and 100 %." },
    { "2026-03-01", "2026-03-09", "VND", "Máy in", 1000, 1, 0, 10001, CRM_VALIDATION_ERROR_RANGE,
      "Line 2: the VAT rate must be between 0 % and 100 %." },
    { "2026-03-01", "2026-03-09", "VND", "Máy in", G_GINT64_CONSTANT (1000000000000),
      G_GINT64_CONSTANT (10000000000000), 0, 1000, CRM_VALIDATION_ERROR_RANGE,
      "Line 2: the amount is too large. Check the quantity and the unit price." },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmQuote) quote = crm_quote_new ();

      quote->customer_id = 3;
      quote->issue_date = g_strdup (cases[i].issue);
      quote->valid_until = g_strdup (cases[i].valid);
      g_free (quote->currency);
      quote->currency = g_strdup (cases[i].currency);
      crm_quote_add_line (quote, make_line (0, "Giấy", 1000, 50000, 0, 800));
      crm_quote_add_line (quote, make_line (0, cases[i].description, cases[i].quantity_milli,
                                            cases[i].unit_price, cases[i].discount_bp,
                                            cases[i].vat_rate_bp));
      g_assert_false (crm_quote_validate (quote, &error));
      g_assert_error (error, CRM_VALIDATION_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }

  {
    g_autoptr(CrmQuote) quote = make_quote ();

    quote->customer_id = 0;
    g_assert_false (crm_quote_validate (quote, &error));
    g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  }
}

/* Copies and comparisons ----------------------------------------------------------- */

static void
test_copy_and_same_content (void)
{
  g_autoptr(CrmQuote) quote = make_quote ();
  g_autoptr(CrmQuote) copy = NULL;
  CrmQuoteLine *line;

  crm_quote_add_line (quote, make_line (4, "Máy in", 2000, 1500000, 0, 1000));
  quote->terms = g_strdup ("Bảo hành 12 tháng");
  copy = crm_quote_copy (quote);
  g_assert_true (copy->lines != quote->lines);
  g_assert_true (g_ptr_array_index (copy->lines, 0) != g_ptr_array_index (quote->lines, 0));
  g_assert_true (crm_quote_same_content (quote, copy));

  /* NULL and "" are the same text; the line id and read-only names do not count. */
  g_free (copy->notes);
  copy->notes = g_strdup ("");
  copy->customer_name = g_strdup ("Công ty Minh Phát");
  ((CrmQuoteLine *) g_ptr_array_index (copy->lines, 0))->id = 9;
  g_assert_true (crm_quote_same_content (quote, copy));

  line = g_ptr_array_index (copy->lines, 0);
  line->override_reason = g_strdup ("Khách quen");
  g_assert_false (crm_quote_same_content (quote, copy));
  g_clear_pointer (&line->override_reason, g_free);
  line->unit_price++;
  g_assert_false (crm_quote_same_content (quote, copy));
  line->unit_price--;
  crm_quote_add_line (copy, make_line (0, "Giấy", 1000, 1, 0, 0));
  g_assert_false (crm_quote_same_content (quote, copy));
  g_ptr_array_set_size (copy->lines, 1);
  g_free (copy->valid_until);
  copy->valid_until = g_strdup ("2026-05-01");
  g_assert_false (crm_quote_same_content (quote, copy));
  g_assert_cmpint (crm_quote_diff_header (quote, copy), ==, CRM_QUOTE_FIELD_VALID_UNTIL);
}

/* Differences ------------------------------------------------------------------------ */

static void
assert_diff (GPtrArray          *diffs,
             guint               index,
             CrmQuoteLineChange  change,
             guint               old_position,
             guint               new_position,
             CrmQuoteLineFields  fields)
{
  const CrmQuoteLineDiff *diff = g_ptr_array_index (diffs, index);

  g_assert_cmpint (diff->change, ==, change);
  g_assert_cmpuint (diff->old_position, ==, old_position);
  g_assert_cmpuint (diff->new_position, ==, new_position);
  g_assert_cmpint (diff->fields, ==, fields);
  g_assert_true ((diff->old_line != NULL) == (old_position > 0));
  g_assert_true ((diff->new_line != NULL) == (new_position > 0));
}

static void
test_diff_by_id (void)
{
  g_autoptr(CrmQuote) old = make_quote ();
  g_autoptr(CrmQuote) new = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  CrmQuoteLine *line;

  crm_quote_add_line (old, make_line (11, "Máy in", 1000, 3000000, 0, 1000));
  crm_quote_add_line (old, make_line (12, "Giấy A4", 10000, 65000, 0, 800));
  crm_quote_add_line (old, make_line (13, "Mực in", 2000, 450000, 0, 1000));
  crm_quote_add_line (old, make_line (14, "Lắp đặt", 1000, 200000, 0, 1000));
  new = crm_quote_copy (old);

  /* Line 12 gets a discount and a new quantity, 13 goes, a new line comes
   * first, and 14 moves in front of 11. */
  line = g_ptr_array_index (new->lines, 1);
  line->discount_bp = 500;
  line->quantity_milli = 12000;
  g_ptr_array_remove_index (new->lines, 2);
  g_ptr_array_insert (new->lines, 0, make_line (0, "Bảo hành mở rộng", 1000, 500000, 0, 1000));
  line = g_ptr_array_steal_index (new->lines, 3);
  g_ptr_array_insert (new->lines, 1, line);
  /* new: [new, 14, 11, 12] */

  diffs = crm_quote_diff_lines (old, new);
  g_assert_cmpuint (diffs->len, ==, 5);
  assert_diff (diffs, 0, CRM_QUOTE_LINE_ADDED, 0, 1, 0);
  assert_diff (diffs, 1, CRM_QUOTE_LINE_SAME, 4, 2, 0);
  assert_diff (diffs, 2, CRM_QUOTE_LINE_SAME, 1, 3, 0);
  assert_diff (diffs, 3, CRM_QUOTE_LINE_CHANGED, 2, 4,
               CRM_QUOTE_LINE_FIELD_QUANTITY | CRM_QUOTE_LINE_FIELD_DISCOUNT);
  assert_diff (diffs, 4, CRM_QUOTE_LINE_REMOVED, 3, 0, 0);
  g_assert_cmpstr (((CrmQuoteLineDiff *) g_ptr_array_index (diffs, 4))->old_line->description, ==, "Mực in");
}

static void
test_diff_removed_in_place (void)
{
  g_autoptr(CrmQuote) old = make_quote ();
  g_autoptr(CrmQuote) new = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(GPtrArray) same = NULL;
  CrmQuoteLine *line;

  crm_quote_add_line (old, make_line (1, "A", 1000, 1, 0, 0));
  crm_quote_add_line (old, make_line (2, "B", 1000, 1, 0, 0));
  crm_quote_add_line (old, make_line (3, "C", 1000, 1, 0, 0));
  new = crm_quote_copy (old);
  g_ptr_array_remove_index (new->lines, 1);
  line = g_ptr_array_index (new->lines, 1);
  g_free (line->description);
  line->description = g_strdup ("C'");
  line->unit_price = 2;
  line->vat_rate_bp = 800;
  line->product_id = 5;
  g_free (line->unit);
  line->unit = g_strdup ("hộp");

  /* The removed line shows where it was, between A and C. */
  diffs = crm_quote_diff_lines (old, new);
  g_assert_cmpuint (diffs->len, ==, 3);
  assert_diff (diffs, 0, CRM_QUOTE_LINE_SAME, 1, 1, 0);
  assert_diff (diffs, 1, CRM_QUOTE_LINE_REMOVED, 2, 0, 0);
  assert_diff (diffs, 2, CRM_QUOTE_LINE_CHANGED, 3, 2,
               CRM_QUOTE_LINE_FIELD_DESCRIPTION | CRM_QUOTE_LINE_FIELD_UNIT_PRICE |
               CRM_QUOTE_LINE_FIELD_VAT_RATE | CRM_QUOTE_LINE_FIELD_PRODUCT |
               CRM_QUOTE_LINE_FIELD_UNIT);

  /* A quote against itself: every line the same. */
  same = crm_quote_diff_lines (old, old);
  g_assert_cmpuint (same->len, ==, 3);
  for (guint i = 0; i < same->len; i++)
    assert_diff (same, i, CRM_QUOTE_LINE_SAME, i + 1, i + 1, 0);
}

/* Snapshots written before lines had ids pair lines by position. */
static void
test_diff_without_ids (void)
{
  g_autoptr(CrmQuote) old = make_quote ();
  g_autoptr(CrmQuote) new = make_quote ();
  g_autoptr(GPtrArray) diffs = NULL;

  crm_quote_add_line (old, make_line (0, "A", 1000, 1, 0, 0));
  crm_quote_add_line (old, make_line (0, "B", 1000, 1, 0, 0));
  crm_quote_add_line (new, make_line (0, "A", 1000, 1, 0, 0));
  crm_quote_add_line (new, make_line (0, "B", 1000, 1, 500, 0));
  crm_quote_add_line (new, make_line (0, "C", 1000, 1, 0, 0));
  diffs = crm_quote_diff_lines (old, new);
  g_assert_cmpuint (diffs->len, ==, 3);
  assert_diff (diffs, 0, CRM_QUOTE_LINE_SAME, 1, 1, 0);
  assert_diff (diffs, 1, CRM_QUOTE_LINE_CHANGED, 2, 2, CRM_QUOTE_LINE_FIELD_DISCOUNT);
  assert_diff (diffs, 2, CRM_QUOTE_LINE_ADDED, 0, 3, 0);

  /* The same old snapshot against the quote as saved today, with ids. */
  g_clear_pointer (&diffs, g_ptr_array_unref);
  for (guint i = 0; i < new->lines->len; i++)
    ((CrmQuoteLine *) g_ptr_array_index (new->lines, i))->id = 40 + i;
  diffs = crm_quote_diff_lines (old, new);
  g_assert_cmpuint (diffs->len, ==, 3);
  assert_diff (diffs, 0, CRM_QUOTE_LINE_SAME, 1, 1, 0);
  assert_diff (diffs, 1, CRM_QUOTE_LINE_CHANGED, 2, 2, CRM_QUOTE_LINE_FIELD_DISCOUNT);
  assert_diff (diffs, 2, CRM_QUOTE_LINE_ADDED, 0, 3, 0);

  /* Everything removed. */
  g_clear_pointer (&diffs, g_ptr_array_unref);
  g_ptr_array_set_size (new->lines, 0);
  diffs = crm_quote_diff_lines (old, new);
  g_assert_cmpuint (diffs->len, ==, 2);
  assert_diff (diffs, 0, CRM_QUOTE_LINE_REMOVED, 1, 0, 0);
  assert_diff (diffs, 1, CRM_QUOTE_LINE_REMOVED, 2, 0, 0);
}

/* Snapshots ---------------------------------------------------------------------------- */

static CrmQuote *
snapshot_quote (void)
{
  CrmQuote *quote = make_quote ();
  CrmQuoteLine *line;

  quote->id = 42;
  quote->code = g_strdup ("BG-2026-0042");
  quote->revision = 2;
  quote->status = CRM_QUOTE_STATUS_SENT;
  quote->customer_code = g_strdup ("KH000007");
  quote->customer_name = g_strdup ("Công ty \"Minh Phát\"");
  quote->contact_id = 3;
  quote->contact_name = g_strdup ("Nguyễn Văn Đức");
  quote->owner_id = 2;
  quote->terms = g_strdup ("Dòng 1\nDòng 2\t\\ hết");
  line = crm_quote_add_line (quote, make_line (15, "Máy in \"HP\"", 1500, 3000000, 500, 1000));
  line->product_id = 8;
  g_free (line->unit);
  line->unit = g_strdup ("cái");
  line->price_source = g_strdup ("promotion");
  crm_quote_add_line (quote, make_line (16, "Giấy A4 😀", 10000, 65000, 0, 800));
  return quote;
}

static void
test_snapshot_round_trip (void)
{
  g_autoptr(CrmQuote) quote = snapshot_quote ();
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autoptr(CrmQuote) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  CrmQuoteLine *line;

  g_assert_true (crm_quote_compute_totals (quote, &totals, &error));
  text = crm_quote_snapshot_write (quote, &totals);
  again = crm_quote_snapshot_write (quote, &totals);
  g_assert_cmpstr (text, ==, again);
  g_assert_true (g_str_has_prefix (text, "{\"format\":1,\"code\":\"BG-2026-0042\",\"revision\":2,"
                                         "\"customer\":{\"id\":7,\"code\":\"KH000007\","
                                         "\"name\":\"Công ty \\\"Minh Phát\\\"\"},"
                                         "\"contact\":{\"id\":3,\"name\":\"Nguyễn Văn Đức\"},"));
  g_assert_nonnull (strstr (text, "\"terms\":\"Dòng 1\\u000aDòng 2\\u0009\\\\ hết\",\"notes\":null,"));
  g_assert_nonnull (strstr (text, ",\"vat\":[{\"rate_bp\":800,\"base\":650000,\"amount\":52000},"
                                  "{\"rate_bp\":1000,\"base\":4275000,\"amount\":427500}],"
                                  "\"vat_total\":479500,\"grand_total\":5404500}"));

  back = crm_quote_snapshot_read (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (crm_quote_same_content (quote, back));
  g_assert_cmpstr (back->code, ==, "BG-2026-0042");
  g_assert_cmpint (back->revision, ==, 2);
  g_assert_cmpint (back->status, ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpstr (back->customer_name, ==, "Công ty \"Minh Phát\"");
  g_assert_cmpstr (back->customer_code, ==, "KH000007");
  g_assert_cmpint (back->contact_id, ==, 3);
  g_assert_cmpstr (back->contact_name, ==, "Nguyễn Văn Đức");
  g_assert_cmpint (back->owner_id, ==, 2);
  g_assert_cmpstr (back->terms, ==, quote->terms);
  g_assert_null (back->notes);
  line = g_ptr_array_index (back->lines, 0);
  g_assert_cmpint (line->id, ==, 15);
  g_assert_cmpint (line->product_id, ==, 8);
  g_assert_cmpstr (line->unit, ==, "cái");
  g_assert_cmpstr (line->price_source, ==, "promotion");
  g_assert_cmpstr (((CrmQuoteLine *) g_ptr_array_index (back->lines, 1))->description, ==, "Giấy A4 😀");

  /* Without a contact. */
  quote->contact_id = 0;
  g_clear_pointer (&text, g_free);
  text = crm_quote_snapshot_write (quote, &totals);
  g_assert_nonnull (strstr (text, "\"contact\":null,"));
  g_clear_pointer (&back, crm_quote_free);
  back = crm_quote_snapshot_read (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->contact_id, ==, 0);
  g_assert_null (back->contact_name);
}

/* The demo data's older form, escapes a writer may use, white space. */
static void
test_snapshot_reads_other_forms (void)
{
  static const char sample[] =
    "{\"code\":\"BG-2025-0007\",\"revision\":1,\"customer\":{\"id\":12,\"code\":\"KH000012\","
    "\"name\":\"Lê Thị Hoa\"},\"issue_date\":\"2025-11-03\",\"lines\":[{\"position\":1,"
    "\"product_id\":4,\"description\":\"Bàn làm việc\",\"unit\":\"cái\",\"quantity_milli\":2000,"
    "\"unit_price\":2500000,\"discount_bp\":0,\"vat_rate_bp\":1000}],\"subtotal\":5000000,"
    "\"discount_total\":0,\"vat_total\":500000,\"grand_total\":5500000}";
  static const char escaped[] =
    " { \"code\" : \"BG\\u002d1\" , \"terms\" : \"\\u0110\\u1ee9c \\ud83d\\ude00 \\/ \\b\\f\\r\" ,"
    " \"extra\" : [ true , false , null , { \"x\" : [ ] } ] , \"lines\" : [ ] } ";
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  const CrmQuoteLine *line;

  quote = crm_quote_snapshot_read (sample, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quote->code, ==, "BG-2025-0007");
  g_assert_cmpint (quote->customer_id, ==, 12);
  g_assert_cmpstr (quote->customer_name, ==, "Lê Thị Hoa");
  g_assert_cmpstr (quote->issue_date, ==, "2025-11-03");
  g_assert_null (quote->valid_until);
  g_assert_cmpstr (quote->currency, ==, "VND");
  g_assert_cmpuint (quote->lines->len, ==, 1);
  line = g_ptr_array_index (quote->lines, 0);
  g_assert_cmpint (line->id, ==, 0);
  g_assert_cmpint (line->quantity_milli, ==, 2000);
  g_assert_cmpint (line->unit_price, ==, 2500000);
  g_assert_cmpint (line->vat_rate_bp, ==, 1000);

  g_clear_pointer (&quote, crm_quote_free);
  quote = crm_quote_snapshot_read (escaped, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quote->code, ==, "BG-1");
  g_assert_cmpstr (quote->terms, ==, "Đức 😀 / \b\f\r");
  g_assert_cmpuint (quote->lines->len, ==, 0);
}

static void
test_snapshot_refuses_damage (void)
{
  g_autofree char *deep = NULL;
  const char *cases[] = {
    "", "{", "[]", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":1} x", "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}",
    "{\"a\":\"open}", "{\"a\" 1}", "{a:1}", "{\"a\":99999999999999999999}", "{\"a\":\"\\u0000\"}",
    "{\"a\":\"tab\there\"}", "{\"a\":[1,]}", "{\"a\":tru}", "{\"a\":\"\xff\"}", NULL,
  };
  GString *nested = g_string_new ("{\"a\":");

  for (guint i = 0; i < 40; i++)
    g_string_append_c (nested, '[');
  for (guint i = 0; i < 40; i++)
    g_string_append_c (nested, ']');
  g_string_append_c (nested, '}');
  deep = g_string_free (nested, FALSE);
  cases[G_N_ELEMENTS (cases) - 1] = deep;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmQuote) quote = crm_quote_snapshot_read (cases[i], &error);

      g_test_message ("case %u: %s", i, cases[i]);
      g_assert_null (quote);
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
    }
}

/* Sends and names ------------------------------------------------------------------------ */

static CrmQuoteSend *
make_send (gint64      id,
           const char *sent_at,
           const char *recipient)
{
  CrmQuoteSend *send = crm_quote_send_new ();

  send->id = id;
  send->sent_at = g_strdup (sent_at);
  send->recipient = g_strdup (recipient);
  return send;
}

static void
test_describe_sends (void)
{
  g_autoptr(GPtrArray) sends = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_send_free);
  g_autofree char *none = crm_quote_describe_sends (sends);
  g_autofree char *once = NULL;
  g_autofree char *three = NULL;

  g_assert_cmpstr (none, ==, "Not sent yet");
  /* 20:00 UTC is the next morning in Vietnam. */
  g_ptr_array_add (sends, make_send (1, "2026-03-02T20:00:00Z", "an@minhphat.vn"));
  once = crm_quote_describe_sends (sends);
  g_assert_cmpstr (once, ==, "Sent on 03/03/2026 to an@minhphat.vn");
  g_ptr_array_add (sends, make_send (3, "2026-03-10T02:00:00Z", "Chị Hoa"));
  g_ptr_array_add (sends, make_send (2, "2026-03-05T02:00:00Z", "an@minhphat.vn"));
  three = crm_quote_describe_sends (sends);
  g_assert_cmpstr (three, ==, "Sent 3 times, last on 10/03/2026 to Chị Hoa");
}

static void
test_names (void)
{
  g_autoptr(GEnumClass) statuses = g_type_class_ref (CRM_TYPE_QUOTE_STATUS);
  g_autoptr(GEnumClass) channels = g_type_class_ref (CRM_TYPE_QUOTE_CHANNEL);
  CrmQuoteStatus status;
  CrmQuoteChannel channel;

  g_assert_cmpuint (statuses->n_values, ==, CRM_QUOTE_N_STATUSES);
  for (guint i = 0; i < CRM_QUOTE_N_STATUSES; i++)
    {
      g_assert_cmpstr (g_enum_get_value (statuses, i)->value_nick, ==, crm_quote_status_to_string (i));
      g_assert_true (crm_quote_status_from_string (crm_quote_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
      g_assert_cmpstr (crm_quote_status_label (i), !=, "");
    }
  g_assert_cmpuint (channels->n_values, ==, CRM_QUOTE_N_CHANNELS);
  for (guint i = 0; i < CRM_QUOTE_N_CHANNELS; i++)
    {
      g_assert_true (crm_quote_channel_from_string (crm_quote_channel_to_string (i), &channel));
      g_assert_cmpint (channel, ==, i);
      g_assert_cmpstr (crm_quote_channel_label (i), !=, "");
    }
  g_assert_cmpstr (crm_quote_status_label (CRM_QUOTE_STATUS_EXPIRED), ==, "Expired");
  g_assert_cmpstr (crm_quote_channel_to_string (CRM_QUOTE_CHANNEL_HAND), ==, "hand");
  g_assert_null (crm_quote_status_to_string ((CrmQuoteStatus) 9));
  g_assert_false (crm_quote_status_from_string ("won", &status));
  g_assert_false (crm_quote_channel_from_string (NULL, &channel));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quote/line/amounts", test_line_amounts);
  g_test_add_func ("/quote/line/amounts-too-large", test_line_amounts_too_large);
  g_test_add_func ("/quote/totals/vat-per-rate", test_totals_per_rate);
  g_test_add_func ("/quote/totals/large-amounts", test_totals_large);
  g_test_add_func ("/quote/format-quantity", test_format_quantity);
  g_test_add_func ("/quote/validate/normalises", test_validate_normalises);
  g_test_add_func ("/quote/validate/refuses", test_validate_refuses);
  g_test_add_func ("/quote/copy-and-same-content", test_copy_and_same_content);
  g_test_add_func ("/quote/diff/by-id", test_diff_by_id);
  g_test_add_func ("/quote/diff/removed-in-place", test_diff_removed_in_place);
  g_test_add_func ("/quote/diff/without-ids", test_diff_without_ids);
  g_test_add_func ("/quote/snapshot/round-trip", test_snapshot_round_trip);
  g_test_add_func ("/quote/snapshot/other-forms", test_snapshot_reads_other_forms);
  g_test_add_func ("/quote/snapshot/refuses-damage", test_snapshot_refuses_damage);
  g_test_add_func ("/quote/describe-sends", test_describe_sends);
  g_test_add_func ("/quote/names", test_names);
  return g_test_run ();
}
