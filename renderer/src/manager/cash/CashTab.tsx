import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyNote } from '../../lib/EmptyNote.tsx';
import { PaymentMethod, yuan } from '../../../../shared/money/amounts.ts';
import { useManager } from '../store.ts';
import { DayCloseCard } from './DayCloseCard.tsx';
import { DrawersTable } from './DrawersTable.tsx';
import { HallDayCard } from './HallDayCard.tsx';
import { InvoicesCard } from './InvoicesCard.tsx';
import { ZReportPanel } from './ZReportPanel.tsx';
import { ErrorNote } from '../../lib/ErrorNote.tsx';
import { PeriodInput } from '../../lib/PeriodInput.tsx';

/** 现金/日结: a day's drawers, deposits and takings; its manual invoices; its close and Z-report. */
export function CashTab() {
  const { t } = useTranslation('money');
  const money = useManager((s) => s.money);
  const [day, setDay] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = (d?: string) => {
    setError(null);
    void useManager
      .getState()
      .loadMoney(d)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  useEffect(() => load(), []);
  useEffect(() => {
    if (money && !day) setDay(money.day);
  }, [money, day]);

  if (!money) return error ? <Alert type="error" message={error} /> : <Spin />;
  const { cash, invoices, zReport, hallZReport } = money;
  const overLimit = cash.drawers.filter((d) => d.overLimit);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap>
        <Typography.Text strong>{t('businessDay')}</Typography.Text>
        <PeriodInput kind="date" label={t('businessDay')} value={day} onChange={setDay} />
        <Button onClick={() => load(day || undefined)}>{t('show')}</Button>
        <Button onClick={() => load()}>{t('today')}</Button>
        {cash.closed ? <Tag color="blue">{t('dayIsClosed')}</Tag> : <Tag color="green">{t('dayIsOpen')}</Tag>}
      </Space>
      <ErrorNote error={error} />
      {overLimit.length ? (
        // R-CASH-3: cash on hand above the limit, on the manager's screen as at the counter.
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('overLimitManager', {
            counters: overLimit.map((d) => d.counterNo).join('、'),
            limit: yuan(cash.limitFen),
          })}
        />
      ) : null}
      <Card
        title={t('drawersOf', { day: cash.day })}
        size="small"
        extra={t('limits', { limit: yuan(cash.limitFen), threshold: yuan(cash.thresholdFen) })}
      >
        <DrawersTable drawers={cash.drawers} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={`${t('byMethod')}${t('beforeVoids')}`} size="small">
            <Descriptions size="small" column={1}>
              {PaymentMethod.options.map((m) => (
                <Descriptions.Item key={m} label={t(`method_${m}`)}>
                  {yuan(cash.byMethod[m] ?? 0)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('deposits')} size="small">
            <List
              size="small"
              dataSource={cash.deposits}
              locale={{ emptyText: <EmptyNote>{t('noDeposits')}</EmptyNote> }}
              renderItem={(d) => (
                <List.Item>
                  {t('depositLine', {
                    amount: yuan(d.amountFen),
                    slip: d.slipNo,
                    people: d.staffNames.join('、'),
                  })}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <InvoicesCard invoices={invoices} />
      {zReport ? <ZReportPanel report={zReport} /> : cash.closed ? null : <DayCloseCard day={cash.day} />}
      {/* The hall closes after its devices: shown once this node's own day is closed. */}
      {cash.closed ? <HallDayCard day={cash.day} report={hallZReport} /> : null}
    </Space>
  );
}
