import { domain } from '../domain.ts';
import { closeHallDay, hallDayRoutes } from './hallDay.ts';
import { moneyRoutes } from './routes.ts';
import {
  closeDay,
  countDrawer,
  explainDifference,
  moveCash,
  openDrawer,
  recordDeposit,
  recordInvoice,
  recordReceipt,
  reprintReceipt,
  voidReceipt,
} from './service.ts';

/**
 * Money (issue 11): receipts, drawers, deposits, manual invoices and the day's close. Written by the
 * node that serves the counter, so a station takes money with its hub unreachable.
 */
export const money = domain({
  procedures: {
    recordReceipt,
    voidReceipt,
    reprintReceipt,
    openDrawer,
    moveCash,
    countDrawer,
    explainDifference,
    recordDeposit,
    recordInvoice,
    closeDay,
    closeHallDay,
  },
  hub: ({ api }) => {
    moneyRoutes(api);
    hallDayRoutes(api);
  },
  station: ({ api }) => moneyRoutes(api),
});
