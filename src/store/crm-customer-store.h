/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_DUPLICATE (crm_duplicate_get_type ())

/* A customer another one may duplicate, and why ("tax_code", "phone",
 * "email", "name", comma-separated). */
typedef struct
{
  gint64  id;
  char   *code;
  char   *full_name;
  char   *reason;
} CrmDuplicate;

GType         crm_duplicate_get_type (void) G_GNUC_CONST;
CrmDuplicate *crm_duplicate_copy     (const CrmDuplicate *self);
void          crm_duplicate_free     (CrmDuplicate       *self);

gint64       crm_customer_store_create  (CrmStore     *store,
                                         CrmSession   *session,
                                         CrmCustomer  *customer,
                                         GError      **error);
gboolean     crm_customer_store_update  (CrmStore     *store,
                                         CrmSession   *session,
                                         CrmCustomer  *customer,
                                         GError      **error);
CrmCustomer *crm_customer_store_get     (CrmStore     *store,
                                         CrmSession   *session,
                                         gint64        id,
                                         GError      **error);
gint64       crm_customer_store_count   (CrmStore     *store,
                                         CrmSession   *session,
                                         GError      **error);

GPtrArray   *crm_customer_store_find_duplicates (CrmStore     *store,
                                                CrmSession   *session,
                                                CrmCustomer  *candidate,
                                                guint        *n_hidden,
                                                GError      **error);
gboolean     crm_customer_store_merge           (CrmStore     *store,
                                                CrmSession   *session,
                                                gint64        survivor_id,
                                                gint64        duplicate_id,
                                                GError      **error);

/* What the profile header shows of a customer's business with the office,
 * counted over what the session may see. */
typedef struct
{
  guint   open_opportunities;  /* not won, not lost */
  gint64  pipeline_value;      /* expected value of the open ones */
  guint   quotes;
  guint   open_quotes;         /* draft or sent */
  guint   contracts;
  guint   active_contracts;
  guint   orders;              /* not cancelled */
  gint64  revenue;             /* grand total of those orders */
  guint   interactions;
  guint   contacts;
  guint   attachments;
} CrmCustomerSummary;

gboolean     crm_customer_store_summary         (CrmStore           *store,
                                                CrmSession         *session,
                                                gint64              customer_id,
                                                CrmCustomerSummary *summary,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDuplicate, crm_duplicate_free)

G_END_DECLS
