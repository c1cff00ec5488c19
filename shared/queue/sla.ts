/** R-SLA-1: the running handling-time clock of one ticket. */
export type SlaLevel = 'ok' | 'warn' | 'over';

export function slaLevel(elapsedMs: number, limitMinutes: number, warnRatio: number): SlaLevel {
  const limitMs = limitMinutes * 60_000;
  if (elapsedMs >= limitMs) return 'over';
  if (elapsedMs >= limitMs * warnRatio) return 'warn';
  return 'ok';
}

/**
 * R-SLA-1: handling time is from the start of handling (or the call, when never started) to `now`,
 * less the time the ticket was on hold (parked).
 */
export function handlingMs(
  t: { startedAt: number | null; calledAt: number | null; heldMs: number },
  now: number,
): number {
  const from = t.startedAt ?? t.calledAt ?? now;
  return Math.max(0, now - from - t.heldMs);
}

export function isOverrun(handlingMs: number, limitMinutes: number): boolean {
  return handlingMs > limitMinutes * 60_000;
}

/** A rough wait estimate for the kiosk: people ahead times the mean handling time, shared by open counters. */
export function estimateWaitMinutes(
  ahead: number,
  meanHandlingMinutes: number,
  openCounters: number,
): number {
  if (ahead <= 0) return 0;
  return Math.ceil((ahead * meanHandlingMinutes) / Math.max(1, openCounters));
}
