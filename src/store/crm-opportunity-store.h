/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-opportunity.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY_FILTER (crm_opportunity_filter_get_type ())

/* Which opportunities a list shows, on top of what the session may see:
 * one stage (-1 for every stage), one owner (0 for everyone's) and a text
 * found, without tones, in the title or the customer's name (NULL or
 * blank for any). */
typedef struct
{
  int     stage;
  gint64  owner_id;
  char   *search;
} CrmOpportunityFilter;

/* How many opportunities a funnel column holds and what they are worth. */
typedef struct
{
  gint64 count;
  gint64 value;
} CrmOpportunityStageTotal;

GType                 crm_opportunity_filter_get_type        (void) G_GNUC_CONST;
CrmOpportunityFilter *crm_opportunity_filter_new             (void);
CrmOpportunityFilter *crm_opportunity_filter_copy            (const CrmOpportunityFilter *self);
void                  crm_opportunity_filter_free            (CrmOpportunityFilter       *self);
gboolean              crm_opportunity_filter_equal           (const CrmOpportunityFilter *a,
                                                              const CrmOpportunityFilter *b);

gint64                crm_opportunity_store_create           (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              CrmOpportunity             *opportunity,
                                                              GError                    **error);
CrmOpportunity       *crm_opportunity_store_get              (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              gint64                      opportunity_id,
                                                              GError                    **error);
gboolean              crm_opportunity_store_save             (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              CrmOpportunity             *opportunity,
                                                              GError                    **error);
gboolean              crm_opportunity_store_move             (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              gint64                      opportunity_id,
                                                              CrmOpportunityStage         stage,
                                                              const char                 *lost_reason,
                                                              GError                    **error);
gboolean              crm_opportunity_store_delete           (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              gint64                      opportunity_id,
                                                              GError                    **error);

GPtrArray            *crm_opportunity_store_list_for_customer (CrmStore                  *store,
                                                              CrmSession                 *session,
                                                              gint64                      customer_id,
                                                              GError                    **error);
gint64                crm_opportunity_store_count            (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              const CrmOpportunityFilter *filter,
                                                              GError                    **error);
GPtrArray            *crm_opportunity_store_fetch            (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              const CrmOpportunityFilter *filter,
                                                              guint                       offset,
                                                              guint                       limit,
                                                              GError                    **error);
gboolean              crm_opportunity_store_stage_totals     (CrmStore                   *store,
                                                              CrmSession                 *session,
                                                              const CrmOpportunityFilter *filter,
                                                              CrmOpportunityStageTotal    totals[CRM_OPPORTUNITY_N_STAGES],
                                                              GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOpportunityFilter, crm_opportunity_filter_free)

G_END_DECLS
