/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* An office for the calendar tests: team A (manager Minh, staff Lan and
 * Hùng), team B (staff Mai), and a customer of Lan's with an address.
 * Times are Vietnamese local time (main sets TZ to ICT-7). */

#include <sqlite3.h>

#include "crm-event-store.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb   db;
  gint64      team_a;
  gint64      team_b;
  gint64      manager;
  gint64      lan;
  gint64      hung;
  gint64      mai;
  CrmSession *manager_session;
  CrmSession *lan_session;
  CrmSession *hung_session;
  CrmSession *mai_session;
  gint64      customer;
} Office;

static inline gint64
office_add_user (Office     *office,
                 const char *login,
                 const char *name,
                 CrmRole     role,
                 gint64      team)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_user_store_create (office->db.store, office->db.admin, login, name, role, team, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline CrmSession *
office_session (Office *office,
                gint64  user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (office->db.store, user_id, &error);

  g_assert_no_error (error);
  return session;
}

static inline void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_test_db_setup (&office->db, data);
  office->team_a = crm_user_store_create_team (office->db.store, office->db.admin, "Đội A", &error);
  g_assert_no_error (error);
  office->team_b = crm_user_store_create_team (office->db.store, office->db.admin, "Đội B", &error);
  g_assert_no_error (error);
  office->manager = office_add_user (office, "minh.pham", "Phạm Văn Minh", CRM_ROLE_MANAGER, office->team_a);
  office->lan = office_add_user (office, "lan.nguyen", "Nguyễn Thị Lan", CRM_ROLE_STAFF, office->team_a);
  office->hung = office_add_user (office, "hung.tran", "Trần Văn Hùng", CRM_ROLE_STAFF, office->team_a);
  office->mai = office_add_user (office, "mai.le", "Lê Thị Mai", CRM_ROLE_STAFF, office->team_b);
  office->manager_session = office_session (office, office->manager);
  office->lan_session = office_session (office, office->lan);
  office->hung_session = office_session (office, office->hung);
  office->mai_session = office_session (office, office->mai);

  customer->full_name = g_strdup ("Công ty TNHH Hoa Sen");
  customer->kind = CRM_CUSTOMER_KIND_ORGANISATION;
  customer->street = g_strdup ("12 Lê Lợi");
  customer->ward = g_strdup ("Phường Bến Thành");
  customer->province_code = g_strdup ("ho-chi-minh");
  customer->assigned_to = office->lan;
  office->customer = crm_customer_store_create (office->db.store, office->db.admin, customer, &error);
  g_assert_no_error (error);
}

static inline void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->manager_session);
  g_clear_object (&office->lan_session);
  g_clear_object (&office->hung_session);
  g_clear_object (&office->mai_session);
  crm_test_db_teardown (&office->db, data);
}

static inline GDateTime *
office_time (int year,
             int month,
             int day,
             int hour,
             int minute)
{
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

/* An unsaved event of @owner from @start lasting @minutes. */
static inline CrmEvent *
office_event (gint64        owner,
              CrmEventKind  kind,
              const char   *title,
              GDateTime    *start,
              gint          minutes)
{
  CrmEvent *event = crm_event_new ();
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, minutes);

  crm_event_set_owner_id (event, owner);
  crm_event_set_kind (event, kind);
  crm_event_set_title (event, title);
  crm_event_set_times (event, start, end);
  return event;
}

static inline gint64
office_save (Office     *office,
             CrmSession *session,
             CrmEvent   *event)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_event_store_create (office->db.store, session, event, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Reads a number through a second connection, as another program would. */
static inline gint64
office_query_int (Office     *office,
                  const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static inline void
office_exec (Office     *office,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (office->db.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}
