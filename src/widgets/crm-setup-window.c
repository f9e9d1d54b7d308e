/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-setup-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-setup-window.h"
#include "crm-user-store.h"

/* The first start on a new database: the company (name, address, tax
 * code, phone, logo) and the administrator with a password, written in
 * one transaction by the store.  Nothing typed is lost on a refusal. */
struct _CrmSetupWindow
{
  GtkApplicationWindow  parent_instance;

  CrmStore             *store;
  GBytes               *logo;

  /* template */
  GtkEntry             *company_name_entry;
  GtkEntry             *company_address_entry;
  GtkEntry             *company_tax_code_entry;
  GtkEntry             *company_phone_entry;
  GtkEntry             *admin_name_entry;
  GtkEntry             *admin_login_entry;
  GtkPasswordEntry     *password_entry;
  GtkPasswordEntry     *confirm_entry;
  GtkLabel             *logo_label;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (CrmSetupWindow, crm_setup_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
show_error (CrmSetupWindow *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_create_clicked_cb (CrmSetupWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  CrmCompanyInfo company = {
    .name = text_of (self->company_name_entry),
    .address = text_of (self->company_address_entry),
    .tax_code = text_of (self->company_tax_code_entry),
    .phone = text_of (self->company_phone_entry),
    .logo = self->logo,
  };

  if (g_strcmp0 (text_of (self->password_entry), text_of (self->confirm_entry)) != 0)
    {
      show_error (self, _("The two passwords are not the same. Type the password again."));
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
      return;
    }
  session = crm_user_store_finish_setup (self->store, text_of (self->admin_name_entry),
                                         text_of (self->admin_login_entry), text_of (self->password_entry),
                                         &company, &error);
  if (session == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[FINISHED], 0, session);
}

static void
on_logo_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   CrmSetupWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);

      if (bytes == NULL)
        show_error (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);

          g_clear_pointer (&self->logo, g_bytes_unref);
          self->logo = g_steal_pointer (&bytes);
          gtk_label_set_label (self->logo_label, name);
          show_error (self, NULL);
        }
    }
  g_object_unref (chooser);
}

static void
on_logo_clicked_cb (CrmSetupWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose the Company Logo"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Choose"), _("_Cancel"));
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_logo_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
crm_setup_window_dispose (GObject *object)
{
  CrmSetupWindow *self = CRM_SETUP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SETUP_WINDOW);
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_setup_window_parent_class)->dispose (object);
}

static void
crm_setup_window_class_init (CrmSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_setup_window_dispose;

  /* Set-up is written: the administrator's session. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, CRM_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, company_name_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, company_address_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, company_tax_code_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, company_phone_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, admin_name_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, admin_login_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, logo_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupWindow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_clicked_cb);
}

static void
crm_setup_window_init (CrmSetupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
crm_setup_window_new (GtkApplication *application,
                      CrmStore       *store)
{
  CrmSetupWindow *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_SETUP_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
