/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-interaction.h"
#include "crm-period.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Every history entry @session may read (the same rule as
 * crm_interaction_store_get()), over all customers, optionally only those
 * that occurred on the local days of @period; newest first. */
gint64     crm_interaction_list_count (CrmStore         *store,
                                       CrmSession       *session,
                                       const CrmPeriod  *period,
                                       GError          **error);
GPtrArray *crm_interaction_list_fetch (CrmStore         *store,
                                       CrmSession       *session,
                                       const CrmPeriod  *period,
                                       guint             offset,
                                       guint             limit,
                                       GError          **error);

G_END_DECLS
