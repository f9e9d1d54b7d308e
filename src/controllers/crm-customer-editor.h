/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-customer.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_EDITOR (crm_customer_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, CRM, CUSTOMER_EDITOR, GObject)

/* The fields a user types, by the name of their string property. */
typedef enum
{
  CRM_CUSTOMER_FIELD_FULL_NAME,
  CRM_CUSTOMER_FIELD_CODE,
  CRM_CUSTOMER_FIELD_TAX_CODE,
  CRM_CUSTOMER_FIELD_PHONES,
  CRM_CUSTOMER_FIELD_EMAILS,
  CRM_CUSTOMER_FIELD_BIRTH_DATE,
  CRM_CUSTOMER_FIELD_STREET,
  CRM_CUSTOMER_FIELD_WARD,
  CRM_CUSTOMER_FIELD_PROVINCE,
  CRM_CUSTOMER_FIELD_WEBSITE,
  CRM_CUSTOMER_FIELD_INDUSTRY,
  CRM_CUSTOMER_FIELD_OCCUPATION,
  CRM_CUSTOMER_FIELD_NEEDS,
  CRM_CUSTOMER_FIELD_NOTES,
  CRM_CUSTOMER_FIELD_TAGS,
  CRM_CUSTOMER_N_FIELDS
} CrmCustomerField;

/* An editor works on a draft: the customer as loaded, and the text of every
 * field as typed.  Each change re-validates its field (the message is the
 * field's "-error" property), recomputes "dirty" and "can-save", and looks
 * for duplicates; save() writes the difference through the store. */
CrmCustomerEditor *crm_customer_editor_new            (CrmStore           *store,
                                                       CrmSession         *session);
gboolean           crm_customer_editor_load           (CrmCustomerEditor  *self,
                                                       gint64              customer_id,
                                                       GError            **error);
void               crm_customer_editor_start_new      (CrmCustomerEditor  *self,
                                                       CrmCustomerKind     kind,
                                                       gint64              category_id);
void               crm_customer_editor_set_field      (CrmCustomerEditor  *self,
                                                       CrmCustomerField    field,
                                                       const char         *text);
const char        *crm_customer_editor_get_field      (CrmCustomerEditor  *self,
                                                       CrmCustomerField    field);
const char        *crm_customer_editor_get_field_error (CrmCustomerEditor *self,
                                                       CrmCustomerField    field);
void               crm_customer_editor_set_status     (CrmCustomerEditor  *self,
                                                       CrmCustomerStatus   status);
void               crm_customer_editor_set_kind       (CrmCustomerEditor  *self,
                                                       CrmCustomerKind     kind);
void               crm_customer_editor_set_gender     (CrmCustomerEditor  *self,
                                                       const char         *gender);
const char        *crm_customer_editor_get_gender     (CrmCustomerEditor  *self);
void               crm_customer_editor_set_source     (CrmCustomerEditor  *self,
                                                       const char         *source);
const char        *crm_customer_editor_get_source     (CrmCustomerEditor  *self);
void               crm_customer_editor_set_category_id (CrmCustomerEditor *self,
                                                       gint64              category_id);
gint64             crm_customer_editor_get_category_id (CrmCustomerEditor *self);
void               crm_customer_editor_set_assigned_to (CrmCustomerEditor *self,
                                                       gint64              user_id);
gint64             crm_customer_editor_get_assigned_to (CrmCustomerEditor *self);
const char        *crm_customer_editor_get_age        (CrmCustomerEditor  *self);
CrmCustomerStatus  crm_customer_editor_get_status     (CrmCustomerEditor  *self);
CrmCustomerKind    crm_customer_editor_get_kind       (CrmCustomerEditor  *self);
gint64             crm_customer_editor_get_id         (CrmCustomerEditor  *self);
const CrmCustomer *crm_customer_editor_get_original   (CrmCustomerEditor  *self);
gboolean           crm_customer_editor_get_dirty      (CrmCustomerEditor  *self);
gboolean           crm_customer_editor_get_can_save   (CrmCustomerEditor  *self);
GPtrArray         *crm_customer_editor_get_duplicates (CrmCustomerEditor  *self);
guint              crm_customer_editor_get_hidden_duplicates (CrmCustomerEditor *self);
gboolean           crm_customer_editor_save           (CrmCustomerEditor  *self,
                                                       GError            **error);
void               crm_customer_editor_revert         (CrmCustomerEditor  *self);
gboolean           crm_customer_editor_refresh_contact_dates (CrmCustomerEditor *self,
                                                       GError            **error);

G_END_DECLS
