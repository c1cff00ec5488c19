import { describe, expect, it } from 'vitest';
import { handlingMs } from '../../shared/queue/sla.ts';

const MIN = 60_000;

describe('handling time (R-SLA-1)', () => {
  it('R-SLA-1: handling excludes hold — 2 min serving plus 20 min parked is 2 min of handling', () => {
    const startedAt = 1_000_000;
    expect(handlingMs({ startedAt, calledAt: startedAt - MIN, heldMs: 20 * MIN }, startedAt + 22 * MIN)).toBe(
      2 * MIN,
    );
  });

  it('R-SLA-1: a ticket finished without a start counts from its call, and never below zero', () => {
    expect(handlingMs({ startedAt: null, calledAt: 0, heldMs: 0 }, 3 * MIN)).toBe(3 * MIN);
    expect(handlingMs({ startedAt: 10 * MIN, calledAt: 0, heldMs: 20 * MIN }, 11 * MIN)).toBe(0);
  });
});
