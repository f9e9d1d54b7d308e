/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-price-list-dialog"

#include "config.h"

#include "crm-price-list-dialog.h"

#include <glib/gi18n-lib.h>

#include "crm-category-store.h"
#include "crm-money.h"
#include "crm-pricing.h"
#include "crm-product-store.h"
#include "crm-tag-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The price list form: the list itself (saved with Save) and its prices,
 * each set or removed at once through the pricing store.  A new list
 * takes prices once it is saved; the form then stays open for them. */
struct _CrmPriceListDialog
{
  GtkWindow     parent_instance;

  CrmStore     *store;
  CrmSession   *session;
  CrmPriceList *list;
  GArray       *category_ids;   /* gint64 per customer category choice */
  GArray       *tag_ids;        /* gint64 per tag choice */
  GPtrArray    *items;          /* CrmPriceListItem, as shown */
  gboolean      read_only;

  GtkEntry     *name_entry;
  GtkDropDown  *for_dropdown;
  GtkDropDown  *category_dropdown;
  GtkDropDown  *tag_dropdown;
  GtkEntry     *from_entry;
  GtkEntry     *to_entry;
  GtkSwitch    *active_switch;
  GtkWidget    *items_box;
  GtkListBox   *item_list;
  GtkEntry     *code_entry;
  GtkEntry     *price_entry;
  GtkLabel     *items_hint;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (CrmPriceListDialog, crm_price_list_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum { FOR_CATEGORY, FOR_TAG };

/* Layout ------------------------------------------------------------------------- */

static void
add_row (GtkGrid    *grid,
         int         row,
         const char *label,
         GtkWidget  *widget)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (caption), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
}

static GtkEntry *
new_entry (const char *text)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_activates_default (entry, TRUE);
  return entry;
}

static GtkEntry *
new_date_entry (const char *iso)
{
  g_autofree char *shown = crm_date_format (iso);
  GtkEntry *entry = new_entry (shown);

  gtk_entry_set_placeholder_text (entry, _("dd/mm/yyyy, blank for no limit"));
  return entry;
}

static GtkDropDown *
new_dropdown (GtkStringList *labels,
              guint          selected)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (labels), NULL));

  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_drop_down_set_selected (dropdown, selected);
  return dropdown;
}

/* The customer tree and the tags, each as a drop-down. */
static gboolean
make_target_dropdowns (CrmPriceListDialog  *self,
                       GError             **error)
{
  g_autoptr(GPtrArray) categories = crm_category_store_list (self->store, self->session, error);
  g_autoptr(GPtrArray) tags = NULL;
  GtkStringList *category_labels = gtk_string_list_new (NULL);
  GtkStringList *tag_labels = gtk_string_list_new (NULL);
  guint category_selected = 0;
  guint tag_selected = 0;

  if (categories == NULL || !(tags = crm_tag_store_list (self->store, self->session, error)))
    {
      g_object_unref (category_labels);
      g_object_unref (tag_labels);
      return FALSE;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      CrmCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *indent = g_strnfill (crm_category_get_depth (category) * 4, ' ');
      g_autofree char *label = g_strconcat (indent, crm_category_get_name (category), NULL);
      gint64 id = crm_category_get_id (category);

      if (id == self->list->customer_category_id)
        category_selected = i;
      gtk_string_list_append (category_labels, label);
      g_array_append_val (self->category_ids, id);
    }
  for (guint i = 0; i < tags->len; i++)
    {
      const CrmTag *tag = g_ptr_array_index (tags, i);

      if (tag->id == self->list->tag_id)
        tag_selected = i;
      gtk_string_list_append (tag_labels, tag->name);
      g_array_append_val (self->tag_ids, tag->id);
    }
  self->category_dropdown = new_dropdown (category_labels, category_selected);
  self->tag_dropdown = new_dropdown (tag_labels, tag_selected);
  return TRUE;
}

/* Items -------------------------------------------------------------------------- */

static void
show_error (CrmPriceListDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GtkWidget *
item_row (const CrmPriceListItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *code = gtk_label_new (item->product_code);
  GtkWidget *name = gtk_label_new (item->product_name);
  g_autofree char *price_text = crm_money_format (item->price);
  GtkWidget *price = gtk_label_new (price_text);

  gtk_widget_set_size_request (code, 90, -1);
  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (price, "numeric");
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), price);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  return box;
}

static gboolean
fill_items (CrmPriceListDialog  *self,
            GError             **error)
{
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list))))
    gtk_list_box_remove (self->item_list, child);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  gtk_widget_set_sensitive (self->items_box, self->list->id > 0 && !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->items_hint), self->list->id == 0);
  if (self->list->id == 0)
    return TRUE;
  if (!(items = crm_pricing_list_items (self->store, self->session, self->list->id, error)))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->item_list, item_row (g_ptr_array_index (items, i)));
  self->items = g_steal_pointer (&items);
  return TRUE;
}

static void
on_item_selected_cb (CrmPriceListDialog *self,
                     GtkListBoxRow      *row)
{
  const CrmPriceListItem *item;
  g_autofree char *price = NULL;

  if (row == NULL || self->items == NULL || (guint) gtk_list_box_row_get_index (row) >= self->items->len)
    return;
  item = g_ptr_array_index (self->items, gtk_list_box_row_get_index (row));
  price = crm_money_format_plain (item->price);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), item->product_code);
  gtk_editable_set_text (GTK_EDITABLE (self->price_entry), price);
}

static void
item_changed (CrmPriceListDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!fill_items (self, &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->list->id);
}

/* Sets the price typed for the product whose code is typed. */
static void
set_price_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmPriceListDialog *self = CRM_PRICE_LIST_DIALOG (widget);
  g_autoptr(CrmProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  gint64 price = 0;

  if (self->list->id == 0 || self->read_only)
    return;
  if (!(product = crm_product_store_find_by_code (self->store, self->session,
                                                  gtk_editable_get_text (GTK_EDITABLE (self->code_entry)),
                                                  &error)) ||
      !crm_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->price_entry)), &price, &error) ||
      !crm_pricing_set_item (self->store, self->session, self->list->id, crm_product_get_id (product), price,
                             &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->price_entry), "");
  item_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
remove_price_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmPriceListDialog *self = CRM_PRICE_LIST_DIALOG (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->item_list);
  const CrmPriceListItem *item;
  g_autoptr(GError) error = NULL;

  if (row == NULL || self->items == NULL || self->read_only ||
      (guint) gtk_list_box_row_get_index (row) >= self->items->len)
    {
      show_error (self, _("Choose a price in the list first."));
      return;
    }
  item = g_ptr_array_index (self->items, gtk_list_box_row_get_index (row));
  if (!crm_pricing_remove_item (self->store, self->session, self->list->id, item->product_id, &error))
    {
      show_error (self, error->message);
      return;
    }
  item_changed (self);
}

/* Saving ------------------------------------------------------------------------- */

static gint64
chosen_id (GtkDropDown *dropdown,
           GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static gboolean
save (CrmPriceListDialog  *self,
      gboolean            *created,
      GError             **error)
{
  g_autoptr(CrmPriceList) list = crm_price_list_copy (self->list);
  gboolean for_tag = gtk_drop_down_get_selected (self->for_dropdown) == FOR_TAG;

  g_free (list->name);
  list->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  list->customer_category_id = for_tag ? 0 : chosen_id (self->category_dropdown, self->category_ids);
  list->tag_id = for_tag ? chosen_id (self->tag_dropdown, self->tag_ids) : 0;
  g_free (list->valid_from);
  list->valid_from = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)));
  g_free (list->valid_to);
  list->valid_to = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
  list->active = gtk_switch_get_active (self->active_switch);

  *created = list->id == 0;
  if (list->id > 0)
    {
      if (!crm_pricing_update_price_list (self->store, self->session, list, error))
        return FALSE;
    }
  else if (crm_pricing_create_price_list (self->store, self->session, list, error) == 0)
    return FALSE;
  crm_price_list_free (self->list);
  self->list = g_steal_pointer (&list);
  g_signal_emit (self, signals[SAVED], 0, self->list->id);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmPriceListDialog *self = CRM_PRICE_LIST_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  if (self->read_only)
    return;
  if (!save (self, &created, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (!created)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  /* A new list stays open for its prices. */
  gtk_window_set_title (GTK_WINDOW (self), self->list->name);
  if (!fill_items (self, &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
on_for_changed_cb (CrmPriceListDialog *self)
{
  gboolean for_tag = gtk_drop_down_get_selected (self->for_dropdown) == FOR_TAG;

  gtk_widget_set_sensitive (GTK_WIDGET (self->category_dropdown), !for_tag);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_dropdown), for_tag);
}

/* GObject -------------------------------------------------------------------------- */

static void
crm_price_list_dialog_dispose (GObject *object)
{
  CrmPriceListDialog *self = CRM_PRICE_LIST_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_price_list_dialog_parent_class)->dispose (object);
}

static void
crm_price_list_dialog_finalize (GObject *object)
{
  CrmPriceListDialog *self = CRM_PRICE_LIST_DIALOG (object);

  g_clear_pointer (&self->list, crm_price_list_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->tag_ids, g_array_unref);

  G_OBJECT_CLASS (crm_price_list_dialog_parent_class)->finalize (object);
}

static void
crm_price_list_dialog_class_init (CrmPriceListDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_price_list_dialog_dispose;
  object_class->finalize = crm_price_list_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "dialog.set-price", NULL, set_price_activated);
  gtk_widget_class_install_action (widget_class, "dialog.remove-price", NULL, remove_price_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_price_list_dialog_init (CrmPriceListDialog *self)
{
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
add_header (CrmPriceListDialog *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Close"));
  GtkWidget *save_button = gtk_button_new_with_mnemonic (_("_Save"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (save_button), "dialog.save");
  gtk_widget_add_css_class (save_button, "suggested-action");
  gtk_widget_set_visible (save_button, !self->read_only);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save_button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
}

static GtkWidget *
action_button (const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

/* The prices: the list, then code, price and the buttons. */
static GtkWidget *
build_items (CrmPriceListDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (_("Prices"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *code_label = gtk_label_new_with_mnemonic (_("Product c_ode"));
  GtkWidget *price_label = gtk_label_new_with_mnemonic (_("P_rice (₫)"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  self->item_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->item_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->item_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Prices"), -1);
  g_signal_connect_swapped (self->item_list, "row-selected", G_CALLBACK (on_item_selected_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->item_list));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 180);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->code_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->code_entry), 10);
  self->price_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_alignment (self->price_entry, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->price_entry), 12);
  gtk_label_set_mnemonic_widget (GTK_LABEL (code_label), GTK_WIDGET (self->code_entry));
  gtk_label_set_mnemonic_widget (GTK_LABEL (price_label), GTK_WIDGET (self->price_entry));
  gtk_box_append (GTK_BOX (line), code_label);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->code_entry));
  gtk_box_append (GTK_BOX (line), price_label);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->price_entry));
  gtk_box_append (GTK_BOX (line), action_button (_("Se_t Price"), "dialog.set-price"));
  gtk_box_append (GTK_BOX (line), action_button (_("Re_move"), "dialog.remove-price"));

  self->items_hint = GTK_LABEL (gtk_label_new (_("Save the new price list first, then add its prices.")));
  gtk_label_set_xalign (self->items_hint, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->items_hint), "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), line);
  self->items_box = box;
  return box;
}

static void
on_price_entry_activate_cb (CrmPriceListDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.set-price", NULL);
}

static gboolean
build_form (CrmPriceListDialog  *self,
            GError             **error)
{
  const char *for_labels[] = { _("A customer category"), _("A tag"), NULL };
  CrmPriceList *list = self->list;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  int row = 0;

  if (!make_target_dropdowns (self, error))
    return FALSE;
  add_header (self);
  self->name_entry = new_entry (list->name);
  self->for_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (for_labels));
  gtk_drop_down_set_selected (self->for_dropdown, list->tag_id > 0 ? FOR_TAG : FOR_CATEGORY);
  self->from_entry = new_date_entry (list->valid_from);
  self->to_entry = new_date_entry (list->valid_to);
  self->active_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->active_switch, list->active);
  gtk_widget_set_halign (GTK_WIDGET (self->active_switch), GTK_ALIGN_START);
  g_signal_connect_swapped (self->for_dropdown, "notify::selected", G_CALLBACK (on_for_changed_cb), self);
  on_for_changed_cb (self);

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);
  add_row (grid, row++, _("_Name"), GTK_WIDGET (self->name_entry));
  add_row (grid, row++, _("_For"), GTK_WIDGET (self->for_dropdown));
  add_row (grid, row++, _("Customer _category"), GTK_WIDGET (self->category_dropdown));
  add_row (grid, row++, _("_Tag"), GTK_WIDGET (self->tag_dropdown));
  add_row (grid, row++, _("_Valid from"), GTK_WIDGET (self->from_entry));
  add_row (grid, row++, _("Valid _until"), GTK_WIDGET (self->to_entry));
  add_row (grid, row++, _("Acti_ve"), GTK_WIDGET (self->active_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (grid), !self->read_only);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), build_items (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->items_hint));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_window_set_child (GTK_WINDOW (self), box);
  return fill_items (self, error);
}

static CrmPriceList *
find_price_list (CrmStore    *store,
                 CrmSession  *session,
                 gint64       id,
                 GError     **error)
{
  g_autoptr(GPtrArray) lists = crm_pricing_list_price_lists (store, session, error);

  if (lists == NULL)
    return NULL;
  for (guint i = 0; i < lists->len; i++)
    {
      CrmPriceList *list = g_ptr_array_index (lists, i);

      if (list->id == id)
        return crm_price_list_copy (list);
    }
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This price list no longer exists."));
  return NULL;
}

/**
 * crm_price_list_dialog_new:
 *
 * Returns: (transfer none): the dialog, not yet shown; %NULL with @error
 *   set when the list cannot be read.
 */
CrmPriceListDialog *
crm_price_list_dialog_new (GtkWindow   *parent,
                           CrmStore    *store,
                           CrmSession  *session,
                           gint64       price_list_id,
                           GError     **error)
{
  CrmPriceListDialog *self;
  CrmPriceList *list;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (price_list_id > 0)
    list = find_price_list (store, session, price_list_id, error);
  else
    list = crm_price_list_new ();
  if (list == NULL)
    return NULL;

  self = g_object_new (CRM_TYPE_PRICE_LIST_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "default-width", 560,
                       "default-height", 620,
                       "title", price_list_id > 0 ? list->name : _("New Price List"),
                       NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->list = list;
  self->read_only = crm_session_get_role (session) == CRM_ROLE_STAFF;
  if (!build_form (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  g_signal_connect_swapped (self->price_entry, "activate", G_CALLBACK (on_price_entry_activate_cb), self);
  return self;
}
