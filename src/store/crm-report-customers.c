/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-customers"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-customer.h"
#include "crm-province.h"
#include "crm-reports.h"
#include "crm-report-private.h"

/* The customers report: the book of customers the viewer sees (merged
 * duplicates left out), filtered by the staff member they are assigned
 * to, that member's team and a node of the customer tree.
 *
 * Figures, the same for every breakdown:
 *   customers      every customer in the scope;
 *   new            created in the period;
 *   active         an order (not cancelled) or an interaction in the 180
 *                  days ending on the period's last day; inactive the rest;
 *   repeat rate    customers with two orders or more in the period over
 *                  customers with at least one.
 * Orders count when not cancelled; revenue is their grand total; a staff
 * member who may not read others' transactions on shared customers counts
 * only their own (CRM_VISIBLE_TRANSACTION).
 *
 * RFM: every customer with an order in the period.  Recency is the days
 * from the last order to the period's last day, frequency the orders,
 * monetary the revenue.  Each is scored 1 to 5 by quintile: with n
 * customers of which w do strictly worse (a longer recency, fewer orders,
 * less revenue), the score is 1 + 5 × w / n (integer division), so equal
 * values share a score and the best fifth gets 5.  The segment is the
 * first rule that matches (R recency score, F frequency score):
 *   Champions    R ≥ 4 and F ≥ 4
 *   Loyal        R ≥ 3 and F ≥ 3
 *   New          R ≥ 4 (so F ≤ 2: recent, few orders)
 *   At risk      R ≤ 2 and F ≥ 3 (bought often, not lately)
 *   Hibernating  R ≤ 2 and F ≤ 2
 *   Others       the rest (R = 3 and F ≤ 2)
 * The monetary score is shown, not used by the rules. */

const CrmReportBreakdown crm_report_customers_breakdowns[] = {
  { "new", N_("New customers") },
  { "status", N_("Status") },
  { "category", N_("Category") },
  { "province", N_("Province") },
  { "source", N_("Source") },
  { "top", N_("Top customers") },
  { "rfm", N_("RFM") },
  { "rfm-segments", N_("RFM segments") },
  { NULL, NULL },
};

/* SQL ----------------------------------------------------------------------------- */


/* The customers in the scope, aliased c. */
#define IN_SCOPE \
  "c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") \
  " AND " CRM_REPORT_OWNED_BY ("c.assigned_to") " AND " CRM_REPORT_IN_CATEGORY ("c")
#define IS_NEW "(c.created_at >= :from AND c.created_at < :to)"
/* The orders of the period summed per customer and owner first (one
 * pass over the orders), then each sum o joined to its customer c in the
 * scope: far fewer customer lookups than one per order. */
#define PERIOD_BUYERS \
  "FROM (SELECT o.customer_id, o.owner_id, count(*) AS n, sum (o.grand_total) AS revenue," \
  "        max (o.order_date) AS last_order FROM orders o" \
  "      WHERE o.order_date BETWEEN :first AND :last AND o.delivery_status <> 'cancelled'" \
  "      GROUP BY o.customer_id, o.owner_id) o " \
  "JOIN customers c ON c.id = o.customer_id " \
  "WHERE " IN_SCOPE " AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id") " "

/* The statements that read customers only name customers_report, which
 * holds every column they filter and group by: the customer rows
 * themselves are wide.
 *
 * Active: the set of the recent orders' customers is built once; a
 * customer without one is looked up in the interactions by customer and
 * date (a set of the ~500 000 recent interactions' customers would cost
 * more than those few lookups). */
static const char figures_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT count(*), coalesce (sum (" IS_NEW "), 0),"
  " coalesce (sum (c.id IN (SELECT o.customer_id FROM orders o"
  "                         WHERE o.order_date BETWEEN :active_first AND :last"
  "                           AND o.delivery_status <> 'cancelled')"
  "             OR EXISTS (SELECT 1 FROM interactions i INDEXED BY interactions_customer"
  "                        WHERE i.customer_id = c.id"
  "                          AND i.occurred_at >= :active_from AND i.occurred_at < :to)), 0) "
  "FROM customers c INDEXED BY customers_report WHERE " IN_SCOPE;

static const char repeat_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT count(*), coalesce (sum (n >= 2), 0) FROM ("
  "  SELECT sum (o.n) AS n "
  "  FROM (SELECT o.customer_id, o.owner_id, count(*) AS n FROM orders o"
  "        WHERE o.order_date BETWEEN :first AND :last AND o.delivery_status <> 'cancelled'"
  "        GROUP BY o.customer_id, o.owner_id) o "
  "  JOIN customers c INDEXED BY customers_report ON c.id = o.customer_id "
  "  WHERE " IN_SCOPE " AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id") " GROUP BY c.id)";

static const char new_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT date (c.created_at, 'localtime'), count(*) FROM customers c INDEXED BY customers_report "
  "WHERE " IS_NEW " AND " IN_SCOPE " GROUP BY 1";

#define GROUPED_SQL(key) \
  CRM_REPORT_CATEGORY_CTE \
  "SELECT " key ", count(*), coalesce (sum (" IS_NEW "), 0) FROM customers c INDEXED BY customers_report " \
  "WHERE " IN_SCOPE " GROUP BY 1"

enum { GROUP_STATUS, GROUP_CATEGORY, GROUP_PROVINCE, GROUP_SOURCE, N_GROUPINGS };

static const char *const grouped_sql[N_GROUPINGS] = {
  GROUPED_SQL ("c.status"),
  GROUPED_SQL ("c.category_id"),
  GROUPED_SQL ("c.province_code"),
  GROUPED_SQL ("c.source"),
};

/* The buyers b are summed from the report index; only those with at
 * least the 50th largest revenue have their customer row read for the
 * name and the order of equal revenues. */
static const char top_sql[] =
  CRM_REPORT_CATEGORY_CTE ", "
  "b (id, n, revenue) AS MATERIALIZED ("
  "  SELECT c.id, sum (o.n), sum (o.revenue) "
  "  FROM (SELECT o.customer_id, o.owner_id, count(*) AS n, sum (o.grand_total) AS revenue FROM orders o"
  "        WHERE o.order_date BETWEEN :first AND :last AND o.delivery_status <> 'cancelled'"
  "        GROUP BY o.customer_id, o.owner_id) o "
  "  JOIN customers c INDEXED BY customers_report ON c.id = o.customer_id "
  "  WHERE " IN_SCOPE " AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id") " GROUP BY c.id) "
  "SELECT c.code, c.full_name, b.n, b.revenue FROM b JOIN customers c ON c.id = b.id "
  "WHERE b.revenue >= coalesce ((SELECT revenue FROM b ORDER BY revenue DESC LIMIT 1 OFFSET 49), "
  "                             -9223372036854775807 - 1) "
  "ORDER BY b.revenue DESC, c.sort_key, c.id LIMIT 50";

static const char rfm_sql[] =
  CRM_REPORT_CATEGORY_CTE
  "SELECT c.code, c.full_name, sum (o.n), sum (o.revenue), max (o.last_order) "
  PERIOD_BUYERS "GROUP BY c.id";

static const char categories_sql[] = "SELECT id, name FROM categories";

#define ACTIVE_DAYS 180

/* Figures ------------------------------------------------------------------------- */

static gboolean
add_figures (CrmReport             *report,
             CrmStore              *store,
             CrmSession            *session,
             const CrmReportScope  *scope,
             const CrmPeriod       *period,
             GCancellable          *cancellable,
             GError               **error)
{
  g_autofree char *active_first = NULL;
  g_autofree char *active_from = NULL;
  gint64 total = 0, fresh = 0, active = 0, buyers = 0, repeaters = 0;
  GDate start = period->last;
  sqlite3_stmt *stmt;
  int rc;

  g_date_subtract_days (&start, ACTIVE_DAYS - 1);
  active_first = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&start),
                                  g_date_get_month (&start), g_date_get_day (&start));
  active_from = _crm_report_day_start_utc (&start, 0);

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, figures_sql, scope, error)))
    return FALSE;
  _crm_bind_text (stmt, ":active_first", active_first);
  _crm_bind_text (stmt, ":active_from", active_from);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      total = sqlite3_column_int64 (stmt, 0);
      fresh = sqlite3_column_int64 (stmt, 1);
      active = sqlite3_column_int64 (stmt, 2);
      rc = sqlite3_step (stmt);
    }
  if (!_crm_report_finish_query (store, stmt, rc, error))
    return FALSE;

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, repeat_sql, scope, error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      buyers = sqlite3_column_int64 (stmt, 0);
      repeaters = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  if (!_crm_report_finish_query (store, stmt, rc, error))
    return FALSE;

  crm_report_add_figure (report, _("Customers"), CRM_REPORT_INTEGER, total);
  crm_report_add_figure (report, _("New in the period"), CRM_REPORT_INTEGER, fresh);
  crm_report_add_figure (report, _("Active (an order or contact in the last 180 days)"),
                         CRM_REPORT_INTEGER, active);
  crm_report_add_figure (report, _("Inactive"), CRM_REPORT_INTEGER, total - active);
  crm_report_add_figure (report, _("Repeat purchase rate"), CRM_REPORT_PERCENT,
                         crm_report_ratio_bp (repeaters, buyers));
  return TRUE;
}

/* New customers per bucket ---------------------------------------------------------- */

/* One row per bucket of the period (days, weeks, months or quarters by
 * its length), empty ones included; a line of the counts. */
static gboolean
build_new (CrmReport             *report,
           CrmStore              *store,
           CrmSession            *session,
           const CrmReportScope  *scope,
           const CrmPeriod       *period,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CrmPeriodUnit unit = crm_period_bucket_unit (period);
  guint col_bucket, col_count;
  GDate day = period->first;
  sqlite3_stmt *stmt;
  int rc;

  col_bucket = crm_report_add_column (report, _("Period"), CRM_REPORT_TEXT, 12);
  col_count = crm_report_add_column (report, _("New customers"), CRM_REPORT_INTEGER, 12);
  while (g_date_compare (&day, &period->last) <= 0)
    {
      char *label = crm_period_bucket_label (unit, &day);

      if (!g_hash_table_contains (buckets, label))
        {
          guint row = crm_report_add_row (report);

          crm_report_set_text (report, row, col_bucket, label);
          crm_report_set_number (report, row, col_count, 0);
          g_hash_table_insert (buckets, label, GUINT_TO_POINTER (row));
        }
      else
        g_free (label);
      g_date_add_days (&day, 1);
    }

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, new_sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *iso = (const char *) sqlite3_column_text (stmt, 0);
      int y, m, d;
      gpointer row;
      GDate created;

      if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 ||
          !g_date_valid_dmy (d, m, y))
        continue;
      g_date_clear (&created, 1);
      g_date_set_dmy (&created, d, m, y);
      {
        g_autofree char *label = crm_period_bucket_label (unit, &created);

        if (g_hash_table_lookup_extended (buckets, label, NULL, &row))
          crm_report_set_number (report, GPOINTER_TO_UINT (row), col_count,
                                 crm_report_get_number (report, GPOINTER_TO_UINT (row), col_count) +
                                 sqlite3_column_int64 (stmt, 1));
      }
    }
  if (!_crm_report_finish_query (store, stmt, rc, error))
    return FALSE;
  crm_report_set_chart (report, CRM_CHART_LINE, _("New customers"), col_bucket, &col_count, 1);
  return TRUE;
}

/* Counts by status, category, province or source --------------------------------- */

typedef struct
{
  char   *label;
  int     order;
  gint64  count;
  gint64  fresh;
} Count;

static void
count_free (gpointer data)
{
  Count *count = data;

  g_free (count->label);
  g_free (count);
}

/* By rank, then the larger count, then the label. */
static gint
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const Count *x = *(Count * const *) a;
  const Count *y = *(Count * const *) b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static GHashTable *
category_names (CrmStore  *store,
                GError   **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, categories_sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (names, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0)),
                         _crm_column_text (stmt, 1));
  if (!_crm_report_finish_query (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&names);
}

/* The label and rank of one key of @grouping ("" for NULL). */
static void
label_key (Count       *count,
           int          grouping,
           const char  *key,
           GHashTable  *names)
{
  count->order = 1;
  if (grouping == GROUP_STATUS)
    {
      CrmCustomerStatus status = CRM_CUSTOMER_STATUS_LEAD;

      crm_customer_status_from_string (key, &status);
      count->order = status;
      count->label = g_strdup (crm_customer_status_label (status));
    }
  else if (grouping == GROUP_CATEGORY)
    {
      const char *name = g_hash_table_lookup (names, key);

      count->order = *key == '\0' ? 1 : 0;
      count->label = g_strdup (*key == '\0' ? _("No category") : name != NULL ? name : key);
    }
  else if (grouping == GROUP_PROVINCE)
    {
      const CrmProvince *province = crm_province_get (key);

      count->order = *key == '\0' ? 1 : 0;
      count->label = g_strdup (*key == '\0' ? _("No province")
                               : province != NULL ? province->short_name : key);
    }
  else
    {
      const char *label;

      count->order = _crm_report_source_order (key, &label);
      count->label = g_strdup (label != NULL ? label : _("Not set"));
    }
}

/* One row per status (all four, in their order), category or province
 * (the most customers first) or source (in the editor's order): the
 * customers and those new in the period; bars of the customers. */
static gboolean
build_counts (CrmReport             *report,
              CrmStore              *store,
              CrmSession            *session,
              const CrmReportScope  *scope,
              int                    grouping,
              GCancellable          *cancellable,
              GError               **error)
{
  static const char *const headings[N_GROUPINGS] = {
    N_("Status"), N_("Category"), N_("Province"), N_("Source"),
  };
  static const char *const chart_titles[N_GROUPINGS] = {
    N_("Customers by status"), N_("Customers by category"),
    N_("Customers by province"), N_("Customers by source"),
  };
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func (count_free);
  g_autoptr(GHashTable) names = NULL;
  guint col_label, col_count, col_new;
  sqlite3_stmt *stmt;
  int rc;

  if (grouping == GROUP_CATEGORY && !(names = category_names (store, error)))
    return FALSE;
  if (grouping == GROUP_STATUS)
    for (int status = CRM_CUSTOMER_STATUS_LEAD; status <= CRM_CUSTOMER_STATUS_INACTIVE; status++)
      {
        Count *count = g_new0 (Count, 1);

        label_key (count, grouping, crm_customer_status_to_string (status), NULL);
        g_ptr_array_add (counts, count);
      }

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, grouped_sql[grouping], scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      Count *count;

      if (grouping == GROUP_STATUS)
        {
          CrmCustomerStatus status = CRM_CUSTOMER_STATUS_LEAD;

          if (key == NULL || !crm_customer_status_from_string (key, &status))
            continue;
          count = g_ptr_array_index (counts, status - CRM_CUSTOMER_STATUS_LEAD);
        }
      else
        {
          count = g_new0 (Count, 1);
          label_key (count, grouping, key != NULL ? key : "", names);
          g_ptr_array_add (counts, count);
        }
      count->count += sqlite3_column_int64 (stmt, 1);
      count->fresh += sqlite3_column_int64 (stmt, 2);
    }
  if (!_crm_report_finish_query (store, stmt, rc, error))
    return FALSE;
  g_ptr_array_sort (counts, compare_counts);

  col_label = crm_report_add_column (report, _(headings[grouping]), CRM_REPORT_TEXT, 24);
  col_count = crm_report_add_column (report, _("Customers"), CRM_REPORT_INTEGER, 12);
  col_new = crm_report_add_column (report, _("New in the period"), CRM_REPORT_INTEGER, 12);
  for (guint i = 0; i < counts->len; i++)
    {
      const Count *count = g_ptr_array_index (counts, i);
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, col_label, count->label);
      crm_report_set_number (report, row, col_count, count->count);
      crm_report_set_number (report, row, col_new, count->fresh);
    }
  crm_report_set_chart (report, CRM_CHART_BAR, _(chart_titles[grouping]), col_label, &col_count, 1);
  return TRUE;
}

/* Top customers ------------------------------------------------------------------- */

#define TOP_ROWS 50
#define TOP_CHART_ROWS 15

/* The 50 customers with the most revenue from the period's orders; bars
 * of the first 15. */
static gboolean
build_top (CrmReport             *report,
           CrmStore              *store,
           CrmSession            *session,
           const CrmReportScope  *scope,
           GCancellable          *cancellable,
           GError               **error)
{
  guint col_code, col_name, col_orders, col_revenue;
  sqlite3_stmt *stmt;
  int rc;

  col_code = crm_report_add_column (report, _("Code"), CRM_REPORT_TEXT, 10);
  col_name = crm_report_add_column (report, _("Customer"), CRM_REPORT_TEXT, 30);
  col_orders = crm_report_add_column (report, _("Orders"), CRM_REPORT_INTEGER, 10);
  col_revenue = crm_report_add_column (report, _("Revenue"), CRM_REPORT_MONEY, 16);
  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, top_sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, col_code, (const char *) sqlite3_column_text (stmt, 0));
      crm_report_set_text (report, row, col_name, (const char *) sqlite3_column_text (stmt, 1));
      crm_report_set_number (report, row, col_orders, sqlite3_column_int64 (stmt, 2));
      crm_report_set_number (report, row, col_revenue, sqlite3_column_int64 (stmt, 3));
    }
  if (!_crm_report_finish_query (store, stmt, rc, error))
    return FALSE;
  crm_report_set_chart (report, CRM_CHART_BAR, _("Top customers by revenue"), col_name, &col_revenue, 1);
  crm_report_set_chart_rows (report, MIN (crm_report_get_n_rows (report), TOP_CHART_ROWS));
  return TRUE;
}

/* RFM ----------------------------------------------------------------------------- */

typedef enum
{
  SEGMENT_CHAMPIONS,
  SEGMENT_LOYAL,
  SEGMENT_NEW,
  SEGMENT_AT_RISK,
  SEGMENT_HIBERNATING,
  SEGMENT_OTHERS,
  N_SEGMENTS
} Segment;

static const char *const segment_labels[N_SEGMENTS] = {
  N_("Champions"), N_("Loyal"), N_("New"), N_("At risk"), N_("Hibernating"), N_("Others"),
};

typedef struct
{
  char    *code;
  char    *name;
  char    *last_order;
  gint64   recency;
  gint64   orders;
  gint64   revenue;
  int      r, f, m;
  Segment  segment;
} Rfm;

static void
rfm_free (gpointer data)
{
  Rfm *rfm = data;

  g_free (rfm->code);
  g_free (rfm->name);
  g_free (rfm->last_order);
  g_free (rfm);
}

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* How many of the @n sorted @values are below @value. */
static guint
count_below (const gint64 *values,
             guint         n,
             gint64        value)
{
  guint low = 0, high = n;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (values[mid] < value)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

/* 1 + 5 × (those doing strictly worse) / n. */
static int
quintile_score (guint worse,
                guint n)
{
  return 1 + (int) ((5 * (guint64) worse) / n);
}

static Segment
rfm_segment (int r,
             int f)
{
  if (r >= 4 && f >= 4)
    return SEGMENT_CHAMPIONS;
  if (r >= 3 && f >= 3)
    return SEGMENT_LOYAL;
  if (r >= 4)
    return SEGMENT_NEW;
  if (r <= 2 && f >= 3)
    return SEGMENT_AT_RISK;
  if (r <= 2)
    return SEGMENT_HIBERNATING;
  return SEGMENT_OTHERS;
}

/* The most revenue first, then by code. */
static gint
compare_rfm (gconstpointer a,
             gconstpointer b)
{
  const Rfm *x = *(Rfm * const *) a;
  const Rfm *y = *(Rfm * const *) b;

  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  return strcmp (x->code, y->code);
}

/* Every customer in the scope with an order in the period, scored. */
static GPtrArray *
collect_rfm (CrmStore              *store,
             CrmSession            *session,
             const CrmReportScope  *scope,
             const CrmPeriod       *period,
             GCancellable          *cancellable,
             GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (rfm_free);
  g_autofree gint64 *recency = NULL;
  g_autofree gint64 *orders = NULL;
  g_autofree gint64 *revenue = NULL;
  sqlite3_stmt *stmt;
  guint n;
  int rc;

  if (!_crm_report_check_cancelled (cancellable, error) ||
      !(stmt = _crm_report_prepare (store, rfm_sql, scope, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Rfm *rfm = g_new0 (Rfm, 1);
      int y = 0, m = 0, d = 0;

      rfm->code = _crm_column_text (stmt, 0);
      rfm->name = _crm_column_text (stmt, 1);
      rfm->orders = sqlite3_column_int64 (stmt, 2);
      rfm->revenue = sqlite3_column_int64 (stmt, 3);
      rfm->last_order = _crm_column_text (stmt, 4);
      if (rfm->last_order != NULL && sscanf (rfm->last_order, "%d-%d-%d", &y, &m, &d) == 3 &&
          g_date_valid_dmy (d, m, y))
        {
          GDate last;

          g_date_clear (&last, 1);
          g_date_set_dmy (&last, d, m, y);
          rfm->recency = MAX (0, g_date_days_between (&last, &period->last));
        }
      g_ptr_array_add (rows, rfm);
    }
  if (!_crm_report_finish_query (store, stmt, rc, error))
    return NULL;

  n = rows->len;
  recency = g_new (gint64, MAX (n, 1));
  orders = g_new (gint64, MAX (n, 1));
  revenue = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const Rfm *rfm = g_ptr_array_index (rows, i);

      recency[i] = rfm->recency;
      orders[i] = rfm->orders;
      revenue[i] = rfm->revenue;
    }
  qsort (recency, n, sizeof (gint64), compare_int64);
  qsort (orders, n, sizeof (gint64), compare_int64);
  qsort (revenue, n, sizeof (gint64), compare_int64);
  for (guint i = 0; i < n; i++)
    {
      Rfm *rfm = g_ptr_array_index (rows, i);

      /* Worse recency is longer: those above, i.e. n minus those at or below. */
      rfm->r = quintile_score (n - count_below (recency, n, rfm->recency + 1), n);
      rfm->f = quintile_score (count_below (orders, n, rfm->orders), n);
      rfm->m = quintile_score (count_below (revenue, n, rfm->revenue), n);
      rfm->segment = rfm_segment (rfm->r, rfm->f);
    }
  g_ptr_array_sort (rows, compare_rfm);
  return g_steal_pointer (&rows);
}

/* One row per customer with an order in the period: the last order,
 * recency, frequency, monetary, the three scores and the segment; bars of
 * the revenue of the first 15. */
static gboolean
build_rfm (CrmReport             *report,
           CrmStore              *store,
           CrmSession            *session,
           const CrmReportScope  *scope,
           const CrmPeriod       *period,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(GPtrArray) rows = collect_rfm (store, session, scope, period, cancellable, error);
  guint col_code, col_name, col_last, col_recency, col_orders, col_revenue, col_r, col_f, col_m, col_segment;

  if (rows == NULL)
    return FALSE;
  col_code = crm_report_add_column (report, _("Code"), CRM_REPORT_TEXT, 10);
  col_name = crm_report_add_column (report, _("Customer"), CRM_REPORT_TEXT, 28);
  col_last = crm_report_add_column (report, _("Last order"), CRM_REPORT_DATE, 11);
  col_recency = crm_report_add_column (report, _("Days since"), CRM_REPORT_INTEGER, 8);
  col_orders = crm_report_add_column (report, _("Orders"), CRM_REPORT_INTEGER, 8);
  col_revenue = crm_report_add_column (report, _("Revenue"), CRM_REPORT_MONEY, 16);
  col_r = crm_report_add_column (report, _("R"), CRM_REPORT_INTEGER, 3);
  col_f = crm_report_add_column (report, _("F"), CRM_REPORT_INTEGER, 3);
  col_m = crm_report_add_column (report, _("M"), CRM_REPORT_INTEGER, 3);
  col_segment = crm_report_add_column (report, _("Segment"), CRM_REPORT_TEXT, 14);
  for (guint i = 0; i < rows->len; i++)
    {
      const Rfm *rfm = g_ptr_array_index (rows, i);
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, col_code, rfm->code);
      crm_report_set_text (report, row, col_name, rfm->name);
      if (rfm->last_order != NULL)
        crm_report_set_date (report, row, col_last, rfm->last_order);
      crm_report_set_number (report, row, col_recency, rfm->recency);
      crm_report_set_number (report, row, col_orders, rfm->orders);
      crm_report_set_number (report, row, col_revenue, rfm->revenue);
      crm_report_set_number (report, row, col_r, rfm->r);
      crm_report_set_number (report, row, col_f, rfm->f);
      crm_report_set_number (report, row, col_m, rfm->m);
      crm_report_set_text (report, row, col_segment, _(segment_labels[rfm->segment]));
    }
  crm_report_set_chart (report, CRM_CHART_BAR, _("Revenue of the best customers"), col_name, &col_revenue, 1);
  crm_report_set_chart_rows (report, MIN (rows->len, TOP_CHART_ROWS));
  return TRUE;
}

/* One row per segment (all six, in order): customers, their revenue and
 * their share of the customers with orders; bars of the customers. */
static gboolean
build_rfm_segments (CrmReport             *report,
                    CrmStore              *store,
                    CrmSession            *session,
                    const CrmReportScope  *scope,
                    const CrmPeriod       *period,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_autoptr(GPtrArray) rows = collect_rfm (store, session, scope, period, cancellable, error);
  gint64 customers[N_SEGMENTS] = { 0 }, revenue[N_SEGMENTS] = { 0 };
  guint col_segment, col_count, col_revenue, col_share;

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const Rfm *rfm = g_ptr_array_index (rows, i);

      customers[rfm->segment]++;
      revenue[rfm->segment] += rfm->revenue;
    }
  col_segment = crm_report_add_column (report, _("Segment"), CRM_REPORT_TEXT, 16);
  col_count = crm_report_add_column (report, _("Customers"), CRM_REPORT_INTEGER, 10);
  col_revenue = crm_report_add_column (report, _("Revenue"), CRM_REPORT_MONEY, 16);
  col_share = crm_report_add_column (report, _("Share of customers"), CRM_REPORT_PERCENT, 10);
  for (int segment = 0; segment < N_SEGMENTS; segment++)
    {
      guint row = crm_report_add_row (report);

      crm_report_set_text (report, row, col_segment, _(segment_labels[segment]));
      crm_report_set_number (report, row, col_count, customers[segment]);
      crm_report_set_number (report, row, col_revenue, revenue[segment]);
      crm_report_set_number (report, row, col_share, crm_report_ratio_bp (customers[segment], rows->len));
    }
  crm_report_set_chart (report, CRM_CHART_BAR, _("Customers by RFM segment"), col_segment, &col_count, 1);
  return TRUE;
}

/**
 * crm_report_customers_build:
 *
 * The customers @session may see under @filter, broken down by "new"
 * (the default), "status", "category", "province", "source", "top",
 * "rfm" or "rfm-segments", with the book's figures.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CrmReport *
crm_report_customers_build (CrmStore              *store,
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

  breakdown = filter->breakdown != NULL ? filter->breakdown : crm_report_customers_breakdowns[0].name;
  report = crm_report_new ("customer-analysis", _("Customer analysis"));
  _crm_report_scope_init (&scope, session, filter);
  ok = _crm_report_add_filter_subtitles (report, store, &scope, &filter->period, &words, error) &&
       add_figures (report, store, session, &scope, &filter->period, cancellable, error);
  if (ok && g_str_equal (breakdown, "status"))
    ok = build_counts (report, store, session, &scope, GROUP_STATUS, cancellable, error);
  else if (ok && g_str_equal (breakdown, "category"))
    ok = build_counts (report, store, session, &scope, GROUP_CATEGORY, cancellable, error);
  else if (ok && g_str_equal (breakdown, "province"))
    ok = build_counts (report, store, session, &scope, GROUP_PROVINCE, cancellable, error);
  else if (ok && g_str_equal (breakdown, "source"))
    ok = build_counts (report, store, session, &scope, GROUP_SOURCE, cancellable, error);
  else if (ok && g_str_equal (breakdown, "top"))
    ok = build_top (report, store, session, &scope, cancellable, error);
  else if (ok && g_str_equal (breakdown, "rfm"))
    ok = build_rfm (report, store, session, &scope, &filter->period, cancellable, error);
  else if (ok && g_str_equal (breakdown, "rfm-segments"))
    ok = build_rfm_segments (report, store, session, &scope, &filter->period, cancellable, error);
  else if (ok)
    ok = build_new (report, store, session, &scope, &filter->period, cancellable, error);
  _crm_report_scope_clear (&scope);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}
