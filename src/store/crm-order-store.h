/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-order.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Columns a list of orders sorts by; every order ends on something
 * unique, so pages never overlap. */
typedef enum
{
  CRM_ORDER_SORT_CODE,        /* year, then number */
  CRM_ORDER_SORT_DATE,        /* order date */
  CRM_ORDER_SORT_TOTAL,
  CRM_ORDER_SORT_STATUS,      /* pending, partial, delivered, cancelled, then code */
} CrmOrderSort;

#define CRM_ORDER_SORT_N (CRM_ORDER_SORT_STATUS + 1)

#define CRM_TYPE_ORDER_FILTER (crm_order_filter_get_type ())

/* What a list of orders shows.  Dates are ISO "yyyy-MM-dd" (or as typed,
 * dd/MM/yyyy: the store parses them), NULL for an open end. */
typedef struct
{
  int           status;       /* a CrmOrderStatus, or -1 for any */
  char         *from_date;    /* order date on or after */
  char         *to_date;      /* order date on or before */
  char         *search;       /* code or customer as typed; tones and case do not matter */
  CrmOrderSort  sort;
  gboolean      ascending;
} CrmOrderFilter;

GType           crm_order_filter_get_type          (void) G_GNUC_CONST;
/* Every order, newest code first. */
CrmOrderFilter *crm_order_filter_new               (void);
CrmOrderFilter *crm_order_filter_copy              (const CrmOrderFilter *filter);
void            crm_order_filter_free              (CrmOrderFilter       *filter);
gboolean        crm_order_filter_equal             (const CrmOrderFilter *a,
                                                    const CrmOrderFilter *b);

gint64          crm_order_store_create             (CrmStore             *store,
                                                    CrmSession           *session,
                                                    CrmOrder             *order,
                                                    GError              **error);
CrmOrder       *crm_order_store_draft_from_quote   (CrmStore             *store,
                                                    CrmSession           *session,
                                                    gint64                quote_id,
                                                    GError              **error);
CrmOrder       *crm_order_store_draft_from_contract (CrmStore            *store,
                                                    CrmSession           *session,
                                                    gint64                contract_id,
                                                    GError              **error);
gint64          crm_order_store_create_from_quote  (CrmStore             *store,
                                                    CrmSession           *session,
                                                    gint64                quote_id,
                                                    const char           *order_date,
                                                    GError              **error);
gint64          crm_order_store_create_from_contract (CrmStore           *store,
                                                    CrmSession           *session,
                                                    gint64                contract_id,
                                                    const char           *order_date,
                                                    GError              **error);
CrmOrder       *crm_order_store_get                (CrmStore             *store,
                                                    CrmSession           *session,
                                                    gint64                order_id,
                                                    GError              **error);
gboolean        crm_order_store_save               (CrmStore             *store,
                                                    CrmSession           *session,
                                                    CrmOrder             *order,
                                                    GError              **error);
gboolean        crm_order_store_record_delivery    (CrmStore             *store,
                                                    CrmSession           *session,
                                                    gint64                order_id,
                                                    const char           *delivered_on,
                                                    const char           *note,
                                                    gboolean              completes,
                                                    GError              **error);
gboolean        crm_order_store_cancel             (CrmStore             *store,
                                                    CrmSession           *session,
                                                    gint64                order_id,
                                                    const char           *reason,
                                                    GError              **error);

GPtrArray      *crm_order_store_list_for_customer  (CrmStore             *store,
                                                    CrmSession           *session,
                                                    gint64                customer_id,
                                                    GError              **error);
gint64          crm_order_store_count              (CrmStore             *store,
                                                    CrmSession           *session,
                                                    const CrmOrderFilter *filter,
                                                    GError              **error);
GPtrArray      *crm_order_store_fetch              (CrmStore             *store,
                                                    CrmSession           *session,
                                                    const CrmOrderFilter *filter,
                                                    guint                 offset,
                                                    guint                 limit,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOrderFilter, crm_order_filter_free)

G_END_DECLS
