/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-notifier.h"

G_BEGIN_DECLS

#define CRM_TYPE_LIBNOTIFY_NOTIFIER (crm_libnotify_notifier_get_type ())

G_DECLARE_FINAL_TYPE (CrmLibnotifyNotifier, crm_libnotify_notifier, CRM, LIBNOTIFY_NOTIFIER, GObject)

/* Desktop notifications through libnotify (org.freedesktop.Notifications).
 * Notifications stay until the person acts on them; a click on one, one of
 * its buttons, or closing it are reported with "action-invoked"
 * (CRM_NOTIFICATION_ACTION_DEFAULT, the button's action id,
 * CRM_NOTIFICATION_ACTION_DISMISSED).  Initialises libnotify with
 * @app_name when nothing did yet.  A notification that cannot be shown
 * (no notification service) is logged, not fatal. */
CrmLibnotifyNotifier *crm_libnotify_notifier_new (const char *app_name);

G_END_DECLS
