import type { ReactNode } from 'react';
import { App as AntApp, Button, Card, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DifferenceReason, type Signature } from '../../../../shared/money/cash.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { useManager } from '../store.ts';
import { useAttempt } from '../../lib/useAttempt.ts';

/**
 * A close written once and approved by a duty manager's PIN (a device's day, the hall's day): the
 * hint, any fields of its own, the approver's signature, the server's refusal and the button.
 */
export function ApprovedCloseCard<V extends { approver: Signature }>({
  title,
  hint,
  submit,
  onClose,
  children,
}: {
  title: string;
  hint: string;
  submit: string;
  onClose: (values: V) => Promise<unknown>;
  children?: ReactNode;
}) {
  const { t } = useTranslation('money');
  const [form] = Form.useForm<V>();
  const { busy, error, attempt } = useAttempt();
  return (
    <Card title={title} size="small">
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void attempt(() => onClose(v))}
        style={{ maxWidth: 520 }}
      >
        {children}
        <SignatureFields name="approver" label={t('approverManager')} />
        {error ? (
          <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }}>
            {error}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" danger htmlType="submit" size="large" loading={busy} style={{ marginTop: 8 }}>
          {submit}
        </Button>
      </Form>
    </Card>
  );
}

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
  const close = async (v: CloseForm) => {
    const body = { approver: v.approver, ...(v.reasonCode ? { reasonCode: v.reasonCode } : {}) };
    await useManager.getState().act((api) => api.closeDay({ day, body }));
    await useManager.getState().loadMoney(day);
    void message.success(t('dayClosed', { day }));
  };
  return (
    <ApprovedCloseCard<CloseForm>
      title={t('closeDayTitle', { day })}
      hint={t('closeDayHint')}
      submit={t('closeDay')}
      onClose={close}
    >
      <Form.Item name="reasonCode" label={t('reasonCodeIfNeeded')}>
        <Select
          allowClear
          options={DifferenceReason.options.map((r) => ({ value: r, label: t(`reason_${r}`) }))}
        />
      </Form.Item>
    </ApprovedCloseCard>
  );
}
