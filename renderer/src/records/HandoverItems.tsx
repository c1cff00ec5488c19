import { Alert, Descriptions, Form, Input, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { HandoverItem, HandoverView } from '../../../shared/handover/model.ts';
import { yuan } from '../../../shared/money/amounts.ts';
import { formatDateTime } from '../lib/format.ts';

export type HandoverViewT = z.infer<typeof HandoverView>;
type ItemT = HandoverViewT['items'][number];

/** A kind as the screen words it; a hall's own kind (setting) shows its code. */
export function useKindLabel() {
  const { t } = useTranslation('records');
  return (kind: string) => t(`kind.${kind}`, { defaultValue: kind });
}

/** What an item hands over besides its text: cash counted, a cheque's amount, an invoice range, a link. */
export function ItemDetail({ item }: { item: HandoverItem & { handedFen?: number | null } }) {
  const { t } = useTranslation('records');
  const parts: string[] = [];
  if (item.counts) parts.push(t('cashCounted', { amount: yuan(item.handedFen ?? 0) }));
  else if (item.amountFen !== undefined) parts.push(yuan(item.amountFen));
  if (item.range) parts.push(t('rangeText', item.range));
  if (item.caseId) parts.push(t('linkedCase'));
  if (item.ticketId) parts.push(t('linkedTicket'));
  return parts.length ? <span>{parts.join(' · ')}</span> : null;
}

/** A signed or waiting handover's items with the incoming clerk's answers, and the duty manager's opinion. */
export function HandoverItemsTable({ handover, tz }: { handover: HandoverViewT; tz?: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ItemsTable handover={handover} />
      <HandoverOpinion handover={handover} tz={tz} />
    </Space>
  );
}

/** R-HAND-1: the duty manager's opinion on the disagreements, as written into the book. */
export function HandoverOpinion({ handover, tz }: { handover: HandoverViewT; tz?: string }) {
  const { t, i18n } = useTranslation('records');
  const o = handover.opinion;
  if (!o) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-opinion={handover.id}
      message={t('opinionBy', {
        name: o.name,
        staffNo: o.staffNo,
        at: formatDateTime(o.at, i18n.language, tz),
      })}
      description={o.text}
    />
  );
}

function ItemsTable({ handover }: { handover: HandoverViewT }) {
  const { t } = useTranslation('records');
  const kindLabel = useKindLabel();
  return (
    <Table<ItemT>
      size="small"
      rowKey="index"
      pagination={false}
      dataSource={handover.items}
      columns={[
        { title: '#', render: (_v, r) => r.index + 1, width: 48 },
        {
          title: t('itemKind'),
          render: (_v, r) => (
            <>
              {kindLabel(r.kind)} {r.carriedFrom ? <Tag color="orange">{t('carried')}</Tag> : null}
            </>
          ),
        },
        { title: t('itemText'), dataIndex: 'text' },
        { title: t('itemDetail'), render: (_v, r) => <ItemDetail item={r} /> },
        {
          title: t('answer'),
          render: (_v, r) =>
            r.confirmed === null ? (
              <Tag>{t('notAnswered')}</Tag>
            ) : r.confirmed ? (
              <Tag color="green">{t('confirmed')}</Tag>
            ) : (
              <Tag color="red">
                {t('disputed')}
                {r.note ? `：${r.note}` : ''}
              </Tag>
            ),
        },
      ]}
    />
  );
}

/** Who wrote it, when; who signed it, when. */
export function HandoverHeader({
  handover,
  lang,
  tz,
}: {
  handover: HandoverViewT;
  lang: string;
  tz: string;
}) {
  const { t } = useTranslation('records');
  return (
    <Descriptions size="small" column={2}>
      <Descriptions.Item label={t('counter')}>{handover.counterNo}</Descriptions.Item>
      <Descriptions.Item label={t('writtenBy')}>
        {handover.writerName}（{handover.writerStaffNo}） {formatDateTime(handover.writtenAt, lang, tz)}
      </Descriptions.Item>
      <Descriptions.Item label={t('signedBy')}>
        {handover.acceptedAt !== null ? (
          `${handover.acceptorName ?? ''}（${handover.acceptorStaffNo ?? ''}） ${formatDateTime(handover.acceptedAt, lang, tz)}`
        ) : (
          <Tag color="gold">{t('unsigned')}</Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('disagreements')}>
        {handover.disagreements ? <Tag color="red">{handover.disagreements}</Tag> : 0}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** An invoice stock range typed as its first and last number (R-HAND-2), at `base` in the form. */
export function RangeFields({ base, n }: { base: (string | number)[]; n: number }) {
  const { t } = useTranslation('records');
  const rules = [{ required: true, pattern: /^\d{1,12}$/, message: t('rangeRule') }];
  return (
    <Space>
      {(['from', 'to'] as const).map((end) => (
        <Form.Item
          key={end}
          name={[...base, end]}
          label={t(end === 'from' ? 'rangeFrom' : 'rangeTo')}
          rules={rules}
        >
          <Input inputMode="numeric" aria-label={t(end === 'from' ? 'rangeFromOf' : 'rangeToOf', { n })} />
        </Form.Item>
      ))}
    </Space>
  );
}
