-- The append-only journal (DESIGN §2). Rows are never updated or deleted.
CREATE TABLE journal (
  id          TEXT PRIMARY KEY,
  device_id   TEXT NOT NULL,
  device_seq  INTEGER NOT NULL,
  hall_id     TEXT NOT NULL,
  type        TEXT NOT NULL,
  schema_ver  INTEGER NOT NULL,
  payload     TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL,
  UNIQUE (device_id, device_seq)
);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

-- This node: which hall, which device, which role.
CREATE TABLE node_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
