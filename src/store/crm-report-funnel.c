/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-funnel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-reports.h"
#include "crm-report-private.h"

/* The sales funnel report: how many leads, opportunities, quotes,
 * contracts and orders a period brought, what they were worth and how
 * each step converted; by step, by staff member, by source channel, and
 * the weighted forecast of the open opportunities.
 *
 * A lead is a customer record created in the period: every customer
 * enters the book as status 'lead', and counting by creation rather than
 * by the current status keeps the leads that have since become prospects
 * or customers in the top of the funnel.  The other steps, each dated by
 * its own business event:
 *   opportunities opened   opportunities.created_at in the period, expected value;
 *   quotes made            quotes issued in the period (issue_date), drafts excepted, grand total;
 *   contracts signed       signed_on in the period, drafts excepted, contract value;
 *   orders placed          order_date in the period, cancelled ones excepted, grand total.
 * A lead belongs to the customer's assigned staff member, the others to
 * their owner.  Every query is one aggregate (grouped by the breakdown's
 * key) over one table joined to its customer, with the viewer's customer
 * and transaction visibility and the filters applied. */

const CrmReportBreakdown crm_report_funnel_breakdowns[] = {
  { "steps", N_("Steps") },
  { "staff", N_("Staff") },
  { "source", N_("Source") },
  { "forecast", N_("Forecast") },
  { NULL, NULL },
};

/* SQL ----------------------------------------------------------------------------- */


/* Leads: customers created in the period, keyed by @key. */
#define LEADS_SQL(key) \
  CRM_REPORT_CATEGORY_CTE \
  "SELECT " key ", count(*), 0 FROM customers c " \
  "WHERE c.created_at >= :from AND c.created_at < :to AND c.merged_into IS NULL " \
  "  AND " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_REPORT_OWNED_BY ("c.assigned_to") \
  "  AND " CRM_REPORT_IN_CATEGORY ("c") " GROUP BY 1"

/* A transaction table summed per customer and owner first (one pass over
 * the table), each sum t then joined to its customer c and keyed by @key:
 * far fewer customer lookups than one per row. */
#define STEP_SQL(key, table, value, condition) \
  CRM_REPORT_CATEGORY_CTE \
  "SELECT " key ", sum (t.n), sum (t.amount) " \
  "FROM (SELECT t.customer_id, t.owner_id, count(*) AS n, coalesce (sum (" value "), 0) AS amount" \
  "      FROM " table " t WHERE " condition " GROUP BY t.customer_id, t.owner_id) t " \
  "JOIN customers c INDEXED BY customers_report ON c.id = t.customer_id " \
  "WHERE " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", "t.owner_id") \
  "  AND " CRM_REPORT_OWNED_BY ("t.owner_id") " AND " CRM_REPORT_IN_CATEGORY ("c") " GROUP BY 1"

#define OPPORTUNITIES(key) \
  STEP_SQL (key, "opportunities", "t.expected_value", "t.created_at >= :from AND t.created_at < :to")
#define QUOTES(key) \
  STEP_SQL (key, "quotes", "t.grand_total", \
            "t.issue_date BETWEEN :first AND :last AND t.status <> 'draft'")
#define CONTRACTS(key) \
  STEP_SQL (key, "contracts", "t.value", \
            "t.signed_on BETWEEN :first AND :last AND t.status <> 'draft'")
#define ORDERS(key) \
  STEP_SQL (key, "orders", "t.grand_total", \
            "t.order_date BETWEEN :first AND :last AND t.delivery_status <> 'cancelled'")

enum { STEP_LEADS, STEP_OPPORTUNITIES, STEP_QUOTES, STEP_CONTRACTS, STEP_ORDERS, N_STEPS };
enum { KEY_NONE, KEY_STAFF, KEY_SOURCE, N_KEYS };

static const char *const step_sql[N_KEYS][N_STEPS] = {
  [KEY_NONE] = { LEADS_SQL ("0"), OPPORTUNITIES ("0"), QUOTES ("0"), CONTRACTS ("0"), ORDERS ("0") },
  [KEY_STAFF] = { LEADS_SQL ("c.assigned_to"), OPPORTUNITIES ("t.owner_id"), QUOTES ("t.owner_id"),
                  CONTRACTS ("t.owner_id"), ORDERS ("t.owner_id") },
  [KEY_SOURCE] = { LEADS_SQL ("c.source"), OPPORTUNITIES ("c.source"), QUOTES ("c.source"),
                   CONTRACTS ("c.source"), ORDERS ("c.source") },
};

static const char *const step_labels[N_STEPS] = {
  N_("Leads"), N_("Opportunities"), N_("Quotes"), N_("Contracts"), N_("Orders"),
};

static const char forecast_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT substr (t.expected_close, 1, 7), count(*), coalesce (sum (t.expected_value), 0),"
  " coalesce (sum (t.expected_value * t.probability_bp), 0) "
  "FROM opportunities t JOIN customers c INDEXED BY customers_report ON c.id = t.customer_id "
  "WHERE t.stage NOT IN ('won', 'lost') AND t.expected_close BETWEEN :first AND :last"
  "  AND " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", "t.owner_id")
  "  AND " CRM_REPORT_OWNED_BY ("t.owner_id") " AND " CRM_REPORT_IN_CATEGORY ("c") " GROUP BY 1";

static const char users_sql[] = "SELECT id, full_name FROM users";

/* Grouping ------------------------------------------------------------------------ */

/* The figures of one key (a staff member, a source, or everything). */
typedef struct
{
  char   *key;          /* the key column as text, "" for NULL */
  char   *label;
  int     order;        /* sort rank before the label */
  gint64  count[N_STEPS];
  gint64  value[N_STEPS];
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->key);
  g_free (group->label);
  g_free (group);
}

static Group *
group_lookup (GHashTable *groups,
              const char *key)
{
  Group *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->key = g_strdup (key);
      g_hash_table_insert (groups, group->key, group);
    }
  return group;
}

/* Runs the five step queries keyed by @key into @groups. */
static gboolean
collect_steps (CrmStore              *store,
               CrmSession            *session,
               const CrmReportScope  *scope,
               int                    key,
               GHashTable            *groups,
               GCancellable          *cancellable,
               GError               **error)
{
  for (int step = 0; step < N_STEPS; step++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!_crm_report_check_cancelled (cancellable, error) ||
          !(stmt = _crm_report_prepare (store, step_sql[key][step], scope, error)))
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);
          Group *group = group_lookup (groups, text != NULL ? text : "");

          group->count[step] += sqlite3_column_int64 (stmt, 1);
          group->value[step] += sqlite3_column_int64 (stmt, 2);
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

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = *(Group * const *) a;
  const Group *y = *(Group * const *) b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

/* The figures every breakdown but the forecast shows: the funnel's ends. */
static void
add_totals_figures (CrmReport   *report,
                    const Group *total)
{
  crm_report_add_figure (report, _("Leads"), CRM_REPORT_INTEGER, total->count[STEP_LEADS]);
  crm_report_add_figure (report, _("Orders"), CRM_REPORT_INTEGER, total->count[STEP_ORDERS]);
  crm_report_add_figure (report, _("Order value"), CRM_REPORT_MONEY, total->value[STEP_ORDERS]);
  crm_report_add_figure (report, _("Conversion lead → order"), CRM_REPORT_PERCENT,
                         crm_report_ratio_bp (total->count[STEP_ORDERS], total->count[STEP_LEADS]));
}

/* Breakdowns ---------------------------------------------------------------------- */

/* One row per step: count, value, conversion from the step before and
 * from the first; a funnel chart of the counts. */
static gboolean
build_steps (CrmReport             *report,
             CrmStore              *store,
             CrmSession            *session,
             const CrmReportScope  *scope,
             GCancellable          *cancellable,
             GError               **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  Group empty = { 0 };
  const Group *total;
  guint col_step, col_count, col_value, col_previous, col_first;

  if (!collect_steps (store, session, scope, KEY_NONE, groups, cancellable, error))
    return FALSE;
  total = g_hash_table_lookup (groups, "0");
  if (total == NULL)
    total = &empty;

  col_step = crm_report_add_column (report, _("Step"), CRM_REPORT_TEXT, 20);
  col_count = crm_report_add_column (report, _("Count"), CRM_REPORT_INTEGER, 10);
  col_value = crm_report_add_column (report, _("Value"), CRM_REPORT_MONEY, 16);
  col_previous = crm_report_add_column (report, _("From previous step"), CRM_REPORT_PERCENT, 12);
  col_first = crm_report_add_column (report, _("From leads"), CRM_REPORT_PERCENT, 12);
  for (int step = 0; step < N_STEPS; step++)
    {
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, col_step, _(step_labels[step]));
      crm_report_set_number (report, row, col_count, total->count[step]);
      if (step != STEP_LEADS)
        {
          crm_report_set_number (report, row, col_value, total->value[step]);
          crm_report_set_number (report, row, col_previous,
                                 crm_report_ratio_bp (total->count[step], total->count[step - 1]));
        }
      crm_report_set_number (report, row, col_first,
                             crm_report_ratio_bp (total->count[step], total->count[STEP_LEADS]));
    }
  crm_report_set_chart (report, CRM_CHART_FUNNEL, _("Sales funnel"), col_step, &col_count, 1);
  add_totals_figures (report, total);
  return TRUE;
}

/* The names of the staff, by id as text. */
static GHashTable *
staff_names (CrmStore  *store,
             GError   **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, users_sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (names, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0)),
                         _crm_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* One row per staff member or source with the count of each step and
 * the overall conversion, a total row last; bars of four steps. */
static gboolean
build_grouped (CrmReport             *report,
               CrmStore              *store,
               CrmSession            *session,
               const CrmReportScope  *scope,
               int                    key,
               GCancellable          *cancellable,
               GError               **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  Group total = { 0 };
  GHashTableIter iter;
  gpointer value;
  guint col_name, col_steps[N_STEPS], col_revenue, col_rate, row;
  guint series[4];

  if (!collect_steps (store, session, scope, key, groups, cancellable, error))
    return FALSE;
  if (key == KEY_STAFF && !(names = staff_names (store, error)))
    return FALSE;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *group = value;

      if (key == KEY_STAFF)
        {
          const char *name = g_hash_table_lookup (names, group->key);

          group->order = *group->key == '\0' ? 1 : 0;
          group->label = g_strdup (*group->key == '\0' ? _("Unassigned") : name != NULL ? name : group->key);
        }
      else
        {
          const char *label;

          group->order = _crm_report_source_order (group->key, &label);
          group->label = g_strdup (label != NULL ? label : _("Not set"));
        }
      for (int step = 0; step < N_STEPS; step++)
        {
          total.count[step] += group->count[step];
          total.value[step] += group->value[step];
        }
      g_ptr_array_add (sorted, group);
    }
  g_ptr_array_sort (sorted, compare_groups);

  col_name = crm_report_add_column (report, key == KEY_STAFF ? _("Staff") : _("Source"),
                                    CRM_REPORT_TEXT, 24);
  for (int step = 0; step < N_STEPS; step++)
    col_steps[step] = crm_report_add_column (report, _(step_labels[step]), CRM_REPORT_INTEGER, 10);
  col_revenue = crm_report_add_column (report, _("Order value"), CRM_REPORT_MONEY, 16);
  col_rate = crm_report_add_column (report, _("Lead → order"), CRM_REPORT_PERCENT, 12);
  for (guint i = 0; i <= sorted->len; i++)
    {
      const Group *group = i < sorted->len ? g_ptr_array_index (sorted, i) : &total;

      row = crm_report_add_row (report);
      crm_report_set_text (report, row, col_name, i < sorted->len ? group->label : _("Total"));
      for (int step = 0; step < N_STEPS; step++)
        crm_report_set_number (report, row, col_steps[step], group->count[step]);
      crm_report_set_number (report, row, col_revenue, group->value[STEP_ORDERS]);
      crm_report_set_number (report, row, col_rate,
                             crm_report_ratio_bp (group->count[STEP_ORDERS], group->count[STEP_LEADS]));
    }
  series[0] = col_steps[STEP_LEADS];
  series[1] = col_steps[STEP_OPPORTUNITIES];
  series[2] = col_steps[STEP_QUOTES];
  series[3] = col_steps[STEP_ORDERS];
  crm_report_set_chart (report, CRM_CHART_BAR,
                        key == KEY_STAFF ? _("Funnel by staff") : _("Funnel by source"),
                        col_name, series, G_N_ELEMENTS (series));
  crm_report_set_chart_rows (report, sorted->len);
  add_totals_figures (report, &total);
  return TRUE;
}

/* Open opportunities expected to close in the period, one row per month
 * of the period (empty months included): count, value, and the value
 * weighted by each opportunity's probability, rounded to the đồng. */
static gboolean
build_forecast (CrmReport             *report,
                CrmStore              *store,
                CrmSession            *session,
                const CrmReportScope  *scope,
                const CrmPeriod       *period,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint col_month, col_count, col_value, col_weighted;
  gint64 total_count = 0, total_value = 0, total_weighted = 0;
  GDate month;
  sqlite3_stmt *stmt;
  int rc;

  col_month = crm_report_add_column (report, _("Month"), CRM_REPORT_TEXT, 12);
  col_count = crm_report_add_column (report, _("Open opportunities"), CRM_REPORT_INTEGER, 12);
  col_value = crm_report_add_column (report, _("Value"), CRM_REPORT_MONEY, 16);
  col_weighted = crm_report_add_column (report, _("Weighted value"), CRM_REPORT_MONEY, 16);

  g_date_clear (&month, 1);
  g_date_set_dmy (&month, 1, g_date_get_month (&period->first), g_date_get_year (&period->first));
  while (g_date_compare (&month, &period->last) <= 0)
    {
      g_autofree char *label = crm_period_bucket_label (CRM_PERIOD_MONTH, &month);
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, col_month, label);
      crm_report_set_number (report, row, col_count, 0);
      crm_report_set_number (report, row, col_value, 0);
      crm_report_set_number (report, row, col_weighted, 0);
      g_hash_table_insert (rows, g_strdup_printf ("%04d-%02d", g_date_get_year (&month), g_date_get_month (&month)),
                           GUINT_TO_POINTER (row));
      g_date_add_months (&month, 1);
    }

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, forecast_sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      gpointer found;
      gint64 count = sqlite3_column_int64 (stmt, 1);
      gint64 value = sqlite3_column_int64 (stmt, 2);
      gint64 weighted = (sqlite3_column_int64 (stmt, 3) + 5000) / 10000;

      if (key == NULL || !g_hash_table_lookup_extended (rows, key, NULL, &found))
        continue;
      crm_report_set_number (report, GPOINTER_TO_UINT (found), col_count, count);
      crm_report_set_number (report, GPOINTER_TO_UINT (found), col_value, value);
      crm_report_set_number (report, GPOINTER_TO_UINT (found), col_weighted, weighted);
      total_count += count;
      total_value += value;
      total_weighted += weighted;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  crm_report_set_chart (report, CRM_CHART_BAR, _("Weighted pipeline by expected close month"),
                        col_month, &col_weighted, 1);
  crm_report_add_figure (report, _("Open opportunities"), CRM_REPORT_INTEGER, total_count);
  crm_report_add_figure (report, _("Pipeline value"), CRM_REPORT_MONEY, total_value);
  crm_report_add_figure (report, _("Weighted value"), CRM_REPORT_MONEY, total_weighted);
  return TRUE;
}

/**
 * crm_report_funnel_build:
 *
 * The sales funnel of @filter's period as @session may see it, broken
 * down by "steps" (the default), "staff", "source" or "forecast".
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CrmReport *
crm_report_funnel_build (CrmStore              *store,
                         CrmSession            *session,
                         const CrmReportFilter *filter,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(CrmReport) report = NULL;
  const char *breakdown;
  CrmReportScope scope;
  CrmReportFilterWords words = { _("Staff: %s"), _("Team: %s"), _("Customer group: %s"), TRUE };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  breakdown = filter->breakdown != NULL ? filter->breakdown : crm_report_funnel_breakdowns[0].name;
  report = crm_report_new ("funnel", _("Sales funnel"));
  _crm_report_scope_init (&scope, session, filter);
  ok = _crm_report_add_filter_subtitles (report, store, &scope, &filter->period, &words, error);
  if (ok && g_str_equal (breakdown, "staff"))
    ok = build_grouped (report, store, session, &scope, KEY_STAFF, cancellable, error);
  else if (ok && g_str_equal (breakdown, "source"))
    ok = build_grouped (report, store, session, &scope, KEY_SOURCE, cancellable, error);
  else if (ok && g_str_equal (breakdown, "forecast"))
    ok = build_forecast (report, store, session, &scope, &filter->period, cancellable, error);
  else if (ok)
    ok = build_steps (report, store, session, &scope, cancellable, error);
  _crm_report_scope_clear (&scope);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}
