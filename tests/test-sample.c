/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "crm-error.h"
#include "crm-sample.h"
#include "crm-search-store.h"
#include "crm-text.h"
#include "crm-validate.h"
#include "test-fixture.h"

/* Reading back what the generator wrote goes through a second, read-only
 * connection, as another process would see the file. */

static sqlite3 *
open_reader (CrmTestDb *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
count_rows (CrmTestDb  *fixture,
            const char *sql)
{
  sqlite3 *db = open_reader (fixture);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static GPtrArray *
column_texts (CrmTestDb  *fixture,
              const char *sql)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = open_reader (fixture);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return values;
}

static char *
first_text (CrmTestDb  *fixture,
            const char *sql)
{
  g_autoptr(GPtrArray) values = column_texts (fixture, sql);

  g_assert_cmpuint (values->len, >, 0);
  return g_strdup (g_ptr_array_index (values, 0));
}

static void
fill_demo (CrmTestDb *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_sample_fill_demo (fixture->store, fixture->admin, &error));
  g_assert_no_error (error);
}

static void
assert_file_sound (CrmTestDb *fixture)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_check_file (fixture->path, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* FTS5's own check that the index holds exactly the documents' text. */
static void
assert_search_index_complete (CrmTestDb *fixture)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("The search index does not match its documents: %s", message);
  sqlite3_close (db);
}

static void
test_demo_fills_every_screen (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  static const char *const tables[] = {
    "teams", "categories", "tags", "customer_tags", "customer_phones", "customer_emails",
    "contacts", "interactions", "opportunities", "products", "product_categories",
    "price_lists", "price_list_items", "promotions", "quotes", "quote_lines", "quote_revisions",
    "quote_sends", "contracts", "contract_lines", "contract_instalments", "contract_revisions",
    "orders", "order_lines", "order_deliveries", "events", "event_participants", "reminders",
    "care_standards", "care_cases", "care_actions", "campaigns", "campaign_members", "search_docs",
  };

  fill_demo (fixture);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers"), ==, 150);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers WHERE kind = 'organisation'"), >, 30);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM users WHERE role = 'staff'"), >=, 4);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM users WHERE role = 'manager'"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM teams WHERE manager_id IS NULL"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(DISTINCT assigned_to) FROM customers"), >=, 6);
  g_assert_cmpint (count_rows (fixture, "SELECT count(DISTINCT province_code) FROM customers"), >=, 15);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM products"), >=, 40);
  g_assert_cmpint (count_rows (fixture, "SELECT count(DISTINCT vat_rate_bp) FROM products"), ==, 4);
  g_assert_cmpint (count_rows (fixture, "SELECT count(DISTINCT stage) FROM opportunities"), ==, 6);
  g_assert_cmpint (count_rows (fixture, "SELECT count(DISTINCT status) FROM quotes"), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      if (count_rows (fixture, sql) == 0)
        g_error ("The demo left %s empty", tables[i]);
    }
  assert_file_sound (fixture);
}

static void
test_demo_codes_and_search_docs (CrmTestDb     *fixture,
                                 gconstpointer  data)
{
  fill_demo (fixture);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers WHERE code GLOB 'KH[0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, 150);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM quotes WHERE code NOT GLOB 'BG-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM contracts WHERE code NOT GLOB 'HĐ-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM orders WHERE code NOT GLOB 'DH-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM products WHERE code NOT GLOB 'SP[0-9][0-9][0-9][0-9]'"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT value FROM counters WHERE name = 'customer'"), ==, 150);

  /* Every searchable record has exactly one document. */
  g_assert_cmpint (count_rows (fixture,
                               "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM contacts) + "
                               "(SELECT count(*) FROM quotes) + (SELECT count(*) FROM contracts) + "
                               "(SELECT count(*) FROM orders) + (SELECT count(*) FROM products)"),
                   ==, count_rows (fixture, "SELECT count(*) FROM search_docs"));
  assert_search_index_complete (fixture);
}

static void
test_demo_tax_codes_validate (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) codes = NULL;

  fill_demo (fixture);
  codes = column_texts (fixture, "SELECT tax_code FROM customers WHERE tax_code IS NOT NULL");
  g_assert_cmpuint (codes->len, >, 30);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (strlen (code), ==, 10);
      g_assert_true (crm_tax_code_validate (code, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, code);
    }
}

static void
assert_phones_normalised (CrmTestDb  *fixture,
                          const char *sql)
{
  g_autoptr(GPtrArray) phones = column_texts (fixture, sql);

  g_assert_cmpuint (phones->len, >, 0);
  for (guint i = 0; i < phones->len; i++)
    {
      const char *phone = g_ptr_array_index (phones, i);
      g_autofree char *e164 = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (crm_phone_normalize (phone, &e164, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (e164, ==, phone);
    }
}

static void
assert_emails_valid (CrmTestDb  *fixture,
                     const char *sql)
{
  g_autoptr(GPtrArray) emails = column_texts (fixture, sql);

  g_assert_cmpuint (emails->len, >, 0);
  for (guint i = 0; i < emails->len; i++)
    {
      const char *email = g_ptr_array_index (emails, i);
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (crm_email_validate (email, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, email);
      for (const char *p = email; *p != '\0'; p++)
        g_assert_true (g_ascii_isprint (*p));
    }
}

static void
test_demo_contacts_are_valid (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  fill_demo (fixture);
  assert_phones_normalised (fixture, "SELECT phone FROM customer_phones");
  assert_phones_normalised (fixture, "SELECT phone FROM contacts");
  assert_phones_normalised (fixture, "SELECT phone FROM users WHERE phone IS NOT NULL");
  assert_emails_valid (fixture, "SELECT email FROM customer_emails");
  assert_emails_valid (fixture, "SELECT email FROM contacts");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customer_phones WHERE phone GLOB '+849*'"), >, 20);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers WHERE street IS NULL OR ward IS NULL OR province_code IS NULL"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM users WHERE login = 'lan.nguyen'"), ==, 1);
}

static gint64
half_up (gint64 numerator,
         gint64 denominator)
{
  return (numerator + denominator / 2) / denominator;
}

typedef struct
{
  gint64 subtotal;
  gint64 discount;
  gint64 vat;
} Totals;

static Totals
recompute_lines (sqlite3    *db,
                 const char *lines_sql,
                 gint64      id)
{
  Totals totals = { 0, };
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, lines_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 gross = half_up (sqlite3_column_int64 (stmt, 0) * sqlite3_column_int64 (stmt, 1), 1000);
      gint64 discount = half_up (gross * sqlite3_column_int64 (stmt, 2), 10000);

      totals.subtotal += gross;
      totals.discount += discount;
      totals.vat += half_up ((gross - discount) * sqlite3_column_int64 (stmt, 3), 10000);
    }
  sqlite3_finalize (stmt);
  return totals;
}

/* Headers are (id, subtotal, discount_total, vat_total, grand_total). */
static guint
check_document_totals (CrmTestDb  *fixture,
                       const char *headers_sql,
                       const char *lines_sql)
{
  sqlite3 *db = open_reader (fixture);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, headers_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Totals totals = recompute_lines (db, lines_sql, sqlite3_column_int64 (stmt, 0));

      g_assert_cmpint (totals.subtotal, >, 0);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, totals.subtotal);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, totals.discount);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, totals.vat);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, totals.subtotal - totals.discount + totals.vat);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static const char quote_headers_sql[] =
  "SELECT id, subtotal, discount_total, vat_total, grand_total FROM quotes";
static const char quote_lines_sql[] =
  "SELECT quantity_milli, unit_price, discount_bp, vat_rate_bp FROM quote_lines WHERE quote_id = ?";

static void
test_demo_money_adds_up (CrmTestDb     *fixture,
                         gconstpointer  data)
{
  fill_demo (fixture);
  g_assert_cmpuint (check_document_totals (fixture, quote_headers_sql, quote_lines_sql), >, 20);
  g_assert_cmpuint (check_document_totals (fixture,
                                           "SELECT id, subtotal, discount_total, vat_total, grand_total FROM orders",
                                           "SELECT quantity_milli, unit_price, discount_bp, vat_rate_bp "
                                           "FROM order_lines WHERE order_id = ?"), >, 10);
  /* A contract's value is what the customer pays, VAT included, as the
   * contract store keeps it; its lines, its instalments and its quote
   * agree with it. */
  g_assert_cmpuint (check_document_totals (fixture,
                                           "SELECT id, value - vat_total + (SELECT discount_total FROM quotes q "
                                           "  WHERE q.id = quote_id), "
                                           "  (SELECT discount_total FROM quotes q WHERE q.id = quote_id), vat_total, "
                                           "  value FROM contracts",
                                           "SELECT quantity_milli, unit_price, discount_bp, vat_rate_bp "
                                           "FROM contract_lines WHERE contract_id = ?"), >, 0);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM contracts c WHERE c.value <> "
                               "(SELECT sum (amount) FROM contract_instalments i WHERE i.contract_id = c.id)"), ==, 0);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM quote_revisions r JOIN quotes q ON q.id = r.quote_id "
                               "WHERE r.revision = q.revision AND r.grand_total <> q.grand_total"), ==, 0);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM quotes q WHERE status <> 'draft' AND revision <> "
                               "(SELECT count(*) FROM quote_sends s WHERE s.quote_id = q.id)"), ==, 0);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM quote_revisions WHERE snapshot NOT LIKE '{\"code\":\"BG-%}'"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT sum (revenue) FROM customers"), ==,
                   count_rows (fixture, "SELECT sum (grand_total) FROM orders WHERE delivery_status <> 'cancelled'"));
}

static gboolean
hits_contain (GPtrArray  *hits,
              const char *kind,
              const char *code)
{
  for (guint i = 0; i < hits->len; i++)
    {
      CrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (hit->kind, kind) == 0 && g_strcmp0 (hit->code, code) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
assert_search_finds (CrmTestDb  *fixture,
                     const char *query,
                     const char *kind,
                     const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = crm_search_store_find (fixture->store, fixture->admin, query, 500, &error);

  g_assert_no_error (error);
  if (!hits_contain (hits, kind, code))
    g_error ("Searching “%s” did not find %s %s", query, kind, code);
}

static void
test_demo_is_searchable (CrmTestDb     *fixture,
                         gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *short_quote = NULL;
  int year = 0, number = 0;

  fill_demo (fixture);
  name = first_text (fixture, "SELECT full_name FROM customers WHERE kind = 'person' ORDER BY id LIMIT 1");
  code = first_text (fixture, "SELECT code FROM customers WHERE kind = 'person' ORDER BY id LIMIT 1");
  folded = crm_text_fold (name);
  g_assert_true (g_str_is_ascii (folded));
  assert_search_finds (fixture, folded, "customer", code);

  quote = first_text (fixture, "SELECT code FROM quotes ORDER BY id DESC LIMIT 1");
  g_assert_cmpint (sscanf (quote, "BG-%d-%d", &year, &number), ==, 2);
  short_quote = g_strdup_printf ("BG-%d-%d", year, number);
  assert_search_finds (fixture, short_quote, "quote", quote);
}

static void
test_demo_refused_twice (CrmTestDb     *fixture,
                         gconstpointer  data)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM users) + "
    "(SELECT count(*) FROM quotes) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM counters) + "
    "(SELECT count(*) FROM teams) + (SELECT count(*) FROM products)";
  g_autoptr(GError) error = NULL;
  gint64 before;

  fill_demo (fixture);
  before = count_rows (fixture, sql);
  g_assert_false (crm_sample_fill_demo (fixture->store, fixture->admin, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_assert_cmpint (count_rows (fixture, sql), ==, before);
  g_assert_cmpint (count_rows (fixture, "SELECT value FROM counters WHERE name = 'customer'"), ==, 150);
}

static void
test_demo_needs_admin (CrmTestDb     *fixture,
                       gconstpointer  data)
{
  CrmSampleSpec spec = { 10, 1, 50, 1, FALSE };
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;

  fill_demo (fixture);
  staff = crm_user_store_session_for (fixture->store, "hung.tran", &error);
  g_assert_no_error (error);
  g_assert_false (crm_sample_fill (fixture->store, staff, &spec, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers"), ==, 150);
}

static void
fill_spec (CrmTestDb           *fixture,
           const CrmSampleSpec *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_sample_fill (fixture->store, fixture->admin, spec, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_fill_exact_counts (CrmTestDb     *fixture,
                        gconstpointer  data)
{
  CrmSampleSpec spec = { 500, 10, 50, 7, GPOINTER_TO_INT (data) };
  g_autofree char *code = NULL;
  g_autofree char *phone = NULL;

  fill_spec (fixture, &spec);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers"), ==, 500);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interactions"), ==, 5000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM quotes"), ==, 250);
  g_assert_cmpuint (check_document_totals (fixture, quote_headers_sql, quote_lines_sql), ==, 250);
  assert_search_index_complete (fixture);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                        "AND tbl_name = 'search_docs'"), ==, 3);

  /* The index is complete after a bulk load: a phone fragment and a code find their customer. */
  code = first_text (fixture, "SELECT code FROM customers ORDER BY id DESC LIMIT 1");
  phone = first_text (fixture, "SELECT '0' || substr (phone, 4, 5) FROM customer_phones p "
                               "JOIN customers c ON c.id = p.customer_id ORDER BY c.id DESC LIMIT 1");
  assert_search_finds (fixture, code, "customer", code);
  assert_search_finds (fixture, phone, "customer", code);
  assert_file_sound (fixture);

  /* A second fill adds to the first and carries the codes on. */
  spec.customers = 20;
  fill_spec (fixture, &spec);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers"), ==, 520);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM users WHERE login = 'hung.tran'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT value FROM counters WHERE name = 'customer'"), ==, 520);
}

static char *
first_customer_with_seed (guint32 seed)
{
  CrmTestDb fixture = { 0, };
  CrmSampleSpec spec = { 30, 2, 50, seed, TRUE };
  char *name;

  crm_test_db_setup (&fixture, NULL);
  fill_spec (&fixture, &spec);
  name = first_text (&fixture, "SELECT full_name || ' ' || coalesce (tax_code, '') || ' ' || street "
                               "FROM customers ORDER BY id LIMIT 1");
  crm_test_db_teardown (&fixture, NULL);
  return name;
}

static void
test_fill_same_seed_same_data (void)
{
  g_autofree char *first = first_customer_with_seed (42);
  g_autofree char *again = first_customer_with_seed (42);
  g_autofree char *other = first_customer_with_seed (43);

  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
}

static void
test_fill_cancelled_before_start (CrmTestDb     *fixture,
                                  gconstpointer  data)
{
  CrmSampleSpec spec = { 100, 10, 50, 1, TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (crm_sample_fill (fixture->store, fixture->admin, &spec, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers"), ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint64       rows;
} ProgressProbe;

static void
cancel_on_progress (guint64  rows,
                    gpointer data)
{
  ProgressProbe *probe = data;

  g_assert_cmpuint (rows, >, probe->rows);
  probe->rows = rows;
  probe->calls++;
  g_cancellable_cancel (probe->cancellable);
}

/* Cancelled after its first batch: that batch stays, complete, searchable
 * and with the search triggers in place. */
static void
test_fill_cancelled_between_batches (CrmTestDb     *fixture,
                                     gconstpointer  data)
{
  CrmSampleSpec spec = { 8000, 10, 50, 3, TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressProbe probe = { cancellable, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  gint64 customers;

  g_assert_false (crm_sample_fill (fixture->store, fixture->admin, &spec, cancel_on_progress, &probe,
                                   cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (probe.calls, ==, 1);

  customers = count_rows (fixture, "SELECT count(*) FROM customers");
  g_assert_cmpint (customers, >, 0);
  g_assert_cmpint (customers, <, spec.customers);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interactions"), ==, customers * 10);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                        "AND tbl_name = 'search_docs'"), ==, 3);
  assert_search_index_complete (fixture);
  code = first_text (fixture, "SELECT code FROM customers ORDER BY id DESC LIMIT 1");
  assert_search_finds (fixture, code, "customer", code);
  assert_file_sound (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_DB_TEST(path, func, data) \
  g_test_add (path, CrmTestDb, data, crm_test_db_setup, func, crm_test_db_teardown)

  ADD_DB_TEST ("/sample/demo/fills-every-screen", test_demo_fills_every_screen, NULL);
  ADD_DB_TEST ("/sample/demo/codes-and-search-docs", test_demo_codes_and_search_docs, NULL);
  ADD_DB_TEST ("/sample/demo/tax-codes-validate", test_demo_tax_codes_validate, NULL);
  ADD_DB_TEST ("/sample/demo/contacts-are-valid", test_demo_contacts_are_valid, NULL);
  ADD_DB_TEST ("/sample/demo/money-adds-up", test_demo_money_adds_up, NULL);
  ADD_DB_TEST ("/sample/demo/is-searchable", test_demo_is_searchable, NULL);
  ADD_DB_TEST ("/sample/demo/refused-twice", test_demo_refused_twice, NULL);
  ADD_DB_TEST ("/sample/demo/needs-admin", test_demo_needs_admin, NULL);
  ADD_DB_TEST ("/sample/fill/exact-counts", test_fill_exact_counts, GINT_TO_POINTER (FALSE));
  ADD_DB_TEST ("/sample/fill/exact-counts-bulk", test_fill_exact_counts, GINT_TO_POINTER (TRUE));
  g_test_add_func ("/sample/fill/same-seed-same-data", test_fill_same_seed_same_data);
  ADD_DB_TEST ("/sample/fill/cancelled-before-start", test_fill_cancelled_before_start, NULL);
  ADD_DB_TEST ("/sample/fill/cancelled-between-batches", test_fill_cancelled_between_batches, NULL);

  return g_test_run ();
}
