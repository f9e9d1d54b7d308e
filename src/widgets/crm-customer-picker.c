/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-picker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-picker.h"
#include "crm-customer-store.h"
#include "crm-search-store.h"
#include "crm-text.h"

/* Choosing a customer by typing: a few letters of the name without tones,
 * the code, a phone number or a contact's name list the customers the
 * user may see in a popover under the entry; Enter takes the first,
 * a click or Enter on a row takes that one.  Typing again after a choice
 * clears it until another is made, so "customer-id" is never a customer
 * whose name is no longer in the entry. */

#define PICKER_LIMIT 12

struct _CrmCustomerPicker
{
  GtkWidget    parent_instance;

  CrmStore    *store;
  CrmSession  *session;
  gint64       customer_id;
  char        *chosen_text;  /* what the entry shows for customer_id */
  gboolean     filling;      /* the entry is being set from a choice */

  GtkWidget   *entry;
  GtkWidget   *popover;
  GtkWidget   *results;
  GtkWidget   *message;
};

G_DEFINE_FINAL_TYPE (CrmCustomerPicker, crm_customer_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_customer (CrmCustomerPicker *self,
              gint64             customer_id,
              const char        *text)
{
  /* Setting the text empties the entry first, which GtkSearchEntry
   * reports at once (filling covers it); the new text it reports a moment
   * later: remember it so that report does not undo the choice.  @text
   * may belong to a row that report would free: keep a copy. */
  if (text != NULL)
    {
      g_free (self->chosen_text);
      self->chosen_text = g_strdup (text);
      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry), self->chosen_text);
      gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
      self->filling = FALSE;
      if (customer_id <= 0)
        g_clear_pointer (&self->chosen_text, g_free);
    }
  if (self->customer_id == customer_id)
    return;
  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

static void
choose_row (CrmCustomerPicker *self,
            GtkWidget         *row)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "customer-id"));

  set_customer (self, id, g_object_get_data (G_OBJECT (row), "display"));
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->entry);
}

static void
on_row_button_clicked_cb (GtkButton         *button,
                          CrmCustomerPicker *self)
{
  choose_row (self, gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW));
}

static void
on_row_activated_cb (GtkListBox        *box,
                     GtkListBoxRow     *row,
                     CrmCustomerPicker *self)
{
  choose_row (self, GTK_WIDGET (row));
}

static GtkWidget *
make_row (CrmCustomerPicker  *self,
          const CrmSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label;
  g_autofree char *display = NULL;

  /* A contact's hit is titled with the customer; its code is the
   * customer's code either way. */
  display = g_strdup_printf ("%s — %s", hit->code, hit->title);
  label = gtk_label_new (display);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_button_set_has_frame (GTK_BUTTON (button), FALSE);
  gtk_widget_set_focusable (button, FALSE);
  g_signal_connect (button, "clicked", G_CALLBACK (on_row_button_clicked_cb), self);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, display, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, display, -1);
  g_object_set_data (G_OBJECT (row), "customer-id", GSIZE_TO_POINTER ((gsize) hit->customer_id));
  g_object_set_data_full (G_OBJECT (row), "display", g_steal_pointer (&display), g_free);
  return row;
}

static void
clear_results (CrmCustomerPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->results)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->results), child);
}

/* Customers and contacts both lead to a customer; each customer once. */
static void
on_search_changed_cb (GtkSearchEntry    *entry,
                      CrmCustomerPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  if (self->filling || (self->customer_id > 0 && g_strcmp0 (text, self->chosen_text) == 0))
    return;
  set_customer (self, 0, NULL);
  clear_results (self);
  if (crm_text_is_blank (text))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  hits = crm_search_store_find (self->store, self->session, text, PICKER_LIMIT * 3, &error);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; hits != NULL && i < hits->len && shown < PICKER_LIMIT; i++)
    {
      CrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->customer_id <= 0 || g_hash_table_contains (seen, &hit->customer_id) ||
          !(g_str_equal (hit->kind, "customer") || g_str_equal (hit->kind, "contact")))
        continue;
      g_hash_table_add (seen, &hit->customer_id);
      gtk_list_box_append (GTK_LIST_BOX (self->results), make_row (self, hit));
      shown++;
    }
  if (hits == NULL)
    gtk_label_set_label (GTK_LABEL (self->message), error->message);
  else if (shown == 0)
    gtk_label_set_label (GTK_LABEL (self->message), _("No customer matches."));
  gtk_widget_set_visible (self->message, shown == 0);
  gtk_widget_set_visible (self->results, shown > 0);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_activate_cb (GtkSearchEntry    *entry,
                CrmCustomerPicker *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->results), 0);

  if (first != NULL && gtk_widget_get_visible (self->results))
    choose_row (self, GTK_WIDGET (first));
}

static void
on_stop_search_cb (GtkSearchEntry    *entry,
                   CrmCustomerPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Leaving the picker for another field closes the matches (focus moving
 * into them keeps them). */
static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   CrmCustomerPicker       *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Down from the entry moves into the list of matches. */
static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         CrmCustomerPicker     *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down || !gtk_widget_get_visible (self->popover))
    return FALSE;
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->results), 0);
  if (first == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

/* GObject --------------------------------------------------------------------- */

static void
crm_customer_picker_dispose (GObject *object)
{
  CrmCustomerPicker *self = CRM_CUSTOMER_PICKER (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->chosen_text, g_free);
  G_OBJECT_CLASS (crm_customer_picker_parent_class)->dispose (object);
}

static void
crm_customer_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmCustomerPicker *self = CRM_CUSTOMER_PICKER (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_picker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmCustomerPicker *self = CRM_CUSTOMER_PICKER (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID:
      crm_customer_picker_set_customer_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_picker_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CrmCustomerPicker *self = CRM_CUSTOMER_PICKER (widget);

  gtk_widget_size_allocate (self->entry, &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_widget_set_size_request (self->popover, width, -1);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
crm_customer_picker_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CrmCustomerPicker *self = CRM_CUSTOMER_PICKER (widget);

  gtk_widget_measure (self->entry, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static gboolean
crm_customer_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (CRM_CUSTOMER_PICKER (widget)->entry);
}

static void
crm_customer_picker_class_init (CrmCustomerPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customer_picker_dispose;
  object_class->get_property = crm_customer_picker_get_property;
  object_class->set_property = crm_customer_picker_set_property;
  widget_class->measure = crm_customer_picker_measure;
  widget_class->size_allocate = crm_customer_picker_size_allocate;
  widget_class->grab_focus = crm_customer_picker_grab_focus;

  /* The chosen customer, 0 while none is. */
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "crm-customer-picker");
}

static void
crm_customer_picker_init (CrmCustomerPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus;

  self->entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  g_object_set (self->entry, "placeholder-text", _("Name, code or phone of the customer"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Customer"), -1);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect (self->entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (self->entry, "stop-search", G_CALLBACK (on_stop_search_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_after (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  self->results = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->results), GTK_SELECTION_BROWSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matching customers"), -1);
  g_signal_connect (self->results, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  self->message = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->message, "dim-label");
  gtk_box_append (GTK_BOX (box), self->results);
  gtk_box_append (GTK_BOX (box), self->message);

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

/* Public ------------------------------------------------------------------------ */

GtkWidget *
crm_customer_picker_new (CrmStore   *store,
                         CrmSession *session)
{
  CrmCustomerPicker *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CUSTOMER_PICKER, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

gint64
crm_customer_picker_get_customer_id (CrmCustomerPicker *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PICKER (self), 0);
  return self->customer_id;
}

/* Shows a customer chosen elsewhere (a quote's customer); one the user may
 * not see, or 0, empties the picker. */
void
crm_customer_picker_set_customer_id (CrmCustomerPicker *self,
                                     gint64             customer_id)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autofree char *display = NULL;

  g_return_if_fail (CRM_IS_CUSTOMER_PICKER (self));

  if (customer_id > 0)
    customer = crm_customer_store_get (self->store, self->session, customer_id, NULL);
  if (customer != NULL)
    display = g_strdup_printf ("%s — %s", customer->code, customer->full_name);
  set_customer (self, customer != NULL ? customer_id : 0, display ? display : "");
}

/* The entry, e.g. as the mnemonic widget of a label. */
GtkWidget *
crm_customer_picker_get_entry (CrmCustomerPicker *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PICKER (self), NULL);
  return self->entry;
}
