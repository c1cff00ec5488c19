import { faultPoint } from '../../server/fault.ts';
import { parseStoredRow } from '../../db/journal.ts';
import { stmt } from '../../db/projections/index.ts';
import {
  backoffMs,
  GapReply,
  MAX_BATCH_ROWS,
  PushReply,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
} from '../../shared/sync/protocol.ts';
import { BACKLOG_HEADER, formatBacklogHeader } from '../../shared/api/console.ts';
import type { HallContext } from '../context.ts';
import { BatchCeiling, buildPushBatch, type PushBatch } from './batch.ts';
import { ackedSeq, markUpstream, setAckedSeq, upstreams, type UpstreamName } from './upstreams.ts';
import {
  ensureRegistered,
  errorCode,
  markRefused,
  refusedDevices,
  type RefusedDevice,
} from './registration.ts';

export interface SyncStatus {
  upstream: string;
  connected: boolean;
  backlogRows: number;
  oldestUnsentAt: number | null;
  lastError: string | null;
  /** Devices the upstream refused as not this hub's (issue 9); present only when there are any. */
  refusedDevices?: RefusedDevice[];
}

type StoredRow = Parameters<typeof parseStoredRow>[0];

/** Where a sender says what it learnt about its upstream (the node's logger; pino's signature). */
export interface SenderLog {
  warn(data: object, message: string): void;
}

/**
 * Pushes this node's journal upstream (DESIGN §4): per device, the rows after the acknowledged cursor,
 * in device_seq order, at most 500 rows / 1 MB of body as sent a batch, one batch in flight. A hub
 * carries every device in its journal (its own and its stations'); a station only its own.
 */
export class SyncSender {
  /** The largest body this upstream takes: MAX_BATCH_BYTES until it answers 413 (then remembered). */
  readonly ceiling = new BatchCeiling();
  /** Push replies by HTTP status, since start (how many batches landed, how many got 413). */
  readonly replies: Record<number, number> = {};
  private attempt = 0;
  private running = false;
  private wake: (() => void) | null = null;
  private upgradeNeeded = false;
  /** A 413 lowered the ceiling: logged once, with the ceiling that works, at the next accepted batch. */
  private ceilingToLog = false;
  private readonly random: () => number;
  private readonly log: SenderLog | undefined;

  constructor(
    private readonly ctx: HallContext,
    readonly upstream: UpstreamName,
    opts: { random?: () => number; log?: SenderLog } = {},
  ) {
    this.random = opts.random ?? Math.random;
    this.log = opts.log;
    // New rows wake an idle sender at once; a sender backing off after a failure keeps waiting.
    ctx.commits.onCommit(() => {
      if (this.attempt === 0) this.wake?.();
    });
  }

  private devices(): string[] {
    if (this.upstream === 'hub') return [this.ctx.deviceId];
    // Skip-scan of the (device_id, device_seq) index: one probe per device, not one step per row
    // (a plain DISTINCT walked all of a 60,000-row backlog before every batch).
    return (
      stmt(
        this.ctx.db,
        `WITH RECURSIVE d(id) AS (
           SELECT (SELECT min(device_id) FROM journal)
           UNION ALL SELECT (SELECT min(device_id) FROM journal WHERE device_id > d.id) FROM d WHERE d.id IS NOT NULL)
         SELECT id AS device_id FROM d WHERE id IS NOT NULL
         UNION SELECT device_id FROM local_quarantine`,
      ).all() as { device_id: string }[]
    ).map((r) => r.device_id);
  }

  status(): SyncStatus {
    const up = upstreams(this.ctx.db).find((u) => u.name === this.upstream);
    let backlogRows = 0;
    let oldestUnsentAt: number | null = null;
    for (const device of this.devices()) {
      const acked = ackedSeq(this.ctx.db, this.upstream, device);
      // A device's rows are gapless (a quarantined row holds its place), so the backlog is the distance
      // from the cursor to the last row, and the oldest unsent row is the one right after the cursor:
      // index probes instead of counting the whole backlog on every push.
      const row = stmt(
        this.ctx.db,
        `SELECT max(coalesce((SELECT max(device_seq) FROM journal WHERE device_id = @d), 0),
                    coalesce((SELECT max(device_seq) FROM local_quarantine WHERE device_id = @d), 0)) AS last,
                (SELECT occurred_at FROM journal WHERE device_id = @d AND device_seq > @acked
                 ORDER BY device_seq LIMIT 1) AS oldest`,
      ).get({ d: device, acked }) as { last: number; oldest: number | null };
      backlogRows += Math.max(0, row.last - acked);
      if (row.oldest !== null && (oldestUnsentAt === null || row.oldest < oldestUnsentAt))
        oldestUnsentAt = row.oldest;
    }
    // A refused device is never silent: it stays in the backlog and in lastError until resolved.
    const refused = refusedDevices(this.ctx, this.upstream);
    const errors = [
      this.upgradeNeeded ? 'upgrade required by upstream' : (up?.lastError ?? null),
      ...refused.map((r) => `upstream refused the rows of device ${r.deviceId} (${r.code})`),
    ].filter((e): e is string => e !== null);
    return {
      upstream: this.upstream,
      connected: up?.connected ?? false,
      backlogRows,
      oldestUnsentAt,
      lastError: errors.length > 0 ? errors.join('; ') : null,
      ...(refused.length > 0 ? { refusedDevices: refused } : {}),
    };
  }

  /** Sends one batch for the first device with a backlog. Returns false when nothing was left to send. */
  async pushOnce(): Promise<boolean> {
    const up = upstreams(this.ctx.db).find((u) => u.name === this.upstream);
    if (!up || this.upgradeNeeded) return false;
    let lacking: string | null = null;
    for (const device of this.devices()) {
      const acked = ackedSeq(this.ctx.db, this.upstream, device);
      const stored = stmt(
        this.ctx.db,
        'SELECT * FROM journal WHERE device_id = ? AND device_seq > ? ORDER BY device_seq LIMIT ?',
      ).all(device, acked, MAX_BATCH_ROWS) as StoredRow[];
      // A station row this hub quarantined travels on in its place, as it came: head office keeps it in
      // its own quarantine (never dropped), and the station's later rows are not stuck behind a gap.
      const held = stmt(
        this.ctx.db,
        'SELECT device_seq, raw FROM local_quarantine WHERE device_id = ? AND device_seq > ? ORDER BY device_seq LIMIT ?',
      ).all(device, acked, MAX_BATCH_ROWS) as { device_seq: number; raw: string }[];
      if (stored.length === 0 && held.length === 0) continue;
      const ordered = [
        ...stored.map((r) => ({ seq: r.device_seq, row: parseStoredRow(r) as unknown })),
        ...held.map((q) => ({ seq: q.device_seq, row: JSON.parse(q.raw) as unknown })),
      ].sort((a, b) => a.seq - b.seq);
      if (ordered[0]!.seq !== acked + 1) {
        // The upstream expects rows this node does not hold (lost or restored from an old backup):
        // resending would only earn 409 after 409. Say so, and let the other devices' rows go on.
        lacking = `this node lacks device_seq ${acked + 1}–${ordered[0]!.seq - 1} of device ${device} that the upstream expects`;
        continue;
      }
      // Head office takes a station's rows only from the hub that registered it (issue 9).
      if (!(await ensureRegistered(this.ctx, up, device))) continue;
      const rows = ordered.slice(0, MAX_BATCH_ROWS).map((r) => r.row);
      const batch = buildPushBatch(device, this.ctx.clock.now(), rows, this.ceiling.bytes);
      if (await this.send(up.url, up.token, device, batch)) return true;
    }
    if (lacking) {
      markUpstream(this.ctx.db, this.upstream, up.connected, this.ctx.clock.now(), lacking);
      throw new Error(lacking);
    }
    return false;
  }

  /** Sends one batch; false when the upstream refused the device (the caller goes on with the others). */
  private async send(url: string, token: string, deviceId: string, batch: PushBatch): Promise<boolean> {
    const now = () => this.ctx.clock.now();
    const backlog = this.status();
    let res: Response;
    faultPoint('sender-before-send');
    try {
      res = await fetch(`${url}/sync/v1/push`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          // For head office's console: this sender's whole backlog, before this batch.
          [BACKLOG_HEADER]: formatBacklogHeader(backlog.backlogRows, backlog.oldestUnsentAt),
        },
        body: batch.body,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      markUpstream(this.ctx.db, this.upstream, false, now(), `unreachable: ${(error as Error).message}`);
      throw error;
    }
    const body: unknown = await res.json().catch(() => null);
    faultPoint('sender-after-reply');
    this.replies[res.status] = (this.replies[res.status] ?? 0) + 1;
    if (res.status === 200) {
      const reply = PushReply.parse(body);
      setAckedSeq(this.ctx.db, this.upstream, deviceId, reply.ackedSeq);
      markUpstream(this.ctx.db, this.upstream, true, now(), null);
      this.ceiling.accepted(batch.bytes);
      if (this.ceilingToLog) {
        this.ceilingToLog = false;
        this.log?.warn(
          {
            upstream: this.upstream,
            ceilingBytes: this.ceiling.bytes,
            refusedBytes: this.ceiling.refusedBytes,
          },
          'the sync upstream refuses large batches (413): batches kept below the size it refused',
        );
      }
      return true;
    }
    if (res.status === 409) {
      // The receiver already has more (a lost reply) or less (a restored receiver): resume from its cursor.
      setAckedSeq(this.ctx.db, this.upstream, deviceId, GapReply.parse(body).ackedSeq);
      markUpstream(this.ctx.db, this.upstream, true, now(), null);
      return true;
    }
    if (res.status === 413) return this.tooLarge(batch);
    if (res.status === 403 && this.upstream === 'headoffice') {
      // Not this hub's device at head office (issue 9): kept and shown; the other devices go on.
      markRefused(this.ctx, this.upstream, deviceId, errorCode(body) ?? 'HTTP 403');
      markUpstream(this.ctx.db, this.upstream, true, now(), null);
      return false;
    }
    if (res.status === 426) this.upgradeNeeded = true;
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    markUpstream(this.ctx.db, this.upstream, false, now(), message);
    throw new Error(message);
  }

  /**
   * 413: the upstream (an older or differently configured receiver) takes less than the protocol's
   * batch. Remember the smaller ceiling and retry at once; one row too large for it waits with backoff.
   */
  private tooLarge(batch: PushBatch): boolean {
    this.ceiling.refused(batch.bytes);
    this.ceilingToLog = true;
    if (batch.count > 1) return true;
    const message = `the upstream refuses a single row of ${batch.bytes} bytes as too large (413)`;
    markUpstream(this.ctx.db, this.upstream, true, this.ctx.clock.now(), message);
    throw new Error(message);
  }

  /** Drains the backlog, then waits for new rows; retries with exponential backoff and jitter. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let sent = false;
      try {
        sent = await this.pushOnce();
        this.attempt = 0;
      } catch {
        this.attempt++;
      }
      if (!this.running) break;
      if (sent && this.attempt === 0) continue;
      const wait = this.attempt > 0 ? backoffMs(this.attempt, this.random) : 5_000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
