import { Card, Col, Empty, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HallTicketT } from '../../../shared/api/console.ts';
import { formatDateTime } from '../lib/format.ts';
import { useConsole } from './store.ts';
import { ListTable } from '../lib/ListTable.tsx';

const STATUS_KEY: Record<HallTicketT['status'], string> = {
  waiting: 'statusWaiting',
  called: 'statusCalled',
  serving: 'statusServing',
  done: 'statusDone',
  no_show: 'statusNoShow',
  transferred: 'statusTransferred',
  parked: 'statusParked',
  cancelled: 'statusCancelled',
};

/** The live cross-hall view: tickets issued, waiting and served today in every hall, and the tickets. */
export function Overview() {
  const overview = useConsole((s) => s.overview);
  return (
    <>
      <Totals />
      {overview.map((h) => (
        <HallTickets key={h.hallId} hallId={h.hallId} name={h.name} timeZone={h.timeZone} />
      ))}
    </>
  );
}

/**
 * One hall's tickets today, each in its current state (README: "every hall's tickets today"), at the
 * hall's own clock time.
 */
function HallTickets({ hallId, name, timeZone }: { hallId: string; name: string; timeZone: string }) {
  const { t, i18n } = useTranslation(['console', 'common']);
  const tickets = useConsole((s) => s.hallTickets[hallId]) ?? [];
  return (
    <Card title={t('hallTicketsTitle', { hall: name })} style={{ marginTop: 16 }} aria-label={name}>
      <ListTable<HallTicketT>
        rowKey="ticketId"
        dataSource={tickets}
        pageSize={20}
        empty={<Empty description={t('noTicketsToday')} />}
        columns={[
          { title: t('ticketNumber'), dataIndex: 'number', render: (n: string) => <strong>{n}</strong> },
          { title: t('ticketService'), dataIndex: 'serviceCode' },
          {
            title: t('ticketStatus'),
            dataIndex: 'status',
            render: (st: HallTicketT['status']) => t(`common:${STATUS_KEY[st]}`),
          },
          {
            title: t('ticketCounter'),
            dataIndex: 'counterNo',
            render: (n: number | null) => (n === null ? '—' : n),
          },
          {
            title: t('ticketIssuedAt'),
            dataIndex: 'issuedAt',
            render: (at: number) => formatDateTime(at, i18n.language, timeZone),
          },
        ]}
      />
    </Card>
  );
}

function Totals() {
  const { t, i18n } = useTranslation('console');
  const overview = useConsole((s) => s.overview);
  const overviewAt = useConsole((s) => s.overviewAt);
  const halls = useConsole((s) => s.halls);
  const online = new Map(halls.map((h) => [h.hallId, h.online]));
  const sum = (k: 'issued' | 'served' | 'waitingOrInService') => overview.reduce((n, h) => n + h[k], 0);
  return (
    <Card
      title={t('overviewTitle')}
      extra={
        <Typography.Text type="secondary">
          {t('refreshEvery', { seconds: 5 })}
          {overviewAt ? ` · ${t('updatedAt', { time: formatDateTime(overviewAt, i18n.language) })}` : ''}
        </Typography.Text>
      }
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('totalIssued')} value={sum('issued')} />
        </Col>
        <Col span={6}>
          <Statistic title={t('totalWaiting')} value={sum('waitingOrInService')} />
        </Col>
        <Col span={6}>
          <Statistic title={t('totalServed')} value={sum('served')} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('hallsOnline')}
            value={halls.filter((h) => h.online).length}
            suffix={`/ ${halls.length}`}
          />
        </Col>
      </Row>
      <ListTable
        size="middle"
        rowKey="hallId"
        dataSource={overview}
        empty={<Empty description={t('noHalls')} />}
        columns={[
          { title: t('hall'), dataIndex: 'name' },
          {
            title: t('state'),
            render: (_v, h) =>
              online.get(h.hallId) ? (
                <Tag color="green">{t('online')}</Tag>
              ) : (
                <Tag color="default">{t('offline')}</Tag>
              ),
          },
          { title: t('issued'), dataIndex: 'issued', align: 'right' },
          { title: t('waiting'), dataIndex: 'waitingOrInService', align: 'right' },
          { title: t('served'), dataIndex: 'served', align: 'right' },
        ]}
      />
    </Card>
  );
}
