import { domain } from '../domain.ts';
import { deviceRoutes } from './routes.ts';
import { createDevice, makePairingCode, pairWithCode, revokeDevice } from './service.ts';

/** Paired devices (kiosk, display, counter PCs, pads) and their pairing codes: the hub's. */
export const devices = domain({
  procedures: { createDevice, revokeDevice, makePairingCode, pairWithCode },
  hub: ({ api }) => deviceRoutes(api),
});
