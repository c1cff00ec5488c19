import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, GapReply, PushReply } from '../../shared/sync/protocol.ts';
import { BACKEND, hoCursors, startTestHeadOffice, type TestHeadOffice } from '../support/headoffice.ts';
import { pushRaw, RowChain, seeded } from '../support/rows.ts';
import type { JournalRow } from '../../shared/journal/row.ts';

/**
 * 200 hubs reconnect at once against one head office (issue 4). Each is a lightweight sender speaking
 * the real push protocol with real hash-chained rows: one batch in flight, resume from the receiver's
 * cursor on 409, exponential backoff with jitter on failure. Sized: 200 hubs × 150 rows in batches of
 * 50 (30,000 rows, 600 batches).
 */
const HUBS = 200;
const ROWS = 150;
const BATCH = 50;

interface Hub {
  token: string;
  rows: JournalRow[];
  deviceId: string;
  firstAckAt: number | null;
  doneAt: number | null;
  failures: number;
}

async function run(hub: Hub, url: string, started: number, random: () => number): Promise<void> {
  let acked = 0;
  let attempt = 0;
  while (acked < hub.rows.length) {
    try {
      const res = await pushRaw(url, hub.token, {
        deviceId: hub.deviceId,
        rows: hub.rows.slice(acked, acked + BATCH),
      });
      if (res.status === 200) acked = PushReply.parse(res.body).ackedSeq;
      else if (res.status === 409) acked = GapReply.parse(res.body).ackedSeq;
      else throw new Error(`HTTP ${res.status}`);
      hub.firstAckAt ??= Date.now() - started;
      attempt = 0;
    } catch {
      hub.failures++;
      attempt++;
      await new Promise((r) => setTimeout(r, backoffMs(attempt, random, 100, 2_000)));
    }
  }
  hub.doneAt = Date.now() - started;
}

describe(`200 hubs reconnecting at once on ${BACKEND}`, () => {
  let tho: TestHeadOffice;
  const hubs: Hub[] = [];

  beforeAll(async () => {
    tho = await startTestHeadOffice();
    for (let i = 0; i < HUBS; i++) {
      const { pairingCode } = await tho.newHall(`Hall ${i + 1}`);
      const deviceId = `hub-${i + 1}-${Date.now()}`;
      const hallId = `local-hall-${i + 1}`;
      const res = await tho.request('POST', '/sync/v1/pair', {
        token: null,
        body: { code: pairingCode, deviceId, hallId },
      });
      expect(res.status).toBe(201);
      hubs.push({
        token: (res.body as { token: string }).token,
        rows: new RowChain(deviceId, hallId).take(ROWS),
        deviceId,
        firstAckAt: null,
        doneAt: null,
        failures: 0,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await tho?.stop();
  });

  it('DESIGN-4: every hub drains its backlog and none starves', { timeout: 180_000 }, async () => {
    // Every hub's connection is up before the storm: in one test process, opening 200 TCP connections
    // competes with the server for the same event loop, which a real head office does not share.
    await Promise.all(hubs.map(() => fetch(`${tho.url}/api/v1/health`).then((r) => r.text())));
    const started = Date.now();
    const random = seeded(42);
    await Promise.all(hubs.map((h) => run(h, tho.url, started, random)));
    const total = Date.now() - started;

    const cursors = await hoCursors(tho.sql);
    for (const h of hubs) expect(cursors.get(h.deviceId)).toBe(ROWS);
    const counts = await tho.sql.query<{ device_id: string; n: number; lo: number; hi: number }>(
      `SELECT device_id, count(*)::int AS n, min(device_seq)::int AS lo, max(device_seq)::int AS hi
       FROM journal WHERE device_id LIKE 'hub-%' GROUP BY device_id`,
    );
    expect(counts).toHaveLength(HUBS);
    for (const c of counts) expect(c).toMatchObject({ n: ROWS, lo: 1, hi: ROWS });

    const done = hubs.map((h) => h.doneAt!).sort((a, b) => a - b);
    const firsts = hubs.map((h) => h.firstAckAt!).sort((a, b) => a - b);
    const median = done[Math.floor(HUBS / 2)]!;
    console.log(
      `${HUBS} hubs × ${ROWS} rows on ${BACKEND}: all drained in ${total} ms (${Math.round((HUBS * ROWS * 1000) / total)} rows/s); ` +
        `first ack p50 ${firsts[HUBS / 2]} ms, max ${firsts[HUBS - 1]} ms; done p50 ${median} ms, max ${done[HUBS - 1]} ms; ` +
        `failures ${hubs.reduce((n, h) => n + h.failures, 0)}`,
    );
    // None starves: every hub got its first batch acknowledged before half the hubs had finished, and the
    // last hub finished within twice the median.
    expect(firsts[HUBS - 1]!).toBeLessThanOrEqual(median);
    expect(done[HUBS - 1]!).toBeLessThanOrEqual(2 * median + 1_000);
  });
});
