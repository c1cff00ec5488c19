import { domain } from '../domain.ts';
import { comeBack, goAway, raiseOverdueAwayAlerts } from './counters.ts';
import { queueRoutes } from './routes.ts';
import { actOnTicket, callNext, closeEndedDays, issueTicket, transferTicket } from './service.ts';

/** The queue: tickets from issue to finish, and the counters that call them (the hub's). */
export const queue = domain({
  procedures: {
    issueTicket,
    callNext,
    actOnTicket,
    transferTicket,
    goAway,
    comeBack,
    raiseOverdueAwayAlerts,
    closeEndedDays,
  },
  hub: ({ api }) => queueRoutes(api),
  jobs: [
    // R-AWAY-1: the duty manager hears of a counter away past its return time.
    {
      name: 'overdue-away-alerts',
      everyMs: 15_000,
      run: async (ctx): Promise<void> => {
        await ctx.commits.run('raiseOverdueAwayAlerts');
      },
    },
    // Yesterday's unserved tickets are closed at start and within a minute of midnight (hall time).
    {
      name: 'close-ended-days',
      everyMs: 60_000,
      atStart: true,
      run: async (ctx): Promise<void> => {
        await ctx.commits.run('closeEndedDays');
      },
    },
  ],
});
