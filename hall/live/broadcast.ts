import type { WebSocket } from 'ws';
import type { FastifyInstance } from 'fastify';
import * as read from '../../db/read.ts';
import type { LiveEvent } from '../../shared/api/events.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import type { EventPayload } from '../../shared/events/catalog.ts';
import { authenticate, onSessionEnded } from '../auth/service.ts';
import { hashToken } from '../auth/tokens.ts';
import { DomainError } from '../../shared/errors.ts';
import type { HallContext, Principal } from '../context.ts';
import { customerView, onScreenPublished, screenCounter, screensTouched } from '../ratings/screen.ts';

/** Turns a committed journal row into what the screens need, or null for rows screens don't watch. */
export function toLiveEvent(ctx: HallContext, row: JournalRow): LiveEvent | null {
  const at = row.occurred_at;
  const p = row.payload as { ticketId?: string; counterNo?: number };
  if (row.type.startsWith('ticket.') && p.ticketId) {
    const ticket = read.ticketById(ctx.db, p.ticketId);
    return ticket ? ({ type: row.type, at, ticket } as LiveEvent) : null;
  }
  if (row.type.startsWith('counter.') && row.type !== 'counter.defined' && p.counterNo !== undefined) {
    const counter = read.counterByNo(ctx.db, p.counterNo);
    return counter ? ({ type: row.type, at, counter } as LiveEvent) : null;
  }
  if (row.type === 'alert.raised') {
    const a = row.payload as EventPayload<'alert.raised'>;
    return {
      type: 'alert.raised',
      at,
      alert: {
        id: a.alertId,
        kind: a.kind,
        counterNo: a.counterNo,
        message: a.message,
        away: a.away ?? null,
      },
    };
  }
  if (
    ['hall.opened', 'hall.closed', 'service.opened', 'service.closed', 'setting.changed'].includes(row.type)
  ) {
    return { type: row.type, at } as LiveEvent;
  }
  return null;
}

/** WebSocket /api/v1/events: every queue change, pushed after it is durable. */
export interface Live {
  close(): void;
  clients(): number;
  /** Sends a message as it is to every screen (a station relays its hub's events). */
  publish(message: string): void;
}

export function liveRoutes(app: FastifyInstance, ctx: HallContext): Live {
  const sockets = new Map<WebSocket, Principal>();
  /** The token each socket opened with, so signing out closes exactly that session's sockets. */
  const tokens = new Map<WebSocket, string>();

  /** R-SCR-1: a counter's screens get what they show pushed, not polled. */
  const pushView = (counterNo: number, only?: WebSocket) => {
    let message: string | null = null;
    for (const [socket, who] of sockets) {
      if ((only && socket !== only) || screenCounter(who) !== counterNo) continue;
      message ??= JSON.stringify({
        type: 'customer.view',
        at: ctx.clock.now(),
        view: customerView(ctx, counterNo),
      } satisfies LiveEvent);
      socket.send(message);
    }
  };
  onScreenPublished(ctx, (counterNo) => pushView(counterNo));

  onSessionEnded(ctx, (tokenHash) => {
    for (const [socket, hash] of tokens) if (hash === tokenHash) socket.close(4401, 'signed out');
  });

  ctx.commits.onCommit((rows) => {
    const revoked = rows
      .filter((r) => r.type === 'device.revoked')
      .map((r) => (r.payload as { deviceId: string }).deviceId);
    for (const [socket, who] of sockets) {
      if (who.kind === 'device' && revoked.includes(who.deviceId)) socket.close(4401, 'revoked');
    }
    // Each event reads its ticket or counter back: not worth doing with no screen connected.
    if (sockets.size === 0) return;
    const touched = screensTouched(rows);
    const screens = new Set([...sockets.values()].map(screenCounter).filter((n) => n !== null));
    for (const no of screens) if (touched === 'all' || touched.has(no)) pushView(no);
    const messages = rows
      .map((r) => toLiveEvent(ctx, r))
      .filter((e) => e !== null)
      .map((e) => JSON.stringify(e));
    if (messages.length === 0) return;
    for (const socket of sockets.keys()) {
      for (const m of messages) socket.send(m);
    }
  });

  app.route({
    method: 'GET',
    url: '/api/v1/events',
    // A plain HTTP GET gets the API's error shape, not an empty 404.
    handler: () => {
      throw new DomainError('E_WEBSOCKET_REQUIRED');
    },
    wsHandler: (socket, req) => {
      const query = (req.query as { token?: unknown }).token;
      const token = typeof query === 'string' ? query : null;
      const who = token === null ? null : authenticate(ctx, token);
      if (!who || token === null) {
        socket.close(4401, 'token invalid');
        return;
      }
      sockets.set(socket, who);
      tokens.set(socket, hashToken(token));
      const forget = () => {
        sockets.delete(socket);
        tokens.delete(socket);
      };
      socket.on('close', forget);
      socket.on('error', forget);
      // Clients only listen; a message from them is ignored rather than trusted.
      socket.on('message', () => undefined);
      socket.send(
        JSON.stringify({ type: 'hello', at: ctx.clock.now(), hallId: ctx.hallId } satisfies LiveEvent),
      );
      const screen = screenCounter(who);
      if (screen !== null) pushView(screen, socket);
    },
  });

  return {
    close: () => {
      for (const socket of sockets.keys()) socket.close(1001, 'node stopping');
    },
    clients: () => sockets.size,
    publish: (message) => {
      for (const socket of sockets.keys()) socket.send(message);
    },
  };
}

/** The OpenAPI entry for the WebSocket (OpenAPI has no WebSocket object, so it is a documented GET). */
export const eventsOpenApi = {
  get: {
    summary: 'WebSocket: every queue change, pushed after it is durable (upgrade; token in ?token=)',
    tags: ['live'],
    security: [],
    'x-access': 'any-token',
    parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
    responses: {
      '101': {
        description:
          'Switching to WebSocket. Server → client JSON `{type, at, …}`: hello, ticket.issued, ticket.called, ' +
          'ticket.recalled, ticket.started, ticket.finished, ticket.no_show, ticket.reactivated, ticket.parked, ' +
          'ticket.returned, ticket.cancelled, ticket.transferred, counter.away, counter.back, counter.signed_in, ' +
          'counter.signed_out, hall.opened, hall.closed, service.opened, service.closed, setting.changed, ' +
          "alert.raised; to a counter's customer screen or pad only, customer.view (what it shows now). A bad or revoked token, or signing out of its session, closes the socket with code 4401.",
      },
    },
  },
};
