/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TAG (crm_tag_get_type ())

/* A tag and how many of the customers a session may see carry it. */
typedef struct
{
  gint64  id;
  char   *name;
  gint64  n_customers;
} CrmTag;

GType    crm_tag_get_type                (void) G_GNUC_CONST;
CrmTag  *crm_tag_copy                    (const CrmTag        *self);
void     crm_tag_free                    (CrmTag              *self);

/* Tags are free words on customers.  Names are trimmed and compared
 * folded ("VIP", "vip" and "Víp" are one tag, spelled as first written);
 * everything is listed in Vietnamese order. */
GPtrArray *crm_tag_store_list             (CrmStore           *store,
                                           CrmSession         *session,
                                           GError            **error);
char     **crm_tag_store_get_for_customer (CrmStore           *store,
                                           CrmSession         *session,
                                           gint64              customer_id,
                                           GError            **error);
gboolean   crm_tag_store_set_for_customer (CrmStore           *store,
                                           CrmSession         *session,
                                           gint64              customer_id,
                                           const char * const *names,
                                           GError            **error);
GArray    *crm_tag_store_customer_ids     (CrmStore           *store,
                                           CrmSession         *session,
                                           const char         *name,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTag, crm_tag_free)

/* For the customer store: @names replace the customer's tags inside the
 * caller's transaction, audited as the customer's field "tags". */
gboolean   _crm_tag_store_write            (CrmStore           *store,
                                            CrmSession         *session,
                                            gint64              customer_id,
                                            GPtrArray          *names,
                                            GError            **error);

G_END_DECLS
