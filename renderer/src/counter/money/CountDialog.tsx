import { useState } from 'react';
import { Descriptions, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CountReply } from '../../../../shared/api/hall/money.ts';
import {
  DENOMINATIONS,
  countedFen,
  yuan,
  type DenominationCounts,
} from '../../../../shared/money/amounts.ts';
import { DifferenceReason, type Signature } from '../../../../shared/money/cash.ts';
import { SignatureFields } from '../../lib/SignatureFields.tsx';
import { shownByForm, useMoneyRun } from './useMoneyRun.ts';

type Kind = 'spot' | 'close';
type Pieces = Partial<Record<string, number | null>>;

/** ¥100 … ¥1, ¥0.5, ¥0.1: a denomination as the note or coin says it. */
const denominationLabel = (fen: number) => `¥${fen >= 100 ? fen / 100 : `0.${fen / 10}`}`;

/** Only the denominations counted, as whole pieces: `{"10000": 3}`. */
function countsOf(pieces: Pieces): DenominationCounts {
  const counts: Record<string, number> = {};
  for (const d of DENOMINATIONS) {
    const n = pieces[String(d)];
    if (n) counts[String(d)] = n;
  }
  return counts;
}

/**
 * A blind count by denomination (R-CASH-5): a quantity per note and coin and the running total of
 * what was counted — never what the drawer should hold, which the reply reveals. A spot check is
 * witnessed by a duty manager's PIN; a close count ends the drawer.
 */
export function CountDialog({ kind, onClose }: { kind: Kind; onClose: () => void }) {
  const { t } = useTranslation(['money', 'common']);
  const run = useMoneyRun();
  const [form] = Form.useForm<{ pieces: Pieces; witness?: Signature }>();
  const pieces = Form.useWatch('pieces', form) ?? {};
  const counted = countedFen(countsOf(pieces));
  const [reply, setReply] = useState<z.infer<typeof CountReply> | null>(null);

  const submit = async (v: { pieces: Pieces; witness?: Signature }) => {
    const counts = countsOf(v.pieces);
    if (Object.keys(counts).length === 0) counts['10000'] = 0; // an empty drawer is counted as such
    const body = { kind, counts, ...(kind === 'spot' && v.witness ? { witness: v.witness } : {}) };
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
        <div
          role="group"
          aria-label={t('denominations')}
          style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}
        >
          {DENOMINATIONS.map((d) => (
            <Form.Item
              key={d}
              name={['pieces', String(d)]}
              label={denominationLabel(d)}
              style={{ marginBottom: 8 }}
            >
              <InputNumber
                min={0}
                max={100000}
                precision={0}
                aria-label={t('piecesOf', { denomination: denominationLabel(d) })}
                addonAfter={t(d >= 100 ? 'notes' : 'coins')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          ))}
        </div>
        <div role="status" aria-live="polite" style={{ fontSize: 28, fontWeight: 700, margin: '8px 0 16px' }}>
          {t('countedTotal')} <span data-amount="counted">{yuan(counted)}</span>
        </div>
        {kind === 'spot' ? <SignatureFields name="witness" label={t('witnessManager')} /> : null}
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
