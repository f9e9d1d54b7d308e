/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* What an export shows beside the rows of a list query. */
char       *crm_export_lookup_user_name       (CrmStore     *store,
                                               gint64        user_id,
                                               GError      **error);
char       *crm_export_lookup_category_names  (CrmStore     *store,
                                               GArray       *category_ids,
                                               guint         max_names,
                                               GError      **error);

G_END_DECLS
