import { contractsFor } from '../contract.ts';
import type { DeviceRole, StaffRole } from '../../primitives.ts';

/**
 * Who may call a hall route: staff roles and device roles. A manager (and admin) may do what a clerk
 * may; a counter PC calls as `counter-device`.
 */
export type HallWho = StaffRole | Exclude<DeviceRole, 'counter'> | 'counter-device';

/** Declares one domain's hall routes. */
export const hallRoutes = contractsFor<HallWho>();
