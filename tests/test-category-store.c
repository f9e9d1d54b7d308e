/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "crm-category-store.h"
#include "crm-error.h"
#include "crm-tag-store.h"
#include "test-fixture.h"

/* A three-level tree and ten visible customers (one more merged away):
 *
 *   Doanh nghiệp                       —
 *   Đại lý                             2 (1 the staff member's)
 *   Khách hàng                         2 (1)
 *     Khách lẻ                         1 (0)
 *     VIP                              3 (2)
 *       Kim cương                      1 (1) + 1 merged (the staff member's)
 *   (no category)                      1 (1)
 */
typedef struct
{
  CrmTestDb   db;
  gint64      staff_id;
  gint64      business, agents, customers, walk_in, vip, diamond;
  gint64      merged_id;
  gint64      vip_customers[3];
} Office;

/* Reading and writing behind the store's back ------------------------------- */

static sqlite3 *
open_side (Office *office)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (office->db.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
exec_sql (Office     *office,
          const char *sql)
{
  sqlite3 *db = open_side (office);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The first column of every row of @sql, joined with "|". */
static char *
query_text (Office     *office,
            const char *sql)
{
  sqlite3 *db = open_side (office);
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                            sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0) : "");
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
query_int (Office     *office,
           const char *sql)
{
  g_autofree char *text = query_text (office, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Everything the category and tag code writes, to check that a refused
 * change left the file as it was. */
static char *
snapshot (Office *office)
{
  g_autofree char *categories =
    query_text (office, "SELECT id || ',' || coalesce (parent_id, '') || ',' || name || ',' || sort_key "
                        "FROM categories ORDER BY id");
  g_autofree char *customers =
    query_text (office, "SELECT id || ',' || coalesce (category_id, '') || ',' || row_version "
                        "FROM customers ORDER BY id");
  g_autofree char *tags = query_text (office, "SELECT id || ',' || name FROM tags ORDER BY id");
  g_autofree char *links =
    query_text (office, "SELECT customer_id || ',' || tag_id FROM customer_tags ORDER BY 1");
  g_autofree char *audit = query_text (office, "SELECT count(*) FROM audit_log");

  return g_strjoin ("\n", categories, customers, tags, links, audit, NULL);
}

/* Set-up ---------------------------------------------------------------- */

static gint64
add_category (Office     *office,
              const char *name,
              gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_category_store_create (office->db.store, office->db.admin, name, parent_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A customer filed by crm_customer_store_create() itself. */
static gint64
add_customer (Office     *office,
              const char *name,
              gint64      category_id,
              gboolean    staff)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->category_id = category_id;
  customer->assigned_to = staff ? office->staff_id : crm_session_get_user_id (office->db.admin);
  id = crm_customer_store_create (office->db.store, office->db.admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *merge = NULL;
  gint64 survivor;

  crm_test_db_setup (&office->db, data);
  office->staff_id = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);

  office->customers = add_category (office, "Khách hàng", 0);
  office->vip = add_category (office, "VIP", office->customers);
  office->diamond = add_category (office, "Kim cương", office->vip);
  office->walk_in = add_category (office, "Khách lẻ", office->customers);
  office->agents = add_category (office, "Đại lý", 0);
  office->business = add_category (office, "Doanh nghiệp", 0);

  add_customer (office, "Nguyễn Văn An", office->customers, FALSE);
  add_customer (office, "Trần Thị Bích", office->customers, TRUE);
  office->vip_customers[0] = add_customer (office, "Lê Văn Cường", office->vip, FALSE);
  office->vip_customers[1] = add_customer (office, "Phạm Thị Dung", office->vip, TRUE);
  office->vip_customers[2] = add_customer (office, "Hoàng Văn Em", office->vip, TRUE);
  survivor = add_customer (office, "Công ty Kim Cương", office->diamond, TRUE);
  office->merged_id = add_customer (office, "Cty Kim Cương", office->diamond, TRUE);
  add_customer (office, "Võ Thị Giang", office->walk_in, FALSE);
  add_customer (office, "Đại lý Hưng Thịnh", office->agents, FALSE);
  add_customer (office, "Đại lý Phát Đạt", office->agents, TRUE);
  add_customer (office, "Bùi Văn Khoa", 0, TRUE);

  merge = g_strdup_printf ("UPDATE customers SET merged_into = %" G_GINT64_FORMAT
                           " WHERE id = %" G_GINT64_FORMAT, survivor, office->merged_id);
  exec_sql (office, merge);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  crm_test_db_teardown (&office->db, data);
}

static CrmSession *
open_staff (Office *office,
            gint64  user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (office->db.store, user_id, &error);

  g_assert_no_error (error);
  return session;
}

static void
set_visibility (Office     *office,
                const char *mode)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", mode, &error));
  g_assert_no_error (error);
}

/* "name depth own/total" of every node, in list order, joined by "|". */
static char *
describe (Office     *office,
          CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = crm_category_store_list (office->db.store, session, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < nodes->len; i++)
    {
      CrmCategory *node = g_ptr_array_index (nodes, i);

      g_string_append_printf (text, "%s%s %u %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                              i > 0 ? "|" : "", crm_category_get_name (node),
                              crm_category_get_depth (node), crm_category_get_n_own (node),
                              crm_category_get_n_customers (node));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
category_of (Office *office,
             gint64  customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (office->db.store, office->db.admin,
                                                            customer_id, &error);

  g_assert_no_error (error);
  return customer->category_id;
}

static GArray *
ids_array (gint64 first,
           ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);
  return ids;
}

/* Tree and counts --------------------------------------------------------- */

static void
test_tree_counts (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autofree char *tree = describe (office, office->db.admin);
  CrmCategory *diamond;

  /* d before đ, every node after its parent, the merged customer nowhere. */
  g_assert_cmpstr (tree, ==,
                   "Doanh nghiệp 0 0/0|Đại lý 0 2/2|Khách hàng 0 2/7|Khách lẻ 1 1/1|VIP 1 3/4|"
                   "Kim cương 2 1/1");

  nodes = crm_category_store_list (office->db.store, office->db.admin, &error);
  g_assert_no_error (error);
  diamond = g_ptr_array_index (nodes, 5);
  g_assert_cmpint (crm_category_get_id (diamond), ==, office->diamond);
  g_assert_cmpint (crm_category_get_parent_id (diamond), ==, office->vip);
  g_assert_cmpint (crm_category_get_parent_id (g_ptr_array_index (nodes, 0)), ==, 0);
  g_assert_cmpint (crm_category_get_id (g_ptr_array_index (nodes, 0)), ==, office->business);

  /* The names alone, for pickers: every node with its parent, no counts. */
  {
    g_autoptr(GPtrArray) names = crm_category_store_list_names (office->db.store, &error);
    gboolean found_diamond = FALSE;

    g_assert_no_error (error);
    g_assert_cmpuint (names->len, ==, nodes->len);
    for (guint i = 0; i < names->len; i++)
      {
        CrmCategory *node = g_ptr_array_index (names, i);

        g_assert_cmpint (crm_category_get_n_customers (node), ==, 0);
        if (crm_category_get_id (node) == office->diamond)
          {
            found_diamond = TRUE;
            g_assert_cmpint (crm_category_get_parent_id (node), ==, office->vip);
            g_assert_cmpstr (crm_category_get_name (node), ==, "Kim cương");
          }
      }
    g_assert_true (found_diamond);
  }
}

static void
test_staff_own_counts (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmSession) shared = open_staff (office, office->staff_id);
  g_autoptr(CrmSession) own = NULL;
  g_autofree char *shared_tree = describe (office, shared);
  g_autofree char *own_tree = NULL;
  g_autofree char *admin_tree = NULL;

  g_assert_cmpstr (shared_tree, ==,
                   "Doanh nghiệp 0 0/0|Đại lý 0 2/2|Khách hàng 0 2/7|Khách lẻ 1 1/1|VIP 1 3/4|"
                   "Kim cương 2 1/1");

  set_visibility (office, "own");
  own = open_staff (office, office->staff_id);
  own_tree = describe (office, own);
  g_assert_cmpstr (own_tree, ==,
                   "Doanh nghiệp 0 0/0|Đại lý 0 1/1|Khách hàng 0 1/4|Khách lẻ 1 0/0|VIP 1 2/3|"
                   "Kim cương 2 1/1");
  admin_tree = describe (office, office->db.admin);
  g_assert_cmpstr (admin_tree, ==, shared_tree);
}

static void
test_descendants (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = crm_category_store_descendants (office->db.store, office->customers, &error);
  g_autoptr(GArray) leaf = NULL;
  g_autoptr(GArray) missing = NULL;
  gint64 found = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, office->customers);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      found |= id == office->vip ? 1 : id == office->diamond ? 2 : id == office->walk_in ? 4 : 0;
    }
  g_assert_cmpint (found, ==, 7);

  leaf = crm_category_store_descendants (office->db.store, office->diamond, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaf->len, ==, 1);
  g_assert_cmpint (g_array_index (leaf, gint64, 0), ==, office->diamond);

  missing = crm_category_store_descendants (office->db.store, 9999, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

/* Names ------------------------------------------------------------------- */

static void
test_names (Office        *office,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (office);
  g_autofree char *after = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  id = crm_category_store_create (office->db.store, office->db.admin, "  \t ", office->customers, &error);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpstr (error->message, ==, "A category needs a name.");
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  /* Case and tones do not make another name among siblings... */
  id = crm_category_store_create (office->db.store, office->db.admin, " vip ", office->customers, &error);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "There is already a category named “VIP” here.");
  g_clear_error (&error);
  id = crm_category_store_create (office->db.store, office->db.admin, "DAI LY", 0, &error);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "There is already a category named “Đại lý” here.");
  g_clear_error (&error);
  g_assert_false (crm_category_store_rename (office->db.store, office->db.admin, office->walk_in,
                                             "Vip", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_category_store_rename (office->db.store, office->db.admin, office->walk_in,
                                             "", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (crm_category_store_rename (office->db.store, office->db.admin, 9999, "Mới", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  id = crm_category_store_create (office->db.store, office->db.admin, "Mới", 9999, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This category no longer exists.");
  g_clear_error (&error);
  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);

  /* ... but the same name elsewhere is fine, and is stored trimmed. */
  id = crm_category_store_create (office->db.store, office->db.admin, "  VIP ", office->agents, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  name = query_text (office, "SELECT name FROM categories ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (name, ==, "VIP");

  /* A node may change the case of its own name; a new name re-sorts it. */
  g_assert_true (crm_category_store_rename (office->db.store, office->db.admin, office->vip, "vip", &error));
  g_assert_no_error (error);
  g_assert_true (crm_category_store_rename (office->db.store, office->db.admin, office->business,
                                            " Xí nghiệp ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = describe (office, office->db.admin);
  g_assert_cmpstr (after, ==,
                   "Đại lý 0 2/2|VIP 1 0/0|Khách hàng 0 2/7|Khách lẻ 1 1/1|vip 1 3/4|Kim cương 2 1/1|"
                   "Xí nghiệp 0 0/0");
}

/* Move -------------------------------------------------------------------- */

static void
test_move (Office        *office,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (office);
  g_autofree char *after = NULL;
  g_autofree char *tree = NULL;
  gint64 other_vip;

  /* Into itself, or under its own child or grandchild. */
  g_assert_false (crm_category_store_move (office->db.store, office->db.admin, office->customers,
                                           office->customers, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "“Khách hàng” cannot be moved into itself or into one of its own sub-categories.");
  g_clear_error (&error);
  g_assert_false (crm_category_store_move (office->db.store, office->db.admin, office->customers,
                                           office->diamond, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_category_store_move (office->db.store, office->db.admin, office->vip,
                                           office->diamond, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "“VIP” cannot be moved into itself or into one of its own sub-categories.");
  g_clear_error (&error);
  g_assert_false (crm_category_store_move (office->db.store, office->db.admin, office->vip, 9999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A sibling of the same name at the destination. */
  other_vip = add_category (office, "Vip", office->agents);
  g_clear_pointer (&before, g_free);
  before = snapshot (office);
  g_assert_false (crm_category_store_move (office->db.store, office->db.admin, office->vip,
                                           office->agents, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "There is already a category named “Vip” here.");
  g_clear_error (&error);
  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);

  /* Down a level and up to the top, with the sub-tree and its counts. */
  g_assert_true (crm_category_store_move (office->db.store, office->db.admin, other_vip,
                                          office->business, &error));
  g_assert_no_error (error);
  g_assert_true (crm_category_store_move (office->db.store, office->db.admin, office->vip, 0, &error));
  g_assert_no_error (error);
  g_assert_true (crm_category_store_move (office->db.store, office->db.admin, office->agents,
                                          office->walk_in, &error));
  g_assert_no_error (error);
  tree = describe (office, office->db.admin);
  g_assert_cmpstr (tree, ==,
                   "Doanh nghiệp 0 0/0|Vip 1 0/0|Khách hàng 0 2/5|Khách lẻ 1 1/3|Đại lý 2 2/2|"
                   "VIP 0 3/4|Kim cương 1 1/1");

  /* Moving where it already is changes nothing. */
  g_clear_pointer (&before, g_free);
  before = snapshot (office);
  g_assert_true (crm_category_store_move (office->db.store, office->db.admin, office->vip, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);
}

/* Delete ------------------------------------------------------------------ */

static void
test_delete_refused (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (office);
  g_autofree char *after = NULL;

  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, office->customers, 0, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "“Khách hàng” has 2 sub-categories. Move or delete them first.");
  g_clear_error (&error);
  /* Moving the customers does not make a node with sub-nodes a leaf. */
  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, office->vip,
                                             office->agents, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "“VIP” has 1 sub-category. Move or delete it first.");
  g_clear_error (&error);

  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, office->agents, 0, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "“Đại lý” still holds 2 customers. Choose a category to move them to before deleting.");
  g_clear_error (&error);
  /* The merged customer is not counted; the visible one is. */
  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, office->diamond, 0, &error));
  g_assert_cmpstr (error->message, ==,
                   "“Kim cương” still holds 1 customer. Choose a category to move it to before deleting.");
  g_clear_error (&error);

  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, office->agents,
                                             office->agents, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, office->agents, 9999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, 9999, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A care standard would go with it (ON DELETE CASCADE): refused. */
  exec_sql (office, "INSERT INTO care_standards (category_id, name, trigger_kind, action_kind, "
                    "created_at, updated_at) SELECT id, 'Gọi cảm ơn', 'order_delivered', 'thanks', "
                    "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM categories "
                    "WHERE name = 'Doanh nghiệp'");
  g_clear_pointer (&before, g_free);
  before = snapshot (office);
  g_assert_false (crm_category_store_delete (office->db.store, office->db.admin, office->business, 0, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "“Doanh nghiệp” is used by 1 price list, promotion or care standard. Change it first.");
  g_clear_error (&error);

  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);
}

static void
test_delete_moves_customers (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) before = crm_customer_store_get (office->db.store, office->db.admin,
                                                          office->vip_customers[0], &error);
  g_autofree char *tree = NULL;
  g_autofree char *merged_category = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *sql = NULL;
  gint64 empty;

  g_assert_no_error (error);
  /* An empty leaf simply goes. */
  empty = add_category (office, "Tạm", office->agents);
  g_assert_true (crm_category_store_delete (office->db.store, office->db.admin, empty, 0, &error));
  g_assert_no_error (error);

  /* A leaf with customers goes once they move; the merged one moves too,
   * so nothing refers to the node any more. */
  g_assert_true (crm_category_store_delete (office->db.store, office->db.admin, office->diamond,
                                            office->walk_in, &error));
  g_assert_no_error (error);
  g_assert_true (crm_category_store_delete (office->db.store, office->db.admin, office->vip,
                                            office->walk_in, &error));
  g_assert_no_error (error);
  tree = describe (office, office->db.admin);
  g_assert_cmpstr (tree, ==, "Doanh nghiệp 0 0/0|Đại lý 0 2/2|Khách hàng 0 2/7|Khách lẻ 1 5/5");
  g_assert_cmpint (category_of (office, office->vip_customers[0]), ==, office->walk_in);
  sql = g_strdup_printf ("SELECT category_id FROM customers WHERE id = %" G_GINT64_FORMAT, office->merged_id);
  merged_category = query_text (office, sql);
  g_assert_cmpint (g_ascii_strtoll (merged_category, NULL, 10), ==, office->walk_in);

  /* Each customer that moved has a new version and an audit row. */
  {
    g_autoptr(CrmCustomer) after = crm_customer_store_get (office->db.store, office->db.admin,
                                                           office->vip_customers[0], &error);
    g_assert_no_error (error);
    g_assert_cmpint (after->row_version, ==, before->row_version + 1);
  }
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT action || ' ' || old_value || '>' || new_value FROM audit_log "
                         "WHERE entity = 'customer' AND field = 'category_id' AND entity_id = %" G_GINT64_FORMAT,
                         office->vip_customers[0]);
  audit = query_text (office, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("update %" G_GINT64_FORMAT ">%" G_GINT64_FORMAT, office->vip, office->walk_in);
  g_assert_cmpstr (audit, ==, sql);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'customer' "
                                      "AND field = 'category_id' AND action = 'update'"), ==, 5);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'category' "
                                      "AND action = 'delete'"), ==, 3);
}

/* A manager may not empty a node of customers they cannot see. */
static void
test_delete_hidden_customers (Office        *office,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) manager = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 team, manager_id;

  team = crm_user_store_create_team (office->db.store, office->db.admin, "Bán lẻ", &error);
  g_assert_no_error (error);
  manager_id = crm_user_store_create (office->db.store, office->db.admin, "hoa.le", "Lê Thị Hoa",
                                      CRM_ROLE_MANAGER, team, &error);
  g_assert_no_error (error);
  set_visibility (office, "own");
  manager = open_staff (office, manager_id);

  before = snapshot (office);
  g_assert_false (crm_category_store_delete (office->db.store, manager, office->walk_in,
                                             office->agents, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==,
                   "“Khách lẻ” holds 1 customer you cannot see, so you cannot delete it; ask an administrator.");
  g_clear_error (&error);
  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);

  /* Managers may otherwise change the tree. */
  g_assert_cmpint (crm_category_store_create (office->db.store, manager, "Bán buôn", 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (crm_category_store_delete (office->db.store, manager, office->business, 0, &error));
  g_assert_no_error (error);
}

/* Permissions and audit ------------------------------------------------------ */

static void
test_staff_refused (Office        *office,
                    gconstpointer  data)
{
  static const char message[] = "Only a manager or an administrator may change the customer categories.";
  g_autoptr(CrmSession) staff = open_staff (office, office->staff_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (office);
  g_autofree char *after = NULL;

  g_assert_cmpint (crm_category_store_create (office->db.store, staff, "Mới", 0, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_assert_false (crm_category_store_rename (office->db.store, staff, office->vip, "Vàng", &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_category_store_move (office->db.store, staff, office->vip, 0, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_category_store_delete (office->db.store, staff, office->business, 0, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);
}

static void
test_audit (Office        *office,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *sql = NULL;
  gint64 admin_id = crm_session_get_user_id (office->db.admin);
  gint64 id;

  id = add_category (office, "Tạm", office->agents);
  g_assert_true (crm_category_store_rename (office->db.store, office->db.admin, id, "Tạm thời", &error));
  g_assert_no_error (error);
  g_assert_true (crm_category_store_rename (office->db.store, office->db.admin, id, "Tạm thời", &error));
  g_assert_no_error (error);
  g_assert_true (crm_category_store_move (office->db.store, office->db.admin, id, 0, &error));
  g_assert_no_error (error);
  g_assert_true (crm_category_store_delete (office->db.store, office->db.admin, id, 0, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT user_id || ' ' || action || ' ' || field || ' ' || coalesce (old_value, '-') "
                         "|| ' ' || coalesce (new_value, '-') FROM audit_log "
                         "WHERE entity = 'category' AND entity_id = %" G_GINT64_FORMAT " ORDER BY id", id);
  rows = query_text (office, sql);
  expected = g_strdup_printf ("%1$" G_GINT64_FORMAT " create name - Tạm|"
                              "%1$" G_GINT64_FORMAT " create parent_id - %2$" G_GINT64_FORMAT "|"
                              "%1$" G_GINT64_FORMAT " update name Tạm Tạm thời|"
                              "%1$" G_GINT64_FORMAT " move parent_id %2$" G_GINT64_FORMAT " -|"
                              "%1$" G_GINT64_FORMAT " delete name Tạm thời -",
                              admin_id, office->agents);
  g_assert_cmpstr (rows, ==, expected);
}

/* Filing customers ----------------------------------------------------------- */

static void
test_set_customer_category (Office        *office,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GArray) mine = ids_array (office->vip_customers[1], office->vip_customers[2], (gint64) 0);
  g_autoptr(GArray) mixed = ids_array (office->vip_customers[1], office->vip_customers[0], (gint64) 0);
  g_autoptr(GArray) merged = ids_array (office->merged_id, (gint64) 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *tree = NULL;

  set_visibility (office, "own");
  staff = open_staff (office, office->staff_id);
  before = snapshot (office);

  /* All or nothing: one customer the staff member may not see. */
  g_assert_false (crm_category_store_set_customer_category (office->db.store, staff, mixed,
                                                            office->agents, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_category_store_set_customer_category (office->db.store, office->db.admin, merged,
                                                            office->agents, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_category_store_set_customer_category (office->db.store, staff, mine, 9999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);

  /* Staff may file their own customers. */
  g_assert_true (crm_category_store_set_customer_category (office->db.store, staff, mine,
                                                           office->agents, &error));
  g_assert_no_error (error);
  tree = describe (office, office->db.admin);
  g_assert_cmpstr (tree, ==,
                   "Doanh nghiệp 0 0/0|Đại lý 0 4/4|Khách hàng 0 2/5|Khách lẻ 1 1/1|VIP 1 1/2|"
                   "Kim cương 2 1/1");
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'customer' "
                                      "AND field = 'category_id'"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT sum (row_version) FROM customers"), ==, 11 + 2);

  /* Filing where they already are writes nothing; 0 takes them out. */
  g_assert_true (crm_category_store_set_customer_category (office->db.store, staff, mine,
                                                           office->agents, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'customer' "
                                      "AND field = 'category_id'"), ==, 2);
  g_assert_true (crm_category_store_set_customer_category (office->db.store, staff, mine, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (category_of (office, office->vip_customers[2]), ==, 0);
}

/* The customer store files a new customer where asked; an id that names
 * no category is refused (by the foreign key) and writes nothing. */
static void
test_create_with_category (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (category_of (office, office->vip_customers[0]), ==, office->vip);

  before = snapshot (office);
  customer->full_name = g_strdup ("Khách Lạc");
  customer->category_id = 9999;
  g_assert_cmpint (crm_customer_store_create (office->db.store, office->db.admin, customer, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "category"));
  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);
}

/* Tags -------------------------------------------------------------------- */

static char *
tags_of (Office     *office,
         CrmSession *session,
         gint64      customer_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = crm_tag_store_get_for_customer (office->db.store, session, customer_id, &error);

  g_assert_no_error (error);
  return g_strjoinv ("|", names);
}

static char *
describe_tags (Office     *office,
               CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = crm_tag_store_list (office->db.store, session, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (tags, i);
      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT, i > 0 ? "|" : "", tag->name, tag->n_customers);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_tags (Office             *office,
          CrmSession         *session,
          gint64              customer_id,
          const char * const *names)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_tag_store_set_for_customer (office->db.store, session, customer_id, names, &error));
  g_assert_no_error (error);
}

static void
test_tags (Office        *office,
           gconstpointer  data)
{
  static const char *const first[] = { "  VIP ", "Khách quen", "vip", "", "Đối tác", "   ", NULL };
  static const char *const second[] = { "Víp", "khách QUEN", NULL };
  static const char *const third[] = { "Đối tác", NULL };
  gint64 a = office->vip_customers[0], b = office->vip_customers[1], c = office->vip_customers[2];
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  text = tags_of (office, office->db.admin, a);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* Trimmed, blanks dropped, "VIP" and "vip" one tag; Vietnamese order. */
  set_tags (office, office->db.admin, a, first);
  text = tags_of (office, office->db.admin, a);
  g_assert_cmpstr (text, ==, "Đối tác|Khách quen|VIP");
  g_clear_pointer (&text, g_free);
  /* Existing tags keep their spelling. */
  set_tags (office, office->db.admin, b, second);
  set_tags (office, office->db.admin, c, third);
  text = tags_of (office, office->db.admin, b);
  g_assert_cmpstr (text, ==, "Khách quen|VIP");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM tags"), ==, 3);

  text = describe_tags (office, office->db.admin);
  g_assert_cmpstr (text, ==, "Đối tác 2|Khách quen 2|VIP 2");
  g_clear_pointer (&text, g_free);

  /* One audit row per change, the field "tags", old → new. */
  sql = g_strdup_printf ("SELECT coalesce (old_value, '-') || ' > ' || new_value FROM audit_log "
                         "WHERE entity = 'customer' AND field = 'tags' AND entity_id = %" G_GINT64_FORMAT, a);
  text = query_text (office, sql);
  g_assert_cmpstr (text, ==, "- > Đối tác, Khách quen, VIP");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'tag' "
                                      "AND action = 'create'"), ==, 3);
  set_tags (office, office->db.admin, a, (const char *const[]) { "vip", "ĐỐI TÁC", "Khách quen", NULL });
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE field = 'tags'"), ==, 3);
  set_tags (office, office->db.admin, a, third);
  text = query_text (office, sql);
  g_assert_cmpstr (text, ==, "- > Đối tác, Khách quen, VIP|Đối tác, Khách quen, VIP > Đối tác");
  g_clear_pointer (&text, g_free);

  ids = crm_tag_store_customer_ids (office->db.store, office->db.admin, "doi tac", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, c);
  g_clear_pointer (&ids, g_array_unref);
  ids = crm_tag_store_customer_ids (office->db.store, office->db.admin, "Không có", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* Staff in own mode: counts and lookups of their own customers only,
   * and another's customer is refused without a trace. */
  set_visibility (office, "own");
  staff = open_staff (office, office->staff_id);
  text = describe_tags (office, staff);
  g_assert_cmpstr (text, ==, "Đối tác 1|Khách quen 1|VIP 1");
  g_clear_pointer (&text, g_free);
  ids = crm_tag_store_customer_ids (office->db.store, staff, "Đối tác", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, c);

  before = snapshot (office);
  g_assert_null (crm_tag_store_get_for_customer (office->db.store, staff, a, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_tag_store_set_for_customer (office->db.store, staff, a, second, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_tag_store_set_for_customer (office->db.store, staff, a,
                                                  (const char *const[]) { "Tag mới", NULL }, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (office);
  g_assert_cmpstr (after, ==, before);

  /* Clearing every tag. */
  set_tags (office, staff, c, NULL);
  text = tags_of (office, staff, c);
  g_assert_cmpstr (text, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/category-store/" path, Office, NULL, office_setup, func, office_teardown)
  ADD ("tree-counts", test_tree_counts);
  ADD ("staff-own-counts", test_staff_own_counts);
  ADD ("descendants", test_descendants);
  ADD ("names", test_names);
  ADD ("move", test_move);
  ADD ("delete-refused", test_delete_refused);
  ADD ("delete-moves-customers", test_delete_moves_customers);
  ADD ("delete-hidden-customers", test_delete_hidden_customers);
  ADD ("staff-refused", test_staff_refused);
  ADD ("audit", test_audit);
  ADD ("set-customer-category", test_set_customer_category);
  ADD ("create-with-category", test_create_with_category);
  ADD ("tags", test_tags);
#undef ADD

  return g_test_run ();
}
