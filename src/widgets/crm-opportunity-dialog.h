/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY_DIALOG (crm_opportunity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunityDialog, crm_opportunity_dialog, CRM, OPPORTUNITY_DIALOG, GtkWindow)

/* The editor of one opportunity, transient for @parent and not modal:
 * customer, title, stage (and the reason when lost), expected value,
 * probability, expected close and, for managers and administrators, the
 * owner.  Emits "saved" (gint64 id) after each save.  @opportunity_id 0
 * makes a new one (for @customer_id, when not 0).  %NULL with @error set
 * when the opportunity cannot be read. */
CrmOpportunityDialog *crm_opportunity_dialog_new (GtkWindow   *parent,
                                                  CrmStore    *store,
                                                  CrmSession  *session,
                                                  gint64       opportunity_id,
                                                  gint64       customer_id,
                                                  GError     **error);

G_END_DECLS
