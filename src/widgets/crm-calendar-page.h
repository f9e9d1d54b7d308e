/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CALENDAR_PAGE (crm_calendar_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmCalendarPage, crm_calendar_page, CRM, CALENDAR_PAGE, GtkWidget)

/* The "calendar" section: month, week and day views of the work calendar
 * and today's plan, over a CrmCalendarController.  Managers and
 * administrators choose whose calendar (a member's, the team's); the
 * store refuses staff anyone's but their own.  In the week and day views
 * events are drawn by the hour and moved or resized by dragging; every
 * event of the range is also a button ("09:00 Title") beside them. */
GtkWidget *crm_calendar_page_new         (CrmStore   *store,
                                          CrmSession *session);
/* Opens the editor of event @id (the window table's open function). */
void       crm_calendar_page_open_record (GtkWidget  *page,
                                          gint64      id);
/* Reads the shown range and today's plan again. */
void       crm_calendar_page_reload      (CrmCalendarPage *self);

G_END_DECLS
