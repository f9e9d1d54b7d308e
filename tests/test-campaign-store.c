/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "crm-campaign-export.h"
#include "crm-campaign-store.h"
#include "crm-category-store.h"
#include "crm-error.h"
#include "crm-reports.h"
#include "test-fixture.h"

/* An office with a manager, two staff members, a small customer tree
 *   Sỉ (A) ─ Sỉ Hà Nội (B)        Lẻ (C)
 * and five customers:
 *   c[0] A, staff 0, VIP      c[1] B, staff 0      c[2] B, staff 1, VIP
 *   c[3] C, staff 1, VIP      c[4] none, staff 0 */
typedef struct
{
  CrmTestDb   db;
  gint64      manager_id;
  gint64      staff[2];
  CrmSession *manager;
  CrmSession *staff_session;
  gint64      cat_a, cat_b, cat_c;
  gint64      c[5];
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

static void
exec_sql (Office     *office,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (office->db.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
add_customer (Office     *office,
              const char *name,
              gint64      category_id,
              gint64      assigned_to,
              gboolean    vip)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->category_id = category_id;
  customer->assigned_to = assigned_to;
  if (vip)
    {
      customer->tags = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (customer->tags, g_strdup ("VIP"));
    }
  id = crm_customer_store_create (office->db.store, office->db.admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmTestDb *db = &office->db;

  crm_test_db_setup (db, data);
  office->manager_id = crm_user_store_create (db->store, db->admin, "lan.nguyen", "Nguyễn Thị Lan",
                                              CRM_ROLE_MANAGER, 0, &error);
  g_assert_no_error (error);
  office->staff[0] = crm_user_store_create (db->store, db->admin, "hung.tran", "Trần Văn Hùng",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->staff[1] = crm_user_store_create (db->store, db->admin, "mai.le", "Lê Thị Mai",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->manager = crm_user_store_open_session (db->store, office->manager_id, &error);
  g_assert_no_error (error);
  office->staff_session = crm_user_store_open_session (db->store, office->staff[0], &error);
  g_assert_no_error (error);

  office->cat_a = crm_category_store_create (db->store, db->admin, "Sỉ", 0, &error);
  g_assert_no_error (error);
  office->cat_b = crm_category_store_create (db->store, db->admin, "Sỉ Hà Nội", office->cat_a, &error);
  g_assert_no_error (error);
  office->cat_c = crm_category_store_create (db->store, db->admin, "Lẻ", 0, &error);
  g_assert_no_error (error);

  office->c[0] = add_customer (office, "Công ty An Phát", office->cat_a, office->staff[0], TRUE);
  office->c[1] = add_customer (office, "Công ty Bình Minh", office->cat_b, office->staff[0], FALSE);
  office->c[2] = add_customer (office, "Công ty Cát Tường", office->cat_b, office->staff[1], TRUE);
  office->c[3] = add_customer (office, "Chị Dung", office->cat_c, office->staff[1], TRUE);
  office->c[4] = add_customer (office, "Anh Em", 0, office->staff[0], FALSE);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_clear_object (&office->manager);
  g_clear_object (&office->staff_session);
  crm_test_db_teardown (&office->db, data);
}

static gint64
make_campaign (Office             *office,
               const char         *name,
               CrmCampaignChannel  channel,
               const char         *starts_on,
               const char         *ends_on,
               gint64              budget)
{
  g_autoptr(CrmCampaign) campaign = crm_campaign_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  campaign->name = g_strdup (name);
  campaign->channel = channel;
  campaign->starts_on = g_strdup (starts_on);
  campaign->ends_on = g_strdup (ends_on);
  campaign->budget = budget;
  id = crm_campaign_store_create (office->db.store, office->manager, campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_by_category (Office *office,
                 gint64  campaign_id,
                 gint64  category_id)
{
  g_autoptr(CrmCampaignTarget) target = crm_campaign_target_new ();
  g_autoptr(GError) error = NULL;
  gint64 added = -1;

  target->category_id = category_id;
  g_assert_true (crm_campaign_store_add_members (office->db.store, office->manager, campaign_id,
                                                 target, FALSE, &added, &error));
  g_assert_no_error (error);
  return added;
}

static gint64
add_by_tag (Office     *office,
            gint64      campaign_id,
            const char *tag)
{
  g_autoptr(CrmCampaignTarget) target = crm_campaign_target_new ();
  g_autoptr(GError) error = NULL;
  const char *tags[] = { tag, NULL };
  gint64 added = -1;

  target->tags = g_strdupv ((char **) tags);
  g_assert_true (crm_campaign_store_add_members (office->db.store, office->manager, campaign_id,
                                                 target, FALSE, &added, &error));
  g_assert_no_error (error);
  return added;
}

/* An order of @total đồng incl. @vat on @customer, straight into the file. */
static gint64
add_order (Office     *office,
           const char *code,
           gint64      customer_id,
           gint64      total,
           gint64      vat,
           const char *delivery_status)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO orders (code, customer_id, order_date, delivery_status, subtotal, vat_total, grand_total, "
    "created_at, updated_at) VALUES ('%s', %" G_GINT64_FORMAT ", '2026-07-15', '%s', %" G_GINT64_FORMAT ", %"
    G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '2026-07-15T00:00:00Z', '2026-07-15T00:00:00Z')",
    code, customer_id, delivery_status, total - vat, vat, total);
  g_autofree char *id_sql = g_strdup_printf ("SELECT id FROM orders WHERE code = '%s'", code);

  exec_sql (office, sql);
  return query_int (office, id_sql);
}

static void
test_validation (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmCampaign) campaign = crm_campaign_new ();
  g_autoptr(GError) error = NULL;

  campaign->name = g_strdup ("   ");
  g_assert_cmpint (crm_campaign_store_create (office->db.store, office->manager, campaign, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  g_free (campaign->name);
  campaign->name = g_strdup ("  Tri ân khách hàng  ");
  campaign->starts_on = g_strdup ("31/07/2026");
  campaign->ends_on = g_strdup ("01/07/2026");
  g_assert_cmpint (crm_campaign_store_create (office->db.store, office->manager, campaign, &error), ==, 0);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_free (campaign->ends_on);
  campaign->ends_on = g_strdup ("32/07/2026");
  g_assert_false (crm_campaign_validate (campaign, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE);
  g_clear_error (&error);

  g_free (campaign->ends_on);
  campaign->ends_on = g_strdup ("31/08/2026");
  campaign->budget = -1;
  g_assert_false (crm_campaign_validate (campaign, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  campaign->budget = 5000000;
  campaign->channel = CRM_CAMPAIGN_CHANNEL_ZALO;
  /* Staff may not create campaigns. */
  g_assert_cmpint (crm_campaign_store_create (office->db.store, office->staff_session, campaign, &error), ==, 0);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM campaigns"), ==, 0);

  g_assert_cmpint (crm_campaign_store_create (office->db.store, office->manager, campaign, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(CrmCampaign) read = crm_campaign_store_get (office->db.store, office->staff_session,
                                                          campaign->id, &error);
    g_autofree char *period = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (read->name, ==, "Tri ân khách hàng");
    g_assert_cmpstr (read->starts_on, ==, "2026-07-31");
    g_assert_cmpstr (read->ends_on, ==, "2026-08-31");
    g_assert_cmpint (read->channel, ==, CRM_CAMPAIGN_CHANNEL_ZALO);
    g_assert_cmpint (read->budget, ==, 5000000);
    g_assert_cmpint (read->owner_id, ==, office->manager_id);
    period = crm_campaign_format_period (read);
    g_assert_cmpstr (period, ==, "31/07/2026 – 31/08/2026");

    /* Staff may not change or delete it either. */
    g_free (read->name);
    read->name = g_strdup ("Đổi tên");
    g_assert_false (crm_campaign_store_update (office->db.store, office->staff_session, read, &error));
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_false (crm_campaign_store_delete (office->db.store, office->staff_session, read->id, &error));
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_true (crm_campaign_store_update (office->db.store, office->manager, read, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'campaign' "
                                      "AND action = 'update' AND field = 'name' AND new_value = 'Đổi tên'"), ==, 1);
  /* Deleting needs the delete right too, which this manager lacks. */
  g_assert_false (crm_campaign_store_delete (office->db.store, office->manager, campaign->id, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (crm_campaign_store_delete (office->db.store, office->db.admin, campaign->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM campaigns"), ==, 0);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'campaign' "
                                      "AND action IN ('create', 'delete')"), ==, 2);
}

static void
test_targets (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCampaignTarget) filter = crm_campaign_target_new ();
  g_autoptr(CrmCampaignTarget) parsed = NULL;
  g_autoptr(CrmCampaign) read = NULL;
  const char *vip[] = { "VIP", NULL };
  gint64 k1 = make_campaign (office, "Hè 2026", CRM_CAMPAIGN_CHANNEL_EMAIL, "2026-07-01", "2026-07-31", 0);
  gint64 k2 = make_campaign (office, "Lọc", CRM_CAMPAIGN_CHANNEL_SMS, NULL, NULL, 0);
  gint64 added = -1;

  /* The subtree of A holds c0, c1 and c2; B alone c1 and c2. */
  g_assert_cmpint (add_by_category (office, k1, office->cat_b), ==, 2);
  g_assert_cmpint (add_by_category (office, k1, office->cat_a), ==, 1);
  /* VIP: c0, c2 and c3, of whom only c3 is new. */
  g_assert_cmpint (add_by_tag (office, k1, "VIP"), ==, 1);
  g_assert_cmpint (crm_campaign_store_count_members (office->db.store, office->manager, k1, &error), ==, 4);
  g_assert_no_error (error);

  /* Staff may not add customers. */
  g_assert_false (crm_campaign_store_add_members (office->db.store, office->staff_session, k1, filter,
                                                  FALSE, &added, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* A saved filter: the VIP in the subtree of A who are leads. */
  filter->category_id = office->cat_a;
  filter->tags = g_strdupv ((char **) vip);
  filter->status = g_strdup ("lead");
  g_assert_true (crm_campaign_store_add_members (office->db.store, office->manager, k2, filter, TRUE,
                                                 &added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 2);
  read = crm_campaign_store_get (office->db.store, office->manager, k2, &error);
  g_assert_no_error (error);
  parsed = crm_campaign_target_parse (read->target);
  g_assert_cmpint (parsed->category_id, ==, office->cat_a);
  g_assert_cmpstr (parsed->tags[0], ==, "VIP");
  g_assert_null (parsed->tags[1]);
  g_assert_cmpstr (parsed->status, ==, "lead");
  g_assert_null (parsed->province_code);

  /* A new VIP customer in B joins when the filter is applied again. */
  add_customer (office, "Công ty Đông Á", office->cat_b, office->staff[1], TRUE);
  g_assert_true (crm_campaign_store_reapply_target (office->db.store, office->manager, k2, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 1);
  g_assert_true (crm_campaign_store_reapply_target (office->db.store, office->manager, k2, &added, &error));
  g_assert_cmpint (added, ==, 0);
  g_assert_cmpint (crm_campaign_store_count_members (office->db.store, office->manager, k2, &error), ==, 3);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'campaign' "
                                      "AND field = 'members'"), ==, 3 + 3);
}

static void
test_responses_and_links (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *sql = NULL;
  gint64 k1 = make_campaign (office, "Hè 2026", CRM_CAMPAIGN_CHANNEL_EMAIL, "2026-07-01", "2026-07-31", 3000000);
  gint64 order_id;

  g_assert_cmpint (add_by_category (office, k1, office->cat_a), ==, 3);
  g_assert_true (crm_campaign_store_set_response (office->db.store, office->manager, k1, office->c[0],
                                                  CRM_CAMPAIGN_RESPONSE_CONTACTED, &error));
  g_assert_no_error (error);
  g_assert_true (crm_campaign_store_set_response (office->db.store, office->manager, k1, office->c[1],
                                                  CRM_CAMPAIGN_RESPONSE_RESPONDED, &error));
  g_assert_no_error (error);
  /* Not a member. */
  g_assert_false (crm_campaign_store_set_response (office->db.store, office->manager, k1, office->c[4],
                                                   CRM_CAMPAIGN_RESPONSE_RESPONDED, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log a, customers c WHERE a.entity = 'campaign' "
                         "AND a.entity_id = %" G_GINT64_FORMAT " AND a.field = 'member_status' "
                         "AND c.id = %" G_GINT64_FORMAT " AND a.old_value = c.code || '=none' "
                         "AND a.new_value = c.code || '=contacted'", k1, office->c[0]);
  g_assert_cmpint (query_int (office, sql), ==, 1);

  /* Linking an order on c2 marks them converted. */
  order_id = add_order (office, "DH-0001", office->c[2], 11000000, 1000000, "delivered");
  g_assert_cmpint (crm_campaign_store_find_order (office->db.store, office->manager, " DH-0001 ", &error), ==,
                   order_id);
  g_assert_no_error (error);
  g_assert_cmpint (crm_campaign_store_find_order (office->db.store, office->manager, "DH-9999", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (crm_campaign_store_link_order (office->db.store, office->manager, k1, order_id, &error));
  g_assert_no_error (error);
  members = crm_campaign_store_fetch_members (office->db.store, office->manager, k1, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 3);
  for (guint i = 0; i < members->len; i++)
    {
      CrmCampaignMember *member = g_ptr_array_index (members, i);

      if (member->customer_id == office->c[2])
        {
          g_assert_cmpint (member->response, ==, CRM_CAMPAIGN_RESPONSE_CONVERTED);
          g_assert_cmpint (member->order_id, ==, order_id);
          g_assert_cmpstr (member->order_code, ==, "DH-0001");
          g_assert_cmpstr (member->customer_name, ==, "Công ty Cát Tường");
        }
      else if (member->customer_id == office->c[0])
        g_assert_cmpint (member->response, ==, CRM_CAMPAIGN_RESPONSE_CONTACTED);
      else
        g_assert_cmpint (member->response, ==, CRM_CAMPAIGN_RESPONSE_RESPONDED);
    }
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT campaign_id FROM orders WHERE id = %" G_GINT64_FORMAT, order_id);
  g_assert_cmpint (query_int (office, sql), ==, k1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'order' "
                                      "AND field = 'campaign_id'"), ==, 1);

  /* The members to a workbook: three rows, a real zip, the export audited. */
  {
    g_autofree char *path = g_build_filename (office->db.dir, "members.xlsx", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *contents = NULL;
    gsize length = 0;
    guint64 n_rows = 0;

    g_assert_true (crm_campaign_export (office->db.store, office->manager, k1, CRM_EXPORT_FORMAT_XLSX, file,
                                        NULL, &n_rows, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_rows, ==, 3);
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (contents[0] == 'P' && contents[1] == 'K');
    g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'export' "
                                        "AND entity = 'campaign' AND field = 'rows' AND new_value = '3'"), ==, 1);
    g_unlink (path);
  }
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'campaign' "
                                      "AND field = 'member_status'"), ==, 3);
  {
    g_autoptr(CrmCampaign) read = crm_campaign_store_get (office->db.store, office->manager, k1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (read->n_members, ==, 3);
    g_assert_cmpint (read->n_converted, ==, 1);
  }
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  gint64 k1 = make_campaign (office, "Hè 2026", CRM_CAMPAIGN_CHANNEL_EMAIL, "2026-07-01", "2026-07-31", 0);
  gint64 order_id;

  g_assert_cmpint (add_by_category (office, k1, office->cat_a), ==, 3);
  g_assert_cmpint (add_by_tag (office, k1, "VIP"), ==, 1);
  g_assert_true (crm_settings_set (office->db.store, office->db.admin, "customer_visibility", "own", &error));
  g_assert_no_error (error);
  g_clear_object (&office->staff_session);
  office->staff_session = crm_user_store_open_session (office->db.store, office->staff[0], &error);
  g_assert_no_error (error);

  /* Staff 0 looks after c0 and c1 only. */
  g_assert_cmpint (crm_campaign_store_count_members (office->db.store, office->staff_session, k1, &error), ==, 2);
  members = crm_campaign_store_fetch_members (office->db.store, office->staff_session, k1, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = ((CrmCampaignMember *) members->pdata[i])->customer_id;
      g_assert_true (id == office->c[0] || id == office->c[1]);
    }
  g_assert_cmpint (((CrmCampaignMember *) members->pdata[0])->customer_id, !=,
                   ((CrmCampaignMember *) members->pdata[1])->customer_id);
  campaigns = crm_campaign_store_list (office->db.store, office->staff_session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (campaigns->len, ==, 1);
  g_assert_cmpint (((CrmCampaign *) campaigns->pdata[0])->n_members, ==, 2);

  /* They update their own members, not the others'. */
  g_assert_true (crm_campaign_store_set_response (office->db.store, office->staff_session, k1, office->c[1],
                                                  CRM_CAMPAIGN_RESPONSE_RESPONDED, &error));
  g_assert_no_error (error);
  g_assert_false (crm_campaign_store_set_response (office->db.store, office->staff_session, k1, office->c[2],
                                                   CRM_CAMPAIGN_RESPONSE_RESPONDED, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  order_id = add_order (office, "DH-0002", office->c[3], 1100000, 100000, "pending");
  g_assert_false (crm_campaign_store_link_order (office->db.store, office->staff_session, k1, order_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM campaign_members WHERE status <> 'none'"), ==, 1);
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM orders WHERE campaign_id IS NOT NULL"), ==, 0);
  /* The campaigns report is for managers. */
  {
    CrmReportFilter filter;
    CrmPeriod period;
    CrmReport *report;

    g_assert_true (crm_period_parse ("2026-Q3", &period, &error));
    crm_report_filter_init (&filter, &period);
    report = crm_reports_build (office->db.store, office->staff_session, "campaigns", &filter, NULL, &error);
    g_assert_null (report);
    g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  }
}

static guint
find_column (CrmReport  *report,
             const char *heading)
{
  for (guint i = 0; i < crm_report_get_n_columns (report); i++)
    if (g_strcmp0 (crm_report_get_column_heading (report, i), heading) == 0)
      return i;
  g_error ("no column %s", heading);
}

static gint64
figure (CrmReport  *report,
        const char *label)
{
  for (guint i = 0; i < crm_report_get_n_figures (report); i++)
    if (g_strcmp0 (crm_report_get_figure_label (report, i), label) == 0)
      return crm_report_get_figure_value (report, i);
  g_error ("no figure %s", label);
}

static void
test_report (Office        *office,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReport) report = NULL;
  g_autoptr(CrmReport) by_channel = NULL;
  g_autofree char *sql = NULL;
  CrmReportFilter filter;
  CrmPeriod period;
  gint64 k1 = make_campaign (office, "Hè 2026", CRM_CAMPAIGN_CHANNEL_EMAIL, "2026-07-01", "2026-07-31", 3000000);
  gint64 k2 = make_campaign (office, "Tháng Năm", CRM_CAMPAIGN_CHANNEL_SMS, "2026-05-01", "2026-05-31", 900000);
  gint64 k3 = make_campaign (office, "Thu 2026", CRM_CAMPAIGN_CHANNEL_EMAIL, "2026-09-15", "2026-10-15", 1000000);
  gint64 k4 = make_campaign (office, "Hội chợ", CRM_CAMPAIGN_CHANNEL_EVENT, "2026-08-01", "2026-08-02", 2000000);
  gint64 o1, o2, o3;

  /* K1: c0..c3; c0 contacted, c1 responded, c2 and c3 converted by orders
   * of 10 000 000 and 5 000 000 ₫ before VAT; a cancelled order on c0
   * linked by hand does not count. */
  g_assert_cmpint (add_by_category (office, k1, office->cat_a), ==, 3);
  g_assert_cmpint (add_by_tag (office, k1, "VIP"), ==, 1);
  g_assert_true (crm_campaign_store_set_response (office->db.store, office->manager, k1, office->c[0],
                                                  CRM_CAMPAIGN_RESPONSE_CONTACTED, NULL));
  g_assert_true (crm_campaign_store_set_response (office->db.store, office->manager, k1, office->c[1],
                                                  CRM_CAMPAIGN_RESPONSE_RESPONDED, NULL));
  o1 = add_order (office, "DH-0001", office->c[2], 11000000, 1000000, "delivered");
  o2 = add_order (office, "DH-0002", office->c[3], 5500000, 500000, "pending");
  o3 = add_order (office, "DH-0003", office->c[0], 7700000, 700000, "cancelled");
  g_assert_true (crm_campaign_store_link_order (office->db.store, office->manager, k1, o1, &error));
  g_assert_no_error (error);
  g_assert_true (crm_campaign_store_link_order (office->db.store, office->manager, k1, o2, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE orders SET campaign_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         k1, o3);
  exec_sql (office, sql);
  /* K2 is in May, outside the quarter; K3 (VIP: c0, c2, c3) overlaps it. */
  g_assert_cmpint (add_by_tag (office, k2, "VIP"), ==, 3);
  g_assert_cmpint (add_by_tag (office, k3, "VIP"), ==, 3);
  /* K4: c4, who responded. */
  {
    g_autoptr(CrmCampaignTarget) target = crm_campaign_target_new ();
    target->status = g_strdup ("lead");
    target->province_code = NULL;
    g_assert_true (crm_campaign_store_add_members (office->db.store, office->manager, k4, target, FALSE, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (crm_campaign_store_remove_member (office->db.store, office->manager, k4, office->c[0], &error));
    g_assert_no_error (error);
    for (guint i = 1; i < 4; i++)
      g_assert_true (crm_campaign_store_remove_member (office->db.store, office->manager, k4, office->c[i], NULL));
    g_assert_cmpint (crm_campaign_store_count_members (office->db.store, office->manager, k4, NULL), ==, 1);
    g_assert_true (crm_campaign_store_set_response (office->db.store, office->manager, k4, office->c[4],
                                                    CRM_CAMPAIGN_RESPONSE_RESPONDED, NULL));
  }

  g_assert_true (crm_period_parse ("2026-Q3", &period, &error));
  crm_report_filter_init (&filter, &period);
  report = crm_reports_build (office->db.store, office->manager, "campaigns", &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  /* K1 (July), K4 (August), K3 (September) in order of start. */
  g_assert_cmpuint (crm_report_get_n_rows (report), ==, 3);
  {
    guint name = find_column (report, "Campaign");
    guint reach = find_column (report, "Reach");
    guint contacted = find_column (report, "Contacted");
    guint responses = find_column (report, "Responses");
    guint conversions = find_column (report, "Conversions");
    guint revenue = find_column (report, "Revenue before VAT");
    guint cost = find_column (report, "Cost per conversion");
    guint rate = find_column (report, "Conversion rate");
    guint budget = find_column (report, "Budget");

    g_assert_cmpstr (crm_report_get_text (report, 0, name), ==, "Hè 2026");
    g_assert_cmpint (crm_report_get_number (report, 0, reach), ==, 4);
    g_assert_cmpint (crm_report_get_number (report, 0, contacted), ==, 4);
    g_assert_cmpint (crm_report_get_number (report, 0, responses), ==, 3);
    g_assert_cmpint (crm_report_get_number (report, 0, conversions), ==, 2);
    g_assert_cmpint (crm_report_get_number (report, 0, revenue), ==, 15000000);
    g_assert_cmpint (crm_report_get_number (report, 0, cost), ==, 1500000);
    g_assert_cmpint (crm_report_get_number (report, 0, rate), ==, 5000);
    g_assert_cmpint (crm_report_get_number (report, 0, budget), ==, 3000000);

    g_assert_cmpstr (crm_report_get_text (report, 1, name), ==, "Hội chợ");
    g_assert_cmpint (crm_report_get_number (report, 1, reach), ==, 1);
    g_assert_cmpint (crm_report_get_number (report, 1, responses), ==, 1);
    g_assert_cmpint (crm_report_get_number (report, 1, conversions), ==, 0);
    g_assert_true (crm_report_cell_is_empty (report, 1, cost));

    g_assert_cmpstr (crm_report_get_text (report, 2, name), ==, "Thu 2026");
    g_assert_cmpint (crm_report_get_number (report, 2, reach), ==, 3);
    g_assert_cmpint (crm_report_get_number (report, 2, contacted), ==, 0);
    g_assert_cmpint (crm_report_get_number (report, 2, revenue), ==, 0);
  }
  g_assert_cmpint (figure (report, "Reach"), ==, 8);
  g_assert_cmpint (figure (report, "Responses"), ==, 4);
  g_assert_cmpint (figure (report, "Conversions"), ==, 2);
  g_assert_cmpint (figure (report, "Revenue before VAT"), ==, 15000000);
  g_assert_cmpint (figure (report, "Budget"), ==, 6000000);
  g_assert_cmpint (figure (report, "Cost per conversion"), ==, 3000000);
  g_assert_cmpint (crm_report_get_chart_kind (report), ==, CRM_CHART_BAR);

  filter.breakdown = g_strdup ("channel");
  by_channel = crm_reports_build (office->db.store, office->manager, "campaigns", &filter, NULL, &error);
  g_assert_no_error (error);
  /* Email (K1 + K3), then Event (K4). */
  g_assert_cmpuint (crm_report_get_n_rows (by_channel), ==, 2);
  g_assert_cmpstr (crm_report_get_text (by_channel, 0, 0), ==, "Email");
  g_assert_cmpint (crm_report_get_number (by_channel, 0, find_column (by_channel, "Campaigns")), ==, 2);
  g_assert_cmpint (crm_report_get_number (by_channel, 0, find_column (by_channel, "Reach")), ==, 7);
  g_assert_cmpint (crm_report_get_number (by_channel, 0, find_column (by_channel, "Budget")), ==, 4000000);
  g_assert_cmpint (crm_report_get_number (by_channel, 0, find_column (by_channel, "Cost per conversion")), ==,
                   2000000);
  g_assert_cmpstr (crm_report_get_text (by_channel, 1, 0), ==, "Event");

  /* The staff filter: customers of staff 0 only (c0, c1 in K1; c0 in K3;
   * c4 in K4); no conversions among them. */
  crm_report_filter_clear (&filter);
  filter.staff_id = office->staff[0];
  g_clear_object (&report);
  report = crm_reports_build (office->db.store, office->manager, "campaigns", &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (figure (report, "Reach"), ==, 4);
  g_assert_cmpint (figure (report, "Conversions"), ==, 0);
  g_assert_cmpint (figure (report, "Revenue before VAT"), ==, 0);
  crm_report_filter_clear (&filter);
  (void) k2;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/campaign/validation", Office, NULL, office_setup, test_validation, office_teardown);
  g_test_add ("/campaign/targets", Office, NULL, office_setup, test_targets, office_teardown);
  g_test_add ("/campaign/responses-and-links", Office, NULL, office_setup, test_responses_and_links,
              office_teardown);
  g_test_add ("/campaign/visibility", Office, NULL, office_setup, test_visibility, office_teardown);
  g_test_add ("/campaign/report", Office, NULL, office_setup, test_report, office_teardown);
  return g_test_run ();
}
