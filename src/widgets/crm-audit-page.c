/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-audit-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-audit-export.h"
#include "crm-audit-list.h"
#include "crm-audit-page.h"
#include "crm-audit-text.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* The administrators' audit viewer: the whole log, newest first, read a
 * page at a time by CrmAuditList, narrowed by user, period, kind of
 * record and action, and exported to a spreadsheet as filtered.  The
 * store refuses everyone else; the page then only says so. */
struct _CrmAuditPage
{
  GtkWidget         parent_instance;

  CrmStore         *store;
  CrmSession       *session;
  CrmAuditList     *list;
  GtkNoSelection   *selection;
  GArray           *user_ids;        /* gint64, one per user choice; 0 for "all" */
  GCancellable     *export_cancellable;
  gboolean          ready;           /* choices filled: filter changes apply */

  /* template */
  GtkDropDown      *user_dropdown;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkDropDown      *entity_dropdown;
  GtkDropDown      *action_dropdown;
  GtkLabel         *count_label;
  GtkLabel         *message_label;
  GtkColumnView    *column_view;
};

G_DEFINE_FINAL_TYPE (CrmAuditPage, crm_audit_page, GTK_TYPE_WIDGET)

static void
show_message (CrmAuditPage *self,
              const char   *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_count (CrmAuditPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);

  gtk_label_set_label (self->count_label, text);
}

/* Choices ------------------------------------------------------------------------ */

/* "All …" then the label of each code. */
static GListModel *
code_choices (const char         *all,
              const char *const  *codes,
              const char        *(*label) (const char *code))
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, all);
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (choices, label (codes[i]));
  return G_LIST_MODEL (choices);
}

/* Everyone who may have written to the log, switched off or not; keeps
 * the user chosen before, if still there. */
static gboolean
fill_user_choices (CrmAuditPage  *self,
                   GError       **error)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = crm_audit_store_list_users (self->store, self->session, error);
  guint selected = gtk_drop_down_get_selected (self->user_dropdown);
  gint64 chosen = selected < self->user_ids->len ? g_array_index (self->user_ids, gint64, selected) : 0;
  gint64 anyone = 0;

  if (users == NULL)
    return FALSE;
  g_array_set_size (self->user_ids, 0);
  gtk_string_list_append (names, _("All users"));
  g_array_append_val (self->user_ids, anyone);
  selected = 0;
  for (guint i = 0; i < users->len; i++)
    {
      const CrmUserEntry *user = g_ptr_array_index (users, i);

      if (user->id == chosen)
        selected = self->user_ids->len;
      gtk_string_list_append (names, user->full_name);
      g_array_append_val (self->user_ids, user->id);
    }
  gtk_drop_down_set_model (self->user_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->user_dropdown, selected);
  return TRUE;
}

/* The code behind a choice of @dropdown; NULL for the first ("all"). */
static const char *
chosen_code (GtkDropDown        *dropdown,
             const char *const  *codes)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > g_strv_length ((char **) codes))
    return NULL;
  return codes[selected - 1];
}

/* The day typed in @entry as yyyy-MM-dd in *iso (NULL when blank); FALSE
 * with the entry marked when it is not a date. */
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

/* Filtering ---------------------------------------------------------------------- */

static void
on_filter_changed_cb (CrmAuditPage *self)
{
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GError) error = NULL;
  guint user = gtk_drop_down_get_selected (self->user_dropdown);

  if (!self->ready)
    return;
  filter->user_id = user < self->user_ids->len ? g_array_index (self->user_ids, gint64, user) : 0;
  filter->entity = g_strdup (chosen_code (self->entity_dropdown, crm_audit_entities ()));
  filter->action = g_strdup (chosen_code (self->action_dropdown, crm_audit_actions ()));
  if (!read_day (self->from_entry, &filter->from_date, &error) ||
      !read_day (self->to_entry, &filter->to_date, &error) ||
      !crm_audit_list_set_filter (self->list, filter, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  update_count (self);
}

/**
 * crm_audit_page_reload:
 *
 * Reads the users and the log again (the rows written since are at the
 * top).  A refusal (not an administrator, account switched off) shows in
 * the page and leaves it empty.
 */
gboolean
crm_audit_page_reload (CrmAuditPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_AUDIT_PAGE (self), FALSE);

  self->ready = FALSE;
  if (!fill_user_choices (self, &error))
    {
      crm_audit_list_reload (self->list, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", FALSE);
      show_message (self, error->message);
      update_count (self);
      return FALSE;
    }
  self->ready = TRUE;
  on_filter_changed_cb (self);
  if (!crm_audit_list_reload (self->list, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  update_count (self);
  return TRUE;
}

/* Export --------------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (!crm_audit_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry exported.",
                                                            "%u entries exported.", (gulong) n_rows),
                                               (guint) n_rows);

      show_message (self, NULL);
      gtk_label_set_label (self->count_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", TRUE);
}

static void
on_export_file_cb (GtkNativeDialog *chooser,
                   int              response,
                   CrmAuditPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", FALSE);
      crm_audit_export_async (self->store, self->session, crm_audit_list_get_filter (self->list),
                              CRM_EXPORT_FORMAT_XLSX, file, self->export_cancellable, on_export_done_cb,
                              g_object_ref (self));
    }
  g_object_unref (chooser);
}

/* The log as filtered, as a spreadsheet. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmAuditPage *self = CRM_AUDIT_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* TRANSLATORS: the file name offered for an exported audit log. */
  name = g_strdup_printf ("%s-%s.xlsx", _("audit-log"), day);
  chooser = gtk_file_chooser_native_new (_("Export the Audit Log to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject ------------------------------------------------------------------------- */

static void
crm_audit_page_dispose (GObject *object)
{
  CrmAuditPage *self = CRM_AUDIT_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_AUDIT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_audit_page_parent_class)->dispose (object);
}

static void
crm_audit_page_finalize (GObject *object)
{
  CrmAuditPage *self = CRM_AUDIT_PAGE (object);

  g_clear_pointer (&self->user_ids, g_array_unref);

  G_OBJECT_CLASS (crm_audit_page_parent_class)->finalize (object);
}

static void
crm_audit_page_class_init (CrmAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_audit_page_dispose;
  object_class->finalize = crm_audit_page_finalize;

  /* The column factories look the row type up by name. */
  g_type_ensure (CRM_TYPE_AUDIT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-audit-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, user_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, entity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAuditPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_activated);
}

static void
crm_audit_page_init (CrmAuditPage *self)
{
  g_autoptr(GListModel) entities = NULL;
  g_autoptr(GListModel) actions = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  entities = code_choices (_("All records"), crm_audit_entities (), crm_audit_entity_label);
  actions = code_choices (_("All actions"), crm_audit_actions (), crm_audit_action_label);
  gtk_drop_down_set_model (self->entity_dropdown, entities);
  gtk_drop_down_set_model (self->action_dropdown, actions);
}

GtkWidget *
crm_audit_page_new (CrmStore   *store,
                    CrmSession *session)
{
  CrmAuditPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_AUDIT_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->list = crm_audit_list_new (store, session);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  crm_audit_page_reload (self);
  return GTK_WIDGET (self);
}
