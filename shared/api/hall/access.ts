import { contractsFor } from '../contract.ts';

/**
 * Who may call a hall route: staff roles and device roles. A manager (and admin) may do what a clerk
 * may; a counter PC calls as `counter-device`.
 */
export type HallWho = 'clerk' | 'manager' | 'admin' | 'kiosk' | 'display' | 'counter-device' | 'pad';

/** Declares one domain's hall routes. */
export const hallRoutes = contractsFor<HallWho>();
