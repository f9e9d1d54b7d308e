/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-product.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* The catalogue.  Every active user reads it; only managers and
 * administrators change it (CRM_PERMISSION_ERROR_DENIED otherwise).
 *
 * Cost prices are read only by users whose account says may_see_cost, and
 * by administrators: the store's SQL gives everyone else 0 with
 * cost-hidden TRUE.  Such a user's writes never touch the cost either: a
 * product they create costs 0, an update keeps the stored cost.
 *
 * Codes are unique whatever their case; a product created without a code
 * gets the next free "SP0001"-style one.  Every change is audited (entity
 * "product", one row per field) and keeps the product's search document
 * (code, number, name, category) in step, in the same transaction. */

typedef enum
{
  CRM_PRODUCT_SORT_CODE,
  CRM_PRODUCT_SORT_NAME,   /* Vietnamese alphabetical order (crm_text_sort_key) */
} CrmProductSort;

#define CRM_TYPE_PRODUCT_FILTER   (crm_product_filter_get_type ())
#define CRM_TYPE_PRODUCT_CATEGORY (crm_product_category_get_type ())

/* What the product list shows; every order ends on the id, so pages never
 * overlap. */
typedef struct
{
  gint64          category_id;  /* 0: any; else that category and its sub-categories */
  int             active;       /* 1: active only, 0: inactive only, -1: both */
  char           *search;       /* as typed: code or name, tones and case do not matter */
  CrmProductSort  sort;
  gboolean        ascending;
} CrmProductFilter;

/* A node of the product category tree; depth 0 at the top. */
typedef struct
{
  gint64  id;
  gint64  parent_id;            /* 0 at the top */
  char   *name;
  guint   depth;
} CrmProductCategory;

GType               crm_product_filter_get_type     (void) G_GNUC_CONST;
CrmProductFilter   *crm_product_filter_new          (void);
CrmProductFilter   *crm_product_filter_copy         (const CrmProductFilter   *filter);
void                crm_product_filter_free         (CrmProductFilter         *filter);

GType               crm_product_category_get_type   (void) G_GNUC_CONST;
CrmProductCategory *crm_product_category_copy       (const CrmProductCategory *category);
void                crm_product_category_free       (CrmProductCategory       *category);

/* Reading: %NULL / -1 with an error; an inactive user reads nothing. */
gint64              crm_product_store_count         (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     const CrmProductFilter   *filter,
                                                     GError                  **error);
GPtrArray          *crm_product_store_fetch         (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     const CrmProductFilter   *filter,
                                                     guint                     offset,
                                                     guint                     limit,
                                                     GError                  **error);
CrmProduct         *crm_product_store_get           (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     gint64                    product_id,
                                                     GError                  **error);
CrmProduct         *crm_product_store_find_by_code  (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     const char               *code,
                                                     GError                  **error);

/* Writing. */
gint64              crm_product_store_create        (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     CrmProduct               *product,
                                                     GError                  **error);
gboolean            crm_product_store_update        (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     CrmProduct               *product,
                                                     GError                  **error);
gboolean            crm_product_store_set_active    (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     gint64                    product_id,
                                                     gboolean                  active,
                                                     GError                  **error);
gboolean            crm_product_store_delete        (CrmStore                 *store,
                                                     CrmSession               *session,
                                                     gint64                    product_id,
                                                     GError                  **error);

/* Product categories. */
GPtrArray          *crm_product_store_list_categories (CrmStore               *store,
                                                       CrmSession             *session,
                                                       GError                **error);
gint64              crm_product_store_create_category (CrmStore               *store,
                                                       CrmSession             *session,
                                                       const char             *name,
                                                       gint64                  parent_id,
                                                       GError                **error);
gboolean            crm_product_store_rename_category (CrmStore               *store,
                                                       CrmSession             *session,
                                                       gint64                  category_id,
                                                       const char             *name,
                                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmProductFilter, crm_product_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmProductCategory, crm_product_category_free)

G_END_DECLS
