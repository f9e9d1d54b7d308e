/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-order-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_ORDER_LIST_ITEM (crm_order_list_item_get_type ())

G_DECLARE_FINAL_TYPE (CrmOrderListItem, crm_order_list_item, CRM, ORDER_LIST_ITEM, GObject)

/* One row of the orders page, its cells as shown: "code", "customer",
 * "date" and "promised" (dd/MM/yyyy), "status" (its label), "total"
 * ("1.234.567 ₫"), "owner", and "overdue" (promised before today and not
 * delivered or cancelled). */
gint64               crm_order_list_item_get_id       (CrmOrderListItem     *self);
const CrmOrderRow   *crm_order_list_item_get_row      (CrmOrderListItem     *self);
gboolean             crm_order_list_item_get_overdue  (CrmOrderListItem     *self);

#define CRM_TYPE_ORDER_LIST (crm_order_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmOrderList, crm_order_list, CRM, ORDER_LIST, GObject)

/* The orders page's rows as a lazy GListModel of CrmOrderListItem: it
 * counts what the filter gives and reads a page of rows from the store
 * when a view asks for one, keeping the few pages last used.  Empty until
 * the first crm_order_list_reload(). */
CrmOrderList         *crm_order_list_new               (CrmStore             *store,
                                                        CrmSession           *session);
gboolean              crm_order_list_reload            (CrmOrderList         *self,
                                                        GError              **error);
const CrmOrderFilter *crm_order_list_get_filter        (CrmOrderList         *self);
gboolean              crm_order_list_set_filter        (CrmOrderList         *self,
                                                        const CrmOrderFilter *filter,
                                                        GError              **error);
/* The business date overdue is measured against ("yyyy-MM-dd"); today by
 * default. */
void                  crm_order_list_set_today         (CrmOrderList         *self,
                                                        const char           *today);
guint                 crm_order_list_get_pages_fetched (CrmOrderList         *self);

G_END_DECLS
