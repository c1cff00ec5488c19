import { Button, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shortTime, type CaseRowT } from './caseClient.ts';
import { ListTable } from '../lib/ListTable.tsx';

/** Where a case stands: overdue (red), due soon (orange, the owner's reminder), else its next deadline. */
export function DueTag({ c }: { c: CaseRowT }) {
  const { t, i18n } = useTranslation('cases');
  if (c.status === 'closed') return <Tag>{t('closed')}</Tag>;
  if (c.nextDueAt === null) return <Tag>{t('noDeadline')}</Tag>;
  const at = shortTime(c.nextDueAt, i18n.language);
  // Solid dark tags: white text on them passes contrast (antd's light red and orange tags do not).
  if (c.overdue) return <Tag color="#a8071a">{t('overdueSince', { at })}</Tag>;
  if (c.remind) return <Tag color="#ad4e00">{t('dueSoon', { at })}</Tag>;
  return <Tag color="blue">{t('dueAt', { at })}</Tag>;
}

/** A list of cases: number, kind, summary, owner, masked phone, where it stands; a row opens it. */
export function CaseTable({
  rows,
  onOpen,
  showOwner,
  empty,
}: {
  rows: CaseRowT[];
  onOpen: (id: string) => void;
  showOwner?: boolean;
  empty: string;
}) {
  const { t } = useTranslation('cases');
  return (
    <ListTable
      rowKey="id"
      pageSize={20}
      dataSource={rows}
      empty={empty}
      onRow={(c) => ({
        style: { background: c.overdue ? '#fff1f0' : c.remind ? '#fff7e6' : undefined },
        'data-case-no': c.no,
      })}
      columns={[
        { title: t('no'), dataIndex: 'no', width: 76, render: (no: number) => `#${no}` },
        {
          title: t('kind'),
          dataIndex: 'kind',
          width: 96,
          render: (k: CaseRowT['kind']) => (
            <Tag color={k === 'complaint' ? '#722ed1' : 'default'}>{t(`kind_${k}`)}</Tag>
          ),
        },
        {
          title: t('summary'),
          dataIndex: 'summary',
          render: (s: string) => <Typography.Text ellipsis={{ tooltip: s }}>{s}</Typography.Text>,
        },
        ...(showOwner
          ? [
              {
                title: t('owner'),
                key: 'owner',
                width: 120,
                render: (_: unknown, c: CaseRowT) => `${c.ownerName}（${c.ownerStaffNo}）`,
              },
            ]
          : []),
        { title: t('phone'), dataIndex: 'phone', width: 120, render: (p: string | null) => p ?? '—' },
        { title: t('due'), key: 'due', width: 190, render: (_: unknown, c: CaseRowT) => <DueTag c={c} /> },
        {
          title: '',
          key: 'open',
          width: 80,
          render: (_: unknown, c: CaseRowT) => (
            <Button size="small" onClick={() => onOpen(c.id)} aria-label={t('openCaseNo', { no: c.no })}>
              {t('view')}
            </Button>
          ),
        },
      ]}
    />
  );
}
