/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* An office for the contract tests: a team with a staff member (lan, who
 * has the customer) and its manager, a staff member of no team (hung),
 * and helpers to make accepted quotes and to read the file from a second
 * connection. */

#include <sqlite3.h>

#include "crm-contract-store.h"
#include "crm-error.h"
#include "crm-quote-store.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb   db;
  gint64      staff[2];
  gint64      manager;
  CrmSession *lan;       /* staff[0], in the manager's team */
  CrmSession *hung;      /* staff[1] */
  CrmSession *boss;      /* manager of staff[0]'s team */
  gint64      customer;  /* assigned to staff[0] */
} Office;

/* Two printers at 3 500 000 ₫ less 5 % (VAT 10 %), ten reams at 65 000 ₫
 * (VAT 8 %): 6 650 000 + 665 000 + 650 000 + 52 000 = 8 017 000 ₫. */
#define TWO_LINE_TOTAL 8017000

static inline gint64
office_query_int (Office     *office,
                  const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static inline char *
office_query_text (Office     *office,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (office->db.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
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
office_open_sessions (Office *office)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  office->lan = office_session (office, office->staff[0]);
  office->hung = office_session (office, office->staff[1]);
  office->boss = office_session (office, office->manager);
}

static inline void
office_set_setting (Office     *office,
                    const char *key,
                    const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, key, value, &error));
  g_assert_no_error (error);
  office_open_sessions (office);
}

static inline void
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
  office_open_sessions (office);
  office->customer = crm_test_add_customer (&office->db, NULL, "Công ty TNHH Đức Phát", "ha-noi",
                                            NULL, office->staff[0]);
}

static inline void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->lan);
  g_clear_object (&office->hung);
  g_clear_object (&office->boss);
  crm_test_db_teardown (&office->db, data);
}

static inline CrmQuoteLine *
office_line (const char *description,
             gint64      quantity_milli,
             gint64      unit_price,
             gint        discount_bp,
             gint        vat_rate_bp)
{
  CrmQuoteLine *line = crm_quote_line_new ();

  line->description = g_strdup (description);
  g_free (line->unit);
  line->unit = g_strdup ("cái");
  line->quantity_milli = quantity_milli;
  line->unit_price = unit_price;
  line->discount_bp = discount_bp;
  line->vat_rate_bp = vat_rate_bp;
  return line;
}

/* A quote of the two lines, sent, and accepted unless @accept is FALSE. */
static inline gint64
office_quote (Office     *office,
              CrmSession *session,
              gboolean    accept)
{
  g_autoptr(CrmQuote) quote = crm_quote_new ();
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(GError) error = NULL;

  quote->customer_id = office->customer;
  quote->issue_date = g_strdup ("2026-03-02");
  quote->valid_until = g_strdup ("2026-04-01");
  quote->terms = g_strdup ("Giao hàng trong 7 ngày.");
  crm_quote_add_line (quote, office_line ("Máy in laser", 2000, 3500000, 500, 1000));
  crm_quote_add_line (quote, office_line ("Giấy A4", 10000, 65000, 0, 800));
  g_assert_cmpint (crm_quote_store_create (office->db.store, session, quote, &error), >, 0);
  g_assert_no_error (error);
  if (!accept)
    return quote->id;
  send->sent_at = g_strdup ("2026-03-02T08:00:00Z");
  send->recipient = g_strdup ("an@ducphat.vn");
  send->channel = CRM_QUOTE_CHANNEL_EMAIL;
  g_assert_true (crm_quote_store_send (office->db.store, session, quote->id, send, &error));
  g_assert_no_error (error);
  g_assert_true (crm_quote_store_accept (office->db.store, session, quote->id, &error));
  g_assert_no_error (error);
  return quote->id;
}

static inline CrmContractInstalment *
office_instalment (const char *due_on,
                   gint64      amount)
{
  CrmContractInstalment *instalment = crm_contract_instalment_new ();

  instalment->due_on = g_strdup (due_on);
  instalment->amount = amount;
  return instalment;
}
