import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolledRead } from '../lib/usePolling.ts';
import { useCaseApi } from '../cases/caseClient.ts';
import { FillableChecklists } from '../checklists/ChecklistForm.tsx';
import { isRed } from '../checklists/ChecklistTable.tsx';
import { useCounter } from './store.ts';

/** Checklists move with the clock (a window opens, a due time passes): read again this often. */
const CHECKLISTS_POLL_MS = 30_000;

/** 检查: the checklists due today for this clerk's role (opening, disinfection, health, closing), filled in here. */
export function CounterChecklists() {
  const { t } = useTranslation('checklists');
  const token = useCounter((s) => s.session?.token);
  const hubDown = useCounter((s) => s.hubDown !== null);
  const api = useCaseApi(token);
  const {
    data: rows = [],
    error,
    load,
  } = usePolledRead(() => api.checklistsDue({}), CHECKLISTS_POLL_MS, token);
  const red = rows.filter(isRed).length;
  return (
    <Card title={t('counterTitle')} data-panel="checklists">
      {red ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          message={t('overdueBanner', { count: red })}
        />
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} /> : null}
      {/* Local-first: this counter records checklists with its hub down, but knows only its own. */}
      {hubDown ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('hubDownNote')} />
      ) : null}
      <FillableChecklists api={api} rows={rows} onChanged={() => void load()} empty={t('noneDue')} />
    </Card>
  );
}
