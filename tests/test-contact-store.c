/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-search-store.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb   db;
  gint64      customer;
  gint64      staff[2];
} Office;

/* Reads and pokes the file through a connection of its own, as another
 * program would. */
static sqlite3 *
open_side (Office *office)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
query_int (Office     *office,
           const char *sql)
{
  sqlite3 *db = open_side (office);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
exec_side (Office     *office,
           const char *sql)
{
  sqlite3 *db = open_side (office);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  static const char *const logins[] = { "lan.tran", "hung.le" };
  static const char *const names[] = { "Trần Thị Lan", "Lê Văn Hùng" };
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&office->db, data);
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      office->staff[i] = crm_user_store_create (office->db.store, office->db.admin, logins[i], names[i],
                                                CRM_ROLE_STAFF, 0, &error);
      g_assert_no_error (error);
    }
  office->customer = crm_test_add_customer (&office->db, NULL, "Công ty TNHH Minh Phát", "ha-noi",
                                            NULL, office->staff[0]);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  crm_test_db_teardown (&office->db, data);
}

static CrmContact *
new_contact (gint64      customer_id,
             const char *name,
             const char *phone,
             const char *email)
{
  CrmContact *contact = crm_contact_new ();

  crm_contact_set_customer_id (contact, customer_id);
  crm_contact_set_full_name (contact, name);
  crm_contact_set_phone (contact, phone);
  crm_contact_set_email (contact, email);
  return contact;
}

static gint64
add_contact (Office     *office,
             CrmSession *session,
             const char *name,
             gboolean    primary)
{
  g_autoptr(CrmContact) contact = new_contact (office->customer, name, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_contact_set_is_primary (contact, primary);
  id = crm_contact_store_create (office->db.store, session ? session : office->db.admin, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (crm_contact_get_id (contact), ==, id);
  return id;
}

static gboolean
is_primary (Office *office,
            gint64  contact_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT is_primary FROM contacts WHERE id = %" G_GINT64_FORMAT,
                                          contact_id);

  return query_int (office, sql) != 0;
}

static guint
count_hits (Office     *office,
            CrmSession *session,
            const char *query,
            gint64      contact_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = crm_search_store_find (office->db.store, session, query, 50, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      CrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (hit->kind, "contact") == 0 && hit->ref_id == contact_id)
        {
          g_assert_cmpint (hit->customer_id, ==, office->customer);
          n++;
        }
    }
  return n;
}

/* Model ---------------------------------------------------------------------- */

static void
test_validate_normalises (void)
{
  g_autoptr(CrmContact) contact = new_contact (1, "  Phạm Thu Hà ", "0912.345.678", " Ha.Pham@MinhPhat.VN ");
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  crm_contact_set_position (contact, "   ");
  crm_contact_set_notes (contact, "");
  g_assert_true (crm_contact_validate (contact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_full_name (contact), ==, "Phạm Thu Hà");
  g_assert_cmpstr (crm_contact_get_phone (contact), ==, "+84912345678");
  g_assert_cmpstr (crm_contact_get_email (contact), ==, "Ha.Pham@minhphat.vn");
  g_assert_null (crm_contact_get_position (contact));
  g_assert_null (crm_contact_get_notes (contact));
  shown = crm_contact_dup_phone_display (contact);
  g_assert_cmpstr (shown, ==, "0912 345 678");

  /* A landline in Hà Nội, typed the international way. */
  crm_contact_set_phone (contact, "+84 24 3825 1234");
  g_assert_true (crm_contact_validate (contact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_phone (contact), ==, "+842438251234");
  g_clear_pointer (&shown, g_free);
  g_object_get (contact, "phone-display", &shown, NULL);
  g_assert_cmpstr (shown, ==, "024 3825 1234");

  /* Phone and email are optional. */
  crm_contact_set_phone (contact, " ");
  crm_contact_set_email (contact, NULL);
  g_assert_true (crm_contact_validate (contact, &error));
  g_assert_no_error (error);
  g_assert_null (crm_contact_get_phone (contact));
  g_assert_null (crm_contact_get_email (contact));
}

static void
test_validate_refuses (void)
{
  static const struct
  {
    const char *name;
    const char *phone;
    const char *email;
    int         code;
  } cases[] = {
    { "", NULL, NULL, CRM_VALIDATION_ERROR_REQUIRED },
    { "   ", "0912345678", NULL, CRM_VALIDATION_ERROR_REQUIRED },
    { NULL, NULL, NULL, CRM_VALIDATION_ERROR_REQUIRED },
    { "Hà", "12345", NULL, CRM_VALIDATION_ERROR_PHONE },
    { "Hà", "0912 345 67a", NULL, CRM_VALIDATION_ERROR_PHONE },
    { "Hà", "0112345678", NULL, CRM_VALIDATION_ERROR_PHONE },
    { "Hà", NULL, "ha@", CRM_VALIDATION_ERROR_EMAIL },
    { "Hà", NULL, "ha minh@phat.vn", CRM_VALIDATION_ERROR_EMAIL },
    { "Hà", "0912345678", "ha@phat", CRM_VALIDATION_ERROR_EMAIL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmContact) contact = new_contact (1, cases[i].name, cases[i].phone, cases[i].email);
      g_autoptr(GError) error = NULL;

      g_assert_false (crm_contact_validate (contact, &error));
      g_assert_error (error, CRM_VALIDATION_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_properties_notify (void)
{
  g_autoptr(CrmContact) contact = crm_contact_new ();
  guint names = 0, displays = 0;

  g_signal_connect (contact, "notify::full-name", G_CALLBACK (on_notify_cb), &names);
  g_signal_connect (contact, "notify::phone-display", G_CALLBACK (on_notify_cb), &displays);
  g_object_set (contact, "full-name", "Phạm Thu Hà", NULL);
  g_object_set (contact, "full-name", "Phạm Thu Hà", NULL);
  g_assert_cmpuint (names, ==, 1);
  crm_contact_set_phone (contact, "+84912345678");
  crm_contact_set_phone (contact, "+84912345678");
  g_assert_cmpuint (displays, ==, 1);
}

/* Store ---------------------------------------------------------------------- */

static void
test_first_contact_is_primary (Office        *office,
                               gconstpointer  data)
{
  gint64 first = add_contact (office, NULL, "Trần Văn Bình", FALSE);
  gint64 second = add_contact (office, NULL, "Nguyễn Thị An", FALSE);

  g_assert_true (is_primary (office, first));
  g_assert_false (is_primary (office, second));
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts WHERE is_primary = 1"), ==, 1);
}

static void
test_list_order (Office        *office,
                 gconstpointer  data)
{
  static const char *const expected[] = {
    "Trần Văn Bình", "Nguyễn Thị An", "Lê Đức Anh", "Hoàng Văn Dũng", "Đỗ Thị Đào", "Vũ Thị Ánh Tuyết",
  };
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  /* The main contact first, then by given name in Vietnamese order:
   * An < Anh < Dũng < Đào (d before đ) < Tuyết. */
  add_contact (office, NULL, "Trần Văn Bình", FALSE);
  add_contact (office, NULL, "Vũ Thị Ánh Tuyết", FALSE);
  add_contact (office, NULL, "Đỗ Thị Đào", FALSE);
  add_contact (office, NULL, "Lê Đức Anh", FALSE);
  add_contact (office, NULL, "Hoàng Văn Dũng", FALSE);
  add_contact (office, NULL, "Nguyễn Thị An", FALSE);

  contacts = crm_contact_store_list_for_customer (office->db.store, office->db.admin, office->customer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < contacts->len; i++)
    {
      CrmContact *contact = g_ptr_array_index (contacts, i);

      g_assert_cmpstr (crm_contact_get_full_name (contact), ==, expected[i]);
      g_assert_cmpint (crm_contact_get_customer_id (contact), ==, office->customer);
      g_assert_true (crm_contact_get_is_primary (contact) == (i == 0));
    }
}

static void
test_primary_moves (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) first = NULL;
  gint64 a = add_contact (office, NULL, "Trần Văn Bình", FALSE);
  gint64 b = add_contact (office, NULL, "Nguyễn Thị An", TRUE);

  g_assert_false (is_primary (office, a));
  g_assert_true (is_primary (office, b));
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'contact' "
                                      "AND field = 'is_primary' AND old_value = '1' AND new_value = '0'"),
                   ==, 1);

  /* Marking the first one again takes the mark back. */
  first = crm_contact_store_get (office->db.store, office->db.admin, a, &error);
  g_assert_no_error (error);
  crm_contact_set_is_primary (first, TRUE);
  g_assert_true (crm_contact_store_update (office->db.store, office->db.admin, first, &error));
  g_assert_no_error (error);
  g_assert_true (is_primary (office, a));
  g_assert_false (is_primary (office, b));
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts WHERE is_primary = 1"), ==, 1);

  /* Another customer's main contact is not touched. */
  {
    gint64 other_customer = crm_test_add_customer (&office->db, NULL, "Bà Lý Thị Hoa", NULL, NULL, 0);
    g_autoptr(CrmContact) other = new_contact (other_customer, "Lý Văn Nam", NULL, NULL);
    gint64 other_id = crm_contact_store_create (office->db.store, office->db.admin, other, &error);

    g_assert_no_error (error);
    g_assert_true (is_primary (office, other_id));
    g_assert_true (is_primary (office, a));
  }
}

static void
test_delete_promotes_next (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 main_id = add_contact (office, NULL, "Trần Văn Bình", FALSE);
  gint64 tuyet = add_contact (office, NULL, "Vũ Thị Ánh Tuyết", FALSE);
  gint64 an = add_contact (office, NULL, "Nguyễn Thị An", FALSE);

  g_assert_true (crm_contact_store_delete (office->db.store, office->db.admin, main_id, &error));
  g_assert_no_error (error);
  g_assert_true (is_primary (office, an));
  g_assert_false (is_primary (office, tuyet));
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts"), ==, 2);

  /* Deleting one that is not main leaves the mark alone. */
  g_assert_true (crm_contact_store_delete (office->db.store, office->db.admin, tuyet, &error));
  g_assert_no_error (error);
  g_assert_true (is_primary (office, an));

  g_assert_false (crm_contact_store_delete (office->db.store, office->db.admin, tuyet, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_bad_input_writes_nothing (Office        *office,
                               gconstpointer  data)
{
  static const char *const phones[] = { "0912", "090 123 4567 89", "phone me" };
  g_autoptr(CrmContact) unnamed = new_contact (office->customer, " ", "0912345678", NULL);
  g_autoptr(CrmContact) bad_email = new_contact (office->customer, "Hà", NULL, "ha@@phat.vn");
  g_autoptr(CrmContact) no_customer = new_contact (987654, "Hà", NULL, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autoptr(CrmContact) contact = new_contact (office->customer, "Phạm Thu Hà", phones[i], NULL);

      g_assert_cmpint (crm_contact_store_create (office->db.store, office->db.admin, contact, &error), ==, 0);
      g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_PHONE);
      g_assert_nonnull (strstr (error->message, phones[i]));
      g_clear_error (&error);
    }
  g_assert_cmpint (crm_contact_store_create (office->db.store, office->db.admin, unnamed, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (crm_contact_store_create (office->db.store, office->db.admin, bad_email, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_EMAIL);
  g_clear_error (&error);
  g_assert_cmpint (crm_contact_store_create (office->db.store, office->db.admin, no_customer, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (crm_contact_get_id (no_customer), ==, 0);

  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM search_docs WHERE kind = 'contact'"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'contact'"), ==, 0);
}

static void
test_update_saves_changes (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autoptr(CrmContact) again = NULL;
  gint64 id = add_contact (office, NULL, "Phạm Thu Hà", FALSE);
  gint64 audits;

  contact = crm_contact_store_get (office->db.store, office->db.admin, id, &error);
  g_assert_no_error (error);
  crm_contact_set_position (contact, "Kế toán trưởng");
  crm_contact_set_phone (contact, "0983 111 222");
  g_assert_true (crm_contact_store_update (office->db.store, office->db.admin, contact, &error));
  g_assert_no_error (error);

  again = crm_contact_store_get (office->db.store, office->db.admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_position (again), ==, "Kế toán trưởng");
  g_assert_cmpstr (crm_contact_get_phone (again), ==, "+84983111222");
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'contact' "
                                      "AND action = 'update' AND field = 'phone' "
                                      "AND old_value IS NULL AND new_value = '+84983111222'"), ==, 1);

  /* Saving unchanged writes nothing. */
  audits = query_int (office, "SELECT count(*) FROM audit_log");
  g_assert_true (crm_contact_store_update (office->db.store, office->db.admin, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);

  /* A wrong phone is refused and the stored one stays. */
  crm_contact_set_phone (again, "0983");
  g_assert_false (crm_contact_store_update (office->db.store, office->db.admin, again, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_PHONE);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts WHERE phone = '+84983111222'"), ==, 1);

  /* A contact stays with its customer. */
  crm_contact_set_phone (again, NULL);
  crm_contact_set_customer_id (again, crm_test_add_customer (&office->db, NULL, "Khác", NULL, NULL, 0));
  g_assert_false (crm_contact_store_update (office->db.store, office->db.admin, again, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts WHERE phone = '+84983111222'"), ==, 1);
}

static void
test_audit_rows (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_contact (office, NULL, "Phạm Thu Hà", FALSE);
  g_autofree char *sql = NULL;

  g_assert_true (crm_contact_store_delete (office->db.store, office->db.admin, id, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'contact' AND entity_id = %"
                         G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT
                         " AND ((action = 'create' AND new_value = 'Phạm Thu Hà') OR "
                         "(action = 'delete' AND old_value = 'Phạm Thu Hà'))",
                         id, crm_session_get_user_id (office->db.admin));
  g_assert_cmpint (query_int (office, sql), ==, 2);
}

static void
test_search_without_tones (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(CrmContact) contact = new_contact (office->customer, "Nguyễn Thị Hồng Đào", "0912 345 678",
                                               "dao.nguyen@minhphat.vn");
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_contact_set_position (contact, "Kế toán trưởng");
  id = crm_contact_store_create (office->db.store, office->db.admin, contact, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count_hits (office, office->db.admin, "nguyen thi hong dao", id), ==, 1);
  g_assert_cmpuint (count_hits (office, office->db.admin, "DAO", id), ==, 1);
  g_assert_cmpuint (count_hits (office, office->db.admin, "ke toan", id), ==, 1);
  g_assert_cmpuint (count_hits (office, office->db.admin, "0912 345 678", id), ==, 1);
  g_assert_cmpuint (count_hits (office, office->db.admin, "dao.nguyen", id), ==, 1);
  g_assert_cmpuint (count_hits (office, office->db.admin, "minh phat", id), ==, 1);
  g_assert_cmpuint (count_hits (office, office->db.admin, "nguyen van", id), ==, 0);

  /* A new name is found, the old one no longer. */
  crm_contact_set_full_name (contact, "Lê Thị Thanh Xuân");
  g_assert_true (crm_contact_store_update (office->db.store, office->db.admin, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_hits (office, office->db.admin, "thanh xuan", id), ==, 1);
  g_assert_cmpuint (count_hits (office, office->db.admin, "hong dao", id), ==, 0);

  g_assert_true (crm_contact_store_delete (office->db.store, office->db.admin, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_hits (office, office->db.admin, "thanh xuan", id), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM search_docs WHERE kind = 'contact'"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'xuan'"), ==, 0);
}

static void
test_staff_own_mode_refused (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(CrmSession) owner = NULL;
  g_autoptr(CrmSession) stranger = NULL;
  g_autoptr(CrmContact) theirs = new_contact (office->customer, "Phạm Thu Hà", NULL, NULL);
  g_autoptr(CrmContact) edited = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  owner = crm_user_store_open_session (office->db.store, office->staff[0], &error);
  g_assert_no_error (error);
  stranger = crm_user_store_open_session (office->db.store, office->staff[1], &error);
  g_assert_no_error (error);

  /* The customer's own staff member may. */
  id = add_contact (office, owner, "Nguyễn Thị Hồng Đào", FALSE);
  g_assert_cmpuint (count_hits (office, owner, "hong dao", id), ==, 1);

  /* The other may not add, list, read, change, delete or find. */
  g_assert_cmpint (crm_contact_store_create (office->db.store, stranger, theirs, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  contacts = crm_contact_store_list_for_customer (office->db.store, stranger, office->customer, &error);
  g_assert_null (contacts);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (crm_contact_store_get (office->db.store, stranger, id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  edited = crm_contact_store_get (office->db.store, owner, id, &error);
  g_assert_no_error (error);
  crm_contact_set_full_name (edited, "Bị sửa");
  g_assert_false (crm_contact_store_update (office->db.store, stranger, edited, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_contact_store_delete (office->db.store, stranger, id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (count_hits (office, stranger, "hong dao", id), ==, 0);

  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts WHERE full_name = 'Nguyễn Thị Hồng Đào'"),
                   ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts"), ==, 1);
}

static void
test_merged_customer_refused (Office        *office,
                              gconstpointer  data)
{
  g_autoptr(CrmContact) contact = new_contact (office->customer, "Phạm Thu Hà", NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 survivor = crm_test_add_customer (&office->db, NULL, "Minh Phát", NULL, NULL, 0);
  g_autofree char *sql = g_strdup_printf ("UPDATE customers SET merged_into = %" G_GINT64_FORMAT
                                          " WHERE id = %" G_GINT64_FORMAT, survivor, office->customer);

  exec_side (office, sql);
  g_assert_cmpint (crm_contact_store_create (office->db.store, office->db.admin, contact, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts"), ==, 0);
}

/* A failure after the first writes (here the audit row) leaves no trace:
 * no contact, no search document, and the old main contact keeps its mark. */
static void
test_failure_rolls_back (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(CrmContact) contact = new_contact (office->customer, "Nguyễn Thị Hồng Đào", NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 main_id = add_contact (office, NULL, "Trần Văn Bình", FALSE);
  gint64 audits = query_int (office, "SELECT count(*) FROM audit_log");

  exec_side (office, "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log "
                     "WHEN new.entity = 'contact' AND new.action = 'create' "
                     "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");
  crm_contact_set_is_primary (contact, TRUE);
  g_assert_cmpint (crm_contact_store_create (office->db.store, office->db.admin, contact, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (crm_contact_get_id (contact), ==, 0);

  g_assert_cmpint (query_int (office, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_true (is_primary (office, main_id));
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM search_docs WHERE kind = 'contact'"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);

  exec_side (office, "DROP TRIGGER test_refuse_audit");
  g_assert_cmpint (crm_contact_store_create (office->db.store, office->db.admin, contact, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (is_primary (office, main_id));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/contact/validate-normalises", test_validate_normalises);
  g_test_add_func ("/model/contact/validate-refuses", test_validate_refuses);
  g_test_add_func ("/model/contact/properties-notify", test_properties_notify);
#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/contact/first-contact-is-primary", test_first_contact_is_primary);
  ADD ("/store/contact/list-order", test_list_order);
  ADD ("/store/contact/primary-moves", test_primary_moves);
  ADD ("/store/contact/delete-promotes-next", test_delete_promotes_next);
  ADD ("/store/contact/bad-input-writes-nothing", test_bad_input_writes_nothing);
  ADD ("/store/contact/update-saves-changes", test_update_saves_changes);
  ADD ("/store/contact/audit-rows", test_audit_rows);
  ADD ("/store/contact/search-without-tones", test_search_without_tones);
  ADD ("/store/contact/staff-own-mode-refused", test_staff_own_mode_refused);
  ADD ("/store/contact/merged-customer-refused", test_merged_customer_refused);
  ADD ("/store/contact/failure-rolls-back", test_failure_rolls_back);
#undef ADD

  return g_test_run ();
}
