/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* What printing a document (quote, contract, order) needs from the store:
 * the right to print, the audit row, and finding a document by its code. */

gboolean crm_document_store_check_may_print (CrmStore     *store,
                                             CrmSession   *session,
                                             GError      **error);
gboolean crm_document_store_audit_print     (CrmStore     *store,
                                             CrmSession   *session,
                                             const char   *entity,
                                             gint64        entity_id,
                                             gint          revision,
                                             const char   *destination,
                                             GError      **error);
gint64   crm_document_store_find_quote      (CrmStore     *store,
                                             CrmSession   *session,
                                             const char   *code,
                                             GError      **error);

gint64   crm_document_store_find            (CrmStore     *store,
                                             CrmSession   *session,
                                             const char   *code,
                                             const char  **kind,
                                             GError      **error);

G_END_DECLS
