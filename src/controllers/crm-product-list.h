/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-product.h"
#include "crm-product-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PRODUCT_LIST (crm_product_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmProductList, crm_product_list, CRM, PRODUCT_LIST, GObject)

/* The catalogue as a lazy GListModel of CrmProduct: it counts what the
 * filter gives and reads a page of products from the store when a view
 * asks for one, keeping the few pages last used.  Search, category,
 * active/inactive and sort are applied in SQL; changing one re-counts and
 * replaces every item.  Costs are as the session may see them (0 with
 * cost-hidden otherwise).  Empty until the first crm_product_list_reload(). */
CrmProductList         *crm_product_list_new                (CrmStore                *store,
                                                             CrmSession              *session);
gboolean                crm_product_list_reload             (CrmProductList          *self,
                                                             GError                 **error);
const CrmProductFilter *crm_product_list_get_filter         (CrmProductList          *self);
gboolean                crm_product_list_set_filter         (CrmProductList          *self,
                                                             const CrmProductFilter  *filter,
                                                             GError                 **error);
gboolean                crm_product_list_set_search_text    (CrmProductList          *self,
                                                             const char              *text,
                                                             GError                 **error);
gboolean                crm_product_list_set_category       (CrmProductList          *self,
                                                             gint64                   category_id,
                                                             GError                 **error);
gboolean                crm_product_list_set_active         (CrmProductList          *self,
                                                             int                      active,
                                                             GError                 **error);
gboolean                crm_product_list_set_sort           (CrmProductList          *self,
                                                             CrmProductSort           sort,
                                                             gboolean                 ascending,
                                                             GError                 **error);
guint                   crm_product_list_get_pages_fetched  (CrmProductList          *self);

G_END_DECLS
