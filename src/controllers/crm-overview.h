/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OVERVIEW (crm_overview_get_type ())

G_DECLARE_FINAL_TYPE (CrmOverview, crm_overview, CRM, OVERVIEW, GObject)

/* Record counts per section for the signed-in user, as properties the
 * window binds to.  refresh() re-reads them after a change. */
CrmOverview *crm_overview_new            (CrmStore     *store,
                                          CrmSession   *session);
gboolean     crm_overview_refresh        (CrmOverview  *self,
                                          GError      **error);
gint64       crm_overview_get_count      (CrmOverview  *self,
                                          const char   *section);

G_END_DECLS
