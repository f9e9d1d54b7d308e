/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-document"

#include "config.h"

#include "crm-contract-document.h"

#include <glib/gi18n-lib.h>

#include "crm-contract-store.h"
#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-money-words.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* A contract as a document source for crm-document.c: the two parties
 * (the customer as party A, the company as party B, each with the person
 * who signs and their title), the lines and totals as a quote prints them
 * (amounts after discount, VAT per rate, the grand total in words), the
 * payment schedule, the payment terms and terms, and the signatures.  A
 * saved version prints what it was saved with; the customer's address,
 * tax code and phone, and the company's details, are today's. */

#define AUDIT_ENTITY "contract"

static CrmContract *
load_contract (CrmStore    *store,
               CrmSession  *session,
               gint64       contract_id,
               gint         revision,
               GError     **error)
{
  g_autoptr(CrmContractRevision) saved = NULL;
  g_autoptr(CrmContract) current = NULL;
  CrmContract *contract;

  if (!(current = crm_contract_store_get (store, session, contract_id, error)))
    return NULL;
  if (revision == 0)
    return g_steal_pointer (&current);
  if (!(saved = crm_contract_store_get_revision (store, session, contract_id, revision, error)))
    return NULL;
  contract = g_steal_pointer (&saved->contract);
  contract->id = contract_id;
  contract->revision = revision;
  if (contract->code == NULL)
    contract->code = g_strdup (current->code);
  if (contract->customer_name == NULL)
    contract->customer_name = g_strdup (current->customer_name);
  return contract;
}

static char *
setting (CrmStore    *store,
         const char  *key,
         GError     **error)
{
  char *value = crm_settings_get (store, key, error);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static char *
format_date (const char *iso)
{
  char *date = iso != NULL ? crm_date_format (iso) : NULL;

  return date != NULL ? date : g_strdup (iso);
}

/* "Nguyễn Văn An, Giám đốc". */
static char *
person_text (const char *name,
             const char *title)
{
  if (name == NULL)
    return NULL;
  if (title == NULL)
    return g_strdup (name);
  return g_strdup_printf ("%s, %s", name, title);
}

static gboolean
add_company (CrmDocumentContent  *content,
             CrmStore            *store,
             const CrmContract   *contract,
             GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *person = person_text (contract->company_rep, contract->company_rep_title);
  CrmDocumentParty *party;

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
  party = crm_document_content_add_party (content, _("Party B (the company)"));
  crm_document_party_add_field (party, _("Name"), content->company_name);
  crm_document_party_add_field (party, _("Address"), content->company_address);
  crm_document_party_add_field (party, _("Tax code"), content->company_tax_code);
  crm_document_party_add_field (party, _("Phone"), content->company_phone);
  crm_document_party_add_field (party, _("Represented by"), person);
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
              const CrmContract   *contract,
              GError             **error)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *person = person_text (contract->customer_rep, contract->customer_rep_title);
  CrmDocumentParty *party;

  if (!(customer = crm_customer_store_get (store, session, contract->customer_id, error)))
    return FALSE;
  address = customer_address (customer);
  if (customer->phones != NULL && customer->phones->len > 0)
    phone = crm_phone_format (g_ptr_array_index (customer->phones, 0));
  party = crm_document_content_add_party (content, _("Party A (the customer)"));
  crm_document_party_add_field (party, _("Name"), contract->customer_name ? contract->customer_name
                                                                         : customer->full_name);
  crm_document_party_add_field (party, _("Customer code"), customer->code);
  crm_document_party_add_field (party, _("Address"), address);
  crm_document_party_add_field (party, _("Tax code"), customer->tax_code);
  crm_document_party_add_field (party, _("Phone"), phone);
  crm_document_party_add_field (party, _("Represented by"), person);
  return TRUE;
}

static gboolean
add_lines (CrmDocumentContent  *content,
           const CrmContract   *contract,
           GError             **error)
{
  for (guint i = 0; i < contract->lines->len; i++)
    {
      const CrmQuoteLine *line = g_ptr_array_index (contract->lines, i);
      g_autofree char *quantity = crm_quote_format_quantity (line->quantity_milli);
      g_autofree char *price = crm_money_format_plain (line->unit_price);
      g_autofree char *discount = line->discount_bp > 0 ? crm_rate_format (line->discount_bp) : NULL;
      g_autofree char *amount = NULL;
      gint64 net = 0;

      if (!crm_quote_line_amounts (line, NULL, NULL, &net, error))
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
            const CrmContract   *contract,
            GError             **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *words = NULL;

  if (!crm_contract_compute_totals (contract, &totals, error))
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
  add_total (content, _("Contract value"), totals.grand_total);
  words = crm_money_words (totals.grand_total);
  content->amount_in_words = g_strdup_printf (_("Amount in words: %s"), words);
  return TRUE;
}

/* "Payment 1: 4.000.000 ₫ due 01/04/2026 (on signing)", one per line. */
static char *
schedule_text (const CrmContract *contract)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < contract->instalments->len; i++)
    {
      const CrmContractInstalment *instalment = g_ptr_array_index (contract->instalments, i);
      g_autofree char *amount = crm_money_format (instalment->amount);
      g_autofree char *due = format_date (instalment->due_on);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Payment %u: %s due %s"), i + 1, amount, due ? due : "");
      if (instalment->note != NULL)
        g_string_append_printf (text, " (%s)", instalment->note);
    }
  return g_string_free (text, FALSE);
}

static void
add_header (CrmDocumentContent *content,
            const CrmContract  *contract)
{
  g_autofree char *version = g_strdup_printf ("%d", contract->revision);
  g_autofree char *signed_on = format_date (contract->signed_on);
  g_autofree char *starts = format_date (contract->starts_on);
  g_autofree char *ends = format_date (contract->ends_on);
  g_autofree char *term = NULL;

  if (starts != NULL || ends != NULL)
    term = g_strdup_printf ("%s – %s", starts ? starts : "…", ends ? ends : "…");
  content->entity = g_strdup (AUDIT_ENTITY);
  content->entity_id = contract->id;
  content->revision = contract->revision;
  content->title = g_strdup (_("CONTRACT"));
  content->running_title = g_strdup_printf (_("Contract %s, version %d"), contract->code, contract->revision);
  crm_document_content_add_reference (content, _("Number"), contract->code);
  crm_document_content_add_reference (content, _("Version"), version);
  if (contract->title != NULL)
    crm_document_content_add_reference (content, _("Subject"), contract->title);
  if (signed_on != NULL)
    crm_document_content_add_reference (content, _("Signed on"), signed_on);
  if (term != NULL)
    crm_document_content_add_reference (content, _("Term"), term);
  if (contract->quote_code != NULL)
    crm_document_content_add_reference (content, _("Quote"), contract->quote_code);
}

/**
 * crm_contract_document_content_new:
 * @revision: a saved version (1 for v1, …), or 0 for the contract as it is now
 *
 * The contract as a document, if @session may read it
 * (%CRM_STORE_ERROR_NOT_FOUND otherwise).
 *
 * Returns: (transfer full): the content, or %NULL with @error set
 */
CrmDocumentContent *
crm_contract_document_content_new (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       contract_id,
                                   gint         revision,
                                   GError     **error)
{
  g_autoptr(CrmDocumentContent) content = NULL;
  g_autoptr(CrmContract) contract = NULL;
  g_autofree char *schedule = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (revision >= 0, NULL);

  if (!(contract = load_contract (store, session, contract_id, revision, error)))
    return NULL;
  content = crm_document_content_new ();
  add_header (content, contract);
  if (!add_customer (content, store, session, contract, error) ||
      !add_company (content, store, contract, error))
    return NULL;
  content->intro = g_strdup (_("The parties agree on the following goods and services:"));
  if (!add_lines (content, contract, error) ||
      !add_totals (content, contract, error))
    return NULL;
  schedule = schedule_text (contract);
  crm_document_content_add_section (content, _("Payment schedule"), schedule);
  crm_document_content_add_section (content, _("Payment terms"), contract->payment_terms);
  crm_document_content_add_section (content, _("Terms"), contract->terms);
  content->signature_left = g_strdup (_("For party A"));
  content->signature_left_name = g_strdup (contract->customer_rep);
  content->signature_right = g_strdup (_("For party B"));
  content->signature_right_name = g_strdup (contract->company_rep);
  return g_steal_pointer (&content);
}

/**
 * crm_document_layout_new_for_contract:
 *
 * Returns: (transfer full): the contract laid out on A4 pages, or %NULL
 *   with @error set.
 */
CrmDocumentLayout *
crm_document_layout_new_for_contract (CrmStore    *store,
                                      CrmSession  *session,
                                      gint64       contract_id,
                                      gint         revision,
                                      GError     **error)
{
  CrmDocumentContent *content;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (revision >= 0, NULL);

  if (!(content = crm_contract_document_content_new (store, session, contract_id, revision, error)))
    return NULL;
  return crm_document_layout_new (store, session, content);
}
