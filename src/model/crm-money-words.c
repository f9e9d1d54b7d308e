/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-money-words"

#include "config.h"

#include "crm-money-words.h"

/* Vietnamese on purpose, never through gettext: see the header. */
static const char *const digit_words[10] = {
  "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
};

#define BILLION G_GUINT64_CONSTANT (1000000000)

static void
append_word (GString    *out,
             const char *word)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, word);
}

/* The unit digit after its ten: "mốt", "tư" and "lăm" where Vietnamese
 * says them, the plain digit otherwise. */
static const char *
unit_word (guint tens,
           guint units)
{
  if (units == 1 && tens >= 2)
    return "mốt";
  if (units == 4 && tens >= 2)
    return "tư";
  if (units == 5 && tens >= 1)
    return "lăm";
  return digit_words[units];
}

/* One group of three digits (1..999).  @full: a higher group came before,
 * so the hundreds and a zero ten are read out ("không trăm linh năm"). */
static void
append_group (GString  *out,
              guint     group,
              gboolean  full)
{
  guint hundreds = group / 100;
  guint tens = group / 10 % 10;
  guint units = group % 10;

  if (hundreds > 0 || full)
    {
      append_word (out, digit_words[hundreds]);
      append_word (out, "trăm");
    }
  if (tens == 0)
    {
      if (units > 0 && (hundreds > 0 || full))
        append_word (out, "linh");
    }
  else if (tens == 1)
    append_word (out, "mười");
  else
    {
      append_word (out, digit_words[tens]);
      append_word (out, "mươi");
    }
  if (units > 0)
    append_word (out, unit_word (tens, units));
}

/* A number below a billion, in groups of triệu, nghìn and units; all-zero
 * groups are skipped.  @full as for append_group(). */
static void
append_below_billion (GString  *out,
                      guint64   number,
                      gboolean  full)
{
  static const char *const scales[] = { "triệu", "nghìn", NULL };
  guint groups[3] = {
    (guint) (number / 1000000), (guint) (number / 1000 % 1000), (guint) (number % 1000),
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (groups[i] == 0)
        continue;
      append_group (out, groups[i], full);
      if (scales[i] != NULL)
        append_word (out, scales[i]);
      full = TRUE;
    }
}

/* Billions read the block in front of "tỷ" as a number of its own, so
 * 10^12 is "một nghìn tỷ" and 10^18 "một tỷ tỷ". */
static void
append_number (GString  *out,
               guint64   number,
               gboolean  full)
{
  guint64 high = number / BILLION;
  guint64 low = number % BILLION;

  if (high > 0)
    {
      append_number (out, high, full);
      append_word (out, "tỷ");
      full = TRUE;
    }
  if (low > 0)
    append_below_billion (out, low, full);
}

char *
crm_number_words (guint64 number)
{
  GString *out = g_string_new (NULL);

  if (number == 0)
    g_string_append (out, digit_words[0]);
  else
    append_number (out, number, FALSE);
  return g_string_free (out, FALSE);
}

static char *
capitalise (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  char buffer[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (text), NULL);
}

char *
crm_money_words (gint64 dong)
{
  /* -(G_MININT64) does not fit in a gint64; its magnitude fits a guint64. */
  guint64 magnitude = dong < 0 ? (guint64) -(dong + 1) + 1 : (guint64) dong;
  g_autofree char *number = crm_number_words (magnitude);
  g_autofree char *phrase = NULL;
  const char *suffix = magnitude != 0 && magnitude % 1000 == 0 ? " đồng chẵn" : " đồng";

  phrase = g_strconcat (dong < 0 ? "âm " : "", number, suffix, NULL);
  return capitalise (phrase);
}
