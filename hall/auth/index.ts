import { domain, onEveryNode } from '../domain.ts';
import { authRoutes } from './routes.ts';
import { endSession, recordLoginFailure, startSession } from './service.ts';

/** Staff sign-in and sessions: on every node, since a station signs its clerks in itself. */
export const auth = domain({
  procedures: { recordLoginFailure, startSession, endSession },
  ...onEveryNode(authRoutes),
});
