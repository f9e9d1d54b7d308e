/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reminder-scheduler"

#include "config.h"

#include "crm-reminder-scheduler.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-event-store.h"
#include "crm-money.h"

#define NOTIFICATION_PREFIX "reminder-"

struct _CrmReminderScheduler
{
  GObject         parent_instance;

  CrmStore       *store;
  CrmSession     *session;
  CrmNotifier    *notifier;
  CrmClockFunc    clock;
  gpointer        clock_data;
  GDestroyNotify  clock_destroy;
  GDateTime      *next_due;
  GHashTable     *records;   /* shown row id -> CrmRecordReminder */
  guint           timer_id;
  gboolean        started;
};

G_DEFINE_FINAL_TYPE (CrmReminderScheduler, crm_reminder_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_NOTIFIER,
  PROP_PENDING,
  PROP_NEXT_DUE,
  N_PROPS
};

enum {
  OPEN_EVENT,
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GDateTime *
now_from_clock (CrmReminderScheduler *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_date_time_new_now_utc ();
}

static char *
notification_id (gint64 due_id)
{
  return g_strdup_printf (NOTIFICATION_PREFIX "%" G_GINT64_FORMAT, due_id);
}

static gboolean
parse_notification_id (const char *id,
                       gint64     *due_id)
{
  char *end = NULL;

  if (!g_str_has_prefix (id, NOTIFICATION_PREFIX))
    return FALSE;
  *due_id = g_ascii_strtoll (id + strlen (NOTIFICATION_PREFIX), &end, 10);
  return end != NULL && *end == '\0' && *due_id > 0;
}

static char *
format_local (GDateTime  *time,
              const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, format);
}

/* "Starts at 14:00 on 24/11/2026", the place, the customer; a first line
 * saying so when it was missed. */
static char *
notification_body (const CrmDueReminder *due)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *day = format_local (due->occurrence_start, "%d/%m/%Y");

  if (due->missed)
    g_string_append_printf (body, "%s\n", _("Missed while Sổ Khách was not running."));
  if (due->all_day)
    g_string_append_printf (body, _("All day on %s"), day);
  else
    {
      g_autofree char *time = format_local (due->occurrence_start, "%H:%M");

      g_string_append_printf (body, _("Starts at %s on %s"), time, day);
    }
  if (due->location != NULL && *due->location != '\0')
    g_string_append_printf (body, "\n%s", due->location);
  if (due->customer_name != NULL && *due->customer_name != '\0')
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Customer: %s"), due->customer_name);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
show_notification (CrmReminderScheduler *self,
                   const CrmDueReminder *due)
{
  g_autofree char *id = notification_id (due->id);
  g_autofree char *body = notification_body (due);
  g_autoptr(CrmNotification) notification = crm_notification_new (id, due->title, body);

  crm_notification_add_action (notification, CRM_REMINDER_ACTION_OPEN, _("Open"));
  crm_notification_add_action (notification, CRM_REMINDER_ACTION_SNOOZE, _("Snooze 10 minutes"));
  crm_notifier_show (self->notifier, notification);
}

/* "15/11/2026" from the YYYY-MM-DD at the start of @date. */
static char *
format_date (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup ("");
  return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
}

static char *
record_title (const CrmRecordReminder *reminder)
{
  g_autofree char *amount = NULL;

  switch (reminder->kind)
    {
    case CRM_RECORD_REMINDER_QUOTE:
      return g_strdup_printf (_("Quote %s has no answer"), reminder->code);
    case CRM_RECORD_REMINDER_CONTRACT:
      return g_strdup_printf (_("Contract %s is ending"), reminder->code);
    case CRM_RECORD_REMINDER_INSTALMENT:
      amount = crm_money_format (reminder->amount);
      return g_strdup_printf (_("Instalment due: %s"), amount);
    case CRM_RECORD_REMINDER_BIRTHDAY:
    default:
      return g_strdup_printf (_("Birthday: %s"), reminder->customer_name);
    }
}

/* When an instalment falls due, from the days left. */
static void
append_instalment_due (GString                 *body,
                       const CrmRecordReminder *reminder,
                       const char              *date)
{
  g_string_append_printf (body, _("Instalment %d of contract %s"), reminder->position, reminder->code);
  g_string_append_c (body, '\n');
  if (reminder->days > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "Due in %d day, on %s.",
                                               "Due in %d days, on %s.", reminder->days),
                            reminder->days, date);
  else if (reminder->days == 0)
    g_string_append (body, _("Due today."));
  else
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day, due on %s.",
                                               "Overdue by %d days, due on %s.", -reminder->days),
                            -reminder->days, date);
}

static char *
record_body (const CrmRecordReminder *reminder)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *date = format_date (reminder->date);

  switch (reminder->kind)
    {
    case CRM_RECORD_REMINDER_QUOTE:
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "Sent %d day ago, no answer yet.",
                                                 "Sent %d days ago, no answer yet.", reminder->days),
                              reminder->days);
      break;
    case CRM_RECORD_REMINDER_CONTRACT:
      if (reminder->days == 0)
        g_string_append (body, _("Ends today."));
      else
        g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "Ends in %d day, on %s.",
                                                   "Ends in %d days, on %s.", reminder->days),
                                reminder->days, date);
      break;
    case CRM_RECORD_REMINDER_INSTALMENT:
      append_instalment_due (body, reminder, date);
      break;
    case CRM_RECORD_REMINDER_BIRTHDAY:
    default:
      g_string_append_printf (body, _("Today is the birthday of %s (%s)."),
                              reminder->customer_name, reminder->code);
      return g_string_free (g_steal_pointer (&body), FALSE);
    }
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Customer: %s"), reminder->customer_name);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
show_record_notification (CrmReminderScheduler    *self,
                          const CrmRecordReminder *reminder)
{
  g_autofree char *id = notification_id (reminder->id);
  g_autofree char *title = record_title (reminder);
  g_autofree char *body = record_body (reminder);
  g_autoptr(CrmNotification) notification = crm_notification_new (id, title, body);

  crm_notification_add_action (notification, CRM_REMINDER_ACTION_OPEN, _("Open"));
  crm_notification_add_action (notification, CRM_REMINDER_ACTION_SNOOZE, _("Snooze 10 minutes"));
  g_hash_table_replace (self->records, g_memdup2 (&reminder->id, sizeof reminder->id),
                        crm_record_reminder_copy (reminder));
  crm_notifier_show (self->notifier, notification);
}

/* Re-reads when the next reminder falls due; notifies pending and
 * next-due when they change. */
static gboolean
update_next_due (CrmReminderScheduler  *self,
                 GDateTime             *now,
                 GError               **error)
{
  g_autoptr(GDateTime) next = NULL;
  gboolean was_pending = self->next_due != NULL;
  gboolean changed;

  if (!crm_reminder_store_next_due (self->store, self->session, now, &next, error))
    return FALSE;
  changed = (next == NULL) != (self->next_due == NULL) ||
            (next != NULL && !g_date_time_equal (next, self->next_due));
  if (!changed)
    return TRUE;
  g_clear_pointer (&self->next_due, g_date_time_unref);
  self->next_due = g_steal_pointer (&next);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_DUE]);
  if (was_pending != (self->next_due != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  return TRUE;
}

static GPtrArray *
take_and_show (CrmReminderScheduler  *self,
               GDateTime             *now,
               gboolean               missed,
               GError               **error)
{
  g_autoptr(GPtrArray) due = crm_reminder_store_take_due (self->store, self->session, now, error);
  g_autoptr(GPtrArray) records = NULL;

  if (due == NULL)
    return NULL;
  for (guint i = 0; i < due->len; i++)
    {
      CrmDueReminder *reminder = g_ptr_array_index (due, i);

      reminder->missed = missed;
      show_notification (self, reminder);
    }
  if (!(records = crm_reminder_store_take_record_reminders (self->store, self->session, now, error)))
    return NULL;
  for (guint i = 0; i < records->len; i++)
    show_record_notification (self, g_ptr_array_index (records, i));
  if (!update_next_due (self, now, error))
    return NULL;
  return g_steal_pointer (&due);
}

static void
withdraw (CrmReminderScheduler *self,
          gint64                due_id)
{
  g_autofree char *id = notification_id (due_id);

  crm_notifier_withdraw (self->notifier, id);
}

static gboolean
dismiss (CrmReminderScheduler  *self,
         gint64                 due_id,
         GDateTime             *now,
         gint64                *event_id,
         GError               **error)
{
  if (!crm_reminder_store_dismiss (self->store, self->session, due_id, now, event_id, error))
    return FALSE;
  withdraw (self, due_id);
  return update_next_due (self, now, error);
}

/* Callbacks ------------------------------------------------------------------ */

static void
on_notifier_action_invoked_cb (CrmNotifier          *notifier,
                               const char           *id,
                               const char           *action_id,
                               CrmReminderScheduler *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  gint64 due_id = 0;
  gint64 event_id = 0;

  if (!parse_notification_id (id, &due_id))
    return;
  now = now_from_clock (self);
  if (g_strcmp0 (action_id, CRM_REMINDER_ACTION_SNOOZE) == 0)
    crm_reminder_scheduler_snooze (self, due_id, now, &error);
  else if (g_strcmp0 (action_id, CRM_REMINDER_ACTION_OPEN) == 0 ||
           g_strcmp0 (action_id, CRM_NOTIFICATION_ACTION_DEFAULT) == 0)
    {
      g_autoptr(CrmRecordReminder) record = NULL;
      gpointer found = g_hash_table_lookup (self->records, &due_id);

      record = found ? crm_record_reminder_copy (found) : NULL;
      if (dismiss (self, due_id, now, &event_id, &error) && event_id > 0)
        g_signal_emit (self, signals[OPEN_EVENT], 0, event_id);
      else if (error == NULL && record != NULL)
        g_signal_emit (self, signals[OPEN_RECORD], 0, crm_record_reminder_get_record_kind (record),
                       record->record_id);
    }
  else if (g_strcmp0 (action_id, CRM_NOTIFICATION_ACTION_DISMISSED) == 0)
    crm_reminder_scheduler_dismiss (self, due_id, now, &error);
  if (error != NULL)
    g_warning ("Cannot handle the reminder %s: %s", id, error->message);
}

static gboolean
on_timer_cb (gpointer data)
{
  CrmReminderScheduler *self = data;
  g_autoptr(GDateTime) now = now_from_clock (self);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->started)
    due = crm_reminder_scheduler_start (self, now, &error);
  else
    due = crm_reminder_scheduler_check (self, now, &error);
  if (due == NULL)
    g_warning ("Cannot look for due reminders: %s", error->message);
  return G_SOURCE_CONTINUE;
}

/* Overrides ------------------------------------------------------------------ */

static void
crm_reminder_scheduler_dispose (GObject *object)
{
  CrmReminderScheduler *self = CRM_REMINDER_SCHEDULER (object);

  crm_reminder_scheduler_stop (self);
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_data (self->notifier, self);
  g_clear_object (&self->notifier);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  if (self->clock_destroy != NULL)
    g_clear_pointer (&self->clock_data, self->clock_destroy);
  self->clock = NULL;

  G_OBJECT_CLASS (crm_reminder_scheduler_parent_class)->dispose (object);
}

static void
crm_reminder_scheduler_finalize (GObject *object)
{
  CrmReminderScheduler *self = CRM_REMINDER_SCHEDULER (object);

  g_clear_pointer (&self->next_due, g_date_time_unref);
  g_clear_pointer (&self->records, g_hash_table_unref);

  G_OBJECT_CLASS (crm_reminder_scheduler_parent_class)->finalize (object);
}

static void
crm_reminder_scheduler_constructed (GObject *object)
{
  CrmReminderScheduler *self = CRM_REMINDER_SCHEDULER (object);

  G_OBJECT_CLASS (crm_reminder_scheduler_parent_class)->constructed (object);

  g_signal_connect_object (self->notifier, "action-invoked",
                           G_CALLBACK (on_notifier_action_invoked_cb), self, 0);
}

static void
crm_reminder_scheduler_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmReminderScheduler *self = CRM_REMINDER_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_NOTIFIER:
      g_value_set_object (value, self->notifier);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->next_due != NULL);
      break;
    case PROP_NEXT_DUE:
      g_value_set_boxed (value, self->next_due);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_reminder_scheduler_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmReminderScheduler *self = CRM_REMINDER_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_NOTIFIER:
      self->notifier = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_reminder_scheduler_class_init (CrmReminderSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = crm_reminder_scheduler_dispose;
  object_class->finalize = crm_reminder_scheduler_finalize;
  object_class->constructed = crm_reminder_scheduler_constructed;
  object_class->get_property = crm_reminder_scheduler_get_property;
  object_class->set_property = crm_reminder_scheduler_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE, construct);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION, construct);
  properties[PROP_NOTIFIER] = g_param_spec_object ("notifier", NULL, NULL, CRM_TYPE_NOTIFIER, construct);
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_DUE] =
    g_param_spec_boxed ("next-due", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmReminderScheduler::open-event:
   * @event_id: the event whose reminder the person opened
   */
  signals[OPEN_EVENT] =
    g_signal_new ("open-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CrmReminderScheduler::open-record:
   * @kind: "quote", "contract" or "customer", as win.open-record names it
   * @id: the record
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
crm_reminder_scheduler_init (CrmReminderScheduler *self)
{
  self->records = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) crm_record_reminder_free);
}

/* Public API ----------------------------------------------------------------- */

CrmReminderScheduler *
crm_reminder_scheduler_new (CrmStore    *store,
                            CrmSession  *session,
                            CrmNotifier *notifier)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (CRM_IS_NOTIFIER (notifier), NULL);

  return g_object_new (CRM_TYPE_REMINDER_SCHEDULER,
                       "store", store, "session", session, "notifier", notifier, NULL);
}

void
crm_reminder_scheduler_set_clock (CrmReminderScheduler *self,
                                  CrmClockFunc          clock,
                                  gpointer              user_data,
                                  GDestroyNotify        destroy)
{
  g_return_if_fail (CRM_IS_REMINDER_SCHEDULER (self));

  if (self->clock_destroy != NULL)
    g_clear_pointer (&self->clock_data, self->clock_destroy);
  self->clock = clock;
  self->clock_data = user_data;
  self->clock_destroy = destroy;
}

/**
 * crm_reminder_scheduler_start:
 *
 * Returns: (transfer full) (element-type CrmDueReminder): the missed
 *   reminders, shown; %NULL on error
 */
GPtrArray *
crm_reminder_scheduler_start (CrmReminderScheduler  *self,
                              GDateTime             *now,
                              GError               **error)
{
  g_return_val_if_fail (CRM_IS_REMINDER_SCHEDULER (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self->started = TRUE;
  return take_and_show (self, now, TRUE, error);
}

/**
 * crm_reminder_scheduler_check:
 *
 * Returns: (transfer full) (element-type CrmDueReminder): the reminders
 *   that fell due since the last look, shown; %NULL on error
 */
GPtrArray *
crm_reminder_scheduler_check (CrmReminderScheduler  *self,
                              GDateTime             *now,
                              GError               **error)
{
  g_return_val_if_fail (CRM_IS_REMINDER_SCHEDULER (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return take_and_show (self, now, FALSE, error);
}

gboolean
crm_reminder_scheduler_snooze (CrmReminderScheduler  *self,
                               gint64                 due_id,
                               GDateTime             *now,
                               GError               **error)
{
  g_autoptr(GDateTime) until = NULL;

  g_return_val_if_fail (CRM_IS_REMINDER_SCHEDULER (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  until = g_date_time_add_minutes (now, CRM_REMINDER_SNOOZE_MINUTES);
  if (!crm_reminder_store_snooze (self->store, self->session, due_id, until, error))
    return FALSE;
  withdraw (self, due_id);
  return update_next_due (self, now, error);
}

gboolean
crm_reminder_scheduler_dismiss (CrmReminderScheduler  *self,
                                gint64                 due_id,
                                GDateTime             *now,
                                GError               **error)
{
  g_return_val_if_fail (CRM_IS_REMINDER_SCHEDULER (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return dismiss (self, due_id, now, NULL, error);
}

gboolean
crm_reminder_scheduler_mark_done (CrmReminderScheduler  *self,
                                  gint64                 due_id,
                                  GDateTime             *now,
                                  GError               **error)
{
  g_autoptr(CrmEvent) event = NULL;
  gint64 event_id = 0;

  g_return_val_if_fail (CRM_IS_REMINDER_SCHEDULER (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!dismiss (self, due_id, now, &event_id, error))
    return FALSE;
  if (event_id <= 0)
    return TRUE;
  if (!(event = crm_event_store_get (self->store, self->session, event_id, error)))
    return FALSE;
  if (crm_event_is_recurring (event))
    return TRUE;
  return crm_event_store_set_done (self->store, self->session, event_id, TRUE, error) &&
         update_next_due (self, now, error);
}

gboolean
crm_reminder_scheduler_get_pending (CrmReminderScheduler *self)
{
  g_return_val_if_fail (CRM_IS_REMINDER_SCHEDULER (self), FALSE);
  return self->next_due != NULL;
}

/**
 * crm_reminder_scheduler_get_next_due:
 *
 * Returns: (transfer none) (nullable): when the next reminder falls due
 */
GDateTime *
crm_reminder_scheduler_get_next_due (CrmReminderScheduler *self)
{
  g_return_val_if_fail (CRM_IS_REMINDER_SCHEDULER (self), NULL);
  return self->next_due;
}

/* Looks at once (a start when not started yet), then every
 * @interval_seconds, with the clock. */
void
crm_reminder_scheduler_run (CrmReminderScheduler *self,
                            guint                 interval_seconds)
{
  g_return_if_fail (CRM_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (interval_seconds > 0);

  crm_reminder_scheduler_stop (self);
  on_timer_cb (self);
  self->timer_id = g_timeout_add_seconds (interval_seconds, on_timer_cb, self);
}

void
crm_reminder_scheduler_stop (CrmReminderScheduler *self)
{
  g_return_if_fail (CRM_IS_REMINDER_SCHEDULER (self));
  g_clear_handle_id (&self->timer_id, g_source_remove);
}
