/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export.h"
#include "crm-export-table.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* A campaign's members as the session sees them: customer code, name,
 * status, response, linked opportunity and order, last change. */
CrmExportTable *crm_campaign_export_table  (CrmStore             *store,
                                            CrmSession           *session,
                                            gint64                campaign_id,
                                            GError              **error);
/* Checks the export permission, audits, leaves no partial file. */
gboolean        crm_campaign_export        (CrmStore             *store,
                                            CrmSession           *session,
                                            gint64                campaign_id,
                                            CrmExportFormat       format,
                                            GFile                *dest,
                                            GCancellable         *cancellable,
                                            guint64              *n_rows,
                                            GError              **error);
void            crm_campaign_export_async  (CrmStore             *store,
                                            CrmSession           *session,
                                            gint64                campaign_id,
                                            CrmExportFormat       format,
                                            GFile                *dest,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean        crm_campaign_export_finish (CrmStore             *store,
                                            GAsyncResult         *result,
                                            guint64              *n_rows,
                                            GError              **error);

G_END_DECLS
