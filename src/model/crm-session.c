/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-session"

#include "config.h"

#include "crm-session.h"
#include "crm-enums.h"

struct _CrmSession
{
  GObject        parent_instance;

  gint64         user_id;
  char          *login;
  char          *full_name;
  CrmRole        role;
  gint64         team_id;
  CrmVisibility  visibility;
  guint          permissions;   /* CrmPermission flags */
};

G_DEFINE_FINAL_TYPE (CrmSession, crm_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_LOGIN,
  PROP_FULL_NAME,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_session_finalize (GObject *object)
{
  CrmSession *self = CRM_SESSION (object);

  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->full_name, g_free);

  G_OBJECT_CLASS (crm_session_parent_class)->finalize (object);
}

static void
crm_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmSession *self = CRM_SESSION (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;
    case PROP_LOGIN:
      g_value_set_string (value, self->login);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_session_class_init (CrmSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_session_finalize;
  object_class->get_property = crm_session_get_property;

  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGIN] =
    g_param_spec_string ("login", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, CRM_TYPE_ROLE, CRM_ROLE_STAFF,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_session_init (CrmSession *self)
{
}

CrmSession *
crm_session_new (gint64         user_id,
                 const char    *login,
                 const char    *full_name,
                 CrmRole        role,
                 gint64         team_id,
                 CrmVisibility  visibility)
{
  CrmSession *self;

  g_return_val_if_fail (user_id > 0, NULL);
  g_return_val_if_fail (login != NULL, NULL);

  self = g_object_new (CRM_TYPE_SESSION, NULL);
  self->user_id = user_id;
  self->login = g_strdup (login);
  self->full_name = g_strdup (full_name ? full_name : login);
  self->role = role;
  self->team_id = team_id;
  self->visibility = visibility;

  return self;
}

gint64
crm_session_get_user_id (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), 0);
  return self->user_id;
}

const char *
crm_session_get_login (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);
  return self->login;
}

const char *
crm_session_get_full_name (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);
  return self->full_name;
}

CrmRole
crm_session_get_role (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), CRM_ROLE_STAFF);
  return self->role;
}

gint64
crm_session_get_team_id (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), 0);
  return self->team_id;
}

CrmVisibility
crm_session_get_visibility (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), CRM_VISIBILITY_OWN);
  return self->visibility;
}

/* Admins always see everything; in a shared office so does everyone. */
gboolean
crm_session_sees_all_customers (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), FALSE);
  return self->role == CRM_ROLE_ADMIN || self->visibility == CRM_VISIBILITY_SHARED;
}

/* The team whose customers a manager follows besides their own; 0 for
 * everyone else. */
gint64
crm_session_get_visible_team (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), 0);
  return self->role == CRM_ROLE_MANAGER ? self->team_id : 0;
}

/**
 * crm_session_may:
 *
 * Whether the user has @permission.  The store checks the user's row
 * again on every such action; this is for hiding what it would refuse.
 */
gboolean
crm_session_may (CrmSession    *self,
                 CrmPermission  permission)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), FALSE);
  return self->role == CRM_ROLE_ADMIN || (self->permissions & permission) == permission;
}

/* Set once by the user store when it opens the session. */
void
crm_session_set_permissions (CrmSession *self,
                             guint       permissions)
{
  g_return_if_fail (CRM_IS_SESSION (self));
  self->permissions = permissions;
}

const char *
crm_role_to_string (CrmRole role)
{
  switch (role)
    {
    case CRM_ROLE_ADMIN:
      return "admin";
    case CRM_ROLE_MANAGER:
      return "manager";
    case CRM_ROLE_STAFF:
    default:
      return "staff";
    }
}

gboolean
crm_role_from_string (const char *text,
                      CrmRole    *role)
{
  static const CrmRole roles[] = { CRM_ROLE_ADMIN, CRM_ROLE_MANAGER, CRM_ROLE_STAFF };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (g_strcmp0 (text, crm_role_to_string (roles[i])) == 0)
        {
          *role = roles[i];
          return TRUE;
        }
    }

  return FALSE;
}
