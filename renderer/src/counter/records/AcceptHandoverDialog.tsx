import { Card, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AcceptItem } from '../../../../shared/handover/model.ts';
import { PIN_PATTERN } from '../../../../shared/primitives.ts';
import { countsOf, DenominationFields, type Pieces } from '../../lib/DenominationFields.tsx';
import { YuanField } from '../../lib/YuanInput.tsx';
import { parseYuan } from '../../lib/yuan.ts';
import { ItemDetail, RangeFields, useKindLabel, type HandoverViewT } from '../../records/HandoverItems.tsx';
import { requiredText } from '../../lib/formRules.ts';
import { Note } from '../../lib/Note.tsx';

interface Answer {
  answer?: 'ok' | 'dispute';
  note?: string;
  pieces?: Pieces;
  amount?: string;
  from?: string;
  to?: string;
}

type Item = HandoverViewT['items'][number];

/** The incoming clerk's answer as the route takes it: their own count, amount and range on confirming. */
function answerOf(item: Item, a: Answer): AcceptItem {
  if (a.answer === 'dispute') return { index: item.index, confirmed: false, note: (a.note ?? '').trim() };
  const out: AcceptItem = { index: item.index, confirmed: true };
  if (item.counts) out.counts = countsOf(a.pieces);
  if (item.kind === 'cheque' && item.amountFen !== undefined) out.amountFen = parseYuan(a.amount ?? '') ?? -1;
  if (item.range) out.range = { from: (a.from ?? '').trim(), to: (a.to ?? '').trim() };
  return out;
}

/**
 * 逐项签收 (R-HAND-1): the incoming clerk, in their own session, answers every item — confirming
 * cash and cheques by counting them again and invoices by the range they find, or disputing it with a
 * note (it goes to the duty manager and carries over) — then signs with their PIN.
 */
export function AcceptHandoverDialog({
  handover,
  onSubmit,
  onClose,
}: {
  handover: HandoverViewT;
  onSubmit: (items: AcceptItem[], pin: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation(['records', 'common']);
  const kindLabel = useKindLabel();
  const [form] = Form.useForm<{ answers: Answer[]; pin: string }>();
  const answers = Form.useWatch('answers', form) ?? [];
  const submit = (v: { answers: Answer[]; pin: string }) =>
    onSubmit(
      handover.items.map((item, i) => answerOf(item, v.answers[i] ?? {})),
      v.pin,
    ).then(onClose, () => undefined);
  return (
    <Modal
      open
      width={760}
      title={t('acceptTitle', { name: handover.writerName, counterNo: handover.counterNo })}
      okText={t('acceptSubmit')}
      cancelText={t('common:cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit, () => undefined)}
    >
      <Note type="info" message={t('acceptHint')} />
      <Form
        name="handoverAccept"
        form={form}
        layout="vertical"
        initialValues={{ answers: handover.items.map(() => ({})) }}
      >
        {handover.items.map((item, i) => {
          const n = i + 1;
          const disputed = answers[i]?.answer === 'dispute';
          return (
            <Card
              key={item.index}
              size="small"
              data-item={n}
              title={`${n}. ${kindLabel(item.kind)}：${item.text}`}
              extra={<ItemDetail item={item} />}
              style={{ marginBottom: 12 }}
            >
              <Form.Item
                name={['answers', i, 'answer']}
                rules={[{ required: true, message: t('answerRequired') }]}
                style={{ marginBottom: 8 }}
              >
                <Radio.Group aria-label={t('answerOf', { n })}>
                  <Radio value="ok">{t('confirm')}</Radio>
                  <Radio value="dispute">{t('dispute')}</Radio>
                </Radio.Group>
              </Form.Item>
              {disputed ? (
                <Form.Item
                  name={['answers', i, 'note']}
                  label={t('disputeNote')}
                  rules={requiredText(t('noteRequired'))}
                >
                  <Input maxLength={300} aria-label={t('disputeNoteOf', { n })} />
                </Form.Item>
              ) : null}
              {!disputed && item.counts ? (
                <DenominationFields
                  name={['answers', i, 'pieces']}
                  label={t('yourCount')}
                  prefix={t('itemPrefix', { n })}
                />
              ) : null}
              {!disputed && item.kind === 'cheque' && item.amountFen !== undefined ? (
                <YuanField
                  name={['answers', i, 'amount']}
                  label={t('yourChequeAmount')}
                  ariaLabel={t('chequeAmountOf', { n })}
                />
              ) : null}
              {!disputed && item.range ? <RangeFields base={['answers', i]} n={n} /> : null}
            </Card>
          );
        })}
        <Form.Item
          name="pin"
          label={t('signWithPin')}
          rules={[{ required: true, pattern: PIN_PATTERN, message: t('common:pinRule') }]}
        >
          <Input.Password
            inputMode="numeric"
            autoComplete="off"
            aria-label={t('signWithPin')}
            style={{ maxWidth: 240 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
