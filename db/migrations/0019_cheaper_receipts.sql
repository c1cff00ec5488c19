-- A station reads the settings several times per receipt. Reading every row each time to notice a
-- change cost as much as a receipt's own inserts: these triggers give every change of the settings
-- table, by any path (a pulled event, a restore, a hand edit), a new random stamp, so a reader compares
-- one value. Random rather than counted: a rolled-back change must not leave a stamp a later change
-- could take again.
CREATE TABLE settings_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  stamp INTEGER NOT NULL
);
INSERT INTO settings_version (id, stamp) VALUES (1, random());
CREATE TRIGGER settings_version_insert AFTER INSERT ON settings
BEGIN UPDATE settings_version SET stamp = random() WHERE id = 1; END;
CREATE TRIGGER settings_version_update AFTER UPDATE ON settings
BEGIN UPDATE settings_version SET stamp = random() WHERE id = 1; END;
CREATE TRIGGER settings_version_delete AFTER DELETE ON settings
BEGIN UPDATE settings_version SET stamp = random() WHERE id = 1; END;

-- Migration 0016's covering index ordered each day's receipts by amount, so every receipt landed on a
-- page of its own in it and each commit rewrote one such page per receipt (a fifth of a commit's WAL).
-- It served only a device's first close after a long unclosed history; that sum now reads the day
-- index and the rows, and later closes start from the last close's sealed total as before.
DROP INDEX receipts_day_totals;
