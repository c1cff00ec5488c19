import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Switch,
  Tag,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { HallApi } from '../../../shared/api/hall/index.ts';
import { ApiError, type Client } from '../lib/client.ts';
import { useState } from 'react';
import { OverrideDialog } from './OverrideDialog.tsx';
import type { CounterState } from '../../../shared/queue/model.ts';
import type { HallStateT } from '../../../shared/api/schemas.ts';
import { formatClock, formatDuration } from '../lib/format.ts';
import { useManager } from './store.ts';
import { ListTable } from '../lib/ListTable.tsx';

/** The hall live (R-DUTY-1): waiting, longest wait, counters and who is at them, alerts, open/close. */
export function HallLive() {
  const { t, i18n } = useTranslation(['manager', 'common', 'records']);
  const { message } = AntApp.useApp();
  const hall = useManager((s) => s.hall);
  const sync = useManager((s) => s.sync);
  const [override, setOverride] = useState<{ action: 'open' | 'close'; why: string } | null>(null);
  if (!hall) return null;
  const tz = hall.settings.timeZone;
  const act = (call: (api: Client<HallApi>) => Promise<unknown>) =>
    void useManager
      .getState()
      .act(call)
      .catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e)));
  // R-OPEN-1, R-CLOSE-1: refused for the opening check or the two-staff rule, the manager may override with a reason.
  const hallDay = (action: 'open' | 'close') =>
    void useManager
      .getState()
      .act((api) => (action === 'open' ? api.openHall() : api.closeHall()))
      .catch((e: unknown) => {
        if (e instanceof ApiError && (e.code === 'E_OPENING_CHECK' || e.code === 'E_TWO_STAFF'))
          setOverride({ action, why: e.message });
        else void message.error(e instanceof Error ? e.message : String(e));
      });
  const waiting = hall.services.reduce((n, s) => n + s.waiting, 0);
  const en = i18n.language === 'en';
  // R-AWAY-1: worded here from the alert's facts; one journaled as a sentence shows that sentence.
  const alertText = (a: HallStateT['alerts'][number]) =>
    a.away
      ? t('alertAwayOverdue', { counterNo: a.counterNo, ...a.away })
      : a.facts
        ? t(`records:alert.${a.kind}`, { counterNo: a.counterNo ?? '—', ...a.facts })
        : a.message;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {override ? (
        <OverrideDialog
          action={override.action}
          why={override.why}
          onClose={() => setOverride(null)}
          onSubmit={async (reason) => {
            const body = { override: { reason } };
            await useManager
              .getState()
              .act((api) => (override.action === 'open' ? api.openHall({ body }) : api.closeHall({ body })));
            setOverride(null);
          }}
        />
      ) : null}
      {sync.some((r) => !r.connected) ? <Alert type="warning" showIcon message={t('syncAlert')} /> : null}
      {/* R-DUTY-1: customers hold tickets no staffed counter can call — the manager sees it at once. */}
      {hall.services
        .filter((s) => s.open && s.waiting > 0 && !s.counterOpen)
        .map((s) => (
          <Alert
            key={`no-counter-${s.code}`}
            type="error"
            showIcon
            role="alert"
            message={t('alertNoCounter', { service: `${s.prefix} ${en ? s.nameEn : s.name}` })}
            description={t('alertNoCounterExplain', { count: s.waiting })}
          />
        ))}
      {hall.alerts.map((a) => (
        <Alert
          key={a.id}
          type={a.kind === 'visitor_turned_away' || a.kind === 'handover_disagreement' ? 'error' : 'warning'}
          showIcon
          data-alert={a.kind}
          message={a.kind === 'away_overdue' ? t('alertAway') : t(`records:alertTitle.${a.kind}`)}
          description={`${alertText(a)} · ${formatClock(a.at, i18n.language, tz)}`}
          action={
            a.kind === 'away_overdue' ? undefined : (
              <Button size="small" onClick={() => act((api) => api.acknowledgeAlert({ id: a.id }))}>
                {t('records:acknowledge')}
              </Button>
            )
          }
        />
      ))}
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title={t('waitingNow')} value={waiting} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title={t('longestWait')} value={formatDuration(hall.stats.longestWaitMs)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title={t('issuedToday')} value={hall.stats.issuedToday} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title={t('servedToday')} value={hall.stats.servedToday} />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('hallState')}
        extra={
          hall.open ? (
            <Popconfirm
              title={t('closeConfirm')}
              description={t('closeExplain')}
              onConfirm={() => hallDay('close')}
            >
              <Button danger>{t('closeHall')}</Button>
            </Popconfirm>
          ) : (
            <Button type="primary" onClick={() => hallDay('open')}>
              {t('openHall')}
            </Button>
          )
        }
      >
        <Tag color={hall.issuing ? 'green' : 'red'}>
          {hall.issuing ? t('issuing') : hall.open ? t('outsideHours') : t('closed')}
        </Tag>
        {t('hours', { open: hall.settings.openingTime, close: hall.settings.closingTime })}
      </Card>
      <Card title={t('services')}>
        <ListTable
          rowKey="code"
          dataSource={hall.services}
          columns={[
            { title: t('prefix'), dataIndex: 'prefix' },
            { title: t('service'), render: (_v, s) => (en ? s.nameEn : s.name) },
            { title: t('waitingCol'), dataIndex: 'waiting' },
            {
              title: t('limitCol'),
              dataIndex: 'slaMinutes',
              render: (m: number) => t('common:minutes', { count: m }),
            },
            {
              title: t('issuingCol'),
              render: (_v, s) => (
                <Switch
                  checked={s.open}
                  checkedChildren={t('on')}
                  unCheckedChildren={t('off')}
                  onChange={(on) => act((api) => (on ? api.openService : api.closeService)({ code: s.code }))}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('counters')}>
        <ListTable<CounterState>
          rowKey="counterNo"
          dataSource={hall.counters}
          columns={[
            { title: t('counter'), dataIndex: 'name' },
            { title: t('staff'), dataIndex: 'staffName', render: (n: string | null) => n ?? '—' },
            {
              title: t('state'),
              render: (_v, c) =>
                c.status === 'away' ? (
                  <Tag color="gold">
                    {t('away', {
                      reason: c.awayReason ?? '',
                      time: c.returnAt ? formatClock(c.returnAt, i18n.language, tz) : '—',
                    })}
                  </Tag>
                ) : (
                  <Tag color={c.status === 'open' ? 'green' : 'default'}>
                    {c.status === 'open' ? t('open') : t('closedCounter')}
                  </Tag>
                ),
            },
            { title: t('servicesCol'), dataIndex: 'services', render: (s: string[]) => s.join(' ') },
          ]}
        />
      </Card>
    </Space>
  );
}
