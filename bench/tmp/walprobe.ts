import { ManualClock } from '../../shared/runtime.ts';
import * as read from '../../db/read.ts';
import { inProcessDemoHall } from '../lib/hub.ts';
import { scratchDir } from '../lib/dirs.ts';
import { invoke } from '../../hall/writer/invoke.ts';

function receiptBody(i: number) {
  const bill = 5_000 + ((i * 7_919) % 200_000);
  const fee = { feeCode: `F0${1 + (i % 5)}`, qty: 1 + (i % 2) };
  const lines = [fee, { kind: 'bill' as const, account: `E-${100_000 + (i % 90_000)}`, amountFen: bill }];
  const payments =
    i % 4 === 3
      ? [{ method: 'wechat' as const, amountFen: bill, reference: `WX${i}` }, { method: 'cash' as const, amountFen: 40_000 }]
      : [{ method: 'cash' as const, amountFen: bill + 40_000 }];
  return { lines, payments };
}
const scratch = scratchDir('walprobe');
const clock = new ManualClock(Date.parse('2026-10-01T08:30:00+08:00'));
const node = await inProcessDemoHall(scratch.dir, clock);
const { ctx } = node;
const t = { staffId: read.staffByNo(ctx.db, '1001')!.id, counterNo: 1 };
ctx.db.pragma('wal_autocheckpoint = 0');
for (const ix of (process.env.DROP ?? '').split(',').filter(Boolean)) ctx.db.exec(`DROP INDEX ${ix}`);
if (process.env.NOREPLY) ctx.db.exec('DROP INDEX local_command_replies_created');
const B = Number(process.env.B ?? 8);
let k = 0;
const round = async (n: number) => {
  for (let i = 0; i < n; i += B) {
    clock.advance(1000);
    await Promise.all(Array.from({ length: B }, () => {
      const j = k++;
      return ctx.commits.run('idempotentCommand', process.env.SEQKEY ? `key-${String(k).padStart(9, '0')}` : `key-${Math.random()}`, { principal: `staff:${t.staffId}`, fingerprint: 'f', status: 201 }, invoke('recordReceipt', { ...t, ticketId: null, ...receiptBody(j) }));
    }));
  }
};
await round(2000);
ctx.db.pragma('wal_checkpoint(TRUNCATE)');
const N = 4000;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
await round(N);
const cpu = process.cpuUsage(cpu0);
const ms = performance.now() - t0;
const [w] = ctx.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
console.log(`B=${B}: ${N} receipts ${ms.toFixed(0)} ms wall, cpu ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms/receipt, WAL frames ${w!.log} = ${(w!.log / (N / B)).toFixed(1)} pages/commit, ${(w!.log * 4096 / N / 1024).toFixed(1)} KiB/receipt`);
await node.close();
scratch.remove();
