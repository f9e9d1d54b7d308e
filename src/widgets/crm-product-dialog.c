/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-product-dialog"

#include "config.h"

#include "crm-product-dialog.h"

#include <glib/gi18n-lib.h>

#include "crm-money.h"
#include "crm-product-store.h"
#include "crm-text.h"

/* The product form: every field of a product, checked by the model and
 * the store on save (their message shows in the form, nothing is
 * written).  Small enough to be laid out in a grid here. */
struct _CrmProductDialog
{
  GtkWindow    parent_instance;

  CrmStore    *store;
  CrmSession  *session;
  CrmProduct  *product;       /* as loaded; a new one for a new product */
  GArray      *category_ids;  /* gint64 per category choice; 0 for none */
  gboolean     read_only;

  GtkEntry    *code_entry;
  GtkEntry    *name_entry;
  GtkEntry    *unit_entry;
  GtkEntry    *price_entry;
  GtkEntry    *cost_entry;
  GtkDropDown *vat_dropdown;
  GtkDropDown *category_dropdown;
  GtkSwitch   *active_switch;
  GtkEntry    *description_entry;
  GtkLabel    *error_label;
  GtkWidget   *save_button;
};

G_DEFINE_FINAL_TYPE (CrmProductDialog, crm_product_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const int vat_rates[] = { 0, 500, 800, 1000 };

/* Layout ------------------------------------------------------------------------- */

/* A labelled row; the label names @widget for the keyboard and for AT-SPI. */
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
new_money_entry (gint64 value)
{
  g_autofree char *text = crm_money_format_plain (value);
  GtkEntry *entry = new_entry (text);

  gtk_entry_set_alignment (entry, 1);
  gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_NUMBER);
  return entry;
}

static GtkDropDown *
new_vat_dropdown (int rate_bp)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;
  guint selected = G_N_ELEMENTS (vat_rates) - 1;

  for (guint i = 0; i < G_N_ELEMENTS (vat_rates); i++)
    {
      g_autofree char *label = crm_rate_format (vat_rates[i]);

      gtk_string_list_append (labels, label);
      if (vat_rates[i] == rate_bp)
        selected = i;
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_selected (dropdown, selected);
  return dropdown;
}

/* "No category" then every category, indented under its parent. */
static GtkDropDown *
new_category_dropdown (CrmProductDialog  *self,
                       gint64             category_id,
                       GError           **error)
{
  g_autoptr(GPtrArray) categories = crm_product_store_list_categories (self->store, self->session, error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;
  guint selected = 0;
  gint64 none = 0;

  if (categories == NULL)
    return NULL;
  gtk_string_list_append (labels, _("No category"));
  g_array_append_val (self->category_ids, none);
  for (guint i = 0; i < categories->len; i++)
    {
      const CrmProductCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *indent = g_strnfill (category->depth * 4, ' ');
      g_autofree char *label = g_strconcat (indent, category->name, NULL);

      if (category->id == category_id)
        selected = self->category_ids->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (self->category_ids, category->id);
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_drop_down_set_selected (dropdown, selected);
  return dropdown;
}

/* Saving ------------------------------------------------------------------------- */

static void
show_error (CrmProductDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The amount typed in @entry; blank is 0.  A bad amount marks the entry
 * and names the field in the message. */
static gboolean
read_money (GtkEntry    *entry,
            const char  *field,
            gint64      *value,
            GError     **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) local_error = NULL;

  *value = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (crm_text_is_blank (text) || crm_money_parse (text, value, &local_error))
    return TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  g_set_error (error, local_error->domain, local_error->code, "%s: %s", field, local_error->message);
  return FALSE;
}

static gboolean
save (CrmProductDialog  *self,
      GError           **error)
{
  g_autoptr(CrmProduct) product = crm_product_copy (self->product);
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  guint vat = gtk_drop_down_get_selected (self->vat_dropdown);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  gint64 price = 0;
  gint64 cost = crm_product_get_cost_price (self->product);

  if (!read_money (self->price_entry, _("List price"), &price, error) ||
      (self->cost_entry != NULL && !read_money (self->cost_entry, _("Cost price"), &cost, error)))
    return FALSE;
  crm_product_set_code (product, crm_text_is_blank (code) ? NULL : code);
  crm_product_set_name (product, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  crm_product_set_unit (product, gtk_editable_get_text (GTK_EDITABLE (self->unit_entry)));
  crm_product_set_list_price (product, price);
  crm_product_set_cost_price (product, cost);
  if (vat < G_N_ELEMENTS (vat_rates))
    crm_product_set_vat_rate_bp (product, vat_rates[vat]);
  crm_product_set_category_id (product, category < self->category_ids->len
                                        ? g_array_index (self->category_ids, gint64, category) : 0);
  crm_product_set_active (product, gtk_switch_get_active (self->active_switch));
  crm_product_set_description (product, gtk_editable_get_text (GTK_EDITABLE (self->description_entry)));

  if (crm_product_get_id (product) > 0)
    {
      if (!crm_product_store_update (self->store, self->session, product, error))
        return FALSE;
    }
  else if (crm_product_store_create (self->store, self->session, product, error) == 0)
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0, crm_product_get_id (product));
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmProductDialog *self = CRM_PRODUCT_DIALOG (widget);
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

/* GObject -------------------------------------------------------------------------- */

static void
crm_product_dialog_dispose (GObject *object)
{
  CrmProductDialog *self = CRM_PRODUCT_DIALOG (object);

  g_clear_object (&self->product);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_product_dialog_parent_class)->dispose (object);
}

static void
crm_product_dialog_finalize (GObject *object)
{
  CrmProductDialog *self = CRM_PRODUCT_DIALOG (object);

  g_clear_pointer (&self->category_ids, g_array_unref);

  G_OBJECT_CLASS (crm_product_dialog_parent_class)->finalize (object);
}

static void
crm_product_dialog_class_init (CrmProductDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_product_dialog_dispose;
  object_class->finalize = crm_product_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_product_dialog_init (CrmProductDialog *self)
{
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Builds the form once the product is known. */
static gboolean
build_form (CrmProductDialog  *self,
            gint64             category_id,
            GError           **error)
{
  CrmProduct *product = self->product;
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  int row = 0;

  if (!(self->category_dropdown = new_category_dropdown (self, category_id, error)))
    return FALSE;
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "dialog.save");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_set_visible (self->save_button, !self->read_only);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), self->save_button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  self->code_entry = new_entry (crm_product_get_code (product));
  gtk_entry_set_placeholder_text (self->code_entry, _("Given automatically when blank"));
  self->name_entry = new_entry (crm_product_get_name (product));
  self->unit_entry = new_entry (crm_product_get_unit (product));
  self->price_entry = new_money_entry (crm_product_get_list_price (product));
  self->vat_dropdown = new_vat_dropdown (crm_product_get_vat_rate_bp (product));
  self->active_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->active_switch, crm_product_get_active (product));
  gtk_widget_set_halign (GTK_WIDGET (self->active_switch), GTK_ALIGN_START);
  self->description_entry = new_entry (crm_product_get_description (product));

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);
  add_row (grid, row++, _("C_ode"), GTK_WIDGET (self->code_entry));
  add_row (grid, row++, _("_Name"), GTK_WIDGET (self->name_entry));
  add_row (grid, row++, _("_Unit"), GTK_WIDGET (self->unit_entry));
  add_row (grid, row++, _("_List price (₫)"), GTK_WIDGET (self->price_entry));
  if (crm_session_may (self->session, CRM_PERMISSION_SEE_COST) && !crm_product_get_cost_hidden (product))
    {
      self->cost_entry = new_money_entry (crm_product_get_cost_price (product));
      add_row (grid, row++, _("C_ost price (₫)"), GTK_WIDGET (self->cost_entry));
    }
  add_row (grid, row++, _("_VAT rate"), GTK_WIDGET (self->vat_dropdown));
  add_row (grid, row++, _("Cate_gory"), GTK_WIDGET (self->category_dropdown));
  add_row (grid, row++, _("On _sale"), GTK_WIDGET (self->active_switch));
  add_row (grid, row++, _("_Description"), GTK_WIDGET (self->description_entry));
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

/**
 * crm_product_dialog_new:
 *
 * Returns: (transfer none): the dialog, not yet shown; %NULL with @error
 *   set when the product cannot be read.
 */
CrmProductDialog *
crm_product_dialog_new (GtkWindow   *parent,
                        CrmStore    *store,
                        CrmSession  *session,
                        gint64       product_id,
                        gint64       category_id,
                        GError     **error)
{
  CrmProductDialog *self;
  g_autoptr(CrmProduct) product = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (product_id > 0)
    {
      if (!(product = crm_product_store_get (store, session, product_id, error)))
        return NULL;
    }
  else
    {
      product = crm_product_new ();
      crm_product_set_category_id (product, category_id);
      crm_product_set_vat_rate_bp (product, 1000);
    }

  self = g_object_new (CRM_TYPE_PRODUCT_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "default-width", 460,
                       "title", product_id > 0 ? crm_product_get_name (product) : _("New Product"),
                       NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->product = g_steal_pointer (&product);
  self->read_only = crm_session_get_role (session) == CRM_ROLE_STAFF;
  if (!build_form (self, crm_product_get_category_id (self->product), error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}
