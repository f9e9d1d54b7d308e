/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMERS_PAGE (crm_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomersPage, crm_customers_page, CRM, CUSTOMERS_PAGE, GtkWidget)

GtkWidget *crm_customers_page_new    (CrmStore         *store,
                                      CrmSession       *session);
void       crm_customers_page_reload (CrmCustomersPage *self);
void       crm_customers_page_open_customer (CrmCustomersPage *self,
                                             gint64            customer_id);

G_END_DECLS
