import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolledRead } from '../lib/usePolling.ts';
import { useCaseApi } from '../cases/caseClient.ts';
import { FillableChecklists } from '../checklists/ChecklistForm.tsx';
import { isRed } from '../checklists/ChecklistTable.tsx';
import { useCounter } from './store.ts';
import { Note } from '../lib/Note.tsx';

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
      <Note type="error" message={red > 0 && t('overdueBanner', { count: red })} />
      <Note type="error" message={error} />
      {/* Local-first: this counter records checklists with its hub down, but knows only its own. */}
      <Note type="warning" message={hubDown && t('hubDownNote')} />
      <FillableChecklists api={api} rows={rows} onChanged={() => void load()} empty={t('noneDue')} />
    </Card>
  );
}
