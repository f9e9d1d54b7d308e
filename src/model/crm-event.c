/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-event"

#include "config.h"

#include "crm-event.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"

struct _CrmEvent
{
  GObject         parent_instance;

  gint64          id;
  CrmEventKind    kind;
  char           *title;
  GDateTime      *start;
  GDateTime      *end;
  gboolean        all_day;
  char           *location;
  gint64          customer_id;
  char           *customer_name;
  gint64          opportunity_id;
  gint64          quote_id;
  gint64          contract_id;
  gint64          owner_id;
  char           *owner_name;
  char           *notes;
  gboolean        done;
  GDateTime      *done_at;
  CrmRecurrence  *recurrence;
  GArray         *reminders;
  GArray         *participants;
  gint64          row_version;
  GDateTime      *series_start;
  GDateTime      *occurrence_start;
};

G_DEFINE_ENUM_TYPE (CrmEventKind, crm_event_kind,
  G_DEFINE_ENUM_VALUE (CRM_EVENT_KIND_MEETING, "meeting"),
  G_DEFINE_ENUM_VALUE (CRM_EVENT_KIND_CALL, "call"),
  G_DEFINE_ENUM_VALUE (CRM_EVENT_KIND_VISIT, "visit"),
  G_DEFINE_ENUM_VALUE (CRM_EVENT_KIND_TASK, "task"),
  G_DEFINE_ENUM_VALUE (CRM_EVENT_KIND_DEADLINE, "deadline"),
  G_DEFINE_ENUM_VALUE (CRM_EVENT_KIND_CARE, "care"))

G_DEFINE_FINAL_TYPE (CrmEvent, crm_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_TITLE,
  PROP_START,
  PROP_END,
  PROP_ALL_DAY,
  PROP_TIME_LABEL,
  PROP_LOCATION,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_OWNER_ID,
  PROP_OWNER_NAME,
  PROP_NOTES,
  PROP_DONE,
  PROP_RECURRING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the enum, which is the order of the schema's CHECK. */
static const char *const kind_names[CRM_EVENT_N_KINDS] = {
  "meeting", "call", "visit", "task", "deadline", "care",
};

const char *
crm_event_kind_to_string (CrmEventKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return NULL;
  return kind_names[kind];
}

gboolean
crm_event_kind_from_string (const char   *text,
                            CrmEventKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_event_kind_label (CrmEventKind kind)
{
  switch (kind)
    {
    case CRM_EVENT_KIND_MEETING:
      return _("Meeting");
    case CRM_EVENT_KIND_CALL:
      return _("Phone call");
    case CRM_EVENT_KIND_VISIT:
      return _("Customer visit");
    case CRM_EVENT_KIND_TASK:
      return _("Task");
    case CRM_EVENT_KIND_DEADLINE:
      return _("Deadline");
    case CRM_EVENT_KIND_CARE:
      return _("Care action");
    default:
      return "";
    }
}

gboolean
crm_event_kind_is_todo (CrmEventKind kind)
{
  return kind == CRM_EVENT_KIND_TASK || kind == CRM_EVENT_KIND_DEADLINE ||
         kind == CRM_EVENT_KIND_CARE;
}

/* TRUE when the value changed, so setters notify only then. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
replace_time (GDateTime **field,
              GDateTime  *value)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  return TRUE;
}

static void
notify (CrmEvent *self,
        guint     prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
crm_event_finalize (GObject *object)
{
  CrmEvent *self = CRM_EVENT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->owner_name, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->done_at, g_date_time_unref);
  g_clear_pointer (&self->recurrence, crm_recurrence_free);
  g_clear_pointer (&self->reminders, g_array_unref);
  g_clear_pointer (&self->participants, g_array_unref);
  g_clear_pointer (&self->series_start, g_date_time_unref);
  g_clear_pointer (&self->occurrence_start, g_date_time_unref);

  G_OBJECT_CLASS (crm_event_parent_class)->finalize (object);
}

static void
crm_event_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmEvent *self = CRM_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, crm_event_kind_label (self->kind));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;
    case PROP_END:
      g_value_set_boxed (value, self->end);
      break;
    case PROP_ALL_DAY:
      g_value_set_boolean (value, self->all_day);
      break;
    case PROP_TIME_LABEL:
      g_value_take_string (value, crm_event_format_time (self));
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;
    case PROP_OWNER_NAME:
      g_value_set_string (value, self->owner_name);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    case PROP_RECURRING:
      g_value_set_boolean (value, crm_event_is_recurring (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_event_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CrmEvent *self = CRM_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      crm_event_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_KIND:
      crm_event_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      crm_event_set_title (self, g_value_get_string (value));
      break;
    case PROP_ALL_DAY:
      crm_event_set_all_day (self, g_value_get_boolean (value));
      break;
    case PROP_LOCATION:
      crm_event_set_location (self, g_value_get_string (value));
      break;
    case PROP_CUSTOMER_ID:
      crm_event_set_customer_id (self, g_value_get_int64 (value));
      break;
    case PROP_CUSTOMER_NAME:
      crm_event_set_customer_name (self, g_value_get_string (value));
      break;
    case PROP_OWNER_ID:
      crm_event_set_owner_id (self, g_value_get_int64 (value));
      break;
    case PROP_OWNER_NAME:
      crm_event_set_owner_name (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      crm_event_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_event_class_init (CrmEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_event_finalize;
  object_class->get_property = crm_event_get_property;
  object_class->set_property = crm_event_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CRM_TYPE_EVENT_KIND,
                                             CRM_EVENT_KIND_MEETING, rw);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_START] = g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_END] = g_param_spec_boxed ("end", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_ALL_DAY] = g_param_spec_boolean ("all-day", NULL, NULL, FALSE, rw);
  properties[PROP_TIME_LABEL] = g_param_spec_string ("time-label", NULL, NULL, NULL, ro);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, rw);
  properties[PROP_CUSTOMER_ID] = g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_CUSTOMER_NAME] = g_param_spec_string ("customer-name", NULL, NULL, NULL, rw);
  properties[PROP_OWNER_ID] = g_param_spec_int64 ("owner-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_OWNER_NAME] = g_param_spec_string ("owner-name", NULL, NULL, NULL, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, ro);
  properties[PROP_RECURRING] = g_param_spec_boolean ("recurring", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_event_init (CrmEvent *self)
{
  self->kind = CRM_EVENT_KIND_MEETING;
  self->reminders = g_array_new (FALSE, FALSE, sizeof (gint));
  self->participants = g_array_new (FALSE, FALSE, sizeof (gint64));
}

CrmEvent *
crm_event_new (void)
{
  CrmEvent *self = g_object_new (CRM_TYPE_EVENT, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) hour = g_date_time_new_local (g_date_time_get_year (now),
                                                     g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now),
                                                     g_date_time_get_hour (now), 0, 0);

  self->start = g_date_time_add_hours (hour, 1);
  self->end = g_date_time_add_hours (hour, 2);
  return self;
}

CrmEvent *
crm_event_copy (CrmEvent *self)
{
  CrmEvent *copy;

  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);

  copy = g_object_new (CRM_TYPE_EVENT, NULL);
  copy->id = self->id;
  copy->kind = self->kind;
  copy->title = g_strdup (self->title);
  copy->start = self->start != NULL ? g_date_time_ref (self->start) : NULL;
  copy->end = self->end != NULL ? g_date_time_ref (self->end) : NULL;
  copy->all_day = self->all_day;
  copy->location = g_strdup (self->location);
  copy->customer_id = self->customer_id;
  copy->customer_name = g_strdup (self->customer_name);
  copy->opportunity_id = self->opportunity_id;
  copy->quote_id = self->quote_id;
  copy->contract_id = self->contract_id;
  copy->owner_id = self->owner_id;
  copy->owner_name = g_strdup (self->owner_name);
  copy->notes = g_strdup (self->notes);
  copy->done = self->done;
  copy->done_at = self->done_at != NULL ? g_date_time_ref (self->done_at) : NULL;
  copy->recurrence = self->recurrence != NULL ? crm_recurrence_copy (self->recurrence) : NULL;
  g_array_append_vals (copy->reminders, self->reminders->data, self->reminders->len);
  g_array_append_vals (copy->participants, self->participants->data, self->participants->len);
  copy->row_version = self->row_version;
  copy->series_start = self->series_start != NULL ? g_date_time_ref (self->series_start) : NULL;
  copy->occurrence_start = self->occurrence_start != NULL ? g_date_time_ref (self->occurrence_start) : NULL;
  return copy;
}

/**
 * crm_event_new_occurrence:
 * @start: where this occurrence starts; its end keeps the series' duration
 *
 * Returns: (transfer full): a copy of @series at @start
 */
CrmEvent *
crm_event_new_occurrence (CrmEvent  *series,
                          GDateTime *start)
{
  CrmEvent *occurrence;
  GTimeSpan duration;

  g_return_val_if_fail (CRM_IS_EVENT (series), NULL);
  g_return_val_if_fail (start != NULL, NULL);

  occurrence = crm_event_copy (series);
  duration = g_date_time_difference (series->end, series->start);
  if (occurrence->series_start == NULL)
    occurrence->series_start = g_date_time_ref (series->start);
  g_clear_pointer (&occurrence->start, g_date_time_unref);
  g_clear_pointer (&occurrence->end, g_date_time_unref);
  g_clear_pointer (&occurrence->occurrence_start, g_date_time_unref);
  occurrence->start = g_date_time_ref (start);
  occurrence->occurrence_start = g_date_time_ref (start);
  occurrence->end = g_date_time_add (start, duration);
  return occurrence;
}

gint64
crm_event_get_id (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), 0);
  return self->id;
}

void
crm_event_set_id (CrmEvent *self,
                  gint64    id)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (self->id == id)
    return;
  self->id = id;
  notify (self, PROP_ID);
}

CrmEventKind
crm_event_get_kind (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), CRM_EVENT_KIND_MEETING);
  return self->kind;
}

void
crm_event_set_kind (CrmEvent     *self,
                    CrmEventKind  kind)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  notify (self, PROP_KIND);
  notify (self, PROP_KIND_LABEL);
}

const char *
crm_event_get_title (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->title;
}

void
crm_event_set_title (CrmEvent   *self,
                     const char *title)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (replace_string (&self->title, title))
    notify (self, PROP_TITLE);
}

GDateTime *
crm_event_get_start (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->start;
}

GDateTime *
crm_event_get_end (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->end;
}

void
crm_event_set_times (CrmEvent  *self,
                     GDateTime *start,
                     GDateTime *end)
{
  gboolean start_changed, end_changed;

  g_return_if_fail (CRM_IS_EVENT (self));
  g_return_if_fail (start != NULL && end != NULL);

  start_changed = replace_time (&self->start, start);
  end_changed = replace_time (&self->end, end);
  if (start_changed)
    notify (self, PROP_START);
  if (end_changed)
    notify (self, PROP_END);
  if (start_changed || end_changed)
    notify (self, PROP_TIME_LABEL);
}

gboolean
crm_event_get_all_day (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), FALSE);
  return self->all_day;
}

void
crm_event_set_all_day (CrmEvent *self,
                       gboolean  all_day)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  all_day = !!all_day;
  if (self->all_day == all_day)
    return;
  self->all_day = all_day;
  notify (self, PROP_ALL_DAY);
  notify (self, PROP_TIME_LABEL);
}

const char *
crm_event_get_location (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->location;
}

void
crm_event_set_location (CrmEvent   *self,
                        const char *location)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (replace_string (&self->location, location))
    notify (self, PROP_LOCATION);
}

gint64
crm_event_get_customer_id (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), 0);
  return self->customer_id;
}

void
crm_event_set_customer_id (CrmEvent *self,
                           gint64    customer_id)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (self->customer_id == customer_id)
    return;
  self->customer_id = customer_id;
  notify (self, PROP_CUSTOMER_ID);
}

const char *
crm_event_get_customer_name (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->customer_name;
}

void
crm_event_set_customer_name (CrmEvent   *self,
                             const char *customer_name)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (replace_string (&self->customer_name, customer_name))
    notify (self, PROP_CUSTOMER_NAME);
}

gint64
crm_event_get_opportunity_id (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), 0);
  return self->opportunity_id;
}

void
crm_event_set_opportunity_id (CrmEvent *self,
                              gint64    opportunity_id)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  self->opportunity_id = opportunity_id;
}

gint64
crm_event_get_quote_id (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), 0);
  return self->quote_id;
}

void
crm_event_set_quote_id (CrmEvent *self,
                        gint64    quote_id)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  self->quote_id = quote_id;
}

gint64
crm_event_get_contract_id (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), 0);
  return self->contract_id;
}

void
crm_event_set_contract_id (CrmEvent *self,
                           gint64    contract_id)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  self->contract_id = contract_id;
}

gint64
crm_event_get_owner_id (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), 0);
  return self->owner_id;
}

void
crm_event_set_owner_id (CrmEvent *self,
                        gint64    owner_id)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (self->owner_id == owner_id)
    return;
  self->owner_id = owner_id;
  notify (self, PROP_OWNER_ID);
}

const char *
crm_event_get_owner_name (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->owner_name;
}

void
crm_event_set_owner_name (CrmEvent   *self,
                          const char *owner_name)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (replace_string (&self->owner_name, owner_name))
    notify (self, PROP_OWNER_NAME);
}

const char *
crm_event_get_notes (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->notes;
}

void
crm_event_set_notes (CrmEvent   *self,
                     const char *notes)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  if (replace_string (&self->notes, notes))
    notify (self, PROP_NOTES);
}

gboolean
crm_event_get_done (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), FALSE);
  return self->done;
}

GDateTime *
crm_event_get_done_at (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->done_at;
}

void
crm_event_set_done (CrmEvent  *self,
                    gboolean   done,
                    GDateTime *done_at)
{
  g_return_if_fail (CRM_IS_EVENT (self));

  done = !!done;
  replace_time (&self->done_at, done ? done_at : NULL);
  if (self->done == done)
    return;
  self->done = done;
  notify (self, PROP_DONE);
}

const CrmRecurrence *
crm_event_get_recurrence (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->recurrence;
}

void
crm_event_set_recurrence (CrmEvent            *self,
                          const CrmRecurrence *recurrence)
{
  gboolean was_recurring;

  g_return_if_fail (CRM_IS_EVENT (self));

  was_recurring = crm_event_is_recurring (self);
  g_clear_pointer (&self->recurrence, crm_recurrence_free);
  if (recurrence != NULL && recurrence->frequency != CRM_RECURRENCE_NONE)
    self->recurrence = crm_recurrence_copy (recurrence);
  if (was_recurring != crm_event_is_recurring (self))
    notify (self, PROP_RECURRING);
}

gboolean
crm_event_is_recurring (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), FALSE);
  return self->recurrence != NULL && self->recurrence->frequency != CRM_RECURRENCE_NONE;
}

/**
 * crm_event_get_reminders:
 *
 * Returns: (transfer none) (element-type gint): minutes before the start
 */
GArray *
crm_event_get_reminders (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->reminders;
}

static gint
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const gint *) a - *(const gint *) b;
}

/* Sorted, each value once: the store keeps one row per reminder. */
static void
normalize_reminders (CrmEvent *self)
{
  guint kept = 0;

  g_array_sort (self->reminders, compare_int);
  for (guint i = 0; i < self->reminders->len; i++)
    if (kept == 0 || g_array_index (self->reminders, gint, i) != g_array_index (self->reminders, gint, kept - 1))
      g_array_index (self->reminders, gint, kept++) = g_array_index (self->reminders, gint, i);
  g_array_set_size (self->reminders, kept);
}

void
crm_event_set_reminders (CrmEvent   *self,
                         const gint *minutes,
                         guint       n_minutes)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  g_return_if_fail (minutes != NULL || n_minutes == 0);

  g_array_set_size (self->reminders, 0);
  g_array_append_vals (self->reminders, minutes, n_minutes);
  normalize_reminders (self);
}

void
crm_event_add_reminder (CrmEvent *self,
                        gint      minutes)
{
  g_return_if_fail (CRM_IS_EVENT (self));

  g_array_append_val (self->reminders, minutes);
  normalize_reminders (self);
}

/**
 * crm_event_get_participants:
 *
 * Returns: (transfer none) (element-type gint64): user ids
 */
GArray *
crm_event_get_participants (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->participants;
}

void
crm_event_set_participants (CrmEvent     *self,
                            const gint64 *user_ids,
                            guint         n_user_ids)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  g_return_if_fail (user_ids != NULL || n_user_ids == 0);

  g_array_set_size (self->participants, 0);
  for (guint i = 0; i < n_user_ids; i++)
    crm_event_add_participant (self, user_ids[i]);
}

void
crm_event_add_participant (CrmEvent *self,
                           gint64    user_id)
{
  g_return_if_fail (CRM_IS_EVENT (self));

  if (user_id > 0 && !crm_event_has_participant (self, user_id))
    g_array_append_val (self->participants, user_id);
}

gboolean
crm_event_has_participant (CrmEvent *self,
                           gint64    user_id)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), FALSE);

  for (guint i = 0; i < self->participants->len; i++)
    if (g_array_index (self->participants, gint64, i) == user_id)
      return TRUE;
  return FALSE;
}

gint64
crm_event_get_row_version (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), 0);
  return self->row_version;
}

void
crm_event_set_row_version (CrmEvent *self,
                           gint64    row_version)
{
  g_return_if_fail (CRM_IS_EVENT (self));
  self->row_version = row_version;
}

GDateTime *
crm_event_get_series_start (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->series_start;
}

GDateTime *
crm_event_get_occurrence_start (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);
  return self->occurrence_start;
}

gboolean
crm_event_is_occurrence (CrmEvent *self)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), FALSE);
  return self->series_start != NULL;
}

/**
 * crm_event_to_series:
 *
 * Returns: (transfer full): the series @self stands for
 */
CrmEvent *
crm_event_to_series (CrmEvent *self)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  CrmEvent *series;

  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);

  series = crm_event_copy (self);
  if (self->series_start == NULL || self->occurrence_start == NULL)
    return series;
  start = g_date_time_add (self->series_start, g_date_time_difference (self->start, self->occurrence_start));
  end = g_date_time_add (start, g_date_time_difference (self->end, self->start));
  g_clear_pointer (&series->series_start, g_date_time_unref);
  g_clear_pointer (&series->occurrence_start, g_date_time_unref);
  crm_event_set_times (series, start, end);
  return series;
}

/* Rules ------------------------------------------------------------------- */

static GDateTime *
local_midnight (GDateTime *time,
                gint       add_days)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local),
                                                         g_date_time_get_month (local),
                                                         g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_add_days (midnight, add_days);
}

/* All-day events cover whole local days: from the midnight starting the
 * first day to the midnight ending the last (at least one day). */
static void
snap_all_day (CrmEvent *self)
{
  g_autoptr(GDateTime) start = local_midnight (self->start, 0);
  g_autoptr(GDateTime) end_midnight = local_midnight (self->end, 0);
  g_autoptr(GDateTime) end = NULL;

  if (g_date_time_equal (end_midnight, self->end) && g_date_time_compare (self->end, start) > 0)
    end = g_date_time_ref (self->end);
  else
    end = local_midnight (self->end, 1);
  crm_event_set_times (self, start, end);
}

static gboolean
set_invalid (GError     **error,
             gint         code,
             const char  *message)
{
  g_set_error_literal (error, CRM_VALIDATION_ERROR, code, message);
  return FALSE;
}

static gboolean
validate_reminders (CrmEvent  *self,
                    GError   **error)
{
  normalize_reminders (self);
  if (self->reminders->len > CRM_EVENT_MAX_REMINDERS)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("An event has at most %d reminders."), CRM_EVENT_MAX_REMINDERS);
      return FALSE;
    }
  for (guint i = 0; i < self->reminders->len; i++)
    {
      gint minutes = g_array_index (self->reminders, gint, i);

      if (minutes < 0)
        return set_invalid (error, CRM_VALIDATION_ERROR_RANGE,
                            _("A reminder must come before the event starts, not after it."));
      if (minutes > CRM_EVENT_MAX_REMINDER_MINUTES)
        return set_invalid (error, CRM_VALIDATION_ERROR_RANGE,
                            _("A reminder can come at most 30 days before the event."));
    }
  return TRUE;
}

gboolean
crm_event_validate (CrmEvent  *self,
                    GError   **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (CRM_IS_EVENT (self), FALSE);

  title = g_strstrip (g_strdup (self->title != NULL ? self->title : ""));
  if (*title == '\0')
    return set_invalid (error, CRM_VALIDATION_ERROR_REQUIRED, _("Enter a title for the event."));
  crm_event_set_title (self, title);
  if (crm_event_kind_to_string (self->kind) == NULL)
    return set_invalid (error, CRM_VALIDATION_ERROR_RANGE, _("Choose what kind of event this is."));
  if (self->start == NULL || self->end == NULL)
    return set_invalid (error, CRM_VALIDATION_ERROR_REQUIRED, _("Enter when the event starts and ends."));
  if (g_date_time_compare (self->end, self->start) < 0)
    return set_invalid (error, CRM_VALIDATION_ERROR_DATE, _("The event ends before it starts."));
  if (self->all_day)
    snap_all_day (self);
  if (g_date_time_difference (self->end, self->start) > CRM_EVENT_MAX_DURATION)
    return set_invalid (error, CRM_VALIDATION_ERROR_RANGE, _("An event lasts at most a year."));
  if (crm_text_is_blank (self->location))
    crm_event_set_location (self, NULL);
  if (crm_text_is_blank (self->notes))
    crm_event_set_notes (self, NULL);
  if (!validate_reminders (self, error) ||
      !crm_recurrence_validate (self->recurrence, self->start, NULL, error))
    return FALSE;
  if (crm_event_is_recurring (self) && self->kind == CRM_EVENT_KIND_TASK &&
      !crm_recurrence_has_end (self->recurrence))
    return set_invalid (error, CRM_VALIDATION_ERROR_REQUIRED,
                        _("A recurring task must end: give the date of the last time or how many times it repeats."));
  return TRUE;
}

gboolean
crm_event_is_overdue (CrmEvent  *self,
                      GDateTime *now)
{
  g_return_val_if_fail (CRM_IS_EVENT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return crm_event_kind_is_todo (self->kind) && !self->done && !crm_event_is_recurring (self) &&
         self->end != NULL && g_date_time_compare (self->end, now) < 0;
}

/**
 * crm_event_expand:
 *
 * Returns: (transfer full) (element-type CrmEvent): the occurrences
 */
GPtrArray *
crm_event_expand (CrmEvent  *self,
                  GDateTime *from,
                  GDateTime *to)
{
  g_autoptr(GPtrArray) starts = NULL;
  GPtrArray *occurrences = g_ptr_array_new_with_free_func (g_object_unref);
  GDateTime *series_start;

  g_return_val_if_fail (CRM_IS_EVENT (self), occurrences);
  g_return_val_if_fail (self->start != NULL && self->end != NULL, occurrences);

  series_start = self->series_start != NULL ? self->series_start : self->start;
  starts = crm_recurrence_expand (self->recurrence, series_start,
                                  g_date_time_difference (self->end, self->start), from, to, NULL);
  for (guint i = 0; i < starts->len; i++)
    {
      if (!crm_event_is_recurring (self))
        g_ptr_array_add (occurrences, g_object_ref (self));
      else
        g_ptr_array_add (occurrences, crm_event_new_occurrence (self, g_ptr_array_index (starts, i)));
    }
  return occurrences;
}

static char *
format_local (GDateTime  *time,
              const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, format);
}

char *
crm_event_format_time (CrmEvent *self)
{
  g_autoptr(GDateTime) start_day = NULL;
  g_autoptr(GDateTime) end_day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  g_return_val_if_fail (CRM_IS_EVENT (self), NULL);

  if (self->start == NULL || self->end == NULL)
    return g_strdup ("");
  start_day = local_midnight (self->start, 0);
  if (self->all_day)
    {
      g_autoptr(GDateTime) last = g_date_time_add_seconds (self->end, -1);

      end_day = local_midnight (last, 0);
      if (g_date_time_compare (end_day, start_day) <= 0)
        return g_strdup (_("All day"));
      from = format_local (self->start, "%d/%m/%Y");
      until = format_local (last, "%d/%m/%Y");
      return g_strdup_printf ("%s – %s", from, until);
    }
  end_day = local_midnight (self->end, 0);
  if (g_date_time_equal (start_day, end_day) || g_date_time_equal (self->start, self->end))
    {
      from = format_local (self->start, "%H:%M");
      if (g_date_time_equal (self->start, self->end))
        return g_steal_pointer (&from);
      until = format_local (self->end, "%H:%M");
      return g_strdup_printf ("%s–%s", from, until);
    }
  from = format_local (self->start, "%H:%M %d/%m");
  until = format_local (self->end, "%H:%M %d/%m");
  return g_strdup_printf ("%s – %s", from, until);
}
