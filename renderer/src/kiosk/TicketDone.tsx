import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from './store.ts';
import { TicketSlip } from './TicketSlip.tsx';
import { printTicket } from './print.ts';

const BACK_AFTER_MS = 8_000;

/** The number big, printed at once; back to the services after a few seconds or on "done". */
export function TicketDone() {
  const { t } = useTranslation('kiosk');
  const ticket = useKiosk((s) => s.ticket)!;
  const hall = useKiosk((s) => s.hall);
  const done = useKiosk.getState().done;

  useEffect(() => {
    void printTicket();
    const timer = setTimeout(done, BACK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ticket.id, done]);

  return (
    <section className="ticket-done" aria-live="polite">
      <p className="ticket-done-title">{t('yourNumber')}</p>
      <TicketSlip
        hallName={hall?.name ?? ''}
        number={ticket.number}
        serviceName={ticket.serviceName}
        serviceNameEn={ticket.serviceNameEn}
        ahead={ticket.waitingAhead}
        issuedAt={ticket.issuedAt}
        priority={ticket.priority}
        timeZone={hall?.settings.timeZone ?? 'Asia/Shanghai'}
      />
      <p className="ticket-done-hint">
        {ticket.counterOpen
          ? t('takeSlip', { count: ticket.waitingAhead > 0 ? ticket.estimatedWaitMinutes : 0 })
          : t('takeSlipNoCounter')}
      </p>
      <button type="button" className="big-button" onClick={done}>
        {t('done')}
      </button>
    </section>
  );
}
