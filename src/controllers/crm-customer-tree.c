/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-tree"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-tree.h"
#include "crm-category-store.h"
#include "crm-customer-store.h"

struct _CrmCustomerTree
{
  GObject           parent_instance;

  CrmStore         *store;
  CrmSession       *session;
  CrmCategory      *root;            /* "All customers", id 0 */
  GListStore       *roots;           /* holds root alone */
  GtkTreeListModel *model;
  GHashTable       *categories;      /* gint64 id → CrmCategory, every node but root */
  GHashTable       *children;        /* gint64 parent id → GListStore, nodes with children and 0 */
  gboolean          include_subcategories;
};

G_DEFINE_FINAL_TYPE (CrmCustomerTree, crm_customer_tree, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_MODEL,
  PROP_INCLUDE_SUBCATEGORIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ------------------------------------------------------------------ */

static GHashTable *
id_table_new (GDestroyNotify value_destroy)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, value_destroy);
}

static void
id_table_insert (GHashTable *table,
                 gint64      id,
                 gpointer    value)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), value);
}

/* The tree list model asks for a row's children once, when it first
 * needs to know whether the row expands; a row whose answer changes is
 * replaced in its parent list (see poke_row()).  The user data is the
 * children table itself, so the model may outlive the controller. */
static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GHashTable *children = user_data;
  gint64 id = crm_category_get_id (item);
  GListStore *list = g_hash_table_lookup (children, &id);

  return list != NULL ? g_object_ref (G_LIST_MODEL (list)) : NULL;
}

/* Marks in @keep the items of one heaviest increasing subsequence of
 * @seq (old positions, in the new order), weights from @weight. */
static void
mark_heaviest_increasing (const guint  *seq,
                          const guint  *weight,
                          guint         n,
                          gboolean     *keep)
{
  g_autofree guint *best = g_new (guint, n + 1);
  g_autofree guint *prev = g_new (guint, n + 1);
  guint last = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      best[i] = weight[i];
      prev[i] = G_MAXUINT;
      for (guint j = 0; j < i; j++)
        if (seq[j] < seq[i] && best[j] + weight[i] > best[i])
          {
            best[i] = best[j] + weight[i];
            prev[i] = j;
          }
      if (last == G_MAXUINT || best[i] > best[last])
        last = i;
    }
  for (guint i = last; i != G_MAXUINT; i = prev[i])
    keep[i] = TRUE;
}

static gpointer
peek_item (GListStore *list,
           guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  /* The list keeps its own reference. */
  return item;
}

/* Makes @list hold @wanted (new order) while replacing as few rows as
 * possible: the rows that keep their relative order stay — among equal
 * choices the ones with children (@parents), whose expansion a view would
 * lose — and the others are removed and inserted in runs. */
static void
sync_list (GListStore *list,
           GPtrArray  *wanted,
           GHashTable *parents)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GHashTable) old_positions = g_hash_table_new (NULL, NULL);
  g_autofree guint *seq = g_new (guint, wanted->len + 1);
  g_autofree guint *weight = g_new (guint, wanted->len + 1);
  g_autofree gboolean *keep = g_new0 (gboolean, wanted->len + 1);
  g_autofree gboolean *kept = g_new0 (gboolean, n_items + 1);
  guint n_seq = 0, position = 0;

  for (guint i = 0; i < n_items; i++)
    g_hash_table_insert (old_positions, peek_item (list, i), GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < wanted->len; i++)
    {
      CrmCategory *node = g_ptr_array_index (wanted, i);
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (old_positions, node));
      gint64 id = crm_category_get_id (node);

      if (old == 0)
        continue;
      seq[n_seq] = old - 1;
      weight[n_seq++] = g_hash_table_contains (parents, &id) ? wanted->len + 1 : 1;
    }
  mark_heaviest_increasing (seq, weight, n_seq, keep);
  for (guint i = 0; i < n_seq; i++)
    kept[seq[i]] = keep[i];

  /* Runs of rows that go, from the end so positions stay valid. */
  for (guint end = n_items; end > 0;)
    {
      guint start = end;

      while (start > 0 && !kept[start - 1])
        start--;
      if (start < end)
        g_list_store_splice (list, start, end - start, NULL, 0);
      while (start > 0 && kept[start - 1])
        start--;
      end = start;
    }

  /* The kept rows are in order: insert the runs before each of them. */
  while (position < wanted->len)
    {
      guint n_now = g_list_model_get_n_items (G_LIST_MODEL (list));
      gpointer next = position < n_now ? peek_item (list, position) : NULL;
      guint end = position;

      while (end < wanted->len && g_ptr_array_index (wanted, end) != next)
        end++;
      if (end > position)
        g_list_store_splice (list, position, 0, wanted->pdata + position, end - position);
      position = end + 1;
    }
}

/* Replaces a node by itself in its parent's list: the tree list model
 * drops the row and asks again whether it has children. */
static void
poke_row (CrmCustomerTree *self,
          CrmCategory     *node)
{
  gint64 parent_id = crm_category_get_parent_id (node);
  GListStore *list = g_hash_table_lookup (self->children, &parent_id);
  guint position;

  if (list != NULL && g_list_store_find (list, node, &position))
    g_list_store_splice (list, position, 1, (gpointer *) &node, 1);
}

/* Reload ------------------------------------------------------------------- */

/* The node to show for a freshly read one: the object already shown
 * under that id, brought up to date, or the fresh one. */
static CrmCategory *
merge_node (CrmCustomerTree *self,
            CrmCategory     *fresh)
{
  gint64 id = crm_category_get_id (fresh);
  CrmCategory *node = g_hash_table_lookup (self->categories, &id);

  if (node == NULL)
    return fresh;
  crm_category_set_name (node, crm_category_get_name (fresh));
  crm_category_set_parent_id (node, crm_category_get_parent_id (fresh));
  crm_category_set_depth (node, crm_category_get_depth (fresh));
  crm_category_set_counts (node, crm_category_get_n_own (fresh),
                           crm_category_get_n_customers (fresh));
  return node;
}

/* Brings the child lists in line with @wanted (parent id → the children
 * in order), then re-offers the rows that were shown before (@shown) and
 * gained their first child or lost their last one. */
static void
apply_children (CrmCustomerTree *self,
                GHashTable      *wanted,
                GHashTable      *shown)
{
  g_autoptr(GPtrArray) poke = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) key != 0 && !g_hash_table_contains (wanted, key))
      {
        CrmCategory *node = g_hash_table_lookup (self->categories, key);

        if (node != NULL)
          g_ptr_array_add (poke, node);
        g_list_store_remove_all (value);
        g_hash_table_iter_remove (&iter);
      }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 parent_id = *(gint64 *) key;
      GListStore *list = g_hash_table_lookup (self->children, &parent_id);

      if (list == NULL)
        {
          list = g_list_store_new (CRM_TYPE_CATEGORY);
          id_table_insert (self->children, parent_id, list);
          if (g_hash_table_contains (shown, &parent_id))
            g_ptr_array_add (poke, g_hash_table_lookup (self->categories, &parent_id));
        }
      sync_list (list, value, wanted);
    }

  for (guint i = 0; i < poke->len; i++)
    poke_row (self, g_ptr_array_index (poke, i));
}

/* GObject ------------------------------------------------------------------ */

static void
crm_customer_tree_dispose (GObject *object)
{
  CrmCustomerTree *self = CRM_CUSTOMER_TREE (object);

  g_clear_object (&self->model);
  g_clear_object (&self->roots);
  g_clear_object (&self->root);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_customer_tree_parent_class)->dispose (object);
}

static void
crm_customer_tree_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmCustomerTree *self = CRM_CUSTOMER_TREE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_INCLUDE_SUBCATEGORIES:
      g_value_set_boolean (value, self->include_subcategories);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_tree_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmCustomerTree *self = CRM_CUSTOMER_TREE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_INCLUDE_SUBCATEGORIES:
      crm_customer_tree_set_include_subcategories (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_tree_class_init (CrmCustomerTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_customer_tree_dispose;
  object_class->get_property = crm_customer_tree_get_property;
  object_class->set_property = crm_customer_tree_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GTK_TYPE_TREE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_SUBCATEGORIES] =
    g_param_spec_boolean ("include-subcategories", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_customer_tree_init (CrmCustomerTree *self)
{
  self->include_subcategories = TRUE;
  self->categories = id_table_new (g_object_unref);
  self->children = id_table_new (g_object_unref);
  id_table_insert (self->children, 0, g_list_store_new (CRM_TYPE_CATEGORY));

  self->root = crm_category_new (0, 0, _("All customers"), 0);
  self->roots = g_list_store_new (CRM_TYPE_CATEGORY);
  g_list_store_append (self->roots, self->root);
  self->model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)), FALSE, FALSE,
                                         create_children_cb, g_hash_table_ref (self->children),
                                         (GDestroyNotify) g_hash_table_unref);
}

/* Public API --------------------------------------------------------------- */

CrmCustomerTree *
crm_customer_tree_new (CrmStore   *store,
                       CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_CUSTOMER_TREE, "store", store, "session", session, NULL);
}

/**
 * crm_customer_tree_reload:
 *
 * Reads the tree and its counts again: after a change here, to the
 * customers, or by another program.  Nodes that still exist keep their
 * CrmCategory (updated in place, notifying only what changed); the
 * child lists change only where nodes came, went or moved.  On failure
 * the tree stays as it was.
 */
gboolean
crm_customer_tree_reload (CrmCustomerTree  *self,
                          GError          **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GHashTable) categories = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GHashTable) shown = NULL;
  gint64 total, filed = 0;

  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), FALSE);

  if (!(fresh = crm_category_store_list (self->store, self->session, error)) ||
      (total = crm_customer_store_count (self->store, self->session, error)) < 0)
    return FALSE;

  categories = id_table_new (g_object_unref);
  wanted = id_table_new ((GDestroyNotify) g_ptr_array_unref);
  id_table_insert (wanted, 0, g_ptr_array_new ());
  for (guint i = 0; i < fresh->len; i++)
    {
      CrmCategory *node = merge_node (self, g_ptr_array_index (fresh, i));
      gint64 parent_id = crm_category_get_parent_id (node);
      GPtrArray *siblings = g_hash_table_lookup (wanted, &parent_id);

      id_table_insert (categories, crm_category_get_id (node), g_object_ref (node));
      if (siblings == NULL)
        id_table_insert (wanted, parent_id, siblings = g_ptr_array_new ());
      g_ptr_array_add (siblings, node);
      if (parent_id == 0)
        filed += crm_category_get_n_customers (node);
    }

  /* The nodes that went stay alive until the lists no longer hold them. */
  shown = g_steal_pointer (&self->categories);
  self->categories = g_hash_table_ref (categories);
  crm_category_set_counts (self->root, CLAMP (total - filed, 0, total), total);
  apply_children (self, wanted, shown);
  return TRUE;
}

/**
 * crm_customer_tree_get_model:
 *
 * Returns: (transfer none): the tree, "All customers" its only root;
 *   rows start collapsed
 */
GtkTreeListModel *
crm_customer_tree_get_model (CrmCustomerTree *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), NULL);
  return self->model;
}

/**
 * crm_customer_tree_get_category:
 * @id: a node's id, or 0 for "All customers"
 *
 * Returns: (transfer none) (nullable): the node as the model shows it
 */
CrmCategory *
crm_customer_tree_get_category (CrmCustomerTree *self,
                                gint64           id)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), NULL);

  if (id == 0)
    return self->root;
  return g_hash_table_lookup (self->categories, &id);
}

gboolean
crm_customer_tree_get_include_subcategories (CrmCustomerTree *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), FALSE);
  return self->include_subcategories;
}

void
crm_customer_tree_set_include_subcategories (CrmCustomerTree *self,
                                             gboolean         include)
{
  g_return_if_fail (CRM_IS_CUSTOMER_TREE (self));

  include = !!include;
  if (self->include_subcategories == include)
    return;
  self->include_subcategories = include;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SUBCATEGORIES]);
}

/**
 * crm_customer_tree_filter_ids:
 * @category_id: the selected node
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids for
 *   CrmCustomerFilter.category_ids when @category_id is selected: %NULL
 *   for "All customers", the node alone, or with include-subcategories
 *   the node and every node under it.
 */
GArray *
crm_customer_tree_filter_ids (CrmCustomerTree *self,
                              gint64           category_id)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), NULL);
  g_return_val_if_fail (category_id >= 0, NULL);

  if (category_id == 0)
    return NULL;
  if (self->include_subcategories &&
      (ids = crm_category_store_descendants (self->store, category_id, &error)) != NULL)
    return ids;
  if (error != NULL && !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    g_warning ("Cannot read the sub-categories of %" G_GINT64_FORMAT ": %s",
               category_id, error->message);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, category_id);
  return ids;
}

/* Actions ------------------------------------------------------------------- */

/* After a change the store accepted: a failed re-read does not undo it,
 * so it is only logged; the next reload puts the view right. */
static void
reload_after_change (CrmCustomerTree *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_customer_tree_reload (self, &error))
    g_warning ("Cannot read the customer tree again: %s", error->message);
}

/**
 * crm_customer_tree_add:
 * @parent_id: the parent node, or 0 for a top-level category
 *
 * Returns: the new node's id, or 0 with the store's error
 */
gint64
crm_customer_tree_add (CrmCustomerTree  *self,
                       const char       *name,
                       gint64            parent_id,
                       GError          **error)
{
  gint64 id;

  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), 0);

  id = crm_category_store_create (self->store, self->session, name, parent_id, error);
  if (id > 0)
    reload_after_change (self);
  return id;
}

gboolean
crm_customer_tree_rename (CrmCustomerTree  *self,
                          gint64            id,
                          const char       *name,
                          GError          **error)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), FALSE);

  if (!crm_category_store_rename (self->store, self->session, id, name, error))
    return FALSE;
  reload_after_change (self);
  return TRUE;
}

gboolean
crm_customer_tree_move (CrmCustomerTree  *self,
                        gint64            id,
                        gint64            new_parent_id,
                        GError          **error)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), FALSE);

  if (!crm_category_store_move (self->store, self->session, id, new_parent_id, error))
    return FALSE;
  reload_after_change (self);
  return TRUE;
}

/**
 * crm_customer_tree_delete:
 * @move_customers_to: where the node's customers go, or 0
 *
 * See crm_category_store_delete(): only a node without sub-nodes goes.
 */
gboolean
crm_customer_tree_delete (CrmCustomerTree  *self,
                          gint64            id,
                          gint64            move_customers_to,
                          GError          **error)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_TREE (self), FALSE);

  if (!crm_category_store_delete (self->store, self->session, id, move_customers_to, error))
    return FALSE;
  reload_after_change (self);
  return TRUE;
}
