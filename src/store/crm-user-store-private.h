/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the store's own files and the tests only. */

#include "crm-store-private.h"
#include "crm-user-store.h"

G_BEGIN_DECLS

/* Replaces the clock sign-in uses for locks (Unix seconds), so tests can
 * let a lock expire; NULL restores the real clock. */
void      _crm_user_store_set_clock      (gint64       (*now) (void));

/* Hashes @password and stores it for @user_id inside the caller's write
 * transaction, with an audit row "reset" as @session.  With @only_if_unset
 * a user who already has a password keeps it (and nothing is hashed).
 * No strength check: for demo data. */
gboolean  _crm_user_store_put_password   (CrmStore     *store,
                                          CrmSession   *session,
                                          gint64        user_id,
                                          const char   *password,
                                          gboolean      only_if_unset,
                                          GError      **error);

G_END_DECLS
