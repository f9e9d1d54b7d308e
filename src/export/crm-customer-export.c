/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-export"

#include "config.h"

#include "crm-customer-export.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-customer.h"
#include "crm-customer-stream.h"
#include "crm-export-audit.h"
#include "crm-export-lookup.h"
#include "crm-money.h"
#include "crm-province.h"
#include "crm-text.h"
#include "crm-user-store.h"
#include "crm-validate.h"

/* The customer list as a document: the rows the list shows for the same
 * filter (the same filter, visibility and order as its query), streamed
 * from one statement, with the filter described in words under the title.
 * Beside libxlsxwriter's work on 100 000 customers the reading must cost
 * little, so the path from a stored row to its cells allocates nearly
 * nothing and works labels out once. */

#define MAX_CATEGORY_NAMES 3
#define AUDIT_ENTITY       "customer"
/* A last contact outside these years is left empty, as a date typed in
 * the application would be refused (crm_date_parse()). */
#define MIN_YEAR           1900
#define MAX_YEAR           2200
/* GDate's Julian day of 1 January 1970 (day 1 is 1 January of year 1). */
#define UNIX_EPOCH_JULIAN  719163
#define SECONDS_PER_DAY    86400

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

/* The streamed source, with what every row shows worked out once. */
typedef struct
{
  CrmCustomerStream *stream;
  GTimeZone         *zone;         /* where the user is, for the day of a last contact */
  GHashTable        *provinces;    /* code to short name, the codes met so far */
  const char        *person;
  const char        *organisation;
  const char        *statuses[CRM_CUSTOMER_STATUS_INACTIVE + 1];
} CustomerSource;

/* Rows ------------------------------------------------------------------- */

static void
customer_source_free (gpointer data)
{
  CustomerSource *source = data;

  g_clear_pointer (&source->stream, crm_customer_stream_free);
  g_clear_pointer (&source->zone, g_time_zone_unref);
  g_clear_pointer (&source->provinces, g_hash_table_unref);
  g_free (source);
}

static CustomerSource *
customer_source_new (CrmCustomerStream *stream)
{
  CustomerSource *source = g_new0 (CustomerSource, 1);

  source->stream = stream;
  source->zone = g_time_zone_new_local ();
  source->provinces = g_hash_table_new (g_str_hash, g_str_equal);
  source->person = _("Person");
  source->organisation = _("Organisation");
  for (guint i = 0; i < G_N_ELEMENTS (source->statuses); i++)
    source->statuses[i] = crm_customer_status_label (i);
  return source;
}

/* The short name of a province; NULL for none or an unknown code. */
static const char *
province_name (CustomerSource *source,
               const char     *code)
{
  const CrmProvince *province;
  const char *name;

  if (code == NULL)
    return NULL;
  if ((name = g_hash_table_lookup (source->provinces, code)) != NULL)
    return name;
  if ((province = crm_province_get (code)) == NULL)
    return NULL;
  /* Keyed by the table's own code: at most one entry per province. */
  g_hash_table_insert (source->provinces, (gpointer) province->code, (gpointer) province->short_name);
  return province->short_name;
}

static gboolean
parse_digits (const char *text,
              guint       n_digits,
              guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

/* "2026-11-23T08:15:00Z", the form the store writes, to seconds since
 * 1970; FALSE for anything else. */
static gboolean
parse_utc_timestamp (const char *value,
                     gint64     *unix_time)
{
  guint year, month, day, hour, minute, second;
  GDate date;

  if (strlen (value) != 20 || value[4] != '-' || value[7] != '-' || value[10] != 'T' ||
      value[13] != ':' || value[16] != ':' || value[19] != 'Z' ||
      !parse_digits (value, 4, &year) || !parse_digits (value + 5, 2, &month) ||
      !parse_digits (value + 8, 2, &day) || !parse_digits (value + 11, 2, &hour) ||
      !parse_digits (value + 14, 2, &minute) || !parse_digits (value + 17, 2, &second) ||
      hour > 23 || minute > 59 || second > 59 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  *unix_time = ((gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN) * SECONDS_PER_DAY +
               hour * 3600 + minute * 60 + second;
  return TRUE;
}

/* The local day a UTC instant falls on, as g_date_time_to_timezone()
 * works it out; FALSE before the year 1. */
static gboolean
local_day_of (GTimeZone *zone,
              gint64     unix_time,
              GDate     *day)
{
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_time);
  gint64 local = unix_time + g_time_zone_get_offset (zone, interval);
  gint64 julian = local / SECONDS_PER_DAY - (local % SECONDS_PER_DAY < 0) + UNIX_EPOCH_JULIAN;

  if (julian < 1)
    return FALSE;
  g_date_set_julian (day, (guint32) julian);
  return TRUE;
}

/* The business day a last contact falls on where the user is, as the
 * list shows it (crm_day_format()): a plain yyyy-MM-dd as it is, an
 * instant in local time.  The store's own timestamps are worked out
 * here; any other form goes through GLib's ISO 8601 parser. */
static gboolean
last_contact_day (CustomerSource *source,
                  const char     *value,
                  GDate          *day)
{
  guint year, month, date;
  gint64 unix_time;

  g_date_clear (day, 1);
  if (value == NULL)
    return FALSE;
  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-' &&
      parse_digits (value, 4, &year) && parse_digits (value + 5, 2, &month) &&
      parse_digits (value + 8, 2, &date))
    {
      if (!g_date_valid_dmy (date, month, year))
        return FALSE;
      g_date_set_dmy (day, date, month, year);
    }
  else if (parse_utc_timestamp (value, &unix_time))
    {
      if (!local_day_of (source->zone, unix_time, day))
        return FALSE;
    }
  else
    {
      g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (value, NULL);
      g_autoptr(GDateTime) local = instant ? g_date_time_to_timezone (instant, source->zone) : NULL;

      if (local == NULL)
        return FALSE;
      g_date_set_dmy (day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
    }
  return g_date_get_year (day) >= MIN_YEAR && g_date_get_year (day) <= MAX_YEAR;
}

static gboolean
next_customer (gpointer       user_data,
               CrmExportRow  *row,
               GError       **error)
{
  CustomerSource *source = user_data;
  CrmCustomerStreamRow customer;
  g_autofree char *phone = NULL;
  GDate day;

  if (!crm_customer_stream_next (source->stream, &customer, error))
    return FALSE;
  if (customer.phone != NULL)
    phone = crm_phone_format (customer.phone);
  crm_export_row_set_text (row, COLUMN_CODE, customer.code);
  crm_export_row_set_text (row, COLUMN_NAME, customer.full_name);
  crm_export_row_set_text (row, COLUMN_KIND,
                           customer.kind == CRM_CUSTOMER_KIND_PERSON ? source->person : source->organisation);
  crm_export_row_set_text (row, COLUMN_PHONE, phone);
  crm_export_row_set_text (row, COLUMN_PROVINCE, province_name (source, customer.province_code));
  crm_export_row_set_text (row, COLUMN_STATUS, source->statuses[customer.status]);
  crm_export_row_set_text (row, COLUMN_OWNER, customer.owner_name);
  if (last_contact_day (source, customer.last_contact_at, &day))
    crm_export_row_set_day (row, COLUMN_LAST_CONTACT, &day);
  crm_export_row_set_number (row, COLUMN_REVENUE, customer.revenue);
  return TRUE;
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
add_subtitles (CrmExportTable  *table,
               CrmStore        *store,
               CrmSession      *session,
               const CrmCustomerFilter *filter,
               gint64           n_total,
               GError         **error)
{
  g_autofree char *description = NULL;
  g_autofree char *count = crm_money_format_plain (n_total);
  g_autofree char *count_line = NULL;

  if (!(description = describe_filter (store, filter, error)))
    return FALSE;
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", n_total), count);
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
 * who exported it when under the title.  Rows are read from @store while
 * the table is written, by one statement that stays open until the last
 * row has been read or the table is freed.
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
  CrmCustomerStream *stream;
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

  if (!(stream = crm_customer_stream_open (store, session, own_filter, error)))
    return NULL;
  crm_export_table_set_source (table, next_customer, customer_source_new (stream), customer_source_free);
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
static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_customer_export_table (store, session, filter, error);
}

static const CrmExportSpec customer_export = {
  .what = AUDIT_ENTITY,
  .build = build_table,
};

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
  return crm_export_run (&customer_export, store, session, filter, format, dest, cancellable, n_rows, error);
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
  crm_export_run_async (&customer_export, store, session,
                        filter != NULL ? crm_customer_filter_copy (filter) : crm_customer_filter_new (),
                        (GDestroyNotify) crm_customer_filter_free, format, dest, cancellable,
                        crm_customer_export_async, callback, user_data);
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
  return crm_export_run_finish (store, result, crm_customer_export_async, n_rows, error);
}
