/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH (crm_search_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearch, crm_search, CRM, SEARCH, GObject)

/* The header search: each new query cancels the one still running, which
 * runs on a worker thread over its own read-only connection; results land
 * in a list model (items: CrmSearchResult) on the main thread. */
CrmSearch  *crm_search_new          (CrmStore    *store,
                                     CrmSession  *session);
void        crm_search_set_query    (CrmSearch   *self,
                                     const char  *query);
const char *crm_search_get_query    (CrmSearch   *self);
GListModel *crm_search_get_results  (CrmSearch   *self);
gboolean    crm_search_get_busy     (CrmSearch   *self);
const char *crm_search_get_message  (CrmSearch   *self);

G_END_DECLS
