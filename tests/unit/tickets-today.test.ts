import { describe, expect, it } from 'vitest';
import { foldTickets, type TicketEventRow } from '../../headoffice/ticketsToday.ts';

const ev = (type: string, at: number, payload: Record<string, unknown>): TicketEventRow => ({
  type,
  occurred_at: at,
  payload: JSON.stringify({ ticketId: 't1', ...payload }),
});

describe("head office's view of a hall's tickets today", () => {
  it('DESIGN-3: a ticket folds to its state now: transferred keeps its number, called again at its new counter', () => {
    const [t] = foldTickets([
      ev('ticket.issued', 1, { number: 'A001', serviceCode: 'A', priority: false }),
      ev('ticket.called', 2, { counterNo: 1 }),
      ev('ticket.transferred', 3, { fromCounterNo: 1, toServiceCode: 'B', toCounterNo: null }),
      ev('ticket.called', 4, { counterNo: 3 }),
      ev('ticket.started', 5, { counterNo: 3 }),
    ]);
    expect(t).toMatchObject({ number: 'A001', serviceCode: 'B', status: 'serving', counterNo: 3, lastAt: 5 });
  });

  it('DESIGN-3: a no-show reactivated waits again with no counter; events of unknown tickets are ignored', () => {
    const tickets = foldTickets([
      ev('ticket.called', 0, { counterNo: 9 }),
      ev('ticket.issued', 1, { number: 'C001', serviceCode: 'C', priority: true }),
      ev('ticket.called', 2, { counterNo: 2 }),
      ev('ticket.no_show', 3, { counterNo: 2 }),
      ev('ticket.reactivated', 4, {}),
    ]);
    expect(tickets).toEqual([
      expect.objectContaining({ number: 'C001', status: 'waiting', counterNo: null, priority: true }),
    ]);
  });
});
