/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-quote.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_QUOTE_LINE_ITEM (crm_quote_line_item_get_type ())
#define CRM_TYPE_QUOTE_EDITOR    (crm_quote_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmQuoteLineItem, crm_quote_line_item, CRM, QUOTE_LINE_ITEM, GObject)
G_DECLARE_FINAL_TYPE (CrmQuoteEditor, crm_quote_editor, CRM, QUOTE_EDITOR, GObject)

/* The header fields a user types, by the name of their string property
 * ("issue-date", "valid-until", "terms", "notes"; errors "<name>-error").
 * Dates are typed dd/MM/yyyy. */
typedef enum
{
  CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE,
  CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL,
  CRM_QUOTE_EDITOR_FIELD_TERMS,
  CRM_QUOTE_EDITOR_FIELD_NOTES,
  CRM_QUOTE_EDITOR_N_FIELDS
} CrmQuoteEditorField;

/* The cells of a line, by the name of the line item's string property
 * ("description", "unit", "quantity", "unit-price", "discount", "vat-rate",
 * "override-reason", "amount-text"; errors "<name>-error", the amount's
 * "amount-error").  Quantities are typed "2" or "1,5", prices "1.200.000",
 * rates "10" or "12,5 %".  The amount (the line's net) is read only. */
typedef enum
{
  CRM_QUOTE_CELL_DESCRIPTION,
  CRM_QUOTE_CELL_UNIT,
  CRM_QUOTE_CELL_QUANTITY,
  CRM_QUOTE_CELL_UNIT_PRICE,
  CRM_QUOTE_CELL_DISCOUNT,
  CRM_QUOTE_CELL_VAT_RATE,
  CRM_QUOTE_CELL_OVERRIDE_REASON,
  CRM_QUOTE_CELL_AMOUNT,
  CRM_QUOTE_N_CELLS
} CrmQuoteCell;

/* How many changes undo goes back at most. */
#define CRM_QUOTE_EDITOR_MAX_UNDO 200

/* A line of the editor's GListModel, for one row of a GtkColumnView: the
 * text of every cell as shown (as typed when it is wrong), its error, the
 * line's net amount and where its price came from.  Setting a text
 * property edits the line through the editor (one undo step; a refusal
 * goes to the editor's "message"). */
gint64          crm_quote_line_item_get_product_id   (CrmQuoteLineItem    *self);
const char     *crm_quote_line_item_get_text         (CrmQuoteLineItem    *self,
                                                      CrmQuoteCell         cell);
const char     *crm_quote_line_item_get_error        (CrmQuoteLineItem    *self,
                                                      CrmQuoteCell         cell);
gboolean        crm_quote_line_item_set_text         (CrmQuoteLineItem    *self,
                                                      CrmQuoteCell         cell,
                                                      const char          *text,
                                                      GError             **error);
gint64          crm_quote_line_item_get_amount       (CrmQuoteLineItem    *self);
const char     *crm_quote_line_item_get_price_source (CrmQuoteLineItem    *self);
gboolean        crm_quote_line_item_get_overridden   (CrmQuoteLineItem    *self);

/* An editor works on a draft quote: header fields and lines as typed, each
 * change re-validated (per-field and per-cell errors), the totals and the
 * amount in words recomputed, "dirty" and "can-save" updated, and the
 * draft before the change kept for undo.  Every change a user makes is
 * one undo step; an accepted quote is locked and every change is refused
 * with %CRM_PERMISSION_ERROR. */
CrmQuoteEditor *crm_quote_editor_new                 (CrmStore            *store,
                                                      CrmSession          *session);
gboolean        crm_quote_editor_load                (CrmQuoteEditor      *self,
                                                      gint64               quote_id,
                                                      GError             **error);
gboolean        crm_quote_editor_start_new           (CrmQuoteEditor      *self,
                                                      gint64               customer_id,
                                                      gint64               contact_id,
                                                      gint64               opportunity_id,
                                                      GError             **error);

/* The draft as it stands, lines with a wrong cell at their last valid value. */
const CrmQuote *crm_quote_editor_get_quote           (CrmQuoteEditor      *self);
gint64          crm_quote_editor_get_id              (CrmQuoteEditor      *self);
CrmQuoteStatus  crm_quote_editor_get_status          (CrmQuoteEditor      *self);
gint            crm_quote_editor_get_revision        (CrmQuoteEditor      *self);
gboolean        crm_quote_editor_get_read_only       (CrmQuoteEditor      *self);
gboolean        crm_quote_editor_get_dirty           (CrmQuoteEditor      *self);
gboolean        crm_quote_editor_get_can_save        (CrmQuoteEditor      *self);
gboolean        crm_quote_editor_get_can_undo        (CrmQuoteEditor      *self);
gboolean        crm_quote_editor_get_can_redo        (CrmQuoteEditor      *self);
/* The last refusal or failure, for a message bar; NULL after a success. */
const char     *crm_quote_editor_get_message         (CrmQuoteEditor      *self);
/* "Not sent yet", "Sent 3 times, last on … to …". */
const char     *crm_quote_editor_get_sends_text      (CrmQuoteEditor      *self);

/* Header. */
gboolean        crm_quote_editor_set_field           (CrmQuoteEditor      *self,
                                                      CrmQuoteEditorField  field,
                                                      const char          *text,
                                                      GError             **error);
const char     *crm_quote_editor_get_field           (CrmQuoteEditor      *self,
                                                      CrmQuoteEditorField  field);
const char     *crm_quote_editor_get_field_error     (CrmQuoteEditor      *self,
                                                      CrmQuoteEditorField  field);
gboolean        crm_quote_editor_set_contact_id      (CrmQuoteEditor      *self,
                                                      gint64               contact_id,
                                                      GError             **error);
gboolean        crm_quote_editor_set_opportunity_id  (CrmQuoteEditor      *self,
                                                      gint64               opportunity_id,
                                                      GError             **error);

/* Lines.  Positions are 0-based. */
GListModel     *crm_quote_editor_get_lines           (CrmQuoteEditor      *self);
gint            crm_quote_editor_add_line_after      (CrmQuoteEditor      *self,
                                                      gint                 position,
                                                      GError             **error);
gint            crm_quote_editor_add_product_line    (CrmQuoteEditor      *self,
                                                      gint                 after,
                                                      gint64               product_id,
                                                      GError             **error);
gboolean        crm_quote_editor_set_line_product    (CrmQuoteEditor      *self,
                                                      guint                position,
                                                      gint64               product_id,
                                                      GError             **error);
gboolean        crm_quote_editor_remove_line         (CrmQuoteEditor      *self,
                                                      guint                position,
                                                      GError             **error);
gboolean        crm_quote_editor_move_line           (CrmQuoteEditor      *self,
                                                      guint                from,
                                                      guint                to,
                                                      GError             **error);
gboolean        crm_quote_editor_set_cell            (CrmQuoteEditor      *self,
                                                      guint                position,
                                                      CrmQuoteCell         cell,
                                                      const char          *text,
                                                      GError             **error);
const char     *crm_quote_editor_get_cell            (CrmQuoteEditor      *self,
                                                      guint                position,
                                                      CrmQuoteCell         cell);
const char     *crm_quote_editor_get_cell_error      (CrmQuoteEditor      *self,
                                                      guint                position,
                                                      CrmQuoteCell         cell);
/* Active products whose code or name matches @text, tones and case aside,
 * for the product picker.
 * Returns: (transfer full) (element-type CrmProduct) */
GPtrArray      *crm_quote_editor_search_products     (CrmQuoteEditor      *self,
                                                      const char          *text,
                                                      guint                limit,
                                                      GError             **error);

/* Totals of the draft (lines left blank do not count). */
const CrmQuoteTotals *crm_quote_editor_get_totals    (CrmQuoteEditor      *self);
const char     *crm_quote_editor_get_amount_in_words (CrmQuoteEditor      *self);

/* Undo and redo. */
gboolean        crm_quote_editor_undo                (CrmQuoteEditor      *self,
                                                      GError             **error);
gboolean        crm_quote_editor_redo                (CrmQuoteEditor      *self,
                                                      GError             **error);
gboolean        crm_quote_editor_revert              (CrmQuoteEditor      *self,
                                                      GError             **error);

/* Store actions. */
gboolean        crm_quote_editor_save                (CrmQuoteEditor      *self,
                                                      GError             **error);
gboolean        crm_quote_editor_send                (CrmQuoteEditor      *self,
                                                      const char          *recipient,
                                                      CrmQuoteChannel      channel,
                                                      GError             **error);
gboolean        crm_quote_editor_accept              (CrmQuoteEditor      *self,
                                                      GError             **error);
gboolean        crm_quote_editor_reject              (CrmQuoteEditor      *self,
                                                      GError             **error);

/* Revisions: (transfer full) (element-type CrmQuoteRevision), v1 first. */
GPtrArray      *crm_quote_editor_list_revisions      (CrmQuoteEditor      *self,
                                                      GError             **error);
/* Line by line from @old_revision to @new_revision; 0 for either is the
 * draft as it stands.
 * Returns: (transfer full) (element-type CrmQuoteLineDiff) */
GPtrArray      *crm_quote_editor_diff_revisions      (CrmQuoteEditor      *self,
                                                      gint                 old_revision,
                                                      gint                 new_revision,
                                                      GError             **error);

G_END_DECLS
