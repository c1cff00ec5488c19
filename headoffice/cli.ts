import { parseArgs } from 'node:util';
import path from 'node:path';
import { startHeadOffice } from './server.ts';

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

const ho = await startHeadOffice({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: path.resolve(values.data),
  port: Number(values.port),
  host: values.host,
  demo: values.demo,
  allowHosts: values['allow-host'],
});
process.stdout.write(
  `ServiceHall head office on ${ho.url} (${ho.ctx.sql.kind}${process.env.DATABASE_URL ? '' : ` in ${path.resolve(values.data)}`})\n` +
    `  console: ${ho.url}/console${values.demo ? '  (admin 0001, viewer 0002, PIN 123456)' : ''}\n`,
);
const stop = async () => {
  await ho.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
