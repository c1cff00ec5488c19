import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PaymentMethod, yuan } from '../../../../shared/money/amounts.ts';
import type { Fee } from '../../../../shared/money/fees.ts';
import { YuanField } from '../../lib/YuanInput.tsx';

/** R-FEE-1: items only from the schedule in force, each with a whole quantity. */
export function FeeLines({ fees }: { fees: Fee[] }) {
  const { t, i18n } = useTranslation('money');
  return (
    <Form.List name="fees">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" style={{ display: 'flex' }}>
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
              <Button onClick={() => remove(field.name)}>{t('remove')}</Button>
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ qty: 1 })}>
            {t('addFee')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** A utility bill paid by its account number and amount. */
export function BillLines() {
  const { t } = useTranslation('money');
  return (
    <Form.List name="bills">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" style={{ display: 'flex' }}>
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
              <Button onClick={() => remove(field.name)}>{t('remove')}</Button>
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({})}>
            {t('addBill')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** How the customer pays: one or more methods; a card, scan or cheque with its reference number. */
export function PaymentRows() {
  const { t } = useTranslation('money');
  return (
    <Form.List name="payments">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" style={{ display: 'flex' }}>
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
                    <Form.Item
                      name={[field.name, 'reference']}
                      rules={[{ required: true, whitespace: true, max: 40, message: t('referenceRule') }]}
                    >
                      <Input aria-label={t('referenceOf', { n: i + 1 })} placeholder={t('referenceHint')} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              {fields.length > 1 ? <Button onClick={() => remove(field.name)}>{t('remove')}</Button> : null}
            </Space>
          ))}
          {fields.length < 5 ? (
            <Button type="dashed" onClick={() => add({ method: 'card' })}>
              {t('addPayment')}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
}
