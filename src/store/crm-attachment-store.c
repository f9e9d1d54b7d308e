/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-attachment-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-attachment-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* Files kept with a customer: contracts, policies, photos.  The bytes live
 * in attachment_data so that listing never reads them; images get a small
 * PNG thumbnail in attachments.thumbnail.  Every call checks that the
 * session may see the customer: NOT_FOUND when the customer or file does
 * not exist, CRM_PERMISSION_ERROR when it belongs to someone else's
 * customer.  Customer attachments keep owner_kind 'customer' and leave
 * owner_id NULL: customer_id says whose they are, and merging customers
 * moves them by that column. */

#define READ_CHUNK           (64 * 1024)
#define MAX_FILE_NAME_CHARS  255
#define MAX_SAFE_NAME_BYTES  200
#define MAX_EXTENSION_BYTES  16
/* Larger images get no thumbnail rather than gigabytes of pixels. */
#define THUMBNAIL_MAX_PIXELS ((gint64) 100 * 1000 * 1000)

#define ATTACHMENT_COLUMNS \
  "a.id, a.customer_id, a.file_name, a.mime_type, a.byte_size, a.description, " \
  "a.created_at, u.full_name, a.thumbnail "
#define ATTACHMENT_FROM \
  "FROM attachments a JOIN customers c ON c.id = a.customer_id " \
  "LEFT JOIN users u ON u.id = a.created_by "

/* Helpers ------------------------------------------------------------------ */

static void
bind_bytes (sqlite3_stmt *stmt,
            const char   *name,
            GBytes       *bytes)
{
  int index = sqlite3_bind_parameter_index (stmt, name);
  gconstpointer data;
  gsize size;

  g_assert (index > 0);
  if (bytes == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  /* Static: the caller holds @bytes until the statement has run and its
   * bindings are cleared, so 50 MiB are not copied once more. */
  data = g_bytes_get_data (bytes, &size);
  sqlite3_bind_blob64 (stmt, index, data != NULL ? data : "", size, SQLITE_STATIC);
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  const void *data;
  int size;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  data = sqlite3_column_blob (stmt, column);
  size = sqlite3_column_bytes (stmt, column);
  return g_bytes_new (data, size);
}

static CrmAttachment *
attachment_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GBytes) thumbnail = column_bytes (stmt, 8);

  return g_object_new (CRM_TYPE_ATTACHMENT,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       "customer-id", (gint64) sqlite3_column_int64 (stmt, 1),
                       "file-name", (const char *) sqlite3_column_text (stmt, 2),
                       "mime-type", (const char *) sqlite3_column_text (stmt, 3),
                       "byte-size", (gint64) sqlite3_column_int64 (stmt, 4),
                       "description", (const char *) sqlite3_column_text (stmt, 5),
                       "created-at", (const char *) sqlite3_column_text (stmt, 6),
                       "created-by-name", (const char *) sqlite3_column_text (stmt, 7),
                       "thumbnail", thumbnail,
                       NULL);
}

/* Valid UTF-8 in NFC (names from macOS disks come decomposed), trimmed,
 * not empty and not absurdly long. */
static char *
normalise_file_name (const char  *file_name,
                     GError     **error)
{
  g_autofree char *valid = g_utf8_make_valid (file_name != NULL ? file_name : "", -1);
  g_autofree char *name = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);

  g_strstrip (name);
  if (*name == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A file needs a name."));
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > MAX_FILE_NAME_CHARS)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("A file name may have at most 255 characters."));
      return NULL;
    }
  return g_steal_pointer (&name);
}

static char *
normalise_description (const char *description)
{
  g_autofree char *valid = NULL;

  if (crm_text_is_blank (description))
    return NULL;
  valid = g_utf8_make_valid (description, -1);
  return g_strstrip (g_utf8_normalize (valid, -1, G_NORMALIZE_NFC));
}

static gboolean
check_size (const char  *file_name,
            gint64       size,
            GError     **error)
{
  g_autofree char *limit = NULL;

  if (size == 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("“%s” is empty: there is nothing to attach."), file_name);
      return FALSE;
    }
  if (size > CRM_ATTACHMENT_MAX_BYTES)
    {
      limit = crm_attachment_format_size (CRM_ATTACHMENT_MAX_BYTES);
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("“%s” is too large to attach: a file may be at most %s."), file_name, limit);
      return FALSE;
    }
  return TRUE;
}

static char *
guess_mime_type (const char *file_name,
                 GBytes     *data)
{
  gsize size;
  const guchar *bytes = g_bytes_get_data (data, &size);
  g_autofree char *content_type = g_content_type_guess (file_name, bytes, size, NULL);
  char *mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;

  return mime_type != NULL ? mime_type : g_strdup ("application/octet-stream");
}

/* The size of a thumbnail of a @width × @height image: the long side
 * CRM_ATTACHMENT_THUMBNAIL_SIZE, the aspect kept, small images as they are. */
static void
fit_thumbnail (int  width,
               int  height,
               int *fit_width,
               int *fit_height)
{
  const gint64 size = CRM_ATTACHMENT_THUMBNAIL_SIZE;

  *fit_width = width;
  *fit_height = height;
  if (width <= size && height <= size)
    return;
  if (width >= height)
    {
      *fit_width = size;
      *fit_height = MAX (1, (int) ((height * size + width / 2) / width));
    }
  else
    {
      *fit_height = size;
      *fit_width = MAX (1, (int) ((width * size + height / 2) / height));
    }
}

/* Decodes at thumbnail size where the format can (JPEG), and refuses
 * images too big to hold in memory: a size of 0 × 0 tells the loader to
 * stop before it allocates the pixels. */
static void
on_loader_size_prepared_cb (GdkPixbufLoader *loader,
                            int              width,
                            int              height,
                            gpointer         user_data)
{
  int fit_width, fit_height;

  if (width <= 0 || height <= 0 || (gint64) width * height > THUMBNAIL_MAX_PIXELS)
    {
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }
  fit_thumbnail (width, height, &fit_width, &fit_height);
  gdk_pixbuf_loader_set_size (loader, fit_width, fit_height);
}

static GdkPixbuf *
load_thumbnail_pixbuf (GBytes *data)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_loader_size_prepared_cb), NULL);
  /* A failed write closes the loader itself. */
  if (!gdk_pixbuf_loader_write_bytes (loader, data, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      g_debug ("No thumbnail: %s", local_error->message);
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  return pixbuf != NULL ? gdk_pixbuf_apply_embedded_orientation (pixbuf) : NULL;
}

/* A PNG thumbnail of an image, or NULL when it cannot be decoded: a
 * damaged photo is still worth keeping. */
static GBytes *
make_thumbnail (GBytes *data)
{
  g_autoptr(GdkPixbuf) pixbuf = load_thumbnail_pixbuf (data);
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  int width, height;
  gsize length;

  if (pixbuf == NULL)
    return NULL;
  fit_thumbnail (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf), &width, &height);
  if (width != gdk_pixbuf_get_width (pixbuf) || height != gdk_pixbuf_get_height (pixbuf))
    {
      if (!(scaled = gdk_pixbuf_scale_simple (pixbuf, width, height, GDK_INTERP_BILINEAR)))
        return NULL;
      g_set_object (&pixbuf, scaled);
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &local_error, NULL))
    {
      g_debug ("No thumbnail: %s", local_error->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/* Visibility ---------------------------------------------------------------- */

/* Runs @sql, which selects whether the row with :id is visible to the
 * viewer: TRUE when it is, otherwise FALSE with NOT_FOUND (no such row,
 * @missing) or CRM_PERMISSION_ERROR. */
static gboolean
check_visible (CrmStore    *store,
               CrmSession  *session,
               const char  *sql,
               gint64       id,
               const char  *missing,
               GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  gboolean visible = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    visible = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, missing);
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  else if (!visible)
    g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                         _("The files of this customer are not yours to see."));
  return rc == SQLITE_ROW && visible;
}

static gboolean
check_customer (CrmStore    *store,
                CrmSession  *session,
                gint64       customer_id,
                GError     **error)
{
  static const char sql[] =
    "SELECT " CRM_VISIBLE_CUSTOMER ("c") " FROM customers c "
    "WHERE c.id = :id AND c.merged_into IS NULL";

  return check_visible (store, session, sql, customer_id,
                        _("This customer does not exist or is not yours to see."), error);
}

static gboolean
check_attachment (CrmStore    *store,
                  CrmSession  *session,
                  gint64       id,
                  GError     **error)
{
  static const char sql[] =
    "SELECT " CRM_VISIBLE_CUSTOMER ("c") " "
    "FROM attachments a JOIN customers c ON c.id = a.customer_id WHERE a.id = :id";

  return check_visible (store, session, sql, id,
                        _("This file no longer exists: someone may have deleted it."), error);
}

/* Adding ------------------------------------------------------------------- */

static gint64
insert_attachment (CrmStore     *store,
                   CrmSession   *session,
                   gint64        customer_id,
                   const char   *file_name,
                   const char   *mime_type,
                   GBytes       *data,
                   const char   *description,
                   GBytes       *thumbnail,
                   GError      **error)
{
  static const char sql[] =
    "INSERT INTO attachments (customer_id, owner_kind, file_name, mime_type, byte_size, "
    "  description, thumbnail, created_at, updated_at, created_by) "
    "VALUES (:customer, 'customer', :name, :mime, :size, :description, :thumbnail, :now, :now, :user)";
  static const char data_sql[] =
    "INSERT INTO attachment_data (attachment_id, data) VALUES (:id, :data)";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  gboolean done;
  gint64 id;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_bind_text (stmt, ":name", file_name);
  _crm_bind_text (stmt, ":mime", mime_type);
  _crm_bind_int64 (stmt, ":size", g_bytes_get_size (data));
  _crm_bind_text (stmt, ":description", description);
  bind_bytes (stmt, ":thumbnail", thumbnail);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  done = _crm_store_step_done (store, stmt, error);
  sqlite3_clear_bindings (stmt);
  if (!done)
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));

  if (!(stmt = _crm_store_prepare (store, data_sql, error)))
    return 0;
  _crm_bind_int64 (stmt, ":id", id);
  bind_bytes (stmt, ":data", data);
  done = _crm_store_step_done (store, stmt, error);
  sqlite3_clear_bindings (stmt);
  return done ? id : 0;
}

static gboolean
audit_owner (CrmStore    *store,
             CrmSession  *session,
             const char  *action,
             gint64       id,
             gint64       customer_id,
             const char  *file_name,
             GError     **error)
{
  g_autofree char *customer = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
  gboolean created = g_str_equal (action, "create");

  return _crm_store_audit (store, session, action, "attachment", id, "customer_id",
                           created ? NULL : customer, created ? customer : NULL, error) &&
         _crm_store_audit (store, session, action, "attachment", id, "file_name",
                           created ? NULL : file_name, created ? file_name : NULL, error);
}

/**
 * crm_attachment_store_add_bytes:
 * @file_name: the name shown in the list; the MIME type is guessed from it
 *   and from @data
 * @description: (nullable): a note on the file
 *
 * Keeps @data with customer @customer_id, with a thumbnail when it is an
 * image that can be decoded.  Empty files and files over
 * %CRM_ATTACHMENT_MAX_BYTES are CRM_VALIDATION_ERROR.  All or nothing,
 * audited.
 *
 * Returns: the new attachment's id, or 0 on error
 */
gint64
crm_attachment_store_add_bytes (CrmStore    *store,
                                CrmSession  *session,
                                gint64       customer_id,
                                const char  *file_name,
                                GBytes      *data,
                                const char  *description,
                                GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (data != NULL, 0);

  if (!_crm_store_require_active (store, session, error) ||
      !(name = normalise_file_name (file_name, error)) ||
      !check_size (name, g_bytes_get_size (data), error))
    return 0;
  note = normalise_description (description);
  mime_type = guess_mime_type (name, data);
  if (g_str_has_prefix (mime_type, "image/"))
    thumbnail = make_thumbnail (data);

  if (!_crm_store_begin (store, error))
    return 0;
  if (!check_customer (store, session, customer_id, error) ||
      !(id = insert_attachment (store, session, customer_id, name, mime_type, data, note,
                                thumbnail, error)) ||
      !audit_owner (store, session, "create", id, customer_id, name, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  return id;
}

typedef enum
{
  IO_READ,
  IO_WRITE,
  IO_MAKE_FOLDER,
} IoAction;

/* A file outside the database failed: CRM_STORE_ERROR_IO naming it. */
static void
set_io_error (GError   **error,
              IoAction   action,
              GFile     *file,
              GError    *cause)
{
  g_autofree char *name = g_file_get_parse_name (file);

  switch (action)
    {
    case IO_READ:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Could not read “%s”: %s"), name, cause->message);
      break;
    case IO_WRITE:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Could not write “%s”: %s"), name, cause->message);
      break;
    case IO_MAKE_FOLDER:
    default:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), name, cause->message);
      break;
    }
}

/* Reads at most one byte more than the limit, so a file that grows after
 * its size was checked is still refused without being read whole. */
static GBytes *
read_file (GFile       *file,
           const char  *name,
           gint64       size_hint,
           GError     **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  gssize n;

  if (!(stream = g_file_read (file, NULL, &local_error)))
    {
      set_io_error (error, IO_READ, file, local_error);
      return NULL;
    }
  buffer = g_byte_array_sized_new (MIN (size_hint, CRM_ATTACHMENT_MAX_BYTES) + 1);
  do
    {
      g_byte_array_set_size (buffer, length + READ_CHUNK);
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + length, READ_CHUNK,
                               NULL, &local_error);
      if (n < 0)
        {
          set_io_error (error, IO_READ, file, local_error);
          return NULL;
        }
      length += n;
      if (length > CRM_ATTACHMENT_MAX_BYTES && !check_size (name, length, error))
        return NULL;
    }
  while (n > 0);
  g_byte_array_set_size (buffer, length);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * crm_attachment_store_add_file:
 * @description: (nullable): a note on the file
 *
 * Reads @file and keeps it with customer @customer_id under its display
 * name, as crm_attachment_store_add_bytes() does.  A file over the limit
 * is refused before it is read.
 *
 * Returns: the new attachment's id, or 0 on error
 */
gint64
crm_attachment_store_add_file (CrmStore    *store,
                               CrmSession  *session,
                               gint64       customer_id,
                               GFile       *file,
                               const char  *description,
                               GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) data = NULL;
  const char *name;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  /* Before reading up to 50 MiB for nothing. */
  if (!_crm_store_require_active (store, session, error))
    return 0;
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      set_io_error (error, IO_READ, file, local_error);
      return 0;
    }
  name = g_file_info_get_display_name (info);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("“%s” is not a file that can be attached."), name);
      return 0;
    }
  if (!check_size (name, g_file_info_get_size (info), error) ||
      !(data = read_file (file, name, g_file_info_get_size (info), error)))
    return 0;
  return crm_attachment_store_add_bytes (store, session, customer_id, name, data, description, error);
}

/* Reading ------------------------------------------------------------------ */

/**
 * crm_attachment_store_list:
 *
 * The files of customer @customer_id, newest first, without their bytes.
 *
 * Returns: (transfer full) (element-type CrmAttachment): the files, or
 *   NULL on error
 */
GPtrArray *
crm_attachment_store_list (CrmStore    *store,
                           CrmSession  *session,
                           gint64       customer_id,
                           GError     **error)
{
  static const char sql[] =
    "SELECT " ATTACHMENT_COLUMNS ATTACHMENT_FROM
    "WHERE a.customer_id = :customer AND " CRM_VISIBLE_CUSTOMER ("c") " "
    "ORDER BY a.created_at DESC, a.id DESC";
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!check_customer (store, session, customer_id, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (attachments, attachment_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&attachments);
}

/**
 * crm_attachment_store_get:
 *
 * One file's description, without its bytes.
 *
 * Returns: (transfer full): the file, or NULL on error
 */
CrmAttachment *
crm_attachment_store_get (CrmStore    *store,
                          CrmSession  *session,
                          gint64       id,
                          GError     **error)
{
  static const char sql[] =
    "SELECT " ATTACHMENT_COLUMNS ATTACHMENT_FROM
    "WHERE a.id = :id AND " CRM_VISIBLE_CUSTOMER ("c");
  g_autoptr(CrmAttachment) attachment = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!check_attachment (store, session, id, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    attachment = attachment_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This file no longer exists: someone may have deleted it."));
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  return g_steal_pointer (&attachment);
}

/* The bytes of a visible attachment, and its name for the file they are
 * written to. */
static GBytes *
load_data (CrmStore    *store,
           CrmSession  *session,
           gint64       id,
           char       **file_name,
           GError     **error)
{
  static const char sql[] =
    "SELECT a.file_name, d.data FROM attachments a JOIN customers c ON c.id = a.customer_id "
    "LEFT JOIN attachment_data d ON d.attachment_id = a.id "
    "WHERE a.id = :id AND " CRM_VISIBLE_CUSTOMER ("c");
  g_autoptr(GBytes) data = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_attachment (store, session, id, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      name = _crm_column_text (stmt, 0);
      data = column_bytes (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This file no longer exists: someone may have deleted it."));
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  else if (data == NULL)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                 _("The contents of “%s” are missing from the database."), name);
  if (data != NULL && file_name != NULL)
    *file_name = g_steal_pointer (&name);
  return g_steal_pointer (&data);
}

/**
 * crm_attachment_store_get_data:
 *
 * Returns: (transfer full): the bytes of the file, or NULL on error
 */
GBytes *
crm_attachment_store_get_data (CrmStore    *store,
                               CrmSession  *session,
                               gint64       id,
                               GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return load_data (store, session, id, NULL, error);
}

/* Changing ----------------------------------------------------------------- */

static gboolean
load_names (CrmStore    *store,
            gint64       id,
            gint64      *customer_id,
            char       **file_name,
            char       **description,
            GError     **error)
{
  static const char sql[] =
    "SELECT customer_id, file_name, description FROM attachments WHERE id = :id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *customer_id = sqlite3_column_int64 (stmt, 0);
      *file_name = _crm_column_text (stmt, 1);
      *description = _crm_column_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This file no longer exists: someone may have deleted it."));
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  return rc == SQLITE_ROW;
}

static gboolean
update_names (CrmStore    *store,
              CrmSession  *session,
              gint64       id,
              const char  *file_name,
              const char  *description,
              GError     **error)
{
  static const char sql[] =
    "UPDATE attachments SET file_name = :name, description = :description, updated_at = :now "
    "WHERE id = :id";
  g_autofree char *old_name = NULL;
  g_autofree char *old_description = NULL;
  g_autofree char *now = _crm_now_utc ();
  gint64 customer_id;
  sqlite3_stmt *stmt;

  if (!check_attachment (store, session, id, error) ||
      !load_names (store, id, &customer_id, &old_name, &old_description, error))
    return FALSE;
  if (g_strcmp0 (old_name, file_name) == 0 && g_strcmp0 (old_description, description) == 0)
    return TRUE;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":name", file_name);
  _crm_bind_text (stmt, ":description", description);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", id);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (g_strcmp0 (old_name, file_name) != 0 &&
      !_crm_store_audit (store, session, "update", "attachment", id, "file_name",
                         old_name, file_name, error))
    return FALSE;
  return g_strcmp0 (old_description, description) == 0 ||
         _crm_store_audit (store, session, "update", "attachment", id, "description",
                           old_description, description, error);
}

/**
 * crm_attachment_store_update:
 * @file_name: the new name
 * @description: (nullable): the new note; blank removes it
 *
 * Renames a file and changes its note, one audit row per field that
 * changed.
 */
gboolean
crm_attachment_store_update (CrmStore    *store,
                             CrmSession  *session,
                             gint64       id,
                             const char  *file_name,
                             const char  *description,
                             GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!_crm_store_require_active (store, session, error) ||
      !(name = normalise_file_name (file_name, error)))
    return FALSE;
  note = normalise_description (description);

  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!update_names (store, session, id, name, note, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_rows (CrmStore    *store,
             CrmSession  *session,
             gint64       id,
             GError     **error)
{
  static const char data_sql[] = "DELETE FROM attachment_data WHERE attachment_id = :id";
  static const char sql[] = "DELETE FROM attachments WHERE id = :id";
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  gint64 customer_id;
  sqlite3_stmt *stmt;

  if (!check_attachment (store, session, id, error) ||
      !load_names (store, id, &customer_id, &name, &description, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (store, data_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  if (!_crm_store_step_done (store, stmt, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  return _crm_store_step_done (store, stmt, error) &&
         audit_owner (store, session, "delete", id, customer_id, name, error);
}

/**
 * crm_attachment_store_delete:
 *
 * Removes a file and its bytes, audited.
 */
gboolean
crm_attachment_store_delete (CrmStore    *store,
                             CrmSession  *session,
                             gint64       id,
                             GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!_crm_store_require_may_delete (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!delete_rows (store, session, id, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Writing copies out ------------------------------------------------------- */

char *
crm_attachment_safe_file_name (const char *file_name)
{
  g_autofree char *valid = g_utf8_make_valid (file_name != NULL ? file_name : "", -1);
  g_autoptr(GString) safe = g_string_new (NULL);
  const char *start;
  const char *extension;
  gsize keep;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);
    }
  g_strchomp (safe->str);
  /* No hidden files, no "." or "..". */
  for (start = safe->str; *start == '.' || g_ascii_isspace (*start); start++)
    ;
  if (*start == '\0')
    return g_strdup ("attachment");
  if (strlen (start) <= MAX_SAFE_NAME_BYTES)
    return g_strdup (start);

  /* Too long for some file systems: cut the stem on a character boundary
   * and keep a short extension, which says which application opens it. */
  extension = strrchr (start, '.');
  if (extension == NULL || strlen (extension) > MAX_EXTENSION_BYTES)
    extension = "";
  keep = MAX_SAFE_NAME_BYTES - strlen (extension);
  while (keep > 0 && (start[keep] & 0xC0) == 0x80)
    keep--;
  return g_strdup_printf ("%.*s%s", (int) keep, start, extension);
}

static gboolean
write_bytes (GFile              *file,
             GBytes             *data,
             GFileCreateFlags    flags,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  if (!g_file_replace_contents (file, bytes, size, NULL, FALSE, flags, NULL, NULL, &local_error))
    {
      set_io_error (error, IO_WRITE, file, local_error);
      return FALSE;
    }
  return TRUE;
}

/* A folder only the user can enter, made if needed. */
static gboolean
make_private_dir (GFile   *dir,
                  GError **error)
{
  g_autofree char *path = g_file_get_path (dir);
  g_autoptr(GError) local_error = NULL;
  int saved_errno;

  if (path == NULL)
    {
      if (g_file_make_directory_with_parents (dir, NULL, &local_error) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return TRUE;
      set_io_error (error, IO_MAKE_FOLDER, dir, local_error);
      return FALSE;
    }
  if (g_mkdir_with_parents (path, 0700) == 0 && g_chmod (path, 0700) == 0)
    return TRUE;
  saved_errno = errno;
  local_error = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                     g_strerror (saved_errno));
  set_io_error (error, IO_MAKE_FOLDER, dir, local_error);
  return FALSE;
}

/**
 * crm_attachment_store_export:
 * @dir: (nullable): where to make the copy; NULL for the user's cache
 *   folder (sokhach/open)
 * @out_file: (out) (optional) (transfer full): the copy written
 *
 * Writes a private copy of a file (folder 0700, file 0600) as
 * @dir/<id>/<safe name>, for opening with the default application.  The
 * name is crm_attachment_safe_file_name(), so it never leaves that folder.
 */
gboolean
crm_attachment_store_export (CrmStore    *store,
                             CrmSession  *session,
                             gint64       id,
                             GFile       *dir,
                             GFile      **out_file,
                             GError     **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GFile) base = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *safe_name = NULL;
  g_autofree char *id_text = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (dir == NULL || G_IS_FILE (dir), FALSE);

  if (!(data = load_data (store, session, id, &name, error)))
    return FALSE;
  if (dir != NULL)
    base = g_object_ref (dir);
  else
    base = g_file_new_build_filename (g_get_user_cache_dir (), "sokhach", "open", NULL);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  folder = g_file_get_child (base, id_text);
  safe_name = crm_attachment_safe_file_name (name);
  file = g_file_get_child (folder, safe_name);
  /* Replacing the destination, not writing through it: a link left there
   * is not followed. */
  if (!make_private_dir (folder, error) ||
      !write_bytes (file, data, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, error))
    return FALSE;
  if (out_file != NULL)
    *out_file = g_steal_pointer (&file);
  return TRUE;
}

/**
 * crm_attachment_store_save_as:
 * @dest: the file the user picked (overwritten, atomically)
 *
 * "Save a copy…": writes the bytes of a file to @dest.
 */
gboolean
crm_attachment_store_save_as (CrmStore    *store,
                              CrmSession  *session,
                              gint64       id,
                              GFile       *dest,
                              GError     **error)
{
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  if (!(data = load_data (store, session, id, NULL, error)))
    return FALSE;
  return write_bytes (dest, data, G_FILE_CREATE_NONE, error);
}
