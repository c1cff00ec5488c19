import { readFileSync } from 'node:fs';
import { startHubWithStation } from '../lib/hub.ts';
import { RawConnection } from '../lib/rawHttp.ts';

const SECONDS = Number(process.env.PROBE_SECONDS ?? 6);
function receiptBody(i: number) {
  const bill = 5_000 + ((i * 7_919) % 200_000);
  const fee = { feeCode: `F0${1 + (i % 5)}`, qty: 1 + (i % 2) };
  const lines = [fee, { kind: 'bill' as const, account: `E-${100_000 + (i % 90_000)}`, amountFen: bill }];
  const payments =
    i % 4 === 3
      ? [
          { method: 'wechat' as const, amountFen: bill, reference: `WX${i}` },
          { method: 'cash' as const, amountFen: 40_000 },
        ]
      : [{ method: 'cash' as const, amountFen: bill + 40_000 }];
  return { lines, payments };
}
const env = await startHubWithStation(1);
const clerk = await env.clerk('1001');
const conns = Array.from({ length: 8 }, () => new RawConnection(env.stationUrl, clerk.bearer));
let i = 0;
const once = async (c: RawConnection) => {
  const r = await c.send('POST', '/api/v1/receipts', JSON.stringify(receiptBody(i)), { 'Idempotency-Key': `p-${i++}` });
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
};
for (let k = 0; k < 500; k++) await once(conns[0]!);
const pid = env.stationPid;
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const c0 = pid ? cpu() : 0;
const t0 = performance.now();
let n = 0;
await Promise.all(conns.map(async (c) => { while (performance.now() < t0 + SECONDS * 1000) { await once(c); n++; } }));
const ms = performance.now() - t0;
console.log(`${n} receipts in ${ms.toFixed(0)} ms: ${(n / (ms / 1000)).toFixed(0)}/s; station cpu/receipt ${pid ? ((cpu() - c0) / n).toFixed(3) : '?'} ms`);
for (const c of conns) c.close();
await env.stop();
