import type { ReactNode } from 'react';
import { Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HallZReport } from '../../../../shared/money/hallZReport.ts';
import type { ZReport } from '../../../../shared/money/zreport.ts';
import { AnyZReportSheet, isHallZReport } from '../../print/AnyZReportSheet.tsx';
import { sheetCss } from '../../print/printCss.ts';
import { printPage, printUrl, type Paper } from '../../print/printFrame.ts';
import { useManager } from '../store.ts';

const PAPERS: Paper[] = ['a4', '80'];
const NO_NAMES: ReadonlyMap<string, string> = new Map();

/**
 * A sealed day's Z-report, this device's or the hall's, on screen as it prints, with 打印 on A4 or an
 * 80 mm roll (and so to PDF).
 */
export function ZReportPanel({ report }: { report: ZReport | HallZReport }) {
  const { t } = useTranslation('money');
  const hall = useManager((s) => s.hall);
  const cash = useManager((s) => s.money?.cash);
  const feeNames = useManager((s) => s.money?.feeNames) ?? NO_NAMES;
  const clerks = new Map((cash?.drawers ?? []).map((d) => [d.staffId, d.staffName]));
  const hallWide = isHallZReport(report);
  return (
    <PrintableCard
      title={t(hallWide ? 'hallZReportOf' : 'zReportOf', { day: report.day })}
      what={hallWide ? { hallZReport: report.day } : { zReport: report.day }}
    >
      <AnyZReportSheet
        report={report}
        hallName={hall?.name ?? ''}
        timeZone={hall?.settings.timeZone ?? 'Asia/Shanghai'}
        names={{ clerks, fees: feeNames }}
        roll={false}
      />
    </PrintableCard>
  );
}

/** A sealed report on screen as it prints, with 打印 on A4 or an 80 mm roll (and so to PDF). */
function PrintableCard({
  title,
  what,
  children,
}: {
  title: string;
  what: Parameters<typeof printUrl>[0];
  children: ReactNode;
}) {
  const { t } = useTranslation('money');
  return (
    <Card
      title={title}
      size="small"
      extra={
        <Space>
          {PAPERS.map((paper) => (
            <Button
              key={paper}
              type={paper === 'a4' ? 'primary' : 'default'}
              onClick={() => void printPage(printUrl(what, paper, 'manager'))}
            >
              {t('printOn', { paper: paper === 'a4' ? 'A4' : paper })}
            </Button>
          ))}
          <Button href={printUrl(what, 'a4', 'manager')} target="_blank">
            {t('openPage')}
          </Button>
        </Space>
      }
    >
      <div className="z-preview" style={{ overflowX: 'auto' }}>
        <style>{sheetCss('a4')}</style>
        {children}
      </div>
    </Card>
  );
}
