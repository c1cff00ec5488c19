/** The money tables (migration 0013): written once, their UPDATEs refused (db/open.ts). */
export const MONEY_TABLES = [
  'receipts',
  'receipt_voids',
  'receipt_reprints',
  'drawers',
  'drawer_moves',
  'drawer_counts',
  'drawer_explanations',
  'deposits',
  'manual_invoices',
  'day_closes',
  'hall_day_closes',
] as const;
