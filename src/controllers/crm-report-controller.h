/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-period.h"
#include "crm-report.h"
#include "crm-reports.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_REPORT_CONTROLLER (crm_report_controller_get_type ())

G_DECLARE_FINAL_TYPE (CrmReportController, crm_report_controller, CRM, REPORT_CONTROLLER, GObject)

/* The Reports section without its widgets: which report (one of the
 * registry's that the session may open), how it is broken down, over
 * which period and for which staff member, team and customer category.
 * Every change rebuilds the report on a worker thread over its own
 * read-only connection; a newer request cancels the one running and a
 * late result of an older one is dropped.  Properties (all notify):
 * report-name, breakdown, period-unit, period-label, staff-id, team-id,
 * category-id, report (read-only, NULL until built), busy, error-message. */
CrmReportController *crm_report_controller_new            (CrmStore            *store,
                                                           CrmSession          *session);

/* The reports this session may open, in the registry's order
 * (element-type: const CrmReportInfo *, owned by the registry). */
GPtrArray           *crm_report_controller_list_reports   (CrmReportController *self);

/* NULL-or-unknown names and names the session may not open clear the
 * report and set error-message; the breakdown returns to the first. */
void                 crm_report_controller_set_report_name (CrmReportController *self,
                                                            const char          *name);
const char          *crm_report_controller_get_report_name (CrmReportController *self);
const CrmReportInfo *crm_report_controller_get_info       (CrmReportController *self);
/* One of the report's breakdowns by name; NULL for the first. */
void                 crm_report_controller_set_breakdown  (CrmReportController *self,
                                                           const char          *breakdown);
const char          *crm_report_controller_get_breakdown  (CrmReportController *self);

void                 crm_report_controller_set_period     (CrmReportController *self,
                                                           const CrmPeriod     *period);
void                 crm_report_controller_get_period     (CrmReportController *self,
                                                           CrmPeriod           *period);
/* The @unit containing the first day of the current period; CUSTOM keeps
 * the current days and lets set_range change them. */
void                 crm_report_controller_set_unit       (CrmReportController *self,
                                                           CrmPeriodUnit        unit);
CrmPeriodUnit        crm_report_controller_get_unit       (CrmReportController *self);
void                 crm_report_controller_set_range      (CrmReportController *self,
                                                           const GDate         *first,
                                                           const GDate         *last);
void                 crm_report_controller_previous_period (CrmReportController *self);
void                 crm_report_controller_next_period    (CrmReportController *self);
/* crm_period_format() of the period, e.g. "Month 11/2026 (…)". */
char                *crm_report_controller_dup_period_label (CrmReportController *self);

void                 crm_report_controller_set_staff_id   (CrmReportController *self,
                                                           gint64               staff_id);
gint64               crm_report_controller_get_staff_id   (CrmReportController *self);
void                 crm_report_controller_set_team_id    (CrmReportController *self,
                                                           gint64               team_id);
gint64               crm_report_controller_get_team_id    (CrmReportController *self);
void                 crm_report_controller_set_category_id (CrmReportController *self,
                                                            gint64               category_id);
gint64               crm_report_controller_get_category_id (CrmReportController *self);

/* Builds again with the same filters (e.g. when the page is shown). */
void                 crm_report_controller_rebuild        (CrmReportController *self);
/* Stops the build running, if any; the last report stays. */
void                 crm_report_controller_cancel         (CrmReportController *self);

CrmReport           *crm_report_controller_get_report     (CrmReportController *self);
gboolean             crm_report_controller_get_busy       (CrmReportController *self);
const char          *crm_report_controller_get_error_message (CrmReportController *self);

G_END_DECLS
