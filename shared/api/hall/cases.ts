import { z } from 'zod';
import { CaseActionBody, CaseSummary, CaseView, OpenCaseBody, OpenCaseReply } from '../../cases/model.ts';
import { CaseReport, MonthText } from '../../cases/report.ts';
import { IdempotencyHeader } from '../contract.ts';
import { hallRoutes } from './access.ts';
import { IdParams } from './params.ts';

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CasesQuery = z
  .object({
    /** R-DUTY-1: the duty manager's list of cases with a deadline passed unmet. */
    overdue: Flag.optional(),
    /** `all`: every open case of the hall (managers); default: the open cases the caller owns. */
    scope: z.enum(['mine', 'all']).optional(),
  })
  .strict();

const MonthQuery = z.object({ month: MonthText }).strict();

/**
 * Cases (首问负责制, issue 12). Written by the hub: a station forwards these routes to it (one owner
 * across counters; reassignment and escalation need one authority).
 */
export const casesContract = hallRoutes({
  openCase: {
    method: 'POST',
    url: '/cases',
    summary:
      'Open a case; the opener owns it (R-FR-1); a complaint is due a reply in 3 days and an opinion in 5 (R-CMP-1)',
    tag: 'cases',
    access: ['clerk'],
    body: OpenCaseBody,
    headers: IdempotencyHeader,
    reply: OpenCaseReply,
    status: 201,
    idempotent: true,
  },
  actOnCase: {
    method: 'POST',
    url: '/cases/:id/actions',
    summary:
      'Act on a case: assist, reply, opinion, note; reassign (managers, with the reason); close (the resolution and how the customer was told)',
    tag: 'cases',
    access: ['clerk'],
    params: IdParams,
    body: CaseActionBody,
    headers: IdempotencyHeader,
    reply: CaseView,
    idempotent: true,
  },
  cases: {
    method: 'GET',
    url: '/cases',
    summary:
      "Open cases: the caller's own; every one (scope=all) or the overdue ones (overdue=true) for a manager",
    tag: 'cases',
    access: ['clerk'],
    query: CasesQuery,
    reply: z.array(CaseSummary),
  },
  caseReport: {
    method: 'GET',
    url: '/cases/report',
    summary:
      'The month-end flow report per clerk: accepted, finished, unfinished, stalled, overdue (R-CMP-2)',
    tag: 'cases',
    access: ['manager'],
    query: MonthQuery,
    reply: CaseReport,
  },
  caseReportCsv: {
    method: 'GET',
    url: '/cases/report.csv',
    summary: 'The month-end flow report as CSV (phones masked)',
    tag: 'cases',
    access: ['manager'],
    query: MonthQuery,
    reply: z.string(),
  },
  case: {
    method: 'GET',
    url: '/cases/:id',
    summary: 'One case with every action; the phone in full for its owner and managers only',
    tag: 'cases',
    access: ['clerk'],
    params: IdParams,
    reply: CaseView,
  },
});
