import { useTranslation } from 'react-i18next';
import { formatClock, formatDate } from '../lib/format.ts';

export interface SlipProps {
  hallName: string;
  number: string;
  serviceName: string;
  serviceNameEn: string;
  ahead: number;
  issuedAt: number;
  priority: boolean;
  timeZone: string;
}

/** The 80 mm ticket as it prints: only this element is visible in print (see public.css @media print). */
export function TicketSlip(p: SlipProps) {
  const { t, i18n } = useTranslation('kiosk');
  return (
    <section className="ticket-slip" aria-label={t('slipLabel')}>
      <div className="slip-hall">{p.hallName}</div>
      <div className="slip-number">{p.number}</div>
      <div className="slip-service">
        {p.serviceName} / {p.serviceNameEn}
        {p.priority ? ` · ${t('priorityShort')}` : ''}
      </div>
      <div className="slip-ahead">{t('ahead', { count: p.ahead })}</div>
      <div className="slip-time">
        {formatDate(p.issuedAt, i18n.language, p.timeZone)}{' '}
        {formatClock(p.issuedAt, i18n.language, p.timeZone)}
      </div>
      <div className="slip-note">{t('slipNote')}</div>
    </section>
  );
}
