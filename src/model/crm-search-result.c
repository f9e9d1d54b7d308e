/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search-result"

#include "config.h"

#include "crm-search-result.h"

struct _CrmSearchResult
{
  GObject  parent_instance;

  char    *kind;
  gint64   ref_id;
  gint64   customer_id;
  char    *code;
  char    *title;
};

G_DEFINE_FINAL_TYPE (CrmSearchResult, crm_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_CODE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_search_result_finalize (GObject *object)
{
  CrmSearchResult *self = CRM_SEARCH_RESULT (object);

  g_free (self->kind);
  g_free (self->code);
  g_free (self->title);

  G_OBJECT_CLASS (crm_search_result_parent_class)->finalize (object);
}

static void
crm_search_result_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmSearchResult *self = CRM_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_search_result_class_init (CrmSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_search_result_finalize;
  object_class->get_property = crm_search_result_get_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_search_result_init (CrmSearchResult *self)
{
}

CrmSearchResult *
crm_search_result_new (const char *kind,
                       gint64      ref_id,
                       gint64      customer_id,
                       const char *code,
                       const char *title)
{
  CrmSearchResult *self = g_object_new (CRM_TYPE_SEARCH_RESULT, NULL);

  self->kind = g_strdup (kind);
  self->ref_id = ref_id;
  self->customer_id = customer_id;
  self->code = g_strdup (code);
  self->title = g_strdup (title);
  return self;
}

const char *
crm_search_result_get_kind (CrmSearchResult *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_RESULT (self), NULL);
  return self->kind;
}

gint64
crm_search_result_get_ref_id (CrmSearchResult *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_RESULT (self), 0);
  return self->ref_id;
}

gint64
crm_search_result_get_customer_id (CrmSearchResult *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_RESULT (self), 0);
  return self->customer_id;
}

const char *
crm_search_result_get_code (CrmSearchResult *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_RESULT (self), NULL);
  return self->code;
}

const char *
crm_search_result_get_title (CrmSearchResult *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_RESULT (self), NULL);
  return self->title;
}
