/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-csv"

#include "config.h"

#include "crm-csv.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-error.h"

/* An RFC 4180 reader over a buffer decoded once to UTF-8: one pass,
 * unquoted fields and quoted fields without doubled quotes are copied
 * straight out of the buffer, so a record costs one allocation per
 * field and nothing per character. */

struct _CrmCsvReader
{
  GBytes         *bytes;      /* owns the text when it is the input itself */
  char           *decoded;    /* owns the text when it had to be converted */
  const char     *text;
  gsize           len;
  gsize           pos;
  guint           line;       /* 1-based line at pos */
  guint           record_line;
  CrmCsvEncoding  encoding;
  char            delimiter;
  GString        *scratch;    /* quoted fields with doubled quotes */
};

/* TRUE when @text holds a combining diacritic (U+0300..U+036F, bytes CC
 * 80 .. CD AF), i.e. when NFC normalisation may change it. */
static gboolean
has_combining_marks (const char *text,
                     gsize       len)
{
  const guchar *p = (const guchar *) text;

  for (gsize i = 0; i + 1 < len; i++)
    if ((p[i] == 0xCC && p[i + 1] >= 0x80 && p[i + 1] <= 0xBF)
        || (p[i] == 0xCD && p[i + 1] >= 0x80 && p[i + 1] <= 0xAF))
      return TRUE;

  return FALSE;
}

static char *
convert_from_windows_1258 (const char  *data,
                           gsize        len,
                           gsize       *out_len,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  text = g_convert (data, len, "UTF-8", "WINDOWS-1258", NULL, out_len, &local_error);
  if (text == NULL && g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    {
      g_clear_error (&local_error);
      text = g_convert (data, len, "UTF-8", "CP1258", NULL, out_len, &local_error);
    }
  if (text == NULL)
    {
      if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                     _("This system cannot read Windows-1258 text: %s"),
                     local_error->message);
      else
        g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                             _("The file is neither UTF-8 nor Windows-1258 text"));
      return NULL;
    }

  return text;
}

/* Decodes @data into self->text, choosing the encoding for AUTO. */
static gboolean
decode (CrmCsvReader    *self,
        GBytes          *data,
        CrmCsvEncoding   encoding,
        GError         **error)
{
  gsize len = 0;
  const char *raw = g_bytes_get_data (data, &len);
  gsize offset = 0;
  gboolean valid = FALSE;

  if (raw == NULL)
    raw = "";

  /* Excel's "Unicode Text" is UTF-16 with a BOM. */
  if (len >= 2 && (memcmp (raw, "\xFF\xFE", 2) == 0 || memcmp (raw, "\xFE\xFF", 2) == 0)
      && memchr (raw, '\0', len) != NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("The file is UTF-16 text; save it as “CSV UTF-8” and import it again"));
      return FALSE;
    }

  if (memchr (raw, '\0', len) != NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("The file holds binary data, not CSV text"));
      return FALSE;
    }

  if (encoding != CRM_CSV_ENCODING_WINDOWS_1258
      && len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    {
      offset = 3;
      encoding = CRM_CSV_ENCODING_UTF8;
    }

  if (encoding == CRM_CSV_ENCODING_AUTO)
    {
      valid = g_utf8_validate (raw + offset, len - offset, NULL);
      encoding = valid ? CRM_CSV_ENCODING_UTF8 : CRM_CSV_ENCODING_WINDOWS_1258;
    }

  self->encoding = encoding;

  if (encoding == CRM_CSV_ENCODING_UTF8)
    {
      if (!valid && !g_utf8_validate (raw + offset, len - offset, NULL))
        {
          g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                               _("The file is not valid UTF-8 text"));
          return FALSE;
        }
      self->bytes = g_bytes_ref (data);
      self->text = raw + offset;
      self->len = len - offset;
    }
  else
    {
      gsize out_len = 0;

      self->decoded = convert_from_windows_1258 (raw, len, &out_len, error);
      if (self->decoded == NULL)
        return FALSE;
      self->text = self->decoded;
      self->len = out_len;
    }

  /* Windows-1258 writes tone marks as combining characters, and text
   * pasted from macOS may be decomposed too: store NFC only. */
  if (has_combining_marks (self->text, self->len))
    {
      char *nfc = g_utf8_normalize (self->text, self->len, G_NORMALIZE_NFC);

      g_assert (nfc != NULL);
      g_clear_pointer (&self->decoded, g_free);
      g_clear_pointer (&self->bytes, g_bytes_unref);
      self->decoded = nfc;
      self->text = nfc;
      self->len = strlen (nfc);
    }

  return TRUE;
}

/* Counts the candidate delimiters of the first non-blank record, outside
 * quotes, and picks the most frequent (',' when there is none). */
static char
guess_delimiter (const char *text,
                 gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean in_quotes = FALSE;
  gsize i = 0;
  char best = ',';
  guint best_count = 0;

  while (i < len && (text[i] == '\r' || text[i] == '\n'))
    i++;

  for (; i < len; i++)
    {
      char c = text[i];

      if (c == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (c == '\r' || c == '\n')
        break;
      else
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[k]++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > best_count)
      {
        best = candidates[k];
        best_count = counts[k];
      }

  return best;
}

CrmCsvReader *
crm_csv_reader_new (GBytes          *data,
                    CrmCsvEncoding   encoding,
                    char             delimiter,
                    GError         **error)
{
  g_autoptr(CrmCsvReader) self = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (encoding <= CRM_CSV_ENCODING_WINDOWS_1258, NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (CrmCsvReader, 1);
  self->line = 1;
  self->record_line = 1;
  self->scratch = g_string_new (NULL);

  if (!decode (self, data, encoding, error))
    return NULL;

  self->delimiter = delimiter != 0 ? delimiter : guess_delimiter (self->text, self->len);

  return g_steal_pointer (&self);
}

CrmCsvReader *
crm_csv_reader_new_for_file (GFile           *file,
                             CrmCsvEncoding   encoding,
                             char             delimiter,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  return crm_csv_reader_new (bytes, encoding, delimiter, error);
}

CrmCsvEncoding
crm_csv_reader_get_encoding (CrmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, CRM_CSV_ENCODING_UTF8);

  return self->encoding;
}

char
crm_csv_reader_get_delimiter (CrmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->delimiter;
}

guint
crm_csv_reader_get_line (CrmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

double
crm_csv_reader_get_fraction (CrmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->len == 0)
    return 1.0;

  return (double) self->pos / (double) self->len;
}

/* Reads the quoted field starting at self->pos (on its opening quote),
 * counting the line ends inside it. Returns NULL with @error set when
 * the closing quote is missing or followed by something else than a
 * delimiter or a line end. */
static char *
read_quoted_field (CrmCsvReader  *self,
                   GError       **error)
{
  const char *text = self->text;
  gsize len = self->len;
  guint start_line = self->line;
  gsize i = self->pos + 1;
  gsize run = i;
  gboolean doubled = FALSE;
  char *field;

  g_string_truncate (self->scratch, 0);

  for (;;)
    {
      char c;

      if (i >= len)
        {
          self->pos = len;
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("Line %u: a quoted field is never closed"), start_line);
          return NULL;
        }

      c = text[i];
      if (c == '"')
        {
          if (i + 1 < len && text[i + 1] == '"')
            {
              /* Keep one quote of the pair. */
              g_string_append_len (self->scratch, text + run, i + 1 - run);
              doubled = TRUE;
              i += 2;
              run = i;
              continue;
            }
          break;
        }
      else if (c == '\n')
        self->line++;
      else if (c == '\r' && !(i + 1 < len && text[i + 1] == '\n'))
        self->line++;
      i++;
    }

  if (doubled)
    {
      g_string_append_len (self->scratch, text + run, i - run);
      field = g_strndup (self->scratch->str, self->scratch->len);
    }
  else
    field = g_strndup (text + run, i - run);

  i++;  /* the closing quote */
  if (i < len && text[i] != self->delimiter && text[i] != '\r' && text[i] != '\n')
    {
      g_free (field);
      self->pos = len;
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Line %u: unexpected text after the closing quote of a field"),
                   self->line);
      return NULL;
    }

  self->pos = i;
  return field;
}

gboolean
crm_csv_reader_next (CrmCsvReader  *self,
                     GPtrArray     *fields,
                     GError       **error)
{
  const char *text;
  gsize len;
  gsize i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_set_size (fields, 0);

  text = self->text;
  len = self->len;
  i = self->pos;

  /* Blank lines are no records. */
  while (i < len && (text[i] == '\r' || text[i] == '\n'))
    {
      if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
        i++;
      i++;
      self->line++;
    }
  self->pos = i;

  if (i >= len)
    return FALSE;

  self->record_line = self->line;

  for (;;)
    {
      char *field;

      if (i < len && text[i] == '"')
        {
          self->pos = i;
          field = read_quoted_field (self, error);
          if (field == NULL)
            {
              g_ptr_array_set_size (fields, 0);
              return FALSE;
            }
          i = self->pos;
        }
      else
        {
          gsize start = i;
          char delimiter = self->delimiter;

          while (i < len && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
            i++;
          field = g_strndup (text + start, i - start);
        }

      g_ptr_array_add (fields, field);

      if (i >= len)
        break;
      if (text[i] == self->delimiter)
        {
          i++;
          continue;
        }

      /* A line end closes the record. */
      if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
        i++;
      i++;
      self->line++;
      break;
    }

  self->pos = i;
  return TRUE;
}

void
crm_csv_reader_free (CrmCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->decoded, g_free);
  g_string_free (self->scratch, TRUE);
  g_free (self);
}

void
crm_csv_append_record (GString            *out,
                       const char * const *fields,
                       guint               n_fields,
                       char                delimiter)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);
  g_return_if_fail (delimiter != 0 && delimiter != '"' && delimiter != '\r' && delimiter != '\n');

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";
      gboolean quote = FALSE;

      if (i > 0)
        g_string_append_c (out, delimiter);

      for (const char *p = field; *p != '\0'; p++)
        if (*p == delimiter || *p == '"' || *p == '\r' || *p == '\n')
          {
            quote = TRUE;
            break;
          }

      /* A lone empty field would read back as a blank line, and a
       * leading BOM at the start of a file would be taken for a mark. */
      if ((n_fields == 1 && *field == '\0') || g_str_has_prefix (field, "\xEF\xBB\xBF"))
        quote = TRUE;

      if (!quote)
        {
          g_string_append (out, field);
          continue;
        }

      g_string_append_c (out, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}
