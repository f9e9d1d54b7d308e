/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-print.h"

#include "crm-document-store.h"
#include "crm-pdf-writer.h"
#include "crm-report-export.h"

/* Printing and saving a sales document from a window.  Both take the
 * layout, built by the document's source (quote, contract, order), check
 * that the user may print before anything is shown, and record the print
 * in the audit log once it is done; a refusal or a failure is told in a
 * message dialog over the parent window. */

static void
tell (GtkWindow  *parent,
      const char *primary,
      const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Print ---------------------------------------------------------------------- */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   CrmDocumentLayout *layout)
{
  gtk_print_operation_set_n_pages (operation, (int) crm_document_layout_get_n_pages (layout));
}

/* The layout is in points on an A4 page; the context may be larger or
 * smaller (a printer's margins, the preview's zoom): scale to its width. */
static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 CrmDocumentLayout *layout)
{
  g_autoptr(GError) error = NULL;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  crm_document_layout_get_page_size (layout, &width, &height);
  scale = gtk_print_context_get_width (context) / width;
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  if (!crm_document_layout_draw_page (layout, cr, (guint) page_nr, &error))
    g_warning ("Cannot draw page %d: %s", page_nr + 1, error->message);
  cairo_restore (cr);
}

void
crm_print_document (GtkWindow         *parent,
                    CrmDocumentLayout *layout)
{
  g_autoptr(CrmDocumentLayout) owned = layout;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPaperSize *a4;
  g_autoptr(GError) error = NULL;
  const CrmDocumentContent *content;
  GtkPrintOperationResult result;

  g_return_if_fail (layout != NULL);

  if (!crm_document_layout_check_may_print (layout, &error))
    {
      tell (parent, _("The document cannot be printed"), error->message);
      return;
    }
  content = crm_document_layout_get_content (layout);
  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  if (content != NULL && content->running_title != NULL)
    gtk_print_operation_set_job_name (operation, content->running_title);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), layout);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), layout);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    tell (parent, _("The document could not be printed"), error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      const char *printer = settings ? gtk_print_settings_get_printer (settings) : NULL;

      if (!crm_document_layout_audit_print (layout, printer ? printer : "printer", &error))
        tell (parent, _("The print could not be recorded"), error->message);
    }
}

/* Print a report ------------------------------------------------------------ */

/* The margin of a report's pages, as its PDF export has them. */
#define REPORT_MARGIN 36.0

typedef struct
{
  CrmPdfLayout *layout;
  double        width;    /* of the page, in points */
} ReportPrint;

static void
on_report_begin_print_cb (GtkPrintOperation *operation,
                          GtkPrintContext   *context,
                          ReportPrint       *print)
{
  gtk_print_operation_set_n_pages (operation, (int) crm_pdf_layout_get_n_pages (print->layout));
}

static void
on_report_draw_page_cb (GtkPrintOperation *operation,
                        GtkPrintContext   *context,
                        int                page_nr,
                        ReportPrint       *print)
{
  g_autoptr(GError) error = NULL;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / print->width;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  if (!crm_pdf_layout_draw_page (print->layout, cr, (guint) page_nr, &error))
    g_warning ("Cannot draw page %d: %s", page_nr + 1, error->message);
  cairo_restore (cr);
}

/**
 * crm_print_report:
 * @report: a built report
 *
 * Prints @report on A4 with the print dialog and its preview: the same
 * pages as its PDF export (title block, chart, table with its header on
 * every page, "Page 1/5"), landscape when the columns need it.  A session
 * without the print permission is told so before any dialog; a finished
 * print is recorded in the audit log.
 */
void
crm_print_report (GtkWindow  *parent,
                  CrmStore   *store,
                  CrmSession *session,
                  CrmReport  *report)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmPdfLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  GtkPaperSize *a4;
  GtkPrintOperationResult result;
  ReportPrint print;
  double width, height;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (CRM_IS_REPORT (report));

  if (!crm_document_store_check_may_print (store, session, &error))
    {
      tell (parent, _("The report cannot be printed"), error->message);
      return;
    }
  if (!(table = crm_report_export_table (report, store, session, &error)))
    {
      tell (parent, _("The report could not be printed"), error->message);
      return;
    }
  crm_pdf_page_size (table, CRM_PAGE_ORIENTATION_AUTO, &width, &height);
  if (!(layout = crm_pdf_layout_new (table, width, height, REPORT_MARGIN, NULL, &error)))
    {
      tell (parent, _("The report could not be printed"), error->message);
      return;
    }
  print.layout = layout;
  print.width = width;

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  gtk_print_operation_set_job_name (operation, crm_report_get_title (report));
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_report_begin_print_cb), &print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_report_draw_page_cb), &print);

  /* Runs to the end here (no async): @print lives on this stack. */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    tell (parent, _("The report could not be printed"), error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      const char *printer = settings ? gtk_print_settings_get_printer (settings) : NULL;

      if (!crm_document_store_audit_print (store, session, "report", 0, 0, printer ? printer : "printer",
                                           &error))
        tell (parent, _("The print could not be recorded"), error->message);
    }
}

/* Save as PDF ---------------------------------------------------------------- */

static void
on_pdf_file_cb (GtkNativeDialog   *chooser,
                int                response,
                CrmDocumentLayout *layout)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && !crm_document_write_pdf (layout, file, NULL, &error))
    tell (parent, _("The PDF could not be saved"), error->message);
  crm_document_layout_free (layout);
  g_object_unref (chooser);
}

void
crm_save_document_pdf (GtkWindow         *parent,
                       CrmDocumentLayout *layout,
                       const char        *suggested_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  g_return_if_fail (layout != NULL);

  if (!crm_document_layout_check_may_print (layout, &error))
    {
      tell (parent, _("The document cannot be saved as PDF"), error->message);
      crm_document_layout_free (layout);
      return;
    }
  name = g_str_has_suffix (suggested_name ? suggested_name : "", ".pdf")
           ? g_strdup (suggested_name)
           : g_strconcat (suggested_name ? suggested_name : _("document"), ".pdf", NULL);
  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_pdf_file_cb), layout);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
