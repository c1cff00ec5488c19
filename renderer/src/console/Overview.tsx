import { Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format.ts';
import { useConsole } from './store.ts';

/** The live cross-hall view: tickets issued, waiting and served today in every hall. */
export function Overview() {
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
      <Table
        size="middle"
        rowKey="hallId"
        pagination={false}
        dataSource={overview}
        locale={{ emptyText: <Empty description={t('noHalls')} /> }}
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
