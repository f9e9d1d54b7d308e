/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "crm-assignment-store.h"
#include "crm-attachment-store.h"
#include "crm-audit-store.h"
#include "crm-category-store.h"
#include "crm-contact-store.h"
#include "crm-customer-query.h"
#include "crm-error.h"
#include "crm-export-audit.h"
#include "crm-interaction-store.h"
#include "crm-opportunity-store.h"
#include "crm-order-store.h"
#include "crm-quote-store.h"
#include "crm-overview-store.h"
#include "crm-search-store.h"
#include "crm-tag-store.h"
#include "test-fixture.h"

/* The permission matrix: one office, the same table of store calls
 * ("doors") run as each of its users in each company setting, and every
 * result and refusal checked.  A later feature that adds a door adds one
 * row to `rows` below.
 *
 * The office: team A (manager M, staff A1 and A2, and staff X, switched
 * off after signing in) and team B (staff B1); the administrator is in no
 * team.  Customers, by letter (the letters name result sets below):
 *   a  Khách An     A1   category VIP, tag vip, 2 contacts, 1 file,
 *                        interactions by A1, A2 and M, orders by A1 (1M)
 *                        and A2 (2M), a quote by A2
 *   b  Khách Bình   A1
 *   c  Khách Cường  A2   category Miền Bắc (under VIP), tag mới
 *   d  Khách Dũng   B1   category Miền Bắc, tag vip, 1 contact, 1 file,
 *                        an interaction, an order (4M) and an opportunity
 *                        by B1, phone 0912 345 678
 *   m  Khách Minh   M
 *   z  Khách Dương  the administrator
 *   x  Khách Xuân   X    an interaction by X
 * B1 may not export but may delete records; nobody else but the
 * administrator may delete.  One campaign.
 *
 * Expected results, one token per user in the order admin, M, A1, A2,
 * B1, X:
 *   7        the door returned 7 (a count, or millions of đồng)
 *   [abd]    the door returned exactly customers a, b and d
 *   ok       the door succeeded
 *   D, I     refused: CRM_PERMISSION_ERROR_DENIED, _INACTIVE
 *   N        CRM_STORE_ERROR_NOT_FOUND
 * Four strings per row: customer_visibility 'shared' and 'own' with
 * staff_see_others_transactions '1', then the same with '0' (NULL: as
 * with '1'). */

typedef enum
{
  ADMIN,
  MANAGER,
  STAFF_A1,
  STAFF_A2,
  STAFF_B1,
  INACTIVE,
  N_USERS
} Who;

typedef enum
{
  SHARED_SEE,
  OWN_SEE,
  SHARED_HIDE,
  OWN_HIDE,
  N_MODES
} Mode;

static const char *const user_names[N_USERS] = { "admin", "M", "A1", "A2", "B1", "X" };
static const char *const mode_names[N_MODES] = {
  "shared/see-others", "own/see-others", "shared/own-transactions", "own/own-transactions",
};

#define CUSTOMER_LETTERS "abcdmzx"
#define N_CUSTOMERS      7

typedef struct
{
  gint64 users[N_USERS];
  gint64 customers[N_CUSTOMERS];
  gint64 cat_vip;
  gint64 cat_north;
  gint64 contact_d;
  gint64 entry_a2;   /* A2's interaction on a */
  gint64 entry_b1;   /* B1's interaction on d */
  gint64 file_a;
  gint64 file_d;
} Seed;

typedef struct
{
  char       *dir;
  char       *templates[N_MODES];
  CrmSession *sessions[N_MODES][N_USERS];
  Seed        seed;
} Matrix;

/* One copy of a template, open. */
typedef struct
{
  const Seed *seed;
  CrmStore   *store;
  CrmSession *admin;
  char       *path;
} Run;

typedef gint64 (*DoorFunc) (Run     *run,
                            CrmSession *who,
                            GError **error);

typedef struct
{
  const char *name;
  DoorFunc    door;
  gboolean    writes;   /* runs on its own copy of the office */
  const char *expect[N_MODES];
} Row;

static Matrix matrix;

/* Seed helpers ------------------------------------------------------------------ */

#define C(letter) (run->seed->customers[strchr (CUSTOMER_LETTERS, (letter)) - CUSTOMER_LETTERS])
#define USER(who) (run->seed->users[(who)])

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
add_customer (CrmStore   *store,
              CrmSession *admin,
              const char *name,
              gint64      assigned_to,
              gint64      category_id,
              const char *phone)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->assigned_to = assigned_to;
  customer->category_id = category_id;
  if (phone != NULL)
    g_ptr_array_add (customer->phones, g_strdup (phone));
  id = crm_customer_store_create (store, admin, customer, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_contact (CrmStore   *store,
             CrmSession *session,
             gint64      customer_id,
             const char *name)
{
  g_autoptr(CrmContact) contact = crm_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_contact_set_customer_id (contact, customer_id);
  crm_contact_set_full_name (contact, name);
  id = crm_contact_store_create (store, session, contact, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_interaction (CrmStore   *store,
                 CrmSession *session,
                 gint64      customer_id,
                 const char *occurred_at)
{
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_interaction_set_customer_id (interaction, customer_id);
  crm_interaction_set_kind (interaction, CRM_INTERACTION_KIND_CALL);
  crm_interaction_set_occurred_at (interaction, occurred_at);
  crm_interaction_set_summary (interaction, "Gọi hỏi nhu cầu");
  id = crm_interaction_store_add (store, session, interaction, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_file (CrmStore   *store,
          CrmSession *session,
          gint64      customer_id,
          const char *name)
{
  g_autoptr(GBytes) data = g_bytes_new_static ("Nội dung", strlen ("Nội dung"));
  g_autoptr(GError) error = NULL;
  gint64 id = crm_attachment_store_add_bytes (store, session, customer_id, name, data, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
set_tags (CrmStore   *store,
          CrmSession *session,
          gint64      customer_id,
          const char *tag)
{
  const char *names[] = { tag, NULL };
  g_autoptr(GError) error = NULL;

  crm_tag_store_set_for_customer (store, session, customer_id, names, &error);
  g_assert_no_error (error);
}

static CrmSession *
open_session (CrmStore *store,
              gint64    user_id)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_user_store_open_session (store, user_id, &error);

  g_assert_no_error (error);
  return session;
}

static gint64
add_user (CrmStore   *store,
          CrmSession *admin,
          const char *login,
          CrmRole     role,
          gint64      team)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_user_store_create (store, admin, login, login, role, team, &error);

  g_assert_no_error (error);
  return id;
}

/* The office of the comment at the top, written in the default (shared)
 * mode through the store as its people would, plus the business records
 * no store writes yet. */
static void
seed_office (CrmStore   *store,
             CrmSession *admin,
             const char *path,
             Seed       *seed)
{
  g_autoptr(CrmSession) a1 = NULL;
  g_autoptr(CrmSession) a2 = NULL;
  g_autoptr(CrmSession) b1 = NULL;
  g_autoptr(CrmSession) m = NULL;
  g_autoptr(CrmSession) x = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *business = NULL;
  gint64 team_a, team_b, *c = seed->customers;

  team_a = crm_user_store_create_team (store, admin, "Đội A", &error);
  g_assert_no_error (error);
  team_b = crm_user_store_create_team (store, admin, "Đội B", &error);
  g_assert_no_error (error);
  seed->users[ADMIN] = crm_session_get_user_id (admin);
  seed->users[MANAGER] = add_user (store, admin, "minh.quan.ly", CRM_ROLE_MANAGER, team_a);
  seed->users[STAFF_A1] = add_user (store, admin, "an.nhan.vien", CRM_ROLE_STAFF, team_a);
  seed->users[STAFF_A2] = add_user (store, admin, "cuong.nhan.vien", CRM_ROLE_STAFF, team_a);
  seed->users[STAFF_B1] = add_user (store, admin, "dung.nhan.vien", CRM_ROLE_STAFF, team_b);
  seed->users[INACTIVE] = add_user (store, admin, "xuan.nghi.viec", CRM_ROLE_STAFF, team_a);
  m = open_session (store, seed->users[MANAGER]);
  a1 = open_session (store, seed->users[STAFF_A1]);
  a2 = open_session (store, seed->users[STAFF_A2]);
  b1 = open_session (store, seed->users[STAFF_B1]);
  x = open_session (store, seed->users[INACTIVE]);

  seed->cat_vip = crm_category_store_create (store, admin, "VIP", 0, &error);
  g_assert_no_error (error);
  seed->cat_north = crm_category_store_create (store, admin, "Miền Bắc", seed->cat_vip, &error);
  g_assert_no_error (error);

  c[0] = add_customer (store, admin, "Khách An", seed->users[STAFF_A1], seed->cat_vip, NULL);
  c[1] = add_customer (store, admin, "Khách Bình", seed->users[STAFF_A1], 0, NULL);
  c[2] = add_customer (store, admin, "Khách Cường", seed->users[STAFF_A2], seed->cat_north, NULL);
  c[3] = add_customer (store, admin, "Khách Dũng", seed->users[STAFF_B1], seed->cat_north, "0912345678");
  c[4] = add_customer (store, admin, "Khách Minh", seed->users[MANAGER], 0, NULL);
  c[5] = add_customer (store, admin, "Khách Dương", seed->users[ADMIN], 0, NULL);
  c[6] = add_customer (store, admin, "Khách Xuân", seed->users[INACTIVE], 0, NULL);

  set_tags (store, a1, c[0], "vip");
  set_tags (store, a2, c[2], "mới");
  set_tags (store, b1, c[3], "vip");
  add_contact (store, a1, c[0], "Phạm Thu Hà");
  add_contact (store, a1, c[0], "Đặng Văn Tú");
  seed->contact_d = add_contact (store, b1, c[3], "Vũ Thị Lệ");
  add_interaction (store, a1, c[0], "2026-01-01T02:00:00Z");
  seed->entry_a2 = add_interaction (store, a2, c[0], "2026-01-02T02:00:00Z");
  add_interaction (store, m, c[0], "2026-01-03T02:00:00Z");
  seed->entry_b1 = add_interaction (store, b1, c[3], "2026-01-04T02:00:00Z");
  add_interaction (store, x, c[6], "2026-01-05T02:00:00Z");
  seed->file_a = add_file (store, a1, c[0], "hop-dong.pdf");
  seed->file_d = add_file (store, b1, c[3], "bao-gia.pdf");

  business = g_strdup_printf (
    "INSERT INTO orders (code, customer_id, owner_id, order_date, grand_total, created_at, updated_at) VALUES "
    "  ('DH-1', %1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", '2026-01-10', 1000000, '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z'),"
    "  ('DH-2', %1$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", '2026-01-10', 2000000, '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z'),"
    "  ('DH-3', %2$" G_GINT64_FORMAT ", %5$" G_GINT64_FORMAT ", '2026-01-10', 4000000, '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z');"
    "INSERT INTO quotes (id, code, customer_id, owner_id, issue_date, valid_until, created_at, updated_at) VALUES "
    "  (1, 'BG-2026-0001', %1$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", '2026-01-10', '2026-02-10', '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z');"
    "INSERT INTO search_docs (kind, ref_id, customer_id, code, title, body) VALUES "
    "  ('quote', 1, %1$" G_GINT64_FORMAT ", 'BG-2026-0001', 'Báo giá máy lọc nước', 'bg 2026 0001 bao gia may loc nuoc');"
    "INSERT INTO opportunities (customer_id, owner_id, title, created_at, updated_at) VALUES "
    "  (%2$" G_GINT64_FORMAT ", %5$" G_GINT64_FORMAT ", 'Lắp đặt văn phòng', '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z');"
    "INSERT INTO campaigns (name, channel, created_at, updated_at) VALUES "
    "  ('Tết 2026', 'sms', '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z');"
    "UPDATE users SET may_export = 0, may_delete = 1 WHERE id = %5$" G_GINT64_FORMAT ";",
    c[0], c[3], seed->users[STAFF_A1], seed->users[STAFF_A2], seed->users[STAFF_B1]);
  exec_sql (path, business);
}

static void
copy_database (const char *from,
               const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static CrmStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store = crm_store_open (path, 0, &error);

  g_assert_no_error (error);
  return store;
}

/* One template database per mode: the office with the company's settings
 * applied, a session opened for everybody (so each carries the mode's
 * visibility), and then X switched off. */
static void
build_matrix (void)
{
  static const char *const visibility[N_MODES] = { "shared", "own", "shared", "own" };
  static const char *const see_others[N_MODES] = { "1", "1", "0", "0" };
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;

  matrix.dir = g_dir_make_tmp ("sokhach-permissions-XXXXXX", &error);
  g_assert_no_error (error);
  base = g_build_filename (matrix.dir, "office.db", NULL);
  {
    g_autoptr(CrmStore) store = crm_store_open (base, CRM_STORE_OPEN_CREATE, &error);
    g_autoptr(CrmSession) admin = NULL;

    g_assert_no_error (error);
    admin = crm_user_store_ensure_admin (store, &error);
    g_assert_no_error (error);
    seed_office (store, admin, base, &matrix.seed);
  }

  for (guint mode = 0; mode < N_MODES; mode++)
    {
      g_autoptr(CrmStore) store = NULL;
      g_autoptr(CrmSession) admin = NULL;

      matrix.templates[mode] = g_strdup_printf ("%s/mode-%u.db", matrix.dir, mode);
      copy_database (base, matrix.templates[mode]);
      store = open_store (matrix.templates[mode]);
      admin = open_session (store, matrix.seed.users[ADMIN]);
      crm_settings_set (store, admin, "customer_visibility", visibility[mode], &error);
      g_assert_no_error (error);
      crm_settings_set (store, admin, "staff_see_others_transactions", see_others[mode], &error);
      g_assert_no_error (error);
      for (guint who = 0; who < N_USERS; who++)
        matrix.sessions[mode][who] = open_session (store, matrix.seed.users[who]);
      crm_user_store_set_active (store, matrix.sessions[mode][ADMIN], matrix.seed.users[INACTIVE], FALSE,
                                 &error);
      g_assert_no_error (error);
    }
  remove_database (base);
}

static void
free_matrix (void)
{
  for (guint mode = 0; mode < N_MODES; mode++)
    {
      for (guint who = 0; who < N_USERS; who++)
        g_clear_object (&matrix.sessions[mode][who]);
      remove_database (matrix.templates[mode]);
      g_free (matrix.templates[mode]);
    }
  g_rmdir (matrix.dir);
  g_free (matrix.dir);
}

/* Doors: reading ------------------------------------------------------------------ */

/* The letters of @ids as a bit set, for comparing with "[abd]". */
static gint64
customer_set (Run          *run,
              const gint64 *ids,
              guint         n_ids)
{
  gint64 set = 0;

  for (guint i = 0; i < n_ids; i++)
    for (guint c = 0; c < N_CUSTOMERS; c++)
      if (run->seed->customers[c] == ids[i])
        set |= (gint64) 1 << c;
  return set;
}

static gint64
rows_set (Run       *run,
          GPtrArray *rows)
{
  g_autofree gint64 *ids = g_new0 (gint64, rows->len + 1);

  for (guint i = 0; i < rows->len; i++)
    ids[i] = crm_customer_row_get_id (g_ptr_array_index (rows, i));
  return customer_set (run, ids, rows->len);
}

static gint64
door_customer_count (Run *run, CrmSession *who, GError **error)
{
  return crm_customer_store_count (run->store, who, error);
}

static gint64
door_query_count (Run *run, CrmSession *who, GError **error)
{
  return crm_customer_query_count (run->store, who, NULL, error);
}

static gint64
door_customer_list (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) rows = crm_customer_query_fetch (run->store, who, NULL, 0, 100, error);

  return rows != NULL ? rows_set (run, rows) : -1;
}

static gint64
door_customer_list_of_b1 (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;

  filter->assigned_to = USER (STAFF_B1);
  rows = crm_customer_query_fetch (run->store, who, filter, 0, 100, error);
  return rows != NULL ? rows_set (run, rows) : -1;
}

static gint64
door_get (Run *run, CrmSession *who, gint64 id, GError **error)
{
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (run->store, who, id, error);

  return customer != NULL;
}

static gint64
door_get_a (Run *run, CrmSession *who, GError **error)
{
  return door_get (run, who, C ('a'), error);
}

static gint64
door_get_d (Run *run, CrmSession *who, GError **error)
{
  return door_get (run, who, C ('d'), error);
}

static gint64
door_duplicates_of_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmCustomer) candidate = crm_customer_new ();
  g_autoptr(GPtrArray) found = NULL;

  candidate->full_name = g_strdup ("Người mới");
  g_ptr_array_add (candidate->phones, g_strdup ("0912 345 678"));
  found = crm_customer_store_find_duplicates (run->store, who, candidate, NULL, error);
  return found != NULL ? (gint64) found->len : -1;
}

static gboolean
summary_of (Run *run, CrmSession *who, gint64 id, CrmCustomerSummary *summary, GError **error)
{
  return crm_customer_store_summary (run->store, who, id, summary, error);
}

static gint64
door_summary_revenue_a (Run *run, CrmSession *who, GError **error)
{
  CrmCustomerSummary summary;

  return summary_of (run, who, C ('a'), &summary, error) ? summary.revenue / 1000000 : -1;
}

static gint64
door_summary_interactions_a (Run *run, CrmSession *who, GError **error)
{
  CrmCustomerSummary summary;

  return summary_of (run, who, C ('a'), &summary, error) ? (gint64) summary.interactions : -1;
}

static gint64
door_summary_quotes_a (Run *run, CrmSession *who, GError **error)
{
  CrmCustomerSummary summary;

  return summary_of (run, who, C ('a'), &summary, error) ? (gint64) summary.quotes : -1;
}

static gint64
door_summary_contacts_a (Run *run, CrmSession *who, GError **error)
{
  CrmCustomerSummary summary;

  return summary_of (run, who, C ('a'), &summary, error) ? (gint64) summary.contacts : -1;
}

static gint64
door_summary_opportunities_d (Run *run, CrmSession *who, GError **error)
{
  CrmCustomerSummary summary;

  return summary_of (run, who, C ('d'), &summary, error) ? (gint64) summary.open_opportunities : -1;
}

/* How many hits of @kind the header search gives for @query; customer
 * hits as a set. */
static gint64
search (Run *run, CrmSession *who, const char *query, const char *kind, GError **error)
{
  g_autoptr(GPtrArray) hits = crm_search_store_find (run->store, who, query, 100, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (hits == NULL)
    return -1;
  for (guint i = 0; i < hits->len; i++)
    {
      const CrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_str_equal (hit->kind, kind))
        g_array_append_val (ids, hit->ref_id);
    }
  if (g_str_equal (kind, "customer"))
    return customer_set (run, (const gint64 *) ids->data, ids->len);
  return ids->len;
}

static gint64
door_search_customers (Run *run, CrmSession *who, GError **error)
{
  return search (run, who, "khach", "customer", error);
}

static gint64
door_search_contact (Run *run, CrmSession *who, GError **error)
{
  return search (run, who, "pham thu ha", "contact", error);
}

static gint64
door_search_quote (Run *run, CrmSession *who, GError **error)
{
  return search (run, who, "bao gia may", "quote", error);
}

static CrmCategory *
find_category (GPtrArray *tree,
               gint64     id)
{
  for (guint i = 0; i < tree->len; i++)
    if (crm_category_get_id (g_ptr_array_index (tree, i)) == id)
      return g_ptr_array_index (tree, i);
  return NULL;
}

static gint64
tree_total (Run *run, CrmSession *who, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) tree = crm_category_store_list (run->store, who, error);
  CrmCategory *node;

  if (tree == NULL)
    return -1;
  node = find_category (tree, id);
  return node != NULL ? crm_category_get_n_customers (node) : 0;
}

static gint64
door_tree_nodes (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) tree = crm_category_store_list (run->store, who, error);

  return tree != NULL ? (gint64) tree->len : -1;
}

static gint64
door_tree_vip (Run *run, CrmSession *who, GError **error)
{
  return tree_total (run, who, run->seed->cat_vip, error);
}

static gint64
door_tree_north (Run *run, CrmSession *who, GError **error)
{
  return tree_total (run, who, run->seed->cat_north, error);
}

static gint64
door_tags_listed (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) tags = crm_tag_store_list (run->store, who, error);

  return tags != NULL ? (gint64) tags->len : -1;
}

static gint64
door_tag_vip_count (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) tags = crm_tag_store_list (run->store, who, error);

  if (tags == NULL)
    return -1;
  for (guint i = 0; i < tags->len; i++)
    {
      const CrmTag *tag = g_ptr_array_index (tags, i);

      if (g_str_equal (tag->name, "vip"))
        return tag->n_customers;
    }
  return 0;
}

static gint64
door_tags_of_a (Run *run, CrmSession *who, GError **error)
{
  g_auto(GStrv) names = crm_tag_store_get_for_customer (run->store, who, C ('a'), error);

  return names != NULL ? (gint64) g_strv_length (names) : -1;
}

static gint64
door_tagged_vip (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GArray) ids = crm_tag_store_customer_ids (run->store, who, "VIP", error);

  return ids != NULL ? customer_set (run, (const gint64 *) ids->data, ids->len) : -1;
}

static gint64
door_contacts_of_a (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) contacts = crm_contact_store_list_for_customer (run->store, who, C ('a'), error);

  return contacts != NULL ? (gint64) contacts->len : -1;
}

static gint64
door_contact_of_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmContact) contact = crm_contact_store_get (run->store, who, run->seed->contact_d, error);

  return contact != NULL;
}

static gint64
door_interactions_of_a (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) entries = crm_interaction_store_list_for_customer (run->store, who, C ('a'), 0, 0, error);

  return entries != NULL ? (gint64) entries->len : -1;
}

static gint64
door_interaction_count_of_a (Run *run, CrmSession *who, GError **error)
{
  return crm_interaction_store_count_for_customer (run->store, who, C ('a'), error);
}

static gint64
door_recent_interactions (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) entries = crm_interaction_store_list_recent (run->store, who, 100, error);

  return entries != NULL ? (gint64) entries->len : -1;
}

static gint64
door_interaction_of_a2 (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmInteraction) entry = crm_interaction_store_get (run->store, who, run->seed->entry_a2, error);

  return entry != NULL;
}

static gint64
door_files_of_a (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) files = crm_attachment_store_list (run->store, who, C ('a'), error);

  return files != NULL ? (gint64) files->len : -1;
}

static gint64
door_file_of_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmAttachment) file = crm_attachment_store_get (run->store, who, run->seed->file_d, error);

  return file != NULL;
}

static gint64
door_file_data_of_a (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GBytes) data = crm_attachment_store_get_data (run->store, who, run->seed->file_a, error);

  return data != NULL;
}

static gint64
overview (Run *run, CrmSession *who, guint field, GError **error)
{
  CrmOverviewCounts counts;

  if (!crm_overview_store_count (run->store, who, &counts, error))
    return -1;
  return ((gint64 *) &counts)[field];
}

static gint64
door_overview_customers (Run *run, CrmSession *who, GError **error)
{
  return overview (run, who, G_STRUCT_OFFSET (CrmOverviewCounts, customers) / sizeof (gint64), error);
}

static gint64
door_overview_opportunities (Run *run, CrmSession *who, GError **error)
{
  return overview (run, who, G_STRUCT_OFFSET (CrmOverviewCounts, opportunities) / sizeof (gint64), error);
}

static gint64
door_overview_quotes (Run *run, CrmSession *who, GError **error)
{
  return overview (run, who, G_STRUCT_OFFSET (CrmOverviewCounts, quotes) / sizeof (gint64), error);
}

static gint64
door_overview_orders (Run *run, CrmSession *who, GError **error)
{
  return overview (run, who, G_STRUCT_OFFSET (CrmOverviewCounts, orders) / sizeof (gint64), error);
}

/* The selling lists count what the sidebar counts. */
static gint64
door_opportunity_list (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmOpportunityFilter) filter = crm_opportunity_filter_new ();

  return crm_opportunity_store_count (run->store, who, filter, error);
}

static gint64
door_quote_list (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmQuoteFilter) filter = crm_quote_filter_new ();

  return crm_quote_store_count_filtered (run->store, who, filter, error);
}

static gint64
door_order_list (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmOrderFilter) filter = crm_order_filter_new ();

  return crm_order_store_count (run->store, who, filter, error);
}

/* B1's order on d and B1's opportunity on d, opened by id. */
static gint64
door_order_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmOrder) order = crm_order_store_get (run->store, who, 3, error);

  return order != NULL ? 1 : -1;
}

static gint64
door_opportunity_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_store_get (run->store, who, 1, error);

  return opportunity != NULL ? 1 : -1;
}

static gint64
door_overview_campaigns (Run *run, CrmSession *who, GError **error)
{
  return overview (run, who, G_STRUCT_OFFSET (CrmOverviewCounts, campaigns) / sizeof (gint64), error);
}

static gint64
door_may_export (Run *run, CrmSession *who, GError **error)
{
  return crm_store_check_may_export (run->store, who, error);
}

static gint64
door_assignees (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) users = crm_user_store_list_assignees (run->store, who, error);

  return users != NULL ? (gint64) users->len : -1;
}

static gint64
door_audit_log (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GPtrArray) entries = crm_audit_store_query (run->store, who, NULL, 0, 10, error);

  return entries != NULL;
}

static gint64
door_audit_count (Run *run, CrmSession *who, GError **error)
{
  return crm_audit_store_count (run->store, who, NULL, error) > 0;
}

static gint64
history (Run *run, CrmSession *who, const char *entity, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) entries = crm_audit_store_history (run->store, who, entity, id, error);

  return entries != NULL && entries->len > 0;
}

static gint64
door_history_of_d (Run *run, CrmSession *who, GError **error)
{
  return history (run, who, "customer", C ('d'), error);
}

static gint64
door_history_of_a2_entry (Run *run, CrmSession *who, GError **error)
{
  return history (run, who, "interaction", run->seed->entry_a2, error);
}

static gint64
door_history_of_contact_d (Run *run, CrmSession *who, GError **error)
{
  return history (run, who, "contact", run->seed->contact_d, error);
}

static gint64
door_history_of_file_d (Run *run, CrmSession *who, GError **error)
{
  return history (run, who, "attachment", run->seed->file_d, error);
}

static gint64
door_history_of_user (Run *run, CrmSession *who, GError **error)
{
  return history (run, who, "user", USER (STAFF_B1), error);
}

/* Doors: writing ------------------------------------------------------------------ */

static gint64
create_customer (Run *run, CrmSession *who, gint64 assigned_to, GError **error)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();

  customer->full_name = g_strdup ("Khách mới");
  customer->assigned_to = assigned_to;
  return crm_customer_store_create (run->store, who, customer, error) > 0;
}

static gint64
door_create_customer (Run *run, CrmSession *who, GError **error)
{
  return create_customer (run, who, 0, error);
}

static gint64
door_create_customer_for_b1 (Run *run, CrmSession *who, GError **error)
{
  return create_customer (run, who, USER (STAFF_B1), error);
}

/* The customer as the administrator reads it, so that every user edits
 * the same row version. */
static CrmCustomer *
customer_of (Run *run, gint64 id)
{
  g_autoptr(GError) error = NULL;
  CrmCustomer *customer = crm_customer_store_get (run->store, run->admin, id, &error);

  g_assert_no_error (error);
  return customer;
}

static gint64
door_update_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmCustomer) customer = customer_of (run, C ('d'));

  g_free (customer->occupation);
  customer->occupation = g_strdup ("Kế toán");
  return crm_customer_store_update (run->store, who, customer, error);
}

static gint64
door_give_d_to_a1 (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmCustomer) customer = customer_of (run, C ('d'));

  customer->assigned_to = USER (STAFF_A1);
  return crm_customer_store_update (run->store, who, customer, error);
}

static gint64
door_merge_c_into_a (Run *run, CrmSession *who, GError **error)
{
  return crm_customer_store_merge (run->store, who, C ('a'), C ('c'), error);
}

static gint64
door_merge_d_into_a (Run *run, CrmSession *who, GError **error)
{
  return crm_customer_store_merge (run->store, who, C ('a'), C ('d'), error);
}

static gint64
reassign (Run *run, CrmSession *who, gint64 customer_id, gint64 to_user, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, customer_id);
  return crm_assignment_store_reassign (run->store, who, ids, to_user, error);
}

static gint64
door_reassign_a_to_a2 (Run *run, CrmSession *who, GError **error)
{
  return reassign (run, who, C ('a'), USER (STAFF_A2), error);
}

static gint64
door_reassign_d_to_a1 (Run *run, CrmSession *who, GError **error)
{
  return reassign (run, who, C ('d'), USER (STAFF_A1), error);
}

static gint64
door_reassign_a_to_b1 (Run *run, CrmSession *who, GError **error)
{
  return reassign (run, who, C ('a'), USER (STAFF_B1), error);
}

static gint64
door_hand_over_a2_to_a1 (Run *run, CrmSession *who, GError **error)
{
  return crm_assignment_store_hand_over (run->store, who, USER (STAFF_A2), USER (STAFF_A1), NULL, error);
}

static gint64
door_create_category (Run *run, CrmSession *who, GError **error)
{
  return crm_category_store_create (run->store, who, "Đại lý", 0, error) > 0;
}

static gint64
door_rename_category (Run *run, CrmSession *who, GError **error)
{
  return crm_category_store_rename (run->store, who, run->seed->cat_vip, "Khách quý", error);
}

static gint64
door_move_category (Run *run, CrmSession *who, GError **error)
{
  return crm_category_store_move (run->store, who, run->seed->cat_north, 0, error);
}

static gint64
door_delete_category (Run *run, CrmSession *who, GError **error)
{
  return crm_category_store_delete (run->store, who, run->seed->cat_north, run->seed->cat_vip, error);
}

static gint64
door_file_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = C ('d');

  g_array_append_val (ids, id);
  return crm_category_store_set_customer_category (run->store, who, ids, run->seed->cat_vip, error);
}

static gint64
door_tag_d (Run *run, CrmSession *who, GError **error)
{
  const char *names[] = { "vip", "đại lý", NULL };

  return crm_tag_store_set_for_customer (run->store, who, C ('d'), names, error);
}

static gint64
door_add_contact_to_a (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmContact) contact = crm_contact_new ();

  crm_contact_set_customer_id (contact, C ('a'));
  crm_contact_set_full_name (contact, "Ngô Minh Khoa");
  return crm_contact_store_create (run->store, who, contact, error) > 0;
}

static gint64
door_update_contact_of_d (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_store_get (run->store, run->admin, run->seed->contact_d,
                                                         &local_error);

  g_assert_no_error (local_error);
  crm_contact_set_position (contact, "Kế toán trưởng");
  return crm_contact_store_update (run->store, who, contact, error);
}

static gint64
door_delete_contact_of_d (Run *run, CrmSession *who, GError **error)
{
  return crm_contact_store_delete (run->store, who, run->seed->contact_d, error);
}

static gint64
door_add_interaction_to_a (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();

  crm_interaction_set_customer_id (interaction, C ('a'));
  crm_interaction_set_kind (interaction, CRM_INTERACTION_KIND_MEETING);
  crm_interaction_set_occurred_at (interaction, "2026-02-01T02:00:00Z");
  crm_interaction_set_summary (interaction, "Gặp trao đổi hợp đồng");
  return crm_interaction_store_add (run->store, who, interaction, error) > 0;
}

static gint64
door_update_b1_entry (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmInteraction) entry = crm_interaction_store_get (run->store, run->admin, run->seed->entry_b1,
                                                               &local_error);

  g_assert_no_error (local_error);
  crm_interaction_set_outcome (entry, "Hẹn gặp lại");
  return crm_interaction_store_update (run->store, who, entry, error);
}

static gint64
door_delete_b1_entry (Run *run, CrmSession *who, GError **error)
{
  return crm_interaction_store_delete (run->store, who, run->seed->entry_b1, error);
}

static gint64
door_add_file_to_a (Run *run, CrmSession *who, GError **error)
{
  g_autoptr(GBytes) data = g_bytes_new_static ("Biên bản", strlen ("Biên bản"));

  return crm_attachment_store_add_bytes (run->store, who, C ('a'), "bien-ban.txt", data, NULL, error) > 0;
}

static gint64
door_rename_file_of_d (Run *run, CrmSession *who, GError **error)
{
  return crm_attachment_store_update (run->store, who, run->seed->file_d, "bao-gia-2026.pdf", NULL, error);
}

static gint64
door_delete_file_of_d (Run *run, CrmSession *who, GError **error)
{
  return crm_attachment_store_delete (run->store, who, run->seed->file_d, error);
}

static gint64
door_audit_export (Run *run, CrmSession *who, GError **error)
{
  return crm_store_audit_export (run->store, who, "customer", "/tmp/khach-hang.xlsx", 7, error);
}

/* The table ------------------------------------------------------------------------- */

#define ALL "[abcdmzx]"
#define R FALSE
#define W TRUE

static const Row rows[] = {
  /* Customers: lists, counts, profile, duplicates. */
  { "customer/count", door_customer_count, R, { "7 7 7 7 7 0", "7 5 2 1 1 0" } },
  { "customer/query-count", door_query_count, R, { "7 7 7 7 7 0", "7 5 2 1 1 0" } },
  { "customer/list", door_customer_list, R,
    { ALL " " ALL " " ALL " " ALL " " ALL " []", ALL " [abcmx] [ab] [c] [d] []" } },
  { "customer/list-filtered-to-b1", door_customer_list_of_b1, R,
    { "[d] [d] [d] [d] [d] []", "[d] [] [] [] [d] []" } },
  { "customer/get-a", door_get_a, R, { "ok ok ok ok ok N", "ok ok ok N N N" } },
  { "customer/get-d", door_get_d, R, { "ok ok ok ok ok N", "ok N N N ok N" } },
  { "customer/duplicates-of-d", door_duplicates_of_d, R, { "1 1 1 1 1 I", "1 0 0 0 1 I" } },
  { "summary/revenue-of-a", door_summary_revenue_a, R,
    { "3 3 3 3 3 N", "3 3 3 N N N", "3 3 3 2 0 N", NULL } },
  { "summary/interactions-of-a", door_summary_interactions_a, R,
    { "3 3 3 3 3 N", "3 3 3 N N N", "3 3 3 1 0 N", NULL } },
  { "summary/quotes-of-a", door_summary_quotes_a, R, { "1 1 1 1 1 N", "1 1 1 N N N", "1 1 1 1 0 N", NULL } },
  { "summary/contacts-of-a", door_summary_contacts_a, R, { "2 2 2 2 2 N", "2 2 2 N N N" } },
  { "summary/opportunities-of-d", door_summary_opportunities_d, R,
    { "1 1 1 1 1 N", "1 N N N 1 N", "1 1 0 0 1 N", NULL } },
  /* Search. */
  { "search/customers", door_search_customers, R,
    { ALL " " ALL " " ALL " " ALL " " ALL " []", ALL " [abcmx] [ab] [c] [d] []" } },
  { "search/contact", door_search_contact, R, { "1 1 1 1 1 0", "1 1 1 0 0 0" } },
  { "search/quote", door_search_quote, R, { "1 1 1 1 1 0", "1 1 1 0 0 0", "1 1 1 1 0 0", NULL } },
  /* The tree and tags. */
  { "tree/nodes", door_tree_nodes, R, { "2 2 2 2 2 0", "2 2 2 2 2 0" } },
  { "tree/vip-total", door_tree_vip, R, { "3 3 3 3 3 0", "3 2 1 1 1 0" } },
  { "tree/north-total", door_tree_north, R, { "2 2 2 2 2 0", "2 1 0 1 1 0" } },
  { "tags/listed", door_tags_listed, R, { "2 2 2 2 2 0", "2 2 2 2 2 0" } },
  { "tags/vip-count", door_tag_vip_count, R, { "2 2 2 2 2 0", "2 1 1 0 1 0" } },
  { "tags/of-a", door_tags_of_a, R, { "1 1 1 1 1 N", "1 1 1 N N N" } },
  { "tags/customers-tagged-vip", door_tagged_vip, R,
    { "[ad] [ad] [ad] [ad] [ad] []", "[ad] [a] [a] [] [d] []" } },
  /* Related tabs. */
  { "contacts/list-of-a", door_contacts_of_a, R, { "2 2 2 2 2 D", "2 2 2 D D D" } },
  { "contacts/get-of-d", door_contact_of_d, R, { "ok ok ok ok ok N", "ok N N N ok N" } },
  { "interactions/list-of-a", door_interactions_of_a, R,
    { "3 3 3 3 3 D", "3 3 3 D D D", "3 3 3 1 0 D", NULL } },
  { "interactions/count-of-a", door_interaction_count_of_a, R,
    { "3 3 3 3 3 D", "3 3 3 D D D", "3 3 3 1 0 D", NULL } },
  { "interactions/recent", door_recent_interactions, R,
    { "5 5 5 5 5 0", "5 4 3 0 1 0", "5 5 3 1 1 0", NULL } },
  { "interactions/get-a2s-entry", door_interaction_of_a2, R,
    { "ok ok ok ok ok N", "ok ok ok N N N", "ok ok ok ok N N", NULL } },
  { "attachments/list-of-a", door_files_of_a, R, { "1 1 1 1 1 D", "1 1 1 D D D" } },
  { "attachments/get-of-d", door_file_of_d, R, { "ok ok ok ok ok D", "ok D D D ok D" } },
  { "attachments/data-of-a", door_file_data_of_a, R, { "ok ok ok ok ok D", "ok ok ok D D D" } },
  /* Overview. */
  { "overview/customers", door_overview_customers, R, { "7 7 7 7 7 0", "7 5 2 1 1 0" } },
  { "overview/opportunities", door_overview_opportunities, R,
    { "1 1 1 1 1 0", "1 0 0 0 1 0", "1 1 0 0 1 0", NULL } },
  { "overview/quotes", door_overview_quotes, R, { "1 1 1 1 1 0", "1 1 1 0 0 0", "1 1 1 1 0 0", NULL } },
  { "overview/orders", door_overview_orders, R, { "3 3 3 3 3 0", "3 2 2 0 1 0", "3 3 2 1 1 0", NULL } },
  { "opportunities/list", door_opportunity_list, R, { "1 1 1 1 1 0", "1 0 0 0 1 0",
      "1 1 0 0 1 0", "1 0 0 0 1 0" } },
  { "quotes/list", door_quote_list, R, { "1 1 1 1 1 0", "1 1 1 0 0 0",
      "1 1 1 1 0 0", "1 1 1 0 0 0" } },
  { "orders/list", door_order_list, R, { "3 3 3 3 3 0", "3 2 2 0 1 0",
      "3 3 2 1 1 0", "3 2 2 0 1 0" } },
  { "orders/get-d", door_order_d, R, { "1 1 1 1 1 N", "1 N N N 1 N",
      "1 1 N N 1 N", "1 N N N 1 N" } },
  { "opportunities/get-d", door_opportunity_d, R, { "1 1 1 1 1 N", "1 N N N 1 N",
      "1 1 N N 1 N", "1 N N N 1 N" } },
  { "overview/campaigns", door_overview_campaigns, R, { "1 1 1 1 1 0", "1 1 1 1 1 0" } },
  /* People, exports, the audit log. */
  { "users/assignees", door_assignees, R, { "5 3 1 1 1 0", "5 3 1 1 1 0" } },
  { "export/may-export", door_may_export, R, { "ok ok ok ok D I", "ok ok ok ok D I" } },
  { "audit/log", door_audit_log, R, { "ok D D D D I", "ok D D D D I" } },
  { "audit/count", door_audit_count, R, { "ok D D D D I", "ok D D D D I" } },
  { "audit/history-of-d", door_history_of_d, R, { "ok ok ok ok ok I", "ok N N N ok I" } },
  { "audit/history-of-a2s-entry", door_history_of_a2_entry, R,
    { "ok ok ok ok ok I", "ok ok ok N N I", "ok ok ok ok N I", NULL } },
  { "audit/history-of-contact-of-d", door_history_of_contact_d, R, { "ok ok ok ok ok I", "ok N N N ok I" } },
  { "audit/history-of-file-of-d", door_history_of_file_d, R, { "ok ok ok ok ok I", "ok N N N ok I" } },
  { "audit/history-of-a-user", door_history_of_user, R, { "ok D D D D I", "ok D D D D I" } },

  /* Writes, each on its own copy of the office. */
  { "customer/create", door_create_customer, W, { "ok ok ok ok ok I", "ok ok ok ok ok I" } },
  { "customer/create-for-b1", door_create_customer_for_b1, W, { "ok D D D ok I", "ok D D D ok I" } },
  { "customer/update-d", door_update_d, W, { "ok ok ok ok ok I", "ok N N N ok I" } },
  { "customer/give-d-to-a1", door_give_d_to_a1, W, { "ok D D D D I", "ok N N N D I" } },
  { "customer/merge-c-into-a", door_merge_c_into_a, W, { "ok ok D D D I", "ok ok D D D I" } },
  { "customer/merge-d-into-a", door_merge_d_into_a, W, { "ok ok D D D I", "ok N D D D I" } },
  { "assign/a-to-a2", door_reassign_a_to_a2, W, { "ok ok D D D I", "ok ok D D D I" } },
  { "assign/d-to-a1", door_reassign_d_to_a1, W, { "ok D D D D I", "ok N D D D I" } },
  { "assign/a-to-b1", door_reassign_a_to_b1, W, { "ok D D D D I", "ok D D D D I" } },
  { "assign/hand-over-a2-to-a1", door_hand_over_a2_to_a1, W, { "ok ok D D D I", "ok ok D D D I" } },
  { "category/create", door_create_category, W, { "ok ok D D D I", "ok ok D D D I" } },
  { "category/rename", door_rename_category, W, { "ok ok D D D I", "ok ok D D D I" } },
  { "category/move", door_move_category, W, { "ok ok D D D I", "ok ok D D D I" } },
  { "category/delete-moving-customers", door_delete_category, W, { "ok ok D D D I", "ok D D D D I" } },
  { "category/file-d", door_file_d, W, { "ok ok ok ok ok I", "ok N N N ok I" } },
  { "tags/set-on-d", door_tag_d, W, { "ok ok ok ok ok I", "ok N N N ok I" } },
  { "contacts/create-on-a", door_add_contact_to_a, W, { "ok ok ok ok ok I", "ok ok ok D D I" } },
  { "contacts/update-of-d", door_update_contact_of_d, W, { "ok ok ok ok ok I", "ok D D D ok I" } },
  { "contacts/delete-of-d", door_delete_contact_of_d, W, { "ok D D D ok I", "ok D D D ok I" } },
  { "interactions/add-to-a", door_add_interaction_to_a, W, { "ok ok ok ok ok I", "ok ok ok D D I" } },
  { "interactions/update-b1s-entry", door_update_b1_entry, W, { "ok ok D D ok I", "ok D D D ok I" } },
  { "interactions/delete-b1s-entry", door_delete_b1_entry, W, { "ok D D D ok I", "ok D D D ok I" } },
  { "attachments/add-to-a", door_add_file_to_a, W, { "ok ok ok ok ok I", "ok ok ok D D I" } },
  { "attachments/rename-of-d", door_rename_file_of_d, W, { "ok ok ok ok ok I", "ok D D D ok I" } },
  { "attachments/delete-of-d", door_delete_file_of_d, W, { "ok D D D ok I", "ok D D D ok I" } },
  { "export/audit-row", door_audit_export, W, { "ok ok ok ok ok I", "ok ok ok ok ok I" } },
};

/* Running --------------------------------------------------------------------------- */

typedef enum
{
  EXPECT_VALUE,
  EXPECT_OK,
  EXPECT_DENIED,
  EXPECT_INACTIVE,
  EXPECT_NOT_FOUND,
} ExpectKind;

typedef struct
{
  ExpectKind kind;
  gint64     value;
} Expect;

static Expect
parse_token (const char *token)
{
  Expect expect = { EXPECT_VALUE, 0 };

  if (g_str_equal (token, "ok"))
    expect.kind = EXPECT_OK;
  else if (g_str_equal (token, "D"))
    expect.kind = EXPECT_DENIED;
  else if (g_str_equal (token, "I"))
    expect.kind = EXPECT_INACTIVE;
  else if (g_str_equal (token, "N"))
    expect.kind = EXPECT_NOT_FOUND;
  else if (token[0] == '[')
    {
      for (const char *p = token + 1; *p != ']'; p++)
        {
          const char *letter = strchr (CUSTOMER_LETTERS, *p);

          g_assert_nonnull (letter);
          expect.value |= (gint64) 1 << (letter - CUSTOMER_LETTERS);
        }
    }
  else
    {
      char *end = NULL;

      expect.value = g_ascii_strtoll (token, &end, 10);
      g_assert_true (end != token && *end == '\0');
    }
  return expect;
}

/* The row's expectation for @who in @mode. */
static Expect
expectation (const Row *row,
             Mode       mode,
             Who        who)
{
  const char *text = row->expect[mode];
  g_auto(GStrv) tokens = NULL;

  if (text == NULL && mode >= SHARED_HIDE)
    text = row->expect[mode - SHARED_HIDE];
  g_assert_nonnull (text);
  tokens = g_strsplit (text, " ", -1);
  if (g_strv_length (tokens) != N_USERS)
    g_error ("%s: “%s” needs %d results", row->name, text, N_USERS);
  return parse_token (tokens[who]);
}

static char *
describe_outcome (gint64  value,
                  GError *error)
{
  if (error != NULL)
    return g_strdup_printf ("%s %d: %s", g_quark_to_string (error->domain), error->code, error->message);
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
outcome_matches (Expect  expect,
                 gint64  value,
                 GError *error)
{
  switch (expect.kind)
    {
    case EXPECT_VALUE:
      return error == NULL && value == expect.value;
    case EXPECT_OK:
      return error == NULL && value > 0;
    case EXPECT_DENIED:
      return g_error_matches (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
    case EXPECT_INACTIVE:
      return g_error_matches (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
    case EXPECT_NOT_FOUND:
      return g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
    default:
      g_assert_not_reached ();
    }
}

static void
open_run (Run        *run,
          Mode        mode,
          const char *name)
{
  run->seed = &matrix.seed;
  run->admin = matrix.sessions[mode][ADMIN];
  run->path = g_strdup_printf ("%s/%s.db", matrix.dir, name);
  copy_database (matrix.templates[mode], run->path);
  run->store = open_store (run->path);
}

static void
close_run (Run *run)
{
  g_clear_object (&run->store);
  remove_database (run->path);
  g_clear_pointer (&run->path, g_free);
}

/* Runs @row as @who and records a mismatch in @failures. */
static void
check_door (Run        *run,
            const Row  *row,
            Mode        mode,
            Who         who,
            GString    *failures)
{
  Expect expect = expectation (row, mode, who);
  g_autoptr(GError) error = NULL;
  gint64 value = row->door (run, matrix.sessions[mode][who], &error);

  if (!outcome_matches (expect, value, error))
    {
      g_autofree char *got = describe_outcome (value, error);

      g_string_append_printf (failures, "\n  %s as %s: got %s", row->name, user_names[who], got);
    }
}

static void
test_matrix (gconstpointer data)
{
  Mode mode = GPOINTER_TO_UINT (data);
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint who = 0; who < N_USERS; who++)
    {
      Run reads = { 0 };

      /* Reads share one copy: none of them changes anything. */
      open_run (&reads, mode, "reads");
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        if (!rows[i].writes)
          check_door (&reads, &rows[i], mode, who, failures);
      close_run (&reads);

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          Run run = { 0 };

          if (!rows[i].writes)
            continue;
          open_run (&run, mode, "write");
          check_door (&run, &rows[i], mode, who, failures);
          close_run (&run);
        }
    }
  if (failures->len > 0)
    {
      g_test_message ("%s:%s", mode_names[mode], failures->str);
      g_test_fail ();
    }
}

/* Every expectation string of the table reads, so that a typo in a new
 * row fails here and not as a puzzling mismatch. */
static void
test_table_is_complete (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_nonnull (rows[i].expect[SHARED_SEE]);
      g_assert_nonnull (rows[i].expect[OWN_SEE]);
      for (guint mode = 0; mode < N_MODES; mode++)
        for (guint who = 0; who < N_USERS; who++)
          expectation (&rows[i], mode, who);
    }
}

/* Refused writes leave nothing behind: no row and no audit row. */
static void
test_refusals_write_nothing (void)
{
  Run run = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before, after;

  open_run (&run, OWN_SEE, "refusals");
  before = crm_audit_store_count (run.store, run.admin, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) refused = NULL;

      if (!rows[i].writes || expectation (&rows[i], OWN_SEE, INACTIVE).kind != EXPECT_INACTIVE)
        continue;
      rows[i].door (&run, matrix.sessions[OWN_SEE][INACTIVE], &refused);
      g_assert_error (refused, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
    }
  after = crm_audit_store_count (run.store, run.admin, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after, ==, before);
  g_assert_cmpint (crm_customer_store_count (run.store, run.admin, NULL), ==, N_CUSTOMERS);
  close_run (&run);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

  build_matrix ();
  g_test_add_func ("/permissions/table-is-complete", test_table_is_complete);
  g_test_add_data_func ("/permissions/matrix/shared-see-others", GUINT_TO_POINTER (SHARED_SEE), test_matrix);
  g_test_add_data_func ("/permissions/matrix/own-see-others", GUINT_TO_POINTER (OWN_SEE), test_matrix);
  g_test_add_data_func ("/permissions/matrix/shared-own-transactions", GUINT_TO_POINTER (SHARED_HIDE),
                        test_matrix);
  g_test_add_data_func ("/permissions/matrix/own-own-transactions", GUINT_TO_POINTER (OWN_HIDE), test_matrix);
  g_test_add_func ("/permissions/inactive-refusals-write-nothing", test_refusals_write_nothing);
  status = g_test_run ();
  free_matrix ();
  return status;
}
