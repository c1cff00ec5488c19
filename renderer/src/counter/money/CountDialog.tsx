import { useState } from 'react';
import { Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { PIN_PATTERN } from '../../../../shared/primitives.ts';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CountReply } from '../../../../shared/api/hall/money.ts';
import { countedFen, yuan } from '../../../../shared/money/amounts.ts';
import { countsOf, DenominationFields, type Pieces } from '../../lib/DenominationFields.tsx';
import { DifferenceReason, type Signature } from '../../../../shared/money/cash.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { useMoneyRun } from './useMoneyRun.ts';
import { shownByForm } from '../../lib/FormDialog.tsx';

type Kind = 'spot' | 'close';
interface CountForm {
  pieces: Pieces;
  witness?: Signature;
  clerkPin?: string;
}

/**
 * A blind count by denomination (R-CASH-5): a quantity per note and coin and the running total of
 * what was counted — never what the drawer should hold, which the reply reveals. A spot check is
 * witnessed by a duty manager's PIN and signed with the clerk's own; a close count ends the drawer.
 */
export function CountDialog({ kind, onClose }: { kind: Kind; onClose: () => void }) {
  const { t } = useTranslation(['money', 'common']);
  const run = useMoneyRun();
  const [form] = Form.useForm<CountForm>();
  const pieces = Form.useWatch('pieces', form) ?? {};
  const counted = countedFen(countsOf(pieces));
  const [reply, setReply] = useState<z.infer<typeof CountReply> | null>(null);

  const submit = async (v: CountForm) => {
    const counts = countsOf(v.pieces);
    if (Object.keys(counts).length === 0) counts['10000'] = 0; // an empty drawer is counted as such
    // R-CASH-5: a spot check is signed by both, the witness and the clerk, each with their PIN.
    const signed =
      kind === 'spot' && v.witness && v.clerkPin ? { witness: v.witness, clerkPin: v.clerkPin } : {};
    const body = { kind, counts, ...signed };
    setReply(await run((api) => api.countDrawer({ body })));
  };

  if (reply) return <CountResult reply={reply} onClose={onClose} />;
  return (
    <Modal
      open
      width={640}
      title={t(kind === 'spot' ? 'spotCountTitle' : 'closeCountTitle')}
      okText={t('submitCount')}
      cancelText={t('common:cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => submit(v).catch(() => undefined), shownByForm)}
    >
      <Typography.Paragraph type="secondary">{t('blindHint')}</Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 18 }}>
        <DenominationFields name="pieces" label={t('denominations')} />
        <div role="status" aria-live="polite" style={{ fontSize: 28, fontWeight: 700, margin: '8px 0 16px' }}>
          {t('countedTotal')} <span data-amount="counted">{yuan(counted)}</span>
        </div>
        {kind === 'spot' ? (
          <>
            <SignatureFields name="witness" label={t('witnessManager')} />
            <Form.Item
              name="clerkPin"
              label={t('clerkPin')}
              rules={[{ required: true, pattern: PIN_PATTERN, message: t('common:pinRule') }]}
            >
              <Input.Password inputMode="numeric" autoComplete="off" style={{ maxWidth: 200 }} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** What the count revealed: expected, counted, difference; an over/short past the threshold is explained. */
function CountResult({ reply, onClose }: { reply: z.infer<typeof CountReply>; onClose: () => void }) {
  const { t } = useTranslation(['money', 'common']);
  const run = useMoneyRun();
  const [form] = Form.useForm<{ reasonCode: DifferenceReason; note?: string; approver: Signature }>();
  const [explained, setExplained] = useState(false);
  const open = reply.needsReason && !explained;
  const explain = async (v: { reasonCode: DifferenceReason; note?: string; approver: Signature }) => {
    await run(
      (api) =>
        api.explainDifference({
          id: reply.countId,
          body: {
            reasonCode: v.reasonCode,
            approver: v.approver,
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          },
        }),
      t('explained'),
    );
    setExplained(true);
  };
  const diff = reply.differenceFen;
  return (
    <Modal
      open
      width={640}
      title={t('countResultTitle')}
      okText={open ? t('explainSubmit') : t('close')}
      cancelButtonProps={{ style: open ? {} : { display: 'none' } }}
      cancelText={t('later')}
      onCancel={onClose}
      onOk={() =>
        open
          ? void form.validateFields().then((v) => explain(v).catch(() => undefined), shownByForm)
          : onClose()
      }
    >
      <Descriptions column={1} bordered size="middle" labelStyle={{ width: 160 }}>
        <Descriptions.Item label={t('expected')}>
          <span style={{ fontSize: 24 }}>{yuan(reply.expectedFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('counted')}>
          <span style={{ fontSize: 24 }}>{yuan(reply.countedFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('difference')}>
          <span
            data-amount="difference"
            style={{ fontSize: 28, fontWeight: 800, color: diff === 0 ? '#135200' : '#c41d1d' }}
          >
            {diff === 0 ? t('balanced') : t(diff > 0 ? 'over' : 'short', { amount: yuan(Math.abs(diff)) })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {open ? (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
          <Typography.Paragraph strong type="danger">
            {t('needsReason')}
          </Typography.Paragraph>
          <Form.Item name="reasonCode" label={t('reasonCode')} rules={[{ required: true }]}>
            <Select options={DifferenceReason.options.map((r) => ({ value: r, label: t(`reason_${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('note')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <SignatureFields name="approver" label={t('approverManager')} />
        </Form>
      ) : reply.needsReason ? (
        <Typography.Paragraph style={{ marginTop: 16 }}>{t('explainedNote')}</Typography.Paragraph>
      ) : null}
    </Modal>
  );
}
