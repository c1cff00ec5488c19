import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { DomainError } from '../shared/errors.ts';
import { installErrorHandling } from '../server/http/errors.ts';
import { installHostCheck } from '../server/http/host.ts';
import { openApiDocument } from '../server/http/openapi.ts';
import { systemClock, uuidV7Ids } from '../shared/runtime.ts';
import type { ServerOptions } from '../server/options.ts';
import { migrate } from './db/migrate.ts';
import { openPglite, openPostgres, type Sql } from './db/sql.ts';
import type { HoContext } from './context.ts';
import { hoApi } from './http.ts';
import { syncRoutes } from './sync/routes.ts';
import { consoleApiRoutes } from './console/routes.ts';
import { seedDemoHeadOffice } from './demo.ts';
import { ROOT, VERSION } from '../server/project.ts';

export interface HeadOfficeOptions extends ServerOptions {
  /** PostgreSQL URL; when absent, embedded PGlite in dataDir (or in memory when dataDir is null too). */
  databaseUrl?: string | undefined;
  dataDir?: string | null;
  /** Share an already open database (tests that restart the server on the same store). */
  sql?: Sql;
  /**
   * The names halls and browsers reach head office by (`--allow-host`), besides localhost and the
   * machine's own addresses; any other Host header is refused (DNS rebinding, DESIGN §5).
   */
  allowHosts?: readonly string[];
}

export interface HeadOffice {
  url: string;
  port: number;
  ctx: HoContext;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startHeadOffice(opts: HeadOfficeOptions): Promise<HeadOffice> {
  let sql = opts.sql;
  if (!sql) {
    if (opts.databaseUrl) sql = await openPostgres(opts.databaseUrl);
    else {
      if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
      sql = await openPglite(opts.dataDir ? path.join(opts.dataDir, 'pgdata') : null);
    }
  }
  await migrate(sql);
  const ctx: HoContext = {
    sql,
    clock: opts.clock ?? systemClock,
    ids: opts.ids ?? uuidV7Ids,
    version: VERSION,
  };
  if (opts.demo) await seedDemoHeadOffice(ctx);

  const app = Fastify({
    logger: { level: opts.logLevel ?? process.env.LOG_LEVEL ?? 'info' },
    bodyLimit: 2 * 1024 * 1024,
    // Closing ends every connection, not only idle ones: a screen's keep-alive request caught by the
    // close otherwise held it for the 72 s keep-alive timeout.
    forceCloseConnections: true,
  });
  installErrorHandling(app);
  installHostCheck(app, { interfaces: networkInterfaces, extra: opts.allowHosts ?? [] });
  const sync = hoApi(app, ctx, '/sync/v1');
  syncRoutes(sync, ctx);
  const api = hoApi(app, ctx, '/api/v1');
  consoleApiRoutes(api, ctx);
  app.get('/api/v1/health', () => ({ ok: true, version: VERSION, role: 'headoffice', database: sql.kind }));
  app.get('/api/v1/openapi.json', () =>
    openApiDocument(
      [
        { prefix: '/api/v1', specs: api.specs },
        { prefix: '/sync/v1', specs: sync.specs },
      ],
      VERSION,
      'ServiceHall head office API',
    ),
  );
  await serveConsole(app);

  await app.listen({ port: opts.port ?? 8370, host: opts.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 8370);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    ctx,
    app,
    close: async () => {
      await app.close();
      if (!opts.sql) await sql.close();
    },
  };
}

async function serveConsole(app: FastifyInstance): Promise<void> {
  const dist = path.join(ROOT, 'renderer', 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.get('/console', (_req, reply) =>
      reply.type('text/plain').send('Console not built: run `npm run build:web`.'),
    );
    return;
  }
  // No directory index: head office's root leads to the console, not to the hall's screen list.
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: false });
  const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
  app.get('/console', (_req, reply) => reply.type('text/html').send(index));
  app.get('/', (_req, reply) => reply.redirect('/console'));
  // Any other page a browser asks for gets the renderer's translated "page not found", with a 404.
  app.get('/*', (req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (/^\/(api|sync|assets)\//.test(url)) throw new DomainError('E_NOT_FOUND', { what: url });
    return reply.code(404).type('text/html').send(index);
  });
}
