/* SPDX-License-Identifier: GPL-3.0-or-later */

/* sokhach-bench: fills a database with realistic Vietnamese data if it has
 * fewer customers than asked, then measures what a user feels: opening
 * the file, counting customers, search while typing (as an administrator
 * and as a staff member who sees only their own customers), and opening a
 * customer's profile with everything it shows, the customer tree, and
 * exporting the whole list to .xlsx (beside Python's openpyxl writing the
 * same rows).  Prints one "name: value unit" line per measure; the targets
 * are for people to read, nothing here fails on a slow number. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-attachment-store.h"
#include "crm-category-store.h"
#include "crm-contact-store.h"
#include "crm-customer-export.h"
#include "crm-export-table.h"
#include "crm-import.h"
#include "crm-customer-store.h"
#include "crm-interaction-store.h"
#include "crm-error.h"
#include "crm-sample.h"
#include "crm-customer-query.h"
#include "crm-quote-store.h"
#include "crm-reports.h"
#include "crm-search-store.h"
#include "crm-store.h"
#include "crm-text.h"
#include "crm-user-store.h"

/* A staff member crm_sample_fill() creates. */
#define STAFF_LOGIN      "hung.tran"
#define SEARCH_LIMIT     50
#define LIST_PAGE    200
#define GET_SAMPLES      1000
#define QUERY_CUSTOMERS  12
#define FILL_DONE        10
#define PROFILE_SAMPLES  200
#define HISTORY_PAGE     100

typedef struct
{
  char     *database;
  gint      customers;
  gint      interactions;
  gint      seed;
  gboolean  keep;
  gboolean  import_only;
  gint      orders;
  gint      opportunities;
  gboolean  reports_only;
} BenchOptions;

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of @timings, which it sorts. */
static double
percentile (GArray *timings,
            double  fraction)
{
  guint rank;

  if (timings->len == 0)
    return 0;
  g_array_sort (timings, compare_doubles);
  rank = (guint) (fraction * timings->len + 0.999999);
  return g_array_index (timings, double, CLAMP (rank, 1, timings->len) - 1);
}

static void
print_latencies (const char *name,
                 GArray     *timings,
                 gboolean    with_max)
{
  g_print ("%s-p50: %.3f ms\n", name, percentile (timings, 0.50));
  g_print ("%s-p95: %.3f ms\n", name, percentile (timings, 0.95));
  if (with_max)
    g_print ("%s-max: %.3f ms\n", name, percentile (timings, 1.0));
}

typedef struct
{
  gint64  start;
  guint64 rows;
} FillProgress;

static void
on_fill_progress (guint64  rows,
                  gpointer data)
{
  FillProgress *progress = data;

  progress->rows = rows;
  g_printerr ("\rfilling: %" G_GUINT64_FORMAT " rows, %.0f s", rows, elapsed_ms (progress->start) / 1000);
}

static gboolean
fill (const BenchOptions  *options,
      const char          *path,
      gboolean            *filled,
      GError             **error)
{
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_CREATE, error);
  g_autoptr(CrmSession) admin = store ? crm_user_store_ensure_admin (store, error) : NULL;
  CrmSampleSpec spec = { 0, (guint) options->interactions, 50, (guint32) options->seed, TRUE };
  FillProgress progress = { 0, 0 };
  gint64 count;
  double seconds;

  if (admin == NULL || (count = crm_customer_store_count (store, admin, error)) < 0)
    return FALSE;
  if (count >= options->customers)
    return TRUE;

  *filled = TRUE;
  spec.customers = (guint) (options->customers - count);
  progress.start = g_get_monotonic_time ();
  if (!crm_sample_fill (store, admin, &spec, on_fill_progress, &progress, NULL, error))
    return FALSE;
  seconds = elapsed_ms (progress.start) / 1000;
  g_printerr ("\n");
  g_print ("fill-customers: %u customers\n", spec.customers);
  g_print ("fill-rows: %" G_GUINT64_FORMAT " rows\n", progress.rows);
  g_print ("fill-time: %.2f s\n", seconds);
  g_print ("fill-rate: %.0f rows/s\n", progress.rows / seconds);
  return TRUE;
}

/* The sales side that crm_sample_fill() leaves out, written straight in
 * SQL so that it takes seconds: @options->orders orders over the last 365
 * days (one to three lines each, at the products' prices; old ones
 * delivered, some cancelled, recent ones pending), placed by the
 * customers and inactive customers in turn and owned by their assignee,
 * @options->opportunities deals at every stage, and four campaigns with
 * members.  Only what is missing is added: a database that already has
 * orders keeps them. */
static const char sales_fill_sql[] =
  "CREATE TEMP TABLE bench_buyers (rn INTEGER PRIMARY KEY, id INTEGER, owner INTEGER);"
  "INSERT INTO bench_buyers (id, owner) SELECT id, assigned_to FROM customers"
  "  WHERE status IN ('customer', 'inactive') AND merged_into IS NULL ORDER BY id;"
  "CREATE TEMP TABLE bench_everyone (rn INTEGER PRIMARY KEY, id INTEGER, owner INTEGER);"
  "INSERT INTO bench_everyone (id, owner) SELECT id, assigned_to FROM customers"
  "  WHERE merged_into IS NULL ORDER BY id;"
  "CREATE TEMP TABLE bench_products (rn INTEGER PRIMARY KEY, id INTEGER);"
  "INSERT INTO bench_products (id) SELECT id FROM products ORDER BY id;"
  "INSERT INTO orders (code, customer_id, owner_id, order_date, promised_on, delivery_status,"
  "  delivered_on, created_at, updated_at, created_by)"
  " SELECT printf ('DH-B-%07d', i), b.id, b.owner, date ('now', printf ('-%d days', d)),"
  "   date ('now', printf ('-%d days', d - 3 - i % 7)), status,"
  "   CASE status WHEN 'delivered' THEN min (date ('now'), date ('now', printf ('-%d days', d - 1 - i % 5))) END,"
  "   date ('now', printf ('-%d days', d)) || 'T03:30:00Z', date ('now', printf ('-%d days', d)) || 'T03:30:00Z',"
  "   b.owner"
  " FROM (SELECT i, d, CASE WHEN d >= 14 THEN CASE i % 20 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'partial'"
  "                                                WHEN 2 THEN 'partial' ELSE 'delivered' END"
  "                    WHEN d >= 3 THEN CASE i % 4 WHEN 0 THEN 'pending' WHEN 1 THEN 'partial'"
  "                                                ELSE 'delivered' END"
  "                    ELSE 'pending' END AS status"
  "       FROM (WITH RECURSIVE n (i) AS (SELECT :first UNION ALL SELECT i + 1 FROM n WHERE i < :last)"
  "             SELECT i, (i * 7919 + i / 97) % 365 AS d FROM n))"
  " JOIN bench_buyers b ON b.rn = (i * 104729) % (SELECT count (*) FROM bench_buyers) + 1;"
  "INSERT INTO order_lines (order_id, position, product_id, description, quantity_milli, unit,"
  "  unit_price, unit_cost, discount_bp, vat_rate_bp)"
  " SELECT o.id, k.pos, p.id, p.name, (1 + (o.id * k.pos) % 5) * 1000, p.unit, p.list_price,"
  "   p.cost_price, CASE WHEN o.id % 7 = 0 THEN 500 ELSE 0 END, p.vat_rate_bp"
  " FROM orders o"
  " JOIN (SELECT 1 AS pos UNION ALL SELECT 2 UNION ALL SELECT 3) k ON k.pos <= 1 + o.id % 3"
  " JOIN bench_products bp ON bp.rn = (o.id * 31 + k.pos * 7) % (SELECT count (*) FROM bench_products) + 1"
  " JOIN products p ON p.id = bp.id"
  " WHERE o.id > :before;"
  "UPDATE orders SET subtotal = t.subtotal, discount_total = t.discount, vat_total = t.vat,"
  "  grand_total = t.subtotal - t.discount + t.vat"
  " FROM (SELECT order_id, sum (amount) AS subtotal, sum (amount * discount_bp / 10000) AS discount,"
  "         sum ((amount - amount * discount_bp / 10000) * vat_rate_bp / 10000) AS vat"
  "       FROM (SELECT order_id, quantity_milli * unit_price / 1000 AS amount, discount_bp, vat_rate_bp"
  "             FROM order_lines WHERE order_id > :before)"
  "       GROUP BY order_id) t"
  " WHERE orders.id = t.order_id;"
  "UPDATE customers SET revenue = (SELECT coalesce (sum (o.grand_total), 0) FROM orders o"
  "  WHERE o.customer_id = customers.id AND o.delivery_status <> 'cancelled')"
  " WHERE id IN (SELECT customer_id FROM orders WHERE id > :before);"
  "INSERT INTO opportunities (customer_id, owner_id, title, stage, lost_reason, expected_value,"
  "  probability_bp, expected_close, won_at, lost_at, created_at, updated_at, created_by)"
  " SELECT b.id, b.owner, printf ('Cơ hội %d', i), stage, CASE stage WHEN 'lost' THEN 'Giá cao' END,"
  "   (10 + i % 290) * 1000000,"
  "   CASE stage WHEN 'new' THEN 1000 WHEN 'qualified' THEN 2500 WHEN 'proposal' THEN 5000"
  "              WHEN 'negotiation' THEN 7500 WHEN 'won' THEN 10000 ELSE 0 END,"
  "   date ('now', printf ('-%d days', d - 45)),"
  "   CASE stage WHEN 'won' THEN min (date ('now'), date ('now', printf ('-%d days', d - 5 - i % 40))) || 'T09:00:00Z' END,"
  "   CASE stage WHEN 'lost' THEN min (date ('now'), date ('now', printf ('-%d days', d - 5 - i % 40))) || 'T09:00:00Z' END,"
  "   date ('now', printf ('-%d days', d)) || 'T02:00:00Z', date ('now', printf ('-%d days', d)) || 'T02:00:00Z',"
  "   b.owner"
  " FROM (SELECT i, d, CASE WHEN i % 20 < 4 THEN 'new' WHEN i % 20 < 7 THEN 'qualified'"
  "                         WHEN i % 20 < 10 THEN 'proposal' WHEN i % 20 < 12 THEN 'negotiation'"
  "                         WHEN i % 20 < 17 THEN 'won' ELSE 'lost' END AS stage"
  "       FROM (WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :opportunities)"
  "             SELECT i, (i * 7907) % 365 AS d FROM n))"
  " JOIN bench_everyone b ON b.rn = (i * 15485863) % (SELECT count (*) FROM bench_everyone) + 1;"
  "INSERT INTO campaigns (name, channel, starts_on, ends_on, budget, owner_id, created_at, updated_at, created_by)"
  " SELECT printf ('Chiến dịch %d', k), CASE k WHEN 1 THEN 'email' WHEN 2 THEN 'zalo' WHEN 3 THEN 'sms' ELSE 'event' END,"
  "   date ('now', printf ('-%d days', 400 - k * 90)), date ('now', printf ('-%d days', 340 - k * 90)),"
  "   k * 50000000, 2, datetime ('now'), datetime ('now'), 1"
  " FROM (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4);"
  "INSERT INTO campaign_members (campaign_id, customer_id, status, updated_at, updated_by)"
  " SELECT c.id, e.id, CASE (e.rn / 10) % 4 WHEN 0 THEN 'none' WHEN 1 THEN 'contacted'"
  "                      WHEN 2 THEN 'responded' ELSE 'converted' END, datetime ('now'), 1"
  " FROM (SELECT id, row_number () OVER (ORDER BY id) AS k FROM campaigns WHERE name LIKE 'Chiến dịch _'"
  "       ORDER BY id DESC LIMIT 4) c"
  " JOIN bench_everyone e ON e.rn % 10 = c.k - 1;"
  "UPDATE orders SET campaign_id = m.campaign_id FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id"
  " WHERE m.status = 'converted' AND m.customer_id = orders.customer_id AND orders.id > :before"
  "   AND orders.order_date BETWEEN c.starts_on AND date (c.ends_on, '+30 days');"
  "DROP TABLE bench_buyers; DROP TABLE bench_everyone; DROP TABLE bench_products;";

static gboolean
sales_exec (sqlite3     *db,
            const char  *sql,
            gint64       first,
            gint64       last,
            gint64       before,
            gint64       opportunities,
            GError     **error)
{
  const char *tail = sql;

  while (tail != NULL && *tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, tail, -1, &stmt, &tail);
      int index;

      if (rc == SQLITE_OK && stmt != NULL)
        {
          if ((index = sqlite3_bind_parameter_index (stmt, ":first")) > 0)
            sqlite3_bind_int64 (stmt, index, first);
          if ((index = sqlite3_bind_parameter_index (stmt, ":last")) > 0)
            sqlite3_bind_int64 (stmt, index, last);
          if ((index = sqlite3_bind_parameter_index (stmt, ":before")) > 0)
            sqlite3_bind_int64 (stmt, index, before);
          if ((index = sqlite3_bind_parameter_index (stmt, ":opportunities")) > 0)
            sqlite3_bind_int64 (stmt, index, opportunities);
          rc = sqlite3_step (stmt);
          rc = rc == SQLITE_ROW ? SQLITE_DONE : rc;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write the sales: %s",
                       sqlite3_errmsg (db));
          return FALSE;
        }
    }
  return TRUE;
}

static gint64
sales_count (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
fill_sales (const BenchOptions  *options,
            const char          *path,
            gboolean            *filled,
            GError             **error)
{
  sqlite3 *db = NULL;
  gint64 orders, before, start = g_get_monotonic_time ();
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open %s: %s", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);
  orders = sales_count (db, "SELECT count (*) FROM orders");
  before = sales_count (db, "SELECT coalesce (max (id), 0) FROM orders");
  if (orders < 0 || before < 0 || orders >= options->orders)
    {
      sqlite3_close (db);
      return orders >= 0 && before >= 0;
    }
  *filled = TRUE;
  ok = sales_exec (db, "PRAGMA cache_size = -262144; BEGIN IMMEDIATE", 0, 0, 0, 0, error) &&
       sales_exec (db, sales_fill_sql, before + 1, before + options->orders - orders, before,
                   options->opportunities, error) &&
       sales_exec (db, "COMMIT", 0, 0, 0, 0, error);
  if (ok)
    {
      g_print ("fill-orders: %" G_GINT64_FORMAT " orders, %" G_GINT64_FORMAT " lines\n",
               sales_count (db, "SELECT count (*) FROM orders"),
               sales_count (db, "SELECT count (*) FROM order_lines"));
      g_print ("fill-opportunities: %" G_GINT64_FORMAT " opportunities\n",
               sales_count (db, "SELECT count (*) FROM opportunities"));
      g_print ("fill-sales-time: %.2f s\n", elapsed_ms (start) / 1000);
    }
  sqlite3_close (db);
  return ok;
}

/* The fill runs in a child process so that what is measured afterwards,
 * peak memory included, is what a user's session would see.  The child
 * exits with FILL_DONE when it had something to write. */
static gboolean
fill_if_needed (const BenchOptions  *options,
                const char          *path,
                gboolean            *filled,
                GError             **error)
{
  int status = 0;
  pid_t pid;

  fflush (stdout);
  if ((pid = fork ()) < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot start the fill: %s", g_strerror (saved_errno));
      return FALSE;
    }
  if (pid == 0)
    {
      g_autoptr(GError) fill_error = NULL;
      gboolean child_filled = FALSE;
      gboolean ok = fill (options, path, &child_filled, &fill_error) &&
                    fill_sales (options, path, &child_filled, &fill_error);

      if (!ok)
        g_printerr ("sokhach-bench: %s\n", fill_error->message);
      fflush (stdout);
      _exit (!ok ? 1 : child_filled ? FILL_DONE : 0);
    }
  if (waitpid (pid, &status, 0) < 0 || !WIFEXITED (status) ||
      (WEXITSTATUS (status) != 0 && WEXITSTATUS (status) != FILL_DONE))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The fill failed");
      return FALSE;
    }
  *filled = WEXITSTATUS (status) == FILL_DONE;
  return TRUE;
}

/* What a user types, one keystroke at a time: "n", "ng", … "nguyen van d". */
static void
add_keystrokes (GPtrArray  *queries,
                const char *text,
                gsize       first_length)
{
  gsize length = strlen (text);

  for (gsize n = first_length; n <= length; n++)
    if (text[n - 1] != ' ')
      g_ptr_array_add (queries, g_strndup (text, n));
}

/* "+84912345678" as people type it: "0912 345 678". */
static char *
typed_phone (const char *e164)
{
  g_autofree char *digits = crm_text_digits (e164);
  const char *national = g_str_has_prefix (e164, "+84") ? digits + 2 : digits;

  if (strlen (national) != 9)
    return g_strconcat ("0", national, NULL);
  return g_strdup_printf ("0%.3s %.3s %.3s", national, national + 3, national + 6);
}

static void
add_customer_queries (GPtrArray         *queries,
                      const CrmCustomer *customer)
{
  g_autofree char *folded = crm_text_fold (customer->full_name);

  add_keystrokes (queries, folded, 1);
  if (customer->phones->len > 0)
    {
      g_autofree char *phone = typed_phone (g_ptr_array_index (customer->phones, 0));
      add_keystrokes (queries, phone, 3);
    }
  add_keystrokes (queries, customer->code, 2);
}

/* Opens GET_SAMPLES random customers, timing each, and keeps some of them
 * to type their names, phones and codes into the search. */
static gboolean
measure_get (CrmStore    *store,
             CrmSession  *admin,
             gint64       max_id,
             GPtrArray   *queries,
             GError     **error)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint used = 0;

  for (guint i = 0; i < GET_SAMPLES; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, (gint32) MIN (max_id, G_MAXINT32 - 1) + 1);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CrmCustomer) customer = crm_customer_store_get (store, admin, id, &local_error);
      double ms = elapsed_ms (start);

      /* Merged or deleted customers leave holes in the ids. */
      if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
        continue;
      if (customer == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_array_append_val (timings, ms);
      if (used++ < QUERY_CUSTOMERS)
        add_customer_queries (queries, customer);
    }
  print_latencies ("customer-get", timings, FALSE);
  return TRUE;
}

/* Everything the profile window reads before it shows: the customer, the
 * summary, the pickers, the contacts, the first page of the history and
 * the list of documents. */
static gboolean
open_profile (CrmStore    *store,
              CrmSession  *session,
              gint64       id,
              gboolean    *found,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_store_get (store, session, id, &local_error);
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) assignees = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  CrmCustomerSummary summary;

  *found = customer != NULL;
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    return TRUE;
  if (customer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return crm_customer_store_summary (store, session, id, &summary, error) &&
         (categories = crm_category_store_list_names (store, error)) != NULL &&
         (assignees = crm_user_store_list_assignees (store, session, error)) != NULL &&
         (contacts = crm_contact_store_list_for_customer (store, session, id, error)) != NULL &&
         crm_interaction_store_count_for_customer (store, session, id, error) >= 0 &&
         (history = crm_interaction_store_list_for_customer (store, session, id, 0, HISTORY_PAGE, error)) != NULL &&
         (documents = crm_attachment_store_list (store, session, id, error)) != NULL;
}

static gboolean
measure_profile (CrmStore    *store,
                 CrmSession  *admin,
                 gint64       max_id,
                 GError     **error)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < PROFILE_SAMPLES; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, (gint32) MIN (max_id, G_MAXINT32 - 1) + 1);
      gint64 start = g_get_monotonic_time ();
      gboolean found = FALSE;
      double ms;

      if (!open_profile (store, admin, id, &found, error))
        return FALSE;
      ms = elapsed_ms (start);
      if (found)
        g_array_append_val (timings, ms);
    }
  print_latencies ("profile-open", timings, FALSE);
  return TRUE;
}

/* The customer tree with its counts, as the Customers section opens it. */
static gboolean
measure_tree (CrmStore    *store,
              CrmSession  *session,
              const char  *name,
              GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) nodes = crm_category_store_list (store, session, error);

  if (nodes == NULL || crm_customer_store_count (store, session, error) < 0)
    return FALSE;
  g_print ("%s: %.3f ms (%u nodes)\n", name, elapsed_ms (start), nodes->len);
  return TRUE;
}

/* The Python that has Debian's python3-openpyxl, and the yardstick script. */
#define PYTHON          "/usr/bin/python3"
#define OPENPYXL_SCRIPT BENCH_SRCDIR G_DIR_SEPARATOR_S "openpyxl-export.py"
/* The script's exit status when openpyxl cannot be imported. */
#define EXIT_SKIPPED    77

/* A "VmRSS:" or "VmHWM:" line of /proc/self/status, in KiB; 0 if unknown. */
static gint64
proc_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return 0;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* Makes the peak resident size the current one (Linux 4.0 and later), so
 * that the next peak is the export's own; FALSE where that is refused. */
static gboolean
reset_peak_rss (void)
{
  int fd = g_open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC, 0);
  gboolean reset = fd >= 0 && write (fd, "5", 1) == 1;

  if (fd >= 0)
    close (fd);
  return reset;
}

static const char *
kind_name (CrmExportKind kind)
{
  switch (kind)
    {
    case CRM_EXPORT_INTEGER:
      return "integer";
    case CRM_EXPORT_MONEY:
      return "money";
    case CRM_EXPORT_DATE:
      return "date";
    case CRM_EXPORT_DATETIME:
      return "datetime";
    case CRM_EXPORT_TEXT:
    default:
      return "text";
    }
}

static void
append_csv_field (GString    *line,
                  const char *text)
{
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/* A cell as the yardstick reads it: text as it is, numbers as digits,
 * dates in ISO order, nothing for an empty cell. */
static void
append_csv_cell (GString      *line,
                 CrmExportRow *row,
                 guint         column,
                 CrmExportKind kind)
{
  const GDate *date;
  GDateTime *when;

  if (crm_export_row_is_empty (row, column))
    return;
  switch (kind)
    {
    case CRM_EXPORT_INTEGER:
    case CRM_EXPORT_MONEY:
      g_string_append_printf (line, "%" G_GINT64_FORMAT, crm_export_row_get_number (row, column));
      break;
    case CRM_EXPORT_DATE:
      date = crm_export_row_get_date (row, column);
      g_string_append_printf (line, "%04u-%02u-%02u", g_date_get_year (date), (guint) g_date_get_month (date),
                              g_date_get_day (date));
      break;
    case CRM_EXPORT_DATETIME:
      when = crm_export_row_get_datetime (row, column);
      g_string_append_printf (line, "%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year (when),
                              g_date_time_get_month (when), g_date_time_get_day_of_month (when),
                              g_date_time_get_hour (when), g_date_time_get_minute (when),
                              g_date_time_get_second (when));
      break;
    case CRM_EXPORT_TEXT:
    default:
      append_csv_field (line, crm_export_row_get_text (row, column));
    }
}

/* Writes the rows of @table (the export's own: same filter, same
 * visibility, same order) to @path, headings first, and the script's
 * arguments that describe the table to @argv. */
static gboolean
write_yardstick_rows (CrmExportTable  *table,
                      const char      *path,
                      GPtrArray       *argv,
                      guint64         *n_rows,
                      GError         **error)
{
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autoptr(GString) widths = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(CrmExportRow) row = crm_export_row_new (table);
  g_autoptr(GError) local_error = NULL;
  guint n_columns = crm_export_table_get_n_columns (table);
  FILE *out = fopen (path, "w");

  if (out == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  g_ptr_array_add (argv, g_strdup ("--title"));
  g_ptr_array_add (argv, g_strdup (crm_export_table_get_title (table)));
  for (guint i = 0; i < crm_export_table_get_n_subtitles (table); i++)
    {
      g_ptr_array_add (argv, g_strdup ("--subtitle"));
      g_ptr_array_add (argv, g_strdup (crm_export_table_get_subtitle (table, i)));
    }
  for (guint i = 0; i < n_columns; i++)
    {
      const CrmExportColumn *column = crm_export_table_get_column (table, i);

      g_string_append_printf (kinds, "%s%s", i > 0 ? "," : "", kind_name (column->kind));
      g_string_append_printf (widths, "%s%g", i > 0 ? "," : "", column->width);
      if (i > 0)
        g_string_append_c (line, ',');
      append_csv_field (line, column->heading);
    }
  g_ptr_array_add (argv, g_strdup ("--kinds"));
  g_ptr_array_add (argv, g_strdup (kinds->str));
  g_ptr_array_add (argv, g_strdup ("--widths"));
  g_ptr_array_add (argv, g_strdup (widths->str));
  fprintf (out, "%s\n", line->str);

  *n_rows = 0;
  while (crm_export_table_next_row (table, row, &local_error))
    {
      g_string_truncate (line, 0);
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          append_csv_cell (line, row, i, crm_export_table_get_column (table, i)->kind);
        }
      fprintf (out, "%s\n", line->str);
      (*n_rows)++;
    }
  if (fclose (out) != 0 && local_error == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write the rows for openpyxl");
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The same rows written by openpyxl in write-only mode: its time, from
 * the rows at hand (a CSV file) to the saved workbook.  Returns the time
 * in ms, or a negative value after printing why there is none; the
 * benchmark goes on either way. */
static double
measure_openpyxl (CrmStore   *store,
                  CrmSession *admin,
                  const char *dir,
                  guint64     c_rows)
{
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "customers-openpyxl.xlsx", NULL);
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  guint64 n_rows = 0, written = 0;
  double ms = -1;
  int status = 0;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_print ("export-xlsx-openpyxl: skipped (no %s)\n", PYTHON);
      return -1;
    }
  g_ptr_array_add (argv, g_strdup (PYTHON));
  g_ptr_array_add (argv, g_strdup (OPENPYXL_SCRIPT));
  if (!(table = crm_customer_export_table (store, admin, filter, &error)) ||
      !write_yardstick_rows (table, csv, argv, &n_rows, &error))
    {
      g_print ("export-xlsx-openpyxl: failed (%s)\n", error->message);
      g_unlink (csv);
      return -1;
    }
  g_ptr_array_add (argv, g_strdup (csv));
  g_ptr_array_add (argv, g_strdup (xlsx));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, &errors, &status, &error))
    g_print ("export-xlsx-openpyxl: failed (%s)\n", error->message);
  else if (WIFEXITED (status) && WEXITSTATUS (status) == EXIT_SKIPPED)
    g_print ("export-xlsx-openpyxl: skipped (python3-openpyxl is not installed)\n");
  else if (!g_spawn_check_wait_status (status, NULL) ||
           sscanf (output, "%lf %" G_GUINT64_FORMAT, &ms, &written) != 2 || written != n_rows)
    {
      /* A Python traceback ends on what went wrong. */
      char *last_line = strrchr (g_strstrip (errors), '\n');

      g_print ("export-xlsx-openpyxl: failed (%s)\n", last_line != NULL ? last_line + 1 : errors);
      ms = -1;
    }
  else
    {
      if (n_rows != c_rows)
        g_print ("export-xlsx-openpyxl-note: %" G_GUINT64_FORMAT " rows, the C export wrote %"
                 G_GUINT64_FORMAT "\n", n_rows, c_rows);
      g_print ("export-xlsx-openpyxl: %.3f ms (%" G_GUINT64_FORMAT " rows)\n", ms, n_rows);
    }
  g_unlink (csv);
  g_unlink (xlsx);
  return ms;
}

/* The whole customer list to .xlsx, from the database to a finished file,
 * with the peak memory it added; then the same rows through openpyxl. */
static gboolean
measure_export (CrmStore    *store,
                CrmSession  *admin,
                GError     **error)
{
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autofree char *dir = g_dir_make_tmp ("sokhach-bench-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean peak_reset;
  gint64 start, rss_before, peak_before;
  guint64 n_rows = 0;
  double c_ms, openpyxl_ms;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "customers.xlsx", NULL);
  file = g_file_new_for_path (path);
  peak_before = proc_status_kib ("VmHWM:");
  peak_reset = reset_peak_rss ();
  rss_before = proc_status_kib ("VmRSS:");
  start = g_get_monotonic_time ();
  ok = crm_customer_export (store, admin, filter, CRM_EXPORT_FORMAT_XLSX, file, NULL, &n_rows, error);
  c_ms = elapsed_ms (start);
  if (ok)
    {
      /* Without the reset, only what the export added above the earlier peak shows. */
      gint64 growth = proc_status_kib ("VmHWM:") - (peak_reset ? rss_before : peak_before);

      g_print ("export-xlsx-customers: %.3f ms (%" G_GUINT64_FORMAT " rows)\n", c_ms, n_rows);
      g_print ("export-xlsx-peak-rss-growth: %.1f MiB\n", MAX (growth, 0) / 1024.0);
      openpyxl_ms = measure_openpyxl (store, admin, dir, n_rows);
      if (openpyxl_ms > 0)
        g_print ("export-xlsx-ratio: %.2f x (openpyxl time / Sổ Khách time)\n", openpyxl_ms / c_ms);
    }
  g_unlink (path);
  g_rmdir (dir);
  return ok;
}

static gboolean
measure_search (CrmStore    *store,
                CrmSession  *session,
                const char  *name,
                GPtrArray   *queries,
                GError     **error)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 hits = 0;

  for (guint i = 0; i < queries->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) found = crm_search_store_find (store, session, g_ptr_array_index (queries, i),
                                                          SEARCH_LIMIT, error);
      double ms = elapsed_ms (start);

      if (found == NULL)
        return FALSE;
      hits += found->len;
      g_array_append_val (timings, ms);
    }
  g_print ("%s-queries: %u queries\n", name, queries->len);
  g_print ("%s-hits: %.1f hits/query\n", name, queries->len ? (double) hits / queries->len : 0.0);
  print_latencies (name, timings, TRUE);
  return TRUE;
}

/* One list view as the Customers section opens it: count, then the first
 * page; then the last page, as when the user drags to the end. */
static gboolean
measure_list (CrmStore        *store,
              CrmSession      *session,
              const char      *name,
              CrmCustomerSort  sort,
              GError         **error)
{
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) last = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 count;
  double count_ms, first_ms;

  filter->sort = sort;
  if ((count = crm_customer_query_count (store, session, filter, error)) < 0)
    return FALSE;
  count_ms = elapsed_ms (start);
  start = g_get_monotonic_time ();
  if (!(first = crm_customer_query_fetch_window (store, session, filter, 0, LIST_PAGE, count, error)))
    return FALSE;
  first_ms = elapsed_ms (start);
  start = g_get_monotonic_time ();
  if (!(last = crm_customer_query_fetch_window (store, session, filter, (guint) MAX (count - LIST_PAGE, 0),
                                                LIST_PAGE, count, error)))
    return FALSE;
  g_print ("%s-count: %.3f ms (%" G_GINT64_FORMAT " rows)\n", name, count_ms, count);
  g_print ("%s-first-page: %.3f ms\n", name, first_ms);
  g_print ("%s-first-paint: %.3f ms\n", name, count_ms + first_ms);
  g_print ("%s-last-page: %.3f ms\n", name, elapsed_ms (start));
  return TRUE;
}

/* The Quotes section as it opens (newest code first), then sorted by
 * total, then searched by a customer's name typed without tones. */
static gboolean
measure_quote_list (CrmStore    *store,
                    CrmSession  *session,
                    const char  *who,
                    GError     **error)
{
  static const struct
  {
    const char   *name;
    CrmQuoteSort  sort;
    const char   *search;
  } views[] = {
    { "by-code", CRM_QUOTE_SORT_CODE, NULL },
    { "by-total", CRM_QUOTE_SORT_TOTAL, NULL },
    { "search", CRM_QUOTE_SORT_CODE, "nguyen van" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(CrmQuoteFilter) filter = crm_quote_filter_new ();
      g_autoptr(GPtrArray) first = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 count;

      filter->sort = views[i].sort;
      filter->ascending = FALSE;
      filter->search = g_strdup (views[i].search);
      if ((count = crm_quote_store_count_filtered (store, session, filter, error)) < 0 ||
          !(first = crm_quote_store_fetch_filtered (store, session, filter, 0, LIST_PAGE, error)))
        return FALSE;
      g_print ("quotes-%s-%s-first-paint: %.3f ms (%" G_GINT64_FORMAT " rows)\n", who, views[i].name,
               elapsed_ms (start), count);
    }
  return TRUE;
}

static gboolean
measure_lists (CrmStore    *store,
               CrmSession  *session,
               const char  *who,
               GError     **error)
{
  g_autofree char *by_name = g_strconcat ("list-", who, "-by-name", NULL);
  g_autofree char *by_revenue = g_strconcat ("list-", who, "-by-revenue", NULL);

  return measure_list (store, session, by_name, CRM_CUSTOMER_SORT_NAME, error) &&
         measure_list (store, session, by_revenue, CRM_CUSTOMER_SORT_REVENUE, error);
}

/* A staff member of an office where staff see only their own customers:
 * the store filters every hit. */
static gboolean
measure_staff_search (CrmStore    *store,
                      CrmSession  *admin,
                      GPtrArray   *queries,
                      GError     **error)
{
  g_autofree char *visibility = crm_settings_get (store, "customer_visibility", error);
  g_autoptr(CrmSession) staff = NULL;
  gboolean ok;

  if (visibility == NULL ||
      !crm_settings_set (store, admin, "customer_visibility", "own", error) ||
      !(staff = crm_user_store_session_for (store, STAFF_LOGIN, error)))
    return FALSE;
  ok = measure_search (store, staff, "search-staff-own", queries, error) &&
       measure_lists (store, staff, "staff-own", error) &&
       measure_quote_list (store, staff, "staff-own", error) &&
       measure_tree (store, staff, "tree-staff-own", error);
  return crm_settings_set (store, admin, "customer_visibility", visibility, ok ? error : NULL) && ok;
}

/* Every report of the registry in each of its breakdowns, for the year
 * of today, as @who sees it; what @session may not open is left out.
 * The best of REPORT_RUNS runs (fewer when they are slow): the first also
 * pays for reading the pages from disk.  On a busy machine the wall time
 * says little: the CPU the best run took is printed beside it. */
#define REPORT_RUNS   3
#define REPORT_BUDGET 2000.0

static double cpu_ms (void);

static gboolean
measure_reports_for (CrmStore    *store,
                     CrmSession  *session,
                     const char  *who,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint n_reports;
  const CrmReportInfo *reports = crm_reports_get_all (&n_reports);
  CrmPeriod period;
  GDate today;
  double total = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  crm_period_init (&period, CRM_PERIOD_YEAR, &today);
  for (guint i = 0; i < n_reports; i++)
    {
      if (!crm_reports_may_build (&reports[i], session))
        continue;
      for (const CrmReportBreakdown *b = reports[i].breakdowns; b->name != NULL; b++)
        {
          CrmReportFilter filter;
          double best = G_MAXDOUBLE, best_cpu = 0, spent = 0;
          guint rows = 0;

          crm_report_filter_init (&filter, &period);
          filter.breakdown = g_strdup (b->name);
          for (guint run = 0; run < REPORT_RUNS && spent < REPORT_BUDGET; run++)
            {
              double cpu_start = cpu_ms ();
              gint64 start = g_get_monotonic_time ();
              g_autoptr(CrmReport) report = crm_reports_build (store, session, reports[i].name, &filter,
                                                               NULL, error);

              if (report == NULL)
                {
                  crm_report_filter_clear (&filter);
                  return FALSE;
                }
              spent += elapsed_ms (start);
              if (elapsed_ms (start) < best)
                {
                  best = elapsed_ms (start);
                  best_cpu = cpu_ms () - cpu_start;
                }
              rows = crm_report_get_n_rows (report);
            }
          crm_report_filter_clear (&filter);
          total += best;
          g_print ("report-%s-%s-%s: %.3f ms (%u rows, %.0f ms CPU)\n", who, reports[i].name, b->name, best, rows,
                   best_cpu);
        }
    }
  g_print ("report-%s-all: %.3f ms\n", who, total);
  return TRUE;
}

/* The reports as the administrator, then as a staff member of an office
 * where staff see only their own customers. */
static gboolean
measure_reports (CrmStore    *store,
                 CrmSession  *admin,
                 GError     **error)
{
  g_autofree char *visibility = crm_settings_get (store, "customer_visibility", error);
  g_autoptr(CrmSession) staff = NULL;
  gboolean ok;

  if (visibility == NULL || !measure_reports_for (store, admin, "admin", error) ||
      !crm_settings_set (store, admin, "customer_visibility", "own", error) ||
      !(staff = crm_user_store_session_for (store, STAFF_LOGIN, error)))
    return FALSE;
  ok = measure_reports_for (store, staff, "staff-own", error);
  return crm_settings_set (store, admin, "customer_visibility", visibility, ok ? error : NULL) && ok;
}

/* Only the reports, on the filled database (--reports-only). */
static gboolean
measure_reports_only (const char  *path,
                      GError     **error)
{
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, error);
  g_autoptr(CrmSession) admin = store ? crm_user_store_ensure_admin (store, error) : NULL;

  return admin != NULL && measure_reports (store, admin, error);
}

static void remove_database (const char *path);

/* User and system time of this process so far. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

#define IMPORT_ROWS 100000

/* 100 000 customers as an office's spreadsheet holds them: Vietnamese
 * headers, phones with and without their leading zero, old and new
 * province names, some tax codes, dates dd/MM/yyyy. */
static GString *
import_csv (void)
{
  static const char *const families[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi" };
  static const char *const given[] = { "Văn Đức", "Thị Mai", "Minh Tuấn", "Thu Hà", "Quốc Bảo", "Ngọc Lan" };
  static const char *const provinces[] = { "Hà Nội", "TP. Hồ Chí Minh", "Bình Dương", "Đà Nẵng", "Hải Phòng",
                                           "Quảng Nam", "Cần Thơ", "Khánh Hòa" };
  GString *csv = g_string_new ("Họ tên,Số điện thoại,Email,Địa chỉ,Phường/Xã,Tỉnh/Thành phố,Mã số thuế,Ngày sinh\r\n");

  for (guint i = 0; i < IMPORT_ROWS; i++)
    {
      /* Every tenth a 12-digit citizen ID as tax code. */
      g_autofree char *tax = i % 10 == 0 ? g_strdup_printf ("001%09u", i) : g_strdup ("");

      g_string_append_printf (csv, "%s %s %u,%s9%08u,khach%u@example.vn,%u Lê Lợi,Phường %u,%s,%s,%02u/%02u/%u\r\n",
                              families[i % G_N_ELEMENTS (families)], given[i % G_N_ELEMENTS (given)], i,
                              i % 2 ? "0" : "", i, i, i % 300 + 1, i % 20 + 1,
                              provinces[i % G_N_ELEMENTS (provinces)], tax, i % 28 + 1, i % 12 + 1, 1950 + i % 50);
    }
  return csv;
}

/* The CSV file read and imported into a new database as its
 * administrator: one transaction, audit rows, search index. */
static gboolean
measure_import (GError **error)
{
  g_autoptr(GString) csv = import_csv ();
  g_autofree char *dir = g_dir_make_tmp ("sokhach-import-XXXXXX", error);
  g_autofree char *db_path = NULL;
  g_autofree char *csv_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) admin = NULL;
  g_autoptr(CrmImportSource) source = NULL;
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  double read_ms, run_ms, run_cpu_ms, cpu_start;
  gint64 start;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  db_path = g_build_filename (dir, "import.db", NULL);
  csv_path = g_build_filename (dir, "customers.csv", NULL);
  file = g_file_new_for_path (csv_path);
  ok = g_file_set_contents (csv_path, csv->str, csv->len, error) &&
       (store = crm_store_open (db_path, CRM_STORE_OPEN_CREATE, error)) &&
       (admin = crm_user_store_ensure_admin (store, error));
  if (ok)
    {
      start = g_get_monotonic_time ();
      ok = (source = crm_import_source_new_for_file (file, NULL, NULL, NULL, error)) != NULL;
      read_ms = elapsed_ms (start);
    }
  if (ok)
    {
      g_autoptr(CrmImportReport) preview = NULL;

      import = crm_import_new (CRM_IMPORT_KIND_CUSTOMERS, source);
      start = g_get_monotonic_time ();
      ok = (preview = crm_import_preview (import, store, admin, NULL, NULL, NULL, error)) != NULL;
      g_print ("import-csv-preview: %.3f ms\n", elapsed_ms (start));
      cpu_start = cpu_ms ();
      start = g_get_monotonic_time ();
      ok = ok && crm_import_run (import, store, admin, NULL, NULL, NULL, &report, error);
      run_ms = elapsed_ms (start);
      run_cpu_ms = cpu_ms () - cpu_start;
    }
  if (ok)
    {
      g_print ("import-csv-read: %.3f ms (%u rows, %.1f MiB)\n", read_ms, crm_import_source_get_n_rows (source),
               csv->len / 1048576.0);
      g_print ("import-csv-run: %.3f ms (%u created)\n", run_ms,
               crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE));
      g_print ("import-csv-customers: %.3f ms (%u rows)\n", read_ms + run_ms, IMPORT_ROWS);
      /* On a busy machine the wall time says little: the CPU it took too. */
      g_print ("import-csv-run-cpu: %.3f ms\n", run_cpu_ms);
    }
  g_clear_object (&store);
  remove_database (db_path);
  g_unlink (csv_path);
  g_rmdir (dir);
  return ok;
}

static gboolean
measure (const char  *path,
         GError     **error)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) admin = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 count;

  if (!(store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, error)) ||
      !(admin = crm_user_store_ensure_admin (store, error)))
    return FALSE;
  g_print ("open-time: %.3f ms\n", elapsed_ms (start));

  start = g_get_monotonic_time ();
  if ((count = crm_customer_store_count (store, admin, error)) < 0)
    return FALSE;
  g_print ("customer-count-time: %.3f ms\n", elapsed_ms (start));
  g_print ("customer-count: %" G_GINT64_FORMAT " customers\n", count);

  return measure_lists (store, admin, "admin", error) &&
         measure_quote_list (store, admin, "admin", error) &&
         measure_tree (store, admin, "tree-admin", error) &&
         measure_get (store, admin, count, queries, error) &&
         measure_profile (store, admin, count, error) &&
         measure_export (store, admin, error) &&
         measure_search (store, admin, "search-admin", queries, error) &&
         measure_staff_search (store, admin, queries, error) &&
         measure_reports (store, admin, error);
}

static void
print_peak_rss (gboolean filled)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    g_print ("peak-rss: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  if (filled && getrusage (RUSAGE_CHILDREN, &usage) == 0)
    g_print ("fill-peak-rss: %.1f MiB\n", usage.ru_maxrss / 1024.0);
}

static void
remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *dir = g_path_get_dirname (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static gboolean
parse_options (BenchOptions   *options,
               int            *argc,
               char         ***argv,
               GError        **error)
{
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &options->database,
      "Database to fill and measure (default: a temporary file)", "PATH" },
    { "customers", 0, 0, G_OPTION_ARG_INT, &options->customers,
      "Customers the database must hold (default: 100000)", "N" },
    { "interactions-per-customer", 0, 0, G_OPTION_ARG_INT, &options->interactions,
      "Interactions written with each new customer (default: 10)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &options->seed, "Seed of the generated data (default: 1)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &options->keep, "Keep the temporary database", NULL },
    { "import-only", 0, 0, G_OPTION_ARG_NONE, &options->import_only,
      "Only measure importing 100000 customers from a CSV file into a new database", NULL },
    { "orders", 0, 0, G_OPTION_ARG_INT, &options->orders,
      "Orders the database must hold, with their lines (default: 300000)", "N" },
    { "opportunities", 0, 0, G_OPTION_ARG_INT, &options->opportunities,
      "Opportunities written with the orders (default: 50000)", "N" },
    { "reports-only", 0, 0, G_OPTION_ARG_NONE, &options->reports_only,
      "Only fill if needed and measure building every report for this year", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- fill and measure a Sổ Khách database");

  g_option_context_set_summary (context,
                                "Fills the database with crm_sample_fill() when it has fewer customers\n"
                                "than asked, then prints open time, customer count, search-as-you-type\n"
                                "latency (administrator and staff in \"own\" mode), customer load latency,\n"
                                "the .xlsx export of the customer list (beside openpyxl writing the same\n"
                                "rows) and peak memory, one \"name: value unit\" line each.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->customers < 1 || options->interactions < 0 || options->orders < 0 || options->opportunities < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--customers must be at least 1, --interactions-per-customer, --orders and "
                           "--opportunities not negative");
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  BenchOptions options = { NULL, 100000, 10, 1, FALSE, FALSE, 300000, 50000, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  gboolean filled = FALSE;
  gboolean ok;

  setlocale (LC_ALL, "");
  if (!parse_options (&options, &argc, &argv, &error))
    {
      g_printerr ("sokhach-bench: %s\n", error->message);
      return 2;
    }
  if (options.database != NULL)
    path = g_strdup (options.database);
  else if ((tmpdir = g_dir_make_tmp ("sokhach-bench-XXXXXX", &error)))
    path = g_build_filename (tmpdir, "bench.db", NULL);

  if (options.import_only)
    ok = measure_import (&error);
  else if (options.reports_only)
    ok = path != NULL && fill_if_needed (&options, path, &filled, &error) &&
         measure_reports_only (path, &error);
  else
    ok = path != NULL && fill_if_needed (&options, path, &filled, &error) && measure (path, &error) &&
         measure_import (&error);
  print_peak_rss (filled);
  if (tmpdir != NULL && !options.keep)
    remove_database (path);
  else if (path != NULL)
    g_print ("database: %s\n", path);
  g_free (options.database);

  if (!ok)
    {
      g_printerr ("sokhach-bench: %s\n", error->message);
      return 1;
    }
  return 0;
}
