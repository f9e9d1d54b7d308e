/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-quote.h"

G_BEGIN_DECLS

/* Sales orders (đơn hàng) as plain data, with the pure rules an editor
 * needs: validation, totals, the delivery status a user may move an order
 * to, and whether it is locked.
 *
 * An order's lines are quote lines (CrmQuoteLine: product, description,
 * quantity in thousandths, unit price, discount and VAT in basis points)
 * plus the unit cost the store captured from the product when the line was
 * ordered.  The totals are the quote's, computed by
 * crm_quote_compute_totals() with the same rounding: an order made from a
 * quote totals exactly what the quote did.
 *
 * Delivery: pending → partial → delivered, and pending or partial →
 * cancelled (pending may also go straight to delivered).  A delivered or
 * cancelled order is locked: nothing about it changes any more. */

typedef enum
{
  CRM_ORDER_STATUS_PENDING,
  CRM_ORDER_STATUS_PARTIAL,
  CRM_ORDER_STATUS_DELIVERED,
  CRM_ORDER_STATUS_CANCELLED,
} CrmOrderStatus;

#define CRM_ORDER_N_STATUSES (CRM_ORDER_STATUS_CANCELLED + 1)

#define CRM_TYPE_ORDER_LINE     (crm_order_line_get_type ())
#define CRM_TYPE_ORDER_DELIVERY (crm_order_delivery_get_type ())
#define CRM_TYPE_ORDER          (crm_order_get_type ())
#define CRM_TYPE_ORDER_ROW      (crm_order_row_get_type ())

/* One line: what the customer buys, as a quote line says it, and what one
 * unit cost the company when it was ordered (0 when the reader may not see
 * costs, or for free text). */
typedef struct
{
  CrmQuoteLine *line;
  gint64        unit_cost;
} CrmOrderLine;

/* One delivery (or part of one): the business date and a note. */
typedef struct
{
  gint64  id;
  char   *delivered_on;      /* "yyyy-MM-dd" */
  char   *note;
  char   *created_at;
  char   *created_by_name;
} CrmOrderDelivery;

/* An order and its lines.  The fields after row_version are filled in by
 * the store when it reads and ignored when it writes; code, status and
 * delivered_on change only through the store's actions. */
typedef struct
{
  gint64          id;
  char           *code;          /* "DH-2026-0042" */
  gint64          customer_id;
  gint64          contract_id;   /* 0: not from a contract */
  gint64          quote_id;      /* 0: not from a quote */
  gint64          owner_id;
  char           *order_date;
  char           *promised_on;   /* NULL: no promised date */
  CrmOrderStatus  status;
  char           *delivered_on;
  char           *notes;
  GPtrArray      *lines;         /* CrmOrderLine, in document order */
  gint64          row_version;

  char           *customer_code;
  char           *customer_name;
  char           *owner_name;
  char           *quote_code;
  char           *contract_code;
  gboolean        cost_hidden;   /* the reader may not see unit costs: they read 0 */
  GPtrArray      *deliveries;    /* CrmOrderDelivery, oldest first */
  char           *created_at;
  char           *updated_at;
} CrmOrder;

/* One row of a list of orders. */
typedef struct
{
  gint64          id;
  char           *code;
  gint64          customer_id;
  char           *customer_code;
  char           *customer_name;
  gint64          owner_id;
  char           *owner_name;
  char           *order_date;
  char           *promised_on;
  CrmOrderStatus  status;
  char           *delivered_on;
  gint64          grand_total;
} CrmOrderRow;

GType             crm_order_line_get_type        (void) G_GNUC_CONST;
GType             crm_order_delivery_get_type    (void) G_GNUC_CONST;
GType             crm_order_get_type             (void) G_GNUC_CONST;
GType             crm_order_row_get_type         (void) G_GNUC_CONST;

/* "pending", "partial", … as the database stores them. */
const char       *crm_order_status_to_string     (CrmOrderStatus        status);
gboolean          crm_order_status_from_string   (const char           *text,
                                                  CrmOrderStatus       *status);
const char       *crm_order_status_label         (CrmOrderStatus        status);
/* Whether an order may move from @from to @to (see above). */
gboolean          crm_order_status_can_move      (CrmOrderStatus        from,
                                                  CrmOrderStatus        to);
/* Delivered and cancelled orders are locked. */
gboolean          crm_order_status_is_locked     (CrmOrderStatus        status);
/* Promised before @today (ISO) and not delivered or cancelled yet. */
gboolean          crm_order_is_overdue           (CrmOrderStatus        status,
                                                  const char           *promised_on,
                                                  const char           *today);

/* A new line: one unit, no discount, VAT 10 %, no cost. */
CrmOrderLine     *crm_order_line_new             (void);
/* A line ordering what @line says (copied). */
CrmOrderLine     *crm_order_line_new_from_quote_line (const CrmQuoteLine *line);
CrmOrderLine     *crm_order_line_copy            (const CrmOrderLine   *self);
void              crm_order_line_free            (CrmOrderLine         *self);

CrmOrderDelivery *crm_order_delivery_new         (void);
CrmOrderDelivery *crm_order_delivery_copy        (const CrmOrderDelivery *self);
void              crm_order_delivery_free        (CrmOrderDelivery     *self);

/* A new pending order: no lines, no dates. */
CrmOrder         *crm_order_new                  (void);
CrmOrder         *crm_order_copy                 (const CrmOrder       *self);
void              crm_order_free                 (CrmOrder             *self);
/* Appends @line (taking it) and returns it. */
CrmOrderLine     *crm_order_add_line             (CrmOrder             *self,
                                                  CrmOrderLine         *line);
/* Checks what a user typed and normalises it in place: dates to ISO,
 * texts trimmed (empty ones to NULL).  The customer and the order date
 * are required, the promised date may not be before the order date, an
 * order needs at least one line, every line must be valid (quantity above
 * zero, discount and VAT between 0 and 100 %) and the totals within
 * CRM_QUOTE_MAX_AMOUNT. */
gboolean          crm_order_validate             (CrmOrder             *self,
                                                  GError              **error);
/* Totals of the order's lines, by crm_quote_compute_totals(); @totals is
 * overwritten (clear it with crm_quote_totals_clear()). */
gboolean          crm_order_compute_totals       (const CrmOrder       *self,
                                                  CrmQuoteTotals       *totals,
                                                  GError              **error);
/* Σ round (quantity × unit cost): what the goods cost, for the margin. */
gint64            crm_order_cost_total           (const CrmOrder       *self);
/* TRUE when the two have the same header (customer, sources, dates,
 * notes) and the same lines in the same order; costs are not compared. */
gboolean          crm_order_same_content         (const CrmOrder       *a,
                                                  const CrmOrder       *b);

CrmOrderRow      *crm_order_row_copy             (const CrmOrderRow    *self);
void              crm_order_row_free             (CrmOrderRow          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOrderLine, crm_order_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOrderDelivery, crm_order_delivery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOrder, crm_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOrderRow, crm_order_row_free)

G_END_DECLS
