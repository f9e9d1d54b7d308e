/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-funnel"

#include "config.h"

#include "crm-funnel.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-opportunity-list.h"

struct _CrmFunnel
{
  GObject                   parent_instance;

  CrmStore                 *store;
  CrmSession               *session;
  gint64                    owner_id;
  CrmOpportunityList       *columns[CRM_OPPORTUNITY_N_STAGES];
  CrmOpportunityStageTotal  totals[CRM_OPPORTUNITY_N_STAGES];
};

G_DEFINE_FINAL_TYPE (CrmFunnel, crm_funnel, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OWNER_ID,
  PROP_MAY_CHOOSE_OWNER,
  PROP_FIRST_STAGE,
  /* then a count and a value per stage */
  N_PROPS = PROP_FIRST_STAGE + 2 * CRM_OPPORTUNITY_N_STAGES
};

static GParamSpec *properties[N_PROPS];

#define COUNT_PROP(stage) (PROP_FIRST_STAGE + 2 * (stage))
#define VALUE_PROP(stage) (PROP_FIRST_STAGE + 2 * (stage) + 1)

static gboolean
may_choose_owner (CrmFunnel *self)
{
  return crm_session_get_role (self->session) != CRM_ROLE_STAFF;
}

static CrmOpportunityFilter *
filter_for (CrmFunnel *self,
            int        stage)
{
  CrmOpportunityFilter *filter = crm_opportunity_filter_new ();

  filter->stage = stage;
  filter->owner_id = self->owner_id;
  return filter;
}

/* Reads the column heads and notifies the figures that changed. */
static gboolean
load_totals (CrmFunnel  *self,
             GError    **error)
{
  g_autoptr(CrmOpportunityFilter) filter = filter_for (self, -1);
  CrmOpportunityStageTotal totals[CRM_OPPORTUNITY_N_STAGES];
  gboolean ok;

  ok = crm_opportunity_store_stage_totals (self->store, self->session, filter, totals, error);
  if (!ok)
    memset (totals, 0, sizeof totals);
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    {
      CrmOpportunityStageTotal old = self->totals[stage];

      self->totals[stage] = totals[stage];
      if (old.count != totals[stage].count)
        g_object_notify_by_pspec (G_OBJECT (self), properties[COUNT_PROP (stage)]);
      if (old.value != totals[stage].value)
        g_object_notify_by_pspec (G_OBJECT (self), properties[VALUE_PROP (stage)]);
    }
  return ok;
}

static void
crm_funnel_dispose (GObject *object)
{
  CrmFunnel *self = CRM_FUNNEL (object);

  for (guint i = 0; i < CRM_OPPORTUNITY_N_STAGES; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_funnel_parent_class)->dispose (object);
}

static void
crm_funnel_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmFunnel *self = CRM_FUNNEL (object);

  if (prop_id >= PROP_FIRST_STAGE && prop_id < N_PROPS)
    {
      guint stage = (prop_id - PROP_FIRST_STAGE) / 2;

      g_value_set_int64 (value, (prop_id - PROP_FIRST_STAGE) % 2 == 0 ? self->totals[stage].count
                                                                      : self->totals[stage].value);
      return;
    }
  switch (prop_id)
    {
    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;
    case PROP_MAY_CHOOSE_OWNER:
      g_value_set_boolean (value, self->session != NULL && may_choose_owner (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_funnel_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmFunnel *self = CRM_FUNNEL (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_OWNER_ID:
      if (!crm_funnel_set_owner_id (self, g_value_get_int64 (value), &error))
        g_warning ("Cannot show that owner's funnel: %s", error->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_funnel_class_init (CrmFunnelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = crm_funnel_dispose;
  object_class->get_property = crm_funnel_get_property;
  object_class->set_property = crm_funnel_set_property;

  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAY_CHOOSE_OWNER] =
    g_param_spec_boolean ("may-choose-owner", NULL, NULL, FALSE, read_only);
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    {
      const char *name = crm_opportunity_stage_to_string (stage);
      g_autofree char *count = g_strconcat (name, "-count", NULL);
      g_autofree char *value = g_strconcat (name, "-value", NULL);

      /* Interned: the names must outlive the class (G_PARAM_STATIC_NAME). */
      properties[COUNT_PROP (stage)] =
        g_param_spec_int64 (g_intern_string (count), NULL, NULL, 0, G_MAXINT64, 0, read_only);
      properties[VALUE_PROP (stage)] =
        g_param_spec_int64 (g_intern_string (value), NULL, NULL, 0, G_MAXINT64, 0, read_only);
    }
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_funnel_init (CrmFunnel *self)
{
}

/* Public API --------------------------------------------------------------------------- */

CrmFunnel *
crm_funnel_new (CrmStore   *store,
                CrmSession *session)
{
  CrmFunnel *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_FUNNEL, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  if (!may_choose_owner (self))
    self->owner_id = crm_session_get_user_id (session);
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    {
      g_autoptr(CrmOpportunityFilter) filter = filter_for (self, stage);

      self->columns[stage] = crm_opportunity_list_new (store, session);
      crm_opportunity_list_set_filter (self->columns[stage], filter, NULL);
    }
  return self;
}

/**
 * crm_funnel_reload:
 *
 * Reads the column heads and recounts every column (dropping its cached
 * cards).  On failure the funnel shows what it could read.
 */
gboolean
crm_funnel_reload (CrmFunnel  *self,
                   GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (CRM_IS_FUNNEL (self), FALSE);

  ok = load_totals (self, error);
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    ok = crm_opportunity_list_reload (self->columns[stage], ok ? error : NULL) && ok;
  return ok;
}

/**
 * crm_funnel_get_stage_model:
 *
 * Returns: (transfer none): the cards of @stage, a GListModel of
 *   CrmOpportunityRow
 */
GListModel *
crm_funnel_get_stage_model (CrmFunnel           *self,
                            CrmOpportunityStage  stage)
{
  g_return_val_if_fail (CRM_IS_FUNNEL (self), NULL);
  g_return_val_if_fail ((guint) stage < CRM_OPPORTUNITY_N_STAGES, NULL);

  return G_LIST_MODEL (self->columns[stage]);
}

gint64
crm_funnel_get_stage_count (CrmFunnel           *self,
                            CrmOpportunityStage  stage)
{
  g_return_val_if_fail (CRM_IS_FUNNEL (self), 0);
  g_return_val_if_fail ((guint) stage < CRM_OPPORTUNITY_N_STAGES, 0);

  return self->totals[stage].count;
}

gint64
crm_funnel_get_stage_value (CrmFunnel           *self,
                            CrmOpportunityStage  stage)
{
  g_return_val_if_fail (CRM_IS_FUNNEL (self), 0);
  g_return_val_if_fail ((guint) stage < CRM_OPPORTUNITY_N_STAGES, 0);

  return self->totals[stage].value;
}

gboolean
crm_funnel_get_may_choose_owner (CrmFunnel *self)
{
  g_return_val_if_fail (CRM_IS_FUNNEL (self), FALSE);
  return may_choose_owner (self);
}

gint64
crm_funnel_get_owner_id (CrmFunnel *self)
{
  g_return_val_if_fail (CRM_IS_FUNNEL (self), 0);
  return self->owner_id;
}

/**
 * crm_funnel_set_owner_id:
 * @owner_id: a user's id, or 0 for everyone's opportunities
 *
 * Shows one owner's funnel (reloading).  Staff see only their own:
 * anything else is refused with %CRM_PERMISSION_ERROR.
 */
gboolean
crm_funnel_set_owner_id (CrmFunnel  *self,
                         gint64      owner_id,
                         GError    **error)
{
  g_return_val_if_fail (CRM_IS_FUNNEL (self), FALSE);

  owner_id = MAX (owner_id, 0);
  if (owner_id == self->owner_id)
    return TRUE;
  if (!may_choose_owner (self))
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only managers and administrators may look at someone else's funnel."));
      return FALSE;
    }
  self->owner_id = owner_id;
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    {
      g_autoptr(CrmOpportunityFilter) filter = filter_for (self, stage);

      crm_opportunity_list_set_filter (self->columns[stage], filter, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
  return crm_funnel_reload (self, error);
}

/**
 * crm_funnel_move:
 * @lost_reason: (nullable): why, for a move to lost
 *
 * Moves a card to another column through the store (see
 * crm_opportunity_store_move()), then reloads.
 */
gboolean
crm_funnel_move (CrmFunnel            *self,
                 gint64                opportunity_id,
                 CrmOpportunityStage   stage,
                 const char           *lost_reason,
                 GError              **error)
{
  g_return_val_if_fail (CRM_IS_FUNNEL (self), FALSE);
  g_return_val_if_fail ((guint) stage < CRM_OPPORTUNITY_N_STAGES, FALSE);

  if (!crm_opportunity_store_move (self->store, self->session, opportunity_id, stage, lost_reason, error))
    return FALSE;
  return crm_funnel_reload (self, error);
}
