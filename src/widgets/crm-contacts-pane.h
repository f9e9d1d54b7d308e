/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACTS_PANE (crm_contacts_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmContactsPane, crm_contacts_pane, CRM, CONTACTS_PANE, GtkWidget)

GtkWidget  *crm_contacts_pane_new          (CrmStore        *store,
                                            CrmSession      *session,
                                            gint64           customer_id);
gboolean    crm_contacts_pane_reload       (CrmContactsPane *self);
GListModel *crm_contacts_pane_get_contacts (CrmContactsPane *self);

G_END_DECLS
