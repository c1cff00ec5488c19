import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Segmented, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../lib/FormDialog.tsx';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { usePolledRead } from '../../lib/usePolling.ts';
import { formatDateTime } from '../../lib/format.ts';
import { HandoverItemsTable, type HandoverViewT } from '../../records/HandoverItems.tsx';
import { useManager } from '../store.ts';
import { useManagerApi } from './useManagerApi.ts';
import { ListTable } from '../../lib/ListTable.tsx';
import { requiredText } from '../../lib/formRules.ts';

type Filter = 'unsigned' | 'disagreements' | 'all';
const POLL_MS = 30_000;

/**
 * 交接班 for the duty manager (R-HAND-1): every counter's handovers, the hub's and its stations';
 * the unsigned ones and those with disagreements first, each opening to its items and answers. The
 * duty manager writes their opinion on a disputed one into the book, signed with their PIN.
 */
export function HandoversTab() {
  const { t, i18n } = useTranslation('records');
  const { token, tz, api } = useManagerApi();
  const [filter, setFilter] = useState<Filter>('unsigned');
  const [ruling, setRuling] = useState<HandoverViewT | null>(null);
  const {
    data: rows = [],
    error,
    load,
  } = usePolledRead(() => api.handovers({ filter }), POLL_MS, `${token ?? ''}:${filter}`);
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
      <ListTable<HandoverViewT>
        rowKey="id"
        size="middle"
        dataSource={rows}
        empty={t('noHandovers')}
        expandable={{ expandedRowRender: (h) => <HandoverItemsTable handover={h} tz={tz} /> }}
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
          {
            title: t('opinion'),
            width: 140,
            render: (_v, h) =>
              h.opinion ? (
                <Tag color="blue">{t('opinionWritten', { staffNo: h.opinion.staffNo })}</Tag>
              ) : h.acceptedAt !== null && h.disagreements > 0 ? (
                <Button danger onClick={() => setRuling(h)} data-write-opinion={h.id}>
                  {t('writeOpinion')}
                </Button>
              ) : null,
          },
        ]}
      />
      {ruling ? (
        <OpinionDialog
          handover={ruling}
          onClose={() => setRuling(null)}
          onSubmit={async (body) => {
            await api.handoverOpinion({ id: ruling.id, body });
            // The opinion takes the dispute alert down: the live view's alerts need not wait for a poll.
            await Promise.all([load(), useManager.getState().refresh()]);
          }}
        />
      ) : null}
    </Space>
  );
}

/** R-HAND-1: the duty manager's opinion on a disputed handover, signed with their PIN on the spot. */
function OpinionDialog({
  handover,
  onClose,
  onSubmit,
}: {
  handover: HandoverViewT;
  onClose: () => void;
  onSubmit: (body: { opinion: string; approver: { staffNo: string; pin: string } }) => Promise<void>;
}) {
  const { t } = useTranslation('records');
  const { message } = AntApp.useApp();
  const disputed = handover.items.filter((i) => i.confirmed === false);
  return (
    <FormDialog<{ opinion: string; approver: { staffNo: string; pin: string } }>
      title={t('opinionTitle', { counterNo: handover.counterNo })}
      okText={t('writeOpinion')}
      onClose={onClose}
      onSubmit={(v) =>
        onSubmit(v).then(
          () => void message.success(t('opinionSaved')),
          (e: unknown) => {
            void message.error(e instanceof Error ? e.message : String(e));
            throw e;
          },
        )
      }
    >
      <ul>
        {disputed.map((i) => (
          <li key={i.index}>
            {i.index + 1}. {i.text}
            {i.note ? `：${i.note}` : ''}
          </li>
        ))}
      </ul>
      <Form.Item name="opinion" label={t('opinionText')} rules={requiredText(t('opinionNeeded'))}>
        <Input.TextArea rows={4} maxLength={1000} />
      </Form.Item>
      <SignatureFields name="approver" label={t('opinionSigner')} />
    </FormDialog>
  );
}
