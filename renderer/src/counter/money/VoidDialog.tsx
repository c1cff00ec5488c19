import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Signature } from '../../../../shared/money/cash.ts';
import { yuan } from '../../../../shared/money/amounts.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { shownByForm, useMoneyRun } from './useMoneyRun.ts';

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
  const [form] = Form.useForm<{ reason: string; approver: Signature }>();
  const submit = async (v: { reason: string; approver: Signature }) => {
    await run(
      (api) => api.voidReceipt({ id: receipt.id, body: { reason: v.reason.trim(), approver: v.approver } }),
      t('voided', { number: receipt.number }),
    );
    onClose();
  };
  return (
    <Modal
      open
      title={t('voidTitle', { number: receipt.number })}
      okText={t('voidConfirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common:cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => submit(v).catch(() => undefined), shownByForm)}
    >
      <Typography.Paragraph>{t('voidExplain', { amount: yuan(receipt.totalFen) })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('voidReason')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <SignatureFields name="approver" label={t('approverManager')} />
      </Form>
    </Modal>
  );
}
