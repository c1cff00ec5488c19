import { contractsFor } from '../contract.ts';
import type { HoRole } from '../../primitives.ts';

/** Who may call a head office route: its staff (admin, viewer) and the halls' hubs. */
export type HoWho = HoRole | 'hub';

export const hoRoutes = contractsFor<HoWho>();
