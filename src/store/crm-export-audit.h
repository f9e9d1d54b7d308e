/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

gboolean crm_store_check_may_export (CrmStore     *store,
                                     CrmSession   *session,
                                     GError      **error);
gboolean crm_store_audit_export     (CrmStore     *store,
                                     CrmSession   *session,
                                     const char   *what,
                                     const char   *destination,
                                     guint64       n_rows,
                                     GError      **error);

G_END_DECLS
