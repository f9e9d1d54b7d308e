/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-audit-export"

#include "config.h"

#include "crm-audit-export.h"

#include <glib/gi18n-lib.h>

#include "crm-audit-text.h"
#include "crm-export-audit.h"
#include "crm-export-lookup.h"
#include "crm-money.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* The audit log as a document: the rows the viewer shows for the same
 * filter (the same query, so administrators only, newest first), a page
 * at a time, in words rather than codes, with the filter described under
 * the title.  The export itself is audited like any other. */

#define PAGE_SIZE        1000
#define AUDIT_ENTITY     "audit_log"

enum
{
  COLUMN_WHEN,
  COLUMN_USER,
  COLUMN_ACTION,
  COLUMN_RECORD,
  COLUMN_FIELD,
  COLUMN_OLD,
  COLUMN_NEW,
};

typedef struct
{
  CrmStore       *store;
  CrmSession     *session;
  CrmAuditFilter *filter;
  GHashTable     *names;  /* user and category names already looked up */
} AuditSource;

/* Rows ------------------------------------------------------------------------ */

static void
audit_source_free (gpointer data)
{
  AuditSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_clear_pointer (&source->filter, crm_audit_filter_free);
  g_clear_pointer (&source->names, g_hash_table_unref);
  g_free (source);
}

static GPtrArray *
fetch_entries (gpointer   user_data,
               guint      offset,
               guint      limit,
               GError   **error)
{
  AuditSource *source = user_data;

  return crm_audit_store_query (source->store, source->session, source->filter, offset, limit, error);
}

static void
fill_entry (gpointer      user_data,
            gpointer      item,
            CrmExportRow *row)
{
  AuditSource *source = user_data;
  CrmAuditEntry *entry = item;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (entry->at, NULL);
  g_autofree char *record = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (when != NULL)
    crm_export_row_set_datetime (row, COLUMN_WHEN, when);
  crm_export_row_set_text (row, COLUMN_USER, entry->user_name != NULL ? entry->user_name : _("System"));
  crm_export_row_set_text (row, COLUMN_ACTION, crm_audit_action_label (entry->action));
  record = entry->entity_id > 0
           ? g_strdup_printf ("%s #%" G_GINT64_FORMAT, crm_audit_entity_label (entry->entity), entry->entity_id)
           : g_strdup (crm_audit_entity_label (entry->entity));
  crm_export_row_set_text (row, COLUMN_RECORD, record);
  if (entry->field != NULL)
    crm_export_row_set_text (row, COLUMN_FIELD, crm_audit_field_label (entry->entity, entry->field));
  old_text = crm_audit_store_format_value (source->store, source->names, entry->entity, entry->field,
                                           entry->old_value);
  new_text = crm_audit_store_format_value (source->store, source->names, entry->entity, entry->field,
                                           entry->new_value);
  crm_export_row_set_text (row, COLUMN_OLD, old_text);
  crm_export_row_set_text (row, COLUMN_NEW, new_text);
}

/* The title block ------------------------------------------------------------- */

static void
add_part (GPtrArray  *parts,
          const char *label,
          const char *value)
{
  g_ptr_array_add (parts, g_strdup_printf ("%s: %s", label, value));
}

/* "User: …; Period: 01/11/2026 – 30/11/2026; …", or "The whole audit log". */
static char *
describe_filter (CrmStore              *store,
                 const CrmAuditFilter  *filter,
                 GError               **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from = crm_date_format (filter->from_date);
  g_autofree char *to = crm_date_format (filter->to_date);

  if (filter->user_id > 0)
    {
      g_autofree char *name = crm_export_lookup_user_name (store, filter->user_id, error);

      if (name == NULL)
        return NULL;
      add_part (parts, _("User"), name);
    }
  if (from != NULL || to != NULL)
    {
      g_autofree char *period = g_strdup_printf ("%s – %s", from != NULL ? from : "…", to != NULL ? to : "…");

      add_part (parts, _("Period"), period);
    }
  if (!crm_text_is_blank (filter->entity))
    add_part (parts, _("Record"), crm_audit_entity_label (filter->entity));
  if (!crm_text_is_blank (filter->action))
    add_part (parts, _("Action"), crm_audit_action_label (filter->action));
  if (parts->len == 0)
    return g_strdup (_("The whole audit log"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static gboolean
add_subtitles (CrmExportTable  *table,
               CrmStore        *store,
               CrmSession      *session,
               const CrmAuditFilter *filter,
               gint64           n_total,
               GError         **error)
{
  g_autofree char *description = NULL;
  g_autofree char *count = crm_money_format_plain (n_total);
  g_autofree char *count_line = NULL;

  if (!(description = describe_filter (store, filter, error)))
    return FALSE;
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry", "%s entries", n_total), count);
  return crm_export_add_title_block (table, store, session, description, count_line, error);
}

static void
add_columns (CrmExportTable *table)
{
  static const struct
  {
    const char    *heading;
    CrmExportKind  kind;
    double         width;
  } columns[] = {
    [COLUMN_WHEN] = { N_("When"), CRM_EXPORT_DATETIME, 16 },
    [COLUMN_USER] = { N_("User"), CRM_EXPORT_TEXT, 20 },
    [COLUMN_ACTION] = { N_("Action"), CRM_EXPORT_TEXT, 13 },
    [COLUMN_RECORD] = { N_("Record"), CRM_EXPORT_TEXT, 16 },
    [COLUMN_FIELD] = { N_("Field"), CRM_EXPORT_TEXT, 16 },
    [COLUMN_OLD] = { N_("Old value"), CRM_EXPORT_TEXT, 26 },
    [COLUMN_NEW] = { N_("New value"), CRM_EXPORT_TEXT, 26 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind, columns[i].width,
                                 CRM_EXPORT_ALIGN_AUTO);
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_audit_export_table:
 * @filter: (nullable): what the viewer shows; %NULL for the whole log
 *
 * The audit log as a table for any writer: when, user, action, record,
 * field, old and new value in words, newest first, with the company, the
 * filter in words, the count and who exported it when under the title.
 * Administrators only (%CRM_PERMISSION_ERROR otherwise).
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_audit_export_table (CrmStore              *store,
                        CrmSession            *session,
                        const CrmAuditFilter  *filter,
                        GError               **error)
{
  g_autoptr(CrmAuditFilter) own_filter = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  AuditSource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  own_filter = filter != NULL ? crm_audit_filter_copy (filter) : crm_audit_filter_new ();
  if ((n_total = crm_audit_store_count (store, session, own_filter, error)) < 0)
    return NULL;

  table = crm_export_table_new (_("Audit log"));
  if (!add_subtitles (table, store, session, own_filter, n_total, error))
    return NULL;
  add_columns (table);

  source = g_new0 (AuditSource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->filter = g_steal_pointer (&own_filter);
  source->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_entries, fill_entry, source, audit_source_free);
  return g_steal_pointer (&table);
}

/**
 * crm_audit_export:
 * @filter: (nullable): what the viewer shows; %NULL for the whole log
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 * @n_rows: (out) (optional): how many rows of the log were written
 *
 * Writes the audit log to @dest, if @session is an administrator who may
 * export, and records the export in the audit log before the file
 * appears.  On failure @dest is left as it was.  Runs in the calling
 * thread; see crm_audit_export_async().
 */
static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_audit_export_table (store, session, filter, error);
}

/* Only administrators read the log: refused before any file is made. */
static gboolean
check_reader (CrmStore       *store,
              CrmSession     *session,
              gconstpointer   filter,
              GError        **error)
{
  return crm_audit_store_count (store, session, filter, error) >= 0;
}

static const CrmExportSpec audit_export = {
  .what = AUDIT_ENTITY,
  .build = build_table,
  .check = check_reader,
};

gboolean
crm_audit_export (CrmStore              *store,
                  CrmSession            *session,
                  const CrmAuditFilter  *filter,
                  CrmExportFormat        format,
                  GFile                 *dest,
                  GCancellable          *cancellable,
                  guint64               *n_rows,
                  GError               **error)
{
  return crm_export_run (&audit_export, store, session, filter, format, dest, cancellable, n_rows, error);
}

/**
 * crm_audit_export_async:
 *
 * crm_audit_export() without blocking, as crm_export_run_async().
 */
void
crm_audit_export_async (CrmStore              *store,
                        CrmSession            *session,
                        const CrmAuditFilter  *filter,
                        CrmExportFormat        format,
                        GFile                 *dest,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  crm_export_run_async (&audit_export, store, session,
                        filter != NULL ? crm_audit_filter_copy (filter) : crm_audit_filter_new (),
                        (GDestroyNotify) crm_audit_filter_free, format, dest, cancellable,
                        crm_audit_export_async, callback, user_data);
}

/**
 * crm_audit_export_finish:
 * @n_rows: (out) (optional): how many rows of the log were written
 */
gboolean
crm_audit_export_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         guint64       *n_rows,
                         GError       **error)
{
  return crm_export_run_finish (store, result, crm_audit_export_async, n_rows, error);
}
