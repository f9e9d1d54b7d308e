/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PRODUCT_DIALOG (crm_product_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmProductDialog, crm_product_dialog, CRM, PRODUCT_DIALOG, GtkWindow)

/* A modal form for product @product_id, or a new product when 0 (filed
 * in @category_id).  Emits "saved" with the product's id after a save;
 * a refusal shows in the form, which keeps what was typed.  Read only
 * for staff; the cost field only for users who may see costs. */
CrmProductDialog *crm_product_dialog_new (GtkWindow   *parent,
                                          CrmStore    *store,
                                          CrmSession  *session,
                                          gint64       product_id,
                                          gint64       category_id,
                                          GError     **error);

G_END_DECLS
