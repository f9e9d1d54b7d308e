/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-promotion-dialog"

#include "config.h"

#include "crm-promotion-dialog.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-category-store.h"
#include "crm-money.h"
#include "crm-pricing.h"
#include "crm-product-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The promotion form.  The pricing store checks and normalises what is
 * typed (dates, the discount's range, a fixed discount above the
 * product's price); its message shows in the form and nothing is saved. */
struct _CrmPromotionDialog
{
  GtkWindow     parent_instance;

  CrmStore     *store;
  CrmSession   *session;
  CrmPromotion *promotion;
  GArray       *product_category_ids;   /* gint64 per choice */
  GArray       *customer_category_ids;  /* gint64 per choice; 0 for every customer */
  gboolean      read_only;

  GtkEntry     *name_entry;
  GtkDropDown  *target_dropdown;
  GtkEntry     *product_entry;
  GtkDropDown  *product_category_dropdown;
  GtkDropDown  *customers_dropdown;
  GtkDropDown  *kind_dropdown;
  GtkEntry     *value_entry;
  GtkEntry     *starts_entry;
  GtkEntry     *ends_entry;
  GtkSwitch    *active_switch;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (CrmPromotionDialog, crm_promotion_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum { TARGET_PRODUCT, TARGET_CATEGORY };

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

  gtk_entry_set_placeholder_text (entry, _("dd/mm/yyyy"));
  return entry;
}

static GtkDropDown *
new_choice (const char *const *labels,
            guint              selected)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));

  gtk_drop_down_set_selected (dropdown, selected);
  return dropdown;
}

/* @first (if any) then each name, indented by depth; @ids gets the id of
 * each choice (0 for @first). */
static GtkDropDown *
new_tree_dropdown (const char *first,
                   GPtrArray  *names,
                   GArray     *depths,
                   GArray     *node_ids,
                   GArray     *ids,
                   gint64      selected_id)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;
  guint selected = 0;
  gint64 none = 0;

  if (first != NULL)
    {
      gtk_string_list_append (labels, first);
      g_array_append_val (ids, none);
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *indent = g_strnfill (g_array_index (depths, guint, i) * 4, ' ');
      g_autofree char *label = g_strconcat (indent, (const char *) g_ptr_array_index (names, i), NULL);
      gint64 id = g_array_index (node_ids, gint64, i);

      if (id == selected_id)
        selected = ids->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (ids, id);
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_drop_down_set_selected (dropdown, selected);
  return dropdown;
}

static gboolean
make_category_dropdowns (CrmPromotionDialog  *self,
                         GError             **error)
{
  g_autoptr(GPtrArray) products = crm_product_store_list_categories (self->store, self->session, error);
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) node_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (products == NULL || !(customers = crm_category_store_list (self->store, self->session, error)))
    return FALSE;
  for (guint i = 0; i < products->len; i++)
    {
      const CrmProductCategory *category = g_ptr_array_index (products, i);

      g_ptr_array_add (names, category->name);
      g_array_append_val (depths, category->depth);
      g_array_append_val (node_ids, category->id);
    }
  self->product_category_dropdown = new_tree_dropdown (NULL, names, depths, node_ids, self->product_category_ids,
                                                       self->promotion->product_category_id);
  g_ptr_array_set_size (names, 0);
  g_array_set_size (depths, 0);
  g_array_set_size (node_ids, 0);
  for (guint i = 0; i < customers->len; i++)
    {
      CrmCategory *category = g_ptr_array_index (customers, i);
      guint depth = crm_category_get_depth (category);
      gint64 id = crm_category_get_id (category);

      g_ptr_array_add (names, (gpointer) crm_category_get_name (category));
      g_array_append_val (depths, depth);
      g_array_append_val (node_ids, id);
    }
  self->customers_dropdown = new_tree_dropdown (_("Every customer"), names, depths, node_ids,
                                                self->customer_category_ids,
                                                self->promotion->customer_category_id);
  return TRUE;
}

/* Saving ------------------------------------------------------------------------- */

static void
show_error (CrmPromotionDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* "10", "12,5", "7.25 %" -> basis points; at most two decimals. */
static gboolean
parse_percent (const char  *text,
               gint64      *bp,
               GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  g_auto(GStrv) parts = NULL;
  guint64 whole = 0;
  guint64 fraction = 0;
  gsize n;

  n = strlen (clean);
  if (n > 0 && clean[n - 1] == '%')
    clean[n - 1] = '\0';
  g_strstrip (clean);
  g_strdelimit (clean, ",", '.');
  parts = g_strsplit (clean, ".", 3);
  if (g_strv_length (parts) == 0 || g_strv_length (parts) > 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 1000000, &whole, NULL) ||
      (parts[1] != NULL && (strlen (parts[1]) == 0 || strlen (parts[1]) > 2 ||
                            !g_ascii_string_to_unsigned (parts[1], 10, 0, 99, &fraction, NULL))))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Type the discount as a percentage, e.g. 10 or 12,5."));
      return FALSE;
    }
  if (parts[1] != NULL && strlen (parts[1]) == 1)
    fraction *= 10;
  *bp = (gint64) (whole * 100 + fraction);
  return TRUE;
}

static gboolean
read_value (CrmPromotionDialog  *self,
            CrmPromotion        *promotion,
            GError             **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));

  promotion->discount_kind = gtk_drop_down_get_selected (self->kind_dropdown) == 1 ? CRM_DISCOUNT_FIXED
                                                                                   : CRM_DISCOUNT_PERCENT;
  if (promotion->discount_kind == CRM_DISCOUNT_FIXED)
    return crm_money_parse (text, &promotion->discount_value, error);
  return parse_percent (text, &promotion->discount_value, error);
}

static gboolean
read_target (CrmPromotionDialog  *self,
             CrmPromotion        *promotion,
             GError             **error)
{
  guint category = gtk_drop_down_get_selected (self->product_category_dropdown);

  promotion->product_id = 0;
  promotion->product_category_id = 0;
  if (gtk_drop_down_get_selected (self->target_dropdown) == TARGET_PRODUCT)
    {
      g_autoptr(CrmProduct) product =
        crm_product_store_find_by_code (self->store, self->session,
                                        gtk_editable_get_text (GTK_EDITABLE (self->product_entry)), error);

      if (product == NULL)
        return FALSE;
      promotion->product_id = crm_product_get_id (product);
      return TRUE;
    }
  if (category >= self->product_category_ids->len)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Choose a product category."));
      return FALSE;
    }
  promotion->product_category_id = g_array_index (self->product_category_ids, gint64, category);
  return TRUE;
}

static gboolean
save (CrmPromotionDialog  *self,
      GError             **error)
{
  g_autoptr(CrmPromotion) promotion = crm_promotion_copy (self->promotion);
  guint customers = gtk_drop_down_get_selected (self->customers_dropdown);

  g_free (promotion->name);
  promotion->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  g_free (promotion->starts_on);
  promotion->starts_on = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->starts_entry)));
  g_free (promotion->ends_on);
  promotion->ends_on = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ends_entry)));
  promotion->customer_category_id = customers < self->customer_category_ids->len
                                    ? g_array_index (self->customer_category_ids, gint64, customers) : 0;
  promotion->active = gtk_switch_get_active (self->active_switch);
  if (!read_target (self, promotion, error) || !read_value (self, promotion, error))
    return FALSE;
  if (promotion->id > 0)
    {
      if (!crm_pricing_update_promotion (self->store, self->session, promotion, error))
        return FALSE;
    }
  else if (crm_pricing_create_promotion (self->store, self->session, promotion, error) == 0)
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0, promotion->id);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmPromotionDialog *self = CRM_PROMOTION_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->read_only)
    return;
  if (!save (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_target_changed_cb (CrmPromotionDialog *self)
{
  gboolean product = gtk_drop_down_get_selected (self->target_dropdown) == TARGET_PRODUCT;

  gtk_widget_set_sensitive (GTK_WIDGET (self->product_entry), product);
  gtk_widget_set_sensitive (GTK_WIDGET (self->product_category_dropdown), !product);
}

/* GObject -------------------------------------------------------------------------- */

static void
crm_promotion_dialog_dispose (GObject *object)
{
  CrmPromotionDialog *self = CRM_PROMOTION_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_promotion_dialog_parent_class)->dispose (object);
}

static void
crm_promotion_dialog_finalize (GObject *object)
{
  CrmPromotionDialog *self = CRM_PROMOTION_DIALOG (object);

  g_clear_pointer (&self->promotion, crm_promotion_free);
  g_clear_pointer (&self->product_category_ids, g_array_unref);
  g_clear_pointer (&self->customer_category_ids, g_array_unref);

  G_OBJECT_CLASS (crm_promotion_dialog_parent_class)->finalize (object);
}

static void
crm_promotion_dialog_class_init (CrmPromotionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_promotion_dialog_dispose;
  object_class->finalize = crm_promotion_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_promotion_dialog_init (CrmPromotionDialog *self)
{
  self->product_category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->customer_category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
add_header (CrmPromotionDialog *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save_button = gtk_button_new_with_mnemonic (_("_Save"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (save_button), "dialog.save");
  gtk_widget_add_css_class (save_button, "suggested-action");
  gtk_widget_set_visible (save_button, !self->read_only);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save_button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), save_button);
}

/* The value as typed before: "12,5" for 1250 bp, "50.000" for 50 000 ₫. */
static char *
value_text (const CrmPromotion *promotion)
{
  if (promotion->id == 0)
    return g_strdup ("");
  if (promotion->discount_kind == CRM_DISCOUNT_FIXED)
    return crm_money_format_plain (promotion->discount_value);
  if (promotion->discount_value % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, promotion->discount_value / 100);
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%02" G_GINT64_FORMAT, promotion->discount_value / 100,
                          promotion->discount_value % 100);
}

static gboolean
build_form (CrmPromotionDialog  *self,
            GError             **error)
{
  static const char *targets[] = { N_("One product"), N_("A product category"), NULL };
  static const char *kinds[] = { N_("Percentage (%)"), N_("Fixed amount (₫)"), NULL };
  const char *target_labels[] = { _(targets[0]), _(targets[1]), NULL };
  const char *kind_labels[] = { _(kinds[0]), _(kinds[1]), NULL };
  CrmPromotion *promotion = self->promotion;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  g_autofree char *value = value_text (promotion);
  g_autofree char *product_code = NULL;
  int row = 0;

  if (!make_category_dropdowns (self, error))
    return FALSE;
  if (promotion->product_id > 0)
    {
      g_autoptr(CrmProduct) product = crm_product_store_get (self->store, self->session, promotion->product_id,
                                                             error);

      if (product == NULL)
        return FALSE;
      product_code = g_strdup (crm_product_get_code (product));
    }
  add_header (self);
  self->name_entry = new_entry (promotion->name);
  self->target_dropdown = new_choice (target_labels, promotion->product_category_id > 0 ? TARGET_CATEGORY
                                                                                        : TARGET_PRODUCT);
  self->product_entry = new_entry (product_code);
  gtk_entry_set_placeholder_text (self->product_entry, _("Product code"));
  self->kind_dropdown = new_choice (kind_labels, promotion->discount_kind == CRM_DISCOUNT_FIXED ? 1 : 0);
  self->value_entry = new_entry (value);
  gtk_entry_set_alignment (self->value_entry, 1);
  self->starts_entry = new_date_entry (promotion->starts_on);
  self->ends_entry = new_date_entry (promotion->ends_on);
  self->active_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->active_switch, promotion->active);
  gtk_widget_set_halign (GTK_WIDGET (self->active_switch), GTK_ALIGN_START);
  g_signal_connect_swapped (self->target_dropdown, "notify::selected", G_CALLBACK (on_target_changed_cb), self);
  on_target_changed_cb (self);

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);
  add_row (grid, row++, _("_Name"), GTK_WIDGET (self->name_entry));
  add_row (grid, row++, _("_Applies to"), GTK_WIDGET (self->target_dropdown));
  add_row (grid, row++, _("_Product code"), GTK_WIDGET (self->product_entry));
  add_row (grid, row++, _("Product _category"), GTK_WIDGET (self->product_category_dropdown));
  add_row (grid, row++, _("C_ustomers"), GTK_WIDGET (self->customers_dropdown));
  add_row (grid, row++, _("_Discount"), GTK_WIDGET (self->kind_dropdown));
  add_row (grid, row++, _("_Value"), GTK_WIDGET (self->value_entry));
  add_row (grid, row++, _("_First day"), GTK_WIDGET (self->starts_entry));
  add_row (grid, row++, _("_Last day"), GTK_WIDGET (self->ends_entry));
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
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_window_set_child (GTK_WINDOW (self), box);
  return TRUE;
}

static CrmPromotion *
find_promotion (CrmStore    *store,
                CrmSession  *session,
                gint64       id,
                GError     **error)
{
  g_autoptr(GPtrArray) promotions = crm_pricing_list_promotions (store, session, error);

  if (promotions == NULL)
    return NULL;
  for (guint i = 0; i < promotions->len; i++)
    {
      CrmPromotion *promotion = g_ptr_array_index (promotions, i);

      if (promotion->id == id)
        return crm_promotion_copy (promotion);
    }
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This promotion no longer exists."));
  return NULL;
}

/**
 * crm_promotion_dialog_new:
 *
 * Returns: (transfer none): the dialog, not yet shown; %NULL with @error
 *   set when the promotion cannot be read.
 */
CrmPromotionDialog *
crm_promotion_dialog_new (GtkWindow   *parent,
                          CrmStore    *store,
                          CrmSession  *session,
                          gint64       promotion_id,
                          GError     **error)
{
  CrmPromotionDialog *self;
  CrmPromotion *promotion;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (promotion_id > 0)
    promotion = find_promotion (store, session, promotion_id, error);
  else
    promotion = crm_promotion_new ();
  if (promotion == NULL)
    return NULL;

  self = g_object_new (CRM_TYPE_PROMOTION_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "default-width", 460,
                       "title", promotion_id > 0 ? promotion->name : _("New Promotion"),
                       NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->promotion = promotion;
  self->read_only = crm_session_get_role (session) == CRM_ROLE_STAFF;
  if (!build_form (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}
