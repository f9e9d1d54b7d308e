/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-audit-store.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUDIT_ROW (crm_audit_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmAuditRow, crm_audit_row, CRM, AUDIT_ROW, GObject)

/* One row of the audit log as people read it: the entry as stored, and
 * its columns in words (read-only string properties "when", "user",
 * "action", "record", "field", "change" and "summary", for list views). */
CrmAuditRow         *crm_audit_row_new         (CrmStore            *store,
                                                GHashTable          *names,
                                                const CrmAuditEntry *entry);
const CrmAuditEntry *crm_audit_row_get_entry   (CrmAuditRow         *self);
const char          *crm_audit_row_get_when    (CrmAuditRow         *self);
const char          *crm_audit_row_get_user    (CrmAuditRow         *self);
const char          *crm_audit_row_get_action  (CrmAuditRow         *self);
const char          *crm_audit_row_get_record  (CrmAuditRow         *self);
const char          *crm_audit_row_get_field   (CrmAuditRow         *self);
const char          *crm_audit_row_get_change  (CrmAuditRow         *self);
const char          *crm_audit_row_get_summary (CrmAuditRow         *self);

G_END_DECLS
