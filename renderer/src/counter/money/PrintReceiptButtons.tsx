import { useState } from 'react';
import { App as AntApp, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { printPage, printUrl, type Paper } from '../../print/printFrame.ts';
import { useMoneyRun } from './useMoneyRun.ts';

const ROLLS: Paper[] = ['80', '58'];
const PAPER = 'servicehall.counter.paper';
/** The roll this counter printed on last: a reprint from the list uses it. */
const lastPaper = (): Paper => (localStorage.getItem(PAPER) === '58' ? '58' : '80');

/**
 * 打印 on the counter's roll printer, 80 or 58 mm; `reprint` first records the reprint so the slip says
 * 重打 and how many times.
 */
export function PrintReceiptButtons({
  receiptId,
  reprint = false,
  compact = false,
}: {
  receiptId: string;
  reprint?: boolean;
  /** One small button on the last roll used (the receipts list). */
  compact?: boolean;
}) {
  const { t } = useTranslation('money');
  const { message } = AntApp.useApp();
  const run = useMoneyRun();
  const [busy, setBusy] = useState(false);
  const print = async (paper: Paper) => {
    setBusy(true);
    localStorage.setItem(PAPER, paper);
    try {
      // A reprint that was not recorded is not printed (its failure is already shown).
      if (reprint && (await run((api) => api.reprintReceipt({ id: receiptId })).catch(() => null)) === null)
        return;
      await printPage(printUrl({ receipt: receiptId }, paper, 'counter'), { silent: true });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (compact)
    return (
      <Button size="small" loading={busy} onClick={() => void print(lastPaper())}>
        {t(reprint ? 'reprint' : 'print')}
      </Button>
    );
  return (
    <Space wrap>
      {ROLLS.map((paper) => (
        <Button
          key={paper}
          type={paper === '80' ? 'primary' : 'default'}
          size={paper === '80' ? 'large' : 'middle'}
          loading={busy}
          onClick={() => void print(paper)}
        >
          {t(reprint ? 'reprintOn' : 'printOn', { paper })}
        </Button>
      ))}
      <Button href={printUrl({ receipt: receiptId }, '80', 'counter')} target="_blank">
        {t('openSlip')}
      </Button>
    </Space>
  );
}
