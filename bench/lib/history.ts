import { GENESIS_HASH, type JournalRow } from '../../shared/journal/row.ts';
import { rowHash } from '../../shared/journal/hash.ts';
import { CURRENT_SCHEMA_VER, type EventType } from '../../shared/events/catalog.ts';
import { formatTicketNumber } from '../../shared/queue/numbering.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import { uuidV7Ids } from '../../shared/runtime.ts';

/**
 * A hall's history as it happens: tickets issued through the day, each called, started and finished at
 * one of the demo hall's counters. Four rows a ticket, 500 tickets (2,000 rows) a business day — the
 * "30-day backlog of 60,000 rows" of issue 4.
 */
export const ROWS_PER_DAY = 2000;
const TICKETS_PER_DAY = ROWS_PER_DAY / 4;
const DAY_MS = 24 * 60 * 60_000;
const TICKET_MS = 60_000;

/** Service mix (of ten tickets) and the demo counters that serve each service. */
const MIX = ['A', 'A', 'A', 'A', 'C', 'C', 'C', 'B', 'B', 'D'] as const;
const COUNTERS: Record<(typeof MIX)[number], number[]> = {
  A: [1, 2, 5],
  B: [3, 4, 5],
  C: [1, 2, 3, 4, 5, 6],
  D: [6],
};

export interface HallEvent {
  type: EventType;
  payload: Record<string, unknown>;
  at: number;
  /** recorded_by: the clerk for counter actions, the kiosk device for issuing. */
  by: string;
}

export interface HistoryOptions {
  rows: number;
  /** The history ends before this instant. */
  endMs: number;
  timeZone: string;
  /** Staff id of the clerk at counters 1..6 (index 0 = counter 1). */
  clerkIds: readonly string[];
  kioskBy: string;
}

/** The events of `rows` journal rows, in time order, ending on the day before `endMs`. */
export function* hallHistory(o: HistoryOptions): Generator<HallEvent> {
  const days = Math.ceil(o.rows / ROWS_PER_DAY);
  const firstDay = o.endMs - (days + 1) * DAY_MS;
  let emitted = 0;
  const turn: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (let d = 0; d < days; d++) {
    const opening = firstDay + d * DAY_MS + 8 * 60 * 60_000;
    const day = businessDay(opening, o.timeZone);
    const seqs: Record<string, number> = {};
    for (let i = 0; i < TICKETS_PER_DAY; i++) {
      const service = MIX[i % MIX.length]!;
      const counters = COUNTERS[service];
      const counterNo = counters[turn[service]!++ % counters.length]!;
      const staffId = o.clerkIds[counterNo - 1]!;
      const seq = (seqs[service] = (seqs[service] ?? 0) + 1);
      const ticketId = uuidV7Ids.next();
      const t = opening + i * TICKET_MS;
      const events: HallEvent[] = [
        {
          type: 'ticket.issued',
          at: t,
          by: o.kioskBy,
          payload: {
            ticketId,
            number: formatTicketNumber(service, seq),
            serviceCode: service,
            priority: false,
            internal: false,
            businessDay: day,
            seq,
            idempotencyKey: null,
            channel: 'kiosk',
          },
        },
        {
          type: 'ticket.called',
          at: t + 20_000,
          by: staffId,
          payload: { ticketId, counterNo, staffId, streak: 0 },
        },
        { type: 'ticket.started', at: t + 25_000, by: staffId, payload: { ticketId, counterNo } },
        {
          type: 'ticket.finished',
          at: t + 55_000,
          by: staffId,
          payload: { ticketId, counterNo, handlingMs: 30_000, overrun: false, overrunReason: null },
        },
      ];
      for (const e of events) {
        if (emitted++ >= o.rows) return;
        yield e;
      }
    }
  }
}

/**
 * One device's hash chain built outside any database, exactly as Journal.append would build it: for
 * pushing real, verifiable rows to head office without a hall node per simulated hub.
 */
export class Chain {
  private seq = 0;
  private prev = GENESIS_HASH;

  constructor(
    readonly deviceId: string,
    readonly hallId: string,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  append(e: HallEvent): JournalRow {
    const unsigned = {
      id: uuidV7Ids.next(),
      device_id: this.deviceId,
      device_seq: this.seq + 1,
      hall_id: this.hallId,
      type: e.type,
      schema_ver: CURRENT_SCHEMA_VER,
      payload: e.payload,
      occurred_at: e.at,
      recorded_by: e.by,
      prev_hash: this.prev,
    };
    const row: JournalRow = { ...unsigned, hash: rowHash(unsigned) };
    this.seq = row.device_seq;
    this.prev = row.hash;
    return row;
  }
}

/** A simulated hub: its own device and hall ids and up to `capacity` rows of history to push. */
export class SimulatedHub {
  readonly chain: Chain;
  private readonly events: Generator<HallEvent>;

  constructor(deviceId: string, hallId: string, capacity = 1_000_000) {
    this.chain = new Chain(deviceId, hallId);
    this.events = hallHistory({
      rows: capacity,
      endMs: Date.now(),
      timeZone: 'Asia/Shanghai',
      clerkIds: [1, 2, 3, 4, 5, 6].map(() => uuidV7Ids.next()),
      kioskBy: `device:${uuidV7Ids.next()}`,
    });
  }

  next(n: number): JournalRow[] {
    const rows: JournalRow[] = [];
    for (let i = 0; i < n; i++) {
      const e = this.events.next();
      if (e.done) break;
      rows.push(this.chain.append(e.value));
    }
    return rows;
  }
}
