/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_ATTACHMENT (crm_attachment_get_type ())

G_DECLARE_FINAL_TYPE (CrmAttachment, crm_attachment, CRM, ATTACHMENT, GObject)

/* A file kept with a customer (contract scan, policy, photo), as the
 * Documents tab lists it: everything but the bytes themselves.  The
 * construct-only properties ("id", "customer-id", "mime-type", "byte-size",
 * "created-at", "created-by-name", "thumbnail") are set by the store;
 * "file-name" and "description" change when the user renames a file. */
const char *crm_attachment_get_file_name       (CrmAttachment *self);
void        crm_attachment_set_file_name       (CrmAttachment *self,
                                                const char    *file_name);
const char *crm_attachment_get_description     (CrmAttachment *self);
void        crm_attachment_set_description     (CrmAttachment *self,
                                                const char    *description);
gint64      crm_attachment_get_id              (CrmAttachment *self);
gint64      crm_attachment_get_customer_id     (CrmAttachment *self);
const char *crm_attachment_get_mime_type       (CrmAttachment *self);
gint64      crm_attachment_get_byte_size       (CrmAttachment *self);
/* ISO-8601 UTC, as stored. */
const char *crm_attachment_get_created_at      (CrmAttachment *self);
const char *crm_attachment_get_created_by_name (CrmAttachment *self);
/* A PNG at most 160 px on its long side, or NULL when there is none. */
GBytes     *crm_attachment_get_thumbnail       (CrmAttachment *self);
gboolean    crm_attachment_is_image            (CrmAttachment *self);

/* "512 B", "1,5 KB", "12 MB": binary multiples labelled KB/MB/GB/TB as
 * Vietnamese offices read them, one decimal with a comma (dropped when it
 * is 0), whatever the locale. */
char       *crm_attachment_format_size         (guint64        byte_size);

G_END_DECLS
