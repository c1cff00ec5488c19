import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, Select, Space, Spin, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionKind, ToldVia, type CaseActionBody } from '../../../shared/cases/model.ts';
import { DueTag } from './CaseTable.tsx';
import { shortTime, type CaseApi, type CaseViewT } from './caseClient.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';
import { errorText, useAttempt } from '../lib/useAttempt.ts';

interface Values {
  kind: ActionKind;
  text: string;
  toStaffNo?: string;
  toldVia?: ToldVia;
}

/**
 * One case with its history and the actions its reader may take: the owner (and a manager) assists,
 * replies, records the opinion, notes and closes; only a manager reassigns (R-FR-1).
 */
export function CaseDrawer({
  api,
  id,
  manager,
  onClose,
  onChanged,
}: {
  api: CaseApi;
  id: string;
  manager: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('cases');
  const [view, setView] = useState<CaseViewT | null>(null);
  const { busy, error, setError, attempt } = useAttempt();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    api
      .case({ id })
      .then(setView)
      .catch((e: unknown) => setError(errorText(e)));
  }, [api, id, setError]);
  const submit = (v: Values) => {
    const body: CaseActionBody = {
      kind: v.kind,
      text: v.text,
      ...(v.toStaffNo ? { toStaffNo: v.toStaffNo } : {}),
      ...(v.kind === 'close' && v.toldVia ? { toldVia: v.toldVia } : {}),
    };
    return attempt(async () => {
      setView(await api.actOnCase({ id, body }));
      form.resetFields(['text', 'toStaffNo', 'toldVia']);
      onChanged();
    });
  };
  const kinds = ActionKind.options.filter((k) => manager || k !== 'reassign');
  const time = (at: number | null) => (at === null ? '—' : shortTime(at, i18n.language));
  // R-CMP-1: a complaint's deadline, and when it was met. A function, not a component: Descriptions
  // reads its items' props from its direct children.
  const deadline = (label: string, due: number | null, met: number | null) =>
    due === null ? null : (
      <Descriptions.Item label={label}>
        {time(due)} {met !== null ? t('metAt', { at: time(met) }) : ''}
      </Descriptions.Item>
    );
  return (
    <Drawer open width={560} title={view ? t('caseTitle', { no: view.no }) : t('case')} onClose={onClose}>
      {!view ? (
        error ? (
          <Alert type="error" showIcon message={error} />
        ) : (
          <Spin />
        )
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('kind')}>{t(`kind_${view.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('summary')}>{view.summary}</Descriptions.Item>
            <Descriptions.Item label={t('owner')}>
              {view.ownerName}（{view.ownerStaffNo}）
            </Descriptions.Item>
            <Descriptions.Item label={t('customerPhone')}>{view.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('openedAt')}>{time(view.openedAt)}</Descriptions.Item>
            {view.promisedAt !== null ? (
              <Descriptions.Item label={t('promisedReply')}>{time(view.promisedAt)}</Descriptions.Item>
            ) : null}
            {deadline(t('replyDue'), view.replyDueAt, view.repliedAt)}
            {deadline(t('opinionDue'), view.opinionDueAt, view.opinionAt)}
            <Descriptions.Item label={t('status')}>
              <DueTag c={view} />
            </Descriptions.Item>
            {view.resolution !== null ? (
              <Descriptions.Item label={t('resolution')}>
                {view.resolution}（{view.toldVia ? t(`told_${view.toldVia}`) : ''}）
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Timeline
            items={view.actions.map((a) => ({
              color: a.kind === 'close' ? 'green' : a.kind === 'reassign' ? 'orange' : 'blue',
              children: (
                <>
                  <strong>{t(`action_${a.kind}`)}</strong> · {a.staffName}（{a.staffNo}） · {time(a.at)}
                  {a.toStaffNo ? ` → ${a.toStaffNo}` : ''}
                  <div>{a.text}</div>
                </>
              ),
            }))}
          />
          {view.status === 'open' ? (
            <Form
              name="caseAction"
              form={form}
              layout="vertical"
              initialValues={{ kind: 'note' }}
              onFinish={(v) => void submit(v)}
            >
              <Form.Item name="kind" label={t('action')}>
                <Select options={kinds.map((k) => ({ value: k, label: t(`action_${k}`) }))} />
              </Form.Item>
              {kind === 'reassign' || kind === 'assist' ? (
                <Form.Item
                  name="toStaffNo"
                  label={kind === 'reassign' ? t('newOwner') : t('helper')}
                  rules={[{ required: kind === 'reassign', message: t('staffNoNeeded') }]}
                >
                  <Input inputMode="numeric" maxLength={8} />
                </Form.Item>
              ) : null}
              {kind === 'close' ? (
                <Form.Item
                  name="toldVia"
                  label={t('toldVia')}
                  rules={[{ required: true, message: t('toldViaNeeded') }]}
                >
                  <Select options={ToldVia.options.map((v) => ({ value: v, label: t(`told_${v}`) }))} />
                </Form.Item>
              ) : null}
              <Form.Item
                name="text"
                label={kind === 'close' ? t('resolution') : kind === 'reassign' ? t('reason') : t('text')}
                rules={[{ required: true, message: t('textNeeded') }]}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <ErrorNote error={error} spaced />
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('record')}
              </Button>
            </Form>
          ) : null}
        </Space>
      )}
    </Drawer>
  );
}
