/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-customer-query.h"
#include "crm-customer-row.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_LIST (crm_customer_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerList, crm_customer_list, CRM, CUSTOMER_LIST, GObject)

/* The customer list as a lazy GListModel of CrmCustomerRow: it knows how
 * many rows the filter gives and reads them from the store a page at a
 * time when asked, keeping the few pages last used.  Filters and sort
 * are applied in SQL; changing one re-counts and replaces every item.
 * Empty until the first crm_customer_list_reload(), so that the filters
 * can be set up front without querying for each. */
CrmCustomerList         *crm_customer_list_new               (CrmStore          *store,
                                                              CrmSession        *session);
gboolean                 crm_customer_list_reload            (CrmCustomerList   *self,
                                                              GError           **error);
const CrmCustomerFilter *crm_customer_list_get_filter        (CrmCustomerList   *self);
void                     crm_customer_list_set_filter        (CrmCustomerList   *self,
                                                              const CrmCustomerFilter *filter);
void                     crm_customer_list_set_categories    (CrmCustomerList   *self,
                                                              GArray            *category_ids);
void                     crm_customer_list_set_status        (CrmCustomerList   *self,
                                                              int                status);
void                     crm_customer_list_set_province_code (CrmCustomerList   *self,
                                                              const char        *province_code);
void                     crm_customer_list_set_industry      (CrmCustomerList   *self,
                                                              const char        *industry);
void                     crm_customer_list_set_source        (CrmCustomerList   *self,
                                                              const char        *source);
void                     crm_customer_list_set_assigned_to   (CrmCustomerList   *self,
                                                              gint64             user_id);
void                     crm_customer_list_set_search_text   (CrmCustomerList   *self,
                                                              const char        *text);
void                     crm_customer_list_set_sort          (CrmCustomerList   *self,
                                                              CrmCustomerSort    sort,
                                                              gboolean           ascending);
guint                    crm_customer_list_get_pages_fetched (CrmCustomerList   *self);

G_END_DECLS
