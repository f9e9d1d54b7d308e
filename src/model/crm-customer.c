/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer.h"
#include "crm-error.h"
#include "crm-province.h"
#include "crm-text.h"
#include "crm-validate.h"

G_DEFINE_BOXED_TYPE (CrmCustomer, crm_customer, crm_customer_copy, crm_customer_free)

static const char *const kind_names[] = { "person", "organisation" };
static const char *const status_names[] = { "lead", "prospect", "customer", "inactive" };

CrmCustomer *
crm_customer_new (void)
{
  CrmCustomer *self = g_new0 (CrmCustomer, 1);

  self->kind = CRM_CUSTOMER_KIND_PERSON;
  self->status = CRM_CUSTOMER_STATUS_LEAD;
  self->phones = g_ptr_array_new_with_free_func (g_free);
  self->emails = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (strings, i)));
  return copy;
}

CrmCustomer *
crm_customer_copy (const CrmCustomer *self)
{
  CrmCustomer *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->full_name = g_strdup (self->full_name);
  copy->birth_date = g_strdup (self->birth_date);
  copy->gender = g_strdup (self->gender);
  copy->occupation = g_strdup (self->occupation);
  copy->street = g_strdup (self->street);
  copy->ward = g_strdup (self->ward);
  copy->province_code = g_strdup (self->province_code);
  copy->tax_code = g_strdup (self->tax_code);
  copy->website = g_strdup (self->website);
  copy->industry = g_strdup (self->industry);
  copy->source = g_strdup (self->source);
  copy->needs = g_strdup (self->needs);
  copy->notes = g_strdup (self->notes);
  copy->phones = copy_strings (self->phones);
  copy->emails = copy_strings (self->emails);
  copy->tags = self->tags ? copy_strings (self->tags) : NULL;
  copy->last_contact_at = g_strdup (self->last_contact_at);
  copy->next_contact_due = g_strdup (self->next_contact_due);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
crm_customer_free (CrmCustomer *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->full_name);
  g_free (self->birth_date);
  g_free (self->gender);
  g_free (self->occupation);
  g_free (self->street);
  g_free (self->ward);
  g_free (self->province_code);
  g_free (self->tax_code);
  g_free (self->website);
  g_free (self->industry);
  g_free (self->source);
  g_free (self->needs);
  g_free (self->notes);
  g_clear_pointer (&self->phones, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_free (self->last_contact_at);
  g_free (self->next_contact_due);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

/* An empty optional field is stored as NULL, never as "", so that "not
 * given" has one form and editing a field back to empty is no change. */
static void
clear_if_blank (char **field)
{
  if (crm_text_is_blank (*field))
    g_clear_pointer (field, g_free);
}

/* Optional fields are normalised in place when present; a present but
 * wrong value is refused with the field named in the message. */
static gboolean
normalise_optional (char        **field,
                    gboolean    (*check) (const char *, char **, GError **),
                    GError      **error)
{
  g_autofree char *normalised = NULL;

  if (crm_text_is_blank (*field))
    {
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  if (!check (*field, &normalised, error))
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&normalised);
  return TRUE;
}

static gboolean
normalise_list (GPtrArray  *values,
                gboolean  (*check) (const char *, char **, GError **),
                GError    **error)
{
  for (guint i = 0; i < values->len; )
    {
      char **value = (char **) &g_ptr_array_index (values, i);

      if (crm_text_is_blank (*value))
        {
          g_ptr_array_remove_index (values, i);
          continue;
        }
      if (!normalise_optional (value, check, error))
        return FALSE;
      i++;
    }
  return TRUE;
}

/**
 * crm_customer_validate:
 *
 * Checks every field a user typed and rewrites them to their stored form
 * (phones E.164, tax code canonical, dates ISO).  On error @self may be
 * partly normalised but nothing has been stored.
 */
gboolean
crm_customer_validate (CrmCustomer  *self,
                       GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (crm_text_is_blank (self->full_name))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the customer's name."));
      return FALSE;
    }
  if (self->province_code != NULL && *self->province_code != '\0' &&
      crm_province_get (self->province_code) == NULL)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("“%s” is not a province or city of Vietnam."), self->province_code);
      return FALSE;
    }

  clear_if_blank (&self->gender);
  clear_if_blank (&self->occupation);
  clear_if_blank (&self->street);
  clear_if_blank (&self->ward);
  clear_if_blank (&self->province_code);
  clear_if_blank (&self->website);
  clear_if_blank (&self->industry);
  clear_if_blank (&self->source);
  clear_if_blank (&self->needs);
  clear_if_blank (&self->notes);
  clear_if_blank (&self->next_contact_due);

  return normalise_optional (&self->tax_code, crm_tax_code_validate, error) &&
         normalise_optional (&self->birth_date, crm_date_parse, error) &&
         normalise_list (self->phones, crm_phone_normalize, error) &&
         normalise_list (self->emails, crm_email_validate, error);
}

static void
append_term (GString    *text,
             const char *term)
{
  if (term == NULL || *term == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, term);
}

/* crm_province_search_terms() of every province, computed once: the
 * terms never change, and a bulk import would otherwise fold the same
 * few dozen names for every row.  Indexed like crm_provinces(). */
static const char *
province_search_terms (const CrmProvince *province)
{
  static gsize initialised = 0;
  static char **terms = NULL;
  guint n_provinces;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  if (g_once_init_enter (&initialised))
    {
      terms = g_new0 (char *, n_provinces);
      for (guint i = 0; i < n_provinces; i++)
        terms[i] = crm_province_search_terms (&provinces[i]);
      g_once_init_leave (&initialised, 1);
    }
  g_assert (province >= provinces && province < provinces + n_provinces);
  return terms[province - provinces];
}

/* What the search index holds for a customer, before folding: name, code
 * (also without its zero padding), tax code, phones as people type them,
 * emails, tags, address and every name of the province. */
char *
crm_customer_search_text (const CrmCustomer *self)
{
  GString *text = g_string_new (NULL);
  const CrmProvince *province = self->province_code ? crm_province_get (self->province_code) : NULL;

  append_term (text, self->full_name);
  append_term (text, self->code);
  if (self->code != NULL)
    {
      g_autofree char *digits = crm_text_digits (self->code);
      const char *significant = digits;

      while (*significant == '0' && significant[1] != '\0')
        significant++;
      append_term (text, significant);
    }
  append_term (text, self->tax_code);
  for (guint i = 0; self->phones != NULL && i < self->phones->len; i++)
    {
      g_autofree char *terms = crm_text_phone_search_terms (g_ptr_array_index (self->phones, i));
      append_term (text, terms);
    }
  for (guint i = 0; self->emails != NULL && i < self->emails->len; i++)
    append_term (text, g_ptr_array_index (self->emails, i));
  for (guint i = 0; self->tags != NULL && i < self->tags->len; i++)
    append_term (text, g_ptr_array_index (self->tags, i));
  append_term (text, self->street);
  append_term (text, self->ward);
  if (province != NULL)
    append_term (text, province_search_terms (province));
  return g_string_free (text, FALSE);
}

const char *
crm_customer_kind_to_string (CrmCustomerKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), kind_names[0]);
  return kind_names[kind];
}

gboolean
crm_customer_kind_from_string (const char      *text,
                               CrmCustomerKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_customer_status_to_string (CrmCustomerStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), status_names[0]);
  return status_names[status];
}

gboolean
crm_customer_status_from_string (const char        *text,
                                 CrmCustomerStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_customer_status_label (CrmCustomerStatus status)
{
  switch (status)
    {
    case CRM_CUSTOMER_STATUS_LEAD:
      return _("Lead");
    case CRM_CUSTOMER_STATUS_PROSPECT:
      return _("Prospect");
    case CRM_CUSTOMER_STATUS_CUSTOMER:
      return _("Customer");
    case CRM_CUSTOMER_STATUS_INACTIVE:
    default:
      return _("Inactive");
    }
}
