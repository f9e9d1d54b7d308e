/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-opportunities-page"

#include "config.h"

#include "crm-opportunities-page.h"

#include <glib/gi18n-lib.h>

#include "crm-form-dialog.h"
#include "crm-funnel.h"
#include "crm-money.h"
#include "crm-opportunity-dialog.h"
#include "crm-opportunity-export.h"
#include "crm-opportunity-list.h"
#include "crm-user-store.h"

/* The sales funnel and the list of opportunities.  Both read through
 * controllers (CrmFunnel, CrmOpportunityList) that ask the store a page
 * at a time; the store applies who may see what.  A card moves by drag
 * and drop onto another column or by its "Move to" menu (keyboard and
 * AT-SPI); moving to Lost first asks why. */
struct _CrmOpportunitiesPage
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  CrmFunnel          *funnel;
  CrmOpportunityList *list;
  GArray             *owner_ids;       /* gint64 per owner choice; 0 for everyone */
  GCancellable       *export_cancellable;
  gboolean            filling;
  GtkLabel           *stage_heads[CRM_OPPORTUNITY_N_STAGES];
  GtkLabel           *stage_totals[CRM_OPPORTUNITY_N_STAGES];

  /* template */
  GtkDropDown        *owner_dropdown;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *stage_dropdown;
  GtkLabel           *count_label;
  GtkLabel           *message_label;
  GtkStack           *view_stack;
  GtkBox             *funnel_box;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (CrmOpportunitiesPage, crm_opportunities_page, GTK_TYPE_WIDGET)

#define CARD_ID_KEY "crm-opportunity-id"

static void
show_message (CrmOpportunitiesPage *self,
              const char           *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static gboolean
showing_list (CrmOpportunitiesPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "list") == 0;
}

static void
update_count (CrmOpportunitiesPage *self)
{
  guint n = 0;
  g_autofree char *text = NULL;

  if (showing_list (self))
    n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  else
    for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
      n += (guint) crm_funnel_get_stage_count (self->funnel, stage);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u opportunity", "%u opportunities", n), n);
  gtk_label_set_label (self->count_label, text);
}

/* Column heads: "Proposal", "3 · 1.234.567 ₫". */
static void
update_heads (CrmOpportunitiesPage *self)
{
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    {
      gint64 count = crm_funnel_get_stage_count (self->funnel, stage);
      g_autofree char *value = crm_money_format (crm_funnel_get_stage_value (self->funnel, stage));
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " · %s", count, value);

      gtk_label_set_label (self->stage_totals[stage], text);
    }
  update_count (self);
}

/* Editing ------------------------------------------------------------------------- */

static void
on_dialog_saved_cb (CrmOpportunitiesPage *self,
                    gint64                id)
{
  crm_opportunities_page_reload (self);
}

static void
open_dialog (CrmOpportunitiesPage *self,
             gint64                id)
{
  g_autoptr(GError) error = NULL;
  CrmOpportunityDialog *dialog;

  dialog = crm_opportunity_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                       self->session, id, 0, &error);
  if (dialog == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_dialog (CRM_OPPORTUNITIES_PAGE (widget), 0);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_dialog (CRM_OPPORTUNITIES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
new_quote_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.make-record", "(ssx)", "quotes", "opportunity",
                              g_variant_get_int64 (parameter));
}

/* Moving ------------------------------------------------------------------------------ */

typedef struct
{
  CrmOpportunitiesPage *page;
  gint64                id;
} LostMove;

static void
lost_move_free (gpointer data)
{
  LostMove *move = data;

  g_object_unref (move->page);
  g_free (move);
}

static gboolean
on_lost_reason_accepted_cb (gpointer     user_data,
                            const char  *text,
                            guint        selected,
                            GError     **error)
{
  LostMove *move = user_data;

  if (!crm_funnel_move (move->page->funnel, move->id, CRM_OPPORTUNITY_STAGE_LOST, text, error))
    return FALSE;
  crm_opportunities_page_reload (move->page);
  return TRUE;
}

/* Moves a card; to Lost only with the reason the user gives. */
static void
move_card (CrmOpportunitiesPage *self,
           gint64                id,
           CrmOpportunityStage   stage)
{
  g_autoptr(GError) error = NULL;

  if (stage == CRM_OPPORTUNITY_STAGE_LOST)
    {
      CrmFormSpec spec = {
        .title = _("Why Was It Lost?"),
        .explanation = _("Say why the customer did not buy, so the team can learn from it."),
        .text = "",
        .text_label = _("Reason lost"),
        .accept_label = _("Mark as _Lost"),
        .selected = GTK_INVALID_LIST_POSITION,
      };
      LostMove *move = g_new0 (LostMove, 1);

      move->page = g_object_ref (self);
      move->id = id;
      crm_form_dialog_open (GTK_WIDGET (self), &spec, on_lost_reason_accepted_cb, move, lost_move_free);
      return;
    }
  if (!crm_funnel_move (self->funnel, id, stage, NULL, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  crm_opportunities_page_reload (self);
}

typedef struct
{
  CrmOpportunitiesPage *page;
  gint64                id;
  CrmOpportunityStage   stage;
} PendingMove;

static gboolean
run_pending_move (gpointer data)
{
  PendingMove *move = data;

  if (move->page->funnel != NULL)
    move_card (move->page, move->id, move->stage);
  g_object_unref (move->page);
  g_free (move);
  return G_SOURCE_REMOVE;
}

/* A move from a card's menu or a drop reloads the cards, the dragged
 * card and its menu among them: it waits until they are done. */
static void
defer_move (CrmOpportunitiesPage *self,
            gint64                id,
            CrmOpportunityStage   stage)
{
  PendingMove *move = g_new0 (PendingMove, 1);

  move->page = g_object_ref (self);
  move->id = id;
  move->stage = stage;
  g_idle_add (run_pending_move, move);
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmOpportunityStage stage;
  const char *stage_name;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &stage_name);
  if (crm_opportunity_stage_from_string (stage_name, &stage))
    defer_move (CRM_OPPORTUNITIES_PAGE (widget), id, stage);
}

static gboolean
on_column_drop_cb (GtkDropTarget *target,
                   const GValue  *value,
                   double         x,
                   double         y,
                   gpointer       user_data)
{
  GtkWidget *column = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CrmOpportunitiesPage *self = CRM_OPPORTUNITIES_PAGE (user_data);
  CrmOpportunityStage stage = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), "crm-stage"));

  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  defer_move (self, g_value_get_int64 (value), stage);
  return TRUE;
}

static GdkContentProvider *
on_card_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (card), CARD_ID_KEY));

  if (id <= 0)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

/* Cards ---------------------------------------------------------------------------------- */

static GtkWidget *
card_label (GtkWidget  *box,
            const char *name,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_name (label, name);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* A card: title, customer, value, expected close, owner, and buttons to
 * open it and move it.  Built once per recycled list row. */
static void
on_card_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CrmOpportunitiesPage     *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
  GtkWidget *menu = gtk_menu_button_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (card, 3);
  gtk_widget_set_margin_bottom (card, 3);
  g_object_set (card, "margin-start", 2, "margin-end", 2, NULL);
  card_label (card, "title", "heading");
  card_label (card, "customer", NULL);
  card_label (card, "value", "numeric");
  card_label (card, "close", "dim-label");
  card_label (card, "owner", "dim-label");
  for (GtkWidget *child = gtk_widget_get_first_child (card); child; child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_margin_start (child, 8);
      gtk_widget_set_margin_end (child, 8);
    }
  gtk_widget_set_margin_top (gtk_widget_get_first_child (card), 6);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu), _("Move to"));
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_add_css_class (menu, "flat");
  gtk_box_append (GTK_BOX (buttons), open);
  gtk_box_append (GTK_BOX (buttons), menu);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  g_object_set (buttons, "margin-start", 4, "margin-end", 4, "margin-bottom", 4, NULL);
  gtk_box_append (GTK_BOX (card), buttons);
  g_object_set_data (G_OBJECT (card), "open-button", open);
  g_object_set_data (G_OBJECT (card), "move-button", menu);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_card_drag_prepare_cb), NULL);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (drag));
  gtk_list_item_set_child (item, card);
}

static void
set_card_text (GtkWidget  *card,
               const char *name,
               const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (card); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      {
        gtk_label_set_label (GTK_LABEL (child), text);
        gtk_widget_set_visible (child, text != NULL && *text != '\0');
        return;
      }
}

/* The "Move to" menu: every other stage, then a new quote. */
static GMenuModel *
move_menu (const CrmOpportunity *opportunity)
{
  GMenu *menu = g_menu_new ();

  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    {
      g_autoptr(GMenuItem) entry = NULL;

      if (stage == opportunity->stage)
        continue;
      entry = g_menu_item_new (crm_opportunity_stage_label (stage), NULL);
      g_menu_item_set_action_and_target_value (entry, "opportunities.move",
                                               g_variant_new ("(xs)", opportunity->id,
                                                              crm_opportunity_stage_to_string (stage)));
      g_menu_append_item (menu, entry);
    }
  {
    g_autoptr(GMenu) section = g_menu_new ();
    g_autoptr(GMenuItem) quote = g_menu_item_new (_("New _Quote"), NULL);

    g_menu_item_set_action_and_target_value (quote, "opportunities.new-quote",
                                             g_variant_new_int64 (opportunity->id));
    g_menu_append_item (section, quote);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  return G_MENU_MODEL (menu);
}

static void
on_card_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CrmOpportunitiesPage     *self)
{
  CrmOpportunityRow *row = gtk_list_item_get_item (item);
  const CrmOpportunity *opportunity = crm_opportunity_row_get_opportunity (row);
  GtkWidget *card = gtk_list_item_get_child (item);
  GtkWidget *open = g_object_get_data (G_OBJECT (card), "open-button");
  GtkWidget *move = g_object_get_data (G_OBJECT (card), "move-button");
  g_autoptr(GMenuModel) menu = move_menu (opportunity);
  g_autofree char *close = NULL;
  g_autofree char *move_name = NULL;
  g_autofree char *open_name = NULL;
  const char *close_text = crm_opportunity_row_get_close_text (row);

  if (*close_text != '\0')
    close = g_strdup_printf (_("Closes %s"), close_text);
  set_card_text (card, "title", crm_opportunity_row_get_title (row));
  set_card_text (card, "customer", crm_opportunity_row_get_customer_name (row));
  set_card_text (card, "value", crm_opportunity_row_get_value_text (row));
  set_card_text (card, "close", close);
  set_card_text (card, "owner", crm_opportunity_row_get_owner_name (row));
  g_object_set_data (G_OBJECT (card), CARD_ID_KEY, GSIZE_TO_POINTER ((gsize) opportunity->id));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (move), menu);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (open), g_variant_new_int64 (opportunity->id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "opportunities.open");
  /* TRANSLATORS: the accessible names of a funnel card's buttons. */
  open_name = g_strdup_printf (_("Open “%s”"), crm_opportunity_row_get_title (row));
  move_name = g_strdup_printf (_("Move “%s” to"), crm_opportunity_row_get_title (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (move), GTK_ACCESSIBLE_PROPERTY_LABEL, move_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_opportunity_row_get_title (row), -1);
}

static void
on_card_activated_cb (GtkListView          *view,
                      guint                 position,
                      CrmOpportunitiesPage *self)
{
  g_autoptr(CrmOpportunityRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  if (row != NULL && crm_opportunity_row_get_id (row) > 0)
    open_dialog (self, crm_opportunity_row_get_id (row));
}

/* One column of the funnel: its head (stage, count and value) and its
 * cards; a drop target for cards from the others. */
static GtkWidget *
build_column (CrmOpportunitiesPage *self,
              CrmOpportunityStage   stage)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_label_new (crm_opportunity_stage_label (stage));
  GtkWidget *totals = gtk_label_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (crm_funnel_get_stage_model (self->funnel, stage)));
  GtkWidget *view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_widget_set_size_request (column, 200, -1);
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_widget_add_css_class (head, "heading");
  gtk_label_set_xalign (GTK_LABEL (totals), 0);
  gtk_widget_add_css_class (totals, "dim-label");
  gtk_widget_add_css_class (totals, "numeric");
  gtk_box_append (GTK_BOX (column), head);
  gtk_box_append (GTK_BOX (column), totals);
  self->stage_heads[stage] = GTK_LABEL (head);
  self->stage_totals[stage] = GTK_LABEL (totals);

  g_signal_connect (factory, "setup", G_CALLBACK (on_card_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_card_bind_cb), self);
  gtk_widget_add_css_class (view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_opportunity_stage_label (stage), -1);
  g_signal_connect (view, "activate", G_CALLBACK (on_card_activated_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (column), scrolled);

  g_object_set_data (G_OBJECT (column), "crm-stage", GUINT_TO_POINTER (stage));
  g_signal_connect (drop, "drop", G_CALLBACK (on_column_drop_cb), self);
  gtk_widget_add_controller (column, GTK_EVENT_CONTROLLER (drop));
  return column;
}

/* Filters ------------------------------------------------------------------------------ */

static gint64
chosen_owner (CrmOpportunitiesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  if (!crm_funnel_get_may_choose_owner (self->funnel))
    return crm_session_get_user_id (self->session);
  return selected < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, selected) : 0;
}

/* Everyone's, then each staff member a manager or administrator may look
 * at; staff have no choice. */
static void
fill_owners (CrmOpportunitiesPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = NULL;
  gint64 chosen = chosen_owner (self), everyone = 0;
  guint selected = 0;

  if (!crm_funnel_get_may_choose_owner (self->funnel))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->owner_dropdown), FALSE);
      return;
    }
  self->filling = TRUE;
  g_array_set_size (self->owner_ids, 0);
  gtk_string_list_append (names, _("Everyone"));
  g_array_append_val (self->owner_ids, everyone);
  if ((users = crm_user_store_list_assignees (self->store, self->session, NULL)) != NULL)
    for (guint i = 0; i < users->len; i++)
      {
        const CrmUserEntry *user = g_ptr_array_index (users, i);

        if (user->id == chosen)
          selected = self->owner_ids->len;
        gtk_string_list_append (names, user->full_name);
        g_array_append_val (self->owner_ids, user->id);
      }
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->owner_dropdown, selected);
  self->filling = FALSE;
}

static CrmOpportunityFilter *
list_filter (CrmOpportunitiesPage *self)
{
  CrmOpportunityFilter *filter = crm_opportunity_filter_new ();
  guint stage = gtk_drop_down_get_selected (self->stage_dropdown);

  filter->owner_id = chosen_owner (self);
  filter->stage = stage > 0 && stage <= CRM_OPPORTUNITY_N_STAGES ? (int) stage - 1 : -1;
  filter->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  return filter;
}

static void
on_list_filter_changed_cb (CrmOpportunitiesPage *self)
{
  g_autoptr(CrmOpportunityFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->list == NULL)
    return;
  filter = list_filter (self);
  if (!crm_opportunity_list_set_filter (self->list, filter, &error))
    show_message (self, error->message);
  update_count (self);
}

static void
on_owner_changed_cb (CrmOpportunitiesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->filling || self->funnel == NULL)
    return;
  if (!crm_funnel_set_owner_id (self->funnel, chosen_owner (self), &error))
    show_message (self, error->message);
  on_list_filter_changed_cb (self);
  update_heads (self);
}

static void
on_view_changed_cb (CrmOpportunitiesPage *self)
{
  gboolean list = showing_list (self);

  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), list);
  gtk_widget_set_visible (GTK_WIDGET (self->stage_dropdown), list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opportunities.export",
                                 list && self->session != NULL &&
                                 crm_session_may (self->session, CRM_PERMISSION_EXPORT));
  if (self->funnel != NULL)
    update_count (self);
}

static void
on_column_view_activated_cb (CrmOpportunitiesPage *self,
                             guint                 position)
{
  g_autoptr(CrmOpportunityRow) row = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (row != NULL && crm_opportunity_row_get_id (row) > 0)
    open_dialog (self, crm_opportunity_row_get_id (row));
}

/* Export ----------------------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmOpportunitiesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (!crm_opportunity_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u opportunity exported.",
                                                            "%u opportunities exported.", (gulong) n_rows),
                                               (guint) n_rows);

      show_message (self, NULL);
      gtk_label_set_label (self->count_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opportunities.export",
                                 showing_list (self) && crm_session_may (self->session, CRM_PERMISSION_EXPORT));
}

static void
on_export_file_cb (GtkNativeDialog      *chooser,
                   int                   response,
                   CrmOpportunitiesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "opportunities.export", FALSE);
      crm_opportunity_export_async (self->store, self->session, crm_opportunity_list_get_filter (self->list),
                                    CRM_EXPORT_FORMAT_XLSX, file, self->export_cancellable, on_export_done_cb,
                                    g_object_ref (self));
    }
  g_object_unref (chooser);
}

/* The list as filtered, as a spreadsheet. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmOpportunitiesPage *self = CRM_OPPORTUNITIES_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* TRANSLATORS: the file name offered for exported opportunities. */
  name = g_strdup_printf ("%s-%s.xlsx", _("opportunities"), day);
  chooser = gtk_file_chooser_native_new (_("Export Opportunities to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject --------------------------------------------------------------------------------- */

static void
on_map_cb (CrmOpportunitiesPage *self)
{
  crm_opportunities_page_reload (self);
}

static void
crm_opportunities_page_dispose (GObject *object)
{
  CrmOpportunitiesPage *self = CRM_OPPORTUNITIES_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OPPORTUNITIES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->list);
  g_clear_object (&self->funnel);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_opportunities_page_parent_class)->dispose (object);
}

static void
crm_opportunities_page_finalize (GObject *object)
{
  CrmOpportunitiesPage *self = CRM_OPPORTUNITIES_PAGE (object);

  g_clear_pointer (&self->owner_ids, g_array_unref);

  G_OBJECT_CLASS (crm_opportunities_page_parent_class)->finalize (object);
}

static void
crm_opportunities_page_class_init (CrmOpportunitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_opportunities_page_dispose;
  object_class->finalize = crm_opportunities_page_finalize;

  /* The column factories look the row type up by name. */
  g_type_ensure (CRM_TYPE_OPPORTUNITY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-opportunities-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, funnel_box);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunitiesPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activated_cb);
  gtk_widget_class_install_action (widget_class, "opportunities.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "opportunities.open", "x", open_activated);
  gtk_widget_class_install_action (widget_class, "opportunities.new-quote", "x", new_quote_activated);
  gtk_widget_class_install_action (widget_class, "opportunities.move", "(xs)", move_activated);
  gtk_widget_class_install_action (widget_class, "opportunities.export", NULL, export_activated);
}

static void
crm_opportunities_page_init (CrmOpportunitiesPage *self)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);

  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (stages, _("All stages"));
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    gtk_string_list_append (stages, crm_opportunity_stage_label (stage));
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (stages));
  self->filling = FALSE;
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
crm_opportunities_page_new (CrmStore   *store,
                            CrmSession *session)
{
  CrmOpportunitiesPage *self;
  GtkNoSelection *selection;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_OPPORTUNITIES_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->funnel = crm_funnel_new (store, session);
  self->list = crm_opportunity_list_new (store, session);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  for (guint stage = 0; stage < CRM_OPPORTUNITY_N_STAGES; stage++)
    gtk_box_append (self->funnel_box, build_column (self, stage));
  fill_owners (self);
  on_view_changed_cb (self);
  crm_opportunities_page_reload (self);
  return GTK_WIDGET (self);
}

void
crm_opportunities_page_reload (CrmOpportunitiesPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_OPPORTUNITIES_PAGE (self));

  fill_owners (self);
  on_list_filter_changed_cb (self);
  if (!crm_funnel_reload (self->funnel, &error) ||
      !crm_opportunity_list_reload (self->list, error == NULL ? &error : NULL))
    show_message (self, error->message);
  update_heads (self);
}

void
crm_opportunities_page_open_record (GtkWidget *page,
                                    gint64     id)
{
  g_return_if_fail (CRM_IS_OPPORTUNITIES_PAGE (page));

  open_dialog (CRM_OPPORTUNITIES_PAGE (page), id);
}
