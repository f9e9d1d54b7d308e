/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PROMOTION_DIALOG (crm_promotion_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmPromotionDialog, crm_promotion_dialog, CRM, PROMOTION_DIALOG, GtkWindow)

/* A modal form for promotion @promotion_id, or a new one when 0: name,
 * a product (by code) or a product category, every customer or one
 * customer category, a percentage or a fixed discount, first and last
 * day, switched on or off.  Emits "saved" with the promotion's id after
 * a save; a refusal shows in the form.  Read only for staff. */
CrmPromotionDialog *crm_promotion_dialog_new (GtkWindow   *parent,
                                             CrmStore    *store,
                                             CrmSession  *session,
                                             gint64       promotion_id,
                                             GError     **error);

G_END_DECLS
