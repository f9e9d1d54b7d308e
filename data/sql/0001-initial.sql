-- SPDX-License-Identifier: GPL-3.0-or-later
-- Sổ Khách schema, version 1: everything the CRM keeps, so later changes add
-- columns rather than invent tables.  Plain SQL on purpose (a PostgreSQL
-- backend will follow); SQLite-only parts are confined to the search index.
--
-- Conventions: timestamps are ISO-8601 UTC text ('2026-11-23T08:15:00Z'),
-- business dates 'YYYY-MM-DD'; money is INTEGER đồng; rates are INTEGER
-- basis points (1000 = 10 %); quantities are INTEGER thousandths.  Every
-- mutable row carries created_at, updated_at, created_by.

PRAGMA application_id = 1397441096;  -- 'SoKH'

CREATE TABLE teams (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  manager_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  login           TEXT NOT NULL UNIQUE CHECK (length(trim(login)) > 0),
  full_name       TEXT NOT NULL,
  sort_key        TEXT NOT NULL DEFAULT '',
  email           TEXT,
  phone           TEXT,
  role            TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'staff')),
  team_id         INTEGER REFERENCES teams (id) ON DELETE SET NULL,
  password_hash   TEXT,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins   INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  may_export      INTEGER NOT NULL DEFAULT 1 CHECK (may_export IN (0, 1)),
  may_print       INTEGER NOT NULL DEFAULT 1 CHECK (may_print IN (0, 1)),
  may_delete      INTEGER NOT NULL DEFAULT 0 CHECK (may_delete IN (0, 1)),
  may_see_cost    INTEGER NOT NULL DEFAULT 0 CHECK (may_see_cost IN (0, 1)),
  last_sign_in_at TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX users_team ON users (team_id);

-- Company profile and switches, one row per key.
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
);
INSERT INTO settings (key, value, updated_at) VALUES
  ('customer_visibility', 'shared', '1970-01-01T00:00:00Z'),
  ('staff_see_others_transactions', '1', '1970-01-01T00:00:00Z'),
  ('assignment_rule', 'manual', '1970-01-01T00:00:00Z');

-- Number sequences for document codes (KH000001, BG-2026-0042, ...).
CREATE TABLE counters (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
);

-- The office's customer tree, any depth.
CREATE TABLE categories (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES categories (id) ON DELETE RESTRICT,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  sort_key    TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX categories_parent ON categories (parent_id, sort_key);

CREATE TABLE tags (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  created_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE customers (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
  kind             TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
  full_name        TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
  sort_key         TEXT NOT NULL DEFAULT '',
  folded_name      TEXT NOT NULL DEFAULT '',
  birth_date       TEXT,
  gender           TEXT CHECK (gender IS NULL OR gender IN ('male', 'female', 'other')),
  occupation       TEXT,
  street           TEXT,
  ward             TEXT,
  province_code    TEXT,
  tax_code         TEXT,
  website          TEXT,
  industry         TEXT,
  source           TEXT CHECK (source IS NULL OR source IN ('website', 'store', 'referral', 'phone',
                                                           'social', 'marketplace', 'campaign', 'other')),
  status           TEXT NOT NULL DEFAULT 'lead'
                   CHECK (status IN ('lead', 'prospect', 'customer', 'inactive')),
  category_id      INTEGER REFERENCES categories (id) ON DELETE RESTRICT,
  assigned_to      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  needs            TEXT,
  notes            TEXT,
  last_contact_at  TEXT,
  next_contact_due TEXT,
  revenue          INTEGER NOT NULL DEFAULT 0,
  merged_into      INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  row_version      INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX customers_sort ON customers (sort_key, id);
CREATE INDEX customers_assigned ON customers (assigned_to, sort_key);
CREATE INDEX customers_category ON customers (category_id, sort_key);
CREATE INDEX customers_province ON customers (province_code);
CREATE INDEX customers_status ON customers (status);
CREATE INDEX customers_tax_code ON customers (tax_code) WHERE tax_code IS NOT NULL;
CREATE INDEX customers_folded_name ON customers (folded_name, province_code);

CREATE TABLE customer_tags (
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (customer_id, tag_id)
);
CREATE INDEX customer_tags_tag ON customer_tags (tag_id);

CREATE TABLE customer_phones (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  phone        TEXT NOT NULL,
  label        TEXT,
  is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1))
);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id);
CREATE INDEX customer_phones_phone ON customer_phones (phone);

CREATE TABLE customer_emails (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  email        TEXT NOT NULL,
  label        TEXT,
  is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1))
);
CREATE INDEX customer_emails_customer ON customer_emails (customer_id);
CREATE INDEX customer_emails_email ON customer_emails (email);

CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  full_name    TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
  sort_key     TEXT NOT NULL DEFAULT '',
  position     TEXT,
  phone        TEXT,
  email        TEXT,
  is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  notes        TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX contacts_customer ON contacts (customer_id);

-- Files kept inside the database so that one file is the whole backup.
-- The bytes live in their own table so listing attachments never reads them.
CREATE TABLE attachments (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER REFERENCES customers (id) ON DELETE CASCADE,
  owner_kind   TEXT NOT NULL DEFAULT 'customer',
  owner_id     INTEGER,
  file_name    TEXT NOT NULL CHECK (length(file_name) > 0),
  mime_type    TEXT NOT NULL DEFAULT 'application/octet-stream',
  byte_size    INTEGER NOT NULL CHECK (byte_size >= 0),
  description  TEXT,
  thumbnail    BLOB,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX attachments_customer ON attachments (customer_id);
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);

CREATE TABLE attachment_data (
  attachment_id  INTEGER PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
  data           BLOB NOT NULL
);

CREATE TABLE campaigns (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  channel      TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'zalo', 'phone', 'event',
                                                'print', 'social', 'other')),
  starts_on    TEXT,
  ends_on      TEXT,
  budget       INTEGER NOT NULL DEFAULT 0 CHECK (budget >= 0),
  target       TEXT,
  owner_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  notes        TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE interactions (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  contact_id   INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'quote_sent',
                                             'contract_sent', 'chat', 'care_thanks',
                                             'care_survey', 'care_visit', 'care_call', 'note')),
  channel      TEXT,
  occurred_at  TEXT NOT NULL,
  summary      TEXT NOT NULL DEFAULT '',
  outcome      TEXT,
  next_due_on  TEXT,
  ref_kind     TEXT,
  ref_id       INTEGER,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX interactions_customer ON interactions (customer_id, occurred_at);
CREATE INDEX interactions_user ON interactions (user_id, occurred_at);

CREATE TABLE opportunities (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  owner_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
  title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
  stage           TEXT NOT NULL DEFAULT 'new'
                  CHECK (stage IN ('new', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
  lost_reason     TEXT,
  expected_value  INTEGER NOT NULL DEFAULT 0 CHECK (expected_value >= 0),
  probability_bp  INTEGER NOT NULL DEFAULT 1000 CHECK (probability_bp BETWEEN 0 AND 10000),
  expected_close  TEXT,
  campaign_id     INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
  won_at          TEXT,
  lost_at         TEXT,
  row_version     INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX opportunities_customer ON opportunities (customer_id);
CREATE INDEX opportunities_owner_stage ON opportunities (owner_id, stage);

-- VAT rates are dated data: 8 % replaces 10 % for most goods until 2026-12-31.
CREATE TABLE vat_rates (
  id          INTEGER PRIMARY KEY,
  rate_bp     INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  label       TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
INSERT INTO vat_rates (rate_bp, valid_from, valid_to, label) VALUES
  (0,    '2000-01-01', NULL,         '0%'),
  (500,  '2000-01-01', NULL,         '5%'),
  (1000, '2000-01-01', NULL,         '10%'),
  (800,  '2025-07-01', '2026-12-31', '8% (Nghị định 174/2025)');

CREATE TABLE product_categories (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES product_categories (id) ON DELETE RESTRICT,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE products (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  sort_key     TEXT NOT NULL DEFAULT '',
  unit         TEXT NOT NULL DEFAULT '',
  list_price   INTEGER NOT NULL DEFAULT 0 CHECK (list_price >= 0),
  cost_price   INTEGER NOT NULL DEFAULT 0 CHECK (cost_price >= 0),
  vat_rate_bp  INTEGER NOT NULL DEFAULT 1000 CHECK (vat_rate_bp IN (0, 500, 800, 1000)),
  category_id  INTEGER REFERENCES product_categories (id) ON DELETE SET NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  description  TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX products_sort ON products (sort_key);

-- A price list overrides list prices for a customer category or a tag.
CREATE TABLE price_lists (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL CHECK (length(trim(name)) > 0),
  customer_category_id  INTEGER REFERENCES categories (id) ON DELETE CASCADE,
  tag_id                INTEGER REFERENCES tags (id) ON DELETE CASCADE,
  valid_from            TEXT,
  valid_to              TEXT,
  active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  created_by            INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE price_list_items (
  price_list_id  INTEGER NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
  product_id     INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  price          INTEGER NOT NULL CHECK (price >= 0),
  PRIMARY KEY (price_list_id, product_id)
);

CREATE TABLE promotions (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL CHECK (length(trim(name)) > 0),
  product_id            INTEGER REFERENCES products (id) ON DELETE CASCADE,
  product_category_id   INTEGER REFERENCES product_categories (id) ON DELETE CASCADE,
  customer_category_id  INTEGER REFERENCES categories (id) ON DELETE CASCADE,
  discount_kind         TEXT NOT NULL CHECK (discount_kind IN ('percent', 'fixed')),
  discount_value        INTEGER NOT NULL CHECK (discount_value >= 0),
  starts_on             TEXT NOT NULL,
  ends_on               TEXT NOT NULL,
  active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  created_by            INTEGER REFERENCES users (id) ON DELETE SET NULL,
  CHECK (ends_on >= starts_on),
  CHECK (discount_kind <> 'percent' OR discount_value <= 10000)
);

CREATE TABLE quotes (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  customer_id       INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  contact_id        INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  opportunity_id    INTEGER REFERENCES opportunities (id) ON DELETE SET NULL,
  owner_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
  status            TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'sent', 'accepted', 'rejected', 'expired')),
  revision          INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  issue_date        TEXT NOT NULL,
  valid_until       TEXT NOT NULL,
  currency          TEXT NOT NULL DEFAULT 'VND',
  terms             TEXT,
  notes             TEXT,
  subtotal          INTEGER NOT NULL DEFAULT 0,
  discount_total    INTEGER NOT NULL DEFAULT 0,
  vat_total         INTEGER NOT NULL DEFAULT 0,
  grand_total       INTEGER NOT NULL DEFAULT 0,
  accepted_at       TEXT,
  rejected_at       TEXT,
  row_version       INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
  CHECK (valid_until >= issue_date)
);
CREATE INDEX quotes_customer ON quotes (customer_id);
CREATE INDEX quotes_owner_status ON quotes (owner_id, status);

CREATE TABLE quote_lines (
  id               INTEGER PRIMARY KEY,
  quote_id         INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,
  product_id       INTEGER REFERENCES products (id) ON DELETE SET NULL,
  description      TEXT NOT NULL,
  quantity_milli   INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit             TEXT NOT NULL DEFAULT '',
  unit_price       INTEGER NOT NULL CHECK (unit_price >= 0),
  discount_bp      INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  vat_rate_bp      INTEGER NOT NULL DEFAULT 1000 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  price_source     TEXT,
  override_reason  TEXT,
  UNIQUE (quote_id, position)
);

-- Immutable snapshots: one row per saved version of a sent quote.
CREATE TABLE quote_revisions (
  id          INTEGER PRIMARY KEY,
  quote_id    INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  snapshot    TEXT NOT NULL,
  grand_total INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (quote_id, revision)
);

CREATE TABLE quote_sends (
  id              INTEGER PRIMARY KEY,
  quote_id        INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
  revision        INTEGER NOT NULL,
  sent_at         TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  channel         TEXT NOT NULL CHECK (channel IN ('email', 'print', 'hand', 'online')),
  user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
  interaction_id  INTEGER REFERENCES interactions (id) ON DELETE SET NULL
);
CREATE INDEX quote_sends_quote ON quote_sends (quote_id, sent_at);

CREATE TABLE contracts (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  customer_id        INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  quote_id           INTEGER REFERENCES quotes (id) ON DELETE SET NULL,
  owner_id           INTEGER REFERENCES users (id) ON DELETE SET NULL,
  status             TEXT NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'active', 'completed', 'cancelled', 'expired')),
  revision           INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  title              TEXT,
  customer_rep       TEXT,
  customer_rep_title TEXT,
  company_rep        TEXT,
  company_rep_title  TEXT,
  signed_on          TEXT,
  starts_on          TEXT,
  ends_on            TEXT,
  value              INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
  vat_total          INTEGER NOT NULL DEFAULT 0,
  payment_terms      TEXT,
  terms              TEXT,
  row_version        INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  created_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX contracts_customer ON contracts (customer_id);
CREATE INDEX contracts_owner_status ON contracts (owner_id, status);
CREATE INDEX contracts_ends ON contracts (ends_on);

CREATE TABLE contract_lines (
  id              INTEGER PRIMARY KEY,
  contract_id     INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  product_id      INTEGER REFERENCES products (id) ON DELETE SET NULL,
  description     TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit            TEXT NOT NULL DEFAULT '',
  unit_price      INTEGER NOT NULL CHECK (unit_price >= 0),
  discount_bp     INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  vat_rate_bp     INTEGER NOT NULL DEFAULT 1000 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  UNIQUE (contract_id, position)
);

CREATE TABLE contract_instalments (
  id           INTEGER PRIMARY KEY,
  contract_id  INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  due_on       TEXT NOT NULL,
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  paid         INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
  paid_on      TEXT,
  note         TEXT,
  UNIQUE (contract_id, position)
);
CREATE INDEX contract_instalments_due ON contract_instalments (due_on, paid);

CREATE TABLE contract_revisions (
  id           INTEGER PRIMARY KEY,
  contract_id  INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  snapshot     TEXT NOT NULL,
  value        INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (contract_id, revision)
);

CREATE TABLE orders (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  customer_id      INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  contract_id      INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
  quote_id         INTEGER REFERENCES quotes (id) ON DELETE SET NULL,
  campaign_id      INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
  owner_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
  order_date       TEXT NOT NULL,
  promised_on      TEXT,
  delivery_status  TEXT NOT NULL DEFAULT 'pending'
                   CHECK (delivery_status IN ('pending', 'partial', 'delivered', 'cancelled')),
  delivered_on     TEXT,
  subtotal         INTEGER NOT NULL DEFAULT 0,
  discount_total   INTEGER NOT NULL DEFAULT 0,
  vat_total        INTEGER NOT NULL DEFAULT 0,
  grand_total      INTEGER NOT NULL DEFAULT 0,
  notes            TEXT,
  row_version      INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_date ON orders (order_date);
CREATE INDEX orders_owner ON orders (owner_id, order_date);

CREATE TABLE order_lines (
  id              INTEGER PRIMARY KEY,
  order_id        INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  product_id      INTEGER REFERENCES products (id) ON DELETE SET NULL,
  description     TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit            TEXT NOT NULL DEFAULT '',
  unit_price      INTEGER NOT NULL CHECK (unit_price >= 0),
  unit_cost       INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
  discount_bp     INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  vat_rate_bp     INTEGER NOT NULL DEFAULT 1000 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  UNIQUE (order_id, position)
);
CREATE INDEX order_lines_product ON order_lines (product_id);

CREATE TABLE order_deliveries (
  id            INTEGER PRIMARY KEY,
  order_id      INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  delivered_on  TEXT NOT NULL,
  note          TEXT,
  created_at    TEXT NOT NULL,
  created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE events (
  id                INTEGER PRIMARY KEY,
  owner_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('meeting', 'call', 'visit', 'task',
                                                  'deadline', 'care')),
  title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
  starts_at         TEXT NOT NULL,
  ends_at           TEXT NOT NULL,
  all_day           INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
  location          TEXT,
  customer_id       INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  opportunity_id    INTEGER REFERENCES opportunities (id) ON DELETE SET NULL,
  quote_id          INTEGER REFERENCES quotes (id) ON DELETE SET NULL,
  contract_id       INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
  care_case_id      INTEGER REFERENCES care_cases (id) ON DELETE SET NULL,
  notes             TEXT,
  done              INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  done_at           TEXT,
  recur_freq        TEXT CHECK (recur_freq IS NULL OR recur_freq IN ('daily', 'weekly',
                                                                     'monthly', 'yearly')),
  recur_interval    INTEGER NOT NULL DEFAULT 1 CHECK (recur_interval >= 1),
  recur_until       TEXT,
  recur_count       INTEGER CHECK (recur_count IS NULL OR recur_count >= 1),
  row_version       INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
  CHECK (ends_at >= starts_at)
);
CREATE INDEX events_owner_start ON events (owner_id, starts_at);
CREATE INDEX events_customer ON events (customer_id);
CREATE INDEX events_start ON events (starts_at);

CREATE TABLE event_participants (
  event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_participants_user ON event_participants (user_id);

-- Reminders for events and for anything else that falls due
-- (quotes unanswered, contracts ending, instalments, birthdays, care).
CREATE TABLE reminders (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER REFERENCES users (id) ON DELETE CASCADE,
  event_id        INTEGER REFERENCES events (id) ON DELETE CASCADE,
  ref_kind        TEXT,
  ref_id          INTEGER,
  offset_minutes  INTEGER,
  fire_at         TEXT NOT NULL,
  snoozed_until   TEXT,
  fired_at        TEXT,
  dismissed_at    TEXT,
  title           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX reminders_due ON reminders (fired_at, fire_at);
CREATE INDEX reminders_event ON reminders (event_id);

CREATE TABLE care_standards (
  id            INTEGER PRIMARY KEY,
  category_id   INTEGER REFERENCES categories (id) ON DELETE CASCADE,
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  trigger_kind  TEXT NOT NULL CHECK (trigger_kind IN ('contract_signed', 'order_delivered',
                                                      'periodic', 'customer_created')),
  offset_days   INTEGER NOT NULL DEFAULT 0 CHECK (offset_days >= 0),
  every_days    INTEGER CHECK (every_days IS NULL OR every_days >= 1),
  action_kind   TEXT NOT NULL CHECK (action_kind IN ('thanks', 'care_call', 'survey',
                                                     'visit', 'other')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE care_cases (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  assignee_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  standard_id  INTEGER REFERENCES care_standards (id) ON DELETE SET NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('complaint', 'question', 'warranty', 'care_call',
                                             'thanks', 'survey')),
  priority     TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status       TEXT NOT NULL DEFAULT 'new'
               CHECK (status IN ('new', 'in_progress', 'waiting', 'resolved', 'closed')),
  subject      TEXT NOT NULL CHECK (length(trim(subject)) > 0),
  description  TEXT,
  due_on       TEXT,
  resolved_at  TEXT,
  row_version  INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX care_cases_status ON care_cases (status, due_on);
CREATE INDEX care_cases_customer ON care_cases (customer_id);
CREATE INDEX care_cases_assignee ON care_cases (assignee_id, status);

CREATE TABLE care_actions (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES care_cases (id) ON DELETE CASCADE,
  user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
  occurred_at     TEXT NOT NULL,
  note            TEXT NOT NULL,
  interaction_id  INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX care_actions_case ON care_actions (case_id, occurred_at);

CREATE TABLE campaign_members (
  campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  customer_id     INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status          TEXT NOT NULL DEFAULT 'none'
                  CHECK (status IN ('none', 'contacted', 'responded', 'converted')),
  opportunity_id  INTEGER REFERENCES opportunities (id) ON DELETE SET NULL,
  order_id        INTEGER REFERENCES orders (id) ON DELETE SET NULL,
  updated_at      TEXT NOT NULL,
  updated_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_members_customer ON campaign_members (customer_id);

-- Who changed what, written in the same transaction as the change.  Never
-- updated or deleted by the application.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  INTEGER,
  field      TEXT,
  old_value  TEXT,
  new_value  TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;

-- Search: one document per searchable record (customer, contact, quote,
-- contract, order, product), its text folded in C (lower case, no tones,
-- đ -> d) because SQLite's own folding leaves đ and some stacked marks.
-- customer_id lets the store apply visibility with one join.
CREATE TABLE search_docs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('customer', 'contact', 'quote', 'contract',
                                             'order', 'product')),
  ref_id       INTEGER NOT NULL,
  customer_id  INTEGER REFERENCES customers (id) ON DELETE CASCADE,
  code         TEXT NOT NULL DEFAULT '',
  title        TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  UNIQUE (kind, ref_id)
);
CREATE INDEX search_docs_customer ON search_docs (customer_id);

CREATE VIRTUAL TABLE search_fts USING fts5 (
  body,
  content = 'search_docs',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '1 2 3'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs
BEGIN
  INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);
END;

CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs
BEGIN
  INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;

CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs
BEGIN
  INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);
END;
