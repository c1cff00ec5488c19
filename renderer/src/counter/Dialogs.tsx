import { Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { FormDialog } from '../lib/FormDialog.tsx';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TransferBody } from '../../../shared/api/schemas.ts';
import { useCounter } from './store.ts';

type Submit<T> = (body: T) => Promise<unknown>;

/** Transfer keeps the number; to a service (head of its queue by default) or to one counter. */
export function TransferDialog({
  onClose,
  onSubmit,
}: {
  onClose: () => void;
  onSubmit: Submit<z.input<typeof TransferBody>>;
}) {
  const { t, i18n } = useTranslation('counter');
  const hall = useCounter((s) => s.hall);
  const [form] = Form.useForm<{
    to: 'service' | 'counter';
    serviceCode?: string;
    counterNo?: number;
    head: boolean;
  }>();
  const to = Form.useWatch('to', form) ?? 'service';
  return (
    <FormDialog
      form={form}
      title={t('transferTitle')}
      onClose={onClose}
      onSubmit={(v) =>
        onSubmit(
          v.to === 'service' ? { serviceCode: v.serviceCode, head: v.head } : { counterNo: v.counterNo },
        )
      }
      initialValues={{ to: 'service', head: true }}
    >
      <Form.Item name="to" label={t('transferTo')}>
        <Radio.Group
          options={[
            { value: 'service', label: t('toService') },
            { value: 'counter', label: t('toCounter') },
          ]}
        />
      </Form.Item>
      {to === 'service' ? (
        <>
          <Form.Item name="serviceCode" label={t('service')} rules={[{ required: true }]}>
            <Select
              options={(hall?.services ?? []).map((s) => ({
                value: s.code,
                label: `${s.prefix} · ${i18n.language === 'en' ? s.nameEn : s.name}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="head" label={t('toHead')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="counterNo" label={t('counterField')} rules={[{ required: true }]}>
          <Select options={(hall?.counters ?? []).map((c) => ({ value: c.counterNo, label: c.name }))} />
        </Form.Item>
      )}
    </FormDialog>
  );
}

const AWAY_REASONS = ['reasonMeeting', 'reasonRest', 'reasonFetch', 'reasonHelp'] as const;

/** R-AWAY-1: the away sign with a reason and the expected return time. */
export function AwayDialog({
  onClose,
  onSubmit,
}: {
  onClose: () => void;
  onSubmit: Submit<{ reason: string; returnAt: number }>;
}) {
  const { t } = useTranslation('counter');
  const [form] = Form.useForm<{ reason: string; minutes: number }>();
  return (
    <FormDialog
      form={form}
      title={t('awayTitle')}
      onClose={onClose}
      onSubmit={(v) => onSubmit({ reason: v.reason, returnAt: Date.now() + v.minutes * 60_000 })}
      initialValues={{ minutes: 10 }}
    >
      <Form.Item name="reason" label={t('awayReason')} rules={[{ required: true, max: 100 }]}>
        <Select
          showSearch
          options={AWAY_REASONS.map((k) => ({ value: t(k), label: t(k) }))}
          onSearch={(text) => form.setFieldValue('reason', text)}
        />
      </Form.Item>
      <Form.Item name="minutes" label={t('awayMinutes')} rules={[{ required: true }]}>
        <InputNumber min={1} max={240} addonAfter={t('minutesUnit')} />
      </Form.Item>
    </FormDialog>
  );
}

/** R-SLA-1: finishing past the limit asks for the reason, which is recorded with the ticket. */
export function OverrunDialog({
  limit,
  onClose,
  onSubmit,
}: {
  limit: number;
  onClose: () => void;
  onSubmit: Submit<string>;
}) {
  const { t } = useTranslation('counter');
  return (
    <FormDialog<{ reason: string }>
      title={t('overrunTitle', { minutes: limit })}
      onClose={onClose}
      onSubmit={(v) => onSubmit(v.reason)}
    >
      <Form.Item
        name="reason"
        label={t('overrunReason')}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input.TextArea rows={3} placeholder={t('overrunHint')} />
      </Form.Item>
    </FormDialog>
  );
}
