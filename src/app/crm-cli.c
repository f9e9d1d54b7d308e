/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-cli.h"
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
