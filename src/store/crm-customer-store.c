/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-store.h"
#include "crm-customer-store-private.h"
#include "crm-assignment-store.h"
#include "crm-tag-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

#define CUSTOMER_CODE_COUNTER "customer"

char *
_crm_customer_store_format_code (gint64 number)
{
  return g_strdup_printf ("KH%06" G_GINT64_FORMAT, number);
}

gboolean
_crm_customer_store_get_code_number (CrmStore  *store,
                                     gint64    *number,
                                     GError   **error)
{
  return _crm_query_int (_crm_store_get_db (store),
                         "SELECT coalesce ((SELECT value FROM counters WHERE name = '" CUSTOMER_CODE_COUNTER "'), 0)",
                         number, crm_store_get_path (store), error);
}

gboolean
_crm_customer_store_set_code_number (CrmStore  *store,
                                     gint64     number,
                                     GError   **error)
{
  static const char sql[] =
    "INSERT INTO counters (name, value) VALUES ('" CUSTOMER_CODE_COUNTER "', :value) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value";
  sqlite3_stmt *stmt;

  g_assert (!sqlite3_get_autocommit (_crm_store_get_db (store)));

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":value", number);
  return _crm_store_step_done (store, stmt, error);
}

static gboolean
assign_code (CrmStore     *store,
             CrmCustomer  *customer,
             GError      **error)
{
  gint64 number;

  if (customer->code != NULL && *g_strstrip (customer->code) != '\0')
    return TRUE;
  if (!(number = _crm_store_next_counter (store, CUSTOMER_CODE_COUNTER, error)))
    return FALSE;
  g_free (customer->code);
  customer->code = _crm_customer_store_format_code (number);
  return TRUE;
}

/* The columns a user edits, shared by INSERT and UPDATE; the sort key and
 * folded name are derived here so they can never drift from the name. */
static void
bind_profile (sqlite3_stmt *stmt,
              CrmCustomer  *customer)
{
  g_autofree char *sort_key = NULL;
  g_autofree char *folded = NULL;

  g_strstrip (customer->full_name);
  sort_key = customer->kind == CRM_CUSTOMER_KIND_PERSON
             ? crm_text_person_sort_key (customer->full_name)
             : crm_text_sort_key (customer->full_name);
  folded = crm_text_fold (customer->full_name);
  _crm_bind_text (stmt, ":code", customer->code);
  _crm_bind_text (stmt, ":kind", crm_customer_kind_to_string (customer->kind));
  _crm_bind_text (stmt, ":name", customer->full_name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":folded", folded);
  _crm_bind_text (stmt, ":birth", customer->birth_date);
  _crm_bind_text (stmt, ":gender", customer->gender);
  _crm_bind_text (stmt, ":occupation", customer->occupation);
  _crm_bind_text (stmt, ":street", customer->street);
  _crm_bind_text (stmt, ":ward", customer->ward);
  _crm_bind_text (stmt, ":province", customer->province_code);
  _crm_bind_text (stmt, ":tax", customer->tax_code);
  _crm_bind_text (stmt, ":web", customer->website);
  _crm_bind_text (stmt, ":industry", customer->industry);
  _crm_bind_text (stmt, ":source", customer->source);
  _crm_bind_text (stmt, ":status", crm_customer_status_to_string (customer->status));
  _crm_bind_id (stmt, ":category", customer->category_id);
  _crm_bind_id (stmt, ":assigned", customer->assigned_to);
  _crm_bind_text (stmt, ":needs", customer->needs);
  _crm_bind_text (stmt, ":notes", customer->notes);
}

static gboolean
insert_row (CrmStore     *store,
            CrmSession   *session,
            CrmCustomer  *customer,
            GError      **error)
{
  static const char sql[] =
    "INSERT INTO customers (code, kind, full_name, sort_key, folded_name, birth_date, gender, "
    "  occupation, street, ward, province_code, tax_code, website, industry, source, status, "
    "  category_id, assigned_to, needs, notes, last_contact_at, next_contact_due, "
    "  created_at, updated_at, created_by) "
    "VALUES (:code, :kind, :name, :sort, :folded, :birth, :gender, :occupation, :street, :ward, "
    "  :province, :tax, :web, :industry, :source, :status, :category, :assigned, :needs, :notes, "
    "  :last_contact, :next_due, :created, :updated, :user)";
  /* Imports and sample data bring their own history; new records are now. */
  g_autofree char *now = customer->created_at ? NULL : _crm_now_utc ();
  const char *created = customer->created_at ? customer->created_at : now;
  const char *updated = customer->updated_at ? customer->updated_at : created;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_profile (stmt, customer);
  _crm_bind_text (stmt, ":last_contact", customer->last_contact_at);
  _crm_bind_text (stmt, ":next_due", customer->next_contact_due);
  _crm_bind_text (stmt, ":created", created);
  _crm_bind_text (stmt, ":updated", updated);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("The customer code “%s” is already used by another customer."), customer->code);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  customer->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  if (customer->created_at == NULL)
    customer->created_at = g_strdup (now);
  if (customer->updated_at == NULL)
    customer->updated_at = g_strdup (customer->created_at);
  customer->row_version = 1;
  return TRUE;
}

static gboolean
insert_values (CrmStore     *store,
               const char   *sql,
               gint64        customer_id,
               GPtrArray    *values,
               GError      **error)
{
  for (guint i = 0; i < values->len; i++)
    {
      sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      _crm_bind_int64 (stmt, ":customer", customer_id);
      _crm_bind_text (stmt, ":value", g_ptr_array_index (values, i));
      _crm_bind_int64 (stmt, ":primary", i == 0);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes a validated customer, its phones, e-mails and search document,
 * inside the caller's transaction; the one write path for every customer
 * (editor, import, sample data), so the index always holds the same terms. */
gboolean
_crm_customer_store_insert (CrmStore     *store,
                            CrmSession   *session,
                            CrmCustomer  *customer,
                            GError      **error)
{
  static const char phone_sql[] =
    "INSERT INTO customer_phones (customer_id, phone, is_primary) VALUES (:customer, :value, :primary)";
  static const char email_sql[] =
    "INSERT INTO customer_emails (customer_id, email, is_primary) VALUES (:customer, :value, :primary)";
  g_autofree char *search_text = NULL;

  if (!assign_code (store, customer, error) ||
      !insert_row (store, session, customer, error) ||
      !insert_values (store, phone_sql, customer->id, customer->phones, error) ||
      !insert_values (store, email_sql, customer->id, customer->emails, error) ||
      (customer->tags != NULL && customer->tags->len > 0 &&
       !_crm_tag_store_write (store, session, customer->id, customer->tags, error)))
    return FALSE;

  search_text = crm_customer_search_text (customer);
  return _crm_store_put_search_doc (store, "customer", customer->id, customer->id,
                                    customer->code, customer->full_name, search_text, error);
}

/**
 * crm_customer_store_create:
 * @customer: (inout): validated and normalised in place; gets its id and,
 *   when it had none, its code
 *
 * Creates a customer assigned to @customer->assigned_to, or, when that is
 * 0, to whom the company's assignment rule names (the signed-in user under
 * the manual rule).  Naming someone other than the signed-in user obeys
 * the rules of crm_assignment_store_reassign() (%CRM_PERMISSION_ERROR for
 * staff).  All or nothing, audited.
 */
/* A customer filed under a category that is gone is refused in words
 * rather than by the schema's foreign key. */
static gboolean
check_category (CrmStore           *store,
                const CrmCustomer  *customer,
                GError            **error)
{
  static const char sql[] = "SELECT 1 FROM categories WHERE id = :id";
  sqlite3_stmt *stmt;
  int rc;

  if (customer->category_id == 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", customer->category_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                       _("This category no longer exists: choose another one."));
  return FALSE;
}

gint64
crm_customer_store_create (CrmStore     *store,
                           CrmSession   *session,
                           CrmCustomer  *customer,
                           GError      **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (customer != NULL && customer->id == 0, 0);

  if (!_crm_store_require_active (store, session, error) || !crm_customer_validate (customer, error))
    return 0;

  if (!_crm_store_begin (store, error))
    return 0;
  if (!check_category (store, customer, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  /* Staff and managers giving a new customer to someone else assign it,
   * as crm_assignment_store_reassign() would; the company's rule
   * (assigned_to 0) does not.  An administrator files it under anyone
   * (the schema refuses an unknown user). */
  if ((customer->assigned_to != 0 && customer->assigned_to != crm_session_get_user_id (session) &&
       crm_session_get_role (session) != CRM_ROLE_ADMIN &&
       !_crm_assignment_check_change (store, session, customer->full_name, 0, customer->assigned_to,
                                      error)) ||
      (customer->assigned_to == 0 &&
       !(customer->assigned_to = _crm_assignment_pick (store, session, customer, error))))
    {
      _crm_store_rollback (store);
      return 0;
    }
  if (!_crm_customer_store_insert (store, session, customer, error) ||
      !_crm_store_audit (store, session, "create", "customer", customer->id,
                         NULL, NULL, customer->code, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      customer->id = 0;
      return 0;
    }
  return customer->id;
}

static GPtrArray *
load_values (CrmStore    *store,
             const char  *sql,
             gint64       customer_id,
             GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (values, _crm_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&values);
}

static CrmCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  CrmCustomer *customer = crm_customer_new ();
  int i = 0;

  customer->id = sqlite3_column_int64 (stmt, i++);
  customer->code = _crm_column_text (stmt, i++);
  crm_customer_kind_from_string ((const char *) sqlite3_column_text (stmt, i++), &customer->kind);
  customer->full_name = _crm_column_text (stmt, i++);
  customer->birth_date = _crm_column_text (stmt, i++);
  customer->gender = _crm_column_text (stmt, i++);
  customer->occupation = _crm_column_text (stmt, i++);
  customer->street = _crm_column_text (stmt, i++);
  customer->ward = _crm_column_text (stmt, i++);
  customer->province_code = _crm_column_text (stmt, i++);
  customer->tax_code = _crm_column_text (stmt, i++);
  customer->website = _crm_column_text (stmt, i++);
  customer->industry = _crm_column_text (stmt, i++);
  customer->source = _crm_column_text (stmt, i++);
  crm_customer_status_from_string ((const char *) sqlite3_column_text (stmt, i++), &customer->status);
  customer->category_id = sqlite3_column_int64 (stmt, i++);
  customer->assigned_to = sqlite3_column_int64 (stmt, i++);
  customer->needs = _crm_column_text (stmt, i++);
  customer->notes = _crm_column_text (stmt, i++);
  customer->last_contact_at = _crm_column_text (stmt, i++);
  customer->next_contact_due = _crm_column_text (stmt, i++);
  customer->revenue = sqlite3_column_int64 (stmt, i++);
  customer->row_version = sqlite3_column_int64 (stmt, i++);
  customer->created_at = _crm_column_text (stmt, i++);
  customer->updated_at = _crm_column_text (stmt, i++);
  return customer;
}

/**
 * crm_customer_store_get:
 *
 * Returns the customer, or %CRM_STORE_ERROR_NOT_FOUND when it does not
 * exist or @session may not see it — the two are not told apart, so
 * nobody learns that a customer they may not see exists.
 */
CrmCustomer *
crm_customer_store_get (CrmStore    *store,
                        CrmSession  *session,
                        gint64       id,
                        GError     **error)
{
  static const char sql[] =
    "SELECT c.id, c.code, c.kind, c.full_name, c.birth_date, c.gender, c.occupation, c.street, "
    "  c.ward, c.province_code, c.tax_code, c.website, c.industry, c.source, c.status, "
    "  c.category_id, c.assigned_to, c.needs, c.notes, c.last_contact_at, c.next_contact_due, "
    "  c.revenue, c.row_version, c.created_at, c.updated_at "
    "FROM customers c WHERE c.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");
  static const char phones_sql[] =
    "SELECT phone FROM customer_phones WHERE customer_id = :customer ORDER BY is_primary DESC, id";
  static const char emails_sql[] =
    "SELECT email FROM customer_emails WHERE customer_id = :customer ORDER BY is_primary DESC, id";
  static const char tags_sql[] =
    "SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
    "WHERE ct.customer_id = :customer ORDER BY t.name";
  g_autoptr(CrmCustomer) customer = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    customer = customer_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (customer == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This customer does not exist or is not yours to see."));
      return NULL;
    }

  g_clear_pointer (&customer->phones, g_ptr_array_unref);
  g_clear_pointer (&customer->emails, g_ptr_array_unref);
  if (!(customer->phones = load_values (store, phones_sql, id, error)) ||
      !(customer->emails = load_values (store, emails_sql, id, error)) ||
      !(customer->tags = load_values (store, tags_sql, id, error)))
    return NULL;
  return g_steal_pointer (&customer);
}

gint64
crm_customer_store_count (CrmStore    *store,
                          CrmSession  *session,
                          GError     **error)
{
  static const char sql[] =
    "SELECT count(*) FROM customers c WHERE c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return -1;
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/* Update ------------------------------------------------------------------- */

typedef struct
{
  const char *field;
  char       *old_value;
  char       *new_value;
} FieldChange;

static void
field_change_clear (gpointer data)
{
  FieldChange *change = data;

  g_free (change->old_value);
  g_free (change->new_value);
}

static char *
join_values (GPtrArray *values)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (values, i));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static void
compare_field (GArray     *changes,
               const char *field,
               char       *old_value,
               char       *new_value)
{
  FieldChange change = { field, old_value, new_value };

  if (g_strcmp0 (old_value, new_value) == 0)
    {
      g_free (old_value);
      g_free (new_value);
      return;
    }
  g_array_append_val (changes, change);
}

/* Every field a user can change, old → new, as the audit log shows them. */
static GArray *
diff_customers (const CrmCustomer *old,
                const CrmCustomer *new)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (FieldChange));

  g_array_set_clear_func (changes, field_change_clear);
#define TEXT_FIELD(name) compare_field (changes, #name, g_strdup (old->name), g_strdup (new->name))
  TEXT_FIELD (code);
  TEXT_FIELD (full_name);
  TEXT_FIELD (birth_date);
  TEXT_FIELD (gender);
  TEXT_FIELD (occupation);
  TEXT_FIELD (street);
  TEXT_FIELD (ward);
  TEXT_FIELD (province_code);
  TEXT_FIELD (tax_code);
  TEXT_FIELD (website);
  TEXT_FIELD (industry);
  TEXT_FIELD (source);
  TEXT_FIELD (needs);
  TEXT_FIELD (notes);
  TEXT_FIELD (next_contact_due);
#undef TEXT_FIELD
  compare_field (changes, "kind", g_strdup (crm_customer_kind_to_string (old->kind)),
                 g_strdup (crm_customer_kind_to_string (new->kind)));
  compare_field (changes, "status", g_strdup (crm_customer_status_to_string (old->status)),
                 g_strdup (crm_customer_status_to_string (new->status)));
  compare_field (changes, "category_id", id_text (old->category_id), id_text (new->category_id));
  compare_field (changes, "assigned_to", id_text (old->assigned_to), id_text (new->assigned_to));
  compare_field (changes, "phones", join_values (old->phones), join_values (new->phones));
  compare_field (changes, "emails", join_values (old->emails), join_values (new->emails));
  return changes;
}

static gboolean
update_row (CrmStore     *store,
            CrmSession   *session,
            CrmCustomer  *customer,
            GError      **error)
{
  static const char sql[] =
    "UPDATE customers SET code = :code, kind = :kind, full_name = :name, sort_key = :sort, "
    "  folded_name = :folded, birth_date = :birth, gender = :gender, occupation = :occupation, "
    "  street = :street, ward = :ward, province_code = :province, tax_code = :tax, website = :web, "
    "  industry = :industry, source = :source, status = :status, category_id = :category, "
    "  assigned_to = :assigned, needs = :needs, notes = :notes, next_contact_due = :next_due, "
    "  row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id AND row_version = :version";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_profile (stmt, customer);
  _crm_bind_text (stmt, ":next_due", customer->next_contact_due);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", customer->id);
  _crm_bind_int64 (stmt, ":version", customer->row_version);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("The customer code “%s” is already used by another customer."), customer->code);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  g_free (customer->updated_at);
  customer->updated_at = g_steal_pointer (&now);
  customer->row_version++;
  (void) session;
  return TRUE;
}

static gboolean
replace_values (CrmStore    *store,
                const char  *delete_sql,
                const char  *insert_sql,
                gint64       customer_id,
                GPtrArray   *values,
                GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (store, delete_sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  return _crm_store_step_done (store, stmt, error) &&
         insert_values (store, insert_sql, customer_id, values, error);
}

static gboolean
audit_changes (CrmStore     *store,
               CrmSession   *session,
               gint64        customer_id,
               GArray       *changes,
               GError      **error)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const FieldChange *change = &g_array_index (changes, FieldChange, i);
      const char *action = g_str_equal (change->field, "assigned_to") ? "assign"
                           : g_str_equal (change->field, "status") ? "status" : "update";

      if (!_crm_store_audit (store, session, action, "customer", customer_id, change->field,
                             change->old_value, change->new_value, error))
        return FALSE;
    }
  return TRUE;
}

/* The row as it is now, re-read inside the write transaction so the
 * comparison and the version check see the same state. */
static gboolean
check_current (CrmStore           *store,
               CrmSession         *session,
               const CrmCustomer  *customer,
               CrmCustomer       **current,
               GError            **error)
{
  *current = crm_customer_store_get (store, session, customer->id, error);
  if (*current == NULL)
    return FALSE;
  if ((*current)->row_version != customer->row_version)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
                   _("“%s” was changed by someone else after you opened it. Your changes were not saved; reopen the customer to see theirs."),
                   (*current)->full_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
tags_changed (const CrmCustomer *current,
              const CrmCustomer *customer)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (current->tags == NULL || customer->tags == NULL)
    return current->tags != customer->tags;
  before = join_values (current->tags);
  after = join_values (customer->tags);
  return g_strcmp0 (before, after) != 0;
}

static gboolean
put_search_doc (CrmStore     *store,
                CrmCustomer  *customer,
                GError      **error)
{
  g_autofree char *search_text = crm_customer_search_text (customer);

  return _crm_store_put_search_doc (store, "customer", customer->id, customer->id,
                                    customer->code, customer->full_name, search_text, error);
}

static gboolean
write_update (CrmStore     *store,
              CrmSession   *session,
              CrmCustomer  *customer,
              GError      **error)
{
  static const char delete_phones_sql[] = "DELETE FROM customer_phones WHERE customer_id = :customer";
  static const char delete_emails_sql[] = "DELETE FROM customer_emails WHERE customer_id = :customer";
  static const char phone_sql[] =
    "INSERT INTO customer_phones (customer_id, phone, is_primary) VALUES (:customer, :value, :primary)";
  static const char email_sql[] =
    "INSERT INTO customer_emails (customer_id, email, is_primary) VALUES (:customer, :value, :primary)";
  g_autoptr(CrmCustomer) current = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autofree char *search_text = NULL;

  if (!check_current (store, session, customer, &current, error))
    return FALSE;
  if (current->assigned_to != customer->assigned_to &&
      !_crm_assignment_check_change (store, session, current->full_name, current->assigned_to,
                                     customer->assigned_to, error))
    return FALSE;
  if (current->category_id != customer->category_id && !check_category (store, customer, error))
    return FALSE;
  changes = diff_customers (current, customer);
  if (customer->tags != NULL)
    {
      /* Tags are their own rows: written (and audited) apart from the
       * profile's columns, and they alone do not make a new version. */
      if (!_crm_tag_store_write (store, session, customer->id, customer->tags, error))
        return FALSE;
    }
  else
    customer->tags = g_ptr_array_ref (current->tags);
  if (changes->len == 0)
    return !tags_changed (current, customer) || put_search_doc (store, customer, error);
  search_text = crm_customer_search_text (customer);
  return update_row (store, session, customer, error) &&
         replace_values (store, delete_phones_sql, phone_sql, customer->id, customer->phones, error) &&
         replace_values (store, delete_emails_sql, email_sql, customer->id, customer->emails, error) &&
         _crm_store_put_search_doc (store, "customer", customer->id, customer->id,
                                    customer->code, customer->full_name, search_text, error) &&
         audit_changes (store, session, customer->id, changes, error);
}

/**
 * crm_customer_store_update:
 * @customer: (inout): the edited customer, with the row_version it was read
 *   with; validated and normalised in place, its version bumped on success
 *
 * Saves what changed, one audit row per field, all or nothing.  Refused
 * with %CRM_STORE_ERROR_CONFLICT when someone else saved the customer since
 * it was read, and with %CRM_STORE_ERROR_NOT_FOUND when @session may not
 * see it.  Saving an unchanged customer writes nothing.
 */
gboolean
crm_customer_store_update (CrmStore     *store,
                           CrmSession   *session,
                           CrmCustomer  *customer,
                           GError      **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (customer != NULL && customer->id > 0, FALSE);

  if (!_crm_store_require_active (store, session, error) ||
      !crm_customer_validate (customer, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_update (store, session, customer, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
