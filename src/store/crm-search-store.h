/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_HIT (crm_search_hit_get_type ())

typedef struct
{
  char   *kind;     /* "customer", "contact", "quote", "contract", "order", "product" */
  gint64  ref_id;
  gint64  customer_id;
  char   *code;
  char   *title;
} CrmSearchHit;

GType         crm_search_hit_get_type   (void) G_GNUC_CONST;
CrmSearchHit *crm_search_hit_copy       (const CrmSearchHit *hit);
void          crm_search_hit_free       (CrmSearchHit       *hit);

char         *crm_search_build_match    (const char         *query);
GPtrArray    *crm_search_store_find     (CrmStore           *store,
                                         CrmSession         *session,
                                         const char         *query,
                                         guint               limit,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSearchHit, crm_search_hit_free)

G_END_DECLS
