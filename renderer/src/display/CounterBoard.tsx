import { useTranslation } from 'react-i18next';
import { formatClock } from '../lib/format.ts';
import { useDisplay } from './store.ts';

/** Each counter's state in words (never colour alone), and the people waiting per service. */
export function CounterBoard() {
  const { t, i18n } = useTranslation('display');
  const hall = useDisplay((s) => s.hall);
  const queue = useDisplay((s) => s.queue);
  if (!hall) return null;
  const tz = hall.settings.timeZone;
  // A called customer is still on the way: the board says so until the clerk starts serving.
  const held = new Map(
    [...(queue?.called ?? []), ...(queue?.serving ?? [])].map((tk) => [
      tk.id,
      t(tk.status === 'called' ? 'calling' : 'serving', { number: tk.number }),
    ]),
  );
  const en = i18n.language === 'en';
  return (
    <div className="board">
      <section aria-label={t('counters')}>
        <h2>{t('counters')}</h2>
        <ul className="counter-list">
          {hall.counters.map((c) => (
            <li key={c.counterNo} className={`counter-row ${c.status}`}>
              <span className="counter-name">{t('counterShort', { counterNo: c.counterNo })}</span>
              <span className="counter-state">
                {c.status === 'closed'
                  ? t('closed')
                  : c.status === 'away'
                    ? t('away', {
                        reason: c.awayReason ?? '',
                        time: c.returnAt ? formatClock(c.returnAt, i18n.language, tz) : '—',
                      })
                    : ((c.ticketId ? held.get(c.ticketId) : undefined) ?? t('idle'))}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label={t('waitingTitle')}>
        <h2>{t('waitingTitle')}</h2>
        <ul className="waiting-list">
          {hall.services.map((s) => (
            <li key={s.code}>
              <span>{en ? s.nameEn : s.name}</span>
              <span className="waiting-count">{t('waitingCount', { count: s.waiting })}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
