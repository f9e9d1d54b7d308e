/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-quote.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Columns a list of quotes sorts by; every order ends on something unique,
 * so pages never overlap. */
typedef enum
{
  CRM_QUOTE_SORT_CODE,        /* year, then number: BG-2026-9999 before BG-2026-10000 */
  CRM_QUOTE_SORT_ISSUE_DATE,
  CRM_QUOTE_SORT_TOTAL,
  CRM_QUOTE_SORT_STATUS,      /* draft, sent, accepted, rejected, expired, then code */
} CrmQuoteSort;

#define CRM_QUOTE_SORT_N (CRM_QUOTE_SORT_STATUS + 1)

/* What a list of quotes shows: a status (-1 for any), words typed to
 * find a code or a customer (NULL for all), and its order. */
typedef struct
{
  int           status;
  char         *search;
  CrmQuoteSort  sort;
  gboolean      ascending;
} CrmQuoteFilter;

CrmQuoteFilter   *crm_quote_filter_new              (void);
CrmQuoteFilter   *crm_quote_filter_copy             (const CrmQuoteFilter *filter);
void              crm_quote_filter_free             (CrmQuoteFilter    *filter);
gboolean          crm_quote_filter_equal            (const CrmQuoteFilter *a,
                                                     const CrmQuoteFilter *b);

gint64            crm_quote_store_create            (CrmStore          *store,
                                                     CrmSession        *session,
                                                     CrmQuote          *quote,
                                                     GError           **error);
CrmQuote         *crm_quote_store_get               (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             quote_id,
                                                     GError           **error);
gboolean          crm_quote_store_save              (CrmStore          *store,
                                                     CrmSession        *session,
                                                     CrmQuote          *quote,
                                                     GError           **error);
gboolean          crm_quote_store_send              (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             quote_id,
                                                     CrmQuoteSend      *send,
                                                     GError           **error);
gboolean          crm_quote_store_accept            (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             quote_id,
                                                     GError           **error);
gboolean          crm_quote_store_reject            (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             quote_id,
                                                     GError           **error);
gint              crm_quote_store_expire_due        (CrmStore          *store,
                                                     CrmSession        *session,
                                                     const char        *today,
                                                     GError           **error);

GPtrArray        *crm_quote_store_list_sends        (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             quote_id,
                                                     GError           **error);
GPtrArray        *crm_quote_store_list_revisions    (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             quote_id,
                                                     GError           **error);
CrmQuoteRevision *crm_quote_store_get_revision      (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             quote_id,
                                                     gint               revision,
                                                     GError           **error);

GPtrArray        *crm_quote_store_list_for_customer (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             customer_id,
                                                     GError           **error);
gint64            crm_quote_store_count             (CrmStore          *store,
                                                     CrmSession        *session,
                                                     int                status,
                                                     GError           **error);
GPtrArray        *crm_quote_store_fetch             (CrmStore          *store,
                                                     CrmSession        *session,
                                                     int                status,
                                                     CrmQuoteSort       sort,
                                                     gboolean           ascending,
                                                     guint              offset,
                                                     guint              limit,
                                                     GError           **error);
gint64            crm_quote_store_count_filtered    (CrmStore          *store,
                                                     CrmSession        *session,
                                                     const CrmQuoteFilter *filter,
                                                     GError           **error);
GPtrArray        *crm_quote_store_fetch_filtered    (CrmStore          *store,
                                                     CrmSession        *session,
                                                     const CrmQuoteFilter *filter,
                                                     guint              offset,
                                                     guint              limit,
                                                     GError           **error);
gboolean          crm_quote_store_get_opportunity   (CrmStore          *store,
                                                     CrmSession        *session,
                                                     gint64             opportunity_id,
                                                     gint64            *customer_id,
                                                     char             **title,
                                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuoteFilter, crm_quote_filter_free)

G_END_DECLS
