/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-pdf-common"

#include "config.h"

#include "crm-pdf-common.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

/**
 * crm_pdf_context_new:
 *
 * A Pango context with metrics independent of any device: no hinting, no
 * rounding, 72 dpi so that one Pango unit is one point, the same on a PDF
 * and on a printer; Vietnamese as the language, for line breaking.
 *
 * Returns: (transfer full): the context
 */
PangoContext *
crm_pdf_context_new (PangoFontMap *font_map)
{
  PangoContext *context;
  cairo_font_options_t *options;

  g_return_val_if_fail (PANGO_IS_FONT_MAP (font_map), NULL);

  context = pango_font_map_create_context (font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("vi"));
  cairo_font_options_destroy (options);
  return context;
}

/**
 * crm_pdf_text_new:
 * @size: of the font, in points
 * @width: where lines wrap (at words, or inside a word too long), in points
 *
 * Returns: (transfer full): an empty layout in CRM_PDF_FONT_FAMILY
 */
PangoLayout *
crm_pdf_text_new (PangoContext   *context,
                  double          size,
                  PangoWeight     weight,
                  double          width,
                  PangoAlignment  alignment)
{
  PangoLayout *layout;
  PangoFontDescription *font;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  layout = pango_layout_new (context);
  font = pango_font_description_from_string (CRM_PDF_FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_font_description_free (font);
  return layout;
}

/* The height of @layout's text, in points. */
double
crm_pdf_text_height (PangoLayout *layout)
{
  int height;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), 0);

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* The height of one line of @layout's font, capitals with marks included. */
double
crm_pdf_line_height (PangoLayout *layout)
{
  g_autoptr(PangoLayout) probe = NULL;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), 0);

  probe = pango_layout_copy (layout);
  pango_layout_set_text (probe, "Ẩg", -1);
  return crm_pdf_text_height (probe);
}

void
crm_pdf_show (cairo_t     *cr,
              PangoLayout *layout,
              double       x,
              double       y)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/**
 * crm_pdf_draw_page_number:
 * @footer: a layout as wide as the text area, its alignment chosen
 * @page: from 0
 * @x: left edge of @footer
 * @bottom: where the text ends
 *
 * Draws "Page 2/5" in grey, its last line ending at @bottom.
 */
void
crm_pdf_draw_page_number (cairo_t     *cr,
                          PangoLayout *footer,
                          guint        page,
                          guint        n_pages,
                          double       x,
                          double       bottom)
{
  g_autofree char *text = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (footer));

  text = g_strdup_printf (_("Page %u/%u"), page + 1, n_pages);
  pango_layout_set_text (footer, text, -1);
  cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
  crm_pdf_show (cr, footer, x, bottom - crm_pdf_text_height (footer));
}

static cairo_status_t
finish_surface (cairo_surface_t *surface)
{
  cairo_surface_finish (surface);
  return cairo_surface_status (surface);
}

/**
 * crm_pdf_write_pages:
 * @target: whose temporary file receives the PDF
 * @width: of every page, in points
 * @height: of every page, in points
 * @title: for the PDF's metadata
 * @n_pages: drawn in order with @draw_page, each followed by a page break
 *
 * Writes a PDF of @n_pages pages into @target's temporary file; the
 * caller commits @target.  Stops at the first page @draw_page fails to
 * draw, or when @cancellable is cancelled.
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
crm_pdf_write_pages (CrmExportTarget     *target,
                     double               width,
                     double               height,
                     const char          *title,
                     guint                n_pages,
                     CrmPdfDrawPageFunc   draw_page,
                     gpointer             user_data,
                     GCancellable        *cancellable,
                     GError             **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok = TRUE;

  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (draw_page != NULL, FALSE);

  surface = cairo_pdf_surface_create (crm_export_target_get_temp_path (target), width, height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sổ Khách");
  cr = cairo_create (surface);
  for (guint page = 0; ok && page < n_pages; page++)
    {
      ok = draw_page (user_data, cr, page, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error);
      if (ok)
        cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = finish_surface (surface);
  else
    cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  if (!ok)
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      crm_export_set_write_error (target, cairo_status_to_string (status), error);
      return FALSE;
    }
  return TRUE;
}
