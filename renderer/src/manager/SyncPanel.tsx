import { Alert, Card, Descriptions, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatSpan } from '../lib/format.ts';
import { describeMismatches } from '../lib/integrity.ts';
import { QuarantineTable } from '../lib/QuarantineTable.tsx';
import type { StationQuarantineRowT } from '../../../shared/api/schemas.ts';
import { useManager, type SyncRow } from './store.ts';
import { usePolling } from '../lib/usePolling.ts';
import { ListTable } from '../lib/ListTable.tsx';

/** The message for each way a hall's journal can differ from what head office acknowledged (issue 9). */
export const HEALTH_POLL_MS = 5_000;

/**
 * This node's sync state from GET /health (DESIGN §4, §7): per upstream whether it is connected, how
 * many rows wait to be sent and since when, and the last error; re-read every few seconds.
 */
export function SyncPanel() {
  const { t, i18n } = useTranslation(['manager', 'common']);
  const health = useManager((s) => s.health);
  const healthAt = useManager((s) => s.healthAt);
  if (!health) return null;
  const lang = i18n.language;
  return (
    <Card
      title={t('sync')}
      extra={
        <Typography.Text type="secondary">
          {t('syncRefresh', { seconds: HEALTH_POLL_MS / 1000 })}
          {healthAt ? ` · ${t('syncUpdated', { time: formatDateTime(healthAt, lang) })}` : ''}
        </Typography.Text>
      }
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('syncRole')}>
          {health.role === 'hub' ? t('syncRoleHub') : t('syncRoleStation')}
        </Descriptions.Item>
        <Descriptions.Item label={t('syncDevice')}>
          <Typography.Text code>{health.deviceId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('syncJournalSeq')}>{health.journalSeq}</Descriptions.Item>
      </Descriptions>
      {health.integrity?.mismatches.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="integrity-alarm"
          message={t('integrityAlarm')}
          description={describeMismatches(t, health.integrity.mismatches)}
        />
      ) : null}
      {health.sync.map((r) =>
        r.refusedDevices?.length ? (
          <Alert
            key={`refused-${r.upstream}`}
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('syncRefused', {
              devices: r.refusedDevices
                .map((d) => `${d.deviceId} (${t(`syncRefusedCode_${d.code}`, { defaultValue: d.code })})`)
                .join(', '),
            })}
          />
        ) : null,
      )}
      {health.sync.some((r) => !r.connected) ? (
        <Alert type="warning" showIcon message={t('syncOfflineExplain')} style={{ marginBottom: 16 }} />
      ) : null}
      <ListTable<SyncRow>
        size="middle"
        rowKey="upstream"
        dataSource={health.sync}
        empty={<Empty description={t('syncNone')} />}
        columns={[
          {
            title: t('syncUpstream'),
            dataIndex: 'upstream',
            render: (u: string) =>
              u === 'headoffice' ? t('syncToHeadOffice') : u === 'hub' ? t('syncToHub') : u,
          },
          {
            title: t('state'),
            render: (_v, r) =>
              r.connected ? (
                <Tag color="green">{t('connected')}</Tag>
              ) : (
                <Tag color="red">{t('disconnected')}</Tag>
              ),
          },
          { title: t('syncBacklog'), dataIndex: 'backlogRows', align: 'right' },
          {
            title: t('syncOldest'),
            render: (_v, r) =>
              r.oldestUnsentAt === null
                ? t('syncNothingWaiting')
                : t('syncOldestAge', {
                    age: formatSpan(Date.now() - r.oldestUnsentAt, lang),
                    time: formatDateTime(r.oldestUnsentAt, lang),
                  }),
          },
          {
            title: t('syncLastError'),
            dataIndex: 'lastError',
            render: (e: string | null) => e ?? '—',
          },
        ]}
      />
      {health.role === 'hub' ? <StationQuarantine /> : null}
    </Card>
  );
}

/**
 * Station rows this hub refused (DESIGN §4 quarantine): kept, never applied, and sent on to head
 * office, so the manager can tell which counter PC needs attention before head office calls.
 */
function StationQuarantine() {
  const { t, i18n } = useTranslation(['manager', 'common']);
  const rows = useManager((s) => s.quarantine);
  // Read only while this table is on screen, at the health poll's pace (not with every health poll).
  usePolling(() => useManager.getState().loadQuarantine(), HEALTH_POLL_MS);
  const station = (r: StationQuarantineRowT) =>
    r.deviceName
      ? r.counterNo !== null
        ? t('quarantineStationAt', { name: r.deviceName, counterNo: r.counterNo })
        : r.deviceName
      : r.deviceId;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('quarantineTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('quarantineExplain')}</Typography.Paragraph>
      <QuarantineTable<StationQuarantineRowT>
        rows={rows}
        pageSize={10}
        labels={{
          raw: t('quarantineRaw'),
          view: t('quarantineView'),
          seq: t('quarantineSeq'),
          empty: t('quarantineNone'),
        }}
        facts={[
          { label: t('quarantineStation'), cell: station },
          { label: t('quarantineSeq'), cell: (r) => r.deviceSeq },
          { label: t('quarantineType'), cell: (r) => r.type ?? '—' },
          { label: t('quarantineReason'), cell: (r) => r.reason },
          { label: t('quarantineAt'), cell: (r) => formatDateTime(r.receivedAt, i18n.language) },
        ]}
      />
    </>
  );
}
