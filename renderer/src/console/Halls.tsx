import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeviceDeliveryT, HallStatusT, NewHallReplyT } from '../../../shared/api/console.ts';
import { formatDateTime, formatSpan } from '../lib/format.ts';
import { describeMismatches } from '../lib/integrity.ts';
import { useCanEdit, useConsole } from './store.ts';
import { ListTable } from '../lib/ListTable.tsx';
import { requiredText } from '../lib/formRules.ts';

/** The message for each way a hall's journal can differ from what head office acknowledged (issue 9). */
interface DeviceRow extends DeviceDeliveryT {
  hub: boolean;
  revoked: boolean;
}

/** Every hall: online state, last push, clock-skew flags, device cursors; create a hall, revoke a hub. */
export function Halls() {
  const { t, i18n } = useTranslation('console');
  const { message } = AntApp.useApp();
  const halls = useConsole((s) => s.halls);
  const delivery = useConsole((s) => s.delivery);
  const backlogs = useConsole((s) => s.backlogs);
  const canEdit = useCanEdit();
  const [creating, setCreating] = useState(false);
  const [code, setCode] = useState<(NewHallReplyT & { name: string }) | null>(null);
  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const lang = i18n.language;
  const ago = (ms: number | null) =>
    ms === null ? t('never') : t('ago', { duration: formatSpan(Date.now() - ms, lang) });

  const devicesOf = (h: HallStatusT): DeviceRow[] => {
    const rows: DeviceRow[] = delivery
      .filter((d) => d.hallId === h.hallId)
      .map((d) => {
        const hub = h.hubs.find((x) => x.deviceId === d.deviceId);
        return { ...d, hub: hub !== undefined, revoked: hub?.revoked ?? false };
      });
    // A hub that paired but has not pushed yet has no cursor; it is listed all the same.
    for (const hub of h.hubs)
      if (!rows.some((r) => r.deviceId === hub.deviceId))
        rows.push({
          deviceId: hub.deviceId,
          hallId: h.hallId,
          ackedSeq: 0,
          lastPushAt: null,
          skewMs: null,
          lastRowOccurredAt: null,
          lastRowReceivedAt: null,
          arrivalLagMs: null,
          hub: true,
          revoked: hub.revoked,
        });
    return rows.sort((a, b) => Number(b.hub) - Number(a.hub));
  };

  const skewTag = (skewMs: number | null) =>
    skewMs === null ? (
      <Tag color="green">{t('skewOk')}</Tag>
    ) : (
      <Tag color="orange">
        ⚠ {t('skewFlag', { duration: formatSpan(skewMs, lang) })} (
        {skewMs > 0 ? t('skewAhead') : t('skewBehind')})
      </Tag>
    );

  const create = async (v: { name: string }) => {
    try {
      const reply = await useConsole.getState().api.createHall({ body: v });
      setCreating(false);
      setCode({ ...reply, name: v.name });
      await useConsole.getState().loadHalls();
    } catch (e) {
      fail(e);
    }
  };
  const newCode = async (h: HallStatusT) => {
    try {
      const reply = await useConsole.getState().api.hallPairingCode({ id: h.hallId });
      setCode({ ...reply, hallId: h.hallId, name: h.name });
    } catch (e) {
      fail(e);
    }
  };
  const revoke = async (deviceId: string) => {
    try {
      await useConsole.getState().api.revokeHallDevice({ id: deviceId });
      void message.success(t('revokedDone'));
      await useConsole.getState().loadHalls();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card
      title={t('hallsTitle')}
      extra={
        canEdit ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('newHall')}
          </Button>
        ) : null
      }
    >
      <ListTable<HallStatusT>
        size="middle"
        rowKey="hallId"
        dataSource={halls}
        expandable={{
          expandedRowRender: (h) => (
            <ListTable<DeviceRow>
              rowKey="deviceId"
              dataSource={devicesOf(h)}
              columns={[
                {
                  title: t('device'),
                  dataIndex: 'deviceId',
                  render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
                },
                {
                  title: t('deviceKind'),
                  render: (_v, d) => (d.hub ? t('kindHub') : t('kindStation')),
                },
                { title: t('ackedSeq'), dataIndex: 'ackedSeq', align: 'right' },
                { title: t('lastPush'), render: (_v, d) => ago(d.lastPushAt) },
                { title: t('skew'), render: (_v, d) => skewTag(d.skewMs) },
                {
                  title: t('arrivalLagCol'),
                  render: (_v, d) => (d.arrivalLagMs === null ? '—' : formatSpan(d.arrivalLagMs, lang)),
                },
                {
                  title: t('state'),
                  render: (_v, d) =>
                    !d.hub ? null : d.revoked ? (
                      <Tag color="red">{t('revoked')}</Tag>
                    ) : (
                      <Space>
                        <Tag color="blue">{t('active')}</Tag>
                        {canEdit ? (
                          <Popconfirm title={t('revokeConfirm')} onConfirm={() => void revoke(d.deviceId)}>
                            <Button danger size="small">
                              {t('revoke')}
                            </Button>
                          </Popconfirm>
                        ) : null}
                      </Space>
                    ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('hall'), dataIndex: 'name' },
          {
            title: t('state'),
            render: (_v, h) =>
              h.online ? <Tag color="green">{t('online')}</Tag> : <Tag>{t('offline')}</Tag>,
          },
          {
            title: t('lastPush'),
            render: (_v, h) => (
              <Tooltip title={h.lastPushAt ? formatDateTime(h.lastPushAt, lang) : undefined}>
                {ago(h.lastPushAt)}
              </Tooltip>
            ),
          },
          {
            title: (
              <Tooltip title={t('backlogHelp')}>
                <span style={{ borderBottom: '1px dotted' }}>{t('backlog')}</span>
              </Tooltip>
            ),
            render: (_v, h) => {
              const b = backlogs.find((x) => x.hallId === h.hallId);
              if (!b) return <Typography.Text type="secondary">{t('backlogUnknown')}</Typography.Text>;
              if (b.backlogRows === 0) return t('backlogNone');
              return t('backlogRows', {
                rows: b.backlogRows,
                age: b.oldestUnsentAt === null ? '—' : formatSpan(Date.now() - b.oldestUnsentAt, lang),
              });
            },
          },
          {
            title: t('skew'),
            render: (_v, h) => {
              const flagged = h.devices.find((d) => d.skewMs !== null);
              return skewTag(flagged?.skewMs ?? null);
            },
          },
          {
            title: t('quarantined'),
            dataIndex: 'quarantined',
            render: (n: number) => <Tag color={n > 0 ? 'red' : 'default'}>{n}</Tag>,
          },
          {
            // The hall's hub found its journal differs from what head office acknowledged (issue 9).
            title: t('integrity'),
            render: (_v, h) =>
              h.integrity ? (
                <Tooltip title={describeMismatches(t, h.integrity.mismatches)}>
                  <Tag color="red" data-testid="integrity-mismatch">
                    {t('integrityMismatch', { time: formatDateTime(h.integrity.reportedAt, lang) })}
                  </Tag>
                </Tooltip>
              ) : (
                <Tag>{t('integrityNone')}</Tag>
              ),
          },
          { title: t('devices'), render: (_v, h) => devicesOf(h).length },
          ...(canEdit
            ? [
                {
                  title: t('actions'),
                  render: (_v: unknown, h: HallStatusT) => (
                    <Button onClick={() => void newCode(h)}>{t('newCode')}</Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={creating}
        title={t('newHall')}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={(v) => void create(v as { name: string })}>
          <Form.Item label={t('hallName')} name="name" rules={requiredText(t('hallNameRule'), 60)}>
            <Input autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('create')}
          </Button>
        </Form>
      </Modal>
      <Modal open={code !== null} title={t('pairingTitle')} onCancel={() => setCode(null)} footer={null}>
        {code ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{code.name}</Typography.Text>
            <Typography.Title level={1} style={{ margin: 0, letterSpacing: 8 }} data-testid="pairing-code">
              {code.pairingCode}
            </Typography.Title>
            <Typography.Text>
              {t('pairingExpires', { time: formatDateTime(code.expiresAt, lang) })}
            </Typography.Text>
            <Alert
              type="info"
              message={t('pairingHow')}
              description={
                <Typography.Paragraph code copyable style={{ margin: 0, wordBreak: 'break-all' }}>
                  {`npm run hall -- --data DIR --headoffice ${location.origin} --pair ${code.pairingCode}`}
                </Typography.Paragraph>
              }
            />
          </Space>
        ) : null}
      </Modal>
    </Card>
  );
}
