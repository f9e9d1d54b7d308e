-- SPDX-License-Identifier: GPL-3.0-or-later
-- Sổ Khách schema, version 4: the work calendar's recurrence on chosen
-- weekdays, the reminders that were shown, and when each user's reminders
-- were last looked at (so those missed while the application was closed
-- are shown on the next start).

-- Weekdays of a weekly recurrence, bit 0 Monday to bit 6 Sunday; 0 means
-- the weekday of the event's start.
ALTER TABLE events ADD COLUMN recur_weekdays INTEGER NOT NULL DEFAULT 0
  CHECK (recur_weekdays BETWEEN 0 AND 127);

-- An event's reminders are rows with event_id and offset_minutes set and
-- no ref_kind.  Each time one is shown to someone, a row with ref_kind
-- 'occurrence' records it: ref_id is the reminder, occurrence_at the start
-- of the occurrence it was for, fired_at when it was shown; snoozed_until
-- and dismissed_at follow what the person did with it.
ALTER TABLE reminders ADD COLUMN occurrence_at TEXT;
CREATE UNIQUE INDEX reminders_shown ON reminders (ref_id, occurrence_at, user_id)
  WHERE ref_kind = 'occurrence';
CREATE INDEX reminders_user ON reminders (user_id, snoozed_until);

CREATE TABLE reminder_runs (
  user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  last_run_at  TEXT NOT NULL
);

-- The calendar reads a range of days: recurring series separately (few),
-- and the open to-dos of the day's plan.
CREATE INDEX events_recurring ON events (starts_at) WHERE recur_freq IS NOT NULL;
CREATE INDEX events_open ON events (starts_at) WHERE done = 0;
