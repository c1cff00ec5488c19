/**
 * `npm run bench [-- name…]`: runs the figures of issues 3, 4 and 11 (DESIGN §8), prints the table and
 * writes bench/results/latest.json. Every figure is compared with a baseline measured in the same run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTable, toJson, type Figure } from './lib/figure.ts';
import { HO_BACKEND } from './lib/headoffice.ts';

type Module = { run(log: (line: string) => void): Promise<Figure[]> };

const MODULES: Record<string, () => Promise<Module>> = {
  'hub-ops': () => import('./hub-ops.ts'),
  'call-to-display': () => import('./call-to-display.ts'),
  'cold-start': () => import('./cold-start.ts'),
  ingest: () => import('./ingest.ts'),
  backlog: () => import('./backlog.ts'),
  'station-latency': () => import('./station-latency.ts'),
  'ho-memory': () => import('./ho-memory.ts'),
  money: () => import('./money.ts'),
  cases: () => import('./cases.ts'),
  ratings: () => import('./ratings.ts'),
  checklists: () => import('./checklists.ts'),
};

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = asked.filter((a) => !(a in MODULES));
  if (unknown.length > 0) {
    console.error(`unknown figure(s): ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`);
    return 2;
  }
  const names = asked.length > 0 ? asked : Object.keys(MODULES);
  log(`ServiceHall bench: ${names.join(', ')} (head office on ${HO_BACKEND})`);
  const figures: Figure[] = [];
  let crashed = false;
  const started = performance.now();
  for (const name of names) {
    const t = performance.now();
    log(`\n▶ ${name}`);
    try {
      const mod = await MODULES[name]!();
      figures.push(...(await mod.run(log)));
    } catch (error) {
      crashed = true;
      console.error(error);
      figures.push({
        name,
        unit: '',
        value: Number.NaN,
        baseline: Number.NaN,
        baselineName: '—',
        ratio: Number.NaN,
        target: '—',
        pass: false,
        note: `not measured: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
      });
    }
    log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  log(`\n${formatTable(figures)}\n`);
  for (const f of figures.filter((x) => x.note)) log(`- ${f.name}: ${f.note}`);
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}latest.json`, `${JSON.stringify(toJson(figures), null, 2)}\n`);
  const missed = figures.filter((f) => !f.pass).length;
  log(
    `\n${figures.length - missed}/${figures.length} targets met; ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s; wrote bench/results/latest.json`,
  );
  return crashed ? 1 : 0;
}

process.exit(await main());
