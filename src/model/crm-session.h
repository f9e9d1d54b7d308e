/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-enum-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_SESSION (crm_session_get_type ())

G_DECLARE_FINAL_TYPE (CrmSession, crm_session, CRM, SESSION, GObject)

/* The extra rights an administrator gives a user; administrators have
 * them all.  Widgets use them to hide what the store would refuse. */
typedef enum
{
  CRM_PERMISSION_EXPORT   = 1 << 0,
  CRM_PERMISSION_PRINT    = 1 << 1,
  CRM_PERMISSION_DELETE   = 1 << 2,
  CRM_PERMISSION_SEE_COST = 1 << 3,
} CrmPermission;

/* Who is signed in, and what the company lets them see.  Immutable: a
 * change of role or setting gives a new session. */
CrmSession    *crm_session_new                 (gint64         user_id,
                                                const char    *login,
                                                const char    *full_name,
                                                CrmRole        role,
                                                gint64         team_id,
                                                CrmVisibility  visibility);
gint64         crm_session_get_user_id         (CrmSession    *self);
const char    *crm_session_get_login           (CrmSession    *self);
const char    *crm_session_get_full_name       (CrmSession    *self);
CrmRole        crm_session_get_role            (CrmSession    *self);
gint64         crm_session_get_team_id         (CrmSession    *self);
CrmVisibility  crm_session_get_visibility      (CrmSession    *self);
gboolean       crm_session_sees_all_customers  (CrmSession    *self);
gint64         crm_session_get_visible_team    (CrmSession    *self);
gboolean       crm_session_may                 (CrmSession    *self,
                                                CrmPermission  permission);
void           crm_session_set_permissions     (CrmSession    *self,
                                                guint          permissions);
const char    *crm_role_to_string              (CrmRole        role);
gboolean       crm_role_from_string            (const char    *text,
                                                CrmRole       *role);

G_END_DECLS
