import { describe, expect } from 'vitest';
import type { TestHall } from '../support/hall.ts';
import { it } from '../support/clocked.ts';
import { expectError, refusedUnchanged } from '../support/builders.ts';
import { parseReply } from '../support/http.ts';
import { DUTY_MANAGER, feeInCash, paid, pay } from '../support/money.ts';
import {
  CountReply,
  DrawerView,
  ReceiptReply,
  ReceiptSummary,
  ReceiptView,
} from '../../shared/api/hall/money.ts';
import { ZReport } from '../../shared/money/zreport.ts';
import { Fee } from '../../shared/money/fees.ts';
import { z } from 'zod';

const HOUR = 3_600_000;

describe('receipts (R-FEE-1, R-CASH-1)', () => {
  it('R-FEE-1: the fee schedule in force is the demo schedule', async ({ aHall }) => {
    const { hall, staff } = await aHall();
    const fees = parseReply(
      z.array(Fee),
      await hall.request('GET', '/fees', { token: await staff.clerk(1) }),
    );
    expect(fees.map((f) => f.code)).toEqual(['F01', 'F02', 'F03', 'F04', 'F05']);
    expect(fees[0]).toMatchObject({ priceFen: 2000, unit: '次' });
  });

  it('R-CASH-1: a cash payment gives change; numbers are gapless per device', async ({ aHallWithClerk }) => {
    const { hall, clerk: c1 } = await aHallWithClerk();
    const first = parseReply(
      ReceiptReply,
      await pay(hall, c1, {
        lines: [
          { feeCode: 'F01', qty: 2 },
          { kind: 'bill', account: 'E-1002003', amountFen: 12_345 },
        ],
        payments: [{ method: 'cash', amountFen: 20_000 }],
      }),
    );
    expect(first).toMatchObject({ totalFen: 16_345, paidFen: 20_000, changeFen: 3_655 });
    const second = parseReply(
      ReceiptReply,
      await pay(hall, c1, {
        lines: [{ feeCode: 'F05', qty: 1 }],
        payments: [{ method: 'wechat', amountFen: 200, reference: 'WX4200001' }],
      }),
    );
    const n = (r: { number: string }) => Number(r.number.split('-')[1]);
    expect(n(second)).toBe(n(first) + 1);
    expect(first.number.split('-')[0]).toBe(second.number.split('-')[0]);
    const view = parseReply(ReceiptView, await hall.request('GET', `/receipts/${first.id}`, { token: c1 }));
    expect(view).toMatchObject({ staffNo: '1001', reprints: 0, void: null });
    expect(view.lines[0]).toMatchObject({ kind: 'fee', unitPriceFen: 2000, qty: 2, amountFen: 4000 });
  });

  it('R-FEE-1, R-CASH-1: bad money is refused with a clear message and changes nothing', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const line = [{ feeCode: 'F01', qty: 1 }];
    const cases: [unknown, number, string][] = [
      [
        { lines: [{ feeCode: 'F99', qty: 1 }], payments: [{ method: 'cash', amountFen: 5000 }] },
        422,
        'E_FEE_UNKNOWN',
      ],
      [{ lines: line, payments: [{ method: 'cash', amountFen: 1000 }] }, 422, 'E_UNDERPAID'],
      [
        { lines: line, payments: [{ method: 'card', amountFen: 5000, reference: 'C1' }] },
        422,
        'E_CHANGE_NOT_CASH',
      ],
      [{ lines: line, payments: [{ method: 'card', amountFen: 2000 }] }, 400, 'E_VALIDATION'],
      [{ lines: line, payments: [{ method: 'cash', amountFen: -2000 }] }, 400, 'E_VALIDATION'],
      [{ lines: line, payments: [{ method: 'cash', amountFen: 1e12 }] }, 400, 'E_VALIDATION'],
      [
        { lines: [{ feeCode: 'F01', qty: 0.5 }], payments: [{ method: 'cash', amountFen: 2000 }] },
        400,
        'E_VALIDATION',
      ],
      [{ lines: [], payments: [{ method: 'cash', amountFen: 2000 }] }, 400, 'E_VALIDATION'],
    ];
    for (const [body, status, code] of cases)
      await refusedUnchanged(hall, () => pay(hall, c1, body), status, code);
    // Signed in, but not at a counter: no drawer to take money into.
    const manager = await staff.manager();
    await refusedUnchanged(
      hall,
      () => pay(hall, manager, { lines: line, payments: [{ method: 'cash', amountFen: 2000 }] }),
      403,
      'E_NO_COUNTER_SESSION',
    );
  });

  it('R-CASH-1: the same Idempotency-Key records one receipt', async ({ aHallWithClerk }) => {
    const { hall, clerk: c1 } = await aHallWithClerk();
    const body = feeInCash('F03', 1000);
    const a = await pay(hall, c1, body, 'k-1');
    const b = await pay(hall, c1, body, 'k-1');
    expect(b.body).toEqual(a.body);
    const list = parseReply(z.array(ReceiptSummary), await hall.request('GET', '/receipts', { token: c1 }));
    expect(list).toHaveLength(1);
  });
});

describe('voids (DESIGN §5: no self-approval)', () => {
  it('DESIGN-6: a void needs another manager; a void of a void and a second void are refused', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk: c1 } = await aHallWithClerk();
    const r = await paid(hall, c1, feeInCash('F02', 5000));
    const voidIt = (id: string, approver: unknown) =>
      hall.request('POST', `/receipts/${id}/void`, { token: c1, body: { reason: '录入错误', approver } });
    // A clerk is no approver, nor is the receipt's own clerk.
    await refusedUnchanged(hall, () => voidIt(r.id, { staffNo: '1002', pin: '123456' }), 403, 'E_APPROVER');
    await refusedUnchanged(
      hall,
      () => voidIt(r.id, { staffNo: '9001', pin: '000000' }),
      401,
      'E_BAD_CREDENTIALS',
    );
    const v = await voidIt(r.id, DUTY_MANAGER);
    expect(v.status).toBe(201);
    const voidId = (v.body as { id: string }).id;
    await refusedUnchanged(hall, () => voidIt(r.id, DUTY_MANAGER), 409, 'E_VOIDED');
    await refusedUnchanged(hall, () => voidIt(voidId, DUTY_MANAGER), 409, 'E_VOID_OF_VOID');
    const view = parseReply(ReceiptView, await hall.request('GET', `/receipts/${r.id}`, { token: c1 }));
    expect(view.void).toMatchObject({ id: voidId, reason: '录入错误', approverName: '王敏' });
  });

  it('DESIGN-5: a manager at a counter cannot approve the void of their own receipt', async ({ aHall }) => {
    const { hall } = await aHall();
    const m = await hall.login('9001', 2);
    const r = await paid(hall, m, feeInCash('F05', 200));
    await refusedUnchanged(
      hall,
      () =>
        hall.request('POST', `/receipts/${r.id}/void`, {
          token: m,
          body: { reason: 'x', approver: DUTY_MANAGER },
        }),
      403,
      'E_APPROVER',
    );
  });

  it('DESIGN-6: a clerk reads only their own receipts', async ({ aHallWithClerk }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const c2 = await staff.clerk(2);
    const r = await paid(hall, c1, feeInCash('F05', 200));
    expectError(await hall.request('GET', `/receipts/${r.id}`, { token: c2 }), 404, 'E_NOT_FOUND');
    expect(
      parseReply(z.array(ReceiptSummary), await hall.request('GET', '/receipts', { token: c2 })),
    ).toEqual([]);
    const all = await hall.request('GET', '/receipts', { token: await staff.manager() });
    expect(parseReply(z.array(ReceiptSummary), all)).toHaveLength(1);
  });
});

describe('drawer and day close (R-CASH-2, R-CASH-5)', () => {
  it('R-CASH-5: counts are blind; a spot check needs a manager witness; close with an over/short', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    expect(
      (await hall.request('POST', '/drawer/open', { token: c1, body: { floatFen: 50_000 } })).status,
    ).toBe(201);
    expectError(
      await hall.request('POST', '/drawer/open', { token: c1, body: { floatFen: 0 } }),
      409,
      'E_DRAWER_OPEN',
    );
    await pay(hall, c1, feeInCash('F02', 10_000));
    const drawer = parseReply(DrawerView, await hall.request('GET', '/drawer', { token: c1 }));
    expect(drawer.expectedFen).toBeUndefined(); // blind
    await refusedUnchanged(
      hall,
      () =>
        hall.request('POST', '/drawer/counts', { token: c1, body: { kind: 'spot', counts: { '10000': 5 } } }),
      422,
      'E_WITNESS',
    );
    // R-CASH-5: signed by both with their PINs — the clerk's own PIN too, checked like any signature.
    const spotBody = { kind: 'spot', counts: { '10000': 5, '5000': 1 }, witness: DUTY_MANAGER };
    const spotCount = (body: unknown) => () => hall.request('POST', '/drawer/counts', { token: c1, body });
    await refusedUnchanged(hall, spotCount(spotBody), 422, 'E_CLERK_PIN');
    await refusedUnchanged(hall, spotCount({ ...spotBody, clerkPin: '000000' }), 401, 'E_BAD_CREDENTIALS');
    const spot = parseReply(CountReply, await spotCount({ ...spotBody, clerkPin: '123456' })());
    expect(spot).toMatchObject({
      expectedFen: 55_000,
      countedFen: 55_000,
      differenceFen: 0,
      needsReason: false,
    });
    // ¥10 short at close.
    const close = parseReply(
      CountReply,
      await hall.request('POST', '/drawer/counts', {
        token: c1,
        body: { kind: 'close', counts: { '10000': 5, '2000': 2 } },
      }),
    );
    expect(close).toMatchObject({ differenceFen: -1_000, needsReason: true });
    const m = await staff.manager();
    const day = '2026-11-25';
    // Without a reason code the day does not close.
    await refusedUnchanged(
      hall,
      () => hall.request('POST', `/days/${day}/close`, { token: m, body: { approver: DUTY_MANAGER } }),
      422,
      'E_REASON_NEEDED',
    );
    const closed = await hall.request('POST', `/days/${day}/close`, {
      token: m,
      body: { approver: DUTY_MANAGER, reasonCode: 'change_error' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    const z1 = parseReply(ZReport, closed);
    expect(z1).toMatchObject({ day, count: 1, overShortFen: -1_000, chainBroken: null });
    expect(z1.totalsFen.byMethod.cash).toBe(5_000);
    const again = await hall.request('GET', `/days/${day}/z-report`, { token: m });
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(closed.body));
    expectError(
      await hall.request('POST', `/days/${day}/close`, {
        token: m,
        body: { approver: DUTY_MANAGER, reasonCode: 'unknown' },
      }),
      409,
      'E_DAY_CLOSED',
    );
  });

  it('R-CASH-2: a receipt taken after the close counts on the next day, marked late', async ({ aHall }) => {
    const { hall, clock, staff } = await aHall();
    const m = await staff.manager();
    const c2 = await staff.clerk(2);
    const day = '2026-11-25';
    expect(
      (await hall.request('POST', `/days/${day}/close`, { token: m, body: { approver: DUTY_MANAGER } }))
        .status,
    ).toBe(201);
    clock.advance(HOUR);
    const late = await paid(hall, c2, feeInCash('F05', 200));
    expect(late.day).toBe('2026-11-26');
    const view = parseReply(ReceiptView, await hall.request('GET', `/receipts/${late.id}`, { token: c2 }));
    expect(view.lateFor).toBe(day);
  });
});

describe('cash on hand, deposits and manual invoices (R-CASH-3, R-CASH-4, R-CASH-6)', () => {
  const DAY = '2026-11-25';
  const CLERK_2 = { staffNo: '1002', pin: '123456' };
  const Cash = z.object({
    drawers: z.array(z.object({ counterNo: z.number(), overLimit: z.boolean() })),
    deposits: z.array(
      z.object({ slipNo: z.string(), amountFen: z.number(), staffNames: z.array(z.string()) }),
    ),
  });
  const deposit = (hall: TestHall, token: string, body: unknown) =>
    hall.request('POST', '/deposits', { token, body });

  it('R-CASH-3, R-CASH-6: cash above the limit is flagged at the counter and for the manager; a deposit made by two people clears it', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const m = await staff.manager();
    // The default limit is ¥5,000: a ¥4,000 float and a ¥1,500 bill paid in cash put the drawer over it.
    await hall.request('POST', '/drawer/open', { token: c1, body: { floatFen: 400_000 } });
    await pay(hall, c1, {
      lines: [{ kind: 'bill', account: 'E-1002003', amountFen: 150_000 }],
      payments: [{ method: 'cash', amountFen: 150_000 }],
    });
    expect(parseReply(DrawerView, await hall.request('GET', '/drawer', { token: c1 })).overLimit).toBe(true);
    const before = parseReply(Cash, await hall.request('GET', `/cash?day=${DAY}`, { token: m }));
    expect(before.drawers).toEqual([expect.objectContaining({ counterNo: 1, overLimit: true })]);

    const made = await deposit(hall, c1, {
      amountFen: 300_000,
      slipNo: 'BK-20261125-01',
      companion: CLERK_2,
      fromDrawer: true,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(parseReply(DrawerView, await hall.request('GET', '/drawer', { token: c1 })).overLimit).toBe(false);
    const after = parseReply(Cash, await hall.request('GET', `/cash?day=${DAY}`, { token: m }));
    expect(after.drawers[0]!.overLimit).toBe(false);
    expect(after.deposits).toEqual([
      { slipNo: 'BK-20261125-01', amountFen: 300_000, staffNames: [expect.any(String), expect.any(String)] },
    ]);
    expect(new Set(after.deposits[0]!.staffNames).size).toBe(2);
  });

  it('R-CASH-6: a deposit is never made alone: no second person, oneself as the second, or a wrong PIN is refused and changes nothing', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const body = { amountFen: 10_000, slipNo: 'BK-1' };
    await refusedUnchanged(hall, () => deposit(hall, c1, body), 400, 'E_VALIDATION');
    await refusedUnchanged(
      hall,
      () => deposit(hall, c1, { ...body, companion: { staffNo: '1001', pin: '123456' } }),
      403,
      'E_APPROVER',
    );
    await refusedUnchanged(
      hall,
      () => deposit(hall, c1, { ...body, companion: { ...CLERK_2, pin: '000000' } }),
      401,
      'E_BAD_CREDENTIALS',
    );
    const m = await staff.manager();
    expect(parseReply(Cash, await hall.request('GET', `/cash?day=${DAY}`, { token: m })).deposits).toEqual(
      [],
    );
  });

  it('R-CASH-4: the day’s manual invoices are summarised against the receipts: a gap in a series and an amount that differs are listed', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const receipt = await paid(hall, c1, feeInCash('F02', 5_000));
    const invoice = (invoiceNo: string, amountFen: number, receiptId?: string) =>
      hall.request('POST', '/invoices', {
        token: c1,
        body: { invoiceNo, amountFen, ...(receiptId ? { receiptId } : {}) },
      });
    expect((await invoice('FP00000101', receipt.totalFen, receipt.id)).status).toBe(201);
    expect((await invoice('FP00000104', 999, receipt.id)).status).toBe(201);
    await refusedUnchanged(hall, () => invoice('not an invoice', 100), 400, 'E_VALIDATION');
    const m = await staff.manager();
    const day = await hall.request('GET', `/invoices?day=${DAY}`, { token: m });
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({
      day: DAY,
      summary: {
        count: 2,
        totalFen: receipt.totalFen + 999,
        gaps: ['FP00000102', 'FP00000103'],
        mismatches: [{ invoiceNo: 'FP00000104', reason: 'amount_differs' }],
      },
    });
  });
});
