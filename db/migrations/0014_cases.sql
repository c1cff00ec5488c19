-- Cases (issue 12; R-FR-1, R-FR-2, R-CMP-1, R-CMP-2, R-DUTY-1): projections of case.opened and case.acted.
-- `next_due_at` is the earliest deadline still to meet (NULL: none), kept by the projection so the
-- duty manager's overdue list is one range scan of a partial index over the open cases. That index
-- covers every column a case list shows (hall/cases/queries.ts LIST_COLUMNS): open cases are few and
-- scattered through years of closed ones, and reading each from the table cost a page read a row.
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  no INTEGER NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  phone TEXT,
  opened_by TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  counter_no INTEGER,
  ticket_id TEXT,
  rating_id TEXT,
  opened_at INTEGER NOT NULL,
  promised_at INTEGER,
  reply_due_at INTEGER,
  opinion_due_at INTEGER,
  replied_at INTEGER,
  opinion_at INTEGER,
  next_due_at INTEGER,
  last_action_at INTEGER NOT NULL,
  closed_at INTEGER,
  resolution TEXT,
  told_via TEXT
);
CREATE INDEX cases_open_due ON cases (
  next_due_at, no, id, kind, summary, phone, opened_by, owner_id, counter_no, ticket_id, rating_id, opened_at,
  promised_at, reply_due_at, opinion_due_at, replied_at, opinion_at, last_action_at, closed_at
) WHERE closed_at IS NULL;
CREATE INDEX cases_open_owner ON cases (owner_id, next_due_at) WHERE closed_at IS NULL;
CREATE INDEX cases_by_opened ON cases (opened_at);
CREATE INDEX cases_by_closed ON cases (closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE case_actions (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  journal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  text TEXT NOT NULL,
  to_staff_id TEXT,
  told_via TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX case_actions_by_case ON case_actions (case_id, at);
