/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each check returns FALSE and sets a CRM_VALIDATION_ERROR with a message
 * for the person typing.  Empty or NULL input is CRM_VALIDATION_ERROR_REQUIRED:
 * callers decide whether a field is optional. */

/* Mã số thuế: 10 digits with a check digit, a branch "NNNNNNNNNN-NNN" (suffix
 * not 000; 13 digits typed without the dash are accepted too), or a 12-digit
 * citizen ID.  Spaces and dots typed inside are ignored; dropped leading zeros
 * are not guessed.  *normalized gets the digits, and "-NNN" for a branch. */
gboolean  crm_tax_code_validate (const char  *text,
                                 char       **normalized,
                                 GError     **error);
/* Vietnamese mobiles 0[35789] + 8 digits, landlines 02 + 9 digits, also with
 * +84, 84 or 0084 in front; spaces, dots, dashes and parentheses are ignored.
 * Other countries: + (or 00) and 8 to 15 digits.  *e164 gets "+<digits>". */
gboolean  crm_phone_normalize   (const char  *text,
                                 char       **e164,
                                 GError     **error);
/* "+84912345678" -> "0912 345 678", "+842438251234" -> "024 3825 1234";
 * anything else is returned unchanged (NULL -> ""). */
char     *crm_phone_format      (const char  *e164);
/* One @, a local part without spaces, a domain of at least two labels of
 * letters, digits and hyphens.  *normalized is trimmed, domain lower-cased. */
gboolean  crm_email_validate    (const char  *text,
                                 char       **normalized,
                                 GError     **error);
/* dd/MM/yyyy (also d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy) or ISO yyyy-MM-dd, a real
 * calendar date in 1900..2200.  *iso gets "yyyy-MM-dd". */
gboolean  crm_date_parse        (const char  *text,
                                 char       **iso,
                                 GError     **error);
/* "2026-11-23" -> "23/11/2026"; anything but a valid ISO date -> NULL. */
char     *crm_date_format       (const char  *iso);
char     *crm_day_format        (const char  *value);

G_END_DECLS
