/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-order-store"

#include "config.h"

#include "crm-order-store.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-money.h"
#include "crm-quote-store.h"
#include "crm-search-store.h"
#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-validate.h"

/* Sales orders: codes DH-YYYY-NNNN numbered per year of the order date
 * (the "order-YYYY" counter the demo data uses too), lines with the unit
 * cost captured from the product when the line is ordered, totals
 * computed in C by the quote's rules and stored with the header,
 * deliveries.
 *
 * Life of an order: made directly, from an accepted quote or from an
 * active contract (of the same customer); changed freely while pending or
 * partly delivered; each delivery recorded makes it partly delivered, or
 * delivered when it completes the order; it may be cancelled with a
 * reason until it is delivered.  Delivered and cancelled orders are
 * locked.  Every action bumps row_version, so an editor opened before it
 * cannot save over it.
 *
 * Who: exactly as quotes.  An order is read by whoever sees its customer
 * (CRM_VISIBLE_CUSTOMER) and its owner's transactions
 * (CRM_VISIBLE_TRANSACTION); refused reads look like missing orders.
 * Staff change their own orders and any order of the customers assigned
 * to them; managers and administrators any order they see.  Unit costs
 * read 0 to anyone but administrators and users whose account may see
 * costs (read from the users table, as the product store does). */

#define CODE_PREFIX "DH"

/* Whether the viewer bound with _crm_store_bind_viewer() may read costs. */
#define SEES_COST \
  "coalesce ((SELECT u2.role = 'admin' OR u2.may_see_cost = 1 FROM users u2 WHERE u2.id = :v_uid), 0)"

#define ORDER_COLUMNS \
  "o.id, o.code, o.customer_id, o.contract_id, o.quote_id, o.owner_id, o.order_date, o.promised_on, " \
  "o.delivery_status, o.delivered_on, o.notes, o.row_version, c.code, c.full_name, u.full_name, " \
  "q.code, k.code, o.created_at, o.updated_at, c.assigned_to, NOT " SEES_COST " "

#define ORDER_FROM \
  "FROM orders o JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id " \
  "LEFT JOIN quotes q ON q.id = o.quote_id LEFT JOIN contracts k ON k.id = o.contract_id "

/* The reading rule above, for rows aliased o (orders) and c (customers);
 * bind with _crm_store_bind_viewer(). */
#define VISIBLE_ORDER \
  "(c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", "o.owner_id") ")"

#define ROW_COLUMNS \
  "o.id, o.code, o.customer_id, c.code, c.full_name, o.owner_id, u.full_name, o.order_date, " \
  "o.promised_on, o.delivery_status, o.delivered_on, o.grand_total "

#define ROW_FROM \
  "FROM orders o JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id "

G_DEFINE_BOXED_TYPE (CrmOrderFilter, crm_order_filter, crm_order_filter_copy, crm_order_filter_free)

/* Filters ------------------------------------------------------------------- */

CrmOrderFilter *
crm_order_filter_new (void)
{
  CrmOrderFilter *filter = g_new0 (CrmOrderFilter, 1);

  filter->status = -1;
  filter->sort = CRM_ORDER_SORT_CODE;
  filter->ascending = FALSE;
  return filter;
}

CrmOrderFilter *
crm_order_filter_copy (const CrmOrderFilter *filter)
{
  CrmOrderFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->from_date = g_strdup (filter->from_date);
  copy->to_date = g_strdup (filter->to_date);
  copy->search = g_strdup (filter->search);
  return copy;
}

void
crm_order_filter_free (CrmOrderFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->from_date);
  g_free (filter->to_date);
  g_free (filter->search);
  g_free (filter);
}

gboolean
crm_order_filter_equal (const CrmOrderFilter *a,
                        const CrmOrderFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->status == b->status && a->sort == b->sort && !a->ascending == !b->ascending &&
         g_strcmp0 (a->from_date, b->from_date) == 0 && g_strcmp0 (a->to_date, b->to_date) == 0 &&
         g_strcmp0 (a->search, b->search) == 0;
}

/* Reading ------------------------------------------------------------------- */

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("This order does not exist or is not yours to see."));
}

static CrmOrderStatus
status_of (sqlite3_stmt *stmt,
           int           column)
{
  CrmOrderStatus status = CRM_ORDER_STATUS_PENDING;

  crm_order_status_from_string ((const char *) sqlite3_column_text (stmt, column), &status);
  return status;
}

static CrmOrder *
order_from_row (sqlite3_stmt *stmt,
                gint64       *assigned_to)
{
  CrmOrder *order = crm_order_new ();

  order->id = sqlite3_column_int64 (stmt, 0);
  order->code = _crm_column_text (stmt, 1);
  order->customer_id = sqlite3_column_int64 (stmt, 2);
  order->contract_id = sqlite3_column_int64 (stmt, 3);
  order->quote_id = sqlite3_column_int64 (stmt, 4);
  order->owner_id = sqlite3_column_int64 (stmt, 5);
  order->order_date = _crm_column_text (stmt, 6);
  order->promised_on = _crm_column_text (stmt, 7);
  order->status = status_of (stmt, 8);
  order->delivered_on = _crm_column_text (stmt, 9);
  order->notes = _crm_column_text (stmt, 10);
  order->row_version = sqlite3_column_int64 (stmt, 11);
  order->customer_code = _crm_column_text (stmt, 12);
  order->customer_name = _crm_column_text (stmt, 13);
  order->owner_name = _crm_column_text (stmt, 14);
  order->quote_code = _crm_column_text (stmt, 15);
  order->contract_code = _crm_column_text (stmt, 16);
  order->created_at = _crm_column_text (stmt, 17);
  order->updated_at = _crm_column_text (stmt, 18);
  if (assigned_to != NULL)
    *assigned_to = sqlite3_column_int64 (stmt, 19);
  order->cost_hidden = sqlite3_column_int (stmt, 20) != 0;
  return order;
}

static gboolean
finish_rows (CrmStore      *store,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_lines (CrmStore    *store,
            CrmSession  *session,
            CrmOrder    *order,
            GError     **error)
{
  static const char sql[] =
    "SELECT id, product_id, description, quantity_milli, unit, unit_price, discount_bp, vat_rate_bp, "
    "  CASE WHEN " SEES_COST " THEN unit_cost ELSE 0 END "
    "FROM order_lines WHERE order_id = :order ORDER BY position";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":order", order->id);
  _crm_store_bind_viewer (stmt, session);
  g_ptr_array_set_size (order->lines, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmOrderLine *line = crm_order_line_new ();

      g_free (line->line->unit);
      line->line->id = sqlite3_column_int64 (stmt, 0);
      line->line->product_id = sqlite3_column_int64 (stmt, 1);
      line->line->description = _crm_column_text (stmt, 2);
      line->line->quantity_milli = sqlite3_column_int64 (stmt, 3);
      line->line->unit = _crm_column_text (stmt, 4);
      line->line->unit_price = sqlite3_column_int64 (stmt, 5);
      line->line->discount_bp = sqlite3_column_int (stmt, 6);
      line->line->vat_rate_bp = sqlite3_column_int (stmt, 7);
      line->unit_cost = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (order->lines, line);
    }
  return finish_rows (store, stmt, rc, error);
}

static gboolean
load_deliveries (CrmStore  *store,
                 CrmOrder  *order,
                 GError   **error)
{
  static const char sql[] =
    "SELECT d.id, d.delivered_on, d.note, d.created_at, u.full_name FROM order_deliveries d "
    "LEFT JOIN users u ON u.id = d.created_by WHERE d.order_id = :order ORDER BY d.delivered_on, d.id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":order", order->id);
  g_ptr_array_set_size (order->deliveries, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmOrderDelivery *delivery = crm_order_delivery_new ();

      delivery->id = sqlite3_column_int64 (stmt, 0);
      delivery->delivered_on = _crm_column_text (stmt, 1);
      delivery->note = _crm_column_text (stmt, 2);
      delivery->created_at = _crm_column_text (stmt, 3);
      delivery->created_by_name = _crm_column_text (stmt, 4);
      g_ptr_array_add (order->deliveries, delivery);
    }
  return finish_rows (store, stmt, rc, error);
}

/* The order with its lines and deliveries if @session may read it; the
 * customer's assigned staff for the caller's rights check. */
static CrmOrder *
load_visible (CrmStore    *store,
              CrmSession  *session,
              gint64       order_id,
              gint64      *assigned_to,
              GError     **error)
{
  static const char sql[] =
    "SELECT " ORDER_COLUMNS ORDER_FROM "WHERE o.id = :id AND " VISIBLE_ORDER;
  g_autoptr(CrmOrder) order = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", order_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    order = order_from_row (stmt, assigned_to);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (order == NULL)
    {
      set_not_found (error);
      return NULL;
    }
  if (!load_lines (store, session, order, error) || !load_deliveries (store, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

/**
 * crm_order_store_get:
 *
 * Returns: (transfer full): the order with its lines (costs as @session
 *   may see them), deliveries, customer, owner and source codes, or %NULL
 *   with %CRM_STORE_ERROR_NOT_FOUND when it does not exist or @session may
 *   not read it.
 */
CrmOrder *
crm_order_store_get (CrmStore    *store,
                     CrmSession  *session,
                     gint64       order_id,
                     GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return load_visible (store, session, order_id, NULL, error);
}

/* Checks shared by every change ------------------------------------------------- */

/* Staff change their own orders and those of their own customers. */
static gboolean
require_editor (CrmSession      *session,
                const CrmOrder  *order,
                gint64           assigned_to,
                GError         **error)
{
  gint64 user_id = crm_session_get_user_id (session);

  if (crm_session_get_role (session) != CRM_ROLE_STAFF || order->owner_id == user_id ||
      assigned_to == user_id)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only the order's owner, the customer's assigned staff, a manager or an administrator may change this order."));
  return FALSE;
}

static gboolean
require_unlocked (const CrmOrder  *order,
                  GError         **error)
{
  if (order->status == CRM_ORDER_STATUS_DELIVERED)
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                   _("Order %s was delivered and is locked: it can no longer be changed."), order->code);
      return FALSE;
    }
  if (order->status == CRM_ORDER_STATUS_CANCELLED)
    {
      g_set_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                   _("Order %s was cancelled and is locked: it can no longer be changed."), order->code);
      return FALSE;
    }
  return TRUE;
}

static void
set_conflict (const CrmOrder  *order,
              GError         **error)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
               _("Order %s was changed by someone else after you opened it. Your changes were not saved; reopen the order to see theirs."),
               order->code);
}

/* The order as it is now, if @session may change it; @version, when
 * not 0, is the row_version the caller read it at. */
static CrmOrder *
load_for_change (CrmStore    *store,
                 CrmSession  *session,
                 gint64       order_id,
                 gint64       version,
                 GError     **error)
{
  g_autoptr(CrmOrder) current = NULL;
  gint64 assigned_to = 0;

  if (!(current = load_visible (store, session, order_id, &assigned_to, error)))
    return NULL;
  if (version != 0 && current->row_version != version)
    {
      set_conflict (current, error);
      return NULL;
    }
  if (!require_editor (session, current, assigned_to, error) || !require_unlocked (current, error))
    return NULL;
  return g_steal_pointer (&current);
}

/* The source quote must be one @session reads, of the same customer and
 * accepted; the source contract likewise, and active. */
static gboolean
check_sources (CrmStore        *store,
               CrmSession      *session,
               const CrmOrder  *order,
               GError         **error)
{
  static const char quote_sql[] =
    "SELECT q.customer_id, q.status = 'accepted' FROM quotes q JOIN customers c ON c.id = q.customer_id "
    "WHERE q.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND "
    CRM_VISIBLE_TRANSACTION ("c", "q.owner_id");
  static const char contract_sql[] =
    "SELECT k.customer_id, k.status = 'active' FROM contracts k JOIN customers c ON c.id = k.customer_id "
    "WHERE k.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND "
    CRM_VISIBLE_TRANSACTION ("c", "k.owner_id");
  const struct
  {
    gint64      id;
    const char *sql;
    const char *refused;
  } sources[] = {
    { order->quote_id, quote_sql, _("Only an accepted quote of this customer can become an order.") },
    { order->contract_id, contract_sql, _("Only an active contract of this customer can become an order.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      sqlite3_stmt *stmt;
      gboolean ok = FALSE;
      int rc;

      if (sources[i].id <= 0)
        continue;
      if (!(stmt = _crm_store_prepare (store, sources[i].sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":id", sources[i].id);
      _crm_store_bind_viewer (stmt, session);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        ok = sqlite3_column_int64 (stmt, 0) == order->customer_id && sqlite3_column_int (stmt, 1) != 0;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _crm_store_set_error (store, rc, error);
          return FALSE;
        }
      if (!ok)
        {
          g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE, sources[i].refused);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writing helpers ------------------------------------------------------------------ */

static gboolean
audit_field (CrmStore    *store,
             CrmSession  *session,
             gint64       order_id,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return _crm_store_audit (store, session, "update", "order", order_id, field, old_value, new_value, error);
}

/* The lines for the audit trail, one per row:
 * "Máy in A4 × 2 cái × 1.200.000 ₫ − 5 %, VAT 10 %". */
static char *
lines_summary (const CrmOrder *order)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < order->lines->len; i++)
    {
      const CrmQuoteLine *line = ((CrmOrderLine *) g_ptr_array_index (order->lines, i))->line;
      g_autofree char *quantity = crm_quote_format_quantity (line->quantity_milli);
      g_autofree char *price = crm_money_format (line->unit_price);
      g_autofree char *vat = crm_rate_format (line->vat_rate_bp);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s × %s%s%s × %s", line->description, quantity,
                              line->unit && *line->unit ? " " : "", line->unit ? line->unit : "", price);
      if (line->discount_bp != 0)
        {
          g_autofree char *discount = crm_rate_format (line->discount_bp);
          g_string_append_printf (text, " − %s", discount);
        }
      g_string_append_printf (text, ", VAT %s", vat);
    }
  return g_string_free (text, FALSE);
}

static void
bind_totals (sqlite3_stmt         *stmt,
             const CrmQuoteTotals *totals)
{
  _crm_bind_int64 (stmt, ":subtotal", totals->subtotal);
  _crm_bind_int64 (stmt, ":discount", totals->discount_total);
  _crm_bind_int64 (stmt, ":vat", totals->vat_total);
  _crm_bind_int64 (stmt, ":total", totals->grand_total);
}

/* A stored line's product and cost, to keep the cost a line was ordered at. */
typedef struct
{
  gint64 product_id;
  gint64 unit_cost;
} StoredCost;

static GHashTable *
stored_costs (CrmStore  *store,
              gint64     order_id,
              GError   **error)
{
  static const char sql[] = "SELECT id, product_id, unit_cost FROM order_lines WHERE order_id = :order";
  g_autoptr(GHashTable) costs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":order", order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredCost *cost = g_new0 (StoredCost, 1);
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      cost->product_id = sqlite3_column_int64 (stmt, 1);
      cost->unit_cost = sqlite3_column_int64 (stmt, 2);
      g_hash_table_insert (costs, id, cost);
    }
  if (!finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&costs);
}

/* Lines are replaced as a whole.  A line that already was one of this
 * order's (@kept, by id) keeps its id and, for the same product, the cost
 * it was ordered at; any other line costs what its product costs now.
 * The cost never comes from the caller: a user who may not see costs
 * cannot change them either. */
static gboolean
write_lines (CrmStore    *store,
             CrmOrder    *order,
             GHashTable  *kept,
             GError     **error)
{
  static const char delete_sql[] = "DELETE FROM order_lines WHERE order_id = :order";
  static const char insert_sql[] =
    "INSERT INTO order_lines (id, order_id, position, product_id, description, quantity_milli, unit, "
    "  unit_price, unit_cost, discount_bp, vat_rate_bp) "
    "VALUES (:id, :order, :position, :product, :description, :quantity, :unit, :price, "
    "  coalesce (:cost, (SELECT p.cost_price FROM products p WHERE p.id = :product), 0), :discount, :vat)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, delete_sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":order", order->id);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < order->lines->len; i++)
    {
      CrmQuoteLine *line = ((CrmOrderLine *) g_ptr_array_index (order->lines, i))->line;
      const StoredCost *stored = NULL;
      gboolean keep_cost = FALSE;
      gint64 cost = 0;

      /* Each kept id once: a line duplicated with its id becomes a new one. */
      if (kept != NULL && line->id > 0 && (stored = g_hash_table_lookup (kept, &line->id)) != NULL)
        {
          keep_cost = stored->product_id == line->product_id;
          cost = stored->unit_cost;
          g_hash_table_remove (kept, &line->id);
        }
      else
        line->id = 0;
      if (!(stmt = _crm_store_prepare (store, insert_sql, error)))
        return FALSE;
      _crm_bind_id (stmt, ":id", line->id);
      _crm_bind_int64 (stmt, ":order", order->id);
      _crm_bind_int64 (stmt, ":position", i + 1);
      _crm_bind_id (stmt, ":product", line->product_id);
      _crm_bind_text (stmt, ":description", line->description);
      _crm_bind_int64 (stmt, ":quantity", line->quantity_milli);
      _crm_bind_text (stmt, ":unit", line->unit ? line->unit : "");
      _crm_bind_int64 (stmt, ":price", line->unit_price);
      if (keep_cost)
        _crm_bind_int64 (stmt, ":cost", cost);
      else
        _crm_bind_text (stmt, ":cost", NULL);
      _crm_bind_int64 (stmt, ":discount", line->discount_bp);
      _crm_bind_int64 (stmt, ":vat", line->vat_rate_bp);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
      line->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
    }
  return TRUE;
}

/* Code, its number groups, and whose order it is, as the demo data has it. */
static gboolean
put_search_doc (CrmStore        *store,
                const CrmOrder  *order,
                GError         **error)
{
  g_autofree char *code_terms = crm_text_code_search_terms (order->code);
  g_autofree char *body = g_strjoin (" ", code_terms, order->customer_name, order->customer_code, NULL);

  return _crm_store_put_search_doc (store, "order", order->id, order->customer_id, order->code,
                                    order->customer_name, body, error);
}

/* Swaps the caller's order with the one written, once it is committed:
 * a failed write leaves the caller's copy as it was. */
static void
hand_back (CrmOrder *target,
           CrmOrder *written)
{
  CrmOrder old = *target;

  *target = *written;
  *written = old;
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Creating ---------------------------------------------------------------------------- */

static char *
next_code (CrmStore    *store,
           const char  *order_date,
           GError     **error)
{
  return _crm_store_next_document_code (store, CODE_PREFIX, "order", atoi (order_date), error);
}

static gboolean
insert_order (CrmStore              *store,
              CrmSession            *session,
              CrmOrder              *order,
              const CrmQuoteTotals  *totals,
              const char            *now,
              GError               **error)
{
  static const char sql[] =
    "INSERT INTO orders (code, customer_id, contract_id, quote_id, owner_id, order_date, promised_on, "
    "  delivery_status, subtotal, discount_total, vat_total, grand_total, notes, row_version, "
    "  created_at, updated_at, created_by) "
    "VALUES (:code, :customer, :contract, :quote, :owner, :date, :promised, 'pending', :subtotal, "
    "  :discount, :vat, :total, :notes, 1, :now, :now, :owner)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_totals (stmt, totals);
  _crm_bind_text (stmt, ":code", order->code);
  _crm_bind_int64 (stmt, ":customer", order->customer_id);
  _crm_bind_id (stmt, ":contract", order->contract_id);
  _crm_bind_id (stmt, ":quote", order->quote_id);
  _crm_bind_id (stmt, ":owner", crm_session_get_user_id (session));
  _crm_bind_text (stmt, ":date", order->order_date);
  _crm_bind_text (stmt, ":promised", order->promised_on);
  _crm_bind_text (stmt, ":notes", order->notes);
  _crm_bind_text (stmt, ":now", now);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  order->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  return TRUE;
}

static CrmOrder *
write_create (CrmStore    *store,
              CrmSession  *session,
              CrmOrder    *order,
              GError     **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autofree char *now = _crm_now_utc ();

  g_clear_pointer (&order->customer_name, g_free);
  g_clear_pointer (&order->customer_code, g_free);
  if (!_crm_contact_store_require_customer (store, session, order->customer_id, &order->customer_name,
                                            &order->customer_code, error) ||
      !check_sources (store, session, order, error) ||
      !crm_order_compute_totals (order, &totals, error))
    return NULL;

  g_free (order->code);
  if (!(order->code = next_code (store, order->order_date, error)) ||
      !insert_order (store, session, order, &totals, now, error) ||
      !write_lines (store, order, NULL, error) ||
      !put_search_doc (store, order, error) ||
      !_crm_store_audit (store, session, "create", "order", order->id, NULL, NULL, order->code, error))
    return NULL;
  return load_visible (store, session, order->id, NULL, error);
}

/**
 * crm_order_store_create:
 * @order: (inout): the new order (id 0), validated and normalised; on
 *   success it is replaced by the order as stored (id, code, line ids,
 *   owner, costs as @session may see them); on failure it is left as it
 *   was
 *
 * Makes a pending order for a customer @session may see, owned by the
 * signed-in user.  When it names a source quote (accepted) or contract
 * (active), the source must be the same customer's.  Each line's unit
 * cost is its product's cost price now, whatever the caller put there.
 * With its lines, totals, search document and audit row, all or nothing.
 *
 * Returns: the new id, or 0 on error (%CRM_VALIDATION_ERROR,
 *   %CRM_PERMISSION_ERROR, %CRM_STORE_ERROR).
 */
gint64
crm_order_store_create (CrmStore    *store,
                        CrmSession  *session,
                        CrmOrder    *order,
                        GError     **error)
{
  g_autoptr(CrmOrder) draft = NULL;
  g_autoptr(CrmOrder) written = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (order != NULL, 0);
  g_return_val_if_fail (order->id == 0, 0);

  draft = crm_order_copy (order);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_order_validate (draft, error) || !_crm_store_begin (store, error))
    return 0;
  if (!(written = write_create (store, session, draft, error)) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  hand_back (order, written);
  return order->id;
}

/* Drafts from a source ----------------------------------------------------------------- */

/* The costs of the draft's products as @session may see them. */
static gboolean
fill_costs (CrmStore    *store,
            CrmSession  *session,
            CrmOrder    *order,
            GError     **error)
{
  static const char sql[] =
    "SELECT CASE WHEN " SEES_COST " THEN p.cost_price ELSE 0 END, NOT " SEES_COST " "
    "FROM products p WHERE p.id = :product";
  static const char sees_sql[] = "SELECT NOT " SEES_COST;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sees_sql, error)))
    return FALSE;
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  order->cost_hidden = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < order->lines->len; i++)
    {
      CrmOrderLine *line = g_ptr_array_index (order->lines, i);

      line->unit_cost = 0;
      if (line->line->product_id <= 0)
        continue;
      if (!(stmt = _crm_store_prepare (store, sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":product", line->line->product_id);
      _crm_store_bind_viewer (stmt, session);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        line->unit_cost = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _crm_store_set_error (store, rc, error);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * crm_order_store_draft_from_quote:
 *
 * A new, unsaved order (id 0) for an accepted quote @session may read:
 * its customer and lines, dated today, the quote as its source; unit
 * costs as @session may see them.  Save it with crm_order_store_create().
 *
 * Returns: (transfer full): the draft, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND or %CRM_VALIDATION_ERROR (not accepted)
 */
CrmOrder *
crm_order_store_draft_from_quote (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       quote_id,
                                  GError     **error)
{
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(CrmOrder) order = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(quote = crm_quote_store_get (store, session, quote_id, error)))
    return NULL;
  if (quote->status != CRM_QUOTE_STATUS_ACCEPTED)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Quote %s has not been accepted by the customer: only an accepted quote can become an order."),
                   quote->code);
      return NULL;
    }
  order = crm_order_new ();
  order->customer_id = quote->customer_id;
  order->customer_name = g_strdup (quote->customer_name);
  order->customer_code = g_strdup (quote->customer_code);
  order->quote_id = quote->id;
  order->quote_code = g_strdup (quote->code);
  order->order_date = today_iso ();
  for (guint i = 0; i < quote->lines->len; i++)
    crm_order_add_line (order, crm_order_line_new_from_quote_line (g_ptr_array_index (quote->lines, i)));
  if (!fill_costs (store, session, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

static gboolean
load_contract_lines (CrmStore    *store,
                     CrmOrder    *order,
                     GError     **error)
{
  static const char sql[] =
    "SELECT product_id, description, quantity_milli, unit, unit_price, discount_bp, vat_rate_bp "
    "FROM contract_lines WHERE contract_id = :contract ORDER BY position";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contract", order->contract_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmOrderLine *line = crm_order_add_line (order, crm_order_line_new ());

      g_free (line->line->unit);
      line->line->product_id = sqlite3_column_int64 (stmt, 0);
      line->line->description = _crm_column_text (stmt, 1);
      line->line->quantity_milli = sqlite3_column_int64 (stmt, 2);
      line->line->unit = _crm_column_text (stmt, 3);
      line->line->unit_price = sqlite3_column_int64 (stmt, 4);
      line->line->discount_bp = sqlite3_column_int (stmt, 5);
      line->line->vat_rate_bp = sqlite3_column_int (stmt, 6);
    }
  return finish_rows (store, stmt, rc, error);
}

/**
 * crm_order_store_draft_from_contract:
 *
 * A new, unsaved order (id 0) for an active contract @session may read
 * (its customer and its owner's transactions, as for orders): the
 * contract's customer and lines, dated today, the contract as its source
 * (and the contract's quote, when it came from one).
 *
 * Returns: (transfer full): the draft, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND or %CRM_VALIDATION_ERROR (not active)
 */
CrmOrder *
crm_order_store_draft_from_contract (CrmStore    *store,
                                     CrmSession  *session,
                                     gint64       contract_id,
                                     GError     **error)
{
  static const char sql[] =
    "SELECT k.customer_id, c.full_name, c.code, k.code, k.status FROM contracts k "
    "JOIN customers c ON c.id = k.customer_id "
    "WHERE k.id = :id AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND "
    CRM_VISIBLE_TRANSACTION ("c", "k.owner_id");
  g_autoptr(CrmOrder) order = crm_order_new ();
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", contract_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      order->customer_id = sqlite3_column_int64 (stmt, 0);
      order->customer_name = _crm_column_text (stmt, 1);
      order->customer_code = _crm_column_text (stmt, 2);
      order->contract_code = _crm_column_text (stmt, 3);
      status = _crm_column_text (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This contract does not exist or is not yours to see."));
      return NULL;
    }
  if (g_strcmp0 (status, "active") != 0)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("Contract %s is not active: only an active contract can become an order."),
                   order->contract_code);
      return NULL;
    }
  order->contract_id = contract_id;
  order->order_date = today_iso ();
  if (!load_contract_lines (store, order, error) || !fill_costs (store, session, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

static gint64
create_from_draft (CrmStore    *store,
                   CrmSession  *session,
                   CrmOrder    *draft,
                   const char  *order_date,
                   GError     **error)
{
  if (draft == NULL)
    return 0;
  if (order_date != NULL)
    {
      g_free (draft->order_date);
      draft->order_date = g_strdup (order_date);
    }
  return crm_order_store_create (store, session, draft, error);
}

/**
 * crm_order_store_create_from_quote:
 * @order_date: (nullable): the order's date; %NULL for today
 *
 * Orders what the accepted quote @quote_id says, as it says it (see
 * crm_order_store_draft_from_quote() and crm_order_store_create()).
 *
 * Returns: the new order's id, or 0 with @error set
 */
gint64
crm_order_store_create_from_quote (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       quote_id,
                                   const char  *order_date,
                                   GError     **error)
{
  g_autoptr(CrmOrder) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  draft = crm_order_store_draft_from_quote (store, session, quote_id, error);
  return create_from_draft (store, session, draft, order_date, error);
}

/**
 * crm_order_store_create_from_contract:
 * @order_date: (nullable): the order's date; %NULL for today
 *
 * Orders the lines of the active contract @contract_id.
 *
 * Returns: the new order's id, or 0 with @error set
 */
gint64
crm_order_store_create_from_contract (CrmStore    *store,
                                      CrmSession  *session,
                                      gint64       contract_id,
                                      const char  *order_date,
                                      GError     **error)
{
  g_autoptr(CrmOrder) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  draft = crm_order_store_draft_from_contract (store, session, contract_id, error);
  return create_from_draft (store, session, draft, order_date, error);
}

/* Saving ------------------------------------------------------------------------------ */

static gboolean
update_order (CrmStore              *store,
              const CrmOrder        *order,
              const CrmQuoteTotals  *totals,
              gint64                 version,
              const char            *now,
              GError               **error)
{
  static const char sql[] =
    "UPDATE orders SET order_date = :date, promised_on = :promised, notes = :notes, "
    "  subtotal = :subtotal, discount_total = :discount, vat_total = :vat, grand_total = :total, "
    "  row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id AND row_version = :version";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_totals (stmt, totals);
  _crm_bind_text (stmt, ":date", order->order_date);
  _crm_bind_text (stmt, ":promised", order->promised_on);
  _crm_bind_text (stmt, ":notes", order->notes);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", order->id);
  _crm_bind_int64 (stmt, ":version", version);
  return _crm_store_step_done (store, stmt, error);
}

static gboolean
audit_changes (CrmStore              *store,
               CrmSession            *session,
               const CrmOrder        *old,
               const CrmOrder        *new,
               GError               **error)
{
  g_auto(CrmQuoteTotals) old_totals = { 0 };
  g_auto(CrmQuoteTotals) new_totals = { 0 };
  g_autofree char *old_lines = lines_summary (old);
  g_autofree char *new_lines = lines_summary (new);
  g_autofree char *old_grand = NULL;
  g_autofree char *new_grand = NULL;

  if (!crm_order_compute_totals (old, &old_totals, error) ||
      !crm_order_compute_totals (new, &new_totals, error))
    return FALSE;
  old_grand = g_strdup_printf ("%" G_GINT64_FORMAT, old_totals.grand_total);
  new_grand = g_strdup_printf ("%" G_GINT64_FORMAT, new_totals.grand_total);
  {
    const char *fields[][3] = {
      { "order_date", old->order_date, new->order_date },
      { "promised_on", old->promised_on, new->promised_on },
      { "notes", old->notes, new->notes },
      { "lines", old_lines, new_lines },
      { "grand_total", old_grand, new_grand },
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (!audit_field (store, session, new->id, fields[i][0], fields[i][1], fields[i][2], error))
        return FALSE;
  }
  return TRUE;
}

static CrmOrder *
write_save (CrmStore    *store,
            CrmSession  *session,
            CrmOrder    *order,
            GError     **error)
{
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autoptr(CrmOrder) current = NULL;
  g_autoptr(GHashTable) kept = NULL;
  g_autofree char *now = _crm_now_utc ();

  if (!(current = load_for_change (store, session, order->id, order->row_version, error)))
    return NULL;
  /* An order stays with its customer and its sources. */
  order->customer_id = current->customer_id;
  order->quote_id = current->quote_id;
  order->contract_id = current->contract_id;
  if (crm_order_same_content (current, order))
    return g_steal_pointer (&current);
  if (!crm_order_compute_totals (order, &totals, error) ||
      !(kept = stored_costs (store, order->id, error)) ||
      !write_lines (store, order, kept, error) ||
      !update_order (store, order, &totals, current->row_version, now, error))
    return NULL;
  if (sqlite3_changes (_crm_store_get_db (store)) != 1)
    {
      set_conflict (current, error);
      return NULL;
    }
  if (!audit_changes (store, session, current, order, error))
    return NULL;
  return load_visible (store, session, order->id, NULL, error);
}

/**
 * crm_order_store_save:
 * @order: (inout): the edited order, with the row_version it was read
 *   at; validated and normalised; on success it is replaced by the order
 *   as stored; on failure it is left as it was
 *
 * Saves the header (dates, notes) and the lines, with the totals
 * recomputed here and one audit row per changed field, all or nothing;
 * saving an unchanged order writes nothing.  The customer and the source
 * stay as they are.  Refused with %CRM_STORE_ERROR_CONFLICT when someone
 * changed the order since it was read, %CRM_PERMISSION_ERROR for a
 * delivered or cancelled (locked) order or a user who may not change it,
 * %CRM_STORE_ERROR_NOT_FOUND when it is gone or not visible, and
 * %CRM_VALIDATION_ERROR for bad input.
 */
gboolean
crm_order_store_save (CrmStore    *store,
                      CrmSession  *session,
                      CrmOrder    *order,
                      GError     **error)
{
  g_autoptr(CrmOrder) draft = NULL;
  g_autoptr(CrmOrder) written = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);
  g_return_val_if_fail (order->id > 0, FALSE);

  draft = crm_order_copy (order);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_order_validate (draft, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!(written = write_save (store, session, draft, error)) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  hand_back (order, written);
  return TRUE;
}

/* Delivery status ------------------------------------------------------------------------ */

/* Moves the order to @status (and @delivered_on), with @notes, audited. */
static gboolean
set_status (CrmStore        *store,
            CrmSession      *session,
            const CrmOrder  *order,
            CrmOrderStatus   status,
            const char      *delivered_on,
            const char      *notes,
            GError         **error)
{
  static const char sql[] =
    "UPDATE orders SET delivery_status = :status, delivered_on = :delivered, notes = :notes, "
    "  row_version = row_version + 1, updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":status", crm_order_status_to_string (status));
  _crm_bind_text (stmt, ":delivered", delivered_on);
  _crm_bind_text (stmt, ":notes", notes);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", order->id);
  return _crm_store_step_done (store, stmt, error) &&
         (order->status == status ||
          _crm_store_audit (store, session, "status", "order", order->id, "delivery_status",
                            crm_order_status_to_string (order->status), crm_order_status_to_string (status),
                            error)) &&
         audit_field (store, session, order->id, "notes", order->notes, notes, error);
}

static gboolean
write_delivery (CrmStore    *store,
                CrmSession  *session,
                gint64       order_id,
                const char  *day,
                const char  *note,
                gboolean     completes,
                GError     **error)
{
  static const char sql[] =
    "INSERT INTO order_deliveries (order_id, delivered_on, note, created_at, created_by) "
    "VALUES (:order, :on, :note, :now, :by)";
  CrmOrderStatus status = completes ? CRM_ORDER_STATUS_DELIVERED : CRM_ORDER_STATUS_PARTIAL;
  g_autoptr(CrmOrder) current = NULL;
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;

  if (!(current = load_for_change (store, session, order_id, 0, error)))
    return FALSE;
  g_assert (crm_order_status_can_move (current->status, status));
  if (strcmp (day, current->order_date) < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("The delivery date cannot be before the date of the order."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":order", order_id);
  _crm_bind_text (stmt, ":on", day);
  _crm_bind_text (stmt, ":note", note);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":by", crm_session_get_user_id (session));
  what = note != NULL ? g_strdup_printf ("%s %s", day, note) : g_strdup (day);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "update", "order", order_id, "delivery", NULL, what, error) &&
         set_status (store, session, current, status, completes ? day : NULL, current->notes, error);
}

/**
 * crm_order_store_record_delivery:
 * @delivered_on: the business date of the delivery (ISO or dd/MM/yyyy),
 *   not before the order's date
 * @note: (nullable): what was delivered, by whom…
 * @completes: whether this delivery completes the order
 *
 * Records a delivery of a pending or partly delivered order: the order
 * becomes partly delivered, or delivered (and locked, with its delivery
 * date) when @completes.  Audited, all or nothing.  Refused with
 * %CRM_PERMISSION_ERROR for a locked order or a user who may not change
 * it.
 */
gboolean
crm_order_store_record_delivery (CrmStore    *store,
                                 CrmSession  *session,
                                 gint64       order_id,
                                 const char  *delivered_on,
                                 const char  *note,
                                 gboolean     completes,
                                 GError     **error)
{
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (crm_text_is_blank (delivered_on))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Enter the date of the delivery."));
      return FALSE;
    }
  if (!crm_date_parse (delivered_on, &day, error))
    return FALSE;
  if (!crm_text_is_blank (note))
    text = g_strstrip (g_strdup (note));
  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_delivery (store, session, order_id, day, text, completes, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_cancel (CrmStore    *store,
              CrmSession  *session,
              gint64       order_id,
              const char  *reason,
              GError     **error)
{
  g_autoptr(CrmOrder) current = NULL;
  g_autofree char *line = NULL;
  g_autofree char *notes = NULL;

  if (!(current = load_for_change (store, session, order_id, 0, error)))
    return FALSE;
  line = g_strdup_printf (_("Cancelled: %s"), reason);
  notes = current->notes != NULL ? g_strdup_printf ("%s\n%s", current->notes, line) : g_strdup (line);
  return set_status (store, session, current, CRM_ORDER_STATUS_CANCELLED, NULL, notes, error);
}

/**
 * crm_order_store_cancel:
 * @reason: why, required; appended to the order's notes
 *
 * Cancels a pending or partly delivered order: it is locked from then
 * on.  Audited, all or nothing.
 */
gboolean
crm_order_store_cancel (CrmStore    *store,
                        CrmSession  *session,
                        gint64       order_id,
                        const char  *reason,
                        GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (crm_text_is_blank (reason))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Give the reason for cancelling the order."));
      return FALSE;
    }
  text = g_strstrip (g_strdup (reason));
  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_cancel (store, session, order_id, text, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Lists ------------------------------------------------------------------------------------ */

static CrmOrderRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  CrmOrderRow *row = g_new0 (CrmOrderRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->code = _crm_column_text (stmt, 1);
  row->customer_id = sqlite3_column_int64 (stmt, 2);
  row->customer_code = _crm_column_text (stmt, 3);
  row->customer_name = _crm_column_text (stmt, 4);
  row->owner_id = sqlite3_column_int64 (stmt, 5);
  row->owner_name = _crm_column_text (stmt, 6);
  row->order_date = _crm_column_text (stmt, 7);
  row->promised_on = _crm_column_text (stmt, 8);
  row->status = status_of (stmt, 9);
  row->delivered_on = _crm_column_text (stmt, 10);
  row->grand_total = sqlite3_column_int64 (stmt, 11);
  return row;
}

static GPtrArray *
collect_rows (CrmStore      *store,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_order_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  if (!finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * crm_order_store_list_for_customer:
 *
 * Returns: (transfer full) (element-type CrmOrderRow): the customer's
 *   orders @session may read, newest first, or %NULL with
 *   %CRM_PERMISSION_ERROR when the customer is not visible.
 */
GPtrArray *
crm_order_store_list_for_customer (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       customer_id,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT " ROW_COLUMNS ROW_FROM "WHERE o.customer_id = :customer AND " VISIBLE_ORDER " "
    "ORDER BY o.order_date DESC, o.id DESC";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  return collect_rows (store, stmt, error);
}

#define LIST_FILTERS \
  VISIBLE_ORDER " AND (:status IS NULL OR o.delivery_status = :status) " \
  "AND (:from IS NULL OR o.order_date >= :from) AND (:to IS NULL OR o.order_date <= :to) "

/* CROSS JOIN keeps SQLite from running the full-text query once per order. */
#define SEARCH_FILTER \
  "AND o.id IN (SELECT d.ref_id FROM search_fts f CROSS JOIN search_docs d ON d.id = f.rowid " \
  "             WHERE search_fts MATCH :match AND d.kind = 'order') "

/* Codes share their "DH-YYYY-" prefix within a year; a longer number is a
 * larger one. */
#define ORDER_CODE(dir)   "substr (o.code, 1, 8) " dir ", length (o.code) " dir ", o.code " dir
#define ORDER_STATUS(dir) \
  "CASE o.delivery_status WHEN 'pending' THEN 0 WHEN 'partial' THEN 1 WHEN 'delivered' THEN 2 " \
  "ELSE 3 END " dir ", " ORDER_CODE (dir)

#define PAGE_SQL(filters, order) \
  "SELECT " ROW_COLUMNS ROW_FROM "WHERE " filters "ORDER BY " order ", o.id LIMIT :limit OFFSET :offset"

#define SORTS(filters) \
  { \
    [CRM_ORDER_SORT_CODE] = { PAGE_SQL (filters, ORDER_CODE ("DESC")), PAGE_SQL (filters, ORDER_CODE ("ASC")) }, \
    [CRM_ORDER_SORT_DATE] = { PAGE_SQL (filters, "o.order_date DESC, " ORDER_CODE ("DESC")), \
                              PAGE_SQL (filters, "o.order_date ASC, " ORDER_CODE ("ASC")) }, \
    [CRM_ORDER_SORT_TOTAL] = { PAGE_SQL (filters, "o.grand_total DESC, " ORDER_CODE ("DESC")), \
                               PAGE_SQL (filters, "o.grand_total ASC, " ORDER_CODE ("ASC")) }, \
    [CRM_ORDER_SORT_STATUS] = { PAGE_SQL (filters, ORDER_STATUS ("DESC")), \
                                PAGE_SQL (filters, ORDER_STATUS ("ASC")) }, \
  }

/* One statement per search, sort and direction (descending first):
 * statements are cached by their text, and ORDER BY cannot be bound. */
static const char *const page_sql[2][CRM_ORDER_SORT_N][2] = {
  SORTS (LIST_FILTERS),
  SORTS (LIST_FILTERS SEARCH_FILTER),
};

static const char *const count_sql[2] = {
  "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE " LIST_FILTERS,
  "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE " LIST_FILTERS SEARCH_FILTER,
};

/* The filter's dates as ISO and its search as an FTS query (NULL when
 * there is nothing to look for). */
static gboolean
parse_filter (const CrmOrderFilter  *filter,
              char                 **from,
              char                 **to,
              char                 **match,
              GError               **error)
{
  *from = *to = *match = NULL;
  if ((!crm_text_is_blank (filter->from_date) && !crm_date_parse (filter->from_date, from, error)) ||
      (!crm_text_is_blank (filter->to_date) && !crm_date_parse (filter->to_date, to, error)))
    return FALSE;
  if (!crm_text_is_blank (filter->search))
    *match = crm_search_build_match (filter->search);
  return TRUE;
}

static sqlite3_stmt *
prepare_list (CrmStore              *store,
              CrmSession            *session,
              const CrmOrderFilter  *filter,
              gboolean               page,
              GError               **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *match = NULL;
  guint sort = (guint) filter->sort < CRM_ORDER_SORT_N ? (guint) filter->sort : CRM_ORDER_SORT_CODE;
  sqlite3_stmt *stmt;
  int searching;

  if (!parse_filter (filter, &from, &to, &match, error))
    return NULL;
  searching = match != NULL ? 1 : 0;
  if (!(stmt = _crm_store_prepare (store, page ? page_sql[searching][sort][filter->ascending ? 1 : 0]
                                               : count_sql[searching], error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_text (stmt, ":status", filter->status >= 0 ? crm_order_status_to_string ((CrmOrderStatus) filter->status) : NULL);
  _crm_bind_text (stmt, ":from", from);
  _crm_bind_text (stmt, ":to", to);
  if (searching)
    _crm_bind_text (stmt, ":match", match);
  return stmt;
}

/**
 * crm_order_store_count:
 * @filter: (nullable): what the list shows; %NULL for every order
 *
 * Returns: how many orders @session reads through @filter, for a lazy
 *   list; -1 on error (%CRM_VALIDATION_ERROR for a date that is not one).
 */
gint64
crm_order_store_count (CrmStore              *store,
                       CrmSession            *session,
                       const CrmOrderFilter  *filter,
                       GError               **error)
{
  g_autoptr(CrmOrderFilter) all = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (filter == NULL)
    filter = all = crm_order_filter_new ();
  if (!(stmt = prepare_list (store, session, filter, FALSE, error)))
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_order_store_fetch:
 * @filter: (nullable): what the list shows and in which order
 * @limit: how many at most
 *
 * One page of the orders @session reads through @filter, sorted in SQL.
 *
 * Returns: (transfer full) (element-type CrmOrderRow): the rows
 */
GPtrArray *
crm_order_store_fetch (CrmStore              *store,
                       CrmSession            *session,
                       const CrmOrderFilter  *filter,
                       guint                  offset,
                       guint                  limit,
                       GError               **error)
{
  g_autoptr(CrmOrderFilter) all = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (filter == NULL)
    filter = all = crm_order_filter_new ();
  if (!(stmt = prepare_list (store, session, filter, TRUE, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  return collect_rows (store, stmt, error);
}
