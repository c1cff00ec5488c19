import { describe, expect } from 'vitest';
import { authenticate } from '../../hall/auth/service.ts';
import { ManualClock } from '../../shared/runtime.ts';
import { it } from '../support/fixtures.ts';

/**
 * Principals are kept in memory by token once found (hall/auth/service.ts): every change that ends or
 * narrows what a token may do must show on the very next request, as it did when each request read
 * the tables.
 */
describe('the principals kept by token', () => {
  it('security: a sign-out, a counter taken over, a revoked device and an expired session show on the next request', async ({
    demoHall,
  }) => {
    const clock = new ManualClock(Date.parse('2026-11-30T09:00:00+08:00'));
    const hall = await demoHall({ clock });
    const ctx = hall.node.ctx;
    const clerk = await hall.login('1001', 1);
    const manager = await hall.login('9001');

    // Found, then answered from memory: the same principal.
    expect(authenticate(ctx, clerk)).toMatchObject({ staffNo: '1001', counterNo: 1 });
    expect(authenticate(ctx, clerk)).toMatchObject({ staffNo: '1001', counterNo: 1 });

    // Another clerk signs in at counter 1: the first is still signed in, at no counter.
    const second = await hall.login('1002', 1);
    expect(authenticate(ctx, clerk)).toMatchObject({ staffNo: '1001', counterNo: null });
    expect(authenticate(ctx, second)).toMatchObject({ staffNo: '1002', counterNo: 1 });

    // Signed out: refused at once.
    expect((await hall.request('POST', '/auth/logout', { token: second })).status).toBe(204);
    expect(authenticate(ctx, second)).toBeNull();

    // A device revoked: refused at once.
    const kiosk = authenticate(ctx, hall.kioskToken);
    expect(kiosk).toMatchObject({ kind: 'device', role: 'kiosk' });
    const id = kiosk!.kind === 'device' ? kiosk!.deviceId : '';
    expect((await hall.request('DELETE', `/devices/${id}`, { token: manager })).status).toBe(204);
    expect(authenticate(ctx, hall.kioskToken)).toBeNull();

    // A session past its end: refused by the clock, though nothing changed in the tables.
    expect(authenticate(ctx, clerk)).not.toBeNull();
    clock.advance(17 * 60 * 60_000);
    expect(authenticate(ctx, clerk)).toBeNull();
    expect(authenticate(ctx, manager)).toBeNull();

    // A token never issued is not kept, and stays refused.
    expect(authenticate(ctx, 'x'.repeat(43))).toBeNull();
  });
});
