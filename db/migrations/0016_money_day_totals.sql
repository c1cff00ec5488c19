-- A device's first day close sums every receipt and void of its earlier days for the grand total
-- (later closes start from the last close's sealed total): these indexes hold the amounts, so that
-- sum reads the index alone instead of every receipt row.
CREATE INDEX receipts_day_totals ON receipts (device_id, day, total_fen);
CREATE INDEX receipt_voids_day_totals ON receipt_voids (device_id, day, total_fen);
