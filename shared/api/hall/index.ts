import { adminContract, healthContract } from './admin.ts';
import { authContract } from './auth.ts';
import { casesContract } from './cases.ts';
import { hallChecklistsContract, nodeChecklistsContract } from './checklists.ts';
import { devicesContract } from './devices.ts';
import { handoverContract, handoverHubContract } from './handover.ts';
import { hallDayContract, moneyContract } from './money.ts';
import { queueContract } from './queue.ts';
import { ratingsContract } from './ratings.ts';
import { hallRegistersContract, nodeRegistersContract } from './registers.ts';
import { stationContract } from './station.ts';
import { hubSyncViewContract } from './sync.ts';

/** The hall node's LAN API v1 (DESIGN §6), by name: what the screens call through one typed client. */
export const hallApi = {
  ...healthContract,
  ...authContract,
  ...adminContract,
  ...queueContract,
  ...devicesContract,
  ...stationContract,
  ...hubSyncViewContract,
  ...moneyContract,
  ...hallDayContract,
  ...casesContract,
  ...ratingsContract,
  ...handoverContract,
  ...handoverHubContract,
  ...nodeRegistersContract,
  ...hallRegistersContract,
  ...nodeChecklistsContract,
  ...hallChecklistsContract,
};
export type HallApi = typeof hallApi;
export type { HallWho } from './access.ts';
