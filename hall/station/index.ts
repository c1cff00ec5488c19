import { domain } from '../domain.ts';
import { recordWalkin, walkinRoutes } from './walkins.ts';

/** What a counter PC does on its own while its hub is unreachable: walk-ins. */
export const station = domain({
  procedures: { recordWalkin },
  station: ({ api }) => walkinRoutes(api),
});
