/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "crm-report.h"

G_BEGIN_DECLS

/* Draws @report's chart (its title, axes, series, legend) with cairo and
 * pango in the box 0, 0, @width, @height of @cr (user units: pixels on
 * screen, points on paper).  Nothing is drawn for CRM_CHART_NONE.  Used
 * by the report window (crm-chart-view.h), the PDF writer and printing. */
void crm_chart_draw (CrmReport *report,
                     cairo_t   *cr,
                     double     width,
                     double     height);

G_END_DECLS
