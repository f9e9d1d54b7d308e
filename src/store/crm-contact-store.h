/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-contact.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

GPtrArray  *crm_contact_store_list_for_customer (CrmStore     *store,
                                                 CrmSession   *session,
                                                 gint64        customer_id,
                                                 GError      **error);
CrmContact *crm_contact_store_get               (CrmStore     *store,
                                                 CrmSession   *session,
                                                 gint64        contact_id,
                                                 GError      **error);
gint64      crm_contact_store_create            (CrmStore     *store,
                                                 CrmSession   *session,
                                                 CrmContact   *contact,
                                                 GError      **error);
gboolean    crm_contact_store_update            (CrmStore     *store,
                                                 CrmSession   *session,
                                                 CrmContact   *contact,
                                                 GError      **error);
gboolean    crm_contact_store_delete            (CrmStore     *store,
                                                 CrmSession   *session,
                                                 gint64        contact_id,
                                                 GError      **error);

/* For the store: FALSE with %CRM_PERMISSION_ERROR_DENIED unless the
 * customer exists, is not merged and @session may see it; its name and
 * code on success (either out argument may be NULL). */
gboolean    _crm_contact_store_require_customer (CrmStore     *store,
                                                 CrmSession   *session,
                                                 gint64        customer_id,
                                                 char        **full_name,
                                                 char        **code,
                                                 GError      **error);

G_END_DECLS
