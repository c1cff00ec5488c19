import { App as AntApp, Button, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketViewT } from '../../../shared/api/schemas.ts';
import { formatDuration, serviceName } from '../lib/format.ts';
import { useCounter } from './store.ts';
import { ListTable } from '../lib/ListTable.tsx';

/** What this counter may call, in the order it would call them, plus its parked and no-show tickets. */
export function WaitingList({ stale = false }: { stale?: boolean }) {
  const { t, i18n } = useTranslation(['counter', 'common']);
  const { message } = AntApp.useApp();
  const queue = useCounter((s) => s.queue);
  const hall = useCounter((s) => s.hall);
  const recent = useCounter((s) => s.recent);
  const session = useCounter((s) => s.session)!;
  const name = (code: string) => serviceName(hall?.services, code, i18n.language);
  const act = async (id: string, action: 'resume' | 'reactivate') => {
    try {
      await useCounter.getState().act((api) => api[action]({ id }));
      useCounter.setState({ recent: useCounter.getState().recent.filter((x) => x.id !== id) });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const mine = recent.filter(
    (r) => r.counterNo === session.counterNo || r.targetCounterNo === session.counterNo,
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        // Until the first queue reply there is no count to show: "0 waiting" would be a wrong answer.
        title={queue ? t('waitingTitle', { count: queue.waiting.length }) : t('waitingTitleLoading')}
        loading={queue === null}
        aria-busy={queue === null}
        extra={
          <Space>
            {queue ? <span>{t('waitingInHall', { count: queue.waitingInHall })}</span> : null}
            {stale ? <Tag color="red">{t('staleQueue')}</Tag> : null}
          </Space>
        }
      >
        <ListTable<TicketViewT>
          rowKey="id"
          pageSize={12}
          dataSource={queue?.waiting ?? []}
          columns={[
            { title: '#', render: (_v, _r, i) => i + 1, width: 48 },
            { title: t('number'), dataIndex: 'number', render: (n: string) => <strong>{n}</strong> },
            { title: t('service'), dataIndex: 'serviceCode', render: name },
            {
              title: t('flags'),
              render: (_v, r) => (
                <>
                  {r.priority ? <Tag color="purple">{t('priority')}</Tag> : null}
                  {r.status === 'transferred' ? (
                    <Tag color="cyan">{t('common:statusTransferred')}</Tag>
                  ) : null}
                  {r.targetCounterNo ? <Tag>{t('forCounter', { counterNo: r.targetCounterNo })}</Tag> : null}
                </>
              ),
            },
            { title: t('waited'), dataIndex: 'waitedMs', render: (ms: number) => formatDuration(ms) },
          ]}
        />
      </Card>
      {mine.length > 0 ? (
        <Card title={t('parkedAndNoShow')}>
          {mine.map((r) => (
            <Space key={r.id} style={{ marginRight: 16 }}>
              <strong>{r.number}</strong>
              <Tag>{r.status === 'parked' ? t('common:statusParked') : t('common:statusNoShow')}</Tag>
              {r.status === 'parked' ? (
                <Button disabled={stale} onClick={() => void act(r.id, 'resume')}>
                  {t('return')}
                </Button>
              ) : (
                <Button disabled={stale} onClick={() => void act(r.id, 'reactivate')}>
                  {t('reactivate')}
                </Button>
              )}
            </Space>
          ))}
        </Card>
      ) : null}
    </Space>
  );
}
