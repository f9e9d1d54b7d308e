/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-vcard"

#include "config.h"

#include "crm-vcard.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-error.h"

/* A vCard reader for contact import: enough of RFC 2426 / RFC 6350 and
 * the vCard 2.1 that phones still export to get names, company, one
 * phone, one e-mail, the birthday and the note of every card. */

/* A property as read from one logical (unfolded) line. */
typedef struct
{
  char     *name;            /* upper case, group prefix removed */
  char     *charset;         /* NULL = UTF-8 */
  gboolean  quoted_printable;
  gboolean  base64;
  gboolean  cell;            /* TYPE includes CELL */
  char     *value;           /* raw, still escaped */
} Property;

/* The card being read. */
typedef struct
{
  CrmVcardContact *contact;
  char            *cell_phone;
  char            *other_phone;
  char            *structured_name;  /* full name composed from N */
  guint            begin_line;
} Card;

void
crm_vcard_contact_free (CrmVcardContact *contact)
{
  if (contact == NULL)
    return;

  g_free (contact->full_name);
  g_free (contact->given_name);
  g_free (contact->family_name);
  g_free (contact->organisation);
  g_free (contact->job_title);
  g_free (contact->phone);
  g_free (contact->email);
  g_free (contact->birthday);
  g_free (contact->note);
  g_free (contact);
}

static void
property_clear (Property *prop)
{
  g_clear_pointer (&prop->name, g_free);
  g_clear_pointer (&prop->charset, g_free);
  g_clear_pointer (&prop->value, g_free);
}

static void
card_clear (Card *card)
{
  g_clear_pointer (&card->contact, crm_vcard_contact_free);
  g_clear_pointer (&card->cell_phone, g_free);
  g_clear_pointer (&card->other_phone, g_free);
  g_clear_pointer (&card->structured_name, g_free);
}

/* The physical lines of @data: CRLF, LF or CR ends, without the ends. */
typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;   /* 1-based number of the line last returned */
} LineReader;

static gboolean
line_reader_peek (LineReader  *reader,
                  const char **start,
                  gsize       *length,
                  gsize       *next)
{
  gsize i = reader->pos;

  if (i >= reader->len)
    return FALSE;

  *start = reader->data + i;
  while (i < reader->len && reader->data[i] != '\r' && reader->data[i] != '\n')
    i++;
  *length = reader->data + i - *start;
  if (i < reader->len && reader->data[i] == '\r')
    {
      i++;
      if (i < reader->len && reader->data[i] == '\n')
        i++;
    }
  else if (i < reader->len)
    i++;
  *next = i;
  return TRUE;
}

static gboolean
line_reader_next (LineReader  *reader,
                  const char **start,
                  gsize       *length)
{
  gsize next;

  if (!line_reader_peek (reader, start, length, &next))
    return FALSE;
  reader->pos = next;
  reader->line++;
  return TRUE;
}

/* TRUE when the next physical line continues the current one (RFC 2425
 * folding: it starts with a space or a tab). */
static gboolean
line_reader_continues (LineReader *reader)
{
  return reader->pos < reader->len
         && (reader->data[reader->pos] == ' ' || reader->data[reader->pos] == '\t');
}

/* TRUE when the property on @line is quoted-printable and its value
 * ends in a soft line break ("=" at the end of the line). */
static gboolean
has_soft_line_break (const GString *line)
{
  const char *colon = memchr (line->str, ':', line->len);
  static const char marker[] = "QUOTED-PRINTABLE";

  if (colon == NULL || line->len == 0 || line->str[line->len - 1] != '=')
    return FALSE;

  for (const char *p = line->str; p + strlen (marker) <= colon; p++)
    if (g_ascii_strncasecmp (p, marker, strlen (marker)) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
ascii_has_token (const char *list,
                 const char *token)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (g_ascii_strcasecmp (parts[i], token) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Splits "group.NAME;P=V;BARE:value" into @prop. Returns FALSE when the
 * line has no colon. Parameter values may be quoted (vCard 4.0). */
static gboolean
parse_property (const char *line,
                Property   *prop)
{
  const char *p = line;
  const char *colon = NULL;
  const char *name_end;
  gboolean in_quotes = FALSE;
  g_autofree char *name = NULL;
  char *dot;

  for (; *p != '\0'; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (*p == ':' && !in_quotes)
        {
          colon = p;
          break;
        }
    }
  if (colon == NULL)
    return FALSE;

  name_end = line;
  while (name_end < colon && *name_end != ';')
    name_end++;
  name = g_ascii_strup (line, name_end - line);
  dot = strrchr (name, '.');
  prop->name = g_strdup (dot != NULL ? dot + 1 : name);
  g_strstrip (prop->name);
  prop->value = g_strdup (colon + 1);

  /* Parameters between the name and the colon. */
  p = name_end;
  while (p < colon)
    {
      const char *start = ++p;
      g_autofree char *param = NULL;
      g_autofree char *unquoted = NULL;
      char *eq;
      const char *key;
      const char *val;
      gsize vlen;

      in_quotes = FALSE;
      while (p < colon && (*p != ';' || in_quotes))
        {
          if (*p == '"')
            in_quotes = !in_quotes;
          p++;
        }
      param = g_strndup (start, p - start);
      eq = strchr (param, '=');
      if (eq != NULL)
        {
          *eq = '\0';
          key = g_strstrip (param);
          val = g_strstrip (eq + 1);
        }
      else
        {
          key = "TYPE";
          val = g_strstrip (param);
        }

      /* Unquote "a,b". */
      vlen = strlen (val);
      if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"')
        unquoted = g_strndup (val + 1, vlen - 2);
      else
        unquoted = g_strdup (val);

      if (g_ascii_strcasecmp (key, "ENCODING") == 0)
        {
          if (g_ascii_strcasecmp (unquoted, "QUOTED-PRINTABLE") == 0)
            prop->quoted_printable = TRUE;
          else if (g_ascii_strcasecmp (unquoted, "B") == 0
                   || g_ascii_strcasecmp (unquoted, "BASE64") == 0)
            prop->base64 = TRUE;
        }
      else if (g_ascii_strcasecmp (key, "CHARSET") == 0)
        {
          g_free (prop->charset);
          prop->charset = g_strdup (unquoted);
        }
      else if (g_ascii_strcasecmp (key, "TYPE") == 0)
        {
          if (ascii_has_token (unquoted, "CELL"))
            prop->cell = TRUE;
          else if (g_ascii_strcasecmp (unquoted, "QUOTED-PRINTABLE") == 0)
            prop->quoted_printable = TRUE;  /* 2.1 bare "QUOTED-PRINTABLE" */
        }
    }

  return TRUE;
}

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* Quoted-printable to bytes; soft line breaks were joined already, a
 * stray "=" or bad escape is kept as it is. */
static GString *
decode_quoted_printable (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '=' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          g_string_append_c (out, (char) (hex_value (p[1]) * 16 + hex_value (p[2])));
          p += 2;
        }
      else if (*p == '=' && p[1] == '\0')
        break;
      else
        g_string_append_c (out, *p);
    }

  return out;
}

/* The property's value as valid UTF-8, decoded but still escaped. */
static char *
decode_value (const Property *prop)
{
  g_autoptr(GString) bytes = NULL;

  if (prop->quoted_printable)
    bytes = decode_quoted_printable (prop->value);
  else
    bytes = g_string_new (prop->value);

  if (prop->charset != NULL
      && g_ascii_strcasecmp (prop->charset, "UTF-8") != 0
      && g_ascii_strcasecmp (prop->charset, "UTF8") != 0)
    {
      g_autofree char *converted = g_convert (bytes->str, bytes->len, "UTF-8",
                                              prop->charset, NULL, NULL, NULL);

      if (converted != NULL && g_utf8_validate (converted, -1, NULL))
        return g_steal_pointer (&converted);
    }

  return g_utf8_make_valid (bytes->str, bytes->len);
}

/* Removes the escapes of a text value: \\ \; \, \n \N. */
static char *
unescape (const char *text,
          gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 1 < len)
        {
          char c = text[++i];

          if (c == 'n' || c == 'N')
            g_string_append_c (out, '\n');
          else
            g_string_append_c (out, c);
        }
      else
        g_string_append_c (out, text[i]);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* The unescaped, trimmed components of a structured value split on
 * unescaped ';'. */
static GPtrArray *
split_components (const char *text)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  const char *p = text;

  for (;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == ';' || *p == '\0')
        {
          g_ptr_array_add (parts, unescape (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }

  return parts;
}

static char *
nonempty_or_free (char *text)
{
  if (text != NULL && *text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

static void
set_once (char **field,
          char  *value)
{
  value = nonempty_or_free (value);
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

/* yyyy-MM-dd from "1990-05-17", "19900517" or "1990-05-17T…"; NULL for
 * dates without a year ("--0517") and anything invalid. */
static char *
parse_birthday (const char *text)
{
  guint digits[8];
  guint n = 0;
  guint year, month, day;

  for (const char *p = text; *p != '\0' && *p != 'T' && *p != 't' && n < 8; p++)
    {
      if (g_ascii_isdigit (*p))
        digits[n++] = *p - '0';
      else if (*p != '-')
        return NULL;
    }
  if (n != 8 || g_str_has_prefix (text, "--"))
    return NULL;

  year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  month = digits[4] * 10 + digits[5];
  day = digits[6] * 10 + digits[7];
  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

static void
card_apply (Card           *card,
            const Property *prop)
{
  CrmVcardContact *contact = card->contact;
  g_autofree char *value = NULL;

  if (prop->base64)
    return;

  value = decode_value (prop);

  if (strcmp (prop->name, "FN") == 0)
    set_once (&contact->full_name, unescape (value, strlen (value)));
  else if (strcmp (prop->name, "N") == 0 && card->structured_name == NULL)
    {
      g_autoptr(GPtrArray) parts = split_components (value);
      g_autoptr(GString) full = g_string_new (NULL);
      const char *family = parts->len > 0 ? g_ptr_array_index (parts, 0) : "";
      const char *given = parts->len > 1 ? g_ptr_array_index (parts, 1) : "";
      const char *middle = parts->len > 2 ? g_ptr_array_index (parts, 2) : "";

      set_once (&contact->family_name, g_strdup (family));
      set_once (&contact->given_name, g_strdup (given));

      /* Vietnamese order: family, middle, given. */
      for (const char * const *part = (const char * const[]) { family, middle, given, NULL };
           *part != NULL; part++)
        if (**part != '\0')
          {
            if (full->len > 0)
              g_string_append_c (full, ' ');
            g_string_append (full, *part);
          }
      card->structured_name = nonempty_or_free (g_string_free (g_steal_pointer (&full), FALSE));
    }
  else if (strcmp (prop->name, "ORG") == 0)
    {
      g_autoptr(GPtrArray) parts = split_components (value);

      set_once (&contact->organisation, g_strdup (g_ptr_array_index (parts, 0)));
    }
  else if (strcmp (prop->name, "TITLE") == 0)
    set_once (&contact->job_title, unescape (value, strlen (value)));
  else if (strcmp (prop->name, "TEL") == 0)
    {
      char *phone = unescape (value, strlen (value));

      if (g_ascii_strncasecmp (phone, "tel:", 4) == 0)
        memmove (phone, phone + 4, strlen (phone + 4) + 1);
      set_once (prop->cell ? &card->cell_phone : &card->other_phone, phone);
    }
  else if (strcmp (prop->name, "EMAIL") == 0)
    set_once (&contact->email, unescape (value, strlen (value)));
  else if (strcmp (prop->name, "BDAY") == 0)
    {
      g_autofree char *text = unescape (value, strlen (value));

      set_once (&contact->birthday, parse_birthday (text));
    }
  else if (strcmp (prop->name, "NOTE") == 0)
    set_once (&contact->note, unescape (value, strlen (value)));
}

static CrmVcardContact *
card_finish (Card *card)
{
  CrmVcardContact *contact = g_steal_pointer (&card->contact);

  if (contact->full_name == NULL)
    contact->full_name = g_steal_pointer (&card->structured_name);
  if (card->cell_phone != NULL)
    contact->phone = g_steal_pointer (&card->cell_phone);
  else
    contact->phone = g_steal_pointer (&card->other_phone);
  card_clear (card);

  return contact;
}

static gboolean
set_line_error (GError     **error,
                guint        line,
                const char  *message)
{
  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
               _("Line %u: %s"), line, message);
  return FALSE;
}

GPtrArray *
crm_vcard_parse (GBytes  *data,
                 GError **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  LineReader reader = { 0, };
  Card card = { 0, };
  gboolean in_card = FALSE;
  const char *start;
  gsize length;
  gsize size = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader.data = g_bytes_get_data (data, &size);
  reader.len = size;
  if (reader.data == NULL)
    reader.data = "";
  if (reader.len >= 3 && memcmp (reader.data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;

  contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_contact_free);

  while (line_reader_next (&reader, &start, &length))
    {
      g_autoptr(GString) logical = g_string_new_len (start, length);
      guint line = reader.line;
      Property prop = { 0, };

      /* Join quoted-printable soft line breaks, and unfold. */
      for (;;)
        {
          if (has_soft_line_break (logical)
              && line_reader_next (&reader, &start, &length))
            {
              g_string_truncate (logical, logical->len - 1);
              g_string_append_len (logical, start, length);
            }
          else if (line_reader_continues (&reader))
            {
              line_reader_next (&reader, &start, &length);
              g_string_append_len (logical, start + 1, length - 1);
            }
          else
            break;
        }

      if (memchr (logical->str, '\0', logical->len) != NULL)
        {
          card_clear (&card);
          set_line_error (error, line, _("binary data in a vCard"));
          return NULL;
        }

      if (logical->len == 0 || strspn (logical->str, " \t") == logical->len)
        continue;

      if (!parse_property (logical->str, &prop))
        {
          card_clear (&card);
          set_line_error (error, line, _("a vCard line without a colon"));
          return NULL;
        }

      if (strcmp (prop.name, "BEGIN") == 0 && g_ascii_strcasecmp (g_strstrip (prop.value), "VCARD") == 0)
        {
          property_clear (&prop);
          if (in_card)
            {
              card_clear (&card);
              set_line_error (error, line, _("a vCard begins inside another one"));
              return NULL;
            }
          in_card = TRUE;
          card.contact = g_new0 (CrmVcardContact, 1);
          card.begin_line = line;
        }
      else if (strcmp (prop.name, "END") == 0 && g_ascii_strcasecmp (g_strstrip (prop.value), "VCARD") == 0)
        {
          property_clear (&prop);
          if (!in_card)
            {
              set_line_error (error, line, _("END:VCARD without BEGIN:VCARD"));
              return NULL;
            }
          in_card = FALSE;
          g_ptr_array_add (contacts, card_finish (&card));
        }
      else if (!in_card)
        {
          property_clear (&prop);
          set_line_error (error, line, _("text outside a vCard"));
          return NULL;
        }
      else
        {
          card_apply (&card, &prop);
          property_clear (&prop);
        }
    }

  if (in_card)
    {
      guint line = card.begin_line;

      card_clear (&card);
      set_line_error (error, line, _("a vCard is never closed by END:VCARD"));
      return NULL;
    }

  return g_steal_pointer (&contacts);
}
