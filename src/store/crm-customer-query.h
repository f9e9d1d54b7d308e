/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-customer-row.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Columns the customer list sorts by.  Every order ends on the customer
 * id, so equal values keep one stable order and pages never overlap. */
typedef enum
{
  CRM_CUSTOMER_SORT_CODE,
  CRM_CUSTOMER_SORT_NAME,          /* Vietnamese order; people by given name */
  CRM_CUSTOMER_SORT_PROVINCE,      /* Vietnamese order of the short name, then name */
  CRM_CUSTOMER_SORT_STATUS,        /* lead, prospect, customer, inactive, then name */
  CRM_CUSTOMER_SORT_OWNER,         /* assigned staff by given name, then name */
  CRM_CUSTOMER_SORT_LAST_CONTACT,  /* never contacted first */
  CRM_CUSTOMER_SORT_REVENUE,
} CrmCustomerSort;

#define CRM_CUSTOMER_SORT_N (CRM_CUSTOMER_SORT_REVENUE + 1)

#define CRM_TYPE_CUSTOMER_SORT   (crm_customer_sort_get_type ())
#define CRM_TYPE_CUSTOMER_FILTER (crm_customer_filter_get_type ())

/* What the customer list shows: every field narrows it, NULL / -1 / 0
 * leave it open.  Visibility and merged customers are not a filter: the
 * store always applies them. */
typedef struct
{
  GArray          *category_ids;  /* gint64 ids; NULL: any category, empty: none */
  int              status;        /* a CrmCustomerStatus, or -1 for any */
  char            *province_code;
  char            *industry;
  char            *source;
  gint64           assigned_to;   /* 0: anyone */
  char            *search;        /* as typed; tones, case and spacing do not matter */
  CrmCustomerSort  sort;
  gboolean         ascending;
} CrmCustomerFilter;

GType              crm_customer_sort_get_type      (void) G_GNUC_CONST;
GType              crm_customer_filter_get_type    (void) G_GNUC_CONST;
CrmCustomerFilter *crm_customer_filter_new         (void);
CrmCustomerFilter *crm_customer_filter_copy        (const CrmCustomerFilter *filter);
void               crm_customer_filter_free        (CrmCustomerFilter       *filter);
gboolean           crm_customer_filter_equal       (const CrmCustomerFilter *a,
                                                    const CrmCustomerFilter *b);
void               crm_customer_filter_set_categories (CrmCustomerFilter    *filter,
                                                       GArray               *category_ids);

gint64             crm_customer_query_count        (CrmStore                *store,
                                                    CrmSession              *session,
                                                    const CrmCustomerFilter *filter,
                                                    GError                 **error);
GPtrArray         *crm_customer_query_fetch        (CrmStore                *store,
                                                    CrmSession              *session,
                                                    const CrmCustomerFilter *filter,
                                                    guint                    offset,
                                                    guint                    limit,
                                                    GError                 **error);
GPtrArray         *crm_customer_query_fetch_window (CrmStore                *store,
                                                    CrmSession              *session,
                                                    const CrmCustomerFilter *filter,
                                                    guint                    offset,
                                                    guint                    limit,
                                                    gint64                   n_total,
                                                    GError                 **error);

GStrv              crm_customer_query_industries   (CrmStore                *store,
                                                    CrmSession              *session,
                                                    GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCustomerFilter, crm_customer_filter_free)

G_END_DECLS
