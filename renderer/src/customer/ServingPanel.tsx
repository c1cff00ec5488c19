import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../shared/customer/screen.ts';
import { yuan } from '../../../shared/money/amounts.ts';

/**
 * While serving (R-SCR-1): the business and its steps with where the customer is; the complete list
 * of required materials with the missing ones marked (R-FR-3); the acceptance notice with the promised
 * date (R-FR-4); the amounts while paying (R-CASH-1). The lists and the notice print on their own.
 */
export function ServingPanel({ view, lang }: { view: CustomerView; lang: 'zh' | 'en' }) {
  const { t } = useTranslation('customer');
  const live = view.live!;
  const service = view.service;
  const guide = service?.guide ?? null;
  const name = service ? (lang === 'en' ? service.nameEn : service.name) : '';
  const missing = new Set(live.missing ?? []);
  return (
    <section className="customer-serving">
      <h2>
        {t('yourTicket', { number: live.ticket!.number })} · {name}
      </h2>
      {live.cash ? (
        <div className="cash-board" role="status" aria-live="polite">
          <div data-amount="due">
            <span>{t('due')}</span>
            <strong>{yuan(live.cash.dueFen)}</strong>
          </div>
          <div data-amount="received">
            <span>{t('received')}</span>
            <strong>{yuan(live.cash.receivedFen)}</strong>
          </div>
          <div data-amount="change">
            <span>{t('change')}</span>
            <strong>{yuan(live.cash.changeFen)}</strong>
          </div>
        </div>
      ) : null}
      {guide ? (
        <ol className="steps" aria-label={t('stepsTitle')}>
          {guide.steps.map((s, i) => (
            <li
              key={i}
              className={i < live.step ? 'step done' : i === live.step ? 'step current' : 'step'}
              aria-current={i === live.step ? 'step' : undefined}
            >
              <span className="step-state">
                {i < live.step ? t('stepDone') : i === live.step ? t('stepNow') : t('stepNext')}
              </span>
              {lang === 'en' ? s.en : s.zh}
            </li>
          ))}
        </ol>
      ) : null}
      {guide && guide.materials.length > 0 ? (
        <div className="materials printable">
          <h3>{t('materialsTitle', { service: name })}</h3>
          <ul>
            {guide.materials.map((m, i) => (
              <li key={i} className={missing.has(i) ? 'material missing' : 'material'}>
                <span className="material-state">
                  {live.missing === null ? '·' : missing.has(i) ? t('missing') : t('present')}
                </span>
                {lang === 'en' ? m.en : m.zh}
              </li>
            ))}
          </ul>
          {missing.size > 0 ? (
            <p className="materials-note">{t('missingNote', { count: missing.size })}</p>
          ) : null}
        </div>
      ) : null}
      {live.accepted ? (
        <div className="acceptance printable" aria-live="polite">
          <h3>{t('acceptedTitle')}</h3>
          <p>{t('acceptedBody', { service: name, number: live.ticket!.number })}</p>
          <p className="promised">{t('promised', { day: live.accepted.promisedDay })}</p>
        </div>
      ) : null}
      {(guide && guide.materials.length > 0) || live.accepted ? (
        <button type="button" className="lang-button print-button" onClick={() => window.print()}>
          {t('print')}
        </button>
      ) : null}
    </section>
  );
}
