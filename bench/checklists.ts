import path from 'node:path';
import type { Figure } from './lib/figure.ts';
import { managerGet, p50, viewAgainstQuery, viewFigures } from './lib/managerView.ts';
import { percentile } from './lib/stats.ts';
import { onInProcessDemoHall } from './lib/hub.ts';
import * as read from '../db/read.ts';
import { recordedByDevice } from '../hall/context.ts';
import { ALSO_SQL, dueView, MISSED_SQL, RECORDS_SQL, templates } from '../hall/checklists/queries.ts';
import { completeChecklist } from '../hall/checklists/service.ts';
import { occurrencesBetween } from '../shared/checklists/schedule.ts';
import { addDays, businessDay } from '../shared/time/businessDay.ts';

/**
 * Issue 13's figure: the manager's "what is due / overdue now" view (GET /checklists/due?scope=all
 * over HTTP, as the manager screen reads it) on a hub holding three years of a big hall's checklist
 * records (< 50 ms), against the three range queries it reads run directly in SQLite in the same run
 * (ratio ≤ 3). The records are written day by day by the completion procedure itself (the clock set
 * into each window) in one transaction a day: every occurrence of the templates done (one in 20 late,
 * one item in 50 failed and followed up) or missed (journaled as the missed job would).
 */

const YEARS = Number(process.env.BENCH_CHECKLIST_YEARS) || 3;
/** A big hall: its templates, and this many extra daily ones (per-area disinfection, per-zone checks). */
const EXTRA_DAILY = 12;
const RUNS = 200;
const DAY = 86_400_000;

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const start = Date.parse('2024-01-01T06:00:00+08:00');
  return onInProcessDemoHall('checklists', start, async ({ node, clock, dir }) => {
    const { ctx } = node;
    const tz = read.settings(ctx.db).timeZone;
    const managerId = read.staffByNo(ctx.db, '9001')!.id;
    const clerkId = read.staffByNo(ctx.db, '1001')!.id;
    // The big hall's own templates, as its manager would add them.
    for (let k = 0; k < EXTRA_DAILY; k++)
      await ctx.commits.run('setHallTemplate', managerId, `area-${k}`, {
        name: `区域 ${k + 1} 巡检`,
        nameEn: '',
        rule: 'R-DIS-1',
        recurrence: 'FREQ=DAILY',
        startTime: '08:00',
        dueTime: '16:00',
        opening: false,
        role: 'clerk',
        lateAllowed: true,
        countersign: false,
        items: Array.from({ length: 8 }, (_, i) => ({
          code: `p${i}`,
          label: `点位 ${i + 1}`,
          labelEn: '',
          kind: 'pass_fail' as const,
          unit: '',
          required: true,
        })),
      });
    const seeding = performance.now();
    const all = templates(ctx.db);
    const end = start + Math.round(YEARS * 365 * DAY);
    let n = 0;
    for (let dayStart = start; dayStart < end; dayStart += DAY) {
      clock.set(dayStart);
      ctx.db.transaction(() => {
        for (const t of all)
          for (const o of occurrencesBetween(
            t.code,
            t,
            tz,
            dayStart - 6 * 3_600_000,
            dayStart + 18 * 3_600_000,
          )) {
            n++;
            if (n % 37 === 0) {
              ctx.journal.append(
                'checklist.missed',
                { occurrenceId: o.occurrenceId, templateCode: t.code, day: o.day, dueAt: o.dueAt },
                recordedByDevice(ctx.deviceId),
              );
              continue;
            }
            // Done through the real procedure, at a moment in its window (or after its due time).
            const failed = n % 50 === 0 ? t.items[0]!.code : null;
            clock.set(n % 20 === 0 ? o.dueAt + 60_000 : o.startAt + 60_000);
            completeChecklist(
              ctx,
              t.role === 'manager'
                ? { staffId: managerId, role: 'manager' }
                : { staffId: clerkId, role: 'clerk' },
              o.occurrenceId,
              {
                items: t.items
                  .filter((i) => i.kind !== 'photo')
                  .map((i) => ({
                    code: i.code,
                    result: i.code === failed ? ('fail' as const) : ('pass' as const),
                    ...(i.kind === 'number'
                      ? { value: i.min ?? 1 }
                      : i.kind === 'text'
                        ? { value: '记录' }
                        : {}),
                  })),
              },
            );
          }
      })();
    }
    // Now: mid-morning of the next day, some checks done, the rest due or overdue.
    const now = end + 4 * 3_600_000;
    clock.set(now);
    const records = (ctx.db.prepare('SELECT count(*) AS n FROM checklist_records').get() as { n: number }).n;
    const results = (ctx.db.prepare('SELECT count(*) AS n FROM checklist_results').get() as { n: number }).n;
    log(
      `  seeded ${records} checklist records (${results} item results, ${all.length} templates) over ${YEARS} years in ` +
        `${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    // Baseline: the view's own three range reads (hall/checklists/queries.ts dueView: records, missed marks,
    // second completions) straight on the connection.
    const today = businessDay(now, tz);
    const from = addDays(today, -32);
    const recordsSql = ctx.db.prepare(RECORDS_SQL);
    const missedSql = ctx.db.prepare(MISSED_SQL);
    const alsoSql = ctx.db.prepare(ALSO_SQL);
    const direct = () => {
      recordsSql.all(from, today);
      missedSql.all(from, today);
      alsoSql.all(from, today);
    };
    const get = await managerGet(node.url);
    const view = () => get<{ status: string }[]>('/checklists/due?scope=all');
    const rows = await view();
    const overdue = rows.filter((r) => r.status === 'overdue' || r.status === 'missed').length;
    const times = await viewAgainstQuery(RUNS, direct, view);
    const { http, sql } = times;
    // Where the time goes: the view's own work in-process (templates, schedules, the reads), without HTTP.
    const inProcess: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      dueView(ctx.db, now, null);
      inProcess.push(performance.now() - t0);
    }
    log(`  the view in-process (no HTTP) p50 ${p50(inProcess).toFixed(2)} ms`);
    log(
      `  due view (${rows.length} rows, ${overdue} overdue): HTTP p50 ${p50(http).toFixed(2)} ms, p99 ` +
        `${percentile(http, 99).toFixed(2)} ms; the same SQL p50 ${p50(sql).toFixed(2)} ms`,
    );
    return viewFigures({
      name: `Manager's due/overdue checklists, ${YEARS} years (${records.toLocaleString('en-US')} records), p50`,
      ratioName: 'Due/overdue checklists against its queries in SQLite',
      times,
      baselineName: 'its three range queries directly in SQLite, p50 ms',
      note: `GET /checklists/due?scope=all over loopback HTTP with the manager's token, ${RUNS} runs; ${path.basename(dir)}`,
      ratioNote:
        'HTTP, token check, the templates and their recurrence worked out for the window, JSON on top of the reads',
    });
  });
}
