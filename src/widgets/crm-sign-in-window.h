/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_SIGN_IN_WINDOW (crm_sign_in_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmSignInWindow, crm_sign_in_window, CRM, SIGN_IN_WINDOW, GtkApplicationWindow)

GtkWidget *crm_sign_in_window_new (GtkApplication *application,
                                   CrmStore       *store,
                                   const char     *last_login);

G_END_DECLS
