/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-campaign-export"

#include "config.h"

#include "crm-campaign-export.h"

#include <glib/gi18n-lib.h>

#include "crm-campaign-store.h"
#include "crm-customer.h"
#include "crm-money.h"

/* A campaign's member list as a document: the rows the members pane
 * shows (the same query, so the same visibility and order), a page at a
 * time, with the campaign under the title.  Audited as any export. */

#define PAGE_SIZE 1000

enum
{
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_STATUS,
  COLUMN_RESPONSE,
  COLUMN_OPPORTUNITY,
  COLUMN_ORDER,
};

typedef struct
{
  CrmStore   *store;
  CrmSession *session;
  gint64      campaign_id;
} MemberSource;

static void
member_source_free (gpointer data)
{
  MemberSource *source = data;

  g_clear_object (&source->store);
  g_clear_object (&source->session);
  g_free (source);
}

static GPtrArray *
fetch_members (gpointer   user_data,
               guint      offset,
               guint      limit,
               GError   **error)
{
  MemberSource *source = user_data;

  return crm_campaign_store_fetch_members (source->store, source->session, source->campaign_id,
                                           offset, limit, error);
}

static void
fill_member (gpointer      user_data,
             gpointer      item,
             CrmExportRow *row)
{
  CrmCampaignMember *member = item;
  CrmCustomerStatus status;

  crm_export_row_set_text (row, COLUMN_CODE, member->customer_code);
  crm_export_row_set_text (row, COLUMN_NAME, member->customer_name);
  if (crm_customer_status_from_string (member->customer_status, &status))
    crm_export_row_set_text (row, COLUMN_STATUS, crm_customer_status_label (status));
  crm_export_row_set_text (row, COLUMN_RESPONSE, crm_campaign_response_label (member->response));
  if (member->opportunity_title != NULL)
    crm_export_row_set_text (row, COLUMN_OPPORTUNITY, member->opportunity_title);
  if (member->order_code != NULL)
    crm_export_row_set_text (row, COLUMN_ORDER, member->order_code);
}

static void
add_columns (CrmExportTable *table)
{
  static const struct
  {
    const char *heading;
    double      width;
  } columns[] = {
    [COLUMN_CODE] = { N_("Code"), 12 },
    [COLUMN_NAME] = { N_("Customer"), 32 },
    [COLUMN_STATUS] = { N_("Status"), 14 },
    [COLUMN_RESPONSE] = { N_("Response"), 16 },
    [COLUMN_OPPORTUNITY] = { N_("Opportunity"), 28 },
    [COLUMN_ORDER] = { N_("Order"), 14 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    crm_export_table_add_column (table, _(columns[i].heading), CRM_EXPORT_TEXT, columns[i].width,
                                 CRM_EXPORT_ALIGN_AUTO);
}

/**
 * crm_campaign_export_table:
 *
 * The members of @campaign_id that @session may see, as a table for any
 * writer, titled with the campaign's name, channel and period.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CrmExportTable *
crm_campaign_export_table (CrmStore    *store,
                           CrmSession  *session,
                           gint64       campaign_id,
                           GError     **error)
{
  g_autoptr(CrmCampaign) campaign = NULL;
  g_autoptr(CrmExportTable) table = NULL;
  g_autofree char *period = NULL;
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_line = NULL;
  MemberSource *source;
  gint64 n_total;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(campaign = crm_campaign_store_get (store, session, campaign_id, error)))
    return NULL;
  n_total = crm_campaign_store_count_members (store, session, campaign_id, error);
  if (error != NULL && *error != NULL)
    return NULL;

  title = g_strdup_printf (_("Campaign members: %s"), campaign->name);
  table = crm_export_table_new (title);
  period = crm_campaign_format_period (campaign);
  description = *period != '\0'
                ? g_strdup_printf ("%s; %s", crm_campaign_channel_label (campaign->channel), period)
                : g_strdup (crm_campaign_channel_label (campaign->channel));
  count = crm_money_format_plain (n_total);
  count_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s member", "%s members", n_total), count);
  if (!crm_export_add_title_block (table, store, session, description, count_line, error))
    return NULL;
  add_columns (table);

  source = g_new0 (MemberSource, 1);
  source->store = g_object_ref (store);
  source->session = g_object_ref (session);
  source->campaign_id = campaign_id;
  crm_export_table_set_paged_source (table, PAGE_SIZE, fetch_members, fill_member, source, member_source_free);
  return g_steal_pointer (&table);
}

static CrmExportTable *
build_table (CrmStore       *store,
             CrmSession     *session,
             gconstpointer   filter,
             GError        **error)
{
  return crm_campaign_export_table (store, session, *(const gint64 *) filter, error);
}

static const CrmExportSpec campaign_export = {
  .what = "campaign",
  .build = build_table,
  .check = NULL,
};

gboolean
crm_campaign_export (CrmStore         *store,
                     CrmSession       *session,
                     gint64            campaign_id,
                     CrmExportFormat   format,
                     GFile            *dest,
                     GCancellable     *cancellable,
                     guint64          *n_rows,
                     GError          **error)
{
  return crm_export_run (&campaign_export, store, session, &campaign_id, format, dest, cancellable,
                         n_rows, error);
}

void
crm_campaign_export_async (CrmStore            *store,
                           CrmSession          *session,
                           gint64               campaign_id,
                           CrmExportFormat      format,
                           GFile               *dest,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  crm_export_run_async (&campaign_export, store, session, g_memdup2 (&campaign_id, sizeof campaign_id),
                        g_free, format, dest, cancellable, crm_campaign_export_async, callback, user_data);
}

gboolean
crm_campaign_export_finish (CrmStore      *store,
                            GAsyncResult  *result,
                            guint64       *n_rows,
                            GError       **error)
{
  return crm_export_run_finish (store, result, crm_campaign_export_async, n_rows, error);
}
