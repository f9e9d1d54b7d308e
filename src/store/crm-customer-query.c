/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-query"

#include "config.h"

#include <string.h>

#include "crm-customer-query.h"

#include "crm-customer.h"
#include "crm-customer-query-private.h"
#include "crm-province.h"
#include "crm-search-store.h"
#include "crm-text.h"

/* Past this offset a fetch without a known total counts first: counting
 * costs one pass over the table, a deep OFFSET costs more. */
#define MIRROR_MIN_OFFSET 20000

/* The filters and orders are in crm-customer-query-private.h. */

#define COUNT_SQL(filters) "SELECT count(*) FROM customers c WHERE " filters

/* The page is chosen on ids alone and the columns are read for those 200
 * rows only: sorting narrow records is what keeps deep pages cheap. */
#define PAGE_SQL(filters, order) \
  "SELECT c.id, c.code, c.kind, c.full_name, c.province_code, c.status, u.full_name, " \
  "  c.last_contact_at, c.revenue " \
  "FROM (SELECT c.id FROM customers c LEFT JOIN users u ON u.id = c.assigned_to " \
  "      WHERE " filters "ORDER BY " order " LIMIT :limit OFFSET :offset) page " \
  "JOIN customers c ON c.id = page.id LEFT JOIN users u ON u.id = c.assigned_to " \
  "ORDER BY " order

/* [searching][sort][descending] */
static const char *const page_sql[2][CRM_CUSTOMER_SORT_N][2] = {
  ALL_ORDERS (PAGE_SQL, LIST_FILTERS),
  ALL_ORDERS (PAGE_SQL, LIST_FILTERS SEARCH_FILTER),
};

static const char *const count_sql[2] = {
  COUNT_SQL (LIST_FILTERS),
  COUNT_SQL (LIST_FILTERS SEARCH_FILTER),
};

static const CrmCustomerFilter default_filter = {
  NULL, -1, NULL, NULL, NULL, 0, NULL, CRM_CUSTOMER_SORT_NAME, TRUE,
};

G_DEFINE_ENUM_TYPE (CrmCustomerSort, crm_customer_sort,
  G_DEFINE_ENUM_VALUE (CRM_CUSTOMER_SORT_CODE, "code"),
  G_DEFINE_ENUM_VALUE (CRM_CUSTOMER_SORT_NAME, "name"),
  G_DEFINE_ENUM_VALUE (CRM_CUSTOMER_SORT_PROVINCE, "province"),
  G_DEFINE_ENUM_VALUE (CRM_CUSTOMER_SORT_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (CRM_CUSTOMER_SORT_OWNER, "owner"),
  G_DEFINE_ENUM_VALUE (CRM_CUSTOMER_SORT_LAST_CONTACT, "last-contact"),
  G_DEFINE_ENUM_VALUE (CRM_CUSTOMER_SORT_REVENUE, "revenue"))

G_DEFINE_BOXED_TYPE (CrmCustomerFilter, crm_customer_filter,
                     crm_customer_filter_copy, crm_customer_filter_free)

/* Filter values --------------------------------------------------------------------- */

/**
 * crm_customer_filter_new:
 *
 * Every customer the session may see, by name A to Z.
 */
CrmCustomerFilter *
crm_customer_filter_new (void)
{
  return g_memdup2 (&default_filter, sizeof default_filter);
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *copy;

  if (ids == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

CrmCustomerFilter *
crm_customer_filter_copy (const CrmCustomerFilter *filter)
{
  CrmCustomerFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->category_ids = copy_ids (filter->category_ids);
  copy->province_code = g_strdup (filter->province_code);
  copy->industry = g_strdup (filter->industry);
  copy->source = g_strdup (filter->source);
  copy->search = g_strdup (filter->search);
  return copy;
}

void
crm_customer_filter_free (CrmCustomerFilter *filter)
{
  if (filter == NULL)
    return;
  g_clear_pointer (&filter->category_ids, g_array_unref);
  g_free (filter->province_code);
  g_free (filter->industry);
  g_free (filter->source);
  g_free (filter->search);
  g_free (filter);
}

static gboolean
ids_equal (GArray *a,
           GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

/* Blank text filters mean "any", as NULL does. */
static const char *
nonblank (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
crm_customer_filter_equal (const CrmCustomerFilter *a,
                           const CrmCustomerFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return ids_equal (a->category_ids, b->category_ids) &&
         a->status == b->status &&
         g_strcmp0 (nonblank (a->province_code), nonblank (b->province_code)) == 0 &&
         g_strcmp0 (nonblank (a->industry), nonblank (b->industry)) == 0 &&
         g_strcmp0 (nonblank (a->source), nonblank (b->source)) == 0 &&
         a->assigned_to == b->assigned_to &&
         g_strcmp0 (nonblank (a->search), nonblank (b->search)) == 0 &&
         a->sort == b->sort &&
         !a->ascending == !b->ascending;
}

/**
 * crm_customer_filter_set_categories:
 * @category_ids: (nullable) (element-type gint64): copied; %NULL for any
 *   category, an empty array for none
 */
void
crm_customer_filter_set_categories (CrmCustomerFilter *filter,
                                    GArray            *category_ids)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->category_ids, g_array_unref);
  filter->category_ids = copy_ids (category_ids);
}

/* Binding ------------------------------------------------------------------------- */

gboolean
_crm_customer_filter_is_valid (const CrmCustomerFilter *filter)
{
  return filter->status >= -1 && filter->status <= CRM_CUSTOMER_STATUS_INACTIVE &&
         (guint) filter->sort < CRM_CUSTOMER_SORT_N;
}

/* A JSON array of integers for json_each(): built from ids, never text. */
static char *
categories_json (GArray *ids)
{
  GString *json;

  if (ids == NULL)
    return NULL;
  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* "|an-giang|bac-ninh|…|": province codes in the order the list shows
 * them, so that instr() gives each its rank. */
static const char *
province_order (void)
{
  static char *order;

  if (g_once_init_enter (&order))
    {
      GString *text = g_string_new ("|");
      guint n = 0;
      const CrmProvince *provinces = crm_provinces (&n);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, "%s|", provinces[i].code);
      g_once_init_leave (&order, g_string_free (text, FALSE));
    }
  return order;
}

static void
bind_text_if_used (sqlite3_stmt *stmt,
                   const char   *name,
                   const char   *value)
{
  if (sqlite3_bind_parameter_index (stmt, name) > 0)
    _crm_bind_text (stmt, name, value);
}

/* What the search box holds as an FTS5 query; NULL when it is blank. */
char *
_crm_customer_filter_build_match (const CrmCustomerFilter *filter)
{
  return crm_search_build_match (nonblank (filter->search));
}

void
_crm_customer_query_bind_filter (sqlite3_stmt            *stmt,
                                 CrmSession              *session,
                                 const CrmCustomerFilter *filter,
                                 const char              *match)
{
  g_autofree char *categories = categories_json (filter->category_ids);
  const char *status = filter->status >= 0 ? crm_customer_status_to_string (filter->status) : NULL;

  _crm_store_bind_viewer (stmt, session);
  _crm_bind_text (stmt, ":status", status);
  _crm_bind_text (stmt, ":province", nonblank (filter->province_code));
  _crm_bind_text (stmt, ":industry", nonblank (filter->industry));
  _crm_bind_text (stmt, ":source", nonblank (filter->source));
  _crm_bind_id (stmt, ":assigned", filter->assigned_to);
  _crm_bind_text (stmt, ":categories", categories);
  bind_text_if_used (stmt, ":match", match);
  bind_text_if_used (stmt, ":provinces", province_order ());
}

/* Counting ------------------------------------------------------------------------ */

/**
 * crm_customer_query_count:
 * @filter: (nullable): %NULL for every customer
 *
 * How many customers @session may see that pass @filter; -1 on error.
 */
gint64
crm_customer_query_count (CrmStore                 *store,
                          CrmSession               *session,
                          const CrmCustomerFilter  *filter,
                          GError                  **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);
  g_return_val_if_fail (filter == NULL || _crm_customer_filter_is_valid (filter), -1);

  if (filter == NULL)
    filter = &default_filter;
  match = _crm_customer_filter_build_match (filter);
  if (!(stmt = _crm_store_prepare (store, count_sql[match != NULL], error)))
    return -1;
  _crm_customer_query_bind_filter (stmt, session, filter, match);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/* Fetching ------------------------------------------------------------------------ */

static CrmCustomerRow *
row_from_statement (sqlite3_stmt *stmt)
{
  CrmCustomerKind kind = CRM_CUSTOMER_KIND_PERSON;
  CrmCustomerStatus status = CRM_CUSTOMER_STATUS_LEAD;

  crm_customer_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  crm_customer_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &status);
  return crm_customer_row_new (sqlite3_column_int64 (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 3),
                               kind,
                               (const char *) sqlite3_column_text (stmt, 4),
                               status,
                               (const char *) sqlite3_column_text (stmt, 6),
                               (const char *) sqlite3_column_text (stmt, 7),
                               sqlite3_column_int64 (stmt, 8));
}

static GPtrArray *
run_page (CrmStore                 *store,
          CrmSession               *session,
          const CrmCustomerFilter  *filter,
          gboolean                  ascending,
          guint                     offset,
          guint                     limit,
          GError                  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = _crm_customer_filter_build_match (filter);
  const char *sql = page_sql[match != NULL][filter->sort][!ascending];
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_customer_query_bind_filter (stmt, session, filter, match);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_statement (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
reverse_rows (GPtrArray *rows)
{
  for (guint i = 0, j = rows->len; i + 1 < j; i++, j--)
    {
      gpointer row = rows->pdata[i];

      rows->pdata[i] = rows->pdata[j - 1];
      rows->pdata[j - 1] = row;
    }
}

/**
 * crm_customer_query_fetch_window:
 * @filter: (nullable): %NULL for every customer by name
 * @n_total: what crm_customer_query_count() gave for @filter, or -1
 *
 * Rows @offset to @offset + @limit of the list (fewer at its end).  A
 * window in the second half of the list is read from the other end, in
 * the reverse order, so that the last page costs what the first does;
 * that needs the total, which is counted here for deep windows when
 * @n_total is -1.
 *
 * Returns: (transfer container) (element-type CrmCustomerRow): the rows
 */
GPtrArray *
crm_customer_query_fetch_window (CrmStore                 *store,
                                 CrmSession               *session,
                                 const CrmCustomerFilter  *filter,
                                 guint                     offset,
                                 guint                     limit,
                                 gint64                    n_total,
                                 GError                  **error)
{
  GPtrArray *rows;
  guint64 end;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter == NULL || _crm_customer_filter_is_valid (filter), NULL);

  if (filter == NULL)
    filter = &default_filter;
  if (n_total < 0 && offset >= MIRROR_MIN_OFFSET &&
      (n_total = crm_customer_query_count (store, session, filter, error)) < 0)
    return NULL;
  if (n_total < 0 || 2 * (guint64) offset + limit <= (guint64) n_total)
    return run_page (store, session, filter, filter->ascending, offset, limit, error);
  if ((guint64) offset >= (guint64) n_total || limit == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);

  end = MIN ((guint64) offset + limit, (guint64) n_total);
  rows = run_page (store, session, filter, !filter->ascending,
                   (guint) (n_total - end), (guint) (end - offset), error);
  if (rows != NULL)
    reverse_rows (rows);
  return rows;
}

/**
 * crm_customer_query_fetch:
 * @filter: (nullable): %NULL for every customer by name
 *
 * Rows @offset to @offset + @limit of the customers @session may see
 * that pass @filter, in its order.
 *
 * Returns: (transfer container) (element-type CrmCustomerRow): the rows
 */
GPtrArray *
crm_customer_query_fetch (CrmStore                 *store,
                          CrmSession               *session,
                          const CrmCustomerFilter  *filter,
                          guint                     offset,
                          guint                     limit,
                          GError                  **error)
{
  return crm_customer_query_fetch_window (store, session, filter, offset, limit, -1, error);
}

/* Vietnamese alphabetical order of two strings in a GPtrArray. */
static int
compare_sort_keys (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  g_autofree char *key_a = crm_text_sort_key (*(const char * const *) a);
  g_autofree char *key_b = crm_text_sort_key (*(const char * const *) b);

  return strcmp (key_a, key_b);
}

/**
 * crm_customer_query_industries:
 *
 * The industries the customers @session may see are recorded in, in
 * Vietnamese order, for the industry filter.  Reads the list index only.
 *
 * Returns: (transfer full): a %NULL-terminated array, or %NULL on error
 */
GStrv
crm_customer_query_industries (CrmStore    *store,
                               CrmSession  *session,
                               GError     **error)
{
  static const char sql[] =
    "SELECT DISTINCT c.industry FROM customers c "
    "WHERE c.merged_into IS NULL AND c.industry IS NOT NULL AND trim (c.industry) <> '' AND "
    CRM_VISIBLE_CUSTOMER ("c");
  g_autoptr(GPtrArray) industries = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (industries, _crm_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  g_ptr_array_sort_with_data (industries, compare_sort_keys, NULL);
  g_ptr_array_add (industries, NULL);
  return (GStrv) g_ptr_array_steal (industries, NULL);
}
