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
          <span className="rating-face" aria-hidden="true">
            {FACES[level]}
          </span>
          <span>{t(`level_${level}`)}</span>
          {keys?.[i] ? <span className="rating-key">{t('keyHint', { key: keys[i] })}</span> : null}
        </button>
      ))}
    </div>
  );
}

const FACES: Record<RatingLevel, string> = {
  very_satisfied: '😄',
  satisfied: '🙂',
  fair: '😐',
  dissatisfied: '🙁',
  very_dissatisfied: '😣',
};
