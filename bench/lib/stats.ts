/** Percentiles, ratios and trends for the bench figures: pure, so tests/unit/bench-stats.test.ts covers them. */

/** The p-th percentile (0–100) by the nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new Error(`percentile must be within 0..100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  return samples.reduce((s, x) => s + x, 0) / samples.length;
}

/** value ÷ baseline; NaN when the baseline is zero or missing, so a broken baseline cannot pass. */
export function ratio(value: number, baseline: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return Number.NaN;
  return value / baseline;
}

/** Least-squares slope of y over x (per unit of x); NaN with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** A target a figure is judged by: on its value or on its ratio, at most or at least a limit. */
export interface Target {
  on: 'value' | 'ratio';
  op: '<' | '<=' | '>=' | '>';
  limit: number;
}

export function meets(target: Target, value: number, ratioValue: number): boolean {
  const x = target.on === 'value' ? value : ratioValue;
  if (!Number.isFinite(x)) return false;
  switch (target.op) {
    case '<':
      return x < target.limit;
    case '<=':
      return x <= target.limit;
    case '>=':
      return x >= target.limit;
    case '>':
      return x > target.limit;
  }
}
