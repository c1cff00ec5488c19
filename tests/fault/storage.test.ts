import { describe, expect } from 'vitest';
import Database from 'better-sqlite3';
import { ManualClock } from '../../shared/runtime.ts';
import type { TestHall } from '../support/hall.ts';
import { it } from '../support/fixtures.ts';
import { expectError, issue, journalMark, shanghai } from '../support/builders.ts';
import { ErrorReply, Health } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/**
 * Storage faults (issue 9): a full disk or an I/O error must say so — 503 E_STORAGE with a message a
 * clerk understands, /health not ok with the reason — and the node recovers by itself once a commit
 * succeeds again. A full disk is made real with SQLite's max_page_count: the database may not grow,
 * exactly as when the disk has no room left (SQLITE_FULL).
 */

const health = async (h: TestHall, lang = 'zh-CN') =>
  parseReply(Health, await h.request('GET', '/health', { headers: { 'accept-language': lang } }));

/** Issues tickets until one is refused; returns that reply. */
async function issueUntilRefused(h: TestHall, lang: string): Promise<{ status: number; body: unknown }> {
  for (let i = 0; i < 500; i++) {
    const res = await h.request('POST', '/tickets', {
      token: h.kioskToken,
      body: { serviceCode: 'A' },
      headers: { 'accept-language': lang },
    });
    if (res.status !== 201) return res;
  }
  throw new Error('the database never filled up');
}

describe('security: storage faults are said, shown and recovered from', () => {
  it('security: a full disk gives 503 E_STORAGE "disk full" in both languages, /health not ok, and recovers on the next commit', async ({
    demoHall,
  }) => {
    const hall = await demoHall({ clock: new ManualClock(shanghai('2026-11-25 10:00')) });
    const { db } = hall.node.ctx;
    expect(await health(hall)).toMatchObject({ ok: true, problems: [] });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);

    const zh = await issueUntilRefused(hall, 'zh-CN');
    expectError(zh, 503, 'E_STORAGE');
    expect(parseReply(ErrorReply, zh).error.message).toMatch(/^记录未保存：磁盘已满/);
    const before = journalMark(db);
    const en = await hall.request('POST', '/tickets', {
      token: hall.kioskToken,
      body: { serviceCode: 'A' },
      headers: { 'accept-language': 'en' },
    });
    expectError(en, 503, 'E_STORAGE');
    expect(parseReply(ErrorReply, en).error.message).toMatch(/^Not saved: the disk is full/);
    expect(journalMark(db)).toEqual(before);

    const sick = await health(hall);
    expect(sick.ok).toBe(false);
    expect(sick.problems).toEqual([
      expect.objectContaining({ code: 'E_STORAGE', message: expect.stringMatching(/磁盘已满/) as string }),
    ]);
    expect((await health(hall, 'en')).problems?.[0]?.message).toMatch(/disk is full/);
    // A timer's check that writes nothing commits fine on a full disk: it proves no room, so the
    // problem stays.
    await hall.node.ctx.commits.run('raiseOverdueAwayAlerts');
    expect((await health(hall)).ok).toBe(false);

    // Space returns: the next successful commit clears the problem by itself.
    db.pragma('max_page_count = 1073741823');
    await issue(hall, 'A');
    expect(await health(hall)).toMatchObject({ ok: true, problems: [] });
  });

  it('security: an I/O error gives 503 E_STORAGE "storage fault", /health not ok, and recovers on the next commit', async ({
    demoHall,
  }) => {
    const hall = await demoHall({ clock: new ManualClock(shanghai('2026-11-25 10:00')) });
    const { journal, db } = hall.node.ctx;
    const append = journal.append.bind(journal);
    // The fault point: the next journal write fails as SQLite reports a failed write to disk.
    journal.append = () => {
      throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
    };
    const before = journalMark(db);
    const res = await hall.request('POST', '/tickets', {
      token: hall.kioskToken,
      body: { serviceCode: 'A' },
    });
    expectError(res, 503, 'E_STORAGE');
    expect(parseReply(ErrorReply, res).error.message).toMatch(/^记录未保存：存储故障/);
    expect(journalMark(db)).toEqual(before);
    const sick = await health(hall);
    expect(sick.ok).toBe(false);
    expect(sick.problems?.[0]?.message).toMatch(/存储故障/);

    journal.append = append;
    await issue(hall, 'A');
    expect(await health(hall)).toMatchObject({ ok: true, problems: [] });
  });
});
