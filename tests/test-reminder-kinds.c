/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"
#include "crm-recording-notifier.h"
#include "crm-reminder-scheduler.h"
#include "test-calendar-fixture.h"

/* Reminders computed from the records: quotes unanswered, contracts
 * ending, instalments due, birthdays.  The office's records are written
 * with SQL (dates fixed); "now" is Tuesday 24/11/2026 in Vietnam. */

static const char *const action_ids[] = { "open", "snooze", NULL };
static const char *const action_labels[] = { "Open", "Snooze 10 minutes", NULL };

typedef struct
{
  CrmReminderScheduler  *scheduler;
  CrmRecordingNotifier  *notifier;
  GDateTime             *now;
  char                  *opened_kind;
  gint64                 opened_id;
} Desk;

static GDateTime *
desk_clock (gpointer data)
{
  Desk *desk = data;

  return g_date_time_ref (desk->now);
}

static void
on_open_record_cb (CrmReminderScheduler *scheduler,
                   const char           *kind,
                   gint64                id,
                   Desk                 *desk)
{
  g_free (desk->opened_kind);
  desk->opened_kind = g_strdup (kind);
  desk->opened_id = id;
}

static void
desk_open (Desk       *desk,
           Office     *office,
           CrmSession *session)
{
  desk->notifier = crm_recording_notifier_new ();
  desk->scheduler = crm_reminder_scheduler_new (office->db.store, session, CRM_NOTIFIER (desk->notifier));
  crm_reminder_scheduler_set_clock (desk->scheduler, desk_clock, desk, NULL);
  g_signal_connect (desk->scheduler, "open-record", G_CALLBACK (on_open_record_cb), desk);
}

static void
desk_close (Desk *desk)
{
  g_clear_object (&desk->scheduler);
  g_clear_object (&desk->notifier);
  g_clear_pointer (&desk->now, g_date_time_unref);
  g_clear_pointer (&desk->opened_kind, g_free);
}

/* Looks at the local time given and returns how many notifications it
 * showed; the first look starts the scheduler. */
static guint
desk_look (Desk *desk,
           int   year,
           int   month,
           int   day,
           int   hour,
           int   minute)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  GPtrArray *shown = crm_recording_notifier_get_shown (desk->notifier);
  guint before = shown->len;

  g_clear_pointer (&desk->now, g_date_time_unref);
  desk->now = office_time (year, month, day, hour, minute);
  due = crm_reminder_scheduler_check (desk->scheduler, desk->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (due);
  return shown->len - before;
}

static CrmNotification *
shown (Desk  *desk,
       guint  from_end)
{
  GPtrArray *all = crm_recording_notifier_get_shown (desk->notifier);

  g_assert_cmpuint (all->len, >, from_end);
  return g_ptr_array_index (all, all->len - 1 - from_end);
}

static void
assert_notification (CrmNotification *notification,
                     const char      *title,
                     const char      *body)
{
  g_assert_cmpstr (notification->title, ==, title);
  g_assert_cmpstr (notification->body, ==, body);
  g_assert_cmpstrv (notification->action_ids, action_ids);
  g_assert_cmpstrv (notification->action_labels, action_labels);
}

static gint64
add_quote (Office     *office,
           const char *code,
           gint64      owner,
           gint64      customer,
           const char *status,
           const char *sent_at)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO quotes (code, customer_id, owner_id, status, issue_date, valid_until, created_at, updated_at) "
    "VALUES ('%s', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '2026-11-01', '2026-12-31', "
    "'2026-11-01T02:00:00Z', '2026-11-01T02:00:00Z'); "
    "INSERT INTO quote_sends (quote_id, revision, sent_at, recipient, channel) "
    "VALUES (last_insert_rowid (), 1, '%s', 'a@b.vn', 'email');",
    code, customer, owner, status, sent_at);
  g_autofree char *query = g_strdup_printf ("SELECT id FROM quotes WHERE code = '%s'", code);

  office_exec (office, sql);
  return office_query_int (office, query);
}

static gint64
add_contract (Office     *office,
              const char *code,
              gint64      owner,
              const char *status,
              const char *ends_on)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contracts (code, customer_id, owner_id, status, starts_on, ends_on, created_at, updated_at) "
    "VALUES ('%s', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '2026-01-01', '%s', "
    "'2026-01-01T02:00:00Z', '2026-01-01T02:00:00Z')",
    code, office->customer, owner, status, ends_on);
  g_autofree char *query = g_strdup_printf ("SELECT id FROM contracts WHERE code = '%s'", code);

  office_exec (office, sql);
  return office_query_int (office, query);
}

static void
add_instalment (Office     *office,
                gint64      contract,
                int         position,
                const char *due_on,
                gint64      amount,
                gboolean    paid)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contract_instalments (contract_id, position, due_on, amount, paid) "
    "VALUES (%" G_GINT64_FORMAT ", %d, '%s', %" G_GINT64_FORMAT ", %d)",
    contract, position, due_on, amount, paid ? 1 : 0);

  office_exec (office, sql);
}

static gint64
add_person (Office     *office,
            const char *name,
            gint64      assigned_to,
            const char *birth_date)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->kind = CRM_CUSTOMER_KIND_PERSON;
  customer->birth_date = g_strdup (birth_date);
  customer->assigned_to = assigned_to;
  id = crm_customer_store_create (office->db.store, office->db.admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

/* Staff see only their own customers from now on (sessions opened after). */
static void
office_share_own (Office *office)
{
  office_exec (office, "UPDATE settings SET value = 'own' WHERE key = 'customer_visibility'");
  g_clear_object (&office->hung_session);
  g_clear_object (&office->lan_session);
  office->hung_session = office_session (office, office->hung);
  office->lan_session = office_session (office, office->lan);
}

static void
test_quote_unanswered (Office        *office,
                       gconstpointer  data)
{
  Desk lan = { 0 };
  Desk mai = { 0 };
  gint64 old = add_quote (office, "BG-2026-0001", office->lan, office->customer, "sent", "2026-11-16T02:00:00Z");

  add_quote (office, "BG-2026-0002", office->lan, office->customer, "sent", "2026-11-21T02:00:00Z");
  add_quote (office, "BG-2026-0003", office->lan, office->customer, "accepted", "2026-11-01T02:00:00Z");
  add_quote (office, "BG-2026-0004", office->lan, office->customer, "draft", "2026-11-01T02:00:00Z");

  desk_open (&lan, office, office->lan_session);
  desk_open (&mai, office, office->mai_session);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 0), ==, 1);
  assert_notification (shown (&lan, 0), "Quote BG-2026-0001 has no answer",
                       "Sent 8 days ago, no answer yet.\nCustomer: Công ty TNHH Hoa Sen");
  g_assert_cmpuint (desk_look (&mai, 2026, 11, 24, 9, 0), ==, 0);

  /* Once a day: not again today, again tomorrow. */
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 1), ==, 0);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 23, 59), ==, 0);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 25, 0, 1), ==, 1);
  assert_notification (shown (&lan, 0), "Quote BG-2026-0001 has no answer",
                       "Sent 8 days ago, no answer yet.\nCustomer: Công ty TNHH Hoa Sen");

  /* The setting: after 3 days the second quote asks too. */
  office_exec (office, "INSERT INTO settings (key, value, updated_at) "
                       "VALUES ('" CRM_SETTING_REMINDER_QUOTE_DAYS "', '3', '2026-11-25T00:00:00Z')");
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 25, 8, 0), ==, 1);
  g_assert_cmpstr (shown (&lan, 0)->title, ==, "Quote BG-2026-0002 has no answer");

  /* An answer ends it. */
  office_exec (office, "UPDATE quotes SET status = 'accepted'");
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 26, 8, 0), ==, 0);
  g_assert_cmpint (old, >, 0);
  desk_close (&lan);
  desk_close (&mai);
}

static void
test_contract_ending (Office        *office,
                      gconstpointer  data)
{
  Desk lan = { 0 };
  Desk hung = { 0 };
  gint64 soon = add_contract (office, "HD-2026-0001", office->lan, "active", "2026-12-06");

  add_contract (office, "HD-2026-0002", office->lan, "active", "2027-01-10");
  add_contract (office, "HD-2026-0003", office->lan, "draft", "2026-11-30");
  add_contract (office, "HD-2026-0004", office->lan, "active", "2026-11-20");
  add_contract (office, "HD-2026-0005", office->lan, "active", "2026-11-24");

  desk_open (&lan, office, office->lan_session);
  desk_open (&hung, office, office->hung_session);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 0), ==, 2);
  assert_notification (shown (&lan, 1), "Contract HD-2026-0005 is ending",
                       "Ends today.\nCustomer: Công ty TNHH Hoa Sen");
  assert_notification (shown (&lan, 0), "Contract HD-2026-0001 is ending",
                       "Ends in 12 days, on 06/12/2026.\nCustomer: Công ty TNHH Hoa Sen");
  /* Hùng sees the customer (shared office) but does not own the contracts. */
  g_assert_cmpuint (desk_look (&hung, 2026, 11, 24, 9, 0), ==, 0);

  /* 30 days by default; 60 brings in the one of January. */
  office_exec (office, "INSERT INTO settings (key, value, updated_at) "
                       "VALUES ('" CRM_SETTING_REMINDER_CONTRACT_DAYS "', '60', '2026-11-24T00:00:00Z')");
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 10, 0), ==, 1);
  g_assert_cmpstr (shown (&lan, 0)->body, ==, "Ends in 47 days, on 10/01/2027.\nCustomer: Công ty TNHH Hoa Sen");

  /* Open: win.open-record ("contract", id). */
  crm_notifier_action_invoked (CRM_NOTIFIER (lan.notifier), shown (&lan, 1)->id, CRM_REMINDER_ACTION_OPEN);
  g_assert_cmpstr (lan.opened_kind, ==, "contract");
  g_assert_cmpint (lan.opened_id, ==, soon);
  desk_close (&lan);
  desk_close (&hung);
}

static void
test_instalments_due (Office        *office,
                      gconstpointer  data)
{
  Desk lan = { 0 };
  gint64 contract = add_contract (office, "HD-2026-0007", office->lan, "active", "2027-06-30");
  gint64 cancelled = add_contract (office, "HD-2026-0008", office->lan, "cancelled", "2027-06-30");

  add_instalment (office, contract, 1, "2026-11-20", 5000000, FALSE);
  add_instalment (office, contract, 2, "2026-11-26", 12000000, FALSE);
  add_instalment (office, contract, 3, "2026-11-24", 1000000, TRUE);
  add_instalment (office, contract, 4, "2026-11-30", 9000000, FALSE);
  add_instalment (office, cancelled, 1, "2026-11-24", 7000000, FALSE);

  desk_open (&lan, office, office->lan_session);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 0), ==, 2);
  assert_notification (shown (&lan, 1), "Instalment due: 5.000.000 ₫",
                       "Instalment 1 of contract HD-2026-0007\nOverdue by 4 days, due on 20/11/2026.\n"
                       "Customer: Công ty TNHH Hoa Sen");
  assert_notification (shown (&lan, 0), "Instalment due: 12.000.000 ₫",
                       "Instalment 2 of contract HD-2026-0007\nDue in 2 days, on 26/11/2026.\n"
                       "Customer: Công ty TNHH Hoa Sen");
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 15, 0), ==, 0);

  /* Paid today: tomorrow only the fourth is due (within 3 days). */
  office_exec (office, "UPDATE contract_instalments SET paid = 1 WHERE position IN (1, 2)");
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 27, 9, 0), ==, 1);
  g_assert_cmpstr (shown (&lan, 0)->title, ==, "Instalment due: 9.000.000 ₫");
  desk_close (&lan);
}

static void
test_birthdays (Office        *office,
                gconstpointer  data)
{
  Desk lan = { 0 };
  Desk hung = { 0 };
  g_autoptr(GDateTime) leap_eve = office_time (2027, 2, 28, 8, 0);
  g_autoptr(GPtrArray) leap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 an = add_person (office, "Nguyễn Văn An", office->hung, "1990-11-24");
  CrmRecordReminder *reminder;

  add_person (office, "Trần Thị Bình", office->hung, "1985-11-25");
  add_person (office, "Lê Văn Cường", office->hung, "1992-02-29");

  desk_open (&lan, office, office->lan_session);
  desk_open (&hung, office, office->hung_session);
  g_assert_cmpuint (desk_look (&hung, 2026, 11, 24, 8, 0), ==, 1);
  assert_notification (shown (&hung, 0), "Birthday: Nguyễn Văn An",
                       "Today is the birthday of Nguyễn Văn An (KH000002).");
  /* Lan sees An too (a shared office) but is not the assigned staff. */
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 8, 0), ==, 0);

  crm_notifier_action_invoked (CRM_NOTIFIER (hung.notifier), shown (&hung, 0)->id, CRM_REMINDER_ACTION_OPEN);
  g_assert_cmpstr (hung.opened_kind, ==, "customer");
  g_assert_cmpint (hung.opened_id, ==, an);

  /* 29 February is remembered on 28 February of a common year. */
  leap = crm_reminder_store_take_record_reminders (office->db.store, office->hung_session, leap_eve, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leap->len, ==, 1);
  reminder = g_ptr_array_index (leap, 0);
  g_assert_cmpint (reminder->kind, ==, CRM_RECORD_REMINDER_BIRTHDAY);
  g_assert_cmpstr (reminder->customer_name, ==, "Lê Văn Cường");
  g_assert_cmpint (reminder->days, ==, 35);
  desk_close (&lan);
  desk_close (&hung);
}

static void
test_own_mode_visibility (Office        *office,
                          gconstpointer  data)
{
  Desk hung = { 0 };
  Desk lan = { 0 };
  gint64 hung_customer = add_person (office, "Phạm Thị Dung", office->hung, NULL);
  gboolean due = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = office_time (2026, 11, 24, 9, 0);

  /* Hùng's quotes: one to Lan's customer, one to his own; and a contract
   * of his on Lan's customer with an instalment due. */
  add_quote (office, "BG-2026-0011", office->hung, office->customer, "sent", "2026-11-10T02:00:00Z");
  add_quote (office, "BG-2026-0012", office->hung, hung_customer, "sent", "2026-11-10T02:00:00Z");
  add_instalment (office, add_contract (office, "HD-2026-0011", office->hung, "active", "2026-12-01"),
                  1, "2026-11-25", 3000000, FALSE);
  add_person (office, "Võ Văn Em", office->lan, "1970-11-24");
  office_share_own (office);

  desk_open (&hung, office, office->hung_session);
  desk_open (&lan, office, office->lan_session);
  g_assert_true (crm_reminder_store_has_record_reminders (office->db.store, office->hung_session, now, &due,
                                                          &error));
  g_assert_no_error (error);
  g_assert_true (due);
  g_assert_cmpuint (desk_look (&hung, 2026, 11, 24, 9, 0), ==, 1);
  g_assert_cmpstr (shown (&hung, 0)->title, ==, "Quote BG-2026-0012 has no answer");
  g_assert_cmpstr (shown (&hung, 0)->body, ==, "Sent 14 days ago, no answer yet.\nCustomer: Phạm Thị Dung");
  g_assert_true (crm_reminder_store_has_record_reminders (office->db.store, office->hung_session, now, &due,
                                                          &error));
  g_assert_false (due);
  /* Lan does not answer for Hùng's quotes and contract; her customer's birthday is hers. */
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 0), ==, 1);
  g_assert_cmpstr (shown (&lan, 0)->title, ==, "Birthday: Võ Văn Em");
  desk_close (&hung);
  desk_close (&lan);
}

static void
test_snooze_and_dismiss (Office        *office,
                         gconstpointer  data)
{
  Desk lan = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) back_at = office_time (2026, 11, 24, 9, 15);
  gint64 quote = add_quote (office, "BG-2026-0021", office->lan, office->customer, "sent",
                            "2026-11-02T02:00:00Z");

  desk_open (&lan, office, office->lan_session);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 0), ==, 1);
  id = g_strdup (shown (&lan, 0)->id);
  g_assert_false (crm_reminder_scheduler_get_pending (lan.scheduler));

  /* "Snooze 10 minutes" at 09:05: back at 09:15 with the same id. */
  g_clear_pointer (&lan.now, g_date_time_unref);
  lan.now = office_time (2026, 11, 24, 9, 5);
  crm_notifier_action_invoked (CRM_NOTIFIER (lan.notifier), id, CRM_REMINDER_ACTION_SNOOZE);
  g_assert_cmpstr (g_ptr_array_index (crm_recording_notifier_get_withdrawn (lan.notifier), 0), ==, id);
  g_assert_true (crm_reminder_scheduler_get_pending (lan.scheduler));
  g_assert_true (g_date_time_equal (crm_reminder_scheduler_get_next_due (lan.scheduler), back_at));
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 14), ==, 0);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 15), ==, 1);
  g_assert_cmpstr (shown (&lan, 0)->id, ==, id);
  g_assert_cmpstr (shown (&lan, 0)->title, ==, "Quote BG-2026-0021 has no answer");
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 9, 30), ==, 0);

  /* Closed: not again today; snoozed then answered: not back either. */
  crm_notifier_action_invoked (CRM_NOTIFIER (lan.notifier), id, CRM_NOTIFICATION_ACTION_DISMISSED);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 18, 0), ==, 0);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 25, 8, 0), ==, 1);
  crm_notifier_action_invoked (CRM_NOTIFIER (lan.notifier), shown (&lan, 0)->id, CRM_REMINDER_ACTION_SNOOZE);
  office_exec (office, "UPDATE quotes SET status = 'rejected'");
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 25, 9, 0), ==, 0);

  /* Someone else's row cannot be snoozed. */
  {
    g_autoptr(GError) error = NULL;
    gint64 row = office_query_int (office, "SELECT max (id) FROM reminders WHERE ref_kind = 'quote'");

    g_assert_false (crm_reminder_store_snooze (office->db.store, office->hung_session, row, lan.now, &error));
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  }
  g_assert_cmpint (quote, >, 0);
  desk_close (&lan);
}

static gboolean
due_for_lan (Office *office,
             int     hour,
             int     minute)
{
  g_autoptr(GDateTime) now = office_time (2026, 11, 24, hour, minute);
  g_autoptr(GError) error = NULL;
  gboolean due = TRUE;

  g_assert_true (crm_reminder_store_due_for_login (office->db.store, "lan.nguyen", now, &due, &error));
  g_assert_no_error (error);
  return due;
}

static void
test_due_for_login (Office        *office,
                    gconstpointer  data)
{
  Desk lan = { 0 };
  g_autoptr(GDateTime) start = office_time (2026, 11, 24, 9, 0);
  g_autoptr(CrmEvent) visit = office_event (0, CRM_EVENT_KIND_VISIT, "Khảo sát", start, 60);
  g_autoptr(GError) error = NULL;
  gboolean due = FALSE;

  crm_event_add_reminder (visit, 15);
  office_save (office, office->lan_session, visit);
  g_assert_false (due_for_lan (office, 8, 0));

  /* Looked at 08:00, then closed: at 08:50 the visit's reminder is due. */
  desk_open (&lan, office, office->lan_session);
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 8, 0), ==, 0);
  g_assert_false (due_for_lan (office, 8, 30));
  g_assert_true (due_for_lan (office, 8, 50));
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 8, 50), ==, 1);
  g_assert_false (due_for_lan (office, 8, 55));

  /* A quote waiting for an answer is due until shown today. */
  add_quote (office, "BG-2026-0031", office->lan, office->customer, "sent", "2026-11-02T02:00:00Z");
  g_assert_true (due_for_lan (office, 8, 56));
  g_assert_cmpuint (desk_look (&lan, 2026, 11, 24, 8, 57), ==, 1);
  g_assert_false (due_for_lan (office, 8, 58));

  g_assert_false (crm_reminder_store_due_for_login (office->db.store, "nobody", start, &due, &error));
  g_assert_nonnull (error);
  desk_close (&lan);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/reminder-kinds/" path, Office, NULL, office_setup, func, office_teardown)

  ADD ("quote-unanswered", test_quote_unanswered);
  ADD ("contract-ending", test_contract_ending);
  ADD ("instalments-due", test_instalments_due);
  ADD ("birthdays", test_birthdays);
  ADD ("own-mode-visibility", test_own_mode_visibility);
  ADD ("snooze-and-dismiss", test_snooze_and_dismiss);
  ADD ("due-for-login", test_due_for_login);

#undef ADD
  return g_test_run ();
}
