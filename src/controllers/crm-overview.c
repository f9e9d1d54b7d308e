/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-overview"

#include "config.h"

#include "crm-overview.h"
#include "crm-overview-store.h"

struct _CrmOverview
{
  GObject            parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmOverviewCounts  counts;
};

G_DEFINE_FINAL_TYPE (CrmOverview, crm_overview, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_CUSTOMERS,
  PROP_OPPORTUNITIES,
  PROP_QUOTES,
  PROP_CONTRACTS,
  PROP_ORDERS,
  PROP_EVENTS,
  PROP_CARE_CASES,
  PROP_CAMPAIGNS,
  PROP_PRODUCTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Property ids of the counts in the order of CrmOverviewCounts fields. */
static const struct
{
  const char *section;
  guint       prop_id;
  gsize       offset;
} count_fields[] = {
  { "customers", PROP_CUSTOMERS, G_STRUCT_OFFSET (CrmOverviewCounts, customers) },
  { "opportunities", PROP_OPPORTUNITIES, G_STRUCT_OFFSET (CrmOverviewCounts, opportunities) },
  { "quotes", PROP_QUOTES, G_STRUCT_OFFSET (CrmOverviewCounts, quotes) },
  { "contracts", PROP_CONTRACTS, G_STRUCT_OFFSET (CrmOverviewCounts, contracts) },
  { "orders", PROP_ORDERS, G_STRUCT_OFFSET (CrmOverviewCounts, orders) },
  { "calendar", PROP_EVENTS, G_STRUCT_OFFSET (CrmOverviewCounts, events) },
  { "care", PROP_CARE_CASES, G_STRUCT_OFFSET (CrmOverviewCounts, care_cases) },
  { "reports", PROP_CAMPAIGNS, G_STRUCT_OFFSET (CrmOverviewCounts, campaigns) },
  { "products", PROP_PRODUCTS, G_STRUCT_OFFSET (CrmOverviewCounts, products) },
};

static gint64
count_at (const CrmOverviewCounts *counts,
          gsize                    offset)
{
  return G_STRUCT_MEMBER (gint64, counts, offset);
}

static void
crm_overview_dispose (GObject *object)
{
  CrmOverview *self = CRM_OVERVIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_overview_parent_class)->dispose (object);
}

static void
crm_overview_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrmOverview *self = CRM_OVERVIEW (object);

  if (prop_id == PROP_STORE)
    {
      g_value_set_object (value, self->store);
      return;
    }
  if (prop_id == PROP_SESSION)
    {
      g_value_set_object (value, self->session);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    if (count_fields[i].prop_id == prop_id)
      {
        g_value_set_int64 (value, count_at (&self->counts, count_fields[i].offset));
        return;
      }
  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_overview_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrmOverview *self = CRM_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_overview_class_init (CrmOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_overview_dispose;
  object_class->get_property = crm_overview_get_property;
  object_class->set_property = crm_overview_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    properties[count_fields[i].prop_id] =
      g_param_spec_int64 (count_fields[i].section, NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_overview_init (CrmOverview *self)
{
}

CrmOverview *
crm_overview_new (CrmStore   *store,
                  CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_OVERVIEW, "store", store, "session", session, NULL);
}

gboolean
crm_overview_refresh (CrmOverview  *self,
                      GError      **error)
{
  CrmOverviewCounts counts = { 0 };
  CrmOverviewCounts old;

  g_return_val_if_fail (CRM_IS_OVERVIEW (self), FALSE);

  if (!crm_overview_store_count (self->store, self->session, &counts, error))
    return FALSE;

  old = self->counts;
  self->counts = counts;
  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    if (count_at (&old, count_fields[i].offset) != count_at (&counts, count_fields[i].offset))
      g_object_notify_by_pspec (G_OBJECT (self), properties[count_fields[i].prop_id]);
  return TRUE;
}

/* Count shown for a sidebar section (its name as in the GSettings key
 * last-section), -1 for sections without one. */
gint64
crm_overview_get_count (CrmOverview *self,
                        const char  *section)
{
  g_return_val_if_fail (CRM_IS_OVERVIEW (self), -1);

  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    if (g_strcmp0 (count_fields[i].section, section) == 0)
      return count_at (&self->counts, count_fields[i].offset);
  return -1;
}
