/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Where a customer is in the sale: nothing bought yet, a sale in progress
 * (an accepted quote not yet fulfilled, an active contract, an order not
 * yet delivered), or only finished sales. */
typedef enum
{
  CRM_CUSTOMER_STAGE_BEFORE,
  CRM_CUSTOMER_STAGE_DURING,
  CRM_CUSTOMER_STAGE_AFTER,
} CrmCustomerStage;

#define CRM_CUSTOMER_STAGE_COUNT 3

/* One care action of a customer: a care case or a care event (an event of
 * kind 'care'), with the stage of the sale it belongs to by its date. */
typedef struct
{
  CrmCustomerStage  stage;
  gboolean          is_case;     /* a care case, else a care event */
  gint64            id;
  char             *date;        /* yyyy-mm-dd, local time */
  char             *kind_label;  /* translated: "Complaint", "Care task", … */
  char             *title;
  char             *status_label; /* translated: "Resolved", "Done", "Open", … */
  gboolean          done;
} CrmCareItem;

void        crm_care_item_free           (CrmCareItem        *item);
const char *crm_customer_stage_label     (CrmCustomerStage    stage);

gboolean    crm_customer_stage_get       (CrmStore           *store,
                                          CrmSession         *session,
                                          gint64              customer_id,
                                          CrmCustomerStage   *stage,
                                          GPtrArray         **care_items,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCareItem, crm_care_item_free)

G_END_DECLS
