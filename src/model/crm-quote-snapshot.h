/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-quote.h"

G_BEGIN_DECLS

/* The immutable text of a saved version of a quote (quote_revisions.snapshot).
 *
 * JSON, written by this small serialiser rather than a library (none is a
 * dependency) and stable: the same quote always gives the same bytes.
 * One object, keys in this order, no white space, integers only, strings
 * as UTF-8 with only the characters JSON requires escaped:
 *
 *   {"format":1,"code":…,"revision":…,
 *    "customer":{"id":…,"code":…,"name":…},
 *    "contact":{"id":…,"name":…} or null,
 *    "opportunity_id":…,"owner_id":…,"issue_date":…,"valid_until":…,
 *    "currency":"VND","terms":… or null,"notes":… or null,
 *    "lines":[{"id":…,"position":…,"product_id":…,"description":…,"unit":…,
 *              "quantity_milli":…,"unit_price":…,"discount_bp":…,
 *              "vat_rate_bp":…,"price_source":…,"override_reason":…},…],
 *    "subtotal":…,"discount_total":…,"net_total":…,
 *    "vat":[{"rate_bp":…,"base":…,"amount":…},…],
 *    "vat_total":…,"grand_total":…}
 *
 * The totals are recorded as computed when the version was saved, for
 * anyone reading the text without this code; reading a snapshot back
 * recomputes them from the lines.  The reader takes any JSON object,
 * ignores keys it does not know and defaults missing ones, so it also reads
 * the older form the demo data writes (no "format", no line ids).  The
 * status is not part of a version: a quote read back is "sent". */

char     *crm_quote_snapshot_write (const CrmQuote        *quote,
                                    const CrmQuoteTotals  *totals);
/* The quote as it was: header, lines, customer code and name, contact
 * name.  %NULL with %CRM_STORE_ERROR_CORRUPT when @text is not a snapshot. */
CrmQuote *crm_quote_snapshot_read  (const char            *text,
                                    GError               **error);

G_END_DECLS
