import { Form, InputNumber } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useTranslation } from 'react-i18next';
import { DENOMINATIONS, type DenominationCounts } from '../../../shared/money/amounts.ts';

/** Pieces per denomination as a form holds them. */
export type Pieces = Partial<Record<string, number | null>>;

/** ¥100 … ¥1, ¥0.5, ¥0.1: a denomination as the note or coin says it. */
export const denominationLabel = (fen: number) => `¥${fen >= 100 ? fen / 100 : `0.${fen / 10}`}`;

/** Only the denominations counted, as whole pieces: `{"10000": 3}`. */
export function countsOf(pieces: Pieces | undefined): DenominationCounts {
  const counts: Record<string, number> = {};
  for (const d of DENOMINATIONS) {
    const n = pieces?.[String(d)];
    if (n) counts[String(d)] = n;
  }
  return counts;
}

/**
 * A quantity per note and coin (the drawer counts of shared/money/cash.ts), two columns; the form's
 * value at `name` is `Pieces`. `label` names the group for screen readers; `prefix` goes before each
 * field's own label where a form holds several counts.
 */
export function DenominationFields({
  name,
  label,
  prefix,
}: {
  name: NamePath;
  label: string;
  prefix?: string;
}) {
  const { t } = useTranslation('money');
  const base = Array.isArray(name) ? name : [name];
  return (
    <div
      role="group"
      aria-label={label}
      style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}
    >
      {DENOMINATIONS.map((d) => (
        <Form.Item
          key={d}
          name={[...base, String(d)]}
          label={denominationLabel(d)}
          labelCol={{ span: 6 }}
          wrapperCol={{ span: 18 }}
          style={{ marginBottom: 8 }}
        >
          <InputNumber
            min={0}
            max={100000}
            precision={0}
            aria-label={`${prefix ?? ''}${t('piecesOf', { denomination: denominationLabel(d) })}`}
            addonAfter={t(d >= 100 ? 'notes' : 'coins')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      ))}
    </div>
  );
}
