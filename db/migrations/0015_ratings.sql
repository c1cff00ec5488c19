-- Ratings and feedback (issue 12; R-EVAL-1, R-EVAL-2): projections of the journal's rating.* and
-- feedback.* events, keyed by the device that wrote them, so a hub holds its stations' ratings beside
-- its own. One request per ticket, one outcome per request (UNIQUE), like the rule.
CREATE TABLE rating_requests (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  counter_no INTEGER NOT NULL,
  staff_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL UNIQUE,
  ticket_number TEXT,
  requested_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX rating_requests_by_counter ON rating_requests (counter_no, requested_at);

CREATE TABLE ratings (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  counter_no INTEGER NOT NULL,
  staff_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL UNIQUE,
  outcome TEXT NOT NULL,
  reasons TEXT NOT NULL,
  source TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX ratings_by_staff ON ratings (staff_id, recorded_at);
CREATE INDEX ratings_by_time ON ratings (recorded_at);

CREATE TABLE rating_misuse (
  device_id TEXT NOT NULL,
  journal_seq INTEGER NOT NULL,
  counter_no INTEGER NOT NULL,
  request_id TEXT,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, journal_seq)
);
CREATE INDEX rating_misuse_by_counter ON rating_misuse (counter_no, recorded_at);

CREATE TABLE feedback (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  counter_no INTEGER,
  staff_id TEXT NOT NULL,
  source TEXT NOT NULL,
  text TEXT NOT NULL,
  level TEXT,
  about_staff_id TEXT,
  ticket_id TEXT,
  recorded_at INTEGER NOT NULL
);

-- The customer screens and pads this node paired for its own counters (docs/decisions.md): like
-- local_device_tokens, credentials of this node only, never journaled or synced.
CREATE TABLE local_screen_codes (
  code_hash TEXT PRIMARY KEY,
  counter_no INTEGER NOT NULL,
  kind TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE local_screen_tokens (
  token_hash TEXT PRIMARY KEY,
  screen_id TEXT NOT NULL UNIQUE,
  counter_no INTEGER NOT NULL,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
