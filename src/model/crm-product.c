/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-product"

#include "config.h"

#include "crm-product.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"

struct _CrmProduct
{
  GObject   parent_instance;

  gint64    id;
  char     *code;
  char     *name;
  char     *unit;
  gint64    list_price;
  gint64    cost_price;
  gint64    category_id;
  char     *category_name;
  char     *description;
  int       vat_rate_bp;
  gboolean  cost_hidden;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (CrmProduct, crm_product, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_UNIT,
  PROP_LIST_PRICE,
  PROP_COST_PRICE,
  PROP_COST_HIDDEN,
  PROP_VAT_RATE_BP,
  PROP_CATEGORY_ID,
  PROP_CATEGORY_NAME,
  PROP_ACTIVE,
  PROP_DESCRIPTION,
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

static gboolean
replace_int64 (gint64 *field,
               gint64  value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

static void
crm_product_finalize (GObject *object)
{
  CrmProduct *self = CRM_PRODUCT (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->category_name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (crm_product_parent_class)->finalize (object);
}

static void
crm_product_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmProduct *self = CRM_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_LIST_PRICE:
      g_value_set_int64 (value, self->list_price);
      break;
    case PROP_COST_PRICE:
      g_value_set_int64 (value, self->cost_price);
      break;
    case PROP_COST_HIDDEN:
      g_value_set_boolean (value, self->cost_hidden);
      break;
    case PROP_VAT_RATE_BP:
      g_value_set_int (value, self->vat_rate_bp);
      break;
    case PROP_CATEGORY_ID:
      g_value_set_int64 (value, self->category_id);
      break;
    case PROP_CATEGORY_NAME:
      g_value_set_string (value, self->category_name);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_product_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmProduct *self = CRM_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_ID:
      crm_product_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_CODE:
      crm_product_set_code (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      crm_product_set_name (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      crm_product_set_unit (self, g_value_get_string (value));
      break;
    case PROP_LIST_PRICE:
      crm_product_set_list_price (self, g_value_get_int64 (value));
      break;
    case PROP_COST_PRICE:
      crm_product_set_cost_price (self, g_value_get_int64 (value));
      break;
    case PROP_COST_HIDDEN:
      crm_product_set_cost_hidden (self, g_value_get_boolean (value));
      break;
    case PROP_VAT_RATE_BP:
      crm_product_set_vat_rate_bp (self, g_value_get_int (value));
      break;
    case PROP_CATEGORY_ID:
      crm_product_set_category_id (self, g_value_get_int64 (value));
      break;
    case PROP_CATEGORY_NAME:
      crm_product_set_category_name (self, g_value_get_string (value));
      break;
    case PROP_ACTIVE:
      crm_product_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_DESCRIPTION:
      crm_product_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PROPERTY_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, PROPERTY_FLAGS);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, PROPERTY_FLAGS);
}

static GParamSpec *
boolean_property (const char *name,
                  gboolean    default_value)
{
  return g_param_spec_boolean (name, NULL, NULL, default_value, PROPERTY_FLAGS);
}

static void
crm_product_class_init (CrmProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_product_finalize;
  object_class->get_property = crm_product_get_property;
  object_class->set_property = crm_product_set_property;

  properties[PROP_ID] = int64_property ("id");
  properties[PROP_CODE] = string_property ("code");
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_UNIT] = string_property ("unit");
  properties[PROP_LIST_PRICE] = int64_property ("list-price");
  properties[PROP_COST_PRICE] = int64_property ("cost-price");
  properties[PROP_COST_HIDDEN] = boolean_property ("cost-hidden", FALSE);
  properties[PROP_VAT_RATE_BP] =
    g_param_spec_int ("vat-rate-bp", NULL, NULL, 0, 10000, 1000, PROPERTY_FLAGS);
  properties[PROP_CATEGORY_ID] = int64_property ("category-id");
  properties[PROP_CATEGORY_NAME] = string_property ("category-name");
  properties[PROP_ACTIVE] = boolean_property ("active", TRUE);
  properties[PROP_DESCRIPTION] = string_property ("description");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_product_init (CrmProduct *self)
{
  self->vat_rate_bp = 1000;
  self->active = TRUE;
}

CrmProduct *
crm_product_new (void)
{
  return g_object_new (CRM_TYPE_PRODUCT, NULL);
}

/* An editor works on a copy and hands it to the store on save. */
CrmProduct *
crm_product_copy (CrmProduct *self)
{
  CrmProduct *copy;

  g_return_val_if_fail (CRM_IS_PRODUCT (self), NULL);

  copy = crm_product_new ();
  copy->id = self->id;
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->unit = g_strdup (self->unit);
  copy->list_price = self->list_price;
  copy->cost_price = self->cost_price;
  copy->cost_hidden = self->cost_hidden;
  copy->vat_rate_bp = self->vat_rate_bp;
  copy->category_id = self->category_id;
  copy->category_name = g_strdup (self->category_name);
  copy->active = self->active;
  copy->description = g_strdup (self->description);
  return copy;
}

gint64
crm_product_get_id (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), 0);
  return self->id;
}

void
crm_product_set_id (CrmProduct *self,
                    gint64      id)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_int64 (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
crm_product_get_code (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), NULL);
  return self->code;
}

void
crm_product_set_code (CrmProduct *self,
                      const char *code)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_string (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
crm_product_get_name (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), NULL);
  return self->name;
}

void
crm_product_set_name (CrmProduct *self,
                      const char *name)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
crm_product_get_unit (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), NULL);
  return self->unit;
}

void
crm_product_set_unit (CrmProduct *self,
                      const char *unit)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_string (&self->unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

gint64
crm_product_get_list_price (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), 0);
  return self->list_price;
}

void
crm_product_set_list_price (CrmProduct *self,
                            gint64      list_price)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_int64 (&self->list_price, list_price))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_PRICE]);
}

gint64
crm_product_get_cost_price (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), 0);
  return self->cost_price;
}

void
crm_product_set_cost_price (CrmProduct *self,
                            gint64      cost_price)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_int64 (&self->cost_price, cost_price))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST_PRICE]);
}

gboolean
crm_product_get_cost_hidden (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), FALSE);
  return self->cost_hidden;
}

void
crm_product_set_cost_hidden (CrmProduct *self,
                             gboolean    cost_hidden)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  cost_hidden = !!cost_hidden;
  if (self->cost_hidden == cost_hidden)
    return;
  self->cost_hidden = cost_hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST_HIDDEN]);
}

int
crm_product_get_vat_rate_bp (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), 0);
  return self->vat_rate_bp;
}

void
crm_product_set_vat_rate_bp (CrmProduct *self,
                             int         vat_rate_bp)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (self->vat_rate_bp == vat_rate_bp)
    return;
  self->vat_rate_bp = vat_rate_bp;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAT_RATE_BP]);
}

gint64
crm_product_get_category_id (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), 0);
  return self->category_id;
}

void
crm_product_set_category_id (CrmProduct *self,
                             gint64      category_id)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_int64 (&self->category_id, category_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_ID]);
}

const char *
crm_product_get_category_name (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), NULL);
  return self->category_name;
}

void
crm_product_set_category_name (CrmProduct *self,
                               const char *category_name)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_string (&self->category_name, category_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_NAME]);
}

gboolean
crm_product_get_active (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), FALSE);
  return self->active;
}

void
crm_product_set_active (CrmProduct *self,
                        gboolean    active)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

const char *
crm_product_get_description (CrmProduct *self)
{
  g_return_val_if_fail (CRM_IS_PRODUCT (self), NULL);
  return self->description;
}

void
crm_product_set_description (CrmProduct *self,
                             const char *description)
{
  g_return_if_fail (CRM_IS_PRODUCT (self));

  if (replace_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gboolean
crm_product_vat_rate_is_valid (int vat_rate_bp)
{
  return vat_rate_bp == 0 || vat_rate_bp == 500 || vat_rate_bp == 800 || vat_rate_bp == 1000;
}

/* The trimmed copy of @text, "" for NULL. */
static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static gboolean
validate_code (CrmProduct  *self,
               GError     **error)
{
  g_autofree char *code = trimmed (self->code);

  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                             _("A product code cannot contain spaces."));
        return FALSE;
      }
  if (g_utf8_strlen (code, -1) > CRM_PRODUCT_CODE_MAX)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("A product code has at most %d characters."), CRM_PRODUCT_CODE_MAX);
      return FALSE;
    }
  crm_product_set_code (self, *code != '\0' ? code : NULL);
  return TRUE;
}

static gboolean
validate_prices (CrmProduct  *self,
                 GError     **error)
{
  if (self->list_price < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The list price cannot be negative."));
      return FALSE;
    }
  if (self->cost_price < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The cost price cannot be negative."));
      return FALSE;
    }
  if (!crm_product_vat_rate_is_valid (self->vat_rate_bp))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The VAT rate must be 0 %, 5 %, 8 % or 10 %."));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_product_validate:
 *
 * See the header.  On error @self may be partly normalised; nothing has
 * been stored.
 */
gboolean
crm_product_validate (CrmProduct  *self,
                      GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (CRM_IS_PRODUCT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_code (self, error))
    return FALSE;
  if (crm_text_is_blank (self->name))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the product's name."));
      return FALSE;
    }
  if (!validate_prices (self, error))
    return FALSE;

  name = trimmed (self->name);
  unit = trimmed (self->unit);
  description = trimmed (self->description);
  crm_product_set_name (self, name);
  crm_product_set_unit (self, unit);
  crm_product_set_description (self, *description != '\0' ? description : NULL);
  if (self->category_id < 0)
    crm_product_set_category_id (self, 0);
  return TRUE;
}
