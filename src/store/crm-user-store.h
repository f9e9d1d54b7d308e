/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* A user as pickers show them. */
typedef struct
{
  gint64   id;
  char    *login;
  char    *full_name;
  CrmRole  role;
  gint64   team_id;
} CrmUserEntry;

void        crm_user_entry_free            (CrmUserEntry *entry);

CrmSession *crm_user_store_ensure_admin    (CrmStore     *store,
                                            GError      **error);
CrmSession *crm_user_store_open_session    (CrmStore     *store,
                                            gint64        user_id,
                                            GError      **error);
CrmSession *crm_user_store_session_for     (CrmStore     *store,
                                            const char   *login,
                                            GError      **error);
gint64      crm_user_store_create          (CrmStore     *store,
                                            CrmSession   *session,
                                            const char   *login,
                                            const char   *full_name,
                                            CrmRole       role,
                                            gint64        team_id,
                                            GError      **error);
gint64      crm_user_store_create_team     (CrmStore     *store,
                                            CrmSession   *session,
                                            const char   *name,
                                            GError      **error);
gboolean    crm_user_store_set_active      (CrmStore     *store,
                                            CrmSession   *session,
                                            gint64        user_id,
                                            gboolean      active,
                                            GError      **error);
gint64      crm_user_store_count           (CrmStore     *store,
                                            GError      **error);
char       *crm_user_store_get_full_name   (CrmStore     *store,
                                            gint64        user_id,
                                            GError      **error);
GPtrArray  *crm_user_store_list_assignees  (CrmStore     *store,
                                            CrmSession   *session,
                                            GError      **error);

char       *crm_settings_get               (CrmStore     *store,
                                            const char   *key,
                                            GError      **error);
gboolean    crm_settings_set               (CrmStore     *store,
                                            CrmSession   *session,
                                            const char   *key,
                                            const char   *value,
                                            GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmUserEntry, crm_user_entry_free)

G_END_DECLS
