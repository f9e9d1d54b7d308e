/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_DOCUMENTS_PANE (crm_documents_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmDocumentsPane, crm_documents_pane, CRM, DOCUMENTS_PANE, GtkWidget)

GtkWidget *crm_documents_pane_new    (CrmStore         *store,
                                      CrmSession       *session,
                                      gint64            customer_id);
gboolean   crm_documents_pane_reload (CrmDocumentsPane *self);
gboolean   crm_documents_pane_attach (CrmDocumentsPane *self,
                                      GFile            *file);

G_END_DECLS
