/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CATEGORY_PANE (crm_category_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmCategoryPane, crm_category_pane, CRM, CATEGORY_PANE, GtkWidget)

GtkWidget *crm_category_pane_new             (CrmStore        *store,
                                              CrmSession      *session);
void       crm_category_pane_reload          (CrmCategoryPane *self);
gint64     crm_category_pane_get_selected_id (CrmCategoryPane *self);
GArray    *crm_category_pane_get_filter_ids  (CrmCategoryPane *self);

GtkStringList *crm_category_choices_new      (GPtrArray       *categories,
                                              const char      *none_label,
                                              gint64           exclude,
                                              GArray          *ids);

G_END_DECLS
