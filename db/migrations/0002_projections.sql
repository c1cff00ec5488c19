-- Projections of the journal: maintained in the same transaction, rebuildable from it (DESIGN §2).
CREATE TABLE hall (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  hall_id TEXT NOT NULL,
  name    TEXT NOT NULL,
  demo    INTEGER NOT NULL,
  open    INTEGER NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE services (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  prefix      TEXT NOT NULL,
  sla_minutes INTEGER NOT NULL,
  open        INTEGER NOT NULL,
  sort        INTEGER NOT NULL
);

CREATE TABLE staff (
  id       TEXT PRIMARY KEY,
  staff_no TEXT NOT NULL UNIQUE,
  name     TEXT NOT NULL,
  role     TEXT NOT NULL,
  pin_hash TEXT NOT NULL
);

CREATE TABLE devices (
  id         TEXT PRIMARY KEY,
  role       TEXT NOT NULL,
  name       TEXT NOT NULL,
  counter_no INTEGER,
  revoked    INTEGER NOT NULL DEFAULT 0,
  paired_at  INTEGER NOT NULL
);

CREATE TABLE counters (
  counter_no  INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  services    TEXT NOT NULL,
  status      TEXT NOT NULL,
  staff_id    TEXT,
  away_reason TEXT,
  away_since  INTEGER,
  return_at   INTEGER,
  ticket_id   TEXT
);

CREATE TABLE tickets (
  id                TEXT PRIMARY KEY,
  number            TEXT NOT NULL,
  service_code      TEXT NOT NULL,
  priority          INTEGER NOT NULL,
  internal          INTEGER NOT NULL,
  status            TEXT NOT NULL,
  business_day      TEXT NOT NULL,
  issued_at         INTEGER NOT NULL,
  queued_at         INTEGER NOT NULL,
  head              INTEGER NOT NULL,
  target_counter_no INTEGER,
  counter_no        INTEGER,
  staff_id          TEXT,
  called_at         INTEGER,
  started_at        INTEGER,
  finished_at       INTEGER,
  recall_count      INTEGER NOT NULL,
  transfer_count    INTEGER NOT NULL,
  overrun_reason    TEXT,
  no_show_at        INTEGER,
  UNIQUE (business_day, number)
);
CREATE INDEX tickets_by_status ON tickets (status, business_day);

CREATE TABLE ticket_numbers (
  business_day TEXT NOT NULL,
  prefix       TEXT NOT NULL,
  last         INTEGER NOT NULL,
  PRIMARY KEY (business_day, prefix)
);

CREATE TABLE idempotency (
  key       TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL
);

CREATE TABLE queue_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  priority_streak INTEGER NOT NULL
);

CREATE TABLE alerts (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  counter_no INTEGER,
  message    TEXT NOT NULL,
  at         INTEGER NOT NULL,
  open       INTEGER NOT NULL
);
