import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import {
  checkAcceptance,
  checkItems,
  type AcceptItem,
  type AcceptProblem,
  type HandoverBody,
  type HandoverItem,
  type ItemProblem,
} from '../../shared/handover/model.ts';
import { yuan } from '../../shared/money/amounts.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import type { WriteContext } from '../context.ts';
import { drawerOf } from '../money/queries.ts';
import { carryOverAt, handoverRow, handoverView, itemsOf, waitingAt } from './queries.ts';

/** The clerk in session at a counter: who writes or signs a handover there. */
export interface AtCounter {
  staffId: string;
  counterNo: number;
}

const ITEM_PROBLEM: Record<ItemProblem['code'], string> = {
  kind: 'not a kind on the handover list',
  cash_counts: 'cash is handed over counted by denomination',
  cash_sum: 'the amount is not what the counts come to',
  invoice_range: 'invoices are handed over by number range',
};

function answerProblem(p: AcceptProblem): string {
  switch (p.code) {
    case 'missing':
      return 'every item must be confirmed or disputed';
    case 'unknown':
      return 'no such item';
    case 'twice':
      return 'answered twice';
    case 'count_needed':
      return 'cash is counted again by the incoming clerk';
    case 'count_differs':
      return `counted ${yuan(p.countedFen)}, handed over ${yuan(p.expectedFen)}: count again or dispute it with a note`;
    case 'amount_differs':
      return 'the cheque amount differs: dispute it with a note';
    case 'range_differs':
      return 'the invoice range differs: dispute it with a note';
    case 'note_needed':
      return 'a disputed item needs a note';
  }
}

/**
 * R-HAND-1, R-HAND-2: the outgoing clerk writes the handover. It starts from the items the last one
 * left unresolved (carried over automatically), cash items link to the writer's drawer of the day, and
 * a counter holds one unsigned handover at a time.
 */
export function writeHandover(ctx: WriteContext, by: AtCounter, body: HandoverBody): { id: string } {
  const s = read.settings(ctx.db);
  const problem = checkItems(body.items, s.handoverKinds);
  if (problem)
    throw new DomainError('E_HANDOVER_ITEM', { item: problem.index + 1, detail: ITEM_PROBLEM[problem.code] });
  if (waitingAt(ctx.db, ctx.deviceId, by.counterNo)) throw new DomainError('E_HANDOVER_WAITING');
  const carried = carryOverAt(ctx.db, ctx.deviceId, by.counterNo);
  if (carried.length + body.items.length === 0) throw new DomainError('E_HANDOVER_EMPTY');
  const drawer = drawerOf(ctx.db, ctx.deviceId, by.staffId, businessDay(ctx.clock.now(), s.timeZone));
  const items: HandoverItem[] = [
    ...carried,
    ...body.items.map((item) =>
      item.counts !== undefined && drawer ? { ...item, drawerId: drawer.id } : item,
    ),
  ];
  const handoverId = ctx.ids.next();
  ctx.journal.append(
    'handover.written',
    { handoverId, counterNo: by.counterNo, staffId: by.staffId, drawerId: drawer?.id ?? null, items },
    by.staffId,
  );
  return { id: handoverId };
}

/**
 * R-HAND-1: the incoming clerk signs in their own session (the PIN was checked by the route): never the
 * writer, only at the handover's counter, once. Every item is confirmed (cash and cheques counted
 * again, invoices by range) or disputed with a note; a disputed item escalates to the duty manager
 * (record alerts) and carries over into the next handover.
 */
export function acceptHandover(ctx: WriteContext, by: AtCounter, handoverId: string, answers: AcceptItem[]) {
  const h = handoverRow(ctx.db, handoverId);
  if (!h || h.device_id !== ctx.deviceId) throw new DomainError('E_UNKNOWN_HANDOVER');
  if (h.writer_id === by.staffId) throw new DomainError('E_HANDOVER_SELF');
  if (h.accepted_at !== null) throw new DomainError('E_HANDOVER_SIGNED');
  if (h.counter_no !== by.counterNo) throw new DomainError('E_NOT_YOUR_COUNTER', { counterNo: h.counter_no });
  const problem = checkAcceptance(itemsOf(ctx.db, handoverId), answers);
  if (problem)
    throw new DomainError('E_HANDOVER_ANSWER', { item: problem.index + 1, detail: answerProblem(problem) });
  const items = [...answers].sort((a, b) => a.index - b.index).map((a) => ({ ...a, note: a.note ?? null }));
  ctx.journal.append(
    'handover.accepted',
    {
      handoverId,
      counterNo: h.counter_no,
      staffId: by.staffId,
      items,
      disagreements: items.filter((a) => !a.confirmed).length,
    },
    by.staffId,
  );
  return handoverView(ctx.db, handoverRow(ctx.db, handoverId)!, by.staffId);
}

/**
 * R-HAND-1: the duty manager writes their opinion (ruling) into the book for a handover signed with
 * disagreements, once. Signed by the manager whose PIN the route checked; never by someone who wrote or
 * signed that handover. It clears the dispute alert; the disputed items still carry over until a later
 * handover confirms them, because a ruling says what to do, not that it was done.
 */
export function ruleOnHandover(ctx: WriteContext, managerId: string, handoverId: string, opinion: string) {
  const h = handoverRow(ctx.db, handoverId);
  if (!h) throw new DomainError('E_UNKNOWN_HANDOVER');
  if (h.accepted_at === null || h.disagreements === 0) throw new DomainError('E_HANDOVER_NOT_DISPUTED');
  if (h.opinion_at !== null) throw new DomainError('E_HANDOVER_RULED');
  if (managerId === h.writer_id || managerId === h.acceptor_id)
    throw new DomainError('E_APPROVER', { detail: 'not one of the clerks of this handover' });
  ctx.journal.append(
    'handover.ruled',
    { handoverId, counterNo: h.counter_no, staffId: managerId, opinion },
    managerId,
  );
  return handoverView(ctx.db, handoverRow(ctx.db, handoverId)!, managerId);
}
