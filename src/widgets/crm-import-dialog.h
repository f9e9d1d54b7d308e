/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-import.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_DIALOG (crm_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, CRM, IMPORT_DIALOG, GtkWindow)

/* The import assistant, transient for @parent, in four steps: the file
 * (and, from the customers page, whether it holds customers or their
 * contacts), the column mapping, a preview of every row's fate, then the
 * import itself with its result.  Reading, previewing and importing run
 * off the main thread with a progress bar and Cancel.  Emits "imported"
 * after an import was committed. */
CrmImportDialog *crm_import_dialog_new     (GtkWindow     *parent,
                                            CrmStore      *store,
                                            CrmSession    *session,
                                            CrmImportKind  kind);
void             crm_import_dialog_present (GtkWindow     *parent,
                                            CrmStore      *store,
                                            CrmSession    *session,
                                            CrmImportKind  kind);
/* Whether @session may import @kind at all (the store's rule), so pages
 * can hide their Import button. */
gboolean         crm_import_dialog_allowed (CrmSession    *session,
                                            CrmImportKind  kind);

G_END_DECLS
