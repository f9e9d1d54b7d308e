/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-quote"

#include "config.h"

#include "crm-quote.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"
#include "crm-validate.h"

G_DEFINE_ENUM_TYPE (CrmQuoteStatus, crm_quote_status,
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_STATUS_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_STATUS_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_STATUS_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_STATUS_EXPIRED, "expired"))

G_DEFINE_ENUM_TYPE (CrmQuoteChannel, crm_quote_channel,
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_CHANNEL_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_CHANNEL_PRINT, "print"),
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_CHANNEL_HAND, "hand"),
  G_DEFINE_ENUM_VALUE (CRM_QUOTE_CHANNEL_ONLINE, "online"))

G_DEFINE_BOXED_TYPE (CrmQuoteLine, crm_quote_line, crm_quote_line_copy, crm_quote_line_free)
G_DEFINE_BOXED_TYPE (CrmQuote, crm_quote, crm_quote_copy, crm_quote_free)
G_DEFINE_BOXED_TYPE (CrmQuoteSend, crm_quote_send, crm_quote_send_copy, crm_quote_send_free)
G_DEFINE_BOXED_TYPE (CrmQuoteRevision, crm_quote_revision, crm_quote_revision_copy,
                     crm_quote_revision_free)
G_DEFINE_BOXED_TYPE (CrmQuoteRow, crm_quote_row, crm_quote_row_copy, crm_quote_row_free)

/* In the order of the enums, which is the order of the schema's CHECKs. */
static const char *const status_names[CRM_QUOTE_N_STATUSES] = {
  "draft", "sent", "accepted", "rejected", "expired",
};
static const char *const channel_names[CRM_QUOTE_N_CHANNELS] = {
  "email", "print", "hand", "online",
};

#define BASIS_POINTS 10000
#define THOUSANDTHS  1000

/* Names and labels ------------------------------------------------------- */

const char *
crm_quote_status_to_string (CrmQuoteStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return NULL;
  return status_names[status];
}

gboolean
crm_quote_status_from_string (const char     *text,
                              CrmQuoteStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_quote_status_label (CrmQuoteStatus status)
{
  switch (status)
    {
    case CRM_QUOTE_STATUS_DRAFT:
      return _("Draft");
    case CRM_QUOTE_STATUS_SENT:
      return _("Sent");
    case CRM_QUOTE_STATUS_ACCEPTED:
      return _("Accepted");
    case CRM_QUOTE_STATUS_REJECTED:
      return _("Rejected");
    case CRM_QUOTE_STATUS_EXPIRED:
      return _("Expired");
    default:
      return "";
    }
}

const char *
crm_quote_channel_to_string (CrmQuoteChannel channel)
{
  if ((guint) channel >= G_N_ELEMENTS (channel_names))
    return NULL;
  return channel_names[channel];
}

gboolean
crm_quote_channel_from_string (const char      *text,
                               CrmQuoteChannel *channel)
{
  g_return_val_if_fail (channel != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (channel_names); i++)
    if (g_strcmp0 (text, channel_names[i]) == 0)
      {
        *channel = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_quote_channel_label (CrmQuoteChannel channel)
{
  switch (channel)
    {
    case CRM_QUOTE_CHANNEL_EMAIL:
      return _("Email");
    case CRM_QUOTE_CHANNEL_PRINT:
      return _("Printed copy");
    case CRM_QUOTE_CHANNEL_HAND:
      return _("By hand");
    case CRM_QUOTE_CHANNEL_ONLINE:
      return _("Online");
    default:
      return "";
    }
}

char *
crm_quote_format_quantity (gint64 quantity_milli)
{
  guint64 magnitude = quantity_milli < 0 ? (guint64) -(quantity_milli + 1) + 1 : (guint64) quantity_milli;
  const char *sign = quantity_milli < 0 ? "-" : "";
  guint fraction = (guint) (magnitude % THOUSANDTHS);
  char digits[4];
  int len;

  if (fraction == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, magnitude / THOUSANDTHS);
  g_snprintf (digits, sizeof digits, "%03u", fraction);
  for (len = 3; digits[len - 1] == '0'; len--)
    digits[len - 1] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%s", sign, magnitude / THOUSANDTHS, digits);
}

/* Exact arithmetic --------------------------------------------------------- */

/* a × b as four 32-bit limbs, least significant first: the product of two
 * 64-bit magnitudes needs 128 bits, and not every target has __int128. */
static void
multiply_wide (guint64  a,
               guint64  b,
               guint32  limbs[4])
{
  guint64 a_lo = a & 0xffffffffu, a_hi = a >> 32;
  guint64 b_lo = b & 0xffffffffu, b_hi = b >> 32;
  guint64 ll = a_lo * b_lo;
  guint64 lh = a_lo * b_hi;
  guint64 hl = a_hi * b_lo;
  guint64 mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
  guint64 high = a_hi * b_hi + (lh >> 32) + (hl >> 32) + (mid >> 32);

  limbs[0] = (guint32) ll;
  limbs[1] = (guint32) mid;
  limbs[2] = (guint32) high;
  limbs[3] = (guint32) (high >> 32);
}

/* round (a × b / divisor), half away from zero, exact for any 64-bit a and
 * b; FALSE when the result does not fit a gint64. */
static gboolean
multiply_divide_round (gint64   a,
                       gint64   b,
                       guint32  divisor,
                       gint64  *result)
{
  guint64 magnitude_a = a < 0 ? (guint64) -(a + 1) + 1 : (guint64) a;
  guint64 magnitude_b = b < 0 ? (guint64) -(b + 1) + 1 : (guint64) b;
  gboolean negative = (a < 0) != (b < 0);
  guint32 limbs[4], quotient[4];
  guint64 remainder = 0, value;

  g_assert (divisor > 0);

  multiply_wide (magnitude_a, magnitude_b, limbs);
  for (int i = 3; i >= 0; i--)
    {
      guint64 current = (remainder << 32) | limbs[i];

      quotient[i] = (guint32) (current / divisor);
      remainder = current % divisor;
    }
  if (quotient[3] != 0 || quotient[2] != 0)
    return FALSE;
  value = ((guint64) quotient[1] << 32) | quotient[0];
  if (value > (guint64) G_MAXINT64)
    return FALSE;
  if (2 * remainder >= divisor)
    value++;
  if (value > (guint64) G_MAXINT64)
    return FALSE;
  *result = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

static gboolean
set_too_large (GError **error,
               guint    position)
{
  if (position > 0)
    g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                 _("Line %u: the amount is too large. Check the quantity and the unit price."),
                 position);
  else
    g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                         _("The total of the quote is too large. Check the quantities and the prices."));
  return FALSE;
}

/* Text fields ---------------------------------------------------------------- */

/* NULL and "" are the same text: a field edited back to empty is no change. */
static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

/* Trims a text in place; a blank one becomes NULL, or "" when @keep_empty. */
static void
normalise_text (char     **field,
                gboolean   keep_empty)
{
  if (crm_text_is_blank (*field))
    {
      g_free (*field);
      *field = keep_empty ? g_strdup ("") : NULL;
      return;
    }
  g_strstrip (*field);
}

/* Lines ------------------------------------------------------------------------ */

CrmQuoteLine *
crm_quote_line_new (void)
{
  CrmQuoteLine *self = g_new0 (CrmQuoteLine, 1);

  self->quantity_milli = THOUSANDTHS;
  self->unit = g_strdup ("");
  self->vat_rate_bp = 1000;
  return self;
}

CrmQuoteLine *
crm_quote_line_copy (const CrmQuoteLine *self)
{
  CrmQuoteLine *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->description = g_strdup (self->description);
  copy->unit = g_strdup (self->unit);
  copy->price_source = g_strdup (self->price_source);
  copy->override_reason = g_strdup (self->override_reason);
  return copy;
}

void
crm_quote_line_free (CrmQuoteLine *self)
{
  if (self == NULL)
    return;
  g_free (self->description);
  g_free (self->unit);
  g_free (self->price_source);
  g_free (self->override_reason);
  g_free (self);
}

/**
 * crm_quote_line_compare:
 *
 * Returns: the fields a reader of the quote sees that differ between @a
 *   and @b; 0 when they read the same.  The id, price source and
 *   override reason are not compared.
 */
CrmQuoteLineFields
crm_quote_line_compare (const CrmQuoteLine *a,
                        const CrmQuoteLine *b)
{
  CrmQuoteLineFields fields = 0;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  if (a->product_id != b->product_id)
    fields |= CRM_QUOTE_LINE_FIELD_PRODUCT;
  if (!text_equal (a->description, b->description))
    fields |= CRM_QUOTE_LINE_FIELD_DESCRIPTION;
  if (a->quantity_milli != b->quantity_milli)
    fields |= CRM_QUOTE_LINE_FIELD_QUANTITY;
  if (!text_equal (a->unit, b->unit))
    fields |= CRM_QUOTE_LINE_FIELD_UNIT;
  if (a->unit_price != b->unit_price)
    fields |= CRM_QUOTE_LINE_FIELD_UNIT_PRICE;
  if (a->discount_bp != b->discount_bp)
    fields |= CRM_QUOTE_LINE_FIELD_DISCOUNT;
  if (a->vat_rate_bp != b->vat_rate_bp)
    fields |= CRM_QUOTE_LINE_FIELD_VAT_RATE;
  return fields;
}

static gboolean
line_amounts (const CrmQuoteLine *self,
              guint               position,
              gint64             *gross,
              gint64             *discount,
              GError            **error)
{
  if (!multiply_divide_round (self->quantity_milli, self->unit_price, THOUSANDTHS, gross) ||
      *gross > CRM_QUOTE_MAX_AMOUNT || *gross < -CRM_QUOTE_MAX_AMOUNT ||
      !multiply_divide_round (*gross, self->discount_bp, BASIS_POINTS, discount))
    return set_too_large (error, position);
  return TRUE;
}

gboolean
crm_quote_line_amounts (const CrmQuoteLine  *self,
                        gint64              *gross,
                        gint64              *discount,
                        gint64              *net,
                        GError             **error)
{
  gint64 line_gross = 0, line_discount = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!line_amounts (self, 0, &line_gross, &line_discount, error))
    return FALSE;
  if (gross != NULL)
    *gross = line_gross;
  if (discount != NULL)
    *discount = line_discount;
  if (net != NULL)
    *net = line_gross - line_discount;
  return TRUE;
}

gboolean
crm_quote_line_validate (CrmQuoteLine  *self,
                         guint          position,
                         GError       **error)
{
  gint64 gross, discount;

  g_return_val_if_fail (self != NULL, FALSE);

  normalise_text (&self->description, FALSE);
  normalise_text (&self->unit, TRUE);
  normalise_text (&self->price_source, FALSE);
  normalise_text (&self->override_reason, FALSE);
  if (self->product_id < 0)
    self->product_id = 0;

  if (self->description == NULL)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                   _("Line %u: enter a description."), position);
      return FALSE;
    }
  if (self->quantity_milli <= 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Line %u: the quantity must be more than zero."), position);
      return FALSE;
    }
  if (self->unit_price < 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Line %u: the unit price cannot be negative."), position);
      return FALSE;
    }
  if (self->discount_bp < 0 || self->discount_bp > BASIS_POINTS)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Line %u: the discount must be between 0 %% and 100 %%."), position);
      return FALSE;
    }
  if (self->vat_rate_bp < 0 || self->vat_rate_bp > BASIS_POINTS)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Line %u: the VAT rate must be between 0 %% and 100 %%."), position);
      return FALSE;
    }
  return line_amounts (self, position, &gross, &discount, error);
}

/* Quotes ------------------------------------------------------------------------ */

static GPtrArray *
new_lines (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_line_free);
}

CrmQuote *
crm_quote_new (void)
{
  CrmQuote *self = g_new0 (CrmQuote, 1);

  self->status = CRM_QUOTE_STATUS_DRAFT;
  self->revision = 1;
  self->currency = g_strdup ("VND");
  self->lines = new_lines ();
  return self;
}

CrmQuote *
crm_quote_copy (const CrmQuote *self)
{
  CrmQuote *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->issue_date = g_strdup (self->issue_date);
  copy->valid_until = g_strdup (self->valid_until);
  copy->currency = g_strdup (self->currency);
  copy->terms = g_strdup (self->terms);
  copy->notes = g_strdup (self->notes);
  copy->lines = new_lines ();
  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    g_ptr_array_add (copy->lines, crm_quote_line_copy (g_ptr_array_index (self->lines, i)));
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->contact_name = g_strdup (self->contact_name);
  copy->owner_name = g_strdup (self->owner_name);
  copy->accepted_at = g_strdup (self->accepted_at);
  copy->rejected_at = g_strdup (self->rejected_at);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
crm_quote_free (CrmQuote *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->issue_date);
  g_free (self->valid_until);
  g_free (self->currency);
  g_free (self->terms);
  g_free (self->notes);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->contact_name);
  g_free (self->owner_name);
  g_free (self->accepted_at);
  g_free (self->rejected_at);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

CrmQuoteLine *
crm_quote_add_line (CrmQuote     *self,
                    CrmQuoteLine *line)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  if (self->lines == NULL)
    self->lines = new_lines ();
  g_ptr_array_add (self->lines, line);
  return line;
}

/* A required business date, rewritten to ISO. */
static gboolean
normalise_date (char        **field,
                const char   *missing_message,
                GError      **error)
{
  g_autofree char *iso = NULL;

  if (crm_text_is_blank (*field))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED, missing_message);
      return FALSE;
    }
  if (!crm_date_parse (*field, &iso, error))
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&iso);
  return TRUE;
}

static gboolean
validate_header (CrmQuote  *self,
                 GError   **error)
{
  if (self->customer_id <= 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Choose the customer this quote is for."));
      return FALSE;
    }
  if (!normalise_date (&self->issue_date, _("Enter the date of the quote."), error) ||
      !normalise_date (&self->valid_until, _("Enter the date until which the quote is valid."), error))
    return FALSE;
  if (strcmp (self->valid_until, self->issue_date) < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The quote cannot be valid until a date before its own date."));
      return FALSE;
    }
  normalise_text (&self->currency, FALSE);
  if (self->currency == NULL)
    self->currency = g_strdup ("VND");
  if (g_ascii_strcasecmp (self->currency, "VND") != 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Quotes are made in Vietnamese đồng (VND) only."));
      return FALSE;
    }
  g_free (self->currency);
  self->currency = g_strdup ("VND");
  normalise_text (&self->terms, FALSE);
  normalise_text (&self->notes, FALSE);
  if (self->contact_id < 0)
    self->contact_id = 0;
  if (self->opportunity_id < 0)
    self->opportunity_id = 0;
  return TRUE;
}

gboolean
crm_quote_validate (CrmQuote  *self,
                    GError   **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);

  if (!validate_header (self, error))
    return FALSE;
  if (self->lines == NULL)
    self->lines = new_lines ();
  for (guint i = 0; i < self->lines->len; i++)
    if (!crm_quote_line_validate (g_ptr_array_index (self->lines, i), i + 1, error))
      return FALSE;
  return crm_quote_compute_totals (self, &totals, error);
}

static gboolean
same_line (const CrmQuoteLine *a,
           const CrmQuoteLine *b)
{
  return crm_quote_line_compare (a, b) == 0 &&
         text_equal (a->price_source, b->price_source) &&
         text_equal (a->override_reason, b->override_reason);
}

gboolean
crm_quote_same_content (const CrmQuote *a,
                        const CrmQuote *b)
{
  guint n_a, n_b;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  n_a = a->lines ? a->lines->len : 0;
  n_b = b->lines ? b->lines->len : 0;
  if (a->customer_id != b->customer_id || crm_quote_diff_header (a, b) != 0 || n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (!same_line (g_ptr_array_index (a->lines, i), g_ptr_array_index (b->lines, i)))
      return FALSE;
  return TRUE;
}

/* Totals ------------------------------------------------------------------------ */

void
crm_quote_totals_clear (CrmQuoteTotals *totals)
{
  g_clear_pointer (&totals->vat, g_array_unref);
  memset (totals, 0, sizeof *totals);
}

/* The rate's entry, added in rate order when it is new. */
static CrmQuoteVat *
vat_entry (GArray *vat,
           gint    rate_bp)
{
  CrmQuoteVat entry = { rate_bp, 0, 0 };
  guint i;

  for (i = 0; i < vat->len; i++)
    {
      CrmQuoteVat *existing = &g_array_index (vat, CrmQuoteVat, i);

      if (existing->rate_bp == rate_bp)
        return existing;
      if (existing->rate_bp > rate_bp)
        break;
    }
  g_array_insert_val (vat, i, entry);
  return &g_array_index (vat, CrmQuoteVat, i);
}

/* Sums stay within CRM_QUOTE_MAX_AMOUNT: every addend is within it, so a
 * sum checked after each addition never overflows. */
static gboolean
add_amount (gint64 *sum,
            gint64  amount)
{
  *sum += amount;
  return *sum <= CRM_QUOTE_MAX_AMOUNT && *sum >= -CRM_QUOTE_MAX_AMOUNT;
}

gboolean
crm_quote_compute_totals (const CrmQuote  *quote,
                          CrmQuoteTotals  *totals,
                          GError         **error)
{
  g_return_val_if_fail (quote != NULL, FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  g_clear_pointer (&totals->vat, g_array_unref);
  memset (totals, 0, sizeof *totals);
  totals->vat = g_array_new (FALSE, FALSE, sizeof (CrmQuoteVat));

  for (guint i = 0; quote->lines != NULL && i < quote->lines->len; i++)
    {
      const CrmQuoteLine *line = g_ptr_array_index (quote->lines, i);
      gint64 gross, discount;

      if (!line_amounts (line, i + 1, &gross, &discount, error))
        return FALSE;
      if (!add_amount (&totals->subtotal, gross) ||
          !add_amount (&totals->discount_total, discount) ||
          !add_amount (&vat_entry (totals->vat, line->vat_rate_bp)->base, gross - discount))
        return set_too_large (error, 0);
    }
  totals->net_total = totals->subtotal - totals->discount_total;
  for (guint i = 0; i < totals->vat->len; i++)
    {
      CrmQuoteVat *entry = &g_array_index (totals->vat, CrmQuoteVat, i);

      if (!multiply_divide_round (entry->base, entry->rate_bp, BASIS_POINTS, &entry->amount) ||
          !add_amount (&totals->vat_total, entry->amount))
        return set_too_large (error, 0);
    }
  totals->grand_total = totals->net_total;
  if (!add_amount (&totals->grand_total, totals->vat_total))
    return set_too_large (error, 0);
  return TRUE;
}

/* Differences --------------------------------------------------------------------- */

CrmQuoteFields
crm_quote_diff_header (const CrmQuote *old_quote,
                       const CrmQuote *new_quote)
{
  CrmQuoteFields fields = 0;

  g_return_val_if_fail (old_quote != NULL && new_quote != NULL, 0);

  if (old_quote->contact_id != new_quote->contact_id)
    fields |= CRM_QUOTE_FIELD_CONTACT;
  if (old_quote->opportunity_id != new_quote->opportunity_id)
    fields |= CRM_QUOTE_FIELD_OPPORTUNITY;
  if (!text_equal (old_quote->issue_date, new_quote->issue_date))
    fields |= CRM_QUOTE_FIELD_ISSUE_DATE;
  if (!text_equal (old_quote->valid_until, new_quote->valid_until))
    fields |= CRM_QUOTE_FIELD_VALID_UNTIL;
  if (!text_equal (old_quote->currency, new_quote->currency))
    fields |= CRM_QUOTE_FIELD_CURRENCY;
  if (!text_equal (old_quote->terms, new_quote->terms))
    fields |= CRM_QUOTE_FIELD_TERMS;
  if (!text_equal (old_quote->notes, new_quote->notes))
    fields |= CRM_QUOTE_FIELD_NOTES;
  return fields;
}

void
crm_quote_line_diff_free (CrmQuoteLineDiff *diff)
{
  if (diff == NULL)
    return;
  crm_quote_line_free (diff->old_line);
  crm_quote_line_free (diff->new_line);
  g_free (diff);
}

static void
add_diff (GPtrArray          *diffs,
          CrmQuoteLineChange  change,
          const CrmQuoteLine *old_line,
          guint               old_index,
          const CrmQuoteLine *new_line,
          guint               new_index)
{
  CrmQuoteLineDiff *diff = g_new0 (CrmQuoteLineDiff, 1);

  diff->change = change;
  if (old_line != NULL)
    {
      diff->old_line = crm_quote_line_copy (old_line);
      diff->old_position = old_index + 1;
    }
  if (new_line != NULL)
    {
      diff->new_line = crm_quote_line_copy (new_line);
      diff->new_position = new_index + 1;
    }
  if (old_line != NULL && new_line != NULL)
    {
      diff->fields = crm_quote_line_compare (old_line, new_line);
      diff->change = diff->fields != 0 ? CRM_QUOTE_LINE_CHANGED : CRM_QUOTE_LINE_SAME;
    }
  g_ptr_array_add (diffs, diff);
}

/* A line keeps its id across saves.  Lines without one are new in an
 * editor, paired only with each other by position, or come from a
 * snapshot written before lines had ids (@by_position: a whole side
 * without ids), where position is all there is to go by. */
static gboolean
lines_match (const CrmQuoteLine *a,
             guint               a_index,
             const CrmQuoteLine *b,
             guint               b_index,
             gboolean            by_position)
{
  if (by_position || (a->id == 0 && b->id == 0))
    return a_index == b_index;
  return a->id > 0 && a->id == b->id;
}

static gboolean
without_ids (const GPtrArray *lines)
{
  if (lines == NULL || lines->len == 0)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    if (((const CrmQuoteLine *) g_ptr_array_index (lines, i))->id != 0)
      return FALSE;
  return TRUE;
}

/* The old lines not matched that follow old line @from (or lead, from
 * -1), up to the next matched one, as removed. */
static void
add_removed_after (GPtrArray       *diffs,
                   const GPtrArray *old_lines,
                   const gint      *old_to_new,
                   gint             from,
                   guint            n_old)
{
  for (guint k = (guint) (from + 1); k < n_old && old_to_new[k] < 0; k++)
    add_diff (diffs, CRM_QUOTE_LINE_REMOVED, g_ptr_array_index (old_lines, k), k, NULL, 0);
}

GPtrArray *
crm_quote_diff_lines (const CrmQuote *old_quote,
                      const CrmQuote *new_quote)
{
  g_autoptr(GPtrArray) diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_quote_line_diff_free);
  const GPtrArray *old_lines, *new_lines_;
  g_autofree gint *old_to_new = NULL;
  g_autofree gint *new_to_old = NULL;
  gboolean by_position;
  guint n_old, n_new;

  g_return_val_if_fail (old_quote != NULL && new_quote != NULL, NULL);

  old_lines = old_quote->lines;
  new_lines_ = new_quote->lines;
  n_old = old_lines ? old_lines->len : 0;
  n_new = new_lines_ ? new_lines_->len : 0;
  by_position = without_ids (old_lines) || without_ids (new_lines_);
  old_to_new = g_new (gint, MAX (n_old, 1));
  new_to_old = g_new (gint, MAX (n_new, 1));
  for (guint i = 0; i < n_old; i++)
    old_to_new[i] = -1;
  for (guint j = 0; j < n_new; j++)
    {
      new_to_old[j] = -1;
      for (guint i = 0; i < n_old && new_to_old[j] < 0; i++)
        if (old_to_new[i] < 0 &&
            lines_match (g_ptr_array_index (old_lines, i), i, g_ptr_array_index (new_lines_, j), j,
                         by_position))
          {
            old_to_new[i] = (gint) j;
            new_to_old[j] = (gint) i;
          }
    }

  /* Every removed line follows its nearest matched predecessor, or
   * leads when it has none: each is placed once. */
  add_removed_after (diffs, old_lines, old_to_new, -1, n_old);
  for (guint j = 0; j < n_new; j++)
    {
      gint i = new_to_old[j];

      if (i < 0)
        {
          add_diff (diffs, CRM_QUOTE_LINE_ADDED, NULL, 0, g_ptr_array_index (new_lines_, j), j);
          continue;
        }
      add_diff (diffs, CRM_QUOTE_LINE_SAME, g_ptr_array_index (old_lines, i), (guint) i,
                g_ptr_array_index (new_lines_, j), j);
      add_removed_after (diffs, old_lines, old_to_new, i, n_old);
    }
  return g_steal_pointer (&diffs);
}

/* Sends ----------------------------------------------------------------------------- */

CrmQuoteSend *
crm_quote_send_new (void)
{
  CrmQuoteSend *self = g_new0 (CrmQuoteSend, 1);

  self->channel = CRM_QUOTE_CHANNEL_EMAIL;
  return self;
}

CrmQuoteSend *
crm_quote_send_copy (const CrmQuoteSend *self)
{
  CrmQuoteSend *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->sent_at = g_strdup (self->sent_at);
  copy->recipient = g_strdup (self->recipient);
  copy->user_name = g_strdup (self->user_name);
  return copy;
}

void
crm_quote_send_free (CrmQuoteSend *self)
{
  if (self == NULL)
    return;
  g_free (self->sent_at);
  g_free (self->recipient);
  g_free (self->user_name);
  g_free (self);
}

/* A UTC timestamp as the local business date people read. */
static char *
local_date (const char *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (timestamp ? timestamp : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%d/%m/%Y");
}

char *
crm_quote_describe_sends (GPtrArray *sends)
{
  const CrmQuoteSend *last = NULL;
  g_autofree char *date = NULL;
  guint n;

  n = sends ? sends->len : 0;
  if (n == 0)
    return g_strdup (_("Not sent yet"));
  for (guint i = 0; i < n; i++)
    {
      const CrmQuoteSend *send = g_ptr_array_index (sends, i);

      if (last == NULL || g_strcmp0 (send->sent_at, last->sent_at) > 0 ||
          (g_strcmp0 (send->sent_at, last->sent_at) == 0 && send->id > last->id))
        last = send;
    }
  date = local_date (last->sent_at);
  if (n == 1)
    return g_strdup_printf (_("Sent on %s to %s"), date, last->recipient);
  return g_strdup_printf (ngettext ("Sent %u time, last on %s to %s",
                                    "Sent %u times, last on %s to %s", n),
                          n, date, last->recipient);
}

/* Revisions and list rows ------------------------------------------------------------ */

CrmQuoteRevision *
crm_quote_revision_copy (const CrmQuoteRevision *self)
{
  CrmQuoteRevision *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->created_at = g_strdup (self->created_at);
  copy->created_by_name = g_strdup (self->created_by_name);
  copy->snapshot = g_strdup (self->snapshot);
  copy->quote = self->quote ? crm_quote_copy (self->quote) : NULL;
  return copy;
}

void
crm_quote_revision_free (CrmQuoteRevision *self)
{
  if (self == NULL)
    return;
  g_free (self->created_at);
  g_free (self->created_by_name);
  g_free (self->snapshot);
  g_clear_pointer (&self->quote, crm_quote_free);
  g_free (self);
}

CrmQuoteRow *
crm_quote_row_copy (const CrmQuoteRow *self)
{
  CrmQuoteRow *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->customer_code = g_strdup (self->customer_code);
  copy->customer_name = g_strdup (self->customer_name);
  copy->owner_name = g_strdup (self->owner_name);
  copy->issue_date = g_strdup (self->issue_date);
  copy->valid_until = g_strdup (self->valid_until);
  return copy;
}

void
crm_quote_row_free (CrmQuoteRow *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->owner_name);
  g_free (self->issue_date);
  g_free (self->valid_until);
  g_free (self);
}
