/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-auto-backup"

#include "config.h"

#include "crm-auto-backup.h"

#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-user-store.h"

struct _CrmAutoBackup
{
  GObject       parent_instance;

  CrmStore     *store;
  GCancellable *cancellable;  /* of the look running, NULL when idle */
  guint         timeout_id;
  gboolean      again;        /* a look was asked for while one ran */
  char         *folder;
  GDateTime    *last_time;
  GError       *error;
};

G_DEFINE_FINAL_TYPE (CrmAutoBackup, crm_auto_backup, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the worker thread found; returned even on failure, so the main
 * thread knows the folder it was about. */
typedef struct
{
  char      *folder;     /* NULL when the backup is off */
  GDateTime *newest;
  GFile     *written;
  GError    *error;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_free (outcome->folder);
  g_clear_pointer (&outcome->newest, g_date_time_unref);
  g_clear_object (&outcome->written);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

/* Settings ------------------------------------------------------------------ */

static gboolean
require_admin (CrmSession  *session,
               GError     **error)
{
  if (crm_session_get_role (session) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only an administrator may do this."));
  return FALSE;
}

/* The folder as it will be stored: "" for off, else canonical. */
static char *
clean_folder (const char  *folder,
              GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (folder != NULL ? folder : ""));

  if (trimmed[0] == '\0')
    return g_strdup ("");
  if (!g_path_is_absolute (folder))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Give the backup folder by its full path, such as /media/backup: “%s” is not one."),
                   folder);
      return NULL;
    }
  clean = g_canonicalize_filename (folder, NULL);
  if (!g_file_test (clean, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("The folder “%s” does not exist."), clean);
      return NULL;
    }
  if (g_access (clean, W_OK | X_OK) != 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("The folder “%s” cannot be written to."), clean);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* crm_settings_set() audits every write: skip those that change nothing. */
static gboolean
put_setting (CrmStore    *store,
             CrmSession  *session,
             const char  *key,
             const char  *value,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *current = crm_settings_get (store, key, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (current, value) == 0)
    return TRUE;
  return crm_settings_set (store, session, key, value, error);
}

gboolean
crm_auto_backup_set_folder (CrmStore    *store,
                            CrmSession  *session,
                            const char  *folder,
                            GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_admin (session, error) || !(clean = clean_folder (folder, error)))
    return FALSE;
  return put_setting (store, session, CRM_SETTING_AUTO_BACKUP_DIR, clean, error);
}

gboolean
crm_auto_backup_set_keep (CrmStore    *store,
                          CrmSession  *session,
                          guint        keep,
                          GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_admin (session, error))
    return FALSE;
  if (keep < 1 || keep > CRM_AUTO_BACKUP_KEEP_MAX)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Keep from 1 to %u backups."), (guint) CRM_AUTO_BACKUP_KEEP_MAX);
      return FALSE;
    }
  text = g_strdup_printf ("%u", keep);
  return put_setting (store, session, CRM_SETTING_AUTO_BACKUP_KEEP, text, error);
}

/* Schedule -------------------------------------------------------------------- */

/* Worker thread, over a reader of its own: reads the settings, looks at
 * the folder and, when a backup is due, writes it and rotates. */
static void
look_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CrmStore *reader = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Outcome *outcome = g_new0 (Outcome, 1);
  g_autofree char *folder = NULL;
  guint keep = CRM_AUTO_BACKUP_KEEP_DEFAULT;
  gboolean due = FALSE;

  if (crm_store_get_auto_backup (reader, &folder, &keep, &outcome->error) &&
      crm_store_auto_backup_due (reader, now, &due, &outcome->error) &&
      folder[0] != '\0')
    {
      outcome->folder = g_strdup (folder);
      if (due && !g_cancellable_set_error_if_cancelled (cancellable, &outcome->error))
        crm_store_auto_backup_write (reader, folder, keep, now, &outcome->written, &outcome->error);
      crm_store_auto_backup_newest (folder, now, &outcome->newest, NULL);
    }
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

static void
set_busy (CrmAutoBackup *self,
          GCancellable  *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  g_set_object (&self->cancellable, cancellable);
  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Keeps what the look found and tells whoever shows it. */
static void
finish_look (CrmAutoBackup *self,
             Outcome       *outcome)
{
  g_free (self->folder);
  self->folder = g_strdup (outcome->folder);
  g_clear_pointer (&self->last_time, g_date_time_unref);
  if (outcome->newest != NULL)
    self->last_time = g_date_time_to_local (outcome->newest);
  g_clear_error (&self->error);
  if (outcome->error != NULL)
    self->error = g_error_copy (outcome->error);

  set_busy (self, NULL);
  g_signal_emit (self, signals[FINISHED], 0, outcome->written, outcome->error);
  if (self->again)
    {
      self->again = FALSE;
      crm_auto_backup_check (self);
    }
}

static void
on_look_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CrmAutoBackup *self = CRM_AUTO_BACKUP (source);
  Outcome *outcome = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Stopped meanwhile (sign-out): nobody is waiting for the answer. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&outcome, outcome_free);
      return;
    }
  /* The file is written and checked; the audit row needs the writable
   * connection, which belongs to this thread. */
  if (outcome->written != NULL && outcome->error == NULL)
    crm_store_auto_backup_record (self->store, outcome->written, &outcome->error);
  finish_look (self, outcome);
  outcome_free (outcome);
}

static gboolean
on_check_timeout_cb (gpointer user_data)
{
  crm_auto_backup_check (CRM_AUTO_BACKUP (user_data));
  return G_SOURCE_CONTINUE;
}

/* GObject ------------------------------------------------------------------------ */

static void
crm_auto_backup_dispose (GObject *object)
{
  CrmAutoBackup *self = CRM_AUTO_BACKUP (object);

  crm_auto_backup_stop (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_auto_backup_parent_class)->dispose (object);
}

static void
crm_auto_backup_finalize (GObject *object)
{
  CrmAutoBackup *self = CRM_AUTO_BACKUP (object);

  g_free (self->folder);
  g_clear_pointer (&self->last_time, g_date_time_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (crm_auto_backup_parent_class)->finalize (object);
}

static void
crm_auto_backup_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmAutoBackup *self = CRM_AUTO_BACKUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, crm_auto_backup_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_auto_backup_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmAutoBackup *self = CRM_AUTO_BACKUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_auto_backup_class_init (CrmAutoBackupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_auto_backup_dispose;
  object_class->finalize = crm_auto_backup_finalize;
  object_class->get_property = crm_auto_backup_get_property;
  object_class->set_property = crm_auto_backup_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR);
}

static void
crm_auto_backup_init (CrmAutoBackup *self)
{
}

/* Public API ---------------------------------------------------------------------- */

CrmAutoBackup *
crm_auto_backup_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_AUTO_BACKUP, "store", store, NULL);
}

void
crm_auto_backup_start (CrmAutoBackup *self)
{
  g_return_if_fail (CRM_IS_AUTO_BACKUP (self));

  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add_seconds (CRM_AUTO_BACKUP_CHECK_INTERVAL_SECS, on_check_timeout_cb, self);
  crm_auto_backup_check (self);
}

/* No more looks; one running is left to end on its own, unheard. */
void
crm_auto_backup_stop (CrmAutoBackup *self)
{
  g_return_if_fail (CRM_IS_AUTO_BACKUP (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->again = FALSE;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      set_busy (self, NULL);
    }
}

void
crm_auto_backup_check (CrmAutoBackup *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) reader = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CRM_IS_AUTO_BACKUP (self));

  if (self->cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }
  if (!(reader = crm_store_open_reader (self->store, &error)))
    {
      Outcome *outcome = g_new0 (Outcome, 1);

      outcome->folder = g_strdup (self->folder);
      outcome->newest = self->last_time ? g_date_time_ref (self->last_time) : NULL;
      outcome->error = g_steal_pointer (&error);
      finish_look (self, outcome);
      outcome_free (outcome);
      return;
    }
  cancellable = g_cancellable_new ();
  task = g_task_new (self, cancellable, on_look_done_cb, NULL);
  g_task_set_source_tag (task, crm_auto_backup_check);
  g_task_set_task_data (task, g_steal_pointer (&reader), g_object_unref);
  set_busy (self, cancellable);
  g_task_run_in_thread (task, look_in_thread);
}

gboolean
crm_auto_backup_get_busy (CrmAutoBackup *self)
{
  g_return_val_if_fail (CRM_IS_AUTO_BACKUP (self), FALSE);
  return self->cancellable != NULL;
}

const char *
crm_auto_backup_get_folder (CrmAutoBackup *self)
{
  g_return_val_if_fail (CRM_IS_AUTO_BACKUP (self), NULL);
  return self->folder;
}

GDateTime *
crm_auto_backup_get_last_time (CrmAutoBackup *self)
{
  g_return_val_if_fail (CRM_IS_AUTO_BACKUP (self), NULL);
  return self->last_time;
}

const GError *
crm_auto_backup_get_error (CrmAutoBackup *self)
{
  g_return_val_if_fail (CRM_IS_AUTO_BACKUP (self), NULL);
  return self->error;
}
