/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-opportunity-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_FUNNEL (crm_funnel_get_type ())

G_DECLARE_FINAL_TYPE (CrmFunnel, crm_funnel, CRM, FUNNEL, GObject)

/* The sales funnel screen's state: one lazy GListModel of
 * CrmOpportunityRow per stage (the cards of a column), and per stage how
 * many and what they are worth, as the properties "new-count",
 * "new-value", "qualified-count", … "lost-value".  Managers and
 * administrators look at one staff member's funnel or everyone's
 * ("owner-id" 0); staff always at their own.  Empty until the first
 * crm_funnel_reload(). */
CrmFunnel  *crm_funnel_new                  (CrmStore             *store,
                                             CrmSession           *session);
gboolean    crm_funnel_reload               (CrmFunnel            *self,
                                             GError              **error);
GListModel *crm_funnel_get_stage_model      (CrmFunnel            *self,
                                             CrmOpportunityStage   stage);
gint64      crm_funnel_get_stage_count      (CrmFunnel            *self,
                                             CrmOpportunityStage   stage);
gint64      crm_funnel_get_stage_value      (CrmFunnel            *self,
                                             CrmOpportunityStage   stage);
gboolean    crm_funnel_get_may_choose_owner (CrmFunnel            *self);
gint64      crm_funnel_get_owner_id         (CrmFunnel            *self);
gboolean    crm_funnel_set_owner_id         (CrmFunnel            *self,
                                             gint64                owner_id,
                                             GError              **error);
gboolean    crm_funnel_move                 (CrmFunnel            *self,
                                             gint64                opportunity_id,
                                             CrmOpportunityStage   stage,
                                             const char           *lost_reason,
                                             GError              **error);

G_END_DECLS
