/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* Duplicates and merging.  A duplicate is a customer with the same tax
 * code, phone or e-mail, or the same folded name in the same province.
 * Merging moves everything of the duplicate to the survivor in one
 * transaction; the duplicate row stays, marked merged_into, so old codes in
 * the audit log and on paper still lead somewhere. */

G_DEFINE_BOXED_TYPE (CrmDuplicate, crm_duplicate, crm_duplicate_copy, crm_duplicate_free)

CrmDuplicate *
crm_duplicate_copy (const CrmDuplicate *self)
{
  CrmDuplicate *copy = g_memdup2 (self, sizeof *self);

  copy->code = g_strdup (self->code);
  copy->full_name = g_strdup (self->full_name);
  copy->reason = g_strdup (self->reason);
  return copy;
}

void
crm_duplicate_free (CrmDuplicate *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->full_name);
  g_free (self->reason);
  g_free (self);
}

/* One UNION over the four rules; each branch names its reason so the
 * editor can say why it warns.  Invisible matches are only counted. */
static const char duplicates_sql[] =
  "WITH matches (id, reason) AS ("
  "  SELECT c.id, 'tax_code' FROM customers c WHERE :tax IS NOT NULL AND c.tax_code = :tax"
  "  UNION SELECT p.customer_id, 'phone' FROM customer_phones p, json_each (:phones) j"
  "    WHERE p.phone = j.value"
  "  UNION SELECT e.customer_id, 'email' FROM customer_emails e, json_each (:emails) j"
  "    WHERE lower (e.email) = lower (j.value)"
  "  UNION SELECT c.id, 'name' FROM customers c WHERE c.folded_name = :folded"
  "    AND c.province_code IS :province AND :province IS NOT NULL) "
  "SELECT c.id, c.code, c.full_name, group_concat (m.reason, ','), "
  "       " CRM_VISIBLE_CUSTOMER ("c") " AS visible "
  "FROM matches m JOIN customers c ON c.id = m.id "
  "WHERE c.merged_into IS NULL AND c.id <> :self "
  "GROUP BY c.id ORDER BY c.id LIMIT 50";

static char *
strings_to_json (GPtrArray *values)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (json, '\\');
          if ((guchar) *p >= 0x20)
            g_string_append_c (json, *p);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
bind_candidate (sqlite3_stmt      *stmt,
                const CrmCustomer *candidate)
{
  g_autofree char *phones = strings_to_json (candidate->phones);
  g_autofree char *emails = strings_to_json (candidate->emails);
  g_autofree char *folded = crm_text_fold (candidate->full_name);

  _crm_bind_text (stmt, ":tax", candidate->tax_code);
  _crm_bind_text (stmt, ":phones", phones);
  _crm_bind_text (stmt, ":emails", emails);
  _crm_bind_text (stmt, ":folded", folded);
  _crm_bind_text (stmt, ":province", candidate->province_code);
  _crm_bind_int64 (stmt, ":self", candidate->id);
}

/**
 * crm_customer_store_find_duplicates:
 * @candidate: a customer being created or edited; validated first, so its
 *   phones and tax code are compared in their stored form
 * @n_hidden: (out) (optional): matches @session may not see
 *
 * Returns the visible customers @candidate may duplicate, with the reasons
 * ("tax_code", "phone", "email", "name", comma-separated).
 */
GPtrArray *
crm_customer_store_find_duplicates (CrmStore     *store,
                                    CrmSession   *session,
                                    CrmCustomer  *candidate,
                                    guint        *n_hidden,
                                    GError      **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_duplicate_free);
  sqlite3_stmt *stmt;
  guint hidden = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (candidate != NULL, NULL);

  /* Refused outright: counting hidden matches would tell a switched-off
   * account what exists. */
  if (!_crm_store_require_active (store, session, error) ||
      !crm_customer_validate (candidate, error) ||
      !(stmt = _crm_store_prepare (store, duplicates_sql, error)))
    return NULL;
  bind_candidate (stmt, candidate);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmDuplicate *duplicate;

      if (!sqlite3_column_int (stmt, 4))
        {
          hidden++;
          continue;
        }
      duplicate = g_new0 (CrmDuplicate, 1);
      duplicate->id = sqlite3_column_int64 (stmt, 0);
      duplicate->code = _crm_column_text (stmt, 1);
      duplicate->full_name = _crm_column_text (stmt, 2);
      duplicate->reason = _crm_column_text (stmt, 3);
      g_ptr_array_add (found, duplicate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (n_hidden != NULL)
    *n_hidden = hidden;
  return g_steal_pointer (&found);
}

/* Merge ---------------------------------------------------------------------- */

/* Tables whose rows simply change owner. */
static const char *const move_sql[] = {
  /* One main contact: the survivor's, when it has one. */
  "UPDATE contacts SET is_primary = 0 WHERE customer_id = :duplicate "
  "  AND EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = :survivor AND k.is_primary = 1)",
  "UPDATE contacts SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE attachments SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE interactions SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE opportunities SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE quotes SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE contracts SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE orders SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE events SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE care_cases SET customer_id = :survivor WHERE customer_id = :duplicate",
  "UPDATE search_docs SET customer_id = :survivor WHERE customer_id = :duplicate AND kind <> 'customer'",
  /* Rows keyed on the customer move unless the survivor has them already. */
  "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) "
  "  SELECT :survivor, tag_id FROM customer_tags WHERE customer_id = :duplicate",
  "DELETE FROM customer_tags WHERE customer_id = :duplicate",
  "INSERT OR IGNORE INTO campaign_members (campaign_id, customer_id, status, opportunity_id, order_id, "
  "  updated_at, updated_by) SELECT campaign_id, :survivor, status, opportunity_id, order_id, "
  "  updated_at, updated_by FROM campaign_members WHERE customer_id = :duplicate",
  "DELETE FROM campaign_members WHERE customer_id = :duplicate",
  "UPDATE customer_phones SET customer_id = :survivor, is_primary = 0 WHERE customer_id = :duplicate "
  "  AND phone NOT IN (SELECT phone FROM customer_phones WHERE customer_id = :survivor)",
  "DELETE FROM customer_phones WHERE customer_id = :duplicate",
  "UPDATE customer_emails SET customer_id = :survivor, is_primary = 0 WHERE customer_id = :duplicate "
  "  AND email NOT IN (SELECT email FROM customer_emails WHERE customer_id = :survivor)",
  "DELETE FROM customer_emails WHERE customer_id = :duplicate",
  /* What the survivor lacks, the duplicate may know. */
  "UPDATE customers SET "
  "  birth_date = coalesce (birth_date, (SELECT birth_date FROM customers WHERE id = :duplicate)), "
  "  tax_code = coalesce (tax_code, (SELECT tax_code FROM customers WHERE id = :duplicate)), "
  "  street = coalesce (street, (SELECT street FROM customers WHERE id = :duplicate)), "
  "  ward = coalesce (ward, (SELECT ward FROM customers WHERE id = :duplicate)), "
  "  province_code = coalesce (province_code, (SELECT province_code FROM customers WHERE id = :duplicate)), "
  "  website = coalesce (website, (SELECT website FROM customers WHERE id = :duplicate)), "
  "  industry = coalesce (industry, (SELECT industry FROM customers WHERE id = :duplicate)), "
  "  occupation = coalesce (occupation, (SELECT occupation FROM customers WHERE id = :duplicate)), "
  "  revenue = revenue + (SELECT revenue FROM customers WHERE id = :duplicate), "
  "  last_contact_at = max (coalesce (last_contact_at, ''), "
  "    coalesce ((SELECT last_contact_at FROM customers WHERE id = :duplicate), '')), "
  "  row_version = row_version + 1, updated_at = :now "
  "WHERE id = :survivor",
  "UPDATE customers SET last_contact_at = NULL WHERE id = :survivor AND last_contact_at = ''",
  "UPDATE customers SET merged_into = :survivor, status = 'inactive', row_version = row_version + 1, "
  "  updated_at = :now WHERE id = :duplicate",
  "DELETE FROM search_docs WHERE kind = 'customer' AND ref_id = :duplicate",
};

static gboolean
move_everything (CrmStore  *store,
                 gint64     survivor,
                 gint64     duplicate,
                 GError   **error)
{
  g_autofree char *now = _crm_now_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (move_sql); i++)
    {
      sqlite3_stmt *stmt = _crm_store_prepare (store, move_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      /* Not every statement names both customers. */
      if (sqlite3_bind_parameter_index (stmt, ":survivor") > 0)
        _crm_bind_int64 (stmt, ":survivor", survivor);
      if (sqlite3_bind_parameter_index (stmt, ":duplicate") > 0)
        _crm_bind_int64 (stmt, ":duplicate", duplicate);
      if (sqlite3_bind_parameter_index (stmt, ":now") > 0)
        _crm_bind_text (stmt, ":now", now);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The survivor's search document is rebuilt from its merged state, so the
 * duplicate's phones and e-mails find it. */
static gboolean
reindex_survivor (CrmStore    *store,
                  CrmSession  *session,
                  gint64       survivor,
                  GError     **error)
{
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (store, session, survivor, error);
  g_autofree char *search_text = NULL;

  if (customer == NULL)
    return FALSE;
  search_text = crm_customer_search_text (customer);
  return _crm_store_put_search_doc (store, "customer", customer->id, customer->id,
                                    customer->code, customer->full_name, search_text, error);
}

static gboolean
check_merge (CrmStore      *store,
             CrmSession    *session,
             gint64         survivor_id,
             gint64         duplicate_id,
             CrmCustomer  **survivor,
             CrmCustomer  **duplicate,
             GError       **error)
{
  if (crm_session_get_role (session) == CRM_ROLE_STAFF)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only a manager or an administrator may merge customers."));
      return FALSE;
    }
  if (survivor_id == duplicate_id)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("A customer cannot be merged into itself."));
      return FALSE;
    }
  if (!(*survivor = crm_customer_store_get (store, session, survivor_id, error)) ||
      !(*duplicate = crm_customer_store_get (store, session, duplicate_id, error)))
    return FALSE;
  return TRUE;
}

/**
 * crm_customer_store_merge:
 *
 * Moves every contact, interaction, document, opportunity, quote, contract,
 * order, event, care case, tag, campaign membership, phone and e-mail of
 * @duplicate_id to @survivor_id, fills the survivor's empty fields from the
 * duplicate and marks the duplicate merged — in one transaction, audited on
 * both customers.
 */
gboolean
crm_customer_store_merge (CrmStore    *store,
                          CrmSession  *session,
                          gint64       survivor_id,
                          gint64       duplicate_id,
                          GError     **error)
{
  g_autoptr(CrmCustomer) survivor = NULL;
  g_autoptr(CrmCustomer) duplicate = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!check_merge (store, session, survivor_id, duplicate_id, &survivor, &duplicate, error) ||
      !move_everything (store, survivor_id, duplicate_id, error) ||
      !reindex_survivor (store, session, survivor_id, error) ||
      !_crm_store_audit (store, session, "merge", "customer", survivor_id, "merged_from",
                         NULL, duplicate->code, error) ||
      !_crm_store_audit (store, session, "merge", "customer", duplicate_id, "merged_into",
                         NULL, survivor->code, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
