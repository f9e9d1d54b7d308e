/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-quote-store.h"
#include "crm-sample.h"
#include "crm-search-store.h"
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

/* A second connection, as another program would see the file. */
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

static char *
query_text (Office     *office,
            const char *sql)
{
  sqlite3 *db = open_side (office);
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
exec_side (Office     *office,
           const char *sql)
{
  sqlite3 *db = open_side (office);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
query_intf (Office     *office,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gint64
query_intf (Office     *office,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return query_int (office, sql);
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

static CrmQuoteLine *
make_line (const char *description,
           gint64      quantity_milli,
           gint64      unit_price,
           gint        discount_bp,
           gint        vat_rate_bp)
{
  CrmQuoteLine *line = crm_quote_line_new ();

  line->description = g_strdup (description);
  line->quantity_milli = quantity_milli;
  line->unit_price = unit_price;
  line->discount_bp = discount_bp;
  line->vat_rate_bp = vat_rate_bp;
  return line;
}

/* Two printers at 3 500 000 ₫ less 5 % (VAT 10 %), ten reams at 65 000 ₫
 * (VAT 8 %): 6 650 000 + 665 000 + 650 000 + 52 000 = 8 017 000 ₫. */
#define TWO_LINE_TOTAL 8017000

static CrmQuote *
new_quote (gint64      customer_id,
           const char *issue_date,
           const char *valid_until)
{
  CrmQuote *quote = crm_quote_new ();

  quote->customer_id = customer_id;
  quote->issue_date = g_strdup (issue_date);
  quote->valid_until = g_strdup (valid_until);
  quote->terms = g_strdup ("Giao hàng trong 7 ngày.");
  crm_quote_add_line (quote, make_line ("Máy in laser", 2000, 3500000, 500, 1000));
  crm_quote_add_line (quote, make_line ("Giấy A4", 10000, 65000, 0, 800));
  return quote;
}

static gint64
create_quote (Office     *office,
              CrmSession *session,
              CrmQuote   *quote)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_quote_store_create (office->db.store, session ? session : office->db.admin, quote, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_quote (Office     *office,
           CrmSession *session,
           gint64      customer_id)
{
  g_autoptr(CrmQuote) quote = new_quote (customer_id, "2026-03-02", "2026-04-01");

  return create_quote (office, session, quote);
}

static CrmQuote *
get_quote (Office     *office,
           CrmSession *session,
           gint64      quote_id)
{
  g_autoptr(GError) error = NULL;
  CrmQuote *quote = crm_quote_store_get (office->db.store, session ? session : office->db.admin,
                                         quote_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (quote);
  return quote;
}

static CrmQuoteSend *
send_quote (Office          *office,
            CrmSession      *session,
            gint64           quote_id,
            const char      *sent_at,
            const char      *recipient,
            CrmQuoteChannel  channel)
{
  CrmQuoteSend *send = crm_quote_send_new ();
  g_autoptr(GError) error = NULL;

  send->sent_at = g_strdup (sent_at);
  send->recipient = g_strdup (recipient);
  send->channel = channel;
  g_assert_true (crm_quote_store_send (office->db.store, session ? session : office->db.admin, quote_id,
                                       send, &error));
  g_assert_no_error (error);
  return send;
}

static void
save_quote (Office     *office,
            CrmSession *session,
            CrmQuote   *quote)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_quote_store_save (office->db.store, session ? session : office->db.admin, quote, &error));
  g_assert_no_error (error);
}

static char *
describe_sends (Office *office,
                gint64  quote_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sends = crm_quote_store_list_sends (office->db.store, office->db.admin, quote_id, &error);

  g_assert_no_error (error);
  return crm_quote_describe_sends (sends);
}

static CrmQuoteStatus
stored_status (Office *office,
               gint64  quote_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM quotes WHERE id = %" G_GINT64_FORMAT, quote_id);
  g_autofree char *text = query_text (office, sql);
  CrmQuoteStatus status = 99;

  g_assert_true (crm_quote_status_from_string (text, &status));
  return status;
}

static gint64
add_contact (Office     *office,
             gint64      customer_id,
             const char *name)
{
  g_autoptr(CrmContact) contact = crm_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_contact_set_customer_id (contact, customer_id);
  crm_contact_set_full_name (contact, name);
  id = crm_contact_store_create (office->db.store, office->db.admin, contact, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_opportunity (Office *office,
                 gint64  customer_id)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO opportunities (customer_id, title, created_at, updated_at) "
    "VALUES (%" G_GINT64_FORMAT ", 'Trang bị văn phòng', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    customer_id);

  exec_side (office, sql);
  return query_int (office, "SELECT max(id) FROM opportunities");
}

static guint
count_quote_hits (Office     *office,
                  CrmSession *session,
                  const char *query,
                  gint64      quote_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = crm_search_store_find (office->db.store, session, query, 50, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      CrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (hit->kind, "quote") == 0 && (quote_id == 0 || hit->ref_id == quote_id))
        n++;
    }
  return n;
}

/* Creating ------------------------------------------------------------------------ */

static void
test_create_draft (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(CrmQuote) quote = new_quote (office->customer, "02/03/2026", "01/04/2026");
  g_autoptr(CrmQuote) read = NULL;
  g_autoptr(CrmQuote) later = new_quote (office->customer, "2026-05-04", "2026-05-20");
  g_autoptr(CrmQuote) last_year = new_quote (office->customer, "2025-12-30", "2026-01-15");
  gint64 contact = add_contact (office, office->customer, "Nguyễn Văn Đức");
  gint64 opportunity = add_opportunity (office, office->customer);
  gint64 id;

  quote->contact_id = contact;
  quote->opportunity_id = opportunity;
  id = create_quote (office, office->lan, quote);
  g_assert_cmpint (quote->id, ==, id);
  g_assert_cmpstr (quote->code, ==, "BG-2026-0001");
  g_assert_cmpint (quote->status, ==, CRM_QUOTE_STATUS_DRAFT);
  g_assert_cmpint (quote->revision, ==, 1);
  g_assert_cmpint (quote->row_version, ==, 1);
  g_assert_cmpint (quote->owner_id, ==, office->staff[0]);
  g_assert_cmpstr (quote->owner_name, ==, "Trần Thị Lan");
  g_assert_cmpstr (quote->customer_name, ==, "Công ty TNHH Minh Phát");
  g_assert_cmpstr (quote->contact_name, ==, "Nguyễn Văn Đức");
  g_assert_cmpstr (quote->issue_date, ==, "2026-03-02");
  for (guint i = 0; i < quote->lines->len; i++)
    g_assert_cmpint (((CrmQuoteLine *) g_ptr_array_index (quote->lines, i))->id, >, 0);

  /* As stored: totals computed in C, lines in order, audited. */
  g_assert_cmpint (query_intf (office, "SELECT grand_total FROM quotes WHERE id = %" G_GINT64_FORMAT, id),
                   ==, TWO_LINE_TOTAL);
  g_assert_cmpint (query_int (office, "SELECT subtotal FROM quotes"), ==, 7650000);
  g_assert_cmpint (query_int (office, "SELECT discount_total FROM quotes"), ==, 350000);
  g_assert_cmpint (query_int (office, "SELECT vat_total FROM quotes"), ==, 717000);
  g_assert_cmpint (query_int (office, "SELECT created_by FROM quotes"), ==, office->staff[0]);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_lines"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'quote' "
                                      "AND action = 'create' AND new_value = 'BG-2026-0001'"), ==, 1);

  read = get_quote (office, office->lan, id);
  g_assert_true (crm_quote_same_content (read, quote));
  g_assert_cmpstr (read->code, ==, "BG-2026-0001");
  g_assert_cmpstr (read->owner_name, ==, "Trần Thị Lan");
  g_assert_cmpstr (read->customer_code, ==, quote->customer_code);
  g_assert_cmpint (read->opportunity_id, ==, opportunity);
  g_assert_cmpstr (((CrmQuoteLine *) g_ptr_array_index (read->lines, 1))->description, ==, "Giấy A4");

  /* Numbered per year of the quote's own date. */
  create_quote (office, office->lan, later);
  create_quote (office, office->lan, last_year);
  g_assert_cmpstr (later->code, ==, "BG-2026-0002");
  g_assert_cmpstr (last_year->code, ==, "BG-2025-0001");

  /* The header search finds a code as people type it, and by customer. */
  g_assert_cmpuint (count_quote_hits (office, office->lan, "BG-2026-1", id), ==, 1);
  g_assert_cmpuint (count_quote_hits (office, office->lan, "BG-2026-1", 0), ==, 1);
  g_assert_cmpuint (count_quote_hits (office, office->lan, "bg 2026 0002", later->id), ==, 1);
  g_assert_cmpuint (count_quote_hits (office, office->lan, "BG 2025 1", last_year->id), ==, 1);
  g_assert_cmpuint (count_quote_hits (office, office->lan, "minh phat", 0), ==, 3);
}

static void
test_create_refuses (Office        *office,
                     gconstpointer  data)
{
  gint64 other = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai", NULL, NULL, office->staff[1]);
  gint64 their_contact = add_contact (office, other, "Lê Thị Hoa");
  gint64 their_opportunity = add_opportunity (office, other);
  gint64 audits = query_int (office, "SELECT count(*) FROM audit_log");
  g_autoptr(CrmQuote) quote = new_quote (office->customer, "2026-03-02", "2026-04-01");
  g_autoptr(GError) error = NULL;

  quote->contact_id = their_contact;
  g_assert_cmpint (crm_quote_store_create (office->db.store, office->lan, quote, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  quote->contact_id = 0;
  quote->opportunity_id = their_opportunity;
  g_assert_cmpint (crm_quote_store_create (office->db.store, office->lan, quote, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Choose one of this customer's own opportunities.");
  g_clear_error (&error);
  quote->opportunity_id = 0;

  g_free (quote->valid_until);
  quote->valid_until = g_strdup ("2026-03-01");
  g_assert_cmpint (crm_quote_store_create (office->db.store, office->lan, quote, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_free (quote->valid_until);
  quote->valid_until = g_strdup ("2026-04-01");

  /* Own mode: Hùng does not see Lan's customer. */
  set_setting (office, "customer_visibility", "own");
  audits = query_int (office, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (crm_quote_store_create (office->db.store, office->hung, quote, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* Nothing written, no number used, the caller's quote as it was. */
  g_assert_cmpint (quote->id, ==, 0);
  g_assert_null (quote->code);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quotes"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_lines"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM counters WHERE name LIKE 'quote-%'"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);

  create_quote (office, office->lan, quote);
  g_assert_cmpstr (quote->code, ==, "BG-2026-0001");
}

/* Saving -------------------------------------------------------------------------- */

static void
test_save_draft (Office        *office,
                 gconstpointer  data)
{
  gint64 id = add_quote (office, office->lan, office->customer);
  gint64 contact = add_contact (office, office->customer, "Nguyễn Văn Đức");
  g_autoptr(CrmQuote) quote = get_quote (office, office->lan, id);
  g_autoptr(CrmQuote) stale = NULL;
  g_autoptr(CrmQuote) again = NULL;
  g_autoptr(GError) error = NULL;
  CrmQuoteLine *first = g_ptr_array_index (quote->lines, 0);
  gint64 first_id = first->id;
  gint64 audits;

  stale = crm_quote_copy (quote);
  first->unit_price = 3000000;
  g_ptr_array_remove_index (quote->lines, 1);
  crm_quote_add_line (quote, make_line ("Lắp đặt", 1000, 200000, 0, 1000));
  g_free (quote->terms);
  quote->terms = g_strdup ("Giao hàng trong 3 ngày.");
  quote->contact_id = contact;
  save_quote (office, office->lan, quote);

  /* A draft changes in place: same revision, no snapshot. */
  g_assert_cmpint (quote->revision, ==, 1);
  g_assert_cmpint (quote->row_version, ==, 2);
  g_assert_cmpint (((CrmQuoteLine *) g_ptr_array_index (quote->lines, 0))->id, ==, first_id);
  g_assert_cmpint (((CrmQuoteLine *) g_ptr_array_index (quote->lines, 1))->id, >, first_id);
  g_assert_cmpstr (quote->contact_name, ==, "Nguyễn Văn Đức");
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT revision FROM quotes"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT row_version FROM quotes"), ==, 2);
  /* 2 × 3 000 000 − 5 % = 5 700 000, + 200 000; VAT 10 % on 5 900 000. */
  g_assert_cmpint (query_int (office, "SELECT grand_total FROM quotes"), ==, 6490000);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_lines"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'quote' AND action = 'update' "
                                      "AND field IN ('terms', 'contact_id', 'lines', 'grand_total')"), ==, 4);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE field = 'revision'"), ==, 0);

  /* Saving what is stored writes nothing. */
  audits = query_int (office, "SELECT count(*) FROM audit_log");
  again = get_quote (office, office->lan, id);
  save_quote (office, office->lan, again);
  g_assert_cmpint (again->row_version, ==, 2);
  g_assert_cmpint (query_int (office, "SELECT row_version FROM quotes"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);

  /* A second window with the old version is refused, nothing written. */
  g_free (stale->notes);
  stale->notes = g_strdup ("Khách hỏi giảm giá");
  g_assert_false (crm_quote_store_save (office->db.store, office->lan, stale, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (stale->row_version, ==, 1);
  g_assert_cmpint (query_int (office, "SELECT notes IS NULL FROM quotes"), ==, 1);

  /* A quote stays with its customer. */
  again->customer_id = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai", NULL, NULL, 0);
  audits = query_int (office, "SELECT count(*) FROM audit_log");
  g_assert_false (crm_quote_store_save (office->db.store, office->db.admin, again, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);

  /* Bad input is refused with a clear message. */
  again->customer_id = office->customer;
  ((CrmQuoteLine *) g_ptr_array_index (again->lines, 0))->discount_bp = 12000;
  g_assert_false (crm_quote_store_save (office->db.store, office->lan, again, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Line 1: the discount must be between 0 % and 100 %.");
  g_assert_cmpint (((CrmQuoteLine *) g_ptr_array_index (again->lines, 0))->discount_bp, ==, 12000);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);
}

/* Sending -------------------------------------------------------------------------- */

static void
test_send_records (Office        *office,
                   gconstpointer  data)
{
  gint64 contact = add_contact (office, office->customer, "Nguyễn Văn Đức");
  g_autoptr(CrmQuote) quote = new_quote (office->customer, "2026-03-02", "2026-04-01");
  g_autoptr(CrmQuoteSend) first = NULL;
  g_autoptr(CrmQuoteSend) second = NULL;
  g_autoptr(CrmQuote) sent = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *described = NULL;
  g_autofree char *described_twice = NULL;
  g_autofree char *snapshot = NULL;
  gint64 customer_version = query_int (office, "SELECT row_version FROM customers");
  gint64 id;

  quote->contact_id = contact;
  id = create_quote (office, office->lan, quote);
  first = send_quote (office, office->lan, id, "2026-03-05T09:30:00+07:00", " an@minhphat.vn ",
                      CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_cmpint (first->id, >, 0);
  g_assert_cmpint (first->quote_id, ==, id);
  g_assert_cmpint (first->revision, ==, 1);
  g_assert_cmpint (first->interaction_id, >, 0);
  g_assert_cmpint (first->user_id, ==, office->staff[0]);
  g_assert_cmpstr (first->user_name, ==, "Trần Thị Lan");
  g_assert_cmpstr (first->sent_at, ==, "2026-03-05T02:30:00Z");
  g_assert_cmpstr (first->recipient, ==, "an@minhphat.vn");

  sent = get_quote (office, office->lan, id);
  g_assert_cmpint (sent->status, ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpint (sent->row_version, ==, 2);
  g_assert_cmpint (sent->revision, ==, 1);

  /* The send is an entry of the customer's history, in the same transaction. */
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions WHERE kind = 'quote_sent'"), ==, 1);
  g_assert_cmpint (query_intf (office, "SELECT interaction_id FROM quote_sends WHERE id = %" G_GINT64_FORMAT,
                               first->id), ==, first->interaction_id);
  g_assert_cmpint (query_int (office, "SELECT ref_id FROM interactions WHERE ref_kind = 'quote'"), ==, id);
  g_assert_cmpint (query_int (office, "SELECT user_id FROM interactions"), ==, office->staff[0]);
  g_assert_cmpint (query_int (office, "SELECT contact_id FROM interactions"), ==, contact);
  summary = query_text (office, "SELECT summary || ' / ' || channel || ' / ' || occurred_at FROM interactions");
  g_assert_cmpstr (summary, ==, "Quote BG-2026-0001 sent to an@minhphat.vn / email / 2026-03-05T02:30:00Z");
  g_clear_pointer (&summary, g_free);
  summary = query_text (office, "SELECT last_contact_at FROM customers");
  g_assert_cmpstr (summary, ==, "2026-03-05T02:30:00Z");
  g_assert_cmpint (query_int (office, "SELECT row_version FROM customers"), ==, customer_version + 1);

  /* The version the customer received is kept. */
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions WHERE revision = 1"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT grand_total FROM quote_revisions"), ==, TWO_LINE_TOTAL);
  g_assert_cmpint (query_int (office, "SELECT created_by FROM quote_revisions"), ==, office->staff[0]);
  snapshot = query_text (office, "SELECT snapshot FROM quote_revisions");
  g_assert_true (g_str_has_prefix (snapshot, "{\"format\":1,\"code\":\"BG-2026-0001\",\"revision\":1,"));
  described = describe_sends (office, id);
  g_assert_cmpstr (described, ==, "Sent on 05/03/2026 to an@minhphat.vn");

  /* Sent again by hand: no new version, still sent. */
  second = send_quote (office, office->lan, id, "2026-03-06T10:00:00+07:00", "Chị Hoa", CRM_QUOTE_CHANNEL_HAND);
  g_assert_cmpint (second->revision, ==, 1);
  g_assert_cmpint (stored_status (office, id), ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_sends"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions WHERE channel = 'in_person'"), ==, 1);
  described_twice = describe_sends (office, id);
  g_assert_cmpstr (described_twice, ==, "Sent 2 times, last on 06/03/2026 to Chị Hoa");

  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'quote' AND action = 'status' "
                                      "AND old_value = 'draft' AND new_value = 'sent'"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'quote' AND action = 'send'"),
                   ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'interaction' "
                                      "AND action = 'create' AND new_value = 'quote_sent'"), ==, 2);
}

static void
expect_send_refused (Office          *office,
                     gint64           quote_id,
                     const char      *sent_at,
                     const char      *recipient,
                     CrmQuoteChannel  channel,
                     int              code)
{
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(GError) error = NULL;

  send->sent_at = g_strdup (sent_at);
  send->recipient = g_strdup (recipient);
  send->channel = channel;
  g_assert_false (crm_quote_store_send (office->db.store, office->lan, quote_id, send, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_cmpint (send->id, ==, 0);
}

static void
test_send_refuses (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(CrmQuote) empty = new_quote (office->customer, "2026-03-02", "2026-04-01");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 10);
  g_autoptr(GDateTime) ahead = g_date_time_add_days (now, 2);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *valid = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *future = g_date_time_format_iso8601 (ahead);
  g_autoptr(CrmQuote) current = new_quote (office->customer, today, valid);
  g_autoptr(CrmQuoteSend) now_send = NULL;
  gint64 id, current_id, audits;

  g_ptr_array_set_size (empty->lines, 0);
  id = create_quote (office, office->lan, empty);
  audits = query_int (office, "SELECT count(*) FROM audit_log");
  expect_send_refused (office, id, "2026-03-05T09:00:00+07:00", "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL,
                       CRM_VALIDATION_ERROR_REQUIRED);

  crm_quote_add_line (empty, make_line ("Máy in", 1000, 100000, 0, 1000));
  save_quote (office, office->lan, empty);
  audits = query_int (office, "SELECT count(*) FROM audit_log");
  /* After the validity date (local date 02/04), before the quote's own date. */
  expect_send_refused (office, id, "2026-04-01T17:30:00Z", "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL,
                       CRM_VALIDATION_ERROR_RANGE);
  expect_send_refused (office, id, "2026-03-01T16:59:00Z", "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL,
                       CRM_VALIDATION_ERROR_RANGE);
  expect_send_refused (office, id, "2026-03-05T09:00:00+07:00", "  ", CRM_QUOTE_CHANNEL_EMAIL,
                       CRM_VALIDATION_ERROR_REQUIRED);
  expect_send_refused (office, id, "hôm qua", "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL,
                       CRM_VALIDATION_ERROR_DATE);
  expect_send_refused (office, id, "2026-03-05T09:00:00+07:00", "an@minhphat.vn", (CrmQuoteChannel) 9,
                       CRM_VALIDATION_ERROR_FORMAT);
  expect_send_refused (office, id, future, "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL,
                       CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpint (stored_status (office, id), ==, CRM_QUOTE_STATUS_DRAFT);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_sends"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);

  /* The last minute of the validity date (local) is still in time. */
  g_clear_pointer (&now_send, crm_quote_send_free);
  now_send = send_quote (office, office->lan, id, "2026-04-01T16:59:00Z", "an@minhphat.vn",
                         CRM_QUOTE_CHANNEL_ONLINE);
  g_clear_pointer (&now_send, crm_quote_send_free);

  /* Without a time: now. */
  current_id = create_quote (office, office->lan, current);
  now_send = send_quote (office, office->lan, current_id, NULL, "an@minhphat.vn", CRM_QUOTE_CHANNEL_PRINT);
  g_assert_nonnull (now_send->sent_at);
  g_assert_true (g_str_has_suffix (now_send->sent_at, "Z"));
}

/* Revisions --------------------------------------------------------------------------- */

static void
test_revisions (Office        *office,
                gconstpointer  data)
{
  gint64 id = add_quote (office, office->lan, office->customer);
  g_autoptr(CrmQuoteSend) first = send_quote (office, office->lan, id, "2026-03-05T09:00:00+07:00",
                                              "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL);
  g_autoptr(CrmQuote) v1 = get_quote (office, office->lan, id);
  g_autoptr(CrmQuote) quote = crm_quote_copy (v1);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(CrmQuoteRevision) one = NULL;
  g_autoptr(CrmQuoteRevision) two = NULL;
  g_autoptr(CrmQuoteRevision) missing = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(CrmQuoteSend) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot_before = query_text (office, "SELECT snapshot FROM quote_revisions");
  g_autofree char *snapshot_after = NULL;
  g_autofree char *summary = NULL;
  const CrmQuoteLineDiff *diff;

  /* A change after sending makes v2 under the same code. */
  ((CrmQuoteLine *) g_ptr_array_index (quote->lines, 1))->discount_bp = 1000;
  crm_quote_add_line (quote, make_line ("Lắp đặt", 1000, 200000, 0, 1000));
  save_quote (office, office->boss, quote);
  g_assert_cmpint (quote->revision, ==, 2);
  g_assert_cmpstr (quote->code, ==, v1->code);
  g_assert_cmpint (quote->status, ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpint (query_int (office, "SELECT revision FROM quotes"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT created_by FROM quote_revisions WHERE revision = 2"), ==,
                   office->manager);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE field = 'revision' "
                                      "AND old_value = '1' AND new_value = '2'"), ==, 1);

  revisions = crm_quote_store_list_revisions (office->db.store, office->lan, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  one = crm_quote_revision_copy (g_ptr_array_index (revisions, 0));
  g_assert_cmpint (one->revision, ==, 1);
  g_assert_cmpint (one->grand_total, ==, TWO_LINE_TOTAL);
  g_assert_cmpstr (one->created_by_name, ==, "Trần Thị Lan");
  g_assert_true (crm_quote_same_content (one->quote, v1));
  g_assert_cmpstr (one->quote->customer_name, ==, "Công ty TNHH Minh Phát");

  two = crm_quote_store_get_revision (office->db.store, office->lan, id, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (two->revision, ==, 2);
  g_assert_cmpstr (two->created_by_name, ==, "Đỗ Văn Minh");
  g_assert_true (crm_quote_same_content (two->quote, quote));
  g_assert_cmpint (two->grand_total, ==, query_int (office, "SELECT grand_total FROM quotes"));

  /* Line by line from v1 to v2: the paper discounted, installation added. */
  diffs = crm_quote_diff_lines (one->quote, two->quote);
  g_assert_cmpuint (diffs->len, ==, 3);
  diff = g_ptr_array_index (diffs, 0);
  g_assert_cmpint (diff->change, ==, CRM_QUOTE_LINE_SAME);
  diff = g_ptr_array_index (diffs, 1);
  g_assert_cmpint (diff->change, ==, CRM_QUOTE_LINE_CHANGED);
  g_assert_cmpint (diff->fields, ==, CRM_QUOTE_LINE_FIELD_DISCOUNT);
  g_assert_cmpstr (diff->new_line->description, ==, "Giấy A4");
  diff = g_ptr_array_index (diffs, 2);
  g_assert_cmpint (diff->change, ==, CRM_QUOTE_LINE_ADDED);

  missing = crm_quote_store_get_revision (office->db.store, office->lan, id, 3, &error);
  g_assert_null (missing);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* v3, sent: the send names its revision; v1 never changes. */
  g_free (quote->valid_until);
  quote->valid_until = g_strdup ("2026-04-30");
  save_quote (office, office->lan, quote);
  g_assert_cmpint (quote->revision, ==, 3);
  third = send_quote (office, office->lan, id, "2026-03-09T09:00:00+07:00", "an@minhphat.vn",
                      CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_cmpint (third->revision, ==, 3);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 3);
  summary = query_text (office, "SELECT summary FROM interactions ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (summary, ==, "Quote BG-2026-0001 (revision 3) sent to an@minhphat.vn");
  snapshot_after = query_text (office, "SELECT snapshot FROM quote_revisions WHERE revision = 1");
  g_assert_cmpstr (snapshot_after, ==, snapshot_before);
  g_assert_cmpint (first->revision, ==, 1);
}

/* Status ------------------------------------------------------------------------------ */

static void
test_accept_locks (Office        *office,
                   gconstpointer  data)
{
  gint64 id = add_quote (office, office->lan, office->customer);
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 audits;

  g_assert_false (crm_quote_store_accept (office->db.store, office->lan, id, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Only a sent quote can be accepted or rejected. Quote BG-2026-0001 is “Draft”.");
  g_clear_error (&error);

  g_clear_pointer (&send, crm_quote_send_free);
  send = send_quote (office, office->lan, id, "2026-03-05T09:00:00+07:00", "an@minhphat.vn",
                     CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_true (crm_quote_store_accept (office->db.store, office->lan, id, &error));
  g_assert_no_error (error);
  quote = get_quote (office, office->lan, id);
  g_assert_cmpint (quote->status, ==, CRM_QUOTE_STATUS_ACCEPTED);
  g_assert_nonnull (quote->accepted_at);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'status' "
                                      "AND new_value = 'accepted'"), ==, 1);

  /* Locked: no change, no send, no other decision. */
  audits = query_int (office, "SELECT count(*) FROM audit_log");
  ((CrmQuoteLine *) g_ptr_array_index (quote->lines, 0))->unit_price = 1;
  g_assert_false (crm_quote_store_save (office->db.store, office->db.admin, quote, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  message = g_strdup (error->message);
  g_assert_cmpstr (message, ==, "Quote BG-2026-0001 was accepted by the customer and is locked: "
                                "it can no longer be changed or sent.");
  g_clear_error (&error);
  g_assert_false (crm_quote_store_send (office->db.store, office->lan, id, send, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_quote_store_reject (office->db.store, office->lan, id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_quote_store_accept (office->db.store, office->lan, id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);
  g_assert_cmpint (query_int (office, "SELECT grand_total FROM quotes"), ==, TWO_LINE_TOTAL);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_sends"), ==, 1);
}

static void
test_reject_and_resend (Office        *office,
                        gconstpointer  data)
{
  gint64 id = add_quote (office, office->lan, office->customer);
  g_autoptr(CrmQuoteSend) first = send_quote (office, office->lan, id, "2026-03-05T09:00:00+07:00",
                                              "an@minhphat.vn", CRM_QUOTE_CHANNEL_EMAIL);
  g_autoptr(CrmQuoteSend) second = NULL;
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_quote_store_reject (office->db.store, office->lan, id, &error));
  g_assert_no_error (error);
  quote = get_quote (office, office->lan, id);
  g_assert_cmpint (quote->status, ==, CRM_QUOTE_STATUS_REJECTED);
  g_assert_nonnull (quote->rejected_at);

  /* Revised at a better price, still rejected until sent again. */
  ((CrmQuoteLine *) g_ptr_array_index (quote->lines, 0))->discount_bp = 1500;
  save_quote (office, office->lan, quote);
  g_assert_cmpint (quote->revision, ==, 2);
  g_assert_cmpint (stored_status (office, id), ==, CRM_QUOTE_STATUS_REJECTED);
  second = send_quote (office, office->lan, id, "2026-03-07T09:00:00+07:00", "an@minhphat.vn",
                       CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_cmpint (second->revision, ==, 2);
  g_assert_cmpint (stored_status (office, id), ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpint (query_int (office, "SELECT rejected_at IS NULL FROM quotes"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'status' "
                                      "AND old_value = 'rejected' AND new_value = 'sent'"), ==, 1);
}

static void
test_expire_due (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmQuote) due = new_quote (office->customer, "2026-03-02", "2026-03-10");
  g_autoptr(CrmQuote) later = new_quote (office->customer, "2026-03-02", "2026-03-31");
  g_autoptr(CrmQuote) draft = new_quote (office->customer, "2026-03-02", "2026-03-10");
  g_autoptr(CrmQuote) accepted = new_quote (office->customer, "2026-03-02", "2026-03-10");
  g_autoptr(CrmQuote) reopened = NULL;
  g_autoptr(CrmQuoteSend) send = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;

  create_quote (office, office->lan, due);
  create_quote (office, office->lan, later);
  create_quote (office, office->lan, draft);
  create_quote (office, office->lan, accepted);
  g_clear_pointer (&send, crm_quote_send_free);
  send = send_quote (office, NULL, due->id, "2026-03-03T09:00:00+07:00", "a@b.vn", CRM_QUOTE_CHANNEL_EMAIL);
  g_clear_pointer (&send, crm_quote_send_free);
  send = send_quote (office, NULL, later->id, "2026-03-03T09:00:00+07:00", "a@b.vn", CRM_QUOTE_CHANNEL_EMAIL);
  g_clear_pointer (&send, crm_quote_send_free);
  send = send_quote (office, NULL, accepted->id, "2026-03-03T09:00:00+07:00", "a@b.vn", CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_true (crm_quote_store_accept (office->db.store, office->db.admin, accepted->id, &error));
  version = query_intf (office, "SELECT row_version FROM quotes WHERE id = %" G_GINT64_FORMAT, due->id);

  /* Valid through its last day. */
  g_assert_cmpint (crm_quote_store_expire_due (office->db.store, office->lan, "2026-03-10", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_quote_store_expire_due (office->db.store, office->lan, "11/03/2026", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (office, due->id), ==, CRM_QUOTE_STATUS_EXPIRED);
  g_assert_cmpint (stored_status (office, later->id), ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpint (stored_status (office, draft->id), ==, CRM_QUOTE_STATUS_DRAFT);
  g_assert_cmpint (stored_status (office, accepted->id), ==, CRM_QUOTE_STATUS_ACCEPTED);
  g_assert_cmpint (query_intf (office, "SELECT row_version FROM quotes WHERE id = %" G_GINT64_FORMAT, due->id),
                   ==, version + 1);
  g_assert_cmpint (query_intf (office, "SELECT count(*) FROM audit_log WHERE entity = 'quote' AND entity_id = %"
                               G_GINT64_FORMAT " AND action = 'status' AND old_value = 'sent' "
                               "AND new_value = 'expired' AND user_id = %" G_GINT64_FORMAT,
                               due->id, office->staff[0]), ==, 1);
  g_assert_cmpint (crm_quote_store_expire_due (office->db.store, office->lan, "2026-03-11", &error), ==, 0);
  g_assert_cmpint (crm_quote_store_expire_due (office->db.store, office->lan, "2026-04-01", &error), ==, 1);
  g_assert_cmpint (crm_quote_store_expire_due (office->db.store, office->lan, "hôm nay", &error), ==, -1);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);

  /* An expired quote given a new validity date goes out again. */
  reopened = get_quote (office, office->lan, due->id);
  g_free (reopened->valid_until);
  reopened->valid_until = g_strdup ("2026-03-31");
  save_quote (office, office->lan, reopened);
  g_assert_cmpint (reopened->revision, ==, 2);
  g_clear_pointer (&send, crm_quote_send_free);
  send = send_quote (office, office->lan, due->id, "2026-03-12T09:00:00+07:00", "a@b.vn", CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_cmpint (stored_status (office, due->id), ==, CRM_QUOTE_STATUS_SENT);
}

/* Who sees and changes what ------------------------------------------------------------ */

static guint
count_for_customer (Office     *office,
                    CrmSession *session,
                    gint64      customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_quote_store_list_for_customer (office->db.store, session, customer_id, &error);

  g_assert_no_error (error);
  return rows->len;
}

static gint64
count_all (Office     *office,
           CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_quote_store_fetch (office->db.store, session, -1, CRM_QUOTE_SORT_CODE, TRUE,
                                                     0, 100, &error);
  gint64 count;

  g_assert_no_error (error);
  count = crm_quote_store_count (office->db.store, session, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, rows->len);
  return count;
}

static void
test_staff_own_mode (Office        *office,
                     gconstpointer  data)
{
  gint64 id = add_quote (office, office->lan, office->customer);
  g_autoptr(CrmQuoteSend) send = send_quote (office, office->lan, id, "2026-03-05T09:00:00+07:00", "a@b.vn",
                                             CRM_QUOTE_CHANNEL_EMAIL);
  g_autoptr(CrmQuote) copy = get_quote (office, office->lan, id);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CrmQuote) none = NULL;
  g_autoptr(GError) error = NULL;

  set_setting (office, "customer_visibility", "own");
  none = crm_quote_store_get (office->db.store, office->hung, id, &error);
  g_assert_null (none);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = crm_quote_store_list_for_customer (office->db.store, office->hung, office->customer, &error);
  g_assert_null (rows);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (crm_quote_store_list_sends (office->db.store, office->hung, id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_quote_store_list_revisions (office->db.store, office->hung, id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_quote_store_get_revision (office->db.store, office->hung, id, 1, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_quote_store_save (office->db.store, office->hung, copy, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_quote_store_send (office->db.store, office->hung, id, send, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_quote_store_accept (office->db.store, office->hung, id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_all (office, office->hung), ==, 0);
  g_assert_cmpuint (count_quote_hits (office, office->hung, "BG-2026-1", 0), ==, 0);

  /* Their own staff member, their manager and the administrator do. */
  g_assert_cmpint (count_all (office, office->lan), ==, 1);
  g_assert_cmpint (count_all (office, office->boss), ==, 1);
  g_assert_cmpint (count_all (office, office->db.admin), ==, 1);
  g_assert_cmpuint (count_for_customer (office, office->boss, office->customer), ==, 1);
  g_assert_cmpuint (count_quote_hits (office, office->lan, "BG-2026-1", id), ==, 1);
  g_assert_cmpint (stored_status (office, id), ==, CRM_QUOTE_STATUS_SENT);
}

/* staff_see_others_transactions = '0': on shared customers staff read only
 * their own quotes; on their own customers every quote. */
static void
test_staff_see_others_setting (Office        *office,
                               gconstpointer  data)
{
  gint64 shared = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai", NULL, NULL,
                                         crm_session_get_user_id (office->db.admin));
  gint64 lan_quote = add_quote (office, office->lan, shared);
  gint64 hung_quote = add_quote (office, office->hung, shared);
  gint64 admin_quote = add_quote (office, NULL, office->customer);
  g_autoptr(CrmQuote) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count_all (office, office->hung), ==, 3);
  g_assert_cmpuint (count_for_customer (office, office->hung, shared), ==, 2);

  set_setting (office, "staff_see_others_transactions", "0");
  g_assert_cmpint (count_all (office, office->hung), ==, 1);
  g_assert_cmpuint (count_for_customer (office, office->hung, shared), ==, 1);
  g_assert_cmpuint (count_for_customer (office, office->hung, office->customer), ==, 0);
  g_assert_cmpint (count_all (office, office->lan), ==, 2);
  g_assert_cmpuint (count_for_customer (office, office->lan, office->customer), ==, 1);
  g_assert_cmpint (count_all (office, office->boss), ==, 3);
  g_assert_cmpint (count_all (office, office->db.admin), ==, 3);
  none = crm_quote_store_get (office->db.store, office->hung, lan_quote, &error);
  g_assert_null (none);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_quote_hits (office, office->hung, "hoa mai", 0), ==, 1);
  g_assert_cmpuint (count_quote_hits (office, office->hung, "hoa mai", hung_quote), ==, 1);
  (void) admin_quote;
}

/* Staff change their own quotes and those of the customers assigned to
 * them; managers and administrators any quote they see. */
static void
test_staff_change_rights (Office        *office,
                          gconstpointer  data)
{
  gint64 shared = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai", NULL, NULL,
                                         crm_session_get_user_id (office->db.admin));
  gint64 lan_quote = add_quote (office, office->lan, shared);
  gint64 admin_quote = add_quote (office, NULL, office->customer);
  g_autoptr(CrmQuote) theirs = get_quote (office, office->hung, lan_quote);
  g_autoptr(CrmQuote) on_own_customer = get_quote (office, office->lan, admin_quote);
  g_autoptr(CrmQuote) by_manager = get_quote (office, office->boss, lan_quote);
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(CrmQuoteSend) sent = NULL;
  g_autoptr(GError) error = NULL;

  g_free (theirs->notes);
  theirs->notes = g_strdup ("Hùng sửa");
  g_assert_false (crm_quote_store_save (office->db.store, office->hung, theirs, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  send->recipient = g_strdup ("a@b.vn");
  send->sent_at = g_strdup ("2026-03-05T09:00:00+07:00");
  g_assert_false (crm_quote_store_send (office->db.store, office->hung, lan_quote, send, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quotes WHERE notes IS NOT NULL"), ==, 0);

  g_free (on_own_customer->notes);
  on_own_customer->notes = g_strdup ("Lan sửa");
  save_quote (office, office->lan, on_own_customer);
  g_free (by_manager->notes);
  by_manager->notes = g_strdup ("Trưởng nhóm sửa");
  save_quote (office, office->boss, by_manager);
  sent = send_quote (office, office->boss, lan_quote, "2026-03-05T09:00:00+07:00", "a@b.vn",
                     CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quotes WHERE notes IS NOT NULL"), ==, 2);
}

/* Lists --------------------------------------------------------------------------------- */

static void
assert_codes (Office       *office,
              CrmQuoteSort  sort,
              gboolean      ascending,
              int           status,
              guint         offset,
              guint         limit,
              const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_quote_store_fetch (office->db.store, office->lan, status, sort, ascending,
                                                     offset, limit, &error);
  g_autoptr(GString) codes = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmQuoteRow *row = g_ptr_array_index (rows, i);

      g_string_append_printf (codes, "%s%s", i > 0 ? " " : "", row->code + strlen ("BG-"));
    }
  g_assert_cmpstr (codes->str, ==, expected);
}

static void
test_lists_and_sort (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(CrmQuote) small = new_quote (office->customer, "2026-03-10", "2026-04-01");
  g_autoptr(CrmQuote) big = new_quote (office->customer, "2026-03-01", "2026-04-01");
  g_autoptr(CrmQuote) middle = new_quote (office->customer, "2026-03-05", "2026-04-01");
  g_autoptr(CrmQuote) old = new_quote (office->customer, "2025-12-01", "2025-12-31");
  g_autoptr(CrmQuoteSend) send = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const CrmQuoteRow *row;

  ((CrmQuoteLine *) g_ptr_array_index (small->lines, 0))->quantity_milli = 1000;
  ((CrmQuoteLine *) g_ptr_array_index (big->lines, 0))->quantity_milli = 9000;
  create_quote (office, office->lan, small);    /* BG-2026-0001 */
  exec_side (office, "UPDATE counters SET value = 9998 WHERE name = 'quote-2026'");
  create_quote (office, office->lan, big);      /* BG-2026-9999 */
  create_quote (office, office->lan, middle);   /* BG-2026-10000 */
  create_quote (office, office->lan, old);      /* BG-2025-0001 */
  g_assert_cmpstr (middle->code, ==, "BG-2026-10000");
  send = send_quote (office, office->lan, middle->id, "2026-03-06T09:00:00+07:00", "a@b.vn",
                     CRM_QUOTE_CHANNEL_EMAIL);

  assert_codes (office, CRM_QUOTE_SORT_CODE, TRUE, -1, 0, 10, "2025-0001 2026-0001 2026-9999 2026-10000");
  assert_codes (office, CRM_QUOTE_SORT_CODE, FALSE, -1, 0, 10, "2026-10000 2026-9999 2026-0001 2025-0001");
  assert_codes (office, CRM_QUOTE_SORT_CODE, TRUE, -1, 1, 2, "2026-0001 2026-9999");
  assert_codes (office, CRM_QUOTE_SORT_ISSUE_DATE, TRUE, -1, 0, 10, "2025-0001 2026-9999 2026-10000 2026-0001");
  assert_codes (office, CRM_QUOTE_SORT_ISSUE_DATE, FALSE, -1, 0, 10, "2026-0001 2026-10000 2026-9999 2025-0001");
  assert_codes (office, CRM_QUOTE_SORT_TOTAL, FALSE, -1, 0, 10, "2026-9999 2026-10000 2025-0001 2026-0001");
  assert_codes (office, CRM_QUOTE_SORT_TOTAL, TRUE, -1, 0, 2, "2026-0001 2025-0001");
  assert_codes (office, CRM_QUOTE_SORT_STATUS, TRUE, -1, 0, 10, "2025-0001 2026-0001 2026-9999 2026-10000");
  assert_codes (office, CRM_QUOTE_SORT_STATUS, FALSE, -1, 0, 10, "2026-10000 2026-9999 2026-0001 2025-0001");
  assert_codes (office, CRM_QUOTE_SORT_CODE, TRUE, CRM_QUOTE_STATUS_SENT, 0, 10, "2026-10000");
  g_assert_cmpint (crm_quote_store_count (office->db.store, office->lan, CRM_QUOTE_STATUS_DRAFT, &error), ==, 3);
  g_assert_cmpint (crm_quote_store_count (office->db.store, office->lan, CRM_QUOTE_STATUS_ACCEPTED, &error), ==, 0);

  /* A customer's quotes, newest first, with what the list shows. */
  rows = crm_quote_store_list_for_customer (office->db.store, office->lan, office->customer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->code, ==, "BG-2026-0001");
  g_assert_cmpstr (row->customer_name, ==, "Công ty TNHH Minh Phát");
  g_assert_cmpstr (row->owner_name, ==, "Trần Thị Lan");
  g_assert_cmpstr (row->issue_date, ==, "2026-03-10");
  g_assert_cmpint (row->status, ==, CRM_QUOTE_STATUS_DRAFT);
  g_assert_cmpint (row->revision, ==, 1);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row->code, ==, "BG-2026-10000");
  g_assert_cmpint (row->status, ==, CRM_QUOTE_STATUS_SENT);
  g_assert_cmpint (row->grand_total, ==, TWO_LINE_TOTAL);
}

/* Nothing half-written ----------------------------------------------------------------- */

static void
test_failure_rolls_back (Office        *office,
                         gconstpointer  data)
{
  gint64 id = add_quote (office, office->lan, office->customer);
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(CrmQuoteSend) sent = NULL;
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(CrmQuote) before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audits = query_int (office, "SELECT count(*) FROM audit_log");
  gint64 customer_version = query_int (office, "SELECT row_version FROM customers");
  const char *const triggers[] = {
    "CREATE TRIGGER test_refuse BEFORE INSERT ON quote_revisions "
    "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
    "CREATE TRIGGER test_refuse BEFORE INSERT ON quote_sends "
    "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
    "CREATE TRIGGER test_refuse BEFORE UPDATE OF status ON quotes "
    "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
  };

  /* A send fails at its snapshot, at its row, at the status: no trace. */
  send->recipient = g_strdup ("an@minhphat.vn");
  send->sent_at = g_strdup ("2026-03-05T09:00:00+07:00");
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      exec_side (office, triggers[i]);
      g_assert_false (crm_quote_store_send (office->db.store, office->lan, id, send, &error));
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
      g_clear_error (&error);
      exec_side (office, "DROP TRIGGER test_refuse");
      g_assert_cmpint (send->id, ==, 0);
      g_assert_cmpint (send->interaction_id, ==, 0);
      g_assert_cmpstr (send->sent_at, ==, "2026-03-05T09:00:00+07:00");
      g_assert_cmpint (stored_status (office, id), ==, CRM_QUOTE_STATUS_DRAFT);
      g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_sends"), ==, 0);
      g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_revisions"), ==, 0);
      g_assert_cmpint (query_int (office, "SELECT count(*) FROM interactions"), ==, 0);
      g_assert_cmpint (query_int (office, "SELECT last_contact_at IS NULL FROM customers"), ==, 1);
      g_assert_cmpint (query_int (office, "SELECT row_version FROM customers"), ==, customer_version);
      g_assert_cmpint (query_int (office, "SELECT row_version FROM quotes"), ==, 1);
      g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);
    }

  /* A save fails at its third line: the old lines and header stay, and so
   * does the caller's copy. */
  quote = get_quote (office, office->lan, id);
  g_free (quote->terms);
  quote->terms = g_strdup ("Điều khoản mới");
  ((CrmQuoteLine *) g_ptr_array_index (quote->lines, 0))->unit_price = 1;
  crm_quote_add_line (quote, make_line ("Hỏng", 1000, 5, 0, 0));
  before = crm_quote_copy (quote);
  exec_side (office, "CREATE TRIGGER test_refuse BEFORE INSERT ON quote_lines WHEN NEW.description = 'Hỏng' "
                     "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");
  g_assert_false (crm_quote_store_save (office->db.store, office->lan, quote, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  exec_side (office, "DROP TRIGGER test_refuse");
  g_assert_true (crm_quote_same_content (quote, before));
  g_assert_cmpint (quote->row_version, ==, 1);
  g_assert_cmpint (((CrmQuoteLine *) g_ptr_array_index (quote->lines, 2))->id, ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_lines"), ==, 2);
  g_assert_cmpint (query_int (office, "SELECT min (unit_price) FROM quote_lines"), ==, 65000);
  g_assert_cmpint (query_int (office, "SELECT terms = 'Giao hàng trong 7 ngày.' FROM quotes"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT grand_total FROM quotes"), ==, TWO_LINE_TOTAL);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log"), ==, audits);

  /* Once the obstacle is gone, both go through. */
  save_quote (office, office->lan, quote);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM quote_lines"), ==, 3);
  sent = send_quote (office, office->lan, id, "2026-03-05T09:00:00+07:00", "an@minhphat.vn",
                     CRM_QUOTE_CHANNEL_EMAIL);
  g_assert_cmpint (stored_status (office, id), ==, CRM_QUOTE_STATUS_SENT);
}

/* The demo data's quotes read back: every sent one has its versions, the
 * last one showing the lines as they are. */
static void
test_demo_data (CrmTestDb     *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_revised = 0;

  g_assert_true (crm_sample_fill_demo (fixture->store, fixture->admin, &error));
  g_assert_no_error (error);
  rows = crm_quote_store_fetch (fixture->store, fixture->admin, -1, CRM_QUOTE_SORT_CODE, TRUE, 0, 10000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 10);
  g_assert_cmpint (crm_quote_store_count (fixture->store, fixture->admin, -1, &error), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmQuoteRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CrmQuote) quote = crm_quote_store_get (fixture->store, fixture->admin, row->id, &error);
      g_autoptr(GPtrArray) revisions = NULL;
      g_autoptr(GPtrArray) diffs = NULL;
      const CrmQuoteRevision *last;

      g_assert_no_error (error);
      revisions = crm_quote_store_list_revisions (fixture->store, fixture->admin, row->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (quote->code, ==, row->code);
      g_assert_cmpuint (quote->lines->len, >, 0);
      if (quote->status == CRM_QUOTE_STATUS_DRAFT)
        {
          g_assert_cmpuint (revisions->len, ==, 0);
          continue;
        }
      g_assert_cmpuint (revisions->len, ==, quote->revision);
      n_revised += revisions->len > 1;
      last = g_ptr_array_index (revisions, revisions->len - 1);
      g_assert_cmpstr (last->quote->code, ==, quote->code);
      g_assert_cmpint (last->quote->customer_id, ==, quote->customer_id);
      diffs = crm_quote_diff_lines (last->quote, quote);
      g_assert_cmpuint (diffs->len, ==, quote->lines->len);
      for (guint j = 0; j < diffs->len; j++)
        g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diffs, j))->change, ==, CRM_QUOTE_LINE_SAME);
    }
  g_assert_cmpuint (n_revised, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Vietnam, without needing tzdata: local time is UTC+7. */
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/store/quote/create-draft", test_create_draft);
  ADD ("/store/quote/create-refuses", test_create_refuses);
  ADD ("/store/quote/save-draft", test_save_draft);
  ADD ("/store/quote/send-records", test_send_records);
  ADD ("/store/quote/send-refuses", test_send_refuses);
  ADD ("/store/quote/revisions", test_revisions);
  ADD ("/store/quote/accept-locks", test_accept_locks);
  ADD ("/store/quote/reject-and-resend", test_reject_and_resend);
  ADD ("/store/quote/expire-due", test_expire_due);
  ADD ("/store/quote/staff-own-mode", test_staff_own_mode);
  ADD ("/store/quote/staff-see-others-setting", test_staff_see_others_setting);
  ADD ("/store/quote/staff-change-rights", test_staff_change_rights);
  ADD ("/store/quote/lists-and-sort", test_lists_and_sort);
  ADD ("/store/quote/failure-rolls-back", test_failure_rolls_back);
#undef ADD
  g_test_add ("/store/quote/demo-data", CrmTestDb, NULL, crm_test_db_setup, test_demo_data, crm_test_db_teardown);

  return g_test_run ();
}
