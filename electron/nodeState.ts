import type { NodeStatus } from '../shared/ipc.ts';
import { EXIT } from '../shared/startupErrors.ts';

/**
 * The hall node's life under the shell as a pure state machine: the supervisor (electron/supervisor.ts)
 * feeds it what happened and does what the new state says. Exponential backoff with a cap, reset once
 * the node has run for a stable period; a start-up failure that no restart can cure stops the loop.
 */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  capMs: number;
  /** A node that ran this long before it died starts its backoff again from the base. */
  stableMs: number;
}

export const DEFAULT_POLICY: BackoffPolicy = { baseMs: 1_000, factor: 2, capMs: 60_000, stableMs: 120_000 };

export type NodeState =
  | { state: 'starting'; attempt: number }
  | { state: 'running'; attempt: number; since: number }
  | { state: 'restarting'; attempt: number; retryAt: number; code: number | null }
  | { state: 'failed'; code: number | null; reason: string }
  | { state: 'stopped' };

export type NodeEvent =
  | { type: 'healthy'; now: number }
  | { type: 'exited'; code: number | null; now: number }
  | { type: 'retry'; now: number }
  | { type: 'refused'; reason: string }
  | { type: 'stop' };

/** Exit codes of shared/startupErrors.ts that a restart cannot cure: the technician must act. */
const PERMANENT: Readonly<Record<number, string>> = {
  [EXIT.usage]: 'the node refused its command line',
  [EXIT.portInUse]: 'the port is in use by another program',
  [EXIT.dataFolder]: 'the data folder is not writable',
  [EXIT.database]: 'the database cannot be opened',
  [EXIT.pairing]: 'the hub refused the pairing code or did not answer',
};

export const initialState: NodeState = { state: 'starting', attempt: 0 };

export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.capMs, policy.baseMs * policy.factor ** attempt);
}

export function nextState(s: NodeState, e: NodeEvent, policy: BackoffPolicy = DEFAULT_POLICY): NodeState {
  if (s.state === 'stopped' || e.type === 'stop') return { state: 'stopped' };
  switch (e.type) {
    case 'healthy':
      return s.state === 'starting' ? { state: 'running', attempt: s.attempt, since: e.now } : s;
    case 'retry':
      return s.state === 'restarting' ? { state: 'starting', attempt: s.attempt } : s;
    case 'refused':
      return { state: 'failed', code: null, reason: e.reason };
    case 'exited': {
      if (s.state === 'failed' || s.state === 'restarting') return s;
      const permanent = e.code === null ? undefined : PERMANENT[e.code];
      if (permanent) return { state: 'failed', code: e.code, reason: permanent };
      const stable = s.state === 'running' && e.now - s.since >= policy.stableMs;
      const attempt = stable ? 0 : s.attempt;
      return {
        state: 'restarting',
        attempt: attempt + 1,
        retryAt: e.now + backoffDelay(attempt, policy),
        code: e.code,
      };
    }
  }
}

/** What the windows' banner is told. */
export function toStatus(s: NodeState): NodeStatus | null {
  switch (s.state) {
    case 'starting':
      return { state: 'starting', attempt: s.attempt };
    case 'running':
      return { state: 'running' };
    case 'restarting':
      return { state: 'restarting', attempt: s.attempt, retryAt: s.retryAt, code: s.code };
    case 'failed':
      return { state: 'failed', code: s.code, reason: s.reason };
    case 'stopped':
      return null;
  }
}
