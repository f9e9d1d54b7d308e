/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-contract-store-private.h"
#include "crm-money.h"
#include "crm-quote-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* Contracts: reading, creating, saving, status moves, payments.  See
 * crm-contract-store.h for the rules; revisions, the end-date event and
 * the lists are in crm-contract-history.c.
 *
 * Lines and instalments are replaced as a whole on every save, keeping
 * the ids of the rows the contract already had so that revisions can
 * follow a line.  The value and VAT columns are the totals computed here
 * (crm_contract_compute_totals()), never what a caller says.  Every
 * action bumps row_version, so an editor opened before it cannot save
 * over it. */

#define CONTRACT_COLUMNS \
  "k.id, k.code, k.customer_id, k.quote_id, k.owner_id, k.status, k.revision, k.title, " \
  "k.customer_rep, k.customer_rep_title, k.company_rep, k.company_rep_title, k.signed_on, " \
  "k.starts_on, k.ends_on, k.value, k.vat_total, k.payment_terms, k.terms, k.row_version, " \
  "q.code, c.code, c.full_name, u.full_name, k.created_at, k.updated_at, c.assigned_to "

#define CONTRACT_FROM \
  "FROM contracts k JOIN customers c ON c.id = k.customer_id " \
  "LEFT JOIN quotes q ON q.id = k.quote_id LEFT JOIN users u ON u.id = k.owner_id "

/* Reading ------------------------------------------------------------------- */

static CrmContract *
contract_from_row (sqlite3_stmt *stmt,
                   gint64       *assigned_to)
{
  CrmContract *contract = crm_contract_new ();

  contract->id = sqlite3_column_int64 (stmt, 0);
  contract->code = _crm_column_text (stmt, 1);
  contract->customer_id = sqlite3_column_int64 (stmt, 2);
  contract->quote_id = sqlite3_column_int64 (stmt, 3);
  contract->owner_id = sqlite3_column_int64 (stmt, 4);
  crm_contract_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &contract->status);
  contract->revision = sqlite3_column_int (stmt, 6);
  contract->title = _crm_column_text (stmt, 7);
  contract->customer_rep = _crm_column_text (stmt, 8);
  contract->customer_rep_title = _crm_column_text (stmt, 9);
  contract->company_rep = _crm_column_text (stmt, 10);
  contract->company_rep_title = _crm_column_text (stmt, 11);
  contract->signed_on = _crm_column_text (stmt, 12);
  contract->starts_on = _crm_column_text (stmt, 13);
  contract->ends_on = _crm_column_text (stmt, 14);
  contract->value = sqlite3_column_int64 (stmt, 15);
  contract->vat_total = sqlite3_column_int64 (stmt, 16);
  contract->payment_terms = _crm_column_text (stmt, 17);
  contract->terms = _crm_column_text (stmt, 18);
  contract->row_version = sqlite3_column_int64 (stmt, 19);
  contract->quote_code = _crm_column_text (stmt, 20);
  contract->customer_code = _crm_column_text (stmt, 21);
  contract->customer_name = _crm_column_text (stmt, 22);
  contract->owner_name = _crm_column_text (stmt, 23);
  contract->created_at = _crm_column_text (stmt, 24);
  contract->updated_at = _crm_column_text (stmt, 25);
  if (assigned_to != NULL)
    *assigned_to = sqlite3_column_int64 (stmt, 26);
  return contract;
}

static gboolean
finish_rows (CrmStore  *store,
             int        rc,
             GError   **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _crm_store_set_error (store, rc, error);
  return FALSE;
}

static gboolean
load_lines (CrmStore     *store,
            CrmContract  *contract,
            GError      **error)
{
  static const char sql[] =
    "SELECT id, product_id, description, quantity_milli, unit, unit_price, discount_bp, vat_rate_bp "
    "FROM contract_lines WHERE contract_id = :contract ORDER BY position";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contract", contract->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmQuoteLine *line = crm_contract_add_line (contract, crm_quote_line_new ());

      g_free (line->unit);
      line->id = sqlite3_column_int64 (stmt, 0);
      line->product_id = sqlite3_column_int64 (stmt, 1);
      line->description = _crm_column_text (stmt, 2);
      line->quantity_milli = sqlite3_column_int64 (stmt, 3);
      line->unit = _crm_column_text (stmt, 4);
      line->unit_price = sqlite3_column_int64 (stmt, 5);
      line->discount_bp = sqlite3_column_int (stmt, 6);
      line->vat_rate_bp = sqlite3_column_int (stmt, 7);
    }
  sqlite3_reset (stmt);
  return finish_rows (store, rc, error);
}

static gboolean
load_instalments (CrmStore     *store,
                  CrmContract  *contract,
                  GError      **error)
{
  static const char sql[] =
    "SELECT id, due_on, amount, paid, paid_on, note FROM contract_instalments "
    "WHERE contract_id = :contract ORDER BY position";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contract", contract->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmContractInstalment *instalment =
        crm_contract_add_instalment (contract, crm_contract_instalment_new ());

      instalment->id = sqlite3_column_int64 (stmt, 0);
      instalment->due_on = _crm_column_text (stmt, 1);
      instalment->amount = sqlite3_column_int64 (stmt, 2);
      instalment->paid = sqlite3_column_int (stmt, 3) != 0;
      instalment->paid_on = _crm_column_text (stmt, 4);
      instalment->note = _crm_column_text (stmt, 5);
    }
  sqlite3_reset (stmt);
  return finish_rows (store, rc, error);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("This contract does not exist or is not yours to see."));
}

CrmContract *
_crm_contract_store_load_visible (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       contract_id,
                                  gint64      *assigned_to,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT " CONTRACT_COLUMNS CONTRACT_FROM "WHERE k.id = :id AND " CRM_VISIBLE_CONTRACT;
  g_autoptr(CrmContract) contract = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", contract_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    contract = contract_from_row (stmt, assigned_to);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (contract == NULL)
    {
      set_not_found (error);
      return NULL;
    }
  if (!load_lines (store, contract, error) || !load_instalments (store, contract, error))
    return NULL;
  return g_steal_pointer (&contract);
}

/**
 * crm_contract_store_get:
 *
 * Returns: (transfer full): the contract with its lines, instalments and
 *   names, or %NULL with %CRM_STORE_ERROR_NOT_FOUND when it does not exist
 *   or @session may not read it.
 */
CrmContract *
crm_contract_store_get (CrmStore    *store,
                        CrmSession  *session,
                        gint64       contract_id,
                        GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return _crm_contract_store_load_visible (store, session, contract_id, NULL, error);
}

/* Checks shared by every change ---------------------------------------------- */

/* Staff change their own contracts and those of their own customers. */
static gboolean
require_editor (CrmSession         *session,
                const CrmContract  *contract,
                gint64              assigned_to,
                GError            **error)
{
  gint64 user_id = crm_session_get_user_id (session);

  if (crm_session_get_role (session) != CRM_ROLE_STAFF || contract->owner_id == user_id ||
      assigned_to == user_id)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only the contract's owner, the customer's assigned staff, a manager or an administrator may change this contract."));
  return FALSE;
}

static gboolean
require_unlocked (const CrmContract  *contract,
                  GError            **error)
{
  if (!crm_contract_status_is_locked (contract->status))
    return TRUE;
  g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
               _("Contract %s is “%s” and locked: it can no longer be changed."),
               contract->code, crm_contract_status_label (contract->status));
  return FALSE;
}

static CrmContract *
load_for_change (CrmStore    *store,
                 CrmSession  *session,
                 gint64       contract_id,
                 GError     **error)
{
  g_autoptr(CrmContract) current = NULL;
  gint64 assigned_to = 0;

  if (!(current = _crm_contract_store_load_visible (store, session, contract_id, &assigned_to, error)) ||
      !require_editor (session, current, assigned_to, error))
    return NULL;
  return g_steal_pointer (&current);
}

static void
set_conflict (const char  *code,
              GError     **error)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
               _("Contract %s was changed by someone else after you opened it. Your changes were not saved; reopen the contract to see theirs."),
               code);
}

/* The quote a contract is made from: one @session sees, accepted, of the
 * same customer, and (unless @allow_another) without a contract yet. */
static gboolean
check_quote (CrmStore     *store,
             CrmSession   *session,
             CrmContract  *contract,
             gboolean      allow_another,
             GError      **error)
{
  g_autoptr(CrmQuote) quote = NULL;
  gint64 existing;

  g_clear_pointer (&contract->quote_code, g_free);
  if (contract->quote_id <= 0)
    return TRUE;
  if (!(quote = crm_quote_store_get (store, session, contract->quote_id, error)))
    return FALSE;
  if (quote->status != CRM_QUOTE_STATUS_ACCEPTED)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Only an accepted quote becomes a contract. Quote %s is “%s”."),
                   quote->code, crm_quote_status_label (quote->status));
      return FALSE;
    }
  if (quote->customer_id != contract->customer_id)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The quote belongs to another customer."));
      return FALSE;
    }
  if ((existing = crm_contract_store_count_for_quote (store, session, quote->id, error)) < 0)
    return FALSE;
  if (existing > 0 && !allow_another)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("Quote %s already has a contract. Make another one only if the customer signs a second contract for it."),
                   quote->code);
      return FALSE;
    }
  contract->quote_code = g_strdup (quote->code);
  return TRUE;
}

/* Writing helpers ------------------------------------------------------------- */

static GHashTable *
kept_line_ids (const CrmContract *contract)
{
  GHashTable *ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; contract != NULL && i < contract->lines->len; i++)
    g_hash_table_add (ids, &((CrmQuoteLine *) g_ptr_array_index (contract->lines, i))->id);
  return ids;
}

static GHashTable *
kept_instalment_ids (const CrmContract *contract)
{
  GHashTable *ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; contract != NULL && i < contract->instalments->len; i++)
    g_hash_table_add (ids, &((CrmContractInstalment *) g_ptr_array_index (contract->instalments, i))->id);
  return ids;
}

static gboolean
delete_children (CrmStore           *store,
                 const char         *sql,
                 const CrmContract  *contract,
                 GError            **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contract", contract->id);
  return _crm_store_step_done (store, stmt, error);
}

/* Lines are replaced as a whole; a line keeps its id when it already was
 * one of this contract's (@kept), each id once. */
static gboolean
write_lines (CrmStore     *store,
             CrmContract  *contract,
             GHashTable   *kept,
             GError      **error)
{
  static const char insert_sql[] =
    "INSERT INTO contract_lines (id, contract_id, position, product_id, description, quantity_milli, "
    "  unit, unit_price, discount_bp, vat_rate_bp) "
    "VALUES (:id, :contract, :position, :product, :description, :quantity, :unit, :price, "
    "  :discount, :vat)";

  if (!delete_children (store, "DELETE FROM contract_lines WHERE contract_id = :contract", contract, error))
    return FALSE;
  for (guint i = 0; i < contract->lines->len; i++)
    {
      CrmQuoteLine *line = g_ptr_array_index (contract->lines, i);
      sqlite3_stmt *stmt;

      if (!g_hash_table_remove (kept, &line->id))
        line->id = 0;
      if (!(stmt = _crm_store_prepare (store, insert_sql, error)))
        return FALSE;
      _crm_bind_id (stmt, ":id", line->id);
      _crm_bind_int64 (stmt, ":contract", contract->id);
      _crm_bind_int64 (stmt, ":position", i + 1);
      _crm_bind_id (stmt, ":product", line->product_id);
      _crm_bind_text (stmt, ":description", line->description);
      _crm_bind_int64 (stmt, ":quantity", line->quantity_milli);
      _crm_bind_text (stmt, ":unit", line->unit ? line->unit : "");
      _crm_bind_int64 (stmt, ":price", line->unit_price);
      _crm_bind_int64 (stmt, ":discount", line->discount_bp);
      _crm_bind_int64 (stmt, ":vat", line->vat_rate_bp);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
      line->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
    }
  return TRUE;
}

static gboolean
write_instalments (CrmStore     *store,
                   CrmContract  *contract,
                   GHashTable   *kept,
                   GError      **error)
{
  static const char insert_sql[] =
    "INSERT INTO contract_instalments (id, contract_id, position, due_on, amount, paid, paid_on, note) "
    "VALUES (:id, :contract, :position, :due, :amount, :paid, :paid_on, :note)";

  if (!delete_children (store, "DELETE FROM contract_instalments WHERE contract_id = :contract",
                        contract, error))
    return FALSE;
  for (guint i = 0; i < contract->instalments->len; i++)
    {
      CrmContractInstalment *instalment = g_ptr_array_index (contract->instalments, i);
      sqlite3_stmt *stmt;

      if (!g_hash_table_remove (kept, &instalment->id))
        instalment->id = 0;
      if (!(stmt = _crm_store_prepare (store, insert_sql, error)))
        return FALSE;
      _crm_bind_id (stmt, ":id", instalment->id);
      _crm_bind_int64 (stmt, ":contract", contract->id);
      _crm_bind_int64 (stmt, ":position", i + 1);
      _crm_bind_text (stmt, ":due", instalment->due_on);
      _crm_bind_int64 (stmt, ":amount", instalment->amount);
      _crm_bind_int64 (stmt, ":paid", instalment->paid ? 1 : 0);
      _crm_bind_text (stmt, ":paid_on", instalment->paid ? instalment->paid_on : NULL);
      _crm_bind_text (stmt, ":note", instalment->note);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
      instalment->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
    }
  return TRUE;
}

/* Both sets of children, keeping the ids @current has. */
static gboolean
write_children (CrmStore           *store,
                CrmContract        *contract,
                const CrmContract  *current,
                GError            **error)
{
  g_autoptr(GHashTable) lines = kept_line_ids (current);
  g_autoptr(GHashTable) instalments = kept_instalment_ids (current);

  return write_lines (store, contract, lines, error) &&
         write_instalments (store, contract, instalments, error);
}

static gboolean
put_search_doc (CrmStore           *store,
                const CrmContract  *contract,
                GError            **error)
{
  g_autofree char *code_terms = crm_text_code_search_terms (contract->code);
  g_autofree char *body = g_strjoin (" ", code_terms, contract->customer_name,
                                     contract->customer_code ? contract->customer_code : "",
                                     contract->title ? contract->title : "", NULL);

  return _crm_store_put_search_doc (store, "contract", contract->id, contract->customer_id,
                                    contract->code, contract->customer_name, body, error);
}

static void
bind_header (sqlite3_stmt      *stmt,
             const CrmContract *contract)
{
  _crm_bind_text (stmt, ":title", contract->title);
  _crm_bind_text (stmt, ":rep", contract->customer_rep);
  _crm_bind_text (stmt, ":rep_title", contract->customer_rep_title);
  _crm_bind_text (stmt, ":our_rep", contract->company_rep);
  _crm_bind_text (stmt, ":our_rep_title", contract->company_rep_title);
  _crm_bind_text (stmt, ":signed", contract->signed_on);
  _crm_bind_text (stmt, ":starts", contract->starts_on);
  _crm_bind_text (stmt, ":ends", contract->ends_on);
  _crm_bind_text (stmt, ":payment", contract->payment_terms);
  _crm_bind_text (stmt, ":terms", contract->terms);
  _crm_bind_int64 (stmt, ":value", contract->value);
  _crm_bind_int64 (stmt, ":vat", contract->vat_total);
}

/* Swaps the caller's contract with the one written, once committed. */
static void
hand_back (CrmContract *target,
           CrmContract *written)
{
  CrmContract old = *target;

  *target = *written;
  *written = old;
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Creating ------------------------------------------------------------------------- */

static char *
next_code (CrmStore           *store,
           const CrmContract  *contract,
           GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = contract->starts_on != NULL ? atoi (contract->starts_on) : g_date_time_get_year (now);

  return _crm_store_next_document_code (store, "HĐ", "contract", year, error);
}

static gboolean
insert_contract (CrmStore     *store,
                 CrmContract  *contract,
                 const char   *now,
                 GError      **error)
{
  static const char sql[] =
    "INSERT INTO contracts (code, customer_id, quote_id, owner_id, status, revision, title, "
    "  customer_rep, customer_rep_title, company_rep, company_rep_title, signed_on, starts_on, "
    "  ends_on, value, vat_total, payment_terms, terms, row_version, created_at, updated_at, "
    "  created_by) "
    "VALUES (:code, :customer, :quote, :owner, 'draft', 1, :title, :rep, :rep_title, :our_rep, "
    "  :our_rep_title, :signed, :starts, :ends, :value, :vat, :payment, :terms, 1, :now, :now, :owner)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_header (stmt, contract);
  _crm_bind_text (stmt, ":code", contract->code);
  _crm_bind_int64 (stmt, ":customer", contract->customer_id);
  _crm_bind_id (stmt, ":quote", contract->quote_id);
  _crm_bind_id (stmt, ":owner", contract->owner_id);
  _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  contract->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return TRUE;
}

static gboolean
write_create (CrmStore     *store,
              CrmSession   *session,
              CrmContract  *contract,
              gboolean      allow_another,
              GError      **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *now = _crm_now_utc ();

  g_clear_pointer (&contract->customer_name, g_free);
  g_clear_pointer (&contract->customer_code, g_free);
  if (!_crm_contact_store_require_customer (store, session, contract->customer_id,
                                            &contract->customer_name, &contract->customer_code, error) ||
      !check_quote (store, session, contract, allow_another, error) ||
      !crm_contract_compute_totals (contract, &totals, error))
    return FALSE;

  g_free (contract->code);
  if (!(contract->code = next_code (store, contract, error)))
    return FALSE;
  contract->owner_id = crm_session_get_user_id (session);
  contract->status = CRM_CONTRACT_STATUS_DRAFT;
  contract->revision = 1;
  contract->row_version = 1;
  contract->value = totals.grand_total;
  contract->vat_total = totals.vat_total;
  if (!insert_contract (store, contract, now, error) ||
      !write_children (store, contract, NULL, error) ||
      !put_search_doc (store, contract, error) ||
      !_crm_store_audit (store, session, "create", "contract", contract->id, NULL, NULL,
                         contract->code, error))
    return FALSE;
  set_string (&contract->owner_name, crm_session_get_full_name (session));
  set_string (&contract->created_at, now);
  set_string (&contract->updated_at, now);
  return TRUE;
}

/**
 * crm_contract_store_create:
 *
 * Makes a draft contract (see crm-contract-store.h), with its lines,
 * schedule, search document and audit row, all or nothing.
 */
gint64
crm_contract_store_create (CrmStore     *store,
                           CrmSession   *session,
                           CrmContract  *contract,
                           gboolean      allow_another,
                           GError      **error)
{
  g_autoptr(CrmContract) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (contract != NULL, 0);
  g_return_val_if_fail (contract->id == 0, 0);

  draft = crm_contract_copy (contract);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_contract_validate (draft, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_create (store, session, draft, allow_another, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  hand_back (contract, draft);
  return contract->id;
}

gint64
crm_contract_store_create_from_quote (CrmStore    *store,
                                      CrmSession  *session,
                                      gint64       quote_id,
                                      gboolean     allow_another,
                                      GError     **error)
{
  g_autoptr(CrmContract) contract = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  if (!(contract = crm_contract_store_draft_from_quote (store, session, quote_id, error)))
    return 0;
  return crm_contract_store_create (store, session, contract, allow_another, error);
}

/* Saving --------------------------------------------------------------------------- */

static gboolean
update_contract (CrmStore           *store,
                 const CrmContract  *contract,
                 gint64              version,
                 const char         *now,
                 GError            **error)
{
  static const char sql[] =
    "UPDATE contracts SET title = :title, customer_rep = :rep, customer_rep_title = :rep_title, "
    "  company_rep = :our_rep, company_rep_title = :our_rep_title, signed_on = :signed, "
    "  starts_on = :starts, ends_on = :ends, value = :value, vat_total = :vat, "
    "  payment_terms = :payment, terms = :terms, revision = :revision, "
    "  row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id AND row_version = :version";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_header (stmt, contract);
  _crm_bind_int64 (stmt, ":revision", contract->revision);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", contract->id);
  _crm_bind_int64 (stmt, ":version", version);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (store)) != 1)
    {
      set_conflict (contract->code, error);
      return FALSE;
    }
  return TRUE;
}

static char *
lines_summary (const CrmContract *contract)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < contract->lines->len; i++)
    {
      const CrmQuoteLine *line = g_ptr_array_index (contract->lines, i);
      g_autofree char *quantity = crm_quote_format_quantity (line->quantity_milli);
      g_autofree char *price = crm_money_format (line->unit_price);
      g_autofree char *vat = crm_rate_format (line->vat_rate_bp);

      g_string_append_printf (text, "%s%s × %s %s × %s, VAT %s", i > 0 ? "\n" : "", line->description,
                              quantity, line->unit ? line->unit : "", price, vat);
      if (line->discount_bp != 0)
        {
          g_autofree char *discount = crm_rate_format (line->discount_bp);
          g_string_append_printf (text, " − %s", discount);
        }
    }
  return g_string_free (text, FALSE);
}

/* One audit row per field that changed. */
static gboolean
audit_changes (CrmStore           *store,
               CrmSession         *session,
               const CrmContract  *old,
               const CrmContract  *new,
               GError            **error)
{
  g_autofree char *old_lines = lines_summary (old);
  g_autofree char *new_lines = lines_summary (new);
  g_autofree char *old_schedule = crm_contract_instalments_summary (old);
  g_autofree char *new_schedule = crm_contract_instalments_summary (new);
  g_autofree char *old_value = g_strdup_printf ("%" G_GINT64_FORMAT, old->value);
  g_autofree char *new_value = g_strdup_printf ("%" G_GINT64_FORMAT, new->value);
  g_autofree char *old_revision = g_strdup_printf ("%d", old->revision);
  g_autofree char *new_revision = g_strdup_printf ("%d", new->revision);
  const char *fields[][3] = {
    { "revision", old_revision, new_revision },
    { "title", old->title, new->title },
    { "customer_rep", old->customer_rep, new->customer_rep },
    { "customer_rep_title", old->customer_rep_title, new->customer_rep_title },
    { "company_rep", old->company_rep, new->company_rep },
    { "company_rep_title", old->company_rep_title, new->company_rep_title },
    { "signed_on", old->signed_on, new->signed_on },
    { "starts_on", old->starts_on, new->starts_on },
    { "ends_on", old->ends_on, new->ends_on },
    { "payment_terms", old->payment_terms, new->payment_terms },
    { "terms", old->terms, new->terms },
    { "lines", old_lines, new_lines },
    { "instalments", old_schedule, new_schedule },
    { "value", old_value, new_value },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i][1], fields[i][2]) != 0 &&
        !_crm_store_audit (store, session, "update", "contract", new->id, fields[i][0],
                           fields[i][1], fields[i][2], error))
      return FALSE;
  return TRUE;
}

/* The read-only fields of @contract as they are in @current. */
static void
copy_stored_fields (CrmContract        *contract,
                    const CrmContract  *current,
                    const char         *now)
{
  set_string (&contract->code, current->code);
  contract->owner_id = current->owner_id;
  contract->status = current->status;
  contract->quote_id = current->quote_id;
  set_string (&contract->quote_code, current->quote_code);
  set_string (&contract->customer_code, current->customer_code);
  set_string (&contract->customer_name, current->customer_name);
  set_string (&contract->owner_name, current->owner_name);
  set_string (&contract->created_at, current->created_at);
  set_string (&contract->updated_at, now != NULL ? now : current->updated_at);
}

/* Checks of a save beyond validation: the same version, customer and
 * quote, not locked (but payments on a completed or expired contract),
 * and an active contract still complete. */
static gboolean
check_save (const CrmContract  *current,
            const CrmContract  *contract,
            GError            **error)
{
  if (current->row_version != contract->row_version)
    {
      set_conflict (current->code, error);
      return FALSE;
    }
  if (contract->customer_id != current->customer_id)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("A contract stays with its customer. Make a new contract for the other customer."));
      return FALSE;
    }
  if (!crm_contract_same_content (current, contract) || current->status == CRM_CONTRACT_STATUS_CANCELLED)
    {
      if (!require_unlocked (current, error))
        return FALSE;
    }
  if (current->status == CRM_CONTRACT_STATUS_ACTIVE && !crm_contract_check_activation (contract, error))
    return FALSE;
  return TRUE;
}

static gboolean
write_save (CrmStore     *store,
            CrmSession   *session,
            CrmContract  *contract,
            GError      **error)
{
  g_autoptr(CrmContract) current = NULL;
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *now = _crm_now_utc ();
  gboolean revise;

  if (!(current = load_for_change (store, session, contract->id, error)))
    return FALSE;
  contract->quote_id = current->quote_id;
  if (!check_save (current, contract, error))
    return FALSE;
  if (crm_contract_same_content (current, contract) && crm_contract_same_payments (current, contract))
    {
      contract->revision = current->revision;
      contract->value = current->value;
      contract->vat_total = current->vat_total;
      copy_stored_fields (contract, current, NULL);
      return TRUE;
    }
  if (!crm_contract_compute_totals (contract, &totals, error))
    return FALSE;
  contract->value = totals.grand_total;
  contract->vat_total = totals.vat_total;
  /* Once signed, every change of content is a new version. */
  revise = current->status == CRM_CONTRACT_STATUS_ACTIVE && !crm_contract_same_content (current, contract);
  contract->revision = current->revision + (revise ? 1 : 0);
  copy_stored_fields (contract, current, now);
  if (!write_children (store, contract, current, error) ||
      !update_contract (store, contract, current->row_version, now, error) ||
      !put_search_doc (store, contract, error) ||
      !audit_changes (store, session, current, contract, error) ||
      (revise && !_crm_contract_store_write_snapshot (store, session, contract, &totals, now, error)))
    return FALSE;
  if (current->status == CRM_CONTRACT_STATUS_ACTIVE && g_strcmp0 (current->ends_on, contract->ends_on) != 0 &&
      !_crm_contract_store_sync_end_event (store, session, contract, error))
    return FALSE;
  contract->row_version = current->row_version + 1;
  return TRUE;
}

/**
 * crm_contract_store_save:
 *
 * Saves the header, the lines and the schedule (see crm-contract-store.h),
 * all or nothing.
 */
gboolean
crm_contract_store_save (CrmStore     *store,
                         CrmSession   *session,
                         CrmContract  *contract,
                         GError      **error)
{
  g_autoptr(CrmContract) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (contract != NULL, FALSE);
  g_return_val_if_fail (contract->id > 0, FALSE);

  draft = crm_contract_copy (contract);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_contract_validate (draft, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_save (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  hand_back (contract, draft);
  return TRUE;
}

/* Status ------------------------------------------------------------------------------ */

static gboolean
set_status (CrmStore           *store,
            CrmSession         *session,
            CrmContract        *contract,
            CrmContractStatus   status,
            GError            **error)
{
  static const char sql[] =
    "UPDATE contracts SET status = :status, row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":status", crm_contract_status_to_string (status));
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", contract->id);
  if (!_crm_store_step_done (store, stmt, error) ||
      !_crm_store_audit (store, session, "status", "contract", contract->id, "status",
                         crm_contract_status_to_string (contract->status),
                         crm_contract_status_to_string (status), error))
    return FALSE;
  contract->status = status;
  return TRUE;
}

/* Activation keeps the signed version as revision 1's snapshot. */
static gboolean
write_activation (CrmStore     *store,
                  CrmSession   *session,
                  CrmContract  *contract,
                  GError      **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autoptr(CrmContract) checked = crm_contract_copy (contract);
  g_autofree char *now = _crm_now_utc ();

  if (!crm_contract_validate (checked, error) || !crm_contract_check_activation (checked, error) ||
      !crm_contract_compute_totals (contract, &totals, error) ||
      !set_status (store, session, contract, CRM_CONTRACT_STATUS_ACTIVE, error))
    return FALSE;
  return _crm_contract_store_write_snapshot (store, session, contract, &totals, now, error);
}

static gboolean
write_move (CrmStore           *store,
            CrmSession         *session,
            gint64              contract_id,
            CrmContractStatus   status,
            GError            **error)
{
  g_autoptr(CrmContract) current = NULL;

  if (!(current = load_for_change (store, session, contract_id, error)))
    return FALSE;
  if (!crm_contract_status_can_become (current->status, status))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Contract %s is “%s”: it cannot become “%s”."), current->code,
                   crm_contract_status_label (current->status), crm_contract_status_label (status));
      return FALSE;
    }
  if (status == CRM_CONTRACT_STATUS_ACTIVE)
    {
      if (!write_activation (store, session, current, error))
        return FALSE;
    }
  else if (!set_status (store, session, current, status, error))
    return FALSE;
  return _crm_contract_store_sync_end_event (store, session, current, error);
}

static gboolean
move (CrmStore           *store,
      CrmSession         *session,
      gint64              contract_id,
      CrmContractStatus   status,
      GError            **error)
{
  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_move (store, session, contract_id, status, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_contract_store_activate (CrmStore    *store,
                             CrmSession  *session,
                             gint64       contract_id,
                             GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return move (store, session, contract_id, CRM_CONTRACT_STATUS_ACTIVE, error);
}

gboolean
crm_contract_store_complete (CrmStore    *store,
                             CrmSession  *session,
                             gint64       contract_id,
                             GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return move (store, session, contract_id, CRM_CONTRACT_STATUS_COMPLETED, error);
}

gboolean
crm_contract_store_cancel (CrmStore    *store,
                           CrmSession  *session,
                           gint64       contract_id,
                           GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return move (store, session, contract_id, CRM_CONTRACT_STATUS_CANCELLED, error);
}

static gboolean
write_expiry (CrmStore    *store,
              CrmSession  *session,
              const char  *today,
              gint        *n_expired,
              GError     **error)
{
  static const char sql[] =
    "UPDATE contracts SET status = 'expired', row_version = row_version + 1, updated_at = :now "
    "WHERE status = 'active' AND ends_on IS NOT NULL AND ends_on < :today RETURNING id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_text (stmt, ":today", today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (!finish_rows (store, rc, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!_crm_store_audit (store, session, "status", "contract", g_array_index (ids, gint64, i),
                           "status", "active", "expired", error))
      return FALSE;
  *n_expired = (gint) ids->len;
  return TRUE;
}

gint
crm_contract_store_expire_due (CrmStore    *store,
                               CrmSession  *session,
                               const char  *today,
                               GError     **error)
{
  g_autofree char *day = NULL;
  gint n_expired = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!crm_date_parse (today, &day, error) ||
      !_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return -1;
  if (!write_expiry (store, session, day, &n_expired, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return -1;
    }
  return n_expired;
}

/* Payments ------------------------------------------------------------------------------ */

static CrmContractInstalment *
find_instalment (const CrmContract *contract,
                 gint64             instalment_id,
                 guint             *position)
{
  for (guint i = 0; i < contract->instalments->len; i++)
    {
      CrmContractInstalment *instalment = g_ptr_array_index (contract->instalments, i);

      if (instalment->id == instalment_id)
        {
          *position = i + 1;
          return instalment;
        }
    }
  return NULL;
}

static gboolean
write_payment (CrmStore    *store,
               CrmSession  *session,
               gint64       contract_id,
               gint64       instalment_id,
               gboolean     paid,
               const char  *paid_on,
               GError     **error)
{
  static const char sql[] =
    "UPDATE contract_instalments SET paid = :paid, paid_on = :paid_on WHERE id = :id";
  static const char bump_sql[] =
    "UPDATE contracts SET row_version = row_version + 1, updated_at = :now WHERE id = :id";
  g_autoptr(CrmContract) current = NULL;
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *field = NULL;
  CrmContractInstalment *instalment;
  sqlite3_stmt *stmt;
  guint position = 0;

  if (!(current = load_for_change (store, session, contract_id, error)))
    return FALSE;
  if (current->status == CRM_CONTRACT_STATUS_DRAFT || current->status == CRM_CONTRACT_STATUS_CANCELLED)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Contract %s is “%s”: payments are recorded on signed contracts only."),
                   current->code, crm_contract_status_label (current->status));
      return FALSE;
    }
  if (!(instalment = find_instalment (current, instalment_id, &position)))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This payment is not part of the contract any more."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":paid", paid ? 1 : 0);
  _crm_bind_text (stmt, ":paid_on", paid ? paid_on : NULL);
  _crm_bind_int64 (stmt, ":id", instalment_id);
  if (!_crm_store_step_done (store, stmt, error) || !(stmt = _crm_store_prepare (store, bump_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", contract_id);
  field = g_strdup_printf ("instalment %u paid_on", position);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "contract", contract_id, field,
                           instalment->paid ? instalment->paid_on : NULL, paid ? paid_on : NULL, error);
}

gboolean
crm_contract_store_set_instalment_paid (CrmStore    *store,
                                        CrmSession  *session,
                                        gint64       contract_id,
                                        gint64       instalment_id,
                                        gboolean     paid,
                                        const char  *paid_on,
                                        GError     **error)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (paid && paid_on == NULL)
    {
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();
      day = g_date_time_format (today, "%Y-%m-%d");
    }
  else if (paid && !crm_date_parse (paid_on, &day, error))
    return FALSE;
  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_payment (store, session, contract_id, instalment_id, paid, day, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
