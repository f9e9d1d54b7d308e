/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-generator"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-care-generator.h"
#include "crm-care-standard-store.h"
#include "crm-event-store.h"
#include "crm-province.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* The care tasks the standards make, and the customers overdue for care
 * (see the header).  Dates are local "YYYY-MM-DD" text; SQLite's date()
 * with 'localtime' reads the customers' UTC creation times in the same
 * zone as GLib's local time (both follow TZ). */

G_DEFINE_BOXED_TYPE (CrmCareOverdue, crm_care_overdue, crm_care_overdue_copy, crm_care_overdue_free)

/* A task to make: a customer of the standard and its due date. */
typedef struct
{
  gint64  customer_id;
  char   *customer_name;
  char   *address;
  gint64  owner_id;
  char   *due_on;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->customer_name);
  g_free (candidate->address);
  g_free (candidate->due_on);
  g_free (candidate);
}

CrmCareOverdue *
crm_care_overdue_copy (const CrmCareOverdue *self)
{
  CrmCareOverdue *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->title = g_strdup (self->title);
  copy->due_on = g_strdup (self->due_on);
  copy->owner_name = g_strdup (self->owner_name);
  return copy;
}

void
crm_care_overdue_free (CrmCareOverdue *self)
{
  if (self == NULL)
    return;
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->title);
  g_free (self->due_on);
  g_free (self->owner_name);
  g_free (self);
}

/* Dates ----------------------------------------------------------------------- */

/* Parses "YYYY-MM-DD" (a real date) into @date. */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int year, month, day;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
require_day (const char  *text,
             GDate       *date,
             GError     **error)
{
  if (parse_day (text, date))
    return TRUE;
  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
               _("“%s” is not a date."), text ? text : "");
  return FALSE;
}

/* Local midnight starting @date. */
static GDateTime *
day_start (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                                0, 0, 0);
}

/* The local day of a stored UTC timestamp, "YYYY-MM-DD"; NULL for NULL. */
static char *
local_day_of (const char *timestamp)
{
  g_autoptr(GDateTime) time = _crm_event_store_parse_time (timestamp);
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* Candidates ------------------------------------------------------------------- */

/* The due dates of one standard, one statement per trigger: @source
 * yields (customer_id, due_on) and the frame keeps the customers of the
 * standard's category tree the session sees, whose task is due by :today
 * and not made yet.  The owner is the customer's staff while that account
 * is active, else :fallback. */
#define CANDIDATE_SQL(source) \
  "WITH RECURSIVE sub (id) AS (" \
  "  SELECT :category WHERE :category IS NOT NULL " \
  "  UNION SELECT k.id FROM categories k JOIN sub ON k.parent_id = sub.id), " \
  "due (customer_id, due_on) AS (" source ") " \
  "SELECT DISTINCT c.id, c.full_name, c.street, c.ward, c.province_code, " \
  "  coalesce ((SELECT u.id FROM users u WHERE u.id = c.assigned_to AND u.active = 1), :fallback), " \
  "  d.due_on " \
  "FROM due d JOIN customers c ON c.id = d.customer_id " \
  "WHERE d.due_on <= :today AND c.merged_into IS NULL AND c.status <> 'inactive' " \
  "  AND (:category IS NULL OR c.category_id IN (SELECT id FROM sub)) " \
  "  AND " CRM_VISIBLE_CUSTOMER ("c") " " \
  "  AND NOT EXISTS (SELECT 1 FROM care_runs r WHERE r.standard_id = :standard " \
  "                  AND r.customer_id = c.id AND r.due_on = d.due_on) " \
  "ORDER BY d.due_on, c.id"

static const char *const candidate_sql[CRM_CARE_N_TRIGGERS] = {
  [CRM_CARE_TRIGGER_CONTRACT_SIGNED] = CANDIDATE_SQL (
    "SELECT k.customer_id, date (k.signed_on, :offset) FROM contracts k "
    "WHERE k.signed_on IS NOT NULL AND k.signed_on >= :start "
    "  AND k.status IN ('active', 'completed', 'expired')"),
  [CRM_CARE_TRIGGER_ORDER_DELIVERED] = CANDIDATE_SQL (
    "SELECT o.customer_id, date (o.delivered_on, :offset) FROM orders o "
    "WHERE o.delivered_on IS NOT NULL AND o.delivered_on >= :start AND o.delivery_status = 'delivered'"),
  [CRM_CARE_TRIGGER_CUSTOMER_CREATED] = CANDIDATE_SQL (
    "SELECT n.id, date (n.created_at, 'localtime', :offset) FROM customers n "
    "WHERE date (n.created_at, 'localtime') >= :start"),
  /* The next date after the last task, or after the later of the
   * customer's and the standard's start shifted by the offset. */
  [CRM_CARE_TRIGGER_PERIODIC] = CANDIDATE_SQL (
    "SELECT n.id, date (coalesce ((SELECT max (r.due_on) FROM care_runs r "
    "                              WHERE r.standard_id = :standard AND r.customer_id = n.id), "
    "                             date (max (date (n.created_at, 'localtime'), :start), :offset)), "
    "                   :every) "
    "FROM customers n"),
};

static void
bind_if_used (sqlite3_stmt *stmt,
              const char   *name,
              const char   *value)
{
  if (sqlite3_bind_parameter_index (stmt, name) > 0)
    _crm_bind_text (stmt, name, value);
}

/* "12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh", as the calendar writes a
 * customer's address; NULL when there is none. */
static char *
address_from_stmt (sqlite3_stmt *stmt,
                   int           street_column)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const CrmProvince *province = crm_province_get ((const char *) sqlite3_column_text (stmt, street_column + 2));

  for (int column = street_column; column < street_column + 2; column++)
    if (!crm_text_is_blank ((const char *) sqlite3_column_text (stmt, column)))
      g_ptr_array_add (parts, g_strstrip (_crm_column_text (stmt, column)));
  if (province != NULL)
    g_ptr_array_add (parts, g_strdup (province->short_name));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* Moves a periodic due date forward by whole periods to the last one not
 * after @today: missed periods make one task, not a pile. */
static void
catch_up (Candidate             *candidate,
          const CrmCareStandard *standard,
          const GDate           *today)
{
  GDate due;
  gint days;

  if (standard->trigger != CRM_CARE_TRIGGER_PERIODIC || !parse_day (candidate->due_on, &due))
    return;
  days = g_date_days_between (&due, today);
  if (days < standard->every_days)
    return;
  g_date_add_days (&due, (guint) (days - days % standard->every_days));
  g_free (candidate->due_on);
  candidate->due_on = format_day (&due);
}

/* The author of @standard while active, else the signed-in user. */
static gint64
fallback_owner (CrmStore               *store,
                CrmSession             *session,
                const CrmCareStandard  *standard,
                GError                **error)
{
  static const char sql[] =
    "SELECT u.id FROM care_standards s JOIN users u ON u.id = s.created_by "
    "WHERE s.id = :standard AND u.active = 1";
  sqlite3_stmt *stmt;
  gint64 owner = crm_session_get_user_id (session);
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_int64 (stmt, ":standard", standard->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    owner = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return 0;
    }
  return owner;
}

static GPtrArray *
list_candidates (CrmStore               *store,
                 CrmSession             *session,
                 const CrmCareStandard  *standard,
                 const GDate            *today,
                 GError                **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autofree char *today_text = format_day (today);
  g_autofree char *start = local_day_of (standard->created_at);
  g_autofree char *offset = g_strdup_printf ("+%d days", standard->offset_days);
  g_autofree char *every = g_strdup_printf ("+%d days", standard->every_days);
  sqlite3_stmt *stmt;
  gint64 fallback;
  int rc;

  if (!(fallback = fallback_owner (store, session, standard, error)) ||
      !(stmt = _crm_store_prepare (store, candidate_sql[standard->trigger], error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_id (stmt, ":category", standard->category_id);
  _crm_bind_int64 (stmt, ":standard", standard->id);
  _crm_bind_int64 (stmt, ":fallback", fallback);
  _crm_bind_text (stmt, ":today", today_text);
  _crm_bind_text (stmt, ":start", start ? start : "0000-00-00");
  _crm_bind_text (stmt, ":offset", offset);
  bind_if_used (stmt, ":every", every);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate *candidate = g_new0 (Candidate, 1);

      candidate->customer_id = sqlite3_column_int64 (stmt, 0);
      candidate->customer_name = _crm_column_text (stmt, 1);
      candidate->address = address_from_stmt (stmt, 2);
      candidate->owner_id = sqlite3_column_int64 (stmt, 5);
      candidate->due_on = _crm_column_text (stmt, 6);
      catch_up (candidate, standard, today);
      g_ptr_array_add (candidates, candidate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&candidates);
}

/* Writing ------------------------------------------------------------------------ */

static gint64
insert_task (CrmStore               *store,
             CrmSession             *session,
             const CrmCareStandard  *standard,
             const Candidate        *candidate,
             const char             *now,
             GError                **error)
{
  static const char sql[] =
    "INSERT INTO events (owner_id, kind, title, starts_at, ends_at, all_day, location, customer_id, "
    "  notes, created_at, updated_at, created_by) "
    "VALUES (:owner, 'care', :title, :starts, :ends, 1, :location, :customer, :notes, :now, :now, :user)";
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  GDate due;
  gint64 id;

  if (!require_day (candidate->due_on, &due, error))
    return 0;
  start = day_start (&due);
  end = g_date_time_add_days (start, 1);
  starts = _crm_event_store_format_time (start);
  ends = _crm_event_store_format_time (end);
  /* TRANSLATORS: a care task in the calendar: the action, then the customer. */
  title = g_strdup_printf (_("%s — %s"), crm_care_standard_action_label (standard->action), candidate->customer_name);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_id (stmt, ":owner", candidate->owner_id);
  _crm_bind_text (stmt, ":title", title);
  _crm_bind_text (stmt, ":starts", starts);
  _crm_bind_text (stmt, ":ends", ends);
  _crm_bind_text (stmt, ":location", candidate->address);
  _crm_bind_int64 (stmt, ":customer", candidate->customer_id);
  _crm_bind_text (stmt, ":notes", standard->name);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return _crm_store_audit (store, session, "create", "event", id, NULL, NULL, title, error) ? id : 0;
}

static gboolean
insert_run (CrmStore               *store,
            const CrmCareStandard  *standard,
            const Candidate        *candidate,
            gint64                  event_id,
            const char             *now,
            GError                **error)
{
  static const char sql[] =
    "INSERT INTO care_runs (standard_id, customer_id, due_on, event_id, created_at) "
    "VALUES (:standard, :customer, :due, :event, :now)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":standard", standard->id);
  _crm_bind_int64 (stmt, ":customer", candidate->customer_id);
  _crm_bind_text (stmt, ":due", candidate->due_on);
  _crm_bind_int64 (stmt, ":event", event_id);
  _crm_bind_text (stmt, ":now", now);
  return _crm_store_step_done (store, stmt, error);
}

static gboolean
generate_for_standard (CrmStore               *store,
                       CrmSession             *session,
                       const CrmCareStandard  *standard,
                       const GDate            *today,
                       guint                  *n_created,
                       GError                **error)
{
  g_autoptr(GPtrArray) candidates = list_candidates (store, session, standard, today, error);
  g_autofree char *now = _crm_now_utc ();

  if (candidates == NULL)
    return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = g_ptr_array_index (candidates, i);
      gint64 event_id;

      if (!(event_id = insert_task (store, session, standard, candidate, now, error)) ||
          !insert_run (store, standard, candidate, event_id, now, error))
        return FALSE;
      (*n_created)++;
    }
  return TRUE;
}

static gboolean
generate_in_transaction (CrmStore     *store,
                         CrmSession   *session,
                         const GDate  *today,
                         guint        *n_created,
                         GError      **error)
{
  g_autoptr(GPtrArray) standards = crm_care_standard_store_list (store, session, FALSE, error);

  if (standards == NULL)
    return FALSE;
  for (guint i = 0; i < standards->len; i++)
    if (!generate_for_standard (store, session, g_ptr_array_index (standards, i), today, n_created, error))
      return FALSE;
  return TRUE;
}

gboolean
crm_care_generate_due (CrmStore    *store,
                       CrmSession  *session,
                       const char  *today,
                       guint       *n_created,
                       GError     **error)
{
  GDate day;
  guint created = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (n_created != NULL)
    *n_created = 0;
  if (!require_day (today, &day, error) || !_crm_store_require_active (store, session, error) ||
      !_crm_store_begin (store, error))
    return FALSE;
  if (!generate_in_transaction (store, session, &day, &created, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  if (n_created != NULL)
    *n_created = created;
  return TRUE;
}

/* Overdue ------------------------------------------------------------------------ */

static const char overdue_sql[] =
  "WITH open_care (id, customer_id, owner_id, title, starts_at) AS MATERIALIZED ("
  "  SELECT e.id, e.customer_id, e.owner_id, e.title, e.starts_at "
  "  FROM events e JOIN customers c ON c.id = e.customer_id "
  "  WHERE e.kind = 'care' AND e.done = 0 AND e.recur_freq IS NULL AND e.ends_at <= :today_start "
  "    AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " "
  "    AND " CRM_VISIBLE_OWNER ("e.owner_id") ") "
  "SELECT o.customer_id, c.code, c.full_name, o.id, o.title, o.starts_at, o.owner_id, u.full_name, "
  "  (SELECT count(*) FROM open_care p WHERE p.customer_id = o.customer_id) "
  "FROM open_care o JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id "
  "WHERE o.id = (SELECT p.id FROM open_care p WHERE p.customer_id = o.customer_id "
  "              ORDER BY p.starts_at, p.id LIMIT 1) "
  "ORDER BY o.starts_at, o.customer_id";

static CrmCareOverdue *
overdue_from_stmt (sqlite3_stmt *stmt)
{
  CrmCareOverdue *row = g_new0 (CrmCareOverdue, 1);

  row->customer_id = sqlite3_column_int64 (stmt, 0);
  row->customer_code = _crm_column_text (stmt, 1);
  row->customer_name = _crm_column_text (stmt, 2);
  row->event_id = sqlite3_column_int64 (stmt, 3);
  row->title = _crm_column_text (stmt, 4);
  row->due_on = local_day_of ((const char *) sqlite3_column_text (stmt, 5));
  row->owner_id = sqlite3_column_int64 (stmt, 6);
  row->owner_name = _crm_column_text (stmt, 7);
  row->n_overdue = (guint) sqlite3_column_int64 (stmt, 8);
  return row;
}

/**
 * crm_care_list_overdue_customers:
 *
 * Returns: (transfer full) (element-type CrmCareOverdue): one row per
 *   customer overdue for care.
 */
GPtrArray *
crm_care_list_overdue_customers (CrmStore    *store,
                                 CrmSession  *session,
                                 const char  *today,
                                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_care_overdue_free);
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *start_text = NULL;
  sqlite3_stmt *stmt;
  GDate day;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!require_day (today, &day, error) || !(stmt = _crm_store_prepare (store, overdue_sql, error)))
    return NULL;
  start = day_start (&day);
  start_text = _crm_event_store_format_time (start);
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_text (stmt, ":today_start", start_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, overdue_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
