/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "crm-export.h"
#include "crm-export-table.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_PAGE_ORIENTATION_AUTO,       /* portrait unless the columns need landscape */
  CRM_PAGE_ORIENTATION_PORTRAIT,
  CRM_PAGE_ORIENTATION_LANDSCAPE,
} CrmPageOrientation;

/* A table laid out on pages of one size: the renderer shared by the PDF
 * writer and printing.  Its rows wait in a temporary file, so pages can
 * be drawn in any order and any number of times at the cost of one page. */
typedef struct _CrmPdfLayout CrmPdfLayout;

void          crm_pdf_page_size           (CrmExportTable      *table,
                                           CrmPageOrientation   orientation,
                                           double              *width,
                                           double              *height);

CrmPdfLayout *crm_pdf_layout_new          (CrmExportTable      *table,
                                           double               width,
                                           double               height,
                                           double               margin,
                                           GCancellable        *cancellable,
                                           GError             **error);
guint         crm_pdf_layout_get_n_pages  (CrmPdfLayout        *self);
guint64       crm_pdf_layout_get_n_rows   (CrmPdfLayout        *self);
gboolean      crm_pdf_layout_draw_page    (CrmPdfLayout        *self,
                                           cairo_t             *cr,
                                           guint                page,
                                           GError             **error);
void          crm_pdf_layout_free         (CrmPdfLayout        *self);

gboolean      crm_pdf_writer_write_target (CrmExportTable      *table,
                                           CrmPageOrientation   orientation,
                                           CrmExportTarget     *target,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean      crm_pdf_writer_write        (CrmExportTable      *table,
                                           CrmPageOrientation   orientation,
                                           GFile               *dest,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmPdfLayout, crm_pdf_layout_free)

G_END_DECLS
