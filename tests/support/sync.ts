import { expect } from 'vitest';
import type { HallNode } from '../../hall/node.ts';
import { stmt } from '../../db/projections/index.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { upstreams } from '../../hall/sync/upstreams.ts';
import { startTestHall, type TestHall } from './hall.ts';
import { diffJournals, NO_DIFF, type TestHeadOffice } from './headoffice.ts';
import type { HallNodeOptions } from '../../hall/node.ts';
import { PairingCodeReply } from '../../shared/api/schemas.ts';
import { parseReply } from './http.ts';

/** A demo hall whose hub is paired with head office (sync driven by hand unless `sync` is set). */
export async function startPairedHub(
  tho: TestHeadOffice,
  opts: Partial<HallNodeOptions> & { via?: string } = {},
): Promise<TestHall & { hoHallId: string }> {
  const { hallId, pairingCode } = await tho.newHall();
  const { via, ...rest } = opts;
  const hall = await startTestHall({ sync: false, ...rest, headoffice: { url: tho.url, code: pairingCode } });
  if (via) setUpstreamUrl(hall.node, 'headoffice', via);
  return Object.assign(hall, { hoHallId: hallId });
}

/** The hub's head-office token, in clear (upstreams() unseals it where the node has a key). */
export function hubToken(hall: TestHall): string {
  const up = upstreams(hall.node.ctx.db).find((u) => u.name === 'headoffice');
  if (!up) throw new Error('hubToken: this hall is not paired with head office');
  return up.token;
}

/** Points an upstream at another address (e.g. a fault proxy in front of the same receiver). */
export function setUpstreamUrl(node: HallNode, name: 'hub' | 'headoffice', url: string): void {
  stmt(node.ctx.db, 'UPDATE local_upstreams SET url = ? WHERE name = ?').run(url, name);
}

/** A counter station paired with a hub through a pairing code made by the hub's manager. */
export async function startStation(
  hub: TestHall,
  counterNo = 1,
  opts: Partial<HallNodeOptions> = {},
): Promise<TestHall> {
  const manager = await hub.login('9001');
  const res = await hub.request('POST', '/devices/pairing-codes', {
    token: manager,
    body: { role: 'counter', name: `Counter ${counterNo}`, counterNo },
  });
  if (res.status !== 201) throw new Error(`pairing code: ${JSON.stringify(res.body)}`);
  const { code } = parseReply(PairingCodeReply, res);
  return startTestHall({ demo: false, ...opts, hub: { url: hub.url, code } });
}

/** Issues n tickets for one service at the hall's kiosk, each of which must succeed. */
export async function issueTickets(hall: TestHall, n: number, serviceCode = 'A'): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode } });
    expect(res.status).toBe(201);
  }
}

/** Records n walk-ins at a station's counter, each started `agoMs` before now; each must succeed. */
export async function recordWalkins(
  station: TestHall,
  clerk: string,
  n: number,
  { serviceCode = 'A', agoMs = 1000 } = {},
): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await station.request('POST', '/walkins', {
      token: clerk,
      body: { serviceCode, startedAt: Date.now() - agoMs },
    });
    expect(res.status).toBe(201);
  }
}

/** Pulls from an upstream until one pull gets through a faulty link (bounded so a dead link fails). */
export async function pullThrough(node: HallNode, upstream: 'hub' | 'headoffice', tries = 20): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await pullOnce(node.ctx, upstream);
      return;
    } catch (error) {
      if (i >= tries) throw error;
    }
  }
}

/** Head office holds exactly the hall's journal: nothing missing, extra or different. */
export async function expectSameJournal(tho: TestHeadOffice, hall: TestHall): Promise<void> {
  expect(await diffJournals(hall.node.ctx.db, tho.sql, { hallId: hall.node.ctx.hallId })).toEqual(NO_DIFF);
}

/** Pushes the hall's whole backlog by hand; head office then holds exactly the hall's journal. */
export async function expectPushedToHeadOffice(tho: TestHeadOffice, hall: TestHall): Promise<void> {
  await drain(hall.node);
  await expectSameJournal(tho, hall);
}

/** Pushes every sender's backlog by hand until nothing is left (bounded so a stuck sender fails). */
export async function drain(node: HallNode, maxBatches = 10_000): Promise<number> {
  let batches = 0;
  for (const sender of node.senders) {
    while (await sender.pushOnce()) {
      if (++batches > maxBatches) throw new Error('drain: the sender never ran dry');
    }
  }
  return batches;
}

/** Waits until `check` holds, polling (for background sync); fails with `what` after `ms`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
