import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../../../shared/money/amounts.ts';
import { YuanField } from '../../lib/YuanInput.tsx';
import { parseYuan } from '../../lib/yuan.ts';
import { useCounter } from '../store.ts';
import { CountDialog } from './CountDialog.tsx';
import { CashMoveDialog, DepositDialog, InvoiceDialog } from './DrawerDialogs.tsx';
import { TakePaymentDialog } from './TakePaymentDialog.tsx';
import { useMoneyRun } from './useMoneyRun.ts';
import { usePolling } from '../../lib/usePolling.ts';

type Dialog = 'pay' | 'move' | 'spot' | 'close' | 'deposit' | 'invoice';

/** 收款 and the clerk's drawer today: open it with a float, move cash, count it blind, deposit. */
export function CashierCard() {
  const { t } = useTranslation('money');
  const money = useCounter((s) => s.money);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  // The money lives on this node, hub or station: it is read even while the queue cannot be.
  usePolling(() => useCounter.getState().refreshMoney(), 30_000);

  const drawer = money?.drawer ?? null;
  const close = () => setDialog(null);
  return (
    <Card
      title={t('cashierTitle')}
      extra={
        drawer ? (
          <Tag color={drawer.closed ? 'default' : 'green'}>
            {drawer.closed ? t('drawerClosed') : t('drawerOpen')}
          </Tag>
        ) : null
      }
    >
      {!money ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {drawer?.overLimit ? (
            // R-CASH-3: above the cash-on-hand limit, the excess goes to the bank.
            <Alert
              type="error"
              showIcon
              role="alert"
              message={t('overLimit')}
              description={t('overLimitHint')}
            />
          ) : null}
          <Button
            type="primary"
            size="large"
            block
            style={{ height: 56, fontSize: 22 }}
            disabled={drawer?.closed ?? false}
            onClick={() => setDialog('pay')}
          >
            {t('takePayment')}
          </Button>
          {drawer?.closed ? (
            // The server refuses money into a counted-out drawer (E_DRAWER_CLOSED): say so before.
            <Typography.Text type="secondary">{t('drawerClosedHint')}</Typography.Text>
          ) : null}
          {drawer ? (
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('float')}>{yuan(drawer.floatFen)}</Descriptions.Item>
              <Descriptions.Item label={t('receiptsToday')}>{drawer.receipts}</Descriptions.Item>
            </Descriptions>
          ) : (
            <OpenDrawerForm />
          )}
          <Space wrap>
            <Button disabled={drawer?.closed ?? true} onClick={() => setDialog('move')}>
              {t('cashMove')}
            </Button>
            <Button disabled={drawer?.closed ?? true} onClick={() => setDialog('spot')}>
              {t('spotCount')}
            </Button>
            <Button disabled={drawer?.closed ?? true} onClick={() => setDialog('close')}>
              {t('closeCount')}
            </Button>
            <Button onClick={() => setDialog('deposit')}>{t('deposit')}</Button>
            <Button onClick={() => setDialog('invoice')}>{t('manualInvoice')}</Button>
          </Space>
        </Space>
      )}
      {dialog === 'pay' ? <TakePaymentDialog onClose={close} /> : null}
      {dialog === 'move' ? <CashMoveDialog onClose={close} /> : null}
      {dialog === 'spot' || dialog === 'close' ? <CountDialog kind={dialog} onClose={close} /> : null}
      {dialog === 'deposit' ? <DepositDialog onClose={close} /> : null}
      {dialog === 'invoice' ? <InvoiceDialog onClose={close} /> : null}
    </Card>
  );
}

/** No drawer yet today: open it with the float counted into it (a first receipt opens one at ¥0). */
function OpenDrawerForm() {
  const { t } = useTranslation('money');
  const run = useMoneyRun();
  return (
    <Form
      layout="inline"
      onFinish={(v: { float: string }) =>
        void run(
          (api) => api.openDrawer({ body: { floatFen: parseYuan(v.float) ?? 0 } }),
          t('drawerOpened'),
        ).catch(() => undefined)
      }
    >
      <YuanField name="float" label={t('float')} min={0} />
      <Button htmlType="submit">{t('openDrawer')}</Button>
    </Form>
  );
}
