/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_RESULT (crm_search_result_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchResult, crm_search_result, CRM, SEARCH_RESULT, GObject)

/* One hit of the header search, as list models carry it. */
CrmSearchResult *crm_search_result_new          (const char      *kind,
                                                 gint64           ref_id,
                                                 gint64           customer_id,
                                                 const char      *code,
                                                 const char      *title);
const char      *crm_search_result_get_kind     (CrmSearchResult *self);
gint64           crm_search_result_get_ref_id   (CrmSearchResult *self);
gint64           crm_search_result_get_customer_id (CrmSearchResult *self);
const char      *crm_search_result_get_code     (CrmSearchResult *self);
const char      *crm_search_result_get_title    (CrmSearchResult *self);

G_END_DECLS
