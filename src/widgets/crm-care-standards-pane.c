/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-standards-pane"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-care-case.h"
#include "crm-care-generator.h"
#include "crm-care-standard-dialog.h"
#include "crm-care-standard-store.h"
#include "crm-care-standards-pane.h"
#include "crm-validate.h"

/* Both lists are short (a few standards; the customers overdue for care
 * of one person or team), read whole from the store into list boxes. */
struct _CrmCareStandardsPane
{
  GtkWidget     parent_instance;

  CrmStore     *store;
  CrmSession   *session;
  GPtrArray    *standards;   /* CrmCareStandard, one per row */

  /* template */
  GtkButton    *add_button;
  GtkButton    *edit_button;
  GtkButton    *switch_button;
  GtkButton    *generate_button;
  GtkBox       *standards_header;
  GtkListBox   *standards_list;
  GtkLabel     *message_label;
  GtkLabel     *overdue_count_label;
  GtkBox       *overdue_header;
  GtkListBox   *overdue_list;
};

G_DEFINE_FINAL_TYPE (CrmCareStandardsPane, crm_care_standards_pane, GTK_TYPE_WIDGET)

/* Column widths in characters, shared by the headers and the rows. */
enum {
  WIDTH_GROUP = 18,
  WIDTH_NAME = 22,
  WIDTH_SCHEDULE = 30,
  WIDTH_ACTION = 18,
  WIDTH_STATE = 6,
  WIDTH_CUSTOMER = 28,
  WIDTH_TASK = 30,
  WIDTH_DATE = 10,
  WIDTH_LATE = 14,
  WIDTH_STAFF = 18,
};

/* Rows ----------------------------------------------------------------------------- */

static GtkWidget *
cell (GtkWidget  *box,
      const char *text,
      int         width,
      gboolean    expand)
{
  GtkWidget *label = gtk_label_new (text ? text : "");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_width_chars (GTK_LABEL (label), width);
  gtk_label_set_max_width_chars (GTK_LABEL (label), width);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
new_row (GtkWidget  *box,
         const char *accessible_label)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return row;
}

static GtkWidget *
standard_row (const CrmCareStandard *standard)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *schedule = crm_care_standard_describe_schedule (standard);
  GtkWidget *row;

  cell (box, standard->category_id > 0 ? standard->category_name : _("Every customer"), WIDTH_GROUP, FALSE);
  cell (box, standard->name, WIDTH_NAME, TRUE);
  cell (box, schedule, WIDTH_SCHEDULE, FALSE);
  cell (box, crm_care_standard_action_label (standard->action), WIDTH_ACTION, FALSE);
  cell (box, standard->active ? _("On") : _("Off"), WIDTH_STATE, FALSE);
  row = new_row (box, standard->name);
  if (!standard->active)
    gtk_widget_add_css_class (box, "dim-label");
  return row;
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%d-%d-%d", &year, &month, &day) != 3 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* "3 days late" from the due day to @today ("YYYY-MM-DD" both). */
static char *
lateness (const char *due_on,
          const char *today)
{
  GDate due, now;
  gint days;

  if (!parse_day (due_on, &due) || !parse_day (today, &now))
    return g_strdup ("");
  days = g_date_days_between (&due, &now);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late", days), days);
}

static GtkWidget *
overdue_row (const CrmCareOverdue *overdue,
             const char           *today)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *customer = g_strdup_printf ("%s · %s", overdue->customer_code, overdue->customer_name);
  g_autofree char *date = crm_date_format (overdue->due_on);
  g_autofree char *late = lateness (overdue->due_on, today);
  g_autofree char *task = overdue->n_overdue > 1
                          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %u more)", "%s (and %u more)",
                                                          overdue->n_overdue - 1),
                                             overdue->title, overdue->n_overdue - 1)
                          : g_strdup (overdue->title);
  GtkWidget *late_label;
  GtkWidget *row;

  cell (box, customer, WIDTH_CUSTOMER, TRUE);
  cell (box, task, WIDTH_TASK, FALSE);
  cell (box, date, WIDTH_DATE, FALSE);
  late_label = cell (box, late, WIDTH_LATE, FALSE);
  gtk_widget_add_css_class (late_label, "error");
  cell (box, overdue->owner_name, WIDTH_STAFF, FALSE);
  row = new_row (box, overdue->customer_name);
  g_object_set_data_full (G_OBJECT (row), "customer", g_memdup2 (&overdue->customer_id, sizeof (gint64)), g_free);
  return row;
}

static void
fill_header (GtkBox     *header,
             const char *const *titles,
             const int  *widths,
             int         expand)
{
  for (int i = 0; titles[i] != NULL; i++)
    cell (GTK_WIDGET (header), _(titles[i]), widths[i], i == expand);
}

/* Reading --------------------------------------------------------------------------- */

static void
show_message (CrmCareStandardsPane *self,
              const char           *message,
              gboolean              is_error)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const CrmCareStandard *
selected_standard (CrmCareStandardsPane *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->standards_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index < 0 || self->standards == NULL || (guint) index >= self->standards->len)
    return NULL;
  return g_ptr_array_index (self->standards, index);
}

static void
update_buttons (CrmCareStandardsPane *self)
{
  const CrmCareStandard *standard = selected_standard (self);
  gboolean editor = crm_session_get_role (self->session) != CRM_ROLE_STAFF;

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->switch_button), editor);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), standard != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switch_button), standard != NULL);
  gtk_button_set_label (self->switch_button, standard != NULL && !standard->active ? _("Switch _On")
                                                                                   : _("Switch _Off"));
}

static void
reload_standards (CrmCareStandardsPane *self,
                  gint64                select_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *standards = crm_care_standard_store_list (self->store, self->session, TRUE, &error);

  clear_list (self->standards_list);
  g_clear_pointer (&self->standards, g_ptr_array_unref);
  if (standards == NULL)
    {
      show_message (self, error->message, TRUE);
      update_buttons (self);
      return;
    }
  self->standards = standards;
  for (guint i = 0; i < standards->len; i++)
    {
      const CrmCareStandard *standard = g_ptr_array_index (standards, i);
      GtkWidget *row = standard_row (standard);

      gtk_list_box_append (self->standards_list, row);
      if (standard->id == select_id)
        gtk_list_box_select_row (self->standards_list, GTK_LIST_BOX_ROW (row));
    }
  update_buttons (self);
}

static void
reload_overdue (CrmCareStandardsPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = crm_care_today ();
  g_autoptr(GPtrArray) rows = crm_care_list_overdue_customers (self->store, self->session, today, &error);
  g_autofree char *count = NULL;

  clear_list (self->overdue_list);
  if (rows == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->overdue_list, overdue_row (g_ptr_array_index (rows, i), today));
  count = rows->len == 0 ? g_strdup (_("No customer is overdue"))
                         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers",
                                                         rows->len), rows->len);
  gtk_label_set_label (self->overdue_count_label, count);
}

void
crm_care_standards_pane_reload (CrmCareStandardsPane *self)
{
  const CrmCareStandard *standard;

  g_return_if_fail (CRM_IS_CARE_STANDARDS_PANE (self));

  standard = selected_standard (self);
  reload_standards (self, standard != NULL ? standard->id : 0);
  reload_overdue (self);
}

/* Callbacks --------------------------------------------------------------------------- */

static void
on_dialog_saved_cb (CrmCareStandardsPane *self,
                    gint64                id)
{
  show_message (self, NULL, FALSE);
  reload_standards (self, id);
}

static void
open_dialog (CrmCareStandardsPane *self,
             gint64                id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  CrmCareStandardDialog *dialog;

  dialog = crm_care_standard_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                         self->session, id, &error);
  if (dialog == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_clicked_cb (CrmCareStandardsPane *self)
{
  open_dialog (self, 0);
}

static void
on_edit_clicked_cb (CrmCareStandardsPane *self)
{
  const CrmCareStandard *standard = selected_standard (self);

  if (standard != NULL)
    open_dialog (self, standard->id);
}

static void
on_standard_activated_cb (CrmCareStandardsPane *self,
                          GtkListBoxRow        *row)
{
  if (crm_session_get_role (self->session) != CRM_ROLE_STAFF)
    on_edit_clicked_cb (self);
}

static void
on_standard_selected_cb (CrmCareStandardsPane *self,
                         GtkListBoxRow        *row)
{
  update_buttons (self);
}

static void
on_switch_clicked_cb (CrmCareStandardsPane *self)
{
  const CrmCareStandard *standard = selected_standard (self);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (standard == NULL)
    return;
  id = standard->id;
  if (!crm_care_standard_store_set_active (self->store, self->session, id, !standard->active, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, NULL, FALSE);
  reload_standards (self, id);
}

static void
on_generate_clicked_cb (CrmCareStandardsPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = crm_care_today ();
  g_autofree char *message = NULL;
  guint n = 0;

  if (!crm_care_generate_due (self->store, self->session, today, &n, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  message = n == 0 ? g_strdup (_("No care task was due."))
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u care task created.",
                                                   "%u care tasks created.", n), n);
  show_message (self, message, FALSE);
  reload_overdue (self);
}

static void
on_overdue_activated_cb (CrmCareStandardsPane *self,
                         GtkListBoxRow        *row)
{
  const gint64 *customer_id = g_object_get_data (G_OBJECT (row), "customer");

  if (customer_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(sx)", "customer", *customer_id);
}

/* GObject ------------------------------------------------------------------------------ */

static void
crm_care_standards_pane_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (crm_care_standards_pane_parent_class)->map (widget);
  crm_care_standards_pane_reload (CRM_CARE_STANDARDS_PANE (widget));
}

static void
crm_care_standards_pane_dispose (GObject *object)
{
  CrmCareStandardsPane *self = CRM_CARE_STANDARDS_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CARE_STANDARDS_PANE);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->standards, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_care_standards_pane_parent_class)->dispose (object);
}

static void
crm_care_standards_pane_class_init (CrmCareStandardsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_care_standards_pane_dispose;
  widget_class->map = crm_care_standards_pane_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-care-standards-pane.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, switch_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, generate_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, standards_header);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, standards_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, overdue_count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, overdue_header);
  gtk_widget_class_bind_template_child (widget_class, CrmCareStandardsPane, overdue_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_generate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_standard_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_standard_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overdue_activated_cb);
}

static void
crm_care_standards_pane_init (CrmCareStandardsPane *self)
{
  static const char *const standard_titles[] = {
    N_("Group"), N_("Name"), N_("Schedule"), N_("Action"), N_("State"), NULL,
  };
  static const int standard_widths[] = { WIDTH_GROUP, WIDTH_NAME, WIDTH_SCHEDULE, WIDTH_ACTION, WIDTH_STATE };
  static const char *const overdue_titles[] = {
    N_("Customer"), N_("Care task"), N_("Due"), N_("Late"), N_("Staff"), NULL,
  };
  static const int overdue_widths[] = { WIDTH_CUSTOMER, WIDTH_TASK, WIDTH_DATE, WIDTH_LATE, WIDTH_STAFF };

  gtk_widget_init_template (GTK_WIDGET (self));
  fill_header (self->standards_header, standard_titles, standard_widths, 1);
  fill_header (self->overdue_header, overdue_titles, overdue_widths, 0);
}

GtkWidget *
crm_care_standards_pane_new (CrmStore   *store,
                             CrmSession *session)
{
  CrmCareStandardsPane *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CARE_STANDARDS_PANE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  update_buttons (self);
  return GTK_WIDGET (self);
}
