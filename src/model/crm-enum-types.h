/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_ROLE_ADMIN,
  CRM_ROLE_MANAGER,
  CRM_ROLE_STAFF,
} CrmRole;

/* Company setting: may staff see every customer, or only their own? */
typedef enum
{
  CRM_VISIBILITY_SHARED,
  CRM_VISIBILITY_OWN,
} CrmVisibility;

typedef enum
{
  CRM_CUSTOMER_KIND_PERSON,
  CRM_CUSTOMER_KIND_ORGANISATION,
} CrmCustomerKind;

typedef enum
{
  CRM_CUSTOMER_STATUS_LEAD,
  CRM_CUSTOMER_STATUS_PROSPECT,
  CRM_CUSTOMER_STATUS_CUSTOMER,
  CRM_CUSTOMER_STATUS_INACTIVE,
} CrmCustomerStatus;

G_END_DECLS
