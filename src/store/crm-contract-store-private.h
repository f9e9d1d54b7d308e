/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by crm-contract-store.c (reading, creating, saving, status) and
 * crm-contract-history.c (revisions, the end-date event, lists); nothing
 * else uses them. */

#include "crm-contract-store.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* The reading rule, for rows aliased k (contracts) and c (customers);
 * bind with _crm_store_bind_viewer(). */
#define CRM_VISIBLE_CONTRACT \
  "(c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", "k.owner_id") ")"

/* The contract with its lines and instalments if @session may read it,
 * else %CRM_STORE_ERROR_NOT_FOUND; @assigned_to (may be NULL) gets the
 * customer's assigned staff. */
CrmContract *_crm_contract_store_load_visible (CrmStore              *store,
                                               CrmSession            *session,
                                               gint64                 contract_id,
                                               gint64                *assigned_to,
                                               GError               **error);
/* Inserts the immutable snapshot of @contract's current revision. */
gboolean     _crm_contract_store_write_snapshot (CrmStore              *store,
                                                 CrmSession            *session,
                                                 const CrmContract     *contract,
                                                 const CrmQuoteTotals  *totals,
                                                 const char            *now,
                                                 GError               **error);
/* Makes, moves, closes or removes the contract's end-date event as its
 * status and end date say (see crm-contract-store.h). */
gboolean     _crm_contract_store_sync_end_event (CrmStore              *store,
                                                 CrmSession            *session,
                                                 const CrmContract     *contract,
                                                 GError               **error);

G_END_DECLS
