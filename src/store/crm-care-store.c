/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-store"

#include "config.h"

#include "crm-care-store.h"

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* After-sales care cases and their timelines.  A case moves only along
 * crm_care_status_can_move(); becoming resolved stamps resolved_at, which
 * closing keeps and reopening clears.  Every change bumps row_version, so
 * an editor opened before it cannot save over it.  Each action of the
 * timeline is also an entry of the customer's history (an interaction
 * with ref_kind 'care_case'), written in the same transaction, and moves
 * the customer's last contact forward.  Every write is audited in its
 * own transaction.
 *
 * Who: as opportunities, the assignee standing for the owner.  A case is
 * read by whoever sees its customer (CRM_VISIBLE_CUSTOMER) and its
 * assignee's transactions (CRM_VISIBLE_TRANSACTION); refused reads look
 * like missing records.  Staff change the cases assigned to them and
 * those of the customers assigned to them, and may give a case only to
 * themselves; managers and administrators change any they see and give
 * it to any active user. */

#define CASE_COLUMNS \
  "k.id, k.customer_id, k.assignee_id, k.standard_id, k.kind, k.priority, k.status, k.subject, " \
  "k.description, k.due_on, k.row_version, c.code, c.full_name, u.full_name, k.resolved_at, " \
  "k.created_at, k.updated_at, c.assigned_to "

#define CASE_FROM \
  "FROM care_cases k JOIN customers c ON c.id = k.customer_id " \
  "LEFT JOIN users u ON u.id = k.assignee_id "

/* The reading rule above, for rows aliased k and c; bind with
 * _crm_store_bind_viewer(). */
#define VISIBLE_CASE \
  "(c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", "k.assignee_id") ")"

/* The list filter; :search is folded in C, the subject by the function
 * below (SQLite's lower() and LIKE know only ASCII). */
#define FILTER_WHERE \
  "(:status IS NULL OR k.status = :status) AND " \
  "(:overdue = 0 OR (k.due_on < :today AND k.status NOT IN ('resolved', 'closed'))) AND " \
  "(:assignee IS NULL OR k.assignee_id = :assignee) AND " \
  "(:search IS NULL OR instr (c.folded_name, :search) > 0 OR " \
  " instr (crm_care_fold (k.subject), :search) > 0)"

/* Open cases first, by due date (none last), then the finished ones;
 * the id keeps pages from overlapping. */
#define ORDER_BY \
  "ORDER BY k.status IN ('resolved', 'closed'), k.due_on IS NULL, k.due_on, k.id"

#define FOLD_KEY "crm-care-fold-db"

/* Filters ------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (CrmCareFilter, crm_care_filter, crm_care_filter_copy, crm_care_filter_free)

CrmCareFilter *
crm_care_filter_new (void)
{
  CrmCareFilter *self = g_new0 (CrmCareFilter, 1);

  self->status = -1;
  return self;
}

CrmCareFilter *
crm_care_filter_copy (const CrmCareFilter *self)
{
  CrmCareFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->search = g_strdup (self->search);
  copy->today = g_strdup (self->today);
  return copy;
}

void
crm_care_filter_free (CrmCareFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->search);
  g_free (self->today);
  g_free (self);
}

gboolean
crm_care_filter_equal (const CrmCareFilter *a,
                       const CrmCareFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->status == b->status && !a->overdue == !b->overdue && a->assignee_id == b->assignee_id &&
         g_strcmp0 (a->today, b->today) == 0 &&
         (g_strcmp0 (a->search, b->search) == 0 || (crm_text_is_blank (a->search) && crm_text_is_blank (b->search)));
}

/* crm_care_fold (text): crm_text_fold() in SQL, for the search. */
static void
fold_function (sqlite3_context  *context,
               int               n_args,
               sqlite3_value   **args)
{
  g_autofree char *folded = crm_text_fold ((const char *) sqlite3_value_text (args[0]));

  sqlite3_result_text (context, folded, -1, SQLITE_TRANSIENT);
}

/* Registers the fold function once per connection. */
static gboolean
ensure_fold_function (CrmStore  *store,
                      GError   **error)
{
  sqlite3 *db = _crm_store_get_db (store);
  int rc;

  if (g_object_get_data (G_OBJECT (store), FOLD_KEY) == db)
    return TRUE;
  rc = sqlite3_create_function_v2 (db, "crm_care_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   NULL, fold_function, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  g_object_set_data (G_OBJECT (store), FOLD_KEY, db);
  return TRUE;
}

static void
bind_filter (sqlite3_stmt        *stmt,
             const CrmCareFilter *filter)
{
  g_autofree char *folded = NULL;
  g_autofree char *today = NULL;
  gboolean overdue = filter != NULL && filter->overdue;

  if (filter != NULL && !crm_text_is_blank (filter->search))
    folded = crm_text_fold (filter->search);
  today = filter != NULL && filter->today != NULL ? g_strdup (filter->today) : crm_care_today ();
  _crm_bind_text (stmt, ":status", filter != NULL && filter->status >= 0 && !overdue
                                   ? crm_care_status_to_string ((CrmCareStatus) filter->status)
                                   : NULL);
  _crm_bind_int64 (stmt, ":overdue", overdue ? 1 : 0);
  _crm_bind_text (stmt, ":today", today);
  _crm_bind_id (stmt, ":assignee", filter != NULL ? filter->assignee_id : 0);
  _crm_bind_text (stmt, ":search", folded != NULL && *folded != '\0' ? folded : NULL);
}

/* Reading ------------------------------------------------------------------- */

static CrmCareCase *
case_from_row (sqlite3_stmt *stmt,
               gint64       *assigned_to)
{
  CrmCareCase *self = crm_care_case_new ();

  self->id = sqlite3_column_int64 (stmt, 0);
  self->customer_id = sqlite3_column_int64 (stmt, 1);
  self->assignee_id = sqlite3_column_int64 (stmt, 2);
  self->standard_id = sqlite3_column_int64 (stmt, 3);
  crm_care_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &self->kind);
  crm_care_priority_from_string ((const char *) sqlite3_column_text (stmt, 5), &self->priority);
  crm_care_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &self->status);
  self->subject = _crm_column_text (stmt, 7);
  self->description = _crm_column_text (stmt, 8);
  self->due_on = _crm_column_text (stmt, 9);
  self->row_version = sqlite3_column_int64 (stmt, 10);
  self->customer_code = _crm_column_text (stmt, 11);
  self->customer_name = _crm_column_text (stmt, 12);
  self->assignee_name = _crm_column_text (stmt, 13);
  self->resolved_at = _crm_column_text (stmt, 14);
  self->created_at = _crm_column_text (stmt, 15);
  self->updated_at = _crm_column_text (stmt, 16);
  if (assigned_to != NULL)
    *assigned_to = sqlite3_column_int64 (stmt, 17);
  return self;
}

static GPtrArray *
collect (CrmStore      *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_care_case_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, case_from_row (stmt, NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("This care case does not exist or is not yours to see."));
}

/* The case if @session may read it, and its customer's assigned staff
 * for the caller's rights check. */
static CrmCareCase *
load_visible (CrmStore    *store,
              CrmSession  *session,
              gint64       case_id,
              gint64      *assigned_to,
              GError     **error)
{
  static const char sql[] = "SELECT " CASE_COLUMNS CASE_FROM "WHERE k.id = :id AND " VISIBLE_CASE;
  g_autoptr(CrmCareCase) care = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", case_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    care = case_from_row (stmt, assigned_to);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (care == NULL)
    set_not_found (error);
  return g_steal_pointer (&care);
}

/**
 * crm_care_store_get:
 *
 * Returns: (transfer full): the case with its customer's and assignee's
 *   names, or %NULL with %CRM_STORE_ERROR_NOT_FOUND when it does not
 *   exist or @session may not read it.
 */
CrmCareCase *
crm_care_store_get (CrmStore    *store,
                    CrmSession  *session,
                    gint64       case_id,
                    GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return load_visible (store, session, case_id, NULL, error);
}

/* Rights --------------------------------------------------------------------- */

static gboolean
is_staff (CrmSession *session)
{
  return crm_session_get_role (session) == CRM_ROLE_STAFF;
}

/* Staff change the cases given to them and those of their own customers. */
static gboolean
require_editor (CrmSession         *session,
                const CrmCareCase  *care,
                gint64              assigned_to,
                GError            **error)
{
  gint64 user_id = crm_session_get_user_id (session);

  if (!is_staff (session) || care->assignee_id == user_id || assigned_to == user_id)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only the person the case is assigned to, the customer's assigned staff, a manager or an administrator may change this care case."));
  return FALSE;
}

static CrmCareCase *
load_for_change (CrmStore    *store,
                 CrmSession  *session,
                 gint64       case_id,
                 GError     **error)
{
  g_autoptr(CrmCareCase) current = NULL;
  gint64 assigned_to = 0;

  if (!(current = load_visible (store, session, case_id, &assigned_to, error)) ||
      !require_editor (session, current, assigned_to, error))
    return NULL;
  return g_steal_pointer (&current);
}

/* The assignee @session gives the case: staff only themselves (or whom
 * it already had), managers and administrators any active user; the
 * name in *@name. */
static gboolean
check_assignee (CrmStore    *store,
                CrmSession  *session,
                gint64       assignee_id,
                gint64       current_assignee,
                char       **name,
                GError     **error)
{
  static const char sql[] = "SELECT full_name FROM users WHERE id = :id AND active = 1";
  sqlite3_stmt *stmt;
  int rc;

  if (assignee_id <= 0)
    return TRUE;
  if (is_staff (session) && assignee_id != crm_session_get_user_id (session) && assignee_id != current_assignee)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only a manager or an administrator may give a care case to someone else."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", assignee_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *name = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE && assignee_id != current_assignee)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose an active user to take care of this case."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_move (CrmCareStatus   from,
              CrmCareStatus   to,
              GError        **error)
{
  if (crm_care_status_can_move (from, to))
    return TRUE;
  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
               /* TRANSLATORS: a care case cannot go from one status to another, e.g. "Closed" to "New". */
               _("A care case cannot go from “%s” back to “%s”."),
               crm_care_status_label (from), crm_care_status_label (to));
  return FALSE;
}

/* Writing helpers ---------------------------------------------------------------- */

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

/* The customer's assigned staff, who take care of a case a manager opens
 * without naming anyone. */
static gint64
customer_assignee (CrmStore  *store,
                   gint64     customer_id,
                   GError   **error)
{
  static const char sql[] = "SELECT coalesce (assigned_to, 0) FROM customers WHERE id = :id";
  sqlite3_stmt *stmt;
  gint64 assignee = 0;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return -1;
  _crm_bind_int64 (stmt, ":id", customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    assignee = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return -1;
    }
  return assignee;
}

/* resolved_at goes with the status: kept while resolved or closed after
 * being resolved, stamped now on becoming so, cleared on reopening. */
static void
stamp_status (CrmCareCase       *target,
              const CrmCareCase *current,
              const char        *now)
{
  const char *kept = current != NULL && crm_care_status_is_finished (current->status) ? current->resolved_at : NULL;
  char *stamp = NULL;

  if (crm_care_status_is_finished (target->status))
    stamp = g_strdup (kept != NULL ? kept : now);
  g_free (target->resolved_at);
  target->resolved_at = stamp;
}

static void
bind_fields (sqlite3_stmt      *stmt,
             const CrmCareCase *care)
{
  _crm_bind_int64 (stmt, ":customer", care->customer_id);
  _crm_bind_id (stmt, ":assignee", care->assignee_id);
  _crm_bind_id (stmt, ":standard", care->standard_id);
  _crm_bind_text (stmt, ":kind", crm_care_kind_to_string (care->kind));
  _crm_bind_text (stmt, ":priority", crm_care_priority_to_string (care->priority));
  _crm_bind_text (stmt, ":status", crm_care_status_to_string (care->status));
  _crm_bind_text (stmt, ":subject", care->subject);
  _crm_bind_text (stmt, ":description", care->description);
  _crm_bind_text (stmt, ":due", care->due_on);
  _crm_bind_text (stmt, ":resolved", care->resolved_at);
}

/* Swaps the caller's copy with the one written, once it is committed. */
static void
hand_back (CrmCareCase *target,
           CrmCareCase *written)
{
  CrmCareCase old = *target;

  *target = *written;
  *written = old;
}

/* Creating ------------------------------------------------------------------------ */

static gboolean
write_create (CrmStore     *store,
              CrmSession   *session,
              CrmCareCase  *care,
              GError      **error)
{
  static const char sql[] =
    "INSERT INTO care_cases (customer_id, assignee_id, standard_id, kind, priority, status, subject, "
    "  description, due_on, resolved_at, row_version, created_at, updated_at, created_by) "
    "VALUES (:customer, :assignee, :standard, :kind, :priority, :status, :subject, :description, :due, "
    "  :resolved, 1, :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *assignee_name = NULL;
  sqlite3_stmt *stmt;

  g_clear_pointer (&care->customer_name, g_free);
  g_clear_pointer (&care->customer_code, g_free);
  if (!_crm_contact_store_require_customer (store, session, care->customer_id,
                                            &care->customer_name, &care->customer_code, error))
    return FALSE;
  if (care->assignee_id <= 0 && !is_staff (session) &&
      (care->assignee_id = customer_assignee (store, care->customer_id, error)) < 0)
    return FALSE;
  if (care->assignee_id <= 0)
    care->assignee_id = crm_session_get_user_id (session);
  if (!check_assignee (store, session, care->assignee_id, 0, &assignee_name, error))
    return FALSE;
  stamp_status (care, NULL, now);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_fields (stmt, care);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  care->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  if (!_crm_store_audit (store, session, "create", "care_case", care->id, NULL, NULL, care->subject, error))
    return FALSE;
  care->row_version = 1;
  g_free (care->assignee_name);
  care->assignee_name = g_steal_pointer (&assignee_name);
  g_free (care->created_at);
  care->created_at = g_strdup (now);
  g_free (care->updated_at);
  care->updated_at = g_strdup (now);
  return TRUE;
}

/**
 * crm_care_store_create:
 * @care: (inout): the new case (id 0); on success it gets its id, its
 *   assignee (when none was given: the customer's assigned staff for a
 *   manager or an administrator, the signed-in user otherwise) and the
 *   names the store reads; on failure it is left as it was
 *
 * Opens a care case for a customer @session may see, audited, all or
 * nothing.
 *
 * Returns: the new id, or 0 on error (%CRM_VALIDATION_ERROR,
 *   %CRM_PERMISSION_ERROR, %CRM_STORE_ERROR).
 */
gint64
crm_care_store_create (CrmStore     *store,
                       CrmSession   *session,
                       CrmCareCase  *care,
                       GError      **error)
{
  g_autoptr(CrmCareCase) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (care != NULL, 0);
  g_return_val_if_fail (care->id == 0, 0);

  draft = crm_care_case_copy (care);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_care_case_validate (draft, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_create (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  hand_back (care, draft);
  return care->id;
}

/* Saving --------------------------------------------------------------------------- */

static gboolean
audit_changes (CrmStore           *store,
               CrmSession         *session,
               const CrmCareCase  *old,
               const CrmCareCase  *new,
               GError            **error)
{
  g_autofree char *old_customer = id_text (old->customer_id);
  g_autofree char *new_customer = id_text (new->customer_id);
  g_autofree char *old_assignee = id_text (old->assignee_id);
  g_autofree char *new_assignee = id_text (new->assignee_id);
  const char *fields[][3] = {
    { "customer_id", old_customer, new_customer },
    { "assignee_id", old_assignee, new_assignee },
    { "kind", crm_care_kind_to_string (old->kind), crm_care_kind_to_string (new->kind) },
    { "priority", crm_care_priority_to_string (old->priority), crm_care_priority_to_string (new->priority) },
    { "status", crm_care_status_to_string (old->status), crm_care_status_to_string (new->status) },
    { "subject", old->subject, new->subject },
    { "description", old->description, new->description },
    { "due_on", old->due_on, new->due_on },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *action = g_str_equal (fields[i][0], "status") ? "status" : "update";

      if (g_strcmp0 (fields[i][1], fields[i][2]) != 0 &&
          !_crm_store_audit (store, session, action, "care_case", new->id, fields[i][0],
                             fields[i][1], fields[i][2], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_content (const CrmCareCase *a,
              const CrmCareCase *b)
{
  return a->customer_id == b->customer_id && a->assignee_id == b->assignee_id && a->kind == b->kind &&
         a->priority == b->priority && a->status == b->status && g_strcmp0 (a->subject, b->subject) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 && g_strcmp0 (a->due_on, b->due_on) == 0;
}

static void
set_conflict (GError     **error,
              const char  *subject)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
               _("The care case “%s” was changed by someone else after you opened it. Your changes were not saved; reopen it to see theirs."),
               subject);
}

static gboolean
update_row (CrmStore           *store,
            const CrmCareCase  *care,
            gint64              version,
            const char         *now,
            GError            **error)
{
  static const char sql[] =
    "UPDATE care_cases SET customer_id = :customer, assignee_id = :assignee, standard_id = :standard, "
    "  kind = :kind, priority = :priority, status = :status, subject = :subject, "
    "  description = :description, due_on = :due, resolved_at = :resolved, "
    "  row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id AND row_version = :version";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_fields (stmt, care);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", care->id);
  _crm_bind_int64 (stmt, ":version", version);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (store)) != 1)
    {
      set_conflict (error, care->subject);
      return FALSE;
    }
  return TRUE;
}

/* Writes @target over @current (both checked), stamping resolved_at;
 * @target gets the new row_version and the names. */
static gboolean
write_over (CrmStore           *store,
            CrmSession         *session,
            CrmCareCase        *target,
            const CrmCareCase  *current,
            GError            **error)
{
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *assignee_name = NULL;

  if (!require_move (current->status, target->status, error))
    return FALSE;
  g_clear_pointer (&target->customer_name, g_free);
  g_clear_pointer (&target->customer_code, g_free);
  if (target->customer_id != current->customer_id)
    {
      if (!_crm_contact_store_require_customer (store, session, target->customer_id,
                                                &target->customer_name, &target->customer_code, error))
        return FALSE;
    }
  else
    {
      target->customer_name = g_strdup (current->customer_name);
      target->customer_code = g_strdup (current->customer_code);
    }
  if (target->assignee_id <= 0)
    target->assignee_id = current->assignee_id;
  if (!check_assignee (store, session, target->assignee_id, current->assignee_id, &assignee_name, error))
    return FALSE;
  if (assignee_name == NULL && target->assignee_id == current->assignee_id)
    assignee_name = g_strdup (current->assignee_name);
  stamp_status (target, current, now);
  if (!update_row (store, target, current->row_version, now, error) ||
      !audit_changes (store, session, current, target, error))
    return FALSE;
  target->row_version = current->row_version + 1;
  g_free (target->assignee_name);
  target->assignee_name = g_steal_pointer (&assignee_name);
  g_free (target->created_at);
  target->created_at = g_strdup (current->created_at);
  g_free (target->updated_at);
  target->updated_at = g_strdup (now);
  return TRUE;
}

static gboolean
write_save (CrmStore     *store,
            CrmSession   *session,
            CrmCareCase  *care,
            GError      **error)
{
  g_autoptr(CrmCareCase) current = NULL;

  if (!(current = load_for_change (store, session, care->id, error)))
    return FALSE;
  if (current->row_version != care->row_version)
    {
      set_conflict (error, current->subject);
      return FALSE;
    }
  if (care->assignee_id <= 0)
    care->assignee_id = current->assignee_id;
  if (same_content (current, care))
    {
      CrmCareCase *copy = crm_care_case_copy (current);

      hand_back (care, copy);
      crm_care_case_free (copy);
      return TRUE;
    }
  return write_over (store, session, care, current, error);
}

/**
 * crm_care_store_save:
 * @care: (inout): the edited case with the row_version it was read at;
 *   on success it gets the new row_version and the stored names and
 *   dates; on failure it is left as it was
 *
 * Saves every field (the status too, along the allowed moves), one audit
 * row per changed field, all or nothing; an unchanged case writes
 * nothing.  Refused with %CRM_STORE_ERROR_CONFLICT when someone saved it
 * since it was read, %CRM_STORE_ERROR_NOT_FOUND when it is gone or not
 * visible, %CRM_PERMISSION_ERROR for a user who may not change it and
 * %CRM_VALIDATION_ERROR for bad input or a move that is not allowed.
 */
gboolean
crm_care_store_save (CrmStore     *store,
                     CrmSession   *session,
                     CrmCareCase  *care,
                     GError      **error)
{
  g_autoptr(CrmCareCase) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (care != NULL, FALSE);
  g_return_val_if_fail (care->id > 0, FALSE);

  draft = crm_care_case_copy (care);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_care_case_validate (draft, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_save (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  hand_back (care, draft);
  return TRUE;
}

/* Status ------------------------------------------------------------------------------ */

static gboolean
write_status (CrmStore       *store,
              CrmSession     *session,
              gint64          case_id,
              CrmCareStatus   status,
              GError        **error)
{
  g_autoptr(CrmCareCase) current = NULL;
  g_autoptr(CrmCareCase) target = NULL;

  if (!(current = load_for_change (store, session, case_id, error)))
    return FALSE;
  if (current->status == status)
    return TRUE;
  target = crm_care_case_copy (current);
  target->status = status;
  return write_over (store, session, target, current, error);
}

/**
 * crm_care_store_set_status:
 * @status: the status to move to, along crm_care_status_can_move()
 *
 * Moves a case: resolved_at is stamped when it becomes resolved (or
 * closed straight from open), kept on closing, cleared on reopening.
 * Audited; refused as a save is, and with %CRM_VALIDATION_ERROR_RANGE for
 * a move that is not allowed.
 */
gboolean
crm_care_store_set_status (CrmStore       *store,
                           CrmSession     *session,
                           gint64          case_id,
                           CrmCareStatus   status,
                           GError        **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail ((guint) status < CRM_CARE_N_STATUSES, FALSE);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_status (store, session, case_id, status, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Actions --------------------------------------------------------------------------------- */

/* The customer's last contact moves forward to the action, as for any
 * entry of the history. */
static gboolean
touch_customer (CrmStore    *store,
                CrmSession  *session,
                gint64       customer_id,
                const char  *occurred_at,
                GError     **error)
{
  static const char read_sql[] = "SELECT last_contact_at FROM customers WHERE id = :id";
  static const char write_sql[] =
    "UPDATE customers SET last_contact_at = :last, row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id";
  g_autofree char *old_last = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, read_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    old_last = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (old_last != NULL && g_strcmp0 (old_last, occurred_at) >= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, write_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":last", occurred_at);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", customer_id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "customer", customer_id, "last_contact_at",
                           old_last, occurred_at, error);
}

/* The action as an entry of the customer's history, linked to the case. */
static gboolean
insert_interaction (CrmStore           *store,
                    CrmSession         *session,
                    const CrmCareCase  *care,
                    CrmCareAction      *action,
                    GError            **error)
{
  static const char sql[] =
    "INSERT INTO interactions (customer_id, user_id, kind, occurred_at, summary, outcome, ref_kind, "
    "  ref_id, created_at, updated_at, created_by) "
    "VALUES (:customer, :user, :kind, :occurred, :summary, :outcome, 'care_case', :case, :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;

  /* TRANSLATORS: a care action in the customer's history: the case's
   * title, then what was done. */
  summary = g_strdup_printf (_("Care case “%s”: %s"), care->subject, action->note);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", care->customer_id);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":kind", crm_interaction_kind_to_string (action->how));
  _crm_bind_text (stmt, ":occurred", action->occurred_at);
  _crm_bind_text (stmt, ":summary", summary);
  _crm_bind_text (stmt, ":outcome", action->outcome);
  _crm_bind_int64 (stmt, ":case", care->id);
  _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  action->interaction_id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return _crm_store_audit (store, session, "create", "interaction", action->interaction_id, NULL, NULL,
                           crm_interaction_kind_to_string (action->how), error) &&
         touch_customer (store, session, care->customer_id, action->occurred_at, error);
}

static gboolean
write_action (CrmStore       *store,
              CrmSession     *session,
              CrmCareAction  *action,
              GError        **error)
{
  static const char sql[] =
    "INSERT INTO care_actions (case_id, user_id, occurred_at, note, interaction_id, created_at, created_by) "
    "VALUES (:case, :user, :occurred, :note, :interaction, :now, :user)";
  g_autoptr(CrmCareCase) care = NULL;
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!(care = load_for_change (store, session, action->case_id, error)))
    return FALSE;
  if (care->status == CRM_CARE_STATUS_CLOSED)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("The care case “%s” is closed. Open a new case for what the customer needs now."),
                   care->subject);
      return FALSE;
    }
  if (!insert_interaction (store, session, care, action, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":case", care->id);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":occurred", action->occurred_at);
  _crm_bind_text (stmt, ":note", action->note);
  _crm_bind_int64 (stmt, ":interaction", action->interaction_id);
  _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  action->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return _crm_store_audit (store, session, "create", "care_action", action->id, NULL, NULL, action->note, error);
}

/**
 * crm_care_store_add_action:
 * @action: (inout): the step, with its case_id; validated and normalised
 *   in place (occurred_at to UTC); on success it gets its id, the id of
 *   the history entry it made and the signed-in user as author
 *
 * Adds a step to the timeline of a case @session may change (not a
 * closed one) and logs it in the customer's history (interaction kind
 * @action->how, summary naming the case, the outcome), moving the
 * customer's last contact forward: all or nothing, audited.  The case
 * itself (its row_version) is not changed.
 *
 * Returns: the new id, or 0 on error.
 */
gint64
crm_care_store_add_action (CrmStore       *store,
                           CrmSession     *session,
                           CrmCareAction  *action,
                           GError        **error)
{
  g_autoptr(CrmCareAction) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (action != NULL, 0);
  g_return_val_if_fail (action->id == 0, 0);

  draft = crm_care_action_copy (action);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_care_action_validate (draft, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_action (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  draft->user_id = crm_session_get_user_id (session);
  g_free (draft->user_name);
  draft->user_name = g_strdup (crm_session_get_full_name (session));
  {
    CrmCareAction old = *action;

    *action = *draft;
    *draft = old;
  }
  return action->id;
}

/**
 * crm_care_store_list_actions:
 *
 * Returns: (transfer full) (element-type CrmCareAction): the timeline of
 *   a case @session may read, oldest first, with each step's author,
 *   outcome and kind from its history entry; %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND when the case is not visible.
 */
GPtrArray *
crm_care_store_list_actions (CrmStore    *store,
                             CrmSession  *session,
                             gint64       case_id,
                             GError     **error)
{
  static const char sql[] =
    "SELECT a.id, a.case_id, a.user_id, a.interaction_id, i.kind, a.occurred_at, a.note, i.outcome, "
    "  u.full_name "
    "FROM care_actions a LEFT JOIN interactions i ON i.id = a.interaction_id "
    "LEFT JOIN users u ON u.id = a.user_id "
    "WHERE a.case_id = :case ORDER BY a.occurred_at, a.id";
  g_autoptr(CrmCareCase) care = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_care_action_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(care = load_visible (store, session, case_id, NULL, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":case", case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmCareAction *action = crm_care_action_new ();

      action->id = sqlite3_column_int64 (stmt, 0);
      action->case_id = sqlite3_column_int64 (stmt, 1);
      action->user_id = sqlite3_column_int64 (stmt, 2);
      action->interaction_id = sqlite3_column_int64 (stmt, 3);
      if (!crm_interaction_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &action->how))
        action->how = CRM_INTERACTION_KIND_NOTE;
      g_free (action->occurred_at);
      action->occurred_at = _crm_column_text (stmt, 5);
      action->note = _crm_column_text (stmt, 6);
      action->outcome = _crm_column_text (stmt, 7);
      action->user_name = _crm_column_text (stmt, 8);
      g_ptr_array_add (rows, action);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Lists ------------------------------------------------------------------------------ */

/**
 * crm_care_store_list_for_customer:
 *
 * Returns: (transfer full) (element-type CrmCareCase): the customer's
 *   cases @session may read, newest first, or %NULL with
 *   %CRM_PERMISSION_ERROR when the customer is not visible.
 */
GPtrArray *
crm_care_store_list_for_customer (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       customer_id,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT " CASE_COLUMNS CASE_FROM
    "WHERE k.customer_id = :customer AND " VISIBLE_CASE " ORDER BY k.created_at DESC, k.id DESC";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  return collect (store, stmt, error);
}

/**
 * crm_care_store_count:
 * @filter: (nullable): the list's filter; %NULL for all
 *
 * Returns: how many cases @session reads through @filter, for a lazy
 *   list; -1 on error.
 */
gint64
crm_care_store_count (CrmStore             *store,
                      CrmSession           *session,
                      const CrmCareFilter  *filter,
                      GError              **error)
{
  static const char sql[] =
    "SELECT count(*) FROM care_cases k JOIN customers c ON c.id = k.customer_id "
    "WHERE " VISIBLE_CASE " AND " FILTER_WHERE;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!ensure_fold_function (store, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return -1;
  _crm_store_bind_viewer (stmt, session);
  bind_filter (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_care_store_fetch:
 * @filter: (nullable): the list's filter; %NULL for all
 *
 * One page of the cases @session reads through @filter: open ones
 * first by due date (none last), then the finished ones, then by id.
 *
 * Returns: (transfer full) (element-type CrmCareCase): the rows
 */
GPtrArray *
crm_care_store_fetch (CrmStore             *store,
                      CrmSession           *session,
                      const CrmCareFilter  *filter,
                      guint                 offset,
                      guint                 limit,
                      GError              **error)
{
  static const char sql[] =
    "SELECT " CASE_COLUMNS CASE_FROM "WHERE " VISIBLE_CASE " AND " FILTER_WHERE " "
    ORDER_BY " LIMIT :limit OFFSET :offset";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!ensure_fold_function (store, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  bind_filter (stmt, filter);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  return collect (store, stmt, error);
}
