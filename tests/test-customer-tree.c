/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-category-store.h"
#include "crm-customer-tree.h"
#include "crm-error.h"
#include "test-fixture.h"

/* The controller over a small tree:
 *
 *   All customers                      6 (1 filed nowhere)
 *     Đại lý                           1
 *     Khách hàng                       2 own, 4 in all
 *       Khách lẻ                       0
 *       VIP                            1 own, 2 in all
 *         Kim cương                    1
 */
typedef struct
{
  CrmTestDb        db;
  CrmCustomerTree *tree;
  gint64           agents, customers, walk_in, vip, diamond;
  guint            changes;
} Office;

static gint64
add_category (Office     *office,
              const char *name,
              gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_category_store_create (office->db.store, office->db.admin, name, parent_id, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_customer (Office     *office,
              const char *name,
              gint64      category_id,
              gint64      assigned_to)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->category_id = category_id;
  customer->assigned_to = assigned_to;
  id = crm_customer_store_create (office->db.store, office->db.admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  ((Office *) data)->changes++;
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  crm_test_db_setup (&office->db, data);
  office->customers = add_category (office, "Khách hàng", 0);
  office->vip = add_category (office, "VIP", office->customers);
  office->diamond = add_category (office, "Kim cương", office->vip);
  office->walk_in = add_category (office, "Khách lẻ", office->customers);
  office->agents = add_category (office, "Đại lý", 0);

  add_customer (office, "Nguyễn Văn An", office->customers, 0);
  add_customer (office, "Trần Thị Bích", office->customers, 0);
  add_customer (office, "Lê Văn Cường", office->vip, 0);
  add_customer (office, "Công ty Kim Cương", office->diamond, 0);
  add_customer (office, "Đại lý Hưng Thịnh", office->agents, 0);
  add_customer (office, "Bùi Văn Khoa", 0, 0);

  office->tree = crm_customer_tree_new (office->db.store, office->db.admin);
  g_signal_connect (crm_customer_tree_get_model (office->tree), "items-changed",
                    G_CALLBACK (on_items_changed), office);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->tree);
  crm_test_db_teardown (&office->db, data);
}

static void
reload (Office *office)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_customer_tree_reload (office->tree, &error));
  g_assert_no_error (error);
}

static GtkTreeListRow *
row_at (Office *office,
        guint   position)
{
  GtkTreeListRow *row = gtk_tree_list_model_get_row (crm_customer_tree_get_model (office->tree), position);

  g_assert_nonnull (row);
  return row;
}

static guint
n_rows (Office *office)
{
  return g_list_model_get_n_items (G_LIST_MODEL (crm_customer_tree_get_model (office->tree)));
}

static void
expand (Office *office,
        guint   position)
{
  g_autoptr(GtkTreeListRow) row = row_at (office, position);

  g_assert_true (gtk_tree_list_row_is_expandable (row));
  gtk_tree_list_row_set_expanded (row, TRUE);
}

/* "name depth total" for every visible row, "+" after expandable ones. */
static char *
describe (Office *office)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_rows (office); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (office, i);
      g_autoptr(CrmCategory) item = gtk_tree_list_row_get_item (row);

      g_assert_true (CRM_IS_CATEGORY (item));
      g_string_append_printf (text, "%s%s %u %" G_GINT64_FORMAT "%s", i > 0 ? "|" : "",
                              crm_category_get_name (item), gtk_tree_list_row_get_depth (row),
                              crm_category_get_n_customers (item),
                              gtk_tree_list_row_is_expandable (row) ? "+" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_tree (Office     *office,
             const char *expected)
{
  g_autofree char *tree = describe (office);

  g_assert_cmpstr (tree, ==, expected);
}

static void
test_root_and_children (Office        *office,
                        gconstpointer  data)
{
  GtkTreeListModel *model = crm_customer_tree_get_model (office->tree);
  g_autoptr(GtkTreeListModel) property = NULL;
  CrmCategory *root = crm_customer_tree_get_category (office->tree, 0);

  g_object_get (office->tree, "model", &property, NULL);
  g_assert_true (property == model);
  g_assert_false (gtk_tree_list_model_get_autoexpand (model));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == GTK_TYPE_TREE_LIST_ROW);

  /* Before the first reload: the root alone, nothing counted. */
  g_assert_cmpuint (n_rows (office), ==, 1);
  g_assert_cmpint (crm_category_get_n_customers (root), ==, 0);

  reload (office);
  g_assert_cmpstr (crm_category_get_name (root), ==, "All customers");
  g_assert_cmpint (crm_category_get_id (root), ==, 0);
  g_assert_cmpint (crm_category_get_n_customers (root), ==, 6);
  g_assert_cmpint (crm_category_get_n_own (root), ==, 1);
  assert_tree (office, "All customers 0 6+");

  expand (office, 0);
  assert_tree (office, "All customers 0 6+|Đại lý 1 1|Khách hàng 1 4+");
  expand (office, 2);
  assert_tree (office, "All customers 0 6+|Đại lý 1 1|Khách hàng 1 4+|Khách lẻ 2 0|VIP 2 2+");
  expand (office, 4);
  assert_tree (office,
               "All customers 0 6+|Đại lý 1 1|Khách hàng 1 4+|Khách lẻ 2 0|VIP 2 2+|Kim cương 3 1");

  g_assert_cmpint (crm_category_get_n_own (crm_customer_tree_get_category (office->tree, office->customers)),
                   ==, 2);
  g_assert_null (crm_customer_tree_get_category (office->tree, 9999));
}

/* New counts reach the same objects, so rows stay and stay expanded. */
static void
test_reload_counts (Office        *office,
                    gconstpointer  data)
{
  CrmCategory *diamond;
  CrmCategory *vip;

  reload (office);
  expand (office, 0);
  expand (office, 2);
  expand (office, 4);
  diamond = crm_customer_tree_get_category (office->tree, office->diamond);
  vip = crm_customer_tree_get_category (office->tree, office->vip);
  office->changes = 0;

  add_customer (office, "Công ty Kim Long", office->diamond, 0);
  add_customer (office, "Công ty Kim Phát", office->diamond, 0);
  reload (office);
  assert_tree (office,
               "All customers 0 8+|Đại lý 1 1|Khách hàng 1 6+|Khách lẻ 2 0|VIP 2 4+|Kim cương 3 3");
  g_assert_true (crm_customer_tree_get_category (office->tree, office->diamond) == diamond);
  g_assert_true (crm_customer_tree_get_category (office->tree, office->vip) == vip);
  g_assert_cmpint (crm_category_get_n_own (diamond), ==, 3);
  g_assert_cmpuint (office->changes, ==, 0);
}

/* Adding, renaming, moving and deleting through the controller: only
 * the rows concerned change, a row that gains or loses its only child
 * becomes expandable or stops being so. */
static void
test_actions (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmCategory *customers;
  gint64 id;

  reload (office);
  expand (office, 0);
  expand (office, 2);
  customers = crm_customer_tree_get_category (office->tree, office->customers);

  office->changes = 0;
  id = crm_customer_tree_add (office->tree, "Thân thiết", office->walk_in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_tree (office, "All customers 0 6+|Đại lý 1 1|Khách hàng 1 4+|Khách lẻ 2 0+|VIP 2 2+");
  g_assert_cmpuint (office->changes, ==, 1);
  expand (office, 3);
  assert_tree (office,
               "All customers 0 6+|Đại lý 1 1|Khách hàng 1 4+|Khách lẻ 2 0+|Thân thiết 3 0|VIP 2 2+");

  /* A rename re-sorts the siblings; the node keeps its object. */
  g_assert_true (crm_customer_tree_rename (office->tree, office->agents, "Nhà phân phối", &error));
  g_assert_no_error (error);
  assert_tree (office,
               "All customers 0 6+|Khách hàng 1 4+|Khách lẻ 2 0+|Thân thiết 3 0|VIP 2 2+|Nhà phân phối 1 1");
  g_assert_true (crm_customer_tree_get_category (office->tree, office->customers) == customers);

  /* Moving a sub-tree up carries its counts. */
  g_assert_true (crm_customer_tree_move (office->tree, office->vip, 0, &error));
  g_assert_no_error (error);
  assert_tree (office,
               "All customers 0 6+|Khách hàng 1 2+|Khách lẻ 2 0+|Thân thiết 3 0|Nhà phân phối 1 1|VIP 1 2+");
  g_assert_cmpuint (crm_category_get_depth (crm_customer_tree_get_category (office->tree, office->diamond)),
                    ==, 1);

  /* Deleting the only child leaves Khách lẻ a leaf again. */
  g_assert_true (crm_customer_tree_delete (office->tree, id, 0, &error));
  g_assert_no_error (error);
  assert_tree (office, "All customers 0 6+|Khách hàng 1 2+|Khách lẻ 2 0|Nhà phân phối 1 1|VIP 1 2+");
  g_assert_null (crm_customer_tree_get_category (office->tree, id));

  /* Deleting with the customers moved; refusals pass the store's error. */
  g_assert_false (crm_customer_tree_delete (office->tree, office->agents, 0, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (crm_customer_tree_delete (office->tree, office->agents, office->walk_in, &error));
  g_assert_no_error (error);
  assert_tree (office, "All customers 0 6+|Khách hàng 1 3+|Khách lẻ 2 1|VIP 1 2+");
  g_assert_false (crm_customer_tree_move (office->tree, office->vip, office->diamond, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (crm_customer_tree_add (office->tree, " ", 0, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (crm_customer_tree_rename (office->tree, office->vip, "khách hàng", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
}

/* A renamed node that changes place among its siblings keeps its row,
 * and so its expansion, whichever way it moves. */
static void
test_rename_keeps_expansion (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  reload (office);
  expand (office, 0);
  expand (office, 2);
  assert_tree (office, "All customers 0 6+|Đại lý 1 1|Khách hàng 1 4+|Khách lẻ 2 0|VIP 2 2+");

  g_assert_true (crm_customer_tree_rename (office->tree, office->customers, "An khang", &error));
  g_assert_no_error (error);
  assert_tree (office, "All customers 0 6+|An khang 1 4+|Khách lẻ 2 0|VIP 2 2+|Đại lý 1 1");
  office->changes = 0;
  g_assert_true (crm_customer_tree_rename (office->tree, office->customers, "Xe khách", &error));
  g_assert_no_error (error);
  assert_tree (office, "All customers 0 6+|Đại lý 1 1|Xe khách 1 4+|Khách lẻ 2 0|VIP 2 2+");
  /* One row out, one row in: the leaf moved round the parent. */
  g_assert_cmpuint (office->changes, ==, 2);
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_filter_ids (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) leaf = NULL;
  g_autoptr(GArray) alone = NULL;
  gboolean include = FALSE;
  guint notified = 0;

  reload (office);
  g_assert_null (crm_customer_tree_filter_ids (office->tree, 0));

  g_object_get (office->tree, "include-subcategories", &include, NULL);
  g_assert_true (include);
  all = crm_customer_tree_filter_ids (office->tree, office->customers);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_true (contains (all, office->customers) && contains (all, office->vip) &&
                 contains (all, office->diamond) && contains (all, office->walk_in));
  leaf = crm_customer_tree_filter_ids (office->tree, office->diamond);
  g_assert_cmpuint (leaf->len, ==, 1);
  g_assert_cmpint (g_array_index (leaf, gint64, 0), ==, office->diamond);

  g_signal_connect (office->tree, "notify::include-subcategories", G_CALLBACK (on_notify), &notified);
  crm_customer_tree_set_include_subcategories (office->tree, FALSE);
  crm_customer_tree_set_include_subcategories (office->tree, FALSE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (crm_customer_tree_get_include_subcategories (office->tree));
  alone = crm_customer_tree_filter_ids (office->tree, office->customers);
  g_assert_cmpuint (alone->len, ==, 1);
  g_assert_cmpint (g_array_index (alone, gint64, 0), ==, office->customers);
  g_assert_null (crm_customer_tree_filter_ids (office->tree, 0));
  g_object_set (office->tree, "include-subcategories", TRUE, NULL);
  g_assert_cmpuint (notified, ==, 2);
}

/* Staff in own mode count their own customers only, and may not change
 * the tree. */
static void
test_staff_view (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(CrmCustomerTree) tree = NULL;
  g_autoptr(GtkTreeListRow) root_row = NULL;
  CrmCategory *root;
  gint64 staff_id;

  staff_id = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  add_customer (office, "Công ty Kim Long", office->diamond, staff_id);
  add_customer (office, "Hồ Thị Mai", 0, staff_id);
  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  staff = crm_user_store_open_session (office->db.store, staff_id, &error);
  g_assert_no_error (error);

  tree = crm_customer_tree_new (office->db.store, staff);
  g_assert_true (crm_customer_tree_reload (tree, &error));
  g_assert_no_error (error);
  root = crm_customer_tree_get_category (tree, 0);
  g_assert_cmpint (crm_category_get_n_customers (root), ==, 2);
  g_assert_cmpint (crm_category_get_n_own (root), ==, 1);
  g_assert_cmpint (crm_category_get_n_customers (crm_customer_tree_get_category (tree, office->customers)),
                   ==, 1);
  g_assert_cmpint (crm_category_get_n_customers (crm_customer_tree_get_category (tree, office->agents)),
                   ==, 0);
  root_row = gtk_tree_list_model_get_row (crm_customer_tree_get_model (tree), 0);
  gtk_tree_list_row_set_expanded (root_row, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_customer_tree_get_model (tree))), ==, 3);

  g_assert_cmpint (crm_customer_tree_add (tree, "Của tôi", 0, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_customer_tree_get_model (tree))), ==, 3);

  /* The administrator's tree over the same file still counts everyone. */
  reload (office);
  g_assert_cmpint (crm_category_get_n_customers (crm_customer_tree_get_category (office->tree, 0)), ==, 8);
}

/* The model may outlive its controller (a view still holding it). */
static void
test_model_outlives_tree (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(GtkTreeListModel) model = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(GtkTreeListRow) child = NULL;

  reload (office);
  model = g_object_ref (crm_customer_tree_get_model (office->tree));
  g_clear_object (&office->tree);
  row = gtk_tree_list_model_get_row (model, 0);
  gtk_tree_list_row_set_expanded (row, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  child = gtk_tree_list_model_get_row (model, 2);
  g_assert_true (gtk_tree_list_row_is_expandable (child));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/customer-tree/" path, Office, NULL, office_setup, func, office_teardown)
  ADD ("root-and-children", test_root_and_children);
  ADD ("reload-counts", test_reload_counts);
  ADD ("actions", test_actions);
  ADD ("rename-keeps-expansion", test_rename_keeps_expansion);
  ADD ("filter-ids", test_filter_ids);
  ADD ("staff-view", test_staff_view);
  ADD ("model-outlives-tree", test_model_outlives_tree);
#undef ADD

  return g_test_run ();
}
