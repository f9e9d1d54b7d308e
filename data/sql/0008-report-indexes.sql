-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 8: the reports read indexes only.  A report sums the
-- period's orders, order lines and interactions and looks up each one's
-- customer for the visibility, staff, category and province; reading
-- those rows one by one through narrow indexes, with the customer rows
-- beside them, does not fit the page cache on a large database and costs
-- seconds.  Each index below holds what the reports read: the orders'
-- date and owner indexes get their totals, status and customer (same
-- leading columns, so they serve what they served before), the lines and
-- interactions get what is summed or counted, and the customers a narrow
-- index of what the reports filter and group by, looked up by id.
-- The report builders name customers_report and order_lines_report with
-- INDEXED BY: without ANALYZE statistics SQLite would rather look the
-- customer up by rowid.  (100 000 customers, 300 000 orders with 600 000
-- lines, 1 000 000 interactions, a year's sales summary by period as
-- administrator: 5.3 s of CPU before, 0.44 s after.)
DROP INDEX orders_date;
CREATE INDEX orders_date ON orders
  (order_date, delivery_status, customer_id, owner_id, subtotal, discount_total, vat_total, grand_total);
DROP INDEX orders_owner;
CREATE INDEX orders_owner ON orders
  (owner_id, order_date, delivery_status, customer_id, subtotal, discount_total, vat_total, grand_total);
CREATE INDEX orders_campaign ON orders (campaign_id, customer_id, delivery_status, grand_total)
  WHERE campaign_id IS NOT NULL;

CREATE INDEX order_lines_report ON order_lines
  (order_id, product_id, quantity_milli, unit_price, discount_bp, vat_rate_bp, unit_cost);

DROP INDEX interactions_user;
CREATE INDEX interactions_user ON interactions (user_id, occurred_at, kind, customer_id);
DROP INDEX interactions_recent;
CREATE INDEX interactions_recent ON interactions (occurred_at, customer_id);

CREATE INDEX customers_report ON customers
  (id, merged_into, assigned_to, category_id, status, province_code, source, created_at);
