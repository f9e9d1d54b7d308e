/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-export"

#include "config.h"

#include "crm-customer-export.h"

#include <glib/gi18n-lib.h>

#include "crm-customer-row.h"
#include "crm-customer.h"
#include "crm-export-audit.h"
#include "crm-export-lookup.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* The customer list as a document: the rows the list shows for the same
 * filter (the same query, so the same visibility and order), a page at a
 * time, with the filter described in words under the title. */

#define PAGE_SIZE          1000
#define MAX_CATEGORY_NAMES 3
#define AUDIT_ENTITY       "customer"
#define COMPANY_NAME_KEY   "company_name"

enum
{
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_KIND,
  COLUMN_PHONE,
  COLUMN_PROVINCE,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_LAST_CONTACT,
  COLUMN_REVENUE,
};

/* The paged source: the list query's pages and their phones. */
typedef struct
{
  CrmStore          *store;
  CrmSession        *session;
  CrmCustomerFilter *filter;
  gint64             n_total;
  GHashTable        *phones;   /* of the current page */
} CustomerSource;

/* One export run by crm_customer_export_async(). */
typedef struct
{
  CrmStore          *reader;
  CrmSession        *session;
  CrmCustomerFilter *filter;
  CrmExportFormat    format;
  CrmExportTarget   *target;
  guint64            n_rows;
} ExportJob;

/* Rows ------------------------------------------------------------------- */

static void
customer_source_free (gpointer data)
{
  CustomerSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_clear_pointer (&source->filter, crm_customer_filter_free);
  g_clear_pointer (&source->phones, g_hash_table_unref);
  g_free (source);
}

static GPtrArray *
fetch_customers (gpointer   user_data,
                 guint      offset,
                 guint      limit,
                 GError   **error)
{
  CustomerSource *source = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree gint64 *ids = NULL;

  rows = crm_customer_query_fetch_window (source->store, source->session, source->filter,
                                          offset, limit, source->n_total, error);
  if (rows == NULL)
    return NULL;
  ids = g_new (gint64, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    ids[i] = crm_customer_row_get_id (g_ptr_array_index (rows, i));
  g_clear_pointer (&source->phones, g_hash_table_unref);
  source->phones = crm_export_lookup_phones (source->store, source->session, ids, rows->len, error);
  return source->phones != NULL ? g_steal_pointer (&rows) : NULL;
}

static void
fill_customer (gpointer      user_data,
               gpointer      item,
               CrmExportRow *row)
{
  CustomerSource *source = user_data;
  CrmCustomerRow *customer = item;
  gint64 id = crm_customer_row_get_id (customer);
  const char *phone = g_hash_table_lookup (source->phones, &id);
  g_autofree char *phone_text = phone != NULL ? crm_phone_format (phone) : NULL;
  g_autofree char *last_contact = NULL;
  gboolean person = crm_customer_row_get_kind (customer) == CRM_CUSTOMER_KIND_PERSON;

  crm_export_row_set_text (row, COLUMN_CODE, crm_customer_row_get_code (customer));
  crm_export_row_set_text (row, COLUMN_NAME, crm_customer_row_get_full_name (customer));
  crm_export_row_set_text (row, COLUMN_KIND, person ? _("Person") : _("Organisation"));
  crm_export_row_set_text (row, COLUMN_PHONE, phone_text);
  crm_export_row_set_text (row, COLUMN_PROVINCE, crm_customer_row_get_province_name (customer));
  crm_export_row_set_text (row, COLUMN_STATUS, crm_customer_row_get_status_label (customer));
  crm_export_row_set_text (row, COLUMN_OWNER, crm_customer_row_get_owner_name (customer));
  /* The row shows the last contact as a local dd/MM/yyyy date already. */
  if (crm_date_parse (crm_customer_row_get_last_contact (customer), &last_contact, NULL))
    crm_export_row_set_date (row, COLUMN_LAST_CONTACT, last_contact);
  crm_export_row_set_number (row, COLUMN_REVENUE, crm_customer_row_get_revenue (customer));
}

/* The title block ------------------------------------------------------------ */

static const char *
source_label (const char *source)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "website", N_("Website") },
    { "store", N_("Store") },
    { "referral", N_("Referral") },
    { "phone", N_("Phone") },
    { "social", N_("Social network") },
    { "marketplace", N_("Marketplace") },
    { "campaign", N_("Campaign") },
    { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (source, labels[i].code) == 0)
      return _(labels[i].label);
  return source;
}

static void
add_part (GPtrArray  *parts,
          const char *label,
          const char *value)
{
  g_ptr_array_add (parts, g_strdup_printf ("%s: %s", label, value));
}

/* "Status: Customer; Province: Hà Nội; …", or "All customers". */
static char *
describe_filter (CrmStore                 *store,
                 const CrmCustomerFilter  *filter,
                 GError                  **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter->category_ids != NULL)
    {
      g_autofree char *names = crm_export_lookup_category_names (store, filter->category_ids,
                                                                 MAX_CATEGORY_NAMES, error);

      if (names == NULL)
        return NULL;
      add_part (parts, _("Category"), *names != '\0' ? names : _("none"));
    }
  if (filter->status >= 0)
    add_part (parts, _("Status"), crm_customer_status_label (filter->status));
  if (!crm_text_is_blank (filter->province_code))
    {
      const CrmProvince *province = crm_province_get (filter->province_code);

      add_part (parts, _("Province"), province != NULL ? province->short_name : filter->province_code);
    }
  if (!crm_text_is_blank (filter->industry))
    add_part (parts, _("Industry"), filter->industry);
  if (!crm_text_is_blank (filter->source))
    add_part (parts, _("Source channel"), source_label (filter->source));
  if (filter->assigned_to > 0)
    {
      g_autofree char *owner = crm_export_lookup_user_name (store, filter->assigned_to, error);

      if (owner == NULL)
        return NULL;
      add_part (parts, _("Owner"), owner);
    }
  if (!crm_text_is_blank (filter->search))
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", filter->search);

      add_part (parts, _("Search"), quoted);
    }
  if (parts->len == 0)
    return g_strdup (_("All customers"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static gboolean
add_subtitles (CrmExportTable           *table,
               CrmStore                 *store,
               CrmSession               *session,
               const CrmCustomerFilter  *filter,
               gint64                    n_total,
               GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *company = crm_settings_get (store, COMPANY_NAME_KEY, &local_error);
  g_autofree char *description = NULL;
  g_autofree char *count = crm_money_format_plain (n_total);
  g_autofree char *count_line = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!(description = describe_filter (store, filter, error)))
    return FALSE;
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", n_total),
                                count);
  stamp = g_date_time_format (now, "%d/%m/%Y %H:%M");
  exported = g_strdup_printf (_("Exported by %s on %s"), crm_session_get_full_name (session), stamp);

  if (!crm_text_is_blank (company))
    crm_export_table_add_subtitle (table, g_strstrip (company));
  crm_export_table_add_subtitle (table, description);
  crm_export_table_add_subtitle (table, count_line);
  crm_export_table_add_subtitle (table, exported);
  return TRUE;
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
    [COLUMN_CODE] = { N_("Code"), CRM_EXPORT_TEXT, 11 },
    [COLUMN_NAME] = { N_("Name"), CRM_EXPORT_TEXT, 28 },
    [COLUMN_KIND] = { N_("Kind"), CRM_EXPORT_TEXT, 12 },
    [COLUMN_PHONE] = { N_("Phone"), CRM_EXPORT_TEXT, 13 },
    [COLUMN_PROVINCE] = { N_("Province"), CRM_EXPORT_TEXT, 14 },
    [COLUMN_STATUS] = { N_("Status"), CRM_EXPORT_TEXT, 11 },
    [COLUMN_OWNER] = { N_("Owner"), CRM_EXPORT_TEXT, 19 },
    [COLUMN_LAST_CONTACT] = { N_("Last contact"), CRM_EXPORT_DATE, 11 },
    [COLUMN_REVENUE] = { N_("Revenue"), CRM_EXPORT_MONEY, 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind, columns[i].width,
                                 CRM_EXPORT_ALIGN_AUTO);
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_customer_export_table:
 * @filter: (nullable): what the list shows; %NULL for every customer
 *
 * The customer list as a table for any writer (or for printing): code,
 * name, kind, phone, province, status, owner, last contact, revenue, in
 * the list's order, with the company, the filter in words, the count and
 * who exported it when under the title.  Rows are read from @store a
 * page at a time while the table is written.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_customer_export_table (CrmStore                 *store,
                           CrmSession               *session,
                           const CrmCustomerFilter  *filter,
                           GError                  **error)
{
  g_autoptr(CrmCustomerFilter) own_filter = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  CustomerSource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  own_filter = filter != NULL ? crm_customer_filter_copy (filter) : crm_customer_filter_new ();
  if ((n_total = crm_customer_query_count (store, session, own_filter, error)) < 0)
    return NULL;

  table = crm_export_table_new (_("Customer list"));
  if (!add_subtitles (table, store, session, own_filter, n_total, error))
    return NULL;
  add_columns (table);

  source = g_new0 (CustomerSource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->filter = g_steal_pointer (&own_filter);
  source->n_total = n_total;
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_customers, fill_customer,
                                     source, customer_source_free);
  return g_steal_pointer (&table);
}

/**
 * crm_customer_export:
 * @filter: (nullable): what the list shows; %NULL for every customer
 * @format: spreadsheet or PDF
 * @dest: the file to create or replace
 * @n_rows: (out) (optional): how many customers were written
 *
 * Writes the customer list to @dest, if @session may export
 * (%CRM_PERMISSION_ERROR otherwise), and records the export in the audit
 * log before the file appears.  On failure @dest is left as it was.
 * Runs in the calling thread; see crm_customer_export_async().
 */
gboolean
crm_customer_export (CrmStore                 *store,
                     CrmSession               *session,
                     const CrmCustomerFilter  *filter,
                     CrmExportFormat           format,
                     GFile                    *dest,
                     GCancellable             *cancellable,
                     guint64                  *n_rows,
                     GError                  **error)
{
  g_autoptr(CrmExportTable) table = NULL;
  g_autoptr(CrmExportTarget) target = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  if (!crm_store_check_may_export (store, session, error) ||
      !(target = crm_export_target_new (dest, error)) ||
      !(table = crm_customer_export_table (store, session, filter, error)) ||
      !crm_export_write_target (table, format, target, cancellable, error) ||
      !crm_store_audit_export (store, session, AUDIT_ENTITY, crm_export_target_get_path (target),
                               crm_export_table_get_n_rows_read (table), error) ||
      !crm_export_target_commit (target, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = crm_export_table_get_n_rows_read (table);
  return TRUE;
}

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->reader);
  g_clear_object (&job->session);
  g_clear_pointer (&job->filter, crm_customer_filter_free);
  g_clear_pointer (&job->target, crm_export_target_free);
  g_free (job);
}

/* In a worker thread, on the job's own read-only connection. */
static void
write_customers_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(CrmExportTable) table = NULL;
  GError *error = NULL;

  crm_store_set_cancellable (job->reader, cancellable);
  if (!(table = crm_customer_export_table (job->reader, job->session, job->filter, &error)) ||
      !crm_export_write_target (table, job->format, job->target, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->n_rows = crm_export_table_get_n_rows_read (table);
  g_task_return_boolean (task, TRUE);
}

/* Back in the caller's thread: the audit row goes through the store's
 * own connection, then the file appears. */
static void
on_customers_written_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CrmStore *store = CRM_STORE (source_object);
  g_autoptr(GTask) task = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !crm_store_audit_export (store, job->session, AUDIT_ENTITY, crm_export_target_get_path (job->target),
                               job->n_rows, &error) ||
      !crm_export_target_commit (job->target, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&job->n_rows, sizeof job->n_rows), g_free);
}

/**
 * crm_customer_export_async:
 *
 * crm_customer_export() without blocking: the rows are read on a second,
 * read-only connection and written in a worker thread; @callback runs in
 * the thread-default main context of the caller.
 */
void
crm_customer_export_async (CrmStore                 *store,
                           CrmSession               *session,
                           const CrmCustomerFilter  *filter,
                           CrmExportFormat           format,
                           GFile                    *dest,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  ExportJob *job;
  GError *error = NULL;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (dest));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_customer_export_async);

  job = g_new0 (ExportJob, 1);
  job->session = g_object_ref (session);
  job->filter = filter != NULL ? crm_customer_filter_copy (filter) : crm_customer_filter_new ();
  job->format = format;
  if (!crm_store_check_may_export (store, session, &error) ||
      !(job->target = crm_export_target_new (dest, &error)) ||
      !(job->reader = crm_store_open_reader (store, &error)))
    {
      export_job_free (job);
      g_task_return_error (task, error);
      return;
    }

  worker = g_task_new (store, cancellable, on_customers_written_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, write_customers_thread);
  g_task_set_task_data (worker, job, export_job_free);
  g_task_run_in_thread (worker, write_customers_thread);
}

/**
 * crm_customer_export_finish:
 * @n_rows: (out) (optional): how many customers were written
 */
gboolean
crm_customer_export_finish (CrmStore      *store,
                            GAsyncResult  *result,
                            guint64       *n_rows,
                            GError       **error)
{
  g_autofree guint64 *written = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_customer_export_async, FALSE);

  if (!(written = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = *written;
  return TRUE;
}
