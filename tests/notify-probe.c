/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "crm-libnotify-notifier.h"
#include "crm-reminder-scheduler.h"

/* Sends one reminder through CrmLibnotifyNotifier to the session bus's
 * org.freedesktop.Notifications, prints "shown", then prints the first
 * action reported ("action ID ACTION") and exits; exits 1 after 20 s
 * without one.  Run by test-notify-dbus.py against a mock daemon. */

static void
on_action_invoked_cb (CrmNotifier *notifier,
                      const char  *id,
                      const char  *action_id,
                      GMainLoop   *loop)
{
  g_print ("action %s %s\n", id, action_id);
  g_main_loop_quit (loop);
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_printerr ("notify-probe: no action within 20 s\n");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(CrmLibnotifyNotifier) notifier = crm_libnotify_notifier_new ("Sổ Khách");
  g_autoptr(CrmNotification) notification =
    crm_notification_new ("reminder-7", "Khảo sát lắp đặt",
                          "Starts at 09:00 on 24/11/2026\nCustomer: Công ty TNHH Hoa Sen");

  crm_notification_add_action (notification, CRM_REMINDER_ACTION_OPEN, _("Open"));
  crm_notification_add_action (notification, CRM_REMINDER_ACTION_SNOOZE, _("Snooze 10 minutes"));
  g_signal_connect (notifier, "action-invoked", G_CALLBACK (on_action_invoked_cb), loop);
  crm_notifier_show (CRM_NOTIFIER (notifier), notification);
  g_print ("shown\n");
  g_timeout_add_seconds (20, on_timeout_cb, NULL);
  g_main_loop_run (loop);
  return 0;
}
