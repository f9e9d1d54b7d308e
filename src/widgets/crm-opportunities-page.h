/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITIES_PAGE (crm_opportunities_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunitiesPage, crm_opportunities_page, CRM, OPPORTUNITIES_PAGE, GtkWidget)

/* The "opportunities" section: the sales funnel (one column of cards per
 * stage, moved by drag and drop or their "Move to" menu) and the same
 * opportunities as a lazy, searchable list exported to Excel as shown. */
GtkWidget *crm_opportunities_page_new         (CrmStore   *store,
                                               CrmSession *session);
/* Opens the editor of opportunity @id (the window table's open function). */
void       crm_opportunities_page_open_record (GtkWidget  *page,
                                               gint64      id);
/* Reads the funnel, the list and the owners again. */
void       crm_opportunities_page_reload      (CrmOpportunitiesPage *self);

G_END_DECLS
