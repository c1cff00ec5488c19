import { useTranslation } from 'react-i18next';
import type { ServiceViewT } from '../../../shared/api/schemas.ts';
import { useKiosk } from './store.ts';

/**
 * First things first on a portrait touch screen: the priority choice (which must be made before a
 * service is pressed), then one large button per service filling the rest of the screen.
 */
export function ServiceButtons() {
  const { t } = useTranslation('kiosk');
  const hall = useKiosk((s) => s.hall);
  const priority = useKiosk((s) => s.priority);
  const busy = useKiosk((s) => s.busy);
  const error = useKiosk((s) => s.error);
  const { take, setPriority } = useKiosk.getState();
  if (!hall) return <p className="kiosk-message">{t('loading')}</p>;

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
      <section className="kiosk-step" aria-labelledby="kiosk-step-priority">
        <h2 className="kiosk-prompt" id="kiosk-step-priority">
          {t('stepPriority')}
        </h2>
        <label className={`priority-toggle${priority ? ' on' : ''}`}>
          <input type="checkbox" checked={priority} onChange={(e) => setPriority(e.target.checked)} />
          <span className="priority-title">{t('priorityTitle')}</span>
          <span className="priority-explain">{t('priorityExplain')}</span>
          <span className="priority-state">{priority ? t('priorityOn') : t('priorityOff')}</span>
        </label>
      </section>
      <section className="kiosk-step kiosk-services" aria-labelledby="kiosk-step-service">
        <h2 className="kiosk-prompt" id="kiosk-step-service">
          {t('choose')}
        </h2>
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
              <ServiceLabel service={s} />
            </button>
          ))}
        </div>
      </section>
    </>
  );
}

function ServiceLabel({ service: s }: { service: ServiceViewT }) {
  const { t, i18n } = useTranslation('kiosk');
  const en = i18n.language === 'en';
  return (
    <>
      <span className="service-prefix" aria-hidden="true">
        {s.prefix}
      </span>
      <span className="service-name">{en ? s.nameEn : s.name}</span>
      <span className="service-name-alt">{en ? s.name : s.nameEn}</span>
      {!s.open ? (
        <span className="service-wait closed">{t('serviceClosed')}</span>
      ) : !s.counterOpen ? (
        // No open counter serves it: no estimate would be honest (the duty manager is alerted).
        <span className="service-wait closed">{t('noCounter')}</span>
      ) : (
        <span className="service-wait">
          <span className="nowrap">{t('waiting', { count: s.waiting })}</span>
          {s.waiting > 0 ? (
            <>
              {' · '}
              <span className="nowrap">{t('estimate', { count: s.estimatedWaitMinutes })}</span>
            </>
          ) : null}
        </span>
      )}
    </>
  );
}
