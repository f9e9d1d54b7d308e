/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-notifier.h"
#include "crm-reminder-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_REMINDER_SCHEDULER (crm_reminder_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (CrmReminderScheduler, crm_reminder_scheduler, CRM, REMINDER_SCHEDULER, GObject)

#define CRM_REMINDER_SNOOZE_MINUTES  10
#define CRM_REMINDER_ACTION_OPEN     "open"
#define CRM_REMINDER_ACTION_SNOOZE   "snooze"

/* The current time; the scheduler asks it when it acts on its own (its
 * timer, a click on a notification).  Tests give a fixed clock. */
typedef GDateTime *(*CrmClockFunc) (gpointer user_data);

/* Shows the signed-in user's event reminders through a CrmNotifier.
 *
 * crm_reminder_scheduler_start: on start, the reminders that fell due
 * while the application was not running (since the last look, kept in the
 * database per user) are shown, marked missed, and returned for a list.
 * crm_reminder_scheduler_check: the reminders that fell due since the last
 * look; crm_reminder_scheduler_run() calls it every @interval_seconds.
 * Both return (transfer full) arrays of CrmDueReminder.
 *
 * Each notification (id "reminder-<id of the shown row>") has the event's
 * title as title, the time, place and customer as body, and two actions:
 * "open" (Open: dismisses it and emits ::open-event with the event id) and
 * "snooze" (Snooze 10 minutes: it comes back 10 minutes after the click).
 * Closing it dismisses it: it does not come back.
 *
 * Both also show the reminders computed from the records that are new
 * today or back from a snooze (crm_reminder_store_take_record_reminders():
 * quotes unanswered, contracts ending, instalments due, birthdays), with
 * the same id scheme and actions; "open" on one emits ::open-record with
 * the record's kind ("quote", "contract", "customer") and id.
 *
 * crm_reminder_scheduler_snooze, _dismiss and _mark_done take the id of a
 * CrmDueReminder.  _mark_done dismisses the reminder and marks its event
 * done (a recurring event stays open: done would end the series).
 *
 * The "pending" property is TRUE while a reminder will still fall due
 * within CRM_REMINDER_HORIZON_DAYS days ("next-due" says when), so the
 * application can keep running with its window closed. */
CrmReminderScheduler *crm_reminder_scheduler_new       (CrmStore              *store,
                                                        CrmSession            *session,
                                                        CrmNotifier           *notifier);
void        crm_reminder_scheduler_set_clock           (CrmReminderScheduler  *self,
                                                        CrmClockFunc           clock,
                                                        gpointer               user_data,
                                                        GDestroyNotify         destroy);
GPtrArray  *crm_reminder_scheduler_start               (CrmReminderScheduler  *self,
                                                        GDateTime             *now,
                                                        GError               **error);
GPtrArray  *crm_reminder_scheduler_check               (CrmReminderScheduler  *self,
                                                        GDateTime             *now,
                                                        GError               **error);
gboolean    crm_reminder_scheduler_snooze              (CrmReminderScheduler  *self,
                                                        gint64                 due_id,
                                                        GDateTime             *now,
                                                        GError               **error);
gboolean    crm_reminder_scheduler_dismiss             (CrmReminderScheduler  *self,
                                                        gint64                 due_id,
                                                        GDateTime             *now,
                                                        GError               **error);
gboolean    crm_reminder_scheduler_mark_done           (CrmReminderScheduler  *self,
                                                        gint64                 due_id,
                                                        GDateTime             *now,
                                                        GError               **error);
gboolean    crm_reminder_scheduler_get_pending         (CrmReminderScheduler  *self);
GDateTime  *crm_reminder_scheduler_get_next_due        (CrmReminderScheduler  *self);
void        crm_reminder_scheduler_run                 (CrmReminderScheduler  *self,
                                                        guint                  interval_seconds);
void        crm_reminder_scheduler_stop                (CrmReminderScheduler  *self);

G_END_DECLS
