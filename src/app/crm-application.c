/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-application"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "crm-application.h"
#include "crm-auto-backup.h"
#include "crm-care-case.h"
#include "crm-care-generator.h"
#include "crm-cli.h"
#include "crm-customer-store.h"
#include "crm-libnotify-notifier.h"
#include "crm-reminder-scheduler.h"
#include "crm-sample.h"
#include "crm-user-store.h"
#include "crm-setup-window.h"
#include "crm-sign-in-window.h"
#include "crm-window.h"

struct _CrmApplication
{
  GtkApplication  parent_instance;

  char           *database_path;
  gboolean        may_create;
  gboolean        demo;
  CrmStore       *store;
  CrmSession     *session;
  CrmAutoBackup  *auto_backup;
  char           *auto_backup_failure;  /* the last failure notified */
  CrmNotifier    *notifier;
  CrmReminderScheduler *reminders;
  gboolean        held_for_reminders;   /* running with no window, for reminders */
  gboolean        said_still_running;
  gboolean        background;           /* --background: no window until needed */
  guint           background_timer;
  gint64          background_prompted;  /* monotonic time of the last sign-in prompt */
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE instead of the default one"), N_("FILE") },
  { "new", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Create the database named by --database if it does not exist yet"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Fill an empty database with demonstration data"), NULL },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a backup of the database to FILE and exit"), N_("FILE") },
  { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace the database with the backup in FILE and exit"), N_("FILE") },
  { "user", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign in as LOGIN for --search, --export, --backup and --restore; the password is read from SOKHACH_PASSWORD or asked for"), N_("LOGIN") },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the database for damage and exit (non-zero on damage)"), NULL },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print what QUERY finds, one tab-separated line per hit, and exit"), N_("QUERY") },
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the list or report NAME to the file named by --output and exit (--export help lists them)"), N_("NAME") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("File format for --export: xlsx or pdf (default: from the --output file name)"), N_("FORMAT") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("File that --export writes"), N_("FILE") },
  { "status", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export only customers with STATUS: lead, prospect, customer or inactive"), N_("STATUS") },
  { "province", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export only customers of the province with CODE, e.g. ha-noi"), N_("CODE") },
  { "period", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Period of a report or of --export interactions: 2026-11-23, 2026-W48, 2026-11, 2026-Q3, 2026 or 2026-07-01..2026-09-30 (default for reports: this month)"),
    N_("PERIOD") },
  { "by", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Break a report down by BREAKDOWN (--export help lists each report's)"), N_("BREAKDOWN") },
  { "staff", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Limit a report to the work of the staff member who signs in as LOGIN"), N_("LOGIN") },
  { "print", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the quote, contract or order with CODE as a PDF to the file named by --output and exit"),
    N_("CODE") },
  { "import", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Import customers, contacts or products from the file named by --input and exit"), N_("KIND") },
  { "input", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("CSV file (or vCard file for contacts) that --import reads"), N_("FILE") },
  { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("What --import does with records already there: skip (default), update or create"), N_("POLICY") },
  { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Let --import leave out invalid rows instead of importing nothing"), NULL },
  { "rejected", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("CSV file that --import writes the invalid rows to, with the reason"), N_("FILE") },
  { "print-quote", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL,
    N_("Write the quote with CODE as a PDF to the file named by --output and exit"), N_("CODE") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window (for the session autostart); ask to sign in when a reminder falls due"), NULL },
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static const struct
{
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "win.search", { "<Primary>f", NULL } },
  { "win.backup", { "<Primary><Shift>s", NULL } },
  { "win.section::customers", { "<Primary>1", NULL } },
  { "win.section::calendar", { "<Primary>2", NULL } },
  { "win.section::opportunities", { "<Primary>3", NULL } },
  { "win.section::quotes", { "<Primary>4", NULL } },
  { "win.section::contracts", { "<Primary>5", NULL } },
  { "win.section::orders", { "<Primary>6", NULL } },
  { "win.section::products", { "<Primary>7", NULL } },
  { "win.section::care", { "<Primary>8", NULL } },
  { "win.section::reports", { "<Primary>9", NULL } },
  { "win.section::settings", { "<Primary>0", "<Primary>comma", NULL } },
};

/* Errors at start-up ------------------------------------------------------- */

static void
on_error_dialog_response_cb (GtkDialog *dialog,
                             int        response,
                             gpointer   user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The database could not be opened: say why in a dialog, leave the file as
 * it is, and quit when the dialog is closed. */
static void
show_open_error (CrmApplication *self,
                 const GError   *error)
{
  GtkWidget *dialog;

  g_printerr ("sokhach: %s\n", error->message);
  dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("The database cannot be opened"));
  if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message,
                                              _("Check the path. To start a new database there, add --new."));
  else
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_window_set_title (GTK_WINDOW (dialog), "Sổ Khách");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_dialog_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Demo data goes into a database nobody has set up yet, as its first
 * administrator, who gets a demo password (README lists the logins).
 * On a database already in use it is refused; that is no reason not to
 * open the real data. */
static gboolean
add_demo_data (CrmApplication  *self,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmSession) admin = NULL;
  gboolean needs_setup = FALSE;

  if (!crm_user_store_needs_setup (self->store, &needs_setup, error))
    return FALSE;
  if (!needs_setup)
    {
      g_message ("%s", _("Demo data goes only into a new database; this one is already set up."));
      return TRUE;
    }
  if ((admin = crm_user_store_ensure_admin (self->store, &local_error)) != NULL &&
      crm_sample_fill_demo (self->store, admin, &local_error))
    return TRUE;
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS))
    {
      g_message ("%s", local_error->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Opens the file; nobody is signed in yet. */
static gboolean
open_database (CrmApplication  *self,
               GError         **error)
{
  if (self->store != NULL)
    return TRUE;

  self->store = crm_store_open (self->database_path,
                                self->may_create ? CRM_STORE_OPEN_CREATE : CRM_STORE_OPEN_EXISTING,
                                error);
  if (self->store == NULL)
    return FALSE;
  return !self->demo || add_demo_data (self, error);
}

/* Sign-in ------------------------------------------------------------------- */

static void show_sign_in (CrmApplication *self);

static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/* Automatic backup -------------------------------------------------------- */

/* A failed automatic backup is also said outside the window, once per
 * kind of failure; a desktop without notifications just does not show
 * it. */
static void
on_auto_backup_finished_cb (CrmApplication *self,
                            GFile          *written,
                            GError         *error,
                            CrmAutoBackup  *auto_backup)
{
  g_autoptr(GError) notify_error = NULL;
  NotifyNotification *notification;

  if (error == NULL)
    {
      g_clear_pointer (&self->auto_backup_failure, g_free);
      return;
    }
  if (g_strcmp0 (self->auto_backup_failure, error->message) == 0)
    return;
  g_message ("Automatic backup: %s", error->message);
  g_free (self->auto_backup_failure);
  self->auto_backup_failure = g_strdup (error->message);
  if (!notify_is_initted ())
    return;
  notification = notify_notification_new (_("The automatic backup failed"), error->message, APP_ID);
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  if (!notify_notification_show (notification, &notify_error))
    g_debug ("Cannot show a notification: %s", notify_error->message);
  g_object_unref (notification);
}

/* While someone is signed in, a backup is taken whenever one is due. */
static void
start_auto_backup (CrmApplication *self,
                   GtkWindow      *window)
{
  if (self->auto_backup == NULL)
    {
      self->auto_backup = crm_auto_backup_new (self->store);
      g_signal_connect_object (self->auto_backup, "finished", G_CALLBACK (on_auto_backup_finished_cb),
                               self, G_CONNECT_SWAPPED);
      crm_auto_backup_start (self->auto_backup);
    }
  g_object_set (window, "auto-backup", self->auto_backup, NULL);
}

static void
stop_auto_backup (CrmApplication *self)
{
  if (self->auto_backup == NULL)
    return;
  crm_auto_backup_stop (self->auto_backup);
  g_signal_handlers_disconnect_by_data (self->auto_backup, self);
  g_clear_object (&self->auto_backup);
  g_clear_pointer (&self->auto_backup_failure, g_free);
}

/* Reminders ------------------------------------------------------------------ */

#define REMINDER_CHECK_SECONDS    30
#define BACKGROUND_CHECK_SECONDS  60
#define BACKGROUND_PROMPT_GAP     (30 * G_TIME_SPAN_MINUTE)

static void start_reminders (CrmApplication *self,
                             GtkWindow      *window);

/* The application's own notifications ("app-…") bring the window back. */
static void
on_app_notification_action_cb (CrmApplication *self,
                               const char     *id,
                               const char     *action_id)
{
  if (g_str_has_prefix (id, "app-") && g_strcmp0 (action_id, CRM_NOTIFICATION_ACTION_DISMISSED) != 0)
    g_application_activate (G_APPLICATION (self));
}

static CrmNotifier *
ensure_notifier (CrmApplication *self)
{
  if (self->notifier == NULL)
    {
      self->notifier = CRM_NOTIFIER (crm_libnotify_notifier_new (APP_ID));
      g_signal_connect_object (self->notifier, "action-invoked", G_CALLBACK (on_app_notification_action_cb),
                               self, G_CONNECT_SWAPPED);
    }
  return self->notifier;
}

static void
notify_app (CrmApplication *self,
            const char     *id,
            const char     *title,
            const char     *body)
{
  g_autoptr(CrmNotification) notification = crm_notification_new (id, title, body);

  crm_notifier_show (ensure_notifier (self), notification);
}

static void
release_reminder_hold (CrmApplication *self)
{
  if (!self->held_for_reminders)
    return;
  self->held_for_reminders = FALSE;
  g_application_release (G_APPLICATION (self));
}

/* The signed-in user's main window, made again when it was closed while
 * the application kept running for reminders. */
static GtkWindow *
main_window (CrmApplication *self)
{
  GtkWindow *window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data))
      return l->data;
  if (self->session == NULL)
    return NULL;
  window = GTK_WINDOW (crm_window_new (GTK_APPLICATION (self), self->store, self->session));
  start_auto_backup (self, window);
  start_reminders (self, window);
  release_reminder_hold (self);
  return window;
}

static void
on_reminder_open_record_cb (CrmReminderScheduler *scheduler,
                            const char           *kind,
                            gint64                id,
                            CrmApplication       *self)
{
  GtkWindow *window = main_window (self);

  if (window == NULL)
    return;
  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)", kind, id);
}

/* The window opens no event by id yet: an event's reminder shows the
 * calendar. */
static void
on_reminder_open_event_cb (CrmReminderScheduler *scheduler,
                           gint64                event_id,
                           CrmApplication       *self)
{
  GtkWindow *window = main_window (self);

  if (window == NULL)
    return;
  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)", "event", event_id);
}

/* A reminder falls due within the next 24 hours. */
static gboolean
reminders_pending_soon (CrmApplication *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) limit = NULL;
  GDateTime *next;

  if (self->reminders == NULL || (next = crm_reminder_scheduler_get_next_due (self->reminders)) == NULL)
    return FALSE;
  now = g_date_time_new_now_utc ();
  limit = g_date_time_add_hours (now, 24);
  return g_date_time_compare (next, limit) <= 0;
}

static void
on_reminders_next_due_cb (CrmApplication *self)
{
  if (self->held_for_reminders && !reminders_pending_soon (self))
    release_reminder_hold (self);
}

/* Closing the main window while reminders are due today keeps the
 * application running (and says so once); app.quit still quits. */
static gboolean
on_main_window_close_request_cb (GtkWindow      *window,
                                 CrmApplication *self)
{
  if (self->held_for_reminders || !reminders_pending_soon (self))
    return FALSE;
  g_application_hold (G_APPLICATION (self));
  self->held_for_reminders = TRUE;
  if (!self->said_still_running)
    {
      self->said_still_running = TRUE;
      notify_app (self, "app-still-running", _("Sổ Khách is still running to remind you…"),
                  _("Your reminders of the next 24 hours will appear with the window closed. "
                    "Quit from the menu to stop them."));
    }
  return FALSE;
}

/* Shows the signed-in user's reminders while the application runs. */
static void
start_reminders (CrmApplication *self,
                 GtkWindow      *window)
{
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_main_window_close_request_cb), self, 0);
  if (self->reminders != NULL)
    return;
  self->reminders = crm_reminder_scheduler_new (self->store, self->session, ensure_notifier (self));
  g_signal_connect_object (self->reminders, "open-record", G_CALLBACK (on_reminder_open_record_cb), self, 0);
  g_signal_connect_object (self->reminders, "open-event", G_CALLBACK (on_reminder_open_event_cb), self, 0);
  g_signal_connect_object (self->reminders, "notify::next-due", G_CALLBACK (on_reminders_next_due_cb), self,
                           G_CONNECT_SWAPPED);
  crm_reminder_scheduler_run (self->reminders, REMINDER_CHECK_SECONDS);
}

static void
stop_reminders (CrmApplication *self)
{
  if (self->reminders != NULL)
    {
      crm_reminder_scheduler_stop (self->reminders);
      g_signal_handlers_disconnect_by_data (self->reminders, self);
      g_clear_object (&self->reminders);
    }
  release_reminder_hold (self);
}

/* --background: nobody is signed in, so nothing of a reminder is shown;
 * only whether one of the last user's reminders is due is read, and then
 * the sign-in window asks for the password (again at most every 30
 * minutes while it stays due and nobody signs in). */
static gboolean
on_background_timer_cb (gpointer data)
{
  CrmApplication *self = CRM_APPLICATION (data);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *login = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  gboolean due = FALSE;

  if (self->session != NULL || gtk_application_get_windows (GTK_APPLICATION (self)) != NULL ||
      (self->background_prompted != 0 &&
       g_get_monotonic_time () - self->background_prompted < BACKGROUND_PROMPT_GAP))
    return G_SOURCE_CONTINUE;
  settings = app_settings ();
  login = settings ? g_settings_get_string (settings, "last-login") : NULL;
  now = g_date_time_new_now_utc ();
  if (login == NULL || *login == '\0' ||
      !crm_reminder_store_due_for_login (self->store, login, now, &due, &error) || !due)
    {
      if (error != NULL)
        g_debug ("Cannot look for reminders of %s: %s", login, error->message);
      return G_SOURCE_CONTINUE;
    }
  self->background_prompted = g_get_monotonic_time ();
  notify_app (self, "app-sign-in", _("A reminder is due"), _("Sign in to Sổ Khách to see it."));
  show_sign_in (self);
  return G_SOURCE_CONTINUE;
}

/* Runs with no window until app.quit or the end of the desktop session. */
static void
start_background (CrmApplication *self)
{
  g_application_hold (G_APPLICATION (self));
  self->background_timer = g_timeout_add_seconds (BACKGROUND_CHECK_SECONDS, on_background_timer_cb, self);
  on_background_timer_cb (self);
}

/* The main window for @session; the window that asked for it goes. */
/* The care tasks that fell due since the last sign-in go on the staff's
 * calendars once the window is up: a large office's standards must not
 * hold up its first paint.  The Calendar and Care screens read them when
 * shown. */
static gboolean
generate_care_tasks_cb (gpointer user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = crm_care_today ();
  guint n_created = 0;

  if (self->session != NULL &&
      !crm_care_generate_due (self->store, self->session, today, &n_created, &error))
    g_warning ("Cannot make the care tasks that fell due: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
on_signed_in_cb (GtkWindow      *asking,
                 CrmSession     *session,
                 CrmApplication *self)
{
  g_autoptr(GSettings) settings = app_settings ();
  GtkWindow *window;

  g_set_object (&self->session, session);
  if (settings != NULL)
    g_settings_set_string (settings, "last-login", crm_session_get_login (session));
  window = GTK_WINDOW (crm_window_new (GTK_APPLICATION (self), self->store, self->session));
  start_auto_backup (self, window);
  start_reminders (self, window);
  gtk_window_present (window);
  gtk_window_destroy (asking);
  g_idle_add_full (G_PRIORITY_LOW, generate_care_tasks_cb, g_object_ref (self), g_object_unref);
}

/* A new database asks for the company and the administrator first;
 * every other start asks who is signing in. */
static void
show_sign_in (CrmApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = app_settings ();
  g_autofree char *last_login = settings ? g_settings_get_string (settings, "last-login") : NULL;
  gboolean needs_setup = FALSE;
  GtkWidget *window;

  if (!crm_user_store_needs_setup (self->store, &needs_setup, &error))
    {
      show_open_error (self, error);
      return;
    }
  if (needs_setup)
    {
      window = crm_setup_window_new (GTK_APPLICATION (self), self->store);
      g_signal_connect_object (window, "finished", G_CALLBACK (on_signed_in_cb), self, 0);
    }
  else
    {
      window = crm_sign_in_window_new (GTK_APPLICATION (self), self->store, last_login);
      g_signal_connect_object (window, "signed-in", G_CALLBACK (on_signed_in_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* Signing out closes every window of the signed-in user, then asks again:
 * the next person at the desk sees nothing of the previous one's work. */
static void
sign_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* The sign-in window comes first so the application keeps a window. */
  stop_auto_backup (self);
  stop_reminders (self);
  g_clear_object (&self->session);
  show_sign_in (self);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
}

/* Actions -------------------------------------------------------------------- */

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Sổ Khách developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", "Sổ Khách",
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Customers, quotes, contracts and the work calendar of a Vietnamese office, in one local file."),
                         "website", "https://github.com/sokhach/sokhach",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "sign-out", .activate = sign_out_activated },
  { .name = "about", .activate = about_activated },
  { .name = "quit", .activate = quit_activated },
};

/* GApplication ---------------------------------------------------------------- */

static int
run_export (CrmApplication *self,
            GVariantDict   *options,
            const char     *login,
            const char     *name)
{
  CrmCliExportOptions export = { .name = name };

  g_variant_dict_lookup (options, "format", "&s", &export.format);
  g_variant_dict_lookup (options, "output", "^&ay", &export.output);
  g_variant_dict_lookup (options, "status", "&s", &export.status);
  g_variant_dict_lookup (options, "province", "&s", &export.province);
  g_variant_dict_lookup (options, "period", "&s", &export.period);
  g_variant_dict_lookup (options, "by", "&s", &export.breakdown);
  g_variant_dict_lookup (options, "staff", "&s", &export.staff);
  return crm_cli_export (self->database_path, login, &export);
}

static int
run_print (CrmApplication *self,
           GVariantDict   *options,
           const char     *login,
           const char     *code)
{
  const char *output = NULL;

  g_variant_dict_lookup (options, "output", "^&ay", &output);
  return crm_cli_print_document (self->database_path, login, code, output);
}

static int
run_import (CrmApplication *self,
            GVariantDict   *options,
            const char     *login)
{
  const char *name = NULL, *input = NULL, *on_duplicate = NULL, *rejected = NULL;

  g_variant_dict_lookup (options, "import", "&s", &name);
  g_variant_dict_lookup (options, "input", "^&ay", &input);
  g_variant_dict_lookup (options, "on-duplicate", "&s", &on_duplicate);
  g_variant_dict_lookup (options, "rejected", "^&ay", &rejected);
  return crm_cli_import (self->database_path, login, name, input, on_duplicate,
                         g_variant_dict_contains (options, "skip-invalid"), rejected);
}

static int
run_headless_verbs (CrmApplication *self,
                    GVariantDict   *options)
{
  const char *backup = NULL, *query = NULL, *source = NULL, *export = NULL, *login = NULL;
  const char *code = NULL;
  int status = -1;

  g_variant_dict_lookup (options, "user", "&s", &login);

  if (self->demo && (g_variant_dict_contains (options, "check") ||
                     g_variant_dict_lookup (options, "backup", "^&ay", &backup) ||
                     g_variant_dict_lookup (options, "search", "&s", &query) ||
                     g_variant_dict_lookup (options, "export", "&s", &export)))
    {
      status = crm_cli_demo (self->database_path);
      if (status != EXIT_SUCCESS)
        return status;
    }
  if (g_variant_dict_contains (options, "check"))
    status = crm_cli_check (self->database_path);
  else if (g_variant_dict_lookup (options, "backup", "^&ay", &backup))
    status = crm_cli_backup (self->database_path, login, backup);
  else if (g_variant_dict_lookup (options, "restore", "^&ay", &source))
    status = crm_cli_restore (self->database_path, login, source);
  else if (g_variant_dict_lookup (options, "search", "&s", &query))
    status = crm_cli_search (self->database_path, login, query);
  else if (g_variant_dict_lookup (options, "export", "&s", &export))
    status = run_export (self, options, login, export);
  else if (g_variant_dict_lookup (options, "print", "&s", &code) ||
           g_variant_dict_lookup (options, "print-quote", "&s", &code))
    status = run_print (self, options, login, code);
  else if (g_variant_dict_contains (options, "import"))
    status = run_import (self, options, login);
  return status;
}

static int
crm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  CrmApplication *self = CRM_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sokhach %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* The default database is made on first start; a named one only when
   * asked, so a mistyped path never opens an empty database that looks as
   * if every customer were lost. */
  self->demo = g_variant_dict_contains (options, "demo");
  self->background = g_variant_dict_contains (options, "background");
  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      self->database_path = g_canonicalize_filename (database, NULL);
      self->may_create = self->demo || g_variant_dict_contains (options, "new");
    }
  else
    {
      self->database_path = crm_store_default_path ();
      self->may_create = TRUE;
    }

  return run_headless_verbs (self, options);
}

static void
crm_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (gtk_app, accelerators[i].action, accelerators[i].accels);

  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);
  notify_init (APP_ID);
}

static void
crm_application_activate (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL || (self->session != NULL && (window = main_window (self)) != NULL))
    {
      gtk_window_present (window);
      return;
    }
  if (!open_database (self, &error))
    {
      show_open_error (self, error);
      return;
    }
  if (self->background && self->background_timer == 0)
    start_background (self);
  else
    show_sign_in (self);
}

static void
crm_application_shutdown (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);

  stop_auto_backup (self);
  stop_reminders (self);
  g_clear_handle_id (&self->background_timer, g_source_remove);
  g_clear_object (&self->notifier);
  if (notify_is_initted ())
    notify_uninit ();

  G_APPLICATION_CLASS (crm_application_parent_class)->shutdown (app);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = CRM_APPLICATION (object);

  g_clear_object (&self->auto_backup);
  g_clear_pointer (&self->auto_backup_failure, g_free);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_application_parent_class)->finalize (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = crm_application_finalize;
  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
  app_class->shutdown = crm_application_shutdown;
}

static void
crm_application_init (CrmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Sổ Khách — customer relationship management for Vietnamese offices."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Without --check, --backup, --restore, --search or --export the window opens. The default database is ~/.local/share/sokhach/sokhach.db."));
}

CrmApplication *
crm_application_new (void)
{
  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
