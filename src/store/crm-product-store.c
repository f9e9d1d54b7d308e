/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-product-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-product-store.h"
#include "crm-search-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* How many generated codes are tried when earlier ones were typed by hand. */
#define MAX_CODE_TRIES 1000

/* Whether the viewer bound with _crm_store_bind_viewer() may read cost
 * prices: an administrator, or a user whose account says so.  Read from
 * the users table (not the session) so a switch an administrator turns
 * off applies at once.  Not correlated with any row: SQLite runs it once
 * per statement. */
#define SEES_COST \
  "coalesce ((SELECT u.role = 'admin' OR u.may_see_cost = 1 FROM users u WHERE u.id = :v_uid), 0)"

#define PRODUCT_COLUMNS \
  "p.id, p.code, p.name, p.unit, p.list_price, " \
  "CASE WHEN " SEES_COST " THEN p.cost_price ELSE 0 END, NOT " SEES_COST ", " \
  "p.vat_rate_bp, coalesce (p.category_id, 0), k.name, p.active, p.description "

#define PRODUCT_FROM \
  "FROM products p LEFT JOIN product_categories k ON k.id = p.category_id "

/* Filters are parameters that are NULL when unused, so the statements
 * below are a fixed set of static strings; nothing typed becomes SQL. */
#define LIST_FILTERS \
  CRM_ACTIVE_VIEWER " " \
  "AND (:active IS NULL OR p.active = :active) " \
  "AND (:category IS NULL OR p.category_id IN (" \
  "  WITH RECURSIVE sub (id) AS (" \
  "    SELECT :category UNION SELECT c.id FROM product_categories c JOIN sub ON c.parent_id = sub.id) " \
  "  SELECT id FROM sub)) "

/* CROSS JOIN keeps SQLite from running the full-text query once per
 * product. */
#define SEARCH_FILTER \
  "AND p.id IN (SELECT d.ref_id FROM search_fts f CROSS JOIN search_docs d ON d.id = f.rowid " \
  "             WHERE search_fts MATCH :match AND d.kind = 'product') "

#define COUNT_SQL(filters) "SELECT count(*) FROM products p WHERE " filters
#define PAGE_SQL(filters, order) \
  "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE " filters \
  "ORDER BY " order " LIMIT :limit OFFSET :offset"

#define BY_CODE(dir) "p.code " dir ", p.id " dir
#define BY_NAME(dir) "p.sort_key " dir ", p.id " dir
#define BOTH_WAYS(filters, by) { PAGE_SQL (filters, by ("ASC")), PAGE_SQL (filters, by ("DESC")) }

/* [searching][sort][descending] */
static const char *const page_sql[2][2][2] = {
  { BOTH_WAYS (LIST_FILTERS, BY_CODE), BOTH_WAYS (LIST_FILTERS, BY_NAME) },
  { BOTH_WAYS (LIST_FILTERS SEARCH_FILTER, BY_CODE), BOTH_WAYS (LIST_FILTERS SEARCH_FILTER, BY_NAME) },
};

static const char *const count_sql[2] = {
  COUNT_SQL (LIST_FILTERS),
  COUNT_SQL (LIST_FILTERS SEARCH_FILTER),
};

static const CrmProductFilter default_filter = { 0, -1, NULL, CRM_PRODUCT_SORT_NAME, TRUE };

G_DEFINE_BOXED_TYPE (CrmProductFilter, crm_product_filter,
                     crm_product_filter_copy, crm_product_filter_free)
G_DEFINE_BOXED_TYPE (CrmProductCategory, crm_product_category,
                     crm_product_category_copy, crm_product_category_free)

/* Boxed types ------------------------------------------------------------------ */

/**
 * crm_product_filter_new:
 *
 * Every product, active or not, by name A to Z.
 */
CrmProductFilter *
crm_product_filter_new (void)
{
  return g_memdup2 (&default_filter, sizeof default_filter);
}

CrmProductFilter *
crm_product_filter_copy (const CrmProductFilter *filter)
{
  CrmProductFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->search = g_strdup (filter->search);
  return copy;
}

void
crm_product_filter_free (CrmProductFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->search);
  g_free (filter);
}

CrmProductCategory *
crm_product_category_copy (const CrmProductCategory *category)
{
  CrmProductCategory *copy;

  g_return_val_if_fail (category != NULL, NULL);

  copy = g_memdup2 (category, sizeof *category);
  copy->name = g_strdup (category->name);
  return copy;
}

void
crm_product_category_free (CrmProductCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_free (category);
}

/* Helpers ----------------------------------------------------------------------- */

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
                       _("Only a manager or an administrator may change the product catalogue."));
  return FALSE;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("This product no longer exists."));
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

/* One integer from @sql with :id bound to @id, or -1 with an error. */
static gint64
query_int (CrmStore    *store,
           const char  *sql,
           gint64       id,
           GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  gint64 value = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return value;
}

/* Whether @session may read and write cost prices (see SEES_COST). */
static gboolean
sees_cost (CrmStore    *store,
           CrmSession  *session,
           gboolean    *result,
           GError     **error)
{
  static const char sql[] = "SELECT " SEES_COST;
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  *result = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static CrmProduct *
product_from_row (sqlite3_stmt *stmt)
{
  CrmProduct *product = crm_product_new ();

  crm_product_set_id (product, sqlite3_column_int64 (stmt, 0));
  crm_product_set_code (product, (const char *) sqlite3_column_text (stmt, 1));
  crm_product_set_name (product, (const char *) sqlite3_column_text (stmt, 2));
  crm_product_set_unit (product, (const char *) sqlite3_column_text (stmt, 3));
  crm_product_set_list_price (product, sqlite3_column_int64 (stmt, 4));
  crm_product_set_cost_price (product, sqlite3_column_int64 (stmt, 5));
  crm_product_set_cost_hidden (product, sqlite3_column_int (stmt, 6) != 0);
  crm_product_set_vat_rate_bp (product, sqlite3_column_int (stmt, 7));
  crm_product_set_category_id (product, sqlite3_column_int64 (stmt, 8));
  crm_product_set_category_name (product, (const char *) sqlite3_column_text (stmt, 9));
  crm_product_set_active (product, sqlite3_column_int (stmt, 10) != 0);
  crm_product_set_description (product, (const char *) sqlite3_column_text (stmt, 11));
  return product;
}

/* Reading ------------------------------------------------------------------------- */

static const char *
nonblank (const char *text)
{
  return crm_text_is_blank (text) ? NULL : text;
}

static gboolean
filter_is_valid (const CrmProductFilter *filter)
{
  return (filter->sort == CRM_PRODUCT_SORT_CODE || filter->sort == CRM_PRODUCT_SORT_NAME) &&
         filter->active >= -1 && filter->active <= 1 && filter->category_id >= 0;
}

static void
bind_filter (sqlite3_stmt           *stmt,
             CrmSession             *session,
             const CrmProductFilter *filter,
             const char             *match)
{
  _crm_store_bind_viewer (stmt, session);
  if (filter->active >= 0)
    _crm_bind_int64 (stmt, ":active", filter->active);
  else
    _crm_bind_text (stmt, ":active", NULL);
  _crm_bind_id (stmt, ":category", filter->category_id);
  if (match != NULL)
    _crm_bind_text (stmt, ":match", match);
}

/**
 * crm_product_store_count:
 * @filter: (nullable): %NULL for every product
 *
 * How many products pass @filter; -1 on error.
 */
gint64
crm_product_store_count (CrmStore                *store,
                         CrmSession              *session,
                         const CrmProductFilter  *filter,
                         GError                 **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);
  g_return_val_if_fail (filter == NULL || filter_is_valid (filter), -1);

  if (filter == NULL)
    filter = &default_filter;
  match = crm_search_build_match (nonblank (filter->search));
  if (!(stmt = _crm_store_prepare (store, count_sql[match != NULL], error)))
    return -1;
  bind_filter (stmt, session, filter, match);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_product_store_fetch:
 * @filter: (nullable): %NULL for every product by name
 *
 * Rows @offset to @offset + @limit of the list (fewer at its end), for a
 * lazy list model that fetches a window at a time.
 *
 * Returns: (transfer container) (element-type CrmProduct): the products
 */
GPtrArray *
crm_product_store_fetch (CrmStore                *store,
                         CrmSession              *session,
                         const CrmProductFilter  *filter,
                         guint                    offset,
                         guint                    limit,
                         GError                 **error)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter == NULL || filter_is_valid (filter), NULL);

  if (filter == NULL)
    filter = &default_filter;
  match = crm_search_build_match (nonblank (filter->search));
  stmt = _crm_store_prepare (store, page_sql[match != NULL][filter->sort][!filter->ascending], error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, session, filter, match);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (products, product_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&products);
}

/**
 * crm_product_store_get:
 *
 * Returns: (transfer full): the product, its cost as @session may see
 *   it; %NULL with %CRM_STORE_ERROR_NOT_FOUND when it does not exist.
 */
CrmProduct *
crm_product_store_get (CrmStore    *store,
                       CrmSession  *session,
                       gint64       product_id,
                       GError     **error)
{
  static const char sql[] =
    "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE p.id = :id AND " CRM_ACTIVE_VIEWER;
  g_autoptr(CrmProduct) product = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", product_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    product = product_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (product == NULL)
    set_not_found (error);
  return g_steal_pointer (&product);
}

/**
 * crm_product_store_find_by_code:
 * @code: a product code as typed; case and surrounding blanks do not matter
 *
 * Returns: (transfer full): the product with that code, its cost as
 *   @session may see it; %NULL with %CRM_STORE_ERROR_NOT_FOUND when no
 *   product has it.
 */
CrmProduct *
crm_product_store_find_by_code (CrmStore    *store,
                                CrmSession  *session,
                                const char  *code,
                                GError     **error)
{
  static const char sql[] =
    "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE p.code = :code COLLATE NOCASE AND " CRM_ACTIVE_VIEWER;
  g_autofree char *clean = g_strstrip (g_strdup (code ? code : ""));
  g_autoptr(CrmProduct) product = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Type a product code."));
      return NULL;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":code", clean);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    product = product_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (product == NULL)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 _("No product has the code “%s”."), clean);
  return g_steal_pointer (&product);
}

/* The row as stored, cost included, for writers comparing old and new. */
static CrmProduct *
load_current (CrmStore  *store,
              gint64     product_id,
              GError   **error)
{
  static const char sql[] =
    "SELECT p.id, p.code, p.name, p.unit, p.list_price, p.cost_price, 0, p.vat_rate_bp, "
    "  coalesce (p.category_id, 0), k.name, p.active, p.description " PRODUCT_FROM
    "WHERE p.id = :id";
  CrmProduct *product = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    product = product_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (product == NULL)
    set_not_found (error);
  return product;
}

/* Checks before writing ---------------------------------------------------------- */

/* The category's name, or NOT_FOUND; NULL @name is fine. */
static gboolean
read_category (CrmStore    *store,
               gint64       id,
               char       **name,
               GError     **error)
{
  static const char sql[] = "SELECT name FROM product_categories WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && name != NULL)
    *name = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This product category no longer exists."));
  else
    _crm_store_set_error (store, rc, error);
  return FALSE;
}

/* The name of the product other than @self_id whose code is @code in any
 * case, or NULL (and no error) when the code is free. */
static gboolean
find_code_owner (CrmStore    *store,
                 const char  *code,
                 gint64       self_id,
                 char       **owner,
                 GError     **error)
{
  static const char sql[] =
    "SELECT name FROM products WHERE code = :code COLLATE NOCASE AND id <> :id";
  sqlite3_stmt *stmt;
  int rc;

  *owner = NULL;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":code", code);
  _crm_bind_int64 (stmt, ":id", self_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *owner = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_code_free (CrmStore    *store,
                 const char  *code,
                 gint64       self_id,
                 GError     **error)
{
  g_autofree char *owner = NULL;

  if (!find_code_owner (store, code, self_id, &owner, error))
    return FALSE;
  if (owner == NULL)
    return TRUE;
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
               _("The product code “%s” is already used by “%s”."), code, owner);
  return FALSE;
}

/* The next "SP0001"-style code nobody uses, inside the caller's
 * transaction (the counter is shared with the demo data). */
static char *
next_code (CrmStore  *store,
           GError   **error)
{
  for (guint i = 0; i < MAX_CODE_TRIES; i++)
    {
      g_autofree char *code = NULL;
      g_autofree char *owner = NULL;
      gint64 number = _crm_store_next_counter (store, "product", error);

      if (number == 0)
        return NULL;
      code = g_strdup_printf ("SP%04" G_GINT64_FORMAT, number);
      if (!find_code_owner (store, code, 0, &owner, error))
        return NULL;
      if (owner == NULL)
        return g_steal_pointer (&code);
    }
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                       _("No free product code was found. Type a code."));
  return NULL;
}

/* The search document: code, the code's number without its zeros (so
 * "42" finds SP0042), name and category. */
static gboolean
put_search_doc (CrmStore    *store,
                CrmProduct  *product,
                const char  *category_name,
                GError     **error)
{
  const char *code = crm_product_get_code (product);
  g_autofree char *digits = crm_text_digits (code);
  const char *number = digits;
  g_autofree char *body = NULL;

  while (number[0] == '0' && number[1] != '\0')
    number++;
  body = g_strjoin (" ", code, number, crm_product_get_name (product),
                    category_name ? category_name : "", NULL);
  return _crm_store_put_search_doc (store, "product", crm_product_get_id (product), 0, code,
                                    crm_product_get_name (product), body, error);
}

/* Create ---------------------------------------------------------------------------- */

static gboolean
audit_field (CrmStore    *store,
             CrmSession  *session,
             const char  *action,
             gint64       id,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return _crm_store_audit (store, session, action, "product", id, field, old_value, new_value, error);
}

static gboolean
audit_number (CrmStore    *store,
              CrmSession  *session,
              const char  *action,
              gint64       id,
              const char  *field,
              const char  *old_value,
              gint64       new_value,
              GError     **error)
{
  g_autofree char *text = int_text (new_value);

  return audit_field (store, session, action, id, field, old_value, text, error);
}

/* One audit row per field that differs from @old (NULL: a new product,
 * whose default fields are not written).  The cost only for users who
 * may see it: the others cannot change it. */
static gboolean
audit_changes (CrmStore    *store,
               CrmSession  *session,
               CrmProduct  *old,
               CrmProduct  *product,
               gboolean     with_cost,
               GError     **error)
{
  const char *action = old ? "update" : "create";
  gint64 id = crm_product_get_id (product);
  g_autofree char *old_list = old ? int_text (crm_product_get_list_price (old)) : NULL;
  g_autofree char *old_cost = old ? int_text (crm_product_get_cost_price (old)) : NULL;
  g_autofree char *old_vat = old ? int_text (crm_product_get_vat_rate_bp (old)) : NULL;
  g_autofree char *old_category = old ? id_text (crm_product_get_category_id (old)) : NULL;
  g_autofree char *new_category = id_text (crm_product_get_category_id (product));
  const char *old_active = old ? (crm_product_get_active (old) ? "1" : "0") : "1";
  const char *new_active = crm_product_get_active (product) ? "1" : "0";

  return audit_field (store, session, action, id, "code", old ? crm_product_get_code (old) : NULL,
                      crm_product_get_code (product), error) &&
         audit_field (store, session, action, id, "name", old ? crm_product_get_name (old) : NULL,
                      crm_product_get_name (product), error) &&
         audit_field (store, session, action, id, "unit", old ? crm_product_get_unit (old) : "",
                      crm_product_get_unit (product), error) &&
         audit_number (store, session, action, id, "list_price", old_list,
                       crm_product_get_list_price (product), error) &&
         (!with_cost || (old == NULL && crm_product_get_cost_price (product) == 0) ||
          audit_number (store, session, action, id, "cost_price", old_cost,
                        crm_product_get_cost_price (product), error)) &&
         audit_number (store, session, action, id, "vat_rate_bp", old_vat,
                       crm_product_get_vat_rate_bp (product), error) &&
         audit_field (store, session, action, id, "category_id", old_category, new_category, error) &&
         audit_field (store, session, action, id, "active", old_active, new_active, error) &&
         audit_field (store, session, action, id, "description",
                      old ? crm_product_get_description (old) : NULL,
                      crm_product_get_description (product), error);
}

static void
bind_product (sqlite3_stmt *stmt,
              CrmSession   *session,
              CrmProduct   *product,
              const char   *now)
{
  g_autofree char *sort_key = crm_text_sort_key (crm_product_get_name (product));

  _crm_store_bind_viewer (stmt, session);
  _crm_bind_text (stmt, ":code", crm_product_get_code (product));
  _crm_bind_text (stmt, ":name", crm_product_get_name (product));
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":unit", crm_product_get_unit (product));
  _crm_bind_int64 (stmt, ":list", crm_product_get_list_price (product));
  _crm_bind_int64 (stmt, ":cost", crm_product_get_cost_price (product));
  _crm_bind_int64 (stmt, ":vat", crm_product_get_vat_rate_bp (product));
  _crm_bind_id (stmt, ":category", crm_product_get_category_id (product));
  _crm_bind_int64 (stmt, ":active", crm_product_get_active (product) ? 1 : 0);
  _crm_bind_text (stmt, ":description", crm_product_get_description (product));
  _crm_bind_text (stmt, ":now", now);
}

static gboolean
write_create (CrmStore    *store,
              CrmSession  *session,
              CrmProduct  *product,
              GError     **error)
{
  /* The cost is written only for users who may see it (SEES_COST). */
  static const char sql[] =
    "INSERT INTO products (code, name, sort_key, unit, list_price, cost_price, vat_rate_bp, "
    "  category_id, active, description, created_at, updated_at, created_by) "
    "VALUES (:code, :name, :sort, :unit, :list, CASE WHEN " SEES_COST " THEN :cost ELSE 0 END, "
    "  :vat, :category, :active, :description, :now, :now, :v_uid)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *category_name = NULL;
  gint64 category_id = crm_product_get_category_id (product);
  gboolean with_cost = FALSE;
  sqlite3_stmt *stmt;

  if (!sees_cost (store, session, &with_cost, error) ||
      (category_id > 0 && !read_category (store, category_id, &category_name, error)))
    return FALSE;
  if (!with_cost)
    crm_product_set_cost_price (product, 0);
  if (crm_product_get_code (product) == NULL)
    {
      g_autofree char *code = next_code (store, error);

      if (code == NULL)
        return FALSE;
      crm_product_set_code (product, code);
    }
  else if (!check_code_free (store, crm_product_get_code (product), 0, error))
    return FALSE;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_product (stmt, session, product, now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_product_set_id (product, sqlite3_last_insert_rowid (_crm_store_get_db (store)));
  crm_product_set_category_name (product, category_name);
  crm_product_set_cost_hidden (product, !with_cost);
  return audit_changes (store, session, NULL, product, with_cost, error) &&
         put_search_doc (store, product, category_name, error);
}

/**
 * crm_product_store_create:
 *
 * Validates @product (crm_product_validate()), stores it and gives it its
 * id (and its code when it had none).  Refused with %CRM_PERMISSION_ERROR
 * for staff, %CRM_VALIDATION_ERROR for bad input, %CRM_STORE_ERROR_EXISTS
 * for a code another product has, %CRM_STORE_ERROR_NOT_FOUND for a
 * category that does not exist.
 *
 * Returns: the new id, or 0 on error (then nothing was written)
 */
gint64
crm_product_store_create (CrmStore    *store,
                          CrmSession  *session,
                          CrmProduct  *product,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (CRM_IS_PRODUCT (product), 0);

  if (!require_editor (store, session, error) || !crm_product_validate (product, error) ||
      !_crm_store_begin (store, error))
    return 0;
  if (!write_create (store, session, product, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      crm_product_set_id (product, 0);
      return 0;
    }
  return crm_product_get_id (product);
}

/* Update ------------------------------------------------------------------------------ */

static gboolean
write_update (CrmStore    *store,
              CrmSession  *session,
              CrmProduct  *product,
              GError     **error)
{
  /* A user who may not see costs leaves the stored cost as it is. */
  static const char sql[] =
    "UPDATE products SET code = :code, name = :name, sort_key = :sort, unit = :unit, "
    "  list_price = :list, cost_price = CASE WHEN " SEES_COST " THEN :cost ELSE cost_price END, "
    "  vat_rate_bp = :vat, category_id = :category, active = :active, description = :description, "
    "  updated_at = :now "
    "WHERE id = :id";
  g_autoptr(CrmProduct) old = load_current (store, crm_product_get_id (product), error);
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *category_name = NULL;
  gint64 category_id = crm_product_get_category_id (product);
  gboolean with_cost = FALSE;
  sqlite3_stmt *stmt;

  if (old == NULL || !sees_cost (store, session, &with_cost, error) ||
      (category_id > 0 && !read_category (store, category_id, &category_name, error)))
    return FALSE;
  if (crm_product_get_code (product) == NULL)
    crm_product_set_code (product, crm_product_get_code (old));
  else if (!check_code_free (store, crm_product_get_code (product), crm_product_get_id (product), error))
    return FALSE;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_product (stmt, session, product, now);
  _crm_bind_int64 (stmt, ":id", crm_product_get_id (product));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_product_set_category_name (product, category_name);
  if (!with_cost)
    crm_product_set_cost_price (product, 0);
  crm_product_set_cost_hidden (product, !with_cost);
  return audit_changes (store, session, old, product, with_cost, error) &&
         put_search_doc (store, product, category_name, error);
}

/**
 * crm_product_store_update:
 *
 * Writes every field of @product (by its id) and audits those that
 * changed.  A blank code keeps the stored one.  The same refusals as
 * crm_product_store_create(), and %CRM_STORE_ERROR_NOT_FOUND for a
 * product that no longer exists.
 */
gboolean
crm_product_store_update (CrmStore    *store,
                          CrmSession  *session,
                          CrmProduct  *product,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (CRM_IS_PRODUCT (product), FALSE);
  g_return_val_if_fail (crm_product_get_id (product) > 0, FALSE);

  if (!require_editor (store, session, error) || !crm_product_validate (product, error) ||
      !_crm_store_begin (store, error))
    return FALSE;
  if (!write_update (store, session, product, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_active (CrmStore    *store,
              CrmSession  *session,
              gint64       id,
              gboolean     active,
              GError     **error)
{
  static const char sql[] = "UPDATE products SET active = :active, updated_at = :now WHERE id = :id";
  g_autoptr(CrmProduct) old = load_current (store, id, error);
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (old == NULL)
    return FALSE;
  if (crm_product_get_active (old) == active)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":active", active ? 1 : 0);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "product", id, "active",
                           active ? "0" : "1", active ? "1" : "0", error);
}

/**
 * crm_product_store_set_active:
 *
 * Takes a product off sale (@active %FALSE) or back on.  An inactive
 * product stays on every document that has it and in the list when its
 * filter asks for inactive products; pickers show active ones only.
 */
gboolean
crm_product_store_set_active (CrmStore    *store,
                              CrmSession  *session,
                              gint64       product_id,
                              gboolean     active,
                              GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_editor (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_active (store, session, product_id, !!active, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Delete ------------------------------------------------------------------------------ */

/* A product on a quote, contract or order stays (documents name it); one
 * a promotion targets goes only with the promotion.  Its price list
 * entries go with it. */
static gboolean
check_unused (CrmStore    *store,
              gint64       id,
              const char  *name,
              GError     **error)
{
  static const char documents_sql[] =
    "SELECT (SELECT count(*) FROM quote_lines WHERE product_id = :id) "
    "     + (SELECT count(*) FROM contract_lines WHERE product_id = :id) "
    "     + (SELECT count(*) FROM order_lines WHERE product_id = :id)";
  static const char promotions_sql[] = "SELECT count(*) FROM promotions WHERE product_id = :id";
  gint64 n;

  if ((n = query_int (store, documents_sql, id, error)) < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is on %d line of a quote, contract or order and cannot be deleted. Deactivate it instead.",
                                "“%s” is on %d lines of quotes, contracts or orders and cannot be deleted. Deactivate it instead.",
                                (gulong) n),
                   name, (int) n);
      return FALSE;
    }
  if ((n = query_int (store, promotions_sql, id, error)) < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has %d promotion. Delete or change it first.",
                                "“%s” has %d promotions. Delete or change them first.",
                                (gulong) n),
                   name, (int) n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_delete (CrmStore    *store,
              CrmSession  *session,
              gint64       id,
              GError     **error)
{
  static const char doc_sql[] = "DELETE FROM search_docs WHERE kind = 'product' AND ref_id = :id";
  static const char sql[] = "DELETE FROM products WHERE id = :id";
  g_autoptr(CrmProduct) old = load_current (store, id, error);
  sqlite3_stmt *stmt;

  if (old == NULL || !check_unused (store, id, crm_product_get_name (old), error) ||
      !(stmt = _crm_store_prepare (store, doc_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  if (!_crm_store_step_done (store, stmt, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "delete", "product", id, "code",
                           crm_product_get_code (old), NULL, error) &&
         _crm_store_audit (store, session, "delete", "product", id, "name",
                           crm_product_get_name (old), NULL, error);
}

/**
 * crm_product_store_delete:
 *
 * Deletes a product typed by mistake.  Refused with
 * %CRM_VALIDATION_ERROR when a quote, contract or order line has it (it
 * can only be deactivated then) or a promotion targets it.
 */
gboolean
crm_product_store_delete (CrmStore    *store,
                          CrmSession  *session,
                          gint64       product_id,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_editor (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_delete (store, session, product_id, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Categories ------------------------------------------------------------------------- */

typedef struct
{
  CrmProductCategory *category;
  char               *sort_key;
} SortedCategory;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const SortedCategory *x = a, *y = b;
  int order = strcmp (x->sort_key, y->sort_key);

  if (order != 0)
    return order;
  return x->category->id < y->category->id ? -1 : x->category->id > y->category->id;
}

/* Appends the children of @parent_id (in @nodes, sorted) to @out, each
 * followed by its own sub-tree. */
static void
append_subtree (GArray    *nodes,
                gint64     parent_id,
                guint      depth,
                GPtrArray *out)
{
  if (depth > 64)
    return;
  for (guint i = 0; i < nodes->len; i++)
    {
      SortedCategory *node = &g_array_index (nodes, SortedCategory, i);
      CrmProductCategory *category;

      if (node->category == NULL || node->category->parent_id != parent_id)
        continue;
      category = g_steal_pointer (&node->category);
      category->depth = depth;
      g_ptr_array_add (out, category);
      append_subtree (nodes, category->id, depth + 1, out);
    }
}

static void
sorted_category_clear (gpointer data)
{
  SortedCategory *node = data;

  g_clear_pointer (&node->category, crm_product_category_free);
  g_clear_pointer (&node->sort_key, g_free);
}

/**
 * crm_product_store_list_categories:
 *
 * Returns: (transfer full) (element-type CrmProductCategory): every
 *   product category, each after its parent, siblings in Vietnamese order.
 */
GPtrArray *
crm_product_store_list_categories (CrmStore    *store,
                                   CrmSession  *session,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT id, coalesce (parent_id, 0), name FROM product_categories WHERE " CRM_ACTIVE_VIEWER;
  g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (SortedCategory));
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_product_category_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  g_array_set_clear_func (nodes, sorted_category_clear);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SortedCategory node;

      node.category = g_new0 (CrmProductCategory, 1);
      node.category->id = sqlite3_column_int64 (stmt, 0);
      node.category->parent_id = sqlite3_column_int64 (stmt, 1);
      node.category->name = _crm_column_text (stmt, 2);
      node.sort_key = crm_text_sort_key (node.category->name);
      g_array_append_val (nodes, node);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  g_array_sort (nodes, compare_sorted);
  append_subtree (nodes, 0, 0, out);
  return g_steal_pointer (&out);
}

/* Refuses @name when a sibling under @parent_id other than @self_id
 * already has it, folded. */
static gboolean
check_category_name (CrmStore    *store,
                     gint64       parent_id,
                     gint64       self_id,
                     const char  *name,
                     GError     **error)
{
  static const char sql[] =
    "SELECT name FROM product_categories WHERE parent_id IS :parent AND id <> :id";
  g_autofree char *folded = crm_text_fold (name);
  g_autofree char *clash = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_id (stmt, ":parent", parent_id);
  _crm_bind_int64 (stmt, ":id", self_id);
  while (clash == NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *sibling = crm_text_fold ((const char *) sqlite3_column_text (stmt, 0));

      if (g_str_equal (sibling, folded))
        clash = _crm_column_text (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (clash != NULL)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("There is already a product category named “%s” here."), clash);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gint64
write_category (CrmStore    *store,
                CrmSession  *session,
                const char  *name,
                gint64       parent_id,
                GError     **error)
{
  static const char sql[] =
    "INSERT INTO product_categories (parent_id, name, created_at, updated_at, created_by) "
    "VALUES (:parent, :name, :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *parent_text = id_text (parent_id);
  sqlite3_stmt *stmt;
  gint64 id;

  if ((parent_id > 0 && !read_category (store, parent_id, NULL, error)) ||
      !check_category_name (store, parent_id, 0, name, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_id (stmt, ":parent", parent_id);
  _crm_bind_text (stmt, ":name", name);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  if (!_crm_store_audit (store, session, "create", "product_category", id, "name", NULL, name, error) ||
      (parent_text != NULL &&
       !_crm_store_audit (store, session, "create", "product_category", id, "parent_id", NULL,
                          parent_text, error)))
    return 0;
  return id;
}

/**
 * crm_product_store_create_category:
 * @parent_id: the parent category, or 0 for the top level
 *
 * Returns: the new category's id, or 0 on error: %CRM_PERMISSION_ERROR
 *   for staff, %CRM_VALIDATION_ERROR for a blank name or one a sibling
 *   has (compared without tones or case).
 */
gint64
crm_product_store_create_category (CrmStore    *store,
                                   CrmSession  *session,
                                   const char  *name,
                                   gint64       parent_id,
                                   GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (parent_id >= 0, 0);

  if (!require_editor (store, session, error))
    return 0;
  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A product category needs a name."));
      return 0;
    }
  if (!_crm_store_begin (store, error))
    return 0;
  if (!(id = write_category (store, session, clean, parent_id, error)) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  return id;
}

/* The search documents of the products filed directly in @category_id
 * carry the category's name: rewritten with @name. */
static gboolean
refresh_category_docs (CrmStore    *store,
                       gint64       category_id,
                       const char  *name,
                       GError     **error)
{
  static const char sql[] = "SELECT id FROM products WHERE category_id = :id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", category_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmProduct) product = load_current (store, g_array_index (ids, gint64, i), error);

      if (product == NULL || !put_search_doc (store, product, name, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_category_name (CrmStore    *store,
                     CrmSession  *session,
                     gint64       id,
                     const char  *name,
                     GError     **error)
{
  static const char parent_sql[] = "SELECT coalesce (parent_id, 0) FROM product_categories WHERE id = :id";
  static const char sql[] = "UPDATE product_categories SET name = :name, updated_at = :now WHERE id = :id";
  g_autofree char *old_name = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  gint64 parent_id;

  if (!read_category (store, id, &old_name, error) ||
      (parent_id = query_int (store, parent_sql, id, error)) < 0)
    return FALSE;
  if (g_strcmp0 (old_name, name) == 0)
    return TRUE;
  if (!check_category_name (store, parent_id, id, name, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":name", name);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "product_category", id, "name", old_name, name, error) &&
         refresh_category_docs (store, id, name, error);
}

/**
 * crm_product_store_rename_category:
 *
 * Gives a product category a new name (trimmed), and the search
 * documents of its products with it.  Refused with %CRM_PERMISSION_ERROR
 * for staff, %CRM_VALIDATION_ERROR for a blank name or one a sibling has,
 * %CRM_STORE_ERROR_NOT_FOUND for a category that no longer exists.
 */
gboolean
crm_product_store_rename_category (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       category_id,
                                   const char  *name,
                                   GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (category_id > 0, FALSE);

  if (!require_editor (store, session, error))
    return FALSE;
  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("A product category needs a name."));
      return FALSE;
    }
  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!write_category_name (store, session, category_id, clean, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
