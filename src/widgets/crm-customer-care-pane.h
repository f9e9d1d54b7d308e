/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_CARE_PANE (crm_customer_care_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerCarePane, crm_customer_care_pane, CRM, CUSTOMER_CARE_PANE, GtkWidget)

GtkWidget *crm_customer_care_pane_new    (CrmStore            *store,
                                          CrmSession          *session,
                                          gint64               customer_id);
gboolean   crm_customer_care_pane_reload (CrmCustomerCarePane *self);

G_END_DECLS
