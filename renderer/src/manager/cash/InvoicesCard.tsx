import { Alert, Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reply } from '../../../../shared/api/contract.ts';
import type { moneyContract } from '../../../../shared/api/hall/money.ts';
import { yuan } from '../../../../shared/money/amounts.ts';
import { ListTable } from '../../lib/ListTable.tsx';

type Invoices = Reply<(typeof moneyContract)['invoices']>;

/** R-CASH-4: the day's manual invoices against the receipts, with the gaps and mismatches first. */
export function InvoicesCard({ invoices }: { invoices: Invoices }) {
  const { t } = useTranslation('money');
  const { summary } = invoices;
  return (
    <Card title={t('invoicesTitle')} size="small">
      {summary.gaps.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('invoiceGapsFound', { list: summary.gaps.join('、') })}
        />
      ) : null}
      {summary.mismatches.map((m) => (
        <Alert
          key={`${m.invoiceNo}-${m.reason}`}
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={`${m.invoiceNo}：${t(`mismatch_${m.reason}`, { defaultValue: m.reason })}`}
        />
      ))}
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('invoiceCount')}>{summary.count}</Descriptions.Item>
        <Descriptions.Item label={t('invoiceTotal')}>{yuan(summary.totalFen)}</Descriptions.Item>
      </Descriptions>
      <ListTable
        rowKey="id"
        dataSource={invoices.invoices}
        empty={t('noInvoices')}
        columns={[
          { title: t('invoiceNo'), dataIndex: 'invoiceNo' },
          { title: t('amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
          { title: t('forReceipt'), dataIndex: 'receiptNumber', render: (n: string | null) => n ?? '—' },
        ]}
      />
    </Card>
  );
}
