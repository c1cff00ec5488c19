import type { Figure } from './figure.ts';
import { figure } from './figure.ts';
import { DEMO_PIN } from './hub.ts';
import { RawConnection } from './rawHttp.ts';
import { percentile } from './stats.ts';

/**
 * Signs in as the demo duty manager at `url` and returns a GET of an API path (throws unless 2xx), over
 * the hand-rolled keep-alive connection the throughput figures use: the bench process is also the node
 * here, so fetch()'s own cost (about a millisecond a request) would be counted as the view's.
 */
export async function managerGet(url: string): Promise<<T>(path: string) => Promise<T>> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffNo: '9001', pin: DEMO_PIN }),
  });
  const { token } = (await login.json()) as { token: string };
  const connection = new RawConnection(url, token);
  return async <T>(path: string) => {
    const res = await connection.request<T>('GET', `/api/v1${path}`);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
}

export interface ViewTimes {
  http: number[];
  sql: number[];
}

/** Times a manager's view over HTTP and the SQL it rests on, one after the other `runs` times, so both meet the same load. */
export async function viewAgainstQuery(
  runs: number,
  direct: () => unknown,
  view: () => Promise<unknown>,
): Promise<ViewTimes> {
  const times: ViewTimes = { http: [], sql: [] };
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    direct();
    times.sql.push(performance.now() - t0);
    t0 = performance.now();
    await view();
    times.http.push(performance.now() - t0);
  }
  return times;
}

export const p50 = (xs: number[]) => percentile(xs, 50);

/**
 * A duty manager's view's two figures (issues 12 and 13): under 50 ms at p50, and at most 3× its query
 * run directly in SQLite in the same run.
 */
export function viewFigures(o: {
  name: string;
  ratioName: string;
  times: ViewTimes;
  baselineName: string;
  note: string;
  ratioNote: string;
}): Figure[] {
  const common = {
    unit: 'ms',
    value: p50(o.times.http),
    baseline: p50(o.times.sql),
    baselineName: o.baselineName,
  };
  return [
    figure({ ...common, name: o.name, target: { on: 'value', op: '<', limit: 50 }, note: o.note }),
    figure({ ...common, name: o.ratioName, target: { on: 'ratio', op: '<=', limit: 3 }, note: o.ratioNote }),
  ];
}
