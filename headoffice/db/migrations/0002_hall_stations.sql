-- Issue 9: a device belongs to the hall that paired it, for ever. A hub owns itself (hall_devices) and
-- the stations it registered here before their rows are accepted.
CREATE TABLE hall_stations (
  device_id     text PRIMARY KEY,
  hall_id       text NOT NULL REFERENCES halls (hall_id),
  -- The hub that registered it; NULL for a station known from before registration existed (its hub
  -- registers it again before its next rows are accepted).
  registered_by text,
  counter_no    int,
  name          text NOT NULL,
  registered_at bigint NOT NULL
);
CREATE INDEX hall_stations_hall ON hall_stations (hall_id);

-- Stations whose rows head office already holds stay bound to the hall that pushed them.
INSERT INTO hall_stations (device_id, hall_id, registered_by, counter_no, name, registered_at)
SELECT c.device_id, c.hall_id, NULL, NULL, '', 0
FROM device_cursors c
WHERE NOT EXISTS (SELECT 1 FROM hall_devices d WHERE d.device_id = c.device_id);
