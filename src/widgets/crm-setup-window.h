/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_SETUP_WINDOW (crm_setup_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmSetupWindow, crm_setup_window, CRM, SETUP_WINDOW, GtkApplicationWindow)

GtkWidget *crm_setup_window_new (GtkApplication *application,
                                 CrmStore       *store);

G_END_DECLS
