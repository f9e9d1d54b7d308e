/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PRODUCTS_PAGE (crm_products_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmProductsPage, crm_products_page, CRM, PRODUCTS_PAGE, GtkWidget)

GtkWidget *crm_products_page_new         (CrmStore        *store,
                                          CrmSession      *session);
gboolean   crm_products_page_reload      (CrmProductsPage *self);
void       crm_products_page_open_record (GtkWidget       *page,
                                          gint64           product_id);

G_END_DECLS
