/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-editor"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-customer-editor.h"
#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-province.h"
#include "crm-validate.h"
#include "crm-text.h"

struct _CrmCustomerEditor
{
  GObject            parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmCustomer       *original;      /* as loaded; a blank one for a new customer */
  char              *text[CRM_CUSTOMER_N_FIELDS];
  char              *original_text[CRM_CUSTOMER_N_FIELDS];
  char              *error[CRM_CUSTOMER_N_FIELDS];
  CrmCustomerStatus  status;
  CrmCustomerKind    kind;
  char              *gender;        /* NULL, "male", "female", "other" */
  char              *source;        /* NULL or a source channel */
  gint64             category_id;
  gint64             assigned_to;
  char              *age;           /* "42 years old" for a valid birth date */
  GPtrArray         *duplicates;    /* CrmDuplicate */
  guint              hidden_duplicates;
  gboolean           dirty;
  gboolean           can_save;
};

G_DEFINE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, G_TYPE_OBJECT)

/* Property ids: the fields' texts first, then their errors, then the rest. */
enum {
  PROP_0,
  PROP_FIRST_FIELD,
  PROP_FIRST_ERROR = PROP_FIRST_FIELD + CRM_CUSTOMER_N_FIELDS,
  PROP_DIRTY = PROP_FIRST_ERROR + CRM_CUSTOMER_N_FIELDS,
  PROP_CAN_SAVE,
  PROP_ID,
  PROP_DUPLICATES_CHANGED,
  PROP_AGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const field_names[CRM_CUSTOMER_N_FIELDS] = {
  "full-name", "code", "tax-code", "phones", "emails", "birth-date", "street", "ward",
  "province", "website", "industry", "occupation", "needs", "notes", "tags",
};

/* Draft <-> customer ------------------------------------------------------ */

static char **
field_slot (CrmCustomer      *customer,
            CrmCustomerField  field)
{
  switch (field)
    {
    case CRM_CUSTOMER_FIELD_FULL_NAME: return &customer->full_name;
    case CRM_CUSTOMER_FIELD_CODE: return &customer->code;
    case CRM_CUSTOMER_FIELD_TAX_CODE: return &customer->tax_code;
    case CRM_CUSTOMER_FIELD_BIRTH_DATE: return &customer->birth_date;
    case CRM_CUSTOMER_FIELD_STREET: return &customer->street;
    case CRM_CUSTOMER_FIELD_WARD: return &customer->ward;
    case CRM_CUSTOMER_FIELD_PROVINCE: return &customer->province_code;
    case CRM_CUSTOMER_FIELD_WEBSITE: return &customer->website;
    case CRM_CUSTOMER_FIELD_INDUSTRY: return &customer->industry;
    case CRM_CUSTOMER_FIELD_OCCUPATION: return &customer->occupation;
    case CRM_CUSTOMER_FIELD_NEEDS: return &customer->needs;
    case CRM_CUSTOMER_FIELD_NOTES: return &customer->notes;
    case CRM_CUSTOMER_FIELD_PHONES:
    case CRM_CUSTOMER_FIELD_EMAILS:
    case CRM_CUSTOMER_FIELD_TAGS:
    case CRM_CUSTOMER_N_FIELDS:
    default:
      return NULL;
    }
}

static char *
join_list (GPtrArray *values,
           char     *(*format) (const char *))
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      g_autofree char *shown = format ? format (g_ptr_array_index (values, i))
                                      : g_strdup (g_ptr_array_index (values, i));
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, shown);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
split_list (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,;\\n]+", text ? text : "", 0, 0);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (!crm_text_is_blank (parts[i]))
      g_ptr_array_add (values, g_strstrip (g_strdup (parts[i])));
  return values;
}

/* What a field shows for the stored value: dates dd/MM/yyyy, phones
 * grouped as people read them. */
static char *
display_text (CrmCustomer      *customer,
              CrmCustomerField  field)
{
  char **slot;

  if (field == CRM_CUSTOMER_FIELD_PHONES)
    return join_list (customer->phones, crm_phone_format);
  if (field == CRM_CUSTOMER_FIELD_EMAILS)
    return join_list (customer->emails, NULL);
  if (field == CRM_CUSTOMER_FIELD_TAGS)
    return join_list (customer->tags, NULL);
  slot = field_slot (customer, field);
  if (field == CRM_CUSTOMER_FIELD_BIRTH_DATE && *slot != NULL)
    return crm_date_format (*slot);
  return g_strdup (*slot ? *slot : "");
}

/* The customer the draft describes, not yet validated. */
static CrmCustomer *
build_customer (CrmCustomerEditor *self)
{
  CrmCustomer *customer = crm_customer_copy (self->original);

  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      char **slot = field_slot (customer, field);

      if (slot == NULL)
        continue;
      g_free (*slot);
      *slot = crm_text_is_blank (self->text[field]) ? NULL : g_strstrip (g_strdup (self->text[field]));
    }
  g_ptr_array_unref (customer->phones);
  customer->phones = split_list (self->text[CRM_CUSTOMER_FIELD_PHONES]);
  g_ptr_array_unref (customer->emails);
  customer->emails = split_list (self->text[CRM_CUSTOMER_FIELD_EMAILS]);
  g_clear_pointer (&customer->tags, g_ptr_array_unref);
  customer->tags = split_list (self->text[CRM_CUSTOMER_FIELD_TAGS]);
  customer->status = self->status;
  customer->kind = self->kind;
  g_free (customer->gender);
  customer->gender = g_strdup (self->gender);
  g_free (customer->source);
  customer->source = g_strdup (self->source);
  customer->category_id = self->category_id;
  customer->assigned_to = self->assigned_to;
  return customer;
}

/* Validation ------------------------------------------------------------------ */

static gboolean
check_list (const char  *text,
            gboolean   (*check) (const char *, char **, GError **),
            GError     **error)
{
  g_autoptr(GPtrArray) values = split_list (text);

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *normalised = NULL;
      if (!check (g_ptr_array_index (values, i), &normalised, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_field (CrmCustomerEditor  *self,
             CrmCustomerField    field,
             GError            **error)
{
  const char *text = self->text[field];
  g_autofree char *normalised = NULL;

  switch (field)
    {
    case CRM_CUSTOMER_FIELD_FULL_NAME:
      if (!crm_text_is_blank (text))
        return TRUE;
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the customer's name."));
      return FALSE;
    case CRM_CUSTOMER_FIELD_CODE:
      if (!crm_text_is_blank (text) || self->original->id == 0)
        return TRUE;
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter a customer code."));
      return FALSE;
    case CRM_CUSTOMER_FIELD_TAX_CODE:
      return crm_text_is_blank (text) || crm_tax_code_validate (text, &normalised, error);
    case CRM_CUSTOMER_FIELD_BIRTH_DATE:
      return crm_text_is_blank (text) || crm_date_parse (text, &normalised, error);
    case CRM_CUSTOMER_FIELD_PHONES:
      return check_list (text, crm_phone_normalize, error);
    case CRM_CUSTOMER_FIELD_EMAILS:
      return check_list (text, crm_email_validate, error);
    case CRM_CUSTOMER_FIELD_PROVINCE:
      if (crm_text_is_blank (text) || crm_province_get (text) != NULL)
        return TRUE;
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("“%s” is not a province or city of Vietnam."), text);
      return FALSE;
    default:
      return TRUE;
    }
}

static void
validate_field (CrmCustomerEditor *self,
                CrmCustomerField   field)
{
  g_autoptr(GError) error = NULL;
  const char *message;

  check_field (self, field, &error);
  message = error ? error->message : NULL;
  if (g_strcmp0 (self->error[field], message) == 0)
    return;
  g_free (self->error[field]);
  self->error[field] = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_ERROR + field]);
}

/* The age a valid birth date gives today, in whole years. */
static void
update_age (CrmCustomerEditor *self)
{
  g_autofree char *iso = NULL;
  g_autofree char *age = NULL;

  if (self->error[CRM_CUSTOMER_FIELD_BIRTH_DATE] == NULL &&
      !crm_text_is_blank (self->text[CRM_CUSTOMER_FIELD_BIRTH_DATE]) &&
      crm_date_parse (self->text[CRM_CUSTOMER_FIELD_BIRTH_DATE], &iso, NULL))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int year, month, day, years;

      if (sscanf (iso, "%d-%d-%d", &year, &month, &day) == 3)
        {
          years = g_date_time_get_year (now) - year;
          if (g_date_time_get_month (now) < month ||
              (g_date_time_get_month (now) == month && g_date_time_get_day_of_month (now) < day))
            years--;
          if (years >= 0)
            age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old", years), years);
        }
    }
  if (g_strcmp0 (age, self->age) == 0)
    return;
  g_free (self->age);
  self->age = g_steal_pointer (&age);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGE]);
}

static void
set_flag (CrmCustomerEditor *self,
          gboolean          *flag,
          gboolean           value,
          guint              prop_id)
{
  if (*flag == value)
    return;
  *flag = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
update_state (CrmCustomerEditor *self)
{
  gboolean dirty = self->status != self->original->status || self->kind != self->original->kind ||
                   g_strcmp0 (self->gender, self->original->gender) != 0 ||
                   g_strcmp0 (self->source, self->original->source) != 0 ||
                   self->category_id != self->original->category_id ||
                   self->assigned_to != self->original->assigned_to;
  gboolean valid = TRUE;

  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      dirty = dirty || g_strcmp0 (self->text[field], self->original_text[field]) != 0;
      valid = valid && self->error[field] == NULL;
    }
  set_flag (self, &self->dirty, dirty, PROP_DIRTY);
  set_flag (self, &self->can_save, dirty && valid, PROP_CAN_SAVE);
}

/* Duplicates are looked for while the user types the identifying fields,
 * as soon as the draft is valid enough to compare. */
static void
update_duplicates (CrmCustomerEditor *self)
{
  g_autoptr(CrmCustomer) candidate = build_customer (self);
  g_autoptr(GPtrArray) found = NULL;
  guint hidden = 0;

  if (self->error[CRM_CUSTOMER_FIELD_FULL_NAME] == NULL)
    found = crm_customer_store_find_duplicates (self->store, self->session, candidate, &hidden, NULL);
  g_clear_pointer (&self->duplicates, g_ptr_array_unref);
  self->duplicates = found ? g_steal_pointer (&found)
                           : g_ptr_array_new_with_free_func ((GDestroyNotify) crm_duplicate_free);
  self->hidden_duplicates = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATES_CHANGED]);
}

static gboolean
identifies_customer (CrmCustomerField field)
{
  return field == CRM_CUSTOMER_FIELD_FULL_NAME || field == CRM_CUSTOMER_FIELD_TAX_CODE ||
         field == CRM_CUSTOMER_FIELD_PHONES || field == CRM_CUSTOMER_FIELD_EMAILS ||
         field == CRM_CUSTOMER_FIELD_PROVINCE;
}

/* Loading ----------------------------------------------------------------------- */

static void
take_customer (CrmCustomerEditor *self,
               CrmCustomer       *customer)
{
  g_clear_pointer (&self->original, crm_customer_free);
  self->original = customer;
  self->status = customer->status;
  self->kind = customer->kind;
  g_free (self->gender);
  self->gender = g_strdup (customer->gender);
  g_free (self->source);
  self->source = g_strdup (customer->source);
  self->category_id = customer->category_id;
  self->assigned_to = customer->assigned_to;
  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      g_free (self->original_text[field]);
      self->original_text[field] = display_text (customer, field);
      g_free (self->text[field]);
      self->text[field] = g_strdup (self->original_text[field]);
      g_clear_pointer (&self->error[field], g_free);
      validate_field (self, field);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + field]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  update_age (self);
  update_state (self);
  update_duplicates (self);
}

/* GObject ------------------------------------------------------------------------ */

static void
crm_customer_editor_dispose (GObject *object)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_customer_editor_parent_class)->dispose (object);
}

static void
crm_customer_editor_finalize (GObject *object)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (object);

  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      g_free (self->text[field]);
      g_free (self->original_text[field]);
      g_free (self->error[field]);
    }
  g_clear_pointer (&self->original, crm_customer_free);
  g_clear_pointer (&self->duplicates, g_ptr_array_unref);
  g_free (self->gender);
  g_free (self->source);
  g_free (self->age);

  G_OBJECT_CLASS (crm_customer_editor_parent_class)->finalize (object);
}

static void
crm_customer_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < PROP_FIRST_ERROR)
    g_value_set_string (value, self->text[prop_id - PROP_FIRST_FIELD]);
  else if (prop_id >= PROP_FIRST_ERROR && prop_id < PROP_DIRTY)
    g_value_set_string (value, self->error[prop_id - PROP_FIRST_ERROR]);
  else if (prop_id == PROP_DIRTY)
    g_value_set_boolean (value, self->dirty);
  else if (prop_id == PROP_CAN_SAVE)
    g_value_set_boolean (value, self->can_save);
  else if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->original->id);
  else if (prop_id == PROP_DUPLICATES_CHANGED)
    g_value_set_uint (value, self->duplicates ? self->duplicates->len : 0);
  else if (prop_id == PROP_AGE)
    g_value_set_string (value, self->age);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_customer_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < PROP_FIRST_ERROR)
    crm_customer_editor_set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_customer_editor_class_init (CrmCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_customer_editor_dispose;
  object_class->finalize = crm_customer_editor_finalize;
  object_class->get_property = crm_customer_editor_get_property;
  object_class->set_property = crm_customer_editor_set_property;

  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      g_autofree char *error_name = g_strconcat (field_names[field], "-error", NULL);

      properties[PROP_FIRST_FIELD + field] =
        g_param_spec_string (field_names[field], NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      properties[PROP_FIRST_ERROR + field] =
        g_param_spec_string (g_intern_string (error_name), NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
    }
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUPLICATES_CHANGED] =
    g_param_spec_uint ("n-duplicates", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGE] =
    g_param_spec_string ("age", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_customer_editor_init (CrmCustomerEditor *self)
{
  self->original = crm_customer_new ();
  self->duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_duplicate_free);
  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      self->text[field] = g_strdup ("");
      self->original_text[field] = g_strdup ("");
    }
}

/* Public API ---------------------------------------------------------------------- */

CrmCustomerEditor *
crm_customer_editor_new (CrmStore   *store,
                         CrmSession *session)
{
  CrmCustomerEditor *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CUSTOMER_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return self;
}

gboolean
crm_customer_editor_load (CrmCustomerEditor  *self,
                          gint64              customer_id,
                          GError            **error)
{
  CrmCustomer *customer;

  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), FALSE);

  customer = crm_customer_store_get (self->store, self->session, customer_id, error);
  if (customer == NULL)
    return FALSE;
  take_customer (self, customer);
  return TRUE;
}

void
crm_customer_editor_start_new (CrmCustomerEditor *self,
                               CrmCustomerKind    kind,
                               gint64             category_id)
{
  CrmCustomer *customer;

  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));

  customer = crm_customer_new ();
  customer->kind = kind;
  customer->category_id = category_id;
  take_customer (self, customer);
}

void
crm_customer_editor_set_field (CrmCustomerEditor *self,
                               CrmCustomerField   field,
                               const char        *text)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  g_return_if_fail (field < CRM_CUSTOMER_N_FIELDS);

  if (g_strcmp0 (self->text[field], text ? text : "") == 0)
    return;
  g_free (self->text[field]);
  self->text[field] = g_strdup (text ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + field]);
  validate_field (self, field);
  if (field == CRM_CUSTOMER_FIELD_BIRTH_DATE)
    update_age (self);
  update_state (self);
  if (identifies_customer (field))
    update_duplicates (self);
}

const char *
crm_customer_editor_get_field (CrmCustomerEditor *self,
                               CrmCustomerField   field)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field < CRM_CUSTOMER_N_FIELDS, NULL);
  return self->text[field];
}

const char *
crm_customer_editor_get_field_error (CrmCustomerEditor *self,
                                     CrmCustomerField   field)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field < CRM_CUSTOMER_N_FIELDS, NULL);
  return self->error[field];
}

void
crm_customer_editor_set_status (CrmCustomerEditor *self,
                                CrmCustomerStatus  status)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  self->status = status;
  update_state (self);
}

void
crm_customer_editor_set_kind (CrmCustomerEditor *self,
                              CrmCustomerKind    kind)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  self->kind = kind;
  update_state (self);
}

void
crm_customer_editor_set_gender (CrmCustomerEditor *self,
                                const char        *gender)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  g_free (self->gender);
  self->gender = crm_text_is_blank (gender) ? NULL : g_strdup (gender);
  update_state (self);
}

const char *
crm_customer_editor_get_gender (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  return self->gender;
}

void
crm_customer_editor_set_source (CrmCustomerEditor *self,
                                const char        *source)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  g_free (self->source);
  self->source = crm_text_is_blank (source) ? NULL : g_strdup (source);
  update_state (self);
}

const char *
crm_customer_editor_get_source (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  return self->source;
}

void
crm_customer_editor_set_category_id (CrmCustomerEditor *self,
                                     gint64             category_id)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  self->category_id = category_id;
  update_state (self);
}

gint64
crm_customer_editor_get_category_id (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), 0);
  return self->category_id;
}

void
crm_customer_editor_set_assigned_to (CrmCustomerEditor *self,
                                     gint64             user_id)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  self->assigned_to = user_id;
  update_state (self);
}

gint64
crm_customer_editor_get_assigned_to (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), 0);
  return self->assigned_to;
}

const char *
crm_customer_editor_get_age (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  return self->age;
}

CrmCustomerStatus
crm_customer_editor_get_status (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), CRM_CUSTOMER_STATUS_LEAD);
  return self->status;
}

CrmCustomerKind
crm_customer_editor_get_kind (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), CRM_CUSTOMER_KIND_PERSON);
  return self->kind;
}

gint64
crm_customer_editor_get_id (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), 0);
  return self->original->id;
}

/* The customer as last loaded or saved: what the draft started from. */
const CrmCustomer *
crm_customer_editor_get_original (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  return self->original;
}

gboolean
crm_customer_editor_get_dirty (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), FALSE);
  return self->dirty;
}

gboolean
crm_customer_editor_get_can_save (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), FALSE);
  return self->can_save;
}

/* Returns: (transfer none) (element-type CrmDuplicate) */
GPtrArray *
crm_customer_editor_get_duplicates (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  return self->duplicates;
}

guint
crm_customer_editor_get_hidden_duplicates (CrmCustomerEditor *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), 0);
  return self->hidden_duplicates;
}

/**
 * crm_customer_editor_save:
 *
 * Writes the draft: creates the customer or saves what changed.  On success
 * the saved customer becomes the new original (dirty is FALSE); on failure
 * the draft is kept as typed, so nothing the user entered is lost.
 */
gboolean
crm_customer_editor_save (CrmCustomerEditor  *self,
                          GError            **error)
{
  g_autoptr(CrmCustomer) customer = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), FALSE);

  if (!self->can_save)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           self->dirty ? _("Correct the fields marked in red before saving.")
                                       : _("Nothing has changed."));
      return FALSE;
    }
  customer = build_customer (self);
  if (customer->id == 0)
    id = crm_customer_store_create (self->store, self->session, customer, error);
  else
    id = crm_customer_store_update (self->store, self->session, customer, error) ? customer->id : 0;
  if (id == 0)
    return FALSE;
  return crm_customer_editor_load (self, id, error);
}

static gboolean
same_values (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* Whether @a and @b hold the same profile, leaving aside what logging a
 * contact changes (last contact, next contact due, version). */
static gboolean
same_profile (CrmCustomer *a,
              CrmCustomer *b)
{
  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      char **slot_a = field_slot (a, field);
      char **slot_b = field_slot (b, field);

      if (slot_a != NULL && g_strcmp0 (*slot_a, *slot_b) != 0)
        return FALSE;
    }
  return same_values (a->phones, b->phones) && same_values (a->emails, b->emails) &&
         a->status == b->status && a->kind == b->kind && a->category_id == b->category_id &&
         a->assigned_to == b->assigned_to && g_strcmp0 (a->gender, b->gender) == 0 &&
         g_strcmp0 (a->source, b->source) == 0;
}

/**
 * crm_customer_editor_refresh_contact_dates:
 *
 * Takes the last contact and next contact due the store now has, after
 * an interaction was logged from the profile, keeping the draft as typed.
 * When someone else also changed the profile meanwhile, the draft stays
 * on the version it was read with, so saving reports the conflict rather
 * than overwriting their work.
 */
gboolean
crm_customer_editor_refresh_contact_dates (CrmCustomerEditor  *self,
                                           GError            **error)
{
  g_autoptr(CrmCustomer) fresh = NULL;

  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), FALSE);

  if (self->original->id == 0)
    return TRUE;
  if (!(fresh = crm_customer_store_get (self->store, self->session, self->original->id, error)))
    return FALSE;
  if (!same_profile (self->original, fresh))
    return TRUE;
  g_free (self->original->last_contact_at);
  self->original->last_contact_at = g_steal_pointer (&fresh->last_contact_at);
  g_free (self->original->next_contact_due);
  self->original->next_contact_due = g_steal_pointer (&fresh->next_contact_due);
  self->original->row_version = fresh->row_version;
  return TRUE;
}

void
crm_customer_editor_revert (CrmCustomerEditor *self)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  take_customer (self, crm_customer_copy (self->original));
}
