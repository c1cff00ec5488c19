import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CashOverview } from '../../../../shared/api/hall/money.ts';
import { yuan } from '../../../../shared/money/amounts.ts';
import { ListTable } from '../../lib/ListTable.tsx';

type Drawer = z.infer<typeof CashOverview>['drawers'][number];

const signed = (fen: number) => (fen > 0 ? `+${yuan(fen)}` : yuan(fen));

/** Every drawer of the day: float, expected, takings, the last count and its over/short; R-CASH-3 in red. */
export function DrawersTable({ drawers }: { drawers: Drawer[] }) {
  const { t } = useTranslation('money');
  return (
    <ListTable<Drawer>
      rowKey="drawerId"
      dataSource={drawers}
      empty={t('noDrawers')}
      rowClassName={(d) => (d.overLimit ? 'over-limit-row' : '')}
      columns={[
        { title: t('counter'), dataIndex: 'counterNo' },
        { title: t('clerk'), dataIndex: 'staffName' },
        { title: t('deviceCol'), dataIndex: 'deviceCode' },
        { title: t('float'), dataIndex: 'floatFen', align: 'right', render: yuan },
        { title: t('receiptCount'), dataIndex: 'receipts', align: 'right' },
        { title: `${t('takings')}${t('beforeVoids')}`, dataIndex: 'totalFen', align: 'right', render: yuan },
        {
          title: t('expected'),
          dataIndex: 'expectedFen',
          align: 'right',
          render: (fen: number, d) =>
            d.overLimit ? (
              <span style={{ color: '#c41d1d', fontWeight: 700 }}>
                {yuan(fen)} <Tag color="red">{t('overLimitTag')}</Tag>
              </span>
            ) : (
              yuan(fen)
            ),
        },
        {
          title: t('counted'),
          align: 'right',
          render: (_, d) =>
            d.lastCount ? `${yuan(d.lastCount.countedFen)} (${t(`count_${d.lastCount.kind}`)})` : '—',
        },
        {
          title: t('difference'),
          align: 'right',
          render: (_, d) =>
            d.lastCount ? (
              <span
                style={{ color: d.lastCount.differenceFen === 0 ? undefined : '#c41d1d', fontWeight: 700 }}
              >
                {signed(d.lastCount.differenceFen)}
              </span>
            ) : (
              '—'
            ),
        },
        {
          title: t('reasonCode'),
          render: (_, d) => (d.lastCount?.reasonCode ? t(`reason_${d.lastCount.reasonCode}`) : ''),
        },
        {
          title: t('state'),
          render: (_, d) =>
            d.closed ? <Tag>{t('drawerClosed')}</Tag> : <Tag color="green">{t('drawerOpen')}</Tag>,
        },
      ]}
    />
  );
}
