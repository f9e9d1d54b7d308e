/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_INTERACTIONS_PANE (crm_interactions_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmInteractionsPane, crm_interactions_pane, CRM, INTERACTIONS_PANE, GtkWidget)

GtkWidget *crm_interactions_pane_new          (CrmStore            *store,
                                               CrmSession          *session,
                                               gint64               customer_id);
gboolean   crm_interactions_pane_reload       (CrmInteractionsPane *self);
void       crm_interactions_pane_set_contacts (CrmInteractionsPane *self,
                                               GListModel          *contacts);

G_END_DECLS
