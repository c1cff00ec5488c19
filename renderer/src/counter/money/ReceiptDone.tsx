import { Button, Modal, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ReceiptReply } from '../../../../shared/api/hall/money.ts';
import { AmountBoard } from './AmountBoard.tsx';
import { PrintReceiptButtons } from './PrintReceiptButtons.tsx';

/** The payment is recorded: its number, the change to give back (R-CASH-1), and 打印. */
export function ReceiptDone({
  reply,
  onClose,
}: {
  reply: z.infer<typeof ReceiptReply>;
  onClose: () => void;
}) {
  const { t } = useTranslation('money');
  return (
    <Modal
      open
      width={760}
      title={t('paymentRecorded')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('close')}</Button>}
    >
      <Result
        status="success"
        title={t('receiptNumbered', { number: reply.number })}
        style={{ padding: '8px 0' }}
        extra={
          <Space direction="vertical" style={{ width: '100%' }}>
            <AmountBoard dueFen={reply.totalFen} receivedFen={reply.paidFen} />
            <PrintReceiptButtons receiptId={reply.id} />
          </Space>
        }
      />
    </Modal>
  );
}
