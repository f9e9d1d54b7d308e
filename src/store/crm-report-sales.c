/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-sales"

#include "config.h"

#include "crm-reports.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-province.h"
#include "crm-report-private.h"

/* The sales summary: the orders of a period (by order date, cancelled
 * ones left out) as the session may see them, and their change against
 * the previous period.  Revenue is before VAT and after discounts
 * (subtotal − discount_total of the order, as crm_quote_compute_totals()
 * makes it); VAT and total are the order's own.
 *
 * Every statement reads the previous period and the current one in one
 * pass (they are contiguous: crm_period_previous() ends the day before
 * the period starts), grouped by the breakdown's key, so a breakdown
 * costs one query: the figures are the sums of its rows (every counted
 * order falls in exactly one row of the period, staff, category and
 * province breakdowns; the product one sums the orders it reads).
 *
 * The "category" breakdown rolls each customer's category up to the node
 * just below the filtered one (the top-level nodes when no category is
 * chosen), so a manager drills down one level at a time; customers filed
 * on the filtered node itself count under its name.  The "product"
 * breakdown sums order lines: a line's revenue is its net amount and its
 * VAT is that net at the line's rate, rounded per line, so the product
 * rows may differ by a few đồng from the order totals of the figures,
 * whose VAT is rounded per rate and order. */

const CrmReportBreakdown crm_report_sales_breakdowns[] = {
  { "period", N_("Period") },
  { "staff", N_("Staff") },
  { "product", N_("Product") },
  { "category", N_("Customer category") },
  { "province", N_("Province") },
  { NULL, NULL },
};

/* The orders the report counts, aliased o with their customer c: between
 * the first day of the previous period (:since) and the last day (:last),
 * not cancelled, visible, of the chosen staff, team and category. */
#define ORDER_WHERE \
  "WHERE o.order_date >= :since AND o.order_date <= :last AND o.delivery_status <> 'cancelled' " \
  "  AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " " \
  "  AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id") " " \
  "  AND (:staff IS NULL OR o.owner_id = :staff) " \
  "  AND (:team IS NULL OR o.owner_id IN (SELECT t.id FROM users t WHERE t.team_id = :team)) " \
  "  AND (:category IS NULL OR c.category_id IN (SELECT id FROM sub)) "

#define ORDER_FROM "FROM orders o CROSS JOIN customers c INDEXED BY customers_report ON c.id = o.customer_id "

#define CURRENT "o.order_date >= :first"

/* Orders, revenue, VAT and total in the period, then the revenue of the
 * previous period: columns 2 to 6 of every grouped statement. */
#define SUMS(count, net, vat, total) \
  count ", " \
  "sum (CASE WHEN " CURRENT " THEN " net " ELSE 0 END), " \
  "sum (CASE WHEN " CURRENT " THEN " vat " ELSE 0 END), " \
  "sum (CASE WHEN " CURRENT " THEN " total " ELSE 0 END), " \
  "sum (CASE WHEN " CURRENT " THEN 0 ELSE " net " END) "

#define ORDER_SUMS \
  SUMS ("sum (CASE WHEN " CURRENT " THEN 1 ELSE 0 END)", "(o.subtotal - o.discount_total)", \
        "o.vat_total", "o.grand_total")

/* A line's amounts, rounded as crm_quote_compute_totals() rounds them. */
#define LINE_GROSS "((l.quantity_milli * l.unit_price + 500) / 1000)"
#define LINE_NET "(" LINE_GROSS " - (" LINE_GROSS " * l.discount_bp + 5000) / 10000)"
#define LINE_VAT "((" LINE_NET " * l.vat_rate_bp + 5000) / 10000)"

/* Sorted by revenue, then the previous revenue (a customer group that
 * stopped buying still shows), then the key. */
#define GROUP_ORDER "ORDER BY 4 DESC, 7 DESC, 2, 1"

static const char period_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE
  "SELECT o.order_date, '', " ORDER_SUMS ORDER_FROM ORDER_WHERE
  "GROUP BY o.order_date ORDER BY o.order_date";

static const char staff_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE
  "SELECT o.owner_id, coalesce (u.full_name, ''), " ORDER_SUMS ORDER_FROM
  "LEFT JOIN users u ON u.id = o.owner_id " ORDER_WHERE
  "GROUP BY o.owner_id " GROUP_ORDER;

/* The product breakdown reads the counted orders once (their totals give
 * the figures), then the lines of the orders between the first and the
 * last of them in order id order, matched against the sorted orders and
 * summed per product in C: grouping ~550 000 lines in SQL with a
 * count (DISTINCT) sorts them all, and looking each order's lines up
 * reads the lines index in date order instead of once from end to end. */
static const char orders_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE
  "SELECT o.id, " CURRENT ", (o.subtotal - o.discount_total), o.vat_total, o.grand_total "
  ORDER_FROM ORDER_WHERE;

static const char lines_sql[] =
  "SELECT l.order_id, l.product_id, " LINE_NET ", " LINE_VAT " "
  "FROM order_lines l INDEXED BY order_lines_report WHERE l.order_id >= :low AND l.order_id <= :high";

static const char product_name_sql[] =
  "SELECT coalesce ((SELECT name FROM products WHERE id = :product), '')";

/* roll maps each node below :category (or each top-level node) to its
 * ancestor one level below :category. */
static const char category_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE ", "
  "roll (id, head) AS (SELECT k.id, k.id FROM categories k WHERE k.parent_id IS :category "
  "  UNION ALL SELECT k.id, r.head FROM categories k JOIN roll r ON k.parent_id = r.id) "
  "SELECT coalesce (r.head, c.category_id), coalesce (h.name, ''), " ORDER_SUMS ORDER_FROM
  "LEFT JOIN roll r ON r.id = c.category_id "
  "LEFT JOIN categories h ON h.id = coalesce (r.head, c.category_id) " ORDER_WHERE
  "GROUP BY 1 " GROUP_ORDER;

static const char province_sql[] =
  "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE
  "SELECT c.province_code, '', " ORDER_SUMS ORDER_FROM ORDER_WHERE
  "GROUP BY c.province_code " GROUP_ORDER;

typedef struct
{
  gint64 orders;
  gint64 revenue;
  gint64 vat;
  gint64 total;
  gint64 previous;   /* revenue of the previous period */
} Sums;

/* The report's scope, and the first day of the previous period (:since):
 * every statement reads it too. */
typedef struct
{
  CrmReportScope  base;
  char           *since;
} Scope;

static void
scope_clear (Scope *scope)
{
  _crm_report_scope_clear (&scope->base);
  g_free (scope->since);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scope, scope_clear)

static void
scope_init (Scope                 *scope,
            CrmSession            *session,
            const CrmReportFilter *filter)
{
  CrmPeriod previous;

  crm_period_previous (&filter->period, &previous);
  _crm_report_scope_init (&scope->base, session, filter);
  scope->since = crm_period_first_iso (&previous);
}

/* @sql prepared with the scope and :since bound. */
static sqlite3_stmt *
prepare_scoped (CrmStore     *store,
                const char   *sql,
                const Scope  *scope,
                GError      **error)
{
  sqlite3_stmt *stmt = _crm_report_prepare (store, sql, &scope->base, error);

  if (stmt != NULL)
    _crm_report_bind_text_if_used (stmt, ":since", scope->since);
  return stmt;
}

static void
read_sums (sqlite3_stmt *stmt,
           Sums         *sums)
{
  sums->orders = sqlite3_column_int64 (stmt, 2);
  sums->revenue = sqlite3_column_int64 (stmt, 3);
  sums->vat = sqlite3_column_int64 (stmt, 4);
  sums->total = sqlite3_column_int64 (stmt, 5);
  sums->previous = sqlite3_column_int64 (stmt, 6);
}

/* The period and the filters in words under the title. */
static gboolean
add_subtitles (CrmReport             *report,
               CrmStore              *store,
               const Scope           *scope,
               const CrmReportFilter *filter,
               GError               **error)
{
  g_autofree char *period = crm_period_format (&filter->period);
  g_autofree char *previous_text = NULL;
  g_autofree char *line = NULL;
  CrmReportFilterWords words = { _("Staff: %s"), _("Team: %s"), _("Customer category: %s"), FALSE };
  CrmPeriod previous;

  crm_report_add_subtitle (report, period);
  crm_period_previous (&filter->period, &previous);
  previous_text = crm_period_format (&previous);
  line = g_strdup_printf (_("Compared with %s"), previous_text);
  crm_report_add_subtitle (report, line);

  return _crm_report_add_filter_subtitles (report, store, &scope->base, NULL, &words, error);
}

/* The summary figures from the totals of the counted orders. */
static void
add_figures_of (CrmReport  *report,
                const Sums *sums_in)
{
  Sums sums = *sums_in;

  crm_report_add_figure (report, _("Orders"), CRM_REPORT_INTEGER, sums.orders);
  crm_report_add_figure (report, _("Revenue before VAT"), CRM_REPORT_MONEY, sums.revenue);
  crm_report_add_figure (report, _("VAT"), CRM_REPORT_MONEY, sums.vat);
  crm_report_add_figure (report, _("Total with VAT"), CRM_REPORT_MONEY, sums.total);
  crm_report_add_figure (report, _("Revenue of the previous period"), CRM_REPORT_MONEY, sums.previous);
  /* No change can be told against a period without revenue. */
  if (sums.previous != 0)
    crm_report_add_figure (report, _("Change against the previous period"), CRM_REPORT_PERCENT,
                           crm_report_ratio_bp (sums.revenue - sums.previous, sums.previous));
}

/* The time series: one row per bucket of the period, empty ones too. */
static gboolean
fill_period (CrmReport              *report,
             CrmStore               *store,
             const Scope            *scope,
             const CrmReportFilter  *filter,
             GError                **error)
{
  CrmPeriodUnit unit = crm_period_bucket_unit (&filter->period);
  guint value_columns[1];
  sqlite3_stmt *stmt;
  GDate day = filter->period.first;
  Sums totals = { 0 };
  gboolean have_row;
  int rc;

  crm_report_add_column (report, _("Period"), CRM_REPORT_TEXT, 12);
  crm_report_add_column (report, _("Orders"), CRM_REPORT_INTEGER, 8);
  value_columns[0] = crm_report_add_column (report, _("Revenue before VAT"), CRM_REPORT_MONEY, 16);
  crm_report_add_column (report, _("VAT"), CRM_REPORT_MONEY, 14);
  crm_report_add_column (report, _("Total with VAT"), CRM_REPORT_MONEY, 16);

  if (!(stmt = prepare_scoped (store, period_sql, scope, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  have_row = rc == SQLITE_ROW;
  /* The days of the previous period come first: their revenue only. */
  while (have_row && strcmp ((const char *) sqlite3_column_text (stmt, 0), scope->base.first) < 0)
    {
      totals.previous += sqlite3_column_int64 (stmt, 6);
      rc = sqlite3_step (stmt);
      have_row = rc == SQLITE_ROW;
    }
  while (g_date_compare (&day, &filter->period.last) <= 0)
    {
      CrmPeriod bucket;
      GDate end;
      char end_iso[16];
      g_autofree char *label = crm_period_bucket_label (unit, &day);
      Sums sums = { 0 };
      guint row;

      crm_period_init (&bucket, unit == CRM_PERIOD_CUSTOM ? CRM_PERIOD_MONTH : unit, &day);
      end = g_date_compare (&bucket.last, &filter->period.last) < 0 ? bucket.last : filter->period.last;
      g_date_strftime (end_iso, sizeof end_iso, "%Y-%m-%d", &end);
      while (have_row && strcmp ((const char *) sqlite3_column_text (stmt, 0), end_iso) <= 0)
        {
          Sums one;

          read_sums (stmt, &one);
          sums.orders += one.orders;
          sums.revenue += one.revenue;
          sums.vat += one.vat;
          sums.total += one.total;
          totals.previous += one.previous;
          rc = sqlite3_step (stmt);
          have_row = rc == SQLITE_ROW;
        }
      row = crm_report_add_row (report);
      crm_report_set_text (report, row, 0, label);
      crm_report_set_number (report, row, 1, sums.orders);
      crm_report_set_number (report, row, 2, sums.revenue);
      crm_report_set_number (report, row, 3, sums.vat);
      crm_report_set_number (report, row, 4, sums.total);
      totals.orders += sums.orders;
      totals.revenue += sums.revenue;
      totals.vat += sums.vat;
      totals.total += sums.total;
      day = end;
      g_date_add_days (&day, 1);
    }
  while (have_row)
    {
      rc = sqlite3_step (stmt);
      have_row = rc == SQLITE_ROW;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  add_figures_of (report, &totals);
  crm_report_set_chart (report, CRM_CHART_LINE, _("Revenue before VAT"), 0, value_columns, 1);
  return TRUE;
}

/* The name of a group's key (column 0) for @breakdown. */
static char *
group_label (const char   *breakdown,
             sqlite3_stmt *stmt)
{
  const char *name = (const char *) sqlite3_column_text (stmt, 1);
  gboolean none = sqlite3_column_type (stmt, 0) == SQLITE_NULL;

  if (g_str_equal (breakdown, "province"))
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const CrmProvince *province = code != NULL ? crm_province_get (code) : NULL;

      if (province != NULL)
        return g_strdup (province->name);
      return none || *code == '\0' ? g_strdup (_("No province")) : g_strdup (code);
    }
  if (none)
    {
      if (g_str_equal (breakdown, "staff"))
        return g_strdup (_("No owner"));
      return g_strdup (_("No category"));
    }
  return g_strdup (name);
}

static void
add_group_columns (CrmReport                *report,
                   const CrmReportBreakdown *info,
                   guint                     value_columns[2])
{
  crm_report_add_column (report, _(info->label), CRM_REPORT_TEXT, 28);
  crm_report_add_column (report, _("Orders"), CRM_REPORT_INTEGER, 8);
  value_columns[0] = crm_report_add_column (report, _("Revenue before VAT"), CRM_REPORT_MONEY, 16);
  crm_report_add_column (report, _("VAT"), CRM_REPORT_MONEY, 14);
  crm_report_add_column (report, _("Total with VAT"), CRM_REPORT_MONEY, 16);
  value_columns[1] = crm_report_add_column (report, _("Previous period"), CRM_REPORT_MONEY, 16);
  crm_report_add_column (report, _("Change"), CRM_REPORT_PERCENT, 10);
}

static void
add_group_row (CrmReport  *report,
               const char *label,
               const Sums *sums)
{
  guint row = crm_report_add_row (report);

  crm_report_set_text (report, row, 0, label);
  crm_report_set_number (report, row, 1, sums->orders);
  crm_report_set_number (report, row, 2, sums->revenue);
  crm_report_set_number (report, row, 3, sums->vat);
  crm_report_set_number (report, row, 4, sums->total);
  crm_report_set_number (report, row, 5, sums->previous);
  if (sums->previous != 0)
    crm_report_set_number (report, row, 6, crm_report_ratio_bp (sums->revenue - sums->previous, sums->previous));
}

static void
set_group_chart (CrmReport *report,
                 guint      value_columns[2])
{
  crm_report_set_chart (report, CRM_CHART_BAR, _("Revenue before VAT"), 0, value_columns, 2);
  if (crm_report_get_n_rows (report) > 15)
    crm_report_set_chart_rows (report, 15);
}

/* A breakdown by staff, customer category or province: revenue
 * first, with the previous period's revenue and the change. */
static gboolean
fill_groups (CrmReport    *report,
             CrmStore     *store,
             const Scope  *scope,
             const char   *breakdown,
             GError      **error)
{
  const CrmReportBreakdown *info = NULL;
  const char *sql;
  guint value_columns[2];
  sqlite3_stmt *stmt;
  Sums totals = { 0 };
  int rc;

  if (g_str_equal (breakdown, "staff"))
    sql = staff_sql;
  else if (g_str_equal (breakdown, "category"))
    sql = category_sql;
  else
    sql = province_sql;
  for (info = crm_report_sales_breakdowns; !g_str_equal (info->name, breakdown); info++)
    ;

  add_group_columns (report, info, value_columns);
  if (!(stmt = prepare_scoped (store, sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *label = group_label (breakdown, stmt);
      Sums sums;

      read_sums (stmt, &sums);
      add_group_row (report, label, &sums);
      totals.orders += sums.orders;
      totals.revenue += sums.revenue;
      totals.vat += sums.vat;
      totals.total += sums.total;
      totals.previous += sums.previous;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  add_figures_of (report, &totals);
  set_group_chart (report, value_columns);
  return TRUE;
}

/* A counted order of the product breakdown: its id and whether it falls
 * in the period (else in the previous one). */
typedef struct
{
  gint64   id;
  gboolean current;
} CountedOrder;

typedef struct
{
  gint64  product_id;   /* 0: lines without a product */
  gint64  last_order;   /* the last current order counted */
  char   *name;
  Sums    sums;
} ProductSums;

static void
product_sums_free (gpointer data)
{
  ProductSums *product = data;

  g_free (product->name);
  g_free (product);
}

static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const CountedOrder *x = a;
  const CountedOrder *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

/* GROUP_ORDER for the product rows. */
static int
compare_products (gconstpointer a,
                  gconstpointer b)
{
  const ProductSums *x = *(ProductSums * const *) a;
  const ProductSums *y = *(ProductSums * const *) b;
  int by_name;

  if (x->sums.revenue != y->sums.revenue)
    return x->sums.revenue > y->sums.revenue ? -1 : 1;
  if (x->sums.previous != y->sums.previous)
    return x->sums.previous > y->sums.previous ? -1 : 1;
  by_name = strcmp (x->name, y->name);
  if (by_name != 0)
    return by_name;
  return (x->product_id > y->product_id) - (x->product_id < y->product_id);
}

/* The counted orders of both periods into @orders (sorted by id) and
 * their totals into @totals, as the grouped statements sum them. */
static gboolean
read_orders (CrmStore     *store,
             const Scope  *scope,
             GArray       *orders,
             Sums         *totals,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_scoped (store, orders_sql, scope, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CountedOrder order = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) != 0 };
      gint64 net = sqlite3_column_int64 (stmt, 2);

      g_array_append_val (orders, order);
      if (order.current)
        {
          totals->orders++;
          totals->revenue += net;
          totals->vat += sqlite3_column_int64 (stmt, 3);
          totals->total += sqlite3_column_int64 (stmt, 4);
        }
      else
        totals->previous += net;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  g_array_sort (orders, compare_orders);
  return TRUE;
}

/* Sums the lines of @orders (sorted by id) per product into @products. */
static gboolean
sum_product_lines (CrmStore     *store,
                   GArray       *orders,
                   GHashTable   *products,
                   GError      **error)
{
  const CountedOrder *order = &g_array_index (orders, CountedOrder, 0);
  const CountedOrder *end = order + orders->len;
  sqlite3_stmt *stmt;
  int rc;

  if (orders->len == 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, lines_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":low"), order->id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":high"), end[-1].id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (stmt, 0);
      gint64 product_id = sqlite3_column_int64 (stmt, 1);
      gint64 net = sqlite3_column_int64 (stmt, 2);
      gint64 vat = sqlite3_column_int64 (stmt, 3);
      ProductSums *product;

      /* The lines come by order id, as the orders are sorted. */
      while (order < end && order->id < order_id)
        order++;
      if (order == end)
        break;
      if (order->id != order_id)
        continue;
      product = g_hash_table_lookup (products, &product_id);
      if (product == NULL)
        {
          product = g_new0 (ProductSums, 1);
          product->product_id = product_id;
          g_hash_table_insert (products, &product->product_id, product);
        }
      if (order->current)
        {
          if (product->last_order != order_id)
            product->sums.orders++;
          product->last_order = order_id;
          product->sums.revenue += net;
          product->sums.vat += vat;
          product->sums.total += net + vat;
        }
      else
        product->sums.previous += net;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The product breakdown (see orders_sql), its figures included. */
static gboolean
fill_products (CrmReport     *report,
               CrmStore      *store,
               const Scope   *scope,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (CountedOrder));
  g_autoptr(GHashTable) products = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          product_sums_free);
  g_autoptr(GPtrArray) rows = NULL;
  const CrmReportBreakdown *info = NULL;
  guint value_columns[2];
  sqlite3_stmt *stmt;
  Sums totals = { 0 };
  GHashTableIter iter;
  gpointer value;

  if (!read_orders (store, scope, orders, &totals, error))
    return FALSE;
  add_figures_of (report, &totals);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !sum_product_lines (store, orders, products, error))
    return FALSE;

  if (!(stmt = _crm_store_prepare (store, product_name_sql, error)))
    return FALSE;
  rows = g_ptr_array_sized_new (g_hash_table_size (products));
  g_hash_table_iter_init (&iter, products);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);
  for (guint i = 0; i < rows->len; i++)
    {
      ProductSums *product = g_ptr_array_index (rows, i);
      int rc;

      _crm_bind_id (stmt, ":product", product->product_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        product->name = _crm_column_text (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          _crm_store_set_error (store, rc, error);
          return FALSE;
        }
    }
  g_ptr_array_sort (rows, compare_products);

  for (info = crm_report_sales_breakdowns; !g_str_equal (info->name, "product"); info++)
    ;
  add_group_columns (report, info, value_columns);
  for (guint i = 0; i < rows->len; i++)
    {
      ProductSums *product = g_ptr_array_index (rows, i);

      add_group_row (report, product->product_id == 0 ? _("Lines without a product") : product->name,
                     &product->sums);
    }
  set_group_chart (report, value_columns);
  return TRUE;
}

/**
 * crm_report_sales_build:
 *
 * The sales summary of @filter's period as @session may see it (see the
 * comment at the top of this file).
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CrmReport *
crm_report_sales_build (CrmStore               *store,
                        CrmSession             *session,
                        const CrmReportFilter  *filter,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(CrmReport) report = NULL;
  g_auto(Scope) scope = { 0 };
  const char *breakdown;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  breakdown = filter->breakdown != NULL ? filter->breakdown : crm_report_sales_breakdowns[0].name;
  scope_init (&scope, session, filter);
  report = crm_report_new ("sales", _("Sales summary"));
  if (!add_subtitles (report, store, &scope, filter, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* Each breakdown sums the figures from the rows it reads. */
  if (g_str_equal (breakdown, "product"))
    {
      if (!fill_products (report, store, &scope, cancellable, error))
        return NULL;
    }
  else if (g_str_equal (breakdown, "period"))
    {
      if (!fill_period (report, store, &scope, filter, error))
        return NULL;
    }
  else if (g_str_equal (breakdown, "staff") ||
           g_str_equal (breakdown, "category") || g_str_equal (breakdown, "province"))
    {
      if (!fill_groups (report, store, &scope, breakdown, error))
        return NULL;
    }
  else
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("The report “%s” cannot be broken down by “%s”."), _("Sales summary"), breakdown);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}
