/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUDIT_PAGE (crm_audit_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmAuditPage, crm_audit_page, CRM, AUDIT_PAGE, GtkWidget)

GtkWidget *crm_audit_page_new    (CrmStore     *store,
                                  CrmSession   *session);
gboolean   crm_audit_page_reload (CrmAuditPage *self);

G_END_DECLS
