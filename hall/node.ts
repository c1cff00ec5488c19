import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../db/open.ts';
import { Journal } from '../db/journal.ts';
import { stmt } from '../db/projections/index.ts';
import * as read from '../db/read.ts';
import { backupDatabase, listBackups } from '../db/backup.ts';
import { DomainError } from '../shared/errors.ts';
import { systemClock, uuidV7Ids, type Clock, type Ids } from '../shared/runtime.ts';
import { Writer } from './writer/writer.ts';
import type { HallContext } from './context.ts';
import { Api } from './http/route.ts';
import { installErrorHandling, sendError } from '../server/http/errors.ts';
import { installHostCheck } from '../server/http/host.ts';
import { openApiDocument } from '../server/http/openapi.ts';
import { authRoutes } from './auth/routes.ts';
import { deviceRoutes } from './devices/routes.ts';
import { adminRoutes, healthRoute } from './admin/routes.ts';
import { stationQuarantineRoute } from './sync/quarantine.ts';
import { hubSyncRoutes } from './sync/routes.ts';
import { SyncSender } from './sync/sender.ts';
import { pullOnce } from './sync/pull.ts';
import { checkAgainstHeadOffice, INTEGRITY_CHECK_MS } from './sync/integrity.ts';
import { verifyJournalInBackground } from '../db/verify.ts';
import { saveUpstream, upstreams, useSecretKey } from './sync/upstreams.ts';
import { pairHubWithHeadOffice, pairStationWithHub } from './sync/pairing.ts';
import { walkinRoutes } from './station/walkins.ts';
import { forwardToHub } from './station/forward.ts';
import { relayHubEvents } from './station/relay.ts';
import { queueRoutes } from './queue/routes.ts';
import { eventsOpenApi, liveRoutes } from './live/broadcast.ts';
import { seedDemoHall, type DemoDevices } from './demo.ts';

/** The project root: the nearest folder with package.json (also right when bundled into electron/dist). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'renderer'))) {
    const up = path.dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
  return dir;
}
const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export interface HallNodeOptions {
  dataDir: string;
  port?: number;
  host?: string;
  demo?: boolean;
  clock?: Clock;
  ids?: Ids;
  logLevel?: string;
  /** Background timers (away watchdog, daily backup); tests drive them by hand instead. */
  timers?: boolean;
  /** Join a hub as a station (first start only; the credential is kept). */
  hub?: { url: string; code: string } | undefined;
  /** Join head office as this hall's hub (first start only; the credential is kept). */
  headoffice?: { url: string; code: string } | undefined;
  /** Push and pull in the background (default on); tests may drive sync by hand. */
  sync?: boolean;
  /** How long after start the background hash-chain walk begins (default 5 s; tests: 0). */
  chainCheckDelayMs?: number;
  /** The key that seals upstream tokens at rest (hall/auth/sealed.ts); null or absent: kept in clear. */
  secretKey?: Buffer | null;
  /**
   * Host names the node answers to besides localhost, its loopback and interface addresses
   * (`--allow-host`); any other Host header is refused (DNS rebinding, DESIGN §5).
   */
  allowHosts?: readonly string[];
}

export interface HallNode {
  url: string;
  senders: SyncSender[];
  port: number;
  ctx: HallContext;
  app: FastifyInstance;
  demoDevices: DemoDevices | null;
  /** Settles when the hash-chain walk at start is done (its result is in ctx.checks.chain). */
  chainChecked: Promise<void>;
  close(): Promise<void>;
}

/** A station adopts its hub's hall id, so it must start from an empty data directory. */
async function joinHub(db: Db, hub: { url: string; code: string }, deviceId: string): Promise<void> {
  const rows = (stmt(db, 'SELECT count(*) AS n FROM journal').get() as { n: number }).n;
  if (rows > 0)
    throw new Error('A station joins its hub from an empty data directory; this one already holds records.');
  const paired = await pairStationWithHub(hub.url, hub.code, deviceId);
  stmt(db, 'INSERT OR REPLACE INTO node_meta (key, value) VALUES (?, ?)').run('hall_id', paired.hallId);
  stmt(db, 'INSERT OR REPLACE INTO node_meta (key, value) VALUES (?, ?)').run('role', 'station');
  if (paired.demo) stmt(db, 'INSERT OR REPLACE INTO node_meta (key, value) VALUES (?, ?)').run('demo', '1');
  if (paired.counterNo !== null)
    stmt(db, 'INSERT OR REPLACE INTO node_meta (key, value) VALUES (?, ?)').run(
      'counter_no',
      String(paired.counterNo),
    );
  saveUpstream(db, 'hub', hub.url, paired.token);
}

function meta(db: Db, key: string, make: () => string): string {
  const row = stmt(db, 'SELECT value FROM node_meta WHERE key = ?').get(key) as { value: string } | undefined;
  if (row) return row.value;
  const value = make();
  stmt(db, 'INSERT INTO node_meta (key, value) VALUES (?, ?)').run(key, value);
  return value;
}

export async function startHallNode(opts: HallNodeOptions): Promise<HallNode> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? uuidV7Ids;
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(path.join(opts.dataDir, 'hall.sqlite'));
  const deviceId = meta(db, 'device_id', () => ids.next());
  useSecretKey(db, opts.secretKey ?? null);
  if (opts.hub && !upstreams(db).some((u) => u.name === 'hub')) await joinHub(db, opts.hub, deviceId);
  const hallId = meta(db, 'hall_id', () => ids.next());
  const role = meta(db, 'role', () => 'hub') as 'hub' | 'station';
  const journal = new Journal(db, { deviceId, hallId }, clock, ids);
  const commits = new Writer({ db, journal, clock, ids, hallId, deviceId, role });
  const senders: SyncSender[] = [];
  const ctx: HallContext = {
    db,
    journal,
    commits,
    clock,
    ids,
    hallId,
    deviceId,
    role,
    version: VERSION,
    dataDir: opts.dataDir,
    syncStatus: () => senders.map((s) => s.status()),
    checks: { chain: null },
  };
  if (opts.headoffice && !upstreams(db).some((u) => u.name === 'headoffice')) {
    if (role !== 'hub') throw new Error('Only a hub joins head office; a station syncs through its hub.');
    const { token } = await pairHubWithHeadOffice(
      opts.headoffice.url,
      opts.headoffice.code,
      deviceId,
      hallId,
    );
    saveUpstream(db, 'headoffice', opts.headoffice.url, token);
  }

  let demoDevices: DemoDevices | null = null;
  const hall = read.hall(db);
  if (opts.demo && role === 'hub') {
    if (hall && !hall.demo) {
      db.close();
      throw new DomainError('E_DEMO_REFUSED');
    }
    if (!hall) demoDevices = await seedDemoHall(ctx);
    else {
      const file = path.join(opts.dataDir, 'demo-devices.json');
      demoDevices = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoDevices) : null;
    }
  }

  const app = Fastify({
    logger: { level: opts.logLevel ?? process.env.LOG_LEVEL ?? 'info' },
    bodyLimit: 256 * 1024,
    // A hostile client must not hold the node: bounded request and header times.
    requestTimeout: 30_000,
    // A URL Fastify cannot even route (bad percent-encoding) still gets the API's error shape.
    frameworkErrors: (error, req, reply) =>
      void sendError(req, reply as FastifyReply, 'E_VALIDATION', 400, { detail: error.message }),
  });
  installErrorHandling(app);
  installHostCheck(app, { interfaces: networkInterfaces, extra: opts.allowHosts ?? [] });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const api = new Api(app, ctx);
  authRoutes(api);
  healthRoute(api);
  const live = liveRoutes(app, ctx);
  const stops: (() => void)[] = [];
  if (role === 'hub') {
    deviceRoutes(api);
    adminRoutes(api);
    queueRoutes(api);
    hubSyncRoutes(new Api(app, ctx, '/sync/v1'));
    stationQuarantineRoute(api);
  } else {
    walkinRoutes(api);
    forwardToHub(app, ctx);
    stops.push(relayHubEvents(ctx, live).stop);
  }
  for (const up of upstreams(db)) {
    const sender = new SyncSender(ctx, up.name, { log: app.log });
    senders.push(sender);
    if (opts.sync !== false) {
      sender.start();
      stops.push(() => sender.stop());
      const pull = () => void pullOnce(ctx, up.name).catch(() => undefined);
      // A station needs the hall's staff before anyone can sign in at it.
      if (role === 'station') await pullOnce(ctx, up.name).catch(() => undefined);
      else pull();
      const timer = setInterval(pull, 30_000);
      timer.unref();
      stops.push(() => clearInterval(timer));
      if (up.name === 'headoffice') {
        // While online, the hub checks its journal against what head office acknowledged (issue 9).
        const check = () => void checkAgainstHeadOffice(db, clock).catch(() => undefined);
        check();
        const integrity = setInterval(check, INTEGRITY_CHECK_MS);
        integrity.unref();
        stops.push(() => clearInterval(integrity));
      }
    }
  }
  app.get('/api/v1/openapi.json', () => {
    const doc = openApiDocument(
      [{ prefix: '/api/v1', specs: api.specs }],
      VERSION,
      'ServiceHall hall node LAN API',
    );
    // DESIGN §6 lists the WebSocket with the routes; it is not a zod route, so it is added here.
    (doc.paths as Record<string, unknown>)['/api/v1/events'] = eventsOpenApi;
    return doc;
  });
  await serveScreens(app);

  const timers: NodeJS.Timeout[] = [];
  if (opts.timers !== false) {
    timers.push(setInterval(() => void commits.run('raiseOverdueAwayAlerts').catch(() => undefined), 15_000));
    // Yesterday's unserved tickets are closed at start and within a minute of midnight (hall time).
    const closeDays = () => void commits.run('closeEndedDays').catch(() => undefined);
    closeDays();
    timers.push(setInterval(closeDays, 60_000));
    const backupDir = path.join(opts.dataDir, 'backups');
    const backup = () =>
      void backupDatabase(db, backupDir, clock.now(), read.settings(db).backupKeep).catch((err: unknown) =>
        app.log.error({ err }, 'daily backup failed'),
      );
    // The first backup of a new hall a few seconds after start; cleared with the others on close, so
    // it never runs against a closed database.
    if (listBackups(backupDir).length === 0) timers.push(setTimeout(backup, 5_000));
    timers.push(setInterval(backup, 24 * 60 * 60_000));
    for (const t of timers) t.unref();
  }

  await app.listen({ port: opts.port ?? 8360, host: opts.host ?? '127.0.0.1' });
  // Every chain is walked once at start, in the background a page at a time, so that a node started on
  // an altered journal says so on /health and the manager screen (issue 9) without delaying its start.
  // It starts a few seconds after the node answers, so it does not compete with the burst of screens
  // reconnecting to a node that has just started.
  let closing = false;
  let startChainCheck = () => {};
  const chainChecked = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, opts.chainCheckDelayMs ?? 5_000);
    timer.unref();
    startChainCheck = () => {
      clearTimeout(timer);
      resolve();
    };
  })
    .then(() => (closing ? null : verifyJournalInBackground(db, () => closing)))
    .then(
      (report) => {
        if (report === null) return;
        ctx.checks.chain = { checkedAt: clock.now(), breaks: report.breaks };
        if (report.breaks.length > 0)
          app.log.error({ breaks: report.breaks.slice(0, 10) }, 'the journal hash chain is broken');
      },
      (err: unknown) => {
        if (!closing) app.log.error({ err }, 'the journal hash-chain check failed');
      },
    );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 8360);
  return {
    url: `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`,
    port,
    ctx,
    app,
    demoDevices,
    senders,
    chainChecked,
    close: async () => {
      closing = true;
      startChainCheck(); // which, closing, does nothing but settle
      await chainChecked;
      for (const t of timers) clearTimeout(t);
      for (const stop of stops) stop();
      live.close();
      await app.close();
      await commits.close();
      db.close();
    },
  };
}

/** The built renderer for every surface, and the voice clips. */
async function serveScreens(app: FastifyInstance): Promise<void> {
  const dist = path.join(ROOT, 'renderer', 'dist');
  const voice = path.join(ROOT, 'assets', 'voice');
  if (existsSync(voice)) {
    await app.register(fastifyStatic, { root: voice, prefix: '/assets/voice/', decorateReply: false });
  }
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.get('/', (_req, reply) =>
      reply.type('text/plain').send('Screens not built: run `npm run build:web`.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false });
  const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
  for (const surface of ['kiosk', 'counter', 'display', 'manager', 'setup']) {
    app.get(`/${surface}`, (_req, reply) => reply.type('text/html').send(index));
  }
  serveNotFoundPage(app, index);
}

/** Any other page a browser asks for gets the renderer's translated "page not found", with a 404. */
function serveNotFoundPage(app: FastifyInstance, index: string): void {
  app.get('/*', (req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (/^\/(api|sync|assets)\//.test(url)) throw new DomainError('E_NOT_FOUND', { what: url });
    return reply.code(404).type('text/html').send(index);
  });
}
