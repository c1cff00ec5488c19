import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Space, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ToolList } from '../../../../shared/api/hall/registers.ts';
import {
  MAX_TEMPERATURE_C,
  MIN_TEMPERATURE_C,
  VISITOR_PHONE_PATTERN,
} from '../../../../shared/registers/model.ts';
import { usePolling } from '../../lib/usePolling.ts';
import { formatClock } from '../../lib/format.ts';
import { useCounter } from '../store.ts';
import { useCounterApi } from './useCounterApi.ts';
import { ListTable } from '../../lib/ListTable.tsx';
import { requiredText } from '../../lib/formRules.ts';

const POLL_MS = 30_000;
const HOUR = 3_600_000;

/** The node's clock as the hall state last read it: a due time is the hall's, not this PC's. */
const hallNow = () => useCounter.getState().hall?.now ?? Date.now();

interface Outcome {
  admitted: boolean;
  temperatureC: number;
}

/**
 * R-VIS-1: a visitor's temperature, name and phone optional. Above the limit the answer fills the card
 * in red — turn the visitor away — and the contact person has been told on the manager screen.
 */
function VisitorForm() {
  const { t } = useTranslation('records');
  const { message } = AntApp.useApp();
  const { api } = useCounterApi();
  const limit = useCounter((s) => s.hall?.settings.visitorTemperatureLimitC) ?? 37.3;
  const contact = useCounter((s) => s.hall?.settings.visitorContact) ?? '';
  const [form] = Form.useForm<{ name?: string; phone?: string; temperatureC: number }>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const submit = async (v: { name?: string; phone?: string; temperatureC: number }) => {
    const body = {
      temperatureC: v.temperatureC,
      ...(v.name?.trim() ? { name: v.name.trim() } : {}),
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
    };
    try {
      const r = await api.registerVisitor({ body });
      setOutcome({ admitted: r.admitted, temperatureC: v.temperatureC });
      form.resetFields();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {outcome && !outcome.admitted ? (
        <div
          role="alert"
          data-visitor="turned-away"
          style={{ background: '#a8071a', color: '#fff', borderRadius: 8, padding: '20px 24px' }}
        >
          <div style={{ fontSize: 36, fontWeight: 800 }}>{t('turnAway')}</div>
          <div style={{ fontSize: 22 }}>
            {t('turnAwayExplain', { temperature: outcome.temperatureC, limit, contact })}
          </div>
        </div>
      ) : null}
      {outcome?.admitted ? (
        <Alert
          type="success"
          showIcon
          data-visitor="admitted"
          message={t('admittedText', { temperature: outcome.temperatureC })}
        />
      ) : null}
      <Form name="visitor" form={form} layout="inline" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="temperatureC"
          label={t('temperature')}
          rules={[
            {
              required: true,
              type: 'number',
              min: MIN_TEMPERATURE_C,
              max: MAX_TEMPERATURE_C,
              message: t('temperatureRule', { min: MIN_TEMPERATURE_C, max: MAX_TEMPERATURE_C }),
            },
          ]}
        >
          <InputNumber
            step={0.1}
            precision={1}
            addonAfter="°C"
            aria-label={t('temperature')}
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item name="name" label={t('visitorName')}>
          <Input maxLength={40} aria-label={t('visitorName')} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('visitorPhone')}
          rules={[{ pattern: VISITOR_PHONE_PATTERN, message: t('phoneRule') }]}
        >
          <Input inputMode="tel" maxLength={16} aria-label={t('visitorPhone')} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('register')}
          </Button>
        </Form.Item>
      </Form>
    </Space>
  );
}

type Loan = z.infer<typeof ToolList>['loans'][number];

/** R-TOOL-1: tools out and back, and the count of tools out and overdue. */
function Tools() {
  const { t, i18n } = useTranslation('records');
  const { message } = AntApp.useApp();
  const { token, tz, api } = useCounterApi();
  const [list, setList] = useState<z.infer<typeof ToolList> | null>(null);
  const [form] = Form.useForm<{ tool: string; borrower: string; hours: number }>();
  const load = () => api.tools().then(setList, () => undefined);
  usePolling(load, POLL_MS, token);
  const act = (p: Promise<unknown>) =>
    p.then(load, (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form
        name="tools"
        form={form}
        layout="inline"
        initialValues={{ hours: 2 }}
        onFinish={(v) => {
          void act(
            api.lendTool({
              body: { tool: v.tool.trim(), borrower: v.borrower.trim(), dueAt: hallNow() + v.hours * HOUR },
            }),
          );
          form.resetFields();
        }}
      >
        <Form.Item name="tool" label={t('tool')} rules={requiredText(t('textRequired'))}>
          <Input maxLength={60} aria-label={t('tool')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="borrower" label={t('borrower')} rules={requiredText(t('textRequired'))}>
          <Input maxLength={40} aria-label={t('borrower')} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="hours" label={t('dueInHours')} rules={[{ required: true }]}>
          <InputNumber min={0.5} max={72} step={0.5} aria-label={t('dueInHours')} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t('lend')}</Button>
        </Form.Item>
      </Form>
      {list ? (
        <Tag color={list.count.overdue ? 'red' : 'blue'} data-tools-count>
          {t('toolCount', list.count)}
        </Tag>
      ) : null}
      <ListTable<Loan>
        rowKey="id"
        dataSource={list?.loans ?? []}
        empty={t('noTools')}
        columns={[
          { title: t('tool'), dataIndex: 'tool' },
          { title: t('borrower'), dataIndex: 'borrower' },
          { title: t('lentAt'), render: (_v, r) => formatClock(r.lentAt, i18n.language, tz) },
          {
            title: t('dueAt'),
            render: (_v, r) => (
              <span style={r.overdue ? { color: '#a8071a', fontWeight: 700 } : undefined}>
                {formatClock(r.dueAt, i18n.language, tz)} {r.overdue ? t('overdue') : ''}
              </span>
            ),
          },
          {
            title: t('returned'),
            render: (_v, r) =>
              r.returnedAt !== null ? (
                formatClock(r.returnedAt, i18n.language, tz)
              ) : (
                <Button size="small" onClick={() => void act(api.returnTool({ id: r.id }))}>
                  {t('markReturned')}
                </Button>
              ),
          },
        ]}
      />
    </Space>
  );
}

/** 登记 at the counter: visitors with their temperature (R-VIS-1) and the tool register (R-TOOL-1). */
export function RegistersCard() {
  const { t } = useTranslation('records');
  return (
    <Card title={t('registersTitle')} data-card="registers">
      <Tabs
        items={[
          { key: 'visitors', label: t('visitors'), children: <VisitorForm /> },
          { key: 'tools', label: t('tools'), children: <Tools /> },
        ]}
      />
    </Card>
  );
}
