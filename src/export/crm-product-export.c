/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-product-export"

#include "config.h"

#include "crm-product-export.h"

#include <glib/gi18n-lib.h>

#include "crm-money.h"
#include "crm-text.h"

/* The product list as a document: the rows the Products page shows for
 * the same filter (the same query, so the same order and the cost as the
 * user may see it), a page at a time, with the filter in words under the
 * title.  The cost column is there only for users who may see costs. */

#define PAGE_SIZE    1000
#define AUDIT_ENTITY "product"

typedef enum
{
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_UNIT,
  COLUMN_LIST_PRICE,
  COLUMN_COST_PRICE,
  COLUMN_VAT,
  COLUMN_CATEGORY,
  COLUMN_ACTIVE,
  N_COLUMNS
} Column;

typedef struct
{
  CrmStore         *store;
  CrmSession       *session;
  CrmProductFilter *filter;
  guint             columns[N_COLUMNS];   /* table column of each, G_MAXUINT when left out */
} ProductSource;

/* Rows ------------------------------------------------------------------------ */

static void
product_source_free (gpointer data)
{
  ProductSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_clear_pointer (&source->filter, crm_product_filter_free);
  g_free (source);
}

static GPtrArray *
fetch_products (gpointer   user_data,
                guint      offset,
                guint      limit,
                GError   **error)
{
  ProductSource *source = user_data;

  return crm_product_store_fetch (source->store, source->session, source->filter, offset, limit, error);
}

static void
fill_product (gpointer      user_data,
              gpointer      item,
              CrmExportRow *row)
{
  ProductSource *source = user_data;
  CrmProduct *product = item;
  g_autofree char *vat = crm_rate_format (crm_product_get_vat_rate_bp (product));

  crm_export_row_set_text (row, source->columns[COLUMN_CODE], crm_product_get_code (product));
  crm_export_row_set_text (row, source->columns[COLUMN_NAME], crm_product_get_name (product));
  crm_export_row_set_text (row, source->columns[COLUMN_UNIT], crm_product_get_unit (product));
  crm_export_row_set_number (row, source->columns[COLUMN_LIST_PRICE], crm_product_get_list_price (product));
  if (source->columns[COLUMN_COST_PRICE] != G_MAXUINT && !crm_product_get_cost_hidden (product))
    crm_export_row_set_number (row, source->columns[COLUMN_COST_PRICE], crm_product_get_cost_price (product));
  crm_export_row_set_text (row, source->columns[COLUMN_VAT], vat);
  if (crm_product_get_category_name (product) != NULL)
    crm_export_row_set_text (row, source->columns[COLUMN_CATEGORY], crm_product_get_category_name (product));
  crm_export_row_set_text (row, source->columns[COLUMN_ACTIVE],
                           crm_product_get_active (product) ? _("On sale") : _("Off sale"));
}

/* The title block ------------------------------------------------------------- */

static void
add_part (GPtrArray  *parts,
          const char *label,
          const char *value)
{
  g_ptr_array_add (parts, g_strdup_printf ("%s: %s", label, value));
}

static char *
category_name (CrmStore    *store,
               CrmSession  *session,
               gint64       category_id,
               GError     **error)
{
  g_autoptr(GPtrArray) categories = crm_product_store_list_categories (store, session, error);

  if (categories == NULL)
    return NULL;
  for (guint i = 0; i < categories->len; i++)
    {
      const CrmProductCategory *category = g_ptr_array_index (categories, i);

      if (category->id == category_id)
        return g_strdup (category->name);
    }
  return g_strdup ("?");
}

/* "Search: …; Category: …; On sale only", or "The whole catalogue". */
static char *
describe_filter (CrmStore                *store,
                 CrmSession              *session,
                 const CrmProductFilter  *filter,
                 GError                 **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (!crm_text_is_blank (filter->search))
    add_part (parts, _("Search"), filter->search);
  if (filter->category_id > 0)
    {
      g_autofree char *name = category_name (store, session, filter->category_id, error);

      if (name == NULL)
        return NULL;
      add_part (parts, _("Product category"), name);
    }
  if (filter->active == 1)
    g_ptr_array_add (parts, g_strdup (_("Products on sale only")));
  else if (filter->active == 0)
    g_ptr_array_add (parts, g_strdup (_("Products off sale only")));
  if (parts->len == 0)
    return g_strdup (_("The whole catalogue"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static gboolean
add_subtitles (CrmExportTable          *table,
               CrmStore                *store,
               CrmSession              *session,
               const CrmProductFilter  *filter,
               gint64                   n_total,
               GError                 **error)
{
  g_autofree char *description = NULL;
  g_autofree char *count = crm_money_format_plain (n_total);
  g_autofree char *count_line = NULL;

  if (!(description = describe_filter (store, session, filter, error)))
    return FALSE;
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s product", "%s products", n_total), count);
  return crm_export_add_title_block (table, store, session, description, count_line, error);
}

static void
add_columns (CrmExportTable *table,
             ProductSource  *source,
             gboolean        with_cost)
{
  static const struct
  {
    const char    *heading;
    CrmExportKind  kind;
    double         width;
  } columns[N_COLUMNS] = {
    [COLUMN_CODE] = { N_("Code"), CRM_EXPORT_TEXT, 12 },
    [COLUMN_NAME] = { N_("Name"), CRM_EXPORT_TEXT, 36 },
    [COLUMN_UNIT] = { N_("Unit"), CRM_EXPORT_TEXT, 8 },
    [COLUMN_LIST_PRICE] = { N_("List price"), CRM_EXPORT_MONEY, 15 },
    [COLUMN_COST_PRICE] = { N_("Cost price"), CRM_EXPORT_MONEY, 15 },
    [COLUMN_VAT] = { N_("VAT"), CRM_EXPORT_TEXT, 7 },
    [COLUMN_CATEGORY] = { N_("Product category"), CRM_EXPORT_TEXT, 22 },
    [COLUMN_ACTIVE] = { N_("Status"), CRM_EXPORT_TEXT, 10 },
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (i == COLUMN_COST_PRICE && !with_cost)
        {
          source->columns[i] = G_MAXUINT;
          continue;
        }
      source->columns[i] = crm_export_table_add_column (table, _(columns[i].heading), columns[i].kind,
                                                        columns[i].width,
                                                        i == COLUMN_VAT ? CRM_EXPORT_ALIGN_END
                                                                        : CRM_EXPORT_ALIGN_AUTO);
    }
}

/* Public API -------------------------------------------------------------------- */

/**
 * crm_product_export_table:
 * @filter: (nullable): what the Products page shows; %NULL for every
 *   product by name
 *
 * The product list as a table for any writer: code, name, unit, list
 * price, the cost price (only when @session may see costs), VAT rate,
 * category and whether on sale, in the list's order, with the company,
 * the filter in words, the count and who exported it when on top.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_product_export_table (CrmStore                *store,
                          CrmSession              *session,
                          const CrmProductFilter  *filter,
                          GError                 **error)
{
  g_autoptr(CrmProductFilter) own_filter = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  ProductSource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  own_filter = filter != NULL ? crm_product_filter_copy (filter) : crm_product_filter_new ();
  if ((n_total = crm_product_store_count (store, session, own_filter, error)) < 0)
    return NULL;

  table = crm_export_table_new (_("Product list"));
  if (!add_subtitles (table, store, session, own_filter, n_total, error))
    return NULL;

  source = g_new0 (ProductSource, 1);
  add_columns (table, source, crm_session_may (session, CRM_PERMISSION_SEE_COST));
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->filter = g_steal_pointer (&own_filter);
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_products, fill_product, source,
                                     product_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_product_export_table (store, session, filter, error);
}

static const CrmExportSpec product_export = {
  .what = AUDIT_ENTITY,
  .build = build_table,
  .check = NULL,
};

/**
 * crm_product_export:
 * @filter: (nullable): what the Products page shows
 * @n_rows: (out) (optional): how many products were written
 *
 * Writes the product list to @dest if @session may export
 * (%CRM_PERMISSION_ERROR otherwise), and records the export in the audit
 * log before the file appears.  On failure @dest is left as it was.
 * Runs in the calling thread; see crm_product_export_async().
 */
gboolean
crm_product_export (CrmStore                *store,
                    CrmSession              *session,
                    const CrmProductFilter  *filter,
                    CrmExportFormat          format,
                    GFile                   *dest,
                    GCancellable            *cancellable,
                    guint64                 *n_rows,
                    GError                 **error)
{
  return crm_export_run (&product_export, store, session, filter, format, dest, cancellable, n_rows, error);
}

/**
 * crm_product_export_async:
 *
 * crm_product_export() without blocking, as crm_export_run_async().
 */
void
crm_product_export_async (CrmStore                *store,
                          CrmSession              *session,
                          const CrmProductFilter  *filter,
                          CrmExportFormat          format,
                          GFile                   *dest,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  crm_export_run_async (&product_export, store, session,
                        filter != NULL ? crm_product_filter_copy (filter) : crm_product_filter_new (),
                        (GDestroyNotify) crm_product_filter_free, format, dest, cancellable,
                        crm_product_export_async, callback, user_data);
}

/**
 * crm_product_export_finish:
 * @n_rows: (out) (optional): how many products were written
 */
gboolean
crm_product_export_finish (CrmStore      *store,
                           GAsyncResult  *result,
                           guint64       *n_rows,
                           GError       **error)
{
  return crm_export_run_finish (store, result, crm_product_export_async, n_rows, error);
}
