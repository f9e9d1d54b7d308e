/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-chart-view"

#include "config.h"

#include "crm-chart-view.h"

#include <glib/gi18n-lib.h>

#include "crm-chart-draw.h"

/* A report's chart in the report window: a white card (the chart is
 * drawn for paper, dark text on white, whatever the theme) on which
 * crm_chart_draw() paints.  For screen readers it is an image whose
 * label is the chart's title. */

#define CHART_HEIGHT 260
#define CORNER       6.0

struct _CrmChartView
{
  GtkWidget  parent_instance;

  CrmReport *report;
};

G_DEFINE_FINAL_TYPE (CrmChartView, crm_chart_view, GTK_TYPE_WIDGET)

static void
crm_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CrmChartView *self = CRM_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->report == NULL || crm_report_get_chart_kind (self->report) == CRM_CHART_NONE ||
      width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - CORNER, CORNER, CORNER, -G_PI / 2, 0);
  cairo_arc (cr, width - CORNER, height - CORNER, CORNER, 0, G_PI / 2);
  cairo_arc (cr, CORNER, height - CORNER, CORNER, G_PI / 2, G_PI);
  cairo_arc (cr, CORNER, CORNER, CORNER, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  crm_chart_draw (self->report, cr, width, height);
  cairo_destroy (cr);
}

static void
crm_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CrmChartView *self = CRM_CHART_VIEW (widget);
  gboolean has_chart = self->report != NULL && crm_report_get_chart_kind (self->report) != CRM_CHART_NONE;

  /* Without a chart the view takes no room. */
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = has_chart ? CHART_HEIGHT : 0;
  else
    {
      *minimum = has_chart ? 200 : 0;
      *natural = has_chart ? 480 : 0;
    }
}

static void
crm_chart_view_dispose (GObject *object)
{
  CrmChartView *self = CRM_CHART_VIEW (object);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (crm_chart_view_parent_class)->dispose (object);
}

static void
crm_chart_view_class_init (CrmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_chart_view_dispose;
  widget_class->snapshot = crm_chart_view_snapshot;
  widget_class->measure = crm_chart_view_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
crm_chart_view_init (CrmChartView *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
crm_chart_view_new (void)
{
  return g_object_new (CRM_TYPE_CHART_VIEW, NULL);
}

/**
 * crm_chart_view_set_report:
 * @report: (nullable): the report whose chart to show
 *
 * Shows @report's chart; when @report is %NULL or has no chart the view
 * is blank and asks for no room.
 */
void
crm_chart_view_set_report (CrmChartView *self,
                           CrmReport    *report)
{
  const char *title = NULL;
  gboolean has_chart;

  g_return_if_fail (CRM_IS_CHART_VIEW (self));
  g_return_if_fail (report == NULL || CRM_IS_REPORT (report));

  g_set_object (&self->report, report);
  has_chart = report != NULL && crm_report_get_chart_kind (report) != CRM_CHART_NONE;
  if (has_chart)
    {
      title = crm_report_get_chart_title (report);
      if (title == NULL || *title == '\0')
        title = crm_report_get_title (report);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : _("Chart"),
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
