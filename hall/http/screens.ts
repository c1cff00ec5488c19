import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../shared/errors.ts';
import { ROOT } from '../../server/project.ts';

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
  // `print`: the page a receipt or a Z-report prints from (the counter and the manager open it).
  for (const surface of ['kiosk', 'counter', 'customer', 'pad', 'display', 'manager', 'setup', 'print']) {
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
