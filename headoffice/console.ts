import { localParts } from '../shared/time/businessDay.ts';
import type { Api } from '../shared/http/route.ts';
import type { HoContext, HoPrincipal } from './context.ts';
import type { HoWho } from './routes.ts';

const TIME_ZONE = 'Asia/Shanghai';

/** The console's live cross-hall view: tickets issued, waiting and served today, per hall. */
export function consoleRoutes(api: Api<HoWho, HoPrincipal>, ctx: HoContext): void {
  api.add({
    method: 'GET',
    url: '/overview',
    summary: 'Today per hall: issued, served, waiting (from the synced journals)',
    tag: 'console',
    access: ['admin', 'viewer'],
    handler: async () => {
      const now = ctx.clock.now();
      const { minuteOfDay } = localParts(now, TIME_ZONE);
      const dayStart = now - (now % 60_000) - minuteOfDay * 60_000;
      const rows = await ctx.sql.query<{ hall_id: string; type: string; n: number }>(
        `SELECT d.hall_id, j.type, count(*)::int AS n FROM journal j
         JOIN (SELECT DISTINCT hall_id, local_hall_id FROM hall_devices) d ON d.local_hall_id = j.hall_id
         WHERE j.occurred_at >= $1 AND j.type IN ('ticket.issued', 'ticket.finished', 'ticket.no_show', 'ticket.cancelled', 'ticket.reactivated')
         GROUP BY d.hall_id, j.type`,
        [dayStart],
      );
      const halls = await ctx.sql.query<{ hall_id: string; name: string }>(
        'SELECT hall_id, name FROM halls ORDER BY created_at',
      );
      return halls.map((h) => {
        const count = (type: string) => rows.find((r) => r.hall_id === h.hall_id && r.type === type)?.n ?? 0;
        const issued = count('ticket.issued');
        const served = count('ticket.finished');
        const gone =
          served + count('ticket.no_show') + count('ticket.cancelled') - count('ticket.reactivated');
        return {
          hallId: h.hall_id,
          name: h.name,
          issued,
          served,
          waitingOrInService: Math.max(0, issued - gone),
        };
      });
    },
  });
}
