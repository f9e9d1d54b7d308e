/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-contract.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Contracts in the database: codes HĐ-YYYY-NNNN (per year of creation),
 * lines, payment schedule, revisions, the end-date reminder in the
 * owner's calendar, search documents, audit rows.
 *
 * Who: read by whoever sees the customer (CRM_VISIBLE_CUSTOMER) and the
 * owner's transactions (CRM_VISIBLE_TRANSACTION), exactly as quotes;
 * refused reads look like missing contracts (%CRM_STORE_ERROR_NOT_FOUND).
 * Staff change their own contracts and those of the customers assigned
 * to them; managers and administrators any contract they see.
 *
 * Every change is one transaction with its audit rows (entity
 * "contract").  Once active, every saved change of content makes a new
 * revision with its immutable snapshot; activation keeps revision 1.
 * When a contract becomes active with an end date, or the end date of an
 * active contract changes, its 'deadline' event (events.contract_id) is
 * made or moved to that day, owned by the contract's owner, with a
 * reminder CRM_CONTRACT_END_REMINDER_DAYS days before. */

/* Columns a list of contracts sorts by; every order ends on the code. */
typedef enum
{
  CRM_CONTRACT_SORT_CODE,       /* year, then number */
  CRM_CONTRACT_SORT_SIGNED_ON,  /* unsigned last when ascending */
  CRM_CONTRACT_SORT_ENDS_ON,
  CRM_CONTRACT_SORT_VALUE,
  CRM_CONTRACT_SORT_STATUS,     /* draft, active, completed, cancelled, expired */
} CrmContractSort;

#define CRM_CONTRACT_SORT_N (CRM_CONTRACT_SORT_STATUS + 1)

/* A new draft (not saved) made from an accepted quote @session may see:
 * customer, lines (without ids), terms, quote_id; title, representatives
 * (the quote's contact, the signed-in user) and dates left for the user.
 * %CRM_VALIDATION_ERROR unless the quote is accepted. */
CrmContract         *crm_contract_store_draft_from_quote  (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           quote_id,
                                                           GError         **error);
/* How many contracts were made from the quote (whoever may read them). */
gint64               crm_contract_store_count_for_quote   (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           quote_id,
                                                           GError         **error);
/* @contract: (inout): the new contract (id 0), validated and normalised;
 * on success it gets its id, code, line and instalment ids, owner (the
 * signed-in user), status draft, revision 1, value; on failure it is
 * left as it was.  With quote_id set, the quote must be an accepted one
 * @session sees, and, unless @allow_another, have no contract yet
 * (%CRM_STORE_ERROR_EXISTS: ask the user, then call again with TRUE).
 * Returns: the new id, or 0 on error. */
gint64               crm_contract_store_create            (CrmStore        *store,
                                                           CrmSession      *session,
                                                           CrmContract     *contract,
                                                           gboolean         allow_another,
                                                           GError         **error);
/* crm_contract_store_draft_from_quote() then crm_contract_store_create().
 * Returns: the new id, or 0 on error. */
gint64               crm_contract_store_create_from_quote (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           quote_id,
                                                           gboolean         allow_another,
                                                           GError         **error);
/* Returns: (transfer full): the contract with lines, instalments and
 * names, or %NULL with %CRM_STORE_ERROR_NOT_FOUND. */
CrmContract         *crm_contract_store_get               (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           contract_id,
                                                           GError         **error);
/* @contract: (inout): the edited contract with the row_version it was
 * read at; on success it gets the new row_version, revision, value and
 * ids.  Refused: a locked contract (%CRM_PERMISSION_ERROR), someone
 * saved since (%CRM_STORE_ERROR_CONFLICT), bad input
 * (%CRM_VALIDATION_ERROR; an active contract must still pass
 * crm_contract_check_activation()).  Saving an unchanged contract
 * writes nothing. */
gboolean             crm_contract_store_save              (CrmStore        *store,
                                                           CrmSession      *session,
                                                           CrmContract     *contract,
                                                           GError         **error);
/* Status moves (crm_contract_status_can_become()); activation checks
 * crm_contract_check_activation(), writes revision 1's snapshot and the
 * end-date event.  Cancelling or completing closes that event. */
gboolean             crm_contract_store_activate          (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           contract_id,
                                                           GError         **error);
gboolean             crm_contract_store_complete          (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           contract_id,
                                                           GError         **error);
gboolean             crm_contract_store_cancel            (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           contract_id,
                                                           GError         **error);
/* @today: "yyyy-MM-dd" or "dd/MM/yyyy".  Every active contract whose end
 * date is before @today becomes expired (an office rule: all contracts,
 * whoever sees them), one audit row each.
 * Returns: how many expired, or -1 on error. */
gint                 crm_contract_store_expire_due        (CrmStore        *store,
                                                           CrmSession      *session,
                                                           const char      *today,
                                                           GError         **error);
/* Marks one instalment paid on @paid_on ("yyyy-MM-dd" or "dd/MM/yyyy";
 * NULL for today) or unpaid.  Refused on a draft or cancelled contract.
 * No new revision: a payment is not a change of the contract. */
gboolean             crm_contract_store_set_instalment_paid (CrmStore      *store,
                                                             CrmSession    *session,
                                                             gint64         contract_id,
                                                             gint64         instalment_id,
                                                             gboolean       paid,
                                                             const char    *paid_on,
                                                             GError       **error);

/* Returns: (transfer full) (element-type CrmContractRevision): v1 first. */
GPtrArray           *crm_contract_store_list_revisions    (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           contract_id,
                                                           GError         **error);
CrmContractRevision *crm_contract_store_get_revision      (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           contract_id,
                                                           gint             revision,
                                                           GError         **error);
/* Line by line from @old_revision to @new_revision; 0 for either is the
 * contract as it is now.
 * Returns: (transfer full) (element-type CrmQuoteLineDiff) */
GPtrArray           *crm_contract_store_diff_revisions    (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           contract_id,
                                                           gint             old_revision,
                                                           gint             new_revision,
                                                           GError         **error);

/* Returns: (transfer full) (element-type CrmContractRow): the customer's
 * contracts @session reads, newest first; %CRM_PERMISSION_ERROR when the
 * customer is not visible. */
GPtrArray           *crm_contract_store_list_for_customer (CrmStore        *store,
                                                           CrmSession      *session,
                                                           gint64           customer_id,
                                                           GError         **error);
/* A lazy list: @status a #CrmContractStatus or -1 for any; @search NULL
 * or "" for all, else words matched (tones and case aside, prefixes) on
 * the code and the customer's name and code.
 * Returns: the count, or -1 on error. */
gint64               crm_contract_store_count             (CrmStore        *store,
                                                           CrmSession      *session,
                                                           int              status,
                                                           const char      *search,
                                                           GError         **error);
/* Returns: (transfer full) (element-type CrmContractRow): one page. */
GPtrArray           *crm_contract_store_fetch             (CrmStore        *store,
                                                           CrmSession      *session,
                                                           int              status,
                                                           const char      *search,
                                                           CrmContractSort  sort,
                                                           gboolean         ascending,
                                                           guint            offset,
                                                           guint            limit,
                                                           GError         **error);

G_END_DECLS
