/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_QUOTES_PAGE (crm_quotes_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmQuotesPage, crm_quotes_page, CRM, QUOTES_PAGE, GtkWidget)

GtkWidget *crm_quotes_page_new         (CrmStore      *store,
                                        CrmSession    *session);
gboolean   crm_quotes_page_reload      (CrmQuotesPage *self);
void       crm_quotes_page_open_record (GtkWidget     *page,
                                        gint64         quote_id);
void       crm_quotes_page_make_from   (GtkWidget     *page,
                                        const char    *source_kind,
                                        gint64         source_id);
/* The window of a quote being edited from this page, or NULL. */
GtkWindow *crm_quotes_page_get_window  (CrmQuotesPage *self,
                                        gint64         quote_id);

G_END_DECLS
