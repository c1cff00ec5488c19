import { useTranslation } from 'react-i18next';
import type { RatingLevel } from '../../../shared/ratings/levels.ts';

/** R-EVAL-1: one big button per level, best first, each with its word (never colour alone). */
export function RatingButtons({
  levels,
  keys,
  disabled,
  onPress,
}: {
  levels: readonly RatingLevel[];
  keys?: readonly string[];
  disabled: boolean;
  onPress: (level: RatingLevel) => void;
}) {
  const { t } = useTranslation('customer');
  return (
    <div className="rating-buttons" role="group" aria-label={t('rateTitle')}>
      {levels.map((level, i) => (
        <button
          key={level}
          type="button"
          className={`rating-button rating-${level}`}
          data-level={level}
          disabled={disabled}
          onClick={() => onPress(level)}
        >
          <Face level={level} />
          <span>{t(`level_${level}`)}</span>
          {keys?.[i] ? <span className="rating-key">{t('keyHint', { key: keys[i] })}</span> : null}
        </button>
      ))}
    </div>
  );
}

/** Faces drawn, not emoji: a hall PC may have no emoji font (they showed as empty boxes). */
const MOUTHS: Record<RatingLevel, string> = {
  very_satisfied: 'M7 13.5 Q12 20 17 13.5',
  satisfied: 'M8 14.5 Q12 17.5 16 14.5',
  fair: 'M8 15.5 H16',
  dissatisfied: 'M8 17 Q12 13.5 16 17',
  very_dissatisfied: 'M7 18 Q12 11.5 17 18',
};

function Face({ level }: { level: RatingLevel }) {
  return (
    <svg className="rating-face" viewBox="0 0 24 24" width="80" height="80" aria-hidden="true">
      <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
      <path d={MOUTHS[level]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
