-- Issue 9: which station devices an upstream (head office) has accepted as this hub's, before their
-- rows are pushed, and which it refused (shown on /health and the manager's Sync tab). Local state of
-- this node: never journaled, never rebuilt.
CREATE TABLE local_upstream_devices (
  upstream      TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  registered_at INTEGER,
  refused_code  TEXT,
  refused_at    INTEGER,
  PRIMARY KEY (upstream, device_id)
);
