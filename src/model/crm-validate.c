/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-validate"

#include "config.h"

#include "crm-validate.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"

#define TAX_CODE_LENGTH    10
#define TAX_BRANCH_LENGTH  13
#define CITIZEN_ID_LENGTH  12
#define EMAIL_MAX_LENGTH   254
#define EMAIL_LOCAL_MAX    64
#define DNS_LABEL_MAX      63
#define MIN_YEAR           1900
#define MAX_YEAR           2200
#define ECHO_MAX_CHARS     40

static const guint tax_code_weights[TAX_CODE_LENGTH - 1] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };

/* A copy without the spaces around it, no-break and thin spaces included:
 * values are pasted from documents and web pages. */
static char *
dup_trimmed (const char *text)
{
  const char *start = text;
  const char *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  return g_strndup (start, end - start);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  trimmed = dup_trimmed (text);
  return *trimmed == '\0';
}

/* Messages quote what the user typed so a wrong one can be found among
 * several phones; the quote must be valid UTF-8 and short enough to fit
 * under a field even when a whole paragraph was pasted. */
static char *
echo_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *trimmed = dup_trimmed (valid);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (trimmed, -1) <= ECHO_MAX_CHARS)
    return g_steal_pointer (&trimmed);
  start = g_utf8_substring (trimmed, 0, ECHO_MAX_CHARS);
  return g_strconcat (start, "…", NULL);
}

static gboolean
set_required (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED, message);
  return FALSE;
}

/* The check digit of a 10-digit tax code (see DESIGN.md).  A remainder of 0
 * would need a check digit of 10, so no such code is ever issued. */
static gboolean
tax_code_check_digit_ok (const char *digits)
{
  guint sum = 0;
  guint remainder;

  for (guint i = 0; i < G_N_ELEMENTS (tax_code_weights); i++)
    sum += (guint) (digits[i] - '0') * tax_code_weights[i];
  remainder = sum % 11;
  return remainder != 0 && (guint) (digits[TAX_CODE_LENGTH - 1] - '0') == 10 - remainder;
}

/* Collects the digits and the position of the one dash allowed before a
 * branch suffix; spaces and dots are how people group digits when typing. */
static gboolean
collect_tax_code_digits (const char *text,
                         GString    *digits,
                         gssize     *dash_at)
{
  *dash_at = -1;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isdigit (c))
        g_string_append_c (digits, (char) c);
      else if (c == '-' && *dash_at < 0)
        *dash_at = (gssize) digits->len;
      else if (c != '.' && !g_unichar_isspace (c))
        return FALSE;
    }
  return *dash_at < 0 || (*dash_at == TAX_CODE_LENGTH && digits->len == TAX_BRANCH_LENGTH);
}

gboolean
crm_tax_code_validate (const char  *text,
                       char       **normalized,
                       GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gssize dash_at;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    return set_required (error, _("Enter a tax code."));

  if (!collect_tax_code_digits (text, digits, &dash_at) ||
      (digits->len != TAX_CODE_LENGTH && digits->len != TAX_BRANCH_LENGTH &&
       digits->len != CITIZEN_ID_LENGTH))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_TAX_CODE,
                           _("The tax code must have 10 digits, 10 digits and a 3-digit branch suffix, or 12 digits."));
      return FALSE;
    }

  /* A citizen ID used as tax code has no check digit. */
  if (digits->len != CITIZEN_ID_LENGTH && !tax_code_check_digit_ok (digits->str))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_TAX_CODE,
                           _("This tax code is not valid: its last digit does not match the others. Check it for a typing mistake."));
      return FALSE;
    }
  if (digits->len == TAX_BRANCH_LENGTH && strcmp (digits->str + TAX_CODE_LENGTH, "000") == 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_TAX_CODE,
                           _("The branch suffix of a tax code cannot be 000."));
      return FALSE;
    }

  if (digits->len == TAX_BRANCH_LENGTH)
    g_string_insert_c (digits, TAX_CODE_LENGTH, '-');
  if (normalized != NULL)
    *normalized = g_strndup (digits->str, digits->len);
  return TRUE;
}

/* Keeps digits and a leading +; FALSE on letters or other symbols. */
static gboolean
collect_phone_digits (const char *text,
                      GString    *out)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x80 && g_ascii_isdigit (c)) || (c == '+' && out->len == 0))
        g_string_append_c (out, (char) c);
      else if (c != '.' && c != '-' && c != '(' && c != ')' && !g_unichar_isspace (c))
        return FALSE;
    }
  return out->len > 0;
}

/* A national number without its trunk 0: mobiles 9 digits from 3, 5, 7, 8
 * or 9; landlines 10 digits from 2 (area code 2x or 2xx). */
static gboolean
vietnamese_national_ok (const char *national)
{
  gsize len = strlen (national);

  return (len == 9 && strchr ("35789", national[0]) != NULL) ||
         (len == 10 && national[0] == '2');
}

static gboolean
set_phone_error (GError     **error,
                 const char  *text,
                 gboolean     vietnamese)
{
  g_autofree char *echo = echo_text (text);

  if (vietnamese)
    g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_PHONE,
                 _("“%s” is not a Vietnamese phone number: a mobile number has 10 digits starting with 03, 05, 07, 08 or 09, a landline has 11 digits starting with 02."),
                 echo);
  else
    g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_PHONE,
                 _("“%s” is not an international phone number: after the + there must be 8 to 15 digits."),
                 echo);
  return FALSE;
}

static gboolean
finish_vietnamese (const char  *national,
                   const char  *text,
                   char       **e164,
                   GError     **error)
{
  if (!vietnamese_national_ok (national))
    return set_phone_error (error, text, TRUE);
  if (e164 != NULL)
    *e164 = g_strconcat ("+84", national, NULL);
  return TRUE;
}

static gboolean
finish_international (const char  *number,
                      const char  *text,
                      char       **e164,
                      GError     **error)
{
  gsize len = strlen (number);

  if (len < 8 || len > 15 || number[0] == '0')
    return set_phone_error (error, text, FALSE);
  if (e164 != NULL)
    *e164 = g_strconcat ("+", number, NULL);
  return TRUE;
}

gboolean
crm_phone_normalize (const char  *text,
                     char       **e164,
                     GError     **error)
{
  g_autoptr(GString) typed = g_string_new (NULL);
  const char *number;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    return set_required (error, _("Enter a phone number."));
  if (!collect_phone_digits (text, typed))
    {
      g_autofree char *echo = echo_text (text);

      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_PHONE,
                   _("“%s” is not a phone number: use only digits, spaces, dots, dashes, brackets and a + in front."),
                   echo);
      return FALSE;
    }

  /* 00 is how an international number is dialled from Vietnam; 84
   * without + is how spreadsheets show a number once stored as E.164. */
  number = typed->str;
  if (number[0] == '+')
    number += 1;
  else if (g_str_has_prefix (number, "00"))
    number += 2;
  else if (number[0] == '0')
    return finish_vietnamese (number + 1, text, e164, error);
  else if (!g_str_has_prefix (number, "84"))
    return set_phone_error (error, text, TRUE);

  if (!g_str_has_prefix (number, "84"))
    return finish_international (number, text, e164, error);
  /* "+84 (0)912 …" keeps the trunk 0 in brackets. */
  number += 2;
  if (number[0] == '0')
    number += 1;
  return finish_vietnamese (number, text, e164, error);
}

static gboolean
all_ascii_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

char *
crm_phone_format (const char *e164)
{
  const char *national;

  if (e164 == NULL)
    return g_strdup ("");
  if (!g_str_has_prefix (e164, "+84") || !all_ascii_digits (e164 + 3) ||
      !vietnamese_national_ok (e164 + 3))
    return g_strdup (e164);

  national = e164 + 3;
  if (national[0] != '2')
    return g_strdup_printf ("0%.3s %.3s %.3s", national, national + 3, national + 6);
  /* Hà Nội (024) and TP. Hồ Chí Minh (028) have 8-digit subscriber
   * numbers; the other provinces a 4-digit area code and 7 digits. */
  if (national[1] == '4' || national[1] == '8')
    return g_strdup_printf ("0%.2s %.4s %.4s", national, national + 2, national + 6);
  return g_strdup_printf ("0%.3s %.4s %.3s", national, national + 3, national + 7);
}

/* Characters that are only legal in a quoted local part, which nobody
 * types; they mostly come from pasting "Name <name@host>" or lists. */
static gboolean
email_local_part_ok (const char *local,
                     gsize       len)
{
  if (len == 0 || len > EMAIL_LOCAL_MAX || local[0] == '.' || local[len - 1] == '.')
    return FALSE;
  for (const char *p = local; p < local + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || strchr ("()<>[]\\,;:\"", (int) c) != NULL)
        return FALSE;
      if (c == '.' && p[1] == '.')
        return FALSE;
    }
  return TRUE;
}

static gboolean
dns_label_ok (const char *label)
{
  gsize len = strlen (label);

  if (len == 0 || len > DNS_LABEL_MAX || label[0] == '-' || label[len - 1] == '-')
    return FALSE;
  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Internationalised domains may come in decomposed. */
      if (c != '-' && !g_unichar_isalnum (c) && !g_unichar_ismark (c))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
email_domain_ok (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n = g_strv_length (labels);

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!dns_label_ok (labels[i]))
      return FALSE;
  /* Top-level domains have at least two characters and are never numeric. */
  return g_utf8_strlen (labels[n - 1], -1) >= 2 && has_letter (labels[n - 1]);
}

static gboolean
set_email_error (GError     **error,
                 const char  *text)
{
  g_autofree char *echo = echo_text (text);

  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_EMAIL,
               _("“%s” is not an email address: it should look like name@company.vn."),
               echo);
  return FALSE;
}

gboolean
crm_email_validate (const char  *text,
                    char       **normalized,
                    GError     **error)
{
  g_autofree char *email = NULL;
  g_autofree char *domain = NULL;
  const char *at;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    return set_required (error, _("Enter an email address."));

  if (!g_utf8_validate (text, -1, NULL))
    return set_email_error (error, text);
  email = dup_trimmed (text);
  at = strchr (email, '@');
  if (strlen (email) > EMAIL_MAX_LENGTH || at == NULL || strchr (at + 1, '@') != NULL ||
      !email_local_part_ok (email, at - email) || !email_domain_ok (at + 1))
    return set_email_error (error, text);

  if (normalized != NULL)
    {
      domain = g_utf8_strdown (at + 1, -1);
      *normalized = g_strdup_printf ("%.*s@%s", (int) (at - email), email, domain);
    }
  return TRUE;
}

typedef struct
{
  guint value[3];
  guint length[3];
} DateParts;

/* Three groups of at most 4 digits with the same separator between them. */
static gboolean
split_date (const char *text,
            DateParts  *parts)
{
  char separator = '\0';
  guint part = 0;

  memset (parts, 0, sizeof *parts);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (parts->length[part] == 4)
            return FALSE;
          parts->value[part] = parts->value[part] * 10 + (guint) (*p - '0');
          parts->length[part]++;
        }
      else if (strchr ("/-.", *p) != NULL && part < 2 && parts->length[part] > 0 &&
               (separator == '\0' || separator == *p))
        {
          separator = *p;
          part++;
        }
      else
        return FALSE;
    }
  return part == 2 && parts->length[2] > 0;
}

/* A four-digit first group can only be a year, so ISO order is not
 * ambiguous; otherwise Vietnamese order, day first, with a 4-digit year
 * (two-digit years are refused: 01/02/03 means nothing certain). */
static gboolean
date_parts_to_dmy (const DateParts *parts,
                   guint           *day,
                   guint           *month,
                   guint           *year)
{
  if (parts->length[0] == 4 && parts->length[1] <= 2 && parts->length[2] <= 2)
    {
      *year = parts->value[0];
      *month = parts->value[1];
      *day = parts->value[2];
      return TRUE;
    }
  if (parts->length[0] <= 2 && parts->length[1] <= 2 && parts->length[2] == 4)
    {
      *day = parts->value[0];
      *month = parts->value[1];
      *year = parts->value[2];
      return TRUE;
    }
  return FALSE;
}

gboolean
crm_date_parse (const char  *text,
                char       **iso,
                GError     **error)
{
  g_autofree char *trimmed = NULL;
  DateParts parts;
  guint day, month, year;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    return set_required (error, _("Enter a date."));

  if (g_utf8_validate (text, -1, NULL))
    trimmed = dup_trimmed (text);
  if (trimmed == NULL || !split_date (trimmed, &parts) || !date_parts_to_dmy (&parts, &day, &month, &year))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           _("Type the date as day/month/year, for example 23/11/2026."));
      return FALSE;
    }
  if (year < MIN_YEAR || year > MAX_YEAR)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("The year must be between %d and %d."), MIN_YEAR, MAX_YEAR);
      return FALSE;
    }
  if (!g_date_valid_dmy (day, month, year))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           _("This date does not exist: check the day and the month."));
      return FALSE;
    }

  if (iso != NULL)
    *iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

char *
crm_date_format (const char *iso)
{
  guint year, month, day;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return NULL;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return NULL;

  year = (guint) g_ascii_strtoull (iso, NULL, 10);
  month = (guint) g_ascii_strtoull (iso + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (iso + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%02u/%02u/%04u", day, month, year);
}

static GTimeZone *local_zone;

/**
 * crm_day_format:
 * @value: (nullable): a UTC ISO-8601 timestamp ("2026-11-23T08:15:00Z") or
 *   a plain yyyy-MM-dd date
 *
 * The business day @value falls on where the user is, as dd/MM/yyyy; an
 * empty string for nothing or something unreadable.
 */
char *
crm_day_format (const char *value)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;
  char *text;

  if (value == NULL || *value == '\0')
    return g_strdup ("");
  if ((text = crm_date_format (value)) != NULL)
    return text;
  if (!(utc = g_date_time_new_from_iso8601 (value, NULL)))
    return g_strdup ("");
  /* Lists format thousands of rows: read the zone once, not per row
   * (g_date_time_to_local() looks at /etc/localtime on every call). */
  if (g_once_init_enter (&local_zone))
    g_once_init_leave (&local_zone, g_time_zone_new_local ());
  local = g_date_time_to_timezone (utc, local_zone);
  iso = g_date_time_format (local, "%Y-%m-%d");
  text = crm_date_format (iso);
  return text ? text : g_strdup ("");
}
