/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-standard-dialog"

#include "config.h"

#include "crm-care-standard-dialog.h"

#include <glib/gi18n-lib.h>

#include "crm-care-standard-store.h"
#include "crm-category-store.h"

/* The care standard form.  The store validates (a name, days in range, a
 * periodic standard's cadence) and refuses staff; its message shows in
 * the form and nothing is saved. */
struct _CrmCareStandardDialog
{
  GtkWindow        parent_instance;

  CrmStore        *store;
  CrmSession      *session;
  CrmCareStandard *standard;
  GArray          *category_ids;   /* gint64 per choice; 0 for every customer */

  GtkEntry        *name_entry;
  GtkDropDown     *category_dropdown;
  GtkDropDown     *trigger_dropdown;
  GtkSpinButton   *offset_spin;
  GtkSpinButton   *every_spin;
  GtkDropDown     *action_dropdown;
  GtkSwitch       *active_switch;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (CrmCareStandardDialog, crm_care_standard_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Layout ------------------------------------------------------------------------- */

static void
add_row (GtkGrid    *grid,
         int         row,
         const char *label,
         GtkWidget  *widget)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (caption), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
}

static GtkSpinButton *
new_days_spin (gint days,
               gint minimum)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (minimum, CRM_CARE_MAX_DAYS, 1));

  gtk_spin_button_set_value (spin, MAX (days, minimum));
  gtk_spin_button_set_numeric (spin, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_halign (GTK_WIDGET (spin), GTK_ALIGN_START);
  return spin;
}

static GtkDropDown *
new_labels_dropdown (const char *(*label) (int),
                     guint        n,
                     guint        selected)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, label ((int) i));
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_selected (dropdown, selected);
  return dropdown;
}

static const char *
trigger_label (int trigger)
{
  return crm_care_trigger_label ((CrmCareTrigger) trigger);
}

static const char *
action_label (int action)
{
  return crm_care_standard_action_label ((CrmCareStandardAction) action);
}

/* "Every customer" then the tree, each node indented under its parent. */
static gboolean
make_category_dropdown (CrmCareStandardDialog  *self,
                        GError                **error)
{
  g_autoptr(GPtrArray) categories = crm_category_store_list (self->store, self->session, error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;
  gint64 none = 0;

  if (categories == NULL)
    return FALSE;
  gtk_string_list_append (labels, _("Every customer"));
  g_array_append_val (self->category_ids, none);
  for (guint i = 0; i < categories->len; i++)
    {
      CrmCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *indent = g_strnfill (crm_category_get_depth (category) * 4, ' ');
      g_autofree char *label = g_strconcat (indent, crm_category_get_name (category), NULL);
      gint64 id = crm_category_get_id (category);

      if (id == self->standard->category_id)
        selected = self->category_ids->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (self->category_ids, id);
    }
  self->category_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_enable_search (self->category_dropdown, TRUE);
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  return TRUE;
}

/* Saving ------------------------------------------------------------------------- */

static void
show_error (CrmCareStandardDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
save (CrmCareStandardDialog  *self,
      GError                **error)
{
  g_autoptr(CrmCareStandard) standard = crm_care_standard_copy (self->standard);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);

  g_free (standard->name);
  standard->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  standard->category_id = category < self->category_ids->len
                          ? g_array_index (self->category_ids, gint64, category) : 0;
  standard->trigger = (CrmCareTrigger) gtk_drop_down_get_selected (self->trigger_dropdown);
  standard->action = (CrmCareStandardAction) gtk_drop_down_get_selected (self->action_dropdown);
  gtk_spin_button_update (self->offset_spin);
  gtk_spin_button_update (self->every_spin);
  standard->offset_days = gtk_spin_button_get_value_as_int (self->offset_spin);
  standard->every_days = gtk_spin_button_get_value_as_int (self->every_spin);
  standard->active = gtk_switch_get_active (self->active_switch);
  if (standard->id > 0)
    {
      if (!crm_care_standard_store_update (self->store, self->session, standard, error))
        return FALSE;
    }
  else if (crm_care_standard_store_create (self->store, self->session, standard, error) == 0)
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0, standard->id);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmCareStandardDialog *self = CRM_CARE_STANDARD_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!save (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_trigger_changed_cb (CrmCareStandardDialog *self)
{
  gboolean periodic = gtk_drop_down_get_selected (self->trigger_dropdown) == CRM_CARE_TRIGGER_PERIODIC;

  gtk_widget_set_sensitive (GTK_WIDGET (self->every_spin), periodic);
}

/* GObject -------------------------------------------------------------------------- */

static void
crm_care_standard_dialog_dispose (GObject *object)
{
  CrmCareStandardDialog *self = CRM_CARE_STANDARD_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_care_standard_dialog_parent_class)->dispose (object);
}

static void
crm_care_standard_dialog_finalize (GObject *object)
{
  CrmCareStandardDialog *self = CRM_CARE_STANDARD_DIALOG (object);

  g_clear_pointer (&self->standard, crm_care_standard_free);
  g_clear_pointer (&self->category_ids, g_array_unref);

  G_OBJECT_CLASS (crm_care_standard_dialog_parent_class)->finalize (object);
}

static void
crm_care_standard_dialog_class_init (CrmCareStandardDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_care_standard_dialog_dispose;
  object_class->finalize = crm_care_standard_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_care_standard_dialog_init (CrmCareStandardDialog *self)
{
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
add_header (CrmCareStandardDialog *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save_button = gtk_button_new_with_mnemonic (_("_Save"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (save_button), "dialog.save");
  gtk_widget_add_css_class (save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save_button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), save_button);
}

static gboolean
build_form (CrmCareStandardDialog  *self,
            GError                **error)
{
  CrmCareStandard *standard = self->standard;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *hint;
  int row = 0;

  if (!make_category_dropdown (self, error))
    return FALSE;
  add_header (self);
  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), standard->name ? standard->name : "");
  gtk_entry_set_activates_default (self->name_entry, TRUE);
  gtk_entry_set_placeholder_text (self->name_entry, _("e.g. Thank-you call after signing"));
  self->trigger_dropdown = new_labels_dropdown (trigger_label, CRM_CARE_N_TRIGGERS, standard->trigger);
  self->offset_spin = new_days_spin (standard->offset_days, 0);
  self->every_spin = new_days_spin (standard->every_days > 0 ? standard->every_days : 30, 1);
  self->action_dropdown = new_labels_dropdown (action_label, CRM_CARE_STANDARD_N_ACTIONS, standard->action);
  self->active_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->active_switch, standard->active);
  gtk_widget_set_halign (GTK_WIDGET (self->active_switch), GTK_ALIGN_START);
  g_signal_connect_swapped (self->trigger_dropdown, "notify::selected", G_CALLBACK (on_trigger_changed_cb), self);
  on_trigger_changed_cb (self);

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);
  add_row (grid, row++, _("_Name"), GTK_WIDGET (self->name_entry));
  add_row (grid, row++, _("Customer _group"), GTK_WIDGET (self->category_dropdown));
  add_row (grid, row++, _("_Starts when"), GTK_WIDGET (self->trigger_dropdown));
  add_row (grid, row++, _("_Days after"), GTK_WIDGET (self->offset_spin));
  add_row (grid, row++, _("_Every (days)"), GTK_WIDGET (self->every_spin));
  add_row (grid, row++, _("_Action"), GTK_WIDGET (self->action_dropdown));
  add_row (grid, row++, _("Acti_ve"), GTK_WIDGET (self->active_switch));

  hint = gtk_label_new (_("Each task goes to the customer's staff on its due day. A group includes its "
                          "sub-groups. A periodic standard repeats after its last task; the first one "
                          "comes one period (plus the days after) after the customer was added. Only what "
                          "happens from the day a standard is created counts."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 60);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_window_set_child (GTK_WINDOW (self), box);
  return TRUE;
}

/**
 * crm_care_standard_dialog_new:
 *
 * Returns: (transfer none): the dialog, not yet shown; %NULL with @error
 *   set when the standard cannot be read.
 */
CrmCareStandardDialog *
crm_care_standard_dialog_new (GtkWindow   *parent,
                              CrmStore    *store,
                              CrmSession  *session,
                              gint64       standard_id,
                              GError     **error)
{
  CrmCareStandardDialog *self;
  CrmCareStandard *standard;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (standard_id > 0)
    standard = crm_care_standard_store_get (store, session, standard_id, error);
  else
    standard = crm_care_standard_new ();
  if (standard == NULL)
    return NULL;
  self = g_object_new (CRM_TYPE_CARE_STANDARD_DIALOG,
                       "title", standard_id > 0 ? _("Care Standard") : _("New Care Standard"),
                       "modal", TRUE,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "default-width", 480,
                       NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->standard = standard;
  if (!build_form (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}
