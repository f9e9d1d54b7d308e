/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reminder-store"

#include "config.h"

#include "crm-reminder-store.h"

#include <glib/gi18n-lib.h>

#include "crm-event-store.h"
#include "crm-store-private.h"

/* Reminders of calendar events: the events' offset rows (written by the
 * event store), the rows recording what was shown to whom (ref_kind
 * 'occurrence'), and reminder_runs, the end of each user's last window.
 * Snoozing and dismissing are a person's handling of their own
 * notifications, not changes to the company's records: not audited. */

#define SHOWN_KIND "occurrence"

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
    "WHERE id = :id AND user_id = :user AND ref_kind = '" SHOWN_KIND "'";

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
    "WHERE id = :id AND user_id = :user AND ref_kind = '" SHOWN_KIND "'";
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
    "SELECT min (r.snoozed_until) FROM reminders r JOIN events e ON e.id = r.event_id "
    "WHERE r.ref_kind = '" SHOWN_KIND "' AND r.user_id = :user AND r.dismissed_at IS NULL "
    "  AND e.done = 0 AND r.snoozed_until > :after";
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
