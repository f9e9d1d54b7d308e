/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_DIALOG (crm_customer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerDialog, crm_customer_dialog, CRM, CUSTOMER_DIALOG, GtkWindow)

/* Opens customer @customer_id for editing, or a new customer when 0.
 * Emits "saved" with the customer's id after a successful save. */
CrmCustomerDialog *crm_customer_dialog_new (GtkWindow  *parent,
                                            CrmStore   *store,
                                            CrmSession *session,
                                            gint64      customer_id,
                                            gint64      new_category_id,
                                            GError    **error);

G_END_DECLS
