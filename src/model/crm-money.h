/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is gint64 đồng (VND has no minor unit), rates are basis points.
 * Formatting is Vietnamese whatever the locale: dot grouping, decimal comma. */

/* "1.234.567 ₫", "-1.234.567 ₫", "0 ₫"; G_MININT64 included. */
char     *crm_money_format       (gint64       dong);
/* The number alone with dot grouping: "1.234.567". */
char     *crm_money_format_plain (gint64       dong);
/* What a user types: "1.234.567", "1234567", "1 234 567 ₫", "1,234,567 đ",
 * "-500.000 VND".  Decimals ("1.234,5", "12.5") are CRM_VALIDATION_ERROR_FORMAT,
 * overflow CRM_VALIDATION_ERROR_RANGE, empty CRM_VALIDATION_ERROR_REQUIRED. */
gboolean  crm_money_parse        (const char  *text,
                                  gint64      *dong,
                                  GError     **error);
/* Basis points: 1000 -> "10 %", 850 -> "8,5 %", 825 -> "8,25 %". */
char     *crm_rate_format        (gint         rate_bp);

G_END_DECLS
