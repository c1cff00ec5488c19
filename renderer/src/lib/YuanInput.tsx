import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NamePath } from 'antd/es/form/interface';
import { parseYuan } from './yuan.ts';

/**
 * A money field typed in yuan and kept as the text typed; `parseYuan` turns it into fen when the form is
 * sent, so the amount is exact. `min`: the least amount in fen (1 by default: no zero payments).
 */
export function YuanField({
  name,
  label,
  ariaLabel,
  placeholder,
  min = 1,
  required = true,
  size,
  extra,
}: {
  name: NamePath;
  /** Shown above the field; a field in a row has only its `ariaLabel` and placeholder. */
  label?: string;
  ariaLabel?: string;
  placeholder?: string;
  min?: number;
  required?: boolean;
  size?: 'large';
  extra?: ReactNode;
}) {
  const { t } = useTranslation('money');
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        {
          validator: async (_rule, value: string | undefined) => {
            if (!value?.trim()) {
              if (required) throw new Error(t('amountRequired'));
              return;
            }
            const fen = parseYuan(value);
            if (fen === null) throw new Error(t('amountRule'));
            if (fen < min) throw new Error(t('amountMin'));
          },
        },
      ]}
    >
      <Input
        prefix="¥"
        inputMode="decimal"
        autoComplete="off"
        aria-label={ariaLabel ?? label}
        placeholder={placeholder}
        size={size}
      />
    </Form.Item>
  );
}
