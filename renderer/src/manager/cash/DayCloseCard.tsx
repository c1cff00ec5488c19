import { App as AntApp, Button, Card, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DifferenceReason, type Signature } from '../../../../shared/money/cash.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { useManager } from '../store.ts';
import { useAttempt } from '../../lib/useAttempt.ts';

interface CloseForm {
  approver: Signature;
  reasonCode?: DifferenceReason;
}

/**
 * 日结 (R-CASH-2): the day closes once, approved by a duty manager's PIN. Drawers left open or an
 * over/short beyond the threshold need the reason code; the server says which, and the form keeps it.
 */
export function DayCloseCard({ day }: { day: string }) {
  const { t } = useTranslation('money');
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CloseForm>();
  const { busy, error, attempt } = useAttempt();
  const close = (v: CloseForm) =>
    attempt(async () => {
      const body = { approver: v.approver, ...(v.reasonCode ? { reasonCode: v.reasonCode } : {}) };
      await useManager.getState().act((api) => api.closeDay({ day, body }));
      await useManager.getState().loadMoney(day);
      void message.success(t('dayClosed', { day }));
    });
  return (
    <Card title={t('closeDayTitle', { day })} size="small">
      <Typography.Paragraph type="secondary">{t('closeDayHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void close(v)} style={{ maxWidth: 520 }}>
        <Form.Item name="reasonCode" label={t('reasonCodeIfNeeded')}>
          <Select
            allowClear
            options={DifferenceReason.options.map((r) => ({ value: r, label: t(`reason_${r}`) }))}
          />
        </Form.Item>
        <SignatureFields name="approver" label={t('approverManager')} />
        {error ? (
          <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }}>
            {error}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" danger htmlType="submit" size="large" loading={busy} style={{ marginTop: 8 }}>
          {t('closeDay')}
        </Button>
      </Form>
    </Card>
  );
}
