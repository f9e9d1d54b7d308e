/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "crm-export.h"

G_BEGIN_DECLS

/* What every page Sổ Khách draws shares, lists (crm-pdf-writer.c) and
 * documents (crm-document.c) alike: A4 in points, fonts that cover every
 * Vietnamese tone mark (Debian's fonts-noto-core, or DejaVu Sans), text
 * measured the same on a PDF and on a printer, the page number at the
 * foot, and the loop that writes pages into an atomic export target. */

#define CRM_PDF_A4_WIDTH    595.276
#define CRM_PDF_A4_HEIGHT   841.890
#define CRM_PDF_FONT_FAMILY "Noto Sans,DejaVu Sans"

/* Draws @page (from 0) on @cr, whose user space is the page in points. */
typedef gboolean (*CrmPdfDrawPageFunc) (gpointer      user_data,
                                        cairo_t      *cr,
                                        guint         page,
                                        GError      **error);

PangoContext *crm_pdf_context_new      (PangoFontMap        *font_map);
PangoLayout  *crm_pdf_text_new         (PangoContext        *context,
                                        double               size,
                                        PangoWeight          weight,
                                        double               width,
                                        PangoAlignment       alignment);
double        crm_pdf_text_height      (PangoLayout         *layout);
double        crm_pdf_line_height      (PangoLayout         *layout);
void          crm_pdf_show             (cairo_t             *cr,
                                        PangoLayout         *layout,
                                        double               x,
                                        double               y);
void          crm_pdf_draw_page_number (cairo_t             *cr,
                                        PangoLayout         *footer,
                                        guint                page,
                                        guint                n_pages,
                                        double               x,
                                        double               bottom);
gboolean      crm_pdf_write_pages      (CrmExportTarget     *target,
                                        double               width,
                                        double               height,
                                        const char          *title,
                                        guint                n_pages,
                                        CrmPdfDrawPageFunc   draw_page,
                                        gpointer             user_data,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_END_DECLS
