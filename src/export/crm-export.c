/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export"

#include "config.h"

#include "crm-export.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-error.h"
#include "crm-export-audit.h"
#include "crm-user-store.h"
#include "crm-pdf-writer.h"
#include "crm-xlsx-writer.h"

/* What every export shares: the formats, and writing a file so that a
 * failure half way (a full disk, a cancel, a crash) never leaves a
 * truncated spreadsheet where the user expects a good one. */

struct _CrmExportTarget
{
  char     *path;
  char     *temp_path;
  gboolean  committed;
};

static const char *const format_names[] = { "xlsx", "pdf" };

/* "xlsx", "pdf": also the file name extension. */
const char *
crm_export_format_to_string (CrmExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

gboolean
crm_export_format_from_string (const char      *text,
                               CrmExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text ? text : "", format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

/* Target files ------------------------------------------------------------- */

/**
 * crm_export_target_new:
 * @dest: the file to write; it must be on this computer (GVFS mounts have
 *   a local path too)
 *
 * Creates the empty temporary file at once, so that an unwritable or
 * missing folder is reported before any work is done
 * (%CRM_STORE_ERROR_IO).
 */
CrmExportTarget *
crm_export_target_new (GFile   *dest,
                       GError **error)
{
  g_autoptr(CrmExportTarget) self = g_new0 (CrmExportTarget, 1);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  int fd;

  g_return_val_if_fail (G_IS_FILE (dest), NULL);

  if (!(self->path = g_file_get_path (dest)))
    {
      g_autofree char *uri = g_file_get_parse_name (dest);

      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Cannot write “%s”: only files on this computer can be written."), uri);
      return NULL;
    }
  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  name = g_strdup_printf (".%s.XXXXXX", base);
  self->temp_path = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_clear_pointer (&self->temp_path, g_free);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Cannot write to the folder “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&self);
}

const char *
crm_export_target_get_path (CrmExportTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/* Where a writer puts the bytes until crm_export_target_commit(). */
const char *
crm_export_target_get_temp_path (CrmExportTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temp_path;
}

/* The same message for every failure to write the file, naming it. */
void
crm_export_set_write_error (CrmExportTarget  *self,
                            const char       *reason,
                            GError          **error)
{
  g_autofree char *display = NULL;

  g_return_if_fail (self != NULL);

  display = g_filename_display_name (self->path);
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
               _("Cannot write “%s”: %s"), display, reason);
}

/* Flushes the written file to the disk, then puts it in place of the
 * destination in one rename: readers see the old file or the new one. */
gboolean
crm_export_target_commit (CrmExportTarget  *self,
                          GError          **error)
{
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  fd = g_open (self->temp_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0 || g_rename (self->temp_path, self->path) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      crm_export_set_write_error (self, g_strerror (saved_errno), error);
      return FALSE;
    }
  close (fd);
  self->committed = TRUE;
  return TRUE;
}

/* Deletes the temporary file unless it was committed. */
void
crm_export_target_free (CrmExportTarget *self)
{
  if (self == NULL)
    return;
  if (!self->committed && self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}

/* Writing ------------------------------------------------------------------ */

/**
 * crm_export_write_target:
 *
 * Writes every row of @table in @format into @target's temporary file,
 * without committing it: a caller that must do more before the file
 * appears (record the export) commits it then.  PDF pages are A4, turned
 * to landscape when the columns need it.
 */
gboolean
crm_export_write_target (CrmExportTable   *table,
                         CrmExportFormat   format,
                         CrmExportTarget  *target,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  switch (format)
    {
    case CRM_EXPORT_FORMAT_XLSX:
      return crm_xlsx_writer_write_target (table, target, cancellable, error);
    case CRM_EXPORT_FORMAT_PDF:
      return crm_pdf_writer_write_target (table, CRM_PAGE_ORIENTATION_AUTO, target, cancellable, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * crm_export_write:
 * @dest: the file to create or replace
 *
 * Writes every row of @table to @dest in @format; on failure @dest is
 * left as it was and no temporary file remains.
 */
gboolean
crm_export_write (CrmExportTable   *table,
                  CrmExportFormat   format,
                  GFile            *dest,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(CrmExportTarget) target = NULL;

  g_return_val_if_fail (CRM_IS_EXPORT_TABLE (table), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  return (target = crm_export_target_new (dest, error)) != NULL &&
         crm_export_write_target (table, format, target, cancellable, error) &&
         crm_export_target_commit (target, error);
}

/**
 * crm_export_add_title_block:
 * @description: what the table holds, in words (the filter)
 * @count_line: how many rows, in words
 *
 * The lines every exported list carries under its title: the company's
 * name when set, @description, @count_line, and who exported it when.
 */
gboolean
crm_export_add_title_block (CrmExportTable  *table,
                            CrmStore        *store,
                            CrmSession      *session,
                            const char      *description,
                            const char      *count_line,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *company = crm_settings_get (store, CRM_SETTING_COMPANY_NAME, &local_error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%d/%m/%Y %H:%M");
  g_autofree char *exported = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  exported = g_strdup_printf (_("Exported by %s on %s"), crm_session_get_full_name (session), stamp);
  if (company != NULL && *g_strstrip (company) != '\0')
    crm_export_table_add_subtitle (table, company);
  crm_export_table_add_subtitle (table, description);
  crm_export_table_add_subtitle (table, count_line);
  crm_export_table_add_subtitle (table, exported);
  return TRUE;
}

/* Running an export ---------------------------------------------------------- */

/**
 * crm_export_run:
 * @filter: (nullable): what the screen shows, as @spec understands it
 * @n_rows: (out) (optional): how many rows were written
 *
 * Writes @spec's table to @dest, if @session may export
 * (%CRM_PERMISSION_ERROR otherwise), and records the export in the audit
 * log before the file appears.  On failure @dest is left as it was.
 * Runs in the calling thread; see crm_export_run_async().
 */
gboolean
crm_export_run (const CrmExportSpec  *spec,
                CrmStore             *store,
                CrmSession           *session,
                gconstpointer         filter,
                CrmExportFormat       format,
                GFile                *dest,
                GCancellable         *cancellable,
                guint64              *n_rows,
                GError              **error)
{
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportTarget) target = NULL;

  g_return_val_if_fail (spec != NULL && spec->build != NULL, FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  if (!crm_store_check_may_export (store, session, error) ||
      (spec->check != NULL && !spec->check (store, session, filter, error)) ||
      !(target = crm_export_target_new (dest, error)) ||
      !(table = spec->build (store, session, filter, error)) ||
      !crm_export_write_target (table, format, target, cancellable, error) ||
      !crm_store_audit_export (store, session, spec->what, crm_export_target_get_path (target),
                               crm_export_table_get_n_rows_read (table), error) ||
      !crm_export_target_commit (target, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = crm_export_table_get_n_rows_read (table);
  return TRUE;
}

/* One export run by crm_export_run_async(). */
typedef struct
{
  const CrmExportSpec *spec;
  CrmStore            *reader;
  CrmSession          *session;
  gpointer             filter;
  GDestroyNotify       filter_free;
  CrmExportFormat      format;
  CrmExportTarget     *target;
  guint64              n_rows;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->reader);
  g_clear_object (&job->session);
  if (job->filter != NULL && job->filter_free != NULL)
    job->filter_free (job->filter);
  g_clear_pointer (&job->target, crm_export_target_free);
  g_free (job);
}

/* In a worker thread, on the job's own read-only connection. */
static void
write_rows_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(CrmExportTable) table = NULL;
  GError *error = NULL;

  crm_store_set_cancellable (job->reader, cancellable);
  if (!(table = job->spec->build (job->reader, job->session, job->filter, &error)) ||
      !crm_export_write_target (table, job->format, job->target, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->n_rows = crm_export_table_get_n_rows_read (table);
  g_task_return_boolean (task, TRUE);
}

/* Back in the caller's thread: the audit row goes through the store's
 * own connection, then the file appears. */
static void
on_rows_written_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CrmStore *store = CRM_STORE (source_object);
  g_autoptr(GTask) task = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !crm_store_audit_export (store, job->session, job->spec->what, crm_export_target_get_path (job->target),
                               job->n_rows, &error) ||
      !crm_export_target_commit (job->target, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&job->n_rows, sizeof job->n_rows), g_free);
}

/**
 * crm_export_run_async:
 * @filter: (transfer full) (nullable): freed with @filter_free
 * @source_tag: the public function starting it, checked by the finish
 *
 * crm_export_run() without blocking: the rows are read on a second,
 * read-only connection and written in a worker thread; @callback runs in
 * the thread-default main context of the caller.
 */
void
crm_export_run_async (const CrmExportSpec  *spec,
                      CrmStore             *store,
                      CrmSession           *session,
                      gpointer              filter,
                      GDestroyNotify        filter_free,
                      CrmExportFormat       format,
                      GFile                *dest,
                      GCancellable         *cancellable,
                      gpointer              source_tag,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  ExportJob *job;
  GError *error = NULL;

  g_return_if_fail (spec != NULL && spec->build != NULL);
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (dest));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  job = g_new0 (ExportJob, 1);
  job->spec = spec;
  job->session = g_object_ref (session);
  job->filter = filter;
  job->filter_free = filter_free;
  job->format = format;
  if (!crm_store_check_may_export (store, session, &error) ||
      (spec->check != NULL && !spec->check (store, session, filter, &error)) ||
      !(job->target = crm_export_target_new (dest, &error)) ||
      !(job->reader = crm_store_open_reader (store, &error)))
    {
      export_job_free (job);
      g_task_return_error (task, error);
      return;
    }

  worker = g_task_new (store, cancellable, on_rows_written_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, write_rows_thread);
  g_task_set_task_data (worker, job, export_job_free);
  g_task_run_in_thread (worker, write_rows_thread);
}

/**
 * crm_export_run_finish:
 * @n_rows: (out) (optional): how many rows were written
 */
gboolean
crm_export_run_finish (CrmStore      *store,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       guint64       *n_rows,
                       GError       **error)
{
  g_autofree guint64 *written = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  if (!(written = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = *written;
  return TRUE;
}
