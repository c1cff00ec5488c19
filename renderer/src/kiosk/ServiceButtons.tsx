import { useTranslation } from 'react-i18next';
import { useKiosk } from './store.ts';

/** One large button per service with its live waiting count and estimated wait. */
export function ServiceButtons() {
  const { t, i18n } = useTranslation('kiosk');
  const hall = useKiosk((s) => s.hall);
  const priority = useKiosk((s) => s.priority);
  const busy = useKiosk((s) => s.busy);
  const error = useKiosk((s) => s.error);
  const { take, setPriority } = useKiosk.getState();
  if (!hall) return <p className="kiosk-message">{t('loading')}</p>;
  const en = i18n.language === 'en';

  if (!hall.issuing) {
    return (
      <section className="kiosk-closed" role="status">
        <h2>
          {hall.open
            ? t('outsideHours', { open: hall.settings.openingTime, close: hall.settings.closingTime })
            : t('hallClosed')}
        </h2>
        <p>{t('closedWaitingServed')}</p>
      </section>
    );
  }

  return (
    <>
      <h2 className="kiosk-prompt">{t('choose')}</h2>
      {error ? (
        <p className="kiosk-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="service-grid">
        {hall.services.map((s) => (
          <button
            key={s.code}
            type="button"
            className="service-button"
            disabled={!s.open || busy}
            onClick={() => void take(s.code)}
          >
            <span className="service-prefix" aria-hidden="true">
              {s.prefix}
            </span>
            <span className="service-name">{en ? s.nameEn : s.name}</span>
            <span className="service-name-alt">{en ? s.name : s.nameEn}</span>
            {s.open ? (
              <span className="service-wait">
                <span className="nowrap">{t('waiting', { count: s.waiting })}</span>
                {s.waiting > 0 ? (
                  <>
                    {' · '}
                    <span className="nowrap">{t('estimate', { count: s.estimatedWaitMinutes })}</span>
                  </>
                ) : null}
              </span>
            ) : (
              <span className="service-wait closed">{t('serviceClosed')}</span>
            )}
          </button>
        ))}
      </div>
      <label className={`priority-toggle${priority ? ' on' : ''}`}>
        <input type="checkbox" checked={priority} onChange={(e) => setPriority(e.target.checked)} />
        <span className="priority-title">{t('priorityTitle')}</span>
        <span className="priority-explain">{t('priorityExplain')}</span>
        <span className="priority-state">{priority ? t('priorityOn') : t('priorityOff')}</span>
      </label>
    </>
  );
}
