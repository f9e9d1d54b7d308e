/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Quotes (báo giá) as plain data, with the pure rules an editor needs:
 * line amounts and totals, validation, "what changed" between two
 * versions, and the description of its sends.
 *
 * Units: money is gint64 đồng; rates (discount, VAT) are basis points
 * (1000 = 10 %, 10000 = 100 %); quantities are thousandths of the unit
 * (1500 = 1,5).  Dates are ISO "yyyy-MM-dd" once validated, timestamps
 * ISO-8601 UTC ("2026-11-23T08:15:00Z").  Ids of 0 mean "none".
 *
 * Rounding (crm_quote_compute_totals()), every result a whole đồng rounded
 * half away from zero, intermediates exact (no 64-bit overflow however
 * large the operands; a result above CRM_QUOTE_MAX_AMOUNT is refused):
 *  - line gross    = round (quantity_milli × unit_price / 1000)
 *  - line discount = round (gross × discount_bp / 10000)
 *  - line net      = gross − discount
 *  - VAT is computed once per rate, on the sum of the nets of the lines at
 *    that rate, as Vietnamese VAT invoices show it:
 *    vat(rate) = round (Σ net(rate) × rate_bp / 10000)
 *  - subtotal = Σ gross, discount_total = Σ discount,
 *    net_total = subtotal − discount_total, vat_total = Σ vat(rate),
 *    grand_total = net_total + vat_total.
 *
 * Copies are deep and cheap (a few strings and the lines), so an editor
 * keeps whole quotes on its undo and redo stacks. */

/* A quote worth more than this (10^15 đồng) is a typing mistake. */
#define CRM_QUOTE_MAX_AMOUNT G_GINT64_CONSTANT (1000000000000000)

typedef enum
{
  CRM_QUOTE_STATUS_DRAFT,
  CRM_QUOTE_STATUS_SENT,
  CRM_QUOTE_STATUS_ACCEPTED,
  CRM_QUOTE_STATUS_REJECTED,
  CRM_QUOTE_STATUS_EXPIRED,
} CrmQuoteStatus;

#define CRM_QUOTE_N_STATUSES (CRM_QUOTE_STATUS_EXPIRED + 1)

/* How a quote reached the customer, as quote_sends.channel lists it. */
typedef enum
{
  CRM_QUOTE_CHANNEL_EMAIL,
  CRM_QUOTE_CHANNEL_PRINT,
  CRM_QUOTE_CHANNEL_HAND,
  CRM_QUOTE_CHANNEL_ONLINE,
} CrmQuoteChannel;

#define CRM_QUOTE_N_CHANNELS (CRM_QUOTE_CHANNEL_ONLINE + 1)

#define CRM_TYPE_QUOTE_STATUS   (crm_quote_status_get_type ())
#define CRM_TYPE_QUOTE_CHANNEL  (crm_quote_channel_get_type ())
#define CRM_TYPE_QUOTE_LINE     (crm_quote_line_get_type ())
#define CRM_TYPE_QUOTE          (crm_quote_get_type ())
#define CRM_TYPE_QUOTE_SEND     (crm_quote_send_get_type ())
#define CRM_TYPE_QUOTE_REVISION (crm_quote_revision_get_type ())
#define CRM_TYPE_QUOTE_ROW      (crm_quote_row_get_type ())

/* One line: a product (product_id) or free text.  The price, discount and
 * VAT rate are what the quote says, as given: the catalogue may change
 * later.  price_source says where the price came from ("list",
 * "price_list", "promotion", "manual"…), override_reason why a user
 * changed it.  id is kept by the store across saves and revisions, so
 * differences follow a line; a line duplicated as a new one needs id 0. */
typedef struct
{
  gint64  id;
  gint64  product_id;
  char   *description;
  gint64  quantity_milli;
  char   *unit;
  gint64  unit_price;
  gint    discount_bp;
  gint    vat_rate_bp;
  char   *price_source;
  char   *override_reason;
} CrmQuoteLine;

/* A quote and its lines.  The fields after lines are filled in by the
 * store when it reads and ignored when it writes; status, revision and
 * code change only through the store's actions (create, send, accept…).
 * row_version is the version the quote was read at: saving over a newer
 * one is refused. */
typedef struct
{
  gint64          id;
  char           *code;            /* "BG-2026-0042" */
  gint64          customer_id;
  gint64          contact_id;
  gint64          opportunity_id;
  gint64          owner_id;
  CrmQuoteStatus  status;
  gint            revision;        /* 1, 2, … */
  char           *issue_date;
  char           *valid_until;
  char           *currency;        /* "VND" */
  char           *terms;
  char           *notes;
  GPtrArray      *lines;           /* CrmQuoteLine, in document order */
  gint64          row_version;

  char           *customer_code;
  char           *customer_name;
  char           *contact_name;
  char           *owner_name;
  char           *accepted_at;
  char           *rejected_at;
  char           *created_at;
  char           *updated_at;
} CrmQuote;

/* The VAT of one rate: the sum of the nets of the lines at that rate and
 * the VAT on it. */
typedef struct
{
  gint   rate_bp;
  gint64 base;
  gint64 amount;
} CrmQuoteVat;

typedef struct
{
  gint64  subtotal;
  gint64  discount_total;
  gint64  net_total;
  gint64  vat_total;
  gint64  grand_total;
  GArray *vat;                     /* CrmQuoteVat, one per rate used, rate ascending */
} CrmQuoteTotals;

/* One send of a quote: when (UTC timestamp), to whom (an address, a name),
 * how, by whom; the revision that went out and the entry it left in the
 * customer's history. */
typedef struct
{
  gint64           id;
  gint64           quote_id;
  gint             revision;
  char            *sent_at;
  char            *recipient;
  CrmQuoteChannel  channel;
  gint64           user_id;
  char            *user_name;
  gint64           interaction_id;
} CrmQuoteSend;

/* One immutable saved version: its number, who saved it and when, the
 * grand total recorded with it, the snapshot text as stored and the quote
 * read back from it (lines, header, customer as they were). */
typedef struct
{
  gint       revision;
  char      *created_at;
  gint64     created_by;
  char      *created_by_name;
  gint64     grand_total;
  char      *snapshot;
  CrmQuote  *quote;
} CrmQuoteRevision;

/* One row of a list of quotes. */
typedef struct
{
  gint64          id;
  char           *code;
  gint64          customer_id;
  char           *customer_code;
  char           *customer_name;
  gint64          owner_id;
  char           *owner_name;
  CrmQuoteStatus  status;
  gint            revision;
  char           *issue_date;
  char           *valid_until;
  gint64          grand_total;
} CrmQuoteRow;

/* What differs between two versions of a line (crm_quote_diff_lines()). */
typedef enum
{
  CRM_QUOTE_LINE_FIELD_PRODUCT     = 1 << 0,
  CRM_QUOTE_LINE_FIELD_DESCRIPTION = 1 << 1,
  CRM_QUOTE_LINE_FIELD_QUANTITY    = 1 << 2,
  CRM_QUOTE_LINE_FIELD_UNIT        = 1 << 3,
  CRM_QUOTE_LINE_FIELD_UNIT_PRICE  = 1 << 4,
  CRM_QUOTE_LINE_FIELD_DISCOUNT    = 1 << 5,
  CRM_QUOTE_LINE_FIELD_VAT_RATE    = 1 << 6,
} CrmQuoteLineFields;

/* What differs in the header (crm_quote_diff_header()). */
typedef enum
{
  CRM_QUOTE_FIELD_CONTACT     = 1 << 0,
  CRM_QUOTE_FIELD_OPPORTUNITY = 1 << 1,
  CRM_QUOTE_FIELD_ISSUE_DATE  = 1 << 2,
  CRM_QUOTE_FIELD_VALID_UNTIL = 1 << 3,
  CRM_QUOTE_FIELD_CURRENCY    = 1 << 4,
  CRM_QUOTE_FIELD_TERMS       = 1 << 5,
  CRM_QUOTE_FIELD_NOTES       = 1 << 6,
} CrmQuoteFields;

typedef enum
{
  CRM_QUOTE_LINE_SAME,
  CRM_QUOTE_LINE_CHANGED,
  CRM_QUOTE_LINE_ADDED,
  CRM_QUOTE_LINE_REMOVED,
} CrmQuoteLineChange;

/* One line of a difference.  Positions are 1-based, 0 where the line is
 * absent; old_line and new_line are copies (NULL where absent). */
typedef struct
{
  CrmQuoteLineChange  change;
  CrmQuoteLineFields  fields;
  guint               old_position;
  guint               new_position;
  CrmQuoteLine       *old_line;
  CrmQuoteLine       *new_line;
} CrmQuoteLineDiff;

GType             crm_quote_status_get_type     (void) G_GNUC_CONST;
GType             crm_quote_channel_get_type    (void) G_GNUC_CONST;
GType             crm_quote_line_get_type       (void) G_GNUC_CONST;
GType             crm_quote_get_type            (void) G_GNUC_CONST;
GType             crm_quote_send_get_type       (void) G_GNUC_CONST;
GType             crm_quote_revision_get_type   (void) G_GNUC_CONST;
GType             crm_quote_row_get_type        (void) G_GNUC_CONST;

/* "draft", "sent", … as the database stores them; NULL for no status. */
const char       *crm_quote_status_to_string    (CrmQuoteStatus       status);
gboolean          crm_quote_status_from_string  (const char          *text,
                                                 CrmQuoteStatus      *status);
const char       *crm_quote_status_label        (CrmQuoteStatus       status);
const char       *crm_quote_channel_to_string   (CrmQuoteChannel      channel);
gboolean          crm_quote_channel_from_string (const char          *text,
                                                 CrmQuoteChannel     *channel);
const char       *crm_quote_channel_label       (CrmQuoteChannel      channel);

/* A quantity in thousandths as people read it: 1500 -> "1,5", 2000 -> "2",
 * 1 -> "0,001" (decimal comma, no grouping). */
char             *crm_quote_format_quantity     (gint64               quantity_milli);

/* A new line: one unit (1000 thousandths), no discount, VAT 10 %. */
CrmQuoteLine     *crm_quote_line_new            (void);
CrmQuoteLine     *crm_quote_line_copy           (const CrmQuoteLine  *self);
void              crm_quote_line_free           (CrmQuoteLine        *self);
CrmQuoteLineFields crm_quote_line_compare       (const CrmQuoteLine  *a,
                                                 const CrmQuoteLine  *b);
/* Checks one line (@position, 1-based, names it in the message) and trims
 * its texts in place. */
gboolean          crm_quote_line_validate       (CrmQuoteLine        *self,
                                                 guint                position,
                                                 GError             **error);
/* The line's amounts by the rules above; FALSE with
 * %CRM_VALIDATION_ERROR_RANGE when one is above CRM_QUOTE_MAX_AMOUNT. */
gboolean          crm_quote_line_amounts        (const CrmQuoteLine  *self,
                                                 gint64              *gross,
                                                 gint64              *discount,
                                                 gint64              *net,
                                                 GError             **error);

/* A new draft: VND, revision 1, no lines, no dates. */
CrmQuote         *crm_quote_new                 (void);
CrmQuote         *crm_quote_copy                (const CrmQuote      *self);
void              crm_quote_free                (CrmQuote            *self);
/* Appends @line (taking it) and returns it. */
CrmQuoteLine     *crm_quote_add_line            (CrmQuote            *self,
                                                 CrmQuoteLine        *line);
/* Checks what a user typed and normalises it in place: dates to ISO, texts
 * trimmed (empty optional ones to NULL), currency VND.  The customer is
 * required, the validity date may not be before the issue date, every
 * line must be valid and the totals within CRM_QUOTE_MAX_AMOUNT.  A draft
 * may have no lines; sending needs one. */
gboolean          crm_quote_validate            (CrmQuote            *self,
                                                 GError             **error);
/* TRUE when the two have the same header (customer, contact, opportunity,
 * dates, currency, terms, notes) and the same lines in the same order. */
gboolean          crm_quote_same_content        (const CrmQuote      *a,
                                                 const CrmQuote      *b);

/* Totals of @quote's lines; @totals is overwritten (clear it with
 * crm_quote_totals_clear()).  FALSE with %CRM_VALIDATION_ERROR_RANGE when
 * an amount is above CRM_QUOTE_MAX_AMOUNT. */
gboolean          crm_quote_compute_totals      (const CrmQuote      *quote,
                                                 CrmQuoteTotals      *totals,
                                                 GError             **error);
void              crm_quote_totals_clear        (CrmQuoteTotals      *totals);

CrmQuoteFields    crm_quote_diff_header         (const CrmQuote      *old_quote,
                                                 const CrmQuote      *new_quote);
/* Line by line from @old_quote to @new_quote, in the new order; a removed
 * line comes right after the line that preceded it in the old version
 * (first when none did).  Lines are matched by id; new lines
 * (id 0) only with each other, by position; when one side has no ids at
 * all (a snapshot older than line ids), by position.  Unchanged lines are
 * included as CRM_QUOTE_LINE_SAME.
 * Returns: (transfer full) (element-type CrmQuoteLineDiff) */
GPtrArray        *crm_quote_diff_lines          (const CrmQuote      *old_quote,
                                                 const CrmQuote      *new_quote);
void              crm_quote_line_diff_free      (CrmQuoteLineDiff    *diff);

CrmQuoteSend     *crm_quote_send_new            (void);
CrmQuoteSend     *crm_quote_send_copy           (const CrmQuoteSend  *self);
void              crm_quote_send_free           (CrmQuoteSend        *self);
/* "Not sent yet", or "Sent 3 times, last on 05/01/2026 to an@minhphat.vn"
 * (local date) from the sends in any order.  @sends: (element-type CrmQuoteSend) */
char             *crm_quote_describe_sends      (GPtrArray           *sends);

CrmQuoteRevision *crm_quote_revision_copy       (const CrmQuoteRevision *self);
void              crm_quote_revision_free       (CrmQuoteRevision    *self);
CrmQuoteRow      *crm_quote_row_copy            (const CrmQuoteRow   *self);
void              crm_quote_row_free            (CrmQuoteRow         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuoteLine, crm_quote_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuote, crm_quote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuoteSend, crm_quote_send_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuoteRevision, crm_quote_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuoteRow, crm_quote_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuoteLineDiff, crm_quote_line_diff_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmQuoteTotals, crm_quote_totals_clear)

G_END_DECLS
