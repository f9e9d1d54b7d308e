/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* The people at a customer.  A customer with contacts normally has one
 * main (primary) contact: the first one added becomes it, marking another
 * one moves the mark, and deleting the main contact hands the mark to the
 * next one in name order.  Each contact has a search document so the
 * header search finds people by name, phone or email. */

#define CONTACT_COLUMNS \
  "k.id, k.customer_id, k.full_name, k.position, k.phone, k.email, k.is_primary, k.notes"

static CrmContact *
contact_from_row (sqlite3_stmt *stmt)
{
  CrmContact *contact = crm_contact_new ();

  crm_contact_set_id (contact, sqlite3_column_int64 (stmt, 0));
  crm_contact_set_customer_id (contact, sqlite3_column_int64 (stmt, 1));
  crm_contact_set_full_name (contact, (const char *) sqlite3_column_text (stmt, 2));
  crm_contact_set_position (contact, (const char *) sqlite3_column_text (stmt, 3));
  crm_contact_set_phone (contact, (const char *) sqlite3_column_text (stmt, 4));
  crm_contact_set_email (contact, (const char *) sqlite3_column_text (stmt, 5));
  crm_contact_set_is_primary (contact, sqlite3_column_int (stmt, 6) != 0);
  crm_contact_set_notes (contact, (const char *) sqlite3_column_text (stmt, 7));
  return contact;
}

gboolean
_crm_contact_store_require_customer (CrmStore    *store,
                                     CrmSession  *session,
                                     gint64       customer_id,
                                     char       **full_name,
                                     char       **code,
                                     GError     **error)
{
  static const char sql[] =
    "SELECT c.full_name, c.code, c.merged_into IS NOT NULL FROM customers c "
    "WHERE c.id = :id AND " CRM_VISIBLE_CUSTOMER ("c");
  g_autofree char *name = NULL;
  g_autofree char *customer_code = NULL;
  gboolean merged = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", customer_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      name = _crm_column_text (stmt, 0);
      customer_code = _crm_column_text (stmt, 1);
      merged = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("This customer does not exist or is not yours to see."));
      return FALSE;
    }
  if (merged)
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                   _("“%s” was merged into another customer: open that customer instead."), name);
      return FALSE;
    }
  if (full_name != NULL)
    *full_name = g_steal_pointer (&name);
  if (code != NULL)
    *code = g_steal_pointer (&customer_code);
  return TRUE;
}

/* Reading ------------------------------------------------------------------ */

/**
 * crm_contact_store_list_for_customer:
 *
 * Returns: (transfer full) (element-type CrmContact): the customer's
 *   contacts, the main one first, then in Vietnamese order of given name;
 *   %NULL with %CRM_PERMISSION_ERROR when @session may not see the customer.
 */
GPtrArray *
crm_contact_store_list_for_customer (CrmStore    *store,
                                     CrmSession  *session,
                                     gint64       customer_id,
                                     GError     **error)
{
  static const char sql[] =
    "SELECT " CONTACT_COLUMNS " FROM contacts k JOIN customers c ON c.id = k.customer_id "
    "WHERE k.customer_id = :customer AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " "
    "ORDER BY k.is_primary DESC, k.sort_key, k.id";
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (contacts, contact_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&contacts);
}

/**
 * crm_contact_store_get:
 *
 * Returns: (transfer full): the contact, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND when it does not exist or @session may not
 *   see its customer.
 */
CrmContact *
crm_contact_store_get (CrmStore    *store,
                       CrmSession  *session,
                       gint64       contact_id,
                       GError     **error)
{
  static const char sql[] =
    "SELECT " CONTACT_COLUMNS " FROM contacts k JOIN customers c ON c.id = k.customer_id "
    "WHERE k.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");
  g_autoptr(CrmContact) contact = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", contact_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    contact = contact_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (contact == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This contact does not exist or is not yours to see."));
      return NULL;
    }
  return g_steal_pointer (&contact);
}

/* The row as stored, whoever may see it; the caller checks the customer. */
static CrmContact *
load_current (CrmStore  *store,
              gint64     contact_id,
              GError   **error)
{
  static const char sql[] = "SELECT " CONTACT_COLUMNS " FROM contacts k WHERE k.id = :id";
  CrmContact *contact = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    contact = contact_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (contact == NULL)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                         _("This contact does not exist any more. Someone may have deleted it."));
  return contact;
}

/* Writing ------------------------------------------------------------------ */

static void
append_term (GString    *text,
             const char *term)
{
  if (term == NULL || *term == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, term);
}

/* The contact's search document, as the demo data writes it: the person,
 * how to reach them, and whose contact they are. */
static gboolean
put_search_doc (CrmStore     *store,
                CrmContact   *contact,
                const char   *customer_name,
                const char   *customer_code,
                GError      **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *phone_terms = crm_text_phone_search_terms (crm_contact_get_phone (contact));

  append_term (body, crm_contact_get_full_name (contact));
  append_term (body, crm_contact_get_position (contact));
  append_term (body, phone_terms);
  append_term (body, crm_contact_get_email (contact));
  append_term (body, customer_name);
  append_term (body, customer_code);
  return _crm_store_put_search_doc (store, "contact", crm_contact_get_id (contact),
                                    crm_contact_get_customer_id (contact), customer_code,
                                    crm_contact_get_full_name (contact), body->str, error);
}

static gboolean
delete_search_doc (CrmStore  *store,
                   gint64     contact_id,
                   GError   **error)
{
  static const char sql[] = "DELETE FROM search_docs WHERE kind = 'contact' AND ref_id = :id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", contact_id);
  return _crm_store_step_done (store, stmt, error);
}

/* Runs an UPDATE … RETURNING id and audits is_primary on every row it
 * changed. */
static gboolean
set_primary_flags (CrmStore      *store,
                   CrmSession    *session,
                   sqlite3_stmt  *stmt,
                   const char    *old_value,
                   const char    *new_value,
                   GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    if (!_crm_store_audit (store, session, "update", "contact", g_array_index (ids, gint64, i),
                           "is_primary", old_value, new_value, error))
      return FALSE;
  return TRUE;
}

/* Only one main contact per customer: the others lose the mark. */
static gboolean
clear_other_primaries (CrmStore    *store,
                       CrmSession  *session,
                       gint64       customer_id,
                       gint64       keep_id,
                       const char  *now,
                       GError     **error)
{
  static const char sql[] =
    "UPDATE contacts SET is_primary = 0, updated_at = :now "
    "WHERE customer_id = :customer AND is_primary = 1 AND id <> :keep RETURNING id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_bind_int64 (stmt, ":keep", keep_id);
  return set_primary_flags (store, session, stmt, "1", "0", error);
}

/* After the main contact is deleted, the first remaining one in name
 * order takes over. */
static gboolean
promote_next_primary (CrmStore    *store,
                      CrmSession  *session,
                      gint64       customer_id,
                      const char  *now,
                      GError     **error)
{
  static const char sql[] =
    "UPDATE contacts SET is_primary = 1, updated_at = :now WHERE id = "
    "  (SELECT id FROM contacts WHERE customer_id = :customer ORDER BY sort_key, id LIMIT 1) "
    "AND NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = :customer AND is_primary = 1) "
    "RETURNING id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":customer", customer_id);
  return set_primary_flags (store, session, stmt, "0", "1", error);
}

static gboolean
has_contacts (CrmStore  *store,
              gint64     customer_id,
              gboolean  *any,
              GError   **error)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM contacts WHERE customer_id = :customer)";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The columns a user edits, shared by INSERT and UPDATE; the sort key is
 * derived here so it never drifts from the name. */
static void
bind_fields (sqlite3_stmt *stmt,
             CrmContact   *contact)
{
  g_autofree char *sort_key = crm_text_person_sort_key (crm_contact_get_full_name (contact));

  _crm_bind_text (stmt, ":name", crm_contact_get_full_name (contact));
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":position", crm_contact_get_position (contact));
  _crm_bind_text (stmt, ":phone", crm_contact_get_phone (contact));
  _crm_bind_text (stmt, ":email", crm_contact_get_email (contact));
  _crm_bind_int64 (stmt, ":primary", crm_contact_get_is_primary (contact) ? 1 : 0);
  _crm_bind_text (stmt, ":notes", crm_contact_get_notes (contact));
}

static gboolean
insert_row (CrmStore     *store,
            CrmSession   *session,
            CrmContact   *contact,
            const char   *now,
            GError      **error)
{
  static const char sql[] =
    "INSERT INTO contacts (customer_id, full_name, sort_key, position, phone, email, is_primary, "
    "  notes, created_at, updated_at, created_by) "
    "VALUES (:customer, :name, :sort, :position, :phone, :email, :primary, :notes, :now, :now, :user)";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, contact);
  _crm_bind_int64 (stmt, ":customer", crm_contact_get_customer_id (contact));
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_contact_set_id (contact, sqlite3_last_insert_rowid (_crm_store_get_db (store)));
  return TRUE;
}

static gboolean
write_create (CrmStore     *store,
              CrmSession   *session,
              CrmContact   *contact,
              GError      **error)
{
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *customer_name = NULL;
  g_autofree char *customer_code = NULL;
  gint64 customer_id = crm_contact_get_customer_id (contact);
  gboolean any = FALSE;

  if (!_crm_contact_store_require_customer (store, session, customer_id, &customer_name,
                                            &customer_code, error) ||
      !has_contacts (store, customer_id, &any, error))
    return FALSE;
  if (!any)
    crm_contact_set_is_primary (contact, TRUE);
  if (crm_contact_get_is_primary (contact) &&
      !clear_other_primaries (store, session, customer_id, 0, now, error))
    return FALSE;
  return insert_row (store, session, contact, now, error) &&
         put_search_doc (store, contact, customer_name, customer_code, error) &&
         _crm_store_audit (store, session, "create", "contact", crm_contact_get_id (contact),
                           NULL, NULL, crm_contact_get_full_name (contact), error);
}

/**
 * crm_contact_store_create:
 * @contact: (inout): validated and normalised in place; gets its id, and
 *   the main-contact mark when it is the customer's first contact
 *
 * Adds a contact to a customer @session may see, with its search document
 * and audit row, all or nothing.  Marked as main contact, it takes the
 * mark from the customer's other contacts.
 *
 * Returns: the new id, or 0 on error (%CRM_VALIDATION_ERROR,
 *   %CRM_PERMISSION_ERROR, %CRM_STORE_ERROR).
 */
gint64
crm_contact_store_create (CrmStore     *store,
                          CrmSession   *session,
                          CrmContact   *contact,
                          GError      **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (CRM_IS_CONTACT (contact), 0);
  g_return_val_if_fail (crm_contact_get_id (contact) == 0, 0);

  if (!_crm_store_require_active (store, session, error) ||
      !crm_contact_validate (contact, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_create (store, session, contact, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      crm_contact_set_id (contact, 0);
      return 0;
    }
  return crm_contact_get_id (contact);
}

static gboolean
update_row (CrmStore     *store,
            CrmContact   *contact,
            const char   *now,
            GError      **error)
{
  static const char sql[] =
    "UPDATE contacts SET full_name = :name, sort_key = :sort, position = :position, phone = :phone, "
    "  email = :email, is_primary = :primary, notes = :notes, updated_at = :now WHERE id = :id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, contact);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", crm_contact_get_id (contact));
  return _crm_store_step_done (store, stmt, error);
}

static gboolean
audit_field (CrmStore    *store,
             CrmSession  *session,
             gint64       contact_id,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             guint       *n_changes,
             GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  (*n_changes)++;
  return _crm_store_audit (store, session, "update", "contact", contact_id, field,
                           old_value, new_value, error);
}

/* One audit row per field that changed; *n_changes tells whether any did. */
static gboolean
audit_changes (CrmStore    *store,
               CrmSession  *session,
               CrmContact  *old,
               CrmContact  *new,
               guint       *n_changes,
               GError     **error)
{
  gint64 id = crm_contact_get_id (new);

#define TEXT_FIELD(name) \
  audit_field (store, session, id, #name, crm_contact_get_##name (old), \
               crm_contact_get_##name (new), n_changes, error)
  return TEXT_FIELD (full_name) &&
         TEXT_FIELD (position) &&
         TEXT_FIELD (phone) &&
         TEXT_FIELD (email) &&
         TEXT_FIELD (notes) &&
         audit_field (store, session, id, "is_primary",
                      crm_contact_get_is_primary (old) ? "1" : "0",
                      crm_contact_get_is_primary (new) ? "1" : "0", n_changes, error);
#undef TEXT_FIELD
}

static gboolean
write_update (CrmStore     *store,
              CrmSession   *session,
              CrmContact   *contact,
              GError      **error)
{
  g_autoptr(CrmContact) current = NULL;
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *customer_name = NULL;
  g_autofree char *customer_code = NULL;
  guint n_changes = 0;

  if (!(current = load_current (store, crm_contact_get_id (contact), error)) ||
      !_crm_contact_store_require_customer (store, session, crm_contact_get_customer_id (current),
                                            &customer_name, &customer_code, error))
    return FALSE;
  if (crm_contact_get_customer_id (contact) != 0 &&
      crm_contact_get_customer_id (contact) != crm_contact_get_customer_id (current))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("A contact cannot be moved to another customer. Add it to that customer instead."));
      return FALSE;
    }
  crm_contact_set_customer_id (contact, crm_contact_get_customer_id (current));
  if (!audit_changes (store, session, current, contact, &n_changes, error))
    return FALSE;
  if (n_changes == 0)
    return TRUE;
  if (crm_contact_get_is_primary (contact) &&
      !clear_other_primaries (store, session, crm_contact_get_customer_id (contact),
                              crm_contact_get_id (contact), now, error))
    return FALSE;
  return update_row (store, contact, now, error) &&
         put_search_doc (store, contact, customer_name, customer_code, error);
}

/**
 * crm_contact_store_update:
 * @contact: (inout): the edited contact; validated and normalised in place
 *
 * Saves what changed, one audit row per field, all or nothing; saving an
 * unchanged contact writes nothing.  A contact stays with its customer.
 * Refused with %CRM_STORE_ERROR_NOT_FOUND when the contact is gone and
 * with %CRM_PERMISSION_ERROR when @session may not see its customer.
 */
gboolean
crm_contact_store_update (CrmStore     *store,
                          CrmSession   *session,
                          CrmContact   *contact,
                          GError      **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (CRM_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (crm_contact_get_id (contact) > 0, FALSE);

  if (!_crm_store_require_active (store, session, error) ||
      !crm_contact_validate (contact, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_update (store, session, contact, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_delete (CrmStore    *store,
              CrmSession  *session,
              gint64       contact_id,
              GError     **error)
{
  static const char sql[] = "DELETE FROM contacts WHERE id = :id";
  g_autoptr(CrmContact) current = NULL;
  g_autofree char *now = _crm_now_utc ();
  gint64 customer_id;
  sqlite3_stmt *stmt;

  if (!(current = load_current (store, contact_id, error)))
    return FALSE;
  customer_id = crm_contact_get_customer_id (current);
  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", contact_id);
  if (!_crm_store_step_done (store, stmt, error) ||
      !delete_search_doc (store, contact_id, error) ||
      !_crm_store_audit (store, session, "delete", "contact", contact_id, NULL,
                         crm_contact_get_full_name (current), NULL, error))
    return FALSE;
  return !crm_contact_get_is_primary (current) ||
         promote_next_primary (store, session, customer_id, now, error);
}

/**
 * crm_contact_store_delete:
 *
 * Deletes a contact of a customer @session may see, with its search
 * document; interactions and quotes that named the person keep their
 * place in the history but no longer link to it.  When it was the main contact, the next one in
 * name order becomes main.  All or nothing, audited.
 */
gboolean
crm_contact_store_delete (CrmStore    *store,
                          CrmSession  *session,
                          gint64       contact_id,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (contact_id > 0, FALSE);

  if (!_crm_store_require_may_delete (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_delete (store, session, contact_id, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
