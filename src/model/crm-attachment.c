/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-attachment"

#include "config.h"

#include "crm-attachment.h"

struct _CrmAttachment
{
  GObject  parent_instance;

  gint64   id;
  gint64   customer_id;
  char    *file_name;
  char    *mime_type;
  gint64   byte_size;
  char    *description;
  char    *created_at;
  char    *created_by_name;
  GBytes  *thumbnail;
};

G_DEFINE_FINAL_TYPE (CrmAttachment, crm_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_FILE_NAME,
  PROP_MIME_TYPE,
  PROP_BYTE_SIZE,
  PROP_DESCRIPTION,
  PROP_CREATED_AT,
  PROP_CREATED_BY_NAME,
  PROP_THUMBNAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_attachment_finalize (GObject *object)
{
  CrmAttachment *self = CRM_ATTACHMENT (object);

  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->created_at, g_free);
  g_clear_pointer (&self->created_by_name, g_free);
  g_clear_pointer (&self->thumbnail, g_bytes_unref);

  G_OBJECT_CLASS (crm_attachment_parent_class)->finalize (object);
}

static void
crm_attachment_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmAttachment *self = CRM_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;
    case PROP_BYTE_SIZE:
      g_value_set_int64 (value, self->byte_size);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_CREATED_BY_NAME:
      g_value_set_string (value, self->created_by_name);
      break;
    case PROP_THUMBNAIL:
      g_value_set_boxed (value, self->thumbnail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_attachment_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmAttachment *self = CRM_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_CUSTOMER_ID:
      self->customer_id = g_value_get_int64 (value);
      break;
    case PROP_FILE_NAME:
      crm_attachment_set_file_name (self, g_value_get_string (value));
      break;
    case PROP_MIME_TYPE:
      self->mime_type = g_value_dup_string (value);
      break;
    case PROP_BYTE_SIZE:
      self->byte_size = g_value_get_int64 (value);
      break;
    case PROP_DESCRIPTION:
      crm_attachment_set_description (self, g_value_get_string (value));
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    case PROP_CREATED_BY_NAME:
      self->created_by_name = g_value_dup_string (value);
      break;
    case PROP_THUMBNAIL:
      self->thumbnail = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_attachment_class_init (CrmAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags mutable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_attachment_finalize;
  object_class->get_property = crm_attachment_get_property;
  object_class->set_property = crm_attachment_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL, mutable);
  properties[PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL, NULL, construct);
  properties[PROP_BYTE_SIZE] =
    g_param_spec_int64 ("byte-size", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, mutable);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL, construct);
  properties[PROP_CREATED_BY_NAME] =
    g_param_spec_string ("created-by-name", NULL, NULL, NULL, construct);
  properties[PROP_THUMBNAIL] =
    g_param_spec_boxed ("thumbnail", NULL, NULL, G_TYPE_BYTES, construct);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_attachment_init (CrmAttachment *self)
{
}

const char *
crm_attachment_get_file_name (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);
  return self->file_name;
}

void
crm_attachment_set_file_name (CrmAttachment *self,
                              const char    *file_name)
{
  g_return_if_fail (CRM_IS_ATTACHMENT (self));

  if (g_strcmp0 (self->file_name, file_name) == 0)
    return;
  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_NAME]);
}

const char *
crm_attachment_get_description (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);
  return self->description;
}

void
crm_attachment_set_description (CrmAttachment *self,
                                const char    *description)
{
  g_return_if_fail (CRM_IS_ATTACHMENT (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
crm_attachment_get_id (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), 0);
  return self->id;
}

gint64
crm_attachment_get_customer_id (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), 0);
  return self->customer_id;
}

const char *
crm_attachment_get_mime_type (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);
  return self->mime_type;
}

gint64
crm_attachment_get_byte_size (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), 0);
  return self->byte_size;
}

const char *
crm_attachment_get_created_at (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);
  return self->created_at;
}

const char *
crm_attachment_get_created_by_name (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);
  return self->created_by_name;
}

GBytes *
crm_attachment_get_thumbnail (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);
  return self->thumbnail;
}

gboolean
crm_attachment_is_image (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), FALSE);
  return self->mime_type != NULL && g_str_has_prefix (self->mime_type, "image/");
}

/* Integer arithmetic only: a double and printf would bring the locale's
 * decimal point back, and rounding at 1023.95 KB must give "1 MB". */
char *
crm_attachment_format_size (guint64 byte_size)
{
  static const char *const units[] = { "KB", "MB", "GB", "TB" };
  guint64 unit = 1024;
  guint64 tenths;
  guint i = 0;

  if (byte_size < 1024)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " B", byte_size);

  while (i + 1 < G_N_ELEMENTS (units) && byte_size / unit >= 1024)
    {
      unit *= 1024;
      i++;
    }
  tenths = byte_size / unit * 10 + ((byte_size % unit) * 10 + unit / 2) / unit;
  if (tenths >= 10240 && i + 1 < G_N_ELEMENTS (units))
    {
      unit *= 1024;
      i++;
      tenths = byte_size / unit * 10 + ((byte_size % unit) * 10 + unit / 2) / unit;
    }
  if (tenths % 10 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", tenths / 10, units[i]);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ",%u %s", tenths / 10, (guint) (tenths % 10), units[i]);
}
