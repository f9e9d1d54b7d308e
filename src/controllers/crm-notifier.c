/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-notifier"

#include "config.h"

#include "crm-notifier.h"

G_DEFINE_BOXED_TYPE (CrmNotification, crm_notification, crm_notification_copy, crm_notification_free)

G_DEFINE_INTERFACE (CrmNotifier, crm_notifier, G_TYPE_OBJECT)

enum {
  ACTION_INVOKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

CrmNotification *
crm_notification_new (const char *id,
                      const char *title,
                      const char *body)
{
  CrmNotification *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_new0 (CrmNotification, 1);
  self->id = g_strdup (id);
  self->title = g_strdup (title != NULL ? title : "");
  self->body = g_strdup (body != NULL ? body : "");
  self->action_ids = g_new0 (char *, 1);
  self->action_labels = g_new0 (char *, 1);
  return self;
}

CrmNotification *
crm_notification_copy (const CrmNotification *self)
{
  CrmNotification *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmNotification, 1);
  copy->id = g_strdup (self->id);
  copy->title = g_strdup (self->title);
  copy->body = g_strdup (self->body);
  copy->action_ids = g_strdupv (self->action_ids);
  copy->action_labels = g_strdupv (self->action_labels);
  return copy;
}

void
crm_notification_free (CrmNotification *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->body);
  g_strfreev (self->action_ids);
  g_strfreev (self->action_labels);
  g_free (self);
}

static GStrv
strv_append (GStrv       strv,
             const char *value)
{
  guint n = g_strv_length (strv);

  strv = g_renew (char *, strv, n + 2);
  strv[n] = g_strdup (value);
  strv[n + 1] = NULL;
  return strv;
}

void
crm_notification_add_action (CrmNotification *self,
                             const char      *action_id,
                             const char      *label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (action_id != NULL && label != NULL);

  self->action_ids = strv_append (self->action_ids, action_id);
  self->action_labels = strv_append (self->action_labels, label);
}

static void
crm_notifier_default_init (CrmNotifierInterface *iface)
{
  /**
   * CrmNotifier::action-invoked:
   * @id: the notification's id
   * @action_id: one of its actions, or CRM_NOTIFICATION_ACTION_DEFAULT or
   *   CRM_NOTIFICATION_ACTION_DISMISSED
   */
  signals[ACTION_INVOKED] =
    g_signal_new ("action-invoked", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

void
crm_notifier_show (CrmNotifier           *self,
                   const CrmNotification *notification)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));
  g_return_if_fail (notification != NULL);

  CRM_NOTIFIER_GET_IFACE (self)->show (self, notification);
}

void
crm_notifier_withdraw (CrmNotifier *self,
                       const char  *id)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));
  g_return_if_fail (id != NULL);

  CRM_NOTIFIER_GET_IFACE (self)->withdraw (self, id);
}

void
crm_notifier_action_invoked (CrmNotifier *self,
                             const char  *id,
                             const char  *action_id)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));
  g_return_if_fail (id != NULL && action_id != NULL);

  g_signal_emit (self, signals[ACTION_INVOKED], 0, id, action_id);
}
