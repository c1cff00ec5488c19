-- Replies to queue commands sent with an Idempotency-Key (DESIGN §3 "a retried request is applied
-- once"). Node-local state like the other local_* tables: not a journal event, never synced and NOT
-- rebuilt from the journal. A reply is kept for 24 h, long enough for any client's retry; the rows
-- are written in the same transaction as the command's events, so a key is stored iff it applied.
CREATE TABLE local_command_replies (
  key         TEXT PRIMARY KEY,
  principal   TEXT NOT NULL,               -- who sent it: staff id or device:<id>
  fingerprint TEXT NOT NULL,               -- SHA-256 of method, route, params and body
  status      INTEGER NOT NULL,
  reply       TEXT NOT NULL,               -- the reply body as JSON ('null' for a 204)
  created_at  INTEGER NOT NULL
);
CREATE INDEX local_command_replies_created ON local_command_replies (created_at);
