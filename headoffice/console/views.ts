import { BACKLOG_HEADER, parseBacklogHeader, type HallBacklogT } from '../../shared/api/console.ts';
import { startOfDay } from '../../shared/time/businessDay.ts';
import type { Api, Handlers } from '../../server/http/route.ts';
import type { consoleContract } from '../../shared/api/headoffice/console.ts';
import type { HoContext, HoPrincipal } from '../context.ts';
import type { HoWho } from '../http.ts';
import { foldTickets, type TicketEventRow } from '../ticketsToday.ts';
import { hallTimeZones, timeZoneOf } from '../halls/timeZone.ts';

type Views = Pick<
  Handlers<typeof consoleContract, HoPrincipal>,
  'backlog' | 'delivery' | 'overview' | 'hallTickets'
>;

/** The console's live cross-hall view and the delivery state of every device. */
export function consoleViews(api: Api<HoWho, HoPrincipal>, ctx: HoContext): Views {
  // Each hall's backlog as its hub reports it with every push (kept in memory: after a restart it is
  // unknown until the hub's next push, which is what the console then says).
  const backlogs = new Map<string, HallBacklogT>();
  api.app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'POST' || req.routeOptions.url !== '/sync/v1/push' || reply.statusCode !== 200) return;
    const reported = parseBacklogHeader(req.headers[BACKLOG_HEADER]);
    const body = req.body as { deviceId?: unknown; rows?: unknown[] } | undefined;
    if (!reported || typeof body?.deviceId !== 'string' || !Array.isArray(body.rows)) return;
    const [cursor] = await ctx.sql.query<{ hall_id: string }>(
      'SELECT hall_id FROM device_cursors WHERE device_id = $1',
      [body.deviceId],
    );
    if (!cursor) return;
    // The report counted this batch too; it has landed (stored or quarantined) once we answered 200.
    const rows = Math.max(0, reported.rows - body.rows.length);
    backlogs.set(cursor.hall_id, {
      hallId: cursor.hall_id,
      backlogRows: rows,
      oldestUnsentAt: rows > 0 ? reported.oldestUnsentAt : null,
      reportedAt: ctx.clock.now(),
    });
  });
  return {
    backlog: () => [...backlogs.values()],
    delivery: async () => {
      const rows = await ctx.sql.query<{
        device_id: string;
        hall_id: string;
        acked_seq: number;
        last_push_at: number | null;
        skew_ms: number | null;
        occurred_at: number | null;
        received_at: number | null;
      }>(
        `SELECT c.device_id, c.hall_id, c.acked_seq, c.last_push_at, c.skew_ms, j.occurred_at, j.received_at
         FROM device_cursors c LEFT JOIN journal j ON j.device_id = c.device_id AND j.device_seq = c.acked_seq
         ORDER BY c.hall_id, c.device_id`,
      );
      return rows.map((r) => ({
        deviceId: r.device_id,
        hallId: r.hall_id,
        ackedSeq: r.acked_seq,
        lastPushAt: r.last_push_at,
        skewMs: r.skew_ms,
        lastRowOccurredAt: r.occurred_at,
        lastRowReceivedAt: r.received_at,
        arrivalLagMs: r.occurred_at !== null && r.received_at !== null ? r.received_at - r.occurred_at : null,
      }));
    },
    overview: async () => {
      const now = ctx.clock.now();
      const halls = await ctx.sql.query<{ hall_id: string; name: string }>(
        'SELECT hall_id, name FROM halls ORDER BY created_at',
      );
      const zones = await hallTimeZones(ctx.sql);
      // Each hall's today begins at its own midnight (DESIGN §2).
      const days = halls.map((h) => {
        const timeZone = timeZoneOf(zones, h.hall_id);
        return { hall_id: h.hall_id, time_zone: timeZone, day_start: startOfDay(now, timeZone) };
      });
      const rows = await ctx.sql.query<{ hall_id: string; type: string; n: number }>(
        `SELECT d.hall_id, j.type, count(*)::int AS n FROM journal j
         JOIN (SELECT DISTINCT hall_id, local_hall_id FROM hall_devices) d ON d.local_hall_id = j.hall_id
         JOIN json_to_recordset($1::json) AS day (hall_id text, day_start int8) ON day.hall_id = d.hall_id
         WHERE j.occurred_at >= day.day_start AND j.type IN ('ticket.issued', 'ticket.finished', 'ticket.no_show', 'ticket.cancelled', 'ticket.reactivated', 'walkin.served')
         GROUP BY d.hall_id, j.type`,
        [JSON.stringify(days)],
      );
      return halls.map((h, i) => {
        const count = (type: string) => rows.find((r) => r.hall_id === h.hall_id && r.type === type)?.n ?? 0;
        const issued = count('ticket.issued');
        // A walk-in recorded at a station while its hub was away is a customer served without a ticket.
        const served = count('ticket.finished') + count('walkin.served');
        const gone =
          count('ticket.finished') +
          count('ticket.no_show') +
          count('ticket.cancelled') -
          count('ticket.reactivated');
        return {
          hallId: h.hall_id,
          name: h.name,
          timeZone: days[i].time_zone,
          issued,
          served,
          waitingOrInService: Math.max(0, issued - gone),
        };
      });
    },
    hallTickets: async ({ query }) => {
      const timeZone = timeZoneOf(await hallTimeZones(ctx.sql), query.hallId);
      const dayStart = startOfDay(ctx.clock.now(), timeZone);
      // Queue events are the hub's; by time, then each device's own write order.
      const rows = await ctx.sql.query<TicketEventRow>(
        `SELECT j.type, j.payload, j.occurred_at FROM journal j
         WHERE j.hall_id IN (SELECT DISTINCT local_hall_id FROM hall_devices WHERE hall_id = $1)
           AND j.occurred_at >= $2 AND j.type LIKE 'ticket.%'
         ORDER BY j.occurred_at, j.device_id, j.device_seq`,
        [query.hallId, dayStart],
      );
      return foldTickets(rows);
    },
  };
}
