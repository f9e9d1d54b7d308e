/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-sample.h"
#include "crm-search-store.h"
#include "test-contract-fixture.h"

/* A contract from an accepted quote of lan's, signed, from 01/04/2026 to
 * 30/06/2026, paid in two instalments adding up to its value. */
static CrmContract *
signed_contract (Office     *office,
                 CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  gint64 quote_id = office_quote (office, session, TRUE);
  CrmContract *contract = crm_contract_store_draft_from_quote (office->db.store, session, quote_id, &error);

  g_assert_no_error (error);
  contract->title = g_strdup ("Hợp đồng mua bán máy in");
  contract->signed_on = g_strdup ("28/03/2026");
  contract->starts_on = g_strdup ("01/04/2026");
  contract->ends_on = g_strdup ("30/06/2026");
  crm_contract_add_instalment (contract, office_instalment ("01/04/2026", 4000000));
  crm_contract_add_instalment (contract, office_instalment ("15/05/2026", TWO_LINE_TOTAL - 4000000));
  g_assert_cmpint (crm_contract_store_create (office->db.store, session, contract, FALSE, &error), >, 0);
  g_assert_no_error (error);
  return contract;
}

static CrmContract *
get_contract (Office     *office,
              CrmSession *session,
              gint64      id)
{
  g_autoptr(GError) error = NULL;
  CrmContract *contract = crm_contract_store_get (office->db.store, session, id, &error);

  g_assert_no_error (error);
  return contract;
}

static void
activate (Office     *office,
          CrmSession *session,
          gint64      id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_contract_store_activate (office->db.store, session, id, &error));
  g_assert_no_error (error);
}

static gint64
count_intf (Office     *office,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gint64
count_intf (Office     *office,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return office_query_int (office, sql);
}

static void
test_code_and_search (Office        *office,
                      gconstpointer  data)
{
  g_autoptr(CrmContract) first = crm_contract_new ();
  g_autoptr(CrmContract) second = crm_contract_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  first->customer_id = second->customer_id = office->customer;
  first->starts_on = g_strdup ("01/02/2026");
  second->starts_on = g_strdup ("2026-05-01");
  g_assert_cmpint (crm_contract_store_create (office->db.store, office->lan, first, FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contract_store_create (office->db.store, office->lan, second, FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (first->code, ==, "HĐ-2026-0001");
  g_assert_cmpstr (second->code, ==, "HĐ-2026-0002");
  g_assert_cmpstr (first->starts_on, ==, "2026-02-01");
  g_assert_cmpint (first->status, ==, CRM_CONTRACT_STATUS_DRAFT);
  g_assert_cmpint (first->owner_id, ==, office->staff[0]);
  g_assert_cmpstr (first->customer_name, ==, "Công ty TNHH Đức Phát");
  g_assert_cmpint (count_intf (office, "SELECT count(*) FROM audit_log WHERE entity = 'contract' "
                                       "AND action = 'create' AND entity_id = %" G_GINT64_FORMAT, first->id), ==, 1);

  /* Header search: by code without tones or padding, by customer name. */
  hits = crm_search_store_find (office->db.store, office->lan, "hd-2026-0002", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((CrmSearchHit *) g_ptr_array_index (hits, 0))->ref_id, ==, second->id);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = crm_search_store_find (office->db.store, office->lan, "duc phat", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);  /* the customer and both contracts */
}

static void
test_from_quote (Office        *office,
                 gconstpointer  data)
{
  gint64 draft_quote = office_quote (office, office->lan, FALSE);
  gint64 quote_id = office_quote (office, office->lan, TRUE);
  g_autoptr(CrmContract) contract = NULL;
  g_autoptr(GError) error = NULL;
  const CrmQuoteLine *line;
  gint64 id;

  /* Only an accepted quote. */
  g_assert_cmpint (crm_contract_store_create_from_quote (office->db.store, office->lan, draft_quote, FALSE,
                                                         &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Only an accepted quote becomes a contract. Quote BG-2026-0001 is “Draft”.");
  g_clear_error (&error);

  id = crm_contract_store_create_from_quote (office->db.store, office->lan, quote_id, FALSE, &error);
  g_assert_no_error (error);
  contract = get_contract (office, office->lan, id);
  g_assert_cmpint (contract->quote_id, ==, quote_id);
  g_assert_cmpstr (contract->quote_code, ==, "BG-2026-0002");
  g_assert_cmpint (contract->customer_id, ==, office->customer);
  g_assert_cmpint (contract->value, ==, TWO_LINE_TOTAL);
  g_assert_cmpint (contract->vat_total, ==, 665000 + 52000);
  g_assert_cmpstr (contract->terms, ==, "Giao hàng trong 7 ngày.");
  g_assert_cmpuint (contract->lines->len, ==, 2);
  line = g_ptr_array_index (contract->lines, 0);
  g_assert_cmpstr (line->description, ==, "Máy in laser");
  g_assert_cmpint (line->quantity_milli, ==, 2000);
  g_assert_cmpint (line->unit_price, ==, 3500000);
  g_assert_cmpint (line->discount_bp, ==, 500);
  line = g_ptr_array_index (contract->lines, 1);
  g_assert_cmpint (line->vat_rate_bp, ==, 800);
  g_assert_cmpint (crm_contract_store_count_for_quote (office->db.store, office->lan, quote_id, NULL), ==, 1);

  /* One contract per quote unless confirmed. */
  g_assert_cmpint (crm_contract_store_create_from_quote (office->db.store, office->lan, quote_id, FALSE,
                                                         &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (crm_contract_store_create_from_quote (office->db.store, office->lan, quote_id, TRUE,
                                                         &error), >, id);
  g_assert_no_error (error);

  /* A quote hung cannot see does not become his contract. */
  office_set_setting (office, "customer_visibility", "own");
  g_assert_cmpint (crm_contract_store_create_from_quote (office->db.store, office->hung, quote_id, TRUE,
                                                         &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_end_before_start (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmContract) contract = crm_contract_new ();
  g_autoptr(GError) error = NULL;

  contract->customer_id = office->customer;
  contract->starts_on = g_strdup ("01/05/2026");
  contract->ends_on = g_strdup ("30/04/2026");
  g_assert_cmpint (crm_contract_store_create (office->db.store, office->lan, contract, FALSE, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "The contract cannot end before it starts.");
  g_assert_cmpint (contract->id, ==, 0);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM contracts"), ==, 0);
}

static void
test_activation_rules (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmContract) contract = signed_contract (office, office->lan);
  g_autoptr(CrmContract) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fire_at = NULL;
  g_autofree char *title = NULL;
  CrmContractInstalment *last;

  /* Not signed yet. */
  g_clear_pointer (&contract->signed_on, g_free);
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_no_error (error);
  g_assert_false (crm_contract_store_activate (office->db.store, office->lan, contract->id, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  /* Signed, but the schedule is 1 000 ₫ short. */
  contract->signed_on = g_strdup ("28/03/2026");
  last = g_ptr_array_index (contract->instalments, 1);
  last->amount -= 1000;
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_false (crm_contract_store_activate (office->db.store, office->lan, contract->id, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "The payments add up to 8.016.000 ₫ but the contract is worth 8.017.000 ₫: "
                                       "they must be equal before the contract is activated.");
  g_clear_error (&error);

  /* Due outside the contract without a note (a save hands back new lines). */
  last = g_ptr_array_index (contract->instalments, 1);
  last->amount += 1000;
  g_free (last->due_on);
  last->due_on = g_strdup ("2026-08-01");
  g_assert_false (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  last->note = g_strdup ("Khách xin trả chậm sau nghiệm thu");
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_no_error (error);
  g_assert_cmpint (contract->revision, ==, 1);

  activate (office, office->lan, contract->id);
  stored = get_contract (office, office->lan, contract->id);
  g_assert_cmpint (stored->status, ==, CRM_CONTRACT_STATUS_ACTIVE);
  g_assert_cmpint (stored->revision, ==, 1);
  g_assert_cmpint (count_intf (office, "SELECT count(*) FROM contract_revisions WHERE contract_id = %"
                                       G_GINT64_FORMAT " AND revision = 1", contract->id), ==, 1);
  /* Activating twice is refused. */
  g_assert_false (crm_contract_store_activate (office->db.store, office->lan, contract->id, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  /* The end date is in the owner's calendar with a reminder 30 days before. */
  g_assert_cmpint (count_intf (office, "SELECT count(*) FROM events WHERE kind = 'deadline' AND all_day = 1 "
                                       "AND done = 0 AND contract_id = %" G_GINT64_FORMAT, contract->id), ==, 1);
  g_assert_cmpint (count_intf (office, "SELECT owner_id FROM events WHERE contract_id = %" G_GINT64_FORMAT,
                               contract->id), ==, office->staff[0]);
  title = office_query_text (office, "SELECT title FROM events WHERE kind = 'deadline'");
  g_assert_cmpstr (title, ==, "Contract HĐ-2026-0001 ends");
  g_assert_cmpint (count_intf (office, "SELECT count(*) FROM reminders r JOIN events e ON e.id = r.event_id "
                                       "WHERE e.contract_id = %" G_GINT64_FORMAT " AND r.offset_minutes = 43200 "
                                       "AND r.user_id = e.owner_id", contract->id), ==, 1);
  fire_at = office_query_text (office, "SELECT julianday (e.starts_at) - julianday (r.fire_at) "
                                       "FROM reminders r JOIN events e ON e.id = r.event_id");
  g_assert_cmpfloat (g_ascii_strtod (fire_at, NULL), ==, 30.0);
}

static void
test_revisions (Office        *office,
                gconstpointer  data)
{
  g_autoptr(CrmContract) contract = signed_contract (office, office->lan);
  g_autoptr(CrmContractRevision) first = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *starts = NULL;
  CrmQuoteLineDiff *change;
  CrmContractInstalment *last;
  CrmQuoteLine *line;

  /* Changing a draft makes no revision. */
  g_free (contract->title);
  contract->title = g_strdup ("Hợp đồng cung cấp máy in");
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_no_error (error);
  g_assert_cmpint (contract->revision, ==, 1);
  activate (office, office->lan, contract->id);
  g_clear_pointer (&contract, crm_contract_free);
  contract = get_contract (office, office->lan, 1);

  /* Once active, every change is a new version; the schedule follows the value. */
  line = g_ptr_array_index (contract->lines, 1);
  line->quantity_milli = 20000;  /* ten more reams: 650 000 + 52 000 more */
  last = g_ptr_array_index (contract->instalments, 1);
  last->amount += 702000;
  g_free (contract->ends_on);
  contract->ends_on = g_strdup ("31/07/2026");
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_no_error (error);
  g_assert_cmpint (contract->revision, ==, 2);
  g_assert_cmpint (contract->value, ==, TWO_LINE_TOTAL + 702000);

  /* An unchanged save writes nothing. */
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_cmpint (contract->revision, ==, 2);

  /* A change that breaks the schedule of an active contract is refused. */
  line = g_ptr_array_index (contract->lines, 1);
  line->unit_price = 70000;
  g_assert_false (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  line->unit_price = 65000;

  revisions = crm_contract_store_list_revisions (office->db.store, office->lan, contract->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  first = crm_contract_store_get_revision (office->db.store, office->lan, contract->id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->value, ==, TWO_LINE_TOTAL);
  g_assert_cmpstr (first->contract->title, ==, "Hợp đồng cung cấp máy in");
  g_assert_cmpstr (first->contract->ends_on, ==, "2026-06-30");
  g_assert_cmpuint (first->contract->instalments->len, ==, 2);
  g_assert_cmpint (first->created_by, ==, office->staff[0]);

  diff = crm_contract_store_diff_revisions (office->db.store, office->lan, contract->id, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->len, ==, 2);
  g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, 0))->change, ==, CRM_QUOTE_LINE_SAME);
  change = g_ptr_array_index (diff, 1);
  g_assert_cmpint (change->change, ==, CRM_QUOTE_LINE_CHANGED);
  g_assert_cmpint (change->fields, ==, CRM_QUOTE_LINE_FIELD_QUANTITY);
  g_assert_cmpint (change->old_line->quantity_milli, ==, 10000);
  g_assert_cmpint (change->new_line->quantity_milli, ==, 20000);

  /* The end-date event moved with the end date. */
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM events WHERE kind = 'deadline'"), ==, 1);
  starts = office_query_text (office, "SELECT date (starts_at, 'localtime') FROM events");
  g_assert_cmpstr (starts, ==, "2026-07-31");
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM reminders"), ==, 1);
}

static void
test_locked (Office        *office,
             gconstpointer  data)
{
  g_autoptr(CrmContract) contract = signed_contract (office, office->lan);
  g_autoptr(GError) error = NULL;
  CrmContractInstalment *first;

  /* Completing a draft is refused. */
  g_assert_false (crm_contract_store_complete (office->db.store, office->lan, contract->id, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  activate (office, office->lan, contract->id);
  g_assert_true (crm_contract_store_complete (office->db.store, office->lan, contract->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (office_query_int (office, "SELECT done FROM events WHERE kind = 'deadline'"), ==, 1);

  g_clear_pointer (&contract, crm_contract_free);
  contract = get_contract (office, office->lan, 1);
  g_assert_cmpint (contract->status, ==, CRM_CONTRACT_STATUS_COMPLETED);
  g_free (contract->terms);
  contract->terms = g_strdup ("Bảo hành 24 tháng");
  g_assert_false (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "Contract HĐ-2026-0001 is “Completed” and locked: it can no longer be changed.");
  g_clear_error (&error);
  g_assert_false (crm_contract_store_cancel (office->db.store, office->lan, contract->id, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  /* A late payment is still recorded. */
  g_free (contract->terms);
  contract->terms = g_strdup ("Giao hàng trong 7 ngày.");
  first = g_ptr_array_index (contract->instalments, 0);
  first->paid = TRUE;
  first->paid_on = g_strdup ("02/07/2026");
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_no_error (error);
  g_assert_cmpint (contract->revision, ==, 1);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM contract_instalments WHERE paid = 1 "
                                              "AND paid_on = '2026-07-02'"), ==, 1);
}

static void
test_stale_save (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmContract) contract = signed_contract (office, office->lan);
  g_autoptr(CrmContract) other = get_contract (office, office->boss, contract->id);
  g_autoptr(GError) error = NULL;

  g_free (other->title);
  other->title = g_strdup ("Sửa bởi trưởng phòng");
  g_assert_true (crm_contract_store_save (office->db.store, office->boss, other, &error));
  g_assert_no_error (error);
  g_free (contract->terms);
  contract->terms = g_strdup ("Sửa bởi Lan");
  g_assert_false (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "Contract HĐ-2026-0001 was changed by someone else after you opened it. "
                                       "Your changes were not saved; reopen the contract to see theirs.");
  g_assert_cmpstr (contract->terms, ==, "Sửa bởi Lan");
  g_clear_pointer (&contract, crm_contract_free);
  contract = get_contract (office, office->lan, other->id);
  g_assert_cmpstr (contract->title, ==, "Sửa bởi trưởng phòng");
  g_assert_cmpstr (contract->terms, ==, "Giao hàng trong 7 ngày.");
}

static void
test_instalment_paid (Office        *office,
                      gconstpointer  data)
{
  g_autoptr(CrmContract) contract = signed_contract (office, office->lan);
  g_autoptr(CrmContract) stored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CrmContractInstalment *first = g_ptr_array_index (contract->instalments, 0);
  CrmContractInstalment *paid;

  g_assert_cmpint (first->id, >, 0);
  g_assert_false (crm_contract_store_set_instalment_paid (office->db.store, office->lan, contract->id, first->id,
                                                          TRUE, "02/04/2026", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  activate (office, office->lan, contract->id);
  g_assert_true (crm_contract_store_set_instalment_paid (office->db.store, office->lan, contract->id, first->id,
                                                         TRUE, "02/04/2026", &error));
  g_assert_no_error (error);
  stored = get_contract (office, office->lan, contract->id);
  paid = g_ptr_array_index (stored->instalments, 0);
  g_assert_true (paid->paid);
  g_assert_cmpstr (paid->paid_on, ==, "2026-04-02");
  g_assert_cmpint (stored->revision, ==, 1);
  g_assert_cmpint (stored->row_version, >, contract->row_version);

  rows = crm_contract_store_list_for_customer (office->db.store, office->lan, office->customer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CrmContractRow *) g_ptr_array_index (rows, 0))->paid_total, ==, 4000000);

  g_assert_true (crm_contract_store_set_instalment_paid (office->db.store, office->lan, contract->id, first->id,
                                                         FALSE, NULL, &error));
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM contract_instalments WHERE paid = 0 "
                                              "AND paid_on IS NULL"), ==, 2);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'contract' "
                                              "AND field = 'instalment 1 paid_on'"), ==, 2);
}

static void
test_expiry (Office        *office,
             gconstpointer  data)
{
  g_autoptr(CrmContract) contract = signed_contract (office, office->lan);
  g_autoptr(CrmContract) draft = signed_contract (office, office->lan);
  g_autoptr(CrmContract) stored = NULL;
  g_autoptr(GError) error = NULL;

  activate (office, office->lan, contract->id);
  g_assert_cmpint (crm_contract_store_expire_due (office->db.store, office->db.admin, "30/06/2026", &error), ==, 0);
  g_assert_cmpint (crm_contract_store_expire_due (office->db.store, office->db.admin, "01/07/2026", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contract_store_expire_due (office->db.store, office->db.admin, "2026-07-02", &error), ==, 0);
  stored = get_contract (office, office->lan, contract->id);
  g_assert_cmpint (stored->status, ==, CRM_CONTRACT_STATUS_EXPIRED);
  g_clear_pointer (&stored, crm_contract_free);
  stored = get_contract (office, office->lan, draft->id);
  g_assert_cmpint (stored->status, ==, CRM_CONTRACT_STATUS_DRAFT);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'contract' "
                                              "AND field = 'status' AND new_value = 'expired'"), ==, 1);
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmContract) contract = signed_contract (office, office->lan);
  g_autoptr(CrmContract) seen = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  office_set_setting (office, "customer_visibility", "own");
  g_assert_null (crm_contract_store_get (office->db.store, office->hung, contract->id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_contract_store_count (office->db.store, office->hung, -1, NULL, &error), ==, 0);
  rows = crm_contract_store_fetch (office->db.store, office->hung, -1, NULL, CRM_CONTRACT_SORT_CODE, TRUE, 0, 50,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_null (crm_contract_store_list_for_customer (office->db.store, office->hung, office->customer, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (crm_contract_store_list_revisions (office->db.store, office->hung, contract->id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_contract_store_activate (office->db.store, office->hung, contract->id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = crm_search_store_find (office->db.store, office->hung, "HĐ-2026-0001", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* lan, who has the customer, and her manager see it. */
  g_assert_cmpint (crm_contract_store_count (office->db.store, office->lan, -1, NULL, &error), ==, 1);
  seen = get_contract (office, office->boss, contract->id);
  g_assert_cmpstr (seen->code, ==, contract->code);

  /* In a shared office, staff see the customer but change only their own. */
  office_set_setting (office, "customer_visibility", "shared");
  g_clear_pointer (&seen, crm_contract_free);
  seen = get_contract (office, office->hung, contract->id);
  g_free (seen->title);
  seen->title = g_strdup ("Hùng sửa");
  g_assert_false (crm_contract_store_save (office->db.store, office->hung, seen, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
}

static void
test_list (Office        *office,
           gconstpointer  data)
{
  g_autoptr(CrmContract) first = signed_contract (office, office->lan);
  g_autoptr(CrmContract) second = signed_contract (office, office->lan);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CrmQuoteLine *line = g_ptr_array_index (second->lines, 0);
  CrmContractInstalment *last = g_ptr_array_index (second->instalments, 1);

  line->quantity_milli = 1000;  /* half the printers: 3 500 000 less 5 %, VAT 10 % = 3 657 500 less */
  last->amount -= 3657500;
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, second, &error));
  g_assert_no_error (error);
  activate (office, office->lan, second->id);

  g_assert_cmpint (crm_contract_store_count (office->db.store, office->lan, -1, NULL, &error), ==, 2);
  g_assert_cmpint (crm_contract_store_count (office->db.store, office->lan, CRM_CONTRACT_STATUS_ACTIVE, NULL,
                                             &error), ==, 1);
  g_assert_cmpint (crm_contract_store_count (office->db.store, office->lan, -1, "hd-2026-0002", &error), ==, 1);
  g_assert_cmpint (crm_contract_store_count (office->db.store, office->lan, -1, "duc phat", &error), ==, 2);
  g_assert_cmpint (crm_contract_store_count (office->db.store, office->lan, -1, "khong co", &error), ==, 0);
  rows = crm_contract_store_fetch (office->db.store, office->lan, -1, NULL, CRM_CONTRACT_SORT_VALUE, TRUE, 0, 10,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (((CrmContractRow *) g_ptr_array_index (rows, 0))->id, ==, second->id);
  g_assert_cmpint (((CrmContractRow *) g_ptr_array_index (rows, 0))->value, ==, TWO_LINE_TOTAL - 3657500);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = crm_contract_store_fetch (office->db.store, office->lan, -1, NULL, CRM_CONTRACT_SORT_STATUS, TRUE, 1, 10,
                                   &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CrmContractRow *) g_ptr_array_index (rows, 0))->status, ==, CRM_CONTRACT_STATUS_ACTIVE);
  g_clear_pointer (&rows, g_ptr_array_unref);
  for (guint sort = 0; sort < CRM_CONTRACT_SORT_N; sort++)
    for (int ascending = 0; ascending < 2; ascending++)
      {
        rows = crm_contract_store_fetch (office->db.store, office->lan, -1, "duc", sort, ascending, 0, 10, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, 2);
        g_clear_pointer (&rows, g_ptr_array_unref);
      }
}

static void
test_snapshot_round_trip (void)
{
  g_autoptr(CrmContract) contract = crm_contract_new ();
  g_autoptr(CrmContract) back = NULL;
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  contract->code = g_strdup ("HĐ-2026-0007");
  contract->customer_id = 3;
  contract->customer_name = g_strdup ("Công ty \"Đức\" = Phát\nchi nhánh");
  contract->terms = g_strdup ("Dòng 1\nDòng 2; [x]");
  crm_contract_add_line (contract, office_line ("Máy in laser", 2000, 3500000, 500, 1000));
  crm_contract_add_instalment (contract, office_instalment ("2026-04-01", 100));
  g_assert_true (crm_contract_compute_totals (contract, &totals, &error));
  text = crm_contract_snapshot_write (contract, &totals);
  back = crm_contract_snapshot_read (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->customer_name, ==, contract->customer_name);
  g_assert_cmpstr (back->terms, ==, contract->terms);
  g_assert_cmpint (back->value, ==, 7315000);
  g_assert_true (crm_contract_same_content (contract, back));
  again = crm_contract_snapshot_write (back, &totals);
  g_assert_cmpstr (again, ==, text);
  g_assert_null (crm_contract_snapshot_read ("not a snapshot", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
}

/* The demo office's contracts read back: lines, schedule, the signed
 * version (JSON written by the demo) and a diff against it. */
static void
test_demo_data (CrmTestDb     *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_signed = 0;

  g_assert_true (crm_sample_fill_demo (fixture->store, fixture->admin, &error));
  g_assert_no_error (error);
  rows = crm_contract_store_fetch (fixture->store, fixture->admin, -1, NULL, CRM_CONTRACT_SORT_CODE, TRUE, 0,
                                   10000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 3);
  g_assert_cmpint (crm_contract_store_count (fixture->store, fixture->admin, -1, NULL, &error), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmContractRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CrmContract) contract = crm_contract_store_get (fixture->store, fixture->admin, row->id, &error);
      g_autoptr(GPtrArray) revisions = NULL;
      g_autoptr(GPtrArray) diff = NULL;
      g_auto(CrmQuoteTotals) totals = { 0 };

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (contract->code, "HĐ-"));
      g_assert_cmpuint (contract->lines->len, >, 0);
      g_assert_true (crm_contract_compute_totals (contract, &totals, &error));
      g_assert_cmpint (crm_contract_instalments_total (contract), ==, totals.grand_total);
      revisions = crm_contract_store_list_revisions (fixture->store, fixture->admin, row->id, &error);
      g_assert_no_error (error);
      if (revisions->len == 0)
        continue;
      n_signed++;
      diff = crm_contract_store_diff_revisions (fixture->store, fixture->admin, row->id, 1, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (diff->len, ==, contract->lines->len);
      for (guint j = 0; j < diff->len; j++)
        g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, j))->change, ==, CRM_QUOTE_LINE_SAME);
    }
  g_assert_cmpuint (n_signed, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/contract/code-and-search", test_code_and_search);
  ADD ("/store/contract/from-accepted-quote", test_from_quote);
  ADD ("/store/contract/end-before-start-refused", test_end_before_start);
  ADD ("/store/contract/activation-rules-and-end-event", test_activation_rules);
  ADD ("/store/contract/revisions-once-active", test_revisions);
  ADD ("/store/contract/locked-when-completed", test_locked);
  ADD ("/store/contract/stale-save-refused", test_stale_save);
  ADD ("/store/contract/instalment-paid", test_instalment_paid);
  ADD ("/store/contract/expiry", test_expiry);
  ADD ("/store/contract/visibility", test_visibility);
  ADD ("/store/contract/list", test_list);
#undef ADD
  g_test_add_func ("/store/contract/snapshot-round-trip", test_snapshot_round_trip);
  g_test_add ("/store/contract/demo-data", CrmTestDb, NULL, crm_test_db_setup, test_demo_data,
              crm_test_db_teardown);
  return g_test_run ();
}
