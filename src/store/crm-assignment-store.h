/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_ASSIGNMENT_MANUAL,
  CRM_ASSIGNMENT_ROUND_ROBIN,
  CRM_ASSIGNMENT_LEAST_LOADED,
  CRM_ASSIGNMENT_BY_PROVINCE,
} CrmAssignmentRule;

const char *crm_assignment_rule_to_string   (CrmAssignmentRule   rule);
gboolean    crm_assignment_rule_from_string (const char         *text,
                                             CrmAssignmentRule  *rule);
gboolean    crm_assignment_store_reassign   (CrmStore           *store,
                                             CrmSession         *session,
                                             GArray             *customer_ids,
                                             gint64              to_user,
                                             GError            **error);
gboolean    crm_assignment_store_hand_over  (CrmStore           *store,
                                             CrmSession         *session,
                                             gint64              from_user,
                                             gint64              to_user,
                                             guint              *n_moved,
                                             GError            **error);

/* For the store: the assignee of a new customer under the company's rule. */
gint64      _crm_assignment_pick            (CrmStore           *store,
                                             CrmSession         *session,
                                             const CrmCustomer  *customer,
                                             GError            **error);
gboolean    _crm_assignment_check_change    (CrmStore           *store,
                                             CrmSession         *session,
                                             const char         *customer_name,
                                             gint64              from_user,
                                             gint64              to_user,
                                             GError            **error);

G_END_DECLS
