import { meets, ratio, type Target } from './stats.ts';

/** One row of the bench table and of bench/results/latest.json (DESIGN §8). */
export interface Figure {
  name: string;
  unit: string;
  value: number;
  /** What the value is compared with, measured in the same run on the same machine. */
  baseline: number;
  baselineName: string;
  ratio: number;
  /** Human-readable, e.g. "ratio ≥ 0.5" or "< 20 ms". */
  target: string;
  pass: boolean;
  /** Conditions worth knowing when reading the number (backend, load, sample size). */
  note?: string;
}

export function describeTarget(t: Target, unit: string): string {
  return t.on === 'ratio' ? `ratio ${t.op} ${t.limit}` : `${t.op} ${t.limit} ${unit}`;
}

export function figure(f: {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  baselineName: string;
  target: Target;
  note?: string;
}): Figure {
  const r = ratio(f.value, f.baseline);
  return {
    name: f.name,
    unit: f.unit,
    value: f.value,
    baseline: f.baseline,
    baselineName: f.baselineName,
    ratio: r,
    target: describeTarget(f.target, f.unit),
    pass: meets(f.target, f.value, r),
    ...(f.note ? { note: f.note } : {}),
  };
}

function num(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** A Markdown table: readable in a terminal and pasteable into docs/bench.md. */
export function formatTable(figures: readonly Figure[]): string {
  const head = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
  const rows = figures.map((f) => [
    f.name,
    `${num(f.value)} ${f.unit}`,
    `${num(f.baseline)} (${f.baselineName})`,
    num(f.ratio),
    f.target,
    f.pass ? 'pass' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** What bench/results/latest.json holds: the DESIGN §8 fields plus pass and the baseline's name. */
export function toJson(figures: readonly Figure[]): unknown[] {
  const clean = (x: number) => (Number.isFinite(x) ? x : null);
  return figures.map((f) => ({
    ...f,
    value: clean(f.value),
    baseline: clean(f.baseline),
    ratio: clean(f.ratio),
  }));
}
