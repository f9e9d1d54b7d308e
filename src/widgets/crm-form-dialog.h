/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called when the user presses the accept button: @text is what the
 * entry holds (NULL without one), @selected the drop-down's position
 * (GTK_INVALID_LIST_POSITION without one).  Returning FALSE with @error
 * set keeps the form open with the message and what was typed. */
typedef gboolean (*CrmFormAccept) (gpointer     user_data,
                                   const char  *text,
                                   guint        selected,
                                   GError     **error);

typedef struct
{
  const char   *title;
  const char   *explanation;   /* nullable */
  const char   *text;          /* nullable: no entry; "" for an empty one */
  const char   *text_label;    /* the entry's accessible name */
  GListModel   *choices;       /* nullable: no drop-down; GtkStringList */
  guint         selected;
  const char   *choice_label;  /* the drop-down's accessible name */
  const char   *accept_label;  /* with a mnemonic */
  gboolean      destructive;
} CrmFormSpec;

void crm_form_dialog_open (GtkWidget         *parent,
                           const CrmFormSpec *spec,
                           CrmFormAccept      accept,
                           gpointer           user_data,
                           GDestroyNotify     destroy);

G_END_DECLS
