/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* What starts a care standard's clock, as care_standards.trigger_kind
 * lists it. */
typedef enum
{
  CRM_CARE_TRIGGER_CONTRACT_SIGNED,
  CRM_CARE_TRIGGER_ORDER_DELIVERED,
  CRM_CARE_TRIGGER_PERIODIC,
  CRM_CARE_TRIGGER_CUSTOMER_CREATED,
} CrmCareTrigger;

#define CRM_CARE_N_TRIGGERS (CRM_CARE_TRIGGER_CUSTOMER_CREATED + 1)

/* What the member of staff does, as care_standards.action_kind lists it. */
typedef enum
{
  CRM_CARE_STANDARD_ACTION_THANKS,
  CRM_CARE_STANDARD_ACTION_CARE_CALL,
  CRM_CARE_STANDARD_ACTION_SURVEY,
  CRM_CARE_STANDARD_ACTION_VISIT,
  CRM_CARE_STANDARD_ACTION_OTHER,
} CrmCareStandardAction;

#define CRM_CARE_STANDARD_N_ACTIONS (CRM_CARE_STANDARD_ACTION_OTHER + 1)

/* The longest offset or cadence a standard may have: ten years. */
#define CRM_CARE_MAX_DAYS 3650

/* One care standard: for the customers of a node of the customer tree and
 * its sub-nodes (category_id 0: every customer), one action @offset_days
 * after the trigger, or every @every_days for a periodic standard (0 for
 * the others).  category_name and created_at are filled in by the store
 * when it reads; a standard applies to triggers from the day it was
 * created (see crm-care-generator.h). */
typedef struct
{
  gint64                 id;
  gint64                 category_id;
  char                  *category_name;
  char                  *name;
  CrmCareTrigger         trigger;
  gint                   offset_days;
  gint                   every_days;
  CrmCareStandardAction  action;
  gboolean               active;
  char                  *created_at;
} CrmCareStandard;

#define CRM_TYPE_CARE_STANDARD (crm_care_standard_get_type ())

GType            crm_care_standard_get_type        (void) G_GNUC_CONST;
CrmCareStandard *crm_care_standard_new             (void);
CrmCareStandard *crm_care_standard_copy            (const CrmCareStandard  *self);
void             crm_care_standard_free            (CrmCareStandard        *self);

/* The database texts ("contract_signed", "care_call"); NULL for a value
 * that is none. */
const char      *crm_care_trigger_to_string           (CrmCareTrigger          trigger);
gboolean         crm_care_trigger_from_string         (const char             *text,
                                                       CrmCareTrigger         *trigger);
const char      *crm_care_standard_action_to_string   (CrmCareStandardAction   action);
gboolean         crm_care_standard_action_from_string (const char             *text,
                                                       CrmCareStandardAction  *action);
/* Translated, for lists and menus ("Contract signed", "Care call"). */
const char      *crm_care_trigger_label               (CrmCareTrigger          trigger);
const char      *crm_care_standard_action_label       (CrmCareStandardAction   action);
/* "3 days after a contract is signed", "Every 30 days", translated. */
char            *crm_care_standard_describe_schedule  (const CrmCareStandard  *self);

/* A name, a known trigger and action, 0 ≤ offset ≤ CRM_CARE_MAX_DAYS, a
 * periodic standard every 1..CRM_CARE_MAX_DAYS days.  Trims the name and
 * sets every_days to 0 for a standard that does not repeat.
 * CRM_VALIDATION_ERROR with a message for the person typing. */
gboolean         crm_care_standard_validate        (CrmCareStandard        *self,
                                                    GError                **error);

/* The care standards.  Every active user reads them (they hold no
 * customer data); only managers and administrators create, change or
 * switch them off (CRM_PERMISSION_ERROR_DENIED for staff).  Standards are
 * never deleted: the tasks they made keep pointing at them.  Every change
 * is one transaction with its audit rows (entity "care_standard").
 *
 * crm_care_standard_store_list: by category (the standards for every
 * customer first), then name; the switched-off ones too when
 * @include_inactive.
 *
 * crm_care_standard_store_create: validates, checks the category exists;
 * returns the new id (0 on error).
 *
 * crm_care_standard_store_update: the same checks; audits each changed
 * field.  CRM_STORE_ERROR_NOT_FOUND when the standard does not exist. */
GPtrArray       *crm_care_standard_store_list      (CrmStore               *store,
                                                    CrmSession             *session,
                                                    gboolean                include_inactive,
                                                    GError                **error);
CrmCareStandard *crm_care_standard_store_get       (CrmStore               *store,
                                                    CrmSession             *session,
                                                    gint64                  id,
                                                    GError                **error);
gint64           crm_care_standard_store_create    (CrmStore               *store,
                                                    CrmSession             *session,
                                                    CrmCareStandard        *standard,
                                                    GError                **error);
gboolean         crm_care_standard_store_update    (CrmStore               *store,
                                                    CrmSession             *session,
                                                    CrmCareStandard        *standard,
                                                    GError                **error);
gboolean         crm_care_standard_store_set_active (CrmStore              *store,
                                                     CrmSession            *session,
                                                     gint64                 id,
                                                     gboolean               active,
                                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCareStandard, crm_care_standard_free)

G_END_DECLS
