/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Price policies: price lists and promotions, and the price a quote line
 * gets from them.
 *
 * Price lists.  A price list names prices for some products and is for
 * either a node of the customer tree (it then applies to the customers of
 * that node and of every node under it) or a tag (the customers carrying
 * it), never both.  It may have a first and a last day (either open) and
 * can be switched off.  A list applies to a product only if it has a
 * price for that product.  When several apply on a date, the price comes
 * from, in this order:
 *   1. a list for one of the customer's tags (a tag is put on the
 *      customer by hand, so it is the most specific choice);
 *   2. a list for the customer's own category, else the parent's, and so
 *      on up the tree: the nearest node wins;
 *   3. the product's list price.
 * Among lists of the same rank the lower price wins, then the older list
 * (lower id).  A price list price overrides the list price even when it
 * is higher.
 *
 * Promotions.  A time-bounded (first and last day included) percentage
 * or fixed discount on one product or on a product category (and its
 * sub-categories), for every customer or for the customers of one node of
 * the customer tree (and its sub-nodes).  Promotions do not add up: of
 * those that apply, the one giving the larger discount in đồng on this
 * line wins; on a tie the one on the product beats the one on a category,
 * one for a customer category beats one for everybody, then the older
 * (lower id).  The discount applies to the price found above (price list
 * or list price).  A percentage is rounded half up to the đồng; a fixed
 * discount larger than that price is cut to it, so the price never goes
 * below 0.  On saving, a fixed discount on one product larger than its
 * list price is refused (most likely a typo); one on a category cannot be
 * checked against every product and relies on the cut.
 *
 * VAT.  A product carries its legal rate (0, 5, 8 or 10 %); the rate of a
 * line is read from the dated vat_rates table for the line's date:
 *   - a rate with an end date (a temporary rate, e.g. 8 % until
 *     2026-12-31 under Decree 174/2025) that is in force replaces the
 *     smallest permanent rate above it (8 % replaces 10 %);
 *   - a product whose own rate is not in force on that date (8 % after
 *     2026-12-31) falls back to the smallest rate in force above it
 *     (10 %), which the first rule may in turn reduce.
 *
 * Reading needs an active account; quoting a line for a customer needs
 * the right to see that customer.  Changing lists, their prices and
 * promotions is for managers and administrators (CRM_PERMISSION_ERROR
 * otherwise), validated (CRM_VALIDATION_ERROR) and audited (entities
 * "price_list" and "promotion", one row per field) in one transaction:
 * a refused change writes nothing.  Dates are ISO "yyyy-MM-dd" (what
 * crm_date_parse() accepts is taken and normalised). */

typedef enum
{
  CRM_PRICE_SOURCE_LIST_PRICE,     /* the catalogue's list price */
  CRM_PRICE_SOURCE_TAG_LIST,       /* a price list for one of the customer's tags */
  CRM_PRICE_SOURCE_CATEGORY_LIST,  /* a price list for the customer's category or one above it */
} CrmPriceSource;

typedef enum
{
  CRM_DISCOUNT_PERCENT,            /* value in basis points, 1 to 10000 */
  CRM_DISCOUNT_FIXED,              /* value in đồng off the unit price, 1 or more */
} CrmDiscountKind;

#define CRM_TYPE_PRICE_LIST      (crm_price_list_get_type ())
#define CRM_TYPE_PRICE_LIST_ITEM (crm_price_list_item_get_type ())
#define CRM_TYPE_PROMOTION       (crm_promotion_get_type ())

typedef struct
{
  gint64    id;
  char     *name;
  gint64    customer_category_id;  /* 0 when the list is for a tag */
  gint64    tag_id;                /* 0 when the list is for a category */
  char     *valid_from;            /* NULL: since always */
  char     *valid_to;              /* NULL: for ever */
  gboolean  active;
} CrmPriceList;

typedef struct
{
  gint64  product_id;
  char   *product_code;            /* read only */
  char   *product_name;            /* read only */
  gint64  price;
} CrmPriceListItem;

typedef struct
{
  gint64           id;
  char            *name;
  gint64           product_id;            /* exactly one of product_id and */
  gint64           product_category_id;   /* product_category_id is set */
  gint64           customer_category_id;  /* 0: every customer */
  CrmDiscountKind  discount_kind;
  gint64           discount_value;        /* basis points or đồng, see CrmDiscountKind */
  char            *starts_on;
  char            *ends_on;
  gboolean         active;
} CrmPromotion;

/* What crm_pricing_quote_line() found for one product, customer and day.
 * Clear with crm_line_price_clear().  A quote line takes unit_price with
 * discount_bp for a percentage promotion, or net_unit_price for a fixed
 * one; price_source_code is what quote_lines.price_source keeps. */
typedef struct
{
  gint64           product_id;
  gint64           list_price;            /* the catalogue's price */
  gint64           unit_price;            /* before the promotion */
  CrmPriceSource   source;
  gint64           price_list_id;         /* 0 for the list price */
  char            *price_list_name;       /* NULL for the list price */
  char            *price_source_code;     /* "list", "price_list:<id>" */

  gint64           promotion_id;          /* 0: no promotion applies */
  char            *promotion_name;
  CrmDiscountKind  discount_kind;
  gint64           discount_value;        /* as set on the promotion */
  int              discount_bp;           /* the percentage; 0 for a fixed discount */
  gint64           discount_amount;       /* đồng off unit_price */
  gint64           net_unit_price;        /* unit_price - discount_amount, never below 0 */

  int              product_vat_rate_bp;   /* the product's own rate */
  int              vat_rate_bp;           /* the rate in force on the date */
  char            *on_date;               /* the date priced, yyyy-MM-dd */
} CrmLinePrice;

GType             crm_price_list_get_type        (void) G_GNUC_CONST;
CrmPriceList     *crm_price_list_new             (void);
CrmPriceList     *crm_price_list_copy            (const CrmPriceList      *self);
void              crm_price_list_free            (CrmPriceList            *self);

GType             crm_price_list_item_get_type   (void) G_GNUC_CONST;
CrmPriceListItem *crm_price_list_item_copy       (const CrmPriceListItem  *self);
void              crm_price_list_item_free       (CrmPriceListItem        *self);

GType             crm_promotion_get_type         (void) G_GNUC_CONST;
CrmPromotion     *crm_promotion_new              (void);
CrmPromotion     *crm_promotion_copy             (const CrmPromotion      *self);
void              crm_promotion_free             (CrmPromotion            *self);

void              crm_line_price_clear           (CrmLinePrice            *self);
/* One line for the user: where the price and the discount come from,
 * e.g. "Price list “Đại lý cấp 1”; promotion “Tết” −10 %". */
char             *crm_line_price_describe        (const CrmLinePrice      *self);

/* Quoting. */
gboolean          crm_pricing_quote_line         (CrmStore                *store,
                                                  CrmSession              *session,
                                                  gint64                   customer_id,
                                                  gint64                   product_id,
                                                  const char              *on_date,
                                                  CrmLinePrice            *out,
                                                  GError                 **error);
gboolean          crm_pricing_vat_rate_on        (CrmStore                *store,
                                                  int                      product_rate_bp,
                                                  const char              *on_date,
                                                  int                     *rate_bp,
                                                  GError                 **error);

/* Price lists. */
GPtrArray        *crm_pricing_list_price_lists   (CrmStore                *store,
                                                  CrmSession              *session,
                                                  GError                 **error);
gint64            crm_pricing_create_price_list  (CrmStore                *store,
                                                  CrmSession              *session,
                                                  CrmPriceList            *list,
                                                  GError                 **error);
gboolean          crm_pricing_update_price_list  (CrmStore                *store,
                                                  CrmSession              *session,
                                                  CrmPriceList            *list,
                                                  GError                 **error);
GPtrArray        *crm_pricing_list_items         (CrmStore                *store,
                                                  CrmSession              *session,
                                                  gint64                   price_list_id,
                                                  GError                 **error);
gboolean          crm_pricing_set_item           (CrmStore                *store,
                                                  CrmSession              *session,
                                                  gint64                   price_list_id,
                                                  gint64                   product_id,
                                                  gint64                   price,
                                                  GError                 **error);
gboolean          crm_pricing_remove_item        (CrmStore                *store,
                                                  CrmSession              *session,
                                                  gint64                   price_list_id,
                                                  gint64                   product_id,
                                                  GError                 **error);

/* Promotions. */
GPtrArray        *crm_pricing_list_promotions    (CrmStore                *store,
                                                  CrmSession              *session,
                                                  GError                 **error);
gint64            crm_pricing_create_promotion   (CrmStore                *store,
                                                  CrmSession              *session,
                                                  CrmPromotion            *promotion,
                                                  GError                 **error);
gboolean          crm_pricing_update_promotion   (CrmStore                *store,
                                                  CrmSession              *session,
                                                  CrmPromotion            *promotion,
                                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmPriceList, crm_price_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmPriceListItem, crm_price_list_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmPromotion, crm_promotion_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmLinePrice, crm_line_price_clear)

G_END_DECLS
