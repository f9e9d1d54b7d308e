/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export-table"

#include "config.h"

#include "crm-export-table.h"

#include <stdio.h>

#include "crm-money.h"

/* A table to export: a title block, typed columns and a source of rows
 * read once, front to back, so that no writer ever holds every row.
 * Reports and lists describe what they export with one of these, and
 * every writer (spreadsheet, PDF, print) takes it. */

struct _CrmExportTable
{
  GObject               parent_instance;

  char                 *title;
  GPtrArray            *subtitles;
  GArray               *columns;        /* CrmExportColumn */

  CrmExportNextRowFunc  next_row;
  gpointer              source_data;
  GDestroyNotify        source_destroy;
  guint64               n_rows_read;
  gboolean              exhausted;      /* the source ended or failed */

  CrmReport            *chart;          /* whose chart goes with the rows, or NULL */
};

typedef struct
{
  gboolean   set;
  GString   *text;
  gint64     number;
  GDate      date;
  GDateTime *datetime;
} Cell;

struct _CrmExportRow
{
  guint          n_cells;
  CrmExportKind *kinds;
  Cell          *cells;
};

/* How far a CrmExportReader reads ahead: N_BATCHES of BATCH_ROWS rows,
 * handed over a batch at a time so that the threads meet seldom. */
#define BATCH_ROWS 256
#define N_BATCHES  4

typedef struct
{
  CrmExportRow *rows[BATCH_ROWS];
  guint         n_rows;
  gboolean      last;    /* the source ended, or failed, after these rows */
  GError       *error;
} Batch;

struct _CrmExportReader
{
  CrmExportTable *table;
  GThread        *thread;
  GAsyncQueue    *empty;     /* batches for the reading thread to fill */
  GAsyncQueue    *filled;    /* batches for the writer, in order */
  Batch           batches[N_BATCHES];
  Batch          *current;   /* the writer's */
  guint           index;     /* its next row */
  gint            stopping;  /* atomic */
};

/* The state behind crm_export_table_set_paged_source(). */
typedef struct
{
  guint               page_size;
  CrmExportFetchFunc  fetch;
  CrmExportFillFunc   fill;
  gpointer            user_data;
  GDestroyNotify      destroy;
  GPtrArray          *page;
  guint               index;
  guint               offset;
  gboolean            last_page;
} PagedSource;

G_DEFINE_FINAL_TYPE (CrmExportTable, crm_export_table, G_TYPE_OBJECT)

/* Helpers ---------------------------------------------------------------- */

static void
clear_column (gpointer data)
{
  CrmExportColumn *column = data;

  g_clear_pointer (&column->heading, g_free);
}

static CrmExportAlign
default_align (CrmExportKind kind)
{
  switch (kind)
    {
    case CRM_EXPORT_INTEGER:
    case CRM_EXPORT_MONEY:
    case CRM_EXPORT_PERCENT:
      return CRM_EXPORT_ALIGN_END;
    case CRM_EXPORT_DATE:
    case CRM_EXPORT_DATETIME:
      return CRM_EXPORT_ALIGN_CENTER;
    case CRM_EXPORT_TEXT:
    default:
      return CRM_EXPORT_ALIGN_START;
    }
}

static gboolean
is_unwanted_control (guchar c)
{
  return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

/* Text from the database may hold what neither XML nor a page can show:
 * invalid UTF-8 and control characters other than tab and new line. */
static void
append_clean_text (GString    *out,
                   const char *text)
{
  g_autofree char *valid = NULL;
  gsize start = out->len;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  /* Copied whole, then mended in place: control characters are rare. */
  g_string_append (out, text);
  for (gsize i = start; i < out->len; i++)
    if (is_unwanted_control ((guchar) out->str[i]))
      out->str[i] = ' ';
}

static void
paged_source_free (gpointer data)
{
  PagedSource *source = data;

  g_clear_pointer (&source->page, g_ptr_array_unref);
  if (source->destroy != NULL)
    source->destroy (source->user_data);
  g_free (source);
}

/* Serves the rows of one page after another; a short page is the last. */
static gboolean
paged_source_next_row (gpointer       user_data,
                       CrmExportRow  *row,
                       GError       **error)
{
  PagedSource *source = user_data;

  if (source->page == NULL || source->index >= source->page->len)
    {
      g_clear_pointer (&source->page, g_ptr_array_unref);
      if (source->last_page)
        return FALSE;
      source->page = source->fetch (source->user_data, source->offset, source->page_size, error);
      if (source->page == NULL)
        return FALSE;
      source->index = 0;
      source->offset += source->page->len;
      source->last_page = source->page->len < source->page_size;
      if (source->page->len == 0)
        return FALSE;
    }
  source->fill (source->user_data, g_ptr_array_index (source->page, source->index++), row);
  return TRUE;
}

static Cell *
row_cell (CrmExportRow  *row,
          guint          column,
          CrmExportKind  kind)
{
  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < row->n_cells, NULL);
  g_return_val_if_fail (row->kinds[column] == kind ||
                        (kind == CRM_EXPORT_INTEGER && (row->kinds[column] == CRM_EXPORT_MONEY ||
                                                        row->kinds[column] == CRM_EXPORT_PERCENT)), NULL);

  return &row->cells[column];
}

/* GObject ------------------------------------------------------------------ */

static void
crm_export_table_finalize (GObject *object)
{
  CrmExportTable *self = CRM_EXPORT_TABLE (object);

  if (self->source_destroy != NULL)
    self->source_destroy (self->source_data);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitles, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (crm_export_table_parent_class)->finalize (object);
}

static void
crm_export_table_class_init (CrmExportTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_export_table_finalize;
}

static void
crm_export_table_init (CrmExportTable *self)
{
  self->subtitles = g_ptr_array_new_with_free_func (g_free);
  self->columns = g_array_new (FALSE, TRUE, sizeof (CrmExportColumn));
  g_array_set_clear_func (self->columns, clear_column);
}

/* Table ------------------------------------------------------------------- */

/**
 * crm_export_table_new:
 * @title: what the document is, e.g. "Customer list"
 *
 * An empty table without rows; add columns, then a source.
 */
CrmExportTable *
crm_export_table_new (const char *title)
{
  CrmExportTable *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CRM_TYPE_EXPORT_TABLE, NULL);
  self->title = g_strdup (title);
  return self;
}

const char *
crm_export_table_get_title (CrmExportTable *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), NULL);
  return self->title;
}

/**
 * crm_export_table_add_subtitle:
 * @line: one line under the title: the company, what was selected, who
 *   exported it when
 */
void
crm_export_table_add_subtitle (CrmExportTable *self,
                               const char     *line)
{
  g_return_if_fail (CRM_IS_EXPORT_TABLE (self));
  g_return_if_fail (line != NULL);

  g_ptr_array_add (self->subtitles, g_strdup (line));
}

guint
crm_export_table_get_n_subtitles (CrmExportTable *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), 0);
  return self->subtitles->len;
}

const char *
crm_export_table_get_subtitle (CrmExportTable *self,
                               guint           index)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), NULL);
  g_return_val_if_fail (index < self->subtitles->len, NULL);
  return g_ptr_array_index (self->subtitles, index);
}

/**
 * crm_export_table_add_column:
 * @width: the column's share of the width, in average characters; a
 *   spreadsheet uses it as the column width
 * @align: %CRM_EXPORT_ALIGN_AUTO to align by @kind
 *
 * Returns: the index of the new column, for crm_export_row_set_text() and
 *   friends
 */
guint
crm_export_table_add_column (CrmExportTable *self,
                             const char     *heading,
                             CrmExportKind   kind,
                             double          width,
                             CrmExportAlign  align)
{
  CrmExportColumn column;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), 0);
  g_return_val_if_fail (heading != NULL, 0);
  g_return_val_if_fail (kind <= CRM_EXPORT_PERCENT, 0);
  g_return_val_if_fail (width > 0, 0);
  g_return_val_if_fail (align <= CRM_EXPORT_ALIGN_END, 0);
  g_return_val_if_fail (self->n_rows_read == 0, 0);

  column.heading = g_strdup (heading);
  column.kind = kind;
  column.width = width;
  column.align = align == CRM_EXPORT_ALIGN_AUTO ? default_align (kind) : align;
  g_array_append_val (self->columns, column);
  return self->columns->len - 1;
}

guint
crm_export_table_get_n_columns (CrmExportTable *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), 0);
  return self->columns->len;
}

const CrmExportColumn *
crm_export_table_get_column (CrmExportTable *self,
                             guint           index)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);
  return &g_array_index (self->columns, CrmExportColumn, index);
}

/* The sum of the columns' widths, in average characters. */
double
crm_export_table_get_total_width (CrmExportTable *self)
{
  double total = 0;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), 0);

  for (guint i = 0; i < self->columns->len; i++)
    total += g_array_index (self->columns, CrmExportColumn, i).width;
  return total;
}

/**
 * crm_export_table_set_source:
 * @next_row: called for each row until it returns %FALSE
 * @destroy: (nullable): frees @user_data with the table
 *
 * Where the rows come from.  The source is read once: a table is written
 * by one writer.
 */
void
crm_export_table_set_source (CrmExportTable       *self,
                             CrmExportNextRowFunc  next_row,
                             gpointer              user_data,
                             GDestroyNotify        destroy)
{
  g_return_if_fail (CRM_IS_EXPORT_TABLE (self));
  g_return_if_fail (next_row != NULL);
  g_return_if_fail (self->next_row == NULL);

  self->next_row = next_row;
  self->source_data = user_data;
  self->source_destroy = destroy;
}

/**
 * crm_export_table_set_paged_source:
 * @page_size: rows asked of @fetch at a time
 * @fetch: gives the items of one page (the store's list queries fit)
 * @fill: turns one item into cells
 * @destroy: (nullable): frees @user_data with the table
 *
 * A source that holds one page of items at a time, for lists that the
 * store serves by offset and limit.
 */
void
crm_export_table_set_paged_source (CrmExportTable     *self,
                                   guint               page_size,
                                   CrmExportFetchFunc  fetch,
                                   CrmExportFillFunc   fill,
                                   gpointer            user_data,
                                   GDestroyNotify      destroy)
{
  PagedSource *source;

  g_return_if_fail (CRM_IS_EXPORT_TABLE (self));
  g_return_if_fail (page_size > 0);
  g_return_if_fail (fetch != NULL && fill != NULL);

  source = g_new0 (PagedSource, 1);
  source->page_size = page_size;
  source->fetch = fetch;
  source->fill = fill;
  source->user_data = user_data;
  source->destroy = destroy;
  crm_export_table_set_source (self, paged_source_next_row, source, paged_source_free);
}

/**
 * crm_export_table_next_row:
 * @row: from crm_export_row_new() for this table; emptied, then filled
 *
 * For writers: the next row of the source.
 *
 * Returns: %TRUE with @row filled, %FALSE at the end or with @error set
 */
gboolean
crm_export_table_next_row (CrmExportTable  *self,
                           CrmExportRow    *row,
                           GError         **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), FALSE);
  g_return_val_if_fail (row != NULL && row->n_cells == self->columns->len, FALSE);

  crm_export_row_clear (row);
  if (self->next_row == NULL || self->exhausted)
    return FALSE;
  if (!self->next_row (self->source_data, row, &local_error))
    {
      self->exhausted = TRUE;
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return FALSE;
    }
  self->n_rows_read++;
  return TRUE;
}

/* How many rows the source has given so far: after a writer is done,
 * how many it wrote. */
guint64
crm_export_table_get_n_rows_read (CrmExportTable *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), 0);
  return self->n_rows_read;
}

/**
 * crm_export_table_set_report_chart:
 * @report: (nullable): whose chart to draw with the table; its rows are
 *   the table's rows in the same order, its columns the table's columns
 *
 * Gives the table a chart: the PDF writer draws it under the title block
 * of the first page, the spreadsheet writer adds a native chart over the
 * table's cells.
 */
void
crm_export_table_set_report_chart (CrmExportTable *self,
                                   CrmReport      *report)
{
  g_return_if_fail (CRM_IS_EXPORT_TABLE (self));
  g_return_if_fail (report == NULL || CRM_IS_REPORT (report));

  if (report != NULL && crm_report_get_chart_kind (report) == CRM_CHART_NONE)
    report = NULL;
  g_set_object (&self->chart, report);
}

/* The report whose chart goes with the table, or NULL. */
CrmReport *
crm_export_table_get_report_chart (CrmExportTable *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (self), NULL);
  return self->chart;
}

/* Reading ahead ----------------------------------------------------------- */

/* Fills batches until the source ends or the reader is freed.  The
 * reader itself, pushed as a batch, only wakes the thread to stop. */
static gpointer
read_ahead_thread (gpointer data)
{
  CrmExportReader *reader = data;

  for (;;)
    {
      Batch *batch = g_async_queue_pop (reader->empty);

      if ((gpointer) batch == (gpointer) reader || g_atomic_int_get (&reader->stopping))
        return NULL;
      batch->n_rows = 0;
      while (batch->n_rows < BATCH_ROWS && !batch->last)
        {
          if (crm_export_table_next_row (reader->table, batch->rows[batch->n_rows], &batch->error))
            batch->n_rows++;
          else
            batch->last = TRUE;
        }
      g_async_queue_push (reader->filled, batch);
      if (batch->last)
        return NULL;
    }
}

/**
 * crm_export_reader_new:
 *
 * For writers: reads the rows of @table in a second thread while the
 * caller writes the rows already read, a few hundred rows ahead at most,
 * so that the source (a database read, say) and the writer each keep a
 * core busy.  Until the reader is freed, the source runs in that thread:
 * neither the table nor what its source reads from may be used otherwise.
 *
 * Returns: (transfer full): the reader, for crm_export_reader_next()
 */
CrmExportReader *
crm_export_reader_new (CrmExportTable *table)
{
  CrmExportReader *reader;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), NULL);

  reader = g_new0 (CrmExportReader, 1);
  reader->table = g_object_ref (table);
  reader->empty = g_async_queue_new ();
  reader->filled = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      for (guint j = 0; j < BATCH_ROWS; j++)
        reader->batches[i].rows[j] = crm_export_row_new (table);
      g_async_queue_push (reader->empty, &reader->batches[i]);
    }
  reader->thread = g_thread_new ("crm-export-reader", read_ahead_thread, reader);
  return reader;
}

/**
 * crm_export_reader_next:
 *
 * The next row of the table, as crm_export_table_next_row() would give
 * it, waiting for the reading thread if need be.
 *
 * Returns: (transfer none) (nullable): the row, valid until the next
 *   call; %NULL at the end or with @error set
 */
CrmExportRow *
crm_export_reader_next (CrmExportReader  *reader,
                        GError          **error)
{
  g_return_val_if_fail (reader != NULL, NULL);

  while (reader->current == NULL || reader->index >= reader->current->n_rows)
    {
      if (reader->current != NULL && reader->current->last)
        {
          if (reader->current->error != NULL)
            g_propagate_error (error, g_steal_pointer (&reader->current->error));
          return NULL;
        }
      if (reader->current != NULL)
        g_async_queue_push (reader->empty, reader->current);
      reader->current = g_async_queue_pop (reader->filled);
      reader->index = 0;
    }
  return reader->current->rows[reader->index++];
}

/* Stops the reading thread, at once if the writer gave up early. */
void
crm_export_reader_free (CrmExportReader *reader)
{
  if (reader == NULL)
    return;

  g_atomic_int_set (&reader->stopping, 1);
  g_async_queue_push (reader->empty, reader);
  g_thread_join (reader->thread);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      for (guint j = 0; j < BATCH_ROWS; j++)
        crm_export_row_free (reader->batches[i].rows[j]);
      g_clear_error (&reader->batches[i].error);
    }
  g_async_queue_unref (reader->empty);
  g_async_queue_unref (reader->filled);
  g_object_unref (reader->table);
  g_free (reader);
}

/* Rows -------------------------------------------------------------------- */

/**
 * crm_export_row_new:
 *
 * An empty row with the columns @table has now.
 */
CrmExportRow *
crm_export_row_new (CrmExportTable *table)
{
  CrmExportRow *row;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), NULL);

  row = g_new0 (CrmExportRow, 1);
  row->n_cells = table->columns->len;
  row->kinds = g_new0 (CrmExportKind, row->n_cells);
  row->cells = g_new0 (Cell, row->n_cells);
  for (guint i = 0; i < row->n_cells; i++)
    {
      row->kinds[i] = g_array_index (table->columns, CrmExportColumn, i).kind;
      row->cells[i].text = g_string_new (NULL);
    }
  return row;
}

void
crm_export_row_free (CrmExportRow *row)
{
  if (row == NULL)
    return;
  crm_export_row_clear (row);
  for (guint i = 0; i < row->n_cells; i++)
    g_string_free (row->cells[i].text, TRUE);
  g_free (row->cells);
  g_free (row->kinds);
  g_free (row);
}

/* Empties every cell, keeping the buffers for the next row. */
void
crm_export_row_clear (CrmExportRow *row)
{
  g_return_if_fail (row != NULL);

  for (guint i = 0; i < row->n_cells; i++)
    {
      Cell *cell = &row->cells[i];

      cell->set = FALSE;
      g_string_truncate (cell->text, 0);
      cell->number = 0;
      g_date_clear (&cell->date, 1);
      g_clear_pointer (&cell->datetime, g_date_time_unref);
    }
}

/**
 * crm_export_row_set_text:
 * @text: (nullable): %NULL or "" leaves the cell empty
 *
 * Sets a %CRM_EXPORT_TEXT cell.
 */
void
crm_export_row_set_text (CrmExportRow *row,
                         guint         column,
                         const char   *text)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_TEXT);

  if (cell == NULL)
    return;
  g_string_truncate (cell->text, 0);
  cell->set = text != NULL && *text != '\0';
  if (cell->set)
    append_clean_text (cell->text, text);
}

/* Sets a %CRM_EXPORT_INTEGER, %CRM_EXPORT_MONEY (đồng) or
 * %CRM_EXPORT_PERCENT (basis points) cell. */
void
crm_export_row_set_number (CrmExportRow *row,
                           guint         column,
                           gint64        value)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_INTEGER);

  if (cell == NULL)
    return;
  cell->number = value;
  cell->set = TRUE;
}

/**
 * crm_export_row_set_date:
 * @iso_date: (nullable): yyyy-MM-dd
 *
 * Sets a %CRM_EXPORT_DATE cell; %NULL, "" or anything but a real date
 * leaves it empty.
 *
 * Returns: %TRUE if the cell holds a date
 */
gboolean
crm_export_row_set_date (CrmExportRow *row,
                         guint         column,
                         const char   *iso_date)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_DATE);
  int year, month, day;
  char end;

  if (cell == NULL)
    return FALSE;
  cell->set = FALSE;
  g_date_clear (&cell->date, 1);
  if (iso_date == NULL ||
      sscanf (iso_date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (&cell->date, day, month, year);
  cell->set = TRUE;
  return TRUE;
}

/**
 * crm_export_row_set_day:
 * @day: (nullable): %NULL or an invalid date leaves the cell empty
 *
 * Sets a %CRM_EXPORT_DATE cell from a date already at hand, for sources
 * that work dates out themselves rather than as text.
 */
void
crm_export_row_set_day (CrmExportRow *row,
                        guint         column,
                        const GDate  *day)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_DATE);

  if (cell == NULL)
    return;
  cell->set = day != NULL && g_date_valid (day);
  if (cell->set)
    cell->date = *day;
  else
    g_date_clear (&cell->date, 1);
}

/**
 * crm_export_row_set_datetime:
 * @when: (nullable): %NULL leaves the cell empty
 *
 * Sets a %CRM_EXPORT_DATETIME cell; it is shown in local time.
 */
void
crm_export_row_set_datetime (CrmExportRow *row,
                             guint         column,
                             GDateTime    *when)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_DATETIME);

  if (cell == NULL)
    return;
  g_clear_pointer (&cell->datetime, g_date_time_unref);
  cell->set = when != NULL;
  if (when != NULL)
    cell->datetime = g_date_time_to_local (when);
}

gboolean
crm_export_row_is_empty (CrmExportRow *row,
                         guint         column)
{
  g_return_val_if_fail (row != NULL, TRUE);
  g_return_val_if_fail (column < row->n_cells, TRUE);
  return !row->cells[column].set;
}

/* The text of a %CRM_EXPORT_TEXT cell; "" when empty. */
const char *
crm_export_row_get_text (CrmExportRow *row,
                         guint         column)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_TEXT);

  return cell != NULL ? cell->text->str : "";
}

/* The value of a %CRM_EXPORT_INTEGER, %CRM_EXPORT_MONEY or
 * %CRM_EXPORT_PERCENT cell; 0 when empty. */
gint64
crm_export_row_get_number (CrmExportRow *row,
                           guint         column)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_INTEGER);

  return cell != NULL ? cell->number : 0;
}

/* The date of a %CRM_EXPORT_DATE cell; NULL when empty. */
const GDate *
crm_export_row_get_date (CrmExportRow *row,
                         guint         column)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_DATE);

  return cell != NULL && cell->set ? &cell->date : NULL;
}

/* The local time of a %CRM_EXPORT_DATETIME cell; NULL when empty. */
GDateTime *
crm_export_row_get_datetime (CrmExportRow *row,
                             guint         column)
{
  Cell *cell = row_cell (row, column, CRM_EXPORT_DATETIME);

  return cell != NULL ? cell->datetime : NULL;
}

/**
 * crm_export_row_format:
 *
 * A cell as a printed page shows it, Vietnamese style whatever the
 * locale: "1.234", "1.234.567 ₫", "12,5 %", "23/11/2026", "23/11/2026 08:15";
 * "" when empty.
 */
char *
crm_export_row_format (CrmExportRow *row,
                       guint         column)
{
  Cell *cell;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < row->n_cells, NULL);

  cell = &row->cells[column];
  if (!cell->set)
    return g_strdup ("");
  switch (row->kinds[column])
    {
    case CRM_EXPORT_INTEGER:
      return crm_money_format_plain (cell->number);
    case CRM_EXPORT_MONEY:
      return crm_money_format (cell->number);
    case CRM_EXPORT_PERCENT:
      return crm_report_format_value (CRM_REPORT_PERCENT, cell->number);
    case CRM_EXPORT_DATE:
      return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&cell->date),
                              (guint) g_date_get_month (&cell->date), g_date_get_year (&cell->date));
    case CRM_EXPORT_DATETIME:
      return g_date_time_format (cell->datetime, "%d/%m/%Y %H:%M");
    case CRM_EXPORT_TEXT:
    default:
      return g_strdup (cell->text->str);
    }
}
