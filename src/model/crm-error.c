/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-error.h"

G_DEFINE_QUARK (crm-validation-error-quark, crm_validation_error)
G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)
G_DEFINE_QUARK (crm-permission-error-quark, crm_permission_error)
