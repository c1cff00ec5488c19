-- Idempotency keys belong to whoever sent them (issue 9): a key is one sender's retry token, so a
-- clerk who happened to reuse a kiosk's key received the kiosk's ticket. Both key tables gain the
-- sender (staff id or device:<id>, as in journal.recorded_by) in their primary key.

-- Projection: rebuilt from ticket.issued, whose row already names the sender.
DROP TABLE idempotency;
CREATE TABLE idempotency (
  principal TEXT NOT NULL,
  key       TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  PRIMARY KEY (principal, key)
);
INSERT INTO idempotency (principal, key, ticket_id)
SELECT recorded_by, json_extract(payload, '$.idempotencyKey'), json_extract(payload, '$.ticketId')
FROM journal
WHERE type = 'ticket.issued' AND json_extract(payload, '$.idempotencyKey') IS NOT NULL
ORDER BY rowid;

-- Node-local replies (not rebuilt): copied as they are under the new key.
CREATE TABLE local_command_replies_new (
  principal   TEXT NOT NULL,               -- who sent it: staff id or device:<id>
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,               -- SHA-256 of method, route, params and body
  status      INTEGER NOT NULL,
  reply       TEXT NOT NULL,               -- the reply body as JSON ('null' for a 204)
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (principal, key)
);
INSERT INTO local_command_replies_new (principal, key, fingerprint, status, reply, created_at)
SELECT principal, key, fingerprint, status, reply, created_at FROM local_command_replies;
DROP TABLE local_command_replies;
ALTER TABLE local_command_replies_new RENAME TO local_command_replies;
CREATE INDEX local_command_replies_created ON local_command_replies (created_at);
