-- The day's figures (issued, served, mean handling time per service) are read on every ticket issued,
-- for the estimated wait; without an index led by business_day each read scanned every ticket ever.
CREATE INDEX tickets_by_day ON tickets (business_day, status, service_code);
