/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTO_BACKUP (crm_auto_backup_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutoBackup, crm_auto_backup, CRM, AUTO_BACKUP, GObject)

/* How often a signed-in application looks whether a backup is due. */
#define CRM_AUTO_BACKUP_CHECK_INTERVAL_SECS 3600

/* The settings of the daily automatic backup (see crm-store.h), changed
 * by administrators only (CRM_PERMISSION_ERROR otherwise), each change
 * audited.  The folder must be an existing, writable folder given by its
 * absolute path, or empty (or NULL) to turn the backup off; the number to
 * keep is 1 to CRM_AUTO_BACKUP_KEEP_MAX (CRM_VALIDATION_ERROR
 * otherwise).  Setting the value already stored writes nothing. */
gboolean        crm_auto_backup_set_folder     (CrmStore       *store,
                                                CrmSession     *session,
                                                const char     *folder,
                                                GError        **error);
gboolean        crm_auto_backup_set_keep       (CrmStore       *store,
                                                CrmSession     *session,
                                                guint           keep,
                                                GError        **error);

/* The schedule of a signed-in application: crm_auto_backup_start() looks
 * at once and then every CRM_AUTO_BACKUP_CHECK_INTERVAL_SECS whether a
 * backup is due, and takes it on a worker thread over its own read-only
 * connection; the audit row is written on the main thread.  After each
 * look it emits "finished" (GFile *written or NULL when nothing was due,
 * GError *error or NULL).  The getters describe the last look: the
 * folder (NULL when the backup is off), the time of the newest backup in
 * it (local time, NULL for none) and the error of the last attempt. */
CrmAutoBackup  *crm_auto_backup_new            (CrmStore       *store);
void            crm_auto_backup_start          (CrmAutoBackup  *self);
void            crm_auto_backup_stop           (CrmAutoBackup  *self);
void            crm_auto_backup_check          (CrmAutoBackup  *self);
gboolean        crm_auto_backup_get_busy       (CrmAutoBackup  *self);
const char     *crm_auto_backup_get_folder     (CrmAutoBackup  *self);
GDateTime      *crm_auto_backup_get_last_time  (CrmAutoBackup  *self);
const GError   *crm_auto_backup_get_error      (CrmAutoBackup  *self);

G_END_DECLS
