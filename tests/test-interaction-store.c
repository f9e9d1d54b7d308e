/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-interaction-store.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb   db;
  gint64      staff[2];
  gint64      manager;
  CrmSession *lan;       /* staff[0] */
  CrmSession *hung;      /* staff[1] */
  CrmSession *boss;      /* manager of staff[0]'s team */
  gint64      customer;  /* assigned to staff[0] */
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

static void
exec_side (Office     *office,
           const char *sql)
{
  sqlite3 *db = open_side (office);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
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
open_sessions (Office *office)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  office->lan = session_of (office, office->staff[0]);
  office->hung = session_of (office, office->staff[1]);
  office->boss = session_of (office, office->manager);
}

static void
set_setting (Office     *office,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, key, value, &error));
  g_assert_no_error (error);
  open_sessions (office);
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
  office->staff[0] = crm_user_store_create (office->db.store, office->db.admin, "lan.tran", "Trần Thị Lan",
                                            CRM_ROLE_STAFF, team, &error);
  g_assert_no_error (error);
  office->staff[1] = crm_user_store_create (office->db.store, office->db.admin, "hung.le", "Lê Văn Hùng",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->manager = crm_user_store_create (office->db.store, office->db.admin, "minh.do", "Đỗ Văn Minh",
                                           CRM_ROLE_MANAGER, team, &error);
  g_assert_no_error (error);
  open_sessions (office);
  office->customer = crm_test_add_customer (&office->db, NULL, "Công ty TNHH Minh Phát", "ha-noi",
                                            NULL, office->staff[0]);
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

static CrmInteraction *
new_interaction (gint64              customer_id,
                 CrmInteractionKind  kind,
                 const char         *occurred_at,
                 const char         *summary,
                 const char         *next_due_on)
{
  CrmInteraction *interaction = crm_interaction_new ();

  crm_interaction_set_customer_id (interaction, customer_id);
  crm_interaction_set_kind (interaction, kind);
  crm_interaction_set_occurred_at (interaction, occurred_at);
  crm_interaction_set_summary (interaction, summary);
  crm_interaction_set_next_due_on (interaction, next_due_on);
  return interaction;
}

static gint64
log_entry (Office     *office,
           CrmSession *session,
           gint64      customer_id,
           const char *occurred_at,
           const char *next_due_on)
{
  g_autoptr(CrmInteraction) interaction =
    new_interaction (customer_id, CRM_INTERACTION_KIND_CALL, occurred_at, "Gọi hỏi nhu cầu", next_due_on);
  g_autoptr(GError) error = NULL;
  gint64 id = crm_interaction_store_add (office->db.store, session ? session : office->db.admin,
                                         interaction, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CrmCustomer *
customer_of (Office *office,
             gint64  customer_id)
{
  g_autoptr(GError) error = NULL;
  CrmCustomer *customer = crm_customer_store_get (office->db.store, office->db.admin, customer_id, &error);

  g_assert_no_error (error);
  return customer;
}

static void
assert_last_contact (Office     *office,
                     const char *last_contact_at,
                     const char *next_contact_due)
{
  g_autoptr(CrmCustomer) customer = customer_of (office, office->customer);

  g_assert_cmpstr (customer->last_contact_at, ==, last_contact_at);
  g_assert_cmpstr (customer->next_contact_due, ==, next_contact_due);
}

static guint
count_listed (Office     *office,
              CrmSession *session,
              gint64      customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_interaction_store_list_for_customer (office->db.store, session, customer_id,
                                                                       0, 0, &error);
  gint64 count;

  g_assert_no_error (error);
  count = crm_interaction_store_count_for_customer (office->db.store, session, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, rows->len);
  return rows->len;
}

static guint
count_recent (Office     *office,
              CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_interaction_store_list_recent (office->db.store, session, 100, &error);

  g_assert_no_error (error);
  return rows->len;
}

/* Model ---------------------------------------------------------------------- */

static void
test_kinds (void)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (CRM_TYPE_INTERACTION_KIND);
  CrmInteractionKind kind;

  g_assert_cmpuint (enum_class->n_values, ==, CRM_INTERACTION_N_KINDS);
  for (guint i = 0; i < CRM_INTERACTION_N_KINDS; i++)
    {
      const char *text = crm_interaction_kind_to_string (i);

      g_assert_nonnull (text);
      g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==, text);
      g_assert_true (crm_interaction_kind_from_string (text, &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (crm_interaction_kind_label (i), !=, "");
    }
  g_assert_cmpstr (crm_interaction_kind_to_string (CRM_INTERACTION_KIND_QUOTE_SENT), ==, "quote_sent");
  g_assert_cmpstr (crm_interaction_kind_to_string (CRM_INTERACTION_KIND_CARE_VISIT), ==, "care_visit");
  g_assert_cmpstr (crm_interaction_kind_label (CRM_INTERACTION_KIND_CALL), ==, "Phone call");
  g_assert_null (crm_interaction_kind_to_string ((CrmInteractionKind) 99));
  g_assert_false (crm_interaction_kind_from_string ("phone", &kind));
  g_assert_false (crm_interaction_kind_from_string (NULL, &kind));
}

static void
test_validate_normalises (void)
{
  g_autoptr(CrmInteraction) interaction =
    new_interaction (1, CRM_INTERACTION_KIND_MEETING, "2026-01-05T10:00:00+07:00", "  Gặp tại văn phòng  ",
                     "10/01/2026");
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;

  crm_interaction_set_outcome (interaction, " ");
  g_assert_true (crm_interaction_validate (interaction, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_interaction_get_occurred_at (interaction), ==, "2026-01-05T03:00:00Z");
  g_assert_cmpstr (crm_interaction_get_summary (interaction), ==, "Gặp tại văn phòng");
  g_assert_cmpstr (crm_interaction_get_next_due_on (interaction), ==, "2026-01-10");
  g_assert_null (crm_interaction_get_outcome (interaction));

  /* Shown in local time (TZ is ICT, UTC+7, in main). */
  local = crm_interaction_dup_occurred_local (interaction);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 10);
  shown = crm_interaction_format_occurred_at (interaction);
  g_assert_cmpstr (shown, ==, "05/01/2026 10:00");
  g_object_get (interaction, "kind-label", &label, NULL);
  g_assert_cmpstr (label, ==, "Meeting");

  /* Without a zone a time is local; the next contact may be the same day. */
  crm_interaction_set_occurred_at (interaction, "2026-01-05T23:30:00");
  crm_interaction_set_next_due_on (interaction, "2026-01-05");
  g_assert_true (crm_interaction_validate (interaction, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_interaction_get_occurred_at (interaction), ==, "2026-01-05T16:30:00Z");
  g_assert_cmpstr (crm_interaction_get_next_due_on (interaction), ==, "2026-01-05");

  /* As an office in Vietnam types it: day first, "14:30" or "14h30". */
  crm_interaction_set_occurred_at (interaction, " 5/1/2026 14h30 ");
  g_assert_true (crm_interaction_validate (interaction, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_interaction_get_occurred_at (interaction), ==, "2026-01-05T07:30:00Z");
  crm_interaction_set_occurred_at (interaction, "05/01/2026 09:05");
  g_assert_true (crm_interaction_validate (interaction, &error));
  g_assert_cmpstr (crm_interaction_get_occurred_at (interaction), ==, "2026-01-05T02:05:00Z");
}

static void
test_validate_refuses (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_hours (now, 20);
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 30);
  g_autofree char *soon_text = g_date_time_format_iso8601 (soon);
  g_autofree char *later_text = g_date_time_format_iso8601 (later);
  const struct
  {
    int         kind;
    const char *occurred_at;
    const char *summary;
    const char *next_due_on;
    int         code;
  } cases[] = {
    { CRM_INTERACTION_KIND_CALL, "2026-01-05T03:00:00Z", "", NULL, CRM_VALIDATION_ERROR_REQUIRED },
    { CRM_INTERACTION_KIND_CALL, "2026-01-05T03:00:00Z", " \t ", NULL, CRM_VALIDATION_ERROR_REQUIRED },
    { CRM_INTERACTION_KIND_CALL, "2026-01-05T03:00:00Z", NULL, NULL, CRM_VALIDATION_ERROR_REQUIRED },
    { CRM_INTERACTION_KIND_CALL, "hôm qua", "Gọi", NULL, CRM_VALIDATION_ERROR_DATE },
    { CRM_INTERACTION_KIND_CALL, "2026-02-30T10:00:00Z", "Gọi", NULL, CRM_VALIDATION_ERROR_DATE },
    { CRM_INTERACTION_KIND_CALL, "30/02/2026 10:00", "Gọi", NULL, CRM_VALIDATION_ERROR_DATE },
    { CRM_INTERACTION_KIND_CALL, "05/01/2026 24:00", "Gọi", NULL, CRM_VALIDATION_ERROR_DATE },
    { CRM_INTERACTION_KIND_CALL, "05/01/2026 10:00 sáng", "Gọi", NULL, CRM_VALIDATION_ERROR_DATE },
    { CRM_INTERACTION_KIND_CALL, NULL, "Gọi", NULL, CRM_VALIDATION_ERROR_DATE },
    { CRM_INTERACTION_KIND_CALL, later_text, "Gọi", NULL, CRM_VALIDATION_ERROR_RANGE },
    { CRM_INTERACTION_KIND_CALL, "2026-01-05T03:00:00Z", "Gọi", "04/01/2026", CRM_VALIDATION_ERROR_RANGE },
    { CRM_INTERACTION_KIND_CALL, "2026-01-05T03:00:00Z", "Gọi", "31/02/2026", CRM_VALIDATION_ERROR_DATE },
    { CRM_INTERACTION_KIND_CALL, "2026-01-05T03:00:00Z", "Gọi", "sớm", CRM_VALIDATION_ERROR_DATE },
    { 99, "2026-01-05T03:00:00Z", "Gọi", NULL, CRM_VALIDATION_ERROR_FORMAT },
  };
  g_autoptr(CrmInteraction) ok = new_interaction (1, CRM_INTERACTION_KIND_NOTE, soon_text, "Ghi chú", NULL);
  g_autoptr(GError) error = NULL;

  /* Less than a day ahead is a clock slightly off, not a plan. */
  g_assert_true (crm_interaction_validate (ok, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmInteraction) interaction =
        new_interaction (1, cases[i].kind, cases[i].occurred_at, cases[i].summary, cases[i].next_due_on);

      g_assert_false (crm_interaction_validate (interaction, &error));
      g_assert_error (error, CRM_VALIDATION_ERROR, cases[i].code);
      g_clear_error (&error);
    }
}

/* Store ---------------------------------------------------------------------- */

static void
test_add_updates_customer (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(CrmCustomer) before = customer_of (office, office->customer);
  g_autoptr(CrmCustomer) after = NULL;

  g_assert_null (before->last_contact_at);
  log_entry (office, office->lan, office->customer, "2025-03-10T02:00:00Z", "2025-03-20");
  after = customer_of (office, office->customer);
  g_assert_cmpstr (after->last_contact_at, ==, "2025-03-10T02:00:00Z");
  g_assert_cmpstr (after->next_contact_due, ==, "2025-03-20");
  g_assert_cmpint (after->row_version, ==, before->row_version + 1);
  g_assert_cmpint (query_int (office, "SELECT user_id FROM interactions"), ==, office->staff[0]);
  g_assert_cmpint (query_int (office, "SELECT created_by FROM interactions"), ==, office->staff[0]);

  /* An older entry without a next date changes neither date nor version. */
  log_entry (office, office->lan, office->customer, "2025-03-01T02:00:00Z", NULL);
  g_clear_pointer (&before, crm_customer_free);
  before = g_steal_pointer (&after);
  after = customer_of (office, office->customer);
  assert_last_contact (office, "2025-03-10T02:00:00Z", "2025-03-20");
  g_assert_cmpint (after->row_version, ==, before->row_version);

  /* A newer one moves it; its next date replaces the customer's. */
  log_entry (office, office->lan, office->customer, "2025-04-02T09:30:00Z", "2025-04-15");
  assert_last_contact (office, "2025-04-02T09:30:00Z", "2025-04-15");

  /* Audited: each entry, and the customer's dates. */
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'interaction' "
                                      "AND action = 'create' AND new_value = 'call'"), ==, 3);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'customer' "
                                      "AND field = 'last_contact_at' AND new_value = '2025-04-02T09:30:00Z' "
                                      "AND old_value = '2025-03-10T02:00:00Z'"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'customer' "
                                      "AND field = 'next_contact_due'"), ==, 2);
}

static void
test_delete_recomputes (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 oldest = log_entry (office, NULL, office->customer, "2025-03-01T02:00:00Z", NULL);
  gint64 middle = log_entry (office, NULL, office->customer, "2025-03-10T02:00:00Z", "2025-03-20");
  gint64 newest = log_entry (office, NULL, office->customer, "2025-04-02T09:30:00Z", NULL);

  assert_last_contact (office, "2025-04-02T09:30:00Z", "2025-03-20");
  g_assert_true (crm_interaction_store_delete (office->db.store, office->db.admin, newest, &error));
  g_assert_no_error (error);
  assert_last_contact (office, "2025-03-10T02:00:00Z", "2025-03-20");
  g_assert_true (crm_interaction_store_delete (office->db.store, office->db.admin, middle, &error));
  g_assert_no_error (error);
  assert_last_contact (office, "2025-03-01T02:00:00Z", "2025-03-20");
  g_assert_true (crm_interaction_store_delete (office->db.store, office->db.admin, oldest, &error));
  g_assert_no_error (error);
  assert_last_contact (office, NULL, "2025-03-20");

  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'interaction' "
                                      "AND action = 'delete'"), ==, 3);
  g_assert_false (crm_interaction_store_delete (office->db.store, office->db.admin, oldest, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_update_recomputes (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(CrmInteraction) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = log_entry (office, NULL, office->customer, "2025-03-01T02:00:00Z", NULL);

  log_entry (office, NULL, office->customer, "2025-03-10T02:00:00Z", "2025-03-20");
  entry = crm_interaction_store_get (office->db.store, office->db.admin, first, &error);
  g_assert_no_error (error);
  crm_interaction_set_occurred_at (entry, "2025-05-01T08:00:00Z");
  crm_interaction_set_summary (entry, "Gặp ký hợp đồng");
  crm_interaction_set_kind (entry, CRM_INTERACTION_KIND_MEETING);
  g_assert_true (crm_interaction_store_update (office->db.store, office->db.admin, entry, &error));
  g_assert_no_error (error);
  assert_last_contact (office, "2025-05-01T08:00:00Z", "2025-03-20");
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'interaction' "
                                      "AND action = 'update' AND field IN ('occurred_at', 'summary', 'kind')"),
                   ==, 3);

  /* A next date set while editing reaches the customer. */
  crm_interaction_set_next_due_on (entry, "2025-05-08");
  g_assert_true (crm_interaction_store_update (office->db.store, office->db.admin, entry, &error));
  g_assert_no_error (error);
  assert_last_contact (office, "2025-05-01T08:00:00Z", "2025-05-08");
}

/* Nothing half-written: a refused kind, and a failure after the entry
 * was inserted, both leave the history and the customer as they were. */
static void
test_failure_rolls_back (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(CrmInteraction) bad_kind =
    new_interaction (office->customer, (CrmInteractionKind) 42, "2025-05-01T08:00:00Z", "Gọi", NULL);
  g_autoptr(CrmInteraction) newer =
    new_interaction (office->customer, CRM_INTERACTION_KIND_CALL, "2025-06-01T08:00:00Z", "Gọi", "2025-06-09");
  g_autoptr(GError) error = NULL;
  gint64 audits;

  log_entry (office, NULL, office->customer, "2025-03-01T02:00:00Z", NULL);
  audits = query_int (office, "SELECT count(*) FROM audit_log");

  g_assert_cmpint (crm_interaction_store_add (office->db.store, office->db.admin, bad_kind, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 1);
  assert_last_contact (office, "2025-03-01T02:00:00Z", NULL);

  /* The customer cannot be updated: the inserted entry goes too. */
  exec_side (office, "CREATE TRIGGER test_refuse_customer BEFORE UPDATE OF last_contact_at ON customers "
                     "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");
  g_assert_cmpint (crm_interaction_store_add (office->db.store, office->db.admin, newer, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (crm_interaction_get_id (newer), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);
  assert_last_contact (office, "2025-03-01T02:00:00Z", NULL);

  exec_side (office, "DROP TRIGGER test_refuse_customer");
  g_assert_cmpint (crm_interaction_store_add (office->db.store, office->db.admin, newer, &error), >, 0);
  g_assert_no_error (error);
  assert_last_contact (office, "2025-06-01T08:00:00Z", "2025-06-09");
}

static void
test_contact_must_belong (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(CrmContact) ours = crm_contact_new ();
  g_autoptr(CrmContact) theirs = crm_contact_new ();
  g_autoptr(CrmInteraction) wrong =
    new_interaction (office->customer, CRM_INTERACTION_KIND_CALL, "2025-05-01T08:00:00Z", "Gọi", NULL);
  g_autoptr(CrmInteraction) right =
    new_interaction (office->customer, CRM_INTERACTION_KIND_CALL, "2025-05-01T08:00:00Z", "Gọi", NULL);
  g_autoptr(CrmInteraction) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other = crm_test_add_customer (&office->db, NULL, "Bà Lý Thị Hoa", NULL, NULL, 0);
  gint64 id;

  crm_contact_set_customer_id (ours, office->customer);
  crm_contact_set_full_name (ours, "Phạm Thu Hà");
  crm_contact_store_create (office->db.store, office->db.admin, ours, &error);
  g_assert_no_error (error);
  crm_contact_set_customer_id (theirs, other);
  crm_contact_set_full_name (theirs, "Lý Văn Nam");
  crm_contact_store_create (office->db.store, office->db.admin, theirs, &error);
  g_assert_no_error (error);

  crm_interaction_set_contact_id (wrong, crm_contact_get_id (theirs));
  g_assert_cmpint (crm_interaction_store_add (office->db.store, office->db.admin, wrong, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 0);

  crm_interaction_set_contact_id (right, crm_contact_get_id (ours));
  id = crm_interaction_store_add (office->db.store, office->lan, right, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_interaction_get_contact_name (right), ==, "Phạm Thu Hà");
  g_assert_cmpstr (crm_interaction_get_user_name (right), ==, "Trần Thị Lan");
  g_assert_cmpstr (crm_interaction_get_customer_name (right), ==, "Công ty TNHH Minh Phát");

  /* Deleting the contact keeps the entry, without the link. */
  g_assert_true (crm_contact_store_delete (office->db.store, office->db.admin, crm_contact_get_id (ours), &error));
  g_assert_no_error (error);
  read = crm_interaction_store_get (office->db.store, office->db.admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_interaction_get_contact_id (read), ==, 0);
  g_assert_null (crm_interaction_get_contact_name (read));
}

static void
test_order_and_paging (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(CrmContact) contact = crm_contact_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 same_time[2];

  crm_contact_set_customer_id (contact, office->customer);
  crm_contact_set_full_name (contact, "Phạm Thu Hà");
  crm_contact_store_create (office->db.store, office->db.admin, contact, &error);
  g_assert_no_error (error);

  for (guint day = 1; day <= 23; day++)
    {
      g_autofree char *at = g_strdup_printf ("2025-03-%02uT0%u:00:00Z", day, day % 10);
      g_autoptr(CrmInteraction) interaction =
        new_interaction (office->customer, day % 2 ? CRM_INTERACTION_KIND_CALL : CRM_INTERACTION_KIND_EMAIL,
                         at, "Trao đổi", NULL);

      crm_interaction_set_contact_id (interaction, crm_contact_get_id (contact));
      crm_interaction_store_add (office->db.store, day % 3 ? office->lan : office->db.admin, interaction,
                                 &error);
      g_assert_no_error (error);
    }
  /* Two at the same moment: the later one logged comes first. */
  same_time[0] = log_entry (office, NULL, office->customer, "2025-03-24T05:00:00Z", NULL);
  same_time[1] = log_entry (office, NULL, office->customer, "2025-03-24T05:00:00Z", NULL);

  g_assert_cmpint (crm_interaction_store_count_for_customer (office->db.store, office->db.admin,
                                                             office->customer, &error), ==, 25);
  g_assert_no_error (error);

  page = crm_interaction_store_list_for_customer (office->db.store, office->db.admin, office->customer,
                                                  0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
  g_assert_cmpint (crm_interaction_get_id (g_ptr_array_index (page, 0)), ==, same_time[1]);
  g_assert_cmpint (crm_interaction_get_id (g_ptr_array_index (page, 1)), ==, same_time[0]);
  for (guint i = 2; i < page->len; i++)
    {
      CrmInteraction *row = g_ptr_array_index (page, i);
      g_autofree char *expected = g_strdup_printf ("2025-03-%02uT0%u:00:00Z", 23 - (i - 2), (23 - (i - 2)) % 10);

      g_assert_cmpstr (crm_interaction_get_occurred_at (row), ==, expected);
      g_assert_cmpstr (crm_interaction_get_contact_name (row), ==, "Phạm Thu Hà");
      g_assert_cmpstr (crm_interaction_get_customer_name (row), ==, "Công ty TNHH Minh Phát");
      g_assert_cmpstr (crm_interaction_get_user_name (row), ==,
                       (23 - (i - 2)) % 3 ? "Trần Thị Lan" : crm_session_get_full_name (office->db.admin));
    }
  g_clear_pointer (&page, g_ptr_array_unref);

  page = crm_interaction_store_list_for_customer (office->db.store, office->db.admin, office->customer,
                                                  20, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 5);
  g_assert_cmpstr (crm_interaction_get_occurred_at (g_ptr_array_index (page, 4)), ==, "2025-03-01T01:00:00Z");
  g_assert_cmpint (crm_interaction_get_kind (g_ptr_array_index (page, 4)), ==, CRM_INTERACTION_KIND_CALL);
  g_assert_cmpint (crm_interaction_get_kind (g_ptr_array_index (page, 3)), ==, CRM_INTERACTION_KIND_EMAIL);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* The recent list walks its index backwards instead of sorting. */
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                      "AND name = 'interactions_recent'"), ==, 1);
  page = crm_interaction_store_list_recent (office->db.store, office->db.admin, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpint (crm_interaction_get_id (g_ptr_array_index (page, 0)), ==, same_time[1]);
  g_assert_cmpstr (crm_interaction_get_occurred_at (g_ptr_array_index (page, 2)), ==, "2025-03-23T03:00:00Z");
}

static void
test_staff_own_mode_refused (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(CrmInteraction) intrusion =
    new_interaction (office->customer, CRM_INTERACTION_KIND_CALL, "2025-05-01T08:00:00Z", "Gọi", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  set_setting (office, "customer_visibility", "own");
  id = log_entry (office, office->lan, office->customer, "2025-03-01T02:00:00Z", NULL);

  g_assert_cmpint (crm_interaction_store_add (office->db.store, office->hung, intrusion, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  rows = crm_interaction_store_list_for_customer (office->db.store, office->hung, office->customer, 0, 10, &error);
  g_assert_null (rows);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (crm_interaction_store_count_for_customer (office->db.store, office->hung, office->customer,
                                                             &error), ==, -1);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (crm_interaction_store_get (office->db.store, office->hung, id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_interaction_store_delete (office->db.store, office->hung, id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (count_recent (office, office->hung), ==, 0);

  /* Their own staff member, their manager and the administrator do. */
  g_assert_cmpuint (count_listed (office, office->lan, office->customer), ==, 1);
  g_assert_cmpuint (count_listed (office, office->boss, office->customer), ==, 1);
  g_assert_cmpuint (count_listed (office, office->db.admin, office->customer), ==, 1);
  g_assert_cmpuint (count_recent (office, office->lan), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 1);
  assert_last_contact (office, "2025-03-01T02:00:00Z", NULL);
}

/* staff_see_others_transactions = '0': on shared customers staff read
 * only their own entries; on their own customers the whole history;
 * managers and administrators everything. */
static void
test_staff_see_others_setting (Office        *office,
                               gconstpointer  data)
{
  gint64 shared = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai", NULL, NULL,
                                         crm_session_get_user_id (office->db.admin));
  gint64 hung_entry;
  g_autoptr(GError) error = NULL;

  log_entry (office, office->lan, shared, "2025-03-01T02:00:00Z", NULL);
  hung_entry = log_entry (office, office->hung, shared, "2025-03-02T02:00:00Z", NULL);
  log_entry (office, NULL, shared, "2025-03-03T02:00:00Z", NULL);
  log_entry (office, office->hung, office->customer, "2025-03-04T02:00:00Z", NULL);
  log_entry (office, office->lan, office->customer, "2025-03-05T02:00:00Z", NULL);

  /* Default '1': everyone reads everything on what they see. */
  g_assert_cmpuint (count_listed (office, office->lan, shared), ==, 3);
  g_assert_cmpuint (count_listed (office, office->hung, office->customer), ==, 2);
  g_assert_cmpuint (count_recent (office, office->lan), ==, 5);

  set_setting (office, "staff_see_others_transactions", "0");
  g_assert_cmpuint (count_listed (office, office->lan, shared), ==, 1);
  g_assert_cmpuint (count_listed (office, office->lan, office->customer), ==, 2);
  g_assert_cmpuint (count_listed (office, office->hung, shared), ==, 1);
  g_assert_cmpuint (count_listed (office, office->hung, office->customer), ==, 1);
  g_assert_cmpuint (count_recent (office, office->lan), ==, 3);
  g_assert_cmpuint (count_recent (office, office->hung), ==, 2);
  g_assert_null (crm_interaction_store_get (office->db.store, office->lan, hung_entry, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (count_listed (office, office->boss, shared), ==, 3);
  g_assert_cmpuint (count_listed (office, office->db.admin, shared), ==, 3);
  g_assert_cmpuint (count_recent (office, office->boss), ==, 5);
  g_assert_cmpuint (count_recent (office, office->db.admin), ==, 5);

  set_setting (office, "staff_see_others_transactions", "1");
  g_assert_cmpuint (count_listed (office, office->lan, shared), ==, 3);
}

static void
test_staff_change_own_only (Office        *office,
                            gconstpointer  data)
{
  g_autoptr(CrmInteraction) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 hung_entry = log_entry (office, office->hung, office->customer, "2025-03-01T02:00:00Z", NULL);
  gint64 lan_entry = log_entry (office, office->lan, office->customer, "2025-03-02T02:00:00Z", NULL);

  entry = crm_interaction_store_get (office->db.store, office->lan, hung_entry, &error);
  g_assert_no_error (error);
  crm_interaction_set_summary (entry, "Sửa của người khác");
  g_assert_false (crm_interaction_store_update (office->db.store, office->lan, entry, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_interaction_store_delete (office->db.store, office->lan, hung_entry, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions WHERE summary = 'Sửa của người khác'"),
                   ==, 0);

  /* A manager may correct it; the author delete their own. */
  g_assert_true (crm_interaction_store_update (office->db.store, office->boss, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions WHERE summary = 'Sửa của người khác'"),
                   ==, 1);
  /* Deleting needs the right to delete records, even one's own entry. */
  g_assert_false (crm_interaction_store_delete (office->db.store, office->lan, lan_entry, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  exec_side (office, "UPDATE users SET may_delete = 1 WHERE login = 'lan.tran'");
  g_assert_true (crm_interaction_store_delete (office->db.store, office->lan, lan_entry, &error));
  g_assert_no_error (error);
  assert_last_contact (office, "2025-03-01T02:00:00Z", NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* Vietnam, without needing tzdata: local time is UTC+7. */
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/interaction/kinds", test_kinds);
  g_test_add_func ("/model/interaction/validate-normalises", test_validate_normalises);
  g_test_add_func ("/model/interaction/validate-refuses", test_validate_refuses);
#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/interaction/add-updates-customer", test_add_updates_customer);
  ADD ("/store/interaction/delete-recomputes", test_delete_recomputes);
  ADD ("/store/interaction/update-recomputes", test_update_recomputes);
  ADD ("/store/interaction/failure-rolls-back", test_failure_rolls_back);
  ADD ("/store/interaction/contact-must-belong", test_contact_must_belong);
  ADD ("/store/interaction/order-and-paging", test_order_and_paging);
  ADD ("/store/interaction/staff-own-mode-refused", test_staff_own_mode_refused);
  ADD ("/store/interaction/staff-see-others-setting", test_staff_see_others_setting);
  ADD ("/store/interaction/staff-change-own-only", test_staff_change_own_only);
#undef ADD

  return g_test_run ();
}
