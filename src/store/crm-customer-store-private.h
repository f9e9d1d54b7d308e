/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer-store.h"

G_BEGIN_DECLS

gboolean _crm_customer_store_insert (CrmStore     *store,
                                     CrmSession   *session,
                                     CrmCustomer  *customer,
                                     GError      **error);

/* Customer codes KH000001, KH000002, … number from a counter.  A bulk
 * writer (the import) reads the counter once, numbers its new customers
 * itself and stores the last number it gave, all inside its transaction,
 * rather than updating the counter once per customer. */
char    *_crm_customer_store_format_code     (gint64        number);
gboolean _crm_customer_store_get_code_number (CrmStore     *store,
                                              gint64       *number,
                                              GError      **error);
gboolean _crm_customer_store_set_code_number (CrmStore     *store,
                                              gint64        number,
                                              GError      **error);

G_END_DECLS
