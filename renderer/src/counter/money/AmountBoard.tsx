import { useTranslation } from 'react-i18next';
import { yuan } from '../../../../shared/money/amounts.ts';

/**
 * R-CASH-1 (唱收唱付): amount due, received and change, large enough to read out to the customer.
 * A shortfall shows in red as what is still owed.
 */
export function AmountBoard({ dueFen, receivedFen }: { dueFen: number; receivedFen: number }) {
  const { t } = useTranslation('money');
  const short = receivedFen < dueFen;
  const cells = [
    { key: 'due', label: t('due'), value: yuan(dueFen), color: '#0a4b8c' },
    { key: 'received', label: t('received'), value: yuan(receivedFen), color: '#1f1f1f' },
    short
      ? { key: 'owed', label: t('stillOwed'), value: yuan(dueFen - receivedFen), color: '#c41d1d' }
      : { key: 'change', label: t('change'), value: yuan(receivedFen - dueFen), color: '#135200' },
  ];
  return (
    <div
      role="status"
      aria-live="polite"
      className="amount-board"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 12, margin: '8px 0 16px' }}
    >
      {cells.map((c) => (
        <div
          key={c.key}
          data-amount={c.key}
          style={{
            border: `2px solid ${c.color}`,
            borderRadius: 8,
            padding: '8px 12px',
            textAlign: 'center',
          }}
        >
          <div style={{ fontSize: 18, color: c.color }}>{c.label}</div>
          <div style={{ fontSize: 40, fontWeight: 800, color: c.color, fontVariantNumeric: 'tabular-nums' }}>
            {c.value}
          </div>
        </div>
      ))}
    </div>
  );
}
