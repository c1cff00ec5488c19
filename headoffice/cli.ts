import { parseArgs } from 'node:util';
import path from 'node:path';
import { startHeadOffice } from './server.ts';
import { ensureDatabase } from './db/ensureDatabase.ts';
import { explainStartupError } from '../shared/startupErrors.ts';
import { readyLine } from '../shared/readyLine.ts';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    data: { type: 'string', default: '.data/headoffice' },
    port: { type: 'string', default: '8370' },
    host: { type: 'string', default: '127.0.0.1' },
    /** A name halls reach head office by (repeatable); its own addresses and localhost always work. */
    'allow-host': { type: 'string', multiple: true, default: [] },
  },
});

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(values.data);

async function main(): Promise<void> {
  if (databaseUrl && (await ensureDatabase(databaseUrl)) === 'created')
    process.stdout.write(`created the database named in DATABASE_URL\n`);
  const ho = await startHeadOffice({
    databaseUrl,
    dataDir,
    port: Number(values.port),
    host: values.host,
    demo: values.demo,
    allowHosts: values['allow-host'],
  });
  process.stdout.write(
    `ServiceHall head office on ${ho.url} (${ho.ctx.sql.kind}${databaseUrl ? '' : ` in ${dataDir}`})\n` +
      `  console: ${ho.url}/console${values.demo ? '  (admin 0001, viewer 0002, PIN 123456)' : ''}\n` +
      `${readyLine({ role: 'headoffice', url: ho.url, pid: process.pid })}\n`,
  );
  const stop = async () => {
    await ho.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  // One line a newcomer can act on, and an exit code per cause (README "Start-up problems").
  const failure = explainStartupError(error, {
    port: Number(values.port),
    ...(databaseUrl ? {} : { dataDir }),
  });
  process.stderr.write(`${failure.line}\n`);
  process.exit(failure.exitCode);
});
