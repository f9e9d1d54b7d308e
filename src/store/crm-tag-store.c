/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tag-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-tag-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

G_DEFINE_BOXED_TYPE (CrmTag, crm_tag, crm_tag_copy, crm_tag_free)

CrmTag *
crm_tag_copy (const CrmTag *self)
{
  CrmTag *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  return copy;
}

void
crm_tag_free (CrmTag *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

static CrmTag *
tag_new (gint64      id,
         const char *name,
         gint64      n_customers)
{
  CrmTag *tag = g_new0 (CrmTag, 1);

  tag->id = id;
  tag->name = g_strdup (name);
  tag->n_customers = n_customers;
  return tag;
}

/* Vietnamese order ------------------------------------------------------------ */

/* Sort keys computed once per name, looked up while sorting. */
static GHashTable *
sort_keys_of (GPtrArray *tags)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (tags, i);
      g_hash_table_insert (keys, tag->name, crm_text_sort_key (tag->name));
    }
  return keys;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const CrmTag *tag_a = *(const CrmTag **) a;
  const CrmTag *tag_b = *(const CrmTag **) b;
  GHashTable *keys = data;
  int order = strcmp (g_hash_table_lookup (keys, tag_a->name), g_hash_table_lookup (keys, tag_b->name));

  if (order != 0)
    return order;
  return tag_a->id < tag_b->id ? -1 : tag_a->id > tag_b->id;
}

static void
sort_tags (GPtrArray *tags)
{
  g_autoptr(GHashTable) keys = sort_keys_of (tags);

  g_ptr_array_sort_with_data (tags, compare_tags, keys);
}

/* "a, b, c" in Vietnamese order, as the audit log shows a customer's
 * tags; NULL for none. */
static char *
join_names (GPtrArray *tags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  sort_tags (tags);
  for (guint i = 0; i < tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (tags, i);
      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", tag->name);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Reading ------------------------------------------------------------------ */

/* Every tag by folded name (the oldest when two fold alike). */
static GHashTable *
load_index (CrmStore  *store,
            GError   **error)
{
  static const char sql[] = "SELECT id, name FROM tags ORDER BY id";
  g_autoptr(GHashTable) index =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) crm_tag_free);
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      char *folded = crm_text_fold (name);

      if (g_hash_table_contains (index, folded))
        g_free (folded);
      else
        g_hash_table_insert (index, folded, tag_new (sqlite3_column_int64 (stmt, 0), name, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&index);
}

/* The tags of one customer @session may see, or NULL with NOT_FOUND. */
static GPtrArray *
customer_tags (CrmStore    *store,
               CrmSession  *session,
               gint64       customer_id,
               GError     **error)
{
  static const char sql[] =
    "SELECT t.id, t.name FROM customers c "
    "LEFT JOIN customer_tags ct ON ct.customer_id = c.id LEFT JOIN tags t ON t.id = ct.tag_id "
    "WHERE c.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_tag_free);
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  gboolean visible = FALSE;
  int rc;

  if (stmt == NULL)
    return NULL;
  _crm_bind_int64 (stmt, ":id", customer_id);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      visible = TRUE;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        g_ptr_array_add (tags, tag_new (sqlite3_column_int64 (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1), 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (!visible)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This customer does not exist or is not yours to see."));
      return NULL;
    }
  return g_steal_pointer (&tags);
}

/**
 * crm_tag_store_list:
 *
 * Returns: (transfer full) (element-type CrmTag): every tag in Vietnamese
 *   order, each with the number of non-merged customers @session may see
 *   that carry it (0 for tags only others' customers carry); none for an
 *   inactive user.
 */
GPtrArray *
crm_tag_store_list (CrmStore    *store,
                    CrmSession  *session,
                    GError     **error)
{
  static const char sql[] =
    "SELECT t.id, t.name, count(c.id) FROM tags t "
    "LEFT JOIN customer_tags ct ON ct.tag_id = t.id "
    "LEFT JOIN customers c ON c.id = ct.customer_id AND c.merged_into IS NULL AND "
    CRM_VISIBLE_CUSTOMER ("c") " "
    "WHERE " CRM_ACTIVE_VIEWER " "
    "GROUP BY t.id, t.name";
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_tag_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, tag_new (sqlite3_column_int64 (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    sqlite3_column_int64 (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  sort_tags (tags);
  return g_steal_pointer (&tags);
}

/**
 * crm_tag_store_get_for_customer:
 *
 * Returns: (transfer full): the customer's tag names in Vietnamese order
 *   (an empty vector for none), or %NULL with %CRM_STORE_ERROR_NOT_FOUND
 *   when @session may not see the customer.
 */
char **
crm_tag_store_get_for_customer (CrmStore    *store,
                                CrmSession  *session,
                                gint64       customer_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GStrvBuilder) names = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(tags = customer_tags (store, session, customer_id, error)))
    return NULL;
  sort_tags (tags);
  names = g_strv_builder_new ();
  for (guint i = 0; i < tags->len; i++)
    g_strv_builder_add (names, ((CrmTag *) g_ptr_array_index (tags, i))->name);
  return g_strv_builder_end (names);
}

/**
 * crm_tag_store_customer_ids:
 * @name: a tag name, compared folded
 *
 * Returns: (transfer full) (element-type gint64): the non-merged customers
 *   @session may see that carry the tag, by id; empty for an unknown tag.
 */
GArray *
crm_tag_store_customer_ids (CrmStore    *store,
                            CrmSession  *session,
                            const char  *name,
                            GError     **error)
{
  static const char sql[] =
    "SELECT c.id FROM customer_tags ct JOIN customers c ON c.id = ct.customer_id "
    "WHERE ct.tag_id = :tag AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " "
    "ORDER BY c.id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) index = NULL;
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt;
  CrmTag *tag;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(index = load_index (store, error)))
    return NULL;
  folded = crm_text_fold (name);
  if (!(tag = g_hash_table_lookup (index, folded)))
    return g_steal_pointer (&ids);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":tag", tag->id);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Writing ------------------------------------------------------------------ */

/* Trimmed, non-blank names, the first spelling of each folded name. */
static GPtrArray *
clean_names (const char * const *names)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *clean = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      char *folded;

      if (*name == '\0')
        continue;
      folded = crm_text_fold (name);
      if (g_hash_table_add (seen, folded))
        g_ptr_array_add (clean, g_steal_pointer (&name));
    }
  return clean;
}

static gint64
insert_tag (CrmStore    *store,
            CrmSession  *session,
            const char  *name,
            GError     **error)
{
  static const char sql[] = "INSERT INTO tags (name, created_at, created_by) VALUES (:name, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  _crm_bind_text (stmt, ":name", name);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return _crm_store_audit (store, session, "create", "tag", id, "name", NULL, name, error) ? id : 0;
}

/* The tags @names stand for, creating the ones that do not exist yet. */
static GPtrArray *
resolve_tags (CrmStore    *store,
              CrmSession  *session,
              GPtrArray   *names,
              GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_tag_free);
  g_autoptr(GHashTable) index = load_index (store, error);

  if (index == NULL)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *folded = crm_text_fold (name);
      CrmTag *tag = g_hash_table_lookup (index, folded);

      if (tag == NULL)
        {
          gint64 id = insert_tag (store, session, name, error);

          if (id == 0)
            return NULL;
          tag = tag_new (id, name, 0);
          g_hash_table_insert (index, g_steal_pointer (&folded), tag);
        }
      g_ptr_array_add (tags, crm_tag_copy (tag));
    }
  return g_steal_pointer (&tags);
}

static gboolean
same_tags (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      gint64 id = ((CrmTag *) g_ptr_array_index (a, i))->id;
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        found = ((CrmTag *) g_ptr_array_index (b, j))->id == id;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
link_tags (CrmStore   *store,
           gint64      customer_id,
           GPtrArray  *tags,
           GError    **error)
{
  static const char delete_sql[] = "DELETE FROM customer_tags WHERE customer_id = :customer";
  static const char insert_sql[] =
    "INSERT INTO customer_tags (customer_id, tag_id) VALUES (:customer, :tag)";
  sqlite3_stmt *stmt = _crm_store_prepare (store, delete_sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  for (guint i = 0; i < tags->len; i++)
    {
      if (!(stmt = _crm_store_prepare (store, insert_sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":customer", customer_id);
      _crm_bind_int64 (stmt, ":tag", ((CrmTag *) g_ptr_array_index (tags, i))->id);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_tags (CrmStore    *store,
            CrmSession  *session,
            gint64       customer_id,
            GPtrArray   *names,
            GError     **error)
{
  g_autoptr(GPtrArray) old_tags = NULL;
  g_autoptr(GPtrArray) new_tags = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (!(old_tags = customer_tags (store, session, customer_id, error)) ||
      !(new_tags = resolve_tags (store, session, names, error)))
    return FALSE;
  if (same_tags (old_tags, new_tags))
    return TRUE;
  old_text = join_names (old_tags);
  new_text = join_names (new_tags);
  return link_tags (store, customer_id, new_tags, error) &&
         _crm_store_audit (store, session, "update", "customer", customer_id, "tags",
                           old_text, new_text, error);
}

/* For the customer store: replaces the tags inside its transaction. */
gboolean
_crm_tag_store_write (CrmStore           *store,
                      CrmSession         *session,
                      gint64              customer_id,
                      GPtrArray          *names,
                      GError            **error)
{
  g_autoptr(GPtrArray) clean = NULL;

  g_ptr_array_add (names, NULL);
  clean = clean_names ((const char * const *) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  return write_tags (store, session, customer_id, clean, error);
}

/**
 * crm_tag_store_set_for_customer:
 * @names: (array zero-terminated=1) (nullable): the tags the customer
 *   should carry; blank ones are dropped, names that fold alike count once
 *
 * Replaces a customer's tags, creating the tags that do not exist yet
 * (an existing tag keeps its spelling), all or nothing, with one audit
 * row for the customer's field "tags".  Refused with
 * %CRM_STORE_ERROR_NOT_FOUND when @session may not see the customer.
 * The customer's row version does not change: tags are not part of the
 * record an editor holds.
 */
gboolean
crm_tag_store_set_for_customer (CrmStore           *store,
                                CrmSession         *session,
                                gint64              customer_id,
                                const char * const *names,
                                GError            **error)
{
  g_autoptr(GPtrArray) clean = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!_crm_store_require_active (store, session, error))
    return FALSE;
  clean = clean_names (names);
  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!write_tags (store, session, customer_id, clean, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
