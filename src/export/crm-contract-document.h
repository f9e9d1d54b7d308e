/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-document.h"

G_BEGIN_DECLS

/* The printed contract (A4, by the renderer of crm-document.h): title
 * "HỢP ĐỒNG", both parties with their representatives, the lines, the
 * totals with VAT and the amount in words, the payment schedule, the
 * payment terms and terms, the signatures.  @revision 0 prints the
 * contract as it is now, else that saved version. */
CrmDocumentContent *crm_contract_document_content_new    (CrmStore     *store,
                                                          CrmSession   *session,
                                                          gint64        contract_id,
                                                          gint          revision,
                                                          GError      **error);
CrmDocumentLayout  *crm_document_layout_new_for_contract (CrmStore     *store,
                                                          CrmSession   *session,
                                                          gint64        contract_id,
                                                          gint          revision,
                                                          GError      **error);

G_END_DECLS
