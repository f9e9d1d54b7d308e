/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-users-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-assignment-store.h"
#include "crm-form-dialog.h"
#include "crm-password.h"
#include "crm-user-store.h"
#include "crm-users-page.h"
#include "crm-validate.h"

/* Users, teams and the company's sharing rules, for the administrator.
 * Every change goes through the user store, which checks the role again
 * and writes the audit log; this page only shows and asks. */
struct _CrmUsersPage
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  GPtrArray          *users;      /* CrmUserInfo, in list order */
  GPtrArray          *teams;      /* CrmTeamInfo */
  gboolean            filling;

  /* template */
  GtkListBox         *user_list;
  GtkListBox         *team_list;
  GtkSwitch          *visibility_switch;
  GtkCheckButton     *transactions_check;
  GtkDropDown        *rule_dropdown;
  GtkLabel           *message_label;
  GtkCheckButton     *inactive_check;
};

G_DEFINE_FINAL_TYPE (CrmUsersPage, crm_users_page, GTK_TYPE_WIDGET)

static const CrmRole roles[] = { CRM_ROLE_STAFF, CRM_ROLE_MANAGER, CRM_ROLE_ADMIN };
static const char *const rules[] = { "manual", "round_robin", "least_loaded", "by_province" };

static const char *
role_label (CrmRole role)
{
  switch (role)
    {
    case CRM_ROLE_ADMIN:
      return _("Administrator");
    case CRM_ROLE_MANAGER:
      return _("Manager");
    case CRM_ROLE_STAFF:
    default:
      return _("Staff");
    }
}

static void
show_message (CrmUsersPage *self,
              const char   *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* Lists ------------------------------------------------------------------------ */

static GtkWidget *
user_row (const CrmUserInfo *user)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *last = crm_day_format (user->last_sign_in_at);

  title = user->active ? g_strdup_printf ("%s (%s)", user->full_name, user->login)
                       : g_strdup_printf (_("%s (%s) — switched off"), user->full_name, user->login);
  g_string_append (line, role_label (user->role));
  if (user->team_name != NULL)
    g_string_append_printf (line, " · %s", user->team_name);
  if (!user->has_password)
    g_string_append_printf (line, " · %s", _("no password yet"));
  if (*last != '\0')
    g_string_append_printf (line, " · %s", last);
  gtk_label_set_label (GTK_LABEL (name), title);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_label (GTK_LABEL (details), line->str);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  return box;
}

static GtkWidget *
team_row (const CrmTeamInfo *team)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — manager: %s — %u member",
                                       "%s — manager: %s — %u members", team->n_members),
                          team->name, team->manager_name ? team->manager_name : _("none"), team->n_members);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  return label;
}

static void
fill_settings (CrmUsersPage *self)
{
  g_autofree char *visibility = crm_settings_get (self->store, "customer_visibility", NULL);
  g_autofree char *transactions = crm_settings_get (self->store, "staff_see_others_transactions", NULL);
  g_autofree char *rule = crm_settings_get (self->store, "assignment_rule", NULL);

  self->filling = TRUE;
  gtk_switch_set_active (self->visibility_switch, g_strcmp0 (visibility, "own") == 0);
  gtk_check_button_set_active (self->transactions_check, g_strcmp0 (transactions, "0") != 0);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rule, rules[i]) == 0)
      gtk_drop_down_set_selected (self->rule_dropdown, i);
  self->filling = FALSE;
}

void
crm_users_page_reload (CrmUsersPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (CRM_IS_USERS_PAGE (self));

  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->user_list))))
    gtk_list_box_remove (self->user_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->team_list))))
    gtk_list_box_remove (self->team_list, child);
  if (!(self->users = crm_user_store_list_users (self->store, self->session,
                                                 gtk_check_button_get_active (self->inactive_check), &error)) ||
      !(self->teams = crm_user_store_list_teams (self->store, self->session, &error)))
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < self->users->len; i++)
    gtk_list_box_append (self->user_list, user_row (g_ptr_array_index (self->users, i)));
  for (guint i = 0; i < self->teams->len; i++)
    gtk_list_box_append (self->team_list, team_row (g_ptr_array_index (self->teams, i)));
  fill_settings (self);
}

static CrmUserInfo *
selected_user (CrmUsersPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->user_list);
  int index = row ? gtk_list_box_row_get_index (row) : -1;

  return self->users && index >= 0 && (guint) index < self->users->len ? g_ptr_array_index (self->users, index)
                                                                        : NULL;
}

static CrmTeamInfo *
selected_team (CrmUsersPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->team_list);
  int index = row ? gtk_list_box_row_get_index (row) : -1;

  return self->teams && index >= 0 && (guint) index < self->teams->len ? g_ptr_array_index (self->teams, index)
                                                                        : NULL;
}

/* Company rules ------------------------------------------------------------------ */

static void
save_setting (CrmUsersPage *self,
              const char   *key,
              const char   *value)
{
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;
  if (!crm_settings_set (self->store, self->session, key, value, &error))
    {
      show_message (self, error->message);
      fill_settings (self);
      return;
    }
  show_message (self, _("Saved. The change applies to everyone from their next action."));
}

static void
on_visibility_changed_cb (CrmUsersPage *self)
{
  save_setting (self, "customer_visibility",
                gtk_switch_get_active (self->visibility_switch) ? "own" : "shared");
}

static void
on_transactions_toggled_cb (CrmUsersPage *self)
{
  save_setting (self, "staff_see_others_transactions",
                gtk_check_button_get_active (self->transactions_check) ? "1" : "0");
}

static void
on_rule_changed_cb (CrmUsersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->rule_dropdown);

  if (selected < G_N_ELEMENTS (rules))
    save_setting (self, "assignment_rule", rules[selected]);
}

/* The user form ------------------------------------------------------------------- */

typedef struct
{
  CrmUsersPage    *self;
  CrmUserInfo     *user;        /* NULL for a new user */
  GtkWindow       *window;
  GtkEntry        *login_entry;
  GtkEntry        *name_entry;
  GtkEntry        *email_entry;
  GtkEntry        *phone_entry;
  GtkPasswordEntry *password_entry;
  GtkDropDown     *role_dropdown;
  GtkDropDown     *team_dropdown;
  GtkCheckButton  *active_check;
  GtkCheckButton  *permission_checks[4];
  GtkLabel        *error_label;
  GArray          *team_ids;
} UserForm;

static const char *const permission_labels[] = {
  N_("May _export lists and reports"), N_("May _print"), N_("May _delete records"),
  N_("May see _cost prices and margins"),
};

static void
user_form_free (UserForm *form)
{
  g_clear_pointer (&form->user, crm_user_info_free);
  g_array_unref (form->team_ids);
  g_object_unref (form->self);
  g_free (form);
}

static gint64
form_team (UserForm *form)
{
  guint selected = gtk_drop_down_get_selected (form->team_dropdown);

  return selected < form->team_ids->len ? g_array_index (form->team_ids, gint64, selected) : 0;
}

static CrmRole
form_role (UserForm *form)
{
  guint selected = gtk_drop_down_get_selected (form->role_dropdown);

  return selected < G_N_ELEMENTS (roles) ? roles[selected] : CRM_ROLE_STAFF;
}

static gboolean
save_user (UserForm  *form,
           GError   **error)
{
  CrmUsersPage *self = form->self;
  CrmUserUpdate update = { 0 };
  g_autoptr(CrmUserInfo) created = NULL;
  gint64 id;

  if (form->user == NULL)
    {
      const char *password = gtk_editable_get_text (GTK_EDITABLE (form->password_entry));

      /* Checked before the user exists, so a weak password adds nobody. */
      if (!crm_password_check_strength (password, error))
        return FALSE;
      id = crm_user_store_create (self->store, self->session,
                                  gtk_editable_get_text (GTK_EDITABLE (form->login_entry)),
                                  gtk_editable_get_text (GTK_EDITABLE (form->name_entry)),
                                  form_role (form), form_team (form), error);
      if (id == 0 || !crm_user_store_set_password (self->store, self->session, id, password, NULL, error))
        return FALSE;
      update.id = id;
      update.full_name = gtk_editable_get_text (GTK_EDITABLE (form->name_entry));
      update.active = TRUE;
      update.may_export = update.may_print = TRUE;
    }
  else
    crm_user_update_init (&update, form->user);
  update.full_name = gtk_editable_get_text (GTK_EDITABLE (form->name_entry));
  update.email = gtk_editable_get_text (GTK_EDITABLE (form->email_entry));
  update.phone = gtk_editable_get_text (GTK_EDITABLE (form->phone_entry));
  update.role = form_role (form);
  update.team_id = form_team (form);
  update.active = gtk_check_button_get_active (form->active_check);
  update.may_export = gtk_check_button_get_active (form->permission_checks[0]);
  update.may_print = gtk_check_button_get_active (form->permission_checks[1]);
  update.may_delete = gtk_check_button_get_active (form->permission_checks[2]);
  update.may_see_cost = gtk_check_button_get_active (form->permission_checks[3]);
  return crm_user_store_update_user (self->store, self->session, &update, error);
}

static void open_hand_over (CrmUsersPage *self, gint64 user_id, const char *full_name);

static void
on_user_form_save_cb (GtkWidget *button,
                      UserForm  *form)
{
  g_autoptr(GError) error = NULL;
  gboolean switched_off = form->user != NULL && form->user->active &&
                          !gtk_check_button_get_active (form->active_check);

  if (!save_user (form, &error))
    {
      gtk_label_set_label (form->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
      crm_users_page_reload (form->self);
      return;
    }
  crm_users_page_reload (form->self);
  show_message (form->self, NULL);
  /* Someone who leaves keeps their history; their customers need a new
   * owner, which is offered at once. */
  if (switched_off)
    open_hand_over (form->self, form->user->id, form->user->full_name);
  gtk_window_destroy (form->window);
}

static GtkEntry *
form_entry (GtkGrid    *grid,
            int         row,
            const char *label,
            const char *value)
{
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 1);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return GTK_ENTRY (entry);
}

static void
open_user_form (CrmUsersPage      *self,
                const CrmUserInfo *user)
{
  UserForm *form = g_new0 (UserForm, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (user ? _("_Save") : _("_Add User"));
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) team_names = gtk_string_list_new (NULL);
  g_autofree char *phone = user && user->phone ? crm_phone_format (user->phone) : NULL;
  gint64 none = 0;
  int row = 0;

  form->self = g_object_ref (self);
  form->user = user ? crm_user_info_copy (user) : NULL;
  form->window = GTK_WINDOW (window);
  form->team_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_object_set_data_full (G_OBJECT (window), "form", form, (GDestroyNotify) user_form_free);

  gtk_window_set_title (GTK_WINDOW (window), user ? user->full_name : _("New User"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect (save, "clicked", G_CALLBACK (on_user_form_save_cb), form);

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 12);
  form->login_entry = form_entry (grid, row++, _("Login"), user ? user->login : "");
  gtk_editable_set_editable (GTK_EDITABLE (form->login_entry), user == NULL);
  form->name_entry = form_entry (grid, row++, _("Full name"), user ? user->full_name : "");
  form->email_entry = form_entry (grid, row++, _("Email"), user ? user->email : "");
  form->phone_entry = form_entry (grid, row++, _("Phone"), phone);
  if (user == NULL)
    {
      GtkWidget *caption = gtk_label_new (_("Password"));

      form->password_entry = GTK_PASSWORD_ENTRY (gtk_password_entry_new ());
      gtk_password_entry_set_show_peek_icon (form->password_entry, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form->password_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Password"), -1);
      gtk_label_set_xalign (GTK_LABEL (caption), 1);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_grid_attach (grid, caption, 0, row, 1, 1);
      gtk_grid_attach (grid, GTK_WIDGET (form->password_entry), 1, row++, 1, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (role_names, role_label (roles[i]));
  form->role_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&role_names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->role_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (user != NULL && roles[i] == user->role)
      gtk_drop_down_set_selected (form->role_dropdown, i);
  gtk_grid_attach (grid, gtk_label_new (_("Role")), 0, row, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (form->role_dropdown), 1, row++, 1, 1);

  gtk_string_list_append (team_names, _("No team"));
  g_array_append_val (form->team_ids, none);
  for (guint i = 0; self->teams != NULL && i < self->teams->len; i++)
    {
      const CrmTeamInfo *team = g_ptr_array_index (self->teams, i);

      gtk_string_list_append (team_names, team->name);
      g_array_append_val (form->team_ids, team->id);
    }
  form->team_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&team_names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->team_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Team"), -1);
  for (guint i = 1; user != NULL && i < form->team_ids->len; i++)
    if (g_array_index (form->team_ids, gint64, i) == user->team_id)
      gtk_drop_down_set_selected (form->team_dropdown, i);
  gtk_grid_attach (grid, gtk_label_new (_("Team")), 0, row, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (form->team_dropdown), 1, row++, 1, 1);

  form->active_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Active: may sign in")));
  gtk_check_button_set_active (form->active_check, user ? user->active : TRUE);
  gtk_grid_attach (grid, GTK_WIDGET (form->active_check), 1, row++, 1, 1);
  for (guint i = 0; i < G_N_ELEMENTS (permission_labels); i++)
    {
      gboolean values[] = {
        user ? user->may_export : TRUE, user ? user->may_print : TRUE,
        user ? user->may_delete : FALSE, user ? user->may_see_cost : FALSE,
      };

      form->permission_checks[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_(permission_labels[i])));
      gtk_check_button_set_active (form->permission_checks[i], values[i]);
      gtk_grid_attach (grid, GTK_WIDGET (form->permission_checks[i]), 1, row++, 1, 1);
    }
  form->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->error_label, TRUE);
  gtk_label_set_xalign (form->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
  gtk_grid_attach (grid, GTK_WIDGET (form->error_label), 0, row, 2, 1);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (grid));
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_add_user_clicked_cb (CrmUsersPage *self)
{
  open_user_form (self, NULL);
}

static void
on_edit_user_clicked_cb (CrmUsersPage *self)
{
  CrmUserInfo *user = selected_user (self);

  if (user == NULL)
    {
      show_message (self, _("Choose a user in the list first."));
      return;
    }
  open_user_form (self, user);
}

static void
on_user_activated_cb (CrmUsersPage  *self,
                      GtkListBoxRow *row)
{
  on_edit_user_clicked_cb (self);
}

/* Passwords, hand-over and teams: small forms ------------------------------------ */

typedef struct
{
  CrmUsersPage *self;
  gint64        subject;
  GArray       *ids;
} Change;

static void
change_free (Change *change)
{
  g_object_unref (change->self);
  g_clear_pointer (&change->ids, g_array_unref);
  g_free (change);
}

static Change *
change_new (CrmUsersPage *self,
            gint64        subject)
{
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  change->subject = subject;
  change->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return change;
}

static gint64
change_choice (Change *change,
               guint   selected)
{
  return selected < change->ids->len ? g_array_index (change->ids, gint64, selected) : 0;
}

static gboolean
accept_reset_password (gpointer     user_data,
                       const char  *text,
                       guint        selected,
                       GError     **error)
{
  Change *change = user_data;

  if (!crm_user_store_set_password (change->self->store, change->self->session, change->subject, text, NULL,
                                    error))
    return FALSE;
  crm_users_page_reload (change->self);
  show_message (change->self, _("The new password is set. Give it to the user in person."));
  return TRUE;
}

static void
on_reset_password_clicked_cb (CrmUsersPage *self)
{
  CrmUserInfo *user = selected_user (self);
  g_autofree char *explanation = NULL;
  CrmFormSpec spec = {
    .title = _("Reset Password"),
    .text = "",
    .text_label = _("New password"),
    .accept_label = _("_Set Password"),
  };

  if (user == NULL)
    {
      show_message (self, _("Choose a user in the list first."));
      return;
    }
  explanation = g_strdup_printf (_("A new password for %s (at least 8 characters). It also unlocks the account."),
                                 user->full_name);
  spec.explanation = explanation;
  crm_form_dialog_open (GTK_WIDGET (self), &spec, accept_reset_password, change_new (self, user->id),
                        (GDestroyNotify) change_free);
}

static gboolean
accept_hand_over (gpointer     user_data,
                  const char  *text,
                  guint        selected,
                  GError     **error)
{
  Change *change = user_data;
  g_autofree char *done = NULL;
  guint moved = 0;

  if (!crm_assignment_store_hand_over (change->self->store, change->self->session, change->subject,
                                       change_choice (change, selected), &moved, error))
    return FALSE;
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer handed over.", "%u customers handed over.",
                                       moved), moved);
  show_message (change->self, done);
  return TRUE;
}

/* Everyone a user leaving may hand their customers to: active users. */
static void
open_hand_over (CrmUsersPage *self,
                gint64        user_id,
                const char   *full_name)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *explanation = NULL;
  Change *change = change_new (self, user_id);
  CrmFormSpec spec = {
    .title = _("Hand Over Customers"),
    .choice_label = _("New assigned staff"),
    .accept_label = _("_Hand Over"),
  };

  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      const CrmUserInfo *other = g_ptr_array_index (self->users, i);

      if (other->id == user_id || !other->active)
        continue;
      gtk_string_list_append (names, other->full_name);
      g_array_append_val (change->ids, other->id);
    }
  explanation = g_strdup_printf (_("Give every customer of %s to:"), full_name);
  spec.explanation = explanation;
  spec.choices = G_LIST_MODEL (names);
  crm_form_dialog_open (GTK_WIDGET (self), &spec, accept_hand_over, change, (GDestroyNotify) change_free);
}

static void
on_hand_over_clicked_cb (CrmUsersPage *self)
{
  CrmUserInfo *user = selected_user (self);

  if (user == NULL)
    {
      show_message (self, _("Choose a user in the list first."));
      return;
    }
  open_hand_over (self, user->id, user->full_name);
}

static gboolean
accept_add_team (gpointer     user_data,
                 const char  *text,
                 guint        selected,
                 GError     **error)
{
  Change *change = user_data;

  if (crm_user_store_create_team (change->self->store, change->self->session, text, error) == 0)
    return FALSE;
  crm_users_page_reload (change->self);
  return TRUE;
}

static void
on_add_team_clicked_cb (CrmUsersPage *self)
{
  CrmFormSpec spec = {
    .title = _("New Team"),
    .text = "",
    .text_label = _("Team name"),
    .accept_label = _("_Add"),
  };

  crm_form_dialog_open (GTK_WIDGET (self), &spec, accept_add_team, change_new (self, 0),
                        (GDestroyNotify) change_free);
}

static gboolean
accept_team (gpointer     user_data,
             const char  *text,
             guint        selected,
             GError     **error)
{
  Change *change = user_data;
  CrmTeamInfo *team = NULL;

  for (guint i = 0; i < change->self->teams->len; i++)
    if (((CrmTeamInfo *) g_ptr_array_index (change->self->teams, i))->id == change->subject)
      team = g_ptr_array_index (change->self->teams, i);
  if (team == NULL)
    return TRUE;
  if (g_strcmp0 (text, team->name) != 0 &&
      !crm_user_store_rename_team (change->self->store, change->self->session, team->id, text, error))
    return FALSE;
  if (change_choice (change, selected) != team->manager_id &&
      !crm_user_store_set_team_manager (change->self->store, change->self->session, team->id,
                                        change_choice (change, selected), error))
    return FALSE;
  crm_users_page_reload (change->self);
  return TRUE;
}

static void
on_edit_team_clicked_cb (CrmUsersPage *self)
{
  CrmTeamInfo *team = selected_team (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  Change *change;
  gint64 none = 0;
  CrmFormSpec spec = {
    .title = _("Team"),
    .text_label = _("Team name"),
    .choice_label = _("Manager"),
    .accept_label = _("_Save"),
  };

  if (team == NULL)
    {
      show_message (self, _("Choose a team in the list first."));
      return;
    }
  change = change_new (self, team->id);
  gtk_string_list_append (names, _("No manager"));
  g_array_append_val (change->ids, none);
  for (guint i = 0; i < self->users->len; i++)
    {
      const CrmUserInfo *user = g_ptr_array_index (self->users, i);

      if (!user->active || user->role == CRM_ROLE_STAFF)
        continue;
      if (user->id == team->manager_id)
        spec.selected = change->ids->len;
      gtk_string_list_append (names, user->full_name);
      g_array_append_val (change->ids, user->id);
    }
  spec.text = team->name;
  spec.choices = G_LIST_MODEL (names);
  crm_form_dialog_open (GTK_WIDGET (self), &spec, accept_team, change, (GDestroyNotify) change_free);
}

/* GObject ---------------------------------------------------------------------------- */

static void
crm_users_page_dispose (GObject *object)
{
  CrmUsersPage *self = CRM_USERS_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_USERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_users_page_parent_class)->dispose (object);
}

static void
crm_users_page_class_init (CrmUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_users_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-users-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmUsersPage, user_list);
  gtk_widget_class_bind_template_child (widget_class, CrmUsersPage, team_list);
  gtk_widget_class_bind_template_child (widget_class, CrmUsersPage, visibility_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmUsersPage, transactions_check);
  gtk_widget_class_bind_template_child (widget_class, CrmUsersPage, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmUsersPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmUsersPage, inactive_check);
  gtk_widget_class_bind_template_callback (widget_class, on_add_user_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_user_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_password_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hand_over_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_team_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_team_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visibility_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_transactions_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, crm_users_page_reload);
}

static void
crm_users_page_init (CrmUsersPage *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

GtkWidget *
crm_users_page_new (CrmStore   *store,
                    CrmSession *session)
{
  CrmUsersPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_USERS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  crm_users_page_reload (self);
  return GTK_WIDGET (self);
}
