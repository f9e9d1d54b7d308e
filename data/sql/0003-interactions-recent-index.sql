-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: the latest entries of the history over every customer
-- (the overview's "recent contacts") walk this index backwards and stop at
-- the LIMIT instead of sorting every interaction (1 000 000 interactions:
-- 250-450 ms without, about 1 ms with).
CREATE INDEX interactions_recent ON interactions (occurred_at);
