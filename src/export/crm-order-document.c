/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-order-document"

#include "config.h"

#include "crm-order-document.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-money-words.h"
#include "crm-money.h"
#include "crm-order-store.h"
#include "crm-province.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* An order as a document source: the order confirmation (xác nhận đơn
 * hàng) sent to the customer, with the company from the settings, the
 * customer as the customer book has it today, the order's references
 * (its date, the promised delivery date, the quote or contract it came
 * from), its lines and totals by the quote's rules, the deliveries
 * recorded so far and the notes.  Unit costs are never printed. */

#define AUDIT_ENTITY "order"

static char *
setting (CrmStore    *store,
         const char  *key,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value = crm_settings_get (store, key, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
add_company (CrmDocumentContent  *content,
             CrmStore            *store,
             GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *logo = NULL;

  content->company_name = setting (store, CRM_SETTING_COMPANY_NAME, &local_error);
  if (local_error == NULL)
    content->company_address = setting (store, CRM_SETTING_COMPANY_ADDRESS, &local_error);
  if (local_error == NULL)
    content->company_tax_code = setting (store, CRM_SETTING_COMPANY_TAX_CODE, &local_error);
  if (local_error == NULL)
    phone = setting (store, CRM_SETTING_COMPANY_PHONE, &local_error);
  if (local_error == NULL)
    logo = setting (store, CRM_SETTING_COMPANY_LOGO, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (phone != NULL)
    content->company_phone = crm_phone_format (phone);
  if (logo != NULL)
    {
      gsize size = 0;
      guchar *data = g_base64_decode (logo, &size);

      content->company_logo = g_bytes_new_take (data, size);
    }
  return TRUE;
}

/* "12 Lý Thường Kiệt, Phường Cửa Nam, Thành phố Hà Nội". */
static char *
customer_address (const CrmCustomer *customer)
{
  const CrmProvince *province = customer->province_code ? crm_province_get (customer->province_code) : NULL;
  const char *parts[4] = { NULL };
  guint n = 0;

  if (customer->street != NULL && *customer->street != '\0')
    parts[n++] = customer->street;
  if (customer->ward != NULL && *customer->ward != '\0')
    parts[n++] = customer->ward;
  if (province != NULL)
    parts[n++] = province->name;
  return n > 0 ? g_strjoinv (", ", (char **) parts) : NULL;
}

static gboolean
add_customer (CrmDocumentContent  *content,
              CrmStore            *store,
              CrmSession          *session,
              const CrmOrder      *order,
              GError             **error)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  CrmDocumentParty *party;

  if (!(customer = crm_customer_store_get (store, session, order->customer_id, error)))
    return FALSE;
  address = customer_address (customer);
  if (customer->phones != NULL && customer->phones->len > 0)
    phone = crm_phone_format (g_ptr_array_index (customer->phones, 0));

  party = crm_document_content_add_party (content, _("Customer"));
  crm_document_party_add_field (party, _("Name"), order->customer_name ? order->customer_name : customer->full_name);
  crm_document_party_add_field (party, _("Customer code"), order->customer_code);
  crm_document_party_add_field (party, _("Address"), address);
  crm_document_party_add_field (party, _("Tax code"), customer->tax_code);
  crm_document_party_add_field (party, _("Phone"), phone);
  if (customer->emails != NULL && customer->emails->len > 0)
    crm_document_party_add_field (party, _("Email"), g_ptr_array_index (customer->emails, 0));
  return TRUE;
}

/* Each line's amount is after its discount, so the column adds up to the
 * total before VAT. */
static gboolean
add_lines (CrmDocumentContent  *content,
           const CrmOrder      *order,
           GError             **error)
{
  for (guint i = 0; i < order->lines->len; i++)
    {
      const CrmQuoteLine *line = ((CrmOrderLine *) g_ptr_array_index (order->lines, i))->line;
      g_autofree char *quantity = crm_quote_format_quantity (line->quantity_milli);
      g_autofree char *price = crm_money_format_plain (line->unit_price);
      g_autofree char *discount = line->discount_bp > 0 ? crm_rate_format (line->discount_bp) : NULL;
      g_autofree char *amount = NULL;
      gint64 gross, off, net;

      if (!crm_quote_line_amounts (line, &gross, &off, &net, error))
        return FALSE;
      amount = crm_money_format_plain (net);
      crm_document_content_add_line (content, line->description, line->unit, quantity, price, discount, amount);
    }
  return TRUE;
}

static void
add_total (CrmDocumentContent *content,
           const char         *label,
           gint64              dong)
{
  g_autofree char *value = crm_money_format (dong);

  crm_document_content_add_total (content, label, value);
}

static gboolean
add_totals (CrmDocumentContent  *content,
            const CrmOrder      *order,
            GError             **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *words = NULL;

  if (!crm_order_compute_totals (order, &totals, error))
    return FALSE;
  if (totals.discount_total != 0)
    {
      add_total (content, _("Total before discount"), totals.subtotal);
      add_total (content, _("Discount"), -totals.discount_total);
    }
  add_total (content, _("Total before VAT"), totals.net_total);
  for (guint i = 0; totals.vat != NULL && i < totals.vat->len; i++)
    {
      const CrmQuoteVat *vat = &g_array_index (totals.vat, CrmQuoteVat, i);
      g_autofree char *rate = crm_rate_format (vat->rate_bp);
      g_autofree char *base = crm_money_format (vat->base);
      g_autofree char *label = g_strdup_printf (_("VAT %s on %s"), rate, base);

      add_total (content, label, vat->amount);
    }
  add_total (content, _("Grand total"), totals.grand_total);
  words = crm_money_words (totals.grand_total);
  content->amount_in_words = g_strdup_printf (_("Amount in words: %s"), words);
  return TRUE;
}

static char *
format_date (const char *iso)
{
  char *date = iso ? crm_date_format (iso) : NULL;

  return date ? date : g_strdup (iso);
}

static void
add_header (CrmDocumentContent *content,
            const CrmOrder     *order)
{
  g_autofree char *date = format_date (order->order_date);
  g_autofree char *promised = format_date (order->promised_on);

  content->entity = g_strdup (AUDIT_ENTITY);
  content->entity_id = order->id;
  content->revision = 1;
  content->title = g_strdup (_("ORDER CONFIRMATION"));
  content->running_title = g_strdup_printf (_("Order confirmation %s"), order->code);
  crm_document_content_add_reference (content, _("Number"), order->code);
  crm_document_content_add_reference (content, _("Date"), date);
  if (promised != NULL)
    crm_document_content_add_reference (content, _("Delivery by"), promised);
  if (order->quote_code != NULL)
    crm_document_content_add_reference (content, _("Quote"), order->quote_code);
  if (order->contract_code != NULL)
    crm_document_content_add_reference (content, _("Contract"), order->contract_code);
  if (order->status != CRM_ORDER_STATUS_PENDING)
    crm_document_content_add_reference (content, _("Status"), crm_order_status_label (order->status));
}

/* "03/03/2026: Giao đợt 1", one delivery a line. */
static char *
deliveries_text (const CrmOrder *order)
{
  GString *text;

  if (order->deliveries == NULL || order->deliveries->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < order->deliveries->len; i++)
    {
      const CrmOrderDelivery *delivery = g_ptr_array_index (order->deliveries, i);
      g_autofree char *day = format_date (delivery->delivered_on);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, day ? day : "");
      if (delivery->note != NULL)
        g_string_append_printf (text, ": %s", delivery->note);
    }
  return g_string_free (text, FALSE);
}

/* Who signs for the company: the order's owner. */
static gboolean
add_signatures (CrmDocumentContent  *content,
                CrmStore            *store,
                const CrmOrder      *order,
                GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  content->signature_left = g_strdup (_("Customer's representative"));
  content->signature_right = g_strdup (_("Company's representative"));
  if (order->owner_name != NULL)
    content->signature_right_name = g_strdup (order->owner_name);
  else if (order->owner_id > 0 &&
           !(content->signature_right_name = crm_user_store_get_full_name (store, order->owner_id, &local_error)) &&
           !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_order_document_content_new:
 *
 * The order @order_id as an order confirmation, if @session may read it
 * (%CRM_STORE_ERROR_NOT_FOUND otherwise, as for a missing order).
 * Reading needs no right to print; writing or printing it does.
 *
 * Returns: (transfer full): the content, or %NULL with @error set
 */
CrmDocumentContent *
crm_order_document_content_new (CrmStore    *store,
                                CrmSession  *session,
                                gint64       order_id,
                                GError     **error)
{
  g_autoptr(CrmDocumentContent) content = NULL;
  g_autoptr(CrmOrder) order = NULL;
  g_autofree char *deliveries = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(order = crm_order_store_get (store, session, order_id, error)))
    return NULL;
  content = crm_document_content_new ();
  add_header (content, order);
  if (!add_company (content, store, error) ||
      !add_customer (content, store, session, order, error))
    return NULL;
  content->intro = g_strdup (_("We confirm your order of the following goods and services:"));
  if (!add_lines (content, order, error) ||
      !add_totals (content, order, error))
    return NULL;
  deliveries = deliveries_text (order);
  crm_document_content_add_section (content, _("Deliveries"), deliveries);
  crm_document_content_add_section (content, _("Notes"), order->notes);
  if (!add_signatures (content, store, order, error))
    return NULL;
  return g_steal_pointer (&content);
}

/**
 * crm_document_layout_new_for_order:
 *
 * The order confirmation laid out for printing; see
 * crm_order_document_content_new().
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
CrmDocumentLayout *
crm_document_layout_new_for_order (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       order_id,
                                   GError     **error)
{
  CrmDocumentContent *content;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(content = crm_order_document_content_new (store, session, order_id, error)))
    return NULL;
  return crm_document_layout_new (store, session, content);
}
