/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_REPORTS_PAGE (crm_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmReportsPage, crm_reports_page, CRM, REPORTS_PAGE, GtkWidget)

/* The Reports section: the business reports with their filters, summary
 * figures, chart and table, exported, saved as PDF and printed. */
GtkWidget *crm_reports_page_new     (CrmStore       *store,
                                     CrmSession     *session);
/* Adds a tab beside "Reports" (e.g. the campaigns). */
void       crm_reports_page_add_tab (CrmReportsPage *self,
                                     GtkWidget      *child,
                                     const char     *title);

G_END_DECLS
