import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import type { FormListFieldData } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PaymentMethod, yuan } from '../../../../shared/money/amounts.ts';
import type { Fee } from '../../../../shared/money/fees.ts';
import { YuanField } from '../../lib/YuanInput.tsx';
import { requiredText } from '../../lib/formRules.ts';

/**
 * A form list of rows, each with its remove button (kept while more than `min` rows), and the add
 * button below (while fewer than `max`).
 */
function RowList(props: {
  name: string;
  addLabel: string;
  newRow: Record<string, unknown>;
  min?: number;
  max?: number;
  row: (field: FormListFieldData, index: number) => ReactNode;
}) {
  const { t } = useTranslation('money');
  const { min = 0, max = Infinity } = props;
  return (
    <Form.List name={props.name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" style={{ display: 'flex' }}>
              {props.row(field, i)}
              {fields.length > min ? <Button onClick={() => remove(field.name)}>{t('remove')}</Button> : null}
            </Space>
          ))}
          {fields.length < max ? (
            <Button type="dashed" onClick={() => add(props.newRow)}>
              {props.addLabel}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
}

/** R-FEE-1: items only from the schedule in force, each with a whole quantity. */
export function FeeLines({ fees }: { fees: Fee[] }) {
  const { t, i18n } = useTranslation('money');
  return (
    <RowList
      name="fees"
      addLabel={t('addFee')}
      newRow={{ qty: 1 }}
      row={(field, i) => (
        <>
          <Form.Item
            name={[field.name, 'feeCode']}
            rules={[{ required: true, message: t('feeRequired') }]}
            style={{ width: 360 }}
          >
            <Select
              aria-label={t('feeItem', { n: i + 1 })}
              placeholder={t('feePick')}
              options={fees.map((f) => ({
                value: f.code,
                label: `${f.code} ${i18n.language === 'en' ? f.nameEn : f.name} · ${yuan(f.priceFen)}/${f.unit}`,
              }))}
            />
          </Form.Item>
          <Form.Item name={[field.name, 'qty']} rules={[{ required: true, message: t('qtyRequired') }]}>
            <InputNumber
              aria-label={t('qtyOf', { n: i + 1 })}
              min={1}
              max={9999}
              precision={0}
              addonBefore={t('qty')}
            />
          </Form.Item>
        </>
      )}
    />
  );
}

/** A utility bill paid by its account number and amount. */
export function BillLines() {
  const { t } = useTranslation('money');
  return (
    <RowList
      name="bills"
      addLabel={t('addBill')}
      newRow={{}}
      row={(field, i) => (
        <>
          <Form.Item
            name={[field.name, 'account']}
            rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,32}$/, message: t('accountRule') }]}
          >
            <Input
              aria-label={t('accountOf', { n: i + 1 })}
              placeholder={t('account')}
              style={{ width: 220 }}
            />
          </Form.Item>
          <YuanField
            name={[field.name, 'amount']}
            ariaLabel={t('billAmountOf', { n: i + 1 })}
            placeholder={t('billAmount')}
          />
        </>
      )}
    />
  );
}

/** How the customer pays: one or more methods; a card, scan or cheque with its reference number. */
export function PaymentRows() {
  const { t } = useTranslation('money');
  return (
    <RowList
      name="payments"
      addLabel={t('addPayment')}
      newRow={{ method: 'card' }}
      min={1}
      max={5}
      row={(field, i) => (
        <>
          <Form.Item name={[field.name, 'method']} rules={[{ required: true }]}>
            <Select
              aria-label={t('methodOf', { n: i + 1 })}
              style={{ width: 140 }}
              options={PaymentMethod.options.map((m) => ({ value: m, label: t(`method_${m}`) }))}
            />
          </Form.Item>
          <YuanField
            name={[field.name, 'amount']}
            ariaLabel={t('paidOf', { n: i + 1 })}
            placeholder={t('paidAmount')}
          />
          <Form.Item noStyle dependencies={[['payments', field.name, 'method']]}>
            {({ getFieldValue }) =>
              getFieldValue(['payments', field.name, 'method']) === 'cash' ? null : (
                <Form.Item name={[field.name, 'reference']} rules={requiredText(t('referenceRule'), 40)}>
                  <Input aria-label={t('referenceOf', { n: i + 1 })} placeholder={t('referenceHint')} />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      )}
    />
  );
}
