/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-category"

#include "config.h"

#include "crm-category.h"

struct _CrmCategory
{
  GObject  parent_instance;

  gint64   id;
  gint64   parent_id;
  char    *name;
  gint64   n_customers;
  gint64   n_own;
  guint    depth;
};

G_DEFINE_FINAL_TYPE (CrmCategory, crm_category, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARENT_ID,
  PROP_NAME,
  PROP_N_CUSTOMERS,
  PROP_N_OWN,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_category_finalize (GObject *object)
{
  CrmCategory *self = CRM_CATEGORY (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (crm_category_parent_class)->finalize (object);
}

static void
crm_category_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrmCategory *self = CRM_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_CUSTOMERS:
      g_value_set_int64 (value, self->n_customers);
      break;
    case PROP_N_OWN:
      g_value_set_int64 (value, self->n_own);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_category_class_init (CrmCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_category_finalize;
  object_class->get_property = crm_category_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PARENT_ID] = g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_N_CUSTOMERS] =
    g_param_spec_int64 ("n-customers", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_OWN] = g_param_spec_int64 ("n-own", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_category_init (CrmCategory *self)
{
}

/* Public API ---------------------------------------------------------------- */

/**
 * crm_category_new:
 * @parent_id: 0 for a top-level category
 *
 * A node with no customers counted yet.
 */
CrmCategory *
crm_category_new (gint64      id,
                  gint64      parent_id,
                  const char *name,
                  guint       depth)
{
  CrmCategory *self;

  g_return_val_if_fail (id >= 0 && parent_id >= 0, NULL);

  self = g_object_new (CRM_TYPE_CATEGORY, NULL);
  self->id = id;
  self->parent_id = parent_id;
  self->name = g_strdup (name ? name : "");
  self->depth = depth;
  return self;
}

gint64
crm_category_get_id (CrmCategory *self)
{
  g_return_val_if_fail (CRM_IS_CATEGORY (self), 0);
  return self->id;
}

gint64
crm_category_get_parent_id (CrmCategory *self)
{
  g_return_val_if_fail (CRM_IS_CATEGORY (self), 0);
  return self->parent_id;
}

const char *
crm_category_get_name (CrmCategory *self)
{
  g_return_val_if_fail (CRM_IS_CATEGORY (self), NULL);
  return self->name;
}

gint64
crm_category_get_n_customers (CrmCategory *self)
{
  g_return_val_if_fail (CRM_IS_CATEGORY (self), 0);
  return self->n_customers;
}

gint64
crm_category_get_n_own (CrmCategory *self)
{
  g_return_val_if_fail (CRM_IS_CATEGORY (self), 0);
  return self->n_own;
}

guint
crm_category_get_depth (CrmCategory *self)
{
  g_return_val_if_fail (CRM_IS_CATEGORY (self), 0);
  return self->depth;
}

void
crm_category_set_parent_id (CrmCategory *self,
                            gint64       parent_id)
{
  g_return_if_fail (CRM_IS_CATEGORY (self));
  g_return_if_fail (parent_id >= 0);

  if (self->parent_id == parent_id)
    return;
  self->parent_id = parent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
}

void
crm_category_set_name (CrmCategory *self,
                       const char  *name)
{
  g_return_if_fail (CRM_IS_CATEGORY (self));

  if (g_strcmp0 (self->name, name ? name : "") == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
crm_category_set_depth (CrmCategory *self,
                        guint        depth)
{
  g_return_if_fail (CRM_IS_CATEGORY (self));

  if (self->depth == depth)
    return;
  self->depth = depth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
}

/* Both counts at once, notified together after both are set so that a
 * label showing "own / total" never sees a half-updated pair. */
void
crm_category_set_counts (CrmCategory *self,
                         gint64       n_own,
                         gint64       n_customers)
{
  gboolean own_changed, total_changed;

  g_return_if_fail (CRM_IS_CATEGORY (self));
  g_return_if_fail (n_own >= 0 && n_customers >= n_own);

  own_changed = self->n_own != n_own;
  total_changed = self->n_customers != n_customers;
  self->n_own = n_own;
  self->n_customers = n_customers;
  g_object_freeze_notify (G_OBJECT (self));
  if (own_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OWN]);
  if (total_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
  g_object_thaw_notify (G_OBJECT (self));
}
