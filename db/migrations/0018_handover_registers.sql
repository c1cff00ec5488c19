-- The handover book and the hall's registers (issue 13; R-HAND-1, R-HAND-2, R-VIS-1, R-TOOL-1,
-- R-ASSESS-4, R-REC-1): projections of handover.*, visitor.*, tool.*, meeting.* and records.archived,
-- keyed by the device that wrote them, so the hub holds its stations' handovers beside its own.
CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  counter_no INTEGER NOT NULL,
  writer_id TEXT NOT NULL,
  drawer_id TEXT,
  written_at INTEGER NOT NULL,
  acceptor_id TEXT,
  accepted_at INTEGER,
  disagreements INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX handovers_by_counter ON handovers (counter_no, written_at);
CREATE INDEX handovers_unsigned ON handovers (written_at) WHERE accepted_at IS NULL;

-- One row per item: `item` is the item as written (JSON); `answer` the incoming clerk's (JSON).
-- `resolved_at`: confirmed, or confirmed later in a handover that carried it (R-HAND-1 carry-over).
CREATE TABLE handover_items (
  handover_id TEXT NOT NULL REFERENCES handovers (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  item TEXT NOT NULL,
  confirmed INTEGER,
  note TEXT,
  answer TEXT,
  carried_into TEXT,
  resolved_at INTEGER,
  PRIMARY KEY (handover_id, idx)
);
CREATE INDEX handover_items_open ON handover_items (handover_id) WHERE confirmed = 0 AND resolved_at IS NULL;

CREATE TABLE visitors (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  counter_no INTEGER,
  staff_id TEXT NOT NULL,
  name TEXT,
  phone TEXT,
  temperature_c REAL NOT NULL,
  limit_c REAL NOT NULL,
  admitted INTEGER NOT NULL,
  registered_at INTEGER NOT NULL
);
CREATE INDEX visitors_by_time ON visitors (registered_at);

CREATE TABLE tool_loans (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  tool TEXT NOT NULL,
  borrower TEXT NOT NULL,
  lent_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  returned_at INTEGER,
  returned_by TEXT
);
CREATE INDEX tool_loans_out ON tool_loans (due_at) WHERE returned_at IS NULL;

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  topics TEXT NOT NULL,
  attendees TEXT NOT NULL,
  scores TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX meetings_by_day ON meetings (day);

-- R-REC-1: each archive this node wrote: the file, its SHA-256, what it holds.
CREATE TABLE archives (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  record_type TEXT NOT NULL,
  before INTEGER NOT NULL,
  count INTEGER NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  at INTEGER NOT NULL
);

-- Alerts about a record (a handover, a visitor) name it and keep their facts as JSON.
ALTER TABLE alerts ADD COLUMN ref TEXT;
ALTER TABLE alerts ADD COLUMN facts TEXT;
CREATE INDEX alerts_by_ref ON alerts (ref) WHERE ref IS NOT NULL;
