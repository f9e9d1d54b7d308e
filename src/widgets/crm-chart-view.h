/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-report.h"

G_BEGIN_DECLS

#define CRM_TYPE_CHART_VIEW (crm_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmChartView, crm_chart_view, CRM, CHART_VIEW, GtkWidget)

/* A widget showing a report's chart (crm_chart_draw()); its accessible
 * role is an image labelled with the chart's title. */
GtkWidget *crm_chart_view_new        (void);
/* @report may be NULL: the view is then blank. */
void       crm_chart_view_set_report (CrmChartView *self,
                                      CrmReport    *report);

G_END_DECLS
