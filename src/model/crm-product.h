/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_PRODUCT (crm_product_get_type ())

G_DECLARE_FINAL_TYPE (CrmProduct, crm_product, CRM, PRODUCT, GObject)

/* Longest product code the catalogue accepts. */
#define CRM_PRODUCT_CODE_MAX 32

/* One product or service of the catalogue.  Money in đồng, the VAT rate
 * in basis points (0, 500, 800 or 1000: the rate the product is taxed at
 * by law; the rate a line gets on a given date comes from the dated
 * vat_rates table, see crm_pricing_vat_rate_on()).  Ids of 0 mean "none".
 *
 * The cost price is secret: a product read by a user who may not see
 * costs carries 0 and cost-hidden TRUE.  category-name is filled by the
 * store when reading, for lists; it is not written back. */
CrmProduct  *crm_product_new                (void);
CrmProduct  *crm_product_copy               (CrmProduct   *self);

gint64       crm_product_get_id             (CrmProduct   *self);
void         crm_product_set_id             (CrmProduct   *self,
                                             gint64        id);
const char  *crm_product_get_code           (CrmProduct   *self);
void         crm_product_set_code           (CrmProduct   *self,
                                             const char   *code);
const char  *crm_product_get_name           (CrmProduct   *self);
void         crm_product_set_name           (CrmProduct   *self,
                                             const char   *name);
const char  *crm_product_get_unit           (CrmProduct   *self);
void         crm_product_set_unit           (CrmProduct   *self,
                                             const char   *unit);
gint64       crm_product_get_list_price     (CrmProduct   *self);
void         crm_product_set_list_price     (CrmProduct   *self,
                                             gint64        list_price);
gint64       crm_product_get_cost_price     (CrmProduct   *self);
void         crm_product_set_cost_price     (CrmProduct   *self,
                                             gint64        cost_price);
gboolean     crm_product_get_cost_hidden    (CrmProduct   *self);
void         crm_product_set_cost_hidden    (CrmProduct   *self,
                                             gboolean      cost_hidden);
int          crm_product_get_vat_rate_bp    (CrmProduct   *self);
void         crm_product_set_vat_rate_bp    (CrmProduct   *self,
                                             int           vat_rate_bp);
gint64       crm_product_get_category_id    (CrmProduct   *self);
void         crm_product_set_category_id    (CrmProduct   *self,
                                             gint64        category_id);
const char  *crm_product_get_category_name  (CrmProduct   *self);
void         crm_product_set_category_name  (CrmProduct   *self,
                                             const char   *category_name);
gboolean     crm_product_get_active         (CrmProduct   *self);
void         crm_product_set_active         (CrmProduct   *self,
                                             gboolean      active);
const char  *crm_product_get_description    (CrmProduct   *self);
void         crm_product_set_description    (CrmProduct   *self,
                                             const char   *description);

/* TRUE for the rates a product may carry: 0, 500, 800 and 1000. */
gboolean     crm_product_vat_rate_is_valid  (int           vat_rate_bp);

/* Checks what a user typed and rewrites it to the stored form: code, name
 * and unit trimmed, a blank description NULL.  A blank code is allowed
 * (the store then gives the next "SP0001"-style code); a code must not
 * contain spaces and has at most CRM_PRODUCT_CODE_MAX characters.  The
 * name is required; prices are 0 or more; the VAT rate one of
 * crm_product_vat_rate_is_valid().  CRM_VALIDATION_ERROR on failure. */
gboolean     crm_product_validate           (CrmProduct   *self,
                                             GError      **error);

G_END_DECLS
