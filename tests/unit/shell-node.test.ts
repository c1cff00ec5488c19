import { describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../shared/ipc.ts';
import { EXIT } from '../../shared/startupErrors.ts';
import {
  backoffDelay,
  initialState,
  nextState,
  type BackoffPolicy,
  type NodeState,
} from '../../electron/nodeState.ts';
import { superviseNode, type NodeProcess } from '../../electron/supervisor.ts';

const policy: BackoffPolicy = { baseMs: 1_000, factor: 2, capMs: 30_000, stableMs: 60_000 };

/** Starts, then dies `n` times in a row without ever running long. */
function crashLoop(n: number): NodeState {
  let s = initialState;
  for (let i = 0; i < n; i++) {
    if (s.state === 'restarting') s = nextState(s, { type: 'retry', now: s.retryAt }, policy);
    s = nextState(s, { type: 'exited', code: 1, now: 1_000 * i }, policy);
  }
  return s;
}

describe('the hall node restart policy (a pure state machine)', () => {
  it('a node that dies is restarted after 1 s, 2 s, 4 s … doubling', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, policy))).toEqual([1_000, 2_000, 4_000, 8_000]);
    const s = crashLoop(3);
    expect(s).toMatchObject({ state: 'restarting', attempt: 3 });
    expect(s.state === 'restarting' && s.retryAt - 2_000).toBe(4_000);
  });

  it('the wait never exceeds the cap, however often it dies', () => {
    expect(backoffDelay(20, policy)).toBe(30_000);
    const s = crashLoop(12);
    expect(s.state === 'restarting' && s.retryAt - 11_000).toBe(30_000);
  });

  it('a node that ran for the stable period and then died starts again from the base delay', () => {
    let s = crashLoop(5);
    s = nextState(s, { type: 'retry', now: 100_000 }, policy);
    s = nextState(s, { type: 'healthy', now: 100_000 }, policy);
    const early = nextState(s, { type: 'exited', code: 1, now: 100_000 + 59_000 }, policy);
    expect(early.state === 'restarting' && early.retryAt - 159_000).toBe(30_000);
    const late = nextState(s, { type: 'exited', code: 1, now: 100_000 + 60_000 }, policy);
    expect(late).toMatchObject({ state: 'restarting', attempt: 1, retryAt: 161_000 });
  });

  it('a start-up failure no restart can cure (port in use, pairing refused) stops the loop as failed', () => {
    for (const code of [EXIT.portInUse, EXIT.dataFolder, EXIT.database, EXIT.pairing]) {
      const s = nextState(initialState, { type: 'exited', code, now: 0 }, policy);
      expect(s).toMatchObject({ state: 'failed', code });
    }
    const killed = nextState(initialState, { type: 'exited', code: null, now: 0 }, policy);
    expect(killed.state).toBe('restarting');
  });

  it('after stop nothing restarts it', () => {
    const stopped = nextState(crashLoop(2), { type: 'stop' }, policy);
    expect(nextState(stopped, { type: 'retry', now: 1e9 }, policy)).toEqual({ state: 'stopped' });
  });
});

/** A fake utilityProcess and a fake clock: the supervisor's world, driven by hand. */
function world(roles: ('hub' | 'station')[]) {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const procs: { exit: (code: number) => void; killed: boolean }[] = [];
  const statuses: NodeStatus[] = [];
  const health: ((role: 'hub' | 'station') => void)[] = [];
  const sup = superviseNode({
    fork: () => {
      const p = { exit: (_c: number) => {}, killed: false };
      procs.push(p);
      const proc: NodeProcess = {
        once: (_e, l) => (p.exit = l),
        kill: () => ((p.killed = true), true),
      };
      return proc;
    },
    health: () => new Promise((resolve) => health.push(resolve)),
    expectedRole: 'station',
    now: () => now,
    setTimer: (run, ms) => {
      const t = { at: now + ms, run };
      timers.push(t);
      return () => timers.splice(timers.indexOf(t), 1);
    },
    publish: (s) => statuses.push(s),
    policy,
  });
  const answer = async (i: number) => {
    health[i]!(roles[i] ?? 'station');
    await Promise.resolve();
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.run();
    }
  };
  return { sup, procs, statuses, answer, advance, timers };
}

describe('the node supervisor (utilityProcess faked at the boundary)', () => {
  it('starting → running → restarting in 1 s → starting → running: every state reaches the windows', async () => {
    const w = world(['station', 'station']);
    await w.answer(0);
    w.procs[0]!.exit(1);
    expect(w.sup.state()).toMatchObject({ state: 'restarting', retryAt: 1_000 });
    expect(w.procs).toHaveLength(1);
    w.advance(1_000);
    expect(w.procs).toHaveLength(2);
    await w.answer(1);
    expect(w.statuses.map((s) => s.state)).toEqual([
      'starting',
      'running',
      'restarting',
      'starting',
      'running',
    ]);
  });

  it('DESIGN-1: a node that reports itself a hub on a station PC is stopped and shown as failed, not restarted', async () => {
    const w = world(['hub']);
    await w.answer(0);
    expect(w.sup.state()).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/reports itself a hub/),
    });
    expect(w.procs[0]!.killed).toBe(true);
    w.procs[0]!.exit(0);
    w.advance(120_000);
    expect(w.procs).toHaveLength(1);
  });

  it('stop kills the node and cancels a pending restart', () => {
    const w = world([]);
    w.procs[0]!.exit(1);
    expect(w.timers).toHaveLength(1);
    w.sup.stop();
    expect(w.timers).toHaveLength(0);
    w.advance(60_000);
    expect(w.procs).toHaveLength(1);
  });
});
