/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, GtkApplicationWindow)

CrmWindow  *crm_window_new             (GtkApplication *application,
                                        CrmStore       *store,
                                        CrmSession     *session);
void        crm_window_show_section    (CrmWindow      *self,
                                        const char     *section);
const char *crm_window_get_section     (CrmWindow      *self);

G_END_DECLS
