import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../../shared/errors.ts';

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
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** The built renderer for every surface, and the voice clips. */
export async function serveScreens(app: FastifyInstance): Promise<void> {
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
