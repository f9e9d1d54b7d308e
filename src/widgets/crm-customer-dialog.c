/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-customer-dialog.h"
#include "crm-customer-care-pane.h"
#include "crm-customer-editor.h"
#include "crm-category-pane.h"
#include "crm-category-store.h"
#include "crm-customer-store.h"
#include "crm-contacts-pane.h"
#include "crm-documents-pane.h"
#include "crm-history-pane.h"
#include "crm-interactions-pane.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* The customer profile form.  Every entry is bound both ways to the
 * editor's field property and every error label to the field's "-error"
 * property: the widget holds no state of its own. */
struct _CrmCustomerDialog
{
  GtkWindow          parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmCustomerEditor *editor;
  gboolean           closing;
  GArray            *assignee_ids;   /* gint64, in drop-down order */
  GArray            *category_ids;   /* gint64, in drop-down order; 0 first */

  /* template */
  GtkButton         *save_button;
  GtkWidget         *new_quote_button;
  GtkLabel          *message_label;
  GtkLabel          *duplicates_label;
  GtkDropDown       *kind_dropdown;
  GtkDropDown       *status_dropdown;
  GtkDropDown       *province_dropdown;
  GtkDropDown       *gender_dropdown;
  GtkDropDown       *source_dropdown;
  GtkDropDown       *assignee_dropdown;
  GtkDropDown       *category_dropdown;
  GtkLabel          *age_label;
  GtkLabel          *summary_label;
  GtkNotebook       *notebook;
};

G_DEFINE_FINAL_TYPE (CrmCustomerDialog, crm_customer_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Entry ids in the template, in CrmCustomerField order; NULL for fields
 * edited with another widget. */
static const char *const field_widgets[CRM_CUSTOMER_N_FIELDS] = {
  "full_name", "code", "tax_code", "phones", "emails", "birth_date", "street", "ward",
  NULL, "website", "industry", "occupation", "needs", "notes", "tags",
};

/* Drop-down positions of the stored codes; position 0 is "not given". */
static const char *const genders[] = { NULL, "male", "female", "other" };
static const char *const sources[] = {
  NULL, "website", "store", "referral", "phone", "social", "marketplace", "campaign", "other",
};

static guint
code_position (const char *const *codes,
               guint              n_codes,
               const char        *code)
{
  for (guint i = 1; code != NULL && i < n_codes; i++)
    if (g_str_equal (codes[i], code))
      return i;
  return 0;
}

static guint
id_position (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static const char *const field_properties[CRM_CUSTOMER_N_FIELDS] = {
  "full-name", "code", "tax-code", "phones", "emails", "birth-date", "street", "ward",
  "province", "website", "industry", "occupation", "needs", "notes", "tags",
};

static gboolean
error_to_visible (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

static gboolean
error_to_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text ? text : "");
  return TRUE;
}

static void
bind_fields (CrmCustomerDialog *self)
{
  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      g_autofree char *entry_name = NULL;
      g_autofree char *error_name = NULL;
      g_autofree char *error_property = NULL;
      GObject *entry, *label;

      if (field_widgets[field] == NULL)
        continue;
      entry_name = g_strconcat (field_widgets[field], "_entry", NULL);
      error_name = g_strconcat (field_widgets[field], "_error", NULL);
      error_property = g_strconcat (field_properties[field], "-error", NULL);
      entry = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_DIALOG, entry_name);
      label = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_DIALOG, error_name);
      g_object_bind_property (self->editor, field_properties[field], entry, "text",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property_full (self->editor, error_property, label, "label",
                                   G_BINDING_SYNC_CREATE, error_to_text, NULL, NULL, NULL);
      g_object_bind_property_full (self->editor, error_property, label, "visible",
                                   G_BINDING_SYNC_CREATE, error_to_visible, NULL, NULL, NULL);
    }
  g_object_bind_property (self->editor, "can-save", self->save_button, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->editor, "age", self->age_label, "label",
                               G_BINDING_SYNC_CREATE, error_to_text, NULL, NULL, NULL);
  g_object_bind_property_full (self->editor, "age", self->age_label, "visible",
                               G_BINDING_SYNC_CREATE, error_to_visible, NULL, NULL, NULL);
}

static void
show_message (CrmCustomerDialog *self,
              const char        *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* Province drop-down: 0 is "not given", then the 34 units in order. */
static GListModel *
province_choices (void)
{
  GtkStringList *choices = gtk_string_list_new (NULL);
  guint n_provinces = 0;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  gtk_string_list_append (choices, _("Not given"));
  for (guint i = 0; i < n_provinces; i++)
    gtk_string_list_append (choices, provinces[i].short_name);
  return G_LIST_MODEL (choices);
}

static guint
province_position (const char *code)
{
  guint n_provinces = 0;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  for (guint i = 0; code != NULL && i < n_provinces; i++)
    if (g_str_equal (provinces[i].code, code))
      return i + 1;
  return 0;
}

static void
on_province_selected_cb (CrmCustomerDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->province_dropdown);
  guint n_provinces = 0;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  crm_customer_editor_set_field (self->editor, CRM_CUSTOMER_FIELD_PROVINCE,
                                 selected == 0 || selected > n_provinces ? "" : provinces[selected - 1].code);
}

static void
on_kind_selected_cb (CrmCustomerDialog *self)
{
  crm_customer_editor_set_kind (self->editor, gtk_drop_down_get_selected (self->kind_dropdown) == 1
                                              ? CRM_CUSTOMER_KIND_ORGANISATION : CRM_CUSTOMER_KIND_PERSON);
}

static void
on_status_selected_cb (CrmCustomerDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (selected <= CRM_CUSTOMER_STATUS_INACTIVE)
    crm_customer_editor_set_status (self->editor, selected);
}

static void
on_gender_selected_cb (CrmCustomerDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->gender_dropdown);

  crm_customer_editor_set_gender (self->editor, selected < G_N_ELEMENTS (genders) ? genders[selected] : NULL);
}

static void
on_source_selected_cb (CrmCustomerDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);

  crm_customer_editor_set_source (self->editor, selected < G_N_ELEMENTS (sources) ? sources[selected] : NULL);
}

static void
on_assignee_selected_cb (CrmCustomerDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->assignee_dropdown);

  if (selected < self->assignee_ids->len)
    crm_customer_editor_set_assigned_to (self->editor, g_array_index (self->assignee_ids, gint64, selected));
}

static void
on_category_selected_cb (CrmCustomerDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);

  if (selected < self->category_ids->len)
    crm_customer_editor_set_category_id (self->editor, g_array_index (self->category_ids, gint64, selected));
}

/* The people this user may give the customer to.  Whoever holds it now
 * stays in the list even when this user could not pick them, so the
 * form shows the truth; only managers and administrators may change it. */
static void
fill_assignees (CrmCustomerDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = crm_user_store_list_assignees (self->store, self->session, NULL);
  gint64 current = crm_customer_editor_get_assigned_to (self->editor);

  g_array_set_size (self->assignee_ids, 0);
  /* A new customer left unassigned goes to whoever the company's rule picks. */
  gtk_string_list_append (names, crm_customer_editor_get_id (self->editor) == 0 ? _("By the company's rule")
                                                                               : _("Nobody"));
  g_array_append_val (self->assignee_ids, (gint64) { 0 });
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const CrmUserEntry *user = g_ptr_array_index (users, i);

      gtk_string_list_append (names, user->full_name);
      g_array_append_val (self->assignee_ids, user->id);
    }
  if (id_position (self->assignee_ids, current) == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *name = crm_user_store_get_full_name (self->store, current, NULL);

      gtk_string_list_append (names, name ? name : _("Unknown user"));
      g_array_append_val (self->assignee_ids, current);
    }
  gtk_drop_down_set_model (self->assignee_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->assignee_dropdown),
                            crm_session_get_role (self->session) != CRM_ROLE_STAFF);
}

static void
fill_categories (CrmCustomerDialog *self)
{
  g_autoptr(GPtrArray) categories = crm_category_store_list_names (self->store, NULL);
  g_autoptr(GtkStringList) names = crm_category_choices_new (categories, _("No category"), 0, self->category_ids);

  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (names));
}

/* "Last contact … · Open opportunities …": the customer at a glance. */
static void
update_summary (CrmCustomerDialog *self)
{
  const CrmCustomer *customer = crm_customer_editor_get_original (self->editor);
  CrmCustomerSummary summary = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *last = NULL;
  g_autofree char *next = NULL;
  g_autofree char *pipeline = NULL;
  g_autofree char *revenue = NULL;

  if (customer->id == 0 ||
      !crm_customer_store_summary (self->store, self->session, customer->id, &summary, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
      return;
    }
  last = crm_day_format (customer->last_contact_at);
  next = crm_day_format (customer->next_contact_due);
  pipeline = crm_money_format (summary.pipeline_value);
  revenue = crm_money_format (summary.revenue);
  g_string_append_printf (text, _("Last contact: %s · Next contact due: %s"),
                          *last ? last : _("never"), *next ? next : _("not planned"));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Open opportunities: %u (%s) · Quotes: %u, %u open · "
                                  "Contracts: %u, %u active · Orders: %u · Revenue: %s"),
                          summary.open_opportunities, pipeline, summary.quotes, summary.open_quotes,
                          summary.contracts, summary.active_contracts, summary.orders, revenue);
  gtk_label_set_label (self->summary_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
}

/* Logging a contact moves the customer's last contact and next contact
 * due: the draft takes the new dates without losing what was typed. */
static void
on_history_changed_cb (CrmCustomerDialog *self)
{
  crm_customer_editor_refresh_contact_dates (self->editor, NULL);
  update_summary (self);
}

static void
on_tab_shown_cb (GtkNotebook *notebook,
                 GtkWidget   *page,
                 guint        page_num,
                 gpointer     user_data)
{
  if (CRM_IS_HISTORY_PANE (page))
    crm_history_pane_reload (CRM_HISTORY_PANE (page));
}

/* The tabs of what the office keeps about a saved customer. */
static void
add_related_tabs (CrmCustomerDialog *self)
{
  gint64 id = crm_customer_editor_get_id (self->editor);
  GtkWidget *contacts, *interactions, *documents, *history;

  if (id == 0)
    return;
  contacts = crm_contacts_pane_new (self->store, self->session, id);
  g_signal_connect_object (contacts, "changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  gtk_notebook_append_page (self->notebook, contacts, gtk_label_new_with_mnemonic (_("C_ontacts")));
  interactions = crm_interactions_pane_new (self->store, self->session, id);
  crm_interactions_pane_set_contacts (CRM_INTERACTIONS_PANE (interactions),
                                      crm_contacts_pane_get_contacts (CRM_CONTACTS_PANE (contacts)));
  g_signal_connect_object (interactions, "changed", G_CALLBACK (on_history_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_notebook_append_page (self->notebook, interactions, gtk_label_new_with_mnemonic (_("_Interactions")));
  documents = crm_documents_pane_new (self->store, self->session, id);
  g_signal_connect_object (documents, "changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  gtk_notebook_append_page (self->notebook, documents, gtk_label_new_with_mnemonic (_("_Documents")));
  /* The stage of the sale and the care actions of each stage. */
  gtk_notebook_append_page (self->notebook, crm_customer_care_pane_new (self->store, self->session, id),
                            gtk_label_new_with_mnemonic (_("Ca_re")));
  /* What changed, by whom and when; read again whenever the tab is shown. */
  history = crm_history_pane_new (self->store, self->session, "customer", id);
  gtk_notebook_append_page (self->notebook, history, gtk_label_new_with_mnemonic (_("_History")));
  g_signal_connect_object (self->notebook, "switch-page", G_CALLBACK (on_tab_shown_cb), self, 0);
}

static const char *
reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "tax_code") == 0)
    return _("same tax code");
  if (g_strcmp0 (reason, "phone") == 0)
    return _("same phone");
  if (g_strcmp0 (reason, "email") == 0)
    return _("same email");
  if (g_strcmp0 (reason, "name") == 0)
    return _("same name in the same province");
  return _("several details alike");
}

/* Each customer the draft may duplicate is a link to its profile. */
static void
on_duplicates_changed_cb (CrmCustomerDialog *self)
{
  GPtrArray *duplicates = crm_customer_editor_get_duplicates (self->editor);
  guint hidden = crm_customer_editor_get_hidden_duplicates (self->editor);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < duplicates->len; i++)
    {
      const CrmDuplicate *duplicate = g_ptr_array_index (duplicates, i);
      g_auto(GStrv) reasons = g_strsplit (duplicate->reason, ",", -1);
      g_autofree char *link = g_markup_printf_escaped ("<a href=\"customer:%" G_GINT64_FORMAT "\">%s %s</a>",
                                                       duplicate->id, duplicate->code, duplicate->full_name);
      g_autofree char *reason = g_markup_escape_text (reason_label (reasons[0]), -1);

      if (i == 0)
        g_string_append_printf (text, _("Maybe already recorded: %s (%s)"), link, reason);
      else
        g_string_append_printf (text, ", %s (%s)", link, reason);
    }
  if (hidden > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u customer you cannot see has the same details; ask your manager.",
                                                            "%u customers you cannot see have the same details; ask your manager.",
                                                            hidden), hidden);
      g_autofree char *escaped = g_markup_escape_text (note, -1);

      if (text->len > 0)
        g_string_append (text, ". ");
      g_string_append (text, escaped);
    }
  gtk_label_set_markup (self->duplicates_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_label), text->len > 0);
}

/* A duplicate's link opens its profile beside this one. */
static gboolean
on_duplicate_link_cb (CrmCustomerDialog *self,
                      const char        *uri,
                      GtkLabel          *label)
{
  g_autoptr(GError) error = NULL;
  CrmCustomerDialog *other;
  gint64 id;

  if (!g_str_has_prefix (uri, "customer:"))
    return FALSE;
  id = g_ascii_strtoll (uri + strlen ("customer:"), NULL, 10);
  other = crm_customer_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)), self->store, self->session,
                                   id, 0, &error);
  if (other == NULL)
    {
      show_message (self, error->message);
      return TRUE;
    }
  gtk_window_set_modal (GTK_WINDOW (other), TRUE);
  gtk_window_present (GTK_WINDOW (other));
  return TRUE;
}

static void
sync_choices (CrmCustomerDialog *self)
{
  guint position;

  gtk_drop_down_set_selected (self->gender_dropdown,
                              code_position (genders, G_N_ELEMENTS (genders),
                                             crm_customer_editor_get_gender (self->editor)));
  gtk_drop_down_set_selected (self->source_dropdown,
                              code_position (sources, G_N_ELEMENTS (sources),
                                             crm_customer_editor_get_source (self->editor)));
  fill_assignees (self);
  gtk_drop_down_set_selected (self->assignee_dropdown,
                              id_position (self->assignee_ids, crm_customer_editor_get_assigned_to (self->editor)));
  fill_categories (self);
  position = id_position (self->category_ids, crm_customer_editor_get_category_id (self->editor));
  gtk_drop_down_set_selected (self->category_dropdown, position == GTK_INVALID_LIST_POSITION ? 0 : position);
  gtk_drop_down_set_selected (self->kind_dropdown, crm_customer_editor_get_kind (self->editor));
  gtk_drop_down_set_selected (self->status_dropdown, crm_customer_editor_get_status (self->editor));
  gtk_drop_down_set_selected (self->province_dropdown,
                              province_position (crm_customer_editor_get_field (self->editor,
                                                                                CRM_CUSTOMER_FIELD_PROVINCE)));
}

static void
on_save_button_clicked_cb (CrmCustomerDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_customer_editor_save (self->editor, &error))
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, crm_customer_editor_get_id (self->editor));
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_discard_response_cb (GtkDialog         *dialog,
                        int                response,
                        CrmCustomerDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_REJECT)
    return;
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Unsaved changes are never dropped silently. */
static void
ask_discard (CrmCustomerDialog *self)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              "%s", _("Discard the changes to this customer?"));

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("What you typed has not been saved."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Keep Editing"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The main window's Quotes section starts the quote for this customer. */
static void
on_new_quote_button_clicked_cb (CrmCustomerDialog *self)
{
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (main_window), "win.make-record", "(ssx)", "quotes", "customer",
                                crm_customer_editor_get_id (self->editor));
}

static void
on_cancel_button_clicked_cb (CrmCustomerDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
crm_customer_dialog_close_request (GtkWindow *window)
{
  CrmCustomerDialog *self = CRM_CUSTOMER_DIALOG (window);

  if (!self->closing && crm_customer_editor_get_dirty (self->editor))
    {
      ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (crm_customer_dialog_parent_class)->close_request (window);
}

static void
crm_customer_dialog_dispose (GObject *object)
{
  CrmCustomerDialog *self = CRM_CUSTOMER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_DIALOG);
  g_clear_object (&self->editor);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_pointer (&self->assignee_ids, g_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);

  G_OBJECT_CLASS (crm_customer_dialog_parent_class)->dispose (object);
}

static void
crm_customer_dialog_class_init (CrmCustomerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_customer_dialog_dispose;
  window_class->close_request = crm_customer_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-customer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, duplicates_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, province_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, gender_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, age_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, notebook);
  for (guint field = 0; field < CRM_CUSTOMER_N_FIELDS; field++)
    {
      g_autofree char *entry_name = NULL;
      g_autofree char *error_name = NULL;

      if (field_widgets[field] == NULL)
        continue;
      entry_name = g_strconcat (field_widgets[field], "_entry", NULL);
      error_name = g_strconcat (field_widgets[field], "_error", NULL);
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (entry_name), FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (error_name), FALSE, 0);
    }
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDialog, new_quote_button);
  gtk_widget_class_bind_template_callback (widget_class, on_new_quote_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
}

static void
crm_customer_dialog_init (CrmCustomerDialog *self)
{
  g_autoptr(GListModel) provinces = province_choices ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->province_dropdown, provinces);
  self->assignee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

CrmCustomerDialog *
crm_customer_dialog_new (GtkWindow   *parent,
                         CrmStore    *store,
                         CrmSession  *session,
                         gint64       customer_id,
                         gint64       new_category_id,
                         GError     **error)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (store, session);
  CrmCustomerDialog *self;

  if (customer_id == 0)
    crm_customer_editor_start_new (editor, CRM_CUSTOMER_KIND_PERSON, new_category_id);
  else if (!crm_customer_editor_load (editor, customer_id, error))
    return NULL;

  self = g_object_new (CRM_TYPE_CUSTOMER_DIALOG, "transient-for", parent, NULL);
  gtk_window_set_title (GTK_WINDOW (self), customer_id == 0 ? _("New Customer")
                                                             : crm_customer_editor_get_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME));
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->editor = g_steal_pointer (&editor);
  gtk_widget_set_visible (self->new_quote_button, customer_id != 0);
  bind_fields (self);
  sync_choices (self);
  update_summary (self);
  add_related_tabs (self);
  g_signal_connect_object (self->province_dropdown, "notify::selected", G_CALLBACK (on_province_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected", G_CALLBACK (on_status_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gender_dropdown, "notify::selected", G_CALLBACK (on_gender_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_dropdown, "notify::selected", G_CALLBACK (on_source_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->assignee_dropdown, "notify::selected", G_CALLBACK (on_assignee_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected", G_CALLBACK (on_category_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::n-duplicates", G_CALLBACK (on_duplicates_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->duplicates_label, "activate-link", G_CALLBACK (on_duplicate_link_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}
