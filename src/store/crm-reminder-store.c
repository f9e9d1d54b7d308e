/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reminder-store"

#include "config.h"

#include "crm-reminder-store.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-event-store.h"
#include "crm-store-private.h"
#include "crm-user-store.h"

/* Reminders of calendar events: the events' offset rows (written by the
 * event store), the rows recording what was shown to whom (ref_kind
 * 'occurrence'), and reminder_runs, the end of each user's last window.
 * Snoozing and dismissing are a person's handling of their own
 * notifications, not changes to the company's records: not audited. */

#define SHOWN_KIND "occurrence"

/* The rows of reminders shown: of event occurrences and of records (see
 * the end of this file). */
#define ANY_SHOWN_KIND "ref_kind IN ('" SHOWN_KIND "', 'quote', 'contract', 'instalment', 'birthday')"

G_DEFINE_BOXED_TYPE (CrmDueReminder, crm_due_reminder, crm_due_reminder_copy, crm_due_reminder_free)

CrmDueReminder *
crm_due_reminder_copy (const CrmDueReminder *self)
{
  CrmDueReminder *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->title = g_strdup (self->title);
  copy->location = g_strdup (self->location);
  copy->customer_name = g_strdup (self->customer_name);
  copy->occurrence_start = self->occurrence_start ? g_date_time_ref (self->occurrence_start) : NULL;
  copy->occurrence_end = self->occurrence_end ? g_date_time_ref (self->occurrence_end) : NULL;
  copy->due_at = self->due_at ? g_date_time_ref (self->due_at) : NULL;
  return copy;
}

void
crm_due_reminder_free (CrmDueReminder *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->location);
  g_free (self->customer_name);
  g_clear_pointer (&self->occurrence_start, g_date_time_unref);
  g_clear_pointer (&self->occurrence_end, g_date_time_unref);
  g_clear_pointer (&self->due_at, g_date_time_unref);
  g_free (self);
}

/* One reminder of one event, as configured. */
typedef struct
{
  gint64          reminder_id;
  gint            offset_minutes;
  gint64          event_id;
  CrmEventKind    kind;
  char           *title;
  char           *location;
  char           *customer_name;
  gboolean        all_day;
  GDateTime      *start;
  GDateTime      *end;
  CrmRecurrence  *rule;
} Config;

static void
config_free (Config *config)
{
  g_free (config->title);
  g_free (config->location);
  g_free (config->customer_name);
  g_clear_pointer (&config->start, g_date_time_unref);
  g_clear_pointer (&config->end, g_date_time_unref);
  g_clear_pointer (&config->rule, crm_recurrence_free);
  g_free (config);
}

static GTimeSpan
offset_span (gint minutes)
{
  return (GTimeSpan) minutes * G_TIME_SPAN_MINUTE;
}

/* The columns of an event read by both queries below, from @column on. */
#define EVENT_PART \
  "e.id, e.kind, e.title, e.starts_at, e.ends_at, e.all_day, e.location, " \
  "CASE WHEN " CRM_VISIBLE_CUSTOMER ("c") " THEN c.full_name END "

static void
read_event_part (sqlite3_stmt *stmt,
                 int           column,
                 Config       *config)
{
  CrmEventKind kind = CRM_EVENT_KIND_MEETING;

  config->event_id = sqlite3_column_int64 (stmt, column);
  crm_event_kind_from_string ((const char *) sqlite3_column_text (stmt, column + 1), &kind);
  config->kind = kind;
  config->title = _crm_column_text (stmt, column + 2);
  config->start = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, column + 3));
  config->end = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, column + 4));
  config->all_day = sqlite3_column_int (stmt, column + 5) != 0;
  config->location = _crm_column_text (stmt, column + 6);
  config->customer_name = _crm_column_text (stmt, column + 7);
}

static char *
local_day (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d");
}

/* The user's reminders of events not done that may fall due in
 * (@after, @until]: a single event must start after @after (offsets are
 * never negative) and no later than @until plus the longest offset. */
static GPtrArray *
read_configs (CrmStore    *store,
              CrmSession  *session,
              GDateTime   *after,
              GDateTime   *until,
              GError     **error)
{
  static const char sql[] =
    "SELECT r.id, r.offset_minutes, " EVENT_PART ", e.recur_freq, e.recur_interval, "
    "  e.recur_weekdays, e.recur_until, e.recur_count "
    "FROM reminders r JOIN events e ON e.id = r.event_id LEFT JOIN customers c ON c.id = e.customer_id "
    "WHERE r.ref_kind IS NULL AND r.offset_minutes IS NOT NULL AND e.done = 0 AND " CRM_ACTIVE_VIEWER " "
    "  AND (e.owner_id = :v_uid OR EXISTS (SELECT 1 FROM event_participants p "
    "       WHERE p.event_id = e.id AND p.user_id = :v_uid)) "
    "  AND e.starts_at <= :latest AND (e.recur_freq IS NOT NULL OR e.starts_at > :earliest) "
    "  AND (e.recur_until IS NULL OR e.recur_until >= :earliest_day)";
  g_autoptr(GPtrArray) configs = g_ptr_array_new_with_free_func ((GDestroyNotify) config_free);
  g_autoptr(GDateTime) latest = g_date_time_add_minutes (until, CRM_EVENT_MAX_REMINDER_MINUTES);
  g_autofree char *latest_text = _crm_event_store_format_time (latest);
  g_autofree char *earliest_text = _crm_event_store_format_time (after);
  g_autofree char *earliest_day = local_day (after);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":latest", latest_text);
  _crm_bind_text (stmt, ":earliest", earliest_text);
  _crm_bind_text (stmt, ":earliest_day", earliest_day);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Config *config = g_new0 (Config, 1);
      CrmRecurrenceFrequency frequency = CRM_RECURRENCE_NONE;

      config->reminder_id = sqlite3_column_int64 (stmt, 0);
      config->offset_minutes = sqlite3_column_int (stmt, 1);
      read_event_part (stmt, 2, config);
      if (crm_recurrence_frequency_from_string ((const char *) sqlite3_column_text (stmt, 10), &frequency) &&
          frequency != CRM_RECURRENCE_NONE)
        {
          config->rule = crm_recurrence_new (frequency);
          config->rule->interval = MAX (sqlite3_column_int (stmt, 11), 1);
          config->rule->weekdays = sqlite3_column_int (stmt, 12) & CRM_WEEKDAYS_ALL;
          config->rule->until = _crm_column_text (stmt, 13);
          config->rule->count = MAX (sqlite3_column_int (stmt, 14), 0);
        }
      if (config->start == NULL || config->end == NULL || config->offset_minutes < 0)
        config_free (config);
      else
        g_ptr_array_add (configs, config);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&configs);
}

static CrmDueReminder *
due_from_config (const Config *config,
                 GDateTime    *occurrence_start,
                 GDateTime    *due_at)
{
  CrmDueReminder *due = g_new0 (CrmDueReminder, 1);

  due->reminder_id = config->reminder_id;
  due->event_id = config->event_id;
  due->kind = config->kind;
  due->title = g_strdup (config->title);
  due->location = g_strdup (config->location);
  due->customer_name = g_strdup (config->customer_name);
  due->all_day = config->all_day;
  due->occurrence_start = g_date_time_ref (occurrence_start);
  due->occurrence_end = g_date_time_add (occurrence_start, g_date_time_difference (config->end, config->start));
  due->due_at = g_date_time_ref (due_at);
  due->offset_minutes = config->offset_minutes;
  return due;
}

/* The latest occurrence of @config whose reminder falls in (@since, @now]. */
static CrmDueReminder *
latest_due (const Config *config,
            GDateTime    *since,
            GDateTime    *now)
{
  GTimeSpan offset = offset_span (config->offset_minutes);
  g_autoptr(GDateTime) from = g_date_time_add (since, offset + 1);
  g_autoptr(GDateTime) to = g_date_time_add (now, offset + 1);
  g_autoptr(GPtrArray) starts = crm_recurrence_expand (config->rule, config->start, 0, from, to, NULL);
  g_autoptr(GDateTime) due_at = NULL;
  GDateTime *occurrence;

  if (starts->len == 0)
    return NULL;
  occurrence = g_ptr_array_index (starts, starts->len - 1);
  due_at = g_date_time_add (occurrence, -offset);
  return due_from_config (config, occurrence, due_at);
}

/* Records @due as shown to the user; FALSE in *fresh when it already was. */
static gboolean
record_shown (CrmStore        *store,
              CrmSession      *session,
              CrmDueReminder  *due,
              GDateTime       *now,
              gboolean        *fresh,
              GError         **error)
{
  static const char sql[] =
    "INSERT INTO reminders (user_id, event_id, ref_kind, ref_id, offset_minutes, fire_at, fired_at, "
    "  occurrence_at, title, created_at, created_by) "
    "VALUES (:user, :event, '" SHOWN_KIND "', :reminder, :offset, :fire, :now, :occurrence, :title, "
    "  :now, :user) ON CONFLICT DO NOTHING";
  g_autofree char *fire = _crm_event_store_format_time (due->due_at);
  g_autofree char *occurrence = _crm_event_store_format_time (due->occurrence_start);
  g_autofree char *now_text = _crm_event_store_format_time (now);
  sqlite3 *db = _crm_store_get_db (store);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_int64 (stmt, ":event", due->event_id);
  _crm_bind_int64 (stmt, ":reminder", due->reminder_id);
  _crm_bind_int64 (stmt, ":offset", due->offset_minutes);
  _crm_bind_text (stmt, ":fire", fire);
  _crm_bind_text (stmt, ":now", now_text);
  _crm_bind_text (stmt, ":occurrence", occurrence);
  _crm_bind_text (stmt, ":title", due->title);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  *fresh = sqlite3_changes (db) > 0;
  if (*fresh)
    due->id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* Shown reminders whose snooze ends in (@since, @now], marked shown again. */
static gboolean
take_snoozed (CrmStore    *store,
              CrmSession  *session,
              GDateTime   *since,
              GDateTime   *now,
              GPtrArray   *found,
              GError     **error)
{
  static const char read_sql[] =
    "SELECT r.id, r.ref_id, r.offset_minutes, r.occurrence_at, r.snoozed_until, " EVENT_PART
    "FROM reminders r JOIN events e ON e.id = r.event_id LEFT JOIN customers c ON c.id = e.customer_id "
    "WHERE r.ref_kind = '" SHOWN_KIND "' AND r.user_id = :v_uid AND " CRM_ACTIVE_VIEWER " "
    "  AND r.dismissed_at IS NULL AND e.done = 0 AND r.snoozed_until > :since AND r.snoozed_until <= :now";
  static const char shown_sql[] = "UPDATE reminders SET fired_at = :now WHERE id = :id";
  g_autofree char *since_text = _crm_event_store_format_time (since);
  g_autofree char *now_text = _crm_event_store_format_time (now);
  guint first = found->len;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, read_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":since", since_text);
  _crm_bind_text (stmt, ":now", now_text);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) occurrence = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, 3));
      g_autoptr(GDateTime) due_at = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, 4));
      Config config = { 0 };
      CrmDueReminder *due;

      config.reminder_id = sqlite3_column_int64 (stmt, 1);
      config.offset_minutes = sqlite3_column_int (stmt, 2);
      read_event_part (stmt, 5, &config);
      if (occurrence != NULL && due_at != NULL && config.start != NULL && config.end != NULL)
        {
          due = due_from_config (&config, occurrence, due_at);
          due->id = sqlite3_column_int64 (stmt, 0);
          due->snoozed = TRUE;
          g_ptr_array_add (found, due);
        }
      g_free (config.title);
      g_free (config.location);
      g_free (config.customer_name);
      g_clear_pointer (&config.start, g_date_time_unref);
      g_clear_pointer (&config.end, g_date_time_unref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = first; i < found->len; i++)
    {
      CrmDueReminder *due = g_ptr_array_index (found, i);

      if (!(stmt = _crm_store_prepare (store, shown_sql, error)))
        return FALSE;
      _crm_bind_text (stmt, ":now", now_text);
      _crm_bind_int64 (stmt, ":id", due->id);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_last_run (CrmStore    *store,
               CrmSession  *session,
               GDateTime  **last_run,
               GError     **error)
{
  static const char sql[] = "SELECT last_run_at FROM reminder_runs WHERE user_id = :user";
  sqlite3_stmt *stmt;
  int rc;

  *last_run = NULL;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *last_run = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_reminder_store_get_last_run:
 * @last_run: (out) (transfer full): the end of the user's last window, or
 *   %NULL when reminders were never looked at for them
 */
gboolean
crm_reminder_store_get_last_run (CrmStore    *store,
                                 CrmSession  *session,
                                 GDateTime  **last_run,
                                 GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (last_run != NULL, FALSE);

  return read_last_run (store, session, last_run, error);
}

static gboolean
write_last_run (CrmStore    *store,
                CrmSession  *session,
                GDateTime   *now,
                GError     **error)
{
  static const char sql[] =
    "INSERT INTO reminder_runs (user_id, last_run_at) VALUES (:user, :now) "
    "ON CONFLICT (user_id) DO UPDATE SET last_run_at = excluded.last_run_at";
  g_autofree char *now_text = _crm_event_store_format_time (now);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":now", now_text);
  return _crm_store_step_done (store, stmt, error);
}

static gint
compare_due (gconstpointer a,
             gconstpointer b)
{
  const CrmDueReminder *x = *(CrmDueReminder *const *) a;
  const CrmDueReminder *y = *(CrmDueReminder *const *) b;
  gint order = g_date_time_compare (x->due_at, y->due_at);

  return order != 0 ? order : (x->id < y->id ? -1 : x->id > y->id);
}

static gboolean
write_take_due (CrmStore    *store,
                CrmSession  *session,
                GDateTime   *now,
                GPtrArray   *found,
                GError     **error)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GPtrArray) configs = NULL;

  if (!read_last_run (store, session, &since, error))
    return FALSE;
  if (since != NULL && g_date_time_compare (since, now) < 0)
    {
      if (!(configs = read_configs (store, session, since, now, error)))
        return FALSE;
      for (guint i = 0; i < configs->len; i++)
        {
          g_autoptr(CrmDueReminder) due = latest_due (g_ptr_array_index (configs, i), since, now);
          gboolean fresh = FALSE;

          if (due == NULL)
            continue;
          if (!record_shown (store, session, due, now, &fresh, error))
            return FALSE;
          if (fresh)
            g_ptr_array_add (found, g_steal_pointer (&due));
        }
      if (!take_snoozed (store, session, since, now, found, error))
        return FALSE;
    }
  return write_last_run (store, session, now, error);
}

/**
 * crm_reminder_store_take_due:
 *
 * Returns: (transfer full) (element-type CrmDueReminder): the reminders
 *   that fell due since the previous call, by due time, each recorded as
 *   shown (with its id)
 */
GPtrArray *
crm_reminder_store_take_due (CrmStore    *store,
                             CrmSession  *session,
                             GDateTime   *now,
                             GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_due_reminder_free);

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return NULL;
  if (!write_take_due (store, session, now, found, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return NULL;
    }
  g_ptr_array_sort (found, compare_due);
  return g_steal_pointer (&found);
}

/* Runs one UPDATE of the user's shown reminder @shown_id. */
static gboolean
update_shown (CrmStore    *store,
              CrmSession  *session,
              const char  *sql,
              gint64       shown_id,
              GDateTime   *time,
              GError     **error)
{
  g_autofree char *text = _crm_event_store_format_time (time);
  sqlite3_stmt *stmt;

  if (!_crm_store_require_active (store, session, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":time", text);
  _crm_bind_int64 (stmt, ":id", shown_id);
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This reminder does not exist any more."));
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_reminder_store_snooze (CrmStore    *store,
                           CrmSession  *session,
                           gint64       shown_id,
                           GDateTime   *until,
                           GError     **error)
{
  static const char sql[] =
    "UPDATE reminders SET snoozed_until = :time, dismissed_at = NULL "
    "WHERE id = :id AND user_id = :user AND " ANY_SHOWN_KIND;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (until != NULL, FALSE);

  return update_shown (store, session, sql, shown_id, until, error);
}

/**
 * crm_reminder_store_dismiss:
 * @event_id: (out) (optional): the event the reminder was for
 */
gboolean
crm_reminder_store_dismiss (CrmStore    *store,
                            CrmSession  *session,
                            gint64       shown_id,
                            GDateTime   *now,
                            gint64      *event_id,
                            GError     **error)
{
  static const char sql[] =
    "UPDATE reminders SET dismissed_at = :time, snoozed_until = NULL "
    "WHERE id = :id AND user_id = :user AND " ANY_SHOWN_KIND;
  static const char event_sql[] = "SELECT coalesce (event_id, 0) FROM reminders WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!update_shown (store, session, sql, shown_id, now, error))
    return FALSE;
  if (event_id == NULL)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, event_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", shown_id);
  rc = sqlite3_step (stmt);
  *event_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
next_snooze_end (CrmStore    *store,
                 CrmSession  *session,
                 GDateTime   *after,
                 GDateTime  **next,
                 GError     **error)
{
  static const char sql[] =
    "SELECT min (r.snoozed_until) FROM reminders r LEFT JOIN events e ON e.id = r.event_id "
    "WHERE r.user_id = :user AND r.dismissed_at IS NULL AND r.snoozed_until > :after "
    "  AND ((r.ref_kind = '" SHOWN_KIND "' AND e.done = 0) "
    "       OR r.ref_kind IN ('quote', 'contract', 'instalment', 'birthday'))";
  g_autofree char *after_text = _crm_event_store_format_time (after);
  sqlite3_stmt *stmt;
  int rc;

  *next = NULL;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":after", after_text);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *next = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
keep_earlier (GDateTime **earliest,
              GDateTime  *candidate)
{
  if (candidate == NULL || (*earliest != NULL && g_date_time_compare (*earliest, candidate) <= 0))
    return;
  g_clear_pointer (earliest, g_date_time_unref);
  *earliest = g_date_time_ref (candidate);
}

/**
 * crm_reminder_store_next_due:
 * @next: (out) (transfer full): when the next reminder falls due, or %NULL
 */
gboolean
crm_reminder_store_next_due (CrmStore    *store,
                             CrmSession  *session,
                             GDateTime   *after,
                             GDateTime  **next,
                             GError     **error)
{
  g_autoptr(GDateTime) horizon = NULL;
  g_autoptr(GDateTime) earliest = NULL;
  g_autoptr(GPtrArray) configs = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (after != NULL && next != NULL, FALSE);

  *next = NULL;
  horizon = g_date_time_add_days (after, CRM_REMINDER_HORIZON_DAYS);
  if (!next_snooze_end (store, session, after, &earliest, error) ||
      !(configs = read_configs (store, session, after, horizon, error)))
    return FALSE;
  for (guint i = 0; i < configs->len; i++)
    {
      const Config *config = g_ptr_array_index (configs, i);
      GTimeSpan offset = offset_span (config->offset_minutes);
      g_autoptr(GDateTime) shifted = g_date_time_add (after, offset);
      g_autoptr(GDateTime) occurrence = crm_recurrence_next_start (config->rule, config->start, shifted, NULL);
      g_autoptr(GDateTime) due_at = occurrence != NULL ? g_date_time_add (occurrence, -offset) : NULL;

      keep_earlier (&earliest, due_at);
    }
  if (earliest != NULL && g_date_time_compare (earliest, horizon) <= 0)
    *next = g_steal_pointer (&earliest);
  return TRUE;
}

/* Reminders computed from the records -------------------------------------------- */

/* The ref_kind of each CrmRecordReminderKind, in order. */
static const char *const record_ref_kinds[] = { "quote", "contract", "instalment", "birthday" };

/* Rows of record reminders are kept this many days, for snoozes that cross
 * midnight; only the current day's rows decide what was shown. */
#define RECORD_KEEP_DAYS 7

G_DEFINE_BOXED_TYPE (CrmRecordReminder, crm_record_reminder, crm_record_reminder_copy, crm_record_reminder_free)

CrmRecordReminder *
crm_record_reminder_copy (const CrmRecordReminder *self)
{
  CrmRecordReminder *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->date = g_strdup (self->date);
  return copy;
}

void
crm_record_reminder_free (CrmRecordReminder *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->customer_name);
  g_free (self->date);
  g_free (self);
}

const char *
crm_record_reminder_get_record_kind (const CrmRecordReminder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case CRM_RECORD_REMINDER_QUOTE:
      return "quote";
    case CRM_RECORD_REMINDER_CONTRACT:
    case CRM_RECORD_REMINDER_INSTALMENT:
      return "contract";
    case CRM_RECORD_REMINDER_BIRTHDAY:
    default:
      return "customer";
    }
}

/* The user answers for a transaction aliased @alias: its owner, or the
 * customer's assigned staff when it has none; and may read it. */
#define ANSWERS_FOR(alias) \
  "(" alias ".owner_id = :v_uid OR (" alias ".owner_id IS NULL AND c.assigned_to = :v_uid)) " \
  "AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " " \
  "AND " CRM_VISIBLE_TRANSACTION ("c", alias ".owner_id") " "

/* Every query returns: item id, record id, code, customer name, date,
 * position, amount. */
static const char quote_sql[] =
  "SELECT id, id, code, full_name, last_sent, 0, 0 FROM ("
  "  SELECT q.id, q.code, c.full_name, "
  "    coalesce ((SELECT max (s.sent_at) FROM quote_sends s WHERE s.quote_id = q.id), q.updated_at) "
  "      AS last_sent "
  "  FROM quotes q JOIN customers c ON c.id = q.customer_id "
  "  WHERE q.status = 'sent' AND " ANSWERS_FOR ("q") ") AS sent "
  "WHERE last_sent <= :cutoff ORDER BY last_sent, id";

static const char contract_sql[] =
  "SELECT k.id, k.id, k.code, c.full_name, k.ends_on, 0, 0 "
  "FROM contracts k JOIN customers c ON c.id = k.customer_id "
  "WHERE k.status = 'active' AND k.ends_on >= :today AND k.ends_on <= :until AND " ANSWERS_FOR ("k")
  "ORDER BY k.ends_on, k.id";

static const char instalment_sql[] =
  "SELECT i.id, k.id, k.code, c.full_name, i.due_on, i.position, i.amount "
  "FROM contract_instalments i JOIN contracts k ON k.id = i.contract_id "
  "  JOIN customers c ON c.id = k.customer_id "
  "WHERE i.paid = 0 AND i.due_on <= :until AND k.status IN ('active', 'completed', 'expired') "
  "  AND " ANSWERS_FOR ("k")
  "ORDER BY i.due_on, i.id";

static const char birthday_sql[] =
  "SELECT c.id, c.id, c.code, c.full_name, c.birth_date, 0, 0 FROM customers c "
  "WHERE c.assigned_to = :v_uid AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " "
  "  AND c.birth_date IS NOT NULL AND substr (c.birth_date, 6, 5) IN (:day, :leap_day) "
  "ORDER BY c.sort_key, c.id";

/* What the queries are asked about one local day. */
typedef struct
{
  GDate     today;
  char     *today_text;      /* YYYY-MM-DD */
  char     *cutoff;          /* quotes last sent no later than this (UTC) */
  char     *contract_until;  /* contracts ending no later than this day */
  char     *due_until;       /* instalments due no later than this day */
  char     *month_day;       /* MM-DD */
  char     *leap_day;        /* "02-29" on 28 February of a common year, else month_day */
  GDateTime *now;
} Day;

static void
day_clear (Day *day)
{
  g_free (day->today_text);
  g_free (day->cutoff);
  g_free (day->contract_until);
  g_free (day->due_until);
  g_free (day->month_day);
  g_free (day->leap_day);
  g_clear_pointer (&day->now, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Day, day_clear)

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
day_after (const GDate *today,
           gint         days)
{
  GDate date = *today;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return format_date (&date);
}

/* A company setting of a number of days, @fallback when unset or wrong. */
static gint
setting_days (CrmStore   *store,
              const char *key,
              gint        fallback)
{
  g_autofree char *text = NULL;
  gint64 days = 0;

  if (!_crm_store_get_setting (store, key, &text, NULL) || text == NULL ||
      !g_ascii_string_to_signed (text, 10, 1, 3650, &days, NULL))
    return fallback;
  return (gint) days;
}

static void
day_init (Day       *day,
          CrmStore  *store,
          GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  gint quote_days = setting_days (store, CRM_SETTING_REMINDER_QUOTE_DAYS, CRM_REMINDER_QUOTE_DAYS_DEFAULT);
  gint contract_days = setting_days (store, CRM_SETTING_REMINDER_CONTRACT_DAYS,
                                     CRM_REMINDER_CONTRACT_DAYS_DEFAULT);
  g_autoptr(GDateTime) cutoff = g_date_time_add_days (now, -quote_days);
  gint year = g_date_time_get_year (local);
  gint month = g_date_time_get_month (local);
  gint day_of_month = g_date_time_get_day_of_month (local);

  g_date_clear (&day->today, 1);
  g_date_set_dmy (&day->today, day_of_month, month, year);
  day->now = g_date_time_ref (now);
  day->today_text = format_date (&day->today);
  day->cutoff = _crm_event_store_format_time (cutoff);
  day->contract_until = day_after (&day->today, contract_days);
  day->due_until = day_after (&day->today, CRM_REMINDER_INSTALMENT_DAYS);
  day->month_day = g_strdup_printf ("%02d-%02d", month, day_of_month);
  day->leap_day = month == 2 && day_of_month == 28 && !g_date_is_leap_year (year)
                  ? g_strdup ("02-29") : g_strdup (day->month_day);
}

/* Days from @today to the date at the start of @text (YYYY-MM-DD…). */
static gint
days_until (const GDate *today,
            const char  *text)
{
  gint year, month, day_of_month;
  GDate date;

  if (text == NULL || sscanf (text, "%d-%d-%d", &year, &month, &day_of_month) != 3 ||
      !g_date_valid_dmy (day_of_month, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day_of_month, month, year);
  return g_date_days_between (today, &date);
}

/* The number a reminder of @kind tells, from its date. */
static gint
record_days (const Day              *day,
             CrmRecordReminderKind   kind,
             const char             *date)
{
  g_autoptr(GDateTime) sent = NULL;
  gint year = 0;

  switch (kind)
    {
    case CRM_RECORD_REMINDER_QUOTE:
      sent = date ? _crm_event_store_parse_time (date) : NULL;
      return sent ? (gint) (g_date_time_difference (day->now, sent) / G_TIME_SPAN_DAY) : 0;
    case CRM_RECORD_REMINDER_CONTRACT:
    case CRM_RECORD_REMINDER_INSTALMENT:
      return days_until (&day->today, date);
    case CRM_RECORD_REMINDER_BIRTHDAY:
    default:
      if (date == NULL || sscanf (date, "%d-", &year) != 1 || year < 1800 || year > g_date_get_year (&day->today))
        return 0;
      return g_date_get_year (&day->today) - year;
    }
}

/* The queries of the kinds use some of the day's parameters each. */
static void
bind_day_text (sqlite3_stmt *stmt,
               const char   *name,
               const char   *value)
{
  if (sqlite3_bind_parameter_index (stmt, name) > 0)
    _crm_bind_text (stmt, name, value);
}

/* Appends the items of @kind that qualify on @day to @found. */
static gboolean
read_record_candidates (CrmStore               *store,
                        CrmSession             *session,
                        const Day              *day,
                        CrmRecordReminderKind   kind,
                        GPtrArray              *found,
                        GError                **error)
{
  static const char *const queries[] = { quote_sql, contract_sql, instalment_sql, birthday_sql };
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, queries[kind], error)))
    return FALSE;
  _crm_store_bind_viewer (stmt, session);
  bind_day_text (stmt, ":cutoff", day->cutoff);
  bind_day_text (stmt, ":today", day->today_text);
  bind_day_text (stmt, ":until", kind == CRM_RECORD_REMINDER_CONTRACT ? day->contract_until : day->due_until);
  bind_day_text (stmt, ":day", day->month_day);
  bind_day_text (stmt, ":leap_day", day->leap_day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmRecordReminder *reminder = g_new0 (CrmRecordReminder, 1);

      reminder->kind = kind;
      reminder->item_id = sqlite3_column_int64 (stmt, 0);
      reminder->record_id = sqlite3_column_int64 (stmt, 1);
      reminder->code = _crm_column_text (stmt, 2);
      reminder->customer_name = _crm_column_text (stmt, 3);
      reminder->date = _crm_column_text (stmt, 4);
      reminder->position = sqlite3_column_int (stmt, 5);
      reminder->amount = sqlite3_column_int64 (stmt, 6);
      reminder->days = record_days (day, kind, reminder->date);
      g_ptr_array_add (found, reminder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
read_all_candidates (CrmStore    *store,
                     CrmSession  *session,
                     const Day   *day,
                     GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_record_reminder_free);

  for (guint kind = CRM_RECORD_REMINDER_QUOTE; kind <= CRM_RECORD_REMINDER_BIRTHDAY; kind++)
    if (!read_record_candidates (store, session, day, kind, found, error))
      return NULL;
  return g_steal_pointer (&found);
}

/* What was already shown to the user on @day: "kind:item" -> its row,
 * and whether a snooze of it ended by @day->now. */
typedef struct
{
  gint64   id;
  gboolean snooze_over;
} ShownRow;

static GHashTable *
read_shown_today (CrmStore    *store,
                  CrmSession  *session,
                  const Day   *day,
                  GError     **error)
{
  static const char sql[] =
    "SELECT ref_kind, ref_id, id, dismissed_at IS NULL AND snoozed_until IS NOT NULL "
    "  AND snoozed_until <= :now "
    "FROM reminders WHERE user_id = :user AND occurrence_at = :today "
    "  AND ref_kind IN ('quote', 'contract', 'instalment', 'birthday')";
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *now_text = _crm_event_store_format_time (day->now);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":today", day->today_text);
  _crm_bind_text (stmt, ":now", now_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShownRow *row = g_new0 (ShownRow, 1);

      row->id = sqlite3_column_int64 (stmt, 2);
      row->snooze_over = sqlite3_column_int (stmt, 3) != 0;
      g_hash_table_insert (shown,
                           g_strdup_printf ("%s:%" G_GINT64_FORMAT, sqlite3_column_text (stmt, 0),
                                            (gint64) sqlite3_column_int64 (stmt, 1)),
                           row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&shown);
}

static char *
shown_key (const CrmRecordReminder *reminder)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, record_ref_kinds[reminder->kind], reminder->item_id);
}

static gboolean
record_item_shown (CrmStore           *store,
                   CrmSession         *session,
                   const Day          *day,
                   CrmRecordReminder  *reminder,
                   GError            **error)
{
  static const char sql[] =
    "INSERT INTO reminders (user_id, ref_kind, ref_id, fire_at, fired_at, occurrence_at, title, "
    "  created_at, created_by) "
    "VALUES (:user, :kind, :item, :now, :now, :today, :title, :now, :user)";
  g_autofree char *now_text = _crm_event_store_format_time (day->now);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":kind", record_ref_kinds[reminder->kind]);
  _crm_bind_int64 (stmt, ":item", reminder->item_id);
  _crm_bind_text (stmt, ":now", now_text);
  _crm_bind_text (stmt, ":today", day->today_text);
  _crm_bind_text (stmt, ":title", reminder->code ? reminder->code : "");
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  reminder->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return TRUE;
}

static gboolean
record_shown_again (CrmStore    *store,
                    const Day   *day,
                    gint64       id,
                    GError     **error)
{
  static const char sql[] = "UPDATE reminders SET fired_at = :now, snoozed_until = NULL WHERE id = :id";
  g_autofree char *now_text = _crm_event_store_format_time (day->now);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":now", now_text);
  _crm_bind_int64 (stmt, ":id", id);
  return _crm_store_step_done (store, stmt, error);
}

static gboolean
forget_old_record_rows (CrmStore    *store,
                        CrmSession  *session,
                        const Day   *day,
                        GError     **error)
{
  static const char sql[] =
    "DELETE FROM reminders WHERE user_id = :user AND occurrence_at < :oldest "
    "  AND ref_kind IN ('quote', 'contract', 'instalment', 'birthday')";
  g_autofree char *oldest = day_after (&day->today, -RECORD_KEEP_DAYS);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":oldest", oldest);
  return _crm_store_step_done (store, stmt, error);
}

/* Keeps in @candidates those to show now (not shown today, or back from a
 * snooze), recording them when @record. */
static gboolean
select_record_reminders (CrmStore    *store,
                         CrmSession  *session,
                         const Day   *day,
                         GPtrArray   *candidates,
                         gboolean     record,
                         GError     **error)
{
  g_autoptr(GHashTable) shown = read_shown_today (store, session, day, error);
  guint kept = 0;

  if (shown == NULL)
    return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      CrmRecordReminder *reminder = g_ptr_array_index (candidates, i);
      g_autofree char *key = shown_key (reminder);
      ShownRow *row = g_hash_table_lookup (shown, key);
      gboolean show = row == NULL || row->snooze_over;

      if (show && row != NULL)
        {
          reminder->id = row->id;
          reminder->snoozed = TRUE;
          if (record && !record_shown_again (store, day, row->id, error))
            return FALSE;
        }
      else if (show && record && !record_item_shown (store, session, day, reminder, error))
        return FALSE;
      if (show)
        {
          /* A quote twice in one list is one reminder. */
          g_hash_table_insert (shown, g_steal_pointer (&key), g_new0 (ShownRow, 1));
          candidates->pdata[i] = candidates->pdata[kept];
          candidates->pdata[kept++] = reminder;
        }
    }
  g_ptr_array_set_size (candidates, kept);
  return TRUE;
}

/**
 * crm_reminder_store_take_record_reminders:
 *
 * Returns: (transfer full) (element-type CrmRecordReminder): the items to
 *   remind the user of now, each recorded as shown (with its id)
 */
GPtrArray *
crm_reminder_store_take_record_reminders (CrmStore    *store,
                                          CrmSession  *session,
                                          GDateTime   *now,
                                          GError     **error)
{
  g_auto(Day) day = { 0 };
  g_autoptr(GPtrArray) candidates = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  day_init (&day, store, now);
  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return NULL;
  if (!forget_old_record_rows (store, session, &day, error) ||
      !(candidates = read_all_candidates (store, session, &day, error)) ||
      !select_record_reminders (store, session, &day, candidates, TRUE, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&candidates);
}

gboolean
crm_reminder_store_has_record_reminders (CrmStore    *store,
                                         CrmSession  *session,
                                         GDateTime   *now,
                                         gboolean    *due,
                                         GError     **error)
{
  g_auto(Day) day = { 0 };
  g_autoptr(GPtrArray) candidates = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (now != NULL && due != NULL, FALSE);

  *due = FALSE;
  day_init (&day, store, now);
  if (!_crm_store_require_active (store, session, error) ||
      !(candidates = read_all_candidates (store, session, &day, error)) ||
      !select_record_reminders (store, session, &day, candidates, FALSE, error))
    return FALSE;
  *due = candidates->len > 0;
  return TRUE;
}

gboolean
crm_reminder_store_due_for_login (CrmStore    *store,
                                  const char  *login,
                                  GDateTime   *now,
                                  gboolean    *due,
                                  GError     **error)
{
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GDateTime) last_run = NULL;
  g_autoptr(GDateTime) next = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (login != NULL && now != NULL && due != NULL, FALSE);

  *due = FALSE;
  if (!(session = crm_user_store_session_for (store, login, error)) ||
      !read_last_run (store, session, &last_run, error))
    return FALSE;
  if (last_run != NULL && g_date_time_compare (last_run, now) < 0)
    {
      if (!crm_reminder_store_next_due (store, session, last_run, &next, error))
        return FALSE;
      if (next != NULL && g_date_time_compare (next, now) <= 0)
        {
          *due = TRUE;
          return TRUE;
        }
    }
  return crm_reminder_store_has_record_reminders (store, session, now, due, error);
}
