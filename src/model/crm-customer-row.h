/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-enum-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_ROW (crm_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerRow, crm_customer_row, CRM, CUSTOMER_ROW, GObject)

/* One line of the customer list: what its columns show, already formatted
 * (province short name, status label, last contact dd/MM/yyyy in local
 * time, revenue "1.234.567 ₫").  Immutable. */
CrmCustomerRow    *crm_customer_row_new               (gint64             id,
                                                       const char        *code,
                                                       const char        *full_name,
                                                       CrmCustomerKind    kind,
                                                       const char        *province_code,
                                                       CrmCustomerStatus  status,
                                                       const char        *owner_name,
                                                       const char        *last_contact_at,
                                                       gint64             revenue);
gint64             crm_customer_row_get_id            (CrmCustomerRow    *self);
const char        *crm_customer_row_get_code          (CrmCustomerRow    *self);
const char        *crm_customer_row_get_full_name     (CrmCustomerRow    *self);
CrmCustomerKind    crm_customer_row_get_kind          (CrmCustomerRow    *self);
const char        *crm_customer_row_get_province_name (CrmCustomerRow    *self);
CrmCustomerStatus  crm_customer_row_get_status        (CrmCustomerRow    *self);
const char        *crm_customer_row_get_status_label  (CrmCustomerRow    *self);
const char        *crm_customer_row_get_owner_name    (CrmCustomerRow    *self);
const char        *crm_customer_row_get_last_contact  (CrmCustomerRow    *self);
gint64             crm_customer_row_get_revenue       (CrmCustomerRow    *self);
const char        *crm_customer_row_get_revenue_text  (CrmCustomerRow    *self);

G_END_DECLS
