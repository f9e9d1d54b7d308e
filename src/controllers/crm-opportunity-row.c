/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-opportunity-row"

#include "config.h"

#include "crm-opportunity-row.h"

#include "crm-money.h"

struct _CrmOpportunityRow
{
  GObject          parent_instance;

  CrmOpportunity  *opportunity;
  char            *value_text;
  char            *probability_text;
  char            *close_text;
};

G_DEFINE_FINAL_TYPE (CrmOpportunityRow, crm_opportunity_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_CUSTOMER_NAME,
  PROP_OWNER_NAME,
  PROP_STAGE_LABEL,
  PROP_VALUE_TEXT,
  PROP_PROBABILITY_TEXT,
  PROP_CLOSE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_opportunity_row_finalize (GObject *object)
{
  CrmOpportunityRow *self = CRM_OPPORTUNITY_ROW (object);

  g_clear_pointer (&self->opportunity, crm_opportunity_free);
  g_free (self->value_text);
  g_free (self->probability_text);
  g_free (self->close_text);

  G_OBJECT_CLASS (crm_opportunity_row_parent_class)->finalize (object);
}

static void
crm_opportunity_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmOpportunityRow *self = CRM_OPPORTUNITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->opportunity->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, crm_opportunity_row_get_title (self));
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, crm_opportunity_row_get_customer_name (self));
      break;
    case PROP_OWNER_NAME:
      g_value_set_string (value, crm_opportunity_row_get_owner_name (self));
      break;
    case PROP_STAGE_LABEL:
      g_value_set_string (value, crm_opportunity_row_get_stage_label (self));
      break;
    case PROP_VALUE_TEXT:
      g_value_set_string (value, self->value_text);
      break;
    case PROP_PROBABILITY_TEXT:
      g_value_set_string (value, self->probability_text);
      break;
    case PROP_CLOSE_TEXT:
      g_value_set_string (value, self->close_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_row_class_init (CrmOpportunityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_opportunity_row_finalize;
  object_class->get_property = crm_opportunity_row_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_NAME] = g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_OWNER_NAME] = g_param_spec_string ("owner-name", NULL, NULL, NULL, flags);
  properties[PROP_STAGE_LABEL] = g_param_spec_string ("stage-label", NULL, NULL, NULL, flags);
  properties[PROP_VALUE_TEXT] = g_param_spec_string ("value-text", NULL, NULL, NULL, flags);
  properties[PROP_PROBABILITY_TEXT] = g_param_spec_string ("probability-text", NULL, NULL, NULL, flags);
  properties[PROP_CLOSE_TEXT] = g_param_spec_string ("close-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_opportunity_row_init (CrmOpportunityRow *self)
{
}

CrmOpportunityRow *
crm_opportunity_row_new (const CrmOpportunity *opportunity)
{
  CrmOpportunityRow *self;

  g_return_val_if_fail (opportunity != NULL, NULL);

  self = g_object_new (CRM_TYPE_OPPORTUNITY_ROW, NULL);
  self->opportunity = crm_opportunity_copy (opportunity);
  self->value_text = crm_money_format (opportunity->expected_value);
  self->probability_text = crm_rate_format (opportunity->probability_bp);
  self->close_text = crm_opportunity_format_close (opportunity);
  return self;
}

const CrmOpportunity *
crm_opportunity_row_get_opportunity (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->opportunity;
}

gint64
crm_opportunity_row_get_id (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), 0);
  return self->opportunity->id;
}

const char *
crm_opportunity_row_get_title (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->opportunity->title ? self->opportunity->title : "";
}

const char *
crm_opportunity_row_get_customer_name (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->opportunity->customer_name ? self->opportunity->customer_name : "";
}

const char *
crm_opportunity_row_get_owner_name (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->opportunity->owner_name ? self->opportunity->owner_name : "";
}

const char *
crm_opportunity_row_get_stage_label (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->opportunity->id > 0 ? crm_opportunity_stage_label (self->opportunity->stage) : "";
}

const char *
crm_opportunity_row_get_value_text (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->value_text;
}

const char *
crm_opportunity_row_get_probability_text (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->probability_text;
}

const char *
crm_opportunity_row_get_close_text (CrmOpportunityRow *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_ROW (self), NULL);
  return self->close_text;
}
