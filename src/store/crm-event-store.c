/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-event-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-event-store.h"
#include "crm-province.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* The work calendar: events, their participants and their reminders
 * (reminders rows with event_id and offset_minutes and no ref_kind; the
 * reminder scheduler adds the rows of reminders it showed).  See
 * crm-event-store.h for who reads and writes what. */

#define EVENT_COLUMNS \
  "e.id, e.owner_id, ou.full_name, e.kind, e.title, e.starts_at, e.ends_at, e.all_day, e.location, " \
  "e.customer_id, CASE WHEN " CRM_VISIBLE_CUSTOMER ("c") " THEN c.full_name END, " \
  "e.opportunity_id, e.quote_id, e.contract_id, e.notes, e.done, e.done_at, e.recur_freq, " \
  "e.recur_interval, e.recur_weekdays, e.recur_until, e.recur_count, e.row_version "

#define EVENT_FROM \
  "FROM events e LEFT JOIN users ou ON ou.id = e.owner_id " \
  "LEFT JOIN customers c ON c.id = e.customer_id "

/* Owner-based visibility, or taking part; bind with _crm_store_bind_viewer(). */
#define VISIBLE_EVENT \
  "(" CRM_VISIBLE_OWNER ("e.owner_id") " OR (" CRM_ACTIVE_VIEWER " AND EXISTS (" \
  "SELECT 1 FROM event_participants vp WHERE vp.event_id = e.id AND vp.user_id = :v_uid)))"

/* One user's calendar, one team's, or (both 0) everything visible. */
#define IN_SCOPE \
  "(:scope_user = 0 OR e.owner_id = :scope_user OR EXISTS (SELECT 1 FROM event_participants sp " \
  "  WHERE sp.event_id = e.id AND sp.user_id = :scope_user)) AND " \
  "(:scope_team = 0 OR e.owner_id IN (SELECT su.id FROM users su WHERE su.team_id = :scope_team) OR " \
  "  EXISTS (SELECT 1 FROM event_participants tp JOIN users tu ON tu.id = tp.user_id " \
  "    WHERE tp.event_id = e.id AND tu.team_id = :scope_team))"

#define OPEN_TODOS_LIMIT 500

/* Times ------------------------------------------------------------------- */

char *
_crm_event_store_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
_crm_event_store_parse_time (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}

/* The local day of @time, "yyyy-MM-dd". */
static char *
format_local_day (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d");
}

/* Reading ------------------------------------------------------------------ */

static void
read_recurrence (CrmEvent     *event,
                 sqlite3_stmt *stmt,
                 int           column)
{
  g_autoptr(CrmRecurrence) rule = NULL;
  CrmRecurrenceFrequency frequency = CRM_RECURRENCE_NONE;

  if (!crm_recurrence_frequency_from_string ((const char *) sqlite3_column_text (stmt, column), &frequency) ||
      frequency == CRM_RECURRENCE_NONE)
    return;
  rule = crm_recurrence_new (frequency);
  rule->interval = MAX (sqlite3_column_int (stmt, column + 1), 1);
  rule->weekdays = sqlite3_column_int (stmt, column + 2) & CRM_WEEKDAYS_ALL;
  rule->until = _crm_column_text (stmt, column + 3);
  rule->count = MAX (sqlite3_column_int (stmt, column + 4), 0);
  crm_event_set_recurrence (event, rule);
}

static CrmEvent *
event_from_row (sqlite3_stmt *stmt)
{
  CrmEvent *event = g_object_new (CRM_TYPE_EVENT, NULL);
  g_autoptr(GDateTime) start = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, 5));
  g_autoptr(GDateTime) end = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, 6));
  g_autoptr(GDateTime) done_at = _crm_event_store_parse_time ((const char *) sqlite3_column_text (stmt, 16));
  CrmEventKind kind = CRM_EVENT_KIND_MEETING;

  crm_event_set_id (event, sqlite3_column_int64 (stmt, 0));
  crm_event_set_owner_id (event, sqlite3_column_int64 (stmt, 1));
  crm_event_set_owner_name (event, (const char *) sqlite3_column_text (stmt, 2));
  crm_event_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  crm_event_set_kind (event, kind);
  crm_event_set_title (event, (const char *) sqlite3_column_text (stmt, 4));
  if (start != NULL && end != NULL)
    crm_event_set_times (event, start, end);
  crm_event_set_all_day (event, sqlite3_column_int (stmt, 7) != 0);
  crm_event_set_location (event, (const char *) sqlite3_column_text (stmt, 8));
  crm_event_set_customer_id (event, sqlite3_column_int64 (stmt, 9));
  crm_event_set_customer_name (event, (const char *) sqlite3_column_text (stmt, 10));
  crm_event_set_opportunity_id (event, sqlite3_column_int64 (stmt, 11));
  crm_event_set_quote_id (event, sqlite3_column_int64 (stmt, 12));
  crm_event_set_contract_id (event, sqlite3_column_int64 (stmt, 13));
  crm_event_set_notes (event, (const char *) sqlite3_column_text (stmt, 14));
  crm_event_set_done (event, sqlite3_column_int (stmt, 15) != 0, done_at);
  read_recurrence (event, stmt, 17);
  crm_event_set_row_version (event, sqlite3_column_int64 (stmt, 22));
  return event;
}

gboolean
_crm_event_store_load_details (CrmStore  *store,
                               CrmEvent  *event,
                               GError   **error)
{
  static const char participants_sql[] =
    "SELECT p.user_id FROM event_participants p JOIN events e ON e.id = p.event_id "
    "WHERE p.event_id = :id AND p.user_id IS NOT e.owner_id ORDER BY p.user_id";
  static const char reminders_sql[] =
    "SELECT offset_minutes FROM reminders "
    "WHERE event_id = :id AND ref_kind IS NULL AND offset_minutes IS NOT NULL";
  g_autoptr(GArray) participants = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reminders = g_array_new (FALSE, FALSE, sizeof (gint));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, participants_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 user_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (participants, user_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE || !(stmt = _crm_store_prepare (store, reminders_sql, error)))
    {
      if (rc != SQLITE_DONE)
        _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint minutes = sqlite3_column_int (stmt, 0);
      g_array_append_val (reminders, minutes);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  crm_event_set_participants (event, (const gint64 *) (gpointer) participants->data, participants->len);
  crm_event_set_reminders (event, (const gint *) (gpointer) reminders->data, reminders->len);
  return TRUE;
}

/* Steps @stmt to the end; every event with its participants and reminders. */
static gboolean
collect_events (CrmStore      *store,
                sqlite3_stmt  *stmt,
                GPtrArray     *events,
                GError       **error)
{
  guint first = events->len;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = first; i < events->len; i++)
    if (!_crm_event_store_load_details (store, g_ptr_array_index (events, i), error))
      return FALSE;
  return TRUE;
}

static CrmEvent *
first_event (GPtrArray  *events,
             const char *missing,
             GError    **error)
{
  if (events->len == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (events, 0));
}

/**
 * crm_event_store_get:
 *
 * Returns: (transfer full): the event with its participants and
 *   reminders, or %NULL with %CRM_STORE_ERROR_NOT_FOUND when it does not
 *   exist or @session may not read it.
 */
CrmEvent *
crm_event_store_get (CrmStore    *store,
                     CrmSession  *session,
                     gint64       event_id,
                     GError     **error)
{
  static const char sql[] =
    "SELECT " EVENT_COLUMNS EVENT_FROM "WHERE e.id = :id AND " VISIBLE_EVENT;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", event_id);
  _crm_store_bind_viewer (stmt, session);
  if (!collect_events (store, stmt, events, error))
    return NULL;
  return first_event (events, _("This event does not exist or is not yours to see."), error);
}

/* The team and active flag of a user; *found FALSE when there is none. */
static gboolean
read_user (CrmStore  *store,
           gint64     user_id,
           gboolean  *found,
           gint64    *team_id,
           gboolean  *active,
           GError   **error)
{
  static const char sql[] = "SELECT coalesce (team_id, 0), active FROM users WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  *found = FALSE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      *team_id = sqlite3_column_int64 (stmt, 0);
      *active = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED, message);
  return FALSE;
}

gboolean
crm_event_store_check_scope (CrmStore             *store,
                             CrmSession           *session,
                             const CrmEventScope  *scope,
                             GError              **error)
{
  CrmRole role;
  gint64 team = 0;
  gboolean found = FALSE, active = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  role = crm_session_get_role (session);
  if (scope->user_id == crm_session_get_user_id (session) && scope->team_id == 0)
    return TRUE;
  if (role == CRM_ROLE_STAFF)
    return refuse (error, _("You can see only your own calendar."));
  if (role == CRM_ROLE_ADMIN)
    return TRUE;
  if (scope->team_id > 0 && scope->team_id != crm_session_get_visible_team (session))
    return refuse (error, _("You can see the calendars of your own team only."));
  if (scope->user_id > 0)
    {
      if (!read_user (store, scope->user_id, &found, &team, &active, error))
        return FALSE;
      if (!found || team == 0 || team != crm_session_get_visible_team (session))
        return refuse (error, _("You can see the calendars of your own team only."));
    }
  return TRUE;
}

static void
bind_scope (sqlite3_stmt        *stmt,
            const CrmEventScope *scope)
{
  _crm_bind_int64 (stmt, ":scope_user", MAX (scope->user_id, 0));
  _crm_bind_int64 (stmt, ":scope_team", MAX (scope->team_id, 0));
}

static gint
compare_starts (gconstpointer a,
                gconstpointer b)
{
  CrmEvent *x = *(CrmEvent *const *) a;
  CrmEvent *y = *(CrmEvent *const *) b;
  gint order = g_date_time_compare (crm_event_get_start (x), crm_event_get_start (y));

  if (order != 0)
    return order;
  return crm_event_get_id (x) < crm_event_get_id (y) ? -1 : crm_event_get_id (x) > crm_event_get_id (y);
}

/* Two reads, each on its own index: single events starting within the
 * longest event's length before the range (CRM_EVENT_MAX_DURATION), and
 * the (few) recurring series not ended a year before it. */
GPtrArray *
crm_event_store_list_range (CrmStore             *store,
                            CrmSession           *session,
                            const CrmEventScope  *scope,
                            GDateTime            *from,
                            GDateTime            *to,
                            GError              **error)
{
  static const char single_sql[] =
    "SELECT " EVENT_COLUMNS EVENT_FROM
    "WHERE e.recur_freq IS NULL AND e.starts_at >= :earliest AND e.starts_at < :to AND "
    "  (e.ends_at > :from OR (e.ends_at = e.starts_at AND e.starts_at >= :from)) AND "
    VISIBLE_EVENT " AND " IN_SCOPE " ORDER BY e.starts_at, e.id";
  static const char series_sql[] =
    "SELECT " EVENT_COLUMNS EVENT_FROM
    "WHERE e.recur_freq IS NOT NULL AND e.starts_at < :to AND "
    "  (e.recur_until IS NULL OR e.recur_until >= :earliest_day) AND "
    VISIBLE_EVENT " AND " IN_SCOPE " ORDER BY e.starts_at, e.id";
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) earliest = NULL;
  g_autofree char *earliest_text = NULL;
  g_autofree char *earliest_day = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (!crm_event_store_check_scope (store, session, scope, error))
    return NULL;
  earliest = g_date_time_add (from, -CRM_EVENT_MAX_DURATION);
  earliest_text = _crm_event_store_format_time (earliest);
  earliest_day = format_local_day (earliest);
  from_text = _crm_event_store_format_time (from);
  to_text = _crm_event_store_format_time (to);

  if (!(stmt = _crm_store_prepare (store, single_sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":earliest", earliest_text);
  _crm_bind_text (stmt, ":from", from_text);
  _crm_bind_text (stmt, ":to", to_text);
  _crm_store_bind_viewer (stmt, session);
  bind_scope (stmt, scope);
  if (!collect_events (store, stmt, events, error) ||
      !(stmt = _crm_store_prepare (store, series_sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":earliest_day", earliest_day);
  _crm_bind_text (stmt, ":to", to_text);
  _crm_store_bind_viewer (stmt, session);
  bind_scope (stmt, scope);
  if (!collect_events (store, stmt, events, error))
    return NULL;
  g_ptr_array_sort (events, compare_starts);
  return g_steal_pointer (&events);
}

/**
 * crm_event_store_list_open_todos:
 *
 * Returns: (transfer full) (element-type CrmEvent): at most 500 to-dos
 */
GPtrArray *
crm_event_store_list_open_todos (CrmStore             *store,
                                 CrmSession           *session,
                                 const CrmEventScope  *scope,
                                 GDateTime            *before,
                                 GError              **error)
{
  static const char sql[] =
    "SELECT " EVENT_COLUMNS EVENT_FROM
    "WHERE e.done = 0 AND e.starts_at < :before AND e.recur_freq IS NULL AND "
    "  e.kind IN ('task', 'deadline', 'care') AND " VISIBLE_EVENT " AND " IN_SCOPE " "
    "ORDER BY e.ends_at, e.id LIMIT :limit";
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *before_text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (before != NULL, NULL);

  if (!crm_event_store_check_scope (store, session, scope, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  before_text = _crm_event_store_format_time (before);
  _crm_bind_text (stmt, ":before", before_text);
  _crm_bind_int64 (stmt, ":limit", OPEN_TODOS_LIMIT);
  _crm_store_bind_viewer (stmt, session);
  bind_scope (stmt, scope);
  if (!collect_events (store, stmt, events, error))
    return NULL;
  return g_steal_pointer (&events);
}

/* Checks before writing ----------------------------------------------------- */

/* Whether @session may plan and change the events of @owner_id: their
 * own, their team's for managers, anyone's for administrators. */
static gboolean
may_manage (CrmStore    *store,
            CrmSession  *session,
            gint64       owner_id,
            gboolean    *allowed,
            GError     **error)
{
  gint64 team = 0;
  gboolean found = FALSE, active = FALSE;

  *allowed = crm_session_get_role (session) == CRM_ROLE_ADMIN ||
             (owner_id > 0 && owner_id == crm_session_get_user_id (session));
  if (*allowed || crm_session_get_role (session) != CRM_ROLE_MANAGER || owner_id <= 0)
    return TRUE;
  if (!read_user (store, owner_id, &found, &team, &active, error))
    return FALSE;
  *allowed = found && team > 0 && team == crm_session_get_visible_team (session);
  return TRUE;
}

/* The new owner must be an active user @session may plan for. */
static gboolean
check_owner (CrmStore    *store,
             CrmSession  *session,
             CrmEvent    *event,
             GError     **error)
{
  gint64 owner_id = crm_event_get_owner_id (event);
  gint64 team = 0;
  gboolean found = FALSE, active = FALSE, allowed = FALSE;

  if (owner_id <= 0)
    {
      owner_id = crm_session_get_user_id (session);
      crm_event_set_owner_id (event, owner_id);
    }
  if (!read_user (store, owner_id, &found, &team, &active, error) ||
      !may_manage (store, session, owner_id, &allowed, error))
    return FALSE;
  if (!found || !active)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The owner of the event must be an active user."));
      return FALSE;
    }
  if (!allowed)
    return refuse (error, crm_session_get_role (session) == CRM_ROLE_STAFF
                          ? _("Staff plan only their own calendar; a manager can plan for the team.")
                          : _("You can plan only for the members of your own team."));
  return TRUE;
}

static gboolean
check_participants (CrmStore   *store,
                    CrmEvent   *event,
                    GError    **error)
{
  GArray *participants = crm_event_get_participants (event);

  for (guint i = 0; i < participants->len; i++)
    {
      gint64 team = 0;
      gboolean found = FALSE, active = FALSE;

      if (!read_user (store, g_array_index (participants, gint64, i), &found, &team, &active, error))
        return FALSE;
      if (!found || !active)
        {
          g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                               _("Only active users can take part in an event."));
          return FALSE;
        }
    }
  return TRUE;
}

/* The customer of a linked opportunity, quote or contract; the event
 * takes it when it names none, and must not name another. */
static gboolean
check_document (CrmStore    *store,
                CrmEvent    *event,
                const char  *sql,
                gint64       document_id,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 customer_id = 0;
  int rc;

  if (document_id <= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    customer_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The linked opportunity, quote or contract does not exist any more."));
      return FALSE;
    }
  if (crm_event_get_customer_id (event) <= 0)
    crm_event_set_customer_id (event, customer_id);
  else if (crm_event_get_customer_id (event) != customer_id)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The linked opportunity, quote or contract belongs to another customer."));
      return FALSE;
    }
  return TRUE;
}

/* "12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh", or NULL when the
 * customer has no address. */
static char *
customer_address (CrmStore  *store,
                  gint64     customer_id,
                  GError   **error)
{
  static const char sql[] = "SELECT street, ward, province_code FROM customers WHERE id = :id";
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const CrmProvince *province = crm_province_get ((const char *) sqlite3_column_text (stmt, 2));

      for (int column = 0; column < 2; column++)
        if (!crm_text_is_blank ((const char *) sqlite3_column_text (stmt, column)))
          g_ptr_array_add (parts, g_strstrip (_crm_column_text (stmt, column)));
      if (province != NULL)
        g_ptr_array_add (parts, g_strdup (province->short_name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

gboolean
crm_event_store_customer_address (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       customer_id,
                                  char       **address,
                                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *found = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (customer_id > 0, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error))
    return FALSE;
  found = customer_address (store, customer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *address = g_steal_pointer (&found);
  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Participants besides the owner, in id order, as they are read back. */
static void
normalize_participants (CrmEvent *event)
{
  g_autoptr(GArray) ids = g_array_copy (crm_event_get_participants (event));
  guint kept = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) != crm_event_get_owner_id (event))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  crm_event_set_participants (event, (const gint64 *) (gpointer) ids->data, kept);
}

/* The links: documents agree with the customer, the customer is visible,
 * the location defaults to the customer's address. */
static gboolean
check_links (CrmStore    *store,
             CrmSession  *session,
             CrmEvent    *event,
             GError     **error)
{
  g_autofree char *customer_name = NULL;
  gint64 customer_id;

  if (!check_document (store, event, "SELECT customer_id FROM opportunities WHERE id = :id",
                       crm_event_get_opportunity_id (event), error) ||
      !check_document (store, event, "SELECT customer_id FROM quotes WHERE id = :id",
                       crm_event_get_quote_id (event), error) ||
      !check_document (store, event, "SELECT customer_id FROM contracts WHERE id = :id",
                       crm_event_get_contract_id (event), error))
    return FALSE;
  customer_id = crm_event_get_customer_id (event);
  if (customer_id <= 0)
    {
      crm_event_set_customer_id (event, 0);
      crm_event_set_customer_name (event, NULL);
      return TRUE;
    }
  if (!_crm_contact_store_require_customer (store, session, customer_id, &customer_name, NULL, error))
    return FALSE;
  crm_event_set_customer_name (event, customer_name);
  if (crm_text_is_blank (crm_event_get_location (event)))
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *address = customer_address (store, customer_id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      crm_event_set_location (event, address);
    }
  return TRUE;
}

/* Writing ------------------------------------------------------------------ */

static void
bind_fields (sqlite3_stmt *stmt,
             CrmEvent     *event)
{
  const CrmRecurrence *rule = crm_event_get_recurrence (event);
  g_autofree char *start = _crm_event_store_format_time (crm_event_get_start (event));
  g_autofree char *end = _crm_event_store_format_time (crm_event_get_end (event));

  _crm_bind_id (stmt, ":owner", crm_event_get_owner_id (event));
  _crm_bind_text (stmt, ":kind", crm_event_kind_to_string (crm_event_get_kind (event)));
  _crm_bind_text (stmt, ":title", crm_event_get_title (event));
  _crm_bind_text (stmt, ":starts", start);
  _crm_bind_text (stmt, ":ends", end);
  _crm_bind_int64 (stmt, ":all_day", crm_event_get_all_day (event) ? 1 : 0);
  _crm_bind_text (stmt, ":location", crm_event_get_location (event));
  _crm_bind_id (stmt, ":customer", crm_event_get_customer_id (event));
  _crm_bind_id (stmt, ":opportunity", crm_event_get_opportunity_id (event));
  _crm_bind_id (stmt, ":quote", crm_event_get_quote_id (event));
  _crm_bind_id (stmt, ":contract", crm_event_get_contract_id (event));
  _crm_bind_text (stmt, ":notes", crm_event_get_notes (event));
  _crm_bind_text (stmt, ":freq", rule != NULL ? crm_recurrence_frequency_to_string (rule->frequency) : NULL);
  _crm_bind_int64 (stmt, ":interval", rule != NULL ? rule->interval : 1);
  _crm_bind_int64 (stmt, ":weekdays",
                   rule != NULL && rule->frequency == CRM_RECURRENCE_WEEKLY ? rule->weekdays : 0);
  _crm_bind_text (stmt, ":until", rule != NULL && !crm_text_is_blank (rule->until) ? rule->until : NULL);
  _crm_bind_id (stmt, ":count", rule != NULL ? rule->count : 0);
}

static gboolean
insert_row (CrmStore    *store,
            CrmSession  *session,
            CrmEvent    *event,
            GError     **error)
{
  static const char sql[] =
    "INSERT INTO events (owner_id, kind, title, starts_at, ends_at, all_day, location, customer_id, "
    "  opportunity_id, quote_id, contract_id, notes, done, done_at, recur_freq, recur_interval, "
    "  recur_weekdays, recur_until, recur_count, created_at, updated_at, created_by) "
    "VALUES (:owner, :kind, :title, :starts, :ends, :all_day, :location, :customer, :opportunity, "
    "  :quote, :contract, :notes, :done, :done_at, :freq, :interval, :weekdays, :until, :count, "
    "  :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *done_at = NULL;
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (crm_event_get_done (event))
    done_at = crm_event_get_done_at (event) != NULL
              ? _crm_event_store_format_time (crm_event_get_done_at (event)) : g_strdup (now);
  bind_fields (stmt, event);
  _crm_bind_int64 (stmt, ":done", crm_event_get_done (event) ? 1 : 0);
  _crm_bind_text (stmt, ":done_at", done_at);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_event_set_id (event, sqlite3_last_insert_rowid (_crm_store_get_db (store)));
  crm_event_set_row_version (event, 1);
  return TRUE;
}

static gboolean
write_participants (CrmStore  *store,
                    CrmEvent  *event,
                    GError   **error)
{
  static const char clear_sql[] = "DELETE FROM event_participants WHERE event_id = :id";
  static const char insert_sql[] =
    "INSERT INTO event_participants (event_id, user_id) VALUES (:id, :user) ON CONFLICT DO NOTHING";
  GArray *participants = crm_event_get_participants (event);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, clear_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  for (guint i = 0; i < participants->len; i++)
    {
      gint64 user_id = g_array_index (participants, gint64, i);

      if (user_id == crm_event_get_owner_id (event))
        continue;
      if (!(stmt = _crm_store_prepare (store, insert_sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
      _crm_bind_int64 (stmt, ":user", user_id);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* When the reminder @minutes before the first occurrence falls due. */
static char *
first_fire_at (CrmEvent *event,
               gint      minutes)
{
  g_autoptr(GDateTime) before = g_date_time_add_seconds (crm_event_get_start (event), -1);
  g_autoptr(GDateTime) first = crm_recurrence_next_start (crm_event_get_recurrence (event),
                                                          crm_event_get_start (event), before, NULL);
  g_autoptr(GDateTime) fire = g_date_time_add_minutes (first != NULL ? first : crm_event_get_start (event),
                                                       -minutes);

  return _crm_event_store_format_time (fire);
}

static gboolean
has_reminder (CrmEvent *event,
              gint      minutes)
{
  GArray *reminders = crm_event_get_reminders (event);

  for (guint i = 0; i < reminders->len; i++)
    if (g_array_index (reminders, gint, i) == minutes)
      return TRUE;
  return FALSE;
}

/* One reminders row per offset: rows of offsets no longer wanted go,
 * new offsets get a row, every row follows the event's owner, title and
 * first occurrence. */
static gboolean
write_reminders (CrmStore    *store,
                 CrmSession  *session,
                 CrmEvent    *event,
                 GError     **error)
{
  static const char drop_sql[] =
    "DELETE FROM reminders WHERE event_id = :id AND ref_kind IS NULL AND offset_minutes = :minutes";
  static const char update_sql[] =
    "UPDATE reminders SET user_id = :owner, title = :title, fire_at = :fire "
    "WHERE event_id = :id AND ref_kind IS NULL AND offset_minutes = :minutes";
  static const char insert_sql[] =
    "INSERT INTO reminders (user_id, event_id, offset_minutes, fire_at, title, created_at, created_by) "
    "VALUES (:owner, :id, :minutes, :fire, :title, :now, :user)";
  g_autoptr(CrmEvent) stored = crm_event_copy (event);
  g_autofree char *now = _crm_now_utc ();
  GArray *wanted = crm_event_get_reminders (event);
  GArray *old;
  sqlite3_stmt *stmt;

  if (!_crm_event_store_load_details (store, stored, error))
    return FALSE;
  old = crm_event_get_reminders (stored);
  for (guint i = 0; i < old->len; i++)
    {
      if (has_reminder (event, g_array_index (old, gint, i)))
        continue;
      if (!(stmt = _crm_store_prepare (store, drop_sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
      _crm_bind_int64 (stmt, ":minutes", g_array_index (old, gint, i));
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      gint minutes = g_array_index (wanted, gint, i);
      gboolean exists = has_reminder (stored, minutes);
      g_autofree char *fire = first_fire_at (event, minutes);

      if (!(stmt = _crm_store_prepare (store, exists ? update_sql : insert_sql, error)))
        return FALSE;
      _crm_bind_id (stmt, ":owner", crm_event_get_owner_id (event));
      _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
      _crm_bind_int64 (stmt, ":minutes", minutes);
      _crm_bind_text (stmt, ":fire", fire);
      _crm_bind_text (stmt, ":title", crm_event_get_title (event));
      if (!exists)
        {
          _crm_bind_text (stmt, ":now", now);
          _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
        }
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_create (CrmStore    *store,
              CrmSession  *session,
              CrmEvent    *event,
              GError     **error)
{
  if (!check_owner (store, session, event, error))
    return FALSE;
  normalize_participants (event);
  return check_participants (store, event, error) &&
         check_links (store, session, event, error) &&
         insert_row (store, session, event, error) &&
         write_participants (store, event, error) &&
         write_reminders (store, session, event, error) &&
         _crm_store_audit (store, session, "create", "event", crm_event_get_id (event), NULL, NULL,
                           crm_event_get_title (event), error);
}

/**
 * crm_event_store_create:
 * @event: (inout): validated and normalised in place; gets its id, owner,
 *   customer name and default location
 *
 * Returns: the new id, or 0 on error (%CRM_VALIDATION_ERROR,
 *   %CRM_PERMISSION_ERROR, %CRM_STORE_ERROR).
 */
gint64
crm_event_store_create (CrmStore    *store,
                        CrmSession  *session,
                        CrmEvent    *event,
                        GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (CRM_IS_EVENT (event), 0);
  g_return_val_if_fail (crm_event_get_id (event) == 0, 0);

  if (!_crm_store_require_active (store, session, error) ||
      !crm_event_validate (event, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_create (store, session, event, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      crm_event_set_id (event, 0);
      return 0;
    }
  return crm_event_get_id (event);
}

/* The event as stored, if @session may change it: visible, and its
 * owner one @session plans for. */
static CrmEvent *
load_for_change (CrmStore    *store,
                 CrmSession  *session,
                 gint64       event_id,
                 GError     **error)
{
  g_autoptr(CrmEvent) visible = crm_event_store_get (store, session, event_id, error);
  gboolean allowed = FALSE;

  if (visible == NULL ||
      !may_manage (store, session, crm_event_get_owner_id (visible), &allowed, error))
    return NULL;
  if (!allowed)
    {
      refuse (error, _("Only the owner of this event, their manager or an administrator may change or delete it."));
      return NULL;
    }
  return g_steal_pointer (&visible);
}

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static char *
int_list_text (GArray  *values,
               gboolean wide)
{
  GString *text;

  if (values->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      if (wide)
        g_string_append_printf (text, "%" G_GINT64_FORMAT, g_array_index (values, gint64, i));
      else
        g_string_append_printf (text, "%d", g_array_index (values, gint, i));
    }
  return g_string_free (text, FALSE);
}

/* One audit row per field that changed; *changed tells whether any did. */
static gboolean
audit_changes (CrmStore    *store,
               CrmSession  *session,
               CrmEvent    *old,
               CrmEvent    *new,
               gboolean    *changed,
               GError     **error)
{
#define PAIR(name, getter, format) \
  { name, format (getter (old)), format (getter (new)) }
  struct { const char *field; char *old_value; char *new_value; } fields[] = {
    { "kind", g_strdup (crm_event_kind_to_string (crm_event_get_kind (old))),
      g_strdup (crm_event_kind_to_string (crm_event_get_kind (new))) },
    { "title", g_strdup (crm_event_get_title (old)), g_strdup (crm_event_get_title (new)) },
    PAIR ("starts_at", crm_event_get_start, _crm_event_store_format_time),
    PAIR ("ends_at", crm_event_get_end, _crm_event_store_format_time),
    { "all_day", g_strdup (crm_event_get_all_day (old) ? "1" : "0"),
      g_strdup (crm_event_get_all_day (new) ? "1" : "0") },
    { "location", g_strdup (crm_event_get_location (old)), g_strdup (crm_event_get_location (new)) },
    PAIR ("customer_id", crm_event_get_customer_id, id_text),
    PAIR ("opportunity_id", crm_event_get_opportunity_id, id_text),
    PAIR ("quote_id", crm_event_get_quote_id, id_text),
    PAIR ("contract_id", crm_event_get_contract_id, id_text),
    PAIR ("owner_id", crm_event_get_owner_id, id_text),
    { "notes", g_strdup (crm_event_get_notes (old)), g_strdup (crm_event_get_notes (new)) },
    PAIR ("recurrence", crm_event_get_recurrence, crm_recurrence_to_rule),
    { "reminders", int_list_text (crm_event_get_reminders (old), FALSE),
      int_list_text (crm_event_get_reminders (new), FALSE) },
    { "participants", int_list_text (crm_event_get_participants (old), TRUE),
      int_list_text (crm_event_get_participants (new), TRUE) },
  };
#undef PAIR
  gint64 id = crm_event_get_id (old);
  gboolean ok = TRUE;

  *changed = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (ok && g_strcmp0 (fields[i].old_value, fields[i].new_value) != 0)
        {
          *changed = TRUE;
          ok = _crm_store_audit (store, session, "update", "event", id, fields[i].field,
                                 fields[i].old_value, fields[i].new_value, error);
        }
      g_free (fields[i].old_value);
      g_free (fields[i].new_value);
    }
  return ok;
}

static gboolean
update_row (CrmStore  *store,
            CrmEvent  *event,
            GError   **error)
{
  static const char sql[] =
    "UPDATE events SET owner_id = :owner, kind = :kind, title = :title, starts_at = :starts, "
    "  ends_at = :ends, all_day = :all_day, location = :location, customer_id = :customer, "
    "  opportunity_id = :opportunity, quote_id = :quote, contract_id = :contract, notes = :notes, "
    "  recur_freq = :freq, recur_interval = :interval, recur_weekdays = :weekdays, "
    "  recur_until = :until, recur_count = :count, row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, event);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", crm_event_get_id (event));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_event_set_row_version (event, crm_event_get_row_version (event) + 1);
  return TRUE;
}

static gboolean
write_update (CrmStore    *store,
              CrmSession  *session,
              CrmEvent    *event,
              gboolean     check_version,
              GError     **error)
{
  g_autoptr(CrmEvent) current = NULL;
  gboolean changed = FALSE;

  if (!(current = load_for_change (store, session, crm_event_get_id (event), error)))
    return FALSE;
  if (check_version && crm_event_get_row_version (event) != crm_event_get_row_version (current))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
                   _("“%s” was changed by someone else after you opened it. Your changes were not saved; reopen the event to see theirs."),
                   crm_event_get_title (current));
      return FALSE;
    }
  crm_event_set_row_version (event, crm_event_get_row_version (current));
  crm_event_set_done (event, crm_event_get_done (current), crm_event_get_done_at (current));
  if (!check_owner (store, session, event, error))
    return FALSE;
  normalize_participants (event);
  if (!check_participants (store, event, error) ||
      !check_links (store, session, event, error) ||
      !audit_changes (store, session, current, event, &changed, error))
    return FALSE;
  if (!changed)
    return TRUE;
  return update_row (store, event, error) &&
         write_participants (store, event, error) &&
         write_reminders (store, session, event, error);
}

/* Validates a copy standing for the series and saves it; @event gets
 * the normalised values back unless it is an occurrence. */
static gboolean
save_update (CrmStore    *store,
             CrmSession  *session,
             CrmEvent    *event,
             gboolean     check_version,
             GError     **error)
{
  g_autoptr(CrmEvent) series = crm_event_to_series (event);

  if (!_crm_store_require_active (store, session, error) ||
      !crm_event_validate (series, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_update (store, session, series, check_version, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  crm_event_set_row_version (event, crm_event_get_row_version (series));
  if (!crm_event_is_occurrence (event))
    {
      crm_event_set_times (event, crm_event_get_start (series), crm_event_get_end (series));
      crm_event_set_title (event, crm_event_get_title (series));
      crm_event_set_location (event, crm_event_get_location (series));
      crm_event_set_owner_id (event, crm_event_get_owner_id (series));
      crm_event_set_customer_id (event, crm_event_get_customer_id (series));
      crm_event_set_customer_name (event, crm_event_get_customer_name (series));
    }
  return TRUE;
}

/**
 * crm_event_store_update:
 * @event: (inout): the edited event (or occurrence), with the row version
 *   it was read with
 */
gboolean
crm_event_store_update (CrmStore    *store,
                        CrmSession  *session,
                        CrmEvent    *event,
                        GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (CRM_IS_EVENT (event), FALSE);
  g_return_val_if_fail (crm_event_get_id (event) > 0, FALSE);

  return save_update (store, session, event, TRUE, error);
}

gboolean
crm_event_store_move (CrmStore    *store,
                      CrmSession  *session,
                      gint64       event_id,
                      GDateTime   *start,
                      GDateTime   *end,
                      GError     **error)
{
  g_autoptr(CrmEvent) event = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (event_id > 0, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (!(event = crm_event_store_get (store, session, event_id, error)))
    return FALSE;
  crm_event_set_times (event, start, end);
  return save_update (store, session, event, FALSE, error);
}

static gboolean
write_done (CrmStore    *store,
            CrmSession  *session,
            gint64       event_id,
            gboolean     done,
            GError     **error)
{
  static const char sql[] =
    "UPDATE events SET done = :done, done_at = :done_at, row_version = row_version + 1, "
    "  updated_at = :now WHERE id = :id";
  g_autoptr(CrmEvent) current = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!(current = load_for_change (store, session, event_id, error)))
    return FALSE;
  if (crm_event_get_done (current) == done)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":done", done ? 1 : 0);
  _crm_bind_text (stmt, ":done_at", done ? now : NULL);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", event_id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "event", event_id, "done",
                           crm_event_get_done (current) ? "1" : "0", done ? "1" : "0", error);
}

gboolean
crm_event_store_set_done (CrmStore    *store,
                          CrmSession  *session,
                          gint64       event_id,
                          gboolean     done,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (event_id > 0, FALSE);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_done (store, session, event_id, !!done, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_delete (CrmStore    *store,
              CrmSession  *session,
              gint64       event_id,
              GError     **error)
{
  static const char sql[] = "DELETE FROM events WHERE id = :id";
  g_autoptr(CrmEvent) current = NULL;
  sqlite3_stmt *stmt;

  if (!(current = load_for_change (store, session, event_id, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", event_id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "delete", "event", event_id, NULL,
                           crm_event_get_title (current), NULL, error);
}

/**
 * crm_event_store_delete:
 *
 * Deletes the event with its participants and reminders, all or nothing,
 * audited.  Staff delete only their own events; managers their team's,
 * administrators anyone's.
 */
gboolean
crm_event_store_delete (CrmStore    *store,
                        CrmSession  *session,
                        gint64       event_id,
                        GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (event_id > 0, FALSE);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_delete (store, session, event_id, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
