import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicScreen, usePublicDevice } from '../lib/PublicScreen.tsx';
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
  const device = usePublicDevice('kiosk', useKiosk);
  const ticket = useKiosk((s) => s.ticket);
  const now = useNow(10_000);

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

  const { hall } = device;
  const tz = hall?.settings.timeZone ?? 'Asia/Shanghai';
  return (
    <PublicScreen surface="kiosk" device={device}>
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
    </PublicScreen>
  );
}
