import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Followup, HistoryRow } from '../../../shared/checklists/model.ts';
import type { TemplateView } from '../../../shared/api/hall/checklists.ts';
import { hallApi } from '../../../shared/api/hall/index.ts';
import { usePolledRead, usePolling } from '../lib/usePolling.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';
import { SignatureFields } from '../lib/SignatureFields.tsx';
import { shortTime, useCaseApi } from '../cases/caseClient.ts';
import { downloadText } from '../cases/download.ts';
import { FillableChecklists } from '../checklists/ChecklistForm.tsx';
import { isRed, type DueRowT } from '../checklists/ChecklistTable.tsx';
import { useManager } from './store.ts';
import { ListTable } from '../lib/ListTable.tsx';
import { requiredText } from '../lib/formRules.ts';
import { Note } from '../lib/Note.tsx';

const POLL_MS = 30_000;
type FollowupT = z.infer<typeof Followup>;
type HistoryT = z.infer<typeof HistoryRow>;
/** Shown in red on the manager screen until done (issue 13). */
const RED_RULES = new Set(['R-DIS-1', 'R-FIRE-1']);

/**
 * 检查: today's checklists of the whole hall (due, overdue in red, done, late), countersigning, the
 * open fault follow-ups with their resolution, and the history per template and item with its export.
 */
export function ChecklistsTab() {
  const { t, i18n } = useTranslation('checklists');
  const { message } = AntApp.useApp();
  const token = useManager((s) => s.token);
  const api = useCaseApi(token);
  const [signing, setSigning] = useState<DueRowT | null>(null);
  const [resolving, setResolving] = useState<FollowupT | null>(null);
  const { data, error, load } = usePolledRead(
    () => Promise.all([api.checklistsDue({ scope: 'all' }), api.checklistFollowups()]),
    POLL_MS,
    token,
  );
  const [rows, followups] = data ?? [[], []];
  const urgent = rows.filter((r) => isRed(r) && RED_RULES.has(r.rule));
  const open = followups.filter((f) => f.resolvedAt === null);
  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      {urgent.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-alert="checklists-red"
          message={t('urgentBanner', { names: urgent.map((r) => r.name).join('、') })}
        />
      ) : null}
      <Card size="small" title={t('todayTitle', { count: rows.length })}>
        <FillableChecklists
          api={api}
          rows={rows}
          onChanged={() => void load()}
          onCountersign={setSigning}
          empty={t('noneDue')}
        />
      </Card>
      <Card
        size="small"
        data-panel="followups"
        title={
          <span style={{ color: open.length ? '#a8071a' : undefined }}>
            {t('followupsTitle', { count: open.length })}
          </span>
        }
        styles={open.length ? { header: { background: '#fff1f0' } } : {}}
      >
        <ListTable
          rowKey="id"
          dataSource={followups}
          empty={t('noFollowups')}
          onRow={(f) => ({
            style: f.resolvedAt === null ? { background: '#fff1f0' } : undefined,
            'data-followup': f.itemCode,
          })}
          columns={[
            { title: t('name'), dataIndex: 'templateName' },
            { title: t('item'), dataIndex: 'itemLabel' },
            {
              title: t('noteCol'),
              render: (_v, f) => [f.value, f.note].filter((x) => x !== null && x !== '').join(' · '),
            },
            {
              title: t('openedAt'),
              render: (_v, f) => `${shortTime(f.openedAt, i18n.language)} ${f.openedBy}`,
            },
            {
              title: t('status'),
              render: (_v, f) =>
                f.resolvedAt === null ? (
                  <Button danger onClick={() => setResolving(f)}>
                    {t('resolve')}
                  </Button>
                ) : (
                  <Tag color="green">
                    {t('resolvedBy', { staffNo: f.resolvedBy ?? '', text: f.resolution ?? '' })}
                  </Tag>
                ),
            },
          ]}
        />
      </Card>
      {token ? <HistoryCard token={token} /> : null}
      {signing ? (
        <CountersignDialog
          row={signing}
          onClose={() => setSigning(null)}
          onSubmit={async (approver) => {
            await api.countersignChecklist({ occurrenceId: signing.occurrenceId, body: { approver } });
            setSigning(null);
            await load();
          }}
        />
      ) : null}
      <Modal
        open={resolving !== null}
        title={t('resolveTitle', { item: resolving?.itemLabel ?? '' })}
        destroyOnHidden
        onCancel={() => setResolving(null)}
        footer={null}
      >
        <Form
          layout="vertical"
          onFinish={(v: { note: string }) =>
            api
              .resolveFollowup({ id: resolving!.id, body: { note: v.note } })
              .then(() => {
                setResolving(null);
                return load();
              })
              .catch(fail)
          }
        >
          <Form.Item name="note" label={t('resolution')} rules={requiredText(t('resolutionNeeded'))}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('resolveOk')}
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}

function CountersignDialog({
  row,
  onClose,
  onSubmit,
}: {
  row: DueRowT;
  onClose: () => void;
  onSubmit: (approver: { staffNo: string; pin: string }) => Promise<void>;
}) {
  const { t } = useTranslation('checklists');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal open title={t('countersignTitle', { name: row.name })} onCancel={onClose} footer={null}>
      <Note type="error" message={error} />
      <Form
        layout="vertical"
        onFinish={(v: { approver: { staffNo: string; pin: string } }) =>
          onSubmit(v.approver).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
        }
      >
        <SignatureFields name="approver" label={t('countersigner')} />
        <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
          {t('countersign')}
        </Button>
      </Form>
    </Modal>
  );
}

/** History per template and per item, and its CSV export. */
function HistoryCard({ token }: { token: string }) {
  const { t, i18n } = useTranslation('checklists');
  const api = useCaseApi(token);
  const [template, setTemplate] = useState<string | undefined>();
  const [item, setItem] = useState<string>('');
  const [rows, setRows] = useState<HistoryT[]>([]);
  const [templates, setTemplates] = useState<z.infer<typeof TemplateView>[]>([]);
  const [error, setError] = useState<string | null>(null);
  const query = { ...(template ? { template } : {}), ...(item ? { item } : {}) };
  const load = () =>
    Promise.all([api.checklistHistory(query), api.checklistTemplates()]).then(
      ([h, ts]) => {
        setRows(h);
        setTemplates(ts);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  usePolling(load, POLL_MS, `${token}|${template ?? ''}|${item}`);
  const en = i18n.language === 'en';
  // Names as the screen's language has them; a template or item no longer defined shows its code.
  const templateName = (code: string) => {
    const x = templates.find((tpl) => tpl.code === code);
    return x ? (en && x.nameEn ? x.nameEn : x.name) : code;
  };
  const itemLabel = (code: string, itemCode: string | null) => {
    const i = templates.find((tpl) => tpl.code === code)?.items.find((x) => x.code === itemCode);
    return i ? (en && i.labelEn ? i.labelEn : i.label) : (itemCode ?? '');
  };
  const codes = templates.map((x) => ({ value: x.code, label: templateName(x.code) }));
  return (
    <Card
      size="small"
      title={t('historyTitle')}
      extra={
        <Space>
          <Select
            allowClear
            aria-label={t('template')}
            placeholder={t('template')}
            style={{ width: 200 }}
            options={codes}
            value={template}
            onChange={(v: string | undefined) => setTemplate(v)}
          />
          <Input
            aria-label={t('itemCode')}
            placeholder={t('itemCode')}
            style={{ width: 140 }}
            value={item}
            onChange={(e) => setItem(e.target.value.trim())}
          />
          <Button
            onClick={() =>
              void downloadText(
                hallApi.checklistHistoryCsv,
                query,
                token,
                `checklists${template ? `-${template}` : ''}.csv`,
              ).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
            }
          >
            {t('export')}
          </Button>
        </Space>
      }
    >
      <ErrorNote error={error} spaced />
      <ListTable
        rowKey={(r) =>
          `${r.occurrenceId}|${r.itemCode ?? ''}|${r.amended}|${r.duplicate}|${r.staffNo}|${String(r.value)}|${r.result ?? ''}`
        }
        dataSource={rows}
        pageSize={10}
        empty={t('noHistory')}
        columns={[
          { title: t('day'), dataIndex: 'day' },
          { title: t('template'), render: (_v, r) => templateName(r.templateCode) },
          {
            title: t('status'),
            render: (_v, r) => (
              <Tag color={r.status === 'done' ? 'green' : r.status === 'late' ? 'orange' : 'red'}>
                {t(`status_${r.status}`)}
              </Tag>
            ),
          },
          { title: t('item'), render: (_v, r) => itemLabel(r.templateCode, r.itemCode) },
          { title: t('result'), render: (_v, r) => (r.result ? t(r.result) : '') },
          { title: t('value'), render: (_v, r) => (r.value === null ? '' : String(r.value)) },
          { title: t('doneBy'), dataIndex: 'staffNo' },
          {
            title: t('amended'),
            render: (_v, r) => (
              <>
                {r.amended ? <Tag>{t('amended')}</Tag> : null}
                {r.duplicate ? <Tag color="gold">{t('duplicate')}</Tag> : null}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
