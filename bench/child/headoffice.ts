/** Head office in its own process for the bench (so its memory can be read from /proc on its own). */
import { startHeadOffice } from '../../headoffice/server.ts';
import type { ReadyLine } from '../../shared/readyLine.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as { databaseUrl?: string; dataDir?: string };
const ho = await startHeadOffice({
  databaseUrl: args.databaseUrl,
  dataDir: args.dataDir ?? null,
  port: 0,
  demo: true,
  logLevel: process.env.LOG_LEVEL ?? 'warn',
});
const ready: ReadyLine = { ready: true, role: 'headoffice', url: ho.url, pid: process.pid };
process.stdout.write(`${JSON.stringify({ ...ready, database: ho.ctx.sql.kind })}\n`);
const stop = () => void ho.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
