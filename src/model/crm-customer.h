/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-enum-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER (crm_customer_get_type ())

/* A customer as the store hands it out and takes it back: plain data.
 * Ids of 0 mean "none". Phones are E.164, dates ISO yyyy-MM-dd. */
typedef struct
{
  gint64             id;
  char              *code;
  CrmCustomerKind    kind;
  char              *full_name;
  char              *birth_date;
  char              *gender;
  char              *occupation;
  char              *street;
  char              *ward;
  char              *province_code;
  char              *tax_code;
  char              *website;
  char              *industry;
  char              *source;
  CrmCustomerStatus  status;
  gint64             category_id;
  gint64             assigned_to;
  char              *needs;
  char              *notes;
  GPtrArray         *phones;
  GPtrArray         *emails;
  GPtrArray         *tags;           /* names; NULL: not read, left as stored */
  char              *last_contact_at;
  char              *next_contact_due;
  gint64             revenue;
  gint64             row_version;
  char              *created_at;
  char              *updated_at;
} CrmCustomer;

GType        crm_customer_get_type            (void) G_GNUC_CONST;
CrmCustomer *crm_customer_new                 (void);
CrmCustomer *crm_customer_copy                (const CrmCustomer  *self);
void         crm_customer_free                (CrmCustomer        *self);
gboolean     crm_customer_validate            (CrmCustomer        *self,
                                               GError            **error);
char        *crm_customer_search_text         (const CrmCustomer  *self);

const char  *crm_customer_kind_to_string      (CrmCustomerKind     kind);
gboolean     crm_customer_kind_from_string    (const char         *text,
                                               CrmCustomerKind    *kind);
const char  *crm_customer_status_to_string    (CrmCustomerStatus   status);
gboolean     crm_customer_status_from_string  (const char         *text,
                                               CrmCustomerStatus  *status);
const char  *crm_customer_status_label        (CrmCustomerStatus   status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCustomer, crm_customer_free)

G_END_DECLS
