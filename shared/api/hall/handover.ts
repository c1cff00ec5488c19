import { z } from 'zod';
import { AcceptBody, HandoverBody, HandoverItem, HandoverView, OpinionBody } from '../../handover/model.ts';
import { Id } from '../../primitives.ts';
import { IdempotencyHeader } from '../contract.ts';
import { hallRoutes } from './access.ts';

const IdParams = z.object({ id: Id }).strict();

export const HandoverFilter = z
  .object({ filter: z.enum(['all', 'unsigned', 'disagreements']).optional() })
  .strict();

/** What the counter's 交接班 screen shows: the handover waiting to be signed, and what a new one starts from. */
export const CounterHandovers = z.object({
  waiting: HandoverView.nullable(),
  /** R-HAND-1: the items a new handover carries over automatically. */
  carryOver: z.array(HandoverItem),
  /** R-HAND-2: the kinds a handover is written in (setting). */
  kinds: z.array(z.string()),
});

/**
 * The handover book (交接班, issue 13; R-HAND-1, R-HAND-2). Written by the node that serves the
 * counter, like money: a station for its own counter, the hub for the counters it serves directly.
 */
export const handoverContract = hallRoutes({
  writeHandover: {
    method: 'POST',
    url: '/handovers',
    summary:
      'The outgoing clerk writes the handover (R-HAND-2 kinds; cash by denomination, linked to the drawer); unresolved items of the last one are carried over (R-HAND-1)',
    tag: 'handover',
    access: ['clerk'],
    body: HandoverBody,
    headers: IdempotencyHeader,
    reply: z.object({ id: Id }),
    status: 201,
    idempotent: true,
  },
  acceptHandover: {
    method: 'POST',
    url: '/handovers/:id/accept',
    summary:
      'The incoming clerk, in their own session, confirms each item (cash counted again, invoices by range) and signs with their PIN; the writer → 403 (R-HAND-1)',
    tag: 'handover',
    access: ['clerk'],
    params: IdParams,
    body: AcceptBody,
    headers: IdempotencyHeader,
    reply: HandoverView,
    status: 201,
    idempotent: true,
  },
  counterHandovers: {
    method: 'GET',
    url: '/handovers/counter',
    summary: "The caller's counter: the handover waiting to be signed and what a new one carries over",
    tag: 'handover',
    access: ['clerk'],
    reply: CounterHandovers,
  },
  myHandovers: {
    method: 'GET',
    url: '/handovers/mine',
    summary: 'The handovers the caller wrote or signed, newest first',
    tag: 'handover',
    access: ['clerk'],
    reply: z.array(HandoverView),
  },
  handovers: {
    method: 'GET',
    url: '/handovers',
    summary: "Every counter's handovers (the hub holds its stations'): all, unsigned or with disagreements",
    tag: 'handover',
    access: ['manager'],
    query: HandoverFilter,
    reply: z.array(HandoverView),
  },
});

/**
 * The duty manager's side of the book, on the hub only (it holds every counter's handovers; a station
 * forwards these routes to it).
 */
export const handoverHubContract = hallRoutes({
  handoverOpinion: {
    method: 'POST',
    url: '/handovers/:id/opinion',
    summary:
      'R-HAND-1: a duty manager writes their opinion on a handover signed with disagreements (their PIN checked on the spot, like a countersign); it clears the dispute alert; once only',
    tag: 'handover',
    access: ['clerk'],
    params: IdParams,
    body: OpinionBody,
    headers: IdempotencyHeader,
    reply: HandoverView,
    status: 201,
    idempotent: true,
  },
});
