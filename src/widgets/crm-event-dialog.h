/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-calendar.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_EVENT_DIALOG (crm_event_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmEventDialog, crm_event_dialog, CRM, EVENT_DIALOG, GtkWindow)

/* The editor of one calendar event, transient for @parent and not modal:
 * kind, title, start and end ("dd/mm/yyyy hh:mm", or days when all-day),
 * customer, location (the customer's address unless typed), recurrence,
 * reminder, notes and the done switch.  Problems are shown under the
 * fields they concern and nothing is saved.  It edits a copy of @event (a
 * draft from crm_calendar_controller_new_event_at() or an event read from
 * the store, an occurrence standing for its series) and saves, marks done
 * and deletes through @calendar, which then re-reads its range.  Emits
 * "saved" (gint64 id, 0 after a delete). */
CrmEventDialog *crm_event_dialog_new (GtkWindow             *parent,
                                      CrmStore              *store,
                                      CrmSession            *session,
                                      CrmCalendarController *calendar,
                                      CrmEvent              *event);

G_END_DECLS
