/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-stage"

#include "config.h"

#include "crm-customer-stage.h"

#include <glib/gi18n-lib.h>

#include "crm-care-case.h"
#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-store-private.h"

/* Before, during or after the sale: the stage of one customer, read from
 * its quotes, contracts and orders, and its care actions (care cases and
 * care events) placed in the stage they happened in.
 *
 * A sale starts on the first accepted quote, signed (active or completed)
 * contract or order that was not cancelled; it ends on the last delivery
 * of an order or completion of a contract.  An item dated before the
 * first start is before the sale, one dated on or after the last end is
 * after it, anything else during it.  Timestamps are compared as local
 * dates. */

/* An accepted quote is still being worked on until a completed contract
 * or a delivered order (directly or through its contract) fulfils it. */
#define IN_PROGRESS \
  "(EXISTS (SELECT 1 FROM quotes q WHERE q.customer_id = :customer AND q.status = 'accepted' " \
  "   AND NOT EXISTS (SELECT 1 FROM contracts x WHERE x.quote_id = q.id AND x.status = 'completed') " \
  "   AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.delivery_status = 'delivered' AND " \
  "     (o.quote_id = q.id OR o.contract_id IN (SELECT x.id FROM contracts x WHERE x.quote_id = q.id)))) " \
  " OR EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = :customer AND k.status = 'active') " \
  " OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = :customer " \
  "   AND o.delivery_status IN ('pending', 'partial')))"

#define FINISHED \
  "(EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = :customer AND o.delivery_status = 'delivered') " \
  " OR EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = :customer AND k.status = 'completed'))"

#define FIRST_SALE \
  "(SELECT min (d) FROM (" \
  "  SELECT date (q.accepted_at, 'localtime') AS d FROM quotes q " \
  "    WHERE q.customer_id = :customer AND q.status = 'accepted' AND q.accepted_at IS NOT NULL " \
  "  UNION ALL SELECT coalesce (k.signed_on, k.starts_on, date (k.created_at, 'localtime')) FROM contracts k " \
  "    WHERE k.customer_id = :customer AND k.status IN ('active', 'completed') " \
  "  UNION ALL SELECT o.order_date FROM orders o " \
  "    WHERE o.customer_id = :customer AND o.delivery_status <> 'cancelled'))"

#define LAST_DONE \
  "(SELECT max (d) FROM (" \
  "  SELECT coalesce (o.delivered_on, o.order_date) AS d FROM orders o " \
  "    WHERE o.customer_id = :customer AND o.delivery_status = 'delivered' " \
  "  UNION ALL SELECT coalesce (k.ends_on, date (k.updated_at, 'localtime')) FROM contracts k " \
  "    WHERE k.customer_id = :customer AND k.status = 'completed'))"

void
crm_care_item_free (CrmCareItem *item)
{
  if (item == NULL)
    return;
  g_free (item->date);
  g_free (item->kind_label);
  g_free (item->title);
  g_free (item->status_label);
  g_free (item);
}

/**
 * crm_customer_stage_label:
 *
 * Returns: the translated name of @stage: "Before sale", …
 */
const char *
crm_customer_stage_label (CrmCustomerStage stage)
{
  switch (stage)
    {
    case CRM_CUSTOMER_STAGE_BEFORE:
      return C_("sale stage", "Before sale");
    case CRM_CUSTOMER_STAGE_DURING:
      return C_("sale stage", "During sale");
    case CRM_CUSTOMER_STAGE_AFTER:
      return C_("sale stage", "After sale");
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
read_stage (CrmStore         *store,
            gint64            customer_id,
            CrmCustomerStage *stage,
            GError          **error)
{
  static const char sql[] = "SELECT " IN_PROGRESS ", " FINISHED;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 0))
        *stage = CRM_CUSTOMER_STAGE_DURING;
      else if (sqlite3_column_int (stmt, 1))
        *stage = CRM_CUSTOMER_STAGE_AFTER;
      else
        *stage = CRM_CUSTOMER_STAGE_BEFORE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static CrmCareItem *
item_from_row (sqlite3_stmt *stmt)
{
  CrmCareItem *item = g_new0 (CrmCareItem, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 3);
  const char *status = (const char *) sqlite3_column_text (stmt, 5);

  item->is_case = sqlite3_column_int (stmt, 0) != 0;
  item->id = sqlite3_column_int64 (stmt, 1);
  item->date = _crm_column_text (stmt, 2);
  item->title = _crm_column_text (stmt, 4);
  item->done = sqlite3_column_int (stmt, 6) != 0;
  item->stage = (CrmCustomerStage) CLAMP (sqlite3_column_int (stmt, 7), CRM_CUSTOMER_STAGE_BEFORE,
                                          CRM_CUSTOMER_STAGE_AFTER);
  if (item->is_case)
    {
      CrmCareKind care_kind;
      CrmCareStatus care_status;

      item->kind_label = g_strdup (crm_care_kind_from_string (kind, &care_kind)
                                   ? crm_care_kind_label (care_kind) : kind);
      item->status_label = g_strdup (crm_care_status_from_string (status, &care_status)
                                     ? crm_care_status_label (care_status) : status);
    }
  else
    {
      item->kind_label = g_strdup (C_("care item", "Care task"));
      if (item->done)
        item->status_label = g_strdup (C_("care item", "Done"));
      else if (g_strcmp0 (status, "overdue") == 0)
        item->status_label = g_strdup (C_("care item", "Overdue"));
      else
        item->status_label = g_strdup (C_("care item", "To do"));
    }
  return item;
}

static GPtrArray *
read_items (CrmStore   *store,
            CrmSession *session,
            gint64      customer_id,
            GError    **error)
{
  /* Cases and events of the customer as the care store and the calendar
   * show them on a visible customer: another's only when the company lets
   * staff see others' transactions. */
  static const char sql[] =
    "WITH sale (first_on, last_on) AS (SELECT " FIRST_SALE ", " LAST_DONE "), "
    "items (is_case, id, d, kind, title, status, done) AS ("
    "  SELECT 1, k.id, date (k.created_at, 'localtime'), k.kind, k.subject, k.status, "
    "    k.status IN ('resolved', 'closed') "
    "  FROM care_cases k JOIN customers c ON c.id = k.customer_id "
    "  WHERE k.customer_id = :customer AND " CRM_VISIBLE_CUSTOMER ("c") " AND "
    CRM_VISIBLE_TRANSACTION ("c", "k.assignee_id") " "
    "  UNION ALL "
    "  SELECT 0, e.id, date (e.starts_at, 'localtime'), e.kind, e.title, "
    "    CASE WHEN e.done = 0 AND e.ends_at < strftime ('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "      THEN 'overdue' END, e.done "
    "  FROM events e JOIN customers c ON c.id = e.customer_id "
    "  WHERE e.customer_id = :customer AND e.kind = 'care' AND " CRM_VISIBLE_CUSTOMER ("c") " AND "
    CRM_VISIBLE_TRANSACTION ("c", "e.owner_id") ") "
    "SELECT i.is_case, i.id, i.d, i.kind, i.title, i.status, i.done, "
    "  CASE WHEN s.first_on IS NULL OR i.d < s.first_on THEN 0 "
    "       WHEN s.last_on IS NOT NULL AND i.d >= s.last_on THEN 2 ELSE 1 END "
    "FROM items i, sale s ORDER BY i.d, i.is_case DESC, i.id";
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_care_item_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * crm_customer_stage_get:
 * @stage: (out): where the customer is in the sale
 * @care_items: (out) (optional) (transfer full) (element-type CrmCareItem):
 *   the customer's care cases and care events, oldest first, each with
 *   its stage
 *
 * Reads the stage of a customer the session may see; refuses (with
 * CRM_PERMISSION_ERROR) any other.
 */
gboolean
crm_customer_stage_get (CrmStore          *store,
                        CrmSession        *session,
                        gint64             customer_id,
                        CrmCustomerStage  *stage,
                        GPtrArray        **care_items,
                        GError           **error)
{
  CrmCustomerStage found = CRM_CUSTOMER_STAGE_BEFORE;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (customer_id > 0, FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !read_stage (store, customer_id, &found, error))
    return FALSE;
  if (care_items != NULL && !(items = read_items (store, session, customer_id, error)))
    return FALSE;
  *stage = found;
  if (care_items != NULL)
    *care_items = g_steal_pointer (&items);
  return TRUE;
}
