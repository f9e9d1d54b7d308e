/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export.h"
#include "crm-export-table.h"
#include "crm-period.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* The history entries of every customer @session may see, newest first:
 * date and time, customer, kind, channel, summary, outcome, next contact
 * due, who logged it.  @period (nullable) keeps the entries that occurred
 * on its days; NULL means all of them. */
CrmExportTable *crm_interaction_export_table  (CrmStore          *store,
                                               CrmSession        *session,
                                               const CrmPeriod   *period,
                                               GError           **error);
gboolean        crm_interaction_export        (CrmStore          *store,
                                               CrmSession        *session,
                                               const CrmPeriod   *period,
                                               CrmExportFormat    format,
                                               GFile             *dest,
                                               GCancellable      *cancellable,
                                               guint64           *n_rows,
                                               GError           **error);
void            crm_interaction_export_async  (CrmStore          *store,
                                               CrmSession        *session,
                                               const CrmPeriod   *period,
                                               CrmExportFormat    format,
                                               GFile             *dest,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
gboolean        crm_interaction_export_finish (CrmStore          *store,
                                               GAsyncResult      *result,
                                               guint64           *n_rows,
                                               GError           **error);

G_END_DECLS
