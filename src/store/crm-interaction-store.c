/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-interaction-store.h"
#include "crm-store-private.h"

/* A customer's history: calls, meetings, emails, care.  Every change
 * keeps the customer's last_contact_at (the latest entry) and, when an
 * entry names one, next_contact_due in step, in the same transaction.
 *
 * Who reads what: the customer must be visible (CRM_VISIBLE_CUSTOMER).
 * When the company setting staff_see_others_transactions is '0', a staff
 * member sees, on customers shared with them, only the entries they logged
 * themselves; on the customers assigned to them they keep the whole
 * history.  Managers and administrators see every entry on the customers
 * they see.  Staff change or delete only the entries they logged. */

#define INTERACTION_COLUMNS \
  "i.id, i.customer_id, c.full_name, i.contact_id, k.full_name, i.user_id, u.full_name, i.kind, " \
  "i.channel, i.occurred_at, i.summary, i.outcome, i.next_due_on "

#define INTERACTION_FROM \
  "FROM interactions i JOIN customers c ON c.id = i.customer_id " \
  "LEFT JOIN contacts k ON k.id = i.contact_id LEFT JOIN users u ON u.id = i.user_id "

/* The reading rule above, for rows aliased i (interactions) and c
 * (customers); bind with _crm_store_bind_viewer(). */
#define VISIBLE_INTERACTION \
  "(c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", "i.user_id") ")"

static gboolean
is_staff (CrmSession *session)
{
  return crm_session_get_role (session) == CRM_ROLE_STAFF;
}

static CrmInteraction *
interaction_from_row (sqlite3_stmt *stmt)
{
  CrmInteraction *interaction = crm_interaction_new ();
  CrmInteractionKind kind = CRM_INTERACTION_KIND_NOTE;

  crm_interaction_set_id (interaction, sqlite3_column_int64 (stmt, 0));
  crm_interaction_set_customer_id (interaction, sqlite3_column_int64 (stmt, 1));
  crm_interaction_set_customer_name (interaction, (const char *) sqlite3_column_text (stmt, 2));
  crm_interaction_set_contact_id (interaction, sqlite3_column_int64 (stmt, 3));
  crm_interaction_set_contact_name (interaction, (const char *) sqlite3_column_text (stmt, 4));
  crm_interaction_set_user_id (interaction, sqlite3_column_int64 (stmt, 5));
  crm_interaction_set_user_name (interaction, (const char *) sqlite3_column_text (stmt, 6));
  crm_interaction_kind_from_string ((const char *) sqlite3_column_text (stmt, 7), &kind);
  crm_interaction_set_kind (interaction, kind);
  crm_interaction_set_channel (interaction, (const char *) sqlite3_column_text (stmt, 8));
  crm_interaction_set_occurred_at (interaction, (const char *) sqlite3_column_text (stmt, 9));
  crm_interaction_set_summary (interaction, (const char *) sqlite3_column_text (stmt, 10));
  crm_interaction_set_outcome (interaction, (const char *) sqlite3_column_text (stmt, 11));
  crm_interaction_set_next_due_on (interaction, (const char *) sqlite3_column_text (stmt, 12));
  return interaction;
}

static GPtrArray *
collect_rows (CrmStore      *store,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, interaction_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Reading ------------------------------------------------------------------ */

/**
 * crm_interaction_store_get:
 *
 * Returns: (transfer full): the entry with its customer, contact and user
 *   names, or %NULL with %CRM_STORE_ERROR_NOT_FOUND when it does not exist
 *   or @session may not read it.
 */
CrmInteraction *
crm_interaction_store_get (CrmStore    *store,
                           CrmSession  *session,
                           gint64       interaction_id,
                           GError     **error)
{
  static const char sql[] =
    "SELECT " INTERACTION_COLUMNS INTERACTION_FROM "WHERE i.id = :id AND " VISIBLE_INTERACTION;
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", interaction_id);
  _crm_store_bind_viewer (stmt, session);
  if (!(rows = collect_rows (store, stmt, error)))
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This entry of the history does not exist or is not yours to see."));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/**
 * crm_interaction_store_list_for_customer:
 * @limit: how many at most; 0 for all
 *
 * One page of a customer's history, newest first.
 *
 * Returns: (transfer full) (element-type CrmInteraction): the entries, or
 *   %NULL with %CRM_PERMISSION_ERROR when @session may not see the customer.
 */
GPtrArray *
crm_interaction_store_list_for_customer (CrmStore    *store,
                                         CrmSession  *session,
                                         gint64       customer_id,
                                         guint        offset,
                                         guint        limit,
                                         GError     **error)
{
  static const char sql[] =
    "SELECT " INTERACTION_COLUMNS INTERACTION_FROM
    "WHERE i.customer_id = :customer AND " VISIBLE_INTERACTION " "
    "ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit OFFSET :offset";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_bind_int64 (stmt, ":limit", limit > 0 ? (gint64) limit : -1);
  _crm_bind_int64 (stmt, ":offset", offset);
  _crm_store_bind_viewer (stmt, session);
  return collect_rows (store, stmt, error);
}

/**
 * crm_interaction_store_count_for_customer:
 *
 * Returns: how many entries of the customer's history @session reads, for
 *   paging; -1 on error (%CRM_PERMISSION_ERROR when the customer is not
 *   visible).
 */
gint64
crm_interaction_store_count_for_customer (CrmStore    *store,
                                          CrmSession  *session,
                                          gint64       customer_id,
                                          GError     **error)
{
  static const char sql[] =
    "SELECT count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id "
    "WHERE i.customer_id = :customer AND " VISIBLE_INTERACTION;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return -1;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_interaction_store_list_recent:
 * @limit: how many at most
 *
 * The latest entries over every customer @session sees, newest first,
 * each with its customer's name: the overview's "recent contacts".
 *
 * Returns: (transfer full) (element-type CrmInteraction): the entries
 */
GPtrArray *
crm_interaction_store_list_recent (CrmStore    *store,
                                   CrmSession  *session,
                                   guint        limit,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT " INTERACTION_COLUMNS INTERACTION_FROM "WHERE " VISIBLE_INTERACTION " "
    "ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_store_bind_viewer (stmt, session);
  return collect_rows (store, stmt, error);
}

/* Writing ------------------------------------------------------------------ */

/* The raw row, whoever may see it; callers check the customer and owner. */
static CrmInteraction *
load_current (CrmStore  *store,
              gint64     interaction_id,
              GError   **error)
{
  static const char sql[] =
    "SELECT " INTERACTION_COLUMNS INTERACTION_FROM "WHERE i.id = :id";
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", interaction_id);
  if (!(rows = collect_rows (store, stmt, error)))
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This entry of the history does not exist any more. Someone may have deleted it."));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* The contact must be one of the customer's own; its name for the caller. */
static gboolean
check_contact (CrmStore        *store,
               CrmInteraction  *interaction,
               GError         **error)
{
  static const char sql[] =
    "SELECT full_name FROM contacts WHERE id = :contact AND customer_id = :customer";
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (crm_interaction_get_contact_id (interaction) <= 0)
    {
      crm_interaction_set_contact_id (interaction, 0);
      crm_interaction_set_contact_name (interaction, NULL);
      return TRUE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contact", crm_interaction_get_contact_id (interaction));
  _crm_bind_int64 (stmt, ":customer", crm_interaction_get_customer_id (interaction));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose one of this customer's own contacts."));
      return FALSE;
    }
  crm_interaction_set_contact_name (interaction, name);
  return TRUE;
}

/* Staff change only what they logged; managers and administrators
 * correct anyone's entries on the customers they see. */
static gboolean
require_author (CrmSession      *session,
                CrmInteraction  *current,
                GError         **error)
{
  if (!is_staff (session) ||
      crm_interaction_get_user_id (current) == crm_session_get_user_id (session))
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only the person who logged this entry, a manager or an administrator may change or delete it."));
  return FALSE;
}

static gboolean
audit_field (CrmStore    *store,
             CrmSession  *session,
             const char  *entity,
             gint64       id,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return _crm_store_audit (store, session, "update", entity, id, field, old_value, new_value, error);
}

/* Brings the customer's last_contact_at back to its latest entry and, when
 * @next_due is given, sets next_contact_due; bumps the row version only
 * when something changed, so an open editor is not disturbed for nothing. */
static gboolean
touch_customer (CrmStore    *store,
                CrmSession  *session,
                gint64       customer_id,
                const char  *next_due,
                GError     **error)
{
  static const char read_sql[] =
    "SELECT last_contact_at, next_contact_due, "
    "  (SELECT max (occurred_at) FROM interactions WHERE customer_id = :id) "
    "FROM customers WHERE id = :id";
  static const char write_sql[] =
    "UPDATE customers SET last_contact_at = :last, next_contact_due = :due, "
    "  row_version = row_version + 1, updated_at = :now WHERE id = :id";
  g_autofree char *old_last = NULL;
  g_autofree char *old_due = NULL;
  g_autofree char *new_last = NULL;
  g_autofree char *now = _crm_now_utc ();
  const char *new_due;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, read_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      old_last = _crm_column_text (stmt, 0);
      old_due = _crm_column_text (stmt, 1);
      new_last = _crm_column_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This customer does not exist any more."));
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  if (rc != SQLITE_ROW)
    return FALSE;
  new_due = next_due != NULL ? next_due : old_due;
  if (g_strcmp0 (old_last, new_last) == 0 && g_strcmp0 (old_due, new_due) == 0)
    return TRUE;

  if (!(stmt = _crm_store_prepare (store, write_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":last", new_last);
  _crm_bind_text (stmt, ":due", new_due);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", customer_id);
  return _crm_store_step_done (store, stmt, error) &&
         audit_field (store, session, "customer", customer_id, "last_contact_at",
                      old_last, new_last, error) &&
         audit_field (store, session, "customer", customer_id, "next_contact_due",
                      old_due, new_due, error);
}

static void
bind_fields (sqlite3_stmt   *stmt,
             CrmInteraction *interaction)
{
  _crm_bind_id (stmt, ":contact", crm_interaction_get_contact_id (interaction));
  _crm_bind_text (stmt, ":kind", crm_interaction_kind_to_string (crm_interaction_get_kind (interaction)));
  _crm_bind_text (stmt, ":channel", crm_interaction_get_channel (interaction));
  _crm_bind_text (stmt, ":occurred", crm_interaction_get_occurred_at (interaction));
  _crm_bind_text (stmt, ":summary", crm_interaction_get_summary (interaction));
  _crm_bind_text (stmt, ":outcome", crm_interaction_get_outcome (interaction));
  _crm_bind_text (stmt, ":next_due", crm_interaction_get_next_due_on (interaction));
}

static gboolean
insert_row (CrmStore        *store,
            CrmSession      *session,
            CrmInteraction  *interaction,
            GError         **error)
{
  static const char sql[] =
    "INSERT INTO interactions (customer_id, contact_id, user_id, kind, channel, occurred_at, "
    "  summary, outcome, next_due_on, created_at, updated_at, created_by) "
    "VALUES (:customer, :contact, :user, :kind, :channel, :occurred, :summary, :outcome, "
    "  :next_due, :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, interaction);
  _crm_bind_int64 (stmt, ":customer", crm_interaction_get_customer_id (interaction));
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_interaction_set_id (interaction, sqlite3_last_insert_rowid (_crm_store_get_db (store)));
  return TRUE;
}

static gboolean
write_add (CrmStore        *store,
           CrmSession      *session,
           CrmInteraction  *interaction,
           GError         **error)
{
  g_autofree char *customer_name = NULL;
  gint64 customer_id = crm_interaction_get_customer_id (interaction);

  if (!_crm_contact_store_require_customer (store, session, customer_id, &customer_name, NULL, error) ||
      !check_contact (store, interaction, error) ||
      !insert_row (store, session, interaction, error) ||
      !_crm_store_audit (store, session, "create", "interaction", crm_interaction_get_id (interaction),
                         NULL, NULL, crm_interaction_kind_to_string (crm_interaction_get_kind (interaction)),
                         error) ||
      !touch_customer (store, session, customer_id, crm_interaction_get_next_due_on (interaction), error))
    return FALSE;
  crm_interaction_set_customer_name (interaction, customer_name);
  crm_interaction_set_user_id (interaction, crm_session_get_user_id (session));
  crm_interaction_set_user_name (interaction, crm_session_get_full_name (session));
  return TRUE;
}

/**
 * crm_interaction_store_add:
 * @interaction: (inout): validated and normalised in place; gets its id,
 *   the signed-in user as author and the customer's and contact's names
 *
 * Logs an entry in the history of a customer @session may see, and keeps
 * the customer's last and next contact dates in step, all or nothing,
 * audited.
 *
 * Returns: the new id, or 0 on error (%CRM_VALIDATION_ERROR,
 *   %CRM_PERMISSION_ERROR, %CRM_STORE_ERROR).
 */
gint64
crm_interaction_store_add (CrmStore        *store,
                           CrmSession      *session,
                           CrmInteraction  *interaction,
                           GError         **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (CRM_IS_INTERACTION (interaction), 0);
  g_return_val_if_fail (crm_interaction_get_id (interaction) == 0, 0);

  if (!_crm_store_require_active (store, session, error) ||
      !crm_interaction_validate (interaction, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_add (store, session, interaction, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      crm_interaction_set_id (interaction, 0);
      return 0;
    }
  return crm_interaction_get_id (interaction);
}

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

/* One audit row per field that changed; *changed tells whether any did. */
static gboolean
audit_changes (CrmStore        *store,
               CrmSession      *session,
               CrmInteraction  *old,
               CrmInteraction  *new,
               gboolean        *changed,
               GError         **error)
{
  g_autofree char *old_contact = id_text (crm_interaction_get_contact_id (old));
  g_autofree char *new_contact = id_text (crm_interaction_get_contact_id (new));
  const char *fields[][3] = {
    { "kind", crm_interaction_kind_to_string (crm_interaction_get_kind (old)),
      crm_interaction_kind_to_string (crm_interaction_get_kind (new)) },
    { "contact_id", old_contact, new_contact },
    { "channel", crm_interaction_get_channel (old), crm_interaction_get_channel (new) },
    { "occurred_at", crm_interaction_get_occurred_at (old), crm_interaction_get_occurred_at (new) },
    { "summary", crm_interaction_get_summary (old), crm_interaction_get_summary (new) },
    { "outcome", crm_interaction_get_outcome (old), crm_interaction_get_outcome (new) },
    { "next_due_on", crm_interaction_get_next_due_on (old), crm_interaction_get_next_due_on (new) },
  };
  gint64 id = crm_interaction_get_id (new);

  *changed = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_strcmp0 (fields[i][1], fields[i][2]) == 0)
        continue;
      *changed = TRUE;
      if (!_crm_store_audit (store, session, "update", "interaction", id, fields[i][0],
                             fields[i][1], fields[i][2], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
update_row (CrmStore        *store,
            CrmInteraction  *interaction,
            GError         **error)
{
  static const char sql[] =
    "UPDATE interactions SET contact_id = :contact, kind = :kind, channel = :channel, "
    "  occurred_at = :occurred, summary = :summary, outcome = :outcome, next_due_on = :next_due, "
    "  updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, interaction);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", crm_interaction_get_id (interaction));
  return _crm_store_step_done (store, stmt, error);
}

/* The entry as stored, if @session may change it. */
static CrmInteraction *
load_for_change (CrmStore    *store,
                 CrmSession  *session,
                 gint64       interaction_id,
                 GError     **error)
{
  g_autoptr(CrmInteraction) current = load_current (store, interaction_id, error);

  if (current == NULL ||
      !_crm_contact_store_require_customer (store, session, crm_interaction_get_customer_id (current),
                                            NULL, NULL, error) ||
      !require_author (session, current, error))
    return NULL;
  return g_steal_pointer (&current);
}

static gboolean
write_update (CrmStore        *store,
              CrmSession      *session,
              CrmInteraction  *interaction,
              GError         **error)
{
  g_autoptr(CrmInteraction) current = NULL;
  const char *next_due;
  gboolean changed = FALSE;
  gint64 customer_id;

  if (!(current = load_for_change (store, session, crm_interaction_get_id (interaction), error)))
    return FALSE;
  customer_id = crm_interaction_get_customer_id (current);
  if (crm_interaction_get_customer_id (interaction) != 0 &&
      crm_interaction_get_customer_id (interaction) != customer_id)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("An entry of the history cannot be moved to another customer."));
      return FALSE;
    }
  crm_interaction_set_customer_id (interaction, customer_id);
  if (!check_contact (store, interaction, error) ||
      !audit_changes (store, session, current, interaction, &changed, error))
    return FALSE;
  if (!changed)
    return TRUE;
  /* An old entry edited for a typo must not bring back its stale date. */
  next_due = crm_interaction_get_next_due_on (interaction);
  if (g_strcmp0 (next_due, crm_interaction_get_next_due_on (current)) == 0)
    next_due = NULL;
  return update_row (store, interaction, error) &&
         touch_customer (store, session, customer_id, next_due, error);
}

/**
 * crm_interaction_store_update:
 * @interaction: (inout): the edited entry; validated and normalised in place
 *
 * Saves what changed, one audit row per field, and brings the customer's
 * last contact date back in step (and its next contact date when the
 * entry's changed).  Staff change only their own entries
 * (%CRM_PERMISSION_ERROR otherwise); an entry stays with its customer.
 */
gboolean
crm_interaction_store_update (CrmStore        *store,
                              CrmSession      *session,
                              CrmInteraction  *interaction,
                              GError         **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (CRM_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (crm_interaction_get_id (interaction) > 0, FALSE);

  if (!_crm_store_require_active (store, session, error) ||
      !crm_interaction_validate (interaction, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_update (store, session, interaction, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_delete (CrmStore    *store,
              CrmSession  *session,
              gint64       interaction_id,
              GError     **error)
{
  static const char sql[] = "DELETE FROM interactions WHERE id = :id";
  g_autoptr(CrmInteraction) current = NULL;
  sqlite3_stmt *stmt;

  if (!(current = load_for_change (store, session, interaction_id, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", interaction_id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "delete", "interaction", interaction_id, NULL,
                           crm_interaction_get_summary (current), NULL, error) &&
         touch_customer (store, session, crm_interaction_get_customer_id (current), NULL, error);
}

/**
 * crm_interaction_store_delete:
 *
 * Deletes an entry and brings the customer's last contact date back to the
 * latest one left (none when it was the only one).  Staff delete only
 * their own entries.  All or nothing, audited.
 */
gboolean
crm_interaction_store_delete (CrmStore    *store,
                              CrmSession  *session,
                              gint64       interaction_id,
                              GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (interaction_id > 0, FALSE);

  if (!_crm_store_require_may_delete (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_delete (store, session, interaction_id, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
