import { useState } from 'react';
import { Alert, Segmented, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyNote } from '../../lib/EmptyNote.tsx';
import { usePolling } from '../../lib/usePolling.ts';
import { formatDateTime } from '../../lib/format.ts';
import { HandoverItemsTable, type HandoverViewT } from '../../records/HandoverItems.tsx';
import { useManagerApi } from './useManagerApi.ts';

type Filter = 'unsigned' | 'disagreements' | 'all';
const POLL_MS = 30_000;

/**
 * 交接班 for the duty manager (R-HAND-1): every counter's handovers, the hub's and its stations';
 * the unsigned ones and those with disagreements first, each opening to its items and answers.
 */
export function HandoversTab() {
  const { t, i18n } = useTranslation('records');
  const { token, tz, api } = useManagerApi();
  const [filter, setFilter] = useState<Filter>('unsigned');
  const [rows, setRows] = useState<HandoverViewT[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api.handovers({ filter }).then(
      (r) => {
        setRows(r);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  usePolling(load, POLL_MS, `${token ?? ''}:${filter}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'unsigned', label: t('filterUnsigned') },
          { value: 'disagreements', label: t('filterDisagreements') },
          { value: 'all', label: t('filterAll') },
        ]}
      />
      <Table<HandoverViewT>
        rowKey="id"
        size="middle"
        dataSource={rows}
        locale={{ emptyText: <EmptyNote>{t('noHandovers')}</EmptyNote> }}
        expandable={{ expandedRowRender: (h) => <HandoverItemsTable handover={h} /> }}
        columns={[
          { title: t('counter'), dataIndex: 'counterNo', width: 80 },
          {
            title: t('writtenBy'),
            render: (_v, h) =>
              `${h.writerName}（${h.writerStaffNo}） ${formatDateTime(h.writtenAt, i18n.language, tz)}`,
          },
          {
            title: t('signedBy'),
            render: (_v, h) =>
              h.acceptedAt !== null ? (
                `${h.acceptorName ?? ''}（${h.acceptorStaffNo ?? ''}） ${formatDateTime(h.acceptedAt, i18n.language, tz)}`
              ) : (
                <Tag color="gold">{t('unsigned')}</Tag>
              ),
          },
          { title: t('items'), render: (_v, h) => h.items.length, width: 80 },
          {
            title: t('disagreements'),
            width: 120,
            render: (_v, h) => (h.disagreements ? <Tag color="red">{h.disagreements}</Tag> : 0),
          },
        ]}
      />
    </Space>
  );
}
