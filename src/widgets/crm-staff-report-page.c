/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-staff-report-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-staff-report-export.h"
#include "crm-staff-report-page.h"
#include "crm-staff-report.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The Reports section: the staff work report over a period of days (this
 * month to begin with), one row per staff member the viewer may see, and
 * the same report saved as a PDF or a spreadsheet by those who may
 * export.  The figures are read again whenever the page is shown. */

/* One row of the report as a list item. */
#define CRM_TYPE_STAFF_REPORT_ITEM (crm_staff_report_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmStaffReportItem, crm_staff_report_item, CRM, STAFF_REPORT_ITEM, GObject)

struct _CrmStaffReportItem
{
  GObject            parent_instance;
  CrmStaffReportRow *row;
};

G_DEFINE_FINAL_TYPE (CrmStaffReportItem, crm_staff_report_item, G_TYPE_OBJECT)

static void
crm_staff_report_item_finalize (GObject *object)
{
  g_clear_pointer (&CRM_STAFF_REPORT_ITEM (object)->row, crm_staff_report_row_free);
  G_OBJECT_CLASS (crm_staff_report_item_parent_class)->finalize (object);
}

static void
crm_staff_report_item_class_init (CrmStaffReportItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_staff_report_item_finalize;
}

static void
crm_staff_report_item_init (CrmStaffReportItem *self)
{
}

enum
{
  COLUMN_STAFF,
  COLUMN_PLANNED,
  COLUMN_DONE,
  COLUMN_OVERDUE,
  COLUMN_INTERACTIONS,
  COLUMN_QUOTES,
  COLUMN_CASES,
};

struct _CrmStaffReportPage
{
  GtkWidget       parent_instance;

  CrmStore       *store;
  CrmSession     *session;
  GListStore     *rows;           /* CrmStaffReportItem */
  GCancellable   *export_cancellable;
  char           *from_day;       /* the period shown, yyyy-MM-dd; NULL while the entries are wrong */
  char           *to_day;
  gboolean        exporting;

  /* template */
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkLabel       *count_label;
  GtkLabel       *message_label;
  GtkWidget      *pdf_button;
  GtkWidget      *xlsx_button;
  GtkColumnView  *column_view;
};

G_DEFINE_FINAL_TYPE (CrmStaffReportPage, crm_staff_report_page, GTK_TYPE_WIDGET)

static void
show_message (CrmStaffReportPage *self,
              const char         *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* Exports need the permission, a valid period and no export running. */
static void
update_actions (CrmStaffReportPage *self)
{
  gboolean may = crm_session_may (self->session, CRM_PERMISSION_EXPORT) && self->from_day != NULL &&
                 !self->exporting;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff-report.save-pdf", may);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff-report.export-xlsx", may);
}

/* Columns ------------------------------------------------------------------------ */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_STAFF)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CrmStaffReportItem *entry = gtk_list_item_get_item (item);
  const CrmStaffReportRow *row = entry->row;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  gint64 value = 0;
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_UINT (user_data))
    {
    case COLUMN_STAFF:
      gtk_label_set_label (label, row->full_name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), row->full_name);
      return;
    case COLUMN_PLANNED: value = row->events_planned; break;
    case COLUMN_DONE: value = row->events_done; break;
    case COLUMN_OVERDUE: value = row->tasks_overdue; break;
    case COLUMN_INTERACTIONS: value = row->interactions; break;
    case COLUMN_QUOTES: value = row->quotes_sent; break;
    case COLUMN_CASES: value = row->cases_resolved; break;
    default: g_assert_not_reached ();
    }
  text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  gtk_label_set_label (label, text);
}

static void
add_columns (CrmStaffReportPage *self)
{
  static const struct
  {
    const char *title;
    int         width;
  } columns[] = {
    [COLUMN_STAFF] = { N_("Staff member"), 220 },
    [COLUMN_PLANNED] = { N_("Events planned"), 120 },
    [COLUMN_DONE] = { N_("Events done"), 110 },
    [COLUMN_OVERDUE] = { N_("Tasks overdue"), 120 },
    [COLUMN_INTERACTIONS] = { N_("Interactions"), 110 },
    [COLUMN_QUOTES] = { N_("Quotes sent"), 110 },
    [COLUMN_CASES] = { N_("Care cases resolved"), 150 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == COLUMN_STAFF);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* The report --------------------------------------------------------------------- */

/* The day typed in @entry as yyyy-MM-dd, or NULL with the entry marked. */
static char *
read_day (GtkEntry  *entry,
          GError   **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char *iso = NULL;

  if (crm_text_is_blank (text))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter both days of the period."));
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }
  if (!crm_date_parse (text, &iso, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return iso;
}

/**
 * crm_staff_report_page_reload:
 *
 * Reads the report again for the period in the entries.  A wrong period
 * or a refusal shows in the page and leaves the list empty.
 */
gboolean
crm_staff_report_page_reload (CrmStaffReportPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (CRM_IS_STAFF_REPORT_PAGE (self), FALSE);

  g_clear_pointer (&self->from_day, g_free);
  g_clear_pointer (&self->to_day, g_free);
  if ((from = read_day (self->from_entry, &error)) == NULL ||
      (to = read_day (self->to_entry, &error)) == NULL ||
      (rows = crm_staff_report_build (self->store, self->session, from, to, &error)) == NULL)
    {
      g_list_store_remove_all (self->rows);
      gtk_label_set_label (self->count_label, "");
      show_message (self, error->message);
      update_actions (self);
      return FALSE;
    }
  g_list_store_remove_all (self->rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CrmStaffReportItem) item = g_object_new (CRM_TYPE_STAFF_REPORT_ITEM, NULL);

      item->row = g_steal_pointer (&rows->pdata[i]);
      g_list_store_append (self->rows, item);
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u staff member", "%u staff members",
                                        g_list_model_get_n_items (G_LIST_MODEL (self->rows))),
                           g_list_model_get_n_items (G_LIST_MODEL (self->rows)));
  gtk_label_set_label (self->count_label, count);
  self->from_day = g_steal_pointer (&from);
  self->to_day = g_steal_pointer (&to);
  show_message (self, NULL);
  update_actions (self);
  return TRUE;
}

static void
on_period_changed_cb (CrmStaffReportPage *self)
{
  if (self->store != NULL)
    crm_staff_report_page_reload (self);
}

static void
on_map_cb (GtkWidget *widget)
{
  crm_staff_report_page_reload (CRM_STAFF_REPORT_PAGE (widget));
}

/* Export --------------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmStaffReportPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  if (!crm_staff_report_export_finish (CRM_STORE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else
    {
      show_message (self, NULL);
      gtk_label_set_label (self->count_label, _("Report saved."));
    }
  update_actions (self);
}

static void
on_export_file_cb (GtkNativeDialog    *chooser,
                   int                 response,
                   CrmStaffReportPage *self)
{
  CrmExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT && self->from_day != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      self->exporting = TRUE;
      gtk_label_set_label (self->count_label, _("Exporting…"));
      update_actions (self);
      crm_staff_report_export_async (self->store, self->session, self->from_day, self->to_day, format, file,
                                     self->export_cancellable, on_export_done_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
choose_file (CrmStaffReportPage *self,
             CrmExportFormat     format)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  const char *title = format == CRM_EXPORT_FORMAT_PDF ? _("Save the Staff Work Report as PDF")
                                                      : _("Export the Staff Work Report to Excel");

  /* TRANSLATORS: the file name offered for a saved staff work report; then the period. */
  name = g_strdup_printf ("%s-%s-%s.%s", _("staff-report"), self->from_day, self->to_day,
                          format == CRM_EXPORT_FORMAT_PDF ? "pdf" : "xlsx");
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_file (CRM_STAFF_REPORT_PAGE (widget), CRM_EXPORT_FORMAT_PDF);
}

static void
export_xlsx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (CRM_STAFF_REPORT_PAGE (widget), CRM_EXPORT_FORMAT_XLSX);
}

/* GObject ------------------------------------------------------------------------- */

static void
crm_staff_report_page_dispose (GObject *object)
{
  CrmStaffReportPage *self = CRM_STAFF_REPORT_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_STAFF_REPORT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->rows);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_staff_report_page_parent_class)->dispose (object);
}

static void
crm_staff_report_page_finalize (GObject *object)
{
  CrmStaffReportPage *self = CRM_STAFF_REPORT_PAGE (object);

  g_free (self->from_day);
  g_free (self->to_day);

  G_OBJECT_CLASS (crm_staff_report_page_parent_class)->finalize (object);
}

static void
crm_staff_report_page_class_init (CrmStaffReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_staff_report_page_dispose;
  object_class->finalize = crm_staff_report_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-staff-report-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmStaffReportPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmStaffReportPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmStaffReportPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStaffReportPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStaffReportPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, CrmStaffReportPage, xlsx_button);
  gtk_widget_class_bind_template_child (widget_class, CrmStaffReportPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);
  gtk_widget_class_install_action (widget_class, "staff-report.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "staff-report.export-xlsx", NULL, export_xlsx_activated);
}

static void
crm_staff_report_page_init (CrmStaffReportPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (CRM_TYPE_STAFF_REPORT_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_columns (self);

  /* This month, first to last day. */
  first = g_date_time_add_days (now, 1 - g_date_time_get_day_of_month (now));
  next = g_date_time_add_months (first, 1);
  last = g_date_time_add_days (next, -1);
  from = g_date_time_format (first, "%d/%m/%Y");
  to = g_date_time_format (last, "%d/%m/%Y");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
crm_staff_report_page_new (CrmStore   *store,
                           CrmSession *session)
{
  CrmStaffReportPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_STAFF_REPORT_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  /* Those who may not export are not offered to. */
  gtk_widget_set_visible (self->pdf_button, crm_session_may (session, CRM_PERMISSION_EXPORT));
  gtk_widget_set_visible (self->xlsx_button, crm_session_may (session, CRM_PERMISSION_EXPORT));
  crm_staff_report_page_reload (self);
  return GTK_WIDGET (self);
}
