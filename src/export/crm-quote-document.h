/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-document.h"

G_BEGIN_DECLS

CrmDocumentContent *crm_quote_document_content_new (CrmStore     *store,
                                                    CrmSession   *session,
                                                    gint64        quote_id,
                                                    gint          revision,
                                                    GError      **error);

G_END_DECLS
