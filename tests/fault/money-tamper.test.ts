import { describe, expect } from 'vitest';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
// Through the projections' index: money.ts imported first meets its import cycle with index.ts half-done.
import '../../db/projections/index.ts';
import { ARCHIVABLE } from '../../db/projections/registers.ts';
import { MONEY_TABLES } from '../../db/projections/money.ts';
import { ReceiptReply } from '../../shared/api/hall/money.ts';
import { ZReport } from '../../shared/money/zreport.ts';
import { ManualClock } from '../../shared/runtime.ts';
import { runCli, ROOT } from '../support/child.ts';
import { test } from '../support/fixtures.ts';
import { shanghai, staffOf } from '../support/builders.ts';
import type { TestHall } from '../support/hall.ts';
import { parseReply } from '../support/http.ts';

/**
 * Issue 11, tamper: an attacker with the hall's SQLite file edits money by hand while the node is
 * stopped. A receipt's journal row edited is caught by `verify` and by the day's Z-report, both naming
 * the first broken link; a receipts-table row edited (its UPDATE trigger dropped first) is caught by the
 * Z-report, which compares the table with the journal. And the code has no path that updates or
 * deletes a money record.
 */

const DAY = '2026-11-25';
const MANAGER = { staffNo: '9001', pin: '123456' };

const it = test.extend('closedShop', ({ demoHall, testHall }) =>
  /**
   * A demo hall where counter 1 took four cash receipts and (unless told not to) counted its drawer
   * at close, stopped so its file can be edited; `reopen` starts a node on the edited file, same day.
   */
  async ({ counted = true }: { counted?: boolean } = {}) => {
    const clock = new ManualClock(shanghai(`${DAY} 10:00`));
    const hall = await demoHall({ clock });
    const staff = staffOf(hall);
    const c1 = await staff.clerk(1);
    await hall.request('POST', '/drawer/open', { token: c1, body: { floatFen: 10_000 } });
    const receipts = [];
    for (const fen of [1_000, 5_000, 20_000, 2_000]) {
      clock.advance(60_000);
      const res = await hall.request('POST', '/receipts', {
        token: c1,
        body: {
          lines: [{ kind: 'bill', account: 'E-1002003', amountFen: fen }],
          payments: [{ method: 'cash', amountFen: fen }],
        },
      });
      receipts.push(parseReply(ReceiptReply, res));
    }
    // ¥380 in the drawer: float ¥100 plus ¥280 taken, all counted.
    if (counted) {
      const count = await hall.request('POST', '/drawer/counts', {
        token: c1,
        body: { kind: 'close', counts: { '10000': 3, '5000': 1, '2000': 1, '1000': 1 } },
      });
      expect(count.body).toMatchObject({ expectedFen: 38_000, differenceFen: 0 });
    }
    const { deviceId } = hall.node.ctx;
    await hall.node.close();
    const file = path.join(hall.dataDir, 'hall.sqlite');
    const reopen = async () => {
      const again = await testHall({ dataDir: hall.dataDir, demo: false, clock });
      return { hall: again, manager: await again.login('9001'), clerk: () => again.login('1001', 1) };
    };
    return { dataDir: hall.dataDir, file, deviceId, receipts, reopen };
  },
);

/** The day's close on a node started on the edited file. */
async function closeDay(hall: TestHall, token: string) {
  const res = await hall.request('POST', `/days/${DAY}/close`, { token, body: { approver: MANAGER } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(ZReport, res);
}

describe('a receipt edited in the SQLite file (issue 11 tamper)', () => {
  it('R-CASH-2, DESIGN-2: a receipt’s journal row edited by hand — `verify` names device and seq of the first broken link, and the Z-report’s chainBroken names that seq', async ({
    closedShop,
  }) => {
    const { file, deviceId, dataDir, receipts, reopen } = await closedShop();
    const db = new Database(file);
    const victim = db
      .prepare(
        `SELECT device_seq FROM journal WHERE type = 'receipt.recorded' AND json_extract(payload, '$.receiptId') = ?`,
      )
      .pluck()
      .get(receipts[1]!.id) as number;
    db.exec('DROP TRIGGER journal_no_update');
    // ¥50 becomes ¥0.50: the payload changes, its stored hash does not.
    db.prepare(
      `UPDATE journal SET payload = json_set(payload, '$.totalFen', 50, '$.paidFen', 50, '$.cashFen', 50)
       WHERE device_id = ? AND device_seq = ?`,
    ).run(deviceId, victim);
    db.close();

    const verify = await runCli('hall', ['verify', '--data', dataDir]);
    expect(verify.code).toBe(1);
    const broken = verify.stdout.split('\n').filter((l) => l.startsWith('BROKEN'));
    expect(broken[0]).toContain(`BROKEN: device ${deviceId} seq ${victim} `);
    expect(broken[0]).toMatch(/hash does not match/);
    expect(verify.stdout).not.toContain('every hash chain verifies');

    const { hall, manager } = await reopen();
    const report = await closeDay(hall, manager);
    expect(report.chainBroken).toEqual({ seq: victim, reason: expect.stringMatching(/hash/) });
  });

  it('R-CASH-2: a receipts-table row edited by hand (UPDATE trigger dropped) is flagged by the Z-report', async ({
    closedShop,
  }) => {
    const { file, dataDir, receipts, reopen } = await closedShop();
    const db = new Database(file);
    db.exec('DROP TRIGGER receipts_written_once');
    db.prepare('UPDATE receipts SET total_fen = 500, cash_fen = 500 WHERE id = ?').run(receipts[1]!.id);
    db.close();
    // The journal itself is intact: verify passes, so only the comparison can catch it.
    const verify = await runCli('hall', ['verify', '--data', dataDir]);
    expect(verify.stdout).toContain('every hash chain verifies');
    const { hall, manager } = await reopen();
    const report = await closeDay(hall, manager);
    expect(report.chainBroken?.reason).toMatch(/receipts table differs from the journal/);
    // The report itself stays on the journal's figures.
    expect(report.totalsFen.gross).toBe(28_000);
  });

  it('R-CASH-5: a thief who took ¥100 lowers a receipt’s cash in the receipts table so the blind count comes out even — the Z-report flags it', async ({
    closedShop,
  }) => {
    const { file, receipts, reopen } = await closedShop({ counted: false });
    const db = new Database(file);
    db.exec('DROP TRIGGER receipts_written_once');
    db.prepare('UPDATE receipts SET cash_fen = cash_fen - 10000 WHERE id = ?').run(receipts[2]!.id);
    db.close();
    const { hall, manager, clerk } = await reopen();
    // ¥280 left in a drawer that should hold ¥380: the count is fooled by the edited table…
    const count = await hall.request('POST', '/drawer/counts', {
      token: await clerk(),
      body: { kind: 'close', counts: { '10000': 2, '5000': 1, '2000': 1, '1000': 1 } },
    });
    expect(count.body).toMatchObject({ expectedFen: 28_000, differenceFen: 0 });
    // …the day's close is not: it compares the tables and the close count with the journal.
    const report = await closeDay(hall, manager);
    expect(report.chainBroken?.reason).toMatch(/differs from the journal/);
    expect(report.drawers[0]).toMatchObject({ expectedFen: 38_000, countedFen: 28_000 });
  });
});

/** Every .ts file under the server-side folders (no renderer: it has no SQL and no database). */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|sql)$/.test(name)) out.push(full);
    }
  };
  for (const top of ['hall', 'db', 'headoffice', 'shared', 'server']) walk(path.join(ROOT, top));
  return out;
}

describe('money records are written once (issue 11)', () => {
  it('R-CASH-2: no code path updates or deletes a money record — the only DELETE is the projection rebuild, which replays the journal', () => {
    const tables = MONEY_TABLES.join('|');
    // UPDATE t, DELETE FROM t, REPLACE INTO t and INSERT OR REPLACE INTO t (a delete in disguise), and
    // an upsert's DO UPDATE on an INSERT into t.
    const writes = new RegExp(
      `\\b(UPDATE\\s+(OR\\s+\\w+\\s+)?|DELETE\\s+FROM\\s+|(INSERT\\s+OR\\s+)?REPLACE\\s+INTO\\s+)["\`]?(${tables})\\b` +
        `|\\bINSERT\\s+INTO\\s+(${tables})\\b[^;]*?\\bDO\\s+UPDATE\\b`,
      'gi',
    );
    // A statement whose table is computed: it must be one reviewed here.
    const computed = /\b(UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+\$\{/gi;
    const found: string[] = [];
    const dynamic: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      const rel = path.relative(ROOT, file);
      for (const m of text.matchAll(writes))
        if (!/BEFORE\s+UPDATE\s+ON/i.test(text.slice(Math.max(0, m.index - 7), m.index + m[0].length)))
          found.push(`${rel}: ${m[0]}`);
      for (const m of text.matchAll(computed)) dynamic.push(`${rel}: ${m[0]}`);
    }
    expect(found).toEqual([]);
    expect(dynamic.sort()).toEqual([
      'db/projections/registers.ts: DELETE FROM ${',
      'db/rebuild.ts: DELETE FROM ${',
      // mintOneTimeCode: its table is typed as one of the two local one-time code tables.
      'hall/auth/tokens.ts: DELETE FROM ${',
      'hall/auth/tokens.ts: REPLACE INTO ${',
    ]);
    // R-REC-1's retention removes archived rows from the tables ARCHIVABLE names, none of them money.
    expect(
      Object.values(ARCHIVABLE).filter((a) => (MONEY_TABLES as readonly string[]).includes(a.table)),
    ).toEqual([]);
    // The scan can fail: it finds the statement it is looking for.
    expect('DELETE FROM receipts WHERE 1'.match(writes)).not.toBeNull();
    expect(`INSERT OR REPLACE INTO drawer_counts (id) VALUES (1)`.match(writes)).not.toBeNull();
  });

  it('R-CASH-2: SQLite refuses an UPDATE of every money table', async ({ closedShop }) => {
    const { file } = await closedShop();
    const db = new Database(file);
    try {
      for (const table of MONEY_TABLES) {
        // A row in each (a trigger fires per row: an UPDATE of an empty table would prove nothing).
        const columns = db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as {
          name: string;
          type: string;
        }[];
        const value = (c: { name: string; type: string }) =>
          c.name === 'direction'
            ? 'in'
            : c.name === 'kind'
              ? 'spot'
              : c.type === 'INTEGER'
                ? 1
                : `tamper-${table}`;
        db.prepare(
          `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        ).run(...columns.map(value));
        const column = columns[0]!.name;
        expect(() => db.prepare(`UPDATE ${table} SET ${column} = ${column}`).run(), table).toThrow(
          /money records are written once/,
        );
      }
    } finally {
      db.close();
    }
  });
});
