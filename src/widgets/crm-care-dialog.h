/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARE_DIALOG (crm_care_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmCareDialog, crm_care_dialog, CRM, CARE_DIALOG, GtkWindow)

/* The editor of one care case, transient for @parent and not modal:
 * customer, kind, title, details, priority, due date and, for managers
 * and administrators, the assignee; buttons for the status moves the case
 * may make; its timeline of actions with a form to add one (what was
 * done, when, how, outcome).  Emits "saved" (gint64 id) after each save,
 * move or added action.  @case_id 0 opens a new case (for @customer_id,
 * when not 0).  %NULL with @error set when the case cannot be read. */
CrmCareDialog *crm_care_dialog_new (GtkWindow   *parent,
                                    CrmStore    *store,
                                    CrmSession  *session,
                                    gint64       case_id,
                                    gint64       customer_id,
                                    GError     **error);

G_END_DECLS
