-- Sync state of this node (DESIGN §4). Local to the node: never journaled, never rebuilt.
CREATE TABLE local_upstreams (
  name           TEXT PRIMARY KEY,           -- 'headoffice' or 'hub'
  url            TEXT NOT NULL,
  token          TEXT NOT NULL,              -- this node's credential at the upstream
  pulled_version INTEGER NOT NULL DEFAULT 0,
  connected      INTEGER NOT NULL DEFAULT 0,
  last_ok_at     INTEGER,
  last_error     TEXT
);

-- How far each device's rows have been acknowledged by each upstream.
CREATE TABLE local_sync_cursors (
  upstream  TEXT NOT NULL,
  device_id TEXT NOT NULL,
  acked_seq INTEGER NOT NULL,
  PRIMARY KEY (upstream, device_id)
);

-- A hub's receiving side for its stations: cursor per station device and quarantined rows.
CREATE TABLE local_receive_cursors (
  device_id TEXT PRIMARY KEY,
  acked_seq INTEGER NOT NULL,
  last_hash TEXT NOT NULL,
  last_push_at INTEGER,
  skew_ms INTEGER
);
CREATE TABLE local_quarantine (
  device_id   TEXT NOT NULL,
  device_seq  INTEGER NOT NULL,
  row_id      TEXT NOT NULL,
  raw         TEXT NOT NULL,
  reason      TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, device_seq)
);

-- Reference data as last pulled (a projection of reference.updated events).
CREATE TABLE ref_data (
  kind    TEXT NOT NULL,
  key     TEXT NOT NULL,
  version INTEGER NOT NULL,
  data    TEXT,
  PRIMARY KEY (kind, key)
);
