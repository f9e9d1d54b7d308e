/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search-store"

#include "config.h"

#include <string.h>

#include "crm-search-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

G_DEFINE_BOXED_TYPE (CrmSearchHit, crm_search_hit, crm_search_hit_copy, crm_search_hit_free)

CrmSearchHit *
crm_search_hit_copy (const CrmSearchHit *hit)
{
  CrmSearchHit *copy = g_memdup2 (hit, sizeof *hit);

  copy->kind = g_strdup (hit->kind);
  copy->code = g_strdup (hit->code);
  copy->title = g_strdup (hit->title);
  return copy;
}

void
crm_search_hit_free (CrmSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->kind);
  g_free (hit->code);
  g_free (hit->title);
  g_free (hit);
}

/* "0912 345 678", "+84 912-345-678": people type phone numbers in groups;
 * the index holds them as one run of digits. */
static gboolean
looks_like_phone (const char *query)
{
  guint digits = 0;

  for (const char *p = query; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" +.-()", *p))
        return FALSE;
    }
  return digits >= 3;
}

static void
append_token (GString    *match,
              const char *token,
              gboolean    prefix)
{
  if (match->len > 0)
    g_string_append_c (match, ' ');
  g_string_append_c (match, '"');
  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
  if (prefix)
    g_string_append_c (match, '*');
}

/**
 * crm_search_build_match:
 *
 * Turns what a user typed into an FTS5 query over folded text: every word
 * must appear, the last one as a prefix because the user is still typing.
 * Returns %NULL when there is nothing to look for.
 */
char *
crm_search_build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_auto(GStrv) tokens = NULL;
  guint n;

  if (query == NULL)
    return NULL;
  if (looks_like_phone (query))
    {
      g_autofree char *digits = crm_text_digits (query);
      append_token (match, digits, TRUE);
      return g_string_free (g_steal_pointer (&match), FALSE);
    }

  tokens = crm_text_fold_tokens (query);
  n = g_strv_length (tokens);
  for (guint i = 0; i < n; i++)
    append_token (match, tokens[i], i == n - 1);
  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* Who owns the quote, contract or order a search document stands for:
 * looked up only for staff, by primary key. */
#define DOCUMENT_OWNER \
  "CASE d.kind WHEN 'quote' THEN (SELECT q.owner_id FROM quotes q WHERE q.id = d.ref_id) " \
  "WHEN 'contract' THEN (SELECT k.owner_id FROM contracts k WHERE k.id = d.ref_id) " \
  "ELSE (SELECT o.owner_id FROM orders o WHERE o.id = d.ref_id) END"

/**
 * crm_search_store_find:
 *
 * Finds up to @limit records whose folded text matches @query, among those
 * @session may see: customers and contacts by CRM_VISIBLE_CUSTOMER(),
 * quotes, contracts and orders also by CRM_VISIBLE_TRANSACTION(),
 * products by anyone still active.  Rowid order with a LIMIT, not rank:
 * ranking a common word over a million rows costs hundreds of
 * milliseconds.
 */
GPtrArray *
crm_search_store_find (CrmStore    *store,
                       CrmSession  *session,
                       const char  *query,
                       guint        limit,
                       GError     **error)
{
  static const char sql[] =
    "SELECT d.kind, d.ref_id, d.customer_id, d.code, d.title "
    "FROM search_fts f JOIN search_docs d ON d.id = f.rowid "
    "LEFT JOIN customers c ON c.id = d.customer_id "
    "WHERE search_fts MATCH :match "
    "  AND ((d.customer_id IS NULL AND " CRM_ACTIVE_VIEWER ") "
    "       OR (c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " "
    "           AND (d.kind NOT IN ('quote', 'contract', 'order') OR "
    "                " CRM_VISIBLE_TRANSACTION ("c", DOCUMENT_OWNER) "))) "
    "ORDER BY f.rowid LIMIT :limit";
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_search_hit_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(match = crm_search_build_match (query)))
    return g_steal_pointer (&hits);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":match", match);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_store_bind_viewer (stmt, session);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmSearchHit *hit = g_new0 (CrmSearchHit, 1);

      hit->kind = _crm_column_text (stmt, 0);
      hit->ref_id = sqlite3_column_int64 (stmt, 1);
      hit->customer_id = sqlite3_column_int64 (stmt, 2);
      hit->code = _crm_column_text (stmt, 3);
      hit->title = _crm_column_text (stmt, 4);
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}
