/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAFF_REPORT_PAGE (crm_staff_report_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmStaffReportPage, crm_staff_report_page, CRM, STAFF_REPORT_PAGE, GtkWidget)

GtkWidget *crm_staff_report_page_new    (CrmStore           *store,
                                         CrmSession         *session);
gboolean   crm_staff_report_page_reload (CrmStaffReportPage *self);

G_END_DECLS
