/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reports-page"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-category-store.h"
#include "crm-chart-view.h"
#include "crm-print.h"
#include "crm-report-controller.h"
#include "crm-report-export.h"
#include "crm-reports-page.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* The Reports section: the list of reports on the left; on the right the
 * filters (breakdown, period, staff, team, customer category), then the
 * built report: title, subtitles, summary figures as small cards, the
 * chart and the table.  A CrmReportController builds off the main
 * thread; this page only shows what it says and hands it the filters. */

/* One row of the report shown, as a list item of the table. */
#define CRM_TYPE_REPORTS_ROW (crm_reports_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmReportsRow, crm_reports_row, CRM, REPORTS_ROW, GObject)

struct _CrmReportsRow
{
  GObject    parent_instance;
  CrmReport *report;
  guint      index;
};

G_DEFINE_FINAL_TYPE (CrmReportsRow, crm_reports_row, G_TYPE_OBJECT)

static void
crm_reports_row_finalize (GObject *object)
{
  g_clear_object (&CRM_REPORTS_ROW (object)->report);
  G_OBJECT_CLASS (crm_reports_row_parent_class)->finalize (object);
}

static void
crm_reports_row_class_init (CrmReportsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_reports_row_finalize;
}

static void
crm_reports_row_init (CrmReportsRow *self)
{
}

struct _CrmReportsPage
{
  GtkWidget            parent_instance;

  CrmStore            *store;
  CrmSession          *session;
  CrmReportController *controller;
  GListStore          *rows;           /* CrmReportsRow */
  GArray              *staff_ids;      /* gint64 per staff dropdown item, 0 first */
  GArray              *team_ids;
  GArray              *category_ids;
  GCancellable        *export_cancellable;
  gboolean             exporting;
  gboolean             updating;       /* the page sets widgets from the controller */

  /* template */
  GtkNotebook         *notebook;
  GtkListBox          *report_list;
  GtkDropDown         *breakdown_dropdown;
  GtkDropDown         *unit_dropdown;
  GtkLabel            *period_label;
  GtkWidget           *range_box;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkDropDown         *staff_dropdown;
  GtkDropDown         *team_dropdown;
  GtkDropDown         *category_dropdown;
  GtkWidget           *xlsx_button;
  GtkWidget           *pdf_button;
  GtkWidget           *print_button;
  GtkWidget           *progress_box;
  GtkSpinner          *spinner;
  GtkLabel            *progress_label;
  GtkLabel            *message_label;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkGrid             *figures_box;
  GtkBox              *chart_box;
  GtkWidget           *chart_view;
  GtkColumnView       *column_view;
};

G_DEFINE_FINAL_TYPE (CrmReportsPage, crm_reports_page, GTK_TYPE_WIDGET)

/* Helpers ---------------------------------------------------------------------- */

/* An error in the banner, or a plain note (e.g. "saved") without the error colour. */
static void
show_message (CrmReportsPage *self,
              const char     *message,
              gboolean        is_error)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_actions (CrmReportsPage *self)
{
  gboolean has_report = crm_report_controller_get_report (self->controller) != NULL;
  gboolean busy = crm_report_controller_get_busy (self->controller);
  gboolean ready = has_report && !busy && !self->exporting;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-xlsx", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel", busy || self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous-period",
                                 crm_report_controller_get_info (self->controller) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next-period",
                                 crm_report_controller_get_info (self->controller) != NULL);
}

static void
update_progress (CrmReportsPage *self)
{
  gboolean busy = crm_report_controller_get_busy (self->controller);

  gtk_widget_set_visible (self->progress_box, busy || self->exporting);
  gtk_spinner_set_spinning (self->spinner, busy || self->exporting);
  gtk_label_set_label (self->progress_label, self->exporting ? _("Exporting the report…")
                                                             : _("Building the report…"));
  update_actions (self);
}

/* "yyyy-MM-dd" -> GDate; FALSE when it is not one. */
static gboolean
date_from_iso (const char *iso,
               GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%d/%m/%Y", date);
  return g_strdup (text);
}

/* The table ------------------------------------------------------------------ */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  CrmReportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kind"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (kind == CRM_REPORT_TEXT || kind == CRM_REPORT_DATE)
    gtk_label_set_xalign (GTK_LABEL (label), 0);
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
  CrmReportsRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = crm_report_format_cell (row->report, row->index, GPOINTER_TO_UINT (user_data));

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
remove_columns (CrmReportsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

/* Columns as the report has them: widths in average characters. */
static void
show_table (CrmReportsPage *self,
            CrmReport      *report)
{
  guint n_columns = report != NULL ? crm_report_get_n_columns (report) : 0;
  guint n_rows = report != NULL ? crm_report_get_n_rows (report) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_list_store_remove_all (self->rows);
  remove_columns (self);
  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      double chars = crm_report_get_column_width (report, i);

      g_object_set_data (G_OBJECT (factory), "kind", GINT_TO_POINTER (crm_report_get_column_kind (report, i)));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (crm_report_get_column_heading (report, i), factory);
      gtk_column_view_column_set_fixed_width (column, (int) (MAX (chars, 6) * 8 + 16));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (self->column_view, column);
    }
  for (guint i = 0; i < n_rows; i++)
    {
      CrmReportsRow *row = g_object_new (CRM_TYPE_REPORTS_ROW, NULL);

      row->report = g_object_ref (report);
      row->index = i;
      g_ptr_array_add (items, row);
    }
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
}

/* The summary figures as small cards: the label above, the value below.
 * A grid, not a flow box: a flow box asks for the height of one card a
 * line, which would make the window taller than the screen. */
static void
show_figures (CrmReportsPage *self,
              CrmReport      *report)
{
  GtkWidget *child;
  guint n = report != NULL ? crm_report_get_n_figures (report) : 0;

  /* Up to four cards a line, lines as even as can be: 6 = 3 + 3, 7 = 4 + 3. */
  guint per_line = n <= 4 ? MAX (n, 1) : MIN ((n + 1) / 2, 4);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))))
    gtk_grid_remove (self->figures_box, child);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = crm_report_format_figure (report, i);
      g_autofree char *name = g_strdup_printf ("%s: %s", crm_report_get_figure_label (report, i), value);
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *caption = gtk_label_new (crm_report_get_figure_label (report, i));
      GtkWidget *figure = gtk_label_new (value);

      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 10);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (caption, crm_report_get_figure_label (report, i));
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_label_set_xalign (GTK_LABEL (figure), 0);
      gtk_widget_add_css_class (figure, "title-4");
      gtk_widget_add_css_class (figure, "numeric");
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), figure);
      gtk_frame_set_child (GTK_FRAME (frame), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (frame), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_grid_attach (self->figures_box, frame, i % per_line, i / per_line, 1, 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->figures_box), n > 0);
}

static void
show_report (CrmReportsPage *self)
{
  CrmReport *report = crm_report_controller_get_report (self->controller);
  g_autoptr(GString) subtitles = g_string_new (NULL);

  for (guint i = 0; report != NULL && i < crm_report_get_n_subtitles (report); i++)
    {
      if (subtitles->len > 0)
        g_string_append (subtitles, " · ");
      g_string_append (subtitles, crm_report_get_subtitle (report, i));
    }
  gtk_label_set_label (self->title_label, report != NULL ? crm_report_get_title (report) : "");
  gtk_label_set_label (self->subtitle_label, subtitles->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitles->len > 0);
  show_figures (self, report);
  crm_chart_view_set_report (CRM_CHART_VIEW (self->chart_view), report);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_box),
                          report != NULL && crm_report_get_chart_kind (report) != CRM_CHART_NONE);
  show_table (self, report);
  update_actions (self);
}

/* Filters ------------------------------------------------------------------------ */

static void
show_breakdowns (CrmReportsPage *self)
{
  const CrmReportInfo *info = crm_report_controller_get_info (self->controller);
  const char *current = crm_report_controller_get_breakdown (self->controller);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; info != NULL && info->breakdowns != NULL && info->breakdowns[i].name != NULL; i++)
    {
      gtk_string_list_append (labels, _(info->breakdowns[i].label));
      if (g_strcmp0 (info->breakdowns[i].name, current) == 0)
        selected = i;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->breakdown_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->breakdown_dropdown, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->breakdown_dropdown),
                            g_list_model_get_n_items (G_LIST_MODEL (labels)) > 1);
}

static void
show_period (CrmReportsPage *self)
{
  g_autofree char *label = crm_report_controller_dup_period_label (self->controller);
  CrmPeriodUnit unit = crm_report_controller_get_unit (self->controller);

  gtk_label_set_label (self->period_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_label), label);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->unit_dropdown, unit);
  self->updating = FALSE;
  gtk_widget_set_visible (self->range_box, unit == CRM_PERIOD_CUSTOM);
}

/* The entries show the period's days when the custom range is chosen. */
static void
fill_range_entries (CrmReportsPage *self)
{
  CrmPeriod period;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  crm_report_controller_get_period (self->controller, &period);
  from = format_date (&period.first);
  to = format_date (&period.last);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  self->updating = FALSE;
}

static gboolean
read_entry_day (GtkEntry *entry,
                GDate    *date)
{
  g_autofree char *iso = NULL;
  gboolean ok = crm_date_parse (gtk_editable_get_text (GTK_EDITABLE (entry)), &iso, NULL) &&
                date_from_iso (iso, date);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

static void
on_range_changed_cb (CrmReportsPage *self)
{
  GDate first, last;
  gboolean first_ok, last_ok;

  if (self->updating || self->controller == NULL)
    return;
  first_ok = read_entry_day (self->from_entry, &first);
  last_ok = read_entry_day (self->to_entry, &last);
  if (first_ok && last_ok)
    crm_report_controller_set_range (self->controller, &first, &last);
}

static void
on_report_list_row_selected_cb (CrmReportsPage *self,
                                GtkListBoxRow  *row)
{
  if (self->updating || self->controller == NULL || row == NULL)
    return;
  crm_report_controller_set_report_name (self->controller, g_object_get_data (G_OBJECT (row), "report-name"));
}

static void
on_breakdown_selected_cb (CrmReportsPage *self)
{
  const CrmReportInfo *info = crm_report_controller_get_info (self->controller);
  guint selected = gtk_drop_down_get_selected (self->breakdown_dropdown);

  if (self->updating || info == NULL || info->breakdowns == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  crm_report_controller_set_breakdown (self->controller, info->breakdowns[selected].name);
}

static void
on_unit_selected_cb (CrmReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->updating || selected > CRM_PERIOD_CUSTOM)
    return;
  crm_report_controller_set_unit (self->controller, selected);
  if (selected == CRM_PERIOD_CUSTOM)
    fill_range_entries (self);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
on_filter_selected_cb (CrmReportsPage *self)
{
  if (self->updating)
    return;
  crm_report_controller_set_staff_id (self->controller, selected_id (self->staff_dropdown, self->staff_ids));
  crm_report_controller_set_team_id (self->controller, selected_id (self->team_dropdown, self->team_ids));
  crm_report_controller_set_category_id (self->controller,
                                         selected_id (self->category_dropdown, self->category_ids));
}

/* The choices of one filter dropdown: "All …" (id 0) first. */
static void
set_choices (GtkDropDown   *dropdown,
             GArray        *ids,
             GtkStringList *labels)
{
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (dropdown), ids->len > 1);
}

/* Staff: the people a manager or administrator follows (staff see their
 * own work only, so no choice); teams: administrators; categories: all. */
static void
fill_filters (CrmReportsPage *self)
{
  g_autoptr(GtkStringList) staff = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) teams = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) team_list = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  CrmRole role = crm_session_get_role (self->session);
  gint64 none = 0;

  g_array_append_val (self->staff_ids, none);
  gtk_string_list_append (staff, _("All staff"));
  if (role != CRM_ROLE_STAFF && (users = crm_user_store_list_assignees (self->store, self->session, NULL)))
    for (guint i = 0; i < users->len; i++)
      {
        const CrmUserEntry *user = users->pdata[i];
        g_array_append_val (self->staff_ids, user->id);
        gtk_string_list_append (staff, user->full_name);
      }

  g_array_append_val (self->team_ids, none);
  gtk_string_list_append (teams, _("All teams"));
  if (role == CRM_ROLE_ADMIN && (team_list = crm_user_store_list_teams (self->store, self->session, NULL)))
    for (guint i = 0; i < team_list->len; i++)
      {
        const CrmTeamInfo *team = team_list->pdata[i];
        g_array_append_val (self->team_ids, team->id);
        gtk_string_list_append (teams, team->name);
      }

  g_array_append_val (self->category_ids, none);
  gtk_string_list_append (categories, _("All customer categories"));
  if ((nodes = crm_category_store_list (self->store, self->session, NULL)))
    for (guint i = 0; i < nodes->len; i++)
      {
        CrmCategory *node = nodes->pdata[i];
        gint64 id = crm_category_get_id (node);
        g_autofree char *indent = g_strnfill (crm_category_get_depth (node) * 3, ' ');
        g_autofree char *label = g_strconcat (indent, crm_category_get_name (node), NULL);

        g_array_append_val (self->category_ids, id);
        gtk_string_list_append (categories, label);
      }

  self->updating = TRUE;
  set_choices (self->staff_dropdown, self->staff_ids, staff);
  set_choices (self->team_dropdown, self->team_ids, teams);
  set_choices (self->category_dropdown, self->category_ids, categories);
  self->updating = FALSE;
}

static void
fill_report_list (CrmReportsPage *self)
{
  g_autoptr(GPtrArray) reports = crm_report_controller_list_reports (self->controller);
  const char *current = crm_report_controller_get_report_name (self->controller);

  self->updating = TRUE;
  for (guint i = 0; i < reports->len; i++)
    {
      const CrmReportInfo *info = reports->pdata[i];
      GtkWidget *label = gtk_label_new (_(info->title));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_tooltip_text (row, _(info->description));
      g_object_set_data (G_OBJECT (row), "report-name", (gpointer) info->name);
      gtk_list_box_append (self->report_list, row);
      if (g_strcmp0 (info->name, current) == 0)
        gtk_list_box_select_row (self->report_list, GTK_LIST_BOX_ROW (row));
    }
  self->updating = FALSE;
  if (reports->len == 0)
    show_message (self, _("There is no report you may open."), TRUE);
}

/* Controller → page ----------------------------------------------------------- */

static void
on_report_notify_cb (CrmReportsPage *self)
{
  show_report (self);
}

static void
on_report_name_notify_cb (CrmReportsPage *self)
{
  show_breakdowns (self);
  update_actions (self);
}

static void
on_busy_notify_cb (CrmReportsPage *self)
{
  update_progress (self);
}

static void
on_error_message_notify_cb (CrmReportsPage *self)
{
  const char *message = crm_report_controller_get_error_message (self->controller);

  if (message != NULL)
    show_message (self, message, TRUE);
  else if (!self->exporting)
    show_message (self, NULL, TRUE);
}

static void
on_map_cb (CrmReportsPage *self)
{
  /* The figures may have changed since the page was last shown. */
  crm_report_controller_rebuild (self->controller);
}

/* Actions ------------------------------------------------------------------------ */

static void
previous_period_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CrmReportsPage *self = CRM_REPORTS_PAGE (widget);

  crm_report_controller_previous_period (self->controller);
  fill_range_entries (self);
}

static void
next_period_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmReportsPage *self = CRM_REPORTS_PAGE (widget);

  crm_report_controller_next_period (self->controller);
  fill_range_entries (self);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmReportsPage *self = CRM_REPORTS_PAGE (widget);

  g_cancellable_cancel (self->export_cancellable);
  crm_report_controller_cancel (self->controller);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  g_clear_object (&self->export_cancellable);
  if (!crm_report_export_finish (CRM_STORE (source), result, &error))
    show_message (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                  ? _("The export was cancelled; no file was written.") : error->message,
                  TRUE);
  else
    show_message (self, _("Report saved."), FALSE);
  update_progress (self);
}

static void
on_export_file_cb (GtkNativeDialog *chooser,
                   int              response,
                   CrmReportsPage  *self)
{
  CrmExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  CrmReport *report = crm_report_controller_get_report (self->controller);

  if (response == GTK_RESPONSE_ACCEPT && report != NULL && !self->exporting)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      self->export_cancellable = g_cancellable_new ();
      self->exporting = TRUE;
      show_message (self, NULL, TRUE);
      update_progress (self);
      crm_report_export_async (report, self->store, self->session, format, file, self->export_cancellable,
                               on_export_done_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
choose_file (CrmReportsPage  *self,
             CrmExportFormat  format)
{
  CrmPeriod period;
  g_autofree char *period_text = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  const char *title = format == CRM_EXPORT_FORMAT_PDF ? _("Save as PDF") : _("Export to Excel");

  crm_report_controller_get_period (self->controller, &period);
  period_text = crm_period_to_string (&period);
  name = g_strdup_printf ("%s-%s.%s", crm_report_controller_get_report_name (self->controller), period_text,
                          format == CRM_EXPORT_FORMAT_PDF ? "pdf" : "xlsx");
  g_strdelimit (name, "/\\:", '_');
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_xlsx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (CRM_REPORTS_PAGE (widget), CRM_EXPORT_FORMAT_XLSX);
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_file (CRM_REPORTS_PAGE (widget), CRM_EXPORT_FORMAT_PDF);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmReportsPage *self = CRM_REPORTS_PAGE (widget);
  CrmReport *report = crm_report_controller_get_report (self->controller);

  if (report != NULL)
    crm_print_report (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, self->session, report);
}

/* GObject ------------------------------------------------------------------------- */

static void
crm_reports_page_dispose (GObject *object)
{
  CrmReportsPage *self = CRM_REPORTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->controller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->controller, self);
      crm_report_controller_cancel (self->controller);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_REPORTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->controller);
  g_clear_object (&self->rows);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_reports_page_parent_class)->dispose (object);
}

static void
crm_reports_page_finalize (GObject *object)
{
  CrmReportsPage *self = CRM_REPORTS_PAGE (object);

  g_array_unref (self->staff_ids);
  g_array_unref (self->team_ids);
  g_array_unref (self->category_ids);

  G_OBJECT_CLASS (crm_reports_page_parent_class)->finalize (object);
}

static void
crm_reports_page_class_init (CrmReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_reports_page_dispose;
  object_class->finalize = crm_reports_page_finalize;

  g_type_ensure (CRM_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-reports-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, notebook);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, breakdown_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, range_box);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, xlsx_button);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, CrmReportsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_report_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed_cb);
  gtk_widget_class_install_action (widget_class, "reports.previous-period", NULL, previous_period_activated);
  gtk_widget_class_install_action (widget_class, "reports.next-period", NULL, next_period_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-xlsx", NULL, export_xlsx_activated);
  gtk_widget_class_install_action (widget_class, "reports.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_activated);
}

static void
crm_reports_page_init (CrmReportsPage *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->team_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_list_store_new (CRM_TYPE_REPORTS_ROW);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  self->chart_view = crm_chart_view_new ();
  gtk_widget_set_hexpand (self->chart_view, TRUE);
  gtk_box_append (self->chart_box, self->chart_view);
}

GtkWidget *
crm_reports_page_new (CrmStore   *store,
                      CrmSession *session)
{
  CrmReportsPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_REPORTS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->controller = crm_report_controller_new (store, session);
  /* Built when the page is shown (on map), not while the window opens. */
  crm_report_controller_cancel (self->controller);

  /* Those who may not export or print are not offered to. */
  gtk_widget_set_visible (self->xlsx_button, crm_session_may (session, CRM_PERMISSION_EXPORT));
  gtk_widget_set_visible (self->pdf_button, crm_session_may (session, CRM_PERMISSION_EXPORT));
  gtk_widget_set_visible (self->print_button, crm_session_may (session, CRM_PERMISSION_PRINT));

  fill_filters (self);
  fill_report_list (self);
  show_breakdowns (self);
  show_period (self);
  fill_range_entries (self);
  show_report (self);
  update_progress (self);
  on_error_message_notify_cb (self);

  g_signal_connect_swapped (self->controller, "notify::report", G_CALLBACK (on_report_notify_cb), self);
  g_signal_connect_swapped (self->controller, "notify::report-name", G_CALLBACK (on_report_name_notify_cb), self);
  g_signal_connect_swapped (self->controller, "notify::breakdown", G_CALLBACK (show_breakdowns), self);
  g_signal_connect_swapped (self->controller, "notify::period-label", G_CALLBACK (show_period), self);
  g_signal_connect_swapped (self->controller, "notify::busy", G_CALLBACK (on_busy_notify_cb), self);
  g_signal_connect_swapped (self->controller, "notify::error-message",
                            G_CALLBACK (on_error_message_notify_cb), self);
  g_signal_connect_swapped (self->breakdown_dropdown, "notify::selected",
                            G_CALLBACK (on_breakdown_selected_cb), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected", G_CALLBACK (on_unit_selected_cb), self);
  g_signal_connect_swapped (self->staff_dropdown, "notify::selected", G_CALLBACK (on_filter_selected_cb), self);
  g_signal_connect_swapped (self->team_dropdown, "notify::selected", G_CALLBACK (on_filter_selected_cb), self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_selected_cb), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map_cb), self);
  return GTK_WIDGET (self);
}

void
crm_reports_page_add_tab (CrmReportsPage *self,
                          GtkWidget      *child,
                          const char     *title)
{
  g_return_if_fail (CRM_IS_REPORTS_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (title != NULL);

  gtk_notebook_append_page (self->notebook, child, gtk_label_new (title));
  gtk_notebook_set_show_tabs (self->notebook, TRUE);
}
