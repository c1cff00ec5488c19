import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Signature } from '../../../../shared/money/cash.ts';
import type { HallZReport } from '../../../../shared/money/hallZReport.ts';
import { useManager } from '../store.ts';
import { ApprovedCloseCard } from './DayCloseCard.tsx';
import { ZReportPanel } from './ZReportPanel.tsx';

/**
 * 全厅日结 (issue 11: per clerk, then per hall): once every device that took money has closed its day
 * and the close reached the hub, a duty manager closes the hall's day; the hub names any device still
 * open. Once closed, the hall Z-report shows as it prints (A4 or an 80 mm roll, and so to PDF).
 */
export function HallDayCard({ day, report }: { day: string; report: HallZReport | null }) {
  const { t } = useTranslation('money');
  const { message } = AntApp.useApp();
  const close = async (v: { approver: Signature }) => {
    await useManager.getState().act((api) => api.closeHallDay({ day, body: { approver: v.approver } }));
    await useManager.getState().loadMoney(day);
    void message.success(t('hallDayClosed', { day }));
  };
  if (report) return <ZReportPanel report={report} />;
  return (
    <ApprovedCloseCard
      title={t('closeHallDayTitle', { day })}
      hint={t('closeHallDayHint')}
      submit={t('closeHallDay')}
      onClose={close}
    />
  );
}
