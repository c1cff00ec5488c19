import { parseArgs } from 'node:util';
import path from 'node:path';
import { openDatabase } from '../db/open.ts';
import { rebuildProjections } from '../db/rebuild.ts';
import { verifyJournal } from '../db/verify.ts';
import { parseSecretKey, SECRET_KEY_ENV } from './auth/sealed.ts';
import { backupDatabase, listBackups, restoreDatabase } from '../db/backup.ts';
import { startHallNode } from './node.ts';
import * as read from '../db/read.ts';
import { EXIT, StartupError, explainStartupError, pairingRefused } from '../shared/startupErrors.ts';
import { readyLine } from '../shared/readyLine.ts';
import { systemClock } from '../shared/runtime.ts';
import { checkAgainstHeadOffice, describeMismatch } from './sync/integrity.ts';
import { useSecretKey } from './sync/upstreams.ts';

const USAGE = `Usage:
  npm run hall -- [--demo] [--data DIR] [--port N] [--host ADDR]   start a hall node (foreground)
      [--allow-host NAME]…   also answer to this host name (the node's own addresses and localhost always)
  npm run hall -- --data DIR --headoffice URL --pair CODE           a hub joins head office (first start)
  npm run hall -- --data DIR --hub URL --pair CODE                  a station joins its hub (first start)
  npm run hall -- rebuild [--data DIR]     rebuild every projection from the journal and prove it equal
  npm run hall -- verify  [--data DIR]     check every device's hash chain; report every broken link
  npm run hall -- verify --against-headoffice [--data DIR]
                                           also check the journal against what head office acknowledged
                                           (a hub: rewritten or deleted history); a mismatch is reported there
  npm run hall -- backup  [--data DIR]     online backup into DIR/backups (rotated)
  npm run hall -- restore FILE [--data DIR] restore a backup (the node must be stopped)`;

const out = (line: string) => process.stdout.write(`${line}\n`);
/** What a start-up failure is explained against (README "Start-up problems"). */
const where: { port: number; dataDir?: string } = { port: 8360 };

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      data: { type: 'string', default: '.data/hall' },
      port: { type: 'string', default: '8360' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', default: false },
      hub: { type: 'string' },
      headoffice: { type: 'string' },
      pair: { type: 'string' },
      'against-headoffice': { type: 'boolean', default: false },
      'allow-host': { type: 'string', multiple: true, default: [] },
    },
  });
  if (values.help) return (out(USAGE), 0);
  const dataDir = path.resolve(values.data);
  where.port = Number(values.port);
  where.dataDir = dataDir;
  const dbFile = path.join(dataDir, 'hall.sqlite');
  const [command, arg] = positionals;

  switch (command) {
    case undefined: {
      const link = (url: string | undefined) => (url && values.pair ? { url, code: values.pair } : undefined);
      return serve({
        dataDir,
        port: Number(values.port),
        host: values.host,
        demo: values.demo,
        hub: link(values.hub),
        headoffice: link(values.headoffice),
        allowHosts: values['allow-host'],
      });
    }
    case 'rebuild': {
      const db = openDatabase(dbFile);
      const { before, after, rows } = rebuildProjections(db);
      db.close();
      out(`replayed ${rows} journal rows`);
      out(
        before === after
          ? `projections reproduced exactly (sha256 ${after})`
          : `projections DIFFER: before ${before}, after ${after}`,
      );
      return before === after ? 0 : 1;
    }
    case 'verify': {
      const db = openDatabase(dbFile);
      const report = verifyJournal(db);
      // The head-office token may be sealed with the shell's key (hall/auth/sealed.ts).
      if (values['against-headoffice']) useSecretKey(db, secretKeyFromEnv());
      const against = values['against-headoffice']
        ? await checkAgainstHeadOffice(db, systemClock).finally(() => db.close())
        : (db.close(), null);
      for (const d of report.devices)
        out(
          `device ${d.deviceId}: ${d.rows} rows` +
            (d.quarantined > 0 ? `, ${d.quarantined} quarantined (known, not gaps)` : '') +
            (d.breaks > 0 ? `, ${d.breaks} BROKEN` : ''),
        );
      for (const b of report.breaks)
        out(`BROKEN: device ${b.device_id} seq ${b.device_seq} (row ${b.id}): ${b.reason}`);
      if (report.breaks.length === 0) out('every hash chain verifies');
      if (against) {
        for (const m of against.mismatches) out(`MISMATCH with head office: ${describeMismatch(m)}`);
        if (against.mismatches.length === 0)
          out(`matches what head office acknowledged for ${against.devices} devices`);
        else out('the mismatch was reported to head office');
      }
      return report.breaks.length > 0 || (against && against.mismatches.length > 0) ? 1 : 0;
    }
    case 'backup': {
      const db = openDatabase(dbFile);
      // Rotation follows the hall's own setting, as the node's daily backup does.
      const keep = read.settings(db).backupKeep;
      const file = await backupDatabase(db, path.join(dataDir, 'backups'), Date.now(), keep);
      db.close();
      out(`backup written: ${file}`);
      out(`backups kept: ${listBackups(path.join(dataDir, 'backups')).length}`);
      return 0;
    }
    case 'restore': {
      if (!arg) return (out(USAGE), 2);
      restoreDatabase(path.resolve(arg), dbFile);
      out(`restored ${arg} into ${dbFile} (the previous file is kept as hall.sqlite.before-restore)`);
      return 0;
    }
    default:
      out(USAGE);
      return 2;
  }
}

function secretKeyFromEnv(): Buffer | null {
  const text = process.env[SECRET_KEY_ENV];
  return text ? parseSecretKey(text) : null;
}

async function serve(opts: Parameters<typeof startHallNode>[0]): Promise<number> {
  const node = await startHallNode({ ...opts, secretKey: secretKeyFromEnv() }).catch((e: unknown) => {
    throw upstreamFailure(e, opts);
  });
  const dataDir = opts.dataDir;
  out(`ServiceHall hall node ${node.ctx.version} (${node.ctx.role}) on ${node.url}, data in ${dataDir}`);
  if (node.demoDevices) {
    out('Demo hall — staff: manager 9001, clerks 1001–1006, PIN 123456');
    out(`  kiosk:   ${node.url}/kiosk#token=${node.demoDevices.kiosk}`);
    out(`  display: ${node.url}/display#token=${node.demoDevices.display}`);
    out(`  counter: ${node.url}/counter?counter=1`);
    out(`  manager: ${node.url}/manager`);
  }
  out(readyLine({ role: node.ctx.role, url: node.url, pid: process.pid }));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await node.close();
  return 0;
}

/** A refused pairing code or an upstream that does not answer, said in one line. */
function upstreamFailure(e: unknown, opts: Parameters<typeof startHallNode>[0]): unknown {
  const message = e instanceof Error ? e.message : String(e);
  const upstream = opts.hub
    ? { what: 'hub' as const, url: opts.hub.url }
    : opts.headoffice
      ? { what: 'head office' as const, url: opts.headoffice.url }
      : null;
  if (!upstream) return e;
  const refused = /^pairing with (?:the hub|head office) failed: ([\s\S]*)$/.exec(message);
  if (refused) return pairingRefused(upstream.what, upstream.url, refused[1] ?? '');
  if (message === 'fetch failed')
    return new StartupError(
      `cannot reach the ${upstream.what} at ${upstream.url}: check the address and that it is running`,
      EXIT.pairing,
    );
  return e;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const failure = explainStartupError(error, where);
    process.stderr.write(`${failure.line}\n`);
    process.exit(failure.exitCode);
  },
);
