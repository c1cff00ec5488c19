-- Credentials and transient security state. Not journal projections: tokens and lock-outs are this
-- node's own and never leave it, so they are not rebuilt from the journal.
CREATE TABLE local_device_tokens (
  token_hash TEXT PRIMARY KEY,
  device_id  TEXT NOT NULL
);

CREATE TABLE local_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL,
  counter_no INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE local_login_failures (
  staff_no     TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until INTEGER
);

CREATE TABLE local_pairing_codes (
  code_hash  TEXT PRIMARY KEY,
  role       TEXT NOT NULL,
  name       TEXT NOT NULL,
  counter_no INTEGER,
  expires_at INTEGER NOT NULL
);
