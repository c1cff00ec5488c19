import type { z } from 'zod';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { moneyContract, type ReceiptSummary, type ReceiptView } from '../../shared/api/hall/money.ts';
import { DomainError } from '../../shared/errors.ts';
import type { PaymentMethod } from '../../shared/money/amounts.ts';
import type { Signature } from '../../shared/money/cash.ts';
import { deviceCode } from '../../shared/money/receipt.ts';
import { summariseInvoices, ZReport } from '../../shared/money/zreport.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import { countersign } from '../auth/service.ts';
import { isManager, type HallContext, type Principal } from '../context.ts';
import { command } from '../http/command.ts';
import { staffOnly, type Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';
import { drawerClosed, drawerOf, expectedCashFen, fees, isDayClosed, openDay } from './queries.ts';
import type { Teller } from './service.ts';

/** Money is taken by a clerk signed in at a counter: the counter names the drawer and the receipt. */
function teller(p: Principal): Teller {
  if (p.kind !== 'staff' || p.counterNo === null) throw new DomainError('E_NO_COUNTER_SESSION');
  return { staffId: p.staffId, counterNo: p.counterNo };
}

const MANAGERS = ['manager', 'admin'] as const;

interface ReceiptRow {
  id: string;
  number: string;
  day: string;
  late_for: string | null;
  total_fen: number;
  paid_fen: number;
  change_fen: number;
  counter_no: number;
  staff_id: string;
  ticket_id: string | null;
  lines: string;
  payments: string;
  recorded_at: number;
  void_id: string | null;
}

const RECEIPT_SELECT = `SELECT r.*, v.id AS void_id FROM receipts r LEFT JOIN receipt_voids v ON v.receipt_id = r.id`;

const summary = (r: ReceiptRow): z.input<typeof ReceiptSummary> => ({
  id: r.id,
  number: r.number,
  day: r.day,
  totalFen: r.total_fen,
  counterNo: r.counter_no,
  staffId: r.staff_id,
  recordedAt: r.recorded_at,
  ...(r.void_id ? { voidedBy: r.void_id } : {}),
});

/** A clerk sees their own receipts; a duty manager every receipt of the node. */
function mayRead(p: Principal, staffId: string): boolean {
  return isManager(p) || (p.kind === 'staff' && p.staffId === staffId);
}

function receiptView(ctx: HallContext, p: Principal, id: string): z.input<typeof ReceiptView> {
  const r = stmt(ctx.db, `${RECEIPT_SELECT} WHERE r.id = ?`).get(id) as ReceiptRow | undefined;
  if (!r || !mayRead(p, r.staff_id)) throw new DomainError('E_NOT_FOUND', { what: id });
  const clerk = read.staffById(ctx.db, r.staff_id);
  const { n: reprints } = stmt(ctx.db, 'SELECT count(*) AS n FROM receipt_reprints WHERE receipt_id = ?').get(
    id,
  ) as {
    n: number;
  };
  const v = r.void_id
    ? (stmt(ctx.db, 'SELECT id, reason, approver_id, recorded_at FROM receipt_voids WHERE id = ?').get(
        r.void_id,
      ) as {
        id: string;
        reason: string;
        approver_id: string;
        recorded_at: number;
      })
    : null;
  const ticket = r.ticket_id ? read.ticketById(ctx.db, r.ticket_id) : null;
  return {
    ...summary(r),
    hallName: read.settings(ctx.db).hallName,
    staffNo: clerk?.staffNo ?? '',
    staffName: clerk?.name ?? '',
    ticketNumber: ticket?.number ?? null,
    lateFor: r.late_for,
    lines: JSON.parse(r.lines) as z.input<typeof ReceiptView>['lines'],
    payments: JSON.parse(r.payments) as z.input<typeof ReceiptView>['payments'],
    paidFen: r.paid_fen,
    changeFen: r.change_fen,
    reprints,
    void: v
      ? {
          id: v.id,
          reason: v.reason,
          approverName: read.staffById(ctx.db, v.approver_id)?.name ?? '',
          recordedAt: v.recorded_at,
        }
      : null,
  };
}

const today = (ctx: HallContext) => businessDay(ctx.clock.now(), read.settings(ctx.db).timeZone);

/** R-CASH-3: the drawers above the cash-on-hand limit, with what they hold. */
function cashOverview(ctx: HallContext, day: string) {
  const s = read.settings(ctx.db);
  const drawers = stmt(ctx.db, 'SELECT * FROM drawers WHERE day = ? ORDER BY counter_no, opened_at').all(
    day,
  ) as {
    id: string;
    device_id: string;
    staff_id: string;
    counter_no: number;
    float_fen: number;
  }[];
  const byMethod: Record<string, number> = { cash: 0, card: 0, wechat: 0, alipay: 0, cheque: 0 };
  for (const r of stmt(ctx.db, 'SELECT payments, cash_fen FROM receipts WHERE day = ?').all(day) as {
    payments: string;
    cash_fen: number;
  }[]) {
    byMethod.cash = (byMethod.cash ?? 0) + r.cash_fen;
    for (const p of JSON.parse(r.payments) as { method: PaymentMethod; amountFen: number }[])
      if (p.method !== 'cash') byMethod[p.method] = (byMethod[p.method] ?? 0) + p.amountFen;
  }
  return {
    day,
    deviceCode: deviceCode(ctx.deviceId),
    closed: isDayClosed(ctx.db, ctx.deviceId, day),
    limitFen: s.cashOnHandLimitFen,
    thresholdFen: s.overShortThresholdFen,
    drawers: drawers.map((d) => {
      const expectedFen = expectedCashFen(ctx.db, d.id);
      const takings = stmt(
        ctx.db,
        'SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS fen FROM receipts WHERE drawer_id = ?',
      ).get(d.id) as { n: number; fen: number };
      const last = stmt(
        ctx.db,
        `SELECT c.id, c.kind, c.counted_fen, c.difference_fen, e.reason_code FROM drawer_counts c
         LEFT JOIN drawer_explanations e ON e.count_id = c.id WHERE c.drawer_id = ? ORDER BY c.recorded_at DESC LIMIT 1`,
      ).get(d.id) as
        | {
            id: string;
            kind: 'spot' | 'close';
            counted_fen: number;
            difference_fen: number;
            reason_code: string | null;
          }
        | undefined;
      return {
        drawerId: d.id,
        deviceCode: deviceCode(d.device_id),
        staffId: d.staff_id,
        staffName: read.staffById(ctx.db, d.staff_id)?.name ?? d.staff_id,
        counterNo: d.counter_no,
        floatFen: d.float_fen,
        expectedFen,
        receipts: takings.n,
        totalFen: takings.fen,
        overLimit: expectedFen > s.cashOnHandLimitFen,
        lastCount: last
          ? {
              countId: last.id,
              kind: last.kind,
              countedFen: last.counted_fen,
              differenceFen: last.difference_fen,
              reasonCode: last.reason_code,
            }
          : null,
        closed: drawerClosed(ctx.db, d.id),
      };
    }),
    deposits: (
      stmt(ctx.db, 'SELECT id, amount_fen, slip_no, staff_id, companion_id FROM deposits WHERE day = ?').all(
        day,
      ) as {
        id: string;
        amount_fen: number;
        slip_no: string;
        staff_id: string;
        companion_id: string;
      }[]
    ).map((d) => ({
      id: d.id,
      amountFen: d.amount_fen,
      slipNo: d.slip_no,
      staffNames: [d.staff_id, d.companion_id].map((id) => read.staffById(ctx.db, id)?.name ?? id),
    })),
    byMethod: byMethod as Record<PaymentMethod, number>,
  };
}

function invoicesOf(ctx: HallContext, day: string) {
  const rows = stmt(
    ctx.db,
    `SELECT i.id, i.invoice_no, i.amount_fen, i.receipt_id, r.number, r.total_fen,
       v.id IS NOT NULL AS voided
     FROM manual_invoices i LEFT JOIN receipts r ON r.id = i.receipt_id LEFT JOIN receipt_voids v ON v.receipt_id = r.id
     WHERE i.device_id = ? AND i.day = ? ORDER BY i.invoice_no`,
  ).all(ctx.deviceId, day) as {
    id: string;
    invoice_no: string;
    amount_fen: number;
    receipt_id: string | null;
    number: string | null;
    total_fen: number | null;
    voided: number;
  }[];
  const receipts = new Map(
    rows
      .filter((r) => r.receipt_id !== null && r.total_fen !== null)
      .map((r) => [r.receipt_id as string, { totalFen: r.total_fen as number, voided: r.voided === 1 }]),
  );
  return {
    day,
    invoices: rows.map((r) => ({
      id: r.id,
      invoiceNo: r.invoice_no,
      amountFen: r.amount_fen,
      receiptNumber: r.number,
    })),
    summary: summariseInvoices(
      rows.map((r) => ({ invoiceNo: r.invoice_no, amountFen: r.amount_fen, receiptId: r.receipt_id })),
      receipts,
    ),
  };
}

/**
 * Receipts, drawers and the day's close (issue 11), on the node that serves the counter: a station
 * for its own counter, the hub for the counters it serves itself (DESIGN §6b).
 */
export function moneyRoutes(api: Api): void {
  const ctx = api.ctx;
  /** The teller, and the duty manager who approves on the spot with their PIN (DESIGN §6b). */
  const approvedTeller = async (p: Principal, approver: Signature) => ({
    ...teller(p),
    approverId: (await countersign(ctx, approver, MANAGERS)).id,
  });
  api.implement(moneyContract, {
    fees: () => fees(ctx.db, openDay(ctx.db, ctx.deviceId, ctx.clock.now()).day),
    recordReceipt: command(({ principal, body }) =>
      invoke('recordReceipt', {
        ...teller(principal),
        ticketId: body.ticketId ?? null,
        lines: body.lines,
        payments: body.payments,
      }),
    ),
    voidReceipt: command(async ({ principal, params, body }) =>
      invoke('voidReceipt', {
        ...(await approvedTeller(principal, body.approver)),
        receiptId: params.id,
        reason: body.reason,
      }),
    ),
    receipts: ({ principal, query }) => {
      const day = query.day ?? today(ctx);
      const rows = stmt(
        ctx.db,
        `${RECEIPT_SELECT} WHERE r.day = ? ORDER BY r.recorded_at DESC, r.seq DESC`,
      ).all(day) as ReceiptRow[];
      return rows.filter((r) => mayRead(principal, r.staff_id)).map(summary);
    },
    receipt: ({ principal, params }) => receiptView(ctx, principal, params.id),
    reprintReceipt: command(({ principal, params }) => {
      const t = teller(principal);
      receiptView(ctx, principal, params.id); // refuses another clerk's receipt
      return invoke('reprintReceipt', { ...t, receiptId: params.id });
    }),
    openDrawer: command(({ principal, body }) =>
      invoke('openDrawer', { ...teller(principal), floatFen: body.floatFen }),
    ),
    drawer: ({ principal }) => {
      const t = teller(principal);
      const { day } = openDay(ctx.db, ctx.deviceId, ctx.clock.now());
      const d = drawerOf(ctx.db, ctx.deviceId, t.staffId, day);
      if (!d) return undefined;
      const expectedFen = expectedCashFen(ctx.db, d.id);
      const { n } = stmt(ctx.db, 'SELECT count(*) AS n FROM receipts WHERE drawer_id = ?').get(d.id) as {
        n: number;
      };
      return {
        drawerId: d.id,
        day: d.day,
        floatFen: d.float_fen,
        receipts: n,
        closed: d.closed === 1,
        overLimit: expectedFen > read.settings(ctx.db).cashOnHandLimitFen,
        // Blind count (R-CASH-5): the clerk's own drawer shows no expected figure.
        ...(isManager(principal) ? { expectedFen } : {}),
      };
    },
    moveCash: command(({ principal, body }) => invoke('moveCash', { ...teller(principal), ...body })),
    countDrawer: command(async ({ principal, body }) => {
      const t = teller(principal);
      if (body.kind === 'spot' && !body.witness) throw new DomainError('E_WITNESS');
      // R-CASH-5: a spot check is signed by both with their PINs. The clerk's goes through the same
      // PIN check and lock-out as any signature: a session alone does not sign a count of one's drawer.
      if (body.kind === 'spot') {
        const clerk = principal.kind === 'staff' ? read.staffById(ctx.db, t.staffId) : undefined;
        if (!body.clerkPin || !clerk) throw new DomainError('E_CLERK_PIN');
        await countersign(ctx, { staffNo: clerk.staffNo, pin: body.clerkPin }, ['clerk', ...MANAGERS]);
      }
      const witness = body.witness ? await countersign(ctx, body.witness, MANAGERS) : null;
      if (witness && witness.id === t.staffId) throw new DomainError('E_WITNESS');
      return invoke('countDrawer', {
        ...t,
        kind: body.kind,
        counts: body.counts,
        witnessId: witness?.id ?? null,
        note: body.note ?? null,
      });
    }),
    explainDifference: command(async ({ principal, params, body }) =>
      invoke('explainDifference', {
        ...(await approvedTeller(principal, body.approver)),
        countId: params.id,
        reasonCode: body.reasonCode,
        note: body.note ?? null,
      }),
    ),
    recordDeposit: command(async ({ principal, body }) => {
      const t = teller(principal);
      const companion = await countersign(ctx, body.companion, ['clerk', ...MANAGERS]);
      return invoke('recordDeposit', {
        ...t,
        companionId: companion.id,
        amountFen: body.amountFen,
        slipNo: body.slipNo,
        fromDrawer: body.fromDrawer,
      });
    }),
    recordInvoice: command(({ principal, body }) =>
      invoke('recordInvoice', {
        ...teller(principal),
        invoiceNo: body.invoiceNo,
        amountFen: body.amountFen,
        receiptId: body.receiptId ?? null,
      }),
    ),
    invoices: ({ query }) => invoicesOf(ctx, query.day ?? today(ctx)),
    cash: ({ query }) => cashOverview(ctx, query.day ?? today(ctx)),
    closeDay: command(async ({ principal, params, body }) => {
      const { staffId, counterNo } = staffOnly(principal);
      // A station writes money only for its own counter (DESIGN §5 origin rules): its close is made there.
      if (ctx.role === 'station' && counterNo === null) throw new DomainError('E_NO_COUNTER_SESSION');
      const approver = await countersign(ctx, body.approver, MANAGERS);
      return invoke('closeDay', {
        day: params.day,
        staffId,
        counterNo,
        approverId: approver.id,
        reasonCode: body.reasonCode ?? null,
      });
    }),
    zReport: ({ params }) => {
      const row = stmt(ctx.db, 'SELECT report FROM day_closes WHERE device_id = ? AND day = ?').get(
        ctx.deviceId,
        params.day,
      ) as { report: string } | undefined;
      if (!row) throw new DomainError('E_DAY_OPEN', { day: params.day });
      return ZReport.parse(JSON.parse(row.report));
    },
  });
}
