/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-audit-row.h"
#include "crm-audit-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUDIT_LIST (crm_audit_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmAuditList, crm_audit_list, CRM, AUDIT_LIST, GObject)

/* The audit viewer's rows as a lazy GListModel of CrmAuditRow, newest
 * first: it counts what the filter gives and reads a page of rows from
 * the store when a view asks for one, keeping the few pages last used.
 * Empty until the first crm_audit_list_reload(). */
CrmAuditList         *crm_audit_list_new                (CrmStore             *store,
                                                         CrmSession           *session);
gboolean              crm_audit_list_reload             (CrmAuditList         *self,
                                                         GError              **error);
const CrmAuditFilter *crm_audit_list_get_filter         (CrmAuditList         *self);
gboolean              crm_audit_list_set_filter         (CrmAuditList         *self,
                                                         const CrmAuditFilter *filter,
                                                         GError              **error);
guint                 crm_audit_list_get_pages_fetched  (CrmAuditList         *self);

G_END_DECLS
