-- R-SLA-1: handling time excludes time on hold. A parked ticket's customer is away (fetching papers);
-- that time is not the clerk's handling. parked_at marks the park; held_ms sums the holds of a ticket
-- whose handling had started. The handling figures of 0007 subtract it.
ALTER TABLE tickets ADD COLUMN parked_at INTEGER;
ALTER TABLE tickets ADD COLUMN held_ms INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER service_day_handling_insert;
DROP TRIGGER service_day_handling_delete;
DROP TRIGGER service_day_handling_update;

CREATE TRIGGER service_day_handling_insert AFTER INSERT ON tickets
WHEN NEW.status = 'done' AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL
BEGIN
  INSERT INTO service_day_handling (business_day, service_code, served, handling_ms)
  VALUES (NEW.business_day, NEW.service_code, 1, NEW.finished_at - NEW.started_at - NEW.held_ms)
  ON CONFLICT (business_day, service_code)
  DO UPDATE SET served = served + 1, handling_ms = handling_ms + excluded.handling_ms;
END;

CREATE TRIGGER service_day_handling_delete AFTER DELETE ON tickets
WHEN OLD.status = 'done' AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL
BEGIN
  UPDATE service_day_handling
  SET served = served - 1, handling_ms = handling_ms - (OLD.finished_at - OLD.started_at - OLD.held_ms)
  WHERE business_day = OLD.business_day AND service_code = OLD.service_code;
END;

CREATE TRIGGER service_day_handling_update
AFTER UPDATE OF status, started_at, finished_at, held_ms, business_day, service_code ON tickets
WHEN (OLD.status = 'done' AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL)
  OR (NEW.status = 'done' AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL)
BEGIN
  UPDATE service_day_handling
  SET served = served - 1, handling_ms = handling_ms - (OLD.finished_at - OLD.started_at - OLD.held_ms)
  WHERE business_day = OLD.business_day AND service_code = OLD.service_code
    AND OLD.status = 'done' AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL;
  INSERT INTO service_day_handling (business_day, service_code, served, handling_ms)
  SELECT NEW.business_day, NEW.service_code, 1, NEW.finished_at - NEW.started_at - NEW.held_ms
  WHERE NEW.status = 'done' AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL
  ON CONFLICT (business_day, service_code)
  DO UPDATE SET served = served + 1, handling_ms = handling_ms + excluded.handling_ms;
END;
