import { admin } from './admin/index.ts';
import { auth } from './auth/index.ts';
import { cases } from './cases/index.ts';
import { checklists } from './checklists/index.ts';
import { devices } from './devices/index.ts';
import { handover } from './handover/index.ts';
import { money } from './money/index.ts';
import { queue } from './queue/index.ts';
import { ratings } from './ratings/index.ts';
import { registers } from './registers/index.ts';
import { station } from './station/index.ts';
import { sync } from './sync/index.ts';

/** Every domain of the hall node: the one list a new domain joins. */
export const domains = {
  auth,
  admin,
  devices,
  queue,
  station,
  sync,
  money,
  cases,
  ratings,
  handover,
  registers,
  checklists,
};
