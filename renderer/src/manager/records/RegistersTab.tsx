import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ToolList } from '../../../../shared/api/hall/registers.ts';
import type {
  ArchiveView,
  MeetingView,
  RecordType,
  VisitorView,
} from '../../../../shared/registers/model.ts';
import { RecordType as RecordTypes } from '../../../../shared/registers/model.ts';
import { usePolling } from '../../lib/usePolling.ts';
import { formatClock, formatDateTime } from '../../lib/format.ts';
import { useManagerApi } from './useManagerApi.ts';
import { useManager } from '../store.ts';
import { ListTable } from '../../lib/ListTable.tsx';
import { requiredText } from '../../lib/formRules.ts';
import { Note } from '../../lib/Note.tsx';

const POLL_MS = 30_000;
type Visitor = z.infer<typeof VisitorView>;
type Meeting = z.infer<typeof MeetingView>;
type Archive = z.infer<typeof ArchiveView>;
type Loan = z.infer<typeof ToolList>['loans'][number];

const useApi = useManagerApi;

/** R-VIS-1: today's visitors, the ones turned away in red; phones masked. */
function Visitors() {
  const { t, i18n } = useTranslation('records');
  const { token, api, tz } = useApi();
  const [rows, setRows] = useState<Visitor[]>([]);
  usePolling(() => api.visitors({}).then(setRows, () => undefined), POLL_MS, token);
  return (
    <Card title={t('visitorsToday')} data-card="visitors">
      <ListTable<Visitor>
        rowKey="id"
        dataSource={rows}
        empty={t('noVisitors')}
        columns={[
          { title: t('time'), render: (_v, r) => formatClock(r.at, i18n.language, tz) },
          { title: t('nameCol'), render: (_v, r) => r.name ?? '—' },
          { title: t('phoneCol'), render: (_v, r) => r.phone ?? '—' },
          { title: t('temperature'), render: (_v, r) => `${r.temperatureC} °C` },
          {
            title: t('outcome'),
            render: (_v, r) =>
              r.admitted ? (
                <Tag color="green">{t('admitted')}</Tag>
              ) : (
                <Tag color="red">{t('turnedAway')}</Tag>
              ),
          },
          { title: t('counter'), render: (_v, r) => r.counterNo ?? '—' },
        ]}
      />
    </Card>
  );
}

/** R-TOOL-1: the tools out (overdue in red) and the day-end count. */
function ToolsOut() {
  const { t, i18n } = useTranslation('records');
  const { token, api, tz } = useApi();
  const [list, setList] = useState<z.infer<typeof ToolList> | null>(null);
  usePolling(() => api.tools().then(setList, () => undefined), POLL_MS, token);
  const out = list?.loans.filter((l) => l.returnedAt === null) ?? [];
  return (
    <Card
      title={t('toolsOut')}
      data-card="tools"
      extra={
        list ? <Tag color={list.count.overdue ? 'red' : 'blue'}>{t('toolCount', list.count)}</Tag> : null
      }
    >
      <ListTable<Loan>
        rowKey="id"
        dataSource={out}
        empty={t('noTools')}
        columns={[
          { title: t('tool'), dataIndex: 'tool' },
          { title: t('borrower'), dataIndex: 'borrower' },
          {
            title: t('dueAt'),
            render: (_v, r) => (
              <span style={r.overdue ? { color: '#a8071a', fontWeight: 700 } : undefined}>
                {formatDateTime(r.dueAt, i18n.language, tz)} {r.overdue ? t('overdue') : ''}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

interface MeetingForm {
  kind: 'morning' | 'training';
  day: { format(f: string): string };
  minutes: number;
  topics: string;
  attendees: string[];
  scores?: string;
}

/** "1001:92, 1002:85" → scores; blank → none. */
function parseScores(text: string | undefined) {
  return (text ?? '')
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map((pair) => {
      const [staffNo = '', score = ''] = pair.split(/[:：]/);
      return { staffNo, score: Number(score) };
    });
}

/** R-ASSESS-4: the morning meeting and trainings, entered and listed. */
function Meetings() {
  const { t } = useTranslation(['records', 'common']);
  const { message } = AntApp.useApp();
  const { token, api } = useApi();
  const [rows, setRows] = useState<Meeting[]>([]);
  const [form] = Form.useForm<MeetingForm>();
  const load = () => api.meetings().then(setRows, () => undefined);
  usePolling(load, POLL_MS, token);
  const submit = async (v: MeetingForm) => {
    try {
      await api.recordMeeting({
        body: {
          kind: v.kind,
          day: v.day.format('YYYY-MM-DD'),
          minutes: v.minutes,
          topics: v.topics.trim(),
          attendees: v.attendees,
          scores: parseScores(v.scores),
        },
      });
      void message.success(t('meetingRecorded'));
      form.resetFields();
      await load();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card title={t('meetings')} data-card="meetings">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'morning', minutes: 15 }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="kind" label={t('meetingKind')}>
              <Select
                aria-label={t('meetingKind')}
                options={[
                  { value: 'morning', label: t('morning') },
                  { value: 'training', label: t('training') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="day" label={t('day')} rules={[{ required: true, message: t('dayRequired') }]}>
              <DatePicker aria-label={t('day')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="minutes" label={t('minutes')} rules={[{ required: true }]}>
              <InputNumber min={1} max={600} aria-label={t('minutes')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="attendees"
              label={t('attendees')}
              rules={[{ required: true, message: t('attendeesRequired') }]}
            >
              <Select mode="tags" aria-label={t('attendees')} open={false} placeholder={t('attendeesHint')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="topics" label={t('topics')} rules={requiredText(t('textRequired'))}>
          <Input.TextArea rows={2} maxLength={1000} aria-label={t('topics')} />
        </Form.Item>
        <Form.Item name="scores" label={t('scores')} extra={t('scoresHint')}>
          <Input aria-label={t('scores')} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('recordMeeting')}
        </Button>
      </Form>
      <ListTable<Meeting>
        style={{ marginTop: 16 }}
        rowKey="id"
        pageSize={10}
        dataSource={rows}
        empty={t('noMeetings')}
        columns={[
          { title: t('day'), dataIndex: 'day' },
          { title: t('meetingKind'), render: (_v, r) => t(r.kind) },
          { title: t('minutes'), dataIndex: 'minutes' },
          { title: t('topics'), dataIndex: 'topics' },
          { title: t('attendees'), render: (_v, r) => r.attendees.join('、') },
          {
            title: t('scores'),
            render: (_v, r) => r.scores.map((s) => `${s.staffNo}: ${s.score}`).join('，') || '—',
          },
        ]}
      />
    </Card>
  );
}

/** R-REC-1: archive one record type past its retention; the archives with their file and SHA-256. */
function Retention() {
  const { t, i18n } = useTranslation('records');
  const { message } = AntApp.useApp();
  const { token, api, tz } = useApi();
  const days = useManager((s) => s.hall?.settings.retentionDays);
  const [type, setType] = useState<RecordType>('visitors');
  const [rows, setRows] = useState<Archive[]>([]);
  const load = () => api.archives().then(setRows, () => undefined);
  usePolling(load, POLL_MS, token);
  const run = async () => {
    try {
      const a = await api.runRetention({ body: { recordType: type } });
      void message.success(t('archived', { count: a.count }));
      await load();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card title={t('retention')} data-card="retention">
      <Note type="info" message={t('retentionExplain')} />
      <Space style={{ marginBottom: 12 }}>
        <Select<RecordType>
          value={type}
          onChange={setType}
          aria-label={t('recordType')}
          style={{ width: 260 }}
          options={RecordTypes.options.map((r) => ({
            value: r,
            label: `${t(`type.${r}`)}（${t('keptDays', { days: days?.[r] ?? 0 })}）`,
          }))}
        />
        <Popconfirm title={t('runConfirm')} onConfirm={() => run()}>
          <Button danger>{t('runRetention')}</Button>
        </Popconfirm>
      </Space>
      <ListTable<Archive>
        rowKey="id"
        dataSource={rows}
        empty={t('noArchives')}
        columns={[
          { title: t('time'), render: (_v, r) => formatDateTime(r.at, i18n.language, tz) },
          { title: t('recordType'), render: (_v, r) => t(`type.${r.recordType}`) },
          { title: t('before'), render: (_v, r) => formatDateTime(r.before, i18n.language, tz) },
          { title: t('count'), dataIndex: 'count' },
          // The node's daily job signs its archives itself: no staff member pressed anything.
          { title: t('archivedBy'), render: (_v, r) => r.staffNo || t('byNode') },
          { title: t('file'), dataIndex: 'file' },
          { title: 'SHA-256', render: (_v, r) => <code style={{ fontSize: 11 }}>{r.sha256}</code> },
        ]}
      />
    </Card>
  );
}

/** 登记簿 for the duty manager: visitors, tools out, meetings and training, retention. */
export function RegistersTab() {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Visitors />
        </Col>
        <Col xs={24} xl={10}>
          <ToolsOut />
        </Col>
      </Row>
      <Meetings />
      <Retention />
    </Space>
  );
}
