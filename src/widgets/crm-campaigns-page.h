/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CAMPAIGNS_PAGE (crm_campaigns_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmCampaignsPage, crm_campaigns_page, CRM, CAMPAIGNS_PAGE, GtkWidget)

/* Marketing campaigns: the list (name, channel, period, budget, members,
 * conversions), New / Edit / Delete and "Add customers…" for managers,
 * and the selected campaign's members, each with a response anyone who
 * sees the customer may change, linked opportunities and orders, and an
 * export of the members to Excel. */
GtkWidget *crm_campaigns_page_new         (CrmStore   *store,
                                           CrmSession *session);
void       crm_campaigns_page_reload      (CrmCampaignsPage *self);
/* Selects @id in the list and opens its editor. */
void       crm_campaigns_page_open_record (GtkWidget  *page,
                                           gint64      id);

G_END_DECLS
