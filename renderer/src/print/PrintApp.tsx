import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n/index.ts';
import { createClient } from '../lib/client.ts';
import { getToken } from '../lib/token.ts';
import { hallApi } from '../../../shared/api/hall/index.ts';
import type { HallZReport } from '../../../shared/money/hallZReport.ts';
import type { ZReport } from '../../../shared/money/zreport.ts';
import { AnyZReportSheet } from './AnyZReportSheet.tsx';
import { pageCss } from './printCss.ts';
import { PRINT_READY, type Paper } from './printFrame.ts';
import { ReceiptSlip, type ReceiptViewT } from './ReceiptSlip.tsx';
import type { ZReportNames } from './ZReportSheet.tsx';

type Doc =
  | { kind: 'receipt'; receipt: ReceiptViewT; timeZone: string }
  | { kind: 'z'; report: ZReport | HallZReport; hallName: string; timeZone: string; names: ZReportNames };

const query = new URLSearchParams(location.search);
const paper: Paper = query.get('paper') === '58' ? '58' : query.get('paper') === 'a4' ? 'a4' : '80';
const api = createClient(hallApi, {
  token: () => getToken(query.get('as') === 'manager' ? 'manager' : 'counter'),
});

async function loadDoc(): Promise<Doc> {
  const hall = await api.hall();
  const timeZone = hall.settings.timeZone;
  const receiptId = query.get('receipt');
  if (receiptId) return { kind: 'receipt', receipt: await api.receipt({ id: receiptId }), timeZone };
  const hallDay = query.get('hz');
  const day = hallDay ?? query.get('z') ?? '';
  const [report, cash, fees] = await Promise.all([
    hallDay ? api.hallZReport({ day }) : api.zReport({ day }),
    // The report keys clerks by id; the day's drawers name every clerk who took money that day.
    api.cash({ day }),
    api.fees(),
  ]);
  return {
    kind: 'z',
    report,
    hallName: hall.name,
    timeZone,
    names: {
      clerks: new Map(cash.drawers.map((d) => [d.staffId, d.staffName])),
      fees: new Map(fees.map((f) => [f.code, i18n.language === 'en' ? f.nameEn : f.name])),
    },
  };
}

/** px → mm at CSS's 96 px per inch. */
const toMm = (px: number) => Math.ceil((px * 25.4) / 96) + 2;

/**
 * `/print?receipt=ID|z=DAY|hz=DAY&paper=80|58|a4&as=counter|manager`: one receipt or one day's Z-report as
 * the page it prints on. A roll's page is as long as its content; the page says when it is laid out
 * (to the screen that opened it in a frame, and as `data-print-ready` for a PDF made of it).
 */
export default function PrintApp() {
  const { t } = useTranslation('money');
  const [doc, setDoc] = useState<Doc | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rollMm, setRollMm] = useState<number | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    loadDoc().then(setDoc, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  useLayoutEffect(() => {
    if (!doc || paper === 'a4') return;
    void document.fonts.ready.then(() => {
      const height = ref.current?.querySelector('.print-doc')?.getBoundingClientRect().height ?? 0;
      setRollMm(toMm(height));
    });
  }, [doc]);

  const laidOut = doc !== null && (paper === 'a4' || rollMm !== null);
  useEffect(() => {
    if (!laidOut) return;
    void document.fonts.ready.then(() => {
      document.body.dataset.printReady = '1';
      if (window.parent !== window) window.parent.postMessage(PRINT_READY, location.origin);
      else if (query.get('auto') === '1') window.print();
    });
  }, [laidOut]);

  let body: ReactNode = null;
  if (error) body = <p role="alert">{t('printFailed', { message: error })}</p>;
  else if (doc?.kind === 'receipt') body = <ReceiptSlip receipt={doc.receipt} timeZone={doc.timeZone} />;
  else if (doc?.kind === 'z')
    body = (
      <AnyZReportSheet
        report={doc.report}
        hallName={doc.hallName}
        timeZone={doc.timeZone}
        names={doc.names}
        roll={paper !== 'a4'}
      />
    );
  return (
    <main ref={ref}>
      <style>{pageCss(paper, rollMm)}</style>
      {body}
    </main>
  );
}
