/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_PICKER (crm_customer_picker_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerPicker, crm_customer_picker, CRM, CUSTOMER_PICKER, GtkWidget)

GtkWidget *crm_customer_picker_new             (CrmStore          *store,
                                                CrmSession        *session);
gint64     crm_customer_picker_get_customer_id (CrmCustomerPicker *self);
void       crm_customer_picker_set_customer_id (CrmCustomerPicker *self,
                                                gint64             customer_id);
GtkWidget *crm_customer_picker_get_entry       (CrmCustomerPicker *self);

G_END_DECLS
