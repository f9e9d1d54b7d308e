/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_ORDERS_PAGE (crm_orders_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmOrdersPage, crm_orders_page, CRM, ORDERS_PAGE, GtkWidget)

GtkWidget *crm_orders_page_new         (CrmStore   *store,
                                        CrmSession *session);
gboolean   crm_orders_page_reload      (CrmOrdersPage *self);
void       crm_orders_page_open_record (GtkWidget  *page,
                                        gint64      id);
void       crm_orders_page_make_from   (GtkWidget  *page,
                                        const char *source_kind,
                                        gint64      source_id);

G_END_DECLS
