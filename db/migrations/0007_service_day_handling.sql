-- The wait estimate on every ticket issued needs today's mean handling time of one service. Averaging
-- the day's done tickets grew with every customer served; triggers keep the sum and count instead, for
-- every way a ticket reaches or leaves 'done' (finished, walk-in reconciled, projection rebuild).
CREATE TABLE service_day_handling (
  business_day TEXT NOT NULL,
  service_code TEXT NOT NULL,
  served INTEGER NOT NULL,
  handling_ms INTEGER NOT NULL,
  PRIMARY KEY (business_day, service_code)
) WITHOUT ROWID;

INSERT INTO service_day_handling (business_day, service_code, served, handling_ms)
SELECT business_day, service_code, count(*), sum(finished_at - started_at) FROM tickets
WHERE status = 'done' AND started_at IS NOT NULL AND finished_at IS NOT NULL
GROUP BY business_day, service_code;

CREATE TRIGGER service_day_handling_insert AFTER INSERT ON tickets
WHEN NEW.status = 'done' AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL
BEGIN
  INSERT INTO service_day_handling (business_day, service_code, served, handling_ms)
  VALUES (NEW.business_day, NEW.service_code, 1, NEW.finished_at - NEW.started_at)
  ON CONFLICT (business_day, service_code)
  DO UPDATE SET served = served + 1, handling_ms = handling_ms + excluded.handling_ms;
END;

CREATE TRIGGER service_day_handling_delete AFTER DELETE ON tickets
WHEN OLD.status = 'done' AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL
BEGIN
  UPDATE service_day_handling
  SET served = served - 1, handling_ms = handling_ms - (OLD.finished_at - OLD.started_at)
  WHERE business_day = OLD.business_day AND service_code = OLD.service_code;
END;

CREATE TRIGGER service_day_handling_update
AFTER UPDATE OF status, started_at, finished_at, business_day, service_code ON tickets
WHEN (OLD.status = 'done' AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL)
  OR (NEW.status = 'done' AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL)
BEGIN
  UPDATE service_day_handling
  SET served = served - 1, handling_ms = handling_ms - (OLD.finished_at - OLD.started_at)
  WHERE business_day = OLD.business_day AND service_code = OLD.service_code
    AND OLD.status = 'done' AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL;
  INSERT INTO service_day_handling (business_day, service_code, served, handling_ms)
  SELECT NEW.business_day, NEW.service_code, 1, NEW.finished_at - NEW.started_at
  WHERE NEW.status = 'done' AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL
  ON CONFLICT (business_day, service_code)
  DO UPDATE SET served = served + 1, handling_ms = handling_ms + excluded.handling_ms;
END;

-- The day's counts are served by UNIQUE (business_day, number) and tickets_by_status; this index only
-- cost every status change another page write.
DROP INDEX tickets_by_day;
