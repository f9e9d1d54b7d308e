/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export.h"
#include "crm-export-table.h"
#include "crm-opportunity-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

CrmExportTable *crm_opportunity_export_table  (CrmStore                    *store,
                                               CrmSession                  *session,
                                               const CrmOpportunityFilter  *filter,
                                               GError                     **error);
gboolean        crm_opportunity_export        (CrmStore                    *store,
                                               CrmSession                  *session,
                                               const CrmOpportunityFilter  *filter,
                                               CrmExportFormat              format,
                                               GFile                       *dest,
                                               GCancellable                *cancellable,
                                               guint64                     *n_rows,
                                               GError                     **error);
void            crm_opportunity_export_async  (CrmStore                    *store,
                                               CrmSession                  *session,
                                               const CrmOpportunityFilter  *filter,
                                               CrmExportFormat              format,
                                               GFile                       *dest,
                                               GCancellable                *cancellable,
                                               GAsyncReadyCallback          callback,
                                               gpointer                     user_data);
gboolean        crm_opportunity_export_finish (CrmStore                    *store,
                                               GAsyncResult                *result,
                                               guint64                     *n_rows,
                                               GError                     **error);

G_END_DECLS
