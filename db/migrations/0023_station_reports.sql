-- R-CASH-2, per hall: how far each station's own journal went when it last said so (its pull carries
-- `head`), so the hub's hall close can tell a station with nothing more to send from one whose money
-- never reached it. Local state of the hub: never journaled, never rebuilt.
CREATE TABLE local_station_reports (
  device_id   TEXT PRIMARY KEY,
  head_seq    INTEGER NOT NULL,
  reported_at INTEGER NOT NULL
);
