/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_QUOTE_WINDOW (crm_quote_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmQuoteWindow, crm_quote_window, CRM, QUOTE_WINDOW, GtkWindow)

/* The quote editor's window over a CrmQuoteEditor, transient for @parent
 * (the main window, whose "win.make-record" makes contracts and orders).
 * "saved" is emitted after every change that reached the database (save,
 * send, accept, reject). */
CrmQuoteWindow *crm_quote_window_new          (GtkWindow       *parent,
                                               CrmStore        *store,
                                               CrmSession      *session);
gboolean        crm_quote_window_load         (CrmQuoteWindow  *self,
                                               gint64           quote_id,
                                               GError         **error);
gboolean        crm_quote_window_start_new    (CrmQuoteWindow  *self,
                                               gint64           customer_id,
                                               gint64           contact_id,
                                               gint64           opportunity_id,
                                               GError         **error);
gint64          crm_quote_window_get_quote_id (CrmQuoteWindow  *self);

G_END_DECLS
