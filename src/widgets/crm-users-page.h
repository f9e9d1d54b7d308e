/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_USERS_PAGE (crm_users_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmUsersPage, crm_users_page, CRM, USERS_PAGE, GtkWidget)

GtkWidget *crm_users_page_new    (CrmStore     *store,
                                  CrmSession   *session);
void       crm_users_page_reload (CrmUsersPage *self);

G_END_DECLS
