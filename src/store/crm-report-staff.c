/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-staff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-reports.h"
#include "crm-staff-report.h"
#include "crm-report-private.h"

/* The staff activity report: one row per staff member the viewer may
 * follow (crm_staff_report_build(): one's own row for staff, the team's
 * for managers, everyone for administrators; active accounts), over the
 * period's local days:
 *   calls, meetings, emails, other   interactions they logged, by kind:
 *                                    calls are 'call' and 'care_call',
 *                                    meetings 'meeting' and 'care_visit',
 *                                    emails 'email', other the rest;
 *   events planned / done / overdue  their calendar, from crm_staff_report_build();
 *   quotes sent                      their sends of quotes;
 *   deals won                        opportunities they own marked won, and their value;
 *   care cases resolved              cases assigned to them resolved or closed.
 * The counts about customers apply the viewer's customer visibility and
 * the customer tree node of the filter; the calendar is the staff
 * member's own and follows neither.  A total row ends the table. */

const CrmReportBreakdown crm_report_staff_breakdowns[] = {
  { "staff", N_("Staff") },
  { NULL, NULL },
};

/* SQL ----------------------------------------------------------------------------- */

#define ON_VISIBLE_CUSTOMER \
  "JOIN customers c INDEXED BY customers_report ON c.id = t.customer_id WHERE " CRM_VISIBLE_CUSTOMER ("c") \
  " AND " CRM_REPORT_IN_CATEGORY ("c") " AND "

enum { KIND_CALL, KIND_MEETING, KIND_EMAIL, KIND_OTHER, N_KINDS };

/* The interactions are counted in C: looking up the customer of each of
 * the period's (up to a million) interactions costs seconds.  The
 * customers the viewer sees in the filtered node come first, each with
 * whether every owner's transactions on them are visible (column 1; else
 * only the viewer's own, as CRM_VISIBLE_TRANSACTION says), then each
 * staff member's interactions of the period, read from their index. */
static const char customers_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT c.id, coalesce (" CRM_VISIBLE_TRANSACTION ("c", "NULL") ", 0) "
  "FROM customers c INDEXED BY customers_report WHERE c.id > 0 AND " CRM_VISIBLE_CUSTOMER ("c")
  " AND " CRM_REPORT_IN_CATEGORY ("c");

static const char interactions_sql[] =
  "SELECT t.kind, t.customer_id FROM interactions t INDEXED BY interactions_user "
  "WHERE t.user_id = :user AND t.occurred_at >= :from AND t.occurred_at < :to";

static const char quotes_sent_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT s.user_id, count(*) FROM quote_sends s JOIN quotes t ON t.id = s.quote_id "
  ON_VISIBLE_CUSTOMER " s.sent_at >= :from AND s.sent_at < :to"
  " AND " CRM_VISIBLE_TRANSACTION ("c", "t.owner_id") " GROUP BY 1";

static const char deals_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT t.owner_id, count(*), coalesce (sum (t.expected_value), 0) FROM opportunities t "
  ON_VISIBLE_CUSTOMER " t.stage = 'won' AND t.won_at >= :from AND t.won_at < :to"
  " AND " CRM_VISIBLE_TRANSACTION ("c", "t.owner_id") " GROUP BY 1";

static const char cases_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT t.assignee_id, count(*) FROM care_cases t " ON_VISIBLE_CUSTOMER
  " t.status IN ('resolved', 'closed') AND t.resolved_at >= :from AND t.resolved_at < :to GROUP BY 1";

static const char team_sql[] = "SELECT id FROM users WHERE team_id = :team";

/* One staff member's row. */
typedef struct
{
  const CrmStaffReportRow *base;
  gint64 interactions[N_KINDS];
  gint64 quotes_sent;
  gint64 deals;
  gint64 deal_value;
  gint64 cases;
} Activity;

static Activity *
lookup (GHashTable   *activities,
        sqlite3_stmt *stmt)
{
  gint64 id;

  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  id = sqlite3_column_int64 (stmt, 0);
  return g_hash_table_lookup (activities, &id);
}

/* Runs one of the grouped counts into @activities. */
static gboolean
collect (CrmStore              *store,
         CrmSession            *session,
         const CrmReportScope  *scope,
         const char            *sql,
         GHashTable            *activities,
         GCancellable          *cancellable,
         GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Activity *activity = lookup (activities, stmt);

      if (activity == NULL)
        continue;
      if (sql == quotes_sent_sql)
        activity->quotes_sent += sqlite3_column_int64 (stmt, 1);
      else if (sql == deals_sql)
        {
          activity->deals += sqlite3_column_int64 (stmt, 1);
          activity->deal_value += sqlite3_column_int64 (stmt, 2);
        }
      else
        activity->cases += sqlite3_column_int64 (stmt, 1);
    }
  return _crm_report_finish_query (store, stmt, rc, error);
}

static int
interaction_kind (const char *kind)
{
  if (strcmp (kind, "call") == 0 || strcmp (kind, "care_call") == 0)
    return KIND_CALL;
  if (strcmp (kind, "meeting") == 0 || strcmp (kind, "care_visit") == 0)
    return KIND_MEETING;
  if (strcmp (kind, "email") == 0)
    return KIND_EMAIL;
  return KIND_OTHER;
}

/* Counts the interactions of each row of @order by kind (see
 * customers_sql). */
static gboolean
collect_interactions (CrmStore              *store,
                      CrmSession            *session,
                      const CrmReportScope  *scope,
                      GArray                *order,
                      GCancellable          *cancellable,
                      GError               **error)
{
  /* customer id → 1 when only the viewer's own transactions show, 2 when all do */
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 viewer = crm_session_get_user_id (session);
  sqlite3_stmt *stmt;
  int rc;

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, customers_sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (customers, id, GINT_TO_POINTER (sqlite3_column_int (stmt, 1) != 0 ? 2 : 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, interactions_sql, scope, error)))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      Activity *activity = &g_array_index (order, Activity, i);
      gint64 user_id = activity->base->user_id;

      _crm_bind_id (stmt, ":user", user_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 customer_id = sqlite3_column_int64 (stmt, 1);
          int seen = GPOINTER_TO_INT (g_hash_table_lookup (customers, &customer_id));

          if (seen == 2 || (seen == 1 && user_id == viewer))
            activity->interactions[interaction_kind ((const char *) sqlite3_column_text (stmt, 0))]++;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_error (store, rc, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* The members of @team_id, a set of gint64. */
static GHashTable *
team_members (CrmStore  *store,
              gint64     team_id,
              GError   **error)
{
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, team_sql, error)))
    return NULL;
  _crm_bind_id (stmt, ":team", team_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (members, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&members);
}

/**
 * crm_report_staff_build:
 *
 * The activity of each staff member @session may follow over @filter's
 * period (breakdown "staff", the only one).
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CrmReport *
crm_report_staff_build (CrmStore              *store,
                        CrmSession            *session,
                        const CrmReportFilter *filter,
                        GCancellable          *cancellable,
                        GError               **error)
{
  static const char *const kind_headings[N_KINDS] = {
    N_("Calls"), N_("Meetings"), N_("Emails"), N_("Other contacts"),
  };
  g_autoptr(CrmReport) report = NULL;
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(GHashTable) activities = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) order = g_array_new (FALSE, TRUE, sizeof (Activity));
  Activity total = { 0 };
  gint64 total_planned = 0, total_done = 0, total_overdue = 0;
  guint col_name, col_kinds[N_KINDS], col_interactions, col_planned, col_done, col_overdue;
  guint col_quotes, col_deals, col_value, col_cases, series[2];
  CrmReportScope scope;
  CrmReportFilterWords words = { _("Staff: %s"), _("Team: %s"), _("Customer group: %s"), TRUE };
  gboolean ok = TRUE;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = crm_report_new ("staff", _("Staff activity"));
  _crm_report_scope_init (&scope, session, filter);
  if (!_crm_report_add_filter_subtitles (report, store, &scope, &filter->period, &words, error) ||
      !_crm_report_check_cancelled (cancellable, error) ||
      !(base = crm_staff_report_build (store, session, scope.first, scope.last, error)) ||
      (scope.team_id > 0 && !(members = team_members (store, scope.team_id, error))))
    {
      _crm_report_scope_clear (&scope);
      return NULL;
    }

  /* The rows kept by the filter, in the name order of the base report. */
  for (guint i = 0; i < base->len; i++)
    {
      const CrmStaffReportRow *row = g_ptr_array_index (base, i);
      Activity activity = { .base = row };

      if ((scope.staff_id > 0 && row->user_id != scope.staff_id) ||
          (members != NULL && !g_hash_table_contains (members, &row->user_id)))
        continue;
      g_array_append_val (order, activity);
    }
  for (guint i = 0; i < order->len; i++)
    {
      Activity *activity = &g_array_index (order, Activity, i);

      g_hash_table_insert (activities, (gpointer) &activity->base->user_id, activity);
    }
  ok = collect_interactions (store, session, &scope, order, cancellable, error) &&
       collect (store, session, &scope, quotes_sent_sql, activities, cancellable, error) &&
       collect (store, session, &scope, deals_sql, activities, cancellable, error) &&
       collect (store, session, &scope, cases_sql, activities, cancellable, error);
  _crm_report_scope_clear (&scope);
  if (!ok)
    return NULL;

  col_name = crm_report_add_column (report, _("Staff"), CRM_REPORT_TEXT, 22);
  for (int kind = 0; kind < N_KINDS; kind++)
    col_kinds[kind] = crm_report_add_column (report, _(kind_headings[kind]), CRM_REPORT_INTEGER, 8);
  col_interactions = crm_report_add_column (report, _("Interactions"), CRM_REPORT_INTEGER, 10);
  col_planned = crm_report_add_column (report, _("Events planned"), CRM_REPORT_INTEGER, 10);
  col_done = crm_report_add_column (report, _("Events done"), CRM_REPORT_INTEGER, 10);
  col_overdue = crm_report_add_column (report, _("Tasks overdue"), CRM_REPORT_INTEGER, 10);
  col_quotes = crm_report_add_column (report, _("Quotes sent"), CRM_REPORT_INTEGER, 10);
  col_deals = crm_report_add_column (report, _("Deals won"), CRM_REPORT_INTEGER, 10);
  col_value = crm_report_add_column (report, _("Value won"), CRM_REPORT_MONEY, 16);
  col_cases = crm_report_add_column (report, _("Care cases resolved"), CRM_REPORT_INTEGER, 10);
  for (guint i = 0; i <= order->len; i++)
    {
      const Activity *activity = i < order->len ? &g_array_index (order, Activity, i) : &total;
      gint64 planned = i < order->len ? activity->base->events_planned : total_planned;
      gint64 done = i < order->len ? activity->base->events_done : total_done;
      gint64 overdue = i < order->len ? activity->base->tasks_overdue : total_overdue;
      gint64 interactions = 0;
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, col_name, i < order->len ? activity->base->full_name : _("Total"));
      for (int kind = 0; kind < N_KINDS; kind++)
        {
          crm_report_set_number (report, row, col_kinds[kind], activity->interactions[kind]);
          interactions += activity->interactions[kind];
        }
      crm_report_set_number (report, row, col_interactions, interactions);
      crm_report_set_number (report, row, col_planned, planned);
      crm_report_set_number (report, row, col_done, done);
      crm_report_set_number (report, row, col_overdue, overdue);
      crm_report_set_number (report, row, col_quotes, activity->quotes_sent);
      crm_report_set_number (report, row, col_deals, activity->deals);
      crm_report_set_number (report, row, col_value, activity->deal_value);
      crm_report_set_number (report, row, col_cases, activity->cases);
      if (i < order->len)
        {
          for (int kind = 0; kind < N_KINDS; kind++)
            total.interactions[kind] += activity->interactions[kind];
          total.quotes_sent += activity->quotes_sent;
          total.deals += activity->deals;
          total.deal_value += activity->deal_value;
          total.cases += activity->cases;
          total_planned += planned;
          total_done += done;
          total_overdue += overdue;
        }
    }
  series[0] = col_interactions;
  series[1] = col_deals;
  crm_report_set_chart (report, CRM_CHART_BAR, _("Interactions and deals won"), col_name,
                        series, G_N_ELEMENTS (series));
  crm_report_set_chart_rows (report, order->len);

  crm_report_add_figure (report, _("Interactions"), CRM_REPORT_INTEGER,
                         total.interactions[KIND_CALL] + total.interactions[KIND_MEETING] +
                         total.interactions[KIND_EMAIL] + total.interactions[KIND_OTHER]);
  crm_report_add_figure (report, _("Events done of planned"), CRM_REPORT_PERCENT,
                         crm_report_ratio_bp (total_done, total_planned));
  crm_report_add_figure (report, _("Quotes sent"), CRM_REPORT_INTEGER, total.quotes_sent);
  crm_report_add_figure (report, _("Deals won"), CRM_REPORT_INTEGER, total.deals);
  crm_report_add_figure (report, _("Value won"), CRM_REPORT_MONEY, total.deal_value);
  crm_report_add_figure (report, _("Care cases resolved"), CRM_REPORT_INTEGER, total.cases);
  return g_steal_pointer (&report);
}
