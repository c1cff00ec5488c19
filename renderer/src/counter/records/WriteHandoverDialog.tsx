import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandoverItem, HandoverItemInput } from '../../../../shared/handover/model.ts';
import { countsOf, DenominationFields, type Pieces } from '../../lib/DenominationFields.tsx';
import { FormDialog } from '../../lib/FormDialog.tsx';
import { YuanField } from '../../lib/YuanInput.tsx';
import { parseYuan } from '../../lib/yuan.ts';
import { ItemDetail, RangeFields, useKindLabel } from '../../records/HandoverItems.tsx';
import type { CaseRowT } from '../../cases/caseClient.ts';
import { requiredText } from '../../lib/formRules.ts';

interface ItemForm {
  kind: string;
  text?: string;
  pieces?: Pieces;
  amount?: string;
  from?: string;
  to?: string;
  caseId?: string;
}

/** Each form item as the route takes it: cash by denomination, a cheque's amount, an invoice range. */
function itemOf(f: ItemForm): HandoverItemInput {
  const item: HandoverItemInput = { kind: f.kind, text: (f.text ?? '').trim() };
  if (f.kind === 'cash') item.counts = countsOf(f.pieces);
  if (f.kind === 'cheque' && f.amount) item.amountFen = parseYuan(f.amount) ?? 0;
  if (f.kind === 'invoice') item.range = { from: (f.from ?? '').trim(), to: (f.to ?? '').trim() };
  if (f.caseId) item.caseId = f.caseId;
  return item;
}

/**
 * 写交接班 (R-HAND-1, R-HAND-2): the outgoing clerk adds items from the handover list — cash counted
 * by denomination, work orders, cheques with their amount, invoices by number range, keys and tools,
 * open matters linked to their open cases. What the last handover left unresolved comes first, carried
 * over by the node itself.
 */
export function WriteHandoverDialog({
  kinds,
  carryOver,
  cases,
  onSubmit,
  onClose,
}: {
  kinds: string[];
  carryOver: HandoverItem[];
  cases: CaseRowT[];
  onSubmit: (items: HandoverItemInput[]) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation('records');
  const kindLabel = useKindLabel();
  const [form] = Form.useForm<{ items?: ItemForm[] }>();
  const items = Form.useWatch('items', form) ?? [];
  return (
    <FormDialog<{ items?: ItemForm[] }>
      name="handoverWrite"
      width={760}
      title={t('writeTitle')}
      okText={t('writeSubmit')}
      form={form}
      initialValues={{ items: [] }}
      onClose={onClose}
      onSubmit={(v) => onSubmit((v.items ?? []).map(itemOf))}
    >
      {carryOver.length ? (
        <Card
          size="small"
          title={t('carryOverTitle', { count: carryOver.length })}
          style={{ marginBottom: 12 }}
        >
          {carryOver.map((c, i) => (
            <div key={i} data-carried>
              {kindLabel(c.kind)}：{c.text} <ItemDetail item={c} />
            </div>
          ))}
        </Card>
      ) : null}
      <Typography.Paragraph type="secondary">{t('addItemHint')}</Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              {kinds.map((k) => (
                <Button key={k} onClick={() => add({ kind: k })}>
                  ＋{kindLabel(k)}
                </Button>
              ))}
            </Space>
            {fields.map((field, i) => {
              const kind = items[i]?.kind ?? '';
              const n = i + 1;
              return (
                <Card
                  key={field.key}
                  size="small"
                  title={`${n}. ${kindLabel(kind)}`}
                  extra={
                    <Button size="small" danger onClick={() => remove(field.name)}>
                      {t('removeItem')}
                    </Button>
                  }
                  style={{ marginBottom: 12 }}
                >
                  {/* Registered, so the watched items carry each one's kind. */}
                  <Form.Item name={[field.name, 'kind']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'text']}
                    label={t('itemText')}
                    rules={requiredText(t('textRequired'))}
                  >
                    <Input maxLength={500} aria-label={t('itemTextOf', { n })} />
                  </Form.Item>
                  {kind === 'cash' ? (
                    <DenominationFields
                      name={[field.name, 'pieces']}
                      label={t('cashCounts')}
                      prefix={t('itemPrefix', { n })}
                    />
                  ) : null}
                  {kind === 'cheque' ? (
                    <YuanField
                      name={[field.name, 'amount']}
                      label={t('chequeAmount')}
                      ariaLabel={t('chequeAmountOf', { n })}
                    />
                  ) : null}
                  {kind === 'invoice' ? <RangeFields base={[field.name]} n={n} /> : null}
                  {kind === 'open_matter' && cases.length ? (
                    <Form.Item name={[field.name, 'caseId']} label={t('linkCase')}>
                      <Select
                        allowClear
                        aria-label={t('linkCaseOf', { n })}
                        options={cases.map((c) => ({ value: c.id, label: `#${c.no} ${c.summary}` }))}
                      />
                    </Form.Item>
                  ) : null}
                </Card>
              );
            })}
          </>
        )}
      </Form.List>
    </FormDialog>
  );
}
