-- Issue 9: the last check of this hub's journal against what head office acknowledged (cursor and
-- hash per device). Mismatches make /health not ok and show on the manager screen. Local state.
CREATE TABLE local_integrity (
  upstream   TEXT PRIMARY KEY,
  checked_at INTEGER NOT NULL,
  mismatches TEXT NOT NULL          -- JSON array of IntegrityMismatch; [] when all matched
);
