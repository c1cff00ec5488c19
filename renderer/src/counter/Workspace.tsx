import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Spin,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Ticket } from '../../../shared/queue/model.ts';
import type { HallApi } from '../../../shared/api/hall/index.ts';
import type { Client } from '../lib/client.ts';
import { handlingMs, slaLevel } from '../../../shared/queue/sla.ts';
import { formatDuration, serviceName } from '../lib/format.ts';
import { useNow } from '../lib/useNow.ts';
import { heldTicket, hubUnreachable, useCounter } from './store.ts';
import { WaitingList } from './WaitingList.tsx';
import { WalkinForm, WalkinList } from './Walkins.tsx';
import { AwayDialog, OverrunDialog, TransferDialog } from './Dialogs.tsx';
import { CashierCard } from './money/CashierCard.tsx';
import { MyCases } from './MyCases.tsx';
import { CounterChecklists } from './CounterChecklists.tsx';
import { TodayReceipts } from './money/TodayReceipts.tsx';
import { CustomerScreenCard, inviteOnFinish } from './CustomerScreenCard.tsx';
import { HandoverCard } from './records/HandoverCard.tsx';
import { RegistersCard } from './records/RegistersCard.tsx';
import { useTold } from '../lib/useTold.ts';

const LEVEL_COLOR = { ok: 'green', warn: 'gold', over: 'red' } as const;

/** Why queue commands cannot work right now (a station cut off from its hub), or null. */
function useHubDown() {
  const node = useCounter((s) => s.node);
  const hubDown = useCounter((s) => s.hubDown);
  return hubUnreachable({ node, hubDown });
}

export function Workspace() {
  const { t } = useTranslation('counter');
  const down = useHubDown();
  const station = useCounter((s) => s.node?.role === 'station');
  return (
    <AntApp>
      {down ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={t('hubDownTitle')}
          description={
            <>
              <div>{t('hubDownExplain')}</div>
              {down.serverMessage ? <div>{t('hubDownServer', { message: down.serverMessage })}</div> : null}
            </>
          }
        />
      ) : null}
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <CurrentTicket />
            <CashierCard />
            <CustomerScreenCard />
            {down ? <WalkinForm /> : null}
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <WaitingList stale={down !== null} />
            {station ? <WalkinList /> : null}
            <TodayReceipts />
            <MyCases />
            <HandoverCard />
            <RegistersCard />
            <CounterChecklists />
          </Space>
        </Col>
      </Row>
    </AntApp>
  );
}

/** Finishes the ticket, then invites the rating when the setting says so (R-EVAL-1). */
async function finishAndInvite(
  api: Client<HallApi>,
  ticket: Ticket,
  counterNo: number,
  overrunReason?: string,
) {
  const done = await api.finish({ id: ticket.id, ...(overrunReason ? { body: { overrunReason } } : {}) });
  await inviteOnFinish(ticket, counterNo);
  return done;
}

/** A command's reply that is a ticket (parked and no-show ones are kept for return and reactivate). */
const isTicket = (value: unknown): value is Ticket => Ticket.safeParse(value).success;

/** The ticket this counter holds, its handling clock (R-SLA-1), and every action valid for it. */
function CurrentTicket() {
  const { t, i18n } = useTranslation(['counter', 'common']);
  const { message } = AntApp.useApp();
  const session = useCounter((s) => s.session)!;
  const hall = useCounter((s) => s.hall);
  const ticket = useCounter((s) => heldTicket(s));
  const loaded = useCounter((s) => s.queue !== null);
  const counter = hall?.counters.find((c) => c.counterNo === session.counterNo);
  const [dialog, setDialog] = useState<'transfer' | 'away' | 'overrun' | null>(null);
  const now = useNow(1000);
  const service = hall?.services.find((s) => s.code === ticket?.serviceCode);

  const told = useTold();
  // A failure is told by a toast and ends there: the ticket's buttons stay as they were.
  const run = useCallback(
    (call: (api: Client<HallApi>) => Promise<unknown>, okText?: string) =>
      told(async () => {
        const result = await useCounter.getState().act(call);
        if (isTicket(result) && (result.status === 'no_show' || result.status === 'parked'))
          useCounter.getState().remember(result);
        return result;
      }, okText).catch(() => undefined),
    [told],
  );
  const callNext = () =>
    run(async (api) => {
      const next = await api.callNext({ no: session.counterNo });
      if (next === undefined) void message.info(t('noneWaiting'));
      return next;
    });

  // R-SLA-1: the running clock excludes time the ticket was parked.
  const elapsed = ticket?.startedAt ? handlingMs(ticket, now) : 0;
  const level =
    ticket?.status === 'serving' && service
      ? slaLevel(elapsed, service.slaMinutes, hall!.settings.slaWarnRatio)
      : 'ok';
  const finish = () => {
    if (level === 'over') setDialog('overrun');
    else void run(async (api) => finishAndInvite(api, ticket!, session.counterNo), t('finished'));
  };
  const away = counter?.status === 'away';
  // Queue commands go through the hub: without it they cannot work, so they are disabled, with why.
  const blocked = useHubDown() !== null;
  const onTicket = (command: 'recall' | 'start' | 'park' | 'noShow', id: string) =>
    run((api) => api[command]({ id }));
  /** A command on the held ticket as a large button, labelled by its name. */
  const ticketButton = (command: 'recall' | 'start' | 'park', id: string, primary = false) => (
    <Button
      disabled={blocked}
      type={primary ? 'primary' : undefined}
      size="large"
      onClick={() => void onTicket(command, id)}
    >
      {t(command)}
    </Button>
  );

  useEffect(() => {
    const keys = (e: KeyboardEvent) => {
      if (blocked) return;
      if (e.key === 'F1' && !ticket && !away) void callNext();
      else if (e.key === 'F2' && ticket?.status === 'called') void onTicket('recall', ticket.id);
      else if (e.key === 'F3' && ticket?.status === 'called') void onTicket('start', ticket.id);
      else if (e.key === 'F4' && ticket) finish();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', keys);
    return () => window.removeEventListener('keydown', keys);
  });

  return (
    <Card
      title={t('current')}
      extra={<Tag color={away ? 'gold' : 'blue'}>{away ? t('awayTag') : t('openTag')}</Tag>}
    >
      {blocked ? (
        <Typography.Paragraph type="danger" strong>
          {t('queueDisabled')}
        </Typography.Paragraph>
      ) : null}
      {away ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('awayNow', { reason: counter?.awayReason ?? '' })}</Typography.Text>
          <Button
            disabled={blocked}
            type="primary"
            size="large"
            block
            onClick={() => void run((api) => api.comeBack({ no: session.counterNo }))}
          >
            {t('back')}
          </Button>
        </Space>
      ) : !loaded && !blocked ? (
        // With the hub down the queue cannot load: the disabled buttons below say more than a spinner.
        <Spin size="large" tip={t('loadingQueue')} aria-busy="true">
          <div style={{ minHeight: 160 }} />
        </Spin>
      ) : ticket ? (
        <>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 72 }} aria-label={t('currentNumber')}>
            {ticket.number}
          </Typography.Title>
          <Descriptions column={1} size="small" style={{ margin: '12px 0' }}>
            <Descriptions.Item label={t('service')}>
              {serviceName(hall?.services, ticket.serviceCode, i18n.language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              {ticket.status === 'serving' ? t('common:statusServing') : t('common:statusCalled')}
              {ticket.priority ? (
                <Tag color="purple" style={{ marginLeft: 8 }}>
                  {t('priority')}
                </Tag>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('recalls')}>{ticket.recallCount}</Descriptions.Item>
            {ticket.status === 'serving' && service ? (
              <Descriptions.Item label={t('handling')}>
                <Tag
                  color={LEVEL_COLOR[level]}
                  style={{ fontSize: 20, padding: '4px 10px' }}
                  data-sla={level}
                >
                  {formatDuration(elapsed)} / {t('limit', { minutes: service.slaMinutes })} ·{' '}
                  {t(`sla_${level}`)}
                </Tag>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Space wrap>
            {ticket.status === 'called' ? (
              <>
                {ticketButton('recall', ticket.id)}
                {ticketButton('start', ticket.id, true)}
                {/* A no-show sends the customer away: never one stray click next to 开始办理. */}
                <Popconfirm
                  title={t('noShowConfirm', { number: ticket.number })}
                  description={t('noShowConfirmHint', { count: ticket.recallCount })}
                  okText={t('noShow')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common:cancel')}
                  onConfirm={() => void onTicket('noShow', ticket.id)}
                  disabled={blocked}
                >
                  <Button disabled={blocked} size="large" danger>
                    {t('noShow')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
            <Button disabled={blocked} type="primary" size="large" onClick={finish}>
              {t('finish')}
            </Button>
            <Button disabled={blocked} size="large" onClick={() => setDialog('transfer')}>
              {t('transfer')}
            </Button>
            {ticketButton('park', ticket.id)}
          </Space>
        </>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Empty description={loaded ? t('nothingHeld') : t('queueUnknown')} />
          <Button
            disabled={blocked}
            type="primary"
            size="large"
            block
            style={{ height: 64, fontSize: 24 }}
            onClick={() => void callNext()}
          >
            {t('callNext')}
          </Button>
          <Button disabled={blocked} size="large" block onClick={() => setDialog('away')}>
            {t('away')}
          </Button>
        </Space>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('shortcuts')}
      </Typography.Paragraph>
      {dialog === 'transfer' && ticket ? (
        <TransferDialog
          onClose={() => setDialog(null)}
          onSubmit={(body) => run((api) => api.transfer({ id: ticket.id, body }), t('transferred'))}
        />
      ) : null}
      {dialog === 'away' ? (
        <AwayDialog
          onClose={() => setDialog(null)}
          onSubmit={(body) => run((api) => api.goAway({ no: session.counterNo, body }))}
        />
      ) : null}
      {dialog === 'overrun' && ticket ? (
        <OverrunDialog
          limit={service?.slaMinutes ?? 0}
          onClose={() => setDialog(null)}
          onSubmit={(overrunReason) =>
            run(async (api) => finishAndInvite(api, ticket, session.counterNo, overrunReason), t('finished'))
          }
        />
      ) : null}
    </Card>
  );
}
