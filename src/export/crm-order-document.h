/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-document.h"

G_BEGIN_DECLS

CrmDocumentContent *crm_order_document_content_new    (CrmStore     *store,
                                                       CrmSession   *session,
                                                       gint64        order_id,
                                                       GError      **error);
CrmDocumentLayout  *crm_document_layout_new_for_order (CrmStore     *store,
                                                       CrmSession   *session,
                                                       gint64        order_id,
                                                       GError      **error);

G_END_DECLS
