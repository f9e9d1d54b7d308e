/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-cli.h"
#include "crm-customer-export.h"
#include "crm-customer.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-sample.h"
#include "crm-search-store.h"
#include "crm-store.h"
#include "crm-user-store.h"

#define EXIT_DAMAGED 3
#define SEARCH_LIMIT 100

static int
fail (GError *error)
{
  g_printerr ("sokhach: %s\n", error->message);
  return EXIT_FAILURE;
}

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
                const char *destination)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error);

  if (store == NULL || !crm_store_backup (store, destination, &error))
    return fail (error);
  g_print (_("Backup of %s written to %s.\n"), path, destination);
  return EXIT_SUCCESS;
}

/* Replaces the whole database with a checked backup; the file being
 * replaced is itself backed up beside it first, so a wrong restore can be
 * undone. */
int
crm_cli_restore (const char *path,
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
      !crm_store_backup (store, safety, &error) ||
      !crm_store_restore (store, source, &error))
    return fail (error);
  g_print (_("Restored %s from %s. The previous content was saved as %s.\n"), path, source, safety);
  return EXIT_SUCCESS;
}

/* One hit per line, tab-separated: kind, code, name — for scripts. */
int
crm_cli_search (const char *path,
                const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error);
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  if (store == NULL ||
      !(session = crm_user_store_ensure_admin (store, &error)) ||
      !(hits = crm_search_store_find (store, session, query, SEARCH_LIMIT, &error)))
    return fail (error);

  for (guint i = 0; i < hits->len; i++)
    {
      const CrmSearchHit *hit = g_ptr_array_index (hits, i);
      g_print ("%s\t%s\t%s\n", hit->kind, hit->code, hit->title);
    }
  return EXIT_SUCCESS;
}

int
crm_cli_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, CRM_STORE_OPEN_CREATE, &error);
  g_autoptr(CrmSession) admin = NULL;

  if (store == NULL ||
      !(admin = crm_user_store_ensure_admin (store, &error)) ||
      !crm_sample_fill_demo (store, admin, &error))
    return fail (error);
  g_print (_("Demo data added to %s.\n"), path);
  return EXIT_SUCCESS;
}

/* The exports --export knows, for --export help. */
static const struct
{
  const char *name;
  const char *description;
} exports[] = {
  { "customers", N_("The customer list: code, name, kind, phone, province, status, owner, last contact, revenue") },
};

static gboolean
parse_export_options (const char         *name,
                      const char         *format_name,
                      const char         *output,
                      const char         *status_name,
                      const char         *province,
                      CrmExportFormat    *format,
                      CrmCustomerFilter  *filter,
                      GError            **error)
{
  CrmCustomerStatus status;

  if (g_strcmp0 (name, exports[0].name) != 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Unknown export “%s”. --export help lists them."), name);
      return FALSE;
    }
  if (output == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Name the file to write with --output FILE."));
      return FALSE;
    }
  /* Without --format the file name says it: list.xlsx, list.pdf. */
  if (format_name == NULL && (format_name = strrchr (output, '.')) != NULL)
    format_name++;
  if (!crm_export_format_from_string (format_name, format))
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   _("Unknown format “%s”: use xlsx or pdf."), format_name ? format_name : "");
      return FALSE;
    }
  if (status_name != NULL)
    {
      if (!crm_customer_status_from_string (status_name, &status))
        {
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("Unknown status “%s”: use lead, prospect, customer or inactive."), status_name);
          return FALSE;
        }
      filter->status = status;
    }
  if (province != NULL)
    {
      if (crm_province_get (province) == NULL)
        {
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("Unknown province code “%s”."), province);
          return FALSE;
        }
      filter->province_code = g_strdup (province);
    }
  return TRUE;
}

/* Writes a list to a file as the administrator sees it; --export help
 * prints the names of the lists, one per line with what they hold. */
int
crm_cli_export (const char *path,
                const char *name,
                const char *format_name,
                const char *output,
                const char *status,
                const char *province)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomerFilter) filter = crm_customer_filter_new ();
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autofree char *count = NULL;
  CrmExportFormat format;
  guint64 n_rows = 0;

  if (g_strcmp0 (name, "help") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
        g_print ("%s\t%s\n", exports[i].name, _(exports[i].description));
      return EXIT_SUCCESS;
    }
  if (!parse_export_options (name, format_name, output, status, province, &format, filter, &error))
    return fail (error);

  dest = g_file_new_for_commandline_arg (output);
  if (!(store = crm_store_open (path, CRM_STORE_OPEN_EXISTING, &error)) ||
      !(session = crm_user_store_ensure_admin (store, &error)) ||
      !crm_customer_export (store, session, filter, format, dest, NULL, &n_rows, &error))
    return fail (error);
  count = crm_money_format_plain ((gint64) n_rows);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s customer written to %s.\n", "%s customers written to %s.\n",
                        (gulong) n_rows),
           count, output);
  return EXIT_SUCCESS;
}
