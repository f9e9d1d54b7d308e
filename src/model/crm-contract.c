/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract"

#include "config.h"

#include "crm-contract.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-money.h"
#include "crm-quote-snapshot.h"
#include "crm-text.h"
#include "crm-validate.h"

G_DEFINE_ENUM_TYPE (CrmContractStatus, crm_contract_status,
  G_DEFINE_ENUM_VALUE (CRM_CONTRACT_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (CRM_CONTRACT_STATUS_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (CRM_CONTRACT_STATUS_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (CRM_CONTRACT_STATUS_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (CRM_CONTRACT_STATUS_EXPIRED, "expired"))

G_DEFINE_BOXED_TYPE (CrmContractInstalment, crm_contract_instalment,
                     crm_contract_instalment_copy, crm_contract_instalment_free)
G_DEFINE_BOXED_TYPE (CrmContract, crm_contract, crm_contract_copy, crm_contract_free)
G_DEFINE_BOXED_TYPE (CrmContractRevision, crm_contract_revision,
                     crm_contract_revision_copy, crm_contract_revision_free)
G_DEFINE_BOXED_TYPE (CrmContractRow, crm_contract_row, crm_contract_row_copy, crm_contract_row_free)

#define SNAPSHOT_FORMAT 1

static const char *const status_names[CRM_CONTRACT_N_STATUSES] = {
  "draft", "active", "completed", "cancelled", "expired",
};

/* Statuses ----------------------------------------------------------------- */

const char *
crm_contract_status_to_string (CrmContractStatus status)
{
  if ((guint) status >= CRM_CONTRACT_N_STATUSES)
    return NULL;
  return status_names[status];
}

gboolean
crm_contract_status_from_string (const char        *text,
                                 CrmContractStatus *status)
{
  for (guint i = 0; text != NULL && i < CRM_CONTRACT_N_STATUSES; i++)
    if (strcmp (text, status_names[i]) == 0)
      {
        *status = (CrmContractStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_contract_status_label (CrmContractStatus status)
{
  switch (status)
    {
    case CRM_CONTRACT_STATUS_DRAFT:
      return _("Draft");
    case CRM_CONTRACT_STATUS_ACTIVE:
      return _("Active");
    case CRM_CONTRACT_STATUS_COMPLETED:
      return _("Completed");
    case CRM_CONTRACT_STATUS_CANCELLED:
      return _("Cancelled");
    case CRM_CONTRACT_STATUS_EXPIRED:
      return _("Expired");
    default:
      return "";
    }
}

gboolean
crm_contract_status_is_locked (CrmContractStatus status)
{
  return status == CRM_CONTRACT_STATUS_COMPLETED ||
         status == CRM_CONTRACT_STATUS_CANCELLED ||
         status == CRM_CONTRACT_STATUS_EXPIRED;
}

gboolean
crm_contract_status_can_become (CrmContractStatus from,
                                CrmContractStatus to)
{
  switch (from)
    {
    case CRM_CONTRACT_STATUS_DRAFT:
      return to == CRM_CONTRACT_STATUS_ACTIVE || to == CRM_CONTRACT_STATUS_CANCELLED;
    case CRM_CONTRACT_STATUS_ACTIVE:
      return to == CRM_CONTRACT_STATUS_COMPLETED || to == CRM_CONTRACT_STATUS_CANCELLED;
    case CRM_CONTRACT_STATUS_COMPLETED:
    case CRM_CONTRACT_STATUS_CANCELLED:
    case CRM_CONTRACT_STATUS_EXPIRED:
    default:
      return FALSE;
    }
}

/* Instalments -------------------------------------------------------------- */

CrmContractInstalment *
crm_contract_instalment_new (void)
{
  return g_new0 (CrmContractInstalment, 1);
}

CrmContractInstalment *
crm_contract_instalment_copy (const CrmContractInstalment *self)
{
  CrmContractInstalment *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmContractInstalment, 1);
  copy->id = self->id;
  copy->due_on = g_strdup (self->due_on);
  copy->amount = self->amount;
  copy->paid = self->paid;
  copy->paid_on = g_strdup (self->paid_on);
  copy->note = g_strdup (self->note);
  return copy;
}

void
crm_contract_instalment_free (CrmContractInstalment *self)
{
  if (self == NULL)
    return;
  g_free (self->due_on);
  g_free (self->paid_on);
  g_free (self->note);
  g_free (self);
}

/* Contracts ------------------------------------------------------------------ */

static GPtrArray *
new_lines (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_line_free);
}

static GPtrArray *
new_instalments (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contract_instalment_free);
}

CrmContract *
crm_contract_new (void)
{
  CrmContract *self = g_new0 (CrmContract, 1);

  self->status = CRM_CONTRACT_STATUS_DRAFT;
  self->revision = 1;
  self->lines = new_lines ();
  self->instalments = new_instalments ();
  return self;
}

CrmContract *
crm_contract_copy (const CrmContract *self)
{
  CrmContract *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmContract, 1);
  *copy = *self;
  copy->code = g_strdup (self->code);
  copy->title = g_strdup (self->title);
  copy->customer_rep = g_strdup (self->customer_rep);
  copy->customer_rep_title = g_strdup (self->customer_rep_title);
  copy->company_rep = g_strdup (self->company_rep);
  copy->company_rep_title = g_strdup (self->company_rep_title);
  copy->signed_on = g_strdup (self->signed_on);
  copy->starts_on = g_strdup (self->starts_on);
  copy->ends_on = g_strdup (self->ends_on);
  copy->payment_terms = g_strdup (self->payment_terms);
  copy->terms = g_strdup (self->terms);
  copy->quote_code = g_strdup (self->quote_code);
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->owner_name = g_strdup (self->owner_name);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  copy->lines = new_lines ();
  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    g_ptr_array_add (copy->lines, crm_quote_line_copy (g_ptr_array_index (self->lines, i)));
  copy->instalments = new_instalments ();
  for (guint i = 0; self->instalments != NULL && i < self->instalments->len; i++)
    g_ptr_array_add (copy->instalments,
                     crm_contract_instalment_copy (g_ptr_array_index (self->instalments, i)));
  return copy;
}

void
crm_contract_free (CrmContract *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->title);
  g_free (self->customer_rep);
  g_free (self->customer_rep_title);
  g_free (self->company_rep);
  g_free (self->company_rep_title);
  g_free (self->signed_on);
  g_free (self->starts_on);
  g_free (self->ends_on);
  g_free (self->payment_terms);
  g_free (self->terms);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->instalments, g_ptr_array_unref);
  g_free (self->quote_code);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->owner_name);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

CrmQuoteLine *
crm_contract_add_line (CrmContract  *self,
                       CrmQuoteLine *line)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  if (self->lines == NULL)
    self->lines = new_lines ();
  g_ptr_array_add (self->lines, line);
  return line;
}

CrmContractInstalment *
crm_contract_add_instalment (CrmContract           *self,
                             CrmContractInstalment *instalment)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (instalment != NULL, NULL);

  if (self->instalments == NULL)
    self->instalments = new_instalments ();
  g_ptr_array_add (self->instalments, instalment);
  return instalment;
}

/* Validation ------------------------------------------------------------------- */

/* Trimmed, and NULL when nothing is left. */
static void
normalise_text (char **field)
{
  if (*field == NULL)
    return;
  g_strstrip (*field);
  if (**field == '\0')
    g_clear_pointer (field, g_free);
}

/* An optional business date, rewritten to ISO; @bad_message says which
 * one is wrong. */
static gboolean
normalise_date (char        **field,
                const char   *bad_message,
                GError      **error)
{
  g_autofree char *iso = NULL;

  normalise_text (field);
  if (*field == NULL)
    return TRUE;
  if (!crm_date_parse (*field, &iso, NULL))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE, bad_message);
      return FALSE;
    }
  g_free (*field);
  *field = g_steal_pointer (&iso);
  return TRUE;
}

static gboolean
validate_header (CrmContract  *self,
                 GError      **error)
{
  if (self->customer_id <= 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Choose the customer this contract is with."));
      return FALSE;
    }
  if (!normalise_date (&self->signed_on, _("Enter the signing date as dd/MM/yyyy."), error) ||
      !normalise_date (&self->starts_on, _("Enter the start date as dd/MM/yyyy."), error) ||
      !normalise_date (&self->ends_on, _("Enter the end date as dd/MM/yyyy."), error))
    return FALSE;
  if (self->starts_on != NULL && self->ends_on != NULL && strcmp (self->ends_on, self->starts_on) < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The contract cannot end before it starts."));
      return FALSE;
    }
  normalise_text (&self->title);
  normalise_text (&self->customer_rep);
  normalise_text (&self->customer_rep_title);
  normalise_text (&self->company_rep);
  normalise_text (&self->company_rep_title);
  normalise_text (&self->payment_terms);
  normalise_text (&self->terms);
  self->quote_id = MAX (self->quote_id, 0);
  return TRUE;
}

/* Whether @day lies outside the contract's start..end (either may be open). */
static gboolean
outside_contract (const CrmContract *self,
                  const char        *day)
{
  return (self->starts_on != NULL && strcmp (day, self->starts_on) < 0) ||
         (self->ends_on != NULL && strcmp (day, self->ends_on) > 0);
}

static gboolean
validate_instalment (CrmContract            *self,
                     CrmContractInstalment  *instalment,
                     guint                   position,
                     GError                **error)
{
  normalise_text (&instalment->note);
  if (crm_text_is_blank (instalment->due_on))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                   _("Payment %u: enter the date it is due."), position);
      return FALSE;
    }
  if (!normalise_date (&instalment->due_on, _("Enter the due date of each payment as dd/MM/yyyy."), error))
    return FALSE;
  if (instalment->amount <= 0 || instalment->amount > CRM_QUOTE_MAX_AMOUNT)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Payment %u: the amount must be more than 0 ₫."), position);
      return FALSE;
    }
  if (outside_contract (self, instalment->due_on) && instalment->note == NULL)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Payment %u is due outside the contract's dates: add a note saying why."), position);
      return FALSE;
    }
  if (!instalment->paid)
    {
      g_clear_pointer (&instalment->paid_on, g_free);
      return TRUE;
    }
  if (crm_text_is_blank (instalment->paid_on))
    {
      g_free (instalment->paid_on);
      instalment->paid_on = g_strdup (instalment->due_on);
    }
  return normalise_date (&instalment->paid_on, _("Enter the date each payment was made as dd/MM/yyyy."), error);
}

gboolean
crm_contract_validate (CrmContract  *self,
                       GError      **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);

  if (!validate_header (self, error))
    return FALSE;
  if (self->lines == NULL)
    self->lines = new_lines ();
  if (self->instalments == NULL)
    self->instalments = new_instalments ();
  for (guint i = 0; i < self->lines->len; i++)
    if (!crm_quote_line_validate (g_ptr_array_index (self->lines, i), i + 1, error))
      return FALSE;
  for (guint i = 0; i < self->instalments->len; i++)
    if (!validate_instalment (self, g_ptr_array_index (self->instalments, i), i + 1, error))
      return FALSE;
  return crm_contract_compute_totals (self, &totals, error);
}

gboolean
crm_contract_check_activation (const CrmContract  *self,
                               GError            **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  gint64 scheduled;

  g_return_val_if_fail (self != NULL, FALSE);

  if (crm_text_is_blank (self->signed_on))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the date the contract was signed before activating it."));
      return FALSE;
    }
  if (self->lines == NULL || self->lines->len == 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Add at least one line before activating the contract."));
      return FALSE;
    }
  if (!crm_contract_compute_totals (self, &totals, error))
    return FALSE;
  scheduled = crm_contract_instalments_total (self);
  if (scheduled != totals.grand_total)
    {
      g_autofree char *value = crm_money_format (totals.grand_total);
      g_autofree char *sum = crm_money_format (scheduled);

      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("The payments add up to %s but the contract is worth %s: they must be equal before the contract is activated."),
                   sum, value);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_contract_compute_totals (const CrmContract  *self,
                             CrmQuoteTotals     *totals,
                             GError            **error)
{
  CrmQuote lines_only = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  /* The quote rules read nothing but the lines. */
  lines_only.lines = self->lines;
  return crm_quote_compute_totals (&lines_only, totals, error);
}

gint64
crm_contract_instalments_total (const CrmContract *self)
{
  gint64 sum = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; self->instalments != NULL && i < self->instalments->len; i++)
    sum += ((CrmContractInstalment *) g_ptr_array_index (self->instalments, i))->amount;
  return sum;
}

gint64
crm_contract_paid_total (const CrmContract *self)
{
  gint64 sum = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; self->instalments != NULL && i < self->instalments->len; i++)
    {
      CrmContractInstalment *instalment = g_ptr_array_index (self->instalments, i);

      if (instalment->paid)
        sum += instalment->amount;
    }
  return sum;
}

/* Comparing ------------------------------------------------------------------- */

static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL && *a != '\0' ? a : NULL, b != NULL && *b != '\0' ? b : NULL) == 0;
}

static gboolean
same_header (const CrmContract *a,
             const CrmContract *b)
{
  return a->customer_id == b->customer_id && a->quote_id == b->quote_id &&
         text_equal (a->title, b->title) &&
         text_equal (a->customer_rep, b->customer_rep) &&
         text_equal (a->customer_rep_title, b->customer_rep_title) &&
         text_equal (a->company_rep, b->company_rep) &&
         text_equal (a->company_rep_title, b->company_rep_title) &&
         text_equal (a->signed_on, b->signed_on) &&
         text_equal (a->starts_on, b->starts_on) &&
         text_equal (a->ends_on, b->ends_on) &&
         text_equal (a->payment_terms, b->payment_terms) &&
         text_equal (a->terms, b->terms);
}

static guint
n_items (GPtrArray *array)
{
  return array != NULL ? array->len : 0;
}

gboolean
crm_contract_same_content (const CrmContract *a,
                           const CrmContract *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (!same_header (a, b) || n_items (a->lines) != n_items (b->lines) ||
      n_items (a->instalments) != n_items (b->instalments))
    return FALSE;
  for (guint i = 0; i < n_items (a->lines); i++)
    if (crm_quote_line_compare (g_ptr_array_index (a->lines, i), g_ptr_array_index (b->lines, i)) != 0)
      return FALSE;
  for (guint i = 0; i < n_items (a->instalments); i++)
    {
      const CrmContractInstalment *x = g_ptr_array_index (a->instalments, i);
      const CrmContractInstalment *y = g_ptr_array_index (b->instalments, i);

      if (x->amount != y->amount || !text_equal (x->due_on, y->due_on) || !text_equal (x->note, y->note))
        return FALSE;
    }
  return TRUE;
}

gboolean
crm_contract_same_payments (const CrmContract *a,
                            const CrmContract *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (n_items (a->instalments) != n_items (b->instalments))
    return FALSE;
  for (guint i = 0; i < n_items (a->instalments); i++)
    {
      const CrmContractInstalment *x = g_ptr_array_index (a->instalments, i);
      const CrmContractInstalment *y = g_ptr_array_index (b->instalments, i);

      if (!x->paid != !y->paid || !text_equal (x->paid_on, y->paid_on))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
crm_contract_diff_lines (const CrmContract *old_contract,
                         const CrmContract *new_contract)
{
  CrmQuote old_lines = { 0 }, new_lines_ = { 0 };

  g_return_val_if_fail (old_contract != NULL && new_contract != NULL, NULL);

  old_lines.lines = old_contract->lines;
  new_lines_.lines = new_contract->lines;
  return crm_quote_diff_lines (&old_lines, &new_lines_);
}

char *
crm_contract_instalments_summary (const CrmContract *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < n_items (self->instalments); i++)
    {
      const CrmContractInstalment *instalment = g_ptr_array_index (self->instalments, i);
      g_autofree char *amount = crm_money_format (instalment->amount);
      g_autofree char *due = crm_date_format (instalment->due_on);
      g_autofree char *paid = crm_date_format (instalment->paid_on);

      if (due == NULL)
        due = g_strdup (instalment->due_on ? instalment->due_on : "");
      if (i > 0)
        g_string_append_c (text, '\n');
      if (instalment->paid)
        g_string_append_printf (text, _("Payment %u: %s due %s, paid %s"), i + 1, amount, due,
                                paid != NULL ? paid : "");
      else
        g_string_append_printf (text, _("Payment %u: %s due %s"), i + 1, amount, due);
      if (instalment->note != NULL)
        g_string_append_printf (text, " (%s)", instalment->note);
    }
  return g_string_free (text, FALSE);
}

/* Snapshots --------------------------------------------------------------------- */

static void
set_text (GKeyFile   *file,
          const char *group,
          const char *key,
          const char *value)
{
  if (value != NULL)
    g_key_file_set_string (file, group, key, value);
}

static void
write_header (GKeyFile             *file,
              const CrmContract    *contract,
              const CrmQuoteTotals *totals)
{
  static const char group[] = "contract";

  g_key_file_set_integer (file, group, "format", SNAPSHOT_FORMAT);
  set_text (file, group, "code", contract->code);
  g_key_file_set_integer (file, group, "revision", contract->revision);
  g_key_file_set_int64 (file, group, "customer_id", contract->customer_id);
  set_text (file, group, "customer_code", contract->customer_code);
  set_text (file, group, "customer_name", contract->customer_name);
  g_key_file_set_int64 (file, group, "quote_id", contract->quote_id);
  set_text (file, group, "quote_code", contract->quote_code);
  g_key_file_set_int64 (file, group, "owner_id", contract->owner_id);
  set_text (file, group, "title", contract->title);
  set_text (file, group, "customer_rep", contract->customer_rep);
  set_text (file, group, "customer_rep_title", contract->customer_rep_title);
  set_text (file, group, "company_rep", contract->company_rep);
  set_text (file, group, "company_rep_title", contract->company_rep_title);
  set_text (file, group, "signed_on", contract->signed_on);
  set_text (file, group, "starts_on", contract->starts_on);
  set_text (file, group, "ends_on", contract->ends_on);
  set_text (file, group, "payment_terms", contract->payment_terms);
  set_text (file, group, "terms", contract->terms);
  g_key_file_set_int64 (file, group, "subtotal", totals->subtotal);
  g_key_file_set_int64 (file, group, "discount_total", totals->discount_total);
  g_key_file_set_int64 (file, group, "vat_total", totals->vat_total);
  g_key_file_set_int64 (file, group, "value", totals->grand_total);
  g_key_file_set_integer (file, group, "lines", (gint) n_items (contract->lines));
  g_key_file_set_integer (file, group, "instalments", (gint) n_items (contract->instalments));
}

/**
 * crm_contract_snapshot_write:
 *
 * Returns: (transfer full): the text of @contract's version, with the
 *   totals as computed when it was saved.
 */
char *
crm_contract_snapshot_write (const CrmContract    *contract,
                             const CrmQuoteTotals *totals)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (contract != NULL, NULL);
  g_return_val_if_fail (totals != NULL, NULL);

  write_header (file, contract, totals);
  for (guint i = 0; i < n_items (contract->lines); i++)
    {
      const CrmQuoteLine *line = g_ptr_array_index (contract->lines, i);
      g_autofree char *group = g_strdup_printf ("line %u", i + 1);

      g_key_file_set_int64 (file, group, "id", line->id);
      g_key_file_set_int64 (file, group, "product_id", line->product_id);
      set_text (file, group, "description", line->description);
      set_text (file, group, "unit", line->unit);
      g_key_file_set_int64 (file, group, "quantity_milli", line->quantity_milli);
      g_key_file_set_int64 (file, group, "unit_price", line->unit_price);
      g_key_file_set_integer (file, group, "discount_bp", line->discount_bp);
      g_key_file_set_integer (file, group, "vat_rate_bp", line->vat_rate_bp);
    }
  for (guint i = 0; i < n_items (contract->instalments); i++)
    {
      const CrmContractInstalment *instalment = g_ptr_array_index (contract->instalments, i);
      g_autofree char *group = g_strdup_printf ("instalment %u", i + 1);

      g_key_file_set_int64 (file, group, "id", instalment->id);
      set_text (file, group, "due_on", instalment->due_on);
      g_key_file_set_int64 (file, group, "amount", instalment->amount);
      g_key_file_set_boolean (file, group, "paid", instalment->paid);
      set_text (file, group, "paid_on", instalment->paid_on);
      set_text (file, group, "note", instalment->note);
    }
  return g_key_file_to_data (file, NULL, NULL);
}

/* A missing key reads as NULL or 0: a snapshot is read as it was written. */
static char *
get_text (GKeyFile   *file,
          const char *group,
          const char *key)
{
  return g_key_file_get_string (file, group, key, NULL);
}

static gint64
get_int (GKeyFile   *file,
         const char *group,
         const char *key)
{
  return g_key_file_get_int64 (file, group, key, NULL);
}

static void
read_header (GKeyFile    *file,
             CrmContract *contract)
{
  static const char group[] = "contract";

  contract->code = get_text (file, group, "code");
  contract->revision = MAX ((gint) get_int (file, group, "revision"), 1);
  contract->customer_id = get_int (file, group, "customer_id");
  contract->customer_code = get_text (file, group, "customer_code");
  contract->customer_name = get_text (file, group, "customer_name");
  contract->quote_id = get_int (file, group, "quote_id");
  contract->quote_code = get_text (file, group, "quote_code");
  contract->owner_id = get_int (file, group, "owner_id");
  contract->title = get_text (file, group, "title");
  contract->customer_rep = get_text (file, group, "customer_rep");
  contract->customer_rep_title = get_text (file, group, "customer_rep_title");
  contract->company_rep = get_text (file, group, "company_rep");
  contract->company_rep_title = get_text (file, group, "company_rep_title");
  contract->signed_on = get_text (file, group, "signed_on");
  contract->starts_on = get_text (file, group, "starts_on");
  contract->ends_on = get_text (file, group, "ends_on");
  contract->payment_terms = get_text (file, group, "payment_terms");
  contract->terms = get_text (file, group, "terms");
  contract->value = get_int (file, group, "value");
  contract->vat_total = get_int (file, group, "vat_total");
}

static void
read_parts (GKeyFile    *file,
            CrmContract *contract)
{
  gint n_lines = (gint) get_int (file, "contract", "lines");
  gint n_instalments = (gint) get_int (file, "contract", "instalments");

  for (gint i = 1; i <= n_lines; i++)
    {
      g_autofree char *group = g_strdup_printf ("line %d", i);
      CrmQuoteLine *line = crm_contract_add_line (contract, crm_quote_line_new ());

      g_free (line->unit);
      line->id = get_int (file, group, "id");
      line->product_id = get_int (file, group, "product_id");
      line->description = get_text (file, group, "description");
      line->unit = get_text (file, group, "unit");
      line->quantity_milli = get_int (file, group, "quantity_milli");
      line->unit_price = get_int (file, group, "unit_price");
      line->discount_bp = (gint) get_int (file, group, "discount_bp");
      line->vat_rate_bp = (gint) get_int (file, group, "vat_rate_bp");
    }
  for (gint i = 1; i <= n_instalments; i++)
    {
      g_autofree char *group = g_strdup_printf ("instalment %d", i);
      CrmContractInstalment *instalment = crm_contract_add_instalment (contract, crm_contract_instalment_new ());

      instalment->id = get_int (file, group, "id");
      instalment->due_on = get_text (file, group, "due_on");
      instalment->amount = get_int (file, group, "amount");
      instalment->paid = g_key_file_get_boolean (file, group, "paid", NULL);
      instalment->paid_on = get_text (file, group, "paid_on");
      instalment->note = get_text (file, group, "note");
    }
}

/* The JSON the demo data writes for a contract's first version: what a
 * quote snapshot holds (code, customer, lines, terms). */
static CrmContract *
read_json (const char  *text,
           GError     **error)
{
  g_autoptr(CrmQuote) quote = NULL;
  g_auto(CrmQuoteTotals) totals = { 0 };
  CrmContract *contract;

  if (!(quote = crm_quote_snapshot_read (text, error)))
    return NULL;
  contract = crm_contract_new ();
  contract->code = g_strdup (quote->code);
  contract->revision = MAX (quote->revision, 1);
  contract->customer_id = quote->customer_id;
  contract->customer_code = g_strdup (quote->customer_code);
  contract->customer_name = g_strdup (quote->customer_name);
  contract->owner_id = quote->owner_id;
  contract->terms = g_strdup (quote->terms);
  g_ptr_array_extend_and_steal (contract->lines, g_steal_pointer (&quote->lines));
  quote->lines = new_lines ();
  if (crm_contract_compute_totals (contract, &totals, NULL))
    {
      contract->value = totals.grand_total;
      contract->vat_total = totals.vat_total;
    }
  return contract;
}

/**
 * crm_contract_snapshot_read:
 *
 * Returns: (transfer full): the contract as it was saved (status active),
 *   or %NULL with %CRM_STORE_ERROR_CORRUPT.
 */
CrmContract *
crm_contract_snapshot_read (const char  *text,
                            GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(CrmContract) contract = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '{')
    contract = read_json (text, error);
  else if (!g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, NULL) ||
           !g_key_file_has_group (file, "contract"))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                           _("This saved version of the contract cannot be read."));
      return NULL;
    }
  else
    {
      contract = crm_contract_new ();
      read_header (file, contract);
      read_parts (file, contract);
    }
  if (contract != NULL)
    contract->status = CRM_CONTRACT_STATUS_ACTIVE;
  return g_steal_pointer (&contract);
}

/* Revisions and rows ---------------------------------------------------------- */

CrmContractRevision *
crm_contract_revision_copy (const CrmContractRevision *self)
{
  CrmContractRevision *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmContractRevision, 1);
  *copy = *self;
  copy->created_at = g_strdup (self->created_at);
  copy->created_by_name = g_strdup (self->created_by_name);
  copy->snapshot = g_strdup (self->snapshot);
  copy->contract = self->contract != NULL ? crm_contract_copy (self->contract) : NULL;
  return copy;
}

void
crm_contract_revision_free (CrmContractRevision *self)
{
  if (self == NULL)
    return;
  g_free (self->created_at);
  g_free (self->created_by_name);
  g_free (self->snapshot);
  g_clear_pointer (&self->contract, crm_contract_free);
  g_free (self);
}

CrmContractRow *
crm_contract_row_copy (const CrmContractRow *self)
{
  CrmContractRow *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmContractRow, 1);
  *copy = *self;
  copy->code = g_strdup (self->code);
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->owner_name = g_strdup (self->owner_name);
  copy->title = g_strdup (self->title);
  copy->signed_on = g_strdup (self->signed_on);
  copy->starts_on = g_strdup (self->starts_on);
  copy->ends_on = g_strdup (self->ends_on);
  return copy;
}

void
crm_contract_row_free (CrmContractRow *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->owner_name);
  g_free (self->title);
  g_free (self->signed_on);
  g_free (self->starts_on);
  g_free (self->ends_on);
  g_free (self);
}
