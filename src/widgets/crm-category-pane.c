/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-category-pane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-category-pane.h"
#include "crm-category-store.h"
#include "crm-customer-tree.h"
#include "crm-form-dialog.h"

/* The customer tree beside the list: every category with how many
 * customers it holds, sub-categories included.  Selecting a node narrows
 * the list; the buttons and drag and drop change the tree through the
 * CrmCustomerTree controller, which asks the store, which decides. */
struct _CrmCategoryPane
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  CrmCustomerTree    *tree;
  GtkSingleSelection *selection;

  /* template */
  GtkListView        *tree_view;
  GtkCheckButton     *subcategories_check;
  GtkButton          *add_button;
  GtkButton          *rename_button;
  GtkButton          *move_button;
  GtkButton          *delete_button;
  GtkLabel           *message_label;
};

G_DEFINE_FINAL_TYPE (CrmCategoryPane, crm_category_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FILTER_CHANGED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Choices ------------------------------------------------------------------- */

static void
append_choices (GtkStringList *names,
                GArray        *ids,
                GPtrArray     *categories,
                gint64         parent_id,
                gint64         exclude,
                guint          depth)
{
  for (guint i = 0; i < categories->len && depth < 64; i++)
    {
      CrmCategory *category = g_ptr_array_index (categories, i);
      gint64 id = crm_category_get_id (category);
      g_autofree char *label = NULL;

      if (crm_category_get_parent_id (category) != parent_id || id == exclude)
        continue;
      label = g_strdup_printf ("%*s%s", (int) depth * 4, "", crm_category_get_name (category));
      gtk_string_list_append (names, label);
      g_array_append_val (ids, id);
      append_choices (names, ids, categories, id, exclude, depth + 1);
    }
}

/**
 * crm_category_choices_new:
 * @categories: (element-type CrmCategory): the whole tree, in any order
 * @none_label: the first choice, standing for id 0
 * @exclude: a category left out with everything under it, or 0
 * @ids: (out caller-allocates): emptied, then filled with the gint64 id of
 *   each choice
 *
 * The labels of a drop-down that picks a category: depth first, each
 * indented under its parent.
 */
GtkStringList *
crm_category_choices_new (GPtrArray  *categories,
                          const char *none_label,
                          gint64      exclude,
                          GArray     *ids)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (names, none_label);
  g_array_append_val (ids, none);
  if (categories != NULL)
    append_choices (names, ids, categories, 0, exclude, 0);
  return names;
}

/* Selection ----------------------------------------------------------------- */

static CrmCategory *
selected_category (CrmCategoryPane *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? CRM_CATEGORY (gtk_tree_list_row_get_item (row)) : NULL;
}

gint64
crm_category_pane_get_selected_id (CrmCategoryPane *self)
{
  g_autoptr(CrmCategory) category = NULL;

  g_return_val_if_fail (CRM_IS_CATEGORY_PANE (self), 0);

  category = selected_category (self);
  return category != NULL ? crm_category_get_id (category) : 0;
}

/**
 * crm_category_pane_get_filter_ids:
 *
 * Returns: (transfer full) (nullable): the category ids the list shows,
 *   or %NULL for every customer
 */
GArray *
crm_category_pane_get_filter_ids (CrmCategoryPane *self)
{
  g_return_val_if_fail (CRM_IS_CATEGORY_PANE (self), NULL);
  return crm_customer_tree_filter_ids (self->tree, crm_category_pane_get_selected_id (self));
}

static void
update_buttons (CrmCategoryPane *self)
{
  gboolean may_edit = crm_session_get_role (self->session) != CRM_ROLE_STAFF;
  gboolean is_node = crm_category_pane_get_selected_id (self) > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), may_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_button), may_edit && is_node);
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), may_edit && is_node);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), may_edit && is_node);
}

static void
on_selection_changed_cb (CrmCategoryPane *self)
{
  update_buttons (self);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
on_subcategories_toggled_cb (CrmCategoryPane *self)
{
  crm_customer_tree_set_include_subcategories (self->tree,
                                               gtk_check_button_get_active (self->subcategories_check));
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
show_message (CrmCategoryPane *self,
              const char      *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* After a change: the counts are the store's, the list follows. */
static void
changed (CrmCategoryPane *self)
{
  show_message (self, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

void
crm_category_pane_reload (CrmCategoryPane *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_CATEGORY_PANE (self));

  if (!crm_customer_tree_reload (self->tree, &error))
    show_message (self, error->message);
}

/* Rows ---------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CrmCategoryPane          *self);

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CrmCategoryPane          *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *count = gtk_widget_get_next_sibling (name);
  CrmCategory *category = gtk_tree_list_row_get_item (row);
  g_autofree char *text = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_object_bind_property (category, "name", name, "label", G_BINDING_SYNC_CREATE);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, crm_category_get_n_customers (category));
  gtk_label_set_label (GTK_LABEL (count), text);
  g_object_set_data_full (G_OBJECT (expander), "category", category, g_object_unref);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CrmCategoryPane          *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  g_object_set_data (G_OBJECT (expander), "category", NULL);
}

/* Counts change under a bound row when the tree reloads. */
static void
on_counts_changed_cb (CrmCategory *category,
                      GParamSpec  *pspec,
                      GtkLabel    *count)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, crm_category_get_n_customers (category));

  gtk_label_set_label (count, text);
}

static void
bind_counts_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CrmCategoryPane          *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *count = gtk_widget_get_last_child (box);
  CrmCategory *category = gtk_tree_list_row_get_item (gtk_list_item_get_item (item));

  g_signal_connect_object (category, "notify::n-customers", G_CALLBACK (on_counts_changed_cb), count, 0);
  g_object_unref (category);
}

static void
unbind_counts_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CrmCategoryPane          *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *count = gtk_widget_get_last_child (box);
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(CrmCategory) category = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (category != NULL)
    g_signal_handlers_disconnect_by_func (category, on_counts_changed_cb, count);
}

/* Drag and drop: a category dropped on another becomes its child;
 * dropped on "All customers" it goes to the top level. */
static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *expander)
{
  CrmCategory *category = g_object_get_data (G_OBJECT (expander), "category");
  gint64 id = category ? crm_category_get_id (category) : 0;

  if (id <= 0)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GtkWidget     *expander)
{
  CrmCategoryPane *self = CRM_CATEGORY_PANE (gtk_widget_get_ancestor (expander, CRM_TYPE_CATEGORY_PANE));
  CrmCategory *onto = g_object_get_data (G_OBJECT (expander), "category");
  g_autoptr(GError) error = NULL;
  gint64 id = g_value_get_int64 (value);

  if (self == NULL || onto == NULL || id == crm_category_get_id (onto))
    return FALSE;
  if (!crm_customer_tree_move (self->tree, id, crm_category_get_id (onto), &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  changed (self);
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CrmCategoryPane          *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);

  if (crm_session_get_role (self->session) != CRM_ROLE_STAFF)
    {
      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), expander);
      gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
      g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), expander);
      gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));
    }
  else
    {
      g_object_unref (source);
      g_object_unref (target);
    }
}

/* Dialogs ------------------------------------------------------------------- */

/* Each change is one small form (crm-form-dialog.c); what it acts on
 * travels with it. */
typedef gboolean (*TreeAccept) (CrmCategoryPane  *self,
                                gint64            subject,
                                const char       *name,
                                gint64            chosen,
                                GError          **error);

typedef struct
{
  CrmCategoryPane *self;
  gint64           subject;
  GArray          *ids;       /* gint64 per choice */
  TreeAccept       accept;
} Change;

static gboolean accept_delete (CrmCategoryPane  *self,
                               gint64            id,
                               const char       *name,
                               gint64            chosen,
                               GError          **error);

static void
change_free (Change *change)
{
  g_object_unref (change->self);
  g_array_unref (change->ids);
  g_free (change);
}

static gboolean
on_change_accept (gpointer     user_data,
                  const char  *text,
                  guint        selected,
                  GError     **error)
{
  Change *change = user_data;
  gint64 chosen = selected < change->ids->len ? g_array_index (change->ids, gint64, selected) : 0;

  if (!change->accept (change->self, change->subject, text, chosen, error))
    return FALSE;
  changed (change->self);
  return TRUE;
}

static void
open_form (CrmCategoryPane *self,
           const char      *title,
           const char      *explanation,
           const char      *initial_name,
           const char      *choice_label,
           gint64           exclude,
           const char      *accept_label,
           TreeAccept       accept,
           gint64           subject)
{
  Change *change = g_new0 (Change, 1);
  g_autoptr(GtkStringList) choices = NULL;
  CrmFormSpec spec = {
    .title = title,
    .explanation = explanation,
    .text = initial_name,
    .text_label = _("Category name"),
    .choice_label = _("Category"),
    .accept_label = accept_label,
    .destructive = accept == accept_delete,
  };

  change->self = g_object_ref (self);
  change->subject = subject;
  change->accept = accept;
  change->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (choice_label != NULL)
    {
      g_autoptr(GPtrArray) categories = crm_category_store_list_names (self->store, NULL);

      choices = crm_category_choices_new (categories, choice_label, exclude, change->ids);
      spec.choices = G_LIST_MODEL (choices);
    }
  crm_form_dialog_open (GTK_WIDGET (self), &spec, on_change_accept, change, (GDestroyNotify) change_free);
}

static gboolean
accept_add (CrmCategoryPane  *self,
            gint64            parent_id,
            const char       *name,
            gint64            chosen,
            GError          **error)
{
  return crm_customer_tree_add (self->tree, name, parent_id, error) > 0;
}

static gboolean
accept_rename (CrmCategoryPane  *self,
               gint64            id,
               const char       *name,
               gint64            chosen,
               GError          **error)
{
  return crm_customer_tree_rename (self->tree, id, name, error);
}

static gboolean
accept_move (CrmCategoryPane  *self,
             gint64            id,
             const char       *name,
             gint64            chosen,
             GError          **error)
{
  return crm_customer_tree_move (self->tree, id, chosen, error);
}

static gboolean
accept_delete (CrmCategoryPane  *self,
               gint64            id,
               const char       *name,
               gint64            chosen,
               GError          **error)
{
  return crm_customer_tree_delete (self->tree, id, chosen, error);
}

static void
on_add_button_clicked_cb (CrmCategoryPane *self)
{
  g_autoptr(CrmCategory) parent = selected_category (self);
  g_autofree char *explanation = NULL;

  if (parent != NULL && crm_category_get_id (parent) > 0)
    explanation = g_strdup_printf (_("The new category goes under “%s”."), crm_category_get_name (parent));
  open_form (self, _("New Category"), explanation, "", NULL, 0, _("_Add"), accept_add,
             parent ? crm_category_get_id (parent) : 0);
}

static void
on_rename_button_clicked_cb (CrmCategoryPane *self)
{
  g_autoptr(CrmCategory) category = selected_category (self);

  if (category == NULL || crm_category_get_id (category) == 0)
    return;
  open_form (self, _("Rename Category"), NULL, crm_category_get_name (category), NULL, 0,
             _("_Rename"), accept_rename, crm_category_get_id (category));
}

static void
on_move_button_clicked_cb (CrmCategoryPane *self)
{
  g_autoptr(CrmCategory) category = selected_category (self);
  g_autofree char *explanation = NULL;

  if (category == NULL || crm_category_get_id (category) == 0)
    return;
  explanation = g_strdup_printf (_("Move “%s” and everything under it to:"), crm_category_get_name (category));
  open_form (self, _("Move Category"), explanation, NULL, _("Top level"), crm_category_get_id (category),
             _("_Move"), accept_move, crm_category_get_id (category));
}

static void
on_delete_button_clicked_cb (CrmCategoryPane *self)
{
  g_autoptr(CrmCategory) category = selected_category (self);
  g_autofree char *explanation = NULL;
  gint64 n_own;

  if (category == NULL || crm_category_get_id (category) == 0)
    return;
  n_own = crm_category_get_n_own (category);
  if (n_own == 0)
    {
      explanation = g_strdup_printf (_("Delete the category “%s”?"), crm_category_get_name (category));
      open_form (self, _("Delete Category"), explanation, NULL, NULL, 0, _("_Delete"), accept_delete,
                 crm_category_get_id (category));
      return;
    }
  explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "“%s” holds %u customer. Move it to another "
                                              "category, then delete the category:",
                                              "“%s” holds %u customers. Move them to another "
                                              "category, then delete the category:", (gulong) n_own),
                                 crm_category_get_name (category), (guint) n_own);
  open_form (self, _("Delete Category"), explanation, NULL, _("Choose a category…"), crm_category_get_id (category),
             _("_Move and Delete"), accept_delete, crm_category_get_id (category));
}

/* GObject ------------------------------------------------------------------- */

static void
crm_category_pane_constructed (GObject *object)
{
  CrmCategoryPane *self = CRM_CATEGORY_PANE (object);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (crm_category_pane_parent_class)->constructed (object);

  self->tree = crm_customer_tree_new (self->store, self->session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (crm_customer_tree_get_model (self->tree))));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_counts_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_counts_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  crm_category_pane_reload (self);
  /* "All customers" opens on the top-level categories. */
  {
    g_autoptr(GtkTreeListRow) root = gtk_tree_list_model_get_row (crm_customer_tree_get_model (self->tree), 0);

    if (root != NULL)
      gtk_tree_list_row_set_expanded (root, TRUE);
  }
  update_buttons (self);
}

static void
crm_category_pane_dispose (GObject *object)
{
  CrmCategoryPane *self = CRM_CATEGORY_PANE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CATEGORY_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_category_pane_parent_class)->dispose (object);
}

static void
crm_category_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmCategoryPane *self = CRM_CATEGORY_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_category_pane_class_init (CrmCategoryPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_category_pane_constructed;
  object_class->dispose = crm_category_pane_dispose;
  object_class->set_property = crm_category_pane_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The selected node or the sub-category switch changed: re-filter. */
  signals[FILTER_CHANGED] = g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The tree itself changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-category-pane.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmCategoryPane, tree_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCategoryPane, subcategories_check);
  gtk_widget_class_bind_template_child (widget_class, CrmCategoryPane, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCategoryPane, rename_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCategoryPane, move_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCategoryPane, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCategoryPane, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_subcategories_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_move_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_button_clicked_cb);
}

static void
crm_category_pane_init (CrmCategoryPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
crm_category_pane_new (CrmStore   *store,
                       CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_CATEGORY_PANE, "store", store, "session", session, NULL);
}
