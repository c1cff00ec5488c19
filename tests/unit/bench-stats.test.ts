import { describe, expect, it } from 'vitest';
import { meets, percentile, ratio, slope } from '../../bench/lib/stats.ts';
import { figure } from '../../bench/lib/figure.ts';

describe('bench statistics (DESIGN §8)', () => {
  it('percentile uses the nearest rank: p99 of 1..100 is 99, p50 is 50, p100 the maximum', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('a percentile of no samples is NaN, so an empty measurement cannot pass', () => {
    expect(percentile([], 99)).toBeNaN();
    expect(
      figure({
        name: 'x',
        unit: 'ms',
        value: percentile([], 99),
        baseline: 1,
        baselineName: 'b',
        target: { on: 'value', op: '<', limit: 50 },
      }).pass,
    ).toBe(false);
  });

  it('ratio is value ÷ baseline, and NaN for a zero or missing baseline', () => {
    expect(ratio(300, 1200)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, Number.NaN)).toBeNaN();
  });

  it('a ratio target is judged on the ratio, a value target on the value', () => {
    const hubOps = figure({
      name: 'ops',
      unit: 'ops/s',
      value: 600,
      baseline: 1000,
      baselineName: 'sqlite',
      target: { on: 'ratio', op: '>=', limit: 0.5 },
    });
    expect(hubOps.ratio).toBe(0.6);
    expect(hubOps.pass).toBe(true);
    expect(meets({ on: 'ratio', op: '>=', limit: 0.5 }, 10_000, 0.49)).toBe(false);
    expect(meets({ on: 'value', op: '<', limit: 20 }, 20, 0.1)).toBe(false);
    expect(meets({ on: 'value', op: '<', limit: 20 }, 19.9, 100)).toBe(true);
  });

  it('slope fits a least-squares line: a steady 3 MB/min climb with noise reads about 3', () => {
    const pts = Array.from({ length: 60 }, (_, i) => ({
      x: i / 60,
      y: 100 + 3 * (i / 60) + (i % 2 ? 0.2 : -0.2),
    }));
    expect(slope(pts)).toBeCloseTo(3, 0);
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
  });
});
