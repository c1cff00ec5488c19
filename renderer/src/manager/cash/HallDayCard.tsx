import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Signature } from '../../../../shared/money/cash.ts';
import type { HallZReport } from '../../../../shared/money/hallZReport.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { HallZReportSheet } from '../../print/HallZReportSheet.tsx';
import { useManager } from '../store.ts';
import { PrintableCard } from './ZReportPanel.tsx';

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/**
 * 全厅日结 (issue 11: per clerk, then per hall): once every device that took money has closed its day
 * and the close reached the hub, a duty manager closes the hall's day; the hub names any device still
 * open. Once closed, the hall Z-report shows as it prints (A4 or an 80 mm roll, and so to PDF).
 */
export function HallDayCard({ day, report }: { day: string; report: HallZReport | null }) {
  const { t } = useTranslation('money');
  const { message } = AntApp.useApp();
  const hall = useManager((s) => s.hall);
  const cash = useManager((s) => s.money?.cash);
  const feeNames = useManager((s) => s.money?.feeNames) ?? NO_NAMES;
  const [form] = Form.useForm<{ approver: Signature }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = async (v: { approver: Signature }) => {
    setBusy(true);
    setError(null);
    try {
      await useManager.getState().act((api) => api.closeHallDay({ day, body: { approver: v.approver } }));
      await useManager.getState().loadMoney(day);
      void message.success(t('hallDayClosed', { day }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (report) {
    const clerks = new Map((cash?.drawers ?? []).map((d) => [d.staffId, d.staffName]));
    return (
      <PrintableCard title={t('hallZReportOf', { day: report.day })} what={{ hallZReport: report.day }}>
        <HallZReportSheet
          report={report}
          hallName={hall?.name ?? ''}
          timeZone={hall?.settings.timeZone ?? 'Asia/Shanghai'}
          names={{ clerks, fees: feeNames }}
        />
      </PrintableCard>
    );
  }
  return (
    <Card title={t('closeHallDayTitle', { day })} size="small">
      <Typography.Paragraph type="secondary">{t('closeHallDayHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void close(v)} style={{ maxWidth: 520 }}>
        <SignatureFields name="approver" label={t('approverManager')} />
        {error ? (
          <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }}>
            {error}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" danger htmlType="submit" size="large" loading={busy} style={{ marginTop: 8 }}>
          {t('closeHallDay')}
        </Button>
      </Form>
    </Card>
  );
}
