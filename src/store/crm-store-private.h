/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the repository files of src/store/ only: nothing outside the
 * store ever sees a sqlite3 handle. */

#include <sqlite3.h>

#include "crm-store.h"
#include "crm-session.h"

G_BEGIN_DECLS

/* The viewer bound with _crm_store_bind_viewer() is still an active user.
 * A session outlives the deactivation of its user: binding looks the user
 * up (by primary key, just before the statement runs) and sets :v_active,
 * so every read built on the macros below returns nothing to a
 * switched-off account.  A bound parameter rather than an EXISTS over
 * users: SQLite tests a constant term once, before the loop, where a
 * subquery costs a few instructions on every row (4-6 % on a scan of
 * 100 000 customers). */
#define CRM_ACTIVE_VIEWER "(:v_active = 1)"

/* Visibility of a customer row aliased `c` for the viewer bound with
 * _crm_store_bind_viewer(): everyone's for admins and shared offices, the
 * team's for managers, one's own otherwise; nothing for an inactive user. */
#define CRM_VISIBLE_CUSTOMER(alias) \
  "(" CRM_ACTIVE_VIEWER " AND (:v_all = 1 OR " alias ".assigned_to = :v_uid OR " \
  "(:v_team > 0 AND " alias ".assigned_to IN (SELECT u.id FROM users u WHERE u.team_id = :v_team))))"

/* Visibility of work owned by a user (events, tasks): one's own, the
 * team's for managers, everything for admins — whatever the customer
 * sharing setting says; nothing for an inactive user. */
#define CRM_VISIBLE_OWNER(column) \
  "(" CRM_ACTIVE_VIEWER " AND (:v_admin = 1 OR " column " = :v_uid OR " \
  "(:v_team > 0 AND " column " IN (SELECT u.id FROM users u WHERE u.team_id = :v_team))))"

/* A transaction (interaction, opportunity, quote, contract, order) owned
 * by @owner on a customer aliased @alias that CRM_VISIBLE_CUSTOMER()
 * already lets the viewer see.  When the company setting
 * staff_see_others_transactions is '0', staff read, on customers shared
 * with them, only their own transactions; on the customers assigned to
 * them everything.  Managers and administrators read everything they see.
 * :v_staff is bound by _crm_store_bind_viewer().  The owner comes last:
 * it may be a lookup, needed only when the cheaper tests fail. */
#define CRM_VISIBLE_TRANSACTION(alias, owner) \
  "(:v_staff = 0 OR " alias ".assigned_to = :v_uid OR " \
  "coalesce ((SELECT s.value FROM settings s WHERE s.key = 'staff_see_others_transactions'), '1') " \
  "<> '0' OR " owner " = :v_uid)"

sqlite3      *_crm_store_get_db        (CrmStore      *self);
sqlite3_stmt *_crm_store_prepare       (CrmStore      *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      _crm_store_exec          (CrmStore      *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      _crm_store_begin         (CrmStore      *self,
                                        GError       **error);
gboolean      _crm_store_commit        (CrmStore      *self,
                                        GError       **error);
void          _crm_store_rollback      (CrmStore      *self);
gboolean      _crm_store_step_done     (CrmStore      *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
void          _crm_store_set_error     (CrmStore      *self,
                                        int            rc,
                                        GError       **error);
void          _crm_set_error_from_rc   (sqlite3       *db,
                                        int            rc,
                                        const char    *path,
                                        GError       **error);
void          _crm_store_bind_viewer   (sqlite3_stmt  *stmt,
                                        CrmSession    *session);
void          _crm_bind_text           (sqlite3_stmt  *stmt,
                                        const char    *name,
                                        const char    *value);
void          _crm_bind_int64          (sqlite3_stmt  *stmt,
                                        const char    *name,
                                        gint64         value);
void          _crm_bind_id             (sqlite3_stmt  *stmt,
                                        const char    *name,
                                        gint64         id);
char         *_crm_column_text         (sqlite3_stmt  *stmt,
                                        int            column);
char         *_crm_now_utc             (void);
gboolean      _crm_store_require_active (CrmStore     *self,
                                         CrmSession   *session,
                                         GError      **error);
gboolean      _crm_store_require_may_delete (CrmStore   *self,
                                             CrmSession *session,
                                             GError    **error);
gboolean      _crm_store_audit         (CrmStore      *self,
                                        CrmSession    *session,
                                        const char    *action,
                                        const char    *entity,
                                        gint64         entity_id,
                                        const char    *field,
                                        const char    *old_value,
                                        const char    *new_value,
                                        GError       **error);
char         *_crm_store_next_document_code (CrmStore   *self,
                                            const char *prefix,
                                            const char *counter,
                                            int         year,
                                            GError    **error);
gint64        _crm_store_next_counter  (CrmStore      *self,
                                        const char    *name,
                                        GError       **error);
gboolean      _crm_store_get_setting   (CrmStore      *self,
                                        const char    *key,
                                        char         **value,
                                        GError       **error);
gboolean      _crm_store_put_search_doc (CrmStore     *self,
                                         const char   *kind,
                                         gint64        ref_id,
                                         gint64        customer_id,
                                         const char   *code,
                                         const char   *title,
                                         const char   *body_source,
                                         GError      **error);

gboolean      _crm_query_int           (sqlite3       *db,
                                        const char    *sql,
                                        gint64        *value,
                                        const char    *path,
                                        GError       **error);
gboolean      _crm_check_header        (const char    *path,
                                        GError       **error);
gboolean      _crm_check_identity      (sqlite3       *db,
                                        const char    *path,
                                        int           *schema_version,
                                        GError       **error);
gboolean      _crm_store_migrate       (CrmStore      *self,
                                        GError       **error);
void          _crm_store_reset_statements (CrmStore   *self);
gboolean      _crm_store_reload_schema_version (CrmStore *self,
                                                GError  **error);

G_END_DECLS
