/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export.h"
#include "crm-export-table.h"
#include "crm-report.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* A built report as an export table: the title block (company, report
 * title, its subtitles, who exported and when, the summary figures),
 * the report's columns and rows, and its chart. */
CrmExportTable *crm_report_export_table  (CrmReport            *report,
                                          CrmStore             *store,
                                          CrmSession           *session,
                                          GError              **error);
/* Writes @report to @dest as @format: checks the export permission,
 * writes atomically (no partial file on error or cancel) and audits. */
gboolean        crm_report_export        (CrmReport            *report,
                                          CrmStore             *store,
                                          CrmSession           *session,
                                          CrmExportFormat       format,
                                          GFile                *dest,
                                          GCancellable         *cancellable,
                                          GError              **error);
void            crm_report_export_async  (CrmReport            *report,
                                          CrmStore             *store,
                                          CrmSession           *session,
                                          CrmExportFormat       format,
                                          GFile                *dest,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean        crm_report_export_finish (CrmStore             *store,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
