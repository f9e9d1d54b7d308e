/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "crm-error.h"
#include "crm-money.h"
#include "crm-validate.h"

typedef gboolean (*CheckFunc) (const char *text, char **normalized, GError **error);

static void
assert_accepts (CheckFunc   check,
                const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  if (!check (text, &normalized, &error))
    g_error ("“%s” refused: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, expected);
  /* The normalised form is itself accepted unchanged. */
  {
    g_autofree char *again = NULL;
    g_assert_true (check (normalized, &again, NULL));
    g_assert_cmpstr (again, ==, expected);
  }
}

static void
assert_refuses (CheckFunc   check,
                const char *text,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  if (check (text, &normalized, &error))
    g_error ("“%s” accepted as “%s”", text, normalized);
  g_assert_error (error, CRM_VALIDATION_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (normalized);
}

static void
test_tax_code_accepts_real_codes (void)
{
  static const char *const codes[] = {
    "0100109106", /* Viettel */
    "0100686209",
    "0300588569", /* Vinamilk */
    "0101248141", /* FPT */
    "0100112437", /* Vietcombank */
    "0100107370", /* Petrolimex: check digit 0 from a remainder of 10 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_accepts (crm_tax_code_validate, codes[i], codes[i]);
  assert_accepts (crm_tax_code_validate, " 0100 109 106 ", "0100109106");
  assert_accepts (crm_tax_code_validate, "0100.109.106", "0100109106");
}

static void
test_tax_code_rejects_wrong_check_digit (void)
{
  static const char *const codes[] = { "0100109107", "0100686208", "0300588560", "0101248142" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_refuses (crm_tax_code_validate, codes[i], CRM_VALIDATION_ERROR_TAX_CODE);
}

/* Σ dᵢ·wᵢ of 060124814 is a multiple of 11: the check digit would be 10,
 * so no last digit makes a valid code. */
static void
test_tax_code_rejects_remainder_zero (void)
{
  for (char last = '0'; last <= '9'; last++)
    {
      g_autofree char *code = g_strdup_printf ("060124814%c", last);
      assert_refuses (crm_tax_code_validate, code, CRM_VALIDATION_ERROR_TAX_CODE);
    }
  assert_refuses (crm_tax_code_validate, "0000000000", CRM_VALIDATION_ERROR_TAX_CODE);
}

static void
test_tax_code_rejects_wrong_length_and_letters (void)
{
  static const char *const codes[] = {
    "010010910", "01001091061", "0100109106-01", "0100109106-0011", "010010910-6001",
    "01001O9106", "MST0100109106", "0100109106/001", "0100109106--001", "12345678901234",
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_refuses (crm_tax_code_validate, codes[i], CRM_VALIDATION_ERROR_TAX_CODE);
}

static void
test_tax_code_branch_suffix (void)
{
  assert_accepts (crm_tax_code_validate, "0100109106-001", "0100109106-001");
  assert_accepts (crm_tax_code_validate, "0100109106 - 012", "0100109106-012");
  assert_accepts (crm_tax_code_validate, "0100109106001", "0100109106-001");
  assert_refuses (crm_tax_code_validate, "0100109106-000", CRM_VALIDATION_ERROR_TAX_CODE);
  assert_refuses (crm_tax_code_validate, "0100109107-001", CRM_VALIDATION_ERROR_TAX_CODE);
}

static void
test_tax_code_citizen_id (void)
{
  assert_accepts (crm_tax_code_validate, "001099012345", "001099012345");
  assert_accepts (crm_tax_code_validate, "079 203 001 234", "079203001234");
  assert_accepts (crm_tax_code_validate, "901234567890", "901234567890");
}

static void
test_tax_code_required (void)
{
  assert_refuses (crm_tax_code_validate, NULL, CRM_VALIDATION_ERROR_REQUIRED);
  assert_refuses (crm_tax_code_validate, "", CRM_VALIDATION_ERROR_REQUIRED);
  assert_refuses (crm_tax_code_validate, "   ", CRM_VALIDATION_ERROR_REQUIRED);
  assert_refuses (crm_tax_code_validate, "\xc2\xa0\t", CRM_VALIDATION_ERROR_REQUIRED);
  g_assert_true (crm_tax_code_validate ("0100109106", NULL, NULL));
}

static void
test_phone_vietnamese_numbers (void)
{
  static const struct
  {
    const char *typed;
    const char *e164;
  } cases[] = {
    { "0912 345 678", "+84912345678" },
    { "0912.345.678", "+84912345678" },
    { "0912-345-678", "+84912345678" },
    { "+84 912 345 678", "+84912345678" },
    { "84912345678", "+84912345678" },
    { "+84 (0) 912 345 678", "+84912345678" },
    { "0084 912 345 678", "+84912345678" },
    { "0388 123 456", "+84388123456" },
    { "0567 123 456", "+84567123456" },
    { "0708 123 456", "+84708123456" },
    { "0868 123 456", "+84868123456" },
    { "024 3825 1234", "+842438251234" },
    { "(028) 3829 5000", "+842838295000" },
    { "0236 3821 234", "+842363821234" },
    { "+84 24 3825 1234", "+842438251234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_accepts (crm_phone_normalize, cases[i].typed, cases[i].e164);
}

static void
test_phone_foreign_numbers (void)
{
  assert_accepts (crm_phone_normalize, "+1 650 253 0000", "+16502530000");
  assert_accepts (crm_phone_normalize, "+33 1 42 68 53 00", "+33142685300");
  assert_accepts (crm_phone_normalize, "0065 6123 4567", "+6561234567");
  assert_refuses (crm_phone_normalize, "+1234567", CRM_VALIDATION_ERROR_PHONE);
  assert_refuses (crm_phone_normalize, "+1234567890123456", CRM_VALIDATION_ERROR_PHONE);
  assert_refuses (crm_phone_normalize, "+0912345678", CRM_VALIDATION_ERROR_PHONE);
}

static void
test_phone_rejects_wrong_numbers (void)
{
  static const char *const numbers[] = {
    "0112345678",      /* no mobile prefix 01 */
    "0412345678",      /* 04 is neither a mobile nor a landline prefix */
    "091234567",       /* too short */
    "09123456789",     /* too long */
    "024 3825 123",    /* landline too short */
    "+84 112 345 678",
    "+84 91234567",
    "912345678",       /* the trunk 0 is not guessed */
    "0912 abc 678",
    "0912/345/678",
    "+84 912 345 678 ext 12",
    "++84912345678",
    "+",
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    assert_refuses (crm_phone_normalize, numbers[i], CRM_VALIDATION_ERROR_PHONE);
  assert_refuses (crm_phone_normalize, NULL, CRM_VALIDATION_ERROR_REQUIRED);
  assert_refuses (crm_phone_normalize, " ", CRM_VALIDATION_ERROR_REQUIRED);
}

static void
test_phone_format (void)
{
  static const struct
  {
    const char *e164;
    const char *shown;
  } cases[] = {
    { "+84912345678", "0912 345 678" },
    { "+84388123456", "0388 123 456" },
    { "+842438251234", "024 3825 1234" },
    { "+842838295000", "028 3829 5000" },
    { "+842363821234", "0236 3821 234" },
    { "+16502530000", "+16502530000" },
    { "+8491234", "+8491234" },
    { "+84912a45678", "+84912a45678" },
    { "không rõ", "không rõ" },
    { "", "" },
  };
  g_autofree char *from_null = crm_phone_format (NULL);

  g_assert_cmpstr (from_null, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = crm_phone_format (cases[i].e164);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_email_accepts (void)
{
  assert_accepts (crm_email_validate, "an.nguyen@congty.vn", "an.nguyen@congty.vn");
  assert_accepts (crm_email_validate, "  An.Nguyen@CongTy.COM.VN  ", "An.Nguyen@congty.com.vn");
  assert_accepts (crm_email_validate, "sales+crm@dai-phat.com.vn", "sales+crm@dai-phat.com.vn");
  assert_accepts (crm_email_validate, "lienhe@ĐạiPhát.vn", "lienhe@đạiphát.vn");
  assert_accepts (crm_email_validate, "\xc2\xa0" "an@congty.vn\xc2\xa0", "an@congty.vn");
  assert_accepts (crm_email_validate, "k.toan_2026@mail.sub.example.co", "k.toan_2026@mail.sub.example.co");
}

static void
test_email_rejects (void)
{
  static const char *const emails[] = {
    "an nguyen@congty.vn", "an@@congty.vn", "an@cong@ty.vn", "an@congty", "an@.congty.vn",
    "an@congty.vn.", "an@congty..vn", "@congty.vn", "an@", ".an@congty.vn", "an.@congty.vn",
    "an..nguyen@congty.vn", "an@-congty.vn", "an@congty-.vn", "an@cong_ty.vn",
    "Nguyễn An <an@congty.vn>", "an@congty.v", "an@1.2.3.4", "an,binh@congty.vn",
    "an@cong ty.vn", "congty.vn",
  };

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    assert_refuses (crm_email_validate, emails[i], CRM_VALIDATION_ERROR_EMAIL);
  assert_refuses (crm_email_validate, "", CRM_VALIDATION_ERROR_REQUIRED);
  assert_refuses (crm_email_validate, NULL, CRM_VALIDATION_ERROR_REQUIRED);
}

static void
test_date_parse_accepts (void)
{
  static const struct
  {
    const char *typed;
    const char *iso;
  } cases[] = {
    { "23/11/2026", "2026-11-23" },
    { "1/2/2026", "2026-02-01" },
    { "01-02-2026", "2026-02-01" },
    { "01.02.2026", "2026-02-01" },
    { "2026-11-23", "2026-11-23" },
    { " 23/11/2026 ", "2026-11-23" },
    { "29/02/2024", "2024-02-29" },
    { "29/02/2000", "2000-02-29" },
    { "01/01/1900", "1900-01-01" },
    { "31/12/2200", "2200-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_accepts (crm_date_parse, cases[i].typed, cases[i].iso);
}

static void
test_date_parse_rejects (void)
{
  static const char *const impossible[] = {
    "31/04/2026", "29/02/2025", "29/02/1900", "32/01/2026", "00/01/2026", "15/13/2026",
    "15/00/2026", "2026-02-30",
  };
  static const char *const malformed[] = {
    "23/11/26", "23/11-2026", "23 11 2026", "2026/11", "hôm nay", "23/11/2026x", "23//11/2026",
    "123/11/2026", "23/11/20266",
  };

  for (guint i = 0; i < G_N_ELEMENTS (impossible); i++)
    assert_refuses (crm_date_parse, impossible[i], CRM_VALIDATION_ERROR_DATE);
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    assert_refuses (crm_date_parse, malformed[i], CRM_VALIDATION_ERROR_DATE);
  assert_refuses (crm_date_parse, "31/12/1899", CRM_VALIDATION_ERROR_RANGE);
  assert_refuses (crm_date_parse, "01/01/2201", CRM_VALIDATION_ERROR_RANGE);
  assert_refuses (crm_date_parse, "", CRM_VALIDATION_ERROR_REQUIRED);
  assert_refuses (crm_date_parse, NULL, CRM_VALIDATION_ERROR_REQUIRED);
}

static void
test_date_format (void)
{
  static const struct
  {
    const char *iso;
    const char *shown;
  } cases[] = {
    { "2026-11-23", "23/11/2026" },
    { "2024-02-29", "29/02/2024" },
    { "2026-01-05", "05/01/2026" },
    { "2025-02-29", NULL },
    { "2026-1-5", NULL },
    { "23/11/2026", NULL },
    { "2026-11-23x", NULL },
    { "", NULL },
  };

  g_assert_null (crm_date_format (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = crm_date_format (cases[i].iso);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_money_format (void)
{
  static const struct
  {
    gint64      dong;
    const char *shown;
  } cases[] = {
    { 0, "0 ₫" },
    { 5, "5 ₫" },
    { 999, "999 ₫" },
    { 1000, "1.000 ₫" },
    { 1234567, "1.234.567 ₫" },
    { 100000000, "100.000.000 ₫" },
    { -1, "-1 ₫" },
    { -1234567, "-1.234.567 ₫" },
    { G_MAXINT64, "9.223.372.036.854.775.807 ₫" },
    { G_MININT64, "-9.223.372.036.854.775.808 ₫" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = crm_money_format (cases[i].dong);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_money_format_plain (void)
{
  g_autofree char *million = crm_money_format_plain (1234567);
  g_autofree char *negative = crm_money_format_plain (-1000);
  g_autofree char *zero = crm_money_format_plain (0);

  g_assert_cmpstr (million, ==, "1.234.567");
  g_assert_cmpstr (negative, ==, "-1.000");
  g_assert_cmpstr (zero, ==, "0");
}

static void
test_money_parse_accepts (void)
{
  static const struct
  {
    const char *typed;
    gint64      dong;
  } cases[] = {
    { "1.234.567", 1234567 },
    { "1234567", 1234567 },
    { "1 234 567 ₫", 1234567 },
    { "1,234,567 đ", 1234567 },
    { "1.234.567₫", 1234567 },
    { "1.234.567 VNĐ", 1234567 },
    { "1.234.567 vnd", 1234567 },
    { "500.000 đồng", 500000 },
    { "1.000đ", 1000 },
    { "-1.234.567 ₫", -1234567 },
    { "\xe2\x88\x92" "500.000", -500000 },
    { "  42 ", 42 },
    { "1\xc2\xa0" "234\xc2\xa0" "567\xc2\xa0₫", 1234567 },
    { "0", 0 },
    { "999", 999 },
    { "9.223.372.036.854.775.807", G_MAXINT64 },
    { "-9.223.372.036.854.775.808", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 dong = 7;

      if (!crm_money_parse (cases[i].typed, &dong, &error))
        g_error ("“%s” refused: %s", cases[i].typed, error->message);
      g_assert_cmpint (dong, ==, cases[i].dong);
    }
}

static void
test_money_parse_rejects (void)
{
  static const char *const malformed[] = {
    "1.234,5", "12.5", "1,5", "1.2345", "1.23.456", "1.234.567,00", "1,234.567", "1.234 567",
    "abc", "12a", ".123", "1..234", "₫", "-", "1.000 USD", "--5",
  };
  static const char *const too_large[] = {
    "9.223.372.036.854.775.808", "-9.223.372.036.854.775.809", "99999999999999999999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;

      if (crm_money_parse (malformed[i], NULL, &error))
        g_error ("“%s” accepted", malformed[i]);
      g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (too_large); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (crm_money_parse (too_large[i], NULL, &error));
      g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (crm_money_parse ("  ", NULL, &error));
    g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  }
  g_assert_false (crm_money_parse (NULL, NULL, NULL));
}

static void
test_money_round_trip (void)
{
  static const gint64 amounts[] = { 0, 1, 12, 123, 1234, 999999, -1000000, G_MAXINT64, G_MININT64 };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *plain = crm_money_format_plain (amounts[i]);
      g_autofree char *shown = crm_money_format (amounts[i]);
      gint64 from_plain = 0;
      gint64 from_shown = 0;

      g_assert_true (crm_money_parse (plain, &from_plain, NULL));
      g_assert_true (crm_money_parse (shown, &from_shown, NULL));
      g_assert_cmpint (from_plain, ==, amounts[i]);
      g_assert_cmpint (from_shown, ==, amounts[i]);
    }
}

static void
test_rate_format (void)
{
  static const struct
  {
    gint        rate_bp;
    const char *shown;
  } cases[] = {
    { 1000, "10 %" }, { 850, "8,5 %" }, { 800, "8 %" }, { 500, "5 %" }, { 0, "0 %" },
    { 825, "8,25 %" }, { 5, "0,05 %" }, { 10000, "100 %" }, { -250, "-2,5 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = crm_rate_format (cases[i].rate_bp);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/tax-code/accepts-real-codes", test_tax_code_accepts_real_codes);
  g_test_add_func ("/model/tax-code/rejects-wrong-check-digit", test_tax_code_rejects_wrong_check_digit);
  g_test_add_func ("/model/tax-code/rejects-remainder-zero", test_tax_code_rejects_remainder_zero);
  g_test_add_func ("/model/tax-code/rejects-wrong-length-and-letters", test_tax_code_rejects_wrong_length_and_letters);
  g_test_add_func ("/model/tax-code/branch-suffix", test_tax_code_branch_suffix);
  g_test_add_func ("/model/tax-code/citizen-id", test_tax_code_citizen_id);
  g_test_add_func ("/model/tax-code/empty-is-required", test_tax_code_required);
  g_test_add_func ("/model/phone/vietnamese-numbers-to-e164", test_phone_vietnamese_numbers);
  g_test_add_func ("/model/phone/foreign-numbers", test_phone_foreign_numbers);
  g_test_add_func ("/model/phone/rejects-wrong-numbers", test_phone_rejects_wrong_numbers);
  g_test_add_func ("/model/phone/format-for-display", test_phone_format);
  g_test_add_func ("/model/email/accepts-and-lowercases-domain", test_email_accepts);
  g_test_add_func ("/model/email/rejects", test_email_rejects);
  g_test_add_func ("/model/date/parse-accepts", test_date_parse_accepts);
  g_test_add_func ("/model/date/parse-rejects-impossible-dates", test_date_parse_rejects);
  g_test_add_func ("/model/date/format-dd-mm-yyyy", test_date_format);
  g_test_add_func ("/model/money/format", test_money_format);
  g_test_add_func ("/model/money/format-plain", test_money_format_plain);
  g_test_add_func ("/model/money/parse-accepts", test_money_parse_accepts);
  g_test_add_func ("/model/money/parse-rejects-decimals-and-overflow", test_money_parse_rejects);
  g_test_add_func ("/model/money/round-trip", test_money_round_trip);
  g_test_add_func ("/model/money/rate-format", test_rate_format);

  return g_test_run ();
}
