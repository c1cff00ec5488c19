/** R-SLA-1: the running handling-time clock of one ticket. */
export type SlaLevel = 'ok' | 'warn' | 'over';

export function slaLevel(elapsedMs: number, limitMinutes: number, warnRatio: number): SlaLevel {
  const limitMs = limitMinutes * 60_000;
  if (elapsedMs >= limitMs) return 'over';
  if (elapsedMs >= limitMs * warnRatio) return 'warn';
  return 'ok';
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
