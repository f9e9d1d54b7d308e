/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-assignment-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-assignment-store.h"
#include "crm-store-private.h"

/* Who looks after which customer.  The admin picks the rule for new
 * customers (setting assignment_rule): manual (the creator), round_robin
 * among active staff, least_loaded, or by_province with a fallback to round
 * robin.  The by_province map is the setting assignment_map, a JSON object
 * from province code to user id. */

static const char *const rule_names[] = { "manual", "round_robin", "least_loaded", "by_province" };

const char *
crm_assignment_rule_to_string (CrmAssignmentRule rule)
{
  g_return_val_if_fail (rule < G_N_ELEMENTS (rule_names), rule_names[0]);
  return rule_names[rule];
}

gboolean
crm_assignment_rule_from_string (const char        *text,
                                 CrmAssignmentRule *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_names); i++)
    if (g_strcmp0 (text, rule_names[i]) == 0)
      {
        *rule = i;
        return TRUE;
      }
  return FALSE;
}

static gint64
query_user (CrmStore      *store,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  gint64 user_id = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    user_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return user_id;
}

/* The active staff member after the one who got the last customer, by id,
 * wrapping round; the position is kept in the counters table. */
static gint64
pick_round_robin (CrmStore  *store,
                  GError   **error)
{
  static const char sql[] =
    "SELECT id FROM users WHERE role = 'staff' AND active = 1 ORDER BY "
    "  id <= coalesce ((SELECT value FROM counters WHERE name = 'assignment-round-robin'), 0), id "
    "LIMIT 1";
  static const char save_sql[] =
    "INSERT INTO counters (name, value) VALUES ('assignment-round-robin', :id) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  gint64 user_id;

  if (stmt == NULL || !(user_id = query_user (store, stmt, error)))
    return 0;
  if (!(stmt = _crm_store_prepare (store, save_sql, error)))
    return 0;
  _crm_bind_int64 (stmt, ":id", user_id);
  return _crm_store_step_done (store, stmt, error) ? user_id : 0;
}

static gint64
pick_least_loaded (CrmStore  *store,
                   GError   **error)
{
  static const char sql[] =
    "SELECT u.id FROM users u WHERE u.role = 'staff' AND u.active = 1 ORDER BY "
    "  (SELECT count(*) FROM customers c WHERE c.assigned_to = u.id AND c.merged_into IS NULL), u.id "
    "LIMIT 1";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  return stmt != NULL ? query_user (store, stmt, error) : 0;
}

static gint64
pick_by_province (CrmStore     *store,
                  const char   *province_code,
                  GError      **error)
{
  static const char sql[] =
    "SELECT u.id FROM settings s, json_each (s.value) m JOIN users u ON u.id = m.value "
    "WHERE s.key = 'assignment_map' AND json_valid (s.value) AND m.key = :province AND u.active = 1";
  sqlite3_stmt *stmt;
  gint64 user_id;

  if (province_code == NULL)
    return pick_round_robin (store, error);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_text (stmt, ":province", province_code);
  user_id = query_user (store, stmt, error);
  if (user_id == 0 && (error == NULL || *error == NULL))
    return pick_round_robin (store, error);
  return user_id;
}

/**
 * _crm_assignment_pick:
 *
 * The user a new customer goes to under the company's rule, inside the
 * caller's write transaction; the creator when the rule is manual or no
 * active staff member exists.
 */
gint64
_crm_assignment_pick (CrmStore           *store,
                      CrmSession         *session,
                      const CrmCustomer  *customer,
                      GError            **error)
{
  g_autofree char *value = NULL;
  g_autoptr(GError) local_error = NULL;
  CrmAssignmentRule rule = CRM_ASSIGNMENT_MANUAL;
  gint64 user_id = 0;

  if (!_crm_store_get_setting (store, "assignment_rule", &value, error))
    return 0;
  crm_assignment_rule_from_string (value, &rule);
  switch (rule)
    {
    case CRM_ASSIGNMENT_ROUND_ROBIN:
      user_id = pick_round_robin (store, &local_error);
      break;
    case CRM_ASSIGNMENT_LEAST_LOADED:
      user_id = pick_least_loaded (store, &local_error);
      break;
    case CRM_ASSIGNMENT_BY_PROVINCE:
      user_id = pick_by_province (store, customer->province_code, &local_error);
      break;
    case CRM_ASSIGNMENT_MANUAL:
    default:
      break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return user_id > 0 ? user_id : crm_session_get_user_id (session);
}

/* Reassignment ------------------------------------------------------------- */

/* Customers a manager hands around: their own, their team's and nobody's;
 * an administrator's, every one.  In a shared office a manager sees the
 * other teams' customers too, but does not take them away. */
#define MANAGED_CUSTOMER(alias) \
  "(:v_admin = 1 OR " alias ".assigned_to IS NULL OR " alias ".assigned_to = :v_uid OR " \
  "(:v_team > 0 AND " alias ".assigned_to IN (SELECT u.id FROM users u WHERE u.team_id = :v_team)))"

static gboolean
require_manager (CrmSession  *session,
                 GError     **error)
{
  if (crm_session_get_role (session) != CRM_ROLE_STAFF)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only a manager or an administrator may assign customers to staff."));
  return FALSE;
}

/* @user_id must be active, and for a manager themselves or one of their
 * team: the people crm_user_store_list_assignees() offers. */
static gboolean
check_target (CrmStore    *store,
              CrmSession  *session,
              gint64       user_id,
              GError     **error)
{
  static const char sql[] =
    "SELECT u.active, (:v_admin = 1 OR u.id = :v_uid OR (:v_team > 0 AND u.team_id = :v_team)) "
    "FROM users u WHERE u.id = :id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  gboolean active = FALSE, allowed = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", user_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      active = sqlite3_column_int (stmt, 0) != 0;
      allowed = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!active)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Customers can only be assigned to an active user."));
      return FALSE;
    }
  if (!allowed)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("A manager may assign customers only to themselves or to their own team."));
      return FALSE;
    }
  return TRUE;
}

static void
set_not_managed (GError     **error,
                 const char  *name)
{
  g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
               _("“%s” is looked after by another team; only an administrator may give it to someone else."),
               name);
}

/* For the customer store: may @session give a customer now assigned to
 * @from_user (0: nobody) to @to_user (0: nobody)?  Only managers and
 * admins hand customers around, managers only within their team, and
 * only to active users. */
gboolean
_crm_assignment_check_change (CrmStore    *store,
                              CrmSession  *session,
                              const char  *customer_name,
                              gint64       from_user,
                              gint64       to_user,
                              GError     **error)
{
  static const char sql[] =
    "SELECT " MANAGED_CUSTOMER ("c") " FROM (SELECT :from AS assigned_to) c";
  sqlite3_stmt *stmt;
  gboolean managed = FALSE;
  int rc;

  if (!require_manager (session, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_id (stmt, ":from", from_user);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    managed = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!managed)
    {
      set_not_managed (error, customer_name);
      return FALSE;
    }
  return to_user == 0 || check_target (store, session, to_user, error);
}

/* Moves one visible customer, with its audit row; FALSE with NOT_FOUND when
 * @session may not see it, PERMISSION when it is another team's. */
static gboolean
assign_one (CrmStore    *store,
            CrmSession  *session,
            gint64       customer_id,
            gint64       to_user,
            GError     **error)
{
  static const char sql[] =
    "UPDATE customers AS c SET assigned_to = :to, row_version = row_version + 1, updated_at = :now "
    "WHERE c.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");
  static const char old_sql[] =
    "SELECT c.assigned_to, c.full_name, " MANAGED_CUSTOMER ("c") " "
    "FROM customers c WHERE c.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *old_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *new_text = g_strdup_printf ("%" G_GINT64_FORMAT, to_user);
  gboolean managed = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, old_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", customer_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        old_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      name = _crm_column_text (stmt, 1);
      managed = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                             _("This customer does not exist or is not yours to see."));
      else
        _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!managed)
    {
      set_not_managed (error, name);
      return FALSE;
    }
  if (g_strcmp0 (old_text, new_text) == 0)
    return TRUE;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":to", to_user);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", customer_id);
  _crm_store_bind_viewer (stmt, session);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "assign", "customer", customer_id, "assigned_to",
                           old_text, new_text, error);
}

static gboolean
assign_all (CrmStore    *store,
            CrmSession  *session,
            GArray      *customer_ids,
            gint64       to_user,
            GError     **error)
{
  if (!check_target (store, session, to_user, error))
    return FALSE;
  for (guint i = 0; i < customer_ids->len; i++)
    if (!assign_one (store, session, g_array_index (customer_ids, gint64, i), to_user, error))
      return FALSE;
  return TRUE;
}

/**
 * crm_assignment_store_reassign:
 * @customer_ids: (element-type gint64): the selection
 *
 * Gives every customer of the selection to @to_user, all or nothing, one
 * audit row per customer that changed hands.
 */
gboolean
crm_assignment_store_reassign (CrmStore    *store,
                               CrmSession  *session,
                               GArray      *customer_ids,
                               gint64       to_user,
                               GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (customer_ids != NULL, FALSE);

  if (!_crm_store_require_active (store, session, error) ||
      !require_manager (session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!assign_all (store, session, customer_ids, to_user, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static GArray *
customers_of (CrmStore    *store,
              CrmSession  *session,
              gint64       user_id,
              GError     **error)
{
  static const char sql[] =
    "SELECT c.id FROM customers c WHERE c.assigned_to = :user AND c.merged_into IS NULL AND "
    CRM_VISIBLE_CUSTOMER ("c") " ORDER BY c.id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _crm_bind_int64 (stmt, ":user", user_id);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * crm_assignment_store_hand_over:
 * @n_moved: (out) (optional): how many customers changed hands
 *
 * Hands every customer of @from_user (a staff member who leaves, say) to
 * @to_user, in one transaction, so none assigned meanwhile stays behind.
 */
gboolean
crm_assignment_store_hand_over (CrmStore    *store,
                                CrmSession  *session,
                                gint64       from_user,
                                gint64       to_user,
                                guint       *n_moved,
                                GError     **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!_crm_store_require_active (store, session, error) ||
      !require_manager (session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!(ids = customers_of (store, session, from_user, error)) ||
      !assign_all (store, session, ids, to_user, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  if (n_moved != NULL)
    *n_moved = ids->len;
  return TRUE;
}
