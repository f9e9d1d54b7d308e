/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors a user can cause by typing something wrong. Messages are
 * translated and meant to be shown next to the field. */
#define CRM_VALIDATION_ERROR (crm_validation_error_quark ())

typedef enum
{
  CRM_VALIDATION_ERROR_REQUIRED,
  CRM_VALIDATION_ERROR_TAX_CODE,
  CRM_VALIDATION_ERROR_PHONE,
  CRM_VALIDATION_ERROR_EMAIL,
  CRM_VALIDATION_ERROR_DATE,
  CRM_VALIDATION_ERROR_RANGE,
  CRM_VALIDATION_ERROR_FORMAT,
} CrmValidationError;

/* Errors of the data layer: the file, the schema, constraints. */
#define CRM_STORE_ERROR (crm_store_error_quark ())

typedef enum
{
  CRM_STORE_ERROR_FAILED,
  CRM_STORE_ERROR_NOT_FOUND,
  CRM_STORE_ERROR_EXISTS,
  CRM_STORE_ERROR_FOREIGN_FILE,
  CRM_STORE_ERROR_TOO_NEW,
  CRM_STORE_ERROR_CORRUPT,
  CRM_STORE_ERROR_LOCKED,
  CRM_STORE_ERROR_READ_ONLY,
  CRM_STORE_ERROR_NETWORK_FS,
  CRM_STORE_ERROR_CONFLICT,
  CRM_STORE_ERROR_CONSTRAINT,
  CRM_STORE_ERROR_IO,
} CrmStoreError;

/* The signed-in user may not do or see this. */
#define CRM_PERMISSION_ERROR (crm_permission_error_quark ())

typedef enum
{
  CRM_PERMISSION_ERROR_DENIED,
  CRM_PERMISSION_ERROR_INACTIVE,
} CrmPermissionError;

GQuark crm_validation_error_quark (void);
GQuark crm_store_error_quark      (void);
GQuark crm_permission_error_quark (void);

G_END_DECLS
