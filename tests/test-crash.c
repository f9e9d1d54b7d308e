/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-customer-store.h"
#include "crm-search-store.h"
#include "crm-store.h"
#include "crm-user-store.h"

/* Kills a writer at random moments and checks that every customer it
 * acknowledged survived, that nothing half-written did, and that the file
 * and its search index are sound.  CRM_CRASH_ROUNDS and CRM_CRASH_SEED
 * override the number of rounds and the random seed. */

#define DEFAULT_ROUNDS 50
#define DEFAULT_SEED   20261123
#define NUMBERS_PER_ROUND 1000000

static const char *child_path;

typedef struct
{
  GArray  *acked;       /* gint64 numbers the child confirmed, all rounds */
  GString *pending;     /* a line not yet complete */
  gint64   expected;    /* the number the next acknowledgement must carry */
} Acks;

static void
acks_take_lines (Acks       *acks,
                 const char *data,
                 gssize      length)
{
  char *newline;

  g_string_append_len (acks->pending, data, length);
  while ((newline = strchr (acks->pending->str, '\n')) != NULL)
    {
      gint64 number;

      *newline = '\0';
      number = g_ascii_strtoll (acks->pending->str, NULL, 10);
      /* The child counts up by one: anything else is a torn line. */
      g_assert_cmpint (number, ==, acks->expected);
      g_array_append_val (acks->acked, number);
      acks->expected++;
      g_string_erase (acks->pending, 0, newline - acks->pending->str + 1);
    }
}

/* Reads acknowledgements until @deadline (monotonic µs), or to the end of
 * the pipe when @deadline is 0. */
static void
read_acks (int     fd,
           Acks   *acks,
           gint64  deadline)
{
  char buffer[4096];

  for (;;)
    {
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      int timeout = -1;
      gssize n;

      if (deadline > 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();
          if (left <= 0)
            return;
          timeout = (int) ((left + 999) / 1000);
        }
      if (poll (&pfd, 1, timeout) < 0)
        {
          g_assert_cmpint (errno, ==, EINTR);
          continue;
        }
      if (pfd.revents == 0)
        continue;
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        return;
      acks_take_lines (acks, buffer, n);
    }
}

static void
prepare_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);
  g_autoptr(CrmSession) admin = NULL;

  g_assert_no_error (error);
  admin = crm_user_store_ensure_admin (store, &error);
  g_assert_no_error (error);
}

/* Runs the child for @duration_ms, kills it and returns how many it
 * acknowledged this round. */
static guint
run_and_kill (const char *path,
              Acks       *acks,
              guint       duration_ms)
{
  g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, acks->expected);
  const char *argv[] = { child_path, path, first, NULL };
  g_autoptr(GError) error = NULL;
  guint before = acks->acked->len;
  GPid pid;
  int out_fd = -1;
  int status = 0;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CLOEXEC_PIPES,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  read_acks (out_fd, acks, g_get_monotonic_time () + duration_ms * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  /* A child that stopped by itself failed: its message is on stderr. */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* What it wrote before dying was acknowledged too. */
  read_acks (out_fd, acks, 0);
  close (out_fd);
  g_string_truncate (acks->pending, 0);
  return acks->acked->len - before;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static GHashTable *
customer_names (sqlite3 *db)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT full_name FROM customers", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Each number is written once: a duplicate would be a replayed commit. */
      g_assert_true (g_hash_table_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0))));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return names;
}

/* Straight from the file: every acknowledged customer is there with all
 * its parts, no customer is there in part, the search index matches its
 * content table. */
static gint64
verify_file (const char *path,
             Acks       *acks)
{
  static const char *const orphans[] = {
    "SELECT count(*) FROM customers c WHERE NOT EXISTS "
    "(SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id)",
    "SELECT count(*) FROM customers c WHERE NOT EXISTS "
    "(SELECT 1 FROM customer_emails e WHERE e.customer_id = c.id)",
    "SELECT count(*) FROM customers c WHERE NOT EXISTS "
    "(SELECT 1 FROM search_docs d WHERE d.kind = 'customer' AND d.ref_id = c.id)",
    "SELECT count(*) FROM customers c WHERE NOT EXISTS "
    "(SELECT 1 FROM audit_log a WHERE a.entity = 'customer' AND a.entity_id = c.id)",
    "SELECT count(*) FROM search_docs d WHERE NOT EXISTS "
    "(SELECT 1 FROM customers c WHERE c.id = d.ref_id)",
  };
  sqlite3 *db = raw_open (path);
  g_autoptr(GHashTable) names = customer_names (db);
  char *message = NULL;
  gint64 customers;

  for (guint i = 0; i < acks->acked->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("Khách thử nghiệm %" G_GINT64_FORMAT,
                                               g_array_index (acks->acked, gint64, i));
      /* A set: the value of a present name is the name itself. */
      g_assert_cmpstr (g_hash_table_lookup (names, name), ==, name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (orphans); i++)
    g_assert_cmpint (raw_query_int (db, orphans[i]), ==, 0);

  customers = raw_query_int (db, "SELECT count(*) FROM customers");
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM search_docs"), ==, customers);
  /* A code number is used by a committed customer or by nobody. */
  g_assert_cmpint (raw_query_int (db, "SELECT coalesce(max(value), 0) FROM counters "
                                      "WHERE name = 'customer'"), ==, customers);

  /* rank = 1 also compares the index with the content table. */
  sqlite3_exec (db, "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)",
                NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
  return customers;
}

static gint64
verify_store (const char *path,
              Acks       *acks,
              guint       rounds_done)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  gint64 count, in_file;

  store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, crm_store_latest_schema_version ());

  if (!crm_store_check_file (path, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
      g_assert_no_error (error);
    }

  admin = crm_user_store_ensure_admin (store, &error);
  g_assert_no_error (error);
  count = crm_customer_store_count (store, admin, &error);
  g_assert_no_error (error);

  in_file = verify_file (path, acks);
  g_assert_cmpint (count, ==, in_file);
  /* At most one commit per round can have missed its acknowledgement. */
  g_assert_cmpint (count, >=, acks->acked->len);
  g_assert_cmpint (count, <=, (gint64) acks->acked->len + rounds_done);

  if (acks->acked->len > 0)
    {
      gint64 last = g_array_index (acks->acked, gint64, acks->acked->len - 1);
      gboolean found = FALSE;

      query = g_strdup_printf ("khach thu nghiem %" G_GINT64_FORMAT, last);
      hits = crm_search_store_find (store, admin, query, 200, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < hits->len; i++)
        {
          g_autofree char *title = g_strdup_printf ("Khách thử nghiệm %" G_GINT64_FORMAT, last);
          found |= g_strcmp0 (((CrmSearchHit *) g_ptr_array_index (hits, i))->title, title) == 0;
        }
      g_assert_true (found);
    }
  return count;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
remove_database (const char *dir,
                 const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
test_crash_keeps_acknowledged (void)
{
  guint rounds = env_uint ("CRM_CRASH_ROUNDS", DEFAULT_ROUNDS);
  guint32 seed = env_uint ("CRM_CRASH_SEED", DEFAULT_SEED);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sokhach-crash-XXXXXX", &error);
  g_autofree char *path = NULL;
  gint64 started = g_get_monotonic_time ();
  Acks acks = { 0, };

  g_assert_no_error (error);
  g_assert_cmpuint (rounds, >, 0);
  g_test_message ("%u rounds, seed %u (CRM_CRASH_SEED=%u repeats this run)", rounds, seed, seed);

  path = g_build_filename (dir, "crash.db", NULL);
  prepare_database (path);
  acks.acked = g_array_new (FALSE, FALSE, sizeof (gint64));
  acks.pending = g_string_new (NULL);

  for (guint round = 0; round < rounds; round++)
    {
      guint duration = g_rand_int_range (rand, 20, 301);
      gint64 customers;
      guint n;

      acks.expected = (gint64) (round + 1) * NUMBERS_PER_ROUND;
      n = run_and_kill (path, &acks, duration);
      g_assert_cmpuint (n, <, NUMBERS_PER_ROUND);
      customers = verify_store (path, &acks, round + 1);
      g_test_message ("round %u: killed after %u ms, %u acknowledged; %u acknowledged in all, "
                      "%" G_GINT64_FORMAT " customers in the file",
                      round + 1, duration, n, acks.acked->len, customers);
    }

  g_test_message ("%u acknowledged transactions survived %u kills in %.1f s",
                  acks.acked->len, rounds, (g_get_monotonic_time () - started) / 1e6);
  /* Otherwise nothing was tested. */
  g_assert_cmpuint (acks.acked->len, >, 0);

  g_array_unref (acks.acked);
  g_string_free (acks.pending, TRUE);
  remove_database (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-OF-CRASH-CHILD\n", argv[0]);
      return 2;
    }
  child_path = argv[1];

  g_test_add_func ("/crash/kill-keeps-acknowledged", test_crash_keeps_acknowledged);
  return g_test_run ();
}
