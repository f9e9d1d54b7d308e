/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-export.h"
#include "crm-export-table.h"

G_BEGIN_DECLS

gboolean crm_xlsx_writer_write_target (CrmExportTable   *table,
                                       CrmExportTarget  *target,
                                       GCancellable     *cancellable,
                                       GError          **error);
gboolean crm_xlsx_writer_write        (CrmExportTable   *table,
                                       GFile            *dest,
                                       GCancellable     *cancellable,
                                       GError          **error);

G_END_DECLS
