/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-period.h"
#include "crm-report.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* The business reports, each built from the store into a CrmReport as
 * the session may see it (customer visibility applied in every query;
 * a staff member's reports cover their own work only).
 *
 * Builders run in a worker thread on their own connection (see
 * crm_store_open_reader() or how crm-export.c opens one) and check
 * @cancellable between queries, returning FALSE with G_IO_ERROR_CANCELLED.
 *
 * The filter: */
typedef struct
{
  CrmPeriod  period;         /* required */
  gint64     staff_id;       /* one staff member (users.id), 0 = everyone the session may follow */
  gint64     team_id;        /* one team (teams.id), 0 = every team */
  gint64     category_id;    /* a node of the customer tree (its whole subtree), 0 = all */
  char      *breakdown;      /* one of the report's breakdowns by name, NULL = its first */
} CrmReportFilter;

void             crm_report_filter_init   (CrmReportFilter       *filter,
                                           const CrmPeriod       *period);
void             crm_report_filter_clear  (CrmReportFilter       *filter);
CrmReportFilter *crm_report_filter_copy   (const CrmReportFilter *filter);
void             crm_report_filter_free   (CrmReportFilter       *filter);

typedef CrmReport *(*CrmReportBuildFunc) (CrmStore              *store,
                                          CrmSession            *session,
                                          const CrmReportFilter *filter,
                                          GCancellable          *cancellable,
                                          GError               **error);

/* A way to break a report down: its name ("staff") and label (N_()). */
typedef struct
{
  const char *name;
  const char *label;
} CrmReportBreakdown;

typedef struct
{
  const char               *name;         /* "sales": --export sales */
  const char               *title;        /* N_("Sales summary") */
  const char               *description;  /* N_(), one line for --export help */
  const CrmReportBreakdown *breakdowns;   /* ends with { NULL, NULL } */
  gboolean                  needs_cost;   /* only for sessions that may see cost prices */
  gboolean                  managers_only;/* not for staff (campaigns) */
  CrmReportBuildFunc        build;
} CrmReportInfo;

/* Every report, in the order the Reports section lists them. */
const CrmReportInfo *crm_reports_get_all    (guint                 *n_reports);
const CrmReportInfo *crm_reports_find       (const char            *name);
/* Whether @session may open @info: managers and admins all; staff all
 * but the managers_only ones, and the builders limit a staff member's
 * figures to their own work; cost reports need the cost permission. */
gboolean             crm_reports_may_build  (const CrmReportInfo   *info,
                                             CrmSession            *session);
/* Finds, checks the permission (CRM_PERMISSION_ERROR) and the breakdown
 * name (CRM_VALIDATION_ERROR), then builds. */
CrmReport           *crm_reports_build      (CrmStore              *store,
                                             CrmSession            *session,
                                             const char            *name,
                                             const CrmReportFilter *filter,
                                             GCancellable          *cancellable,
                                             GError               **error);

/* The builders (one file each under src/store/crm-report-*.c). */
extern const CrmReportBreakdown crm_report_sales_breakdowns[];
extern const CrmReportBreakdown crm_report_profit_breakdowns[];
extern const CrmReportBreakdown crm_report_quotes_breakdowns[];
extern const CrmReportBreakdown crm_report_funnel_breakdowns[];
extern const CrmReportBreakdown crm_report_customers_breakdowns[];
extern const CrmReportBreakdown crm_report_staff_breakdowns[];
extern const CrmReportBreakdown crm_report_campaigns_breakdowns[];

CrmReport *crm_report_sales_build     (CrmStore *store, CrmSession *session, const CrmReportFilter *filter,
                                       GCancellable *cancellable, GError **error);
CrmReport *crm_report_profit_build    (CrmStore *store, CrmSession *session, const CrmReportFilter *filter,
                                       GCancellable *cancellable, GError **error);
CrmReport *crm_report_quotes_build    (CrmStore *store, CrmSession *session, const CrmReportFilter *filter,
                                       GCancellable *cancellable, GError **error);
CrmReport *crm_report_funnel_build    (CrmStore *store, CrmSession *session, const CrmReportFilter *filter,
                                       GCancellable *cancellable, GError **error);
CrmReport *crm_report_customers_build (CrmStore *store, CrmSession *session, const CrmReportFilter *filter,
                                       GCancellable *cancellable, GError **error);
CrmReport *crm_report_staff_build     (CrmStore *store, CrmSession *session, const CrmReportFilter *filter,
                                       GCancellable *cancellable, GError **error);
CrmReport *crm_report_campaigns_build (CrmStore *store, CrmSession *session, const CrmReportFilter *filter,
                                       GCancellable *cancellable, GError **error);

G_END_DECLS
