-- Issue 13, continued. Checklists are written on the node that serves the screen (stations too), so two
-- counters offline can each complete the same occurrence: every completion is kept here, and
-- checklist_records holds the one that stands (the first by completion time, then by journal id).
CREATE TABLE checklist_completions (
  journal_id TEXT PRIMARY KEY,
  occurrence_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  completed_at INTEGER NOT NULL,
  late INTEGER NOT NULL
);
CREATE INDEX checklist_completions_by_occurrence ON checklist_completions (occurrence_id, completed_at, journal_id);
INSERT INTO checklist_completions (journal_id, occurrence_id, staff_id, completed_at, late)
  SELECT journal_id, occurrence_id, staff_id, completed_at, late FROM checklist_records;

-- Which completion an item result belongs to (NULL for an amendment's results).
ALTER TABLE checklist_results ADD COLUMN completion_id TEXT;
UPDATE checklist_results SET completion_id = (
  SELECT r.journal_id FROM checklist_records r WHERE r.occurrence_id = checklist_results.occurrence_id
) WHERE amendment_id IS NULL;

-- R-HAND-1: the duty manager's opinion (ruling) on a disputed handover, written into the book.
ALTER TABLE handovers ADD COLUMN opinion TEXT;
ALTER TABLE handovers ADD COLUMN opinion_by TEXT;
ALTER TABLE handovers ADD COLUMN opinion_at INTEGER;
