/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

gint64       crm_customer_store_create  (CrmStore     *store,
                                         CrmSession   *session,
                                         CrmCustomer  *customer,
                                         GError      **error);
gboolean     crm_customer_store_update  (CrmStore     *store,
                                         CrmSession   *session,
                                         CrmCustomer  *customer,
                                         GError      **error);
CrmCustomer *crm_customer_store_get     (CrmStore     *store,
                                         CrmSession   *session,
                                         gint64        id,
                                         GError      **error);
gint64       crm_customer_store_count   (CrmStore     *store,
                                         CrmSession   *session,
                                         GError      **error);

G_END_DECLS
