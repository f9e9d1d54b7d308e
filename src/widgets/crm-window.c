/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customers-page.h"
#include "crm-empty-state.h"
#include "crm-overview.h"
#include "crm-search.h"
#include "crm-search-result.h"
#include "crm-window.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-users-page.h"
#include "crm-products-page.h"
#include "crm-quotes-page.h"
#include "crm-opportunities-page.h"
#include "crm-audit-page.h"
#include "crm-calendar-page.h"
#include "crm-orders-page.h"
#include "crm-contracts-page.h"
#include "crm-care-page.h"
#include "crm-campaigns-page.h"
#include "crm-reports-page.h"
#include "crm-auto-backup.h"

#define SEARCH_LIMIT          30
#define REFRESH_INTERVAL_SECS 2
#define N_SECTIONS            10

struct _CrmWindow
{
  GtkApplicationWindow  parent_instance;

  CrmStore             *store;
  CrmSession           *session;
  CrmOverview          *overview;
  CrmSearch            *search;
  CrmCustomersPage     *customers_page;
  GtkWidget            *pages[N_SECTIONS];  /* built screens, by section index */
  GSettings            *settings;
  guint                 refresh_source;
  CrmAutoBackup        *auto_backup;
  char                 *auto_backup_folder;   /* the last folder chosen, kept while off */
  gboolean              auto_backup_loading;  /* widgets follow the store: no writes */

  /* template */
  GtkSearchEntry       *search_entry;
  GtkPopover           *search_popover;
  GtkListBox           *search_results;
  GtkLabel             *search_message;
  GtkStack             *stack;
  GtkBox               *sidebar;
  GtkLabel             *database_path_label;
  GtkLabel             *schema_version_label;
  GtkLabel             *user_label;
  GtkLabel             *backup_status_label;
  GtkNotebook          *settings_notebook;
  GtkSwitch            *auto_backup_switch;
  GtkButton            *auto_backup_folder_button;
  GtkLabel             *auto_backup_folder_label;
  GtkSpinButton        *auto_backup_keep_spin;
  GtkLabel             *auto_backup_note_label;
  GtkLabel             *auto_backup_status_label;
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, GTK_TYPE_APPLICATION_WINDOW)

/* Generated with the UI GResource; naming it keeps its object (and the
 * constructor registering the templates) in programs linking the static
 * widget library. */
GResource *crm_ui_get_resource (void);

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_AUTO_BACKUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sidebar, in order; names are the GSettings last-section choices. */
static const char *const sections[] = {
  "customers", "calendar", "opportunities", "quotes", "contracts",
  "orders", "products", "care", "reports", "settings",
};
G_STATIC_ASSERT (G_N_ELEMENTS (sections) == N_SECTIONS);

static void
open_customer (GtkWidget *page,
               gint64     customer_id)
{
  crm_customers_page_open_customer (CRM_CUSTOMERS_PAGE (page), customer_id);
}

/* The Reports section: the business reports, and beside them the
 * marketing campaigns the campaign report follows. */
static GtkWidget *
reports_section_new (CrmStore   *store,
                     CrmSession *session)
{
  GtkWidget *page = crm_reports_page_new (store, session);

  crm_reports_page_add_tab (CRM_REPORTS_PAGE (page), crm_campaigns_page_new (store, session),
                            _("Campaigns"));
  return page;
}

/* The screens built so far; the other sections show an empty state. */
static const CrmSectionPage section_pages[] = {
  { "customers", crm_customers_page_new, open_customer, NULL },
  { "products", crm_products_page_new, crm_products_page_open_record, NULL },
  { "quotes", crm_quotes_page_new, crm_quotes_page_open_record, crm_quotes_page_make_from },
  { "opportunities", crm_opportunities_page_new, crm_opportunities_page_open_record, NULL },
  { "orders", crm_orders_page_new, crm_orders_page_open_record, crm_orders_page_make_from },
  { "contracts", crm_contracts_page_new, crm_contracts_page_open_record, crm_contracts_page_make_from },
  { "care", crm_care_page_new, crm_care_page_open_record, NULL },
  { "calendar", crm_calendar_page_new, crm_calendar_page_open_record, NULL },
  { "reports", reports_section_new, NULL, NULL },
  /* one line per built section */
};

static const CrmSectionPage *
find_section_page (const char *section)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_pages); i++)
    if (g_strcmp0 (section_pages[i].section, section) == 0)
      return &section_pages[i];
  return NULL;
}

/* The template holds an empty state for every section but these two. */
static gboolean
has_state_in_template (const char *section)
{
  return !g_str_equal (section, "customers") && !g_str_equal (section, "settings");
}

static gboolean
has_empty_state (const char *section)
{
  return has_state_in_template (section) && find_section_page (section) == NULL;
}

static int
section_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i], name) == 0)
      return (int) i;
  return -1;
}

static gboolean
is_section (const char *name)
{
  return section_index (name) >= 0;
}

/* What each section honestly holds today: the visible record count, and
 * that the screen to work on it is not built yet. */
static char *
describe_section (const char *section,
                  gint64      n)
{
  gulong count = (gulong) MAX (n, 0);

  if (g_str_equal (section, "calendar"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu event or task is on your calendar.",
                                         "%lu events and tasks are on your calendar.", count), count);
  if (g_str_equal (section, "opportunities"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu sales opportunity is recorded.",
                                         "%lu sales opportunities are recorded.", count), count);
  if (g_str_equal (section, "quotes"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu quote is recorded.",
                                         "%lu quotes are recorded.", count), count);
  if (g_str_equal (section, "contracts"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu contract is recorded.",
                                         "%lu contracts are recorded.", count), count);
  if (g_str_equal (section, "orders"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu order is recorded.",
                                         "%lu orders are recorded.", count), count);
  if (g_str_equal (section, "products"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu product is on sale.",
                                         "%lu products are on sale.", count), count);
  if (g_str_equal (section, "care"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu customer care case is recorded.",
                                         "%lu customer care cases are recorded.", count), count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu marketing campaign is recorded.",
                                       "%lu marketing campaigns are recorded.", count), count);
}

static void
update_section_counts (CrmWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *count_name = g_strconcat (sections[i], "_count", NULL);
      GObject *label = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_WINDOW, count_name);
      gint64 n = crm_overview_get_count (self->overview, sections[i]);
      g_autofree char *count = NULL;

      if (n < 0)
        continue;
      if (has_empty_state (sections[i]))
        {
          g_autofree char *state_name = g_strconcat (sections[i], "_state", NULL);
          g_autofree char *description = describe_section (sections[i], n);
          GObject *state = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_WINDOW, state_name);

          crm_empty_state_set_description (CRM_EMPTY_STATE (state), description);
        }
      /* Reports count campaigns in their text, not as a number in the
       * sidebar, where it would read as a number of reports. */
      if (g_str_equal (sections[i], "reports"))
        continue;
      count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
      gtk_label_set_label (GTK_LABEL (label), count);
    }
}

static void
refresh_overview (CrmWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_overview_refresh (self->overview, &error))
    {
      g_warning ("Cannot count records: %s", error->message);
      return;
    }
  update_section_counts (self);
}

/* Another process (a second window, a headless import) may commit to the
 * same file; the counts follow within a couple of seconds. */
static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);

  if (crm_store_changed_elsewhere (self->store))
    {
      refresh_overview (self);
      crm_customers_page_reload (self->customers_page);
    }
  return G_SOURCE_CONTINUE;
}

/* Search -------------------------------------------------------------------- */

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "customer") == 0)
    return _("Customer");
  if (g_strcmp0 (kind, "contact") == 0)
    return _("Contact");
  if (g_strcmp0 (kind, "quote") == 0)
    return _("Quote");
  if (g_strcmp0 (kind, "contract") == 0)
    return _("Contract");
  if (g_strcmp0 (kind, "order") == 0)
    return _("Order");
  return _("Product");
}

static const char *
kind_section (const char *kind)
{
  if (g_strcmp0 (kind, "quote") == 0)
    return "quotes";
  if (g_strcmp0 (kind, "contract") == 0)
    return "contracts";
  if (g_strcmp0 (kind, "order") == 0)
    return "orders";
  if (g_strcmp0 (kind, "product") == 0)
    return "products";
  if (g_strcmp0 (kind, "opportunity") == 0)
    return "opportunities";
  if (g_strcmp0 (kind, "event") == 0)
    return "calendar";
  if (g_strcmp0 (kind, "care_case") == 0)
    return "care";
  return "customers";
}

static void open_hit_row (CrmWindow     *self,
                          GtkListBoxRow *row);

/* Shows the record's section and, when its screen opens records, the
 * record in its editor. */
static void
open_record (CrmWindow  *self,
             const char *kind,
             gint64      id)
{
  const char *section = kind_section (kind);
  const CrmSectionPage *page = find_section_page (section);

  crm_window_show_section (self, section);
  gtk_window_present (GTK_WINDOW (self));
  if (page != NULL && page->open != NULL && id > 0)
    page->open (self->pages[section_index (section)], id);
}

/* A hit is a flat button inside its row: clicking, Enter on the row and
 * the accessibility "click" action all open it. */
static void
on_hit_button_clicked_cb (GtkButton *button,
                          CrmWindow *self)
{
  open_hit_row (self, GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW)));
}

static GtkWidget *
make_result_row (gpointer item,
                 gpointer user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  GtkWidget *button = gtk_button_new ();
  CrmSearchResult *result = CRM_SEARCH_RESULT (item);
  const char *kind_name = crm_search_result_get_kind (result);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *kind = gtk_label_new (kind_label (kind_name));
  GtkWidget *code = gtk_label_new (crm_search_result_get_code (result));
  GtkWidget *title = gtk_label_new (crm_search_result_get_title (result));
  g_autofree char *accessible = g_strdup_printf ("%s %s %s", kind_label (kind_name),
                                                 crm_search_result_get_code (result),
                                                 crm_search_result_get_title (result));

  gtk_widget_add_css_class (row, "crm-search-hit");
  gtk_widget_add_css_class (kind, "kind");
  gtk_widget_add_css_class (code, "code");
  gtk_label_set_width_chars (GTK_LABEL (kind), 10);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_width_chars (GTK_LABEL (code), 14);
  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), title);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_button_set_has_frame (GTK_BUTTON (button), FALSE);
  gtk_widget_set_focusable (button, FALSE);
  g_signal_connect (button, "clicked", G_CALLBACK (on_hit_button_clicked_cb), self);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* Customers and their contacts open the customer's profile; the
   * others their own record. */
  if (g_str_equal (kind_name, "customer") || g_str_equal (kind_name, "contact"))
    {
      g_object_set_data (G_OBJECT (row), "kind", (gpointer) "customer");
      g_object_set_data (G_OBJECT (row), "record-id",
                         GSIZE_TO_POINTER ((gsize) crm_search_result_get_customer_id (result)));
    }
  else
    {
      g_object_set_data_full (G_OBJECT (row), "kind", g_strdup (kind_name), g_free);
      g_object_set_data (G_OBJECT (row), "record-id",
                         GSIZE_TO_POINTER ((gsize) crm_search_result_get_ref_id (result)));
    }
  return row;
}

/* The popover shows whatever the search controller holds once it is done
 * with the latest query; stale queries never reach the screen. */
static void
on_search_busy_changed_cb (CrmWindow  *self,
                           GParamSpec *pspec,
                           CrmSearch  *search)
{
  const char *message = crm_search_get_message (search);

  if (crm_search_get_busy (search))
    return;
  gtk_label_set_label (self->search_message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->search_message), message != NULL);
  if (crm_text_is_blank (crm_search_get_query (search)))
    gtk_popover_popdown (self->search_popover);
  else
    gtk_popover_popup (self->search_popover);
}

static void
on_search_entry_search_changed_cb (CrmWindow      *self,
                                   GtkSearchEntry *entry)
{
  crm_search_set_query (self->search, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
open_hit_row (CrmWindow     *self,
              GtkListBoxRow *row)
{
  g_return_if_fail (row != NULL);

  const char *kind = g_object_get_data (G_OBJECT (row), "kind");
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "record-id"));

  gtk_popover_popdown (self->search_popover);
  open_record (self, kind, id);
}

static void
on_search_entry_activate_cb (CrmWindow      *self,
                             GtkSearchEntry *entry)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->search_results, 0);

  if (row != NULL && gtk_list_box_row_get_activatable (row))
    open_hit_row (self, row);
}

static void
on_search_entry_stop_search_cb (CrmWindow      *self,
                                GtkSearchEntry *entry)
{
  gtk_popover_popdown (self->search_popover);
}

static void
on_search_results_row_activated_cb (CrmWindow     *self,
                                    GtkListBoxRow *row,
                                    GtkListBox    *list)
{
  open_hit_row (self, row);
}

/* Down in the search entry moves into the results, as in any launcher. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          CrmWindow             *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down || !gtk_widget_get_visible (GTK_WIDGET (self->search_popover)))
    return FALSE;
  row = gtk_list_box_get_row_at_index (self->search_results, 0);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->search_results, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

/* Actions ------------------------------------------------------------------- */

/* The title names the section, so the task switcher (and a screen
 * reader) says where the user is. */
static void
update_title (CrmWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  const char *section = child ? gtk_stack_page_get_title (gtk_stack_get_page (self->stack, child)) : NULL;
  g_autofree char *title = section ? g_strdup_printf ("%s — Sổ Khách", section) : g_strdup ("Sổ Khách");

  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
section_change_state (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  const char *section = g_variant_get_string (state, NULL);

  if (!is_section (section))
    return;
  g_simple_action_set_state (action, state);
  gtk_stack_set_visible_child_name (self->stack, section);
  update_title (self);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-section", section);
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_backup_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       CrmWindow       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) &&
      (path = g_file_get_path (file)))
    {
      if (crm_store_backup (self->store, path, &error))
        message = g_strdup_printf (_("Backup saved to “%s”."), path);
      else
        message = g_strdup_printf (_("The backup failed: %s"), error->message);
      gtk_label_set_label (self->backup_status_label, message);
      crm_window_show_section (self, "settings");
    }
  g_object_unref (dialog);
}

static void
backup_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M");
  g_autofree char *name = g_strdup_printf ("sokhach-%s.db", stamp);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Back Up Database"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_backup_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Automatic backup ------------------------------------------------------------ */

/* The switch, the folder and the number to keep as stored; setting the
 * widgets here writes nothing back. */
static void
load_auto_backup_settings (CrmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  guint keep = CRM_AUTO_BACKUP_KEEP_DEFAULT;

  if (!crm_store_get_auto_backup (self->store, &folder, &keep, &error))
    {
      gtk_label_set_label (self->auto_backup_status_label, error->message);
      return;
    }
  if (folder[0] != '\0')
    {
      g_free (self->auto_backup_folder);
      self->auto_backup_folder = g_strdup (folder);
    }
  self->auto_backup_loading = TRUE;
  gtk_switch_set_active (self->auto_backup_switch, folder[0] != '\0');
  gtk_spin_button_set_value (self->auto_backup_keep_spin, keep);
  self->auto_backup_loading = FALSE;
  gtk_label_set_label (self->auto_backup_folder_label,
                       self->auto_backup_folder ? self->auto_backup_folder : _("No folder chosen"));
}

/* What the last look of the schedule found, quietly. */
static void
show_auto_backup_outcome (CrmWindow *self)
{
  GtkWidget *label = GTK_WIDGET (self->auto_backup_status_label);
  const GError *error = self->auto_backup ? crm_auto_backup_get_error (self->auto_backup) : NULL;
  GDateTime *last = self->auto_backup ? crm_auto_backup_get_last_time (self->auto_backup) : NULL;
  const char *folder = self->auto_backup ? crm_auto_backup_get_folder (self->auto_backup) : NULL;
  g_autofree char *stamp = last ? g_date_time_format (last, "%d/%m/%Y %H:%M") : NULL;
  g_autofree char *text = NULL;

  if (self->auto_backup == NULL)
    text = g_strdup ("");
  else if (error != NULL)
    text = g_strdup_printf (_("The automatic backup failed: %s"), error->message);
  else if (crm_auto_backup_get_busy (self->auto_backup) && folder == NULL)
    text = g_strdup (_("Looking for the last automatic backup…"));
  else if (folder == NULL)
    text = g_strdup (_("The automatic backup is off."));
  else if (stamp != NULL)
    text = g_strdup_printf (_("Last automatic backup: %s to %s"), stamp, folder);
  else
    text = g_strdup (_("No automatic backup has been made yet."));
  gtk_label_set_label (GTK_LABEL (label), text);
  if (error != NULL)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
on_auto_backup_finished_cb (CrmWindow     *self,
                            GFile         *written,
                            GError        *error,
                            CrmAutoBackup *auto_backup)
{
  load_auto_backup_settings (self);
  show_auto_backup_outcome (self);
}

/* A refused change shows why and puts the widgets back as stored; a
 * saved one is looked at by the schedule at once. */
static void
after_auto_backup_change (CrmWindow    *self,
                          const GError *error)
{
  load_auto_backup_settings (self);
  if (error != NULL)
    {
      gtk_label_set_label (self->auto_backup_status_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->auto_backup_status_label), "error");
      return;
    }
  if (self->auto_backup != NULL)
    crm_auto_backup_check (self->auto_backup);
}

static void
save_auto_backup_folder (CrmWindow  *self,
                         const char *folder)
{
  g_autoptr(GError) error = NULL;

  if (crm_auto_backup_set_folder (self->store, self->session, folder, &error) && folder[0] != '\0')
    {
      g_free (self->auto_backup_folder);
      self->auto_backup_folder = g_canonicalize_filename (folder, NULL);
    }
  after_auto_backup_change (self, error);
}

static void
on_auto_backup_folder_response_cb (GtkNativeDialog *dialog,
                                   int              response,
                                   CrmWindow       *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) &&
      (path = g_file_get_path (folder)))
    save_auto_backup_folder (self, path);
  else
    load_auto_backup_settings (self);
  g_object_unref (dialog);
}

static void
choose_auto_backup_folder (CrmWindow *self)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose the Backup Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (self->auto_backup_folder != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (self->auto_backup_folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), current, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_auto_backup_folder_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_auto_backup_folder_clicked_cb (CrmWindow *self,
                                  GtkButton *button)
{
  choose_auto_backup_folder (self);
}

/* On uses the folder chosen before, or asks for one; off forgets the
 * setting but the window keeps the folder to offer it again. */
static void
on_auto_backup_switch_active_cb (CrmWindow  *self,
                                 GParamSpec *pspec,
                                 GtkSwitch  *toggle)
{
  if (self->auto_backup_loading)
    return;
  if (!gtk_switch_get_active (toggle))
    save_auto_backup_folder (self, "");
  else if (self->auto_backup_folder != NULL)
    save_auto_backup_folder (self, self->auto_backup_folder);
  else
    choose_auto_backup_folder (self);
}

static void
on_auto_backup_keep_changed_cb (CrmWindow     *self,
                                GtkSpinButton *spin)
{
  g_autoptr(GError) error = NULL;

  if (self->auto_backup_loading)
    return;
  crm_auto_backup_set_keep (self->store, self->session, (guint) gtk_spin_button_get_value_as_int (spin), &error);
  after_auto_backup_change (self, error);
}

static void
set_auto_backup (CrmWindow     *self,
                 CrmAutoBackup *auto_backup)
{
  if (self->auto_backup == auto_backup)
    return;
  if (self->auto_backup != NULL)
    g_signal_handlers_disconnect_by_data (self->auto_backup, self);
  g_set_object (&self->auto_backup, auto_backup);
  if (auto_backup != NULL)
    {
      g_signal_connect_object (auto_backup, "finished", G_CALLBACK (on_auto_backup_finished_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (auto_backup, "notify::busy", G_CALLBACK (show_auto_backup_outcome),
                               self, G_CONNECT_SWAPPED);
    }
  show_auto_backup_outcome (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_BACKUP]);
}

/* Only administrators change the schedule; others see it. */
static void
fill_auto_backup_section (CrmWindow *self)
{
  gboolean admin = crm_session_get_role (self->session) == CRM_ROLE_ADMIN;

  load_auto_backup_settings (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_backup_switch), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_backup_folder_button), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_backup_keep_spin), admin);
  gtk_widget_set_visible (GTK_WIDGET (self->auto_backup_note_label), !admin);
  g_signal_connect_object (self->auto_backup_switch, "notify::active",
                           G_CALLBACK (on_auto_backup_switch_active_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->auto_backup_keep_spin, "value-changed",
                           G_CALLBACK (on_auto_backup_keep_changed_cb), self, G_CONNECT_SWAPPED);
  show_auto_backup_outcome (self);
}

/* Changing one's own password: the current one, then the new one twice.
 * A refusal shows in the form, which keeps the new password typed. */
typedef struct
{
  CrmWindow        *self;
  GtkWindow        *window;
  GtkPasswordEntry *entries[3];
  GtkLabel         *error_label;
} PasswordForm;

static void
on_password_save_cb (GtkButton    *button,
                     PasswordForm *form)
{
  g_autoptr(GError) error = NULL;
  const char *current = gtk_editable_get_text (GTK_EDITABLE (form->entries[0]));
  const char *fresh = gtk_editable_get_text (GTK_EDITABLE (form->entries[1]));

  if (g_strcmp0 (fresh, gtk_editable_get_text (GTK_EDITABLE (form->entries[2]))) != 0)
    g_set_error_literal (&error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                         _("The two new passwords are not the same. Type the new password again."));
  else
    crm_user_store_set_password (form->self->store, form->self->session,
                                 crm_session_get_user_id (form->self->session), fresh, current, &error);
  if (error != NULL)
    {
      gtk_label_set_label (form->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (form->entries[0]), "");
      return;
    }
  gtk_label_set_label (form->self->backup_status_label, _("Your password was changed."));
  gtk_window_destroy (form->window);
}

static void
change_password_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  PasswordForm *form = g_new0 (PasswordForm, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Change Password"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  const char *labels[] = { _("Current password"), _("New password"), _("New password again") };

  form->self = self;
  form->window = GTK_WINDOW (window);
  g_object_set_data_full (G_OBJECT (window), "form", form, g_free);
  gtk_window_set_title (GTK_WINDOW (window), _("Change My Password"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 380, -1);
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect (save, "clicked", G_CALLBACK (on_password_save_cb), form);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      form->entries[i] = GTK_PASSWORD_ENTRY (gtk_password_entry_new ());
      gtk_password_entry_set_show_peek_icon (form->entries[i], TRUE);
      g_object_set (form->entries[i], "placeholder-text", labels[i], NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form->entries[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      labels[i], -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->entries[i]));
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

/* win.open-record ("(sx)"): a kind ("quote", "customer", …) and its id. */
static void
open_record_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  const char *kind;
  gint64 id;

  g_variant_get (parameter, "(&sx)", &kind, &id);
  open_record (self, kind, id);
}

/* win.make-record ("(ssx)"): the section of the new record, and the kind
 * and id of the record it is made from, e.g. ("contracts", "quote", 12). */
static void
make_record_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  const CrmSectionPage *page;
  const char *section, *kind;
  gint64 id;

  g_variant_get (parameter, "(&s&sx)", &section, &kind, &id);
  page = find_section_page (section);
  if (page == NULL || page->make_from == NULL)
    {
      g_warning ("No screen makes a record of “%s” from a %s", section, kind);
      return;
    }
  crm_window_show_section (self, section);
  gtk_window_present (GTK_WINDOW (self));
  page->make_from (self->pages[section_index (section)], kind, id);
}

static const GActionEntry window_actions[] = {
  { .name = "open-record", .parameter_type = "(sx)", .activate = open_record_activated },
  { .name = "make-record", .parameter_type = "(ssx)", .activate = make_record_activated },
  { .name = "change-password", .activate = change_password_activated },
  { .name = "section", .parameter_type = "s", .state = "'customers'", .change_state = section_change_state },
  { .name = "search", .activate = search_activated },
  { .name = "backup", .activate = backup_activated },
};

/* Window state ------------------------------------------------------------- */

static void
restore_window_state (CrmWindow *self)
{
  g_autofree char *section = NULL;

  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  section = g_settings_get_string (self->settings, "last-section");
  crm_window_show_section (self, section);
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  CrmWindow *self = CRM_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

/* Settings are optional so the program still runs from a build tree
 * whose schema was not installed or compiled. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("GSettings schema %s not found; window state will not be kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* The audit log grows with every change: read it again when shown. */
static void
on_settings_page_cb (CrmWindow   *self,
                     GtkWidget   *page,
                     guint        page_num,
                     GtkNotebook *notebook)
{
  if (CRM_IS_AUDIT_PAGE (page))
    crm_audit_page_reload (CRM_AUDIT_PAGE (page));
}

static void
fill_settings_page (CrmWindow *self)
{
  g_autofree char *version = g_strdup_printf ("%d", crm_store_get_schema_version (self->store));
  g_autofree char *user = g_strdup_printf ("%s (%s)", crm_session_get_full_name (self->session),
                                           crm_session_get_login (self->session));

  gtk_label_set_label (self->database_path_label, crm_store_get_path (self->store));
  gtk_label_set_label (self->schema_version_label, version);
  gtk_label_set_label (self->user_label, user);
}

static void
set_not_built_notes (CrmWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *state_name = g_strconcat (sections[i], "_state", NULL);
      GObject *state;

      if (!has_empty_state (sections[i]))
        continue;
      state = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_WINDOW, state_name);
      crm_empty_state_set_note (CRM_EMPTY_STATE (state),
                                  _("The screens to work with these records are not part of this version yet."));
    }
}

/* Puts a section's screen in place of its empty state; a screen with a
 * "changed" signal updates the sidebar counts at once. */
static void
build_section_page (CrmWindow            *self,
                    const CrmSectionPage *page)
{
  int index = section_index (page->section);
  g_autofree char *box_name = g_strconcat (page->section, "_box", NULL);
  GObject *box = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_WINDOW, box_name);
  GtkWidget *widget;

  g_return_if_fail (index >= 0 && box != NULL);

  if (has_state_in_template (page->section))
    {
      g_autofree char *state_name = g_strconcat (page->section, "_state", NULL);
      GObject *state = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_WINDOW, state_name);

      gtk_box_remove (GTK_BOX (box), GTK_WIDGET (state));
    }
  widget = page->page_new (self->store, self->session);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (box), widget);
  self->pages[index] = widget;
  if (g_signal_lookup ("changed", G_OBJECT_TYPE (widget)) != 0)
    g_signal_connect_object (widget, "changed", G_CALLBACK (refresh_overview), self, G_CONNECT_SWAPPED);
}

/* GObject --------------------------------------------------------------------- */

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  self->overview = crm_overview_new (self->store, self->session);
  for (guint i = 0; i < G_N_ELEMENTS (section_pages); i++)
    build_section_page (self, &section_pages[i]);
  self->customers_page = CRM_CUSTOMERS_PAGE (self->pages[section_index ("customers")]);
  self->search = crm_search_new (self->store, self->session);
  gtk_list_box_bind_model (self->search_results, crm_search_get_results (self->search),
                           make_result_row, self, NULL);
  g_signal_connect_object (self->search, "notify::busy", G_CALLBACK (on_search_busy_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "notify::message", G_CALLBACK (on_search_busy_changed_cb),
                           self, G_CONNECT_SWAPPED);
  set_not_built_notes (self);
  refresh_overview (self);
  fill_settings_page (self);
  fill_auto_backup_section (self);
  /* Users, teams and the sharing rules are the administrator's. */
  if (crm_session_get_role (self->session) == CRM_ROLE_ADMIN)
    {
      gtk_notebook_append_page (self->settings_notebook, crm_users_page_new (self->store, self->session),
                                gtk_label_new_with_mnemonic (_("_Users and Teams")));
      gtk_notebook_append_page (self->settings_notebook, crm_audit_page_new (self->store, self->session),
                                gtk_label_new_with_mnemonic (_("_Audit Log")));
      g_signal_connect_object (self->settings_notebook, "switch-page", G_CALLBACK (on_settings_page_cb),
                               self, G_CONNECT_SWAPPED);
    }
  restore_window_state (self);
  self->refresh_source = g_timeout_add_seconds (REFRESH_INTERVAL_SECS, on_refresh_timeout_cb, self);
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->auto_backup != NULL)
    g_signal_handlers_disconnect_by_data (self->auto_backup, self);
  g_clear_object (&self->auto_backup);
  g_clear_pointer (&self->auto_backup_folder, g_free);
  /* A search still running may finish after the window is gone. */
  if (self->search != NULL)
    g_signal_handlers_disconnect_by_data (self->search, self);
  if (self->search_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->search_popover));
      self->search_popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  g_clear_object (&self->overview);
  g_clear_object (&self->search);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_AUTO_BACKUP:
      g_value_set_object (value, self->auto_backup);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_AUTO_BACKUP:
      set_auto_backup (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_section_children (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *state_name = g_strconcat (sections[i], "_state", NULL);
      g_autofree char *box_name = g_strconcat (sections[i], "_box", NULL);
      g_autofree char *count_name = g_strconcat (sections[i], "_count", NULL);
      /* The class keeps the names: intern them. */
      const char *state = g_intern_string (state_name);
      const char *box = g_intern_string (box_name);
      const char *count = g_intern_string (count_name);

      if (has_state_in_template (sections[i]))
        gtk_widget_class_bind_template_child_full (widget_class, state, FALSE, 0);
      if (!g_str_equal (sections[i], "settings"))
        gtk_widget_class_bind_template_child_full (widget_class, box, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, count, FALSE, 0);
    }
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;
  window_class->close_request = crm_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The application's schedule, whose outcome the Settings page shows. */
  properties[PROP_AUTO_BACKUP] =
    g_param_spec_object ("auto-backup", NULL, NULL, CRM_TYPE_AUTO_BACKUP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) crm_ui_get_resource ();
  g_type_ensure (CRM_TYPE_EMPTY_STATE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_results);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_message);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, database_path_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, schema_version_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, user_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, backup_status_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, settings_notebook);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, auto_backup_folder_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, auto_backup_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, auto_backup_folder_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, auto_backup_keep_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, auto_backup_note_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, auto_backup_status_label);
  bind_section_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_results_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_auto_backup_folder_clicked_cb);
}

static void
crm_window_init (CrmWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->search_popover), GTK_WIDGET (self->search_entry));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  self->settings = load_settings ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
}

CrmWindow *
crm_window_new (GtkApplication *application,
                CrmStore       *store,
                CrmSession     *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "session", session,
                       NULL);
}

void
crm_window_show_section (CrmWindow  *self,
                         const char *section)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  if (!is_section (section))
    section = sections[0];
  g_action_group_change_action_state (G_ACTION_GROUP (self), "section",
                                      g_variant_new_string (section));
}

const char *
crm_window_get_section (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
