/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARE_STANDARD_DIALOG (crm_care_standard_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmCareStandardDialog, crm_care_standard_dialog, CRM, CARE_STANDARD_DIALOG, GtkWindow)

/* A modal form for care standard @standard_id, or a new one when 0: name,
 * customer group, what starts it, days after, how often (periodic only),
 * action, switched on or off.  Emits "saved" with the standard's id after
 * a save; a refusal of the store shows in the form. */
CrmCareStandardDialog *crm_care_standard_dialog_new (GtkWindow   *parent,
                                                     CrmStore    *store,
                                                     CrmSession  *session,
                                                     gint64       standard_id,
                                                     GError     **error);

G_END_DECLS
