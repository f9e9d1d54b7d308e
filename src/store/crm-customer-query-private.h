/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The customer list's filter and orders as SQL, shared by the readers of
 * the list (crm-customer-query.c pages it, crm-customer-stream.c streams
 * it for exports), so that every reader shows exactly the same customers
 * in exactly the same order.
 *
 * Statements are cached by their text, so every query built on these is
 * one of a fixed set of static strings: the filters are parameters that
 * are NULL when unused, and only the order and the presence of a search
 * pick another text.  Nothing a user types ever becomes SQL.  Bind them
 * with _crm_customer_query_bind_filter(). */

#include "crm-customer-query.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* Customers `c` the viewer may see that pass the filter; the orders below
 * also need `LEFT JOIN users u ON u.id = c.assigned_to`. */
#define LIST_FILTERS \
  "c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " " \
  "AND (:status IS NULL OR c.status = :status) " \
  "AND (:province IS NULL OR c.province_code = :province) " \
  "AND (:industry IS NULL OR c.industry = :industry) " \
  "AND (:source IS NULL OR c.source = :source) " \
  "AND (:assigned IS NULL OR c.assigned_to = :assigned) " \
  "AND (:categories IS NULL OR c.category_id IN (SELECT value FROM json_each (:categories))) "

/* CROSS JOIN keeps SQLite from scanning every customer document and
 * running the full-text query once for each. */
#define SEARCH_FILTER \
  "AND c.id IN (SELECT d.ref_id FROM search_fts f CROSS JOIN search_docs d ON d.id = f.rowid " \
  "             WHERE search_fts MATCH :match AND d.kind = 'customer') "

/* sort_key is the Vietnamese order built in C at insert (people by given
 * name); customers_sort (sort_key, id) serves it in both directions.
 * Province codes rank by their place in :provinces, the codes in
 * Vietnamese order of their short names. */
#define STATUS_RANK \
  "CASE c.status WHEN 'lead' THEN 0 WHEN 'prospect' THEN 1 WHEN 'customer' THEN 2 ELSE 3 END"
#define BY_CODE(dir)         "c.code " dir ", c.id " dir
#define BY_NAME(dir)         "c.sort_key " dir ", c.id " dir
#define PROVINCE_RANK        "instr (:provinces, '|' || c.province_code || '|')"
#define BY_PROVINCE(dir)     PROVINCE_RANK " " dir ", " BY_NAME (dir)
#define BY_STATUS(dir)       STATUS_RANK " " dir ", " BY_NAME (dir)
#define BY_OWNER(dir)        "u.sort_key " dir ", " BY_NAME (dir)
#define BY_LAST_CONTACT(dir) "c.last_contact_at " dir ", c.id " dir
#define BY_REVENUE(dir)      "c.revenue " dir ", c.id " dir

/* A [CRM_CUSTOMER_SORT_N][2] table initialiser of sql (filters, order)
 * for every CrmCustomerSort, ascending then descending. */
#define BOTH_WAYS(sql, filters, by) { sql (filters, by ("ASC")), sql (filters, by ("DESC")) }
#define ALL_ORDERS(sql, filters) \
  { \
    BOTH_WAYS (sql, filters, BY_CODE), \
    BOTH_WAYS (sql, filters, BY_NAME), \
    BOTH_WAYS (sql, filters, BY_PROVINCE), \
    BOTH_WAYS (sql, filters, BY_STATUS), \
    BOTH_WAYS (sql, filters, BY_OWNER), \
    BOTH_WAYS (sql, filters, BY_LAST_CONTACT), \
    BOTH_WAYS (sql, filters, BY_REVENUE), \
  }

gboolean  _crm_customer_filter_is_valid    (const CrmCustomerFilter *filter);
char     *_crm_customer_filter_build_match (const CrmCustomerFilter *filter);
void      _crm_customer_query_bind_filter  (sqlite3_stmt            *stmt,
                                            CrmSession              *session,
                                            const CrmCustomerFilter *filter,
                                            const char              *match);

G_END_DECLS
