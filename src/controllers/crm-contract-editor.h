/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-contract.h"
#include "crm-quote-editor.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTRACT_LINE_ITEM       (crm_contract_line_item_get_type ())
#define CRM_TYPE_CONTRACT_INSTALMENT_ITEM (crm_contract_instalment_item_get_type ())
#define CRM_TYPE_CONTRACT_EDITOR          (crm_contract_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmContractLineItem, crm_contract_line_item, CRM, CONTRACT_LINE_ITEM, GObject)
G_DECLARE_FINAL_TYPE (CrmContractInstalmentItem, crm_contract_instalment_item, CRM, CONTRACT_INSTALMENT_ITEM, GObject)
G_DECLARE_FINAL_TYPE (CrmContractEditor, crm_contract_editor, CRM, CONTRACT_EDITOR, GObject)

/* The header fields a user types, by the name of their string property
 * ("title", "customer-rep", "customer-rep-title", "company-rep",
 * "company-rep-title", "signed-on", "starts-on", "ends-on",
 * "payment-terms", "terms"; errors "<name>-error").  Dates are typed
 * dd/MM/yyyy. */
typedef enum
{
  CRM_CONTRACT_EDITOR_FIELD_TITLE,
  CRM_CONTRACT_EDITOR_FIELD_CUSTOMER_REP,
  CRM_CONTRACT_EDITOR_FIELD_CUSTOMER_REP_TITLE,
  CRM_CONTRACT_EDITOR_FIELD_COMPANY_REP,
  CRM_CONTRACT_EDITOR_FIELD_COMPANY_REP_TITLE,
  CRM_CONTRACT_EDITOR_FIELD_SIGNED_ON,
  CRM_CONTRACT_EDITOR_FIELD_STARTS_ON,
  CRM_CONTRACT_EDITOR_FIELD_ENDS_ON,
  CRM_CONTRACT_EDITOR_FIELD_PAYMENT_TERMS,
  CRM_CONTRACT_EDITOR_FIELD_TERMS,
  CRM_CONTRACT_EDITOR_N_FIELDS
} CrmContractEditorField;

/* The cells of an instalment, by the name of the instalment item's
 * string property ("due-on", "amount", "note", "paid-on"; errors
 * "<name>-error"); the item also has a boolean "paid".  Dates typed
 * dd/MM/yyyy, amounts "1.200.000". */
typedef enum
{
  CRM_CONTRACT_INSTALMENT_CELL_DUE_ON,
  CRM_CONTRACT_INSTALMENT_CELL_AMOUNT,
  CRM_CONTRACT_INSTALMENT_CELL_NOTE,
  CRM_CONTRACT_INSTALMENT_CELL_PAID_ON,
  CRM_CONTRACT_INSTALMENT_N_CELLS
} CrmContractInstalmentCell;

/* How many changes undo goes back at most. */
#define CRM_CONTRACT_EDITOR_MAX_UNDO 200

/* A line of the editor's lines model, for one row of a GtkColumnView.
 * The cells are a quote line's (CrmQuoteCell, same property names:
 * "description", "unit", "quantity", "unit-price", "discount",
 * "vat-rate", "amount-text", errors "<name>-error"; override-reason is
 * not used by contracts) plus "product-id" and the net "amount".
 * Setting a text property edits the line through the editor (one undo
 * step; a refusal goes to the editor's "message"). */
gint64          crm_contract_line_item_get_product_id (CrmContractLineItem *self);
const char     *crm_contract_line_item_get_text       (CrmContractLineItem *self,
                                                       CrmQuoteCell         cell);
const char     *crm_contract_line_item_get_error      (CrmContractLineItem *self,
                                                       CrmQuoteCell         cell);
gboolean        crm_contract_line_item_set_text       (CrmContractLineItem *self,
                                                       CrmQuoteCell         cell,
                                                       const char          *text,
                                                       GError             **error);
gint64          crm_contract_line_item_get_amount     (CrmContractLineItem *self);

/* An instalment of the editor's schedule model; same conventions. */
const char     *crm_contract_instalment_item_get_text  (CrmContractInstalmentItem  *self,
                                                        CrmContractInstalmentCell   cell);
const char     *crm_contract_instalment_item_get_error (CrmContractInstalmentItem  *self,
                                                        CrmContractInstalmentCell   cell);
gboolean        crm_contract_instalment_item_set_text  (CrmContractInstalmentItem  *self,
                                                        CrmContractInstalmentCell   cell,
                                                        const char                 *text,
                                                        GError                    **error);
gboolean        crm_contract_instalment_item_get_paid  (CrmContractInstalmentItem  *self);
gboolean        crm_contract_instalment_item_set_paid  (CrmContractInstalmentItem  *self,
                                                        gboolean                    paid,
                                                        GError                    **error);

/* An editor works on a draft contract, as CrmQuoteEditor does: header
 * fields, lines and instalments as typed, each change re-validated
 * (per-field and per-cell errors), totals and the amount in words
 * recomputed, "dirty" and "can-save" updated, the draft before the change
 * kept for undo.  A locked contract (completed, cancelled, expired) is
 * read only: every change is refused with %CRM_PERMISSION_ERROR (marking
 * instalments paid aside, on a completed or expired one).
 *
 * Properties (read only, notified on change): "id", "code", "status"
 * (CrmContractStatus), "status-label", "revision", "customer-id",
 * "customer-name", "quote-id", "quote-code", "lines", "instalments"
 * (GListModel), "subtotal", "discount-total", "vat-total", "grand-total"
 * (gint64 đồng; "grand-total" is the contract's value),
 * "instalments-total", "unscheduled" (value less instalments),
 * "schedule-error" (text: why the schedule does not match the value, or
 * NULL), "amount-in-words", "dirty", "can-save", "can-undo", "can-redo",
 * "read-only", "can-activate", "can-complete", "can-cancel", "message". */
CrmContractEditor *crm_contract_editor_new                (CrmStore           *store,
                                                           CrmSession         *session);
gboolean        crm_contract_editor_load                  (CrmContractEditor  *self,
                                                           gint64              contract_id,
                                                           GError            **error);
/* A new draft for a customer @session sees; the company representative
 * is the signed-in user, the start date today. */
gboolean        crm_contract_editor_start_new             (CrmContractEditor  *self,
                                                           gint64              customer_id,
                                                           GError            **error);
/* A new draft from an accepted quote (crm_contract_store_draft_from_quote()).
 * When the quote already has a contract and not @allow_another, refused
 * with %CRM_STORE_ERROR_EXISTS: ask the user and call again with TRUE. */
gboolean        crm_contract_editor_start_from_quote      (CrmContractEditor  *self,
                                                           gint64              quote_id,
                                                           gboolean            allow_another,
                                                           GError            **error);

/* The draft as it stands, lines and instalments with a wrong cell at
 * their last valid value. */
const CrmContract *crm_contract_editor_get_contract       (CrmContractEditor  *self);
gint64          crm_contract_editor_get_id                (CrmContractEditor  *self);
CrmContractStatus crm_contract_editor_get_status          (CrmContractEditor  *self);
gint            crm_contract_editor_get_revision          (CrmContractEditor  *self);
gboolean        crm_contract_editor_get_read_only         (CrmContractEditor  *self);
gboolean        crm_contract_editor_get_dirty             (CrmContractEditor  *self);
gboolean        crm_contract_editor_get_can_save          (CrmContractEditor  *self);
gboolean        crm_contract_editor_get_can_undo          (CrmContractEditor  *self);
gboolean        crm_contract_editor_get_can_redo          (CrmContractEditor  *self);
gboolean        crm_contract_editor_get_can_activate      (CrmContractEditor  *self);
/* The last refusal or failure, for a message bar; NULL after a success. */
const char     *crm_contract_editor_get_message           (CrmContractEditor  *self);

/* Header. */
gboolean        crm_contract_editor_set_field             (CrmContractEditor      *self,
                                                           CrmContractEditorField  field,
                                                           const char             *text,
                                                           GError                **error);
const char     *crm_contract_editor_get_field             (CrmContractEditor      *self,
                                                           CrmContractEditorField  field);
const char     *crm_contract_editor_get_field_error       (CrmContractEditor      *self,
                                                           CrmContractEditorField  field);

/* Lines.  Positions are 0-based; -1 adds first. */
GListModel     *crm_contract_editor_get_lines             (CrmContractEditor  *self);
gint            crm_contract_editor_add_line_after        (CrmContractEditor  *self,
                                                           gint                position,
                                                           GError            **error);
/* A line for a product at its list price and VAT rate. */
gint            crm_contract_editor_add_product_line      (CrmContractEditor  *self,
                                                           gint                after,
                                                           gint64              product_id,
                                                           GError            **error);
gboolean        crm_contract_editor_remove_line           (CrmContractEditor  *self,
                                                           guint               position,
                                                           GError            **error);
gboolean        crm_contract_editor_set_cell              (CrmContractEditor  *self,
                                                           guint               position,
                                                           CrmQuoteCell        cell,
                                                           const char         *text,
                                                           GError            **error);
const char     *crm_contract_editor_get_cell              (CrmContractEditor  *self,
                                                           guint               position,
                                                           CrmQuoteCell        cell);
const char     *crm_contract_editor_get_cell_error        (CrmContractEditor  *self,
                                                           guint               position,
                                                           CrmQuoteCell        cell);

/* Instalments.  Positions are 0-based.  A new instalment is due on the
 * day after the previous one's due date (the start date for the first)
 * for what the schedule still lacks of the value. */
GListModel     *crm_contract_editor_get_instalments       (CrmContractEditor  *self);
gint            crm_contract_editor_add_instalment        (CrmContractEditor  *self,
                                                           GError            **error);
gboolean        crm_contract_editor_remove_instalment     (CrmContractEditor  *self,
                                                           guint               position,
                                                           GError            **error);
gboolean        crm_contract_editor_set_instalment_cell   (CrmContractEditor          *self,
                                                           guint                       position,
                                                           CrmContractInstalmentCell   cell,
                                                           const char                 *text,
                                                           GError                    **error);
const char     *crm_contract_editor_get_instalment_cell   (CrmContractEditor          *self,
                                                           guint                       position,
                                                           CrmContractInstalmentCell   cell);
const char     *crm_contract_editor_get_instalment_error  (CrmContractEditor          *self,
                                                           guint                       position,
                                                           CrmContractInstalmentCell   cell);
/* Paid today (or unpaid) in the draft; saved with the contract. */
gboolean        crm_contract_editor_set_instalment_paid   (CrmContractEditor  *self,
                                                           guint               position,
                                                           gboolean            paid,
                                                           GError            **error);

/* Totals of the draft's lines (lines left blank do not count). */
const CrmQuoteTotals *crm_contract_editor_get_totals      (CrmContractEditor  *self);
const char     *crm_contract_editor_get_amount_in_words   (CrmContractEditor  *self);
gint64          crm_contract_editor_get_instalments_total (CrmContractEditor  *self);
/* Why the schedule does not add up to the value, or NULL. */
const char     *crm_contract_editor_get_schedule_error    (CrmContractEditor  *self);

/* Undo and redo. */
gboolean        crm_contract_editor_undo                  (CrmContractEditor  *self,
                                                           GError            **error);
gboolean        crm_contract_editor_redo                  (CrmContractEditor  *self,
                                                           GError            **error);
gboolean        crm_contract_editor_revert                (CrmContractEditor  *self,
                                                           GError            **error);

/* Store actions.  Activating, completing and cancelling save pending
 * changes first. */
gboolean        crm_contract_editor_save                  (CrmContractEditor  *self,
                                                           GError            **error);
gboolean        crm_contract_editor_activate              (CrmContractEditor  *self,
                                                           GError            **error);
gboolean        crm_contract_editor_complete              (CrmContractEditor  *self,
                                                           GError            **error);
gboolean        crm_contract_editor_cancel                (CrmContractEditor  *self,
                                                           GError            **error);

/* Revisions: (transfer full) (element-type CrmContractRevision), v1 first. */
GPtrArray      *crm_contract_editor_list_revisions        (CrmContractEditor  *self,
                                                           GError            **error);
/* Line by line from @old_revision to @new_revision; 0 for either is the
 * draft as it stands.
 * Returns: (transfer full) (element-type CrmQuoteLineDiff) */
GPtrArray      *crm_contract_editor_diff_revisions        (CrmContractEditor  *self,
                                                           gint                old_revision,
                                                           gint                new_revision,
                                                           GError            **error);

G_END_DECLS
