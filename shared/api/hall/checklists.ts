import { z } from 'zod';
import {
  AmendBody,
  CompleteBody,
  CompleteReply,
  CountersignBody,
  DueView,
  Followup,
  HistoryQuery,
  HistoryRow,
  PhotoBody,
  PhotoReply,
  ResolveBody,
} from '../../checklists/model.ts';
import { ChecklistTemplate } from '../../checklists/template.ts';
import { Id } from '../../primitives.ts';
import { IdempotencyHeader } from '../contract.ts';
import { hallRoutes } from './access.ts';

/** An occurrence (`opening@2026-11-30`) is checked by the handler: an unknown one is a 404. */
const OccurrenceParams = z.object({ occurrenceId: Id }).strict();
const IdParams = z.object({ id: Id }).strict();
const CodeParams = z.object({ code: Id }).strict();

export const DueQuery = z
  .object({
    /** `all`: every checklist of the hall (managers); default: those of the caller's role. */
    scope: z.enum(['mine', 'all']).optional(),
  })
  .strict();

export const TemplateView = ChecklistTemplate.safeExtend({
  code: z.string(),
  source: z.enum(['headoffice', 'hall']),
});

/**
 * Checklists filled in at the node serving the screen (issue 13, local-first): a station answers these
 * itself, with its hub down too, and syncs what it records up (docs/decisions.md).
 */
export const nodeChecklistsContract = hallRoutes({
  checklistsDue: {
    method: 'GET',
    url: '/checklists/due',
    summary:
      'Checklists due, overdue, missed and done today (and earlier ones still open): the caller’s role’s, or all (scope=all, managers)',
    tag: 'checklists',
    access: ['clerk'],
    query: DueQuery,
    reply: z.array(DueView),
  },
  completeChecklist: {
    method: 'POST',
    url: '/checklists/:occurrenceId/complete',
    summary:
      'Complete a checklist, signed by the caller; a failed item (or a number outside its limits) opens a fault follow-up; a second completion → 409',
    tag: 'checklists',
    access: ['clerk'],
    params: OccurrenceParams,
    body: CompleteBody,
    headers: IdempotencyHeader,
    reply: CompleteReply,
    status: 201,
    idempotent: true,
  },
  amendChecklist: {
    method: 'POST',
    url: '/checklists/:occurrenceId/amendments',
    summary: 'Correct a completed checklist by a new record with its reason (the completion is never edited)',
    tag: 'checklists',
    access: ['clerk'],
    params: OccurrenceParams,
    body: AmendBody,
    headers: IdempotencyHeader,
    reply: CompleteReply,
    status: 201,
    idempotent: true,
  },
  uploadChecklistPhoto: {
    method: 'POST',
    url: '/checklists/photos',
    summary:
      'A photo for an item (JPEG, PNG or WebP, at most 160 KiB, base64): stored with its SHA-256 and time',
    tag: 'checklists',
    access: ['clerk'],
    body: PhotoBody,
    reply: PhotoReply,
    status: 201,
  },
});

/**
 * The manager's side of the checklists, on the hub, which holds every node's records: countersigning,
 * fault follow-ups, history, the hall's templates. A station forwards these routes to it.
 */
export const hallChecklistsContract = hallRoutes({
  countersignChecklist: {
    method: 'POST',
    url: '/checklists/:occurrenceId/countersign',
    summary: 'A manager countersigns a completed checklist with their PIN (not one they did themselves)',
    tag: 'checklists',
    access: ['clerk'],
    params: OccurrenceParams,
    body: CountersignBody,
    reply: DueView,
  },
  checklistFollowups: {
    method: 'GET',
    url: '/checklists/followups',
    summary: 'Fault follow-ups from failed items: the open ones, oldest first, and those resolved today',
    tag: 'checklists',
    access: ['clerk'],
    reply: z.array(Followup),
  },
  resolveFollowup: {
    method: 'POST',
    url: '/checklists/followups/:id/resolve',
    summary: 'A manager resolves a fault follow-up, saying how',
    tag: 'checklists',
    access: ['manager'],
    params: IdParams,
    body: ResolveBody,
    headers: IdempotencyHeader,
    reply: z.array(Followup),
    idempotent: true,
  },
  checklistHistory: {
    method: 'GET',
    url: '/checklists/history',
    summary: 'History per template and per item: completions (with amendments) and missed windows',
    tag: 'checklists',
    access: ['manager'],
    query: HistoryQuery,
    reply: z.array(HistoryRow),
  },
  checklistHistoryCsv: {
    method: 'GET',
    url: '/checklists/history.csv',
    summary: 'The same history as CSV',
    tag: 'checklists',
    access: ['manager'],
    query: HistoryQuery,
    reply: z.string(),
  },
  checklistTemplates: {
    method: 'GET',
    url: '/checklists/templates',
    summary: 'The hall’s checklist templates: head office’s and its own',
    tag: 'checklists',
    access: ['clerk'],
    reply: z.array(TemplateView),
  },
  putChecklistTemplate: {
    method: 'PUT',
    url: '/checklists/templates/:code',
    summary: 'Add or change one of the hall’s own templates (not one of head office’s): journaled, synced up',
    tag: 'checklists',
    access: ['manager'],
    params: CodeParams,
    body: ChecklistTemplate,
    headers: IdempotencyHeader,
    reply: TemplateView,
    idempotent: true,
  },
});
