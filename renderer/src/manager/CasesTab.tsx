import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolledRead } from '../lib/usePolling.ts';
import { CaseReportCard } from '../cases/CaseReportCard.tsx';
import { CaseTable } from '../cases/CaseTable.tsx';
import { useCaseApi } from '../cases/caseClient.ts';
import { useCaseDrawer } from '../cases/useCaseDrawer.tsx';
import { useManager } from './store.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';

const CASES_POLL_MS = 30_000;

/** The month a report opens on: this one, in the screen's clock. */
const thisMonth = () => new Date().toISOString().slice(0, 7);

/**
 * 事项: the duty manager's overdue list (R-DUTY-1, red), every open case, reassignment from a case's
 * drawer (R-FR-1), and the month-end report (R-CMP-2).
 */
export function CasesTab() {
  const { t } = useTranslation('cases');
  const token = useManager((s) => s.token);
  const api = useCaseApi(token);
  const { data, error, load } = usePolledRead(
    () => Promise.all([api.cases({ overdue: true }), api.cases({ scope: 'all' })]),
    CASES_POLL_MS,
    token,
  );
  const [overdue, open] = data ?? [[], []];
  const { show, drawer } = useCaseDrawer(api, true, load);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <ErrorNote error={error} />
      <Card
        size="small"
        title={
          <span style={{ color: overdue.length ? '#cf1322' : undefined }}>
            {t('overdueList', { count: overdue.length })}
          </span>
        }
        styles={overdue.length ? { header: { background: '#fff1f0' } } : {}}
      >
        <CaseTable rows={overdue} onOpen={show} showOwner empty={t('noOverdue')} />
      </Card>
      <Card size="small" title={t('allOpen', { count: open.length })}>
        <CaseTable rows={open} onOpen={show} showOwner empty={t('noCases')} />
      </Card>
      {token ? <CaseReportCard api={api} token={token} month={thisMonth()} /> : null}
      {drawer}
    </Space>
  );
}
