/**
 * A hall node in its own process for the bench: like `npm run hall`, but on a random port, with the
 * background timers off (so a 5-second backup does not land inside a measurement) and its demo tokens in
 * the JSON ready line (shared/readyLine.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startHallNode } from '../../hall/node.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import type { ReadyLine } from '../../shared/readyLine.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  dataDir: string;
  demo?: boolean;
  port?: number;
  /** Join this hub as a station, and pull its reference data once (sync stays off). */
  hub?: { url: string; code: string };
};
const node = await startHallNode({
  dataDir: args.dataDir,
  port: args.port ?? 0,
  demo: args.demo ?? false,
  hub: args.hub,
  timers: false,
  sync: false,
  logLevel: process.env.LOG_LEVEL ?? 'warn',
});
if (args.hub) await pullOnce(node.ctx, 'hub');
const devices = path.join(args.dataDir, 'demo-devices.json');
const tokens = existsSync(devices) ? (JSON.parse(readFileSync(devices, 'utf8')) as object) : {};
const ready: ReadyLine = { ready: true, role: node.ctx.role, url: node.url, pid: process.pid };
process.stdout.write(`${JSON.stringify({ ...ready, ...tokens })}\n`);
const stop = () => void node.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
