import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from '../lib/ConnectionBanner.tsx';
import { NotPaired } from '../lib/NotPaired.tsx';
import { connectLive } from '../lib/live.ts';
import { getToken, takeTokenFromHash } from '../lib/token.ts';
import { LanguageButton } from '../lib/LanguageButton.tsx';
import { formatClock } from '../lib/format.ts';
import { useNow } from '../lib/useNow.ts';
import { useKiosk } from './store.ts';
import { ServiceButtons } from './ServiceButtons.tsx';
import { TicketDone } from './TicketDone.tsx';

/** A customer who walks away mid-choice: after this long untouched the kiosk is idle again. */
const IDLE_AFTER_MS = 60_000;

export default function KioskApp() {
  const { t, i18n } = useTranslation(['kiosk', 'common']);
  const token = useKiosk((s) => s.token);
  const hall = useKiosk((s) => s.hall);
  const status = useKiosk((s) => s.status);
  const ticket = useKiosk((s) => s.ticket);
  const now = useNow(10_000);

  useEffect(() => {
    takeTokenFromHash('kiosk');
    useKiosk.setState({ token: getToken('kiosk') });
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => useKiosk.getState().done(), IDLE_AFTER_MS);
    };
    touched();
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
    };
  }, []);

  useEffect(() => {
    if (!token) return;
    const { refresh, setStatus } = useKiosk.getState();
    void refresh();
    return connectLive({
      token,
      onEvent: () => void refresh(),
      onStatus: (s) => {
        setStatus(s);
        if (s === 'open') void refresh();
      },
    });
  }, [token]);

  if (!token) return <NotPaired surface="kiosk" />;

  const tz = hall?.settings.timeZone ?? 'Asia/Shanghai';
  return (
    <main className="public kiosk">
      <ConnectionBanner status={status} />
      <header className="kiosk-header">
        <div>
          <h1>{hall?.name ?? t('common:appName')}</h1>
          {hall?.demo ? <span className="demo-badge">{t('common:demo')}</span> : null}
        </div>
        <div className="kiosk-clock" aria-label={t('clock')}>
          {formatClock(now, i18n.language, tz)}
        </div>
        <LanguageButton />
      </header>
      {ticket ? <TicketDone /> : <ServiceButtons />}
    </main>
  );
}
