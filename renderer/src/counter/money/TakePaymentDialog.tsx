import { useEffect, useState } from 'react';
import { Alert, Checkbox, Divider, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ReceiptReply } from '../../../../shared/api/hall/money.ts';
import type { PaymentMethod } from '../../../../shared/money/amounts.ts';
import type { ReceiptBody } from '../../../../shared/money/receipt.ts';
import type { Fee } from '../../../../shared/money/fees.ts';
import { parseYuan } from '../../lib/yuan.ts';
import { heldTicket, useCounter } from '../store.ts';
import { useScreenDraft } from '../screenState.ts';
import { AmountBoard } from './AmountBoard.tsx';
import { BillLines, FeeLines, PaymentRows } from './PaymentLines.tsx';
import { ReceiptDone } from './ReceiptDone.tsx';
import { useMoneyRun } from './useMoneyRun.ts';
import { shownByForm } from '../../lib/FormDialog.tsx';

interface PaymentForm {
  fees?: { feeCode?: string; qty?: number | null }[];
  bills?: { account?: string; amount?: string }[];
  payments?: { method?: PaymentMethod; amount?: string; reference?: string }[];
  onTicket?: boolean;
}

/** Kept outside the selector: a fresh [] on every read would re-render for ever. */
const NO_FEES: Fee[] = [];

const fenOf = (text: string | undefined) => (text ? (parseYuan(text) ?? 0) : 0);

/** What the form adds up to as it is typed (R-CASH-1: the figures the clerk reads out). */
function totals(v: PaymentForm, fees: Fee[]): { dueFen: number; receivedFen: number } {
  const price = new Map(fees.map((f) => [f.code, f.priceFen]));
  const feeFen = (v.fees ?? []).reduce((a, l) => a + (price.get(l.feeCode ?? '') ?? 0) * (l.qty ?? 0), 0);
  const billFen = (v.bills ?? []).reduce((a, b) => a + fenOf(b.amount), 0);
  const receivedFen = (v.payments ?? []).reduce((a, p) => a + fenOf(p.amount), 0);
  return { dueFen: feeFen + billFen, receivedFen };
}

function receiptBody(v: PaymentForm, ticketId: string | null): ReceiptBody {
  return {
    ...(ticketId ? { ticketId } : {}),
    lines: [
      ...(v.fees ?? []).map((l) => ({ feeCode: l.feeCode!, qty: l.qty! })),
      ...(v.bills ?? []).map((b) => ({
        kind: 'bill' as const,
        account: b.account!.trim(),
        amountFen: fenOf(b.amount),
      })),
    ],
    payments: (v.payments ?? []).map((p) => ({
      method: p.method!,
      amountFen: fenOf(p.amount),
      ...(p.method !== 'cash' && p.reference ? { reference: p.reference.trim() } : {}),
    })),
  };
}

/**
 * 收款: items from the schedule and/or bills by account, paid by one or more methods, on the ticket
 * being served or on its own; due, received and change large; then the receipt, to print.
 */
export function TakePaymentDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['money', 'common']);
  const run = useMoneyRun();
  const fees = useCounter((s) => s.money?.fees) ?? NO_FEES;
  const ticket = useCounter((s) => heldTicket(s));
  const [form] = Form.useForm<PaymentForm>();
  const values = Form.useWatch([], form) ?? {};
  const { dueFen, receivedFen } = totals(values, fees);
  const [done, setDone] = useState<z.infer<typeof ReceiptReply> | null>(null);
  // R-CASH-1: the customer screen shows the same figures while the payment is taken.
  const setScreen = useScreenDraft((s) => s.set);
  useEffect(() => {
    setScreen({ cash: { dueFen, receivedFen, changeFen: Math.max(0, receivedFen - dueFen) } });
  }, [dueFen, receivedFen, setScreen]);
  useEffect(() => () => setScreen({ cash: null }), [setScreen]);
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);

  const submit = async (v: PaymentForm) => {
    if ((v.fees ?? []).length + (v.bills ?? []).length === 0) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setBusy(true);
    try {
      const body = receiptBody(v, v.onTicket && ticket ? ticket.id : null);
      setDone(await run((api) => api.recordReceipt({ body })));
    } catch {
      // Shown by useMoneyRun; the form keeps what was typed.
    } finally {
      setBusy(false);
    }
  };

  if (done) return <ReceiptDone reply={done} onClose={onClose} />;
  return (
    <Modal
      open
      width={860}
      title={t('takePaymentTitle')}
      okText={t('confirmPayment')}
      okButtonProps={{ size: 'large', loading: busy }}
      cancelText={t('common:cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit, shownByForm)}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fees: [], bills: [], payments: [{ method: 'cash' }], onTicket: true }}
      >
        {ticket ? (
          <Form.Item name="onTicket" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('onTicket', { number: ticket.number })}</Checkbox>
          </Form.Item>
        ) : null}
        <Typography.Title level={5}>{t('items')}</Typography.Title>
        <FeeLines fees={fees} />
        {empty ? (
          <Typography.Paragraph type="danger" role="alert" style={{ margin: '8px 0 0' }}>
            {t('nothingToCharge')}
          </Typography.Paragraph>
        ) : null}
        <Divider style={{ margin: '12px 0' }} />
        <BillLines />
        <Divider style={{ margin: '12px 0' }} />
        <Typography.Title level={5}>{t('payments')}</Typography.Title>
        <PaymentRows />
        <AmountBoard dueFen={dueFen} receivedFen={receivedFen} />
        {receivedFen > dueFen && !(values.payments ?? []).some((p) => p.method === 'cash') ? (
          <Alert type="warning" showIcon message={t('changeOnlyCash')} />
        ) : null}
      </Form>
    </Modal>
  );
}
