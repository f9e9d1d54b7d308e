/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-audit-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-audit-store.h"
#include "crm-audit-text.h"
#include "crm-store-private.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* Reading the audit log.  The whole log is the administrators' (the
 * viewer, with filters, a page at a time); the history of one record is
 * anyone's who may see that record.  Nothing here writes: rows are added
 * by _crm_store_audit() in the transaction of each change, and the schema
 * refuses UPDATE and DELETE on audit_log. */

#define ENTRY_COLUMNS \
  "a.id, a.at, coalesce (a.user_id, 0), u.full_name, a.action, a.entity, coalesce (a.entity_id, 0), " \
  "a.field, a.old_value, a.new_value "
#define ENTRY_FROM "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "

/* The period is always bound (open ends as '' and '~', which sort before
 * and after every timestamp) so that audit_log_at, or audit_log_user with
 * a user, serves the range and the newest-first order; rowid order breaks
 * ties within a second. */
#define FILTERS \
  "a.at >= :from AND a.at < :to " \
  "AND (:entity IS NULL OR a.entity = :entity) AND (:action IS NULL OR a.action = :action) "
#define BY_USER "AND a.user_id = :user "
#define NEWEST_FIRST "ORDER BY a.at DESC, a.id DESC "

/* [with a user] */
static const char *const query_sql[2] = {
  "SELECT " ENTRY_COLUMNS ENTRY_FROM "WHERE " FILTERS NEWEST_FIRST "LIMIT :limit OFFSET :offset",
  "SELECT " ENTRY_COLUMNS ENTRY_FROM "WHERE " FILTERS BY_USER NEWEST_FIRST "LIMIT :limit OFFSET :offset",
};

static const char *const count_sql[2] = {
  "SELECT count(*) FROM audit_log a WHERE " FILTERS,
  "SELECT count(*) FROM audit_log a WHERE " FILTERS BY_USER,
};

/* For everyone but administrators, the history of a record is readable
 * when the record is: its customer by CRM_VISIBLE_CUSTOMER(), an
 * interaction by the transactions rule as well.  A record that no longer
 * exists has no customer to ask, so only administrators read its history. */
static const struct
{
  const char *entity;
  const char *sql;
} visible_sql[] = {
  { "customer",
    "SELECT 1 FROM customers c WHERE c.id = :id AND " CRM_VISIBLE_CUSTOMER ("c") },
  { "contact",
    "SELECT 1 FROM contacts k JOIN customers c ON c.id = k.customer_id "
    "WHERE k.id = :id AND " CRM_VISIBLE_CUSTOMER ("c") },
  { "interaction",
    "SELECT 1 FROM interactions i JOIN customers c ON c.id = i.customer_id "
    "WHERE i.id = :id AND " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", "i.user_id") },
  { "attachment",
    "SELECT 1 FROM attachments a JOIN customers c ON c.id = a.customer_id "
    "WHERE a.id = :id AND " CRM_VISIBLE_CUSTOMER ("c") },
};

G_DEFINE_BOXED_TYPE (CrmAuditEntry, crm_audit_entry, crm_audit_entry_copy, crm_audit_entry_free)
G_DEFINE_BOXED_TYPE (CrmAuditFilter, crm_audit_filter, crm_audit_filter_copy, crm_audit_filter_free)

/* Boxed types ------------------------------------------------------------------ */

CrmAuditEntry *
crm_audit_entry_copy (const CrmAuditEntry *self)
{
  CrmAuditEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->at = g_strdup (self->at);
  copy->user_name = g_strdup (self->user_name);
  copy->action = g_strdup (self->action);
  copy->entity = g_strdup (self->entity);
  copy->field = g_strdup (self->field);
  copy->old_value = g_strdup (self->old_value);
  copy->new_value = g_strdup (self->new_value);
  return copy;
}

void
crm_audit_entry_free (CrmAuditEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->at);
  g_free (self->user_name);
  g_free (self->action);
  g_free (self->entity);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self);
}

/**
 * crm_audit_filter_new:
 *
 * The whole log: every user, every day, every kind of record and action.
 */
CrmAuditFilter *
crm_audit_filter_new (void)
{
  return g_new0 (CrmAuditFilter, 1);
}

CrmAuditFilter *
crm_audit_filter_copy (const CrmAuditFilter *filter)
{
  CrmAuditFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->from_date = g_strdup (filter->from_date);
  copy->to_date = g_strdup (filter->to_date);
  copy->entity = g_strdup (filter->entity);
  copy->action = g_strdup (filter->action);
  return copy;
}

void
crm_audit_filter_free (CrmAuditFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->from_date);
  g_free (filter->to_date);
  g_free (filter->entity);
  g_free (filter->action);
  g_free (filter);
}

/* Blank text means "any", as NULL does. */
static const char *
nonblank (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
crm_audit_filter_equal (const CrmAuditFilter *a,
                        const CrmAuditFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->user_id == b->user_id &&
         g_strcmp0 (nonblank (a->from_date), nonblank (b->from_date)) == 0 &&
         g_strcmp0 (nonblank (a->to_date), nonblank (b->to_date)) == 0 &&
         g_strcmp0 (nonblank (a->entity), nonblank (b->entity)) == 0 &&
         g_strcmp0 (nonblank (a->action), nonblank (b->action)) == 0;
}

/* Helpers ------------------------------------------------------------------------ */

static gboolean
require_admin (CrmStore    *store,
               CrmSession  *session,
               GError     **error)
{
  if (!_crm_store_require_active (store, session, error))
    return FALSE;
  if (crm_session_get_role (session) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only an administrator may read the audit log."));
  return FALSE;
}

/* The UTC instant local midnight of @iso_date + @add_days falls on, as
 * the log writes instants; NULL with a validation error for a date that
 * is not one. */
static char *
local_midnight_utc (const char  *iso_date,
                    int          add_days,
                    GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) shifted = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *shown = crm_date_format (iso_date);

  if (shown == NULL)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                   _("“%s” is not a date."), iso_date);
      return NULL;
    }
  zone = g_time_zone_new_local ();
  midnight = g_date_time_new (zone, (int) g_ascii_strtoll (iso_date, NULL, 10),
                              (int) g_ascii_strtoll (iso_date + 5, NULL, 10),
                              (int) g_ascii_strtoll (iso_date + 8, NULL, 10), 0, 0, 0);
  shifted = g_date_time_add_days (midnight, add_days);
  utc = g_date_time_to_utc (shifted);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Binds the filter; FALSE with a validation error for a bad period. */
static gboolean
bind_filter (sqlite3_stmt          *stmt,
             const CrmAuditFilter  *filter,
             GError               **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (nonblank (filter->from_date) && !(from = local_midnight_utc (filter->from_date, 0, error)))
    return FALSE;
  if (nonblank (filter->to_date) && !(to = local_midnight_utc (filter->to_date, 1, error)))
    return FALSE;
  if (from != NULL && to != NULL && g_strcmp0 (from, to) >= 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The end of the period comes before its start."));
      return FALSE;
    }
  _crm_bind_text (stmt, ":from", from != NULL ? from : "");
  _crm_bind_text (stmt, ":to", to != NULL ? to : "~");
  _crm_bind_text (stmt, ":entity", nonblank (filter->entity));
  _crm_bind_text (stmt, ":action", nonblank (filter->action));
  if (filter->user_id > 0)
    _crm_bind_int64 (stmt, ":user", filter->user_id);
  return TRUE;
}

static CrmAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  CrmAuditEntry *entry = g_new0 (CrmAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = _crm_column_text (stmt, 1);
  entry->user_id = sqlite3_column_int64 (stmt, 2);
  entry->user_name = _crm_column_text (stmt, 3);
  entry->action = _crm_column_text (stmt, 4);
  entry->entity = _crm_column_text (stmt, 5);
  entry->entity_id = sqlite3_column_int64 (stmt, 6);
  entry->field = _crm_column_text (stmt, 7);
  entry->old_value = _crm_column_text (stmt, 8);
  entry->new_value = _crm_column_text (stmt, 9);
  return entry;
}

static GPtrArray *
collect_entries (CrmStore      *store,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_audit_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Whether a non-administrator may read the history of @entity @entity_id:
 * FALSE with NOT_FOUND (record gone or not theirs) or PERMISSION (a kind
 * of record only administrators follow). */
static gboolean
check_record_visible (CrmStore    *store,
                      CrmSession  *session,
                      const char  *entity,
                      gint64       entity_id,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (visible_sql); i++)
    {
      if (!g_str_equal (visible_sql[i].entity, entity))
        continue;
      if (!(stmt = _crm_store_prepare (store, visible_sql[i].sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":id", entity_id);
      _crm_store_bind_viewer (stmt, session);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        return TRUE;
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                             _("This record does not exist or is not yours to see."));
      else
        _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only an administrator may read the history of this kind of record."));
  return FALSE;
}

/* Public API ------------------------------------------------------------------ */

/**
 * crm_audit_store_count:
 * @filter: (nullable): %NULL for the whole log
 *
 * How many rows of the log pass @filter, for paging; -1 on error:
 * %CRM_PERMISSION_ERROR unless @session is an active administrator,
 * %CRM_VALIDATION_ERROR for a period that is not one.
 */
gint64
crm_audit_store_count (CrmStore              *store,
                       CrmSession            *session,
                       const CrmAuditFilter  *filter,
                       GError               **error)
{
  CrmAuditFilter everything = { 0 };
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (filter == NULL)
    filter = &everything;
  if (!require_admin (store, session, error) ||
      !(stmt = _crm_store_prepare (store, count_sql[filter->user_id > 0], error)))
    return -1;
  if (!bind_filter (stmt, filter, error))
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_audit_store_query:
 * @filter: (nullable): %NULL for the whole log
 * @limit: how many rows at most; 0 for all
 *
 * Rows @offset to @offset + @limit of the log that pass @filter, newest
 * first, each with the name of its user.  Administrators only, as
 * crm_audit_store_count().
 *
 * Returns: (transfer container) (element-type CrmAuditEntry): the rows,
 *   or %NULL with @error set
 */
GPtrArray *
crm_audit_store_query (CrmStore              *store,
                       CrmSession            *session,
                       const CrmAuditFilter  *filter,
                       guint                  offset,
                       guint                  limit,
                       GError               **error)
{
  CrmAuditFilter everything = { 0 };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (filter == NULL)
    filter = &everything;
  if (!require_admin (store, session, error) ||
      !(stmt = _crm_store_prepare (store, query_sql[filter->user_id > 0], error)))
    return NULL;
  if (!bind_filter (stmt, filter, error))
    return NULL;
  _crm_bind_int64 (stmt, ":limit", limit > 0 ? (gint64) limit : -1);
  _crm_bind_int64 (stmt, ":offset", offset);
  return collect_entries (store, stmt, error);
}

/**
 * crm_audit_store_history:
 * @entity: the kind of record, as the log names it ("customer", …)
 *
 * Everything the log holds about one record, newest first: its History
 * tab.  Administrators read any record's, even a deleted one's; everyone
 * else the history of a customer they see (CRM_VISIBLE_CUSTOMER()) and of
 * that customer's contacts, documents and the interactions they may read.
 *
 * Returns: (transfer container) (element-type CrmAuditEntry): the rows,
 *   or %NULL with %CRM_STORE_ERROR_NOT_FOUND (the record is not theirs)
 *   or %CRM_PERMISSION_ERROR
 */
GPtrArray *
crm_audit_store_history (CrmStore    *store,
                         CrmSession  *session,
                         const char  *entity,
                         gint64       entity_id,
                         GError     **error)
{
  static const char sql[] =
    "SELECT " ENTRY_COLUMNS ENTRY_FROM "WHERE a.entity = :entity AND a.entity_id = :id " NEWEST_FIRST;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  if (!_crm_store_require_active (store, session, error))
    return NULL;
  if (crm_session_get_role (session) != CRM_ROLE_ADMIN &&
      !check_record_visible (store, session, entity, entity_id, error))
    return NULL;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_text (stmt, ":entity", entity);
  _crm_bind_int64 (stmt, ":id", entity_id);
  return collect_entries (store, stmt, error);
}

/**
 * crm_audit_store_list_users:
 *
 * Every user, active or not, by given name: whom the audit viewer can
 * filter by.  Administrators only.
 *
 * Returns: (transfer container) (element-type CrmUserEntry): the users,
 *   or %NULL with @error set
 */
GPtrArray *
crm_audit_store_list_users (CrmStore    *store,
                            CrmSession  *session,
                            GError     **error)
{
  static const char sql[] =
    "SELECT id, login, full_name, role, coalesce (team_id, 0) FROM users ORDER BY sort_key, id";
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_user_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!require_admin (store, session, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmUserEntry *user = g_new0 (CrmUserEntry, 1);

      user->id = sqlite3_column_int64 (stmt, 0);
      user->login = _crm_column_text (stmt, 1);
      user->full_name = _crm_column_text (stmt, 2);
      if (!crm_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &user->role))
        user->role = CRM_ROLE_STAFF;
      user->team_id = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (users, user);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}

/* The name of the user, category or team @value stands for; "#id" for
 * one that no longer exists. */
static char *
lookup_name (CrmStore    *store,
             char         kind,
             const char  *value)
{
  static const char user_sql[] = "SELECT full_name FROM users WHERE id = :id";
  static const char category_sql[] = "SELECT name FROM categories WHERE id = :id";
  static const char team_sql[] = "SELECT name FROM teams WHERE id = :id";
  const char *sql = kind == 'u' ? user_sql : kind == 'c' ? category_sql : team_sql;
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup_printf ("#%s", value);
  _crm_bind_int64 (stmt, ":id", g_ascii_strtoll (value, NULL, 10));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return name != NULL ? name : g_strdup_printf ("#%s", value);
}

/**
 * crm_audit_store_format_value:
 * @names: (nullable): names already looked up, kept by the caller between
 *   calls (g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free))
 * @value: (nullable): an old or new value of a row of the log
 *
 * @value as people read it (crm_audit_value_text()), with user,
 * category and team ids replaced by names.  Those names are not secret:
 * they appear on every record anyone may see.
 *
 * Returns: (transfer full): the text; "" for no value
 */
char *
crm_audit_store_format_value (CrmStore    *store,
                              GHashTable  *names,
                              const char  *entity,
                              const char  *field,
                              const char  *value)
{
  char kind = crm_audit_field_is_user (entity, field) ? 'u'
              : crm_audit_field_is_category (entity, field) ? 'c'
              : crm_audit_field_is_team (entity, field) ? 't' : 0;
  g_autofree char *key = NULL;
  const char *known;
  char *name;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (value == NULL || *value == '\0' || kind == 0)
    return crm_audit_value_text (entity, field, value);
  key = g_strdup_printf ("%c%s", kind, value);
  if (names != NULL && (known = g_hash_table_lookup (names, key)) != NULL)
    return g_strdup (known);
  name = lookup_name (store, kind, value);
  if (names != NULL)
    g_hash_table_insert (names, g_steal_pointer (&key), g_strdup (name));
  return name;
}
