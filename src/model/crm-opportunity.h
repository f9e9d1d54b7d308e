/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Opportunities (cơ hội bán hàng): a deal with a customer moving through
 * the sales funnel, new → qualified → proposal → negotiation → won or
 * lost.  Money is gint64 đồng, the probability basis points (2500 =
 * 25 %), the expected close an ISO "yyyy-MM-dd" business date once
 * validated (typed and shown dd/MM/yyyy), won_at and lost_at ISO-8601
 * UTC timestamps set by the store.  Ids of 0 mean "none". */

/* An opportunity worth more than this (10^15 đồng) is a typing mistake. */
#define CRM_OPPORTUNITY_MAX_VALUE G_GINT64_CONSTANT (1000000000000000)

typedef enum
{
  CRM_OPPORTUNITY_STAGE_NEW,
  CRM_OPPORTUNITY_STAGE_QUALIFIED,
  CRM_OPPORTUNITY_STAGE_PROPOSAL,
  CRM_OPPORTUNITY_STAGE_NEGOTIATION,
  CRM_OPPORTUNITY_STAGE_WON,
  CRM_OPPORTUNITY_STAGE_LOST,
} CrmOpportunityStage;

#define CRM_OPPORTUNITY_N_STAGES (CRM_OPPORTUNITY_STAGE_LOST + 1)

#define CRM_TYPE_OPPORTUNITY_STAGE (crm_opportunity_stage_get_type ())
#define CRM_TYPE_OPPORTUNITY       (crm_opportunity_get_type ())

/* One opportunity.  The fields after row_version are filled in by the
 * store when it reads and ignored when it writes; the stage changes only
 * through crm_opportunity_store_move() once the record exists.
 * row_version is the version the record was read at: saving over a newer
 * one is refused. */
typedef struct
{
  gint64               id;
  gint64               customer_id;
  gint64               owner_id;
  char                *title;
  CrmOpportunityStage  stage;
  char                *lost_reason;
  gint64               expected_value;
  gint                 probability_bp;
  char                *expected_close;   /* "yyyy-MM-dd" or NULL */
  gint64               campaign_id;
  gint64               row_version;

  char                *customer_code;
  char                *customer_name;
  char                *owner_name;
  char                *won_at;
  char                *lost_at;
  char                *created_at;
  char                *updated_at;
} CrmOpportunity;

GType                crm_opportunity_stage_get_type          (void) G_GNUC_CONST;
GType                crm_opportunity_get_type                (void) G_GNUC_CONST;

/* "new", "qualified", … as the database stores them; NULL out of range. */
const char          *crm_opportunity_stage_to_string         (CrmOpportunityStage   stage);
gboolean             crm_opportunity_stage_from_string       (const char           *text,
                                                              CrmOpportunityStage  *stage);
/* "New", "Qualified", … translated. */
const char          *crm_opportunity_stage_label             (CrmOpportunityStage   stage);
/* The probability a stage stands for: 10 %, 25 %, 50 %, 75 %, 100 %, 0 %. */
gint                 crm_opportunity_stage_default_probability (CrmOpportunityStage stage);
/* Won and lost close the deal; the others are open. */
gboolean             crm_opportunity_stage_is_closed         (CrmOpportunityStage   stage);

/* A new opportunity: stage new, its default probability, no value. */
CrmOpportunity      *crm_opportunity_new                     (void);
CrmOpportunity      *crm_opportunity_copy                    (const CrmOpportunity *self);
void                 crm_opportunity_free                    (CrmOpportunity       *self);

/* Checks what a user typed and normalises it in place: texts trimmed
 * (an empty reason to NULL), the expected close to ISO.  The customer and
 * the title are required, the value is 0 … CRM_OPPORTUNITY_MAX_VALUE, the
 * probability 0 … 100 %, and a lost opportunity needs its reason. */
gboolean             crm_opportunity_validate                (CrmOpportunity       *self,
                                                              GError              **error);
/* The probability the opportunity should have at @stage: won and lost
 * always 100 % and 0 %; an open stage its default, unless the user set a
 * probability of their own (one that is not the current stage's default),
 * which is kept. */
gint                 crm_opportunity_probability_for_stage   (const CrmOpportunity *self,
                                                              CrmOpportunityStage   stage);
/* The expected close as dd/MM/yyyy, or "" when none. */
char                *crm_opportunity_format_close            (const CrmOpportunity *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOpportunity, crm_opportunity_free)

G_END_DECLS
