import { uuidV7Ids } from '../../shared/runtime.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import { MAX_BATCH_ROWS, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';
import { Client } from './http.ts';
import { SimulatedHub } from './history.ts';
import type { RunningHo } from './headoffice.ts';

/** A simulated hub paired with head office for real (its own hall, code, token), pushing like SyncSender. */
export interface PairedHub {
  hub: SimulatedHub;
  client: Client;
  deviceId: string;
  /** Pushes one batch; throws unless head office accepted every row. Returns the acked seq. */
  push(body: string): Promise<number>;
}

export async function pairHubs(ho: RunningHo, n: number, capacity?: number): Promise<PairedHub[]> {
  const hubs: PairedHub[] = [];
  for (let i = 0; i < n; i++) {
    const deviceId = uuidV7Ids.next();
    const localHallId = uuidV7Ids.next();
    const token = await ho.pairSimulatedHub(`Bench hall ${i + 1}`, deviceId, localHallId);
    const client = new Client(ho.url, token, 2);
    hubs.push({
      hub: new SimulatedHub(deviceId, localHallId, capacity),
      client,
      deviceId,
      push: async (body) => {
        const res = await client.send<{ ackedSeq: number; rejected: unknown[] }>(
          'POST',
          '/sync/v1/push',
          body,
          {
            [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          },
        );
        if (res.status !== 200 || res.body.rejected.length > 0)
          throw new Error(`push: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        return res.body.ackedSeq;
      },
    });
  }
  return hubs;
}

/** The push body SyncSender sends for these rows. */
export function pushBody(deviceId: string, rows: readonly JournalRow[]): string {
  return JSON.stringify({ deviceId, sentAt: Date.now(), rows });
}

export function batches(rows: readonly JournalRow[], size = MAX_BATCH_ROWS): JournalRow[][] {
  const out: JournalRow[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
