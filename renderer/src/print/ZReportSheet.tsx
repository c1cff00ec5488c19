import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PaymentMethod, yuan } from '../../../shared/money/amounts.ts';
import type { DrawerSummary, ZReport } from '../../../shared/money/zreport.ts';
import { localStamp } from '../../../shared/time/businessDay.ts';

export interface ZReportNames {
  /** staffId → name (the report keys clerks by id). */
  clerks: ReadonlyMap<string, string>;
  /** fee code → name in the schedule; BILL is bill payment. */
  fees: ReadonlyMap<string, string>;
}

export const signed = (fen: number) => (fen > 0 ? `+${yuan(fen)}` : yuan(fen));

/** A label and its value on one line. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="row">
      <span>{label}</span>
      <span>{children}</span>
    </div>
  );
}

/** Totals keyed by method, fee or clerk, as a two-column table. */
export function TotalsTable({ title, rows }: { title: string; rows: [string, number][] }) {
  const { t } = useTranslation('money');
  return (
    <section>
      <h2>{title}</h2>
      <table>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td>{t('none')}</td>
            </tr>
          ) : (
            rows.map(([label, fen]) => (
              <tr key={label}>
                <td>{label}</td>
                <td className="num">{yuan(fen)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}

/** The day's figures a device's and the hall's Z-report both print, in the same sections and order. */
type DayFigures = Pick<
  ZReport,
  'count' | 'lateCount' | 'totalsFen' | 'voids' | 'cashMovesFen' | 'depositsFen' | 'overShortFen'
>;

/**
 * The receipts and cash sections and the totals by method, fee and clerk, shared by both Z-reports:
 * `lead` goes first in the receipts section (a device's first and last numbers), `cashExtra` last in
 * the cash section (the hall's manual invoices).
 */
export function DayTotals({
  z,
  names,
  lead,
  cashExtra,
}: {
  z: DayFigures;
  names: ZReportNames;
  lead?: ReactNode;
  cashExtra?: ReactNode;
}) {
  const { t } = useTranslation('money');
  return (
    <>
      <section>
        <h2>{t('zReceipts')}</h2>
        {lead}
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
        {cashExtra}
      </section>
      <TotalsTable
        title={`${t('byMethod')}${t('beforeVoids')}`}
        rows={PaymentMethod.options.map((m) => [t(`method_${m}`), z.totalsFen.byMethod[m] ?? 0])}
      />
      {/* What each settlement (the till, the card terminal, the payment apps) should show for the day. */}
      {z.voids.byMethod ? (
        <TotalsTable
          title={t('byMethodNet')}
          rows={PaymentMethod.options.map((m) => [
            t(`method_${m}`),
            (z.totalsFen.byMethod[m] ?? 0) - (z.voids.byMethod?.[m] ?? 0),
          ])}
        />
      ) : null}
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
    </>
  );
}

/**
 * The Z-report (DESIGN §6b) as a page: every field of the report, the broken chain first and in red,
 * clerks and fees by name. A4 lays the sections out in two columns; a roll prints them one under another.
 */
export function ZReportSheet({
  report: z,
  hallName,
  timeZone,
  names,
  roll,
}: {
  report: ZReport;
  hallName: string;
  timeZone: string;
  names: ZReportNames;
  roll: boolean;
}) {
  const { t } = useTranslation('money');
  const clerk = (id: string) => names.clerks.get(id) ?? id;
  return (
    <article className="print-doc z-report" aria-label={t('zTitle')}>
      <div className="hall">{hallName}</div>
      <h1>{t('zTitle')}</h1>
      <div className="center">
        {t('zDay', { day: z.day })} · {t('device', { code: z.deviceCode })}
      </div>
      <div className="center muted">{t('closedAt', { at: localStamp(z.closedAt, timeZone) })}</div>
      {z.chainBroken ? (
        <div className="alarm" role="alert">
          {t('chainBroken', { seq: z.chainBroken.seq, reason: z.chainBroken.reason })}
        </div>
      ) : null}
      <div className="cols">
        <DayTotals
          z={z}
          names={names}
          lead={
            <>
              <Row label={t('firstNo')}>{z.first ?? '—'}</Row>
              <Row label={t('lastNo')}>{z.last ?? '—'}</Row>
            </>
          }
        />
        <section>
          <h2>{t('zInvoices')}</h2>
          <Row label={t('invoiceCount')}>{z.invoices.count}</Row>
          <Row label={t('invoiceTotal')}>{yuan(z.invoices.totalFen)}</Row>
          <Row label={t('invoiceGaps')}>
            {z.invoices.gaps.length ? z.invoices.gaps.join('、') : t('none')}
          </Row>
          {z.invoices.mismatches.map((m) => (
            <div key={`${m.invoiceNo}-${m.reason}`} className="neg">
              {m.invoiceNo}：{t(`mismatch_${m.reason}`, { defaultValue: m.reason })}
            </div>
          ))}
        </section>
      </div>
      <DrawersSection drawers={z.drawers} clerk={clerk} roll={roll} />
      <section>
        <h2>{t('zSeal')}</h2>
        <Row label={t('grandTotal')}>
          <strong>{yuan(z.grandTotalFen)}</strong>
        </Row>
        <Row label={t('unsyncedRows')}>{z.unsyncedRows}</Row>
        <div>{t('chainHash')}</div>
        <div className="hash">{z.chainHash || '—'}</div>
        <Row label={t('chainState')}>
          {z.chainBroken ? <span className="neg">{t('chainStateBroken')}</span> : t('chainStateOk')}
        </Row>
      </section>
      <div className="sign">
        <div>{t('signCashier')}</div>
        <div>{t('signManager')}</div>
      </div>
    </article>
  );
}

/** Each drawer's float, expected, counted and difference: a table on A4, blocks on a roll. */
function DrawersSection({
  drawers,
  clerk,
  roll,
}: {
  drawers: DrawerSummary[];
  clerk: (id: string) => string;
  roll: boolean;
}) {
  const { t } = useTranslation('money');
  const counted = (d: DrawerSummary) => (d.countedFen === null ? t('notCounted') : yuan(d.countedFen));
  const difference = (d: DrawerSummary) =>
    d.differenceFen === null ? (
      '—'
    ) : (
      <span className={d.differenceFen < 0 ? 'neg' : undefined}>{signed(d.differenceFen)}</span>
    );
  const reason = (d: DrawerSummary) =>
    d.reasonCode ? t(`reason_${d.reasonCode}`, { defaultValue: d.reasonCode }) : '';
  return (
    <section>
      <h2>{t('zDrawers')}</h2>
      {drawers.length === 0 ? <div>{t('none')}</div> : null}
      {roll ? (
        drawers.map((d) => (
          <div key={d.drawerId} style={{ marginBottom: '1.5mm' }}>
            <strong>
              {t('counterNo', { no: d.counterNo })} {clerk(d.staffId)}
            </strong>
            <Row label={t('float')}>{yuan(d.floatFen)}</Row>
            <Row label={t('expected')}>{yuan(d.expectedFen)}</Row>
            <Row label={t('counted')}>{counted(d)}</Row>
            <Row label={t('difference')}>{difference(d)}</Row>
            {d.reasonCode ? <Row label={t('reasonCode')}>{reason(d)}</Row> : null}
          </div>
        ))
      ) : drawers.length ? (
        <table>
          <thead>
            <tr>
              <th>{t('counter')}</th>
              <th>{t('clerk')}</th>
              <th className="num">{t('float')}</th>
              <th className="num">{t('expected')}</th>
              <th className="num">{t('counted')}</th>
              <th className="num">{t('difference')}</th>
              <th>{t('reasonCode')}</th>
            </tr>
          </thead>
          <tbody>
            {drawers.map((d) => (
              <tr key={d.drawerId}>
                <td>{d.counterNo}</td>
                <td>{clerk(d.staffId)}</td>
                <td className="num">{yuan(d.floatFen)}</td>
                <td className="num">{yuan(d.expectedFen)}</td>
                <td className="num">{counted(d)}</td>
                <td className="num">{difference(d)}</td>
                <td>{reason(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
