import type { Clock, Ids } from '../shared/runtime.ts';
import type { HoRole } from '../shared/primitives.ts';
import type { Sql } from './db/sql.ts';

export interface HoContext {
  sql: Sql;
  clock: Clock;
  ids: Ids;
  version: string;
}

/** A head-office principal: a console user, or a hall's hub pushing and pulling. */
export type HoPrincipal =
  | { kind: 'staff'; staffId: string; staffNo: string; name: string; role: HoRole }
  | { kind: 'hub'; deviceId: string; hallId: string; localHallId: string };
