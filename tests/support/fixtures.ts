import { rmSync } from 'node:fs';
import { test as base } from 'vitest';
import type { HallNodeOptions } from '../../hall/node.ts';
import { startDemoHall, startTestHall, tempDir as makeTempDir, type TestHall } from './hall.ts';
import { createTestStore, startTestHeadOffice } from './headoffice.ts';
import { startProxy, type ProxyFaults } from './proxy.ts';
import { RowChain } from './rows.ts';
import {
  drain,
  hubToken,
  issueTickets,
  pullThrough,
  setUpstreamUrl,
  startPairedHub,
  startStation,
} from './sync.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { ManualClock } from '../../shared/runtime.ts';

/**
 * Vitest fixtures for what tests set up again and again, each torn down by itself after the test (or,
 * for head office, after the file), whether the test passed or not. A teardown that fails fails the
 * test: a node that does not stop cleanly is a finding, not noise.
 *
 *   it('…', async ({ demoHall, later }) => { const hall = await demoHall({ clock }); … })
 *
 * The browser's fixtures (Chromium, pages) are in tests/e2e/browser.ts.
 */

/** Something a test started: a node, a child process, a proxy. */
export type Stoppable = { stop(): Promise<unknown> } | { close(): Promise<unknown> };

/** Stops x, whichever of stop() and close() it has. */
async function stop(x: Stoppable): Promise<void> {
  await ('stop' in x ? x.stop() : x.close());
}

/**
 * The body of a file-scoped fixture for something slow to start (head office, a browser, a hall the
 * tests share): started when a test first asks for it, stopped after the file.
 *
 *   test.extend('hall', { scope: 'file' }, startedPerFile(() => startTestHall({ clock })))
 */
export function startedPerFile<T extends Stoppable>(start: () => Promise<T>) {
  return async ({}, { onCleanup }: { onCleanup(step: () => Promise<void>): void }): Promise<T> => {
    const x = await start();
    onCleanup(() => stop(x));
    return x;
  };
}

/** Runs every step, last first, each even when an earlier one failed; then throws what failed. */
async function unwind(steps: (() => unknown)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} teardown steps failed`);
}

export const test = base
  /** `defer(fn)`: fn runs after the test, after everything registered later (a stack). */
  .extend('defer', async ({}, { onCleanup }) => {
    const steps: (() => unknown)[] = [];
    onCleanup(() => unwind(steps));
    return (step: () => unknown): void => void steps.push(step);
  })
  /** `later(x)`: stops x after the test; returns x, so `const hub = later(await startPairedHub(tho))`. */
  .extend('later', ({ defer }) => <T extends Stoppable>(x: T): T => {
    defer(() => stop(x));
    return x;
  })
  /** A fresh temporary directory per call, removed after the test. */
  .extend('tempDir', ({ defer }) => (prefix?: string): string => {
    const dir = makeTempDir(prefix);
    defer(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  })
  /** A demo hall copied from the seeded template (fast; every one shares the template's ids). */
  .extend(
    'demoHall',
    ({ later }) =>
      async (opts: Partial<HallNodeOptions> = {}): Promise<TestHall> =>
        later(await startDemoHall(opts)),
  )
  /** A hall node seeded on its own (its own hall and device ids), demo unless told otherwise. */
  .extend(
    'testHall',
    ({ later }) =>
      async (opts: Parameters<typeof startTestHall>[0] = {}): Promise<TestHall> =>
        later(await startTestHall(opts)),
  )
  /** Head office on a fresh store, one per test file (it is slow to start; tests make their own halls). */
  .extend('tho', { scope: 'file' }, startedPerFile(startTestHeadOffice))
  /** A head-office store of the test's own (for a head office it stops and restarts), dropped after it. */
  .extend('testStore', async ({ defer }) => {
    const store = await createTestStore();
    defer(() => store.drop());
    return store;
  })
  /** A demo hub paired with this file's head office (sync driven by hand unless `sync` is set). */
  .extend(
    'pairedHub',
    ({ tho, later }) =>
      async (opts: Parameters<typeof startPairedHub>[1] = {}): Promise<TestHall & { hoHallId: string }> =>
        later(await startPairedHub(tho, opts)),
  )
  /** A paired hub on a manual clock set to the real time now, for a test that moves time by hand. */
  .extend('pairedHubOnClock', ({ pairedHub }) => async () => {
    const clock = new ManualClock(Date.now());
    return { hub: await pairedHub({ clock }), clock };
  })
  /** A paired hub whose link to head office runs through a fault proxy, to cut, slow or refuse. */
  .extend(
    'proxiedHub',
    ({ tho, later, pairedHub }) =>
      async (faults: ProxyFaults = {}, opts: Partial<HallNodeOptions> = {}) => {
        const proxy = later(await startProxy(tho.url, faults));
        return { proxy, hub: await pairedHub({ ...opts, via: proxy.url }) };
      },
  )
  /** A paired hub, its head-office token and a chain of rows in its name, for pushing by hand. */
  .extend('pushingHub', ({ pairedHub }) => async () => {
    const hub = await pairedHub();
    return { hub, token: hubToken(hub), chain: new RowChain(hub.node.ctx.deviceId, hub.node.ctx.hallId) };
  })
  /** A paired hub that has pushed the rows of `tickets` tickets to head office. */
  .extend('syncedHub', ({ pairedHub }) => async (tickets = 4): Promise<TestHall & { hoHallId: string }> => {
    const hub = await pairedHub();
    await issueTickets(hub, tickets);
    await drain(hub.node);
    return hub;
  })
  /** A counter station paired with `hub` (sync by hand) that has pulled the hub's reference data once. */
  .extend('pulledStation', ({ later }) => async (hub: TestHall, counterNo: number): Promise<TestHall> => {
    const station = later(await startStation(hub, counterNo, { sync: false }));
    await pullOnce(station.node.ctx, 'hub');
    return station;
  })
  /**
   * A hub paired with head office (or, with `paired: false`, a demo hall on its own) and its counter
   * station `counterNo` (sync by hand), which has pulled the hub's reference data unless `pull: false`.
   */
  .extend(
    'hubWithStation',
    ({ later, pairedHub, pulledStation, demoHall }) =>
      async (counterNo: number, { pull = true, paired = true } = {}) => {
        const hub: TestHall = paired ? await pairedHub() : await demoHall();
        const station = pull
          ? await pulledStation(hub, counterNo)
          : later(await startStation(hub, counterNo, { sync: false }));
        return { hub, station };
      },
  )
  /**
   * Station → hub → head office with a fault proxy on each leg (sync by hand); the station has pulled
   * the hub's reference data through its proxy.
   */
  .extend(
    'proxiedLegs',
    ({ later, proxiedHub }) =>
      async (legs: {
        toHo?: ProxyFaults;
        toHub?: ProxyFaults;
        counterNo: number;
        station?: Partial<HallNodeOptions>;
      }) => {
        const { hub, proxy: toHo } = await proxiedHub(legs.toHo);
        const toHub = later(await startProxy(hub.url, legs.toHub));
        const station = later(await startStation(hub, legs.counterNo, { ...legs.station, sync: false }));
        setUpstreamUrl(station.node, 'hub', toHub.url);
        await pullThrough(station.node, 'hub');
        return { hub, station, toHo, toHub };
      },
  );

export const it = test;
export { describe, expect } from 'vitest';
