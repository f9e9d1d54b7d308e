/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-category.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* The office's customer tree.  Everyone reads it (counts are what the
 * session may see); only managers and administrators change it.  Sibling
 * names are unique once folded ("VIP" and "vip" clash).  Ids of 0 mean
 * "no category" (the top level, or a customer filed nowhere). */
GPtrArray *crm_category_store_list        (CrmStore    *store,
                                           CrmSession  *session,
                                           GError     **error);
gint64     crm_category_store_create      (CrmStore    *store,
                                           CrmSession  *session,
                                           const char  *name,
                                           gint64       parent_id,
                                           GError     **error);
gboolean   crm_category_store_rename      (CrmStore    *store,
                                           CrmSession  *session,
                                           gint64       id,
                                           const char  *name,
                                           GError     **error);
gboolean   crm_category_store_move        (CrmStore    *store,
                                           CrmSession  *session,
                                           gint64       id,
                                           gint64       new_parent_id,
                                           GError     **error);
gboolean   crm_category_store_delete      (CrmStore    *store,
                                           CrmSession  *session,
                                           gint64       id,
                                           gint64       move_customers_to,
                                           GError     **error);
GPtrArray *crm_category_store_list_names (CrmStore    *store,
                                          GError     **error);
GArray    *crm_category_store_descendants (CrmStore    *store,
                                           gint64       id,
                                           GError     **error);

gboolean   crm_category_store_set_customer_category (CrmStore    *store,
                                                     CrmSession  *session,
                                                     GArray      *customer_ids,
                                                     gint64       category_id,
                                                     GError     **error);

G_END_DECLS
