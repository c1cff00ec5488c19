-- Head office: every hall's journal, cursors, quarantine, pairing and reference data (DESIGN §4, §7).
CREATE TABLE halls (
  hall_id    text PRIMARY KEY,
  name       text NOT NULL,
  created_at bigint NOT NULL
);

-- A hub keeps the hall id it was created with (it is in every row's hash), so head office maps it.
CREATE TABLE hall_devices (
  device_id     text PRIMARY KEY,
  hall_id       text NOT NULL REFERENCES halls (hall_id),
  local_hall_id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  revoked      boolean NOT NULL DEFAULT false,
  paired_at    bigint NOT NULL,
  last_seen_at bigint
);

CREATE TABLE pairing_codes (
  code_hash  text PRIMARY KEY,
  hall_id    text NOT NULL REFERENCES halls (hall_id),
  expires_at bigint NOT NULL
);

-- Rows exactly as the devices wrote them; payload is the JSON text the hash was computed over.
CREATE TABLE journal (
  id          text PRIMARY KEY,
  device_id   text NOT NULL,
  device_seq  bigint NOT NULL,
  hall_id     text NOT NULL,
  type        text NOT NULL,
  schema_ver  int NOT NULL,
  payload     text NOT NULL,
  occurred_at bigint NOT NULL,
  recorded_by text NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  received_at bigint NOT NULL,
  UNIQUE (device_id, device_seq)
);
CREATE INDEX journal_hall_type ON journal (hall_id, type, occurred_at);

CREATE TABLE device_cursors (
  device_id    text PRIMARY KEY,
  hall_id      text NOT NULL,
  acked_seq    bigint NOT NULL,
  last_hash    text NOT NULL,
  last_push_at bigint,
  skew_ms      bigint
);

CREATE TABLE quarantine (
  device_id   text NOT NULL,
  device_seq  bigint NOT NULL,
  row_id      text NOT NULL,
  hall_id     text NOT NULL,
  raw         text NOT NULL,
  reason      text NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (device_id, device_seq)
);

CREATE TABLE ho_staff (
  id       text PRIMARY KEY,
  staff_no text NOT NULL UNIQUE,
  name     text NOT NULL,
  role     text NOT NULL,
  pin_hash text NOT NULL
);

CREATE TABLE ho_sessions (
  token_hash text PRIMARY KEY,
  staff_id   text NOT NULL REFERENCES ho_staff (id),
  expires_at bigint NOT NULL
);

-- Reference data with a commit-ordered version: a pull asks for everything after its version.
CREATE SEQUENCE ref_version;
CREATE TABLE ref_data (
  kind    text NOT NULL,
  key     text NOT NULL,
  data    text,
  version bigint NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX ref_data_version ON ref_data (version);
