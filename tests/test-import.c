/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "crm-contact-store.h"
#include "crm-contact.h"
#include "crm-error.h"
#include "crm-import.h"
#include "crm-product-store.h"
#include "crm-product.h"
#include "crm-search-store.h"
#include "test-fixture.h"

/* Helpers -------------------------------------------------------------------- */

static sqlite3 *
open_db (CrmTestDb *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (CrmTestDb  *fixture,
           const char *sql)
{
  sqlite3 *db = open_db (fixture);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
query_text (CrmTestDb  *fixture,
            const char *sql)
{
  sqlite3 *db = open_db (fixture);
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* The full-text index holds exactly the documents (FTS5's own check). */
static void
assert_search_index_sound (CrmTestDb *fixture)
{
  sqlite3 *db = open_db (fixture);

  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_fts (search_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sqlite_master WHERE name = 'search_docs_ai'"),
                   ==, 1);
}

static CrmImport *
import_csv (CrmImportKind  kind,
            const char    *csv)
{
  g_autoptr(GBytes) data = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportSource) source = crm_import_source_new_from_csv (data, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return crm_import_new (kind, source);
}

static gint64
count_customers (CrmTestDb *fixture)
{
  return query_int (fixture, "SELECT count(*) FROM customers");
}

static guint
n_hits (CrmTestDb   *fixture,
        const char  *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = crm_search_store_find (fixture->store, fixture->admin, query, 100, &error);

  g_assert_no_error (error);
  return hits->len;
}

static const char valid_customers[] =
  "Mã KH,Họ tên,Số điện thoại,Email,Địa chỉ,Phường/Xã,Tỉnh/Thành phố,Mã số thuế,Ngày sinh\r\n"
  "KH-A1,Nguyễn Văn Đức,912345678,duc@example.vn,12 Lê Lợi,Phường Bến Thành,Bình Dương,,05/03/1985\r\n"
  "KH-A2,Công ty TNHH Hoà Bình,0243 825 1234,info@hoabinh.vn,,,Hà Nội,100123453,\r\n"
  "KH-A3,Trần Thị Mai,+84 98 765 4321,,,,TP. Hồ Chí Minh,,\r\n";

/* Header guessing -------------------------------------------------------------- */

static void
test_guess_headers (void)
{
  static const struct
  {
    CrmImportKind  kind;
    const char    *header;
    CrmImportField field;
  } cases[] = {
    { CRM_IMPORT_KIND_CUSTOMERS, "Họ tên", CRM_IMPORT_FIELD_NAME },
    { CRM_IMPORT_KIND_CUSTOMERS, "Ho ten", CRM_IMPORT_FIELD_NAME },
    { CRM_IMPORT_KIND_CUSTOMERS, "HỌ VÀ TÊN", CRM_IMPORT_FIELD_NAME },
    { CRM_IMPORT_KIND_CUSTOMERS, "Tên khách hàng", CRM_IMPORT_FIELD_NAME },
    { CRM_IMPORT_KIND_CUSTOMERS, "Số điện thoại", CRM_IMPORT_FIELD_PHONE },
    { CRM_IMPORT_KIND_CUSTOMERS, "so dien thoai", CRM_IMPORT_FIELD_PHONE },
    { CRM_IMPORT_KIND_CUSTOMERS, "SĐT", CRM_IMPORT_FIELD_PHONE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Điện thoại", CRM_IMPORT_FIELD_PHONE },
    { CRM_IMPORT_KIND_CUSTOMERS, "E-mail", CRM_IMPORT_FIELD_EMAIL },
    { CRM_IMPORT_KIND_CUSTOMERS, "Email", CRM_IMPORT_FIELD_EMAIL },
    { CRM_IMPORT_KIND_CUSTOMERS, "Địa chỉ", CRM_IMPORT_FIELD_STREET },
    { CRM_IMPORT_KIND_CUSTOMERS, "Phường/Xã", CRM_IMPORT_FIELD_WARD },
    { CRM_IMPORT_KIND_CUSTOMERS, "Tỉnh/Thành phố", CRM_IMPORT_FIELD_PROVINCE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Tinh/Thanh pho", CRM_IMPORT_FIELD_PROVINCE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Mã số thuế", CRM_IMPORT_FIELD_TAX_CODE },
    { CRM_IMPORT_KIND_CUSTOMERS, "MST", CRM_IMPORT_FIELD_TAX_CODE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Ngày sinh", CRM_IMPORT_FIELD_BIRTH_DATE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Mã KH", CRM_IMPORT_FIELD_CODE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Phone number", CRM_IMPORT_FIELD_PHONE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Full name", CRM_IMPORT_FIELD_NAME },
    { CRM_IMPORT_KIND_CUSTOMERS, "Tax code", CRM_IMPORT_FIELD_TAX_CODE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Province", CRM_IMPORT_FIELD_PROVINCE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Date of birth", CRM_IMPORT_FIELD_BIRTH_DATE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Số điện thoại di động", CRM_IMPORT_FIELD_PHONE },
    { CRM_IMPORT_KIND_CUSTOMERS, "Lý do", CRM_IMPORT_FIELD_IGNORE },
    { CRM_IMPORT_KIND_CUSTOMERS, "", CRM_IMPORT_FIELD_IGNORE },
    { CRM_IMPORT_KIND_CONTACTS, "Công ty", CRM_IMPORT_FIELD_CUSTOMER_NAME },
    { CRM_IMPORT_KIND_CONTACTS, "Mã KH", CRM_IMPORT_FIELD_CUSTOMER_CODE },
    { CRM_IMPORT_KIND_CONTACTS, "Chức vụ", CRM_IMPORT_FIELD_POSITION },
    { CRM_IMPORT_KIND_CONTACTS, "Chuc vu", CRM_IMPORT_FIELD_POSITION },
    { CRM_IMPORT_KIND_CONTACTS, "Họ tên", CRM_IMPORT_FIELD_NAME },
    { CRM_IMPORT_KIND_CONTACTS, "Job title", CRM_IMPORT_FIELD_POSITION },
    { CRM_IMPORT_KIND_CONTACTS, "Organisation", CRM_IMPORT_FIELD_CUSTOMER_NAME },
    { CRM_IMPORT_KIND_PRODUCTS, "Mã hàng", CRM_IMPORT_FIELD_CODE },
    { CRM_IMPORT_KIND_PRODUCTS, "Tên hàng", CRM_IMPORT_FIELD_NAME },
    { CRM_IMPORT_KIND_PRODUCTS, "Đơn vị tính", CRM_IMPORT_FIELD_UNIT },
    { CRM_IMPORT_KIND_PRODUCTS, "ĐVT", CRM_IMPORT_FIELD_UNIT },
    { CRM_IMPORT_KIND_PRODUCTS, "Đơn giá", CRM_IMPORT_FIELD_LIST_PRICE },
    { CRM_IMPORT_KIND_PRODUCTS, "Đơn giá (VNĐ)", CRM_IMPORT_FIELD_LIST_PRICE },
    { CRM_IMPORT_KIND_PRODUCTS, "Giá vốn", CRM_IMPORT_FIELD_COST_PRICE },
    { CRM_IMPORT_KIND_PRODUCTS, "Thuế suất", CRM_IMPORT_FIELD_VAT_RATE },
    { CRM_IMPORT_KIND_PRODUCTS, "Thuế suất (%)", CRM_IMPORT_FIELD_VAT_RATE },
    { CRM_IMPORT_KIND_PRODUCTS, "Unit price", CRM_IMPORT_FIELD_LIST_PRICE },
    { CRM_IMPORT_KIND_PRODUCTS, "SKU", CRM_IMPORT_FIELD_CODE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("header %s", cases[i].header);
      g_assert_cmpint (crm_import_guess_field (cases[i].kind, cases[i].header), ==, cases[i].field);
    }
}

static void
test_mapping_from_header (void)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS,
                                            "Ho ten,SDT,Ten,Ghi chu\nA,0912345678,B,x\n");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_import_get_column_field (import, 0), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_get_column_field (import, 1), ==, CRM_IMPORT_FIELD_PHONE);
  /* A field goes to one column: the second name column is left out. */
  g_assert_cmpint (crm_import_get_column_field (import, 2), ==, CRM_IMPORT_FIELD_IGNORE);
  g_assert_cmpint (crm_import_get_column_field (import, 3), ==, CRM_IMPORT_FIELD_NOTES);
  crm_import_set_column_field (import, 2, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_get_column_field (import, 0), ==, CRM_IMPORT_FIELD_IGNORE);
  g_assert_cmpint (crm_import_get_column_field (import, 2), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_true (crm_import_check_mapping (import, &error));
  crm_import_set_column_field (import, 2, CRM_IMPORT_FIELD_IGNORE);
  g_assert_false (crm_import_check_mapping (import, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
}

/* Customers ------------------------------------------------------------------- */

static void
test_valid_file_imports_exactly (CrmTestDb     *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, valid_customers);
  g_autoptr(CrmImportReport) preview = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL, *tax = NULL, *province = NULL, *birth = NULL, *kind = NULL;
  g_autofree char *landline = NULL, *created_by = NULL;

  g_assert_cmpstr (crm_import_source_get_encoding (crm_import_get_source (import)), ==, "UTF-8");
  g_assert_cmpint (crm_import_source_get_delimiter (crm_import_get_source (import)), ==, ',');
  preview = crm_import_preview (import, fixture->store, fixture->admin, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (preview, CRM_IMPORT_ACTION_CREATE), ==, 3);
  g_assert_false (crm_import_report_get_committed (preview));
  g_assert_cmpint (count_customers (fixture), ==, 0);

  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (crm_import_report_get_committed (report));
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE), ==, 3);
  g_assert_cmpuint (crm_import_report_get_line (report, 2), ==, 4);
  g_assert_cmpint (crm_import_report_get_record_id (report, 0), >, 0);
  g_assert_cmpint (count_customers (fixture), ==, 3);

  /* A dropped leading zero is put back; old province names are found. */
  phone = query_text (fixture, "SELECT p.phone FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
                               "WHERE c.code = 'KH-A1'");
  g_assert_cmpstr (phone, ==, "+84912345678");
  province = query_text (fixture, "SELECT province_code FROM customers WHERE code = 'KH-A1'");
  g_assert_cmpstr (province, ==, "ho-chi-minh");
  birth = query_text (fixture, "SELECT birth_date FROM customers WHERE code = 'KH-A1'");
  g_assert_cmpstr (birth, ==, "1985-03-05");
  tax = query_text (fixture, "SELECT tax_code FROM customers WHERE code = 'KH-A2'");
  g_assert_cmpstr (tax, ==, "0100123453");
  kind = query_text (fixture, "SELECT kind FROM customers WHERE code = 'KH-A2'");
  g_assert_cmpstr (kind, ==, "organisation");
  landline = query_text (fixture, "SELECT p.phone FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
                                  "WHERE c.code = 'KH-A2'");
  g_assert_cmpstr (landline, ==, "+842438251234");
  created_by = query_text (fixture, "SELECT count(*) FROM customers WHERE created_by IS NOT NULL AND "
                                    "assigned_to IS NOT NULL AND created_at <> ''");
  g_assert_cmpstr (created_by, ==, "3");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'create' AND "
                                       "entity = 'customer'"), ==, 3);

  /* The search index knows them, without tones and by phone. */
  g_assert_cmpuint (n_hits (fixture, "nguyen van duc"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "0912345678"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "hoa binh"), ==, 1);
  assert_search_index_sound (fixture);
}

/* A large file takes the bulk path (the list indexes are dropped and
 * built again at the end): a bad last row leaves every index as it was,
 * a good file leaves them identical, sound and used. */
static char *
large_csv (guint     n_rows,
           gboolean  bad_last_row)
{
  GString *csv = g_string_new ("Mã KH,Họ tên,Số điện thoại,Tỉnh/Thành phố\r\n");

  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (csv, "KH-B%05u,Nguyễn Văn Bình %u,09%08u,%s\r\n", i, i,
                            bad_last_row && i == n_rows ? 0u : 10000000 + i,
                            bad_last_row && i == n_rows ? "Không có tỉnh này" : "Hà Nội");
  return g_string_free (csv, FALSE);
}

static char *
index_definitions (CrmTestDb *fixture)
{
  return query_text (fixture, "SELECT group_concat(sql, ';') FROM "
                              "(SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' "
                              "AND sql IS NOT NULL ORDER BY name)");
}

static void
test_bulk_path (CrmTestDb     *fixture,
                gconstpointer  data)
{
  g_autofree char *indexes = index_definitions (fixture);
  g_autofree char *bad = large_csv (1500, TRUE);
  g_autofree char *good = large_csv (1500, FALSE);
  g_autoptr(CrmImport) failing = import_csv (CRM_IMPORT_KIND_CUSTOMERS, bad);
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, good);
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after_failure = NULL;
  g_autofree char *after_import = NULL;
  g_autofree char *check = NULL;

  g_assert_false (crm_import_run (failing, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID), ==, 1);
  g_assert_cmpint (count_customers (fixture), ==, 0);
  after_failure = index_definitions (fixture);
  g_assert_cmpstr (after_failure, ==, indexes);
  g_clear_error (&error);
  g_clear_pointer (&report, crm_import_report_free);

  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE), ==, 1500);
  g_assert_cmpint (count_customers (fixture), ==, 1500);
  after_import = index_definitions (fixture);
  g_assert_cmpstr (after_import, ==, indexes);
  check = query_text (fixture, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  assert_search_index_sound (fixture);
  g_assert_cmpuint (n_hits (fixture, "nguyen van binh 1499"), >=, 1);
}

static const char one_bad_row[] =
  "Họ tên;SĐT;Email\n"
  "Lê Văn An;0912000001;an@example.vn\n"
  "Phạm Thị Bình;12345;binh@example.vn\n"
  "Hoàng Văn Cường;0912000003;cuong@example\n"
  "Đỗ Thị Dung;0912000004;dung@example.vn\n";

static void
test_bad_row_imports_nothing (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, one_bad_row);
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit_before = query_int (fixture, "SELECT count(*) FROM audit_log");

  g_assert_false (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (report);
  g_assert_false (crm_import_report_get_committed (report));
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID), ==, 2);
  g_assert_cmpint (crm_import_report_get_action (report, 1), ==, CRM_IMPORT_ACTION_INVALID);
  g_assert_cmpuint (crm_import_report_get_line (report, 1), ==, 3);
  g_assert_nonnull (crm_import_report_get_reason (report, 1));
  g_assert_cmpint (crm_import_report_get_action (report, 2), ==, CRM_IMPORT_ACTION_INVALID);
  g_assert_cmpuint (crm_import_report_get_line (report, 2), ==, 4);
  g_assert_cmpint (crm_import_report_get_action (report, 0), ==, CRM_IMPORT_ACTION_CREATE);
  g_assert_cmpint (crm_import_report_get_record_id (report, 0), ==, 0);
  g_assert_cmpint (count_customers (fixture), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log"), ==, audit_before);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM search_docs"), ==, 0);
  assert_search_index_sound (fixture);
}

static void
test_skip_invalid (CrmTestDb     *fixture,
                   gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, one_bad_row);
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  crm_import_set_skip_invalid (import, TRUE);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE), ==, 2);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID), ==, 2);
  g_assert_cmpint (count_customers (fixture), ==, 2);
  g_assert_cmpuint (n_hits (fixture, "dung"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "binh"), ==, 0);
  assert_search_index_sound (fixture);
}

static const char duplicates_csv[] =
  "Ho ten,Dien thoai,Email,Ghi chu\n"
  "Nguyễn Văn Tú (mới),912 345 678,,Khách cũ\n"       /* the stored customer, by phone */
  "Khách Mới,0987000001,moi@example.vn,\n"
  "Khách Mới Lặp,0987000002,moi@example.vn,\n";     /* same e-mail as the row before */

static gint64
add_existing (CrmTestDb *fixture)
{
  return crm_test_add_customer (fixture, NULL, "Nguyễn Văn Tú", "ha-noi", "0912345678", 0);
}

static void
test_duplicates_skip (CrmTestDb     *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, duplicates_csv);
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  add_existing (fixture);
  g_assert_cmpint (crm_import_get_duplicates (import), ==, CRM_IMPORT_DUPLICATES_SKIP);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_import_report_get_action (report, 0), ==, CRM_IMPORT_ACTION_SKIP);
  g_assert_cmpint (crm_import_report_get_action (report, 1), ==, CRM_IMPORT_ACTION_CREATE);
  g_assert_cmpint (crm_import_report_get_action (report, 2), ==, CRM_IMPORT_ACTION_SKIP);
  g_assert_nonnull (strstr (crm_import_report_get_reason (report, 2), "3"));
  g_assert_cmpint (count_customers (fixture), ==, 2);
  name = query_text (fixture, "SELECT full_name FROM customers WHERE province_code = 'ha-noi'");
  g_assert_cmpstr (name, ==, "Nguyễn Văn Tú");
}

static void
test_duplicates_update (CrmTestDb     *fixture,
                        gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, duplicates_csv);
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *notes = NULL, *province = NULL;
  gint64 id = add_existing (fixture);

  crm_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_UPDATE);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_import_report_get_action (report, 0), ==, CRM_IMPORT_ACTION_UPDATE);
  g_assert_cmpint (crm_import_report_get_record_id (report, 0), ==, id);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_UPDATE), ==, 1);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE), ==, 1);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_SKIP), ==, 1);
  g_assert_cmpint (count_customers (fixture), ==, 2);
  name = query_text (fixture, "SELECT full_name FROM customers WHERE province_code = 'ha-noi'");
  g_assert_cmpstr (name, ==, "Nguyễn Văn Tú (mới)");
  notes = query_text (fixture, "SELECT notes FROM customers WHERE province_code = 'ha-noi'");
  g_assert_cmpstr (notes, ==, "Khách cũ");
  /* Empty cells keep what was stored. */
  province = query_text (fixture, "SELECT province_code FROM customers WHERE full_name LIKE '%(m%'");
  g_assert_cmpstr (province, ==, "ha-noi");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = 'update' AND "
                                       "entity = 'customer' AND field IN ('full_name', 'notes')"), ==, 2);
  g_assert_cmpuint (n_hits (fixture, "moi"), ==, 2);
  assert_search_index_sound (fixture);
}

static void
test_duplicates_create (CrmTestDb     *fixture,
                        gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, duplicates_csv);
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  add_existing (fixture);
  crm_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_CREATE);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE), ==, 3);
  g_assert_cmpint (count_customers (fixture), ==, 4);
  assert_search_index_sound (fixture);
}

static void
test_code_duplicates (CrmTestDb     *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  gint64 id = add_existing (fixture);
  g_autofree char *csv = NULL;

  code = query_text (fixture, "SELECT code FROM customers");
  csv = g_strdup_printf ("Mã khách hàng,Tên khách hàng\n%s,Tú Nguyễn\nX-1,Một\nX-1,Một lần nữa\n", code);
  import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, csv);
  crm_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_CREATE);
  g_assert_false (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  /* Codes are unique: creating them twice is a mistake in the file. */
  g_assert_cmpint (crm_import_report_get_action (report, 0), ==, CRM_IMPORT_ACTION_INVALID);
  g_assert_cmpint (crm_import_report_get_action (report, 1), ==, CRM_IMPORT_ACTION_CREATE);
  g_assert_cmpint (crm_import_report_get_action (report, 2), ==, CRM_IMPORT_ACTION_INVALID);
  g_clear_pointer (&report, crm_import_report_free);
  g_clear_error (&error);

  crm_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_SKIP);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_import_report_get_action (report, 0), ==, CRM_IMPORT_ACTION_SKIP);
  g_assert_cmpint (crm_import_report_get_action (report, 2), ==, CRM_IMPORT_ACTION_SKIP);
  g_assert_cmpint (count_customers (fixture), ==, 2);
  (void) id;
}

static void
on_progress_cancel_cb (guint    done,
                       guint    total,
                       gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_assert_cmpuint (done, <=, total);
  if (done >= total / 2)
    g_cancellable_cancel (cancellable);
}

static void
test_cancel_leaves_database_unchanged (CrmTestDb     *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Họ tên,Số điện thoại\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customers, audit, docs;

  add_existing (fixture);
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (csv, "Khách số %u,09120%05u\n", i, i);
  import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, csv->str);
  customers = count_customers (fixture);
  audit = query_int (fixture, "SELECT count(*) FROM audit_log");
  docs = query_int (fixture, "SELECT count(*) FROM search_docs");

  g_assert_false (crm_import_run (import, fixture->store, fixture->admin, on_progress_cancel_cb, cancellable,
                                  cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_cmpint (count_customers (fixture), ==, customers);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM customer_phones"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM search_docs"), ==, docs);
  assert_search_index_sound (fixture);

  /* The trigger came back with the rollback: the next import indexes. */
  g_clear_error (&error);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_customers (fixture), ==, customers + 400);
  g_assert_cmpuint (n_hits (fixture, "0912000399"), ==, 1);
  crm_test_add_customer (fixture, NULL, "Sau khi nhập", NULL, NULL, 0);
  g_assert_cmpuint (n_hits (fixture, "sau khi nhap"), ==, 1);
  assert_search_index_sound (fixture);
}

static void
test_rejected_round_trip (CrmTestDb     *fixture,
                          gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, one_bad_row);
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(CrmImportReport) second = NULL;
  g_autoptr(CrmImportSource) rejected = NULL;
  g_autoptr(CrmImportSource) fixed = NULL;
  g_autoptr(CrmImport) again = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *path = NULL, *contents = NULL;
  g_autoptr(GFile) file = NULL;
  const char * const *header;
  const char * const *row;
  guint n_fields;

  crm_import_set_skip_invalid (import, TRUE);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);

  csv = crm_import_report_get_rejected_csv (report);
  rejected = crm_import_source_new_from_csv (csv, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_source_get_n_columns (rejected), ==, 4);
  header = crm_import_source_get_header (rejected);
  g_assert_cmpstr (header[0], ==, "Họ tên");
  g_assert_cmpstr (header[3], ==, "Reason");
  g_assert_cmpuint (crm_import_source_get_n_rows (rejected), ==, 2);
  row = crm_import_source_get_row (rejected, 0, &n_fields);
  g_assert_cmpuint (n_fields, ==, 4);
  g_assert_cmpstr (row[0], ==, "Phạm Thị Bình");
  g_assert_cmpstr (row[1], ==, "12345");
  g_assert_cmpstr (row[3], ==, crm_import_report_get_reason (report, 1));

  /* Written to a file, fixed, imported again: the reason column is ignored. */
  dir = g_dir_make_tmp ("sokhach-rejected-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "rejected.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (crm_import_report_write_rejected (report, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "Họ tên,SĐT,Email,Reason\r\n"));

  fixed = crm_import_source_new (header, 4);
  for (guint i = 0; i < crm_import_source_get_n_rows (rejected); i++)
    {
      const char *fields[4];

      row = crm_import_source_get_row (rejected, i, &n_fields);
      memcpy (fields, row, sizeof fields);
      fields[1] = i == 0 ? "0912000002" : row[1];
      fields[2] = i == 1 ? "cuong@example.vn" : row[2];
      crm_import_source_add_row (fixed, crm_import_source_get_line (rejected, i), fields, 4);
    }
  again = crm_import_new (CRM_IMPORT_KIND_CUSTOMERS, fixed);
  g_assert_cmpint (crm_import_get_column_field (again, 3), ==, CRM_IMPORT_FIELD_IGNORE);
  g_assert_true (crm_import_run (again, fixture->store, fixture->admin, NULL, NULL, NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (second, CRM_IMPORT_ACTION_CREATE), ==, 2);
  g_assert_cmpint (count_customers (fixture), ==, 4);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_staff_imports_own_customers (CrmTestDb     *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) staff = NULL;
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImport) products = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  g_autofree char *code = NULL;
  g_autofree char *csv = NULL;
  gint64 staff_id, other_id;

  staff_id = crm_user_store_create (fixture->store, fixture->admin, "lan", "Nguyễn Thị Lan", CRM_ROLE_STAFF, 0,
                                    &error);
  g_assert_no_error (error);
  other_id = crm_user_store_create (fixture->store, fixture->admin, "hung", "Trần Văn Hùng", CRM_ROLE_STAFF, 0,
                                    &error);
  g_assert_no_error (error);
  g_assert_true (crm_settings_set (fixture->store, fixture->admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  staff = crm_user_store_open_session (fixture->store, staff_id, &error);
  g_assert_no_error (error);
  crm_test_add_customer (fixture, NULL, "Khách của Hùng", NULL, "0912345678", other_id);
  code = query_text (fixture, "SELECT code FROM customers");

  /* Hùng's customer is not Lan's to see: the same phone is a new
   * customer for her, and its code is refused without naming it. */
  csv = g_strdup_printf ("Mã KH,Họ tên,SĐT\n,Khách của Lan,0912345678\n%s,Trùng mã,\n", code);
  import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, csv);
  crm_import_set_skip_invalid (import, TRUE);
  g_assert_true (crm_import_run (import, fixture->store, staff, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_import_report_get_action (report, 0), ==, CRM_IMPORT_ACTION_CREATE);
  g_assert_cmpint (crm_import_report_get_action (report, 1), ==, CRM_IMPORT_ACTION_INVALID);
  g_assert_null (strstr (crm_import_report_get_reason (report, 1), "Hùng"));
  g_assert_cmpint (query_int (fixture, "SELECT assigned_to FROM customers WHERE full_name = 'Khách của Lan'"),
                   ==, staff_id);
  g_assert_cmpint (crm_customer_store_count (fixture->store, staff, &error), ==, 1);

  /* The catalogue is for managers and administrators. */
  products = import_csv (CRM_IMPORT_KIND_PRODUCTS, "Mã hàng,Tên hàng\nSP1,Bút bi\n");
  g_clear_pointer (&report, crm_import_report_free);
  g_assert_false (crm_import_run (products, fixture->store, staff, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_null (report);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM products"), ==, 0);
}

/* Contacts and products -------------------------------------------------------- */

static void
test_contacts_by_customer (CrmTestDb     *fixture,
                           gconstpointer  data)
{
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *code = NULL;
  g_autofree char *csv = NULL;
  gint64 abc = crm_test_add_customer (fixture, NULL, "Công ty ABC", NULL, NULL, 0);

  crm_test_add_customer (fixture, NULL, "Công ty Trùng", NULL, NULL, 0);
  crm_test_add_customer (fixture, NULL, "Công ty Trùng", NULL, NULL, 0);
  code = query_text (fixture, "SELECT code FROM customers WHERE full_name = 'Công ty ABC'");
  csv = g_strdup_printf ("Mã KH,Công ty,Họ tên,Chức vụ,SĐT,Email\n"
                         "%s,,Lê Văn Bảo,Giám đốc,912111222,bao@abc.vn\n"
                         ",cong ty abc,Trần Thị Cúc,Kế toán,,cuc@abc.vn\n"
                         ",Công ty Trùng,Ngô Văn Dũng,,0912333444,\n"
                         "KH-KHONG-CO,,Phan Văn Em,,0912555666,\n"
                         "%s,,Lê Văn Bảo,Tổng giám đốc,0912 111 222,\n",
                         code, code);
  import = import_csv (CRM_IMPORT_KIND_CONTACTS, csv);
  crm_import_set_skip_invalid (import, TRUE);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_import_report_get_action (report, 0), ==, CRM_IMPORT_ACTION_CREATE);
  g_assert_cmpint (crm_import_report_get_action (report, 1), ==, CRM_IMPORT_ACTION_CREATE);
  g_assert_cmpint (crm_import_report_get_action (report, 2), ==, CRM_IMPORT_ACTION_INVALID);
  g_assert_cmpint (crm_import_report_get_action (report, 3), ==, CRM_IMPORT_ACTION_INVALID);
  g_assert_cmpint (crm_import_report_get_action (report, 4), ==, CRM_IMPORT_ACTION_SKIP);

  contacts = crm_contact_store_list_for_customer (fixture->store, fixture->admin, abc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts WHERE is_primary = 1"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts WHERE phone = '+84912111222' AND "
                                       "is_primary = 1"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'contact'"), ==, 2);
  g_assert_cmpuint (n_hits (fixture, "ke toan"), ==, 1);

  /* The same file with updates: Bảo's title changes, nothing is added. */
  g_clear_pointer (&report, crm_import_report_free);
  crm_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_UPDATE);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_UPDATE), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts"), ==, 2);
  assert_search_index_sound (fixture);
}

static const char vcard_data[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Vũ Thị Hạnh\r\n"
  "N:Vũ;Thị Hạnh;;;\r\n"
  "ORG:Công ty ABC\r\n"
  "TITLE:Trưởng phòng\r\n"
  "TEL;TYPE=CELL:0903 123 456\r\n"
  "EMAIL:hanh@abc.vn\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Đinh Văn Long\r\n"
  "ORG:Công ty ABC\r\n"
  "TEL:0904 654 321\r\n"
  "END:VCARD\r\n";

static void
test_vcard_contacts (CrmTestDb     *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (vcard_data, sizeof vcard_data - 1);
  g_autoptr(CrmImportSource) source = NULL;
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  crm_test_add_customer (fixture, NULL, "Công ty ABC", NULL, NULL, 0);
  source = crm_import_source_new_from_vcard (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_source_get_n_rows (source), ==, 2);
  g_assert_null (crm_import_source_get_encoding (source));
  g_assert_cmpint (crm_import_source_get_delimiter (source), ==, 0);
  import = crm_import_new (CRM_IMPORT_KIND_CONTACTS, source);
  g_assert_cmpint (crm_import_get_column_field (import, 1), ==, CRM_IMPORT_FIELD_CUSTOMER_NAME);
  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE), ==, 2);
  title = query_text (fixture, "SELECT position || ' ' || phone FROM contacts WHERE email = 'hanh@abc.vn'");
  g_assert_cmpstr (title, ==, "Trưởng phòng +84903123456");
}

static void
test_products (CrmTestDb     *fixture,
               gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_PRODUCTS,
                                            "Mã hàng,Tên hàng,ĐVT,Đơn giá (VNĐ),Giá vốn,Thuế suất\n"
                                            "SP-001,Bút bi Thiên Long,cây,\"5.000\",3.500,8%\n"
                                            "SP-002,Giấy A4 Double A,ram,\"85,000\",70000,10\n"
                                            "SP-003,Máy tính Casio,cái,\"450.000 ₫\",,0%\n");
  g_autoptr(CrmImport) update = NULL;
  g_autoptr(CrmImport) bad = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProduct) pen = NULL;

  g_assert_true (crm_import_run (import, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE), ==, 3);
  pen = crm_product_store_find_by_code (fixture->store, fixture->admin, "SP-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_product_get_name (pen), ==, "Bút bi Thiên Long");
  g_assert_cmpstr (crm_product_get_unit (pen), ==, "cây");
  g_assert_cmpint (crm_product_get_list_price (pen), ==, 5000);
  g_assert_cmpint (crm_product_get_cost_price (pen), ==, 3500);
  g_assert_cmpint (crm_product_get_vat_rate_bp (pen), ==, 800);
  g_assert_cmpint (query_int (fixture, "SELECT list_price FROM products WHERE code = 'SP-002'"), ==, 85000);
  g_assert_cmpint (query_int (fixture, "SELECT vat_rate_bp FROM products WHERE code = 'SP-003'"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "thien long"), ==, 1);

  update = import_csv (CRM_IMPORT_KIND_PRODUCTS, "Ma hang,Don gia\nSP-001,5.500\n");
  g_clear_pointer (&report, crm_import_report_free);
  g_assert_false (crm_import_run (update, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  update = (g_object_unref (update), import_csv (CRM_IMPORT_KIND_PRODUCTS,
                                                 "Ma hang,Ten hang,Don gia\nSP-001,Bút bi TL-027,5.500\n"));
  crm_import_set_duplicates (update, CRM_IMPORT_DUPLICATES_UPDATE);
  g_assert_true (crm_import_run (update, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_report_count (report, CRM_IMPORT_ACTION_UPDATE), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT list_price FROM products WHERE code = 'SP-001'"), ==, 5500);
  g_assert_cmpint (query_int (fixture, "SELECT cost_price FROM products WHERE code = 'SP-001'"), ==, 3500);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'product' AND "
                                       "action = 'update' AND field IN ('name', 'list_price')"), ==, 2);
  g_assert_cmpuint (n_hits (fixture, "tl 027"), ==, 1);

  bad = import_csv (CRM_IMPORT_KIND_PRODUCTS, "Mã hàng,Tên hàng,Thuế suất\nSP-009,Thước kẻ,7%\n");
  g_clear_pointer (&report, crm_import_report_free);
  g_assert_false (crm_import_run (bad, fixture->store, fixture->admin, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (crm_import_report_get_reason (report, 0), "7%"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM products"), ==, 3);
  assert_search_index_sound (fixture);
}

/* Async ------------------------------------------------------------------------ */

typedef struct
{
  GMainLoop       *loop;
  CrmImportReport *report;
  GError          *error;
  gboolean         ok;
  guint            progress_calls;
} AsyncResult;

static void
on_async_progress_cb (guint    done,
                      guint    total,
                      gpointer user_data)
{
  AsyncResult *result = user_data;

  g_atomic_int_inc (&result->progress_calls);
}

static void
on_run_finished_cb (GObject      *object,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  AsyncResult *result = user_data;

  result->ok = crm_import_run_finish (CRM_IMPORT (object), res, &result->report, &result->error);
  g_main_loop_quit (result->loop);
}

static void
on_preview_finished_cb (GObject      *object,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  AsyncResult *result = user_data;

  result->report = crm_import_preview_finish (CRM_IMPORT (object), res, &result->error);
  g_main_loop_quit (result->loop);
}

static void
test_async (CrmTestDb     *fixture,
            gconstpointer  data)
{
  g_autoptr(CrmImport) import = import_csv (CRM_IMPORT_KIND_CUSTOMERS, valid_customers);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult result = { loop, NULL, NULL, FALSE, 0 };

  crm_import_preview_async (import, fixture->store, fixture->admin, on_async_progress_cb, &result, NULL, NULL,
                            on_preview_finished_cb, &result);
  g_main_loop_run (loop);
  g_assert_no_error (result.error);
  g_assert_cmpuint (crm_import_report_count (result.report, CRM_IMPORT_ACTION_CREATE), ==, 3);
  g_clear_pointer (&result.report, crm_import_report_free);

  crm_import_run_async (import, fixture->store, fixture->admin, on_async_progress_cb, &result, NULL, NULL,
                        on_run_finished_cb, &result);
  g_main_loop_run (loop);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_true (crm_import_report_get_committed (result.report));
  g_assert_cmpuint (crm_import_report_count (result.report, CRM_IMPORT_ACTION_CREATE), ==, 3);
  g_assert_cmpuint (result.progress_calls, >=, 2);
  g_assert_cmpint (crm_customer_store_count (fixture->store, fixture->admin, NULL), ==, 3);
  g_assert_cmpuint (n_hits (fixture, "tran thi mai"), ==, 1);
  crm_import_report_free (result.report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, CrmTestDb, NULL, crm_test_db_setup, func, crm_test_db_teardown)
  g_test_add_func ("/import/guess/headers", test_guess_headers);
  g_test_add_func ("/import/guess/mapping", test_mapping_from_header);
  ADD ("/import/customers/valid-file-imports-exactly", test_valid_file_imports_exactly);
  ADD ("/import/customers/bad-row-imports-nothing", test_bad_row_imports_nothing);
  ADD ("/import/customers/bulk-path", test_bulk_path);
  ADD ("/import/customers/skip-invalid", test_skip_invalid);
  ADD ("/import/customers/duplicates-skip", test_duplicates_skip);
  ADD ("/import/customers/duplicates-update", test_duplicates_update);
  ADD ("/import/customers/duplicates-create", test_duplicates_create);
  ADD ("/import/customers/code-duplicates", test_code_duplicates);
  ADD ("/import/customers/cancel-leaves-database-unchanged", test_cancel_leaves_database_unchanged);
  ADD ("/import/customers/rejected-round-trip", test_rejected_round_trip);
  ADD ("/import/customers/staff-imports-own", test_staff_imports_own_customers);
  ADD ("/import/contacts/by-customer", test_contacts_by_customer);
  ADD ("/import/contacts/vcard", test_vcard_contacts);
  ADD ("/import/products", test_products);
  ADD ("/import/async", test_async);
#undef ADD

  return g_test_run ();
}
