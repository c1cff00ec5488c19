import type { HallContext } from '../../hall/context.ts';
import { ReceiptReply } from '../../shared/api/hall/money.ts';
import type { EventPayload } from '../../shared/events/catalog.ts';
import type { ZReport } from '../../shared/money/zreport.ts';
import type { TestHall } from './hall.ts';
import { parseReply } from './http.ts';

/** A reason code every hall offers for an over/short (settings' default list). */
export const COUNTING_ERROR = 'counting_error';

/** The demo hall's duty manager, as a void's approver or a count's witness types them in. */
export const DUTY_MANAGER = { staffNo: '9001', pin: '123456' };

/** POST /receipts as `token` (with an Idempotency-Key when given): the reply as it is, refusals too. */
export const pay = (hall: TestHall, token: string, body: unknown, key?: string) =>
  hall.request('POST', '/receipts', { token, body, headers: key ? { 'idempotency-key': key } : {} });

/** A receipt recorded, read through its reply schema (a refusal fails the test, its body in the message). */
export const paid = async (hall: TestHall, token: string, body: unknown) =>
  parseReply(ReceiptReply, await pay(hall, token, body));

/** A receipt's body: `qty` of one fee, paid in cash with `cashFen` (the change comes back from it). */
export const feeInCash = (feeCode: string, cashFen: number, qty = 1) => ({
  lines: [{ feeCode, qty }],
  payments: [{ method: 'cash', amountFen: cashFen }],
});

type Receipt = EventPayload<'receipt.recorded'>;
type Takings = 'lines' | 'payments' | 'totalFen' | 'paidFen' | 'changeFen' | 'cashFen';

/**
 * A `receipt.recorded` payload as a station journals it, for pushing by hand: one utility bill of
 * `amountFen` paid exactly in cash, on no ticket and for its own day unless `of` says otherwise.
 */
export const aReceiptRecorded = (
  amountFen: number,
  of: Omit<Receipt, Takings | 'ticketId' | 'lateFor'> & Partial<Receipt>,
): Receipt => ({
  ticketId: null,
  lateFor: null,
  lines: [{ kind: 'bill', account: 'E-1002003', amountFen }],
  payments: [{ method: 'cash', amountFen, reference: null }],
  totalFen: amountFen,
  paidFen: amountFen,
  changeFen: 0,
  cashFen: amountFen,
  ...of,
});

/**
 * A manager closes the day on the node and approves its over/short themself (they opened and closed no
 * drawer, so R-CASH-2 lets them), straight through the writer: the bench and the property test close
 * many days and check the Z-report, not the route.
 */
export async function closeDayAsManager(ctx: HallContext, day: string, managerId: string): Promise<ZReport> {
  const { value } = await ctx.commits.run('closeDay', {
    day,
    staffId: managerId,
    counterNo: null,
    approverId: managerId,
    reasonCode: COUNTING_ERROR,
  });
  return value;
}
