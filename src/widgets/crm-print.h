/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-document.h"
#include "crm-report.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

void crm_print_document    (GtkWindow         *parent,
                            CrmDocumentLayout *layout);
void crm_save_document_pdf (GtkWindow         *parent,
                            CrmDocumentLayout *layout,
                            const char        *suggested_name);
/* Prints @report (GtkPrintOperation with preview, A4): the same pages as
 * its PDF export.  Checks the print permission and audits the job. */
void crm_print_report      (GtkWindow         *parent,
                            CrmStore          *store,
                            CrmSession        *session,
                            CrmReport         *report);

G_END_DECLS
