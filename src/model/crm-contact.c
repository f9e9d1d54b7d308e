/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact"

#include "config.h"

#include "crm-contact.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"
#include "crm-validate.h"

struct _CrmContact
{
  GObject   parent_instance;

  gint64    id;
  gint64    customer_id;
  char     *full_name;
  char     *position;
  char     *phone;
  char     *email;
  char     *notes;
  gboolean  is_primary;
};

G_DEFINE_FINAL_TYPE (CrmContact, crm_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_FULL_NAME,
  PROP_POSITION,
  PROP_PHONE,
  PROP_PHONE_DISPLAY,
  PROP_EMAIL,
  PROP_IS_PRIMARY,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* TRUE when the value changed, so setters notify only then. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
crm_contact_finalize (GObject *object)
{
  CrmContact *self = CRM_CONTACT (object);

  g_clear_pointer (&self->full_name, g_free);
  g_clear_pointer (&self->position, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (crm_contact_parent_class)->finalize (object);
}

static void
crm_contact_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmContact *self = CRM_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_POSITION:
      g_value_set_string (value, self->position);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_PHONE_DISPLAY:
      g_value_take_string (value, crm_contact_dup_phone_display (self));
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_IS_PRIMARY:
      g_value_set_boolean (value, self->is_primary);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contact_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmContact *self = CRM_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      crm_contact_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_CUSTOMER_ID:
      crm_contact_set_customer_id (self, g_value_get_int64 (value));
      break;
    case PROP_FULL_NAME:
      crm_contact_set_full_name (self, g_value_get_string (value));
      break;
    case PROP_POSITION:
      crm_contact_set_position (self, g_value_get_string (value));
      break;
    case PROP_PHONE:
      crm_contact_set_phone (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      crm_contact_set_email (self, g_value_get_string (value));
      break;
    case PROP_IS_PRIMARY:
      crm_contact_set_is_primary (self, g_value_get_boolean (value));
      break;
    case PROP_NOTES:
      crm_contact_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
id_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
crm_contact_class_init (CrmContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_contact_finalize;
  object_class->get_property = crm_contact_get_property;
  object_class->set_property = crm_contact_set_property;

  properties[PROP_ID] = id_property ("id");
  properties[PROP_CUSTOMER_ID] = id_property ("customer-id");
  properties[PROP_FULL_NAME] = string_property ("full-name");
  properties[PROP_POSITION] = string_property ("position");
  properties[PROP_PHONE] = string_property ("phone");
  properties[PROP_PHONE_DISPLAY] =
    g_param_spec_string ("phone-display", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] = string_property ("email");
  properties[PROP_IS_PRIMARY] =
    g_param_spec_boolean ("is-primary", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] = string_property ("notes");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_contact_init (CrmContact *self)
{
}

CrmContact *
crm_contact_new (void)
{
  return g_object_new (CRM_TYPE_CONTACT, NULL);
}

/* An editor works on a copy and hands it to the store on save. */
CrmContact *
crm_contact_copy (CrmContact *self)
{
  CrmContact *copy;

  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  copy = crm_contact_new ();
  copy->id = self->id;
  copy->customer_id = self->customer_id;
  copy->full_name = g_strdup (self->full_name);
  copy->position = g_strdup (self->position);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->notes = g_strdup (self->notes);
  copy->is_primary = self->is_primary;
  return copy;
}

gint64
crm_contact_get_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);
  return self->id;
}

void
crm_contact_set_id (CrmContact *self,
                    gint64      id)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
crm_contact_get_customer_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);
  return self->customer_id;
}

void
crm_contact_set_customer_id (CrmContact *self,
                             gint64      customer_id)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (self->customer_id == customer_id)
    return;
  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
crm_contact_get_full_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return self->full_name;
}

void
crm_contact_set_full_name (CrmContact *self,
                           const char *full_name)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (replace_string (&self->full_name, full_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAME]);
}

const char *
crm_contact_get_position (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return self->position;
}

void
crm_contact_set_position (CrmContact *self,
                          const char *position)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (replace_string (&self->position, position))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

const char *
crm_contact_get_phone (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return self->phone;
}

void
crm_contact_set_phone (CrmContact *self,
                       const char *phone)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (!replace_string (&self->phone, phone))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE_DISPLAY]);
}

const char *
crm_contact_get_email (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return self->email;
}

void
crm_contact_set_email (CrmContact *self,
                       const char *email)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (replace_string (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

gboolean
crm_contact_get_is_primary (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), FALSE);
  return self->is_primary;
}

void
crm_contact_set_is_primary (CrmContact *self,
                            gboolean    is_primary)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  is_primary = !!is_primary;
  if (self->is_primary == is_primary)
    return;
  self->is_primary = is_primary;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_PRIMARY]);
}

const char *
crm_contact_get_notes (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return self->notes;
}

void
crm_contact_set_notes (CrmContact *self,
                       const char *notes)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (replace_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

char *
crm_contact_dup_phone_display (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return crm_phone_format (self->phone);
}

/* An optional field through its checker: blank becomes NULL, a present
 * value its stored form, a wrong one the checker's message. */
static gboolean
normalise_optional (CrmContact   *self,
                    const char   *value,
                    void        (*set) (CrmContact *, const char *),
                    gboolean    (*check) (const char *, char **, GError **),
                    GError      **error)
{
  g_autofree char *normalised = NULL;

  if (crm_text_is_blank (value))
    {
      set (self, NULL);
      return TRUE;
    }
  if (check != NULL && !check (value, &normalised, error))
    return FALSE;
  if (check == NULL)
    normalised = g_strstrip (g_strdup (value));
  set (self, normalised);
  return TRUE;
}

/**
 * crm_contact_validate:
 *
 * Checks what a user typed and rewrites it to the stored form: the name
 * trimmed, the phone E.164, the email with its domain in lower case, empty
 * optional fields NULL.  On error @self may be partly normalised; nothing
 * has been stored.
 */
gboolean
crm_contact_validate (CrmContact  *self,
                      GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (crm_text_is_blank (self->full_name))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the contact's name."));
      return FALSE;
    }
  name = g_strstrip (g_strdup (self->full_name));
  crm_contact_set_full_name (self, name);

  return normalise_optional (self, self->phone, crm_contact_set_phone, crm_phone_normalize, error) &&
         normalise_optional (self, self->email, crm_contact_set_email, crm_email_validate, error) &&
         normalise_optional (self, self->position, crm_contact_set_position, NULL, error) &&
         normalise_optional (self, self->notes, crm_contact_set_notes, NULL, error);
}
