import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Signature } from '../../../../shared/money/cash.ts';
import { yuan } from '../../../../shared/money/amounts.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { useMoneyRun } from './useMoneyRun.ts';
import { FormDialog } from '../../lib/FormDialog.tsx';

/** 作废: a reason, and a duty manager other than the clerk signs with their PIN here at the counter. */
export function VoidDialog({
  receipt,
  onClose,
}: {
  receipt: { id: string; number: string; totalFen: number };
  onClose: () => void;
}) {
  const { t } = useTranslation(['money', 'common']);
  const run = useMoneyRun();
  const submit = (v: { reason: string; approver: Signature }) =>
    run(
      (api) => api.voidReceipt({ id: receipt.id, body: { reason: v.reason.trim(), approver: v.approver } }),
      t('voided', { number: receipt.number }),
    );
  return (
    <FormDialog<{ reason: string; approver: Signature }>
      title={t('voidTitle', { number: receipt.number })}
      okText={t('voidConfirm')}
      danger
      onClose={onClose}
      onSubmit={submit}
    >
      <Typography.Paragraph>{t('voidExplain', { amount: yuan(receipt.totalFen) })}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('voidReason')}
        rules={[{ required: true, whitespace: true, max: 200 }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <SignatureFields name="approver" label={t('approverManager')} />
    </FormDialog>
  );
}
