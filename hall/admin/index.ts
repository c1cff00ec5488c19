import { domain } from '../domain.ts';
import { adminRoutes, healthRoute } from './routes.ts';
import { changeSettings, setHallOpen, setServiceOpen } from './service.ts';

/** The hall as its manager runs it (open, services, settings), and every node's /health. */
export const admin = domain({
  procedures: { setHallOpen, setServiceOpen, changeSettings },
  hub: ({ api }) => {
    healthRoute(api);
    adminRoutes(api);
  },
  station: ({ api }) => healthRoute(api),
});
