/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-order-window"

#include "config.h"

#include "crm-order-window.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-customer-store.h"
#include "crm-form-dialog.h"
#include "crm-money.h"
#include "crm-order-document.h"
#include "crm-order-store.h"
#include "crm-print.h"
#include "crm-product-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* One order in its own window: the header, the lines in an editable
 * table (a product typed in the description cell fills the line), the
 * totals with the VAT of each rate, the deliveries; record a delivery,
 * cancel, save (Ctrl+S), print or save as PDF.  The window works on a
 * draft copy; the store does every check again. */

/* A row of the line table: the draft's line, borrowed. */
#define CRM_TYPE_ORDER_LINE_ROW (crm_order_line_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmOrderLineRow, crm_order_line_row, CRM, ORDER_LINE_ROW, GObject)

struct _CrmOrderLineRow
{
  GObject       parent_instance;
  CrmOrderLine *line;
};

G_DEFINE_FINAL_TYPE (CrmOrderLineRow, crm_order_line_row, G_TYPE_OBJECT)

static void
crm_order_line_row_class_init (CrmOrderLineRowClass *klass)
{
}

static void
crm_order_line_row_init (CrmOrderLineRow *self)
{
}

typedef enum
{
  FIELD_DESCRIPTION,
  FIELD_QUANTITY,
  FIELD_UNIT,
  FIELD_PRICE,
  FIELD_DISCOUNT,
  FIELD_VAT,
  FIELD_AMOUNT,
  FIELD_COST,
} LineField;

struct _CrmOrderWindow
{
  GtkWindow      parent_instance;

  CrmStore      *store;
  CrmSession    *session;
  CrmOrder      *original;
  CrmOrder      *draft;
  GListStore    *rows;
  gboolean       filling;

  /* template */
  GtkLabel      *customer_label;
  GtkLabel      *status_label;
  GtkLabel      *source_label;
  GtkEntry      *date_entry;
  GtkEntry      *promised_entry;
  GtkEntry      *notes_entry;
  GtkColumnView *lines_view;
  GtkLabel      *deliveries_label;
  GtkMenuButton *delivery_button;
  GtkPopover    *delivery_popover;
  GtkEntry      *delivery_date_entry;
  GtkEntry      *delivery_note_entry;
  GtkSwitch     *completes_switch;
  GtkLabel      *totals_label;
  GtkLabel      *message_label;
};

G_DEFINE_FINAL_TYPE (CrmOrderWindow, crm_order_window, GTK_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (CrmOrderWindow *self,
              const char     *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* Numbers as typed ------------------------------------------------------------- */

/* "1,5" or "1.5" -> 1500 with @scale 1000; "8,5" -> 850 with @scale 100. */
static gboolean
parse_scaled (const char *text,
              gint64      scale,
              gint64     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  const char *p = copy;
  gint64 whole = 0, fraction = 0, unit = scale;

  if (*p == '\0')
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    whole = whole * 10 + (*p - '0');
  if (*p == ',' || *p == '.')
    for (p++; g_ascii_isdigit (*p) && unit > 1; p++)
      {
        unit /= 10;
        fraction += (*p - '0') * unit;
      }
  while (*p == ' ' || *p == '%')
    p++;
  if (*p != '\0' || whole > G_MAXINT64 / (scale * 10))
    return FALSE;
  *value = whole * scale + fraction;
  return TRUE;
}

static char *
format_percent (gint bp)
{
  g_autofree char *rate = crm_rate_format (bp);

  /* "10 %" -> "10": the column heading says %. */
  return g_strdup (g_strchomp (g_strdelimit (rate, "%", ' ')));
}

/* The view --------------------------------------------------------------------- */

static gboolean
is_locked (CrmOrderWindow *self)
{
  return crm_order_status_is_locked (self->draft->status);
}

static void
update_totals (CrmOrderWindow *self)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  if (!crm_order_compute_totals (self->draft, &totals, &error))
    g_string_append (text, error->message);
  else
    {
      g_autofree char *net = crm_money_format (totals.net_total);
      g_autofree char *grand = crm_money_format (totals.grand_total);

      g_string_append_printf (text, _("Total before VAT: %s"), net);
      for (guint i = 0; i < totals.vat->len; i++)
        {
          const CrmQuoteVat *vat = &g_array_index (totals.vat, CrmQuoteVat, i);
          g_autofree char *rate = crm_rate_format (vat->rate_bp);
          g_autofree char *base = crm_money_format (vat->base);
          g_autofree char *amount = crm_money_format (vat->amount);

          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("VAT %s on %s: %s"), rate, base, amount);
        }
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Grand total: %s"), grand);
      if (!self->draft->cost_hidden)
        {
          g_autofree char *cost = crm_money_format (crm_order_cost_total (self->draft));

          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("Cost of goods: %s"), cost);
        }
    }
  gtk_label_set_label (self->totals_label, text->str);
  g_string_free (text, TRUE);
}

static void
fill_rows (CrmOrderWindow *self)
{
  g_list_store_remove_all (self->rows);
  for (guint i = 0; i < self->draft->lines->len; i++)
    {
      g_autoptr(CrmOrderLineRow) row = g_object_new (CRM_TYPE_ORDER_LINE_ROW, NULL);

      row->line = g_ptr_array_index (self->draft->lines, i);
      g_list_store_append (self->rows, row);
    }
}

static char *
date_text (const char *iso)
{
  char *text = iso ? crm_date_format (iso) : NULL;

  return text ? text : g_strdup (iso ? iso : "");
}

static void
fill_view (CrmOrderWindow *self)
{
  const CrmOrder *order = self->draft;
  g_autofree char *title = NULL;
  g_autofree char *date = date_text (order->order_date);
  g_autofree char *promised = date_text (order->promised_on);
  GString *deliveries = g_string_new (NULL);
  gboolean locked = is_locked (self);

  self->filling = TRUE;
  title = order->code ? g_strdup_printf (_("Order %s"), order->code) : g_strdup (_("New Order"));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->customer_label, order->customer_name ? order->customer_name : "");
  gtk_label_set_label (self->status_label, order->id > 0 ? crm_order_status_label (order->status) : "");
  if (order->quote_code != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Quote %s"), order->quote_code);
      gtk_label_set_label (self->source_label, text);
    }
  else if (order->contract_code != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Contract %s"), order->contract_code);
      gtk_label_set_label (self->source_label, text);
    }
  else
    gtk_label_set_label (self->source_label, _("Direct order"));
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
  gtk_editable_set_text (GTK_EDITABLE (self->promised_entry), promised);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_entry), order->notes ? order->notes : "");
  for (guint i = 0; i < order->deliveries->len; i++)
    {
      const CrmOrderDelivery *delivery = g_ptr_array_index (order->deliveries, i);
      g_autofree char *day = date_text (delivery->delivered_on);

      g_string_append_printf (deliveries, "%s%s%s%s", i > 0 ? "\n" : "", day,
                              delivery->note ? " – " : "", delivery->note ? delivery->note : "");
    }
  gtk_label_set_label (self->deliveries_label, deliveries->len > 0 ? deliveries->str : _("No deliveries yet"));
  g_string_free (deliveries, TRUE);
  fill_rows (self);
  self->filling = FALSE;

  gtk_editable_set_editable (GTK_EDITABLE (self->date_entry), !locked);
  gtk_editable_set_editable (GTK_EDITABLE (self->promised_entry), !locked);
  gtk_editable_set_editable (GTK_EDITABLE (self->notes_entry), !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.add-line", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.save", !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delivery_button), !locked && order->id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.cancel-order", !locked && order->id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.print",
                                 order->id > 0 && crm_session_may (self->session, CRM_PERMISSION_PRINT));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.save-pdf",
                                 order->id > 0 && crm_session_may (self->session, CRM_PERMISSION_PRINT));
  update_totals (self);
}

/* Replaces the draft and the original by @order (taken). */
static void
set_order (CrmOrderWindow *self,
           CrmOrder       *order)
{
  g_clear_pointer (&self->original, crm_order_free);
  g_clear_pointer (&self->draft, crm_order_free);
  self->draft = order;
  self->original = crm_order_copy (order);
  fill_view (self);
}

static gboolean
reload (CrmOrderWindow *self)
{
  g_autoptr(GError) error = NULL;
  CrmOrder *order = crm_order_store_get (self->store, self->session, self->draft->id, &error);

  if (order == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }
  set_order (self, order);
  return TRUE;
}

/* Editing ------------------------------------------------------------------------ */

static void
on_header_changed_cb (CrmOrderWindow *self)
{
  if (self->filling)
    return;
  g_free (self->draft->order_date);
  self->draft->order_date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  g_free (self->draft->promised_on);
  self->draft->promised_on = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->promised_entry)));
  g_free (self->draft->notes);
  self->draft->notes = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_entry)));
}

static char *
cell_text (const CrmOrderLine *line,
           LineField           field)
{
  const CrmQuoteLine *q = line->line;
  gint64 gross = 0, discount = 0, net = 0;

  switch (field)
    {
    case FIELD_DESCRIPTION:
      return g_strdup (q->description ? q->description : "");
    case FIELD_QUANTITY:
      return crm_quote_format_quantity (q->quantity_milli);
    case FIELD_UNIT:
      return g_strdup (q->unit ? q->unit : "");
    case FIELD_PRICE:
      return crm_money_format_plain (q->unit_price);
    case FIELD_DISCOUNT:
      return format_percent (q->discount_bp);
    case FIELD_VAT:
      return format_percent (q->vat_rate_bp);
    case FIELD_AMOUNT:
      return crm_quote_line_amounts (q, &gross, &discount, &net, NULL) ? crm_money_format_plain (net)
                                                                         : g_strdup ("—");
    case FIELD_COST:
      return crm_money_format_plain (line->unit_cost);
    default:
      return g_strdup ("");
    }
}

/* What was typed in a cell goes into the line; a cell that is not a
 * number is marked and leaves the line as it was. */
static void
store_cell (CrmOrderLine *line,
            LineField     field,
            GtkEditable  *editable)
{
  const char *text = gtk_editable_get_text (editable);
  CrmQuoteLine *q = line->line;
  gboolean ok = TRUE;
  gint64 value = 0;

  switch (field)
    {
    case FIELD_DESCRIPTION:
      g_free (q->description);
      q->description = g_strdup (text);
      break;
    case FIELD_UNIT:
      g_free (q->unit);
      q->unit = g_strdup (text);
      break;
    case FIELD_QUANTITY:
      if ((ok = parse_scaled (text, 1000, &value)))
        q->quantity_milli = value;
      break;
    case FIELD_PRICE:
      if ((ok = crm_money_parse (text, &value, NULL) && value >= 0))
        q->unit_price = value;
      break;
    case FIELD_DISCOUNT:
      if ((ok = parse_scaled (text, 100, &value) && value <= 10000))
        q->discount_bp = (gint) value;
      break;
    case FIELD_VAT:
      if ((ok = parse_scaled (text, 100, &value) && value <= 10000))
        q->vat_rate_bp = (gint) value;
      break;
    case FIELD_AMOUNT:
    case FIELD_COST:
    default:
      break;
    }
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
}

static void
refresh_amounts (CrmOrderWindow *self)
{
  /* Rebinding the rows redraws the amounts; the lines stay as they are. */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  g_list_model_items_changed (G_LIST_MODEL (self->rows), 0, n, n);
  update_totals (self);
}

static void
on_cell_changed_cb (GtkEditable    *editable,
                    CrmOrderWindow *self)
{
  CrmOrderLineRow *row = g_object_get_data (G_OBJECT (editable), "row");
  LineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));

  if (self->filling || row == NULL)
    return;
  store_cell (row->line, field, editable);
  update_totals (self);
}

/* Leaving a numeric cell shows the amounts again. */
static void
on_cell_focus_leave_cb (GtkEventControllerFocus *controller,
                        CrmOrderWindow          *self)
{
  if (!self->filling)
    refresh_amounts (self);
}

static void
add_line (CrmOrderWindow *self)
{
  g_autoptr(CrmOrderLineRow) row = g_object_new (CRM_TYPE_ORDER_LINE_ROW, NULL);

  if (is_locked (self))
    return;
  row->line = crm_order_add_line (self->draft, crm_order_line_new ());
  g_list_store_append (self->rows, row);
  update_totals (self);
}

/* Enter in a cell adds a line. */
static void
on_cell_activate_cb (GtkEntry       *entry,
                     CrmOrderWindow *self)
{
  add_line (self);
}

/* Product type-ahead ---------------------------------------------------------------- */

enum { PRODUCT_COL_LABEL, PRODUCT_COL_ID, PRODUCT_N_COLS };

/* The products matching what is typed, as completions. */
static void
on_description_search_cb (GtkEditable    *editable,
                          CrmOrderWindow *self)
{
  GtkEntryCompletion *completion = gtk_entry_get_completion (GTK_ENTRY (editable));
  GtkListStore *model = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();
  g_autoptr(GPtrArray) products = NULL;
  const char *text = gtk_editable_get_text (editable);

  if (self->filling)
    return;
  gtk_list_store_clear (model);
  if (g_utf8_strlen (text, -1) < 2)
    return;
  filter->search = g_strdup (text);
  filter->active = 1;
  if (!(products = crm_product_store_fetch (self->store, self->session, filter, 0, 10, NULL)))
    return;
  for (guint i = 0; i < products->len; i++)
    {
      CrmProduct *product = g_ptr_array_index (products, i);
      g_autofree char *price = crm_money_format (crm_product_get_list_price (product));
      g_autofree char *label = g_strdup_printf ("%s – %s (%s)", crm_product_get_code (product),
                                                crm_product_get_name (product), price);
      GtkTreeIter iter;

      gtk_list_store_append (model, &iter);
      gtk_list_store_set (model, &iter, PRODUCT_COL_LABEL, label, PRODUCT_COL_ID,
                          crm_product_get_id (product), -1);
    }
}

static gboolean
match_everything (GtkEntryCompletion *completion,
                  const char         *key,
                  GtkTreeIter        *iter,
                  gpointer            user_data)
{
  return TRUE;
}

/* A product chosen fills the line: name, unit, list price, VAT rate. */
static gboolean
on_product_chosen_cb (GtkEntryCompletion *completion,
                      GtkTreeModel       *model,
                      GtkTreeIter        *iter,
                      CrmOrderWindow     *self)
{
  GtkWidget *entry = gtk_entry_completion_get_entry (completion);
  CrmOrderLineRow *row = g_object_get_data (G_OBJECT (entry), "row");
  g_autoptr(CrmProduct) product = NULL;
  gint64 id = 0;

  gtk_tree_model_get (model, iter, PRODUCT_COL_ID, &id, -1);
  if (row == NULL || !(product = crm_product_store_get (self->store, self->session, id, NULL)))
    return TRUE;
  row->line->line->product_id = id;
  g_free (row->line->line->description);
  row->line->line->description = g_strdup (crm_product_get_name (product));
  g_free (row->line->line->unit);
  row->line->line->unit = g_strdup (crm_product_get_unit (product));
  row->line->line->unit_price = crm_product_get_list_price (product);
  row->line->line->vat_rate_bp = crm_product_get_vat_rate_bp (product);
  row->line->unit_cost = crm_product_get_cost_price (product);
  refresh_amounts (self);
  return TRUE;
}

/* Columns ------------------------------------------------------------------------------ */

static void
on_line_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CrmOrderWindow           *self)
{
  LineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "field"));
  GtkWidget *widget;

  if (field == FIELD_AMOUNT || field == FIELD_COST)
    {
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 1.0);
      gtk_widget_add_css_class (widget, "numeric");
    }
  else
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      widget = gtk_entry_new ();
      gtk_entry_set_has_frame (GTK_ENTRY (widget), FALSE);
      g_object_set_data (G_OBJECT (widget), "field", GINT_TO_POINTER (field));
      if (field != FIELD_DESCRIPTION && field != FIELD_UNIT)
        gtk_entry_set_alignment (GTK_ENTRY (widget), 1.0);
      g_signal_connect (widget, "changed", G_CALLBACK (on_cell_changed_cb), self);
      g_signal_connect (widget, "activate", G_CALLBACK (on_cell_activate_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_cell_focus_leave_cb), self);
      gtk_widget_add_controller (widget, focus);
      if (field == FIELD_DESCRIPTION)
        {
          GtkEntryCompletion *completion = gtk_entry_completion_new ();
          GtkListStore *model = gtk_list_store_new (PRODUCT_N_COLS, G_TYPE_STRING, G_TYPE_INT64);

          gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (model));
          gtk_entry_completion_set_text_column (completion, PRODUCT_COL_LABEL);
          gtk_entry_completion_set_match_func (completion, match_everything, NULL, NULL);
          gtk_entry_completion_set_minimum_key_length (completion, 2);
          g_signal_connect (completion, "match-selected", G_CALLBACK (on_product_chosen_cb), self);
          gtk_entry_set_completion (GTK_ENTRY (widget), completion);
          g_signal_connect (widget, "changed", G_CALLBACK (on_description_search_cb), self);
          g_object_unref (model);
          g_object_unref (completion);
        }
    }
  gtk_list_item_set_child (list_item, widget);
}

static void
on_line_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CrmOrderWindow           *self)
{
  LineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "field"));
  CrmOrderLineRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *widget = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (row->line, field);
  gboolean filling = self->filling;

  self->filling = TRUE;
  if (GTK_IS_LABEL (widget))
    gtk_label_set_label (GTK_LABEL (widget), text);
  else
    {
      g_object_set_data (G_OBJECT (widget), "row", row);
      if (!gtk_widget_has_focus (widget) && !gtk_widget_is_focus (widget))
        gtk_editable_set_text (GTK_EDITABLE (widget), text);
      gtk_editable_set_editable (GTK_EDITABLE (widget), !is_locked (self));
    }
  self->filling = filling;
}

static void
on_line_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CrmOrderWindow           *self)
{
  GtkWidget *widget = gtk_list_item_get_child (list_item);

  if (widget != NULL)
    g_object_set_data (G_OBJECT (widget), "row", NULL);
}

static void
on_remove_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CrmOrderWindow           *self);

static void
add_line_column (CrmOrderWindow *self,
                 const char     *title,
                 LineField       field,
                 int             width,
                 gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "field", GINT_TO_POINTER (field));
  g_signal_connect (factory, "setup", G_CALLBACK (on_line_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_line_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_line_unbind_cb), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->lines_view, column);
  g_object_unref (column);
}

static void
on_remove_clicked_cb (GtkButton      *button,
                      CrmOrderWindow *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "list-item");
  CrmOrderLineRow *row = gtk_list_item_get_item (list_item);
  guint position;

  if (row == NULL || is_locked (self) || !g_ptr_array_find (self->draft->lines, row->line, &position))
    return;
  g_ptr_array_remove_index (self->draft->lines, position);
  fill_rows (self);
  update_totals (self);
}

static void
on_remove_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CrmOrderWindow           *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove this line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this line"), -1);
  g_object_set_data (G_OBJECT (button), "list-item", list_item);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_list_item_set_child (list_item, button);
}

static void
add_columns (CrmOrderWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  add_line_column (self, _("Goods or service"), FIELD_DESCRIPTION, 240, TRUE);
  add_line_column (self, _("Quantity"), FIELD_QUANTITY, 80, FALSE);
  add_line_column (self, _("Unit"), FIELD_UNIT, 70, FALSE);
  add_line_column (self, _("Unit price"), FIELD_PRICE, 120, FALSE);
  add_line_column (self, _("Discount %"), FIELD_DISCOUNT, 80, FALSE);
  add_line_column (self, _("VAT %"), FIELD_VAT, 60, FALSE);
  add_line_column (self, _("Amount"), FIELD_AMOUNT, 120, FALSE);
  if (!self->draft->cost_hidden)
    add_line_column (self, _("Unit cost"), FIELD_COST, 110, FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (on_remove_setup_cb), self);
  column = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_column_set_fixed_width (column, 40);
  gtk_column_view_append_column (self->lines_view, column);
  g_object_unref (column);
}

/* Actions ---------------------------------------------------------------------------- */

static gboolean
save (CrmOrderWindow *self)
{
  g_autoptr(GError) error = NULL;
  CrmOrder *order = crm_order_copy (self->draft);
  gboolean ok;

  if (self->draft->id == 0)
    ok = crm_order_store_create (self->store, self->session, order, &error) > 0;
  else
    ok = crm_order_store_save (self->store, self->session, order, &error);
  if (!ok)
    {
      crm_order_free (order);
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  set_order (self, order);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, order->id);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (CRM_ORDER_WINDOW (widget));
}

static void
add_line_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  add_line (CRM_ORDER_WINDOW (widget));
}

static void
record_delivery_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CrmOrderWindow *self = CRM_ORDER_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!crm_order_store_record_delivery (self->store, self->session, self->draft->id,
                                        gtk_editable_get_text (GTK_EDITABLE (self->delivery_date_entry)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->delivery_note_entry)),
                                        gtk_switch_get_active (self->completes_switch), &error))
    {
      show_message (self, error->message);
      return;
    }
  gtk_popover_popdown (self->delivery_popover);
  gtk_editable_set_text (GTK_EDITABLE (self->delivery_note_entry), "");
  gtk_switch_set_active (self->completes_switch, FALSE);
  show_message (self, NULL);
  if (reload (self))
    g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->draft->id);
}

static gboolean
accept_cancel (gpointer     user_data,
               const char  *text,
               guint        selected,
               GError     **error)
{
  CrmOrderWindow *self = user_data;

  if (!crm_order_store_cancel (self->store, self->session, self->draft->id, text, error))
    return FALSE;
  if (reload (self))
    g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->draft->id);
  return TRUE;
}

static void
cancel_order_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmOrderWindow *self = CRM_ORDER_WINDOW (widget);
  g_autofree char *title = g_strdup_printf (_("Cancel Order %s?"), self->draft->code);
  CrmFormSpec spec = {
    .title = title,
    .explanation = _("A cancelled order is locked: it can no longer be changed or delivered."),
    .text = "",
    .text_label = _("Reason for cancelling"),
    .accept_label = _("Cance_l Order"),
    .destructive = TRUE,
  };

  crm_form_dialog_open (widget, &spec, accept_cancel, g_object_ref (self), g_object_unref);
}

static CrmDocumentLayout *
make_layout (CrmOrderWindow *self)
{
  g_autoptr(GError) error = NULL;
  CrmDocumentLayout *layout = crm_document_layout_new_for_order (self->store, self->session, self->draft->id,
                                                                 &error);

  if (layout == NULL)
    show_message (self, error->message);
  return layout;
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmOrderWindow *self = CRM_ORDER_WINDOW (widget);
  CrmDocumentLayout *layout = make_layout (self);

  if (layout != NULL)
    crm_print_document (GTK_WINDOW (self), layout);
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmOrderWindow *self = CRM_ORDER_WINDOW (widget);
  CrmDocumentLayout *layout = make_layout (self);
  g_autofree char *name = NULL;

  if (layout == NULL)
    return;
  name = g_strdup_printf ("%s.pdf", self->draft->code);
  crm_save_document_pdf (GTK_WINDOW (self), layout, name);
}

/* Closing with unsaved changes asks first. */
static void
on_close_answer_cb (GtkDialog      *dialog,
                    int             response,
                    CrmOrderWindow *self)
{
  /* The dialog outlives this handler, and this window may not: part now. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT && !save (self))
    return;
  if (response == GTK_RESPONSE_ACCEPT || response == GTK_RESPONSE_REJECT)
    {
      g_clear_pointer (&self->original, crm_order_free);
      self->original = crm_order_copy (self->draft);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
crm_order_window_close_request (GtkWindow *window)
{
  CrmOrderWindow *self = CRM_ORDER_WINDOW (window);
  GtkWidget *dialog;

  if (is_locked (self) || crm_order_same_content (self->original, self->draft))
    return FALSE;
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Save the changes to this order?"));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_answer_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject -------------------------------------------------------------------------------- */

static void
crm_order_window_dispose (GObject *object)
{
  CrmOrderWindow *self = CRM_ORDER_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ORDER_WINDOW);
  g_clear_object (&self->rows);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_order_window_parent_class)->dispose (object);
}

static void
crm_order_window_finalize (GObject *object)
{
  CrmOrderWindow *self = CRM_ORDER_WINDOW (object);

  g_clear_pointer (&self->original, crm_order_free);
  g_clear_pointer (&self->draft, crm_order_free);

  G_OBJECT_CLASS (crm_order_window_parent_class)->finalize (object);
}

static void
crm_order_window_class_init (CrmOrderWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_order_window_dispose;
  object_class->finalize = crm_order_window_finalize;
  window_class->close_request = crm_order_window_close_request;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-order-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, source_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, promised_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, lines_view);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, deliveries_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, delivery_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, delivery_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, delivery_date_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, delivery_note_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, completes_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, totals_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrderWindow, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_header_changed_cb);

  gtk_widget_class_install_action (widget_class, "order.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "order.add-line", NULL, add_line_activated);
  gtk_widget_class_install_action (widget_class, "order.record-delivery", NULL, record_delivery_activated);
  gtk_widget_class_install_action (widget_class, "order.cancel-order", NULL, cancel_order_activated);
  gtk_widget_class_install_action (widget_class, "order.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "order.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "order.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_order_window_init (CrmOrderWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (CRM_TYPE_ORDER_LINE_ROW);
  gtk_editable_set_text (GTK_EDITABLE (self->delivery_date_entry), today);
}

/**
 * crm_order_window_new:
 * @order: (transfer full): the order to show; id 0 for a new one
 */
CrmOrderWindow *
crm_order_window_new (CrmStore   *store,
                      CrmSession *session,
                      CrmOrder   *order)
{
  CrmOrderWindow *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  self = g_object_new (CRM_TYPE_ORDER_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->draft = order;
  if (order->id == 0 && order->customer_name == NULL)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_store_get (store, session, order->customer_id, NULL);

      if (customer != NULL)
        order->customer_name = g_strdup (customer->full_name);
    }
  add_columns (self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (selection));
  self->draft = NULL;
  set_order (self, order);
  return self;
}
