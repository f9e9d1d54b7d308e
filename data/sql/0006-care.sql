-- SPDX-License-Identifier: GPL-3.0-or-later
-- Sổ Khách schema, version 6: the care tasks generated from the care
-- standards.  One row per standard, customer and due date, kept even when
-- the task itself is deleted, so that a task is never generated twice;
-- the last due date of a periodic standard is where its cadence goes on.

CREATE TABLE care_runs (
  id           INTEGER PRIMARY KEY,
  standard_id  INTEGER NOT NULL REFERENCES care_standards (id) ON DELETE CASCADE,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  due_on       TEXT NOT NULL,
  event_id     INTEGER REFERENCES events (id) ON DELETE SET NULL,
  created_at   TEXT NOT NULL,
  UNIQUE (standard_id, customer_id, due_on)
);
CREATE INDEX care_runs_customer ON care_runs (customer_id);
CREATE INDEX care_runs_event ON care_runs (event_id);

CREATE INDEX care_standards_category ON care_standards (category_id, active);

-- The customers overdue for care read the open care tasks.
CREATE INDEX events_open_care ON events (customer_id, ends_at) WHERE kind = 'care' AND done = 0;
