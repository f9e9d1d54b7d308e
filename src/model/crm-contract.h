/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-quote.h"

G_BEGIN_DECLS

/* Contracts (hợp đồng) as plain data, with the pure rules an editor and
 * the store share: validation, activation, status moves, totals, "what
 * changed" and the immutable snapshot text.
 *
 * A contract's lines are quote lines (CrmQuoteLine: the same columns,
 * the same rounding): crm_contract_compute_totals() runs
 * crm_quote_compute_totals() over them, so a contract made from a quote
 * totals to the đồng what the quote did.  The contract's value is its
 * grand total (VAT included); the payment schedule (instalments) must add
 * up to exactly that value before the contract is activated.
 *
 * Units and dates as for quotes: money gint64 đồng, rates basis points,
 * quantities thousandths, dates ISO "yyyy-MM-dd" once validated,
 * timestamps ISO-8601 UTC.  Ids of 0 mean "none".
 *
 * Life of a contract: draft → active (signed: needs the signing date and
 * a schedule adding up to the value) → completed or cancelled; a draft
 * may be cancelled too; an active contract whose end date has passed
 * becomes expired (crm_contract_store_expire_due()).  Completed,
 * cancelled and expired contracts are locked: their content no longer
 * changes (instalments may still be marked paid on a completed or
 * expired one: money comes in late). */

/* How many days before its end date a contract's owner is reminded. */
#define CRM_CONTRACT_END_REMINDER_DAYS 30

typedef enum
{
  CRM_CONTRACT_STATUS_DRAFT,
  CRM_CONTRACT_STATUS_ACTIVE,
  CRM_CONTRACT_STATUS_COMPLETED,
  CRM_CONTRACT_STATUS_CANCELLED,
  CRM_CONTRACT_STATUS_EXPIRED,
} CrmContractStatus;

#define CRM_CONTRACT_N_STATUSES (CRM_CONTRACT_STATUS_EXPIRED + 1)

#define CRM_TYPE_CONTRACT_STATUS     (crm_contract_status_get_type ())
#define CRM_TYPE_CONTRACT_INSTALMENT (crm_contract_instalment_get_type ())
#define CRM_TYPE_CONTRACT            (crm_contract_get_type ())
#define CRM_TYPE_CONTRACT_REVISION   (crm_contract_revision_get_type ())
#define CRM_TYPE_CONTRACT_ROW        (crm_contract_row_get_type ())

/* One payment of the schedule.  A due date outside the contract's
 * start..end needs a note saying why.  paid_on is set while paid (the
 * store defaults it to the day it is marked) and NULL otherwise.  id is
 * kept by the store across saves. */
typedef struct
{
  gint64    id;
  char     *due_on;
  gint64    amount;
  gboolean  paid;
  char     *paid_on;
  char     *note;
} CrmContractInstalment;

/* A contract, its lines and its payment schedule.  The fields after
 * row_version are filled in by the store when it reads and ignored when
 * it writes; code, status and revision change only through the store's
 * actions.  row_version is the version the contract was read at: saving
 * over a newer one is refused. */
typedef struct
{
  gint64             id;
  char              *code;                /* "HĐ-2026-0012" */
  gint64             customer_id;
  gint64             quote_id;            /* the quote it was made from, or 0 */
  gint64             owner_id;
  CrmContractStatus  status;
  gint               revision;            /* 1, 2, …; a new one per saved change once active */
  char              *title;
  char              *customer_rep;        /* who signs for the customer */
  char              *customer_rep_title;
  char              *company_rep;         /* who signs for the company */
  char              *company_rep_title;
  char              *signed_on;
  char              *starts_on;
  char              *ends_on;
  char              *payment_terms;
  char              *terms;
  GPtrArray         *lines;               /* CrmQuoteLine, in document order */
  GPtrArray         *instalments;         /* CrmContractInstalment, in schedule order */
  gint64             row_version;

  gint64             value;               /* grand total as last saved */
  gint64             vat_total;           /* VAT as last saved */
  char              *quote_code;
  char              *customer_code;
  char              *customer_name;
  char              *owner_name;
  char              *created_at;
  char              *updated_at;
} CrmContract;

/* One immutable saved version: its number, who saved it and when, the
 * value recorded with it, the snapshot text as stored and the contract
 * read back from it. */
typedef struct
{
  gint          revision;
  char         *created_at;
  gint64        created_by;
  char         *created_by_name;
  gint64        value;
  char         *snapshot;
  CrmContract  *contract;
} CrmContractRevision;

/* One row of a list of contracts. */
typedef struct
{
  gint64             id;
  char              *code;
  gint64             customer_id;
  char              *customer_code;
  char              *customer_name;
  gint64             owner_id;
  char              *owner_name;
  CrmContractStatus  status;
  gint               revision;
  char              *title;
  char              *signed_on;
  char              *starts_on;
  char              *ends_on;
  gint64             value;
  gint64             paid_total;          /* sum of the instalments paid */
} CrmContractRow;

GType                  crm_contract_status_get_type      (void) G_GNUC_CONST;
GType                  crm_contract_instalment_get_type  (void) G_GNUC_CONST;
GType                  crm_contract_get_type             (void) G_GNUC_CONST;
GType                  crm_contract_revision_get_type    (void) G_GNUC_CONST;
GType                  crm_contract_row_get_type         (void) G_GNUC_CONST;

/* "draft", "active", … as the database stores them; NULL for no status. */
const char            *crm_contract_status_to_string     (CrmContractStatus  status);
gboolean               crm_contract_status_from_string   (const char        *text,
                                                          CrmContractStatus *status);
/* Translated: "Draft", "Active", "Completed", "Cancelled", "Expired". */
const char            *crm_contract_status_label         (CrmContractStatus  status);
/* Completed, cancelled and expired contracts no longer change. */
gboolean               crm_contract_status_is_locked     (CrmContractStatus  status);
/* The moves a user may make: draft → active, draft → cancelled,
 * active → completed, active → cancelled (active → expired is the
 * store's own, by date). */
gboolean               crm_contract_status_can_become    (CrmContractStatus  from,
                                                          CrmContractStatus  to);

CrmContractInstalment *crm_contract_instalment_new       (void);
CrmContractInstalment *crm_contract_instalment_copy      (const CrmContractInstalment *self);
void                   crm_contract_instalment_free      (CrmContractInstalment       *self);

/* A new draft: revision 1, no lines, no instalments, no dates. */
CrmContract           *crm_contract_new                  (void);
CrmContract           *crm_contract_copy                 (const CrmContract *self);
void                   crm_contract_free                 (CrmContract       *self);
/* Appends @line (taking it) and returns it. */
CrmQuoteLine          *crm_contract_add_line             (CrmContract       *self,
                                                          CrmQuoteLine      *line);
/* Appends @instalment (taking it) and returns it. */
CrmContractInstalment *crm_contract_add_instalment       (CrmContract       *self,
                                                          CrmContractInstalment *instalment);

/* Checks what a user typed and normalises it in place: dates to ISO,
 * texts trimmed (empty optional ones to NULL).  The customer is required;
 * the end date may not be before the start date; every line must be valid
 * (crm_quote_line_validate()) and the totals within
 * CRM_QUOTE_MAX_AMOUNT; every instalment needs a due date and a positive
 * amount, a paid one a valid payment date (the due date when none), and a
 * due date outside start..end a note explaining it. */
gboolean               crm_contract_validate             (CrmContract       *self,
                                                          GError           **error);
/* What activation needs besides crm_contract_validate(): the signing
 * date, at least one line, and instalments adding up to exactly the
 * grand total.  %CRM_VALIDATION_ERROR with a message naming the gap. */
gboolean               crm_contract_check_activation     (const CrmContract *self,
                                                          GError           **error);
/* Totals of the lines by the quote rules (crm_quote_compute_totals()). */
gboolean               crm_contract_compute_totals       (const CrmContract *self,
                                                          CrmQuoteTotals    *totals,
                                                          GError           **error);
/* Sum of the instalments' amounts, and of those paid. */
gint64                 crm_contract_instalments_total    (const CrmContract *self);
gint64                 crm_contract_paid_total           (const CrmContract *self);
/* TRUE when the two have the same header, lines and schedule (due dates,
 * amounts, notes); payments (paid, paid_on) are not content. */
gboolean               crm_contract_same_content         (const CrmContract *a,
                                                          const CrmContract *b);
/* TRUE when the instalments are the same with the same payments. */
gboolean               crm_contract_same_payments        (const CrmContract *a,
                                                          const CrmContract *b);
/* Line by line from @old_contract to @new_contract, as crm_quote_diff_lines().
 * Returns: (transfer full) (element-type CrmQuoteLineDiff) */
GPtrArray             *crm_contract_diff_lines           (const CrmContract *old_contract,
                                                          const CrmContract *new_contract);
/* "Payment 1: 50.000.000 ₫ due 01/02/2026, paid 03/02/2026" per line, for
 * the audit trail and the printed schedule. */
char                  *crm_contract_instalments_summary  (const CrmContract *self);

/* The immutable text of a saved version (contract_revisions.snapshot): a
 * GKeyFile ("[contract]" with the header and the totals, "[line N]",
 * "[instalment N]"), stable for the same contract.  Reading also takes
 * the JSON form the demo data writes (lines and customer only).
 * %NULL with %CRM_STORE_ERROR_CORRUPT when @text is neither. */
char                  *crm_contract_snapshot_write       (const CrmContract    *contract,
                                                          const CrmQuoteTotals *totals);
CrmContract           *crm_contract_snapshot_read        (const char           *text,
                                                          GError              **error);

CrmContractRevision   *crm_contract_revision_copy        (const CrmContractRevision *self);
void                   crm_contract_revision_free        (CrmContractRevision       *self);
CrmContractRow        *crm_contract_row_copy             (const CrmContractRow      *self);
void                   crm_contract_row_free             (CrmContractRow            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContractInstalment, crm_contract_instalment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContract, crm_contract_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContractRevision, crm_contract_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContractRow, crm_contract_row_free)

G_END_DECLS
