/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-order"

#include "config.h"

#include "crm-order.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"
#include "crm-validate.h"

G_DEFINE_BOXED_TYPE (CrmOrderLine, crm_order_line, crm_order_line_copy, crm_order_line_free)
G_DEFINE_BOXED_TYPE (CrmOrderDelivery, crm_order_delivery, crm_order_delivery_copy, crm_order_delivery_free)
G_DEFINE_BOXED_TYPE (CrmOrder, crm_order, crm_order_copy, crm_order_free)
G_DEFINE_BOXED_TYPE (CrmOrderRow, crm_order_row, crm_order_row_copy, crm_order_row_free)

/* In the order of the enum, which is the order of the schema's CHECK. */
static const char *const status_names[CRM_ORDER_N_STATUSES] = {
  "pending", "partial", "delivered", "cancelled",
};

/* Names and labels ---------------------------------------------------------- */

const char *
crm_order_status_to_string (CrmOrderStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return NULL;
  return status_names[status];
}

gboolean
crm_order_status_from_string (const char     *text,
                              CrmOrderStatus *status)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (text, status_names[i]) == 0)
      {
        if (status != NULL)
          *status = (CrmOrderStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_order_status_label (CrmOrderStatus status)
{
  switch (status)
    {
    case CRM_ORDER_STATUS_PENDING:
      return C_("order status", "Pending");
    case CRM_ORDER_STATUS_PARTIAL:
      return C_("order status", "Partly delivered");
    case CRM_ORDER_STATUS_DELIVERED:
      return C_("order status", "Delivered");
    case CRM_ORDER_STATUS_CANCELLED:
      return C_("order status", "Cancelled");
    default:
      return "";
    }
}

gboolean
crm_order_status_is_locked (CrmOrderStatus status)
{
  return status == CRM_ORDER_STATUS_DELIVERED || status == CRM_ORDER_STATUS_CANCELLED;
}

gboolean
crm_order_status_can_move (CrmOrderStatus from,
                           CrmOrderStatus to)
{
  switch (from)
    {
    case CRM_ORDER_STATUS_PENDING:
      return to == CRM_ORDER_STATUS_PARTIAL || to == CRM_ORDER_STATUS_DELIVERED ||
             to == CRM_ORDER_STATUS_CANCELLED;
    case CRM_ORDER_STATUS_PARTIAL:
      return to == CRM_ORDER_STATUS_PARTIAL || to == CRM_ORDER_STATUS_DELIVERED ||
             to == CRM_ORDER_STATUS_CANCELLED;
    case CRM_ORDER_STATUS_DELIVERED:
    case CRM_ORDER_STATUS_CANCELLED:
    default:
      return FALSE;
    }
}

gboolean
crm_order_is_overdue (CrmOrderStatus  status,
                      const char     *promised_on,
                      const char     *today)
{
  if (crm_order_status_is_locked (status) || promised_on == NULL || *promised_on == '\0' || today == NULL)
    return FALSE;
  return strcmp (promised_on, today) < 0;
}

/* Lines ------------------------------------------------------------------------ */

CrmOrderLine *
crm_order_line_new (void)
{
  CrmOrderLine *self = g_new0 (CrmOrderLine, 1);

  self->line = crm_quote_line_new ();
  return self;
}

CrmOrderLine *
crm_order_line_new_from_quote_line (const CrmQuoteLine *line)
{
  CrmOrderLine *self;

  g_return_val_if_fail (line != NULL, NULL);

  self = g_new0 (CrmOrderLine, 1);
  self->line = crm_quote_line_copy (line);
  self->line->id = 0;
  return self;
}

CrmOrderLine *
crm_order_line_copy (const CrmOrderLine *self)
{
  CrmOrderLine *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmOrderLine, 1);
  copy->line = crm_quote_line_copy (self->line);
  copy->unit_cost = self->unit_cost;
  return copy;
}

void
crm_order_line_free (CrmOrderLine *self)
{
  if (self == NULL)
    return;
  crm_quote_line_free (self->line);
  g_free (self);
}

/* Deliveries ------------------------------------------------------------------- */

CrmOrderDelivery *
crm_order_delivery_new (void)
{
  return g_new0 (CrmOrderDelivery, 1);
}

CrmOrderDelivery *
crm_order_delivery_copy (const CrmOrderDelivery *self)
{
  CrmOrderDelivery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->delivered_on = g_strdup (self->delivered_on);
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);
  copy->created_by_name = g_strdup (self->created_by_name);
  return copy;
}

void
crm_order_delivery_free (CrmOrderDelivery *self)
{
  if (self == NULL)
    return;
  g_free (self->delivered_on);
  g_free (self->note);
  g_free (self->created_at);
  g_free (self->created_by_name);
  g_free (self);
}

/* Orders ---------------------------------------------------------------------- */

static GPtrArray *
new_lines (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_order_line_free);
}

static GPtrArray *
new_deliveries (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_order_delivery_free);
}

CrmOrder *
crm_order_new (void)
{
  CrmOrder *self = g_new0 (CrmOrder, 1);

  self->status = CRM_ORDER_STATUS_PENDING;
  self->lines = new_lines ();
  self->deliveries = new_deliveries ();
  return self;
}

CrmOrder *
crm_order_copy (const CrmOrder *self)
{
  CrmOrder *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->order_date = g_strdup (self->order_date);
  copy->promised_on = g_strdup (self->promised_on);
  copy->delivered_on = g_strdup (self->delivered_on);
  copy->notes = g_strdup (self->notes);
  copy->lines = new_lines ();
  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    g_ptr_array_add (copy->lines, crm_order_line_copy (g_ptr_array_index (self->lines, i)));
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->owner_name = g_strdup (self->owner_name);
  copy->quote_code = g_strdup (self->quote_code);
  copy->contract_code = g_strdup (self->contract_code);
  copy->deliveries = new_deliveries ();
  for (guint i = 0; self->deliveries != NULL && i < self->deliveries->len; i++)
    g_ptr_array_add (copy->deliveries, crm_order_delivery_copy (g_ptr_array_index (self->deliveries, i)));
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
crm_order_free (CrmOrder *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->order_date);
  g_free (self->promised_on);
  g_free (self->delivered_on);
  g_free (self->notes);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->owner_name);
  g_free (self->quote_code);
  g_free (self->contract_code);
  g_clear_pointer (&self->deliveries, g_ptr_array_unref);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

CrmOrderLine *
crm_order_add_line (CrmOrder     *self,
                    CrmOrderLine *line)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (line != NULL && line->line != NULL, NULL);

  g_ptr_array_add (self->lines, line);
  return line;
}

/* Validation ------------------------------------------------------------------ */

static void
normalise_text (char **field)
{
  if (crm_text_is_blank (*field))
    {
      g_clear_pointer (field, g_free);
      return;
    }
  g_strstrip (*field);
}

/* A date as typed to ISO; blank is NULL, refused with @missing when given. */
static gboolean
normalise_date (char        **field,
                const char   *missing,
                GError      **error)
{
  char *iso = NULL;

  if (crm_text_is_blank (*field))
    {
      g_clear_pointer (field, g_free);
      if (missing == NULL)
        return TRUE;
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED, missing);
      return FALSE;
    }
  if (!crm_date_parse (*field, &iso, error))
    return FALSE;
  g_free (*field);
  *field = iso;
  return TRUE;
}

static gboolean
validate_header (CrmOrder  *self,
                 GError   **error)
{
  if (self->customer_id <= 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Choose the customer this order is for."));
      return FALSE;
    }
  if (!normalise_date (&self->order_date, _("Enter the date of the order."), error) ||
      !normalise_date (&self->promised_on, NULL, error))
    return FALSE;
  if (self->promised_on != NULL && strcmp (self->promised_on, self->order_date) < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The promised delivery date cannot be before the date of the order."));
      return FALSE;
    }
  normalise_text (&self->notes);
  if (self->quote_id < 0)
    self->quote_id = 0;
  if (self->contract_id < 0)
    self->contract_id = 0;
  return TRUE;
}

/**
 * crm_order_validate:
 *
 * Returns: %TRUE when @self may be saved; else %FALSE with
 *   %CRM_VALIDATION_ERROR and a message naming what to fix.
 */
gboolean
crm_order_validate (CrmOrder  *self,
                    GError   **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);

  if (!validate_header (self, error))
    return FALSE;
  if (self->lines == NULL || self->lines->len == 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Add at least one line to the order."));
      return FALSE;
    }
  for (guint i = 0; i < self->lines->len; i++)
    {
      CrmOrderLine *line = g_ptr_array_index (self->lines, i);

      if (!crm_quote_line_validate (line->line, i + 1, error))
        return FALSE;
      if (line->unit_cost < 0)
        line->unit_cost = 0;
    }
  return crm_order_compute_totals (self, &totals, error);
}

/* Totals ------------------------------------------------------------------------ */

/**
 * crm_order_compute_totals:
 *
 * The totals of the order's lines, by the quote's rules: the order's
 * lines are handed to crm_quote_compute_totals() as they are.
 */
gboolean
crm_order_compute_totals (const CrmOrder  *self,
                          CrmQuoteTotals  *totals,
                          GError         **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  CrmQuote shell = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  /* A quote that borrows the order's lines: no copies, no free. */
  lines = g_ptr_array_sized_new (self->lines ? self->lines->len : 0);
  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    g_ptr_array_add (lines, ((CrmOrderLine *) g_ptr_array_index (self->lines, i))->line);
  shell.lines = lines;
  return crm_quote_compute_totals (&shell, totals, error);
}

/**
 * crm_order_cost_total:
 *
 * What the ordered goods cost: for each line round (quantity × unit
 * cost), by the same rule as a line's gross; 0 when costs are hidden.
 */
gint64
crm_order_cost_total (const CrmOrder *self)
{
  gint64 total = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    {
      const CrmOrderLine *line = g_ptr_array_index (self->lines, i);
      CrmQuoteLine cost = { 0 };
      gint64 gross = 0, discount, net;

      cost.quantity_milli = line->line->quantity_milli;
      cost.unit_price = line->unit_cost;
      if (crm_quote_line_amounts (&cost, &gross, &discount, &net, NULL))
        total += gross;
    }
  return total;
}

gboolean
crm_order_same_content (const CrmOrder *a,
                        const CrmOrder *b)
{
  guint n_a, n_b;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  n_a = a->lines ? a->lines->len : 0;
  n_b = b->lines ? b->lines->len : 0;
  if (a->customer_id != b->customer_id || a->quote_id != b->quote_id || a->contract_id != b->contract_id ||
      g_strcmp0 (a->order_date, b->order_date) != 0 || g_strcmp0 (a->promised_on, b->promised_on) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0 || n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    {
      const CrmOrderLine *x = g_ptr_array_index (a->lines, i);
      const CrmOrderLine *y = g_ptr_array_index (b->lines, i);

      if (crm_quote_line_compare (x->line, y->line) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Rows --------------------------------------------------------------------------- */

CrmOrderRow *
crm_order_row_copy (const CrmOrderRow *self)
{
  CrmOrderRow *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->owner_name = g_strdup (self->owner_name);
  copy->order_date = g_strdup (self->order_date);
  copy->promised_on = g_strdup (self->promised_on);
  copy->delivered_on = g_strdup (self->delivered_on);
  return copy;
}

void
crm_order_row_free (CrmOrderRow *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->owner_name);
  g_free (self->order_date);
  g_free (self->promised_on);
  g_free (self->delivered_on);
  g_free (self);
}
