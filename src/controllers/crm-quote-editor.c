/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote-editor"

#include "config.h"

#include "crm-quote-editor.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-money-words.h"
#include "crm-money.h"
#include "crm-pricing.h"
#include "crm-product-store.h"
#include "crm-quote-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The quote editor's draft is a CrmQuote plus what the quote cannot hold:
 * for each line a key that follows it across undo snapshots, the text of
 * a cell typed wrong (the line keeps its last valid value meanwhile) and
 * the price the catalogue gave when a product was picked; for the header,
 * a date typed wrong.  Every change copies the draft first (cheap: a few
 * strings and the lines) and pushes the copy on the undo stack, so undo
 * and redo swap whole drafts.  Everything the view shows (cell texts and
 * errors, totals, flags) is derived from the draft by refresh().
 *
 * Price sources as kept in quote_lines.price_source: the pricing code of
 * the line as picked ("list", "price_list:<id>"), followed by
 * ";promotion:<id>" when a promotion applied; "manual" once a user typed
 * another unit price on a product line, which then needs a reason.  A
 * free-text line has none. */

#define MANUAL_SOURCE "manual"

typedef struct
{
  guint64  key;
  char    *bad_text[CRM_QUOTE_N_CELLS];  /* as typed when it could not be taken */
  gint64   picked_price;                 /* the catalogue's unit price; -1 unknown */
  char    *picked_code;                  /* its price source */
  char    *picked_text;                  /* and where it came from, for people */
} LineState;

typedef struct
{
  CrmQuote  *quote;
  GPtrArray *states;                     /* LineState, parallel to quote->lines */
  char      *bad_date[2];                /* issue date, validity date typed wrong */
} Draft;

/* What the properties last said, to notify only real changes. */
typedef struct
{
  char           *field_text[CRM_QUOTE_EDITOR_N_FIELDS];
  char           *field_error[CRM_QUOTE_EDITOR_N_FIELDS];
  gint64          id;
  char           *code;
  CrmQuoteStatus  status;
  gint            revision;
  gint64          customer_id;
  char           *customer_name;
  gint64          contact_id;
  gint64          opportunity_id;
  gint64          subtotal;
  gint64          discount_total;
  gint64          net_total;
  gint64          vat_total;
  gint64          grand_total;
  char           *vat_summary;
  char           *words;
  char           *totals_error;
  gboolean        dirty;
  gboolean        can_save;
  gboolean        can_undo;
  gboolean        can_redo;
  gboolean        read_only;
} Shown;

struct _CrmQuoteLineItem
{
  GObject          parent_instance;

  CrmQuoteEditor  *editor;               /* not owned; NULL once the line left the editor */
  guint64          key;
  gint64           product_id;
  char            *text[CRM_QUOTE_N_CELLS];
  char            *error[CRM_QUOTE_N_CELLS];
  gint64           amount;
  char            *price_source;
  gboolean         overridden;
};

struct _CrmQuoteEditor
{
  GObject          parent_instance;

  CrmStore        *store;
  CrmSession      *session;
  Draft           *draft;
  CrmQuote        *original;             /* as last loaded or saved; where a new one started */
  GQueue           undo;                 /* Draft, most recent first */
  GQueue           redo;
  guint64          next_key;
  GListStore      *items;                /* CrmQuoteLineItem, one per line of the draft */
  CrmQuoteTotals   totals;
  GHashTable      *price_list_names;     /* id -> name, read when first needed */
  GHashTable      *promotion_names;
  char            *message;
  char            *sends_text;
  Shown            shown;
};

G_DEFINE_FINAL_TYPE (CrmQuoteLineItem, crm_quote_line_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CrmQuoteEditor, crm_quote_editor, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_PRODUCT_ID,
  ITEM_PROP_FIRST_TEXT,
  ITEM_PROP_FIRST_ERROR = ITEM_PROP_FIRST_TEXT + CRM_QUOTE_N_CELLS,
  ITEM_PROP_AMOUNT = ITEM_PROP_FIRST_ERROR + CRM_QUOTE_N_CELLS,
  ITEM_PROP_PRICE_SOURCE,
  ITEM_PROP_OVERRIDDEN,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static const char *const cell_names[CRM_QUOTE_N_CELLS] = {
  "description", "unit", "quantity", "unit-price", "discount", "vat-rate", "override-reason",
  "amount-text",
};
static const char *const cell_error_names[CRM_QUOTE_N_CELLS] = {
  "description-error", "unit-error", "quantity-error", "unit-price-error", "discount-error",
  "vat-rate-error", "override-reason-error", "amount-error",
};

enum {
  PROP_0,
  PROP_FIRST_FIELD,
  PROP_FIRST_FIELD_ERROR = PROP_FIRST_FIELD + CRM_QUOTE_EDITOR_N_FIELDS,
  PROP_ID = PROP_FIRST_FIELD_ERROR + CRM_QUOTE_EDITOR_N_FIELDS,
  PROP_CODE,
  PROP_STATUS,
  PROP_REVISION,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CONTACT_ID,
  PROP_OPPORTUNITY_ID,
  PROP_LINES,
  PROP_SUBTOTAL,
  PROP_DISCOUNT_TOTAL,
  PROP_NET_TOTAL,
  PROP_VAT_TOTAL,
  PROP_GRAND_TOTAL,
  PROP_VAT_SUMMARY,
  PROP_AMOUNT_IN_WORDS,
  PROP_TOTALS_ERROR,
  PROP_DIRTY,
  PROP_CAN_SAVE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_READ_ONLY,
  PROP_MESSAGE,
  PROP_SENDS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const field_names[CRM_QUOTE_EDITOR_N_FIELDS] = {
  "issue-date", "valid-until", "terms", "notes",
};
static const char *const field_error_names[CRM_QUOTE_EDITOR_N_FIELDS] = {
  "issue-date-error", "valid-until-error", "terms-error", "notes-error",
};

/* Small helpers ------------------------------------------------------------------- */

static void
replace_text (char       **slot,
              const char  *text)
{
  char *copy = g_strdup (text);

  g_free (*slot);
  *slot = copy;
}

/* Trims in place; a blank text becomes NULL, or "" when @keep_empty. */
static void
tidy_text (char     **slot,
           gboolean   keep_empty)
{
  if (crm_text_is_blank (*slot))
    {
      replace_text (slot, keep_empty ? "" : NULL);
      return;
    }
  g_strstrip (*slot);
}

static gboolean
is_manual (const CrmQuoteLine *line)
{
  return g_strcmp0 (line->price_source, MANUAL_SOURCE) == 0;
}

/* Parsing what a user types ------------------------------------------------------------ */

typedef enum
{
  NUMBER_OK,
  NUMBER_BAD,
  NUMBER_TOO_PRECISE,
  NUMBER_TOO_LARGE,
} NumberParse;

/* @text without any kind of space (amounts are pasted with no-break and
 * thin spaces in them). */
static char *
without_spaces (const char *text)
{
  GString *clean = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_string_append (clean, text ? text : "");
      return g_string_free (clean, FALSE);
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x00A0 && c != 0x202F)
        g_string_append_unichar (clean, c);
    }
  return g_string_free (clean, FALSE);
}

/* Whether the dot at @dot groups thousands ("1.500") rather than starting
 * decimals ("1.5", "0.500"). */
static gboolean
dot_groups (const char *start,
            const char *dot)
{
  gsize before = dot - start;

  if (strchr (dot + 1, '.') != NULL)
    return TRUE;
  if (strlen (dot + 1) != 3 || before == 0 || before > 3 || *start == '0')
    return FALSE;
  for (const char *p = dot + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* A number as Vietnamese writes it: a decimal comma, dots grouping
 * thousands ("1.500,5"); without a comma, a lone dot not followed by
 * exactly three digits is a decimal point ("1.5").  *value is in units of
 * 10^-@decimals; the whole part may not exceed @max_whole. */
static NumberParse
parse_number (const char *text,
              guint       decimals,
              gint64      max_whole,
              gint64     *value)
{
  g_autofree char *clean = without_spaces (text);
  const char *p = clean;
  const char *dot;
  char decimal_mark = ',';
  gboolean negative = FALSE, any_digit = FALSE, in_fraction = FALSE;
  guint n_fraction = 0;
  gint64 whole = 0, fraction = 0;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  dot = strchr (p, '.');
  if (strchr (p, ',') == NULL && dot != NULL && !dot_groups (p, dot))
    decimal_mark = '.';
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          int digit = *p - '0';

          any_digit = TRUE;
          if (!in_fraction)
            {
              whole = whole * 10 + digit;
              if (whole > max_whole)
                return NUMBER_TOO_LARGE;
            }
          else if (n_fraction < decimals)
            {
              fraction = fraction * 10 + digit;
              n_fraction++;
            }
          else if (digit != 0)
            return NUMBER_TOO_PRECISE;
        }
      else if (*p == decimal_mark && !in_fraction)
        in_fraction = TRUE;
      else if (*p != '.' || decimal_mark != ',' || in_fraction)
        return NUMBER_BAD;
    }
  if (!any_digit)
    return NUMBER_BAD;
  for (; n_fraction < decimals; n_fraction++)
    fraction *= 10;
  for (guint i = 0; i < decimals; i++)
    whole *= 10;
  *value = negative ? -(whole + fraction) : whole + fraction;
  return NUMBER_OK;
}

static gboolean
parse_quantity (const char  *text,
                gint64      *quantity_milli,
                GError     **error)
{
  gint64 value = 0;

  if (crm_text_is_blank (text))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter a quantity."));
      return FALSE;
    }
  switch (parse_number (text, 3, G_GINT64_CONSTANT (1000000000000), &value))
    {
    case NUMBER_BAD:
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Enter a quantity such as 2 or 1,5."));
      return FALSE;
    case NUMBER_TOO_PRECISE:
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("A quantity has at most three decimals."));
      return FALSE;
    case NUMBER_TOO_LARGE:
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The quantity is too large."));
      return FALSE;
    case NUMBER_OK:
    default:
      break;
    }
  if (value <= 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The quantity must be more than zero."));
      return FALSE;
    }
  *quantity_milli = value;
  return TRUE;
}

static gboolean
parse_unit_price (const char  *text,
                  gint64      *price,
                  GError     **error)
{
  gint64 value = 0;

  if (!crm_money_parse (text, &value, error))
    return FALSE;
  if (value < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The unit price cannot be negative."));
      return FALSE;
    }
  *price = value;
  return TRUE;
}

/* A percentage ("10", "12,5 %") in basis points, 0 to 100 %.  A blank
 * discount is none; a blank VAT rate is missing. */
static gboolean
parse_rate (const char    *text,
            CrmQuoteCell   cell,
            int           *rate_bp,
            GError       **error)
{
  g_autofree char *clean = without_spaces (text);
  gsize length = strlen (clean);
  gint64 value = 0;
  NumberParse parsed;

  if (length > 0 && clean[length - 1] == '%')
    clean[--length] = '\0';
  if (length == 0)
    {
      if (cell == CRM_QUOTE_CELL_DISCOUNT)
        {
          *rate_bp = 0;
          return TRUE;
        }
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the VAT rate."));
      return FALSE;
    }
  parsed = parse_number (clean, 2, 1000000, &value);
  if (parsed == NUMBER_BAD || parsed == NUMBER_TOO_PRECISE)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Enter a percentage such as 10 or 12,5."));
      return FALSE;
    }
  if (parsed == NUMBER_TOO_LARGE || value < 0 || value > 10000)
    {
      if (cell == CRM_QUOTE_CELL_DISCOUNT)
        g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                     _("The discount must be between 0 %% and 100 %%."));
      else
        g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                     _("The VAT rate must be between 0 %% and 100 %%."));
      return FALSE;
    }
  *rate_bp = (int) value;
  return TRUE;
}

/* A business date, required; *iso gets yyyy-MM-dd. */
static gboolean
parse_date (const char           *text,
            CrmQuoteEditorField   field,
            char                **iso,
            GError              **error)
{
  if (crm_text_is_blank (text))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           field == CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE
                           ? _("Enter the date of the quote.")
                           : _("Enter the date until which the quote is valid."));
      return FALSE;
    }
  return crm_date_parse (text, iso, error);
}

/* The draft -------------------------------------------------------------------------- */

static LineState *
line_state_new (guint64 key)
{
  LineState *state = g_new0 (LineState, 1);

  state->key = key;
  state->picked_price = -1;
  return state;
}

static LineState *
line_state_copy (const LineState *state)
{
  LineState *copy = line_state_new (state->key);

  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    copy->bad_text[cell] = g_strdup (state->bad_text[cell]);
  copy->picked_price = state->picked_price;
  copy->picked_code = g_strdup (state->picked_code);
  copy->picked_text = g_strdup (state->picked_text);
  return copy;
}

static void
line_state_free (LineState *state)
{
  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    g_free (state->bad_text[cell]);
  g_free (state->picked_code);
  g_free (state->picked_text);
  g_free (state);
}

static Draft *
draft_new (CrmQuote *quote)
{
  Draft *draft = g_new0 (Draft, 1);

  draft->quote = quote;
  draft->states = g_ptr_array_new_with_free_func ((GDestroyNotify) line_state_free);
  return draft;
}

static Draft *
draft_copy (const Draft *draft)
{
  Draft *copy = draft_new (crm_quote_copy (draft->quote));

  for (guint i = 0; i < draft->states->len; i++)
    g_ptr_array_add (copy->states, line_state_copy (g_ptr_array_index (draft->states, i)));
  copy->bad_date[0] = g_strdup (draft->bad_date[0]);
  copy->bad_date[1] = g_strdup (draft->bad_date[1]);
  return copy;
}

static void
draft_free (Draft *draft)
{
  if (draft == NULL)
    return;
  crm_quote_free (draft->quote);
  g_ptr_array_unref (draft->states);
  g_free (draft->bad_date[0]);
  g_free (draft->bad_date[1]);
  g_free (draft);
}

static CrmQuoteLine *
draft_line (const Draft *draft,
            guint        position)
{
  return g_ptr_array_index (draft->quote->lines, position);
}

static LineState *
draft_state (const Draft *draft,
             guint        position)
{
  return g_ptr_array_index (draft->states, position);
}

/* Whether a user would see the same thing in both (keys aside). */
static gboolean
draft_same (const Draft *a,
            const Draft *b)
{
  if (!crm_quote_same_content (a->quote, b->quote) ||
      g_strcmp0 (a->bad_date[0], b->bad_date[0]) != 0 ||
      g_strcmp0 (a->bad_date[1], b->bad_date[1]) != 0)
    return FALSE;
  for (guint i = 0; i < a->states->len; i++)
    for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
      if (g_strcmp0 (draft_state (a, i)->bad_text[cell], draft_state (b, i)->bad_text[cell]) != 0)
        return FALSE;
  return TRUE;
}

/* A line nobody has typed in yet: not saved, not counted, no errors. */
static gboolean
is_blank_line (const CrmQuoteLine *line,
               const LineState    *state)
{
  if (line->product_id > 0 || !crm_text_is_blank (line->description) || line->unit_price != 0 ||
      line->discount_bp != 0 || line->quantity_milli != 1000 ||
      !crm_text_is_blank (line->override_reason))
    return FALSE;
  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    if (state->bad_text[cell] != NULL)
      return FALSE;
  return TRUE;
}

/* The fields only the store changes, from the draft as it is now: an undo
 * brings back what the user typed, not an older version number. */
static void
keep_stored_fields (CrmQuote       *quote,
                    const CrmQuote *current)
{
  quote->id = current->id;
  quote->customer_id = current->customer_id;
  quote->owner_id = current->owner_id;
  quote->status = current->status;
  quote->revision = current->revision;
  quote->row_version = current->row_version;
  replace_text (&quote->code, current->code);
  replace_text (&quote->customer_code, current->customer_code);
  replace_text (&quote->customer_name, current->customer_name);
  replace_text (&quote->owner_name, current->owner_name);
  replace_text (&quote->accepted_at, current->accepted_at);
  replace_text (&quote->rejected_at, current->rejected_at);
  replace_text (&quote->created_at, current->created_at);
  replace_text (&quote->updated_at, current->updated_at);
}

/* Price sources ---------------------------------------------------------------------- */

static void
load_pricing_names (CrmQuoteEditor *self)
{
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GPtrArray) promotions = NULL;

  if (self->price_list_names != NULL)
    return;
  self->price_list_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->promotion_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  /* Names only decorate the description: without them it stays generic. */
  lists = crm_pricing_list_price_lists (self->store, self->session, NULL);
  for (guint i = 0; lists != NULL && i < lists->len; i++)
    {
      CrmPriceList *list = g_ptr_array_index (lists, i);
      g_hash_table_insert (self->price_list_names, g_memdup2 (&list->id, sizeof list->id),
                           g_strdup (list->name));
    }
  promotions = crm_pricing_list_promotions (self->store, self->session, NULL);
  for (guint i = 0; promotions != NULL && i < promotions->len; i++)
    {
      CrmPromotion *promotion = g_ptr_array_index (promotions, i);
      g_hash_table_insert (self->promotion_names, g_memdup2 (&promotion->id, sizeof promotion->id),
                           g_strdup (promotion->name));
    }
}

/* The name under "<prefix>:<id>" in @names, NULL when unknown. */
static const char *
named_part (GHashTable *names,
            const char *part,
            const char *prefix)
{
  gint64 id;

  if (!g_str_has_prefix (part, prefix) || part[strlen (prefix)] != ':')
    return NULL;
  id = g_ascii_strtoll (part + strlen (prefix) + 1, NULL, 10);
  return g_hash_table_lookup (names, &id);
}

/* Where a stored line's price came from, as crm_line_price_describe()
 * said when it was picked (without the promotion's amount, which may
 * have changed since). */
static char *
describe_source_code (CrmQuoteEditor *self,
                      const char     *code)
{
  g_auto(GStrv) parts = g_strsplit (code, ";", -1);
  g_autofree char *source = NULL;
  g_autofree char *promotion = NULL;
  gboolean has_promotion = FALSE;

  load_pricing_names (self);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *name;

      if (g_str_equal (parts[i], "list"))
        replace_text (&source, _("List price"));
      else if (g_str_has_prefix (parts[i], "price_list"))
        {
          name = named_part (self->price_list_names, parts[i], "price_list");
          g_free (source);
          source = name ? g_strdup_printf (_("Price list “%s”"), name) : g_strdup (_("Price list"));
        }
      else if (g_str_has_prefix (parts[i], "promotion"))
        {
          has_promotion = TRUE;
          replace_text (&promotion, named_part (self->promotion_names, parts[i], "promotion"));
        }
    }
  if (source == NULL && !has_promotion)
    return NULL;
  if (source == NULL)
    source = g_strdup (_("List price"));
  if (!has_promotion)
    return g_steal_pointer (&source);
  if (promotion == NULL)
    /* TRANSLATORS: the price's source, e.g. "List price; promotion" */
    return g_strdup_printf (_("%s; promotion"), source);
  /* TRANSLATORS: the price's source, the promotion's name */
  return g_strdup_printf (_("%s; promotion “%s”"), source, promotion);
}

/* A line read from the store: the catalogue's price is the one it has,
 * unless someone changed it by hand. */
static LineState *
state_for_stored_line (CrmQuoteEditor     *self,
                       const CrmQuoteLine *line)
{
  LineState *state = line_state_new (++self->next_key);

  if (line->product_id > 0 && line->price_source != NULL && !is_manual (line))
    {
      state->picked_price = line->unit_price;
      state->picked_code = g_strdup (line->price_source);
      state->picked_text = describe_source_code (self, line->price_source);
    }
  return state;
}

/* What the price-source column says for a line. */
static char *
price_source_text (const CrmQuoteLine *line,
                   const LineState    *state)
{
  g_autofree char *picked = NULL;

  if (line->product_id <= 0)
    return NULL;
  if (!is_manual (line))
    return g_strdup (state->picked_text);
  if (state->picked_price < 0)
    return g_strdup (_("Changed by hand"));
  picked = crm_money_format (state->picked_price);
  /* TRANSLATORS: the price the catalogue gives, where it comes from */
  return g_strdup_printf (_("Changed by hand from %s (%s)"), picked,
                          state->picked_text ? state->picked_text : "");
}

/* Cells ---------------------------------------------------------------------------------- */

static char *
cell_text (const CrmQuoteLine *line,
           const LineState    *state,
           CrmQuoteCell        cell)
{
  gint64 net;

  if (state->bad_text[cell] != NULL)
    return g_strdup (state->bad_text[cell]);
  switch (cell)
    {
    case CRM_QUOTE_CELL_DESCRIPTION:
      return g_strdup (line->description ? line->description : "");
    case CRM_QUOTE_CELL_UNIT:
      return g_strdup (line->unit ? line->unit : "");
    case CRM_QUOTE_CELL_QUANTITY:
      return crm_quote_format_quantity (line->quantity_milli);
    case CRM_QUOTE_CELL_UNIT_PRICE:
      return crm_money_format_plain (line->unit_price);
    case CRM_QUOTE_CELL_DISCOUNT:
      return crm_rate_format (line->discount_bp);
    case CRM_QUOTE_CELL_VAT_RATE:
      return crm_rate_format (line->vat_rate_bp);
    case CRM_QUOTE_CELL_OVERRIDE_REASON:
      return g_strdup (line->override_reason ? line->override_reason : "");
    case CRM_QUOTE_CELL_AMOUNT:
      if (crm_quote_line_amounts (line, NULL, NULL, &net, NULL))
        return crm_money_format_plain (net);
      return g_strdup ("");
    case CRM_QUOTE_N_CELLS:
    default:
      g_assert_not_reached ();
    }
}

/* Takes @text into the cell: texts as typed, numbers when they parse
 * (the line keeps its last valid value otherwise). */
static gboolean
parse_cell (CrmQuoteCell   cell,
            const char    *text,
            gint64        *value,
            GError       **error)
{
  int rate = 0;

  switch (cell)
    {
    case CRM_QUOTE_CELL_QUANTITY:
      return parse_quantity (text, value, error);
    case CRM_QUOTE_CELL_UNIT_PRICE:
      return parse_unit_price (text, value, error);
    case CRM_QUOTE_CELL_DISCOUNT:
    case CRM_QUOTE_CELL_VAT_RATE:
      if (!parse_rate (text, cell, &rate, error))
        return FALSE;
      *value = rate;
      return TRUE;
    case CRM_QUOTE_CELL_DESCRIPTION:
    case CRM_QUOTE_CELL_UNIT:
    case CRM_QUOTE_CELL_OVERRIDE_REASON:
    case CRM_QUOTE_CELL_AMOUNT:
    case CRM_QUOTE_N_CELLS:
    default:
      return TRUE;
    }
}

static char *
cell_error (const CrmQuoteLine *line,
            const LineState    *state,
            CrmQuoteCell        cell)
{
  g_autoptr(GError) error = NULL;
  gint64 value;

  if (is_blank_line (line, state))
    return NULL;
  if (state->bad_text[cell] != NULL)
    {
      if (!parse_cell (cell, state->bad_text[cell], &value, &error))
        return g_strdup (error->message);
      return NULL;
    }
  switch (cell)
    {
    case CRM_QUOTE_CELL_DESCRIPTION:
      return crm_text_is_blank (line->description) ? g_strdup (_("Enter a description.")) : NULL;
    case CRM_QUOTE_CELL_OVERRIDE_REASON:
      if (line->product_id > 0 && is_manual (line) && crm_text_is_blank (line->override_reason))
        return g_strdup (_("Give the reason for changing the catalogue price."));
      return NULL;
    case CRM_QUOTE_CELL_AMOUNT:
      if (!crm_quote_line_amounts (line, NULL, NULL, NULL, NULL))
        return g_strdup (_("The amount is too large. Check the quantity and the unit price."));
      return NULL;
    case CRM_QUOTE_CELL_UNIT:
    case CRM_QUOTE_CELL_QUANTITY:
    case CRM_QUOTE_CELL_UNIT_PRICE:
    case CRM_QUOTE_CELL_DISCOUNT:
    case CRM_QUOTE_CELL_VAT_RATE:
    case CRM_QUOTE_N_CELLS:
    default:
      return NULL;
    }
}

/* A new unit price: on a product line, another price than the catalogue's
 * is an override; the catalogue's price typed back is none. */
static void
take_unit_price (CrmQuoteLine *line,
                 LineState    *state,
                 gint64        price)
{
  if (line->product_id > 0 && state->picked_code != NULL && price == state->picked_price)
    {
      if (is_manual (line))
        {
          replace_text (&line->price_source, state->picked_code);
          g_clear_pointer (&line->override_reason, g_free);
        }
    }
  else if (line->product_id > 0 && price != line->unit_price)
    replace_text (&line->price_source, MANUAL_SOURCE);
  line->unit_price = price;
}

static void
apply_cell (CrmQuoteLine *line,
            LineState    *state,
            CrmQuoteCell  cell,
            const char   *text)
{
  gint64 value = 0;

  switch (cell)
    {
    case CRM_QUOTE_CELL_DESCRIPTION:
      replace_text (&line->description, text);
      return;
    case CRM_QUOTE_CELL_UNIT:
      replace_text (&line->unit, text);
      return;
    case CRM_QUOTE_CELL_OVERRIDE_REASON:
      replace_text (&line->override_reason, text);
      return;
    case CRM_QUOTE_CELL_QUANTITY:
    case CRM_QUOTE_CELL_UNIT_PRICE:
    case CRM_QUOTE_CELL_DISCOUNT:
    case CRM_QUOTE_CELL_VAT_RATE:
      break;
    case CRM_QUOTE_CELL_AMOUNT:
    case CRM_QUOTE_N_CELLS:
    default:
      g_assert_not_reached ();
    }

  if (!parse_cell (cell, text, &value, NULL))
    {
      replace_text (&state->bad_text[cell], text);
      return;
    }
  g_clear_pointer (&state->bad_text[cell], g_free);
  if (cell == CRM_QUOTE_CELL_QUANTITY)
    line->quantity_milli = value;
  else if (cell == CRM_QUOTE_CELL_UNIT_PRICE)
    take_unit_price (line, state, value);
  else if (cell == CRM_QUOTE_CELL_DISCOUNT)
    line->discount_bp = (int) value;
  else
    line->vat_rate_bp = (int) value;
}

/* The product's name, unit and VAT rate, with the price and promotion
 * pricing found for the customer on the quote's date. */
static void
apply_product (CrmQuoteLine       *line,
               LineState          *state,
               CrmProduct         *product,
               const CrmLinePrice *price)
{
  gboolean promoted = price->promotion_id > 0;
  gboolean fixed = promoted && price->discount_kind == CRM_DISCOUNT_FIXED;
  g_autofree char *code = NULL;

  if (promoted)
    code = g_strdup_printf ("%s;promotion:%" G_GINT64_FORMAT, price->price_source_code, price->promotion_id);
  else
    code = g_strdup (price->price_source_code);
  line->product_id = price->product_id;
  replace_text (&line->description, crm_product_get_name (product));
  replace_text (&line->unit, crm_product_get_unit (product) ? crm_product_get_unit (product) : "");
  /* A fixed discount lowers the price; a percentage is the line's discount. */
  line->unit_price = fixed ? price->net_unit_price : price->unit_price;
  line->discount_bp = promoted && !fixed ? price->discount_bp : 0;
  line->vat_rate_bp = price->vat_rate_bp;
  replace_text (&line->price_source, code);
  g_clear_pointer (&line->override_reason, g_free);
  g_clear_pointer (&state->bad_text[CRM_QUOTE_CELL_UNIT_PRICE], g_free);
  g_clear_pointer (&state->bad_text[CRM_QUOTE_CELL_DISCOUNT], g_free);
  g_clear_pointer (&state->bad_text[CRM_QUOTE_CELL_VAT_RATE], g_free);
  state->picked_price = line->unit_price;
  replace_text (&state->picked_code, code);
  g_free (state->picked_text);
  state->picked_text = crm_line_price_describe (price);
}

/* Line items --------------------------------------------------------------------------- */

static void
item_set_string (CrmQuoteLineItem  *item,
                 char             **slot,
                 char              *value,
                 guint              prop_id)
{
  if (g_strcmp0 (*slot, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*slot);
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[prop_id]);
}

/* Shows the line as the draft has it now. */
static void
item_update (CrmQuoteLineItem   *item,
             const CrmQuoteLine *line,
             const LineState    *state)
{
  gint64 net = 0;
  gboolean overridden = line->product_id > 0 && is_manual (line);

  g_object_freeze_notify (G_OBJECT (item));
  item->key = state->key;
  if (item->product_id != line->product_id)
    {
      item->product_id = line->product_id;
      g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_PRODUCT_ID]);
    }
  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    {
      item_set_string (item, &item->text[cell], cell_text (line, state, cell), ITEM_PROP_FIRST_TEXT + cell);
      item_set_string (item, &item->error[cell], cell_error (line, state, cell), ITEM_PROP_FIRST_ERROR + cell);
    }
  crm_quote_line_amounts (line, NULL, NULL, &net, NULL);
  if (item->amount != net)
    {
      item->amount = net;
      g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_AMOUNT]);
    }
  item_set_string (item, &item->price_source, price_source_text (line, state), ITEM_PROP_PRICE_SOURCE);
  if (item->overridden != overridden)
    {
      item->overridden = overridden;
      g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_OVERRIDDEN]);
    }
  g_object_thaw_notify (G_OBJECT (item));
}

static void
crm_quote_line_item_finalize (GObject *object)
{
  CrmQuoteLineItem *self = CRM_QUOTE_LINE_ITEM (object);

  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    {
      g_free (self->text[cell]);
      g_free (self->error[cell]);
    }
  g_free (self->price_source);

  G_OBJECT_CLASS (crm_quote_line_item_parent_class)->finalize (object);
}

static void
crm_quote_line_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmQuoteLineItem *self = CRM_QUOTE_LINE_ITEM (object);

  if (prop_id >= ITEM_PROP_FIRST_TEXT && prop_id < ITEM_PROP_FIRST_ERROR)
    g_value_set_string (value, self->text[prop_id - ITEM_PROP_FIRST_TEXT]);
  else if (prop_id >= ITEM_PROP_FIRST_ERROR && prop_id < ITEM_PROP_AMOUNT)
    g_value_set_string (value, self->error[prop_id - ITEM_PROP_FIRST_ERROR]);
  else if (prop_id == ITEM_PROP_PRODUCT_ID)
    g_value_set_int64 (value, self->product_id);
  else if (prop_id == ITEM_PROP_AMOUNT)
    g_value_set_int64 (value, self->amount);
  else if (prop_id == ITEM_PROP_PRICE_SOURCE)
    g_value_set_string (value, self->price_source);
  else if (prop_id == ITEM_PROP_OVERRIDDEN)
    g_value_set_boolean (value, self->overridden);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_quote_line_item_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmQuoteLineItem *self = CRM_QUOTE_LINE_ITEM (object);

  if (prop_id >= ITEM_PROP_FIRST_TEXT && prop_id < ITEM_PROP_FIRST_TEXT + CRM_QUOTE_CELL_AMOUNT)
    crm_quote_line_item_set_text (self, prop_id - ITEM_PROP_FIRST_TEXT, g_value_get_string (value), NULL);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_quote_line_item_class_init (CrmQuoteLineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_quote_line_item_finalize;
  object_class->get_property = crm_quote_line_item_get_property;
  object_class->set_property = crm_quote_line_item_set_property;

  item_properties[ITEM_PROP_PRODUCT_ID] =
    g_param_spec_int64 ("product-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    {
      GParamFlags access = cell == CRM_QUOTE_CELL_AMOUNT ? G_PARAM_READABLE : G_PARAM_READWRITE;

      item_properties[ITEM_PROP_FIRST_TEXT + cell] =
        g_param_spec_string (cell_names[cell], NULL, NULL, NULL,
                             access | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      item_properties[ITEM_PROP_FIRST_ERROR + cell] =
        g_param_spec_string (cell_error_names[cell], NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
    }
  item_properties[ITEM_PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_PRICE_SOURCE] =
    g_param_spec_string ("price-source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_OVERRIDDEN] =
    g_param_spec_boolean ("overridden", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
crm_quote_line_item_init (CrmQuoteLineItem *self)
{
}

/* Line item API ------------------------------------------------------------------------- */

gint64
crm_quote_line_item_get_product_id (CrmQuoteLineItem *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_LINE_ITEM (self), 0);
  return self->product_id;
}

const char *
crm_quote_line_item_get_text (CrmQuoteLineItem *self,
                              CrmQuoteCell      cell)
{
  g_return_val_if_fail (CRM_IS_QUOTE_LINE_ITEM (self), NULL);
  g_return_val_if_fail (cell < CRM_QUOTE_N_CELLS, NULL);
  return self->text[cell];
}

const char *
crm_quote_line_item_get_error (CrmQuoteLineItem *self,
                               CrmQuoteCell      cell)
{
  g_return_val_if_fail (CRM_IS_QUOTE_LINE_ITEM (self), NULL);
  g_return_val_if_fail (cell < CRM_QUOTE_N_CELLS, NULL);
  return self->error[cell];
}

/**
 * crm_quote_line_item_set_text:
 *
 * Edits this line's @cell through its editor, as
 * crm_quote_editor_set_cell() does.  Meant for when the user commits the
 * cell (Enter, Tab, leaving it), not for every key pressed.
 */
gboolean
crm_quote_line_item_set_text (CrmQuoteLineItem  *self,
                              CrmQuoteCell       cell,
                              const char        *text,
                              GError           **error)
{
  guint position;

  g_return_val_if_fail (CRM_IS_QUOTE_LINE_ITEM (self), FALSE);
  g_return_val_if_fail (cell < CRM_QUOTE_CELL_AMOUNT, FALSE);

  if (self->editor == NULL || !g_list_store_find (self->editor->items, self, &position))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This line is no longer part of the quote."));
      return FALSE;
    }
  return crm_quote_editor_set_cell (self->editor, position, cell, text, error);
}

gint64
crm_quote_line_item_get_amount (CrmQuoteLineItem *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_LINE_ITEM (self), 0);
  return self->amount;
}

/* "List price; promotion “Tết”: −10 %", "Changed by hand from …"; NULL
 * for a free-text line. */
const char *
crm_quote_line_item_get_price_source (CrmQuoteLineItem *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_LINE_ITEM (self), NULL);
  return self->price_source;
}

gboolean
crm_quote_line_item_get_overridden (CrmQuoteLineItem *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_LINE_ITEM (self), FALSE);
  return self->overridden;
}

/* The editor's view state ------------------------------------------------------------------- */

static guint64
item_key_at (CrmQuoteEditor *self,
             guint           position)
{
  g_autoptr(CrmQuoteLineItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  return item->key;
}

/* Replaces @n_old items from @start by the @n_new lines there, reusing the
 * items of lines that only moved. */
static void
replace_items (CrmQuoteEditor *self,
               guint           start,
               guint           n_old,
               guint           n_new)
{
  g_autoptr(GHashTable) old_items = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) new_items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer item;

  for (guint i = start; i < start + n_old; i++)
    {
      CrmQuoteLineItem *old = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      g_hash_table_insert (old_items, &old->key, old);
      g_object_unref (old);
    }
  for (guint i = start; i < start + n_new; i++)
    {
      LineState *state = draft_state (self->draft, i);
      CrmQuoteLineItem *reused = g_hash_table_lookup (old_items, &state->key);

      if (reused != NULL)
        {
          g_hash_table_remove (old_items, &state->key);
          g_ptr_array_add (new_items, g_object_ref (reused));
        }
      else
        {
          CrmQuoteLineItem *created = g_object_new (CRM_TYPE_QUOTE_LINE_ITEM, NULL);

          created->editor = self;
          g_ptr_array_add (new_items, created);
        }
      item_update (g_ptr_array_index (new_items, new_items->len - 1), draft_line (self->draft, i), state);
    }
  g_hash_table_iter_init (&iter, old_items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    CRM_QUOTE_LINE_ITEM (item)->editor = NULL;
  g_list_store_splice (self->items, start, n_old, new_items->pdata, n_new);
}

/* Brings the list model in step with the draft's lines: only the part
 * that changed is spliced, so a view keeps its rows elsewhere. */
static void
sync_items (CrmQuoteEditor *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_lines = self->draft->states->len;
  guint prefix = 0, suffix = 0;

  while (prefix < n_items && prefix < n_lines &&
         item_key_at (self, prefix) == draft_state (self->draft, prefix)->key)
    prefix++;
  while (suffix < n_items - prefix && suffix < n_lines - prefix &&
         item_key_at (self, n_items - 1 - suffix) == draft_state (self->draft, n_lines - 1 - suffix)->key)
    suffix++;
  if (prefix + suffix < n_items || prefix + suffix < n_lines)
    replace_items (self, prefix, n_items - prefix - suffix, n_lines - prefix - suffix);
  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(CrmQuoteLineItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      item_update (item, draft_line (self->draft, i), draft_state (self->draft, i));
    }
}

/* The quote as it would be saved: blank lines left out, texts trimmed.
 * @keys (may be NULL) gets the keys of the lines kept, in order. */
static CrmQuote *
build_quote (CrmQuoteEditor *self,
             GArray         *keys)
{
  CrmQuote *quote = crm_quote_copy (self->draft->quote);

  g_ptr_array_set_size (quote->lines, 0);
  for (guint i = 0; i < self->draft->states->len; i++)
    {
      const CrmQuoteLine *line = draft_line (self->draft, i);
      LineState *state = draft_state (self->draft, i);
      CrmQuoteLine *copy;

      if (is_blank_line (line, state))
        continue;
      copy = crm_quote_add_line (quote, crm_quote_line_copy (line));
      tidy_text (&copy->description, FALSE);
      tidy_text (&copy->unit, TRUE);
      tidy_text (&copy->override_reason, FALSE);
      if (keys != NULL)
        g_array_append_val (keys, state->key);
    }
  tidy_text (&quote->terms, FALSE);
  tidy_text (&quote->notes, FALSE);
  return quote;
}

static char *
field_text (CrmQuoteEditor      *self,
            CrmQuoteEditorField  field)
{
  const CrmQuote *quote = self->draft->quote;
  char *text = NULL;

  switch (field)
    {
    case CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE:
    case CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL:
      if (self->draft->bad_date[field] != NULL)
        return g_strdup (self->draft->bad_date[field]);
      text = crm_date_format (field == CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE ? quote->issue_date
                                                                         : quote->valid_until);
      return text ? text : g_strdup ("");
    case CRM_QUOTE_EDITOR_FIELD_TERMS:
      return g_strdup (quote->terms ? quote->terms : "");
    case CRM_QUOTE_EDITOR_FIELD_NOTES:
      return g_strdup (quote->notes ? quote->notes : "");
    case CRM_QUOTE_EDITOR_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static char *
field_error (CrmQuoteEditor      *self,
             CrmQuoteEditorField  field)
{
  const CrmQuote *quote = self->draft->quote;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  if (field > CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL)
    return NULL;
  if (self->draft->bad_date[field] != NULL)
    {
      if (!parse_date (self->draft->bad_date[field], field, &iso, &error))
        return g_strdup (error->message);
      return NULL;
    }
  if (field == CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL && self->draft->bad_date[0] == NULL &&
      quote->issue_date != NULL && quote->valid_until != NULL &&
      strcmp (quote->valid_until, quote->issue_date) < 0)
    return g_strdup (_("The quote cannot be valid until a date before its own date."));
  return NULL;
}

static void
publish_string (CrmQuoteEditor  *self,
                char           **slot,
                char            *value,
                guint            prop_id)
{
  if (g_strcmp0 (*slot, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*slot);
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
publish_int64 (CrmQuoteEditor *self,
               gint64         *slot,
               gint64          value,
               guint           prop_id)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
publish_bool (CrmQuoteEditor *self,
              gboolean       *slot,
              gboolean        value,
              guint           prop_id)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
publish_header (CrmQuoteEditor *self)
{
  const CrmQuote *quote = self->draft->quote;

  for (guint field = 0; field < CRM_QUOTE_EDITOR_N_FIELDS; field++)
    {
      publish_string (self, &self->shown.field_text[field], field_text (self, field), PROP_FIRST_FIELD + field);
      publish_string (self, &self->shown.field_error[field], field_error (self, field),
                      PROP_FIRST_FIELD_ERROR + field);
    }
  publish_int64 (self, &self->shown.id, quote->id, PROP_ID);
  publish_string (self, &self->shown.code, g_strdup (quote->code), PROP_CODE);
  if (self->shown.status != quote->status)
    {
      self->shown.status = quote->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (self->shown.revision != quote->revision)
    {
      self->shown.revision = quote->revision;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
    }
  publish_int64 (self, &self->shown.customer_id, quote->customer_id, PROP_CUSTOMER_ID);
  publish_string (self, &self->shown.customer_name, g_strdup (quote->customer_name), PROP_CUSTOMER_NAME);
  publish_int64 (self, &self->shown.contact_id, quote->contact_id, PROP_CONTACT_ID);
  publish_int64 (self, &self->shown.opportunity_id, quote->opportunity_id, PROP_OPPORTUNITY_ID);
}

/* "VAT 8 %: 80.000 ₫", one line per rate. */
static char *
vat_summary (const CrmQuoteTotals *totals)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < totals->vat->len; i++)
    {
      const CrmQuoteVat *vat = &g_array_index (totals->vat, CrmQuoteVat, i);
      g_autofree char *rate = crm_rate_format (vat->rate_bp);
      g_autofree char *amount = crm_money_format (vat->amount);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: a VAT rate ("8 %") and the VAT at that rate */
      g_string_append_printf (text, _("VAT %s: %s"), rate, amount);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
publish_totals (CrmQuoteEditor *self)
{
  g_autoptr(CrmQuote) quote = build_quote (self, NULL);
  g_autoptr(GError) error = NULL;

  if (!crm_quote_compute_totals (quote, &self->totals, &error))
    {
      crm_quote_totals_clear (&self->totals);
      self->totals.vat = g_array_new (FALSE, FALSE, sizeof (CrmQuoteVat));
    }
  publish_string (self, &self->shown.totals_error, error ? g_strdup (error->message) : NULL,
                  PROP_TOTALS_ERROR);
  publish_int64 (self, &self->shown.subtotal, self->totals.subtotal, PROP_SUBTOTAL);
  publish_int64 (self, &self->shown.discount_total, self->totals.discount_total, PROP_DISCOUNT_TOTAL);
  publish_int64 (self, &self->shown.net_total, self->totals.net_total, PROP_NET_TOTAL);
  publish_int64 (self, &self->shown.vat_total, self->totals.vat_total, PROP_VAT_TOTAL);
  publish_int64 (self, &self->shown.grand_total, self->totals.grand_total, PROP_GRAND_TOTAL);
  publish_string (self, &self->shown.vat_summary, vat_summary (&self->totals), PROP_VAT_SUMMARY);
  publish_string (self, &self->shown.words, crm_money_words (self->totals.grand_total),
                  PROP_AMOUNT_IN_WORDS);
}

static gboolean
has_errors (CrmQuoteEditor *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (self->shown.totals_error != NULL)
    return TRUE;
  for (guint field = 0; field < CRM_QUOTE_EDITOR_N_FIELDS; field++)
    if (self->shown.field_error[field] != NULL)
      return TRUE;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CrmQuoteLineItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
        if (item->error[cell] != NULL)
          return TRUE;
    }
  return FALSE;
}

static gboolean
has_bad_text (const Draft *draft)
{
  if (draft->bad_date[0] != NULL || draft->bad_date[1] != NULL)
    return TRUE;
  for (guint i = 0; i < draft->states->len; i++)
    for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
      if (draft_state (draft, i)->bad_text[cell] != NULL)
        return TRUE;
  return FALSE;
}

static void
publish_state (CrmQuoteEditor *self)
{
  g_autoptr(CrmQuote) quote = build_quote (self, NULL);
  gboolean read_only = self->draft->quote->status == CRM_QUOTE_STATUS_ACCEPTED;
  gboolean dirty = quote->id == 0 || has_bad_text (self->draft) ||
                   !crm_quote_same_content (quote, self->original);

  publish_bool (self, &self->shown.read_only, read_only, PROP_READ_ONLY);
  publish_bool (self, &self->shown.dirty, dirty, PROP_DIRTY);
  publish_bool (self, &self->shown.can_save, dirty && !read_only && !has_errors (self), PROP_CAN_SAVE);
  publish_bool (self, &self->shown.can_undo, !read_only && !g_queue_is_empty (&self->undo), PROP_CAN_UNDO);
  publish_bool (self, &self->shown.can_redo, !read_only && !g_queue_is_empty (&self->redo), PROP_CAN_REDO);
}

/* Derives everything shown from the draft. */
static void
refresh (CrmQuoteEditor *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  sync_items (self);
  publish_header (self);
  publish_totals (self);
  publish_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_message (CrmQuoteEditor *self,
             const char     *message)
{
  publish_string (self, &self->message, g_strdup (message), PROP_MESSAGE);
}

/* Reports @local (taken) as the editor's message and to the caller. */
static gboolean
fail (CrmQuoteEditor  *self,
      GError          *local,
      GError         **error)
{
  set_message (self, local->message);
  g_propagate_error (error, local);
  return FALSE;
}

static void
update_sends (CrmQuoteEditor *self)
{
  g_autoptr(GPtrArray) sends = NULL;

  if (self->draft->quote->id > 0)
    sends = crm_quote_store_list_sends (self->store, self->session, self->draft->quote->id, NULL);
  if (sends == NULL)
    sends = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_send_free);
  publish_string (self, &self->sends_text, crm_quote_describe_sends (sends), PROP_SENDS_TEXT);
}

/* Undo and redo ------------------------------------------------------------------------ */

static void
clear_history (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) draft_free);
}

static void
push_bounded (GQueue *queue,
              Draft  *draft)
{
  g_queue_push_head (queue, draft);
  while (g_queue_get_length (queue) > CRM_QUOTE_EDITOR_MAX_UNDO)
    draft_free (g_queue_pop_tail (queue));
}

/* Every change to an accepted quote is refused, with the store's words. */
static gboolean
check_editable (CrmQuoteEditor  *self,
                GError         **error)
{
  const CrmQuote *quote = self->draft->quote;

  if (quote->status != CRM_QUOTE_STATUS_ACCEPTED)
    return TRUE;
  return fail (self,
               g_error_new (CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                            _("Quote %s was accepted by the customer and is locked: it can no longer be changed or sent."),
                            quote->code),
               error);
}

static gboolean
check_position (CrmQuoteEditor  *self,
                guint            position,
                GError         **error)
{
  if (position < self->draft->states->len)
    return TRUE;
  return fail (self,
               g_error_new (CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                            _("The quote has no line %u."), position + 1),
               error);
}

/* Ends a change made to the draft since @before (taken) was copied: one
 * undo step, unless nothing a user can see changed. */
static void
commit_change (CrmQuoteEditor *self,
               Draft          *before)
{
  if (draft_same (before, self->draft))
    draft_free (before);
  else
    {
      push_bounded (&self->undo, before);
      clear_history (&self->redo);
    }
  set_message (self, NULL);
  refresh (self);
}

/* Makes @draft (taken) the draft, keeping what only the store changes. */
static void
restore_draft (CrmQuoteEditor *self,
               Draft          *draft)
{
  keep_stored_fields (draft->quote, self->draft->quote);
  draft_free (self->draft);
  self->draft = draft;
}

/* Gives the lines the ids the store gave on saving, in the snapshots too,
 * so undoing to them later still follows the same lines. */
static void
assign_line_ids (GQueue     *queue,
                 GHashTable *ids)
{
  for (GList *l = queue->head; l != NULL; l = l->next)
    {
      Draft *draft = l->data;

      for (guint i = 0; i < draft->states->len; i++)
        {
          CrmQuoteLine *line = draft_line (draft, i);
          gint64 *id = g_hash_table_lookup (ids, &draft_state (draft, i)->key);

          if (id != NULL && line->id == 0)
            line->id = *id;
        }
    }
}

/* Takes @saved, the quote the store has now (its lines those of the
 * draft with @keys, in order), as the original and the draft's base. */
static void
adopt_saved (CrmQuoteEditor *self,
             const CrmQuote *saved,
             GArray         *keys)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  CrmQuote *quote;
  guint k = 0;

  g_assert (keys->len == saved->lines->len);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_insert (ids, &g_array_index (keys, guint64, i),
                         &((CrmQuoteLine *) g_ptr_array_index (saved->lines, i))->id);
  assign_line_ids (&self->undo, ids);
  assign_line_ids (&self->redo, ids);

  /* Blank lines stay where they were; the others are as saved. */
  quote = crm_quote_copy (saved);
  g_ptr_array_set_size (quote->lines, 0);
  for (guint i = 0; i < self->draft->states->len; i++)
    {
      const CrmQuoteLine *line = draft_line (self->draft, i);

      if (k < keys->len && draft_state (self->draft, i)->key == g_array_index (keys, guint64, k))
        crm_quote_add_line (quote, crm_quote_line_copy (g_ptr_array_index (saved->lines, k++)));
      else
        crm_quote_add_line (quote, crm_quote_line_copy (line));
    }
  crm_quote_free (self->draft->quote);
  self->draft->quote = quote;
  g_clear_pointer (&self->draft->bad_date[0], g_free);
  g_clear_pointer (&self->draft->bad_date[1], g_free);
  crm_quote_free (self->original);
  self->original = crm_quote_copy (saved);
  if (saved->status == CRM_QUOTE_STATUS_ACCEPTED)
    {
      clear_history (&self->undo);
      clear_history (&self->redo);
    }
}

/* Starts afresh on @quote (taken): no history, the quote as original. */
static void
reset (CrmQuoteEditor *self,
       CrmQuote       *quote)
{
  Draft *draft = draft_new (quote);

  for (guint i = 0; i < quote->lines->len; i++)
    g_ptr_array_add (draft->states, state_for_stored_line (self, g_ptr_array_index (quote->lines, i)));
  draft_free (self->draft);
  self->draft = draft;
  crm_quote_free (self->original);
  self->original = crm_quote_copy (quote);
  clear_history (&self->undo);
  clear_history (&self->redo);
  set_message (self, NULL);
  update_sends (self);
  refresh (self);
}

/* The product and its price for the customer on the quote's date. */
static CrmProduct *
price_product (CrmQuoteEditor  *self,
               gint64           product_id,
               CrmLinePrice    *price,
               GError         **error)
{
  g_autoptr(CrmProduct) product = NULL;
  GError *local = NULL;

  if (!(product = crm_product_store_get (self->store, self->session, product_id, &local)) ||
      !crm_pricing_quote_line (self->store, self->session, self->draft->quote->customer_id, product_id,
                               self->draft->quote->issue_date, price, &local))
    {
      fail (self, local, error);
      return NULL;
    }
  return g_steal_pointer (&product);
}

/* A new line: one unit, the standard VAT rate in force on the quote's date. */
static CrmQuoteLine *
new_line (CrmQuoteEditor *self)
{
  CrmQuoteLine *line = crm_quote_line_new ();
  int rate = 0;

  if (crm_pricing_vat_rate_on (self->store, 1000, self->draft->quote->issue_date, &rate, NULL))
    line->vat_rate_bp = rate;
  return line;
}

static guint
insert_line (CrmQuoteEditor *self,
             gint            after)
{
  guint position = after < 0 ? 0 : MIN ((guint) after + 1, self->draft->states->len);

  g_ptr_array_insert (self->draft->quote->lines, position, new_line (self));
  g_ptr_array_insert (self->draft->states, position, line_state_new (++self->next_key));
  return position;
}

/* Overrides --------------------------------------------------------------------------------- */

static void
crm_quote_editor_dispose (GObject *object)
{
  CrmQuoteEditor *self = CRM_QUOTE_EDITOR (object);

  if (self->items != NULL)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CrmQuoteLineItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
          item->editor = NULL;
        }
    }
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_quote_editor_parent_class)->dispose (object);
}

static void
crm_quote_editor_finalize (GObject *object)
{
  CrmQuoteEditor *self = CRM_QUOTE_EDITOR (object);

  g_clear_pointer (&self->draft, draft_free);
  g_clear_pointer (&self->original, crm_quote_free);
  clear_history (&self->undo);
  clear_history (&self->redo);
  crm_quote_totals_clear (&self->totals);
  g_clear_pointer (&self->price_list_names, g_hash_table_unref);
  g_clear_pointer (&self->promotion_names, g_hash_table_unref);
  g_free (self->message);
  g_free (self->sends_text);
  for (guint field = 0; field < CRM_QUOTE_EDITOR_N_FIELDS; field++)
    {
      g_free (self->shown.field_text[field]);
      g_free (self->shown.field_error[field]);
    }
  g_free (self->shown.code);
  g_free (self->shown.customer_name);
  g_free (self->shown.vat_summary);
  g_free (self->shown.words);
  g_free (self->shown.totals_error);

  G_OBJECT_CLASS (crm_quote_editor_parent_class)->finalize (object);
}

static void
crm_quote_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmQuoteEditor *self = CRM_QUOTE_EDITOR (object);
  Shown *shown = &self->shown;

  if (prop_id >= PROP_FIRST_FIELD && prop_id < PROP_FIRST_FIELD_ERROR)
    g_value_set_string (value, shown->field_text[prop_id - PROP_FIRST_FIELD]);
  else if (prop_id >= PROP_FIRST_FIELD_ERROR && prop_id < PROP_ID)
    g_value_set_string (value, shown->field_error[prop_id - PROP_FIRST_FIELD_ERROR]);
  else
    switch (prop_id)
      {
      case PROP_ID: g_value_set_int64 (value, shown->id); break;
      case PROP_CODE: g_value_set_string (value, shown->code); break;
      case PROP_STATUS: g_value_set_enum (value, shown->status); break;
      case PROP_REVISION: g_value_set_int (value, shown->revision); break;
      case PROP_CUSTOMER_ID: g_value_set_int64 (value, shown->customer_id); break;
      case PROP_CUSTOMER_NAME: g_value_set_string (value, shown->customer_name); break;
      case PROP_CONTACT_ID: g_value_set_int64 (value, shown->contact_id); break;
      case PROP_OPPORTUNITY_ID: g_value_set_int64 (value, shown->opportunity_id); break;
      case PROP_LINES: g_value_set_object (value, self->items); break;
      case PROP_SUBTOTAL: g_value_set_int64 (value, shown->subtotal); break;
      case PROP_DISCOUNT_TOTAL: g_value_set_int64 (value, shown->discount_total); break;
      case PROP_NET_TOTAL: g_value_set_int64 (value, shown->net_total); break;
      case PROP_VAT_TOTAL: g_value_set_int64 (value, shown->vat_total); break;
      case PROP_GRAND_TOTAL: g_value_set_int64 (value, shown->grand_total); break;
      case PROP_VAT_SUMMARY: g_value_set_string (value, shown->vat_summary); break;
      case PROP_AMOUNT_IN_WORDS: g_value_set_string (value, shown->words); break;
      case PROP_TOTALS_ERROR: g_value_set_string (value, shown->totals_error); break;
      case PROP_DIRTY: g_value_set_boolean (value, shown->dirty); break;
      case PROP_CAN_SAVE: g_value_set_boolean (value, shown->can_save); break;
      case PROP_CAN_UNDO: g_value_set_boolean (value, shown->can_undo); break;
      case PROP_CAN_REDO: g_value_set_boolean (value, shown->can_redo); break;
      case PROP_READ_ONLY: g_value_set_boolean (value, shown->read_only); break;
      case PROP_MESSAGE: g_value_set_string (value, self->message); break;
      case PROP_SENDS_TEXT: g_value_set_string (value, self->sends_text); break;
      default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      }
}

static void
crm_quote_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrmQuoteEditor *self = CRM_QUOTE_EDITOR (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < PROP_FIRST_FIELD_ERROR)
    crm_quote_editor_set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value), NULL);
  else if (prop_id == PROP_CONTACT_ID)
    crm_quote_editor_set_contact_id (self, g_value_get_int64 (value), NULL);
  else if (prop_id == PROP_OPPORTUNITY_ID)
    crm_quote_editor_set_opportunity_id (self, g_value_get_int64 (value), NULL);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static GParamSpec *
read_only_int64 (const char *name,
                 gint64      minimum)
{
  return g_param_spec_int64 (name, NULL, NULL, minimum, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
read_only_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
read_only_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
crm_quote_editor_class_init (CrmQuoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_quote_editor_dispose;
  object_class->finalize = crm_quote_editor_finalize;
  object_class->get_property = crm_quote_editor_get_property;
  object_class->set_property = crm_quote_editor_set_property;

  for (guint field = 0; field < CRM_QUOTE_EDITOR_N_FIELDS; field++)
    {
      properties[PROP_FIRST_FIELD + field] =
        g_param_spec_string (field_names[field], NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      properties[PROP_FIRST_FIELD_ERROR + field] = read_only_string (field_error_names[field]);
    }
  properties[PROP_ID] = read_only_int64 ("id", 0);
  properties[PROP_CODE] = read_only_string ("code");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CRM_TYPE_QUOTE_STATUS, CRM_QUOTE_STATUS_DRAFT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int ("revision", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] = read_only_int64 ("customer-id", 0);
  properties[PROP_CUSTOMER_NAME] = read_only_string ("customer-name");
  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPPORTUNITY_ID] =
    g_param_spec_int64 ("opportunity-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINES] =
    g_param_spec_object ("lines", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTOTAL] = read_only_int64 ("subtotal", G_MININT64);
  properties[PROP_DISCOUNT_TOTAL] = read_only_int64 ("discount-total", G_MININT64);
  properties[PROP_NET_TOTAL] = read_only_int64 ("net-total", G_MININT64);
  properties[PROP_VAT_TOTAL] = read_only_int64 ("vat-total", G_MININT64);
  properties[PROP_GRAND_TOTAL] = read_only_int64 ("grand-total", G_MININT64);
  properties[PROP_VAT_SUMMARY] = read_only_string ("vat-summary");
  properties[PROP_AMOUNT_IN_WORDS] = read_only_string ("amount-in-words");
  properties[PROP_TOTALS_ERROR] = read_only_string ("totals-error");
  properties[PROP_DIRTY] = read_only_boolean ("dirty");
  properties[PROP_CAN_SAVE] = read_only_boolean ("can-save");
  properties[PROP_CAN_UNDO] = read_only_boolean ("can-undo");
  properties[PROP_CAN_REDO] = read_only_boolean ("can-redo");
  properties[PROP_READ_ONLY] = read_only_boolean ("read-only");
  properties[PROP_MESSAGE] = read_only_string ("message");
  properties[PROP_SENDS_TEXT] = read_only_string ("sends-text");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_quote_editor_init (CrmQuoteEditor *self)
{
  self->items = g_list_store_new (CRM_TYPE_QUOTE_LINE_ITEM);
  self->draft = draft_new (crm_quote_new ());
  self->original = crm_quote_new ();
  self->totals.vat = g_array_new (FALSE, FALSE, sizeof (CrmQuoteVat));
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

/* Public API: starting ---------------------------------------------------------------------- */

CrmQuoteEditor *
crm_quote_editor_new (CrmStore   *store,
                      CrmSession *session)
{
  CrmQuoteEditor *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_QUOTE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  refresh (self);
  update_sends (self);
  return self;
}

/**
 * crm_quote_editor_load:
 *
 * Opens a stored quote: its header and lines become the draft, the undo
 * history starts empty.  An accepted quote opens read only.
 */
gboolean
crm_quote_editor_load (CrmQuoteEditor  *self,
                       gint64           quote_id,
                       GError         **error)
{
  CrmQuote *quote;
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!(quote = crm_quote_store_get (self->store, self->session, quote_id, &local)))
    return fail (self, local, error);
  reset (self, quote);
  return TRUE;
}

/**
 * crm_quote_editor_start_new:
 * @contact_id: a contact of the customer, or 0
 * @opportunity_id: an opportunity of the customer, or 0
 *
 * Starts a new draft for a customer the session may see: dated today,
 * valid for 30 days, no lines.  Nothing is stored before save().
 */
gboolean
crm_quote_editor_start_new (CrmQuoteEditor  *self,
                            gint64           customer_id,
                            gint64           contact_id,
                            gint64           opportunity_id,
                            GError         **error)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = g_date_time_add_days (today, 30);
  CrmQuote *quote;
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!(customer = crm_customer_store_get (self->store, self->session, customer_id, &local)))
    return fail (self, local, error);
  quote = crm_quote_new ();
  quote->customer_id = customer_id;
  quote->contact_id = MAX (contact_id, 0);
  quote->opportunity_id = MAX (opportunity_id, 0);
  quote->issue_date = g_date_time_format (today, "%Y-%m-%d");
  quote->valid_until = g_date_time_format (until, "%Y-%m-%d");
  quote->customer_code = g_strdup (customer->code);
  quote->customer_name = g_strdup (customer->full_name);
  quote->owner_id = crm_session_get_user_id (self->session);
  quote->owner_name = g_strdup (crm_session_get_full_name (self->session));
  reset (self, quote);
  return TRUE;
}

/* Public API: state ------------------------------------------------------------------------- */

const CrmQuote *
crm_quote_editor_get_quote (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  return self->draft->quote;
}

gint64
crm_quote_editor_get_id (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), 0);
  return self->draft->quote->id;
}

CrmQuoteStatus
crm_quote_editor_get_status (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), CRM_QUOTE_STATUS_DRAFT);
  return self->draft->quote->status;
}

/* The revision saved last: 1 until a change is saved after a send. */
gint
crm_quote_editor_get_revision (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), 0);
  return self->draft->quote->revision;
}

gboolean
crm_quote_editor_get_read_only (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);
  return self->shown.read_only;
}

gboolean
crm_quote_editor_get_dirty (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);
  return self->shown.dirty;
}

gboolean
crm_quote_editor_get_can_save (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);
  return self->shown.can_save;
}

gboolean
crm_quote_editor_get_can_undo (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);
  return self->shown.can_undo;
}

gboolean
crm_quote_editor_get_can_redo (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);
  return self->shown.can_redo;
}

const char *
crm_quote_editor_get_message (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  return self->message;
}

const char *
crm_quote_editor_get_sends_text (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  return self->sends_text;
}

/* Public API: header ------------------------------------------------------------------------ */

/**
 * crm_quote_editor_set_field:
 *
 * One undo step.  A date that is not one is kept as typed, with its error
 * in "<field>-error"; the quote keeps the last valid date meanwhile.
 */
gboolean
crm_quote_editor_set_field (CrmQuoteEditor       *self,
                            CrmQuoteEditorField   field,
                            const char           *text,
                            GError              **error)
{
  CrmQuote *quote;
  Draft *before;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);
  g_return_val_if_fail (field < CRM_QUOTE_EDITOR_N_FIELDS, FALSE);

  if (!check_editable (self, error))
    return FALSE;
  text = text ? text : "";
  before = draft_copy (self->draft);
  quote = self->draft->quote;
  if (field == CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE || field == CRM_QUOTE_EDITOR_FIELD_VALID_UNTIL)
    {
      g_autofree char *iso = NULL;

      if (parse_date (text, field, &iso, NULL))
        {
          g_clear_pointer (&self->draft->bad_date[field], g_free);
          if (field == CRM_QUOTE_EDITOR_FIELD_ISSUE_DATE)
            replace_text (&quote->issue_date, iso);
          else
            replace_text (&quote->valid_until, iso);
        }
      else
        replace_text (&self->draft->bad_date[field], text);
    }
  else if (field == CRM_QUOTE_EDITOR_FIELD_TERMS)
    replace_text (&quote->terms, text);
  else
    replace_text (&quote->notes, text);
  commit_change (self, before);
  return TRUE;
}

const char *
crm_quote_editor_get_field (CrmQuoteEditor      *self,
                            CrmQuoteEditorField  field)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  g_return_val_if_fail (field < CRM_QUOTE_EDITOR_N_FIELDS, NULL);
  return self->shown.field_text[field];
}

const char *
crm_quote_editor_get_field_error (CrmQuoteEditor      *self,
                                  CrmQuoteEditorField  field)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  g_return_val_if_fail (field < CRM_QUOTE_EDITOR_N_FIELDS, NULL);
  return self->shown.field_error[field];
}

/* The store checks on saving that the contact is the customer's. */
gboolean
crm_quote_editor_set_contact_id (CrmQuoteEditor  *self,
                                 gint64           contact_id,
                                 GError         **error)
{
  Draft *before;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  before = draft_copy (self->draft);
  self->draft->quote->contact_id = MAX (contact_id, 0);
  g_clear_pointer (&self->draft->quote->contact_name, g_free);
  commit_change (self, before);
  return TRUE;
}

gboolean
crm_quote_editor_set_opportunity_id (CrmQuoteEditor  *self,
                                     gint64           opportunity_id,
                                     GError         **error)
{
  Draft *before;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  before = draft_copy (self->draft);
  self->draft->quote->opportunity_id = MAX (opportunity_id, 0);
  commit_change (self, before);
  return TRUE;
}

/* Public API: lines ------------------------------------------------------------------------- */

/* Returns: (transfer none): the lines, as CrmQuoteLineItem. */
GListModel *
crm_quote_editor_get_lines (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * crm_quote_editor_add_line_after:
 * @position: the line the new one follows; -1 to put it first
 *
 * What Enter does in the last cell of a line: a new free-text line, one
 * undo step.  A line left blank is neither checked nor saved.
 *
 * Returns: the new line's position, -1 when refused.
 */
gint
crm_quote_editor_add_line_after (CrmQuoteEditor  *self,
                                 gint             position,
                                 GError         **error)
{
  Draft *before;
  guint added;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), -1);

  if (!check_editable (self, error))
    return -1;
  before = draft_copy (self->draft);
  added = insert_line (self, position);
  /* A blank line looks like no change, but it is one step. */
  push_bounded (&self->undo, before);
  clear_history (&self->redo);
  set_message (self, NULL);
  refresh (self);
  return (gint) added;
}

/**
 * crm_quote_editor_add_product_line:
 * @after: the line the new one follows; -1 to put it first
 *
 * A new line for the product, priced as crm_quote_editor_set_line_product()
 * does; one undo step.
 *
 * Returns: the new line's position, -1 when refused.
 */
gint
crm_quote_editor_add_product_line (CrmQuoteEditor  *self,
                                   gint             after,
                                   gint64           product_id,
                                   GError         **error)
{
  g_auto(CrmLinePrice) price = { 0, };
  g_autoptr(CrmProduct) product = NULL;
  Draft *before;
  guint added;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), -1);

  if (!check_editable (self, error) || !(product = price_product (self, product_id, &price, error)))
    return -1;
  before = draft_copy (self->draft);
  added = insert_line (self, after);
  apply_product (draft_line (self->draft, added), draft_state (self->draft, added), product, &price);
  commit_change (self, before);
  return (gint) added;
}

/**
 * crm_quote_editor_set_line_product:
 *
 * What choosing in the product picker does: the line takes the product's
 * name, unit and VAT rate in force on the quote's date, and the price and
 * promotion crm_pricing_quote_line() finds for the customer on that date
 * (its "price-source" says which applied).  The quantity stays.  One undo
 * step.
 */
gboolean
crm_quote_editor_set_line_product (CrmQuoteEditor  *self,
                                   guint            position,
                                   gint64           product_id,
                                   GError         **error)
{
  g_auto(CrmLinePrice) price = { 0, };
  g_autoptr(CrmProduct) product = NULL;
  Draft *before;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error) || !check_position (self, position, error) ||
      !(product = price_product (self, product_id, &price, error)))
    return FALSE;
  before = draft_copy (self->draft);
  apply_product (draft_line (self->draft, position), draft_state (self->draft, position), product, &price);
  commit_change (self, before);
  return TRUE;
}

gboolean
crm_quote_editor_remove_line (CrmQuoteEditor  *self,
                              guint            position,
                              GError         **error)
{
  Draft *before;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error) || !check_position (self, position, error))
    return FALSE;
  before = draft_copy (self->draft);
  g_ptr_array_remove_index (self->draft->quote->lines, position);
  g_ptr_array_remove_index (self->draft->states, position);
  push_bounded (&self->undo, before);
  clear_history (&self->redo);
  set_message (self, NULL);
  refresh (self);
  return TRUE;
}

/* Moves the line at @from so that it ends up at @to. */
gboolean
crm_quote_editor_move_line (CrmQuoteEditor  *self,
                            guint            from,
                            guint            to,
                            GError         **error)
{
  Draft *before;
  gpointer line, state;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error) || !check_position (self, from, error) ||
      !check_position (self, to, error))
    return FALSE;
  if (from == to)
    return TRUE;
  before = draft_copy (self->draft);
  line = g_ptr_array_steal_index (self->draft->quote->lines, from);
  state = g_ptr_array_steal_index (self->draft->states, from);
  g_ptr_array_insert (self->draft->quote->lines, to, line);
  g_ptr_array_insert (self->draft->states, to, state);
  push_bounded (&self->undo, before);
  clear_history (&self->redo);
  set_message (self, NULL);
  refresh (self);
  return TRUE;
}

/**
 * crm_quote_editor_set_cell:
 *
 * One undo step.  A number that does not parse or is out of range is kept
 * as typed with the cell's error, the line keeping its last valid value.
 * On a product line another unit price than the catalogue's is an
 * override: the line's price source becomes "manual" and it needs a reason
 * (an error in its override-reason cell until given); typing the
 * catalogue's price back undoes the override.
 */
gboolean
crm_quote_editor_set_cell (CrmQuoteEditor  *self,
                           guint            position,
                           CrmQuoteCell     cell,
                           const char      *text,
                           GError         **error)
{
  Draft *before;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);
  g_return_val_if_fail (cell < CRM_QUOTE_CELL_AMOUNT, FALSE);

  if (!check_editable (self, error) || !check_position (self, position, error))
    return FALSE;
  before = draft_copy (self->draft);
  apply_cell (draft_line (self->draft, position), draft_state (self->draft, position), cell,
              text ? text : "");
  commit_change (self, before);
  return TRUE;
}

const char *
crm_quote_editor_get_cell (CrmQuoteEditor *self,
                           guint           position,
                           CrmQuoteCell    cell)
{
  g_autoptr(CrmQuoteLineItem) item = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  g_return_val_if_fail (cell < CRM_QUOTE_N_CELLS, NULL);

  if (!(item = g_list_model_get_item (G_LIST_MODEL (self->items), position)))
    return NULL;
  /* The list store keeps the item, and with it the text. */
  return item->text[cell];
}

const char *
crm_quote_editor_get_cell_error (CrmQuoteEditor *self,
                                 guint           position,
                                 CrmQuoteCell    cell)
{
  g_autoptr(CrmQuoteLineItem) item = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  g_return_val_if_fail (cell < CRM_QUOTE_N_CELLS, NULL);

  if (!(item = g_list_model_get_item (G_LIST_MODEL (self->items), position)))
    return NULL;
  return item->error[cell];
}

GPtrArray *
crm_quote_editor_search_products (CrmQuoteEditor  *self,
                                  const char      *text,
                                  guint            limit,
                                  GError         **error)
{
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);

  filter->active = 1;
  filter->search = g_strdup (text);
  filter->sort = CRM_PRODUCT_SORT_NAME;
  filter->ascending = TRUE;
  return crm_product_store_fetch (self->store, self->session, filter, 0, limit, error);
}

/* Public API: totals ------------------------------------------------------------------------ */

const CrmQuoteTotals *
crm_quote_editor_get_totals (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  return &self->totals;
}

const char *
crm_quote_editor_get_amount_in_words (CrmQuoteEditor *self)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  return self->shown.words;
}

/* Public API: undo -------------------------------------------------------------------------- */

gboolean
crm_quote_editor_undo (CrmQuoteEditor  *self,
                       GError         **error)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  if (g_queue_is_empty (&self->undo))
    return fail (self, g_error_new_literal (CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                                            _("There is nothing to undo.")), error);
  push_bounded (&self->redo, draft_copy (self->draft));
  restore_draft (self, g_queue_pop_head (&self->undo));
  set_message (self, NULL);
  refresh (self);
  return TRUE;
}

gboolean
crm_quote_editor_redo (CrmQuoteEditor  *self,
                       GError         **error)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  if (g_queue_is_empty (&self->redo))
    return fail (self, g_error_new_literal (CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                                            _("There is nothing to redo.")), error);
  push_bounded (&self->undo, draft_copy (self->draft));
  restore_draft (self, g_queue_pop_head (&self->redo));
  set_message (self, NULL);
  refresh (self);
  return TRUE;
}

/**
 * crm_quote_editor_revert:
 *
 * Back to the quote as last loaded or saved, as one undo step.
 */
gboolean
crm_quote_editor_revert (CrmQuoteEditor  *self,
                         GError         **error)
{
  Draft *before;
  Draft *draft;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  before = draft_copy (self->draft);
  draft = draft_new (crm_quote_copy (self->original));
  for (guint i = 0; i < self->original->lines->len; i++)
    {
      const CrmQuoteLine *line = g_ptr_array_index (self->original->lines, i);
      LineState *state = NULL;

      /* A line still in the draft keeps its key, so its row stays. */
      for (guint j = 0; line->id > 0 && j < self->draft->states->len && state == NULL; j++)
        if (draft_line (self->draft, j)->id == line->id)
          {
            state = line_state_copy (draft_state (self->draft, j));
            for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
              g_clear_pointer (&state->bad_text[cell], g_free);
          }
      g_ptr_array_add (draft->states, state ? state : state_for_stored_line (self, line));
    }
  restore_draft (self, draft);
  commit_change (self, before);
  return TRUE;
}

/* Public API: store actions ----------------------------------------------------------------- */

/**
 * crm_quote_editor_save:
 *
 * Writes the draft: a new quote is created (it gets its code), a stored
 * one saved, which makes a new revision once the quote has been sent.
 * Refusals (a locked quote, someone else's newer save, a wrong contact)
 * come back as the error and the "message", and the draft stays as
 * typed.  The undo history survives a save.
 */
gboolean
crm_quote_editor_save (CrmQuoteEditor  *self,
                       GError         **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(CrmQuote) quote = NULL;
  GError *local = NULL;
  gboolean saved;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  if (!self->shown.can_save)
    return fail (self,
                 g_error_new_literal (CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                                      self->shown.dirty ? _("Correct the fields marked in red before saving.")
                                                        : _("Nothing has changed.")),
                 error);
  quote = build_quote (self, keys);
  if (quote->id == 0)
    saved = crm_quote_store_create (self->store, self->session, quote, &local) > 0;
  else
    saved = crm_quote_store_save (self->store, self->session, quote, &local);
  if (!saved)
    return fail (self, local, error);
  adopt_saved (self, quote, keys);
  set_message (self, NULL);
  refresh (self);
  return TRUE;
}

/* After an action of the store on the saved quote: reads it back. */
static gboolean
reload_saved (CrmQuoteEditor  *self,
              GError         **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(CrmQuote) built = build_quote (self, keys);
  g_autoptr(CrmQuote) fresh = NULL;
  GError *local = NULL;

  if (!(fresh = crm_quote_store_get (self->store, self->session, built->id, &local)))
    return fail (self, local, error);
  if (fresh->lines->len == keys->len)
    adopt_saved (self, fresh, keys);
  else
    reset (self, g_steal_pointer (&fresh));
  set_message (self, NULL);
  update_sends (self);
  refresh (self);
  return TRUE;
}

/* Accepting or rejecting is about the saved quote: unsaved changes first. */
static gboolean
check_saved (CrmQuoteEditor  *self,
             GError         **error)
{
  if (self->draft->quote->id > 0 && !self->shown.dirty)
    return TRUE;
  return fail (self,
               g_error_new_literal (CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                                    _("Save or undo your changes first.")),
               error);
}

/**
 * crm_quote_editor_send:
 * @recipient: to whom: an address, a name
 *
 * Records that the quote went to the customer now (saving the draft
 * first when it has changes), which also enters it in the customer's
 * history; "sends-text" then says so.
 */
gboolean
crm_quote_editor_send (CrmQuoteEditor   *self,
                       const char       *recipient,
                       CrmQuoteChannel   channel,
                       GError          **error)
{
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  if (self->shown.dirty && !crm_quote_editor_save (self, error))
    return FALSE;
  send->recipient = g_strdup (recipient);
  send->channel = channel;
  if (!crm_quote_store_send (self->store, self->session, self->draft->quote->id, send, &local))
    return fail (self, local, error);
  return reload_saved (self, error);
}

/* The customer accepted the sent quote: from now on it is read only. */
gboolean
crm_quote_editor_accept (CrmQuoteEditor  *self,
                         GError         **error)
{
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error) || !check_saved (self, error))
    return FALSE;
  if (!crm_quote_store_accept (self->store, self->session, self->draft->quote->id, &local))
    return fail (self, local, error);
  return reload_saved (self, error);
}

gboolean
crm_quote_editor_reject (CrmQuoteEditor  *self,
                         GError         **error)
{
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), FALSE);

  if (!check_editable (self, error) || !check_saved (self, error))
    return FALSE;
  if (!crm_quote_store_reject (self->store, self->session, self->draft->quote->id, &local))
    return fail (self, local, error);
  return reload_saved (self, error);
}

/* Public API: revisions ----------------------------------------------------------------------- */

GPtrArray *
crm_quote_editor_list_revisions (CrmQuoteEditor  *self,
                                 GError         **error)
{
  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);

  if (self->draft->quote->id == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_revision_free);
  return crm_quote_store_list_revisions (self->store, self->session, self->draft->quote->id, error);
}

static CrmQuote *
revision_quote (CrmQuoteEditor  *self,
                gint             revision,
                GError         **error)
{
  g_autoptr(CrmQuoteRevision) saved = NULL;

  if (revision == 0)
    return build_quote (self, NULL);
  if (!(saved = crm_quote_store_get_revision (self->store, self->session, self->draft->quote->id,
                                              revision, error)))
    return NULL;
  return g_steal_pointer (&saved->quote);
}

GPtrArray *
crm_quote_editor_diff_revisions (CrmQuoteEditor  *self,
                                 gint             old_revision,
                                 gint             new_revision,
                                 GError         **error)
{
  g_autoptr(CrmQuote) old_quote = NULL;
  g_autoptr(CrmQuote) new_quote = NULL;

  g_return_val_if_fail (CRM_IS_QUOTE_EDITOR (self), NULL);
  g_return_val_if_fail (old_revision >= 0 && new_revision >= 0, NULL);

  if (!(old_quote = revision_quote (self, old_revision, error)) ||
      !(new_quote = revision_quote (self, new_revision, error)))
    return NULL;
  return crm_quote_diff_lines (old_quote, new_quote);
}
