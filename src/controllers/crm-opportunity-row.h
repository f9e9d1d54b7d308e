/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-opportunity.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY_ROW (crm_opportunity_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunityRow, crm_opportunity_row, CRM, OPPORTUNITY_ROW, GObject)

/* One opportunity as a list item (a funnel card, a row of the list), with
 * its fields already formatted for display: money "1.234.567 ₫", the
 * probability "25 %", dates dd/MM/yyyy. */
CrmOpportunityRow    *crm_opportunity_row_new              (const CrmOpportunity *opportunity);
const CrmOpportunity *crm_opportunity_row_get_opportunity  (CrmOpportunityRow    *self);
gint64                crm_opportunity_row_get_id           (CrmOpportunityRow    *self);
const char           *crm_opportunity_row_get_title        (CrmOpportunityRow    *self);
const char           *crm_opportunity_row_get_customer_name (CrmOpportunityRow   *self);
const char           *crm_opportunity_row_get_owner_name   (CrmOpportunityRow    *self);
const char           *crm_opportunity_row_get_stage_label  (CrmOpportunityRow    *self);
const char           *crm_opportunity_row_get_value_text   (CrmOpportunityRow    *self);
const char           *crm_opportunity_row_get_probability_text (CrmOpportunityRow *self);
const char           *crm_opportunity_row_get_close_text   (CrmOpportunityRow    *self);

G_END_DECLS
