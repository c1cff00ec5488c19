-- The hall's day closes (issue 11, written by the hub): until now read back from the journal with
-- json_extract, a scan of the whole journal (it has no index on the event type) each time the manager's
-- cash tab showed a day or the hub checked a close. A money record like the others, written once.
CREATE TABLE hall_day_closes (
  hub_id      TEXT NOT NULL,
  day         TEXT NOT NULL,
  report      TEXT NOT NULL,
  staff_id    TEXT NOT NULL,
  approver_id TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (hub_id, day)
);
INSERT INTO hall_day_closes (hub_id, day, report, staff_id, approver_id, recorded_at)
SELECT device_id, json_extract(payload, '$.day'), json_extract(payload, '$.report'),
  json_extract(payload, '$.staffId'), json_extract(payload, '$.approverId'), occurred_at
FROM journal WHERE type = 'hall_day.closed' ORDER BY rowid;
