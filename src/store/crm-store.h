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

G_END_DECLS
