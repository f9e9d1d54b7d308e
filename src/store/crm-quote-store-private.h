/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by crm-quote-store.c (reading, saving, status, lists) and
 * crm-quote-send.c (sends and revisions); nothing else uses them. */

#include "crm-quote-store.h"

G_BEGIN_DECLS

/* The quote with its lines if @session may read it, else
 * %CRM_STORE_ERROR_NOT_FOUND; @assigned_to (may be NULL) gets the
 * customer's assigned staff. */
CrmQuote *_crm_quote_store_load_visible     (CrmStore              *store,
                                             CrmSession            *session,
                                             gint64                 quote_id,
                                             gint64                *assigned_to,
                                             GError               **error);
/* The same, when @session may also change it (%CRM_PERMISSION_ERROR else). */
CrmQuote *_crm_quote_store_load_for_change  (CrmStore              *store,
                                             CrmSession            *session,
                                             gint64                 quote_id,
                                             GError               **error);
/* %CRM_PERMISSION_ERROR for an accepted quote. */
gboolean  _crm_quote_store_require_unlocked (const CrmQuote        *quote,
                                             GError               **error);
/* Inserts the immutable snapshot of @quote's current revision. */
gboolean  _crm_quote_store_write_snapshot   (CrmStore              *store,
                                             CrmSession            *session,
                                             const CrmQuote        *quote,
                                             const CrmQuoteTotals  *totals,
                                             const char            *now,
                                             GError               **error);
/* Moves @quote to @status, stamps the decision dates, audited. */
gboolean  _crm_quote_store_set_status       (CrmStore              *store,
                                             CrmSession            *session,
                                             const CrmQuote        *quote,
                                             CrmQuoteStatus         status,
                                             const char            *now,
                                             GError               **error);

G_END_DECLS
