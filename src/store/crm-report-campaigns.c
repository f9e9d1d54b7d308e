/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-campaigns"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-campaign.h"
#include "crm-error.h"
#include "crm-reports.h"
#include "crm-report-private.h"

/* The campaigns report: every campaign whose dates overlap the period (a
 * campaign without a start date starts the day it was created, one
 * without an end date runs on), with what its members did and what it
 * brought in.
 *
 *  - reach: members; contacted: members contacted, responded or
 *    converted; responses: responded or converted; conversions:
 *    converted;
 *  - revenue: the orders linked to the campaign (orders.campaign_id),
 *    whatever their date, not cancelled, before VAT (grand total less
 *    VAT);
 *  - cost per conversion: budget / conversions, rounded to the đồng;
 *    conversion rate: conversions / reach.
 *
 * Members and orders count only on customers the session may see and
 * that pass the staff, team and category filters (on the customer's
 * assignee and category). */

const CrmReportBreakdown crm_report_campaigns_breakdowns[] = {
  { "campaign", N_("Campaign") },
  { "channel", N_("Channel") },
  { NULL, NULL },
};

#define CUSTOMER_FILTERS(alias) \
  "(:staff IS NULL OR " alias ".assigned_to = :staff) " \
  "AND (:team IS NULL OR " alias ".assigned_to IN (SELECT u.id FROM users u WHERE u.team_id = :team)) " \
  "AND (:category IS NULL OR " alias ".category_id IN (" \
  "  WITH RECURSIVE sub (id) AS (SELECT :category " \
  "    UNION ALL SELECT g.id FROM categories g JOIN sub ON g.parent_id = sub.id) " \
  "  SELECT id FROM sub))"

static const char campaigns_sql[] =
  "WITH mem AS ("
  "  SELECT m.campaign_id, m.status FROM campaign_members m JOIN customers c INDEXED BY customers_report ON c.id = m.customer_id "
  "  WHERE " CRM_VISIBLE_CUSTOMER ("c") " AND " CUSTOMER_FILTERS ("c") "), "
  "rev AS ("
  "  SELECT o.campaign_id, sum (o.grand_total - o.vat_total) AS revenue "
  "  FROM orders o JOIN customers c INDEXED BY customers_report ON c.id = o.customer_id "
  "  WHERE o.campaign_id IS NOT NULL AND o.delivery_status <> 'cancelled' "
  "    AND " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id") " "
  "    AND " CUSTOMER_FILTERS ("c") " GROUP BY o.campaign_id) "
  "SELECT k.name, k.channel, k.starts_on, k.ends_on, k.budget, "
  "  (SELECT count(*) FROM mem WHERE mem.campaign_id = k.id), "
  "  (SELECT count(*) FROM mem WHERE mem.campaign_id = k.id AND mem.status <> 'none'), "
  "  (SELECT count(*) FROM mem WHERE mem.campaign_id = k.id AND mem.status IN ('responded', 'converted')), "
  "  (SELECT count(*) FROM mem WHERE mem.campaign_id = k.id AND mem.status = 'converted'), "
  "  coalesce ((SELECT rev.revenue FROM rev WHERE rev.campaign_id = k.id), 0) "
  "FROM campaigns k "
  "WHERE coalesce (k.starts_on, substr (k.created_at, 1, 10)) <= :last "
  "  AND coalesce (k.ends_on, '9999-12-31') >= :first "
  "ORDER BY coalesce (k.starts_on, substr (k.created_at, 1, 10)), k.id";

typedef struct
{
  char               *name;
  CrmCampaignChannel  channel;
  char               *starts_on;
  char               *ends_on;
  gint64              n_campaigns;
  gint64              budget;
  gint64              reach;
  gint64              contacted;
  gint64              responses;
  gint64              conversions;
  gint64              revenue;
} Line;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->name);
  g_free (line->starts_on);
  g_free (line->ends_on);
  g_free (line);
}

static void
line_add (Line       *total,
          const Line *line)
{
  total->n_campaigns += line->n_campaigns;
  total->budget += line->budget;
  total->reach += line->reach;
  total->contacted += line->contacted;
  total->responses += line->responses;
  total->conversions += line->conversions;
  total->revenue += line->revenue;
}

/* Budget per conversion, rounded; -1 when nothing converted. */
static gint64
cost_per_conversion (const Line *line)
{
  if (line->conversions == 0)
    return -1;
  return (line->budget + line->conversions / 2) / line->conversions;
}

static GPtrArray *
query_lines (CrmStore              *store,
             const CrmReportScope  *scope,
             GError               **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (line_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_report_prepare (store, campaigns_sql, scope, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = g_new0 (Line, 1);
      CrmCampaignChannel channel = CRM_CAMPAIGN_CHANNEL_OTHER;

      line->name = _crm_column_text (stmt, 0);
      crm_campaign_channel_from_string ((const char *) sqlite3_column_text (stmt, 1), &channel);
      line->channel = channel;
      line->starts_on = _crm_column_text (stmt, 2);
      line->ends_on = _crm_column_text (stmt, 3);
      line->n_campaigns = 1;
      line->budget = sqlite3_column_int64 (stmt, 4);
      line->reach = sqlite3_column_int64 (stmt, 5);
      line->contacted = sqlite3_column_int64 (stmt, 6);
      line->responses = sqlite3_column_int64 (stmt, 7);
      line->conversions = sqlite3_column_int64 (stmt, 8);
      line->revenue = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (lines, line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&lines);
}

/* The period, the filters in words (a name that cannot be read shows
 * "?"), then what the revenue counts. */
static void
add_subtitles (CrmReport             *report,
               CrmStore              *store,
               const CrmReportFilter *filter,
               const CrmReportScope  *scope)
{
  CrmReportFilterWords words = { _("Customers of %s"), _("Team: %s"), _("Customer group: %s"), TRUE };

  _crm_report_add_filter_subtitles (report, store, scope, &filter->period, &words, NULL);
  crm_report_add_subtitle (report, _("Revenue: orders linked to each campaign, not cancelled, before VAT."));
}

/* Columns shared by both breakdowns after the first ones. */
typedef struct
{
  guint budget, reach, contacted, responses, conversions, rate, revenue, cost;
} Columns;

static void
add_figure_columns (CrmReport *report,
                    Columns   *cols)
{
  cols->budget = crm_report_add_column (report, _("Budget"), CRM_REPORT_MONEY, 14);
  cols->reach = crm_report_add_column (report, _("Reach"), CRM_REPORT_INTEGER, 8);
  cols->contacted = crm_report_add_column (report, _("Contacted"), CRM_REPORT_INTEGER, 9);
  cols->responses = crm_report_add_column (report, _("Responses"), CRM_REPORT_INTEGER, 9);
  cols->conversions = crm_report_add_column (report, _("Conversions"), CRM_REPORT_INTEGER, 10);
  cols->rate = crm_report_add_column (report, _("Conversion rate"), CRM_REPORT_PERCENT, 10);
  cols->revenue = crm_report_add_column (report, _("Revenue before VAT"), CRM_REPORT_MONEY, 15);
  cols->cost = crm_report_add_column (report, _("Cost per conversion"), CRM_REPORT_MONEY, 14);
}

static void
set_figures (CrmReport     *report,
             guint          row,
             const Columns *cols,
             const Line    *line)
{
  gint64 cost = cost_per_conversion (line);

  crm_report_set_number (report, row, cols->budget, line->budget);
  crm_report_set_number (report, row, cols->reach, line->reach);
  crm_report_set_number (report, row, cols->contacted, line->contacted);
  crm_report_set_number (report, row, cols->responses, line->responses);
  crm_report_set_number (report, row, cols->conversions, line->conversions);
  crm_report_set_number (report, row, cols->rate, crm_report_ratio_bp (line->conversions, line->reach));
  crm_report_set_number (report, row, cols->revenue, line->revenue);
  if (cost >= 0)
    crm_report_set_number (report, row, cols->cost, cost);
}

CrmReport *
crm_report_campaigns_build (CrmStore               *store,
                            CrmSession             *session,
                            const CrmReportFilter  *filter,
                            GCancellable           *cancellable,
                            GError                **error)
{
  g_autoptr(CrmReport) report = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gboolean by_channel;
  g_auto(CrmReportScope) scope = { 0 };
  Line total = { 0 };
  Columns cols;
  guint category;
  gint64 cost;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  by_channel = g_strcmp0 (filter->breakdown, "channel") == 0;
  _crm_report_scope_init (&scope, session, filter);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !(lines = query_lines (store, &scope, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  report = crm_report_new ("campaigns", _("Campaigns"));
  add_subtitles (report, store, filter, &scope);

  if (by_channel)
    {
      Line per_channel[CRM_CAMPAIGN_N_CHANNELS] = { { 0 } };
      guint n_col;

      category = crm_report_add_column (report, _("Channel"), CRM_REPORT_TEXT, 14);
      n_col = crm_report_add_column (report, _("Campaigns"), CRM_REPORT_INTEGER, 9);
      add_figure_columns (report, &cols);
      for (guint i = 0; i < lines->len; i++)
        {
          const Line *line = g_ptr_array_index (lines, i);
          line_add (&per_channel[line->channel], line);
        }
      for (guint c = 0; c < CRM_CAMPAIGN_N_CHANNELS; c++)
        {
          guint row;

          if (per_channel[c].n_campaigns == 0)
            continue;
          row = crm_report_add_row (report);
          crm_report_set_text (report, row, category, crm_campaign_channel_label (c));
          crm_report_set_number (report, row, n_col, per_channel[c].n_campaigns);
          set_figures (report, row, &cols, &per_channel[c]);
        }
    }
  else
    {
      guint channel_col, start_col, end_col;

      category = crm_report_add_column (report, _("Campaign"), CRM_REPORT_TEXT, 24);
      channel_col = crm_report_add_column (report, _("Channel"), CRM_REPORT_TEXT, 11);
      start_col = crm_report_add_column (report, _("Starts"), CRM_REPORT_DATE, 10);
      end_col = crm_report_add_column (report, _("Ends"), CRM_REPORT_DATE, 10);
      add_figure_columns (report, &cols);
      for (guint i = 0; i < lines->len; i++)
        {
          const Line *line = g_ptr_array_index (lines, i);
          guint row = crm_report_add_row (report);

          crm_report_set_text (report, row, category, line->name);
          crm_report_set_text (report, row, channel_col, crm_campaign_channel_label (line->channel));
          if (line->starts_on != NULL)
            crm_report_set_date (report, row, start_col, line->starts_on);
          if (line->ends_on != NULL)
            crm_report_set_date (report, row, end_col, line->ends_on);
          set_figures (report, row, &cols, line);
        }
    }

  for (guint i = 0; i < lines->len; i++)
    line_add (&total, g_ptr_array_index (lines, i));
  crm_report_add_figure (report, _("Campaigns"), CRM_REPORT_INTEGER, total.n_campaigns);
  crm_report_add_figure (report, _("Reach"), CRM_REPORT_INTEGER, total.reach);
  crm_report_add_figure (report, _("Responses"), CRM_REPORT_INTEGER, total.responses);
  crm_report_add_figure (report, _("Conversions"), CRM_REPORT_INTEGER, total.conversions);
  crm_report_add_figure (report, _("Conversion rate"), CRM_REPORT_PERCENT,
                         crm_report_ratio_bp (total.conversions, total.reach));
  crm_report_add_figure (report, _("Revenue before VAT"), CRM_REPORT_MONEY, total.revenue);
  crm_report_add_figure (report, _("Budget"), CRM_REPORT_MONEY, total.budget);
  cost = cost_per_conversion (&total);
  if (cost >= 0)
    crm_report_add_figure (report, _("Cost per conversion"), CRM_REPORT_MONEY, cost);

  {
    const guint series[] = { cols.revenue, cols.budget };

    crm_report_set_chart (report, CRM_CHART_BAR,
                          by_channel ? _("Revenue and budget by channel") : _("Revenue and budget by campaign"),
                          category, series, G_N_ELEMENTS (series));
  }
  return g_steal_pointer (&report);
}
