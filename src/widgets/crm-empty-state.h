/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_EMPTY_STATE (crm_empty_state_get_type ())

G_DECLARE_FINAL_TYPE (CrmEmptyState, crm_empty_state, CRM, EMPTY_STATE, GtkWidget)

void crm_empty_state_set_description (CrmEmptyState *self,
                                      const char    *description);
void crm_empty_state_set_note        (CrmEmptyState *self,
                                      const char    *note);

G_END_DECLS
