/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT (crm_contact_get_type ())

G_DECLARE_FINAL_TYPE (CrmContact, crm_contact, CRM, CONTACT, GObject)

/* A person at a customer: who to call, with what title.  Ids of 0 mean
 * "none"; the phone is stored E.164 ("+84912345678") and shown through
 * crm_contact_dup_phone_display(); optional text fields are NULL when
 * empty once validated. */
CrmContact *crm_contact_new               (void);
CrmContact *crm_contact_copy              (CrmContact   *self);

gint64      crm_contact_get_id            (CrmContact   *self);
void        crm_contact_set_id            (CrmContact   *self,
                                           gint64        id);
gint64      crm_contact_get_customer_id   (CrmContact   *self);
void        crm_contact_set_customer_id   (CrmContact   *self,
                                           gint64        customer_id);
const char *crm_contact_get_full_name     (CrmContact   *self);
void        crm_contact_set_full_name     (CrmContact   *self,
                                           const char   *full_name);
const char *crm_contact_get_position      (CrmContact   *self);
void        crm_contact_set_position      (CrmContact   *self,
                                           const char   *position);
const char *crm_contact_get_phone         (CrmContact   *self);
void        crm_contact_set_phone         (CrmContact   *self,
                                           const char   *phone);
const char *crm_contact_get_email         (CrmContact   *self);
void        crm_contact_set_email         (CrmContact   *self,
                                           const char   *email);
gboolean    crm_contact_get_is_primary    (CrmContact   *self);
void        crm_contact_set_is_primary    (CrmContact   *self,
                                           gboolean      is_primary);
const char *crm_contact_get_notes         (CrmContact   *self);
void        crm_contact_set_notes         (CrmContact   *self,
                                           const char   *notes);

/* The phone as people read it ("0912 345 678"); "" without a phone. */
char       *crm_contact_dup_phone_display (CrmContact   *self);
gboolean    crm_contact_validate          (CrmContact   *self,
                                           GError      **error);

G_END_DECLS
