/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-error.h"
#include "test-fixture.h"

static gint64
count_rows (CrmTestDb  *fixture,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_validate_requires_name (void)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  customer->full_name = g_strdup ("   ");
  g_assert_false (crm_customer_validate (customer, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
}

static void
test_validate_normalises_fields (void)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  customer->full_name = g_strdup ("Nguyễn Văn Đức");
  customer->tax_code = g_strdup ("0100109106");
  customer->birth_date = g_strdup ("05/09/1985");
  g_ptr_array_add (customer->phones, g_strdup ("0912 345 678"));
  g_ptr_array_add (customer->phones, g_strdup (""));
  g_ptr_array_add (customer->emails, g_strdup ("  duc.nguyen@Example.VN "));
  g_assert_true (crm_customer_validate (customer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (customer->birth_date, ==, "1985-09-05");
  g_assert_cmpuint (customer->phones->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (customer->phones, 0), ==, "+84912345678");
  g_assert_cmpstr (g_ptr_array_index (customer->emails, 0), ==, "duc.nguyen@example.vn");
}

static void
test_validate_refuses_bad_fields (void)
{
  static const struct
  {
    const char *tax_code, *phone, *email, *province;
    int code;
  } cases[] = {
    { "0100109107", NULL, NULL, NULL, CRM_VALIDATION_ERROR_TAX_CODE },
    { NULL, "0112345678", NULL, NULL, CRM_VALIDATION_ERROR_PHONE },
    { NULL, NULL, "khong-co-a-cong", NULL, CRM_VALIDATION_ERROR_EMAIL },
    { NULL, NULL, NULL, "atlantis", CRM_VALIDATION_ERROR_FORMAT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_new ();
      g_autoptr(GError) error = NULL;

      customer->full_name = g_strdup ("Trần Thị Mai");
      customer->tax_code = g_strdup (cases[i].tax_code);
      customer->province_code = g_strdup (cases[i].province);
      if (cases[i].phone)
        g_ptr_array_add (customer->phones, g_strdup (cases[i].phone));
      if (cases[i].email)
        g_ptr_array_add (customer->emails, g_strdup (cases[i].email));
      g_assert_false (crm_customer_validate (customer, &error));
      g_assert_error (error, CRM_VALIDATION_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
    }
}

static void
test_create_assigns_code_and_round_trips (CrmTestDb     *fixture,
                                          gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(CrmCustomer) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->kind = CRM_CUSTOMER_KIND_ORGANISATION;
  customer->full_name = g_strdup ("Công ty TNHH Đại Phát");
  customer->province_code = g_strdup ("ho-chi-minh");
  customer->status = CRM_CUSTOMER_STATUS_PROSPECT;
  g_ptr_array_add (customer->phones, g_strdup ("028 3822 1234"));
  id = crm_customer_store_create (fixture->store, fixture->admin, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->code, ==, "KH000001");

  loaded = crm_customer_store_get (fixture->store, fixture->admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->full_name, ==, "Công ty TNHH Đại Phát");
  g_assert_cmpint (loaded->kind, ==, CRM_CUSTOMER_KIND_ORGANISATION);
  g_assert_cmpint (loaded->status, ==, CRM_CUSTOMER_STATUS_PROSPECT);
  g_assert_cmpint (loaded->assigned_to, ==, crm_session_get_user_id (fixture->admin));
  g_assert_cmpuint (loaded->phones->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (loaded->phones, 0), ==, "+842838221234");
  g_assert_nonnull (loaded->created_at);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customer' "
                                        "AND action = 'create'"), ==, 1);
}

static void
test_duplicate_code_writes_nothing (CrmTestDb     *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CrmCustomer) first = crm_customer_new ();
  g_autoptr(CrmCustomer) second = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  first->full_name = g_strdup ("Lê Văn Hải");
  first->code = g_strdup ("KH-VIP-01");
  crm_customer_store_create (fixture->store, fixture->admin, first, &error);
  g_assert_no_error (error);

  second->full_name = g_strdup ("Phạm Thị Hương");
  second->code = g_strdup ("KH-VIP-01");
  g_ptr_array_add (second->phones, g_strdup ("0987654321"));
  g_assert_cmpint (crm_customer_store_create (fixture->store, fixture->admin, second, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_assert_cmpint (second->id, ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customer_phones"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM search_docs"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customer'"), ==, 1);
}

static void
test_invalid_customer_writes_nothing (CrmTestDb     *fixture,
                                      gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  customer->full_name = g_strdup ("Đỗ Minh Quân");
  customer->tax_code = g_strdup ("12345");
  g_assert_cmpint (crm_customer_store_create (fixture->store, fixture->admin, customer, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_TAX_CODE);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM counters"), ==, 0);
}

static CrmCustomer *
load (CrmTestDb *fixture,
      gint64     id)
{
  g_autoptr(GError) error = NULL;
  CrmCustomer *customer = crm_customer_store_get (fixture->store, fixture->admin, id, &error);

  g_assert_no_error (error);
  return customer;
}

static void
test_update_audits_each_field (CrmTestDb     *fixture,
                               gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmCustomer) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_add_customer (fixture, NULL, "Võ Thị Sáu", "ha-noi", "0912345678", 0);

  customer = load (fixture, id);
  g_free (customer->full_name);
  customer->full_name = g_strdup ("Võ Thị Thu Sáu");
  customer->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  g_ptr_array_add (customer->phones, g_strdup ("0283 822 1234"));
  customer->notes = g_strdup ("   ");
  g_assert_true (crm_customer_store_update (fixture->store, fixture->admin, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (customer->row_version, ==, 2);

  saved = load (fixture, id);
  g_assert_cmpstr (saved->full_name, ==, "Võ Thị Thu Sáu");
  g_assert_cmpint (saved->status, ==, CRM_CUSTOMER_STATUS_CUSTOMER);
  g_assert_cmpuint (saved->phones->len, ==, 2);
  g_assert_null (saved->notes);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customer' "
                                        "AND field = 'full_name' AND old_value = 'Võ Thị Sáu' "
                                        "AND new_value = 'Võ Thị Thu Sáu'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE action = 'status' "
                                        "AND old_value = 'lead' AND new_value = 'customer'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE field = 'phones'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE field = 'notes'"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'thu'"), ==, 1);
}

static void
test_update_unchanged_writes_nothing (CrmTestDb     *fixture,
                                      gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_add_customer (fixture, NULL, "Hồ Văn Nam", "hue", NULL, 0);
  gint64 audits = count_rows (fixture, "SELECT count(*) FROM audit_log");

  customer = load (fixture, id);
  customer->notes = g_strdup ("");
  g_assert_true (crm_customer_store_update (fixture->store, fixture->admin, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log"), ==, audits);
  g_assert_cmpint (count_rows (fixture, "SELECT row_version FROM customers"), ==, 1);
}

static void
test_update_second_editor_refused (CrmTestDb     *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CrmCustomer) first = NULL;
  g_autoptr(CrmCustomer) second = NULL;
  g_autoptr(CrmCustomer) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_add_customer (fixture, NULL, "Bùi Thị Hạnh", "can-tho", NULL, 0);

  first = load (fixture, id);
  second = load (fixture, id);
  first->occupation = g_strdup ("Kế toán");
  g_assert_true (crm_customer_store_update (fixture->store, fixture->admin, first, &error));
  g_assert_no_error (error);

  second->occupation = g_strdup ("Giáo viên");
  g_assert_false (crm_customer_store_update (fixture->store, fixture->admin, second, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  saved = load (fixture, id);
  g_assert_cmpstr (saved->occupation, ==, "Kế toán");
}

static void
test_update_refuses_bad_input_and_keeps_row (CrmTestDb     *fixture,
                                             gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmCustomer) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 taken = crm_test_add_customer (fixture, NULL, "Lý Văn Phúc", "hue", NULL, 0);
  gint64 id = crm_test_add_customer (fixture, NULL, "Dương Thị Yến", "hue", NULL, 0);
  g_autoptr(CrmCustomer) other = load (fixture, taken);

  customer = load (fixture, id);
  g_free (customer->code);
  customer->code = g_strdup (other->code);
  customer->street = g_strdup ("5 Lê Lợi");
  g_assert_false (crm_customer_store_update (fixture->store, fixture->admin, customer, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_ptr_array_add (customer->emails, g_strdup ("yen@@mail"));
  g_assert_false (crm_customer_store_update (fixture->store, fixture->admin, customer, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_EMAIL);

  saved = load (fixture, id);
  g_assert_null (saved->street);
  g_assert_cmpint (saved->row_version, ==, 1);
}

static void
test_update_invisible_refused (CrmTestDb     *fixture,
                               gconstpointer  data)
{
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id, id;

  staff_id = crm_user_store_create (fixture->store, fixture->admin, "minh.le", "Lê Văn Minh",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  id = crm_test_add_customer (fixture, NULL, "Ngô Thị Lan", "hue", NULL, 0);
  crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error);
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);

  customer = load (fixture, id);
  customer->notes = g_strdup ("ghi chú");
  g_assert_false (crm_customer_store_update (fixture->store, staff, customer, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customers WHERE notes IS NOT NULL"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/customer/validate-requires-name", test_validate_requires_name);
  g_test_add_func ("/model/customer/validate-normalises-fields", test_validate_normalises_fields);
  g_test_add_func ("/model/customer/validate-refuses-bad-fields", test_validate_refuses_bad_fields);
  g_test_add ("/store/customer/create-assigns-code-and-round-trips", CrmTestDb, NULL,
              crm_test_db_setup, test_create_assigns_code_and_round_trips, crm_test_db_teardown);
  g_test_add ("/store/customer/duplicate-code-writes-nothing", CrmTestDb, NULL,
              crm_test_db_setup, test_duplicate_code_writes_nothing, crm_test_db_teardown);
  g_test_add ("/store/customer/invalid-customer-writes-nothing", CrmTestDb, NULL,
              crm_test_db_setup, test_invalid_customer_writes_nothing, crm_test_db_teardown);

  g_test_add ("/store/customer/update-audits-each-field", CrmTestDb, NULL,
              crm_test_db_setup, test_update_audits_each_field, crm_test_db_teardown);
  g_test_add ("/store/customer/update-unchanged-writes-nothing", CrmTestDb, NULL,
              crm_test_db_setup, test_update_unchanged_writes_nothing, crm_test_db_teardown);
  g_test_add ("/store/customer/update-second-editor-refused", CrmTestDb, NULL,
              crm_test_db_setup, test_update_second_editor_refused, crm_test_db_teardown);
  g_test_add ("/store/customer/update-refuses-bad-input-and-keeps-row", CrmTestDb, NULL,
              crm_test_db_setup, test_update_refuses_bad_input_and_keeps_row, crm_test_db_teardown);
  g_test_add ("/store/customer/update-invisible-refused", CrmTestDb, NULL,
              crm_test_db_setup, test_update_invisible_refused, crm_test_db_teardown);

  return g_test_run ();
}
