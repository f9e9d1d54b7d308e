/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-documents-pane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-attachment-store.h"
#include "crm-documents-pane.h"
#include "crm-validate.h"

/* The Documents tab of a customer: the files kept in the database, with
 * a thumbnail for images.  Files are attached with a chooser or by
 * dropping them here, opened with the desktop's default application
 * from a private copy, saved elsewhere, or removed after a question. */
struct _CrmDocumentsPane
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  gint64              customer_id;
  GListStore         *documents;
  GtkSingleSelection *selection;

  /* template */
  GtkListView        *list_view;
  GtkStack           *stack;
  GtkButton          *open_button;
  GtkButton          *save_button;
  GtkButton          *delete_button;
  GtkLabel           *count_label;
  GtkLabel           *message_label;
};

G_DEFINE_FINAL_TYPE (CrmDocumentsPane, crm_documents_pane, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (CrmDocumentsPane *self,
              const char       *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static CrmAttachment *
selected_document (CrmDocumentsPane *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_buttons (CrmDocumentsPane *self)
{
  gboolean selected = selected_document (self) != NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", n), n);

  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), selected);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button),
                          self->session != NULL && crm_session_may (self->session, CRM_PERMISSION_DELETE));
  gtk_label_set_label (self->count_label, n > 0 ? count : "");
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/**
 * crm_documents_pane_reload:
 *
 * Re-reads the list of files; the bytes stay in the database.
 */
gboolean
crm_documents_pane_reload (CrmDocumentsPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (CRM_IS_DOCUMENTS_PANE (self), FALSE);

  documents = crm_attachment_store_list (self->store, self->session, self->customer_id, &error);
  if (documents == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }
  g_list_store_splice (self->documents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                       documents->pdata, documents->len);
  update_buttons (self);
  return TRUE;
}

/**
 * crm_documents_pane_attach:
 *
 * Stores @file with the customer; a refusal (empty, too large, not a
 * file) shows in the pane and attaches nothing.
 */
gboolean
crm_documents_pane_attach (CrmDocumentsPane *self,
                           GFile            *file)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_DOCUMENTS_PANE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (crm_attachment_store_add_file (self->store, self->session, self->customer_id, file, NULL, &error) == 0)
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  crm_documents_pane_reload (self);
  gtk_single_selection_set_selected (self->selection, 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Rows ----------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, 64, 48);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
  gtk_widget_set_size_request (icon, 64, 48);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), details);
  gtk_box_append (GTK_BOX (row), picture);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmAttachment *document = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (row);
  GtkWidget *icon = gtk_widget_get_next_sibling (picture);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *name = gtk_widget_get_first_child (text);
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  GBytes *thumbnail = crm_attachment_get_thumbnail (document);
  g_autoptr(GdkTexture) texture = thumbnail ? gdk_texture_new_from_bytes (thumbnail, NULL) : NULL;
  g_autofree char *size = crm_attachment_format_size (crm_attachment_get_byte_size (document));
  g_autofree char *day = crm_day_format (crm_attachment_get_created_at (document));
  g_autofree char *line = NULL;
  const char *by = crm_attachment_get_created_by_name (document);
  const char *description = crm_attachment_get_description (document);

  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (picture, texture != NULL);
  gtk_widget_set_visible (icon, texture == NULL);
  if (texture == NULL)
    {
      g_autofree char *type = g_content_type_from_mime_type (crm_attachment_get_mime_type (document));
      g_autoptr(GIcon) gicon = g_content_type_get_icon (type ? type : "application/octet-stream");

      gtk_image_set_from_gicon (GTK_IMAGE (icon), gicon);
    }
  gtk_label_set_label (GTK_LABEL (name), crm_attachment_get_file_name (document));
  /* "1,2 MB · 24/11/2026 · Trần Văn Hùng · Hợp đồng đã ký" */
  line = g_strdup_printf (_("%s · added %s by %s"), size, day, by ? by : _("someone"));
  if (description != NULL && *description != '\0')
    {
      g_autofree char *with = g_strconcat (line, " · ", description, NULL);
      g_free (line);
      line = g_steal_pointer (&with);
    }
  gtk_label_set_label (GTK_LABEL (details), line);
}

/* Opening -------------------------------------------------------------------- */

static void
on_shown_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmDocumentsPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("No application could open the file: %s"), error->message);
      show_message (self, message);
    }
}

static void
open_document (CrmDocumentsPane *self,
               CrmAttachment    *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *uri = NULL;

  if (!crm_attachment_store_export (self->store, self->session, crm_attachment_get_id (document), NULL,
                                    &copy, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  uri = g_file_get_uri (copy);
  gtk_show_uri_full (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME, NULL,
                     on_shown_cb, g_object_ref (self));
}

static void
on_open_button_clicked_cb (CrmDocumentsPane *self)
{
  CrmAttachment *document = selected_document (self);

  if (document != NULL)
    open_document (self, document);
}

static void
on_list_view_activate_cb (CrmDocumentsPane *self,
                          guint             position)
{
  g_autoptr(CrmAttachment) document = g_list_model_get_item (G_LIST_MODEL (self->documents), position);

  if (document != NULL)
    open_document (self, document);
}

/* Choosers ------------------------------------------------------------------- */

static void
on_attach_response_cb (GtkNativeDialog  *chooser,
                       int               response,
                       CrmDocumentsPane *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          if (!crm_documents_pane_attach (self, file))
            break;
        }
    }
  g_object_unref (chooser);
}

static void
on_attach_button_clicked_cb (CrmDocumentsPane *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_attach_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_save_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     CrmDocumentsPane *self)
{
  CrmAttachment *document = selected_document (self);

  if (response == GTK_RESPONSE_ACCEPT && document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (!crm_attachment_store_save_as (self->store, self->session, crm_attachment_get_id (document), file,
                                         &error))
        show_message (self, error->message);
      else
        show_message (self, NULL);
    }
  g_object_unref (chooser);
}

static void
on_save_button_clicked_cb (CrmDocumentsPane *self)
{
  CrmAttachment *document = selected_document (self);
  GtkFileChooserNative *chooser;

  if (document == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save a Copy"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), crm_attachment_get_file_name (document));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Removing: asked first, since the database holds the only copy. */
static void
on_delete_response_cb (GtkDialog        *dialog,
                       int               response,
                       CrmDocumentsPane *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "document-id"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  if (!crm_attachment_store_delete (self->store, self->session, id, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  crm_documents_pane_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_delete_button_clicked_cb (CrmDocumentsPane *self)
{
  CrmAttachment *document = selected_document (self);
  GtkWidget *dialog;

  if (document == NULL)
    return;
  dialog = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
                                   GTK_BUTTONS_NONE, _("Remove “%s”?"), crm_attachment_get_file_name (document));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The file is kept only in Sổ Khách: save a copy first if you "
                                              "still need it."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Keep"), GTK_RESPONSE_CANCEL,
                          _("_Remove"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "document-id", GSIZE_TO_POINTER (crm_attachment_get_id (document)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Files dropped from the file manager are attached one by one. */
static gboolean
on_drop_cb (GtkDropTarget    *target,
            const GValue     *value,
            double            x,
            double            y,
            CrmDocumentsPane *self)
{
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    if (!crm_documents_pane_attach (self, l->data))
      return FALSE;
  return TRUE;
}

/* GObject -------------------------------------------------------------------- */

static void
crm_documents_pane_dispose (GObject *object)
{
  CrmDocumentsPane *self = CRM_DOCUMENTS_PANE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DOCUMENTS_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->documents);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_documents_pane_parent_class)->dispose (object);
}

static void
crm_documents_pane_class_init (CrmDocumentsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_documents_pane_dispose;

  /* A file was attached or removed: the profile summary counts them. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-documents-pane.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsPane, open_button);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsPane, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsPane, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsPane, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
}

static void
crm_documents_pane_init (CrmDocumentsPane *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->documents = g_list_store_new (CRM_TYPE_ATTACHMENT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->documents)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_buttons), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
crm_documents_pane_new (CrmStore   *store,
                        CrmSession *session,
                        gint64      customer_id)
{
  CrmDocumentsPane *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);

  self = g_object_new (CRM_TYPE_DOCUMENTS_PANE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->customer_id = customer_id;
  crm_documents_pane_reload (self);
  return GTK_WIDGET (self);
}
