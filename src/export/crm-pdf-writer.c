/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-pdf-writer"

#include "config.h"

#include "crm-pdf-writer.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-chart-draw.h"
#include "crm-error.h"
#include "crm-pdf-common.h"

/* A table on A4 pages: the title block on the first page (with the
 * table's chart under it, when it has one), the header row
 * on every page, zebra rows, "Page 1/5" at the foot of each.  The footer
 * needs the page count before the first page is drawn, so a first pass
 * reads the source once, measures each row and keeps its formatted cells
 * in a temporary file together with where each page starts; drawing a
 * page then reads back just its rows.  Memory stays at one page whatever
 * the length of the table, and a print dialog can draw pages in any
 * order.  Units are points; the fonts are those of crm-pdf-common.h,
 * which cover every Vietnamese tone mark, and cairo embeds the glyphs it
 * uses. */

#define A4_WIDTH        CRM_PDF_A4_WIDTH
#define A4_HEIGHT       CRM_PDF_A4_HEIGHT
#define PAGE_MARGIN     36.0

#define BODY_SIZE       9.0
#define TITLE_SIZE      15.0
#define SUBTITLE_SIZE   9.5
#define FOOTER_SIZE     8.0

#define PAD_X           3.0
#define PAD_Y           2.0
#define TITLE_GAP       10.0
#define FOOTER_GAP      6.0
/* A report's chart on the first page: this tall at most, and at most this
 * share of the height between the margins. */
#define CHART_HEIGHT    250.0
#define CHART_SHARE     0.4
/* A cell shows at most this many lines; longer text ends in "…". */
#define TEXT_MAX_LINES  3
#define OTHER_MAX_LINES 2
/* An average character of the body font, for choosing the orientation. */
#define CHAR_WIDTH      (BODY_SIZE * 0.5)

#define CHECK_CANCEL_EVERY 256

typedef struct
{
  guint64 first_row;
  guint   n_rows;
  off_t   offset;       /* of the first row in the spool */
} Page;

struct _CrmPdfLayout
{
  CrmExportTable  *table;
  double           width;
  double           height;
  double           margin;
  guint            n_columns;
  double          *x;             /* left edge of each column */
  double          *column_width;

  PangoFontMap    *font_map;
  PangoContext    *context;
  PangoLayout     *title;
  GPtrArray       *subtitles;     /* PangoLayout */
  PangoLayout    **headings;
  PangoLayout    **cells;
  PangoLayout     *footer;

  double           title_height;  /* the title block, with the gap under it */
  double           chart_height;  /* the chart under it, with its gap; 0 for none */
  double           header_height;
  double           body_bottom;   /* where rows must end; the footer is below */

  FILE            *spool;
  GString        **texts;         /* read buffers, one per column */
  GArray          *pages;         /* Page */
  guint64          n_rows;
};

/* Pango set-up ------------------------------------------------------------- */

static PangoLayout *
new_layout (CrmPdfLayout   *self,
            double          size,
            PangoWeight     weight,
            double          width,
            PangoAlignment  alignment)
{
  return crm_pdf_text_new (self->context, size, weight, width, alignment);
}

static PangoAlignment
pango_alignment (CrmExportAlign align)
{
  switch (align)
    {
    case CRM_EXPORT_ALIGN_END:
      return PANGO_ALIGN_RIGHT;
    case CRM_EXPORT_ALIGN_CENTER:
      return PANGO_ALIGN_CENTER;
    case CRM_EXPORT_ALIGN_AUTO:
    case CRM_EXPORT_ALIGN_START:
    default:
      return PANGO_ALIGN_LEFT;
    }
}

/* Columns share the width between the margins in proportion to their
 * widths; cells wrap inside, and what still does not fit ends in "…". */
static void
set_up_columns (CrmPdfLayout *self)
{
  double usable = self->width - 2 * self->margin;
  double total = crm_export_table_get_total_width (self->table);
  double x = self->margin;

  self->x = g_new0 (double, self->n_columns);
  self->column_width = g_new0 (double, self->n_columns);
  self->headings = g_new0 (PangoLayout *, self->n_columns);
  self->cells = g_new0 (PangoLayout *, self->n_columns);
  self->texts = g_new0 (GString *, self->n_columns);
  self->header_height = 0;

  for (guint i = 0; i < self->n_columns; i++)
    {
      const CrmExportColumn *column = crm_export_table_get_column (self->table, i);
      PangoAlignment alignment = pango_alignment (column->align);
      double inner;
      int max_lines;

      self->x[i] = x;
      self->column_width[i] = usable * column->width / total;
      x += self->column_width[i];
      inner = MAX (self->column_width[i] - 2 * PAD_X, 1);

      self->headings[i] = new_layout (self, BODY_SIZE, PANGO_WEIGHT_BOLD, inner, alignment);
      pango_layout_set_text (self->headings[i], column->heading, -1);
      self->header_height = MAX (self->header_height, crm_pdf_text_height (self->headings[i]));

      self->cells[i] = new_layout (self, BODY_SIZE, PANGO_WEIGHT_NORMAL, inner, alignment);
      max_lines = column->kind == CRM_EXPORT_TEXT ? TEXT_MAX_LINES : OTHER_MAX_LINES;
      pango_layout_set_ellipsize (self->cells[i], PANGO_ELLIPSIZE_END);
      pango_layout_set_height (self->cells[i],
                               (int) (max_lines * crm_pdf_line_height (self->cells[i]) * PANGO_SCALE) + 1);
      self->texts[i] = g_string_new (NULL);
    }
  self->header_height += 2 * PAD_Y;
}

static void
set_up_title_block (CrmPdfLayout *self)
{
  double usable = self->width - 2 * self->margin;
  guint n_subtitles = crm_export_table_get_n_subtitles (self->table);

  self->title = new_layout (self, TITLE_SIZE, PANGO_WEIGHT_BOLD, usable, PANGO_ALIGN_LEFT);
  pango_layout_set_text (self->title, crm_export_table_get_title (self->table), -1);
  self->title_height = crm_pdf_text_height (self->title) + PAD_Y;

  self->subtitles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_subtitles; i++)
    {
      PangoLayout *layout = new_layout (self, SUBTITLE_SIZE, PANGO_WEIGHT_NORMAL, usable, PANGO_ALIGN_LEFT);

      pango_layout_set_text (layout, crm_export_table_get_subtitle (self->table, i), -1);
      self->title_height += crm_pdf_text_height (layout);
      g_ptr_array_add (self->subtitles, layout);
    }
  self->title_height += TITLE_GAP;

  if (crm_export_table_get_report_chart (self->table) != NULL)
    self->chart_height = MIN (CHART_HEIGHT, (self->height - 2 * self->margin) * CHART_SHARE) + TITLE_GAP;

  self->footer = new_layout (self, FOOTER_SIZE, PANGO_WEIGHT_NORMAL, usable, PANGO_ALIGN_CENTER);
  self->body_bottom = self->height - self->margin - crm_pdf_line_height (self->footer) - FOOTER_GAP;
}

/* The spool ----------------------------------------------------------------- */

static void
set_spool_error (GError **error)
{
  int saved_errno = errno;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
               _("Cannot use a temporary file: %s"), g_strerror (saved_errno ? saved_errno : EIO));
}

/* One row: its height, then each cell as a length and the UTF-8 bytes. */
static gboolean
spool_write_row (CrmPdfLayout  *self,
                 double         height,
                 char         **texts,
                 GError       **error)
{
  fwrite (&height, sizeof height, 1, self->spool);
  for (guint i = 0; i < self->n_columns; i++)
    {
      guint32 length = strlen (texts[i]);

      fwrite (&length, sizeof length, 1, self->spool);
      fwrite (texts[i], 1, length, self->spool);
    }
  if (ferror (self->spool))
    {
      set_spool_error (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
spool_read_row (CrmPdfLayout  *self,
                double        *height,
                GError       **error)
{
  gboolean ok = fread (height, sizeof *height, 1, self->spool) == 1;

  for (guint i = 0; ok && i < self->n_columns; i++)
    {
      guint32 length;

      ok = fread (&length, sizeof length, 1, self->spool) == 1;
      if (ok)
        {
          g_string_set_size (self->texts[i], length);
          ok = fread (self->texts[i]->str, 1, length, self->spool) == length;
        }
    }
  if (!ok)
    set_spool_error (error);
  return ok;
}

/* Layout pass ---------------------------------------------------------------- */

/* Formats the cells of @row into @texts and returns the row's height. */
static double
measure_row (CrmPdfLayout  *self,
             CrmExportRow  *row,
             char         **texts)
{
  double height = 0;

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_free (texts[i]);
      texts[i] = crm_export_row_format (row, i);
      if (*texts[i] == '\0')
        continue;
      pango_layout_set_text (self->cells[i], texts[i], -1);
      height = MAX (height, crm_pdf_text_height (self->cells[i]));
    }
  if (height == 0)
    height = crm_pdf_line_height (self->cells[0]);
  return height + 2 * PAD_Y;
}

/* Reads the whole source once, spooling the rows and cutting pages. */
static gboolean
lay_out_rows (CrmPdfLayout  *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CrmExportRow) row = crm_export_row_new (self->table);
  g_auto(GStrv) texts = g_new0 (char *, self->n_columns + 1);
  g_autoptr(GError) local_error = NULL;
  double top = self->margin + self->header_height;
  double y = top + self->title_height + self->chart_height;
  Page page = { 0, 0, 0 };

  while (crm_export_table_next_row (self->table, row, &local_error))
    {
      double height = measure_row (self, row, texts);

      if (page.n_rows > 0 && y + height > self->body_bottom)
        {
          g_array_append_val (self->pages, page);
          page.first_row += page.n_rows;
          page.n_rows = 0;
          page.offset = ftello (self->spool);
          y = top;
        }
      if (!spool_write_row (self, height, texts, error))
        return FALSE;
      y += height;
      page.n_rows++;
      if (++self->n_rows % CHECK_CANCEL_EVERY == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_array_append_val (self->pages, page);
  if (fflush (self->spool) != 0)
    {
      set_spool_error (error);
      return FALSE;
    }
  return TRUE;
}

/* Drawing ----------------------------------------------------------------------- */

static double
draw_title_block (CrmPdfLayout *self,
                  cairo_t      *cr,
                  double        y)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  crm_pdf_show (cr, self->title, self->margin, y);
  y += crm_pdf_text_height (self->title) + PAD_Y;
  cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
  for (guint i = 0; i < self->subtitles->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (self->subtitles, i);

      crm_pdf_show (cr, layout, self->margin, y);
      y += crm_pdf_text_height (layout);
    }
  return y + TITLE_GAP;
}

static void
draw_rule (CrmPdfLayout *self,
           cairo_t      *cr,
           double        y)
{
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, self->margin, y);
  cairo_line_to (cr, self->width - self->margin, y);
  cairo_stroke (cr);
}

static double
draw_header (CrmPdfLayout *self,
             cairo_t      *cr,
             double        y)
{
  cairo_set_source_rgb (cr, 0.86, 0.86, 0.86);
  cairo_rectangle (cr, self->margin, y, self->width - 2 * self->margin, self->header_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < self->n_columns; i++)
    crm_pdf_show (cr, self->headings[i], self->x[i] + PAD_X, y + PAD_Y);
  draw_rule (self, cr, y + self->header_height);
  return y + self->header_height;
}

static void
draw_row (CrmPdfLayout *self,
          cairo_t      *cr,
          double        y,
          double        height,
          gboolean      shaded)
{
  if (shaded)
    {
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      cairo_rectangle (cr, self->margin, y, self->width - 2 * self->margin, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.07, 0.07, 0.07);
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (self->texts[i]->len == 0)
        continue;
      pango_layout_set_text (self->cells[i], self->texts[i]->str, self->texts[i]->len);
      crm_pdf_show (cr, self->cells[i], self->x[i] + PAD_X, y + PAD_Y);
    }
}

static void
draw_footer (CrmPdfLayout *self,
             cairo_t      *cr,
             guint         page)
{
  crm_pdf_draw_page_number (cr, self->footer, page, self->pages->len, self->margin,
                            self->height - self->margin);
}

/* Public API ------------------------------------------------------------------------ */

/**
 * crm_pdf_page_size:
 * @width: (out): in points
 * @height: (out): in points
 *
 * The A4 page @table is printed on: portrait unless @orientation says
 * otherwise or, for %CRM_PAGE_ORIENTATION_AUTO, the columns would be
 * squeezed below their widths.
 */
void
crm_pdf_page_size (CrmExportTable     *table,
                   CrmPageOrientation  orientation,
                   double             *width,
                   double             *height)
{
  gboolean landscape = orientation == CRM_PAGE_ORIENTATION_LANDSCAPE;

  g_return_if_fail (CRM_IS_EXPORT_TABLE (table));
  g_return_if_fail (width != NULL && height != NULL);

  if (orientation == CRM_PAGE_ORIENTATION_AUTO)
    {
      double needed = crm_export_table_get_total_width (table) * CHAR_WIDTH +
                      crm_export_table_get_n_columns (table) * 2 * PAD_X;

      landscape = needed > A4_WIDTH - 2 * PAGE_MARGIN;
    }
  *width = landscape ? A4_HEIGHT : A4_WIDTH;
  *height = landscape ? A4_WIDTH : A4_HEIGHT;
}

/**
 * crm_pdf_layout_new:
 * @table: read to its end here; it needs at least one column
 * @width: of the page, in points
 * @height: of the page, in points
 * @margin: blank space on every side, in points (0 for a print context's
 *   printable area)
 *
 * Lays @table out on pages of @width × @height.
 *
 * Returns: (transfer full): the layout, or %NULL with @error set when the
 *   source fails, the temporary file cannot be written, or @cancellable
 *   is cancelled
 */
CrmPdfLayout *
crm_pdf_layout_new (CrmExportTable  *table,
                    double           width,
                    double           height,
                    double           margin,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(CrmPdfLayout) self = NULL;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), NULL);
  g_return_val_if_fail (crm_export_table_get_n_columns (table) > 0, NULL);
  g_return_val_if_fail (width > 2 * margin && height > 2 * margin && margin >= 0, NULL);

  self = g_new0 (CrmPdfLayout, 1);
  self->table = g_object_ref (table);
  self->width = width;
  self->height = height;
  self->margin = margin;
  self->n_columns = crm_export_table_get_n_columns (table);
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->font_map = pango_cairo_font_map_new ();
  self->context = crm_pdf_context_new (self->font_map);
  set_up_columns (self);
  set_up_title_block (self);

  if (!(self->spool = tmpfile ()))
    {
      set_spool_error (error);
      return NULL;
    }
  if (!lay_out_rows (self, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* At least 1: an empty table still has its title and header. */
guint
crm_pdf_layout_get_n_pages (CrmPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

guint64
crm_pdf_layout_get_n_rows (CrmPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

/**
 * crm_pdf_layout_draw_page:
 * @cr: whose user space is the page, in points, origin at its top left
 *   corner: a PDF surface's, or a GtkPrintContext's with GTK_UNIT_POINTS
 * @page: from 0
 *
 * Draws one page; pages can be drawn in any order.
 *
 * Returns: %FALSE with @error set if the rows cannot be read back
 */
gboolean
crm_pdf_layout_draw_page (CrmPdfLayout  *self,
                          cairo_t       *cr,
                          guint          page,
                          GError       **error)
{
  const Page *info;
  double y;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (page < self->pages->len, FALSE);

  info = &g_array_index (self->pages, Page, page);
  if (fseeko (self->spool, info->offset, SEEK_SET) != 0)
    {
      set_spool_error (error);
      return FALSE;
    }

  cairo_save (cr);
  y = self->margin;
  if (page == 0)
    y = draw_title_block (self, cr, y);
  if (page == 0 && self->chart_height > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, self->margin, y);
      crm_chart_draw (crm_export_table_get_report_chart (self->table), cr,
                      self->width - 2 * self->margin, self->chart_height - TITLE_GAP);
      cairo_restore (cr);
      y += self->chart_height;
    }
  y = draw_header (self, cr, y);
  for (guint i = 0; i < info->n_rows; i++)
    {
      double height;

      if (!spool_read_row (self, &height, error))
        {
          cairo_restore (cr);
          return FALSE;
        }
      draw_row (self, cr, y, height, (info->first_row + i) % 2 == 1);
      y += height;
    }
  if (info->n_rows > 0)
    draw_rule (self, cr, y);
  draw_footer (self, cr, page);
  cairo_restore (cr);
  return TRUE;
}

void
crm_pdf_layout_free (CrmPdfLayout *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; self->headings != NULL && i < self->n_columns; i++)
    {
      g_clear_object (&self->headings[i]);
      g_clear_object (&self->cells[i]);
      g_string_free (self->texts[i], TRUE);
    }
  g_free (self->headings);
  g_free (self->cells);
  g_free (self->texts);
  g_free (self->x);
  g_free (self->column_width);
  g_clear_object (&self->title);
  g_clear_pointer (&self->subtitles, g_ptr_array_unref);
  g_clear_object (&self->footer);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->spool, fclose);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_object (&self->table);
  g_free (self);
}

/* The writer ----------------------------------------------------------------------- */

static gboolean
draw_page_cb (gpointer   user_data,
              cairo_t   *cr,
              guint      page,
              GError   **error)
{
  return crm_pdf_layout_draw_page (user_data, cr, page, error);
}

/**
 * crm_pdf_writer_write_target:
 *
 * Writes @table as an A4 PDF into @target's temporary file; see
 * crm_export_write_target().
 */
gboolean
crm_pdf_writer_write_target (CrmExportTable      *table,
                             CrmPageOrientation   orientation,
                             CrmExportTarget     *target,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(CrmPdfLayout) layout = NULL;
  double width, height;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  crm_pdf_page_size (table, orientation, &width, &height);
  if (!(layout = crm_pdf_layout_new (table, width, height, PAGE_MARGIN, cancellable, error)))
    return FALSE;
  return crm_pdf_write_pages (target, width, height, crm_export_table_get_title (table),
                              layout->pages->len, draw_page_cb, layout, cancellable, error);
}

/**
 * crm_pdf_writer_write:
 * @dest: the .pdf file to create or replace
 *
 * Writes @table to @dest; on failure @dest is left as it was.
 */
gboolean
crm_pdf_writer_write (CrmExportTable      *table,
                      CrmPageOrientation   orientation,
                      GFile               *dest,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(CrmExportTarget) target = NULL;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  return (target = crm_export_target_new (dest, error)) != NULL &&
         crm_pdf_writer_write_target (table, orientation, target, cancellable, error) &&
         crm_export_target_commit (target, error);
}
