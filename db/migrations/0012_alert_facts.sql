-- R-AWAY-1: an overdue-away alert keeps its facts (minutes away, the maximum, the reason) as JSON,
-- so each screen words it in its own language. NULL for alerts journaled as a sentence (`message`).
ALTER TABLE alerts ADD COLUMN away TEXT;
