-- Issue 9: a hall's journal checked against what head office acknowledged. A hub that finds its rows
-- differ from the acknowledged hash, or fewer rows than acknowledged, reports it here; the console
-- shows the latest report per hall.
CREATE TABLE integrity_reports (
  id          text PRIMARY KEY,
  hall_id     text NOT NULL REFERENCES halls (hall_id),
  reported_by text NOT NULL,
  reported_at bigint NOT NULL,
  mismatches  text NOT NULL
);
CREATE INDEX integrity_reports_hall ON integrity_reports (hall_id, reported_at);
