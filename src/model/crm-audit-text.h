/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The audit log speaks in column names and codes ("update", "customer",
 * "province_code", "ha-noi"); people read it in words.  These give the
 * words, translated; what only the store knows (user and category names)
 * is looked up by the caller. */

/* The actions and kinds of record the log holds, for filter choices, in
 * the order they are offered; NULL-terminated. */
const char *const *crm_audit_actions          (void);
const char *const *crm_audit_entities         (void);

/* "Changed", "Customer", "Province": a translated label; an unknown code
 * is returned as it is (never NULL for a non-NULL code). */
const char        *crm_audit_action_label     (const char *action);
const char        *crm_audit_entity_label     (const char *entity);
const char        *crm_audit_field_label      (const char *entity,
                                               const char *field);

/* A stored value as people read it: status, kind, gender, source and
 * interaction kind codes as labels, province codes as province names,
 * 0/1 switches as yes/no, dates and timestamps as dd/MM/yyyy (HH:mm in
 * local time).  NULL or empty gives "" (nothing was there). */
char              *crm_audit_value_text       (const char *entity,
                                               const char *field,
                                               const char *value);

/* An instant of the log ("2026-11-23T08:15:00Z") as "23/11/2026 15:15" in
 * local time; "" when unreadable. */
char              *crm_audit_format_time      (const char *at);

/* Whether @field of @entity holds a user, category or team id (resolved
 * to a name by the caller, who has the store). */
gboolean           crm_audit_field_is_user     (const char *entity,
                                               const char *field);
gboolean           crm_audit_field_is_category (const char *entity,
                                                const char *field);
gboolean           crm_audit_field_is_team     (const char *entity,
                                                const char *field);

G_END_DECLS
