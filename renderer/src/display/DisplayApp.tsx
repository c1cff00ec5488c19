import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../shared/queue/model.ts';
import { PublicScreen, usePublicDevice } from '../lib/PublicScreen.tsx';
import { formatClock, formatDate } from '../lib/format.ts';
import { useNow } from '../lib/useNow.ts';
import { Announcer, type AnnouncerState } from './announcer.ts';
import { useDisplay } from './store.ts';
import { CounterBoard } from './CounterBoard.tsx';

/** Events after which a ticket is no longer the call at its counter. */
const WITHDRAWN = ['ticket.no_show', 'ticket.transferred', 'ticket.parked', 'ticket.cancelled'];

export default function DisplayApp() {
  const { t, i18n } = useTranslation(['display', 'common']);
  const announcer = useMemo(() => new Announcer(), []);
  // A call is announced (in English too when the hall says so); a ticket that leaves its counter
  // leaves the board. The display then reads the hall and queue again.
  const device = usePublicDevice('display', useDisplay, (e) => {
    if ((e.type === 'ticket.called' || e.type === 'ticket.recalled') && 'ticket' in e) {
      const call = useDisplay.getState().called(e.ticket as Ticket, e.type === 'ticket.recalled', e.at);
      if (call) {
        const english = useDisplay.getState().hall?.settings.announceEnglish ?? false;
        announcer.announce({
          number: call.number,
          counterNo: call.counterNo,
          recall: call.recall,
          lang: 'zh-CN',
        });
        if (english)
          announcer.announce({
            number: call.number,
            counterNo: call.counterNo,
            recall: call.recall,
            lang: 'en',
          });
      }
    } else if (WITHDRAWN.includes(e.type) && 'ticket' in e) {
      useDisplay.getState().withdrawn((e.ticket as Ticket).id);
    }
  });
  const calls = useDisplay((s) => s.calls);
  const [sound, setSound] = useState<AnnouncerState>('loading');
  const now = useNow(1000);

  useEffect(() => {
    (window as unknown as { announcer: Announcer }).announcer = announcer;
    const off = announcer.onState(setSound);
    // The unattended self-test: a quiet chime at start, or a notice when the browser blocks sound.
    void announcer
      .selfTest()
      .then((r) => setSound(r.ok ? 'ready' : r.reason === 'autoplay-blocked' ? 'blocked' : 'failed'));
    return off;
  }, [announcer]);

  const { hall } = device;
  const tz = hall?.settings.timeZone ?? 'Asia/Shanghai';
  const latest = calls[0];
  return (
    <PublicScreen
      surface="display"
      device={device}
      onClick={() => sound === 'blocked' && void announcer.unlock()}
    >
      <header className="display-header">
        <h1>
          {hall?.name ?? ''} {hall?.demo ? <span className="demo-badge">{t('common:demo')}</span> : null}
        </h1>
        <div className="display-date">{formatDate(now, i18n.language, tz)}</div>
        <div className="display-clock">{formatClock(now, i18n.language, tz)}</div>
      </header>
      {sound === 'blocked' ? (
        // Customers get a calm hint; staff get what to do, without command-line detail (that is on
        // the manager screen, Devices).
        <div className="sound-notice" role="status">
          <p className="sound-notice-public">{t('soundBlocked')}</p>
          <p className="sound-notice-staff">{t('soundBlockedStaff')}</p>
        </div>
      ) : null}
      <section className="latest-call" aria-live="assertive" aria-label={t('latest')}>
        {latest ? (
          <>
            {latest.recall ? <span className="recall-tag">{t('recall')}</span> : null}
            <span className="latest-number">{latest.number}</span>
            <span className="latest-arrow">{t('goTo', { counterNo: latest.counterNo })}</span>
          </>
        ) : (
          <span className="latest-empty">{t('noCalls')}</span>
        )}
      </section>
      <div className="display-body">
        <section className="recent-calls" aria-label={t('recent')}>
          <h2>{t('recent')}</h2>
          {calls.length <= 1 ? <p className="recent-empty">{t('noRecent')}</p> : null}
          <ol>
            {calls.slice(1).map((c) => (
              <li key={c.ticketId}>
                <span className="recent-number">{c.number}</span>
                <span className="recent-counter">{t('counterShort', { counterNo: c.counterNo })}</span>
              </li>
            ))}
          </ol>
        </section>
        <CounterBoard />
      </div>
    </PublicScreen>
  );
}
