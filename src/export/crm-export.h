/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export-table.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* The file formats every table can be written to. */
typedef enum
{
  CRM_EXPORT_FORMAT_XLSX,
  CRM_EXPORT_FORMAT_PDF,
} CrmExportFormat;

/* A file that appears complete or not at all: writers fill a temporary
 * file beside the destination, which commit renames into place; freeing
 * an uncommitted target deletes the temporary file. */
typedef struct _CrmExportTarget CrmExportTarget;

const char      *crm_export_format_to_string     (CrmExportFormat   format);
gboolean         crm_export_format_from_string   (const char       *text,
                                                  CrmExportFormat  *format);

CrmExportTarget *crm_export_target_new           (GFile            *dest,
                                                  GError          **error);
const char      *crm_export_target_get_path      (CrmExportTarget  *self);
const char      *crm_export_target_get_temp_path (CrmExportTarget  *self);
gboolean         crm_export_target_commit        (CrmExportTarget  *self,
                                                  GError          **error);
void             crm_export_target_free          (CrmExportTarget  *self);
void             crm_export_set_write_error      (CrmExportTarget  *self,
                                                  const char       *reason,
                                                  GError          **error);

gboolean         crm_export_write_target         (CrmExportTable   *table,
                                                  CrmExportFormat   format,
                                                  CrmExportTarget  *target,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
gboolean         crm_export_write                (CrmExportTable   *table,
                                                  CrmExportFormat   format,
                                                  GFile            *dest,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmExportTarget, crm_export_target_free)

gboolean         crm_export_add_title_block      (CrmExportTable    *table,
                                                  CrmStore          *store,
                                                  CrmSession        *session,
                                                  const char        *description,
                                                  const char        *count_line,
                                                  GError           **error);

/* What differs between two exports of the application: what the audit
 * log calls it, how its table is built from a filter (on whichever
 * connection it is given), and the refusals known before any work. */
typedef struct
{
  const char       *what;
  CrmExportTable *(*build) (CrmStore       *store,
                            CrmSession     *session,
                            gconstpointer   filter,
                            GError        **error);
  gboolean        (*check) (CrmStore       *store,
                            CrmSession     *session,
                            gconstpointer   filter,
                            GError        **error);   /* nullable */
} CrmExportSpec;

gboolean         crm_export_run                  (const CrmExportSpec *spec,
                                                  CrmStore          *store,
                                                  CrmSession        *session,
                                                  gconstpointer      filter,
                                                  CrmExportFormat    format,
                                                  GFile             *dest,
                                                  GCancellable      *cancellable,
                                                  guint64           *n_rows,
                                                  GError           **error);
void             crm_export_run_async            (const CrmExportSpec *spec,
                                                  CrmStore          *store,
                                                  CrmSession        *session,
                                                  gpointer           filter,
                                                  GDestroyNotify     filter_free,
                                                  CrmExportFormat    format,
                                                  GFile             *dest,
                                                  GCancellable      *cancellable,
                                                  gpointer           source_tag,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gboolean         crm_export_run_finish           (CrmStore          *store,
                                                  GAsyncResult      *result,
                                                  gpointer           source_tag,
                                                  guint64           *n_rows,
                                                  GError           **error);

G_END_DECLS
