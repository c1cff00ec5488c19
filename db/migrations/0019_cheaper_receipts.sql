-- A station reads the settings and the fee schedule several times per receipt. Reading every row each
-- time to notice a change cost as much as a receipt's own inserts: triggers give every change of
-- either table, by any path (a pulled event, a restore, a hand edit), a new random stamp, so a reader
-- compares one value. Random rather than counted: a rolled-back change must not leave a stamp that a
-- later change could take again.
CREATE TABLE table_stamps (
  name TEXT PRIMARY KEY,
  stamp INTEGER NOT NULL
);
INSERT INTO table_stamps (name, stamp) VALUES ('settings', random()), ('ref_data', random());
-- The triggers are made at every open from the table's rows (db/open.ts `stampTables`).

-- Migration 0016's covering index ordered each day's receipts by amount, so every receipt landed on a
-- page of its own in it and each commit rewrote one such page per receipt (a fifth of a commit's WAL).
-- It served only a device's first close after a long unclosed history; that sum now reads the day
-- index and the rows, and later closes start from the last close's sealed total as before.
DROP INDEX receipts_day_totals;
