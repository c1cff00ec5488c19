import { useTranslation } from 'react-i18next';
import { yuan } from '../../../shared/money/amounts.ts';
import type { HallZReport } from '../../../shared/money/hallZReport.ts';
import { localStamp } from '../../../shared/time/businessDay.ts';
import { DayTotals, Row, type ZReportNames } from './ZReportSheet.tsx';

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
      {z.uncounted?.length ? (
        <section className="alarm" role="note">
          <h2>{t('hallZUncounted')}</h2>
          {z.uncounted.map((s) => (
            <div key={s.deviceCode}>
              {t('stationName', { name: s.name, code: t('device', { code: s.deviceCode }) })} ·{' '}
              {s.lastHeardAt === null
                ? t('neverHeard')
                : t('lastHeard', { at: localStamp(s.lastHeardAt, timeZone) })}
            </div>
          ))}
        </section>
      ) : null}
      <div className="cols">
        <DayTotals
          z={z}
          names={names}
          cashExtra={
            <>
              <Row label={t('invoiceCount')}>{z.invoices.count}</Row>
              <Row label={t('invoiceTotal')}>{yuan(z.invoices.totalFen)}</Row>
            </>
          }
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
