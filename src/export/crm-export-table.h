/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-report.h"

G_BEGIN_DECLS

/* What the cells of a column hold; each writer shows a kind its own way
 * (a spreadsheet keeps numbers and dates typed, a page formats them). */
typedef enum
{
  CRM_EXPORT_TEXT,      /* UTF-8 text */
  CRM_EXPORT_INTEGER,   /* gint64, shown "1.234" */
  CRM_EXPORT_MONEY,     /* gint64 đồng, shown "1.234.567 ₫" */
  CRM_EXPORT_DATE,      /* a business date, set as yyyy-MM-dd, shown dd/MM/yyyy */
  CRM_EXPORT_DATETIME,  /* an instant, shown dd/MM/yyyy HH:mm in local time */
  CRM_EXPORT_PERCENT,   /* gint64 basis points (1250 = 12,5 %), shown "12,5 %" */
} CrmExportKind;

typedef enum
{
  CRM_EXPORT_ALIGN_AUTO,    /* numbers and money at the end, dates centred, text at the start */
  CRM_EXPORT_ALIGN_START,
  CRM_EXPORT_ALIGN_CENTER,
  CRM_EXPORT_ALIGN_END,
} CrmExportAlign;

/* A column as the writers see it; align is never AUTO once added. */
typedef struct
{
  char           *heading;
  CrmExportKind   kind;
  double          width;  /* relative width, in average characters */
  CrmExportAlign  align;
} CrmExportColumn;

/* The cells of one row, reused from row to row; see crm_export_row_set_text(). */
typedef struct _CrmExportRow CrmExportRow;

/* Fills @row (whose cells are empty on entry) with the next row and
 * returns TRUE; returns FALSE at the end, or with @error set on failure. */
typedef gboolean (*CrmExportNextRowFunc) (gpointer       user_data,
                                          CrmExportRow  *row,
                                          GError       **error);

/* A paged source: rows @offset to @offset + @limit (fewer at the end, none
 * past it) as a GPtrArray of items, or NULL with @error set. */
typedef GPtrArray *(*CrmExportFetchFunc) (gpointer       user_data,
                                          guint          offset,
                                          guint          limit,
                                          GError       **error);
/* Turns one item of a fetched page into the cells of @row. */
typedef void (*CrmExportFillFunc) (gpointer       user_data,
                                   gpointer       item,
                                   CrmExportRow  *row);

#define CRM_TYPE_EXPORT_TABLE (crm_export_table_get_type ())

G_DECLARE_FINAL_TYPE (CrmExportTable, crm_export_table, CRM, EXPORT_TABLE, GObject)

CrmExportTable        *crm_export_table_new              (const char            *title);
const char            *crm_export_table_get_title        (CrmExportTable        *self);
void                   crm_export_table_add_subtitle     (CrmExportTable        *self,
                                                          const char            *line);
guint                  crm_export_table_get_n_subtitles  (CrmExportTable        *self);
const char            *crm_export_table_get_subtitle     (CrmExportTable        *self,
                                                          guint                  index);
guint                  crm_export_table_add_column       (CrmExportTable        *self,
                                                          const char            *heading,
                                                          CrmExportKind          kind,
                                                          double                 width,
                                                          CrmExportAlign         align);
guint                  crm_export_table_get_n_columns    (CrmExportTable        *self);
const CrmExportColumn *crm_export_table_get_column       (CrmExportTable        *self,
                                                          guint                  index);
double                 crm_export_table_get_total_width  (CrmExportTable        *self);
void                   crm_export_table_set_source       (CrmExportTable        *self,
                                                          CrmExportNextRowFunc   next_row,
                                                          gpointer               user_data,
                                                          GDestroyNotify         destroy);
void                   crm_export_table_set_paged_source (CrmExportTable        *self,
                                                          guint                  page_size,
                                                          CrmExportFetchFunc     fetch,
                                                          CrmExportFillFunc      fill,
                                                          gpointer               user_data,
                                                          GDestroyNotify         destroy);
gboolean               crm_export_table_next_row         (CrmExportTable        *self,
                                                          CrmExportRow          *row,
                                                          GError               **error);
guint64                crm_export_table_get_n_rows_read  (CrmExportTable        *self);
/* A chart for the writers to draw (PDF) or build (xlsx): @report's chart,
 * whose rows are this table's rows in the same order and whose columns
 * are this table's columns one for one.  NULL for none. */
void                   crm_export_table_set_report_chart (CrmExportTable        *self,
                                                          CrmReport             *report);
CrmReport             *crm_export_table_get_report_chart (CrmExportTable        *self);

CrmExportRow          *crm_export_row_new                (CrmExportTable        *table);
void                   crm_export_row_free               (CrmExportRow          *row);
void                   crm_export_row_clear              (CrmExportRow          *row);
void                   crm_export_row_set_text           (CrmExportRow          *row,
                                                          guint                  column,
                                                          const char            *text);
void                   crm_export_row_set_number         (CrmExportRow          *row,
                                                          guint                  column,
                                                          gint64                 value);
gboolean               crm_export_row_set_date           (CrmExportRow          *row,
                                                          guint                  column,
                                                          const char            *iso_date);
void                   crm_export_row_set_day            (CrmExportRow          *row,
                                                          guint                  column,
                                                          const GDate           *day);
void                   crm_export_row_set_datetime       (CrmExportRow          *row,
                                                          guint                  column,
                                                          GDateTime             *when);
gboolean               crm_export_row_is_empty           (CrmExportRow          *row,
                                                          guint                  column);
const char            *crm_export_row_get_text           (CrmExportRow          *row,
                                                          guint                  column);
gint64                 crm_export_row_get_number         (CrmExportRow          *row,
                                                          guint                  column);
const GDate           *crm_export_row_get_date           (CrmExportRow          *row,
                                                          guint                  column);
GDateTime             *crm_export_row_get_datetime       (CrmExportRow          *row,
                                                          guint                  column);
char                  *crm_export_row_format             (CrmExportRow          *row,
                                                          guint                  column);

/* A table's rows read ahead in a second thread; see crm_export_reader_new(). */
typedef struct _CrmExportReader CrmExportReader;

CrmExportReader       *crm_export_reader_new             (CrmExportTable        *table);
CrmExportRow          *crm_export_reader_next            (CrmExportReader       *reader,
                                                          GError               **error);
void                   crm_export_reader_free            (CrmExportReader       *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmExportRow, crm_export_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmExportReader, crm_export_reader_free)

G_END_DECLS
