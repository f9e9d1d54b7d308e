/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-row"

#include "config.h"

#include "crm-customer-row.h"

#include "crm-customer.h"
#include "crm-enums.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-validate.h"

struct _CrmCustomerRow
{
  GObject            parent_instance;

  gint64             id;
  char              *code;
  char              *full_name;
  CrmCustomerKind    kind;
  const char        *province_name;  /* static, from the province table */
  CrmCustomerStatus  status;
  char              *owner_name;
  char              *last_contact;
  gint64             revenue;
  char              *revenue_text;
};

G_DEFINE_FINAL_TYPE (CrmCustomerRow, crm_customer_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_FULL_NAME,
  PROP_KIND,
  PROP_PROVINCE_NAME,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_OWNER_NAME,
  PROP_LAST_CONTACT,
  PROP_REVENUE,
  PROP_REVENUE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_customer_row_finalize (GObject *object)
{
  CrmCustomerRow *self = CRM_CUSTOMER_ROW (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->full_name, g_free);
  g_clear_pointer (&self->owner_name, g_free);
  g_clear_pointer (&self->last_contact, g_free);
  g_clear_pointer (&self->revenue_text, g_free);

  G_OBJECT_CLASS (crm_customer_row_parent_class)->finalize (object);
}

static void
crm_customer_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmCustomerRow *self = CRM_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PROVINCE_NAME:
      g_value_set_string (value, self->province_name);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, crm_customer_row_get_status_label (self));
      break;
    case PROP_OWNER_NAME:
      g_value_set_string (value, self->owner_name);
      break;
    case PROP_LAST_CONTACT:
      g_value_set_string (value, self->last_contact);
      break;
    case PROP_REVENUE:
      g_value_set_int64 (value, self->revenue);
      break;
    case PROP_REVENUE_TEXT:
      g_value_set_string (value, self->revenue_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
crm_customer_row_class_init (CrmCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_customer_row_finalize;
  object_class->get_property = crm_customer_row_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] = string_property ("code");
  properties[PROP_FULL_NAME] = string_property ("full-name");
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CRM_TYPE_CUSTOMER_KIND, CRM_CUSTOMER_KIND_PERSON,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVINCE_NAME] = string_property ("province-name");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CRM_TYPE_CUSTOMER_STATUS, CRM_CUSTOMER_STATUS_LEAD,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] = string_property ("status-label");
  properties[PROP_OWNER_NAME] = string_property ("owner-name");
  properties[PROP_LAST_CONTACT] = string_property ("last-contact");
  properties[PROP_REVENUE] =
    g_param_spec_int64 ("revenue", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVENUE_TEXT] = string_property ("revenue-text");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_customer_row_init (CrmCustomerRow *self)
{
}

/**
 * crm_customer_row_new:
 * @province_code: (nullable): a code of crm_provinces(); unknown codes show empty
 * @owner_name: (nullable): the assigned staff member's name
 * @last_contact_at: (nullable): UTC ISO-8601 timestamp or yyyy-MM-dd date
 */
CrmCustomerRow *
crm_customer_row_new (gint64             id,
                      const char        *code,
                      const char        *full_name,
                      CrmCustomerKind    kind,
                      const char        *province_code,
                      CrmCustomerStatus  status,
                      const char        *owner_name,
                      const char        *last_contact_at,
                      gint64             revenue)
{
  const CrmProvince *province = crm_province_get (province_code);
  CrmCustomerRow *self = g_object_new (CRM_TYPE_CUSTOMER_ROW, NULL);

  self->id = id;
  self->code = g_strdup (code ? code : "");
  self->full_name = g_strdup (full_name ? full_name : "");
  self->kind = kind;
  self->province_name = province ? province->short_name : "";
  self->status = status;
  self->owner_name = g_strdup (owner_name ? owner_name : "");
  self->last_contact = crm_day_format (last_contact_at);
  self->revenue = revenue;
  self->revenue_text = crm_money_format (revenue);
  return self;
}

gint64
crm_customer_row_get_id (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), 0);
  return self->id;
}

const char *
crm_customer_row_get_code (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  return self->code;
}

const char *
crm_customer_row_get_full_name (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  return self->full_name;
}

CrmCustomerKind
crm_customer_row_get_kind (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), CRM_CUSTOMER_KIND_PERSON);
  return self->kind;
}

const char *
crm_customer_row_get_province_name (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  return self->province_name;
}

CrmCustomerStatus
crm_customer_row_get_status (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), CRM_CUSTOMER_STATUS_LEAD);
  return self->status;
}

const char *
crm_customer_row_get_status_label (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  return crm_customer_status_label (self->status);
}

const char *
crm_customer_row_get_owner_name (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  return self->owner_name;
}

const char *
crm_customer_row_get_last_contact (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  return self->last_contact;
}

gint64
crm_customer_row_get_revenue (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), 0);
  return self->revenue;
}

const char *
crm_customer_row_get_revenue_text (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  return self->revenue_text;
}
