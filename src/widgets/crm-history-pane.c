/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-history-pane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-audit-row.h"
#include "crm-audit-store.h"
#include "crm-history-pane.h"

/* The History tab of one record: what the audit log holds about it,
 * newest first, one line each ("23/11/2026 15:15 · Trần Thị Lan ·
 * Province: Hà Nội → Đà Nẵng"), field names and values in words.  One
 * record's history is short enough to read whole; the store decides who
 * may read it. */
struct _CrmHistoryPane
{
  GtkWidget       parent_instance;

  CrmStore       *store;
  CrmSession     *session;
  char           *entity;
  gint64          entity_id;
  GListStore     *rows;
  GtkNoSelection *selection;

  /* template */
  GtkListView    *list_view;
  GtkStack       *stack;
  GtkLabel       *count_label;
  GtkLabel       *message_label;
};

G_DEFINE_FINAL_TYPE (CrmHistoryPane, crm_history_pane, GTK_TYPE_WIDGET)

static void
show_message (CrmHistoryPane *self,
              const char     *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/**
 * crm_history_pane_reload:
 *
 * Reads the record's history again, after a change saved in the dialog.
 * A refusal shows in the pane, which is then empty.
 */
gboolean
crm_history_pane_reload (CrmHistoryPane *self)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (CRM_IS_HISTORY_PANE (self), FALSE);

  entries = crm_audit_store_history (self->store, self->session, self->entity, self->entity_id, &error);
  if (entries != NULL)
    for (guint i = 0; i < entries->len; i++)
      g_ptr_array_add (rows, crm_audit_row_new (self->store, names, g_ptr_array_index (entries, i)));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", rows->len), rows->len);
  gtk_label_set_label (self->count_label, rows->len > 0 ? count : "");
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
  show_message (self, error != NULL ? error->message : NULL);
  return entries != NULL;
}

static void
on_reload_button_clicked_cb (CrmHistoryPane *self)
{
  crm_history_pane_reload (self);
}

/* GObject ------------------------------------------------------------------------ */

static void
crm_history_pane_dispose (GObject *object)
{
  CrmHistoryPane *self = CRM_HISTORY_PANE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_HISTORY_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_history_pane_parent_class)->dispose (object);
}

static void
crm_history_pane_finalize (GObject *object)
{
  CrmHistoryPane *self = CRM_HISTORY_PANE (object);

  g_free (self->entity);

  G_OBJECT_CLASS (crm_history_pane_parent_class)->finalize (object);
}

static void
crm_history_pane_class_init (CrmHistoryPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_history_pane_dispose;
  object_class->finalize = crm_history_pane_finalize;

  /* The row factory looks the row type up by name. */
  g_type_ensure (CRM_TYPE_AUDIT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-history-pane.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmHistoryPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmHistoryPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmHistoryPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmHistoryPane, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_button_clicked_cb);
}

static void
crm_history_pane_init (CrmHistoryPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (CRM_TYPE_AUDIT_ROW);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

/**
 * crm_history_pane_new:
 * @entity: the kind of record as the audit log names it: "customer",
 *   "contact", "interaction", "attachment" (others for administrators)
 *
 * Returns: (transfer floating): the History tab of that record
 */
GtkWidget *
crm_history_pane_new (CrmStore   *store,
                      CrmSession *session,
                      const char *entity,
                      gint64      entity_id)
{
  CrmHistoryPane *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (entity_id > 0, NULL);

  self = g_object_new (CRM_TYPE_HISTORY_PANE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->entity = g_strdup (entity);
  self->entity_id = entity_id;
  crm_history_pane_reload (self);
  return GTK_WIDGET (self);
}
