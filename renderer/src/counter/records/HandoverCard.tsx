import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolledRead } from '../../lib/usePolling.ts';
import type { CaseRowT } from '../../cases/caseClient.ts';
import { HandoverHeader, HandoverItemsTable } from '../../records/HandoverItems.tsx';
import { useCounterApi } from './useCounterApi.ts';
import { AcceptHandoverDialog } from './AcceptHandoverDialog.tsx';
import { WriteHandoverDialog } from './WriteHandoverDialog.tsx';
import { Note } from '../../lib/Note.tsx';

const POLL_MS = 30_000;

/**
 * 交接班 at the counter (R-HAND-1, R-HAND-2): the handover waiting here — the writer's own shows as not
 * theirs to sign, anyone else's opens item by item — and writing the next one.
 */
export function HandoverCard() {
  const { t, i18n } = useTranslation('records');
  const { message } = AntApp.useApp();
  const { token, tz, api } = useCounterApi();
  const [cases, setCases] = useState<CaseRowT[]>([]);
  const [dialog, setDialog] = useState<'write' | 'accept' | null>(null);
  const { data: state, error, load } = usePolledRead(() => api.counterHandovers(), POLL_MS, token);
  const fail = (e: unknown) => {
    void message.error(e instanceof Error ? e.message : String(e));
    throw e;
  };
  const openWrite = () => {
    // Open matters link to the clerk's open cases; the list is the hub's (a station forwards it).
    void api.cases({}).then(setCases, () => setCases([]));
    setDialog('write');
  };
  const waiting = state?.waiting ?? null;
  return (
    <Card
      title={t('handoverTitle')}
      data-card="handover"
      extra={
        <Button type="primary" onClick={openWrite} disabled={waiting !== null}>
          {t('write')}
        </Button>
      }
    >
      <Note type="error" message={error} />
      {waiting ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {waiting.mine ? (
            <Alert type="warning" showIcon message={t('mineNotSignable')} data-mine />
          ) : (
            <Alert
              type="info"
              showIcon
              message={t('waitingForYou', { name: waiting.writerName })}
              action={
                <Button type="primary" onClick={() => setDialog('accept')}>
                  {t('acceptOpen')}
                </Button>
              }
            />
          )}
          <HandoverHeader handover={waiting} lang={i18n.language} tz={tz} />
          <HandoverItemsTable handover={waiting} tz={tz} />
        </Space>
      ) : (
        <Empty description={t('noneWaiting')} />
      )}
      {state?.carryOver.length ? (
        <Tag color="orange" style={{ marginTop: 12 }}>
          {t('carryOverCount', { count: state.carryOver.length })}
        </Tag>
      ) : null}
      {dialog === 'write' && state ? (
        <WriteHandoverDialog
          kinds={state.kinds}
          carryOver={state.carryOver}
          cases={cases}
          onClose={() => setDialog(null)}
          onSubmit={(items) =>
            api.writeHandover({ body: { items } }).then(() => {
              void message.success(t('written'));
              return load();
            }, fail)
          }
        />
      ) : null}
      {dialog === 'accept' && waiting ? (
        <AcceptHandoverDialog
          handover={waiting}
          onClose={() => setDialog(null)}
          onSubmit={(items, pin) =>
            api.acceptHandover({ id: waiting.id, body: { items, pin } }).then(() => {
              void message.success(t('signed'));
              return load();
            }, fail)
          }
        />
      ) : null}
    </Card>
  );
}
