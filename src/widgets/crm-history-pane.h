/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_HISTORY_PANE (crm_history_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmHistoryPane, crm_history_pane, CRM, HISTORY_PANE, GtkWidget)

GtkWidget *crm_history_pane_new    (CrmStore       *store,
                                    CrmSession     *session,
                                    const char     *entity,
                                    gint64          entity_id);
gboolean   crm_history_pane_reload (CrmHistoryPane *self);

G_END_DECLS
