import { afterAll, beforeAll, describe, expect } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { tempDir as makeTempDir } from '../support/hall.ts';
import { test as it } from '../support/fixtures.ts';
import { apiCall, parseReply } from '../support/http.ts';
import { LoginReply } from '../../shared/api/schemas.ts';
import { ReceiptReply } from '../../shared/api/hall/money.ts';
import { ZReport } from '../../shared/money/zreport.ts';
import { expectVerifiesAndRebuilds } from '../support/afterCrash.ts';
import { startHall, type Started } from '../support/child.ts';

/**
 * Issue 11, crash: a hall node in its own process takes a burst of receipts from two counters and is
 * killed with SIGKILL mid-burst. After a restart on the same data directory every receipt that got a
 * 201 is in the journal under the number it was given, the device's receipt numbers run 1…n with no
 * gap and none twice, every hash chain verifies, and the day closes on exactly those receipts.
 */

type Json = Record<string, unknown>;
const MANAGER = { staffNo: '9001', pin: '123456' };
/** Receipts acknowledged before the kill. */
const ENOUGH = 150;

const call = apiCall;

const login = async (base: string, staffNo: string, counterNo?: number) => {
  const r = await call(base, 'POST', '/auth/login', null, { staffNo, pin: '123456', counterNo });
  expect(r.status).toBe(200);
  return parseReply(LoginReply, r).token;
};

/** The i-th receipt of a client: a fee and a bill, paid in cash with change, or part by WeChat. */
const receiptBody = (i: number) => ({
  lines: [
    { feeCode: 'F0' + String(1 + (i % 5)), qty: 1 + (i % 3) },
    { kind: 'bill', account: `E-${100_000 + i}`, amountFen: 1_000 + i },
  ],
  payments:
    i % 2
      ? [{ method: 'cash', amountFen: 100_000 }]
      : [
          { method: 'wechat', amountFen: 1_000, reference: `WX${i}` },
          { method: 'cash', amountFen: 100_000 },
        ],
});

describe('kill -9 during a burst of receipts (issue 11, DESIGN-2)', () => {
  const dataDir = makeTempDir('servicehall-money-crash-');
  const dbFile = path.join(dataDir, 'hall.sqlite');
  const acked = new Map<string, { id: string; number: string }>();
  const unanswered = new Set<string>();
  const bodies = new Map<string, unknown>();
  const tokens: string[] = [];
  let node: Started;

  beforeAll(async () => {
    node = await startHall(['--demo', '--data', dataDir, '--port', '0']);
    tokens.push(await login(node.url, '1001', 1), await login(node.url, '1002', 2));
    let killed = false;
    let resolveEnough: () => void = () => undefined;
    const enough = new Promise<void>((r) => (resolveEnough = r));
    const client = async (w: number) => {
      const token = tokens[w % 2]!;
      for (let i = 0; !killed; i++) {
        const key = `receipt-${w}-${i}`;
        const body = receiptBody(i);
        bodies.set(key, body);
        unanswered.add(key);
        try {
          const r = await call(node.url, 'POST', '/receipts', token, body, key);
          expect(r.status, JSON.stringify(r.body)).toBe(201);
          const { id, number } = parseReply(ReceiptReply, r);
          acked.set(key, { id, number });
          unanswered.delete(key);
          if (acked.size >= ENOUGH) resolveEnough();
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    await enough;
    killed = true;
    await node.kill9();
    await Promise.all(clients);
    expect((await node.exited).signal).toBe('SIGKILL');
    expect(unanswered.size, 'requests in flight at the kill').toBeGreaterThan(0);
    node = await startHall(['--data', dataDir, '--port', '0']);
  }, 120_000);

  afterAll(async () => {
    await node?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const receiptRows = () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return db
        .prepare(`SELECT device_id, payload FROM journal WHERE type = 'receipt.recorded' ORDER BY device_seq`)
        .all()
        .map((r) => {
          const row = r as { device_id: string; payload: string };
          return { ...(JSON.parse(row.payload) as Json), deviceId: row.device_id } as Json;
        });
    } finally {
      db.close();
    }
  };

  it('R-CASH-2, DESIGN-2: every receipt that got a 201 is in the journal and the receipts table, under its number', () => {
    expect(acked.size).toBeGreaterThanOrEqual(ENOUGH);
    const journal = new Map(receiptRows().map((p) => [p.receiptId as string, p]));
    const db = new Database(dbFile, { readonly: true });
    try {
      const table = new Map(
        (db.prepare('SELECT id, number FROM receipts').all() as { id: string; number: string }[]).map((r) => [
          r.id,
          r.number,
        ]),
      );
      for (const [key, r] of acked) {
        expect(journal.get(r.id)?.number, key).toBe(r.number);
        expect(table.get(r.id), key).toBe(r.number);
      }
      expect(table.size).toBe(journal.size);
    } finally {
      db.close();
    }
  });

  it('DESIGN-2: receipt numbers run 1…n with no gap and none twice; a request in flight at the kill is applied at most once on retry', async () => {
    // The same clerks sign in again (their sessions survived, but a retry comes from a fresh start).
    const again = [await login(node.url, '1001', 1), await login(node.url, '1002', 2)];
    for (const key of unanswered) {
      const token = again[Number(key.split('-')[1]) % 2]!;
      const first = await call(node.url, 'POST', '/receipts', token, bodies.get(key), key);
      const second = await call(node.url, 'POST', '/receipts', token, bodies.get(key), key);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(parseReply(ReceiptReply, second).id).toBe(parseReply(ReceiptReply, first).id);
    }
    // An acknowledged one retried after the restart is the receipt it was, not a new one.
    const [key, before] = [...acked][0]!;
    const retried = parseReply(
      ReceiptReply,
      await call(node.url, 'POST', '/receipts', again[Number(key.split('-')[1]) % 2]!, bodies.get(key), key),
    );
    expect(retried).toMatchObject(before);
    const rows = receiptRows();
    const seqs = rows.map((r) => r.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const numbers = rows.map((r) => r.number as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    const code = numbers[0]!.split('-')[0]!;
    expect(numbers).toEqual(seqs.map((s) => `${code}-${String(s).padStart(6, '0')}`));
  });

  it('R-CASH-2: the day closes on exactly the receipts in the journal, its chain unbroken', async () => {
    const manager = await login(node.url, '9001');
    const rows = receiptRows();
    const day = rows[0]!.day as string;
    // The drawers were never counted: the close needs a reason code.
    const res = await call(node.url, 'POST', `/days/${day}/close`, manager, {
      approver: MANAGER,
      reasonCode: 'unknown',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const report = parseReply(ZReport, res);
    expect(report).toMatchObject({
      count: rows.length,
      first: rows[0]!.number,
      last: rows.at(-1)!.number,
      chainBroken: null,
    });
    expect(report.totalsFen.gross).toBe(rows.reduce((s, r) => s + (r.totalFen as number), 0));
  });

  it('DESIGN-2: after the crash `verify` says every hash chain verifies and `rebuild` reproduces the projections', async () => {
    await node.stop();
    expect(await node.exited).toEqual({ code: 0, signal: null });
    await expectVerifiesAndRebuilds(dataDir);
  });
});
