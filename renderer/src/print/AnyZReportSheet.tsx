import type { HallZReport } from '../../../shared/money/hallZReport.ts';
import type { ZReport } from '../../../shared/money/zreport.ts';
import { HallZReportSheet } from './HallZReportSheet.tsx';
import { ZReportSheet, type ZReportNames } from './ZReportSheet.tsx';

/** Whether a sealed day's report is the hall's (it lists the devices it sums) or one device's. */
export const isHallZReport = (report: ZReport | HallZReport): report is HallZReport => 'devices' in report;

/**
 * A device's Z-report or the hall's, whichever `report` is, under the hall's name and in its time zone;
 * `roll` (a device's only) prints the drawers one under another.
 */
export function AnyZReportSheet({
  report,
  roll,
  ...heading
}: {
  report: ZReport | HallZReport;
  hallName: string;
  timeZone: string;
  names: ZReportNames;
  roll: boolean;
}) {
  return isHallZReport(report) ? (
    <HallZReportSheet report={report} {...heading} />
  ) : (
    <ZReportSheet report={report} roll={roll} {...heading} />
  );
}
