/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer-query.h"
#include "crm-enum-types.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* One customer of the list as stored, for exports: the strings belong to
 * the stream and stay valid until the next crm_customer_stream_next(). */
typedef struct
{
  gint64             id;
  const char        *code;
  const char        *full_name;
  CrmCustomerKind    kind;
  const char        *province_code;    /* NULL for none */
  CrmCustomerStatus  status;
  const char        *owner_name;       /* NULL when nobody is assigned */
  const char        *last_contact_at;  /* NULL, a UTC ISO-8601 timestamp or yyyy-MM-dd */
  gint64             revenue;
  const char        *phone;            /* the main phone (E.164), NULL for none */
} CrmCustomerStreamRow;

typedef struct _CrmCustomerStream CrmCustomerStream;

CrmCustomerStream *crm_customer_stream_open (CrmStore                 *store,
                                             CrmSession               *session,
                                             const CrmCustomerFilter  *filter,
                                             GError                  **error);
gboolean           crm_customer_stream_next (CrmCustomerStream        *stream,
                                             CrmCustomerStreamRow     *row,
                                             GError                  **error);
void               crm_customer_stream_free (CrmCustomerStream        *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCustomerStream, crm_customer_stream_free)

G_END_DECLS
