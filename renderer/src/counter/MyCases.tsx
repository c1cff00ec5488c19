import { useState } from 'react';
import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolledRead } from '../lib/usePolling.ts';
import { CaseTable } from '../cases/CaseTable.tsx';
import { OpenCaseDialog } from '../cases/OpenCaseDialog.tsx';
import { useCaseApi } from '../cases/caseClient.ts';
import { useCaseDrawer } from '../cases/useCaseDrawer.tsx';
import { heldTicket, useCounter } from './store.ts';
import { Note } from '../lib/Note.tsx';

/** Cases change seldom and are not broadcast: the list is read again this often (reminders move with time). */
const CASES_POLL_MS = 30_000;

/**
 * 我的事项: the cases this clerk owns, due soonest first, with reminders (orange) and overdue ones (red),
 * and 登记事项 to open one, linked to the ticket at the counter when there is one (R-FR-1, R-FR-2).
 */
export function MyCases() {
  const { t } = useTranslation('cases');
  const token = useCounter((s) => s.session?.token);
  const ticket = useCounter(heldTicket);
  const api = useCaseApi(token);
  const [opening, setOpening] = useState(false);
  const { data: rows = [], error, load } = usePolledRead(() => api.cases({}), CASES_POLL_MS, token);
  const { show, drawer } = useCaseDrawer(api, false, load);
  const reminders = rows.filter((c) => c.remind || c.overdue).length;
  return (
    <Card
      title={t('myCases')}
      extra={
        <Button type="primary" onClick={() => setOpening(true)}>
          {t('openCase')}
        </Button>
      }
    >
      <Note type="warning" message={reminders > 0 && t('remindBanner', { count: reminders })} />
      <Note type="error" message={error} />
      <CaseTable rows={rows} onOpen={show} empty={t('noCases')} />
      {opening ? (
        <OpenCaseDialog
          ticket={ticket ? { id: ticket.id, number: ticket.number } : null}
          onClose={() => setOpening(false)}
          onSubmit={async (body) => {
            await api.openCase({ body });
            await load();
          }}
        />
      ) : null}
      {drawer}
    </Card>
  );
}
