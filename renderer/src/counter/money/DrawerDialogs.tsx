import { Checkbox, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Signature } from '../../../../shared/money/cash.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { YuanField } from '../../lib/YuanInput.tsx';
import { parseYuan } from '../../lib/yuan.ts';
import { useCounter } from '../store.ts';
import { useMoneyRun } from './useMoneyRun.ts';
import { FormDialog } from '../../lib/FormDialog.tsx';

const fen = (text: string) => parseYuan(text) ?? 0;

/** Cash put into or taken out of the drawer, with the reason (never a receipt). */
export function CashMoveDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('money');
  const run = useMoneyRun();
  return (
    <FormDialog<{ direction: 'in' | 'out'; amount: string; reason: string }>
      title={t('cashMoveTitle')}
      okText={t('record')}
      onClose={onClose}
      initialValues={{ direction: 'in' }}
      onSubmit={(v) =>
        run(
          (api) =>
            api.moveCash({
              body: { direction: v.direction, amountFen: fen(v.amount), reason: v.reason.trim() },
            }),
          t('recorded'),
        )
      }
    >
      <Form.Item name="direction" label={t('direction')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'in', label: t('cashIn') },
            { value: 'out', label: t('cashOut') },
          ]}
        />
      </Form.Item>
      <YuanField name="amount" label={t('amount')} />
      <Form.Item
        name="reason"
        label={t('moveReason')}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input placeholder={t('moveReasonHint')} />
      </Form.Item>
    </FormDialog>
  );
}

/** R-CASH-2, R-CASH-6: a bank deposit, never alone — the second person signs with their PIN. */
export function DepositDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('money');
  const run = useMoneyRun();
  return (
    <FormDialog<{ amount: string; slipNo: string; companion: Signature; fromDrawer: boolean }>
      title={t('depositTitle')}
      okText={t('record')}
      onClose={onClose}
      initialValues={{ fromDrawer: true }}
      onSubmit={(v) =>
        run(
          (api) =>
            api.recordDeposit({
              body: {
                amountFen: fen(v.amount),
                slipNo: v.slipNo.trim(),
                companion: v.companion,
                fromDrawer: v.fromDrawer,
              },
            }),
          t('recorded'),
        )
      }
    >
      <YuanField name="amount" label={t('amount')} />
      <Form.Item name="slipNo" label={t('slipNo')} rules={[{ required: true, whitespace: true, max: 40 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="fromDrawer" valuePropName="checked">
        <Checkbox>{t('fromDrawer')}</Checkbox>
      </Form.Item>
      <SignatureFields name="companion" label={t('companion')} />
    </FormDialog>
  );
}

/** R-CASH-4: a manual invoice used, optionally against one of today's receipts. */
export function InvoiceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('money');
  const run = useMoneyRun();
  const receipts = useCounter((s) => s.money?.receipts) ?? [];
  return (
    <FormDialog<{ invoiceNo: string; amount: string; receiptId?: string }>
      title={t('invoiceTitle')}
      okText={t('record')}
      onClose={onClose}
      onSubmit={(v) =>
        run(
          (api) =>
            api.recordInvoice({
              body: {
                invoiceNo: v.invoiceNo.trim().toUpperCase(),
                amountFen: fen(v.amount),
                ...(v.receiptId ? { receiptId: v.receiptId } : {}),
              },
            }),
          t('recorded'),
        )
      }
    >
      <Form.Item
        name="invoiceNo"
        label={t('invoiceNo')}
        rules={[{ required: true, pattern: /^[A-Za-z0-9-]{0,12}\d{4,12}$/, message: t('invoiceNoRule') }]}
      >
        <Input placeholder="FP-00012345" />
      </Form.Item>
      <YuanField name="amount" label={t('amount')} />
      <Form.Item name="receiptId" label={t('forReceipt')}>
        <Select
          allowClear
          options={receipts.filter((r) => !r.voidedBy).map((r) => ({ value: r.id, label: r.number }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
