/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARE_STANDARDS_PANE (crm_care_standards_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmCareStandardsPane, crm_care_standards_pane, CRM, CARE_STANDARDS_PANE, GtkWidget)

/* The care standards of each customer group (add, edit, switch off: for
 * managers and administrators), a button that makes the care tasks due
 * today and says how many it made, and the customers overdue for care
 * (activating one opens the customer through win.open-record).  Both
 * lists are read again whenever the pane is shown. */
GtkWidget *crm_care_standards_pane_new    (CrmStore             *store,
                                           CrmSession           *session);
void       crm_care_standards_pane_reload (CrmCareStandardsPane *self);

G_END_DECLS
