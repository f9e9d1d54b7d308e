/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote-document"

#include "config.h"

#include "crm-quote-document.h"

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-money-words.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-quote-store.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* A quote as a document source: the quote (or one of its saved versions)
 * with its customer, contact and owner, and the company from the
 * settings, turned into the texts crm-document.c prints.
 *
 * The line's amount is after its discount, so the column adds up to the
 * total before VAT; the totals show what the discounts took off the
 * lines' gross (when any did), the VAT of each rate on its base, and the
 * grand total, in words too.  A saved version prints the lines, dates,
 * terms, customer and contact names it was sent with; the customer's
 * address, tax code and phone are today's. */

#define AUDIT_ENTITY "quote"

/* The quote as it is now (@revision 0) or as saved in @revision. */
static CrmQuote *
load_quote (CrmStore    *store,
            CrmSession  *session,
            gint64       quote_id,
            gint         revision,
            GError     **error)
{
  g_autoptr(CrmQuoteRevision) saved = NULL;

  if (revision == 0)
    return crm_quote_store_get (store, session, quote_id, error);
  if (!(saved = crm_quote_store_get_revision (store, session, quote_id, revision, error)))
    return NULL;
  saved->quote->id = quote_id;
  saved->quote->revision = revision;
  return g_steal_pointer (&saved->quote);
}

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

/* "Nguyễn Văn An (Trưởng phòng mua hàng), 0912 345 678": the contact of
 * the quote, with what the contact book still knows of them. */
static char *
contact_text (const CrmQuote *quote,
              CrmContact     *contact)
{
  GString *text;
  const char *position;
  g_autofree char *phone = NULL;

  if (contact == NULL)
    return g_strdup (quote->contact_name);
  text = g_string_new (quote->contact_name ? quote->contact_name : crm_contact_get_full_name (contact));
  if ((position = crm_contact_get_position (contact)) != NULL && *position != '\0')
    g_string_append_printf (text, " (%s)", position);
  phone = crm_contact_dup_phone_display (contact);
  if (*phone != '\0')
    g_string_append_printf (text, ", %s", phone);
  return g_string_free (text, FALSE);
}

/* The customer block; a contact deleted since is named as the quote has it. */
static gboolean
add_customer (CrmDocumentContent  *content,
              CrmStore            *store,
              CrmSession          *session,
              const CrmQuote      *quote,
              GError             **error)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *person = NULL;
  CrmDocumentParty *party;

  if (!(customer = crm_customer_store_get (store, session, quote->customer_id, error)))
    return FALSE;
  if (quote->contact_id > 0 &&
      !(contact = crm_contact_store_get (store, session, quote->contact_id, &local_error)) &&
      !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  address = customer_address (customer);
  if (customer->phones != NULL && customer->phones->len > 0)
    phone = crm_phone_format (g_ptr_array_index (customer->phones, 0));
  person = contact_text (quote, contact);

  party = crm_document_content_add_party (content, _("Customer"));
  crm_document_party_add_field (party, _("Name"), quote->customer_name ? quote->customer_name : customer->full_name);
  crm_document_party_add_field (party, _("Customer code"), quote->customer_code);
  crm_document_party_add_field (party, _("Address"), address);
  crm_document_party_add_field (party, _("Tax code"), customer->tax_code);
  crm_document_party_add_field (party, _("Phone"), phone);
  if (customer->emails != NULL && customer->emails->len > 0)
    crm_document_party_add_field (party, _("Email"), g_ptr_array_index (customer->emails, 0));
  crm_document_party_add_field (party, _("Contact person"), person);
  return TRUE;
}

static gboolean
add_lines (CrmDocumentContent  *content,
           const CrmQuote      *quote,
           GError             **error)
{
  for (guint i = 0; i < quote->lines->len; i++)
    {
      const CrmQuoteLine *line = g_ptr_array_index (quote->lines, i);
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
            const CrmQuote      *quote,
            GError             **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *words = NULL;

  if (!crm_quote_compute_totals (quote, &totals, error))
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
            const CrmQuote     *quote)
{
  g_autofree char *version = g_strdup_printf ("%d", quote->revision);
  g_autofree char *issued = format_date (quote->issue_date);
  g_autofree char *valid = format_date (quote->valid_until);

  content->entity = g_strdup (AUDIT_ENTITY);
  content->entity_id = quote->id;
  content->revision = quote->revision;
  content->title = g_strdup (_("QUOTATION"));
  content->running_title = g_strdup_printf (_("Quotation %s, version %d"), quote->code, quote->revision);
  crm_document_content_add_reference (content, _("Number"), quote->code);
  crm_document_content_add_reference (content, _("Version"), version);
  crm_document_content_add_reference (content, _("Date"), issued);
  crm_document_content_add_reference (content, _("Valid until"), valid);
}

/* Who signs for the company: the quote's owner. */
static gboolean
add_signatures (CrmDocumentContent  *content,
                CrmStore            *store,
                const CrmQuote      *quote,
                GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  content->signature_left = g_strdup (_("Customer's representative"));
  content->signature_left_name = g_strdup (quote->contact_name);
  content->signature_right = g_strdup (_("Company's representative"));
  if (quote->owner_name != NULL)
    content->signature_right_name = g_strdup (quote->owner_name);
  else if (quote->owner_id > 0 &&
           !(content->signature_right_name = crm_user_store_get_full_name (store, quote->owner_id, &local_error)) &&
           !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_quote_document_content_new:
 * @revision: a saved version (1 for v1, …), or 0 for the quote as it is now
 *
 * The quote @quote_id as a document, if @session may read it
 * (%CRM_STORE_ERROR_NOT_FOUND otherwise, as for a missing quote or
 * version).  Reading needs no right to print; writing or printing it does.
 *
 * Returns: (transfer full): the content, or %NULL with @error set
 */
CrmDocumentContent *
crm_quote_document_content_new (CrmStore    *store,
                                CrmSession  *session,
                                gint64       quote_id,
                                gint         revision,
                                GError     **error)
{
  g_autoptr(CrmDocumentContent) content = NULL;
  g_autoptr(CrmQuote) quote = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (revision >= 0, NULL);

  if (!(quote = load_quote (store, session, quote_id, revision, error)))
    return NULL;
  content = crm_document_content_new ();
  add_header (content, quote);
  if (!add_company (content, store, error) ||
      !add_customer (content, store, session, quote, error))
    return NULL;
  content->intro = g_strdup (_("We are pleased to quote you the following goods and services:"));
  if (!add_lines (content, quote, error) ||
      !add_totals (content, quote, error))
    return NULL;
  crm_document_content_add_section (content, _("Terms"), quote->terms);
  crm_document_content_add_section (content, _("Notes"), quote->notes);
  if (!add_signatures (content, store, quote, error))
    return NULL;
  return g_steal_pointer (&content);
}
