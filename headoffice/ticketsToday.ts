import type { HallTicketT } from '../shared/api/console.ts';

/** A ticket event as head office stores it (payload as JSON text). */
export interface TicketEventRow {
  type: string;
  payload: string;
  occurred_at: number;
}

type Status = HallTicketT['status'];
const STATUS_AFTER: Record<string, Status> = {
  'ticket.called': 'called',
  'ticket.returned': 'called',
  'ticket.started': 'serving',
  'ticket.finished': 'done',
  'ticket.no_show': 'no_show',
  'ticket.reactivated': 'waiting',
  'ticket.parked': 'parked',
  'ticket.transferred': 'transferred',
  'ticket.cancelled': 'cancelled',
};

/**
 * Folds one hall's ticket events of the day, in journal order, into each ticket's state now: the same
 * states the hall's own projection has (DESIGN §3), read from the journal head office holds.
 */
export function foldTickets(rows: readonly TicketEventRow[]): HallTicketT[] {
  const tickets = new Map<string, HallTicketT>();
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Record<string, unknown>;
    const id = typeof p.ticketId === 'string' ? p.ticketId : null;
    if (!id) continue;
    if (row.type === 'ticket.issued') {
      tickets.set(id, {
        ticketId: id,
        number: String(p.number),
        serviceCode: String(p.serviceCode),
        priority: p.priority === true,
        status: 'waiting',
        counterNo: null,
        issuedAt: row.occurred_at,
        lastAt: row.occurred_at,
      });
      continue;
    }
    const t = tickets.get(id);
    const status = STATUS_AFTER[row.type];
    if (!t || !status) continue;
    t.status = status;
    t.lastAt = row.occurred_at;
    if (typeof p.counterNo === 'number') t.counterNo = p.counterNo;
    if (row.type === 'ticket.transferred') {
      t.counterNo = null;
      if (typeof p.toServiceCode === 'string') t.serviceCode = p.toServiceCode;
    }
    if (row.type === 'ticket.reactivated') t.counterNo = null;
  }
  return [...tickets.values()].sort((a, b) => a.issuedAt - b.issuedAt);
}
