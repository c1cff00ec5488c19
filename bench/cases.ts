import path from 'node:path';
import type { Figure } from './lib/figure.ts';
import { managerGet, p50, viewAgainstQuery, viewFigures } from './lib/managerView.ts';
import { percentile } from './lib/stats.ts';
import { onInProcessDemoHall } from './lib/hub.ts';
import * as read from '../db/read.ts';
import type { CaseKind } from '../shared/cases/model.ts';
import { OVERDUE_SQL } from '../hall/cases/queries.ts';

/**
 * Issue 12's figure: the duty manager's overdue-case list (GET /cases?overdue=true over HTTP, as the
 * manager screen reads it) on a hub holding 200,000 cases (< 50 ms), against the same query run
 * directly in SQLite in the same run (ratio ≤ 3). The cases are opened and mostly closed through the
 * node's writer (the real procedures, batched by group commit) over two simulated years, so the
 * tables and indexes are what a long-lived hub has; a few hundred stay open past a deadline.
 */

const CASES = Number(process.env.BENCH_CASES) || 200_000;
/** Cases handed to the writer at once: one group commit. */
const CHUNK = 1_000;
/** One case in this many stays open (the rest are closed within the day). */
const OPEN_EVERY = 100;
const RUNS = 200;
const DAY = 86_400_000;

const kindOf = (i: number): CaseKind => (['complaint', 'flow', 'enquiry'] as const)[i % 3]!;

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const start = Date.parse('2025-01-02T09:00:00+08:00');
  return onInProcessDemoHall('cases', start, async ({ node, clock, dir }) => {
    const { ctx } = node;
    const clerks = [1, 2, 3, 4, 5, 6].map((k) => ({
      staffId: read.staffByNo(ctx.db, `100${k}`)!.id,
      counterNo: k,
    }));
    const seeding = performance.now();
    // Two years of cases, a chunk a little under an hour apart.
    const step = Math.floor((730 * DAY) / Math.ceil(CASES / CHUNK));
    for (let i = 0; i < CASES; i += CHUNK) {
      clock.advance(step);
      const batch = Array.from({ length: Math.min(CHUNK, CASES - i) }, (_, j) => i + j);
      const opened = await Promise.all(
        batch.map((j) => {
          const kind = kindOf(j);
          return ctx.commits.run('openCase', clerks[j % 6]!, {
            kind,
            summary: `bench case ${j}`,
            ...(kind === 'enquiry' ? { phone: '13800000000', promisedAt: clock.now() + DAY } : {}),
          });
        }),
      );
      clock.advance(60_000);
      await Promise.all(
        opened
          .map((o, j) => ({ id: o.value.id, j: i + j }))
          .filter(({ j }) => j % OPEN_EVERY !== 0)
          .map(({ id, j }) =>
            ctx.commits.run('actOnCase', { staffId: clerks[j % 6]!.staffId, manager: false }, id, {
              kind: 'close',
              text: '已办结',
              toldVia: 'phone',
            }),
          ),
      );
    }
    const now = clock.now();
    const open = (
      ctx.db.prepare('SELECT count(*) AS n FROM cases WHERE closed_at IS NULL').get() as { n: number }
    ).n;
    log(
      `  seeded ${CASES} cases (${open} open) and ${ctx.journal.lastSeq()} journal rows in ` +
        `${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    // Baseline: the list's own SQL (hall/cases/queries.ts overdueRows) straight on the connection.
    const direct = ctx.db.prepare(OVERDUE_SQL);
    const get = await managerGet(node.url);
    const list = () => get<unknown[]>('/cases?overdue=true');
    const overdue = (await list()).length;
    if (overdue !== direct.all(now).length) throw new Error('the route and the query disagree');
    const times = await viewAgainstQuery(RUNS, () => direct.all(now), list);
    const { http, sql } = times;
    log(
      `  overdue list (${overdue} of ${CASES} cases): HTTP p50 ${p50(http).toFixed(2)} ms, p99 ` +
        `${percentile(http, 99).toFixed(2)} ms; the same SQL p50 ${p50(sql).toFixed(2)} ms`,
    );
    return viewFigures({
      name: `Overdue-case list, ${CASES.toLocaleString('en-US')} cases (${overdue} overdue), p50`,
      ratioName: 'Overdue-case list against the same query in SQLite',
      times,
      baselineName: 'the same query directly in SQLite, p50 ms',
      note: `GET /cases?overdue=true over loopback HTTP with the manager's token, ${RUNS} runs; ${path.basename(dir)}`,
      ratioNote: 'HTTP, token check, the reminder/overdue flags and JSON serialisation on top of the query',
    });
  });
}
