import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingLevel } from '../../../shared/ratings/levels.ts';
import { levelsFor } from '../../../shared/ratings/levels.ts';
import { resetLanguage } from '../i18n/index.ts';
import { LanguageButton } from '../lib/LanguageButton.tsx';
import { PairForm } from '../customer/PairForm.tsx';
import { RatingButtons } from '../customer/RatingButtons.tsx';
import { usePairedScreen } from '../customer/screenClient.ts';
import { useCounterView } from '../customer/useCounterView.ts';

const THANKS_MS = 5_000;

/** The standalone rating tablet of one counter (R-EVAL-1): active only while a request is open. */
export default function PadApp() {
  const { t } = useTranslation('customer');
  const screen = usePairedScreen('pad');
  const { api, token, counterNo } = screen;
  // The open request comes with the counter's view on the live socket (polled only while it is down).
  const { view, setView } = useCounterView(screen);
  const request = view?.rating ?? null;
  const [thanks, setThanks] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!thanks) return;
    const timer = setTimeout(() => setThanks(false), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanks]);
  useEffect(() => {
    if (!request && !thanks) resetLanguage();
  }, [request, thanks]);

  if (!token || counterNo === null) return <PairForm onPair={screen.pair} error={screen.error} />;
  const press = async (level: RatingLevel) => {
    if (!request) return;
    try {
      await api.recordRating({ body: { requestId: request.requestId, level, source: 'pad' } });
      setThanks(true);
      setError(null);
      setView((v) => (v ? { ...v, rating: null } : v));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <main className="public customer pad" data-state={thanks ? 'thanks' : request ? 'rating' : 'idle'}>
      <header className="customer-header">
        <h1>{t('padTitle', { no: counterNo })}</h1>
        <LanguageButton />
      </header>
      {thanks ? (
        <section className="rating-thanks" aria-live="polite">
          <h2>{t('thanks')}</h2>
        </section>
      ) : (
        <section className="rating-panel" aria-live="polite">
          <h2>{request ? t('rateTitle') : t('padIdle')}</h2>
          <RatingButtons
            levels={request?.levels ?? levelsFor(4)}
            disabled={!request}
            onPress={(level) => void press(level)}
          />
        </section>
      )}
      {error ? (
        <p role="alert" className="customer-notice-error">
          {error}
        </p>
      ) : null}
    </main>
  );
}
