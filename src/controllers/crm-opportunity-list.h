/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-opportunity-row.h"
#include "crm-opportunity-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY_LIST (crm_opportunity_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunityList, crm_opportunity_list, CRM, OPPORTUNITY_LIST, GObject)

/* Opportunities as a lazy GListModel of CrmOpportunityRow in the store's
 * order: it counts what the filter gives and reads a page of rows when a
 * view asks for one, keeping the few pages last used.  Empty until the
 * first crm_opportunity_list_reload(). */
CrmOpportunityList         *crm_opportunity_list_new               (CrmStore                   *store,
                                                                    CrmSession                 *session);
gboolean                    crm_opportunity_list_reload            (CrmOpportunityList         *self,
                                                                    GError                    **error);
const CrmOpportunityFilter *crm_opportunity_list_get_filter        (CrmOpportunityList         *self);
gboolean                    crm_opportunity_list_set_filter        (CrmOpportunityList         *self,
                                                                    const CrmOpportunityFilter *filter,
                                                                    GError                    **error);
guint                       crm_opportunity_list_get_pages_fetched (CrmOpportunityList         *self);

G_END_DECLS
