import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../shared/customer/screen.ts';
import { levelsFor, type RatingLevel } from '../../../shared/ratings/levels.ts';
import { keyToLevel } from '../../../shared/ratings/machine.ts';
import { resetLanguage } from '../i18n/index.ts';
import { LanguageButton } from '../lib/LanguageButton.tsx';
import { formatClock } from '../lib/format.ts';
import { PairForm } from './PairForm.tsx';
import { RatingButtons } from './RatingButtons.tsx';
import { usePairedScreen } from './screenClient.ts';
import { ServingPanel } from './ServingPanel.tsx';
import { useCounterView } from './useCounterView.ts';

/** How long the thanks stay after a press. */
const THANKS_MS = 5_000;

/**
 * The counter's second display (R-SCR-1): the clerk when idle, the business and its steps while
 * serving, the amounts while paying (R-CASH-1), the away sign (R-AWAY-1), and the rating (R-EVAL-1).
 * A USB keypad typing into this window rates too, only while a request is open.
 */
export default function CustomerApp() {
  const { t, i18n } = useTranslation('customer');
  const screen = usePairedScreen('customer');
  // R-SCR-1: pushed on the live socket; read every 700 ms only while the socket is down.
  const { view, setView, offline, now } = useCounterView(screen);
  const [thanks, setThanks] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { api, counterNo, token } = screen;

  const idle = !view?.live?.ticket && !view?.rating && thanks === null;
  useEffect(() => {
    if (idle) resetLanguage();
  }, [idle]);
  useEffect(() => {
    if (thanks === null) return;
    const timer = setTimeout(() => setThanks(null), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanks]);

  const press = async (level: RatingLevel, source: 'customer' | 'keypad') => {
    const requestId = view?.rating?.requestId;
    try {
      await api.recordRating({ body: { ...(requestId ? { requestId } : {}), level, source } });
      setThanks(Date.now());
      setNotice(null);
      setView((v) => (v ? { ...v, rating: null } : v));
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    }
  };
  const pressRef = useRef(press);
  pressRef.current = press;

  // R-EVAL-1: the keypad's keys name levels only while a request is open. A key outside one is sent
  // without a request, so the node counts it as misuse rather than the screen hiding it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!view || e.target instanceof HTMLInputElement) return;
      const levels = view.rating?.levels ?? levelsFor(view.levelCount);
      const keys = view.rating?.keys ?? ['1', '2', '3', '4', '5'];
      const level = keyToLevel(e.key, keys, levels, view.rating !== null);
      if (level) void pressRef.current(level, 'keypad');
      else if (view.rating === null && keys.slice(0, levels.length).includes(e.key))
        void pressRef.current(levels[0]!, 'keypad');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view]);

  if (!token || counterNo === null) return <PairForm onPair={screen.pair} error={screen.error} />;
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const state = view?.live?.away
    ? 'away'
    : thanks !== null
      ? 'thanks'
      : view?.rating
        ? 'rating'
        : view?.live?.ticket
          ? 'serving'
          : 'idle';
  return (
    <main className="public customer" data-state={state}>
      {offline ? (
        <div className="connection-banner" role="alert">
          {t('offline')}
        </div>
      ) : null}
      <header className="customer-header">
        <h1>
          {view?.hallName ?? ''} · {t('counter', { no: counterNo })}
          {view?.demo ? <span className="demo-badge">{t('common:demo')}</span> : null}
        </h1>
        <div className="customer-clock">{view ? formatClock(now, i18n.language) : ''}</div>
        <LanguageButton />
      </header>
      {notice ? (
        <p role="alert" className="customer-notice-error">
          {notice}
        </p>
      ) : null}
      {!view ? null : state === 'away' ? (
        <section className="away-sign" aria-live="polite">
          <h2>{t('awayTitle')}</h2>
          <p>{t('awayReason', { reason: view.live!.away!.reason })}</p>
          <p className="away-return">
            {t('awayReturn', { time: formatClock(view.live!.away!.returnAt, i18n.language) })}
          </p>
        </section>
      ) : state === 'thanks' ? (
        <section className="rating-thanks" aria-live="polite">
          <h2>{t('thanks')}</h2>
          <p>{t('thanksMore')}</p>
        </section>
      ) : state === 'rating' ? (
        <section className="rating-panel" aria-live="polite">
          <h2>{t('rateTitle')}</h2>
          <p>
            {t('rateExplain', {
              seconds: Math.max(0, Math.ceil((view.rating!.expiresAt - now) / 1000)),
            })}
          </p>
          <RatingButtons
            levels={view.rating!.levels}
            keys={view.rating!.keys}
            disabled={false}
            onPress={(level) => void press(level, 'customer')}
          />
        </section>
      ) : state === 'serving' ? (
        <ServingPanel view={view} lang={lang} />
      ) : (
        <IdlePanel view={view} lang={lang} />
      )}
    </main>
  );
}

function Stars({ value }: { value: number }) {
  const { t } = useTranslation('customer');
  return (
    <span className="stars" role="img" aria-label={t('starsLabel', { value })}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span
          key={n}
          aria-hidden="true"
          className={n <= value ? 'star on' : n - 0.5 <= value ? 'star half' : 'star'}
        >
          ★
        </span>
      ))}
    </span>
  );
}

function IdlePanel({ view, lang }: { view: CustomerView; lang: 'zh' | 'en' }) {
  const { t } = useTranslation('customer');
  return (
    <section className="customer-idle">
      {view.clerk ? (
        <div className="clerk-card">
          <div
            className="clerk-photo"
            role="img"
            aria-label={t('noPhoto', { initials: view.clerk.initials })}
          >
            {view.clerk.initials}
          </div>
          <div>
            <p className="clerk-line">{t('servedBy')}</p>
            <p className="clerk-name">{view.clerk.name}</p>
            <p>{t('staffNo', { no: view.clerk.staffNo })}</p>
            {view.clerk.stars !== null ? (
              <p>
                <Stars value={view.clerk.stars} /> {t('ratedCount', { count: view.clerk.rated })}
              </p>
            ) : (
              <p>{t('noRatingsYet')}</p>
            )}
            <p className="clerk-photo-note">{t('photoNote')}</p>
          </div>
        </div>
      ) : (
        <p className="clerk-line">{t('counterClosed')}</p>
      )}
      <div className="hall-notice">
        <h2>{t('noticeTitle')}</h2>
        <p>{lang === 'en' && view.notice.en ? view.notice.en : view.notice.zh}</p>
      </div>
    </section>
  );
}
