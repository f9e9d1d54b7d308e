/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-reports.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"

static const CrmReportInfo reports[] = {
  { "sales", N_("Sales summary"), N_("Orders, revenue and VAT by period, staff, product, customer category or province, against the previous period"), crm_report_sales_breakdowns, FALSE, FALSE, crm_report_sales_build },
  { "profit", N_("Product profitability"), N_("Revenue, cost and margin per product and product category, earners first and loss-makers last"), crm_report_profit_breakdowns, TRUE, FALSE, crm_report_profit_build },
  { "funnel", N_("Sales funnel"), N_("Leads, opportunities, quotes, contracts and orders with conversion rates, by staff and source channel; weighted pipeline forecast"), crm_report_funnel_breakdowns, FALSE, FALSE, crm_report_funnel_build },
  { "quote-results", N_("Quotes and contracts"), N_("Quotes sent, accepted, rejected and expired per staff member, contracts ending soon, overdue instalments"), crm_report_quotes_breakdowns, FALSE, FALSE, crm_report_quotes_build },
  { "customer-analysis", N_("Customer analysis"), N_("New customers, status, category, province and source; active and inactive; top customers, repeat purchase rate and RFM segments"), crm_report_customers_breakdowns, FALSE, FALSE, crm_report_customers_build },
  { "staff", N_("Staff activity"), N_("Interactions by kind, events done and planned, quotes sent, deals won and care cases resolved per staff member"), crm_report_staff_breakdowns, FALSE, FALSE, crm_report_staff_build },
  { "campaigns", N_("Campaigns"), N_("Reach, responses, conversions, revenue and cost per conversion of each marketing campaign"), crm_report_campaigns_breakdowns, FALSE, TRUE, crm_report_campaigns_build },
  /* one line per built report */
  { NULL, NULL, NULL, NULL, FALSE, FALSE, NULL },
};

/* The table ends with an empty entry, so it is never empty. */
#define N_REPORTS (G_N_ELEMENTS (reports) - 1)

void
crm_report_filter_init (CrmReportFilter *filter,
                        const CrmPeriod *period)
{
  g_return_if_fail (filter != NULL);
  g_return_if_fail (period != NULL);

  memset (filter, 0, sizeof *filter);
  filter->period = *period;
}

void
crm_report_filter_clear (CrmReportFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->breakdown, g_free);
}

CrmReportFilter *
crm_report_filter_copy (const CrmReportFilter *filter)
{
  CrmReportFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->breakdown = g_strdup (filter->breakdown);
  return copy;
}

void
crm_report_filter_free (CrmReportFilter *filter)
{
  if (filter == NULL)
    return;
  crm_report_filter_clear (filter);
  g_free (filter);
}

const CrmReportInfo *
crm_reports_get_all (guint *n_reports)
{
  g_return_val_if_fail (n_reports != NULL, NULL);
  *n_reports = N_REPORTS;
  return reports;
}

const CrmReportInfo *
crm_reports_find (const char *name)
{
  for (gsize i = 0; name != NULL && reports[i].name != NULL; i++)
    if (g_str_equal (reports[i].name, name))
      return &reports[i];
  return NULL;
}

gboolean
crm_reports_may_build (const CrmReportInfo *info,
                       CrmSession          *session)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (info->managers_only && crm_session_get_role (session) == CRM_ROLE_STAFF)
    return FALSE;
  if (info->needs_cost && !crm_session_may (session, CRM_PERMISSION_SEE_COST))
    return FALSE;
  return TRUE;
}

static gboolean
known_breakdown (const CrmReportInfo *info,
                 const char          *name)
{
  if (name == NULL)
    return TRUE;
  for (const CrmReportBreakdown *b = info->breakdowns; b != NULL && b->name != NULL; b++)
    if (g_str_equal (b->name, name))
      return TRUE;
  return FALSE;
}

CrmReport *
crm_reports_build (CrmStore              *store,
                   CrmSession            *session,
                   const char            *name,
                   const CrmReportFilter *filter,
                   GCancellable          *cancellable,
                   GError               **error)
{
  const CrmReportInfo *info;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = crm_reports_find (name);
  if (info == NULL)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Unknown report “%s”."), name != NULL ? name : "");
      return NULL;
    }
  if (!crm_reports_may_build (info, session))
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                   info->needs_cost
                   ? _("The report “%s” shows cost prices, which you may not see.")
                   : _("The report “%s” is for managers."),
                   _(info->title));
      return NULL;
    }
  if (!known_breakdown (info, filter->breakdown))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("The report “%s” cannot be broken down by “%s”."),
                   _(info->title), filter->breakdown);
      return NULL;
    }
  return info->build (store, session, filter, cancellable, error);
}
