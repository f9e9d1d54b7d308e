/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export.h"
#include "crm-export-table.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

CrmExportTable *crm_staff_report_export_table  (CrmStore             *store,
                                                CrmSession           *session,
                                                const char           *from_day,
                                                const char           *to_day,
                                                GError              **error);
gboolean        crm_staff_report_export        (CrmStore             *store,
                                                CrmSession           *session,
                                                const char           *from_day,
                                                const char           *to_day,
                                                CrmExportFormat       format,
                                                GFile                *dest,
                                                GCancellable         *cancellable,
                                                guint64              *n_rows,
                                                GError              **error);
void            crm_staff_report_export_async  (CrmStore             *store,
                                                CrmSession           *session,
                                                const char           *from_day,
                                                const char           *to_day,
                                                CrmExportFormat       format,
                                                GFile                *dest,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        crm_staff_report_export_finish (CrmStore             *store,
                                                GAsyncResult         *result,
                                                guint64              *n_rows,
                                                GError              **error);

G_END_DECLS
