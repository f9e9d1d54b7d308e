/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-money"

#include "config.h"

#include "crm-money.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"

/* Lower-case spellings of the currency people put after an amount. */
static const char *const currency_suffixes[] = {
  "₫", "đồng", "dong", "vnđ", "vnd", "đ", "d",
};

typedef enum
{
  SEPARATOR_NONE,
  SEPARATOR_DOT,
  SEPARATOR_COMMA,
  SEPARATOR_SPACE,
} GroupSeparator;

char *
crm_money_format_plain (gint64 dong)
{
  /* -(G_MININT64) does not fit in a gint64; its magnitude fits a guint64. */
  guint64 magnitude = dong < 0 ? (guint64) -(dong + 1) + 1 : (guint64) dong;
  char digits[24];
  GString *out = g_string_new (dong < 0 ? "-" : "");
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
crm_money_format (gint64 dong)
{
  g_autofree char *plain = crm_money_format_plain (dong);

  return g_strconcat (plain, " ₫", NULL);
}

char *
crm_rate_format (gint rate_bp)
{
  gint64 value = rate_bp;
  guint64 magnitude = value < 0 ? (guint64) -value : (guint64) value;
  const char *sign = value < 0 ? "-" : "";
  guint64 whole = magnitude / 100;
  guint fraction = (guint) (magnitude % 100);

  if (fraction == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT " %%", sign, whole);
  if (fraction % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%u %%", sign, whole, fraction / 10);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%02u %%", sign, whole, fraction);
}

/* Amounts are pasted from documents with no-break and thin spaces around
 * them, which g_strstrip() does not know. */
static void
trim_spaces (char *text)
{
  char *start = text;
  char *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      char *previous = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }
  memmove (text, start, end - start);
  text[end - start] = '\0';
}

static void
strip_currency (char *amount)
{
  gsize len = strlen (amount);

  for (guint i = 0; i < G_N_ELEMENTS (currency_suffixes); i++)
    {
      gsize suffix_len = strlen (currency_suffixes[i]);

      if (len > suffix_len && g_str_has_suffix (amount, currency_suffixes[i]))
        {
          amount[len - suffix_len] = '\0';
          break;
        }
    }
  trim_spaces (amount);
}

static GroupSeparator
separator_of (gunichar c)
{
  if (c == '.')
    return SEPARATOR_DOT;
  if (c == ',')
    return SEPARATOR_COMMA;
  if (g_unichar_isspace (c))
    return SEPARATOR_SPACE;
  return SEPARATOR_NONE;
}

typedef struct
{
  guint64        magnitude;
  guint64        limit;
  GroupSeparator separator;
  guint          group_length;
  guint          n_groups;
  gboolean       overflow;
} AmountReader;

/* Grouping is only believed when every group after the first has exactly
 * three digits with one kind of separator; anything else ("12.5",
 * "1.234,5") is a decimal, and đồng have none. */
static gboolean
reader_end_group (AmountReader *reader)
{
  if (reader->group_length == 0 || (reader->n_groups > 0 && reader->group_length != 3) ||
      (reader->n_groups == 0 && reader->separator != SEPARATOR_NONE && reader->group_length > 3))
    return FALSE;
  reader->n_groups++;
  reader->group_length = 0;
  return TRUE;
}

static void
reader_add_digit (AmountReader *reader,
                  guint         digit)
{
  if (reader->magnitude > (reader->limit - digit) / 10)
    reader->overflow = TRUE;
  else
    reader->magnitude = reader->magnitude * 10 + digit;
  reader->group_length++;
}

static gboolean
read_amount (const char   *digits,
             AmountReader *reader)
{
  for (const char *p = digits; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GroupSeparator separator = separator_of (c);

      if (c < 0x80 && g_ascii_isdigit (c))
        reader_add_digit (reader, c - '0');
      else if (separator == SEPARATOR_NONE ||
               (reader->separator != SEPARATOR_NONE && reader->separator != separator))
        return FALSE;
      else
        {
          reader->separator = separator;
          if (!reader_end_group (reader))
            return FALSE;
        }
    }
  return reader_end_group (reader);
}

static gboolean
set_format_error (GError     **error,
                  const char  *text)
{
  g_autofree char *echo = g_strstrip (g_utf8_make_valid (text, -1));

  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
               _("“%s” is not an amount of money: type whole đồng, for example 1.234.567."),
               echo);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return TRUE;
  copy = g_utf8_make_valid (text, -1);
  trim_spaces (copy);
  return *copy == '\0';
}

/* Reads a sign in front: ASCII -, + or the typographic minus U+2212. */
static const char *
skip_sign (const char *amount,
           gboolean   *negative)
{
  *negative = FALSE;
  if (*amount == '-' || *amount == '+')
    {
      *negative = *amount == '-';
      return amount + 1;
    }
  if (g_str_has_prefix (amount, "\u2212"))
    {
      *negative = TRUE;
      return amount + strlen ("\u2212");
    }
  return amount;
}

gboolean
crm_money_parse (const char  *text,
                 gint64      *dong,
                 GError     **error)
{
  g_autofree char *amount = NULL;
  AmountReader reader = { 0, };
  const char *digits;
  gboolean negative;
  gint64 value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter an amount."));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    return set_format_error (error, text);

  amount = g_utf8_strdown (text, -1);
  trim_spaces (amount);
  strip_currency (amount);
  digits = skip_sign (amount, &negative);

  /* A negative amount may reach one more than G_MAXINT64. */
  reader.limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  if (!read_amount (digits, &reader))
    return set_format_error (error, text);
  if (reader.overflow)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("This amount is too large."));
      return FALSE;
    }

  if (!negative)
    value = (gint64) reader.magnitude;
  else if (reader.magnitude > (guint64) G_MAXINT64)
    value = G_MININT64;
  else
    value = -(gint64) reader.magnitude;
  if (dong != NULL)
    *dong = value;
  return TRUE;
}
