/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-page"

#include "config.h"

#include "crm-care-page.h"

#include <glib/gi18n-lib.h>

#include "crm-care-dialog.h"
#include "crm-care-list.h"
#include "crm-care-standards-pane.h"
#include "crm-user-store.h"

/* The Care section: the cases, and the care standards of the customer
 * groups (CrmCareStandardsPane) in a second tab.  The list reads through
 * CrmCareList, which asks the store a page at a time; the store applies
 * who may see what.  A row of toggle buttons picks the status shown (or
 * the overdue cases). */
struct _CrmCarePage
{
  GtkWidget       parent_instance;

  CrmStore       *store;
  CrmSession     *session;
  CrmCareList    *list;
  GtkSingleSelection *selection;
  GArray         *assignee_ids;      /* gint64 per assignee choice; 0 for everyone */
  GtkWidget      *status_buttons[CRM_CARE_N_STATUSES + 2];
  gboolean        filling;

  /* template */
  GtkStack       *view_stack;
  GtkWidget      *view_switcher;
  GtkBox         *status_box;
  GtkDropDown    *assignee_dropdown;
  GtkSearchEntry *search_entry;
  GtkLabel       *count_label;
  GtkLabel       *message_label;
  GtkColumnView  *column_view;
  GtkColumnViewColumn *due_column;
};

G_DEFINE_FINAL_TYPE (CrmCarePage, crm_care_page, GTK_TYPE_WIDGET)

/* The status buttons after the five statuses. */
#define SHOW_ALL     CRM_CARE_N_STATUSES
#define SHOW_OVERDUE (CRM_CARE_N_STATUSES + 1)

static void
show_message (CrmCarePage *self,
              const char  *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_count (CrmCarePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u care case", "%u care cases", n), n);

  gtk_label_set_label (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "care.open-selected",
                                 gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION);
}

/* Editing ------------------------------------------------------------------------- */

static void
on_dialog_saved_cb (CrmCarePage *self,
                    gint64       id)
{
  crm_care_page_reload (self);
}

static void
open_dialog (CrmCarePage *self,
             gint64       id)
{
  g_autoptr(GError) error = NULL;
  CrmCareDialog *dialog;

  dialog = crm_care_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                self->session, id, 0, &error);
  if (dialog == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
open_position (CrmCarePage *self,
               guint        position)
{
  g_autoptr(CrmCareRow) row = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (row != NULL && crm_care_row_get_id (row) > 0)
    open_dialog (self, crm_care_row_get_id (row));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_dialog (CRM_CARE_PAGE (widget), 0);
}

static void
open_selected_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrmCarePage *self = CRM_CARE_PAGE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    open_position (self, position);
}

static void
on_column_view_activated_cb (CrmCarePage *self,
                             guint        position)
{
  open_position (self, position);
}

static void
on_selection_changed_cb (CrmCarePage *self)
{
  update_count (self);
}

/* The due date cell: red with "Overdue" for a case past due. */
static void
on_due_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_due_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  CrmCareRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *due = crm_care_row_get_due_text (row);

  if (crm_care_row_get_overdue (row))
    {
      /* TRANSLATORS: a care case's due date in the list, when it has passed. */
      g_autofree char *text = g_strdup_printf (_("%s · Overdue"), due);

      gtk_label_set_label (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (label), due);
      gtk_widget_remove_css_class (label, "error");
    }
}

/* Filters ------------------------------------------------------------------------------ */

static guint
chosen_status (CrmCarePage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->status_buttons); i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->status_buttons[i])))
      return i;
  return SHOW_ALL;
}

static gint64
chosen_assignee (CrmCarePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->assignee_dropdown);

  return selected < self->assignee_ids->len ? g_array_index (self->assignee_ids, gint64, selected) : 0;
}

/* Everyone's, then each person a manager or administrator may give work
 * to; staff have no choice (they see what the store lets them). */
static void
fill_assignees (CrmCarePage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = NULL;
  gint64 chosen = chosen_assignee (self), everyone = 0;
  guint selected = 0;

  if (crm_session_get_role (self->session) == CRM_ROLE_STAFF)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->assignee_dropdown), FALSE);
      return;
    }
  self->filling = TRUE;
  g_array_set_size (self->assignee_ids, 0);
  gtk_string_list_append (names, _("Everyone"));
  g_array_append_val (self->assignee_ids, everyone);
  if ((users = crm_user_store_list_assignees (self->store, self->session, NULL)) != NULL)
    for (guint i = 0; i < users->len; i++)
      {
        const CrmUserEntry *user = g_ptr_array_index (users, i);

        if (user->id == chosen)
          selected = self->assignee_ids->len;
        gtk_string_list_append (names, user->full_name);
        g_array_append_val (self->assignee_ids, user->id);
      }
  gtk_drop_down_set_model (self->assignee_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->assignee_dropdown, selected);
  self->filling = FALSE;
}

static CrmCareFilter *
list_filter (CrmCarePage *self)
{
  CrmCareFilter *filter = crm_care_filter_new ();
  guint status = chosen_status (self);

  filter->status = status < CRM_CARE_N_STATUSES ? (int) status : -1;
  filter->overdue = status == SHOW_OVERDUE;
  filter->assignee_id = chosen_assignee (self);
  filter->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  return filter;
}

static void
on_filter_changed_cb (CrmCarePage *self)
{
  g_autoptr(CrmCareFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->list == NULL)
    return;
  filter = list_filter (self);
  if (!crm_care_list_set_filter (self->list, filter, &error))
    show_message (self, error->message);
  update_count (self);
}

static void
on_status_toggled_cb (GtkToggleButton *button,
                      CrmCarePage     *self)
{
  if (gtk_toggle_button_get_active (button))
    on_filter_changed_cb (self);
}

static void
build_status_buttons (CrmCarePage *self)
{
  GtkWidget *group = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->status_buttons); i++)
    {
      const char *label = i < CRM_CARE_N_STATUSES ? crm_care_status_label (i)
                          : i == SHOW_ALL ? C_("care cases", "All") : _("Overdue");
      GtkWidget *button = gtk_toggle_button_new_with_label (i == CRM_CARE_STATUS_WAITING ? C_("care status", "Waiting")
                                                                                         : label);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (button, label);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      else
        group = button;
      if (i == SHOW_OVERDUE)
        gtk_widget_add_css_class (button, "error");
      g_signal_connect (button, "toggled", G_CALLBACK (on_status_toggled_cb), self);
      gtk_box_append (self->status_box, button);
      self->status_buttons[i] = button;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->status_buttons[SHOW_ALL]), TRUE);
}

/* GObject --------------------------------------------------------------------------------- */

static void
on_map_cb (CrmCarePage *self)
{
  crm_care_page_reload (self);
}

static void
crm_care_page_dispose (GObject *object)
{
  CrmCarePage *self = CRM_CARE_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CARE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_care_page_parent_class)->dispose (object);
}

static void
crm_care_page_finalize (GObject *object)
{
  CrmCarePage *self = CRM_CARE_PAGE (object);

  g_clear_pointer (&self->assignee_ids, g_array_unref);

  G_OBJECT_CLASS (crm_care_page_parent_class)->finalize (object);
}

static void
crm_care_page_class_init (CrmCarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_care_page_dispose;
  object_class->finalize = crm_care_page_finalize;

  /* The column factories look the row type up by name. */
  g_type_ensure (CRM_TYPE_CARE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-care-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, status_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCarePage, due_column);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activated_cb);
  gtk_widget_class_install_action (widget_class, "care.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "care.open-selected", NULL, open_selected_activated);
}

static void
crm_care_page_init (CrmCarePage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->assignee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (factory, "setup", G_CALLBACK (on_due_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_due_bind_cb), NULL);
  gtk_column_view_column_set_factory (self->due_column, factory);
  g_object_unref (factory);
  build_status_buttons (self);
  self->filling = FALSE;
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
crm_care_page_new (CrmStore   *store,
                   CrmSession *session)
{
  CrmCarePage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CARE_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->list = crm_care_list_new (store, session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_add_titled (self->view_stack, crm_care_standards_pane_new (store, session), "standards",
                        _("Care Standards"));
  gtk_widget_set_visible (self->view_switcher, TRUE);
  fill_assignees (self);
  crm_care_page_reload (self);
  return GTK_WIDGET (self);
}

void
crm_care_page_reload (CrmCarePage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_CARE_PAGE (self));

  fill_assignees (self);
  on_filter_changed_cb (self);
  if (!crm_care_list_reload (self->list, &error))
    show_message (self, error->message);
  update_count (self);
}

void
crm_care_page_open_record (GtkWidget *page,
                           gint64     id)
{
  g_return_if_fail (CRM_IS_CARE_PAGE (page));

  open_dialog (CRM_CARE_PAGE (page), id);
}
