/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-recording-notifier"

#include "config.h"

#include "crm-recording-notifier.h"

struct _CrmRecordingNotifier
{
  GObject     parent_instance;

  GPtrArray  *shown;
  GPtrArray  *withdrawn;
};

static void crm_recording_notifier_iface_init (CrmNotifierInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmRecordingNotifier, crm_recording_notifier, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CRM_TYPE_NOTIFIER, crm_recording_notifier_iface_init))

static void
crm_recording_notifier_show (CrmNotifier           *notifier,
                             const CrmNotification *notification)
{
  CrmRecordingNotifier *self = CRM_RECORDING_NOTIFIER (notifier);

  g_ptr_array_add (self->shown, crm_notification_copy (notification));
}

static void
crm_recording_notifier_withdraw (CrmNotifier *notifier,
                                 const char  *id)
{
  CrmRecordingNotifier *self = CRM_RECORDING_NOTIFIER (notifier);

  g_ptr_array_add (self->withdrawn, g_strdup (id));
}

static void
crm_recording_notifier_iface_init (CrmNotifierInterface *iface)
{
  iface->show = crm_recording_notifier_show;
  iface->withdraw = crm_recording_notifier_withdraw;
}

static void
crm_recording_notifier_finalize (GObject *object)
{
  CrmRecordingNotifier *self = CRM_RECORDING_NOTIFIER (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->withdrawn, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_recording_notifier_parent_class)->finalize (object);
}

static void
crm_recording_notifier_class_init (CrmRecordingNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_recording_notifier_finalize;
}

static void
crm_recording_notifier_init (CrmRecordingNotifier *self)
{
  self->shown = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_notification_free);
  self->withdrawn = g_ptr_array_new_with_free_func (g_free);
}

CrmRecordingNotifier *
crm_recording_notifier_new (void)
{
  return g_object_new (CRM_TYPE_RECORDING_NOTIFIER, NULL);
}

/**
 * crm_recording_notifier_get_shown:
 *
 * Returns: (transfer none) (element-type CrmNotification): every
 *   notification shown since the last clear, in order
 */
GPtrArray *
crm_recording_notifier_get_shown (CrmRecordingNotifier *self)
{
  g_return_val_if_fail (CRM_IS_RECORDING_NOTIFIER (self), NULL);
  return self->shown;
}

/**
 * crm_recording_notifier_get_withdrawn:
 *
 * Returns: (transfer none) (element-type utf8): the ids withdrawn since the
 *   last clear, in order
 */
GPtrArray *
crm_recording_notifier_get_withdrawn (CrmRecordingNotifier *self)
{
  g_return_val_if_fail (CRM_IS_RECORDING_NOTIFIER (self), NULL);
  return self->withdrawn;
}

void
crm_recording_notifier_clear (CrmRecordingNotifier *self)
{
  g_return_if_fail (CRM_IS_RECORDING_NOTIFIER (self));

  g_ptr_array_set_size (self->shown, 0);
  g_ptr_array_set_size (self->withdrawn, 0);
}
