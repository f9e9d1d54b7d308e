/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-products-page"

#include "config.h"

#include "crm-products-page.h"

#include <glib/gi18n-lib.h>

#include "crm-category-store.h"
#include "crm-form-dialog.h"
#include "crm-money.h"
#include "crm-price-list-dialog.h"
#include "crm-pricing.h"
#include "crm-product-dialog.h"
#include "crm-product-export.h"
#include "crm-import-dialog.h"
#include "crm-product-list.h"
#include "crm-product-store.h"
#include "crm-promotion-dialog.h"
#include "crm-tag-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The Products section: the catalogue (a lazy list filtered and sorted
 * in SQL), the price lists and the promotions.  Every change goes
 * through a dialog and the store, which checks roles and writes the
 * audit log; the page hides what the user may not do. */
struct _CrmProductsPage
{
  GtkWidget          parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmProductList    *list;
  GtkSingleSelection *selection;
  GArray            *category_ids;    /* gint64 per category filter choice; 0 for all */
  GPtrArray         *categories;      /* CrmProductCategory */
  GPtrArray         *price_lists;     /* CrmPriceList, as shown */
  GPtrArray         *promotions;      /* CrmPromotion, as shown */
  GHashTable        *names;           /* "c<id>" customer category, "t<id>" tag, "p<id>" product category */
  GCancellable      *export_cancellable;
  gboolean           ready;

  /* template */
  GtkStack          *stack;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *category_dropdown;
  GtkDropDown       *active_dropdown;
  GtkDropDown       *sort_dropdown;
  GtkLabel          *count_label;
  GtkLabel          *message_label;
  GtkButton         *active_button;
  GtkWidget         *export_button;
  GtkWidget         *import_button;
  GtkWidget         *delete_button;
  GtkColumnView     *column_view;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *unit_column;
  GtkColumnViewColumn *price_column;
  GtkColumnViewColumn *cost_column;
  GtkColumnViewColumn *vat_column;
  GtkColumnViewColumn *category_column;
  GtkColumnViewColumn *active_column;
  GtkListBox        *price_lists_list;
  GtkLabel          *price_lists_count_label;
  GtkListBox        *promotions_list;
  GtkLabel          *promotions_count_label;
};

G_DEFINE_FINAL_TYPE (CrmProductsPage, crm_products_page, GTK_TYPE_WIDGET)

typedef enum
{
  CELL_CODE,
  CELL_NAME,
  CELL_UNIT,
  CELL_PRICE,
  CELL_COST,
  CELL_VAT,
  CELL_CATEGORY,
  CELL_ACTIVE,
} Cell;

static void
show_message (CrmProductsPage *self,
              const char      *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static gboolean
is_editor (CrmProductsPage *self)
{
  return crm_session_get_role (self->session) != CRM_ROLE_STAFF;
}

static GtkWindow *
parent_window (CrmProductsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Product cells ------------------------------------------------------------------- */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  Cell cell = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (cell == CELL_PRICE || cell == CELL_COST || cell == CELL_VAT)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static char *
cell_text (CrmProduct *product,
           Cell        cell)
{
  switch (cell)
    {
    case CELL_CODE:
      return g_strdup (crm_product_get_code (product));
    case CELL_NAME:
      return g_strdup (crm_product_get_name (product));
    case CELL_UNIT:
      return g_strdup (crm_product_get_unit (product));
    case CELL_PRICE:
      return crm_money_format (crm_product_get_list_price (product));
    case CELL_COST:
      return crm_product_get_cost_hidden (product) ? g_strdup ("") : crm_money_format (crm_product_get_cost_price (product));
    case CELL_VAT:
      return crm_rate_format (crm_product_get_vat_rate_bp (product));
    case CELL_CATEGORY:
      return g_strdup (crm_product_get_category_name (product));
    case CELL_ACTIVE:
    default:
      return g_strdup (crm_product_get_active (product) ? _("Yes") : _("No"));
    }
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  CrmProduct *product = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = product ? cell_text (product, GPOINTER_TO_INT (data)) : NULL;

  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  if (GPOINTER_TO_INT (data) == CELL_NAME)
    gtk_widget_set_tooltip_text (label, text);
  if (product != NULL && !crm_product_get_active (product))
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
set_cell_factory (GtkColumnViewColumn *column,
                  Cell                 cell)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (cell));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (cell));
  gtk_column_view_column_set_factory (column, factory);
}

/* The products list ---------------------------------------------------------------- */

static CrmProduct *
selected_product (CrmProductsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static gint64
filtered_category (CrmProductsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);

  return selected < self->category_ids->len ? g_array_index (self->category_ids, gint64, selected) : 0;
}

static void
update_actions (CrmProductsPage *self)
{
  CrmProduct *product = selected_product (self);
  gboolean editor = is_editor (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.edit", product != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.toggle-active", editor && product != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.delete",
                                 editor && product != NULL && crm_session_may (self->session, CRM_PERMISSION_DELETE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.rename-category",
                                 editor && self->categories != NULL && self->categories->len > 0);
  gtk_button_set_label (self->active_button, product != NULL && !crm_product_get_active (product)
                                             ? _("_Reactivate") : _("_Deactivate"));
}

static void
update_count (CrmProductsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product", "%u products", n), n);

  gtk_label_set_label (self->count_label, text);
}

/* "All categories" then every category indented under its parent; keeps
 * the category chosen before if it is still there. */
static gboolean
fill_categories (CrmProductsPage  *self,
                 GError          **error)
{
  g_autoptr(GPtrArray) categories = crm_product_store_list_categories (self->store, self->session, error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 chosen = filtered_category (self);
  guint selected = 0;
  gint64 all = 0;

  if (categories == NULL)
    return FALSE;
  g_array_set_size (self->category_ids, 0);
  gtk_string_list_append (labels, _("All categories"));
  g_array_append_val (self->category_ids, all);
  for (guint i = 0; i < categories->len; i++)
    {
      const CrmProductCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *indent = g_strnfill (category->depth * 4, ' ');
      g_autofree char *label = g_strconcat (indent, category->name, NULL);
      g_autofree char *key = g_strdup_printf ("p%" G_GINT64_FORMAT, category->id);

      if (category->id == chosen)
        selected = self->category_ids->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (self->category_ids, category->id);
      g_hash_table_replace (self->names, g_steal_pointer (&key), g_strdup (category->name));
    }
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  self->categories = g_steal_pointer (&categories);
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  return TRUE;
}

static void
on_filter_changed_cb (CrmProductsPage *self)
{
  g_autoptr(CrmProductFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  static const int actives[] = { 1, 0, -1 };
  guint active = gtk_drop_down_get_selected (self->active_dropdown);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (!self->ready)
    return;
  filter = crm_product_filter_copy (crm_product_list_get_filter (self->list));
  g_free (filter->search);
  filter->search = crm_text_is_blank (search) ? NULL : g_strdup (search);
  filter->category_id = filtered_category (self);
  filter->active = active < G_N_ELEMENTS (actives) ? actives[active] : -1;
  filter->sort = sort >= 2 ? CRM_PRODUCT_SORT_CODE : CRM_PRODUCT_SORT_NAME;
  filter->ascending = sort % 2 == 0;
  if (!crm_product_list_set_filter (self->list, filter, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  update_count (self);
  update_actions (self);
}

/* Price lists and promotions ------------------------------------------------------- */

static GtkWidget *
list_row (const char *title,
          const char *details,
          gboolean    active)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *line = gtk_label_new (details);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  if (!active)
    gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_ellipsize (GTK_LABEL (line), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (line, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return box;
}

static const char *
lookup_name (CrmProductsPage *self,
             char             kind,
             gint64           id)
{
  g_autofree char *key = g_strdup_printf ("%c%" G_GINT64_FORMAT, kind, id);
  const char *name = g_hash_table_lookup (self->names, key);

  return name ? name : "?";
}

/* "01/01/2026 – 31/12/2026", "from 01/01/2026", "always". */
static char *
period_text (const char *first,
             const char *last)
{
  g_autofree char *from = crm_date_format (first);
  g_autofree char *to = crm_date_format (last);

  if (first != NULL && last != NULL)
    return g_strdup_printf ("%s – %s", from, to);
  if (first != NULL)
    return g_strdup_printf (_("from %s"), from);
  if (last != NULL)
    return g_strdup_printf (_("until %s"), to);
  return g_strdup (_("no time limit"));
}

/* Customer categories and tags by id, for the lines under each name. */
static gboolean
load_customer_names (CrmProductsPage  *self,
                     GError          **error)
{
  g_autoptr(GPtrArray) categories = crm_category_store_list (self->store, self->session, error);
  g_autoptr(GPtrArray) tags = NULL;

  if (categories == NULL || !(tags = crm_tag_store_list (self->store, self->session, error)))
    return FALSE;
  for (guint i = 0; i < categories->len; i++)
    {
      CrmCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_replace (self->names, g_strdup_printf ("c%" G_GINT64_FORMAT, crm_category_get_id (category)),
                            g_strdup (crm_category_get_name (category)));
    }
  for (guint i = 0; i < tags->len; i++)
    {
      const CrmTag *tag = g_ptr_array_index (tags, i);

      g_hash_table_replace (self->names, g_strdup_printf ("t%" G_GINT64_FORMAT, tag->id), g_strdup (tag->name));
    }
  return TRUE;
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (box, child);
      else
        break;
    }
}

static gboolean
fill_price_lists (CrmProductsPage  *self,
                  GError          **error)
{
  g_autoptr(GPtrArray) lists = crm_pricing_list_price_lists (self->store, self->session, error);

  if (lists == NULL)
    return FALSE;
  clear_list_box (self->price_lists_list);
  for (guint i = 0; i < lists->len; i++)
    {
      const CrmPriceList *list = g_ptr_array_index (lists, i);
      g_autofree char *period = period_text (list->valid_from, list->valid_to);
      g_autofree char *target = list->tag_id > 0
                                ? g_strdup_printf (_("Tag “%s”"), lookup_name (self, 't', list->tag_id))
                                : g_strdup_printf (_("Customer category “%s”"),
                                                   lookup_name (self, 'c', list->customer_category_id));
      g_autofree char *details = g_strdup_printf ("%s · %s%s", target, period, list->active ? "" : _(" · switched off"));

      gtk_list_box_append (self->price_lists_list, list_row (list->name, details, list->active));
    }
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u price list", "%u price lists",
                                                           lists->len), lists->len);

    gtk_label_set_label (self->price_lists_count_label, count);
  }
  g_clear_pointer (&self->price_lists, g_ptr_array_unref);
  self->price_lists = g_steal_pointer (&lists);
  return TRUE;
}

static char *
discount_text (const CrmPromotion *promotion)
{
  if (promotion->discount_kind == CRM_DISCOUNT_FIXED)
    {
      g_autofree char *amount = crm_money_format (promotion->discount_value);

      return g_strdup_printf ("−%s", amount);
    }
  {
    g_autofree char *rate = crm_rate_format ((int) promotion->discount_value);

    return g_strdup_printf ("−%s", rate);
  }
}

static char *
promotion_target (CrmProductsPage    *self,
                  const CrmPromotion *promotion)
{
  if (promotion->product_id > 0)
    {
      g_autoptr(CrmProduct) product = crm_product_store_get (self->store, self->session, promotion->product_id, NULL);

      return g_strdup_printf (_("Product %s"), product ? crm_product_get_code (product) : "?");
    }
  if (promotion->product_category_id > 0)
    return g_strdup_printf (_("Category “%s”"), lookup_name (self, 'p', promotion->product_category_id));
  return g_strdup (_("every product"));
}

static gboolean
fill_promotions (CrmProductsPage  *self,
                 GError          **error)
{
  g_autoptr(GPtrArray) promotions = crm_pricing_list_promotions (self->store, self->session, error);

  if (promotions == NULL)
    return FALSE;
  clear_list_box (self->promotions_list);
  for (guint i = 0; i < promotions->len; i++)
    {
      const CrmPromotion *promotion = g_ptr_array_index (promotions, i);
      g_autofree char *period = period_text (promotion->starts_on, promotion->ends_on);
      g_autofree char *discount = discount_text (promotion);
      g_autofree char *target = promotion_target (self, promotion);
      g_autofree char *customers = promotion->customer_category_id > 0
                                   ? g_strdup_printf (_("customers of “%s”"),
                                                      lookup_name (self, 'c', promotion->customer_category_id))
                                   : g_strdup (_("every customer"));
      g_autofree char *details = g_strdup_printf ("%s · %s · %s · %s%s", discount, target, customers, period,
                                                  promotion->active ? "" : _(" · switched off"));

      gtk_list_box_append (self->promotions_list, list_row (promotion->name, details, promotion->active));
    }
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u promotion", "%u promotions",
                                                           promotions->len), promotions->len);

    gtk_label_set_label (self->promotions_count_label, count);
  }
  g_clear_pointer (&self->promotions, g_ptr_array_unref);
  self->promotions = g_steal_pointer (&promotions);
  return TRUE;
}

/**
 * crm_products_page_reload:
 *
 * Reads the categories, the catalogue, the price lists and the
 * promotions again.  A failure shows in the page.
 */
gboolean
crm_products_page_reload (CrmProductsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_PRODUCTS_PAGE (self), FALSE);

  self->ready = FALSE;
  if (!fill_categories (self, &error) || !load_customer_names (self, &error) ||
      !fill_price_lists (self, &error) || !fill_promotions (self, &error))
    {
      show_message (self, error->message);
      update_actions (self);
      return FALSE;
    }
  self->ready = TRUE;
  on_filter_changed_cb (self);
  if (!crm_product_list_reload (self->list, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  update_count (self);
  update_actions (self);
  return TRUE;
}

/* Dialogs ---------------------------------------------------------------------------- */

static void
on_saved_cb (CrmProductsPage *self,
             gint64           id)
{
  crm_products_page_reload (self);
}

static void
present (CrmProductsPage *self,
         GtkWindow       *dialog)
{
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
open_product (CrmProductsPage *self,
              gint64           product_id)
{
  g_autoptr(GError) error = NULL;
  CrmProductDialog *dialog = crm_product_dialog_new (parent_window (self), self->store, self->session, product_id,
                                                     product_id > 0 ? 0 : filtered_category (self), &error);

  if (dialog == NULL)
    {
      show_message (self, error->message);
      return;
    }
  present (self, GTK_WINDOW (dialog));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_product (CRM_PRODUCTS_PAGE (widget), 0);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  CrmProduct *product = selected_product (self);

  if (product != NULL)
    open_product (self, crm_product_get_id (product));
}

static void
on_column_view_activate_cb (CrmProductsPage *self,
                            guint            position)
{
  g_autoptr(CrmProduct) product = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (product != NULL && crm_product_get_id (product) > 0)
    open_product (self, crm_product_get_id (product));
}

static void
toggle_active_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  CrmProduct *product = selected_product (self);
  g_autoptr(GError) error = NULL;

  if (product == NULL)
    return;
  if (!crm_product_store_set_active (self->store, self->session, crm_product_get_id (product),
                                     !crm_product_get_active (product), &error))
    {
      show_message (self, error->message);
      return;
    }
  crm_products_page_reload (self);
}

typedef struct
{
  CrmProductsPage *self;
  gint64           id;
  GPtrArray       *choice_ids;   /* gint64 *, for a form with a drop-down */
} FormData;

static void
form_data_free (FormData *data)
{
  g_object_unref (data->self);
  g_clear_pointer (&data->choice_ids, g_ptr_array_unref);
  g_free (data);
}

static FormData *
form_data_new (CrmProductsPage *self,
               gint64           id)
{
  FormData *data = g_new0 (FormData, 1);

  data->self = g_object_ref (self);
  data->id = id;
  return data;
}

static gboolean
accept_delete (gpointer     user_data,
               const char  *text,
               guint        selected,
               GError     **error)
{
  FormData *data = user_data;

  if (!crm_product_store_delete (data->self->store, data->self->session, data->id, error))
    return FALSE;
  show_message (data->self, NULL);
  crm_products_page_reload (data->self);
  return TRUE;
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  CrmProduct *product = selected_product (self);
  g_autofree char *explanation = NULL;
  CrmFormSpec spec = { 0 };

  if (product == NULL)
    return;
  explanation = g_strdup_printf (_("Delete “%s” (%s)? Only a product on no quote, contract or order can be "
                                   "deleted; otherwise deactivate it."),
                                 crm_product_get_name (product), crm_product_get_code (product));
  spec.title = _("Delete Product");
  spec.explanation = explanation;
  spec.accept_label = _("_Delete");
  spec.destructive = TRUE;
  crm_form_dialog_open (widget, &spec, accept_delete, form_data_new (self, crm_product_get_id (product)),
                        (GDestroyNotify) form_data_free);
}

/* "Top level" (or nothing) then every category, for a drop-down; the ids
 * go to @data. */
static GListModel *
category_choices (CrmProductsPage *self,
                  const char      *first,
                  FormData        *data,
                  gint64           chosen,
                  guint           *selected)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  data->choice_ids = g_ptr_array_new_with_free_func (g_free);
  *selected = 0;
  if (first != NULL)
    {
      gtk_string_list_append (labels, first);
      g_ptr_array_add (data->choice_ids, g_memdup2 (&(gint64) { 0 }, sizeof (gint64)));
    }
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    {
      const CrmProductCategory *category = g_ptr_array_index (self->categories, i);
      g_autofree char *indent = g_strnfill (category->depth * 4, ' ');
      g_autofree char *label = g_strconcat (indent, category->name, NULL);

      if (category->id == chosen)
        *selected = data->choice_ids->len;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (data->choice_ids, g_memdup2 (&category->id, sizeof (gint64)));
    }
  return G_LIST_MODEL (labels);
}

static gint64
choice_id (FormData *data,
           guint     selected)
{
  if (data->choice_ids == NULL || selected >= data->choice_ids->len)
    return 0;
  return *(gint64 *) g_ptr_array_index (data->choice_ids, selected);
}

static gboolean
accept_new_category (gpointer     user_data,
                     const char  *text,
                     guint        selected,
                     GError     **error)
{
  FormData *data = user_data;

  if (crm_product_store_create_category (data->self->store, data->self->session, text, choice_id (data, selected),
                                         error) == 0)
    return FALSE;
  crm_products_page_reload (data->self);
  return TRUE;
}

static void
new_category_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  FormData *data = form_data_new (self, 0);
  g_autoptr(GListModel) choices = NULL;
  CrmFormSpec spec = { 0 };

  choices = category_choices (self, _("At the top level"), data, filtered_category (self), &spec.selected);
  spec.title = _("New Product Category");
  spec.explanation = _("The name of the category, and the category it goes under.");
  spec.text = "";
  spec.text_label = _("Category name");
  spec.choices = choices;
  spec.choice_label = _("Parent category");
  spec.accept_label = _("C_reate");
  crm_form_dialog_open (widget, &spec, accept_new_category, data, (GDestroyNotify) form_data_free);
}

static gboolean
accept_rename_category (gpointer     user_data,
                        const char  *text,
                        guint        selected,
                        GError     **error)
{
  FormData *data = user_data;

  if (!crm_product_store_rename_category (data->self->store, data->self->session, choice_id (data, selected),
                                          text, error))
    return FALSE;
  crm_products_page_reload (data->self);
  return TRUE;
}

static void
rename_category_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  FormData *data = form_data_new (self, 0);
  g_autoptr(GListModel) choices = NULL;
  CrmFormSpec spec = { 0 };
  const char *current = "";

  choices = category_choices (self, NULL, data, filtered_category (self), &spec.selected);
  if (data->choice_ids->len > 0)
    current = lookup_name (self, 'p', choice_id (data, spec.selected));
  spec.title = _("Rename Product Category");
  spec.explanation = _("Choose the category and type its new name.");
  spec.text = current;
  spec.text_label = _("New name");
  spec.choices = choices;
  spec.choice_label = _("Category to rename");
  spec.accept_label = _("_Rename");
  crm_form_dialog_open (widget, &spec, accept_rename_category, data, (GDestroyNotify) form_data_free);
}

static void
open_price_list (CrmProductsPage *self,
                 gint64           id)
{
  g_autoptr(GError) error = NULL;
  CrmPriceListDialog *dialog = crm_price_list_dialog_new (parent_window (self), self->store, self->session, id,
                                                          &error);

  if (dialog == NULL)
    {
      show_message (self, error->message);
      return;
    }
  present (self, GTK_WINDOW (dialog));
}

static void
open_promotion (CrmProductsPage *self,
                gint64           id)
{
  g_autoptr(GError) error = NULL;
  CrmPromotionDialog *dialog = crm_promotion_dialog_new (parent_window (self), self->store, self->session, id,
                                                         &error);

  if (dialog == NULL)
    {
      show_message (self, error->message);
      return;
    }
  present (self, GTK_WINDOW (dialog));
}

static void
new_price_list_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  open_price_list (CRM_PRODUCTS_PAGE (widget), 0);
}

static void
new_promotion_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  open_promotion (CRM_PRODUCTS_PAGE (widget), 0);
}

static void
on_price_lists_row_activated_cb (CrmProductsPage *self,
                                 GtkListBoxRow   *row)
{
  guint index = gtk_list_box_row_get_index (row);

  if (self->price_lists != NULL && index < self->price_lists->len)
    open_price_list (self, ((CrmPriceList *) g_ptr_array_index (self->price_lists, index))->id);
}

static void
on_promotions_row_activated_cb (CrmProductsPage *self,
                                GtkListBoxRow   *row)
{
  guint index = gtk_list_box_row_get_index (row);

  if (self->promotions != NULL && index < self->promotions->len)
    open_promotion (self, ((CrmPromotion *) g_ptr_array_index (self->promotions, index))->id);
}

static void
open_price_list_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->price_lists_list);

  if (row != NULL)
    on_price_lists_row_activated_cb (self, row);
}

static void
open_promotion_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->promotions_list);

  if (row != NULL)
    on_promotions_row_activated_cb (self, row);
}

/* Export ------------------------------------------------------------------------------ */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmProductsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (!crm_product_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      update_count (self);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product exported.",
                                                            "%u products exported.", (gulong) n_rows),
                                               (guint) n_rows);

      show_message (self, NULL);
      gtk_label_set_label (self->count_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.export", TRUE);
}

static void
on_export_file_cb (GtkNativeDialog *chooser,
                   int              response,
                   CrmProductsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.export", FALSE);
      crm_product_export_async (self->store, self->session, crm_product_list_get_filter (self->list),
                                CRM_EXPORT_FORMAT_XLSX, file, self->export_cancellable, on_export_done_cb,
                                g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
on_import_done_cb (CrmProductsPage *self)
{
  crm_products_page_reload (self);
}

/* Products from a CSV file; managers and administrators only. */
static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  CrmImportDialog *dialog = crm_import_dialog_new (parent_window (self), self->store, self->session,
                                                   CRM_IMPORT_KIND_PRODUCTS);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list as filtered and sorted, as a spreadsheet. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* TRANSLATORS: the file name offered for an exported product list. */
  name = g_strdup_printf ("%s-%s.xlsx", _("products"), day);
  chooser = gtk_file_chooser_native_new (_("Export the Product List to Excel"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject ------------------------------------------------------------------------- */

static void
on_selection_changed_cb (CrmProductsPage *self)
{
  update_actions (self);
}

static void
on_list_row_selected_cb (CrmProductsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.open-price-list",
                                 gtk_list_box_get_selected_row (self->price_lists_list) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.open-promotion",
                                 gtk_list_box_get_selected_row (self->promotions_list) != NULL);
}

static void
on_map_cb (CrmProductsPage *self)
{
  crm_products_page_reload (self);
}

static void
crm_products_page_dispose (GObject *object)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PRODUCTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_products_page_parent_class)->dispose (object);
}

static void
crm_products_page_finalize (GObject *object)
{
  CrmProductsPage *self = CRM_PRODUCTS_PAGE (object);

  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->price_lists, g_ptr_array_unref);
  g_clear_pointer (&self->promotions, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (crm_products_page_parent_class)->finalize (object);
}

static void
crm_products_page_class_init (CrmProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_products_page_dispose;
  object_class->finalize = crm_products_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-products-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, active_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, active_button);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, unit_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, price_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, cost_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, vat_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, category_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, active_column);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, price_lists_list);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, price_lists_count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, promotions_list);
  gtk_widget_class_bind_template_child (widget_class, CrmProductsPage, promotions_count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_lists_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_promotions_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "products.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "products.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "products.toggle-active", NULL, toggle_active_activated);
  gtk_widget_class_install_action (widget_class, "products.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "products.new-category", NULL, new_category_activated);
  gtk_widget_class_install_action (widget_class, "products.rename-category", NULL, rename_category_activated);
  gtk_widget_class_install_action (widget_class, "products.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "products.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "products.new-price-list", NULL, new_price_list_activated);
  gtk_widget_class_install_action (widget_class, "products.open-price-list", NULL, open_price_list_activated);
  gtk_widget_class_install_action (widget_class, "products.new-promotion", NULL, new_promotion_activated);
  gtk_widget_class_install_action (widget_class, "products.open-promotion", NULL, open_promotion_activated);
}

static void
crm_products_page_init (CrmProductsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  set_cell_factory (self->code_column, CELL_CODE);
  set_cell_factory (self->name_column, CELL_NAME);
  set_cell_factory (self->unit_column, CELL_UNIT);
  set_cell_factory (self->price_column, CELL_PRICE);
  set_cell_factory (self->cost_column, CELL_COST);
  set_cell_factory (self->vat_column, CELL_VAT);
  set_cell_factory (self->category_column, CELL_CATEGORY);
  set_cell_factory (self->active_column, CELL_ACTIVE);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect_swapped (self->price_lists_list, "row-selected", G_CALLBACK (on_list_row_selected_cb), self);
  g_signal_connect_swapped (self->promotions_list, "row-selected", G_CALLBACK (on_list_row_selected_cb), self);
  on_list_row_selected_cb (self);
}

GtkWidget *
crm_products_page_new (CrmStore   *store,
                       CrmSession *session)
{
  CrmProductsPage *self;
  gboolean editor;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_PRODUCTS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->list = crm_product_list_new (store, session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  editor = crm_session_get_role (session) != CRM_ROLE_STAFF;
  gtk_column_view_column_set_visible (self->cost_column, crm_session_may (session, CRM_PERMISSION_SEE_COST));
  gtk_widget_set_visible (self->export_button, crm_session_may (session, CRM_PERMISSION_EXPORT));
  gtk_widget_set_visible (self->import_button, crm_import_dialog_allowed (session, CRM_IMPORT_KIND_PRODUCTS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.import",
                                 crm_import_dialog_allowed (session, CRM_IMPORT_KIND_PRODUCTS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.export", crm_session_may (session, CRM_PERMISSION_EXPORT));
  gtk_widget_set_visible (self->delete_button, crm_session_may (session, CRM_PERMISSION_DELETE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.new", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.new-category", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.new-price-list", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.new-promotion", editor);
  crm_products_page_reload (self);
  return GTK_WIDGET (self);
}

/**
 * crm_products_page_open_record:
 * @page: a #CrmProductsPage
 *
 * Opens the product's dialog (a search hit of kind "product").
 */
void
crm_products_page_open_record (GtkWidget *page,
                               gint64     product_id)
{
  g_return_if_fail (CRM_IS_PRODUCTS_PAGE (page));
  g_return_if_fail (product_id > 0);

  gtk_stack_set_visible_child_name (CRM_PRODUCTS_PAGE (page)->stack, "products");
  open_product (CRM_PRODUCTS_PAGE (page), product_id);
}
