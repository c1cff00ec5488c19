import type { Db } from '../db/open.ts';
import type { Journal } from '../db/journal.ts';
import type { Clock, Ids } from '../shared/runtime.ts';
import type { Writer } from './writer/writer.ts';
import type { SyncStatus } from './sync/sender.ts';
import type { ChainBreak } from '../shared/journal/hash.ts';
import type { JobState } from './scheduler.ts';
import type { DeviceRole, StaffRole } from '../shared/primitives.ts';

/** What every service of the hall node works with; built once in node.ts. */
export interface HallContext {
  db: Db;
  journal: Journal;
  /** Every change to the hall's records goes through here, by procedure name (hall/writer). */
  commits: Writer;
  clock: Clock;
  ids: Ids;
  hallId: string;
  deviceId: string;
  role: 'hub' | 'station';
  version: string;
  dataDir: string;
  /** Each upstream's sync state, for /health and the manager screen. */
  syncStatus(): SyncStatus[];
  /** What the node found checking itself, for /health and the manager screen. */
  checks: NodeChecks;
  /** The node's background jobs and how their last runs went. */
  jobs(): JobState[];
}

/** The hash-chain walk at start (issue 9: a node starting on a broken chain must not say ok). */
export interface NodeChecks {
  chain: { checkedAt: number; breaks: ChainBreak[] } | null;
}

/**
 * What a write procedure may use: the connection, the journal, the clock and the node's identity;
 * nothing of the HTTP side (no sync status) and no writer of its own (procedures do not nest commits).
 */
export type WriteContext = Pick<
  HallContext,
  'db' | 'journal' | 'clock' | 'ids' | 'hallId' | 'deviceId' | 'role'
>;

/** Who is asking: a signed-in staff member or a paired device. */
export type Principal =
  | {
      kind: 'staff';
      staffId: string;
      staffNo: string;
      name: string;
      role: StaffRole;
      counterNo: number | null;
    }
  | {
      kind: 'device';
      deviceId: string;
      role: DeviceRole;
      name: string;
      counterNo: number | null;
    };

export function recordedBy(p: Principal): string {
  return p.kind === 'staff' ? p.staffId : recordedByDevice(p.deviceId);
}

/** A device's journal signature; a node signs what it does by itself (timers, seeding, pulls) so. */
export function recordedByDevice(deviceId: string): string {
  return `device:${deviceId}`;
}

export const isManager = (p: Principal) => p.kind === 'staff' && (p.role === 'manager' || p.role === 'admin');
