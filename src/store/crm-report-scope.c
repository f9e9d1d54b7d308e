/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reports"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-report-private.h"

/* The source channels of customers.source, in the order the editor lists them. */
static const struct
{
  const char *value;
  const char *label;
} sources[] = {
  { "website", N_("Website") },
  { "store", N_("Store") },
  { "referral", N_("Referral") },
  { "phone", N_("Phone") },
  { "social", N_("Social network") },
  { "marketplace", N_("Marketplace") },
  { "campaign", N_("Campaign") },
  { "other", N_("Other") },
};

/* Midnight at the start of the local day @day plus @days, as stored
 * (UTC, "yyyy-MM-ddTHH:mm:ssZ"). */
char *
_crm_report_day_start_utc (const GDate *day,
                           int          days)
{
  GDate shifted = *day;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  g_date_add_days (&shifted, days);
  local = g_date_time_new (zone, g_date_get_year (&shifted), g_date_get_month (&shifted),
                           g_date_get_day (&shifted), 0, 0, 0);
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The scope of @filter for @session: a staff member's reports cover
 * their own work only. */
void
_crm_report_scope_init (CrmReportScope        *scope,
                        CrmSession            *session,
                        const CrmReportFilter *filter)
{
  scope->session = session;
  scope->first = crm_period_first_iso (&filter->period);
  scope->last = crm_period_last_iso (&filter->period);
  scope->from = _crm_report_day_start_utc (&filter->period.first, 0);
  scope->to = _crm_report_day_start_utc (&filter->period.last, 1);
  scope->staff_id = crm_session_get_role (session) == CRM_ROLE_STAFF
                    ? crm_session_get_user_id (session) : filter->staff_id;
  scope->team_id = filter->team_id;
  scope->category_id = filter->category_id;
}

/* Frees what _crm_report_scope_init() made. */
void
_crm_report_scope_clear (CrmReportScope *scope)
{
  g_clear_pointer (&scope->first, g_free);
  g_clear_pointer (&scope->last, g_free);
  g_clear_pointer (&scope->from, g_free);
  g_clear_pointer (&scope->to, g_free);
}

/* Binds @value to @name if the statement names it. */
void
_crm_report_bind_text_if_used (sqlite3_stmt *stmt,
                               const char   *name,
                               const char   *value)
{
  if (sqlite3_bind_parameter_index (stmt, name) > 0)
    _crm_bind_text (stmt, name, value);
}

/* Binds @id (NULL when not positive) to @name if the statement names it. */
void
_crm_report_bind_id_if_used (sqlite3_stmt *stmt,
                             const char   *name,
                             gint64        id)
{
  if (sqlite3_bind_parameter_index (stmt, name) > 0)
    _crm_bind_id (stmt, name, id);
}

/* Binds the viewer and whichever of :first, :last, :from, :to, :staff,
 * :team and :category the statement names. */
void
_crm_report_scope_bind (sqlite3_stmt         *stmt,
                        const CrmReportScope *scope)
{
  _crm_store_bind_viewer (stmt, scope->session);
  _crm_report_bind_text_if_used (stmt, ":first", scope->first);
  _crm_report_bind_text_if_used (stmt, ":last", scope->last);
  _crm_report_bind_text_if_used (stmt, ":from", scope->from);
  _crm_report_bind_text_if_used (stmt, ":to", scope->to);
  _crm_report_bind_id_if_used (stmt, ":staff", scope->staff_id);
  _crm_report_bind_id_if_used (stmt, ":team", scope->team_id);
  _crm_report_bind_id_if_used (stmt, ":category", scope->category_id);
}

/* @sql prepared with @scope bound (see _crm_report_scope_bind()). */
sqlite3_stmt *
_crm_report_prepare (CrmStore              *store,
                     const char            *sql,
                     const CrmReportScope  *scope,
                     GError               **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt != NULL)
    _crm_report_scope_bind (stmt, scope);
  return stmt;
}

/* The position of the source channel @value in the editor's order (the
 * number of channels when it is none of them); its translated label in
 * @label, NULL when it is none of them. */
guint
_crm_report_source_order (const char  *value,
                          const char **label)
{
  *label = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (value, sources[i].value))
      {
        *label = _(sources[i].label);
        return i;
      }
  return G_N_ELEMENTS (sources);
}

/* FALSE, with @error set, once @cancellable is cancelled. */
gboolean
_crm_report_check_cancelled (GCancellable  *cancellable,
                             GError       **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Resets @stmt after its last step returned @rc: FALSE, with @error
 * set, unless the statement ran to its end. */
gboolean
_crm_report_finish_query (CrmStore      *store,
                          sqlite3_stmt  *stmt,
                          int            rc,
                          GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Adds "@format" with @name (or "?" / nothing when @name is gone). */
static void
add_filter_line (CrmReport  *report,
                 const char *format,
                 const char *name,
                 gboolean    unknown_as_mark)
{
  g_autofree char *line = NULL;

  if (name == NULL && !unknown_as_mark)
    return;
  /* The formats are the builders' translated msgids, one %s each. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  line = g_strdup_printf (format, name != NULL ? name : "?");
#pragma GCC diagnostic pop
  crm_report_add_subtitle (report, line);
}

/* @period in words (unless NULL), then the staff, team and category
 * filters of @scope in @words, one subtitle each. */
gboolean
_crm_report_add_filter_subtitles (CrmReport                  *report,
                                  CrmStore                   *store,
                                  const CrmReportScope       *scope,
                                  const CrmPeriod            *period,
                                  const CrmReportFilterWords *words,
                                  GError                    **error)
{
  static const char sql[] =
    "SELECT (SELECT full_name FROM users WHERE id = :staff),"
    " (SELECT name FROM teams WHERE id = :team),"
    " (SELECT name FROM categories WHERE id = :category)";
  sqlite3_stmt *stmt;
  int rc;

  if (period != NULL)
    {
      g_autofree char *when = crm_period_format (period);

      crm_report_add_subtitle (report, when);
    }
  if (scope->staff_id <= 0 && scope->team_id <= 0 && scope->category_id <= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_id (stmt, ":staff", scope->staff_id);
  _crm_bind_id (stmt, ":team", scope->team_id);
  _crm_bind_id (stmt, ":category", scope->category_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (scope->staff_id > 0)
        add_filter_line (report, words->staff, (const char *) sqlite3_column_text (stmt, 0),
                         words->unknown_as_mark);
      if (scope->team_id > 0)
        add_filter_line (report, words->team, (const char *) sqlite3_column_text (stmt, 1),
                         words->unknown_as_mark);
      if (scope->category_id > 0)
        add_filter_line (report, words->category, (const char *) sqlite3_column_text (stmt, 2),
                         words->unknown_as_mark);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
