import type { NodeStatus } from '../shared/ipc.ts';
import {
  DEFAULT_POLICY,
  initialState,
  nextState,
  toStatus,
  type BackoffPolicy,
  type NodeEvent,
  type NodeState,
} from './nodeState.ts';

/** The part of Electron's UtilityProcess the supervisor uses. */
export interface NodeProcess {
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface SupervisorDeps {
  /** Starts the hall node (utilityProcess.fork in the shell). */
  fork: () => NodeProcess;
  /** Resolves with the role `/health` reports once the node answers; rejects if it never does. */
  health: () => Promise<'hub' | 'station'>;
  expectedRole: 'hub' | 'station';
  now: () => number;
  setTimer: (run: () => void, ms: number) => () => void;
  publish: (status: NodeStatus) => void;
  policy?: BackoffPolicy;
}

/**
 * Runs the hall node and restarts it when it dies, as nodeState.ts decides; every change of state is
 * published to the windows. A node that reports the wrong role (a counter PC's node that made itself a
 * hub) is stopped and not restarted.
 */
export function superviseNode(deps: SupervisorDeps): { stop: () => void; state: () => NodeState } {
  let state: NodeState = initialState;
  let proc: NodeProcess | null = null;
  let cancelTimer: (() => void) | null = null;
  let generation = 0;

  const dispatch = (event: NodeEvent) => {
    const before = state;
    state = nextState(state, event, deps.policy ?? DEFAULT_POLICY);
    if (state === before) return;
    const status = toStatus(state);
    if (status) deps.publish(status);
    if (state.state === 'restarting')
      cancelTimer = deps.setTimer(
        () => {
          cancelTimer = null;
          dispatch({ type: 'retry', now: deps.now() });
          launch();
        },
        Math.max(0, state.retryAt - deps.now()),
      );
    if (state.state === 'failed' || state.state === 'stopped') {
      cancelTimer?.();
      proc?.kill();
    }
  };

  const launch = () => {
    const mine = ++generation;
    proc = deps.fork();
    proc.once('exit', (code) => {
      if (mine !== generation) return;
      proc = null;
      dispatch({ type: 'exited', code, now: deps.now() });
    });
    deps.health().then(
      (role) => {
        if (mine !== generation || state.state !== 'starting') return;
        if (role === deps.expectedRole) dispatch({ type: 'healthy', now: deps.now() });
        else
          dispatch({
            type: 'refused',
            reason: `the node reports itself a ${role}, this PC is set up as a ${deps.expectedRole}`,
          });
      },
      // A node that never answers is killed; its exit then takes the restart path.
      () => {
        if (mine === generation) proc?.kill();
      },
    );
  };

  deps.publish(toStatus(state)!);
  launch();
  return { stop: () => dispatch({ type: 'stop' }), state: () => state };
}
