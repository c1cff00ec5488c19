import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Typing the code the clerk's counter shows (评价器配对码) pairs this screen with that counter. */
export function PairForm({
  onPair,
  error,
}: {
  onPair: (code: string) => Promise<void>;
  error: string | null;
}) {
  const { t } = useTranslation('customer');
  const [code, setCode] = useState('');
  return (
    <main className="public customer">
      <h1>{t('pairTitle')}</h1>
      <p>{t('pairExplain')}</p>
      <form
        className="pair-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onPair(code);
        }}
      >
        <label htmlFor="pair-code">{t('pairCode')}</label>
        <input id="pair-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        <button type="submit" className="big-button">
          {t('pair')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="kiosk-error">
          {error}
        </p>
      ) : null}
    </main>
  );
}
