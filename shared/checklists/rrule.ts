import * as lib from 'rrule';

/**
 * The `rrule` library has named ESM exports (what Vite bundles) but only a UMD build for Node, whose
 * exports Node sees as one default object: take RRule from whichever this runtime gave.
 */
type Lib = typeof lib;
export const RRule: Lib['RRule'] =
  (lib as Partial<Lib>).RRule ?? (lib as unknown as { default: Lib }).default.RRule;
export type RRule = lib.RRule;
