import { contractsFor } from '../contract.ts';

/** Who may call a head office route: its staff (admin, viewer) and the halls' hubs. */
export type HoWho = 'admin' | 'viewer' | 'hub';

export const hoRoutes = contractsFor<HoWho>();
