/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-error.h"

G_BEGIN_DECLS

#define CRM_TYPE_STORE (crm_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

typedef enum
{
  CRM_STORE_OPEN_EXISTING = 0,
  CRM_STORE_OPEN_CREATE   = 1 << 0,
} CrmStoreOpenFlags;

char      *crm_store_default_path          (void);
int        crm_store_latest_schema_version (void);

CrmStore  *crm_store_open                  (const char         *path,
                                            CrmStoreOpenFlags   flags,
                                            GError            **error);
const char *crm_store_get_path             (CrmStore           *self);
int        crm_store_get_schema_version    (CrmStore           *self);
gboolean   crm_store_changed_elsewhere     (CrmStore           *self);
CrmStore  *crm_store_open_reader           (CrmStore           *self,
                                            GError            **error);
void       crm_store_set_cancellable       (CrmStore           *self,
                                            GCancellable       *cancellable);

/* Headless maintenance; none of these modifies the database it checks. */
gboolean   crm_store_check_file            (const char         *path,
                                            GPtrArray         **problems,
                                            GError            **error);
gboolean   crm_store_backup                (CrmStore           *self,
                                            const char         *destination,
                                            GError            **error);
gboolean   crm_store_restore               (CrmStore           *self,
                                            const char         *source,
                                            GError            **error);

/* Daily automatic backup.  Two company settings: the folder (an absolute
 * path; empty or missing means off) and how many of the backups made
 * there to keep.  Backups are named after the time they were taken,
 * "sokhach-2026-11-30-0930.db"; only files named so are ever counted or
 * deleted.  crm_auto_backup_set_folder() and crm_auto_backup_set_keep()
 * (crm-auto-backup.h) change the settings.
 *
 * crm_store_get_auto_backup: the folder ("" when off) and the number to
 * keep (CRM_AUTO_BACKUP_KEEP_DEFAULT when unset).
 *
 * crm_store_auto_backup_due: whether the backup is on and no backup in
 * the folder is dated less than a day before @now.  A folder that cannot
 * be read holds none: a backup is due, and running it says what is wrong.
 *
 * crm_store_auto_backup_run: writes a checked 0600 backup named after
 * @now into the folder, deletes the oldest of the backups there beyond
 * the number to keep, and writes an audit row (action "backup").  When
 * the folder is missing or cannot be written the previous backups stay
 * as they were and the error (CRM_STORE_ERROR_IO) names the folder.
 *
 * crm_store_auto_backup_write and crm_store_auto_backup_record are its
 * two halves, for a worker thread: the files through any connection (a
 * reader from crm_store_open_reader() too), then the audit row through
 * the writable one.  crm_store_auto_backup_newest: the time in the name
 * of the newest backup in @folder not later than @now, or NULL. */
#define CRM_SETTING_AUTO_BACKUP_DIR   "auto_backup_dir"
#define CRM_SETTING_AUTO_BACKUP_KEEP  "auto_backup_keep"
#define CRM_AUTO_BACKUP_KEEP_DEFAULT  7
#define CRM_AUTO_BACKUP_KEEP_MAX      365

gboolean   crm_store_get_auto_backup       (CrmStore           *self,
                                            char              **folder,
                                            guint              *keep,
                                            GError            **error);
gboolean   crm_store_auto_backup_due       (CrmStore           *self,
                                            GDateTime          *now,
                                            gboolean           *due,
                                            GError            **error);
gboolean   crm_store_auto_backup_run       (CrmStore           *self,
                                            GDateTime          *now,
                                            GFile             **written,
                                            GError            **error);
gboolean   crm_store_auto_backup_write     (CrmStore           *self,
                                            const char         *folder,
                                            guint               keep,
                                            GDateTime          *now,
                                            GFile             **written,
                                            GError            **error);
gboolean   crm_store_auto_backup_record    (CrmStore           *self,
                                            GFile              *written,
                                            GError            **error);
gboolean   crm_store_auto_backup_newest    (const char         *folder,
                                            GDateTime          *now,
                                            GDateTime         **newest,
                                            GError            **error);

G_END_DECLS
