import { useState } from 'react';
import { Alert, Button, Card, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuarantineRowT } from '../../../shared/api/console.ts';
import { formatDateTime } from '../lib/format.ts';
import { RawRowDrawer } from '../lib/RawRowDrawer.tsx';
import { useConsole } from './store.ts';

/** Rows that failed validation at ingest, with the reason; the raw row opens in a drawer. */
export function Quarantine() {
  const { t, i18n } = useTranslation('console');
  const rows = useConsole((s) => s.quarantine);
  const halls = useConsole((s) => s.halls);
  const [open, setOpen] = useState<QuarantineRowT | null>(null);
  const hallName = (id: string) => halls.find((h) => h.hallId === id)?.name ?? id;
  return (
    <Card title={t('quarantineTitle')}>
      <Alert type="info" showIcon message={t('quarantineHelp')} style={{ marginBottom: 16 }} />
      <Table<QuarantineRowT>
        size="middle"
        rowKey={(r) => `${r.deviceId}/${r.deviceSeq}`}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('noQuarantine')} /> }}
        columns={[
          { title: t('hall'), render: (_v, r) => hallName(r.hallId) },
          {
            title: t('device'),
            dataIndex: 'deviceId',
            render: (id: string) => <Typography.Text code>{id.slice(-12)}</Typography.Text>,
          },
          { title: t('seq'), dataIndex: 'deviceSeq', align: 'right' },
          { title: t('reason'), dataIndex: 'reason' },
          {
            title: t('receivedAt'),
            dataIndex: 'receivedAt',
            render: (ms: number) => formatDateTime(ms, i18n.language),
          },
          {
            title: t('rawRow'),
            render: (_v, r) => <Button onClick={() => setOpen(r)}>{t('view')}</Button>,
          },
        ]}
      />
      <RawRowDrawer
        title={open ? `${t('rawRow')} · ${t('seq')} ${open.deviceSeq}` : ''}
        raw={open?.raw ?? null}
        onClose={() => setOpen(null)}
        details={
          open
            ? [
                [t('hall'), hallName(open.hallId)],
                [t('device'), open.deviceId],
                [t('seq'), open.deviceSeq],
                [t('reason'), open.reason],
                [t('receivedAt'), formatDateTime(open.receivedAt, i18n.language)],
              ]
            : null
        }
      />
    </Card>
  );
}
