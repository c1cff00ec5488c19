import { useTranslation } from 'react-i18next';
import { PaymentMethod, yuan } from '../../../shared/money/amounts.ts';
import type { HallZReport } from '../../../shared/money/hallZReport.ts';
import { localStamp } from '../../../shared/time/businessDay.ts';
import { Row, signed, TotalsTable, type ZReportNames } from './ZReportSheet.tsx';

/**
 * The hall's Z-report (全厅日结) as a page: the hall's totals, then every device's sealed day with its
 * numbers, grand total and chain hash, a device whose chain was broken at its close first and in red.
 * The same print page and paper sizes as a device's Z-report.
 */
export function HallZReportSheet({
  report: z,
  hallName,
  timeZone,
  names,
}: {
  report: HallZReport;
  hallName: string;
  timeZone: string;
  names: ZReportNames;
}) {
  const { t } = useTranslation('money');
  const broken = z.devices.filter((d) => d.chainBroken);
  return (
    <article className="print-doc z-report" aria-label={t('hallZTitle')}>
      <div className="hall">{hallName}</div>
      <h1>{t('hallZTitle')}</h1>
      <div className="center">
        {t('zDay', { day: z.day })} · {t('hallDevices', { count: z.devices.length })}
      </div>
      <div className="center muted">{t('closedAt', { at: localStamp(z.closedAt, timeZone) })}</div>
      {broken.map((d) => (
        <div key={d.deviceCode} className="alarm" role="alert">
          {t('device', { code: d.deviceCode })}:{' '}
          {t('chainBroken', { seq: d.chainBroken?.seq, reason: d.chainBroken?.reason })}
        </div>
      ))}
      <div className="cols">
        <section>
          <h2>{t('zReceipts')}</h2>
          <Row label={t('receiptCount')}>{z.count}</Row>
          <Row label={t('lateCount')}>{z.lateCount}</Row>
          <Row label={t('gross')}>{yuan(z.totalsFen.gross)}</Row>
          <Row label={t('voidsLine', { count: z.voids.count })}>{yuan(-z.voids.totalFen)}</Row>
          {z.voids.numbers.length ? <div className="muted">{z.voids.numbers.join('、')}</div> : null}
          <Row label={t('net')}>
            <strong>{yuan(z.totalsFen.net)}</strong>
          </Row>
        </section>
        <section>
          <h2>{t('zCash')}</h2>
          <Row label={t('cashIn')}>{yuan(z.cashMovesFen.in)}</Row>
          <Row label={t('cashOut')}>{yuan(z.cashMovesFen.out)}</Row>
          <Row label={t('deposits')}>{yuan(z.depositsFen)}</Row>
          <Row label={t('overShort')}>
            <span className={z.overShortFen < 0 ? 'neg' : undefined}>{signed(z.overShortFen)}</span>
          </Row>
          <Row label={t('invoiceCount')}>{z.invoices.count}</Row>
          <Row label={t('invoiceTotal')}>{yuan(z.invoices.totalFen)}</Row>
        </section>
        <TotalsTable
          title={`${t('byMethod')}${t('beforeVoids')}`}
          rows={PaymentMethod.options.map((m) => [t(`method_${m}`), z.totalsFen.byMethod[m] ?? 0])}
        />
        <TotalsTable
          title={`${t('byFee')}${t('beforeVoids')}`}
          rows={Object.entries(z.totalsFen.byFee).map(([code, fen]) => [
            code === 'BILL' ? t('billPayment') : `${code} ${names.fees.get(code) ?? ''}`,
            fen,
          ])}
        />
        <TotalsTable
          title={`${t('byClerk')}${t('beforeVoids')}`}
          rows={Object.entries(z.totalsFen.byClerk).map(([id, fen]) => [names.clerks.get(id) ?? id, fen])}
        />
      </div>
      <section>
        <h2>{t('hallZDevices')}</h2>
        {z.devices.length === 0 ? <div>{t('none')}</div> : null}
        {z.devices.map((d) => (
          <div key={d.deviceCode} style={{ marginBottom: '1.5mm' }}>
            <strong>{t('device', { code: d.deviceCode })}</strong>
            <Row label={t('firstNo')}>{d.first ?? '—'}</Row>
            <Row label={t('lastNo')}>{d.last ?? '—'}</Row>
            <Row label={t('receiptCount')}>{d.count}</Row>
            <Row label={t('net')}>{yuan(d.netFen)}</Row>
            <Row label={t('grandTotal')}>{yuan(d.grandTotalFen)}</Row>
            <div>{t('chainHash')}</div>
            <div className="hash">{d.chainHash || '—'}</div>
          </div>
        ))}
      </section>
      <section>
        <h2>{t('zSeal')}</h2>
        <Row label={t('grandTotal')}>
          <strong>{yuan(z.grandTotalFen)}</strong>
        </Row>
      </section>
      <div className="sign">
        <div>{t('signManager')}</div>
      </div>
    </article>
  );
}
