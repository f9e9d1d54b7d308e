/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-attachment.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* The largest file kept in the database, in bytes (50 MiB). */
#define CRM_ATTACHMENT_MAX_BYTES ((gint64) 50 * 1024 * 1024)
/* Thumbnails fit a square of this many pixels. */
#define CRM_ATTACHMENT_THUMBNAIL_SIZE 160

gint64         crm_attachment_store_add_file  (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          customer_id,
                                               GFile          *file,
                                               const char     *description,
                                               GError        **error);
gint64         crm_attachment_store_add_bytes (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          customer_id,
                                               const char     *file_name,
                                               GBytes         *data,
                                               const char     *description,
                                               GError        **error);
GPtrArray     *crm_attachment_store_list      (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          customer_id,
                                               GError        **error);
CrmAttachment *crm_attachment_store_get       (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          id,
                                               GError        **error);
GBytes        *crm_attachment_store_get_data  (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          id,
                                               GError        **error);
gboolean       crm_attachment_store_update    (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          id,
                                               const char     *file_name,
                                               const char     *description,
                                               GError        **error);
gboolean       crm_attachment_store_delete    (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          id,
                                               GError        **error);
gboolean       crm_attachment_store_export    (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          id,
                                               GFile          *dir,
                                               GFile         **out_file,
                                               GError        **error);
gboolean       crm_attachment_store_save_as   (CrmStore       *store,
                                               CrmSession     *session,
                                               gint64          id,
                                               GFile          *dest,
                                               GError        **error);

/* The name an exported copy gets: no '/' or control characters, no
 * leading dot, at most 200 bytes, never empty. */
char          *crm_attachment_safe_file_name  (const char     *file_name);

G_END_DECLS
