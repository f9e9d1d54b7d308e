/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-order.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_ORDER_WINDOW (crm_order_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmOrderWindow, crm_order_window, CRM, ORDER_WINDOW, GtkWindow)

/* An editor for @order (taken): a new one when its id is 0.  Emits
 * "saved" (gint64 id) after every successful save, delivery or
 * cancellation. */
CrmOrderWindow *crm_order_window_new (CrmStore   *store,
                                      CrmSession *session,
                                      CrmOrder   *order);

G_END_DECLS
