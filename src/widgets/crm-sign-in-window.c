/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-sign-in-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-sign-in-window.h"
#include "crm-user-store.h"

/* Every start, and every change of user, begins here: who is signing in,
 * and their password.  The store decides; a refusal (wrong password, a
 * locked or switched-off account) is shown and the password cleared. */
struct _CrmSignInWindow
{
  GtkApplicationWindow  parent_instance;

  CrmStore             *store;
  GPtrArray            *users;    /* CrmUserEntry, in drop-down order */

  /* template */
  GtkLabel             *company_label;
  GtkListBox           *user_list;
  GtkPasswordEntry     *password_entry;
  GtkLabel             *error_label;
  GtkButton            *sign_in_button;
};

G_DEFINE_FINAL_TYPE (CrmSignInWindow, crm_sign_in_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (CrmSignInWindow *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_sign_in_clicked_cb (CrmSignInWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->user_list);
  int selected = row ? gtk_list_box_row_get_index (row) : -1;
  const CrmUserEntry *user;

  if (self->users == NULL || selected < 0 || (guint) selected >= self->users->len)
    {
      show_error (self, _("Choose who is signing in."));
      return;
    }
  user = g_ptr_array_index (self->users, selected);
  session = crm_user_store_sign_in (self->store, user->login,
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_entry)), &error);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  if (session == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, session);
}

/* Choosing a user moves on to their password. */
static void
on_user_activated_cb (CrmSignInWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
crm_sign_in_window_dispose (GObject *object)
{
  CrmSignInWindow *self = CRM_SIGN_IN_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SIGN_IN_WINDOW);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_sign_in_window_parent_class)->dispose (object);
}

static void
crm_sign_in_window_class_init (CrmSignInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_sign_in_window_dispose;

  /* The store accepted the password: the session of the signed-in user. */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, CRM_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-sign-in-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSignInWindow, company_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSignInWindow, user_list);
  gtk_widget_class_bind_template_child (widget_class, CrmSignInWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSignInWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSignInWindow, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_activated_cb);
}

static void
crm_sign_in_window_init (CrmSignInWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_sign_in_window_new:
 * @last_login: (nullable): the user chosen first, as the last one to
 *   sign in on this computer
 */
GtkWidget *
crm_sign_in_window_new (GtkApplication *application,
                        CrmStore       *store,
                        const char     *last_login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL;
  CrmSignInWindow *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_SIGN_IN_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  company = crm_settings_get (store, CRM_SETTING_COMPANY_NAME, NULL);
  gtk_label_set_label (self->company_label, company && *company ? company : "Sổ Khách");
  self->users = crm_user_store_list_for_sign_in (store, &error);
  if (self->users == NULL)
    {
      show_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), FALSE);
      return GTK_WIDGET (self);
    }
  for (guint i = 0; i < self->users->len; i++)
    {
      const CrmUserEntry *user = g_ptr_array_index (self->users, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", user->full_name, user->login);
      GtkWidget *name = gtk_label_new (label);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_margin_top (name, 8);
      gtk_widget_set_margin_bottom (name, 8);
      gtk_widget_set_margin_start (name, 8);
      gtk_list_box_append (self->user_list, name);
      if (i == 0 || g_strcmp0 (user->login, last_login) == 0)
        gtk_list_box_select_row (self->user_list, gtk_list_box_get_row_at_index (self->user_list, i));
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  return GTK_WIDGET (self);
}
