/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-report.h"

#include <string.h>

#include "crm-money.h"
#include "crm-validate.h"

#define MAX_SERIES 4

typedef struct
{
  char          *heading;
  CrmReportKind  kind;
  double         width;
} Column;

typedef struct
{
  char          *label;
  CrmReportKind  kind;
  gint64         value;
} Figure;

/* One cell: text for TEXT and DATE columns, number for the others. */
typedef struct
{
  char     *text;
  gint64    number;
  gboolean  set;
} Cell;

struct _CrmReport
{
  GObject       parent_instance;

  char         *name;
  char         *title;
  GPtrArray    *subtitles;
  GArray       *figures;   /* Figure */
  GArray       *columns;   /* Column */
  GPtrArray    *rows;      /* Cell[n_columns] */

  CrmChartKind  chart_kind;
  char         *chart_title;
  guint         chart_category;
  guint         chart_series[MAX_SERIES];
  guint         chart_n_series;
  gint          chart_rows;  /* -1: every row */
};

G_DEFINE_FINAL_TYPE (CrmReport, crm_report, G_TYPE_OBJECT)

static void
clear_column (gpointer data)
{
  Column *column = data;

  g_free (column->heading);
}

static void
clear_figure (gpointer data)
{
  Figure *figure = data;

  g_free (figure->label);
}

static void
crm_report_finalize (GObject *object)
{
  CrmReport *self = CRM_REPORT (object);
  guint n_columns = self->columns->len;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Cell *cells = g_ptr_array_index (self->rows, i);

      for (guint j = 0; j < n_columns; j++)
        g_free (cells[j].text);
      g_free (cells);
    }
  g_ptr_array_unref (self->rows);
  g_array_unref (self->columns);
  g_array_unref (self->figures);
  g_ptr_array_unref (self->subtitles);
  g_free (self->chart_title);
  g_free (self->title);
  g_free (self->name);

  G_OBJECT_CLASS (crm_report_parent_class)->finalize (object);
}

static void
crm_report_class_init (CrmReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_report_finalize;
}

static void
crm_report_init (CrmReport *self)
{
  self->subtitles = g_ptr_array_new_with_free_func (g_free);
  self->figures = g_array_new (FALSE, TRUE, sizeof (Figure));
  g_array_set_clear_func (self->figures, clear_figure);
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, clear_column);
  self->rows = g_ptr_array_new ();
  self->chart_rows = -1;
}

CrmReport *
crm_report_new (const char *name,
                const char *title)
{
  CrmReport *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CRM_TYPE_REPORT, NULL);
  self->name = g_strdup (name);
  self->title = g_strdup (title);
  return self;
}

const char *
crm_report_get_name (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), NULL);
  return self->name;
}

const char *
crm_report_get_title (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), NULL);
  return self->title;
}

void
crm_report_add_subtitle (CrmReport  *self,
                         const char *line)
{
  g_return_if_fail (CRM_IS_REPORT (self));
  g_return_if_fail (line != NULL);
  g_ptr_array_add (self->subtitles, g_strdup (line));
}

guint
crm_report_get_n_subtitles (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  return self->subtitles->len;
}

const char *
crm_report_get_subtitle (CrmReport *self,
                         guint      index)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->subtitles->len, NULL);
  return g_ptr_array_index (self->subtitles, index);
}

void
crm_report_add_figure (CrmReport     *self,
                       const char    *label,
                       CrmReportKind  kind,
                       gint64         value)
{
  Figure figure = { g_strdup (label), kind, value };

  g_return_if_fail (CRM_IS_REPORT (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (kind != CRM_REPORT_TEXT && kind != CRM_REPORT_DATE);
  g_array_append_val (self->figures, figure);
}

guint
crm_report_get_n_figures (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  return self->figures->len;
}

static Figure *
get_figure (CrmReport *self,
            guint      index)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->figures->len, NULL);
  return &g_array_index (self->figures, Figure, index);
}

const char *
crm_report_get_figure_label (CrmReport *self,
                             guint      index)
{
  Figure *figure = get_figure (self, index);

  return figure != NULL ? figure->label : NULL;
}

CrmReportKind
crm_report_get_figure_kind (CrmReport *self,
                            guint      index)
{
  Figure *figure = get_figure (self, index);

  return figure != NULL ? figure->kind : CRM_REPORT_INTEGER;
}

gint64
crm_report_get_figure_value (CrmReport *self,
                             guint      index)
{
  Figure *figure = get_figure (self, index);

  return figure != NULL ? figure->value : 0;
}

char *
crm_report_format_figure (CrmReport *self,
                          guint      index)
{
  Figure *figure = get_figure (self, index);

  return figure != NULL ? crm_report_format_value (figure->kind, figure->value) : NULL;
}

guint
crm_report_add_column (CrmReport     *self,
                       const char    *heading,
                       CrmReportKind  kind,
                       double         width)
{
  Column column = { g_strdup (heading), kind, width > 0 ? width : 10 };

  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  g_return_val_if_fail (heading != NULL, 0);
  g_return_val_if_fail (self->rows->len == 0, 0);
  g_array_append_val (self->columns, column);
  return self->columns->len - 1;
}

guint
crm_report_get_n_columns (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  return self->columns->len;
}

static Column *
get_column (CrmReport *self,
            guint      column)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return &g_array_index (self->columns, Column, column);
}

const char *
crm_report_get_column_heading (CrmReport *self,
                               guint      column)
{
  Column *info = get_column (self, column);

  return info != NULL ? info->heading : NULL;
}

CrmReportKind
crm_report_get_column_kind (CrmReport *self,
                            guint      column)
{
  Column *info = get_column (self, column);

  return info != NULL ? info->kind : CRM_REPORT_TEXT;
}

double
crm_report_get_column_width (CrmReport *self,
                             guint      column)
{
  Column *info = get_column (self, column);

  return info != NULL ? info->width : 0;
}

guint
crm_report_add_row (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  g_ptr_array_add (self->rows, g_new0 (Cell, MAX (self->columns->len, 1)));
  return self->rows->len - 1;
}

guint
crm_report_get_n_rows (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  return self->rows->len;
}

static Cell *
get_cell (CrmReport *self,
          guint      row,
          guint      column)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return &((Cell *) g_ptr_array_index (self->rows, row))[column];
}

static gboolean
is_textual (CrmReportKind kind)
{
  return kind == CRM_REPORT_TEXT || kind == CRM_REPORT_DATE;
}

void
crm_report_set_text (CrmReport  *self,
                     guint       row,
                     guint       column,
                     const char *text)
{
  Cell *cell = get_cell (self, row, column);

  g_return_if_fail (cell != NULL);
  g_return_if_fail (crm_report_get_column_kind (self, column) == CRM_REPORT_TEXT);
  g_free (cell->text);
  cell->text = g_strdup (text);
  cell->set = text != NULL;
}

void
crm_report_set_number (CrmReport *self,
                       guint      row,
                       guint      column,
                       gint64     value)
{
  Cell *cell = get_cell (self, row, column);

  g_return_if_fail (cell != NULL);
  g_return_if_fail (!is_textual (crm_report_get_column_kind (self, column)));
  cell->number = value;
  cell->set = TRUE;
}

void
crm_report_set_date (CrmReport  *self,
                     guint       row,
                     guint       column,
                     const char *iso_date)
{
  Cell *cell = get_cell (self, row, column);

  g_return_if_fail (cell != NULL);
  g_return_if_fail (crm_report_get_column_kind (self, column) == CRM_REPORT_DATE);
  g_free (cell->text);
  cell->text = NULL;
  cell->set = FALSE;
  if (iso_date == NULL || strlen (iso_date) < 10)
    return;
  cell->text = g_strndup (iso_date, 10);
  cell->set = TRUE;
}

gboolean
crm_report_cell_is_empty (CrmReport *self,
                          guint      row,
                          guint      column)
{
  Cell *cell = get_cell (self, row, column);

  return cell == NULL || !cell->set;
}

const char *
crm_report_get_text (CrmReport *self,
                     guint      row,
                     guint      column)
{
  Cell *cell = get_cell (self, row, column);

  return cell != NULL && cell->set ? cell->text : NULL;
}

gint64
crm_report_get_number (CrmReport *self,
                       guint      row,
                       guint      column)
{
  Cell *cell = get_cell (self, row, column);

  return cell != NULL && cell->set ? cell->number : 0;
}

char *
crm_report_format_cell (CrmReport *self,
                        guint      row,
                        guint      column)
{
  Cell *cell = get_cell (self, row, column);
  CrmReportKind kind;

  if (cell == NULL || !cell->set)
    return g_strdup ("");
  kind = crm_report_get_column_kind (self, column);
  if (kind == CRM_REPORT_TEXT)
    return g_strdup (cell->text);
  if (kind == CRM_REPORT_DATE)
    {
      char *shown = crm_date_format (cell->text);

      return shown != NULL ? shown : g_strdup (cell->text);
    }
  return crm_report_format_value (kind, cell->number);
}

void
crm_report_set_chart (CrmReport    *self,
                      CrmChartKind  kind,
                      const char   *title,
                      guint         category_column,
                      const guint  *value_columns,
                      guint         n_value_columns)
{
  g_return_if_fail (CRM_IS_REPORT (self));
  g_return_if_fail (kind == CRM_CHART_NONE || category_column < self->columns->len);
  g_return_if_fail (kind == CRM_CHART_NONE || (n_value_columns >= 1 && n_value_columns <= MAX_SERIES));

  self->chart_kind = kind;
  g_free (self->chart_title);
  self->chart_title = g_strdup (title);
  self->chart_category = category_column;
  self->chart_n_series = kind == CRM_CHART_NONE ? 0 : n_value_columns;
  for (guint i = 0; i < self->chart_n_series; i++)
    {
      g_return_if_fail (value_columns[i] < self->columns->len);
      g_return_if_fail (!is_textual (crm_report_get_column_kind (self, value_columns[i])));
      self->chart_series[i] = value_columns[i];
    }
}

void
crm_report_set_chart_rows (CrmReport *self,
                           guint      n_rows)
{
  g_return_if_fail (CRM_IS_REPORT (self));
  self->chart_rows = (gint) MIN (n_rows, (guint) G_MAXINT);
}

CrmChartKind
crm_report_get_chart_kind (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), CRM_CHART_NONE);
  return self->chart_kind;
}

const char *
crm_report_get_chart_title (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), NULL);
  return self->chart_title != NULL ? self->chart_title : self->title;
}

guint
crm_report_get_chart_category (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  return self->chart_category;
}

guint
crm_report_get_chart_n_series (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  return self->chart_n_series;
}

guint
crm_report_get_chart_series (CrmReport *self,
                             guint      index)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  g_return_val_if_fail (index < self->chart_n_series, 0);
  return self->chart_series[index];
}

guint
crm_report_get_chart_rows (CrmReport *self)
{
  g_return_val_if_fail (CRM_IS_REPORT (self), 0);
  if (self->chart_rows < 0)
    return self->rows->len;
  return MIN ((guint) self->chart_rows, self->rows->len);
}

char *
crm_report_format_value (CrmReportKind kind,
                         gint64        value)
{
  switch (kind)
    {
    case CRM_REPORT_MONEY:
      return crm_money_format (value);
    case CRM_REPORT_PERCENT:
      return crm_rate_format ((gint) CLAMP (value, G_MININT, G_MAXINT));
    case CRM_REPORT_INTEGER:
      {
        g_autofree char *plain = crm_money_format_plain (value);

        return g_steal_pointer (&plain);
      }
    case CRM_REPORT_TEXT:
    case CRM_REPORT_DATE:
    default:
      return g_strdup ("");
    }
}

char *
crm_report_format_change (gint64 basis_points)
{
  g_autofree char *rate = crm_rate_format ((gint) CLAMP (basis_points, G_MININT, G_MAXINT));

  if (basis_points > 0)
    return g_strconcat ("+", rate, NULL);
  return g_steal_pointer (&rate);
}

gint64
crm_report_ratio_bp (gint64 part,
                     gint64 whole)
{
  double ratio;

  if (whole == 0)
    return 0;
  ratio = (double) part * 10000.0 / (double) whole;
  return (gint64) (ratio < 0 ? ratio - 0.5 : ratio + 0.5);
}
