/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-campaigns-page"

#include "config.h"

#include "crm-campaigns-page.h"

#include <glib/gi18n-lib.h>

#include "crm-campaign-dialog.h"
#include "crm-campaign-export.h"
#include "crm-campaign-store.h"
#include "crm-category.h"
#include "crm-category-store.h"
#include "crm-customer.h"
#include "crm-form-dialog.h"
#include "crm-money.h"
#include "crm-opportunity-store.h"
#include "crm-province.h"
#include "crm-tag-store.h"

/* Members are read a page at a time, as the list scrolls. */
#define MEMBER_PAGE 100

/* The lazy member list ------------------------------------------------------------ */

#define CRM_TYPE_MEMBER_MODEL (crm_member_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmMemberModel, crm_member_model, CRM, MEMBER_MODEL, GObject)

struct _CrmMemberModel
{
  GObject      parent_instance;
  CrmStore    *store;
  CrmSession  *session;
  gint64       campaign_id;
  guint        n_items;
  GHashTable  *pages;      /* page index -> GPtrArray of CrmCampaignMember */
};

static GType
crm_member_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_CAMPAIGN_MEMBER;
}

static guint
crm_member_model_get_n_items (GListModel *model)
{
  return CRM_MEMBER_MODEL (model)->n_items;
}

static gpointer
crm_member_model_get_item (GListModel *model,
                           guint       position)
{
  CrmMemberModel *self = CRM_MEMBER_MODEL (model);
  guint page = position / MEMBER_PAGE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;
  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      g_autoptr(GError) error = NULL;

      rows = crm_campaign_store_fetch_members (self->store, self->session, self->campaign_id,
                                               page * MEMBER_PAGE, MEMBER_PAGE, &error);
      if (rows == NULL)
        {
          g_warning ("Cannot read campaign members: %s", error->message);
          return NULL;
        }
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  if (position % MEMBER_PAGE >= rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, position % MEMBER_PAGE));
}

static void
crm_member_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_member_model_get_item_type;
  iface->get_n_items = crm_member_model_get_n_items;
  iface->get_item = crm_member_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmMemberModel, crm_member_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_member_model_list_init))

static void
crm_member_model_dispose (GObject *object)
{
  CrmMemberModel *self = CRM_MEMBER_MODEL (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  G_OBJECT_CLASS (crm_member_model_parent_class)->dispose (object);
}

static void
crm_member_model_class_init (CrmMemberModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_member_model_dispose;
}

static void
crm_member_model_init (CrmMemberModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

/* Shows @campaign_id's members (none for 0), read again from the store. */
static gboolean
crm_member_model_reload (CrmMemberModel  *self,
                         gint64           campaign_id,
                         GError         **error)
{
  guint old = self->n_items;
  gint64 count = 0;

  if (campaign_id > 0)
    {
      count = crm_campaign_store_count_members (self->store, self->session, campaign_id, error);
      if (error != NULL && *error != NULL)
        count = 0;
    }
  self->campaign_id = campaign_id;
  g_hash_table_remove_all (self->pages);
  self->n_items = (guint) count;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
  return error == NULL || *error == NULL;
}

/* The page -------------------------------------------------------------------------- */

struct _CrmCampaignsPage
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmSession         *session;
  GListStore         *campaigns;
  GtkSingleSelection *campaign_selection;
  CrmMemberModel     *members;
  GtkSingleSelection *member_selection;
  GCancellable       *export_cancellable;
  gboolean            filling;

  GtkLabel           *count_label;
  GtkLabel           *message_label;
  GtkColumnView      *campaign_view;
  GtkLabel           *members_label;
  GtkColumnView      *member_view;
  GtkWidget          *new_button;
  GtkWidget          *edit_button;
  GtkWidget          *delete_button;
  GtkWidget          *add_button;
  GtkWidget          *reapply_button;
};

G_DEFINE_FINAL_TYPE (CrmCampaignsPage, crm_campaigns_page, GTK_TYPE_WIDGET)

static void
show_message (CrmCampaignsPage *self,
              const char       *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static gboolean
is_manager (CrmCampaignsPage *self)
{
  return self->session != NULL && crm_session_get_role (self->session) != CRM_ROLE_STAFF;
}

static CrmCampaign *
selected_campaign (CrmCampaignsPage *self)
{
  return self->campaign_selection != NULL
         ? gtk_single_selection_get_selected_item (self->campaign_selection) : NULL;
}

static CrmCampaignMember *
selected_member (CrmCampaignsPage *self)
{
  return self->member_selection != NULL
         ? gtk_single_selection_get_selected_item (self->member_selection) : NULL;
}

static void
update_actions (CrmCampaignsPage *self)
{
  CrmCampaign *campaign = selected_campaign (self);
  gboolean manager = is_manager (self);
  gboolean chosen = campaign != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "campaigns.new", manager);
  gtk_widget_action_set_enabled (widget, "campaigns.edit", manager && chosen);
  gtk_widget_action_set_enabled (widget, "campaigns.delete", manager && chosen &&
                                 crm_session_may (self->session, CRM_PERMISSION_DELETE));
  gtk_widget_action_set_enabled (widget, "campaigns.add-members", manager && chosen);
  gtk_widget_action_set_enabled (widget, "campaigns.reapply", manager && chosen && campaign->target != NULL);
  gtk_widget_action_set_enabled (widget, "campaigns.link-order", chosen);
  gtk_widget_action_set_enabled (widget, "campaigns.link-opportunity", chosen && selected_member (self) != NULL);
  gtk_widget_action_set_enabled (widget, "campaigns.export", chosen && self->export_cancellable == NULL &&
                                 crm_session_may (self->session, CRM_PERMISSION_EXPORT));
}

static void
reload_members (CrmCampaignsPage *self)
{
  CrmCampaign *campaign = selected_campaign (self);
  g_autoptr(GError) error = NULL;

  if (self->members == NULL)
    return;
  if (!crm_member_model_reload (self->members, campaign != NULL ? campaign->id : 0, &error))
    show_message (self, error->message);
  if (campaign == NULL)
    gtk_label_set_label (self->members_label, _("Choose a campaign to see its customers."));
  else
    {
      g_autofree char *count = crm_money_format_plain (self->members->n_items);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s customer",
                                                            "%s — %s customers", self->members->n_items),
                                               campaign->name, count);
      gtk_label_set_label (self->members_label, text);
    }
  update_actions (self);
}

/* Reads the campaigns again, keeping @select_id (or the one selected). */
static void
reload_campaigns (CrmCampaignsPage *self,
                  gint64            select_id)
{
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;
  CrmCampaign *current = selected_campaign (self);
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->store == NULL)
    return;
  if (select_id == 0 && current != NULL)
    select_id = current->id;
  if (!(campaigns = crm_campaign_store_list (self->store, self->session, &error)))
    {
      show_message (self, error->message);
      return;
    }
  self->filling = TRUE;
  g_list_store_splice (self->campaigns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->campaigns)),
                       campaigns->pdata, campaigns->len);
  for (guint i = 0; i < campaigns->len; i++)
    if (((CrmCampaign *) campaigns->pdata[i])->id == select_id)
      position = i;
  if (position == GTK_INVALID_LIST_POSITION && campaigns->len > 0)
    position = 0;
  gtk_single_selection_set_selected (self->campaign_selection, position);
  self->filling = FALSE;
  {
    g_autofree char *count = crm_money_format_plain (campaigns->len);
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s campaign", "%s campaigns",
                                                          campaigns->len), count);
    gtk_label_set_label (self->count_label, text);
  }
  show_message (self, NULL);
  reload_members (self);
}

static void
on_campaign_selected_cb (CrmCampaignsPage *self)
{
  if (!self->filling)
    reload_members (self);
}

/* Columns --------------------------------------------------------------------------- */

typedef char *(*CellText) (gpointer item);

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  unused)
{
  CellText text_of = g_object_get_data (G_OBJECT (factory), "cell-text");
  gpointer row = gtk_list_item_get_item (item);
  g_autofree char *text = row != NULL ? text_of (row) : NULL;

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            CellText       text_of,
            gboolean       numeric,
            int            width,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "cell-text", text_of);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
}

static char *
campaign_name (gpointer item)
{
  return g_strdup (CRM_CAMPAIGN (item)->name);
}

static char *
campaign_channel (gpointer item)
{
  return g_strdup (crm_campaign_channel_label (CRM_CAMPAIGN (item)->channel));
}

static char *
campaign_period (gpointer item)
{
  return crm_campaign_format_period (CRM_CAMPAIGN (item));
}

static char *
campaign_budget (gpointer item)
{
  return crm_money_format (CRM_CAMPAIGN (item)->budget);
}

static char *
campaign_members (gpointer item)
{
  return crm_money_format_plain (CRM_CAMPAIGN (item)->n_members);
}

static char *
campaign_converted (gpointer item)
{
  return crm_money_format_plain (CRM_CAMPAIGN (item)->n_converted);
}

static char *
member_code (gpointer item)
{
  return g_strdup (CRM_CAMPAIGN_MEMBER (item)->customer_code);
}

static char *
member_name (gpointer item)
{
  return g_strdup (CRM_CAMPAIGN_MEMBER (item)->customer_name);
}

static char *
member_status (gpointer item)
{
  CrmCustomerStatus status;

  if (!crm_customer_status_from_string (CRM_CAMPAIGN_MEMBER (item)->customer_status, &status))
    return NULL;
  return g_strdup (crm_customer_status_label (status));
}

static char *
member_opportunity (gpointer item)
{
  return g_strdup (CRM_CAMPAIGN_MEMBER (item)->opportunity_title);
}

static char *
member_order (gpointer item)
{
  return g_strdup (CRM_CAMPAIGN_MEMBER (item)->order_code);
}

/* The response column: a drop-down per row, which saves at once. */
static void
on_response_changed_cb (GtkDropDown      *dropdown,
                        GParamSpec       *pspec,
                        CrmCampaignsPage *self)
{
  CrmCampaignMember *member = g_object_get_data (G_OBJECT (dropdown), "member");
  guint response = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (member == NULL || g_object_get_data (G_OBJECT (dropdown), "binding") != NULL ||
      response >= CRM_CAMPAIGN_N_RESPONSES || response == member->response)
    return;
  if (!crm_campaign_store_set_response (self->store, self->session, member->campaign_id, member->customer_id,
                                        response, &error))
    {
      show_message (self, error->message);
      g_object_set_data (G_OBJECT (dropdown), "binding", GINT_TO_POINTER (1));
      gtk_drop_down_set_selected (dropdown, member->response);
      g_object_set_data (G_OBJECT (dropdown), "binding", NULL);
      return;
    }
  member->response = response;
  show_message (self, NULL);
}

static void
setup_response_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CrmCampaignsPage         *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint response = 0; response < CRM_CAMPAIGN_N_RESPONSES; response++)
    gtk_string_list_append (labels, crm_campaign_response_label (response));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_widget_add_css_class (dropdown, "flat");
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_response_changed_cb), self);
  gtk_list_item_set_child (item, dropdown);
}

static void
bind_response_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CrmCampaignsPage         *self)
{
  GtkWidget *dropdown = gtk_list_item_get_child (item);
  CrmCampaignMember *member = gtk_list_item_get_item (item);
  g_autofree char *name = NULL;

  if (member == NULL)
    return;
  name = g_strdup_printf (_("Response of %s"), member->customer_name);
  g_object_set_data (G_OBJECT (dropdown), "binding", GINT_TO_POINTER (1));
  g_object_set_data_full (G_OBJECT (dropdown), "member", g_object_ref (member), g_object_unref);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), member->response);
  g_object_set_data (G_OBJECT (dropdown), "binding", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
unbind_response_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CrmCampaignsPage         *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "member", NULL);
}

static void
build_columns (CrmCampaignsPage *self)
{
  GtkListItemFactory *factory;
  GtkColumnViewColumn *column;

  add_column (self->campaign_view, _("Campaign"), campaign_name, FALSE, 260, TRUE);
  add_column (self->campaign_view, _("Channel"), campaign_channel, FALSE, 120, FALSE);
  add_column (self->campaign_view, _("Period"), campaign_period, FALSE, 200, FALSE);
  add_column (self->campaign_view, _("Budget"), campaign_budget, TRUE, 140, FALSE);
  add_column (self->campaign_view, _("Members"), campaign_members, TRUE, 100, FALSE);
  add_column (self->campaign_view, _("Conversions"), campaign_converted, TRUE, 110, FALSE);

  add_column (self->member_view, _("Code"), member_code, FALSE, 110, FALSE);
  add_column (self->member_view, _("Customer"), member_name, FALSE, 260, TRUE);
  add_column (self->member_view, _("Status"), member_status, FALSE, 120, FALSE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_response_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_response_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_response_cb), self);
  column = gtk_column_view_column_new (_("Response"), factory);
  gtk_column_view_column_set_fixed_width (column, 170);
  gtk_column_view_append_column (self->member_view, column);
  g_object_unref (column);
  add_column (self->member_view, _("Opportunity"), member_opportunity, FALSE, 200, FALSE);
  add_column (self->member_view, _("Order"), member_order, FALSE, 120, FALSE);
}

/* Editing campaigns ------------------------------------------------------------------ */

static void
on_dialog_saved_cb (CrmCampaignDialog *dialog,
                    gint64             id,
                    CrmCampaignsPage  *self)
{
  reload_campaigns (self, id);
}

static void
open_dialog (CrmCampaignsPage *self,
             gint64            id)
{
  g_autoptr(GError) error = NULL;
  CrmCampaignDialog *dialog;

  dialog = crm_campaign_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                    self->session, id, &error);
  if (dialog == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_dialog (CRM_CAMPAIGNS_PAGE (widget), 0);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (widget);
  CrmCampaign *campaign = selected_campaign (self);

  if (campaign != NULL)
    open_dialog (self, campaign->id);
}

static void
on_campaign_activated_cb (CrmCampaignsPage *self,
                          guint             position)
{
  g_autoptr(CrmCampaign) campaign = g_list_model_get_item (G_LIST_MODEL (self->campaigns), position);

  if (campaign != NULL && is_manager (self))
    open_dialog (self, campaign->id);
}

typedef struct
{
  CrmCampaignsPage *page;
  gint64            campaign_id;
  GArray           *ids;     /* opportunity ids, for the opportunity picker */
} FormData;

static void
form_data_free (gpointer data)
{
  FormData *form = data;

  g_object_unref (form->page);
  g_clear_pointer (&form->ids, g_array_unref);
  g_free (form);
}

static FormData *
form_data_new (CrmCampaignsPage *self,
               gint64            campaign_id)
{
  FormData *form = g_new0 (FormData, 1);

  form->page = g_object_ref (self);
  form->campaign_id = campaign_id;
  return form;
}

static gboolean
delete_accepted (gpointer     user_data,
                 const char  *text,
                 guint        selected,
                 GError     **error)
{
  FormData *form = user_data;

  if (!crm_campaign_store_delete (form->page->store, form->page->session, form->campaign_id, error))
    return FALSE;
  gtk_single_selection_set_selected (form->page->campaign_selection, GTK_INVALID_LIST_POSITION);
  reload_campaigns (form->page, 0);
  return TRUE;
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (widget);
  CrmCampaign *campaign = selected_campaign (self);
  g_autofree char *title = NULL;
  CrmFormSpec spec = { 0 };

  if (campaign == NULL)
    return;
  title = g_strdup_printf (_("Delete the campaign “%s”?"), campaign->name);
  spec.title = title;
  spec.explanation = _("Its member list goes with it; opportunities and orders linked to it are kept.");
  spec.accept_label = _("_Delete");
  spec.destructive = TRUE;
  crm_form_dialog_open (widget, &spec, delete_accepted, form_data_new (self, campaign->id), form_data_free);
}

/* Adding customers ---------------------------------------------------------------- */

typedef struct
{
  CrmCampaignsPage *page;
  gint64            campaign_id;
  GtkWindow        *window;
  GtkLabel         *message;
  GtkDropDown      *category;
  GtkDropDown      *tag;
  GtkDropDown      *status;
  GtkDropDown      *province;
  GtkSwitch        *remember;
  GArray           *category_ids;
  GPtrArray        *tag_names;
} AddForm;

static void
add_form_free (gpointer data)
{
  AddForm *form = data;

  g_object_unref (form->page);
  g_array_unref (form->category_ids);
  g_ptr_array_unref (form->tag_names);
  g_free (form);
}

static CrmCampaignTarget *
add_form_target (AddForm *form)
{
  CrmCampaignTarget *target = crm_campaign_target_new ();
  guint category = gtk_drop_down_get_selected (form->category);
  guint tag = gtk_drop_down_get_selected (form->tag);
  guint status = gtk_drop_down_get_selected (form->status);
  guint province = gtk_drop_down_get_selected (form->province);
  guint n_provinces;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  if (category > 0 && category <= form->category_ids->len)
    target->category_id = g_array_index (form->category_ids, gint64, category - 1);
  if (tag > 0 && tag <= form->tag_names->len)
    {
      const char *tags[] = { g_ptr_array_index (form->tag_names, tag - 1), NULL };
      target->tags = g_strdupv ((char **) tags);
    }
  if (status > 0 && status <= CRM_CUSTOMER_STATUS_INACTIVE + 1)
    target->status = g_strdup (crm_customer_status_to_string (status - 1));
  if (province > 0 && province <= n_provinces)
    target->province_code = g_strdup (provinces[province - 1].code);
  return target;
}

static void
on_add_clicked_cb (GtkButton *button,
                   AddForm   *form)
{
  g_autoptr(CrmCampaignTarget) target = add_form_target (form);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  CrmCampaignsPage *page = form->page;
  gint64 added = 0;

  if (!crm_campaign_store_add_members (page->store, page->session, form->campaign_id, target,
                                       gtk_switch_get_active (form->remember), &added, &error))
    {
      gtk_label_set_label (form->message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (form->message), TRUE);
      return;
    }
  count = crm_money_format_plain (added);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer added to the campaign.",
                                       "%s customers added to the campaign.", added), count);
  reload_campaigns (page, form->campaign_id);
  gtk_label_set_label (page->count_label, text);
  gtk_window_destroy (form->window);
}

static GtkDropDown *
add_form_row (GtkGrid     *grid,
              int          row,
              const char  *label_text,
              const char  *accessible,
              GtkStringList *items)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (items), NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, dropdown, 1, row, 1, 1);
  return GTK_DROP_DOWN (dropdown);
}

static void
add_members_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (widget);
  CrmCampaign *campaign = selected_campaign (self);
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  GtkStringList *category_items, *tag_items, *status_items, *province_items;
  GtkWidget *window, *header, *cancel, *add, *box, *grid, *label, *remember_box;
  const CrmProvince *provinces;
  guint n_provinces;
  AddForm *form;

  if (campaign == NULL)
    return;
  form = g_new0 (AddForm, 1);
  form->page = g_object_ref (self);
  form->campaign_id = campaign->id;
  form->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  form->tag_names = g_ptr_array_new_with_free_func (g_free);

  category_items = gtk_string_list_new (NULL);
  gtk_string_list_append (category_items, _("Any group"));
  categories = crm_category_store_list (self->store, self->session, NULL);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      CrmCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *indent = g_strnfill (crm_category_get_depth (category) * 3, ' ');
      g_autofree char *text = g_strconcat (indent, crm_category_get_name (category), NULL);
      gint64 id = crm_category_get_id (category);

      gtk_string_list_append (category_items, text);
      g_array_append_val (form->category_ids, id);
    }
  tag_items = gtk_string_list_new (NULL);
  gtk_string_list_append (tag_items, _("Any tag"));
  tags = crm_tag_store_list (self->store, self->session, NULL);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (tags, i);

      gtk_string_list_append (tag_items, tag->name);
      g_ptr_array_add (form->tag_names, g_strdup (tag->name));
    }
  status_items = gtk_string_list_new (NULL);
  gtk_string_list_append (status_items, _("Any status"));
  for (guint status = 0; status <= CRM_CUSTOMER_STATUS_INACTIVE; status++)
    gtk_string_list_append (status_items, crm_customer_status_label (status));
  province_items = gtk_string_list_new (NULL);
  gtk_string_list_append (province_items, _("Any province"));
  provinces = crm_provinces (&n_provinces);
  for (guint i = 0; i < n_provinces; i++)
    gtk_string_list_append (province_items, provinces[i].short_name);

  window = gtk_window_new ();
  form->window = GTK_WINDOW (window);
  gtk_window_set_title (GTK_WINDOW (window), _("Add Customers to the Campaign"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);
  header = gtk_header_bar_new ();
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  add = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), add);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 16);
  gtk_widget_set_margin_bottom (box, 16);
  gtk_widget_set_margin_start (box, 16);
  gtk_widget_set_margin_end (box, 16);
  label = gtk_label_new (_("The customers you may see who match every condition chosen join the campaign; "
                           "those already in it stay as they are."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  form->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->message, TRUE);
  gtk_label_set_xalign (form->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (form->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->message));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  form->category = add_form_row (GTK_GRID (grid), 0, _("Customer _group"), _("Customer group"), category_items);
  form->tag = add_form_row (GTK_GRID (grid), 1, _("_Tag"), _("Tag"), tag_items);
  form->status = add_form_row (GTK_GRID (grid), 2, _("_Status"), _("Status"), status_items);
  form->province = add_form_row (GTK_GRID (grid), 3, _("_Province"), _("Province"), province_items);
  gtk_box_append (GTK_BOX (box), grid);
  remember_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new_with_mnemonic (_("_Remember as the campaign’s filter"));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  form->remember = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (form->remember, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (form->remember));
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->remember), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remember as the campaign’s filter"), -1);
  gtk_box_append (GTK_BOX (remember_box), label);
  gtk_box_append (GTK_BOX (remember_box), GTK_WIDGET (form->remember));
  gtk_box_append (GTK_BOX (box), remember_box);
  gtk_window_set_child (GTK_WINDOW (window), box);

  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), form);
  g_object_set_data_full (G_OBJECT (window), "form", form, add_form_free);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  gtk_window_present (GTK_WINDOW (window));
}

static void
reapply_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (widget);
  CrmCampaign *campaign = selected_campaign (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  gint64 id, added = 0;

  if (campaign == NULL)
    return;
  id = campaign->id;
  if (!crm_campaign_store_reapply_target (self->store, self->session, id, &added, &error))
    {
      show_message (self, error->message);
      return;
    }
  count = crm_money_format_plain (added);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer added to the campaign.",
                                       "%s customers added to the campaign.", added), count);
  reload_campaigns (self, id);
  gtk_label_set_label (self->count_label, text);
}

/* Linking ------------------------------------------------------------------------- */

static gboolean
link_order_accepted (gpointer     user_data,
                     const char  *text,
                     guint        selected,
                     GError     **error)
{
  FormData *form = user_data;
  gint64 order_id = crm_campaign_store_find_order (form->page->store, form->page->session, text, error);

  if (order_id == 0 ||
      !crm_campaign_store_link_order (form->page->store, form->page->session, form->campaign_id, order_id, error))
    return FALSE;
  reload_campaigns (form->page, form->campaign_id);
  return TRUE;
}

static void
link_order_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (widget);
  CrmCampaign *campaign = selected_campaign (self);
  CrmFormSpec spec = { 0 };

  if (campaign == NULL)
    return;
  spec.title = _("Link an Order");
  spec.explanation = _("The order counts as revenue of the campaign, and its customer as converted.");
  spec.text = "";
  spec.text_label = _("Order code");
  spec.accept_label = _("_Link");
  crm_form_dialog_open (widget, &spec, link_order_accepted, form_data_new (self, campaign->id), form_data_free);
}

static gboolean
link_opportunity_accepted (gpointer     user_data,
                           const char  *text,
                           guint        selected,
                           GError     **error)
{
  FormData *form = user_data;

  if (selected >= form->ids->len)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Choose an opportunity."));
      return FALSE;
    }
  if (!crm_campaign_store_link_opportunity (form->page->store, form->page->session, form->campaign_id,
                                            g_array_index (form->ids, gint64, selected), error))
    return FALSE;
  reload_campaigns (form->page, form->campaign_id);
  return TRUE;
}

static void
link_opportunity_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (widget);
  CrmCampaign *campaign = selected_campaign (self);
  CrmCampaignMember *member = selected_member (self);
  g_autoptr(GPtrArray) opportunities = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;
  CrmFormSpec spec = { 0 };
  FormData *form;

  if (campaign == NULL || member == NULL)
    return;
  opportunities = crm_opportunity_store_list_for_customer (self->store, self->session, member->customer_id, &error);
  if (opportunities == NULL)
    {
      show_message (self, error->message);
      return;
    }
  if (opportunities->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("%s has no opportunity to link."), member->customer_name);
      show_message (self, text);
      return;
    }
  form = form_data_new (self, campaign->id);
  form->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < opportunities->len; i++)
    {
      CrmOpportunity *opportunity = g_ptr_array_index (opportunities, i);

      gtk_string_list_append (titles, opportunity->title);
      g_array_append_val (form->ids, opportunity->id);
    }
  explanation = g_strdup_printf (_("One of %s’s opportunities, attributed to “%s”."),
                                 member->customer_name, campaign->name);
  spec.title = _("Link an Opportunity");
  spec.explanation = explanation;
  spec.choices = G_LIST_MODEL (titles);
  spec.selected = 0;
  spec.choice_label = _("Opportunity");
  spec.accept_label = _("_Link");
  crm_form_dialog_open (widget, &spec, link_opportunity_accepted, form, form_data_free);
}

static void
on_member_selected_cb (CrmCampaignsPage *self)
{
  update_actions (self);
}

/* Export ---------------------------------------------------------------------------- */

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmCampaignsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  g_clear_object (&self->export_cancellable);
  if (!crm_campaign_export_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member exported.",
                                                            "%u members exported.", (gulong) n_rows),
                                               (guint) n_rows);

      show_message (self, NULL);
      gtk_label_set_label (self->count_label, text);
    }
  if (self->store != NULL)
    update_actions (self);
}

static void
on_export_file_cb (GtkNativeDialog  *chooser,
                   int               response,
                   CrmCampaignsPage *self)
{
  CrmCampaign *campaign = selected_campaign (self);

  if (response == GTK_RESPONSE_ACCEPT && campaign != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_cancellable_cancel (self->export_cancellable);
      g_clear_object (&self->export_cancellable);
      self->export_cancellable = g_cancellable_new ();
      gtk_label_set_label (self->count_label, _("Exporting…"));
      update_actions (self);
      crm_campaign_export_async (self->store, self->session, campaign->id, CRM_EXPORT_FORMAT_XLSX, file,
                                 self->export_cancellable, on_export_done_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

/* The selected campaign's members, as a spreadsheet. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (selected_campaign (self) == NULL)
    return;
  /* TRANSLATORS: the file name offered for exported campaign members. */
  name = g_strdup_printf ("%s-%s.xlsx", _("campaign-members"), day);
  chooser = gtk_file_chooser_native_new (_("Export Campaign Members to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject --------------------------------------------------------------------------- */

static void
on_map_cb (CrmCampaignsPage *self)
{
  crm_campaigns_page_reload (self);
}

static void
crm_campaigns_page_dispose (GObject *object)
{
  CrmCampaignsPage *self = CRM_CAMPAIGNS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CAMPAIGNS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->campaign_selection);
  g_clear_object (&self->member_selection);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->members);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_campaigns_page_parent_class)->dispose (object);
}

static void
crm_campaigns_page_class_init (CrmCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_campaigns_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-campaigns-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, campaign_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, members_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, member_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCampaignsPage, reapply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_campaign_activated_cb);
  gtk_widget_class_install_action (widget_class, "campaigns.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "campaigns.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "campaigns.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "campaigns.add-members", NULL, add_members_activated);
  gtk_widget_class_install_action (widget_class, "campaigns.reapply", NULL, reapply_activated);
  gtk_widget_class_install_action (widget_class, "campaigns.link-order", NULL, link_order_activated);
  gtk_widget_class_install_action (widget_class, "campaigns.link-opportunity", NULL, link_opportunity_activated);
  gtk_widget_class_install_action (widget_class, "campaigns.export", NULL, export_activated);
}

static void
crm_campaigns_page_init (CrmCampaignsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
crm_campaigns_page_new (CrmStore   *store,
                        CrmSession *session)
{
  CrmCampaignsPage *self;
  gboolean manager;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CAMPAIGNS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->campaigns = g_list_store_new (CRM_TYPE_CAMPAIGN);
  self->campaign_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->campaigns)));
  gtk_single_selection_set_autoselect (self->campaign_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->campaign_selection, TRUE);
  gtk_column_view_set_model (self->campaign_view, GTK_SELECTION_MODEL (self->campaign_selection));
  g_signal_connect_swapped (self->campaign_selection, "notify::selected",
                            G_CALLBACK (on_campaign_selected_cb), self);

  self->members = g_object_new (CRM_TYPE_MEMBER_MODEL, NULL);
  self->members->store = g_object_ref (store);
  self->members->session = g_object_ref (session);
  self->member_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->members)));
  gtk_single_selection_set_autoselect (self->member_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->member_selection, TRUE);
  gtk_column_view_set_model (self->member_view, GTK_SELECTION_MODEL (self->member_selection));
  g_signal_connect_swapped (self->member_selection, "notify::selected",
                            G_CALLBACK (on_member_selected_cb), self);

  build_columns (self);
  manager = is_manager (self);
  gtk_widget_set_visible (self->new_button, manager);
  gtk_widget_set_visible (self->edit_button, manager);
  gtk_widget_set_visible (self->delete_button, manager);
  gtk_widget_set_visible (self->add_button, manager);
  gtk_widget_set_visible (self->reapply_button, manager);
  reload_campaigns (self, 0);
  return GTK_WIDGET (self);
}

void
crm_campaigns_page_reload (CrmCampaignsPage *self)
{
  g_return_if_fail (CRM_IS_CAMPAIGNS_PAGE (self));

  reload_campaigns (self, 0);
}

void
crm_campaigns_page_open_record (GtkWidget *page,
                                gint64     id)
{
  CrmCampaignsPage *self;

  g_return_if_fail (CRM_IS_CAMPAIGNS_PAGE (page));

  self = CRM_CAMPAIGNS_PAGE (page);
  reload_campaigns (self, id);
  if (is_manager (self))
    open_dialog (self, id);
}
