/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export-table.h"

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

G_END_DECLS
