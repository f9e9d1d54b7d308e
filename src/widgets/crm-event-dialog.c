/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-event-dialog"

#include "config.h"

#include "crm-event-dialog.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-picker.h"
#include "crm-error.h"
#include "crm-event-store.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* Minutes before the start for each reminder choice; -1 for none. */
static const gint reminder_minutes[] = { -1, 15, 60, 24 * 60 };

enum {
  REPEAT_END_NEVER,
  REPEAT_END_UNTIL,
  REPEAT_END_COUNT,
};

/* The editor works on a copy: `original` is the event as given, the
 * fields are read into a draft on save, and the calendar controller
 * hands it to the store (which refuses a stale row_version). */
struct _CrmEventDialog
{
  GtkWindow              parent_instance;

  CrmStore              *store;
  CrmSession            *session;
  CrmCalendarController *calendar;
  CrmEvent              *original;
  gboolean               filling;
  gboolean               changed;
  gboolean               closing;
  gboolean               all_day_shown;    /* what the entries are formatted for */
  GtkToggleButton       *kind_buttons[CRM_EVENT_N_KINDS];
  GtkToggleButton       *reminder_buttons[G_N_ELEMENTS (reminder_minutes)];
  gboolean               reminder_touched; /* a reminder chosen: it replaces the event's */
  GtkWidget             *customer_picker;
  gint64                 picked_id;
  char                  *picked_text;
  char                  *auto_location;    /* the address put in for the customer */
  GArray                *participant_ids;  /* gint64 user ids offered, one per button */
  GPtrArray             *participant_buttons; /* GtkToggleButton, same order */

  /* template */
  GtkLabel              *message_label;
  GtkBox                *kind_box;
  GtkEntry              *title_entry;
  GtkSwitch             *all_day_switch;
  GtkEntry              *start_entry;
  GtkEntry              *end_entry;
  GtkLabel              *times_error_label;
  GtkBox                *customer_box;
  GtkEntry              *location_entry;
  GtkMenuButton         *participants_button;
  GtkBox                *participants_box;
  GtkDropDown           *repeat_dropdown;
  GtkDropDown           *repeat_end_dropdown;
  GtkEntry              *until_entry;
  GtkSpinButton         *count_spin;
  GtkLabel              *recurrence_error_label;
  GtkBox                *reminder_box;
  GtkLabel              *reminder_error_label;
  GtkTextView           *notes_view;
  GtkSwitch             *done_switch;
  GtkLabel              *series_label;
  GtkWidget             *delete_button;
};

G_DEFINE_FINAL_TYPE (CrmEventDialog, crm_event_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
clear_errors (CrmEventDialog *self)
{
  show_error (self->message_label, NULL);
  show_error (self->times_error_label, NULL);
  show_error (self->recurrence_error_label, NULL);
  show_error (self->reminder_error_label, NULL);
}

/* Customer --------------------------------------------------------------------- */

static const char *
picker_text (CrmEventDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (crm_customer_picker_get_entry (CRM_CUSTOMER_PICKER (self->customer_picker))));
}

/* The picker drops its choice a moment after setting its own text (see
 * the opportunity dialog): a customer stays chosen while the entry shows
 * what it showed when it was picked. */
static gint64
chosen_customer (CrmEventDialog *self)
{
  gint64 id = crm_customer_picker_get_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker));

  if (id > 0)
    return id;
  if (self->picked_id > 0 && g_strcmp0 (picker_text (self), self->picked_text) == 0)
    return self->picked_id;
  return 0;
}

/* A chosen customer brings its address, unless a place was typed. */
static void
fill_location_for (CrmEventDialog *self,
                   gint64          customer_id)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->location_entry));
  g_autofree char *address = NULL;

  if (!crm_text_is_blank (typed) && g_strcmp0 (typed, self->auto_location) != 0)
    return;
  if (!crm_event_store_customer_address (self->store, self->session, customer_id, &address, NULL) ||
      address == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), address);
  g_free (self->auto_location);
  self->auto_location = g_steal_pointer (&address);
}

static void
on_customer_picked_cb (CrmEventDialog *self)
{
  gint64 id = crm_customer_picker_get_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker));

  if (id <= 0 || self->filling)
    return;
  self->picked_id = id;
  g_free (self->picked_text);
  self->picked_text = g_strdup (picker_text (self));
  self->changed = TRUE;
  fill_location_for (self, id);
  clear_errors (self);
}

/* Choices ---------------------------------------------------------------------- */

static CrmEventKind
chosen_kind (CrmEventDialog *self)
{
  for (guint i = 0; i < CRM_EVENT_N_KINDS; i++)
    if (gtk_toggle_button_get_active (self->kind_buttons[i]))
      return i;
  return crm_event_get_kind (self->original);
}

/* -2 when no button is down (the event's own reminders stay). */
static gint
chosen_reminder (CrmEventDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (reminder_minutes); i++)
    if (gtk_toggle_button_get_active (self->reminder_buttons[i]))
      return reminder_minutes[i];
  return -2;
}

static void
update_repeat_sensitivity (CrmEventDialog *self)
{
  gboolean repeats = gtk_drop_down_get_selected (self->repeat_dropdown) != CRM_RECURRENCE_NONE;
  guint end = gtk_drop_down_get_selected (self->repeat_end_dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->repeat_end_dropdown), repeats);
  gtk_widget_set_visible (GTK_WIDGET (self->until_entry), repeats && end == REPEAT_END_UNTIL);
  gtk_widget_set_visible (GTK_WIDGET (self->count_spin), repeats && end == REPEAT_END_COUNT);
}

/* Draft ------------------------------------------------------------------------ */

/* Start and end as typed; an all-day event ends at the midnight after the
 * last day shown.  FALSE with the problem under the times. */
static gboolean
read_times (CrmEventDialog  *self,
            GDateTime      **start,
            GDateTime      **end)
{
  gboolean all_day = gtk_switch_get_active (self->all_day_switch);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (!(from = crm_calendar_parse_date_time (gtk_editable_get_text (GTK_EDITABLE (self->start_entry)),
                                             all_day, &error)) ||
      !(until = crm_calendar_parse_date_time (gtk_editable_get_text (GTK_EDITABLE (self->end_entry)),
                                              all_day, &error)))
    {
      show_error (self->times_error_label, error->message);
      return FALSE;
    }
  if (g_date_time_compare (until, from) < 0)
    {
      show_error (self->times_error_label, _("The event ends before it starts."));
      return FALSE;
    }
  if (all_day)
    {
      GDateTime *next = g_date_time_add_days (until, 1);

      g_date_time_unref (until);
      until = next;
    }
  *start = g_steal_pointer (&from);
  *end = g_steal_pointer (&until);
  return TRUE;
}

/* NULL when the event does not repeat; FALSE with the problem shown. */
static gboolean
read_recurrence (CrmEventDialog  *self,
                 GDateTime       *start,
                 CrmRecurrence  **recurrence)
{
  CrmRecurrenceFrequency frequency = gtk_drop_down_get_selected (self->repeat_dropdown);
  const CrmRecurrence *old = crm_event_get_recurrence (self->original);
  g_autoptr(CrmRecurrence) rule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  *recurrence = NULL;
  if (frequency == CRM_RECURRENCE_NONE || frequency > CRM_RECURRENCE_YEARLY)
    return TRUE;
  /* The interval and weekdays of the series stay when only its end changes. */
  if (old != NULL && old->frequency == frequency)
    rule = crm_recurrence_copy (old);
  else
    rule = crm_recurrence_new (frequency);
  rule->count = 0;
  g_clear_pointer (&rule->until, g_free);
  switch (gtk_drop_down_get_selected (self->repeat_end_dropdown))
    {
    case REPEAT_END_UNTIL:
      if (!crm_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->until_entry)), &iso, &error))
        {
          show_error (self->recurrence_error_label, error->message);
          return FALSE;
        }
      rule->until = g_steal_pointer (&iso);
      break;
    case REPEAT_END_COUNT:
      rule->count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
      break;
    default:
      break;
    }
  if (!crm_recurrence_validate (rule, start, NULL, &error))
    {
      show_error (self->recurrence_error_label, error->message);
      return FALSE;
    }
  *recurrence = g_steal_pointer (&rule);
  return TRUE;
}

/* A newly chosen reminder that would fall before now never shows: say so
 * rather than save a reminder that is already over. */
static gboolean
check_reminder (CrmEventDialog *self,
                CrmEvent       *draft)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = NULL;
  gint minutes = chosen_reminder (self);

  if (minutes < 0 || !self->reminder_touched)
    return TRUE;
  if (g_date_time_compare (crm_event_get_start (draft), now) <= 0)
    {
      show_error (self->reminder_error_label,
                  _("The event has already started: a reminder would come after it. Choose “No reminder”."));
      return FALSE;
    }
  due = g_date_time_add_minutes (crm_event_get_start (draft), -minutes);
  if (g_date_time_compare (due, now) < 0)
    {
      show_error (self->reminder_error_label,
                  _("This reminder would come before now: choose a shorter one or “No reminder”."));
      return FALSE;
    }
  return TRUE;
}

static char *
notes_text (CrmEventDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The participants chosen; those the dialog does not offer stay as they
 * were. */
static void
read_participants (CrmEventDialog *self,
                   CrmEvent       *draft)
{
  GArray *old = crm_event_get_participants (self->original);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < old->len; i++)
    {
      gint64 id = g_array_index (old, gint64, i);
      gboolean offered = FALSE;

      for (guint j = 0; j < self->participant_ids->len && !offered; j++)
        offered = g_array_index (self->participant_ids, gint64, j) == id;
      if (!offered)
        g_array_append_val (ids, id);
    }
  for (guint i = 0; i < self->participant_buttons->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->participant_buttons, i)))
      g_array_append_val (ids, g_array_index (self->participant_ids, gint64, i));
  crm_event_set_participants (draft, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* What the fields say, over a copy of the original; NULL with every
 * problem shown under its field. */
static CrmEvent *
read_draft (CrmEventDialog *self)
{
  g_autoptr(CrmEvent) draft = crm_event_copy (self->original);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(CrmRecurrence) recurrence = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = notes_text (self);
  gint minutes = chosen_reminder (self);
  gboolean ok;

  clear_errors (self);
  crm_event_set_kind (draft, chosen_kind (self));
  crm_event_set_title (draft, gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  crm_event_set_all_day (draft, gtk_switch_get_active (self->all_day_switch));
  crm_event_set_customer_id (draft, chosen_customer (self));
  crm_event_set_location (draft, gtk_editable_get_text (GTK_EDITABLE (self->location_entry)));
  crm_event_set_notes (draft, notes);
  read_participants (self, draft);
  if (minutes >= 0)
    crm_event_set_reminders (draft, &minutes, 1);
  else if (minutes == -1)
    crm_event_set_reminders (draft, NULL, 0);
  ok = read_times (self, &start, &end);
  if (ok)
    crm_event_set_times (draft, start, end);
  if (!read_recurrence (self, ok ? start : crm_event_get_start (draft), &recurrence))
    ok = FALSE;
  crm_event_set_recurrence (draft, recurrence);
  if (!ok || !check_reminder (self, draft))
    return NULL;
  if (g_date_time_difference (end, start) > CRM_EVENT_MAX_DURATION)
    {
      show_error (self->times_error_label, _("An event lasts at most a year."));
      return NULL;
    }
  if (recurrence != NULL && crm_event_get_kind (draft) == CRM_EVENT_KIND_TASK &&
      !crm_recurrence_has_end (recurrence))
    {
      show_error (self->recurrence_error_label,
                  _("A recurring task must end: give the date of the last time or how many times it repeats."));
      return NULL;
    }
  if (!crm_event_validate (draft, &error))
    {
      show_error (self->message_label, error->message);
      return NULL;
    }
  return g_steal_pointer (&draft);
}

/* Filling ------------------------------------------------------------------------ */

static void
set_time_entries (CrmEventDialog *self,
                  GDateTime      *start,
                  GDateTime      *end,
                  gboolean        all_day)
{
  g_autofree char *from = crm_calendar_format_date_time (start, all_day);
  g_autofree char *until = NULL;
  g_autoptr(GDateTime) last = NULL;

  /* An all-day event shows its last day, not the midnight after it. */
  if (all_day && g_date_time_compare (end, start) > 0)
    last = g_date_time_add_seconds (end, -1);
  until = crm_calendar_format_date_time (last != NULL ? last : end, all_day);
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), until);
  gtk_entry_set_placeholder_text (self->start_entry, all_day ? _("dd/mm/yyyy") : _("dd/mm/yyyy hh:mm"));
  gtk_entry_set_placeholder_text (self->end_entry, all_day ? _("dd/mm/yyyy") : _("dd/mm/yyyy hh:mm"));
  self->all_day_shown = all_day;
}

static void
fill_reminder (CrmEventDialog *self)
{
  GArray *reminders = crm_event_get_reminders (self->original);
  gint first = reminders->len > 0 ? g_array_index (reminders, gint, 0) : -1;

  for (guint i = 0; i < G_N_ELEMENTS (reminder_minutes); i++)
    gtk_toggle_button_set_active (self->reminder_buttons[i],
                                  reminders->len <= 1 && reminder_minutes[i] == first);
  self->reminder_touched = FALSE;
}

static void
fill_recurrence (CrmEventDialog *self)
{
  const CrmRecurrence *rule = crm_event_get_recurrence (self->original);
  g_autofree char *until = NULL;

  gtk_drop_down_set_selected (self->repeat_dropdown, rule != NULL ? rule->frequency : CRM_RECURRENCE_NONE);
  if (rule != NULL && rule->until != NULL)
    {
      until = crm_date_format (rule->until);
      gtk_drop_down_set_selected (self->repeat_end_dropdown, REPEAT_END_UNTIL);
    }
  else if (rule != NULL && rule->count > 0)
    {
      gtk_spin_button_set_value (self->count_spin, rule->count);
      gtk_drop_down_set_selected (self->repeat_end_dropdown, REPEAT_END_COUNT);
    }
  else
    gtk_drop_down_set_selected (self->repeat_end_dropdown, REPEAT_END_NEVER);
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), until ? until : "");
  update_repeat_sensitivity (self);
}

/* The chosen names on the button: the first three, then how many more. */
static void
update_participants_label (CrmEventDialog *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint shown = 0, more = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->participant_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->participant_buttons, i);

      if (!gtk_toggle_button_get_active (button))
        continue;
      if (shown == 3)
        {
          more++;
          continue;
        }
      if (shown++ > 0)
        g_string_append (names, ", ");
      g_string_append (names, gtk_button_get_label (GTK_BUTTON (button)));
    }
  if (shown == 0)
    label = g_strdup (self->participant_buttons->len > 0 ? _("Nobody else") : _("No other users"));
  else if (more > 0)
    /* TRANSLATORS: %s is a list of names, %u how many more take part. */
    label = g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", more), names->str, more);
  else
    label = g_string_free (g_steal_pointer (&names), FALSE);
  gtk_menu_button_set_label (self->participants_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->participants_button), self->participant_buttons->len > 0);
}

static void
fill_participants (CrmEventDialog *self)
{
  for (guint i = 0; i < self->participant_buttons->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->participant_buttons, i),
                                  crm_event_has_participant (self->original,
                                                             g_array_index (self->participant_ids, gint64, i)));
  update_participants_label (self);
}

static void
update_title (CrmEventDialog *self)
{
  g_autofree char *title = NULL;

  if (crm_event_get_id (self->original) == 0)
    title = g_strdup (_("New Event"));
  else
    /* TRANSLATORS: the window title of a calendar event's editor. */
    title = g_strdup_printf (_("Event: %s"), crm_event_get_title (self->original));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
fill (CrmEventDialog *self)
{
  CrmEvent *event = self->original;
  const char *notes = crm_event_get_notes (event);
  gboolean exists = crm_event_get_id (event) > 0;

  self->filling = TRUE;
  gtk_toggle_button_set_active (self->kind_buttons[crm_event_get_kind (event)], TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), crm_event_get_title (event) ?: "");
  gtk_switch_set_active (self->all_day_switch, crm_event_get_all_day (event));
  set_time_entries (self, crm_event_get_start (event), crm_event_get_end (event), crm_event_get_all_day (event));
  if (chosen_customer (self) != crm_event_get_customer_id (event))
    crm_customer_picker_set_customer_id (CRM_CUSTOMER_PICKER (self->customer_picker),
                                         crm_event_get_customer_id (event));
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), crm_event_get_location (event) ?: "");
  fill_participants (self);
  fill_recurrence (self);
  fill_reminder (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
  gtk_switch_set_active (self->done_switch, crm_event_get_done (event));
  gtk_widget_set_visible (GTK_WIDGET (self->series_label), exists && crm_event_is_recurring (event));
  gtk_widget_set_visible (self->delete_button, exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.delete", exists);
  self->filling = FALSE;
  self->changed = FALSE;
  update_title (self);
}

/* Callbacks ----------------------------------------------------------------------- */

static void
on_field_changed_cb (CrmEventDialog *self)
{
  if (self->filling)
    return;
  self->changed = TRUE;
  clear_errors (self);
}

static void
on_participant_toggled_cb (CrmEventDialog *self)
{
  update_participants_label (self);
  on_field_changed_cb (self);
}

static void
on_repeat_changed_cb (CrmEventDialog *self)
{
  update_repeat_sensitivity (self);
  on_field_changed_cb (self);
}

static void
on_reminder_toggled_cb (CrmEventDialog *self)
{
  if (self->filling)
    return;
  self->reminder_touched = TRUE;
  on_field_changed_cb (self);
}

/* Switching all-day keeps the days typed and drops the hours, or puts
 * the working hours back (9:00 to 10:00). */
static void
on_all_day_changed_cb (CrmEventDialog *self)
{
  gboolean all_day = gtk_switch_get_active (self->all_day_switch);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (self->filling || all_day == self->all_day_shown)
    return;
  start = crm_calendar_parse_date_time (gtk_editable_get_text (GTK_EDITABLE (self->start_entry)),
                                        self->all_day_shown, NULL);
  end = crm_calendar_parse_date_time (gtk_editable_get_text (GTK_EDITABLE (self->end_entry)),
                                      self->all_day_shown, NULL);
  if (start != NULL && end != NULL)
    {
      g_autoptr(GDateTime) from = NULL;
      g_autoptr(GDateTime) until = NULL;
      g_autoptr(GDateTime) last_midnight = NULL;

      if (all_day)
        {
          from = g_date_time_new_local (g_date_time_get_year (start), g_date_time_get_month (start),
                                        g_date_time_get_day_of_month (start), 0, 0, 0);
          until = g_date_time_new_local (g_date_time_get_year (end), g_date_time_get_month (end),
                                         g_date_time_get_day_of_month (end), 0, 0, 0);
          last_midnight = g_steal_pointer (&until);
          until = g_date_time_add_days (last_midnight, 1);
        }
      else
        {
          from = g_date_time_add_hours (start, 9);
          until = g_date_time_add_hours (end, 10);
        }
      set_time_entries (self, from, until, all_day);
    }
  self->all_day_shown = all_day;
  on_field_changed_cb (self);
}

static gboolean
save (CrmEventDialog *self)
{
  g_autoptr(CrmEvent) draft = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;
  gboolean was_done = crm_event_get_done (self->original);

  if (!(draft = read_draft (self)))
    return FALSE;
  done = gtk_switch_get_active (self->done_switch);
  if (!crm_calendar_controller_save (self->calendar, draft, &error) ||
      (done != was_done && !crm_calendar_controller_set_done (self->calendar, draft, done, &error)))
    {
      show_error (self->message_label, error->message);
      /* A new event that was created stays created: edit it from now on. */
      if (crm_event_get_id (draft) > 0 && crm_event_get_id (self->original) == 0)
        g_set_object (&self->original, draft);
      return FALSE;
    }
  crm_event_set_done (draft, done, NULL);
  g_set_object (&self->original, draft);
  clear_errors (self);
  fill (self);
  g_signal_emit (self, signals[SAVED], 0, crm_event_get_id (self->original));
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmEventDialog *self = CRM_EVENT_DIALOG (widget);

  if (save (self))
    {
      self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
on_delete_response_cb (GtkDialog      *dialog,
                       int             response,
                       CrmEventDialog *self)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  if (!crm_calendar_controller_delete (self->calendar, self->original, &error))
    {
      show_error (self->message_label, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, (gint64) 0);
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmEventDialog *self = CRM_EVENT_DIALOG (widget);
  GtkWidget *dialog;

  if (crm_event_get_id (self->original) <= 0)
    return;
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Delete the event “%s”?"), crm_event_get_title (self->original));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            crm_event_is_recurring (self->original)
                                            ? _("Every occurrence of the series is deleted, with its reminders.")
                                            : _("Its reminders are deleted with it."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Delete"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_close_response_cb (GtkDialog      *dialog,
                      int             response,
                      CrmEventDialog *self)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_CANCEL || response == GTK_RESPONSE_DELETE_EVENT)
    return;
  if (response == GTK_RESPONSE_ACCEPT && !save (self))
    return;
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Unsaved changes are never dropped silently: Save, Discard or Cancel. */
static gboolean
crm_event_dialog_close_request (GtkWindow *window)
{
  CrmEventDialog *self = CRM_EVENT_DIALOG (window);
  GtkWidget *dialog;

  if (self->closing || !self->changed)
    return GTK_WINDOW_CLASS (crm_event_dialog_parent_class)->close_request (window);
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Save the changes to this event?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("What you typed has not been saved."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject ------------------------------------------------------------------------- */

static void
crm_event_dialog_dispose (GObject *object)
{
  CrmEventDialog *self = CRM_EVENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_EVENT_DIALOG);
  g_clear_object (&self->calendar);
  g_clear_object (&self->original);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_event_dialog_parent_class)->dispose (object);
}

static void
crm_event_dialog_finalize (GObject *object)
{
  CrmEventDialog *self = CRM_EVENT_DIALOG (object);

  g_free (self->picked_text);
  g_free (self->auto_location);
  g_array_unref (self->participant_ids);
  g_ptr_array_unref (self->participant_buttons);

  G_OBJECT_CLASS (crm_event_dialog_parent_class)->finalize (object);
}

static void
crm_event_dialog_class_init (CrmEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_event_dialog_dispose;
  object_class->finalize = crm_event_dialog_finalize;
  window_class->close_request = crm_event_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, kind_box);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, all_day_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, start_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, end_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, times_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, customer_box);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, location_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, participants_button);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, participants_box);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, repeat_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, repeat_end_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, until_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, recurrence_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, reminder_box);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, reminder_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, done_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, series_label);
  gtk_widget_class_bind_template_child (widget_class, CrmEventDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_all_day_changed_cb);

  gtk_widget_class_install_action (widget_class, "event.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "event.delete", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "event.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* Toggle buttons rather than drop-downs: one key press or click each, and
 * AT-SPI can press them (GTK 4.8's drop-down offers it no action). */
static GtkToggleButton *
add_choice (GtkBox          *box,
            GtkToggleButton *group,
            const char      *label)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_box_append (box, button);
  return GTK_TOGGLE_BUTTON (button);
}

static void
add_participant_choice (CrmEventDialog *self,
                        gint64          user_id,
                        const char     *name)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (name);

  gtk_box_append (self->participants_box, button);
  g_array_append_val (self->participant_ids, user_id);
  g_ptr_array_add (self->participant_buttons, button);
  g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_participant_toggled_cb), self);
}

/* One toggle button per active user who can sign in (and so see the
 * event in their calendar), and per participant already chosen; never
 * the owner, who takes part anyway. */
static void
add_participant_choices (CrmEventDialog *self)
{
  g_autoptr(GPtrArray) users = crm_user_store_list_for_sign_in (self->store, NULL);
  GArray *chosen = crm_event_get_participants (self->original);
  gint64 owner_id = crm_event_get_owner_id (self->original);

  if (owner_id <= 0)
    owner_id = crm_session_get_user_id (self->session);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      CrmUserEntry *user = g_ptr_array_index (users, i);

      if (user->id != owner_id)
        add_participant_choice (self, user->id, user->full_name);
    }
  for (guint i = 0; i < chosen->len; i++)
    {
      gint64 id = g_array_index (chosen, gint64, i);
      gboolean offered = FALSE;
      g_autofree char *name = NULL;

      for (guint j = 0; j < self->participant_ids->len && !offered; j++)
        offered = g_array_index (self->participant_ids, gint64, j) == id;
      if (offered || id == owner_id || !(name = crm_user_store_get_full_name (self->store, id, NULL)))
        continue;
      add_participant_choice (self, id, name);
    }
}

static void
crm_event_dialog_init (CrmEventDialog *self)
{
  static const char *const reminder_labels[] = {
    N_("No reminder"), N_("15 minutes before"), N_("1 hour before"), N_("1 day before"),
  };
  g_autoptr(GtkStringList) repeats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ends = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->participant_buttons = g_ptr_array_new ();
  self->filling = TRUE;
  for (guint i = 0; i < CRM_EVENT_N_KINDS; i++)
    {
      self->kind_buttons[i] = add_choice (self->kind_box, i > 0 ? self->kind_buttons[0] : NULL,
                                          crm_event_kind_label (i));
      g_signal_connect_swapped (self->kind_buttons[i], "toggled", G_CALLBACK (on_field_changed_cb), self);
    }
  for (guint i = 0; i < G_N_ELEMENTS (reminder_labels); i++)
    {
      self->reminder_buttons[i] = add_choice (self->reminder_box, i > 0 ? self->reminder_buttons[0] : NULL,
                                              _(reminder_labels[i]));
      g_signal_connect_swapped (self->reminder_buttons[i], "toggled", G_CALLBACK (on_reminder_toggled_cb), self);
    }
  gtk_string_list_append (repeats, _("Does not repeat"));
  gtk_string_list_append (repeats, _("Every day"));
  gtk_string_list_append (repeats, _("Every week"));
  gtk_string_list_append (repeats, _("Every month"));
  gtk_string_list_append (repeats, _("Every year"));
  gtk_drop_down_set_model (self->repeat_dropdown, G_LIST_MODEL (repeats));
  gtk_string_list_append (ends, _("With no end"));
  gtk_string_list_append (ends, _("Until a date"));
  gtk_string_list_append (ends, _("A number of times"));
  gtk_drop_down_set_model (self->repeat_end_dropdown, G_LIST_MODEL (ends));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  self->filling = FALSE;
}

/**
 * crm_event_dialog_new:
 *
 * Returns: (transfer none): the editor, shown
 */
CrmEventDialog *
crm_event_dialog_new (GtkWindow             *parent,
                      CrmStore              *store,
                      CrmSession            *session,
                      CrmCalendarController *calendar,
                      CrmEvent              *event)
{
  CrmEventDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (calendar), NULL);
  g_return_val_if_fail (CRM_IS_EVENT (event), NULL);

  self = g_object_new (CRM_TYPE_EVENT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->calendar = g_object_ref (calendar);
  self->original = crm_event_copy (event);
  self->customer_picker = crm_customer_picker_new (store, session);
  gtk_widget_set_hexpand (self->customer_picker, TRUE);
  gtk_box_append (self->customer_box, self->customer_picker);
  /* The picker names its entry "Customer" itself. */
  g_signal_connect_swapped (self->customer_picker, "notify::customer-id", G_CALLBACK (on_customer_picked_cb), self);
  self->filling = TRUE;
  add_participant_choices (self);
  self->filling = FALSE;
  fill (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  return self;
}
