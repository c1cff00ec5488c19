import * as read from '../../db/read.ts';
import type { Db } from '../../db/open.ts';
import { DomainError } from '../../shared/errors.ts';
import type { CounterState } from '../../shared/queue/model.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import { recordedBy, recordedByDevice, type WriteContext, type Principal } from '../context.ts';

/** The counter with this number, or E_UNKNOWN_COUNTER. */
export function counterOrThrow(db: Db, counterNo: number): CounterState {
  const counter = read.counterByNo(db, counterNo);
  if (!counter) throw new DomainError('E_UNKNOWN_COUNTER', { counterNo });
  return counter;
}

/** A clerk takes a counter; whoever held it, and any other counter this clerk held, is signed out. */
export function signInAtCounter(ctx: WriteContext, staffId: string, counterNo: number): void {
  const counter = counterOrThrow(ctx.db, counterNo);
  for (const c of read.counters(ctx.db)) {
    if (c.staffId === staffId && c.counterNo !== counterNo) {
      ctx.journal.append('counter.signed_out', { counterNo: c.counterNo, staffId }, staffId);
    }
  }
  if (counter.staffId === staffId) return;
  if (counter.staffId)
    ctx.journal.append('counter.signed_out', { counterNo, staffId: counter.staffId }, staffId);
  ctx.journal.append('counter.signed_in', { counterNo, staffId }, staffId);
}

export function signOutOfCounter(ctx: WriteContext, staffId: string, counterNo: number): void {
  const counter = read.counterByNo(ctx.db, counterNo);
  if (counter?.staffId === staffId) ctx.journal.append('counter.signed_out', { counterNo, staffId }, staffId);
}

/** R-AWAY-1: the away sign, with a reason and an expected return time. */
export function goAway(
  ctx: WriteContext,
  by: Principal,
  counterNo: number,
  reason: string,
  returnAt: number,
): CounterState {
  const counter = counterOrThrow(ctx.db, counterNo);
  if (counter.status === 'away') throw new DomainError('E_COUNTER_AWAY');
  if (counter.ticketId) {
    throw new DomainError('E_COUNTER_BUSY', {
      number: read.ticketById(ctx.db, counter.ticketId)?.number ?? '?',
    });
  }
  // R-AWAY-1: a return time is later today, in the hall's business day; nothing else makes sense on a
  // sign, and an absurd one broke the display that formats it.
  const now = ctx.clock.now();
  const { timeZone } = read.settings(ctx.db);
  const today = businessDay(now, timeZone);
  if (returnAt <= now || businessDay(returnAt, timeZone) !== today)
    throw new DomainError('E_RETURN_AT', { day: today });
  ctx.journal.append('counter.away', { counterNo, reason: reason.trim(), returnAt }, recordedBy(by));
  return counterOrThrow(ctx.db, counterNo);
}

export function comeBack(ctx: WriteContext, by: Principal, counterNo: number): CounterState {
  const counter = counterOrThrow(ctx.db, counterNo);
  if (counter.status !== 'away') throw new DomainError('E_COUNTER_NOT_AWAY');
  ctx.journal.append('counter.back', { counterNo }, recordedBy(by));
  return counterOrThrow(ctx.db, counterNo);
}

/**
 * R-AWAY-1: an away sign up longer than the maximum raises one alert for the duty manager (R-DUTY-1).
 * Run by a timer on the hub; pure in time because the clock is injected.
 */
export function raiseOverdueAwayAlerts(ctx: WriteContext): number {
  const s = read.settings(ctx.db);
  const now = ctx.clock.now();
  const open = read.openAlerts(ctx.db);
  let raised = 0;
  for (const c of read.counters(ctx.db)) {
    if (c.status !== 'away' || c.awaySince === null) continue;
    if (now - c.awaySince <= s.awayMaxMinutes * 60_000) continue;
    if (open.some((a) => a.kind === 'away_overdue' && a.counterNo === c.counterNo)) continue;
    // Facts, not a sentence: the manager's screen words them in its own language.
    ctx.journal.append(
      'alert.raised',
      {
        alertId: ctx.ids.next(),
        kind: 'away_overdue',
        counterNo: c.counterNo,
        message: '',
        away: {
          minutes: Math.floor((now - c.awaySince) / 60_000),
          maxMinutes: s.awayMaxMinutes,
          reason: c.awayReason ?? '',
        },
      },
      recordedByDevice(ctx.deviceId),
    );
    raised++;
  }
  return raised;
}
