/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Company settings written by the set-up assistant (crm_settings_get()
 * reads them).  The logo is the image file's bytes in base64. */
#define CRM_SETTING_COMPANY_NAME      "company_name"
#define CRM_SETTING_COMPANY_ADDRESS   "company_address"
#define CRM_SETTING_COMPANY_TAX_CODE  "company_tax_code"
#define CRM_SETTING_COMPANY_PHONE     "company_phone"
#define CRM_SETTING_COMPANY_LOGO      "company_logo"

/* Wrong passwords in a row that lock an account, and for how long. */
#define CRM_SIGN_IN_MAX_FAILURES  5
#define CRM_SIGN_IN_LOCK_MINUTES  15

#define CRM_TYPE_USER_INFO (crm_user_info_get_type ())
#define CRM_TYPE_TEAM_INFO (crm_team_info_get_type ())

/* A user as pickers and the sign-in window show them. */
typedef struct
{
  gint64   id;
  char    *login;
  char    *full_name;
  CrmRole  role;
  gint64   team_id;
} CrmUserEntry;

/* A user as the administration page shows them: every column of the
 * users table but the password hash. */
typedef struct
{
  gint64    id;
  char     *login;
  char     *full_name;
  char     *email;            /* NULL when none */
  char     *phone;            /* E.164 ("+84912345678"), NULL when none */
  CrmRole   role;
  gint64    team_id;          /* 0 for none */
  char     *team_name;        /* NULL for none */
  gboolean  active;
  gboolean  has_password;     /* FALSE: cannot sign in until a password is set */
  guint     failed_logins;    /* wrong passwords in a row */
  char     *locked_until;     /* ISO-8601 UTC end of the last lock, or NULL */
  gboolean  may_export;
  gboolean  may_print;
  gboolean  may_delete;
  gboolean  may_see_cost;
  char     *last_sign_in_at;  /* ISO-8601 UTC, or NULL */
  char     *created_at;
  char     *updated_at;
  gint64    created_by;       /* 0 for none */
} CrmUserInfo;

/* What an administrator may change about a user with
 * crm_user_store_update_user(): the whole set is sent, the store writes
 * and audits the fields that differ.  Strings are borrowed; empty or NULL
 * email and phone mean none. */
typedef struct
{
  gint64       id;
  const char  *full_name;
  const char  *email;
  const char  *phone;
  CrmRole      role;
  gint64       team_id;       /* 0 for none */
  gboolean     active;
  gboolean     may_export;
  gboolean     may_print;
  gboolean     may_delete;
  gboolean     may_see_cost;
} CrmUserUpdate;

/* A team, its manager and how many active members it has. */
typedef struct
{
  gint64  id;
  char   *name;
  gint64  manager_id;         /* 0 for none */
  char   *manager_name;       /* NULL for none */
  guint   n_members;
} CrmTeamInfo;

/* The company as the set-up assistant asks for it.  Strings are
 * borrowed; only the name is required. */
typedef struct
{
  const char  *name;
  const char  *address;
  const char  *tax_code;      /* validated and normalised like a customer's */
  const char  *phone;         /* stored as E.164 */
  GBytes      *logo;          /* the image file, or NULL */
} CrmCompanyInfo;

void          crm_user_entry_free            (CrmUserEntry        *entry);

GType         crm_user_info_get_type         (void) G_GNUC_CONST;
CrmUserInfo  *crm_user_info_copy             (const CrmUserInfo   *self);
void          crm_user_info_free             (CrmUserInfo         *self);
/* Fills @update with @info's values (borrowing its strings), so a caller
 * changes only what it means to change. */
void          crm_user_update_init           (CrmUserUpdate       *update,
                                              const CrmUserInfo   *info);

GType         crm_team_info_get_type         (void) G_GNUC_CONST;
CrmTeamInfo  *crm_team_info_copy             (const CrmTeamInfo   *self);
void          crm_team_info_free             (CrmTeamInfo         *self);

/* Sign-in ---------------------------------------------------------------
 *
 * crm_user_store_sign_in: the only way the application and the headless
 * verbs get a session.  An unknown login, a wrong password and a user
 * without a password all give the same CRM_PERMISSION_ERROR_DENIED
 * message.  CRM_SIGN_IN_MAX_FAILURES wrong passwords in a row lock the
 * account for CRM_SIGN_IN_LOCK_MINUTES; while locked every attempt, even
 * with the right password, is refused with CRM_PERMISSION_ERROR_DENIED
 * and a message saying until when.  A deactivated user who gives the
 * right password gets CRM_PERMISSION_ERROR_INACTIVE.  Success resets the
 * count and records the time.  Every attempt is written to the audit log
 * ("sign_in" or "sign_in_failed"), and a failure's audit row and count
 * are committed although the call fails.
 *
 * crm_user_store_set_password: users change their own password and must
 * give the current one (@old_password), administrators included; an
 * administrator sets anyone else's (@old_password ignored, may be NULL),
 * which also lifts a lock.  The new password must pass
 * crm_password_check_strength().  The audit row says "changed" or
 * "reset", never the password or its hash.
 *
 * crm_user_store_list_for_sign_in: the active users who have a password,
 * for the sign-in window's list; no session needed.
 */
CrmSession   *crm_user_store_sign_in         (CrmStore            *store,
                                              const char          *login,
                                              const char          *password,
                                              GError             **error);
gboolean      crm_user_store_set_password    (CrmStore            *store,
                                              CrmSession          *session,
                                              gint64               user_id,
                                              const char          *new_password,
                                              const char          *old_password,
                                              GError             **error);
GPtrArray    *crm_user_store_list_for_sign_in (CrmStore           *store,
                                               GError            **error);

/* First start -----------------------------------------------------------
 *
 * crm_user_store_needs_setup: *needs is TRUE while no active administrator
 * has a password — a new database, or one made before sign-in existed.
 * The window then shows the set-up assistant instead of the sign-in.
 *
 * crm_user_store_finish_setup: gives the first administrator (created if
 * the database has no administrator at all) @admin_full_name, @admin_login
 * and @password, and writes the company settings, in one transaction.
 * Refuses with CRM_PERMISSION_ERROR_DENIED once set-up is done, with
 * CRM_VALIDATION_ERROR for a blank name or login, a weak password, a
 * company without a name or a wrong tax code or phone.  Returns the new
 * administrator's session, so the assistant can open the window at once.
 */
gboolean      crm_user_store_needs_setup     (CrmStore            *store,
                                              gboolean            *needs,
                                              GError             **error);
CrmSession   *crm_user_store_finish_setup    (CrmStore            *store,
                                              const char          *admin_full_name,
                                              const char          *admin_login,
                                              const char          *password,
                                              const CrmCompanyInfo *company,
                                              GError             **error);

/* Administration --------------------------------------------------------
 *
 * All but the list calls need an administrator's session and write one
 * audit row per changed field.
 *
 * crm_user_store_update_user: full name, email, phone, role, team, active
 * and the four extra permissions.  Refuses (CRM_PERMISSION_ERROR_DENIED)
 * to demote or deactivate the last active administrator.  A manager who
 * leaves their team, stops being a manager or is deactivated no longer
 * leads the team.  Deactivating keeps the user's history and customers.
 *
 * crm_user_store_list_users: in Vietnamese order of given names; an
 * administrator sees everyone, a manager their team and themselves, staff
 * themselves.  Element type CrmUserInfo.
 *
 * crm_user_store_list_teams: every team, by name; element type CrmTeamInfo.
 *
 * crm_user_store_set_team_manager: @user_id must be an active manager of
 * that team, or 0 for none.
 */
gboolean      crm_user_store_update_user     (CrmStore            *store,
                                              CrmSession          *session,
                                              const CrmUserUpdate *update,
                                              GError             **error);
GPtrArray    *crm_user_store_list_users      (CrmStore            *store,
                                              CrmSession          *session,
                                              gboolean             include_inactive,
                                              GError             **error);
GPtrArray    *crm_user_store_list_teams      (CrmStore            *store,
                                              CrmSession          *session,
                                              GError             **error);
gboolean      crm_user_store_rename_team     (CrmStore            *store,
                                              CrmSession          *session,
                                              gint64               team_id,
                                              const char          *name,
                                              GError             **error);
gboolean      crm_user_store_set_team_manager (CrmStore           *store,
                                               CrmSession         *session,
                                               gint64              team_id,
                                               gint64              user_id,
                                               GError            **error);
gint64        crm_user_store_create          (CrmStore            *store,
                                              CrmSession          *session,
                                              const char          *login,
                                              const char          *full_name,
                                              CrmRole              role,
                                              gint64               team_id,
                                              GError             **error);
gint64        crm_user_store_create_team     (CrmStore            *store,
                                              CrmSession          *session,
                                              const char          *name,
                                              GError             **error);
/* The same rules as crm_user_store_update_user() for the active field. */
gboolean      crm_user_store_set_active      (CrmStore            *store,
                                              CrmSession          *session,
                                              gint64               user_id,
                                              gboolean             active,
                                              GError             **error);

/* Tests, demo data and tools --------------------------------------------
 *
 * These open sessions without a password.  The application and the
 * headless verbs never use them to let someone in: they sign in.
 * crm_user_store_ensure_admin returns the first active administrator,
 * creating the password-less account "admin" in a database without users
 * (crm_user_store_finish_setup() later gives it a name and password). */
CrmSession   *crm_user_store_ensure_admin    (CrmStore            *store,
                                              GError             **error);
CrmSession   *crm_user_store_open_session    (CrmStore            *store,
                                              gint64               user_id,
                                              GError             **error);
CrmSession   *crm_user_store_session_for     (CrmStore            *store,
                                              const char          *login,
                                              GError             **error);

gint64        crm_user_store_count           (CrmStore            *store,
                                              GError             **error);
char         *crm_user_store_get_full_name   (CrmStore            *store,
                                              gint64               user_id,
                                              GError             **error);
GPtrArray    *crm_user_store_list_assignees  (CrmStore            *store,
                                              CrmSession          *session,
                                              GError             **error);

char         *crm_settings_get               (CrmStore            *store,
                                              const char          *key,
                                              GError             **error);
gboolean      crm_settings_set               (CrmStore            *store,
                                              CrmSession          *session,
                                              const char          *key,
                                              const char          *value,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmUserEntry, crm_user_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmUserInfo, crm_user_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTeamInfo, crm_team_info_free)

G_END_DECLS
