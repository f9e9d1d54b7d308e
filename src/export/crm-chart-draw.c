/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-chart-draw"

#include "config.h"

#include "crm-chart-draw.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "crm-money.h"
#include "crm-pdf-common.h"

/* A report's chart with cairo and pango, the same on screen, on a PDF
 * page and on paper: the title, a legend when there are several series,
 * a value axis with round ticks labelled compactly ("1,2 tỷ", "350 tr"),
 * the categories under the plot (turned or thinned out when crowded),
 * and the bars, lines or funnel steps.  Text sizes follow the box, and
 * the palette differs in lightness so that a grey print tells the series
 * apart. */

#define MAX_TICKS 6

typedef struct
{
  double r, g, b;
} Colour;

/* Dark blue, orange, green, light blue: four clearly different greys. */
static const Colour palette[] = {
  { 0.129, 0.318, 0.573 },
  { 0.945, 0.584, 0.200 },
  { 0.224, 0.580, 0.420 },
  { 0.651, 0.800, 0.937 },
};

typedef enum
{
  UNIT_NONE,
  UNIT_PERCENT,
  UNIT_THOUSANDS,
  UNIT_MILLIONS,
  UNIT_BILLIONS,
} Unit;

typedef struct
{
  CrmReport    *report;
  cairo_t      *cr;
  double        width;
  double        height;
  CrmChartKind  kind;
  guint         n_rows;
  guint         n_series;
  guint         category;
  guint         series[4];
  CrmReportKind value_kind;     /* of the first series: how the axis reads */

  PangoContext *context;
  double        font_size;
  double        pad;

  /* The value axis. */
  double        axis_min;
  double        axis_max;
  double        step;
  double        unit;           /* what tick labels are divided by */
  Unit          unit_name;      /* its word in the labels */
  int           decimals;
} Chart;

/* Text ----------------------------------------------------------------------- */

static PangoLayout *
chart_text (Chart       *chart,
            double       size,
            PangoWeight  weight,
            const char  *text)
{
  PangoLayout *layout = crm_pdf_text_new (chart->context, size, weight, -1, PANGO_ALIGN_LEFT);

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

static void
show_text (Chart       *chart,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (chart->cr, x, y);
  pango_cairo_show_layout (chart->cr, layout);
}

/* Number formatting ---------------------------------------------------------- */

/* @value with @decimals decimals (trailing zeros dropped) and a decimal
 * comma, grouped with dots: "1.234", "2,5". */
static char *
format_decimal (double value,
                int    decimals)
{
  double scale = pow (10, decimals);
  double rounded = round (value * scale) / scale;
  double whole = trunc (rounded);
  double fraction = fabs (rounded - whole);
  g_autofree char *integer = NULL;
  GString *out;

  if (rounded == 0)
    return g_strdup ("0");
  integer = crm_money_format_plain ((gint64) whole);
  out = g_string_new (NULL);
  if (rounded < 0 && whole == 0)
    g_string_append_c (out, '-');
  g_string_append (out, integer);
  if (decimals > 0 && fraction * scale >= 0.5)
    {
      char digits[16];

      g_snprintf (digits, sizeof digits, "%0*.0f", decimals, fraction * scale);
      for (int i = (int) strlen (digits) - 1; i > 0 && digits[i] == '0'; i--)
        digits[i] = '\0';
      g_string_append_c (out, ',');
      g_string_append (out, digits);
    }
  return g_string_free (out, FALSE);
}

/* Picks the unit of the tick labels from the largest magnitude on the
 * axis, and enough decimals to tell two ticks apart. */
static void
choose_unit (Chart *chart)
{
  double magnitude = MAX (fabs (chart->axis_min), fabs (chart->axis_max));
  double step;

  chart->unit = 1;
  chart->unit_name = UNIT_NONE;
  if (chart->value_kind == CRM_REPORT_PERCENT)
    {
      chart->unit = 100;
      chart->unit_name = UNIT_PERCENT;
    }
  else if (magnitude >= 1e9)
    {
      chart->unit = 1e9;
      chart->unit_name = UNIT_BILLIONS;
    }
  else if (magnitude >= 1e6)
    {
      chart->unit = 1e6;
      chart->unit_name = UNIT_MILLIONS;
    }
  else if (magnitude >= 1e4)
    {
      chart->unit = 1e3;
      chart->unit_name = UNIT_THOUSANDS;
    }
  step = chart->step / chart->unit;
  chart->decimals = step >= 1 ? 0 : CLAMP ((int) ceil (-log10 (step) - 1e-9), 0, 3);
}

static char *
format_tick (Chart  *chart,
             double  value)
{
  g_autofree char *number = format_decimal (value / chart->unit, chart->decimals);

  if (fabs (value) < chart->step / 1000)
    return g_strdup ("0");
  switch (chart->unit_name)
    {
    case UNIT_PERCENT:
      /* TRANSLATORS: a percentage on a chart's axis, e.g. "12,5 %" */
      return g_strdup_printf (_("%s %%"), number);
    case UNIT_THOUSANDS:
      /* TRANSLATORS: thousands on a chart's axis, e.g. "12 k" */
      return g_strdup_printf (_("%s k"), number);
    case UNIT_MILLIONS:
      /* TRANSLATORS: millions on a chart's axis, e.g. "350 M" */
      return g_strdup_printf (_("%s M"), number);
    case UNIT_BILLIONS:
      /* TRANSLATORS: billions (10⁹) on a chart's axis, e.g. "1,2 bn" */
      return g_strdup_printf (_("%s bn"), number);
    case UNIT_NONE:
    default:
      return g_steal_pointer (&number);
    }
}

/* The value axis --------------------------------------------------------------- */

static double
value_at (Chart *chart,
          guint  row,
          guint  series)
{
  return (double) crm_report_get_number (chart->report, row, chart->series[series]);
}

/* A round step ("1, 2, 2.5 or 5 times a power of ten") giving at most
 * MAX_TICKS ticks from the smallest value (or 0) to the largest (or 0). */
static void
choose_axis (Chart *chart)
{
  double low = 0, high = 0;
  double raw, magnitude, fraction;
  guint n_series = chart->kind == CRM_CHART_FUNNEL ? 1 : chart->n_series;

  for (guint r = 0; r < chart->n_rows; r++)
    for (guint s = 0; s < n_series; s++)
      {
        double value = value_at (chart, r, s);

        low = MIN (low, value);
        high = MAX (high, value);
      }
  if (high == low)
    high = low + (chart->value_kind == CRM_REPORT_PERCENT ? 10000 : 10);

  raw = (high - low) / (MAX_TICKS - 1);
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    chart->step = magnitude;
  else if (fraction <= 2)
    chart->step = 2 * magnitude;
  else if (fraction <= 2.5)
    chart->step = 2.5 * magnitude;
  else if (fraction <= 5)
    chart->step = 5 * magnitude;
  else
    chart->step = 10 * magnitude;
  /* Counts and đồng step by whole units. */
  chart->step = MAX (chart->step, 1);
  chart->axis_min = floor (low / chart->step) * chart->step;
  chart->axis_max = ceil (high / chart->step) * chart->step;
  if (chart->axis_max <= chart->axis_min)
    chart->axis_max = chart->axis_min + chart->step;
  choose_unit (chart);
}

/* Parts ------------------------------------------------------------------------- */

static void
set_colour (cairo_t *cr,
            guint    series)
{
  const Colour *c = &palette[series % G_N_ELEMENTS (palette)];

  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

/* Returns the bottom of the title. */
static double
draw_title (Chart *chart)
{
  const char *title = crm_report_get_chart_title (chart->report);
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  if (title == NULL || *title == '\0')
    title = crm_report_get_title (chart->report);
  if (title == NULL || *title == '\0')
    return chart->pad;
  layout = chart_text (chart, chart->font_size * 1.2, PANGO_WEIGHT_BOLD, title);
  pango_layout_set_width (layout, (int) ((chart->width - 2 * chart->pad) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  text_size (layout, &w, &h);
  cairo_set_source_rgb (chart->cr, 0.1, 0.1, 0.1);
  show_text (chart, layout, chart->pad, chart->pad);
  return chart->pad + h + chart->pad * 0.5;
}

/* One swatch and heading per series, centred, wrapping onto more lines
 * when needed; returns the bottom of the legend. */
static double
draw_legend (Chart  *chart,
             double  top)
{
  double swatch = chart->font_size * 0.8;
  double gap = chart->font_size;
  double available = chart->width - 2 * chart->pad;
  PangoLayout *layouts[4] = { NULL, };
  double widths[4], line_height = 0;
  guint first = 0;
  double y = top;

  for (guint s = 0; s < chart->n_series; s++)
    {
      const char *heading = crm_report_get_column_heading (chart->report, chart->series[s]);
      double h;

      double longest = MAX (available - swatch - 4, 10);

      layouts[s] = chart_text (chart, chart->font_size, PANGO_WEIGHT_NORMAL, heading ? heading : "");
      pango_layout_set_ellipsize (layouts[s], PANGO_ELLIPSIZE_END);
      text_size (layouts[s], &widths[s], &h);
      if (widths[s] > longest)
        {
          pango_layout_set_width (layouts[s], (int) (longest * PANGO_SCALE));
          widths[s] = longest;
        }
      widths[s] += swatch + 4;
      line_height = MAX (line_height, h);
    }

  while (first < chart->n_series)
    {
      guint last = first + 1;
      double total = widths[first];
      double x;

      while (last < chart->n_series && total + gap + widths[last] <= available)
        total += gap + widths[last++];
      x = chart->pad + (available - total) / 2;
      for (guint s = first; s < last; s++)
        {
          set_colour (chart->cr, s);
          cairo_rectangle (chart->cr, x, y + (line_height - swatch) / 2, swatch, swatch);
          cairo_fill (chart->cr);
          cairo_set_source_rgb (chart->cr, 0.2, 0.2, 0.2);
          show_text (chart, layouts[s], x + swatch + 4, y);
          x += widths[s] + gap;
        }
      y += line_height;
      first = last;
    }
  for (guint s = 0; s < chart->n_series; s++)
    g_object_unref (layouts[s]);
  return y + chart->pad * 0.5;
}

static double
y_of (Chart  *chart,
      double  value,
      double  top,
      double  bottom)
{
  return bottom - (value - chart->axis_min) / (chart->axis_max - chart->axis_min) * (bottom - top);
}

/* The widest tick label, to know where the plot starts. */
static double
tick_labels_width (Chart *chart)
{
  double widest = 0;

  for (double v = chart->axis_min; v <= chart->axis_max + chart->step / 2; v += chart->step)
    {
      g_autofree char *text = format_tick (chart, v);
      g_autoptr(PangoLayout) layout = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_NORMAL, text);
      double w;

      text_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* Grid lines and tick labels; the zero line darker. */
static void
draw_value_axis (Chart  *chart,
                 double  left,
                 double  right,
                 double  top,
                 double  bottom)
{
  cairo_t *cr = chart->cr;

  cairo_set_line_width (cr, 0.5);
  for (double v = chart->axis_min; v <= chart->axis_max + chart->step / 2; v += chart->step)
    {
      double y = round (y_of (chart, v, top, bottom)) + 0.25;
      g_autofree char *text = format_tick (chart, v);
      g_autoptr(PangoLayout) layout = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_NORMAL, text);
      double w, h;

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      text_size (layout, &w, &h);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      show_text (chart, layout, left - 4 - w, y - h / 2);
    }
  /* The zero line, with losses below it. */
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, y_of (chart, 0, top, bottom));
  cairo_line_to (cr, right, y_of (chart, 0, top, bottom));
  cairo_stroke (cr);
}

static char *
category_text (Chart *chart,
               guint  row)
{
  return crm_report_format_cell (chart->report, row, chart->category);
}

typedef struct
{
  gboolean turned;     /* at 45° */
  guint    every;      /* label one category in so many */
  double   max_width;  /* of a label, ellipsized beyond */
  double   height;     /* of the band under the plot */
} CategoryLabels;

/* Horizontal labels when they fit their slots; else, for lines, one in
 * so many; for bars, turned by 45° and thinned out if still crowded. */
static CategoryLabels
plan_category_labels (Chart  *chart,
                      double  slot)
{
  CategoryLabels plan = { FALSE, 1, 0, 0 };
  double widest = 0, line_height = 0;

  for (guint r = 0; r < chart->n_rows; r++)
    {
      g_autofree char *text = category_text (chart, r);
      g_autoptr(PangoLayout) layout = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_NORMAL, text);
      double w, h;

      text_size (layout, &w, &h);
      widest = MAX (widest, w);
      line_height = MAX (line_height, h);
    }
  if (line_height == 0)
    {
      g_autoptr(PangoLayout) probe = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_NORMAL, "Ẩg");

      text_size (probe, NULL, &line_height);
    }
  plan.max_width = MIN (widest, chart->width / 3);
  if (widest + 4 <= slot || chart->kind == CRM_CHART_LINE)
    {
      plan.every = MAX (1, (guint) ceil ((plan.max_width + chart->font_size) / slot));
      if (plan.every > 1)
        plan.max_width = MIN (plan.max_width, plan.every * slot - chart->font_size / 2);
      plan.height = line_height + 4;
      return plan;
    }
  plan.turned = TRUE;
  plan.max_width = MIN (widest, chart->height * 0.3 / G_SQRT2 * 2);
  plan.every = MAX (1, (guint) ceil (line_height * 1.1 / (slot / G_SQRT2)));
  plan.height = (plan.max_width + line_height) / G_SQRT2 + 4;
  return plan;
}

static void
draw_category_labels (Chart                *chart,
                      const CategoryLabels *plan,
                      double                left,
                      double                slot,
                      double                y)
{
  cairo_t *cr = chart->cr;

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  for (guint r = 0; r < chart->n_rows; r += plan->every)
    {
      g_autofree char *text = category_text (chart, r);
      g_autoptr(PangoLayout) layout = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_NORMAL, text);
      double x = left + (r + 0.5) * slot;
      double w, h;

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      text_size (layout, &w, &h);
      if (w > plan->max_width)
        {
          pango_layout_set_width (layout, (int) (MAX (plan->max_width, 1) * PANGO_SCALE));
          w = plan->max_width;
        }
      if (!plan->turned)
        {
          show_text (chart, layout, x - w / 2, y + 2);
          continue;
        }
      /* The label ends at its category, rising from lower left. */
      cairo_save (cr);
      cairo_translate (cr, x, y + 2);
      cairo_rotate (cr, -G_PI / 4);
      show_text (chart, layout, -w, -h / 2);
      cairo_restore (cr);
    }
}

/* Bars and lines --------------------------------------------------------------- */

static void
draw_bars (Chart  *chart,
           double  left,
           double  slot,
           double  top,
           double  bottom)
{
  cairo_t *cr = chart->cr;
  double group = slot * (chart->n_rows > 60 ? 0.9 : 0.75);
  double bar = group / chart->n_series;
  double zero = y_of (chart, 0, top, bottom);

  for (guint r = 0; r < chart->n_rows; r++)
    for (guint s = 0; s < chart->n_series; s++)
      {
        double x = left + r * slot + (slot - group) / 2 + s * bar;
        double y = y_of (chart, value_at (chart, r, s), top, bottom);

        if (y == zero)
          continue;
        cairo_rectangle (cr, x, MIN (y, zero), MAX (bar - (bar > 4 ? 1 : 0), 0.5), fabs (zero - y));
        set_colour (cr, s);
        cairo_fill_preserve (cr);
        /* An edge so that light bars stand out on white paper. */
        if (bar > 3)
          {
            cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
            cairo_set_line_width (cr, 0.5);
            cairo_stroke (cr);
          }
        else
          cairo_new_path (cr);
      }
}

static void
draw_lines (Chart  *chart,
            double  left,
            double  slot,
            double  top,
            double  bottom)
{
  cairo_t *cr = chart->cr;
  double line_width = CLAMP (chart->font_size / 5, 1.2, 2.5);
  gboolean markers = chart->n_rows <= 40;

  for (guint s = 0; s < chart->n_series; s++)
    {
      /* Each series its own dashes too, for grey prints. */
      static const double dashes[][2] = { { 1, 0 }, { 6, 3 }, { 2, 2 }, { 8, 2 } };
      double dash[2] = { dashes[s % 4][0] * line_width, dashes[s % 4][1] * line_width };

      set_colour (cr, s);
      cairo_set_line_width (cr, line_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (s > 0)
        cairo_set_dash (cr, dash, 2, 0);
      for (guint r = 0; r < chart->n_rows; r++)
        {
          double x = left + (r + 0.5) * slot;
          double y = y_of (chart, value_at (chart, r, s), top, bottom);

          if (r == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (!markers)
        continue;
      for (guint r = 0; r < chart->n_rows; r++)
        {
          double x = left + (r + 0.5) * slot;
          double y = y_of (chart, value_at (chart, r, s), top, bottom);

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, line_width * 1.6, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }
}

static void
draw_axes_chart (Chart  *chart,
                 double  top)
{
  double pad = chart->pad;
  double left, right, bottom, slot;
  CategoryLabels plan;

  choose_axis (chart);
  left = pad + tick_labels_width (chart) + 6;
  right = chart->width - pad;
  if (right - left < 20)
    return;
  slot = (right - left) / MAX (chart->n_rows, 1);
  plan = plan_category_labels (chart, slot);
  bottom = chart->height - pad - plan.height;
  if (bottom - top < 20)
    return;

  draw_value_axis (chart, left, right, top, bottom);
  if (chart->n_rows == 0)
    return;
  if (chart->kind == CRM_CHART_BAR)
    draw_bars (chart, left, slot, top, bottom);
  else
    draw_lines (chart, left, slot, top, bottom);
  draw_category_labels (chart, &plan, left, slot, bottom);
}

/* Funnel ------------------------------------------------------------------------ */

/* One centred bar per step, as wide as its value against the widest;
 * the step's name on the left, its value and its share of the step
 * before on the right. */
static void
draw_funnel (Chart  *chart,
             double  top)
{
  cairo_t *cr = chart->cr;
  double pad = chart->pad;
  double bottom = chart->height - pad;
  double label_width = (chart->width - 2 * pad) * 0.25;
  double value_width = (chart->width - 2 * pad) * 0.25;
  double bars_left = pad + label_width + pad / 2;
  double bars_width = chart->width - 2 * pad - label_width - value_width - pad;
  double step_height, line_height, high = 0;
  guint every;
  g_autoptr(PangoLayout) probe = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_NORMAL, "Ẩg");

  if (bottom - top < 10 || bars_width < 10 || chart->n_rows == 0)
    return;
  text_size (probe, NULL, &line_height);
  step_height = (bottom - top) / chart->n_rows;
  every = MAX (1, (guint) ceil (line_height / step_height));
  for (guint r = 0; r < chart->n_rows; r++)
    high = MAX (high, value_at (chart, r, 0));

  for (guint r = 0; r < chart->n_rows; r++)
    {
      double value = MAX (value_at (chart, r, 0), 0);
      double w = high > 0 ? MAX (bars_width * value / high, 1) : 1;
      double y = top + r * step_height;
      double gap = step_height > 8 ? step_height * 0.12 : 0;

      /* Steps darken as they narrow. */
      cairo_set_source_rgb (cr,
                            palette[0].r + (1 - palette[0].r) * 0.45 * (1 - (double) r / MAX (chart->n_rows, 1)),
                            palette[0].g + (1 - palette[0].g) * 0.45 * (1 - (double) r / MAX (chart->n_rows, 1)),
                            palette[0].b + (1 - palette[0].b) * 0.45 * (1 - (double) r / MAX (chart->n_rows, 1)));
      cairo_rectangle (cr, bars_left + (bars_width - w) / 2, y + gap / 2, w, MAX (step_height - gap, 0.5));
      cairo_fill (cr);

      if (r % every != 0)
        continue;
      {
        g_autofree char *name = category_text (chart, r);
        g_autofree char *shown = crm_report_format_value (chart->value_kind, (gint64) value_at (chart, r, 0));
        g_autofree char *text = NULL;
        g_autoptr(PangoLayout) left_layout = NULL;
        g_autoptr(PangoLayout) right_layout = NULL;
        double lh, lw;

        if (r > 0)
          {
            gint64 previous = crm_report_get_number (chart->report, r - 1, chart->series[0]);
            gint64 current = crm_report_get_number (chart->report, r, chart->series[0]);
            g_autofree char *share = crm_report_format_value (CRM_REPORT_PERCENT,
                                                              crm_report_ratio_bp (current, previous));

            /* TRANSLATORS: a funnel step's value and its conversion from
             * the step before, e.g. "120 (45 %)" */
            text = g_strdup_printf (_("%s (%s)"), shown, share);
          }
        else
          text = g_strdup (shown);

        left_layout = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_NORMAL, name);
        pango_layout_set_width (left_layout, (int) (label_width * PANGO_SCALE));
        pango_layout_set_alignment (left_layout, PANGO_ALIGN_RIGHT);
        pango_layout_set_ellipsize (left_layout, PANGO_ELLIPSIZE_END);
        text_size (left_layout, &lw, &lh);
        cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
        show_text (chart, left_layout, pad, y + (step_height - lh) / 2);

        right_layout = chart_text (chart, chart->font_size * 0.9, PANGO_WEIGHT_BOLD, text);
        pango_layout_set_width (right_layout, (int) (value_width * PANGO_SCALE));
        pango_layout_set_ellipsize (right_layout, PANGO_ELLIPSIZE_END);
        text_size (right_layout, NULL, &lh);
        show_text (chart, right_layout, chart->width - pad - value_width, y + (step_height - lh) / 2);
      }
    }
}

static void
draw_no_data (Chart  *chart,
              double  top)
{
  g_autoptr(PangoLayout) layout = chart_text (chart, chart->font_size, PANGO_WEIGHT_NORMAL,
                                              _("No data to chart"));
  double w, h;

  text_size (layout, &w, &h);
  cairo_set_source_rgb (chart->cr, 0.45, 0.45, 0.45);
  show_text (chart, layout, (chart->width - w) / 2, top + (chart->height - top - h) / 2);
}

/**
 * crm_chart_draw:
 * @report: the report whose chart to draw
 * @cr: where; its state is left as it was
 * @width: of the box, in @cr's user units
 * @height: of the box
 *
 * Draws @report's chart in the box (0, 0, @width, @height), on whatever
 * background is already there.  Draws nothing for %CRM_CHART_NONE or a
 * box too small to hold a chart.
 */
void
crm_chart_draw (CrmReport *report,
                cairo_t   *cr,
                double     width,
                double     height)
{
  PangoContext *context;
  Chart chart = { 0 };
  double top;

  g_return_if_fail (CRM_IS_REPORT (report));
  g_return_if_fail (cr != NULL);

  chart.kind = crm_report_get_chart_kind (report);
  if (chart.kind == CRM_CHART_NONE || width < 40 || height < 40)
    return;

  chart.report = report;
  chart.cr = cr;
  chart.width = width;
  chart.height = height;
  chart.n_rows = MIN (crm_report_get_chart_rows (report), crm_report_get_n_rows (report));
  chart.n_series = MIN (crm_report_get_chart_n_series (report), G_N_ELEMENTS (chart.series));
  chart.category = crm_report_get_chart_category (report);
  for (guint s = 0; s < chart.n_series; s++)
    chart.series[s] = crm_report_get_chart_series (report, s);
  if (chart.n_series == 0)
    return;
  chart.value_kind = crm_report_get_column_kind (report, chart.series[0]);
  chart.font_size = CLAMP (MIN (width / 40, height / 22), 6.5, 12);
  chart.pad = chart.font_size * 0.8;

  /* Text measured without hinting, at one point per user unit: the same
   * layout on screen and on paper.  The font map is this thread's. */
  context = crm_pdf_context_new (pango_cairo_font_map_get_default ());
  chart.context = context;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  pango_cairo_update_context (cr, context);

  top = draw_title (&chart);
  if (chart.n_series > 1 && chart.kind != CRM_CHART_FUNNEL)
    top = draw_legend (&chart, top);
  if (chart.n_rows == 0)
    draw_no_data (&chart, top);
  else if (chart.kind == CRM_CHART_FUNNEL)
    draw_funnel (&chart, top);
  else
    draw_axes_chart (&chart, top);
  cairo_restore (cr);
  g_object_unref (context);
}
