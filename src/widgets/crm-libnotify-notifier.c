/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-libnotify-notifier"

#include "config.h"

#include "crm-libnotify-notifier.h"

#include <libnotify/notify.h>

#include <glib/gi18n-lib.h>

/* The closed reason the specification gives a notification the person
 * closed. */
#define CLOSED_BY_USER 2

struct _CrmLibnotifyNotifier
{
  GObject      parent_instance;

  GHashTable  *shown;   /* id -> NotifyNotification */
};

static void crm_libnotify_notifier_iface_init (CrmNotifierInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmLibnotifyNotifier, crm_libnotify_notifier, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CRM_TYPE_NOTIFIER, crm_libnotify_notifier_iface_init))

static void
on_notification_action_cb (NotifyNotification *notification,
                           char               *action,
                           gpointer            user_data)
{
  CrmLibnotifyNotifier *self = CRM_LIBNOTIFY_NOTIFIER (user_data);
  const char *id = g_object_get_data (G_OBJECT (notification), "crm-id");

  /* The server closes it after an action; that close is no dismissal. */
  g_object_set_data (G_OBJECT (notification), "crm-acted", GINT_TO_POINTER (TRUE));
  crm_notifier_action_invoked (CRM_NOTIFIER (self), id, action);
}

static void
on_notification_closed_cb (NotifyNotification   *notification,
                           CrmLibnotifyNotifier *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (notification), "crm-id"));
  gboolean acted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (notification), "crm-acted"));

  if (g_hash_table_lookup (self->shown, id) == notification)
    g_hash_table_remove (self->shown, id);
  if (!acted && notify_notification_get_closed_reason (notification) == CLOSED_BY_USER)
    crm_notifier_action_invoked (CRM_NOTIFIER (self), id, CRM_NOTIFICATION_ACTION_DISMISSED);
}

/* Stops reporting on @notification and closes it. */
static void
forget (CrmLibnotifyNotifier *self,
        NotifyNotification   *notification)
{
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (notification, self);
  notify_notification_clear_actions (notification);
  if (!notify_notification_close (notification, &error))
    g_debug ("Cannot close a notification: %s", error->message);
}

static void
crm_libnotify_notifier_show (CrmNotifier           *notifier,
                             const CrmNotification *content)
{
  CrmLibnotifyNotifier *self = CRM_LIBNOTIFY_NOTIFIER (notifier);
  NotifyNotification *previous = g_hash_table_lookup (self->shown, content->id);
  NotifyNotification *notification;
  g_autoptr(GError) error = NULL;

  if (previous != NULL)
    {
      forget (self, previous);
      g_hash_table_remove (self->shown, content->id);
    }
  notification = notify_notification_new (content->title, content->body, APP_ID);
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  notify_notification_set_timeout (notification, NOTIFY_EXPIRES_NEVER);
  g_object_set_data_full (G_OBJECT (notification), "crm-id", g_strdup (content->id), g_free);
  notify_notification_add_action (notification, CRM_NOTIFICATION_ACTION_DEFAULT, _("Open"),
                                  on_notification_action_cb, self, NULL);
  for (guint i = 0; content->action_ids[i] != NULL && content->action_labels[i] != NULL; i++)
    notify_notification_add_action (notification, content->action_ids[i], content->action_labels[i],
                                    on_notification_action_cb, self, NULL);
  g_signal_connect (notification, "closed", G_CALLBACK (on_notification_closed_cb), self);
  if (!notify_notification_show (notification, &error))
    {
      g_warning ("Cannot show the notification “%s”: %s", content->title, error->message);
      g_signal_handlers_disconnect_by_data (notification, self);
      g_object_unref (notification);
      return;
    }
  /* The table keeps the reference: libnotify reports actions and the
   * close only while the object lives. */
  g_hash_table_insert (self->shown, g_strdup (content->id), notification);
}

static void
crm_libnotify_notifier_withdraw (CrmNotifier *notifier,
                                 const char  *id)
{
  CrmLibnotifyNotifier *self = CRM_LIBNOTIFY_NOTIFIER (notifier);
  NotifyNotification *notification = g_hash_table_lookup (self->shown, id);

  if (notification == NULL)
    return;
  forget (self, notification);
  g_hash_table_remove (self->shown, id);
}

static void
crm_libnotify_notifier_iface_init (CrmNotifierInterface *iface)
{
  iface->show = crm_libnotify_notifier_show;
  iface->withdraw = crm_libnotify_notifier_withdraw;
}

static void
crm_libnotify_notifier_dispose (GObject *object)
{
  CrmLibnotifyNotifier *self = CRM_LIBNOTIFY_NOTIFIER (object);

  if (self->shown != NULL)
    {
      GHashTableIter iter;
      gpointer notification;

      g_hash_table_iter_init (&iter, self->shown);
      while (g_hash_table_iter_next (&iter, NULL, &notification))
        forget (self, notification);
      g_clear_pointer (&self->shown, g_hash_table_unref);
    }

  G_OBJECT_CLASS (crm_libnotify_notifier_parent_class)->dispose (object);
}

static void
crm_libnotify_notifier_class_init (CrmLibnotifyNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_libnotify_notifier_dispose;
}

static void
crm_libnotify_notifier_init (CrmLibnotifyNotifier *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

CrmLibnotifyNotifier *
crm_libnotify_notifier_new (const char *app_name)
{
  g_return_val_if_fail (app_name != NULL, NULL);

  if (!notify_is_initted ())
    notify_init (app_name);
  return g_object_new (CRM_TYPE_LIBNOTIFY_NOTIFIER, NULL);
}
