/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-interaction.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

gint64          crm_interaction_store_add                (CrmStore        *store,
                                                          CrmSession      *session,
                                                          CrmInteraction  *interaction,
                                                          GError         **error);
gboolean        crm_interaction_store_update             (CrmStore        *store,
                                                          CrmSession      *session,
                                                          CrmInteraction  *interaction,
                                                          GError         **error);
gboolean        crm_interaction_store_delete             (CrmStore        *store,
                                                          CrmSession      *session,
                                                          gint64           interaction_id,
                                                          GError         **error);
CrmInteraction *crm_interaction_store_get                (CrmStore        *store,
                                                          CrmSession      *session,
                                                          gint64           interaction_id,
                                                          GError         **error);
GPtrArray      *crm_interaction_store_list_for_customer  (CrmStore        *store,
                                                          CrmSession      *session,
                                                          gint64           customer_id,
                                                          guint            offset,
                                                          guint            limit,
                                                          GError         **error);
gint64          crm_interaction_store_count_for_customer (CrmStore        *store,
                                                          CrmSession      *session,
                                                          gint64           customer_id,
                                                          GError         **error);
GPtrArray      *crm_interaction_store_list_recent        (CrmStore        *store,
                                                          CrmSession      *session,
                                                          guint            limit,
                                                          GError         **error);

G_END_DECLS
