import { domain } from '../domain.ts';
import { authRoutes } from './routes.ts';
import { endSession, recordLoginFailure, startSession } from './service.ts';

/** Staff sign-in and sessions: on every node, since a station signs its clerks in itself. */
export const auth = domain({
  procedures: { recordLoginFailure, startSession, endSession },
  hub: ({ api }) => authRoutes(api),
  station: ({ api }) => authRoutes(api),
});
