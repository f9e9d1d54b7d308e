/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-care-pane"

#include "config.h"

#include "crm-customer-care-pane.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "crm-customer-stage.h"

/* The Care tab of a customer profile: the stage of the sale the customer
 * is in ("Stage: After sale") and, under one heading per stage, the care
 * cases and care tasks of that stage, one line each ("05/03/2026 ·
 * Survey · Hài lòng với máy in? · Resolved").  One customer's care is
 * short enough to read whole; the store decides who may read it. */
struct _CrmCustomerCarePane
{
  GtkWidget   parent_instance;

  CrmStore   *store;
  CrmSession *session;
  gint64      customer_id;

  GtkWidget  *scrolled;
  GtkLabel   *stage_label;
  GtkLabel   *message_label;
  GtkListBox *lists[CRM_CUSTOMER_STAGE_COUNT];
};

G_DEFINE_FINAL_TYPE (CrmCustomerCarePane, crm_customer_care_pane, GTK_TYPE_WIDGET)

static const char *
group_title (CrmCustomerStage stage)
{
  switch (stage)
    {
    case CRM_CUSTOMER_STAGE_BEFORE:
      return _("Care before the sale");
    case CRM_CUSTOMER_STAGE_DURING:
      return _("Care during the sale");
    case CRM_CUSTOMER_STAGE_AFTER:
      return _("Care after the sale");
    default:
      g_assert_not_reached ();
    }
}

/* dd/mm/yyyy from yyyy-mm-dd; anything else as it is. */
static char *
format_date (const char *iso)
{
  int y, m, d;

  if (iso != NULL && sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
  return g_strdup (iso ? iso : "");
}

static GtkWidget *
item_row (const CrmCareItem *item)
{
  g_autofree char *date = format_date (item->date);
  g_autofree char *text = g_strdup_printf ("%s · %s · %s · %s", date, item->kind_label,
                                           item->title ? item->title : "", item->status_label);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  if (item->done)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/**
 * crm_customer_care_pane_reload:
 *
 * Reads the customer's stage and care again.  A refusal shows in the
 * pane, which is then empty.
 */
gboolean
crm_customer_care_pane_reload (CrmCustomerCarePane *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage_text = NULL;
  CrmCustomerStage stage;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_CUSTOMER_CARE_PANE (self), FALSE);

  for (guint i = 0; i < CRM_CUSTOMER_STAGE_COUNT; i++)
    clear_list (self->lists[i]);
  ok = crm_customer_stage_get (self->store, self->session, self->customer_id, &stage, &items, &error);
  if (!ok)
    {
      gtk_label_set_label (self->stage_label, "");
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_widget_set_visible (self->scrolled, FALSE);
      return FALSE;
    }
  /* Translators: %s is "Before sale", "During sale" or "After sale". */
  stage_text = g_strdup_printf (_("Stage: %s"), crm_customer_stage_label (stage));
  gtk_label_set_label (self->stage_label, stage_text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_widget_set_visible (self->scrolled, TRUE);
  for (guint i = 0; i < items->len; i++)
    {
      const CrmCareItem *item = g_ptr_array_index (items, i);

      gtk_list_box_append (self->lists[item->stage], item_row (item));
    }
  return TRUE;
}

static void
on_reload_button_clicked_cb (CrmCustomerCarePane *self)
{
  crm_customer_care_pane_reload (self);
}

/* GObject ------------------------------------------------------------------------ */

static void
crm_customer_care_pane_dispose (GObject *object)
{
  CrmCustomerCarePane *self = CRM_CUSTOMER_CARE_PANE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_customer_care_pane_parent_class)->dispose (object);
}

static void
crm_customer_care_pane_class_init (CrmCustomerCarePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customer_care_pane_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_customer_care_pane_init (CrmCustomerCarePane *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *reload = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 12);
  gtk_widget_set_margin_bottom (outer, 12);

  self->stage_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->stage_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->stage_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->stage_label), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->stage_label));
  gtk_widget_set_tooltip_text (reload, _("Reload"));
  g_signal_connect_object (reload, "clicked", G_CALLBACK (on_reload_button_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), reload);
  gtk_box_append (GTK_BOX (outer), header);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->message_label));

  for (guint i = 0; i < CRM_CUSTOMER_STAGE_COUNT; i++)
    {
      GtkWidget *title = gtk_label_new (group_title (i));
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *empty = gtk_label_new (_("No care actions in this stage."));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_widget_set_margin_top (title, 6);
      gtk_box_append (GTK_BOX (groups), title);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      group_title (i), -1);
      gtk_box_append (GTK_BOX (groups), list);
      self->lists[i] = GTK_LIST_BOX (list);
    }
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), groups);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), self->scrolled);
  gtk_widget_set_parent (outer, GTK_WIDGET (self));
}

/**
 * crm_customer_care_pane_new:
 *
 * Returns: (transfer floating): the Care tab of that customer
 */
GtkWidget *
crm_customer_care_pane_new (CrmStore   *store,
                            CrmSession *session,
                            gint64      customer_id)
{
  CrmCustomerCarePane *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);

  self = g_object_new (CRM_TYPE_CUSTOMER_CARE_PANE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->customer_id = customer_id;
  crm_customer_care_pane_reload (self);
  return GTK_WIDGET (self);
}
