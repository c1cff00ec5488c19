import { useTranslation } from 'react-i18next';

/** What a public screen (kiosk or display) shows before it has a device token. */
export function NotPaired({ surface }: { surface: 'kiosk' | 'display' }) {
  const { t } = useTranslation();
  return (
    <main className={`public ${surface}`}>
      <h1>{t('common:appName')}</h1>
      <p className="kiosk-message">{t('common:notPaired')}</p>
    </main>
  );
}
