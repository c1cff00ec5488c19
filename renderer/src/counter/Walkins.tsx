import { App as AntApp, Button, Card, Form, Input, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WalkinListT } from '../../../shared/api/walkins.ts';
import { formatClock, serviceName } from '../lib/format.ts';
import { useCounter } from './store.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';
import { ListTable } from '../lib/ListTable.tsx';
import { useAttempt } from '../lib/useAttempt.ts';

type Walkin = WalkinListT['walkins'][number];

/** "HH:MM" today on this PC's clock → ms UTC. */
function todayAt(hhmm: string, now = new Date()): number {
  const [h, m] = hhmm.split(':').map(Number);
  const d = new Date(now);
  d.setHours(h ?? 0, m ?? 0, 0, 0);
  return d.getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

interface WalkinFields {
  serviceCode: string;
  start: string;
  /** Empty when the customer was served just now. */
  finish?: string;
  note?: string;
}

/**
 * A customer served without a ticket while the hub is unreachable (DESIGN §1): recorded in this
 * station's own journal, then reconciled at the hub when its rows arrive — the list says which have.
 */
export function WalkinForm() {
  const { t, i18n } = useTranslation(['counter', 'common']);
  const { message } = AntApp.useApp();
  const list = useCounter((s) => s.walkins);
  const [form] = Form.useForm();
  const { busy, error, attempt } = useAttempt();
  const now = new Date();
  const submit = (v: WalkinFields) =>
    attempt(async () => {
      const body = {
        serviceCode: v.serviceCode,
        startedAt: todayAt(v.start),
        // Left empty: served just now, and the save time is the finish.
        ...(v.finish ? { finishedAt: todayAt(v.finish) } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      };
      const reply = await useCounter.getState().act((api) => api.recordWalkin({ body }));
      void message.success(t('walkinSaved', { number: reply.number }));
      form.resetFields(['note', 'finish']);
      await useCounter.getState().refreshWalkins();
    });
  const services = list?.services ?? [];
  return (
    <Card title={t('walkinTitle')}>
      <Typography.Paragraph>{t('walkinExplain')}</Typography.Paragraph>
      <ErrorNote error={error} spaced />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ start: `${pad(now.getHours())}:${pad(now.getMinutes())}` }}
        onFinish={(v) => void submit(v as WalkinFields)}
      >
        <Form.Item
          label={t('service')}
          name="serviceCode"
          rules={[{ required: true, message: t('walkinServiceRule') }]}
        >
          <Select
            size="large"
            options={services.map((s) => ({
              value: s.code,
              label: i18n.language === 'en' ? s.nameEn : s.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('walkinStart')}
          name="start"
          rules={[
            { required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('walkinStartRule') },
            {
              validator: async (_r, v: string) => {
                if (v && todayAt(v) > Date.now()) throw new Error(t('walkinStartFuture'));
              },
            },
          ]}
        >
          <Input type="time" size="large" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          label={t('walkinFinish')}
          name="finish"
          extra={t('walkinFinishNow')}
          dependencies={['start']}
          rules={[
            { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('walkinFinishRule') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (!v) return;
                if (todayAt(v) > Date.now()) throw new Error(t('walkinFinishFuture'));
                const start = getFieldValue('start') as string | undefined;
                if (start && todayAt(v) < todayAt(start)) throw new Error(t('walkinFinishBeforeStart'));
              },
            }),
          ]}
        >
          <Input type="time" size="large" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('walkinNote')} name="note" rules={[{ max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={busy}>
          {t('walkinSave')}
        </Button>
      </Form>
    </Card>
  );
}

/** Today's walk-ins at this station and whether the hub has them yet. */
export function WalkinList() {
  const { t, i18n } = useTranslation(['counter', 'common']);
  const list = useCounter((s) => s.walkins);
  if (!list || list.walkins.length === 0) return null;
  const name = (code: string) => serviceName(list.services, code, i18n.language);
  return (
    <Card title={t('walkinListTitle', { count: list.walkins.length })}>
      <ListTable<Walkin>
        rowKey="walkinId"
        pageSize={8}
        dataSource={list.walkins}
        columns={[
          { title: t('number'), dataIndex: 'number', render: (n: string) => <strong>{n}</strong> },
          { title: t('service'), dataIndex: 'serviceCode', render: name },
          {
            title: t('walkinTime'),
            render: (_v, w) =>
              `${formatClock(w.startedAt, i18n.language)}–${formatClock(w.finishedAt, i18n.language)}`,
          },
          { title: t('walkinNote'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          {
            title: t('walkinSync'),
            render: (_v, w) =>
              w.synced ? (
                <Tag color="green">{t('walkinSynced')}</Tag>
              ) : (
                <Tag color="gold">{t('walkinPending')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
