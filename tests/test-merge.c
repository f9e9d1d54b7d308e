/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-error.h"
#include "crm-search-store.h"
#include "test-fixture.h"

static gint64
query_int (CrmTestDb  *fixture,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
exec (CrmTestDb  *fixture,
      const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static CrmCustomer *
candidate (const char *name,
           const char *province,
           const char *tax_code,
           const char *phone,
           const char *email)
{
  CrmCustomer *customer = crm_customer_new ();

  customer->full_name = g_strdup (name);
  customer->province_code = g_strdup (province);
  customer->tax_code = g_strdup (tax_code);
  if (phone)
    g_ptr_array_add (customer->phones, g_strdup (phone));
  if (email)
    g_ptr_array_add (customer->emails, g_strdup (email));
  return customer;
}

static gint64
create (CrmTestDb   *fixture,
        CrmCustomer *customer)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_customer_store_create (fixture->store, fixture->admin, customer, &error);

  g_assert_no_error (error);
  return id;
}

static const char *
reasons_for (GPtrArray *found,
             gint64     id)
{
  for (guint i = 0; i < found->len; i++)
    {
      CrmDuplicate *duplicate = g_ptr_array_index (found, i);
      if (duplicate->id == id)
        return duplicate->reason;
    }
  return NULL;
}

static void
test_duplicates_by_each_rule (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  g_autoptr(CrmCustomer) company = candidate ("Công ty TNHH Đại Phát", "ho-chi-minh", "0100109106",
                                              "0912 345 678", "lienhe@daiphat.vn");
  g_autoptr(CrmCustomer) person = candidate ("Nguyễn Văn Đức", "ha-noi", NULL, NULL, NULL);
  gint64 company_id = create (fixture, company);
  gint64 person_id = create (fixture, person);
  static const struct
  {
    const char *name, *province, *tax, *phone, *email;
    const char *reason; /* expected for the company, or NULL */
    gboolean person;
  } cases[] = {
    { "Đại Phát Group", NULL, "0100109106", NULL, NULL, "tax_code", FALSE },
    { "Anh Phát", NULL, NULL, "+84 912 345 678", NULL, "phone", FALSE },
    { "Chị Lan", NULL, NULL, NULL, "LienHe@DaiPhat.VN", "email", FALSE },
    { "nguyen van duc", "ha-noi", NULL, NULL, NULL, NULL, TRUE },
    { "Nguyễn Văn Đức", "hue", NULL, NULL, NULL, NULL, FALSE },
    { "Trần Thị Bé", NULL, NULL, "0987 000 111", NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmCustomer) probe = candidate (cases[i].name, cases[i].province, cases[i].tax,
                                                cases[i].phone, cases[i].email);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      guint hidden = 99;

      found = crm_customer_store_find_duplicates (fixture->store, fixture->admin, probe, &hidden, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hidden, ==, 0);
      g_assert_cmpstr (reasons_for (found, company_id), ==, cases[i].reason);
      g_assert_cmpint (reasons_for (found, person_id) != NULL, ==, cases[i].person);
    }
}

static void
test_duplicates_hidden_from_staff_are_counted (CrmTestDb     *fixture,
                                               gconstpointer  data)
{
  g_autoptr(CrmCustomer) company = candidate ("Công ty Cổ phần Minh Long", NULL, "0100686209", NULL, NULL);
  g_autoptr(CrmCustomer) probe = candidate ("Minh Long", NULL, "0100686209", NULL, NULL);
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  guint hidden = 0;
  gint64 staff_id;

  create (fixture, company);
  staff_id = crm_user_store_create (fixture->store, fixture->admin, "an.pham", "Phạm Văn An",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error);
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  found = crm_customer_store_find_duplicates (fixture->store, staff, probe, &hidden, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpuint (hidden, ==, 1);
}

/* Gives the duplicate one row in every related table. */
static void
attach_everything (CrmTestDb *fixture,
                   gint64     duplicate)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contacts (customer_id, full_name, created_at, updated_at) VALUES (%1$" G_GINT64_FORMAT ", 'Lê Thị Hoa', 'x', 'x');"
    "INSERT INTO attachments (customer_id, file_name, byte_size, created_at, updated_at) VALUES (%1$" G_GINT64_FORMAT ", 'hd.pdf', 3, 'x', 'x');"
    "INSERT INTO interactions (customer_id, kind, occurred_at, created_at, updated_at) VALUES (%1$" G_GINT64_FORMAT ", 'call', '2026-11-01T02:00:00Z', 'x', 'x');"
    "INSERT INTO opportunities (customer_id, title, created_at, updated_at) VALUES (%1$" G_GINT64_FORMAT ", 'Mua máy in', 'x', 'x');"
    "INSERT INTO quotes (code, customer_id, issue_date, valid_until, created_at, updated_at) VALUES ('BG-2026-0001', %1$" G_GINT64_FORMAT ", '2026-11-01', '2026-11-30', 'x', 'x');"
    "INSERT INTO contracts (code, customer_id, created_at, updated_at) VALUES ('HĐ-2026-0001', %1$" G_GINT64_FORMAT ", 'x', 'x');"
    "INSERT INTO orders (code, customer_id, order_date, created_at, updated_at) VALUES ('DH-2026-0001', %1$" G_GINT64_FORMAT ", '2026-11-02', 'x', 'x');"
    "INSERT INTO events (kind, title, starts_at, ends_at, customer_id, created_at, updated_at) VALUES ('visit', 'Thăm khách', '2026-11-24T02:00:00Z', '2026-11-24T03:00:00Z', %1$" G_GINT64_FORMAT ", 'x', 'x');"
    "INSERT INTO care_cases (customer_id, kind, subject, created_at, updated_at) VALUES (%1$" G_GINT64_FORMAT ", 'thanks', 'Cảm ơn', 'x', 'x');"
    "INSERT INTO tags (name, created_at) VALUES ('VIP', 'x');"
    "INSERT INTO customer_tags (customer_id, tag_id) VALUES (%1$" G_GINT64_FORMAT ", 1);"
    "INSERT INTO campaigns (name, channel, created_at, updated_at) VALUES ('Tết 2027', 'zalo', 'x', 'x');"
    "INSERT INTO campaign_members (campaign_id, customer_id, updated_at) VALUES (1, %1$" G_GINT64_FORMAT ", 'x');"
    "INSERT INTO search_docs (kind, ref_id, customer_id, code, title, body) VALUES ('quote', 1, %1$" G_GINT64_FORMAT ", 'BG-2026-0001', 'BG', 'bg 2026 0001 1');",
    duplicate);

  exec (fixture, sql);
}

static void
test_merge_moves_every_related_row (CrmTestDb     *fixture,
                                    gconstpointer  data)
{
  static const char *const tables[] = {
    "contacts", "attachments", "interactions", "opportunities", "quotes", "contracts", "orders",
    "events", "care_cases", "customer_tags", "campaign_members",
  };
  g_autoptr(CrmCustomer) survivor = candidate ("Công ty TNHH Hưng Thịnh", "da-nang", NULL, "0912345678", NULL);
  g_autoptr(CrmCustomer) duplicate = candidate ("Hưng Thịnh", NULL, "0100109106", "0912345678", "ketoan@hungthinh.vn");
  g_autoptr(CrmCustomer) merged = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 survivor_id = create (fixture, survivor);
  gint64 duplicate_id = create (fixture, duplicate);

  attach_everything (fixture, duplicate_id);
  g_assert_true (crm_customer_store_merge (fixture->store, fixture->admin, survivor_id, duplicate_id, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *on_duplicate = g_strdup_printf ("SELECT count(*) FROM %s WHERE customer_id = %" G_GINT64_FORMAT,
                                                       tables[i], duplicate_id);
      g_autofree char *on_survivor = g_strdup_printf ("SELECT count(*) FROM %s WHERE customer_id = %" G_GINT64_FORMAT,
                                                      tables[i], survivor_id);
      g_assert_cmpint (query_int (fixture, on_duplicate), ==, 0);
      g_assert_cmpint (query_int (fixture, on_survivor), ==, 1);
    }

  merged = crm_customer_store_get (fixture->store, fixture->admin, survivor_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (merged->tax_code, ==, "0100109106");
  g_assert_cmpuint (merged->phones->len, ==, 1);
  g_assert_cmpuint (merged->emails->len, ==, 1);
  g_assert_cmpint (crm_customer_store_count (fixture->store, fixture->admin, NULL), ==, 1);
  g_assert_null (crm_customer_store_get (fixture->store, fixture->admin, duplicate_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  hits = crm_search_store_find (fixture->store, fixture->admin, "ketoan@hungthinh", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((CrmSearchHit *) g_ptr_array_index (hits, 0))->ref_id, ==, survivor_id);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'merge'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM search_docs WHERE kind = 'quote' AND customer_id = 1"), ==, 1);
}

/* Both customers had a main contact: the survivor keeps one, its own. */
static void
test_merge_keeps_one_main_contact (CrmTestDb     *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CrmCustomer) survivor = candidate ("Công ty CP Minh Long", "hue", NULL, NULL, NULL);
  g_autoptr(CrmCustomer) duplicate = candidate ("Minh Long", "hue", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 survivor_id = create (fixture, survivor);
  gint64 duplicate_id = create (fixture, duplicate);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contacts (customer_id, full_name, is_primary, created_at, updated_at) VALUES "
    "(%1$" G_GINT64_FORMAT ", 'Hồ Văn Chính', 1, 'x', 'x'), "
    "(%2$" G_GINT64_FORMAT ", 'Lý Thị Phụ', 1, 'x', 'x')", survivor_id, duplicate_id);

  exec (fixture, sql);
  g_assert_true (crm_customer_store_merge (fixture->store, fixture->admin, survivor_id, duplicate_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts WHERE is_primary = 1"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts WHERE is_primary = 1 "
                                       "AND full_name = 'Hồ Văn Chính'"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts"), ==, 2);
}

static void
test_merge_refused_writes_nothing (CrmTestDb     *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CrmCustomer) first = candidate ("Phan Văn Tài", "hue", NULL, NULL, NULL);
  g_autoptr(CrmCustomer) second = candidate ("Phan Văn Tài", "hue", NULL, NULL, NULL);
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_id = create (fixture, first);
  gint64 second_id = create (fixture, second);
  gint64 staff_id, audits;

  staff_id = crm_user_store_create (fixture->store, fixture->admin, "tai.staff", "Nhân viên",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);
  audits = query_int (fixture, "SELECT count(*) FROM audit_log");

  g_assert_false (crm_customer_store_merge (fixture->store, staff, first_id, second_id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_customer_store_merge (fixture->store, fixture->admin, first_id, first_id, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (crm_customer_store_merge (fixture->store, fixture->admin, first_id, 999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM customers WHERE merged_into IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log"), ==, audits);
}

static void
test_summary_counts_and_follows_merge (CrmTestDb     *fixture,
                                       gconstpointer  data)
{
  g_autoptr(CrmCustomer) survivor = candidate ("Công ty CP Sao Mai", "hue", NULL, NULL, NULL);
  g_autoptr(CrmCustomer) duplicate = candidate ("Sao Mai", "hue", NULL, NULL, NULL);
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(GError) error = NULL;
  CrmCustomerSummary summary = { 0 };
  gint64 survivor_id = create (fixture, survivor);
  gint64 duplicate_id = create (fixture, duplicate);
  gint64 staff_id;

  g_assert_true (crm_customer_store_summary (fixture->store, fixture->admin, survivor_id, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.quotes + summary.orders + summary.contacts + summary.interactions, ==, 0);
  g_assert_cmpint (summary.revenue, ==, 0);

  attach_everything (fixture, duplicate_id);
  exec (fixture, "UPDATE orders SET grand_total = 1200000;"
                 "UPDATE opportunities SET expected_value = 50000000;"
                 "UPDATE contracts SET status = 'active';"
                 "INSERT INTO opportunities (customer_id, title, stage, expected_value, created_at, updated_at) "
                 "  SELECT customer_id, 'Đã chốt', 'won', 9, 'x', 'x' FROM orders;"
                 "INSERT INTO orders (code, customer_id, order_date, grand_total, delivery_status, created_at, updated_at) "
                 "  SELECT 'DH-2026-0002', customer_id, '2026-11-03', 700000, 'cancelled', 'x', 'x' FROM orders;");
  g_assert_true (crm_customer_store_summary (fixture->store, fixture->admin, duplicate_id, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.open_opportunities, ==, 1);
  g_assert_cmpint (summary.pipeline_value, ==, 50000000);
  g_assert_cmpuint (summary.quotes, ==, 1);
  g_assert_cmpuint (summary.open_quotes, ==, 1);
  g_assert_cmpuint (summary.contracts, ==, 1);
  g_assert_cmpuint (summary.active_contracts, ==, 1);
  g_assert_cmpuint (summary.orders, ==, 1);
  g_assert_cmpint (summary.revenue, ==, 1200000);
  g_assert_cmpuint (summary.contacts, ==, 1);
  g_assert_cmpuint (summary.interactions, ==, 1);
  g_assert_cmpuint (summary.attachments, ==, 1);

  g_assert_true (crm_customer_store_merge (fixture->store, fixture->admin, survivor_id, duplicate_id, &error));
  g_assert_no_error (error);
  g_assert_true (crm_customer_store_summary (fixture->store, fixture->admin, survivor_id, &summary, &error));
  g_assert_cmpint (summary.revenue, ==, 1200000);
  g_assert_cmpuint (summary.open_opportunities, ==, 1);
  g_assert_false (crm_customer_store_summary (fixture->store, fixture->admin, duplicate_id, &summary, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Staff in an office where each keeps their own see nothing of it. */
  exec (fixture, "UPDATE settings SET value = 'own' WHERE key = 'customer_visibility'");
  staff_id = crm_user_store_create (fixture->store, fixture->admin, "mai.staff", "Nhân viên",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);
  g_assert_false (crm_customer_store_summary (fixture->store, staff, survivor_id, &summary, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/customer/duplicates-by-each-rule", CrmTestDb, NULL,
              crm_test_db_setup, test_duplicates_by_each_rule, crm_test_db_teardown);
  g_test_add ("/store/customer/duplicates-hidden-from-staff-are-counted", CrmTestDb, NULL,
              crm_test_db_setup, test_duplicates_hidden_from_staff_are_counted, crm_test_db_teardown);
  g_test_add ("/store/customer/merge-moves-every-related-row", CrmTestDb, NULL,
              crm_test_db_setup, test_merge_moves_every_related_row, crm_test_db_teardown);
  g_test_add ("/store/customer/merge-refused-writes-nothing", CrmTestDb, NULL,
              crm_test_db_setup, test_merge_refused_writes_nothing, crm_test_db_teardown);
  g_test_add ("/store/customer/merge-keeps-one-main-contact", CrmTestDb, NULL,
              crm_test_db_setup, test_merge_keeps_one_main_contact, crm_test_db_teardown);
  g_test_add ("/store/customer/summary-counts-and-follows-merge", CrmTestDb, NULL,
              crm_test_db_setup, test_summary_counts_and_follows_merge, crm_test_db_teardown);

  return g_test_run ();
}
