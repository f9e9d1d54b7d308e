/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What happened, as the interactions table's CHECK lists it. */
typedef enum
{
  CRM_INTERACTION_KIND_CALL,
  CRM_INTERACTION_KIND_MEETING,
  CRM_INTERACTION_KIND_EMAIL,
  CRM_INTERACTION_KIND_QUOTE_SENT,
  CRM_INTERACTION_KIND_CONTRACT_SENT,
  CRM_INTERACTION_KIND_CHAT,
  CRM_INTERACTION_KIND_CARE_THANKS,
  CRM_INTERACTION_KIND_CARE_SURVEY,
  CRM_INTERACTION_KIND_CARE_VISIT,
  CRM_INTERACTION_KIND_CARE_CALL,
  CRM_INTERACTION_KIND_NOTE,
} CrmInteractionKind;

#define CRM_INTERACTION_N_KINDS (CRM_INTERACTION_KIND_NOTE + 1)

#define CRM_TYPE_INTERACTION_KIND (crm_interaction_kind_get_type ())
#define CRM_TYPE_INTERACTION      (crm_interaction_get_type ())

G_DECLARE_FINAL_TYPE (CrmInteraction, crm_interaction, CRM, INTERACTION, GObject)

GType           crm_interaction_kind_get_type        (void) G_GNUC_CONST;
/* The database text ("quote_sent"); NULL for a value that is no kind. */
const char     *crm_interaction_kind_to_string       (CrmInteractionKind   kind);
gboolean        crm_interaction_kind_from_string     (const char          *text,
                                                      CrmInteractionKind  *kind);
/* Translated, for lists and menus ("Phone call"). */
const char     *crm_interaction_kind_label           (CrmInteractionKind   kind);

/* One entry of a customer's history.  occurred_at is ISO-8601 UTC text
 * ("2026-11-23T08:15:00Z"), next_due_on a business date "yyyy-MM-dd" or
 * NULL.  contact-name, user-name and customer-name are filled in by the
 * store when it reads; writing them changes nothing in the database.  A
 * new interaction is a call happening now. */
CrmInteraction *crm_interaction_new                  (void);
CrmInteraction *crm_interaction_copy                 (CrmInteraction      *self);

gint64          crm_interaction_get_id               (CrmInteraction      *self);
void            crm_interaction_set_id               (CrmInteraction      *self,
                                                      gint64               id);
gint64          crm_interaction_get_customer_id      (CrmInteraction      *self);
void            crm_interaction_set_customer_id      (CrmInteraction      *self,
                                                      gint64               customer_id);
const char     *crm_interaction_get_customer_name    (CrmInteraction      *self);
void            crm_interaction_set_customer_name    (CrmInteraction      *self,
                                                      const char          *customer_name);
gint64          crm_interaction_get_contact_id       (CrmInteraction      *self);
void            crm_interaction_set_contact_id       (CrmInteraction      *self,
                                                      gint64               contact_id);
const char     *crm_interaction_get_contact_name     (CrmInteraction      *self);
void            crm_interaction_set_contact_name     (CrmInteraction      *self,
                                                      const char          *contact_name);
gint64          crm_interaction_get_user_id          (CrmInteraction      *self);
void            crm_interaction_set_user_id          (CrmInteraction      *self,
                                                      gint64               user_id);
const char     *crm_interaction_get_user_name        (CrmInteraction      *self);
void            crm_interaction_set_user_name        (CrmInteraction      *self,
                                                      const char          *user_name);
CrmInteractionKind crm_interaction_get_kind          (CrmInteraction      *self);
void            crm_interaction_set_kind             (CrmInteraction      *self,
                                                      CrmInteractionKind   kind);
const char     *crm_interaction_get_channel          (CrmInteraction      *self);
void            crm_interaction_set_channel          (CrmInteraction      *self,
                                                      const char          *channel);
const char     *crm_interaction_get_occurred_at      (CrmInteraction      *self);
void            crm_interaction_set_occurred_at      (CrmInteraction      *self,
                                                      const char          *occurred_at);
const char     *crm_interaction_get_summary          (CrmInteraction      *self);
void            crm_interaction_set_summary          (CrmInteraction      *self,
                                                      const char          *summary);
const char     *crm_interaction_get_outcome          (CrmInteraction      *self);
void            crm_interaction_set_outcome          (CrmInteraction      *self,
                                                      const char          *outcome);
const char     *crm_interaction_get_next_due_on      (CrmInteraction      *self);
void            crm_interaction_set_next_due_on      (CrmInteraction      *self,
                                                      const char          *next_due_on);

/* occurred_at in the user's time zone; NULL when it is not a timestamp. */
GDateTime      *crm_interaction_dup_occurred_local   (CrmInteraction      *self);
/* "23/11/2026 15:15" in local time; "" when occurred_at is not a timestamp. */
char           *crm_interaction_format_occurred_at   (CrmInteraction      *self);
gboolean        crm_interaction_validate             (CrmInteraction      *self,
                                                      GError             **error);

G_END_DECLS
