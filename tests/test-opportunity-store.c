/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-error.h"
#include "crm-opportunity-export.h"
#include "crm-opportunity-store.h"
#include "test-fixture.h"

typedef struct
{
  CrmTestDb   db;
  gint64      staff[2];
  gint64      manager;
  CrmSession *lan;        /* staff[0], in the manager's team */
  CrmSession *hung;       /* staff[1] */
  CrmSession *boss;       /* manager of staff[0]'s team */
  gint64      customer;   /* assigned to staff[0] */
  gint64      other;      /* assigned to staff[1] */
} Office;

static gint64
query_int (Office     *office,
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
  office->other = crm_test_add_customer (&office->db, NULL, "Cửa hàng Hoa Mai", NULL, NULL, office->staff[1]);
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

static gint64
add_opportunity (Office     *office,
                 CrmSession *session,
                 gint64      customer,
                 const char *title,
                 gint64      value)
{
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  opportunity->customer_id = customer;
  opportunity->title = g_strdup (title);
  opportunity->expected_value = value;
  opportunity->expected_close = g_strdup ("31/12/2026");
  id = crm_opportunity_store_create (office->db.store, session, opportunity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CrmOpportunity *
get (Office     *office,
     CrmSession *session,
     gint64      id)
{
  g_autoptr(GError) error = NULL;
  CrmOpportunity *opportunity = crm_opportunity_store_get (office->db.store, session, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (opportunity);
  return opportunity;
}

static void
move (Office              *office,
      CrmSession          *session,
      gint64               id,
      CrmOpportunityStage  stage,
      const char          *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_opportunity_store_move (office->db.store, session, id, stage, reason, &error));
  g_assert_no_error (error);
}

static void
test_model_stages (void)
{
  static const gint expected[] = { 1000, 2500, 5000, 7500, 10000, 0 };
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;
  CrmOpportunityStage stage;

  for (guint i = 0; i < CRM_OPPORTUNITY_N_STAGES; i++)
    {
      g_assert_cmpint (crm_opportunity_stage_default_probability (i), ==, expected[i]);
      g_assert_true (crm_opportunity_stage_from_string (crm_opportunity_stage_to_string (i), &stage));
      g_assert_cmpint (stage, ==, i);
      g_assert_cmpstr (crm_opportunity_stage_label (i), !=, "");
    }
  g_assert_false (crm_opportunity_stage_from_string ("closed", &stage));
  g_assert_cmpstr (crm_opportunity_stage_to_string (CRM_OPPORTUNITY_STAGE_NEGOTIATION), ==, "negotiation");
  g_assert_cmpint (opportunity->probability_bp, ==, 1000);

  /* Title, value, probability, reason, dates. */
  opportunity->customer_id = 1;
  opportunity->title = g_strdup ("   ");
  g_assert_false (crm_opportunity_validate (opportunity, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_free (opportunity->title);
  opportunity->title = g_strdup ("  Máy in  ");
  opportunity->expected_value = -1;
  g_assert_false (crm_opportunity_validate (opportunity, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  opportunity->expected_value = 0;
  opportunity->probability_bp = 10001;
  g_assert_false (crm_opportunity_validate (opportunity, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  opportunity->probability_bp = 10000;
  opportunity->stage = CRM_OPPORTUNITY_STAGE_LOST;
  g_assert_false (crm_opportunity_validate (opportunity, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  opportunity->stage = CRM_OPPORTUNITY_STAGE_PROPOSAL;
  opportunity->expected_close = g_strdup ("31/02/2026");
  g_assert_false (crm_opportunity_validate (opportunity, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);
  g_free (opportunity->expected_close);
  opportunity->expected_close = g_strdup ("05/03/2027");
  g_assert_true (crm_opportunity_validate (opportunity, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (opportunity->title, ==, "Máy in");
  g_assert_cmpstr (opportunity->expected_close, ==, "2027-03-05");
  {
    g_autofree char *shown = crm_opportunity_format_close (opportunity);
    g_assert_cmpstr (shown, ==, "05/03/2027");
  }

  /* The probability follows the stage unless the user chose one. */
  opportunity->probability_bp = 5000;
  g_assert_cmpint (crm_opportunity_probability_for_stage (opportunity, CRM_OPPORTUNITY_STAGE_NEGOTIATION), ==, 7500);
  opportunity->probability_bp = 6000;
  g_assert_cmpint (crm_opportunity_probability_for_stage (opportunity, CRM_OPPORTUNITY_STAGE_NEGOTIATION), ==, 6000);
  g_assert_cmpint (crm_opportunity_probability_for_stage (opportunity, CRM_OPPORTUNITY_STAGE_WON), ==, 10000);
  g_assert_cmpint (crm_opportunity_probability_for_stage (opportunity, CRM_OPPORTUNITY_STAGE_LOST), ==, 0);
}

static void
test_create_and_get (Office        *office,
                     gconstpointer  data)
{
  gint64 id = add_opportunity (office, office->lan, office->customer, "Máy in cho kế toán", 12500000);
  g_autoptr(CrmOpportunity) read = get (office, office->lan, id);

  g_assert_cmpstr (read->title, ==, "Máy in cho kế toán");
  g_assert_cmpint (read->stage, ==, CRM_OPPORTUNITY_STAGE_NEW);
  g_assert_cmpint (read->probability_bp, ==, 1000);
  g_assert_cmpint (read->expected_value, ==, 12500000);
  g_assert_cmpstr (read->expected_close, ==, "2026-12-31");
  g_assert_cmpint (read->owner_id, ==, office->staff[0]);
  g_assert_cmpstr (read->owner_name, ==, "Trần Thị Lan");
  g_assert_cmpstr (read->customer_name, ==, "Công ty TNHH Minh Phát");
  g_assert_cmpint (read->row_version, ==, 1);
  g_assert_null (read->won_at);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'opportunity' "
                                      "AND action = 'create'"), ==, 1);
}

static void
test_stage_moves (Office        *office,
                  gconstpointer  data)
{
  gint64 id = add_opportunity (office, office->lan, office->customer, "Mạng văn phòng", 30000000);
  g_autoptr(CrmOpportunity) qualified = NULL;
  g_autoptr(CrmOpportunity) won = NULL;
  g_autoptr(CrmOpportunity) reopened = NULL;
  g_autoptr(CrmOpportunity) lost = NULL;
  g_autoptr(CrmOpportunity) chosen = NULL;
  g_autoptr(CrmOpportunity) kept = NULL;
  g_autoptr(GError) error = NULL;

  move (office, office->lan, id, CRM_OPPORTUNITY_STAGE_QUALIFIED, NULL);
  qualified = get (office, office->lan, id);
  g_assert_cmpint (qualified->stage, ==, CRM_OPPORTUNITY_STAGE_QUALIFIED);
  g_assert_cmpint (qualified->probability_bp, ==, 2500);
  g_assert_cmpint (qualified->row_version, ==, 2);

  move (office, office->lan, id, CRM_OPPORTUNITY_STAGE_WON, NULL);
  won = get (office, office->lan, id);
  g_assert_cmpint (won->probability_bp, ==, 10000);
  g_assert_nonnull (won->won_at);
  g_assert_null (won->lost_at);

  move (office, office->lan, id, CRM_OPPORTUNITY_STAGE_PROPOSAL, NULL);
  reopened = get (office, office->lan, id);
  g_assert_null (reopened->won_at);
  g_assert_cmpint (reopened->probability_bp, ==, 5000);

  /* Lost needs a reason. */
  g_assert_false (crm_opportunity_store_move (office->db.store, office->lan, id, CRM_OPPORTUNITY_STAGE_LOST,
                                              "  ", &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  {
    g_autoptr(CrmOpportunity) unchanged = get (office, office->lan, id);
    g_assert_cmpint (unchanged->stage, ==, CRM_OPPORTUNITY_STAGE_PROPOSAL);
  }

  move (office, office->lan, id, CRM_OPPORTUNITY_STAGE_LOST, "Giá cao hơn đối thủ");
  lost = get (office, office->lan, id);
  g_assert_cmpint (lost->probability_bp, ==, 0);
  g_assert_nonnull (lost->lost_at);
  g_assert_null (lost->won_at);
  g_assert_cmpstr (lost->lost_reason, ==, "Giá cao hơn đối thủ");

  /* Reopening clears the date and the reason. */
  move (office, office->lan, id, CRM_OPPORTUNITY_STAGE_NEGOTIATION, NULL);
  chosen = get (office, office->lan, id);
  g_assert_null (chosen->lost_at);
  g_assert_null (chosen->lost_reason);
  g_assert_cmpint (chosen->probability_bp, ==, 7500);

  /* A probability the user set survives a move between open stages. */
  chosen->probability_bp = 6000;
  g_assert_true (crm_opportunity_store_save (office->db.store, office->lan, chosen, &error));
  g_assert_no_error (error);
  move (office, office->lan, id, CRM_OPPORTUNITY_STAGE_PROPOSAL, NULL);
  kept = get (office, office->lan, id);
  g_assert_cmpint (kept->probability_bp, ==, 6000);

  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'opportunity' "
                                      "AND action = 'status' AND field = 'stage'"), ==, 6);
}

static void
test_stale_save_refused (Office        *office,
                         gconstpointer  data)
{
  gint64 id = add_opportunity (office, office->lan, office->customer, "Phần mềm kế toán", 8000000);
  g_autoptr(CrmOpportunity) first = get (office, office->lan, id);
  g_autoptr(CrmOpportunity) second = get (office, office->boss, id);
  g_autoptr(CrmOpportunity) read = NULL;
  g_autoptr(GError) error = NULL;

  first->expected_value = 9000000;
  g_assert_true (crm_opportunity_store_save (office->db.store, office->lan, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->row_version, ==, 2);

  second->expected_value = 1;
  g_assert_false (crm_opportunity_store_save (office->db.store, office->boss, second, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "someone else"));
  g_clear_error (&error);
  g_assert_cmpint (second->row_version, ==, 1);

  read = get (office, office->boss, id);
  g_assert_cmpint (read->expected_value, ==, 9000000);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'opportunity' "
                                      "AND field = 'expected_value'"), ==, 1);
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  gint64 mine = add_opportunity (office, office->lan, office->customer, "Camera nhà xưởng", 5000000);
  gint64 theirs = add_opportunity (office, office->hung, office->other, "Nội thất", 7000000);
  g_autoptr(CrmOpportunity) hidden = NULL;
  g_autoptr(CrmOpportunity) copy = get (office, office->lan, mine);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* Shared mode: everyone reads both; staff change only their own. */
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->hung, NULL, &error), ==, 2);
  g_assert_false (crm_opportunity_store_move (office->db.store, office->hung, mine,
                                              CRM_OPPORTUNITY_STAGE_WON, NULL, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  set_setting (office, "customer_visibility", "own");
  hidden = crm_opportunity_store_get (office->db.store, office->hung, mine, &error);
  g_assert_null (hidden);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_opportunity_store_move (office->db.store, office->hung, mine,
                                              CRM_OPPORTUNITY_STAGE_WON, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_opportunity_store_save (office->db.store, office->hung, copy, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = crm_opportunity_store_list_for_customer (office->db.store, office->hung, office->customer, &error);
  g_assert_null (rows);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->hung, NULL, &error), ==, 1);
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->lan, NULL, &error), ==, 1);
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->boss, NULL, &error), ==, 1);
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->db.admin, NULL, &error), ==, 2);
  g_assert_no_error (error);

  /* Staff cannot make an opportunity on a customer they do not see, nor
   * give one to someone else. */
  {
    g_autoptr(CrmOpportunity) other = crm_opportunity_new ();

    other->customer_id = office->customer;
    other->title = g_strdup ("Thử");
    g_assert_cmpint (crm_opportunity_store_create (office->db.store, office->hung, other, &error), ==, 0);
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    other->customer_id = office->other;
    other->owner_id = office->staff[0];
    g_assert_cmpint (crm_opportunity_store_create (office->db.store, office->hung, other, &error), ==, 0);
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
  }
  {
    g_autoptr(CrmOpportunity) untouched = get (office, office->db.admin, theirs);
    g_assert_cmpint (untouched->stage, ==, CRM_OPPORTUNITY_STAGE_NEW);
  }
}

static void
test_stage_totals_and_filters (Office        *office,
                               gconstpointer  data)
{
  CrmOpportunityStageTotal totals[CRM_OPPORTUNITY_N_STAGES];
  g_autoptr(CrmOpportunityFilter) filter = crm_opportunity_filter_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = add_opportunity (office, office->lan, office->customer, "Máy tính phòng kế toán", 1000000);
  gint64 b = add_opportunity (office, office->lan, office->customer, "Nâng cấp mạng", 2000000);
  gint64 c = add_opportunity (office, office->hung, office->other, "Website bán hàng", 4000000);

  add_opportunity (office, office->hung, office->other, "Hóa đơn điện tử", 8000000);
  move (office, office->lan, b, CRM_OPPORTUNITY_STAGE_PROPOSAL, NULL);
  move (office, office->hung, c, CRM_OPPORTUNITY_STAGE_WON, NULL);

  g_assert_true (crm_opportunity_store_stage_totals (office->db.store, office->db.admin, NULL, totals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_NEW].count, ==, 2);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_NEW].value, ==, 9000000);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_PROPOSAL].count, ==, 1);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_PROPOSAL].value, ==, 2000000);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_WON].value, ==, 4000000);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_LOST].count, ==, 0);

  /* One owner's funnel. */
  filter->owner_id = office->staff[0];
  g_assert_true (crm_opportunity_store_stage_totals (office->db.store, office->db.admin, filter, totals, &error));
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_NEW].count, ==, 1);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_NEW].value, ==, 1000000);
  g_assert_cmpint (totals[CRM_OPPORTUNITY_STAGE_WON].count, ==, 0);

  /* Search without tones, in the title or the customer's name. */
  filter->owner_id = 0;
  filter->search = g_strdup ("may tinh");
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->db.admin, filter, &error), ==, 1);
  page = crm_opportunity_store_fetch (office->db.store, office->db.admin, filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpint (((CrmOpportunity *) g_ptr_array_index (page, 0))->id, ==, a);
  g_free (filter->search);
  filter->search = g_strdup ("HOA MAI");
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->db.admin, filter, &error), ==, 2);
  filter->stage = CRM_OPPORTUNITY_STAGE_WON;
  g_assert_cmpint (crm_opportunity_store_count (office->db.store, office->db.admin, filter, &error), ==, 1);
  g_clear_pointer (&filter->search, g_free);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = crm_opportunity_store_fetch (office->db.store, office->db.admin, filter, 0, 10, &error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpint (((CrmOpportunity *) g_ptr_array_index (page, 0))->id, ==, c);
  g_assert_no_error (error);
}

static void
test_delete (Office        *office,
             gconstpointer  data)
{
  gint64 id = add_opportunity (office, office->lan, office->customer, "Bảo trì", 3000000);
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_opportunity_store_delete (office->db.store, office->lan, id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (crm_opportunity_store_delete (office->db.store, office->db.admin, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM opportunities"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'opportunity' "
                                      "AND action = 'delete'"), ==, 1);
}

/* Runs a tool and returns its output, or NULL (the test skipped) when it
 * is not installed. */
static char *
run_tool (const char *const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_test_skip ("unzip is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The list exported to .xlsx reads back with the rows the list shows,
 * for the filter and the viewer. */
static void
test_export_read_back (Office        *office,
                       gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("sokhach-opportunity-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "co-hoi.xlsx", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmOpportunityFilter) filter = crm_opportunity_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  gint64 hot = add_opportunity (office, office->lan, office->customer, "Máy chiếu phòng họp", 12345678);
  const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL };
  guint64 n_rows = 0;

  add_opportunity (office, office->lan, office->customer, "Bàn ghế", 1000);
  add_opportunity (office, office->hung, office->other, "Máy lạnh Hoa Mai", 5000);
  move (office, office->lan, hot, CRM_OPPORTUNITY_STAGE_NEGOTIATION, NULL);

  g_assert_true (crm_opportunity_export (office->db.store, office->db.admin, NULL, CRM_EXPORT_FORMAT_XLSX,
                                         dest, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  if ((sheet = run_tool (argv)) != NULL)
    {
      g_assert_nonnull (strstr (sheet, "<t>Máy chiếu phòng họp</t>"));
      g_assert_nonnull (strstr (sheet, "<t>Máy lạnh Hoa Mai</t>"));
      g_assert_nonnull (strstr (sheet, "<t>Công ty TNHH Minh Phát</t>"));
      g_assert_nonnull (strstr (sheet, "<v>12345678</v>"));
      g_assert_nonnull (strstr (sheet, "<t>75 %</t>"));
      g_assert_nonnull (strstr (sheet, "<t>Trần Thị Lan</t>"));
    }

  filter->stage = CRM_OPPORTUNITY_STAGE_NEGOTIATION;
  g_assert_true (crm_opportunity_export (office->db.store, office->db.admin, filter, CRM_EXPORT_FORMAT_XLSX,
                                         dest, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_clear_pointer (&sheet, g_free);
  if ((sheet = run_tool (argv)) != NULL)
    {
      g_assert_nonnull (strstr (sheet, "<t>Máy chiếu phòng họp</t>"));
      g_assert_null (strstr (sheet, "<t>Bàn ghế</t>"));
    }
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                      "AND entity = 'opportunity' AND field = 'rows'"), ==, 2);

  /* Staff in "own" mode get only what they see. */
  set_setting (office, "customer_visibility", "own");
  {
    g_autoptr(CrmExportTable) table = crm_opportunity_export_table (office->db.store, office->hung, NULL, &error);
    g_autoptr(CrmExportRow) row = NULL;
    guint n = 0;

    g_assert_no_error (error);
    row = crm_export_row_new (table);
    while (crm_export_table_next_row (table, row, &error))
      {
        g_assert_cmpstr (crm_export_row_get_text (row, 0), ==, "Máy lạnh Hoa Mai");
        n++;
        crm_export_row_clear (row);
      }
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  g_test_add_func ("/model/opportunity/stages-and-validation", test_model_stages);
  ADD ("/store/opportunity/create-and-get", test_create_and_get);
  ADD ("/store/opportunity/stage-moves-stamp-dates", test_stage_moves);
  ADD ("/store/opportunity/stale-save-refused", test_stale_save_refused);
  ADD ("/store/opportunity/visibility", test_visibility);
  ADD ("/store/opportunity/stage-totals-and-filters", test_stage_totals_and_filters);
  ADD ("/store/opportunity/delete", test_delete);
  ADD ("/export/opportunity/xlsx-read-back", test_export_read_back);
#undef ADD

  return g_test_run ();
}
