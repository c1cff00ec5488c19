-- Checklists and the hall's day (issue 13; R-OPEN-1, R-OPEN-2, R-DIS-1, R-CLOSE-1, R-FIRE-1, R-HLTH-1,
-- R-DRILL-1): projections of the checklist.* events. Which occurrences exist is worked out from the
-- templates and the clock (shared/checklists/schedule.ts); only what happened to them is stored: a
-- completion, a missed window, amendments, countersignatures, fault follow-ups, photos.
CREATE TABLE checklist_records (
  occurrence_id TEXT PRIMARY KEY,
  template_code TEXT NOT NULL,
  day TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  staff_id TEXT NOT NULL,
  completed_at INTEGER NOT NULL,
  late INTEGER NOT NULL,
  countersigned_by TEXT,
  countersigned_at INTEGER,
  journal_id TEXT NOT NULL
);
-- The manager's view reads one day (or a few) of records: a range scan however many years are kept.
CREATE INDEX checklist_records_by_day ON checklist_records (day, template_code);
CREATE INDEX checklist_records_by_template ON checklist_records (template_code, day);

CREATE TABLE checklist_missed (
  occurrence_id TEXT PRIMARY KEY,
  template_code TEXT NOT NULL,
  day TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX checklist_missed_by_day ON checklist_missed (day, template_code);
CREATE INDEX checklist_missed_by_template ON checklist_missed (template_code, day);

-- Every item result: the completion's (amendment_id NULL) and each amendment's, so history per item
-- shows what was recorded first and every correction after it.
CREATE TABLE checklist_results (
  occurrence_id TEXT NOT NULL,
  amendment_id TEXT,
  item_code TEXT NOT NULL,
  result TEXT NOT NULL,
  value TEXT,
  note TEXT,
  photo_sha256 TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX checklist_results_by_occurrence ON checklist_results (occurrence_id, item_code, at);

CREATE TABLE checklist_amendments (
  id TEXT PRIMARY KEY,
  occurrence_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX checklist_amendments_by_occurrence ON checklist_amendments (occurrence_id, at);

CREATE TABLE checklist_followups (
  id TEXT PRIMARY KEY,
  occurrence_id TEXT NOT NULL,
  template_code TEXT NOT NULL,
  item_code TEXT NOT NULL,
  value TEXT,
  note TEXT,
  opened_at INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT,
  resolution TEXT
);
CREATE INDEX checklist_followups_open ON checklist_followups (opened_at) WHERE resolved_at IS NULL;

CREATE TABLE checklist_photos (
  sha256 TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  data TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  at INTEGER NOT NULL
);

-- A hall's own templates (checklist.template_set); head office's are in ref_data (kind checklist).
CREATE TABLE hall_checklists (
  code TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  at INTEGER NOT NULL
);

-- The manager's overrides of the hall's day (hall.overridden), shown on the manager screen.
CREATE TABLE hall_overrides (
  journal_id TEXT PRIMARY KEY,
  action TEXT NOT NULL,
  rule TEXT NOT NULL,
  reason TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  at INTEGER NOT NULL
);
