/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PRICE_LIST_DIALOG (crm_price_list_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmPriceListDialog, crm_price_list_dialog, CRM, PRICE_LIST_DIALOG, GtkWindow)

/* A modal form for price list @price_list_id, or a new list when 0:
 * name, the customer category or tag it is for, first and last day,
 * switched on or off, and its prices (product code and price; a new
 * list takes prices once saved).  Emits "saved" with the list's id after
 * each change; a refusal shows in the form.  Read only for staff. */
CrmPriceListDialog *crm_price_list_dialog_new (GtkWindow   *parent,
                                              CrmStore    *store,
                                              CrmSession  *session,
                                              gint64       price_list_id,
                                              GError     **error);

G_END_DECLS
