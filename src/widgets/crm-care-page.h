/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARE_PAGE (crm_care_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmCarePage, crm_care_page, CRM, CARE_PAGE, GtkWidget)

/* The "care" section: after-sales care cases as a lazy list filtered by
 * status (or the overdue ones, marked in red), assignee and a search,
 * opened in a CrmCareDialog by double-click, Enter or the Open button;
 * and, in a second tab, the care standards of the customer groups. */
GtkWidget *crm_care_page_new         (CrmStore    *store,
                                      CrmSession  *session);
/* Opens the editor of care case @id (the window table's open function). */
void       crm_care_page_open_record (GtkWidget   *page,
                                      gint64       id);
/* Reads the list and the assignees again. */
void       crm_care_page_reload      (CrmCarePage *self);

G_END_DECLS
