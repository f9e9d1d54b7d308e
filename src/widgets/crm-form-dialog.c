/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-form-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-form-dialog.h"

/* One small modal form serves the quick changes of the application — a
 * name to type, a choice to make, or both, and the button that does it.
 * A refusal shows inside the form, which stays open with what was typed. */

typedef struct
{
  GtkWindow      *window;
  GtkEntry       *entry;
  GtkDropDown    *dropdown;
  GtkLabel       *error_label;
  CrmFormAccept   accept;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Form;

static void
form_free (Form *form)
{
  if (form->destroy != NULL)
    form->destroy (form->user_data);
  g_free (form);
}

static void
on_accept_cb (GtkWidget *widget,
              Form      *form)
{
  g_autoptr(GError) error = NULL;
  const char *text = form->entry ? gtk_editable_get_text (GTK_EDITABLE (form->entry)) : NULL;
  guint selected = form->dropdown ? gtk_drop_down_get_selected (form->dropdown) : GTK_INVALID_LIST_POSITION;

  if (!form->accept (form->user_data, text, selected, &error))
    {
      gtk_label_set_label (form->error_label, error ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (form->error_label), error != NULL);
      return;
    }
  gtk_window_destroy (form->window);
}

/**
 * crm_form_dialog_open:
 * @parent: a widget of the window the form belongs to
 *
 * Shows the form described by @spec; @destroy frees @user_data when the
 * form goes, whichever way.
 */
void
crm_form_dialog_open (GtkWidget         *parent,
                      const CrmFormSpec *spec,
                      CrmFormAccept      accept,
                      gpointer           user_data,
                      GDestroyNotify     destroy)
{
  Form *form = g_new0 (Form, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *ok = gtk_button_new_with_mnemonic (spec->accept_label);

  form->window = GTK_WINDOW (window);
  form->accept = accept;
  form->user_data = user_data;
  form->destroy = destroy;
  g_object_set_data_full (G_OBJECT (window), "form", form, (GDestroyNotify) form_free);

  gtk_window_set_title (GTK_WINDOW (window), spec->title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, -1);
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), ok);
  gtk_widget_add_css_class (ok, spec->destructive ? "destructive-action" : "suggested-action");
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect (ok, "clicked", G_CALLBACK (on_accept_cb), form);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (spec->explanation != NULL)
    {
      GtkWidget *label = gtk_label_new (spec->explanation);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (spec->text != NULL)
    {
      form->entry = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_text (GTK_EDITABLE (form->entry), spec->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spec->text_label, -1);
      g_signal_connect (form->entry, "activate", G_CALLBACK (on_accept_cb), form);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->entry));
    }
  if (spec->choices != NULL)
    {
      form->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (spec->choices), NULL));
      gtk_drop_down_set_enable_search (form->dropdown, TRUE);
      gtk_drop_down_set_selected (form->dropdown, spec->selected);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spec->choice_label, -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->dropdown));
    }
  form->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->error_label, TRUE);
  gtk_label_set_xalign (form->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->error_label));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}
