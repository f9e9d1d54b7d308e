/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-pricing"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-money.h"
#include "crm-pricing.h"
#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The rules are written down in crm-pricing.h; the SQL below finds the
 * candidates and C picks among them. */

/* Deepest tree walked upwards: a guard against a cycle written behind
 * the store's back. */
#define MAX_DEPTH "64"

/* The customer's category and every node above it, with the distance. */
#define CUSTOMER_NODES \
  "up (id, distance) AS (" \
  "  SELECT c.category_id, 0 FROM customers c WHERE c.id = :customer AND c.category_id IS NOT NULL " \
  "  UNION ALL " \
  "  SELECT k.parent_id, up.distance + 1 FROM categories k JOIN up ON k.id = up.id " \
  "  WHERE k.parent_id IS NOT NULL AND up.distance < " MAX_DEPTH ")"

/* The product's category and every category above it. */
#define PRODUCT_NODES \
  "pcat (id, distance) AS (" \
  "  SELECT p.category_id, 0 FROM products p WHERE p.id = :product AND p.category_id IS NOT NULL " \
  "  UNION ALL " \
  "  SELECT k.parent_id, pcat.distance + 1 FROM product_categories k JOIN pcat ON k.id = pcat.id " \
  "  WHERE k.parent_id IS NOT NULL AND pcat.distance < " MAX_DEPTH ")"

G_DEFINE_BOXED_TYPE (CrmPriceList, crm_price_list, crm_price_list_copy, crm_price_list_free)
G_DEFINE_BOXED_TYPE (CrmPriceListItem, crm_price_list_item,
                     crm_price_list_item_copy, crm_price_list_item_free)
G_DEFINE_BOXED_TYPE (CrmPromotion, crm_promotion, crm_promotion_copy, crm_promotion_free)

/* Boxed types -------------------------------------------------------------------- */

CrmPriceList *
crm_price_list_new (void)
{
  CrmPriceList *self = g_new0 (CrmPriceList, 1);

  self->active = TRUE;
  return self;
}

CrmPriceList *
crm_price_list_copy (const CrmPriceList *self)
{
  CrmPriceList *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->valid_from = g_strdup (self->valid_from);
  copy->valid_to = g_strdup (self->valid_to);
  return copy;
}

void
crm_price_list_free (CrmPriceList *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->valid_from);
  g_free (self->valid_to);
  g_free (self);
}

CrmPriceListItem *
crm_price_list_item_copy (const CrmPriceListItem *self)
{
  CrmPriceListItem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->product_code = g_strdup (self->product_code);
  copy->product_name = g_strdup (self->product_name);
  return copy;
}

void
crm_price_list_item_free (CrmPriceListItem *self)
{
  if (self == NULL)
    return;
  g_free (self->product_code);
  g_free (self->product_name);
  g_free (self);
}

CrmPromotion *
crm_promotion_new (void)
{
  CrmPromotion *self = g_new0 (CrmPromotion, 1);

  self->discount_kind = CRM_DISCOUNT_PERCENT;
  self->active = TRUE;
  return self;
}

CrmPromotion *
crm_promotion_copy (const CrmPromotion *self)
{
  CrmPromotion *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->starts_on = g_strdup (self->starts_on);
  copy->ends_on = g_strdup (self->ends_on);
  return copy;
}

void
crm_promotion_free (CrmPromotion *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->starts_on);
  g_free (self->ends_on);
  g_free (self);
}

void
crm_line_price_clear (CrmLinePrice *self)
{
  g_return_if_fail (self != NULL);

  g_free (self->price_list_name);
  g_free (self->price_source_code);
  g_free (self->promotion_name);
  g_free (self->on_date);
  memset (self, 0, sizeof *self);
}

char *
crm_line_price_describe (const CrmLinePrice *self)
{
  g_autofree char *source = NULL;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->price_list_id > 0)
    source = g_strdup_printf (_("Price list “%s”"), self->price_list_name);
  else
    source = g_strdup (_("List price"));
  if (self->promotion_id <= 0)
    return g_steal_pointer (&source);
  if (self->discount_kind == CRM_DISCOUNT_PERCENT)
    amount = crm_rate_format ((int) self->discount_value);
  else
    amount = crm_money_format (self->discount_value);
  /* TRANSLATORS: the price's source, the promotion's name, the discount */
  return g_strdup_printf (_("%s; promotion “%s”: −%s"), source, self->promotion_name, amount);
}

/* Helpers ------------------------------------------------------------------------- */

static gboolean
require_editor (CrmStore    *store,
                CrmSession  *session,
                GError     **error)
{
  if (!_crm_store_require_active (store, session, error))
    return FALSE;
  if (crm_session_get_role (session) != CRM_ROLE_STAFF)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only a manager or an administrator may change price lists and promotions."));
  return FALSE;
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
id_text (gint64 id)
{
  return id > 0 ? int_text (id) : NULL;
}

/* @text trimmed, NULL when blank. */
static char *
clean_text (const char *text)
{
  char *clean = g_strstrip (g_strdup (text ? text : ""));

  if (*clean != '\0')
    return clean;
  g_free (clean);
  return NULL;
}

/* *@date rewritten to yyyy-MM-dd; a blank one becomes NULL. */
static gboolean
normalise_date (char    **date,
                GError  **error)
{
  g_autofree char *iso = NULL;

  if (crm_text_is_blank (*date))
    {
      g_clear_pointer (date, g_free);
      return TRUE;
    }
  if (!crm_date_parse (*date, &iso, error))
    return FALSE;
  g_free (*date);
  *date = g_steal_pointer (&iso);
  return TRUE;
}

static gboolean
check_period (const char  *first,
              const char  *last,
              GError     **error)
{
  if (first == NULL || last == NULL || strcmp (last, first) >= 0)
    return TRUE;
  g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                       _("The last day cannot be before the first day."));
  return FALSE;
}

/* Whether the row @id of @sql (":id") exists; NOT_FOUND with @missing. */
static gboolean
require_row (CrmStore    *store,
             const char  *sql,
             gint64       id,
             const char  *missing,
             GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, missing);
  else
    _crm_store_set_error (store, rc, error);
  return FALSE;
}

static gboolean
require_customer_category (CrmStore  *store,
                           gint64     id,
                           GError   **error)
{
  return require_row (store, "SELECT 1 FROM categories WHERE id = :id", id,
                      _("This category no longer exists."), error);
}

static gboolean
require_product_category (CrmStore  *store,
                          gint64     id,
                          GError   **error)
{
  return require_row (store, "SELECT 1 FROM product_categories WHERE id = :id", id,
                      _("This product category no longer exists."), error);
}

static gboolean
audit_text (CrmStore    *store,
            CrmSession  *session,
            const char  *action,
            const char  *entity,
            gint64       id,
            const char  *field,
            const char  *old_value,
            const char  *new_value,
            GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return _crm_store_audit (store, session, action, entity, id, field, old_value, new_value, error);
}

static gboolean
audit_id (CrmStore    *store,
          CrmSession  *session,
          const char  *action,
          const char  *entity,
          gint64       id,
          const char  *field,
          gint64       old_value,
          gint64       new_value,
          GError     **error)
{
  g_autofree char *old_text = id_text (old_value);
  g_autofree char *new_text = id_text (new_value);

  return audit_text (store, session, action, entity, id, field, old_text, new_text, error);
}

static const char *
flag_text (gboolean value)
{
  return value ? "1" : "0";
}

/* VAT ---------------------------------------------------------------------------------- */

typedef struct
{
  int      rate_bp;
  gboolean temporary;
} VatRow;

static const VatRow *
find_rate (GArray *rows,
           int     rate_bp)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, VatRow, i).rate_bp == rate_bp)
      return &g_array_index (rows, VatRow, i);
  return NULL;
}

/* The smallest rate in force above @rate_bp, optionally permanent ones
 * only; -1 when there is none. */
static int
next_rate_above (GArray   *rows,
                 int       rate_bp,
                 gboolean  permanent_only)
{
  int best = -1;

  for (guint i = 0; i < rows->len; i++)
    {
      const VatRow *row = &g_array_index (rows, VatRow, i);

      if (row->rate_bp > rate_bp && (!permanent_only || !row->temporary) &&
          (best < 0 || row->rate_bp < best))
        best = row->rate_bp;
    }
  return best;
}

/* The two rules of crm-pricing.h over the rates in force on one day. */
static int
effective_vat (GArray *rows,
               int     product_rate_bp)
{
  const VatRow *base_row = find_rate (rows, product_rate_bp);
  int reduced = -1;
  int base;

  if (base_row == NULL)
    base_row = find_rate (rows, next_rate_above (rows, product_rate_bp, FALSE));
  if (base_row == NULL)
    return product_rate_bp;
  base = base_row->rate_bp;
  if (base_row->temporary)
    return base;
  for (guint i = 0; i < rows->len; i++)
    {
      const VatRow *row = &g_array_index (rows, VatRow, i);

      if (row->temporary && row->rate_bp < base &&
          next_rate_above (rows, row->rate_bp, TRUE) == base &&
          (reduced < 0 || row->rate_bp < reduced))
        reduced = row->rate_bp;
    }
  return reduced >= 0 ? reduced : base;
}

static gboolean
vat_rate_on (CrmStore    *store,
             int          product_rate_bp,
             const char  *iso_date,
             int         *rate_bp,
             GError     **error)
{
  static const char sql[] =
    "SELECT rate_bp, valid_to IS NOT NULL FROM vat_rates "
    "WHERE valid_from <= :date AND (valid_to IS NULL OR valid_to >= :date)";
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (VatRow));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":date", iso_date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VatRow row = { sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1) != 0 };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  *rate_bp = effective_vat (rows, product_rate_bp);
  return TRUE;
}

/* @on_date as yyyy-MM-dd, today (local) when NULL or blank. */
static char *
day_or_today (const char  *on_date,
              GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  char *iso = NULL;

  if (!crm_text_is_blank (on_date))
    return crm_date_parse (on_date, &iso, error) ? iso : NULL;
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * crm_pricing_vat_rate_on:
 * @product_rate_bp: the product's own rate (or a free line's)
 * @on_date: (nullable): the line's date, %NULL for today
 *
 * The VAT rate in force on @on_date for goods taxed at @product_rate_bp,
 * by the rules in crm-pricing.h.
 */
gboolean
crm_pricing_vat_rate_on (CrmStore    *store,
                         int          product_rate_bp,
                         const char  *on_date,
                         int         *rate_bp,
                         GError     **error)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rate_bp != NULL, FALSE);

  if (!(day = day_or_today (on_date, error)))
    return FALSE;
  return vat_rate_on (store, product_rate_bp, day, rate_bp, error);
}

/* Quoting -------------------------------------------------------------------------- */

static gboolean
read_product (CrmStore      *store,
              gint64         product_id,
              CrmLinePrice  *out,
              GError       **error)
{
  static const char sql[] = "SELECT list_price, vat_rate_bp FROM products WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->product_id = product_id;
      out->list_price = sqlite3_column_int64 (stmt, 0);
      out->product_vat_rate_bp = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This product no longer exists."));
  else
    _crm_store_set_error (store, rc, error);
  return FALSE;
}

/* The price list price, if one applies: tag lists first, then the
 * nearest category, then the lower price, then the older list. */
static gboolean
find_list_price (CrmStore      *store,
                 gint64         customer_id,
                 CrmLinePrice  *out,
                 GError       **error)
{
  static const char sql[] =
    "WITH RECURSIVE " CUSTOMER_NODES " "
    "SELECT l.id, l.name, i.price, l.tag_id IS NOT NULL "
    "FROM price_lists l JOIN price_list_items i ON i.price_list_id = l.id "
    "LEFT JOIN up ON up.id = l.customer_category_id "
    "WHERE i.product_id = :product AND l.active = 1 "
    "  AND (l.valid_from IS NULL OR l.valid_from <= :date) "
    "  AND (l.valid_to IS NULL OR l.valid_to >= :date) "
    "  AND ((l.tag_id IS NOT NULL AND l.tag_id IN "
    "         (SELECT t.tag_id FROM customer_tags t WHERE t.customer_id = :customer)) "
    "       OR (l.tag_id IS NULL AND up.id IS NOT NULL)) "
    "ORDER BY CASE WHEN l.tag_id IS NOT NULL THEN -1 ELSE up.distance END, i.price, l.id "
    "LIMIT 1";
  sqlite3_stmt *stmt;
  int rc;

  out->unit_price = out->list_price;
  out->source = CRM_PRICE_SOURCE_LIST_PRICE;
  if (customer_id <= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_bind_int64 (stmt, ":product", out->product_id);
  _crm_bind_text (stmt, ":date", out->on_date);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->price_list_id = sqlite3_column_int64 (stmt, 0);
      out->price_list_name = _crm_column_text (stmt, 1);
      out->unit_price = sqlite3_column_int64 (stmt, 2);
      out->source = sqlite3_column_int (stmt, 3) ? CRM_PRICE_SOURCE_TAG_LIST
                                                 : CRM_PRICE_SOURCE_CATEGORY_LIST;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* @bp of @price in đồng, rounded half up, without overflowing. */
static gint64
percent_of (gint64 price,
            gint64 bp)
{
  return (price / 10000) * bp + ((price % 10000) * bp + 5000) / 10000;
}

typedef struct
{
  gint64           id;
  char            *name;
  CrmDiscountKind  kind;
  gint64           value;
  gint64           amount;
  int              specificity;  /* 2 for a product, +1 for a customer category */
} Candidate;

static gboolean
candidate_beats (const Candidate *a,
                 const Candidate *b)
{
  if (a->amount != b->amount)
    return a->amount > b->amount;
  if (a->specificity != b->specificity)
    return a->specificity > b->specificity;
  return a->id < b->id;
}

/* The promotion that gives the larger discount on out->unit_price. */
static gboolean
find_promotion (CrmStore      *store,
                gint64         customer_id,
                CrmLinePrice  *out,
                GError       **error)
{
  static const char sql[] =
    "WITH RECURSIVE " CUSTOMER_NODES ", " PRODUCT_NODES " "
    "SELECT m.id, m.name, m.discount_kind, m.discount_value, "
    "  2 * (m.product_id IS NOT NULL) + (m.customer_category_id IS NOT NULL) "
    "FROM promotions m "
    "WHERE m.active = 1 AND m.starts_on <= :date AND m.ends_on >= :date "
    "  AND (m.product_id = :product OR m.product_category_id IN (SELECT id FROM pcat)) "
    "  AND (m.customer_category_id IS NULL OR m.customer_category_id IN (SELECT id FROM up))";
  Candidate best = { 0, };
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_id (stmt, ":customer", customer_id);
  _crm_bind_int64 (stmt, ":product", out->product_id);
  _crm_bind_text (stmt, ":date", out->on_date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate candidate = { 0, };

      candidate.id = sqlite3_column_int64 (stmt, 0);
      candidate.kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "fixed") == 0
                       ? CRM_DISCOUNT_FIXED : CRM_DISCOUNT_PERCENT;
      candidate.value = sqlite3_column_int64 (stmt, 3);
      candidate.specificity = sqlite3_column_int (stmt, 4);
      if (candidate.kind == CRM_DISCOUNT_PERCENT)
        candidate.amount = percent_of (out->unit_price, MIN (candidate.value, 10000));
      else
        candidate.amount = MIN (candidate.value, out->unit_price);
      if (best.id != 0 && !candidate_beats (&candidate, &best))
        continue;
      g_free (best.name);
      best = candidate;
      best.name = _crm_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_free (best.name);
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  out->net_unit_price = out->unit_price;
  if (best.id == 0)
    return TRUE;
  out->promotion_id = best.id;
  out->promotion_name = best.name;
  out->discount_kind = best.kind;
  out->discount_value = best.value;
  out->discount_bp = best.kind == CRM_DISCOUNT_PERCENT ? (int) best.value : 0;
  out->discount_amount = best.amount;
  out->net_unit_price = out->unit_price - best.amount;
  return TRUE;
}

/**
 * crm_pricing_quote_line:
 * @customer_id: the customer, or 0 for nobody in particular (list price
 *   and promotions for every customer)
 * @on_date: (nullable): the line's date (the quote's issue date), %NULL
 *   for today
 * @out: (out caller-allocates): cleared with crm_line_price_clear()
 *
 * What a line for @product_id gets on @on_date, by the rules in
 * crm-pricing.h.  Refused with %CRM_PERMISSION_ERROR when @session may not
 * see the customer, %CRM_STORE_ERROR_NOT_FOUND for an unknown product,
 * %CRM_VALIDATION_ERROR for a date that is not one.  On error @out is left
 * cleared.
 */
gboolean
crm_pricing_quote_line (CrmStore      *store,
                        CrmSession    *session,
                        gint64         customer_id,
                        gint64         product_id,
                        const char    *on_date,
                        CrmLinePrice  *out,
                        GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (customer_id >= 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!(out->on_date = day_or_today (on_date, error)))
    return FALSE;
  if (!_crm_store_require_active (store, session, error) ||
      (customer_id > 0 &&
       !_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error)) ||
      !read_product (store, product_id, out, error) ||
      !find_list_price (store, customer_id, out, error) ||
      !find_promotion (store, customer_id, out, error) ||
      !vat_rate_on (store, out->product_vat_rate_bp, out->on_date, &out->vat_rate_bp, error))
    {
      crm_line_price_clear (out);
      return FALSE;
    }
  out->price_source_code = out->price_list_id > 0
                           ? g_strdup_printf ("price_list:%" G_GINT64_FORMAT, out->price_list_id)
                           : g_strdup ("list");
  return TRUE;
}

/* Price lists ---------------------------------------------------------------------- */

#define PRICE_LIST_COLUMNS \
  "id, name, coalesce (customer_category_id, 0), coalesce (tag_id, 0), valid_from, valid_to, active"

static CrmPriceList *
price_list_from_row (sqlite3_stmt *stmt)
{
  CrmPriceList *list = crm_price_list_new ();

  list->id = sqlite3_column_int64 (stmt, 0);
  list->name = _crm_column_text (stmt, 1);
  list->customer_category_id = sqlite3_column_int64 (stmt, 2);
  list->tag_id = sqlite3_column_int64 (stmt, 3);
  list->valid_from = _crm_column_text (stmt, 4);
  list->valid_to = _crm_column_text (stmt, 5);
  list->active = sqlite3_column_int (stmt, 6) != 0;
  return list;
}

/**
 * crm_pricing_list_price_lists:
 *
 * Returns: (transfer full) (element-type CrmPriceList): every price list,
 *   switched off or not, in the order they were made.
 */
GPtrArray *
crm_pricing_list_price_lists (CrmStore    *store,
                              CrmSession  *session,
                              GError     **error)
{
  static const char sql[] =
    "SELECT " PRICE_LIST_COLUMNS " FROM price_lists WHERE " CRM_ACTIVE_VIEWER " ORDER BY id";
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_price_list_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lists, price_list_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&lists);
}

static CrmPriceList *
load_price_list (CrmStore  *store,
                 gint64     id,
                 GError   **error)
{
  static const char sql[] = "SELECT " PRICE_LIST_COLUMNS " FROM price_lists WHERE id = :id";
  CrmPriceList *list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    list = price_list_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (list == NULL)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This price list no longer exists."));
  return list;
}

/* Normalises @list in place and checks it against the database. */
static gboolean
validate_price_list (CrmStore      *store,
                     CrmPriceList  *list,
                     GError       **error)
{
  char *name = clean_text (list->name);

  g_free (list->name);
  list->name = name;
  if (name == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A price list needs a name."));
      return FALSE;
    }
  if ((list->customer_category_id > 0) == (list->tag_id > 0))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A price list is for one customer category or for one tag: choose one of them."));
      return FALSE;
    }
  if (!normalise_date (&list->valid_from, error) || !normalise_date (&list->valid_to, error) ||
      !check_period (list->valid_from, list->valid_to, error))
    return FALSE;
  if (list->customer_category_id > 0)
    return require_customer_category (store, list->customer_category_id, error);
  return require_row (store, "SELECT 1 FROM tags WHERE id = :id", list->tag_id,
                      _("This tag no longer exists."), error);
}

static gboolean
audit_price_list (CrmStore            *store,
                  CrmSession          *session,
                  const CrmPriceList  *old,
                  const CrmPriceList  *list,
                  GError             **error)
{
  const char *action = old ? "update" : "create";
  const char *entity = "price_list";
  gint64 id = list->id;

  return audit_text (store, session, action, entity, id, "name", old ? old->name : NULL,
                     list->name, error) &&
         audit_id (store, session, action, entity, id, "customer_category_id",
                   old ? old->customer_category_id : 0, list->customer_category_id, error) &&
         audit_id (store, session, action, entity, id, "tag_id", old ? old->tag_id : 0,
                   list->tag_id, error) &&
         audit_text (store, session, action, entity, id, "valid_from", old ? old->valid_from : NULL,
                     list->valid_from, error) &&
         audit_text (store, session, action, entity, id, "valid_to", old ? old->valid_to : NULL,
                     list->valid_to, error) &&
         audit_text (store, session, action, entity, id, "active",
                     old ? flag_text (old->active) : "1", flag_text (list->active), error);
}

static void
bind_price_list (sqlite3_stmt       *stmt,
                 const CrmPriceList *list,
                 const char         *now)
{
  _crm_bind_text (stmt, ":name", list->name);
  _crm_bind_id (stmt, ":category", list->customer_category_id);
  _crm_bind_id (stmt, ":tag", list->tag_id);
  _crm_bind_text (stmt, ":from", list->valid_from);
  _crm_bind_text (stmt, ":to", list->valid_to);
  _crm_bind_int64 (stmt, ":active", list->active ? 1 : 0);
  _crm_bind_text (stmt, ":now", now);
}

static gboolean
write_price_list (CrmStore    *store,
                  CrmSession  *session,
                  gpointer     data,
                  GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO price_lists (name, customer_category_id, tag_id, valid_from, valid_to, active, "
    "  created_at, updated_at, created_by) "
    "VALUES (:name, :category, :tag, :from, :to, :active, :now, :now, :user)";
  static const char update_sql[] =
    "UPDATE price_lists SET name = :name, customer_category_id = :category, tag_id = :tag, "
    "  valid_from = :from, valid_to = :to, active = :active, updated_at = :now WHERE id = :id";
  CrmPriceList *list = data;
  g_autoptr(CrmPriceList) old = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if ((list->id > 0 && !(old = load_price_list (store, list->id, error))) ||
      !validate_price_list (store, list, error) ||
      !(stmt = _crm_store_prepare (store, old ? update_sql : insert_sql, error)))
    return FALSE;
  bind_price_list (stmt, list, now);
  if (old != NULL)
    _crm_bind_int64 (stmt, ":id", list->id);
  else
    _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (old == NULL)
    list->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return audit_price_list (store, session, old, list, error);
}

/* Runs @write in a transaction for a manager or an administrator. */
typedef gboolean (*WriteFunc) (CrmStore    *store,
                               CrmSession  *session,
                               gpointer     data,
                               GError     **error);

static gboolean
run_change (CrmStore    *store,
            CrmSession  *session,
            WriteFunc    write,
            gpointer     data,
            GError     **error)
{
  if (!require_editor (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write (store, session, data, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_pricing_create_price_list:
 *
 * Validates and normalises @list (name trimmed, dates ISO), stores it and
 * sets its id.  Refused with %CRM_VALIDATION_ERROR without a name, with
 * neither or both of a customer category and a tag, or a last day before
 * the first; %CRM_STORE_ERROR_NOT_FOUND for a category or tag that does
 * not exist.
 *
 * Returns: the new id, or 0 on error
 */
gint64
crm_pricing_create_price_list (CrmStore      *store,
                               CrmSession    *session,
                               CrmPriceList  *list,
                               GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (list != NULL, 0);

  list->id = 0;
  if (!run_change (store, session, write_price_list, list, error))
    {
      list->id = 0;
      return 0;
    }
  return list->id;
}

/**
 * crm_pricing_update_price_list:
 *
 * Writes every field of @list (by its id), with the checks of
 * crm_pricing_create_price_list(); switching a list off is setting
 * active to %FALSE.
 */
gboolean
crm_pricing_update_price_list (CrmStore      *store,
                               CrmSession    *session,
                               CrmPriceList  *list,
                               GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (list != NULL && list->id > 0, FALSE);

  return run_change (store, session, write_price_list, list, error);
}

/* Price list items ----------------------------------------------------------------- */

/**
 * crm_pricing_list_items:
 *
 * Returns: (transfer full) (element-type CrmPriceListItem): the prices
 *   of the list, in Vietnamese order of product name.
 */
GPtrArray *
crm_pricing_list_items (CrmStore    *store,
                        CrmSession  *session,
                        gint64       price_list_id,
                        GError     **error)
{
  static const char sql[] =
    "SELECT i.product_id, p.code, p.name, i.price "
    "FROM price_list_items i JOIN products p ON p.id = i.product_id "
    "WHERE i.price_list_id = :id AND " CRM_ACTIVE_VIEWER " ORDER BY p.sort_key, p.id";
  g_autoptr(GPtrArray) items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) crm_price_list_item_free);
  g_autoptr(CrmPriceList) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(list = load_price_list (store, price_list_id, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", price_list_id);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmPriceListItem *item = g_new0 (CrmPriceListItem, 1);

      item->product_id = sqlite3_column_int64 (stmt, 0);
      item->product_code = _crm_column_text (stmt, 1);
      item->product_name = _crm_column_text (stmt, 2);
      item->price = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

typedef struct
{
  gint64   price_list_id;
  gint64   product_id;
  gint64   price;
  gboolean remove;
} ItemChange;

/* "SP0001: 90000" for the audit log, or NULL when the list has no price
 * for the product; the product's code in *code. */
static gboolean
read_item (CrmStore    *store,
           gint64       price_list_id,
           gint64       product_id,
           char       **code,
           char       **described,
           GError     **error)
{
  static const char product_sql[] = "SELECT code FROM products WHERE id = :id";
  static const char sql[] =
    "SELECT price FROM price_list_items WHERE price_list_id = :list AND product_id = :product";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, product_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", product_id);
  rc = sqlite3_step (stmt);
  *code = rc == SQLITE_ROW ? _crm_column_text (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                             _("This product no longer exists."));
      else
        _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":list", price_list_id);
  _crm_bind_int64 (stmt, ":product", product_id);
  rc = sqlite3_step (stmt);
  *described = rc == SQLITE_ROW
               ? g_strdup_printf ("%s: %" G_GINT64_FORMAT, *code, (gint64) sqlite3_column_int64 (stmt, 0))
               : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_item (CrmStore    *store,
            CrmSession  *session,
            gpointer     data,
            GError     **error)
{
  static const char set_sql[] =
    "INSERT INTO price_list_items (price_list_id, product_id, price) "
    "VALUES (:list, :product, :price) "
    "ON CONFLICT (price_list_id, product_id) DO UPDATE SET price = excluded.price";
  static const char remove_sql[] =
    "DELETE FROM price_list_items WHERE price_list_id = :list AND product_id = :product";
  static const char touch_sql[] = "UPDATE price_lists SET updated_at = :now WHERE id = :id";
  ItemChange *change = data;
  g_autoptr(CrmPriceList) list = NULL;
  g_autofree char *code = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!change->remove && change->price < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("A price cannot be negative."));
      return FALSE;
    }
  if (!(list = load_price_list (store, change->price_list_id, error)) ||
      !read_item (store, change->price_list_id, change->product_id, &code, &old_text, error))
    return FALSE;
  if (!change->remove)
    new_text = g_strdup_printf ("%s: %" G_GINT64_FORMAT, code, change->price);
  if (g_strcmp0 (old_text, new_text) == 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, change->remove ? remove_sql : set_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":list", change->price_list_id);
  _crm_bind_int64 (stmt, ":product", change->product_id);
  if (!change->remove)
    _crm_bind_int64 (stmt, ":price", change->price);
  if (!_crm_store_step_done (store, stmt, error) ||
      !(stmt = _crm_store_prepare (store, touch_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", change->price_list_id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "price_list", change->price_list_id, "item",
                           old_text, new_text, error);
}

/**
 * crm_pricing_set_item:
 *
 * Gives @product_id the price @price (0 or more) in the list, replacing
 * the one it had.  Audited as the list's field "item" ("SP0001: 90000").
 */
gboolean
crm_pricing_set_item (CrmStore    *store,
                      CrmSession  *session,
                      gint64       price_list_id,
                      gint64       product_id,
                      gint64       price,
                      GError     **error)
{
  ItemChange change = { price_list_id, product_id, price, FALSE };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return run_change (store, session, write_item, &change, error);
}

/**
 * crm_pricing_remove_item:
 *
 * Takes @product_id out of the list (its customers then pay what the
 * next rule gives).  Nothing happens when the list had no price for it.
 */
gboolean
crm_pricing_remove_item (CrmStore    *store,
                         CrmSession  *session,
                         gint64       price_list_id,
                         gint64       product_id,
                         GError     **error)
{
  ItemChange change = { price_list_id, product_id, 0, TRUE };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return run_change (store, session, write_item, &change, error);
}

/* Promotions ------------------------------------------------------------------------ */

#define PROMOTION_COLUMNS \
  "id, name, coalesce (product_id, 0), coalesce (product_category_id, 0), " \
  "coalesce (customer_category_id, 0), discount_kind, discount_value, starts_on, ends_on, active"

static const char *
discount_kind_text (CrmDiscountKind kind)
{
  return kind == CRM_DISCOUNT_FIXED ? "fixed" : "percent";
}

static CrmPromotion *
promotion_from_row (sqlite3_stmt *stmt)
{
  CrmPromotion *promotion = crm_promotion_new ();

  promotion->id = sqlite3_column_int64 (stmt, 0);
  promotion->name = _crm_column_text (stmt, 1);
  promotion->product_id = sqlite3_column_int64 (stmt, 2);
  promotion->product_category_id = sqlite3_column_int64 (stmt, 3);
  promotion->customer_category_id = sqlite3_column_int64 (stmt, 4);
  promotion->discount_kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "fixed") == 0
                             ? CRM_DISCOUNT_FIXED : CRM_DISCOUNT_PERCENT;
  promotion->discount_value = sqlite3_column_int64 (stmt, 6);
  promotion->starts_on = _crm_column_text (stmt, 7);
  promotion->ends_on = _crm_column_text (stmt, 8);
  promotion->active = sqlite3_column_int (stmt, 9) != 0;
  return promotion;
}

/**
 * crm_pricing_list_promotions:
 *
 * Returns: (transfer full) (element-type CrmPromotion): every promotion,
 *   the latest to start first.
 */
GPtrArray *
crm_pricing_list_promotions (CrmStore    *store,
                             CrmSession  *session,
                             GError     **error)
{
  static const char sql[] =
    "SELECT " PROMOTION_COLUMNS " FROM promotions WHERE " CRM_ACTIVE_VIEWER " "
    "ORDER BY starts_on DESC, id DESC";
  g_autoptr(GPtrArray) promotions = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_promotion_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (promotions, promotion_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&promotions);
}

static CrmPromotion *
load_promotion (CrmStore  *store,
                gint64     id,
                GError   **error)
{
  static const char sql[] = "SELECT " PROMOTION_COLUMNS " FROM promotions WHERE id = :id";
  CrmPromotion *promotion = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    promotion = promotion_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (promotion == NULL)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This promotion no longer exists."));
  return promotion;
}

/* A fixed discount on one product must not be more than its list price. */
static gboolean
check_fixed_discount (CrmStore            *store,
                      const CrmPromotion  *promotion,
                      GError             **error)
{
  static const char sql[] = "SELECT name, list_price FROM products WHERE id = :id";
  g_autofree char *name = NULL;
  g_autofree char *discount = NULL;
  g_autofree char *price_text = NULL;
  sqlite3_stmt *stmt;
  gint64 price = 0;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", promotion->product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      name = _crm_column_text (stmt, 0);
      price = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                             _("This product no longer exists."));
      else
        _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (promotion->discount_kind != CRM_DISCOUNT_FIXED || promotion->discount_value <= price)
    return TRUE;
  discount = crm_money_format (promotion->discount_value);
  price_text = crm_money_format (price);
  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
               _("A discount of %s is more than the list price of “%s” (%s)."),
               discount, name, price_text);
  return FALSE;
}

static gboolean
validate_discount (const CrmPromotion  *promotion,
                   GError             **error)
{
  if (promotion->discount_kind != CRM_DISCOUNT_PERCENT && promotion->discount_kind != CRM_DISCOUNT_FIXED)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose a percentage or a fixed amount for the discount."));
      return FALSE;
    }
  if (promotion->discount_value <= 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Enter a discount greater than 0."));
      return FALSE;
    }
  if (promotion->discount_kind == CRM_DISCOUNT_PERCENT && promotion->discount_value > 10000)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("A discount cannot be more than 100 %."));
      return FALSE;
    }
  return TRUE;
}

/* Normalises @promotion in place and checks it against the database. */
static gboolean
validate_promotion (CrmStore      *store,
                    CrmPromotion  *promotion,
                    GError       **error)
{
  char *name = clean_text (promotion->name);

  g_free (promotion->name);
  promotion->name = name;
  if (name == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A promotion needs a name."));
      return FALSE;
    }
  if ((promotion->product_id > 0) == (promotion->product_category_id > 0))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A promotion is for one product or for one product category: choose one of them."));
      return FALSE;
    }
  if (!validate_discount (promotion, error) ||
      !normalise_date (&promotion->starts_on, error) || !normalise_date (&promotion->ends_on, error))
    return FALSE;
  if (promotion->starts_on == NULL || promotion->ends_on == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the first and the last day of the promotion."));
      return FALSE;
    }
  if (!check_period (promotion->starts_on, promotion->ends_on, error) ||
      (promotion->customer_category_id > 0 &&
       !require_customer_category (store, promotion->customer_category_id, error)))
    return FALSE;
  if (promotion->product_category_id > 0)
    return require_product_category (store, promotion->product_category_id, error);
  return check_fixed_discount (store, promotion, error);
}

static gboolean
audit_promotion (CrmStore            *store,
                 CrmSession          *session,
                 const CrmPromotion  *old,
                 const CrmPromotion  *promotion,
                 GError             **error)
{
  const char *action = old ? "update" : "create";
  const char *entity = "promotion";
  gint64 id = promotion->id;
  g_autofree char *old_value = old ? int_text (old->discount_value) : NULL;
  g_autofree char *new_value = int_text (promotion->discount_value);

  return audit_text (store, session, action, entity, id, "name", old ? old->name : NULL,
                     promotion->name, error) &&
         audit_id (store, session, action, entity, id, "product_id", old ? old->product_id : 0,
                   promotion->product_id, error) &&
         audit_id (store, session, action, entity, id, "product_category_id",
                   old ? old->product_category_id : 0, promotion->product_category_id, error) &&
         audit_id (store, session, action, entity, id, "customer_category_id",
                   old ? old->customer_category_id : 0, promotion->customer_category_id, error) &&
         audit_text (store, session, action, entity, id, "discount_kind",
                     old ? discount_kind_text (old->discount_kind) : NULL,
                     discount_kind_text (promotion->discount_kind), error) &&
         audit_text (store, session, action, entity, id, "discount_value", old_value, new_value,
                     error) &&
         audit_text (store, session, action, entity, id, "starts_on", old ? old->starts_on : NULL,
                     promotion->starts_on, error) &&
         audit_text (store, session, action, entity, id, "ends_on", old ? old->ends_on : NULL,
                     promotion->ends_on, error) &&
         audit_text (store, session, action, entity, id, "active",
                     old ? flag_text (old->active) : "1", flag_text (promotion->active), error);
}

static gboolean
write_promotion (CrmStore    *store,
                 CrmSession  *session,
                 gpointer     data,
                 GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO promotions (name, product_id, product_category_id, customer_category_id, "
    "  discount_kind, discount_value, starts_on, ends_on, active, created_at, updated_at, created_by) "
    "VALUES (:name, :product, :pcategory, :ccategory, :kind, :value, :starts, :ends, :active, "
    "  :now, :now, :user)";
  static const char update_sql[] =
    "UPDATE promotions SET name = :name, product_id = :product, product_category_id = :pcategory, "
    "  customer_category_id = :ccategory, discount_kind = :kind, discount_value = :value, "
    "  starts_on = :starts, ends_on = :ends, active = :active, updated_at = :now WHERE id = :id";
  CrmPromotion *promotion = data;
  g_autoptr(CrmPromotion) old = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if ((promotion->id > 0 && !(old = load_promotion (store, promotion->id, error))) ||
      !validate_promotion (store, promotion, error) ||
      !(stmt = _crm_store_prepare (store, old ? update_sql : insert_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":name", promotion->name);
  _crm_bind_id (stmt, ":product", promotion->product_id);
  _crm_bind_id (stmt, ":pcategory", promotion->product_category_id);
  _crm_bind_id (stmt, ":ccategory", promotion->customer_category_id);
  _crm_bind_text (stmt, ":kind", discount_kind_text (promotion->discount_kind));
  _crm_bind_int64 (stmt, ":value", promotion->discount_value);
  _crm_bind_text (stmt, ":starts", promotion->starts_on);
  _crm_bind_text (stmt, ":ends", promotion->ends_on);
  _crm_bind_int64 (stmt, ":active", promotion->active ? 1 : 0);
  _crm_bind_text (stmt, ":now", now);
  if (old != NULL)
    _crm_bind_int64 (stmt, ":id", promotion->id);
  else
    _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (old == NULL)
    promotion->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return audit_promotion (store, session, old, promotion, error);
}

/**
 * crm_pricing_create_promotion:
 *
 * Validates and normalises @promotion, stores it and sets its id.
 * Refused with %CRM_VALIDATION_ERROR without a name, with neither or both
 * of a product and a product category, without both days or with the
 * last before the first, a discount of 0, a percentage over 100 %, or a
 * fixed discount on one product above its list price;
 * %CRM_STORE_ERROR_NOT_FOUND for a product or category that does not
 * exist.
 *
 * Returns: the new id, or 0 on error
 */
gint64
crm_pricing_create_promotion (CrmStore      *store,
                              CrmSession    *session,
                              CrmPromotion  *promotion,
                              GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (promotion != NULL, 0);

  promotion->id = 0;
  if (!run_change (store, session, write_promotion, promotion, error))
    {
      promotion->id = 0;
      return 0;
    }
  return promotion->id;
}

/**
 * crm_pricing_update_promotion:
 *
 * Writes every field of @promotion (by its id), with the checks of
 * crm_pricing_create_promotion(); ending one early is moving its last
 * day or setting active to %FALSE.
 */
gboolean
crm_pricing_update_promotion (CrmStore      *store,
                              CrmSession    *session,
                              CrmPromotion  *promotion,
                              GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (promotion != NULL && promotion->id > 0, FALSE);

  return run_change (store, session, write_promotion, promotion, error);
}
