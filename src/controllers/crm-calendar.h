/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-event.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_CALENDAR_VIEW_MONTH,
  CRM_CALENDAR_VIEW_WEEK,
  CRM_CALENDAR_VIEW_DAY,
} CrmCalendarView;

/* Whose calendar is shown. */
typedef enum
{
  CRM_CALENDAR_SCOPE_SELF,
  CRM_CALENDAR_SCOPE_USER,
  CRM_CALENDAR_SCOPE_TEAM,
} CrmCalendarScope;

#define CRM_TYPE_CALENDAR_VIEW       (crm_calendar_view_get_type ())
#define CRM_TYPE_CALENDAR_SCOPE      (crm_calendar_scope_get_type ())
#define CRM_TYPE_CALENDAR_CONTROLLER (crm_calendar_controller_get_type ())

G_DECLARE_FINAL_TYPE (CrmCalendarController, crm_calendar_controller, CRM, CALENDAR_CONTROLLER, GObject)

GType        crm_calendar_view_get_type   (void) G_GNUC_CONST;
GType        crm_calendar_scope_get_type  (void) G_GNUC_CONST;

/* The local days a view of @day covers, [*start, *end): the day; its
 * week, Monday to Sunday; or the whole weeks (Monday to Sunday) holding
 * its month, 4 to 6 of them. */
void         crm_calendar_range_for       (CrmCalendarView   view,
                                           GDateTime        *day,
                                           GDateTime       **start,
                                           GDateTime       **end);

/* The heading of a view of @day, translated: "November 2026" for a
 * month, "23/11/2026 – 29/11/2026" for a week, "Monday, 23/11/2026" for
 * a day. */
char        *crm_calendar_format_period   (CrmCalendarView   view,
                                           GDateTime        *day);
/* "Mon" … "Sun" for @day_of_week 1 (Monday) … 7, translated. */
const char  *crm_calendar_weekday_short   (gint              day_of_week);
/* "23/11/2026 09:00" (or "23/11/2026" when @date_only) in local time. */
char        *crm_calendar_format_date_time (GDateTime       *time,
                                            gboolean         date_only);
/* Reads a local "dd/MM/yyyy HH:mm" ("9:00", "9h", "9h30" also do for the
 * time); with @date_only a day alone, its midnight.  A day without a time
 * is refused unless @date_only.  CRM_VALIDATION_ERROR_DATE with a message
 * for the person typing. */
GDateTime   *crm_calendar_parse_date_time (const char       *text,
                                           gboolean          date_only,
                                           GError          **error);

/* The calendar screen without its widgets.
 *
 * "view" and "date" (the local midnight of the focused day) choose the
 * range ("range-start", "range-end"); "events" is a GListModel of
 * CrmEvent with every occurrence overlapping the range (recurring events
 * expanded, each occurrence a CrmEvent of its own), by start.  Changing
 * the view, the day or whose calendar re-reads it; so do saving, moving,
 * deleting and marking done through the controller.
 *
 * Whose calendar: the signed-in user's (default), a user's, or a team's
 * (0: the manager's own team).  Staff are refused anyone else's
 * (CRM_PERMISSION_ERROR); managers may look at their team and its
 * members, administrators at anyone; the scope stays as it was when
 * refused.
 *
 * "today-plan" (crm_calendar_controller_load_today()): the day's plan
 * for the shown calendar: open to-dos that are overdue first (the
 * oldest first), then the day's events by start.
 *
 * Moving an occurrence moves its series by as much; marking an
 * occurrence done marks the series done. */
CrmCalendarController *crm_calendar_controller_new            (CrmStore               *store,
                                                               CrmSession             *session);
CrmCalendarView   crm_calendar_controller_get_view            (CrmCalendarController  *self);
GDateTime        *crm_calendar_controller_get_date            (CrmCalendarController  *self);
GDateTime        *crm_calendar_controller_get_range_start     (CrmCalendarController  *self);
GDateTime        *crm_calendar_controller_get_range_end       (CrmCalendarController  *self);
CrmCalendarScope  crm_calendar_controller_get_scope           (CrmCalendarController  *self);
gint64            crm_calendar_controller_get_scope_id        (CrmCalendarController  *self);
GListModel       *crm_calendar_controller_get_events          (CrmCalendarController  *self);
GListModel       *crm_calendar_controller_get_today_plan      (CrmCalendarController  *self);

gboolean          crm_calendar_controller_set_view            (CrmCalendarController  *self,
                                                               CrmCalendarView         view,
                                                               GError                **error);
gboolean          crm_calendar_controller_set_date            (CrmCalendarController  *self,
                                                               GDateTime              *day,
                                                               GError                **error);
gboolean          crm_calendar_controller_go_next             (CrmCalendarController  *self,
                                                               GError                **error);
gboolean          crm_calendar_controller_go_previous         (CrmCalendarController  *self,
                                                               GError                **error);
gboolean          crm_calendar_controller_show_self           (CrmCalendarController  *self,
                                                               GError                **error);
gboolean          crm_calendar_controller_show_user           (CrmCalendarController  *self,
                                                               gint64                  user_id,
                                                               GError                **error);
gboolean          crm_calendar_controller_show_team           (CrmCalendarController  *self,
                                                               gint64                  team_id,
                                                               GError                **error);
gboolean          crm_calendar_controller_reload              (CrmCalendarController  *self,
                                                               GError                **error);
gboolean          crm_calendar_controller_load_today          (CrmCalendarController  *self,
                                                               GDateTime              *now,
                                                               GError                **error);
/* The occurrences of the loaded range that overlap the local day of
 * @day (a month cell).  Element type CrmEvent. */
GPtrArray        *crm_calendar_controller_list_day            (CrmCalendarController  *self,
                                                               GDateTime              *day);

/* A draft for a double-click or a key press at @start: a one-hour meeting
 * (or an all-day task) owned by the shown user, with a reminder 15
 * minutes before when it has a time. */
CrmEvent         *crm_calendar_controller_new_event_at        (CrmCalendarController  *self,
                                                               GDateTime              *start,
                                                               gboolean                all_day);
gboolean          crm_calendar_controller_save                (CrmCalendarController  *self,
                                                               CrmEvent               *event,
                                                               GError                **error);
gboolean          crm_calendar_controller_move                (CrmCalendarController  *self,
                                                               CrmEvent               *event,
                                                               GDateTime              *start,
                                                               GDateTime              *end,
                                                               GError                **error);
gboolean          crm_calendar_controller_set_done            (CrmCalendarController  *self,
                                                               CrmEvent               *event,
                                                               gboolean                done,
                                                               GError                **error);
gboolean          crm_calendar_controller_delete              (CrmCalendarController  *self,
                                                               CrmEvent               *event,
                                                               GError                **error);

G_END_DECLS
