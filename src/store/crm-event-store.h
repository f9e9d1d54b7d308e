/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-event.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Whose calendar: @user_id > 0 that user's (the events they own and those
 * they take part in), @team_id > 0 the team's (events owned by or shared
 * with its members), both 0 everything the viewer may see.  Staff see only
 * their own calendar; managers their own, a member's of their team or
 * the team's; administrators anyone's. */
typedef struct
{
  gint64  user_id;
  gint64  team_id;
} CrmEventScope;

/* The work calendar.  Who reads what: the owner, the participants, the
 * owner's team manager and administrators (CRM_VISIBLE_OWNER plus
 * participation, in SQL).  The linked customer's name is read only when
 * the viewer may see the customer.
 *
 * Who writes what: staff plan their own events; a manager plans and
 * changes the events of their team's members, an administrator anyone's.
 * Participants read an event but do not change it.  Deleting follows the
 * same rule (one's own events need no "may delete" right: they are plans,
 * not records).  Every change is one transaction with its audit rows
 * (entity "event").
 *
 * crm_event_store_create: validates @event (crm_event_validate()), gives
 * it the signed-in user as owner when it has none, checks the linked
 * customer is visible and that a linked opportunity, quote or contract
 * belongs to it (taking its customer when none is given), and fills the
 * location with the customer's address when none is given.  Writes the
 * participants and one reminder row per reminder offset.
 *
 * crm_event_store_update: the same checks; refuses with
 * CRM_STORE_ERROR_CONFLICT when the event was saved by someone else since
 * it was read (its row version).  An occurrence stands for its series:
 * its times move the whole series by the same amount.  The done flag is
 * left as stored (crm_event_store_set_done() changes it).
 *
 * crm_event_store_move: new start and end (drag in the week view).  For
 * a recurring event, the times are those of the series' first occurrence.
 *
 * crm_event_store_set_done: done with the time, or open again.  For a
 * recurring event the flag ends the whole series (its reminders stop).
 *
 * crm_event_store_list_range: the events of @scope that may have an
 * occurrence overlapping [@from, @to): events as stored (series, not
 * occurrences: expand them with crm_event_expand()), by start.
 *
 * crm_event_store_list_open_todos: the to-dos (tasks, deadlines, care)
 * of @scope that do not repeat, are not done and start before @before,
 * the oldest end first.
 *
 * crm_event_store_check_scope: whether @session may look at @scope;
 * CRM_PERMISSION_ERROR_DENIED with the reason otherwise. */
gint64      crm_event_store_create           (CrmStore             *store,
                                              CrmSession           *session,
                                              CrmEvent             *event,
                                              GError              **error);
gboolean    crm_event_store_update           (CrmStore             *store,
                                              CrmSession           *session,
                                              CrmEvent             *event,
                                              GError              **error);
gboolean    crm_event_store_move             (CrmStore             *store,
                                              CrmSession           *session,
                                              gint64                event_id,
                                              GDateTime            *start,
                                              GDateTime            *end,
                                              GError              **error);
gboolean    crm_event_store_set_done         (CrmStore             *store,
                                              CrmSession           *session,
                                              gint64                event_id,
                                              gboolean              done,
                                              GError              **error);
gboolean    crm_event_store_delete           (CrmStore             *store,
                                              CrmSession           *session,
                                              gint64                event_id,
                                              GError              **error);
CrmEvent   *crm_event_store_get              (CrmStore             *store,
                                              CrmSession           *session,
                                              gint64                event_id,
                                              GError              **error);
GPtrArray  *crm_event_store_list_range       (CrmStore             *store,
                                              CrmSession           *session,
                                              const CrmEventScope  *scope,
                                              GDateTime            *from,
                                              GDateTime            *to,
                                              GError              **error);
GPtrArray  *crm_event_store_list_open_todos  (CrmStore             *store,
                                              CrmSession           *session,
                                              const CrmEventScope  *scope,
                                              GDateTime            *before,
                                              GError              **error);
gboolean    crm_event_store_check_scope      (CrmStore             *store,
                                              CrmSession           *session,
                                              const CrmEventScope  *scope,
                                              GError              **error);

/* The address a new event with customer @customer_id is held at
 * ("12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh"): *address NULL when the
 * customer has none.  Refuses a customer @session may not see. */
gboolean    crm_event_store_customer_address (CrmStore             *store,
                                              CrmSession           *session,
                                              gint64                customer_id,
                                              char                **address,
                                              GError              **error);

/* For the store: "2026-11-23T08:15:00Z" and back (NULL for NULL or text
 * that is no timestamp). */
char       *_crm_event_store_format_time     (GDateTime            *time);
GDateTime  *_crm_event_store_parse_time      (const char           *text);
/* Fills @event's participants and reminders from the database. */
gboolean    _crm_event_store_load_details    (CrmStore             *store,
                                              CrmEvent             *event,
                                              GError              **error);

G_END_DECLS
