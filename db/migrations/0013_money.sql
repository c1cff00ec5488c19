-- Money (issue 11; R-FEE-1, R-CASH-1 … R-CASH-6). Projections of the journal's money events, written
-- once: every table refuses UPDATE (triggers made from MONEY_TABLES at open, db/open.ts), so a
-- correction is always a new record. Rebuild and
-- retention clear them only to replay or archive the journal. `journal_seq` is where each day's records
-- start in the writing device's chain, so a day close reads and verifies only from there.
CREATE TABLE receipts (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  journal_seq INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  day TEXT NOT NULL,
  late_for TEXT,
  counter_no INTEGER NOT NULL,
  staff_id TEXT NOT NULL,
  drawer_id TEXT NOT NULL,
  ticket_id TEXT,
  total_fen INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL,
  change_fen INTEGER NOT NULL,
  cash_fen INTEGER NOT NULL,
  lines TEXT NOT NULL,
  payments TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (device_id, seq)
);
CREATE INDEX receipts_by_day ON receipts (device_id, day);
CREATE INDEX receipts_by_drawer ON receipts (drawer_id);

CREATE TABLE receipt_voids (
  id TEXT PRIMARY KEY,
  receipt_id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  journal_seq INTEGER NOT NULL,
  day TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  approver_id TEXT NOT NULL,
  drawer_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  cash_fen INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX receipt_voids_by_day ON receipt_voids (device_id, day);

CREATE TABLE receipt_reprints (
  receipt_id TEXT NOT NULL,
  count INTEGER NOT NULL,
  staff_id TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (receipt_id, count)
);

CREATE TABLE drawers (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  journal_seq INTEGER NOT NULL,
  day TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  counter_no INTEGER NOT NULL,
  float_fen INTEGER NOT NULL,
  auto INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  UNIQUE (device_id, staff_id, day)
);
CREATE INDEX drawers_by_day ON drawers (device_id, day);

CREATE TABLE drawer_moves (
  id TEXT PRIMARY KEY,
  drawer_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  amount_fen INTEGER NOT NULL,
  reason TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX drawer_moves_by_drawer ON drawer_moves (drawer_id);

CREATE TABLE drawer_counts (
  id TEXT PRIMARY KEY,
  drawer_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('spot', 'close')),
  counts TEXT NOT NULL,
  counted_fen INTEGER NOT NULL,
  expected_fen INTEGER NOT NULL,
  difference_fen INTEGER NOT NULL,
  staff_id TEXT NOT NULL,
  witness_id TEXT,
  note TEXT,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX drawer_counts_by_drawer ON drawer_counts (drawer_id);

CREATE TABLE drawer_explanations (
  count_id TEXT PRIMARY KEY,
  reason_code TEXT NOT NULL,
  approver_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  note TEXT,
  recorded_at INTEGER NOT NULL
);

CREATE TABLE deposits (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  journal_seq INTEGER NOT NULL,
  day TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  companion_id TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  slip_no TEXT NOT NULL,
  drawer_id TEXT,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX deposits_by_day ON deposits (device_id, day);

CREATE TABLE manual_invoices (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  journal_seq INTEGER NOT NULL,
  day TEXT NOT NULL,
  invoice_no TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  receipt_id TEXT,
  staff_id TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX manual_invoices_by_day ON manual_invoices (device_id, day);
CREATE INDEX manual_invoices_by_no ON manual_invoices (invoice_no);

CREATE TABLE day_closes (
  device_id TEXT NOT NULL,
  day TEXT NOT NULL,
  report TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  approver_id TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, day)
);
