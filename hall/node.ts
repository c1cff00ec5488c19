import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import websocket from '@fastify/websocket';
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/open.ts';
import { Journal } from '../db/journal.ts';
import * as read from '../db/read.ts';
import { backupDatabase, listBackups } from '../db/backup.ts';
import { verifyJournalInBackground } from '../db/verify.ts';
import { systemClock, uuidV7Ids } from '../shared/runtime.ts';
import type { ServerOptions } from '../server/options.ts';
import { installErrorHandling, sendError } from '../server/http/errors.ts';
import { installHostCheck } from '../server/http/host.ts';
import { openApiDocument } from '../server/http/openapi.ts';
import { Writer } from './writer/writer.ts';
import type { HallContext } from './context.ts';
import { Api } from './http/route.ts';
import { serveScreens } from './http/screens.ts';
import { VERSION } from '../server/project.ts';
import { domains } from './domains.ts';
import { joinHeadOffice, nodeIdentity } from './identity.ts';
import { Scheduler } from './scheduler.ts';
import { SyncSender } from './sync/sender.ts';
import { pullOnce } from './sync/pull.ts';
import { checkAgainstHeadOffice, INTEGRITY_CHECK_MS } from './sync/integrity.ts';
import { upstreams, useSecretKey } from './sync/upstreams.ts';
import { forwardToHub } from './station/forward.ts';
import { relayHubEvents } from './station/relay.ts';
import { eventsOpenApi, liveRoutes } from './live/broadcast.ts';
import { openDemoHall, type DemoDevices } from './demo.ts';

export { VERSION };

export interface HallNodeOptions extends ServerOptions {
  dataDir: string;
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
  /** The node's background jobs (also on /health). */
  scheduler: Scheduler;
  close(): Promise<void>;
}

/**
 * The composition root of a hall node: it opens the store, learns who it is, builds the context, and
 * mounts every domain's routes and jobs (hall/domains.ts) on a hub or a station. It decides nothing.
 */
export async function startHallNode(opts: HallNodeOptions): Promise<HallNode> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? uuidV7Ids;
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(path.join(opts.dataDir, 'hall.sqlite'));
  useSecretKey(db, opts.secretKey ?? null);
  const node = await nodeIdentity(db, ids, opts.hub);
  const { deviceId, hallId, role } = node;
  const journal = new Journal(db, { deviceId, hallId }, clock, ids);
  const commits = new Writer({ db, journal, clock, ids, hallId, deviceId, role });
  const senders: SyncSender[] = [];
  const app = Fastify({
    logger: { level: opts.logLevel ?? process.env.LOG_LEVEL ?? 'info' },
    bodyLimit: 256 * 1024,
    // A hostile client must not hold the node: bounded request and header times.
    requestTimeout: 30_000,
    // Closing ends every connection, not only idle ones: a screen's keep-alive request caught by the
    // close otherwise held it for the 72 s keep-alive timeout.
    forceCloseConnections: true,
    // A URL Fastify cannot even route (bad percent-encoding) still gets the API's error shape.
    frameworkErrors: (error, req, reply) =>
      void sendError(req, reply as FastifyReply, 'E_VALIDATION', 400, { detail: error.message }),
  });
  const scheduler = new Scheduler(clock, app.log);
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
    jobs: () => scheduler.status(),
  };
  await joinHeadOffice(db, node, opts.headoffice);
  let demoDevices: DemoDevices | null = null;
  if (opts.demo && role === 'hub') {
    try {
      demoDevices = await openDemoHall(ctx);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  installErrorHandling(app);
  installHostCheck(app, { interfaces: networkInterfaces, extra: opts.allowHosts ?? [] });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const mount = { api: new Api(app, ctx), sync: new Api(app, ctx, '/sync/v1') };
  for (const d of Object.values(domains)) d[role]?.(mount);
  const live = liveRoutes(app, ctx);
  const stops: (() => void)[] = [() => scheduler.stop()];
  if (role === 'station') {
    forwardToHub(app, ctx);
    stops.push(relayHubEvents(ctx, live).stop);
  }
  app.get('/api/v1/openapi.json', () => {
    const doc = openApiDocument(
      [{ prefix: '/api/v1', specs: mount.api.specs }],
      VERSION,
      'ServiceHall hall node LAN API',
    );
    // DESIGN §6 lists the WebSocket with the routes; it is not a zod route, so it is added here.
    (doc.paths as Record<string, unknown>)['/api/v1/events'] = eventsOpenApi;
    return doc;
  });
  await serveScreens(app);

  for (const up of upstreams(db)) {
    const sender = new SyncSender(ctx, up.name, { log: app.log });
    senders.push(sender);
    if (opts.sync === false) continue;
    sender.start();
    stops.push(() => sender.stop());
    // A station needs the hall's staff before anyone can sign in at it: its first pull is awaited
    // (offline it starts all the same, and the scheduled pulls report on /health until one works).
    if (role === 'station')
      await pullOnce(ctx, up.name).catch((err: unknown) =>
        app.log.warn({ err }, 'first pull from the hub failed; retried every 30 s'),
      );
    scheduler.every(`pull-${up.name}`, 30_000, () => pullOnce(ctx, up.name), {
      firstAfterMs: role === 'station' ? 30_000 : 0,
      network: true,
    });
    // While online, the hub checks its journal against what head office acknowledged (issue 9).
    if (up.name === 'headoffice')
      scheduler.every('integrity-check', INTEGRITY_CHECK_MS, () => checkAgainstHeadOffice(db, clock), {
        firstAfterMs: 0,
        network: true,
      });
  }
  if (opts.timers !== false) scheduleHousekeeping(scheduler, ctx);

  await app.listen({ port: opts.port ?? 8360, host: opts.host ?? '127.0.0.1' });
  const chain = walkChainsInBackground(ctx, app, opts.chainCheckDelayMs ?? 5_000);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 8360);
  return {
    url: `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`,
    port,
    ctx,
    app,
    demoDevices,
    senders,
    scheduler,
    chainChecked: chain.done,
    close: async () => {
      await chain.stop();
      for (const stop of stops) stop();
      live.close();
      await app.close();
      await commits.close();
      db.close();
    },
  };
}

/** The domains' jobs for this node's role and the daily backup, on the scheduler. */
function scheduleHousekeeping(scheduler: Scheduler, ctx: HallContext): void {
  for (const d of Object.values(domains))
    for (const job of d.jobs ?? [])
      if ((job.on ?? ['hub']).includes(ctx.role))
        scheduler.every(job.name, job.everyMs, () => job.run(ctx), {
          firstAfterMs: job.atStart ? 0 : job.everyMs,
        });
  const backupDir = path.join(ctx.dataDir, 'backups');
  const backup = () => backupDatabase(ctx.db, backupDir, ctx.clock.now(), read.settings(ctx.db).backupKeep);
  // The first backup of a new hall a few seconds after start; cleared with the others on close, so
  // it never runs against a closed database.
  const first = listBackups(backupDir).length === 0 ? 5_000 : 24 * 60 * 60_000;
  scheduler.every('daily-backup', 24 * 60 * 60_000, backup, { firstAfterMs: first });
}

/**
 * Every chain is walked once at start, in the background a page at a time, so that a node started on
 * an altered journal says so on /health and the manager screen (issue 9) without delaying its start.
 * It starts a few seconds after the node answers, so it does not compete with the burst of screens
 * reconnecting to a node that has just started.
 */
function walkChainsInBackground(
  ctx: HallContext,
  app: FastifyInstance,
  delayMs: number,
): { done: Promise<void>; stop: () => Promise<void> } {
  let closing = false;
  let startNow = () => {};
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, delayMs);
    timer.unref();
    startNow = () => {
      clearTimeout(timer);
      resolve();
    };
  })
    .then(() => (closing ? null : verifyJournalInBackground(ctx.db, () => closing)))
    .then(
      (report) => {
        if (report === null) return;
        ctx.checks.chain = { checkedAt: ctx.clock.now(), breaks: report.breaks };
        if (report.breaks.length > 0)
          app.log.error({ breaks: report.breaks.slice(0, 10) }, 'the journal hash chain is broken');
      },
      (err: unknown) => {
        if (!closing) app.log.error({ err }, 'the journal hash-chain check failed');
      },
    );
  return {
    done,
    stop: async () => {
      closing = true;
      startNow(); // which, closing, does nothing but settle
      await done;
    },
  };
}
