/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-quotes"

#include "config.h"

#include "crm-reports.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-report-private.h"

/* Quotes and contracts, as the session may see them.  Over the period's
 * local days (timestamps are UTC, so the days are turned into UTC
 * instants first):
 *
 *  - sent: quotes whose first send falls in the period;
 *  - accepted, rejected: quotes whose decision was stamped in the period;
 *  - expired: expired quotes whose validity ended in the period;
 *  - acceptance rate: accepted / (accepted + rejected + expired), the
 *    share of the quotes decided in the period that were won;
 *  - average days to acceptance: from the first send to the acceptance,
 *    over the quotes accepted in the period, rounded to whole days;
 *  - average times sent: the sends of the quotes first sent in the
 *    period, per quote, rounded to a whole number (CrmReport has no
 *    decimal kind).
 *
 * "ending" lists the active contracts whose end date falls from the
 * period's first day to 30 days after its last day: what ends in the
 * period or soon after it, the same list whenever the report is rebuilt.
 * "instalments" lists the unpaid instalments due before today of
 * contracts that are neither drafts nor cancelled: overdue is about
 * today, whatever the period.
 *
 * Quotes and contracts belong to their owner for the staff and team
 * filters; a staff member's report covers their own only. */

const CrmReportBreakdown crm_report_quotes_breakdowns[] = {
  { "staff", N_("Staff") },
  { "ending", N_("Contracts ending soon") },
  { "instalments", N_("Overdue instalments") },
  { NULL, NULL },
};

/* Visibility and filters for a row owned by @owner on customer c. */
#define SCOPE_WHERE(owner) \
  "c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " " \
  "  AND " CRM_VISIBLE_TRANSACTION ("c", owner) " " \
  "  AND (:staff IS NULL OR " owner " = :staff) " \
  "  AND (:team IS NULL OR " owner " IN (SELECT t.id FROM users t WHERE t.team_id = :team)) " \
  "  AND (:category IS NULL OR c.category_id IN (SELECT id FROM sub)) "

#define SENT_IN "(s.first_sent >= :from AND s.first_sent < :to)"
#define ACCEPTED_IN "(q.status = 'accepted' AND q.accepted_at >= :from AND q.accepted_at < :to)"
#define REJECTED_IN "(q.status = 'rejected' AND q.rejected_at >= :from AND q.rejected_at < :to)"
#define EXPIRED_IN "(q.status = 'expired' AND q.valid_until >= :first AND q.valid_until <= :last)"
#define TIMED "(" ACCEPTED_IN " AND s.first_sent IS NOT NULL)"

static const char staff_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE ", "
  "s (quote_id, first_sent, sends) AS ("
  "  SELECT quote_id, min (sent_at), count (*) FROM quote_sends GROUP BY quote_id) "
  "SELECT q.owner_id, coalesce (u.full_name, ''), "
  "  sum (CASE WHEN " SENT_IN " THEN 1 ELSE 0 END), "
  "  sum (CASE WHEN " ACCEPTED_IN " THEN 1 ELSE 0 END), "
  "  sum (CASE WHEN " REJECTED_IN " THEN 1 ELSE 0 END), "
  "  sum (CASE WHEN " EXPIRED_IN " THEN 1 ELSE 0 END), "
  "  total (CASE WHEN " TIMED " THEN julianday (q.accepted_at) - julianday (s.first_sent) END), "
  "  sum (CASE WHEN " TIMED " THEN 1 ELSE 0 END), "
  "  sum (CASE WHEN " SENT_IN " THEN s.sends ELSE 0 END) "
  "FROM quotes q JOIN customers c INDEXED BY customers_report ON c.id = q.customer_id "
  "LEFT JOIN s ON s.quote_id = q.id LEFT JOIN users u ON u.id = q.owner_id "
  "WHERE " SCOPE_WHERE ("q.owner_id")
  "  AND (" SENT_IN " OR " ACCEPTED_IN " OR " REJECTED_IN " OR " EXPIRED_IN ") "
  "GROUP BY q.owner_id ORDER BY u.sort_key, 1";

static const char ending_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE
  "SELECT k.code, c.full_name, k.ends_on, k.value, coalesce (u.full_name, '') "
  "FROM contracts k JOIN customers c ON c.id = k.customer_id LEFT JOIN users u ON u.id = k.owner_id "
  "WHERE k.status = 'active' AND k.ends_on >= :first AND k.ends_on <= :until "
  "  AND " SCOPE_WHERE ("k.owner_id")
  "ORDER BY k.ends_on, k.code";

static const char instalments_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE
  "SELECT k.code, c.full_name, i.due_on, i.amount, "
  "  CAST (julianday (:today) - julianday (i.due_on) AS INTEGER) "
  "FROM contract_instalments i JOIN contracts k ON k.id = i.contract_id "
  "JOIN customers c ON c.id = k.customer_id "
  "WHERE i.paid = 0 AND i.due_on < :today AND k.status IN ('active', 'completed', 'expired') "
  "  AND " SCOPE_WHERE ("k.owner_id")
  "ORDER BY i.due_on, k.code, i.position";

/* The report's scope, and the days the contract lists read. */
typedef struct
{
  CrmReportScope  base;
  char           *until;     /* 30 days after the last day */
  char           *today;
  GDate           first_day;
  GDate           until_day;
} Scope;

static void
scope_clear (Scope *scope)
{
  _crm_report_scope_clear (&scope->base);
  g_free (scope->until);
  g_free (scope->today);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scope, scope_clear)

static char *
iso_day (const GDate *day)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day));
}

static void
scope_init (Scope                 *scope,
            CrmSession            *session,
            const CrmReportFilter *filter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate until = filter->period.last;

  _crm_report_scope_init (&scope->base, session, filter);
  g_date_add_days (&until, 30);
  scope->until = iso_day (&until);
  scope->first_day = filter->period.first;
  scope->until_day = until;
  scope->today = g_date_time_format (now, "%Y-%m-%d");
}

/* @sql prepared with the scope, :until and :today bound. */
static sqlite3_stmt *
prepare_scoped (CrmStore     *store,
                const char   *sql,
                const Scope  *scope,
                GError      **error)
{
  sqlite3_stmt *stmt = _crm_report_prepare (store, sql, &scope->base, error);

  if (stmt == NULL)
    return NULL;
  _crm_report_bind_text_if_used (stmt, ":until", scope->until);
  _crm_report_bind_text_if_used (stmt, ":today", scope->today);
  return stmt;
}

typedef struct
{
  gint64 sent;
  gint64 accepted;
  gint64 rejected;
  gint64 expired;
  double days;       /* first send to acceptance, summed */
  gint64 timed;      /* acceptances with a send */
  gint64 sends;
} Counts;

static gint64
average (double sum,
         gint64 n)
{
  double mean;

  if (n <= 0)
    return 0;
  mean = sum / (double) n;
  return (gint64) (mean < 0 ? mean - 0.5 : mean + 0.5);
}

/* The quotes accepted, rejected or expired in the period. */
static gint64
decided (const Counts *counts)
{
  return counts->accepted + counts->rejected + counts->expired;
}

static void
set_counts (CrmReport    *report,
            guint         row,
            const Counts *counts)
{
  crm_report_set_number (report, row, 1, counts->sent);
  crm_report_set_number (report, row, 2, counts->accepted);
  crm_report_set_number (report, row, 3, counts->rejected);
  crm_report_set_number (report, row, 4, counts->expired);
  if (decided (counts) > 0)
    crm_report_set_number (report, row, 5, crm_report_ratio_bp (counts->accepted, decided (counts)));
  if (counts->timed > 0)
    crm_report_set_number (report, row, 6, average (counts->days, counts->timed));
  if (counts->sent > 0)
    crm_report_set_number (report, row, 7, average ((double) counts->sends, counts->sent));
}

/* Reads the quotes of each owner, adds them to the figures and, when
 * @table, one row per owner to the report's table. */
static gboolean
read_staff (CrmReport    *report,
            CrmStore     *store,
            const Scope  *scope,
            gboolean      table,
            GError      **error)
{
  Counts all = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  if (table)
    {
      crm_report_add_column (report, _("Staff"), CRM_REPORT_TEXT, 24);
      crm_report_add_column (report, _("Sent"), CRM_REPORT_INTEGER, 8);
      crm_report_add_column (report, _("Accepted"), CRM_REPORT_INTEGER, 8);
      crm_report_add_column (report, _("Rejected"), CRM_REPORT_INTEGER, 8);
      crm_report_add_column (report, _("Expired"), CRM_REPORT_INTEGER, 8);
      crm_report_add_column (report, _("Acceptance rate"), CRM_REPORT_PERCENT, 10);
      crm_report_add_column (report, _("Average days to acceptance"), CRM_REPORT_INTEGER, 10);
      crm_report_add_column (report, _("Average times sent"), CRM_REPORT_INTEGER, 10);
    }
  if (!(stmt = prepare_scoped (store, staff_sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Counts counts;

      counts.sent = sqlite3_column_int64 (stmt, 2);
      counts.accepted = sqlite3_column_int64 (stmt, 3);
      counts.rejected = sqlite3_column_int64 (stmt, 4);
      counts.expired = sqlite3_column_int64 (stmt, 5);
      counts.days = sqlite3_column_double (stmt, 6);
      counts.timed = sqlite3_column_int64 (stmt, 7);
      counts.sends = sqlite3_column_int64 (stmt, 8);
      all.sent += counts.sent;
      all.accepted += counts.accepted;
      all.rejected += counts.rejected;
      all.expired += counts.expired;
      all.days += counts.days;
      all.timed += counts.timed;
      all.sends += counts.sends;
      if (table)
        {
          guint row = crm_report_add_row (report);

          crm_report_set_text (report, row, 0,
                               sqlite3_column_type (stmt, 0) == SQLITE_NULL
                               ? _("No owner") : (const char *) sqlite3_column_text (stmt, 1));
          set_counts (report, row, &counts);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }

  crm_report_add_figure (report, _("Quotes sent"), CRM_REPORT_INTEGER, all.sent);
  crm_report_add_figure (report, _("Accepted"), CRM_REPORT_INTEGER, all.accepted);
  crm_report_add_figure (report, _("Rejected"), CRM_REPORT_INTEGER, all.rejected);
  crm_report_add_figure (report, _("Expired"), CRM_REPORT_INTEGER, all.expired);
  /* A rate or an average of nothing is no figure at all, not a zero. */
  if (decided (&all) > 0)
    crm_report_add_figure (report, _("Acceptance rate"), CRM_REPORT_PERCENT,
                           crm_report_ratio_bp (all.accepted, decided (&all)));
  if (all.timed > 0)
    crm_report_add_figure (report, _("Average days to acceptance"), CRM_REPORT_INTEGER,
                           average (all.days, all.timed));
  if (all.sent > 0)
    crm_report_add_figure (report, _("Average times sent"), CRM_REPORT_INTEGER,
                           average ((double) all.sends, all.sent));
  if (table)
    {
      guint values[] = { 1, 2 };

      crm_report_set_chart (report, CRM_CHART_BAR, _("Quotes sent and accepted"), 0, values, 2);
      if (crm_report_get_n_rows (report) > 15)
        crm_report_set_chart_rows (report, 15);
    }
  return TRUE;
}

/* The contracts ending soon or the overdue instalments: five columns,
 * the fourth an amount, with a count and a sum as figures. */
static gboolean
read_contracts (CrmReport    *report,
                CrmStore     *store,
                const Scope  *scope,
                gboolean      ending,
                GError      **error)
{
  guint values[] = { 3 };
  gint64 sum = 0;
  sqlite3_stmt *stmt;
  int rc;

  crm_report_add_column (report, _("Contract"), CRM_REPORT_TEXT, 14);
  crm_report_add_column (report, _("Customer"), CRM_REPORT_TEXT, 28);
  if (ending)
    {
      const GDate *from = &scope->first_day, *until = &scope->until_day;
      g_autofree char *line = g_strdup_printf (_("Active contracts ending from %02d/%02d/%04d to %02d/%02d/%04d"),
                              g_date_get_day (from), g_date_get_month (from), g_date_get_year (from),
                              g_date_get_day (until), g_date_get_month (until), g_date_get_year (until));
      crm_report_add_subtitle (report, line);
      crm_report_add_column (report, _("End date"), CRM_REPORT_DATE, 11);
      crm_report_add_column (report, _("Value"), CRM_REPORT_MONEY, 16);
      crm_report_add_column (report, _("Owner"), CRM_REPORT_TEXT, 20);
    }
  else
    {
      crm_report_add_column (report, _("Due date"), CRM_REPORT_DATE, 11);
      crm_report_add_column (report, _("Amount"), CRM_REPORT_MONEY, 16);
      crm_report_add_column (report, _("Days overdue"), CRM_REPORT_INTEGER, 8);
    }
  if (!(stmt = prepare_scoped (store, ending ? ending_sql : instalments_sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, 0, (const char *) sqlite3_column_text (stmt, 0));
      crm_report_set_text (report, row, 1, (const char *) sqlite3_column_text (stmt, 1));
      crm_report_set_date (report, row, 2, (const char *) sqlite3_column_text (stmt, 2));
      crm_report_set_number (report, row, 3, sqlite3_column_int64 (stmt, 3));
      if (ending)
        crm_report_set_text (report, row, 4, (const char *) sqlite3_column_text (stmt, 4));
      else
        crm_report_set_number (report, row, 4, sqlite3_column_int64 (stmt, 4));
      sum += sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (ending)
    {
      crm_report_add_figure (report, _("Contracts ending soon"), CRM_REPORT_INTEGER, crm_report_get_n_rows (report));
      crm_report_add_figure (report, _("Value of the contracts ending"), CRM_REPORT_MONEY, sum);
    }
  else
    {
      crm_report_add_figure (report, _("Overdue instalments"), CRM_REPORT_INTEGER, crm_report_get_n_rows (report));
      crm_report_add_figure (report, _("Amount overdue"), CRM_REPORT_MONEY, sum);
    }
  crm_report_set_chart (report, CRM_CHART_BAR, ending ? _("Value") : _("Amount"), 0, values, 1);
  if (crm_report_get_n_rows (report) > 15)
    crm_report_set_chart_rows (report, 15);
  return TRUE;
}

/**
 * crm_report_quotes_build:
 *
 * Quotes sent and decided over @filter's period, contracts ending soon
 * and overdue instalments (see the comment at the top of this file).
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CrmReport *
crm_report_quotes_build (CrmStore               *store,
                         CrmSession             *session,
                         const CrmReportFilter  *filter,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(CrmReport) report = NULL;
  g_auto(Scope) scope = { 0 };
  CrmReportFilterWords words = { _("Staff: %s"), _("Team: %s"), _("Customer category: %s"), FALSE };
  const char *breakdown;
  gboolean staff;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  breakdown = filter->breakdown != NULL ? filter->breakdown : crm_report_quotes_breakdowns[0].name;
  if (!g_str_equal (breakdown, "staff") && !g_str_equal (breakdown, "ending") &&
      !g_str_equal (breakdown, "instalments"))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("The report “%s” cannot be broken down by “%s”."),
                   _("Quotes and contracts"), breakdown);
      return NULL;
    }
  staff = g_str_equal (breakdown, "staff");
  scope_init (&scope, session, filter);
  report = crm_report_new ("quote-results", _("Quotes and contracts"));
  if (!_crm_report_add_filter_subtitles (report, store, &scope.base, &filter->period, &words, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !read_staff (report, store, &scope, staff, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!staff)
    {
      if (!read_contracts (report, store, &scope, g_str_equal (breakdown, "ending"), error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&report);
}
