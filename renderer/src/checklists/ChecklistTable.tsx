import { Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { DueView } from '../../../shared/checklists/model.ts';
import { shortTime } from '../cases/caseClient.ts';
import { ListTable } from '../lib/ListTable.tsx';

export type DueRowT = z.infer<typeof DueView>;

const STATUS_COLOR: Record<DueRowT['status'], string> = {
  due: 'blue',
  overdue: 'red',
  missed: 'red',
  done: 'green',
  late: 'orange',
};

/** Overdue or missed, not done: shown in red until done (issue 13: disinfection and fire checks above all). */
export const isRed = (r: DueRowT) => r.status === 'overdue' || r.status === 'missed';

/**
 * Checklists with their state: due (blue), overdue and missed (red), done (green), late (orange, and
 * marked missed for ever). A row that is not done has 填写; a manager may countersign a done one.
 */
export function ChecklistTable({
  rows,
  onFill,
  onCountersign,
  empty,
}: {
  rows: DueRowT[];
  onFill: (r: DueRowT) => void;
  onCountersign?: (r: DueRowT) => void;
  empty: string;
}) {
  const { t, i18n } = useTranslation('checklists');
  const en = i18n.language === 'en';
  return (
    <ListTable<DueRowT>
      rowKey="occurrenceId"
      dataSource={rows}
      empty={empty}
      onRow={(r) => ({
        'data-occurrence': r.occurrenceId,
        style: isRed(r) ? { background: '#fff1f0' } : undefined,
      })}
      columns={[
        {
          title: t('name'),
          render: (_v, r) => (
            <span style={isRed(r) ? { color: '#a8071a', fontWeight: 600 } : undefined}>
              {en && r.nameEn ? r.nameEn : r.name}
              {r.rule ? <Tag style={{ marginLeft: 8 }}>{r.rule}</Tag> : null}
            </span>
          ),
        },
        { title: t('dueAt'), render: (_v, r) => shortTime(r.dueAt, i18n.language) },
        {
          title: t('status'),
          render: (_v, r) => (
            <Space size={4}>
              <Tag color={STATUS_COLOR[r.status]}>{t(`status_${r.status}`)}</Tag>
              {r.missed && r.status !== 'missed' ? <Tag color="red">{t('missedMark')}</Tag> : null}
            </Space>
          ),
        },
        {
          title: t('doneBy'),
          render: (_v, r) =>
            r.completedBy ? (
              <span>
                {r.completedBy}
                {r.countersignedBy ? ` / ${t('countersignedBy', { staffNo: r.countersignedBy })}` : ''}
                {/* Two counters offline did it: the first stands, the other is kept and shown. */}
                {r.alsoCompletedBy.map((a) => (
                  <Tag
                    key={`${a.staffNo}|${a.completedAt}`}
                    style={{ marginLeft: 4 }}
                    data-also-done={a.staffNo}
                  >
                    {t('alsoDoneBy', { staffNo: a.staffNo, at: shortTime(a.completedAt, i18n.language) })}
                  </Tag>
                ))}
              </span>
            ) : null,
        },
        {
          title: '',
          render: (_v, r) =>
            r.completedAt === null ? (
              r.status === 'missed' ? null : (
                <Button
                  type={isRed(r) ? 'primary' : 'default'}
                  danger={isRed(r)}
                  onClick={() => onFill(r)}
                  aria-label={t('fillName', { name: en && r.nameEn ? r.nameEn : r.name })}
                >
                  {t('fill')}
                </Button>
              )
            ) : onCountersign && r.countersign && !r.countersignedBy ? (
              <Button onClick={() => onCountersign(r)}>{t('countersign')}</Button>
            ) : null,
        },
      ]}
    />
  );
}
