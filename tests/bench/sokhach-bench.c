/* SPDX-License-Identifier: GPL-3.0-or-later */

/* sokhach-bench: fills a database with realistic Vietnamese data if it has
 * fewer customers than asked, then measures what a user feels: opening
 * the file, counting customers, search while typing (as an administrator
 * and as a staff member who sees only their own customers), and opening a
 * customer's profile with everything it shows, the customer tree, and
 * exporting the whole list to .xlsx.  Prints one "name: value unit" line per measure; the targets
 * are for people to read, nothing here fails on a slow number. */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "crm-attachment-store.h"
#include "crm-category-store.h"
#include "crm-contact-store.h"
#include "crm-customer-export.h"
#include "crm-customer-store.h"
#include "crm-interaction-store.h"
#include "crm-error.h"
#include "crm-sample.h"
#include "crm-customer-query.h"
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
      gboolean ok = fill (options, path, &child_filled, &fill_error);

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

/* The whole customer list to .xlsx, from the database to a finished file. */
static gboolean
measure_export (CrmStore    *store,
                CrmSession  *admin,
                GError     **error)
{
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autofree char *dir = g_dir_make_tmp ("sokhach-bench-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 start;
  guint64 n_rows = 0;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "customers.xlsx", NULL);
  file = g_file_new_for_path (path);
  start = g_get_monotonic_time ();
  ok = crm_customer_export (store, admin, filter, CRM_EXPORT_FORMAT_XLSX, file, NULL, &n_rows, error);
  if (ok)
    g_print ("export-xlsx-customers: %.3f ms (%" G_GUINT64_FORMAT " rows)\n", elapsed_ms (start), n_rows);
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
       measure_tree (store, staff, "tree-staff-own", error);
  return crm_settings_set (store, admin, "customer_visibility", visibility, ok ? error : NULL) && ok;
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
         measure_tree (store, admin, "tree-admin", error) &&
         measure_get (store, admin, count, queries, error) &&
         measure_profile (store, admin, count, error) &&
         measure_export (store, admin, error) &&
         measure_search (store, admin, "search-admin", queries, error) &&
         measure_staff_search (store, admin, queries, error);
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
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- fill and measure a Sổ Khách database");

  g_option_context_set_summary (context,
                                "Fills the database with crm_sample_fill() when it has fewer customers\n"
                                "than asked, then prints open time, customer count, search-as-you-type\n"
                                "latency (administrator and staff in \"own\" mode), customer load latency\n"
                                "and peak memory, one \"name: value unit\" line each.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->customers < 1 || options->interactions < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--customers must be at least 1 and --interactions-per-customer not negative");
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  BenchOptions options = { NULL, 100000, 10, 1, FALSE };
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

  ok = path != NULL && fill_if_needed (&options, path, &filled, &error) && measure (path, &error);
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
