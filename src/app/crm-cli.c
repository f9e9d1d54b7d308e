/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-cli"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "crm-cli.h"
#include "crm-customer-export.h"
#include "crm-customer.h"
#include "crm-document-store.h"
#include "crm-contract-document.h"
#include "crm-contract-export.h"
#include "crm-opportunity-export.h"
#include "crm-order-export.h"
#include "crm-product-export.h"
#include "crm-quote-export.h"
#include "crm-interaction-export.h"
#include "crm-period.h"
#include "crm-report-export.h"
#include "crm-reports.h"
#include "crm-document.h"
#include "crm-import.h"
#include "crm-order-document.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-sample.h"
#include "crm-search-store.h"
#include "crm-store.h"
#include "crm-user-store.h"

#define EXIT_DAMAGED 3
#define SEARCH_LIMIT 100
#define PASSWORD_MAX 1024

static int
fail (GError *error)
{
  g_printerr ("sokhach: %s\n", error->message);
  return EXIT_FAILURE;
}

/* Sign-in ------------------------------------------------------------------ */

/* Reads one line from the terminal with echo off, straight from the file
 * descriptor so that no stdio buffer keeps a copy. */
static char *
prompt_password (const char  *login,
                 GError     **error)
{
  struct termios saved, quiet;
  char buffer[PASSWORD_MAX];
  gsize length = 0;
  gboolean complete = FALSE;
  char *password = NULL;

  if (!isatty (STDIN_FILENO) || tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                   _("No password for %s: set %s, or run the command in a terminal to be asked for it."),
                   login, CRM_CLI_PASSWORD_ENV);
      return NULL;
    }
  g_printerr (_("Password for %s: "), login);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  while (length < sizeof buffer - 1)
    {
      char c;
      gssize n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n' || c == '\r')
        {
          complete = n > 0;
          break;
        }
      buffer[length++] = c;
    }
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");

  buffer[length] = '\0';
  if (complete)
    password = g_strdup (buffer);
  else
    g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                 _("No password for %s was typed."), login);
  sodium_memzero (buffer, sizeof buffer);
  return password;
}

static void
wipe_password (char *password)
{
  if (password == NULL)
    return;
  sodium_memzero (password, strlen (password));
  g_free (password);
}

/* Signs @login in with the password of the environment or the terminal;
 * wrong passwords are counted and audited like the window's. */
static CrmSession *
sign_in (CrmStore    *store,
         const char  *login,
         GError     **error)
{
  const char *from_env = g_getenv (CRM_CLI_PASSWORD_ENV);
  CrmSession *session;
  char *password;

  if (login == NULL || *login == '\0')
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                   _("Sign in with --user LOGIN; the password is read from %s or asked for."),
                   CRM_CLI_PASSWORD_ENV);
      return NULL;
    }
  password = from_env != NULL ? g_strdup (from_env) : prompt_password (login, error);
  if (password == NULL)
    return NULL;
  session = crm_user_store_sign_in (store, login, password, error);
  wipe_password (password);
  return session;
}

static CrmSession *
sign_in_admin (CrmStore    *store,
               const char  *login,
               GError     **error)
{
  g_autoptr(CrmSession) session = sign_in (store, login, error);

  if (session == NULL)
    return NULL;
  if (crm_session_get_role (session) != CRM_ROLE_ADMIN)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only an administrator may back up or restore the database."));
      return NULL;
    }
  return g_steal_pointer (&session);
}

/* Verbs ---------------------------------------------------------------------- */

int
crm_cli_check (const char *path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (crm_store_check_file (path, &problems, &error))
    {
      g_print (_("%s: no damage found.\n"), path);
      return EXIT_SUCCESS;
    }
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
  fail (error);
  return g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT) ? EXIT_DAMAGED : EXIT_FAILURE;
}

int
crm_cli_backup (const char *path,
                const char *login,
                const char *destination)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error);
  g_autoptr(CrmSession) admin = NULL;

  if (store == NULL ||
      !(admin = sign_in_admin (store, login, &error)) ||
      !crm_store_backup (store, destination, &error))
    return fail (error);
  g_print (_("Backup of %s written to %s.\n"), path, destination);
  return EXIT_SUCCESS;
}

/* An administrator of the database being replaced must sign in, unless it
 * was never set up (a new file): then nobody could. */
static gboolean
may_restore (CrmStore    *store,
             const char  *login,
             GError     **error)
{
  g_autoptr(CrmSession) admin = NULL;
  gboolean needs_setup = FALSE;

  if (!crm_user_store_needs_setup (store, &needs_setup, error))
    return FALSE;
  return needs_setup || (admin = sign_in_admin (store, login, error)) != NULL;
}

/* Replaces the whole database with a checked backup; the file being
 * replaced is itself backed up beside it first, so a wrong restore can be
 * undone. */
int
crm_cli_restore (const char *path,
                 const char *login,
                 const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *safety = g_strdup_printf ("%s.before-restore-%s", path, stamp);

  if (!crm_store_check_file (source, &problems, &error) ||
      !(store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error)) ||
      !may_restore (store, login, &error) ||
      !crm_store_backup (store, safety, &error) ||
      !crm_store_restore (store, source, &error))
    return fail (error);
  g_print (_("Restored %s from %s. The previous content was saved as %s.\n"), path, source, safety);
  return EXIT_SUCCESS;
}

/* One hit per line, tab-separated: kind, code, name — for scripts. */
int
crm_cli_search (const char *path,
                const char *login,
                const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error);
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  if (store == NULL ||
      !(session = sign_in (store, login, &error)) ||
      !(hits = crm_search_store_find (store, session, query, SEARCH_LIMIT, &error)))
    return fail (error);

  for (guint i = 0; i < hits->len; i++)
    {
      const CrmSearchHit *hit = g_ptr_array_index (hits, i);
      g_print ("%s\t%s\t%s\n", hit->kind, hit->code, hit->title);
    }
  return EXIT_SUCCESS;
}

/* The administrator who fills a new database: its password-less first
 * account, which the demo data gives a demo password. */
static CrmSession *
new_database_admin (CrmStore  *store,
                    GError   **error)
{
  gboolean needs_setup = FALSE;

  if (!crm_user_store_needs_setup (store, &needs_setup, error))
    return NULL;
  if (!needs_setup)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                   _("Demo data goes only into a new database; “%s” is already set up."),
                   crm_store_get_path (store));
      return NULL;
    }
  return crm_user_store_ensure_admin (store, error);
}

int
crm_cli_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);
  g_autoptr(CrmSession) admin = NULL;

  if (store == NULL ||
      !(admin = new_database_admin (store, &error)) ||
      !crm_sample_fill_demo (store, admin, &error))
    return fail (error);
  g_print (_("Demo data added to %s.\n"), path);
  return EXIT_SUCCESS;
}

/* The other lists, whole, as the user may see them; the customer list
 * takes --status and --province, the interactions --period. */
typedef gboolean (*ExportList) (CrmStore         *store,
                                CrmSession       *session,
                                const CrmPeriod  *period,
                                CrmExportFormat   format,
                                GFile            *dest,
                                guint64          *n_rows,
                                GError          **error);

static gboolean
export_quotes (CrmStore *store, CrmSession *session, const CrmPeriod *period, CrmExportFormat format,
               GFile *dest, guint64 *n_rows, GError **error)
{
  g_autoptr(CrmQuoteFilter) filter = crm_quote_filter_new ();

  return crm_quote_export (store, session, filter, format, dest, NULL, n_rows, error);
}

static gboolean
export_contracts (CrmStore *store, CrmSession *session, const CrmPeriod *period, CrmExportFormat format,
                  GFile *dest, guint64 *n_rows, GError **error)
{
  g_autoptr(CrmContractFilter) filter = crm_contract_filter_new ();

  return crm_contract_export (store, session, filter, format, dest, NULL, n_rows, error);
}

static gboolean
export_orders (CrmStore *store, CrmSession *session, const CrmPeriod *period, CrmExportFormat format,
               GFile *dest, guint64 *n_rows, GError **error)
{
  g_autoptr(CrmOrderFilter) filter = crm_order_filter_new ();

  return crm_order_export (store, session, filter, format, dest, NULL, n_rows, error);
}

static gboolean
export_products (CrmStore *store, CrmSession *session, const CrmPeriod *period, CrmExportFormat format,
                 GFile *dest, guint64 *n_rows, GError **error)
{
  g_autoptr(CrmProductFilter) filter = crm_product_filter_new ();

  return crm_product_export (store, session, filter, format, dest, NULL, n_rows, error);
}

static gboolean
export_opportunities (CrmStore *store, CrmSession *session, const CrmPeriod *period, CrmExportFormat format,
                      GFile *dest, guint64 *n_rows, GError **error)
{
  g_autoptr(CrmOpportunityFilter) filter = crm_opportunity_filter_new ();

  return crm_opportunity_export (store, session, filter, format, dest, NULL, n_rows, error);
}

static gboolean
export_interactions (CrmStore *store, CrmSession *session, const CrmPeriod *period, CrmExportFormat format,
                     GFile *dest, guint64 *n_rows, GError **error)
{
  return crm_interaction_export (store, session, period, format, dest, NULL, n_rows, error);
}

/* The lists --export knows, for --export help; the first is the
 * customer list.  The reports follow from the registry (crm-reports.h). */
typedef struct
{
  const char *name;
  const char *description;
  ExportList  run;
  gboolean    takes_period;
} ExportEntry;

static const ExportEntry exports[] = {
  { "customers", N_("The customer list: code, name, kind, phone, province, status, owner, last contact, revenue"),
    NULL, FALSE },
  { "quotes", N_("The quotes: code, customer, dates, status, version, total, owner"), export_quotes, FALSE },
  { "contracts", N_("The contracts: code, customer, title, dates, value, status, owner"), export_contracts, FALSE },
  { "orders", N_("The orders: code, customer, dates, delivery status, total, owner"), export_orders, FALSE },
  { "opportunities", N_("The opportunities: title, customer, stage, value, probability, expected close, owner"),
    export_opportunities, FALSE },
  { "products", N_("The product catalogue: code, name, unit, prices, VAT rate, category"), export_products, FALSE },
  { "interactions", N_("The customers’ history: date, customer, kind, channel, summary, outcome, next contact, "
                       "by whom (--period for the days it happened)"),
    export_interactions, TRUE },
};

static int
find_export (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    if (g_strcmp0 (exports[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* "staff, product, category": a report's --by names. */
static char *
join_breakdowns (const CrmReportInfo *info)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (const CrmReportBreakdown *b = info->breakdowns; b != NULL && b->name != NULL; b++)
    g_ptr_array_add (names, (gpointer) b->name);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static void
print_export_help (void)
{
  const CrmReportInfo *reports;
  guint n_reports;

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    g_print ("%s\t%s\n", exports[i].name, _(exports[i].description));
  reports = crm_reports_get_all (&n_reports);
  for (guint i = 0; i < n_reports; i++)
    {
      g_autofree char *breakdowns = join_breakdowns (&reports[i]);

      g_print ("%s\t", reports[i].name);
      /* TRANSLATORS: --export help: a report's title, its description
       * and the names --by takes ("staff, product, province") */
      g_print (_("%s: %s (--by %s)"), _(reports[i].title), _(reports[i].description), breakdowns);
      g_print ("\n");
    }
}

/* The output file and its format; without --format the file name says
 * it: list.xlsx, list.pdf. */
static gboolean
parse_output_options (const CrmCliExportOptions  *options,
                      CrmExportFormat            *format,
                      GError                    **error)
{
  const char *format_name = options->format;

  if (options->output == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Name the file to write with --output FILE."));
      return FALSE;
    }
  if (format_name == NULL && (format_name = strrchr (options->output, '.')) != NULL)
    format_name++;
  if (!crm_export_format_from_string (format_name, format))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Unknown format “%s”: use xlsx or pdf."), format_name ? format_name : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_export_options (int                         index,
                      const CrmCliExportOptions  *options,
                      CrmExportFormat            *format,
                      CrmCustomerFilter          *filter,
                      gboolean                   *has_period,
                      CrmPeriod                  *period,
                      GError                    **error)
{
  CrmCustomerStatus status;

  *has_period = FALSE;
  if (!parse_output_options (options, format, error))
    return FALSE;
  if (index > 0 && (options->status != NULL || options->province != NULL))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("--status and --province choose customers: they apply to --export customers only."));
      return FALSE;
    }
  if (options->breakdown != NULL || options->staff != NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("--by and --staff apply to reports only, not to lists."));
      return FALSE;
    }
  if (options->period != NULL)
    {
      if (!exports[index].takes_period)
        {
          g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                               _("--period applies to reports and to --export interactions only."));
          return FALSE;
        }
      if (!crm_period_parse (options->period, period, error))
        return FALSE;
      *has_period = TRUE;
    }
  if (options->status != NULL)
    {
      if (!crm_customer_status_from_string (options->status, &status))
        {
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("Unknown status “%s”: use lead, prospect, customer or inactive."), options->status);
          return FALSE;
        }
      filter->status = status;
    }
  if (options->province != NULL)
    {
      if (crm_province_get (options->province) == NULL)
        {
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("Unknown province code “%s”."), options->province);
          return FALSE;
        }
      filter->province_code = g_strdup (options->province);
    }
  return TRUE;
}

/* Writes a list to a file as the signed-in user sees it. */
static int
export_list (const char                *path,
             const char                *login,
             int                        index,
             const CrmCliExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autofree char *count = NULL;
  CrmExportFormat format;
  CrmPeriod period;
  gboolean has_period;
  guint64 n_rows = 0;
  const ExportEntry *list;

  if (!parse_export_options (index, options, &format, filter, &has_period, &period, &error))
    return fail (error);

  list = &exports[index];
  dest = g_file_new_for_commandline_arg (options->output);
  if (!(store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error)) ||
      !(session = sign_in (store, login, &error)) ||
      !(list->run != NULL
        ? list->run (store, session, has_period ? &period : NULL, format, dest, &n_rows, &error)
        : crm_customer_export (store, session, filter, format, dest, NULL, &n_rows, &error)))
    return fail (error);
  count = crm_money_format_plain ((gint64) n_rows);
  if (list->run == NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s customer written to %s.\n", "%s customers written to %s.\n",
                          (gulong) n_rows),
             count, options->output);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s row written to %s.\n", "%s rows written to %s.\n",
                          (gulong) n_rows),
             count, options->output);
  return EXIT_SUCCESS;
}

/* The current month, the period a report covers without --period. */
static void
this_month (CrmPeriod *period)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  crm_period_init (period, CRM_PERIOD_MONTH, &today);
}

static gboolean
parse_report_options (const CrmReportInfo        *info,
                      const CrmCliExportOptions  *options,
                      CrmExportFormat            *format,
                      CrmReportFilter            *filter,
                      GError                    **error)
{
  CrmPeriod period;

  if (!parse_output_options (options, format, error))
    return FALSE;
  if (options->status != NULL || options->province != NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("--status and --province choose customers: they apply to --export customers only."));
      return FALSE;
    }
  if (options->period != NULL)
    {
      if (!crm_period_parse (options->period, &period, error))
        return FALSE;
    }
  else
    this_month (&period);
  crm_report_filter_init (filter, &period);

  if (options->breakdown != NULL)
    {
      gboolean known = FALSE;

      for (const CrmReportBreakdown *b = info->breakdowns; b != NULL && b->name != NULL; b++)
        known |= g_str_equal (b->name, options->breakdown);
      if (!known)
        {
          g_autofree char *names = join_breakdowns (info);

          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("The report “%s” cannot be broken down by “%s”: use --by with one of %s."),
                       info->name, options->breakdown, names);
          return FALSE;
        }
      filter->breakdown = g_strdup (options->breakdown);
    }
  return TRUE;
}

/* The id of the active user with @login, for --staff. */
static gint64
find_staff (CrmStore    *store,
            const char  *login,
            GError     **error)
{
  g_autoptr(GPtrArray) users = crm_user_store_list_for_sign_in (store, error);

  if (users == NULL)
    return 0;
  for (guint i = 0; i < users->len; i++)
    {
      CrmUserEntry *user = g_ptr_array_index (users, i);

      if (g_strcmp0 (user->login, login) == 0)
        return user->id;
    }
  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
               _("No active user signs in as “%s”: --staff takes a staff member’s login."), login);
  return 0;
}

/* Builds a report as the signed-in user may see it and writes it, with
 * its chart, to a file. */
static int
export_report (const char                *path,
               const char                *login,
               const CrmReportInfo       *info,
               const CrmCliExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmReport) report = NULL;
  g_autoptr(GFile) dest = NULL;
  CrmReportFilter filter = { 0 };
  CrmExportFormat format;
  int status = EXIT_SUCCESS;

  if (!parse_report_options (info, options, &format, &filter, &error))
    {
      crm_report_filter_clear (&filter);
      return fail (error);
    }
  dest = g_file_new_for_commandline_arg (options->output);
  if (!(store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error)) ||
      !(session = sign_in (store, login, &error)) ||
      (options->staff != NULL && !(filter.staff_id = find_staff (store, options->staff, &error))) ||
      !(report = crm_reports_build (store, session, info->name, &filter, NULL, &error)) ||
      !crm_report_export (report, store, session, format, dest, NULL, &error))
    status = fail (error);
  else
    g_print (_("%s written to %s.\n"), crm_report_get_title (report), options->output);
  crm_report_filter_clear (&filter);
  return status;
}

/* Writes a list or a report to a file as the signed-in user sees it;
 * --export help prints the names of the lists and the reports, one per
 * line with what they hold. */
int
crm_cli_export (const char                *path,
                const char                *login,
                const CrmCliExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  const CrmReportInfo *info;
  const char *name;
  int index;

  g_return_val_if_fail (options != NULL, EXIT_FAILURE);

  name = options->name != NULL ? options->name : "";
  if (g_str_equal (name, "help"))
    {
      print_export_help ();
      return EXIT_SUCCESS;
    }
  if ((index = find_export (name)) >= 0)
    return export_list (path, login, index, options);
  if ((info = crm_reports_find (name)) != NULL)
    return export_report (path, login, info, options);
  g_set_error (&error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
               _("Unknown export “%s”. --export help lists them."), name);
  return fail (error);
}

static CrmDocumentLayout *
layout_for (CrmStore    *store,
            CrmSession  *session,
            const char  *kind,
            gint64       id,
            GError     **error)
{
  if (g_str_equal (kind, "quote"))
    return crm_document_layout_new_for_quote (store, session, id, 0, error);
  if (g_str_equal (kind, "contract"))
    return crm_document_layout_new_for_contract (store, session, id, 0, error);
  return crm_document_layout_new_for_order (store, session, id, error);
}

/* The quote, contract or order with @code as its customer would get it,
 * printed to a PDF file; the same checks and audit rows as printing from
 * the window. */
int
crm_cli_print_document (const char *path,
                        const char *login,
                        const char *code,
                        const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmDocumentLayout) layout = NULL;
  g_autoptr(GFile) dest = NULL;
  const char *kind = NULL;
  guint n_pages;
  gint64 id;

  if (output == NULL)
    {
      g_set_error_literal (&error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Name the file to write with --output FILE."));
      return fail (error);
    }
  dest = g_file_new_for_commandline_arg (output);
  if (!(store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error)) ||
      !(session = sign_in (store, login, &error)) ||
      !(id = crm_document_store_find (store, session, code, &kind, &error)) ||
      !(layout = layout_for (store, session, kind, id, &error)) ||
      !crm_document_write_pdf (layout, dest, NULL, &error))
    return fail (error);
  n_pages = crm_document_layout_get_n_pages (layout);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s written to %s: %u page.\n",
                        "%s written to %s: %u pages.\n", n_pages),
           crm_document_layout_get_content (layout)->running_title, output, n_pages);
  return EXIT_SUCCESS;
}

/* Import --------------------------------------------------------------------- */

/* "Line 12: reason" on stderr for each invalid row of @report. */
static void
print_invalid_rows (CrmImportReport *report)
{
  for (guint i = 0; i < crm_import_report_get_n_rows (report); i++)
    if (crm_import_report_get_action (report, i) == CRM_IMPORT_ACTION_INVALID)
      g_printerr (_("Line %u: %s\n"), crm_import_report_get_line (report, i),
                  crm_import_report_get_reason (report, i));
}

static gboolean
write_rejected (CrmImportReport  *report,
                const char       *rejected,
                GError          **error)
{
  g_autoptr(GFile) file = NULL;

  if (rejected == NULL || crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID) == 0)
    return TRUE;
  file = g_file_new_for_commandline_arg (rejected);
  return crm_import_report_write_rejected (report, file, NULL, error);
}

static gboolean
parse_import_options (const char           *name,
                      const char           *input,
                      const char           *on_duplicate,
                      CrmImportKind        *kind,
                      CrmImportDuplicates  *policy,
                      GError              **error)
{
  if (!crm_import_kind_from_string (name, kind))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Unknown import “%s”: customers, contacts or products."), name);
      return FALSE;
    }
  if (input == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Name the file to import with --input FILE."));
      return FALSE;
    }
  *policy = CRM_IMPORT_DUPLICATES_SKIP;
  if (on_duplicate != NULL && !crm_import_duplicates_from_string (on_duplicate, policy))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Unknown --on-duplicate “%s”: skip, update or create."), on_duplicate);
      return FALSE;
    }
  return TRUE;
}

/* Imports a CSV (or, for contacts, vCard) file as the signed-in user, all
 * rows or none; invalid rows are listed on stderr and, with --rejected,
 * written to a CSV to fix and import again. */
int
crm_cli_import (const char *path,
                const char *login,
                const char *name,
                const char *input,
                const char *on_duplicate,
                gboolean    skip_invalid,
                const char *rejected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CrmImportSource) source = NULL;
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  CrmImportDuplicates policy;
  CrmImportKind kind;
  gboolean ok;

  if (!parse_import_options (name, input, on_duplicate, &kind, &policy, &error))
    return fail (error);
  file = g_file_new_for_commandline_arg (input);
  if (!(store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error)) ||
      !(session = sign_in (store, login, &error)) ||
      !(source = crm_import_source_new_for_file (file, NULL, NULL, NULL, &error)))
    return fail (error);
  import = crm_import_new (kind, source);
  crm_import_set_duplicates (import, policy);
  crm_import_set_skip_invalid (import, skip_invalid);
  ok = crm_import_run (import, store, session, NULL, NULL, NULL, &report, &error);
  if (report != NULL)
    {
      print_invalid_rows (report);
      if (!write_rejected (report, rejected, &write_error))
        g_printerr ("sokhach: %s\n", write_error->message);
    }
  if (!ok)
    return fail (error);
  g_print (_("Created %u, updated %u, skipped %u.\n"),
           crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE),
           crm_import_report_count (report, CRM_IMPORT_ACTION_UPDATE),
           crm_import_report_count (report, CRM_IMPORT_ACTION_SKIP));
  if (crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID) > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u invalid row left out.\n", "%u invalid rows left out.\n",
                          crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID)),
             crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID));
  return write_error != NULL ? EXIT_FAILURE : EXIT_SUCCESS;
}
