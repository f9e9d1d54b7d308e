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

/* Reminders computed from the records ----------------------------------
 *
 * Besides event reminders the user is reminded, once a day per item, of
 * what they answer for (the owner of a quote or contract, or the
 * customer's assigned staff when it has no owner; the assigned staff for
 * birthdays), among what they may read (the customer and transaction
 * visibility rules):
 * - quotes sent and unanswered: status 'sent', last sent at least
 *   CRM_SETTING_REMINDER_QUOTE_DAYS days ago (company setting, default 7);
 * - active contracts ending within CRM_SETTING_REMINDER_CONTRACT_DAYS days
 *   (default 30), today included;
 * - unpaid instalments of signed contracts due within
 *   CRM_REMINDER_INSTALMENT_DAYS days, or overdue;
 * - the birthdays of the customers assigned to them, today (29 February
 *   on 28 February in other years).
 * Days are local days.  crm_reminder_store_take_record_reminders()
 * returns the items not shown yet to the user on the local day of @now and
 * records them as shown (rows of reminders with ref_kind 'quote',
 * 'contract', 'instalment' or 'birthday', ref_id the item, occurrence_at
 * the day; rows older than a week are removed), together with the items
 * whose snooze ended (crm_reminder_store_snooze() and _dismiss() take
 * their id too).  An item that no longer qualifies (the quote was
 * answered) does not come back from a snooze. */
#define CRM_TYPE_RECORD_REMINDER (crm_record_reminder_get_type ())

#define CRM_SETTING_REMINDER_QUOTE_DAYS      "reminder_quote_days"
#define CRM_SETTING_REMINDER_CONTRACT_DAYS   "reminder_contract_days"
#define CRM_REMINDER_QUOTE_DAYS_DEFAULT      7
#define CRM_REMINDER_CONTRACT_DAYS_DEFAULT   30
#define CRM_REMINDER_INSTALMENT_DAYS         3

typedef enum
{
  CRM_RECORD_REMINDER_QUOTE,        /* sent, no answer */
  CRM_RECORD_REMINDER_CONTRACT,     /* active, ending soon */
  CRM_RECORD_REMINDER_INSTALMENT,   /* unpaid, due soon or overdue */
  CRM_RECORD_REMINDER_BIRTHDAY,
} CrmRecordReminderKind;

typedef struct
{
  gint64                 id;             /* the reminders row recording that it was shown */
  CrmRecordReminderKind  kind;
  gint64                 item_id;        /* the quote, contract, instalment or customer */
  gint64                 record_id;      /* what "Open" opens: the quote, the contract, the customer */
  char                  *code;           /* the quote's, contract's or customer's code */
  char                  *customer_name;
  char                  *date;           /* YYYY-MM-DD: last sent, end, due or birth date (may be NULL) */
  gint                   days;           /* quote: days since sent; contract, instalment: days
                                          * left (negative when overdue); birthday: age (0 unknown) */
  gint                   position;       /* instalment: its number in the contract */
  gint64                 amount;         /* instalment: đồng */
  gboolean               snoozed;        /* back from a snooze */
} CrmRecordReminder;

GType              crm_record_reminder_get_type        (void) G_GNUC_CONST;
CrmRecordReminder *crm_record_reminder_copy            (const CrmRecordReminder  *self);
void               crm_record_reminder_free            (CrmRecordReminder        *self);
/* "quote", "contract" or "customer": the kind of record_id, as
 * win.open-record names it. */
const char        *crm_record_reminder_get_record_kind (const CrmRecordReminder  *self);

GPtrArray         *crm_reminder_store_take_record_reminders (CrmStore     *store,
                                                             CrmSession   *session,
                                                             GDateTime    *now,
                                                             GError      **error);
/* TRUE in *due when crm_reminder_store_take_record_reminders() at @now
 * would show something; nothing is recorded. */
gboolean           crm_reminder_store_has_record_reminders  (CrmStore     *store,
                                                             CrmSession   *session,
                                                             GDateTime    *now,
                                                             gboolean     *due,
                                                             GError      **error);

/* For a start with no one signed in (--background): TRUE in *due when a
 * reminder of the user with @login fell due since their last look or a
 * record reminder waits today.  Only that is told: nothing of the
 * reminders, and no session comes out. */
gboolean           crm_reminder_store_due_for_login         (CrmStore     *store,
                                                             const char   *login,
                                                             GDateTime    *now,
                                                             gboolean     *due,
                                                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDueReminder, crm_due_reminder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmRecordReminder, crm_record_reminder_free)

G_END_DECLS
