import { z } from 'zod';
import { Id } from '../../primitives.ts';
import {
  ArchiveView,
  MeetingBody,
  MeetingView,
  RetentionBody,
  ToolCount,
  ToolLendBody,
  ToolLoanView,
  VisitorBody,
  VisitorReply,
  VisitorView,
} from '../../registers/model.ts';
import { IdempotencyHeader } from '../contract.ts';
import { hallRoutes } from './access.ts';
import { DayQuery, IdParams } from './params.ts';

export const ToolList = z.object({ loans: z.array(ToolLoanView), count: ToolCount });

/**
 * The hall's registers (issue 13). Visitors are registered by the node serving the screen; the tool
 * register, meetings and training are the hall's, kept by the hub (a station forwards them); each node
 * archives its own records past their retention (R-REC-1).
 */
export const nodeRegistersContract = hallRoutes({
  registerVisitor: {
    method: 'POST',
    url: '/visitors',
    summary:
      'Register a visitor with their temperature (30–45 °C); above the limit admitted:false and the contact person is alerted (R-VIS-1)',
    tag: 'registers',
    access: ['clerk'],
    body: VisitorBody,
    headers: IdempotencyHeader,
    reply: VisitorReply,
    status: 201,
    idempotent: true,
  },
  visitors: {
    method: 'GET',
    url: '/visitors',
    summary: "A day's visitors (today unless told), phones masked",
    tag: 'registers',
    access: ['clerk'],
    query: DayQuery,
    reply: z.array(VisitorView),
  },
  runRetention: {
    method: 'POST',
    url: '/retention/run',
    summary:
      "Archive one record type's records past their retention to a file in the node's data directory (SHA-256 kept), then remove them from this node's tables (R-REC-1)",
    tag: 'registers',
    access: ['manager'],
    body: RetentionBody,
    headers: IdempotencyHeader,
    reply: ArchiveView,
    status: 201,
    idempotent: true,
  },
  archives: {
    method: 'GET',
    url: '/retention/archives',
    summary: 'The archives this node wrote (R-REC-1)',
    tag: 'registers',
    access: ['manager'],
    reply: z.array(ArchiveView),
  },
});

/** The hall's own registers, kept by the hub (a station forwards these routes). */
export const hallRegistersContract = hallRoutes({
  lendTool: {
    method: 'POST',
    url: '/tools',
    summary: 'Lend a tool: what, to whom, due back when (R-TOOL-1)',
    tag: 'registers',
    access: ['clerk'],
    body: ToolLendBody,
    headers: IdempotencyHeader,
    reply: ToolLoanView,
    status: 201,
    idempotent: true,
  },
  returnTool: {
    method: 'POST',
    url: '/tools/:id/return',
    summary: 'A lent tool comes back (R-TOOL-1)',
    tag: 'registers',
    access: ['clerk'],
    params: IdParams,
    headers: IdempotencyHeader,
    reply: ToolLoanView,
    idempotent: true,
  },
  tools: {
    method: 'GET',
    url: '/tools',
    summary: "The tools out and today's returns, with the day-end count: out, overdue (R-TOOL-1)",
    tag: 'registers',
    access: ['clerk'],
    reply: ToolList,
  },
  recordMeeting: {
    method: 'POST',
    url: '/meetings',
    summary: 'Record a morning meeting or a training with attendees, topics and test scores (R-ASSESS-4)',
    tag: 'registers',
    access: ['manager'],
    body: MeetingBody,
    headers: IdempotencyHeader,
    reply: MeetingView,
    status: 201,
    idempotent: true,
  },
  meetings: {
    method: 'GET',
    url: '/meetings',
    summary: 'Meetings and trainings, newest first (R-ASSESS-4)',
    tag: 'registers',
    access: ['manager'],
    reply: z.array(MeetingView),
  },
  acknowledgeAlert: {
    method: 'POST',
    url: '/alerts/:id/acknowledge',
    summary: 'The duty manager has seen an alert and takes it off the list',
    tag: 'registers',
    access: ['manager'],
    params: IdParams,
    headers: IdempotencyHeader,
    reply: z.object({ id: Id }),
    idempotent: true,
  },
});
