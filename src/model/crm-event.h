/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-recurrence.h"

G_BEGIN_DECLS

/* What goes in the calendar, as the events table's CHECK lists it. */
typedef enum
{
  CRM_EVENT_KIND_MEETING,
  CRM_EVENT_KIND_CALL,
  CRM_EVENT_KIND_VISIT,
  CRM_EVENT_KIND_TASK,
  CRM_EVENT_KIND_DEADLINE,
  CRM_EVENT_KIND_CARE,
} CrmEventKind;

#define CRM_EVENT_N_KINDS (CRM_EVENT_KIND_CARE + 1)

/* The longest a reminder may come before its event: 30 days. */
#define CRM_EVENT_MAX_REMINDER_MINUTES (30 * 24 * 60)
#define CRM_EVENT_MAX_REMINDERS        5
/* The longest an event (one occurrence) may last: 366 days, so that the
 * store reads a range of days without scanning the past. */
#define CRM_EVENT_MAX_DURATION         (366 * G_TIME_SPAN_DAY)

#define CRM_TYPE_EVENT_KIND (crm_event_kind_get_type ())
#define CRM_TYPE_EVENT      (crm_event_get_type ())

G_DECLARE_FINAL_TYPE (CrmEvent, crm_event, CRM, EVENT, GObject)

GType         crm_event_kind_get_type          (void) G_GNUC_CONST;
/* The database text ("visit"); NULL for a value that is no kind. */
const char   *crm_event_kind_to_string         (CrmEventKind   kind);
gboolean      crm_event_kind_from_string       (const char    *text,
                                                CrmEventKind  *kind);
/* Translated, for lists and menus ("Customer visit"). */
const char   *crm_event_kind_label             (CrmEventKind   kind);
/* Tasks, deadlines and care actions are done rather than attended: they
 * can be overdue and appear in the day's plan until done. */
gboolean      crm_event_kind_is_todo           (CrmEventKind   kind);

/* One entry of the work calendar: plain data and pure rules.
 *
 * start and end are instants (GDateTime, any zone; the store keeps UTC).
 * An all-day event runs from local midnight to the local midnight after
 * its last day (end exclusive); crm_event_validate() snaps it so.
 * reminders are minutes before the start (0 = at the start), sorted,
 * each once.  participants are user ids besides the owner.  owner-name and
 * customer-name are filled in by the store when it reads.
 *
 * An occurrence (crm_event_new_occurrence()) is a copy of a recurring
 * event moved to one of its dates; series-start keeps the start of the
 * series so an edit can go back to it.  A new event is a one-hour
 * meeting starting at the next full hour. */
CrmEvent     *crm_event_new                    (void);
CrmEvent     *crm_event_copy                   (CrmEvent      *self);
CrmEvent     *crm_event_new_occurrence         (CrmEvent      *series,
                                                GDateTime     *start);

gint64        crm_event_get_id                 (CrmEvent      *self);
void          crm_event_set_id                 (CrmEvent      *self,
                                                gint64         id);
CrmEventKind  crm_event_get_kind               (CrmEvent      *self);
void          crm_event_set_kind               (CrmEvent      *self,
                                                CrmEventKind   kind);
const char   *crm_event_get_title              (CrmEvent      *self);
void          crm_event_set_title              (CrmEvent      *self,
                                                const char    *title);
GDateTime    *crm_event_get_start              (CrmEvent      *self);
GDateTime    *crm_event_get_end                (CrmEvent      *self);
/* Sets both, so that a move never passes through end < start. */
void          crm_event_set_times              (CrmEvent      *self,
                                                GDateTime     *start,
                                                GDateTime     *end);
gboolean      crm_event_get_all_day            (CrmEvent      *self);
void          crm_event_set_all_day            (CrmEvent      *self,
                                                gboolean       all_day);
const char   *crm_event_get_location           (CrmEvent      *self);
void          crm_event_set_location           (CrmEvent      *self,
                                                const char    *location);
gint64        crm_event_get_customer_id        (CrmEvent      *self);
void          crm_event_set_customer_id        (CrmEvent      *self,
                                                gint64         customer_id);
const char   *crm_event_get_customer_name      (CrmEvent      *self);
void          crm_event_set_customer_name      (CrmEvent      *self,
                                                const char    *customer_name);
gint64        crm_event_get_opportunity_id     (CrmEvent      *self);
void          crm_event_set_opportunity_id     (CrmEvent      *self,
                                                gint64         opportunity_id);
gint64        crm_event_get_quote_id           (CrmEvent      *self);
void          crm_event_set_quote_id           (CrmEvent      *self,
                                                gint64         quote_id);
gint64        crm_event_get_contract_id        (CrmEvent      *self);
void          crm_event_set_contract_id        (CrmEvent      *self,
                                                gint64         contract_id);
gint64        crm_event_get_owner_id           (CrmEvent      *self);
void          crm_event_set_owner_id           (CrmEvent      *self,
                                                gint64         owner_id);
const char   *crm_event_get_owner_name         (CrmEvent      *self);
void          crm_event_set_owner_name         (CrmEvent      *self,
                                                const char    *owner_name);
const char   *crm_event_get_notes              (CrmEvent      *self);
void          crm_event_set_notes              (CrmEvent      *self,
                                                const char    *notes);
gboolean      crm_event_get_done               (CrmEvent      *self);
/* NULL while not done. */
GDateTime    *crm_event_get_done_at            (CrmEvent      *self);
void          crm_event_set_done               (CrmEvent      *self,
                                                gboolean       done,
                                                GDateTime     *done_at);
/* NULL when the event does not repeat. */
const CrmRecurrence *crm_event_get_recurrence  (CrmEvent      *self);
void          crm_event_set_recurrence         (CrmEvent      *self,
                                                const CrmRecurrence *recurrence);
gboolean      crm_event_is_recurring           (CrmEvent      *self);
/* Element type gint (minutes before the start). */
GArray       *crm_event_get_reminders          (CrmEvent      *self);
void          crm_event_set_reminders          (CrmEvent      *self,
                                                const gint    *minutes,
                                                guint          n_minutes);
void          crm_event_add_reminder           (CrmEvent      *self,
                                                gint           minutes);
/* Element type gint64 (user ids). */
GArray       *crm_event_get_participants       (CrmEvent      *self);
void          crm_event_set_participants       (CrmEvent      *self,
                                                const gint64  *user_ids,
                                                guint          n_user_ids);
void          crm_event_add_participant        (CrmEvent      *self,
                                                gint64         user_id);
gboolean      crm_event_has_participant        (CrmEvent      *self,
                                                gint64         user_id);
gint64        crm_event_get_row_version        (CrmEvent      *self);
void          crm_event_set_row_version        (CrmEvent      *self,
                                                gint64         row_version);
/* NULL unless the event is an occurrence of a recurring series: the
 * start of the series, and the start the occurrence was given when it was
 * made (its times may have been edited since). */
GDateTime    *crm_event_get_series_start       (CrmEvent      *self);
GDateTime    *crm_event_get_occurrence_start   (CrmEvent      *self);
gboolean      crm_event_is_occurrence          (CrmEvent      *self);
/* The series an (edited) occurrence stands for: a copy whose start moved
 * as far as the occurrence's did, keeping the occurrence's duration.  A
 * copy of @self when it is no occurrence. */
CrmEvent     *crm_event_to_series              (CrmEvent      *self);

/* Title present, a known kind, end not before start (all-day events
 * snapped to whole local days), at most CRM_EVENT_MAX_DURATION, reminders 0..30 days before the start,
 * at most CRM_EVENT_MAX_REMINDERS; a valid recurrence; a recurring task
 * must end (an until date or a count).  Trims the title and drops a blank
 * location.  CRM_VALIDATION_ERROR with a message for the person typing. */
gboolean      crm_event_validate               (CrmEvent      *self,
                                                GError       **error);
/* A to-do (crm_event_kind_is_todo()) that is not done, does not repeat
 * and whose end has passed. */
gboolean      crm_event_is_overdue             (CrmEvent      *self,
                                                GDateTime     *now);
/* The occurrences of the event overlapping [@from, @to), in order: the
 * event itself (a new reference) when it does not repeat, occurrences
 * (crm_event_new_occurrence()) when it does.  Element type CrmEvent. */
GPtrArray    *crm_event_expand                 (CrmEvent      *self,
                                                GDateTime     *from,
                                                GDateTime     *to);
/* "14:00–15:30" in local time, with the dates when it spans days;
 * "All day" for all-day events. */
char         *crm_event_format_time            (CrmEvent      *self);

G_END_DECLS
