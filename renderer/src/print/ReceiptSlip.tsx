import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ReceiptView } from '../../../shared/api/hall/money.ts';
import { amountInWords, yuan } from '../../../shared/money/amounts.ts';
import type { ReceiptLine } from '../../../shared/money/receipt.ts';
import { localStamp } from '../../../shared/time/businessDay.ts';

export type ReceiptViewT = z.infer<typeof ReceiptView>;

/**
 * A receipt as Chinese receipts print it (issue 11): hall, number, time, clerk, items as qty × unit
 * price, the total in figures and in words, how it was paid, received and change; 重打 ×n on a reprint
 * and 作废 on a voided one.
 */
export function ReceiptSlip({ receipt: r, timeZone }: { receipt: ReceiptViewT; timeZone: string }) {
  const { t } = useTranslation('money');
  return (
    <article className="print-doc receipt-slip" aria-label={t('slipLabel')}>
      <div className="hall">{r.hallName}</div>
      <h1>{t('slipTitle')}</h1>
      {r.reprints > 0 || r.void ? (
        <div className="center">
          {r.reprints > 0 ? <span className="mark">{t('reprintMark', { count: r.reprints })}</span> : null}
          {r.void ? <span className="mark void-mark">{t('voidMark')}</span> : null}
        </div>
      ) : null}
      <div className="row">
        <span>{t('receiptNo')}</span>
        <strong>{r.number}</strong>
      </div>
      <div className="row">
        <span>{t('time')}</span>
        <span>{localStamp(r.recordedAt, timeZone)}</span>
      </div>
      <div className="row">
        <span>{t('clerk')}</span>
        <span>
          {r.staffName}（{r.staffNo}）· {t('counterNo', { no: r.counterNo })}
        </span>
      </div>
      {r.ticketNumber ? (
        <div className="row">
          <span>{t('ticket')}</span>
          <span>{r.ticketNumber}</span>
        </div>
      ) : null}
      {r.lateFor ? <div className="muted">{t('lateFor', { day: r.lateFor })}</div> : null}
      <div className="rule" />
      {r.lines.map((line, i) => (
        <SlipLine key={i} line={line} />
      ))}
      <div className="rule" />
      <div className="row big">
        <span>{t('total')}</span>
        <span>{yuan(r.totalFen)}</span>
      </div>
      <div className="words">
        {t('inWords')}：{amountInWords(r.totalFen)}
      </div>
      <div className="rule" />
      {r.payments.map((p, i) => (
        <div key={i}>
          <div className="row">
            <span>{t(`method_${p.method}`)}</span>
            <span>{yuan(p.amountFen)}</span>
          </div>
          {p.reference ? <div className="muted">{t('reference', { ref: p.reference })}</div> : null}
        </div>
      ))}
      <div className="row">
        <span>{t('received')}</span>
        <span>{yuan(r.paidFen)}</span>
      </div>
      <div className="row">
        <span>{t('change')}</span>
        <span>{yuan(r.changeFen)}</span>
      </div>
      {r.void ? (
        <>
          <div className="rule" />
          <div>
            {t('voidedNote', {
              reason: r.void.reason,
              approver: r.void.approverName,
              at: localStamp(r.void.recordedAt, timeZone),
            })}
          </div>
        </>
      ) : null}
      <div className="rule" />
      <div className="center muted">{t('slipFooter')}</div>
    </article>
  );
}

/** One item: a fee as name, qty × unit price and amount; a bill as the account paid. */
function SlipLine({ line }: { line: ReceiptLine }) {
  const { t, i18n } = useTranslation('money');
  if (line.kind === 'bill')
    return (
      <div className="row">
        <span>{t('billLine', { account: line.account })}</span>
        <span>{yuan(line.amountFen)}</span>
      </div>
    );
  return (
    <div>
      <div>{i18n.language === 'en' ? line.nameEn : line.name}</div>
      <div className="row">
        <span>
          {line.qty} {line.unit} × {yuan(line.unitPriceFen)}
        </span>
        <span>{yuan(line.amountFen)}</span>
      </div>
    </div>
  );
}
