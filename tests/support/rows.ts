import type { EventToAppend } from '../../hall/writer/procedures.ts';
import type { Db } from '../../db/open.ts';
import { v7 as uuidv7 } from 'uuid';
import { rowHash } from '../../shared/journal/hash.ts';
import { GENESIS_HASH, type JournalRow } from '../../shared/journal/row.ts';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';

/** A device's hash-chained journal rows built by hand, exactly as a device writes them (DESIGN §2). */
export class RowChain {
  seq = 0;
  hash = GENESIS_HASH;
  constructor(
    readonly deviceId: string,
    readonly hallId: string,
    public at = Date.UTC(2026, 0, 5, 1, 0, 0),
  ) {}

  /** The next row; `tamper` edits it before hashing (a bad payload with a valid chain). */
  next(
    over: Partial<Pick<JournalRow, 'type' | 'payload' | 'schema_ver' | 'occurred_at' | 'recorded_by'>> = {},
  ): JournalRow {
    this.at += 1000;
    const unsigned = {
      id: uuidv7(),
      device_id: this.deviceId,
      device_seq: this.seq + 1,
      hall_id: this.hallId,
      type: 'counter.back',
      schema_ver: 1,
      payload: { counterNo: 1 } as Record<string, unknown>,
      occurred_at: this.at,
      recorded_by: `device:${this.deviceId}`,
      prev_hash: this.hash,
      ...over,
    };
    const row: JournalRow = { ...unsigned, hash: rowHash(unsigned) };
    this.seq = row.device_seq;
    this.hash = row.hash;
    return row;
  }

  take(n: number): JournalRow[] {
    return Array.from({ length: n }, () => this.next());
  }
}

/** POSTs one raw batch to a receiver's /sync/v1/push. */
export async function pushRaw(
  baseUrl: string,
  token: string,
  body: { deviceId: string; rows: unknown[]; sentAt?: number },
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/sync/v1/push`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
      ...headers,
    },
    body: JSON.stringify({ sentAt: Date.now(), ...body }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** A seeded PRNG (mulberry32): fault schedules repeat exactly for the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `edit` on a hall database with the journal's append-only triggers lifted, then puts them back:
 * what someone with the file in hand can do to stored rows (tamper, delete), for the fault tests.
 */
export function withJournalGuardsLifted(db: Db, edit: () => void): void {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  try {
    edit();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}

/** n `counter.back` events at one counter: real journal rows that change nothing a test looks at. */
export function counterBacks(counterNo: number, n: number): EventToAppend[] {
  return Array.from({ length: n }, () => ({
    type: 'counter.back' as const,
    payload: { counterNo },
    by: 'test',
  }));
}

/**
 * n rows a station may write in its own journal (the origin rule, shared/events/authority.ts): its
 * copy of a removed fee, signed by the station itself. They change nothing a test looks at.
 */
export function stationFiller(deviceId: string, n: number): EventToAppend[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'reference.updated' as const,
    payload: { kind: 'fee' as const, key: `filler-${i}`, version: 1, data: null },
    by: `device:${deviceId}`,
  }));
}

/** The items of the hall's opening checklist, as head office's reference data holds them. */
const OPENING_CHECKLIST = [
  '大厅照明、空调和新风系统已开启，温度适宜',
  '取号机、叫号屏、评价器开机自检正常',
  '各窗口办公用品、单据、印章齐备并摆放整齐',
  '便民服务台饮水、老花镜、雨伞、充电设备可用',
  '消防通道畅通，灭火器在有效期内',
  '业务公告、收费标准公示内容为最新版本',
];

/**
 * n rows as a station's pulls journal them when the hall's checklist templates change: its copies of
 * the templates, signed by the station itself (the origin rule lets a station write them; only the
 * station projects them). About 750 bytes a row as sent, most of it Chinese text (3 bytes a character
 * in UTF-8): like a counter PC's real rows, 500 of them are more than the hub's LAN body limit.
 */
export function stationChecklistCopies(deviceId: string, n: number, first = 0): EventToAppend[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'reference.updated' as const,
    payload: {
      kind: 'checklist' as const,
      key: `opening-${first + i}`,
      version: first + i + 1,
      data: { name: '开厅检查（每日营业前）', items: OPENING_CHECKLIST },
    },
    by: `device:${deviceId}`,
  }));
}
