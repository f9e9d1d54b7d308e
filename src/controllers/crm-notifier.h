/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_NOTIFICATION (crm_notification_get_type ())
#define CRM_TYPE_NOTIFIER     (crm_notifier_get_type ())

/* Actions every notifier reports besides the notification's own:
 * "default" when the notification itself is clicked, "dismissed" when the
 * person closes it. */
#define CRM_NOTIFICATION_ACTION_DEFAULT   "default"
#define CRM_NOTIFICATION_ACTION_DISMISSED "dismissed"

/* What a desktop notification shows: an id (a new notification with the
 * id of a shown one replaces it), a title, a body and buttons, each an
 * action id with its (translated) label. */
typedef struct
{
  char   *id;
  char   *title;
  char   *body;
  GStrv   action_ids;
  GStrv   action_labels;
} CrmNotification;

GType            crm_notification_get_type    (void) G_GNUC_CONST;
CrmNotification *crm_notification_new         (const char             *id,
                                               const char             *title,
                                               const char             *body);
CrmNotification *crm_notification_copy        (const CrmNotification  *self);
void             crm_notification_free        (CrmNotification        *self);
void             crm_notification_add_action  (CrmNotification        *self,
                                               const char             *action_id,
                                               const char             *label);

G_DECLARE_INTERFACE (CrmNotifier, crm_notifier, CRM, NOTIFIER, GObject)

/* Where notifications go: libnotify in the application, a recording in
 * tests.  An implementation reports what the person did by calling
 * crm_notifier_action_invoked(), which emits "action-invoked"
 * (notification id, action id). */
struct _CrmNotifierInterface
{
  GTypeInterface parent_iface;

  void (*show)     (CrmNotifier            *self,
                    const CrmNotification  *notification);
  void (*withdraw) (CrmNotifier            *self,
                    const char             *id);
};

void crm_notifier_show             (CrmNotifier            *self,
                                    const CrmNotification  *notification);
void crm_notifier_withdraw         (CrmNotifier            *self,
                                    const char             *id);
void crm_notifier_action_invoked   (CrmNotifier            *self,
                                    const char             *id,
                                    const char             *action_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmNotification, crm_notification_free)

G_END_DECLS
