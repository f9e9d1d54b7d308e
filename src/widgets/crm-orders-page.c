/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-orders-page"

#include "config.h"

#include "crm-orders-page.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-picker.h"
#include "crm-order-export.h"
#include "crm-order-list.h"
#include "crm-order-store.h"
#include "crm-order-window.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The orders section: every order the user may see, read a page at a
 * time by CrmOrderList, narrowed by delivery status, period and a search
 * on code or customer, sorted in SQL; overdue deliveries marked.  "New
 * Order" asks for the customer and opens an empty order; a row opens its
 * order window; the list as filtered exports to a spreadsheet. */
struct _CrmOrdersPage
{
  GtkWidget          parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmOrderList      *list;
  GtkSingleSelection *selection;
  GtkWidget         *picker;
  GCancellable      *export_cancellable;

  /* template */
  GtkSearchEntry    *search_entry;
  GtkDropDown       *status_dropdown;
  GtkEntry          *from_entry;
  GtkEntry          *to_entry;
  GtkDropDown       *sort_dropdown;
  GtkToggleButton   *ascending_button;
  GtkLabel          *count_label;
  GtkMenuButton     *new_button;
  GtkPopover        *new_popover;
  GtkBox            *picker_box;
  GtkLabel          *message_label;
  GtkColumnView     *column_view;
};

G_DEFINE_FINAL_TYPE (CrmOrdersPage, crm_orders_page, GTK_TYPE_WIDGET)

static void
show_message (CrmOrdersPage *self,
              const char    *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_count (CrmOrdersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order", "%u orders", n), n);

  gtk_label_set_label (self->count_label, text);
}

/* Columns ------------------------------------------------------------------------ */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  const char *property = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), g_str_equal (property, "total") ? 1.0 : 0.0);
  if (g_str_equal (property, "total"))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  const char *property = user_data;
  GtkWidget *label = gtk_list_item_get_child (list_item);
  CrmOrderListItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  gboolean overdue = g_str_equal (property, "promised") && crm_order_list_item_get_overdue (item);

  g_object_get (item, property, &text, NULL);
  if (overdue)
    {
      g_autofree char *marked = g_strdup_printf (_("%s (overdue)"), text);

      gtk_label_set_label (GTK_LABEL (label), marked);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_tooltip_text (label, _("The promised delivery date has passed"));
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (label), text ? text : "");
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_set_tooltip_text (label, g_str_equal (property, "customer") ? text : NULL);
    }
}

static void
add_column (CrmOrdersPage *self,
            const char    *title,
            const char    *property,
            int            width,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), (gpointer) property);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), (gpointer) property);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

/* Filtering ---------------------------------------------------------------------- */

static gboolean
read_day (GtkEntry  *entry,
          char     **iso,
          GError   **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  *iso = NULL;
  if (!crm_text_is_blank (text) && !crm_date_parse (text, iso, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return TRUE;
}

static void
on_filter_changed_cb (CrmOrdersPage *self)
{
  g_autoptr(CrmOrderFilter) filter = crm_order_filter_new ();
  g_autoptr(GError) error = NULL;
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->list == NULL)
    return;
  filter->status = status > 0 && status <= CRM_ORDER_N_STATUSES ? (int) status - 1 : -1;
  filter->sort = sort < CRM_ORDER_SORT_N ? (CrmOrderSort) sort : CRM_ORDER_SORT_CODE;
  filter->ascending = gtk_toggle_button_get_active (self->ascending_button);
  filter->search = crm_text_is_blank (search) ? NULL : g_strdup (search);
  if (!read_day (self->from_entry, &filter->from_date, &error) ||
      !read_day (self->to_entry, &filter->to_date, &error) ||
      !crm_order_list_set_filter (self->list, filter, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  update_count (self);
}

/**
 * crm_orders_page_reload:
 *
 * Counts and reads the orders again, as filtered.
 */
gboolean
crm_orders_page_reload (CrmOrdersPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_ORDERS_PAGE (self), FALSE);

  if (!crm_order_list_reload (self->list, &error))
    {
      show_message (self, error->message);
      update_count (self);
      return FALSE;
    }
  update_count (self);
  return TRUE;
}

/* Order windows -------------------------------------------------------------------- */

static void
on_order_saved_cb (CrmOrderWindow *window,
                   gint64          id,
                   CrmOrdersPage  *self)
{
  crm_orders_page_reload (self);
}

/* Takes @order. */
static void
open_window (CrmOrdersPage *self,
             CrmOrder      *order)
{
  CrmOrderWindow *window = crm_order_window_new (self->store, self->session, order);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_signal_connect_object (window, "saved", G_CALLBACK (on_order_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_row_activated_cb (CrmOrdersPage *self,
                     guint          position)
{
  g_autoptr(CrmOrderListItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item != NULL && crm_order_list_item_get_id (item) > 0)
    crm_orders_page_open_record (GTK_WIDGET (self), crm_order_list_item_get_id (item));
}

/* "New Order": an empty order for the customer chosen, dated today. */
static void
create_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmOrdersPage *self = CRM_ORDERS_PAGE (widget);
  gint64 customer_id = crm_customer_picker_get_customer_id (CRM_CUSTOMER_PICKER (self->picker));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  CrmOrder *order;

  if (customer_id <= 0)
    {
      gtk_widget_grab_focus (crm_customer_picker_get_entry (CRM_CUSTOMER_PICKER (self->picker)));
      return;
    }
  gtk_popover_popdown (self->new_popover);
  order = crm_order_new ();
  order->customer_id = customer_id;
  order->order_date = g_date_time_format (now, "%Y-%m-%d");
  crm_order_add_line (order, crm_order_line_new ());
  open_window (self, order);
  crm_customer_picker_set_customer_id (CRM_CUSTOMER_PICKER (self->picker), 0);
}

/* Export ------------------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (!crm_order_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      update_count (self);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order exported.",
                                                            "%u orders exported.", (gulong) n_rows),
                                               (guint) n_rows);

      show_message (self, NULL);
      gtk_label_set_label (self->count_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", TRUE);
}

static void
on_export_file_cb (GtkNativeDialog *chooser,
                   int              response,
                   CrmOrdersPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", FALSE);
      crm_order_export_async (self->store, self->session, crm_order_list_get_filter (self->list),
                              CRM_EXPORT_FORMAT_XLSX, file, self->export_cancellable, on_export_done_cb,
                              g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmOrdersPage *self = CRM_ORDERS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* TRANSLATORS: the file name offered for an exported list of orders. */
  name = g_strdup_printf ("%s-%s.xlsx", _("orders"), day);
  chooser = gtk_file_chooser_native_new (_("Export the Orders to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject ----------------------------------------------------------------------------- */

static void
on_map_cb (GtkWidget *widget)
{
  crm_orders_page_reload (CRM_ORDERS_PAGE (widget));
}

static void
crm_orders_page_dispose (GObject *object)
{
  CrmOrdersPage *self = CRM_ORDERS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ORDERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_orders_page_parent_class)->dispose (object);
}

static void
crm_orders_page_class_init (CrmOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_orders_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-orders-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, ascending_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, new_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, picker_box);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrdersPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_install_action (widget_class, "orders.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "orders.create", NULL, create_activated);
}

static void
crm_orders_page_init (CrmOrdersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_column (self, _("Code"), "code", 120, FALSE);
  add_column (self, _("Customer"), "customer", 240, TRUE);
  add_column (self, _("Order date"), "date", 100, FALSE);
  add_column (self, _("Delivery by"), "promised", 170, FALSE);
  add_column (self, _("Delivery"), "status", 130, FALSE);
  add_column (self, _("Total"), "total", 130, FALSE);
  add_column (self, _("Owner"), "owner", 150, FALSE);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
crm_orders_page_new (CrmStore   *store,
                     CrmSession *session)
{
  CrmOrdersPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_ORDERS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->list = crm_order_list_new (store, session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->picker = crm_customer_picker_new (store, session);
  gtk_widget_set_hexpand (self->picker, TRUE);
  gtk_box_append (self->picker_box, self->picker);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export",
                                 crm_session_may (session, CRM_PERMISSION_EXPORT));
  on_filter_changed_cb (self);
  crm_orders_page_reload (self);
  return GTK_WIDGET (self);
}

/**
 * crm_orders_page_open_record:
 *
 * Opens order @id in its window; says so in the page when it is not
 * (or no longer) one the user may see.
 */
void
crm_orders_page_open_record (GtkWidget *page,
                             gint64     id)
{
  CrmOrdersPage *self = CRM_ORDERS_PAGE (page);
  g_autoptr(GError) error = NULL;
  CrmOrder *order;

  g_return_if_fail (CRM_IS_ORDERS_PAGE (page));

  if (!(order = crm_order_store_get (self->store, self->session, id, &error)))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  open_window (self, order);
}

/**
 * crm_orders_page_make_from:
 * @source_kind: "quote" or "contract"
 *
 * Opens a new order made from an accepted quote or an active contract:
 * its customer and lines, dated today, not saved until the user saves.
 */
void
crm_orders_page_make_from (GtkWidget  *page,
                           const char *source_kind,
                           gint64      source_id)
{
  CrmOrdersPage *self = CRM_ORDERS_PAGE (page);
  g_autoptr(GError) error = NULL;
  CrmOrder *order = NULL;

  g_return_if_fail (CRM_IS_ORDERS_PAGE (page));
  g_return_if_fail (source_kind != NULL);

  if (g_str_equal (source_kind, "quote"))
    order = crm_order_store_draft_from_quote (self->store, self->session, source_id, &error);
  else if (g_str_equal (source_kind, "contract"))
    order = crm_order_store_draft_from_contract (self->store, self->session, source_id, &error);
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("An order cannot be made from a %s."),
                 source_kind);
  if (order == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  open_window (self, order);
}
