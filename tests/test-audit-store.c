/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "crm-audit-export.h"
#include "crm-audit-store.h"
#include "crm-audit-text.h"
#include "crm-category-store.h"
#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-interaction-store.h"
#include "test-fixture.h"

/* The audit log as the viewer, the History tab and the export read it.
 * Local time is Vietnam's (UTC+7), so that local days differ from UTC
 * days. */

typedef struct
{
  CrmTestDb   db;
  gint64      lan_id;    /* staff, team Kinh doanh */
  gint64      hung_id;   /* staff, no team */
  gint64      boss_id;   /* manager of Kinh doanh */
  CrmSession *lan;
  CrmSession *hung;
  CrmSession *boss;
} Office;

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

/* Runs @sql on a second connection; the SQLite result code. */
static int
exec_side (Office     *office,
           const char *sql)
{
  sqlite3 *db = open_side (office);
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  sqlite3_close (db);
  return rc;
}

static CrmSession *
session_of (Office *office,
            gint64  user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (office->db.store, user_id, &error);

  g_assert_no_error (error);
  return session;
}

static void
set_visibility (Office     *office,
                const char *value)
{
  g_autoptr(GError) error = NULL;

  crm_settings_set (office->db.store, office->db.admin, "customer_visibility", value, &error);
  g_assert_no_error (error);
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  office->lan = session_of (office, office->lan_id);
  office->hung = session_of (office, office->hung_id);
  office->boss = session_of (office, office->boss_id);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 team;

  crm_test_db_setup (&office->db, data);
  team = crm_user_store_create_team (office->db.store, office->db.admin, "Kinh doanh", &error);
  g_assert_no_error (error);
  office->lan_id = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                          CRM_ROLE_STAFF, team, &error);
  g_assert_no_error (error);
  office->hung_id = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                           CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->boss_id = crm_user_store_create (office->db.store, office->db.admin, "minh.do", "Đỗ Văn Minh",
                                           CRM_ROLE_MANAGER, team, &error);
  g_assert_no_error (error);
  set_visibility (office, "own");
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  crm_test_db_teardown (&office->db, data);
}

/* A row written straight into the log at a chosen instant (the log only
 * refuses changes, not additions). */
static void
add_row (Office     *office,
         const char *at,
         gint64      user_id,
         const char *action,
         const char *entity,
         gint64      entity_id)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO audit_log (at, user_id, action, entity, entity_id, field, new_value) "
                     "VALUES ('%s', %" G_GINT64_FORMAT ", '%s', '%s', %" G_GINT64_FORMAT ", 'notes', 'x')",
                     at, user_id, action, entity, entity_id);

  g_assert_cmpint (exec_side (office, sql), ==, SQLITE_OK);
}

static gint64
count (Office               *office,
       const CrmAuditFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = crm_audit_store_count (office->db.store, office->db.admin, filter, &error);

  g_assert_no_error (error);
  return n;
}

static GPtrArray *
query (Office               *office,
       const CrmAuditFilter *filter,
       guint                 offset,
       guint                 limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = crm_audit_store_query (office->db.store, office->db.admin, filter, offset, limit, &error);

  g_assert_no_error (error);
  return entries;
}

static gint64
log_size (Office *office)
{
  return query_int (office, "SELECT count(*) FROM audit_log");
}

/* Tests ------------------------------------------------------------------------- */

static void
test_admin_only (Office        *office,
                 gconstpointer  data)
{
  CrmSession *others[] = { office->lan, office->boss };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_assert_null (crm_audit_store_query (office->db.store, others[i], NULL, 0, 10, &error));
      g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_cmpint (crm_audit_store_count (office->db.store, others[i], NULL, &error), ==, -1);
      g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_null (crm_audit_store_list_users (office->db.store, others[i], &error));
      g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
      g_clear_error (&error);
    }

  /* The administrator reads everything, users with their names. */
  {
    g_autoptr(GPtrArray) entries = query (office, NULL, 0, 0);
    g_autoptr(GPtrArray) users = crm_audit_store_list_users (office->db.store, office->db.admin, &error);
    const CrmAuditEntry *newest;

    g_assert_no_error (error);
    g_assert_cmpuint (users->len, ==, 4);
    g_assert_cmpint (entries->len, ==, log_size (office));
    g_assert_cmpint (count (office, NULL), ==, log_size (office));
    newest = g_ptr_array_index (entries, 0);
    g_assert_cmpstr (newest->action, ==, "update");
    g_assert_cmpstr (newest->entity, ==, "setting");
    g_assert_cmpstr (newest->field, ==, "customer_visibility");
    g_assert_cmpstr (newest->old_value, ==, "shared");
    g_assert_cmpstr (newest->new_value, ==, "own");
    g_assert_cmpint (newest->user_id, ==, crm_session_get_user_id (office->db.admin));
    g_assert_cmpstr (newest->user_name, ==, crm_session_get_full_name (office->db.admin));
  }

  /* A switched-off administrator reads nothing more. */
  {
    g_autoptr(CrmSession) second = NULL;
    gint64 second_id = crm_user_store_create (office->db.store, office->db.admin, "admin2", "Quản trị 2",
                                              CRM_ROLE_ADMIN, 0, &error);

    g_assert_no_error (error);
    second = session_of (office, second_id);
    crm_user_store_set_active (office->db.store, office->db.admin, second_id, FALSE, &error);
    g_assert_no_error (error);
    g_assert_null (crm_audit_store_query (office->db.store, second, NULL, 0, 10, &error));
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
  }
}

static void
test_filters (Office        *office,
              gconstpointer  data)
{
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GPtrArray) entries = NULL;
  gint64 everything = log_size (office);

  /* 1 March 2026 in local time (UTC+7) starts at 28/02 17:00 UTC. */
  add_row (office, "2026-02-28T16:59:59Z", office->lan_id, "update", "customer", 1);
  add_row (office, "2026-02-28T17:00:00Z", office->lan_id, "update", "customer", 1);
  add_row (office, "2026-03-01T09:00:00Z", office->hung_id, "create", "contact", 7);
  add_row (office, "2026-03-01T16:59:59Z", office->lan_id, "delete", "contact", 7);
  add_row (office, "2026-03-01T17:00:00Z", office->lan_id, "update", "customer", 2);
  g_assert_cmpint (count (office, filter), ==, everything + 5);

  filter->from_date = g_strdup ("2026-03-01");
  filter->to_date = g_strdup ("2026-03-01");
  g_assert_cmpint (count (office, filter), ==, 3);
  entries = query (office, filter, 0, 10);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 0))->at, ==, "2026-03-01T16:59:59Z");
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 2))->at, ==, "2026-02-28T17:00:00Z");
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 1))->user_name, ==, "Lê Văn Hùng");

  filter->user_id = office->lan_id;
  g_assert_cmpint (count (office, filter), ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = query (office, filter, 0, 10);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (((CrmAuditEntry *) g_ptr_array_index (entries, i))->user_id, ==, office->lan_id);

  filter->entity = g_strdup ("contact");
  g_assert_cmpint (count (office, filter), ==, 1);
  filter->user_id = 0;
  g_assert_cmpint (count (office, filter), ==, 2);
  filter->action = g_strdup ("create");
  g_assert_cmpint (count (office, filter), ==, 1);

  /* Open ends. */
  g_clear_pointer (&filter->entity, g_free);
  g_clear_pointer (&filter->action, g_free);
  g_clear_pointer (&filter->to_date, g_free);
  g_assert_cmpint (count (office, filter), ==, 4 + everything);
  g_clear_pointer (&filter->from_date, g_free);
  filter->to_date = g_strdup ("2026-02-28");
  g_assert_cmpint (count (office, filter), ==, 1);
  filter->action = g_strdup ("");
  g_assert_cmpint (count (office, filter), ==, 1);
}

static void
test_bad_period (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GError) error = NULL;

  filter->from_date = g_strdup ("2026-03-02");
  filter->to_date = g_strdup ("2026-03-01");
  g_assert_cmpint (crm_audit_store_count (office->db.store, office->db.admin, filter, &error), ==, -1);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_free (filter->to_date);
  filter->to_date = g_strdup ("2026-02-30");
  g_assert_null (crm_audit_store_query (office->db.store, office->db.admin, filter, 0, 10, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
}

static void
test_paging (Office        *office,
             gconstpointer  data)
{
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  char *previous = g_strdup ("~");
  gint64 previous_id = G_MAXINT64;
  guint total = 0;

  /* 25 rows within one second: order falls back to the row id. */
  for (guint i = 0; i < 25; i++)
    add_row (office, "2026-04-01T03:00:00Z", office->hung_id, "update", "customer", i + 1);
  filter->user_id = office->hung_id;
  g_assert_cmpint (count (office, filter), ==, 25);
  for (guint offset = 0; offset < 40; offset += 10)
    {
      g_autoptr(GPtrArray) page = query (office, filter, offset, 10);

      g_assert_cmpuint (page->len, ==, offset < 20 ? 10 : offset < 30 ? 5 : 0);
      for (guint i = 0; i < page->len; i++)
        {
          const CrmAuditEntry *entry = g_ptr_array_index (page, i);

          /* Newest first, no row twice. */
          g_assert_cmpint (strcmp (entry->at, previous), <=, 0);
          if (g_str_equal (entry->at, previous))
            g_assert_cmpint (entry->id, <, previous_id);
          g_free (previous);
          previous = g_strdup (entry->at);
          previous_id = entry->id;
          g_assert_true (g_hash_table_add (seen, g_memdup2 (&entry->id, sizeof entry->id)));
          total++;
        }
    }
  g_assert_cmpuint (total, ==, 25);
  g_free (previous);
}

static GPtrArray *
history_of (Office     *office,
            CrmSession *session,
            const char *entity,
            gint64      id,
            GError    **error)
{
  return crm_audit_store_history (office->db.store, session, entity, id, error);
}

static void
test_history_visibility (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mine = crm_test_add_customer (&office->db, NULL, "Công ty Minh Phát", "ha-noi", NULL, office->lan_id);
  gint64 contact_id;

  customer = crm_customer_store_get (office->db.store, office->lan, mine, &error);
  g_assert_no_error (error);
  g_free (customer->occupation);
  customer->occupation = g_strdup ("Thương mại");
  crm_customer_store_update (office->db.store, office->lan, customer, &error);
  g_assert_no_error (error);
  customer->status = CRM_CUSTOMER_STATUS_CUSTOMER;
  crm_customer_store_update (office->db.store, office->lan, customer, &error);
  g_assert_no_error (error);

  /* The owner, their manager and the administrator read it, newest
   * first; another staff member does not learn it exists. */
  entries = history_of (office, office->lan, "customer", mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 0))->field, ==, "status");
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 0))->action, ==, "status");
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 1))->field, ==, "occupation");
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 1))->new_value, ==, "Thương mại");
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 2))->action, ==, "create");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = history_of (office, office->boss, "customer", mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_null (history_of (office, office->hung, "customer", mine, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (history_of (office, office->hung, "customer", 424242, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A contact goes through its customer; once deleted, only the
   * administrator reads what became of it. */
  crm_contact_set_customer_id (contact, mine);
  crm_contact_set_full_name (contact, "Phạm Thu Hà");
  contact_id = crm_contact_store_create (office->db.store, office->lan, contact, &error);
  g_assert_no_error (error);
  entries = history_of (office, office->lan, "contact", contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_null (history_of (office, office->hung, "contact", contact_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  crm_contact_store_delete (office->db.store, office->db.admin, contact_id, &error);
  g_assert_no_error (error);
  g_assert_null (history_of (office, office->lan, "contact", contact_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  entries = history_of (office, office->db.admin, "contact", contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CrmAuditEntry *) g_ptr_array_index (entries, 0))->action, ==, "delete");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Users, teams and settings are the administrators'. */
  g_assert_null (history_of (office, office->boss, "user", office->lan_id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  entries = history_of (office, office->db.admin, "user", office->lan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
}

/* The schema itself refuses to change or remove a row of the log, for
 * the application and for anyone with a SQL prompt. */
static void
test_append_only (Office        *office,
                  gconstpointer  data)
{
  gint64 before = log_size (office);
  g_autofree char *first = NULL;

  g_assert_cmpint (before, >, 0);
  g_assert_cmpint (exec_side (office, "UPDATE audit_log SET new_value = 'forged'") & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_side (office, "UPDATE audit_log SET user_id = NULL WHERE id = 1") & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_side (office, "DELETE FROM audit_log WHERE id = 1") & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_side (office, "DELETE FROM audit_log") & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (log_size (office), ==, before);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE new_value = 'forged'"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE id = 1 AND user_id IS NULL"), ==, 1);
}

static void
test_values_in_words (Office        *office,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *lan = g_strdup_printf ("%" G_GINT64_FORMAT, office->lan_id);
  g_autofree char *category_text = NULL;
  gint64 category = crm_category_store_create (office->db.store, office->db.admin, "Khách sỉ", 0, &error);
  struct
  {
    const char *entity;
    const char *field;
    const char *value;
    const char *expected;
  } cases[] = {
    { "customer", "assigned_to", lan, "Trần Thị Lan" },
    { "customer", "assigned_to", "424242", "#424242" },
    { "customer", "category_id", NULL, "" },
    { "customer", "province_code", "ha-noi", "Hà Nội" },
    { "customer", "status", "customer", "Customer" },
    { "customer", "kind", "organisation", "Organisation" },
    { "customer", "phones", "+84912345678, +842438251234", "0912 345 678, 024 3825 1234" },
    { "customer", "birth_date", "1990-05-17", "17/05/1990" },
    { "customer", "last_contact_at", "2026-03-01T17:30:00Z", "02/03/2026 00:30" },
    { "customer", "notes", "Gọi lại sau Tết", "Gọi lại sau Tết" },
    { "contact", "is_primary", "1", "Yes" },
    { "interaction", "kind", "meeting", NULL },
    { "setting", "customer_visibility", "own", "Staff see their own customers" },
    { "user", "role", "manager", "Manager" },
    { "user", "locked_until", "2026-03-01T17:30:00Z", "02/03/2026 00:30" },
  };

  g_assert_no_error (error);
  category_text = g_strdup_printf ("%" G_GINT64_FORMAT, category);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_audit_store_format_value (office->db.store, names, cases[i].entity,
                                                            cases[i].field, cases[i].value);
      g_autofree char *again = crm_audit_store_format_value (office->db.store, names, cases[i].entity,
                                                             cases[i].field, cases[i].value);

      if (cases[i].expected != NULL)
        g_assert_cmpstr (text, ==, cases[i].expected);
      else
        g_assert_cmpstr (text, !=, cases[i].value);
      g_assert_cmpstr (again, ==, text);
    }
  {
    g_autofree char *text = crm_audit_store_format_value (office->db.store, NULL, "customer", "category_id",
                                                          category_text);
    g_assert_cmpstr (text, ==, "Khách sỉ");
  }
  {
    g_autofree char *team = g_strdup_printf ("%" G_GINT64_FORMAT, query_int (office, "SELECT id FROM teams"));
    g_autofree char *text = crm_audit_store_format_value (office->db.store, names, "user", "team_id", team);
    g_assert_cmpstr (text, ==, "Kinh doanh");
  }
  g_assert_cmpstr (crm_audit_field_label ("customer", "province_code"), ==, "Province");
  g_assert_cmpstr (crm_audit_field_label ("customer", "no_such_column"), ==, "no_such_column");
  g_assert_cmpstr (crm_audit_action_label ("assign"), ==, "Assigned");
  g_assert_cmpstr (crm_audit_entity_label ("attachment"), ==, "Document");
  g_assert_true (g_strv_contains (crm_audit_actions (), "export"));
  g_assert_true (g_strv_contains (crm_audit_entities (), "customer"));
}

/* Everything a spreadsheet holds as text, when unzip is there to read it. */
static char *
xlsx_text (const char *path)
{
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  const char *argv[] = { NULL, "-p", path, NULL };
  char *out = NULL;
  int status = 0;

  if (unzip == NULL)
    return NULL;
  argv[0] = unzip;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_export (Office        *office,
             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (office->db.dir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "nhat-ky.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmAuditFilter) filter = crm_audit_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint64 n_rows = 0;
  gint64 expected;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  crm_test_add_customer (&office->db, NULL, "Công ty Hoa Sen", "da-nang", "0905 123 456", office->lan_id);
  filter->entity = g_strdup ("customer");
  expected = count (office, filter);
  g_assert_cmpint (expected, ==, 1);

  /* Staff may not, and nothing is written. */
  g_assert_false (crm_audit_export (office->db.store, office->lan, filter, CRM_EXPORT_FORMAT_XLSX, dest, NULL,
                                    &n_rows, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 0);

  g_assert_true (crm_audit_export (office->db.store, office->db.admin, filter, CRM_EXPORT_FORMAT_XLSX, dest,
                                   NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, (guint64) expected);
  g_assert_true (g_file_get_contents (path, &head, &length, NULL));
  g_assert_cmpuint (length, >, 2);
  g_assert_cmpmem (head, 2, "PK", 2);

  /* The export is in the log itself: what, how many rows, which file. */
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                      "AND entity = 'audit_log' AND field = 'rows' AND new_value = '1'"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                      "AND entity = 'audit_log' AND field = 'file' "
                                      "AND new_value LIKE '%nhat-ky.xlsx'"), ==, 1);

  if ((text = xlsx_text (path)) != NULL)
    {
      g_assert_nonnull (strstr (text, "Audit log"));
      g_assert_nonnull (strstr (text, "Record: Customer"));
      g_assert_nonnull (strstr (text, "Created"));
      g_assert_nonnull (strstr (text, crm_session_get_full_name (office->db.admin)));
    }
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  guint64    n_rows;
  GError    *error;
} AsyncOutcome;

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  outcome->ok = crm_audit_export_finish (CRM_STORE (source), result, &outcome->n_rows, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static void
test_export_async (Office        *office,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->db.dir, "nhat-ky.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  AsyncOutcome outcome = { g_main_loop_new (NULL, FALSE), FALSE, 0, NULL };
  gint64 before = log_size (office);

  crm_audit_export_async (office->db.store, office->boss, NULL, CRM_EXPORT_FORMAT_XLSX, dest, NULL,
                          on_exported_cb, &outcome);
  g_main_loop_run (outcome.loop);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&outcome.error);

  crm_audit_export_async (office->db.store, office->db.admin, NULL, CRM_EXPORT_FORMAT_XLSX, dest, NULL,
                          on_exported_cb, &outcome);
  g_main_loop_run (outcome.loop);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpuint (outcome.n_rows, ==, (guint64) before);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (log_size (office), ==, before + 2);
  g_main_loop_unref (outcome.loop);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/audit/store/admin-only", test_admin_only);
  ADD ("/audit/store/filters", test_filters);
  ADD ("/audit/store/bad-period", test_bad_period);
  ADD ("/audit/store/paging", test_paging);
  ADD ("/audit/store/history-visibility", test_history_visibility);
  ADD ("/audit/store/append-only", test_append_only);
  ADD ("/audit/store/values-in-words", test_values_in_words);
  ADD ("/audit/export/xlsx", test_export);
  ADD ("/audit/export/async", test_export_async);
#undef ADD

  return g_test_run ();
}
