import { domain } from '../domain.ts';
import { raiseRecordAlerts } from './alerts.ts';
import { handoverRoutes } from './routes.ts';
import { acceptHandover, writeHandover } from './service.ts';

/**
 * The handover book (交接班, issue 13): written on the node that serves the counter, synced up, so the
 * hub's manager screen sees every counter's. The hub raises the record alerts (unsigned, disputed,
 * visitors turned away) on a timer from what it holds.
 */
export const handover = domain({
  procedures: { writeHandover, acceptHandover, raiseRecordAlerts },
  hub: ({ api }) => handoverRoutes(api),
  station: ({ api }) => handoverRoutes(api),
  jobs: [
    {
      name: 'record-alerts',
      everyMs: 60_000,
      atStart: true,
      run: async (ctx) => {
        await ctx.commits.run('raiseRecordAlerts');
      },
    },
  ],
});
