import { useState } from 'react';
import { Button, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ReceiptSummary } from '../../../../shared/api/hall/money.ts';
import { yuan } from '../../../../shared/money/amounts.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCounter } from '../store.ts';
import { PrintReceiptButtons } from './PrintReceiptButtons.tsx';
import { VoidDialog } from './VoidDialog.tsx';
import { ListTable } from '../../lib/ListTable.tsx';

type Row = z.infer<typeof ReceiptSummary>;

/** Today's receipts at this counter: each can be reprinted (marked 重打 ×n) or voided with approval. */
export function TodayReceipts() {
  const { t, i18n } = useTranslation('money');
  const receipts = useCounter((s) => s.money?.receipts) ?? [];
  const timeZone = useCounter((s) => s.hall?.settings.timeZone);
  const [voiding, setVoiding] = useState<Row | null>(null);
  return (
    <Card title={t('todayReceipts')} size="small">
      <ListTable<Row>
        rowKey="id"
        dataSource={receipts}
        pageSize={8}
        empty={t('noReceipts')}
        columns={[
          { title: t('receiptNo'), dataIndex: 'number' },
          {
            title: t('time'),
            dataIndex: 'recordedAt',
            render: (ms: number) => formatDateTime(ms, i18n.language, timeZone),
          },
          { title: t('total'), dataIndex: 'totalFen', align: 'right', render: (fen: number) => yuan(fen) },
          {
            title: t('state'),
            render: (_, r) =>
              // A voided receipt stays in the list, marked: the void is a record of its own.
              r.voidedBy ? <Tag color="red">{t('voidMark')}</Tag> : <Tag color="green">{t('valid')}</Tag>,
          },
          {
            title: t('actions'),
            render: (_, r) => (
              <Space wrap>
                <PrintReceiptButtons receiptId={r.id} reprint compact />
                {r.voidedBy ? null : (
                  <Button danger size="small" onClick={() => setVoiding(r)}>
                    {t('void')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {voiding ? <VoidDialog receipt={voiding} onClose={() => setVoiding(null)} /> : null}
    </Card>
  );
}
