/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer-store.h"

G_BEGIN_DECLS

gboolean _crm_customer_store_insert (CrmStore     *store,
                                     CrmSession   *session,
                                     CrmCustomer  *customer,
                                     GError      **error);

G_END_DECLS
