/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote-snapshot"

#include "config.h"

#include "crm-quote-snapshot.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"

#define SNAPSHOT_FORMAT 1
#define MAX_DEPTH       16

/* Writing -------------------------------------------------------------------- */

static void
append_string (GString    *json,
               const char *text)
{
  if (text == NULL)
    {
      g_string_append (json, "null");
      return;
    }
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static void
append_string_member (GString    *json,
                      const char *key,
                      const char *value)
{
  g_string_append_printf (json, ",\"%s\":", key);
  append_string (json, value);
}

static void
append_int_member (GString    *json,
                   const char *key,
                   gint64      value)
{
  g_string_append_printf (json, ",\"%s\":%" G_GINT64_FORMAT, key, value);
}

static void
append_line (GString            *json,
             const CrmQuoteLine *line,
             guint               position)
{
  g_string_append_printf (json, "{\"id\":%" G_GINT64_FORMAT, line->id);
  append_int_member (json, "position", position);
  append_int_member (json, "product_id", line->product_id);
  append_string_member (json, "description", line->description);
  append_string_member (json, "unit", line->unit ? line->unit : "");
  append_int_member (json, "quantity_milli", line->quantity_milli);
  append_int_member (json, "unit_price", line->unit_price);
  append_int_member (json, "discount_bp", line->discount_bp);
  append_int_member (json, "vat_rate_bp", line->vat_rate_bp);
  append_string_member (json, "price_source", line->price_source);
  append_string_member (json, "override_reason", line->override_reason);
  g_string_append_c (json, '}');
}

static void
append_totals (GString              *json,
               const CrmQuoteTotals *totals)
{
  append_int_member (json, "subtotal", totals->subtotal);
  append_int_member (json, "discount_total", totals->discount_total);
  append_int_member (json, "net_total", totals->net_total);
  g_string_append (json, ",\"vat\":[");
  for (guint i = 0; totals->vat != NULL && i < totals->vat->len; i++)
    {
      const CrmQuoteVat *vat = &g_array_index (totals->vat, CrmQuoteVat, i);

      g_string_append_printf (json, "%s{\"rate_bp\":%d,\"base\":%" G_GINT64_FORMAT
                              ",\"amount\":%" G_GINT64_FORMAT "}",
                              i > 0 ? "," : "", vat->rate_bp, vat->base, vat->amount);
    }
  g_string_append_c (json, ']');
  append_int_member (json, "vat_total", totals->vat_total);
  append_int_member (json, "grand_total", totals->grand_total);
}

/**
 * crm_quote_snapshot_write:
 * @totals: the totals of @quote, from crm_quote_compute_totals()
 *
 * Returns: (transfer full): the snapshot text described in the header
 */
char *
crm_quote_snapshot_write (const CrmQuote       *quote,
                          const CrmQuoteTotals *totals)
{
  GString *json = g_string_new (NULL);

  g_return_val_if_fail (quote != NULL, NULL);
  g_return_val_if_fail (totals != NULL, NULL);

  g_string_append_printf (json, "{\"format\":%d", SNAPSHOT_FORMAT);
  append_string_member (json, "code", quote->code);
  append_int_member (json, "revision", quote->revision);
  g_string_append_printf (json, ",\"customer\":{\"id\":%" G_GINT64_FORMAT, quote->customer_id);
  append_string_member (json, "code", quote->customer_code);
  append_string_member (json, "name", quote->customer_name);
  g_string_append_c (json, '}');
  if (quote->contact_id > 0)
    {
      g_string_append_printf (json, ",\"contact\":{\"id\":%" G_GINT64_FORMAT, quote->contact_id);
      append_string_member (json, "name", quote->contact_name);
      g_string_append_c (json, '}');
    }
  else
    g_string_append (json, ",\"contact\":null");
  append_int_member (json, "opportunity_id", quote->opportunity_id);
  append_int_member (json, "owner_id", quote->owner_id);
  append_string_member (json, "issue_date", quote->issue_date);
  append_string_member (json, "valid_until", quote->valid_until);
  append_string_member (json, "currency", quote->currency ? quote->currency : "VND");
  append_string_member (json, "terms", quote->terms);
  append_string_member (json, "notes", quote->notes);
  g_string_append (json, ",\"lines\":[");
  for (guint i = 0; quote->lines != NULL && i < quote->lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      append_line (json, g_ptr_array_index (quote->lines, i), i + 1);
    }
  g_string_append_c (json, ']');
  append_totals (json, totals);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/* Reading: a small JSON reader, enough for what the writer above and the
 * demo data produce (no fractions or exponents: amounts are integers). */

typedef enum
{
  NODE_NULL,
  NODE_BOOL,
  NODE_INT,
  NODE_STRING,
  NODE_ARRAY,
  NODE_OBJECT,
} NodeKind;

typedef struct
{
  NodeKind   kind;
  gint64     integer;   /* NODE_INT, NODE_BOOL */
  char      *string;    /* NODE_STRING */
  GPtrArray *items;     /* NODE_ARRAY, NODE_OBJECT: values (SnapNode) */
  GPtrArray *keys;      /* NODE_OBJECT: keys, parallel to items */
} SnapNode;

typedef struct
{
  const char *p;
  guint       depth;
} Reader;

static void
snap_node_free (SnapNode *node)
{
  if (node == NULL)
    return;
  g_free (node->string);
  g_clear_pointer (&node->items, g_ptr_array_unref);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SnapNode, snap_node_free)

static SnapNode *
snap_node_new (NodeKind kind)
{
  SnapNode *node = g_new0 (SnapNode, 1);

  node->kind = kind;
  if (kind == NODE_ARRAY || kind == NODE_OBJECT)
    node->items = g_ptr_array_new_with_free_func ((GDestroyNotify) snap_node_free);
  if (kind == NODE_OBJECT)
    node->keys = g_ptr_array_new_with_free_func (g_free);
  return node;
}

static void
skip_space (Reader *reader)
{
  while (*reader->p == ' ' || *reader->p == '\t' || *reader->p == '\n' || *reader->p == '\r')
    reader->p++;
}

static SnapNode *read_value (Reader *reader);

static gboolean
read_hex4 (Reader  *reader,
           guint   *value)
{
  *value = 0;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (reader->p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + (guint) digit;
    }
  reader->p += 4;
  return TRUE;
}

/* \uXXXX, with a surrogate pair when it takes two. */
static gboolean
read_unicode_escape (Reader  *reader,
                     GString *out)
{
  guint unit, low;

  if (!read_hex4 (reader, &unit))
    return FALSE;
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return FALSE;
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      if (reader->p[0] != '\\' || reader->p[1] != 'u')
        return FALSE;
      reader->p += 2;
      if (!read_hex4 (reader, &low) || low < 0xdc00 || low > 0xdfff)
        return FALSE;
      unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
    }
  if (unit == 0)
    return FALSE;
  g_string_append_unichar (out, unit);
  return TRUE;
}

static char *
read_string (Reader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);
  static const char escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";

  g_assert (*reader->p == '"');
  reader->p++;
  while (*reader->p != '"')
    {
      if (*reader->p == '\0' || (guchar) *reader->p < 0x20)
        return NULL;
      if (*reader->p != '\\')
        {
          g_string_append_c (out, *reader->p++);
          continue;
        }
      reader->p++;
      if (*reader->p == 'u')
        {
          reader->p++;
          if (!read_unicode_escape (reader, out))
            return NULL;
          continue;
        }
      {
        const char *found = *reader->p != '\0' ? strchr (escapes, *reader->p) : NULL;

        /* Escape letters sit at even offsets, their meaning right after. */
        if (found == NULL || (found - escapes) % 2 != 0)
          return NULL;
        g_string_append_c (out, found[1]);
        reader->p++;
      }
    }
  reader->p++;
  if (!g_utf8_validate (out->str, out->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static SnapNode *
read_number (Reader *reader)
{
  const char *start = reader->p;
  g_autofree char *digits = NULL;
  SnapNode *node;
  gint64 value;

  if (*reader->p == '-')
    reader->p++;
  while (g_ascii_isdigit (*reader->p))
    reader->p++;
  if (*reader->p == '.' || *reader->p == 'e' || *reader->p == 'E')
    return NULL;
  digits = g_strndup (start, reader->p - start);
  if (!g_ascii_string_to_signed (digits, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return NULL;
  node = snap_node_new (NODE_INT);
  node->integer = value;
  return node;
}

static SnapNode *
read_literal (Reader *reader)
{
  static const struct { const char *word; NodeKind kind; gint64 value; } literals[] = {
    { "null", NODE_NULL, 0 }, { "true", NODE_BOOL, 1 }, { "false", NODE_BOOL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    if (g_str_has_prefix (reader->p, literals[i].word))
      {
        SnapNode *node = snap_node_new (literals[i].kind);

        node->integer = literals[i].value;
        reader->p += strlen (literals[i].word);
        return node;
      }
  return NULL;
}

/* The members or items of an object or array, up to @close. */
static SnapNode *
read_container (Reader *reader,
                char    close)
{
  g_autoptr(SnapNode) node = snap_node_new (close == '}' ? NODE_OBJECT : NODE_ARRAY);

  reader->p++;
  skip_space (reader);
  if (*reader->p == close)
    {
      reader->p++;
      return g_steal_pointer (&node);
    }
  for (;;)
    {
      SnapNode *value;

      skip_space (reader);
      if (close == '}')
        {
          char *key;

          if (*reader->p != '"' || !(key = read_string (reader)))
            return NULL;
          g_ptr_array_add (node->keys, key);
          skip_space (reader);
          if (*reader->p++ != ':')
            return NULL;
        }
      if (!(value = read_value (reader)))
        return NULL;
      g_ptr_array_add (node->items, value);
      skip_space (reader);
      if (*reader->p == close)
        {
          reader->p++;
          return g_steal_pointer (&node);
        }
      if (*reader->p++ != ',')
        return NULL;
    }
}

static SnapNode *
read_value (Reader *reader)
{
  SnapNode *node = NULL;
  char *text;

  skip_space (reader);
  if (reader->depth >= MAX_DEPTH)
    return NULL;
  reader->depth++;
  switch (*reader->p)
    {
    case '{':
      node = read_container (reader, '}');
      break;
    case '[':
      node = read_container (reader, ']');
      break;
    case '"':
      if ((text = read_string (reader)) != NULL)
        {
          node = snap_node_new (NODE_STRING);
          node->string = text;
        }
      break;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      node = read_number (reader);
      break;
    default:
      node = read_literal (reader);
      break;
    }
  reader->depth--;
  return node;
}

/* From parsed JSON to a quote ------------------------------------------------ */

static SnapNode *
member (const SnapNode *object,
        const char     *key)
{
  if (object == NULL || object->kind != NODE_OBJECT)
    return NULL;
  for (guint i = 0; i < object->keys->len; i++)
    if (strcmp (g_ptr_array_index (object->keys, i), key) == 0)
      return g_ptr_array_index (object->items, i);
  return NULL;
}

static gint64
member_int (const SnapNode *object,
            const char     *key,
            gint64          fallback)
{
  SnapNode *node = member (object, key);

  return node != NULL && node->kind == NODE_INT ? node->integer : fallback;
}

static char *
member_string (const SnapNode *object,
               const char     *key)
{
  SnapNode *node = member (object, key);

  return node != NULL && node->kind == NODE_STRING ? g_strdup (node->string) : NULL;
}

static CrmQuoteLine *
line_from_node (const SnapNode *object)
{
  CrmQuoteLine *line = crm_quote_line_new ();

  g_free (line->unit);
  line->id = member_int (object, "id", 0);
  line->product_id = member_int (object, "product_id", 0);
  line->description = member_string (object, "description");
  line->unit = member_string (object, "unit");
  if (line->unit == NULL)
    line->unit = g_strdup ("");
  line->quantity_milli = member_int (object, "quantity_milli", 0);
  line->unit_price = member_int (object, "unit_price", 0);
  line->discount_bp = (gint) CLAMP (member_int (object, "discount_bp", 0), G_MININT, G_MAXINT);
  line->vat_rate_bp = (gint) CLAMP (member_int (object, "vat_rate_bp", 0), G_MININT, G_MAXINT);
  line->price_source = member_string (object, "price_source");
  line->override_reason = member_string (object, "override_reason");
  return line;
}

static CrmQuote *
quote_from_node (const SnapNode *root)
{
  CrmQuote *quote = crm_quote_new ();
  SnapNode *customer = member (root, "customer");
  SnapNode *contact = member (root, "contact");
  SnapNode *lines = member (root, "lines");
  g_autofree char *status = member_string (root, "status");
  g_autofree char *currency = member_string (root, "currency");

  quote->code = member_string (root, "code");
  quote->revision = (gint) CLAMP (member_int (root, "revision", 1), 1, G_MAXINT);
  /* Only versions the customer has had are kept: they were sent. */
  if (!crm_quote_status_from_string (status, &quote->status))
    quote->status = CRM_QUOTE_STATUS_SENT;
  quote->customer_id = member_int (customer, "id", 0);
  quote->customer_code = member_string (customer, "code");
  quote->customer_name = member_string (customer, "name");
  quote->contact_id = member_int (contact, "id", 0);
  quote->contact_name = member_string (contact, "name");
  quote->opportunity_id = member_int (root, "opportunity_id", 0);
  quote->owner_id = member_int (root, "owner_id", 0);
  quote->issue_date = member_string (root, "issue_date");
  quote->valid_until = member_string (root, "valid_until");
  if (currency != NULL)
    {
      g_free (quote->currency);
      quote->currency = g_steal_pointer (&currency);
    }
  quote->terms = member_string (root, "terms");
  quote->notes = member_string (root, "notes");
  for (guint i = 0; lines != NULL && lines->kind == NODE_ARRAY && i < lines->items->len; i++)
    {
      SnapNode *item = g_ptr_array_index (lines->items, i);

      if (item->kind == NODE_OBJECT)
        crm_quote_add_line (quote, line_from_node (item));
    }
  return quote;
}

CrmQuote *
crm_quote_snapshot_read (const char  *text,
                         GError     **error)
{
  g_autoptr(SnapNode) root = NULL;
  Reader reader = { text, 0 };

  if (text != NULL)
    {
      root = read_value (&reader);
      skip_space (&reader);
    }
  if (root == NULL || root->kind != NODE_OBJECT || *reader.p != '\0')
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                           _("This saved version of the quote cannot be read: its text is damaged."));
      return NULL;
    }
  return quote_from_node (root);
}
