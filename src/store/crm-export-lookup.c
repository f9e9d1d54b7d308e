/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export-lookup"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-export-lookup.h"
#include "crm-store-private.h"

/* A JSON array of integers for json_each(): built from ids, never text. */
static char *
ids_json (const gint64 *ids,
          guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/**
 * crm_export_lookup_user_name:
 *
 * Returns: (transfer full): the full name of a user, "" for an unknown
 *   id, or %NULL with @error set
 */
char *
crm_export_lookup_user_name (CrmStore  *store,
                             gint64     user_id,
                             GError   **error)
{
  static const char sql[] = "SELECT full_name FROM users WHERE id = :id";
  sqlite3_stmt *stmt;
  char *name;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", user_id);
  rc = sqlite3_step (stmt);
  name = rc == SQLITE_ROW ? _crm_column_text (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return name ? name : g_strdup ("");
}

/**
 * crm_export_lookup_category_names:
 * @category_ids: (element-type gint64): a list filter's categories: a
 *   tree node and everything under it
 * @max_names: names given before "and N more"
 *
 * Names the selected tree nodes: the categories of @category_ids whose
 * parent is not among them, in tree order, comma separated.
 *
 * Returns: (transfer full): the names, "" for none, or %NULL with @error set
 */
char *
crm_export_lookup_category_names (CrmStore  *store,
                                  GArray    *category_ids,
                                  guint      max_names,
                                  GError   **error)
{
  static const char sql[] =
    "SELECT name FROM categories "
    "WHERE id IN (SELECT value FROM json_each (:ids)) "
    "  AND (parent_id IS NULL OR parent_id NOT IN (SELECT value FROM json_each (:ids))) "
    "ORDER BY sort_key, id";
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *ids = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (category_ids != NULL, NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  ids = ids_json ((const gint64 *) category_ids->data, category_ids->len);
  _crm_bind_text (stmt, ":ids", ids);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (n++ < max_names)
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (n > max_names)
    g_string_append_printf (names,
                            g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n - max_names),
                            n - max_names);
  return g_string_free (g_steal_pointer (&names), FALSE);
}
