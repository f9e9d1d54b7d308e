/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-event.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_DUE_REMINDER (crm_due_reminder_get_type ())

/* A reminder of an event that fell due for the signed-in user, for one
 * occurrence of the event. */
typedef struct
{
  gint64        id;                /* the reminders row recording that it was shown */
  gint64        reminder_id;       /* the event's reminder (its offset row) */
  gint64        event_id;
  CrmEventKind  kind;
  char         *title;
  char         *location;          /* NULL for none */
  char         *customer_name;     /* NULL for none or not visible */
  gboolean      all_day;
  GDateTime    *occurrence_start;
  GDateTime    *occurrence_end;
  GDateTime    *due_at;            /* the start less the offset, or the end of a snooze */
  gint          offset_minutes;
  gboolean      snoozed;           /* back from a snooze */
  gboolean      missed;            /* fell due while the application was not running */
} CrmDueReminder;

GType           crm_due_reminder_get_type   (void) G_GNUC_CONST;
CrmDueReminder *crm_due_reminder_copy       (const CrmDueReminder  *self);
void            crm_due_reminder_free       (CrmDueReminder        *self);

/* Reminders are looked at in windows of time: each call of
 * crm_reminder_store_take_due() for a user returns the reminders that fell
 * due after the previous call (kept per user in reminder_runs) and up to
 * @now included, records them as shown and remembers @now, in one
 * transaction.  A reminder falls due at its occurrence's start less its
 * offset, for the owner and every participant of an event that is not
 * done.  When a window holds several occurrences of one reminder (a daily
 * series while the application was closed for a week) only the latest is
 * returned.  A reminder is never shown twice for the same occurrence,
 * even when the clock goes back.  The first call for a user returns
 * nothing and starts the windows at @now.
 *
 * A shown reminder comes back only when snoozed: crm_reminder_store_snooze()
 * makes it fall due again at @until (in a later window); dismissing it
 * (crm_reminder_store_dismiss(), which tells the event's id) cancels a
 * pending snooze.  Both act only
 * on the signed-in user's own reminders (CRM_STORE_ERROR_NOT_FOUND
 * otherwise).
 *
 * crm_reminder_store_next_due: the earliest time after @after at which one
 * of the user's reminders falls due (including snoozes), NULL for none in
 * the next CRM_REMINDER_HORIZON_DAYS days. */
#define CRM_REMINDER_HORIZON_DAYS 31

gboolean        crm_reminder_store_get_last_run (CrmStore          *store,
                                                 CrmSession        *session,
                                                 GDateTime        **last_run,
                                                 GError           **error);
GPtrArray      *crm_reminder_store_take_due     (CrmStore          *store,
                                                 CrmSession        *session,
                                                 GDateTime         *now,
                                                 GError           **error);
gboolean        crm_reminder_store_snooze       (CrmStore          *store,
                                                 CrmSession        *session,
                                                 gint64             shown_id,
                                                 GDateTime         *until,
                                                 GError           **error);
gboolean        crm_reminder_store_dismiss      (CrmStore          *store,
                                                 CrmSession        *session,
                                                 gint64             shown_id,
                                                 GDateTime         *now,
                                                 gint64            *event_id,
                                                 GError           **error);
gboolean        crm_reminder_store_next_due     (CrmStore          *store,
                                                 CrmSession        *session,
                                                 GDateTime         *after,
                                                 GDateTime        **next,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDueReminder, crm_due_reminder_free)

G_END_DECLS
